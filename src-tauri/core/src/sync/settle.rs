//! What a merge settles after applying the changesets of a bundle, as this laptop's own write
//! (recorded, so it travels on like any edit). Every step depends only on the rows, never on the
//! order in which they arrived, so laptops that settle the same rows write the same result; when
//! two laptops both settle, their writes are equal and the later simply wins.
//!
//! 1. Rows whose parent is gone: re-pointed when the parent was merged into another person,
//!    otherwise treated as the parent's removal says (removed with it, or the link cleared).
//! 2. People with the same email (ignoring case) are one person: the one created first stays,
//!    the other's signatures, answers and gifts move to it, and its blank fields are filled.
//! 3. A second signature of one person on one appeal: the one entered first stays. A second
//!    answer to one event: the one entered first stays, carrying the latest answer.
//! 4. Two gifts with one platform transaction id (the same file imported on two laptops): the
//!    one entered first stays, the other is voided with the reason said, flagged for the
//!    treasurer. Receipts numbered somewhere keep their numbering laptop, should a save of
//!    the organization's settings from a laptop that never saw the claim have cleared it.
//! 5. Likely duplicates of the people the bundle touched wait in the review queue
//!    (duplicates.rs). Nothing else is merged without the organizer.

use std::collections::HashSet;

use rusqlite::types::Value;
use rusqlite::{params, OptionalExtension};
use serde_json::{Map, Value as Json};

use crate::error::Result;
use crate::id::Id;
use crate::sync::apply::{json_value, Conflict};
use crate::sync::record::Tx;

/// What settling did, for the summary.
#[derive(Debug, Default)]
pub(crate) struct Settled {
    pub merged_people: usize,
    pub duplicates_queued: usize,
    pub conflicts: Vec<Conflict>,
}

pub(crate) fn settle(w: &Tx<'_>, touched_people: &HashSet<Id>) -> Result<Settled> {
    let mut settled = Settled::default();
    orphans(w, &mut settled)?;
    same_email(w, &mut settled)?;
    second_signatures(w, &mut settled)?;
    second_answers(w, &mut settled)?;
    same_transaction(w, &mut settled)?;
    receipts_laptop(w)?;
    settled.duplicates_queued = queue_duplicates(w, touched_people)?;
    // Foreign keys are off while a bundle is applied (Store::merge): what the steps above
    // removed leaves nothing pointing at it.
    orphans(w, &mut settled)?;
    Ok(settled)
}

/// Re-points or resolves every row whose parent is missing, until none is left.
fn orphans(w: &Tx<'_>, settled: &mut Settled) -> Result<()> {
    for _ in 0..16 {
        let mut stmt = w.prepare("PRAGMA foreign_key_check")?;
        let found: Vec<(String, i64, String, i64)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        drop(stmt);
        if found.is_empty() {
            return Ok(());
        }
        for (table, rowid, parent, fk) in found {
            let quoted = quote(&table);
            if !crate::sync::SYNCED_TABLES.contains(&table.as_str()) {
                // This laptop's own derived rows (the duplicate queue): they go with their
                // person, and are found again if still true.
                w.execute(&format!("DELETE FROM {quoted} WHERE rowid = ?1"), [rowid])?;
                continue;
            }
            let (column, on_delete) = foreign_key(w, &table, fk)?;
            let column_q = quote(&column);
            let target: Option<Id> = w
                .query_row(
                    &format!("SELECT {column_q} FROM {quoted} WHERE rowid = ?1"),
                    [rowid],
                    |r| r.get(0),
                )
                .optional()?
                .flatten();
            if parent == "people" {
                if let Some(into) = target.map(|t| merged_into(w, t)).transpose()?.flatten() {
                    w.execute(
                        &format!(
                            "UPDATE {quoted} SET {column_q} = ?1, updated_at = ?2, written_by = ?3 WHERE rowid = ?4"
                        ),
                        params![into, w.stamp(), w.laptop(), rowid],
                    )?;
                    continue;
                }
            }
            let image = row_image(w, &table, rowid)?;
            if on_delete == "SET NULL" {
                // A gift stays, without its donor (or fund, or event): recorded, and for the
                // treasurer when it is money (sync_conflicts.money).
                if let Some((id, image)) = image {
                    settled.conflicts.push(Conflict {
                        table: table.clone(),
                        row_id: id,
                        kind: "parent_removed",
                        kept: None,
                        other: Some(image),
                    });
                }
                w.execute(
                    &format!(
                        "UPDATE {quoted} SET {column_q} = NULL, updated_at = ?1, written_by = ?2 WHERE rowid = ?3"
                    ),
                    params![w.stamp(), w.laptop(), rowid],
                )?;
            } else {
                if let Some((id, image)) = image {
                    settled.conflicts.push(Conflict {
                        table: table.clone(),
                        row_id: id,
                        kind: "parent_removed",
                        kept: None,
                        other: Some(image),
                    });
                }
                w.execute(&format!("DELETE FROM {quoted} WHERE rowid = ?1"), [rowid])?;
            }
        }
    }
    Ok(())
}

