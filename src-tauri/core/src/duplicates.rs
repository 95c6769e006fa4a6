//! Possible duplicates and the organizer's merge.
//!
//! A pair waits in the review queue (`duplicate_candidates`, this laptop's own) when:
//! - their mailboxes are the same once the dots and `+tags` a provider ignores are removed
//!   (`mail_alias`);
//! - their phones end in the same nine digits (`same_phone`);
//! - in the same city, their names fold to the same words (`same_name_city`: accents, ی/ي,
//!   case), the same words swapped, or words one typo apart (`similar_name`), unless both have
//!   an email: two addresses say two people.
//!
//! Each check is an index lookup on `person_keys` (migration 007), so a signing at a table
//! looks for its person's duplicates among a million in well under a millisecond. A name that
//! more than `MAX_GROUP` people in one city share is a common name, not a duplicate.
//!
//! The organizer merges a pair (choosing each field) or says they are different people
//! (`people_distinct`, exchanged, so every laptop remembers). A merge moves every signature,
//! consent act, answer and gift to the person kept, keeps the earlier of two signatures of one
//! appeal (and of two answers to one event), and writes a `merge_records` row with everything
//! undoing it needs.

use std::collections::BTreeMap;

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::id::Id;
use crate::messages::Message;
use crate::people::{self, NewPerson};
use crate::store::Store;
use crate::sync::Tx;
use crate::text::fold;

/// A name shared by more people than this in one city is common, not a duplicate.
const MAX_GROUP: usize = 20;
/// How many neighbours in name order a name is compared with, on each side.
const NEIGHBOURS: i64 = 3;

/// The fields of a person the merge lets the organizer choose, in the order shown.
pub const FIELDS: &[&str] = &[
    "given_name",
    "family_name",
    "email",
    "phone",
    "city",
    "region",
    "postal_code",
    "country",
    "organization",
    "title",
    "notes",
];

/// The tables whose rows belong to a person and move with a merge.
const PERSON_ROWS: &[&str] = &["signatures", "consents", "rsvps", "donations"];

struct Keys {
    name_key: String,
    reversed_key: String,
    city_key: String,
    mail_key: Option<String>,
    phone_key: Option<String>,
    has_email: bool,
}

