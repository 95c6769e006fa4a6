//! The books: the ledger of gifts and expenses in date order with each fund's running balance,
//! and the totals a treasurer looks at (per currency, fund, month, method and event). Currencies
//! are never added together; an estimate in the home currency, from rates the treasurer typed,
//! is always marked as one.

use std::collections::HashMap;

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::donations::Named;
use crate::error::{Error, Result};
use crate::funds::{self, FundSummary, Sums};
use crate::id::Id;
use crate::messages::Message;
use crate::money;

/// Which entries the ledger shows. Every value is bound as a parameter.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Filter {
    pub from: Option<String>,
    pub to: Option<String>,
    /// A fund's id, or "none" for unrestricted money.
    pub fund: Option<String>,
    pub method: Option<String>,
    pub event: Option<Id>,
    pub currency: Option<String>,
    /// Show voided entries too (they never count).
    pub voided: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Entry {
    /// donation or expense
    pub kind: &'static str,
    pub id: Id,
    pub date: String,
    pub amount: String,
    pub currency: String,
    /// What the entry does to the fund's balance: "+24.10" (a gift less its fee and refunds),
    /// "-120.00".
    pub signed: String,
    pub fee: String,
    pub fund: Option<Named>,
    pub method: String,
    pub event: Option<Named>,
    /// The donor ("" for anonymous without a name), or the payee.
    pub party: String,
    pub anonymous: bool,
    pub reference: String,
    pub transaction_id: String,
    pub category: String,
    /// gift or sale, for a donation.
    pub gift_kind: String,
    pub voided: bool,
    pub void_reason: String,
    pub refunded: String,
    /// The fund's running balance in this currency after the entry; none for a voided one.
    pub balance: Option<String>,
    pub entered_by: String,
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Page {
    pub entries: Vec<Entry>,
    /// Give it back as `after` for the next page.
    pub next: Option<String>,
}

/// The WHERE of one table's branch, with `d` the donation's or expense's alias. Its values are
/// added to `values`, numbered after those already there, so two branches can share them.
fn conditions(f: &Filter, date: &str, expense: bool, values: &mut Vec<Value>) -> Result<String> {
    let mut sql: Vec<String> = Vec::new();
    let mut bind = |sql: &mut Vec<String>, clause: &str, v: Value| {
        values.push(v);
        sql.push(clause.replace('?', &format!("?{}", values.len())));
    };
    if !f.voided {
        sql.push("d.voided_at IS NULL".into());
    }
    if let Some(from) = f.from.as_deref().filter(|s| !s.trim().is_empty()) {
        let from = crate::text::date("from", from)?;
        bind(
            &mut sql,
            &format!("d.{date} >= ?"),
            Value::Text(from.to_string()),
        );
    }
    if let Some(to) = f.to.as_deref().filter(|s| !s.trim().is_empty()) {
        let to = crate::text::date("to", to)?;
        bind(
            &mut sql,
            &format!("d.{date} <= ?"),
            Value::Text(to.to_string()),
        );
    }
    match f.fund.as_deref().map(str::trim) {
        None | Some("") => {}
        Some("none") => sql.push("d.fund_id IS NULL".into()),
        Some(fund) => {
            let id: Id = fund
                .parse()
                .map_err(|_| Error::NotFound(Message::new("fund_not_found")))?;
            bind(
                &mut sql,
                "d.fund_id = ?",
                Value::Blob(id.as_bytes().to_vec()),
            );
        }
    }
    if let Some(method) = f.method.as_deref().filter(|s| !s.trim().is_empty()) {
        let method = crate::donations::Method::parse(method)?;
        if expense && method == crate::donations::Method::InKind {
            sql.push("0".into());
        } else {
            bind(
                &mut sql,
                "d.method = ?",
                Value::Text(method.as_str().into()),
            );
        }
    }
    if let Some(event) = f.event {
        bind(
            &mut sql,
            "d.event_id = ?",
            Value::Blob(event.as_bytes().to_vec()),
        );
    }
    if let Some(currency) = f.currency.as_deref().filter(|s| !s.trim().is_empty()) {
        bind(
            &mut sql,
            "d.currency = ?",
            Value::Text(money::currency_code(currency)?),
        );
    }
    let sql = if sql.is_empty() {
        "1".to_owned()
    } else {
        sql.join(" AND ")
    };
    Ok(sql)
}

/// A cursor: the last entry's date and id.
fn cursor(after: Option<&str>) -> Result<Option<(String, Id)>> {
    let Some(after) = after.filter(|a| !a.is_empty()) else {
        return Ok(None);
    };
    let bad = || {
        Error::Invalid(
            Message::new("bad_date")
                .with("field", "from")
                .with("value", after),
        )
    };
    let (date, id) = after.split_once('|').ok_or_else(bad)?;
    Ok(Some((date.to_owned(), id.parse().map_err(|_| bad())?)))
}

/// One page of the ledger, oldest first (a ledger reads down), `limit` entries (at most 500)
/// after the cursor `after`.
pub fn page(conn: &Connection, f: &Filter, after: Option<&str>, limit: usize) -> Result<Page> {
    let limit = limit.clamp(1, 500);
    let after = cursor(after)?;
    let mut entries = Vec::new();
    for (table, date, expense) in [
        ("donations", "received_on", false),
        ("expenses", "paid_on", true),
    ] {
        let mut values = Vec::new();
        let mut sql = conditions(f, date, expense, &mut values)?;
        if let Some((d, id)) = &after {
            values.push(Value::Text(d.clone()));
            values.push(Value::Blob(id.as_bytes().to_vec()));
            sql.push_str(&format!(
                " AND (d.{date}, d.id) > (?{}, ?{})",
                values.len() - 1,
                values.len()
            ));
        }
        values.push(Value::Integer(limit as i64 + 1));
        let select = if expense {
            "SELECT d.id, d.paid_on, d.amount_minor, d.currency, 0, d.fund_id, f.name, d.method,
                    d.event_id, e.title, d.payee, 0, coalesce(d.reference, ''), '', d.category, '',
                    d.voided_at IS NOT NULL, d.void_reason, 0, d.entered_by, coalesce(d.note, '')"
        } else {
            "SELECT d.id, d.received_on, d.amount_minor, d.currency, d.fee_minor, d.fund_id, f.name,
                    d.method, d.event_id, e.title,
                    coalesce(trim(p.given_name || ' ' || p.family_name), d.donor_name),
                    d.person_id IS NULL, coalesce(d.reference, ''), coalesce(d.transaction_id, ''),
                    '', d.kind, d.voided_at IS NOT NULL, d.void_reason, d.refunded_minor,
                    d.entered_by, coalesce(d.note, '')"
        };
        let people = if expense {
            ""
        } else {
            "LEFT JOIN people p ON p.id = d.person_id"
        };
        let sql = format!(
            "{select} FROM {table} d INDEXED BY {table}_by_date
               LEFT JOIN funds f ON f.id = d.fund_id
               LEFT JOIN events e ON e.id = d.event_id {people}
              WHERE {sql} ORDER BY d.{date}, d.id LIMIT ?{}",
            values.len()
        );
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(values), |r| {
            let currency: String = r.get(3)?;
            let amount: i64 = r.get(2)?;
            let fee: i64 = r.get(4)?;
            let refunded: i64 = r.get(18)?;
            let effect = if expense {
                -amount
            } else {
                amount - fee - refunded
            };
            Ok(Entry {
                kind: if expense { "expense" } else { "donation" },
                id: r.get(0)?,
                date: r.get(1)?,
                amount: money::format(amount, &currency),
                signed: signed(effect, &currency),
                fee: money::format(fee, &currency),
                fund: Named::of(r.get(5)?, r.get(6)?),
                method: r.get(7)?,
                event: Named::of(r.get(8)?, r.get(9)?),
                party: r.get(10)?,
                anonymous: r.get(11)?,
                reference: r.get(12)?,
                transaction_id: r.get(13)?,
                category: r.get(14)?,
                gift_kind: r.get(15)?,
                voided: r.get(16)?,
                void_reason: r.get(17)?,
                refunded: money::format(refunded, &currency),
                balance: None,
                entered_by: r.get(19)?,
                note: r.get(20)?,
                currency,
            })
        })?;
        for row in rows {
            entries.push(row?);
        }
    }
    entries.sort_by(|a, b| (&a.date, a.id).cmp(&(&b.date, b.id)));
    let more = entries.len() > limit;
    entries.truncate(limit);
    balances(conn, &mut entries)?;
    let next = if more {
        entries.last().map(|e| format!("{}|{}", e.date, e.id))
    } else {
        None
    };
    Ok(Page { entries, next })
}

