//! Donations: money received, from a person or anonymously. Once saved a gift is never deleted
//! nor changed in silence: it is corrected or voided with a reason, and the audit trail
//! (money_audit.rs) keeps who, when, before and after. Funds are in funds.rs, the ledger and
//! totals in ledger.rs.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::id::Id;
use crate::messages::Message;
use crate::money::{self, DecimalMark};
use crate::money_audit::{self, Snapshot};
use crate::people::{self, NewPerson};
use crate::sync::Tx;
use crate::text;

/// How the money came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    Cash,
    Check,
    Card,
    Transfer,
    /// Through an online platform, with its transaction id.
    Online,
    /// Goods or services given: described, never valued.
    InKind,
    Other,
}

impl Method {
    pub const ALL: [Method; 7] = [
        Method::Cash,
        Method::Check,
        Method::Card,
        Method::Transfer,
        Method::Online,
        Method::InKind,
        Method::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Method::Cash => "cash",
            Method::Check => "check",
            Method::Card => "card",
            Method::Transfer => "transfer",
            Method::Online => "online",
            Method::InKind => "in_kind",
            Method::Other => "other",
        }
    }

    pub fn parse(value: &str) -> Result<Method> {
        let word = value.trim().to_lowercase().replace([' ', '-'], "_");
        let word = match word.as_str() {
            "cheque" => "check",
            "bank_transfer" | "wire" => "transfer",
            "kind" | "inkind" => "in_kind",
            "platform" | "online_platform" => "online",
            w => w,
        };
        Method::ALL
            .into_iter()
            .find(|m| m.as_str() == word)
            .ok_or_else(|| Error::Invalid(Message::new("bad_method").with("value", value.trim())))
    }
}

impl rusqlite::ToSql for Method {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.as_str().into())
    }
}

/// A gift, or a sale at the table (a book, a ticket): money in that is not a donation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    #[default]
    Gift,
    Sale,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Gift => "gift",
            Kind::Sale => "sale",
        }
    }

    fn parse(value: &str) -> Result<Kind> {
        match value.trim() {
            "" | "gift" => Ok(Kind::Gift),
            "sale" => Ok(Kind::Sale),
            other => Err(Error::Invalid(
                Message::new("bad_gift_kind").with("value", other),
            )),
        }
    }
}

impl rusqlite::ToSql for Kind {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.as_str().into())
    }
}

/// A donation with checked values in minor units: what the sample, the door's walk-in and the
/// import write, and what `record` builds from a form.
#[derive(Debug, Clone)]
pub struct NewDonation {
    pub person_id: Option<Id>,
    /// A name an anonymous donor gave ("a friend from Oakland").
    pub donor_name: String,
    pub fund_id: Option<Id>,
    pub event_id: Option<Id>,
    pub amount_minor: i64,
    pub currency: String,
    pub fee_minor: i64,
    pub method: Method,
    pub received_on: NaiveDate,
    /// A check's number, a bank transfer's reference.
    pub reference: Option<String>,
    pub transaction_id: Option<String>,
    pub in_kind: String,
    pub source_code: String,
    pub returned_minor: i64,
    pub kind: Kind,
    pub recurring: bool,
    pub note: Option<String>,
    /// Who typed it in; blank: this laptop's name.
    pub entered_by: String,
}

impl NewDonation {
    /// A gift of `amount_minor` with everything else blank.
    pub fn new(amount_minor: i64, currency: &str, method: Method, received_on: NaiveDate) -> Self {
        NewDonation {
            person_id: None,
            donor_name: String::new(),
            fund_id: None,
            event_id: None,
            amount_minor,
            currency: currency.to_owned(),
            fee_minor: 0,
            method,
            received_on,
            reference: None,
            transaction_id: None,
            in_kind: String::new(),
            source_code: String::new(),
            returned_minor: 0,
            kind: Kind::Gift,
            recurring: false,
            note: None,
            entered_by: String::new(),
        }
    }
}

