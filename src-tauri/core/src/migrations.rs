//! The schema, as numbered migrations. A migration, once released, is never edited: a change is a
//! new file. `user_version` holds how many have run.

use rusqlite_migration::{Migrations, M};

const STEPS: &[M<'static>] = &[
    M::up(include_str!("../migrations/001_campaign_and_people.sql")),
    M::up(include_str!("../migrations/002_appeals_and_signatures.sql")),
    M::up(include_str!("../migrations/003_events_and_rsvps.sql")),
    M::up(include_str!("../migrations/004_funds_and_donations.sql")),
];

pub(crate) const MIGRATIONS: Migrations<'static> = Migrations::from_slice(STEPS);

/// The schema version this build writes.
pub const SCHEMA_VERSION: usize = STEPS.len();

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        super::MIGRATIONS.validate().unwrap();
    }
}
