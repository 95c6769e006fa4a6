//! Records that meet: laptops exchanging real bundle files, and what the merge decides.

mod common;

use chrono::Utc;
use common::{join, start_campaign, Laptop, PASSPHRASE};
use desk_core::appeals::{self, Display, NewSignature, Source};
use desk_core::donations::{self, Method, NewDonation};
use desk_core::people::{self, NewPerson};
use desk_core::sync;

fn person(given: &str, email: Option<&str>, city: Option<&str>) -> NewPerson {
    NewPerson {
        given_name: given.into(),
        family_name: "Test".into(),
        email: email.map(Into::into),
        city: city.map(Into::into),
        ..Default::default()
    }
}

#[test]
fn a_new_laptop_joins_and_both_hold_the_same_rows() {
    let dir = tempfile::tempdir().unwrap();
    let mut hub = Laptop::new(dir.path(), "hub");
    desk_core::sample::load(&mut hub.store).unwrap();
    let table = join(dir.path(), &hub, "table");
    assert_eq!(hub.rows(), table.rows());
    assert_eq!(
        desk_core::campaign::current(&table.store).unwrap(),
        desk_core::campaign::current(&hub.store).unwrap()
    );
    let status = sync::status(&table.store).unwrap();
    assert_eq!(status.others.len(), 1);
    assert_eq!(status.others[0].name, "hub");
    assert_eq!(status.others[0].missing, Some(0));
}

#[test]
fn a_bundle_applied_twice_or_late_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Laptop::new(dir.path(), "a");
    let c = start_campaign(&mut a);
    let mut b = join(dir.path(), &a, "b");
    a.store
        .write(|w| {
            appeals::sign_as(
                w,
                c.appeal,
                &person("Ana", Some("ana@example.org"), None),
                Source::Table,
                Display::Full,
            )
        })
        .unwrap();
    let first = a.bundle(dir.path(), None, 1);
    a.store
        .write(|w| {
            appeals::sign_as(
                w,
                c.appeal,
                &person("Bo", None, None),
                Source::Table,
                Display::Full,
            )
        })
        .unwrap();
    let second = a.bundle(dir.path(), Some(b.id()), 2);

    let applied = b.open(&second).unwrap();
    assert_eq!(applied.arrived.signatures.added, 2);
    let after = b.rows();
    for old in [&second, &first] {
        let again = b.open(old).unwrap();
        assert_eq!(again.arrived.new_changes, 0);
        assert_eq!(b.rows(), after, "nothing changed");
    }
    assert_eq!(a.rows(), b.rows());
}

#[test]
fn the_later_edit_wins_and_the_other_is_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Laptop::new(dir.path(), "a");
    let c = start_campaign(&mut a);
    let signed = a
        .store
        .write(|w| {
            appeals::sign_as(
                w,
                c.appeal,
                &person("Ana", Some("ana@example.org"), Some("Oakland")),
                Source::Table,
                Display::Full,
            )
        })
        .unwrap();
    let mut b = join(dir.path(), &a, "b");
    // Both edit Ana, b a moment later: b's edit is kept everywhere, a's recorded.
    a.store
        .write(|w| {
            people::update(
                w,
                signed.person,
                &person("Ana", Some("ana@example.org"), Some("Berkeley")),
            )
        })
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(5));
    b.store
        .write(|w| {
            people::update(
                w,
                signed.person,
                &person("Ana María", Some("ana@example.org"), Some("Oakland")),
            )
        })
        .unwrap();
    let from_a = a.bundle(dir.path(), None, 1);
    let from_b = b.bundle(dir.path(), None, 1);
    let at_b = b.open(&from_a).unwrap();
    let at_a = a.open(&from_b).unwrap();
    assert_eq!(at_a.conflicts, 1);
    assert_eq!(at_b.conflicts, 1);
    assert_eq!(a.rows(), b.rows());
    let name: String = rusqlite::Connection::open(a.store.path())
        .unwrap()
        .query_row("SELECT given_name || ' ' || city FROM people", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(name, "Ana María Oakland", "the whole later row, not a mix");
    for laptop in [&a, &b] {
        let conflicts = laptop.conflicts();
        assert_eq!(conflicts[0].kind, "edit_edit");
        assert_eq!(
            conflicts[0].kept.as_ref().unwrap()["given_name"],
            "Ana María"
        );
        assert_eq!(conflicts[0].other.as_ref().unwrap()["city"], "Berkeley");
        assert!(!conflicts[0].money);
    }
    // Reviewing takes it off the list.
    let id = a.conflicts()[0].id;
    sync::mark_reviewed(&mut a.store, id).unwrap();
    assert!(sync::conflicts(&a.store, false, 10).unwrap().is_empty());
    assert_eq!(
        sync::mark_reviewed(&mut a.store, id).unwrap_err().code(),
        "not_found"
    );
}

