//! What recording costs and what a bundle weighs (`cargo bench -p desk-core --bench sync`).
//!
//! - `signing`: one table-mode signature (a new person and a signature, one write transaction,
//!   synchronous=FULL), recorded through `Store::write` against the same statements on a plain
//!   connection to the same schema with no session: the baseline, in the same run.
//! - `apply_10000_signatures`: a new laptop joining from a bundle of 10,000 signatures, each
//!   taken in its own write as at a table (10,000 changesets). The bundle's size is printed.

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::Utc;
use desk_core::appeals::{self, Display, NewAppeal, Source};
use desk_core::people::NewPerson;
use desk_core::{sync, Id, Store};
use rusqlite::{params, Connection, OptionalExtension};

const PASSPHRASE: &str = "correct horse battery";

fn main() {
    divan::main();
}

fn person(n: u64) -> NewPerson {
    NewPerson {
        given_name: format!("Given{n}"),
        family_name: "Family".into(),
        email: Some(format!("signer{n}@example.org")),
        city: Some("Berkeley".into()),
        country: Some("US".into()),
        ..Default::default()
    }
}

/// A campaign with one appeal in a new database at `path`.
fn campaign(path: &Path) -> (Store, Id) {
    let mut store = Store::open(path).unwrap();
    desk_core::campaign::start(&mut store, "Bench").unwrap();
    let appeal = store
        .write(|w| appeals::insert_appeal(w, &NewAppeal::english("Appeal", "")))
        .unwrap();
    (store, appeal)
}

mod signing {
    use super::*;

    #[divan::bench(sample_count = 300)]
    fn recorded(bencher: divan::Bencher) {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, appeal) = campaign(&dir.path().join("r.db"));
        let n = Cell::new(0u64);
        bencher.bench_local(|| {
            n.set(n.get() + 1);
            store
                .write(|w| {
                    appeals::sign_as(w, appeal, &person(n.get()), Source::Table, Display::Full)
                })
                .unwrap();
        });
    }

    /// The same statements `sign_as` runs, on a plain connection: no session, no log.
    #[divan::bench(sample_count = 300)]
    fn baseline_unrecorded(bencher: divan::Bencher) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.db");
        let (store, appeal) = campaign(&path);
        drop(store);
        let mut conn = Connection::open(&path).unwrap();
        // The search index's triggers call these (the baseline keeps them: the index is part
        // of saving a person, not of recording).
        desk_core::search::register_functions(&conn).unwrap();
        conn.pragma_update(None, "journal_mode", "WAL").unwrap();
        conn.pragma_update(None, "synchronous", "FULL").unwrap();
        conn.pragma_update(None, "foreign_keys", "ON").unwrap();
        let laptop = Id::new();
        let n = Cell::new(0u64);
        bencher.bench_local(|| {
            n.set(n.get() + 1);
            let p = person(n.get());
            let stamp = Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
            let tx = conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                .unwrap();
            let found: Option<Id> = tx
                .query_row(
                    "SELECT id FROM people WHERE lower(email) = lower(?1) AND email IS NOT NULL
                      ORDER BY created_at, id LIMIT 1",
                    [p.email.as_deref()],
                    |r| r.get(0),
                )
                .optional()
                .unwrap();
            assert!(found.is_none());
            let id = Id::new();
            tx.execute(
                "INSERT INTO people (id, given_name, family_name, email, phone, city, region,
                        postal_code, country, organization, title, notes, created_at, updated_at,
                        written_by)
                 VALUES (?1, ?2, ?3, ?4, NULL, ?5, NULL, NULL, ?6, NULL, NULL, NULL, ?7, ?7, ?8)",
                params![
                    id,
                    p.given_name,
                    p.family_name,
                    p.email,
                    p.city,
                    p.country,
                    stamp,
                    laptop
                ],
            )
            .unwrap();
            let existing: Option<Id> = tx
                .query_row(
                    "SELECT id FROM signatures WHERE appeal_id = ?1 AND person_id = ?2
                      ORDER BY created_at, id LIMIT 1",
                    params![appeal, id],
                    |r| r.get(0),
                )
                .optional()
                .unwrap();
            assert!(existing.is_none());
            // The words the signer saw, recorded with the signature and the consent act.
            let (text, hash, consent): (Id, String, String) = tx
                .query_row(
                    "SELECT id, words_hash, consent FROM appeal_texts
                      WHERE appeal_id = ?1 AND lang = 'en'
                      ORDER BY version DESC, created_at DESC, id DESC LIMIT 1",
                    [appeal],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .unwrap();
            tx.execute(
                "INSERT INTO signatures (id, appeal_id, person_id, signed_at, source, display,
                        prominent, statement, created_at, updated_at, written_by, text_id,
                        words_hash)
                 VALUES (?1, ?2, ?3, ?4, 'table', 'full', 0, NULL, ?4, ?4, ?5, ?6, ?7)",
                params![Id::new(), appeal, id, stamp, laptop, text, hash],
            )
            .unwrap();
            tx.execute(
                "INSERT INTO consents (id, person_id, appeal_id, purpose, given, at, how, wording,
                        words_hash, lang, text_id, created_at, updated_at, written_by)
                 VALUES (?1, ?2, ?3, 'signature', 1, ?4, 'table', ?5, ?6, 'en', ?7, ?4, ?4, ?8)",
                params![Id::new(), id, appeal, stamp, consent, hash, text, laptop],
            )
            .unwrap();
            tx.commit().unwrap();
        });
    }
}

/// A bundle of 10,000 signatures taken one write at a time, made once.
fn ten_thousand() -> &'static (tempfile::TempDir, PathBuf) {
    static BUNDLE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    BUNDLE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, appeal) = campaign(&dir.path().join("hub.db"));
        for n in 0..10_000 {
            store
                .write(|w| appeals::sign_as(w, appeal, &person(n), Source::Table, Display::Full))
                .unwrap();
        }
        let bundle = dir.path().join("ten-thousand.cdbundle");
        let exported = sync::export(&store, &bundle, PASSPHRASE, None).unwrap();
        eprintln!(
            "bundle of 10,000 signatures: {} changesets, {} bytes ({:.1} MiB)",
            exported.changes,
            exported.bytes,
            exported.bytes as f64 / 1_048_576.0
        );
        (dir, bundle)
    })
}

#[divan::bench(sample_count = 5)]
fn apply_10000_signatures(bencher: divan::Bencher) {
    let (_dir, bundle) = ten_thousand();
    let target = tempfile::tempdir().unwrap();
    let n = Cell::new(0u32);
    bencher
        .with_inputs(|| {
            n.set(n.get() + 1);
            Store::open(target.path().join(format!("join-{}.db", n.get()))).unwrap()
        })
        .bench_local_values(|mut store| {
            let applied = sync::import(&mut store, bundle, PASSPHRASE).unwrap();
            assert_eq!(applied.signatures_now, 10_000);
            store
        });
}
