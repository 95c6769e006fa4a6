//! Signer lists in and out, on real database files with files written here: the petition
//! platform's export, a spreadsheet's semicolons, UTF-16 "Unicode text", a Persian Excel file
//! in Windows-1256, our own export read back.

use std::path::Path;

use desk_core::appeals::{self, NewAppeal};
use desk_core::csv_export;
use desk_core::csv_import::{self, Field, ImportReport, Options};
use desk_core::people::NewPerson;
use desk_core::signing::{self, Display, Source};
use desk_core::{Id, Store};
use rusqlite::Connection;

fn store(dir: &Path, name: &str) -> (Store, Id) {
    let mut store = Store::open(dir.join(name)).unwrap();
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

fn conn(store: &Store) -> Connection {
    Connection::open(store.path()).unwrap()
}

fn count(store: &Store, sql: &str) -> i64 {
    conn(store).query_row(sql, [], |r| r.get(0)).unwrap()
}

fn import(store: &mut Store, appeal: Id, bytes: &[u8], options: &Options) -> ImportReport {
    csv_import::import(store, appeal, "signers.csv", bytes, options).unwrap()
}

/// (given, family, email, city, country, notes) of everyone, by family name then given name.
type PersonRow = (
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn people(store: &Store) -> Vec<PersonRow> {
    let c = conn(store);
    let mut stmt = c
        .prepare(
            "SELECT given_name, family_name, email, city, country, notes FROM people
              ORDER BY family_name, given_name",
        )
        .unwrap();
    stmt.query_map([], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
        ))
    })
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

const PETITION: &str = "uuid,first_name,last_name,email,zip_code,can2_phone,can2_user_address,can2_user_city,can2_state_abbreviated,country,can2_user_tags,can2_subscription_status,can2_subscription_date\r\n\
    1a,Nahid,Tehrani,nahid@example.org,10115,+49 30 1234,\"Torstr. 1, Hinterhaus\",Berlin,BE,DE,\"a,b\",subscribed,2024-03-01 12:30:00\r\n\
    2b,Omid,Karimi,omid@example.org,,,,Tehran,,IRN,,subscribed,2024-03-02\r\n\
    3c,Ana,López,ana@example.org,,,,Bogotá,,Colombia,,,\r\n\
    4d,John,Smith,john@example.org,,,,Austin,TX,United States of America,,,\r\n\
    5e,Ayşe,Yılmaz,ayse@example.org,,,,Istanbul,,Türkiye,,,\r\n\
    6f,Lena,Novak,lena@example.org,,,,Ljubljana,,Narnia,,,\r\n\
    7g,Wim,Jansen,wim@example.org,,,,Utrecht,,holland,,,\r\n";

