//! Importing a petition platform's export of 100,000 signers into a campaign that already holds
//! 100,000 (`cargo bench -p desk-core --bench signer_import`), against the baseline the issue
//! sets in the same run: the `sqlite3` shell's `.import` of the same file into a bare table.
//!
//! Each run starts from a fresh copy of the 100,000-signer database, so every import adds the
//! same people. The import is the window's (`csv_import::import`): decoding, header recognition,
//! every field checked, the same-email rule, the signature with the words' version, the consent
//! act, the search index and duplicate keys (triggers), recording for sync, one transaction.

#[path = "bench_data.rs"]
mod bench_data;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use desk_core::appeals;
use desk_core::csv_import::{self, Options};
use desk_core::Store;

const ROWS: u64 = 100_000;
const RUNS: usize = 3;

fn main() {
    let dir = bench_data::folder();
    let file = export_file(&dir);
    let campaign = prepare();
    let bytes = std::fs::read(&file).unwrap();

    let mut shell = Vec::new();
    for run in 0..RUNS {
        let bare = dir.join(format!("bare-import-{run}.db"));
        let _ = std::fs::remove_file(&bare);
        let started = Instant::now();
        let out = Command::new("sqlite3")
            .arg(&bare)
            .arg(".mode csv")
            .arg(format!(".import {} signers", file.display()))
            .output()
            .expect("the sqlite3 shell (Debian package sqlite3) is the baseline");
        shell.push(started.elapsed());
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let _ = std::fs::remove_file(&bare);
    }

    let mut ours = Vec::new();
    for run in 0..RUNS {
        let copy = dir.join(format!("import-run-{run}.db"));
        desk_core::store::remove_with_companions(&copy);
        std::fs::copy(&campaign, &copy).unwrap();
        let mut store = Store::open(&copy).unwrap();
        let appeal = appeals::list(&store).unwrap()[0].id;
        let started = Instant::now();
        let report = csv_import::import(
            &mut store,
            appeal,
            "petition-export.csv",
            &bytes,
            &Options::default(),
        )
        .unwrap();
        ours.push(started.elapsed());
        assert_eq!(report.added, ROWS, "{:?}", report.rejected.first());
        drop(store);
        desk_core::store::remove_with_companions(&copy);
    }
    shell.sort();
    ours.sort();
    let (s, o) = (shell[RUNS / 2], ours[RUNS / 2]);
    println!("import of {ROWS} signers into a campaign of {ROWS} (median of {RUNS} runs):");
    println!(
        "  sqlite3 .import into a bare table (baseline)  {:>8.0} ms",
        ms(s)
    );
    println!(
        "  Campaign Desk's import                        {:>8.0} ms",
        ms(o)
    );
    println!(
        "  ratio {:.2}x (goal: within 3x)",
        o.as_secs_f64() / s.as_secs_f64()
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The petition platform's export of ROWS signers, names in several scripts, some countries
/// written as names: made once and kept.
fn export_file(dir: &Path) -> PathBuf {
    let path = dir.join(format!("petition-export-{ROWS}.csv"));
    if path.exists() {
        return path;
    }
    const GIVEN: &[&str] = &[
        "Ana",
        "José",
        "Shirin",
        "Reza",
        "\u{0645}\u{0631}\u{06cc}\u{0645}",
        "Olga",
        "Wei",
    ];
    const FAMILY: &[&str] = &[
        "Ruiz",
        "Ebadi",
        "Müller",
        "\u{0627}\u{062d}\u{0645}\u{062f}\u{06cc}",
        "Ivanova",
        "Zhang",
    ];
    const COUNTRIES: &[&str] = &["DE", "Germany", "IRN", "Iran", "CO", "United States"];
    let mut csv = String::from(
        "uuid,first_name,last_name,email,zip_code,can2_phone,can2_user_address,can2_user_city,can2_state_abbreviated,country,can2_user_tags,can2_subscription_status,can2_subscription_date\r\n",
    );
    for n in 0..ROWS {
        let i = n as usize;
        csv.push_str(&format!(
            "{},{},{},new{n}@example.net,{:05},,,\"Berlin, Mitte\",BE,{},\"a,b\",subscribed,2025-03-{:02} 10:00:00\r\n",
            uuid::Uuid::new_v4(),
            GIVEN[i % GIVEN.len()],
            FAMILY[(i / 7) % FAMILY.len()],
            n % 100_000,
            COUNTRIES[i % COUNTRIES.len()],
            1 + n % 28
        ));
    }
    std::fs::write(&path, csv).unwrap();
    path
}

/// A campaign of ROWS signers of one appeal, made once and kept.
fn prepare() -> PathBuf {
    bench_data::campaign_of("import-base", ROWS, |n| bench_data::Signer {
        given: format!("Given{n}"),
        family: "Family".into(),
        email: format!("present{n}@example.org"),
        city: "Berlin",
        country: "DE",
        signed_at: "2026-01-01T00:00:00.000Z".into(),
    })
}
