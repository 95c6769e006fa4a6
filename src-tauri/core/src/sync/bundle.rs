//! A merge bundle: one file that carries changesets from one laptop to another, on a USB stick,
//! by e-mail or through a shared folder. It is an SQLCipher database keyed with the campaign's
//! sync passphrase, so a lost stick gives away nothing, not even which campaign it is.
//!
//! It holds who made it, for which campaign and schema, what its maker has seen of every laptop
//! (a version vector), the names of the laptops, and the changesets in the order its maker
//! applied them (a causal order).

use std::fs;
use std::io::Read;
use std::path::Path;

use rusqlite::{params, Connection, ErrorCode, OpenFlags, OptionalExtension};

use crate::error::{Error, Result};
use crate::id::Id;
use crate::messages::Message;

/// `PRAGMA application_id` of a bundle ("CDbn"), beside the database's "CDsk".
const BUNDLE_ID: i32 = 0x4344_626e;
/// The layout of the bundle file itself; the changesets inside follow the schema version.
const FORMAT: i64 = 1;

const SCHEMA: &str = "
    CREATE TABLE bundle (
        format          INTEGER NOT NULL,
        campaign        BLOB NOT NULL,
        campaign_name   TEXT NOT NULL,
        sender          BLOB NOT NULL,
        schema_version  INTEGER NOT NULL,
        made_at         TEXT NOT NULL,
        made_for        BLOB
    ) STRICT;
    CREATE TABLE laptops (id BLOB NOT NULL PRIMARY KEY, name TEXT NOT NULL) STRICT;
    CREATE TABLE seen (origin BLOB NOT NULL PRIMARY KEY, seq INTEGER NOT NULL) STRICT;
    CREATE TABLE changesets (
        ord      INTEGER PRIMARY KEY,
        origin   BLOB NOT NULL,
        seq      INTEGER NOT NULL,
        stamp    TEXT NOT NULL,
        changes  BLOB NOT NULL
    ) STRICT;";

/// What a bundle says about itself.
#[derive(Debug, Clone)]
pub(crate) struct Header {
    pub campaign: Id,
    pub campaign_name: String,
    pub sender: Id,
    pub schema_version: i64,
    pub made_at: String,
    pub made_for: Option<Id>,
}

pub(crate) struct Entry {
    pub origin: Id,
    pub seq: i64,
    pub stamp: String,
    pub changes: Vec<u8>,
}

pub(crate) struct Contents {
    pub header: Header,
    pub laptops: Vec<(Id, String)>,
    pub seen: Vec<(Id, i64)>,
}

impl Contents {
    /// A laptop's name as the bundle gives it, else the start of its id.
    pub(crate) fn name_of(&self, laptop: Id) -> String {
        self.laptops
            .iter()
            .find(|(id, _)| *id == laptop)
            .map_or_else(|| laptop.short(), |(_, name)| name.clone())
    }
}

/// Checks a passphrase before it keys anything: long enough to resist guessing on a lost stick.
pub(crate) fn check_passphrase(passphrase: &str) -> Result<()> {
    let n = passphrase.chars().count();
    if passphrase.trim().is_empty() {
        return Err(Error::invalid("sync_passphrase_missing"));
    }
    if n < 8 {
        return Err(Error::invalid("sync_passphrase_short"));
    }
    if n > 200 {
        return Err(Error::Invalid(
            Message::new("too_long")
                .with("field", "sync_passphrase")
                .with("count", n)
                .with("max", 200),
        ));
    }
    if passphrase.chars().any(char::is_control) {
        return Err(Error::Invalid(
            Message::new("control_character")
                .with("field", "sync_passphrase")
                .with("code", "000A"),
        ));
    }
    Ok(())
}

/// Writes a bundle to `path`: first to a private file beside it, renamed into place once it is
/// complete and on disk, so a full stick or a pulled cable never leaves half a bundle.
pub(crate) fn write(
    path: &Path,
    passphrase: &str,
    contents: &Contents,
    entries: impl Iterator<Item = Result<Entry>>,
) -> Result<i64> {
    check_passphrase(passphrase)?;
    let part = crate::safe_file::part_path(path);
    let _ = fs::remove_file(&part);
    crate::store::create_private_file(&part).map_err(|e| write_failed(path, &e.to_string()))?;
    let written = (|| -> Result<i64> {
        let mut conn = Connection::open(&part)?;
        quiet(&conn);
        conn.pragma_update(None, "key", passphrase)?;
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        conn.pragma_update(None, "journal_mode", "MEMORY")?;
        conn.pragma_update(None, "application_id", BUNDLE_ID)?;
        let tx = conn.transaction()?;
        tx.execute_batch(SCHEMA)?;
        let h = &contents.header;
        tx.execute(
            "INSERT INTO bundle VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                FORMAT,
                h.campaign,
                h.campaign_name,
                h.sender,
                h.schema_version,
                h.made_at,
                h.made_for
            ],
        )?;
        for (id, name) in &contents.laptops {
            tx.execute("INSERT INTO laptops VALUES (?1, ?2)", params![id, name])?;
        }
        for (origin, seq) in &contents.seen {
            tx.execute("INSERT INTO seen VALUES (?1, ?2)", params![origin, seq])?;
        }
        let mut count = 0;
        {
            let mut insert = tx.prepare(
                "INSERT INTO changesets (origin, seq, stamp, changes) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for entry in entries {
                let e = entry?;
                insert.execute(params![e.origin, e.seq, e.stamp, e.changes])?;
                count += 1;
            }
        }
        tx.commit()?;
        conn.close().map_err(|(_, e)| e)?;
        fs::File::open(&part)
            .and_then(|f| f.sync_all())
            .map_err(|e| write_failed(path, &e.to_string()))?;
        Ok(count)
    })();
    match written {
        Ok(count) => {
            crate::safe_file::put_in_place(&part, path)
                .map_err(|e| write_failed(path, &e.to_string()))?;
            Ok(count)
        }
        Err(e) => {
            let _ = fs::remove_file(&part);
            Err(match e {
                Error::Database(inner) => write_failed(path, &inner.to_string()),
                other => other,
            })
        }
    }
}

