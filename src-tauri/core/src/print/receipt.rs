//! Receipts: a single gift's written acknowledgement, and a donor's annual summary. They say
//! what receipts::acknowledgement says the organization's rules require: the organization's
//! name and address, the donor, the date and the amount in its currency (a gift in kind
//! described, never valued), the receipt's number, and either that no goods or services were
//! given or what was given with a good-faith estimate of its value and the deductible part;
//! or, for an organization that is not tax-exempt, that gifts are not deductible. A copy
//! says "copy" under the same number; a voided gift's receipt says it is void.

use rusqlite::OptionalExtension;

use super::page::{Composer, Mark, Page, Size, Style};
use super::report_parts::{figures, heading};
use super::report_words::Term;
use super::shape::Fonts;
use super::words::Words;
use crate::donations::{self, Donation};
use crate::messages::Message;
use crate::organization::{self, Organization};
use crate::receipts::{self, Acknowledgement, Receipt};
use crate::{money, Error, Id, Result, Store};

#[derive(Debug, Clone)]
pub struct Gift {
    pub donation: Donation,
    pub receipt: Option<Receipt>,
    pub ack: Acknowledgement,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marked {
    Original,
    Copy,
    Void,
}

#[derive(Debug, Clone)]
pub struct ReceiptDoc {
    pub org: Organization,
    /// The donor's name, then their place.
    pub donor: Vec<String>,
    pub gifts: Vec<Gift>,
    /// An annual summary's year; none for one gift's receipt.
    pub year: Option<i32>,
    pub marked: Marked,
}

/// The donor's name and place, from the person when the gift has one.
fn donor_lines(store: &Store, d: &Donation) -> Result<Vec<String>> {
    let mut lines = vec![receipts::donor_name(d)];
    if let Some(p) = &d.person {
        // City, region, postal code, country: each may be missing.
        type Place = [Option<String>; 4];
        let place: Option<Place> = store
            .conn()
            .query_row(
                "SELECT city, region, postal_code, country FROM people WHERE id = ?1",
                [p.id],
                |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?]),
            )
            .optional()?;
        if let Some([city, region, postal, country]) = place {
            let town: Vec<String> = [postal, city, region]
                .into_iter()
                .flatten()
                .filter(|s| !s.trim().is_empty())
                .collect();
            if !town.is_empty() {
                lines.push(town.join(" "));
            }
            if let Some(c) = country {
                lines.push(
                    crate::countries::english_name(&c)
                        .map(str::to_owned)
                        .unwrap_or(c),
                );
            }
        }
    }
    Ok(lines)
}

/// One gift's receipt as it prints now. `preview`: as it will print when saved (a first
/// print gets its number then; a later one is a copy).
pub fn load_single(store: &Store, donation: Id, preview: bool) -> Result<ReceiptDoc> {
    let conn = store.conn();
    let org = organization::get(conn)?;
    let d = donations::get(conn, donation)?;
    if d.kind == "sale" {
        return Err(Error::Conflict(Message::new("sale_no_receipt")));
    }
    let last = receipts::for_donation(conn, donation)?;
    let (receipt, marked) = match (d.voided_at.is_some(), last) {
        (true, Some(r)) => (Some(r), Marked::Void),
        (true, None) => return Err(Error::Conflict(Message::new("voided_no_receipt"))),
        (false, Some(r)) if r.voided_at.is_none() => {
            let copy = preview || r.copies > 0;
            (Some(r), if copy { Marked::Copy } else { Marked::Original })
        }
        (false, _) => (None, Marked::Original),
    };
    Ok(ReceiptDoc {
        donor: donor_lines(store, &d)?,
        gifts: vec![Gift {
            ack: receipts::acknowledgement(&org, &d),
            donation: d,
            receipt,
        }],
        org,
        year: None,
        marked,
    })
}

/// A donor's gifts of `year` (voided ones left out), each with its receipt's number if it has
/// one standing.
pub fn load_annual(store: &Store, person: Id, year: i32) -> Result<ReceiptDoc> {
    if !(1900..=9999).contains(&year) {
        return Err(Error::Invalid(Message::new("bad_year").with("value", year)));
    }
    let conn = store.conn();
    let org = organization::get(conn)?;
    let name: String = conn
        .query_row(
            "SELECT trim(given_name || ' ' || family_name) FROM people WHERE id = ?1",
            [person],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| Error::NotFound(Message::new("person_not_found")))?;
    let mut stmt = conn.prepare(
        "SELECT id FROM donations
          WHERE person_id = ?1 AND voided_at IS NULL AND kind <> 'sale'
            AND received_on >= ?2 AND received_on <= ?3
          ORDER BY received_on, id",
    )?;
    let ids = stmt
        .query_map(
            rusqlite::params![
                person,
                format!("{year:04}-01-01"),
                format!("{year:04}-12-31")
            ],
            |r| r.get::<_, Id>(0),
        )?
        .collect::<rusqlite::Result<Vec<Id>>>()?;
    let mut gifts = Vec::new();
    for id in ids {
        let d = donations::get(conn, id)?;
        gifts.push(Gift {
            ack: receipts::acknowledgement(&org, &d),
            receipt: receipts::for_donation(conn, id)?.filter(|r| r.voided_at.is_none()),
            donation: d,
        });
    }
    let donor = match gifts.first() {
        Some(g) => donor_lines(store, &g.donation)?,
        None => vec![name],
    };
    Ok(ReceiptDoc {
        org,
        donor,
        gifts,
        year: Some(year),
        marked: Marked::Original,
    })
}

