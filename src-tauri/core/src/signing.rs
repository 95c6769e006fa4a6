//! Signatures and consent. A person signs an appeal at most once (the same email is the same
//! person, nothing else merges silently); signing again updates the signature. Each signing
//! records consent as an act in `consents` with the exact words shown, for signing and, when
//! the box was ticked, for being written to. Withdrawing is one call and is recorded the same
//! way.

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::appeals;
use crate::error::{Error, Result};
use crate::id::Id;
use crate::messages::Message;
use crate::people::{self, NewPerson};
use crate::sync::Tx;
use crate::text;

/// How the signer allows the name to be shown on published lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Display {
    #[serde(rename = "full")]
    Full,
    #[serde(rename = "name_city")]
    NameAndCity,
    #[serde(rename = "initials")]
    Initials,
    #[serde(rename = "hidden")]
    Hidden,
}

impl Display {
    pub fn as_str(self) -> &'static str {
        match self {
            Display::Full => "full",
            Display::NameAndCity => "name_city",
            Display::Initials => "initials",
            Display::Hidden => "hidden",
        }
    }

    /// How little of the name it shows: a higher number is more private.
    pub fn privacy(self) -> u8 {
        match self {
            Display::Full => 0,
            Display::NameAndCity => 1,
            Display::Initials => 2,
            Display::Hidden => 3,
        }
    }

    /// Also takes the CLI's spelling `name-city`.
    pub fn parse(value: &str) -> Result<Display> {
        match value {
            "full" => Ok(Display::Full),
            "name_city" | "name-city" => Ok(Display::NameAndCity),
            "initials" => Ok(Display::Initials),
            "hidden" => Ok(Display::Hidden),
            other => Err(Error::Invalid(
                Message::new("bad_display").with("value", other),
            )),
        }
    }
}

/// How the signature came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Typed by the signer at an event table (table mode).
    Table,
    /// A row of a numbered paper sheet, typed in later.
    Paper,
    /// Signed online (a petition platform).
    Online,
    /// Read from a file.
    Import,
    /// Typed by an organizer.
    Manual,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Table => "table",
            Source::Paper => "paper",
            Source::Online => "online",
            Source::Import => "import",
            Source::Manual => "manual",
        }
    }

    pub fn parse(value: &str) -> Result<Source> {
        match value {
            "table" => Ok(Source::Table),
            "paper" => Ok(Source::Paper),
            "online" => Ok(Source::Online),
            "import" => Ok(Source::Import),
            "manual" => Ok(Source::Manual),
            other => Err(Error::Invalid(
                Message::new("bad_source").with("value", other),
            )),
        }
    }
}

/// A signature row as the sample and the merge write it: no words recorded, no consent act.
pub struct NewSignature<'a> {
    pub appeal_id: Id,
    pub person_id: Id,
    pub signed_at: DateTime<Utc>,
    pub source: Source,
    pub display: Display,
    pub prominent: bool,
    pub statement: Option<&'a str>,
}

/// Writes a bare signature (or updates the person's one for this appeal). Signing through
/// `sign_in` is what people do; this is for the sample campaign and tests.
pub fn sign(w: &Tx<'_>, s: &NewSignature<'_>) -> Result<Id> {
    let statement = match s.statement {
        Some(t) => Some(text::paragraphs("statement", t, 2000)?).filter(|t| !t.is_empty()),
        None => None,
    };
    if let Some(id) = existing(w, s.appeal_id, s.person_id)? {
        w.execute(
            "UPDATE signatures SET source = ?2, display = ?3, prominent = ?4, statement = ?5,
                    updated_at = ?6, written_by = ?7
              WHERE id = ?1",
            params![
                id,
                s.source.as_str(),
                s.display.as_str(),
                s.prominent,
                statement,
                w.stamp(),
                w.laptop()
            ],
        )?;
        return Ok(id);
    }
    let id = Id::new();
    w.execute(
        "INSERT INTO signatures (id, appeal_id, person_id, signed_at, source, display, prominent,
                                 statement, created_at, updated_at, written_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10)",
        params![
            id,
            s.appeal_id,
            s.person_id,
            timestamp(s.signed_at),
            s.source.as_str(),
            s.display.as_str(),
            s.prominent,
            statement,
            w.stamp(),
            w.laptop(),
        ],
    )?;
    Ok(id)
}

