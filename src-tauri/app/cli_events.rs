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
            for (heading, list) in [
                ("Upcoming", &lists.upcoming),
                ("Date to be announced", &lists.undated),
                ("Past", &lists.past),
            ] {
                if list.is_empty() {
                    continue;
                }
                println!("{heading}:");
                for l in list {
                    let e = &l.event;
                    let when = e
                        .local_starts
                        .as_deref()
                        .map_or("date to be announced".to_owned(), |t| {
                            format!("{} {}", t.replace('T', " "), e.time_zone)
                        });
                    let capacity = e.capacity.map_or(String::new(), |c| format!(" of {c}"));
                    println!(
                        "  {}  {}  {}  [{}]  {} going{capacity}, {} waitlisted",
                        e.id,
                        when,
                        e.title,
                        e.status.as_str(),
                        l.counts.places,
                        l.counts.waitlisted
                    );
                }
            }
        }
    }
    Ok(())
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
    let capacity = counts
        .capacity
        .map_or(String::new(), |c| format!(" of {c}"));
    println!(
        "Checked in {} {} ({} arrived); {} people have arrived{capacity}",
        line.given_name, line.family_name, line.arrived, counts.arrived
    );
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
    eprintln!("Saved {n} event(s) to {}", a.output.display());
    Ok(())
}
