//! Each printed document made from the sample campaign and read back as a person's viewer and
//! scanner would: pdftotext for the words in logical order, pdffonts for embedded subsets,
//! pdftoppm for pages that render without a warning, zbarimg for the QR codes, pdfimages for
//! the photo.

use std::path::{Path, PathBuf};
use std::process::Command;

use desk_core::events::{self, EventInput};
use desk_core::print::document::{self, Kind, Request};
use desk_core::rsvps::{self, Answer, Status};
use desk_core::{appeals, people, sample, sheets, Id, Store};

mod poppler;
use poppler::{read_back, run};

struct Campaign {
    _dir: tempfile::TempDir,
    dir: PathBuf,
    store: Store,
}

fn campaign() -> Campaign {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("c.db")).unwrap();
    sample::load(&mut store).unwrap();
    Campaign {
        dir: dir.path().to_owned(),
        _dir: dir,
        store,
    }
}

fn request(kind: Kind) -> Request {
    Request::new(kind)
}

/// The QR codes zbarimg finds on page one.
fn qr_codes(pdf: &Path) -> Vec<String> {
    let stem = pdf.with_extension("qr");
    run(
        "pdftoppm",
        &[
            "-png",
            "-r",
            "150",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            pdf.to_str().unwrap(),
            stem.to_str().unwrap(),
        ],
    );
    let out = Command::new("zbarimg")
        .args(["--quiet", "--raw", "-Sdisable", "-Sqrcode.enable"])
        .arg(stem.with_extension("qr.png"))
        .output()
        .expect("zbar-tools installed");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_owned)
        .collect()
}

fn event_id(store: &Store, title_start: &str) -> Id {
    let l = events::lists(store, chrono::Utc::now()).unwrap();
    l.upcoming
        .into_iter()
        .chain(l.undated)
        .chain(l.past)
        .find(|e| e.event.title.starts_with(title_start))
        .unwrap_or_else(|| panic!("no event {title_start}"))
        .event
        .id
}

fn a_png(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let mut e = png::Encoder::new(&mut out, w, h);
    e.set_color(png::ColorType::Rgba);
    e.set_depth(png::BitDepth::Eight);
    let mut wr = e.write_header().unwrap();
    let data: Vec<u8> = (0..w * h)
        .flat_map(|i| [(i % 255) as u8, 80, 160, 255])
        .collect();
    wr.write_image_data(&data).unwrap();
    wr.finish().unwrap();
    out
}

#[test]
fn a_flyer_gives_the_weekday_in_the_events_zone_the_place_the_program_and_a_working_qr_code() {
    let c = campaign();
    let id = event_id(&c.store, "Voices for Freedom");
    let e = events::get(&c.store, id).unwrap();
    let r = Request {
        event: Some(id),
        link: Some("https://example.org/voices?from=flyer".into()),
        ..request(Kind::Flyer)
    };
    let photo = a_png(640, 400);
    let printed = document::make(&c.store, &r, Some(&photo), None, true, &|_| {}).unwrap();
    assert_eq!(printed.pages, 1);
    assert!(printed.missing.is_empty(), "{:?}", printed.missing);
    let (file, text) = read_back(&c.dir, "flyer-en", &printed);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    // The weekday of the event's own wall clock (UTC may be another day).
    let local =
        chrono::NaiveDateTime::parse_from_str(e.local_starts.as_deref().unwrap(), "%Y-%m-%dT%H:%M")
            .unwrap();
    let weekday = local.format("%A, %B %-d, %Y").to_string();
    assert!(flat.contains(&weekday), "{weekday} not in {flat}");
    assert!(flat.contains(&e.time_zone));
    for part in [
        &e.title,
        e.venue.as_ref().unwrap(),
        e.contact_email.as_ref().unwrap(),
    ] {
        let part = part.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(&part), "{part} not in {flat}");
    }
    for item in e.program.iter().chain(&e.cosponsors).chain(&e.causes) {
        let first_word = item.split_whitespace().next().unwrap();
        assert!(flat.contains(first_word), "{item} not in {flat}");
    }
    assert_eq!(qr_codes(&file), ["https://example.org/voices?from=flyer"]);
    let (images, _) = run("pdfimages", &["-list", file.to_str().unwrap()]);
    assert_eq!(images.lines().skip(2).count(), 1, "one photo:\n{images}");
    let preview = printed.preview.unwrap();
    assert!(preview.starts_with("data:image/svg+xml;base64,"));

    // Half-page handbills: two copies on the sheet.
    let half = Request {
        half: true,
        ..r.clone()
    };
    let printed = document::make(&c.store, &half, Some(&photo), None, false, &|_| {}).unwrap();
    let (file, text) = read_back(&c.dir, "flyer-half", &printed);
    assert_eq!(printed.pages, 1);
    assert_eq!(text.matches("Voices for Freedom").count(), 2, "{text}");
    assert_eq!(qr_codes(&file).len(), 2);
    let (images, _) = run("pdfimages", &["-list", file.to_str().unwrap()]);
    // One picture object, placed twice.
    assert_eq!(images.lines().skip(2).count(), 2, "{images}");
    assert!(
        printed.pdf.len() < 3 * 640 * 400,
        "the photo is stored once: {}",
        printed.pdf.len()
    );
}

