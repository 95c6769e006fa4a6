//! Shared by the benchmarks: a campaign database of many signers of one appeal, written once
//! with plain SQL (no session: how the rows got there does not matter to what is timed; the
//! search triggers do fire, so the index is as the window would have built it) and kept in
//! target/bench-data/ for later runs, one file per schema version.

// Each benchmark uses a part of what is here.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use desk_core::appeals::{self, NewAppeal};
use desk_core::migrations::SCHEMA_VERSION;
use desk_core::{Id, Store};
use rusqlite::{params, Connection};

/// Given names in several scripts, for signers made up by number.
pub const GIVEN: &[&str] = &[
    "Ana",
    "José",
    "María",
    "Shirin",
    "Reza",
    "Ali",
    "Narges",
    "Kaveh",
    "Peter",
    "Anna",
    "Olga",
    "Dmitri",
    "Wei",
    "Yuki",
    "Fatma",
    "Mehmet",
    "Lucía",
    "Jean",
    "Sara",
    "Omid",
    "\u{0634}\u{06cc}\u{0631}\u{06cc}\u{0646}", // شیرین
    "\u{0639}\u{0644}\u{06cc}",                 // علی
    "\u{0645}\u{0631}\u{06cc}\u{0645}",         // مریم
    "\u{0631}\u{0636}\u{0627}",                 // رضا
];
/// Family names in several scripts.
pub const FAMILY: &[&str] = &[
    "Ruiz",
    "Martínez",
    "Ebadi",
    "Mohammadi",
    "Ahmadi",
    "Karimi",
    "Müller",
    "Schmidt",
    "Ivanova",
    "Petrov",
    "Zhang",
    "Tanaka",
    "Yılmaz",
    "Dubois",
    "Rossi",
    "García",
    "Smith",
    "Novak",
    "\u{0631}\u{0636}\u{0627}\u{06cc}\u{06cc}", // رضایی
    "\u{06a9}\u{0631}\u{06cc}\u{0645}\u{06cc}", // کریمی
    "\u{0627}\u{062d}\u{0645}\u{062f}\u{06cc}", // احمدی
    "\u{062a}\u{0647}\u{0631}\u{0627}\u{0646}\u{06cc}", // تهرانی
];
pub const CITIES: &[&str] = &["Berlin", "Bogotá", "Tehran", "Paris", "Toronto", "Istanbul"];
pub const COUNTRIES: &[&str] = &["DE", "CO", "IR", "FR", "CA", "TR"];

/// One signer as written.
pub struct Signer {
    pub given: String,
    pub family: String,
    pub email: String,
    pub city: &'static str,
    pub country: &'static str,
    /// RFC 3339 with milliseconds.
    pub signed_at: String,
}

/// The folder the benchmarks keep their files in.
pub fn folder() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A database named `name` with `signers` signers, the n-th being `signer(n)`; made once.
pub fn campaign_of(name: &str, signers: u64, signer: impl Fn(u64) -> Signer) -> PathBuf {
    let dir = folder();
    let path = dir.join(format!("{name}-{signers}-v{SCHEMA_VERSION}.db"));
    let ready = dir.join(format!("{name}-{signers}-v{SCHEMA_VERSION}.ready"));
    if ready.exists() {
        return path;
    }
    desk_core::store::remove_with_companions(&path);
    let started = Instant::now();
    let mut store = Store::open(&path).unwrap();
    desk_core::campaign::start(&mut store, "Bench").unwrap();
    let appeal = store
        .write(|w| appeals::insert_appeal(w, &NewAppeal::english("Appeal", "Free them.")))
        .unwrap();
    drop(store);
    let mut conn = Connection::open(&path).unwrap();
    // The search index's triggers call these.
    desk_core::search::register_functions(&conn).unwrap();
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    let laptop = Id::new();
    let tx = conn.transaction().unwrap();
    {
        let text: Id = tx
            .query_row("SELECT id FROM appeal_texts", [], |r| r.get(0))
            .unwrap();
        let mut person = tx
            .prepare(
                "INSERT INTO people (id, given_name, family_name, email, city, country,
                                     created_at, updated_at, written_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8)",
            )
            .unwrap();
        let mut signature = tx
            .prepare(
                "INSERT INTO signatures (id, appeal_id, person_id, signed_at, source, display,
                                         created_at, updated_at, written_by, text_id)
                 VALUES (?1, ?2, ?3, ?4, 'table', 'full', ?4, ?4, ?5, ?6)",
            )
            .unwrap();
        for n in 0..signers {
            let s = signer(n);
            let id = Id::new();
            person
                .execute(params![
                    id,
                    s.given,
                    s.family,
                    s.email,
                    s.city,
                    s.country,
                    s.signed_at,
                    laptop
                ])
                .unwrap();
            signature
                .execute(params![Id::new(), appeal, id, s.signed_at, laptop, text])
                .unwrap();
        }
    }
    tx.commit().unwrap();
    // No ANALYZE: the window never runs it, so the plans timed are the ones it gets.
    drop(conn);
    std::fs::write(&ready, b"").unwrap();
    println!(
        "made a database of {signers} signers in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    path
}

/// `n` timings of `f` after one warm-up, sorted: what a benchmark's report reads.
pub fn time(n: usize, mut f: impl FnMut()) -> Vec<Duration> {
    f(); // warm-up
    let mut samples: Vec<Duration> = (0..n)
        .map(|_| {
            let started = Instant::now();
            f();
            started.elapsed()
        })
        .collect();
    samples.sort();
    samples
}

/// One line of a benchmark's table: the median and 95th percentile of the baseline and of the
/// timings at size, in milliseconds.
pub fn report(label: &str, base: &[Duration], at_size: &[Duration]) {
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let p = |s: &[Duration], q: f64| ms(s[((s.len() as f64 * q) as usize).min(s.len() - 1)]);
    println!(
        "  {label:<40} {:>7.3} / {:>7.3} ms   {:>7.3} / {:>7.3} ms",
        p(base, 0.5),
        p(base, 0.95),
        p(at_size, 0.5),
        p(at_size, 0.95)
    );
}
