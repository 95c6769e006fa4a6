//! Events and RSVPs. A start is typed as a local time in the event's zone and stored in UTC with
//! the zone beside it, so a Berkeley evening stays a Berkeley evening on a laptop in Berlin.

use chrono::{NaiveDateTime, SecondsFormat, TimeZone, Utc};
use chrono_tz::Tz;
use rusqlite::{params, OptionalExtension};

use crate::error::{Error, Result};
use crate::id::Id;
use crate::messages::Message;
use crate::sync::Tx;
use crate::text;

#[derive(Default)]
pub struct NewEvent<'a> {
    pub title: &'a str,
    pub description: &'a str,
    /// Local wall-clock time in `time_zone`; `None` means "date to be announced".
    pub starts: Option<NaiveDateTime>,
    pub ends: Option<NaiveDateTime>,
    /// IANA name such as `America/Los_Angeles`.
    pub time_zone: &'a str,
    pub venue: Option<&'a str>,
    pub address: Option<&'a str>,
    pub city: Option<&'a str>,
    pub country: Option<&'a str>,
    pub online_url: Option<&'a str>,
    pub capacity: Option<i64>,
    pub contact_phone: Option<&'a str>,
    pub contact_email: Option<&'a str>,
}

pub fn insert_event(w: &Tx<'_>, e: &NewEvent<'_>) -> Result<Id> {
    let zone: Tz = e.time_zone.parse().map_err(|_| {
        Error::Invalid(Message::new("unknown_time_zone").with("value", e.time_zone))
    })?;
    let starts = e.starts.map(|t| to_utc(zone, t)).transpose()?;
    let ends = e.ends.map(|t| to_utc(zone, t)).transpose()?;
    if let (Some(s), Some(end)) = (&starts, &ends) {
        if end < s {
            return Err(Error::invalid("ends_before_start"));
        }
    }
    if e.capacity.is_some_and(|c| c <= 0) {
        return Err(Error::invalid("capacity_not_positive"));
    }
    let country = e.country.map(text::country_code).transpose()?;
    let id = Id::new();
    w.execute(
        "INSERT INTO events (id, title, description, starts_at, ends_at, time_zone, venue, address,
                             city, country, online_url, capacity, contact_phone, contact_email,
                             created_at, updated_at, written_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15, ?16)",
        params![
            id,
            text::required_line("event_title", e.title, 200)?,
            text::paragraphs("description", e.description, 10_000)?,
            starts,
            ends,
            zone.name(),
            text::optional_line("venue", e.venue, 200)?,
            text::optional_line("address", e.address, 300)?,
            text::optional_line("city", e.city, 100)?,
            country,
            text::optional_line("link", e.online_url, 500)?,
            e.capacity,
            text::optional_line("contact_phone", e.contact_phone, 40)?,
            text::optional_line("contact_email", e.contact_email, 254)?,
            w.stamp(),
            w.laptop(),
        ],
    )?;
    Ok(id)
}

/// A local time in `zone` as a UTC timestamp. A time skipped by a clock change is refused; a time
/// that happens twice (clocks going back) is taken at its first occurrence.
fn to_utc(zone: Tz, local: NaiveDateTime) -> Result<String> {
    let instant = zone.from_local_datetime(&local).earliest().ok_or_else(|| {
        Error::Invalid(
            Message::new("time_skipped")
                .with("time", local)
                .with("zone", zone.name()),
        )
    })?;
    Ok(instant
        .with_timezone(&Utc)
        .to_rfc3339_opts(SecondsFormat::Millis, true))
}

/// An answer to an invitation, in the words of iCalendar's PARTSTAT.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RsvpStatus {
    Accepted,
    Tentative,
    Declined,
    NeedsAction,
}

impl RsvpStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RsvpStatus::Accepted => "accepted",
            RsvpStatus::Tentative => "tentative",
            RsvpStatus::Declined => "declined",
            RsvpStatus::NeedsAction => "needs_action",
        }
    }
}

/// Records a person's answer to an event. One person answers an event once: answering again
/// changes the answer. Returns the answer's id.
pub fn answer(
    w: &Tx<'_>,
    event_id: Id,
    person_id: Id,
    status: RsvpStatus,
    guests: i64,
) -> Result<Id> {
    if !(0..=50).contains(&guests) {
        return Err(Error::invalid("guests_out_of_range"));
    }
    let existing: Option<Id> = w
        .query_row(
            "SELECT id FROM rsvps WHERE event_id = ?1 AND person_id = ?2
              ORDER BY created_at, id LIMIT 1",
            params![event_id, person_id],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = existing {
        w.execute(
            "UPDATE rsvps SET status = ?2, guests = ?3, updated_at = ?4, written_by = ?5 WHERE id = ?1",
            params![id, status.as_str(), guests, w.stamp(), w.laptop()],
        )?;
        return Ok(id);
    }
    let id = Id::new();
    w.execute(
        "INSERT INTO rsvps (id, event_id, person_id, status, guests, created_at, updated_at, written_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)",
        params![
            id,
            event_id,
            person_id,
            status.as_str(),
            guests,
            w.stamp(),
            w.laptop()
        ],
    )?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    #[test]
    fn converts_local_times_to_utc() {
        let la: Tz = "America/Los_Angeles".parse().unwrap();
        assert_eq!(
            to_utc(la, local(2024, 2, 24, 18, 0)).unwrap(),
            "2024-02-25T02:00:00.000Z"
        );
        // Summer time: seven hours behind UTC.
        assert_eq!(
            to_utc(la, local(2027, 7, 1, 19, 0)).unwrap(),
            "2027-07-02T02:00:00.000Z"
        );
    }

    #[test]
    fn refuses_times_the_clocks_skip() {
        let berlin: Tz = "Europe/Berlin".parse().unwrap();
        let err = to_utc(berlin, local(2027, 3, 28, 2, 30)).unwrap_err();
        assert!(
            err.to_string().contains("does not exist in Europe/Berlin"),
            "{err}"
        );
    }
}

/// An event as a picker lists it: newest first, undated ones ("to be announced") on top.
#[derive(Debug, Clone, serde::Serialize)]
pub struct EventBrief {
    pub id: Id,
    pub title: String,
    pub starts_at: Option<String>,
    pub time_zone: String,
}

pub fn brief(store: &crate::Store) -> Result<Vec<EventBrief>> {
    let mut stmt = store.conn().prepare(
        "SELECT id, title, starts_at, time_zone FROM events
          ORDER BY starts_at IS NOT NULL, starts_at DESC, title",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok(EventBrief {
                id: r.get(0)?,
                title: r.get(1)?,
                starts_at: r.get(2)?,
                time_zone: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
