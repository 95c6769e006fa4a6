//! Three laptops, random work and random exchanges of real bundle files (stale and repeated ones
//! included), then everyone meets: all three must hold the same rows, with no signature or
//! donation lost and every edit that did not survive recorded as a conflict.
//!
//! Cases: `SYNC_PROPERTY_CASES` (default 12); each case is a few seconds, most of it SQLCipher's
//! key derivation for every bundle written and opened.

mod common;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use chrono::Utc;
use common::{join, start_campaign, Campaign, Laptop};
use desk_core::appeals::{self, Display, Source};
use desk_core::donations::{self, Method, NewDonation};
use desk_core::people::{self, NewPerson};
use desk_core::rsvps::{self, Answer, Status as RsvpStatus};
use desk_core::{sync, Id};
use proptest::prelude::*;
use rusqlite::OptionalExtension;

const EMAILS: &[&str] = &[
    "ana@example.org",
    "bo@example.org",
    "chen@example.org",
    "dara@example.org",
];
const NAMES: &[&str] = &[
    "Ana",
    "Bo",
    "\u{0634}\u{06cc}\u{0631}\u{06cc}\u{0646}",
    "José",
    "Олег",
];

#[derive(Debug, Clone)]
enum Op {
    Sign {
        at: usize,
        name: usize,
        email: Option<usize>,
    },
    EditPerson {
        at: usize,
        pick: usize,
    },
    RemovePerson {
        at: usize,
        pick: usize,
    },
    Answer {
        at: usize,
        pick: usize,
        going: bool,
    },
    Give {
        at: usize,
        pick: Option<usize>,
        amount: i64,
    },
    Correct {
        at: usize,
        pick: usize,
        amount: i64,
    },
    Unsign {
        at: usize,
        pick: usize,
    },
    Send {
        from: usize,
        to: usize,
        targeted: bool,
    },
    Replay {
        to: usize,
        pick: usize,
    },
}

fn op() -> impl Strategy<Value = Op> {
    let at = 0..3usize;
    prop_oneof![
        4 => (at.clone(), 0..NAMES.len(), proptest::option::of(0..EMAILS.len()))
            .prop_map(|(at, name, email)| Op::Sign { at, name, email }),
        2 => (at.clone(), any::<usize>()).prop_map(|(at, pick)| Op::EditPerson { at, pick }),
        1 => (at.clone(), any::<usize>()).prop_map(|(at, pick)| Op::RemovePerson { at, pick }),
        2 => (at.clone(), any::<usize>(), any::<bool>())
            .prop_map(|(at, pick, going)| Op::Answer { at, pick, going }),
        2 => (at.clone(), proptest::option::of(any::<usize>()), 1..500i64)
            .prop_map(|(at, pick, amount)| Op::Give { at, pick, amount }),
        2 => (at.clone(), any::<usize>(), 1..500i64)
            .prop_map(|(at, pick, amount)| Op::Correct { at, pick, amount }),
        1 => (at.clone(), any::<usize>()).prop_map(|(at, pick)| Op::Unsign { at, pick }),
        4 => (at.clone(), 0..3usize, any::<bool>())
            .prop_map(|(from, to, targeted)| Op::Send { from, to, targeted }),
        1 => (at, any::<usize>()).prop_map(|(to, pick)| Op::Replay { to, pick }),
    ]
}

/// An edit that must either survive, be overtaken by an edit that saw it, or be recorded.
#[derive(Debug)]
struct Edit {
    table: &'static str,
    row: Id,
    column: &'static str,
    marker: String,
    laptop: Id,
    seq: i64,
    seen: HashMap<Id, i64>,
}

struct World {
    _dir: tempfile::TempDir,
    dir: PathBuf,
    laptops: Vec<Laptop>,
    campaign: Campaign,
    bundles: Vec<PathBuf>,
    signatures: Vec<(Id, Id)>,
    unsigned: HashSet<Id>,
    removed_people: HashSet<Id>,
    donations: Vec<Id>,
    edits: Vec<Edit>,
}

