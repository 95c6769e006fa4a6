//! The one path every write takes: a transaction under a recording session. What it changed in
//! the exchanged tables becomes one changeset with this laptop's next sequence number, stored
//! in `sync_log` in the same transaction. A write outside this path is impossible: the store's
//! connection is `query_only` except inside `Store::write` and the merge (store.rs).

use std::ops::Deref;

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::session::Session;
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::Result;
use crate::id::Id;
use crate::sync::{changeset, SYNCED_TABLES};

/// A write in progress: the transaction, the stamp every row it writes carries in `updated_at`
/// (and `created_at` for new rows), and the laptop that writes (`written_by`).
pub struct Tx<'a> {
    conn: &'a Connection,
    stamp: String,
    laptop: Id,
}

impl Tx<'_> {
    /// The time of this write, as stored in `created_at` and `updated_at`.
    pub fn stamp(&self) -> &str {
        &self.stamp
    }

    /// This laptop, as stored in `written_by`.
    pub fn laptop(&self) -> Id {
        self.laptop
    }
}

impl Deref for Tx<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        self.conn
    }
}

/// Runs `f` under a recording session and logs what it changed as this laptop's next changeset.
pub(crate) fn recorded<T>(conn: &Connection, f: impl FnOnce(&Tx<'_>) -> Result<T>) -> Result<T> {
    let (laptop, clock): (Id, String) =
        conn.query_row("SELECT laptop, clock FROM sync_self", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    let stamp = next_stamp(&clock, Utc::now());
    let mut session = Session::new(conn)?;
    for table in SYNCED_TABLES {
        session.attach(Some(*table))?;
    }
    let tx = Tx {
        conn,
        stamp,
        laptop,
    };
    let value = f(&tx)?;
    let mut raw = Vec::new();
    session.changeset_strm(&mut raw)?;
    drop(session);
    if !raw.is_empty() {
        let changes = changeset::with_whole_rows(conn, &raw)?;
        let seq: i64 = conn.query_row(
            "SELECT coalesce(max(seq), 0) + 1 FROM sync_log WHERE origin = ?1",
            [laptop],
            |r| r.get(0),
        )?;
        conn.execute(
            "INSERT INTO sync_log (origin, seq, stamp, changes, arrived_at) VALUES (?1, ?2, ?3, ?4, ?3)",
            params![laptop, seq, tx.stamp, changes],
        )?;
        conn.execute("UPDATE sync_self SET clock = ?1", [&tx.stamp])?;
    }
    Ok(value)
}

/// Gives a new database its laptop: a fresh id, named after the computer.
pub(crate) fn create_identity(conn: &Connection, laptop: Id) -> rusqlite::Result<()> {
    let now = format_stamp(Utc::now());
    conn.execute(
        "INSERT INTO sync_self (one, laptop, clock) VALUES (1, ?1, ?2)",
        params![laptop, now],
    )?;
    conn.execute(
        "INSERT INTO laptops (id, name) VALUES (?1, ?2)",
        params![laptop, default_name()],
    )?;
    Ok(())
}

/// This computer's name, or "Laptop" when it has none we can read.
fn default_name() -> String {
    let name = gethostname::gethostname()
        .to_string_lossy()
        .trim()
        .to_owned();
    let name: String = name.chars().filter(|c| !c.is_control()).take(60).collect();
    if name.is_empty() || name == "localhost" {
        "Laptop".into()
    } else {
        name
    }
}

/// After receiving a change stamped `seen`: no later stamp of ours may be smaller.
pub(crate) fn advance_clock(conn: &Connection, seen: &str) -> Result<()> {
    conn.execute("UPDATE sync_self SET clock = ?1 WHERE clock < ?1", [seen])?;
    Ok(())
}

/// This laptop's id.
pub(crate) fn this_laptop(conn: &Connection) -> Result<Id> {
    Ok(conn.query_row("SELECT laptop FROM sync_self", [], |r| r.get(0))?)
}

/// The sync passphrase saved on this laptop, if any.
pub(crate) fn saved_passphrase(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT passphrase FROM sync_self", [], |r| r.get(0))
        .optional()?
        .flatten())
}

/// A hybrid logical clock: the wall clock to the millisecond, but always at least a millisecond
/// past the last stamp this laptop gave or received. So stamps of one laptop never repeat, and
/// an edit made after seeing another is stamped later than it, whatever the clocks say.
pub(crate) fn next_stamp(last: &str, now: DateTime<Utc>) -> String {
    let last_ms = DateTime::parse_from_rfc3339(last)
        .map(|t| t.timestamp_millis())
        .unwrap_or(i64::MIN);
    let ms = now.timestamp_millis().max(last_ms.saturating_add(1));
    format_stamp(DateTime::from_timestamp_millis(ms).unwrap_or(now))
}

fn format_stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn stamps_never_go_back_or_repeat() {
        let now = Utc.with_ymd_and_hms(2026, 11, 22, 10, 0, 0).unwrap();
        assert_eq!(
            next_stamp("2026-11-22T09:00:00.000Z", now),
            "2026-11-22T10:00:00.000Z"
        );
        // The same millisecond, or a clock that is behind: one past the last.
        assert_eq!(
            next_stamp("2026-11-22T10:00:00.000Z", now),
            "2026-11-22T10:00:00.001Z"
        );
        assert_eq!(
            next_stamp("2026-12-01T00:00:00.999Z", now),
            "2026-12-01T00:00:01.000Z"
        );
    }
}
