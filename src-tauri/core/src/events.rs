//! Events. A start is typed as a local time in the event's zone and stored in UTC with the zone
//! beside it, so a Berkeley evening stays a Berkeley evening on a laptop in Berlin. Answers,
//! the waitlist and the door are in rsvps.rs; calendars in ics.rs.

use chrono::{DateTime, NaiveDateTime, SecondsFormat, TimeZone, Utc};
use chrono_tz::Tz;
use rusqlite::{Connection, OptionalExtension, Row, ToSql};
use rusqlite_migration::{HookError, HookResult};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::id::Id;
use crate::messages::Message;
use crate::money;
use crate::store::Store;
use crate::sync::{record, Tx};
use crate::text;

/// Where an event stands. `Tba` ("date to be announced") is left out of calendars.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Draft,
    #[default]
    Announced,
    Cancelled,
    Tba,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Announced => "announced",
            Status::Cancelled => "cancelled",
            Status::Tba => "tba",
        }
    }

    pub fn parse(value: &str) -> Result<Status> {
        match value
            .trim()
            .to_lowercase()
            .replace([' ', '-'], "_")
            .as_str()
        {
            "draft" => Ok(Status::Draft),
            "announced" => Ok(Status::Announced),
            "cancelled" | "canceled" => Ok(Status::Cancelled),
            "tba" | "date_to_be_announced" => Ok(Status::Tba),
            _ => Err(Error::Invalid(
                Message::new("bad_event_status").with("value", value.trim()),
            )),
        }
    }
}

/// An event as typed in the window or given to a script. Times are local wall-clock times in
/// `time_zone` ("2027-01-09T13:00"); amounts are decimals in `price_currency`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct EventInput {
    pub title: String,
    pub subtitle: String,
    pub description: String,
    pub starts: Option<String>,
    pub ends: Option<String>,
    /// IANA name such as `America/Los_Angeles`.
    pub time_zone: String,
    pub venue: Option<String>,
    pub address: Option<String>,
    pub city: Option<String>,
    pub country: Option<String>,
    pub online_url: Option<String>,
    pub capacity: Option<i64>,
    /// One a line.
    pub cosponsors: String,
    /// Speakers or performers, one a line ("name: role").
    pub program: String,
    /// Featured prisoners or causes, one a line.
    pub causes: String,
    /// Language codes separated by commas or spaces.
    pub languages: String,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
    pub price: Option<String>,
    pub price_currency: Option<String>,
    /// `suggested` (a donation) or `ticket`.
    pub price_kind: Option<String>,
    /// What a ticket buys is worth (a meal, a book): receipts state it.
    pub ticket_value: Option<String>,
    pub status: Status,
    /// The appeal collected at the event's table.
    pub appeal: Option<Id>,
}

/// The checked columns of an event.
struct Checked {
    title: String,
    subtitle: String,
    description: String,
    starts: Option<String>,
    ends: Option<String>,
    zone: &'static str,
    venue: Option<String>,
    address: Option<String>,
    city: Option<String>,
    country: Option<String>,
    online_url: Option<String>,
    capacity: Option<i64>,
    cosponsors: String,
    program: String,
    causes: String,
    languages: String,
    contact_phone: Option<String>,
    contact_email: Option<String>,
    price: Option<i64>,
    price_currency: Option<String>,
    price_kind: &'static str,
    ticket_value: Option<i64>,
    status: &'static str,
    appeal: Option<Id>,
}