#[test]
fn the_petition_export_with_country_names_and_codes() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, appeal) = store(dir.path(), "a.db");
    let preview = csv_import::preview(
        &store,
        Some(appeal),
        "export.csv",
        PETITION.as_bytes(),
        &Options::default(),
    )
    .unwrap();
    assert_eq!(preview.format, Some("petition"));
    assert_eq!(preview.encoding.as_deref(), Some("utf-8"));
    assert_eq!(preview.delimiter, ",");
    assert_eq!(preview.headers.len(), 13);
    assert_eq!(preview.mapping[1], Some(Field::GivenName));
    assert_eq!(preview.fields.len(), 15);
    assert_eq!(
        (
            preview.rows_read,
            preview.will_add,
            preview.will_merge,
            preview.already_signed
        ),
        (7, 7, 0, 0)
    );
    assert!(preview.rejected.is_empty());
    assert_eq!(preview.warned.len(), 1);
    assert_eq!(preview.warned[0].line, 7);
    assert_eq!(preview.warned[0].message.key(), "import_unknown_country");
    assert_eq!(preview.sample.len(), 7);
    assert_eq!(preview.sample[0].line, 2);
    assert_eq!(preview.sample[0].values[6], "Torstr. 1, Hinterhaus");
    // The preview wrote nothing.
    assert_eq!(count(&store, "SELECT count(*) FROM people"), 0);
    // Its JSON is what the window reads.
    let json = serde_json::to_value(&preview).unwrap();
    assert_eq!(json["mapping"][0], "uuid");
    assert_eq!(json["warned"][0]["line"], 7);
    assert_eq!(json["warned"][0]["key"], "import_unknown_country");
    assert_eq!(json["warned"][0]["args"]["value"], "Narnia");

    let log_before = count(&store, "SELECT count(*) FROM sync_log");
    let report = import(&mut store, appeal, PETITION.as_bytes(), &Options::default());
    assert_eq!(
        (report.read, report.added, report.merged, report.unchanged),
        (7, 7, 0, 0)
    );
    let countries: Vec<(String, Option<String>)> =
        people(&store).into_iter().map(|p| (p.0, p.4)).collect();
    let country_of = |name: &str| countries.iter().find(|(g, _)| g == name).unwrap().1.clone();
    assert_eq!(country_of("Nahid").as_deref(), Some("DE"));
    assert_eq!(country_of("Omid").as_deref(), Some("IR"));
    assert_eq!(country_of("Ana").as_deref(), Some("CO"));
    assert_eq!(country_of("John").as_deref(), Some("US"));
    assert_eq!(country_of("Ayşe").as_deref(), Some("TR"));
    assert_eq!(country_of("Wim").as_deref(), Some("NL"));
    assert_eq!(country_of("Lena"), None);
    let c = conn(&store);
    let (notes, postal, phone, region): (String, String, String, String) = c
        .query_row(
            "SELECT notes, postal_code, phone, region FROM people WHERE given_name = 'Nahid'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(notes, "Address: Torstr. 1, Hinterhaus");
    assert_eq!(
        (postal.as_str(), phone.as_str(), region.as_str()),
        ("10115", "+49 30 1234", "BE")
    );
    let lena: String = c
        .query_row(
            "SELECT notes FROM people WHERE given_name = 'Lena'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(lena, "Country as imported: Narnia");
    // Signatures: from the import, not shown (the default), signed when the platform says.
    let signed: Vec<(String, String, String)> = c
        .prepare(
            "SELECT source, display, signed_at FROM signatures s JOIN people p ON p.id = s.person_id
              WHERE p.given_name IN ('Nahid', 'Omid') ORDER BY p.given_name",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(
        signed,
        [
            (
                "import".to_owned(),
                "hidden".to_owned(),
                "2024-03-01T12:30:00.000Z".to_owned()
            ),
            (
                "import".to_owned(),
                "hidden".to_owned(),
                "2024-03-02T00:00:00.000Z".to_owned()
            )
        ]
    );
    // Every signature points at the appeal's words and has its consent act, recorded as an
    // import that names the file.
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM signatures WHERE text_id IS NOT NULL AND words_hash IS NOT NULL"
        ),
        7
    );
    let (how, wording, n): (String, String, i64) = c
        .query_row(
            "SELECT how, wording, count(*) FROM consents WHERE purpose = 'signature' AND given = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!((how.as_str(), n), ("import", 7));
    assert!(wording.contains("\u{201c}signers.csv\u{201d}"), "{wording}");
    // The import was one recorded change, like any write.
    assert_eq!(
        count(&store, "SELECT count(*) FROM sync_log"),
        log_before + 1
    );
}

#[test]
fn a_spreadsheet_with_semicolons_full_names_and_a_display_column() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, appeal) = store(dir.path(), "a.db");
    let file = "Full name;E-Mail;Town;Country;Show name;Organisation\n\
                Ana María López;ana@example.org;Bogotá;CO;yes;Colectivo\n\
                Cher;;Paris;FR;anonymous;\n\
                Omid Karimi;omid@example.org;Berlin;DEU;name_city;\n\
                Reza Rahimi;reza@example.org;Tehran;IR;;\n";
    let options = Options {
        display: Display::Initials,
        ..Options::default()
    };
    let report = import(&mut store, appeal, file.as_bytes(), &options);
    assert_eq!((report.read, report.added), (4, 4));
    assert!(report.warned.is_empty(), "{:?}", report.warned);
    let c = conn(&store);
    let shown = |given: &str| -> (String, String, Option<String>) {
        c.query_row(
            "SELECT p.family_name, s.display, p.organization FROM people p
               JOIN signatures s ON s.person_id = p.id WHERE p.given_name = ?1",
            [given],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap()
    };
    assert_eq!(
        shown("Ana María"),
        ("López".into(), "full".into(), Some("Colectivo".into()))
    );
    assert_eq!(shown("Cher"), (String::new(), "hidden".into(), None));
    assert_eq!(shown("Omid"), ("Karimi".into(), "name_city".into(), None));
    // No display in the file: the import's choice.
    assert_eq!(shown("Reza"), ("Rahimi".into(), "initials".into(), None));
}

