//! The rights of the people in the database: everything stored about a person, as a file for
//! them; and erasure on request. Erasing removes the person, their signatures, consent records,
//! answers and merge records, and keeps their gifts only as anonymous amounts (the books need
//! them): no giver, no donor name, no note, no reference, also in the money audit trail. Then
//! what this laptop keeps besides the tables loses them too: the log of changesets (for other
//! laptops; sync/scrub.rs), the merge conflicts, the audit chain (entries redacted, their hashes
//! kept so the chain still checks). The erasure itself travels as an `erasures` row, and each
//! laptop that receives it does the same to what it keeps (`after_merge`). SQLite's
//! secure_delete (store.rs) zeroes the removed bytes in the file, so backups made afterwards
//! hold nothing of them either.

use std::collections::HashSet;
use std::path::Path;

use rusqlite::types::ValueRef;
use rusqlite::{params, Connection, Transaction};
use serde::Serialize;
use serde_json::{json, Map, Value as Json};

use crate::error::{Error, Result};
use crate::id::Id;
use crate::messages::Message;
use crate::store::Store;
use crate::sync::scrub::{self, Forget};

/// Everything stored about one person, as they would read it.
#[derive(Debug, Clone, Serialize)]
pub struct PersonRecord {
    pub exported_at: String,
    pub person: Map<String, Json>,
    pub signatures: Vec<Map<String, Json>>,
    pub consents: Vec<Map<String, Json>>,
    pub answers: Vec<Map<String, Json>>,
    pub donations: Vec<Map<String, Json>>,
    pub receipts: Vec<Map<String, Json>>,
    pub money_audit: Vec<Map<String, Json>>,
    pub merges: Vec<Map<String, Json>>,
}

