//! The window's commands through Tauri's mock runtime, with the app's real configuration and
//! capability: what the window may call, what it may not, and the shape of errors.

use std::time::Instant;

use campaign_desk::command_names::{COMMANDS, DIALOG_COMMANDS};
use campaign_desk::state::AppState;
use campaign_desk::{context, setup};
use desk_core::Store;
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewUrl, WebviewWindow, WebviewWindowBuilder};

struct Harness {
    _dir: tempfile::TempDir,
    db: std::path::PathBuf,
    app: App<MockRuntime>,
    main: WebviewWindow<MockRuntime>,
}

fn harness() -> Harness {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ipc.db");
    let store = Store::open(&db).unwrap();
    let app = setup(mock_builder(), AppState::new(store, Instant::now()))
        .build(context())
        .expect("the app builds on the mock runtime");
    let main = window(&app, "main");
    Harness {
        _dir: dir,
        db,
        app,
        main,
    }
}

fn window(app: &App<MockRuntime>, label: &str) -> WebviewWindow<MockRuntime> {
    WebviewWindowBuilder::new(app, label, WebviewUrl::default())
        .build()
        .unwrap()
}

fn invoke_from(
    window: &WebviewWindow<MockRuntime>,
    url: &str,
    cmd: &str,
    args: Value,
) -> Result<Value, Value> {
    get_ipc_response(
        window,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: url.parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.into(),
        },
    )
    .map(|body| body.deserialize::<Value>().unwrap())
}

fn invoke(window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    invoke_from(window, "tauri://localhost", cmd, args)
}

/// Tauri's own refusal: a plain string, never one of our `{code, message}` errors.
fn assert_refused_by_acl(result: Result<Value, Value>, what: &str) {
    match result {
        Ok(v) => panic!("{what} was allowed and answered {v}"),
        Err(Value::String(message)) => {
            assert!(message.contains("not allowed"), "{what}: {message}")
        }
        Err(other) => panic!("{what} reached a command, which answered {other}"),
    }
}

#[test]
fn the_capability_grants_exactly_the_declared_commands() {
    let capability: Value =
        serde_json::from_str(include_str!("../src-tauri/capabilities/main.json")).unwrap();
    let mut granted: Vec<String> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_owned())
        .collect();
    let mut declared: Vec<String> = COMMANDS
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect();
    granted.sort();
    declared.sort();
    assert_eq!(granted, declared);
    assert_eq!(capability["windows"], json!(["main"]));
}

/// An id no row has: commands that take one answer "not found", which is still an answer.
const NO_ID: &str = "00000000-0000-7000-8000-000000000000";

