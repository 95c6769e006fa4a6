//! Answers from the files organizing tools export, and ours back out, on a real database.

use desk_core::events::{self, EventInput};
use desk_core::rsvp_import::{self, Options};
use desk_core::rsvps;
use desk_core::{rsvp_export, Id, Store};

fn store_with_event(capacity: Option<i64>) -> (tempfile::TempDir, Store, Id) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("rsvp.db")).unwrap();
    desk_core::campaign::start(&mut store, "Campaign").unwrap();
    let event = store
        .write(|w| {
            events::insert(
                w,
                &EventInput {
                    title: "Book talk".into(),
                    starts: Some("2027-03-11T18:30".into()),
                    time_zone: "America/Los_Angeles".into(),
                    capacity,
                    ..Default::default()
                },
            )
        })
        .unwrap();
    (dir, store, event)
}

/// Eventbrite's attendee report: one line per ticket, the buyer's name on each.
const EVENTBRITE: &str = "Order #,Order Date,Prefix,First Name,Last Name,Suffix,Email,Quantity,Ticket Type,Attendee #,Barcode #,Order Type,Total Paid,Attendee Status\r\n\
1001,2027-02-01 10:15:00,,Ana,Reyes,,ana@example.org,1,General,1,111,Eventbrite Completed,10.00,Attending\r\n\
1002,2027-02-02 11:00:00,,Bo,Chen,,bo@example.org,1,General,2,112,Eventbrite Completed,10.00,Checked In\r\n\
1002,2027-02-02 11:00:00,,Bo,Chen,,bo@example.org,1,General,3,113,Eventbrite Completed,10.00,Checked In\r\n\
1003,2027-02-03 09:00:00,,Cy,Diaz,,cy@example,1,General,4,114,Eventbrite Completed,10.00,Not Attending\r\n\
1004,2027-02-03 09:30:00,,,,,,1,General,5,115,Eventbrite Completed,0.00,Attending\r\n\
1005,2027-02-04 09:30:00,,Di,Evans,,di@example.org,1,General,6,116,Eventbrite Completed,0.00,Transferred away\r\n";

/// Luma's guest list export.
const LUMA: &str = "api_id,name,first_name,last_name,email,phone_number,created_at,approval_status,checked_in_at,custom_source,qr_code_url,amount,currency,ticket_name\n\
gst-1,مریم رضایی,مریم,رضایی,maryam@example.org,+98 912 000 0000,2027-02-05T08:00:00.000Z,approved,,,https://lu.ma/check-in/1,,,Free\n\
gst-2,José García,José,García,jose@example.org,,2027-02-05T09:00:00.000Z,waitlist,,,https://lu.ma/check-in/2,,,Free\n\
gst-3,Lin Wu,Lin,Wu,lin@example.org,,2027-02-05T10:00:00.000Z,declined,,,https://lu.ma/check-in/3,,,Free\n\
gst-4,Sam Hill,Sam,Hill,sam@example.org,,2027-02-05T11:00:00.000Z,pending_approval,,,https://lu.ma/check-in/4,,,Free\n";

/// The petition platform's event attendee export: its person columns, no status (all going).
const PETITION: &str = "uuid,first_name,last_name,email,zip_code,can2_phone,can2_user_address,can2_user_city,can2_state_abbreviated,country,can2_user_tags,can2_subscription_status,can2_subscription_date\n\
a1,Shirin,Ebadi,shirin@example.org,94704,,,Berkeley,CA,US,,subscribed,2027-01-10\n\
a2,Kaveh,Karimi,kaveh@example.org,94704,,,Oakland,CA,US,,subscribed,2027-01-11\n\
a3,Reza,Ahmadi,reza@example.org,94704,,,Albany,CA,US,,subscribed,2027-01-12\n";

fn status_of(store: &Store, event: Id, email: &str) -> (String, i64, Option<String>) {
    let line = rsvps::list(store, event)
        .unwrap()
        .into_iter()
        .find(|l| l.email.as_deref() == Some(email))
        .unwrap_or_else(|| panic!("{email} has no answer"));
    (
        line.status.as_str().to_owned(),
        line.guests,
        line.attendance,
    )
}

