//! This laptop's own settings (`local_settings`, never exchanged): table mode, the door, the
//! idle lock, backups.

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::Result;
use crate::sync::record::Tx;

pub(crate) fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT value FROM local_settings WHERE key = ?1",
            [key],
            |r| r.get(0),
        )
        .optional()?)
}

pub(crate) fn put(w: &Tx<'_>, key: &str, value: &str) -> Result<()> {
    w.execute(
        "INSERT INTO local_settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}