fn vector(l: &Laptop) -> HashMap<Id, i64> {
    let s = sync::status(&l.store).unwrap();
    let mut v: HashMap<Id, i64> = s.others.iter().map(|o| (o.id, o.received)).collect();
    v.insert(s.laptop.id, s.own_changes);
    v
}

fn pick(l: &Laptop, sql: &str, n: usize) -> Option<Id> {
    let ids = l.ids(sql);
    (!ids.is_empty()).then(|| ids[n % ids.len()])
}

impl World {
    fn new() -> World {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().to_owned();
        let mut a = Laptop::new(&path, "a");
        let campaign = start_campaign(&mut a);
        let b = join(&path, &a, "b");
        let c = join(&path, &a, "c");
        World {
            _dir: dir,
            dir: path,
            laptops: vec![a, b, c],
            campaign,
            bundles: Vec::new(),
            signatures: Vec::new(),
            unsigned: HashSet::new(),
            removed_people: HashSet::new(),
            donations: Vec::new(),
            edits: Vec::new(),
        }
    }

    fn run(&mut self, n: usize, op: &Op) {
        match *op {
            Op::Sign { at, name, email } => {
                let appeal = self.campaign.appeal;
                let person = NewPerson {
                    given_name: NAMES[name].into(),
                    family_name: format!("F{n}"),
                    email: email.map(|e| EMAILS[e].to_owned()),
                    ..Default::default()
                };
                let signed = self.laptops[at]
                    .store
                    .write(|w| appeals::sign_as(w, appeal, &person, Source::Table, Display::Full))
                    .unwrap();
                if !self.signatures.iter().any(|(s, _)| *s == signed.signature) {
                    self.signatures.push((signed.signature, signed.person));
                }
            }
            Op::EditPerson { at, pick: p } => {
                let l = &mut self.laptops[at];
                let Some(id) = pick(l, "SELECT id FROM people ORDER BY id", p) else {
                    return;
                };
                let conn = rusqlite::Connection::open(l.store.path()).unwrap();
                let (given, family, email): (String, String, Option<String>) = conn
                    .query_row(
                        "SELECT given_name, family_name, email FROM people WHERE id = ?1",
                        [id],
                        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                    )
                    .unwrap();
                let marker = format!("city-{n}");
                let seen = vector(l);
                let edited = NewPerson {
                    given_name: given,
                    family_name: family,
                    email,
                    city: Some(marker.clone()),
                    ..Default::default()
                };
                l.store.write(|w| people::update(w, id, &edited)).unwrap();
                self.record_edit(at, "people", id, "city", marker, seen);
            }
            Op::RemovePerson { at, pick: p } => {
                let l = &mut self.laptops[at];
                let Some(id) = pick(l, "SELECT id FROM people ORDER BY id", p) else {
                    return;
                };
                l.store.write(|w| people::remove(w, id)).unwrap();
                self.removed_people.insert(id);
            }
            Op::Answer { at, pick: p, going } => {
                let event = self.campaign.event;
                let l = &mut self.laptops[at];
                let Some(id) = pick(l, "SELECT id FROM people ORDER BY id", p) else {
                    return;
                };
                let status = if going {
                    RsvpStatus::Accepted
                } else {
                    RsvpStatus::Declined
                };
                l.store
                    .write(|w| rsvps::answer(w, &Answer::new(event, id, status)))
                    .unwrap();
            }
            Op::Give {
                at,
                pick: p,
                amount,
            } => {
                let fund = self.campaign.fund;
                let l = &mut self.laptops[at];
                let person = p.and_then(|p| pick(l, "SELECT id FROM people ORDER BY id", p));
                let id = l
                    .store
                    .write(|w| {
                        donations::insert_donation(
                            w,
                            &NewDonation {
                                person_id: person,
                                fund_id: Some(fund),
                                ..NewDonation::new(
                                    amount * 100,
                                    "USD",
                                    Method::Cash,
                                    Utc::now().date_naive(),
                                )
                            },
                        )
                    })
                    .unwrap();
                self.donations.push(id);
            }
            Op::Correct {
                at,
                pick: p,
                amount,
            } => {
                let l = &mut self.laptops[at];
                let Some(id) = pick(l, "SELECT id FROM donations ORDER BY id", p) else {
                    return;
                };
                let marker = format!("fix-{n}");
                let seen = vector(l);
                l.store
                    .write(|w| {
                        let mut d = donations::input(w, id)?;
                        d.amount = desk_core::money::format(amount * 100 + 1, "USD");
                        d.note = marker.clone();
                        donations::correct(w, id, &d, &marker, "")
                    })
                    .unwrap();
                self.record_edit(at, "donations", id, "note", marker, seen);
            }
            Op::Unsign { at, pick: p } => {
                let l = &mut self.laptops[at];
                let Some(id) = pick(l, "SELECT id FROM signatures ORDER BY id", p) else {
                    return;
                };
                l.store.write(|w| appeals::remove_signature(w, id)).unwrap();
                self.unsigned.insert(id);
            }
            Op::Send { from, to, targeted } => {
                if from == to {
                    return;
                }
                let made_for = targeted.then(|| self.laptops[to].id());
                let bundle = self.laptops[from].bundle(&self.dir, made_for, self.bundles.len());
                self.bundles.push(bundle.clone());
                self.open(to, &bundle);
            }
            Op::Replay { to, pick: p } => {
                if self.bundles.is_empty() {
                    return;
                }
                let bundle = self.bundles[p % self.bundles.len()].clone();
                self.open(to, &bundle);
            }
        }
    }

