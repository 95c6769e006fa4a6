//! Funds (money raised for a purpose, with a goal) and the donations that arrive.

use chrono::NaiveDate;
use rusqlite::params;

use crate::error::{Error, Result};
use crate::id::Id;
use crate::messages::Message;
use crate::money;
use crate::sync::Tx;
use crate::text;

pub struct NewFund<'a> {
    pub name: &'a str,
    pub purpose: &'a str,
    pub goal_minor: Option<i64>,
    pub currency: &'a str,
}

pub fn insert_fund(w: &Tx<'_>, fund: &NewFund<'_>) -> Result<Id> {
    if fund.goal_minor.is_some_and(|g| g <= 0) {
        return Err(Error::invalid("goal_not_positive"));
    }
    let id = Id::new();
    w.execute(
        "INSERT INTO funds (id, name, purpose, goal_minor, currency, created_at, updated_at, written_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)",
        params![
            id,
            text::required_line("fund_name", fund.name, 200)?,
            text::paragraphs("purpose", fund.purpose, 5000)?,
            fund.goal_minor,
            money::currency_code(fund.currency)?,
            w.stamp(),
            w.laptop(),
        ],
    )?;
    Ok(id)
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

pub struct NewDonation<'a> {
    pub person_id: Option<Id>,
    pub fund_id: Option<Id>,
    pub event_id: Option<Id>,
    pub amount_minor: i64,
    pub currency: &'a str,
    pub fee_minor: i64,
    pub method: Method,
    pub received_on: NaiveDate,
    pub reference: Option<&'a str>,
    pub note: Option<&'a str>,
}

pub fn insert_donation(w: &Tx<'_>, d: &NewDonation<'_>) -> Result<Id> {
    if d.amount_minor <= 0 {
        return Err(Error::invalid("amount_not_positive"));
    }
    if !(0..=d.amount_minor).contains(&d.fee_minor) {
        return Err(Error::invalid("fee_out_of_range"));
    }
    let id = Id::new();
    w.execute(
        "INSERT INTO donations (id, person_id, fund_id, event_id, amount_minor, currency, fee_minor,
                                method, received_on, reference, note, created_at, updated_at,
                                written_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, ?13)",
        params![
            id,
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
            w.stamp(),
            w.laptop(),
        ],
    )?;
    Ok(id)
}

/// Corrects the amount and note of a donation. (The money issue adds the audit trail and
/// voiding; a donation is never removed.)
pub fn correct_donation(w: &Tx<'_>, id: Id, amount_minor: i64, note: Option<&str>) -> Result<()> {
    if amount_minor <= 0 {
        return Err(Error::invalid("amount_not_positive"));
    }
    let n = w.execute(
        "UPDATE donations SET amount_minor = ?2, fee_minor = min(fee_minor, ?2), note = ?3,
                updated_at = ?4, written_by = ?5
          WHERE id = ?1",
        params![
            id,
            amount_minor,
            text::optional_line("note", note, 1000)?,
            w.stamp(),
            w.laptop()
        ],
    )?;
    if n == 0 {
        return Err(Error::NotFound(Message::new("donation_not_found")));
    }
    Ok(())
}