fn check(conn: &Connection, e: &EventInput) -> Result<Checked> {
    let zone = time_zone(&e.time_zone)?;
    let starts = local_time("starts", e.starts.as_deref())?
        .map(|t| to_utc(zone, t))
        .transpose()?;
    let ends = local_time("ends", e.ends.as_deref())?
        .map(|t| to_utc(zone, t))
        .transpose()?;
    match (&starts, &ends) {
        (Some(s), Some(end)) if end < s => return Err(Error::invalid("ends_before_start")),
        (None, Some(_)) => return Err(Error::invalid("ends_without_start")),
        (None, None) if matches!(e.status, Status::Announced | Status::Cancelled) => {
            return Err(Error::invalid("announced_without_start"))
        }
        _ => {}
    }
    if e.capacity.is_some_and(|c| !(1..=1_000_000).contains(&c)) {
        return Err(Error::invalid("capacity_not_positive"));
    }
    let country = text::optional_line("country", e.country.as_deref(), 100)?
        .map(|c| text::country_code(&c))
        .transpose()?;
    let contact_email = crate::people::field::email(e.contact_email.as_deref())?;
    let online_url = text::optional_line("link", e.online_url.as_deref(), 500)?;
    if let Some(url) = &online_url {
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            return Err(Error::Invalid(
                Message::new("bad_link").with("value", url.as_str()),
            ));
        }
    }
    let price_text = text::optional_line("price", e.price.as_deref(), 30)?;
    let value_text = text::optional_line("ticket_value", e.ticket_value.as_deref(), 30)?;
    let price_currency = match (&price_text, &value_text) {
        (None, None) => None,
        _ => Some(money::currency_code(
            e.price_currency.as_deref().unwrap_or_default(),
        )?),
    };
    let currency = price_currency.as_deref().unwrap_or("USD");
    let price = price_text
        .map(|p| money::parse_amount("price", &p, currency, true))
        .transpose()?;
    let ticket_value = value_text
        .map(|v| money::parse_amount("ticket_value", &v, currency, true))
        .transpose()?;
    let price_kind = match e.price_kind.as_deref().map(str::trim) {
        None | Some("") | Some("suggested") => "suggested",
        Some("ticket") => "ticket",
        Some(other) => {
            return Err(Error::Invalid(
                Message::new("bad_price_kind").with("value", other),
            ))
        }
    };
    if let Some(appeal) = e.appeal {
        crate::appeals::own_language(conn, appeal)?;
    }
    Ok(Checked {
        title: text::required_line("event_title", &e.title, 200)?,
        subtitle: text::optional_line("subtitle", Some(&e.subtitle), 300)?.unwrap_or_default(),
        description: text::paragraphs("description", &e.description, 10_000)?,
        starts,
        ends,
        zone: zone.name(),
        venue: text::optional_line("venue", e.venue.as_deref(), 200)?,
        address: text::optional_line("address", e.address.as_deref(), 300)?,
        city: text::optional_line("city", e.city.as_deref(), 100)?,
        country,
        online_url,
        capacity: e.capacity,
        cosponsors: lines("cosponsors", &e.cosponsors)?,
        program: lines("program", &e.program)?,
        causes: lines("causes", &e.causes)?,
        languages: languages(&e.languages)?,
        contact_phone: text::optional_line("contact_phone", e.contact_phone.as_deref(), 40)?,
        contact_email,
        price,
        price_currency,
        price_kind,
        ticket_value,
        status: e.status.as_str(),
        appeal: e.appeal,
    })
}

/// One entry a line, each a checked line; blank lines dropped.
fn lines(field: &'static str, value: &str) -> Result<String> {
    let mut kept = Vec::new();
    for line in value.lines() {
        if let Some(line) = text::optional_line(field, Some(line), 300)? {
            kept.push(line);
        }
    }
    if kept.len() > 100 {
        return Err(Error::Invalid(
            Message::new("too_many_lines")
                .with("field", field)
                .with("max", 100),
        ));
    }
    Ok(kept.join("\n"))
}

