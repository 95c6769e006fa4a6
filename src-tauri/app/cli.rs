//! The scripting door: `campaign-desk [--db PATH] COMMAND` runs headless and exits. Without a
//! command the same binary opens the window.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use desk_core::encryption::Passphrase;
use desk_core::rewrite::change_encryption;
use desk_core::stats::Stats;
use desk_core::store::Access;
use desk_core::sync::{self, Applied, Counts, Exported, Status};
use desk_core::{stats, Store};

/// The variable that names the database file when `--db` is not given.
pub const DB_ENV: &str = "CAMPAIGN_DESK_DB";
/// The variable that holds the database's passphrase when `--passphrase-file` is not given.
pub const PASSPHRASE_ENV: &str = "CAMPAIGN_DESK_PASSPHRASE";
/// The variable that holds the campaign's sync passphrase for `sync` commands.
pub const SYNC_PASSPHRASE_ENV: &str = "CAMPAIGN_DESK_SYNC_PASSPHRASE";

#[derive(Debug, Parser)]
#[command(
    name = "campaign-desk",
    version,
    about = "Signers, events and money for small human-rights campaigns, offline.",
    long_about = "Signers, events and money for small human-rights campaigns, offline.\n\n\
        Without a command, opens the Campaign Desk window. With a command, runs it on the \
        database and exits without opening a window."
)]
pub struct Args {
    /// The database file [default: campaign-desk.db in your data folder,
    /// e.g. ~/.local/share/campaign-desk/]
    #[arg(long, global = true, value_name = "PATH", env = DB_ENV)]
    pub db: Option<PathBuf>,

