//! An erased person leaves the log too. The log keeps every changeset for laptops that have not
//! seen it yet, and the changesets carry whole rows: the person's name in the INSERT that
//! added them, in every later edit, and in the removal the erasure itself recorded. Here each
//! changeset of the log is rewritten: the operations on the person's own rows (the person,
//! their signatures, consent records, answers, merge records) are dropped, except a removal,
//! which must still travel and keeps only its key; a gift they gave keeps its amounts and
//! loses its personal columns (who gave it, the donor's name, the note, the reference) in
//! every operation. Other laptops do the same when the erasure arrives (settle.rs).

use std::collections::HashSet;

use rusqlite::fallible_streaming_iterator::FallibleStreamingIterator;
use rusqlite::hooks::Action;
use rusqlite::session::ChangesetIter;
use rusqlite::types::{Value, ValueRef};
use rusqlite::Connection;

use super::changeset::{put_value, put_varint, DELETE, INSERT, UPDATE};
use crate::error::Result;

/// The columns of a gift that name or point at its giver.
pub(crate) const DONATION_PERSONAL: &[&str] = &["person_id", "donor_name", "note", "reference"];

/// The tables of a person's own rows (the `erasures` row shares the person's key and stays).
const FORGOTTEN_TABLES: &[&str] = &[
    "people",
    "signatures",
    "consents",
    "rsvps",
    "merge_records",
    "person_merges",
    "people_distinct",
];

/// The money audit's fields that name a giver, in its before/after snapshots.
const AUDIT_PERSONAL: &[&str] = &["donor", "note", "reference"];

/// What an erasure removes: the keys of rows to forget, of gifts to keep anonymous, and of
/// those gifts' money audit entries (their snapshots name the giver).
#[derive(Debug, Default)]
pub(crate) struct Forget {
    pub rows: HashSet<Vec<u8>>,
    pub donations: HashSet<Vec<u8>>,
    pub audits: HashSet<Vec<u8>>,
}

/// A money audit snapshot (JSON) with the giver's fields blanked.
pub(crate) fn blank_snapshot(value: &str) -> String {
    let mut fields: std::collections::BTreeMap<String, serde_json::Value> =
        serde_json::from_str(value).unwrap_or_default();
    for key in AUDIT_PERSONAL {
        if fields.contains_key(*key) {
            fields.insert(
                (*key).to_owned(),
                serde_json::Value::String("(erased)".into()),
            );
        }
    }
    serde_json::to_string(&fields).expect("a map serializes")
}

