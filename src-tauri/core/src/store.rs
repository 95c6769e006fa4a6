//! The store: one SQLite file, opened with the settings every later feature relies on.
//!
//! - The file is created by us with mode 0600 before SQLite touches it; SQLite gives its `-wal`
//!   and `-shm` files the same mode, so a shared computer's other users cannot read the signers.
//! - WAL with `synchronous=FULL`: a power cut at an event table loses nothing that was saved.
//! - Foreign keys on, `STRICT` tables, schema only through numbered migrations.
//! - A file we did not create is only ever read before we know it is ours: a wrong `--db` must
//!   never damage somebody's other file.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction, TransactionBehavior};
use serde::Serialize;

use crate::encryption::{looks_encrypted, Key, Passphrase, SALT_LEN};
use crate::error::{Error, Result};
use crate::migrations::{migrations, SCHEMA_VERSION};
use crate::sync::record::{self, Tx};

/// `PRAGMA application_id` of a Campaign Desk database ("CDsk"), so that another program's SQLite
/// file is recognised and left alone.
pub(crate) const APPLICATION_ID: i32 = 0x4344_736b;

/// How long a write waits for another Campaign Desk process (the window and a CLI command may
/// share a file) before giving up with `Error::Locked`.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// An open Campaign Desk database. There is one per process and it is the only writer: the app
/// keeps it behind a mutex rather than opening a pool of connections.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// The file's key when it is encrypted, for a second connection (backups) and rewrites.
    key: Option<Key>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

/// A store's file and key while its connection is closed (a rewrite in progress).
pub struct Closed {
    pub(crate) path: PathBuf,
    pub(crate) key: Option<Key>,
}

impl Closed {
    pub fn reopen(self) -> Result<Store> {
        Store::open_with_key(&self.path, Access::Existing, self.key)
    }
}

/// What `Store::check` found.
#[derive(Debug, Clone, Serialize)]
pub struct CheckReport {
    pub schema_version: usize,
    /// The audit chain's entries and newest hash.
    pub audit_entries: i64,
    pub audit_head: Option<String>,
    /// Empty when the database is sound.
    pub problems: Vec<String>,
}

impl CheckReport {
    pub fn is_sound(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Where the database lives when neither `--db` nor `CAMPAIGN_DESK_DB` says otherwise: the OS's
/// per-user data folder. The folder is created (mode 0700) if it is missing.
pub fn default_path() -> Result<PathBuf> {
    let base = dirs::data_dir().ok_or_else(|| Error::Open {
        path: PathBuf::from("~"),
        cause: "this system reports no per-user data folder; choose a file with --db".into(),
    })?;
    let folder = base.join("campaign-desk");
    create_private_folder(&folder).map_err(|e| Error::Open {
        path: folder.clone(),
        cause: describe_io(&e, &folder),
    })?;
    Ok(folder.join("campaign-desk.db"))
}

/// What opening may do to the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Create the database if there is no file yet, and bring its schema up to date (the window,
    /// `demo`).
    Create,
    /// Only an existing database, brought up to date (`stats`): a mistyped path is an error,
    /// not a new empty campaign.
    Existing,
    /// Only an existing database, exactly as it is: no migration (`check`).
    AsIs,
}

impl Store {
    /// Opens the database at `path`, creating it (mode 0600) if there is no file yet, and brings
    /// its schema up to date. On any failure the error names the path and the cause, and a file
    /// this call created is removed again.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        Store::open_with(path, Access::Create)
    }

    /// Opens the database at `path` as `access` allows (an encrypted file needs its passphrase:
    /// `open_keyed`).
    pub fn open_with(path: impl AsRef<Path>, access: Access) -> Result<Store> {
        Store::open_keyed(path, access, None)
    }

