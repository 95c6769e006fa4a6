//! The door: search as you type over an event's answers, and a check-in
//! (`cargo bench -p desk-core --bench door`).
//!
//! A campaign of 100,000 people of whom 10,000 answered the event timed, and, as the baseline
//! in the same database and run, an event of 100 answers. Each sample of the search is what the
//! door asks while a volunteer types (`rsvps::door_search`: two letters, three, a whole name,
//! Persian with the Arabic ye, part of an email); each sample of the check-in is one write
//! (`rsvps::check_in`, recorded for sync, synchronous=FULL) followed by its undo, timed apart.
//! The goal: under 5 ms each, median and 95th percentile.

#[path = "bench_data.rs"]
mod bench_data;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use desk_core::events::{self, EventInput};
use desk_core::rsvps;
use desk_core::{Id, Store};
use rusqlite::{params, Connection};

const SAMPLES: usize = 200;
const PEOPLE: u64 = 100_000;
const QUERIES: &[&str] = &["ma", "rez", "maría ruiz", "رضاي", "present12", "zhang wei"];

fn main() {
    let (path, big, small) = prepare();
    let mut store = Store::open(&path).unwrap();
    println!("door of an event among {PEOPLE} people, {SAMPLES} samples each:");
    println!(
        "  {:<40} {:>19}   {:>19}",
        "", "100 answers (base)", "10,000 answers"
    );
    println!(
        "  {:<40} {:>19}   {:>19}",
        "", "median / p95", "median / p95"
    );
    for q in QUERIES {
        let base = bench_data::time(SAMPLES, || {
            rsvps::door_search(&store, small, q, 30).unwrap();
        });
        let at_size = bench_data::time(SAMPLES, || {
            rsvps::door_search(&store, big, q, 30).unwrap();
        });
        bench_data::report(&format!("search \u{201c}{q}\u{201d}"), &base, &at_size);
    }
    let answers = |event: Id| -> Vec<Id> {
        rsvps::door_search(&store, event, "ma", 30)
            .unwrap()
            .into_iter()
            .map(|l| l.id)
            .collect()
    };
    let (small_ids, big_ids) = (answers(small), answers(big));
    let mut check = |ids: &[Id]| -> (Vec<Duration>, Vec<Duration>) {
        let (mut ins, mut undos) = (Vec::new(), Vec::new());
        for i in 0..SAMPLES {
            let rsvp = ids[i % ids.len()];
            let started = Instant::now();
            store.write(|w| rsvps::check_in(w, rsvp, None)).unwrap();
            ins.push(started.elapsed());
            let started = Instant::now();
            store.write(|w| rsvps::undo_check_in(w, rsvp)).unwrap();
            undos.push(started.elapsed());
        }
        ins.sort();
        undos.sort();
        (ins, undos)
    };
    let (base_in, base_undo) = check(&small_ids);
    let (big_in, big_undo) = check(&big_ids);
    bench_data::report("check-in", &base_in, &big_in);
    bench_data::report("undo", &base_undo, &big_undo);
    let base = bench_data::time(SAMPLES, || {
        rsvps::counts(&store, small).unwrap();
    });
    let at_size = bench_data::time(SAMPLES, || {
        rsvps::counts(&store, big).unwrap();
    });
    bench_data::report("arrivals count", &base, &at_size);
}

/// The campaign (made once and kept), an event answered by 10,000 of its people and one by 100.
fn prepare() -> (PathBuf, Id, Id) {
    let path = bench_data::campaign_of("door", PEOPLE, |n| {
        let place = (n % bench_data::CITIES.len() as u64) as usize;
        bench_data::Signer {
            given: bench_data::GIVEN[(n * 7 % bench_data::GIVEN.len() as u64) as usize].into(),
            family: bench_data::FAMILY[(n * 13 % bench_data::FAMILY.len() as u64) as usize].into(),
            email: format!("present{n}@example.org"),
            city: bench_data::CITIES[place],
            country: bench_data::COUNTRIES[place],
            signed_at: "2026-01-01T00:00:00.000Z".into(),
        }
    });
    let mut store = Store::open(&path).unwrap();
    let event = |title: &str| EventInput {
        title: title.into(),
        starts: Some("2027-03-11T18:30".into()),
        time_zone: "America/Los_Angeles".into(),
        ..Default::default()
    };
    let found = |store: &Store, title: &str| {
        events::all(store)
            .unwrap()
            .into_iter()
            .find(|e| e.title == title)
            .map(|e| e.id)
    };
    if let (Some(big), Some(small)) = (found(&store, "Big night"), found(&store, "Small night")) {
        return (path, big, small);
    }
    let big = store
        .write(|w| events::insert(w, &event("Big night")))
        .unwrap();
    let small = store
        .write(|w| events::insert(w, &event("Small night")))
        .unwrap();
    drop(store);
    // The answers with plain SQL, as the people were: what is timed is reading and one write.
    let mut conn = Connection::open(&path).unwrap();
    desk_core::search::register_functions(&conn).unwrap();
    let tx = conn.transaction().unwrap();
    {
        let people: Vec<Id> = tx
            .prepare("SELECT id FROM people ORDER BY rowid")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let laptop = Id::new();
        let mut answer = tx
            .prepare(
                "INSERT INTO rsvps (id, event_id, person_id, status, guests, created_at,
                                    updated_at, written_by, answered_at)
                 VALUES (?1, ?2, ?3, 'accepted', ?4, '2027-01-01T00:00:00.000Z',
                         '2027-01-01T00:00:00.000Z', ?5, '2027-01-01T00:00:00.000Z')",
            )
            .unwrap();
        for (i, person) in people.iter().step_by(10).take(10_000).enumerate() {
            answer
                .execute(params![Id::new(), big, person, (i % 4) as i64, laptop])
                .unwrap();
        }
        for (i, person) in people.iter().skip(3).step_by(1000).take(100).enumerate() {
            answer
                .execute(params![Id::new(), small, person, (i % 4) as i64, laptop])
                .unwrap();
        }
    }
    tx.commit().unwrap();
    (path, big, small)
}
