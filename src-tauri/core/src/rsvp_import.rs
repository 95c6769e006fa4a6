//! Answers to an event from the CSV files organizing tools export, read like the signer import
//! reads its files (csv_import.rs: encodings, delimiters, quoted lines, formula-escaped cells).
//!
//! - **Columns** recognised: Eventbrite's attendee report (`First Name`, `Last Name`, `Email`,
//!   `Quantity`, `Order Date`, `Attendee Status`), Luma's guest list (`name`, `first_name`,
//!   `last_name`, `email`, `phone_number`, `created_at`, `approval_status`, `checked_in_at`),
//!   the petition platform's event export (`first_name`, `last_name`, `email`, `can2_phone`,
//!   `can2_user_city`...; no status: they are going), calendar guest lists (`partstat`), our own
//!   export, Zoom's attendee details (`Attended` Yes/No, `Registration Time`, `Approval Status`,
//!   `--` for nothing), and common generic headers. The user may map each column by hand.
//! - **Status words** of those tools map onto ours: accepted / attending / confirmed / approved
//!   are going; tentative is maybe; declined / not attending is not going; needs action /
//!   invited / pending approval is no answer yet; waitlist is waitlisted; cancelled / canceled /
//!   deleted is cancelled; checked in / completed / attended is going and came; no show is going
//!   and did not come. An unknown word rejects its line, naming the word.
//! - **People**: the same email is the same person; without one, the same name among those who
//!   already answered this event; else a new person. Rows of one person (an order of three
//!   tickets on three lines) make one answer whose party counts them all.
//! - **Writing**: one transaction; every answer goes through `rsvps::answer`, so a full event
//!   puts the rest on its waitlist. Importing a file twice changes nothing the second time.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::csv_import::{self, cell, header_key, printable, Problem, SampleRow};
use crate::error::Result;
use crate::id::Id;
use crate::messages::Message;
use crate::people::{self, NewPerson};
use crate::rsvps::{self, Answer, Source, Status};
use crate::store::Store;
use crate::sync::Tx;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    GivenName,
    FamilyName,
    /// A whole name (the last word is the family name; in Chinese, Japanese, Korean the first).
    FullName,
    Email,
    Phone,
    City,
    /// The answer, in any tool's words.
    Status,
    /// How many come, them included (tickets of an order).
    PartySize,
    /// How many come with them.
    Guests,
    /// When they answered or registered.
    AnsweredAt,
    /// When they were checked in (anything but empty, "no", "false", "0" means they came).
    CheckedIn,
    /// attended / no_show (our export).
    Attendance,
    Note,
}

impl Field {
    pub const ALL: [Field; 13] = [
        Field::GivenName,
        Field::FamilyName,
        Field::FullName,
        Field::Email,
        Field::Phone,
        Field::City,
        Field::Status,
        Field::PartySize,
        Field::Guests,
        Field::AnsweredAt,
        Field::CheckedIn,
        Field::Attendance,
        Field::Note,
    ];
}

fn field_of_header(header: &str) -> Option<Field> {
    use Field::*;
    Some(match header_key(header).as_str() {
        "firstname" | "givenname" | "first" | "given" | "vorname" | "nombre" | "prenom" => {
            GivenName
        }
        "lastname" | "familyname" | "surname" | "last" | "family" | "nachname" | "apellido"
        | "apellidos" | "nom" => FamilyName,
        "name"
        | "fullname"
        | "attendeename"
        | "guestname"
        | "displayname"
        | "nombrecompleto"
        | "usernameoriginalname"
        | "username" => FullName,
        "email" | "emailaddress" | "mail" | "attendeeemail" | "guestemail" | "correo" => Email,
        "phone" | "phonenumber" | "can2phone" | "mobile" | "mobilephone" | "cellphone"
        | "telefono" | "telephone" => Phone,
        "city" | "can2usercity" | "ciudad" | "stadt" => City,
        "status" | "attendeestatus" | "approvalstatus" | "rsvpstatus" | "rsvp" | "response"
        | "attendancestatus" | "partstat" | "registrationstatus" | "answer" => Status,
        "quantity" | "tickets" | "ticketquantity" | "partysize" | "party" | "seats" => PartySize,
        "guests" | "plusones" | "guestcount" | "additionalguests" | "plusone" => Guests,
        "orderdate" | "createdat" | "created" | "registeredat" | "registrationdate"
        | "rsvpdate" | "rsvpedat" | "answeredat" | "date" | "timestamp" | "registered"
        | "registrationtime" => AnsweredAt,
        "checkedinat" | "checkintime" | "checkedin" | "checkin" | "checkindate" => CheckedIn,
        "attendance" | "attended" => Attendance,
        "note" | "notes" | "comment" | "comments" => Note,
        _ => return None,
    })
}

