//! The schema, as numbered migrations. A migration, once released, is never edited: a change is a
//! new file. `user_version` holds how many have run.

use rusqlite_migration::{HookResult, Migrations, M};

const SQL: &[&str] = &[
    include_str!("../migrations/001_campaign_and_people.sql"),
    include_str!("../migrations/002_appeals_and_signatures.sql"),
    include_str!("../migrations/003_events_and_rsvps.sql"),
    include_str!("../migrations/004_funds_and_donations.sql"),
    include_str!("../migrations/005_rows_that_can_meet.sql"),
    include_str!("../migrations/006_appeal_versions_and_consent.sql"),
    include_str!("../migrations/007_search_and_duplicates.sql"),
    include_str!("../migrations/008_events_rsvps_and_the_door.sql"),
    include_str!("../migrations/009_money.sql"),
    include_str!("../migrations/010_audit_chain.sql"),
    include_str!("../migrations/011_erasures.sql"),
];

/// The migrations in order. 005 and 006 have hooks in Rust (sync/convert.rs): 005 copies the
/// rows into the tables keyed by UUID, 006 gives the appeals that exist their first version of
/// words; both under a recording session. 007's hook (duplicates.rs) carries the pairs marked
/// different over and fills the new review queue. 007's triggers call the functions
/// search.rs registers: a connection migrating needs them. 008's hook (events.rs) marks the
/// undated events "date to be announced". 010's (audit.rs) puts the rows already there into the
/// audit chain; its triggers call the functions audit.rs registers.
pub(crate) fn migrations() -> Migrations<'static> {
    Migrations::new(
        SQL.iter()
            .enumerate()
            .map(|(i, sql)| match i {
                4 => M::up_with_hook(sql, |tx: &rusqlite::Transaction<'_>| -> HookResult {
                    crate::sync::convert::to_uuid_keys(tx)
                }),
                5 => M::up_with_hook(sql, |tx: &rusqlite::Transaction<'_>| -> HookResult {
                    crate::sync::convert::appeal_words(tx)
                }),
                6 => M::up_with_hook(sql, |tx: &rusqlite::Transaction<'_>| -> HookResult {
                    crate::duplicates::after_migration(tx)
                }),
                7 => M::up_with_hook(sql, |tx: &rusqlite::Transaction<'_>| -> HookResult {
                    crate::events::after_migration(tx)
                }),
                9 => M::up_with_hook(sql, |tx: &rusqlite::Transaction<'_>| -> HookResult {
                    crate::audit::after_migration(tx)
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
    /// What `Migrations::validate` does, on a connection with the functions 007's SQL calls.
    #[test]
    fn migrations_are_valid() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        crate::search::register_functions(&conn).unwrap();
        super::migrations().to_latest(&mut conn).unwrap();
    }
}

/// The migration that re-keys every row by its UUID, on a database of the first schema.
#[cfg(test)]
mod uuid_keys {
    use rusqlite::Connection;