    /// Opens the database at `path` as `access` allows. An encrypted file opens only with its
    /// passphrase; a file this call creates is encrypted from its first byte when a passphrase
    /// is given. A passphrase given for a file that is not encrypted is not used.
    pub fn open_keyed(
        path: impl AsRef<Path>,
        access: Access,
        passphrase: Option<&Passphrase>,
    ) -> Result<Store> {
        let path = path.as_ref();
        let found = prepare(path, access)?;
        let key = match (found, passphrase) {
            (Found::Plain, _) | (Found::New, None) => None,
            (Found::New, Some(p)) => Some(Key::fresh(p)?),
            (Found::Encrypted(_), None) => {
                return Err(Error::NeedsPassphrase {
                    path: path.to_owned(),
                })
            }
            (Found::Encrypted(salt), Some(p)) => Some(Key::derive(p, salt)),
        };
        Store::connect_found(path, access, found, key)
    }

    /// Opens the database at `path` with a key already derived (a file this process rewrote,
    /// or unlocks again).
    pub(crate) fn open_with_key(path: &Path, access: Access, key: Option<Key>) -> Result<Store> {
        let found = prepare(path, access)?;
        if matches!(found, Found::Encrypted(_)) && key.is_none() {
            return Err(Error::NeedsPassphrase {
                path: path.to_owned(),
            });
        }
        Store::connect_found(path, access, found, key)
    }

    fn connect_found(path: &Path, access: Access, found: Found, key: Option<Key>) -> Result<Store> {
        match connect(path, access != Access::AsIs, key.as_ref()) {
            Ok(conn) => {
                if found != Found::New {
                    make_private(path);
                }
                Ok(Store {
                    conn,
                    path: path.to_owned(),
                    key,
                })
            }
            Err(failure) => {
                if found == Found::New {
                    remove_with_companions(path);
                }
                Err(failure.into_error(path, key.as_ref()))
            }
        }
    }

    /// Whether the file is encrypted with a passphrase.
    pub fn is_encrypted(&self) -> bool {
        self.key.is_some()
    }

    /// Whether `passphrase` is this file's (to change or remove it, the current one is asked).
    pub fn passphrase_opens(&self, passphrase: &Passphrase) -> bool {
        self.key
            .as_ref()
            .is_some_and(|k| k.is_derived_from(passphrase))
    }

    pub(crate) fn key(&self) -> Option<&Key> {
        self.key.as_ref()
    }

    /// Closes the store for a moment (a restore), keeping what opens it again.
    pub fn close(mut self) -> Closed {
        self.take().unwrap_or_else(|_| Closed {
            path: self.path.clone(),
            key: self.key.take(),
        })
    }