#[test]
fn unicode_text_from_a_spreadsheet_utf16_with_tabs() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, appeal) = store(dir.path(), "a.db");
    let text = "First name\tLast name\tEmail\tCity\tCountry\r\n\
                Shirin\tEbadi\tshirin@example.org\tTehran\tIran\r\n\
                José\tMartí\t\tLa Habana\tCuba\r\n";
    let mut bytes = vec![0xff, 0xfe];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let preview =
        csv_import::preview(&store, Some(appeal), "u.txt", &bytes, &Options::default()).unwrap();
    assert_eq!(preview.encoding.as_deref(), Some("utf-16le"));
    assert_eq!(preview.delimiter, "\t");
    assert!(!preview.needs_encoding);
    let report = import(&mut store, appeal, &bytes, &Options::default());
    assert_eq!(report.added, 2);
    let mut found = people(&store);
    found.sort();
    assert_eq!(
        found,
        [
            (
                "José".to_owned(),
                "Martí".to_owned(),
                None,
                Some("La Habana".to_owned()),
                Some("CU".to_owned()),
                None
            ),
            (
                "Shirin".to_owned(),
                "Ebadi".to_owned(),
                Some("shirin@example.org".to_owned()),
                Some("Tehran".to_owned()),
                Some("IR".to_owned()),
                None
            ),
        ]
    );
}

#[test]
fn a_persian_excel_file_in_windows_1256_asks_for_its_encoding() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, appeal) = store(dir.path(), "a.db");
    // Windows-1256 has no Persian ye (U+06CC): Persian Excel writes the Arabic yeh (U+064A).
    let persian = "نام,نام خانوادگی,شهر,کشور\r\nعلی,رضایی,تهران,ایران\r\nمریم,احمدی,شیراز,IR\r\n";
    let text = persian.replace('\u{06cc}', "\u{064a}");
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1256.encode(&text);
    assert!(!unmappable, "the test's words are all in Windows-1256");
    assert!(std::str::from_utf8(&bytes).is_err());

    let preview =
        csv_import::preview(&store, Some(appeal), "fa.csv", &bytes, &Options::default()).unwrap();
    assert!(preview.needs_encoding);
    assert_eq!(preview.encoding, None);
    assert!(preview.encodings.contains(&"windows-1256"));
    assert!(preview.headers.is_empty());
    // Importing without an encoding is refused, and nothing is written.
    let err =
        csv_import::import(&mut store, appeal, "fa.csv", &bytes, &Options::default()).unwrap_err();
    assert_eq!(err.message().key(), "import_needs_encoding");
    assert!(err.to_string().contains("windows-1256"), "{err}");
    assert_eq!(count(&store, "SELECT count(*) FROM people"), 0);

    let options = Options {
        encoding: Some("windows-1256".into()),
        ..Options::default()
    };
    let preview = csv_import::preview(&store, Some(appeal), "fa.csv", &bytes, &options).unwrap();
    assert_eq!(preview.encoding.as_deref(), Some("windows-1256"));
    assert_eq!(
        preview.headers,
        ["نام", "نام خانوادگی", "شهر", "کشور"].map(|h| h.replace('\u{06cc}', "\u{064a}"))
    );
    assert_eq!(
        preview.mapping,
        [
            Some(Field::GivenName),
            Some(Field::FamilyName),
            Some(Field::City),
            Some(Field::Country)
        ]
    );
    let report = import(&mut store, appeal, &bytes, &options);
    assert_eq!(report.added, 2);
    assert!(report.warned.is_empty(), "{:?}", report.warned);
    let mut found = people(&store);
    found.sort();
    // Stored as written (matching folds the two yehs: text::fold).
    assert_eq!(found[0].0, "عل\u{064a}");
    assert_eq!(found[0].1, "رضا\u{064a}\u{064a}");
    assert_eq!(found[0].3.as_deref(), Some("تهران"));
    assert_eq!(found[0].4.as_deref(), Some("IR"));
    assert_eq!(found[1].0, "مر\u{064a}م");
}