/// Language codes, however separated, as "en,fa".
fn languages(value: &str) -> Result<String> {
    let mut codes: Vec<String> = Vec::new();
    for word in value.split([',', ' ', ';', '/']).filter(|w| !w.is_empty()) {
        let code = text::lang_code(word)?;
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    Ok(codes.join(","))
}

pub fn time_zone(name: &str) -> Result<Tz> {
    name.trim()
        .parse()
        .map_err(|_| Error::Invalid(Message::new("unknown_time_zone").with("value", name.trim())))
}

/// A local time as typed: "2027-01-09T13:00", with or without seconds, or with a space.
fn local_time(field: &'static str, value: Option<&str>) -> Result<Option<NaiveDateTime>> {
    let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let normal = value.replacen(' ', "T", 1);
    ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(&normal, f).ok())
        .map(Some)
        .ok_or_else(|| {
            Error::Invalid(
                Message::new("bad_local_time")
                    .with("field", field)
                    .with("value", value),
            )
        })
}

/// A local time in `zone` as a UTC timestamp. A time skipped by a clock change is refused; a time
/// that happens twice (clocks going back) is taken at its first occurrence.
fn to_utc(zone: Tz, local: NaiveDateTime) -> Result<String> {
    let instant = zone.from_local_datetime(&local).earliest().ok_or_else(|| {
        Error::Invalid(
            Message::new("time_skipped")
                .with("time", local.format("%Y-%m-%d %H:%M"))
                .with("zone", zone.name()),
        )
    })?;
    Ok(instant
        .with_timezone(&Utc)
        .to_rfc3339_opts(SecondsFormat::Millis, true))
}

/// A stored UTC instant as the event's wall-clock time, "2027-01-09T13:00".
pub fn local_of(utc: &str, zone: &str) -> Option<String> {
    let instant = DateTime::parse_from_rfc3339(utc).ok()?;
    let zone: Tz = zone.parse().ok()?;
    Some(
        instant
            .with_timezone(&zone)
            .format("%Y-%m-%dT%H:%M")
            .to_string(),
    )
}

pub fn insert(w: &Tx<'_>, e: &EventInput) -> Result<Id> {
    let c = check(w, e)?;
    let id = Id::new();
    w.execute(
        "INSERT INTO events (id, title, description, starts_at, ends_at, time_zone, venue, address,
                             city, country, online_url, capacity, contact_phone, contact_email,
                             created_at, updated_at, written_by, subtitle, status, cosponsors,
                             program, causes, languages, price_minor, price_currency, price_kind,
                             ticket_value_minor, appeal_id, sequence)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15, ?16, ?17,
                 ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, 0)",
        c.values(&id, &w.stamp(), &w.laptop()).as_slice(),
    )?;
    Ok(id)
}

/// Saves an edited event. Its calendar SEQUENCE goes up, so calendars replace the old entry; a
/// larger capacity moves people up from the waitlist (returned).
pub fn update(w: &Tx<'_>, id: Id, e: &EventInput) -> Result<Vec<Id>> {
    let c = check(w, e)?;
    let n = w.execute(
        "UPDATE events SET title = ?2, description = ?3, starts_at = ?4, ends_at = ?5,
                time_zone = ?6, venue = ?7, address = ?8, city = ?9, country = ?10,
                online_url = ?11, capacity = ?12, contact_phone = ?13, contact_email = ?14,
                updated_at = ?15, written_by = ?16, subtitle = ?17, status = ?18,
                cosponsors = ?19, program = ?20, causes = ?21, languages = ?22,
                price_minor = ?23, price_currency = ?24, price_kind = ?25,
                ticket_value_minor = ?26, appeal_id = ?27, sequence = sequence + 1
          WHERE id = ?1",
        c.values(&id, &w.stamp(), &w.laptop()).as_slice(),
    )?;
    if n == 0 {
        return Err(not_found());
    }
    crate::rsvps::promote(w, id)
}

