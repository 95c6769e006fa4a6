//! The scripting door: `campaign-desk [--db PATH] COMMAND` runs headless and exits. Without a
//! command the same binary opens the window.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use desk_core::stats::Stats;
use desk_core::store::Access;
use desk_core::{stats, Store};

/// The variable that names the database file when `--db` is not given.
pub const DB_ENV: &str = "CAMPAIGN_DESK_DB";

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
    /// Check the database's integrity; exit status 0 when it is sound
    Check,
}

impl Command {
    /// What the command may do to the database file: only `demo` creates one, and `check` looks
    /// at the file exactly as it is.
    pub fn access(&self) -> Access {
        match self {
            Command::Demo => Access::Create,
            Command::Stats { .. } => Access::Existing,
            Command::Check => Access::AsIs,
        }
    }
}

/// The database file to use: `--db`, else `$CAMPAIGN_DESK_DB` (clap reads both), else the default.
pub fn database_path(args: &Args) -> desk_core::Result<PathBuf> {
    match &args.db {
        Some(path) => Ok(path.clone()),
        None => desk_core::store::default_path(),
    }
}

/// Runs one scripting command on an opened store.
pub fn run(command: &Command, store: &mut Store) -> ExitCode {
    match execute(command, store) {
        Ok(code) => code,
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
        Command::Check => {
            let report = store.check()?;
            if report.is_sound() {
                println!(
                    "ok: {} is sound (schema version {})",
                    store.path().display(),
                    report.schema_version
                );
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
    }
    Ok(ExitCode::SUCCESS)
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
                "{}: {} signers from {} countries",
                a.title, a.signers, a.countries
            ),
        );
    }
    line(
        "Events",
        format!("{} ({} upcoming)", s.events, s.upcoming_events),
    );
    line("RSVPs", s.rsvps.to_string());
    line("Donations", s.donations.count.to_string());
    for t in &s.donations.totals {
        line(
            "",
            format!("{} {} from {} gifts", t.currency, t.total, t.count),
        );
    }
    for f in &s.funds {
        let goal = match (&f.goal, f.percent) {
            (Some(goal), Some(p)) => format!(" of {goal} ({p}%)"),
            _ => String::new(),
        };
        line(
            "Fund",
            format!("{}: {} {}{goal}", f.name, f.currency, f.raised),
        );
    }
    out
}