#[test]
fn eventbrite_attendees_come_in_with_their_orders_counted_and_their_status_words_mapped() {
    let (_dir, mut store, event) = store_with_event(None);
    let preview = rsvp_import::preview(
        &store,
        event,
        "attendees.csv",
        EVENTBRITE.as_bytes(),
        &Options::default(),
    )
    .unwrap();
    assert_eq!(preview.format, Some("eventbrite"));
    assert_eq!(preview.rows_read, 6);
    // Bo's two tickets are one answer; the nameless line and the unknown word are rejected.
    assert_eq!(
        (preview.will_add, preview.will_change, preview.unchanged),
        (3, 0, 0)
    );
    let rejected: Vec<(u64, &str)> = preview
        .rejected
        .iter()
        .map(|p| (p.line, p.message.key()))
        .collect();
    assert_eq!(
        rejected,
        [(6, "import_no_name"), (7, "import_bad_rsvp_status")]
    );
    assert_eq!(preview.warned.len(), 1, "Cy's email: {:?}", preview.warned);
    assert_eq!(preview.warned[0].message.key(), "import_bad_email");

    let report = rsvp_import::import(
        &mut store,
        event,
        EVENTBRITE.as_bytes(),
        &Options::default(),
    )
    .unwrap();
    assert_eq!((report.added, report.changed, report.unchanged), (3, 0, 0));
    assert_eq!(
        status_of(&store, event, "ana@example.org"),
        ("accepted".into(), 0, None)
    );
    assert_eq!(
        status_of(&store, event, "bo@example.org"),
        ("accepted".into(), 1, Some("attended".into())),
        "two tickets: a party of two, checked in"
    );
    let cy = rsvps::list(&store, event)
        .unwrap()
        .into_iter()
        .find(|l| l.given_name == "Cy")
        .unwrap();
    assert_eq!((cy.status.as_str(), cy.email), ("declined", None));
    // The order's date is when they answered.
    let ana = rsvps::list(&store, event)
        .unwrap()
        .into_iter()
        .find(|l| l.given_name == "Ana")
        .unwrap();
    assert!(
        ana.answered_at.starts_with("2027-02-01T"),
        "{}",
        ana.answered_at
    );
    assert_eq!(ana.source, "import");

    // Twice: nothing changes.
    let again = rsvp_import::import(
        &mut store,
        event,
        EVENTBRITE.as_bytes(),
        &Options::default(),
    )
    .unwrap();
    assert_eq!((again.added, again.changed, again.unchanged), (0, 0, 3));
}

#[test]
fn luma_guests_keep_their_waitlist_and_a_full_event_sends_the_rest_to_it() {
    let (_dir, mut store, event) = store_with_event(Some(1));
    let report =
        rsvp_import::import(&mut store, event, LUMA.as_bytes(), &Options::default()).unwrap();
    assert_eq!(report.added, 4);
    assert_eq!(status_of(&store, event, "maryam@example.org").0, "accepted");
    assert_eq!(status_of(&store, event, "jose@example.org").0, "waitlisted");
    assert_eq!(status_of(&store, event, "lin@example.org").0, "declined");
    assert_eq!(
        status_of(&store, event, "sam@example.org").0,
        "needs_action"
    );
    // A second file of people going: the one place is taken, so they wait in line.
    let report =
        rsvp_import::import(&mut store, event, PETITION.as_bytes(), &Options::default()).unwrap();
    assert_eq!((report.added, report.waitlisted), (3, 3));
    let again =
        rsvp_import::import(&mut store, event, PETITION.as_bytes(), &Options::default()).unwrap();
    assert_eq!((again.added, again.changed, again.unchanged), (0, 0, 3));
    // A found person keeps their stored details; a Persian name is searchable at the door.
    let found = rsvps::door_search(&store, event, "رضاي", 10).unwrap();
    assert_eq!(found.len(), 1);
}

