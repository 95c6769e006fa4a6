//! Backups: copies of the database made with SQLite's online backup from a second connection,
//! so the window goes on reading and writing meanwhile (WAL lets a reader copy a consistent
//! snapshot while the writer works). A backup is keyed exactly like the database (the same key
//! and salt), so the same passphrase opens both and nothing in it is readable without it.
//!
//! Every copy is written to a private file beside its place, checked (it opens with the key,
//! SQLite's quick check passes, it is ours), synced and only then renamed into place.
//! Automatic backups live in a folder beside the database and are rotated (the newest N kept).

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDateTime, Utc};
use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use crate::encryption::{Key, Passphrase, SALT_LEN};
use crate::error::{Error, Result};
use crate::local_settings;
use crate::messages::Message;
use crate::safe_file;
use crate::store::{self, Access, Store};

/// How many automatic backups are kept when Settings does not say.
pub const DEFAULT_KEEP: i64 = 10;
/// What Settings accepts for the number kept.
pub const KEEP_RANGE: std::ops::RangeInclusive<i64> = 1..=100;
/// An automatic backup is due when the newest is older than this.
pub const DAILY: chrono::Duration = chrono::Duration::hours(24);

const NAME_PREFIX: &str = "campaign-desk-";
const NAME_SUFFIX: &str = ".backup";
const NAME_TIME: &str = "%Y-%m-%d-%H%M%S";

/// One backup file.
#[derive(Debug, Clone, Serialize)]
pub struct BackupFile {
    pub path: String,
    pub name: String,
    /// When it was made (UTC, RFC 3339), from its name.
    pub made_at: String,
    pub bytes: u64,
}

/// The folder of the automatic backups of the database at `db`: beside it, named after it.
pub fn folder(db: &Path) -> PathBuf {
    let name = db.file_name().map_or_else(
        || "campaign-desk".into(),
        |n| n.to_string_lossy().into_owned(),
    );
    db.with_file_name(format!("{name}-backups"))
}

/// The automatic backups of the database at `db`, newest first.
pub fn list(db: &Path) -> Vec<BackupFile> {
    let Ok(entries) = fs::read_dir(folder(db)) else {
        return Vec::new();
    };
    let mut found: Vec<((NaiveDateTime, u32), BackupFile)> = entries
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let name = entry.file_name().to_str()?.to_owned();
            let made = made_and_counter(&name)?;
            let bytes = entry.metadata().ok()?.len();
            Some((
                made,
                BackupFile {
                    path: entry.path().display().to_string(),
                    made_at: made.0.and_utc().to_rfc3339(),
                    name,
                    bytes,
                },
            ))
        })
        .collect();
    found.sort_by_key(|b| std::cmp::Reverse(b.0));
    found.into_iter().map(|(_, b)| b).collect()
}

fn made_at(name: &str) -> Option<NaiveDateTime> {
    made_and_counter(name).map(|(made, _)| made)
}

/// When a backup was made, from its name, and its counter: a second backup within the same
/// second is "...-143000-2".
fn made_and_counter(name: &str) -> Option<(NaiveDateTime, u32)> {
    let stamp = name.strip_prefix(NAME_PREFIX)?.strip_suffix(NAME_SUFFIX)?;
    let (stamp, counter) = match stamp.rsplit_once('-') {
        Some((time, n)) if stamp.len() > 17 && n.bytes().all(|b| b.is_ascii_digit()) => {
            (time, n.parse().ok()?)
        }
        _ => (stamp, 1),
    };
    Some((
        NaiveDateTime::parse_from_str(stamp, NAME_TIME).ok()?,
        counter,
    ))
}

/// How many automatic backups this laptop keeps.
pub fn keep(store: &Store) -> Result<i64> {
    Ok(local_settings::get(store.reader(), "backups_keep")?
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_KEEP))
}

pub fn set_keep(store: &mut Store, keep: i64) -> Result<()> {
    if !KEEP_RANGE.contains(&keep) {
        return Err(Error::Invalid(
            Message::new("backup_keep_range")
                .with("min", KEEP_RANGE.start())
                .with("max", KEEP_RANGE.end()),
        ));
    }
    store.write(|w| local_settings::put(w, "backups_keep", &keep.to_string()))?;
    rotate(store.path(), keep);
    Ok(())
}

/// Whether an automatic backup is due at `now`: none yet, or the newest is a day old.
pub fn due(db: &Path, now: DateTime<Utc>) -> bool {
    list(db)
        .first()
        .and_then(|b| DateTime::parse_from_rfc3339(&b.made_at).ok())
        .is_none_or(|made| now - made.with_timezone(&Utc) >= DAILY)
}

/// What a backup copies: the database's file and key, taken from the store so that the copy
/// runs without holding it (the window keeps working meanwhile).
pub struct Source {
    path: PathBuf,
    key: Option<Key>,
}

impl Store {
    pub fn backup_source(&self) -> Source {
        Source {
            path: self.path().to_owned(),
            key: self.key().map(Key::duplicate),
        }
    }
}

