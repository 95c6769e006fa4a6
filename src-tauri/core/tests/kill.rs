//! A power cut in the middle of the work: a child process (this test binary again, running the
//! ignored `child` below) imports a signer file in one transaction, or signs at a table one
//! signer after another, and is killed with SIGKILL at a random moment, hundreds of times. Each
//! time the database must open, pass SQLite's integrity check, and hold every transaction
//! whole or not at all: the import's 1,000 signers all or none; each signing its person, its
//! signature, its consent record and its changeset in the log together, and every signing the
//! child reported committed still there (synchronous=FULL).

mod common;

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use desk_core::appeals::{self, NewAppeal};
use desk_core::csv_import::{self, Options};
use desk_core::encryption::Passphrase;
use desk_core::people::NewPerson;
use desk_core::signing::{self, Display, Signing};
use desk_core::store::Access;
use desk_core::{Id, Store};

use common::table_signing;

const IMPORT_ROWS: usize = 1_000;
const BURST: usize = 150;
/// How long each kind of run may go on, and how many runs it aims for.
const TIME_BOUND: Duration = Duration::from_secs(45);
const RUNS: usize = 200;
/// Fewer runs than this within the time bound would not be "hundreds".
const AT_LEAST: usize = 100;

/// The work a killed child does, chosen by `KILL_TEST_WORK`; run only by the test below.
#[test]
#[ignore = "the child process of killed_at_random_moments_every_transaction_is_whole_or_absent"]
fn child() {
    let work = std::env::var("KILL_TEST_WORK").expect("run by the kill test");
    let db = PathBuf::from(std::env::var("KILL_TEST_DB").unwrap());
    let mut store = Store::open_keyed(&db, Access::Existing, passphrase().as_ref()).unwrap();
    let appeal: Id = store
        .reader()
        .query_row("SELECT id FROM appeals", [], |r| r.get(0))
        .unwrap();
    let mut out = std::io::stdout();
    match work.as_str() {
        "import" => {
            let file = std::fs::read(std::env::var("KILL_TEST_FILE").unwrap()).unwrap();
            csv_import::import(
                &mut store,
                appeal,
                "signers.csv",
                &file,
                &Options::default(),
            )
            .unwrap();
            writeln!(out, "said: done").unwrap();
        }
        "burst" => {
            for n in 0..BURST {
                store
                    .write(|w| signing::sign_in(w, &visitor(appeal, n)))
                    .unwrap();
                // Said only once committed: what the parent then must find.
                writeln!(out, "said: committed {n}").unwrap();
                out.flush().unwrap();
            }
        }
        other => panic!("no work {other}"),
    }
}

/// The n-th visitor signing at the table.
fn visitor(appeal: Id, n: usize) -> Signing {
    Signing {
        display: Display::NameAndCity,
        contact_consent: n.is_multiple_of(2),
        ..table_signing(
            appeal,
            NewPerson {
                given_name: format!("Visitor{n}"),
                family_name: "Atthetable".into(),
                email: Some(format!("visitor{n}@example.org")),
                city: Some("Oakland".into()),
                country: Some("US".into()),
                ..Default::default()
            },
        )
    }
}

/// The passphrase of an encrypted run (`KILL_TEST_PASSPHRASE`), none for a plain one.
fn passphrase() -> Option<Passphrase> {
    std::env::var("KILL_TEST_PASSPHRASE")
        .ok()
        .map(|p| Passphrase::given(p).unwrap())
}

fn count(store: &Store, sql: &str) -> i64 {
    store.reader().query_row(sql, [], |r| r.get(0)).unwrap()
}

/// A campaign with one appeal, closed cleanly: each run starts from a copy.
fn template(dir: &Path) -> PathBuf {
    let db = dir.join("template.db");
    let mut store = Store::open(&db).unwrap();
    desk_core::campaign::start(&mut store, "Power cuts").unwrap();
    store
        .write(|w| appeals::insert_appeal(w, &NewAppeal::english("Appeal", "Free them.")))
        .unwrap();
    drop(store);
    db
}

fn signer_file(dir: &Path) -> PathBuf {
    let path = dir.join("signers.csv");
    let mut text = String::from("first_name,last_name,email,city,country\n");
    for n in 0..IMPORT_ROWS {
        text.push_str(&format!(
            "Imported{n},Person,imported{n}@example.org,Quito,EC\n"
        ));
    }
    std::fs::write(&path, text).unwrap();
    path
}

/// A small xorshift, seeded from the clock and printed, so a failing run can be told.
struct Random(u64);

