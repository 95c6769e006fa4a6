//! Funds: money raised for a purpose, with a goal, a currency and a deadline (the sample's
//! newspaper ad: $14,000). A fund's progress is what it raised against its goal; its balance is
//! what it raised less fees, refunds and what was spent from it.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::id::Id;
use crate::messages::Message;
use crate::money::{self, DecimalMark};
use crate::money_audit::{self, Snapshot};
use crate::sync::Tx;
use crate::text;

/// A fund with checked values, as the sample and `fund add` write it.
pub struct NewFund<'a> {
    pub name: &'a str,
    pub slug: Option<&'a str>,
    pub purpose: &'a str,
    pub goal_minor: Option<i64>,
    pub currency: &'a str,
    pub deadline: Option<NaiveDate>,
}

/// A fund as its form sends it.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct FundInput {
    pub name: String,
    pub slug: String,
    pub purpose: String,
    pub goal: String,
    pub currency: String,
    pub deadline: String,
    pub decimal_mark: DecimalMark,
}

struct Checked {
    name: String,
    slug: String,
    purpose: String,
    goal: Option<i64>,
    currency: String,
    deadline: Option<String>,
}

fn check(conn: &Connection, id: Option<Id>, f: &NewFund<'_>) -> Result<Checked> {
    if f.goal_minor.is_some_and(|g| g <= 0) {
        return Err(Error::invalid("goal_not_positive"));
    }
    let name = text::required_line("fund_name", f.name, 200)?;
    let slug = match f.slug.map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => text::slug(s)?,
        None => text::slug_from(&name),
    };
    let taken = all(conn)?
        .into_iter()
        .any(|(other, other_slug)| Some(other) != id && other_slug == slug);
    if taken {
        return Err(Error::Conflict(
            Message::new("fund_slug_taken").with("value", &slug),
        ));
    }
    Ok(Checked {
        name,
        slug,
        purpose: text::paragraphs("purpose", f.purpose, 5000)?,
        goal: f.goal_minor,
        currency: money::currency_code(f.currency)?,
        deadline: f.deadline.map(|d| d.to_string()),
    })
}

