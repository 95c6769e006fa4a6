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
    // The renderer the app chooses (lib.rs) reaches WebKit's web process.
    assert_eq!(
        session
            .web_process_variable("WEBKIT_DISABLE_DMABUF_RENDERER")
            .as_deref(),
        Some("1")
    );

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
    // The Dashboard's charts (below the first screen): not drawn, nor Chart.js loaded, until
    // they scroll into view; then every appeal's signers per week.
    assert_eq!(
        session.execute(
            "return !!window.Chart || !!document.querySelector('#dashboard-charts canvas');"
        ),
        serde_json::json!(false),
        "charts drawn before they were seen"
    );
    session.execute("document.getElementById('dashboard-charts').scrollIntoView()");
    wait_until(
        session,
        "the Dashboard's week chart",
        "const c = document.querySelector('#dashboard-chart-week canvas');
         return !!(c && window.Chart && Chart.getChart(c));",
    );
    // Drawn, they are taller than the empty box scrolled to: to their top again.
    session.execute("document.getElementById('dashboard-charts').scrollIntoView()");
    session.screenshot(&screenshot_dir().join("dashboard-charts.png"));

    // Settings shows where the data is, and checks it.
    session.click("[data-section='settings']");
    session.wait_for("#database-path");
    assert_eq!(session.text("#database-path"), db.display().to_string());
    session.click("#check-database");
    session.wait_for("#check-result .ok");
    assert_eq!(session.text("#check-result .ok"), "The database is sound.");
    assert!(session.text("#audit-head").starts_with("The audit trail's"));
    session.screenshot(&screenshot_dir().join("settings.png"));

    // The sample's appeal, in three languages, with its prominent signers.
    session.click("[data-section='appeals']");
    session.wait_for("#appeal-list");
    session.click("#appeal-list .appeal-link");
    session.wait_for("#prominent-list");
    assert!(session.find("#words-tab-fa").is_some() && session.find("#words-tab-es").is_some());
    session.screenshot(&screenshot_dir().join("sample-appeal.png"));
    session.execute("document.getElementById('prominent-list').scrollIntoView()");
    session.screenshot(&screenshot_dir().join("sample-appeal-prominent.png"));
    // The charts are drawn by the vendored Chart.js under the window's CSP, and their numbers
    // (the screen reader's table) add up to the appeal's signers.
    let drawn = wait_until(
        session,
        "the country chart",
        "const c = document.querySelector('#appeal-chart-country canvas');
         if (!c || !window.Chart || !Chart.getChart(c)) return null;
         return [...document.querySelectorAll('#appeal-chart-country-table tbody td')]
           .reduce((n, td) => n + Number(td.textContent.replace(/[^0-9]/g, '')), 0);",
    );
    assert_eq!(drawn.as_i64(), stats["appeals"][0]["signers"].as_i64());
    session.execute("document.getElementById('appeal-chart-country').scrollIntoView()");
    session.screenshot(&screenshot_dir().join("sample-appeal-charts.png"));

    // The sample's events: upcoming first with the calendar; the cultural night is over, with
    // its arrivals, walk-ins, no-shows and the signatures and money taken at its table.
    session.click("[data-section='events']");
    session.wait_for("#events-upcoming .event-item");
    let first = session.text("#events-upcoming .event-item .event-link");
    assert_eq!(first, "Book talk: Letters from Prison");
    assert!(session.find("#events-undated .event-item").is_some());
    session.screenshot(&screenshot_dir().join("events.png"));
    session.click("#events-past .event-link");
    session.wait_for("#event-counts");
    assert!(
        session
            .text("#event-when")
            .contains("Pacific Standard Time"),
        "{}",
        session.text("#event-when")
    );
    assert!(session.find("#event-taken").is_some());
    session.screenshot(&screenshot_dir().join("event-page.png"));

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

