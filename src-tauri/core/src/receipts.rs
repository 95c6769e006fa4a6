//! Written acknowledgements. Which gifts need one and what it must say are data here, for
//! printing to use: under the US rules for a 501(c)(3), a single gift of $250 or more needs a
//! written acknowledgement (the organization, the amount, a description but not a value of a
//! gift in kind, and whether goods or services were given in return with a good-faith estimate
//! of their value); a payment over $75 that bought something needs a statement of the
//! deductible part. An organization that is not tax-exempt says that gifts are not deductible.
//!
//! Numbers come from one unbroken series, handed out on one laptop only (the first to issue
//! one, or the one chosen in Settings), so two laptops offline never give the same number. A
//! voided receipt keeps its number; a copy keeps its number too and is counted.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::donations::{self, Donation};
use crate::error::{Error, Result};
use crate::id::Id;
use crate::messages::Message;
use crate::money_audit::{self, Snapshot};
use crate::organization::{self, Organization};
use crate::sync::Tx;

/// The US thresholds in cents.
const WRITTEN_ACK_CENTS: i64 = 25_000;
const QUID_PRO_QUO_CENTS: i64 = 7_500;

/// What a gift's acknowledgement needs.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Acknowledgement {
    /// A receipt must be given (not only may).
    pub needed: bool,
    /// Why: `over_250` (a single gift of $250 or more), `quid_pro_quo` (over $75 with goods or
    /// services in return), `in_kind` (a gift in kind over the threshold is described).
    pub reasons: Vec<&'static str>,
    /// What the receipt must say: `organization`, `amount`, `in_kind_no_value` (describe it,
    /// no value), `no_goods` (no goods or services were given), `goods_value` (their good-faith
    /// value), `deductible_part`, `not_exempt` (gifts are not tax-deductible).
    pub statements: Vec<&'static str>,
    /// The deductible part, when goods or services were given in return.
    pub deductible: Option<String>,
}

/// The rules of `org` applied to `d`.
pub fn acknowledgement(org: &Organization, d: &Donation) -> Acknowledgement {
    let mut ack = Acknowledgement {
        needed: false,
        reasons: Vec::new(),
        statements: vec!["organization"],
        deductible: None,
    };
    let in_kind = d.method == "in_kind";
    ack.statements.push(if in_kind {
        "in_kind_no_value"
    } else {
        "amount"
    });
    if d.voided_at.is_some() || d.kind == "sale" {
        return ack;
    }
    if org.tax_status != "exempt" {
        ack.statements.push("not_exempt");
        return ack;
    }
    // What the organization kept: a refund takes part of a gift back.
    let kept = d.amount_minor - d.refunded_minor;
    if org.tax_rules == "us_501c3" && d.currency == "USD" {
        if kept >= WRITTEN_ACK_CENTS {
            ack.needed = true;
            ack.reasons.push("over_250");
        }
        if d.returned_minor > 0 && kept > QUID_PRO_QUO_CENTS {
            ack.needed = true;
            ack.reasons.push("quid_pro_quo");
        }
        if in_kind {
            // A gift in kind has no recorded value; the organization acknowledges it in writing
            // (the donor states its value; a gift of $250 or more needs the acknowledgement).
            ack.needed = true;
            ack.reasons.push("in_kind");
        }
    }
    if d.returned_minor > 0 {
        ack.statements.push("goods_value");
        ack.statements.push("deductible_part");
        ack.deductible = Some(d.deductible.clone());
    } else {
        ack.statements.push("no_goods");
    }
    ack
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Receipt {
    pub id: Id,
    pub donation: Id,
    /// The number as printed: prefix and number ("2026-0007").
    pub number: String,
    pub serial: i64,
    pub issued_at: String,
    pub issued_by: String,
    pub copies: i64,
    pub voided_at: Option<String>,
    pub void_reason: String,
}

fn printed(prefix: &str, serial: i64) -> String {
    format!("{prefix}{serial:04}")
}

fn read(conn: &Connection, filter: &str, key: Id) -> Result<Option<Receipt>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT id, donation_id, number, prefix, created_at, issued_by, copies, voided_at,
                        void_reason
                   FROM receipts WHERE {filter} ORDER BY created_at DESC LIMIT 1"
            ),
            [key],
            |r| {
                let prefix: String = r.get(3)?;
                let serial: i64 = r.get(2)?;
                Ok(Receipt {
                    id: r.get(0)?,
                    donation: r.get(1)?,
                    number: printed(&prefix, serial),
                    serial,
                    issued_at: r.get(4)?,
                    issued_by: r.get(5)?,
                    copies: r.get(6)?,
                    voided_at: r.get(7)?,
                    void_reason: r.get(8)?,
                })
            },
        )
        .optional()?)
}