/// Looks for duplicates of each of `people` and queues the pairs found. Returns how many new
/// pairs wait. `conn` must be in a write transaction (the queue is this laptop's own table).
pub fn queue_for(conn: &Connection, people: &[Id], found_at: &str) -> Result<usize> {
    let mut queued = 0;
    for &person in people {
        let Some(keys) = keys(conn, person)? else {
            continue;
        };
        let mut found: Vec<(Id, &'static str)> = Vec::new();
        if let Some(mail) = &keys.mail_key {
            for other in group(conn, "mail_key = ?1", [mail], person)? {
                found.push((other.0, "mail_alias"));
            }
        }
        if let Some(phone) = &keys.phone_key {
            for other in group(conn, "phone_key = ?1", [phone], person)? {
                found.push((other.0, "same_phone"));
            }
        }
        if !keys.city_key.is_empty() {
            let same = group(
                conn,
                "city_key = ?1 AND name_key = ?2",
                [&keys.city_key, &keys.name_key],
                person,
            )?;
            for (other, other_mail) in same {
                if !(keys.has_email && other_mail) {
                    let reason = if folded_name(conn, person)? == folded_name(conn, other)? {
                        "same_name_city"
                    } else {
                        "similar_name"
                    };
                    found.push((other, reason));
                }
            }
            for (column, key) in [
                ("name_key", &keys.name_key),
                ("reversed_key", &keys.reversed_key),
            ] {
                for (other, other_key, other_mail) in neighbours(conn, column, &keys.city_key, key)?
                {
                    if other != person
                        && !(keys.has_email && other_mail)
                        && strsim::levenshtein(key, &other_key) == 1
                    {
                        found.push((other, "similar_name"));
                    }
                }
            }
        }
        for (other, reason) in found {
            let (a, b) = (person.min(other), person.max(other));
            if a == b || said_different(conn, a, b)? {
                continue;
            }
            queued += conn.execute(
                "INSERT INTO duplicate_candidates (person_a, person_b, reason, found_at)
                 VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
                params![a, b, reason, found_at],
            )?;
        }
    }
    Ok(queued)
}

fn keys(conn: &Connection, person: Id) -> Result<Option<Keys>> {
    Ok(conn
        .prepare_cached(
            "SELECT name_key, reversed_key, city_key, mail_key, phone_key, has_email
               FROM person_keys WHERE id = ?1",
        )?
        .query_row([person], |r| {
            Ok(Keys {
                name_key: r.get(0)?,
                reversed_key: r.get(1)?,
                city_key: r.get(2)?,
                mail_key: r.get(3)?,
                phone_key: r.get(4)?,
                has_email: r.get(5)?,
            })
        })
        .optional()?)
}

/// The other people matching `condition`, with whether they have an email; none when they are
/// more than MAX_GROUP (a common name, a shared office phone).
fn group<P: rusqlite::Params>(
    conn: &Connection,
    condition: &str,
    values: P,
    person: Id,
) -> Result<Vec<(Id, bool)>> {
    let sql = format!(
        "SELECT id, has_email FROM person_keys WHERE {condition} LIMIT {}",
        MAX_GROUP + 2
    );
    let rows: Vec<(Id, bool)> = conn
        .prepare_cached(&sql)?
        .query_map(values, |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    if rows.len() > MAX_GROUP {
        return Ok(Vec::new());
    }
    Ok(rows.into_iter().filter(|(id, _)| *id != person).collect())
}

/// The names just before and after `key` in one city, in `column`'s order.
fn neighbours(
    conn: &Connection,
    column: &str,
    city: &str,
    key: &str,
) -> Result<Vec<(Id, String, bool)>> {
    let column = if column == "reversed_key" {
        "reversed_key"
    } else {
        "name_key"
    };
    let mut out = Vec::new();
    for (compare, order) in [(">", "ASC"), ("<", "DESC")] {
        let sql = format!(
            "SELECT id, {column}, has_email FROM person_keys
              WHERE city_key = ?1 AND {column} {compare} ?2 ORDER BY {column} {order}
              LIMIT {NEIGHBOURS}"
        );
        // The limit is written into the SQL: bound as a parameter, SQLite's planner uses its
        // value, and prepares the statement again at every call (half of an import's search
        // for duplicates went to that).
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![city, key], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
        for row in rows {
            out.push(row?);
        }
    }
    Ok(out)
}

fn folded_name(conn: &Connection, person: Id) -> Result<String> {
    let (given, family): (String, String) = conn
        .prepare_cached("SELECT given_name, family_name FROM people WHERE id = ?1")?
        .query_row([person], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(fold(&format!("{given} {family}")))
}

fn said_different(conn: &Connection, a: Id, b: Id) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM people_distinct WHERE person_a = ?1 AND person_b = ?2)",
        )?
        .query_row([a, b], |r| r.get(0))?)
}

/// Looks for duplicates among everyone (after migration 007; a laptop's whole list).
pub fn queue_all(conn: &Connection, found_at: &str) -> Result<usize> {
    let people: Vec<Id> = conn
        .prepare("SELECT id FROM person_keys ORDER BY n")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    queue_for(conn, &people, found_at)
}