    /// A file holding the database's passphrase (its first line), for an encrypted database
    /// [default: the variable CAMPAIGN_DESK_PASSPHRASE]. A database created meanwhile is
    /// encrypted with it from its first byte
    #[arg(long, global = true, value_name = "FILE")]
    pub passphrase_file: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load the sample campaign (refuses a database that already has data)
    Demo,
    /// Print counts of people, signers, events, RSVPs and donations
    Stats {
        /// Print JSON (amounts as decimal strings) instead of text
        #[arg(long)]
        json: bool,
    },
    /// Check the database's integrity (and every encrypted page's); exit status 0 when sound
    Check,
    /// Encrypt the database with the passphrase given (--passphrase-file or
    /// CAMPAIGN_DESK_PASSPHRASE), or change the passphrase of an encrypted one
    Encrypt {
        /// For an encrypted database: a file holding the new passphrase (its first line)
        #[arg(long, value_name = "FILE")]
        new_passphrase_file: Option<PathBuf>,
    },
    /// Rewrite an encrypted database without encryption
    Decrypt,
    /// Save a backup of the database (encrypted like it) to FILE, while it stays in use
    Backup {
        /// Where to save the backup
        file: PathBuf,
    },
    /// Replace the database with a backup, after checking the backup; the database that was
    /// there is kept beside it
    Restore {
        /// The backup file (its passphrase, if encrypted, is the one given)
        file: PathBuf,
    },
    /// Shows one native file dialog and prints the path chosen (used by the window)
    #[command(hide = true)]
    Dialog(crate::dialog::Ask),
    /// Add and list appeals
    Appeal {
        #[command(subcommand)]
        action: AppealCommand,
    },
    /// Sign an appeal for someone (signing twice with the same email updates the signature);
    /// prints the signature's id
    Sign(crate::cli_sign::SignArgs),
    /// Find people
    People {
        #[command(subcommand)]
        action: crate::cli_people::PeopleCommand,
    },
    /// A person's rights: everything about them exported, or erased on request
    Person {
        #[command(subcommand)]
        action: crate::cli_people::PersonCommand,
    },
    /// Possible duplicates waiting for review
    Duplicates {
        #[command(subcommand)]
        action: crate::cli_people::DuplicatesCommand,
    },
    /// Bring signers in from a CSV file
    Import {
        #[command(subcommand)]
        what: crate::cli_import::ImportCommand,
    },
    /// Save signers as a CSV file
    Export {
        #[command(subcommand)]
        what: crate::cli_import::ExportCommand,
    },
    /// Add and list events
    Event {
        #[command(subcommand)]
        action: crate::cli_events::EventCommand,
    },
    /// Answers to events
    Rsvp {
        #[command(subcommand)]
        action: crate::cli_events::RsvpCommand,
    },
    /// Check someone in at an event's door (all of their party, or --arrived N)
    Checkin(crate::cli_events::CheckinArgs),
    /// Save events as an iCalendar (.ics) file for people's calendars
    Ics(crate::cli_events::IcsArgs),
    /// Save a printable document as PDF: an event's flyer or door list, the appeal as an ad,
    /// a sign-up sheet, a report, a receipt
    Pdf(crate::cli_print::PdfArgs),
    /// Add and list funds (money raised for a purpose, with a goal)
    Fund {
        #[command(subcommand)]
        action: crate::cli_money::FundCommand,
    },
    /// Record and void gifts
    Donation {
        #[command(subcommand)]
        action: crate::cli_money::DonationCommand,
    },
    /// Record and void money spent
    Expense {
        #[command(subcommand)]
        action: crate::cli_money::ExpenseCommand,
    },
    /// Exchange records with other laptops of the campaign through merge bundles
    Sync {
        #[command(subcommand)]
        action: SyncCommand,
        /// A file holding the campaign's sync passphrase (its first line) [default: the
        /// variable CAMPAIGN_DESK_SYNC_PASSPHRASE, else the passphrase saved on this laptop]
        #[arg(long, global = true, value_name = "FILE")]
        sync_passphrase_file: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum AppealCommand {
    /// Start an appeal, open for signing
    Add(crate::cli_sign::AppealAddArgs),
    /// List the appeals with their signers
    List {
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum SyncCommand {
    /// Save a bundle of this laptop's records for another laptop
    Export {
        /// Where to save the bundle
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
        /// Only what that laptop has not seen (its name or the start of its id); without it,
        /// everything, which any laptop can open and a new laptop can join from
        #[arg(long = "for", value_name = "LAPTOP")]
        for_laptop: Option<String>,
    },
    /// Apply a bundle from another laptop (creates the database as a copy of the campaign when
    /// it does not exist yet)
    Import {
        /// The bundle file
        file: PathBuf,
        /// Print what arrived as JSON
        #[arg(long)]
        json: bool,
    },
    /// Show this laptop, the laptops it has heard from, and what waits for review
    Status {
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
}

impl Command {
    /// What the command may do to the database file: only `demo` creates one, and `check` looks
    /// at the file exactly as it is.
    pub fn access(&self) -> Access {
        match self {
            Command::Demo => Access::Create,
            Command::Stats { .. } => Access::Existing,
            Command::Check => Access::AsIs,
            // Restore opens nothing before the backup is checked (main.rs).
            Command::Restore { .. } => Access::Existing,
            Command::Sync {
                action: SyncCommand::Import { .. },
                ..
            } => Access::Create,
            Command::Sync { .. }
            | Command::Dialog(_)
            | Command::Encrypt { .. }
            | Command::Decrypt
            | Command::Backup { .. }
            | Command::Appeal { .. }
            | Command::Import { .. }
            | Command::Export { .. }
            | Command::People { .. }
            | Command::Person { .. }
            | Command::Duplicates { .. }
            | Command::Event { .. }
            | Command::Rsvp { .. }
            | Command::Checkin(_)
            | Command::Ics(_)
            | Command::Pdf(_)
            | Command::Sign(_)
            | Command::Fund { .. }
            | Command::Donation { .. }
            | Command::Expense { .. } => Access::Existing,
        }
    }

    /// A database this command created is removed again when the command fails: a `sync
    /// import` that could not join leaves no empty campaign behind.
    pub fn removes_what_it_created_on_failure(&self) -> bool {
        matches!(
            self,
            Command::Sync {
                action: SyncCommand::Import { .. },
                ..
            }
        )
    }
}

/// The database file to use: `--db`, else `$CAMPAIGN_DESK_DB` (clap reads both), else the default.
pub fn database_path(args: &Args) -> desk_core::Result<PathBuf> {
    match &args.db {
        Some(path) => Ok(path.clone()),
        None => desk_core::store::default_path(),
    }
}

/// The database's passphrase: the first line of `--passphrase-file`, else the variable.
pub fn passphrase(args: &Args) -> desk_core::Result<Option<Passphrase>> {
    match &args.passphrase_file {
        Some(path) => Passphrase::read_from(path).map(Some),
        None => std::env::var(PASSPHRASE_ENV)
            .ok()
            .map(Passphrase::given)
            .transpose(),
    }
}

/// Runs one scripting command on an opened store (consumed: encrypting rewrites the file).
pub fn run(command: &Command, store: Store, passphrase: Option<&Passphrase>) -> ExitCode {
    match command {
        Command::Encrypt {
            new_passphrase_file,
        } => encrypt(store, passphrase, new_passphrase_file.as_deref()),
        Command::Decrypt => {
            if !store.is_encrypted() {
                return fail(&desk_core::Error::invalid("not_encrypted"));
            }
            let mut store = store;
            match change_encryption(&mut store, None) {
                Ok(()) => {
                    println!("{} is no longer encrypted", store.path().display());
                    ExitCode::SUCCESS
                }
                Err(e) => fail(&e),
            }
        }
        _ => {
            let mut store = store;
            match execute(command, &mut store) {
                Ok(code) => code,
                Err(e) => fail(&e),
            }
        }
    }
}

/// Encrypts a plain database with the passphrase given, or changes an encrypted one's to the
/// passphrase in `new_file`. The new passphrase must be a strong one (`check_strong`).
fn encrypt(store: Store, given: Option<&Passphrase>, new_file: Option<&Path>) -> ExitCode {
    let read;
    let new = match (store.is_encrypted(), new_file) {
        (_, Some(file)) => match Passphrase::read_from(file) {
            Ok(p) => {
                read = p;
                &read
            }
            Err(e) => return fail(&e),
        },
        (false, None) => match given {
            Some(p) => p,
            None => return fail(&desk_core::Error::invalid("passphrase_missing")),
        },
        (true, None) => return fail(&desk_core::Error::invalid("already_encrypted")),
    };
    if let Err(e) = new.check_strong() {
        return fail(&e);
    }
    let was = store.is_encrypted();
    let mut store = store;
    match change_encryption(&mut store, Some(new)) {
        Ok(()) => {
            let done = if was {
                "has a new passphrase"
            } else {
                "is encrypted"
            };
            println!("{} {done}", store.path().display());
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e),
    }
}

/// `restore FILE`: checks the backup, sets the database aside and puts the backup in its
/// place, without opening the database first (it may be the damaged one).
pub fn restore(db: &Path, file: &Path, passphrase: Option<&Passphrase>) -> ExitCode {
    match desk_core::backup::restore(db, file, passphrase) {
        Ok((store, restored)) => {
            println!(
                "Restored {} from {}",
                store.path().display(),
                file.display()
            );
            if let Some(aside) = restored.set_aside {
                println!("The database that was there is kept as {aside}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e),
    }
}

/// Prints `e` as one line on standard error and gives the failure status.
pub fn fail(e: &desk_core::Error) -> ExitCode {
    eprintln!("campaign-desk: {e}");
    ExitCode::FAILURE
}

fn execute(command: &Command, store: &mut Store) -> desk_core::Result<ExitCode> {
    match command {
        Command::Demo => {
            let campaign = desk_core::sample::load(store)?;
            let s = stats::collect(store)?;
            println!(
                "Loaded the sample campaign \u{201c}{}\u{201d} into {}: {} people, {} events, {} donations.",
                campaign.name,
                store.path().display(),
                s.people,
                s.events,
                s.donations.count
            );
        }
        Command::Stats { json } => {
            let s = stats::collect(store)?;
            if *json {
                let text = serde_json::to_string_pretty(&s).expect("stats serialize to JSON");
                println!("{text}");
            } else {
                print!("{}", stats_text(&s));
            }
        }
        Command::Backup { file } => {
            let made = desk_core::backup::to_file(&store.backup_source(), file)?;
            println!(
                "Saved a backup of {} ({} KB{}) to {}",
                store.path().display(),
                made.bytes.div_ceil(1024),
                if store.is_encrypted() {
                    ", encrypted"
                } else {
                    ""
                },
                made.path
            );
        }
        // Run before a store exists, or on the store as a whole (run).
        Command::Restore { .. } | Command::Encrypt { .. } | Command::Decrypt => {
            unreachable!("handled by main and run")
        }
        Command::Check => {
            let report = store.check()?;
            if report.is_sound() {
                println!(
                    "ok: {} is sound (schema version {})",
                    store.path().display(),
                    report.schema_version
                );
                if let Some(head) = &report.audit_head {
                    println!(
                        "audit chain: {} entries, all linked; newest hash {head}",
                        report.audit_entries
                    );
                }
            } else {
                for problem in &report.problems {
                    println!("problem: {problem}");
                }
                eprintln!(
                    "campaign-desk: {} has {} problem(s); keep a copy of the file before changing anything",
                    store.path().display(),
                    report.problems.len()
                );
                return Ok(ExitCode::FAILURE);
            }
        }
        Command::Sync {
            action,
            sync_passphrase_file,
        } => run_sync(action, sync_passphrase_file.as_deref(), store)?,
        Command::Appeal { action } => match action {
            AppealCommand::Add(a) => crate::cli_sign::add_appeal(a, store)?,
            AppealCommand::List { json } => crate::cli_sign::list_appeals(*json, store)?,
        },
        Command::Sign(a) => crate::cli_sign::sign(a, store)?,
        Command::Import { what } => return crate::cli_import::import(what, store),
        Command::Export { what } => crate::cli_import::export(what, store)?,
        Command::People { action } => crate::cli_people::people(action, store)?,
        Command::Person { action } => crate::cli_people::person(action, store)?,
        Command::Event { action } => crate::cli_events::event(action, store)?,
        Command::Rsvp { action } => crate::cli_events::rsvp(action, store)?,
        Command::Checkin(a) => crate::cli_events::checkin(a, store)?,
        Command::Ics(a) => crate::cli_events::ics(a, store)?,
        Command::Pdf(a) => return crate::cli_print::pdf(a, store),
        Command::Duplicates { action } => crate::cli_people::duplicates(action, store)?,
        Command::Fund { action } => crate::cli_money::fund(action, store)?,
        Command::Donation { action } => crate::cli_money::donation(action, store)?,
        Command::Expense { action } => crate::cli_money::expense(action, store)?,
        // Shown before any database is opened (main.rs).
        Command::Dialog(ask) => return Ok(crate::dialog::show(ask)),
    }
    Ok(ExitCode::SUCCESS)
}

fn run_sync(action: &SyncCommand, file: Option<&Path>, store: &mut Store) -> desk_core::Result<()> {
    let passphrase = |store: &Store| -> desk_core::Result<String> {
        let given = match file {
            Some(path) => Some(read_passphrase_file(path)?),
            None => std::env::var(SYNC_PASSPHRASE_ENV).ok(),
        };
        sync::passphrase_or_saved(store, given.as_deref())
    };
    match action {
        SyncCommand::Export { output, for_laptop } => {
            let made_for = for_laptop
                .as_deref()
                .map(|l| sync::find_laptop(store, l))
                .transpose()?;
            let exported = sync::export(store, output, &passphrase(store)?, made_for)?;
            println!("{}", exported_text(&exported));
        }
        SyncCommand::Import { file, json } => {
            let applied = sync::import(store, file, &passphrase(store)?)?;
            if *json {
                let text = serde_json::to_string_pretty(&applied).expect("JSON");
                println!("{text}");
            } else {
                print!("{}", applied_text(&applied));
            }
        }
        SyncCommand::Status { json } => {
            let status = sync::status(store)?;
            if *json {
                let text = serde_json::to_string_pretty(&status).expect("JSON");
                println!("{text}");
            } else {
                print!("{}", status_text(&status));
            }
        }
    }
    Ok(())
}

/// The passphrase is the file's first line (a trailing newline is not part of it).
pub fn read_passphrase_file(path: &Path) -> desk_core::Result<String> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        desk_core::Error::Invalid(
            desk_core::messages::Message::new("bundle_unreadable")
                .with("path", path.display())
                .with("cause", e),
        )
    })?;
    Ok(text.lines().next().unwrap_or("").to_owned())
}

fn exported_text(e: &Exported) -> String {
    let whom = match &e.made_for {
        Some(l) => format!("for \u{201c}{}\u{201d}", l.name),
        None => "for every laptop".to_owned(),
    };
    format!(
        "Saved {} record(s) in {} change(s) ({} KB) {whom} to {}",
        e.records,
        e.changes,
        e.bytes.div_ceil(1024),
        e.path
    )
}

fn applied_text(a: &Applied) -> String {
    let p = &a.arrived;
    let mut out = String::new();
    let mut line = |label: &str, value: String| out.push_str(&format!("{label:<12}{value}\n"));
    line(
        "From",
        format!("\u{201c}{}\u{201d}, bundle made {}", p.from.name, p.made_at),
    );
    if p.new_changes == 0 {
        line(
            "Nothing new",
            "this laptop had already seen everything in this bundle".into(),
        );
        return out;
    }
    if p.joins {
        line(
            "Joined",
            format!("the campaign \u{201c}{}\u{201d}", p.campaign),
        );
    }
    line("Changes", p.new_changes.to_string());
    let counts = |c: &Counts| {
        format!(
            "{} added, {} changed, {} removed",
            c.added, c.changed, c.removed
        )
    };
    line("People", counts(&p.people));
    line("Signatures", counts(&p.signatures));
    line("RSVPs", counts(&p.rsvps));
    line("Donations", counts(&p.donations));
    line("Other", counts(&p.other));
    line(
        "Conflicts",
        format!(
            "{} recorded for review ({} for the treasurer)",
            a.conflicts, a.money_conflicts
        ),
    );
    line(
        "Merged",
        format!("{} people by the same email", a.merged_people),
    );
    line(
        "Duplicates",
        format!(
            "{} possible duplicate(s) queued for review",
            a.duplicates_queued
        ),
    );
    line(
        "Now",
        format!("{} people, {} signatures", a.people_now, a.signatures_now),
    );
    out
}

fn status_text(s: &Status) -> String {
    let mut out = String::new();
    let mut line = |label: &str, value: String| out.push_str(&format!("{label:<14}{value}\n"));
    line(
        "This laptop",
        format!(
            "{} ({}), {} change(s) recorded",
            s.laptop.name,
            s.laptop.id.short(),
            s.own_changes
        ),
    );
    line(
        "Passphrase",
        if s.passphrase_saved {
            "saved on this laptop".into()
        } else {
            "not saved (give --sync-passphrase-file or CAMPAIGN_DESK_SYNC_PASSPHRASE)".into()
        },
    );
    for o in &s.others {
        let heard = match (&o.heard_at, o.missing) {
            (Some(at), Some(missing)) => {
                format!("; its last bundle {at}; it lacks {missing} change(s) this laptop has")
            }
            _ => "; known through other laptops".into(),
        };
        line(
            "Laptop",
            format!(
                "{} ({}): {} change(s) received{heard}",
                o.name,
                o.id.short(),
                o.received
            ),
        );
    }
    line(
        "Review",
        format!(
            "{} merge decision(s) ({} for the treasurer), {} possible duplicate(s)",
            s.open_conflicts, s.money_conflicts, s.duplicates_waiting
        ),
    );
    out
}

fn stats_text(s: &Stats) -> String {
    let mut out = String::new();
    let mut line = |label: &str, value: String| out.push_str(&format!("{label:<12}{value}\n"));
    line(
        "Campaign",
        s.campaign.clone().unwrap_or_else(|| "(none yet)".into()),
    );
    line("People", s.people.to_string());
    for a in &s.appeals {
        line(
            "Appeal",
            format!(
                "{} ({}): {} signers from {} countries",
                a.title, a.slug, a.signers, a.countries
            ),
        );
    }
    line(
        "Events",
        format!("{} ({} upcoming)", s.events, s.upcoming_events),
    );
    let by_status = |m: &std::collections::BTreeMap<String, i64>| -> String {
        m.iter()
            .filter(|(_, n)| **n > 0)
            .map(|(s, n)| format!("{n} {s}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    line("", by_status(&s.events_by_status));
    line("RSVPs", s.rsvps.to_string());
    line("", by_status(&s.rsvps_by_status));
    line("Donations", s.donations.count.to_string());
    for t in &s.donations.totals {
        line(
            "",
            format!(
                "{} {} from {} gifts; spent {}, balance {}",
                t.currency, t.total, t.count, t.spent, t.balance
            ),
        );
    }
    for f in &s.funds {
        let goal = match (&f.goal, f.percent) {
            (Some(goal), Some(p)) => format!(" of {goal} ({p}%)"),
            _ => String::new(),
        };
        line(
            "Fund",
            format!(
                "{}: {} {}{goal}; spent {}, balance {}",
                f.name, f.currency, f.raised, f.spent, f.balance
            ),
        );
    }
    out
}