/// The gift's latest receipt (a voided one too).
pub fn for_donation(conn: &Connection, donation: Id) -> Result<Option<Receipt>> {
    read(conn, "donation_id = ?1", donation)
}

fn get(conn: &Connection, id: Id) -> Result<Receipt> {
    read(conn, "id = ?1", id)?.ok_or_else(|| Error::NotFound(Message::new("receipt_not_found")))
}

/// Issues the gift's receipt with the series' next number.
pub fn issue(w: &Tx<'_>, donation: Id, who: &str) -> Result<Receipt> {
    let d = donations::get(w, donation)?;
    if d.voided_at.is_some() {
        return Err(Error::Conflict(Message::new("voided_no_receipt")));
    }
    if for_donation(w, donation)?.is_some_and(|r| r.voided_at.is_none()) {
        return Err(Error::Conflict(Message::new("receipt_exists")));
    }
    organization::claim_numbering(w)?;
    let who = money_audit::who(w, who)?;
    let serial: i64 = w.query_row(
        "SELECT coalesce(max(number), 0) + 1 FROM receipts",
        [],
        |r| r.get(0),
    )?;
    let prefix = organization::get(w)?.receipt_prefix;
    let id = Id::new();
    w.execute(
        "INSERT INTO receipts (id, donation_id, number, prefix, issued_by, created_at, updated_at,
                               written_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)",
        params![id, donation, serial, prefix, who, w.stamp(), w.laptop()],
    )?;
    let after = Snapshot::from([("receipt", printed(&prefix, serial))]);
    money_audit::record(
        w,
        "donations",
        donation,
        "issued",
        &who,
        "",
        &Snapshot::new(),
        &after,
    )?;
    get(w, id)
}

/// Voids a receipt: it keeps its number, marked void.
pub fn void(w: &Tx<'_>, receipt: Id, reason: &str, who: &str) -> Result<Receipt> {
    let reason = money_audit::reason(reason)?;
    let who = money_audit::who(w, who)?;
    let r = get(w, receipt)?;
    if r.voided_at.is_some() {
        return Err(Error::Conflict(Message::new("already_voided")));
    }
    w.execute(
        "UPDATE receipts SET voided_at = ?2, void_reason = ?3, updated_at = ?2, written_by = ?4 WHERE id = ?1",
        params![receipt, w.stamp(), reason, w.laptop()],
    )?;
    let before = Snapshot::from([("receipt", r.number.clone())]);
    let after = Snapshot::from([("receipt", format!("{} (void)", r.number))]);
    money_audit::record(
        w,
        "donations",
        r.donation,
        "voided",
        &who,
        &reason,
        &before,
        &after,
    )?;
    get(w, receipt)
}

/// Voids the gift's standing receipt, if it has one, when the gift is voided or corrected: a
/// receipt never states what the books no longer hold. Its number stays, marked void.
pub(crate) fn void_standing(w: &Tx<'_>, donation: Id, reason: &str, who: &str) -> Result<()> {
    let Some(r) = for_donation(w, donation)?.filter(|r| r.voided_at.is_none()) else {
        return Ok(());
    };
    w.execute(
        "UPDATE receipts SET voided_at = ?2, void_reason = ?3, updated_at = ?2, written_by = ?4 WHERE id = ?1",
        params![r.id, w.stamp(), reason, w.laptop()],
    )?;
    let before = Snapshot::from([("receipt", r.number.clone())]);
    let after = Snapshot::from([("receipt", format!("{} (void)", r.number))]);
    money_audit::record(
        w,
        "donations",
        donation,
        "voided",
        who,
        reason,
        &before,
        &after,
    )
}

