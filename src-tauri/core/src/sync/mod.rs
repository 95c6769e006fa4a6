//! Records that meet: many laptops, mostly offline, exchange what they wrote as merge bundles.
//!
//! - Every write transaction goes through `Store::write`, which records it with SQLite's session
//!   extension as one changeset with this laptop's next sequence number (record.rs).
//! - A bundle carries the changesets the receiver has not seen, in a causal order, keyed with
//!   the campaign's sync passphrase (bundle.rs). Any laptop can send to any other.
//! - Applying is one transaction: the changesets, under the written conflict policy (apply.rs),
//!   then what the merge settles (settle.rs), recorded as this laptop's own change.
//! - Each laptop's changesets are applied in sequence, each once: a bundle applied twice, or an
//!   old one, changes nothing; one that would leave a gap is refused.

mod apply;
mod bundle;
pub(crate) mod changeset;
pub(crate) mod convert;
pub(crate) mod record;
pub(crate) mod scrub;
mod settle;

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use rusqlite::fallible_streaming_iterator::FallibleStreamingIterator;
use rusqlite::hooks::Action;
use rusqlite::session::ChangesetIter;
use rusqlite::types::ValueRef;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use serde_json::Value as Json;

use crate::error::{Error, Result};
use crate::id::Id;
use crate::messages::Message;
use crate::migrations::SCHEMA_VERSION;
use crate::store::Store;
use crate::text;

pub use record::Tx;

/// Tables whose rows are exchanged between laptops. Every one has `id BLOB` as its primary key
/// and `created_at`, `updated_at`, `written_by` (docs/architecture.md). A new table goes here or
/// in `LOCAL_TABLES`; a test fails for a table in neither.
pub const SYNCED_TABLES: &[&str] = &[
    "campaign",
    "people",
    "person_merges",
    "people_distinct",
    "merge_records",
    "appeals",
    "appeal_texts",
    "events",
    "paper_sheets",
    "signatures",
    "consents",
    "rsvps",
    "funds",
    "donations",
    "expenses",
    "cash_counts",
    "money_audit",
    "receipts",
    "organization",
    "exchange_rates",
    "erasures",
];

/// Tables that stay on this laptop: what it knows about syncing, and derived data.
pub const LOCAL_TABLES: &[&str] = &[
    "sync_self",
    "laptops",
    "sync_log",
    "peer_seen",
    "sync_conflicts",
    "duplicate_candidates",
    "local_settings",
    "person_keys",
    "people_search",
    "money_sums",
    "audit_chain",
];

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Laptop {
    pub id: Id,
    pub name: String,
}

/// Where this laptop stands, for Settings and `sync status`.
#[derive(Debug, Clone, Serialize)]
pub struct Status {
    pub laptop: Laptop,
    /// How many changes this laptop has recorded.
    pub own_changes: i64,
    pub passphrase_saved: bool,
    pub others: Vec<OtherLaptop>,
    pub open_conflicts: i64,
    pub money_conflicts: i64,
    pub duplicates_waiting: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct OtherLaptop {
    pub id: Id,
    pub name: String,
    /// Changes of that laptop this one has.
    pub received: i64,
    /// When a bundle it made was last opened here.
    pub heard_at: Option<String>,
    /// Changes this laptop has that it had not seen when it last sent a bundle (`None` if it
    /// never sent one here).
    pub missing: Option<i64>,
}

pub fn status(store: &Store) -> Result<Status> {
    let conn = store.conn();
    let me = record::this_laptop(conn)?;
    let mut stmt = conn.prepare(
        "SELECT l.id, l.name, l.heard_at,
                (SELECT coalesce(max(seq), 0) FROM sync_log WHERE origin = l.id)
           FROM laptops l ORDER BY l.name, l.id",
    )?;
    let rows: Vec<(Id, String, Option<String>, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut laptop = Laptop {
        id: me,
        name: String::new(),
    };
    let mut own_changes = 0;
    let mut others = Vec::new();
    for (id, name, heard_at, received) in rows {
        if id == me {
            laptop.name = name;
            own_changes = received;
            continue;
        }
        let missing = match heard_at {
            Some(_) => Some(missing_for(conn, id)?),
            None => None,
        };
        others.push(OtherLaptop {
            id,
            name,
            received,
            heard_at,
            missing,
        });
    }
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0));
    Ok(Status {
        laptop,
        own_changes,
        passphrase_saved: record::saved_passphrase(conn)?.is_some(),
        others,
        open_conflicts: count("SELECT count(*) FROM sync_conflicts WHERE reviewed_at IS NULL")?,
        money_conflicts: count(
            "SELECT count(*) FROM sync_conflicts WHERE reviewed_at IS NULL AND money = 1",
        )?,
        duplicates_waiting: count("SELECT count(*) FROM duplicate_candidates")?,
    })
}

