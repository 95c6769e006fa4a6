//! End to end: the real window, driven through WebDriver like a person would use it.
//!
//! Each test starts `tauri-driver` (which starts WebKitWebDriver, which starts the app) on its own
//! database file. It needs a display: `make test` runs the suite under Xvfb when there is none.
//! Screenshots land in target/tmp/screenshots/ to be looked at.

mod webdriver;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

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
