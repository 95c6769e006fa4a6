//! A person's rights: everything about them exported, and erased on request, on this laptop
//! and on the laptops the erasure reaches; gifts kept as anonymous amounts; no byte of their
//! name left in any file (database, WAL, the log for other laptops, backups made afterwards).

mod common;

use std::fs;
use std::path::Path;

use desk_core::donations::{self, DonationInput};
use desk_core::people::NewPerson;
use desk_core::person_rights;
use desk_core::rsvps::{self, Answer, Status as Rsvp};
use desk_core::signing::{self, Signing};
use desk_core::{backup, Id};

use common::{join, start_campaign, table_signing, Campaign, Laptop};

const GIVEN: &str = "Zhalehnaz";
const FAMILY: &str = "Forgetmeplease";

/// The person who asks to be erased: a signer who consented to contact, came to an event, gave
/// twice (once with a note naming them). Returns their id.
fn the_person(laptop: &mut Laptop, c: &Campaign) -> Id {
    let signed = laptop
        .store
        .write(|w| {
            signing::sign_in(
                w,
                &Signing {
                    contact_consent: true,
                    ..table_signing(
                        c.appeal,
                        NewPerson {
                            given_name: GIVEN.into(),
                            family_name: FAMILY.into(),
                            email: Some("zhalehnaz@example.org".into()),
                            city: Some("Rasht".into()),
                            country: Some("IR".into()),
                            ..Default::default()
                        },
                    )
                },
            )
        })
        .unwrap();
    let person = signed.person;
    laptop
        .store
        .write(|w| {
            rsvps::answer(
                w,
                &Answer {
                    note: "Comes with Zhalehnaz's cousin",
                    ..Answer::new(c.event, person, Rsvp::Accepted)
                },
            )?;
            for (amount, note) in [("40", "Zhalehnaz Forgetmeplease, by hand"), ("25", "")] {
                donations::record(
                    w,
                    &DonationInput {
                        person: Some(person),
                        amount: amount.into(),
                        currency: "USD".into(),
                        received_on: "2026-11-20".into(),
                        method: "cash".into(),
                        fund: Some(c.fund),
                        note: note.into(),
                        ..Default::default()
                    },
                )?;
            }
            Ok(())
        })
        .unwrap();
    person
}

/// The files under `dir` in which the person's name can be read.
fn name_found_in(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(name_found_in(&path));
            continue;
        }
        let bytes = fs::read(&path).unwrap();
        for word in [GIVEN, FAMILY] {
            if bytes.windows(word.len()).any(|w| w == word.as_bytes()) {
                found.push(format!("{word} in {}", path.display()));
            }
        }
    }
    found
}

fn totals(laptop: &Laptop) -> serde_json::Value {
    serde_json::to_value(desk_core::stats::collect(&laptop.store).unwrap().donations).unwrap()
}

#[test]
fn a_person_exported_then_erased_here_and_on_the_laptop_the_erasure_reaches() {
    let dir = tempfile::tempdir().unwrap();
    let a_dir = dir.path().join("a");
    let b_dir = dir.path().join("b");
    let bundles = dir.path().join("bundles");
    for d in [&a_dir, &b_dir, &bundles] {
        fs::create_dir(d).unwrap();
    }
    let mut a = Laptop::new(&a_dir, "a");
    let c = start_campaign(&mut a);
    let person = the_person(&mut a, &c);
    let mut b = join(&bundles, &a, "b");
    // b's file lives in its own folder, to look at alone.
    drop(b);
    fs::rename(bundles.join("b.db"), b_dir.join("b.db")).unwrap();
    b = Laptop {
        name: "b",
        store: desk_core::Store::open(b_dir.join("b.db")).unwrap(),
    };
    assert_eq!(
        b.count("SELECT count(*) FROM donations WHERE person_id IS NOT NULL"),
        2
    );
    assert!(
        !name_found_in(&b_dir).is_empty(),
        "b holds the person before"
    );

    // Everything about them, as a file for them.
    let export = a_dir.join("for-the-person.json");
    let record = person_rights::export_to_file(&a.store, person, &export).unwrap();
    let text = fs::read_to_string(&export).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["person"]["given_name"], GIVEN);
    assert_eq!(record.signatures.len(), 1);
    assert_eq!(record.consents.len(), 2, "signing and contact");
    assert_eq!(record.answers.len(), 1);
    assert_eq!(record.donations.len(), 2);
    assert!(!record.money_audit.is_empty());
    fs::remove_file(&export).unwrap();

    // Erased on a, with a backup made before (kept) and one after.
    let before_totals = totals(&a);
    backup::automatic(&a.store.backup_source(), 10, chrono::Utc::now()).unwrap();
    let old_backups = backup::list(a.store.path());
    let erased = person_rights::erase(&mut a.store, person).unwrap();
    assert_eq!(
        (
            erased.signatures,
            erased.consents,
            erased.answers,
            erased.donations
        ),
        (1, 2, 1, 2)
    );
    assert!(erased.log_entries > 0);
    assert_eq!(totals(&a), before_totals, "the books keep every amount");
    assert_eq!(
        a.count("SELECT count(*) FROM donations WHERE person_id IS NULL"),
        2
    );
    assert_eq!(
        a.count("SELECT count(*) FROM people WHERE given_name = 'Zhalehnaz'"),
        0
    );
    assert!(
        a.store.check().unwrap().is_sound(),
        "the audit chain still checks"
    );
    assert_eq!(
        person_rights::export(&a.store, person).unwrap_err().code(),
        "not_found"
    );
    let after = a_dir.join("after.backup");
    backup::to_file(&a.store.backup_source(), &after).unwrap();
    let found: Vec<String> = name_found_in(&a_dir)
        .into_iter()
        .filter(|f| !old_backups.iter().any(|b| f.ends_with(&b.path)))
        .collect();
    assert_eq!(found, Vec::<String>::new(), "a's files after the erasure");

    // The backup from before, restored: the person is erased again in it.
    let (store, restored) =
        backup::restore(&a_dir.join("a.db"), Path::new(&old_backups[0].path), None).unwrap();
    a.store = store;
    assert_eq!(restored.erased_again, 1);
    assert_eq!(
        a.count("SELECT count(*) FROM people WHERE given_name = 'Zhalehnaz'"),
        0
    );
    assert_eq!(totals(&a), before_totals);

    // b gets the erasure with a's next bundle: the same there.
    let bundle = a.bundle(&bundles, Some(b.id()), 1);
    assert_eq!(
        name_found_in(&bundles)
            .iter()
            .filter(|f| f.contains("a-1"))
            .count(),
        0
    );
    b.open(&bundle).unwrap();
    assert_eq!(
        b.count("SELECT count(*) FROM people WHERE given_name = 'Zhalehnaz'"),
        0
    );
    assert_eq!(
        b.count("SELECT count(*) FROM donations WHERE person_id IS NULL"),
        2
    );
    assert_eq!(totals(&b), before_totals);
    assert!(b.store.check().unwrap().is_sound());
    let _ = b
        .store
        .reader()
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
    assert_eq!(
        name_found_in(&b_dir),
        Vec::<String>::new(),
        "b's files after the erasure"
    );
}
