//! Turning encryption on, changing the passphrase and turning it off: the database is written
//! anew (SQLCipher's `sqlcipher_export`) into a private file beside it, keyed as asked. The
//! copy is checked (it opens with the new key, its integrity check passes, every table holds
//! as many rows as before) and synced before it is renamed over the old file, so at every
//! moment the path holds one whole database, the old one or the new. The old file's bytes are
//! then overwritten with zeros through a handle kept open across the rename, so a plain copy
//! of the signers does not linger on the disk (a flash disk may still keep old blocks: the
//! closing note of issue 10 says so).

use std::fs;
use std::io::{Seek, Write};
use std::path::Path;

use rusqlite::OpenFlags;

use crate::backup;
use crate::encryption::{Key, Passphrase};
use crate::error::{Error, Result};
use crate::messages::Message;
use crate::safe_file;
use crate::store::{self, Access, Store};

/// Rewrites the database of `store` keyed with `passphrase` (or not encrypted, with `None`)
/// and opens it again in `store`. On a failure the database is as it was and open as before.
pub fn change_encryption(store: &mut Store, passphrase: Option<&Passphrase>) -> Result<()> {
    let new_key = passphrase.map(Key::fresh).transpose()?;
    let before =
        backup::verify(store.path(), store.key(), false).map_err(|cause| failed(&cause))?;
    let closed = store.take()?;
    let path = closed.path.clone();
    let part = safe_file::part_path(&path);
    let _ = fs::remove_file(&part);
    let written = (|| -> std::result::Result<(), String> {
        store::create_private_file(&part).map_err(|e| e.to_string())?;
        export(&path, closed.key.as_ref(), &part, new_key.as_ref()).map_err(|e| e.to_string())?;
        let after = backup::verify(&part, new_key.as_ref(), true)?;
        if after != before {
            return Err("the new file does not hold every row".into());
        }
        Ok(())
    })();
    if let Err(cause) = written {
        let _ = fs::remove_file(&part);
        *store = closed.reopen()?;
        return Err(failed(&cause));
    }
    // The old file stays open through the rename, to be wiped once the new one is in place.
    let old = fs::OpenOptions::new().write(true).open(&path);
    if let Err(e) = safe_file::put_in_place(&part, &path) {
        *store = closed.reopen()?;
        return Err(failed(&e.to_string()));
    }
    if let Ok(mut old) = old {
        let _ = wipe(&mut old);
    }
    drop(closed);
    *store = Store::open_with_key(&path, Access::Existing, new_key)?;
    Ok(())
}

/// Copies everything (schema, rows, `user_version`) from the database at `from` into the
/// empty file `to`, keyed with `to_key`.
fn export(
    from: &Path,
    from_key: Option<&Key>,
    to: &Path,
    to_key: Option<&Key>,
) -> rusqlite::Result<()> {
    let conn = store::raw_connection(from, OpenFlags::SQLITE_OPEN_READ_WRITE, from_key)?;
    let literal = to_key.map(Key::sql_literal);
    let key_sql: &str = literal.as_ref().map_or("", |l| l.as_str());
    conn.execute(
        "ATTACH DATABASE ?1 AS rewritten KEY ?2",
        rusqlite::params![to.display().to_string(), key_sql],
    )?;
    conn.query_row("SELECT sqlcipher_export('rewritten')", [], |_| Ok(()))?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    conn.pragma_update(Some("rewritten"), "user_version", version)?;
    conn.pragma_update(Some("rewritten"), "application_id", store::APPLICATION_ID)?;
    conn.execute_batch("DETACH DATABASE rewritten")?;
    Ok(())
}

/// Overwrites a file's bytes with zeros and syncs them.
fn wipe(file: &mut fs::File) -> std::io::Result<()> {
    let len = file.metadata()?.len();
    file.rewind()?;
    let zeros = vec![0u8; 64 * 1024];
    let mut left = len;
    while left > 0 {
        let n = left.min(zeros.len() as u64) as usize;
        file.write_all(&zeros[..n])?;
        left -= n as u64;
    }
    file.sync_all()
}

fn failed(cause: &str) -> Error {
    Error::Invalid(Message::new("rewrite_failed").with("cause", cause))
}
