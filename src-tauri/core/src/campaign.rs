//! The campaign a database belongs to. A database without one is new: the window greets it with
//! the welcome screen.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::clock;
use crate::error::{Error, Result};
use crate::messages::Message;
use crate::store::Store;
use crate::text;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Campaign {
    pub name: String,
    pub created_at: String,
}

/// The campaign, or `None` while the database is new.
pub fn current(store: &Store) -> Result<Option<Campaign>> {
    Ok(store
        .conn()
        .query_row(
            "SELECT name, created_at FROM campaign WHERE id = 1",
            [],
            |r| {
                Ok(Campaign {
                    name: r.get(0)?,
                    created_at: r.get(1)?,
                })
            },
        )
        .optional()?)
}

/// Starts an empty campaign called `name` in a new database.
pub fn start(store: &mut Store, name: &str) -> Result<Campaign> {
    store.write(|tx| insert(tx, name))?;
    saved(store)
}

/// The campaign just written: read back, so the caller sees what the database holds.
pub(crate) fn saved(store: &Store) -> Result<Campaign> {
    current(store)?.ok_or_else(|| Error::NotFound(Message::new("campaign_not_saved")))
}

pub(crate) fn insert(conn: &Connection, name: &str) -> Result<()> {
    let name = text::required_line("campaign_name", name, 200)?;
    let exists: bool =
        conn.query_row("SELECT EXISTS (SELECT 1 FROM campaign)", [], |r| r.get(0))?;
    if exists {
        return Err(Error::Conflict(Message::new("campaign_exists")));
    }
    let now = clock::now();
    conn.execute(
        "INSERT INTO campaign (id, uuid, name, created_at, updated_at) VALUES (1, ?1, ?2, ?3, ?3)",
        params![clock::new_uuid(), name, now],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_once() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path().join("c.db")).unwrap();
        assert_eq!(current(&store).unwrap(), None);
        assert_eq!(start(&mut store, "  ").unwrap_err().code(), "invalid");
        let c = start(&mut store, " Free Them All ").unwrap();
        assert_eq!(c.name, "Free Them All");
        assert_eq!(start(&mut store, "Another").unwrap_err().code(), "conflict");
        assert_eq!(current(&store).unwrap().unwrap().name, "Free Them All");
    }
}
