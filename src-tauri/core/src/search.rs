//! Finding people: the search index's words and keys (SQL functions the triggers of migration
//! 007 call), and the list of people or of an appeal's signers, filtered, sorted and paged by
//! key so that page 10,000 costs what page 1 costs.
//!
//! The tokenizer is FTS5's `trigram`, over words folded here (case, accents, ی/ي and ک/ك,
//! joiners): any three letters of a name find it in any script, including Chinese and Japanese
//! names written without spaces, which a word tokenizer would keep as one token. Each word is
//! stored after a space, so two typed letters find the start of a word.

use rusqlite::functions::{Context, FunctionFlags};
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::id::Id;
use crate::messages::Message;
use crate::signing::Source;
use crate::store::Store;
use crate::text::{self, fold};

/// Registers the functions the search triggers call, and the audit chain's. Every connection
/// that may write `people` or an audited table needs them (Store does it when it opens a file).
pub fn register_functions(conn: &Connection) -> rusqlite::Result<()> {
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    conn.create_scalar_function("desk_fold", 1, flags, |ctx| {
        Ok(fold(&optional(ctx, 0)?.unwrap_or_default()))
    })?;
    conn.create_scalar_function("desk_name_key", 2, flags, |ctx| {
        Ok(name_key(&ctx.get::<String>(0)?, &ctx.get::<String>(1)?))
    })?;
    conn.create_scalar_function("desk_reverse", 1, flags, |ctx| {
        Ok(ctx.get::<String>(0)?.chars().rev().collect::<String>())
    })?;
    conn.create_scalar_function("desk_mail_key", 1, flags, |ctx| {
        Ok(optional(ctx, 0)?.map(|e| mail_key(&e)))
    })?;
    conn.create_scalar_function("desk_phone_key", 1, flags, |ctx| {
        Ok(optional(ctx, 0)?.and_then(|p| phone_key(&p)))
    })?;
    conn.create_scalar_function("desk_search_words", 5, flags, |ctx| {
        let mut words = String::new();
        for i in 0..5 {
            for word in fold(&optional(ctx, i)?.unwrap_or_default()).split(' ') {
                if !word.is_empty() {
                    words.push(' ');
                    words.push_str(word);
                }
            }
        }
        Ok(words)
    })?;
    // The audit chain's triggers fire on the same writes (migration 010).
    crate::audit::register_functions(conn)
}

fn optional(ctx: &Context<'_>, i: usize) -> rusqlite::Result<Option<String>> {
    ctx.get::<Option<String>>(i)
}

/// A name's folded words in order: "Rezaei Ali" and "Ali Rezaei" have the same key.
pub fn name_key(given: &str, family: &str) -> String {
    let folded = fold(&format!("{given} {family}"));
    let mut words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    words.sort_unstable();
    words.join(" ")
}

/// The mailbox an address delivers to: lower case, and for providers that ignore them, without
/// the dots of the local part (Gmail) and without a `+tag`.
pub fn mail_key(email: &str) -> String {
    let email = email.trim().to_lowercase();
    let Some((local, domain)) = email.rsplit_once('@') else {
        return email;
    };
    let domain = match domain {
        "googlemail.com" => "gmail.com",
        d => d,
    };
    const PLUS_TAGS: &[&str] = &[
        "gmail.com",
        "outlook.com",
        "hotmail.com",
        "live.com",
        "icloud.com",
        "me.com",
        "fastmail.com",
        "proton.me",
        "protonmail.com",
        "pm.me",
    ];
    let mut local = local.to_owned();
    if PLUS_TAGS.contains(&domain) {
        if let Some(plus) = local.find('+') {
            local.truncate(plus);
        }
    }
    if domain == "gmail.com" {
        local.retain(|c| c != '.');
    }
    format!("{local}@{domain}")
}

/// The last nine digits of a phone number (so +98 912… and 0912… meet), in any digits; none for
/// fewer than six.
pub fn phone_key(phone: &str) -> Option<String> {
    let digits: String = phone
        .chars()
        .filter_map(|c| match c {
            '0'..='9' => Some(c),
            '\u{06f0}'..='\u{06f9}' => char::from_digit(c as u32 - 0x06f0, 10),
            '\u{0660}'..='\u{0669}' => char::from_digit(c as u32 - 0x0660, 10),
            _ => None,
        })
        .collect();
    match digits.len() {
        0..=5 => None,
        n => Some(digits[n.saturating_sub(9)..].to_owned()),
    }
}