/// A fund with its gifts and expenses, newest first: its last 1,000 entries, voided included.
#[derive(Debug, Clone, Serialize)]
pub struct FundPage {
    pub fund: FundSummary,
    pub donations: Vec<Entry>,
    pub expenses: Vec<Entry>,
}

pub fn fund_page(conn: &Connection, id: Id) -> Result<FundPage> {
    let fund = funds::summary(conn, id)?;
    let filter = Filter {
        fund: Some(id.to_string()),
        voided: true,
        ..Filter::default()
    };
    // Read forward from the 1,000th newest, so that the balances are the ledger's.
    let mut entries = Vec::new();
    let mut after = start_of_last(conn, &filter, 1000)?;
    loop {
        let page = page(conn, &filter, after.as_deref(), 500)?;
        entries.extend(page.entries);
        after = page.next;
        if after.is_none() {
            break;
        }
    }
    entries.reverse();
    let (expenses, donations) = entries.into_iter().partition(|e| e.kind == "expense");
    Ok(FundPage {
        fund,
        donations,
        expenses,
    })
}

/// The cursor to read the last `n` entries of one fund (voided included) from: the entry just
/// before them, or none when the fund has no more than `n`.
fn start_of_last(conn: &Connection, f: &Filter, n: i64) -> Result<Option<String>> {
    let mut values = Vec::new();
    let d = conditions(f, "received_on", false, &mut values)?;
    let x = conditions(f, "paid_on", true, &mut values)?;
    values.push(Value::Integer(n));
    let sql = format!(
        "SELECT date, id FROM (
             SELECT d.received_on AS date, d.id FROM donations d WHERE {d}
             UNION ALL
             SELECT d.paid_on, d.id FROM expenses d WHERE {x})
          ORDER BY date DESC, id DESC LIMIT 1 OFFSET ?{}",
        values.len()
    );
    let found: Option<(String, Id)> = conn
        .query_row(&sql, rusqlite::params_from_iter(values), |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    Ok(found.map(|(date, id)| format!("{date}|{id}")))
}

