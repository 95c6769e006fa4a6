//! Applying another laptop's changeset, with the written conflict policy:
//!
//! | what met                                   | what stays                          | recorded as       |
//! |--------------------------------------------|-------------------------------------|-------------------|
//! | an edit of a row edited here too           | the later edit (stamp, then laptop) | `edit_edit`       |
//! | an edit of a row removed here              | nothing: removed stays removed      | `edit_of_removed` |
//! | a removal of a row edited here             | nothing: the removal wins           | `removed_edited`  |
//! | a row whose parent was removed here        | settled after applying (settle.rs)  | `parent_removed`  |
//!
//! Foreign keys are off while changesets are applied (Store::merge): the changeset carries what
//! its origin's cascades did, and settle.rs resolves what concurrent changes left pointing at a
//! removed row.
//! | a change the schema refuses                | this laptop's row                   | `refused`         |
//!
//! Conflicts on money tables are flagged for the treasurer; both versions are kept in the record.
//! Every rule depends only on the two versions, never on which arrived first, so every laptop
//! that has seen the same changes holds the same rows.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use rusqlite::hooks::Action;
use rusqlite::session::{ChangesetItem, ConflictAction, ConflictType};
use rusqlite::types::ValueRef;
use rusqlite::Connection;
use serde_json::{Map, Value as Json};

use crate::error::Result;
use crate::sync::SYNCED_TABLES;

/// The shape of an exchanged table, read once from the schema.
#[derive(Debug)]
pub(crate) struct TableMeta {
    pub columns: Vec<String>,
    pub updated_at: usize,
    pub written_by: usize,
}

pub(crate) type Metas = HashMap<String, TableMeta>;

/// Tables whose conflicts go to the treasurer.
pub(crate) const MONEY_TABLES: &[&str] = &[
    "donations",
    "funds",
    "expenses",
    "cash_counts",
    "receipts",
    "organization",
    "exchange_rates",
];

pub(crate) fn table_metas(conn: &Connection) -> Result<Metas> {
    let mut metas = Metas::new();
    for table in SYNCED_TABLES {
        let mut stmt = conn.prepare(&format!("PRAGMA table_info(\"{table}\")"))?;
        let columns: Vec<String> = stmt
            .query_map([], |r| r.get::<_, String>(1))?
            .collect::<rusqlite::Result<_>>()?;
        let at = |name: &str| columns.iter().position(|c| c == name).unwrap_or(0);
        metas.insert(
            (*table).to_owned(),
            TableMeta {
                updated_at: at("updated_at"),
                written_by: at("written_by"),
                columns,
            },
        );
    }
    Ok(metas)
}

/// One decision of the policy worth showing to the organizer.
#[derive(Debug, Clone)]
pub(crate) struct Conflict {
    pub table: String,
    pub row_id: Vec<u8>,
    pub kind: &'static str,
    pub kept: Option<Json>,
    pub other: Option<Json>,
}

#[derive(Debug, Default)]
pub(crate) struct Applied {
    pub conflicts: Vec<Conflict>,
    /// Rows now point at a parent that is gone: settle.rs resolves them before the commit.
    pub orphans: bool,
}

/// Applies one changeset inside the caller's transaction. Nothing here is recorded as this
/// laptop's own change (no session is attached while it runs).
pub(crate) fn apply(conn: &Connection, metas: &Arc<Metas>, changes: &[u8]) -> Result<Applied> {
    let outcome = Arc::new(Mutex::new(Applied::default()));
    let handler = {
        let outcome = Arc::clone(&outcome);
        let metas = Arc::clone(metas);
        move |kind: ConflictType, item: ChangesetItem| -> ConflictAction {
            let mut outcome = outcome.lock().unwrap_or_else(PoisonError::into_inner);
            decide(&metas, kind, &item, &mut outcome)
        }
    };
    // Only exchanged tables: a changeset naming this laptop's own tables (its identity, its
    // log, the saved passphrase) is not another laptop's to write.
    let only_exchanged = |table: &str| SYNCED_TABLES.contains(&table);
    conn.apply_strm(&mut &changes[..], Some(only_exchanged), handler)?;
    let mut outcome = outcome.lock().unwrap_or_else(PoisonError::into_inner);
    Ok(std::mem::take(&mut *outcome))
}

