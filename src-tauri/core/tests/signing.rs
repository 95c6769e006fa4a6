//! Appeals, their versions, signing, consent records and paper sheets, on a real database file.

mod common;

use desk_core::appeals::{self, NewAppeal, Status, Words};
use desk_core::people::NewPerson;
use desk_core::sheets::{self, NewSheet};
use desk_core::signing::{self, Display, Signing, Source, Withdrawal};
use desk_core::{Id, Store};

use common::{join, start_campaign, Laptop, PASSPHRASE};

fn store(dir: &std::path::Path) -> (Store, Id) {
    let mut store = Store::open(dir.join("a.db")).unwrap();
    desk_core::campaign::start(&mut store, "Free them all").unwrap();
    let appeal = store
        .write(|w| {
            appeals::insert_appeal(
                w,
                &NewAppeal {
                    slug: Some("emergency"),
                    ..NewAppeal::english("Emergency Appeal", "Free them.")
                },
            )
        })
        .unwrap();
    (store, appeal)
}

fn person(given: &str, family: &str, email: Option<&str>) -> NewPerson {
    NewPerson {
        given_name: given.into(),
        family_name: family.into(),
        email: email.map(Into::into),
        city: Some("Berlin".into()),
        country: Some("DE".into()),
        ..Default::default()
    }
}

fn signing(appeal: Id, p: NewPerson, lang: &str) -> Signing {
    Signing {
        appeal,
        person: p,
        lang: Some(lang.into()),
        source: Source::Table,
        display: Display::NameAndCity,
        contact_consent: false,
        event: None,
        sheet: None,
        entered_by: None,
        known_person: None,
    }
}

fn one<T: rusqlite::types::FromSql>(store: &Store, sql: &str) -> T {
    let conn = rusqlite::Connection::open(store.path()).unwrap();
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn changing_the_words_makes_a_version_and_each_signature_keeps_the_one_its_signer_saw() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, appeal) = store(dir.path());
    let first = store
        .write(|w| {
            signing::sign_in(
                w,
                &signing(appeal, person("Ana", "Ruiz", Some("ana@example.org")), "en"),
            )
        })
        .unwrap();

    // The same words again: no new version.
    let same = store
        .write(|w| {
            appeals::set_words(
                w,
                appeal,
                &Words {
                    lang: "en".into(),
                    title: "Emergency Appeal".into(),
                    body: "Free them.".into(),
                    ..Words::default()
                },
            )
        })
        .unwrap();
    assert!(!same.new_version);
    assert_eq!(same.version, 1);

    // New consent wording: version 2; a Farsi translation: its own version 1.
    let v2 = store
        .write(|w| {
            appeals::set_words(
                w,
                appeal,
                &Words {
                    lang: "en".into(),
                    title: "Emergency Appeal".into(),
                    body: "Free them.".into(),
                    consent: "I sign, and my name may be printed as I chose.".into(),
                    ..Words::default()
                },
            )
        })
        .unwrap();
    assert!(v2.new_version);
    assert_eq!(v2.version, 2);
    let fa = store
        .write(|w| {
            appeals::set_words(
                w,
                appeal,
                &Words {
                    lang: "fa".into(),
                    title: "فراخوان فوری".into(),
                    body: "آزادشان کنید.".into(),
                    ..Words::default()
                },
            )
        })
        .unwrap();
    assert_eq!((fa.version, fa.new_version), (1, true));

    let second = store
        .write(|w| {
            signing::sign_in(
                w,
                &signing(
                    appeal,
                    person("Nahid", "Tehrani", Some("nahid@example.org")),
                    "fa",
                ),
            )
        })
        .unwrap();
    let third = store
        .write(|w| signing::sign_in(w, &signing(appeal, person("Bo", "Li", None), "en")))
        .unwrap();

    let text_of = |sig: Id| -> appeals::Text {
        let conn = rusqlite::Connection::open(store.path()).unwrap();
        let id: Id = conn
            .query_row("SELECT text_id FROM signatures WHERE id = ?1", [sig], |r| {
                r.get(0)
            })
            .unwrap();
        appeals::text(&store, id).unwrap()
    };
    let t1 = text_of(first.signature);
    assert_eq!((t1.lang.as_str(), t1.version), ("en", 1));
    assert!(
        t1.consent.starts_with("I sign this appeal."),
        "the default wording"
    );
    assert_eq!(
        t1.words_hash,
        appeals::words_hash(&t1.title, &t1.body, &t1.consent, &t1.contact_consent)
    );
    let t2 = text_of(second.signature);
    assert_eq!(
        (t2.lang.as_str(), t2.version, t2.title.as_str()),
        ("fa", 1, "فراخوان فوری")
    );
    assert!(
        t2.consent.starts_with("من این فراخوان را امضا"),
        "Farsi default wording"
    );
    let t3 = text_of(third.signature);
    assert_eq!(
        (t3.version, t3.consent.as_str()),
        (2, "I sign, and my name may be printed as I chose.")
    );
    // The hash stored with each signature is the hash of the words it points at.
    let hashes: i64 = one(&store, "SELECT count(*) FROM signatures s JOIN appeal_texts t ON t.id = s.text_id WHERE s.words_hash = t.words_hash");
    assert_eq!(hashes, 3);

    // The page lists every version, old ones readable, with the signatures each got.
    let page = appeals::page(&store, appeal).unwrap();
    assert_eq!(
        page.texts
            .iter()
            .map(|t| t.lang.as_str())
            .collect::<Vec<_>>(),
        ["en", "fa"]
    );
    assert_eq!(page.texts[0].version, 2);
    let v: Vec<(String, i64, i64)> = page
        .versions
        .iter()
        .map(|v| (v.lang.clone(), v.version, v.signatures))
        .collect();
    assert_eq!(
        v,
        [
            ("en".into(), 2, 1),
            ("en".into(), 1, 1),
            ("fa".into(), 1, 1)
        ]
    );
    assert_eq!(page.summary.signers, 3);
    assert_eq!(page.summary.langs, ["en", "fa"]);

    // A language with no words of its own shows the appeal's own.
    let conn = rusqlite::Connection::open(store.path()).unwrap();
    assert_eq!(
        appeals::current_text(&conn, appeal, "es").unwrap().lang,
        "en"
    );
}