impl NewDonation {
    /// The values of an insert and of a correction, numbered alike: ?1 the id, ?2..?19 the
    /// fields, ?20 the stamp, ?21 the laptop. `day` is `received_on` as text.
    fn values<'a>(
        &'a self,
        id: &'a Id,
        day: &'a &'a str,
        stamp: &'a &'a str,
        laptop: &'a Id,
    ) -> [&'a dyn rusqlite::ToSql; 21] {
        [
            id,
            &self.person_id,
            &self.fund_id,
            &self.event_id,
            &self.amount_minor,
            &self.currency,
            &self.fee_minor,
            &self.method,
            day,
            &self.reference,
            &self.note,
            &self.donor_name,
            &self.transaction_id,
            &self.in_kind,
            &self.source_code,
            &self.returned_minor,
            &self.kind,
            &self.recurring,
            &self.entered_by,
            stamp,
            laptop,
        ]
    }
}

/// Checks the rules every donation keeps, whoever writes it.
fn check(conn: &Connection, d: &NewDonation) -> Result<NewDonation> {
    let mut d = d.clone();
    d.currency = money::currency_code(&d.currency)?;
    if d.method == Method::InKind {
        if d.amount_minor != 0 {
            return Err(Error::invalid("in_kind_has_no_value"));
        }
        d.in_kind = text::line("in_kind", &d.in_kind, 500)?;
        if d.in_kind.is_empty() {
            return Err(Error::invalid("in_kind_needs_description"));
        }
    } else {
        d.in_kind.clear();
        if d.amount_minor <= 0 {
            return Err(Error::Invalid(
                Message::new("amount_zero").with("field", "amount"),
            ));
        }
        if d.amount_minor > money::MAX_MAJOR * 10i64.pow(money::decimals(&d.currency)) {
            return Err(Error::Invalid(
                Message::new("amount_absurd")
                    .with("field", "amount")
                    .with("value", money::format(d.amount_minor, &d.currency)),
            ));
        }
    }
    if d.fee_minor < 0 || d.fee_minor > d.amount_minor {
        return Err(Error::invalid("fee_too_large"));
    }
    if d.kind == Kind::Sale {
        d.returned_minor = d.amount_minor;
    }
    if d.returned_minor < 0 || d.returned_minor > d.amount_minor {
        return Err(Error::invalid("returned_too_large"));
    }
    d.donor_name = text::name("donor_name", &d.donor_name, 200)?;
    d.reference = text::optional_line("reference", d.reference.as_deref(), 100)?;
    d.transaction_id = text::optional_line("transaction_id", d.transaction_id.as_deref(), 100)?;
    d.source_code = text::line("source_code", &d.source_code, 100)?;
    d.note = text::optional_line("note", d.note.as_deref(), 1000)?;
    d.entered_by = money_audit::who(conn, &d.entered_by)?;
    if let Some(fund) = d.fund_id {
        crate::funds::ensure_exists(conn, fund)?;
    }
    if let Some(event) = d.event_id {
        crate::events::get_in(conn, event)?;
    }
    Ok(d)
}

/// Saves a new donation, checked, with its first audit entry.
pub fn insert_donation(w: &Tx<'_>, d: &NewDonation) -> Result<Id> {
    insert_as(w, d, "created")
}

/// Saves a new donation; the audit entry says how it came (`created`, `imported`).
pub(crate) fn insert_as(w: &Tx<'_>, d: &NewDonation, action: &'static str) -> Result<Id> {
    let d = check(w, d)?;
    if let Some(txn) = &d.transaction_id {
        if find_by_transaction(w, txn)?.is_some() {
            return Err(Error::Conflict(
                Message::new("transaction_exists").with("value", txn),
            ));
        }
    }
    let id = Id::new();
    let day = d.received_on.to_string();
    w.execute(
        "INSERT INTO donations (id, person_id, fund_id, event_id, amount_minor, currency, fee_minor,
                                method, received_on, reference, note, donor_name, transaction_id,
                                in_kind, source_code, returned_minor, kind, recurring, entered_by,
                                created_at, updated_at, written_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
                 ?19, ?20, ?20, ?21)",
        d.values(&id, &day.as_str(), &w.stamp(), &w.laptop()).as_slice(),
    )?;
    let after = snapshot(w, id)?;
    money_audit::record(
        w,
        "donations",
        id,
        action,
        &d.entered_by,
        "",
        &Snapshot::new(),
        &after,
    )?;
    Ok(id)
}

