//! Events as iCalendar (RFC 5545), for people's calendars: one event, or every announced one.
//!
//! - Lines end in CRLF and are folded at 75 octets, never inside a UTF-8 character.
//! - The UID is the event's id, the same on every laptop and every export, so an updated event
//!   replaces the old entry; SEQUENCE is the event's own counter, raised by every change.
//! - Times are the event's wall clock with its TZID, and a VTIMEZONE says what that zone did in
//!   the years concerned (its offsets and changes, read from the time-zone database): a 1 pm
//!   Pacific webinar stays 1 pm Pacific in any calendar. UTC events are written in UTC.
//! - A cancelled event is written with STATUS:CANCELLED (so calendars strike it); an event
//!   whose date is to be announced, and a draft, is left out of the whole-campaign file.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Offset, TimeZone, Utc};
use chrono_tz::Tz;

use crate::error::{Error, Result};
use crate::events::{Event, Status};
use crate::id::Id;
use crate::store::Store;

const PRODID: &str = "-//Campaign Desk//Campaign Desk 1//EN";

/// One event's calendar file. An event without a date cannot be in a calendar.
pub fn for_event(store: &Store, id: Id, now: DateTime<Utc>) -> Result<String> {
    let event = crate::events::get(store, id)?;
    if event.starts_at.is_none() || event.status == Status::Tba {
        return Err(Error::invalid("event_without_date"));
    }
    Ok(calendar(&[event], now))
}

/// Every announced (and cancelled) event with a date: drafts and "to be announced" left out.
pub fn for_all(store: &Store, now: DateTime<Utc>) -> Result<(String, usize)> {
    let events: Vec<Event> = crate::events::all(store)?
        .into_iter()
        .filter(|e| {
            e.starts_at.is_some() && matches!(e.status, Status::Announced | Status::Cancelled)
        })
        .collect();
    let n = events.len();
    Ok((calendar(&events, now), n))
}

fn calendar(events: &[Event], now: DateTime<Utc>) -> String {
    let mut out = Lines::default();
    out.put("BEGIN:VCALENDAR");
    out.put("VERSION:2.0");
    out.put(&format!("PRODID:{PRODID}"));
    out.put("CALSCALE:GREGORIAN");
    out.put("METHOD:PUBLISH");
    let mut zones: Vec<(&str, Vec<i32>)> = Vec::new();
    for e in events {
        if e.time_zone == "UTC" {
            continue;
        }
        let years = years_of(e);
        match zones.iter_mut().find(|(z, _)| *z == e.time_zone) {
            Some((_, ys)) => ys.extend(years),
            None => zones.push((&e.time_zone, years)),
        }
    }
    for (zone, mut years) in zones {
        years.sort_unstable();
        years.dedup();
        if let Ok(tz) = zone.parse::<Tz>() {
            vtimezone(&mut out, tz, &years);
        }
    }
    let stamp = utc_form(now);
    for e in events {
        vevent(&mut out, e, &stamp);
    }
    out.put("END:VCALENDAR");
    out.text
}

