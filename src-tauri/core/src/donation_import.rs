//! Donations from the tools that take money online: the petition platform's donation export
//! (name, email, amount, fees, net, status, recurring, source code, timestamp, transaction id)
//! and PayPal's activity download (Date, Time, TimeZone, Name, Type, Status, Currency, Gross,
//! Fee, Net, From Email Address, Transaction ID, Reference Txn ID, ...). Columns are found by
//! name, since both tools let people choose them.
//!
//! The transaction id decides: a gift already recorded with it is left alone, so importing the
//! same file twice adds nothing. A refund (PayPal's refund line, or a payment whose status says
//! refunded) counts against the gift it refunds, once: the refund's own id is kept in the audit
//! trail's reason and looked for before applying it again. Failed, pending and non-payment lines
//! (withdrawals, currency conversions, holds) are listed and left out. Donors become or join
//! people by email. Everything is written in one transaction.

use std::collections::HashMap;

use chrono::NaiveDate;
use csv::StringRecord;
use serde::{Deserialize, Serialize};

use crate::csv_import::{self, cell, header_key, printable, Problem, SampleRow};
use crate::donations::{self, Method, NewDonation};
use crate::error::{Error, Result};
use crate::id::Id;
use crate::messages::Message;
use crate::money::{self, DecimalMark};
use crate::people::{self, NewPerson};
use crate::store::Store;
use crate::sync::Tx;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Options {
    pub encoding: Option<String>,
    /// The currency of a file that has no currency column (the platform's export); none: the
    /// organization's home currency, else USD. The preview says which it took.
    pub currency: Option<String>,
    /// The fund the gifts go to (none: unrestricted).
    pub fund: Option<Id>,
    /// Who imports, for the audit trail (blank: this laptop's name).
    pub who: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Col {
    Name,
    GivenName,
    FamilyName,
    Email,
    Amount,
    Fee,
    Net,
    Currency,
    Status,
    Type,
    Recurring,
    SourceCode,
    Date,
    TimeZone,
    Transaction,
    RefersTo,
    Item,
    Impact,
}

/// The column a header names.
fn col_of(header: &str) -> Option<Col> {
    Some(match header_key(header).as_str() {
        "name" | "fullname" | "donorname" => Col::Name,
        "firstname" | "givenname" => Col::GivenName,
        "lastname" | "familyname" | "surname" => Col::FamilyName,
        "email" | "fromemailaddress" | "emailaddress" | "donoremail" => Col::Email,
        "amount" | "gross" | "brutto" | "donationamount" => Col::Amount,
        "fees" | "fee" | "stripefees" | "gebuhr" | "processingfee" => Col::Fee,
        "net" | "netamount" | "netto" => Col::Net,
        "currency" | "wahrung" => Col::Currency,
        "status" => Col::Status,
        "type" | "typ" => Col::Type,
        "recurring" | "recurrence" | "recurringperiod" | "recurringoptions" => Col::Recurring,
        "sourcecode" | "source" => Col::SourceCode,
        "timestamp" | "date" | "datum" | "createddate" | "createdat" | "donationdate" => Col::Date,
        "timezone" | "zeitzone" => Col::TimeZone,
        "transactionid" | "stripetransactionid" | "transaktionscode" | "donationid" => {
            Col::Transaction
        }
        "referencetxnid" | "referencetransactionid" => Col::RefersTo,
        "itemtitle" | "subject" => Col::Item,
        "balanceimpact" => Col::Impact,
        _ => return None,
    })
}

/// Where the lines came from.
fn format_of(columns: &HashMap<Col, usize>) -> Option<&'static str> {
    let has = |c| columns.contains_key(&c);
    if has(Col::Transaction) && has(Col::Amount) && (has(Col::Type) || has(Col::RefersTo)) {
        Some("paypal")
    } else if has(Col::Transaction) && has(Col::Amount) {
        Some("platform")
    } else {
        None
    }
}