/// Makes an automatic backup now (into `folder`) and keeps only the newest `keep`.
pub fn automatic(source: &Source, keep: i64, now: DateTime<Utc>) -> Result<BackupFile> {
    let dir = folder(&source.path);
    store::create_private_folder(&dir).map_err(|e| failed(&dir, &e.to_string()))?;
    let mut name = format!("{NAME_PREFIX}{}{NAME_SUFFIX}", now.format(NAME_TIME));
    // Two in one second (a manual one beside the automatic one) get distinct names.
    let mut n = 1;
    while dir.join(&name).exists() {
        n += 1;
        name = format!("{NAME_PREFIX}{}-{n}{NAME_SUFFIX}", now.format(NAME_TIME));
    }
    let made = to_file(source, &dir.join(&name))?;
    rotate(&source.path, keep);
    Ok(made)
}

/// Removes the oldest automatic backups beyond the newest `keep`.
fn rotate(db: &Path, keep: i64) {
    let keep = usize::try_from(keep).unwrap_or(1).max(1);
    for old in list(db).into_iter().skip(keep) {
        let _ = fs::remove_file(old.path);
    }
}

/// Writes a backup to `dest` (a file the user chose, or the automatic folder).
pub fn to_file(source: &Source, dest: &Path) -> Result<BackupFile> {
    if store::is_database_file(&source.path, dest) {
        return Err(failed(dest, "that is the database itself"));
    }
    let part = safe_file::part_path(dest);
    let _ = fs::remove_file(&part);
    store::create_private_file(&part).map_err(|e| failed(dest, &e.to_string()))?;
    let written = copy(source, &part).and_then(|()| {
        verify(&part, source.key.as_ref(), false).map_err(|cause| failed(dest, &cause))?;
        safe_file::put_in_place(&part, dest).map_err(|e| failed(dest, &e.to_string()))
    });
    if let Err(e) = written {
        let _ = fs::remove_file(&part);
        return Err(e);
    }
    let bytes = fs::metadata(dest).map(|m| m.len()).unwrap_or(0);
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(BackupFile {
        path: dest.display().to_string(),
        made_at: made_at(&name)
            .map_or_else(|| Utc::now().to_rfc3339(), |m| m.and_utc().to_rfc3339()),
        name,
        bytes,
    })
}

/// The online backup, from a second connection: one step copies every page inside one read
/// transaction, a consistent snapshot that never blocks the writer.
fn copy(from: &Source, part: &Path) -> Result<()> {
    let key = from.key.as_ref();
    let fail = |e: rusqlite::Error| failed(part, &e.to_string());
    let source =
        store::raw_connection(&from.path, OpenFlags::SQLITE_OPEN_READ_WRITE, key).map_err(fail)?;
    source
        .pragma_update(None, "query_only", true)
        .map_err(fail)?;
    let mut target =
        store::raw_connection(part, OpenFlags::SQLITE_OPEN_READ_WRITE, key).map_err(fail)?;
    Backup::new(&source, &mut target)
        .and_then(|b| b.step(-1).map(drop))
        .map_err(fail)?;
    // One self-contained file: no WAL needed beside it to open or restore it.
    target
        .pragma_update(None, "journal_mode", "DELETE")
        .map_err(fail)?;
    Ok(())
}

/// Checks a copy: it opens with `key`, it is a Campaign Desk database of a schema this version
/// knows, and SQLite's check passes (`full`: the integrity check, else the quick check).
/// Returns the row count of every table, for a rewrite to compare.
pub(crate) fn verify(
    path: &Path,
    key: Option<&Key>,
    full: bool,
) -> std::result::Result<Vec<(String, i64)>, String> {
    let conn = store::raw_connection(path, OpenFlags::SQLITE_OPEN_READ_ONLY, key)
        .map_err(|e| e.to_string())?;
    let read = || -> rusqlite::Result<(i32, i64, String)> {
        let id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let check: String = conn.query_row(
            if full {
                "PRAGMA integrity_check"
            } else {
                "PRAGMA quick_check"
            },
            [],
            |r| r.get(0),
        )?;
        Ok((id, version, check))
    };
    let (id, version, check) = read().map_err(|e| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) if key.is_some() => {
            "the passphrase does not open it".to_owned()
        }
        Some(rusqlite::ErrorCode::NotADatabase) => "it is not a Campaign Desk database".to_owned(),
        _ => e.to_string(),
    })?;
    if id != store::APPLICATION_ID {
        return Err("it is not a Campaign Desk database".into());
    }
    if version > crate::migrations::SCHEMA_VERSION as i64 {
        return Err("it was written by a newer Campaign Desk; please update Campaign Desk".into());
    }
    if check != "ok" {
        return Err(format!("it is damaged ({check})"));
    }
    counts(&conn).map_err(|e| e.to_string())
}

fn counts(conn: &Connection) -> rusqlite::Result<Vec<(String, i64)>> {
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    tables
        .into_iter()
        .map(|t| {
            let quoted = format!("\"{}\"", t.replace('"', "\"\""));
            let n: i64 =
                conn.query_row(&format!("SELECT count(*) FROM {quoted}"), [], |r| r.get(0))?;
            Ok((t, n))
        })
        .collect()
}