/// The positions of `names` among `table`'s columns, with whether each may not be NULL.
fn columns_of(conn: &Connection, table: &str, names: &[&str]) -> Result<Vec<(usize, bool)>> {
    let mut stmt = conn.prepare("SELECT cid, name, \"notnull\" FROM pragma_table_info(?1)")?;
    let columns: Vec<(usize, String, bool)> = stmt
        .query_map([table], |r| {
            Ok((r.get::<_, i64>(0)? as usize, r.get(1)?, r.get(2)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(columns
        .into_iter()
        .filter(|(_, name, _)| names.contains(&name.as_str()))
        .map(|(c, _, not_null)| (c, not_null))
        .collect())
}

/// Rewrites every changeset in this laptop's log that touches what `forget` names.
pub(crate) fn scrub_log(conn: &Connection, forget: &Forget) -> Result<usize> {
    let personal = Personal {
        donation: columns_of(conn, "donations", DONATION_PERSONAL)?,
        audit: columns_of(conn, "money_audit", &["before", "after"])?,
    };
    let entries: Vec<(i64, Vec<u8>)> = conn
        .prepare("SELECT ord, changes FROM sync_log")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut rewritten = 0;
    for (ord, changes) in entries {
        if let Some(changes) = rewrite(&changes, forget, &personal)? {
            conn.execute(
                "UPDATE sync_log SET changes = ?2 WHERE ord = ?1",
                rusqlite::params![ord, changes],
            )?;
            rewritten += 1;
        }
    }
    Ok(rewritten)
}

/// `changes` without what `forget` names, or `None` when nothing in it is concerned.
/// The columns blanked: a gift's personal ones (with whether each may not be NULL), and the
/// money audit's snapshots.
struct Personal {
    donation: Vec<(usize, bool)>,
    audit: Vec<(usize, bool)>,
}

fn rewrite(changes: &[u8], forget: &Forget, personal: &Personal) -> Result<Option<Vec<u8>>> {
    let mut out = Vec::with_capacity(changes.len());
    let mut input: &[u8] = changes;
    let reader: &mut dyn std::io::Read = &mut input;
    let mut iter = ChangesetIter::start_strm(&reader)?;
    let mut table = String::new();
    let mut header_written = false;
    let mut touched = false;
    while let Some(item) = iter.next()? {
        let op = item.op()?;
        let columns = op.number_of_columns() as usize;
        let pk = item.pk()?.to_vec();
        if op.table_name() != table {
            table = op.table_name().to_owned();
            header_written = false;
        }
        let key_column = pk.iter().position(|&flag| flag != 0).unwrap_or(0);
        let code = op.code();
        let key = match code {
            Action::SQLITE_INSERT => item.new_value(key_column)?,
            _ => item.old_value(key_column)?,
        };
        let key = match key {
            ValueRef::Blob(b) => b.to_vec(),
            _ => Vec::new(),
        };
        let forgotten = FORGOTTEN_TABLES.contains(&table.as_str()) && forget.rows.contains(&key);
        let anonymous = table == "donations" && forget.donations.contains(&key);
        let audited = table == "money_audit" && forget.audits.contains(&key);
        touched |= forgotten || anonymous || audited;
        if forgotten && code != Action::SQLITE_DELETE {
            continue;
        }
        if !header_written {
            out.push(b'T');
            put_varint(&mut out, columns as u64);
            out.extend_from_slice(&pk);
            out.extend_from_slice(table.as_bytes());
            out.push(0);
            header_written = true;
        }
        let indirect = u8::from(op.indirect());
        // What a value becomes: the key stays; a forgotten row's other values go; a gift's
        // personal columns are emptied; a money audit snapshot loses the giver.
        let blank = |c: usize, value: ValueRef<'_>| -> Value {
            if forgotten && pk[c] == 0 {
                return Value::Null;
            }
            if anonymous {
                if let Some(&(_, not_null)) = personal.donation.iter().find(|(p, _)| *p == c) {
                    return if not_null {
                        Value::Text(String::new())
                    } else {
                        Value::Null
                    };
                }
            }
            if audited && personal.audit.iter().any(|(p, _)| *p == c) {
                if let ValueRef::Text(t) = value {
                    return Value::Text(blank_snapshot(&String::from_utf8_lossy(t)));
                }
            }
            owned(value)
        };
        match code {
            Action::SQLITE_INSERT => {
                out.extend([INSERT, indirect]);
                for c in 0..columns {
                    put_value(&mut out, (&blank(c, item.new_value(c)?)).into());
                }
            }
            Action::SQLITE_DELETE => {
                out.extend([DELETE, indirect]);
                for c in 0..columns {
                    put_value(&mut out, (&blank(c, item.old_value(c)?)).into());
                }
            }
            _ => {
                out.extend([UPDATE, indirect]);
                for c in 0..columns {
                    match item.old_value(c) {
                        Ok(v) => put_value(&mut out, (&blank(c, v)).into()),
                        Err(_) => out.push(0),
                    }
                }
                for c in 0..columns {
                    match item.new_value(c) {
                        Ok(v) => put_value(&mut out, (&blank(c, v)).into()),
                        Err(_) => out.push(0),
                    }
                }
            }
        }
    }
    Ok(touched.then_some(out))
}

fn owned(value: ValueRef<'_>) -> Value {
    match value {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::Integer(i),
        ValueRef::Real(f) => Value::Real(f),
        ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::Blob(b.to_vec()),
    }
}