/// The gift with this platform transaction id, if one is recorded.
pub(crate) fn find_by_transaction(conn: &Connection, txn: &str) -> Result<Option<Id>> {
    Ok(conn
        .query_row(
            "SELECT id FROM donations WHERE transaction_id = ?1 ORDER BY created_at LIMIT 1",
            [txn.trim()],
            |r| r.get(0),
        )
        .optional()?)
}

/// A donation as the form sends it: amounts as typed in the reader's locale.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct DonationInput {
    /// A known person.
    pub person: Option<Id>,
    /// A new donor's name (or an anonymous donor's, with `anonymous`).
    pub donor_name: String,
    /// A new donor's email: they become or join the person with it.
    pub donor_email: String,
    pub anonymous: bool,
    pub amount: String,
    pub currency: String,
    pub decimal_mark: DecimalMark,
    pub received_on: String,
    pub method: String,
    pub reference: String,
    pub transaction_id: String,
    pub in_kind: String,
    pub fund: Option<Id>,
    pub event: Option<Id>,
    pub source_code: String,
    pub fee: String,
    pub returned_value: String,
    pub kind: String,
    pub recurring: bool,
    pub note: String,
    pub entered_by: String,
}

/// The form's donation as stored values; the donor found or added (as a person) on the way.
fn from_input(w: &Tx<'_>, input: &DonationInput) -> Result<NewDonation> {
    let currency = money::currency_code(&input.currency)?;
    let method = Method::parse(&input.method)?;
    let mark = input.decimal_mark;
    let amount = if method == Method::InKind {
        match input.amount.trim() {
            "" => 0,
            typed => match money::parse_typed("amount", typed, &currency, mark, true)? {
                0 => 0,
                _ => return Err(Error::invalid("in_kind_has_no_value")),
            },
        }
    } else {
        money::parse_typed("amount", &input.amount, &currency, mark, false)?
    };
    let optional_amount = |field: &'static str, typed: &str| -> Result<i64> {
        match typed.trim() {
            "" => Ok(0),
            typed => money::parse_typed(field, typed, &currency, mark, true),
        }
    };
    let (person_id, donor_name) = donor(w, input)?;
    Ok(NewDonation {
        person_id,
        donor_name,
        fund_id: input.fund,
        event_id: input.event,
        fee_minor: optional_amount("fee", &input.fee)?,
        returned_minor: optional_amount("returned_value", &input.returned_value)?,
        reference: Some(input.reference.clone()),
        transaction_id: Some(input.transaction_id.clone()),
        in_kind: input.in_kind.clone(),
        source_code: input.source_code.clone(),
        kind: Kind::parse(&input.kind)?,
        recurring: input.recurring,
        note: Some(input.note.clone()),
        entered_by: input.entered_by.clone(),
        ..NewDonation::new(
            amount,
            &currency,
            method,
            text::date("received_on", &input.received_on)?,
        )
    })
}

/// Who gave: a known person, a new one (found by email first), or nobody (anonymous, perhaps
/// with a name).
fn donor(w: &Tx<'_>, input: &DonationInput) -> Result<(Option<Id>, String)> {
    let name = text::name("donor_name", &input.donor_name, 200)?;
    let email = input.donor_email.trim();
    if input.anonymous {
        if input.person.is_some() {
            return Err(Error::invalid("donor_conflict"));
        }
        return Ok((None, name));
    }
    if let Some(person) = input.person {
        if !name.is_empty() || !email.is_empty() {
            return Err(Error::invalid("donor_conflict"));
        }
        people::details(w, person)?;
        return Ok((Some(person), String::new()));
    }
    if name.is_empty() && email.is_empty() {
        return Ok((None, String::new()));
    }
    let (given, family) = crate::csv_import::split_full_name(&name);
    let person = NewPerson {
        given_name: given,
        family_name: family,
        email: Some(email.to_owned()).filter(|e| !e.is_empty()),
        ..NewPerson::default()
    };
    if person.given_name.is_empty() && person.family_name.is_empty() {
        // Only an email: a known person, or the name is needed.
        if let Some(found) = people::find_by_email(w, email)? {
            return Ok((Some(found), String::new()));
        }
    }
    Ok((Some(people::find_or_insert(w, &person)?.0), String::new()))
}

