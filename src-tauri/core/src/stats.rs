//! Counts for the Dashboard and `campaign-desk stats`: always read from the database, never kept.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::clock;
use crate::error::Result;
use crate::id::Id;
use crate::store::Store;

#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    /// The campaign's name; `None` while the database is new.
    pub campaign: Option<String>,
    pub people: i64,
    pub appeals: Vec<AppealStats>,
    pub events: i64,
    /// Events that have not ended yet, and those whose date is still to be announced.
    pub upcoming_events: i64,
    /// Events per status: draft, announced, cancelled, tba (every status, zeros included).
    pub events_by_status: BTreeMap<String, i64>,
    pub rsvps: i64,
    /// Answers per status: accepted (going), tentative, declined, needs_action, waitlisted,
    /// cancelled (every status, zeros included).
    pub rsvps_by_status: BTreeMap<String, i64>,
    pub donations: DonationStats,
    pub funds: Vec<FundProgress>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AppealStats {
    pub id: Id,
    /// The appeal's short name, as `sign --appeal` takes it.
    pub slug: String,
    pub title: String,
    pub signers: i64,
    pub countries: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct DonationStats {
    pub count: i64,
    /// One entry a currency, largest count first; amounts as decimal strings.
    pub totals: Vec<CurrencyTotal>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CurrencyTotal {
    pub currency: String,
    /// Gifts and sales that count (voided ones do not).
    pub count: i64,
    /// What was received, less refunds (the same as `raised`).
    pub total: String,
    pub raised: String,
    pub fees: String,
    pub spent: String,
    /// Raised less fees and spending.
    pub balance: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct FundProgress {
    pub slug: String,
    pub name: String,
    pub currency: String,
    pub goal: Option<String>,
    /// Gifts to the fund in the fund's own currency (other currencies are not converted).
    pub raised: String,
    pub fees: String,
    pub spent: String,
    /// Raised less fees and spending, in the fund's currency.
    pub balance: String,
    /// Whole percent of the goal reached, when there is a goal.
    pub percent: Option<i64>,
}

/// Counts taken ahead of time, with a mark of the database as they were counted: the window
/// counts the Dashboard's while WebKit starts, on another core, and shows them only if nothing
/// was written since (`still_true`).
#[derive(Debug)]
pub struct Counted {
    stats: Stats,
    mark: (i64, u64),
}

impl Counted {
    pub fn now(store: &Store) -> Result<Counted> {
        let mark = mark(store)?;
        Ok(Counted {
            stats: collect(store)?,
            mark,
        })
    }

    /// The counts, if the database is as it was: no other connection (a CLI command, another
    /// window) committed since (`PRAGMA data_version`) and this one changed no row.
    pub fn still_true(self, store: &Store) -> Result<Option<Stats>> {
        Ok((mark(store)? == self.mark).then_some(self.stats))
    }
}

fn mark(store: &Store) -> Result<(i64, u64)> {
    let conn = store.conn();
    let version = conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
    Ok((version, conn.total_changes()))
}

pub fn collect(store: &Store) -> Result<Stats> {
    // One read transaction: every count comes from the same moment, even while the window and a
    // CLI command write to the file. (campaign::current below uses the same connection, so it
    // reads inside it too.)
    let conn = store.conn().unchecked_transaction()?;
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0));

    let mut stmt = conn.prepare(
        "SELECT a.id, coalesce(a.slug, ''), a.title, count(s.id), count(DISTINCT p.country)
           FROM appeals a
           LEFT JOIN signatures s ON s.appeal_id = a.id
           LEFT JOIN people p ON p.id = s.person_id
          GROUP BY a.id ORDER BY a.created_at, a.id",
    )?;
    let appeals = stmt
        .query_map([], |r| {
            Ok(AppealStats {
                id: r.get(0)?,
                slug: r.get(1)?,
                title: r.get(2)?,
                signers: r.get(3)?,
                countries: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;

    let money = crate::ledger::totals(&conn)?;
    let mut totals: Vec<CurrencyTotal> = money
        .currencies
        .into_iter()
        .map(|c| CurrencyTotal {
            count: c.gifts,
            total: c.raised.clone(),
            raised: c.raised,
            fees: c.fees,
            spent: c.spent,
            balance: c.balance,
            currency: c.currency,
        })
        .collect();
    totals.sort_by(|a, b| b.count.cmp(&a.count).then(a.currency.cmp(&b.currency)));
    let funds = money
        .funds
        .into_iter()
        .map(|f| FundProgress {
            slug: f.slug,
            name: f.name,
            currency: f.currency,
            goal: f.goal,
            raised: f.raised,
            fees: f.fees,
            spent: f.spent,
            balance: f.balance,
            percent: f.percent,
        })
        .collect();

    let upcoming_events = conn.query_row(
        "SELECT count(*) FROM events
          WHERE starts_at IS NULL OR coalesce(ends_at, starts_at) >= ?1",
        [clock::now()],
        |r| r.get(0),
    )?;

    let by_status = |table: &str, statuses: &[&str]| -> Result<BTreeMap<String, i64>> {
        let mut counted: BTreeMap<String, i64> =
            statuses.iter().map(|s| ((*s).to_owned(), 0)).collect();
        let mut stmt = conn.prepare(&format!(
            "SELECT status, count(*) FROM {table} GROUP BY status"
        ))?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
            let (status, n) = row?;
            counted.insert(status, n);
        }
        Ok(counted)
    };
    let events_by_status = by_status("events", &["draft", "announced", "cancelled", "tba"])?;
    let rsvps_by_status = by_status(
        "rsvps",
        &crate::rsvps::Status::ALL.map(crate::rsvps::Status::as_str),
    )?;

    Ok(Stats {
        events_by_status,
        rsvps_by_status,
        campaign: crate::campaign::current(store)?.map(|c| c.name),
        people: count("SELECT count(*) FROM people")?,
        appeals,
        events: count("SELECT count(*) FROM events")?,
        upcoming_events,
        rsvps: count("SELECT count(*) FROM rsvps")?,
        donations: DonationStats {
            count: count("SELECT count(*) FROM donations WHERE voided_at IS NULL")?,
            totals,
        },
        funds,
    })
}