#[test]
fn the_same_email_signs_once_and_nothing_else_merges() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, appeal) = store(dir.path());
    let first = store
        .write(|w| {
            signing::sign_in(
                w,
                &signing(appeal, person("Ana", "Ruiz", Some("ana@example.org")), "en"),
            )
        })
        .unwrap();
    assert!(!first.known && !first.already_signed && first.person_added);
    // Case and spaces around the email do not matter; the stored name is not overwritten.
    let mut again = signing(
        appeal,
        person("Someone", "Else", Some("  ANA@Example.org ")),
        "en",
    );
    again.display = Display::Initials;
    let second = store.write(|w| signing::sign_in(w, &again)).unwrap();
    assert!(second.known && second.already_signed && !second.person_added);
    assert_eq!(second.signature, first.signature);
    assert_eq!(one::<i64>(&store, "SELECT count(*) FROM signatures"), 1);
    assert_eq!(
        one::<String>(&store, "SELECT display FROM signatures"),
        "initials"
    );
    assert_eq!(
        one::<String>(&store, "SELECT given_name FROM people"),
        "Ana"
    );
    // The same name and city without an email is someone else, never merged silently.
    store
        .write(|w| signing::sign_in(w, &signing(appeal, person("Ana", "Ruiz", None), "en")))
        .unwrap();
    assert_eq!(one::<i64>(&store, "SELECT count(*) FROM signatures"), 2);
    assert_eq!(one::<i64>(&store, "SELECT count(*) FROM people"), 2);
    // Each signing is a consent act with the words shown.
    assert_eq!(
        one::<i64>(
            &store,
            "SELECT count(*) FROM consents WHERE purpose = 'signature' AND given = 1"
        ),
        3
    );
}