/// The child column and ON DELETE action of foreign key number `fk` of `table`.
fn foreign_key(w: &Tx<'_>, table: &str, fk: i64) -> Result<(String, String)> {
    let mut stmt = w.prepare(&format!("PRAGMA foreign_key_list({})", quote(table)))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        if r.get::<_, i64>(0)? == fk {
            return Ok((r.get(3)?, r.get(6)?));
        }
    }
    Ok(("id".into(), "CASCADE".into()))
}

/// The person `id` was merged into, following merges of merges; `None` if it never was or the
/// person kept is gone too.
fn merged_into(w: &Tx<'_>, id: Id) -> Result<Option<Id>> {
    let mut current = id;
    for _ in 0..64 {
        let next: Option<Id> = w
            .query_row(
                "SELECT into_id FROM person_merges WHERE id = ?1",
                [current],
                |r| r.get(0),
            )
            .optional()?;
        match next {
            Some(next) if next != current => current = next,
            _ => break,
        }
    }
    if current == id {
        return Ok(None);
    }
    let exists: bool = w.query_row(
        "SELECT EXISTS (SELECT 1 FROM people WHERE id = ?1)",
        [current],
        |r| r.get(0),
    )?;
    Ok(exists.then_some(current))
}

fn same_email(w: &Tx<'_>, settled: &mut Settled) -> Result<()> {
    let mut stmt = w.prepare(
        "SELECT lower(email) FROM people WHERE email IS NOT NULL
          GROUP BY lower(email) HAVING count(*) > 1",
    )?;
    let emails: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    drop(stmt);
    for email in emails {
        let mut stmt =
            w.prepare("SELECT id FROM people WHERE lower(email) = ?1 ORDER BY created_at, id")?;
        let ids: Vec<Id> = stmt
            .query_map([&email], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        drop(stmt);
        let (keep, others) = ids.split_first().expect("a group of two or more");
        for other in others {
            let kept_image = person_image(w, *keep)?;
            let other_image = person_image(w, *other)?;
            crate::people::merge(w, *other, *keep, "same_email")?;
            settled.merged_people += 1;
            settled.conflicts.push(Conflict {
                table: "people".into(),
                row_id: keep.as_bytes().to_vec(),
                kind: "same_email",
                kept: kept_image,
                other: other_image,
            });
        }
    }
    Ok(())
}

fn second_signatures(w: &Tx<'_>, settled: &mut Settled) -> Result<()> {
    second_rows(
        w,
        settled,
        "signatures",
        "appeal_id",
        "second_signature",
        None,
    )
}

fn second_answers(w: &Tx<'_>, settled: &mut Settled) -> Result<()> {
    // The first answer stays, with the person's latest word in it, stamped as that word was:
    // laptops that settled different pairs then agree on the latest reply.
    let carry = "UPDATE rsvps SET status = o.status, attendance = o.attendance, guests = o.guests,
                        note = o.note, attendance_at = o.attendance_at, arrived = o.arrived,
                        promoted_at = o.promoted_at,
                        updated_at = o.updated_at, written_by = o.written_by
                   FROM (SELECT status, attendance, guests, note, attendance_at, arrived,
                                promoted_at, updated_at, written_by
                           FROM rsvps WHERE id = ?2) o
                  WHERE rsvps.id = ?1
                    AND (o.updated_at, o.written_by) > (rsvps.updated_at, rsvps.written_by)
                    AND (o.status, coalesce(o.attendance, ''), o.guests, o.note, o.arrived)
                        IS NOT (rsvps.status, coalesce(rsvps.attendance, ''), rsvps.guests,
                                rsvps.note, rsvps.arrived)";
    second_rows(
        w,
        settled,
        "rsvps",
        "event_id",
        "second_answer",
        Some(carry),
    )
}

/// The reason a gift voided by the merge gives.
pub(crate) const SAME_TRANSACTION: &str =
    "The same platform transaction as a gift entered earlier (imported on two laptops)";

fn same_transaction(w: &Tx<'_>, settled: &mut Settled) -> Result<()> {
    let mut stmt = w.prepare(
        "SELECT d.id, (SELECT k.id FROM donations k
                        WHERE k.transaction_id = d.transaction_id AND k.voided_at IS NULL
                        ORDER BY k.created_at, k.id LIMIT 1)
           FROM donations d
          WHERE d.transaction_id IS NOT NULL AND d.voided_at IS NULL
            AND d.transaction_id IN (SELECT transaction_id FROM donations
                                      WHERE transaction_id IS NOT NULL AND voided_at IS NULL
                                      GROUP BY transaction_id HAVING count(*) > 1)",
    )?;
    let pairs: Vec<(Id, Id)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    drop(stmt);
    for (other, keep) in pairs.into_iter().filter(|(o, k)| o != k) {
        let before = row_image_by_id(w, "donations", other)?;
        w.execute(
            "UPDATE donations SET voided_at = ?2, void_reason = ?3, updated_at = ?2, written_by = ?4
              WHERE id = ?1",
            params![other, w.stamp(), SAME_TRANSACTION, w.laptop()],
        )?;
        // One trail entry, whichever laptops settle it: its id is derived from the gift.
        w.execute(
            "INSERT INTO money_audit (id, subject_table, subject_id, action, who, reason, before,
                                      after, created_at, updated_at, written_by)
             VALUES (?1, 'donations', ?2, 'voided', 'merge', ?3, '{}', '{}', ?4, ?4, ?5)
             ON CONFLICT (id) DO NOTHING",
            params![
                Id::derived(other, "voided as a second transaction"),
                other,
                SAME_TRANSACTION,
                w.stamp(),
                w.laptop()
            ],
        )?;
        settled.conflicts.push(Conflict {
            table: "donations".into(),
            row_id: keep.as_bytes().to_vec(),
            kind: "same_transaction",
            kept: row_image_by_id(w, "donations", keep)?,
            other: before,
        });
    }
    Ok(())
}

