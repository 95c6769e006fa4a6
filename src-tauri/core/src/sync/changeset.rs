//! Changesets as the session extension writes them, with one change of ours: an UPDATE carries
//! the whole row, old and new, not only the columns it changed.
//!
//! Why: a merge keeps the later of two edits of the same row (last writer wins). The session
//! extension records only the changed columns of an UPDATE, so the laptop that takes the later
//! edit would keep its own values in the columns that edit did not touch, while the other laptop
//! keeps the values the later edit's author saw: the two would differ for good. With the whole
//! row in the change, taking it (`REPLACE`) gives every laptop the same row. The old values of
//! the whole row also make any concurrent edit, of any column, a conflict that the policy sees.
//!
//! The format (sqlite.org/sessionintro.html, "changeset format"): per table a header
//! `'T' nCol PK-flags name\0`, then records `op indirect values…`; a value is a type byte
//! (0 undefined, 1 integer, 2 real, 3 text, 4 blob, 5 null) and its bytes.

use rusqlite::fallible_streaming_iterator::FallibleStreamingIterator;
use rusqlite::hooks::Action;
use rusqlite::session::ChangesetIter;
use rusqlite::types::{Value, ValueRef};
use rusqlite::Connection;

use crate::error::Result;

pub(crate) const INSERT: u8 = 18;
pub(crate) const DELETE: u8 = 9;
pub(crate) const UPDATE: u8 = 23;

/// `changes` with every UPDATE completed from the rows as they are now in `conn` (the
/// transaction that made the changes, before it commits).
pub(crate) fn with_whole_rows(conn: &Connection, changes: &[u8]) -> Result<Vec<u8>> {
    if !has_updates(changes)? {
        return Ok(changes.to_vec());
    }
    let mut out = Vec::with_capacity(changes.len() * 2);
    let mut input: &[u8] = changes;
    let reader: &mut dyn std::io::Read = &mut input;
    let mut iter = ChangesetIter::start_strm(&reader)?;
    let mut table = String::new();
    while let Some(item) = iter.next()? {
        let op = item.op()?;
        let columns = op.number_of_columns() as usize;
        if op.table_name() != table {
            table = op.table_name().to_owned();
            out.push(b'T');
            put_varint(&mut out, columns as u64);
            out.extend_from_slice(item.pk()?);
            out.extend_from_slice(table.as_bytes());
            out.push(0);
        }
        let indirect = u8::from(op.indirect());
        match op.code() {
            Action::SQLITE_INSERT => {
                out.extend([INSERT, indirect]);
                for c in 0..columns {
                    put_value(&mut out, item.new_value(c)?);
                }
            }
            Action::SQLITE_DELETE => {
                out.extend([DELETE, indirect]);
                for c in 0..columns {
                    put_value(&mut out, item.old_value(c)?);
                }
            }
            _ => {
                let pk = item.pk()?.to_vec();
                let key = pk.iter().position(|&flag| flag != 0).unwrap_or(0);
                let row = current_row(conn, &table, item.old_value(key)?, columns)?;
                out.extend([UPDATE, indirect]);
                for (c, now) in row.iter().enumerate() {
                    // An unchanged column's old value is its value now.
                    match item.old_value(c) {
                        Ok(old) => put_value(&mut out, old),
                        Err(_) => put_value(&mut out, now.into()),
                    }
                }
                for (c, now) in row.iter().enumerate() {
                    if pk[c] != 0 {
                        out.push(0); // the key does not change
                    } else {
                        put_value(&mut out, now.into());
                    }
                }
            }
        }
    }
    Ok(out)
}

