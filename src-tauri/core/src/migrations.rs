//! The schema, as numbered migrations. A migration, once released, is never edited: a change is a
//! new file. `user_version` holds how many have run.

use rusqlite_migration::{HookResult, Migrations, M};

const SQL: &[&str] = &[
    include_str!("../migrations/001_campaign_and_people.sql"),
    include_str!("../migrations/002_appeals_and_signatures.sql"),
    include_str!("../migrations/003_events_and_rsvps.sql"),
    include_str!("../migrations/004_funds_and_donations.sql"),
    include_str!("../migrations/005_rows_that_can_meet.sql"),
];

/// The migrations in order. 005 has a hook in Rust: it copies the rows into the tables keyed by
/// UUID under a recording session (sync/convert.rs).
pub(crate) fn migrations() -> Migrations<'static> {
    Migrations::new(
        SQL.iter()
            .enumerate()
            .map(|(i, sql)| match i {
                4 => M::up_with_hook(sql, |tx: &rusqlite::Transaction<'_>| -> HookResult {
                    crate::sync::convert::to_uuid_keys(tx)
                }),
                _ => M::up(sql),
            })
            .collect(),
    )
}

/// The schema version this build writes.
pub const SCHEMA_VERSION: usize = SQL.len();

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        super::migrations().validate().unwrap();
    }
}
