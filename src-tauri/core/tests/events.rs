//! Events, answers, the waitlist and the door, on a real database file.

use desk_core::appeals::{self, NewAppeal};
use desk_core::events::{self, EventInput, Status as EventStatus};
use desk_core::people::{self, NewPerson};
use desk_core::rsvps::{self, Answer, Source, Status, WalkIn};
use desk_core::signing::Display;
use desk_core::{Id, Store};

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("events.db")).unwrap();
    desk_core::campaign::start(&mut store, "Campaign").unwrap();
    (dir, store)
}

fn event(store: &mut Store, capacity: Option<i64>) -> Id {
    store
        .write(|w| {
            events::insert(
                w,
                &EventInput {
                    title: "Cultural night".into(),
                    starts: Some("2027-02-24T18:00".into()),
                    ends: Some("2027-02-24T21:00".into()),
                    time_zone: "America/Los_Angeles".into(),
                    capacity,
                    ..Default::default()
                },
            )
        })
        .unwrap()
}

fn person(store: &mut Store, given: &str, family: &str, email: Option<&str>) -> Id {
    store
        .write(|w| {
            people::insert(
                w,
                &NewPerson {
                    given_name: given.into(),
                    family_name: family.into(),
                    email: email.map(Into::into),
                    ..Default::default()
                },
            )
        })
        .unwrap()
}

fn going(store: &mut Store, event: Id, who: Id, guests: i64) -> rsvps::Answered {
    store
        .write(|w| {
            rsvps::answer(
                w,
                &Answer {
                    guests,
                    ..Answer::new(event, who, Status::Accepted)
                },
            )
        })
        .unwrap()
}

