//! Saving a table-mode signature into a database of a million signers
//! (`cargo bench -p desk-core --bench table_signing`).
//!
//! Each sample is what the window does when a visitor presses "Sign": one `Store::write` that
//! looks the email up, adds the person, the signature and the consent act with the words shown
//! (`signing::sign_in`), recorded for sync, with synchronous=FULL. Measured on a database of
//! 1,000,000 signers and, as the baseline in the same run, on one of 1,000: the difference is
//! what the size costs. The median and the 95th percentile are printed for both, and the time
//! to read the running count the thank-you shows.
//!
//! The million rows are written once with plain SQL (no session: how they got there does not
//! matter to the write measured) and kept in target/bench-data/ for later runs.

#[path = "bench_data.rs"]
mod bench_data;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use desk_core::appeals;
use desk_core::people::NewPerson;
use desk_core::signing::{self, Display, Signing, Source};
use desk_core::Store;

const SAMPLES: usize = 400;
const WARM_UP: usize = 20;

fn main() {
    let small = prepare(1_000);
    let large = prepare(1_000_000);
    println!("table-mode signature, {SAMPLES} samples each (after {WARM_UP} warm-up):");
    let base = measure(&small, 1_000);
    let big = measure(&large, 1_000_000);
    report("1,000 signers (baseline)", &base);
    report("1,000,000 signers", &big);
    println!(
        "median cost of the size: {:+.3} ms",
        ms(median(&big)) - ms(median(&base))
    );
    // The thank-you's running count, read after each signing (not part of the write).
    let store = Store::open(&large).unwrap();
    let appeal = appeals::list(&store).unwrap()[0].id;
    let mut counts: Vec<Duration> = (0..20)
        .map(|_| {
            let started = Instant::now();
            appeals::count(&store, appeal).unwrap();
            started.elapsed()
        })
        .collect();
    counts.sort();
    report("thank-you count, 1,000,000", &counts);
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(samples: &[Duration]) -> Duration {
    samples[samples.len() / 2]
}

fn report(label: &str, samples: &[Duration]) {
    let p95 = samples[(samples.len() * 95).div_ceil(100) - 1];
    println!(
        "  {label:<26} median {:.3} ms   p95 {:.3} ms   max {:.3} ms",
        ms(median(samples)),
        ms(p95),
        ms(*samples.last().unwrap())
    );
}

/// A database with `signers` signers of one appeal, made once and kept.
fn prepare(signers: u64) -> PathBuf {
    const COUNTRIES: [&str; 8] = ["DE", "US", "IR", "FR", "GB", "ES", "CA", "SE"];
    bench_data::campaign_of("table-signing", signers, |n| bench_data::Signer {
        given: format!("Given{n}"),
        family: "Family".into(),
        email: format!("present{n}@example.org"),
        city: "Berlin",
        country: COUNTRIES[(n % 8) as usize],
        signed_at: "2026-01-01T00:00:00.000Z".into(),
    })
}

/// Times `SAMPLES` table-mode signatures of new visitors (and a returning one every tenth).
fn measure(path: &Path, signers: u64) -> Vec<Duration> {
    let mut store = Store::open(path).unwrap();
    let appeal = appeals::list(&store).unwrap()[0].id;
    let run = std::process::id();
    let mut samples = Vec::with_capacity(SAMPLES);
    for n in 0..WARM_UP + SAMPLES {
        // Every tenth visitor had signed before: the update path is timed too.
        let email = if n % 10 == 9 {
            format!("present{}@example.org", (n as u64 * 7919) % signers)
        } else {
            format!("visitor{run}-{n}@example.org")
        };
        let signing = Signing {
            appeal,
            person: NewPerson {
                given_name: "Nahid".into(),
                family_name: "Tehrani".into(),
                email: Some(email),
                city: Some("Berlin".into()),
                country: Some("DE".into()),
                ..Default::default()
            },
            lang: Some("en".into()),
            source: Source::Table,
            display: Display::NameAndCity,
            contact_consent: n % 2 == 0,
            event: None,
            sheet: None,
            entered_by: None,
            known_person: None,
        };
        let started = Instant::now();
        store.write(|w| signing::sign_in(w, &signing)).unwrap();
        if n >= WARM_UP {
            samples.push(started.elapsed());
        }
    }
    samples.sort();
    samples
}