fn signed(minor: i64, currency: &str) -> String {
    let text = money::format(minor, currency);
    if minor >= 0 {
        format!("+{text}")
    } else {
        text
    }
}

/// Each entry's fund balance after it: the sum of every earlier entry of its fund and currency
/// (whatever the filter), then the fund's entries across the page in order.
fn balances(conn: &Connection, entries: &mut [Entry]) -> Result<()> {
    let (Some(first), Some(last)) = (entries.first(), entries.last()) else {
        return Ok(());
    };
    let (first, last) = ((first.date.clone(), first.id), (last.date.clone(), last.id));
    let mut groups: Vec<(Option<Id>, String)> = entries
        .iter()
        .filter(|e| !e.voided)
        .map(|e| (e.fund.as_ref().map(|f| f.id), e.currency.clone()))
        .collect();
    groups.sort();
    groups.dedup();
    let mut after: HashMap<Id, i64> = HashMap::new();
    for (fund, currency) in groups {
        let fund_value = fund.map(|f| f.as_bytes().to_vec());
        // The months before the page's first from the kept sums; that month's earlier
        // entries one by one.
        let month = first.0.get(..7).unwrap_or_default().to_owned();
        let mut balance: i64 = conn.query_row(
            "SELECT (SELECT coalesce(sum(raised - fees - spent), 0) FROM money_sums
                      WHERE fund_id IS ?1 AND currency = ?2 AND month < ?5)
                  + (SELECT coalesce(sum(amount_minor - refunded_minor - fee_minor), 0)
                       FROM donations INDEXED BY donations_by_fund
                      WHERE fund_id IS ?1 AND currency = ?2 AND voided_at IS NULL
                        AND received_on >= ?5 AND (received_on, id) < (?3, ?4))
                  - (SELECT coalesce(sum(amount_minor), 0) FROM expenses INDEXED BY expenses_by_fund
                      WHERE fund_id IS ?1 AND currency = ?2 AND voided_at IS NULL
                        AND paid_on >= ?5 AND (paid_on, id) < (?3, ?4))",
            rusqlite::params![fund_value, currency, first.0, first.1, month],
            |r| r.get(0),
        )?;
        let mut stmt = conn.prepare_cached(
            "SELECT id, received_on, amount_minor - refunded_minor - fee_minor
               FROM donations INDEXED BY donations_by_fund
              WHERE fund_id IS ?1 AND currency = ?2 AND voided_at IS NULL
                AND (received_on, id) >= (?3, ?4) AND (received_on, id) <= (?5, ?6)
             UNION ALL
             SELECT id, paid_on, -amount_minor FROM expenses INDEXED BY expenses_by_fund
              WHERE fund_id IS ?1 AND currency = ?2 AND voided_at IS NULL
                AND (paid_on, id) >= (?3, ?4) AND (paid_on, id) <= (?5, ?6)
             ORDER BY 2, 1",
        )?;
        let rows = stmt.query_map(
            rusqlite::params![fund_value, currency, first.0, first.1, last.0, last.1],
            |r| Ok((r.get::<_, Id>(0)?, r.get::<_, i64>(2)?)),
        )?;
        for row in rows {
            let (id, effect) = row?;
            balance = money::add(balance, effect)?;
            after.insert(id, balance);
        }
    }
    for e in entries.iter_mut().filter(|e| !e.voided) {
        e.balance = after.get(&e.id).map(|b| money::format(*b, &e.currency));
    }
    Ok(())
}

