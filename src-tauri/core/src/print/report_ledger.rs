//! The treasurer's ledger for the accountant: a period's gifts and expenses, one section a
//! fund (unrestricted money last), in date order with the fund's running balance per currency
//! after each entry (ledger::page's, the same as the ledger CSV's fund_balance), voided
//! entries shown and marked, never counted.

use super::page::{Composer, Page, Size, Style};
use super::report_parts::heading;
use super::report_words::Term;
use super::shape::Fonts;
use super::table::{Column, Table};
use super::words::Words;
use crate::ledger::{self, Entry, Filter, Period};
use crate::{Result, Store};

#[derive(Debug, Clone)]
pub struct LedgerReport {
    pub organization: String,
    pub period: Period,
    /// (the fund's name, none for unrestricted money; its entries in date order)
    pub funds: Vec<(Option<String>, Vec<Entry>)>,
}

pub fn load(store: &Store, period: Period) -> Result<LedgerReport> {
    let conn = store.conn();
    let _read = conn.unchecked_transaction()?;
    let filter = Filter {
        from: period.from.clone(),
        to: period.to.clone(),
        voided: true,
        ..Filter::default()
    };
    let mut funds: Vec<(Option<String>, Vec<Entry>)> = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let page = ledger::page(conn, &filter, after.as_deref(), 1000)?;
        for e in page.entries {
            let name = e.fund.as_ref().map(|f| f.name.clone());
            match funds.iter_mut().find(|(n, _)| *n == name) {
                Some((_, list)) => list.push(e),
                None => funds.push((name, vec![e])),
            }
        }
        after = page.next;
        if after.is_none() {
            break;
        }
    }
    // Funds by name, unrestricted money last.
    funds.sort_by(|a, b| (a.0.is_none(), &a.0).cmp(&(b.0.is_none(), &b.0)));
    Ok(LedgerReport {
        organization: crate::organization::get(conn)?.name,
        period,
        funds,
    })
}

pub fn pages(fonts: &Fonts, r: &LedgerReport, size: Size, words: Words) -> Vec<Page> {
    let mut c = Composer::new(fonts, size);
    if !r.organization.is_empty() {
        c.paragraph(&words.line(&r.organization), Style::body(10.0));
    }
    c.paragraph(words.term(Term::Ledger), Style::bold(18.0));
    let day = |d: &Option<String>| d.as_deref().map(|d| words.day(d)).unwrap_or_default();
    c.paragraph(
        &format!(
            "{}: {} – {}",
            words.term(Term::Period),
            day(&r.period.from),
            day(&r.period.to)
        ),
        Style::body(10.5),
    );
    if r.funds.is_empty() {
        c.space(8.0);
        c.paragraph(words.term(Term::NoEntries), Style::body(10.5));
    }
    let table = Table {
        columns: vec![
            Column::text(words.term(Term::Date), 1.3),
            Column::text(words.term(Term::Party), 2.6),
            Column::text(words.term(Term::Method), 1.2),
            Column::figures(words.term(Term::Effect), 1.5),
            Column::figures(words.term(Term::FundBalance), 1.6),
        ],
        rtl: words.rtl(),
        min_row: 0.0,
        grid: false,
        size: 8.5,
    };
    for (fund, entries) in &r.funds {
        heading(
            &mut c,
            &words.line(fund.as_deref().unwrap_or(words.term(Term::Unrestricted))),
        );
        let rows: Vec<Vec<String>> = entries.iter().map(|e| row(e, &words)).collect();
        table.draw(&mut c, &rows);
    }
    c.finish(|i, n| words.page_of(i, n))
}

fn row(e: &Entry, words: &Words) -> Vec<String> {
    let kind = if e.kind == "expense" {
        words.term(Term::Expense)
    } else {
        words.term(Term::Gift)
    };
    let party = if e.party.trim().is_empty() {
        words.term(Term::Anonymous).to_owned()
    } else {
        e.party.clone()
    };
    let mut what = format!("{kind}: {party}");
    if !e.reference.is_empty() {
        what.push_str(&format!(" #{}", e.reference));
    }
    if e.voided {
        what = format!("{} — {what}", words.term(Term::Void));
        if !e.void_reason.is_empty() {
            what.push_str(&format!("\n{}", e.void_reason));
        }
    }
    let effect = if e.voided {
        format!("({})", words.amount(&e.amount, &e.currency))
    } else {
        // "+24.10": the figure keeps its sign, grouped as the language writes it.
        let (sign, figure) = match e.signed.strip_prefix('+') {
            Some(rest) => ("+", rest),
            None => ("", e.signed.as_str()),
        };
        format!("{sign}{}", words.amount(figure, &e.currency))
    };
    vec![
        words.day(&e.date),
        what,
        words.kind_name(&e.method),
        effect,
        e.balance
            .as_deref()
            .map(|b| words.amount(b, &e.currency))
            .unwrap_or_default(),
    ]
}