/// Waits until the element's text is `expected`. The element is looked up afresh each time
/// (by script, not by a WebDriver handle), since a screen may re-render it meanwhile.
fn wait_for_text(session: &Session, css: &str, expected: &str) {
    let deadline = Instant::now() + Duration::from_secs(45);
    let script = format!(
        "const e = document.querySelector({}); return e ? e.innerText.trim() : null;",
        serde_json::to_string(css).unwrap()
    );
    loop {
        let text = session.execute(&script);
        let text = text.as_str().unwrap_or_default();
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
    // A cold machine's chooser is still filling its folder list: let it settle before typing.
    sleep(Duration::from_millis(1000));
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

/// Clicks `button`, answers the open dialog with `path` and waits for `shown`. GTK's chooser
/// under Xvfb (no window manager, keys from xdotool) has been seen to die on a cold machine,
/// which the window reports as an internal problem: then the person's move is made once more,
/// as a person would, and said in the test's output.
fn open_through_dialog(session: &Session, button: &str, path: &Path, shown: &str) {
    open_through_dialog_titled(
        session,
        button,
        "Open a bundle from another laptop",
        path,
        shown,
    );
}

fn open_through_dialog_titled(
    session: &Session,
    button: &str,
    title: &str,
    path: &Path,
    shown: &str,
) {
    through_dialog(session, button, title, path, shown, false);
}

/// Clicks `button`, answers its open or save dialog with `path` and waits for `shown`; up to
/// three times if GTK's chooser died (see open_through_dialog), printing the app's log each
/// time to tell why.
fn through_dialog(
    session: &Session,
    button: &str,
    title: &str,
    path: &Path,
    shown: &str,
    saving: bool,
) {
    const ATTEMPTS: usize = 3;
    for attempt in 1..=ATTEMPTS {
        session.click(button);
        answer_file_dialog(title, path, saving);
        let deadline = Instant::now() + Duration::from_secs(45);
        loop {
            if session.find(shown).is_some() {
                if !saving || landed(path) {
                    return;
                }
                // A key lost on the way into the chooser saves under another name: the page
                // says where; a person would save once more.
                let said = session.execute("return document.getElementById('view').innerText");
                assert!(
                    attempt < ATTEMPTS,
                    "nothing was saved at {}; the screen says {said}",
                    path.display()
                );
                eprintln!("nothing was saved at {}; saving again", path.display());
                break;
            }
            let alert = session.execute(
                "const a = document.getElementById('alert'); return a.hidden ? '' : a.textContent",
            );
            let alert = alert.as_str().unwrap_or_default().to_owned();
            if alert.contains("internal problem") && attempt < ATTEMPTS {
                eprintln!(
                    "the file dialog failed ({alert}); the app's log ends:\n{}\nasking again",
                    session.log_tail(12)
                );
                session.click("#alert-close");
                sleep(Duration::from_secs(1));
                break;
            }
            assert!(
                Instant::now() < deadline,
                "nothing matched {shown}; the banner says {alert:?}"
            );
            sleep(Duration::from_millis(100));
        }
    }
}

/// Whether a file (or folder) saved through a dialog is at `path`, within a few seconds.
fn landed(path: &Path) -> bool {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if path.exists() {
            return true;
        }
        sleep(Duration::from_millis(100));
    }
    false
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
        through_dialog(
            &session,
            "#save-bundle",
            "Save a bundle for another laptop",
            &bundle,
            "#save-result .ok",
            true,
        );
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
    open_through_dialog(&session, "#join-open", &bundle, "#join-preview");
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

    open_through_dialog(&session, "#open-bundle", &second, "#bundle-preview");
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

fn db_count(db: &Path, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

fn db_text(db: &Path, sql: &str) -> String {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

/// Types one visitor's details into the table-mode form and signs.
fn sign_at_table(
    session: &Session,
    given: &str,
    family: &str,
    email: &str,
    country: &str,
    display: &str,
) {
    session.type_into("#tm-given", given);
    session.type_into("#tm-family", family);
    session.type_into("#tm-email", email);
    session.type_into("#tm-city", "Berlin");
    session.type_into("#tm-country", country);
    session.click(&format!("#tm-display-{display}"));
    session.click("#tm-sign");
    session.wait_for("#tm-thanks:not([hidden])");
}

#[test]
fn an_appeal_signed_in_table_mode_and_typed_from_paper() {
    use webdriver::{ENTER, TAB};
    let NewWindow { session, db, .. } = &new_window();
    let shots = screenshot_dir();
    session.type_into("#campaign-name-input", "Free them all");
    session.click("#start-empty");
    session.wait_for("[data-stat='people']");

    // The organizer sets a PIN and a short idle time for this test.
    session.click("[data-section='settings']");
    session.type_into("#pin-new", "2468");
    session.type_into("#pin-again", "2468");
    session.click("#save-pin");
    wait_for_text(session, "#pin-state", "The PIN is saved.");
    session.type_into("#idle-seconds", "5");
    session.click("#save-idle");
    wait_for_text(session, "#idle-saved", "Saved");
    assert!(!db_text(
        db,
        "SELECT value FROM local_settings WHERE key = 'pin_hash'"
    )
    .contains("2468"));

    // An appeal in English, then its Farsi words.
    session.click("[data-section='appeals']");
    session.type_into("#new-appeal-title", "Free Them Now");
    session.type_into(
        "#new-appeal-text",
        "We call for the release of all prisoners of conscience.",
    );
    session.execute("document.getElementById('new-appeal-status').value = 'open'");
    session.click("#create-appeal");
    wait_for_text(session, "#appeal-title", "Free Them Now");
    session.click("#words-tab-fa");
    let fa_title = "همه را آزاد کنید";
    session.type_into("#words-title", fa_title);
    session.type_into("#words-text", "ما خواهان آزادی همه‌ی زندانیان عقیدتی هستیم.");
    session.click("#save-words");
    wait_for_text(session, "#words-saved", "Saved as version 1");
    assert_eq!(
        db_count(
            db,
            "SELECT count(*) FROM appeal_texts WHERE lang = 'fa' AND version = 1"
        ),
        1
    );
    session.screenshot(&shots.join("appeal-page.png"));

    // Table mode in English.
    session.click("#start-table-mode");
    session.wait_for("#tm-given");
    assert_eq!(
        session.execute("return document.documentElement.dir"),
        "ltr"
    );
    assert_eq!(session.text("#tm-title"), "Free Them Now");
    assert_eq!(
        session.attribute("#tm-given", "autocomplete").as_deref(),
        Some("off")
    );
    session.type_into("#tm-given", "Nahid");
    session.type_into("#tm-family", "Tehrani");
    session.type_into("#tm-city", "Berlin");
    session.type_into("#tm-country", "Germ");
    session.click("#tm-country-list [data-code='DE']");
    session.click("#tm-display-name_city");
    assert_eq!(
        session.text("#tm-preview"),
        "It will appear as: Nahid T., Berlin"
    );
    session.type_into("#tm-email", "nahid@example.org");
    session.screenshot(&shots.join("table-en.png"));
    session.click("#tm-sign");
    session.wait_for("#tm-thanks:not([hidden])");
    assert_eq!(
        session.text("#tm-thanks-count"),
        "1 person from 1 country has signed."
    );
    session.screenshot(&shots.join("table-thanks.png"));
    // A clean form within two seconds, ready for the next visitor.
    session.wait_for("#tm-thanks[hidden]");
    assert_eq!(
        session.execute("return document.getElementById('tm-given').value"),
        ""
    );

    // Farsi: the whole screen mirrored, the Farsi words shown and recorded.
    session.click("#tm-lang-fa");
    wait_for_text(session, "#tm-title", fa_title);
    assert_eq!(
        session.execute("return document.documentElement.dir"),
        "rtl"
    );
    assert_eq!(session.text("#tm-sign"), "امضای فراخوان");
    session.type_into("#tm-given", "علی");
    session.type_into("#tm-family", "کریمی");
    session.type_into("#tm-email", "ali@example.org");
    session.type_into("#tm-country", "آلمان");
    session.click("#tm-display-full");
    session.screenshot(&shots.join("table-fa.png"));
    session.click("#tm-sign");
    session.wait_for("#tm-thanks:not([hidden])");
    assert_eq!(
        session.text("#tm-thanks-count"),
        "۲ نفر از ۱ کشور امضا کرده‌اند."
    );
    session.wait_for("#tm-thanks[hidden]");
    assert_eq!(
        db_text(db, "SELECT t.lang FROM signatures s JOIN appeal_texts t ON t.id = s.text_id JOIN people p ON p.id = s.person_id WHERE p.email = 'ali@example.org'"),
        "fa"
    );

    // Signing again with the same email: the same thank-you, and still one signature.
    session.click("#tm-lang-en");
    wait_for_text(session, "#tm-title", "Free Them Now");
    sign_at_table(session, "N.", "T.", " NAHID@example.org", "DE", "initials");
    // The count goes up for a returning signer too: it never tells whether an email had signed.
    assert_eq!(
        session.text("#tm-thanks-count"),
        "3 people from 1 country have signed."
    );
    session.wait_for("#tm-thanks[hidden]");
    assert_eq!(db_count(db, "SELECT count(*) FROM signatures"), 2);
    assert_eq!(db_text(db, "SELECT display FROM signatures s JOIN people p ON p.id = s.person_id WHERE p.email = 'nahid@example.org'"), "initials");

    // A form left half-filled is empty after the idle time (5 s here).
    session.type_into("#tm-given", "Half");
    session.type_into("#tm-email", "half@example.org");
    sleep(Duration::from_secs(7));
    assert_eq!(session.execute("return document.getElementById('tm-given').value + document.getElementById('tm-email').value"), "");

    // Leaving needs the PIN: a wrong one keeps table mode, the right one leaves it.
    session.click("#tm-leave");
    session.type_into("#tm-pin", "1111");
    session.click("#tm-pin-ok");
    wait_for_text(
        session,
        "#tm-pin-message",
        "That PIN is not right; the next try is possible in 1 s",
    );
    assert!(session.find("#tm-given").is_some(), "still in table mode");
    assert!(
        session.find("[data-section='settings']").is_none(),
        "no way into the app"
    );
    sleep(Duration::from_millis(1200));
    session.type_into("#tm-pin", "2468");
    session.click("#tm-pin-ok");
    session.wait_for("#appeal-title");
    assert_eq!(
        session.execute("return document.documentElement.dir"),
        "ltr"
    );

    // Ten rows of a paper sheet, by keyboard alone.
    session.click("#type-sheets");
    session.wait_for("#sheet-number");
    session.type_into("#sheet-rows", "10");
    session.type_into("#sheet-typist", "Mina");
    session.click("#sheet-start");
    session.wait_for("#row-given");
    let rows = [
        ("Ana", "Ruiz", "ana@example.org", "Madrid", "ES"),
        ("Omid", "Karimi", "", "Berlin", "Germany"),
        ("Lea", "Roth", "lea@example.org", "Zurich", "CH"),
        ("Nahid", "Tehrani", "nahid@example.org", "Berlin", "DE"),
        ("Sara", "Haddad", "", "Paris", "France"),
        ("Jin", "Wang", "jin@example.org", "Toronto", "CA"),
        ("Eva", "Novak", "", "Prague", "CZ"),
        ("Tom", "Baker", "tom@example.org", "Leeds", "GB"),
        ("Maya", "Levi", "", "Haifa", "IL"),
        ("Ali", "Demir", "ali.d@example.org", "Izmir", "Turkey"),
    ];
    let started = Instant::now();
    for (i, (given, family, email, city, country)) in rows.iter().enumerate() {
        session.keys(&format!(
            "{given}{TAB}{family}{TAB}{email}{TAB}{city}{TAB}{country}{ENTER}"
        ));
        wait_for_text(session, "#row-number", &format!("Row {}", i + 2));
    }
    let seconds = started.elapsed().as_secs_f64();
    eprintln!("ten paper rows by keyboard: {seconds:.1} s");
    wait_for_text(session, "#sheet-count", "10 of 10 rows typed");
    assert!(
        session.text("#typed-rows").contains("had signed: updated"),
        "Nahid's row says she had signed"
    );
    session.screenshot(&shots.join("sheet-entry.png"));
    // Ctrl+Z takes back the last row: it is row 10 again, back in the fields to be corrected.
    session.ctrl('z');
    wait_for_text(session, "#row-number", "Row 10");
    assert_eq!(
        db_count(
            db,
            "SELECT count(*) FROM people WHERE family_name = 'Demir'"
        ),
        0
    );
    assert_eq!(
        session.execute("return ['given', 'family', 'country'].map((f) => document.getElementById('row-' + f).value).join('|')"),
        "Ali|Demir|Turkey"
    );
    session.keys(&ENTER.to_string());
    wait_for_text(session, "#row-number", "Row 11");

    let traced: Vec<(i64, String, String)> = {
        let conn = rusqlite::Connection::open(db).unwrap();
        let mut stmt = conn
            .prepare(
                "SELECT s.sheet_row, p.family_name, coalesce(p.country, '') FROM signatures s
                   JOIN people p ON p.id = s.person_id JOIN paper_sheets ps ON ps.id = s.sheet_id
                  WHERE ps.number = 1 ORDER BY s.sheet_row",
            )
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };
    assert_eq!(traced.len(), 10);
    for (i, (row, family, _)) in traced.iter().enumerate() {
        assert_eq!((*row, family.as_str()), (i as i64 + 1, rows[i].1));
    }
    assert_eq!(
        traced[1].2, "DE",
        "a country typed by name is stored as its code"
    );
    assert_eq!(traced[9].2, "TR");
    // Nahid signed at the table and on paper: still one signature, now traced to the paper.
    assert_eq!(db_count(db, "SELECT count(*) FROM signatures s JOIN people p ON p.id = s.person_id WHERE p.email = 'nahid@example.org'"), 1);
    assert_eq!(db_text(db, "SELECT typed_by FROM paper_sheets"), "Mina");

    // The appeal's page counts them and lists the sheet.
    session.click("#view .crumb a");
    wait_for_text(
        session,
        "#appeal-count",
        "11 people from 9 countries have signed",
    );
    assert!(session.text("#sheet-register").contains("10 of 10"));
    session.screenshot(&shots.join("appeal-page-after.png"));

    // Nahid withdraws her signature: one action on her page, recorded like giving it.
    session.type_into("#signer-search", "Tehrani");
    session.click("#signer-hits a");
    wait_for_text(session, "#person-name", "Nahid Tehrani");
    assert!(session
        .text("#person-signatures")
        .contains("sheet 1, row 4"));
    session.screenshot(&shots.join("person.png"));
    session.click("#person-signatures button.danger");
    session.click("#person-signatures button.danger[id$='-confirm']");
    wait_for_text(
        session,
        "#person-done",
        "The signature was withdrawn and the withdrawal recorded.",
    );
    assert!(
        session.find("#person-signatures").is_none(),
        "no signature left on her page"
    );
    assert_eq!(db_count(db, "SELECT count(*) FROM signatures"), 10);
    assert_eq!(
        db_count(db, "SELECT count(*) FROM consents c JOIN people p ON p.id = c.person_id WHERE p.email = 'nahid@example.org' AND purpose = 'signature' AND given = 0"),
        1
    );
    session.screenshot(&shots.join("person-withdrawn.png"));
    session.click("[data-section='settings']");
    session.wait_for("#pin-current");
    session.execute("document.getElementById('table-settings').scrollIntoView()");
    session.screenshot(&shots.join("settings-table-mode.png"));
}

fn cli(db: &Path, args: &[&str]) -> String {
    let mut all = vec!["--db", db.to_str().unwrap()];
    all.extend_from_slice(args);
    let out = Command::new(APP).args(&all).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Sets a select's value as a person choosing an option would (the change event included).
fn choose(session: &Session, css: &str, value: &str) {
    session.wait_for(css);
    session.execute(&format!(
        "const s = document.querySelector({}); s.value = {}; s.dispatchEvent(new Event('change', {{ bubbles: true }}));",
        serde_json::to_string(css).unwrap(),
        serde_json::to_string(value).unwrap()
    ));
}

fn wait_until(session: &Session, what: &str, script: &str) -> Value {
    let deadline = Instant::now() + Duration::from_secs(45);
    loop {
        let v = session.execute(script);
        if !v.is_null() && v != Value::Bool(false) {
            return v;
        }
        assert!(Instant::now() < deadline, "waited in vain for {what}");
        sleep(Duration::from_millis(100));
    }
}

/// A signer file as the petition platform exports it, but with the city under a header the
/// import does not know ("Wohnort"): 3,000 signers, a row without a name, a Persian name, and a
/// person already in the campaign under a slightly different spelling.
fn petition_file(path: &Path) -> usize {
    let mut csv =
        String::from("uuid,first_name,last_name,email,zip_code,can2_phone,Wohnort,country\r\n");
    for i in 0..3000 {
        csv.push_str(&format!(
            "u{i},Given{i:04},Family{i:04},signer{i}@import-e2e.example.net,1000{},,Berlin,Germany\r\n",
            i % 10
        ));
    }
    // Line 3002: no name.
    csv.push_str("u-x,,,nameless@example.org,,,Köln,DEU\r\n");
    csv.push_str("u-p,\u{0639}\u{0644}\u{06cc},\u{0631}\u{0636}\u{0627}\u{06cc}\u{06cc}zadeh,,,,Tehran,Iran\r\n");
    csv.push_str("u-d,Parvin,Ardalanzadeh,,,,Sanandaj,IR\r\n");
    std::fs::write(path, csv).unwrap();
    3002
}

#[test]
fn the_signer_list_imported_searched_scrolled_merged_and_undone() {
    let one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e2e.db");
    let shots = screenshot_dir();
    cli(&db, &["demo"]);
    let appeals: Value = serde_json::from_str(&cli(&db, &["appeal", "list", "--json"])).unwrap();
    let appeal = appeals[0]["id"].as_str().unwrap().to_owned();
    // Parvin signed a second appeal at a table, spelled a little differently.
    cli(
        &db,
        &["appeal", "add", "second", "--title", "Second appeal"],
    );
    cli(
        &db,
        &[
            "sign",
            "--appeal",
            "second",
            "--given",
            "Parvin",
            "--family",
            "Ardalanzade",
            "--city",
            "Sanandaj",
        ],
    );
    let file = dir.path().join("petition-export.csv");
    let rows = petition_file(&file);
    let people_before = people_count(&db);

    let session = Session::start(APP, &db);
    session.wait_for("[data-stat='people']");

    // Import through the preview: the unknown column is mapped by hand, the nameless row listed.
    session.execute(&format!("location.hash = '#import/{appeal}'"));
    open_through_dialog_titled(
        &session,
        "#import-choose",
        "Choose a file of signers to import",
        &file,
        "#import-counts",
    );
    assert_eq!(
        session.execute("return document.getElementById('map-6').value"),
        ""
    );
    choose(&session, "#map-6", "city");
    wait_until(
        &session,
        "the mapping to be kept",
        "return document.getElementById('map-6').value === 'city'",
    );
    assert_eq!(rows, 3002);
    wait_for_text(&session, "#import-add-count", "3,002");
    let rejected = session.text("#import-rejected");
    assert!(rejected.contains("3002"), "{rejected}");
    assert!(rejected.contains("no name"), "{rejected}");
    session.screenshot(&shots.join("import-preview.png"));
    session.click("#import-commit");
    session.wait_for("#import-report");
    session.screenshot(&shots.join("import-report.png"));
    assert_eq!(people_count(&db), people_before + 3002);
    assert_eq!(
        db_text(&db, "SELECT city || ' ' || country FROM people WHERE email = 'signer7@import-e2e.example.net'"),
        "Berlin DE"
    );

    // Search: the Arabic spelling (ي) finds the Persian one (ی).
    session.execute("location.hash = '#signers'");
    session.type_into(
        "#people-search",
        "\u{0639}\u{0644}\u{064a} \u{0631}\u{0636}\u{0627}\u{064a}\u{064a}",
    );
    wait_until(
        &session,
        "one row for the Persian name",
        "const rows = document.querySelectorAll('#people-list .people-row'); return rows.length === 1 && rows[0].textContent.includes('\u{0639}\u{0644}\u{06cc}');",
    );
    session.screenshot(&shots.join("signers-search-persian.png"));

    // Scroll far into the list: rows come page by page, and only those in view are drawn.
    session.type_into("#people-search", "given");
    wait_until(
        &session,
        "the search's rows",
        "return document.querySelectorAll('#people-list .people-row').length > 0",
    );
    let deepest = wait_until(
        &session,
        "row 2,500",
        "const list = document.getElementById('people-list');
         const scroller = list.querySelector('.people-scroll') || list;
         scroller.scrollTop = scroller.scrollHeight;
         const rows = [...list.querySelectorAll('.people-row')].map(r => Number(r.dataset.index));
         const max = Math.max(...rows);
         return max >= 2500 ? { max, drawn: rows.length } : null;",
    );
    assert!(
        deepest["drawn"].as_i64().unwrap() < 200,
        "only the rows in view are drawn: {deepest}"
    );
    session.screenshot(&shots.join("signers-scrolled.png"));

    // The duplicates queue: Parvin twice, merged, the history joined, then undone.
    session.execute("location.hash = '#duplicates'");
    let pair = wait_until(
        &session,
        "Parvin's pair",
        "const p = [...document.querySelectorAll('.dup-pair')].find(p => p.textContent.includes('Ardalanzade'));
         return p ? [p.dataset.a, p.dataset.b] : null;",
    );
    let (a, b) = (pair[0].as_str().unwrap(), pair[1].as_str().unwrap());
    session.execute(&format!(
        "document.querySelector('.dup-pair[data-a=\"{a}\"]').scrollIntoView()"
    ));
    session.screenshot(&shots.join("duplicates.png"));
    session.click(&format!("#merge-{a}-{b}"));
    session.click(&format!("#merged-link-{a}-{b}"));
    session.wait_for("#person-merges");
    wait_until(
        &session,
        "two signatures",
        "return document.querySelectorAll('#person-signatures li').length === 2",
    );
    assert!(session.text("#person-merges").contains("Parvin"));
    session.screenshot(&shots.join("person-merged.png"));
    assert_eq!(
        db_count(
            &db,
            "SELECT count(*) FROM people WHERE given_name = 'Parvin'"
        ),
        1
    );
    let undo = wait_until(
        &session,
        "the undo button",
        "const b = document.querySelector('[id^=\"undo-merge-\"]'); return b ? b.id : null;",
    );
    session.click(&format!("#{}", undo.as_str().unwrap()));
    wait_until(
        &session,
        "one signature again",
        "return document.querySelectorAll('#person-signatures li').length === 1",
    );
    assert_eq!(
        db_count(
            &db,
            "SELECT count(*) FROM people WHERE given_name = 'Parvin'"
        ),
        2
    );
    session.screenshot(&shots.join("person-merge-undone.png"));
    drop(session);
    drop(one);
}

/// Sets an input's value as typing would (the input event included): WebKit's date and time
/// pickers take no typed keys through WebDriver.
fn set_value(session: &Session, css: &str, value: &str) {
    session.wait_for(css);
    session.execute(&format!(
        "const i = document.querySelector({}); i.value = {}; i.dispatchEvent(new Event('input', {{ bubbles: true }}));",
        serde_json::to_string(css).unwrap(),
        serde_json::to_string(value).unwrap()
    ));
}

fn add_answer(session: &Session, given: &str, family: &str, status: &str) {
    session.type_into("#rsvp-given", given);
    session.type_into("#rsvp-family", family);
    session.type_into("#rsvp-party", "1");
    choose(session, "#rsvp-status", status);
    session.click("#add-rsvp");
}

#[test]
fn an_event_filled_to_its_waitlist_and_its_door_run_by_keyboard() {
    use webdriver::ENTER;
    let NewWindow { session, db, .. } = &new_window();
    let shots = screenshot_dir();
    session.type_into("#campaign-name-input", "Voices at the door");
    session.click("#start-empty");
    session.wait_for("[data-stat='people']");
    session.click("[data-section='settings']");
    session.type_into("#pin-new", "2468");
    session.type_into("#pin-again", "2468");
    session.click("#save-pin");
    wait_for_text(session, "#pin-state", "The PIN is saved.");
    // The appeal collected at the door's table.
    cli(
        db,
        &["appeal", "add", "free-them", "--title", "Free Them Now"],
    );

    // An event with room for two.
    session.click("[data-section='events']");
    session.type_into("#event-title", "Cultural night");
    set_value(session, "#event-starts", "2027-03-11T18:30");
    set_value(session, "#event-ends", "2027-03-11T21:00");
    set_value(session, "#event-tz", "America/Los_Angeles");
    session.type_into("#event-capacity", "2");
    choose(session, "#event-status", "announced");
    let appeal = db_text(db, "SELECT lower(hex(id)) FROM appeals");
    let appeal = format!(
        "{}-{}-{}-{}-{}",
        &appeal[0..8],
        &appeal[8..12],
        &appeal[12..16],
        &appeal[16..20],
        &appeal[20..32]
    );
    choose(session, "#event-appeal", &appeal);
    session.click("#save-event");
    session.wait_for("#event-counts");
    assert_eq!(
        db_count(db, "SELECT count(*) FROM events WHERE capacity = 2"),
        1
    );
    assert_eq!(
        db_text(db, "SELECT starts_at FROM events"),
        "2027-03-12T02:30:00.000Z",
        "6:30 pm in Los Angeles, stored in UTC"
    );

    // Two answers fill it; the third waits.
    add_answer(session, "مریم", "رضایی", "accepted");
    wait_until(
        session,
        "one going",
        "return document.querySelector('#event-counts')?.dataset.places === '1'",
    );
    add_answer(session, "Ana", "Reyes", "accepted");
    wait_until(
        session,
        "two going",
        "return document.querySelector('#event-counts')?.dataset.places === '2'",
    );
    add_answer(session, "Bo", "Chen", "accepted");
    wait_until(
        session,
        "one waiting",
        "return document.querySelector('#event-counts')?.dataset.waitlisted === '1'",
    );
    let bo = db_text(db, "SELECT r.status FROM rsvps r JOIN people p ON p.id = r.person_id WHERE p.given_name = 'Bo'");
    assert_eq!(bo, "waitlisted");
    session.screenshot(&shots.join("event-full.png"));

    // Ana cancels: Bo moves up, and the page says so.
    let ana = db_text(
        db,
        "SELECT lower(hex(r.id)) FROM rsvps r JOIN people p ON p.id = r.person_id WHERE p.given_name = 'Ana'",
    );
    let ana = format!(
        "{}-{}-{}-{}-{}",
        &ana[0..8],
        &ana[8..12],
        &ana[12..16],
        &ana[16..20],
        &ana[20..32]
    );
    let row = format!("tr[data-rsvp='{ana}']");
    choose(session, &format!("{row} .rsvp-status"), "cancelled");
    session.click(&format!("{row} .rsvp-save"));
    wait_until(
        session,
        "the waitlist moved up",
        "return document.querySelector('#event-counts')?.dataset.waitlisted === '0'",
    );
    assert_eq!(
        db_text(db, "SELECT r.status || (r.promoted_at IS NOT NULL) FROM rsvps r JOIN people p ON p.id = r.person_id WHERE p.given_name = 'Bo'"),
        "accepted1"
    );
    session.screenshot(&shots.join("event-promoted.png"));

    // Luma's guest list through the native dialog: previewed, then imported; the full event
    // puts the approved guest on its waitlist, and the unknown word is rejected by line.
    let guests = db.with_file_name("luma-guests.csv");
    std::fs::write(
        &guests,
        "api_id,name,first_name,last_name,email,phone_number,created_at,approval_status,checked_in_at\n\
         g1,Lin Chen,Lin,Chen,linchen@example.org,,2027-03-01T10:00:00.000Z,approved,\n\
         g2,Sam Hill,Sam,Hill,sam@example.org,,2027-03-01T11:00:00.000Z,declined,\n\
         g3,Kim Park,Kim,Park,kim@example.org,,2027-03-01T12:00:00.000Z,perhaps,\n",
    )
    .unwrap();
    session.click("#import-rsvps");
    open_through_dialog_titled(
        session,
        "#rsvp-import-choose",
        "Choose a CSV file",
        &guests,
        "#rsvp-import-summary",
    );
    assert_eq!(
        session
            .attribute("#rsvp-import-summary", "data-add")
            .as_deref(),
        Some("2")
    );
    assert!(session.text("#rsvp-import-preview").contains("Line 4"));
    session.screenshot(&shots.join("rsvp-import-preview.png"));
    session.click("#rsvp-import-commit");
    session.wait_for("#rsvp-import-done:not(:empty)");
    assert_eq!(
        db_text(db, "SELECT r.status FROM rsvps r JOIN people p ON p.id = r.person_id WHERE p.email = 'linchen@example.org'"),
        "waitlisted"
    );
    session.execute("history.back()");
    session.wait_for("#open-door");

    // The door, by keyboard: the Arabic spelling of a Persian name finds her; Enter checks her
    // in, Ctrl+Z takes it back, Enter again.
    session.click("#open-door");
    session.wait_for("#door-search");
    assert_eq!(
        session.execute("return document.activeElement.id"),
        "door-search"
    );
    assert_eq!(
        session.find("#door-results li"),
        None,
        "nothing listed before typing"
    );
    session.keys("رضاي");
    session.wait_for("#door-results .door-row");
    session.screenshot(&shots.join("door-search.png"));
    session.keys(&ENTER.to_string());
    wait_until(
        session,
        "one arrival",
        "return document.getElementById('door-count').dataset.arrived === '1'",
    );
    assert_eq!(
        db_count(
            db,
            "SELECT count(*) FROM rsvps WHERE attendance = 'attended'"
        ),
        1
    );
    session.ctrl('z');
    wait_until(
        session,
        "the undo",
        "return document.getElementById('door-count').dataset.arrived === '0'",
    );
    assert_eq!(
        db_count(
            db,
            "SELECT count(*) FROM rsvps WHERE attendance = 'attended'"
        ),
        0
    );
    session.keys("bo");
    session.wait_for("#door-results .door-row");
    session.keys(&ENTER.to_string());
    wait_until(
        session,
        "Bo arrived",
        "return document.getElementById('door-count').dataset.arrived === '1'",
    );

    // A walk-in who signs the appeal and gives cash.
    session.click("#door-walk-in");
    session.type_into("#walk-given", "Lin");
    session.type_into("#walk-family", "Wu");
    session.type_into("#walk-email", "lin@example.org");
    session.type_into("#walk-city", "Oakland");
    session.click("#walk-sign");
    session.wait_for("#walk-display-name_city");
    wait_until(
        session,
        "the consent wording",
        "return document.getElementById('walk-consent').textContent.length > 10",
    );
    session.click("#walk-display-name_city");
    assert_eq!(
        session.text("#walk-preview"),
        "It will appear as: Lin W., Oakland"
    );
    session.execute("document.getElementById('walk-gift').scrollIntoView()");
    session.type_into("#walk-gift", "20");
    session.screenshot(&shots.join("door-walk-in.png"));
    session.click("#walk-save");
    wait_until(
        session,
        "the walk-in arrived",
        "return document.getElementById('door-count').dataset.arrived === '2'",
    );
    assert!(session
        .text("#door-message")
        .contains("Their signature is saved."));
    assert_eq!(
        db_count(db, "SELECT count(*) FROM signatures s JOIN people p ON p.id = s.person_id WHERE p.email = 'lin@example.org' AND s.event_id IS NOT NULL AND s.display = 'name_city'"),
        1
    );
    assert_eq!(db_count(db, "SELECT count(*) FROM donations WHERE amount_minor = 2000 AND method = 'cash' AND event_id IS NOT NULL"), 1);
    assert_eq!(
        db_count(
            db,
            "SELECT count(*) FROM rsvps WHERE source = 'walk_in' AND attendance = 'attended'"
        ),
        1
    );
    session.screenshot(&shots.join("door.png"));

    // Leaving needs the PIN; the event's page follows.
    session.click("#door-leave");
    session.type_into("#door-pin", "1111");
    session.click("#door-pin-ok");
    session.wait_for("#door-pin-message:not(:empty)");
    assert!(
        session.find("#door-search").is_some(),
        "a wrong PIN keeps the door"
    );
    sleep(Duration::from_millis(1100)); // the wrong PIN's wait
    session.type_into("#door-pin", "2468");
    session.click("#door-pin-ok");
    session.wait_for("#event-counts");
    assert_eq!(
        db_text(
            db,
            "SELECT coalesce((SELECT value FROM local_settings WHERE key = 'door_event'), '')"
        ),
        ""
    );
}

/// A row's id as the window names it (hyphenated), from the database's bytes.
fn db_id(db: &Path, sql: &str) -> String {
    let hex = db_text(db, &format!("SELECT lower(hex(id)) FROM ({sql})"));
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// The treasurer's evening at an event table, in the real window, on the sample campaign: a
/// cash box opened with a float, a cash gift recorded into a fund whose progress moves, the box
/// counted by two people a little short, then the gift voided with a reason and found in the
/// audit trail, the fund's progress back where it was. Screenshots of the Money screen, a fund,
/// a gift and the cash box.
#[test]
fn money_at_an_event_table_counted_voided_and_the_fund_moves() {
    let NewWindow { session, db, .. } = &new_window();
    session.click("#load-sample");
    session.wait_for("[data-stat='people']");
    let progress = |session: &Session| -> i64 {
        session.click("[data-section='money']");
        session.wait_for("#fund-progress-magazine-ads");
        session
            .attribute("#fund-progress-magazine-ads", "data-percent")
            .unwrap()
            .parse()
            .unwrap()
    };
    let before = progress(session);
    session.wait_for("#ledger-table tbody tr");
    session.screenshot(&screenshot_dir().join("money.png"));
    session.execute("document.getElementById('ledger').scrollIntoView()");
    session.screenshot(&screenshot_dir().join("money-ledger.png"));
    // The gifts per month and the funds' progress, drawn by the vendored Chart.js.
    wait_until(
        session,
        "the money charts",
        "const c = document.querySelector('#money-charts canvas');
         return !!(c && window.Chart && Chart.getChart(c));",
    );
    session.execute("document.getElementById('money-charts').scrollIntoView()");
    session.screenshot(&screenshot_dir().join("money-charts.png"));
    // The gift form reads back what was typed, in the reader's way of writing numbers.
    session.execute("document.getElementById('record-gift').scrollIntoView()");
    session.click("#record-gift");
    session.wait_for("#gift-amount");
    session.type_into("#gift-amount", "12.345");
    wait_until(
        session,
        "the amount refused",
        "const e = document.getElementById('gift-understood'); return e && e.textContent.includes('more decimals');",
    );
    session.screenshot(&screenshot_dir().join("money-gift-form.png"));
    // Settings: the organization that issues receipts, and the rates for estimates.
    session.click("[data-section='settings']");
    session.wait_for("#money-settings #org-name");
    session.execute("document.getElementById('money-settings').scrollIntoView()");
    session.screenshot(&screenshot_dir().join("settings-money.png"));

    // The book talk's table: a cash box with a $50 float.
    let event = db_id(db, "SELECT id FROM events WHERE title LIKE 'Book talk%'");
    session.execute(&format!("location.hash = '#event/{event}'"));
    session.wait_for("#open-cash-box");
    session.click("#open-cash-box");
    session.wait_for("#cashbox-float");
    set_value(session, "#cashbox-currency", "USD");
    set_value(session, "#cashbox-float", "50");
    set_value(session, "#cashbox-opened-by", "Dana");
    session.click("#cashbox-open");
    wait_for_text(session, "#cashbox-expected", "$50.00");

    // A $40 cash gift for the magazine ads, typed as a volunteer would.
    session.click("#cashbox-record-gift");
    session.wait_for("#gift-amount");
    session.click("#gift-donor-anonymous");
    session.type_into("#gift-amount", "40");
    wait_until(
        session,
        "the amount understood",
        "const e = document.getElementById('gift-understood'); return e && e.textContent.includes('$40.00');",
    );
    let fund = db_id(db, "SELECT id FROM funds WHERE slug = 'magazine-ads'");
    choose(session, "#gift-fund", &fund);
    set_value(session, "#gift-entered-by", "Dana");
    session.click("#gift-save");
    wait_for_text(session, "#cashbox-expected", "$90.00");
    let gift = db_id(
        db,
        "SELECT id FROM donations WHERE event_id = (SELECT id FROM events WHERE title LIKE 'Book talk%') AND amount_minor = 4000",
    );
    assert_eq!(
        db_text(db, "SELECT method || ' ' || entered_by FROM donations WHERE amount_minor = 4000 AND event_id IS NOT NULL AND fund_id IS NOT NULL ORDER BY created_at DESC LIMIT 1"),
        "cash Dana"
    );

    // Counted by two at the end: $85, five dollars short.
    session.click("#cashbox-mode-total");
    set_value(session, "#cashbox-counted", "85");
    set_value(session, "#cashbox-counted-by", "Dana");
    set_value(session, "#cashbox-second-counter", "Reza");
    session.click("#cashbox-close");
    session.wait_for("#cashbox-difference");
    assert_eq!(
        session
            .attribute("#cashbox-difference", "data-difference")
            .as_deref(),
        Some("-5.00")
    );
    assert_eq!(
        db_text(db, "SELECT counted_minor || ' ' || expected_minor || ' ' || counted_by || ' ' || second_counter FROM cash_counts WHERE float_minor = 5000"),
        "8500 9000 Dana Reza"
    );
    session.screenshot(&screenshot_dir().join("cashbox.png"));

    // The fund's progress moved by the gift.
    let with_gift = progress(session);
    let (goal, raised): (i64, i64) = (
        db_count(db, "SELECT goal_minor FROM funds WHERE slug = 'magazine-ads'"),
        db_count(db, "SELECT sum(amount_minor - refunded_minor) FROM donations WHERE voided_at IS NULL AND fund_id = (SELECT id FROM funds WHERE slug = 'magazine-ads')"),
    );
    assert_eq!(with_gift, raised * 100 / goal);
    assert!(with_gift > before, "{before}% then {with_gift}%");
    session.execute(&format!("location.hash = '#fund/{fund}'"));
    session.wait_for("#fund-donations");
    session.screenshot(&screenshot_dir().join("fund.png"));

    // Voided with a reason: the gift stays, marked, and the trail says who and why.
    session.execute(&format!("location.hash = '#donation/{gift}'"));
    session.wait_for("#gift-void");
    session.click("#gift-void");
    session.type_into("#void-reason", "Counted twice: it was part of the float");
    session.click("#void-confirm");
    session.wait_for("#voided-banner");
    wait_until(
        session,
        "the void in the audit trail",
        "const t = document.getElementById('audit-trail'); return t && t.textContent.includes('Counted twice: it was part of the float');",
    );
    assert_eq!(
        db_text(
            db,
            &format!(
                "SELECT void_reason FROM donations WHERE lower(hex(id)) = '{}'",
                gift.replace('-', "")
            )
        ),
        "Counted twice: it was part of the float"
    );
    assert_eq!(
        db_count(db, &format!("SELECT count(*) FROM money_audit WHERE lower(hex(subject_id)) = '{}' AND action IN ('created', 'voided')", gift.replace('-', ""))),
        2
    );
    session.screenshot(&screenshot_dir().join("donation-voided.png"));
    assert_eq!(progress(session), before, "a voided gift counts nowhere");

    // A gift that needs a receipt: its page says what the acknowledgement must hold.
    let big = db_id(
        db,
        "SELECT id FROM donations WHERE kind = 'gift' AND returned_minor > 0 LIMIT 1",
    );
    session.execute(&format!("location.hash = '#donation/{big}'"));
    session.wait_for("#gift-acknowledgement");
    assert_eq!(
        session
            .attribute("#gift-acknowledgement", "data-needed")
            .as_deref(),
        Some("true")
    );
    session.screenshot(&screenshot_dir().join("donation-receipt.png"));

    // An expense paid from the magazine fund, recorded from the Money screen.
    session.click("[data-section='money']");
    session.wait_for("#record-expense");
    session.click("#record-expense");
    session.wait_for("#expense-amount");
    session.type_into("#expense-amount", "120");
    session.type_into("#expense-payee", "World Affairs Weekly");
    choose(session, "#expense-fund", &fund);
    set_value(session, "#expense-entered-by", "Dana");
    session.screenshot(&screenshot_dir().join("money-expense-form.png"));
    session.click("#expense-save");
    session.wait_for("#money-saved-link");
    assert_eq!(
        db_count(db, "SELECT count(*) FROM expenses WHERE payee = 'World Affairs Weekly' AND amount_minor = 12000"),
        1
    );
    session.click("#money-saved-link");
    session.wait_for("#expense-title");
    session.screenshot(&screenshot_dir().join("expense.png"));

    // PayPal's activity download through the native dialog: previewed, then imported once.
    let file = db.with_file_name("paypal.csv");
    std::fs::write(
        &file,
        "\u{feff}\"Date\",\"Time\",\"TimeZone\",\"Name\",\"Type\",\"Status\",\"Currency\",\"Gross\",\"Fee\",\"Net\",\"From Email Address\",\"Transaction ID\",\"Reference Txn ID\"\r\n\
         \"1/15/2027\",\"09:00:00\",\"PST\",\"Ana Ruiz\",\"Donation Payment\",\"Completed\",\"USD\",\"50.00\",\"-1.75\",\"48.25\",\"ana.ruiz@example.org\",\"5AB01\",\"\"\r\n\
         \"1/18/2027\",\"09:00:00\",\"PST\",\"\",\"General Withdrawal\",\"Completed\",\"USD\",\"-48.25\",\"0.00\",\"-48.25\",\"\",\"5AB04\",\"\"\r\n\
         \"1/19/2027\",\"09:00:00\",\"PST\",\"Jo Park\",\"Donation Payment\",\"Pending\",\"USD\",\"30.00\",\"-1.17\",\"28.83\",\"jo@example.org\",\"5AB05\",\"\"\r\n",
    )
    .unwrap();
    session.click("[data-section='money']");
    session.click("#import-donations");
    session.wait_for("#donation-import-choose");
    choose(session, "#donation-import-fund", &fund);
    open_through_dialog_titled(
        session,
        "#donation-import-choose",
        "Choose a CSV file",
        &file,
        "#donation-import-summary",
    );
    assert_eq!(
        session
            .attribute("#donation-import-summary", "data-new")
            .as_deref(),
        Some("1")
    );
    assert!(session.text("#donation-import-warned").contains("Line 3"));
    session.screenshot(&screenshot_dir().join("donation-import.png"));
    session.click("#donation-import-commit");
    session.wait_for("#donation-import-done a");
    assert_eq!(
        db_count(db, "SELECT count(*) FROM donations WHERE transaction_id = '5AB01' AND fee_minor = 175 AND fund_id IS NOT NULL"),
        1
    );
}

/// A CLI command on an encrypted database, with its passphrase in the environment.
fn cli_keyed(db: &Path, passphrase: &str, args: &[&str]) -> String {
    let out = Command::new(APP)
        .arg("--db")
        .arg(db)
        .args(args)
        .env("CAMPAIGN_DESK_PASSPHRASE", passphrase)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Whether `word` can be read (UTF-8) in any file under `dir`.
fn readable_anywhere(dir: &Path, word: &str) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(readable_anywhere(&path, word));
        } else if std::fs::read(&path)
            .unwrap()
            .windows(word.len())
            .any(|w| w == word.as_bytes())
        {
            found.push(path.display().to_string());
        }
    }
    found
}

#[test]
fn a_campaign_encrypted_from_the_welcome_screen_locked_unlocked_backed_up_and_restored() {
    const PASSPHRASE: &str = "seven green lanterns at dawn";
    // Bound by name: a field left to `..` of a moved value is dropped at once, and with it
    // the one-window-at-a-time guard (the session is dropped midway, so not `&new_window()`).
    let NewWindow {
        session,
        db,
        _dir,
        _one,
    } = new_window();
    let dir = _dir.path();

    // Protected from the start: two passphrases that differ are caught before anything.
    session.type_into("#campaign-name-input", "Quiet Campaign");
    session.click("#protect");
    session.type_into("#protect-passphrase", PASSPHRASE);
    session.type_into("#protect-again", "seven green lanterns at dusk");
    session.screenshot(&screenshot_dir().join("welcome-protect.png"));
    session.click("#start-empty");
    wait_for_text(
        &session,
        "#protect-problem",
        "The two passphrases are not the same.",
    );
    session.execute("document.getElementById('protect-again').value = ''");
    session.type_into("#protect-again", PASSPHRASE);
    session.click("#start-empty");
    session.wait_for("[data-stat='people']");
    assert!(!std::fs::read(&db).unwrap().starts_with(b"SQLite format 3"));
    let out = Command::new(APP)
        .args(["--db", db.to_str().unwrap(), "stats"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("is encrypted"));

    // Signers arrive (from a script beside the window); none is readable in any file.
    cli_keyed(
        &db,
        PASSPHRASE,
        &["appeal", "add", "quiet", "--title", "Quiet appeal"],
    );
    for n in 0..5 {
        cli_keyed(
            &db,
            PASSPHRASE,
            &[
                "sign",
                "--appeal",
                "quiet",
                "--given",
                &format!("Soraya{n}"),
                "--family",
                "Unreadable",
                "--city",
                "Mashhad",
                "--country",
                "IR",
            ],
        );
    }

    // Settings: a backup now, listed with its time.
    session.click("[data-section='settings']");
    session.wait_for("#encryption-state");
    assert_eq!(
        session.text("#encryption-state"),
        "This campaign is encrypted with a passphrase."
    );
    session.click("#backup-now");
    session.wait_for("#backup-table tbody tr");
    assert!(session
        .text("#backup-said")
        .starts_with("Backup campaign-desk-"));
    session.execute("document.getElementById('safety-settings').scrollIntoView()");
    session.screenshot(&screenshot_dir().join("settings-safety.png"));

    // Lock: the page is thrown away; the unlock screen shows nothing of the campaign.
    session.click("#lock-now");
    session.wait_for("#unlock-passphrase");
    let shown = session.execute("return document.body.innerText");
    let shown = shown.as_str().unwrap();
    for secret in ["Quiet Campaign", "Soraya", "Settings"] {
        assert!(
            !shown.contains(secret),
            "{secret} shown while locked: {shown}"
        );
    }
    assert!(session.find("[data-section]").is_none());
    // The store is closed: a command from the page gets nothing.
    let refused = session.execute(
        "return window.__TAURI_INTERNALS__.invoke('dashboard_stats').then(() => 'answered', (e) => e.code)",
    );
    assert_eq!(refused, "conflict");
    session.screenshot(&screenshot_dir().join("unlock.png"));
    session.type_into("#unlock-passphrase", "seven green lanterns at noon");
    session.click("#unlock-button");
    wait_for_text(
        &session,
        "#unlock-problem",
        "That passphrase does not open this campaign. Nothing was changed; check it and try again (capital letters and the keyboard's language count).",
    );
    session.screenshot(&screenshot_dir().join("unlock-wrong.png"));
    session.type_into("#unlock-passphrase", PASSPHRASE);
    session.click("#unlock-button");
    // Back where it was locked.
    session.wait_for("#encryption-state");

    // The idle lock: after a minute without a touch, locked again.
    set_value(&session, "#lock-minutes", "1");
    session.click("#save-lock");
    wait_for_text(&session, "#lock-saved", "Saved.");
    session.execute("location.reload()");
    session.wait_for("#encryption-state");
    sleep(Duration::from_secs(62));
    session.wait_for("#unlock-passphrase");
    session.type_into("#unlock-passphrase", PASSPHRASE);
    session.click("#unlock-button");
    session.wait_for("#backup-table tbody tr");

    // Restore the backup (made before the sixth signer): asked once more, with its passphrase.
    cli_keyed(
        &db,
        PASSPHRASE,
        &[
            "sign",
            "--appeal",
            "quiet",
            "--given",
            "Soraya5",
            "--family",
            "Unreadable",
        ],
    );
    session.click("#backup-table tbody tr button");
    session.wait_for("#restore-passphrase");
    session.type_into("#restore-passphrase", PASSPHRASE);
    session.screenshot(&screenshot_dir().join("restore-confirm.png"));
    session.click("#restore-yes");
    session.wait_for("#backup-said");
    wait_until(
        &session,
        "the restore to finish",
        "return document.getElementById('backup-said').textContent.startsWith('Restored.')",
    );
    let people = cli_keyed(&db, PASSPHRASE, &["stats", "--json"]);
    let people: Value = serde_json::from_str(&people).unwrap();
    assert_eq!(
        people["people"], 5,
        "the sixth signer came after the backup"
    );
    let aside: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".before-restore-"))
        .collect();
    assert!(!aside.is_empty(), "the campaign as it was is kept");

    // Soraya0 asks for her data, then to be erased: her page saves it and erases her.
    let found = cli_keyed(&db, PASSPHRASE, &["people", "search", "Soraya0", "--json"]);
    let found: Value = serde_json::from_str(&found).unwrap();
    let soraya = found[0]["id"].as_str().unwrap().to_owned();
    session.execute(&format!("location.hash = '#person/{soraya}'"));
    session.wait_for("#person-rights");
    let saved = dir.join("soraya.json");
    through_dialog(
        &session,
        "#person-export",
        "Save everything about this person",
        &saved,
        "#rights-said:not(:empty)",
        true,
    );
    let record: Value = serde_json::from_str(&std::fs::read_to_string(&saved).unwrap()).unwrap();
    assert_eq!(record["person"]["given_name"], "Soraya0");
    std::fs::remove_file(&saved).unwrap();
    session.click("#person-erase");
    session.wait_for("#person-erase-yes");
    session.execute("document.getElementById('person-rights').scrollIntoView()");
    session.screenshot(&screenshot_dir().join("person-erase.png"));
    session.click("#person-erase-yes");
    wait_until(
        &session,
        "the signer list",
        "return location.hash === '#signers'",
    );
    let found = cli_keyed(&db, PASSPHRASE, &["people", "search", "Soraya0", "--json"]);
    assert_eq!(
        serde_json::from_str::<Value>(&found).unwrap(),
        serde_json::json!([])
    );

    // Nothing the app wrote holds a readable name: database, WAL, backups, the set-aside file.
    assert_eq!(readable_anywhere(dir, "Soraya"), Vec::<String>::new());
    assert_eq!(readable_anywhere(dir, "Mashhad"), Vec::<String>::new());
    drop(session);

    // A damaged file: after the passphrase, its own screen with the newest good backup.
    let mut bytes = std::fs::read(&db).unwrap();
    for b in &mut bytes[300..360] {
        *b ^= 0x33;
    }
    std::fs::write(&db, &bytes).unwrap();
    let session = webdriver::Session::start(APP, &db);
    session.wait_for("#unlock-passphrase");
    session.type_into("#unlock-passphrase", PASSPHRASE);
    session.click("#unlock-button");
    session.wait_for("#damaged-backups");
    assert_eq!(std::fs::read(&db).unwrap(), bytes, "never written to");
    session.type_into("#damaged-passphrase", PASSPHRASE);
    session.screenshot(&screenshot_dir().join("damaged.png"));
    session.click("#damaged-backups li:first-child button");
    session.wait_for("[data-stat='people']");
    // The backup was made before Soraya0 was erased: restored, she is erased again.
    assert_eq!(shown_count(&session, "people"), 4);
}

/// The text of a PDF, as poppler reads it.
fn pdf_text(file: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(file)
        .arg("-")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// An organizer prints from the sample campaign: a flyer from its event's page, previewed in
/// English and then in Farsi beside English, with a photo, saved through the save dialog; then a
/// sign-up sheet from the appeal's page, registered under the next number. Screenshots of the
/// Print screen with each preview.
#[test]
fn a_flyer_a_sheet_reports_and_receipts_previewed_and_saved_from_the_print_screen() {
    use std::os::unix::fs::PermissionsExt;
    let NewWindow {
        session, db, _dir, ..
    } = &new_window();
    session.click("#load-sample");
    session.wait_for("[data-stat='people']");
    let event = db_id(
        db,
        "SELECT id FROM events WHERE title LIKE 'Voices for Freedom%'",
    );
    let title = db_text(
        db,
        "SELECT title FROM events WHERE title LIKE 'Voices for Freedom%'",
    );
    session.execute(&format!("location.hash = '#event/{event}'"));
    session.wait_for("#print-flyer");
    session.click("#print-flyer");
    let preview = "const i = document.getElementById('print-preview'); \
        return i && i.complete && i.naturalWidth > 0 && document.getElementById('view').getAttribute('aria-busy') !== 'true' ? i.src : null";
    let first = wait_until(session, "the flyer's preview", preview);
    assert!(first
        .as_str()
        .unwrap()
        .starts_with("data:image/svg+xml;base64,"));
    assert_eq!(
        session.execute("return document.getElementById('print-kind').value"),
        "flyer"
    );
    assert_eq!(
        session.execute("return document.getElementById('print-event').value"),
        event.as_str()
    );
    wait_for_text(session, "#print-pages", "One page");
    session.screenshot(&screenshot_dir().join("print-flyer.png"));

    // Farsi beside English, with a photo: the preview changes.
    choose(session, "#print-lang", "fa");
    choose(session, "#print-second", "en");
    choose(session, "#print-layout", "side_by_side");
    let photo = Path::new(env!("CARGO_MANIFEST_DIR")).join("icons/128x128.png");
    through_dialog(
        session,
        "#print-photo",
        "Choose a photo for the flyer",
        &photo,
        "#print-photo-clear:not([hidden])",
        false,
    );
    wait_for_text(session, "#print-photo-name", "128x128.png");
    let script = format!(
        "const i = document.getElementById('print-preview'); return i.complete && i.src !== {} && document.getElementById('view').getAttribute('aria-busy') !== 'true' ? i.src : null",
        serde_json::to_string(first.as_str().unwrap()).unwrap()
    );
    wait_until(session, "the bilingual preview", &script);
    session.screenshot(&screenshot_dir().join("print-flyer-fa-en.png"));

    let saved = _dir.path().join("voices-flyer.pdf");
    through_dialog(
        session,
        "#print-save",
        "Save the document as PDF",
        &saved,
        "#print-open:not([hidden])",
        true,
    );
    wait_for_text(session, "#print-saved", "Saved voices-flyer.pdf: one page.");
    let mode = std::fs::metadata(&saved).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "the PDF is the user's alone");
    let text = pdf_text(&saved);
    assert!(text.contains("زمان") && text.contains("When"), "{text}");
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains(title.split(':').next().unwrap()), "{text}");
    let images = Command::new("pdfimages")
        .arg("-list")
        .arg(&saved)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&images.stdout)
            .lines()
            .skip(2)
            .count(),
        2,
        "the photo on each side"
    );

    // A sign-up sheet from the appeal's page, numbered when saved.
    let appeal = db_id(db, "SELECT id FROM appeals WHERE slug = 'emergency-appeal'");
    let sheets_before = db_count(db, "SELECT count(*) FROM paper_sheets");
    session.execute(&format!("location.hash = '#appeal/{appeal}'"));
    session.wait_for("#print-sheet");
    session.click("#print-sheet");
    wait_until(session, "the sheet's preview", preview);
    assert_eq!(
        session.execute("return document.getElementById('print-kind').value"),
        "sheet"
    );
    set_value(session, "#print-rows", "12");
    session.screenshot(&screenshot_dir().join("print-sheet.png"));
    assert_eq!(
        db_count(db, "SELECT count(*) FROM paper_sheets"),
        sheets_before,
        "a preview registers nothing"
    );
    let sheet = _dir.path().join("sheet.pdf");
    let number = db_count(
        db,
        "SELECT coalesce(max(number), 0) + 1 FROM paper_sheets
          WHERE appeal_id = (SELECT id FROM appeals WHERE slug = 'emergency-appeal')",
    );
    through_dialog(
        session,
        "#print-save",
        "Save the document as PDF",
        &sheet,
        "#print-saved:not(:empty)",
        true,
    );
    wait_for_text(
        session,
        "#print-saved",
        &format!("Saved sheet.pdf as sheet {number}: one page."),
    );
    assert_eq!(
        db_count(db, "SELECT count(*) FROM paper_sheets"),
        sheets_before + 1
    );
    let text = pdf_text(&sheet);
    assert!(
        text.contains(&format!("Sheet {number}")) && text.contains("12"),
        "{text}"
    );
    reports_and_receipts_on_the_print_screen(session, db, _dir.path());
}

