//! The sample campaign: an international campaign to free political prisoners, built from the
//! practice described in shared/DOMAIN.md. It lets a new organizer see a lived-in Campaign Desk
//! before typing anything, and gives the tests and benchmarks realistic data.
//!
//! It is generated from a fixed seed, so every load has the same people, events and amounts.

mod names;

use chrono::{Duration, NaiveDate, TimeZone, Utc};

use crate::appeals::{self, Display, NewAppeal, NewSignature, Source, Words};
use crate::campaign::Campaign;
use crate::donations::{self, Kind, Method, NewDonation};
use crate::error::{Error, Result};
use crate::events::{self, EventInput};
use crate::funds::{self, NewFund};
use crate::id::Id;
use crate::messages::Message;
use crate::people::{self, NewPerson};
use crate::rsvps::{self, Answer, Status as RsvpStatus};
use crate::signing::{self, Act};
use crate::store::Store;
use crate::sync::Tx;
use crate::{cash_box, expenses, money, organization};
use names::{Origin, ORIGINS};

pub const CAMPAIGN_NAME: &str = "Free the Prisoners of Conscience";
const APPEAL_TITLE: &str = "Emergency Appeal: Free All Political Prisoners Now";
const APPEAL_TEXT: &str = include_str!("appeal.txt");
pub const APPEAL_SLUG: &str = "emergency-appeal";
/// The appeal in the campaign's other languages: (language, title, text).
const TRANSLATIONS: &[(&str, &str, &str)] = &[
    (
        "fa",
        "فراخوان فوری: همه‌ی زندانیان سیاسی را هم‌اکنون آزاد کنید",
        include_str!("appeal.fa.txt"),
    ),
    (
        "es",
        "Llamamiento urgente: libertad ya para todos los presos políticos",
        include_str!("appeal.es.txt"),
    ),
];

/// The goal of the newspaper-ad fund, in cents: the campaign raised $14,000 to print the appeal.
const AD_GOAL_CENTS: i64 = 1_400_000;

/// Loads the sample campaign into a new, empty database, all in one transaction, and returns it.
pub fn load(store: &mut Store) -> Result<Campaign> {
    store.write(|tx| {
        let has_data: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM campaign) OR EXISTS (SELECT 1 FROM people)",
            [],
            |r| r.get(0),
        )?;
        if has_data {
            return Err(Error::Conflict(Message::new("sample_needs_empty_database")));
        }
        crate::campaign::insert(tx, CAMPAIGN_NAME)?;
        let mut rng = Rng(0x5eed_cafe_f00d_2026);
        let appeal = appeals::insert_appeal(
            tx,
            &NewAppeal {
                slug: Some(APPEAL_SLUG),
                goal: Some(5000),
                published_on: NaiveDate::from_ymd_opt(2025, 6, 1),
                ..NewAppeal::english(APPEAL_TITLE, APPEAL_TEXT)
            },
        )?;
        for (lang, title, body) in TRANSLATIONS {
            appeals::set_words(
                tx,
                appeal,
                &Words {
                    lang: (*lang).into(),
                    title: (*title).into(),
                    body: (*body).into(),
                    ..Words::default()
                },
            )?;
        }
        let mut signers = insert_prominent_signers(tx, appeal)?;
        signers.extend(insert_signers(tx, appeal, &mut rng)?);
        record_signing_consent(tx, appeal)?;
        let events = insert_events(tx, appeal)?;
        insert_rsvps(tx, &events, &signers, &mut rng)?;
        insert_money(tx, &events, &signers, &mut rng)?;
        insert_guests_who_did_not_sign(tx, &events, &mut rng)?;
        the_door_of_the_cultural_night(tx, events[0], &mut rng)?;
        Ok(())
    })?;
    crate::campaign::saved(store)
}

/// A signer as the later steps need it: to RSVP and to give.
#[derive(Clone, Copy)]
struct Signer {
    person: Id,
    in_us: bool,
}

