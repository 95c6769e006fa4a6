//! A disk that fills up under the app (a small tmpfs), or a database on a read-only disk: the
//! write is refused with a message that says what to do, nothing saved before is lost,
//! reading goes on, and writing works again once there is room. (Mounting needs root: the
//! suite runs as root in CI, else through `sudo -n`, as the Makefile installs packages.)

mod common;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use desk_core::appeals::{self, NewAppeal};
use desk_core::csv_import::{self, Options};
use desk_core::people::NewPerson;
use desk_core::signing;
use desk_core::{Id, Store};

use common::table_signing;

/// A tmpfs of `size` mounted on a new folder, unmounted when dropped.
struct Disk {
    _dir: tempfile::TempDir,
    at: PathBuf,
}

impl Disk {
    fn mount(size: &str) -> Disk {
        let dir = tempfile::tempdir().unwrap();
        let at = dir.path().join("disk");
        fs::create_dir(&at).unwrap();
        mount(
            &[
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size},mode=0700"),
                "tmpfs",
            ],
            &at,
        );
        Disk { _dir: dir, at }
    }

    fn read_only(&self) {
        mount(&["-o", "remount,ro"], &self.at);
    }
}

/// `mount`/`umount` as root: directly when the suite runs as root (CI), else through
/// `sudo -n` (as `make test` installs packages).
fn as_root(program: &str) -> Command {
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.trim_ascii() == b"0");
    if root {
        Command::new(program)
    } else {
        let mut sudo = Command::new("sudo");
        sudo.args(["-n", program]);
        sudo
    }
}

fn mount(args: &[&str], at: &Path) {
    let out = as_root("mount").args(args).arg(at).output().unwrap();
    assert!(
        out.status.success(),
        "mount {args:?} failed (it needs root, or sudo without a password): {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

impl Drop for Disk {
    fn drop(&mut self) {
        let _ = as_root("umount").arg("-l").arg(&self.at).status();
    }
}

fn campaign(db: &Path) -> (Store, Id) {
    let mut store = Store::open(db).unwrap();
    desk_core::campaign::start(&mut store, "Full disk").unwrap();
    let appeal = store
        .write(|w| appeals::insert_appeal(w, &NewAppeal::english("Appeal", "Free them.")))
        .unwrap();
    (store, appeal)
}

fn sign(store: &mut Store, appeal: Id, n: usize) -> desk_core::Result<signing::Signed> {
    store.write(|w| {
        signing::sign_in(
            w,
            &table_signing(
                appeal,
                NewPerson {
                    given_name: format!("Signer{n}"),
                    family_name: "Kept".into(),
                    email: Some(format!("signer{n}@example.org")),
                    ..Default::default()
                },
            ),
        )
    })
}

fn people(store: &Store) -> i64 {
    desk_core::stats::collect(store).unwrap().people
}

/// Fills the disk to the last byte with a file, and returns it.
fn fill(disk: &Path) -> PathBuf {
    let filler = disk.join("filler");
    let mut f = fs::File::create(&filler).unwrap();
    let block = vec![0u8; 64 * 1024];
    while f.write_all(&block).is_ok() {}
    while f.write_all(&[0]).is_ok() {}
    let _ = f.sync_all();
    filler
}

#[test]
fn a_full_disk_refuses_the_write_clearly_and_loses_nothing_saved() {
    let disk = Disk::mount("4m");
    let db = disk.at.join("campaign.db");
    let (mut store, appeal) = campaign(&db);
    for n in 0..20 {
        sign(&mut store, appeal, n).unwrap();
    }
    let filler = fill(&disk.at);

    // A signer, then a whole import: each refused, saying what to do.
    let mut refused = None;
    for n in 20..2_000 {
        if let Err(e) = sign(&mut store, appeal, n) {
            refused = Some(e);
            break;
        }
    }
    let e = refused.expect("a full disk refuses a write sooner or later");
    assert_eq!(e.code(), "disk", "{e}");
    assert!(
        e.to_string()
            .starts_with("The disk is full, so this was not saved"),
        "{e}"
    );
    let saved = people(&store);
    let mut file = String::from("first_name,last_name,email\n");
    for n in 0..3_000 {
        file.push_str(&format!("Imported{n},Person,imported{n}@example.org\n"));
    }
    let e = csv_import::import(
        &mut store,
        appeal,
        "s.csv",
        file.as_bytes(),
        &Options::default(),
    )
    .unwrap_err();
    assert_eq!(e.code(), "disk", "{e}");
    assert_eq!(people(&store), saved, "nothing of the import was kept");
    assert!(store.check().unwrap().is_sound());

    // Room again: the same store writes on, and everything is there after a reopen.
    fs::remove_file(filler).unwrap();
    sign(&mut store, appeal, 5_000).unwrap();
    drop(store);
    let store = Store::open(&db).unwrap();
    assert_eq!(people(&store), saved + 1);
    assert!(store.check().unwrap().is_sound());
}

#[test]
fn a_database_on_a_read_only_disk_is_refused_clearly_and_left_as_it_was() {
    let disk = Disk::mount("8m");
    let db = disk.at.join("campaign.db");
    let (mut store, appeal) = campaign(&db);
    for n in 0..10 {
        sign(&mut store, appeal, n).unwrap();
    }
    drop(store);
    let before = fs::read(&db).unwrap();
    // A stick whose switch was slid, a disk the system remounted read-only after errors.
    disk.read_only();
    let e = Store::open(&db).unwrap_err();
    assert!(e.to_string().contains("is on a read-only disk"), "{e}");
    assert_eq!(fs::read(&db).unwrap(), before);
}
