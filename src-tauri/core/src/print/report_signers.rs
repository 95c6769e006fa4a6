//! The signers report: totals for one appeal or all, and charts per appeal, country, week,
//! source and event, from signer_numbers::collect (what the Dashboard's and the appeal page's
//! charts show), then the prominent signers in the form each chose. A signer who chose "not
//! shown" is never read into it.

use rusqlite::types::Value;

use super::appeal_ad::shown_name;
use super::chart::{self, Bar};
use super::page::{Composer, Page, Size, Style};
use super::report_parts::heading;
use super::report_words::Term;
use super::shape::Fonts;
use super::words::Words;
use crate::signer_numbers::{self, Count, SignerNumbers};
use crate::{Id, Result, Store};

/// The most bars a chart by kind shows; the rest are added up as one.
const MOST_BARS: usize = 15;

#[derive(Debug, Clone)]
pub struct SignersReport {
    /// The appeal's title, or none for every appeal.
    pub appeal: Option<String>,
    pub numbers: SignerNumbers,
    /// (name as they chose to be shown, their title)
    pub prominent: Vec<(String, Option<String>)>,
    pub campaign: String,
}

pub fn load(store: &Store, appeal: Option<Id>) -> Result<SignersReport> {
    let numbers = signer_numbers::collect(store, appeal)?;
    let conn = store.conn();
    let title = match appeal {
        Some(a) => {
            Some(conn.query_row("SELECT title FROM appeals WHERE id = ?1", [a], |r| r.get(0))?)
        }
        None => None,
    };
    let (filter, values) = match appeal {
        Some(a) => (
            "AND s.appeal_id = ?1",
            vec![Value::Blob(a.as_bytes().to_vec())],
        ),
        None => ("", Vec::new()),
    };
    let mut stmt = conn.prepare(&format!(
        "SELECT s.display, p.given_name, p.family_name, coalesce(p.city, ''), p.title
           FROM signatures s JOIN people p ON p.id = s.person_id
          WHERE s.prominent = 1 AND s.display <> 'hidden' {filter}
          ORDER BY s.display_order IS NULL, s.display_order, p.family_name, p.given_name"
    ))?;
    let mut prominent: Vec<(String, Option<String>)> = Vec::new();
    let mut rows = stmt.query(rusqlite::params_from_iter(values))?;
    while let Some(r) = rows.next()? {
        let display: String = r.get(0)?;
        let Some(name) = shown_name(
            &display,
            &r.get::<_, String>(1)?,
            &r.get::<_, String>(2)?,
            &r.get::<_, String>(3)?,
        ) else {
            continue;
        };
        if !prominent.iter().any(|(n, _)| *n == name) {
            prominent.push((name, r.get(4)?));
        }
    }
    Ok(SignersReport {
        appeal: title,
        numbers,
        prominent,
        campaign: crate::campaign::current(store)?
            .map(|c| c.name)
            .unwrap_or_default(),
    })
}

/// Counts as bars, the largest first, the tail added up under "others".
fn by_kind(counts: &[Count], words: &Words, name: impl Fn(&Count) -> String) -> Vec<Bar> {
    let mut bars: Vec<Bar> = counts
        .iter()
        .take(MOST_BARS)
        .map(|c| Bar {
            label: name(c),
            value: c.count,
            shown: words.figure(&c.count.to_string()),
        })
        .collect();
    let rest: i64 = counts.iter().skip(MOST_BARS).map(|c| c.count).sum();
    if rest > 0 {
        let n = counts.len() - MOST_BARS;
        bars.push(Bar {
            label: format!(
                "{} {}",
                words.figure(&n.to_string()),
                words.term(Term::Others)
            ),
            value: rest,
            shown: words.figure(&rest.to_string()),
        });
    }
    bars
}

pub fn pages(fonts: &Fonts, r: &SignersReport, size: Size, words: Words) -> Vec<Page> {
    let mut c = Composer::new(fonts, size);
    let rtl = words.rtl();
    if !r.campaign.is_empty() {
        c.paragraph(&words.line(&r.campaign), Style::body(10.0));
    }
    c.paragraph(words.term(Term::SignersReport), Style::bold(18.0));
    c.paragraph(
        r.appeal.as_deref().unwrap_or(words.term(Term::AllAppeals)),
        Style::bold(13.0),
    );
    c.space(6.0);
    let n = &r.numbers;
    for (term, value) in [
        (Term::Signatures, n.total),
        (Term::People, n.people),
        (Term::Countries, n.countries),
    ] {
        c.paragraph(
            &format!("{}: {}", words.term(term), words.figure(&value.to_string())),
            Style::body(11.0),
        );
    }
    if r.appeal.is_none() && !n.by_appeal.is_empty() {
        heading(&mut c, words.term(Term::ByAppeal));
        let bars = by_kind(&n.by_appeal, &words, |c| {
            c.label.clone().unwrap_or_default()
        });
        chart::bars(&mut c, &bars, rtl);
    }
    if !n.by_country.is_empty() {
        heading(&mut c, words.term(Term::ByCountry));
        let bars = by_kind(&n.by_country, &words, |c| {
            if c.key.is_empty() {
                words.term(Term::NoCountry).to_owned()
            } else {
                crate::countries::english_name(&c.key)
                    .map(str::to_owned)
                    .unwrap_or_else(|| c.key.clone())
            }
        });
        chart::bars(&mut c, &bars, rtl);
    }
    if !n.by_week.is_empty() {
        heading(&mut c, words.term(Term::ByWeek));
        let bars: Vec<Bar> = n
            .by_week
            .iter()
            .map(|w| Bar {
                label: words.day(&w.key),
                value: w.count,
                shown: words.figure(&w.count.to_string()),
            })
            .collect();
        chart::columns(&mut c, &bars, 90.0);
    }
    if !n.by_source.is_empty() {
        heading(&mut c, words.term(Term::BySource));
        let bars = by_kind(&n.by_source, &words, |c| words.kind_name(&c.key));
        chart::bars(&mut c, &bars, rtl);
    }
    if !n.by_event.is_empty() {
        heading(&mut c, words.term(Term::ByEvent));
        let bars = by_kind(&n.by_event, &words, |c| c.label.clone().unwrap_or_default());
        chart::bars(&mut c, &bars, rtl);
    }
    if !r.prominent.is_empty() {
        heading(&mut c, words.term(Term::Prominent));
        for (name, title) in &r.prominent {
            c.need(28.0);
            c.paragraph(&words.line(name), Style::bold(10.5));
            if let Some(t) = title.as_deref().filter(|t| !t.trim().is_empty()) {
                c.paragraph(&words.line(t), Style::body(9.0));
            }
            c.space(3.0);
        }
    }
    c.finish(|i, n| words.page_of(i, n))
}
