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
/// The variable that names the CLI's language when `--lang` is not given.
pub const LANG_ENV: &str = "CAMPAIGN_DESK_LANG";
/// The variable that holds the campaign's sync passphrase for `sync` commands.
pub const SYNC_PASSPHRASE_ENV: &str = "CAMPAIGN_DESK_SYNC_PASSPHRASE";

#[derive(Debug, Parser)]
#[command(
    name = "campaign-desk",
    version,
    about = "Signers, events and money for small human-rights campaigns, offline.",
    long_about = "Signers, events and money for small human-rights campaigns, offline.\n\n\
        Without a command, opens the Campaign Desk window. With a command, runs it on the \
        database and exits without opening a window.\n\n\
        Commands speak English, Farsi or Spanish: the language in CAMPAIGN_DESK_LANG (en, fa \
        or es), else the system's (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), else English. \
        Printed documents take it too, unless `pdf --lang` says otherwise."
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
                    let path = store.path().display();
                    println!("{}", say!("cli.decrypted", path = path));
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
            let path = store.path().display();
            if was {
                println!("{}", say!("cli.passphrase_changed", path = path));
            } else {
                println!("{}", say!("cli.encrypted", path = path));
            }
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
            let (path, file) = (store.path().display(), file.display());
            println!("{}", say!("cli.restored", path = path, file = file));
            if let Some(aside) = restored.set_aside {
                println!("{}", say!("cli.restored.aside", aside = aside));
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e),
    }
}

/// Prints `e` as one line on standard error, in the CLI's language, and gives the failure
/// status.
pub fn fail(e: &desk_core::Error) -> ExitCode {
    eprintln!(
        "campaign-desk: {}",
        crate::cli_words::lang().message(&e.message())
    );
    ExitCode::FAILURE
}