#[test]
fn our_export_is_formula_safe_and_comes_back_unchanged() {
    let (dir, mut store, event) = store_with_event(None);
    let tricky = "First Name,Last Name,Email,Attendee Status,Quantity\n\
=HYPERLINK(\"http://evil.example\"),Reyes,ana@example.org,Attending,3\n\
Bo,@SUM(A1),bo@example.org,No Show,1\n";
    rsvp_import::import(&mut store, event, tricky.as_bytes(), &Options::default()).unwrap();
    let path = dir.path().join("answers.csv");
    let saved = rsvp_export::export_to_file(&store, event, &path).unwrap();
    assert_eq!(saved.rows, 2);
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"\xef\xbb\xbf"));
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(headers, rsvp_export::COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let ana = rows
        .iter()
        .find(|r| &r[col("email")] == "ana@example.org")
        .unwrap();
    assert_eq!(
        &ana[col("given_name")],
        "'=HYPERLINK(\"http://evil.example\")"
    );
    assert_eq!(
        (&ana[col("status")], &ana[col("party_size")]),
        ("going", "3")
    );
    let bo = rows
        .iter()
        .find(|r| &r[col("email")] == "bo@example.org")
        .unwrap();
    assert_eq!(&bo[col("family_name")], "'@SUM(A1)");
    assert_eq!(&bo[col("attendance")], "no_show");

    // Read back by our import: recognised, nothing changed.
    let preview =
        rsvp_import::preview(&store, event, "answers.csv", &bytes, &Options::default()).unwrap();
    assert_eq!(preview.format, Some("campaign_desk"));
    assert!(preview.rejected.is_empty(), "{:?}", preview.rejected);
    assert_eq!(
        (preview.will_add, preview.will_change, preview.unchanged),
        (0, 0, 2)
    );
    let report = rsvp_import::import(&mut store, event, &bytes, &Options::default()).unwrap();
    assert_eq!((report.added, report.changed, report.unchanged), (0, 0, 2));
}

#[test]
fn status_words_of_the_common_tools_map_onto_ours() {
    use desk_core::rsvps::Status::*;
    for (word, status, came, no_show) in [
        ("accepted", Accepted, false, false),
        ("Tentative", Tentative, false, false),
        ("DECLINED", Declined, false, false),
        ("needs action", NeedsAction, false, false),
        ("NEEDS-ACTION", NeedsAction, false, false),
        ("Confirmed", Accepted, false, false),
        ("Cancelled", Cancelled, false, false),
        ("Completed", Accepted, true, false),
        ("No Show", Accepted, false, true),
        ("attending", Accepted, false, false),
        ("checked in", Accepted, true, false),
        ("not attending", Declined, false, false),
        ("approved", Accepted, false, false),
        ("waitlist", Waitlisted, false, false),
        ("pending_approval", NeedsAction, false, false),
    ] {
        assert_eq!(
            rsvp_import::status_of_word(word),
            Some((status, came, no_show)),
            "{word}"
        );
    }
    assert_eq!(rsvp_import::status_of_word("perhaps later"), None);
}

#[test]
fn zoom_attendees_and_lumas_newer_export_are_read_too() {
    let (_dir, mut store, event) = store_with_event(None);
    // Zoom's attendee details: Attended Yes/No, "--" where it has nothing.
    let zoom = "Attended,User Name (Original Name),First Name,Last Name,Email,Phone,Registration Time,Approval Status,Join Time,Leave Time,Time in Session (minutes),Is Guest,Country/Region Name\n\
Yes,Ana Reyes,Ana,Reyes,ana@example.org,--,\"Jan 9, 2028 10:00:00\",approved,--,--,90,Yes,United States\n\
No,Bo Chen,Bo,Chen,bo@example.org,--,2028-01-08 09:00:00,approved,--,--,--,Yes,Canada\n";
    let preview = rsvp_import::preview(
        &store,
        event,
        "zoom.csv",
        zoom.as_bytes(),
        &Options::default(),
    )
    .unwrap();
    assert_eq!(preview.format, Some("zoom"));
    assert!(preview.rejected.is_empty(), "{:?}", preview.rejected);
    rsvp_import::import(&mut store, event, zoom.as_bytes(), &Options::default()).unwrap();
    assert_eq!(
        status_of(&store, event, "ana@example.org"),
        ("accepted".into(), 0, Some("attended".into()))
    );
    assert_eq!(
        status_of(&store, event, "bo@example.org"),
        ("accepted".into(), 0, Some("no_show".into()))
    );
    // Luma's newer export starts with guest_id and a byte-order mark.
    let luma = "\u{feff}guest_id,name,first_name,last_name,email,phone_number,created_at,approval_status,checked_in_at,utm_source,referrer,referred_by\n\
gst-9,Lin Wu,Lin,Wu,lin@example.org,,2027-02-05T10:00:00.000Z,session,,,,\n";
    let preview = rsvp_import::preview(
        &store,
        event,
        "guests.csv",
        luma.as_bytes(),
        &Options::default(),
    )
    .unwrap();
    assert_eq!(preview.format, Some("luma"));
    rsvp_import::import(&mut store, event, luma.as_bytes(), &Options::default()).unwrap();
    assert_eq!(status_of(&store, event, "lin@example.org").0, "accepted");
}
