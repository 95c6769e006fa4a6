//! The identity of a row: a UUID, stored as 16 bytes. New rows get version 7 (time-ordered, so
//! new rows land at the end of the primary-key index); rows converted from the first schema
//! keep the version-4 UUID they already had. Records from many laptops meet by these ids, never
//! by a local integer.

use std::fmt;
use std::str::FromStr;

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Result};
use crate::messages::Message;

#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Id(uuid::Uuid);

impl Id {
    /// A fresh, time-ordered id for a new row.
    pub fn new() -> Id {
        Id(uuid::Uuid::now_v7())
    }

    pub fn as_bytes(&self) -> &[u8; 16] {
        self.0.as_bytes()
    }

    pub fn from_slice(bytes: &[u8]) -> Option<Id> {
        uuid::Uuid::from_slice(bytes).ok().map(Id)
    }

    /// An id that every laptop computes the same from `parent` and `what`: the first 16 bytes
    /// of their SHA-256, marked as a version-8 (custom) UUID. For rows that two laptops may
    /// both write (a migration's rows, a pair of people said to be different).
    pub fn derived(parent: Id, what: &str) -> Id {
        use sha2::{Digest, Sha256};
        let digest = Sha256::new()
            .chain_update(parent.as_bytes())
            .chain_update(what.as_bytes())
            .finalize();
        let mut bytes = [0u8; 16];
        bytes.copy_from_slice(&digest[..16]);
        bytes[6] = (bytes[6] & 0x0f) | 0x80;
        bytes[8] = (bytes[8] & 0x3f) | 0x80;
        Id(uuid::Uuid::from_bytes(bytes))
    }

    /// The first eight hex digits: enough to tell laptops apart in a list.
    pub fn short(&self) -> String {
        self.0.simple().to_string()[..8].to_owned()
    }
}

impl Default for Id {
    fn default() -> Self {
        Id::new()
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.hyphenated().fmt(f)
    }
}

impl fmt::Debug for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Id({})", self.0.hyphenated())
    }
}

impl FromStr for Id {
    type Err = Error;

    /// Parses an id as the window and scripts send it (hyphenated or plain hex).
    fn from_str(s: &str) -> Result<Id> {
        uuid::Uuid::parse_str(s.trim())
            .map(Id)
            .map_err(|_| Error::Invalid(Message::new("bad_id").with("value", s.trim())))
    }
}

impl ToSql for Id {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(ValueRef::Blob(self.0.as_bytes())))
    }
}

impl FromSql for Id {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        match value {
            ValueRef::Blob(b) => Id::from_slice(b).ok_or(FromSqlError::InvalidBlobSize {
                expected_size: 16,
                blob_size: b.len(),
            }),
            _ => Err(FromSqlError::InvalidType),
        }
    }
}

/// Ids cross IPC and JSON as hyphenated strings.
impl Serialize for Id {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Id, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_ids_are_version_7_and_ordered_by_time() {
        let a = Id::new();
        let b = Id::new();
        assert_eq!(a.0.get_version_num(), 7);
        assert!(a < b, "time-ordered");
        assert_eq!(a.to_string().parse::<Id>().unwrap(), a);
        assert_eq!(a.short().len(), 8);
        let err = "not-an-id".parse::<Id>().unwrap_err();
        assert_eq!(err.code(), "invalid");
    }
}