/// Migration 007's hook: the pairs the organizer marked as different become `people_distinct`
/// rows (recorded, with ids every laptop derives alike), the old queue goes, and everyone is
/// looked at with the new checks.
pub(crate) fn after_migration(tx: &rusqlite::Transaction<'_>) -> rusqlite_migration::HookResult {
    crate::sync::record::recorded(tx, |w| {
        let pairs: Vec<(Id, Id)> = w
            .prepare(
                "SELECT person_a, person_b FROM old_duplicate_candidates WHERE status = 'different'",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (a, b) in pairs {
            insert_distinct(w, a, b)?;
        }
        w.execute_batch("DROP TABLE old_duplicate_candidates")?;
        queue_all(w, w.stamp())?;
        Ok(())
    })
    .map_err(|e| match e {
        Error::Database(e) => rusqlite_migration::HookError::RusqliteError(e),
        other => rusqlite_migration::HookError::Hook(other.to_string()),
    })
}

fn insert_distinct(w: &Tx<'_>, a: Id, b: Id) -> Result<()> {
    let (a, b) = (a.min(b), a.max(b));
    w.execute(
        "INSERT INTO people_distinct (id, person_a, person_b, created_at, updated_at, written_by)
         VALUES (?1, ?2, ?3, ?4, ?4, ?5) ON CONFLICT (id) DO NOTHING",
        params![
            Id::derived(a, &format!("distinct/{b}")),
            a,
            b,
            w.stamp(),
            w.laptop()
        ],
    )?;
    Ok(())
}

/// One side of a pair, as the organizer compares them.
#[derive(Debug, Clone, Serialize)]
pub struct PersonCard {
    pub id: Id,
    #[serde(flatten)]
    pub details: people::Details,
    pub signatures: i64,
    pub appeals: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Pair {
    pub a: PersonCard,
    pub b: PersonCard,
    pub reason: String,
    pub found_at: String,
}

/// The pairs waiting for review, oldest person first in each pair, the earliest found first.
pub fn queue(store: &Store, limit: i64) -> Result<Vec<Pair>> {
    let conn = store.conn();
    let pairs: Vec<(Id, Id, String, String)> = conn
        .prepare(
            "SELECT person_a, person_b, reason, found_at FROM duplicate_candidates
              ORDER BY found_at, person_a, person_b LIMIT ?1",
        )?
        .query_map([limit], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for (a, b, reason, found_at) in pairs {
        let (a, b) = (card(conn, a)?, card(conn, b)?);
        let (a, b) =
            if (b.details.created_at.as_str(), b.id) < (a.details.created_at.as_str(), a.id) {
                (b, a)
            } else {
                (a, b)
            };
        out.push(Pair {
            a,
            b,
            reason,
            found_at,
        });
    }
    Ok(out)
}

/// How many pairs wait.
pub fn waiting(store: &Store) -> Result<i64> {
    Ok(store
        .conn()
        .query_row("SELECT count(*) FROM duplicate_candidates", [], |r| {
            r.get(0)
        })?)
}

fn card(conn: &Connection, id: Id) -> Result<PersonCard> {
    let mut card = PersonCard {
        id,
        details: people::details(conn, id)?,
        signatures: 0,
        appeals: Vec::new(),
    };
    card.appeals = conn
        .prepare(
            "SELECT a.title FROM signatures s JOIN appeals a ON a.id = s.appeal_id
              WHERE s.person_id = ?1 ORDER BY s.signed_at",
        )?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    card.signatures = card.appeals.len() as i64;
    Ok(card)
}

/// The organizer says `a` and `b` are different people: the pair leaves the queue for good.
pub fn mark_different(w: &Tx<'_>, a: Id, b: Id) -> Result<()> {
    if a == b {
        return Err(Error::invalid("merge_same_person"));
    }
    insert_distinct(w, a, b)?;
    w.execute(
        "DELETE FROM duplicate_candidates WHERE person_a = ?1 AND person_b = ?2",
        params![a.min(b), a.max(b)],
    )?;
    Ok(())
}

/// A stored value, kept exactly in a merge record so that undoing writes the same bytes back.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(tag = "t", content = "v")]
enum Cell {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

impl From<Value> for Cell {
    fn from(v: Value) -> Cell {
        match v {
            Value::Null => Cell::Null,
            Value::Integer(i) => Cell::Int(i),
            Value::Real(f) => Cell::Real(f),
            Value::Text(t) => Cell::Text(t),
            Value::Blob(b) => Cell::Blob(b),
        }
    }
}

impl From<&Cell> for Value {
    fn from(c: &Cell) -> Value {
        match c {
            Cell::Null => Value::Null,
            Cell::Int(i) => Value::Integer(*i),
            Cell::Real(f) => Value::Real(*f),
            Cell::Text(t) => Value::Text(t.clone()),
            Cell::Blob(b) => Value::Blob(b.clone()),
        }
    }
}

type Row = BTreeMap<String, Cell>;

/// What undoing a merge needs.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct MergeSnapshot {
    /// The person merged away, every column.
    removed: Row,
    /// The kept person's chosen fields before and after the merge.
    kept_before: BTreeMap<String, Cell>,
    kept_after: BTreeMap<String, Cell>,
    /// Per table, the rows that moved from the removed person to the kept one.
    moved: BTreeMap<String, Vec<Id>>,
    /// Second signatures and answers the merge removed (the earlier stayed), every column.
    dropped: Vec<(String, Row)>,
}

fn row(conn: &Connection, table: &str, id: Id) -> Result<Option<Row>> {
    let mut stmt = conn.prepare(&format!("SELECT * FROM {table} WHERE id = ?1"))?;
    let names: Vec<String> = stmt.column_names().iter().map(|s| s.to_string()).collect();
    Ok(stmt
        .query_row([id], |r| {
            let mut row = Row::new();
            for (i, name) in names.iter().enumerate() {
                row.insert(name.clone(), Cell::from(r.get::<_, Value>(i)?));
            }
            Ok(row)
        })
        .optional()?)
}

/// Writes `row` back into `table` as this write's own (its stamp and laptop), with only the
/// columns the table has.
fn restore(w: &Tx<'_>, table: &str, row: &Row) -> Result<()> {
    let columns: Vec<String> = w
        .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut names = Vec::new();
    let mut values: Vec<Value> = Vec::new();
    for column in &columns {
        let value = match column.as_str() {
            "updated_at" => Value::Text(w.stamp().to_owned()),
            "written_by" => Value::Blob(w.laptop().as_bytes().to_vec()),
            c => match row.get(c) {
                Some(cell) => cell.into(),
                None => continue,
            },
        };
        names.push(format!("\"{column}\""));
        values.push(value);
    }
    w.execute(
        &format!(
            "INSERT INTO {table} ({}) VALUES ({})",
            names.join(", "),
            vec!["?"; names.len()].join(", ")
        ),
        params_from_iter(values),
    )?;
    Ok(())
}

fn fields(conn: &Connection, person: Id) -> Result<BTreeMap<String, Cell>> {
    let row = row(conn, "people", person)?
        .ok_or_else(|| Error::NotFound(Message::new("person_not_found")))?;
    Ok(row
        .into_iter()
        .filter(|(k, _)| FIELDS.contains(&k.as_str()))
        .collect())
}

fn text_of(cell: Option<&Cell>) -> Option<String> {
    match cell {
        Some(Cell::Text(t)) => Some(t.clone()),
        _ => None,
    }
}

fn new_person(fields: &BTreeMap<String, Cell>) -> NewPerson {
    let get = |k: &str| text_of(fields.get(k));
    NewPerson {
        given_name: get("given_name").unwrap_or_default(),
        family_name: get("family_name").unwrap_or_default(),
        email: get("email"),
        phone: get("phone"),
        city: get("city"),
        region: get("region"),
        postal_code: get("postal_code"),
        country: get("country"),
        organization: get("organization"),
        title: get("title"),
        notes: get("notes"),
    }
}

/// Which person's value each field keeps: `"keep"` or `"remove"`. A field not named keeps the
/// kept person's value, or the other's when the kept one is blank.
pub type Choice = BTreeMap<String, String>;

/// Merges `remove` into `keep`. Returns the merge record's id (for undoing it).
pub fn merge(w: &Tx<'_>, keep: Id, remove: Id, choose: &Choice) -> Result<Id> {
    if keep == remove {
        return Err(Error::invalid("merge_same_person"));
    }
    let removed = row(w, "people", remove)?
        .ok_or_else(|| Error::NotFound(Message::new("person_not_found")))?;
    let kept_before = fields(w, keep)?;
    let mut chosen = kept_before.clone();
    for field in FIELDS {
        let theirs = removed.get(*field).cloned().unwrap_or(Cell::Null);
        let blank =
            |c: &Cell| matches!(c, Cell::Null) || matches!(c, Cell::Text(t) if t.is_empty());
        let take_theirs = match choose.get(*field).map(String::as_str) {
            Some("remove") => true,
            Some("keep") => false,
            Some(other) => {
                return Err(Error::Invalid(
                    Message::new("bad_merge_choice").with("value", other),
                ))
            }
            None => chosen.get(*field).is_none_or(blank) && !blank(&theirs),
        };
        if take_theirs {
            chosen.insert((*field).to_owned(), theirs);
        }
    }
    for key in choose.keys() {
        if !FIELDS.contains(&key.as_str()) {
            return Err(Error::Invalid(
                Message::new("bad_merge_choice").with("value", key),
            ));
        }
    }

    let mut moved = BTreeMap::new();
    for table in PERSON_ROWS {
        let ids: Vec<Id> = w
            .prepare(&format!("SELECT id FROM {table} WHERE person_id = ?1"))?
            .query_map([remove], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        moved.insert((*table).to_owned(), ids);
    }
    people::move_rows(w, remove, keep)?;
    let mut dropped = Vec::new();
    for (table, parent, when) in [
        ("signatures", "appeal_id", "signed_at"),
        ("rsvps", "event_id", "created_at"),
    ] {
        // The earlier of two rows for one appeal (one event) stays.
        let later: Vec<Id> = w
            .prepare(&format!(
                "SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY {parent} ORDER BY {when}, id) AS k
                                  FROM {table} WHERE person_id = ?1) WHERE k > 1"
            ))?
            .query_map([keep], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in later {
            if let Some(mut image) = row(w, table, id)? {
                // It belonged to the person merged away, before the rows moved.
                image.insert("person_id".into(), Cell::Blob(remove.as_bytes().to_vec()));
                dropped.push((table.to_owned(), image));
            }
            w.execute(&format!("DELETE FROM {table} WHERE id = ?1"), [id])?;
        }
    }
    w.execute("DELETE FROM people WHERE id = ?1", [remove])?;
    people::update(w, keep, &new_person(&chosen))?;
    people::remember_merge(w, remove, keep, "organizer")?;
    let snapshot = MergeSnapshot {
        removed,
        kept_before,
        kept_after: fields(w, keep)?,
        moved,
        dropped,
    };
    let id = Id::new();
    w.execute(
        "INSERT INTO merge_records (id, kept_id, removed_id, snapshot, created_at, updated_at, written_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)",
        params![
            id,
            keep,
            remove,
            serde_json::to_string(&snapshot).map_err(|_| damaged())?,
            w.stamp(),
            w.laptop()
        ],
    )?;
    queue_for(w, &[keep], w.stamp())?;
    Ok(id)
}

/// Undoes a merge: the person merged away comes back with the rows that moved, the second
/// signatures and answers removed come back, and the kept person's fields that the merge set
/// (and nobody changed since) return to what they were.
pub fn undo(w: &Tx<'_>, merge: Id) -> Result<()> {
    let (kept, removed, snapshot, undone): (Id, Id, String, Option<String>) = w
        .query_row(
            "SELECT kept_id, removed_id, snapshot, undone_at FROM merge_records WHERE id = ?1",
            [merge],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?
        .ok_or_else(|| Error::NotFound(Message::new("merge_not_found")))?;
    if undone.is_some() {
        return Err(Error::Conflict(Message::new("merge_undone")));
    }
    let snapshot: MergeSnapshot = serde_json::from_str(&snapshot).map_err(|_| damaged())?;
    let exists = |table: &str, id: Id| -> Result<bool> {
        Ok(w.query_row(
            &format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)"),
            [id],
            |r| r.get(0),
        )?)
    };
    if exists("people", removed)? {
        return Err(Error::Conflict(Message::new("merge_undone")));
    }
    // The kept person's fields first, so that an email moves back before its owner returns.
    if exists("people", kept)? {
        let mut now = fields(w, kept)?;
        for field in FIELDS {
            let (after, before) = (
                snapshot.kept_after.get(*field),
                snapshot.kept_before.get(*field),
            );
            if now.get(*field) == after {
                now.insert((*field).to_owned(), before.cloned().unwrap_or(Cell::Null));
            }
        }
        people::update(w, kept, &new_person(&now))?;
    }
    restore(w, "people", &snapshot.removed)?;
    for (table, ids) in &snapshot.moved {
        if !PERSON_ROWS.contains(&table.as_str()) {
            continue;
        }
        for id in ids {
            w.execute(
                &format!(
                    "UPDATE {table} SET person_id = ?1, updated_at = ?3, written_by = ?4
                      WHERE id = ?2 AND person_id = ?5"
                ),
                params![removed, id, w.stamp(), w.laptop(), kept],
            )?;
        }
    }
    for (table, image) in &snapshot.dropped {
        let (table, parent) = match table.as_str() {
            "signatures" => ("signatures", "appeal_id"),
            "rsvps" => ("rsvps", "event_id"),
            _ => continue,
        };
        // Back only when what it belonged to is still there.
        let parent_table = if parent == "appeal_id" {
            "appeals"
        } else {
            "events"
        };
        let parent_id = match image.get(parent) {
            Some(Cell::Blob(b)) => Id::from_slice(b),
            _ => None,
        };
        if let Some(p) = parent_id {
            if exists(parent_table, p)? {
                restore(w, table, image)?;
            }
        }
    }
    w.execute("DELETE FROM person_merges WHERE id = ?1", [removed])?;
    w.execute(
        "UPDATE merge_records SET undone_at = ?2, updated_at = ?2, written_by = ?3 WHERE id = ?1",
        params![merge, w.stamp(), w.laptop()],
    )?;
    queue_for(w, &[removed], w.stamp())?;
    Ok(())
}

/// A merge record that does not read back (written by a damaged or foreign file).
fn damaged() -> Error {
    Error::Conflict(Message::new("merge_record_damaged"))
}

/// A merge into a person, for their page.
#[derive(Debug, Clone, Serialize)]
pub struct MergeLine {
    pub id: Id,
    pub other_name: String,
    pub merged_at: String,
    pub undone_at: Option<String>,
}

pub fn merges_into(conn: &Connection, person: Id) -> Result<Vec<MergeLine>> {
    let rows: Vec<(Id, String, String, Option<String>)> = conn
        .prepare(
            "SELECT id, snapshot, created_at, undone_at FROM merge_records
              WHERE kept_id = ?1 OR removed_id = ?1 ORDER BY created_at DESC",
        )?
        .query_map([person], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for (id, snapshot, merged_at, undone_at) in rows {
        let snapshot: MergeSnapshot = serde_json::from_str(&snapshot).map_err(|_| damaged())?;
        let name = |k: &str| text_of(snapshot.removed.get(k)).unwrap_or_default();
        out.push(MergeLine {
            id,
            other_name: format!("{} {}", name("given_name"), name("family_name"))
                .trim()
                .to_owned(),
            merged_at,
            undone_at,
        });
    }
    Ok(out)
}