    /// Closes the connection for a moment (a rewrite): `self` is left reading an empty
    /// in-memory database that refuses writes until the caller puts the reopened store back.
    /// The log is folded into the file first, so no WAL is left beside a file being replaced.
    pub(crate) fn take(&mut self) -> Result<Closed> {
        let _ = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        let placeholder = Store {
            conn: Connection::open_in_memory_with_flags(OpenFlags::SQLITE_OPEN_READ_ONLY)?,
            path: self.path.clone(),
            key: None,
        };
        let Store { conn, path, key } = std::mem::replace(self, placeholder);
        drop(conn);
        Ok(Closed { path, key })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The connection for reading (the money views take it): outside `write` it is
    /// `query_only`, so nothing written through it could bypass the recorded path.
    pub fn reader(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one write transaction (taken at once, so two writers never deadlock), committed
    /// only if `f` succeeds: on an error nothing of it is kept. This is the one door for writes:
    /// what `f` changes in the exchanged tables is recorded as this laptop's next changeset
    /// (sync/record.rs). Outside it the connection is `query_only`, so no write can bypass it.
    pub fn write<T>(&mut self, f: impl FnOnce(&Tx<'_>) -> Result<T>) -> Result<T> {
        self.transaction(|tx| record::recorded(tx, f))
    }

    /// A write transaction of this laptop's own tables only (its log, conflicts, audit chain),
    /// not recorded: what an erasure removes from them must not travel as a change.
    pub(crate) fn unrecorded<T>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        self.transaction(f)
    }

    /// A write transaction whose changes are NOT recorded as this laptop's: only for applying
    /// other laptops' changesets (sync::import), which records its own settling itself.
    ///
    /// Foreign keys are off while it runs: a changeset already holds every row its origin's
    /// cascades touched, and a cascade here would act on rows the changeset still moves (a merge
    /// re-points a signature, then removes the person it pointed at). `f` must leave no row
    /// pointing at a missing parent (sync/settle.rs resolves them); it is checked before commit.
    pub(crate) fn merge<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        self.conn.pragma_update(None, "foreign_keys", false)?;
        let _restore = Restore::on(&self.conn, "foreign_keys", true);
        self.transaction(|tx| {
            let value = f(tx)?;
            let broken: i64 =
                tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                    r.get(0)
                })?;
            if broken > 0 {
                return Err(Error::Database(rusqlite::Error::SqliteFailure(
                    rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY),
                    Some(format!("{broken} rows would point at missing records")),
                )));
            }
            Ok(value)
        })
    }

    /// One write transaction with `query_only` lifted, restored afterwards even if `f` panics
    /// (the guard outlives the transaction, which rolls back first).
    fn transaction<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        self.conn.pragma_update(None, "query_only", false)?;
        let _restore = Restore::on(&self.conn, "query_only", true);
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// The schema version found in the file.
    pub fn schema_version(&self) -> Result<usize> {
        let v: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?;
        Ok(usize::try_from(v).unwrap_or(0))
    }

    /// SQLite's full integrity check, the foreign-key check and the schema version.
    pub fn check(&self) -> Result<CheckReport> {
        let mut problems = Vec::new();
        if self.key.is_some() {
            // Every page's HMAC first: a flipped bit anywhere in an encrypted file shows here,
            // page by page (SQLite's own check would stop at the first such page).
            let mut stmt = self.conn.prepare("PRAGMA cipher_integrity_check")?;
            for row in stmt.query_map([], |r| r.get::<_, String>(0))? {
                problems.push(format!("encrypted page: {}", row?));
            }
            if !problems.is_empty() {
                return Ok(CheckReport {
                    schema_version: self.schema_version().unwrap_or(0),
                    audit_entries: 0,
                    audit_head: None,
                    problems,
                });
            }
        }
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        for row in stmt.query_map([], |r| r.get::<_, String>(0))? {
            match row {
                Ok(row) if row == "ok" => {}
                Ok(row) => problems.push(format!("integrity: {row}")),
                Err(e) => {
                    problems.push(format!(
                        "integrity: the check stopped at a damaged page ({e})"
                    ));
                    break;
                }
            }
        }
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<i64>>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        for row in rows {
            let (table, rowid, parent) = row?;
            let rowid = rowid.map_or_else(|| "?".to_owned(), |id| id.to_string());
            problems.push(format!(
                "{table} row {rowid} refers to a missing {parent} row"
            ));
        }
        let chain = crate::audit::check(&self.conn)?;
        if let Some((seq, why)) = chain.broken {
            problems.push(format!("audit chain: entry {seq}: {why}"));
        }
        let schema_version = self.schema_version()?;
        if schema_version != SCHEMA_VERSION {
            problems.push(format!(
                "schema version is {schema_version}, this Campaign Desk expects {SCHEMA_VERSION}"
            ));
        }
        Ok(CheckReport {
            schema_version,
            audit_entries: chain.entries,
            audit_head: chain.head,
            problems,
        })
    }
}

/// Sets a connection pragma back when dropped: on success, on error and on a panic alike.
struct Restore<'a> {
    conn: &'a Connection,
    pragma: &'static str,
    value: bool,
}

impl<'a> Restore<'a> {
    fn on(conn: &'a Connection, pragma: &'static str, value: bool) -> Restore<'a> {
        Restore {
            conn,
            pragma,
            value,
        }
    }
}

impl Drop for Restore<'_> {
    fn drop(&mut self) {
        let _ = self.conn.pragma_update(None, self.pragma, self.value);
    }
}

