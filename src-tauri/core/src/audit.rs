//! The audit chain (migration 010): every change to signatures, consent records, answers and
//! money, appended by triggers and linked by SHA-256, so that an entry changed, removed or
//! moved after the fact shows. This module gives the triggers their two functions and checks
//! the links.

use rusqlite::functions::FunctionFlags;
use rusqlite::{Connection, Transaction};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::Result;

/// The tables whose every change the chain records.
pub const AUDITED: &[&str] = &[
    "signatures",
    "consents",
    "rsvps",
    "donations",
    "expenses",
    "cash_counts",
    "receipts",
    "money_audit",
];

/// `desk_digest(content)`, the SHA-256 of an entry's content, and `desk_chain(previous,
/// digest)`, the link: SHA-256 of the previous entry's hash (nothing for the first) and the
/// digest. Every connection that writes the audited tables needs them.
pub fn register_functions(conn: &Connection) -> rusqlite::Result<()> {
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    conn.create_scalar_function("desk_digest", 1, flags, |ctx| {
        Ok(digest(ctx.get::<String>(0)?.as_bytes()).to_vec())
    })?;
    conn.create_scalar_function("desk_chain", 2, flags, |ctx| {
        let previous: Option<Vec<u8>> = ctx.get(0)?;
        let content: Vec<u8> = ctx.get(1)?;
        Ok(link(previous.as_deref(), &content).to_vec())
    })
}

fn digest(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

fn link(previous: Option<&[u8]>, content_hash: &[u8]) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(previous.unwrap_or_default());
    h.update(content_hash);
    h.finalize().into()
}

/// What checking the chain found.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ChainReport {
    pub entries: i64,
    /// The newest entry's hash, in hex: noted elsewhere (on paper, by the treasurer), it shows
    /// later that nothing before it was rewritten.
    pub head: Option<String>,
    /// The first entry whose content or link does not match, with why.
    pub broken: Option<(i64, String)>,
}

/// Walks the chain from its first entry and checks each content hash (redacted entries keep
/// theirs) and each link.
pub fn check(conn: &Connection) -> Result<ChainReport> {
    let exists: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'audit_chain'",
        [],
        |r| r.get(0),
    )?;
    if exists == 0 {
        // A file from before migration 010, looked at as it is.
        return Ok(ChainReport {
            entries: 0,
            head: None,
            broken: None,
        });
    }
    let mut stmt = conn.prepare(
        "SELECT seq, content, content_hash, hash, redacted FROM audit_chain ORDER BY seq",
    )?;
    let mut rows = stmt.query([])?;
    let mut previous: Option<Vec<u8>> = None;
    let mut entries = 0;
    let mut expected_seq = None::<i64>;
    while let Some(row) = rows.next()? {
        let seq: i64 = row.get(0)?;
        let content: String = row.get(1)?;
        let content_hash: Vec<u8> = row.get(2)?;
        let hash: Vec<u8> = row.get(3)?;
        let redacted: bool = row.get(4)?;
        entries += 1;
        let broken = |why: &str| {
            Ok(ChainReport {
                entries,
                head: None,
                broken: Some((seq, why.to_owned())),
            })
        };
        if expected_seq.is_some_and(|e| e != seq) {
            return broken("an entry before it is missing");
        }
        if !redacted && digest(content.as_bytes())[..] != content_hash[..] {
            return broken("its content was changed");
        }
        if link(previous.as_deref(), &content_hash)[..] != hash[..] {
            return broken("it does not follow the entry before it");
        }
        expected_seq = Some(seq + 1);
        previous = Some(hash);
    }
    Ok(ChainReport {
        entries,
        head: previous.map(|h| h.iter().map(|b| format!("{b:02x}")).collect()),
        broken: None,
    })
}

/// Migration 010's hook: the rows already there enter the chain as they are (touching each row
/// fires its update trigger, one row after another), so the chain covers everything from then.
pub(crate) fn after_migration(tx: &Transaction<'_>) -> rusqlite_migration::HookResult {
    for table in AUDITED {
        tx.execute(&format!("UPDATE {table} SET id = id"), [])?;
    }
    Ok(())
}