#[test]
fn a_flyer_in_farsi_and_english_reads_right_to_left_beside_left_to_right() {
    let c = campaign();
    let id = event_id(&c.store, "Voices for Freedom");
    let e = events::get(&c.store, id).unwrap();
    let local =
        chrono::NaiveDateTime::parse_from_str(e.local_starts.as_deref().unwrap(), "%Y-%m-%dT%H:%M")
            .unwrap();
    let fa_days = [
        "دوشنبه",
        "سه‌شنبه",
        "چهارشنبه",
        "پنجشنبه",
        "جمعه",
        "شنبه",
        "یکشنبه",
    ];
    let fa_day = fa_days[chrono::Datelike::weekday(&local).num_days_from_monday() as usize];
    for side_by_side in [true, false] {
        let r = Request {
            event: Some(id),
            lang: "fa".into(),
            second_lang: Some("en".into()),
            side_by_side,
            ..request(Kind::Flyer)
        };
        let printed = document::make(&c.store, &r, None, None, false, &|_| {}).unwrap();
        assert_eq!(printed.pages, if side_by_side { 1 } else { 2 });
        let (file, text) = read_back(
            &c.dir,
            if side_by_side {
                "flyer-fa-en"
            } else {
                "flyer-fa-back"
            },
            &printed,
        );
        let text = text.replace('\u{200c}', "");
        assert!(
            text.contains(&fa_day.replace('\u{200c}', "")),
            "{fa_day} not in {text}"
        );
        assert!(text.contains("زمان") && text.contains("مکان"), "{text}");
        assert!(text.contains(&local.format("%A").to_string()), "{text}");
        // The Farsi date is Solar Hijri with the Gregorian beside it. The sample's evening is
        // on 24 February 2024: 5 Esfand 1402, as the window's Intl also writes it.
        assert_eq!(local.date().to_string(), "2024-02-24");
        // (pdftotext gives Persian words in the page's visual order, each on its own.)
        for word in ["اسفند", "۱۴۰۲", "فوریه", "۲۴", "۲۰۲۴"] {
            assert!(text.contains(word), "{word} not in {text}");
        }
        if side_by_side {
            // The Farsi copy on the right half of the page, the English on the left.
            let (bbox, _) = run("pdftotext", &["-bbox", file.to_str().unwrap(), "-"]);
            // -bbox lists each word's letters as they stand left to right: Persian reversed.
            let x_of = |word: &str| -> f32 {
                let seen: String = word.chars().rev().collect();
                let line = bbox
                    .lines()
                    .find(|l| l.contains(&format!(">{word}<")) || l.contains(&format!(">{seen}<")))
                    .unwrap_or_else(|| panic!("{word} in bbox"));
                line.split("xMin=\"")
                    .nth(1)
                    .unwrap()
                    .split('"')
                    .next()
                    .unwrap()
                    .parse()
                    .unwrap()
            };
            assert!(x_of("زمان") > 306.0, "Farsi on the right");
            assert!(x_of("When") < 306.0, "English on the left");
        } else {
            let (back, _) = run(
                "pdftotext",
                &["-f", "2", "-l", "2", file.to_str().unwrap(), "-"],
            );
            assert!(back.contains("When") && !back.contains("زمان"), "{back}");
        }
    }
}