struct Prominent {
    given: &'static str,
    family: &'static str,
    title: &'static str,
    city: &'static str,
    country: &'static str,
    statement: Option<&'static str>,
}

/// Well-known signers lead every published list, with a title and sometimes a statement.
/// Invented people: any likeness to a real person is chance.
const PROMINENT: &[Prominent] = &[
    Prominent {
        given: "Laleh",
        family: "Farzaneh",
        title: "novelist and playwright",
        city: "Berkeley",
        country: "US",
        statement: Some("Every name on this appeal is a door held open for someone who cannot walk through it yet."),
    },
    Prominent {
        given: "Emeka",
        family: "Nwosu",
        title: "emeritus professor of history, University of Lagos",
        city: "Lagos",
        country: "NG",
        statement: Some("History remembers the prisoners, and it remembers who kept silent."),
    },
    Prominent {
        given: "Marta Olvido",
        family: "Reyes",
        title: "poet",
        city: "Medellín",
        country: "CO",
        statement: Some("Nadie es libre mientras haya presos por pensar."),
    },
    Prominent {
        given: "Jonas",
        family: "Lindqvist",
        title: "Nobel laureate in chemistry",
        city: "Stockholm",
        country: "SE",
        statement: None,
    },
    Prominent {
        given: "Camille",
        family: "Dufresne",
        title: "historian and essayist",
        city: "Paris",
        country: "FR",
        statement: None,
    },
    Prominent {
        given: "Helga",
        family: "Brandstetter",
        title: "composer",
        city: "Wien",
        country: "AT",
        statement: Some("Music cannot be imprisoned; musicians are, every day."),
    },
    Prominent {
        given: "由紀",
        family: "田辺",
        title: "film director",
        city: "東京",
        country: "JP",
        statement: None,
    },
    Prominent {
        given: "Kavita",
        family: "Raman",
        title: "human-rights lawyer",
        city: "Chennai",
        country: "IN",
        statement: None,
    },
    Prominent {
        given: "Sipho",
        family: "Mthembu",
        title: "journalist and former political prisoner",
        city: "Johannesburg",
        country: "ZA",
        statement: Some("I was freed because strangers signed letters like this one."),
    },
    Prominent {
        given: "Θεοδώρα",
        family: "Μαυρίδου",
        title: "actor",
        city: "Αθήνα",
        country: "GR",
        statement: None,
    },
];

