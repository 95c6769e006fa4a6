//! The audit trail of money: every gift, expense, count and receipt change leaves a row saying
//! who, when, on which laptop, why, and what the fields were before and after. Rows are only
//! ever added (an exchanged table, so the trail travels with the money).

use std::collections::BTreeMap;

use rusqlite::Connection;
use serde::Serialize;

use crate::error::Result;
use crate::id::Id;
use crate::sync::Tx;

/// A record's fields as a person reads them: amounts as decimal strings, names for ids.
pub type Snapshot = BTreeMap<&'static str, String>;

/// Adds one entry. `before` and `after` keep only the fields that differ (all of `after` for a
/// creation, where `before` is empty).
#[allow(clippy::too_many_arguments)]
pub(crate) fn record(
    w: &Tx<'_>,
    table: &'static str,
    subject: Id,
    action: &'static str,
    who: &str,
    reason: &str,
    before: &Snapshot,
    after: &Snapshot,
) -> Result<()> {
    let mut was = serde_json::Map::new();
    let mut now = serde_json::Map::new();
    for key in before.keys().chain(after.keys()) {
        let (b, a) = (before.get(key), after.get(key));
        if b != a {
            if let Some(b) = b {
                was.insert((*key).into(), b.clone().into());
            }
            if let Some(a) = a {
                now.insert((*key).into(), a.clone().into());
            }
        }
    }
    w.execute(
        "INSERT INTO money_audit (id, subject_table, subject_id, action, who, reason, before, after,
                                  created_at, updated_at, written_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10)",
        rusqlite::params![
            Id::new(),
            table,
            subject,
            action,
            who,
            reason,
            serde_json::Value::Object(was).to_string(),
            serde_json::Value::Object(now).to_string(),
            w.stamp(),
            w.laptop(),
        ],
    )?;
    Ok(())
}

/// Who acts, as the audit keeps it: the name typed, else this laptop's name.
pub(crate) fn who(conn: &Connection, typed: &str) -> Result<String> {
    let typed = crate::text::line("who", typed, 100)?;
    if !typed.is_empty() {
        return Ok(typed);
    }
    Ok(conn.query_row(
        "SELECT l.name FROM laptops l JOIN sync_self s ON s.laptop = l.id",
        [],
        |r| r.get(0),
    )?)
}

/// A reason, required for corrections and voids.
pub(crate) fn reason(typed: &str) -> Result<String> {
    let reason = crate::text::line("reason", typed, 500)?;
    if reason.is_empty() {
        return Err(crate::Error::invalid("reason_required"));
    }
    Ok(reason)
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Change {
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AuditEntry {
    pub at: String,
    pub who: String,
    /// The laptop that wrote it, by its name where this laptop knows it.
    pub laptop: String,
    pub action: String,
    pub reason: String,
    pub changes: Vec<Change>,
}

/// A record's trail, oldest first.
pub fn trail(conn: &Connection, subject: Id) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare(
        "SELECT a.created_at, a.who, coalesce(l.name, hex(a.written_by)), a.action, a.reason,
                a.before, a.after
           FROM money_audit a LEFT JOIN laptops l ON l.id = a.written_by
          WHERE a.subject_id = ?1 ORDER BY a.created_at, a.id",
    )?;
    let rows = stmt.query_map([subject], |r| {
        let before: String = r.get(5)?;
        let after: String = r.get(6)?;
        Ok(AuditEntry {
            at: r.get(0)?,
            who: r.get(1)?,
            laptop: r.get(2)?,
            action: r.get(3)?,
            reason: r.get(4)?,
            changes: changes(&before, &after),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn changes(before: &str, after: &str) -> Vec<Change> {
    let parse = |s: &str| -> serde_json::Map<String, serde_json::Value> {
        serde_json::from_str(s).unwrap_or_default()
    };
    let (before, after) = (parse(before), parse(after));
    let mut fields: Vec<&String> = before.keys().chain(after.keys()).collect();
    fields.sort();
    fields.dedup();
    let text = |v: Option<&serde_json::Value>| v.and_then(|v| v.as_str()).map(str::to_owned);
    fields
        .into_iter()
        .map(|f| Change {
            field: f.clone(),
            before: text(before.get(f)),
            after: text(after.get(f)),
        })
        .collect()
}
