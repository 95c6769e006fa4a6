//! Encryption at rest, backups and restores, on real files: with a passphrase nothing the app
//! wrote holds a readable name; a wrong passphrase, a damaged file and a stranger's file are
//! told apart; rewrites and restores never lose the database that was there.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use desk_core::appeals::{self, NewAppeal};
use desk_core::backup;
use desk_core::encryption::Passphrase;
use desk_core::people::NewPerson;
use desk_core::rewrite::change_encryption;
use desk_core::signing::{self, Display, Signing};
use desk_core::store::Access;
use desk_core::Store;

use common::table_signing;

const PASSPHRASE: &str = "seven green lanterns at dawn";

fn passphrase(text: &str) -> Passphrase {
    Passphrase::new(text.into()).unwrap()
}

/// Names that must never be readable in a file of an encrypted campaign.
fn seeded(i: usize) -> (String, String) {
    (format!("Zhaleh{i:03}"), format!("Hiddenfamily{i:03}"))
}

/// A campaign with an appeal and `n` signers with seeded names, their emails and cities.
fn fill(store: &mut Store, n: usize) {
    desk_core::campaign::start(store, "Free them all").unwrap();
    let appeal = store
        .write(|w| appeals::insert_appeal(w, &NewAppeal::english("Emergency Appeal", "Free them.")))
        .unwrap();
    for i in 0..n {
        let (given, family) = seeded(i);
        store
            .write(|w| {
                let person = NewPerson {
                    given_name: given.clone(),
                    family_name: family.clone(),
                    email: Some(format!("{}@example.org", given.to_lowercase())),
                    city: Some("Tabriz".into()),
                    country: Some("IR".into()),
                    ..Default::default()
                };
                signing::sign_in(
                    w,
                    &Signing {
                        lang: Some("fa".into()),
                        display: Display::NameAndCity,
                        contact_consent: true,
                        ..table_signing(appeal, person)
                    },
                )
            })
            .unwrap();
    }
}

/// Every file under `dir`, recursively.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// Where the seeded names (and the city, and the emails made of the names) can be read in any
/// file under `dir`, as UTF-8 or UTF-16: each word that every seeded name begins with.
fn readable_names(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for file in files(dir) {
        let bytes = fs::read(&file).unwrap();
        for word in ["Zhaleh", "zhaleh", "Hiddenfamily", "Tabriz"] {
            let utf16: Vec<u8> = word.encode_utf16().flat_map(u16::to_le_bytes).collect();
            if contains(&bytes, word.as_bytes()) || contains(&bytes, &utf16) {
                found.push(format!("{word} in {}", file.display()));
            }
        }
    }
    found
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn another_appeal(store: &mut Store) {
    store
        .write(|w| appeals::insert_appeal(w, &NewAppeal::english("Second Appeal", "Them too.")))
        .unwrap();
}

fn appeal_count(store: &Store) -> usize {
    desk_core::stats::collect(store).unwrap().appeals.len()
}

fn signers(store: &Store) -> i64 {
    desk_core::stats::collect(store).unwrap().people
}

#[test]
fn with_a_passphrase_no_file_the_app_wrote_holds_a_readable_name() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("campaign.db");
    let key = passphrase(PASSPHRASE);
    let mut store = Store::open_keyed(&db, Access::Create, Some(&key)).unwrap();
    assert!(store.is_encrypted());
    fill(&mut store, 120);
    // While it is open: the database, its WAL and shared memory, a backup.
    backup::automatic(&store.backup_source(), 10, chrono::Utc::now()).unwrap();
    backup::to_file(
        &store.backup_source(),
        &dir.path().join("to-a-stick.backup"),
    )
    .unwrap();
    assert!(
        dir.path().join("campaign.db-wal").exists(),
        "the WAL is looked at too"
    );
    assert_eq!(readable_names(dir.path()), Vec::<String>::new());
    assert!(!fs::read(&db).unwrap().starts_with(b"SQLite format 3"));
    drop(store);
    assert_eq!(readable_names(dir.path()), Vec::<String>::new());

    // The same work without a passphrase shows the names: the search above can find them.
    let plain = tempfile::tempdir().unwrap();
    let mut open = Store::open(plain.path().join("campaign.db")).unwrap();
    fill(&mut open, 120);
    drop(open);
    assert!(
        readable_names(plain.path()).len() >= 4,
        "{:?}",
        readable_names(plain.path())
    );

    // And the passphrase opens it again, with everything in it.
    let store = Store::open_keyed(&db, Access::Existing, Some(&key)).unwrap();
    assert_eq!(signers(&store), 120);
    assert!(store.check().unwrap().is_sound());
}