fn timestamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn existing(conn: &Connection, appeal: Id, person: Id) -> Result<Option<Id>> {
    Ok(conn
        .query_row(
            "SELECT id FROM signatures WHERE appeal_id = ?1 AND person_id = ?2
              ORDER BY created_at, id LIMIT 1",
            params![appeal, person],
            |r| r.get(0),
        )
        .optional()?)
}

/// A signature as it comes in: from the form at a table, a row of a paper sheet, the CLI.
#[derive(Debug, Clone, Deserialize)]
pub struct Signing {
    pub appeal: Id,
    pub person: NewPerson,
    /// The language of the words the signer read: the appeal's own when `None`, or when it
    /// has no words in this one.
    #[serde(default)]
    pub lang: Option<String>,
    pub source: Source,
    pub display: Display,
    /// The box "the campaign may write to me" was ticked.
    #[serde(default)]
    pub contact_consent: bool,
    #[serde(default)]
    pub event: Option<Id>,
    /// The paper sheet and its row, for `Source::Paper`.
    #[serde(default)]
    pub sheet: Option<(Id, i64)>,
    /// Who typed it, when not the signer.
    #[serde(default)]
    pub entered_by: Option<String>,
    /// The person signing, when already found (a walk-in at the door found by name): `person`
    /// is then not looked up by email nor added.
    #[serde(default)]
    pub known_person: Option<Id>,
}

/// What `sign_in` did, with what `take_back` needs to undo it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Signed {
    pub person: Id,
    pub signature: Id,
    /// Someone with this email was already in the campaign.
    pub known: bool,
    /// This person had already signed this appeal: the signature was updated, not added.
    pub already_signed: bool,
    /// The person row was created by this signing.
    pub person_added: bool,
    /// The consent acts this signing recorded.
    pub consents: Vec<Id>,
    /// The signature as it was before, when this signing updated it.
    pub before: Option<Before>,
}

/// The columns of a signature that signing again sets, as they were: `take_back` restores them.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Before {
    pub source: String,
    pub display: String,
    pub text_id: Option<Id>,
    pub words_hash: Option<String>,
    pub event_id: Option<Id>,
    pub sheet_id: Option<Id>,
    pub sheet_row: Option<i64>,
    pub entered_by: Option<String>,
}