/// How many of this laptop's changesets `peer` had not seen when it last told us.
fn missing_for(conn: &Connection, peer: Id) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM sync_log l
          WHERE l.seq > coalesce((SELECT seq FROM peer_seen WHERE peer = ?1 AND origin = l.origin), 0)",
        [peer],
        |r| r.get(0),
    )?)
}

/// Renames this laptop, as others will see it in their lists.
pub fn set_laptop_name(store: &mut Store, name: &str) -> Result<Laptop> {
    let name = text::required_line("laptop_name", name, 60)?;
    store.write(|w| {
        w.execute(
            "UPDATE laptops SET name = ?1 WHERE id = ?2",
            params![name, w.laptop()],
        )?;
        Ok(Laptop {
            id: w.laptop(),
            name: name.clone(),
        })
    })
}

/// Saves the campaign's sync passphrase on this laptop (or forgets it, with `None`).
pub fn set_passphrase(store: &mut Store, passphrase: Option<&str>) -> Result<()> {
    if let Some(p) = passphrase {
        bundle::check_passphrase(p)?;
    }
    store.write(|w| {
        w.execute("UPDATE sync_self SET passphrase = ?1", [passphrase])?;
        Ok(())
    })
}

/// The passphrase to use: the one given, else the one saved on this laptop.
pub fn passphrase_or_saved(store: &Store, given: Option<&str>) -> Result<String> {
    match given {
        Some(p) => Ok(p.to_owned()),
        None => record::saved_passphrase(store.conn())?
            .ok_or_else(|| Error::invalid("sync_passphrase_missing")),
    }
}

/// What `export` wrote.
#[derive(Debug, Clone, Serialize)]
pub struct Exported {
    pub path: String,
    /// Changesets (write transactions) in the bundle.
    pub changes: i64,
    /// Rows they add, change or remove.
    pub records: i64,
    pub bytes: u64,
    /// The laptop it was made for; `None`: everything, for any laptop (and to join).
    pub made_for: Option<Laptop>,
}