#[test]
fn no_passphrase_a_wrong_one_a_damaged_file_and_a_strangers_file_are_told_apart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("campaign.db");
    let mut store = Store::open_keyed(&db, Access::Create, Some(&passphrase(PASSPHRASE))).unwrap();
    fill(&mut store, 5);
    drop(store);
    let before = fs::read(&db).unwrap();

    let err = Store::open_with(&db, Access::Existing).unwrap_err();
    assert_eq!(err.code(), "encrypted", "{err}");
    assert!(err.to_string().contains("--passphrase-file"), "{err}");

    let wrong = Passphrase::given("seven green lanterns at dusk".into()).unwrap();
    let err = Store::open_keyed(&db, Access::Existing, Some(&wrong)).unwrap_err();
    assert_eq!(err.code(), "wrong_passphrase", "{err}");
    assert_eq!(
        fs::read(&db).unwrap(),
        before,
        "a wrong passphrase changes nothing"
    );

    // A document, a photo's worth of text, another program's database: not ours.
    let letter = dir.path().join("letter.txt");
    fs::write(&letter, "Dear friends, ".repeat(400)).unwrap();
    let err = Store::open_keyed(&letter, Access::Existing, Some(&wrong)).unwrap_err();
    assert_eq!(err.code(), "open_failed");
    assert!(
        err.to_string().contains("not a Campaign Desk database"),
        "{err}"
    );

    // The right passphrase on a file whose first page was damaged: a backup made with the same
    // key opens, so the passphrase is right and the file is damaged.
    let store = Store::open_keyed(&db, Access::Existing, Some(&passphrase(PASSPHRASE))).unwrap();
    backup::automatic(&store.backup_source(), 10, chrono::Utc::now()).unwrap();
    drop(store);
    let mut bytes = fs::read(&db).unwrap();
    for b in &mut bytes[200..260] {
        *b ^= 0x5a;
    }
    fs::write(&db, &bytes).unwrap();
    let err = Store::open_keyed(&db, Access::Existing, Some(&passphrase(PASSPHRASE))).unwrap_err();
    assert_eq!(err.code(), "damaged", "{err}");
    assert_eq!(fs::read(&db).unwrap(), bytes, "never written to");
    let err = Store::open_keyed(&db, Access::Existing, Some(&wrong)).unwrap_err();
    assert_eq!(err.code(), "wrong_passphrase", "{err}");
    let good = backup::newest_good(&db, Some(&passphrase(PASSPHRASE))).unwrap();
    assert!(good.name.starts_with("campaign-desk-"), "{good:?}");
}

#[test]
fn a_damaged_plain_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("campaign.db");
    let mut store = Store::open(&db).unwrap();
    fill(&mut store, 3);
    drop(store);
    let mut bytes = fs::read(&db).unwrap();
    // The schema's page: every open reads it.
    for b in &mut bytes[100..400] {
        *b = 0xff;
    }
    fs::write(&db, &bytes).unwrap();
    let err = Store::open(&db).unwrap_err();
    assert_eq!(err.code(), "damaged", "{err}");
    assert!(err.to_string().contains("will not write to it"), "{err}");
    assert_eq!(fs::read(&db).unwrap(), bytes);
}

