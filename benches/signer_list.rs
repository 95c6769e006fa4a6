//! The signer list among a million signers (`cargo bench -p desk-core --bench signer_list`):
//! a search as you type (Latin and Persian, a common name and a rare one), the first page of
//! the list, a page far into it, an appeal's signers by date, and their count. Each is timed on
//! a database of 1,000,000 signers and, as the baseline in the same run, on one of 1,000; the
//! median and the 95th percentile are printed for both. The goal is under 10 ms at a million.
//!
//! The rows are written once with plain SQL (bench_data.rs) and kept for later runs.

#[path = "bench_data.rs"]
mod bench_data;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use desk_core::appeals;
use desk_core::search::{self, Cursor, PeopleQuery};
use desk_core::Store;
use rusqlite::Connection;

const SAMPLES: usize = 60;

fn main() {
    let small = prepare(1_000);
    let large = prepare(1_000_000);
    println!("signer list, {SAMPLES} samples each (median / p95), 1,000 signers (baseline) vs 1,000,000:");
    let base = Store::open(&small).unwrap();
    let big = Store::open(&large).unwrap();
    let cases: Vec<(&str, Case)> = vec![
        ("search \"ahmadi\" (common)", Box::new(|_| text("ahmadi"))),
        ("search \"jose mart\"", Box::new(|_| text("jose mart"))),
        ("search \"ru\" (two letters)", Box::new(|_| text("ru"))),
        (
            "search \"present77777\" (rare)",
            Box::new(|_| text("present77777")),
        ),
        // The Arabic spelling (ي) of a name stored with the Persian ye (ی).
        (
            "search \"علي رضايي\" (Persian)",
            Box::new(|_| text("\u{0639}\u{0644}\u{064a} \u{0631}\u{0636}\u{0627}\u{064a}\u{064a}")),
        ),
        (
            "search \"کریمی\" sorted by name",
            Box::new(|_| PeopleQuery {
                sort: Some("name".into()),
                ..text("\u{06a9}\u{0631}\u{06cc}\u{0645}\u{06cc}")
            }),
        ),
        ("first page by name", Box::new(|_| PeopleQuery::default())),
        (
            "page half-way by name",
            Box::new(|s| PeopleQuery {
                after: Some(half_way(s)),
                ..Default::default()
            }),
        ),
        (
            "appeal's signers by date",
            Box::new(|s| PeopleQuery {
                appeal: Some(appeals::list(s).unwrap()[0].id),
                sort: Some("signed_at".into()),
                descending: true,
                ..Default::default()
            }),
        ),
        (
            "country filter, by name",
            Box::new(|_| PeopleQuery {
                country: Some("IR".into()),
                ..Default::default()
            }),
        ),
        (
            "appeal's signers by name",
            Box::new(|s| PeopleQuery {
                appeal: Some(appeals::list(s).unwrap()[0].id),
                ..Default::default()
            }),
        ),
    ];
    for (label, query) in &cases {
        let (q_small, q_big) = (query(&base), query(&big));
        let small = time(|| {
            search::page(&base, &q_small).unwrap();
        });
        let large = time(|| {
            search::page(&big, &q_big).unwrap();
        });
        report(label, &small, &large);
    }
    let count_small = time(|| {
        search::count(&base, &text("ahmadi")).unwrap();
    });
    let count_large = time(|| {
        search::count(&big, &text("ahmadi")).unwrap();
    });
    report("count of \"ahmadi\"", &count_small, &count_large);
}

/// A query to time, made for the database it runs on (an appeal's id differs between them).
type Case = Box<dyn Fn(&Store) -> PeopleQuery>;

fn text(t: &str) -> PeopleQuery {
    PeopleQuery {
        text: Some(t.into()),
        ..Default::default()
    }
}

/// The cursor of the row half-way down the list by name, as scrolling there would give.
fn half_way(store: &Store) -> Cursor {
    let conn = Connection::open(store.path()).unwrap();
    let n: i64 = conn
        .query_row("SELECT count(*) FROM people", [], |r| r.get(0))
        .unwrap();
    conn.query_row(
        "SELECT family_name, given_name, rowid FROM people ORDER BY family_name, given_name, rowid
          LIMIT 1 OFFSET ?1",
        [n / 2],
        |r| {
            Ok(Cursor {
                keys: vec![r.get(0)?, r.get(1)?],
                at: r.get(2)?,
            })
        },
    )
    .unwrap()
}

fn time(f: impl Fn()) -> Vec<Duration> {
    for _ in 0..5 {
        f();
    }
    let mut samples: Vec<Duration> = (0..SAMPLES)
        .map(|_| {
            let started = Instant::now();
            f();
            started.elapsed()
        })
        .collect();
    samples.sort();
    samples
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn report(label: &str, base: &[Duration], big: &[Duration]) {
    let stats = |s: &[Duration]| (ms(s[s.len() / 2]), ms(s[(s.len() * 95).div_ceil(100) - 1]));
    let (bm, bp) = stats(base);
    let (m, p) = stats(big);
    println!("  {label:<38} {bm:>7.3} / {bp:>7.3} ms   {m:>7.3} / {p:>7.3} ms");
}

/// A database with `signers` signers of one appeal, made once and kept.
fn prepare(signers: u64) -> PathBuf {
    bench_data::campaign_of("signer-list", signers, |n| {
        let place = (n % bench_data::CITIES.len() as u64) as usize;
        bench_data::Signer {
            given: bench_data::GIVEN[(n * 7 % bench_data::GIVEN.len() as u64) as usize].into(),
            family: bench_data::FAMILY[(n * 13 % bench_data::FAMILY.len() as u64) as usize].into(),
            email: format!("present{n}@example.org"),
            city: bench_data::CITIES[place],
            country: bench_data::COUNTRIES[place],
            // Signed over two years, a minute apart.
            signed_at: chrono::DateTime::from_timestamp(1_700_000_000 + (n as i64 * 60), 0)
                .unwrap()
                .format("%Y-%m-%dT%H:%M:%S%.3fZ")
                .to_string(),
        }
    })
}
