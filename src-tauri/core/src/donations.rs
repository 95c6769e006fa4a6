//! Funds (money raised for a purpose, with a goal) and the donations that arrive.

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use crate::clock;
use crate::error::{Error, Result};
use crate::money;
use crate::text;

pub(crate) struct NewFund<'a> {
    pub name: &'a str,
    pub purpose: &'a str,
    pub goal_minor: Option<i64>,
    pub currency: &'a str,
}

pub(crate) fn insert_fund(conn: &Connection, fund: &NewFund<'_>) -> Result<i64> {
    if fund.goal_minor.is_some_and(|g| g <= 0) {
        return Err(Error::invalid("goal_not_positive"));
    }
    let now = clock::now();
    conn.execute(
        "INSERT INTO funds (uuid, name, purpose, goal_minor, currency, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![
            clock::new_uuid(),
            text::required_line("fund_name", fund.name, 200)?,
            text::paragraphs("purpose", fund.purpose, 5000)?,
            fund.goal_minor,
            money::currency_code(fund.currency)?,
            now,
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// How the money came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Cash,
    Check,
    Online,
    Transfer,
    Other,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Cash => "cash",
            Method::Check => "check",
            Method::Online => "online",
            Method::Transfer => "transfer",
            Method::Other => "other",
        }
    }
}

pub(crate) struct NewDonation<'a> {
    pub person_id: Option<i64>,
    pub fund_id: Option<i64>,
    pub event_id: Option<i64>,
    pub amount_minor: i64,
    pub currency: &'a str,
    pub fee_minor: i64,
    pub method: Method,
    pub received_on: NaiveDate,
    pub reference: Option<&'a str>,
    pub note: Option<&'a str>,
}

pub(crate) fn insert_donation(conn: &Connection, d: &NewDonation<'_>) -> Result<i64> {
    if d.amount_minor <= 0 {
        return Err(Error::invalid("amount_not_positive"));
    }
    if !(0..=d.amount_minor).contains(&d.fee_minor) {
        return Err(Error::invalid("fee_out_of_range"));
    }
    let now = clock::now();
    conn.execute(
        "INSERT INTO donations (uuid, person_id, fund_id, event_id, amount_minor, currency, fee_minor,
                                method, received_on, reference, note, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
        params![
            clock::new_uuid(),
            d.person_id,
            d.fund_id,
            d.event_id,
            d.amount_minor,
            money::currency_code(d.currency)?,
            d.fee_minor,
            d.method.as_str(),
            d.received_on.to_string(),
            text::optional_line("reference", d.reference, 100)?,
            text::optional_line("note", d.note, 1000)?,
            now,
        ],
    )?;
    Ok(conn.last_insert_rowid())
}