#[test]
fn encryption_turned_on_changed_and_off_keeps_every_row_and_only_the_new_key_opens() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("campaign.db");
    let mut store = Store::open(&db).unwrap();
    fill(&mut store, 40);
    let stats = serde_json::to_value(desk_core::stats::collect(&store).unwrap()).unwrap();

    let first = passphrase(PASSPHRASE);
    change_encryption(&mut store, Some(&first)).unwrap();
    assert!(store.is_encrypted());
    assert_eq!(
        serde_json::to_value(desk_core::stats::collect(&store).unwrap()).unwrap(),
        stats
    );
    assert_eq!(
        readable_names(dir.path()),
        Vec::<String>::new(),
        "the plain file was wiped"
    );
    assert_eq!(
        files(dir.path())
            .iter()
            .filter(|f| f.to_string_lossy().contains(".part"))
            .count(),
        0
    );
    drop(store);
    assert_eq!(Store::open(&db).unwrap_err().code(), "encrypted");

    let mut store = Store::open_keyed(&db, Access::Existing, Some(&first)).unwrap();
    assert!(store.passphrase_opens(&first));
    let second = passphrase("a different sentence entirely");
    assert!(!store.passphrase_opens(&second));
    change_encryption(&mut store, Some(&second)).unwrap();
    another_appeal(&mut store);
    drop(store);
    let err = Store::open_keyed(&db, Access::Existing, Some(&first)).unwrap_err();
    assert_eq!(err.code(), "wrong_passphrase");
    let mut store = Store::open_keyed(&db, Access::Existing, Some(&second)).unwrap();
    assert_eq!(appeal_count(&store), 2);

    change_encryption(&mut store, None).unwrap();
    assert!(!store.is_encrypted());
    assert_eq!(signers(&store), 40);
    drop(store);
    assert!(fs::read(&db).unwrap().starts_with(b"SQLite format 3\0"));
    assert!(Store::open_with(&db, Access::Existing)
        .unwrap()
        .check()
        .unwrap()
        .is_sound());
}

#[test]
fn a_restore_checks_the_backup_first_and_sets_the_database_aside() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("campaign.db");
    let key = passphrase(PASSPHRASE);
    let mut store = Store::open_keyed(&db, Access::Create, Some(&key)).unwrap();
    fill(&mut store, 10);
    let made = backup::automatic(&store.backup_source(), 10, chrono::Utc::now()).unwrap();
    another_appeal(&mut store);
    drop(store);

    // A file that is not a backup, and a good backup with the wrong passphrase: refused, and
    // the database is untouched.
    let before = fs::read(&db).unwrap();
    let junk = dir.path().join("junk.backup");
    fs::write(&junk, "not a backup at all ".repeat(300)).unwrap();
    let err = backup::restore(&db, &junk, Some(&key)).unwrap_err();
    assert!(err.to_string().contains("cannot be restored"), "{err}");
    let wrong = Passphrase::given("not the passphrase".into()).unwrap();
    let err = backup::restore(&db, Path::new(&made.path), Some(&wrong)).unwrap_err();
    assert!(
        err.to_string().contains("passphrase does not open it"),
        "{err}"
    );
    assert_eq!(fs::read(&db).unwrap(), before);

    let (store, restored) = backup::restore(&db, Path::new(&made.path), Some(&key)).unwrap();
    assert_eq!(appeal_count(&store), 1);
    assert_eq!(signers(&store), 10);
    let aside = PathBuf::from(restored.set_aside.unwrap());
    assert!(
        aside.to_string_lossy().contains(".before-restore-"),
        "{aside:?}"
    );
    let kept = Store::open_keyed(&aside, Access::Existing, Some(&key)).unwrap();
    assert_eq!(
        appeal_count(&kept),
        2,
        "the database that was replaced is kept whole"
    );
}

#[test]
fn automatic_backups_are_rotated_and_due_daily() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("campaign.db");
    let mut store = Store::open(&db).unwrap();
    fill(&mut store, 2);
    backup::set_keep(&mut store, 3).unwrap();
    assert!(backup::set_keep(&mut store, 0).is_err());
    let start = chrono::Utc::now();
    assert!(backup::due(&db, start));
    for day in 0..5 {
        backup::automatic(
            &store.backup_source(),
            backup::keep(&store).unwrap(),
            start + chrono::Duration::days(day),
        )
        .unwrap();
    }
    let kept = backup::list(&db);
    assert_eq!(kept.len(), 3);
    let newest = (start + chrono::Duration::days(4))
        .format("%Y-%m-%d")
        .to_string();
    assert!(kept[0].name.contains(&newest), "{kept:?}");
    assert!(!backup::due(
        &db,
        start + chrono::Duration::days(4) + chrono::Duration::hours(23)
    ));
    assert!(backup::due(
        &db,
        start + chrono::Duration::days(5) + chrono::Duration::minutes(1)
    ));
    // Each one is a whole database on its own, mode 0600.
    for b in &kept {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            fs::metadata(&b.path).unwrap().permissions().mode() & 0o777,
            0o600
        );
        let copy = Store::open_with(&b.path, Access::AsIs).unwrap();
        assert_eq!(signers(&copy), 2);
    }
}

