//! The one error type of the domain. Every variant has a stable `code` that the window and the
//! CLI can act on, and a message for a volunteer (a catalog key with values; see messages.rs).

use std::fmt;
use std::path::PathBuf;

use crate::messages::Message;

#[derive(Debug)]
pub enum Error {
    /// The database file could not be opened or created. Nothing was created or changed.
    Open { path: PathBuf, cause: String },
    /// The file is encrypted and no passphrase was given. Nothing was read.
    NeedsPassphrase { path: PathBuf },
    /// The passphrase given does not open the file. Nothing was changed.
    WrongPassphrase { path: PathBuf },
    /// The file is damaged: it is not written to, and a backup is the way back.
    Damaged { path: PathBuf, cause: String },
    /// Input that breaks a rule; the message says which field and why.
    Invalid(Message),
    /// A record that does not exist (or no longer exists).
    NotFound(Message),
    /// The request clashes with data that is already there.
    Conflict(Message),
    /// Another program holds the database; trying again later may work.
    Locked,
    /// The disk is full, or the file or its folder is read-only: nothing of this write was
    /// kept, everything saved before is intact, and the message says what to do.
    Disk(Message),
    /// Anything else SQLite reports. Kept for the log; the message stays readable.
    Database(rusqlite::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Stable machine-readable code, sent across IPC beside the message.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Open { .. } => "open_failed",
            Error::NeedsPassphrase { .. } => "encrypted",
            Error::WrongPassphrase { .. } => "wrong_passphrase",
            Error::Damaged { .. } => "damaged",
            Error::Invalid(_) => "invalid",
            Error::NotFound(_) => "not_found",
            Error::Conflict(_) => "conflict",
            Error::Locked => "locked",
            Error::Disk(_) => "disk",
            Error::Database(_) => "database",
        }
    }

    /// The message as a catalog key with its values, for the window to translate.
    pub fn message(&self) -> Message {
        match self {
            Error::Open { path, cause } => Message::new("open_failed")
                .with("path", path.display())
                .with("cause", cause),
            Error::NeedsPassphrase { path } => {
                Message::new("needs_passphrase").with("path", path.display())
            }
            Error::WrongPassphrase { path } => {
                Message::new("wrong_passphrase").with("path", path.display())
            }
            Error::Damaged { path, cause } => Message::new("damaged")
                .with("path", path.display())
                .with("cause", cause),
            Error::Invalid(m) | Error::NotFound(m) | Error::Conflict(m) | Error::Disk(m) => {
                m.clone()
            }
            Error::Locked => Message::new("locked"),
            Error::Database(e) => Message::new("database").with("detail", e),
        }
    }

    /// Input that breaks a rule, told by the message `key` alone.
    pub fn invalid(key: &'static str) -> Self {
        Error::Invalid(Message::new(key))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.message().fmt(f)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Database(e) => Some(e),
            _ => None,
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode::{DatabaseBusy, DatabaseLocked, DiskFull, ReadOnly};
        match e.sqlite_error_code() {
            Some(DatabaseBusy | DatabaseLocked) => Error::Locked,
            Some(DiskFull) => Error::Disk(Message::new("disk_full")),
            Some(ReadOnly) => Error::Disk(Message::new("read_only")),
            _ => Error::Database(e),
        }
    }
}
