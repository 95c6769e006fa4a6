//! `campaign-desk pdf ...`: the printed documents from a script, the same as the Print screen's.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use desk_core::print::document::{self, Kind, Request};
use desk_core::{appeals, receipts, safe_file, Id, Store};

#[derive(Debug, Args)]
pub struct PdfArgs {
    #[command(subcommand)]
    pub document: PdfDocument,
    /// Where to save the PDF
    #[arg(
        short = 'o',
        long = "output",
        value_name = "FILE",
        global = true,
        required = false
    )]
    pub output: Option<PathBuf>,
    /// letter, a4, tabloid, or a custom size in millimetres such as 250x380mm
    #[arg(long, default_value = "letter", global = true)]
    pub size: String,
    /// The language of the document's own words: en, fa or es [default: the commands'
    /// language, CAMPAIGN_DESK_LANG or the system's]
    #[arg(long, global = true)]
    pub lang: Option<String>,
    /// Flyers: a second language, front and back (or side by side with --side-by-side)
    #[arg(long, value_name = "LANG", global = true)]
    pub second_lang: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum PdfDocument {
    /// An event's flyer: a full page, or two half-page handbills to a sheet
    Flyer {
        #[arg(long, value_name = "ID")]
        event: Id,
        /// Two handbills to a sheet, to cut apart
        #[arg(long)]
        half: bool,
        /// What the QR code opens [default: the event's online link]
        #[arg(long, value_name = "URL")]
        link: Option<String>,
        /// A photo (PNG or JPEG)
        #[arg(long, value_name = "FILE")]
        photo: Option<PathBuf>,
        /// With --second-lang: the two languages side by side, not front and back
        #[arg(long)]
        side_by_side: bool,
    },
    /// The appeal as an ad or poster: its words, then the signers who chose to be shown
    Appeal {
        #[arg(long, value_name = "SLUG")]
        appeal: String,
        /// Columns of names
        #[arg(long, default_value_t = 3)]
        columns: usize,
    },
    /// A sign-up sheet for a table, registered under the appeal's next sheet number
    Sheet {
        #[arg(long, value_name = "SLUG")]
        appeal: String,
        #[arg(long, default_value_t = document::DEFAULT_SHEET_ROWS)]
        rows: usize,
        /// The event whose table it is for
        #[arg(long, value_name = "ID")]
        event: Option<Id>,
    },
    /// An event's door list: who is coming, alphabetical, then the waitlist
    DoorList {
        #[arg(long, value_name = "ID")]
        event: Id,
    },
    /// A report: signers, attendance, fundraising or the treasurer's ledger
    Report {
        #[command(subcommand)]
        report: Report,
    },
    /// A gift's receipt (issued on its first print, a copy after), or a donor's annual summary
    Receipt {
        /// The gift
        #[arg(long, value_name = "ID", conflicts_with_all = ["person", "year"], required_unless_present = "person")]
        donation: Option<Id>,
        /// The donor, for an annual summary (with --year)
        #[arg(long, value_name = "ID", requires = "year")]
        person: Option<Id>,
        #[arg(long, value_name = "YEAR")]
        year: Option<i32>,
        /// Who issues it, for the audit trail [default: this laptop's name]
        #[arg(long, value_name = "NAME")]
        who: Option<String>,
    },
    /// Every receipt still owed, issued and printed: one file, or one file per donor in the
    /// folder -o names
    Receipts {
        /// One PDF per donor, in the folder given with -o (made if missing)
        #[arg(long)]
        per_donor: bool,
        #[arg(long, value_name = "NAME")]
        who: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum Report {
    /// Signers per appeal, country, week, source and event, and the prominent ones
    Signers {
        /// One appeal [default: all]
        #[arg(long, value_name = "SLUG")]
        appeal: Option<String>,
    },
    /// An event's RSVPs, arrivals, walk-ins, no-shows, signatures, money and cash box
    Attendance {
        #[arg(long, value_name = "ID")]
        event: Id,
    },
    /// For supporters: each fund's goal and progress, months, methods, events, balances
    Fundraising {
        /// First day, YYYY-MM-DD [default: the start of the books]
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Last day, YYYY-MM-DD [default: the end of the books]
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
    },
    /// For the accountant: a period's gifts and expenses per fund with running balances
    Ledger {
        #[arg(long, value_name = "DATE")]
        from: String,
        #[arg(long, value_name = "DATE")]
        to: String,
    },
}

pub fn pdf(a: &PdfArgs, store: &mut Store) -> desk_core::Result<std::process::ExitCode> {
    let Some(output) = &a.output else {
        eprintln!("campaign-desk: {}", say!("cli.pdf.no_output"));
        return Ok(std::process::ExitCode::from(2));
    };
    let mut request = Request {
        size: a.size.clone(),
        lang: a
            .lang
            .clone()
            .unwrap_or_else(|| crate::cli_words::lang().code().to_owned()),
        second_lang: a.second_lang.clone(),
        ..Request::new(Kind::Flyer)
    };
    let mut photo = None;
    let mut sheet = None;
    match &a.document {
        PdfDocument::Flyer {
            event,
            half,
            link,
            photo: file,
            side_by_side,
        } => {
            request.event = Some(*event);
            request.half = *half;
            request.link = link.clone();
            request.side_by_side = *side_by_side;
            if let Some(file) = file {
                photo = Some(std::fs::read(file).map_err(|e| {
                    desk_core::Error::Invalid(
                        desk_core::messages::Message::new("file_unreadable")
                            .with("path", file.display())
                            .with("cause", e),
                    )
                })?);
            }
        }
        PdfDocument::Appeal { appeal, columns } => {
            request.kind = Kind::Appeal;
            request.appeal = Some(appeals::by_slug(store, appeal)?);
            request.columns = Some(*columns);
        }
        PdfDocument::Sheet {
            appeal,
            rows,
            event,
        } => {
            request.kind = Kind::Sheet;
            let appeal = appeals::by_slug(store, appeal)?;
            request.appeal = Some(appeal);
            request.rows = Some(*rows);
            request.event = *event;
            // Checked before the sheet is registered, so a mistake registers nothing.
            document::make(store, &request, None, None, false, &|_| {})?;
            sheet = document::record(store, &request)?;
        }
        PdfDocument::DoorList { event } => {
            request.kind = Kind::DoorList;
            request.event = Some(*event);
        }
        PdfDocument::Report { report } => match report {
            Report::Signers { appeal } => {
                request.kind = Kind::ReportSigners;
                request.appeal = appeal
                    .as_deref()
                    .map(|a| appeals::by_slug(store, a))
                    .transpose()?;
            }
            Report::Attendance { event } => {
                request.kind = Kind::ReportAttendance;
                request.event = Some(*event);
            }
            Report::Fundraising { from, to } => {
                request.kind = Kind::ReportFundraising;
                request.from = from.clone();
                request.to = to.clone();
            }
            Report::Ledger { from, to } => {
                request.kind = Kind::ReportLedger;
                request.from = Some(from.clone());
                request.to = Some(to.clone());
            }
        },
        PdfDocument::Receipt {
            donation,
            person,
            year,
            who,
        } => {
            request.who = who.clone();
            match donation {
                Some(d) => {
                    request.kind = Kind::Receipt;
                    request.donation = Some(*d);
                }
                None => {
                    request.kind = Kind::AnnualReceipt;
                    request.person = *person;
                    request.year = *year;
                }
            }
        }
        PdfDocument::Receipts { per_donor, who } => {
            request.kind = Kind::Receipts;
            request.who = who.clone();
            request.donations = receipts::owed(store.reader())?
                .into_iter()
                .map(|o| o.donation)
                .collect();
            if request.donations.is_empty() {
                println!("{}", say!("cli.pdf.none_owed"));
                return Ok(std::process::ExitCode::SUCCESS);
            }
            if *per_donor {
                return per_donor_files(store, &request, output);
            }
        }
    }
    if matches!(request.kind, Kind::Receipt | Kind::Receipts) {
        // Checked before anything is numbered, so a refusal numbers nothing.
        document::make(store, &request, None, None, false, &|_| {})?;
        document::record(store, &request)?;
    }
    let printed = document::make(store, &request, photo.as_deref(), sheet, false, &|_| {})?;
    safe_file::write_whole(output, &printed.pdf)?;
    for m in &printed.missing {
        eprintln!(
            "campaign-desk: {}",
            say!(
                "cli.pdf.missing_letter",
                letter = m.letter,
                code = m.code,
                text = m.text
            )
        );
    }
    if let (Kind::Receipt, Some(d)) = (request.kind, request.donation) {
        // The number the treasurer files it under, and whether this print was the first.
        if let Some(r) = receipts::for_donation(store.reader(), d)? {
            let (number, path) = (&r.number, output.display());
            let said = if r.voided_at.is_some() {
                say!("cli.pdf.receipt.void", number = number, path = path)
            } else if r.copies > 0 {
                say!("cli.pdf.receipt.copy", number = number, path = path)
            } else {
                say!("cli.pdf.receipt", number = number, path = path)
            };
            println!("{said}");
            return Ok(std::process::ExitCode::SUCCESS);
        }
    }
    let path = output.display();
    let said = match printed.sheet {
        Some(n) => say_count!("cli.pdf.sheet", printed.pages, sheet = n, path = path),
        None => say_count!("cli.pdf.pages", printed.pages, path = path),
    };
    println!("{said}");
    Ok(std::process::ExitCode::SUCCESS)
}

/// The owed receipts issued together, then written one PDF per donor into the folder `dir`.
fn per_donor_files(
    store: &mut Store,
    request: &Request,
    dir: &std::path::Path,
) -> desk_core::Result<std::process::ExitCode> {
    document::make(store, request, None, None, false, &|_| {})?;
    std::fs::create_dir_all(dir).map_err(|e| {
        desk_core::Error::Invalid(
            desk_core::messages::Message::new("file_unwritable")
                .with("path", dir.display())
                .with("cause", e),
        )
    })?;
    document::record(store, request)?;
    let files = document::per_donor(store, request)?;
    for (name, printed) in &files {
        safe_file::write_whole(&dir.join(format!("{name}.pdf")), &printed.pdf)?;
    }
    let path = dir.display();
    println!(
        "{}",
        say_count!("cli.pdf.receipt_files", files.len(), path = path)
    );
    Ok(std::process::ExitCode::SUCCESS)
}
