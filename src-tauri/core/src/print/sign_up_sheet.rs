//! The sign-up sheet for a table: the appeal's title and consent wording in the chosen language,
//! numbered rows to fill in by hand (name, email, city, country, how the name may be shown,
//! contact consent), and on every page the sheet's number with a QR code of it. A saved sheet is
//! registered first (sheets::open), so rows typed in later trace back to this paper.

use rusqlite::OptionalExtension;

use super::page::{Composer, Page, Size, Style};
use super::qr;
use super::shape::Fonts;
use super::table::{Column, Table};
use super::words::{Label, Words};
use crate::sheets::{self, NewSheet};
use crate::{appeals, Id, Result, Store};

#[derive(Debug, Clone)]
pub struct Sheet {
    pub title: String,
    pub consent: String,
    pub contact_consent: String,
    pub slug: String,
    pub number: i64,
    pub rows: usize,
}

/// The most rows one sheet may have (about five pages).
pub const MAX_ROWS: usize = 100;

/// What the QR code says: the appeal and the sheet, for the typist's scanner.
pub fn qr_text(slug: &str, number: i64) -> String {
    format!("campaign-desk:sheet:{slug}:{number}")
}

/// Registers the next sheet of the appeal (for the event, when given); returns its number.
pub fn register(store: &mut Store, appeal: Id, event: Option<Id>) -> Result<i64> {
    store.write(|w| {
        let number: i64 = w.query_row(
            "SELECT coalesce(max(number), 0) + 1 FROM paper_sheets WHERE appeal_id = ?1",
            [appeal],
            |r| r.get(0),
        )?;
        sheets::open(
            w,
            appeal,
            &NewSheet {
                appeal: Some(appeal),
                number,
                event,
                rows_on_paper: None,
                typed_by: None,
            },
        )?;
        Ok(number)
    })
}

/// The sheet's words in `lang` (the appeal's own language when it has none in `lang`).
/// `number`: the registered sheet's; `None` shows the number the next one would get (a preview).
pub fn load(
    store: &Store,
    appeal: Id,
    lang: &str,
    number: Option<i64>,
    rows: usize,
) -> Result<Sheet> {
    let conn = store.conn();
    let text = appeals::current_text(conn, appeal, lang).or_else(|_| {
        let own = appeals::own_language(conn, appeal)?;
        appeals::current_text(conn, appeal, &own)
    })?;
    let slug: Option<String> = conn
        .query_row("SELECT slug FROM appeals WHERE id = ?1", [appeal], |r| {
            r.get(0)
        })
        .optional()?
        .flatten();
    let number = match number {
        Some(n) => n,
        None => sheets::next_number(store, appeal)?,
    };
    Ok(Sheet {
        title: text.title,
        consent: text.consent,
        contact_consent: text.contact_consent,
        slug: slug.unwrap_or_else(|| appeal.to_string()),
        number,
        rows: rows.clamp(1, MAX_ROWS),
    })
}

/// The sheet's pages, landscape (many columns to write in).
pub fn pages(fonts: &Fonts, sheet: &Sheet, size: Size, words: Words) -> Vec<Page> {
    let size = Size {
        width: size.width.max(size.height),
        height: size.width.min(size.height),
    };
    let mut c = Composer::new(fonts, size);
    let number = format!(
        "{} {}",
        words.label(Label::Sheet),
        words.number(sheet.number)
    );
    let code = qr_text(&sheet.slug, sheet.number);
    let qr_side = 62.0;
    let mut top = |c: &mut Composer| {
        let (x0, width) = c.area();
        let y = c.y;
        // The number and its code at the end the eye reaches last: right, or left in Farsi.
        let qr_x = if words.rtl() {
            x0
        } else {
            x0 + width - qr_side
        };
        if let Some(marks) = qr::marks(&code, qr_x, y - 4.0, qr_side) {
            for m in marks {
                c.mark(m);
            }
        }
        let text_w = width - qr_side - 8.0;
        let text_x = if words.rtl() { x0 + qr_side + 8.0 } else { x0 };
        let mut h = c.text_box(&sheet.title, Style::bold(14.0), text_x, text_w, y, true);
        h += c.text_box(&number, Style::bold(12.0), text_x, text_w, y + h, true);
        c.y = y + h.max(qr_side - 6.0) + 2.0;
    };
    top(&mut c);
    c.paragraph(&sheet.consent, Style::body(8.5));
    if !sheet.contact_consent.trim().is_empty() {
        c.paragraph(
            &format!(
                "{}: {}",
                words.label(Label::ContactMe),
                sheet.contact_consent
            ),
            Style::body(8.5),
        );
    }
    c.paragraph(
        &format!(
            "{}: {} / {} / {} / {}",
            words.label(Label::ShowNameAs),
            words.label(Label::FullName),
            words.label(Label::NameAndCity),
            words.label(Label::Initials),
            words.label(Label::NotShown)
        ),
        Style::body(8.5),
    );
    c.space(6.0);
    let table = Table {
        columns: vec![
            Column::text("#", 0.45),
            Column::text(words.label(Label::Name), 3.0),
            Column::text(words.label(Label::Email), 3.2),
            Column::text(words.label(Label::City), 1.6),
            Column::text(words.label(Label::Country), 1.2),
            Column::tick(words.label(Label::FullName), 0.85),
            Column::tick(words.label(Label::NameAndCity), 0.85),
            Column::tick(words.label(Label::Initials), 0.85),
            Column::tick(words.label(Label::NotShown), 0.85),
            Column::tick(words.label(Label::ContactMe), 0.85),
        ],
        rtl: words.rtl(),
        min_row: 24.0,
        grid: true,
        size: 8.0,
    };
    let rows: Vec<Vec<String>> = (1..=sheet.rows)
        .map(|i| {
            let mut row = vec![String::new(); table.columns.len()];
            row[0] = words.number(i);
            row
        })
        .collect();
    table.draw_with(&mut c, &rows, &mut top);
    c.space(12.0);
    c.need(20.0);
    c.paragraph(
        &format!(
            "{} ______      {} ____________________      {} ____________",
            words.label(Label::RowsFilled),
            words.label(Label::CollectedBy),
            words.label(Label::Date)
        ),
        Style::body(10.0),
    );
    c.finish(|i, n| format!("{number} \u{00b7} {}", words.page_of(i, n)))
}
