//! The scripting commands for money: `fund add/list`, `donation add/void`, `expense add`, and
//! the donations' import and the ledger's and donations' export (called from cli_import.rs).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use desk_core::donation_import::{self, Options};
use desk_core::donations::{self, DonationInput};
use desk_core::expenses::{self, ExpenseInput};
use desk_core::funds::{self, NewFund};
use desk_core::ledger::Filter;
use desk_core::{money, money_export, text, Id, Store};

#[derive(Debug, Subcommand)]
pub enum FundCommand {
    /// Add a fund (money raised for a purpose); prints its id
    Add(FundAddArgs),
    /// List the funds with what each raised, spent and holds
    List {
        /// Print JSON (amounts as decimal strings) instead of text
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct FundAddArgs {
    /// The fund's short name, for --fund
    pub slug: String,
    #[arg(long)]
    pub name: String,
    /// The goal, e.g. 14000 or 14000.00
    #[arg(long, requires = "currency")]
    pub goal: Option<String>,
    /// ISO 4217 code such as USD [default: USD]
    #[arg(long)]
    pub currency: Option<String>,
    /// YYYY-MM-DD
    #[arg(long)]
    pub deadline: Option<String>,
    #[arg(long, default_value = "")]
    pub purpose: String,
}

#[derive(Debug, Subcommand)]
pub enum DonationCommand {
    /// Record a gift; prints its id
    Add(Box<DonationAddArgs>),
    /// Void a gift entered by mistake (it stays listed, counts nowhere; the reason is kept)
    Void {
        /// The gift's id
        id: Id,
        #[arg(long)]
        reason: String,
        /// Who voids it [default: this laptop's name]
        #[arg(long, default_value = "")]
        by: String,
    },
}

#[derive(Debug, Args)]
pub struct DonationAddArgs {
    /// The amount as written, e.g. 25, 25.50 or 1,500.00
    #[arg(long)]
    pub amount: String,
    /// ISO 4217 code such as USD, EUR, JPY
    #[arg(long)]
    pub currency: String,
    /// The day it was received, YYYY-MM-DD
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: String,
    /// cash, check, card, transfer, online, in_kind or other
    #[arg(long, default_value = "cash")]
    pub method: String,
    /// The fund's short name (without it: unrestricted)
    #[arg(long, value_name = "SLUG")]
    pub fund: Option<String>,
    /// The donor's email: they become or join the person with it
    #[arg(long)]
    pub donor_email: Option<String>,
    /// The donor's name (with --anonymous: a name an anonymous donor gave)
    #[arg(long)]
    pub donor_name: Option<String>,
    #[arg(long)]
    pub anonymous: bool,
    /// The event where it was taken
    #[arg(long, value_name = "ID")]
    pub event: Option<Id>,
    /// A check's number or a transfer's reference
    #[arg(long)]
    pub reference: Option<String>,
    #[arg(long)]
    pub transaction_id: Option<String>,
    /// A gift in kind: what was given
    #[arg(long)]
    pub in_kind: Option<String>,
    #[arg(long)]
    pub fee: Option<String>,
    /// The value of goods or services given in return
    #[arg(long)]
    pub returned_value: Option<String>,
    #[arg(long)]
    pub source_code: Option<String>,
    #[arg(long)]
    pub note: Option<String>,
    /// Who enters it [default: this laptop's name]
    #[arg(long, default_value = "")]
    pub by: String,
}

#[derive(Debug, Subcommand)]
pub enum ExpenseCommand {
    /// Record money spent; prints its id
    Add(ExpenseAddArgs),
    /// Void an expense entered by mistake (the reason is kept)
    Void {
        id: Id,
        #[arg(long)]
        reason: String,
        #[arg(long, default_value = "")]
        by: String,
    },
}

#[derive(Debug, Args)]
pub struct ExpenseAddArgs {
    #[arg(long)]
    pub amount: String,
    #[arg(long)]
    pub currency: String,
    /// The day it was paid, YYYY-MM-DD
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: String,
    /// Who was paid
    #[arg(long)]
    pub payee: String,
    /// The fund it is paid from (without it: unrestricted money)
    #[arg(long, value_name = "SLUG")]
    pub fund: Option<String>,
    #[arg(long, default_value = "")]
    pub category: String,
    #[arg(long, default_value = "transfer")]
    pub method: String,
    #[arg(long, default_value = "")]
    pub reference: String,
    #[arg(long, default_value = "")]
    pub note: String,
    #[arg(long, default_value = "")]
    pub by: String,
}

#[derive(Debug, Args)]
pub struct ImportDonationsArgs {
    /// The platform's donation export or a PayPal activity download (CSV)
    pub file: PathBuf,
    /// The fund the gifts go to (without it: unrestricted)
    #[arg(long, value_name = "SLUG")]
    pub fund: Option<String>,
    /// The file's encoding when it is not UTF-8
    #[arg(long, value_name = "E")]
    pub encoding: Option<String>,
    /// The currency of a file without a currency column (the platform's export)
    /// [default: the organization's home currency, else USD]
    #[arg(long)]
    pub currency: Option<String>,
    /// Tell what the import would do, and write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Print JSON: read, added, duplicates, refunded, skipped, rejected and warned ({line, reason})
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ExportLedgerArgs {
    /// Where to save the file ("-" prints it)
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: PathBuf,
    /// From this day, YYYY-MM-DD
    #[arg(long)]
    pub from: Option<String>,
    /// Until this day, YYYY-MM-DD
    #[arg(long)]
    pub to: Option<String>,
    /// One fund's short name, or "none" for unrestricted money
    #[arg(long, value_name = "SLUG")]
    pub fund: Option<String>,
    #[arg(long)]
    pub currency: Option<String>,
    /// Voided entries too (marked)
    #[arg(long)]
    pub voided: bool,
}

#[derive(Debug, Args)]
pub struct ExportDonationsArgs {
    /// Where to save the file ("-" prints it)
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: PathBuf,
}

fn fund_id(store: &Store, slug: Option<&str>) -> desk_core::Result<Option<Id>> {
    slug.map(|s| funds::find(store.reader(), s)).transpose()
}

pub fn fund(command: &FundCommand, store: &mut Store) -> desk_core::Result<()> {
    match command {
        FundCommand::Add(a) => {
            let currency = money::currency_code(a.currency.as_deref().unwrap_or("USD"))?;
            let goal = a
                .goal
                .as_deref()
                .map(|g| money::parse_amount("goal", g, &currency, false))
                .transpose()?;
            let deadline = a
                .deadline
                .as_deref()
                .map(|d| text::date("deadline", d))
                .transpose()?;
            let id = store.write(|w| {
                funds::insert_fund(
                    w,
                    &NewFund {
                        name: &a.name,
                        slug: Some(&a.slug),
                        purpose: &a.purpose,
                        goal_minor: goal,
                        currency: &currency,
                        deadline,
                    },
                )
            })?;
            println!("{id}");
        }
        FundCommand::List { json } => {
            let list = funds::summaries(store.reader())?;
            if *json {
                println!("{}", serde_json::to_string_pretty(&list).expect("JSON"));
                return Ok(());
            }
            for f in list {
                let goal = f.goal.as_deref().zip(f.percent);
                let said = fund_text(&f.name, &f.currency, &f.raised, goal, &f.spent, &f.balance);
                println!("{:<20} {said}", f.slug);
            }
        }
    }
    Ok(())
}

/// A fund's line: what it raised (of its goal), spent, and its balance; `fund list` and
/// `stats` print the same.
pub(crate) fn fund_text(
    name: &str,
    currency: &str,
    raised: &str,
    goal: Option<(&str, i64)>,
    spent: &str,
    balance: &str,
) -> String {
    match goal {
        Some((goal, percent)) => say!(
            "cli.funds.line.goal",
            name = name,
            currency = currency,
            raised = raised,
            goal = goal,
            percent = percent,
            spent = spent,
            balance = balance
        ),
        None => say!(
            "cli.funds.line",
            name = name,
            currency = currency,
            raised = raised,
            spent = spent,
            balance = balance
        ),
    }
}

pub fn donation(command: &DonationCommand, store: &mut Store) -> desk_core::Result<()> {
    match command {
        DonationCommand::Add(a) => {
            let input = DonationInput {
                amount: a.amount.clone(),
                currency: a.currency.clone(),
                received_on: a.date.clone(),
                method: a.method.clone(),
                fund: fund_id(store, a.fund.as_deref())?,
                donor_email: a.donor_email.clone().unwrap_or_default(),
                donor_name: a.donor_name.clone().unwrap_or_default(),
                anonymous: a.anonymous,
                event: a.event,
                reference: a.reference.clone().unwrap_or_default(),
                transaction_id: a.transaction_id.clone().unwrap_or_default(),
                in_kind: a.in_kind.clone().unwrap_or_default(),
                fee: a.fee.clone().unwrap_or_default(),
                returned_value: a.returned_value.clone().unwrap_or_default(),
                source_code: a.source_code.clone().unwrap_or_default(),
                note: a.note.clone().unwrap_or_default(),
                entered_by: a.by.clone(),
                ..DonationInput::default()
            };
            let id = store.write(|w| donations::record(w, &input))?;
            println!("{id}");
        }
        DonationCommand::Void { id, reason, by } => {
            store.write(|w| donations::void(w, *id, reason, by))?;
            println!("{}", say!("cli.voided", id = id));
        }
    }
    Ok(())
}

pub fn expense(command: &ExpenseCommand, store: &mut Store) -> desk_core::Result<()> {
    match command {
        ExpenseCommand::Add(a) => {
            let input = ExpenseInput {
                fund: fund_id(store, a.fund.as_deref())?,
                amount: a.amount.clone(),
                currency: a.currency.clone(),
                paid_on: a.date.clone(),
                payee: a.payee.clone(),
                category: a.category.clone(),
                method: a.method.clone(),
                reference: a.reference.clone(),
                note: a.note.clone(),
                entered_by: a.by.clone(),
                ..ExpenseInput::default()
            };
            let id = store.write(|w| expenses::record(w, &input))?;
            println!("{id}");
        }
        ExpenseCommand::Void { id, reason, by } => {
            store.write(|w| expenses::void(w, *id, reason, by))?;
            println!("{}", say!("cli.voided", id = id));
        }
    }
    Ok(())
}

/// The `--json` output of `import donations`: exactly these keys.
#[derive(Debug, serde::Serialize)]
struct Printed {
    read: u64,
    added: u64,
    duplicates: u64,
    refunded: u64,
    skipped: u64,
    rejected: Vec<crate::cli_import::Line>,
    warned: Vec<crate::cli_import::Line>,
}

pub fn import(a: &ImportDonationsArgs, store: &mut Store) -> desk_core::Result<ExitCode> {
    let bytes = crate::cli_import::read_file(&a.file)?;
    let options = Options {
        encoding: a.encoding.clone(),
        currency: a.currency.clone(),
        fund: fund_id(store, a.fund.as_deref())?,
        who: String::new(),
    };
    let name = crate::cli_import::file_name(&a.file);
    let preview = donation_import::preview(store, &name, &bytes, &options)?;
    if preview.needs_encoding {
        return Ok(crate::cli_import::not_utf8(&a.file, &preview.encodings));
    }
    let report = if a.dry_run {
        donation_import::ImportReport {
            read: preview.rows_read,
            added: preview.will_add,
            duplicates: preview.duplicates,
            refunded: preview.refunds,
            skipped: preview.skipped,
            rejected: preview.rejected,
            warned: preview.warned,
        }
    } else {
        donation_import::import(store, &bytes, &options)?
    };
    if a.json {
        let printed = Printed {
            read: report.read,
            added: report.added,
            duplicates: report.duplicates,
            refunded: report.refunded,
            skipped: report.skipped,
            rejected: crate::cli_import::lines(&report.rejected),
            warned: crate::cli_import::lines(&report.warned),
        };
        println!("{}", serde_json::to_string_pretty(&printed).expect("JSON"));
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = String::new();
    let mut line =
        |label: String, value: String| out.push_str(&crate::cli_import::labelled(&label, &value));
    if a.dry_run {
        line(say!("cli.import.dry_run"), say!("cli.import.dry_run.value"));
    }
    line(
        say!("cli.import.format"),
        preview.format.unwrap_or("?").to_owned(),
    );
    if let Some(c) = &preview.currency_assumed {
        line(
            say!("cli.import.currency"),
            say!("cli.import.currency.value", currency = c),
        );
    }
    line(
        say!("cli.import.read"),
        say_count!("cli.import.lines", report.read),
    );
    line(
        say!("cli.import.added"),
        say_count!("cli.import.gifts", report.added),
    );
    line(
        say!("cli.import.duplicates"),
        say_count!("cli.import.gifts.duplicates", report.duplicates),
    );
    line(
        say!("cli.import.refunded"),
        say_count!("cli.import.refunds", report.refunded),
    );
    line(
        say!("cli.import.skipped"),
        say_count!("cli.import.skipped.value", report.skipped),
    );
    crate::cli_import::problems_text(&mut out, &report.rejected, &report.warned);
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}

pub fn export_ledger(a: &ExportLedgerArgs, store: &Store) -> desk_core::Result<()> {
    let fund = match a.fund.as_deref() {
        None => None,
        Some("none") => Some("none".to_owned()),
        Some(slug) => Some(funds::find(store.reader(), slug)?.to_string()),
    };
    let filter = Filter {
        from: a.from.clone(),
        to: a.to.clone(),
        fund,
        currency: a.currency.clone(),
        voided: a.voided,
        ..Filter::default()
    };
    if a.output.as_os_str() == "-" {
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        money_export::ledger(store.reader(), &filter, &mut out)?;
        let _ = out.flush();
        return Ok(());
    }
    let saved = money_export::ledger_to_file(store.reader(), &filter, &a.output)?;
    println!(
        "{}",
        say_count!("cli.export.ledger", saved.rows, path = saved.path)
    );
    Ok(())
}

pub fn export_donations(a: &ExportDonationsArgs, store: &Store) -> desk_core::Result<()> {
    if a.output.as_os_str() == "-" {
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        money_export::donations(store.reader(), &mut out)?;
        let _ = out.flush();
        return Ok(());
    }
    let saved = money_export::donations_to_file(store.reader(), &a.output)?;
    println!(
        "{}",
        say_count!("cli.export.donations", saved.rows, path = saved.path)
    );
    Ok(())
}