/// What `prepare_file` found at the path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Found {
    /// No file, or an empty one: a new database (this call may have created it).
    New,
    /// A Campaign Desk database, not encrypted.
    Plain,
    /// An encrypted file, with the salt of its key.
    Encrypted([u8; SALT_LEN]),
}

/// Whether the file at `path` looks like an encrypted database (for a damaged file's screen).
pub fn is_encrypted_file(path: &Path) -> bool {
    fs::File::open(path)
        .ok()
        .and_then(|mut f| recognise(&mut f, path).ok())
        .is_some_and(|found| matches!(found, Found::Encrypted(_)))
}

fn prepare(path: &Path, access: Access) -> Result<Found> {
    prepare_file(path, access == Access::Create).map_err(|cause| Error::Open {
        path: path.to_owned(),
        cause,
    })
}

/// Makes sure `path` can hold the database and is ours, before SQLite touches it (SQLite would
/// replay another program's leftover journal into its file on the first read). Creates the file
/// when `create` allows.
fn prepare_file(path: &Path, create: bool) -> Result<Found, String> {
    match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Err("it is a folder, not a file".into()),
        Ok(meta) if !meta.is_file() => Err("it is not a regular file".into()),
        Ok(_) => {
            // Opening for read and write tells a read-only file apart before SQLite does, and
            // writes nothing.
            let mut file = fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open(path)
                .map_err(|e| match e.kind() {
                    io::ErrorKind::PermissionDenied => "no permission to write to it".to_owned(),
                    _ => describe_io(&e, path),
                })?;
            recognise(&mut file, path)
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            let parent = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            if !parent.is_dir() {
                return Err(format!("the folder {} does not exist", parent.display()));
            }
            if !create {
                return Err(
                    "there is no database there (open the window or run `demo` to create one)"
                        .into(),
                );
            }
            create_private_file(path).map_err(|e| match e.kind() {
                io::ErrorKind::NotFound => {
                    format!("no file can be created in {}", parent.display())
                }
                _ => describe_io(&e, parent),
            })?;
            Ok(Found::New)
        }
        Err(e) => Err(describe_io(&e, path)),
    }
}

