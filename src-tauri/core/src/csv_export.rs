//! An appeal's signers as a CSV file: the petition platform's column names (DOMAIN.md), then
//! ours. UTF-8 with a byte-order mark and CRLF line ends, so that Excel reads it as it is;
//! streamed row by row, so a million signers never sit in memory.
//!
//! No cell can run as a formula in a spreadsheet: one beginning with `=`, `+`, `-`, `@`, a tab
//! or a carriage return gets an apostrophe in front (spreadsheets hide it), and the import takes
//! it off again (csv_import::unescape_formula), so a name such as "-Ali" reads right both ways.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use rusqlite::Connection;
use serde::Serialize;

use crate::csv_import::FORMULA_START;
use crate::error::{Error, Result};
use crate::id::Id;
use crate::messages::Message;
use crate::store::Store;

/// The columns, in order: the petition export's, then ours.
pub const COLUMNS: [&str; 19] = [
    "uuid",
    "first_name",
    "last_name",
    "email",
    "zip_code",
    "can2_phone",
    "can2_user_address",
    "can2_user_city",
    "can2_state_abbreviated",
    "country",
    "signed_at",
    "source",
    "display",
    "featured",
    "sheet",
    "sheet_row",
    "words_version",
    "lang",
    "may_contact",
];

/// What `export_to_file` saved.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Exported {
    pub path: String,
    pub rows: u64,
}

/// `value` as a spreadsheet reads it without running it: an apostrophe before a formula's start.
/// (Apostrophes already there before one get another, so the import's one off gives them back.)
pub fn neutralize(value: &str) -> std::borrow::Cow<'_, str> {
    if value.trim_start_matches('\'').starts_with(FORMULA_START) {
        format!("'{value}").into()
    } else {
        value.into()
    }
}

/// Writes the signers of `appeal`, earliest first, to `out`. Returns how many.
pub fn export(store: &Store, appeal: Id, out: impl Write) -> Result<u64> {
    write_signers(store.conn(), appeal, out).map_err(Failure::into_error)
}

/// Saves the signers of `appeal` at `path` (readable by its owner only): written beside it
/// first and moved into place when complete, so a failure leaves no half a list and the file
/// that was there before stays as it was.
pub fn export_to_file(store: &Store, appeal: Id, path: &Path) -> Result<Exported> {
    crate::appeals::own_language(store.conn(), appeal)?;
    save_privately(path, |out| write_signers(store.conn(), appeal, out))
}

/// Saves what `write` writes at `path`, readable by its owner only: written beside it first and
/// moved into place when complete, so a failure leaves no half a file and the file that was
/// there before stays as it was. `write` returns the rows it wrote.
pub(crate) fn save_privately(
    path: &Path,
    write: impl FnOnce(io::BufWriter<fs::File>) -> Result<u64, Failure>,
) -> Result<Exported> {
    let part = crate::safe_file::part_path(path);
    let _ = fs::remove_file(&part);
    let failed = |e: &dyn std::fmt::Display| {
        Error::Invalid(
            Message::new("export_write_failed")
                .with("path", path.display())
                .with("cause", e),
        )
    };
    let file = crate::safe_file::create_private(&part).map_err(|e| failed(&e))?;
    let rows = match write(io::BufWriter::new(file)) {
        Ok(rows) => rows,
        Err(e) => {
            let _ = fs::remove_file(&part);
            return Err(match e {
                Failure::Db(e) => e,
                Failure::Io(e) => failed(&e),
            });
        }
    };
    // Synced before the rename: a power cut leaves the old file or the whole new one.
    if let Err(e) = crate::safe_file::put_in_place(&part, path) {
        return Err(failed(&e));
    }
    Ok(Exported {
        path: path.display().to_string(),
        rows,
    })
}

pub(crate) enum Failure {
    Db(Error),
    Io(io::Error),
}

impl From<rusqlite::Error> for Failure {
    fn from(e: rusqlite::Error) -> Self {
        Failure::Db(e.into())
    }
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::Io(e)
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Db(e)
    }
}

impl Failure {
    /// The error a caller writing to a stream (not a file of ours) reports.
    pub(crate) fn into_error(self) -> Error {
        match self {
            Failure::Db(e) => e,
            Failure::Io(e) => Error::Invalid(Message::new("export_failed").with("cause", e)),
        }
    }
}

/// A CSV writer as spreadsheets read our files: UTF-8 with a byte-order mark (so Excel takes it
/// as UTF-8) and CRLF line ends. Shared by every export.
pub(crate) fn spreadsheet_writer<W: Write>(mut out: W) -> Result<csv::Writer<W>, Failure> {
    out.write_all(b"\xef\xbb\xbf")?;
    Ok(csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out))
}

impl From<csv::Error> for Failure {
    fn from(e: csv::Error) -> Self {
        Failure::Io(e.into())
    }
}

fn write_signers(conn: &Connection, appeal: Id, out: impl Write) -> Result<u64, Failure> {
    let mut csv = spreadsheet_writer(out)?;
    csv.write_record(COLUMNS)?;
    let mut stmt = conn.prepare(&format!(
        "SELECT p.id, p.given_name, p.family_name, p.email, p.postal_code, p.phone, p.city,
                p.region, p.country, s.signed_at, s.source, s.display, s.featured, ps.number,
                s.sheet_row, t.version, t.lang, {}
           FROM signatures s JOIN people p ON p.id = s.person_id
           LEFT JOIN paper_sheets ps ON ps.id = s.sheet_id
           LEFT JOIN appeal_texts t ON t.id = s.text_id
          WHERE s.appeal_id = ?1
          ORDER BY s.signed_at, s.id",
        crate::signing::latest_contact_sql("p.id")
    ))?;
    let mut rows = stmt.query([appeal])?;
    let mut n = 0;
    let mut record: Vec<String> = Vec::with_capacity(COLUMNS.len());
    while let Some(r) = rows.next()? {
        record.clear();
        let id: Id = r.get(0)?;
        record.push(id.to_string());
        for c in 1..=11 {
            let value: Option<String> = r.get(c)?;
            record.push(value.unwrap_or_default());
        }
        // The address column stays empty: people keep no address (an imported one is in
        // their notes).
        record.insert(6, String::new());
        let yes_no = |b: bool| if b { "yes" } else { "no" }.to_owned();
        record.push(yes_no(r.get::<_, bool>(12)?));
        for c in 13..=15 {
            let value: Option<i64> = r.get(c)?;
            record.push(value.map(|v| v.to_string()).unwrap_or_default());
        }
        record.push(r.get::<_, Option<String>>(16)?.unwrap_or_default());
        record.push(yes_no(r.get::<_, Option<bool>>(17)? == Some(true)));
        csv.write_record(record.iter().map(|v| neutralize(v).into_owned()))?;
        n += 1;
    }
    csv.flush()?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csv_import::unescape_formula;

    #[test]
    fn formulas_are_neutralized_and_come_back() {
        for value in [
            "=SUM(A1:A9)",
            "+1 555",
            "-Ali",
            "@home",
            "\tx",
            "\rx",
            "'=x",
            "''-x",
            "Ana",
            "O'Brien",
            "'quoted'",
            "",
        ] {
            let safe = neutralize(value);
            assert!(
                !safe.starts_with(FORMULA_START),
                "{value:?} exported as {safe:?}"
            );
            assert_eq!(unescape_formula(&safe), value, "{value:?}");
        }
        assert_eq!(neutralize("-Ali"), "'-Ali");
        assert_eq!(neutralize("Ana"), "Ana");
    }
}