fn decide(
    metas: &Metas,
    kind: ConflictType,
    item: &ChangesetItem,
    outcome: &mut Applied,
) -> ConflictAction {
    use ConflictAction::{SQLITE_CHANGESET_OMIT as OMIT, SQLITE_CHANGESET_REPLACE as REPLACE};
    if kind == ConflictType::SQLITE_CHANGESET_FOREIGN_KEY {
        outcome.orphans = true;
        return OMIT;
    }
    let Ok(op) = item.op() else { return OMIT };
    let table = op.table_name().to_owned();
    let code = op.code();
    let Some(meta) = metas.get(&table) else {
        return OMIT;
    };
    let incoming = |c: usize| match code {
        Action::SQLITE_DELETE => item.old_value(c),
        // The key of an UPDATE is among its old values only.
        _ => item.new_value(c).or_else(|_| item.old_value(c)),
    };
    let row_id = match incoming(0) {
        Ok(ValueRef::Blob(b)) => b.to_vec(),
        _ => Vec::new(),
    };
    let mut note = |kind: &'static str, kept: Option<Json>, other: Option<Json>| {
        outcome.conflicts.push(Conflict {
            table: table.clone(),
            row_id: row_id.clone(),
            kind,
            kept,
            other,
        });
    };
    let here = |c: usize| item.conflict(c);
    match kind {
        ConflictType::SQLITE_CHANGESET_DATA | ConflictType::SQLITE_CHANGESET_CONFLICT => {
            if code == Action::SQLITE_DELETE {
                // Removed there, edited here: removed stays removed.
                note("removed_edited", None, Some(image(meta, here)));
                return REPLACE;
            }
            // A changeset recorded under an older schema has fewer columns; the ones it lacks
            // are not part of the comparison (SQLite leaves them as they are).
            let carried = (op.number_of_columns() as usize).min(meta.columns.len());
            let same = (0..carried)
                .filter(|&c| c != meta.updated_at && c != meta.written_by)
                .all(|c| matches!((incoming(c), here(c)), (Ok(a), Ok(b)) if a == b));
            let theirs = stamp(meta, incoming);
            let ours = stamp(meta, here);
            if theirs > ours {
                if !same {
                    note(
                        "edit_edit",
                        Some(image(meta, incoming)),
                        Some(image(meta, here)),
                    );
                }
                // (Replacing an inserted row deletes it first; foreign keys are off while a
                // bundle is applied, so nothing cascades.)
                REPLACE
            } else {
                if !same {
                    note(
                        "edit_edit",
                        Some(image(meta, here)),
                        Some(image(meta, incoming)),
                    );
                }
                OMIT
            }
        }
        ConflictType::SQLITE_CHANGESET_NOTFOUND => {
            if code == Action::SQLITE_UPDATE {
                note("edit_of_removed", None, Some(image(meta, incoming)));
            }
            OMIT
        }
        _ => {
            note("refused", None, Some(image(meta, incoming)));
            OMIT
        }
    }
}

/// (updated_at, written_by) of a version: the later one wins; the laptop breaks a tie.
fn stamp<'a>(
    meta: &TableMeta,
    value: impl Fn(usize) -> rusqlite::Result<ValueRef<'a>>,
) -> (Vec<u8>, Vec<u8>) {
    let bytes = |c| match value(c) {
        Ok(ValueRef::Text(t) | ValueRef::Blob(t)) => t.to_vec(),
        _ => Vec::new(),
    };
    (bytes(meta.updated_at), bytes(meta.written_by))
}

/// A version of a row as JSON, column by column, for the organizer's review.
fn image<'a>(meta: &TableMeta, value: impl Fn(usize) -> rusqlite::Result<ValueRef<'a>>) -> Json {
    let mut map = Map::new();
    for (c, name) in meta.columns.iter().enumerate() {
        if let Ok(v) = value(c) {
            map.insert(name.clone(), json_value(v));
        }
    }
    Json::Object(map)
}

/// A stored value as JSON: 16-byte blobs are ids, shown as UUIDs.
pub(crate) fn json_value(v: ValueRef<'_>) -> Json {
    match v {
        ValueRef::Null => Json::Null,
        ValueRef::Integer(i) => Json::from(i),
        ValueRef::Real(f) => Json::from(f),
        ValueRef::Text(t) => Json::from(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => match crate::id::Id::from_slice(b) {
            Some(id) if b.len() == 16 => Json::from(id.to_string()),
            _ => Json::from(b.iter().map(|x| format!("{x:02x}")).collect::<String>()),
        },
    }
}