/// Signs an appeal for the person typed in: the same email is the same person, anyone else is
/// new; signing again updates the signature. Records the consent acts with the words the
/// signer saw. One write, so nothing is half-saved when it fails.
pub fn sign_in(w: &Tx<'_>, s: &Signing) -> Result<Signed> {
    if s.source == Source::Table {
        appeals::ensure_open(w, s.appeal)?;
    }
    let lang = match &s.lang {
        Some(lang) => text::lang_code(lang)?,
        None => appeals::own_language(w, s.appeal)?,
    };
    let words = appeals::current_text(w, s.appeal, &lang)?;
    let entered_by = text::optional_name("entered_by", s.entered_by.as_deref(), 100)?;
    let (sheet, row) = match s.sheet {
        Some((sheet, row)) if row >= 1 => (Some(sheet), Some(row)),
        Some(_) => return Err(Error::invalid("bad_sheet_row")),
        None => (None, None),
    };
    let email = s
        .person
        .email
        .as_deref()
        .map(str::trim)
        .filter(|e| !e.is_empty());
    let found = match (s.known_person, email) {
        (Some(id), _) => Some(id),
        (None, Some(email)) => people::find_by_email(w, email)?,
        (None, None) => None,
    };
    let (person, known) = match found {
        // A signer's stored details are not changed from a signing form: anyone can type
        // anyone's email at a table.
        Some(id) => (id, true),
        None => (people::insert(w, &s.person)?, false),
    };
    let now = timestamp(Utc::now());
    let previous = existing(w, s.appeal, person)?;
    // At a table anyone can type anyone's email. Signing again there never shows a stored
    // signer's name more widely than they chose, and never gives back a consent to be written
    // to that they withdrew: an organizer changes those on the person's page.
    let mut display = s.display;
    let mut contact_consent = s.contact_consent;
    if s.source == Source::Table && known {
        if let Some(id) = previous {
            let stored: String =
                w.query_row("SELECT display FROM signatures WHERE id = ?1", [id], |r| {
                    r.get(0)
                })?;
            let stored = Display::parse(&stored)?;
            if stored.privacy() > display.privacy() {
                display = stored;
            }
        }
        if contact_consent && latest_contact(w, person)? == Some(false) {
            contact_consent = false;
        }
    }
    let before = match previous {
        Some(id) => Some(before(w, id)?),
        None => None,
    };
    let values = params![
        s.source.as_str(),
        display.as_str(),
        words.id,
        words.words_hash,
        s.event,
        sheet,
        row,
        entered_by,
        w.stamp(),
        w.laptop(),
    ];
    let signature = match previous {
        Some(id) => {
            // Signing again keeps the first time signed and takes the rest from this signing.
            let mut p: Vec<&dyn rusqlite::ToSql> = values.to_vec();
            p.push(&id);
            w.execute(
                "UPDATE signatures SET source = ?1, display = ?2, text_id = ?3, words_hash = ?4,
                        event_id = ?5, sheet_id = ?6, sheet_row = ?7, entered_by = ?8,
                        updated_at = ?9, written_by = ?10
                  WHERE id = ?11",
                p.as_slice(),
            )?;
            id
        }
        None => {
            let id = Id::new();
            let mut p: Vec<&dyn rusqlite::ToSql> = values.to_vec();
            p.push(&id);
            p.push(&s.appeal);
            p.push(&person);
            p.push(&now);
            w.execute(
                "INSERT INTO signatures (source, display, text_id, words_hash, event_id, sheet_id,
                                         sheet_row, entered_by, updated_at, written_by, id,
                                         appeal_id, person_id, signed_at, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?9)",
                p.as_slice(),
            )?;
            id
        }
    };
    let act = |purpose: &str, wording: &str| {
        record_consent(
            w,
            &Act {
                person,
                appeal: Some(s.appeal),
                purpose,
                given: true,
                how: s.source,
                wording,
                lang: Some(&words.lang),
                text_id: Some(words.id),
                event: s.event,
                recorded_by: entered_by.as_deref(),
            },
        )
    };
    let mut consents = vec![act("signature", &words.consent)?];
    if contact_consent {
        consents.push(act("contact", &words.contact_consent)?);
    }
    Ok(Signed {
        person,
        signature,
        known,
        already_signed: previous.is_some(),
        person_added: !known,
        consents,
        before,
    })
}

/// A signature with only the defaults: the appeal's own words, no contact consent.
pub fn sign_as(
    w: &Tx<'_>,
    appeal: Id,
    person: &NewPerson,
    source: Source,
    display: Display,
) -> Result<Signed> {
    sign_in(
        w,
        &Signing {
            appeal,
            person: person.clone(),
            lang: None,
            source,
            display,
            contact_consent: false,
            event: None,
            sheet: None,
            entered_by: None,
            known_person: None,
        },
    )
}

fn before(conn: &Connection, signature: Id) -> Result<Before> {
    Ok(conn.query_row(
        "SELECT source, display, text_id, words_hash, event_id, sheet_id, sheet_row, entered_by
           FROM signatures WHERE id = ?1",
        [signature],
        |r| {
            Ok(Before {
                source: r.get(0)?,
                display: r.get(1)?,
                text_id: r.get(2)?,
                words_hash: r.get(3)?,
                event_id: r.get(4)?,
                sheet_id: r.get(5)?,
                sheet_row: r.get(6)?,
                entered_by: r.get(7)?,
            })
        },
    )?)
}

/// Takes back what `sign_in` did (a row typed by mistake): its consent acts go, a signature it
/// added goes with a person it added, and a signature it updated gets its old values back.
pub fn take_back(w: &Tx<'_>, signed: &Signed) -> Result<()> {
    for id in &signed.consents {
        w.execute("DELETE FROM consents WHERE id = ?1", [id])?;
    }
    match &signed.before {
        None => {
            remove_signature(w, signed.signature)?;
            if signed.person_added {
                people::remove(w, signed.person)?;
            }
        }
        Some(b) => {
            let changed = w.execute(
                "UPDATE signatures SET source = ?2, display = ?3, text_id = ?4, words_hash = ?5,
                        event_id = ?6, sheet_id = ?7, sheet_row = ?8, entered_by = ?9,
                        updated_at = ?10, written_by = ?11
                  WHERE id = ?1",
                params![
                    signed.signature,
                    b.source,
                    b.display,
                    b.text_id,
                    b.words_hash,
                    b.event_id,
                    b.sheet_id,
                    b.sheet_row,
                    b.entered_by,
                    w.stamp(),
                    w.laptop()
                ],
            )?;
            if changed == 0 {
                return Err(Error::NotFound(Message::new("signature_not_found")));
            }
        }
    }
    Ok(())
}

