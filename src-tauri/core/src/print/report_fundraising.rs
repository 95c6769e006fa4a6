//! The fundraising report for supporters: each fund's goal with its progress bar, raised,
//! spent and balance, then the money per currency and charts per month, method and event,
//! from ledger::overview_of (the Money screen's own query, for the whole of the books or a
//! period). No donor is named, and currencies are never added together: each has its rows.

use super::chart::{self, Bar};
use super::page::{Composer, Page, Size, Style};
use super::report_parts::{figures, heading};
use super::report_words::Term;
use super::shape::Fonts;
use super::words::Words;
use crate::ledger::{self, Group, Overview, Period};
use crate::{money, Result, Store};

#[derive(Debug, Clone)]
pub struct Fundraising {
    pub campaign: String,
    pub organization: String,
    pub period: Period,
    pub overview: Overview,
}

pub fn load(store: &Store, period: Period) -> Result<Fundraising> {
    let conn = store.conn();
    Ok(Fundraising {
        campaign: crate::campaign::current(store)?
            .map(|c| c.name)
            .unwrap_or_default(),
        organization: crate::organization::get(conn)?.name,
        overview: ledger::overview_of(conn, &period)?,
        period,
    })
}

/// A group's amount as a bar's length: its minor units (the same currency in one chart).
fn minor(g: &Group) -> i64 {
    money::parse_decimal(&g.raised, &g.currency).unwrap_or(0)
}

/// Months in order ("2024-07"), with the months between that had no gift put in at zero,
/// so the columns keep time's proportions.
fn every_month(months: Vec<Group>) -> Vec<Group> {
    let parse = |key: &str| -> Option<i32> {
        let (y, m) = key.split_once('-')?;
        Some(y.parse::<i32>().ok()? * 12 + m.parse::<i32>().ok()? - 1)
    };
    let (Some(first), Some(last)) = (
        months.first().and_then(|g| parse(&g.key)),
        months.last().and_then(|g| parse(&g.key)),
    ) else {
        return months;
    };
    if last < first || last - first > 240 {
        return months;
    }
    let currency = months[0].currency.clone();
    (first..=last)
        .map(|n| {
            let key = format!("{:04}-{:02}", n / 12, n % 12 + 1);
            months
                .iter()
                .find(|g| g.key == key)
                .cloned()
                .unwrap_or(Group {
                    key,
                    label: String::new(),
                    raised: money::format(0, &currency),
                    currency: currency.clone(),
                    count: 0,
                })
        })
        .collect()
}

/// One chart a currency: bars never compare amounts in different currencies.
fn per_currency(
    c: &mut Composer,
    groups: &[Group],
    words: &Words,
    label: impl Fn(&Group) -> String,
    over_time: bool,
) {
    let mut currencies: Vec<&str> = groups.iter().map(|g| g.currency.as_str()).collect();
    currencies.sort();
    currencies.dedup();
    for currency in currencies {
        let mine: Vec<Group> = groups
            .iter()
            .filter(|g| g.currency == currency)
            .cloned()
            .collect();
        let mine = if over_time { every_month(mine) } else { mine };
        let bars: Vec<Bar> = mine
            .iter()
            .map(|g| Bar {
                label: label(g),
                value: minor(g),
                shown: words.amount(&g.raised, &g.currency),
            })
            .collect();
        // The currency's name stays with its chart (columns take about 130 points).
        c.need(if over_time {
            130.0
        } else {
            40.0 + 14.0 * bars.len().min(6) as f32
        });
        c.paragraph(&words.line(currency), Style::bold(9.5));
        if over_time {
            chart::columns(c, &bars, 80.0);
        } else {
            chart::bars(c, &bars, words.rtl());
        }
        c.space(4.0);
    }
}