#[test]
fn crlf_quoted_newlines_a_nameless_row_and_a_bad_email() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, appeal) = store(dir.path(), "a.db");
    let file = "first,last,email,city,organization\r\n\
                Ana,Ruiz,ana@example.org,\"Bogotá\",\"Colectivo\r\nde mujeres\"\r\n\
                ,,nobody@example.org,Berlin,\r\n\
                Omid,Karimi,omid at example dot org,Tehran,\r\n\
                \"Lena\",\"Novak\",lena@example.org,Ljubljana,\r\n";
    let report = import(&mut store, appeal, file.as_bytes(), &Options::default());
    assert_eq!((report.read, report.added, report.unchanged), (4, 3, 0));
    assert_eq!(report.rejected.len(), 1);
    assert_eq!(report.rejected[0].line, 4, "the line the row starts on");
    assert_eq!(report.rejected[0].message.key(), "import_no_name");
    assert_eq!(report.warned.len(), 1);
    assert_eq!(report.warned[0].line, 5);
    assert_eq!(report.warned[0].message.key(), "import_bad_email");
    assert!(report.warned[0]
        .message
        .to_string()
        .contains("omid at example dot org"));
    // The signature is kept, without the email.
    let omid: (Option<String>, i64) = conn(&store)
        .query_row(
            "SELECT p.email, count(s.id) FROM people p JOIN signatures s ON s.person_id = p.id
              WHERE p.given_name = 'Omid'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(omid, (None, 1));
    let org: String = conn(&store)
        .query_row(
            "SELECT organization FROM people WHERE given_name = 'Ana'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(org, "Colectivo de mujeres");
}

#[test]
fn importing_twice_adds_nobody_and_a_known_email_gets_the_signature() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, appeal) = store(dir.path(), "a.db");
    // Nahid is in the campaign already (another appeal's signer), with her own spelling.
    let other = store
        .write(|w| appeals::insert_appeal(w, &NewAppeal::english("Another appeal", "Other words.")))
        .unwrap();
    store
        .write(|w| {
            signing::sign_as(
                w,
                other,
                &NewPerson {
                    given_name: "Nahid".into(),
                    family_name: "T.".into(),
                    email: Some("Nahid@Example.org".into()),
                    ..Default::default()
                },
                Source::Manual,
                Display::Full,
            )
        })
        .unwrap();
    let file = "name,email,city,country\n\
                Nahid Tehrani,nahid@example.org,Berlin,DE\n\
                Omid Karimi,,Tehran,IR\n\
                Ana Ruiz,ana@example.org,,\n\
                Ana Ruiz,ANA@example.org,,\n\
                Bo Li,,Shanghai,CN\n";
    let preview = csv_import::preview(
        &store,
        Some(appeal),
        "s.csv",
        file.as_bytes(),
        &Options::default(),
    )
    .unwrap();
    assert_eq!(
        (preview.will_add, preview.will_merge, preview.already_signed),
        (3, 1, 1)
    );
    let first = import(&mut store, appeal, file.as_bytes(), &Options::default());
    assert_eq!(
        (first.read, first.added, first.merged, first.unchanged),
        (5, 3, 1, 1)
    );
    // Nahid kept her details and got the signature.
    let nahid: (String, i64) = conn(&store)
        .query_row(
            "SELECT p.family_name, count(*) FROM people p JOIN signatures s ON s.person_id = p.id
              WHERE p.email = 'Nahid@Example.org'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(nahid, ("T.".into(), 2));

    let rows_before = snapshot(&store);
    let log_before = count(&store, "SELECT count(*) FROM sync_log");
    let preview = csv_import::preview(
        &store,
        Some(appeal),
        "s.csv",
        file.as_bytes(),
        &Options::default(),
    )
    .unwrap();
    assert_eq!(
        (preview.will_add, preview.will_merge, preview.already_signed),
        (0, 0, 5)
    );
    let again = import(&mut store, appeal, file.as_bytes(), &Options::default());
    assert_eq!(
        (again.read, again.added, again.merged, again.unchanged),
        (5, 0, 0, 5)
    );
    assert_eq!(snapshot(&store), rows_before, "nothing changed");
    assert_eq!(
        count(&store, "SELECT count(*) FROM sync_log"),
        log_before,
        "no change recorded"
    );
    // The same people in other words (accents, case, another display) are still them.
    let respelled = "first;last;e-mail;town;country;display\n\
                     OMID;KÁRIMI;;tehran;Iran;full\n\
                     bo;li;;SHANGHAI;China;full\n\
                     Lena;Novak;;Ljubljana;SI;full\n";
    let third = import(
        &mut store,
        appeal,
        respelled.as_bytes(),
        &Options::default(),
    );
    assert_eq!((third.added, third.unchanged), (1, 2), "{third:?}");
}