/// Records a gift from the window's form or a script.
pub fn record(w: &Tx<'_>, input: &DonationInput) -> Result<Id> {
    let d = from_input(w, input)?;
    insert_donation(w, &d)
}

/// Corrects a gift: every field may change, the reason is required, and the trail keeps what
/// each field was.
pub fn correct(w: &Tx<'_>, id: Id, input: &DonationInput, reason: &str, who: &str) -> Result<()> {
    let reason = money_audit::reason(reason)?;
    let who = money_audit::who(w, who)?;
    ensure_not_voided(w, id)?;
    let before = snapshot(w, id)?;
    let mut d = from_input(w, input)?;
    // Who entered it stays who entered it; the corrector is in the trail.
    d.entered_by = stored_entered_by(w, id)?;
    let d = check(w, &d)?;
    if let Some(txn) = &d.transaction_id {
        if find_by_transaction(w, txn)?.is_some_and(|other| other != id) {
            return Err(Error::Conflict(
                Message::new("transaction_exists").with("value", txn),
            ));
        }
    }
    let day = d.received_on.to_string();
    // Who entered it (?19) stays as it was: the corrector is in the trail.
    w.execute(
        "UPDATE donations SET person_id = ?2, fund_id = ?3, event_id = ?4, amount_minor = ?5,
                currency = ?6, fee_minor = ?7, method = ?8, received_on = ?9, reference = ?10,
                note = ?11, donor_name = ?12, transaction_id = ?13, in_kind = ?14,
                source_code = ?15, returned_minor = ?16, kind = ?17, recurring = ?18,
                entered_by = ?19, refunded_minor = min(refunded_minor, ?5), updated_at = ?20,
                written_by = ?21
          WHERE id = ?1",
        d.values(&id, &day.as_str(), &w.stamp(), &w.laptop())
            .as_slice(),
    )?;
    let after = snapshot(w, id)?;
    money_audit::record(
        w,
        "donations",
        id,
        "corrected",
        &who,
        &reason,
        &before,
        &after,
    )?;
    // What a receipt states changed: the receipt given no longer holds.
    let stated = [
        "amount",
        "currency",
        "donor",
        "in_kind",
        "returned_value",
        "received_on",
    ];
    if stated.iter().any(|k| before.get(k) != after.get(k)) {
        crate::receipts::void_standing(w, id, RECEIPT_OUTDATED, &who)?;
    }
    Ok(())
}

/// Why a gift's receipt was voided with it.
const RECEIPT_OUTDATED: &str =
    "The gift was corrected or voided: issue a new receipt if one is owed";

/// Voids a gift entered by mistake: it stays listed, marked, and counts nowhere.
pub fn void(w: &Tx<'_>, id: Id, reason: &str, who: &str) -> Result<()> {
    let reason = money_audit::reason(reason)?;
    let who = money_audit::who(w, who)?;
    ensure_not_voided(w, id)?;
    let before = snapshot(w, id)?;
    w.execute(
        "UPDATE donations SET voided_at = ?2, void_reason = ?3, updated_at = ?2, written_by = ?4
          WHERE id = ?1",
        params![id, w.stamp(), reason, w.laptop()],
    )?;
    let after = snapshot(w, id)?;
    money_audit::record(w, "donations", id, "voided", &who, &reason, &before, &after)?;
    crate::receipts::void_standing(w, id, RECEIPT_OUTDATED, &who)
}

/// Money given back (a platform's refund): it counts against the gift from `on`.
pub(crate) fn refund(
    w: &Tx<'_>,
    id: Id,
    minor: i64,
    on: NaiveDate,
    reason: &str,
    who: &str,
) -> Result<()> {
    let before = snapshot(w, id)?;
    w.execute(
        "UPDATE donations SET refunded_minor = min(amount_minor, refunded_minor + ?2),
                refunded_on = ?3, updated_at = ?4, written_by = ?5
          WHERE id = ?1",
        params![id, minor, on.to_string(), w.stamp(), w.laptop()],
    )?;
    let after = snapshot(w, id)?;
    money_audit::record(w, "donations", id, "refunded", who, reason, &before, &after)
}

