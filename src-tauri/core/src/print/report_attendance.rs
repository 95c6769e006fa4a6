//! An event's attendance: answers by status (rsvps::counts, what the event page shows), who
//! came, walk-ins and no-shows, the signatures gathered there, the money taken there per
//! currency (the Money screen's per-event sums), and each cash box's standing count.

use super::chart::{self, Bar};
use super::flyer::wall_clock;
use super::page::{Composer, Page, Size, Style};
use super::report_parts::{figures, heading};
use super::report_words::Term;
use super::shape::Fonts;
use super::words::Words;
use crate::cash_box::{self, CashBox};
use crate::ledger::{self, Group};
use crate::rsvps::{self, Counts};
use crate::{events, Id, Result, Store};

#[derive(Debug, Clone)]
pub struct Attendance {
    pub event: events::Event,
    pub counts: Counts,
    pub signatures: i64,
    /// Gifts and sales at the event, one group a currency.
    pub money: Vec<Group>,
    /// Standing counts (a corrected count shows its correction).
    pub cash_boxes: Vec<CashBox>,
}

pub fn load(store: &Store, event: Id) -> Result<Attendance> {
    let conn = store.conn();
    // Each count is its own read: overview opens its own transaction.
    let read = conn;
    let event = events::get(store, event)?;
    let counts = rsvps::counts(store, event.id)?;
    let signatures = read.query_row(
        "SELECT count(*) FROM signatures WHERE event_id = ?1",
        [event.id],
        |r| r.get(0),
    )?;
    let id = event.id.to_string();
    let money = ledger::overview(read)?
        .by_event
        .into_iter()
        .filter(|g| g.key == id)
        .collect();
    let cash_boxes = cash_box::for_event(read, event.id)?
        .into_iter()
        .filter(|b| b.corrected_by.is_none())
        .collect();
    Ok(Attendance {
        event,
        counts,
        signatures,
        money,
        cash_boxes,
    })
}

pub fn pages(fonts: &Fonts, a: &Attendance, size: Size, words: Words) -> Vec<Page> {
    let mut c = Composer::new(fonts, size);
    let rtl = words.rtl();
    let n = |v: i64| words.figure(&v.to_string());
    c.paragraph(words.term(Term::AttendanceReport), Style::bold(18.0));
    c.paragraph(&words.line(&a.event.title), Style::bold(13.0));
    if let Some(start) = wall_clock(&a.event.local_starts) {
        c.paragraph(
            &words.when(start, wall_clock(&a.event.local_ends)),
            Style::body(10.0),
        );
    }
    let place: Vec<&str> = [&a.event.venue, &a.event.city]
        .into_iter()
        .filter_map(|v| v.as_deref())
        .filter(|v| !v.trim().is_empty())
        .collect();
    if !place.is_empty() {
        c.paragraph(&words.line(&place.join(", ")), Style::body(10.0));
    }

    let k = &a.counts;
    heading(&mut c, words.term(Term::Answers));
    let statuses = [
        ("accepted", k.accepted),
        ("tentative", k.tentative),
        ("declined", k.declined),
        ("needs_action", k.needs_action),
        ("waitlisted", k.waitlisted),
        ("cancelled", k.cancelled),
    ];
    let bars: Vec<Bar> = statuses
        .iter()
        .map(|(key, v)| Bar {
            label: words.kind_name(key),
            value: *v,
            shown: n(*v),
        })
        .collect();
    chart::bars(&mut c, &bars, rtl);
    c.space(6.0);
    let mut rows = vec![vec![words.term(Term::Places).to_owned(), n(k.places)]];
    if let Some(cap) = k.capacity {
        rows[0][1] = format!("{} {} {}", n(k.places), words.term(Term::Of), n(cap));
    }
    rows.extend([
        vec![words.term(Term::CheckedIn).to_owned(), n(k.checked_in)],
        vec![words.term(Term::Arrived).to_owned(), n(k.arrived)],
        vec![words.term(Term::WalkIns).to_owned(), n(k.walk_ins)],
        vec![words.term(Term::NoShows).to_owned(), n(k.no_shows)],
        vec![
            words.term(Term::SignaturesGathered).to_owned(),
            n(a.signatures),
        ],
    ]);
    figures(&mut c, &["", ""], &rows, rtl);

    heading(&mut c, words.term(Term::MoneyTaken));
    if a.money.is_empty() {
        c.paragraph("—", Style::body(10.0));
    } else {
        let rows: Vec<Vec<String>> = a
            .money
            .iter()
            .map(|g| {
                vec![
                    g.currency.clone(),
                    n(g.count),
                    words.amount(&g.raised, &g.currency),
                ]
            })
            .collect();
        figures(
            &mut c,
            &["", words.term(Term::Gifts), words.term(Term::Raised)],
            &rows,
            rtl,
        );
    }

    for b in &a.cash_boxes {
        heading(
            &mut c,
            &format!("{} ({})", words.term(Term::CashBox), b.currency),
        );
        let money = |v: &str| words.amount(v, &b.currency);
        let mut rows = vec![
            vec![words.term(Term::Float).to_owned(), money(&b.float)],
            vec![words.term(Term::CashGifts).to_owned(), money(&b.cash_gifts)],
            vec![words.term(Term::Sales).to_owned(), money(&b.cash_sales)],
            vec![words.term(Term::Expected).to_owned(), money(&b.expected)],
        ];
        match (&b.counted, &b.difference) {
            (Some(counted), Some(diff)) => {
                rows.push(vec![words.term(Term::Counted).to_owned(), money(counted)]);
                rows.push(vec![words.term(Term::Difference).to_owned(), money(diff)]);
            }
            _ => rows.push(vec![
                words.term(Term::Counted).to_owned(),
                words.term(Term::NotCounted).to_owned(),
            ]),
        }
        figures(&mut c, &["", ""], &rows, rtl);
        let by: Vec<&str> = [b.counted_by.as_str(), b.second_counter.as_str()]
            .into_iter()
            .filter(|s| !s.trim().is_empty())
            .collect();
        if !by.is_empty() {
            c.paragraph(
                &format!("{}: {}", words.term(Term::CountedBy), by.join(", ")),
                Style::body(9.0),
            );
        }
        if !b.note.trim().is_empty() {
            c.paragraph(&b.note, Style::body(9.0));
        }
    }
    c.finish(|i, n| words.page_of(i, n))
}