impl Random {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

/// Runs the child on a fresh copy of `template` and kills it after `delay` (or lets it finish,
/// with `None`). Returns the run's database and the lines the child printed.
fn run_child(
    template: &Path,
    run: &Path,
    work: &str,
    file: &Path,
    secret: Option<&str>,
    delay: Option<Duration>,
) -> Vec<String> {
    desk_core::store::remove_with_companions(run);
    std::fs::copy(template, run).unwrap();
    let mut command = Command::new(std::env::current_exe().unwrap());
    if let Some(secret) = secret {
        command.env("KILL_TEST_PASSPHRASE", secret);
    }
    let mut child = command
        .args([
            "child",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads",
            "1",
        ])
        .env("KILL_TEST_WORK", work)
        .env("KILL_TEST_DB", run)
        .env("KILL_TEST_FILE", file)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    match delay {
        Some(delay) => {
            std::thread::sleep(delay);
            // SIGKILL: no destructor, no rollback, no checkpoint; what a power cut leaves.
            let _ = child.kill();
        }
        None => assert!(child.wait().unwrap().success(), "the child failed unkilled"),
    }
    let _ = child.wait();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .lines()
        .map_while(Result::ok)
        // The test harness prints its own words too, the first line's start among them.
        .filter(|line| line.contains("said: "))
        .collect()
}

/// The database after a kill: it opens, it is sound, and everything in it is whole.
fn sound(run: &Path, secret: Option<&str>) -> Store {
    let key = secret.map(|s| Passphrase::given(s.into()).unwrap());
    let store = Store::open_keyed(run, Access::Existing, key.as_ref()).unwrap();
    let report = store.check().unwrap();
    assert!(report.is_sound(), "{:?}", report.problems);
    let half = count(
        &store,
        "SELECT count(*) FROM people p
          WHERE NOT EXISTS (SELECT 1 FROM signatures s WHERE s.person_id = p.id)
             OR NOT EXISTS (SELECT 1 FROM consents c
                             WHERE c.person_id = p.id AND c.purpose = 'signature')",
    );
    assert_eq!(
        half, 0,
        "a person without their signature or consent record"
    );
    store
}

/// Kills table-mode bursts at random moments, at most `runs` times within `bound`: every
/// signing reported committed is there, each one whole with its changeset logged. Returns
/// the runs and how many were cut in the middle of the burst.
#[allow(clippy::too_many_arguments)]
fn bursts(
    template: &Path,
    run: &Path,
    file: &Path,
    secret: Option<&str>,
    random: &mut Random,
    runs: usize,
    bound: Duration,
) -> (usize, usize) {
    let (before, log_before) = {
        let store = sound(template, secret);
        (
            count(&store, "SELECT count(*) FROM people"),
            count(&store, "SELECT count(*) FROM sync_log"),
        )
    };
    let started = Instant::now();
    run_child(template, run, "burst", file, secret, None);
    let whole = started.elapsed();
    let (mut done, mut partial) = (0, 0);
    let deadline = Instant::now() + bound;
    while done < runs && Instant::now() < deadline {
        let delay = Duration::from_micros(random.below(whole.as_micros() as u64));
        let said = run_child(template, run, "burst", file, secret, Some(delay));
        let store = sound(run, secret);
        let signed = count(&store, "SELECT count(*) FROM signatures");
        let reported = said.len() as i64;
        // Every signing reported committed is there; at most the one in flight besides.
        assert!(
            signed == reported || signed == reported + 1,
            "{signed} signatures, the child reported {reported}"
        );
        assert_eq!(
            count(&store, "SELECT count(*) FROM people") - before,
            signed
        );
        assert_eq!(
            count(&store, "SELECT count(*) FROM sync_log") - log_before,
            signed,
            "each signing's changeset is logged with it"
        );
        if signed > 0 && signed < BURST as i64 {
            partial += 1;
        }
        done += 1;
    }
    (done, partial)
}

#[test]
fn killed_at_random_moments_every_transaction_is_whole_or_absent() {
    let dir = tempfile::tempdir().unwrap();
    let template = template(dir.path());
    let file = signer_file(dir.path());
    let run = dir.path().join("run.db");
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    println!("seed {seed}");
    let mut random = Random(seed);
    let before = count(&sound(&template, None), "SELECT count(*) FROM people");

    // The import: 1,000 signers in one transaction, all or none.
    let started = Instant::now();
    run_child(&template, &run, "import", &file, None, None);
    let whole = started.elapsed();
    assert_eq!(
        count(&sound(&run, None), "SELECT count(*) FROM people"),
        before + IMPORT_ROWS as i64
    );
    let (mut runs, mut absent, mut present) = (0, 0, 0);
    let deadline = Instant::now() + TIME_BOUND;
    while runs < RUNS && Instant::now() < deadline {
        let delay = Duration::from_micros(random.below(whole.as_micros() as u64 * 11 / 10));
        let said = run_child(&template, &run, "import", &file, None, Some(delay));
        let people = count(&sound(&run, None), "SELECT count(*) FROM people");
        if people == before {
            assert!(
                said.is_empty(),
                "the child said {said:?} but nothing is there"
            );
            absent += 1;
        } else {
            assert_eq!(people, before + IMPORT_ROWS as i64, "half an import");
            present += 1;
        }
        runs += 1;
    }
    println!("import: {runs} runs killed at random, {absent} absent, {present} whole");
    assert!(runs >= AT_LEAST, "only {runs} runs in {TIME_BOUND:?}");
    assert!(
        absent > 0 && present > 0,
        "{absent} absent, {present} whole: the kills missed"
    );

    // The table: one signing after another, each its own transaction.
    let (runs, partial) = bursts(&template, &run, &file, None, &mut random, RUNS, TIME_BOUND);
    println!("table burst: {runs} runs killed at random, {partial} in the middle of the burst");
    assert!(runs >= AT_LEAST, "only {runs} runs in {TIME_BOUND:?}");
    assert!(partial > runs / 2, "the kills missed the burst");

    // Encrypted, the same holds (fewer runs: each open derives the key, twice a run).
    const SECRET: &str = "seven green lanterns at dawn";
    let encrypted = dir.path().join("encrypted-template.db");
    std::fs::copy(&template, &encrypted).unwrap();
    let mut store = Store::open(&encrypted).unwrap();
    desk_core::rewrite::change_encryption(
        &mut store,
        Some(&Passphrase::new(SECRET.into()).unwrap()),
    )
    .unwrap();
    drop(store);
    let run = dir.path().join("encrypted-run.db");
    let (runs, partial) = bursts(
        &encrypted,
        &run,
        &file,
        Some(SECRET),
        &mut random,
        20,
        Duration::from_secs(40),
    );
    println!("encrypted table burst: {runs} runs killed at random, {partial} in the middle");
    assert!(
        runs >= 10 && partial > 0,
        "{runs} runs, {partial} in the middle"
    );
}