#[test]
fn every_declared_command_answers_the_main_window() {
    let h = harness();
    // The dialog commands wait for a person at a native dialog: the end-to-end tests use them.
    for &cmd in COMMANDS.iter().filter(|c| !DIALOG_COMMANDS.contains(c)) {
        let args = match cmd {
            "start_campaign" => json!({ "name": "Test campaign" }),
            "frontend_ready" => json!({ "screen": "test" }),
            "set_laptop_name" => json!({ "name": "Table 1" }),
            "set_sync_passphrase" => json!({ "passphrase": "a long sync passphrase" }),
            "review_conflict" => json!({ "id": 1 }),
            "print_preview" => json!({
                "request": { "kind": "door_list", "event": NO_ID, "size": "letter", "lang": "en" },
                "withPhoto": false,
                "onProgress": "__CHANNEL__:1"
            }),
            "appeal_page" | "next_sheet_number" => json!({ "appeal": NO_ID }),
            "create_appeal" => json!({
                "words": { "lang": "en", "title": "An appeal" }, "status": "draft", "goal": null
            }),
            "save_appeal_words" => {
                json!({ "appeal": NO_ID, "words": { "lang": "en", "title": "T" } })
            }
            "set_appeal_details" => json!({ "appeal": NO_ID, "slug": "x", "goal": null }),
            "set_appeal_status" => json!({ "appeal": NO_ID, "status": "open" }),
            "appeal_text" => json!({ "text": NO_ID }),
            "find_signers" => json!({ "appeal": NO_ID, "query": "a" }),
            "set_prominence" => json!({ "signature": NO_ID, "prominence": {} }),
            "person_page" => json!({ "person": NO_ID }),
            "withdraw_consent" => json!({ "person": NO_ID, "appeal": null, "what": "contact" }),
            "open_sheet" => json!({ "appeal": NO_ID, "sheet": { "number": 1 } }),
            "sign_sheet_row" => json!({ "signing": {
                "appeal": NO_ID, "person": { "given_name": "A" }, "lang": "en",
                "source": "paper", "display": "hidden"
            } }),
            "take_back_row" => json!({ "signed": {
                "person": NO_ID, "signature": NO_ID, "known": false, "already_signed": false,
                "person_added": false, "consents": [], "before": null
            } }),
            "set_pin" => json!({ "current": null, "pin": "2468" }),
            "set_idle_seconds" => json!({ "seconds": 60 }),
            "start_table_mode" => json!({ "appeal": NO_ID, "event": null }),
            "leave_table_mode" => json!({ "pin": "0000", "close": false }),
            "table_words" => json!({ "lang": "en" }),
            "people_page" | "people_count" => json!({ "query": { "text": "ana", "sort": "name" } }),
            "save_person" => json!({ "person": NO_ID, "details": { "given_name": "A" } }),
            "merge_people" => json!({ "keep": NO_ID, "remove": NO_ID, "choose": {} }),
            "mark_different" => json!({ "a": NO_ID, "b": NO_ID }),
            "undo_merge" => json!({ "merge": NO_ID }),
            "signer_numbers" => json!({ "appeal": null }),
            "import_preview" => json!({ "appeal": null, "options": {} }),
            "event_page" | "event_form" | "remove_event" => json!({ "id": NO_ID }),
            "rsvp_import_preview" | "rsvp_import_commit" => {
                json!({ "event": NO_ID, "options": {} })
            }
            "save_event" => {
                json!({ "id": null, "event": { "title": "T", "time_zone": "UTC", "status": "tba" } })
            }
            "add_rsvp" => json!({
                "event": NO_ID, "person": { "given_name": "A" }, "status": "accepted",
                "guests": 0, "note": ""
            }),
            "change_rsvp" => {
                json!({ "rsvp": NO_ID, "status": "declined", "guests": 0, "note": "" })
            }
            "remove_rsvp" | "door_undo_check_in" => json!({ "rsvp": NO_ID }),
            "set_checked_in" => json!({ "rsvp": NO_ID, "checkedIn": true }),
            "mark_no_shows" => json!({ "event": NO_ID }),
            "undo_no_shows" => json!({ "event": NO_ID, "at": "2026-01-01T00:00:00.000Z" }),
            "start_door_mode" => json!({ "event": NO_ID }),
            "leave_door_mode" => json!({ "pin": "0000", "close": false }),
            "door_search" => json!({ "text": "ana" }),
            "door_check_in" => json!({ "rsvp": NO_ID, "arrived": null }),
            "door_walk_in" => json!({ "walkIn": { "given_name": "A" } }),
            "door_words" => json!({ "lang": "en" }),
            "door_undo_no_shows" => json!({ "at": "2026-01-01T00:00:00.000Z" }),
            "import_commit" => json!({ "appeal": NO_ID, "options": { "display": "hidden" } }),
            "table_sign" => json!({
                "person": { "given_name": "A" }, "lang": "en", "display": "full",
                "contactConsent": false
            }),
            "understand_amount" => {
                json!({ "typed": "1.500,00", "currency": "EUR", "decimalMark": "," })
            }
            "ledger_page" => json!({ "filter": { "fund": "none" }, "after": null, "limit": 10 }),
            "record_donation" => json!({ "donation": {
                "amount": "20", "currency": "USD", "received_on": "2027-01-02", "method": "cash",
                "anonymous": true
            } }),
            "donation_page" | "donation_form" | "fund_page" | "fund_form" | "expense_page" => {
                json!({ "id": NO_ID })
            }
            "correct_donation" => {
                json!({ "id": NO_ID, "donation": { "amount": "1" }, "reason": "r", "who": "" })
            }
            "void_donation" | "void_expense" => json!({ "id": NO_ID, "reason": "r", "who": "" }),
            "money_people" => json!({ "text": "ana" }),
            "save_fund" => {
                json!({ "id": null, "fund": { "name": "Ad", "currency": "USD", "goal": "100" } })
            }
            "record_expense" => json!({ "expense": {
                "amount": "5", "currency": "USD", "paid_on": "2027-01-02", "payee": "Printer"
            } }),
            "cash_boxes" => json!({ "event": NO_ID }),
            "open_cash_box" => json!({
                "event": NO_ID, "currency": "USD", "float": "0", "decimalMark": ".", "who": ""
            }),
            "close_cash_box" => json!({ "id": NO_ID, "count": { "counted": "1" } }),
            "correct_cash_box" => {
                json!({ "id": NO_ID, "count": { "counted": "1" }, "reason": "r" })
            }
            "save_money_settings" => {
                json!({ "organization": { "name": "Org", "home_currency": "USD" } })
            }
            "set_exchange_rate" => json!({ "currency": "EUR", "rate": "1.08" }),
            "void_receipt" => json!({ "receipt": NO_ID, "reason": "r", "who": "" }),
            "donation_import_preview" | "donation_import_commit" => json!({ "options": {} }),
            "unlock" => json!({ "passphrase": "not the one" }),
            "set_lock_minutes" => json!({ "minutes": 10 }),
            "set_backups_keep" => json!({ "keep": 5 }),
            "erase_person" => json!({ "person": NO_ID }),
            _ => json!({}),
        };
        match invoke(&h.main, cmd, args) {
            Ok(_) => {}
            // A command may refuse (the sample does not load over a started campaign), but then
            // it is our error with a code, so it did reach the command.
            Err(e) => assert!(
                e["code"].is_string(),
                "{cmd} did not reach its handler: {e}"
            ),
        }
    }
}