#[test]
fn money_conflicts_go_to_the_treasurer_with_both_versions() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Laptop::new(dir.path(), "a");
    let c = start_campaign(&mut a);
    let gift = a
        .store
        .write(|w| {
            donations::insert_donation(
                w,
                &NewDonation {
                    fund_id: Some(c.fund),
                    event_id: Some(c.event),
                    ..NewDonation::new(2000, "USD", Method::Cash, Utc::now().date_naive())
                },
            )
        })
        .unwrap();
    let mut b = join(dir.path(), &a, "b");
    a.store
        .write(|w| correct(w, gift, "25.00", "counted again"))
        .unwrap();
    b.store
        .write(|w| correct(w, gift, "20.50", "a coin was missed"))
        .unwrap();
    let from_a = a.bundle(dir.path(), None, 1);
    let from_b = b.bundle(dir.path(), None, 1);
    let at_b = b.open(&from_a).unwrap();
    let at_a = a.open(&from_b).unwrap();
    assert_eq!(at_a.money_conflicts, 1);
    assert_eq!(at_b.money_conflicts, 1);
    assert_eq!(a.rows(), b.rows());
    let amounts: Vec<i64> = a.conflicts()[0]
        .kept
        .iter()
        .chain(a.conflicts()[0].other.iter())
        .map(|v| v["amount_minor"].as_i64().unwrap())
        .collect();
    let mut sorted = amounts.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, [2050, 2500], "both versions kept");
    assert!(a.conflicts()[0].money);
    assert_eq!(sync::status(&a.store).unwrap().money_conflicts, 1);
}

#[test]
fn the_same_email_from_two_tables_is_one_person() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Laptop::new(dir.path(), "berlin");
    let c = start_campaign(&mut a);
    let mut b = join(dir.path(), &a, "paris");
    // The same person signs in two cities; the second time with another spelling of the email.
    a.store
        .write(|w| {
            appeals::sign_as(
                w,
                c.appeal,
                &person("Shirin", Some("shirin@example.org"), None),
                Source::Table,
                Display::Full,
            )
        })
        .unwrap();
    b.store
        .write(|w| {
            appeals::sign_as(
                w,
                c.appeal,
                &person("Shirin", Some(" Shirin@Example.org"), Some("Paris")),
                Source::Table,
                Display::Initials,
            )
        })
        .unwrap();
    // Someone without an email, typed at both tables: a possible duplicate, not merged.
    a.store
        .write(|w| {
            appeals::sign_as(
                w,
                c.appeal,
                &person("Reza", None, Some("Köln")),
                Source::Paper,
                Display::Full,
            )
        })
        .unwrap();
    b.store
        .write(|w| {
            appeals::sign_as(
                w,
                c.appeal,
                &person("Reza", None, Some("Koln")),
                Source::Paper,
                Display::Full,
            )
        })
        .unwrap();
    let from_a = a.bundle(dir.path(), None, 1);
    let from_b = b.bundle(dir.path(), None, 1);
    let at_b = b.open(&from_a).unwrap();
    assert_eq!(at_b.merged_people, 1);
    assert_eq!(at_b.duplicates_queued, 1);
    let at_a = a.open(&from_b).unwrap();
    assert_eq!(at_a.merged_people, 1);
    // The merges both laptops wrote meet too.
    let again = a.bundle(dir.path(), None, 2);
    b.open(&again).unwrap();
    let again = b.bundle(dir.path(), None, 2);
    a.open(&again).unwrap();
    assert_eq!(a.rows(), b.rows());
    assert_eq!(
        a.count("SELECT count(*) FROM people WHERE given_name = 'Shirin'"),
        1
    );
    assert_eq!(
        a.count("SELECT count(*) FROM signatures s JOIN people p ON p.id = s.person_id WHERE p.given_name = 'Shirin'"),
        1,
        "one signature: the first one stays"
    );
    assert_eq!(
        a.count("SELECT count(*) FROM people WHERE given_name = 'Shirin' AND city = 'Paris'"),
        1,
        "the blank city was filled from the other"
    );
    assert_eq!(
        a.count("SELECT count(*) FROM people WHERE given_name = 'Reza'"),
        2
    );
    assert_eq!(
        a.count("SELECT count(*) FROM duplicate_candidates WHERE reason = 'same_name_city'"),
        1
    );
    assert!(a.conflicts().iter().any(|c| c.kind == "same_email"));
    assert!(a.conflicts().iter().any(|c| c.kind == "second_signature"));
}

