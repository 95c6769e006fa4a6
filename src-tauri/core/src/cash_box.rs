//! An event table's cash box: an opening float, the cash gifts and sales recorded at the event,
//! and the count at the end by two people. What was expected is float + cash gifts + cash sales;
//! the difference is what was counted less that. A count is closed once; a later correction is
//! a new count linked to the one it corrects, so the first stays as it was signed.

use std::collections::BTreeMap;

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::donations::Named;
use crate::error::{Error, Result};
use crate::id::Id;
use crate::messages::Message;
use crate::money::{self, DecimalMark};
use crate::money_audit::{self, Snapshot};
use crate::sync::Tx;
use crate::text;

/// One kind of note or coin and how many were counted.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default)]
pub struct Denomination {
    /// The note's or coin's value as typed ("20", "0.25").
    pub value: String,
    pub count: i64,
}

/// A count as the form sends it: a total, or the notes and coins.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Count {
    pub counted: String,
    pub denominations: Vec<Denomination>,
    pub decimal_mark: DecimalMark,
    pub counted_by: String,
    pub second_counter: String,
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CashBox {
    pub id: Id,
    pub event: Option<Named>,
    pub currency: String,
    pub float: String,
    pub opened_by: String,
    pub opened_at: String,
    /// Cash gifts and cash sales recorded at the event (live while open, as at the close after).
    pub cash_gifts: String,
    pub cash_sales: String,
    pub expected: String,
    pub counted: Option<String>,
    pub denominations: Vec<Denomination>,
    /// Counted less expected: negative when cash is missing.
    pub difference: Option<String>,
    pub counted_by: String,
    pub second_counter: String,
    pub closed_at: Option<String>,
    pub note: String,
    pub corrects: Option<Id>,
    pub corrected_by: Option<Id>,
}

/// Opens the event's cash box in `currency` with its float.
pub fn open(
    w: &Tx<'_>,
    event: Id,
    currency: &str,
    float: &str,
    mark: DecimalMark,
    who: &str,
) -> Result<CashBox> {
    let currency = money::currency_code(currency)?;
    let ev = crate::events::get_in(w, event)?;
    let float = match float.trim() {
        "" => 0,
        typed => money::parse_typed("float", typed, &currency, mark, true)?,
    };
    let open_already: Option<Id> = w
        .query_row(
            "SELECT id FROM cash_counts WHERE event_id = ?1 AND currency = ?2 AND closed_at IS NULL",
            params![event, currency],
            |r| r.get(0),
        )
        .optional()?;
    if open_already.is_some() {
        return Err(Error::Conflict(
            Message::new("cash_box_open").with("currency", &currency),
        ));
    }
    // One count per event and currency: its expected takes every cash gift of the event, so a
    // second box would count them again. A later count corrects the first.
    let counted: bool = w.query_row(
        "SELECT EXISTS (SELECT 1 FROM cash_counts WHERE event_id = ?1 AND currency = ?2)",
        params![event, currency],
        |r| r.get(0),
    )?;
    if counted {
        return Err(Error::Conflict(
            Message::new("cash_box_counted").with("currency", &currency),
        ));
    }
    let who = money_audit::who(w, who)?;
    let id = Id::new();
    w.execute(
        "INSERT INTO cash_counts (id, event_id, event_title, currency, float_minor, opened_by,
                                  opened_at, created_at, updated_at, written_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?7, ?8)",
        params![
            id,
            event,
            ev.title,
            currency,
            float,
            who,
            w.stamp(),
            w.laptop()
        ],
    )?;
    money_audit::record(
        w,
        "cash_counts",
        id,
        "created",
        &who,
        "",
        &Snapshot::new(),
        &snapshot(w, id)?,
    )?;
    get(w, id)
}

/// The counted total from a form: the notes and coins if given, else the total typed.
fn counted(currency: &str, c: &Count) -> Result<(i64, String)> {
    let mut notes: BTreeMap<i64, i64> = BTreeMap::new();
    for d in c
        .denominations
        .iter()
        .filter(|d| !d.value.trim().is_empty() || d.count != 0)
    {
        let value = money::parse_typed("denomination", &d.value, currency, c.decimal_mark, false)
            .map_err(|_| {
            Error::Invalid(
                Message::new("denomination_bad")
                    .with("value", d.value.trim())
                    .with("currency", currency),
            )
        })?;
        if !(0..=1_000_000).contains(&d.count) {
            return Err(Error::Invalid(
                Message::new("denomination_bad")
                    .with("value", d.count)
                    .with("currency", currency),
            ));
        }
        let n = notes.entry(value).or_default();
        *n = money::add(*n, d.count)?;
    }
    if notes.values().any(|n| *n > 0) {
        let total = notes
            .iter()
            .map(|(v, n)| {
                v.checked_mul(*n)
                    .ok_or_else(|| Error::invalid("amount_too_large"))
            })
            .collect::<Result<Vec<_>>>()?;
        let json = serde_json::to_string(
            &notes
                .iter()
                .filter(|(_, n)| **n > 0)
                .map(|(v, n)| (v.to_string(), *n))
                .collect::<BTreeMap<_, _>>(),
        )
        .unwrap_or_default();
        return Ok((money::checked_sum(total)?, json));
    }
    match c.counted.trim() {
        "" => Err(Error::invalid("count_needed")),
        typed => Ok((
            money::parse_typed("counted", typed, currency, c.decimal_mark, true)?,
            String::new(),
        )),
    }
}