/// Every row of people, signatures and consents.
fn snapshot(store: &Store) -> Vec<String> {
    let c = conn(store);
    let mut out = Vec::new();
    for table in ["people", "signatures", "consents"] {
        let mut stmt = c
            .prepare(&format!("SELECT * FROM {table} ORDER BY id"))
            .unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                (0..n)
                    .map(|i| {
                        r.get::<_, rusqlite::types::Value>(i)
                            .map(|v| format!("{v:?}"))
                    })
                    .collect::<rusqlite::Result<Vec<_>>>()
            })
            .unwrap();
        for row in rows {
            out.push(format!("{table}: {}", row.unwrap().join("|")));
        }
    }
    out
}

#[test]
fn a_failure_in_the_middle_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, appeal) = store(dir.path(), "a.db");
    // The database refuses the third person, as a disk error or a bug would.
    conn(&store)
        .execute_batch(
            "CREATE TRIGGER refuse BEFORE INSERT ON people WHEN new.given_name = 'Boom'
             BEGIN SELECT RAISE(ABORT, 'refused for the test'); END;",
        )
        .unwrap();
    let before = snapshot(&store);
    let log_before = count(&store, "SELECT count(*) FROM sync_log");
    let file =
        "first,last,email\nAna,Ruiz,ana@example.org\nOmid,Karimi,\nBoom,Bang,\nLena,Novak,\n";
    let err = csv_import::import(
        &mut store,
        appeal,
        "f.csv",
        file.as_bytes(),
        &Options::default(),
    )
    .unwrap_err();
    assert_eq!(err.message().key(), "import_failed");
    assert!(err.to_string().contains("line 4"), "{err}");
    assert_eq!(snapshot(&store), before);
    assert_eq!(count(&store, "SELECT count(*) FROM sync_log"), log_before);
}

#[test]
fn a_file_without_a_name_column_is_refused_until_one_is_mapped() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, appeal) = store(dir.path(), "a.db");
    let file = "Signer,Contact\nAna Ruiz,ana@example.org\n";
    // "Signer" is a name, "Contact" is not known: mapped by hand.
    let preview = csv_import::preview(
        &store,
        Some(appeal),
        "m.csv",
        file.as_bytes(),
        &Options::default(),
    )
    .unwrap();
    assert_eq!(preview.mapping, [Some(Field::FullName), None]);
    let unmapped = Options {
        mapping: Some(vec![None, Some(Field::Email)]),
        ..Options::default()
    };
    let err =
        csv_import::import(&mut store, appeal, "m.csv", file.as_bytes(), &unmapped).unwrap_err();
    assert_eq!(err.message().key(), "import_no_name_column");
    let mapped = Options {
        mapping: Some(vec![Some(Field::FullName), Some(Field::Email)]),
        ..Options::default()
    };
    let report = import(&mut store, appeal, file.as_bytes(), &mapped);
    assert_eq!(report.added, 1);
    assert_eq!(
        people(&store)[0].2.as_deref(),
        Some("ana@example.org"),
        "the column mapped by hand"
    );
}

