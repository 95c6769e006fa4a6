//! End to end: the real window, driven through WebDriver like a person would use it.
//!
//! Each test starts `tauri-driver` (which starts WebKitWebDriver, which starts the app) on its own
//! database file. It needs a display: `make test` runs the suite under Xvfb when there is none.
//! Screenshots land in target/tmp/screenshots/ to be looked at.

mod webdriver;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::thread::sleep;
use std::time::{Duration, Instant};

use serde_json::Value;
use webdriver::Session;

/// One window at a time: two WebKit processes at once crowd a two-core machine.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

const APP: &str = env!("CARGO_BIN_EXE_campaign-desk");

fn screenshot_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn cli_stats(db: &Path) -> Value {
    let out = Command::new(APP)
        .args(["--db", db.to_str().unwrap(), "stats", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A count as the Dashboard shows it ("1,234"), as a number.
fn shown_count(session: &Session, stat: &str) -> i64 {
    let text = session.text(&format!("[data-stat='{stat}']"));
    text.replace(',', "")
        .parse()
        .unwrap_or_else(|_| panic!("{stat} shows {text:?}"))
}

/// The window on a new database in a temporary folder, once its welcome screen is up.
struct NewWindow {
    session: Session,
    db: PathBuf,
    _dir: tempfile::TempDir,
    _one: std::sync::MutexGuard<'static, ()>,
}

fn new_window() -> NewWindow {
    let one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e2e.db");
    let session = Session::start(APP, &db);
    // A new database greets with the welcome screen.
    session.wait_for("#welcome");
    NewWindow {
        session,
        db,
        _dir: dir,
        _one: one,
    }
}

#[test]
fn sample_campaign_from_the_welcome_screen() {
    let NewWindow { session, db, .. } = &new_window();
    assert_eq!(session.text("#welcome h1"), "Welcome to Campaign Desk");
    session.screenshot(&screenshot_dir().join("welcome.png"));

    session.click("#load-sample");
    session.wait_for("[data-stat='people']");
    let stats = cli_stats(db);
    assert_eq!(
        shown_count(session, "people"),
        stats["people"].as_i64().unwrap()
    );
    assert_eq!(
        shown_count(session, "signers"),
        stats["appeals"][0]["signers"].as_i64().unwrap()
    );
    assert_eq!(
        shown_count(session, "events"),
        stats["events"].as_i64().unwrap()
    );
    assert_eq!(
        shown_count(session, "rsvps"),
        stats["rsvps"].as_i64().unwrap()
    );
    assert_eq!(
        shown_count(session, "donations"),
        stats["donations"]["count"].as_i64().unwrap()
    );
    assert!(session
        .text("[data-card='signers']")
        .contains("from 40 countries"));
    assert!(
        session.text("[data-currency='USD']").starts_with("$"),
        "USD total formatted as money"
    );
    assert_eq!(
        session.text("#campaign-name"),
        desk_core::sample::CAMPAIGN_NAME
    );
    assert_eq!(
        session
            .attribute("[data-section='dashboard']", "aria-current")
            .as_deref(),
        Some("page")
    );
    session.screenshot(&screenshot_dir().join("dashboard.png"));

    // Settings shows where the data is, and checks it.
    session.click("[data-section='settings']");
    session.wait_for("#database-path");
    assert_eq!(session.text("#database-path"), db.display().to_string());
    session.click("#check-database");
    session.wait_for("#check-result .ok");
    assert_eq!(session.text("#check-result"), "The database is sound.");
    session.screenshot(&screenshot_dir().join("settings.png"));

    // Every section of the frame opens.
    for section in ["signers", "events", "money", "print"] {
        session.click(&format!("[data-section='{section}']"));
        session.wait_for(&format!("[data-section='{section}'][aria-current='page']"));
        assert!(!session.text("#view h1").is_empty());
    }
}

#[test]
fn empty_campaign_with_a_readable_error_and_literal_text() {
    let NewWindow { session, db, .. } = &new_window();

    // No name: the volunteer reads why, and nothing is saved.
    session.execute("document.getElementById('campaign-name-input').removeAttribute('required')");
    session.click("#start-empty");
    session.wait_for("#alert:not([hidden])");
    assert_eq!(session.text("#alert-text"), "Campaign name is required");
    session.screenshot(&screenshot_dir().join("error.png"));
    assert_eq!(cli_stats(db)["campaign"], Value::Null);

    // The content security policy holds in the real window: no eval, no inline script.
    let eval =
        session.execute("try { eval('1'); return 'eval ran'; } catch (e) { return e.name; }");
    assert_eq!(eval, "EvalError");
    let inline = session.execute(
        "const s = document.createElement('script'); s.textContent = 'window.__inline = 1'; \
         document.head.append(s); return window.__inline === undefined",
    );
    assert_eq!(inline, true, "an inline script ran");

    // Markup in a name is shown as typed, never run as HTML.
    let name =
        "<img src=x onerror=alert(1)> Free <b>them</b> & \u{0622}\u{0632}\u{0627}\u{062f}\u{06cc}";
    session.type_into("#campaign-name-input", name);
    session.click("#start-empty");
    session.wait_for("[data-stat='people']");
    assert_eq!(session.text("#campaign-name"), name);
    assert_eq!(
        session.execute("return document.querySelectorAll('#campaign-name *').length"),
        0
    );
    assert_eq!(shown_count(session, "people"), 0);
    assert_eq!(cli_stats(db)["campaign"], name);
    session.screenshot(&screenshot_dir().join("empty-dashboard.png"));
}

/// Waits until the element's text is `expected`.
fn wait_for_text(session: &Session, css: &str, expected: &str) {
    let deadline = Instant::now() + Duration::from_secs(45);
    loop {
        let text = session.text(css);
        if text == expected {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{css} shows {text:?}, not {expected:?}"
        );
        sleep(Duration::from_millis(100));
    }
}

fn xdotool(args: &[&str]) -> String {
    let out = Command::new("xdotool")
        .args(args)
        .output()
        .expect("xdotool must be installed: `make test` installs it");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Answers the native file dialog titled `title` as a person would: types the path and presses
/// Enter. (GTK's file chooser takes a whole path in its name field, and in its location field,
/// which Ctrl+L opens.)
fn answer_file_dialog(title: &str, path: &Path, saving: bool) {
    let deadline = Instant::now() + Duration::from_secs(45);
    let window = loop {
        let found = xdotool(&["search", "--onlyvisible", "--name", title]);
        if let Some(id) = found.lines().next() {
            break id.to_owned();
        }
        assert!(
            Instant::now() < deadline,
            "no dialog titled {title:?} appeared"
        );
        sleep(Duration::from_millis(200));
    };
    // There is no window manager under Xvfb: give the dialog the keyboard ourselves.
    xdotool(&["windowfocus", "--sync", &window]);
    sleep(Duration::from_millis(600));
    xdotool(&[
        "key",
        "--clearmodifiers",
        if saving { "ctrl+a" } else { "ctrl+l" },
    ]);
    sleep(Duration::from_millis(300));
    xdotool(&["type", "--delay", "15", path.to_str().unwrap()]);
    sleep(Duration::from_millis(300));
    xdotool(&["key", "Return"]);
}

fn people_count(db: &Path) -> i64 {
    cli_stats(db)["people"].as_i64().unwrap()
}

#[test]
fn a_bundle_saved_in_one_window_opens_in_another() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let hub_db = dir.path().join("hub.db");
    // Bundles beside the databases: the file dialogs list the campaign's own folder (see
    // src-tauri/app/dialog.rs for what that once did to SQLite's locks).
    let bundle = dir.path().join("from-the-hub.cdbundle");
    let passphrase = "correct horse battery";

    // The organizer's laptop: the sample campaign, the passphrase, a bundle for every laptop.
    {
        let session = Session::start(APP, &hub_db);
        session.wait_for("#welcome");
        session.click("#load-sample");
        session.wait_for("[data-stat='people']");
        session.click("[data-section='settings']");
        session.wait_for("#share-title");
        assert_eq!(session.text("#share-title"), "Share with another laptop");
        session.type_into("#sync-passphrase", passphrase);
        session.click("#save-passphrase");
        wait_for_text(
            &session,
            "#passphrase-state",
            "A passphrase is saved on this laptop.",
        );
        session.click("#save-bundle");
        answer_file_dialog("Save a bundle for another laptop", &bundle, true);
        session.wait_for("#save-result .ok");
        assert!(session
            .text("#save-result")
            .ends_with(&bundle.display().to_string()));
        session.screenshot(&screenshot_dir().join("share-saved.png"));
    }
    assert!(
        bundle.exists(),
        "the bundle was saved where the dialog said"
    );

    // A new laptop joins from the welcome screen.
    let table_db = dir.path().join("table.db");
    let session = Session::start(APP, &table_db);
    session.wait_for("#welcome");
    session.type_into("#join-passphrase", passphrase);
    session.screenshot(&screenshot_dir().join("welcome-join.png"));
    session.click("#join-open");
    answer_file_dialog("Open a bundle from another laptop", &bundle, false);
    session.wait_for("#join-preview");
    let people = people_count(&hub_db);
    assert_eq!(
        session
            .text("#join-preview [data-kind='people'] td")
            .replace(',', ""),
        people.to_string()
    );
    session.screenshot(&screenshot_dir().join("join-preview.png"));
    session.click("#join-apply");
    session.wait_for("[data-stat='people']");
    assert_eq!(shown_count(&session, "people"), people);
    assert_eq!(
        cli_stats(&table_db)["donations"],
        cli_stats(&hub_db)["donations"]
    );
    session.click("[data-section='settings']");
    session.wait_for("#share-title");
    assert_eq!(
        session.text("#passphrase-state"),
        "A passphrase is saved on this laptop.",
        "the passphrase that opened the bundle is kept"
    );

    // Both laptops change the same person; the hub's change is the later one.
    let person = first_person_with_email(&hub_db);
    edit_city(&table_db, &person, "Oakland");
    sleep(Duration::from_millis(20));
    edit_city(&hub_db, &person, "Berkeley");
    let second = dir.path().join("second.cdbundle");
    {
        let hub = desk_core::Store::open(&hub_db).unwrap();
        let pass = desk_core::sync::passphrase_or_saved(&hub, None).unwrap();
        desk_core::sync::export(&hub, &second, &pass, None).unwrap();
    }

    session.click("#open-bundle");
    answer_file_dialog("Open a bundle from another laptop", &second, false);
    session.wait_for("#bundle-preview");
    assert_eq!(
        session.text("#bundle-preview [data-kind='people'] td:nth-of-type(2)"),
        "1"
    );
    session.click("#apply-bundle");
    session.wait_for("#bundle-applied");
    assert_eq!(
        session.text("#bundle-applied [data-fact='conflicts']"),
        "1 decision of the merge to review"
    );
    session.wait_for("#conflicts li[data-kind='edit_edit']");
    assert!(session.text("#conflicts").contains("Berkeley"));
    assert!(session.text("#conflicts").contains("Oakland"));
    session.screenshot(&screenshot_dir().join("share-review.png"));
    session.click("[data-review]");
    session.wait_for("#no-conflicts");
    assert_eq!(city_of(&table_db, &person), "Berkeley");
}

fn first_person_with_email(db: &Path) -> Vec<u8> {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(
        "SELECT id FROM people WHERE email IS NOT NULL ORDER BY id LIMIT 1",
        [],
        |r| r.get(0),
    )
    .unwrap()
}

fn city_of(db: &Path, person: &[u8]) -> String {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("SELECT city FROM people WHERE id = ?1", [person], |r| {
        r.get(0)
    })
    .unwrap()
}

/// Changes a person's city through core, as the signer list will.
fn edit_city(db: &Path, person: &[u8], city: &str) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let (given, family, email): (String, String, Option<String>) = conn
        .query_row(
            "SELECT given_name, family_name, email FROM people WHERE id = ?1",
            [person],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    drop(conn);
    let id = desk_core::Id::from_slice(person).unwrap();
    let mut store = desk_core::Store::open(db).unwrap();
    let edited = desk_core::people::NewPerson {
        given_name: given,
        family_name: family,
        email,
        city: Some(city.into()),
        ..Default::default()
    };
    store
        .write(|w| desk_core::people::update(w, id, &edited))
        .unwrap();
}
