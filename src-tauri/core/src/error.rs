//! The one error type of the domain. Every variant has a stable `code` that the window and the
//! CLI can act on, and a message written for a volunteer, not for a developer.

use std::fmt;
use std::path::PathBuf;

#[derive(Debug)]
pub enum Error {
    /// The database file could not be opened or created. Nothing was created or changed.
    Open { path: PathBuf, cause: String },
    /// Input that breaks a rule; the message says which field and why.
    Invalid(String),
    /// A record that does not exist (or no longer exists).
    NotFound(String),
    /// The request clashes with data that is already there.
    Conflict(String),
    /// Another program holds the database; trying again later may work.
    Locked,
    /// Anything else SQLite reports. Kept for the log; the message stays readable.
    Database(rusqlite::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Stable machine-readable code, sent across IPC beside the message.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Open { .. } => "open_failed",
            Error::Invalid(_) => "invalid",
            Error::NotFound(_) => "not_found",
            Error::Conflict(_) => "conflict",
            Error::Locked => "locked",
            Error::Database(_) => "database",
        }
    }

    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        Error::Invalid(message.into())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Open { path, cause } => {
                write!(f, "cannot open the database {}: {cause}", path.display())
            }
            Error::Invalid(m) | Error::NotFound(m) | Error::Conflict(m) => f.write_str(m),
            Error::Locked => f.write_str(
                "the database is busy in another Campaign Desk window or command; try again in a moment",
            ),
            Error::Database(e) => write!(f, "the database reported a problem: {e}"),
        }
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
        use rusqlite::ErrorCode::{DatabaseBusy, DatabaseLocked};
        match e.sqlite_error_code() {
            Some(DatabaseBusy | DatabaseLocked) => Error::Locked,
            _ => Error::Database(e),
        }
    }
}