/// The same window: the fundraising report from a fund's page (in Farsi too), then the
/// receipts still owed from the Money screen, issued in a batch and one file per donor, and a
/// copy of one from its gift's page.
fn reports_and_receipts_on_the_print_screen(session: &Session, db: &Path, dir: &Path) {
    let ready = "const i = document.getElementById('print-preview'); \
        return i && i.complete && i.naturalWidth > 0 && i.dataset.kind === KIND && document.getElementById('view').getAttribute('aria-busy') !== 'true' ? i.src : null";
    let fund = db_id(db, "SELECT id FROM funds WHERE slug = 'newspaper-ad'");
    session.execute(&format!("location.hash = '#fund/{fund}'"));
    session.wait_for("#print-fundraising");
    session.click("#print-fundraising");
    let en = wait_until(
        session,
        "the fundraising report's preview",
        &ready.replace("KIND", "'report_fundraising'"),
    );
    assert_eq!(
        session.execute("return document.getElementById('print-whole').checked"),
        true,
        "the whole of the books unless a period is chosen"
    );
    choose(session, "#print-lang", "fa");
    let fa = format!(
        "{} && i.src !== {}",
        ready
            .replace("KIND", "'report_fundraising'")
            .trim_end_matches(" ? i.src : null"),
        serde_json::to_string(en.as_str().unwrap()).unwrap()
    );
    wait_until(
        session,
        "the Farsi report's preview",
        &format!("{fa} ? i.src : null"),
    );
    session.screenshot(&screenshot_dir().join("print-report-fundraising-fa.png"));
    choose(session, "#print-lang", "en");

    // The gifts owed a receipt, listed ticked; one left out of the batch.
    session.execute("location.hash = '#money'");
    session.wait_for("#print-owed-receipts");
    session.click("#print-owed-receipts");
    wait_until(
        session,
        "the owed receipts' preview",
        &ready.replace("KIND", "'receipts'"),
    );
    let owed = session
        .execute("return document.querySelectorAll('#print-owed input[type=checkbox]').length")
        .as_i64()
        .unwrap();
    assert!(owed >= 3, "the sample owes receipts");
    wait_for_text(
        session,
        "#print-owed-count",
        &format!("{owed} gifts are owed a receipt."),
    );
    let issued = db_count(db, "SELECT count(*) FROM receipts");
    session.execute("document.querySelector('#print-owed input[type=checkbox]').click()");
    wait_for_text(session, "#print-pages", &format!("{} pages", owed - 1));
    session.screenshot(&screenshot_dir().join("print-receipts-owed.png"));
    let batch = dir.join("receipts.pdf");
    through_dialog(
        session,
        "#print-save",
        "Save the document as PDF",
        &batch,
        "#print-saved:not(:empty)",
        true,
    );
    wait_for_text(
        session,
        "#print-saved",
        &format!("Saved receipts.pdf: {} pages.", owed - 1),
    );
    wait_for_text(session, "#print-owed-count", "One gift is owed a receipt.");
    assert_eq!(
        db_count(db, "SELECT count(*) FROM receipts"),
        issued + owed - 1
    );
    let text = pdf_text(&batch);
    assert_eq!(
        text.matches("Receipt number: R-").count() as i64,
        owed - 1,
        "{text}"
    );
    assert!(!text.contains("COPY"));

    // The last one, as one PDF per donor in a new folder.
    session.click("#print-per-donor");
    let folder = dir.join("receipts for the donor");
    through_dialog(
        session,
        "#print-save",
        "Name the folder for the receipts",
        &folder,
        "#print-owed p.hint",
        true,
    );
    wait_for_text(
        session,
        "#print-owed",
        "Every gift that needs a receipt has one.",
    );
    wait_for_text(
        session,
        "#print-saved",
        "Saved one receipt file in the folder receipts for the donor.",
    );
    let files: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(pdf_text(&files[0]).contains("Receipt number: R-"));
    assert_eq!(db_count(db, "SELECT count(*) FROM receipts"), issued + owed);
    wait_for_text(
        session,
        "#print-pages",
        "Every gift that needs a receipt has one.",
    );
    assert_eq!(
        session.execute("return document.getElementById('print-preview').hidden"),
        true,
        "no empty frame where no page is"
    );
    session.screenshot(&screenshot_dir().join("print-receipts-done.png"));

    // A copy from the gift's page: the same number, marked, counted.
    let gift = db_id(
        db,
        "SELECT donation_id AS id FROM receipts ORDER BY number LIMIT 1",
    );
    let number = db_text(
        db,
        "SELECT prefix || printf('%04d', number) FROM receipts ORDER BY number LIMIT 1",
    );
    session.execute(&format!("location.hash = '#donation/{gift}'"));
    session.wait_for("#receipt-copy");
    session.click("#receipt-copy");
    wait_until(
        session,
        "the copy's preview",
        &ready.replace("KIND", "'receipt'"),
    );
    let copy = dir.join("copy.pdf");
    through_dialog(
        session,
        "#print-save",
        "Save the document as PDF",
        &copy,
        "#print-saved:not(:empty)",
        true,
    );
    wait_for_text(session, "#print-saved", "Saved copy.pdf: one page.");
    let text = pdf_text(&copy);
    assert!(text.contains("COPY") && text.contains(&number), "{text}");
    assert_eq!(
        db_count(db, "SELECT copies FROM receipts ORDER BY number LIMIT 1"),
        1
    );
}