/// Every fund's id and short name (a fund saved before short names existed gets one from its
/// name, as the CLI finds it).
fn all(conn: &Connection) -> Result<Vec<(Id, String)>> {
    let mut stmt = conn.prepare("SELECT id, slug, name FROM funds ORDER BY created_at, id")?;
    let rows = stmt.query_map([], |r| {
        let slug: Option<String> = r.get(1)?;
        let name: String = r.get(2)?;
        Ok((r.get(0)?, slug.unwrap_or_else(|| text::slug_from(&name))))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn insert_fund(w: &Tx<'_>, fund: &NewFund<'_>) -> Result<Id> {
    let c = check(w, None, fund)?;
    let id = Id::new();
    w.execute(
        "INSERT INTO funds (id, name, purpose, goal_minor, currency, created_at, updated_at,
                            written_by, slug, deadline)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7, ?8, ?9)",
        params![
            id,
            c.name,
            c.purpose,
            c.goal,
            c.currency,
            w.stamp(),
            w.laptop(),
            c.slug,
            c.deadline
        ],
    )?;
    let who = money_audit::who(w, "")?;
    money_audit::record(
        w,
        "funds",
        id,
        "created",
        &who,
        "",
        &Snapshot::new(),
        &snapshot(w, id)?,
    )?;
    Ok(id)
}

fn from_input(input: &FundInput) -> Result<(String, Option<i64>, Option<NaiveDate>)> {
    let currency = money::currency_code(&input.currency)?;
    let goal = match input.goal.trim() {
        "" => None,
        typed => Some(money::parse_typed(
            "goal",
            typed,
            &currency,
            input.decimal_mark,
            false,
        )?),
    };
    let deadline = match input.deadline.trim() {
        "" => None,
        typed => Some(text::date("deadline", typed)?),
    };
    Ok((currency, goal, deadline))
}

/// Adds a fund (`id` none) or saves an edited one; edits are kept in the audit trail.
pub fn save(w: &Tx<'_>, id: Option<Id>, input: &FundInput, who: &str) -> Result<Id> {
    let (currency, goal_minor, deadline) = from_input(input)?;
    let fund = NewFund {
        name: &input.name,
        slug: Some(&input.slug),
        purpose: &input.purpose,
        goal_minor,
        currency: &currency,
        deadline,
    };
    let Some(id) = id else {
        return insert_fund(w, &fund);
    };
    let before = snapshot(w, id)?;
    let c = check(w, Some(id), &fund)?;
    w.execute(
        "UPDATE funds SET name = ?2, purpose = ?3, goal_minor = ?4, currency = ?5, slug = ?6,
                deadline = ?7, updated_at = ?8, written_by = ?9
          WHERE id = ?1",
        params![
            id,
            c.name,
            c.purpose,
            c.goal,
            c.currency,
            c.slug,
            c.deadline,
            w.stamp(),
            w.laptop()
        ],
    )?;
    let who = money_audit::who(w, who)?;
    money_audit::record(
        w,
        "funds",
        id,
        "corrected",
        &who,
        "",
        &before,
        &snapshot(w, id)?,
    )?;
    Ok(id)
}

pub(crate) fn ensure_exists(conn: &Connection, id: Id) -> Result<()> {
    let found: Option<i64> = conn
        .query_row("SELECT 1 FROM funds WHERE id = ?1", [id], |r| r.get(0))
        .optional()?;
    found.map(drop).ok_or_else(not_found)
}

fn not_found() -> Error {
    Error::NotFound(Message::new("fund_not_found"))
}

/// The fund with this short name (or id as text).
pub fn find(conn: &Connection, given: &str) -> Result<Id> {
    let given = given.trim();
    all(conn)?
        .into_iter()
        .find(|(id, slug)| slug == given || id.to_string() == given)
        .map(|(id, _)| id)
        .ok_or_else(not_found)
}

fn snapshot(conn: &Connection, id: Id) -> Result<Snapshot> {
    let form = input(conn, id)?;
    let mut s = Snapshot::new();
    for (k, v) in [
        ("name", form.name),
        ("slug", form.slug),
        ("purpose", form.purpose),
        ("goal", form.goal),
        ("currency", form.currency),
        ("deadline", form.deadline),
    ] {
        if !v.is_empty() {
            s.insert(k, v);
        }
    }
    Ok(s)
}

/// The fund as its edit form holds it.
pub fn input(conn: &Connection, id: Id) -> Result<FundInput> {
    conn.query_row(
        "SELECT name, slug, purpose, goal_minor, currency, coalesce(deadline, '') FROM funds WHERE id = ?1",
        [id],
        |r| {
            let name: String = r.get(0)?;
            let slug: Option<String> = r.get(1)?;
            let currency: String = r.get(4)?;
            let goal: Option<i64> = r.get(3)?;
            Ok(FundInput {
                slug: slug.unwrap_or_else(|| text::slug_from(&name)),
                name,
                purpose: r.get(2)?,
                goal: goal.map(|g| money::format(g, &currency)).unwrap_or_default(),
                deadline: r.get(5)?,
                currency,
                decimal_mark: DecimalMark::Point,
            })
        },
    )
    .optional()?
    .ok_or_else(not_found)
}

/// Money of one fund in one currency.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Sums {
    pub currency: String,
    /// Gifts and sales received, less refunds.
    pub raised: String,
    pub fees: String,
    pub spent: String,
    /// Raised less fees and spending.
    pub balance: String,
    pub gifts: i64,
}

/// A fund with its progress, for the Money screen, its page and `stats`.
#[derive(Debug, Clone, Serialize)]
pub struct FundSummary {
    pub id: Id,
    pub slug: String,
    pub name: String,
    pub purpose: String,
    pub currency: String,
    pub goal: Option<String>,
    pub deadline: Option<String>,
    /// In the fund's own currency.
    pub raised: String,
    pub fees: String,
    pub spent: String,
    pub balance: String,
    pub gifts: i64,
    /// Whole percent of the goal raised (may pass 100).
    pub percent: Option<i64>,
    /// Money of the fund in other currencies: never added to the fund's own.
    pub other_currencies: Vec<Sums>,
}

