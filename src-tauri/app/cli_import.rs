//! The scripting commands for CSV files: `import signers`, `export signers`, `import rsvps`,
//! `export rsvps`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};
use desk_core::csv_import::{self, ImportReport, Options, Problem};
use desk_core::messages::Message;
use desk_core::signing::Display;
use desk_core::{appeals, csv_export, rsvp_export, rsvp_import, Error, Store};
use serde::Serialize;

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Add an appeal's signers from a CSV file: the petition platform's export, a
    /// spreadsheet's list (comma, semicolon or tab) or Campaign Desk's own export. The same
    /// email is the same person; importing a file twice adds nobody
    Signers(ImportSignersArgs),
    /// Add an event's answers from a CSV file: Eventbrite's attendee report, Luma's guest list,
    /// the petition platform's event export, Campaign Desk's own export or a spreadsheet's
    /// list. The same email is the same person; importing a file twice changes nothing
    Rsvps(ImportRsvpsArgs),
    /// Add gifts from the petition platform's donation export or a PayPal activity download.
    /// The transaction id decides: importing a file twice adds nothing; refunds count against
    /// their gift; failed and pending payments are left out
    Donations(crate::cli_money::ImportDonationsArgs),
}

#[derive(Debug, Args)]
pub struct ImportRsvpsArgs {
    /// The CSV file
    pub file: PathBuf,
    /// The event's id
    #[arg(long, value_name = "ID")]
    pub event: desk_core::Id,
    /// The file's encoding when it is not UTF-8
    #[arg(long, value_name = "E")]
    pub encoding: Option<String>,
    /// Tell what the import would do, and write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Print JSON: read, added, changed, unchanged, waitlisted, rejected and warned
    /// ({line, reason})
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ImportSignersArgs {
    /// The CSV file (UTF-8, UTF-16 with a byte-order mark, or the encoding given with
    /// --encoding)
    pub file: PathBuf,
    /// The appeal's short name
    #[arg(long, value_name = "SLUG")]
    pub appeal: String,
    /// How names are shown where the file does not say: full, name-city, initials or hidden
    #[arg(long, default_value = "hidden")]
    pub display: String,
    /// The file's encoding when it is not UTF-8, such as windows-1252, or windows-1256 for
    /// a Persian Excel file
    #[arg(long, value_name = "E")]
    pub encoding: Option<String>,
    /// Tell what the import would do, and write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Print JSON: read, added, merged, unchanged, rejected and warned ({line, reason})
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Save an appeal's signers as a CSV file (the petition platform's column names, then
    /// Campaign Desk's), which any spreadsheet opens
    Signers(ExportSignersArgs),
    /// Save an event's answers as a CSV file (formula-safe; our import reads it back)
    Rsvps(ExportRsvpsArgs),
    /// Save the ledger (gifts and expenses, with each fund's running balance) as a CSV file
    /// for a spreadsheet or an accountant: ISO dates, plain decimal amounts, a currency column
    Ledger(crate::cli_money::ExportLedgerArgs),
    /// Save every donation (voided ones marked) as a CSV file
    Donations(crate::cli_money::ExportDonationsArgs),
}

#[derive(Debug, Args)]
pub struct ExportRsvpsArgs {
    /// The event's id
    #[arg(long, value_name = "ID")]
    pub event: desk_core::Id,
    /// Where to save the file ("-" prints it)
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: PathBuf,
}

#[derive(Debug, Args)]
pub struct ExportSignersArgs {
    /// The appeal's short name
    #[arg(long, value_name = "SLUG")]
    pub appeal: String,
    /// Where to save the file ("-" prints it)
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: PathBuf,
}

/// A problem as `--json` prints it: the line and the reason in English.
#[derive(Debug, Serialize)]
pub(crate) struct Line {
    line: u64,
    reason: String,
}

/// The `--json` output: exactly these keys.
#[derive(Debug, Serialize)]
struct Printed {
    read: u64,
    added: u64,
    merged: u64,
    unchanged: u64,
    rejected: Vec<Line>,
    warned: Vec<Line>,
}

pub(crate) fn lines(problems: &[Problem]) -> Vec<Line> {
    problems
        .iter()
        .map(|p| Line {
            line: p.line,
            reason: p.message.to_string(),
        })
        .collect()
}

pub fn import(command: &ImportCommand, store: &mut Store) -> desk_core::Result<ExitCode> {
    let a = match command {
        ImportCommand::Signers(a) => a,
        ImportCommand::Rsvps(a) => return import_rsvps(a, store),
        ImportCommand::Donations(a) => return crate::cli_money::import(a, store),
    };
    let appeal = appeals::by_slug(store, &a.appeal)?;
    let display = Display::parse(&a.display)?;
    let bytes = read_file(&a.file)?;
    let options = Options {
        encoding: a.encoding.clone(),
        mapping: None,
        display,
    };
    let reading = csv_import::read(&bytes, &options)?;
    if reading.needs_encoding {
        return Ok(not_utf8(&a.file, &reading.encodings));
    }
    let name = file_name(&a.file);
    let report = if a.dry_run {
        let p = csv_import::preview_reading(store, Some(appeal), &name, &reading, display)?;
        ImportReport {
            read: p.rows_read,
            added: p.will_add,
            merged: p.will_merge,
            unchanged: p.already_signed,
            rejected: p.rejected,
            warned: p.warned,
        }
    } else {
        csv_import::import_read(store, appeal, &name, &reading, display)?
    };
    if a.json {
        let printed = Printed {
            read: report.read,
            added: report.added,
            merged: report.merged,
            unchanged: report.unchanged,
            rejected: lines(&report.rejected),
            warned: lines(&report.warned),
        };
        println!("{}", serde_json::to_string_pretty(&printed).expect("JSON"));
    } else {
        print!("{}", report_text(&report, a.dry_run));
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn report_text(r: &ImportReport, dry_run: bool) -> String {
    let mut out = String::new();
    let mut line = |label: String, value: String| out.push_str(&labelled(&label, &value));
    if dry_run {
        line(say!("cli.import.dry_run"), say!("cli.import.dry_run.value"));
    }
    line(
        say!("cli.import.read"),
        say_count!("cli.import.rows", r.read),
    );
    let (added, merged) = if dry_run {
        (
            say_count!("cli.import.signers.would_add", r.added),
            say_count!("cli.import.merged.would", r.merged),
        )
    } else {
        (
            say_count!("cli.import.signers.added", r.added),
            say_count!("cli.import.merged.done", r.merged),
        )
    };
    line(say!("cli.import.added"), added);
    line(say!("cli.import.merged"), merged);
    line(
        say!("cli.import.unchanged"),
        say_count!("cli.import.signers.unchanged", r.unchanged),
    );
    problems_text(&mut out, &r.rejected, &r.warned);
    out
}

/// One line of an import's report: the label, then its value in a column (11 wide).
pub(crate) fn labelled(label: &str, value: &str) -> String {
    let pad = 11usize.saturating_sub(label.chars().count()).max(1);
    format!("{label}{}{value}\n", " ".repeat(pad))
}

pub fn export(command: &ExportCommand, store: &Store) -> desk_core::Result<()> {
    let a = match command {
        ExportCommand::Signers(a) => a,
        ExportCommand::Rsvps(a) => return export_rsvps(a, store),
        ExportCommand::Ledger(a) => return crate::cli_money::export_ledger(a, store),
        ExportCommand::Donations(a) => return crate::cli_money::export_donations(a, store),
    };
    let appeal = appeals::by_slug(store, &a.appeal)?;
    if a.output.as_os_str() == "-" {
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        csv_export::export(store, appeal, &mut out)?;
        let _ = out.flush();
        return Ok(());
    }
    let saved = csv_export::export_to_file(store, appeal, &a.output)?;
    println!(
        "{}",
        say_count!("cli.export.signers", saved.rows, path = saved.path)
    );
    Ok(())
}

/// What every import says of a file that is not UTF-8, and its exit status.
pub(crate) fn not_utf8(file: &Path, encodings: &[&str]) -> ExitCode {
    let such_as = encodings
        .iter()
        .take(4)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    let file = file.display();
    eprintln!(
        "campaign-desk: {}",
        say!("cli.import.not_utf8", file = file, encodings = such_as)
    );
    ExitCode::FAILURE
}

/// The rejected rows and the warnings of an import, by line, as both imports print them.
pub(crate) fn problems_text(out: &mut String, rejected: &[Problem], warned: &[Problem]) {
    let lang = crate::cli_words::lang();
    for (label, what, list) in [
        (
            say!("cli.import.rejected"),
            say_count!("cli.import.rows", rejected.len()),
            rejected,
        ),
        (
            say!("cli.import.warned"),
            say_count!("cli.import.problems", warned.len()),
            warned,
        ),
    ] {
        out.push_str(&labelled(&label, &what));
        for p in list {
            let message = lang.message(&p.message);
            let said = say!("cli.import.line", line = p.line, message = message);
            out.push_str(&format!("  {said}\n"));
        }
    }
}

pub(crate) fn read_file(path: &Path) -> desk_core::Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| {
        Error::Invalid(
            Message::new("file_unreadable")
                .with("path", path.display())
                .with("cause", e),
        )
    })
}

/// The `--json` output of `import rsvps`: exactly these keys.
#[derive(Debug, Serialize)]
struct PrintedRsvps {
    read: u64,
    added: u64,
    changed: u64,
    unchanged: u64,
    waitlisted: u64,
    rejected: Vec<Line>,
    warned: Vec<Line>,
}

fn import_rsvps(a: &ImportRsvpsArgs, store: &mut Store) -> desk_core::Result<ExitCode> {
    let bytes = read_file(&a.file)?;
    let options = rsvp_import::Options {
        encoding: a.encoding.clone(),
        mapping: None,
    };
    let name = file_name(&a.file);
    let report = if a.dry_run {
        let p = rsvp_import::preview(store, a.event, &name, &bytes, &options)?;
        if p.needs_encoding {
            return Ok(not_utf8(&a.file, &p.encodings));
        }
        rsvp_import::ImportReport {
            read: p.rows_read,
            added: p.will_add,
            changed: p.will_change,
            unchanged: p.unchanged,
            waitlisted: 0,
            rejected: p.rejected,
            warned: p.warned,
        }
    } else {
        rsvp_import::import(store, a.event, &bytes, &options)?
    };
    if a.json {
        let printed = PrintedRsvps {
            read: report.read,
            added: report.added,
            changed: report.changed,
            unchanged: report.unchanged,
            waitlisted: report.waitlisted,
            rejected: lines(&report.rejected),
            warned: lines(&report.warned),
        };
        println!("{}", serde_json::to_string_pretty(&printed).expect("JSON"));
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = String::new();
    let mut line = |label: String, value: String| out.push_str(&labelled(&label, &value));
    if a.dry_run {
        line(say!("cli.import.dry_run"), say!("cli.import.dry_run.value"));
    }
    line(
        say!("cli.import.read"),
        say_count!("cli.import.rows", report.read),
    );
    line(
        say!("cli.import.added"),
        say_count!("cli.import.answers.added", report.added),
    );
    line(
        say!("cli.import.changed"),
        say_count!("cli.import.answers.changed", report.changed),
    );
    line(
        say!("cli.import.unchanged"),
        say_count!("cli.import.answers.unchanged", report.unchanged),
    );
    line(
        say!("cli.import.waitlisted"),
        say_count!("cli.import.answers.waitlisted", report.waitlisted),
    );
    problems_text(&mut out, &report.rejected, &report.warned);
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}

fn export_rsvps(a: &ExportRsvpsArgs, store: &Store) -> desk_core::Result<()> {
    if a.output.as_os_str() == "-" {
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        rsvp_export::export(store, a.event, &mut out)?;
        let _ = out.flush();
        return Ok(());
    }
    let saved = rsvp_export::export_to_file(store, a.event, &a.output)?;
    println!(
        "{}",
        say_count!("cli.export.answers", saved.rows, path = saved.path)
    );
    Ok(())
}