#[test]
fn consent_is_a_record_given_and_withdrawn() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, appeal) = store(dir.path());
    let mut s = signing(appeal, person("Ana", "Ruiz", Some("ana@example.org")), "en");
    s.contact_consent = true;
    s.source = Source::Paper;
    s.entered_by = Some("Mina".into());
    let signed = store.write(|w| signing::sign_in(w, &s)).unwrap();
    assert_eq!(signed.consents.len(), 2);
    let conn = rusqlite::Connection::open(store.path()).unwrap();
    let acts = signing::consents(&conn, signed.person).unwrap();
    let contact = acts.iter().find(|a| a.purpose == "contact").unwrap();
    assert!(contact.given);
    assert_eq!(contact.how, "paper");
    assert_eq!(contact.recorded_by.as_deref(), Some("Mina"));
    assert_eq!(contact.wording, appeals::default_consent("en").1);
    assert_eq!(contact.words_hash.len(), 64);
    assert!(signing::may_contact(&conn, signed.person).unwrap());

    // Withdrawing contact: one act, recorded the same way; the signature stays.
    store
        .write(|w| {
            signing::withdraw(
                w,
                signed.person,
                Some(appeal),
                Withdrawal::Contact,
                Some("Organizer"),
            )
        })
        .unwrap();
    assert!(!signing::may_contact(&conn, signed.person).unwrap());
    assert_eq!(one::<i64>(&store, "SELECT count(*) FROM signatures"), 1);
    // Withdrawing the signature removes it from every list; the act stays on record.
    store
        .write(|w| signing::withdraw(w, signed.person, Some(appeal), Withdrawal::Signature, None))
        .unwrap();
    assert_eq!(one::<i64>(&store, "SELECT count(*) FROM signatures"), 0);
    let acts = signing::consents(&conn, signed.person).unwrap();
    let kinds: Vec<(String, bool)> = acts.iter().map(|a| (a.purpose.clone(), a.given)).collect();
    assert_eq!(kinds.len(), 4);
    assert!(kinds.contains(&("signature".into(), false)));
    assert!(kinds.contains(&("contact".into(), false)));
    assert_eq!(
        store
            .write(|w| signing::withdraw(
                w,
                signed.person,
                Some(appeal),
                Withdrawal::Signature,
                None
            ))
            .unwrap_err()
            .code(),
        "not_found"
    );
}

#[test]
fn names_are_stored_normalized_and_matched_across_spellings() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, appeal) = store(dir.path());
    let cases = [
        // (typed given, typed family, stored given, stored family)
        (
            "\u{2067}نسرین\u{2069}",
            "ستوده\u{200c}ای",
            "نسرین",
            "ستوده\u{200c}ای",
        ),
        ("علي", "كريمي", "علي", "كريمي"),
        ("Jose\u{301}", "Mu\u{308}ller\u{202e}", "José", "Müller"),
        ("小明", "王", "小明", "王"),
        (
            "\u{feff}Ελένη",
            "Παπαδοπούλου\u{200b}",
            "Ελένη",
            "Παπαδοπούλου",
        ),
    ];
    for (i, (given, family, _, _)) in cases.iter().enumerate() {
        store
            .write(|w| {
                signing::sign_in(
                    w,
                    &signing(
                        appeal,
                        person(given, family, Some(&format!("p{i}@example.org"))),
                        "en",
                    ),
                )
            })
            .unwrap();
    }
    let conn = rusqlite::Connection::open(store.path()).unwrap();
    for (i, (_, _, given, family)) in cases.iter().enumerate() {
        let (g, f): (String, String) = conn
            .query_row(
                "SELECT given_name, family_name FROM people WHERE email = ?1",
                [format!("p{i}@example.org")],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!((g.as_str(), f.as_str()), (*given, *family));
    }
    // Matching treats Arabic ي/ك and Persian ی/ک alike and ignores case and accents.
    use desk_core::text::fold;
    assert_eq!(fold("علي كريمي"), fold("علی کریمی"));
    assert_eq!(fold("JOSÉ MÜLLER"), fold("jose muller"));
    // ZWNJ stays in what is stored and shown, though matching looks through it.
    assert!(cases[0].3.contains('\u{200c}'));
    assert_eq!(fold("ستوده\u{200c}ای"), fold("ستودهای"));
}