/// Cash gifts and cash sales recorded at the event in this currency (voided ones left out).
fn cash_taken(conn: &Connection, event: Option<Id>, currency: &str) -> Result<(i64, i64)> {
    Ok(conn.query_row(
        "SELECT coalesce(sum(iif(kind = 'gift', amount_minor - refunded_minor, 0)), 0),
                coalesce(sum(iif(kind = 'sale', amount_minor - refunded_minor, 0)), 0)
           FROM donations
          WHERE event_id = ?1 AND method = 'cash' AND currency = ?2 AND voided_at IS NULL",
        params![event, currency],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

fn counters(c: &Count) -> Result<(String, String)> {
    let first = text::required_line("counted_by", &c.counted_by, 100)?;
    let second = text::required_line("second_counter", &c.second_counter, 100)?;
    if text::fold(&first) == text::fold(&second) {
        return Err(Error::invalid("same_counter"));
    }
    Ok((first, second))
}

/// Closes an open count: the total, who counted, and what was expected at this moment.
pub fn close(w: &Tx<'_>, id: Id, c: &Count) -> Result<CashBox> {
    let b = stored(w, "c.id = ?1", id)?
        .pop()
        .ok_or_else(|| Error::NotFound(Message::new("cash_box_not_found")))?;
    if b.closed_at.is_some() {
        return Err(Error::Conflict(Message::new("cash_box_closed")));
    }
    let (first, second) = counters(c)?;
    let (total, notes) = counted(&b.currency, c)?;
    let (gifts, sales) = cash_taken(w, b.event, &b.currency)?;
    let expected = money::checked_sum([b.float, gifts, sales])?;
    let before = snapshot(w, id)?;
    w.execute(
        "UPDATE cash_counts SET denominations = ?2, counted_minor = ?3, gifts_minor = ?4,
                sales_minor = ?5, expected_minor = ?6, counted_by = ?7, second_counter = ?8,
                closed_at = ?9, note = ?10, updated_at = ?9, written_by = ?11
          WHERE id = ?1",
        params![
            id,
            notes,
            total,
            gifts,
            sales,
            expected,
            first,
            second,
            w.stamp(),
            text::paragraphs("note", &c.note, 1000)?,
            w.laptop()
        ],
    )?;
    money_audit::record(
        w,
        "cash_counts",
        id,
        "closed",
        &first,
        "",
        &before,
        &snapshot(w, id)?,
    )?;
    get(w, id)
}

/// A new count for a closed one, with a reason; the first stays as it was signed.
pub fn correct(w: &Tx<'_>, id: Id, c: &Count, reason: &str) -> Result<CashBox> {
    let reason = money_audit::reason(reason)?;
    let b = get(w, id)?;
    if b.closed_at.is_none() {
        return close(w, id, c);
    }
    if b.corrected_by.is_some() {
        return Err(Error::Conflict(Message::new("already_corrected")));
    }
    let new = Id::new();
    w.execute(
        "INSERT INTO cash_counts (id, event_id, event_title, currency, float_minor, opened_by,
                                  opened_at, corrects, created_at, updated_at, written_by)
         SELECT ?2, event_id, event_title, currency, float_minor, opened_by, opened_at, id, ?3, ?3, ?4
           FROM cash_counts WHERE id = ?1",
        params![id, new, w.stamp(), w.laptop()],
    )?;
    let closed = close(w, new, c)?;
    let who = money_audit::who(w, &c.counted_by)?;
    money_audit::record(
        w,
        "cash_counts",
        id,
        "corrected",
        &who,
        &reason,
        &Snapshot::new(),
        &Snapshot::from([("corrected_by", new.to_string())]),
    )?;
    Ok(closed)
}

fn snapshot(conn: &Connection, id: Id) -> Result<Snapshot> {
    let b = get(conn, id)?;
    let mut s = Snapshot::new();
    s.insert("currency", b.currency);
    s.insert("float", b.float);
    if let Some(counted) = b.counted {
        s.insert("counted", counted);
        s.insert("expected", b.expected);
        s.insert("difference", b.difference.unwrap_or_default());
        s.insert("counted_by", b.counted_by);
        s.insert("second_counter", b.second_counter);
    }
    if !b.note.is_empty() {
        s.insert("note", b.note);
    }
    Ok(s)
}

pub fn get(conn: &Connection, id: Id) -> Result<CashBox> {
    let mut boxes = read(conn, "c.id = ?1", id)?;
    boxes
        .pop()
        .ok_or_else(|| Error::NotFound(Message::new("cash_box_not_found")))
}

/// An event's cash boxes, the newest first.
pub fn for_event(conn: &Connection, event: Id) -> Result<Vec<CashBox>> {
    read(conn, "c.event_id = ?1", event)
}

/// A count's row as stored, amounts in minor units.
struct Stored {
    id: Id,
    event: Option<Id>,
    title: String,
    currency: String,
    float: i64,
    opened_by: String,
    opened_at: String,
    notes: String,
    counted: Option<i64>,
    gifts: Option<i64>,
    sales: Option<i64>,
    expected: Option<i64>,
    counted_by: String,
    second_counter: String,
    closed_at: Option<String>,
    note: String,
    corrects: Option<Id>,
    corrected_by: Option<Id>,
}

fn stored(conn: &Connection, filter: &str, key: Id) -> Result<Vec<Stored>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT c.id, c.event_id, coalesce(e.title, c.event_title), c.currency, c.float_minor,
                c.opened_by, c.opened_at, c.denominations, c.counted_minor, c.gifts_minor,
                c.sales_minor, c.expected_minor, c.counted_by, c.second_counter, c.closed_at,
                c.note, c.corrects,
                (SELECT n.id FROM cash_counts n WHERE n.corrects = c.id ORDER BY n.created_at LIMIT 1)
           FROM cash_counts c LEFT JOIN events e ON e.id = c.event_id
          WHERE {filter} ORDER BY c.created_at DESC, c.id DESC"
    ))?;
    let rows = stmt.query_map([key], |r| {
        Ok(Stored {
            id: r.get(0)?,
            event: r.get(1)?,
            title: r.get(2)?,
            currency: r.get(3)?,
            float: r.get(4)?,
            opened_by: r.get(5)?,
            opened_at: r.get(6)?,
            notes: r.get(7)?,
            counted: r.get(8)?,
            gifts: r.get(9)?,
            sales: r.get(10)?,
            expected: r.get(11)?,
            counted_by: r.get(12)?,
            second_counter: r.get(13)?,
            closed_at: r.get(14)?,
            note: r.get(15)?,
            corrects: r.get(16)?,
            corrected_by: r.get(17)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn read(conn: &Connection, filter: &str, key: Id) -> Result<Vec<CashBox>> {
    stored(conn, filter, key)?
        .into_iter()
        .map(|b| shown(conn, b))
        .collect()
}

/// A count as the window shows it: while open, what was taken at the event so far; once closed,
/// what was frozen at the close.
fn shown(conn: &Connection, b: Stored) -> Result<CashBox> {
    let (gifts, sales) = match (b.gifts, b.sales) {
        (Some(g), Some(s)) => (g, s),
        _ => cash_taken(conn, b.event, &b.currency)?,
    };
    let expected = match b.expected {
        Some(e) => e,
        None => money::checked_sum([b.float, gifts, sales])?,
    };
    let f = |m: i64| money::format(m, &b.currency);
    // The largest note first.
    let mut notes: Vec<(i64, i64)> = serde_json::from_str::<BTreeMap<String, i64>>(&b.notes)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|(v, n)| v.parse::<i64>().ok().map(|v| (v, n)))
        .collect();
    notes.sort_unstable_by_key(|n| std::cmp::Reverse(n.0));
    Ok(CashBox {
        id: b.id,
        event: b.event.map(|id| Named { id, name: b.title }),
        float: f(b.float),
        opened_by: b.opened_by,
        opened_at: b.opened_at,
        cash_gifts: f(gifts),
        cash_sales: f(sales),
        expected: f(expected),
        counted: b.counted.map(f),
        denominations: notes
            .into_iter()
            .map(|(v, n)| Denomination {
                value: f(v),
                count: n,
            })
            .collect(),
        difference: b
            .counted
            .map(|c| money::sub(c, expected).map(f))
            .transpose()?,
        counted_by: b.counted_by,
        second_counter: b.second_counter,
        closed_at: b.closed_at,
        note: b.note,
        corrects: b.corrects,
        corrected_by: b.corrected_by,
        currency: b.currency,
    })
}