/// Money in one currency, all funds.
#[derive(Debug, Clone, Serialize)]
pub struct CurrencyTotals {
    pub currency: String,
    pub raised: String,
    pub fees: String,
    pub refunded: String,
    pub spent: String,
    pub balance: String,
    pub gifts: i64,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Group {
    /// The month ("2026-03"), the method, or the event's id.
    pub key: String,
    /// The event's title, for events.
    pub label: String,
    pub currency: String,
    pub raised: String,
    pub count: i64,
}

/// A sum in the home currency from the treasurer's rates: an estimate, never a total.
#[derive(Debug, Clone, Serialize)]
pub struct Estimate {
    pub currency: String,
    pub raised: String,
    pub balance: String,
    /// Currencies with money but no rate: left out of the estimate.
    pub missing_rates: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Overview {
    pub home_currency: Option<String>,
    pub currencies: Vec<CurrencyTotals>,
    pub estimate: Option<Estimate>,
    pub funds: Vec<FundSummary>,
    /// Money not given to a fund, per currency.
    pub unrestricted: Vec<Sums>,
    pub months: Vec<Group>,
    pub by_method: Vec<Group>,
    pub by_event: Vec<Group>,
}

/// Money per currency, every fund's progress and the unrestricted money: what `stats` and the
/// Money screen both show, from one read of the kept sums.
pub struct Totals {
    pub currencies: Vec<CurrencyTotals>,
    pub funds: Vec<FundSummary>,
    pub unrestricted: Vec<Sums>,
    /// (currency, raised, balance) in minor units, for the estimate.
    minor: Vec<(String, i64, i64)>,
}

pub fn totals(conn: &Connection) -> Result<Totals> {
    totals_in(conn, &Period::default())
}

/// The money of a period's gifts and expenses, in the kept sums' columns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Period {
    /// First and last day, YYYY-MM-DD, both included; none for the whole of the books.
    pub from: Option<String>,
    pub to: Option<String>,
}

impl Period {
    /// Checked dates ("2024-01-01"), the first not after the last.
    pub fn new(from: Option<&str>, to: Option<&str>) -> Result<Period> {
        let day = |field: &'static str, v: Option<&str>| -> Result<Option<String>> {
            let Some(v) = v.map(str::trim).filter(|v| !v.is_empty()) else {
                return Ok(None);
            };
            chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d")
                .map(|d| Some(d.format("%Y-%m-%d").to_string()))
                .map_err(|_| {
                    Error::Invalid(
                        Message::new("bad_date")
                            .with("field", field)
                            .with("value", v),
                    )
                })
        };
        let (from, to) = (day("from", from)?, day("to", to)?);
        if let (Some(f), Some(t)) = (&from, &to) {
            if f > t {
                return Err(Error::Invalid(Message::new("period_backwards")));
            }
        }
        Ok(Period { from, to })
    }