#[test]
fn a_signature_taken_at_two_tables_keeps_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Laptop::new(dir.path(), "a");
    let c = start_campaign(&mut a);
    let ana = a
        .store
        .write(|w| people::insert(w, &person("Ana", Some("ana@example.org"), None)))
        .unwrap();
    let mut b = join(dir.path(), &a, "b");
    let sign = |display| NewSignature {
        appeal_id: c.appeal,
        person_id: ana,
        signed_at: Utc::now(),
        source: Source::Table,
        display,
        prominent: false,
        statement: None,
    };
    let first = a
        .store
        .write(|w| appeals::sign(w, &sign(Display::Full)))
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(5));
    b.store
        .write(|w| appeals::sign(w, &sign(Display::Hidden)))
        .unwrap();
    let from_a = a.bundle(dir.path(), None, 1);
    let from_b = b.bundle(dir.path(), None, 1);
    b.open(&from_a).unwrap();
    a.open(&from_b).unwrap();
    assert_eq!(a.rows(), b.rows());
    assert_eq!(a.ids("SELECT id FROM signatures"), [first]);
    assert!(b
        .conflicts()
        .iter()
        .any(|c| c.kind == "second_signature" && c.other.as_ref().unwrap()["display"] == "hidden"));
}

#[test]
fn a_removed_person_stays_removed() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Laptop::new(dir.path(), "a");
    let c = start_campaign(&mut a);
    let signed = a
        .store
        .write(|w| {
            appeals::sign_as(
                w,
                c.appeal,
                &person("Ana", Some("ana@example.org"), None),
                Source::Table,
                Display::Full,
            )
        })
        .unwrap();
    let mut b = join(dir.path(), &a, "b");
    a.store.write(|w| people::remove(w, signed.person)).unwrap();
    // Meanwhile b edits her and records an answer for her.
    b.store
        .write(|w| {
            people::update(
                w,
                signed.person,
                &person("Ana", Some("ana@example.org"), Some("Quito")),
            )
        })
        .unwrap();
    b.store
        .write(|w| {
            desk_core::rsvps::answer(
                w,
                &desk_core::rsvps::Answer {
                    guests: 1,
                    ..desk_core::rsvps::Answer::new(
                        c.event,
                        signed.person,
                        desk_core::rsvps::Status::Accepted,
                    )
                },
            )
        })
        .unwrap();
    let from_a = a.bundle(dir.path(), None, 1);
    let from_b = b.bundle(dir.path(), None, 1);
    b.open(&from_a).unwrap();
    a.open(&from_b).unwrap();
    for laptop in [&a, &b] {
        let again = laptop.bundle(dir.path(), None, 9);
        let _ = again;
    }
    let from_a = a.bundle(dir.path(), None, 2);
    let from_b = b.bundle(dir.path(), None, 2);
    b.open(&from_a).unwrap();
    a.open(&from_b).unwrap();
    assert_eq!(a.rows(), b.rows());
    assert_eq!(a.count("SELECT count(*) FROM people"), 0);
    assert_eq!(a.count("SELECT count(*) FROM rsvps"), 0);
    assert!(a.conflicts().iter().any(|c| c.kind == "edit_of_removed"));
    assert!(b.conflicts().iter().any(|c| c.kind == "removed_edited"));
}

