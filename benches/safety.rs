//! What encryption costs (`cargo bench -p desk-core --bench safety`): unlocking (the key's
//! derivation, Argon2id tuned to about half a second here, plus opening), a backup and a
//! passphrase change of a campaign with 100,000 signers; the same campaign unencrypted is the
//! baseline in the same run.

#[path = "bench_data.rs"]
mod bench_data;

use desk_core::backup;
use desk_core::encryption::Passphrase;
use desk_core::store::Access;
use desk_core::Store;

const SAMPLES: usize = 10;

fn main() {
    let made = bench_data::campaign_of("safety", 100_000, |n| {
        let place = (n % bench_data::CITIES.len() as u64) as usize;
        bench_data::Signer {
            given: bench_data::GIVEN[(n * 7 % bench_data::GIVEN.len() as u64) as usize].into(),
            family: bench_data::FAMILY[(n * 13 % bench_data::FAMILY.len() as u64) as usize].into(),
            email: format!("signer{n}@example.org"),
            city: bench_data::CITIES[place],
            country: bench_data::COUNTRIES[place],
            signed_at: "2026-01-01T00:00:00.000Z".into(),
        }
    });
    let dir = bench_data::folder().join("safety-run");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let plain = dir.join("plain.db");
    let encrypted = dir.join("encrypted.db");
    std::fs::copy(&made, &plain).unwrap();
    std::fs::copy(&made, &encrypted).unwrap();
    let passphrase = || Passphrase::new("seven green lanterns at dawn".into()).unwrap();
    let started = std::time::Instant::now();
    desk_core::rewrite::change_encryption(
        &mut Store::open(&encrypted).unwrap(),
        Some(&passphrase()),
    )
    .unwrap();
    let encrypting = started.elapsed();

    println!("encryption, 100,000 signers, {SAMPLES} samples each:");
    println!(
        "  {:<40} {:>19}   {:>19}",
        "", "not encrypted (base)", "encrypted"
    );
    println!(
        "  {:<40} {:>19}   {:>19}",
        "", "median / p95", "median / p95"
    );
    bench_data::report(
        "open (unlock: derive the key, read)",
        &bench_data::time(SAMPLES, || {
            drop(Store::open_with(&plain, Access::Existing).unwrap())
        }),
        &bench_data::time(SAMPLES, || {
            drop(Store::open_keyed(&encrypted, Access::Existing, Some(&passphrase())).unwrap())
        }),
    );
    let (plain_store, encrypted_store) = (
        Store::open_with(&plain, Access::Existing).unwrap(),
        Store::open_keyed(&encrypted, Access::Existing, Some(&passphrase())).unwrap(),
    );
    let target = dir.join("a.backup");
    bench_data::report(
        "backup (online, checked, synced)",
        &bench_data::time(SAMPLES, || {
            drop(backup::to_file(&plain_store.backup_source(), &target).unwrap())
        }),
        &bench_data::time(SAMPLES, || {
            drop(backup::to_file(&encrypted_store.backup_source(), &target).unwrap())
        }),
    );
    println!(
        "  turning encryption on (rewrite, full check): {:.2} s for {} MB",
        encrypting.as_secs_f64(),
        std::fs::metadata(&encrypted).unwrap().len() / 1_000_000
    );
}
