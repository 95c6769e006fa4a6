//! The scripting commands for events: `event add`, `event list`, `rsvp add`, `checkin`, `ics`.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use desk_core::events::{self, EventInput, Status};
use desk_core::messages::Message;
use desk_core::rsvps;
use desk_core::{appeals, ics, Error, Id, Store};

#[derive(Debug, Subcommand)]
pub enum EventCommand {
    /// Add an event; prints its id
    Add(Box<EventAddArgs>),
    /// Change an event's status (draft, announced, cancelled, tba); calendars see the change
    Status {
        #[arg(long, value_name = "ID")]
        event: Id,
        status: String,
    },
    /// List the events: upcoming first, then those with no date yet, then past ones
    List {
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct EventAddArgs {
    #[arg(long)]
    pub title: String,
    /// Local time in the event's zone, e.g. 2027-01-09T13:00 (leave out: date to be announced)
    #[arg(long, value_name = "YYYY-MM-DDTHH:MM")]
    pub starts: Option<String>,
    #[arg(long, value_name = "YYYY-MM-DDTHH:MM")]
    pub ends: Option<String>,
    /// The event's time zone, e.g. America/Los_Angeles
    #[arg(long, value_name = "ZONE")]
    pub tz: String,
    #[arg(long)]
    pub venue: Option<String>,
    #[arg(long)]
    pub address: Option<String>,
    #[arg(long)]
    pub city: Option<String>,
    /// Two-letter country code
    #[arg(long)]
    pub country: Option<String>,
    #[arg(long)]
    pub capacity: Option<i64>,
    #[arg(long, default_value = "")]
    pub description: String,
    /// draft, announced, cancelled or tba [default: announced, or tba without --starts]
    #[arg(long)]
    pub status: Option<String>,
    /// The appeal collected at the event's table (its short name)
    #[arg(long, value_name = "SLUG")]
    pub appeal: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum RsvpCommand {
    /// Record someone's answer to an event (the same email is the same person); prints the
    /// answer's id and its status (waitlisted when the event is full)
    Add {
        #[arg(long, value_name = "ID")]
        event: Id,
        /// The whole name
        #[arg(long)]
        name: String,
        #[arg(long)]
        email: Option<String>,
        /// How many people come, them included
        #[arg(long, default_value_t = 1)]
        party: i64,
        /// going, maybe, not-going, waitlisted or cancelled
        #[arg(long, default_value = "going")]
        status: String,
    },
}

#[derive(Debug, Args)]
pub struct CheckinArgs {
    #[arg(long, value_name = "ID")]
    pub event: Id,
    #[arg(long, value_name = "ID")]
    pub person: Id,
    /// How many of the party came [default: all of it]
    #[arg(long)]
    pub arrived: Option<i64>,
}

#[derive(Debug, Args)]
pub struct IcsArgs {
    /// One event
    #[arg(
        long,
        value_name = "ID",
        required_unless_present = "all",
        conflicts_with = "all"
    )]
    pub event: Option<Id>,
    /// Every announced or cancelled event with a date
    #[arg(long)]
    pub all: bool,
    /// Where to save the calendar ("-" prints it)
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: PathBuf,
}

pub fn event(action: &EventCommand, store: &mut Store) -> desk_core::Result<()> {
    match action {
        EventCommand::Add(a) => {
            let status = match &a.status {
                Some(s) => Status::parse(s)?,
                None if a.starts.is_none() => Status::Tba,
                None => Status::Announced,
            };
            let appeal = a
                .appeal
                .as_deref()
                .map(|slug| appeals::by_slug(store, slug))
                .transpose()?;
            let input = EventInput {
                title: a.title.clone(),
                description: a.description.clone(),
                starts: a.starts.clone(),
                ends: a.ends.clone(),
                time_zone: a.tz.clone(),
                venue: a.venue.clone(),
                address: a.address.clone(),
                city: a.city.clone(),
                country: a.country.clone(),
                capacity: a.capacity,
                status,
                appeal,
                ..Default::default()
            };
            let id = store.write(|w| events::insert(w, &input))?;
            println!("{id}");
        }
        EventCommand::Status { event, status } => {
            let status = Status::parse(status)?;
            store.write(|w| events::set_status(w, *event, status))?;
        }
        EventCommand::List { json } => {
            let lists = events::lists(store, chrono::Utc::now())?;
            if *json {
                println!("{}", serde_json::to_string_pretty(&lists).expect("JSON"));
                return Ok(());
            }
            let words = crate::cli_words::lang().words();
            for (heading, list) in [
                (say!("cli.events.upcoming"), &lists.upcoming),
                (say!("cli.events.undated"), &lists.undated),
                (say!("cli.events.past"), &lists.past),
            ] {
                if list.is_empty() {
                    continue;
                }
                println!("{heading}");
                for l in list {
                    let e = &l.event;
                    // On the event's wall clock, in the language's calendar.
                    let when = match e.local_starts.as_deref().map(wall_clock) {
                        Some(Some(t)) => format!("{} {}", words.when(t, None), e.time_zone),
                        Some(None) => e.local_starts.clone().unwrap_or_default(),
                        None => say!("cli.events.date_tba"),
                    };
                    let (going, waitlisted) = (l.counts.places, l.counts.waitlisted);
                    let counts = match e.capacity {
                        Some(c) => say!(
                            "cli.events.counts.capacity",
                            going = going,
                            capacity = c,
                            waitlisted = waitlisted
                        ),
                        None => say!("cli.events.counts", going = going, waitlisted = waitlisted),
                    };
                    let status = crate::cli_words::lang().text(
                        &format!("cli.stats.event_status.{}", e.status.as_str()),
                        &[],
                    );
                    println!("  {}  {when}  {}  [{status}]  {counts}", e.id, e.title);
                }
            }
        }
    }
    Ok(())
}

/// `2027-01-09T13:00` (seconds may follow), as events keep their wall-clock start.
fn wall_clock(t: &str) -> Option<chrono::NaiveDateTime> {
    chrono::NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M")
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S"))
        .ok()
}

pub fn rsvp(action: &RsvpCommand, store: &mut Store) -> desk_core::Result<()> {
    let RsvpCommand::Add {
        event,
        name,
        email,
        party,
        status,
    } = action;
    if *party < 1 {
        return Err(Error::Invalid(
            Message::new("guests_out_of_range").with("max", 50),
        ));
    }
    let status = rsvps::Status::parse(status)?;
    let answered =
        store.write(|w| rsvps::answer_as(w, *event, name, email.as_deref(), status, party - 1))?;
    println!("{} {}", answered.rsvp, answered.status.as_str());
    Ok(())
}

pub fn checkin(a: &CheckinArgs, store: &mut Store) -> desk_core::Result<()> {
    let rsvp = rsvps::find(store, a.event, a.person)?
        .ok_or_else(|| Error::NotFound(Message::new("rsvp_not_found")))?;
    let line = store.write(|w| rsvps::check_in(w, rsvp, a.arrived))?;
    let counts = rsvps::counts(store, a.event)?;
    let (given, family, arrived, all) = (
        &line.given_name,
        &line.family_name,
        line.arrived,
        counts.arrived,
    );
    let said = match counts.capacity {
        Some(c) => say!(
            "cli.checkin.capacity",
            given = given,
            family = family,
            arrived = arrived,
            all = all,
            capacity = c
        ),
        None => say!(
            "cli.checkin",
            given = given,
            family = family,
            arrived = arrived,
            all = all
        ),
    };
    println!("{said}");
    Ok(())
}

pub fn ics(a: &IcsArgs, store: &Store) -> desk_core::Result<()> {
    let now = chrono::Utc::now();
    let (text, n) = match a.event {
        Some(id) => (ics::for_event(store, id, now)?, 1),
        None => ics::for_all(store, now)?,
    };
    if a.output.as_os_str() == "-" {
        print!("{text}");
        return Ok(());
    }
    desk_core::safe_file::write_whole(&a.output, text.as_bytes())?;
    let path = a.output.display();
    eprintln!("{}", say_count!("cli.ics.saved", n, path = path));
    Ok(())
}