/// A copy of a receipt: the same number, marked as a copy.
pub fn reissue(w: &Tx<'_>, receipt: Id, who: &str) -> Result<Receipt> {
    let who = money_audit::who(w, who)?;
    let r = get(w, receipt)?;
    if r.voided_at.is_some() {
        return Err(Error::Conflict(Message::new("receipt_voided")));
    }
    w.execute(
        "UPDATE receipts SET copies = copies + 1, updated_at = ?2, written_by = ?3 WHERE id = ?1",
        params![receipt, w.stamp(), w.laptop()],
    )?;
    let after = Snapshot::from([("copy", format!("{} #{}", r.number, r.copies + 1))]);
    money_audit::record(
        w,
        "donations",
        r.donation,
        "reissued",
        &who,
        "",
        &Snapshot::new(),
        &after,
    )?;
    get(w, receipt)
}

/// A gift with everything its page shows.
#[derive(Debug, Clone, Serialize)]
pub struct DonationPage {
    pub donation: Donation,
    pub audit: Vec<money_audit::AuditEntry>,
    pub receipt: Option<Receipt>,
    pub acknowledgement: Acknowledgement,
}

pub fn donation_page(conn: &Connection, id: Id) -> Result<DonationPage> {
    let donation = donations::get(conn, id)?;
    let org = organization::get(conn)?;
    Ok(DonationPage {
        acknowledgement: acknowledgement(&org, &donation),
        audit: money_audit::trail(conn, id)?,
        receipt: for_donation(conn, id)?,
        donation,
    })
}

/// A gift that needs a written acknowledgement and has none standing.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Owed {
    pub donation: Id,
    pub received_on: String,
    pub person: Option<Id>,
    /// The donor as the receipt names them ("" when the gift carries no name).
    pub donor: String,
    pub amount: String,
    pub currency: String,
    pub in_kind: String,
    pub reasons: Vec<&'static str>,
}

/// Every gift still owed a receipt under the organization's rules, oldest first.
pub fn owed(conn: &Connection) -> Result<Vec<Owed>> {
    let org = organization::get(conn)?;
    let mut stmt = conn.prepare(
        "SELECT d.id FROM donations d
          WHERE d.voided_at IS NULL AND d.kind <> 'sale'
            AND NOT EXISTS (SELECT 1 FROM receipts r
                             WHERE r.donation_id = d.id AND r.voided_at IS NULL)
          ORDER BY d.received_on, d.id",
    )?;
    let ids = stmt
        .query_map([], |r| r.get::<_, Id>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = Vec::new();
    for id in ids {
        let d = donations::get(conn, id)?;
        let ack = acknowledgement(&org, &d);
        if !ack.needed {
            continue;
        }
        out.push(Owed {
            donation: id,
            received_on: d.received_on.clone(),
            person: d.person.as_ref().map(|p| p.id),
            donor: donor_name(&d),
            amount: d.amount.clone(),
            currency: d.currency.clone(),
            in_kind: d.in_kind.clone(),
            reasons: ack.reasons,
        });
    }
    Ok(out)
}

/// The donor as a receipt names them: the person, else the name the gift came with.
pub fn donor_name(d: &Donation) -> String {
    d.person
        .as_ref()
        .map(|p| p.name.clone())
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| d.donor_name.clone())
}

/// What printing the gift's receipt does to the books: the first print issues its number, a
/// later one counts a copy of the same number; a voided gift's receipt prints marked void and
/// changes nothing. Returns the receipt that prints.
pub fn for_print(w: &Tx<'_>, donation: Id, who: &str) -> Result<Receipt> {
    let d = donations::get(w, donation)?;
    if d.kind == "sale" {
        return Err(Error::Conflict(Message::new("sale_no_receipt")));
    }
    match (d.voided_at.is_some(), for_donation(w, donation)?) {
        (true, Some(r)) => Ok(r),
        (true, None) => Err(Error::Conflict(Message::new("voided_no_receipt"))),
        (false, Some(r)) if r.voided_at.is_none() => reissue(w, r.id, who),
        (false, _) => issue(w, donation, who),
    }
}
