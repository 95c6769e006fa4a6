//! The store on real files: how it is created, what it refuses, and what it leaves alone.

use std::fs;
use std::os::unix::fs::PermissionsExt;

use desk_core::migrations::SCHEMA_VERSION;
use desk_core::store::{Access, Store};

fn mode(path: &std::path::Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn a_new_database_is_private_wal_and_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    desk_core::campaign::start(&mut store, "Test").unwrap();

    assert_eq!(mode(&path), 0o600);
    // SQLite gives its companions the database's mode.
    let wal = dir.path().join("new.db-wal");
    assert!(wal.exists(), "WAL journal in use");
    assert_eq!(mode(&wal), 0o600);
    assert_eq!(mode(&dir.path().join("new.db-shm")), 0o600);
    assert!(store.check().unwrap().is_sound());
}

#[test]
fn reopening_keeps_the_data_and_tightens_a_loose_mode() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("again.db");
    {
        let mut store = Store::open(&path).unwrap();
        desk_core::campaign::start(&mut store, "Kept").unwrap();
    }
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(
        desk_core::campaign::current(&store).unwrap().unwrap().name,
        "Kept"
    );
    assert_eq!(mode(&path), 0o600);
}

#[test]
fn refusals_name_the_path_and_the_cause() {
    let dir = tempfile::tempdir().unwrap();
    let err = Store::open(dir.path()).unwrap_err();
    assert_eq!(err.code(), "open_failed");
    assert_eq!(
        err.to_string(),
        format!(
            "Cannot open the database {}: it is a folder, not a file",
            dir.path().display()
        )
    );

    let missing = dir.path().join("nope").join("x.db");
    let err = Store::open(&missing).unwrap_err().to_string();
    assert!(
        err.ends_with(&format!(
            "the folder {} does not exist",
            dir.path().join("nope").display()
        )),
        "{err}"
    );

    let text = dir.path().join("letter.txt");
    fs::write(&text, "Dear friends, ".repeat(100)).unwrap();
    let err = Store::open(&text).unwrap_err().to_string();
    assert!(err.contains("not a Campaign Desk database"), "{err}");
    assert_eq!(
        fs::read_to_string(&text).unwrap(),
        "Dear friends, ".repeat(100)
    );
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        1,
        "nothing created beside it"
    );
}

#[test]
fn a_database_from_a_newer_version_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    drop(Store::open(&path).unwrap());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION as i64 + 1)
            .unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let before = fs::read(&path).unwrap();
    let err = Store::open(&path).unwrap_err().to_string();
    assert!(err.contains("newer Campaign Desk"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), before, "untouched");
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no journal left beside it"
    );
}

#[test]
fn another_programs_leftover_journal_is_never_replayed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("theirs.db");
    fs::write(&path, b"").unwrap();
    fs::write(
        dir.path().join("theirs.db-journal"),
        b"their unfinished transaction",
    )
    .unwrap();
    let err = Store::open(&path).unwrap_err().to_string();
    assert!(err.contains("another program's journal"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), b"");
}

#[test]
fn existing_and_as_is_never_create_or_migrate() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("typo.db");
    for access in [Access::Existing, Access::AsIs] {
        let err = Store::open_with(&missing, access).unwrap_err().to_string();
        assert!(err.contains("there is no database there"), "{err}");
    }
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);

    // A database one migration behind: the check sees it as it is, and says so.
    let path = dir.path().join("old.db");
    drop(Store::open(&path).unwrap());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION as i64 - 1)
            .unwrap();
    }
    let report = Store::open_with(&path, Access::AsIs)
        .unwrap()
        .check()
        .unwrap();
    assert_eq!(report.schema_version, SCHEMA_VERSION - 1);
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.starts_with("schema version is")),
        "{:?}",
        report.problems
    );
}

#[test]
fn a_failed_open_removes_what_it_created() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.db");
    // A folder where SQLite wants its write-ahead log makes the first write fail.
    fs::create_dir(dir.path().join("x.db-wal")).unwrap();
    assert!(Store::open(&path).is_err());
    assert!(!path.exists(), "the file this call created is gone");
    let left: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["x.db-wal"], "only what was there before");
}

#[test]
fn the_check_finds_a_broken_reference() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.db");
    let mut store = Store::open(&path).unwrap();
    desk_core::sample::load(&mut store).unwrap();
    drop(store);
    {
        // Another tool, with foreign keys off, deletes a person who signed.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "foreign_keys", "OFF").unwrap();
        conn.execute(
            "DELETE FROM people WHERE id = (SELECT person_id FROM signatures LIMIT 1)",
            [],
        )
        .unwrap();
    }
    let report = Store::open(&path).unwrap().check().unwrap();
    assert!(!report.is_sound());
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.starts_with("signatures row")
                && p.ends_with("refers to a missing people row")),
        "{:?}",
        report.problems
    );
}