/// A message of a window catalog (ui/messages/LANG.js), as the catalog writes it.
fn catalog_text(lang: &str, key: &str) -> String {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("ui/messages/{lang}.js"));
    let text = std::fs::read_to_string(file).unwrap();
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with(&format!("\"{key}\":")))
        .unwrap_or_else(|| panic!("{lang}.js has no {key}"));
    let quoted = line.split_once(':').unwrap().1.trim().trim_end_matches(',');
    serde_json::from_str(quoted).unwrap()
}

/// Every text the window shows now, where a reader meets it: the text of displayed elements,
/// and the placeholders, labels, titles and alternative texts of displayed ones.
const VISIBLE_TEXT: &str = r#"
const out = [];
const shown = (e) => e && !e.closest('[hidden], script, style, noscript') && e.getClientRects().length > 0;
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let n; (n = walker.nextNode());) {
  const p = n.parentElement;
  const text = n.textContent.trim();
  if (text && (shown(p) || (p.tagName === 'OPTION' && shown(p.closest('select'))))) out.push(text);
}
for (const e of document.querySelectorAll('[placeholder], [aria-label], [title], img[alt]')) {
  if (!shown(e)) continue;
  for (const a of ['placeholder', 'aria-label', 'title', 'alt']) if (e.getAttribute(a)) out.push(e.getAttribute(a));
}
return out;
"#;