fn instant(utc: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(utc)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

fn years_of(e: &Event) -> Vec<i32> {
    [&e.starts_at, &e.ends_at]
        .into_iter()
        .flatten()
        .filter_map(|t| instant(t))
        .map(|t| t.year())
        .collect()
}

fn utc_form(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// A DTSTART/DTEND line's value for an instant, in the event's zone.
fn time_property(name: &str, utc: &str, zone: &str) -> Option<String> {
    let t = instant(utc)?;
    if zone == "UTC" {
        return Some(format!("{name}:{}", utc_form(t)));
    }
    let tz: Tz = zone.parse().ok()?;
    Some(format!(
        "{name};TZID={zone}:{}",
        t.with_timezone(&tz).format("%Y%m%dT%H%M%S")
    ))
}

fn vevent(out: &mut Lines, e: &Event, stamp: &str) {
    out.put("BEGIN:VEVENT");
    out.put(&format!("UID:{}@campaign-desk", e.id));
    out.put(&format!("DTSTAMP:{stamp}"));
    out.put(&format!("SEQUENCE:{}", e.sequence));
    if let Some(t) = instant(&e.updated_at) {
        out.put(&format!("LAST-MODIFIED:{}", utc_form(t)));
    }
    if let Some(start) = e
        .starts_at
        .as_deref()
        .and_then(|s| time_property("DTSTART", s, &e.time_zone))
    {
        out.put(&start);
    }
    if let Some(end) = e
        .ends_at
        .as_deref()
        .and_then(|s| time_property("DTEND", s, &e.time_zone))
    {
        out.put(&end);
    }
    let summary = if e.subtitle.is_empty() {
        e.title.clone()
    } else {
        format!("{}: {}", e.title, e.subtitle)
    };
    out.put(&format!("SUMMARY:{}", escape(&summary)));
    let mut description = e.description.clone();
    for (label, items) in [
        ("Program", &e.program),
        ("Co-sponsors", &e.cosponsors),
        ("Featured", &e.causes),
    ] {
        if !items.is_empty() {
            description.push_str(&format!("\n\n{label}:\n{}", items.join("\n")));
        }
    }
    if !description.is_empty() {
        out.put(&format!("DESCRIPTION:{}", escape(&description)));
    }
    let place: Vec<&str> = [&e.venue, &e.address, &e.city]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .chain(e.country.as_deref())
        .collect();
    if !place.is_empty() {
        out.put(&format!("LOCATION:{}", escape(&place.join(", "))));
    } else if let Some(url) = &e.online_url {
        out.put(&format!("LOCATION:{}", escape(url)));
    }
    if let Some(url) = &e.online_url {
        out.put(&format!("URL:{}", url));
    }
    if let Some(email) = &e.contact_email {
        out.put(&format!("ORGANIZER:mailto:{email}"));
    }
    let contact: Vec<&str> = [&e.contact_phone, &e.contact_email]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    if !contact.is_empty() {
        out.put(&format!("CONTACT:{}", escape(&contact.join(", "))));
    }
    out.put(match e.status {
        Status::Cancelled => "STATUS:CANCELLED",
        Status::Draft => "STATUS:TENTATIVE",
        _ => "STATUS:CONFIRMED",
    });
    out.put("END:VEVENT");
}

/// A VTIMEZONE with one observance per offset change in `years` (and the offset in force at
/// their start), read from the time-zone database: exact for those years without RRULEs.
fn vtimezone(out: &mut Lines, tz: Tz, years: &[i32]) {
    out.put("BEGIN:VTIMEZONE");
    out.put(&format!("TZID:{}", tz.name()));
    let (Some(first), Some(last)) = (years.first(), years.last()) else {
        out.put("END:VTIMEZONE");
        return;
    };
    let begin = Utc
        .from_utc_datetime(&NaiveDate::from_ymd_opt(*first, 1, 1).unwrap().into())
        .naive_utc();
    let end = Utc
        .from_utc_datetime(&NaiveDate::from_ymd_opt(*last + 1, 1, 1).unwrap().into())
        .naive_utc();
    let offset_at = |t: chrono::NaiveDateTime| -> i32 {
        tz.offset_from_utc_datetime(&t).fix().local_minus_utc()
    };
    let abbreviation =
        |t: chrono::NaiveDateTime| -> String { tz.from_utc_datetime(&t).format("%Z").to_string() };
    let base = offset_at(begin - Duration::days(1));
    // (instant of the change, offset before, offset after)
    let mut changes = vec![(begin, base, offset_at(begin))];
    let mut t = begin;
    while t < end {
        let next = t + Duration::hours(6);
        if offset_at(next) != offset_at(t) {
            // Narrow the change down to the second.
            let at = |s: i64| {
                DateTime::from_timestamp(s, 0)
                    .unwrap_or_default()
                    .naive_utc()
            };
            let (mut lo, mut hi) = (t.and_utc().timestamp(), next.and_utc().timestamp());
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if offset_at(at(mid)) == offset_at(at(lo)) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            let (lo, hi) = (at(lo), at(hi));
            changes.push((hi, offset_at(lo), offset_at(hi)));
        }
        t = next;
    }
    for (at, from, to) in changes {
        // STANDARD and DAYLIGHT by the offset: the larger of a year's two offsets is daylight.
        let daylight = to > from;
        let kind = if daylight { "DAYLIGHT" } else { "STANDARD" };
        out.put(&format!("BEGIN:{kind}"));
        let local = at + Duration::seconds(from as i64);
        out.put(&format!("DTSTART:{}", local.format("%Y%m%dT%H%M%S")));
        out.put(&format!("TZOFFSETFROM:{}", offset(from)));
        out.put(&format!("TZOFFSETTO:{}", offset(to)));
        out.put(&format!("TZNAME:{}", escape(&abbreviation(at))));
        out.put(&format!("END:{kind}"));
    }
    out.put("END:VTIMEZONE");
}

fn offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.abs();
    if s % 60 != 0 {
        format!("{sign}{:02}{:02}{:02}", s / 3600, s % 3600 / 60, s % 60)
    } else {
        format!("{sign}{:02}{:02}", s / 3600, s % 3600 / 60)
    }
}

/// TEXT values: backslash, semicolon and comma escaped, newlines as `\n`.
fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Content lines, folded at 75 octets on character boundaries, each ending in CRLF.
#[derive(Default)]
struct Lines {
    text: String,
}

impl Lines {
    fn put(&mut self, line: &str) {
        let mut width = 0;
        for c in line.chars() {
            let n = c.len_utf8();
            if width + n > 75 {
                // A fold is CRLF and one space; the space counts in the next line's octets.
                self.text.push_str("\r\n ");
                width = 1;
            }
            self.text.push(c);
            width += n;
        }
        self.text.push_str("\r\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_at_75_octets_between_characters() {
        let mut lines = Lines::default();
        let long = format!("SUMMARY:{}", "شب فرهنگی ".repeat(20));
        lines.put(&long);
        assert!(lines.text.ends_with("\r\n"));
        for line in lines.text.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        let unfolded = lines.text.replace("\r\n ", "");
        assert_eq!(unfolded.trim_end_matches("\r\n"), long);
    }

    #[test]
    fn escapes_text_values() {
        assert_eq!(escape("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
    }

    #[test]
    fn describes_the_zone_changes_of_the_years_concerned() {
        let mut out = Lines::default();
        vtimezone(&mut out, "America/Los_Angeles".parse().unwrap(), &[2027]);
        let text = out.text;
        assert!(text.contains("BEGIN:DAYLIGHT\r\nDTSTART:20270314T020000\r\nTZOFFSETFROM:-0800\r\nTZOFFSETTO:-0700\r\nTZNAME:PDT"), "{text}");
        assert!(text.contains("BEGIN:STANDARD\r\nDTSTART:20271107T020000\r\nTZOFFSETFROM:-0700\r\nTZOFFSETTO:-0800\r\nTZNAME:PST"), "{text}");
        assert_eq!(offset(-8 * 3600), "-0800");
        assert_eq!(offset(12600), "+0330");
    }
}