/// Reads the start of the file with plain file I/O and refuses anything that is not a Campaign
/// Desk database (plain or encrypted) or an empty file.
pub(crate) fn recognise(file: &mut fs::File, path: &Path) -> Result<Found, String> {
    use std::io::Read;
    let mut header = Vec::with_capacity(4096);
    file.take(4096)
        .read_to_end(&mut header)
        .map_err(|e| describe_io(&e, path))?;
    if header.is_empty() {
        // An empty file is a new database, unless another program's journal waits beside it.
        let leftover = with_companions(path)[1..]
            .iter()
            .any(|companion| fs::metadata(companion).is_ok_and(|m| m.len() > 0));
        return if leftover {
            Err("it is empty but has another program's journal beside it".into())
        } else {
            Ok(Found::New)
        };
    }
    if !header.starts_with(b"SQLite format 3\0") {
        if looks_encrypted(&header) {
            let mut salt = [0u8; SALT_LEN];
            salt.copy_from_slice(&header[..SALT_LEN]);
            return Ok(Found::Encrypted(salt));
        }
        return Err(NOT_OURS.into());
    }
    if header.len() < 100 {
        return Err(NOT_OURS.into());
    }
    let field = |at: usize| {
        i32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    if field(68) != APPLICATION_ID {
        return Err("it is a database of another program, not of Campaign Desk".into());
    }
    check_version(field(60))?;
    Ok(Found::Plain)
}

fn check_version(version: i32) -> Result<(), String> {
    if version > SCHEMA_VERSION as i32 {
        return Err(format!(
            "it was written by a newer Campaign Desk (schema {version}, this one knows {SCHEMA_VERSION}); please update Campaign Desk"
        ));
    }
    Ok(())
}

const NOT_OURS: &str = "it is not a Campaign Desk database";

/// Why `connect` failed: SQLite's word, or ours.
pub(crate) enum Failure {
    Sqlite(rusqlite::Error),
    Other(String),
}

impl From<rusqlite::Error> for Failure {
    fn from(e: rusqlite::Error) -> Self {
        Failure::Sqlite(e)
    }
}

impl Failure {
    /// The error a person reads. A keyed file that SQLCipher calls "not a database" was given
    /// the wrong passphrase, unless that key opens one of its backups (which share the file's
    /// salt): then the passphrase is right and the file is damaged.
    pub(crate) fn into_error(self, path: &Path, key: Option<&Key>) -> Error {
        let open = |cause: String| Error::Open {
            path: path.to_owned(),
            cause,
        };
        match self {
            Failure::Other(cause) => open(cause),
            Failure::Sqlite(e) => match e.sqlite_error_code() {
                Some(ErrorCode::NotADatabase) => match key {
                    Some(key) if crate::backup::any_opens_with(path, key) => Error::Damaged {
                        path: path.to_owned(),
                        cause: "its first page cannot be read".into(),
                    },
                    Some(_) => Error::WrongPassphrase {
                        path: path.to_owned(),
                    },
                    None => Error::Damaged {
                        path: path.to_owned(),
                        cause: "SQLite does not recognise its contents".into(),
                    },
                },
                Some(ErrorCode::DatabaseCorrupt) => Error::Damaged {
                    path: path.to_owned(),
                    cause: "SQLite found damaged pages".into(),
                },
                _ => open(describe_sqlite(e)),
            },
        }
    }
}

/// Opens the recognised file with SQLite (keyed with `key` when it is encrypted), configures it
/// and, when `migrate`, brings its schema up to date.
fn connect(path: &Path, migrate: bool, key: Option<&Key>) -> Result<Connection, Failure> {
    let mut conn = raw_connection(path, OpenFlags::SQLITE_OPEN_READ_WRITE, key)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;

    // A new file is stamped as ours before anything else is written, so that every non-empty
    // Campaign Desk file carries the stamp that `recognise` looks for. (The first read is
    // where a wrong key shows.)
    let application_id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    let version: i32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if application_id == 0 {
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    } else if application_id != APPLICATION_ID {
        return Err(Failure::Other(
            "it is a database of another program, not of Campaign Desk".into(),
        ));
    }
    check_version(version).map_err(Failure::Other)?;
    let mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(Failure::Other(format!(
            "its folder does not allow write-ahead logging (journal mode {mode})"
        )));
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    // Removed rows' bytes are overwritten with zeros, so an erased person is not left in free
    // pages (and so not in a backup, which copies every page).
    conn.pragma_update(None, "secure_delete", "ON")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // The search index's triggers call these on every write of a person.
    crate::search::register_functions(&conn)?;
    if migrate {
        migrations().to_latest(&mut conn).map_err(|e| match e {
            rusqlite_migration::Error::RusqliteError { err, .. }
                if matches!(
                    err.sqlite_error_code(),
                    Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase)
                ) =>
            {
                Failure::Sqlite(err)
            }
            e => Failure::Other(format!("its schema could not be updated: {e}")),
        })?;
    }
    // Reads only, until Store::write lifts it for one transaction.
    conn.pragma_update(None, "query_only", true)?;
    Ok(conn)
}

/// A connection to `path`, keyed first when `key` is given, with sorts and temporary tables
/// kept in memory (never in an unencrypted temporary file).
pub(crate) fn raw_connection(
    path: &Path,
    flags: OpenFlags,
    key: Option<&Key>,
) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    // A wrong key is an answer we give the user, not a line for SQLCipher's log on stderr.
    let _ = conn.execute_batch("PRAGMA cipher_log_level = NONE");
    if let Some(key) = key {
        key.apply(&conn)?;
    }
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    Ok(conn)
}