#[test]
fn a_sign_up_sheet_is_registered_numbered_and_carries_its_number_as_a_qr_code() {
    let mut c = campaign();
    let appeal = appeals::by_slug(&c.store, sample::APPEAL_SLUG).unwrap();
    let before = sheets::next_number(&c.store, appeal).unwrap();
    let r = Request {
        appeal: Some(appeal),
        rows: Some(30),
        ..request(Kind::Sheet)
    };
    // A preview registers nothing.
    let preview = document::make(&c.store, &r, None, None, true, &|_| {}).unwrap();
    assert!(preview.preview.is_some());
    assert_eq!(sheets::next_number(&c.store, appeal).unwrap(), before);
    let number = desk_core::print::sign_up_sheet::register(&mut c.store, appeal, None).unwrap();
    assert_eq!(number, before);
    assert_eq!(sheets::next_number(&c.store, appeal).unwrap(), before + 1);
    assert!(sheets::list(&c.store, appeal)
        .unwrap()
        .iter()
        .any(|s| s.number == number));
    let printed = document::make(&c.store, &r, None, Some(number), false, &|_| {}).unwrap();
    assert_eq!(printed.sheet, Some(number));
    let (file, text) = read_back(&c.dir, "sheet-en", &printed);
    let words = appeals::current_text_in(&c.store, appeal, "en").unwrap();
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let consent = words
        .consent
        .split_whitespace()
        .take(8)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(flat.contains(&consent), "{consent} not in {flat}");
    assert!(flat.contains(&format!("Sheet {number}")));
    for needed in [
        "Name",
        "Email",
        "City",
        "Country",
        "Initials",
        "Not shown",
        "Contact me",
        "30",
    ] {
        assert!(flat.contains(needed), "{needed} not in {flat}");
    }
    // 30 rows run onto a second page, which repeats the header and the number.
    assert!(printed.pages >= 2);
    let (second, _) = run(
        "pdftotext",
        &["-f", "2", "-l", "2", file.to_str().unwrap(), "-"],
    );
    assert!(
        second.contains("Email") && second.contains(&format!("Sheet {number}")),
        "{second}"
    );
    assert_eq!(
        qr_codes(&file),
        [format!(
            "campaign-desk:sheet:{}:{number}",
            sample::APPEAL_SLUG
        )]
    );
    let (info, _) = run("pdfinfo", &[file.to_str().unwrap()]);
    assert!(info.contains("792 x 612"), "landscape letter: {info}");

    // In Farsi, from the appeal's Farsi words.
    let fa = Request {
        lang: "fa".into(),
        ..r
    };
    let printed = document::make(&c.store, &fa, None, Some(number), false, &|_| {}).unwrap();
    let (_, text) = read_back(&c.dir, "sheet-fa", &printed);
    assert!(text.contains("برگهٔ"), "{text}");
    let fa_title = appeals::current_text_in(&c.store, appeal, "fa")
        .unwrap()
        .title;
    let first = fa_title.split_whitespace().next().unwrap();
    assert!(text.contains(first), "{first} not in {text}");
}