#[test]
fn bundles_that_cannot_be_applied_say_why_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Laptop::new(dir.path(), "a");
    start_campaign(&mut a);
    let bundle = a.bundle(dir.path(), None, 1);

    let mut stranger = Laptop::new(dir.path(), "stranger");
    desk_core::campaign::start(&mut stranger.store, "Another campaign").unwrap();
    let before = stranger.rows();
    let err = stranger.open(&bundle).unwrap_err();
    assert_eq!(err.code(), "conflict");
    assert!(
        err.to_string()
            .contains("belongs to the campaign \u{201c}Free them all\u{201d}"),
        "{err}"
    );

    let err = sync::import(&mut stranger.store, &bundle, "wrong passphrase").unwrap_err();
    assert!(
        err.to_string()
            .contains("does not open with this sync passphrase"),
        "{err}"
    );
    let own_file = stranger.store.path().to_owned();
    let err = sync::import(&mut stranger.store, &own_file, PASSPHRASE).unwrap_err();
    assert!(
        err.to_string().contains("is not a Campaign Desk bundle"),
        "{err}"
    );
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "not a bundle at all, just a note").unwrap();
    assert!(sync::import(&mut stranger.store, &text, PASSPHRASE).is_err());
    let err = sync::import(&mut stranger.store, &bundle, "short").unwrap_err();
    assert_eq!(
        err.to_string(),
        "The sync passphrase must have at least 8 characters"
    );
    assert_eq!(stranger.rows(), before);

    // A bundle of another schema version names the side to update.
    for (version, says) in [
        (999, "update Campaign Desk on this laptop"),
        (4, "update Campaign Desk on \u{201c}a\u{201d}"),
    ] {
        let edited = dir.path().join(format!("v{version}.cdbundle"));
        std::fs::copy(&bundle, &edited).unwrap();
        let conn = rusqlite::Connection::open(&edited).unwrap();
        conn.pragma_update(None, "key", PASSPHRASE).unwrap();
        conn.execute("UPDATE bundle SET schema_version = ?1", [version])
            .unwrap();
        drop(conn);
        let mut fresh = Laptop::new(dir.path(), if version == 4 { "fresh4" } else { "fresh999" });
        let err = fresh.open(&edited).unwrap_err();
        assert!(err.to_string().contains(says), "{err}");
    }
}

#[test]
fn a_bundle_made_for_one_laptop_does_not_fill_anothers_gap() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Laptop::new(dir.path(), "a");
    let c = start_campaign(&mut a);
    let mut b = join(dir.path(), &a, "b");
    let mut late = join(dir.path(), &a, "late");
    a.store
        .write(|w| {
            appeals::sign_as(
                w,
                c.appeal,
                &person("Ana", None, None),
                Source::Table,
                Display::Full,
            )
        })
        .unwrap();
    // b hears of Ana; then a says what b has seen, and saves a bundle for b only.
    b.open(&a.bundle(dir.path(), Some(b.id()), 1)).unwrap();
    a.open(&b.bundle(dir.path(), None, 1)).unwrap();
    a.store
        .write(|w| {
            appeals::sign_as(
                w,
                c.appeal,
                &person("Bo", None, None),
                Source::Table,
                Display::Full,
            )
        })
        .unwrap();
    let for_b = a.bundle(dir.path(), Some(b.id()), 2);
    let before = late.rows();
    let err = late.open(&for_b).unwrap_err();
    assert!(
        err.to_string()
            .contains("leaves out changes from \u{201c}a\u{201d}"),
        "{err}"
    );
    assert_eq!(late.rows(), before);
    b.open(&for_b).unwrap();
    assert_eq!(a.rows(), b.rows());
}

