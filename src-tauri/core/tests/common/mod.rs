//! Laptops for the sync tests: real database files in a temporary folder, exchanging real
//! bundle files.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use desk_core::appeals::{self, NewAppeal};
use desk_core::events::{self, EventInput};
use desk_core::funds::{self, NewFund};
use desk_core::people::NewPerson;
use desk_core::signing::{Display, Signing, Source};
use desk_core::sync;
use desk_core::{Id, Store};
use rusqlite::types::Value;

pub const PASSPHRASE: &str = "correct horse battery";

pub struct Laptop {
    pub name: &'static str,
    pub store: Store,
}

impl Laptop {
    pub fn new(dir: &Path, name: &'static str) -> Laptop {
        let mut store = Store::open(dir.join(format!("{name}.db"))).unwrap();
        sync::set_laptop_name(&mut store, name).unwrap();
        Laptop { name, store }
    }

    pub fn id(&self) -> Id {
        sync::status(&self.store).unwrap().laptop.id
    }

    /// Saves a bundle (for `made_for`, or everything) into `dir` and returns its path.
    pub fn bundle(&self, dir: &Path, made_for: Option<Id>, n: usize) -> PathBuf {
        let path = dir.join(format!("{}-{n}.cdbundle", self.name));
        sync::export(&self.store, &path, PASSPHRASE, made_for).unwrap();
        path
    }

    pub fn open(&mut self, bundle: &Path) -> desk_core::Result<sync::Applied> {
        sync::import(&mut self.store, bundle, PASSPHRASE)
    }

    /// Every exchanged table, row by row in id order: what must be the same on every laptop.
    pub fn rows(&self) -> Vec<(String, Vec<Vec<Value>>)> {
        let conn = rusqlite::Connection::open(self.store.path()).unwrap();
        sync::SYNCED_TABLES
            .iter()
            .map(|table| {
                let mut stmt = conn
                    .prepare(&format!("SELECT * FROM {table} ORDER BY id"))
                    .unwrap();
                let n = stmt.column_count();
                let rows = stmt
                    .query_map([], |r| (0..n).map(|c| r.get::<_, Value>(c)).collect())
                    .unwrap()
                    .collect::<rusqlite::Result<Vec<Vec<Value>>>>()
                    .unwrap();
                ((*table).to_owned(), rows)
            })
            .collect()
    }

    pub fn count(&self, sql: &str) -> i64 {
        let conn = rusqlite::Connection::open(self.store.path()).unwrap();
        conn.query_row(sql, [], |r| r.get(0)).unwrap()
    }

    pub fn ids(&self, sql: &str) -> Vec<Id> {
        let conn = rusqlite::Connection::open(self.store.path()).unwrap();
        let mut stmt = conn.prepare(sql).unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    pub fn conflicts(&self) -> Vec<sync::ConflictRecord> {
        sync::conflicts(&self.store, true, 10_000).unwrap()
    }
}

/// The campaign the tests start from: one appeal, one event, one fund.
pub struct Campaign {
    pub appeal: Id,
    pub event: Id,
    pub fund: Id,
}

pub fn start_campaign(laptop: &mut Laptop) -> Campaign {
    desk_core::campaign::start(&mut laptop.store, "Free them all").unwrap();
    laptop
        .store
        .write(|w| {
            Ok(Campaign {
                appeal: appeals::insert_appeal(
                    w,
                    &NewAppeal::english("Emergency Appeal", "Free them."),
                )?,
                event: events::insert(
                    w,
                    &EventInput {
                        title: "Cultural night".into(),
                        time_zone: "America/Los_Angeles".into(),
                        status: events::Status::Tba,
                        ..Default::default()
                    },
                )?,
                fund: funds::insert_fund(
                    w,
                    &NewFund {
                        name: "Newspaper ad",
                        slug: None,
                        purpose: "",
                        goal_minor: Some(1_400_000),
                        currency: "USD",
                        deadline: None,
                    },
                )?,
            })
        })
        .unwrap()
}

/// A new laptop that joins from a full bundle of `from`.
pub fn join(dir: &Path, from: &Laptop, name: &'static str) -> Laptop {
    let bundle = from.bundle(dir, None, 0);
    let mut laptop = Laptop::new(dir, name);
    let applied = laptop.open(&bundle).unwrap();
    assert!(applied.arrived.joins, "{name} joins");
    laptop
}

/// `person` signing `appeal` at a table, in English, name shown in full, no contact consent:
/// a test changes what it is about with `..table_signing(appeal, person)`.
pub fn table_signing(appeal: Id, person: NewPerson) -> Signing {
    Signing {
        appeal,
        person,
        lang: Some("en".into()),
        source: Source::Table,
        display: Display::Full,
        contact_consent: false,
        event: None,
        sheet: None,
        entered_by: None,
        known_person: None,
    }
}
