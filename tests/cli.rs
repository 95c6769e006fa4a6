//! The scripting CLI, run as the built binary on real files.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

/// The CLI in English, whatever this machine's language (`desk_in` for another).
fn desk(args: &[&str]) -> Output {
    desk_in("en", args)
}

fn desk_in(lang: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_campaign-desk"))
        .args(args)
        .env_remove("CAMPAIGN_DESK_DB")
        .env("CAMPAIGN_DESK_LANG", lang)
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// A temporary folder holding `name`, with the sample campaign loaded by `demo`.
fn sample_db(name: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(name).to_str().unwrap().to_owned();
    let out = desk(&["--db", &db, "demo"]);
    assert!(out.status.success(), "demo failed: {}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Loaded the sample campaign"));
    (dir, db)
}

#[test]
fn demo_then_stats_json() {
    let (_dir, db) = sample_db("x.db");
    let db = db.as_str();
    let out = desk(&["--db", db, "stats", "--json"]);
    assert!(out.status.success(), "stats failed: {}", text(&out.stderr));
    let stats: Value = serde_json::from_slice(&out.stdout).expect("stats --json prints JSON");

    assert!(stats["people"].as_i64().unwrap() >= 300, "{stats}");
    let appeal = &stats["appeals"][0];
    assert!(appeal["signers"].as_i64().unwrap() >= 300);
    assert_eq!(appeal["countries"], 40);
    assert_eq!(stats["events"], 7);
    assert!(stats["rsvps"].as_i64().unwrap() > 100);
    let totals = stats["donations"]["totals"].as_array().unwrap();
    let currencies: Vec<&str> = totals
        .iter()
        .map(|t| t["currency"].as_str().unwrap())
        .collect();
    for c in ["USD", "EUR", "GBP", "CAD", "COP", "MXN"] {
        assert!(currencies.contains(&c), "{c} missing in {currencies:?}");
    }
    // Money is a decimal string with the currency's minor unit, never a JSON number.
    for t in totals {
        let total = t["total"].as_str().expect("total is a string");
        let (units, cents) = total.split_once('.').expect("two decimals");
        assert!(
            units.bytes().all(|b| b.is_ascii_digit()) && cents.len() == 2,
            "{total}"
        );
    }
    let ad_fund = &stats["funds"][0];
    assert_eq!(ad_fund["goal"], "14000.00");
    assert_eq!(ad_fund["raised"], "14000.00");
    assert_eq!(ad_fund["percent"], 100);

    // The file is private to its owner and journaled with WAL.
    let path = Path::new(db);
    assert_eq!(mode(path), 0o600);
    let header = fs::read(path).unwrap();
    assert_eq!(&header[..16], b"SQLite format 3\0");
    assert_eq!(
        (header[18], header[19]),
        (2, 2),
        "WAL is recorded in the header"
    );
}

#[test]
fn stats_text_and_check() {
    let (_dir, db) = sample_db("y.db");
    let db = db.as_str();

    let out = desk(&["--db", db, "stats"]);
    let printed = text(&out.stdout);
    assert!(printed.contains("signers from 40 countries"), "{printed}");
    assert!(
        printed.contains("USD 14000.00 of 14000.00 (100%)"),
        "{printed}"
    );

    let out = desk(&["--db", db, "check"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("ok: "));
}

#[test]
fn demo_refuses_a_database_with_data() {
    let (_dir, db) = sample_db("z.db");
    let db = db.as_str();
    let before = desk(&["--db", db, "stats", "--json"]).stdout;

    let out = desk(&["--db", db, "demo"]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("already has data"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(
        desk(&["--db", db, "stats", "--json"]).stdout,
        before,
        "nothing changed"
    );
}

#[test]
fn the_environment_variable_chooses_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("env.db");
    let out = Command::new(env!("CARGO_BIN_EXE_campaign-desk"))
        .arg("demo")
        .env("CAMPAIGN_DESK_DB", &db)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(db.exists());
    // --db wins over the variable.
    let other = dir.path().join("other.db");
    let out = Command::new(env!("CARGO_BIN_EXE_campaign-desk"))
        .args(["--db", other.to_str().unwrap(), "demo"])
        .env("CAMPAIGN_DESK_DB", &db)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains(other.to_str().unwrap()));
    assert!(other.exists());
}

#[test]
fn only_demo_and_the_window_create_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let typo = dir.path().join("campain.db");
    for command in ["stats", "check"] {
        let out = desk(&["--db", typo.to_str().unwrap(), command]);
        assert!(!out.status.success(), "{command} on a missing file");
        assert!(
            text(&out.stderr).contains("there is no database there"),
            "{}",
            text(&out.stderr)
        );
    }
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing created"
    );
}

#[test]
fn without_a_display_the_window_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    let out = Command::new(env!("CARGO_BIN_EXE_campaign-desk"))
        .args(["--db", db.to_str().unwrap()])
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("there is no display"),
        "{}",
        text(&out.stderr)
    );
}

/// Runs `demo` (the command that may create a database) on `db` and checks the one-line error: it
/// names the path and the cause, and the exit status is non-zero.
fn assert_refused(db: &Path, cause: &str) {
    let out = desk(&["--db", db.to_str().unwrap(), "demo"]);
    assert!(!out.status.success(), "{} was accepted", db.display());
    let err = text(&out.stderr);
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(
        err.contains(&db.display().to_string()),
        "names the path: {err}"
    );
    assert!(err.contains(cause), "says {cause:?}: {err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn a_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    assert_refused(dir.path(), "it is a folder");
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing created"
    );
}

#[test]
fn a_missing_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("no-such-folder").join("x.db");
    assert_refused(&db, "does not exist");
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing created"
    );
}

#[test]
fn an_unwritable_place_is_refused() {
    // sysfs and procfs refuse new files and writes even to root, so these hold for any user.
    assert_refused(
        Path::new("/sys/campaign-desk-test.db"),
        "no permission to write in /sys",
    );
    assert_refused(
        Path::new("/proc/campaign-desk-test.db"),
        "no file can be created in /proc",
    );
    let read_only = Path::new("/sys/kernel/uevent_seqnum");
    assert_refused(read_only, "no permission to write to it");
}

#[test]
fn a_file_that_is_not_a_database_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("notes.txt");
    let content = b"Shopping list: flyers, tape, pens, a cash box.\n".repeat(200);
    fs::write(&db, &content).unwrap();
    assert_refused(&db, "not a Campaign Desk database");
    assert_eq!(fs::read(&db).unwrap(), content, "not overwritten");
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no journal or WAL file left"
    );
}

#[test]
fn another_programs_sqlite_file_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("other.sqlite");
    // Made with `sqlite3 other-program.sqlite 'create table t(x); insert into t values (1);'`.
    fs::copy("tests/fixtures/other-program.sqlite", &db).unwrap();
    let before = fs::read(&db).unwrap();
    assert_refused(&db, "another program");
    assert_eq!(fs::read(&db).unwrap(), before, "not changed");
}