    fn record_edit(
        &mut self,
        at: usize,
        table: &'static str,
        row: Id,
        column: &'static str,
        marker: String,
        seen: HashMap<Id, i64>,
    ) {
        let l = &self.laptops[at];
        let status = sync::status(&l.store).unwrap();
        self.edits.push(Edit {
            table,
            row,
            column,
            marker,
            laptop: status.laptop.id,
            seq: status.own_changes,
            seen,
        });
    }

    /// Opens a bundle; the only refusal allowed is one that would leave a gap.
    fn open(&mut self, to: usize, bundle: &std::path::Path) -> i64 {
        match self.laptops[to].open(bundle) {
            Ok(applied) => applied.arrived.new_changes,
            Err(e) => {
                assert_eq!(e.message().key(), "bundle_gap", "{e}");
                0
            }
        }
    }

    /// Everyone sends everything to `a`, then `a` to everyone, until a round brings nothing new.
    fn meet(&mut self) {
        for round in 0..12 {
            let mut new = 0;
            for from in [1, 2] {
                let bundle = self.laptops[from].bundle(&self.dir, None, 10_000 + round * 10 + from);
                new += self.open(0, &bundle);
            }
            for to in [1, 2] {
                let bundle = self.laptops[0].bundle(&self.dir, None, 10_000 + round * 10 + 5 + to);
                new += self.open(to, &bundle);
            }
            let vectors: Vec<_> = self.laptops.iter().map(vector).collect();
            if new == 0 && vectors.iter().all(|v| *v == vectors[0]) {
                return;
            }
        }
        panic!("the laptops did not settle in 12 rounds");
    }