/// The FTS5 query for what a person typed: each word of three letters or more anywhere, each of
/// two at the start of a word; a single letter says too little to search by. None: no search.
pub fn match_query(typed: &str) -> Option<String> {
    let folded = fold(typed);
    let terms: Vec<String> = folded
        .split(' ')
        .filter_map(|w| {
            let w = w.replace('"', "");
            match w.chars().count() {
                0 | 1 => None,
                2 => Some(format!("\" {w}\"")),
                _ => Some(format!("\"{w}\"")),
            }
        })
        .collect();
    (!terms.is_empty()).then(|| terms.join(" AND "))
}

/// What the list shows: everyone, or one appeal's signers, narrowed by the filters.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct PeopleQuery {
    pub text: Option<String>,
    pub appeal: Option<Id>,
    pub country: Option<String>,
    pub source: Option<String>,
    pub event: Option<Id>,
    pub sheet: Option<Id>,
    pub featured: Option<bool>,
    pub may_contact: Option<bool>,
    /// Dates as YYYY-MM-DD, both included.
    pub signed_from: Option<String>,
    pub signed_to: Option<String>,
    pub sort: Option<String>,
    pub descending: bool,
    pub after: Option<Cursor>,
    pub limit: Option<u32>,
}

/// Where a page ended: the sort keys of its last row and the row's place, handed back as is.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Cursor {
    pub keys: Vec<String>,
    pub at: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct PersonRow {
    pub id: Id,
    pub given_name: String,
    pub family_name: String,
    pub email: Option<String>,
    pub city: Option<String>,
    pub country: Option<String>,
    pub organization: Option<String>,
    /// The signature's, when the list is one appeal's signers.
    pub signed_at: Option<String>,
    pub source: Option<String>,
    pub display: Option<String>,
    pub featured: Option<bool>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PeoplePage {
    pub rows: Vec<PersonRow>,
    /// Pass as `after` for the next page; none when this one is the last.
    pub next: Option<Cursor>,
}

/// The sorts the list offers: each its key expressions, and whether it sorts signatures (so
/// needs an appeal, and pages by the signature's row). Matched by name, never pasted from input.
const SORTS: &[(&str, &[&str], bool)] = &[
    ("name", &["p.family_name", "p.given_name"], false),
    ("email", &["coalesce(p.email, '')"], false),
    ("city", &["coalesce(p.city, '')"], false),
    (
        "country",
        &["coalesce(p.country, '')", "p.family_name", "p.given_name"],
        false,
    ),
    ("organization", &["coalesce(p.organization, '')"], false),
    ("signed_at", &["s.signed_at"], true),
    ("source", &["s.source"], true),
];

const MAX_PAGE: u32 = 500;

/// The FROM and WHERE of a query, with its bound values in order.
struct Plan {
    from: String,
    conditions: Vec<String>,
    values: Vec<Value>,
    /// The text search's query, when there is one.
    matching: Option<String>,
}

/// `by_signature`: the list is sorted by a column of the signature.
fn plan(q: &PeopleQuery, by_signature: bool) -> Result<Plan> {
    let mut conditions = Vec::new();
    let mut values = Vec::new();
    let matching = q.text.as_deref().and_then(match_query);
    // A search starts from the index's matches; the rest is looked up by key from each.
    let search = if matching.is_some() {
        "people_search f CROSS JOIN person_keys k ON k.n = f.rowid CROSS JOIN people p ON p.id = k.id"
    } else {
        "people p"
    };
    // Conditions on the signature: on the joined row for one appeal, else "signed any".
    let mut on_signature: Vec<String> = Vec::new();
    let mut signature_values: Vec<Value> = Vec::new();
    if let Some(source) = &q.source {
        on_signature.push("s.source = ?".into());
        signature_values.push(Value::Text(Source::parse(source)?.as_str().into()));
    }
    if let Some(event) = q.event {
        on_signature.push("s.event_id = ?".into());
        signature_values.push(Value::Blob(event.as_bytes().to_vec()));
    }
    if let Some(sheet) = q.sheet {
        on_signature.push("s.sheet_id = ?".into());
        signature_values.push(Value::Blob(sheet.as_bytes().to_vec()));
    }
    if let Some(featured) = q.featured {
        on_signature.push("s.featured = ?".into());
        signature_values.push(Value::Integer(featured.into()));
    }
    if let Some(from) = date("signed_from", q.signed_from.as_deref())? {
        on_signature.push("s.signed_at >= ?".into());
        signature_values.push(Value::Text(from));
    }
    if let Some(to) = date("signed_to", q.signed_to.as_deref())? {
        on_signature.push("s.signed_at < date(?, '+1 day')".into());
        signature_values.push(Value::Text(to));
    }
    let from = match q.appeal {
        Some(appeal) => {
            conditions.push("s.appeal_id = ?".into());
            values.push(Value::Blob(appeal.as_bytes().to_vec()));
            conditions.append(&mut on_signature);
            values.append(&mut signature_values);
            if matching.is_some() || !by_signature {
                // From the matches, or walking the people in the sort's order, each probed
                // for its signature of this appeal (by appeal and person).
                format!("{search} CROSS JOIN signatures s ON s.person_id = p.id")
            } else {
                // By the signature's date or source: the appeal's signatures in that order.
                "signatures s CROSS JOIN people p ON p.id = s.person_id".to_owned()
            }
        }
        None => {
            if !on_signature.is_empty() {
                conditions.push(format!(
                    "EXISTS (SELECT 1 FROM signatures s WHERE s.person_id = p.id AND {})",
                    on_signature.join(" AND ")
                ));
                values.append(&mut signature_values);
            }
            search.to_owned()
        }
    };
    if let Some(country) = text::optional_line("country", q.country.as_deref(), 2)? {
        // As the country sort's index has it, so that the filter and the order share it.
        conditions.push("coalesce(p.country, '') = ?".into());
        values.push(Value::Text(text::country_code(&country)?));
    }
    if let Some(may) = q.may_contact {
        conditions.push(format!(
            "coalesce({}, 0) = ?",
            crate::signing::latest_contact_sql("p.id")
        ));
        values.push(Value::Integer(may.into()));
    }
    if let Some(m) = &matching {
        conditions.insert(0, "people_search MATCH ?".into());
        values.insert(0, Value::Text(m.clone()));
    }
    Ok(Plan {
        from,
        conditions,
        values,
        matching,
    })
}

/// A date filter as YYYY-MM-DD, checked.
fn date(field: &'static str, value: Option<&str>) -> Result<Option<String>> {
    match text::optional_line(field, value, 10)? {
        None => Ok(None),
        Some(d) => chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d")
            .map(|d| Some(d.format("%Y-%m-%d").to_string()))
            .map_err(|_| {
                Error::Invalid(
                    Message::new("bad_date")
                        .with("field", field)
                        .with("value", d),
                )
            }),
    }
}

fn where_clause(conditions: &[String]) -> String {
    if conditions.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", conditions.join(" AND "))
    }
}

