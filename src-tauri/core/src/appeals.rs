//! Appeals and their signatures.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rusqlite::{params, Connection};

use crate::clock;
use crate::error::Result;
use crate::text;

pub(crate) struct NewAppeal<'a> {
    pub title: &'a str,
    pub body: &'a str,
    pub published_on: Option<NaiveDate>,
}

pub(crate) fn insert_appeal(conn: &Connection, appeal: &NewAppeal<'_>) -> Result<i64> {
    let now = clock::now();
    conn.execute(
        "INSERT INTO appeals (uuid, title, body, published_on, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![
            clock::new_uuid(),
            text::required_line("appeal_title", appeal.title, 200)?,
            text::paragraphs("appeal_text", appeal.body, 20_000)?,
            appeal.published_on.map(|d| d.to_string()),
            now,
        ],
    )?;
    Ok(conn.last_insert_rowid())
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

pub(crate) struct NewSignature<'a> {
    pub appeal_id: i64,
    pub person_id: i64,
    pub signed_at: DateTime<Utc>,
    pub source: Source,
    pub display: Display,
    pub prominent: bool,
    pub statement: Option<&'a str>,
}

pub(crate) fn insert_signature(conn: &Connection, s: &NewSignature<'_>) -> Result<i64> {
    let statement = match s.statement {
        Some(t) => Some(text::paragraphs("statement", t, 2000)?).filter(|t| !t.is_empty()),
        None => None,
    };
    let now = clock::now();
    conn.execute(
        "INSERT INTO signatures (uuid, appeal_id, person_id, signed_at, source, display, prominent,
                                 statement, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        params![
            clock::new_uuid(),
            s.appeal_id,
            s.person_id,
            s.signed_at.to_rfc3339_opts(SecondsFormat::Millis, true),
            s.source.as_str(),
            s.display.as_str(),
            s.prominent,
            statement,
            now,
        ],
    )?;
    Ok(conn.last_insert_rowid())
}