fn ensure_not_voided(conn: &Connection, id: Id) -> Result<()> {
    let voided: Option<Option<String>> = conn
        .query_row("SELECT voided_at FROM donations WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?;
    match voided {
        None => Err(not_found()),
        Some(Some(_)) => Err(Error::Conflict(Message::new("already_voided"))),
        Some(None) => Ok(()),
    }
}

fn stored_entered_by(conn: &Connection, id: Id) -> Result<String> {
    Ok(conn.query_row(
        "SELECT entered_by FROM donations WHERE id = ?1",
        [id],
        |r| r.get(0),
    )?)
}

pub(crate) fn not_found() -> Error {
    Error::NotFound(Message::new("donation_not_found"))
}

/// A person's name as lists show it.
pub(crate) const PERSON_NAME_SQL: &str = "trim(p.given_name || ' ' || p.family_name)";

/// The gift's fields as a person reads them, for the audit trail.
fn snapshot(conn: &Connection, id: Id) -> Result<Snapshot> {
    let d = get(conn, id)?;
    let mut s = Snapshot::new();
    let mut put = |k: &'static str, v: String| {
        if !v.is_empty() {
            s.insert(k, v);
        }
    };
    put("amount", d.amount.clone());
    put("currency", d.currency.clone());
    put("received_on", d.received_on.clone());
    put("method", d.method.clone());
    put("kind", d.kind.clone());
    put(
        "donor",
        d.person
            .as_ref()
            .map(|p| p.name.clone())
            .unwrap_or(d.donor_name.clone()),
    );
    put(
        "fund",
        d.fund.as_ref().map(|f| f.name.clone()).unwrap_or_default(),
    );
    put(
        "event",
        d.event.as_ref().map(|e| e.name.clone()).unwrap_or_default(),
    );
    put("reference", d.reference.clone().unwrap_or_default());
    put(
        "transaction_id",
        d.transaction_id.clone().unwrap_or_default(),
    );
    put("in_kind", d.in_kind.clone());
    put("source_code", d.source_code.clone());
    if d.fee != money::format(0, &d.currency) {
        put("fee", d.fee.clone());
    }
    if d.returned_value != money::format(0, &d.currency) {
        put("returned_value", d.returned_value.clone());
    }
    if d.refunded != money::format(0, &d.currency) {
        put("refunded", d.refunded.clone());
    }
    put(
        "recurring",
        if d.recurring {
            "yes".into()
        } else {
            String::new()
        },
    );
    put("note", d.note.clone().unwrap_or_default());
    put("void_reason", d.void_reason.clone());
    Ok(s)
}

/// A linked record by id and the name it is shown by.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Named {
    pub id: Id,
    pub name: String,
}

impl Named {
    /// A LEFT JOINed record's id and name as one: none when there is no record.
    pub(crate) fn of(id: Option<Id>, name: Option<String>) -> Option<Named> {
        id.map(|id| Named {
            id,
            name: name.unwrap_or_default(),
        })
    }
}

/// A donation as its page shows it; amounts as decimal strings.
#[derive(Debug, Clone, Serialize)]
pub struct Donation {
    pub id: Id,
    pub person: Option<Named>,
    pub donor_name: String,
    pub anonymous: bool,
    pub amount: String,
    pub currency: String,
    pub amount_minor: i64,
    pub received_on: String,
    pub method: String,
    pub reference: Option<String>,
    pub transaction_id: Option<String>,
    pub in_kind: String,
    pub fund: Option<Named>,
    pub event: Option<Named>,
    pub source_code: String,
    pub fee: String,
    pub net: String,
    pub returned_value: String,
    pub returned_minor: i64,
    pub fee_minor: i64,
    pub refunded_minor: i64,
    /// What may be deducted: the amount less what was given in return.
    pub deductible: String,
    pub kind: String,
    pub recurring: bool,
    pub note: Option<String>,
    pub entered_by: String,
    pub created_at: String,
    pub voided_at: Option<String>,
    pub void_reason: String,
    pub refunded: String,
    pub refunded_on: Option<String>,
}