/// What one line is.
#[derive(Debug, Clone)]
enum Line {
    Gift {
        d: Box<NewDonation>,
        person: Option<Box<NewPerson>>,
        refunded: bool,
    },
    Refund {
        of: String,
        txn: String,
        minor: i64,
        on: NaiveDate,
    },
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Preview {
    pub file_name: String,
    pub encoding: Option<String>,
    pub needs_encoding: bool,
    pub encodings: Vec<&'static str>,
    /// paypal or platform
    pub format: Option<&'static str>,
    /// The currency taken for lines that name none (the file has no currency column).
    pub currency_assumed: Option<String>,
    pub headers: Vec<String>,
    pub rows_read: u64,
    /// New gifts.
    pub will_add: u64,
    /// Gifts recorded already (the same transaction id).
    pub duplicates: u64,
    /// Refunds that will count against their gift.
    pub refunds: u64,
    /// Failed, pending and non-payment lines, left out (also listed in `warned`).
    pub skipped: u64,
    /// What the new gifts add up to, per currency.
    pub totals: Vec<(String, String)>,
    pub rejected: Vec<Problem>,
    pub warned: Vec<Problem>,
    pub sample: Vec<SampleRow>,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct ImportReport {
    pub read: u64,
    pub added: u64,
    pub duplicates: u64,
    pub refunded: u64,
    pub skipped: u64,
    pub rejected: Vec<Problem>,
    pub warned: Vec<Problem>,
}

struct Read {
    reading: csv_import::Reading,
    format: Option<&'static str>,
    has_currency: bool,
    lines: Vec<(u64, Line)>,
    read: u64,
    skipped: u64,
    rejected: Vec<Problem>,
    warned: Vec<Problem>,
    sample: Vec<SampleRow>,
}

/// `currency`: what amounts are in when the file has no currency column (the platform's export).
fn read(bytes: &[u8], options: &Options, currency: &str) -> Result<Read> {
    let reading = csv_import::read(
        bytes,
        &csv_import::Options {
            encoding: options.encoding.clone(),
            ..Default::default()
        },
    )?;
    let mut out = Read {
        format: None,
        has_currency: false,
        lines: Vec::new(),
        read: 0,
        skipped: 0,
        rejected: Vec::new(),
        warned: Vec::new(),
        sample: Vec::new(),
        reading,
    };
    if out.reading.needs_encoding {
        return Ok(out);
    }
    let mut columns: HashMap<Col, usize> = HashMap::new();
    for (i, h) in out.reading.headers.iter().enumerate() {
        if let Some(c) = col_of(h) {
            columns.entry(c).or_insert(i);
        }
    }
    out.format = format_of(&columns);
    out.has_currency = columns.contains_key(&Col::Currency);
    if out.format.is_none() {
        return Err(Error::invalid("import_not_donations"));
    }
    // Every row first: the dates' order is told by all of them.
    let mut records = Vec::new();
    csv_import::data_rows(&out.reading, |line, record| {
        records.push((line, record.clone()));
        Ok(())
    })?;
    let day_first = day_first(&records, &columns);
    for (line, record) in &records {
        out.read += 1;
        if out.sample.len() < 10 {
            out.sample.push(SampleRow {
                line: *line,
                values: record.iter().map(str::to_owned).collect(),
            });
        }
        let get =
            |c: Col| csv_import::unescape_formula(cell(record, columns.get(&c).copied()).trim());
        match line_of(&get, day_first, options, currency) {
            Ok(Some(l)) => out.lines.push((*line, l)),
            Ok(None) => {}
            Err(Skip::Left(message)) => {
                out.skipped += 1;
                out.warned.push(Problem {
                    line: *line,
                    message,
                });
            }
            Err(Skip::Rejected(message)) => out.rejected.push(Problem {
                line: *line,
                message,
            }),
        }
    }
    Ok(out)
}

enum Skip {
    /// Not money received: listed, left out.
    Left(Message),
    /// A line that cannot be read.
    Rejected(Message),
}

/// Whether the file's dates are day/month/year (PayPal outside the US): told by a value whose
/// first part cannot be a month; else by a US time zone beside it; else month first.
fn day_first(records: &[(u64, StringRecord)], columns: &HashMap<Col, usize>) -> bool {
    let mut first_over_12 = false;
    let mut second_over_12 = false;
    let mut us_zone = false;
    for (_, r) in records {
        let date = cell(r, columns.get(&Col::Date).copied()).trim();
        let parts: Vec<u32> = date
            .split(['/', '.'])
            .take(2)
            .filter_map(|p| p.trim().parse().ok())
            .collect();
        if let [a, b] = parts[..] {
            first_over_12 |= a > 12;
            second_over_12 |= b > 12;
        }
        let zone = cell(r, columns.get(&Col::TimeZone).copied()).trim();
        us_zone |= matches!(
            zone,
            "PST" | "PDT" | "EST" | "EDT" | "CST" | "CDT" | "MST" | "MDT" | "AKST" | "AKDT" | "HST"
        );
    }
    // PayPal writes the account's zone beside each time: outside the US, dates are day first.
    let zone_given = records.iter().any(|(_, r)| {
        !cell(r, columns.get(&Col::TimeZone).copied())
            .trim()
            .is_empty()
    });
    let dotted = records
        .iter()
        .any(|(_, r)| cell(r, columns.get(&Col::Date).copied()).contains('.'));
    first_over_12 || (!second_over_12 && !us_zone && (zone_given || dotted))
}

fn date_of(value: &str, day_first: bool) -> Option<NaiveDate> {
    // A timestamp with its offset is the day it was where it was written, not in UTC.
    let v = value.trim();
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(v) {
        return Some(t.date_naive());
    }
    for f in [
        "%Y-%m-%d %H:%M:%S%.f %z",
        "%Y-%m-%d %H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M:%S%.f%:z",
    ] {
        if let Ok(t) = chrono::DateTime::parse_from_str(v, f) {
            return Some(t.date_naive());
        }
    }
    if let Some(t) = csv_import::parse_date(value) {
        return Some(t.date_naive());
    }
    let date = value.split_whitespace().next()?;
    let parts: Vec<&str> = date.split(['/', '.', '-']).collect();
    let [a, b, y] = parts[..] else { return None };
    let (a, b): (u32, u32) = (a.parse().ok()?, b.parse().ok()?);
    let mut y: i32 = y.parse().ok()?;
    if y < 100 {
        y += 2000;
    }
    let (d, m) = if day_first || date.contains('.') {
        (a, b)
    } else {
        (b, a)
    };
    NaiveDate::from_ymd_opt(y, m, d)
}

/// An amount as the tools write it: "1,234.56", "-68.94", "84", "-23,00" (a European account).
/// The mark nearest the end with one or two digits after it is the decimal mark.
fn amount_of(value: &str, currency: &str) -> Option<i64> {
    let v = value.trim().trim_start_matches(['-', '+']).trim();
    let mark = match (v.rfind('.'), v.rfind(',')) {
        (Some(p), Some(c)) if c > p => DecimalMark::Comma,
        (None, Some(c)) if v.len() - c - 1 != 3 => DecimalMark::Comma,
        _ => DecimalMark::Point,
    };
    money::parse_typed("amount", v, currency, mark, true).ok()
}

fn is_negative(value: &str) -> bool {
    value.trim().starts_with('-')
}

fn line_of<'a>(
    get: &dyn Fn(Col) -> &'a str,
    day_first: bool,
    options: &Options,
    options_currency: &str,
) -> std::result::Result<Option<Line>, Skip> {
    let reject = Skip::Rejected;
    let kind = get(Col::Type).to_lowercase();
    let status = get(Col::Status).to_lowercase();
    let txn = get(Col::Transaction).to_owned();
    if get(Col::Impact).eq_ignore_ascii_case("memo") {
        return Err(Skip::Left(
            Message::new("import_not_a_donation").with("value", printable(get(Col::Type))),
        ));
    }
    let currency = match get(Col::Currency) {
        "" => options_currency.to_owned(),
        c => money::currency_code(c).map_err(|e| reject(e.message()))?,
    };
    let gross = get(Col::Amount);
    if gross.is_empty() {
        return Err(reject(Message::new("import_no_amount")));
    }
    let minor = amount_of(gross, &currency).ok_or_else(|| {
        reject(
            Message::new("bad_amount")
                .with("field", "amount")
                .with("value", printable(gross))
                .with("currency", &currency),
        )
    })?;
    let on = date_of(get(Col::Date), day_first).ok_or_else(|| {
        if get(Col::Date).is_empty() {
            reject(Message::new("import_no_date"))
        } else {
            reject(
                Message::new("bad_date")
                    .with("field", "received_on")
                    .with("value", printable(get(Col::Date))),
            )
        }
    })?;
    if txn.is_empty() {
        return Err(reject(Message::new("import_no_transaction")));
    }
    let refers_to = get(Col::RefersTo);
    // A refund line: money going back, pointing at the payment it refunds.
    if kind.contains("refund")
        || kind.contains("reversal")
        || (is_negative(gross)
            && !refers_to.is_empty()
            && kind.contains("payment")
            && !kind.contains("sent"))
    {
        if refers_to.is_empty() {
            return Err(Skip::Left(
                Message::new("import_refund_unknown").with("value", printable(&txn)),
            ));
        }
        return Ok(Some(Line::Refund {
            of: refers_to.to_owned(),
            txn,
            minor,
            on,
        }));
    }
    let received = matches!(
        status.as_str(),
        "" | "completed" | "complete" | "cleared" | "paid" | "success" | "succeeded" | "successful"
    );
    // Refunded in full; a partial refund ("partially refunded") counts only by its own lines.
    let refunded = matches!(status.as_str(), "refunded" | "reversed");
    let received = received || status == "partially refunded";
    if !received && !refunded {
        let key = match status.as_str() {
            "pending" | "held" | "placed" | "unclaimed" | "processing" => {
                Message::new("import_pending_payment")
            }
            "denied" | "failed" | "failure" | "declined" | "cancelled" | "canceled" | "removed"
            | "returned" | "voided" | "expired" => {
                Message::new("import_failed_payment").with("value", printable(get(Col::Status)))
            }
            _ => {
                return Err(reject(
                    Message::new("import_bad_money_status")
                        .with("value", printable(get(Col::Status))),
                ))
            }
        };
        return Err(Skip::Left(key));
    }
    // PayPal lists everything that moved money; only payments received are gifts.
    let is_payment = kind.is_empty()
        || [
            "donation",
            "payment received",
            "website payment",
            "subscription payment",
            "recurring payment",
            "express checkout payment",
            "general payment",
            "mobile payment",
            "payment",
        ]
        .iter()
        .any(|t| kind.starts_with(t))
            && !kind.contains("sent")
            && !kind.contains("bill user");
    if !is_payment || is_negative(gross) || minor == 0 {
        return Err(Skip::Left(
            Message::new("import_not_a_donation").with("value", printable(get(Col::Type))),
        ));
    }
    let fee = amount_of(get(Col::Fee), &currency).unwrap_or(0).min(minor);
    let recurring_word = get(Col::Recurring).to_lowercase();
    let recurring = kind.contains("subscription")
        || kind.contains("recurring")
        || !matches!(
            recurring_word.as_str(),
            "" | "false" | "no" | "0" | "none" | "one-time" | "one time" | "once" | "n"
        );
    let email = people::field::email(Some(get(Col::Email))).ok().flatten();
    let (mut given, mut family) = (
        get(Col::GivenName).to_owned(),
        get(Col::FamilyName).to_owned(),
    );
    if given.is_empty() && family.is_empty() {
        (given, family) = csv_import::split_full_name(get(Col::Name));
    }
    let person = (email.is_some() || !given.is_empty() || !family.is_empty()).then(|| {
        Box::new(NewPerson {
            given_name: people::field::given_name(&given).unwrap_or_default(),
            family_name: people::field::family_name(&family).unwrap_or_default(),
            email: email.clone(),
            ..NewPerson::default()
        })
    });
    let d = NewDonation {
        fund_id: options.fund,
        fee_minor: fee,
        transaction_id: Some(txn),
        source_code: get(Col::SourceCode).chars().take(100).collect(),
        recurring,
        note: Some(get(Col::Item).chars().take(1000).collect()).filter(|n: &String| !n.is_empty()),
        entered_by: options.who.clone(),
        ..NewDonation::new(minor, &currency, Method::Online, on)
    };
    Ok(Some(Line::Gift {
        d: Box::new(d),
        person,
        refunded,
    }))
}

/// The audit reason that marks a refund as applied, so a file read again applies it once.
fn refund_reason(txn: &str) -> String {
    format!("Refund {txn}")
}

fn refund_applied(conn: &rusqlite::Connection, gift: Id, txn: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM money_audit WHERE subject_id = ?1 AND action = 'refunded' AND reason = ?2)",
        rusqlite::params![gift, refund_reason(txn)],
        |r| r.get(0),
    )?)
}

