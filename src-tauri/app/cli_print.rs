//! `campaign-desk pdf ...`: the printed documents from a script, the same as the Print screen's.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use desk_core::print::document::{self, Kind, Request};
use desk_core::print::sign_up_sheet;
use desk_core::{appeals, safe_file, Id, Store};

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
    /// The language of the document's own words: en, fa or es
    #[arg(long, default_value = "en", global = true)]
    pub lang: String,
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
}

pub fn pdf(a: &PdfArgs, store: &mut Store) -> desk_core::Result<std::process::ExitCode> {
    let Some(output) = &a.output else {
        eprintln!("campaign-desk: say where to save the PDF with -o FILE");
        return Ok(std::process::ExitCode::from(2));
    };
    let mut request = Request {
        kind: Kind::Flyer,
        event: None,
        appeal: None,
        half: false,
        link: None,
        rows: None,
        columns: None,
        size: a.size.clone(),
        lang: a.lang.clone(),
        second_lang: a.second_lang.clone(),
        side_by_side: false,
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
            // Checked before the sheet is registered, so a mistake registers nothing.
            document::make(store, &request, None, None, false, &|_| {})?;
            sheet = Some(sign_up_sheet::register(store, appeal, *event)?);
        }
        PdfDocument::DoorList { event } => {
            request.kind = Kind::DoorList;
            request.event = Some(*event);
        }
    }
    let printed = document::make(store, &request, photo.as_deref(), sheet, false, &|_| {})?;
    safe_file::write_whole(output, &printed.pdf)?;
    for m in &printed.missing {
        eprintln!(
            "campaign-desk: no font has the letter {} ({}) in \u{201c}{}\u{201d}; it prints as a box",
            m.letter, m.code, m.text
        );
    }
    match printed.sheet {
        Some(n) => println!(
            "Saved sheet {n} ({} pages) to {}",
            printed.pages,
            output.display()
        ),
        None => println!("Saved {} pages to {}", printed.pages, output.display()),
    }
    Ok(std::process::ExitCode::SUCCESS)
}
