//! Answers to an event, its waitlist and its door.
//!
//! - **Places**: an answer "going" (`accepted`) takes its party's places (1 + guests). With a
//!   capacity, an answer that does not fit, or that would pass people already waiting, goes to
//!   the waitlist. Whenever places may have been freed (a cancellation, a smaller party, a larger
//!   capacity) `promote` moves the waitlist up in the order people answered, stopping at the
//!   first party that does not fit: nobody is passed over. `promoted_at` says when.
//! - **The door**: a check-in counts who of the party came (`arrived`); walk-ins are admitted
//!   even past capacity (the count shows it); the remaining "going" are marked no-show in one
//!   write, undone by its stamp.
//! - One person answers an event once: answering again changes the answer (sync/settle.rs keeps
//!   it so when laptops meet).

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::id::Id;
use crate::messages::Message;
use crate::people::{self, NewPerson};
use crate::signing::{self, Display, Signed, Signing};
use crate::store::Store;
use crate::sync::Tx;
use crate::text;

/// An answer, in the words of iCalendar's PARTSTAT where one fits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Going.
    Accepted,
    /// Maybe.
    Tentative,
    /// Not going.
    Declined,
    /// Invited, no answer yet.
    NeedsAction,
    Waitlisted,
    Cancelled,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::Accepted,
        Status::Tentative,
        Status::Declined,
        Status::NeedsAction,
        Status::Waitlisted,
        Status::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Accepted => "accepted",
            Status::Tentative => "tentative",
            Status::Declined => "declined",
            Status::NeedsAction => "needs_action",
            Status::Waitlisted => "waitlisted",
            Status::Cancelled => "cancelled",
        }
    }

    /// Our words and the everyday ones ("going", "maybe", "not going", "waitlist").
    pub fn parse(value: &str) -> Result<Status> {
        let word = value.trim().to_lowercase().replace([' ', '-'], "_");
        Ok(match word.as_str() {
            "accepted" | "going" | "yes" => Status::Accepted,
            "tentative" | "maybe" => Status::Tentative,
            "declined" | "not_going" | "no" => Status::Declined,
            "needs_action" | "invited" | "no_answer" => Status::NeedsAction,
            "waitlisted" | "waitlist" => Status::Waitlisted,
            "cancelled" | "canceled" => Status::Cancelled,
            _ => {
                return Err(Error::Invalid(
                    Message::new("bad_rsvp_status").with("value", value.trim()),
                ))
            }
        })
    }
}

/// How the answer reached us.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// In the window or by a script.
    Typed,
    /// From a CSV file.
    Import,
    /// At the door, by someone who had not answered.
    WalkIn,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Typed => "typed",
            Source::Import => "import",
            Source::WalkIn => "walk_in",
        }
    }
}

/// An answer as given.
#[derive(Debug, Clone)]
pub struct Answer<'a> {
    pub event: Id,
    pub person: Id,
    pub status: Status,
    /// People coming with them: the party is 1 + guests.
    pub guests: i64,
    pub source: Source,
    pub note: &'a str,
    /// When they answered, if earlier than now (a file's registration date), as RFC 3339 UTC.
    pub answered_at: Option<&'a str>,
}

impl<'a> Answer<'a> {
    pub fn new(event: Id, person: Id, status: Status) -> Self {
        Answer {
            event,
            person,
            status,
            guests: 0,
            source: Source::Typed,
            note: "",
            answered_at: None,
        }
    }
}

/// What an answer did.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Answered {
    pub rsvp: Id,
    /// The status stored: `waitlisted` when "going" did not fit.
    pub status: Status,
    /// A new answer (not a change of one).
    pub added: bool,
    /// Answers moved up from the waitlist by this one.
    pub promoted: Vec<Id>,
}

const MAX_GUESTS: i64 = 50;

fn event_capacity(conn: &Connection, event: Id) -> Result<Option<i64>> {
    conn.query_row("SELECT capacity FROM events WHERE id = ?1", [event], |r| {
        r.get(0)
    })
    .optional()?
    .ok_or_else(crate::events::not_found)
}

/// Places taken by the going (walk-ins included), leaving out one answer.
fn places_taken(conn: &Connection, event: Id, leaving_out: Option<Id>) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT coalesce(sum(1 + guests), 0) FROM rsvps
          WHERE event_id = ?1 AND status = 'accepted' AND id IS NOT ?2",
        params![event, leaving_out],
        |r| r.get(0),
    )?)
}

