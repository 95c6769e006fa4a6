//! The numbers an organizer wants at a glance, for the charts of the Dashboard and an appeal's
//! page (and, later, the signers report): signers in total, countries, and signers per
//! country, per week, per source, per event and per appeal. One read transaction, so every
//! number comes from the same moment.

use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection};
use serde::Serialize;

use crate::error::Result;
use crate::id::Id;
use crate::store::Store;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Count {
    /// What is counted: a country code, a week's Monday (YYYY-MM-DD), a source, an id.
    pub key: String,
    /// A title, for events and appeals.
    pub label: Option<String>,
    pub count: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct SignerNumbers {
    /// Signatures (one per person and appeal).
    pub total: i64,
    /// Different people among them.
    pub people: i64,
    /// Countries among the signers (those who gave one).
    pub countries: i64,
    pub by_country: Vec<Count>,
    pub by_week: Vec<Count>,
    pub by_source: Vec<Count>,
    pub by_event: Vec<Count>,
    pub by_appeal: Vec<Count>,
}

/// The numbers for one appeal, or for every appeal when `appeal` is none.
pub fn collect(store: &Store, appeal: Option<Id>) -> Result<SignerNumbers> {
    let tx = store.conn().unchecked_transaction()?;
    let conn: &Connection = &tx;
    let (filter, values): (&str, Vec<Value>) = match appeal {
        Some(a) => (
            "WHERE s.appeal_id = ?",
            vec![Value::Blob(a.as_bytes().to_vec())],
        ),
        None => ("", Vec::new()),
    };
    let counts = |sql: String| -> Result<Vec<Count>> {
        Ok(conn
            .prepare(&sql)?
            .query_map(params_from_iter(values.iter()), |r| {
                // Events and appeals are counted by id (16 bytes), the rest by a word.
                let key = match r.get::<_, Value>(0)? {
                    Value::Blob(b) => Id::from_slice(&b)
                        .map(|id| id.to_string())
                        .unwrap_or_default(),
                    Value::Text(t) => t,
                    _ => String::new(),
                };
                Ok(Count {
                    key,
                    label: r.get(1)?,
                    count: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?)
    };
    let (total, people, countries): (i64, i64, i64) = conn
        .prepare(&format!(
            "SELECT count(*), count(DISTINCT s.person_id), count(DISTINCT p.country)
               FROM signatures s JOIN people p ON p.id = s.person_id {filter}"
        ))?
        .query_row(params_from_iter(values.iter()), |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
    Ok(SignerNumbers {
        total,
        people,
        countries,
        by_country: counts(format!(
            "SELECT coalesce(p.country, ''), NULL, count(*)
               FROM signatures s JOIN people p ON p.id = s.person_id {filter}
              GROUP BY 1 ORDER BY 3 DESC, 1"
        ))?,
        // Weeks start on Monday: SQLite's 'weekday 1' moves a date to the next Monday (or
        // keeps it), so six days back first.
        by_week: counts(format!(
            "SELECT date(s.signed_at, '-6 days', 'weekday 1'), NULL, count(*)
               FROM signatures s {filter} GROUP BY 1 ORDER BY 1"
        ))?,
        by_source: counts(format!(
            "SELECT s.source, NULL, count(*) FROM signatures s {filter} GROUP BY 1 ORDER BY 3 DESC, 1"
        ))?,
        by_event: counts(format!(
            "SELECT e.id, e.title, count(*)
               FROM signatures s JOIN events e ON e.id = s.event_id {filter}
              GROUP BY e.id ORDER BY 3 DESC, 2"
        ))?,
        by_appeal: counts(format!(
            "SELECT a.id, a.title, count(*)
               FROM signatures s JOIN appeals a ON a.id = s.appeal_id {filter}
              GROUP BY a.id ORDER BY 3 DESC, 2"
        ))?,
    })
}