/// Which tool's export the headers look like, for the preview.
fn format_of(headers: &[String]) -> Option<&'static str> {
    let has = |h: &str| headers.iter().any(|x| header_key(x) == h);
    if has("attendeestatus") || (has("order") && has("quantity")) {
        Some("eventbrite")
    } else if has("attended") && has("registrationtime") {
        Some("zoom")
    } else if has("approvalstatus") || has("apiid") || has("guestid") {
        Some("luma")
    } else if has("can2phone") || has("can2usercity") || has("zipcode") {
        Some("petition")
    } else if has("partstat") {
        Some("calendar")
    } else if has("partysize") && has("attendance") {
        Some("campaign_desk")
    } else if headers.iter().any(|h| field_of_header(h).is_some()) {
        Some("generic")
    } else {
        None
    }
}

/// What the file says of attendance, beside the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Came {
    Unknown,
    Yes,
    NoShow,
}

/// A tool's status word as (our answer, whether they came); None for a word we do not know.
pub fn status_of_word(word: &str) -> Option<(Status, bool, bool)> {
    let w: String = word
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == '_' || c == '-' { ' ' } else { c })
        .collect();
    let w = w.split_whitespace().collect::<Vec<_>>().join(" ");
    // (status, came, no-show)
    Some(match w.as_str() {
        "" | "accepted" | "attending" | "confirmed" | "approved" | "going" | "yes"
        | "registered" | "active" | "rsvp" | "rsvped" | "booked" | "session" => {
            (Status::Accepted, false, false)
        }
        "checked in" | "completed" | "attended" | "present" => (Status::Accepted, true, false),
        "no show" | "noshow" | "absent" => (Status::Accepted, false, true),
        "tentative" | "maybe" | "interested" => (Status::Tentative, false, false),
        "declined" | "not attending" | "not going" | "no" | "rejected" => {
            (Status::Declined, false, false)
        }
        "needs action" | "invited" | "pending approval" | "pending" | "no answer" => {
            (Status::NeedsAction, false, false)
        }
        "waitlist" | "waitlisted" | "wait list" | "waiting" | "waitlisted approval" => {
            (Status::Waitlisted, false, false)
        }
        "cancelled" | "canceled" | "deleted" | "refunded" => (Status::Cancelled, false, false),
        _ => return None,
    })
}

/// The user's choices for one file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Options {
    pub encoding: Option<String>,
    /// A field (or none) per column, replacing the recognised ones.
    pub mapping: Option<Vec<Option<Field>>>,
}

/// What importing the file would do, written nowhere.
#[derive(Debug, Clone, Serialize)]
pub struct Preview {
    pub file_name: String,
    pub encoding: Option<String>,
    pub delimiter: String,
    pub needs_encoding: bool,
    pub encodings: Vec<&'static str>,
    /// eventbrite, luma, petition, calendar, campaign_desk, generic, or none.
    pub format: Option<&'static str>,
    pub headers: Vec<String>,
    pub mapping: Vec<Option<Field>>,
    pub fields: Vec<Field>,
    pub rows_read: u64,
    /// New answers.
    pub will_add: u64,
    /// Answers that change.
    pub will_change: u64,
    /// Answers already as the file says.
    pub unchanged: u64,
    pub rejected: Vec<Problem>,
    pub warned: Vec<Problem>,
    pub sample: Vec<SampleRow>,
}

