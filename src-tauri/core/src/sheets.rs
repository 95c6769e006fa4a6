//! Paper sheets: signatures collected on numbered paper, typed in later. Each typed row keeps
//! its sheet and row number (signatures.sheet_id, sheet_row), so any row can be traced back to
//! the paper; the sheets themselves form a small register.

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::id::Id;
use crate::messages::Message;
use crate::store::Store;
use crate::sync::Tx;
use crate::text;

/// A sheet as the typist starts it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct NewSheet {
    pub appeal: Option<Id>,
    pub number: i64,
    pub event: Option<Id>,
    /// The count of filled rows written on the paper, to see that none was skipped.
    pub rows_on_paper: Option<i64>,
    pub typed_by: Option<String>,
}

/// Opens sheet `number` of an appeal for typing: the one already registered under that number
/// (its event, count and typist updated when given), or a new one. Returns its id.
pub fn open(w: &Tx<'_>, appeal: Id, sheet: &NewSheet) -> Result<Id> {
    if !(1..=1_000_000).contains(&sheet.number) {
        return Err(Error::Invalid(
            Message::new("bad_sheet_number").with("value", sheet.number),
        ));
    }
    if let Some(rows) = sheet.rows_on_paper {
        if !(0..=1000).contains(&rows) {
            return Err(Error::Invalid(
                Message::new("bad_sheet_rows").with("value", rows),
            ));
        }
    }
    let typed_by = text::optional_name("entered_by", sheet.typed_by.as_deref(), 100)?;
    let existing: Option<Id> = w
        .query_row(
            "SELECT id FROM paper_sheets WHERE appeal_id = ?1 AND number = ?2
              ORDER BY created_at, id LIMIT 1",
            params![appeal, sheet.number],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = existing {
        w.execute(
            "UPDATE paper_sheets SET event_id = coalesce(?2, event_id),
                    rows_on_paper = coalesce(?3, rows_on_paper),
                    typed_by = coalesce(?4, typed_by), updated_at = ?5, written_by = ?6
              WHERE id = ?1 AND (?2 IS NOT NULL OR ?3 IS NOT NULL OR ?4 IS NOT NULL)",
            params![
                id,
                sheet.event,
                sheet.rows_on_paper,
                typed_by,
                w.stamp(),
                w.laptop()
            ],
        )?;
        return Ok(id);
    }
    let id = Id::new();
    w.execute(
        "INSERT INTO paper_sheets (id, appeal_id, number, event_id, rows_on_paper, typed_by,
                                   created_at, updated_at, written_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8)",
        params![
            id,
            appeal,
            sheet.number,
            sheet.event,
            sheet.rows_on_paper,
            typed_by,
            w.stamp(),
            w.laptop()
        ],
    )?;
    Ok(id)
}

/// A line of the sheet register.
#[derive(Debug, Clone, Serialize)]
pub struct SheetInfo {
    pub id: Id,
    pub number: i64,
    pub event_id: Option<Id>,
    pub event_title: Option<String>,
    pub rows_on_paper: Option<i64>,
    pub rows_typed: i64,
    /// The highest row number typed, so the typist carries on after it.
    pub last_row: Option<i64>,
    pub typed_by: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// The sheets of an appeal, by number.
pub fn list(store: &Store, appeal: Id) -> Result<Vec<SheetInfo>> {
    let mut stmt = store.conn().prepare(
        "SELECT p.id, p.number, p.event_id, e.title, p.rows_on_paper,
                (SELECT count(*) FROM signatures s WHERE s.sheet_id = p.id),
                (SELECT max(sheet_row) FROM signatures s WHERE s.sheet_id = p.id),
                p.typed_by, p.created_at, p.updated_at
           FROM paper_sheets p LEFT JOIN events e ON e.id = p.event_id
          WHERE p.appeal_id = ?1 ORDER BY p.number, p.created_at",
    )?;
    let rows = stmt
        .query_map([appeal], |r| {
            Ok(SheetInfo {
                id: r.get(0)?,
                number: r.get(1)?,
                event_id: r.get(2)?,
                event_title: r.get(3)?,
                rows_on_paper: r.get(4)?,
                rows_typed: r.get(5)?,
                last_row: r.get(6)?,
                typed_by: r.get(7)?,
                created_at: r.get(8)?,
                updated_at: r.get(9)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The number a new sheet gets: one more than the highest registered for the appeal.
pub fn next_number(store: &Store, appeal: Id) -> Result<i64> {
    Ok(store.conn().query_row(
        "SELECT coalesce(max(number), 0) + 1 FROM paper_sheets WHERE appeal_id = ?1",
        [appeal],
        |r| r.get(0),
    )?)
}

/// One typed row as the sheet entry screen lists it.
#[derive(Debug, Clone, Serialize)]
pub struct TypedRow {
    pub signature_id: Id,
    pub row: i64,
    pub name: String,
    pub email: Option<String>,
    pub country: Option<String>,
}

/// The rows typed from one sheet, by row number.
pub fn rows(store: &Store, sheet: Id) -> Result<Vec<TypedRow>> {
    let mut stmt = store.conn().prepare(
        "SELECT s.id, s.sheet_row, trim(p.given_name || ' ' || p.family_name), p.email, p.country
           FROM signatures s JOIN people p ON p.id = s.person_id
          WHERE s.sheet_id = ?1 ORDER BY s.sheet_row",
    )?;
    let rows = stmt
        .query_map([sheet], |r| {
            Ok(TypedRow {
                signature_id: r.get(0)?,
                row: r.get(1)?,
                name: r.get(2)?,
                email: r.get(3)?,
                country: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