#[test]
fn an_event_keeps_its_wall_clock_and_its_details() {
    let (_dir, mut store) = store();
    let appeal = store
        .write(|w| appeals::insert_appeal(w, &NewAppeal::english("Appeal", "Free them.")))
        .unwrap();
    let id = store
        .write(|w| {
            events::insert(
                w,
                &EventInput {
                    title: "Webinar".into(),
                    subtitle: "The prisoners speak".into(),
                    starts: Some("2028-01-09T13:00".into()),
                    ends: Some("2028-01-09 14:30".into()),
                    time_zone: "America/Los_Angeles".into(),
                    cosponsors: "Sunday Forum\n\nPEN".into(),
                    program: "A poet: reading".into(),
                    languages: "en, FA".into(),
                    price: Some("1,500.5".into()),
                    price_currency: Some("usd".into()),
                    price_kind: Some("ticket".into()),
                    ticket_value: Some("20".into()),
                    appeal: Some(appeal),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    let e = events::get(&store, id).unwrap();
    assert_eq!(e.starts_at.as_deref(), Some("2028-01-09T21:00:00.000Z"));
    assert_eq!(e.local_starts.as_deref(), Some("2028-01-09T13:00"));
    assert_eq!(e.local_ends.as_deref(), Some("2028-01-09T14:30"));
    assert_eq!(e.cosponsors, ["Sunday Forum", "PEN"]);
    assert_eq!(e.languages, ["en", "fa"]);
    assert_eq!(
        (
            e.price.as_deref(),
            e.price_currency.as_deref(),
            e.ticket_value.as_deref()
        ),
        (Some("1500.50"), Some("USD"), Some("20.00"))
    );
    assert_eq!(e.appeal_title.as_deref(), Some("Appeal"));
    assert_eq!(e.sequence, 0);

    // Editing raises the calendar's sequence; the form gets back what it gave.
    let mut input = events::input(&store, id).unwrap();
    assert_eq!(input.starts.as_deref(), Some("2028-01-09T13:00"));
    input.status = EventStatus::Cancelled;
    store.write(|w| events::update(w, id, &input)).unwrap();
    let e = events::get(&store, id).unwrap();
    assert_eq!((e.status, e.sequence), (EventStatus::Cancelled, 1));

    // Bad input is refused, naming the field; nothing is changed.
    for (change, key) in [
        (
            EventInput {
                price: Some("12.345".into()),
                price_currency: Some("USD".into()),
                ..input.clone()
            },
            "too_precise",
        ),
        (
            EventInput {
                starts: None,
                ends: None,
                status: EventStatus::Announced,
                ..input.clone()
            },
            "announced_without_start",
        ),
        (
            EventInput {
                time_zone: "Pacific Time".into(),
                ..input.clone()
            },
            "unknown_time_zone",
        ),
        (
            EventInput {
                ends: Some("2028-01-09T12:00".into()),
                ..input.clone()
            },
            "ends_before_start",
        ),
    ] {
        let err = store.write(|w| events::update(w, id, &change)).unwrap_err();
        assert_eq!(err.message().key(), key);
    }
    assert_eq!(events::get(&store, id).unwrap().sequence, 1);
}

#[test]
fn a_full_event_waitlists_in_order_and_a_freed_place_promotes_the_next() {
    let (_dir, mut store) = store();
    let night = event(&mut store, Some(4));
    let ana = person(&mut store, "Ana", "Reyes", None);
    let bo = person(&mut store, "Bo", "Chen", None);
    let cy = person(&mut store, "Cy", "Diaz", None);
    let di = person(&mut store, "Di", "Evans", None);

    assert_eq!(going(&mut store, night, ana, 2).status, Status::Accepted); // 3 places
    assert_eq!(going(&mut store, night, bo, 1).status, Status::Waitlisted); // 2 more: no
    assert_eq!(going(&mut store, night, cy, 0).status, Status::Waitlisted); // fits, but Bo waits first
    let c = rsvps::counts(&store, night).unwrap();
    assert_eq!((c.places, c.waitlisted, c.waitlisted_places), (3, 2, 3));

    // Ana brings one guest less: Bo's party of two fits and moves up; Cy, next, does not fit.
    let moved = going(&mut store, night, ana, 1);
    let bo_rsvp = rsvps::find(&store, night, bo).unwrap().unwrap();
    assert_eq!(moved.promoted, vec![bo_rsvp]);
    let bo_line = rsvps::line(&store, bo_rsvp).unwrap();
    assert_eq!(bo_line.status, Status::Accepted);
    assert!(bo_line.promoted_at.is_some(), "who moved up, and when");

    // Ana cancels: her place goes to Cy.
    let ana_rsvp = rsvps::find(&store, night, ana).unwrap().unwrap();
    let done = store
        .write(|w| rsvps::change(w, ana_rsvp, Status::Cancelled, 0, "ill"))
        .unwrap();
    let cy_rsvp = rsvps::find(&store, night, cy).unwrap().unwrap();
    assert_eq!(done.promoted, vec![cy_rsvp]);

    // One person answers once: Di answering twice keeps one answer.
    store
        .write(|w| rsvps::answer(w, &Answer::new(night, di, Status::Tentative)))
        .unwrap();
    store
        .write(|w| rsvps::answer(w, &Answer::new(night, di, Status::Declined)))
        .unwrap();
    let c = rsvps::counts(&store, night).unwrap();
    assert_eq!(
        (
            c.accepted,
            c.places,
            c.declined,
            c.tentative,
            c.cancelled,
            c.waitlisted
        ),
        (2, 3, 1, 0, 1, 0)
    );
    let list = rsvps::list(&store, night).unwrap();
    assert_eq!(list.len(), 4);
    assert_eq!(list[0].status, Status::Accepted);
}

#[test]
fn raising_the_capacity_promotes_the_waitlist() {
    let (_dir, mut store) = store();
    let night = event(&mut store, Some(1));
    let ana = person(&mut store, "Ana", "Reyes", None);
    let bo = person(&mut store, "Bo", "Chen", None);
    going(&mut store, night, ana, 0);
    assert_eq!(going(&mut store, night, bo, 0).status, Status::Waitlisted);
    let mut input = events::input(&store, night).unwrap();
    input.capacity = Some(2);
    let promoted = store.write(|w| events::update(w, night, &input)).unwrap();
    assert_eq!(promoted.len(), 1);
    assert_eq!(rsvps::counts(&store, night).unwrap().waitlisted, 0);
}

#[test]
fn the_door_checks_in_undoes_takes_walk_ins_and_marks_no_shows() {
    let (_dir, mut store) = store();
    let appeal = store
        .write(|w| appeals::insert_appeal(w, &NewAppeal::english("Appeal", "Free them.")))
        .unwrap();
    let night = event(&mut store, Some(10));
    let mut input = events::input(&store, night).unwrap();
    input.appeal = Some(appeal);
    store.write(|w| events::update(w, night, &input)).unwrap();
    let maryam = person(&mut store, "مریم", "رضایی", Some("maryam@example.org"));
    let jose = person(&mut store, "José", "García", None);
    let ana = person(&mut store, "Ana", "Reyes", None);
    going(&mut store, night, maryam, 2);
    going(&mut store, night, jose, 0);
    going(&mut store, night, ana, 0);

    // Search as the signer list does: Arabic ي finds Persian ی, "jose" finds José, an email.
    let found = |store: &Store, q: &str| -> Vec<Id> {
        rsvps::door_search(store, night, q, 20)
            .unwrap()
            .into_iter()
            .map(|l| l.person)
            .collect()
    };
    assert_eq!(found(&store, "رضاي"), vec![maryam]);
    assert_eq!(found(&store, "jose"), vec![jose]);
    assert_eq!(found(&store, "maryam@"), vec![maryam]);
    assert_eq!(found(&store, "zz"), Vec::<Id>::new());
    assert_eq!(found(&store, "").len(), 3);

    let rsvp = rsvps::find(&store, night, maryam).unwrap().unwrap();
    let line = store.write(|w| rsvps::check_in(w, rsvp, None)).unwrap();
    assert_eq!(
        (line.attendance.as_deref(), line.arrived),
        (Some("attended"), 3)
    );
    // Only two of the party came after all.
    store.write(|w| rsvps::check_in(w, rsvp, Some(2))).unwrap();
    assert_eq!(rsvps::counts(&store, night).unwrap().arrived, 2);
    // The checked-in go to the end of the door's list.
    assert_eq!(found(&store, "").last(), Some(&maryam));
    store.write(|w| rsvps::undo_check_in(w, rsvp)).unwrap();
    let c = rsvps::counts(&store, night).unwrap();
    assert_eq!((c.checked_in, c.arrived), (0, 0));
    store.write(|w| rsvps::check_in(w, rsvp, None)).unwrap();

    // A walk-in who is José (no email, the same name among the answers) is found, not added;
    // he signs the event's appeal.
    let people_before = count(&store, "SELECT count(*) FROM people");
    let walked = store
        .write(|w| {
            rsvps::walk_in(
                w,
                night,
                &WalkIn {
                    given_name: "jose".into(),
                    family_name: "GARCIA".into(),
                    sign: Some(Display::NameAndCity),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    assert!(walked.known);
    assert_eq!(walked.person, jose);
    assert!(walked.signed.is_some());
    assert_eq!(count(&store, "SELECT count(*) FROM people"), people_before);
    // A stranger with a cash gift is added, checked in, and the gift is taken at the event.
    let stranger = store
        .write(|w| {
            rsvps::walk_in(
                w,
                night,
                &WalkIn {
                    given_name: "Lin".into(),
                    family_name: "Wu".into(),
                    email: Some("lin@example.org".into()),
                    gift: Some("20".into()),
                    gift_currency: Some("USD".into()),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    assert!(!stranger.known);
    let line = rsvps::line(&store, stranger.rsvp).unwrap();
    assert_eq!((line.source.as_str(), line.arrived), ("walk_in", 1));
    let taken = events::taken(&store, night).unwrap();
    assert_eq!(taken.money, vec![("USD".into(), "20.00".into(), 1)]);
    assert_eq!(taken.signatures, vec![("Appeal".into(), 1)]);

    // The end: Ana never came. Marked no-show in one step, and undone.
    let marked = store.write(|w| rsvps::mark_no_shows(w, night)).unwrap();
    assert_eq!(marked.marked, 1);
    let c = rsvps::counts(&store, night).unwrap();
    assert_eq!((c.no_shows, c.checked_in, c.walk_ins), (1, 3, 1));
    let undone = store
        .write(|w| rsvps::undo_no_shows(w, night, &marked.at))
        .unwrap();
    assert_eq!(undone, 1);
    assert_eq!(rsvps::counts(&store, night).unwrap().no_shows, 0);

    // A walk-in over capacity is still let in (the count shows it).
    let mut input = events::input(&store, night).unwrap();
    input.capacity = Some(1);
    store.write(|w| events::update(w, night, &input)).unwrap();
    let late = store
        .write(|w| {
            rsvps::walk_in(
                w,
                night,
                &WalkIn {
                    given_name: "Late".into(),
                    family_name: "Comer".into(),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    assert_eq!(
        rsvps::line(&store, late.rsvp).unwrap().status,
        Status::Accepted
    );
    assert_eq!(rsvps::Source::WalkIn.as_str(), "walk_in");
    let _ = Source::Typed;

    // Deleting the event removes its answers; what was signed and given there stays.
    store.write(|w| events::remove(w, night)).unwrap();
    assert_eq!(count(&store, "SELECT count(*) FROM rsvps"), 0);
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM signatures WHERE event_id IS NULL"
        ),
        1
    );
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM donations WHERE event_id IS NULL"
        ),
        1
    );
}

#[test]
fn calendars_hold_announced_and_cancelled_events_with_a_date() {
    let (_dir, mut store) = store();
    let night = event(&mut store, None);
    let tba = store
        .write(|w| {
            events::insert(
                w,
                &EventInput {
                    title: "Press conference".into(),
                    time_zone: "America/New_York".into(),
                    status: EventStatus::Tba,
                    ..Default::default()
                },
            )
        })
        .unwrap();
    let now = chrono::Utc::now();
    let (text, n) = desk_core::ics::for_all(&store, now).unwrap();
    assert_eq!(n, 1);
    assert!(text.contains(&format!("UID:{night}@campaign-desk\r\n")));
    assert!(text.contains("DTSTART;TZID=America/Los_Angeles:20270224T180000\r\n"));
    assert!(!text.contains("Press conference"));
    let err = desk_core::ics::for_event(&store, tba, now).unwrap_err();
    assert_eq!(err.message().key(), "event_without_date");
    store
        .write(|w| events::set_status(w, night, EventStatus::Cancelled))
        .unwrap();
    let text = desk_core::ics::for_event(&store, night, now).unwrap();
    assert!(text.contains("STATUS:CANCELLED\r\nEND:VEVENT"));
    assert!(text.contains("SEQUENCE:1\r\n"));
}

fn count(store: &Store, sql: &str) -> i64 {
    rusqlite::Connection::open(store.path())
        .unwrap()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}