fn anyone_waiting(conn: &Connection, event: Id) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM rsvps WHERE event_id = ?1 AND status = 'waitlisted')",
        [event],
        |r| r.get(0),
    )?)
}

/// The answer of `person` to `event`, if any (the first one, should two have met).
pub fn find(store: &Store, event: Id, person: Id) -> Result<Option<Id>> {
    find_in(store.conn(), event, person)
}

fn find_in(conn: &Connection, event: Id, person: Id) -> Result<Option<Id>> {
    Ok(conn
        .query_row(
            "SELECT id FROM rsvps WHERE event_id = ?1 AND person_id = ?2
              ORDER BY created_at, id LIMIT 1",
            params![event, person],
            |r| r.get(0),
        )
        .optional()?)
}

/// Records a person's answer, or changes the one they gave.
pub fn answer(w: &Tx<'_>, a: &Answer<'_>) -> Result<Answered> {
    if !(0..=MAX_GUESTS).contains(&a.guests) {
        return Err(Error::Invalid(
            Message::new("guests_out_of_range").with("max", MAX_GUESTS),
        ));
    }
    let note = text::paragraphs("note", a.note, 1000)?;
    let capacity = event_capacity(w, a.event)?;
    let existing: Option<(Id, String)> = w
        .query_row(
            "SELECT id, status FROM rsvps WHERE event_id = ?1 AND person_id = ?2
              ORDER BY created_at, id LIMIT 1",
            params![a.event, a.person],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let mut status = a.status;
    if status == Status::Accepted && a.source != Source::WalkIn {
        if let Some(capacity) = capacity {
            let was_waiting = existing.as_ref().is_some_and(|(_, s)| s == "waitlisted");
            let was_going = existing.as_ref().is_some_and(|(_, s)| s == "accepted");
            let fits =
                places_taken(w, a.event, existing.as_ref().map(|(id, _)| *id))? + 1 + a.guests
                    <= capacity;
            // Someone already going keeps their place if their party still fits; anyone else
            // joins the end of the line when people are waiting (promote lets them in, in order).
            if was_waiting || !fits || (!was_going && anyone_waiting(w, a.event)?) {
                status = Status::Waitlisted;
            }
        }
    }
    let (rsvp, added) = match existing {
        Some((id, _)) => {
            w.execute(
                "UPDATE rsvps SET status = ?2, guests = ?3, note = ?4,
                        answered_at = coalesce(?5, answered_at), updated_at = ?6, written_by = ?7
                  WHERE id = ?1",
                params![
                    id,
                    status.as_str(),
                    a.guests,
                    note,
                    a.answered_at,
                    w.stamp(),
                    w.laptop()
                ],
            )?;
            (id, false)
        }
        None => {
            let id = Id::new();
            w.execute(
                "INSERT INTO rsvps (id, event_id, person_id, status, guests, created_at,
                                    updated_at, written_by, source, note, answered_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7, ?8, ?9, coalesce(?10, ?6))",
                params![
                    id,
                    a.event,
                    a.person,
                    status.as_str(),
                    a.guests,
                    w.stamp(),
                    w.laptop(),
                    a.source.as_str(),
                    note,
                    a.answered_at,
                ],
            )?;
            (id, true)
        }
    };
    let promoted = promote(w, a.event)?;
    let status = if promoted.contains(&rsvp) {
        Status::Accepted
    } else {
        status
    };
    Ok(Answered {
        rsvp,
        status,
        added,
        promoted,
    })
}

/// A guest's answer by name and perhaps email (a script's `rsvp add`): the same email is the
/// same person, else a new one.
pub fn answer_as(
    w: &Tx<'_>,
    event: Id,
    full_name: &str,
    email: Option<&str>,
    status: Status,
    guests: i64,
) -> Result<Answered> {
    let (given_name, family_name) = crate::csv_import::split_full_name(full_name);
    let (person, _) = people::find_or_insert(
        w,
        &NewPerson {
            given_name,
            family_name,
            email: email.map(str::to_owned),
            ..Default::default()
        },
    )?;
    answer(
        w,
        &Answer {
            guests,
            ..Answer::new(event, person, status)
        },
    )
}