impl Checked {
    /// The values of an insert and of an update, numbered alike: ?1 the id, ?15 the stamp,
    /// ?16 the laptop.
    fn values<'a>(&'a self, id: &'a Id, stamp: &'a &'a str, laptop: &'a Id) -> Vec<&'a dyn ToSql> {
        vec![
            id,
            &self.title,
            &self.description,
            &self.starts,
            &self.ends,
            &self.zone,
            &self.venue,
            &self.address,
            &self.city,
            &self.country,
            &self.online_url,
            &self.capacity,
            &self.contact_phone,
            &self.contact_email,
            stamp,
            laptop,
            &self.subtitle,
            &self.status,
            &self.cosponsors,
            &self.program,
            &self.causes,
            &self.languages,
            &self.price,
            &self.price_currency,
            &self.price_kind,
            &self.ticket_value,
            &self.appeal,
        ]
    }
}

/// Changes only the status (cancel, announce...): the calendar sees a change.
pub fn set_status(w: &Tx<'_>, id: Id, status: Status) -> Result<()> {
    let mut input = input_in(w, id)?;
    input.status = status;
    update(w, id, &input).map(drop)
}

/// Removes an event with its answers; signatures and gifts taken there keep their rows.
pub fn remove(w: &Tx<'_>, id: Id) -> Result<()> {
    w.execute("DELETE FROM rsvps WHERE event_id = ?1", [id])?;
    if w.execute("DELETE FROM events WHERE id = ?1", [id])? == 0 {
        return Err(not_found());
    }
    Ok(())
}

pub(crate) fn not_found() -> Error {
    Error::NotFound(Message::new("event_not_found"))
}

/// An event with everything stored about it, times also as the event's wall clock.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Event {
    pub id: Id,
    pub title: String,
    pub subtitle: String,
    pub description: String,
    /// UTC instants.
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
    pub time_zone: String,
    /// The same instants on the event's wall clock ("2027-01-09T13:00").
    pub local_starts: Option<String>,
    pub local_ends: Option<String>,
    pub venue: Option<String>,
    pub address: Option<String>,
    pub city: Option<String>,
    pub country: Option<String>,
    pub online_url: Option<String>,
    pub capacity: Option<i64>,
    pub cosponsors: Vec<String>,
    pub program: Vec<String>,
    pub causes: Vec<String>,
    pub languages: Vec<String>,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
    /// Decimal strings in `price_currency`.
    pub price: Option<String>,
    pub price_currency: Option<String>,
    pub price_kind: String,
    pub ticket_value: Option<String>,
    pub status: Status,
    pub appeal: Option<Id>,
    pub appeal_title: Option<String>,
    pub sequence: i64,
    pub created_at: String,
    pub updated_at: String,
}

const EVENT_COLUMNS: &str = "e.id, e.title, e.subtitle, e.description, e.starts_at, e.ends_at,
    e.time_zone, e.venue, e.address, e.city, e.country, e.online_url, e.capacity, e.cosponsors,
    e.program, e.causes, e.languages, e.contact_phone, e.contact_email, e.price_minor,
    e.price_currency, e.price_kind, e.ticket_value_minor, e.status, e.appeal_id, a.title,
    e.sequence, e.created_at, e.updated_at";

const EVENT_FROM: &str = "events e LEFT JOIN appeals a ON a.id = e.appeal_id";