/// Takes a signature back without a record (a mistake, not the signer's wish: see `withdraw`).
pub fn remove_signature(w: &Tx<'_>, id: Id) -> Result<()> {
    if w.execute("DELETE FROM signatures WHERE id = ?1", [id])? == 0 {
        return Err(Error::NotFound(Message::new("signature_not_found")));
    }
    Ok(())
}

/// One consent act to record.
pub struct Act<'a> {
    pub person: Id,
    pub appeal: Option<Id>,
    /// `signature` or `contact`.
    pub purpose: &'a str,
    pub given: bool,
    pub how: Source,
    /// The exact words shown (for a withdrawal, the words of the action).
    pub wording: &'a str,
    pub lang: Option<&'a str>,
    pub text_id: Option<Id>,
    pub event: Option<Id>,
    pub recorded_by: Option<&'a str>,
}

pub fn record_consent(w: &Tx<'_>, act: &Act<'_>) -> Result<Id> {
    let id = Id::new();
    let hash = appeals::words_hash("", act.wording, "", "");
    w.execute(
        "INSERT INTO consents (id, person_id, appeal_id, purpose, given, at, how, wording,
                               words_hash, lang, text_id, event_id, recorded_by, created_at,
                               updated_at, written_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14, ?15)",
        params![
            id,
            act.person,
            act.appeal,
            act.purpose,
            act.given,
            // The write's stamp, not this laptop's wall clock: stamps never run behind one
            // another laptop gave, so a withdrawal made after a consent is always later.
            w.stamp(),
            act.how.as_str(),
            act.wording,
            hash,
            act.lang,
            act.text_id,
            act.event,
            act.recorded_by,
            w.stamp(),
            w.laptop(),
        ],
    )?;
    Ok(id)
}

/// What a person withdraws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Withdrawal {
    /// The signature of one appeal: removed from every list, the act recorded.
    Signature,
    /// Permission to write to them.
    Contact,
}

/// The words recorded with a withdrawal made by an organizer on the person's behalf.
pub const WITHDRAWAL_WORDING: &str =
    "Withdrawn at the person's request, recorded by an organizer in Campaign Desk.";

/// Withdraws a signature (it is removed; the act stays) or the consent to be written to.
pub fn withdraw(
    w: &Tx<'_>,
    person: Id,
    appeal: Option<Id>,
    what: Withdrawal,
    recorded_by: Option<&str>,
) -> Result<()> {
    let recorded_by = text::optional_name("entered_by", recorded_by, 100)?;
    let purpose = match what {
        Withdrawal::Signature => {
            let appeal = appeal.ok_or_else(|| Error::invalid("appeal_not_found"))?;
            let removed = w.execute(
                "DELETE FROM signatures WHERE person_id = ?1 AND appeal_id = ?2",
                params![person, appeal],
            )?;
            if removed == 0 {
                return Err(Error::NotFound(Message::new("signature_not_found")));
            }
            "signature"
        }
        Withdrawal::Contact => {
            let exists: bool = w.query_row(
                "SELECT EXISTS (SELECT 1 FROM people WHERE id = ?1)",
                [person],
                |r| r.get(0),
            )?;
            if !exists {
                return Err(Error::NotFound(Message::new("person_not_found")));
            }
            "contact"
        }
    };
    record_consent(
        w,
        &Act {
            person,
            appeal,
            purpose,
            given: false,
            how: Source::Manual,
            wording: WITHDRAWAL_WORDING,
            lang: Some("en"),
            text_id: None,
            event: None,
            recorded_by: recorded_by.as_deref(),
        },
    )?;
    Ok(())
}