/// One fund's money in one currency, in minor units. A fund of `None` is unrestricted money.
pub(crate) struct RawSums {
    pub fund: Option<Id>,
    pub currency: String,
    pub raised: i64,
    pub fees: i64,
    pub gifts: i64,
    pub spent: i64,
    pub refunded: i64,
}

/// Every fund's sums per currency, read from `money_sums`, which triggers keep (migration 009).
pub(crate) fn sums(conn: &Connection) -> Result<Vec<RawSums>> {
    sums_in(conn, &crate::ledger::Period::default())
}

/// The same for the gifts and expenses of a period (all of them for the whole period).
pub(crate) fn sums_in(conn: &Connection, period: &crate::ledger::Period) -> Result<Vec<RawSums>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT fund_id, currency, sum(raised), sum(fees), sum(gifts), sum(spent), sum(refunded)
           FROM {} GROUP BY fund_id, currency HAVING sum(gifts) + sum(expenses) > 0",
        period.source()
    ))?;
    let rows = stmt.query_map(period.params(), |r| {
        Ok(RawSums {
            fund: r.get(0)?,
            currency: r.get(1)?,
            raised: r.get(2)?,
            fees: r.get(3)?,
            gifts: r.get(4)?,
            spent: r.get(5)?,
            refunded: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn sums_of(
    currency: &str,
    raised: i64,
    fees: i64,
    spent: i64,
    gifts: i64,
) -> Result<Sums> {
    let balance = money::sub(money::sub(raised, fees)?, spent)?;
    Ok(Sums {
        currency: currency.to_owned(),
        raised: money::format(raised, currency),
        fees: money::format(fees, currency),
        spent: money::format(spent, currency),
        balance: money::format(balance, currency),
        gifts,
    })
}

/// Every fund with its progress, oldest first.
pub fn summaries(conn: &Connection) -> Result<Vec<FundSummary>> {
    summaries_of(conn, &sums(conn)?)
}

/// Every fund with its progress, from sums already read.
pub(crate) fn summaries_of(conn: &Connection, sums: &[RawSums]) -> Result<Vec<FundSummary>> {
    let mut stmt = conn.prepare(
        "SELECT id, slug, name, purpose, currency, goal_minor, deadline FROM funds
          ORDER BY created_at, id",
    )?;
    let funds = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, Id>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<i64>>(5)?,
                r.get::<_, Option<String>>(6)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    funds
        .into_iter()
        .map(|(id, slug, name, purpose, currency, goal, deadline)| {
            let mut own = sums_of(&currency, 0, 0, 0, 0)?;
            let mut raised_own = 0;
            let mut other_currencies = Vec::new();
            for s in sums.iter().filter(|s| s.fund == Some(id)) {
                let shown = sums_of(&s.currency, s.raised, s.fees, s.spent, s.gifts)?;
                if s.currency == currency {
                    raised_own = s.raised;
                    own = shown;
                } else {
                    other_currencies.push(shown);
                }
            }
            Ok(FundSummary {
                id,
                slug: slug.unwrap_or_else(|| text::slug_from(&name)),
                name,
                purpose,
                goal: goal.map(|g| money::format(g, &currency)),
                deadline,
                raised: own.raised,
                fees: own.fees,
                spent: own.spent,
                balance: own.balance,
                gifts: own.gifts,
                percent: goal.map(|g| (i128::from(raised_own) * 100 / i128::from(g)) as i64),
                other_currencies,
                currency,
            })
        })
        .collect()
}

pub fn summary(conn: &Connection, id: Id) -> Result<FundSummary> {
    summaries(conn)?
        .into_iter()
        .find(|f| f.id == id)
        .ok_or_else(not_found)
}