#[test]
fn help_on_every_level() {
    let out = desk(&["--help"]);
    assert!(out.status.success());
    let top = text(&out.stdout);
    for word in ["demo", "stats", "check", "--db", "CAMPAIGN_DESK_DB"] {
        assert!(top.contains(word), "--help mentions {word}: {top}");
    }
    for (cmd, word) in [
        ("demo", "sample campaign"),
        ("stats", "--json"),
        ("check", "integrity"),
    ] {
        let out = desk(&[cmd, "--help"]);
        assert!(out.status.success(), "{cmd} --help");
        assert!(
            text(&out.stdout).contains(word),
            "{cmd} --help mentions {word}"
        );
    }
    let out = desk(&["frobnicate"]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("unrecognized subcommand"));
}

fn desk_with_passphrase(args: &[&str], passphrase: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_campaign-desk"));
    command
        .args(args)
        .env_remove("CAMPAIGN_DESK_DB")
        .env_remove("CAMPAIGN_DESK_SYNC_PASSPHRASE");
    if let Some(p) = passphrase {
        command.env("CAMPAIGN_DESK_SYNC_PASSPHRASE", p);
    }
    command.output().expect("the binary runs")
}

#[test]
fn sync_export_join_and_status() {
    let (dir, hub) = sample_db("hub.db");
    let bundle = dir.path().join("all.cdbundle");
    let bundle = bundle.to_str().unwrap();
    let pass_file = dir.path().join("passphrase.txt");
    fs::write(&pass_file, "correct horse battery\n").unwrap();
    let pass_file = pass_file.to_str().unwrap();

    // Without a passphrase: one line that says where to give it.
    let out = desk_with_passphrase(&["--db", &hub, "sync", "export", "-o", bundle], None);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("--sync-passphrase-file or CAMPAIGN_DESK_SYNC_PASSPHRASE"),
        "{err}"
    );

    let out = desk(&[
        "--db",
        &hub,
        "sync",
        "export",
        "-o",
        bundle,
        "--sync-passphrase-file",
        pass_file,
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).starts_with("Saved "),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(mode(Path::new(bundle)), 0o600);

    // A new laptop joins: `sync import` creates its database as a copy of the campaign.
    let table = dir.path().join("table.db");
    let table = table.to_str().unwrap();
    let out = desk_with_passphrase(
        &["--db", table, "sync", "import", bundle, "--json"],
        Some("correct horse battery"),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let applied: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(applied["arrived"]["joins"], true);
    let people = applied["people_now"].as_i64().unwrap();
    assert!(people >= 300, "{applied}");
    assert_eq!(applied["arrived"]["people"]["added"], people);
    let stats = |db: &str| -> Value {
        serde_json::from_slice(&desk(&["--db", db, "stats", "--json"]).stdout).unwrap()
    };
    let (a, b) = (stats(&hub), stats(table));
    for key in [
        "campaign",
        "people",
        "appeals",
        "events",
        "rsvps",
        "donations",
        "funds",
    ] {
        assert_eq!(a[key], b[key], "{key}");
    }

    // Again: nothing new.
    let out = desk_with_passphrase(
        &["--db", table, "sync", "import", bundle],
        Some("correct horse battery"),
    );
    assert!(out.status.success());
    assert!(
        text(&out.stdout).contains("Nothing new"),
        "{}",
        text(&out.stdout)
    );

    let out = desk_with_passphrase(&["--db", table, "sync", "status", "--json"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let status: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(status["others"][0]["missing"], 0);
    let out = desk_with_passphrase(&["--db", table, "sync", "status"], None);
    assert!(
        text(&out.stdout).contains("This laptop"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn a_failed_join_leaves_no_database_behind() {
    let (dir, hub) = sample_db("hub.db");
    let bundle = dir.path().join("b.cdbundle");
    let bundle = bundle.to_str().unwrap();
    let out = desk_with_passphrase(
        &["--db", &hub, "sync", "export", "-o", bundle],
        Some("correct horse battery"),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let new_db = dir.path().join("new.db");
    let out = desk_with_passphrase(
        &["--db", new_db.to_str().unwrap(), "sync", "import", bundle],
        Some("not the passphrase"),
    );
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("does not open with this sync passphrase"),
        "{err}"
    );
    assert!(!new_db.exists(), "no empty campaign left behind");
    assert!(!dir.path().join("new.db-wal").exists());

    // A bundle of another campaign, into an existing one: refused, and that one kept.
    let (_other_dir, other) = sample_db("other.db");
    let out = desk_with_passphrase(
        &["--db", &other, "sync", "import", bundle],
        Some("correct horse battery"),
    );
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("belongs to the campaign"),
        "{}",
        text(&out.stderr)
    );
    assert!(Path::new(&other).exists());
}

#[test]
fn appeals_and_signing_from_a_script() {
    let (dir, db) = sample_db("sign.db");
    let db = db.as_str();
    let text_file = dir.path().join("letter.txt");
    fs::write(&text_file, "Release them.\n\nAll of them.").unwrap();
    let consent_file = dir.path().join("consent.txt");
    fs::write(&consent_file, "I sign this letter.").unwrap();
    let out = desk(&[
        "--db",
        db,
        "appeal",
        "add",
        "open-letter",
        "--title",
        "Open letter",
        "--text-file",
        text_file.to_str().unwrap(),
        "--consent-file",
        consent_file.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    // A taken slug is refused with a reason.
    let out = desk(&[
        "--db",
        db,
        "appeal",
        "add",
        "open-letter",
        "--title",
        "Again",
    ]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("already has the short name"),
        "{}",
        text(&out.stderr)
    );

    let sign = |extra: &[&str]| {
        let mut args = vec!["--db", db, "sign", "--appeal", "open-letter"];
        args.extend_from_slice(extra);
        desk(&args)
    };
    let first = sign(&[
        "--given",
        "Nahid",
        "--family",
        "Tehrani",
        "--email",
        "nahid@example.org",
        "--city",
        "Berlin",
        "--country",
        "de",
        "--display",
        "name-city",
        "--contact-consent",
    ]);
    assert!(first.status.success(), "{}", text(&first.stderr));
    let id = text(&first.stdout).trim().to_owned();
    assert_eq!(id.len(), 36, "prints the signature's id: {id}");
    // Signing twice with the same email (other case) updates: the same id, one signature.
    let again = sign(&[
        "--given",
        "N",
        "--family",
        "T",
        "--email",
        " NAHID@example.org ",
        "--display",
        "initials",
    ]);
    assert!(again.status.success(), "{}", text(&again.stderr));
    assert_eq!(text(&again.stdout).trim(), id);
    let paper = sign(&[
        "--given",
        "Omid",
        "--family",
        "K",
        "--sheet",
        "4",
        "--row",
        "2",
        "--country",
        "IR",
    ]);
    assert!(paper.status.success(), "{}", text(&paper.stderr));
    let bad = sign(&["--given", "A", "--family", "B", "--display", "loud"]);
    assert!(!bad.status.success());
    assert!(
        text(&bad.stderr).contains("is not a way to show a name"),
        "{}",
        text(&bad.stderr)
    );
    let nowhere = desk(&[
        "--db", db, "sign", "--appeal", "nope", "--given", "A", "--family", "B",
    ]);
    assert!(
        text(&nowhere.stderr).contains("no appeal with the short name"),
        "{}",
        text(&nowhere.stderr)
    );

    let out = desk(&["--db", db, "appeal", "list", "--json"]);
    let list: Value = serde_json::from_slice(&out.stdout).unwrap();
    let letter = list
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["slug"] == "open-letter")
        .unwrap();
    assert_eq!(letter["signers"], 2);
    assert_eq!(letter["countries"], 2);
    assert_eq!(letter["status"], "open");
    let out = desk(&["--db", db, "stats", "--json"]);
    let stats: Value = serde_json::from_slice(&out.stdout).unwrap();
    let slugs: Vec<&str> = stats["appeals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["slug"].as_str().unwrap())
        .collect();
    assert_eq!(slugs, ["emergency-appeal", "open-letter"]);
    assert_eq!(stats["appeals"][1]["title"], "Open letter");
    assert_eq!(stats["appeals"][1]["signers"], 2);

    // What the database holds: the consent wording from the file, the display updated, the sheet.
    let conn = rusqlite::Connection::open(db).unwrap();
    let (display, consent): (String, String) = conn
        .query_row(
            "SELECT s.display, t.consent FROM signatures s JOIN appeal_texts t ON t.id = s.text_id
              JOIN people p ON p.id = s.person_id WHERE p.email = 'nahid@example.org'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        (display.as_str(), consent.as_str()),
        ("initials", "I sign this letter.")
    );
    let contact: i64 = conn
        .query_row("SELECT count(*) FROM consents c JOIN people p ON p.id = c.person_id WHERE p.email = 'nahid@example.org' AND purpose = 'contact' AND given = 1", [], |r| r.get(0))
        .unwrap();
    assert_eq!(contact, 1);
    let sheet: (i64, i64, String) = conn
        .query_row(
            "SELECT ps.number, s.sheet_row, s.source FROM signatures s JOIN paper_sheets ps ON ps.id = s.sheet_id",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(sheet, (4, 2, "paper".into()));
}

#[test]
fn people_search_and_duplicates_from_a_script() {
    let (_dir, db) = sample_db("people.db");
    let db = db.as_str();
    let slug = {
        let out = desk(&["--db", db, "appeal", "list", "--json"]);
        let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        list[0]["slug"].as_str().unwrap().to_owned()
    };
    // علی کریمی with the Persian ye and keheh, twice in one city with no email; one with a typo.
    for (given, family) in [
        (
            "\u{0639}\u{0644}\u{06cc}",
            "\u{06a9}\u{0631}\u{06cc}\u{0645}\u{06cc}zz",
        ),
        (
            "\u{0639}\u{0644}\u{06cc}",
            "\u{06a9}\u{0631}\u{06cc}\u{0645}\u{06cc}zz",
        ),
    ] {
        let out = desk(&[
            "--db",
            db,
            "sign",
            "--appeal",
            &slug,
            "--given",
            given,
            "--family",
            family,
            "--city",
            "Qom-test-town",
        ]);
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
    // Found by the Arabic spelling (ي, ك), in JSON and in text.
    let out = desk(&[
        "--db",
        db,
        "people",
        "search",
        "\u{0643}\u{0631}\u{064a}\u{0645}\u{064a}zz",
        "--json",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let found: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(found.as_array().unwrap().len(), 2, "{found}");
    assert_eq!(found[0]["city"], "Qom-test-town");
    let out = desk(&["--db", db, "people", "search", "nobody-at-all-here"]);
    assert!(
        text(&out.stdout).contains("Nobody matches"),
        "{}",
        text(&out.stdout)
    );

    let out = desk(&["--db", db, "duplicates", "list", "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let pairs: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ours: Vec<&serde_json::Value> = pairs
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["a"]["city"] == "Qom-test-town")
        .collect();
    assert_eq!(ours.len(), 1, "{pairs}");
    assert_eq!(ours[0]["reason"], "same_name_city");
    assert_eq!(ours[0]["b"]["city"], "Qom-test-town");
    let out = desk(&["--db", db, "duplicates", "list"]);
    assert!(
        text(&out.stdout).contains("same name and city"),
        "{}",
        text(&out.stdout)
    );
    let said = text(&out.stdout);
    assert!(
        said.contains("waits for review") || said.contains("wait for review"),
        "{said}"
    );
}

#[test]
fn import_and_export_signers_from_a_script() {
    let (dir, db) = sample_db("import.db");
    let db = db.as_str();
    let file = dir.path().join("petition.csv");
    fs::write(
        &file,
        "uuid,first_name,last_name,email,zip_code,can2_phone,can2_user_address,can2_user_city,can2_state_abbreviated,country,can2_user_tags,can2_subscription_status,can2_subscription_date\r\n\
         a1,Parisa,Import-Test,parisa.import@example.org,,,,Berlin,,Germany,,subscribed,2024-05-01\r\n\
         a2,,,nobody.import@example.org,,,,Berlin,,DE,,,\r\n\
         a3,Kaveh,Import-Test,kaveh at example,,,,Tehran,,IRN,,,\r\n\
         a4,Lena,Import-Test,lena.import@example.org,,,,Ljubljana,,Narnia,,,\r\n",
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let import = |extra: &[&str]| {
        let mut args = vec![
            "--db",
            db,
            "import",
            "signers",
            path,
            "--appeal",
            "emergency-appeal",
        ];
        args.extend_from_slice(extra);
        desk(&args)
    };
    let signers = || -> i64 {
        let out = desk(&["--db", db, "appeal", "list", "--json"]);
        let list: Value = serde_json::from_slice(&out.stdout).unwrap();
        list[0]["signers"].as_i64().unwrap()
    };
    let before = signers();

    // A dry run tells and writes nothing.
    let out = import(&["--dry-run"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let printed = text(&out.stdout);
    assert!(printed.contains("nothing was written"), "{printed}");
    assert!(
        printed.contains("3 new signers would be added"),
        "{printed}"
    );
    assert_eq!(signers(), before);

    let out = import(&["--json", "--display", "name-city"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let keys: Vec<&str> = report
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        ["added", "merged", "read", "rejected", "unchanged", "warned"]
    );
    assert_eq!(report["read"], 4);
    assert_eq!(report["added"], 3);
    assert_eq!(report["merged"], 0);
    assert_eq!(report["rejected"][0]["line"], 3);
    assert_eq!(
        report["rejected"][0]["reason"],
        "This line has no name, so it was not imported"
    );
    assert_eq!(report["warned"][0]["line"], 4);
    assert!(report["warned"][0]["reason"]
        .as_str()
        .unwrap()
        .contains("\u{201c}kaveh at example\u{201d} does not look like an email address"));
    assert_eq!(report["warned"][1]["line"], 5);
    assert!(report["warned"][1]["reason"]
        .as_str()
        .unwrap()
        .contains("Narnia"));
    assert_eq!(signers(), before + 3);

    // Twice: nobody new. In plain English this time.
    let out = import(&[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let printed = text(&out.stdout);
    assert!(printed.contains("0 new signers added"), "{printed}");
    assert!(
        printed.contains("3 signers had signed this appeal already"),
        "{printed}"
    );
    assert!(
        printed.contains("  line 3: This line has no name, so it was not imported"),
        "{printed}"
    );
    assert_eq!(signers(), before + 3);

    // A Persian Excel file (Windows-1256): refused in one line naming --encoding, then read.
    let persian = dir.path().join("persian.csv");
    fs::write(
        &persian,
        b"name,city,country\r\n\xda\xe1\xed \xd1\xd6\xc7\xed\xed,Tehran,IR\r\n",
    )
    .unwrap();
    let args = |extra: &[&'static str]| {
        let mut args = vec![
            "--db".to_owned(),
            db.to_owned(),
            "import".into(),
            "signers".into(),
            persian.to_str().unwrap().to_owned(),
            "--appeal".into(),
            "emergency-appeal".into(),
        ];
        args.extend(extra.iter().map(|s| (*s).to_owned()));
        args
    };
    let run = |args: Vec<String>| {
        Command::new(env!("CARGO_BIN_EXE_campaign-desk"))
            .args(args)
            .env_remove("CAMPAIGN_DESK_DB")
            .output()
            .unwrap()
    };
    let out = run(args(&[]));
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("--encoding"), "{err}");
    assert!(err.contains("windows-1256"), "{err}");
    assert_eq!(signers(), before + 3);
    let out = run(args(&["--encoding", "windows-1256", "--json"]));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["added"], 1);
    let conn = rusqlite::Connection::open(db).unwrap();
    let (given, city): (String, String) = conn
        .query_row(
            "SELECT given_name, city FROM people
              WHERE family_name = '\u{0631}\u{0636}\u{0627}\u{064a}\u{064a}'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        (given.as_str(), city.as_str()),
        ("\u{0639}\u{0644}\u{064a}", "Tehran")
    );
    let display: String = conn
        .query_row(
            "SELECT s.display FROM signatures s JOIN people p ON p.id = s.person_id
              WHERE p.email = 'parisa.import@example.org'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(display, "name_city");

    // The export: every signer, with the petition platform's columns first.
    let exported = dir.path().join("signers.csv");
    let out = desk(&[
        "--db",
        db,
        "export",
        "signers",
        "--appeal",
        "emergency-appeal",
        "-o",
        exported.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let n = signers();
    assert!(
        text(&out.stdout).contains(&format!("Saved {n} signers to")),
        "{}",
        text(&out.stdout)
    );
    let csv = fs::read_to_string(&exported).unwrap();
    assert!(csv.starts_with("\u{feff}uuid,first_name,last_name,email,zip_code,"));
    assert_eq!(csv.matches("\r\n").count() as i64, n + 1);
    assert!(csv.contains("Parisa,Import-Test,parisa.import@example.org"));
    assert_eq!(mode(&exported), 0o600);
    let nowhere = desk(&[
        "--db", db, "export", "signers", "--appeal", "nope", "-o", "x.csv",
    ]);
    assert!(!nowhere.status.success());
    assert!(text(&nowhere.stderr).contains("no appeal with the short name"));
}

/// What Python's icalendar (a real parser) reads in these calendar files (tests/ics_read.py).
fn read_calendars(files: &[&Path]) -> Value {
    let out = Command::new("/usr/bin/python3")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/ics_read.py"))
        .args(files)
        .output()
        .expect("python3 runs (make deps installs python3-icalendar)");
    assert!(out.status.success(), "ics_read.py: {}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn events_answers_the_door_and_calendars_from_a_script() {
    let (dir, db) = sample_db("events.db");
    let db = db.as_str();
    let description = "A long evening, with poems; songs, and a statement read by a friend. "
        .repeat(8)
        .trim_end()
        .to_owned();
    let out = desk(&[
        "--db",
        db,
        "event",
        "add",
        "--title",
        "شب شعر و موسیقی: Poetry night",
        "--starts",
        "2027-01-09T13:00",
        "--ends",
        "2027-01-09T14:30",
        "--tz",
        "America/Los_Angeles",
        "--venue",
        "The Lantern Pub",
        "--capacity",
        "3",
        "--description",
        &description,
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let event = text(&out.stdout).trim().to_owned();

    // Three places: a party of two, then one, then someone who must wait.
    let rsvp = |name: &str, email: &str, party: &str| -> String {
        let out = desk(&[
            "--db", db, "rsvp", "add", "--event", &event, "--name", name, "--email", email,
            "--party", party,
        ]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        text(&out.stdout)
    };
    assert!(rsvp("Ana Reyes", "ana@example.org", "2").ends_with(" accepted\n"));
    assert!(rsvp("مریم رضایی", "maryam@example.org", "1").ends_with(" accepted\n"));
    assert!(rsvp("Bo Chen", "bo@example.org", "1").ends_with(" waitlisted\n"));
    let out = desk(&["--db", db, "event", "list", "--json"]);
    let lists: Value = serde_json::from_slice(&out.stdout).unwrap();
    let listed = lists["upcoming"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == event.as_str())
        .expect("the new event is upcoming");
    assert_eq!(listed["counts"]["places"], 3);
    assert_eq!(listed["counts"]["waitlisted"], 1);
    assert_eq!(listed["local_starts"], "2027-01-09T13:00");
    let stats: Value =
        serde_json::from_slice(&desk(&["--db", db, "stats", "--json"]).stdout).unwrap();
    assert_eq!(stats["rsvps_by_status"]["waitlisted"], 1);
    assert_eq!(stats["events_by_status"]["tba"], 1);

    // Luma's guest list: the event is full, so those approved wait in line; twice changes nothing.
    let luma = dir.path().join("luma.csv");
    fs::write(
        &luma,
        "api_id,name,first_name,last_name,email,phone_number,created_at,approval_status,checked_in_at\n\
         g1,Lin Wu,Lin,Wu,lin@example.org,,2027-01-02T10:00:00.000Z,approved,\n\
         g2,=cmd|' /C calc'!A0,,,x@example.org,,2027-01-02T11:00:00.000Z,declined,\n\
         g3,Sam Hill,Sam,Hill,sam@example.org,,2027-01-02T12:00:00.000Z,perhaps,\n",
    )
    .unwrap();
    let import = |file: &Path| -> Value {
        let out = desk(&[
            "--db",
            db,
            "import",
            "rsvps",
            file.to_str().unwrap(),
            "--event",
            &event,
            "--json",
        ]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let first = import(&luma);
    assert_eq!(
        (first["added"].as_i64(), first["waitlisted"].as_i64()),
        (Some(2), Some(1))
    );
    assert_eq!(first["rejected"][0]["line"], 4);
    assert!(first["rejected"][0]["reason"]
        .as_str()
        .unwrap()
        .contains("perhaps"));
    let again = import(&luma);
    assert_eq!(
        (again["added"].as_i64(), again["unchanged"].as_i64()),
        (Some(0), Some(2))
    );
    let out = desk(&["--db", db, "export", "rsvps", "--event", &event, "-o", "-"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let exported = text(&out.stdout);
    assert!(exported.starts_with("\u{feff}given_name,family_name,email,phone,status,party_size"));
    assert!(exported.contains("'=cmd|"), "formula-safe: {exported}");
    assert!(exported.contains("Lin,Wu,lin@example.org,,waitlisted,1"));

    // Check in the party of two by the person's id.
    let out = desk(&["--db", db, "people", "search", "ana@example.org", "--json"]);
    let found: Value = serde_json::from_slice(&out.stdout).unwrap();
    let ana = found[0]["id"].as_str().unwrap().to_owned();
    let out = desk(&["--db", db, "checkin", "--event", &event, "--person", &ana]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("2 people have arrived of 3"),
        "{}",
        text(&out.stdout)
    );

    // The calendar, read back by a real parser: the right instant, the text as written.
    let first = dir.path().join("first.ics");
    let out = desk(&[
        "--db",
        db,
        "ics",
        "--event",
        &event,
        "-o",
        first.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = desk(&[
        "--db",
        db,
        "event",
        "status",
        "--event",
        &event,
        "cancelled",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let second = dir.path().join("second.ics");
    let out = desk(&[
        "--db",
        db,
        "ics",
        "--event",
        &event,
        "-o",
        second.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let all = dir.path().join("all.ics");
    let out = desk(&["--db", db, "ics", "--all", "-o", all.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));

    let read = read_calendars(&[&first, &second, &all]);
    let file = &read["files"][0];
    assert_eq!(file["crlf_only"], true);
    assert!(file["longest_line"].as_i64().unwrap() <= 75);
    let e = &file["events"][0];
    assert_eq!(e["summary"], "شب شعر و موسیقی: Poetry night");
    assert_eq!(e["description"], description.as_str());
    assert_eq!(e["start"], "2027-01-09T21:00:00Z");
    assert_eq!(e["end"], "2027-01-09T22:30:00Z");
    assert_eq!(e["tzid"], "America/Los_Angeles");
    assert_eq!(file["timezones"][0], "America/Los_Angeles");
    assert_eq!(e["uid"], format!("{event}@campaign-desk").as_str());
    // Imported twice (and once more in the whole calendar): one event, the latest version.
    let cancelled = &read["files"][1]["events"][0];
    assert_eq!(cancelled["uid"], e["uid"]);
    assert_eq!(cancelled["status"], "CANCELLED");
    assert!(cancelled["sequence"].as_i64() > e["sequence"].as_i64());
    let calendar = read["calendar"].as_array().unwrap();
    let ours: Vec<&Value> = calendar.iter().filter(|c| c["uid"] == e["uid"]).collect();
    assert_eq!(ours.len(), 1);
    assert_eq!(ours[0]["status"], "CANCELLED");
    // The whole calendar leaves out the press conference whose date is to be announced.
    let all_events = read["files"][2]["events"].as_array().unwrap();
    assert_eq!(all_events.len(), 7);
    assert!(all_events
        .iter()
        .all(|e| !e["summary"].as_str().unwrap().contains("Press conference")));
    // The Berlin concert keeps Berlin's evening.
    let concert = all_events
        .iter()
        .find(|e| e["summary"] == "Concert for the prisoners")
        .unwrap();
    assert_eq!(concert["start"], "2027-07-01T17:30:00Z");
}

/// The treasurer's commands: funds, gifts in currencies of every minor unit, a void, an
/// expense, the platform's donation export imported twice, the ledger exported and read back,
/// and `stats --json` with totals per currency and per fund as decimal strings.
#[test]
fn money_from_a_script() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("money.db");
    let db = db.to_str().unwrap();
    assert!(desk(&["--db", db, "demo"]).status.success());
    let ok = |args: &[&str]| -> String {
        let mut all = vec!["--db", db];
        all.extend_from_slice(args);
        let out = desk(&all);
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        text(&out.stdout).trim().to_owned()
    };
    ok(&[
        "fund",
        "add",
        "legal-aid",
        "--name",
        "Legal aid",
        "--goal",
        "2,500",
        "--currency",
        "USD",
        "--deadline",
        "2027-12-31",
    ]);
    ok(&[
        "fund",
        "add",
        "tokyo",
        "--name",
        "Tokyo vigil",
        "--goal",
        "150000",
        "--currency",
        "JPY",
    ]);
    ok(&[
        "donation",
        "add",
        "--amount",
        "1,500",
        "--currency",
        "JPY",
        "--date",
        "2027-01-05",
        "--fund",
        "tokyo",
        "--donor-email",
        "aiko@example.org",
        "--donor-name",
        "Aiko Sato",
    ]);
    ok(&[
        "donation",
        "add",
        "--amount",
        "0.125",
        "--currency",
        "KWD",
        "--date",
        "2027-01-06",
        "--method",
        "transfer",
        "--anonymous",
    ]);
    let wrong = ok(&[
        "donation",
        "add",
        "--amount",
        "100",
        "--currency",
        "USD",
        "--date",
        "2027-01-07",
        "--fund",
        "legal-aid",
        "--method",
        "check",
        "--reference",
        "2044",
    ]);
    ok(&[
        "donation",
        "add",
        "--amount",
        "250.00",
        "--currency",
        "USD",
        "--date",
        "2027-01-08",
        "--fund",
        "legal-aid",
    ]);
    ok(&["donation", "void", &wrong, "--reason", "The check bounced"]);
    ok(&[
        "expense",
        "add",
        "--amount",
        "75.50",
        "--currency",
        "USD",
        "--date",
        "2027-01-09",
        "--payee",
        "Court filing office",
        "--fund",
        "legal-aid",
        "--category",
        "fees",
    ]);

    // Refused with the field named, nothing saved.
    for (args, message) in [
        (
            vec![
                "donation",
                "add",
                "--amount",
                "12.345",
                "--currency",
                "USD",
                "--date",
                "2027-01-01",
            ],
            "Amount: 12.345 has more decimals than USD has",
        ),
        (
            vec![
                "donation",
                "add",
                "--amount",
                "1.5",
                "--currency",
                "JPY",
                "--date",
                "2027-01-01",
            ],
            "Amount: 1.5 has more decimals than JPY has",
        ),
        (
            vec![
                "donation",
                "add",
                "--amount",
                "1e3",
                "--currency",
                "USD",
                "--date",
                "2027-01-01",
            ],
            "Amount: \u{201c}1e3\u{201d} is not an amount in USD such as 12.50",
        ),
        (
            vec![
                "donation",
                "add",
                "--amount",
                "0",
                "--currency",
                "USD",
                "--date",
                "2027-01-01",
            ],
            "Amount must be more than zero",
        ),
        (
            vec!["donation", "void", &wrong, "--reason", "again"],
            "This entry was already voided",
        ),
    ] {
        let mut all = vec!["--db", db];
        all.extend_from_slice(&args);
        let out = desk(&all);
        assert!(!out.status.success(), "{args:?}");
        let err = text(&out.stderr);
        assert!(err.contains(message), "{args:?}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    }

    // The platform's donation export, twice: the second run adds nothing.
    let file = dir.path().join("donations.csv");
    fs::write(&file, "name,email,amount,fees,net,status,recurring,source code,timestamp,transaction id\n\
        Ana Ruiz,ana@example.org,25.00,1.03,23.97,success,false,newsletter,2027-01-05 10:00:00 UTC,ch_001\n\
        Lin Wu,lin@example.org,10.00,0.52,9.48,failed,false,,2027-01-07 12:00:00 UTC,ch_003\n").unwrap();
    let first: Value = serde_json::from_str(&ok(&[
        "import",
        "donations",
        file.to_str().unwrap(),
        "--fund",
        "legal-aid",
        "--json",
    ]))
    .unwrap();
    assert_eq!(
        (first["added"].as_i64(), first["skipped"].as_i64()),
        (Some(1), Some(1)),
        "{first}"
    );
    assert!(first["warned"][0]["reason"]
        .as_str()
        .unwrap()
        .contains("did not go through"));
    let second: Value = serde_json::from_str(&ok(&[
        "import",
        "donations",
        file.to_str().unwrap(),
        "--fund",
        "legal-aid",
        "--json",
    ]))
    .unwrap();
    assert_eq!(
        (second["added"].as_i64(), second["duplicates"].as_i64()),
        (Some(0), Some(1))
    );

    let stats: Value = serde_json::from_str(&ok(&["stats", "--json"])).unwrap();
    let currency = |c: &str| {
        stats["donations"]["totals"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["currency"] == c)
            .unwrap()
            .clone()
    };
    assert_eq!(currency("JPY")["raised"], "1500");
    assert_eq!(currency("KWD")["raised"], "0.125");
    let fund = |slug: &str| {
        stats["funds"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["slug"] == slug)
            .unwrap()
            .clone()
    };
    let legal = fund("legal-aid");
    // 250 + 25 (imported); the bounced check is voided; 75.50 spent; the platform's fee 1.03.
    assert_eq!(
        (
            legal["raised"].as_str(),
            legal["spent"].as_str(),
            legal["balance"].as_str()
        ),
        (Some("275.00"), Some("75.50"), Some("198.47"))
    );
    assert_eq!(legal["goal"], "2500.00");
    assert_eq!(legal["percent"], 11);
    assert_eq!(fund("tokyo")["raised"], "1500");
    assert_eq!(fund("newspaper-ad")["raised"], "14000.00");

    // The ledger, as an accountant's spreadsheet reads it.
    let ledger = dir.path().join("ledger.csv");
    ok(&[
        "export",
        "ledger",
        "-o",
        ledger.to_str().unwrap(),
        "--fund",
        "legal-aid",
        "--voided",
    ]);
    assert_eq!(mode(&ledger), 0o600);
    let bytes = fs::read(&ledger).unwrap();
    assert!(bytes.starts_with(b"\xef\xbb\xbf"));
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let headers = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let shown: Vec<(String, String, String, String)> = rows
        .iter()
        .map(|r| {
            (
                r[col("date")].to_owned(),
                r[col("amount")].to_owned(),
                r[col("status")].to_owned(),
                r[col("fund_balance")].to_owned(),
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            (
                "2027-01-05".into(),
                "25.00".into(),
                "ok".into(),
                "23.97".into()
            ),
            (
                "2027-01-07".into(),
                "100.00".into(),
                "voided".into(),
                "".into()
            ),
            (
                "2027-01-08".into(),
                "250.00".into(),
                "ok".into(),
                "273.97".into()
            ),
            (
                "2027-01-09".into(),
                "-75.50".into(),
                "ok".into(),
                "198.47".into()
            ),
        ]
    );
    let printed = ok(&["export", "donations", "-o", "-"]);
    assert!(printed.contains("The check bounced"));
    assert!(ok(&["fund", "list"]).contains("legal-aid"));
}

/// Runs the binary with the database's passphrase in CAMPAIGN_DESK_PASSPHRASE.
fn desk_keyed(passphrase: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_campaign-desk"))
        .args(args)
        .env_remove("CAMPAIGN_DESK_DB")
        .env("CAMPAIGN_DESK_PASSPHRASE", passphrase)
        .output()
        .expect("the binary runs")
}

#[test]
fn encrypted_from_a_script_backed_up_checked_and_restored() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("secret.db");
    let db = db.to_str().unwrap();
    let key = dir.path().join("key.txt");
    fs::write(&key, "a long sentence nobody guesses\n").unwrap();
    let key = key.to_str().unwrap();

    // Created with a passphrase: encrypted from its first byte.
    let out = desk(&["--db", db, "--passphrase-file", key, "demo"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let bytes = fs::read(db).unwrap();
    assert!(!bytes.starts_with(b"SQLite format 3"));
    assert_eq!(mode(Path::new(db)), 0o600);
    let stats = desk(&["--db", db, "--passphrase-file", key, "stats", "--json"]);
    assert!(stats.status.success(), "{}", text(&stats.stderr));

    // Without the passphrase: one line that says what to do. With a wrong one: another.
    let out = desk(&["--db", db, "stats"]);
    assert!(!out.status.success());
    let said = text(&out.stderr);
    assert_eq!(said.lines().count(), 1, "{said}");
    assert!(
        said.contains("is encrypted") && said.contains("--passphrase-file"),
        "{said}"
    );
    let out = desk_keyed("not the one at all", &["--db", db, "stats"]);
    assert!(
        text(&out.stderr).contains("does not open"),
        "{}",
        text(&out.stderr)
    );

    // The variable works as the file does; check looks at every encrypted page.
    let out = desk_keyed("a long sentence nobody guesses", &["--db", db, "check"]);
    assert!(
        out.status.success(),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    assert!(text(&out.stdout).starts_with("ok:"));

    let backup = dir.path().join("stick.backup");
    let backup = backup.to_str().unwrap();
    let out = desk(&["--db", db, "--passphrase-file", key, "backup", backup]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("encrypted"),
        "{}",
        text(&out.stdout)
    );
    assert!(!fs::read(backup).unwrap().starts_with(b"SQLite format 3"));

    // A damaged database: check says so and exits 1; restore brings the backup back and keeps
    // the damaged file beside it.
    let mut bytes = fs::read(db).unwrap();
    let middle = bytes.len() / 2;
    for b in &mut bytes[middle..middle + 64] {
        *b ^= 0xff;
    }
    fs::write(db, &bytes).unwrap();
    let out = desk(&["--db", db, "--passphrase-file", key, "check"]);
    assert!(!out.status.success());
    let said = format!("{}{}", text(&out.stdout), text(&out.stderr));
    assert!(
        said.contains("problem") || said.contains("damaged"),
        "{said}"
    );
    let out = desk(&["--db", db, "--passphrase-file", key, "restore", backup]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("before-restore"),
        "{}",
        text(&out.stdout)
    );
    let out = desk(&["--db", db, "--passphrase-file", key, "check"]);
    assert!(out.status.success(), "{}", text(&out.stdout));
    let again = desk(&["--db", db, "--passphrase-file", key, "stats", "--json"]);
    assert_eq!(
        again.stdout, stats.stdout,
        "the backup holds what the database held"
    );

    // Decrypt, then encrypt again with a passphrase too short: refused, still plain.
    let out = desk(&["--db", db, "--passphrase-file", key, "decrypt"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(fs::read(db).unwrap().starts_with(b"SQLite format 3\0"));
    let out = desk_keyed("short", &["--db", db, "encrypt"]);
    assert!(
        text(&out.stderr).contains("at least 10"),
        "{}",
        text(&out.stderr)
    );
    assert!(fs::read(db).unwrap().starts_with(b"SQLite format 3\0"));
    let out = desk_keyed("another long sentence", &["--db", db, "encrypt"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = desk_keyed("another long sentence", &["--db", db, "stats", "--json"]);
    assert_eq!(out.stdout, stats.stdout);
}

#[test]
fn a_person_exported_and_erased_from_a_script() {
    let (dir, db) = sample_db("rights.db");
    let (id, given): (String, String) = {
        let conn = rusqlite::Connection::open(&db).unwrap();
        let (id, given): (Vec<u8>, String) = conn
            .query_row(
                "SELECT p.id, p.given_name FROM people p
                  WHERE EXISTS (SELECT 1 FROM donations d WHERE d.person_id = p.id)
                    AND EXISTS (SELECT 1 FROM signatures s WHERE s.person_id = p.id)
                  LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        let hex: String = id.iter().map(|b| format!("{b:02x}")).collect();
        (hex, given)
    };
    let file = dir.path().join("for-them.json");
    let out = desk(&[
        "--db",
        &db,
        "person",
        "export",
        &id,
        "-o",
        file.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let record: Value = serde_json::from_str(&fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(record["person"]["given_name"], given.as_str());
    assert!(!record["donations"].as_array().unwrap().is_empty());
    assert!(!record["signatures"].as_array().unwrap().is_empty());
    assert_eq!(mode(&file), 0o600);

    let before: Value =
        serde_json::from_slice(&desk(&["--db", &db, "stats", "--json"]).stdout).unwrap();
    let out = desk(&["--db", &db, "person", "erase", &id]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("--yes"), "{}", text(&out.stderr));
    let out = desk(&["--db", &db, "person", "erase", &id, "--yes"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).starts_with("Erased:"),
        "{}",
        text(&out.stdout)
    );
    let after: Value =
        serde_json::from_slice(&desk(&["--db", &db, "stats", "--json"]).stdout).unwrap();
    assert_eq!(after["people"], before["people"].as_i64().unwrap() - 1);
    assert_eq!(
        after["donations"], before["donations"],
        "every amount stays"
    );
    let out = desk(&[
        "--db",
        &db,
        "person",
        "export",
        &id,
        "-o",
        file.to_str().unwrap(),
    ]);
    assert!(text(&out.stderr).contains("no longer in the campaign"));
    let out = desk(&["--db", &db, "check"]);
    assert!(out.status.success(), "{}", text(&out.stdout));
}

fn pdf_text(file: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(file)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success());
    text(&out.stdout)
}

#[test]
fn documents_printed_from_a_script() {
    let (dir, db) = sample_db("print.db");
    let db = db.as_str();
    let out = desk(&["--db", db, "event", "list", "--json"]);
    let lists: Value = serde_json::from_slice(&out.stdout).unwrap();
    let event = lists["past"]
        .as_array()
        .unwrap()
        .iter()
        .chain(lists["upcoming"].as_array().unwrap())
        .find(|e| {
            e["title"]
                .as_str()
                .unwrap()
                .starts_with("Voices for Freedom")
        })
        .expect("the sample's cultural night");
    let id = event["id"].as_str().unwrap();

    let flyer = dir.path().join("flyer.pdf");
    let out = desk(&[
        "--db",
        db,
        "pdf",
        "flyer",
        "--event",
        id,
        "--half",
        "--lang",
        "es",
        "--second-lang",
        "en",
        "-o",
        flyer.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout).trim(),
        format!("Saved 2 pages to {}", flyer.display())
    );
    assert_eq!(mode(&flyer), 0o600);
    let words = pdf_text(&flyer);
    assert!(
        words.contains("Cuándo") && words.contains("When"),
        "{words}"
    );

    let sheet = dir.path().join("sheet.pdf");
    let mut numbers = Vec::new();
    for _ in 0..2 {
        let out = desk(&[
            "--db",
            db,
            "pdf",
            "sheet",
            "--appeal",
            "emergency-appeal",
            "--rows",
            "8",
            "--size",
            "a4",
            "-o",
            sheet.to_str().unwrap(),
        ]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let said = text(&out.stdout);
        let n: i64 = said.split_whitespace().nth(2).unwrap().parse().unwrap();
        numbers.push(n);
        assert!(pdf_text(&sheet).contains(&format!("Sheet {n}")));
    }
    assert_eq!(
        numbers[1],
        numbers[0] + 1,
        "each saved sheet takes the next number"
    );

    let door = dir.path().join("door.pdf");
    let out = desk(&[
        "--db",
        db,
        "pdf",
        "door-list",
        "--event",
        id,
        "--lang",
        "fa",
        "-o",
        door.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(pdf_text(&door).contains("فهرست ورودی"));

    let poster = dir.path().join("poster.pdf");
    let out = desk(&[
        "--db",
        db,
        "pdf",
        "appeal",
        "--appeal",
        "emergency-appeal",
        "--size",
        "tabloid",
        "-o",
        poster.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));

    // Mistakes are told in a line, and nothing is written or registered.
    let bad = dir.path().join("bad.pdf");
    let out = desk(&[
        "--db",
        db,
        "pdf",
        "sheet",
        "--appeal",
        "emergency-appeal",
        "--size",
        "b5",
        "-o",
        bad.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("\u{201c}b5\u{201d} is not a paper size"),
        "{}",
        text(&out.stderr)
    );
    assert!(!bad.exists());
    let out = desk(&[
        "--db",
        db,
        "pdf",
        "sheet",
        "--appeal",
        "emergency-appeal",
        "-o",
        sheet.to_str().unwrap(),
    ]);
    let n: i64 = text(&out.stdout)
        .split_whitespace()
        .nth(2)
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(n, numbers[1] + 1, "the refused sheet took no number");
    let out = desk(&["--db", db, "pdf", "door-list", "--event", id]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("-o FILE"));
}

#[test]
fn reports_and_receipts_printed_from_a_script() {
    let (dir, db) = sample_db("reports.db");
    let db = db.as_str();
    let save = |args: &[&str], name: &str| -> (String, String) {
        let file = dir.path().join(name);
        let mut all = vec!["--db", db, "pdf"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["-o", file.to_str().unwrap()]);
        let out = desk(&all);
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        assert_eq!(mode(&file), 0o600);
        (text(&out.stdout), pdf_text(&file))
    };
    let stats: Value =
        serde_json::from_slice(&desk(&["--db", db, "stats", "--json"]).stdout).unwrap();
    let signers = stats["appeals"][0]["signers"].as_i64().unwrap();
    let (_, words) = save(
        &["report", "signers", "--appeal", "emergency-appeal"],
        "signers.pdf",
    );
    assert!(words.contains(&format!("Signatures: {signers}")), "{words}");

    let lists: Value =
        serde_json::from_slice(&desk(&["--db", db, "event", "list", "--json"]).stdout).unwrap();
    let night = lists["past"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| {
            e["title"]
                .as_str()
                .unwrap()
                .starts_with("Voices for Freedom")
        })
        .unwrap();
    let (said, words) = save(
        &[
            "report",
            "attendance",
            "--event",
            night["id"].as_str().unwrap(),
            "--lang",
            "es",
        ],
        "attendance.pdf",
    );
    assert!(said.starts_with("Saved 1 page to"), "{said}");
    assert!(
        words.contains("Voices for Freedom") && words.contains("Asistencia"),
        "{words}"
    );

    let (_, words) = save(
        &[
            "report",
            "fundraising",
            "--from",
            "2024-01-01",
            "--to",
            "2024-12-31",
        ],
        "fundraising.pdf",
    );
    assert!(words.contains("Newspaper ad for the appeal"), "{words}");
    let (_, words) = save(
        &[
            "report",
            "ledger",
            "--from",
            "2024-01-01",
            "--to",
            "2024-12-31",
            "--size",
            "a4",
        ],
        "ledger.pdf",
    );
    assert!(
        words.contains("Treasurer's ledger") && words.contains("VOID"),
        "{words}"
    );
    // A ledger without its last day, or backwards, is refused in a line, and no file is left.
    let bad = dir.path().join("bad.pdf");
    let out = desk(&[
        "--db",
        db,
        "pdf",
        "report",
        "ledger",
        "--from",
        "2024-01-01",
        "-o",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--to"));
    let out = desk(&[
        "--db",
        db,
        "pdf",
        "report",
        "ledger",
        "--from",
        "2024-12-31",
        "--to",
        "2024-01-01",
        "-o",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("The period ends before it begins"),
        "{}",
        text(&out.stderr)
    );
    assert!(!bad.exists());

    // A new gift of $300: its receipt is numbered on the first print, a copy after, void once
    // the gift is voided.
    let out = desk(&[
        "--db",
        db,
        "donation",
        "add",
        "--amount",
        "300",
        "--currency",
        "USD",
        "--date",
        "2024-11-02",
        "--donor-email",
        "ada@example.org",
        "--donor-name",
        "Ada Okafor",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let gift = text(&out.stdout).trim().to_owned();
    let (said, words) = save(&["receipt", "--donation", &gift], "receipt.pdf");
    let number = said
        .strip_prefix("Saved receipt ")
        .and_then(|s| s.split_whitespace().next())
        .unwrap_or_else(|| panic!("{said}"))
        .to_owned();
    assert!(number.starts_with("R-"), "{said}");
    assert!(words.contains(&format!("Receipt number: {number}")) && words.contains("Ada Okafor"));
    assert!(
        words.contains("300.00 USD") && !words.contains("COPY"),
        "{words}"
    );
    let (said, words) = save(&["receipt", "--donation", &gift], "copy.pdf");
    assert!(
        said.starts_with(&format!("Saved a copy of receipt {number} to")),
        "{said}"
    );
    assert!(words.contains("COPY") && words.contains(&number));
    let out = desk(&[
        "--db",
        db,
        "donation",
        "void",
        &gift,
        "--reason",
        "typed twice",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let (said, words) = save(&["receipt", "--donation", &gift], "void.pdf");
    assert!(
        said.contains(&format!("receipt {number}, marked void")),
        "{said}"
    );
    assert!(words.contains("VOID"), "{words}");

    // A donor's year: every gift, with its total.
    let found: Value = serde_json::from_slice(
        &desk(&["--db", db, "people", "search", "Emeka Nwosu", "--json"]).stdout,
    )
    .unwrap();
    let emeka = found[0]["id"].as_str().unwrap();
    let (_, words) = save(
        &["receipt", "--person", emeka, "--year", "2024"],
        "annual.pdf",
    );
    assert!(
        words.contains("Your gifts in 2024") && words.contains("135.00 USD"),
        "{words}"
    );
    let out = desk(&[
        "--db",
        db,
        "pdf",
        "receipt",
        "--person",
        emeka,
        "--year",
        "20",
        "-o",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));

    // Every receipt still owed, one file per donor in a new folder; then none is owed.
    let folder = dir.path().join("receipts");
    let out = desk(&[
        "--db",
        db,
        "pdf",
        "receipts",
        "--per-donor",
        "-o",
        folder.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let files: Vec<_> = fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(files.len() >= 5, "{files:?}");
    assert!(text(&out.stdout).contains(&format!("Saved {} files of receipts", files.len())));
    for f in &files {
        assert_eq!(f.extension().unwrap(), "pdf");
        assert!(pdf_text(f).contains("Receipt number: R-"));
    }
    let out = desk(&["--db", db, "pdf", "receipts", "-o", bad.to_str().unwrap()]);
    assert_eq!(text(&out.stdout).trim(), "No gift is owed a receipt");
    assert!(!bad.exists());
}

/// Persian digits (U+06F0..U+06F9) in a text.
fn has_persian_digits(text: &str) -> bool {
    text.chars().any(|c| ('\u{06F0}'..='\u{06F9}').contains(&c))
}

/// Commands speak the language of CAMPAIGN_DESK_LANG (else the system's): their own lines,
/// core's messages and dates, from the window's catalogs.
#[test]
fn the_cli_speaks_farsi_and_spanish() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fa.db");
    let db = db.to_str().unwrap();

    let out = desk_in("fa", &["--db", db, "demo"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(said.contains("کارزار نمونهٔ"), "{said}");
    assert!(
        has_persian_digits(&said),
        "counts in Persian digits: {said}"
    );

    let said = text(&desk_in("fa", &["--db", db, "stats"]).stdout);
    assert!(said.contains("امضاکننده از"), "{said}");
    assert!(said.contains("کارزار"), "{said}");
    let said = text(&desk_in("es", &["--db", db, "stats"]).stdout);
    assert!(
        said.contains("Llamamiento") && said.contains("firmantes de"),
        "{said}"
    );
    assert!(
        said.contains("asistirán"),
        "RSVP statuses in Spanish: {said}"
    );
    // The system's language when CAMPAIGN_DESK_LANG is not set; English for one it lacks.
    let system = |lang: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_campaign-desk"))
            .args(["--db", db, "stats"])
            .env_remove("CAMPAIGN_DESK_LANG")
            .env_remove("LANGUAGE")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", lang)
            .output()
            .unwrap();
        text(&out.stdout)
    };
    assert!(system("es_CO.UTF-8").contains("Llamamiento"));
    assert!(system("de_DE.UTF-8").contains("signers from"));

    // Core's messages: an error in each language, the value kept as typed.
    let sign = |lang: &str| {
        let out = desk_in(
            lang,
            &[
                "--db",
                db,
                "sign",
                "--appeal",
                "emergency-appeal",
                "--given",
                "Sara",
                "--family",
                "Amini",
                "--email",
                "not-an-email",
            ],
        );
        assert!(!out.status.success());
        text(&out.stderr)
    };
    assert!(
        sign("fa").contains("«not-an-email» نشانی ایمیل به نظر نمی‌رسد"),
        "{}",
        sign("fa")
    );
    assert!(sign("es").contains("«not-an-email» no parece una dirección de correo"));
    assert!(sign("en").contains("does not look like an email address"));

    // Dates in the language's calendar: Solar Hijri with the Gregorian beside it in Farsi.
    let out = desk_in(
        "fa",
        &[
            "--db",
            db,
            "event",
            "add",
            "--title",
            "شب شعر",
            "--starts",
            "2027-01-09T18:00",
            "--tz",
            "Asia/Tehran",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let listed = text(&desk_in("fa", &["--db", db, "event", "list"]).stdout);
    let night = listed
        .lines()
        .find(|l| l.contains("شب شعر"))
        .expect("listed");
    assert!(night.contains("۱۹ دی ۱۴۰۵ (۹ ژانویه ۲۰۲۷)"), "{night}");
    assert!(night.contains("۱۸:۰۰"), "{night}");
    let listed = text(&desk_in("es", &["--db", db, "event", "list"]).stdout);
    assert!(listed.contains("sábado 9 de enero de 2027"), "{listed}");
    assert!(listed.contains("Próximos:"), "{listed}");

    // Printed documents take the commands' language unless --lang says otherwise.
    let flyer = dir.path().join("f.pdf");
    let id = listed
        .lines()
        .find(|l| l.contains("شب شعر"))
        .and_then(|l| l.split_whitespace().next())
        .unwrap()
        .to_owned();
    let out = desk_in(
        "es",
        &[
            "--db",
            db,
            "pdf",
            "flyer",
            "--event",
            &id,
            "-o",
            flyer.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).starts_with("Se guardó 1 página en"),
        "{}",
        text(&out.stdout)
    );
    let read = Command::new("pdftotext")
        .args([flyer.to_str().unwrap(), "-"])
        .output()
        .unwrap();
    assert!(
        text(&read.stdout).contains("sábado"),
        "{}",
        text(&read.stdout)
    );
}