fn has_updates(changes: &[u8]) -> Result<bool> {
    let mut input: &[u8] = changes;
    let reader: &mut dyn std::io::Read = &mut input;
    let mut iter = ChangesetIter::start_strm(&reader)?;
    while let Some(item) = iter.next()? {
        if item.op()?.code() == Action::SQLITE_UPDATE {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The whole row with primary key `key`, columns in table order (as the changeset has them).
fn current_row(
    conn: &Connection,
    table: &str,
    key: ValueRef<'_>,
    columns: usize,
) -> Result<Vec<Value>> {
    // `table` comes from the changeset, which only names tables of our own schema; quoted anyway.
    let sql = format!(
        "SELECT * FROM \"{}\" WHERE id = ?1",
        table.replace('"', "\"\"")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let key = match key {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::Integer(i),
        ValueRef::Real(f) => Value::Real(f),
        ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::Blob(b.to_vec()),
    };
    Ok(stmt.query_row([key], |r| {
        (0..columns).map(|c| r.get::<_, Value>(c)).collect()
    })?)
}

pub(crate) fn put_value(out: &mut Vec<u8>, value: ValueRef<'_>) {
    match value {
        ValueRef::Null => out.push(5),
        ValueRef::Integer(i) => {
            out.push(1);
            out.extend(i.to_be_bytes());
        }
        ValueRef::Real(f) => {
            out.push(2);
            out.extend(f.to_bits().to_be_bytes());
        }
        ValueRef::Text(t) => {
            out.push(3);
            put_varint(out, t.len() as u64);
            out.extend_from_slice(t);
        }
        ValueRef::Blob(b) => {
            out.push(4);
            put_varint(out, b.len() as u64);
            out.extend_from_slice(b);
        }
    }
}

/// SQLite's variable-length integer: big-endian groups of seven bits, the high bit set on every
/// byte but the last. (Lengths here never need the nine-byte form.)
pub(crate) fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    let mut groups = [0u8; 10];
    let mut n = 0;
    loop {
        groups[n] = (v & 0x7f) as u8 | 0x80;
        n += 1;
        v >>= 7;
        if v == 0 {
            break;
        }
    }
    groups[0] &= 0x7f;
    out.extend(groups[..n].iter().rev());
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::session::Session;

    #[test]
    fn varints_as_sqlite_writes_them() {
        let enc = |v| {
            let mut out = Vec::new();
            put_varint(&mut out, v);
            out
        };
        assert_eq!(enc(0), [0]);
        assert_eq!(enc(127), [0x7f]);
        assert_eq!(enc(128), [0x81, 0x00]);
        assert_eq!(enc(300), [0x82, 0x2c]);
        assert_eq!(enc(16384), [0x81, 0x80, 0x00]);
    }

    /// An edit of one column, completed, is applied on another copy as the whole row; and a
    /// changeset without updates passes through byte for byte.
    #[test]
    fn an_update_carries_the_whole_row() {
        let schema = "CREATE TABLE t (id BLOB NOT NULL PRIMARY KEY, a TEXT, b INTEGER, c REAL);
                      INSERT INTO t VALUES (x'01', 'one', 1, 1.5), (x'02', 'two', 2, NULL);";
        let here = Connection::open_in_memory().unwrap();
        here.execute_batch(schema).unwrap();
        let there = Connection::open_in_memory().unwrap();
        there.execute_batch(schema).unwrap();
        // There, b was changed meanwhile: the old values no longer match.
        there
            .execute("UPDATE t SET b = 99 WHERE id = x'01'", [])
            .unwrap();

        let mut session = Session::new(&here).unwrap();
        session.attach::<&str>(None).unwrap();
        here.execute("UPDATE t SET a = 'ONE' WHERE id = x'01'", [])
            .unwrap();
        here.execute("INSERT INTO t VALUES (x'03', 'three', 3, 0.25)", [])
            .unwrap();
        let mut raw = Vec::new();
        session.changeset_strm(&mut raw).unwrap();
        drop(session);
        let whole = with_whole_rows(&here, &raw).unwrap();
        assert_ne!(whole, raw);

        let conflicts = std::sync::Arc::new(std::sync::Mutex::new(0));
        let seen = conflicts.clone();
        there
            .apply_strm(&mut &whole[..], None::<fn(&str) -> bool>, move |_, _| {
                *seen.lock().unwrap() += 1;
                rusqlite::session::ConflictAction::SQLITE_CHANGESET_REPLACE
            })
            .unwrap();
        assert_eq!(*conflicts.lock().unwrap(), 1, "b differed: a conflict");
        let row: (String, i64, f64) = there
            .query_row("SELECT a, b, c FROM t WHERE id = x'01'", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .unwrap();
        assert_eq!(row, ("ONE".to_owned(), 1, 1.5), "the whole row, b included");
        let three: String = there
            .query_row("SELECT a FROM t WHERE id = x'03'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(three, "three");

        let mut session = Session::new(&here).unwrap();
        session.attach::<&str>(None).unwrap();
        here.execute("DELETE FROM t WHERE id = x'02'", []).unwrap();
        let mut raw = Vec::new();
        session.changeset_strm(&mut raw).unwrap();
        drop(session);
        assert_eq!(with_whole_rows(&here, &raw).unwrap(), raw);
    }
}
