//! Hostile and broken input, thrown at core as a careless paste or a crafted file would come:
//! arbitrary strings at the text checks, arbitrary bytes and mangled CSV at the three
//! importers. Nothing panics; what is kept is clean; an import that fails leaves the database
//! exactly as it was (one transaction).

mod common;

use desk_core::people::NewPerson;
use desk_core::signing::{self, Signing, Source};
use desk_core::store::Access;
use desk_core::{csv_import, donation_import, rsvp_import, text, Id, Store};
use proptest::prelude::*;

use common::table_signing;

/// What must never reach storage from a name: controls and the characters that reorder text.
fn reorders_or_controls(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Strings with what pasted and crafted text carries: controls, bidi overrides, joiners,
/// combining marks, scripts, huge runs.
fn nasty_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "\u{202e}",
        "\u{2066}",
        "\u{200f}",
        "\u{0000}",
        "\n",
        "\r",
        "\t",
        "\u{feff}",
        "\u{200d}",
        "\u{200c}",
        "\u{0301}",
        "<img src=x onerror=alert(1)>",
        "'; DROP TABLE people; --",
        "=HYPERLINK(\"http://x\")",
        "محمد",
        "José",
        "李小龍",
        "  ",
        "\"",
        ",",
        ";",
    ]);
    prop::collection::vec(
        prop_oneof![any::<String>(), pieces.prop_map(String::from)],
        0..12,
    )
    .prop_map(|parts| parts.concat())
}

/// A fingerprint of everything stored: the row count of every table.
fn fingerprint(store: &Store) -> Vec<(String, i64)> {
    let conn = store.reader();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    tables
        .into_iter()
        .map(|t| {
            let n = conn
                .query_row(&format!("SELECT count(*) FROM \"{t}\""), [], |r| r.get(0))
                .unwrap();
            (t, n)
        })
        .collect()
}

/// CSV-shaped bytes: a header of known and unknown names, rows of nasty fields, any delimiter,
/// quotes that may not close, a BOM or not, CRLF or not; sometimes cut anywhere.
fn mangled_csv() -> impl Strategy<Value = Vec<u8>> {
    let header = prop::sample::subsequence(
        vec![
            "first_name",
            "last_name",
            "name",
            "email",
            "city",
            "country",
            "Date",
            "Gross",
            "Currency",
            "Transaction ID",
            "Status",
            "Type",
            "amount",
            "Name",
            "Email",
            "Attended",
            "guest_id",
            "approval_status",
            "???",
        ],
        1..8,
    );
    (
        header,
        prop::collection::vec(prop::collection::vec(nasty_text(), 1..8), 0..6),
        prop::sample::select(vec![",", ";", "\t"]),
        any::<bool>(),
        any::<bool>(),
        any::<Option<prop::sample::Index>>(),
    )
        .prop_map(|(header, rows, delimiter, bom, crlf, cut)| {
            let end = if crlf { "\r\n" } else { "\n" };
            let mut text = String::new();
            if bom {
                text.push('\u{feff}');
            }
            text.push_str(&header.join(delimiter));
            for row in rows {
                text.push_str(end);
                text.push_str(&row.join(delimiter));
            }
            let mut bytes = text.into_bytes();
            if let Some(cut) = cut {
                bytes.truncate(cut.index(bytes.len() + 1));
            }
            bytes
        })
}