    fn check(&self) {
        let rows = self.laptops[0].rows();
        for l in &self.laptops[1..] {
            let theirs = l.rows();
            for ((table, a), (_, b)) in rows.iter().zip(&theirs) {
                if a != b {
                    panic!(
                        "{table} differs between a and {}:\n a: {}\n {}: {}",
                        l.name,
                        brief(a),
                        l.name,
                        brief(b)
                    );
                }
            }
        }
        let a = &self.laptops[0];
        let conflicts: Vec<sync::ConflictRecord> =
            self.laptops.iter().flat_map(Laptop::conflicts).collect();

        // No donation is ever lost.
        let donations: HashSet<Id> = a.ids("SELECT id FROM donations").into_iter().collect();
        for d in &self.donations {
            assert!(donations.contains(d), "donation {d} was lost");
        }

        // A signature is gone only when it was taken back, its signer removed (also after a
        // merge), or the merge kept another one and recorded it.
        let signatures: HashSet<Id> = a.ids("SELECT id FROM signatures").into_iter().collect();
        let conn = rusqlite::Connection::open(a.store.path()).unwrap();
        let merged_into = |p: Id| -> Option<Id> {
            conn.query_row(
                "SELECT into_id FROM person_merges WHERE id = ?1",
                [p],
                |r| r.get(0),
            )
            .optional()
            .unwrap()
        };
        for (sig, person) in &self.signatures {
            if signatures.contains(sig) || self.unsigned.contains(sig) {
                continue;
            }
            let mut chain = vec![*person];
            while let Some(next) = merged_into(*chain.last().unwrap()) {
                if chain.contains(&next) || chain.len() > 50 {
                    break;
                }
                chain.push(next);
            }
            let signer_removed = chain.iter().any(|p| self.removed_people.contains(p));
            let recorded = conflicts
                .iter()
                .any(|c| c.other.as_ref().is_some_and(|o| o["id"] == sig.to_string()));
            assert!(
                signer_removed || recorded,
                "signature {sig} was lost without a record"
            );
        }

        // An edit survives, or a later edit that saw it replaced it, or it is recorded.
        for e in &self.edits {
            let value: Option<Option<String>> = conn
                .query_row(
                    &format!("SELECT {} FROM {} WHERE id = ?1", e.column, e.table),
                    [e.row],
                    |r| r.get(0),
                )
                .optional()
                .unwrap();
            let Some(value) = value else { continue };
            if value.as_deref() == Some(e.marker.as_str()) {
                continue;
            }
            let overtaken = self.edits.iter().any(|later| {
                later.row == e.row
                    && later.marker != e.marker
                    && later.seen.get(&e.laptop).copied().unwrap_or(0) >= e.seq
            });
            if overtaken {
                continue;
            }
            let record = conflicts.iter().find(|c| {
                c.other
                    .as_ref()
                    .is_some_and(|o| o[e.column] == e.marker.as_str())
            });
            let record =
                record.unwrap_or_else(|| panic!("the edit {e:?} was lost without a record"));
            if e.table == "donations" {
                assert!(
                    record.money,
                    "a money conflict goes to the treasurer: {record:?}"
                );
            }
        }
    }
}

/// Rows as short text: ids as their last four hex digits, stamps as their seconds.
fn brief(rows: &[Vec<rusqlite::types::Value>]) -> String {
    use rusqlite::types::Value;
    rows.iter()
        .map(|row| {
            row.iter()
                .map(|v| match v {
                    Value::Blob(b) => b[b.len().saturating_sub(2)..]
                        .iter()
                        .map(|x| format!("{x:02x}"))
                        .collect(),
                    Value::Text(t) if t.len() > 20 => t[17..23].to_owned(),
                    Value::Text(t) => t.clone(),
                    Value::Integer(i) => i.to_string(),
                    Value::Null => "-".into(),
                    Value::Real(f) => f.to_string(),
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

fn cases() -> u32 {
    std::env::var("SYNC_PROPERTY_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(12)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        max_shrink_iters: 64,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn three_laptops_meet_and_hold_the_same_rows(ops in proptest::collection::vec(op(), 8..48)) {
        let mut world = World::new();
        for (n, op) in ops.iter().enumerate() {
            world.run(n, op);
        }
        world.meet();
        world.check();
    }
}
