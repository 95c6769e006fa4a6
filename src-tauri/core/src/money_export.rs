//! The ledger and the donations as CSV that a spreadsheet and an accountant read without
//! surprise: UTF-8 with a byte-order mark, CRLF, ISO dates, amounts as plain decimal numbers
//! (a point, no grouping, a minus sign for money out) beside a currency column, and no cell
//! that a spreadsheet would run as a formula (csv_export::neutralize).

use std::io::Write;
use std::path::Path;

use rusqlite::Connection;

use crate::csv_export::{neutralize, save_privately, spreadsheet_writer, Exported, Failure};
use crate::error::Result;
use crate::ledger::{self, Filter};
use crate::money;

pub const LEDGER_COLUMNS: &[&str] = &[
    "date",
    "type",
    "party",
    "fund",
    "event",
    "method",
    "reference",
    "transaction_id",
    "category",
    "currency",
    "amount",
    "fee",
    "refunded",
    "net",
    "fund_balance",
    "status",
    "void_reason",
    "note",
    "entered_by",
    "id",
];

pub const DONATION_COLUMNS: &[&str] = &[
    "id",
    "received_on",
    "given_name",
    "family_name",
    "email",
    "donor_name",
    "kind",
    "currency",
    "amount",
    "fee",
    "refunded",
    "net",
    "returned_value",
    "deductible",
    "method",
    "reference",
    "transaction_id",
    "in_kind",
    "fund",
    "event",
    "source_code",
    "recurring",
    "status",
    "void_reason",
    "receipt",
    "note",
    "entered_by",
];

/// A cell as written: a plain decimal number ("-120.00") stays a number, since a spreadsheet
/// reads it as one and never as a formula; any other text is neutralized.
fn safe(value: &str) -> std::borrow::Cow<'_, str> {
    let digits = value.strip_prefix('-').unwrap_or(value);
    let number = !digits.is_empty()
        && digits.split('.').count() <= 2
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && !digits.starts_with('.')
        && !digits.ends_with('.');
    if number {
        value.into()
    } else {
        neutralize(value)
    }
}

fn write_ledger(conn: &Connection, filter: &Filter, out: impl Write) -> Result<u64, Failure> {
    let mut csv = spreadsheet_writer(out)?;
    csv.write_record(LEDGER_COLUMNS)?;
    let mut after: Option<String> = None;
    let mut n = 0;
    loop {
        let page = ledger::page(conn, filter, after.as_deref(), 500)?;
        for e in &page.entries {
            let kind = if e.kind == "expense" {
                "expense"
            } else {
                e.gift_kind.as_str()
            };
            let amount = if e.kind == "expense" {
                format!("-{}", e.amount)
            } else {
                e.amount.clone()
            };
            let net = e.signed.trim_start_matches('+').to_owned();
            let record = [
                e.date.clone(),
                kind.to_owned(),
                e.party.clone(),
                e.fund.as_ref().map(|f| f.name.clone()).unwrap_or_default(),
                e.event.as_ref().map(|f| f.name.clone()).unwrap_or_default(),
                e.method.clone(),
                e.reference.clone(),
                e.transaction_id.clone(),
                e.category.clone(),
                e.currency.clone(),
                amount,
                e.fee.clone(),
                e.refunded.clone(),
                net,
                e.balance.clone().unwrap_or_default(),
                if e.voided {
                    "voided".into()
                } else {
                    "ok".into()
                },
                e.void_reason.clone(),
                e.note.clone(),
                e.entered_by.clone(),
                e.id.to_string(),
            ];
            csv.write_record(record.iter().map(|v| safe(v).into_owned()))?;
            n += 1;
        }
        after = page.next;
        if after.is_none() {
            break;
        }
    }
    csv.flush()?;
    Ok(n)
}

fn write_donations(conn: &Connection, out: impl Write) -> Result<u64, Failure> {
    let mut csv = spreadsheet_writer(out)?;
    csv.write_record(DONATION_COLUMNS)?;
    let mut stmt = conn.prepare(
        "SELECT d.id, d.received_on, p.given_name, p.family_name, p.email, d.donor_name, d.kind,
                d.currency, d.amount_minor, d.fee_minor, d.refunded_minor, d.returned_minor,
                d.method, d.reference, d.transaction_id, d.in_kind, f.name, e.title, d.source_code,
                d.recurring, d.voided_at IS NOT NULL, d.void_reason,
                (SELECT r.prefix || printf('%04d', r.number) || iif(r.voided_at IS NULL, '', ' void')
                   FROM receipts r WHERE r.donation_id = d.id ORDER BY r.created_at DESC LIMIT 1),
                d.note, d.entered_by
           FROM donations d
           LEFT JOIN people p ON p.id = d.person_id
           LEFT JOIN funds f ON f.id = d.fund_id
           LEFT JOIN events e ON e.id = d.event_id
          ORDER BY d.received_on, d.id",
    )?;
    let mut rows = stmt.query([])?;
    let mut n = 0;
    while let Some(r) = rows.next()? {
        let text = |i: usize| -> rusqlite::Result<String> {
            Ok(r.get::<_, Option<String>>(i)?.unwrap_or_default())
        };
        let currency: String = r.get(7)?;
        let m = |i: usize| -> rusqlite::Result<i64> { r.get(i) };
        let (amount, fee, refunded, returned) = (m(8)?, m(9)?, m(10)?, m(11)?);
        let f = |v: i64| money::format(v, &currency);
        let record = [
            r.get::<_, crate::Id>(0)?.to_string(),
            text(1)?,
            text(2)?,
            text(3)?,
            text(4)?,
            text(5)?,
            text(6)?,
            currency.clone(),
            f(amount),
            f(fee),
            f(refunded),
            f(amount - fee - refunded),
            f(returned),
            f((amount - returned - refunded).max(0)),
            text(12)?,
            text(13)?,
            text(14)?,
            text(15)?,
            text(16)?,
            text(17)?,
            text(18)?,
            if r.get::<_, bool>(19)? {
                "yes".into()
            } else {
                "no".into()
            },
            if r.get::<_, bool>(20)? {
                "voided".into()
            } else {
                "ok".into()
            },
            text(21)?,
            text(22)?,
            text(23)?,
            text(24)?,
        ];
        csv.write_record(record.iter().map(|v| safe(v).into_owned()))?;
        n += 1;
    }
    csv.flush()?;
    Ok(n)
}

/// Writes the ledger (as filtered) to `out`. Returns how many entries.
pub fn ledger(conn: &Connection, filter: &Filter, out: impl Write) -> Result<u64> {
    write_ledger(conn, filter, out).map_err(Failure::into_error)
}

pub fn ledger_to_file(conn: &Connection, filter: &Filter, path: &Path) -> Result<Exported> {
    save_privately(path, |out| write_ledger(conn, filter, out))
}

/// Writes every donation (voided ones marked) to `out`. Returns how many.
pub fn donations(conn: &Connection, out: impl Write) -> Result<u64> {
    write_donations(conn, out).map_err(Failure::into_error)
}

pub fn donations_to_file(conn: &Connection, path: &Path) -> Result<Exported> {
    save_privately(path, |out| write_donations(conn, out))
}