/// The sample campaign, made once (in a folder kept for the whole run) and copied per case.
fn campaign() -> (tempfile::TempDir, Store, Id, Id) {
    static TEMPLATE: std::sync::OnceLock<(tempfile::TempDir, std::path::PathBuf)> =
        std::sync::OnceLock::new();
    let (_, template) = TEMPLATE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sample.db");
        let mut store = Store::open_with(&path, Access::Create).unwrap();
        desk_core::sample::load(&mut store).unwrap();
        drop(store);
        (dir, path)
    });
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.db");
    std::fs::copy(template, &db).unwrap();
    let store = Store::open_with(&db, Access::Existing).unwrap();
    let appeal: Id = store
        .reader()
        .query_row("SELECT id FROM appeals LIMIT 1", [], |r| r.get(0))
        .unwrap();
    let event: Id = store
        .reader()
        .query_row("SELECT id FROM events LIMIT 1", [], |r| r.get(0))
        .unwrap();
    (dir, store, appeal, event)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn the_text_checks_never_panic_and_keep_nothing_that_reorders(value in nasty_text()) {
        if let Ok(kept) = text::name("given_name", &value, 200) {
            prop_assert!(!kept.chars().any(reorders_or_controls), "{kept:?}");
            prop_assert!(kept.chars().count() <= 200);
            prop_assert_eq!(kept.trim(), kept.as_str());
        }
        if let Ok(kept) = text::line("title", &value, 200) {
            prop_assert!(!kept.chars().any(reorders_or_controls), "{kept:?}");
        }
        let _ = text::date("received_on", &value);
        let _ = text::slug(&value);
        use desk_core::money::{parse_typed, DecimalMark};
        for (currency, mark) in [("USD", DecimalMark::Point), ("EUR", DecimalMark::Comma), ("JPY", DecimalMark::Point)] {
            if let Ok(minor) = parse_typed("amount", &value, currency, mark, false) {
                prop_assert!(minor > 0);
            }
        }
    }
}

proptest! {
    // Each case imports into a real database file: fewer, heavier cases.
    #![proptest_config(ProptestConfig::with_cases(150))]

    #[test]
    fn the_importers_take_any_file_and_a_failure_writes_nothing(
        files in prop::collection::vec(prop_oneof![mangled_csv(), prop::collection::vec(any::<u8>(), 0..600)], 3)
    ) {
        let (_dir, mut store, appeal, event) = campaign();
        let name = "file.csv";
        let before = fingerprint(&store);
        let _ = csv_import::preview(&store, Some(appeal), name, &files[0], &csv_import::Options::default());
        if csv_import::import(&mut store, appeal, name, &files[0], &csv_import::Options::default()).is_err() {
            prop_assert_eq!(&fingerprint(&store), &before, "a failed signer import wrote");
        }
        let before = fingerprint(&store);
        let _ = rsvp_import::preview(&store, event, name, &files[1], &rsvp_import::Options::default());
        if rsvp_import::import(&mut store, event, &files[1], &rsvp_import::Options::default()).is_err() {
            prop_assert_eq!(&fingerprint(&store), &before, "a failed answer import wrote");
        }
        let before = fingerprint(&store);
        let options = donation_import::Options { currency: Some("USD".into()), ..Default::default() };
        let _ = donation_import::preview(&store, name, &files[2], &options);
        if donation_import::import(&mut store, &files[2], &options).is_err() {
            prop_assert_eq!(&fingerprint(&store), &before, "a failed donation import wrote");
        }
        prop_assert!(store.check().unwrap().is_sound());
    }
}

#[test]
fn a_ten_megabyte_name_is_refused_and_nothing_is_written() {
    let (_dir, mut store, appeal, _) = campaign();
    let before = fingerprint(&store);
    let huge = "Maryam ".repeat(10 * 1024 * 1024 / 7);
    let err = store
        .write(|w| {
            signing::sign_in(
                w,
                &Signing {
                    source: Source::Manual,
                    ..table_signing(
                        appeal,
                        NewPerson {
                            given_name: huge.clone(),
                            family_name: "Long".into(),
                            ..Default::default()
                        },
                    )
                },
            )
        })
        .unwrap_err();
    assert_eq!(err.message().key(), "too_long", "{err}");
    assert_eq!(fingerprint(&store), before);
}

#[test]
fn dates_at_the_edges_of_the_calendar() {
    let key = |typed: &str| text::date("received_on", typed).map_err(|e| e.message().key());
    assert_eq!(key("0000-01-01"), Err("date_out_of_range"));
    assert_eq!(key("9999-12-31"), Err("date_out_of_range"));
    assert_eq!(
        key("2027-02-29"),
        Err("bad_date"),
        "2027 is not a leap year"
    );
    assert_eq!(key("2027-13-01"), Err("bad_date"));
    assert_eq!(key("-2026-01-01"), Err("date_out_of_range"));
    assert!(key("2028-02-29").is_ok());
    assert!(key("1900-01-01").is_ok() && key("2199-12-31").is_ok());
}
