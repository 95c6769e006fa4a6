//! Timestamps and identifiers for new rows.

use chrono::{SecondsFormat, Utc};

/// Now, in UTC, as stored in `created_at` / `updated_at`: `2026-11-21T15:04:05.123Z`.
pub fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// A fresh random UUID for a new row, so rows from two laptops can later be merged.
pub fn new_uuid() -> String {
    uuid::Uuid::new_v4().to_string()
}