#[test]
fn commands_outside_the_capability_are_refused() {
    let h = harness();
    // Tauri's core plugins are real, registered commands, but the capability grants none.
    assert_refused_by_acl(
        invoke(&h.main, "plugin:app|version", json!({})),
        "plugin:app|version",
    );
    assert_refused_by_acl(
        invoke(&h.main, "plugin:window|close", json!({ "label": "main" })),
        "plugin:window|close",
    );
    // An app command that no one declared.
    assert_refused_by_acl(
        invoke(&h.main, "delete_everything", json!({})),
        "delete_everything",
    );
    // The window still works.
    assert!(invoke(&h.main, "campaign_status", json!({})).is_ok());
}

#[test]
fn other_windows_and_remote_pages_are_refused() {
    let h = harness();
    let other = window(&h.app, "other");
    assert_refused_by_acl(
        invoke(&other, "dashboard_stats", json!({})),
        "a window without the capability",
    );
    assert_refused_by_acl(
        invoke_from(
            &h.main,
            "https://attacker.example/",
            "dashboard_stats",
            json!({}),
        ),
        "a remote page",
    );
}

#[test]
fn errors_cross_as_code_and_message() {
    let h = harness();
    let err = invoke(&h.main, "start_campaign", json!({ "name": "   " })).unwrap_err();
    assert_eq!(
        err,
        json!({
            "code": "invalid",
            "message": "Campaign name is required",
            "key": "required",
            "args": { "field": "campaign_name" },
        })
    );

    invoke(&h.main, "start_campaign", json!({ "name": "Ours" })).unwrap();
    let err = invoke(&h.main, "load_sample_campaign", json!({})).unwrap_err();
    assert_eq!(err["code"], "conflict");
    assert_eq!(err["key"], "sample_needs_empty_database");
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .contains("already has data"),
        "{err}"
    );
}