/// Changes an answer's status, party or note (the organizer on the event's page).
pub fn change(w: &Tx<'_>, rsvp: Id, status: Status, guests: i64, note: &str) -> Result<Answered> {
    let (event, person): (Id, Id) = w
        .query_row(
            "SELECT event_id, person_id FROM rsvps WHERE id = ?1",
            [rsvp],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or_else(not_found)?;
    answer(
        w,
        &Answer {
            guests,
            note,
            ..Answer::new(event, person, status)
        },
    )
}

/// Removes an answer; its places go to the waitlist.
pub fn remove(w: &Tx<'_>, rsvp: Id) -> Result<Vec<Id>> {
    let event: Id = w
        .query_row("SELECT event_id FROM rsvps WHERE id = ?1", [rsvp], |r| {
            r.get(0)
        })
        .optional()?
        .ok_or_else(not_found)?;
    w.execute("DELETE FROM rsvps WHERE id = ?1", [rsvp])?;
    promote(w, event)
}

fn not_found() -> Error {
    Error::NotFound(Message::new("rsvp_not_found"))
}

/// Moves the waitlist up while the next party fits, in the order they answered. Returns the
/// answers moved up.
pub fn promote(w: &Tx<'_>, event: Id) -> Result<Vec<Id>> {
    let capacity = event_capacity(w, event)?;
    let mut taken = places_taken(w, event, None)?;
    let mut stmt = w.prepare(
        "SELECT id, 1 + guests FROM rsvps WHERE event_id = ?1 AND status = 'waitlisted'
          ORDER BY coalesce(answered_at, created_at), id",
    )?;
    let waiting = stmt
        .query_map([event], |r| Ok((r.get::<_, Id>(0)?, r.get::<_, i64>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut promoted = Vec::new();
    for (id, party) in waiting {
        if capacity.is_some_and(|c| taken + party > c) {
            break;
        }
        w.execute(
            "UPDATE rsvps SET status = 'accepted', promoted_at = ?2, updated_at = ?2,
                    written_by = ?3
              WHERE id = ?1",
            params![id, w.stamp(), w.laptop()],
        )?;
        taken += party;
        promoted.push(id);
    }
    Ok(promoted)
}

/// An answer as the event's page and the door show it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Line {
    pub id: Id,
    pub person: Id,
    pub given_name: String,
    pub family_name: String,
    pub email: Option<String>,
    pub city: Option<String>,
    pub status: Status,
    pub guests: i64,
    pub source: String,
    pub note: String,
    pub answered_at: String,
    pub attendance: Option<String>,
    pub attendance_at: Option<String>,
    pub arrived: i64,
    pub promoted_at: Option<String>,
}

const LINE_COLUMNS: &str = "r.id, r.person_id, p.given_name, p.family_name, p.email, p.city,
    r.status, r.guests, r.source, r.note, coalesce(r.answered_at, r.created_at), r.attendance,
    r.attendance_at, r.arrived, r.promoted_at";

fn line_of(r: &Row<'_>) -> rusqlite::Result<Line> {
    let status: String = r.get(6)?;
    Ok(Line {
        id: r.get(0)?,
        person: r.get(1)?,
        given_name: r.get(2)?,
        family_name: r.get(3)?,
        email: r.get(4)?,
        city: r.get(5)?,
        status: Status::parse(&status).unwrap_or(Status::NeedsAction),
        guests: r.get(7)?,
        source: r.get(8)?,
        note: r.get(9)?,
        answered_at: r.get(10)?,
        attendance: r.get(11)?,
        attendance_at: r.get(12)?,
        arrived: r.get(13)?,
        promoted_at: r.get(14)?,
    })
}

/// Every answer to an event: the going, the waitlist in its order, then the others; by name
/// within each.
pub fn list(store: &Store, event: Id) -> Result<Vec<Line>> {
    let conn = store.conn();
    let mut stmt = conn.prepare(&format!(
        "SELECT {LINE_COLUMNS} FROM rsvps r JOIN people p ON p.id = r.person_id
          WHERE r.event_id = ?1
          ORDER BY CASE r.status WHEN 'accepted' THEN 0 WHEN 'waitlisted' THEN 1
                                 WHEN 'tentative' THEN 2 WHEN 'needs_action' THEN 3
                                 WHEN 'declined' THEN 4 ELSE 5 END,
                   CASE r.status WHEN 'waitlisted' THEN coalesce(r.answered_at, r.created_at) END,
                   p.family_name, p.given_name, r.id"
    ))?;
    let rows = stmt
        .query_map([event], line_of)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn line(store: &Store, rsvp: Id) -> Result<Line> {
    line_in(store.conn(), rsvp)
}

fn line_in(conn: &Connection, rsvp: Id) -> Result<Line> {
    conn.query_row(
        &format!(
            "SELECT {LINE_COLUMNS} FROM rsvps r JOIN people p ON p.id = r.person_id
              WHERE r.id = ?1"
        ),
        [rsvp],
        line_of,
    )
    .optional()?
    .ok_or_else(not_found)
}

/// The door's search: the event's answers whose person matches what was typed, as the signer
/// list matches (any script, accents and ی/ي folded, a part of a name, an email). Nothing typed:
/// the first `limit` by name. Those not yet in come first, then the going, then by name.
///
/// The search starts from the campaign's index and probes the event's answers by person. Of a
/// broad search ("ma" among thousands of guests) only the first `MATCHES_SORTED` found are put in
/// order: sorting every match cost more than the door's 5 ms, and a volunteer facing that many
/// types another letter anyway.
pub fn door_search(store: &Store, event: Id, typed: &str, limit: u32) -> Result<Vec<Line>> {
    const MATCHES_SORTED: u32 = 400;
    let conn = store.conn();
    let order = "ORDER BY r.attendance IS NOT NULL, r.status <> 'accepted',
                          p.family_name, p.given_name, r.id LIMIT ?2";
    let limit = limit.clamp(1, 200);
    let rows = match crate::search::match_query(typed) {
        Some(matching) => {
            let mut stmt = conn.prepare(&format!(
                "SELECT {LINE_COLUMNS} FROM (
                     SELECT r.rowid AS answer FROM people_search f
                       CROSS JOIN person_keys k ON k.n = f.rowid
                       CROSS JOIN rsvps r ON r.event_id = ?1 AND r.person_id = k.id
                      WHERE people_search MATCH ?3 LIMIT {MATCHES_SORTED}) found
                   CROSS JOIN rsvps r ON r.rowid = found.answer
                   CROSS JOIN people p ON p.id = r.person_id
                  {order}"
            ))?;
            let rows = stmt
                .query_map(params![event, limit, matching], line_of)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            rows
        }
        None => {
            let mut stmt = conn.prepare(&format!(
                "SELECT {LINE_COLUMNS} FROM rsvps r JOIN people p ON p.id = r.person_id
                  WHERE r.event_id = ?1 {order}"
            ))?;
            let rows = stmt
                .query_map(params![event, limit], line_of)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            rows
        }
    };
    Ok(rows)
}

/// An event's answers counted.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Counts {
    pub capacity: Option<i64>,
    /// Answers per status (`accepted` = going).
    pub accepted: i64,
    pub tentative: i64,
    pub declined: i64,
    pub needs_action: i64,
    pub waitlisted: i64,
    pub cancelled: i64,
    /// Places the going take (parties counted).
    pub places: i64,
    /// Places the waitlist would take.
    pub waitlisted_places: i64,
    /// Answers checked in, and the people who came with them counted.
    pub checked_in: i64,
    pub arrived: i64,
    pub walk_ins: i64,
    pub no_shows: i64,
}

pub fn counts(store: &Store, event: Id) -> Result<Counts> {
    let conn = store.conn();
    let capacity = event_capacity(conn, event)?;
    let mut c = conn.query_row(
        "SELECT count(*) FILTER (WHERE status = 'accepted'),
                count(*) FILTER (WHERE status = 'tentative'),
                count(*) FILTER (WHERE status = 'declined'),
                count(*) FILTER (WHERE status = 'needs_action'),
                count(*) FILTER (WHERE status = 'waitlisted'),
                count(*) FILTER (WHERE status = 'cancelled'),
                coalesce(sum(1 + guests) FILTER (WHERE status = 'accepted'), 0),
                coalesce(sum(1 + guests) FILTER (WHERE status = 'waitlisted'), 0),
                count(*) FILTER (WHERE attendance = 'attended'),
                coalesce(sum(arrived) FILTER (WHERE attendance = 'attended'), 0),
                count(*) FILTER (WHERE source = 'walk_in'),
                count(*) FILTER (WHERE attendance = 'no_show')
           FROM rsvps WHERE event_id = ?1",
        [event],
        |r| {
            Ok(Counts {
                capacity: None,
                accepted: r.get(0)?,
                tentative: r.get(1)?,
                declined: r.get(2)?,
                needs_action: r.get(3)?,
                waitlisted: r.get(4)?,
                cancelled: r.get(5)?,
                places: r.get(6)?,
                waitlisted_places: r.get(7)?,
                checked_in: r.get(8)?,
                arrived: r.get(9)?,
                walk_ins: r.get(10)?,
                no_shows: r.get(11)?,
            })
        },
    )?;
    c.capacity = capacity;
    Ok(c)
}

/// Checks an answer in at the door with how many of the party came (all of it by default).
/// Checking in again changes the count.
pub fn check_in(w: &Tx<'_>, rsvp: Id, arrived: Option<i64>) -> Result<Line> {
    let guests: i64 = w
        .query_row("SELECT guests FROM rsvps WHERE id = ?1", [rsvp], |r| {
            r.get(0)
        })
        .optional()?
        .ok_or_else(not_found)?;
    let arrived = arrived.unwrap_or(1 + guests);
    if !(1..=1 + MAX_GUESTS).contains(&arrived) {
        return Err(Error::Invalid(
            Message::new("arrived_out_of_range").with("max", 1 + MAX_GUESTS),
        ));
    }
    w.execute(
        "UPDATE rsvps SET attendance = 'attended', arrived = ?2,
                attendance_at = CASE WHEN attendance = 'attended' THEN attendance_at ELSE ?3 END,
                updated_at = ?3, written_by = ?4
          WHERE id = ?1",
        params![rsvp, arrived, w.stamp(), w.laptop()],
    )?;
    line_in(w, rsvp)
}

/// Takes a check-in back (a wrong name tapped).
pub fn undo_check_in(w: &Tx<'_>, rsvp: Id) -> Result<Line> {
    let n = w.execute(
        "UPDATE rsvps SET attendance = NULL, attendance_at = NULL, arrived = 0, updated_at = ?2,
                written_by = ?3
          WHERE id = ?1 AND attendance = 'attended'",
        params![rsvp, w.stamp(), w.laptop()],
    )?;
    if n == 0 {
        line_in(w, rsvp)?;
        return Err(Error::invalid("not_checked_in"));
    }
    line_in(w, rsvp)
}

/// One answer marked as a no-show (an imported file says so).
pub(crate) fn mark_no_show(w: &Tx<'_>, rsvp: Id) -> Result<()> {
    w.execute(
        "UPDATE rsvps SET attendance = 'no_show', attendance_at = ?2, updated_at = ?2,
                written_by = ?3
          WHERE id = ?1",
        params![rsvp, w.stamp(), w.laptop()],
    )?;
    Ok(())
}

/// The no-shows marked in one step; `at` undoes them.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct NoShows {
    pub marked: usize,
    pub at: String,
}

/// After the event: everyone going who did not check in is marked no-show.
pub fn mark_no_shows(w: &Tx<'_>, event: Id) -> Result<NoShows> {
    event_capacity(w, event)?;
    let marked = w.execute(
        "UPDATE rsvps SET attendance = 'no_show', attendance_at = ?2, updated_at = ?2,
                written_by = ?3
          WHERE event_id = ?1 AND status = 'accepted' AND attendance IS NULL",
        params![event, w.stamp(), w.laptop()],
    )?;
    Ok(NoShows {
        marked,
        at: w.stamp().to_owned(),
    })
}

/// Takes back the no-shows marked at `at` (those checked in since stay checked in).
pub fn undo_no_shows(w: &Tx<'_>, event: Id, at: &str) -> Result<usize> {
    Ok(w.execute(
        "UPDATE rsvps SET attendance = NULL, attendance_at = NULL, updated_at = ?3,
                written_by = ?4
          WHERE event_id = ?1 AND attendance = 'no_show' AND attendance_at = ?2",
        params![event, at, w.stamp(), w.laptop()],
    )?)
}

/// A walk-in at the door: a name, perhaps an email, perhaps a signature of the event's appeal
/// and a cash gift.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct WalkIn {
    pub given_name: String,
    pub family_name: String,
    pub email: Option<String>,
    /// Where they live: shown with the name when they choose "name and city".
    pub city: Option<String>,
    /// People with them.
    pub guests: i64,
    /// Signs the event's appeal, shown as chosen.
    pub sign: Option<Display>,
    pub contact_consent: bool,
    /// The language of the appeal's words they read.
    pub lang: Option<String>,
    /// A cash gift as typed, in `gift_currency`.
    pub gift: Option<String>,
    pub gift_currency: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct WalkedIn {
    pub person: Id,
    pub rsvp: Id,
    /// Found in the database (by email, or by name among the event's answers), not added.
    pub known: bool,
    pub signed: Option<Signed>,
    pub donation: Option<Id>,
}

/// Someone the campaign already knows as this guest: the same email, or without one the same
/// name (folded, words in any order) among those who answered `event`.
pub(crate) fn guest(
    conn: &Connection,
    event: Id,
    given: &str,
    family: &str,
    email: Option<&str>,
) -> Result<Option<Id>> {
    match email {
        Some(email) => people::find_by_email(conn, email),
        None => Ok(conn
            .query_row(
                "SELECT r.person_id FROM rsvps r JOIN person_keys k ON k.id = r.person_id
                  WHERE r.event_id = ?1 AND k.name_key = desk_name_key(?2, ?3)
                  ORDER BY r.created_at, r.id LIMIT 1",
                params![event, given.trim(), family.trim()],
                |r| r.get(0),
            )
            .optional()?),
    }
}

/// Lets a walk-in in: found if they are already someone the campaign knows (the same email, or
/// without one the same name among this event's answers), else added; checked in at once.
pub fn walk_in(w: &Tx<'_>, event: Id, v: &WalkIn) -> Result<WalkedIn> {
    let ev = crate::events::get_in(w, event)?;
    let person = NewPerson {
        given_name: v.given_name.clone(),
        family_name: v.family_name.clone(),
        email: v.email.clone(),
        city: v.city.clone(),
        ..Default::default()
    };
    let email = people::field::email(v.email.as_deref())?;
    let found = guest(w, event, &v.given_name, &v.family_name, email.as_deref())?;
    let known = found.is_some();
    let person_id = match found {
        Some(id) => id,
        None => people::insert(w, &person)?,
    };
    let rsvp = match find_in(w, event, person_id)? {
        Some(id) => {
            // They had answered: now they are going, whatever they said.
            w.execute(
                "UPDATE rsvps SET status = 'accepted', guests = max(guests, ?2), updated_at = ?3,
                        written_by = ?4
                  WHERE id = ?1",
                params![id, v.guests, w.stamp(), w.laptop()],
            )?;
            id
        }
        None => {
            answer(
                w,
                &Answer {
                    guests: v.guests,
                    source: Source::WalkIn,
                    ..Answer::new(event, person_id, Status::Accepted)
                },
            )?
            .rsvp
        }
    };
    check_in(w, rsvp, None)?;
    let signed = match (v.sign, ev.appeal) {
        (Some(display), Some(appeal)) => Some(signing::sign_in(
            w,
            &Signing {
                appeal,
                person,
                lang: v.lang.clone(),
                source: signing::Source::Table,
                display,
                contact_consent: v.contact_consent,
                event: Some(event),
                sheet: None,
                entered_by: None,
                known_person: Some(person_id),
            },
        )?),
        (Some(_), None) => return Err(Error::invalid("event_has_no_appeal")),
        (None, _) => None,
    };
    let donation = match v.gift.as_deref().map(str::trim).filter(|g| !g.is_empty()) {
        Some(gift) => {
            let currency = crate::money::currency_code(
                v.gift_currency
                    .as_deref()
                    .or(ev.price_currency.as_deref())
                    .unwrap_or_default(),
            )?;
            let amount = crate::money::parse_amount("gift", gift, &currency, false)?;
            Some(crate::donations::insert_donation(
                w,
                &crate::donations::NewDonation {
                    person_id: Some(person_id),
                    event_id: Some(event),
                    ..crate::donations::NewDonation::new(
                        amount,
                        &currency,
                        crate::donations::Method::Cash,
                        chrono::Utc::now().date_naive(),
                    )
                },
            )?)
        }
        None => None,
    };
    Ok(WalkedIn {
        person: person_id,
        rsvp,
        known,
        signed,
        donation,
    })
}
