//! The sample campaign: what a new organizer sees when trying Campaign Desk.

use desk_core::{sample, stats, Store};

fn loaded() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("sample.db")).unwrap();
    sample::load(&mut store).unwrap();
    (dir, store)
}

fn query<T: rusqlite::types::FromSql>(store: &Store, sql: &str) -> T {
    let conn = rusqlite::Connection::open(store.path()).unwrap();
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn a_few_hundred_signers_from_forty_countries() {
    let (_dir, store) = loaded();
    let s = stats::collect(&store).unwrap();
    assert_eq!(s.campaign.as_deref(), Some(sample::CAMPAIGN_NAME));
    assert_eq!(s.appeals.len(), 1);
    let appeal = &s.appeals[0];
    assert!(
        (300..=500).contains(&appeal.signers),
        "{} signers",
        appeal.signers
    );
    assert_eq!(appeal.countries, 40);
    // Every continent but Antarctica.
    for country in ["US", "BR", "DE", "NG", "IR", "AU"] {
        let n: i64 = query(
            &store,
            &format!("SELECT count(*) FROM people WHERE country = '{country}'"),
        );
        assert!(n > 0, "no signer in {country}");
    }
    // Prominent signers come with a title, some with a statement.
    let prominent: i64 = query(&store, "SELECT count(*) FROM signatures s JOIN people p ON p.id = s.person_id WHERE s.prominent = 1 AND p.title IS NOT NULL");
    assert_eq!(prominent, 10);
    let statements: i64 = query(
        &store,
        "SELECT count(*) FROM signatures WHERE statement IS NOT NULL",
    );
    assert!(statements >= 3);
}

#[test]
fn names_in_their_own_scripts() {
    let (_dir, store) = loaded();
    let has = |pattern: &str| -> bool {
        query::<i64>(
            &store,
            &format!(
                "SELECT count(*) FROM people WHERE given_name || family_name GLOB '{pattern}'"
            ),
        ) > 0
    };
    assert!(has("*[آ-ی]*"), "Persian");
    assert!(has("*\u{200c}*"), "Persian with a zero-width non-joiner");
    assert!(
        has("*\u{064a}*") && has("*\u{06cc}*"),
        "both spellings of yeh"
    );
    assert!(has("*[А-я]*"), "Cyrillic");
    assert!(has("*[Α-ω]*"), "Greek");
    assert!(has("*[가-힣]*"), "Korean");
    assert!(has("*[一-龥]*"), "Chinese characters");
    assert!(has("*ş*") || has("*ğ*"), "Turkish");
    assert!(has("*ñ*") || has("*á*"), "Spanish");
}

#[test]
fn signers_choose_how_they_are_shown() {
    let (_dir, store) = loaded();
    for display in ["full", "name_city", "initials", "hidden"] {
        let n: i64 = query(
            &store,
            &format!("SELECT count(*) FROM signatures WHERE display = '{display}'"),
        );
        assert!(n > 5, "{display}: {n}");
    }
    // Signers from Iran are more cautious than those from the United States.
    let share = |country: &str| -> i64 {
        query(
            &store,
            &format!(
                "SELECT 100 * sum(s.display IN ('initials', 'hidden')) / count(*) FROM signatures s
               JOIN people p ON p.id = s.person_id WHERE p.country = '{country}'"
            ),
        )
    };
    assert!(
        share("IR") > share("US") + 20,
        "IR {} vs US {}",
        share("IR"),
        share("US")
    );
}

#[test]
fn one_person_many_roles() {
    let (_dir, store) = loaded();
    let signers_who_rsvp_and_give: i64 = query(
        &store,
        "SELECT count(*) FROM people p
          WHERE EXISTS (SELECT 1 FROM signatures s WHERE s.person_id = p.id)
            AND EXISTS (SELECT 1 FROM rsvps r WHERE r.person_id = p.id)
            AND EXISTS (SELECT 1 FROM donations d WHERE d.person_id = p.id)",
    );
    assert!(signers_who_rsvp_and_give > 5, "{signers_who_rsvp_and_give}");
    // And people the campaign knows who have not signed (yet).
    let not_signed: i64 = query(
        &store,
        "SELECT count(*) FROM people WHERE id NOT IN (SELECT person_id FROM signatures)",
    );
    assert!(not_signed > 0);
}

#[test]
fn events_and_money_from_the_domain() {
    let (_dir, store) = loaded();
    let s = stats::collect(&store).unwrap();
    assert_eq!(s.events, 7);
    let tba: i64 = query(
        &store,
        "SELECT count(*) FROM events WHERE starts_at IS NULL",
    );
    assert_eq!(tba, 1, "the UN press conference's date is to be announced");
    // The Berkeley cultural night: Saturday 24 February, 6 pm Pacific, stored in UTC.
    let start: String = query(
        &store,
        "SELECT starts_at FROM events WHERE title LIKE 'Voices for Freedom%'",
    );
    assert_eq!(start, "2024-02-25T02:00:00.000Z");

    let ad = &s.funds[0];
    assert_eq!(
        (ad.goal.as_deref(), ad.raised.as_str(), ad.percent),
        (Some("14000.00"), "14000.00", Some(100))
    );
    let cash_at_the_table: i64 = query(
        &store,
        "SELECT count(*) FROM donations WHERE method = 'cash' AND event_id IS NOT NULL",
    );
    assert!(cash_at_the_table >= 20);
    let anonymous: i64 = query(
        &store,
        "SELECT count(*) FROM donations WHERE person_id IS NULL",
    );
    assert!(anonymous > 0);
    let currencies: Vec<&str> = s
        .donations
        .totals
        .iter()
        .map(|t| t.currency.as_str())
        .collect();
    assert_eq!(currencies[0], "USD");
    assert_eq!(currencies.len(), 6, "{currencies:?}");
    let cop = s
        .donations
        .totals
        .iter()
        .find(|t| t.currency == "COP")
        .unwrap();
    assert_eq!(cop.total, "150000.00");
}

#[test]
fn the_same_sample_every_time() {
    let (_a, first) = loaded();
    let (_b, second) = loaded();
    let names = |store: &Store| -> String {
        query(store, "SELECT group_concat(given_name || ' ' || family_name || ' ' || coalesce(email, ''), ';') FROM (SELECT * FROM people ORDER BY id)")
    };
    assert_eq!(names(&first), names(&second));
    let money =
        |store: &Store| -> i64 { query(store, "SELECT sum(amount_minor * id) FROM donations") };
    assert_eq!(money(&first), money(&second));
}

#[test]
fn refuses_a_database_that_has_data() {
    let (_dir, mut store) = loaded();
    let before: i64 = query(&store, "SELECT count(*) FROM people");
    let err = sample::load(&mut store).unwrap_err();
    assert_eq!(err.code(), "conflict");
    assert_eq!(query::<i64>(&store, "SELECT count(*) FROM people"), before);

    let dir = tempfile::tempdir().unwrap();
    let mut started = Store::open(dir.path().join("s.db")).unwrap();
    desk_core::campaign::start(&mut started, "Ours").unwrap();
    assert_eq!(sample::load(&mut started).unwrap_err().code(), "conflict");
}

/// The Dashboard's counts taken ahead while the window starts are shown only while true:
/// a write through the same store, or a commit by another process, makes them stale.
#[test]
fn counts_taken_ahead_hold_until_something_is_written() {
    let (_dir, mut store) = loaded();
    let people = stats::collect(&store).unwrap().people;

    let ahead = stats::Counted::now(&store).unwrap();
    let kept = ahead.still_true(&store).unwrap().expect("nothing written");
    assert_eq!(kept.people, people);

    let ahead = stats::Counted::now(&store).unwrap();
    desk_core::campaign::start(&mut store, "Renamed").unwrap_err(); // refused: writes nothing
    assert!(ahead.still_true(&store).unwrap().is_some());

    let ahead = stats::Counted::now(&store).unwrap();
    store
        .write(|w| {
            desk_core::people::insert(
                w,
                &desk_core::people::NewPerson {
                    given_name: "Ahead".into(),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    assert!(ahead.still_true(&store).unwrap().is_none(), "own write");

    let ahead = stats::Counted::now(&store).unwrap();
    // Another connection to the file, as a CLI command while the window is open.
    let mut other = Store::open(store.path()).unwrap();
    other
        .write(|w| {
            desk_core::people::insert(
                w,
                &desk_core::people::NewPerson {
                    given_name: "Elsewhere".into(),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    assert!(
        ahead.still_true(&store).unwrap().is_none(),
        "another process's commit"
    );
    assert_eq!(stats::collect(&store).unwrap().people, people + 2);
}