/// What an import did.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct ImportReport {
    pub read: u64,
    pub added: u64,
    pub changed: u64,
    pub unchanged: u64,
    /// Answers "going" that the capacity put on the waitlist.
    pub waitlisted: u64,
    pub rejected: Vec<Problem>,
    pub warned: Vec<Problem>,
}

/// One person's answer as the file gives it (their lines added up).
#[derive(Debug, Clone)]
struct Row {
    line: u64,
    person: NewPerson,
    status: Status,
    guests: i64,
    came: Came,
    answered_at: Option<String>,
    note: String,
}

struct Read {
    reading: csv_import::Reading,
    mapping: Vec<Option<Field>>,
    format: Option<&'static str>,
    rows: Vec<Row>,
    read: u64,
    rejected: Vec<Problem>,
    warned: Vec<Problem>,
    sample: Vec<SampleRow>,
}

fn read(bytes: &[u8], options: &Options) -> Result<Read> {
    let reading = csv_import::read(
        bytes,
        &csv_import::Options {
            encoding: options.encoding.clone(),
            ..Default::default()
        },
    )?;
    let mapping = match &options.mapping {
        Some(m) => {
            let mut m = m.clone();
            m.resize(reading.headers.len(), None);
            m
        }
        None => reading.headers.iter().map(|h| field_of_header(h)).collect(),
    };
    let format = format_of(&reading.headers);
    let mut out = Read {
        rows: Vec::new(),
        read: 0,
        rejected: Vec::new(),
        warned: Vec::new(),
        sample: Vec::new(),
        mapping,
        format,
        reading,
    };
    if out.reading.needs_encoding {
        return Ok(out);
    }
    let column = |f: Field| out.mapping.iter().position(|m| *m == Some(f));
    let columns: HashMap<Field, Option<usize>> =
        Field::ALL.iter().map(|f| (*f, column(*f))).collect();
    // One answer per person in the file: the key (email, else the folded name) to its row.
    let mut seen: HashMap<String, usize> = HashMap::new();
    csv_import::data_rows(&out.reading, |line, record| {
        out.read += 1;
        if out.sample.len() < 10 {
            out.sample.push(SampleRow {
                line,
                values: record.iter().map(str::to_owned).collect(),
            });
        }
        // Zoom writes "--" for a value it does not have.
        let get = |f: Field| match csv_import::unescape_formula(cell(record, columns[&f]).trim()) {
            "--" => "",
            v => v,
        };
        let warned_before = out.warned.len();
        match row(line, &get, &mut out.warned) {
            Ok(row) => {
                let key = match &row.person.email {
                    Some(e) => crate::search::mail_key(e),
                    None => {
                        crate::search::name_key(&row.person.given_name, &row.person.family_name)
                    }
                };
                match seen.get(&key) {
                    // Another line of the same person (another ticket of their order).
                    Some(&i) if columns[&Field::PartySize].is_some() => {
                        let kept = &mut out.rows[i];
                        kept.guests = (kept.guests + 1 + row.guests).min(50);
                    }
                    Some(&i) => {
                        out.rows[i] = Row {
                            line: out.rows[i].line,
                            ..row
                        }
                    }
                    None => {
                        seen.insert(key, out.rows.len());
                        out.rows.push(row);
                    }
                }
            }
            Err(message) => {
                // A rejected line's other problems do not matter.
                out.warned.truncate(warned_before);
                out.rejected.push(Problem { line, message });
            }
        }
        Ok(())
    })?;
    Ok(out)
}

