//! The appeal as an ad or poster: its words, the featured signers first in larger type with
//! their titles and approved quotes, then every signer who chose to be shown, in the form they
//! chose, in newspaper columns, ending "and N others from M countries". A signer who chose
//! "not shown" is never read into the document, so cannot appear anywhere in the file.

use rusqlite::params;

use super::fonts::Weight;
use super::page::{Composer, Page, Size, Style};
use super::shape::{self, Fonts};
use super::words::Words;
use crate::{appeals, Id, Result, Store};

#[derive(Debug, Clone)]
pub struct Featured {
    pub name: String,
    pub title: Option<String>,
    pub statement: Option<String>,
}

/// Everything the ad prints, read from the store.
#[derive(Debug, Clone)]
pub struct AppealAd {
    pub title: String,
    pub body: String,
    pub featured: Vec<Featured>,
    /// Every other shown signer, as they chose to be shown, in the order they signed.
    pub shown: Vec<String>,
    /// Signers who chose not to be shown, and how many countries they come from.
    pub others: i64,
    pub other_countries: i64,
}

/// The first letter of a word as a reader sees it (a whole character with its marks).
fn initial(word: &str) -> String {
    let mut chars = word.trim().chars();
    let mut out: String = chars.next().map(String::from).unwrap_or_default();
    out.extend(chars.take_while(|c| unicode_normalization::char::is_combining_mark(*c)));
    out
}

/// The name as printed for a display choice, the same rules as the signing forms' preview
/// (ui/display-name.js): "Nahid Tehrani", "Nahid T., Berlin", "N. T."; `None` when hidden.
pub fn shown_name(display: &str, given: &str, family: &str, city: &str) -> Option<String> {
    let (given, family, city) = (given.trim(), family.trim(), city.trim());
    if given.is_empty() && family.is_empty() {
        return None;
    }
    let both = |a: String, b: String| {
        [a, b]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    match display {
        "full" => Some(both(given.to_owned(), family.to_owned())),
        "name_city" => {
            let name = if given.is_empty() {
                family.to_owned()
            } else {
                both(
                    given.to_owned(),
                    if family.is_empty() {
                        String::new()
                    } else {
                        format!("{}.", initial(family))
                    },
                )
            };
            Some(if city.is_empty() {
                name
            } else {
                format!("{name}, {city}")
            })
        }
        "initials" => Some(
            [given, family]
                .iter()
                .filter(|w| !w.is_empty())
                .map(|w| format!("{}.", initial(w)))
                .collect::<Vec<_>>()
                .join(" "),
        ),
        _ => None,
    }
}

pub fn load(store: &Store, appeal: Id, lang: &str) -> Result<AppealAd> {
    let conn = store.conn();
    let text = appeals::current_text(conn, appeal, lang).or_else(|_| {
        let own = appeals::own_language(conn, appeal)?;
        appeals::current_text(conn, appeal, &own)
    })?;
    let mut stmt = conn.prepare(
        "SELECT s.display, p.given_name, p.family_name, coalesce(p.city, ''), p.title, s.statement,
                s.prominent
           FROM signatures s JOIN people p ON p.id = s.person_id
          WHERE s.appeal_id = ?1 AND s.display <> 'hidden'
          ORDER BY s.prominent DESC, s.display_order IS NULL, s.display_order, s.signed_at, s.id",
    )?;
    let mut featured = Vec::new();
    let mut shown = Vec::new();
    let mut rows = stmt.query(params![appeal])?;
    while let Some(r) = rows.next()? {
        let display: String = r.get(0)?;
        let (given, family, city): (String, String, String) = (r.get(1)?, r.get(2)?, r.get(3)?);
        let Some(name) = shown_name(&display, &given, &family, &city) else {
            continue;
        };
        if r.get::<_, bool>(6)? {
            featured.push(Featured {
                name,
                title: r.get(4)?,
                statement: r.get(5)?,
            });
        } else {
            shown.push(name);
        }
    }
    let (others, other_countries) = conn.query_row(
        "SELECT count(*), count(DISTINCT p.country) FROM signatures s JOIN people p ON p.id = s.person_id
          WHERE s.appeal_id = ?1 AND s.display = 'hidden'",
        params![appeal],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(AppealAd {
        title: text.title,
        body: text.body,
        featured,
        shown,
        others,
        other_countries,
    })
}

/// The ad's pages: words across the page, then the names in `columns` columns.
pub fn pages(fonts: &Fonts, ad: &AppealAd, size: Size, columns: usize, words: &Words) -> Vec<Page> {
    pages_reporting(fonts, ad, size, columns, words, &|_| {})
}

/// As `pages`, telling `progress` how far through the names it is (0 to 1).
pub fn pages_reporting(
    fonts: &Fonts,
    ad: &AppealAd,
    size: Size,
    columns: usize,
    words: &Words,
    progress: &dyn Fn(f32),
) -> Vec<Page> {
    let mut c = Composer::new(fonts, size);
    c.paragraph(&ad.title, Style::bold(26.0).centered());
    c.space(8.0);
    c.paragraph(&ad.body, Style::body(11.0));
    c.space(12.0);
    c.columns(columns);
    for f in &ad.featured {
        c.need(40.0);
        c.paragraph(
            &f.name,
            Style {
                weight: Weight::Bold,
                ..Style::body(13.0)
            },
        );
        if let Some(title) = f.title.as_deref().filter(|t| !t.trim().is_empty()) {
            c.paragraph(title, Style::body(9.5));
        }
        if let Some(quote) = f.statement.as_deref().filter(|t| !t.trim().is_empty()) {
            c.paragraph(
                &format!("\u{201c}{}\u{201d}", quote.trim()),
                Style::body(9.5),
            );
        }
        c.space(5.0);
    }
    if !ad.featured.is_empty() {
        c.space(6.0);
    }
    let name = Style {
        leading: 1.25,
        ..Style::body(9.0)
    };
    let names = shape::many_lines(
        fonts,
        &ad.shown,
        name.weight,
        name.size,
        c.column_width(),
        progress,
    );
    for lines in names {
        c.place_lines(lines, name);
    }
    if ad.others > 0 {
        c.space(8.0);
        c.paragraph(
            &words.and_others(ad.others, ad.other_countries),
            Style::bold(10.0),
        );
    }
    c.finish(|i, n| words.page_of(i, n))
}