/// The words in Latin letters of `text`: in a Farsi window, each one came from somewhere, and
/// the Farsi catalog or the campaign's own data must be where.
fn latin_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 2)
        .map(str::to_lowercase)
}

/// Every word in Latin letters of the campaign's data: each text cell of every table.
fn data_words(db: &Path) -> std::collections::HashSet<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut words = std::collections::HashSet::new();
    for table in tables {
        let mut rows = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let columns = rows.column_count();
        let mut rows = rows.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            for i in 0..columns {
                if let rusqlite::types::ValueRef::Text(t) = row.get_ref(i).unwrap() {
                    words.extend(latin_words(&String::from_utf8_lossy(t)));
                }
            }
        }
    }
    words
}

/// Goes to `address` and waits until its screen is shown, with `section` marked current in the
/// navigation.
fn visit(session: &Session, address: &str, section: &str, what: &str) {
    session.execute(&format!("location.hash = '#{address}'"));
    wait_until(
        session,
        what,
        &format!(
            "const v = document.getElementById('view'); return v && v.querySelector('h1') && v.getAttribute('aria-busy') !== 'true' && document.querySelector('.nav-link[aria-current]')?.dataset.section === '{section}' ? true : null"
        ),
    );
}

/// The whole window in Farsi, then in Spanish, chosen in Settings: it mirrors for Farsi, every
/// section's name comes from the catalog, numbers and dates follow the language, and each
/// screen (the sections, a page of each kind of record, the queues, the Keyboard page) is saved
/// as a screenshot; in Farsi no screen shows a word in Latin letters that neither the Farsi
/// catalog nor the campaign's data holds (a string that did not come from the catalog). Back in
/// English, the keyboard's shortcuts move about, and at twice the text size no screen is wider
/// than the window.
#[test]
fn the_window_in_farsi_and_spanish_chosen_in_settings() {
    let NewWindow { session, db, .. } = &new_window();
    session.click("#load-sample");
    session.wait_for("[data-stat='people']");
    let record = |sql: &str| db_id(db, sql);
    let appeal = record("SELECT id FROM appeals ORDER BY created_at LIMIT 1");
    let person = record("SELECT person_id AS id FROM signatures LIMIT 1");
    let event = record("SELECT id FROM events WHERE starts_at IS NOT NULL LIMIT 1");
    let fund = record("SELECT id FROM funds LIMIT 1");
    let donation = record("SELECT id FROM donations LIMIT 1");
    // (the address, the section the navigation marks as current)
    let screens: Vec<(String, &str)> = vec![
        ("dashboard".into(), "dashboard"),
        ("appeals".into(), "appeals"),
        (format!("appeal/{appeal}"), "appeals"),
        ("signers".into(), "signers"),
        (format!("person/{person}"), "signers"),
        ("duplicates".into(), "signers"),
        ("import".into(), "signers"),
        ("events".into(), "events"),
        (format!("event/{event}"), "events"),
        ("money".into(), "money"),
        (format!("fund/{fund}"), "money"),
        (format!("donation/{donation}"), "money"),
        ("print".into(), "print"),
        ("settings".into(), "settings"),
        ("keyboard".into(), "keyboard"),
    ];
    let fa_catalog =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/messages/fa.js"))
            .unwrap();
    let mut known: std::collections::HashSet<String> = latin_words(&fa_catalog).collect();
    known.extend(data_words(db));
    // The language chooser names each language in itself (i18n.js), and Settings shows
    // where the database lives.
    known.extend(latin_words(&format!("English Español {}", db.display())));
    for (lang, dir) in [("fa", "rtl"), ("es", "ltr"), ("en", "ltr")] {
        session.execute("location.hash = '#settings'");
        session.wait_for("#window-language");
        choose(session, "#window-language", lang);
        // The window starts again in the language: wait through the reload.
        let deadline = Instant::now() + Duration::from_secs(45);
        let ready = format!(
            "return document.documentElement.lang === '{lang}' && document.querySelector('.nav-link') ? true : null"
        );
        while session.execute_across_reload(&ready) != Some(Value::Bool(true)) {
            assert!(
                Instant::now() < deadline,
                "the window never came back in {lang}"
            );
            sleep(Duration::from_millis(100));
        }
        assert_eq!(session.execute("return document.documentElement.dir"), dir);
        for (address, section) in &screens {
            visit(session, address, section, &format!("{address} in {lang}"));
            let shown = session.text(&format!(".nav-link[data-section='{section}']"));
            assert_eq!(
                shown,
                catalog_text(lang, &format!("nav.{section}")),
                "{lang} {section}"
            );
            if address == "events" && lang == "fa" {
                // The calendar's grid is a Gregorian month: named so, with the Solar Hijri
                // months it spans beside it.
                let month = session.text("#cal-month");
                assert!(month.contains(" (") && month.contains(" – "), "{month}");
                // The Iranian week starts on Saturday.
                assert_eq!(session.text("#event-calendar th"), "شنبه");
            }
            if lang == "fa" {
                let texts = session.execute(VISIBLE_TEXT);
                // The check reads what is shown: the section's name among it.
                assert!(
                    texts
                        .as_array()
                        .unwrap()
                        .contains(&Value::from(shown.clone())),
                    "{texts}"
                );
                let strays: Vec<&str> = texts
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter_map(Value::as_str)
                    .filter(|t| latin_words(t).any(|w| !known.contains(&w)))
                    .collect();
                assert!(
                    strays.is_empty(),
                    "{address} in Farsi shows text from neither the catalog nor the data: {strays:?}"
                );
            }
            if lang != "en" {
                let name = address.split('/').next().unwrap();
                session.screenshot(&screenshot_dir().join(format!("{lang}-{name}.png")));
            }
        }
        // The Dashboard's count in the language's digits.
        session.execute("location.hash = '#dashboard'");
        let people = session.text("[data-stat='people']");
        match lang {
            "fa" => assert!(
                people.chars().all(|c| ('۰'..='۹').contains(&c) || c == '٬'),
                "{people}"
            ),
            _ => assert!(
                people
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == ',' || c == '.'),
                "{people}"
            ),
        }
    }

    // The keyboard: F1 lists the shortcuts, Alt and a digit goes to a section.
    session.click(".nav-link[data-section='dashboard']");
    session.keys(&webdriver::F1.to_string());
    wait_for_text(
        session,
        "#keyboard-title",
        &catalog_text("en", "keyboard.title"),
    );
    session.alt('3');
    wait_until(
        session,
        "Alt+3 to the signer list",
        "return location.hash === '#signers' && document.querySelector('.nav-link[aria-current]')?.dataset.section === 'signers' ? true : null",
    );
    // Ctrl and + four times: twice the normal text size, which the window keeps.
    for _ in 0..4 {
        session.ctrl('+');
    }
    wait_until(
        session,
        "the text at 200%",
        "return document.documentElement.dataset.textSize === '200' ? true : null",
    );
    session.ctrl('+');
    assert_eq!(
        session.execute("return getComputedStyle(document.documentElement).fontSize"),
        "32px"
    );
    for (address, section) in &screens {
        visit(session, address, section, &format!("{address} at 200%"));
        let name = address.split('/').next().unwrap();
        session.screenshot(&screenshot_dir().join(format!("text-200-{name}.png")));
        let overflow = session
            .execute("const d = document.documentElement; return d.scrollWidth - d.clientWidth");
        if overflow.as_i64().unwrap() > 1 {
            // Name the elements that stick out, innermost last.
            let wide = session.execute(
                "const w = document.documentElement.clientWidth; return [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > w + 1 || e.getBoundingClientRect().left < -1 || e.scrollWidth > w).slice(-6).map((e) => `${e.tagName.toLowerCase()}#${e.id}.${[...e.classList].join('.')} ${Math.round(e.getBoundingClientRect().width)}px`).concat([...document.querySelectorAll('body *')].filter((e) => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'visible').slice(-4).map((e) => `inside ${e.tagName.toLowerCase()}#${e.id}.${[...e.classList].join('.')} ${e.scrollWidth - e.clientWidth}px`))",
            );
            panic!("{address} at 200% text is {overflow}px wider than the window: {wide}");
        }
    }
    session.ctrl('0');
    wait_until(
        session,
        "the text back to normal",
        "return document.documentElement.dataset.textSize === '100' ? true : null",
    );
}
