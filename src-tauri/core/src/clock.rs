//! The wall clock, for times that are not row stamps (when a bundle was made or arrived).
//! Row stamps come from the write's hybrid logical clock (sync/record.rs).

use chrono::{SecondsFormat, Utc};

/// Now, in UTC: `2026-11-21T15:04:05.123Z`.
pub fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}