#[test]
fn the_door_list_sorts_each_script_counts_parties_and_puts_the_waitlist_after() {
    let mut c = campaign();
    let event = c
        .store
        .write(|w| {
            events::insert(
                w,
                &EventInput {
                    title: "Vigil".into(),
                    time_zone: "Europe/Berlin".into(),
                    starts: Some("2027-03-06T18:00".into()),
                    capacity: Some(12),
                    ..EventInput::default()
                },
            )
        })
        .unwrap();
    let people: &[(&str, &str, Status, i64, &str)] = &[
        ("Zoë", "Zimmermann", Status::Accepted, 0, ""),
        ("Émile", "Écuyer", Status::Accepted, 2, "wheelchair"),
        ("Adam", "Abbott", Status::Tentative, 0, ""),
        ("گلی", "گودرزی", Status::Accepted, 1, ""),
        ("کاوه", "کرمانی", Status::Accepted, 0, ""),
        ("پری", "پاکزاد", Status::Accepted, 0, ""),
        ("Алла", "Борисова", Status::Accepted, 0, ""),
        ("Nobody", "Declined", Status::Declined, 0, ""),
        ("Wait", "First", Status::Accepted, 3, ""),
        ("Wait", "Second", Status::Accepted, 0, ""),
    ];
    for (given, family, status, guests, note) in people {
        c.store
            .write(|w| {
                let person = people::insert(
                    w,
                    &people::NewPerson {
                        given_name: given.to_string(),
                        family_name: family.to_string(),
                        ..Default::default()
                    },
                )?;
                rsvps::answer(
                    w,
                    &Answer {
                        guests: *guests,
                        note,
                        ..Answer::new(event, person, *status)
                    },
                )
            })
            .unwrap();
    }
    let list = desk_core::print::door_list::load(&c.store, event).unwrap();
    let names: Vec<&str> = list.going.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Abbott, Adam",
            "Écuyer, Émile",
            "Zimmermann, Zoë",
            "Борисова, Алла",
            "پاکزاد، پری",
            "کرمانی، کاوه",
            "گودرزی، گلی"
        ]
    );
    // The party of four no longer fits, nor the one after it: the waitlist in answer order.
    assert_eq!(
        list.waitlist
            .iter()
            .map(|e| e.name.as_str())
            .collect::<Vec<_>>(),
        ["First, Wait", "Second, Wait"]
    );
    let r = Request {
        event: Some(event),
        ..request(Kind::DoorList)
    };
    let printed = document::make(&c.store, &r, None, None, false, &|_| {}).unwrap();
    let (_, text) = read_back(&c.dir, "door-en", &printed);
    let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s} not in {text}"));
    assert!(
        at("Abbott") < at("Écuyer")
            && at("Écuyer") < at("Zimmermann")
            && at("Zimmermann") < at("Борисова")
    );
    assert!(at("Waitlist") < at("First") && at("First") < at("Second"));
    assert!(!text.contains("Declined"));
    assert!(text.contains("wheelchair") && text.contains("Maybe"));
    let expected: i64 = list.going.iter().map(|e| e.party).sum();
    assert!(
        text.contains(&format!("{expected} people expected")),
        "{text}"
    );
    let fa = Request {
        lang: "fa".into(),
        ..r
    };
    let printed = document::make(&c.store, &fa, None, None, false, &|_| {}).unwrap();
    let (_, text) = read_back(&c.dir, "door-fa", &printed);
    assert!(
        text.contains("فهرست ورودی") && text.contains("فهرست انتظار"),
        "{text}"
    );
}

#[test]
fn a_long_door_list_repeats_its_header_on_every_page() {
    let mut c = campaign();
    let event = c
        .store
        .write(|w| {
            events::insert(
                w,
                &EventInput {
                    title: "Big rally".into(),
                    time_zone: "UTC".into(),
                    status: events::Status::Tba,
                    ..EventInput::default()
                },
            )
        })
        .unwrap();
    c.store
        .write(|w| {
            for i in 0..90 {
                let person = people::insert(
                    w,
                    &people::NewPerson {
                        given_name: format!("Guest{i:02}"),
                        family_name: "Person".into(),
                        ..Default::default()
                    },
                )?;
                rsvps::answer(w, &Answer::new(event, person, Status::Accepted))?;
            }
            Ok(())
        })
        .unwrap();
    let r = Request {
        event: Some(event),
        size: "a4".into(),
        ..request(Kind::DoorList)
    };
    let printed = document::make(&c.store, &r, None, None, false, &|_| {}).unwrap();
    assert!(printed.pages >= 2, "{} pages", printed.pages);
    let (file, _) = read_back(&c.dir, "door-long", &printed);
    for p in 1..=printed.pages {
        let (text, _) = run(
            "pdftotext",
            &[
                "-f",
                &p.to_string(),
                "-l",
                &p.to_string(),
                file.to_str().unwrap(),
                "-",
            ],
        );
        assert!(
            text.contains("Party") && text.contains("Door list: Big rally"),
            "page {p}: {text}"
        );
        assert!(text.contains(&format!("page {p} of {}", printed.pages)));
    }
}