/// Whether one of the newest backups of `db` opens with `key`: then a key that does not open
/// `db` itself is right, and `db` is damaged.
pub(crate) fn any_opens_with(db: &Path, key: &Key) -> bool {
    list(db)
        .iter()
        .take(3)
        .filter(|b| salt_of(Path::new(&b.path)) == Some(key.salt()))
        .any(|b| verify(Path::new(&b.path), Some(key), false).is_ok())
}

fn salt_of(path: &Path) -> Option<[u8; SALT_LEN]> {
    use std::io::Read;
    let mut salt = [0u8; SALT_LEN];
    fs::File::open(path).ok()?.read_exact(&mut salt).ok()?;
    Some(salt)
}

/// The newest automatic backup that opens with `passphrase` (or without one) and passes the
/// quick check: what a damaged database is offered.
pub fn newest_good(db: &Path, passphrase: Option<&Passphrase>) -> Option<BackupFile> {
    list(db)
        .into_iter()
        .find(|b| check_file(Path::new(&b.path), passphrase, false).is_ok())
}

/// Checks a backup in full before anything is replaced: it opens with `passphrase` (when it is
/// encrypted), it is ours, its integrity check passes.
pub fn check(path: &Path, passphrase: Option<&Passphrase>) -> Result<()> {
    check_file(path, passphrase, true)
        .map(drop)
        .map_err(|cause| unusable(path, cause))
}

fn unusable(path: &Path, cause: String) -> Error {
    Error::Invalid(
        Message::new("backup_unusable")
            .with("path", path.display())
            .with("cause", cause),
    )
}

/// Opens a backup file as it is and checks it; the key is derived from its own salt.
fn check_file(
    path: &Path,
    passphrase: Option<&Passphrase>,
    full: bool,
) -> std::result::Result<Option<Key>, String> {
    let mut file = fs::File::open(path).map_err(|e| e.to_string())?;
    let key = match store::recognise(&mut file, path)? {
        store::Found::New => return Err("it is empty".into()),
        store::Found::Plain => None,
        store::Found::Encrypted(salt) => match passphrase {
            Some(p) => Some(Key::derive(p, salt)),
            None => return Err("it is encrypted: give its passphrase".into()),
        },
    };
    verify(path, key.as_ref(), full)?;
    Ok(key)
}

/// What a restore did.
#[derive(Debug, Clone, Serialize)]
pub struct Restored {
    /// Where the database that was replaced was set aside (none if there was no file).
    pub set_aside: Option<String>,
    /// People erased since the backup was made, erased again in it.
    pub erased_again: usize,
}

/// Replaces the database at `db` with the backup at `from`, after checking the backup in full
/// (it opens with `passphrase`, its integrity check passes). The database that was there is
/// set aside beside it, with its WAL, never deleted. The caller has closed its store; the
/// restored file is opened (and brought up to date) with the backup's passphrase.
pub fn restore(
    db: &Path,
    from: &Path,
    passphrase: Option<&Passphrase>,
) -> Result<(Store, Restored)> {
    let unusable = |cause: String| unusable(from, cause);
    if store::is_database_file(db, from) {
        return Err(unusable("it is the database itself".into()));
    }
    check_file(from, passphrase, true).map_err(unusable)?;
    let part = safe_file::part_path(db);
    let _ = fs::remove_file(&part);
    store::create_private_file(&part).map_err(|e| unusable(e.to_string()))?;
    if let Err(e) = copy_bytes(from, &part) {
        let _ = fs::remove_file(&part);
        return Err(unusable(e.to_string()));
    }
    let set_aside = if db.exists() {
        let aside = aside_name(db);
        for (file, moved) in store::with_companions(db)
            .iter()
            .zip(store::with_companions(&aside))
        {
            if file.exists() {
                fs::rename(file, &moved).map_err(|e| {
                    let _ = fs::remove_file(&part);
                    unusable(e.to_string())
                })?;
            }
        }
        Some(aside.display().to_string())
    } else {
        None
    };
    safe_file::put_in_place(&part, db).map_err(|e| unusable(e.to_string()))?;
    let mut store = Store::open_keyed(db, Access::Existing, passphrase)?;
    let erased_again = crate::person_rights::erase_again(&mut store)?;
    Ok((
        store,
        Restored {
            set_aside,
            erased_again,
        },
    ))
}

fn copy_bytes(from: &Path, to: &Path) -> std::io::Result<()> {
    let mut source = fs::File::open(from)?;
    let mut target = fs::OpenOptions::new().write(true).truncate(true).open(to)?;
    std::io::copy(&mut source, &mut target)?;
    target.sync_all()
}

/// `campaign-desk.db.before-restore-2026-12-03-101500`, free of other files.
fn aside_name(db: &Path) -> PathBuf {
    let stamp = Utc::now().format(NAME_TIME);
    let mut name = db.as_os_str().to_owned();
    name.push(format!(".before-restore-{stamp}"));
    PathBuf::from(name)
}

fn failed(path: &Path, cause: &str) -> Error {
    Error::Invalid(
        Message::new("backup_failed")
            .with("path", path.display())
            .with("cause", cause),
    )
}