/// The currency of lines that name none.
fn assumed_currency(store: &Store, options: &Options) -> Result<String> {
    match options
        .currency
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        Some(c) => money::currency_code(c),
        None => {
            Ok(crate::organization::home_currency(store.reader())?.unwrap_or_else(|| "USD".into()))
        }
    }
}

/// What importing `bytes` would do; nothing is written.
pub fn preview(store: &Store, file_name: &str, bytes: &[u8], options: &Options) -> Result<Preview> {
    let currency = assumed_currency(store, options)?;
    let r = read(bytes, options, &currency)?;
    let conn = store.reader();
    let (mut add, mut dup, mut refunds) = (0, 0, 0);
    let mut totals: HashMap<String, i64> = HashMap::new();
    let mut in_file: Vec<&str> = Vec::new();
    for (_, l) in &r.lines {
        match l {
            Line::Gift { d, refunded, .. } => {
                let txn = d.transaction_id.as_deref().unwrap_or_default();
                let known = donations::find_by_transaction(conn, txn)?;
                if let Some(gift) = known.filter(|_| *refunded) {
                    if !refund_applied(conn, gift, &format!("{txn} (status)"))? {
                        refunds += 1;
                    }
                }
                if known.is_some() || in_file.contains(&txn) {
                    dup += 1;
                } else {
                    add += 1;
                    in_file.push(txn);
                    let t = totals.entry(d.currency.clone()).or_default();
                    *t = money::add(*t, d.amount_minor)?;
                }
            }
            Line::Refund { of, txn, .. } => {
                let known = donations::find_by_transaction(conn, of)?;
                let applied = match known {
                    Some(g) => refund_applied(conn, g, txn)?,
                    None => !in_file.contains(&of.as_str()),
                };
                if !applied {
                    refunds += 1;
                }
            }
        }
    }
    let mut totals: Vec<(String, String)> = totals
        .into_iter()
        .map(|(c, m)| (c.clone(), money::format(m, &c)))
        .collect();
    totals.sort();
    Ok(Preview {
        file_name: file_name.to_owned(),
        encoding: r.reading.encoding.clone(),
        needs_encoding: r.reading.needs_encoding,
        encodings: r.reading.encodings.clone(),
        format: r.format,
        currency_assumed: (!r.has_currency).then_some(currency),
        headers: r.reading.headers.clone(),
        rows_read: r.read,
        will_add: add,
        duplicates: dup,
        refunds,
        skipped: r.skipped,
        totals,
        rejected: r.rejected,
        warned: r.warned,
        sample: r.sample,
    })
}