fn receipts_laptop(w: &Tx<'_>) -> Result<()> {
    w.execute(
        "UPDATE organization
            SET receipts_laptop = (SELECT written_by FROM receipts ORDER BY created_at, id LIMIT 1)
          WHERE receipts_laptop IS NULL AND EXISTS (SELECT 1 FROM receipts)",
        [],
    )?;
    Ok(())
}

/// Rows of `table` that repeat a (`parent`, person) pair: the one entered first stays, after
/// `carry` (with ?1 the kept row, ?2 the other) has brought over what it should; the others are
/// removed and recorded as `kind`, beside the version kept.
fn second_rows(
    w: &Tx<'_>,
    settled: &mut Settled,
    table: &str,
    parent: &str,
    kind: &'static str,
    carry: Option<&str>,
) -> Result<()> {
    for (keep, other) in seconds(w, table, parent)? {
        let removed = row_image_by_id(w, table, other)?;
        if let Some(carry) = carry {
            w.execute(carry, params![keep, other])?;
        }
        w.execute(
            &format!("DELETE FROM {} WHERE id = ?1", quote(table)),
            [other],
        )?;
        settled.conflicts.push(Conflict {
            table: table.to_owned(),
            row_id: keep.as_bytes().to_vec(),
            kind,
            kept: row_image_by_id(w, table, keep)?,
            other: removed,
        });
    }
    Ok(())
}