/// The rows `sql` (with the person's id as ?1) finds, each as column → value; ids as ids,
/// other bytes as hex.
fn rows(conn: &Connection, sql: &str, person: Id) -> Result<Vec<Map<String, Json>>> {
    let mut stmt = conn.prepare(sql)?;
    let names: Vec<String> = stmt
        .column_names()
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    let found = stmt
        .query_map([person], |r| {
            let mut row = Map::new();
            for (i, name) in names.iter().enumerate() {
                let value = match r.get_ref(i)? {
                    ValueRef::Null => Json::Null,
                    ValueRef::Integer(n) => json!(n),
                    ValueRef::Real(f) => json!(f),
                    ValueRef::Text(t) => Json::String(String::from_utf8_lossy(t).into_owned()),
                    ValueRef::Blob(b) if b.len() == 16 => Json::String(
                        uuid::Uuid::from_slice(b)
                            .expect("16 bytes")
                            .hyphenated()
                            .to_string(),
                    ),
                    ValueRef::Blob(b) => {
                        Json::String(b.iter().map(|x| format!("{x:02x}")).collect())
                    }
                };
                row.insert(name.clone(), value);
            }
            Ok(row)
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(found)
}

/// Everything stored about `person`.
pub fn export(store: &Store, person: Id) -> Result<PersonRecord> {
    let conn = store.reader();
    let mut found = rows(conn, "SELECT * FROM people WHERE id = ?1", person)?;
    let Some(person_row) = found.pop() else {
        return Err(Error::NotFound(Message::new("person_not_found")));
    };
    Ok(PersonRecord {
        exported_at: chrono::Utc::now().to_rfc3339(),
        person: person_row,
        signatures: rows(
            conn,
            "SELECT s.*, a.slug AS appeal FROM signatures s JOIN appeals a ON a.id = s.appeal_id
              WHERE s.person_id = ?1 ORDER BY s.signed_at",
            person,
        )?,
        consents: rows(
            conn,
            "SELECT * FROM consents WHERE person_id = ?1 ORDER BY at",
            person,
        )?,
        answers: rows(
            conn,
            "SELECT r.*, e.title AS event FROM rsvps r JOIN events e ON e.id = r.event_id
              WHERE r.person_id = ?1",
            person,
        )?,
        donations: rows(
            conn,
            "SELECT * FROM donations WHERE person_id = ?1 ORDER BY received_on",
            person,
        )?,
        receipts: rows(
            conn,
            "SELECT r.* FROM receipts r JOIN donations d ON d.id = r.donation_id
              WHERE d.person_id = ?1",
            person,
        )?,
        money_audit: rows(
            conn,
            "SELECT m.* FROM money_audit m JOIN donations d ON d.id = m.subject_id
              WHERE d.person_id = ?1 ORDER BY m.created_at",
            person,
        )?,
        merges: rows(
            conn,
            "SELECT * FROM merge_records WHERE kept_id = ?1 OR removed_id = ?1",
            person,
        )?,
    })
}

/// `export` as a file at `path`, readable by its owner only, written whole: a readable PDF
/// when the name ends in .pdf, else JSON.
pub fn export_to_file(store: &Store, person: Id, path: &Path) -> Result<PersonRecord> {
    let record = export(store, person)?;
    let pdf = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    let bytes = if pdf {
        let fonts = crate::print::shape::Fonts::new();
        let pages = crate::print::person_record::pages(&fonts, &record);
        crate::print::pdf::write(&fonts, pages, "Personal data")
            .map_err(|e| Error::Invalid(Message::new("print_failed").with("cause", e.0)))?
    } else {
        serde_json::to_string_pretty(&record)
            .expect("a record serializes")
            .into_bytes()
    };
    crate::safe_file::write_whole(path, &bytes)?;
    Ok(record)
}

/// What an erasure did.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Erased {
    pub signatures: usize,
    pub consents: usize,
    pub answers: usize,
    /// Gifts kept as anonymous amounts.
    pub donations: usize,
    /// Changesets in this laptop's log rewritten without the person.
    pub log_entries: usize,
}

/// Erases `person` (see the module's words). One recorded write for the tables, then this
/// laptop's own records.
pub fn erase(store: &mut Store, person: Id) -> Result<Erased> {
    let (mut erased, forget) = store.write(|w| {
        let ids = |sql: &str| -> Result<Vec<Id>> {
            let mut stmt = w.prepare(sql)?;
            let found = stmt
                .query_map([person], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            Ok(found)
        };
        if ids("SELECT id FROM people WHERE id = ?1")?.is_empty() {
            return Err(Error::NotFound(Message::new("person_not_found")));
        }
        let signatures = ids("SELECT id FROM signatures WHERE person_id = ?1")?;
        let consents = ids("SELECT id FROM consents WHERE person_id = ?1")?;
        let answers = ids("SELECT id FROM rsvps WHERE person_id = ?1")?;
        let donations = ids("SELECT id FROM donations WHERE person_id = ?1")?;
        let merges = ids("SELECT id FROM merge_records WHERE kept_id = ?1 OR removed_id = ?1")?;
        let person_merges = ids("SELECT id FROM person_merges WHERE id = ?1 OR into_id = ?1")?;
        let distinct = ids("SELECT id FROM people_distinct WHERE person_a = ?1 OR person_b = ?1")?;
        let stamp = w.stamp();
        let laptop = w.laptop();
        // A gift stays an anonymous amount; its audit trail keeps the amounts, not the giver.
        w.execute(
            "UPDATE donations SET person_id = NULL, donor_name = '', note = NULL, reference = NULL,
                                  updated_at = ?2, written_by = ?3
              WHERE person_id = ?1",
            params![person, stamp, laptop],
        )?;
        let mut audits = Vec::new();
        for gift in &donations {
            let mut stmt =
                w.prepare("SELECT id, before, after FROM money_audit WHERE subject_id = ?1")?;
            let entries: Vec<(Id, String, String)> = stmt
                .query_map([gift], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?;
            for (id, before, after) in entries {
                audits.push(id);
                w.execute(
                    "UPDATE money_audit SET before = ?2, after = ?3, updated_at = ?4,
                                            written_by = ?5
                      WHERE id = ?1",
                    params![
                        id,
                        scrub::blank_snapshot(&before),
                        scrub::blank_snapshot(&after),
                        stamp,
                        laptop
                    ],
                )?;
            }
        }
        for (table, list) in [
            ("consents", &consents),
            ("signatures", &signatures),
            ("rsvps", &answers),
            ("merge_records", &merges),
            ("person_merges", &person_merges),
            ("people_distinct", &distinct),
        ] {
            for id in list.iter() {
                w.execute(&format!("DELETE FROM {table} WHERE id = ?1"), [id])?;
            }
        }
        w.execute("DELETE FROM people WHERE id = ?1", [person])?;
        let forgotten: Vec<Id> = std::iter::once(person)
            .chain(signatures.iter().copied())
            .chain(consents.iter().copied())
            .chain(answers.iter().copied())
            .chain(merges.iter().copied())
            .chain(person_merges.iter().copied())
            .chain(distinct.iter().copied())
            .collect();
        let listed = json!({
            "rows": forgotten.iter().map(Id::to_string).collect::<Vec<_>>(),
            "donations": donations.iter().map(Id::to_string).collect::<Vec<_>>(),
            "audits": audits.iter().map(Id::to_string).collect::<Vec<_>>(),
        });
        w.execute(
            "INSERT INTO erasures (id, rows, created_at, updated_at, written_by)
             VALUES (?1, ?2, ?3, ?3, ?4)",
            params![person, listed.to_string(), stamp, laptop],
        )?;
        let forget = Forget {
            rows: forgotten.iter().map(|i| i.as_bytes().to_vec()).collect(),
            donations: donations.iter().map(|i| i.as_bytes().to_vec()).collect(),
            audits: audits.iter().map(|i| i.as_bytes().to_vec()).collect(),
        };
        Ok((
            Erased {
                signatures: signatures.len(),
                consents: consents.len(),
                answers: answers.len(),
                donations: donations.len(),
                log_entries: 0,
            },
            forget,
        ))
    })?;
    erased.log_entries = store.unrecorded(|tx| forget_locally(tx, person, &forget))?;
    remember(store.path(), person)?;
    // The log's old pages go from the WAL into the file, whose freed bytes secure_delete zeroed.
    let _ = store
        .reader()
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
    Ok(erased)
}

/// The erased people's ids, beside the backups (ids only: nothing about them), so that a backup
/// made before an erasure, once restored, is erased again (backup::restore).
fn remembered_at(db: &Path) -> std::path::PathBuf {
    crate::backup::folder(db).join("erased-people.txt")
}

fn remember(db: &Path, person: Id) -> Result<()> {
    use std::io::Write;
    let folder = crate::backup::folder(db);
    let failed = |e: std::io::Error| {
        Error::Invalid(
            Message::new("file_unwritable")
                .with("path", remembered_at(db).display())
                .with("cause", e),
        )
    };
    crate::store::create_private_folder(&folder).map_err(failed)?;
    let mut options = std::fs::OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(remembered_at(db)).map_err(failed)?;
    writeln!(file, "{person}")
        .and_then(|()| file.sync_all())
        .map_err(failed)
}

/// Erases again, in a database just restored, the people erased since its backup was made.
/// Returns how many.
pub(crate) fn erase_again(store: &mut Store) -> Result<usize> {
    let Ok(text) = std::fs::read_to_string(remembered_at(store.path())) else {
        return Ok(0);
    };
    let mut again = 0;
    for person in text.lines().filter_map(|l| l.parse::<Id>().ok()) {
        let present: i64 = store.reader().query_row(
            "SELECT count(*) FROM people WHERE id = ?1",
            [person],
            |r| r.get(0),
        )?;
        if present > 0 {
            erase(store, person)?;
            again += 1;
        }
    }
    Ok(again)
}

/// What this laptop keeps besides the tables: the log, the conflicts, the audit chain.
/// Returns how many log entries were rewritten. Marks the erasure done here.
fn forget_locally(tx: &Transaction<'_>, person: Id, forget: &Forget) -> Result<usize> {
    let rewritten = scrub::scrub_log(tx, forget)?;
    let all: HashSet<&Vec<u8>> = forget
        .rows
        .iter()
        .chain(&forget.donations)
        .chain(&forget.audits)
        .collect();
    for key in &all {
        tx.execute("DELETE FROM sync_conflicts WHERE row_id = ?1", [key])?;
    }
    for key in &forget.rows {
        tx.execute(
            "UPDATE audit_chain SET content = '{\"erased\":true}', redacted = 1
              WHERE subject_id = ?1",
            [key],
        )?;
    }
    for key in &forget.donations {
        tx.execute(
            "UPDATE audit_chain SET redacted = 1,
                    content = json_set(content, '$.person_id', NULL, '$.donor_name', '',
                                       '$.note', NULL, '$.reference', NULL)
              WHERE subject_id = ?1",
            [key],
        )?;
        tx.execute(
            "UPDATE audit_chain SET content = '{\"erased\":true}', redacted = 1
              WHERE subject_table = 'money_audit'
                AND subject_id IN (SELECT id FROM money_audit WHERE subject_id = ?1)",
            [key],
        )?;
    }
    tx.execute(
        "INSERT INTO local_settings (key, value) VALUES (?1, 'done')
         ON CONFLICT (key) DO NOTHING",
        [format!("erased:{person}")],
    )?;
    Ok(rewritten)
}

/// After a bundle was applied: the erasures that arrived and were not yet done here are done
/// to what this laptop keeps (its log, conflicts and audit chain).
pub(crate) fn after_merge(tx: &Transaction<'_>) -> Result<()> {
    let erasures: Vec<(Id, String)> = tx
        .prepare("SELECT id, rows FROM erasures")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (person, listed) in erasures {
        let done: Option<String> = tx
            .query_row(
                "SELECT value FROM local_settings WHERE key = ?1",
                [format!("erased:{person}")],
                |r| r.get(0),
            )
            .ok();
        if done.is_some() {
            continue;
        }
        let listed: Json = serde_json::from_str(&listed).unwrap_or_default();
        let keys = |name: &str| -> Vec<Vec<u8>> {
            listed[name]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|v| v.as_str()?.parse::<Id>().ok())
                .map(|id| id.as_bytes().to_vec())
                .collect()
        };
        let forget = Forget {
            rows: keys("rows").into_iter().collect(),
            donations: keys("donations").into_iter().collect(),
            audits: keys("audits").into_iter().collect(),
        };
        forget_locally(tx, person, &forget)?;
    }
    Ok(())
}
