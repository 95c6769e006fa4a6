//! The signer list on a real database file: search in every script, keyset pages, filters and
//! sorts, the duplicate queue, the organizer's merge and its undo, and the numbers.

mod common;

use std::collections::BTreeMap;

use desk_core::appeals::{self, NewAppeal};
use desk_core::duplicates;
use desk_core::people::{self, NewPerson};
use desk_core::search::{self, PeopleQuery};
use desk_core::signer_numbers;
use desk_core::signing::{self, Display, Signing, Source};
use desk_core::{Id, Store};

use common::{join, start_campaign, Laptop};

fn store(dir: &std::path::Path) -> (Store, Id, Id) {
    let mut store = Store::open(dir.join("a.db")).unwrap();
    desk_core::campaign::start(&mut store, "Free them all").unwrap();
    let (first, second) = store
        .write(|w| {
            Ok((
                appeals::insert_appeal(
                    w,
                    &NewAppeal {
                        slug: Some("emergency"),
                        ..NewAppeal::english("Emergency Appeal", "Free them.")
                    },
                )?,
                appeals::insert_appeal(
                    w,
                    &NewAppeal {
                        slug: Some("ad"),
                        ..NewAppeal::english("The Ad", "Publish it.")
                    },
                )?,
            ))
        })
        .unwrap();
    (store, first, second)
}

fn person(given: &str, family: &str, email: Option<&str>, city: Option<&str>) -> NewPerson {
    NewPerson {
        given_name: given.into(),
        family_name: family.into(),
        email: email.map(Into::into),
        city: city.map(Into::into),
        ..Default::default()
    }
}

fn sign(store: &mut Store, appeal: Id, p: NewPerson, source: Source) -> Id {
    store
        .write(|w| {
            signing::sign_in(
                w,
                &Signing {
                    appeal,
                    person: p,
                    lang: None,
                    source,
                    display: Display::Full,
                    contact_consent: true,
                    event: None,
                    sheet: None,
                    entered_by: None,
                    known_person: None,
                },
            )
        })
        .unwrap()
        .person
}

fn find(store: &Store, text: &str) -> Vec<String> {
    let page = search::page(
        store,
        &PeopleQuery {
            text: Some(text.into()),
            ..Default::default()
        },
    )
    .unwrap();
    page.rows
        .iter()
        .map(|r| format!("{} {}", r.given_name, r.family_name))
        .collect()
}

#[test]
fn search_finds_names_in_every_script_by_any_part() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, appeal, _) = store(dir.path());
    for (given, family) in [
        (
            "\u{0639}\u{0644}\u{06cc}",
            "\u{0631}\u{0636}\u{0627}\u{06cc}\u{06cc}",
        ), // علی رضایی (Persian ye)
        ("José", "Martínez"),
        ("Наталья", "Иванова"),
        ("Γιώργος", "Παπαδόπουλος"),
        ("毛", "泽东"),
        ("Zhang", "Wei"),
        ("Ali", "Rezaei"),
    ] {
        sign(
            &mut store,
            appeal,
            person(given, family, None, Some("Berlin")),
            Source::Table,
        );
    }
    // The Arabic spelling (ي, U+064A) finds the Persian one (ی, U+06CC).
    assert_eq!(find(&store, "\u{0639}\u{0644}\u{064a}").len(), 1);
    assert_eq!(
        find(&store, "\u{0631}\u{0636}\u{0627}\u{064a}\u{064a}").len(),
        1
    );
    assert_eq!(find(&store, "jose"), vec!["José Martínez"]);
    assert_eq!(find(&store, "MARTINEZ"), vec!["José Martínez"]);
    assert_eq!(find(&store, "ezae"), vec!["Ali Rezaei"]);
    assert_eq!(find(&store, "иван"), vec!["Наталья Иванова"]);
    assert_eq!(find(&store, "παπαδο"), vec!["Γιώργος Παπαδόπουλος"]);
    assert_eq!(find(&store, "泽东"), vec!["毛 泽东"]);
    // Two letters find the start of a word; one says too little.
    assert_eq!(find(&store, "zh"), vec!["Zhang Wei"]);
    assert_eq!(find(&store, "ali rez"), vec!["Ali Rezaei"]);
    assert_eq!(find(&store, "berl").len(), 7);
    assert!(find(&store, "nobody-like-this").is_empty());
    // What the search syntax means is typed text here, never an operator or an error.
    for odd in [
        "\"",
        "a OR b",
        "NEAR(",
        "*",
        "'; DROP TABLE people; --",
        "col:x",
    ] {
        search::page(
            &store,
            &PeopleQuery {
                text: Some(odd.into()),
                ..Default::default()
            },
        )
        .unwrap();
    }

    // Editing a name moves it in the index; removing a person takes it out.
    let id = search::page(
        &store,
        &PeopleQuery {
            text: Some("rezaei".into()),
            ..Default::default()
        },
    )
    .unwrap()
    .rows[0]
        .id;
    store
        .write(|w| people::update(w, id, &person("Ali", "Karimi", None, Some("Berlin"))))
        .unwrap();
    assert!(find(&store, "rezaei").is_empty());
    assert_eq!(find(&store, "karimi"), vec!["Ali Karimi"]);
    store.write(|w| people::remove(w, id)).unwrap();
    assert!(find(&store, "karimi").is_empty());
}

