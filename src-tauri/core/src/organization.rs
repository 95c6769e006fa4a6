//! The organization behind the campaign, as receipts name it (name, address, tax status and
//! the rules it follows, its wording), its home currency, and the exchange rates the treasurer
//! typed for estimates. One row each, with ids derived from the campaign's (or the currency),
//! so laptops that both save them meet on the same rows.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::id::Id;
use crate::messages::Message;
use crate::money;
use crate::sync::Tx;
use crate::text;

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default)]
pub struct Organization {
    pub name: String,
    pub address: String,
    /// exempt or not_exempt
    pub tax_status: String,
    /// us_501c3 or other
    pub tax_rules: String,
    pub tax_id: String,
    pub receipt_wording: String,
    pub home_currency: String,
    pub receipt_prefix: String,
}

/// The settings as the window shows them, with what it may not change.
#[derive(Debug, Clone, Serialize)]
pub struct Settings {
    pub organization: Organization,
    /// Receipts were issued: the numbering is fixed.
    pub receipts_exist: bool,
    /// This laptop gives receipt numbers (or no laptop has yet).
    pub numbers_here: bool,
    pub numbering_laptop: Option<String>,
    pub rates: Vec<ExchangeRate>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ExchangeRate {
    pub currency: String,
    /// What one unit is worth in the home currency, as typed ("1.0825").
    pub rate: String,
    pub set_at: String,
}

fn row_id(conn: &Connection) -> Result<Id> {
    let campaign: Id = conn
        .query_row("SELECT id FROM campaign", [], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::NotFound(Message::new("campaign_not_saved")))?;
    Ok(Id::derived(campaign, "organization"))
}

pub fn get(conn: &Connection) -> Result<Organization> {
    Ok(conn
        .query_row(
            "SELECT name, address, tax_status, tax_rules, tax_id, receipt_wording,
                    coalesce(home_currency, ''), receipt_prefix
               FROM organization LIMIT 1",
            [],
            |r| {
                Ok(Organization {
                    name: r.get(0)?,
                    address: r.get(1)?,
                    tax_status: r.get(2)?,
                    tax_rules: r.get(3)?,
                    tax_id: r.get(4)?,
                    receipt_wording: r.get(5)?,
                    home_currency: r.get(6)?,
                    receipt_prefix: r.get(7)?,
                })
            },
        )
        .optional()?
        .unwrap_or(Organization {
            tax_status: "not_exempt".into(),
            tax_rules: "other".into(),
            ..Organization::default()
        }))
}

pub fn home_currency(conn: &Connection) -> Result<Option<String>> {
    Ok(Some(get(conn)?.home_currency).filter(|c| !c.is_empty()))
}

pub fn settings(conn: &Connection) -> Result<Settings> {
    let laptop: Option<Id> = conn
        .query_row(
            "SELECT receipts_laptop FROM organization LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    let here = crate::sync::record::this_laptop(conn)?;
    let numbering_laptop = match laptop {
        Some(l) => conn
            .query_row("SELECT name FROM laptops WHERE id = ?1", [l], |r| r.get(0))
            .optional()?,
        None => None,
    };
    Ok(Settings {
        organization: get(conn)?,
        receipts_exist: receipts_exist(conn)?,
        numbers_here: laptop.is_none_or(|l| l == here),
        numbering_laptop,
        rates: rates(conn)?,
    })
}

pub(crate) fn receipts_exist(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM receipts)", [], |r| r.get(0))?)
}

/// Saves the organization's details. The receipt prefix is fixed once receipts exist.
pub fn save(w: &Tx<'_>, o: &Organization) -> Result<()> {
    let tax_status = match o.tax_status.trim() {
        "exempt" => "exempt",
        "" | "not_exempt" => "not_exempt",
        other => {
            return Err(Error::Invalid(
                Message::new("bad_tax_status").with("value", other),
            ))
        }
    };
    let tax_rules = match o.tax_rules.trim() {
        "us_501c3" => "us_501c3",
        "" | "other" => "other",
        other => {
            return Err(Error::Invalid(
                Message::new("bad_tax_rules").with("value", other),
            ))
        }
    };
    let home = match o.home_currency.trim() {
        "" => None,
        c => Some(money::currency_code(c)?),
    };
    let prefix = text::line("receipt_prefix", &o.receipt_prefix, 20)?;
    let current = get(w)?;
    if prefix != current.receipt_prefix && receipts_exist(w)? {
        return Err(Error::Conflict(Message::new("receipt_prefix_fixed")));
    }
    let id = row_id(w)?;
    w.execute(
        "INSERT INTO organization (id, name, address, tax_status, tax_rules, tax_id,
                                   receipt_wording, home_currency, receipt_prefix, created_at,
                                   updated_at, written_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?11)
         ON CONFLICT (id) DO UPDATE SET name = ?2, address = ?3, tax_status = ?4, tax_rules = ?5,
                tax_id = ?6, receipt_wording = ?7, home_currency = ?8, receipt_prefix = ?9,
                updated_at = ?10, written_by = ?11",
        params![
            id,
            text::line("org_name", &o.name, 200)?,
            text::paragraphs("org_address", &o.address, 1000)?,
            tax_status,
            tax_rules,
            text::line("tax_id", &o.tax_id, 50)?,
            text::paragraphs("receipt_wording", &o.receipt_wording, 5000)?,
            home,
            prefix,
            w.stamp(),
            w.laptop(),
        ],
    )?;
    Ok(())
}