/// Pairs (first entered, a later one) of rows of `table` with the same `parent` and person.
fn seconds(w: &Tx<'_>, table: &str, parent: &str) -> Result<Vec<(Id, Id)>> {
    let mut stmt = w.prepare(&format!(
        "SELECT id, {parent}, person_id FROM {table} t
          WHERE EXISTS (SELECT 1 FROM {table} u WHERE u.{parent} = t.{parent}
                          AND u.person_id = t.person_id AND u.id <> t.id)
          ORDER BY {parent}, person_id, created_at, id"
    ))?;
    let rows: Vec<(Id, Id, Id)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut pairs = Vec::new();
    let mut first: Option<(Id, Id, Id)> = None;
    for (id, parent, person) in rows {
        match first {
            Some((keep, p, q)) if p == parent && q == person => pairs.push((keep, id)),
            _ => first = Some((id, parent, person)),
        }
    }
    Ok(pairs)
}

/// Queues likely duplicates of the `touched` people that are still there (duplicates.rs).
fn queue_duplicates(w: &Tx<'_>, touched: &HashSet<Id>) -> Result<usize> {
    let mut people: Vec<Id> = touched.iter().copied().collect();
    people.sort_unstable();
    // Pairs another laptop's organizer said are different leave this laptop's queue too.
    w.execute(
        "DELETE FROM duplicate_candidates WHERE EXISTS (SELECT 1 FROM people_distinct d
            WHERE d.person_a = duplicate_candidates.person_a AND d.person_b = duplicate_candidates.person_b)",
        [],
    )?;
    crate::duplicates::queue_for(w, &people, w.stamp())
}

fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn person_image(w: &Tx<'_>, id: Id) -> Result<Option<Json>> {
    row_image_by_id(w, "people", id)
}

fn row_image_by_id(w: &Tx<'_>, table: &str, id: Id) -> Result<Option<Json>> {
    let rowid: Option<i64> = w
        .query_row(
            &format!("SELECT rowid FROM {} WHERE id = ?1", quote(table)),
            [id],
            |r| r.get(0),
        )
        .optional()?;
    match rowid {
        Some(rowid) => Ok(row_image(w, table, rowid)?.map(|(_, image)| image)),
        None => Ok(None),
    }
}

/// The row's id and the whole row as JSON.
fn row_image(w: &Tx<'_>, table: &str, rowid: i64) -> Result<Option<(Vec<u8>, Json)>> {
    let mut stmt = w.prepare(&format!("SELECT * FROM {} WHERE rowid = ?1", quote(table)))?;
    let names: Vec<String> = stmt
        .column_names()
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    Ok(stmt
        .query_row([rowid], |r| {
            let mut map = Map::new();
            let mut id = Vec::new();
            for (c, name) in names.iter().enumerate() {
                let v: Value = r.get(c)?;
                if name == "id" {
                    if let Value::Blob(b) = &v {
                        id = b.clone();
                    }
                }
                map.insert(name.clone(), json_value((&v).into()));
            }
            Ok((id, Json::Object(map)))
        })
        .optional()?)
}