/// A line checked: its person, answer and party; problems that leave the line in are warned.
fn row<'a>(
    line: u64,
    get: &dyn Fn(Field) -> &'a str,
    warned: &mut Vec<Problem>,
) -> std::result::Result<Row, Message> {
    let mut warn = |m: Message| warned.push(Problem { line, message: m });
    let (mut given, mut family) = (
        get(Field::GivenName).to_owned(),
        get(Field::FamilyName).to_owned(),
    );
    if given.is_empty() && family.is_empty() {
        (given, family) = csv_import::split_full_name(get(Field::FullName));
    }
    let given = people::field::given_name(&given).map_err(|e| e.message())?;
    let family = people::field::family_name(&family).map_err(|e| e.message())?;
    if given.is_empty() && family.is_empty() {
        return Err(Message::new("import_no_name"));
    }
    let email = match people::field::email(Some(get(Field::Email))) {
        Ok(e) => e,
        Err(_) => {
            warn(Message::new("import_bad_email").with("value", printable(get(Field::Email))));
            None
        }
    };
    let phone = people::field::phone(Some(get(Field::Phone))).unwrap_or(None);
    let city = people::field::city(Some(get(Field::City))).unwrap_or(None);
    let written = get(Field::Status);
    let (status, checked_in, no_show) = status_of_word(written)
        .ok_or_else(|| Message::new("import_bad_rsvp_status").with("value", printable(written)))?;
    let number = |f: Field, min: i64| -> Option<i64> {
        let v = get(f);
        if v.is_empty() {
            return None;
        }
        v.parse::<i64>().ok().filter(|n| (min..=51).contains(n))
    };
    let guests = match (number(Field::PartySize, 1), number(Field::Guests, 0)) {
        (Some(party), _) => party - 1,
        (None, Some(guests)) => guests.min(50),
        (None, None) => {
            for f in [Field::PartySize, Field::Guests] {
                if !get(f).is_empty() {
                    warn(Message::new("import_bad_party").with("value", printable(get(f))));
                }
            }
            0
        }
    };
    // Our export says attended / no_show; Zoom's report says Yes / No.
    let attendance = match get(Field::Attendance)
        .to_lowercase()
        .replace([' ', '-'], "_")
        .as_str()
    {
        "yes" | "true" | "1" => "attended".to_owned(),
        "no" | "false" | "0" => "no_show".to_owned(),
        other => other.to_owned(),
    };
    let checked = get(Field::CheckedIn).to_lowercase();
    let came = if no_show || attendance == "no_show" {
        Came::NoShow
    } else if checked_in
        || attendance == "attended"
        || !(checked.is_empty() || ["no", "false", "0", "n"].contains(&checked.as_str()))
    {
        Came::Yes
    } else {
        Came::Unknown
    };
    let written_date = get(Field::AnsweredAt);
    let answered_at = if written_date.is_empty() {
        None
    } else {
        match csv_import::parse_date(written_date) {
            Some(t) => Some(csv_import::timestamp(t)),
            None => {
                warn(Message::new("import_bad_date").with("value", printable(written_date)));
                None
            }
        }
    };
    let note = crate::text::paragraphs("note", get(Field::Note), 1000).unwrap_or_default();
    Ok(Row {
        line,
        person: NewPerson {
            given_name: given,
            family_name: family,
            email,
            phone,
            city,
            ..Default::default()
        },
        status,
        guests,
        came,
        answered_at,
        note,
    })
}

/// What a row would do against what is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Add,
    Change,
    Unchanged,
}

/// An answer as stored: its id, status, guests and attendance.
type StoredAnswer = (Id, String, i64, Option<String>);