#[test]
fn no_readable_name_in_a_bundle() {
    let dir = tempfile::tempdir().unwrap();
    let mut hub = Laptop::new(dir.path(), "hub");
    desk_core::sample::load(&mut hub.store).unwrap();
    let bundle = hub.bundle(dir.path(), None, 1);
    let bytes = std::fs::read(&bundle).unwrap();
    let conn = rusqlite::Connection::open(hub.store.path()).unwrap();
    let mut stmt = conn
        .prepare("SELECT family_name FROM people WHERE length(family_name) >= 4 UNION SELECT name FROM campaign UNION SELECT title FROM events")
        .unwrap();
    let words: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert!(words.len() > 50, "{} words to look for", words.len());
    for word in &words {
        assert!(
            !bytes.windows(word.len()).any(|w| w == word.as_bytes()),
            "{word:?} is readable in the bundle"
        );
    }
    // The same search finds the names in a plain copy, so it would have found them.
    let plain = std::fs::read(hub.store.path()).unwrap_or_default();
    let wal = std::fs::read(format!("{}-wal", hub.store.path().display())).unwrap_or_default();
    let found = words
        .iter()
        .filter(|w| {
            [&plain, &wal]
                .iter()
                .any(|b| b.windows(w.len()).any(|x| x == w.as_bytes()))
        })
        .count();
    assert!(found > 0, "the search works");
    // And the bundle holds them: a laptop joining from it lists them.
    let table = join(dir.path(), &hub, "table");
    assert_eq!(table.rows(), hub.rows());
}

#[test]
fn every_write_is_recorded_and_nothing_writes_around_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Laptop::new(dir.path(), "a");
    start_campaign(&mut a);
    let before = sync::status(&a.store).unwrap().own_changes;
    a.store
        .write(|w| people::insert(w, &person("Ana", None, None)))
        .unwrap();
    assert_eq!(sync::status(&a.store).unwrap().own_changes, before + 1);
    // A write that changes nothing exchanged logs nothing.
    sync::set_laptop_name(&mut a.store, "renamed").unwrap();
    assert_eq!(sync::status(&a.store).unwrap().own_changes, before + 1);
    // A failed write keeps nothing, its changeset included.
    let err = a
        .store
        .write(|w| {
            people::insert(w, &person("Bo", None, None))?;
            people::insert(w, &NewPerson::default())
        })
        .unwrap_err();
    assert_eq!(err.code(), "invalid");
    assert_eq!(sync::status(&a.store).unwrap().own_changes, before + 1);
    assert_eq!(a.count("SELECT count(*) FROM people"), 1);
}

#[test]
fn a_person_who_answers_at_two_laptops_keeps_one_answer_with_the_latest_reply() {
    use desk_core::rsvps::{answer, Answer, Status as RsvpStatus};
    let dir = tempfile::tempdir().unwrap();
    let mut a = Laptop::new(dir.path(), "a");
    let c = start_campaign(&mut a);
    let ana = a
        .store
        .write(|w| people::insert(w, &person("Ana", Some("ana@example.org"), None)))
        .unwrap();
    let mut b = join(dir.path(), &a, "b");
    let first = a
        .store
        .write(|w| {
            answer(
                w,
                &Answer {
                    guests: 2,
                    ..Answer::new(c.event, ana, RsvpStatus::Accepted)
                },
            )
            .map(|a| a.rsvp)
        })
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(5));
    b.store
        .write(|w| answer(w, &Answer::new(c.event, ana, RsvpStatus::Declined)))
        .unwrap();
    let from_a = a.bundle(dir.path(), None, 1);
    let from_b = b.bundle(dir.path(), None, 1);
    b.open(&from_a).unwrap();
    a.open(&from_b).unwrap();
    for (from, to) in [(0, 1), (1, 0)] {
        let laptops = [&a, &b];
        let bundle = laptops[from].bundle(dir.path(), None, 2 + from);
        if to == 0 {
            a.open(&bundle).unwrap();
        } else {
            b.open(&bundle).unwrap();
        }
    }
    assert_eq!(a.rows(), b.rows());
    assert_eq!(
        a.ids("SELECT id FROM rsvps"),
        [first],
        "the first answer stays"
    );
    assert_eq!(
        a.count("SELECT count(*) FROM rsvps WHERE status = 'declined' AND guests = 0"),
        1,
        "carrying the latest reply"
    );
    assert!(a.conflicts().iter().any(|c| c.kind == "second_answer"));
}