    pub fn whole(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }

    /// What the totals read from: the kept sums for the whole of the books, else the same
    /// columns added up from the period's gifts and expenses (its days bound as ?1 and ?2).
    pub(crate) fn source(&self) -> &'static str {
        if self.whole() {
            return "money_sums";
        }
        "(SELECT fund_id, currency, substr(received_on, 1, 7) AS month, method, event_id,
                 amount_minor - refunded_minor AS raised, fee_minor AS fees,
                 refunded_minor AS refunded, 1 AS gifts, 0 AS spent, 0 AS expenses
            FROM donations
           WHERE voided_at IS NULL AND received_on >= coalesce(?1, '')
             AND received_on <= coalesce(?2, '9999')
          UNION ALL
          SELECT fund_id, currency, substr(paid_on, 1, 7), method, event_id, 0, 0, 0, 0,
                 amount_minor, 1
            FROM expenses
           WHERE voided_at IS NULL AND paid_on >= coalesce(?1, '') AND paid_on <= coalesce(?2, '9999'))"
    }

    pub(crate) fn params(&self) -> rusqlite::ParamsFromIter<Vec<Value>> {
        let v = |d: &Option<String>| d.clone().map_or(Value::Null, Value::Text);
        rusqlite::params_from_iter(if self.whole() {
            Vec::new()
        } else {
            vec![v(&self.from), v(&self.to)]
        })
    }
}

/// Money per currency and fund for a period.
pub fn totals_in(conn: &Connection, period: &Period) -> Result<Totals> {
    let sums = funds::sums_in(conn, period)?;
    let mut t = Totals {
        currencies: Vec::new(),
        funds: funds::summaries_of(conn, &sums)?,
        unrestricted: Vec::new(),
        minor: Vec::new(),
    };
    let mut currencies: Vec<&String> = sums.iter().map(|s| &s.currency).collect();
    currencies.sort();
    currencies.dedup();
    for currency in currencies {
        let (mut raised, mut fees, mut spent, mut refunded, mut gifts) =
            (0i64, 0i64, 0i64, 0i64, 0i64);
        for s in sums.iter().filter(|s| &s.currency == currency) {
            raised = money::add(raised, s.raised)?;
            fees = money::add(fees, s.fees)?;
            spent = money::add(spent, s.spent)?;
            refunded = money::add(refunded, s.refunded)?;
            gifts += s.gifts;
            if s.fund.is_none() {
                t.unrestricted.push(funds::sums_of(
                    &s.currency,
                    s.raised,
                    s.fees,
                    s.spent,
                    s.gifts,
                )?);
            }
        }
        let balance = money::sub(money::sub(raised, fees)?, spent)?;
        let f = |m| money::format(m, currency);
        t.currencies.push(CurrencyTotals {
            currency: currency.clone(),
            raised: f(raised),
            fees: f(fees),
            refunded: f(refunded),
            spent: f(spent),
            balance: f(balance),
            gifts,
        });
        t.minor.push((currency.clone(), raised, balance));
    }
    Ok(t)
}