#[test]
fn the_sample_campaign_through_the_window() {
    let h = harness();
    let status = invoke(&h.main, "campaign_status", json!({})).unwrap();
    assert_eq!(status, json!({ "campaign": null }));

    let campaign = invoke(&h.main, "load_sample_campaign", json!({})).unwrap();
    assert_eq!(campaign["name"], desk_core::sample::CAMPAIGN_NAME);

    let stats = invoke(&h.main, "dashboard_stats", json!({})).unwrap();
    // The same numbers as core counts on a second connection to the same file.
    let expected = desk_core::stats::collect(&Store::open(&h.db).unwrap()).unwrap();
    assert_eq!(stats["people"], expected.people);
    assert_eq!(stats["events"], expected.events);
    assert_eq!(stats["rsvps"], expected.rsvps);
    assert_eq!(stats["appeals"][0]["signers"], expected.appeals[0].signers);
    assert_eq!(stats["appeals"][0]["countries"], 40);
    assert_eq!(
        stats["donations"]["totals"][0],
        serde_json::to_value(&expected.donations.totals[0]).unwrap()
    );
    assert_eq!(stats["donations"]["totals"][0]["currency"], "USD");
    assert_eq!(stats["funds"][0]["raised"], "14000.00");

    let info = invoke(&h.main, "app_info", json!({})).unwrap();
    assert_eq!(info["database_path"], h.db.display().to_string());
    let report = invoke(&h.main, "check_database", json!({})).unwrap();
    assert_eq!(report["problems"], json!([]));
}

/// The window shows core's errors from its own catalog: every message core can send has the same
/// English there, so nothing reaches a volunteer as a bare key.
#[test]
fn the_window_catalog_has_every_core_message() {
    let catalog = include_str!("../ui/messages/en.js");
    for (key, english) in desk_core::messages::ENGLISH {
        let key = if key.starts_with("field.") {
            key.to_string()
        } else {
            format!("error.{key}")
        };
        let line = catalog
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("\"{key}\":")))
            .unwrap_or_else(|| panic!("ui/messages/en.js has no {key}"));
        let quoted = line.split_once(':').unwrap().1.trim().trim_end_matches(',');
        let text: String = serde_json::from_str(quoted).unwrap_or_else(|e| panic!("{key}: {e}"));
        assert_eq!(&text, english, "{key}");
    }
}

#[test]
fn sharing_through_the_window() {
    let h = harness();
    invoke(&h.main, "start_campaign", json!({ "name": "Ours" })).unwrap();
    let laptop = invoke(
        &h.main,
        "set_laptop_name",
        json!({ "name": "  Berlin table " }),
    )
    .unwrap();
    assert_eq!(laptop["name"], "Berlin table");
    let status = invoke(&h.main, "sync_status", json!({})).unwrap();
    assert_eq!(status["laptop"]["name"], "Berlin table");
    assert_eq!(status["passphrase_saved"], false);
    assert_eq!(
        status["own_changes"], 1,
        "starting the campaign was recorded"
    );

    let err = invoke(
        &h.main,
        "set_sync_passphrase",
        json!({ "passphrase": "short" }),
    )
    .unwrap_err();
    assert_eq!(err["key"], "sync_passphrase_short");
    invoke(
        &h.main,
        "set_sync_passphrase",
        json!({ "passphrase": "correct horse battery" }),
    )
    .unwrap();
    assert_eq!(
        invoke(&h.main, "sync_status", json!({})).unwrap()["passphrase_saved"],
        true
    );

    // Nothing chosen in the open dialog yet: a readable refusal, not a crash.
    let err = invoke(&h.main, "preview_bundle", json!({})).unwrap_err();
    assert_eq!(err["key"], "no_bundle_chosen");
    let err = invoke(&h.main, "apply_bundle", json!({ "passphrase": null })).unwrap_err();
    assert_eq!(err["code"], "invalid");
    assert_eq!(
        invoke(&h.main, "sync_conflicts", json!({})).unwrap(),
        json!({ "conflicts": [] })
    );
    let err = invoke(&h.main, "review_conflict", json!({ "id": 42 })).unwrap_err();
    assert_eq!(err["code"], "not_found");
}