#[test]
fn a_queued_duplicate_does_not_stop_a_merge() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Laptop::new(dir.path(), "a");
    let c = start_campaign(&mut a);
    let mut b = join(dir.path(), &a, "b");
    let with_phone = |given: &str, email: &str| NewPerson {
        phone: Some("+49 30 5550123".into()),
        ..person(given, Some(email), None)
    };
    a.store
        .write(|w| {
            appeals::sign_as(
                w,
                c.appeal,
                &with_phone("Leyla", "leyla@example.org"),
                Source::Table,
                Display::Full,
            )
        })
        .unwrap();
    let second = b
        .store
        .write(|w| {
            appeals::sign_as(
                w,
                c.appeal,
                &with_phone("Leyla K.", "leyla.k@example.org"),
                Source::Table,
                Display::Full,
            )
        })
        .unwrap();
    let mut hub = join(dir.path(), &a, "hub");
    hub.open(&b.bundle(dir.path(), None, 1)).unwrap();
    assert_eq!(
        hub.count("SELECT count(*) FROM duplicate_candidates WHERE reason = 'same_phone'"),
        1
    );
    // b learns it is the same address: now the same email, merged on arrival.
    b.store
        .write(|w| {
            people::update(
                w,
                second.person,
                &with_phone("Leyla K.", "LEYLA@example.org"),
            )
        })
        .unwrap();
    let applied = hub.open(&b.bundle(dir.path(), None, 2)).unwrap();
    assert_eq!(applied.merged_people, 1);
    assert_eq!(
        hub.count("SELECT count(*) FROM people WHERE given_name LIKE 'Leyla%'"),
        1
    );
    assert_eq!(hub.count("SELECT count(*) FROM duplicate_candidates"), 0);
}

#[test]
fn a_copied_database_file_is_caught_not_merged() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Laptop::new(dir.path(), "a");
    let c = start_campaign(&mut a);
    let mut b = join(dir.path(), &a, "b");
    // Someone copies a's file to set up a third laptop; both copies go on signing people up.
    let copy_path = dir.path().join("copy.db");
    drop(
        rusqlite::Connection::open(a.store.path())
            .unwrap()
            .execute_batch(&format!("VACUUM INTO '{}'", copy_path.display())),
    );
    let mut copy = Laptop {
        name: "copy",
        store: desk_core::Store::open(&copy_path).unwrap(),
    };
    a.store
        .write(|w| {
            appeals::sign_as(
                w,
                c.appeal,
                &person("Ana", None, None),
                Source::Table,
                Display::Full,
            )
        })
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(5));
    copy.store
        .write(|w| {
            appeals::sign_as(
                w,
                c.appeal,
                &person("Bo", None, None),
                Source::Table,
                Display::Full,
            )
        })
        .unwrap();
    b.open(&a.bundle(dir.path(), None, 1)).unwrap();
    let before = b.rows();
    let err = b.open(&copy.bundle(dir.path(), None, 1)).unwrap_err();
    assert_eq!(err.message().key(), "bundle_clone", "{err}");
    assert_eq!(b.rows(), before, "nothing changed");
}

#[test]
fn a_bundle_is_never_saved_over_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Laptop::new(dir.path(), "a");
    start_campaign(&mut a);
    let before = a.rows();
    let db = a.store.path().to_owned();
    for target in [db.clone(), dir.path().join("a.db-wal")] {
        let err = sync::export(&a.store, &target, PASSPHRASE, None).unwrap_err();
        assert_eq!(err.message().key(), "bundle_over_database", "{err}");
    }
    assert_eq!(a.rows(), before);
    drop(a);
    desk_core::Store::open(&db).unwrap();
}

/// Corrects a gift's amount and note, as the treasurer's form does.
fn correct(
    w: &desk_core::sync::Tx<'_>,
    gift: desk_core::Id,
    amount: &str,
    why: &str,
) -> desk_core::Result<()> {
    let mut d = donations::input(w, gift)?;
    d.amount = amount.into();
    d.note = why.into();
    donations::correct(w, gift, &d, why, "treasurer")
}
