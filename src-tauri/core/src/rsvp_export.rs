//! An event's answers as a CSV file any spreadsheet opens: UTF-8 with a byte-order mark, CRLF,
//! every cell formula-safe (csv_export::neutralize). Campaign Desk's own import reads it back
//! (rsvp_import.rs), status words and all.

use std::io::Write;
use std::path::Path;

use rusqlite::Connection;

use crate::csv_export::{neutralize, save_privately, spreadsheet_writer, Exported, Failure};
use crate::error::Result;
use crate::id::Id;
use crate::rsvps::Status;
use crate::store::Store;

pub const COLUMNS: &[&str] = &[
    "given_name",
    "family_name",
    "email",
    "phone",
    "status",
    "party_size",
    "answered_at",
    "attendance",
    "checked_in_at",
    "arrived",
    "source",
    "promoted_at",
    "note",
];

/// Our status words in a file: the everyday ones.
pub fn status_word(status: Status) -> &'static str {
    match status {
        Status::Accepted => "going",
        Status::Tentative => "maybe",
        Status::Declined => "not_going",
        Status::NeedsAction => "no_answer",
        Status::Waitlisted => "waitlisted",
        Status::Cancelled => "cancelled",
    }
}

/// Writes the answers of `event` to `out` (the going first, by name). Returns how many.
pub fn export(store: &Store, event: Id, out: impl Write) -> Result<u64> {
    crate::events::get(store, event)?;
    write_answers(store.conn(), event, out).map_err(Failure::into_error)
}

/// Saves the answers of `event` at `path`, readable by its owner only, whole or not at all.
pub fn export_to_file(store: &Store, event: Id, path: &Path) -> Result<Exported> {
    crate::events::get(store, event)?;
    save_privately(path, |out| write_answers(store.conn(), event, out))
}

fn write_answers(conn: &Connection, event: Id, out: impl Write) -> Result<u64, Failure> {
    let mut csv = spreadsheet_writer(out)?;
    csv.write_record(COLUMNS)?;
    let mut stmt = conn.prepare(
        "SELECT p.given_name, p.family_name, p.email, p.phone, r.status, 1 + r.guests,
                coalesce(r.answered_at, r.created_at), r.attendance,
                CASE r.attendance WHEN 'attended' THEN r.attendance_at END,
                CASE r.attendance WHEN 'attended' THEN r.arrived END,
                r.source, r.promoted_at, r.note
           FROM rsvps r JOIN people p ON p.id = r.person_id
          WHERE r.event_id = ?1
          ORDER BY r.status <> 'accepted', p.family_name, p.given_name, r.id",
    )?;
    let mut rows = stmt.query([event])?;
    let mut n = 0;
    while let Some(r) = rows.next()? {
        let status: String = r.get(4)?;
        let word = Status::parse(&status).map_or("no_answer", status_word);
        let text = |i: usize| -> rusqlite::Result<String> {
            Ok(r.get::<_, Option<String>>(i)?.unwrap_or_default())
        };
        let number = |i: usize| -> rusqlite::Result<String> {
            Ok(r.get::<_, Option<i64>>(i)?
                .map(|v| v.to_string())
                .unwrap_or_default())
        };
        let record = [
            text(0)?,
            text(1)?,
            text(2)?,
            text(3)?,
            word.to_owned(),
            number(5)?,
            text(6)?,
            text(7)?,
            text(8)?,
            number(9)?,
            text(10)?,
            text(11)?,
            text(12)?,
        ];
        csv.write_record(record.iter().map(|v| neutralize(v).into_owned()))?;
        n += 1;
    }
    csv.flush()?;
    Ok(n)
}
