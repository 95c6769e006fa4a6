//! Expenses: money paid out, from a fund or from unrestricted money. Like gifts they are voided
//! with a reason, never deleted, and every change is in the audit trail.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::donations::Named;
use crate::error::{Error, Result};
use crate::id::Id;
use crate::messages::Message;
use crate::money::{self, DecimalMark};
use crate::money_audit::{self, AuditEntry, Snapshot};
use crate::sync::Tx;
use crate::text;

const METHODS: &[&str] = &["cash", "check", "card", "transfer", "online", "other"];

/// An expense as its form (or `expense add`) sends it.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ExpenseInput {
    pub fund: Option<Id>,
    pub event: Option<Id>,
    pub amount: String,
    pub currency: String,
    pub decimal_mark: DecimalMark,
    pub paid_on: String,
    pub payee: String,
    pub category: String,
    pub method: String,
    pub reference: String,
    pub note: String,
    pub entered_by: String,
}

pub fn record(w: &Tx<'_>, e: &ExpenseInput) -> Result<Id> {
    let currency = money::currency_code(&e.currency)?;
    let amount = money::parse_typed("amount", &e.amount, &currency, e.decimal_mark, false)?;
    let method = match e.method.trim().to_lowercase().as_str() {
        "" => "other".to_owned(),
        "cheque" => "check".to_owned(),
        "bank_transfer" | "bank transfer" => "transfer".to_owned(),
        m if METHODS.contains(&m) => m.to_owned(),
        _ => {
            return Err(Error::Invalid(
                Message::new("bad_method").with("value", e.method.trim()),
            ))
        }
    };
    if let Some(fund) = e.fund {
        crate::funds::ensure_exists(w, fund)?;
    }
    if let Some(event) = e.event {
        crate::events::get_in(w, event)?;
    }
    let entered_by = money_audit::who(w, &e.entered_by)?;
    let id = Id::new();
    w.execute(
        "INSERT INTO expenses (id, fund_id, event_id, amount_minor, currency, paid_on, payee,
                               category, method, reference, note, entered_by, created_at,
                               updated_at, written_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13, ?14)",
        params![
            id,
            e.fund,
            e.event,
            amount,
            currency,
            text::date("paid_on", &e.paid_on)?.to_string(),
            text::required_line("payee", &e.payee, 200)?,
            text::line("category", &e.category, 100)?,
            method,
            text::optional_line("reference", Some(&e.reference), 100)?,
            text::optional_line("note", Some(&e.note), 1000)?,
            entered_by,
            w.stamp(),
            w.laptop(),
        ],
    )?;
    money_audit::record(
        w,
        "expenses",
        id,
        "created",
        &entered_by,
        "",
        &Snapshot::new(),
        &snapshot(w, id)?,
    )?;
    Ok(id)
}

/// Voids an expense entered by mistake: it stays listed and counts nowhere.
pub fn void(w: &Tx<'_>, id: Id, reason: &str, who: &str) -> Result<()> {
    let reason = money_audit::reason(reason)?;
    let who = money_audit::who(w, who)?;
    let e = get(w, id)?;
    if e.voided_at.is_some() {
        return Err(Error::Conflict(Message::new("already_voided")));
    }
    let before = snapshot(w, id)?;
    w.execute(
        "UPDATE expenses SET voided_at = ?2, void_reason = ?3, updated_at = ?2, written_by = ?4
          WHERE id = ?1",
        params![id, w.stamp(), reason, w.laptop()],
    )?;
    money_audit::record(
        w,
        "expenses",
        id,
        "voided",
        &who,
        &reason,
        &before,
        &snapshot(w, id)?,
    )
}

#[derive(Debug, Clone, Serialize)]
pub struct Expense {
    pub id: Id,
    pub fund: Option<Named>,
    pub event: Option<Named>,
    pub amount: String,
    pub currency: String,
    pub paid_on: String,
    pub payee: String,
    pub category: String,
    pub method: String,
    pub reference: Option<String>,
    pub note: Option<String>,
    pub entered_by: String,
    pub created_at: String,
    pub voided_at: Option<String>,
    pub void_reason: String,
}

pub fn get(conn: &Connection, id: Id) -> Result<Expense> {
    conn.query_row(
        "SELECT x.id, x.fund_id, f.name, x.event_id, e.title, x.amount_minor, x.currency, x.paid_on,
                x.payee, x.category, x.method, x.reference, x.note, x.entered_by, x.created_at,
                x.voided_at, x.void_reason
           FROM expenses x
           LEFT JOIN funds f ON f.id = x.fund_id
           LEFT JOIN events e ON e.id = x.event_id
          WHERE x.id = ?1",
        [id],
        |r| {
            let currency: String = r.get(6)?;
            Ok(Expense {
                id: r.get(0)?,
                fund: Named::of(r.get(1)?, r.get(2)?),
                event: Named::of(r.get(3)?, r.get(4)?),
                amount: money::format(r.get(5)?, &currency),
                paid_on: r.get(7)?,
                payee: r.get(8)?,
                category: r.get(9)?,
                method: r.get(10)?,
                reference: r.get(11)?,
                note: r.get(12)?,
                entered_by: r.get(13)?,
                created_at: r.get(14)?,
                voided_at: r.get(15)?,
                void_reason: r.get(16)?,
                currency,
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(Message::new("expense_not_found")))
}

fn snapshot(conn: &Connection, id: Id) -> Result<Snapshot> {
    let e = get(conn, id)?;
    let mut s = Snapshot::new();
    for (k, v) in [
        ("amount", e.amount),
        ("currency", e.currency),
        ("paid_on", e.paid_on),
        ("payee", e.payee),
        ("category", e.category),
        ("method", e.method),
        ("fund", e.fund.map(|f| f.name).unwrap_or_default()),
        ("event", e.event.map(|f| f.name).unwrap_or_default()),
        ("reference", e.reference.unwrap_or_default()),
        ("note", e.note.unwrap_or_default()),
        ("void_reason", e.void_reason),
    ] {
        if !v.is_empty() {
            s.insert(k, v);
        }
    }
    Ok(s)
}

/// An expense with its trail, for its page.
#[derive(Debug, Clone, Serialize)]
pub struct ExpensePage {
    pub expense: Expense,
    pub audit: Vec<AuditEntry>,
}

pub fn page(conn: &Connection, id: Id) -> Result<ExpensePage> {
    Ok(ExpensePage {
        expense: get(conn, id)?,
        audit: money_audit::trail(conn, id)?,
    })
}