pub fn get(conn: &Connection, id: Id) -> Result<Donation> {
    conn.query_row(
        &format!(
            "SELECT d.id, d.person_id, {PERSON_NAME_SQL}, d.donor_name, d.amount_minor, d.currency,
                    d.received_on, d.method, d.reference, d.transaction_id, d.in_kind, d.fund_id,
                    f.name, d.event_id, e.title, d.source_code, d.fee_minor, d.returned_minor,
                    d.kind, d.recurring, d.note, d.entered_by, d.created_at, d.voided_at,
                    d.void_reason, d.refunded_minor, d.refunded_on
               FROM donations d
               LEFT JOIN people p ON p.id = d.person_id
               LEFT JOIN funds f ON f.id = d.fund_id
               LEFT JOIN events e ON e.id = d.event_id
              WHERE d.id = ?1"
        ),
        [id],
        |r| {
            let currency: String = r.get(5)?;
            let amount: i64 = r.get(4)?;
            let fee: i64 = r.get(16)?;
            let returned: i64 = r.get(17)?;
            let refunded: i64 = r.get(25)?;
            let person = Named::of(r.get(1)?, r.get(2)?);
            Ok(Donation {
                id: r.get(0)?,
                anonymous: person.is_none(),
                person,
                donor_name: r.get(3)?,
                amount: money::format(amount, &currency),
                amount_minor: amount,
                received_on: r.get(6)?,
                method: r.get(7)?,
                reference: r.get(8)?,
                transaction_id: r.get(9)?,
                in_kind: r.get(10)?,
                fund: Named::of(r.get(11)?, r.get(12)?),
                event: Named::of(r.get(13)?, r.get(14)?),
                source_code: r.get(15)?,
                fee: money::format(fee, &currency),
                net: money::format(amount - fee - refunded, &currency),
                returned_value: money::format(returned, &currency),
                returned_minor: returned,
                fee_minor: fee,
                refunded_minor: refunded,
                deductible: money::format((amount - returned - refunded).max(0), &currency),
                kind: r.get(18)?,
                recurring: r.get(19)?,
                note: r.get(20)?,
                entered_by: r.get(21)?,
                created_at: r.get(22)?,
                voided_at: r.get(23)?,
                void_reason: r.get(24)?,
                refunded: money::format(refunded, &currency),
                refunded_on: r.get(26)?,
                currency,
            })
        },
    )
    .optional()?
    .ok_or_else(not_found)
}

/// The gift as its correction form holds it (amounts with a point).
pub fn input(conn: &Connection, id: Id) -> Result<DonationInput> {
    let d = get(conn, id)?;
    let blank_zero = |v: &str, minor: i64| {
        if minor == 0 {
            String::new()
        } else {
            v.to_owned()
        }
    };
    Ok(DonationInput {
        person: d.person.as_ref().map(|p| p.id),
        donor_name: if d.person.is_none() {
            d.donor_name.clone()
        } else {
            String::new()
        },
        donor_email: String::new(),
        anonymous: d.person.is_none(),
        amount: blank_zero(&d.amount, d.amount_minor),
        currency: d.currency.clone(),
        decimal_mark: DecimalMark::Point,
        received_on: d.received_on.clone(),
        method: d.method.clone(),
        reference: d.reference.clone().unwrap_or_default(),
        transaction_id: d.transaction_id.clone().unwrap_or_default(),
        in_kind: d.in_kind.clone(),
        fund: d.fund.as_ref().map(|f| f.id),
        event: d.event.as_ref().map(|e| e.id),
        source_code: d.source_code.clone(),
        fee: blank_zero(&d.fee, d.fee_minor),
        returned_value: if d.kind == "sale" {
            String::new()
        } else {
            blank_zero(&d.returned_value, d.returned_minor)
        },
        kind: d.kind.clone(),
        recurring: d.recurring,
        note: d.note.clone().unwrap_or_default(),
        entered_by: d.entered_by.clone(),
    })
}
