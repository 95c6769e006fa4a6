//! The campaign a database belongs to. A database without one is new: the window greets it with
//! the welcome screen.

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::id::Id;
use crate::messages::Message;
use crate::store::Store;
use crate::sync::Tx;
use crate::text;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Campaign {
    /// The campaign's identity, the same on every laptop that keeps it.
    pub id: Id,
    pub name: String,
    pub created_at: String,
}

/// The campaign, or `None` while the database is new.
pub fn current(store: &Store) -> Result<Option<Campaign>> {
    Ok(store
        .conn()
        .query_row("SELECT id, name, created_at FROM campaign", [], |r| {
            Ok(Campaign {
                id: r.get(0)?,
                name: r.get(1)?,
                created_at: r.get(2)?,
            })
        })
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

pub(crate) fn insert(w: &Tx<'_>, name: &str) -> Result<()> {
    let name = text::required_line("campaign_name", name, 200)?;
    let exists: bool = w.query_row("SELECT EXISTS (SELECT 1 FROM campaign)", [], |r| r.get(0))?;
    if exists {
        return Err(Error::Conflict(Message::new("campaign_exists")));
    }
    w.execute(
        "INSERT INTO campaign (id, one, name, created_at, updated_at, written_by)
         VALUES (?1, 1, ?2, ?3, ?3, ?4)",
        params![Id::new(), name, w.stamp(), w.laptop()],
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