#[test]
fn the_export_is_formula_safe_and_reads_back_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, appeal) = store(dir.path(), "a.db");
    let signers = [
        ("-Ali", "Reza", Some("ali@example.org"), Display::Full),
        ("=HYPERLINK(\"http://x\")", "Evil", None, Display::Hidden),
        (
            "+49 Hans",
            "Meyer",
            Some("hans@example.org"),
            Display::NameAndCity,
        ),
        ("@Lena", "Novak", None, Display::Initials),
        (
            "Nahid",
            "Tehrani, \"N.\"",
            Some("nahid@example.org"),
            Display::Full,
        ),
        ("شیرین", "عبادی", None, Display::Full),
    ];
    for (given, family, email, display) in signers {
        store
            .write(|w| {
                signing::sign_as(
                    w,
                    appeal,
                    &NewPerson {
                        given_name: given.into(),
                        family_name: family.into(),
                        email: email.map(Into::into),
                        city: Some("Berlin".into()),
                        country: Some("DE".into()),
                        ..Default::default()
                    },
                    Source::Table,
                    display,
                )
            })
            .unwrap();
    }
    let path = dir.path().join("signers.csv");
    let exported = csv_export::export_to_file(&store, appeal, &path).unwrap();
    assert_eq!(exported.rows, 6);
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"\xef\xbb\xbfuuid,first_name,last_name,email,"));
    assert!(bytes.windows(2).any(|w| w == b"\r\n"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    assert!(!dir.path().join("signers.csv.part").exists());

    // What a spreadsheet sees: no cell starts a formula; the names are there behind the '.
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let headers = reader.headers().unwrap().clone();
    assert_eq!(headers.len(), csv_export::COLUMNS.len());
    assert_eq!(&headers[9], "country");
    let mut firsts = Vec::new();
    for record in reader.records() {
        let record = record.unwrap();
        for cell in record.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?} would run"
            );
        }
        assert_eq!(&record[11], "table");
        firsts.push(record[1].to_owned());
    }
    firsts.sort();
    assert_eq!(
        firsts,
        [
            "'+49 Hans",
            "'-Ali",
            "'=HYPERLINK(\"http://x\")",
            "'@Lena",
            "Nahid",
            "شیرین"
        ]
    );

    // Read back into a fresh database: the same signers, shown the same way, signed the same time.
    let (mut fresh, fresh_appeal) = store_in(dir.path());
    let report = import(&mut fresh, fresh_appeal, &bytes, &Options::default());
    assert_eq!((report.read, report.added), (6, 6), "{report:?}");
    assert!(report.warned.is_empty(), "{:?}", report.warned);
    assert_eq!(signer_rows(&fresh), signer_rows(&store));
    // And once more: nobody new.
    let again = import(&mut fresh, fresh_appeal, &bytes, &Options::default());
    assert_eq!((again.added, again.unchanged), (0, 6));
}

fn store_in(dir: &Path) -> (Store, Id) {
    store(dir, "fresh.db")
}

/// A signer as the export has them, without ids and source: (given, family, email, city,
/// country, display, signed at).
type SignerRow = (
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    String,
);

fn signer_rows(store: &Store) -> Vec<SignerRow> {
    let c = conn(store);
    let mut stmt = c
        .prepare(
            "SELECT p.given_name, p.family_name, p.email, p.city, p.country, s.display, s.signed_at
               FROM signatures s JOIN people p ON p.id = s.person_id ORDER BY p.given_name",
        )
        .unwrap();
    stmt.query_map([], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
            r.get(6)?,
        ))
    })
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

#[test]
fn an_empty_appeal_exports_its_header() {
    let dir = tempfile::tempdir().unwrap();
    let (store, appeal) = store(dir.path(), "a.db");
    let mut out = Vec::new();
    assert_eq!(csv_export::export(&store, appeal, &mut out).unwrap(), 0);
    let text = String::from_utf8(out).unwrap();
    assert_eq!(
        text,
        format!("\u{feff}{}\r\n", csv_export::COLUMNS.join(","))
    );
    let missing =
        csv_export::export_to_file(&store, Id::new(), &dir.path().join("x.csv")).unwrap_err();
    assert_eq!(missing.code(), "not_found");
    assert!(!dir.path().join("x.csv").exists());
}