    const OLD_ROWS: &str = "
        INSERT INTO campaign VALUES (1, '0190b6a0-0000-4000-8000-000000000001', 'Old', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z');
        INSERT INTO people (id, uuid, given_name, family_name, email, created_at, updated_at)
          VALUES (7, '0190b6a0-0000-4000-8000-000000000007', 'Ana', 'Ruiz', 'ana@example.org', '2025-01-02T00:00:00.000Z', '2025-01-02T00:00:00.000Z');
        INSERT INTO appeals (id, uuid, title, created_at, updated_at)
          VALUES (3, '0190b6a0-0000-4000-8000-000000000003', 'Appeal', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z');
        INSERT INTO signatures (id, uuid, appeal_id, person_id, signed_at, source, display, created_at, updated_at)
          VALUES (1, '0190b6a0-0000-4000-8000-000000000100', 3, 7, '2025-01-02T00:00:00.000Z', 'table', 'initials', '2025-01-02T00:00:00.000Z', '2025-01-02T00:00:00.000Z');
        INSERT INTO events (id, uuid, title, time_zone, created_at, updated_at)
          VALUES (5, '0190b6a0-0000-4000-8000-000000000005', 'Night', 'UTC', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z');
        INSERT INTO rsvps (id, uuid, event_id, person_id, status, created_at, updated_at)
          VALUES (1, '0190b6a0-0000-4000-8000-000000000200', 5, 7, 'accepted', '2025-01-03T00:00:00.000Z', '2025-01-03T00:00:00.000Z');
        INSERT INTO funds (id, uuid, name, currency, created_at, updated_at)
          VALUES (2, '0190b6a0-0000-4000-8000-000000000002', 'Ad', 'USD', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z');
        INSERT INTO donations (id, uuid, person_id, fund_id, event_id, amount_minor, currency, method, received_on, created_at, updated_at)
          VALUES (1, '0190b6a0-0000-4000-8000-000000000300', 7, 2, 5, 2500, 'USD', 'cash', '2025-01-04', '2025-01-04T00:00:00.000Z', '2025-01-04T00:00:00.000Z'),
                 (2, '0190b6a0-0000-4000-8000-000000000301', NULL, NULL, NULL, 500, 'EUR', 'cash', '2025-01-04', '2025-01-04T00:00:00.000Z', '2025-01-04T00:00:00.000Z');";

    #[test]
    fn the_old_rows_keep_their_uuids_and_links_and_become_the_first_changeset() {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::search::register_functions(&conn).unwrap();
        conn.pragma_update(None, "foreign_keys", "ON").unwrap();
        super::migrations().to_version(&mut conn, 4).unwrap();
        conn.execute_batch(OLD_ROWS).unwrap();
        super::migrations().to_latest(&mut conn).unwrap();

        let hex = |sql: &str| -> String { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
        assert_eq!(
            hex("SELECT hex(id) FROM people"),
            "0190B6A0000040008000000000000007"
        );
        assert_eq!(
            hex("SELECT hex(person_id) || hex(appeal_id) || display FROM signatures"),
            "0190B6A00000400080000000000000070190B6A0000040008000000000000003initials"
        );
        assert_eq!(
            hex("SELECT hex(person_id) FROM rsvps"),
            "0190B6A0000040008000000000000007"
        );
        assert_eq!(
            hex("SELECT group_concat(iif(person_id IS NULL, '-', hex(person_id)) || iif(fund_id IS NULL, '-', hex(fund_id)), ' ') FROM (SELECT * FROM donations ORDER BY amount_minor)"),
            "-- 0190B6A00000400080000000000000070190B6A0000040008000000000000002"
        );
        assert_eq!(hex("SELECT name FROM campaign"), "Old");
        // Migration 009 counted the old gifts into the kept totals.
        assert_eq!(
            hex("SELECT group_concat(currency || ' ' || raised, ', ') FROM (SELECT * FROM money_sums ORDER BY currency)"),
            "EUR 500, USD 2500"
        );
        let old_tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'old_%'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(old_tables, 0);
        // Every row is this laptop's first changeset: a laptop joining later receives them.
        let (origin, seq, laptop): (Vec<u8>, i64, Vec<u8>) = conn
            .query_row(
                "SELECT origin, seq, (SELECT laptop FROM sync_self) FROM sync_log",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        assert_eq!((origin.clone(), seq), (laptop.clone(), 1));
        let written_by: Vec<u8> = conn
            .query_row("SELECT written_by FROM donations LIMIT 1", [], |r| r.get(0))
            .unwrap();
        assert_eq!(written_by, laptop);
        // Migration 006 gave the appeal its first words and a slug, as the second changeset.
        assert_eq!(
            hex("SELECT slug || ' ' || (SELECT lang || version || ' ' || title FROM appeal_texts) FROM appeals"),
            "appeal en1 Appeal"
        );
        let mut stmt = conn
            .prepare("SELECT changes FROM sync_log ORDER BY seq")
            .unwrap();
        let changesets: Vec<Vec<u8>> = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        // Migration 008 marked the undated event "date to be announced", as the third.
        assert_eq!(changesets.len(), 3);
        assert_eq!(hex("SELECT status FROM events"), "tba");
        let mut copy = Connection::open_in_memory().unwrap();
        crate::search::register_functions(&copy).unwrap();
        super::migrations().to_latest(&mut copy).unwrap();
        for changes in &changesets {
            copy.apply_strm(&mut &changes[..], None::<fn(&str) -> bool>, |_, _| {
                rusqlite::session::ConflictAction::SQLITE_CHANGESET_ABORT
            })
            .unwrap();
        }
        for table in crate::sync::SYNCED_TABLES {
            let dump = |c: &Connection| -> String {
                c.query_row(&format!("SELECT coalesce(group_concat(quote(id)), '') FROM (SELECT id FROM {table} ORDER BY id)"), [], |r| r.get(0)).unwrap()
            };
            assert_eq!(dump(&conn), dump(&copy), "{table}");
        }
        // A second laptop migrating the same old rows writes the same appeal words, id and all.
        let mut other = Connection::open_in_memory().unwrap();
        crate::search::register_functions(&other).unwrap();
        other.pragma_update(None, "foreign_keys", "ON").unwrap();
        super::migrations().to_version(&mut other, 4).unwrap();
        other.execute_batch(OLD_ROWS).unwrap();
        super::migrations().to_latest(&mut other).unwrap();
        let words = |c: &Connection| -> String {
            c.query_row(
                "SELECT hex(id) || words_hash || created_at FROM appeal_texts",
                [],
                |r| r.get(0),
            )
            .unwrap()
        };
        assert_eq!(words(&conn), words(&other));
    }
}