/// Strings as a crafted page or a careless paste would send them.
fn nasty() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let pieces = prop::sample::select(vec![
        "\u{202e}",
        "\u{0000}",
        "\n",
        "\u{feff}",
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "محمد",
        "9999-12-31",
        "0000-01-01",
        "2027-02-29",
        "-1",
        "1e308",
        "NaN",
        "1,5",
        "",
    ]);
    prop::collection::vec(
        prop_oneof![any::<String>(), pieces.prop_map(String::from)],
        0..6,
    )
    .prop_map(|parts| parts.concat())
}

/// Arbitrary strings in every text field of the commands that take them: each answers with
/// a result or one of our errors (never a panic, which would come back as `internal`), and the
/// database stays sound.
#[test]
fn commands_take_arbitrary_text_without_panicking_or_breaking_the_database() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};
    let h = harness();
    invoke(&h.main, "load_sample_campaign", json!({})).unwrap();
    let appeal = invoke(&h.main, "list_appeals", json!({})).unwrap()[0]["id"].clone();
    let person: desk_core::Id = rusqlite::Connection::open(&h.db)
        .unwrap()
        .query_row("SELECT id FROM people LIMIT 1", [], |r| r.get(0))
        .unwrap();
    let person = serde_json::to_value(person).unwrap();
    let mut runner = TestRunner::new(Config {
        cases: 300,
        ..Config::default()
    });
    let strategy = (0..12usize, nasty(), nasty(), nasty());
    runner
        .run(&strategy, |(which, a, b, c)| {
            let (cmd, args) = match which {
                0 => ("start_campaign", json!({ "name": a })),
                1 => ("find_signers", json!({ "appeal": appeal, "query": a })),
                2 => ("save_person", json!({ "person": person, "details": {
                    "given_name": a, "family_name": b, "email": c, "city": a, "country": b
                } })),
                3 => ("record_donation", json!({ "donation": {
                    "amount": a, "currency": b, "received_on": c, "method": "cash", "anonymous": true
                } })),
                4 => ("understand_amount", json!({ "typed": a, "currency": b, "decimalMark": "," })),
                5 => ("save_event", json!({ "id": null, "event": {
                    "title": a, "time_zone": b, "status": "announced", "starts": c
                } })),
                6 => ("door_search", json!({ "text": a })),
                7 => ("create_appeal", json!({
                    "slug": b, "status": "open", "goal": null,
                    "words": { "lang": "en", "title": a, "body": c, "consent": b, "contact_consent": a }
                })),
                8 => ("unlock", json!({ "passphrase": a })),
                9 => ("set_encryption", json!({ "current": a, "new": b, "repeated": c })),
                10 => ("money_people", json!({ "text": a })),
                _ => ("set_laptop_name", json!({ "name": a })),
            };
            if let Err(e) = invoke(&h.main, cmd, args) {
                prop_assert!(e["code"].is_string(), "{cmd}: {e}");
                prop_assert_ne!(e["code"].as_str(), Some("internal"), "{}: {}", cmd, e);
            }
            Ok(())
        })
        .unwrap();
    let report = invoke(&h.main, "check_database", json!({})).unwrap();
    assert_eq!(report["problems"], json!([]), "{report}");
}

/// The automatic backups the window makes: none for a database without a campaign; on close
/// always; while open, once a day (not again when one is fresh).
#[test]
fn automatic_backups_on_close_and_when_a_day_old() {
    let h = harness();
    let backups = || desk_core::backup::list(&h.db).len();
    campaign_desk::auto_backup::make(h.app.handle(), false);
    assert_eq!(backups(), 0, "nothing to keep before a campaign starts");
    invoke(&h.main, "start_campaign", json!({ "name": "Backed up" })).unwrap();
    campaign_desk::auto_backup::make(h.app.handle(), true);
    assert_eq!(backups(), 1, "due: there was none");
    campaign_desk::auto_backup::make(h.app.handle(), true);
    assert_eq!(backups(), 1, "not due again within a day");
    let first = desk_core::backup::list(&h.db)[0].name.clone();
    campaign_desk::auto_backup::make(h.app.handle(), false);
    assert_eq!(backups(), 2, "on close, always");
    // Newest first, also when both were made within one second (the second has a counter).
    assert_ne!(desk_core::backup::list(&h.db)[0].name, first);
}
