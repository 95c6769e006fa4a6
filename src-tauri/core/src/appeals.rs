//! Appeals and their signatures.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rusqlite::{params, OptionalExtension};

use crate::error::{Error, Result};
use crate::id::Id;
use crate::messages::Message;
use crate::people::{self, NewPerson};
use crate::sync::Tx;
use crate::text;

pub struct NewAppeal<'a> {
    pub title: &'a str,
    pub body: &'a str,
    pub published_on: Option<NaiveDate>,
}

pub fn insert_appeal(w: &Tx<'_>, appeal: &NewAppeal<'_>) -> Result<Id> {
    let id = Id::new();
    w.execute(
        "INSERT INTO appeals (id, title, body, published_on, created_at, updated_at, written_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)",
        params![
            id,
            text::required_line("appeal_title", appeal.title, 200)?,
            text::paragraphs("appeal_text", appeal.body, 20_000)?,
            appeal.published_on.map(|d| d.to_string()),
            w.stamp(),
            w.laptop(),
        ],
    )?;
    Ok(id)
}

/// How the signer allows the name to be shown on published lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Display {
    Full,
    NameAndCity,
    Initials,
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
}

/// Where the signature was collected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Table,
    Paper,
    Online,
    Manual,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Table => "table",
            Source::Paper => "paper",
            Source::Online => "online",
            Source::Manual => "manual",
        }
    }
}

pub struct NewSignature<'a> {
    pub appeal_id: Id,
    pub person_id: Id,
    pub signed_at: DateTime<Utc>,
    pub source: Source,
    pub display: Display,
    pub prominent: bool,
    pub statement: Option<&'a str>,
}

/// Records that a person signs an appeal. A person signs an appeal once: signing again updates
/// the signature (how the name is shown, the statement), never adds a second. Returns its id.
pub fn sign(w: &Tx<'_>, s: &NewSignature<'_>) -> Result<Id> {
    let statement = match s.statement {
        Some(t) => Some(text::paragraphs("statement", t, 2000)?).filter(|t| !t.is_empty()),
        None => None,
    };
    let existing: Option<Id> = w
        .query_row(
            "SELECT id FROM signatures WHERE appeal_id = ?1 AND person_id = ?2
              ORDER BY created_at, id LIMIT 1",
            params![s.appeal_id, s.person_id],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = existing {
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
            s.signed_at.to_rfc3339_opts(SecondsFormat::Millis, true),
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

/// A signature as it comes in at a table: the person (found by email, or new) and how they sign.
pub struct Signed {
    pub person: Id,
    pub signature: Id,
    /// The person was already known (same email).
    pub known: bool,
}

/// Signs `appeal` for the person typed in: the same email is the same person, anyone else is a
/// new person. One write, so nothing half-saved when it fails.
pub fn sign_as(
    w: &Tx<'_>,
    appeal: Id,
    person: &NewPerson,
    source: Source,
    display: Display,
) -> Result<Signed> {
    let found = match person
        .email
        .as_deref()
        .map(str::trim)
        .filter(|e| !e.is_empty())
    {
        Some(email) => people::find_by_email(w, email)?,
        None => None,
    };
    let (person_id, known) = match found {
        Some(id) => (id, true),
        None => (people::insert(w, person)?, false),
    };
    let signature = sign(
        w,
        &NewSignature {
            appeal_id: appeal,
            person_id,
            signed_at: Utc::now(),
            source,
            display,
            prominent: false,
            statement: None,
        },
    )?;
    Ok(Signed {
        person: person_id,
        signature,
        known,
    })
}

/// Takes a signature back.
pub fn remove_signature(w: &Tx<'_>, id: Id) -> Result<()> {
    if w.execute("DELETE FROM signatures WHERE id = ?1", [id])? == 0 {
        return Err(Error::NotFound(Message::new("signature_not_found")));
    }
    Ok(())
}