#[test]
fn paper_sizes_languages_and_missing_letters_are_answered_clearly() {
    let mut c = campaign();
    let appeal = appeals::by_slug(&c.store, sample::APPEAL_SLUG).unwrap();
    let r = Request {
        appeal: Some(appeal),
        size: "250x380mm".into(),
        ..request(Kind::Appeal)
    };
    let printed = document::make(&c.store, &r, None, None, false, &|_| {}).unwrap();
    let (file, _) = read_back(&c.dir, "ad-custom", &printed);
    let (info, _) = run("pdfinfo", &[file.to_str().unwrap()]);
    assert!(
        info.contains("708.66") && info.contains("x 1077.17 pts"),
        "{info}"
    );
    for bad in ["b5", "10x10mm", "250x380", "x380mm"] {
        let err = document::make(
            &c.store,
            &Request {
                size: bad.into(),
                ..r.clone()
            },
            None,
            None,
            false,
            &|_| {},
        )
        .unwrap_err();
        assert!(
            err.to_string().contains("is not a paper size"),
            "{bad}: {err}"
        );
    }
    let err = document::make(
        &c.store,
        &Request {
            lang: "de".into(),
            ..r.clone()
        },
        None,
        None,
        false,
        &|_| {},
    )
    .unwrap_err();
    assert!(err.to_string().contains("en, fa or es"), "{err}");
    let err = document::make(
        &c.store,
        &Request {
            kind: Kind::Flyer,
            ..r.clone()
        },
        None,
        None,
        false,
        &|_| {},
    )
    .unwrap_err();
    assert!(err.to_string().contains("Event is required"), "{err}");
    let err = document::make(
        &c.store,
        &Request {
            kind: Kind::Flyer,
            event: Some(event_id(&c.store, "Voices")),
            ..r.clone()
        },
        Some(b"not a picture"),
        None,
        false,
        &|_| {},
    )
    .unwrap_err();
    assert!(err.to_string().contains("PNG or JPEG"), "{err}");

    // A title in a script no font has: made, and the letter named.
    let event = c
        .store
        .write(|w| {
            events::insert(
                w,
                &EventInput {
                    title: "Tenzin ཀ vigil".into(),
                    time_zone: "UTC".into(),
                    status: events::Status::Tba,
                    ..EventInput::default()
                },
            )
        })
        .unwrap();
    let printed = document::make(
        &c.store,
        &Request {
            kind: Kind::Flyer,
            event: Some(event),
            ..request(Kind::Flyer)
        },
        None,
        None,
        false,
        &|_| {},
    )
    .unwrap();
    assert_eq!(printed.missing.len(), 1);
    assert_eq!(printed.missing[0].code, "U+0F40");
    assert!(printed.missing[0].text.contains("Tenzin"));
}

#[test]
fn hostile_text_in_an_event_stays_text_in_the_pdf() {
    let mut c = campaign();
    let title = "<script>alert(1)</script> ) Tj /JavaScript (x) \\ endstream";
    let event = c
        .store
        .write(|w| {
            events::insert(
                w,
                &EventInput {
                    title: title.into(),
                    description: "BT /F1 12 Tf (pwned) Tj ET\n%%EOF".into(),
                    time_zone: "UTC".into(),
                    status: events::Status::Tba,
                    ..EventInput::default()
                },
            )
        })
        .unwrap();
    let printed = document::make(
        &c.store,
        &Request {
            event: Some(event),
            ..request(Kind::Flyer)
        },
        None,
        None,
        false,
        &|_| {},
    )
    .unwrap();
    let (file, text) = read_back(&c.dir, "hostile", &printed);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("<script>alert(1)</script>"), "{flat}");
    assert!(flat.contains("BT /F1 12 Tf (pwned) Tj ET"));
    let (info, _) = run("pdfinfo", &[file.to_str().unwrap()]);
    assert!(info.contains("Pages:           1"), "{info}");
    assert!(!String::from_utf8_lossy(&printed.pdf).contains("/JavaScript"));
}

#[test]
fn a_person_exported_as_a_readable_pdf_with_their_name_as_text() {
    let mut c = campaign();
    let event = event_id(&c.store, "Voices for Freedom");
    let given = "<img src=x onerror=alert(1)>";
    let person = c
        .store
        .write(|w| {
            let person = people::insert(
                w,
                &people::NewPerson {
                    given_name: given.into(),
                    family_name: "تهرانی".into(),
                    city: Some("Köln".into()),
                    ..Default::default()
                },
            )?;
            rsvps::answer(
                w,
                &Answer {
                    note: "brings (a) friend) Tj",
                    ..Answer::new(event, person, Status::Accepted)
                },
            )?;
            Ok(person)
        })
        .unwrap();
    let file = c.dir.join("person.pdf");
    desk_core::person_rights::export_to_file(&c.store, person, &file).unwrap();
    let printed = document::Printed {
        pdf: std::fs::read(&file).unwrap(),
        pages: 1,
        missing: Vec::new(),
        preview: None,
        name: String::new(),
        sheet: None,
    };
    let (_, text) = read_back(&c.dir, "person", &printed);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains(&format!("Given name: {given}")), "{flat}");
    assert!(flat.contains("تهرانی") && flat.contains("Köln"), "{flat}");
    assert!(
        flat.contains("Answers to events (1)") && flat.contains("brings (a) friend) Tj"),
        "{flat}"
    );
    assert!(flat.contains("Signatures (0)"));
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
        0o600
    );
}