/// One page of the list.
pub fn page(store: &Store, q: &PeopleQuery) -> Result<PeoplePage> {
    let by_signature = q
        .sort
        .as_deref()
        .is_some_and(|name| SORTS.iter().any(|(n, _, on)| *n == name && *on));
    let mut plan = plan(q, by_signature)?;
    let limit = q.limit.unwrap_or(100).clamp(1, MAX_PAGE);
    // A search with no sort chosen lists in the index's order, which needs no sorting of all
    // the matches: the first page of a common name is as quick as a rare one's.
    let (keys, tiebreak): (Vec<&str>, &str) = match (&q.sort, &plan.matching) {
        (None, Some(_)) => (Vec::new(), "f.rowid"),
        (sort, _) => {
            let name = sort.as_deref().unwrap_or("name");
            let &(_, keys, on_signature) = SORTS
                .iter()
                .find(|(n, _, _)| *n == name)
                .ok_or_else(|| Error::Invalid(Message::new("unknown_sort").with("value", name)))?;
            if on_signature && q.appeal.is_none() {
                return Err(Error::Invalid(
                    Message::new("unknown_sort").with("value", name),
                ));
            }
            let tiebreak = if on_signature { "s.rowid" } else { "p.rowid" };
            (keys.to_vec(), tiebreak)
        }
    };
    let all: Vec<&str> = keys.iter().copied().chain([tiebreak]).collect();
    let (direction, compare) = if q.descending {
        ("DESC", "<")
    } else {
        ("ASC", ">")
    };
    if let Some(after) = &q.after {
        if after.keys.len() != keys.len() {
            return Err(Error::invalid("stale_cursor"));
        }
        plan.conditions.push(format!(
            "({}) {compare} ({})",
            all.join(", "),
            vec!["?"; all.len()].join(", ")
        ));
        plan.values
            .extend(after.keys.iter().map(|k| Value::Text(k.clone())));
        plan.values.push(Value::Integer(after.at));
    }
    let signature_columns = if q.appeal.is_some() {
        "s.signed_at, s.source, s.display, s.featured"
    } else {
        "NULL, NULL, NULL, NULL"
    };
    let sql = format!(
        "SELECT p.id, p.given_name, p.family_name, p.email, p.city, p.country, p.organization,
                {signature_columns}, {} FROM {}{} ORDER BY {} LIMIT {}",
        all.join(", "),
        plan.from,
        where_clause(&plan.conditions),
        all.iter()
            .map(|k| format!("{k} {direction}"))
            .collect::<Vec<_>>()
            .join(", "),
        limit + 1,
    );
    let conn = store.conn();
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = Vec::new();
    let mut cursors = Vec::new();
    let mut result = stmt.query(params_from_iter(plan.values.iter()))?;
    while let Some(r) = result.next()? {
        rows.push(PersonRow {
            id: r.get(0)?,
            given_name: r.get(1)?,
            family_name: r.get(2)?,
            email: r.get(3)?,
            city: r.get(4)?,
            country: r.get(5)?,
            organization: r.get(6)?,
            signed_at: r.get(7)?,
            source: r.get(8)?,
            display: r.get(9)?,
            featured: r.get(10)?,
        });
        let mut key_values = Vec::with_capacity(keys.len());
        for i in 0..keys.len() {
            key_values.push(r.get::<_, String>(11 + i)?);
        }
        cursors.push(Cursor {
            keys: key_values,
            at: r.get(11 + keys.len())?,
        });
    }
    let next = if rows.len() > limit as usize {
        rows.truncate(limit as usize);
        cursors.truncate(limit as usize);
        cursors.pop()
    } else {
        None
    };
    Ok(PeoplePage { rows, next })
}