/// The sample's signers read the English words: each signature points at them, and each
/// signer's consent to sign is on record with those words.
fn record_signing_consent(tx: &Tx<'_>, appeal: Id) -> Result<()> {
    let words = appeals::current_text(tx, appeal, "en")?;
    tx.execute(
        "UPDATE signatures SET text_id = ?2, words_hash = ?3 WHERE appeal_id = ?1",
        rusqlite::params![appeal, words.id, words.words_hash],
    )?;
    let mut stmt = tx.prepare("SELECT person_id, source FROM signatures WHERE appeal_id = ?1")?;
    let signed = stmt
        .query_map([appeal], |r| {
            Ok((r.get::<_, Id>(0)?, r.get::<_, String>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (person, how) in signed {
        signing::record_consent(
            tx,
            &Act {
                person,
                appeal: Some(appeal),
                purpose: "signature",
                given: true,
                how: Source::parse(&how)?,
                wording: &words.consent,
                lang: Some("en"),
                text_id: Some(words.id),
                event: None,
                recorded_by: None,
            },
        )?;
    }
    Ok(())
}

fn insert_prominent_signers(tx: &Tx<'_>, appeal: Id) -> Result<Vec<Signer>> {
    let mut signers = Vec::with_capacity(PROMINENT.len());
    for (i, p) in PROMINENT.iter().enumerate() {
        let person = people::insert(
            tx,
            &NewPerson {
                given_name: p.given.into(),
                family_name: p.family.into(),
                city: Some(p.city.into()),
                country: Some(p.country.into()),
                title: Some(p.title.into()),
                ..Default::default()
            },
        )?;
        let day = NaiveDate::from_ymd_opt(2025, 5, 20).unwrap() + Duration::days(i as i64);
        appeals::sign(
            tx,
            &NewSignature {
                appeal_id: appeal,
                person_id: person,
                signed_at: noon_utc(day),
                source: Source::Manual,
                display: Display::Full,
                prominent: true,
                statement: p.statement,
            },
        )?;
        signers.push(Signer {
            person,
            in_us: p.country == "US",
        });
    }
    Ok(signers)
}

fn insert_signers(tx: &Tx<'_>, appeal: Id, rng: &mut Rng) -> Result<Vec<Signer>> {
    let first_day = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
    let mut signers = Vec::new();
    let mut serial = 0usize;
    for origin in ORIGINS {
        for _ in 0..origin.signers {
            serial += 1;
            let (given, family, persian) = pick_name(origin, rng);
            let city = *rng.pick(origin.cities);
            let person = people::insert(
                tx,
                &NewPerson {
                    email: pick_email(&given, &family, serial, rng),
                    given_name: given,
                    family_name: family,
                    city: Some(city.into()),
                    country: Some(origin.country.into()),
                    ..Default::default()
                },
            )?;
            appeals::sign(
                tx,
                &NewSignature {
                    appeal_id: appeal,
                    person_id: person,
                    signed_at: noon_utc(first_day + Duration::days(rng.below(530) as i64))
                        + Duration::minutes(rng.below(600) as i64),
                    source: *rng.pick(&[
                        Source::Table,
                        Source::Table,
                        Source::Paper,
                        Source::Online,
                        Source::Online,
                    ]),
                    display: pick_display(origin.at_risk || persian, rng),
                    prominent: false,
                    statement: None,
                },
            )?;
            signers.push(Signer {
                person,
                in_us: origin.country == "US",
            });
        }
    }
    Ok(signers)
}

/// A given and family name from the origin's lists, or a Persian name for diaspora signers.
/// Returns whether the name is Persian, which makes a cautious display choice likelier.
fn pick_name(origin: &Origin, rng: &mut Rng) -> (String, String, bool) {
    let female = rng.below(2) == 0;
    let diaspora = rng.below(100) < u64::from(origin.diaspora_percent);
    let (given_female, given_male, family) = if !diaspora {
        (origin.given_female, origin.given_male, origin.family)
    } else if rng.below(2) == 0 {
        // Half the diaspora write their names in Persian script, half in Latin letters.
        let persian = &ORIGINS[0];
        (persian.given_female, persian.given_male, persian.family)
    } else {
        (
            names::PERSIAN_LATIN_FEMALE,
            names::PERSIAN_LATIN_MALE,
            names::PERSIAN_LATIN_FAMILY,
        )
    };
    let given = if female { given_female } else { given_male };
    (
        rng.pick(given).to_string(),
        gendered(rng.pick::<&str>(family), female),
        diaspora,
    )
}

/// "Kowalski|Kowalska" gives the form that goes with the given name.
fn gendered(family: &str, female: bool) -> String {
    match family.split_once('|') {
        Some((masculine, feminine)) => if female { feminine } else { masculine }.to_owned(),
        None => family.to_owned(),
    }
}

/// Most signers leave an email; names in Latin letters make the address, others get a plain one.
fn pick_email(given: &str, family: &str, serial: usize, rng: &mut Rng) -> Option<String> {
    if rng.below(100) < 15 {
        return None;
    }
    let local: String = format!("{given}.{family}")
        .to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '.')
        .collect();
    let ascii_name = format!("{given}{family}").chars().all(|c| c.is_ascii());
    let domain = rng.pick(&["example.org", "example.net", "example.com"]);
    if ascii_name && local.len() > 3 {
        Some(format!("{local}{}@{domain}", serial % 100))
    } else {
        Some(format!("signer{serial}@{domain}"))
    }
}

fn pick_display(cautious: bool, rng: &mut Rng) -> Display {
    let roll = rng.below(100);
    let (full, city, initials) = if cautious { (30, 45, 75) } else { (65, 85, 95) };
    match roll {
        r if r < full => Display::Full,
        r if r < city => Display::NameAndCity,
        r if r < initials => Display::Initials,
        _ => Display::Hidden,
    }
}

/// The events of shared/DOMAIN.md, on dates whose weekdays match what it says. The appeal is
/// collected at the tables of those with a room.
fn insert_events(tx: &Tx<'_>, appeal: Id) -> Result<Vec<Id>> {
    let s = |v: &str| Some(v.to_owned());
    let contact = EventInput {
        contact_phone: s("+1 510 555 0134"),
        contact_email: s("events@example.org"),
        ..EventInput::default()
    };
    let list = [
        EventInput {
            title: "Voices for Freedom: a cultural night".into(),
            subtitle: "Poetry, music and dance for the prisoners of conscience".into(),
            description: "Twelve poets and spoken-word artists, videos, music, food and dancing. \
                A statement from an organizer who could not attend will be read. \
                Sign the appeal and give at our table."
                .into(),
            starts: s("2024-02-24T18:00"),
            ends: s("2024-02-24T21:00"),
            time_zone: "America/Los_Angeles".into(),
            venue: s("The Lantern Pub"),
            address: s("2810 Telegraph Avenue"),
            city: s("Berkeley"),
            country: s("US"),
            capacity: Some(120),
            program: "Twelve poets and spoken-word artists\nThe Freedom Band: music".into(),
            causes: "The writers in prison".into(),
            languages: "en,fa".into(),
            price: s("10"),
            price_currency: s("USD"),
            appeal: Some(appeal),
            ..contact.clone()
        },
        EventInput {
            title: "Book talk: Letters from Prison".into(),
            description: "A reading and conversation, co-sponsored with the bookstore.".into(),
            starts: s("2027-03-11T18:30"),
            ends: s("2027-03-11T20:00"),
            time_zone: "America/Los_Angeles".into(),
            venue: s("Shattuck Avenue Books"),
            address: s("2120 Shattuck Avenue"),
            city: s("Berkeley"),
            country: s("US"),
            capacity: Some(60),
            cosponsors: "Shattuck Avenue Books".into(),
            languages: "en".into(),
            appeal: Some(appeal),
            ..contact.clone()
        },
        EventInput {
            title: "Global days of action".into(),
            description: "Vigils, readings and information tables in many cities.".into(),
            starts: s("2027-06-17T00:00"),
            ends: s("2027-06-22T23:59"),
            time_zone: "UTC".into(),
            contact_phone: None,
            ..contact.clone()
        },
        EventInput {
            title: "Concert for the prisoners".into(),
            description: "Organized by an allied movement; our table will collect signatures."
                .into(),
            starts: s("2027-07-01T19:30"),
            ends: s("2027-07-01T22:30"),
            time_zone: "Europe/Berlin".into(),
            venue: s("Kulturhaus Mitte"),
            address: s("Auguststraße 21"),
            city: s("Berlin"),
            country: s("DE"),
            capacity: Some(400),
            languages: "de,en".into(),
            price: s("15"),
            price_currency: s("EUR"),
            price_kind: s("ticket"),
            ticket_value: s("0"),
            appeal: Some(appeal),
            contact_phone: None,
            ..contact.clone()
        },
        EventInput {
            title: "Afternoon program: writers behind bars".into(),
            description:
                "Online and in person. Co-hosted by two bookstores, in New York and Berkeley."
                    .into(),
            starts: s("2027-09-25T15:00"),
            ends: s("2027-09-25T17:00"),
            time_zone: "America/New_York".into(),
            venue: s("Harlem Community Bookstore"),
            address: s("437 Malcolm X Blvd at 132nd St."),
            city: s("New York"),
            country: s("US"),
            online_url: s("https://example.org/live/afternoon-program"),
            capacity: Some(80),
            cosponsors: "Harlem Community Bookstore\nShattuck Avenue Books".into(),
            appeal: Some(appeal),
            ..contact.clone()
        },
        EventInput {
            title: "Press conference at the United Nations".into(),
            description: "During the General Assembly week. Date to be announced.".into(),
            time_zone: "America/New_York".into(),
            venue: s("United Nations Headquarters"),
            city: s("New York"),
            country: s("US"),
            status: events::Status::Tba,
            contact_phone: None,
            ..contact.clone()
        },
        EventInput {
            title: "Webinar: the prisoners speak".into(),
            description: "Three speakers; co-sponsored with a Sunday morning forum. On Zoom."
                .into(),
            starts: s("2028-01-09T13:00"),
            ends: s("2028-01-09T14:30"),
            time_zone: "America/Los_Angeles".into(),
            online_url: s("https://example.org/zoom/prisoners-speak"),
            cosponsors: "The Sunday Morning Forum".into(),
            program: "Three speakers: a former prisoner, a lawyer and a poet".into(),
            contact_phone: None,
            ..contact
        },
    ];
    list.iter().map(|e| events::insert(tx, e)).collect()
}

/// Guests for the events with a room; Americans mostly for the American events.
fn insert_rsvps(tx: &Tx<'_>, events: &[Id], signers: &[Signer], rng: &mut Rng) -> Result<()> {
    // (event index, how many answers, only people in the US)
    let plan = [
        (0usize, 64usize, true),
        (1, 28, true),
        (3, 22, false),
        (4, 36, true),
        (6, 48, false),
    ];
    let statuses = [
        RsvpStatus::Accepted,
        RsvpStatus::Accepted,
        RsvpStatus::Accepted,
        RsvpStatus::Tentative,
        RsvpStatus::Declined,
        RsvpStatus::NeedsAction,
    ];
    for (event, count, us_only) in plan {
        let pool: Vec<&Signer> = signers.iter().filter(|s| !us_only || s.in_us).collect();
        for signer in rng.sample(&pool, count) {
            let guests = if rng.below(5) == 0 {
                1 + rng.below(3) as i64
            } else {
                0
            };
            rsvps::answer(
                tx,
                &Answer {
                    guests,
                    ..Answer::new(events[event], signer.person, *rng.pick(&statuses))
                },
            )?;
        }
    }
    Ok(())
}

/// The cultural night is over: most of those going came (some with fewer guests than they
/// said), the others are no-shows.
fn the_door_of_the_cultural_night(tx: &Tx<'_>, event: Id, rng: &mut Rng) -> Result<()> {
    let mut stmt = tx.prepare(
        "SELECT id, guests FROM rsvps
          WHERE event_id = ?1 AND status = 'accepted' AND attendance IS NULL
          ORDER BY created_at, id",
    )?;
    let going = stmt
        .query_map([event], |r| Ok((r.get::<_, Id>(0)?, r.get::<_, i64>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (rsvp, guests) in going {
        if rng.below(6) == 0 {
            continue; // did not come
        }
        let arrived = 1 + guests - i64::from(guests > 0 && rng.below(3) == 0);
        rsvps::check_in(tx, rsvp, Some(arrived))?;
    }
    rsvps::mark_no_shows(tx, event)?;
    Ok(())
}

/// People who came to the cultural night and some gave, but who have not signed: the people
/// table holds everyone the campaign knows, not only signers.
fn insert_guests_who_did_not_sign(tx: &Tx<'_>, events: &[Id], rng: &mut Rng) -> Result<()> {
    let us = ORIGINS
        .iter()
        .find(|o| o.country == "US")
        .expect("US is an origin");
    for n in 0..14 {
        let female = n % 2 == 0;
        let given = if female {
            us.given_female
        } else {
            us.given_male
        };
        let person = people::insert(
            tx,
            &NewPerson {
                given_name: rng.pick(given).to_string(),
                family_name: rng.pick(us.family).to_string(),
                city: Some((*rng.pick(&["Berkeley", "Oakland", "Albany", "Emeryville"])).into()),
                region: Some("CA".into()),
                country: Some("US".into()),
                phone: Some(format!("+1 510 555 01{:02}", 40 + n)),
                ..Default::default()
            },
        )?;
        // They walked in at the door.
        let walked_in = rsvps::answer(
            tx,
            &Answer {
                source: rsvps::Source::WalkIn,
                ..Answer::new(events[0], person, RsvpStatus::Accepted)
            },
        )?;
        rsvps::check_in(tx, walked_in.rsvp, None)?;
        if n % 3 == 0 {
            donations::insert_donation(
                tx,
                &NewDonation {
                    person_id: Some(person),
                    event_id: Some(events[0]),
                    entered_by: "Door volunteer".into(),
                    ..NewDonation::new(
                        2000,
                        "USD",
                        Method::Cash,
                        NaiveDate::from_ymd_opt(2024, 2, 24).unwrap(),
                    )
                },
            )?;
        }
    }
    Ok(())
}

/// Two funds (the newspaper ad, exactly at its goal, and magazine ads) and gifts in cash at the
/// cultural night, by check, online, and in other currencies; what was spent; the cultural
/// night's cash box, counted a little short; a voided gift and a refund; the organization.
fn insert_money(tx: &Tx<'_>, events: &[Id], signers: &[Signer], rng: &mut Rng) -> Result<()> {
    organization::save(
        tx,
        &organization::Organization {
            name: "Free the Prisoners of Conscience Committee".into(),
            address: "P.O. Box 2417\nBerkeley, CA 94702\nUnited States".into(),
            tax_status: "exempt".into(),
            tax_rules: "us_501c3".into(),
            tax_id: "00-0000000".into(),
            receipt_wording: "Thank you for standing with the prisoners of conscience.".into(),
            home_currency: "USD".into(),
            receipt_prefix: "R-".into(),
        },
    )?;
    let ad_fund = funds::insert_fund(
        tx,
        &NewFund {
            name: "Newspaper ad for the appeal",
            slug: Some("newspaper-ad"),
            purpose: "A full-page ad on a newspaper's back cover: the appeal and its signers.",
            goal_minor: Some(AD_GOAL_CENTS),
            currency: "USD",
            deadline: NaiveDate::from_ymd_opt(2025, 6, 1),
        },
    )?;
    let magazine_fund = funds::insert_fund(
        tx,
        &NewFund {
            name: "Online magazine ads",
            slug: Some("magazine-ads"),
            purpose: "Ads in two magazines' online editions.",
            goal_minor: Some(250_000),
            currency: "USD",
            deadline: None,
        },
    )?;
    let cultural_night = NaiveDate::from_ymd_opt(2024, 2, 24).unwrap();
    let give = |d: NewDonation| donations::insert_donation(tx, &d);
    let donor = |rng: &mut Rng| Some(rng.pick(signers).person);
    let gift = |amount: i64, currency: &str, method: Method, on: NaiveDate| NewDonation {
        entered_by: TREASURER.into(),
        ..NewDonation::new(amount, currency, method, on)
    };

    // The cultural night's cash box: a $100 float, then cash at the table, half of it from
    // people who left no name, and books sold.
    let night_box = cash_box::open(tx, events[0], "USD", "100", Default::default(), "Dana")?;
    for _ in 0..26 {
        let named = rng.below(2) == 0;
        give(NewDonation {
            person_id: if named { donor(rng) } else { None },
            fund_id: Some(ad_fund),
            event_id: Some(events[0]),
            ..gift(
                100 * *rng.pick(&[5, 10, 10, 20, 20, 20, 40, 50, 100]),
                "USD",
                Method::Cash,
                cultural_night,
            )
        })?;
    }
    for _ in 0..4 {
        give(NewDonation {
            event_id: Some(events[0]),
            kind: Kind::Sale,
            note: Some("poetry anthology".into()),
            ..gift(1500, "USD", Method::Cash, cultural_night)
        })?;
    }
    // Checks by mail.
    for n in 0..16 {
        give(NewDonation {
            person_id: donor(rng),
            fund_id: Some(ad_fund),
            reference: Some(format!("{}", 1041 + n * 3)),
            ..gift(
                100 * *rng.pick(&[50, 100, 100, 150, 250, 300, 500]),
                "USD",
                Method::Check,
                cultural_night + Duration::days(10 + 7 * n),
            )
        })?;
    }
    // Online gifts, paid out by the platform less its fee (2.2% + 30 cents).
    let mut refundable = None;
    for n in 0..44 {
        let amount = 100 * *rng.pick(&[10, 15, 25, 25, 50, 50, 100, 200]);
        let id = give(NewDonation {
            person_id: donor(rng),
            fund_id: Some(if n % 4 == 3 { magazine_fund } else { ad_fund }),
            fee_minor: amount * 22 / 1000 + 30,
            transaction_id: Some(format!("txn-{:08x}", rng.next() as u32)),
            source_code: if n % 3 == 0 {
                "newsletter".into()
            } else {
                "website".into()
            },
            recurring: n % 5 == 0,
            ..gift(
                amount,
                "USD",
                Method::Online,
                cultural_night + Duration::days(3 * n),
            )
        })?;
        if n % 4 == 3 {
            refundable = Some(id);
        }
    }
    // Gifts in other currencies; unrestricted, as the treasurer has not converted them yet.
    let foreign: [(&str, &[i64], Method); 5] = [
        ("EUR", &[2000, 5000, 5000, 10000, 15000], Method::Transfer),
        ("GBP", &[2500, 5000, 10000], Method::Online),
        ("CAD", &[3000, 5000, 10000], Method::Online),
        ("COP", &[5_000_000, 10_000_000], Method::Cash),
        ("MXN", &[50_000, 100_000], Method::Online),
    ];
    for (currency, amounts, method) in foreign {
        for (n, amount) in amounts.iter().enumerate() {
            give(NewDonation {
                person_id: donor(rng),
                ..gift(
                    *amount,
                    currency,
                    method,
                    cultural_night + Duration::days(40 + 30 * n as i64),
                )
            })?;
        }
    }
    // A dinner ticket for the Berlin concert bought with a gift: $120, of which the dinner is
    // worth $45; a printer's gift in kind; a gift typed twice, voided.
    give(NewDonation {
        person_id: Some(signers[1].person),
        fund_id: Some(ad_fund),
        returned_minor: 4500,
        note: Some("benefit dinner ticket".into()),
        ..gift(
            12000,
            "USD",
            Method::Card,
            NaiveDate::from_ymd_opt(2024, 6, 30).unwrap(),
        )
    })?;
    give(NewDonation {
        person_id: Some(signers[2].person),
        in_kind: "500 flyers printed for the days of action".into(),
        ..gift(
            0,
            "USD",
            Method::InKind,
            NaiveDate::from_ymd_opt(2024, 6, 10).unwrap(),
        )
    })?;
    let twice = give(NewDonation {
        person_id: Some(signers[3].person),
        reference: Some("1101".into()),
        ..gift(
            5000,
            "USD",
            Method::Check,
            NaiveDate::from_ymd_opt(2024, 4, 2).unwrap(),
        )
    })?;
    donations::void(
        tx,
        twice,
        "Typed twice: the same check as the gift of April 2",
        TREASURER,
    )?;
    if let Some(id) = refundable {
        let amount: i64 = tx.query_row(
            "SELECT amount_minor FROM donations WHERE id = ?1",
            [id],
            |r| r.get(0),
        )?;
        donations::refund(
            tx,
            id,
            amount,
            NaiveDate::from_ymd_opt(2024, 8, 1).unwrap(),
            "Refunded on the donor's request",
            TREASURER,
        )?;
    }
    // The last gift brought the ad fund to its goal.
    let raised: i64 = tx.query_row(
        "SELECT coalesce(sum(amount_minor - refunded_minor), 0) FROM donations
          WHERE fund_id = ?1 AND currency = 'USD' AND voided_at IS NULL",
        [ad_fund],
        |r| r.get(0),
    )?;
    let rest = AD_GOAL_CENTS - raised;
    if rest > 0 {
        give(NewDonation {
            person_id: Some(signers[0].person),
            fund_id: Some(ad_fund),
            reference: Some("2210".into()),
            note: Some("to complete the ad fund".into()),
            ..gift(
                rest,
                "USD",
                Method::Check,
                NaiveDate::from_ymd_opt(2025, 5, 28).unwrap(),
            )
        })?;
    }
    // The night's count: five dollars short, counted by two volunteers.
    let expected: i64 = tx.query_row(
        "SELECT 10000 + sum(amount_minor) FROM donations WHERE event_id = ?1 AND method = 'cash'",
        [events[0]],
        |r| r.get(0),
    )?;
    cash_box::close(
        tx,
        night_box.id,
        &cash_box::Count {
            counted: money::format(expected - 500, "USD"),
            counted_by: "Dana".into(),
            second_counter: "Reza".into(),
            note: "One bill of five missing; the table was busy at the break.".into(),
            ..Default::default()
        },
    )?;
    // What was spent: the newspaper's invoice, and the magazines'.
    for (fund, amount, payee, category, on) in [
        (
            ad_fund,
            1_350_000,
            "The Daily Chronicle",
            "advertising",
            (2025, 6, 20),
        ),
        (
            ad_fund,
            32_000,
            "Copy & Print Shop",
            "printing",
            (2025, 6, 2),
        ),
        (
            magazine_fund,
            30_000,
            "Lit Review online",
            "advertising",
            (2025, 2, 14),
        ),
        (
            magazine_fund,
            20_000,
            "World Affairs Weekly",
            "advertising",
            (2025, 3, 3),
        ),
    ] {
        expenses::record(
            tx,
            &expenses::ExpenseInput {
                fund: Some(fund),
                amount: money::format(amount, "USD"),
                currency: "USD".into(),
                paid_on: NaiveDate::from_ymd_opt(on.0, on.1, on.2)
                    .unwrap()
                    .to_string(),
                payee: payee.into(),
                category: category.into(),
                method: "transfer".into(),
                entered_by: TREASURER.into(),
                ..Default::default()
            },
        )?;
    }
    organization::set_rate(tx, "EUR", "1.08", Default::default())?;
    organization::set_rate(tx, "GBP", "1.27", Default::default())?;
    organization::set_rate(tx, "CAD", "0.73", Default::default())?;
    Ok(())
}

/// Who typed the sample's money in.
const TREASURER: &str = "Sample treasurer";

fn noon_utc(day: NaiveDate) -> chrono::DateTime<Utc> {
    Utc.from_utc_datetime(&day.and_hms_opt(12, 0, 0).unwrap())
}

/// SplitMix64: a tiny, fixed generator, so the sample is the same on every machine and release.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// `count` distinct items (all of them if there are fewer).
    fn sample<T: Copy>(&mut self, items: &[T], count: usize) -> Vec<T> {
        let mut pool = items.to_vec();
        let count = count.min(pool.len());
        for i in 0..count {
            let j = i + self.below((pool.len() - i) as u64) as usize;
            pool.swap(i, j);
        }
        pool.truncate(count);
        pool
    }
}