fn execute(command: &Command, store: &mut Store) -> desk_core::Result<ExitCode> {
    match command {
        Command::Demo => {
            let campaign = desk_core::sample::load(store)?;
            let s = stats::collect(store)?;
            let path = store.path().display();
            println!(
                "{}",
                say!(
                    "cli.demo",
                    name = campaign.name,
                    path = path,
                    people = s.people,
                    events = s.events,
                    donations = s.donations.count
                )
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
            let (path, size) = (store.path().display(), made.bytes.div_ceil(1024));
            let saved = if store.is_encrypted() {
                say!(
                    "cli.backup.encrypted",
                    path = path,
                    size = size,
                    file = made.path
                )
            } else {
                say!("cli.backup", path = path, size = size, file = made.path)
            };
            println!("{saved}");
        }
        // Run before a store exists, or on the store as a whole (run).
        Command::Restore { .. } | Command::Encrypt { .. } | Command::Decrypt => {
            unreachable!("handled by main and run")
        }
        Command::Check => {
            let report = store.check()?;
            if report.is_sound() {
                let path = store.path().display();
                let version = report.schema_version;
                println!(
                    "{}",
                    say!("cli.check.sound", path = path, version = version)
                );
                if let Some(head) = &report.audit_head {
                    let entries = report.audit_entries;
                    println!("{}", say!("cli.check.audit", count = entries, hash = head));
                }
            } else {
                for problem in &report.problems {
                    println!("{}", say!("cli.check.problem", problem = problem));
                }
                let path = store.path().display();
                let n = report.problems.len();
                eprintln!(
                    "campaign-desk: {}",
                    say_count!("cli.check.problems", n, path = path)
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
    let (records, changes, size) = (e.records, e.changes, e.bytes.div_ceil(1024));
    match &e.made_for {
        Some(l) => say!(
            "cli.sync.saved_for",
            records = records,
            changes = changes,
            size = size,
            laptop = l.name,
            path = e.path
        ),
        None => say!(
            "cli.sync.saved_all",
            records = records,
            changes = changes,
            size = size,
            path = e.path
        ),
    }
}

/// Lines of a label and a value, the values in one column whatever the labels' language.
struct Lines {
    out: String,
    width: usize,
}

impl Lines {
    fn new(width: usize) -> Lines {
        Lines {
            out: String::new(),
            width,
        }
    }

    fn line(&mut self, label: &str, value: String) {
        let pad = self.width.saturating_sub(label.chars().count()).max(1);
        let pad = if label.is_empty() { self.width } else { pad };
        self.out
            .push_str(&format!("{label}{}{value}\n", " ".repeat(pad)));
    }
}

fn applied_text(a: &Applied) -> String {
    let p = &a.arrived;
    let mut out = Lines::new(12);
    out.line(
        &say!("cli.sync.from"),
        say!(
            "cli.sync.from.value",
            laptop = p.from.name,
            made = crate::cli_words::lang().moment(&p.made_at)
        ),
    );
    if p.new_changes == 0 {
        out.line(
            &say!("cli.sync.nothing_new"),
            say!("cli.sync.nothing_new.value"),
        );
        return out.out;
    }
    if p.joins {
        out.line(
            &say!("cli.sync.joined"),
            say!("cli.sync.joined.value", campaign = p.campaign),
        );
    }
    out.line(
        &say!("cli.sync.changes"),
        crate::cli_words::lang().number(p.new_changes),
    );
    let counts = |c: &Counts| {
        say!(
            "cli.sync.counts",
            added = c.added,
            changed = c.changed,
            removed = c.removed
        )
    };
    out.line(&say!("cli.sync.people"), counts(&p.people));
    out.line(&say!("cli.sync.signatures"), counts(&p.signatures));
    out.line(&say!("cli.sync.rsvps"), counts(&p.rsvps));
    out.line(&say!("cli.sync.donations"), counts(&p.donations));
    out.line(&say!("cli.sync.other"), counts(&p.other));
    out.line(
        &say!("cli.sync.conflicts"),
        say!(
            "cli.sync.conflicts.value",
            count = a.conflicts,
            money = a.money_conflicts
        ),
    );
    out.line(
        &say!("cli.sync.merged"),
        say_count!("cli.sync.merged.value", a.merged_people),
    );
    out.line(
        &say!("cli.sync.duplicates"),
        say_count!("cli.sync.duplicates.value", a.duplicates_queued),
    );
    out.line(
        &say!("cli.sync.now"),
        say!(
            "cli.sync.now.value",
            people = a.people_now,
            signatures = a.signatures_now
        ),
    );
    out.out
}

fn status_text(s: &Status) -> String {
    let mut out = Lines::new(14);
    let short = s.laptop.id.short();
    out.line(
        &say!("cli.sync.this_laptop"),
        say!(
            "cli.sync.this_laptop.value",
            name = s.laptop.name,
            id = short,
            count = s.own_changes
        ),
    );
    let saved = if s.passphrase_saved {
        say!("cli.sync.passphrase.saved")
    } else {
        say!("cli.sync.passphrase.not_saved")
    };
    out.line(&say!("cli.sync.passphrase"), saved);
    for o in &s.others {
        let short = o.id.short();
        let value = match (&o.heard_at, o.missing) {
            (Some(at), Some(missing)) => say!(
                "cli.sync.laptop.heard",
                name = o.name,
                id = short,
                count = o.received,
                at = crate::cli_words::lang().moment(at),
                missing = missing
            ),
            _ => say!(
                "cli.sync.laptop.known",
                name = o.name,
                id = short,
                count = o.received
            ),
        };
        out.line(&say!("cli.sync.laptop"), value);
    }
    out.line(
        &say!("cli.sync.review"),
        say!(
            "cli.sync.review.value",
            count = s.open_conflicts,
            money = s.money_conflicts,
            duplicates = s.duplicates_waiting
        ),
    );
    out.out
}

fn stats_text(s: &Stats) -> String {
    let lang = crate::cli_words::lang();
    let mut out = Lines::new(12);
    out.line(
        &say!("cli.stats.campaign"),
        s.campaign
            .clone()
            .unwrap_or_else(|| say!("cli.stats.no_campaign")),
    );
    out.line(&say!("cli.stats.people"), lang.number(s.people));
    for a in &s.appeals {
        out.line(
            &say!("cli.stats.appeal"),
            say!(
                "cli.stats.appeal.value",
                title = a.title,
                slug = a.slug,
                signers = a.signers,
                countries = a.countries
            ),
        );
    }
    out.line(
        &say!("cli.stats.events"),
        say!(
            "cli.stats.events.value",
            count = s.events,
            upcoming = s.upcoming_events
        ),
    );
    // Statuses by the window's own words for them.
    let by_status = |m: &std::collections::BTreeMap<String, i64>, prefix: &str| -> String {
        let listed = m
            .iter()
            .filter(|(_, n)| **n > 0)
            .map(|(status, n)| {
                let word = lang.text(&format!("{prefix}{status}"), &[]);
                say!("cli.stats.by_status", count = n, status = word)
            })
            .collect::<Vec<_>>();
        lang.list(&listed)
    };
    out.line(
        "",
        by_status(&s.events_by_status, "cli.stats.event_status."),
    );
    out.line(&say!("cli.stats.rsvps"), lang.number(s.rsvps));
    out.line("", by_status(&s.rsvps_by_status, "cli.stats.rsvp_status."));
    out.line(&say!("cli.stats.donations"), lang.number(s.donations.count));
    for t in &s.donations.totals {
        out.line(
            "",
            say!(
                "cli.stats.currency",
                currency = t.currency,
                total = t.total,
                count = t.count,
                spent = t.spent,
                balance = t.balance
            ),
        );
    }
    for f in &s.funds {
        let goal = f.goal.as_deref().zip(f.percent);
        let value = crate::cli_money::fund_text(
            &f.name,
            &f.currency,
            &f.raised,
            goal,
            &f.spent,
            &f.balance,
        );
        out.line(&say!("cli.stats.fund.label"), value);
    }
    out.out
}