fn describe_sqlite(e: rusqlite::Error) -> String {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => NOT_OURS.into(),
        Some(ErrorCode::ReadOnly) => {
            "it is read-only, or its folder is (Campaign Desk writes a journal beside it)".into()
        }
        Some(ErrorCode::CannotOpen) => "the file could not be opened".into(),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            "another program is using it; close that program and try again".into()
        }
        Some(ErrorCode::DiskFull) => "the disk is full".into(),
        _ => e.to_string(),
    }
}

/// A sentence about an I/O error at `place`, for a person rather than a programmer.
fn describe_io(e: &io::Error, place: &Path) -> String {
    match e.kind() {
        io::ErrorKind::PermissionDenied => format!("no permission to write in {}", place.display()),
        io::ErrorKind::ReadOnlyFilesystem => format!("{} is on a read-only disk", place.display()),
        io::ErrorKind::NotFound => format!("{} does not exist", place.display()),
        io::ErrorKind::StorageFull => "the disk is full".into(),
        _ => e.to_string(),
    }
}

#[cfg(unix)]
pub(crate) fn create_private_file(path: &Path) -> io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map(drop)
}

#[cfg(not(unix))]
pub(crate) fn create_private_file(path: &Path) -> io::Result<()> {
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map(drop)
}

#[cfg(unix)]
pub(crate) fn create_private_folder(folder: &Path) -> io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(folder)
}

#[cfg(not(unix))]
pub(crate) fn create_private_folder(folder: &Path) -> io::Result<()> {
    fs::create_dir_all(folder)
}

/// Takes group and other permissions off an existing database and its companions. Best effort:
/// a file owned by someone else stays as it is, and still opens.
#[cfg(unix)]
fn make_private(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    for file in with_companions(path) {
        if let Ok(meta) = fs::metadata(&file) {
            if meta.permissions().mode() & 0o077 != 0 {
                let _ = fs::set_permissions(&file, fs::Permissions::from_mode(0o600));
            }
        }
    }
}

#[cfg(not(unix))]
fn make_private(_path: &Path) {}

/// Removes a database file and the files SQLite keeps beside it: for a database a failed
/// command created (a `sync import` that could not join).
pub fn remove_with_companions(path: &Path) {
    for file in with_companions(path) {
        let _ = fs::remove_file(file);
    }
}

/// Whether `candidate` names the database at `database` or one of the files beside it (a bundle
/// saved there would replace the campaign).
pub(crate) fn is_database_file(database: &Path, candidate: &Path) -> bool {
    let full = |p: &Path| -> Option<PathBuf> {
        let parent = match p.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        Some(fs::canonicalize(parent).ok()?.join(p.file_name()?))
    };
    let Some(candidate) = full(candidate) else {
        return false;
    };
    with_companions(database)
        .iter()
        .any(|file| full(file).is_some_and(|f| f == candidate))
}

/// The database file and the files SQLite keeps beside it.
pub(crate) fn with_companions(path: &Path) -> [PathBuf; 4] {
    let suffixed = |suffix: &str| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    };
    [
        path.to_owned(),
        suffixed("-wal"),
        suffixed("-shm"),
        suffixed("-journal"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Outside `Store::write` the connection only reads: a write that would skip the recording
    /// (and so never reach the other laptops) fails instead.
    #[test]
    fn no_write_bypasses_the_recording() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path().join("q.db")).unwrap();
        crate::campaign::start(&mut store, "Ours").unwrap();
        let err = store
            .conn()
            .execute("UPDATE campaign SET name = 'changed around the log'", [])
            .unwrap_err();
        assert!(err.to_string().contains("readonly"), "{err}");
        assert_eq!(
            crate::campaign::current(&store).unwrap().unwrap().name,
            "Ours"
        );
        // And a failed write leaves the store usable and still guarded.
        assert!(store
            .write(|_| -> Result<()> { Err(Error::Locked) })
            .is_err());
        assert!(store.conn().execute("DELETE FROM people", []).is_err());
        crate::campaign::current(&store).unwrap();
    }
}