/// Everything the Money screen's totals and charts show, read in one transaction.
pub fn overview(conn: &Connection) -> Result<Overview> {
    overview_of(conn, &Period::default())
}

/// The same for a period's gifts and expenses: what the fundraising report prints.
pub fn overview_of(conn: &Connection, period: &Period) -> Result<Overview> {
    let _read = conn.unchecked_transaction()?;
    let t = totals_in(conn, period)?;
    let home = crate::organization::home_currency(conn)?;
    let estimate = match &home {
        Some(home) => Some(estimate(conn, home, &t.minor)?),
        None => None,
    };
    let source = period.source();
    Ok(Overview {
        home_currency: home,
        currencies: t.currencies,
        estimate,
        funds: t.funds,
        unrestricted: t.unrestricted,
        months: months_in(conn, period)?,
        by_method: groups(
            conn,
            &format!(
                "SELECT method, '', currency, sum(raised), sum(gifts) FROM {source}
                  GROUP BY method, currency HAVING sum(gifts) > 0 ORDER BY sum(gifts) DESC"
            ),
            period,
        )?,
        by_event: groups(
            conn,
            &format!(
                "SELECT s.event_id, e.title, s.currency, sum(s.raised), sum(s.gifts)
                   FROM {source} s JOIN events e ON e.id = s.event_id
                  GROUP BY s.event_id, s.currency HAVING sum(s.gifts) > 0
                  ORDER BY min(e.starts_at) DESC"
            ),
            period,
        )?,
    })
}

/// Gifts per month and currency, oldest first.
pub fn months(conn: &Connection) -> Result<Vec<Group>> {
    months_in(conn, &Period::default())
}

fn months_in(conn: &Connection, period: &Period) -> Result<Vec<Group>> {
    groups(
        conn,
        &format!(
            "SELECT month, '', currency, sum(raised), sum(gifts) FROM {}
              GROUP BY month, currency HAVING sum(gifts) > 0 ORDER BY month, currency",
            period.source()
        ),
        period,
    )
}

fn groups(conn: &Connection, sql: &str, period: &Period) -> Result<Vec<Group>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map(period.params(), |r| {
        let currency: String = r.get(2)?;
        // A month or a method is text; an event is its id, as the window names ids.
        let key = match r.get::<_, Value>(0)? {
            Value::Blob(_) => r.get::<_, Id>(0)?.to_string(),
            _ => r.get(0)?,
        };
        Ok(Group {
            key,
            label: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
            raised: money::format(r.get(3)?, &currency),
            count: r.get(4)?,
            currency,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn estimate(conn: &Connection, home: &str, minor: &[(String, i64, i64)]) -> Result<Estimate> {
    let rates = crate::organization::rates(conn)?;
    let (mut raised, mut balance) = (0i64, 0i64);
    let mut missing = Vec::new();
    for (currency, r, b) in minor {
        if currency == home {
            raised = money::add(raised, *r)?;
            balance = money::add(balance, *b)?;
            continue;
        }
        let Some(rate) = rates.iter().find(|x| &x.currency == currency) else {
            missing.push(currency.clone());
            continue;
        };
        let rate = money::Rate::parse(&rate.rate)?;
        let convert = |m: i64| {
            rate.convert(m, currency, home)
                .ok_or_else(|| Error::invalid("amount_too_large"))
        };
        raised = money::add(raised, convert(*r)?)?;
        balance = money::add(balance, convert(*b)?)?;
    }
    Ok(Estimate {
        currency: home.to_owned(),
        raised: money::format(raised, home),
        balance: money::format(balance, home),
        missing_rates: missing,
    })
}