fn event_of(r: &Row<'_>) -> rusqlite::Result<Event> {
    let split = |s: String, sep: char| -> Vec<String> {
        s.split(sep)
            .filter(|x| !x.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let starts_at: Option<String> = r.get(4)?;
    let ends_at: Option<String> = r.get(5)?;
    let time_zone: String = r.get(6)?;
    let currency: Option<String> = r.get(20)?;
    let amount = |v: Option<i64>| v.map(|m| money::format(m, currency.as_deref().unwrap_or("USD")));
    let status: String = r.get(23)?;
    Ok(Event {
        id: r.get(0)?,
        title: r.get(1)?,
        subtitle: r.get(2)?,
        description: r.get(3)?,
        local_starts: starts_at.as_deref().and_then(|s| local_of(s, &time_zone)),
        local_ends: ends_at.as_deref().and_then(|s| local_of(s, &time_zone)),
        starts_at,
        ends_at,
        time_zone,
        venue: r.get(7)?,
        address: r.get(8)?,
        city: r.get(9)?,
        country: r.get(10)?,
        online_url: r.get(11)?,
        capacity: r.get(12)?,
        cosponsors: split(r.get(13)?, '\n'),
        program: split(r.get(14)?, '\n'),
        causes: split(r.get(15)?, '\n'),
        languages: split(r.get(16)?, ','),
        contact_phone: r.get(17)?,
        contact_email: r.get(18)?,
        price: amount(r.get(19)?),
        ticket_value: amount(r.get(22)?),
        price_currency: currency.clone(),
        price_kind: r.get(21)?,
        status: Status::parse(&status).unwrap_or_default(),
        appeal: r.get(24)?,
        appeal_title: r.get(25)?,
        sequence: r.get(26)?,
        created_at: r.get(27)?,
        updated_at: r.get(28)?,
    })
}

pub fn get(store: &Store, id: Id) -> Result<Event> {
    get_in(store.conn(), id)
}

pub(crate) fn get_in(conn: &Connection, id: Id) -> Result<Event> {
    conn.query_row(
        &format!("SELECT {EVENT_COLUMNS} FROM {EVENT_FROM} WHERE e.id = ?1"),
        [id],
        event_of,
    )
    .optional()?
    .ok_or_else(not_found)
}

/// Every event, soonest first (see `list`).
pub fn all(store: &Store) -> Result<Vec<Event>> {
    let conn = store.conn();
    let mut stmt = conn.prepare(&format!(
        "SELECT {EVENT_COLUMNS} FROM {EVENT_FROM} ORDER BY e.starts_at IS NULL, e.starts_at, e.title"
    ))?;
    let rows = stmt
        .query_map([], event_of)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The event as its edit form holds it.
pub fn input(store: &Store, id: Id) -> Result<EventInput> {
    input_in(store.conn(), id)
}

fn input_in(conn: &Connection, id: Id) -> Result<EventInput> {
    let e = get_in(conn, id)?;
    Ok(EventInput {
        title: e.title,
        subtitle: e.subtitle,
        description: e.description,
        starts: e.local_starts,
        ends: e.local_ends,
        time_zone: e.time_zone,
        venue: e.venue,
        address: e.address,
        city: e.city,
        country: e.country,
        online_url: e.online_url,
        capacity: e.capacity,
        cosponsors: e.cosponsors.join("\n"),
        program: e.program.join("\n"),
        causes: e.causes.join("\n"),
        languages: e.languages.join(","),
        contact_phone: e.contact_phone,
        contact_email: e.contact_email,
        price: e.price,
        price_currency: e.price_currency,
        price_kind: Some(e.price_kind),
        ticket_value: e.ticket_value,
        status: e.status,
        appeal: e.appeal,
    })
}

/// An event in the Events screen's lists, with its answers counted.
#[derive(Debug, Clone, Serialize)]
pub struct Listed {
    #[serde(flatten)]
    pub event: Event,
    pub counts: crate::rsvps::Counts,
}

/// The Events screen: upcoming (not yet ended) soonest first, then those with no date yet, then
/// past ones, latest first.
#[derive(Debug, Clone, Serialize)]
pub struct Lists {
    pub upcoming: Vec<Listed>,
    pub undated: Vec<Listed>,
    pub past: Vec<Listed>,
}

pub fn lists(store: &Store, now: DateTime<Utc>) -> Result<Lists> {
    let now = now.to_rfc3339_opts(SecondsFormat::Millis, true);
    let mut lists = Lists {
        upcoming: Vec::new(),
        undated: Vec::new(),
        past: Vec::new(),
    };
    for event in all(store)? {
        let counts = crate::rsvps::counts(store, event.id)?;
        let end = event.ends_at.clone().or_else(|| event.starts_at.clone());
        let listed = Listed { event, counts };
        match end {
            None => lists.undated.push(listed),
            Some(end) if end >= now => lists.upcoming.push(listed),
            Some(_) => lists.past.push(listed),
        }
    }
    lists.past.reverse();
    Ok(lists)
}

/// An event as a picker lists it: newest first, undated ones ("to be announced") on top.
#[derive(Debug, Clone, serde::Serialize)]
pub struct EventBrief {
    pub id: Id,
    pub title: String,
    pub starts_at: Option<String>,
    pub time_zone: String,
}

pub fn brief(store: &Store) -> Result<Vec<EventBrief>> {
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

/// What was taken at an event: signatures per appeal, gifts per currency.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Taken {
    pub signatures: Vec<(String, i64)>,
    /// (currency, total as a decimal string, gifts)
    pub money: Vec<(String, String, i64)>,
}

pub fn taken(store: &Store, event: Id) -> Result<Taken> {
    let conn = store.conn();
    let mut stmt = conn.prepare(
        "SELECT a.title, count(*) FROM signatures s JOIN appeals a ON a.id = s.appeal_id
          WHERE s.event_id = ?1 GROUP BY a.id ORDER BY count(*) DESC, a.title",
    )?;
    let signatures = stmt
        .query_map([event], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut stmt = conn.prepare(
        "SELECT currency, amount_minor - refunded_minor FROM donations
          WHERE event_id = ?1 AND voided_at IS NULL ORDER BY currency",
    )?;
    let gifts = stmt
        .query_map([event], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    // Summed per currency with checked arithmetic: currencies are never mixed.
    let mut money: Vec<(String, i64, i64)> = Vec::new();
    for (currency, amount) in gifts {
        match money.iter_mut().find(|(c, _, _)| *c == currency) {
            Some((_, total, n)) => {
                *total = total
                    .checked_add(amount)
                    .ok_or_else(|| Error::invalid("amount_too_large"))?;
                *n += 1;
            }
            None => money.push((currency, amount, 1)),
        }
    }
    Ok(Taken {
        signatures,
        money: money
            .into_iter()
            .map(|(c, total, n)| (c.clone(), money::format(total, &c), n))
            .collect(),
    })
}

/// The hook of migration 008: events stored without a start become "date to be announced".
/// Every laptop writes the same (the rows keep their stamps), recorded like any write.
pub(crate) fn after_migration(tx: &rusqlite::Transaction<'_>) -> HookResult {
    record::recorded(tx, |w| {
        w.execute(
            "UPDATE events SET status = 'tba' WHERE starts_at IS NULL AND status <> 'tba'",
            [],
        )?;
        Ok(())
    })
    .map_err(|e| match e {
        Error::Database(e) => HookError::RusqliteError(e),
        other => HookError::Hook(other.to_string()),
    })
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
    fn converts_local_times_to_utc_and_back() {
        let la: Tz = "America/Los_Angeles".parse().unwrap();
        let utc = to_utc(la, local(2024, 2, 24, 18, 0)).unwrap();
        assert_eq!(utc, "2024-02-25T02:00:00.000Z");
        assert_eq!(
            local_of(&utc, "America/Los_Angeles").as_deref(),
            Some("2024-02-24T18:00")
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

    #[test]
    fn reads_typed_local_times_and_language_lists() {
        assert_eq!(
            local_time("starts", Some("2027-01-09T13:00")).unwrap(),
            Some(local(2027, 1, 9, 13, 0))
        );
        assert_eq!(
            local_time("starts", Some(" 2027-01-09 13:00:00 ")).unwrap(),
            Some(local(2027, 1, 9, 13, 0))
        );
        assert_eq!(local_time("starts", Some("")).unwrap(), None);
        let err = local_time("starts", Some("9 Jan 2027")).unwrap_err();
        assert_eq!(err.message().key(), "bad_local_time");
        assert_eq!(languages("EN, fa es,en").unwrap(), "en,fa,es");
        assert!(languages("english").is_err());
        assert_eq!(lines("program", " A \n\n B: poet ").unwrap(), "A\nB: poet");
    }
}