/// A name for the saved file: "Receipt R-0007 Ana Pérez", "Annual summary 2024 Ana Pérez".
pub fn file_name(doc: &ReceiptDoc, words: &Words) -> String {
    let donor = doc.donor.first().cloned().unwrap_or_default();
    let head = match doc.year {
        Some(year) => format!("{} {year}", words.term(Term::AnnualSummary)),
        None => {
            let number = doc.gifts.first().and_then(|g| g.receipt.as_ref());
            match number {
                Some(r) => format!("{} {}", words.term(Term::ReceiptFile), r.number),
                None => words.term(Term::ReceiptFile).to_owned(),
            }
        }
    };
    format!("{head} {donor}").trim().to_owned()
}

/// The organization at the head of the page: name, address, tax id.
fn letterhead(c: &mut Composer, org: &Organization, words: &Words) {
    // In a right-to-left receipt the letterhead and the donor keep to the right, whatever
    // script their own words are in.
    c.paragraph(&words.line(&org.name), Style::bold(14.0));
    for line in org.address.lines().filter(|l| !l.trim().is_empty()) {
        c.paragraph(&words.line(line), Style::body(9.5));
    }
    if !org.tax_id.trim().is_empty() {
        c.paragraph(
            // The number kept left to right inside a Farsi line (an isolate), so its digits
            // and dashes are not reordered.
            &format!(
                "{}: \u{2066}{}\u{2069}",
                words.term(Term::TaxId),
                org.tax_id
            ),
            Style::body(9.5),
        );
    }
    c.space(14.0);
}

/// "COPY" or "VOID" in a box across the page, so neither can be taken for the original.
fn banner(c: &mut Composer, text: &str) {
    let (x, w) = c.area();
    let y = c.y;
    c.mark(Mark::Rect {
        x,
        y,
        w,
        h: 26.0,
        fill: Some(0.85),
    });
    c.space(5.0);
    c.paragraph(text, Style::bold(14.0).centered());
    c.y = y + 32.0;
}

/// A gift's amount as the receipt states it: a gift in kind is described, never valued.
fn stated(d: &Donation, words: &Words) -> String {
    if d.method == "in_kind" {
        format!(
            "{}: {}",
            words.term(Term::InKind),
            words.isolate(&d.in_kind)
        )
    } else {
        words.amount(&d.amount, &d.currency)
    }
}

/// The statements the rules ask for, about one gift.
fn statements(c: &mut Composer, g: &Gift, words: &Words) {
    let d = &g.donation;
    let says = |s: &str| g.ack.statements.contains(&s);
    if says("not_exempt") {
        c.paragraph(words.term(Term::NotExempt), Style::body(10.0));
        return;
    }
    if says("goods_value") {
        let given = d.note.clone().filter(|n| !n.trim().is_empty());
        c.paragraph(
            &format!(
                "{}: {}",
                words.term(Term::GoodsGiven),
                words.isolate(&given.unwrap_or_else(|| "—".into()))
            ),
            Style::body(10.0),
        );
        c.paragraph(
            &format!(
                "{}: {}",
                words.term(Term::GoodsValue),
                words.amount(&d.returned_value, &d.currency)
            ),
            Style::body(10.0),
        );
        if let Some(deductible) = &g.ack.deductible {
            c.paragraph(
                &format!(
                    "{}: {}",
                    words.term(Term::Deductible),
                    words.amount(deductible, &d.currency)
                ),
                Style::body(10.0),
            );
        }
    } else if says("no_goods") {
        c.paragraph(words.term(Term::NoGoods), Style::body(10.0));
    }
}

fn donor_block(c: &mut Composer, doc: &ReceiptDoc, words: &Words) {
    c.paragraph(words.term(Term::Donor), Style::bold(9.0));
    for (i, line) in doc.donor.iter().enumerate() {
        let name = if i == 0 && line.trim().is_empty() {
            words.term(Term::Anonymous)
        } else {
            line
        };
        c.paragraph(
            &words.line(name),
            if i == 0 {
                Style::bold(11.0)
            } else {
                Style::body(10.0)
            },
        );
    }
    c.space(10.0);
}