#[test]
fn the_audit_chain_records_every_change_shows_tampering_and_survives_in_backups() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("campaign.db");
    let mut store = Store::open(&db).unwrap();
    desk_core::sample::load(&mut store).unwrap();
    let report = store.check().unwrap();
    assert!(report.is_sound(), "{:?}", report.problems);
    let head = report.audit_head.clone().expect("a chain");
    assert_eq!(head.len(), 64);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let per_table = |table: &str| -> i64 {
        conn.query_row(
            "SELECT count(*) FROM audit_chain WHERE subject_table = ?1",
            [table],
            |r| r.get(0),
        )
        .unwrap()
    };
    for table in [
        "signatures",
        "consents",
        "rsvps",
        "donations",
        "money_audit",
    ] {
        assert!(per_table(table) > 0, "no entry for {table}");
    }
    // Each signature written, each answer: an entry with who wrote it.
    let signatures: i64 = conn
        .query_row("SELECT count(*) FROM signatures", [], |r| r.get(0))
        .unwrap();
    assert!(per_table("signatures") >= signatures);
    let laptop_named: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit_chain WHERE json_extract(content, '$.written_by') = lower(hex(laptop))",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(laptop_named, report.audit_entries);

    // A copy made now carries the same chain.
    let copy = dir.path().join("copy.backup");
    backup::to_file(&store.backup_source(), &copy).unwrap();
    let copied = Store::open_with(&copy, Access::AsIs)
        .unwrap()
        .check()
        .unwrap();
    assert_eq!(copied.audit_head.as_deref(), Some(head.as_str()));
    drop(store);

    // Someone with the file changes an amount in an old entry: the check names the entry.
    let victim: i64 = conn
        .query_row(
            "SELECT seq FROM audit_chain WHERE subject_table = 'donations' LIMIT 1 OFFSET 3",
            [],
            |r| r.get(0),
        )
        .unwrap();
    conn.execute(
        "UPDATE audit_chain SET content = json_set(content, '$.amount_minor', 1) WHERE seq = ?1",
        [victim],
    )
    .unwrap();
    let report = Store::open(&db).unwrap().check().unwrap();
    assert_eq!(
        report.problems,
        vec![format!(
            "audit chain: entry {victim}: its content was changed"
        )]
    );
    // ...or recomputes that entry's hash too: the next one no longer follows.
    conn.execute(
        "UPDATE audit_chain SET content_hash = desk_digest(content) WHERE seq = ?1",
        [victim],
    )
    .unwrap_or_else(|_| {
        desk_core::audit::register_functions(&conn).unwrap();
        conn.execute(
            "UPDATE audit_chain SET content_hash = desk_digest(content) WHERE seq = ?1",
            [victim],
        )
        .unwrap()
    });
    let report = Store::open(&db).unwrap().check().unwrap();
    assert_eq!(
        report.problems,
        vec![format!(
            "audit chain: entry {victim}: it does not follow the entry before it"
        )]
    );
    // ...or removes an entry instead (in the copy, still whole).
    drop(conn);
    desk_core::store::remove_with_companions(&db);
    fs::copy(&copy, &db).unwrap();
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute("DELETE FROM audit_chain WHERE seq = ?1", [victim])
        .unwrap();
    drop(conn);
    let report = Store::open(&db).unwrap().check().unwrap();
    assert_eq!(
        report.problems,
        vec![format!(
            "audit chain: entry {}: an entry before it is missing",
            victim + 1
        )]
    );
}