/// Saves a bundle for `made_for` (what it has not seen, as far as this laptop knows), or with
/// everything this laptop has when `None`.
pub fn export(
    store: &Store,
    path: &Path,
    passphrase: &str,
    made_for: Option<Id>,
) -> Result<Exported> {
    let conn = store.conn();
    let campaign: Option<(Id, String)> = conn
        .query_row("SELECT id, name FROM campaign", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let Some((campaign, campaign_name)) = campaign else {
        return Err(Error::Invalid(Message::new("nothing_to_share")));
    };
    let me = record::this_laptop(conn)?;
    if crate::store::is_database_file(store.path(), path) {
        return Err(Error::Invalid(
            Message::new("bundle_over_database").with("path", path.display()),
        ));
    }
    // A laptop never heard from has told us nothing of what it has: it gets everything.
    let target = match made_for {
        Some(id) => Some(Laptop {
            id,
            name: conn
                .query_row("SELECT name FROM laptops WHERE id = ?1", [id], |r| r.get(0))
                .optional()?
                .unwrap_or_else(|| id.short()),
        }),
        None => None,
    };
    let their_seen: HashMap<Id, i64> = match made_for {
        Some(peer) => {
            let mut stmt = conn.prepare("SELECT origin, seq FROM peer_seen WHERE peer = ?1")?;
            let rows = stmt
                .query_map([peer], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            rows
        }
        None => HashMap::new(),
    };
    let contents = bundle::Contents {
        header: bundle::Header {
            campaign,
            campaign_name,
            sender: me,
            schema_version: SCHEMA_VERSION as i64,
            made_at: crate::clock::now(),
            made_for,
        },
        laptops: {
            let mut stmt = conn.prepare("SELECT id, name FROM laptops")?;
            let rows = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            rows
        },
        seen: vector(conn)?.into_iter().collect(),
    };
    let mut stmt = conn.prepare("SELECT origin, seq, stamp, changes FROM sync_log ORDER BY ord")?;
    let rows = stmt.query_map([], |r| {
        Ok(bundle::Entry {
            origin: r.get(0)?,
            seq: r.get(1)?,
            stamp: r.get(2)?,
            changes: r.get(3)?,
        })
    })?;
    let mut records = 0;
    let entries = rows
        .map(|row| row.map_err(Error::from))
        .filter(|e| match e {
            Ok(e) => e.seq > their_seen.get(&e.origin).copied().unwrap_or(0),
            Err(_) => true,
        })
        .map(|e| {
            let e = e?;
            let mut tally = Tally::default();
            tally.add(&e.changes)?;
            records += tally.records();
            Ok(e)
        });
    let changes = bundle::write(path, passphrase, &contents, entries)?;
    let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    Ok(Exported {
        path: path.display().to_string(),
        changes,
        records,
        bytes,
        made_for: target,
    })
}

/// The highest sequence number this laptop has of every laptop.
fn vector(conn: &Connection) -> Result<HashMap<Id, i64>> {
    let mut stmt = conn.prepare("SELECT origin, max(seq) FROM sync_log GROUP BY origin")?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Rows added, changed and removed in one table.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Counts {
    pub added: i64,
    pub changed: i64,
    pub removed: i64,
}

/// What a bundle brings that this laptop has not seen, before it is applied.
#[derive(Debug, Clone, Serialize)]
pub struct Preview {
    pub campaign: String,
    pub from: Laptop,
    pub made_at: String,
    /// Changesets new to this laptop; 0 when it has seen everything in the bundle.
    pub new_changes: i64,
    /// Whether opening it starts this database as a copy of the campaign.
    pub joins: bool,
    pub people: Counts,
    pub signatures: Counts,
    pub rsvps: Counts,
    pub donations: Counts,
    /// Appeals, events, funds and the rest.
    pub other: Counts,
}

/// What applying did.
#[derive(Debug, Clone, Serialize)]
pub struct Applied {
    pub arrived: Preview,
    pub conflicts: i64,
    pub money_conflicts: i64,
    pub merged_people: i64,
    pub duplicates_queued: i64,
    /// Totals in this database afterwards.
    pub people_now: i64,
    pub signatures_now: i64,
}

/// An opened bundle checked against this database: same campaign, same schema, no gap.
struct Incoming {
    bundle: bundle::Bundle,
    contents: bundle::Contents,
    /// (ord in the bundle, origin, seq, stamp) of the changesets to apply, in order.
    new: Vec<(i64, Id, i64, String)>,
    joins: bool,
}

fn open_incoming(conn: &Connection, path: &Path, passphrase: &str) -> Result<Incoming> {
    let bundle = bundle::Bundle::open(path, passphrase)?;
    let contents = bundle.contents()?;
    let h = &contents.header;
    let sender_name = contents.name_of(h.sender);
    let ours = SCHEMA_VERSION as i64;
    if h.schema_version > ours {
        return Err(Error::Conflict(
            Message::new("bundle_newer_schema")
                .with("laptop", &sender_name)
                .with("theirs", h.schema_version)
                .with("ours", ours),
        ));
    }
    if h.schema_version < ours {
        return Err(Error::Conflict(
            Message::new("bundle_older_schema")
                .with("laptop", &sender_name)
                .with("theirs", h.schema_version)
                .with("ours", ours),
        ));
    }
    let local: Option<(Id, String)> = conn
        .query_row("SELECT id, name FROM campaign", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    if let Some((id, name)) = &local {
        if *id != h.campaign {
            return Err(Error::Conflict(
                Message::new("bundle_other_campaign")
                    .with("theirs", &h.campaign_name)
                    .with("ours", name),
            ));
        }
    }
    // Causality: every change in the bundle may rest on anything its maker had seen. So after
    // applying, this laptop must have all of that: for each laptop, the bundle has to start no
    // later than just after what this one has (a bundle made for another laptop may not).
    let mut have = vector(conn)?;
    let index = bundle.index()?;
    let mut starts: HashMap<Id, i64> = HashMap::new();
    for (_, origin, seq, _) in &index {
        let start = starts.entry(*origin).or_insert(*seq);
        *start = (*start).min(*seq);
    }
    for (origin, seen) in &contents.seen {
        let start = starts.get(origin).copied().unwrap_or(seen + 1);
        if have.get(origin).copied().unwrap_or(0) < start - 1 {
            return Err(Error::Conflict(
                Message::new("bundle_gap").with("laptop", contents.name_of(*origin)),
            ));
        }
    }
    let mut new = Vec::new();
    for (ord, origin, seq, stamp) in index {
        let next = have.get(&origin).copied().unwrap_or(0) + 1;
        if seq < next {
            // Seen already, so it must be the very same change. Two different changes under one
            // number mean a database file was copied or restored and both copies wrote on.
            let ours: Option<String> = conn
                .query_row(
                    "SELECT stamp FROM sync_log WHERE origin = ?1 AND seq = ?2",
                    params![origin, seq],
                    |r| r.get(0),
                )
                .optional()?;
            if ours.is_some_and(|ours| ours != stamp) {
                return Err(Error::Conflict(
                    Message::new("bundle_clone").with("laptop", contents.name_of(origin)),
                ));
            }
            continue;
        }
        if seq > next {
            return Err(Error::Conflict(
                Message::new("bundle_gap").with("laptop", contents.name_of(origin)),
            ));
        }
        have.insert(origin, seq);
        new.push((ord, origin, seq, stamp));
    }
    let joins = local.is_none();
    Ok(Incoming {
        bundle,
        contents,
        new,
        joins,
    })
}

/// What `path` would bring, without changing anything.
pub fn preview(store: &Store, path: &Path, passphrase: &str) -> Result<Preview> {
    let incoming = open_incoming(store.conn(), path, passphrase)?;
    let mut counts = Tally::default();
    for (ord, ..) in &incoming.new {
        counts.add(&incoming.bundle.changes(*ord)?)?;
    }
    Ok(counts.preview(&incoming))
}

/// Applies the bundle at `path` in one transaction and settles what met.
pub fn import(store: &mut Store, path: &Path, passphrase: &str) -> Result<Applied> {
    let incoming = open_incoming(store.conn(), path, passphrase)?;
    let contents = &incoming.contents;
    let sender = contents.header.sender;
    store.merge(|conn| {
        let metas = Arc::new(apply::table_metas(conn)?);
        let mut tally = Tally::default();
        let mut conflicts = Vec::new();
        let now = crate::clock::now();
        for (ord, origin, seq, stamp) in &incoming.new {
            let changes = incoming.bundle.changes(*ord)?;
            tally.add(&changes)?;
            let applied = apply::apply(conn, &metas, &changes)?;
            conflicts.extend(applied.conflicts.into_iter().map(|c| (Some(*origin), c)));
            conn.execute(
                "INSERT INTO sync_log (origin, seq, stamp, changes, arrived_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![origin, seq, stamp, changes, now],
            )?;
            record::advance_clock(conn, stamp)?;
        }
        let me = record::this_laptop(conn)?;
        for (id, name) in &contents.laptops {
            if *id != me {
                conn.execute(
                    "INSERT INTO laptops (id, name) VALUES (?1, ?2)
                     ON CONFLICT (id) DO UPDATE SET name = excluded.name",
                    params![id, name],
                )?;
            }
        }
        conn.execute(
            "UPDATE laptops SET heard_at = ?1 WHERE id = ?2",
            params![now, sender],
        )?;
        for (origin, seq) in &contents.seen {
            conn.execute(
                "INSERT INTO peer_seen (peer, origin, seq) VALUES (?1, ?2, ?3)
                 ON CONFLICT (peer, origin) DO UPDATE SET seq = max(seq, excluded.seq)",
                params![sender, origin, seq],
            )?;
        }
        let settled = record::recorded(conn, |w| settle::settle(w, &tally.people))?;
        conflicts.extend(settled.conflicts.into_iter().map(|c| (None, c)));
        let mut money_conflicts = 0;
        for (origin, c) in &conflicts {
            let money = apply::MONEY_TABLES.contains(&c.table.as_str());
            money_conflicts += i64::from(money);
            conn.execute(
                "INSERT INTO sync_conflicts (found_at, origin, table_name, row_id, kind, kept, other, money)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    now,
                    origin,
                    c.table,
                    c.row_id,
                    c.kind,
                    c.kept.as_ref().map(Json::to_string),
                    c.other.as_ref().map(Json::to_string),
                    money
                ],
            )?;
        }
        // An erasure that arrived: what this laptop keeps of the person goes too.
        crate::person_rights::after_merge(conn)?;
        let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0));
        Ok(Applied {
            arrived: tally.preview(&incoming),
            conflicts: conflicts.len() as i64,
            money_conflicts,
            merged_people: settled.merged_people as i64,
            duplicates_queued: settled.duplicates_queued as i64,
            people_now: count("SELECT count(*) FROM people")?,
            signatures_now: count("SELECT count(*) FROM signatures")?,
        })
    })
}

/// Counts of what changesets hold, and the people they touch.
#[derive(Default)]
struct Tally {
    tables: HashMap<String, Counts>,
    people: HashSet<Id>,
    changesets: i64,
}

impl Tally {
    fn add(&mut self, changes: &[u8]) -> Result<()> {
        self.changesets += 1;
        let mut input: &[u8] = changes;
        let reader: &mut dyn std::io::Read = &mut input;
        let mut iter = ChangesetIter::start_strm(&reader)?;
        while let Some(item) = iter.next()? {
            let op = item.op()?;
            let counts = self.tables.entry(op.table_name().to_owned()).or_default();
            let key = match op.code() {
                Action::SQLITE_INSERT => {
                    counts.added += 1;
                    item.new_value(0)?
                }
                Action::SQLITE_DELETE => {
                    counts.removed += 1;
                    item.old_value(0)?
                }
                _ => {
                    counts.changed += 1;
                    item.old_value(0)?
                }
            };
            if op.table_name() == "people" && op.code() != Action::SQLITE_DELETE {
                if let ValueRef::Blob(b) = key {
                    self.people.extend(Id::from_slice(b));
                }
            }
        }
        Ok(())
    }

    fn records(&self) -> i64 {
        self.tables
            .values()
            .map(|c| c.added + c.changed + c.removed)
            .sum()
    }

    fn preview(&self, incoming: &Incoming) -> Preview {
        let h = &incoming.contents.header;
        let take = |t: &str| self.tables.get(t).cloned().unwrap_or_default();
        let mut other = Counts::default();
        for (table, c) in &self.tables {
            if !["people", "signatures", "rsvps", "donations"].contains(&table.as_str()) {
                other.added += c.added;
                other.changed += c.changed;
                other.removed += c.removed;
            }
        }
        Preview {
            campaign: h.campaign_name.clone(),
            from: Laptop {
                id: h.sender,
                name: incoming.contents.name_of(h.sender),
            },
            made_at: h.made_at.clone(),
            new_changes: incoming.new.len() as i64,
            joins: incoming.joins && !incoming.new.is_empty(),
            people: take("people"),
            signatures: take("signatures"),
            rsvps: take("rsvps"),
            donations: take("donations"),
            other,
        }
    }
}

/// A decision of the merge, for the organizer to review.
#[derive(Debug, Clone, Serialize)]
pub struct ConflictRecord {
    pub id: i64,
    pub found_at: String,
    /// The laptop whose change met this one's; `None` when this laptop's merge settled it.
    pub from: Option<String>,
    pub table: String,
    pub row_id: String,
    pub kind: String,
    pub kept: Option<Json>,
    pub other: Option<Json>,
    pub money: bool,
    pub reviewed_at: Option<String>,
}

/// The merge's decisions, newest first; only those not yet reviewed unless `all`.
pub fn conflicts(store: &Store, all: bool, limit: i64) -> Result<Vec<ConflictRecord>> {
    let mut stmt = store.conn().prepare(
        "SELECT c.id, c.found_at, l.name, c.table_name, c.row_id, c.kind, c.kept, c.other,
                c.money, c.reviewed_at
           FROM sync_conflicts c LEFT JOIN laptops l ON l.id = c.origin
          WHERE ?1 OR c.reviewed_at IS NULL
          ORDER BY c.id DESC LIMIT ?2",
    )?;
    let parse = |s: Option<String>| s.and_then(|s| serde_json::from_str(&s).ok());
    let rows = stmt
        .query_map(params![all, limit.clamp(1, 10_000)], |r| {
            let row_id: Vec<u8> = r.get(4)?;
            Ok(ConflictRecord {
                id: r.get(0)?,
                found_at: r.get(1)?,
                from: r.get(2)?,
                table: r.get(3)?,
                row_id: Id::from_slice(&row_id).map_or_else(String::new, |id| id.to_string()),
                kind: r.get(5)?,
                kept: parse(r.get(6)?),
                other: parse(r.get(7)?),
                money: r.get(8)?,
                reviewed_at: r.get(9)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Marks a decision of the merge as seen by the organizer.
pub fn mark_reviewed(store: &mut Store, id: i64) -> Result<()> {
    store.write(|w| {
        let n = w.execute(
            "UPDATE sync_conflicts SET reviewed_at = ?1 WHERE id = ?2 AND reviewed_at IS NULL",
            params![w.stamp(), id],
        )?;
        if n == 0 {
            return Err(Error::NotFound(Message::new("conflict_not_found")));
        }
        Ok(())
    })
}

/// Parses a laptop as scripts name it: its id, the start of its id, or its name.
pub fn find_laptop(store: &Store, given: &str) -> Result<Id> {
    let given = given.trim();
    let mut stmt = store.conn().prepare("SELECT id, name FROM laptops")?;
    let laptops: Vec<(Id, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let lower = given.to_lowercase();
    let matches: Vec<Id> = laptops
        .iter()
        .filter(|(id, name)| {
            name.to_lowercase() == lower
                || id.to_string() == lower
                || (lower.len() >= 4 && id.short().starts_with(&lower))
        })
        .map(|(id, _)| *id)
        .collect();
    match matches.as_slice() {
        [one] => Ok(*one),
        [] => Err(Error::NotFound(
            Message::new("unknown_laptop").with("value", given),
        )),
        _ => Err(Error::Invalid(
            Message::new("ambiguous_laptop").with("value", given),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every table is either exchanged or this laptop's own, and every exchanged one has the
    /// shape the merge relies on (docs/architecture.md, "Rows that can meet").
    #[test]
    fn every_table_is_exchanged_or_local() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("t.db")).unwrap();
        let conn = store.conn();
        let mut stmt = conn
            .prepare(
                "SELECT name FROM pragma_table_list
                  WHERE schema = 'main' AND type IN ('table', 'virtual') AND name NOT LIKE 'sqlite_%'",
            )
            .unwrap();
        let tables: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        for table in &tables {
            let synced = SYNCED_TABLES.contains(&table.as_str());
            let local = LOCAL_TABLES.contains(&table.as_str());
            assert!(
                synced != local,
                "{table} must be in exactly one of SYNCED_TABLES and LOCAL_TABLES"
            );
            if !synced {
                continue;
            }
            let mut stmt = conn
                .prepare(&format!("PRAGMA table_info({table})"))
                .unwrap();
            let columns: Vec<(String, String, bool, i64)> = stmt
                .query_map([], |r| Ok((r.get(1)?, r.get(2)?, r.get(3)?, r.get(5)?)))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            assert_eq!(
                columns[0],
                ("id".to_owned(), "BLOB".to_owned(), true, 1),
                "{table}: the first column is the id, a BLOB primary key"
            );
            assert_eq!(
                columns.iter().filter(|c| c.3 > 0).count(),
                1,
                "{table}: one key column"
            );
            for needed in ["created_at", "updated_at", "written_by"] {
                assert!(
                    columns.iter().any(|c| c.0 == needed),
                    "{table} lacks {needed}"
                );
            }
            let mut stmt = conn
                .prepare(&format!("PRAGMA index_list({table})"))
                .unwrap();
            let unique: Vec<(String, String)> = stmt
                .query_map([], |r| Ok((r.get(1)?, r.get(3)?)))
                .unwrap()
                .collect::<rusqlite::Result<Vec<(String, String)>>>()
                .unwrap()
                .into_iter()
                .filter(|(_, origin)| origin == "u")
                .collect();
            let allowed: &[&str] = if *table == "campaign" { &["one"] } else { &[] };
            for (index, _) in unique {
                let mut stmt = conn
                    .prepare(&format!("PRAGMA index_info({index})"))
                    .unwrap();
                let cols: Vec<String> = stmt
                    .query_map([], |r| r.get(2))
                    .unwrap()
                    .collect::<rusqlite::Result<_>>()
                    .unwrap();
                assert!(
                    cols.iter().all(|c| allowed.contains(&c.as_str())),
                    "{table} has a UNIQUE constraint on {cols:?}: a bundle would fail on it"
                );
            }
        }
        for table in SYNCED_TABLES.iter().chain(LOCAL_TABLES) {
            assert!(
                tables.iter().any(|t| t == table),
                "{table} is listed but does not exist"
            );
        }
    }
}