#[test]
fn paper_rows_keep_their_sheet_and_row_and_can_be_taken_back() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, appeal) = store(dir.path());
    // Someone who signed at a table before.
    store
        .write(|w| {
            signing::sign_in(
                w,
                &signing(appeal, person("Ana", "Ruiz", Some("ana@example.org")), "en"),
            )
        })
        .unwrap();
    assert_eq!(sheets::next_number(&store, appeal).unwrap(), 1);
    let sheet = store
        .write(|w| {
            sheets::open(
                w,
                appeal,
                &NewSheet {
                    number: 7,
                    rows_on_paper: Some(3),
                    typed_by: Some("Mina".into()),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    let row = |n: i64, p: NewPerson| {
        let mut s = signing(appeal, p, "en");
        s.source = Source::Paper;
        s.sheet = Some((sheet, n));
        s.entered_by = Some("Mina".into());
        s
    };
    let r1 = store
        .write(|w| signing::sign_in(w, &row(1, person("Omid", "K", None))))
        .unwrap();
    let r2 = store
        .write(|w| signing::sign_in(w, &row(2, person("Ana", "Ruiz", Some("ana@example.org")))))
        .unwrap();
    assert!(r2.already_signed, "the row says Ana had signed");
    let r3 = store
        .write(|w| signing::sign_in(w, &row(3, person("Lea", "Roth", None))))
        .unwrap();

    let typed = sheets::rows(&store, sheet).unwrap();
    assert_eq!(typed.iter().map(|r| r.row).collect::<Vec<_>>(), [1, 2, 3]);
    let register = sheets::list(&store, appeal).unwrap();
    assert_eq!(register.len(), 1);
    assert_eq!(
        (
            register[0].number,
            register[0].rows_typed,
            register[0].rows_on_paper
        ),
        (7, 3, Some(3))
    );
    assert_eq!(register[0].typed_by.as_deref(), Some("Mina"));
    assert_eq!(sheets::next_number(&store, appeal).unwrap(), 8);
    // Opening sheet 7 again is the same sheet.
    let again = store
        .write(|w| {
            sheets::open(
                w,
                appeal,
                &NewSheet {
                    number: 7,
                    ..Default::default()
                },
            )
        })
        .unwrap();
    assert_eq!(again, sheet);

    // Ctrl+Z: a new row goes with the person it added; an updated row gets its old values back.
    store.write(|w| signing::take_back(w, &r3)).unwrap();
    assert_eq!(
        one::<i64>(
            &store,
            "SELECT count(*) FROM people WHERE given_name = 'Lea'"
        ),
        0
    );
    store.write(|w| signing::take_back(w, &r2)).unwrap();
    assert_eq!(
        one::<String>(&store, "SELECT source || coalesce(sheet_row, '-') FROM signatures s JOIN people p ON p.id = s.person_id WHERE p.given_name = 'Ana'"),
        "table-"
    );
    assert_eq!(
        one::<i64>(
            &store,
            "SELECT count(*) FROM people WHERE given_name = 'Ana'"
        ),
        1
    );
    assert_eq!(sheets::rows(&store, sheet).unwrap().len(), 1);
    assert_eq!(
        one::<i64>(&store, "SELECT count(*) FROM consents"),
        2,
        "Ana's first, Omid's"
    );
    let _ = r1;
}

#[test]
fn appeals_have_a_slug_a_status_and_a_goal() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, appeal) = store(dir.path());
    let err = store
        .write(|w| {
            appeals::insert_appeal(
                w,
                &NewAppeal {
                    slug: Some("emergency"),
                    ..NewAppeal::english("Other", "")
                },
            )
        })
        .unwrap_err();
    assert_eq!(err.code(), "conflict");
    // Without a slug, one is made from the title; a Persian title gets "appeal".
    let fa = store
        .write(|w| {
            appeals::insert_appeal(
                w,
                &NewAppeal {
                    words: Words {
                        lang: "fa".into(),
                        title: "نامه‌ی سرگشاده".into(),
                        ..Words::default()
                    },
                    ..NewAppeal::english("", "")
                },
            )
        })
        .unwrap();
    let list = appeals::list(&store).unwrap();
    assert_eq!(
        list.iter().map(|a| a.slug.as_str()).collect::<Vec<_>>(),
        ["emergency", "appeal"]
    );
    assert_eq!(list[1].lang, "fa");
    assert_eq!(appeals::by_slug(&store, "appeal").unwrap(), fa);
    assert_eq!(
        appeals::by_slug(&store, "nope").unwrap_err().code(),
        "not_found"
    );

    store
        .write(|w| appeals::set_details(w, appeal, "free-them", Some(3000)))
        .unwrap();
    store
        .write(|w| appeals::set_status(w, appeal, Status::Closed))
        .unwrap();
    let a = &appeals::list(&store).unwrap()[0];
    assert_eq!(
        (a.slug.as_str(), a.goal, a.status),
        ("free-them", Some(3000), Status::Closed)
    );
    // A closed appeal takes no signature at a table.
    let err = store
        .write(|w| signing::sign_in(w, &signing(appeal, person("Ana", "Ruiz", None), "en")))
        .unwrap_err();
    assert_eq!(err.message().key(), "appeal_not_open");
}

#[test]
fn prominent_signers_have_a_title_a_statement_and_an_order() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, appeal) = store(dir.path());
    let mut ids = Vec::new();
    for (g, f) in [("Ava", "Stone"), ("Ben", "Amir"), ("Cy", "Park")] {
        ids.push(
            store
                .write(|w| signing::sign_in(w, &signing(appeal, person(g, f, None), "en")))
                .unwrap()
                .signature,
        );
    }
    store
        .write(|w| {
            signing::set_prominence(
                w,
                ids[0],
                &signing::Prominence {
                    prominent: true,
                    featured: true,
                    title: Some("novelist and playwright".into()),
                    statement: Some("Words are not crimes.".into()),
                    display_order: Some(2),
                },
            )?;
            signing::set_prominence(
                w,
                ids[2],
                &signing::Prominence {
                    prominent: true,
                    display_order: Some(1),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    let conn = rusqlite::Connection::open(store.path()).unwrap();
    let p = appeals::prominent(&conn, appeal).unwrap();
    assert_eq!(
        p.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
        ["Cy Park", "Ava Stone"]
    );
    assert_eq!(p[1].title.as_deref(), Some("novelist and playwright"));
    assert_eq!(p[1].statement.as_deref(), Some("Words are not crimes."));
    assert!(p[1].featured && !p[0].featured);
}

#[test]
fn words_consents_and_sheets_reach_another_laptop() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Laptop::new(dir.path(), "table");
    let campaign = start_campaign(&mut a);
    a.store
        .write(|w| {
            appeals::set_words(
                w,
                campaign.appeal,
                &Words {
                    lang: "es".into(),
                    title: "Llamamiento".into(),
                    ..Words::default()
                },
            )
        })
        .unwrap();
    let sheet = a
        .store
        .write(|w| {
            sheets::open(
                w,
                campaign.appeal,
                &NewSheet {
                    number: 1,
                    ..Default::default()
                },
            )
        })
        .unwrap();
    let mut s = signing(
        campaign.appeal,
        person("Ana", "Ruiz", Some("ana@example.org")),
        "es",
    );
    s.contact_consent = true;
    s.source = Source::Paper;
    s.sheet = Some((sheet, 1));
    a.store.write(|w| signing::sign_in(w, &s)).unwrap();
    let b = join(dir.path(), &a, "office");
    assert_eq!(a.rows(), b.rows());
    assert_eq!(b.count("SELECT count(*) FROM consents"), 2);
    assert_eq!(
        b.count("SELECT count(*) FROM signatures WHERE sheet_row = 1 AND text_id IS NOT NULL"),
        1
    );
    let _ = PASSPHRASE;
}

#[test]
fn a_stranger_at_a_table_cannot_widen_a_name_or_restore_a_withdrawn_consent() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, appeal) = store(dir.path());
    let mut first = signing(
        appeal,
        person("Nahid", "Tehrani", Some("nahid@example.org")),
        "en",
    );
    first.display = Display::Hidden;
    first.contact_consent = true;
    let signed = store.write(|w| signing::sign_in(w, &first)).unwrap();
    store
        .write(|w| signing::withdraw(w, signed.person, Some(appeal), Withdrawal::Contact, None))
        .unwrap();
    // Someone else types her email at a table, asking for her full name and contact.
    let mut other = signing(appeal, person("X", "Y", Some("nahid@example.org")), "en");
    other.display = Display::Full;
    other.contact_consent = true;
    store.write(|w| signing::sign_in(w, &other)).unwrap();
    assert_eq!(
        one::<String>(&store, "SELECT display FROM signatures"),
        "hidden"
    );
    let conn = rusqlite::Connection::open(store.path()).unwrap();
    assert!(!signing::may_contact(&conn, signed.person).unwrap());
    // An organizer typing it in (not a table) may change it.
    let mut organizer = other.clone();
    organizer.source = Source::Manual;
    store.write(|w| signing::sign_in(w, &organizer)).unwrap();
    assert_eq!(
        one::<String>(&store, "SELECT display FROM signatures"),
        "full"
    );
}