/// The stored person and answer for a row, if any.
fn stored(conn: &Connection, event: Id, row: &Row) -> Result<(Option<Id>, Option<StoredAnswer>)> {
    let p = &row.person;
    let person = rsvps::guest(
        conn,
        event,
        &p.given_name,
        &p.family_name,
        p.email.as_deref(),
    )?;
    let answer = match person {
        Some(p) => conn
            .query_row(
                "SELECT id, status, guests, attendance FROM rsvps
                  WHERE event_id = ?1 AND person_id = ?2 ORDER BY created_at, id LIMIT 1",
                params![event, p],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?,
        None => None,
    };
    Ok((person, answer))
}

fn outcome(row: &Row, answer: &Option<StoredAnswer>) -> Outcome {
    let Some((_, status, guests, attendance)) = answer else {
        return Outcome::Add;
    };
    // Going on the file and waiting here is as the file says: the capacity decided.
    let same_status =
        status == row.status.as_str() || (row.status == Status::Accepted && status == "waitlisted");
    let same_came = match row.came {
        Came::Unknown => true,
        Came::Yes => attendance.as_deref() == Some("attended"),
        Came::NoShow => attendance.as_deref() == Some("no_show"),
    };
    if same_status && *guests == row.guests && same_came {
        Outcome::Unchanged
    } else {
        Outcome::Change
    }
}

/// What importing `bytes` into `event` would do.
pub fn preview(
    store: &Store,
    event: Id,
    file_name: &str,
    bytes: &[u8],
    options: &Options,
) -> Result<Preview> {
    crate::events::get(store, event)?;
    let r = read(bytes, options)?;
    let (mut add, mut change, mut same) = (0, 0, 0);
    for row in &r.rows {
        let (_, answer) = stored(store.conn(), event, row)?;
        match outcome(row, &answer) {
            Outcome::Add => add += 1,
            Outcome::Change => change += 1,
            Outcome::Unchanged => same += 1,
        }
    }
    Ok(Preview {
        file_name: file_name.to_owned(),
        encoding: r.reading.encoding.clone(),
        delimiter: match r.reading.delimiter {
            b'\t' => "\t".into(),
            d => (d as char).to_string(),
        },
        needs_encoding: r.reading.needs_encoding,
        encodings: r.reading.encodings.clone(),
        format: r.format,
        headers: r.reading.headers.clone(),
        mapping: r.mapping,
        fields: Field::ALL.to_vec(),
        rows_read: r.read,
        will_add: add,
        will_change: change,
        unchanged: same,
        rejected: r.rejected,
        warned: r.warned,
        sample: r.sample,
    })
}

/// Imports `bytes` into `event`, in one transaction.
pub fn import(
    store: &mut Store,
    event: Id,
    bytes: &[u8],
    options: &Options,
) -> Result<ImportReport> {
    crate::events::get(store, event)?;
    let r = read(bytes, options)?;
    if r.reading.needs_encoding {
        return Err(csv_import::needs_encoding(&r.reading));
    }
    let mut report = ImportReport {
        read: r.read,
        rejected: r.rejected,
        warned: r.warned,
        ..Default::default()
    };
    let rows = r.rows;
    let (added, changed, unchanged, waitlisted) = store.write(|w| write_rows(w, event, &rows))?;
    report.added = added;
    report.changed = changed;
    report.unchanged = unchanged;
    report.waitlisted = waitlisted;
    Ok(report)
}

fn write_rows(w: &Tx<'_>, event: Id, rows: &[Row]) -> Result<(u64, u64, u64, u64)> {
    let (mut added, mut changed, mut unchanged, mut waitlisted) = (0, 0, 0, 0);
    for row in rows {
        let (person, answer) = stored(w, event, row)?;
        match outcome(row, &answer) {
            Outcome::Unchanged => {
                unchanged += 1;
                continue;
            }
            Outcome::Add => added += 1,
            Outcome::Change => changed += 1,
        }
        let person = match person {
            Some(p) => p,
            None => people::insert(w, &row.person)?,
        };
        let done = rsvps::answer(
            w,
            &Answer {
                guests: row.guests,
                source: Source::Import,
                note: &row.note,
                answered_at: row.answered_at.as_deref(),
                ..Answer::new(event, person, row.status)
            },
        )?;
        if row.status == Status::Accepted && done.status == Status::Waitlisted {
            waitlisted += 1;
        }
        match row.came {
            Came::Yes => {
                rsvps::check_in(w, done.rsvp, None)?;
            }
            Came::NoShow => rsvps::mark_no_show(w, done.rsvp)?,
            Came::Unknown => {}
        }
    }
    Ok((added, changed, unchanged, waitlisted))
}