pub fn pages(fonts: &Fonts, doc: &ReceiptDoc, size: Size, words: Words) -> Vec<Page> {
    let mut c = Composer::new(fonts, size);
    letterhead(&mut c, &doc.org, &words);
    match doc.year {
        None => single(&mut c, doc, &words),
        Some(year) => annual(&mut c, doc, year, &words),
    }
    if !doc.org.receipt_wording.trim().is_empty() {
        c.space(14.0);
        c.paragraph(&doc.org.receipt_wording, Style::body(10.5));
    }
    c.finish(|i, n| words.page_of(i, n))
}

fn single(c: &mut Composer, doc: &ReceiptDoc, words: &Words) {
    let Some(g) = doc.gifts.first() else {
        return;
    };
    let d = &g.donation;
    c.paragraph(words.term(Term::Receipt), Style::bold(18.0));
    c.space(6.0);
    match doc.marked {
        Marked::Copy => banner(c, words.term(Term::Copy)),
        Marked::Void => banner(c, words.term(Term::VoidReceipt)),
        Marked::Original => {}
    }
    let number = g
        .receipt
        .as_ref()
        .map(|r| r.number.clone())
        .unwrap_or_else(|| format!("({})", words.term(Term::NotYetNumbered)));
    c.paragraph(
        &format!("{}: {number}", words.term(Term::ReceiptNumber)),
        Style::bold(11.0),
    );
    c.space(8.0);
    donor_block(c, doc, words);
    let mut rows = vec![
        vec![
            words.term(Term::Received).to_owned(),
            words.day(&d.received_on),
        ],
        vec![words.term(Term::Amount).to_owned(), stated(d, words)],
    ];
    if let Some(f) = &d.fund {
        rows.push(vec![words.term(Term::Fund).to_owned(), f.name.clone()]);
    }
    figures(c, &["", ""], &rows, words.rtl());
    c.space(10.0);
    statements(c, g, words);
}

fn annual(c: &mut Composer, doc: &ReceiptDoc, year: i32, words: &Words) {
    c.paragraph(
        &format!("{} {}", words.term(Term::AnnualSummary), words.number(year)),
        Style::bold(18.0),
    );
    c.space(8.0);
    donor_block(c, doc, words);
    if doc.gifts.is_empty() {
        c.paragraph(words.term(Term::NoGifts), Style::body(10.5));
        return;
    }
    let goods = doc.gifts.iter().any(|g| g.donation.returned_minor > 0);
    let mut titles = vec![
        words.term(Term::Received),
        words.term(Term::ReceiptNumber),
        words.term(Term::Amount),
    ];
    if goods {
        titles.push(words.term(Term::GoodsValue));
    }
    let rows: Vec<Vec<String>> = doc
        .gifts
        .iter()
        .map(|g| {
            let d = &g.donation;
            let mut row = vec![
                words.day(&d.received_on),
                g.receipt
                    .as_ref()
                    .map(|r| r.number.clone())
                    .unwrap_or_default(),
                stated(d, words),
            ];
            if goods {
                row.push(if d.returned_minor > 0 {
                    format!(
                        "{} ({})",
                        words.amount(&d.returned_value, &d.currency),
                        d.note.clone().unwrap_or_default()
                    )
                } else {
                    String::new()
                });
            }
            row
        })
        .collect();
    figures(c, &titles, &rows, words.rtl());

    // Totals per currency, never added across currencies: what was kept (less refunds) and,
    // where goods were given, the deductible part.
    heading(c, words.term(Term::Total));
    let mut totals: Vec<(String, i64, i64)> = Vec::new();
    for g in doc.gifts.iter().filter(|g| g.donation.method != "in_kind") {
        let d = &g.donation;
        let kept = d.amount_minor - d.refunded_minor;
        let deductible = (kept - d.returned_minor).max(0);
        match totals.iter_mut().find(|t| t.0 == d.currency) {
            Some(t) => {
                t.1 += kept;
                t.2 += deductible;
            }
            None => totals.push((d.currency.clone(), kept, deductible)),
        }
    }
    totals.sort();
    let mut titles = vec!["", words.term(Term::Amount)];
    if goods {
        titles.push(words.term(Term::Deductible));
    }
    let rows: Vec<Vec<String>> = totals
        .iter()
        .map(|(currency, kept, deductible)| {
            let mut row = vec![
                currency.clone(),
                words.amount(&money::format(*kept, currency), currency),
            ];
            if goods {
                row.push(words.amount(&money::format(*deductible, currency), currency));
            }
            row
        })
        .collect();
    figures(c, &titles, &rows, words.rtl());
    c.space(10.0);
    let exempt = doc.org.tax_status == "exempt";
    if !exempt {
        c.paragraph(words.term(Term::NotExempt), Style::body(10.0));
    } else if goods {
        c.paragraph(words.term(Term::GoodsListed), Style::body(10.0));
    } else {
        c.paragraph(words.term(Term::NoGoodsAll), Style::body(10.0));
    }
}