/// Makes this laptop the one that numbers receipts, if none does yet; refuses if another does.
pub(crate) fn claim_numbering(w: &Tx<'_>) -> Result<()> {
    let id = row_id(w)?;
    let laptop: Option<Option<Id>> = w
        .query_row(
            "SELECT receipts_laptop FROM organization WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()?;
    match laptop {
        Some(Some(l)) if l == w.laptop() => Ok(()),
        Some(Some(l)) => {
            let name: String = w
                .query_row("SELECT name FROM laptops WHERE id = ?1", [l], |r| r.get(0))
                .optional()?
                .unwrap_or_else(|| l.short());
            Err(Error::Conflict(
                Message::new("receipts_elsewhere").with("laptop", name),
            ))
        }
        Some(None) => {
            w.execute(
                "UPDATE organization SET receipts_laptop = ?2, updated_at = ?3, written_by = ?2 WHERE id = ?1",
                params![id, w.laptop(), w.stamp()],
            )?;
            Ok(())
        }
        None => {
            save(w, &get(w)?)?;
            claim_numbering(w)
        }
    }
}

pub fn rates(conn: &Connection) -> Result<Vec<ExchangeRate>> {
    let mut stmt =
        conn.prepare("SELECT currency, rate, updated_at FROM exchange_rates ORDER BY currency")?;
    let rows = stmt.query_map([], |r| {
        Ok(ExchangeRate {
            currency: r.get(0)?,
            rate: r.get(1)?,
            set_at: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Sets what one unit of `currency` is worth in the home currency; a blank or zero rate
/// removes it.
pub fn set_rate(w: &Tx<'_>, currency: &str, rate: &str, mark: money::DecimalMark) -> Result<()> {
    let currency = money::currency_code(currency)?;
    let home = home_currency(w)?.ok_or_else(|| Error::invalid("home_currency_needed"))?;
    if currency == home {
        return Err(Error::invalid("rate_of_home"));
    }
    let campaign_row = row_id(w)?;
    let id = Id::derived(campaign_row, &format!("rate {currency}"));
    let typed = rate.trim();
    if typed.is_empty() || typed.trim_start_matches(['0', '.', ',']).is_empty() {
        w.execute("DELETE FROM exchange_rates WHERE id = ?1", [id])?;
        return Ok(());
    }
    let rate = money::Rate::parse_typed(typed, mark)?.text();
    w.execute(
        "INSERT INTO exchange_rates (id, currency, rate, created_at, updated_at, written_by)
         VALUES (?1, ?2, ?3, ?4, ?4, ?5)
         ON CONFLICT (id) DO UPDATE SET rate = ?3, updated_at = ?4, written_by = ?5",
        params![id, currency, rate, w.stamp(), w.laptop()],
    )?;
    Ok(())
}