/// Imports `bytes` in one transaction.
pub fn import(store: &mut Store, bytes: &[u8], options: &Options) -> Result<ImportReport> {
    let currency = assumed_currency(store, options)?;
    let r = read(bytes, options, &currency)?;
    if r.reading.needs_encoding {
        return Err(csv_import::needs_encoding(&r.reading));
    }
    let mut report = ImportReport {
        read: r.read,
        skipped: r.skipped,
        rejected: r.rejected,
        warned: r.warned,
        ..Default::default()
    };
    let lines = r.lines;
    let (added, duplicates, refunded, unknown) =
        store.write(|w| write_lines(w, &lines, &options.who))?;
    report.added = added;
    report.duplicates = duplicates;
    report.refunded = refunded;
    report.warned.extend(unknown);
    report.warned.sort_by_key(|p| p.line);
    Ok(report)
}

fn write_lines(
    w: &Tx<'_>,
    lines: &[(u64, Line)],
    who: &str,
) -> Result<(u64, u64, u64, Vec<Problem>)> {
    let (mut added, mut duplicates, mut refunded) = (0, 0, 0);
    let mut unknown = Vec::new();
    let who = crate::money_audit::who(w, who)?;
    // Gifts first, so that a refund later in the file (or earlier: PayPal lists newest first)
    // finds its payment.
    for (_, line) in lines {
        let Line::Gift {
            d,
            person,
            refunded: was_refunded,
        } = line
        else {
            continue;
        };
        let txn = d.transaction_id.as_deref().unwrap_or_default();
        let status_txn = format!("{txn} (status)");
        if let Some(known) = donations::find_by_transaction(w, txn)? {
            duplicates += 1;
            // Paid when first imported, refunded since: the file now says so.
            if *was_refunded && !refund_applied(w, known, &status_txn)? {
                let amount = donations::get(w, known)?.amount_minor;
                donations::refund(
                    w,
                    known,
                    amount,
                    d.received_on,
                    &refund_reason(&status_txn),
                    &who,
                )?;
                refunded += 1;
            }
            continue;
        }
        let mut d = (**d).clone();
        d.entered_by = who.clone();
        if let Some(p) = person {
            let found = match &p.email {
                Some(e) => people::find_by_email(w, e)?,
                None => None,
            };
            d.person_id = match found {
                Some(id) => Some(id),
                None if !p.given_name.is_empty() || !p.family_name.is_empty() => {
                    Some(people::insert(w, p)?)
                }
                None => None,
            };
        }
        let id = donations::insert_as(w, &d, "imported")?;
        added += 1;
        if *was_refunded {
            donations::refund(
                w,
                id,
                d.amount_minor,
                d.received_on,
                &refund_reason(&status_txn),
                &who,
            )?;
            refunded += 1;
        }
    }
    for (line, l) in lines {
        let Line::Refund { of, txn, minor, on } = l else {
            continue;
        };
        let Some(gift) = donations::find_by_transaction(w, of)? else {
            unknown.push(Problem {
                line: *line,
                message: Message::new("import_refund_unknown").with("value", printable(of)),
            });
            continue;
        };
        if refund_applied(w, gift, txn)? {
            continue;
        }
        donations::refund(w, gift, *minor, *on, &refund_reason(txn), &who)?;
        refunded += 1;
    }
    Ok((added, duplicates, refunded, unknown))
}