/// SQLCipher logs a failed decryption (a wrong passphrase) to standard error; the volunteer gets
/// our message instead.
fn quiet(conn: &Connection) {
    let _ = conn.execute_batch("PRAGMA cipher_log_level = NONE");
}

fn write_failed(path: &Path, cause: &str) -> Error {
    Error::Invalid(
        Message::new("bundle_write_failed")
            .with("path", path.display())
            .with("cause", cause),
    )
}

/// An opened bundle, read-only.
pub(crate) struct Bundle {
    conn: Connection,
}

impl Bundle {
    /// Opens and recognises a bundle: a wrong passphrase, a file that is not a bundle and a
    /// damaged bundle each get their own message.
    pub(crate) fn open(path: &Path, passphrase: &str) -> Result<Bundle> {
        let unreadable =
            |key: &'static str| Error::Invalid(Message::new(key).with("path", path.display()));
        let mut head = [0u8; 16];
        let mut file = fs::File::open(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => unreadable("bundle_missing"),
            _ => Error::Invalid(
                Message::new("bundle_unreadable")
                    .with("path", path.display())
                    .with("cause", e),
            ),
        })?;
        if fs::metadata(path).map(|m| m.is_dir()).unwrap_or(false) {
            return Err(unreadable("bundle_missing"));
        }
        let n = file.read(&mut head).unwrap_or(0);
        if n < 16 {
            return Err(unreadable("not_a_bundle"));
        }
        if head.starts_with(b"SQLite format 3\0") {
            // An unencrypted SQLite file: perhaps a campaign database, never a bundle.
            return Err(unreadable("not_a_bundle"));
        }
        check_passphrase(passphrase)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        quiet(&conn);
        conn.pragma_update(None, "key", passphrase)?;
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        let id: i32 = conn
            .pragma_query_value(None, "application_id", |r| r.get(0))
            .map_err(|e| match e.sqlite_error_code() {
                Some(ErrorCode::NotADatabase) => unreadable("bundle_wrong_passphrase"),
                _ => unreadable("bundle_damaged"),
            })?;
        if id != BUNDLE_ID {
            return Err(unreadable("not_a_bundle"));
        }
        let format: Option<i64> = conn
            .query_row("SELECT format FROM bundle", [], |r| r.get(0))
            .optional()
            .map_err(|_| unreadable("bundle_damaged"))?;
        match format {
            Some(FORMAT) => Ok(Bundle { conn }),
            Some(_) => Err(unreadable("bundle_newer_format")),
            None => Err(unreadable("bundle_damaged")),
        }
    }

    pub(crate) fn contents(&self) -> Result<Contents> {
        let header = self.conn.query_row(
            "SELECT campaign, campaign_name, sender, schema_version, made_at, made_for FROM bundle",
            [],
            |r| {
                Ok(Header {
                    campaign: r.get(0)?,
                    campaign_name: r.get(1)?,
                    sender: r.get(2)?,
                    schema_version: r.get(3)?,
                    made_at: r.get(4)?,
                    made_for: r.get(5)?,
                })
            },
        )?;
        let mut stmt = self.conn.prepare("SELECT id, name FROM laptops")?;
        let laptops = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = self.conn.prepare("SELECT origin, seq FROM seen")?;
        let seen = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Contents {
            header,
            laptops,
            seen,
        })
    }

    /// The changesets, in the order they are to be applied, without their bytes.
    pub(crate) fn index(&self) -> Result<Vec<(i64, Id, i64, String)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT ord, origin, seq, stamp FROM changesets ORDER BY ord")?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    pub(crate) fn changes(&self, ord: i64) -> Result<Vec<u8>> {
        Ok(self.conn.query_row(
            "SELECT changes FROM changesets WHERE ord = ?1",
            [ord],
            |r| r.get(0),
        )?)
    }
}