pub fn pages(fonts: &Fonts, r: &Fundraising, size: Size, words: Words) -> Vec<Page> {
    let mut c = Composer::new(fonts, size);
    let rtl = words.rtl();
    let o = &r.overview;
    for line in [&r.organization, &r.campaign] {
        if !line.is_empty() {
            c.paragraph(&words.line(line), Style::body(10.0));
        }
    }
    c.paragraph(words.term(Term::FundraisingReport), Style::bold(18.0));
    if !r.period.whole() {
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
    }
    c.space(4.0);
    c.paragraph(words.term(Term::NoDonorsNamed), Style::body(8.5));

    if !o.funds.is_empty() {
        heading(&mut c, words.term(Term::Funds));
    }
    for f in &o.funds {
        c.need(90.0);
        // The fund's own words keep to the page's side in a right-to-left report.
        c.paragraph(&words.line(&f.name), Style::bold(11.0));
        if !f.purpose.trim().is_empty() {
            c.paragraph(&words.line(&f.purpose), Style::body(9.0));
        }
        let money = |v: &str| words.amount(v, &f.currency);
        if let (Some(goal), Some(percent)) = (&f.goal, f.percent) {
            c.paragraph(
                &words.line(&format!(
                    "{} {} {} ({}%)",
                    money(&f.raised),
                    words.term(Term::Of),
                    money(goal),
                    words.figure(&percent.to_string())
                )),
                Style::body(9.5),
            );
            chart::progress(&mut c, percent, rtl);
        }
        let mut rows = vec![vec![
            f.currency.clone(),
            words.figure(&f.gifts.to_string()),
            money(&f.raised),
            money(&f.fees),
            money(&f.spent),
            money(&f.balance),
        ]];
        for s in &f.other_currencies {
            let m = |v: &str| words.amount(v, &s.currency);
            rows.push(vec![
                s.currency.clone(),
                words.figure(&s.gifts.to_string()),
                m(&s.raised),
                m(&s.fees),
                m(&s.spent),
                m(&s.balance),
            ]);
        }
        money_table(&mut c, &words, &rows);
        c.space(8.0);
    }
    if !o.unrestricted.is_empty() {
        c.need(60.0);
        c.paragraph(words.term(Term::Unrestricted), Style::bold(11.0));
        let rows: Vec<Vec<String>> = o
            .unrestricted
            .iter()
            .map(|s| {
                let m = |v: &str| words.amount(v, &s.currency);
                vec![
                    s.currency.clone(),
                    words.figure(&s.gifts.to_string()),
                    m(&s.raised),
                    m(&s.fees),
                    m(&s.spent),
                    m(&s.balance),
                ]
            })
            .collect();
        money_table(&mut c, &words, &rows);
    }

    heading(&mut c, words.term(Term::PerCurrency));
    let rows: Vec<Vec<String>> = o
        .currencies
        .iter()
        .map(|t| {
            let m = |v: &str| words.amount(v, &t.currency);
            vec![
                t.currency.clone(),
                words.figure(&t.gifts.to_string()),
                m(&t.raised),
                m(&t.fees),
                m(&t.spent),
                m(&t.balance),
            ]
        })
        .collect();
    money_table(&mut c, &words, &rows);

    if !o.months.is_empty() {
        heading(&mut c, words.term(Term::ByMonth));
        per_currency(&mut c, &o.months, &words, |g| words.month(&g.key), true);
    }
    if !o.by_method.is_empty() {
        heading(&mut c, words.term(Term::ByMethod));
        per_currency(
            &mut c,
            &o.by_method,
            &words,
            |g| words.kind_name(&g.key),
            false,
        );
    }
    if !o.by_event.is_empty() {
        heading(&mut c, words.term(Term::RaisedPerEvent));
        per_currency(&mut c, &o.by_event, &words, |g| g.label.clone(), false);
    }
    c.finish(|i, n| words.page_of(i, n))
}

fn money_table(c: &mut Composer, words: &Words, rows: &[Vec<String>]) {
    figures(
        c,
        &[
            "",
            words.term(Term::Gifts),
            words.term(Term::Raised),
            words.term(Term::Fees),
            words.term(Term::Spent),
            words.term(Term::Balance),
        ],
        rows,
        words.rtl(),
    );
}