/// One consent act as the person's page lists it.
#[derive(Debug, Clone, Serialize)]
pub struct ConsentAct {
    pub id: Id,
    pub appeal_id: Option<Id>,
    pub appeal_title: Option<String>,
    pub purpose: String,
    pub given: bool,
    pub at: String,
    pub how: String,
    pub wording: String,
    pub words_hash: String,
    pub lang: Option<String>,
    pub recorded_by: Option<String>,
}

/// A person's consent acts, newest first.
pub fn consents(conn: &Connection, person: Id) -> Result<Vec<ConsentAct>> {
    let mut stmt = conn.prepare(
        "SELECT c.id, c.appeal_id, a.title, c.purpose, c.given, c.at, c.how, c.wording,
                c.words_hash, c.lang, c.recorded_by
           FROM consents c LEFT JOIN appeals a ON a.id = c.appeal_id
          WHERE c.person_id = ?1 ORDER BY c.at DESC, c.id DESC",
    )?;
    let rows = stmt
        .query_map([person], |r| {
            Ok(ConsentAct {
                id: r.get(0)?,
                appeal_id: r.get(1)?,
                appeal_title: r.get(2)?,
                purpose: r.get(3)?,
                given: r.get(4)?,
                at: r.get(5)?,
                how: r.get(6)?,
                wording: r.get(7)?,
                words_hash: r.get(8)?,
                lang: r.get(9)?,
                recorded_by: r.get(10)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The person's latest contact act: given (true), withdrawn (false), or none.
fn latest_contact(conn: &Connection, person: Id) -> Result<Option<bool>> {
    Ok(conn.query_row(
        &format!("SELECT {}", latest_contact_sql("?1")),
        [person],
        |r| r.get(0),
    )?)
}

/// SQL for the latest contact act of the person whose id is `person` (a column or a
/// parameter): 1 given, 0 withdrawn, NULL none. The one definition of "the latest act
/// counts", for this module, the list's filter (search.rs) and the export (csv_export.rs).
pub(crate) fn latest_contact_sql(person: &str) -> String {
    format!(
        "(SELECT c.given FROM consents c WHERE c.person_id = {person} AND c.purpose = 'contact'
           ORDER BY c.at DESC, c.created_at DESC, c.id DESC LIMIT 1)"
    )
}

/// Whether the campaign may write to this person now: their latest contact act gave consent.
pub fn may_contact(conn: &Connection, person: Id) -> Result<bool> {
    Ok(latest_contact(conn, person)? == Some(true))
}

/// How a prominent signer is presented on the appeal's page, flyers and the ad.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Prominence {
    pub prominent: bool,
    pub featured: bool,
    /// Title or affiliation ("novelist and playwright"), kept on the person.
    pub title: Option<String>,
    /// An approved statement or quote.
    pub statement: Option<String>,
    pub display_order: Option<i64>,
}

pub fn set_prominence(w: &Tx<'_>, signature: Id, p: &Prominence) -> Result<()> {
    let statement = match p.statement.as_deref() {
        Some(t) => Some(text::paragraphs("statement", t, 2000)?).filter(|t| !t.is_empty()),
        None => None,
    };
    let title = text::optional_name("title", p.title.as_deref(), 200)?;
    if let Some(order) = p.display_order {
        if !(0..=100_000).contains(&order) {
            return Err(Error::Invalid(
                Message::new("bad_display_order").with("value", order),
            ));
        }
    }
    let person: Id = w
        .query_row(
            "SELECT person_id FROM signatures WHERE id = ?1",
            [signature],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| Error::NotFound(Message::new("signature_not_found")))?;
    w.execute(
        "UPDATE signatures SET prominent = ?2, featured = ?3, statement = ?4, display_order = ?5,
                updated_at = ?6, written_by = ?7
          WHERE id = ?1",
        params![
            signature,
            p.prominent,
            p.prominent && p.featured,
            statement,
            p.display_order,
            w.stamp(),
            w.laptop()
        ],
    )?;
    w.execute(
        "UPDATE people SET title = ?2, updated_at = ?3, written_by = ?4
          WHERE id = ?1 AND title IS NOT ?2",
        params![person, title, w.stamp(), w.laptop()],
    )?;
    Ok(())
}