#[test]
fn pages_by_key_cover_the_list_once_in_every_sort() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, appeal, other) = store(dir.path());
    for i in 0..230 {
        let p = NewPerson {
            given_name: format!("Given{:03}", (i * 37) % 230),
            family_name: ["Ahmadi", "Zand", "Ruiz", "Smith"][i % 4].into(),
            email: (i % 3 != 0).then(|| format!("p{i}@example.org")),
            city: (i % 5 != 0).then(|| ["Berlin", "Bogotá", "Tehran"][i % 3].into()),
            country: Some(["DE", "CO", "IR"][i % 3].into()),
            ..Default::default()
        };
        let source = if i % 2 == 0 {
            Source::Paper
        } else {
            Source::Table
        };
        sign(&mut store, if i < 200 { appeal } else { other }, p, source);
    }
    for (sort, with_appeal) in [
        ("name", false),
        ("email", false),
        ("city", false),
        ("country", false),
        ("organization", false),
        ("signed_at", true),
        ("source", true),
        ("name", true),
    ] {
        for descending in [false, true] {
            let query = PeopleQuery {
                appeal: with_appeal.then_some(appeal),
                sort: Some(sort.into()),
                descending,
                limit: Some(37),
                ..Default::default()
            };
            let mut seen = Vec::new();
            let mut after = None;
            loop {
                let page = search::page(
                    &store,
                    &PeopleQuery {
                        after,
                        ..query.clone()
                    },
                )
                .unwrap();
                seen.extend(page.rows.iter().map(|r| r.id));
                match page.next {
                    Some(next) => after = Some(next),
                    None => break,
                }
            }
            let expected = search::count(&store, &query).unwrap();
            assert_eq!(seen.len() as i64, expected, "{sort} {descending}");
            assert_eq!(expected, if with_appeal { 200 } else { 230 });
            let mut unique = seen.clone();
            unique.sort();
            unique.dedup();
            assert_eq!(unique.len(), seen.len(), "{sort} {descending}: a row twice");
        }
    }
    // In name order, family then given name.
    let first = search::page(
        &store,
        &PeopleQuery {
            limit: Some(3),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(first.rows[0].family_name, "Ahmadi");
    assert_eq!(first.rows[0].given_name, "Given000");
    let last = search::page(
        &store,
        &PeopleQuery {
            descending: true,
            limit: Some(1),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(last.rows[0].family_name, "Zand");

    // Filters.
    let count = |q: PeopleQuery| search::count(&store, &q).unwrap();
    assert_eq!(
        count(PeopleQuery {
            country: Some("co".into()),
            ..Default::default()
        }),
        77
    );
    assert_eq!(
        count(PeopleQuery {
            appeal: Some(appeal),
            source: Some("paper".into()),
            ..Default::default()
        }),
        100
    );
    assert_eq!(
        count(PeopleQuery {
            source: Some("paper".into()),
            ..Default::default()
        }),
        115
    );
    assert_eq!(
        count(PeopleQuery {
            may_contact: Some(true),
            ..Default::default()
        }),
        230
    );
    assert_eq!(
        count(PeopleQuery {
            featured: Some(true),
            ..Default::default()
        }),
        0
    );
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    assert_eq!(
        count(PeopleQuery {
            signed_from: Some(today.clone()),
            signed_to: Some(today),
            ..Default::default()
        }),
        230
    );
    assert_eq!(
        count(PeopleQuery {
            signed_to: Some("2000-01-01".into()),
            ..Default::default()
        }),
        0
    );
    assert_eq!(
        count(PeopleQuery {
            text: Some("zand".into()),
            country: Some("IR".into()),
            ..Default::default()
        }),
        19
    );

    // A sort is matched against the list of sorts, never pasted into SQL.
    let err = search::page(
        &store,
        &PeopleQuery {
            sort: Some("name; DROP TABLE people".into()),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert_eq!(err.code(), "invalid");
    let err = search::page(
        &store,
        &PeopleQuery {
            sort: Some("signed_at".into()),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert_eq!(err.code(), "invalid", "signed_at needs an appeal");
    let err = search::count(
        &store,
        &PeopleQuery {
            signed_from: Some("22/11/2026".into()),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert!(err.to_string().contains("Signed from"), "{err}");

    let numbers = signer_numbers::collect(&store, Some(appeal)).unwrap();
    assert_eq!(numbers.total, 200);
    assert_eq!(numbers.countries, 3);
    assert_eq!(numbers.by_source.iter().map(|c| c.count).sum::<i64>(), 200);
    assert_eq!(numbers.by_week.iter().map(|c| c.count).sum::<i64>(), 200);
    let all = signer_numbers::collect(&store, None).unwrap();
    assert_eq!(all.total, 230);
    assert_eq!(all.by_appeal.len(), 2);
    assert_eq!(all.by_appeal[0].count, 200);
    assert_eq!(all.by_appeal[0].label.as_deref(), Some("Emergency Appeal"));
}

fn queue(store: &Store) -> Vec<(String, String, String)> {
    let mut pairs: Vec<_> = duplicates::queue(store, 100)
        .unwrap()
        .into_iter()
        .map(|p| {
            let mut names = [
                format!(
                    "{} {}",
                    p.a.details.fields.given_name, p.a.details.fields.family_name
                ),
                format!(
                    "{} {}",
                    p.b.details.fields.given_name, p.b.details.fields.family_name
                ),
            ];
            names.sort();
            let [x, y] = names;
            (x, y, p.reason)
        })
        .collect();
    pairs.sort();
    pairs
}

#[test]
fn likely_duplicates_wait_for_the_organizer() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, appeal, _) = store(dir.path());
    let mut add = |p: NewPerson| sign(&mut store, appeal, p, Source::Paper);
    add(person(
        "Shirin",
        "Ebadi",
        Some("shirin.ebadi@gmail.com"),
        None,
    ));
    add(person(
        "Sh.",
        "Ebadi",
        Some("shirinebadi+petition@googlemail.com"),
        None,
    ));
    add(person("Ana", "Ruiz", None, Some("Bogotá")));
    add(person("ANA", "RUÍZ", None, Some("bogota")));
    add(person("Ruiz", "Ana", None, Some("Bogota")));
    add(person("Narges", "Mohammadi", None, Some("Tehran")));
    add(person("Narges", "Mohamadi", None, Some("Tehran")));
    add(person(
        "\u{0639}\u{0644}\u{06cc}",
        "\u{06a9}\u{0631}\u{06cc}\u{0645}\u{06cc}",
        None,
        Some("Tehran"),
    ));
    add(person(
        "\u{0639}\u{0644}\u{064a}",
        "\u{0643}\u{0631}\u{064a}\u{0645}\u{064a}",
        None,
        Some("Tehran"),
    ));
    // Two emails say two people, even with one name in one city.
    add(person(
        "Maria",
        "Garcia",
        Some("maria1@example.org"),
        Some("Madrid"),
    ));
    add(person(
        "Maria",
        "Garcia",
        Some("maria2@example.org"),
        Some("Madrid"),
    ));
    // The same phone, written two ways.
    add(NewPerson {
        phone: Some("+98 912 123 4567".into()),
        ..person("Reza", "A", None, None)
    });
    add(NewPerson {
        phone: Some("0912 123 4567".into()),
        ..person("R.", "Alavi", None, None)
    });
    // Far apart: not offered.
    add(person("Narges", "Mohammadi", None, Some("Paris")));
    add(person("Peter", "Smith", None, Some("Tehran")));

    let persian = "\u{0639}\u{0644}\u{06cc} \u{06a9}\u{0631}\u{06cc}\u{0645}\u{06cc}".to_string();
    let arabic = "\u{0639}\u{0644}\u{064a} \u{0643}\u{0631}\u{064a}\u{0645}\u{064a}".to_string();
    let (p_first, p_second) = if persian < arabic {
        (persian, arabic)
    } else {
        (arabic, persian)
    };
    assert_eq!(
        queue(&store),
        vec![
            (
                "ANA RUÍZ".into(),
                "Ana Ruiz".into(),
                "same_name_city".into()
            ),
            ("ANA RUÍZ".into(), "Ruiz Ana".into(), "similar_name".into()),
            ("Ana Ruiz".into(), "Ruiz Ana".into(), "similar_name".into()),
            (
                "Narges Mohamadi".into(),
                "Narges Mohammadi".into(),
                "similar_name".into()
            ),
            ("R. Alavi".into(), "Reza A".into(), "same_phone".into()),
            (
                "Sh. Ebadi".into(),
                "Shirin Ebadi".into(),
                "mail_alias".into()
            ),
            (p_first, p_second, "same_name_city".into()),
        ]
    );

    // "Different people" is remembered: looking again does not bring the pair back.
    let pair = duplicates::queue(&store, 100)
        .unwrap()
        .into_iter()
        .find(|p| p.reason == "same_phone")
        .unwrap();
    store
        .write(|w| duplicates::mark_different(w, pair.a.id, pair.b.id))
        .unwrap();
    store
        .write(|w| {
            duplicates::queue_all(w, w.stamp())?;
            Ok(())
        })
        .unwrap();
    assert!(queue(&store)
        .iter()
        .all(|(_, _, reason)| reason != "same_phone"));
    assert_eq!(duplicates::waiting(&store).unwrap(), 6);
}

#[test]
fn a_merge_joins_histories_and_can_be_undone() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, appeal, other) = store(dir.path());
    let kept = sign(
        &mut store,
        appeal,
        person("Ana", "Ruiz", None, Some("Bogotá")),
        Source::Paper,
    );
    std::thread::sleep(std::time::Duration::from_millis(5));
    let twin = sign(
        &mut store,
        appeal,
        NewPerson {
            phone: Some("+57 300 123 4567".into()),
            ..person("Ana María", "Ruiz", Some("ana@example.org"), Some("Bogota"))
        },
        Source::Table,
    );
    sign(
        &mut store,
        other,
        person("Ana María", "Ruiz", Some("ana@example.org"), None),
        Source::Online,
    );
    let before_kept = people::page(&store, kept).unwrap();
    let before_twin = people::page(&store, twin).unwrap();
    assert_eq!(before_twin.signatures.len(), 2);

    let waiting_before = duplicates::waiting(&store).unwrap();
    let choose: BTreeMap<String, String> =
        [("given_name".to_string(), "remove".to_string())].into();
    let merge = store
        .write(|w| duplicates::merge(w, kept, twin, &choose))
        .unwrap();
    let after = people::page(&store, kept).unwrap();
    assert_eq!(
        after.details.fields.given_name, "Ana María",
        "chosen from the other"
    );
    assert_eq!(
        after.details.fields.city.as_deref(),
        Some("Bogotá"),
        "kept's own"
    );
    assert_eq!(
        after.details.fields.email.as_deref(),
        Some("ana@example.org"),
        "blank filled"
    );
    assert_eq!(
        after.details.fields.phone.as_deref(),
        Some("+57 300 123 4567")
    );
    // Both signed the first appeal: the earlier signature stays, with its paper source.
    assert_eq!(after.signatures.len(), 2);
    let first = after
        .signatures
        .iter()
        .find(|s| s.appeal_id == appeal)
        .unwrap();
    assert_eq!(first.source, "paper");
    assert_eq!(
        after.consents.len(),
        before_kept.consents.len() + before_twin.consents.len()
    );
    assert_eq!(after.merges.len(), 1);
    assert_eq!(after.merges[0].other_name, "Ana María Ruiz");
    assert_eq!(people::page(&store, twin).unwrap_err().code(), "not_found");
    assert!(duplicates::queue(&store, 10).unwrap().is_empty());
    assert_eq!(
        search::count(
            &store,
            &PeopleQuery {
                appeal: Some(appeal),
                ..Default::default()
            }
        )
        .unwrap(),
        1
    );

    store.write(|w| duplicates::undo(w, merge)).unwrap();
    let back_kept = people::page(&store, kept).unwrap();
    let back_twin = people::page(&store, twin).unwrap();
    assert_eq!(back_kept.details.fields.given_name, "Ana");
    assert_eq!(back_kept.details.fields.email, None);
    assert_eq!(back_kept.signatures.len(), 1);
    assert_eq!(back_twin.details.fields.given_name, "Ana María");
    assert_eq!(
        back_twin.details.fields.email.as_deref(),
        Some("ana@example.org")
    );
    assert_eq!(back_twin.signatures.len(), 2);
    let ids = |p: &people::PersonPage| {
        let mut ids: Vec<Id> = p.signatures.iter().map(|s| s.id).collect();
        ids.sort();
        ids
    };
    assert_eq!(ids(&back_twin), ids(&before_twin));
    assert_eq!(back_twin.consents.len(), before_twin.consents.len());
    assert_eq!(
        search::count(
            &store,
            &PeopleQuery {
                appeal: Some(appeal),
                ..Default::default()
            }
        )
        .unwrap(),
        2
    );
    assert_eq!(find(&store, "maria"), vec!["Ana María Ruiz"]);
    // Undone once; the record stays, marked.
    assert_eq!(
        store
            .write(|w| duplicates::undo(w, merge))
            .unwrap_err()
            .code(),
        "conflict"
    );
    assert!(back_kept.merges[0].undone_at.is_some());
    // The queue is as it was before the merge.
    assert_eq!(duplicates::waiting(&store).unwrap(), waiting_before);
}

#[test]
fn merges_and_different_people_travel_to_other_laptops() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Laptop::new(dir.path(), "a");
    let campaign = start_campaign(&mut a);
    let appeal = campaign.appeal;
    let x = sign(
        &mut a.store,
        appeal,
        person("Ana", "Ruiz", None, Some("Cali")),
        Source::Paper,
    );
    let y = sign(
        &mut a.store,
        appeal,
        person("Ana", "Ruiz", None, Some("Cali")),
        Source::Table,
    );
    let z = sign(
        &mut a.store,
        appeal,
        person("Ana", "Ruis", None, Some("Cali")),
        Source::Table,
    );
    let mut b = join(dir.path(), &a, "b");
    assert_eq!(
        duplicates::waiting(&b.store).unwrap(),
        3,
        "b finds them itself"
    );
    let merge = a
        .store
        .write(|w| duplicates::merge(w, x, y, &BTreeMap::new()))
        .unwrap();
    a.store
        .write(|w| duplicates::mark_different(w, x, z))
        .unwrap();
    let bundle = a.bundle(dir.path(), Some(b.id()), 2);
    b.open(&bundle).unwrap();
    assert_eq!(b.count("SELECT count(*) FROM people"), 2);
    assert_eq!(duplicates::waiting(&b.store).unwrap(), 0);
    b.store.write(|w| duplicates::undo(w, merge)).unwrap();
    assert_eq!(b.count("SELECT count(*) FROM people"), 3);
}