/// How many people the query finds, filters and search included.
pub fn count(store: &Store, q: &PeopleQuery) -> Result<i64> {
    let plan = plan(q, false)?;
    let sql = format!(
        "SELECT count(*) FROM {}{}",
        plan.from,
        where_clause(&plan.conditions)
    );
    Ok(store
        .conn()
        .prepare_cached(&sql)?
        .query_row(params_from_iter(plan.values.iter()), |r| r.get(0))?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_meet_the_spellings_people_use() {
        assert_eq!(name_key("Ali", "Rezaei"), name_key("REZAEI", "Alí"));
        assert_eq!(
            mail_key("Shirin.Ebadi+news@GoogleMail.com"),
            "shirinebadi@gmail.com"
        );
        assert_eq!(mail_key("ana+x@example.org"), "ana+x@example.org");
        assert_eq!(mail_key("a.n.a+x@outlook.com"), "a.n.a@outlook.com");
        assert_eq!(phone_key("+98 912 123 4567"), phone_key("0912-123-4567"));
        assert_eq!(phone_key("۰۹۱۲۱۲۳۴۵۶۷").as_deref(), Some("121234567"));
        assert_eq!(phone_key("12 34"), None);
    }

    #[test]
    fn typed_words_become_a_safe_query() {
        assert_eq!(match_query("  José "), Some("\"jose\"".into()));
        assert_eq!(match_query("a"), None);
        assert_eq!(match_query("li"), Some("\" li\"".into()));
        // Quotes and FTS5 syntax stay words: nothing typed becomes an operator.
        assert_eq!(
            match_query("\"x\" OR name:*"),
            Some("\" or\" AND \"name:*\"".into())
        );
    }
}
