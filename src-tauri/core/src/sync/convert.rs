//! The hook of migration 005: gives this laptop its identity and copies the rows of the first
//! schema into the tables keyed by UUID, under a recording session. So the rows a campaign had
//! before it could sync become this laptop's first changeset, and a laptop joining later
//! receives them like any other change.

use rusqlite::Transaction;
use rusqlite_migration::{HookError, HookResult};

use crate::id::Id;
use crate::sync::record;

/// Old table to new, each `SELECT` giving the new table's columns in order. `?1` is this laptop.
/// UUIDs stored as text become their 16 bytes; integer foreign keys become the parent's UUID.
const COPIES: &[&str] = &[
    "INSERT INTO campaign (id, one, name, created_at, updated_at, written_by)
     SELECT unhex(replace(uuid, '-', '')), 1, name, created_at, updated_at, ?1 FROM old_campaign",
    "INSERT INTO people (id, given_name, family_name, email, phone, city, region, postal_code,
                         country, organization, title, notes, created_at, updated_at, written_by)
     SELECT unhex(replace(uuid, '-', '')), given_name, family_name, email, phone, city, region,
            postal_code, country, organization, title, notes, created_at, updated_at, ?1
       FROM old_people ORDER BY id",
    "INSERT INTO appeals (id, title, body, published_on, created_at, updated_at, written_by)
     SELECT unhex(replace(uuid, '-', '')), title, body, published_on, created_at, updated_at, ?1
       FROM old_appeals ORDER BY id",
    "INSERT INTO signatures (id, appeal_id, person_id, signed_at, source, display, prominent,
                             statement, created_at, updated_at, written_by)
     SELECT unhex(replace(s.uuid, '-', '')), unhex(replace(a.uuid, '-', '')),
            unhex(replace(p.uuid, '-', '')), s.signed_at, s.source, s.display, s.prominent,
            s.statement, s.created_at, s.updated_at, ?1
       FROM old_signatures s JOIN old_appeals a ON a.id = s.appeal_id
       JOIN old_people p ON p.id = s.person_id ORDER BY s.id",
    "INSERT INTO events (id, title, description, starts_at, ends_at, time_zone, venue, address,
                         city, country, online_url, capacity, contact_phone, contact_email,
                         created_at, updated_at, written_by)
     SELECT unhex(replace(uuid, '-', '')), title, description, starts_at, ends_at, time_zone,
            venue, address, city, country, online_url, capacity, contact_phone, contact_email,
            created_at, updated_at, ?1
       FROM old_events ORDER BY id",
    "INSERT INTO rsvps (id, event_id, person_id, status, attendance, guests, created_at,
                        updated_at, written_by)
     SELECT unhex(replace(r.uuid, '-', '')), unhex(replace(e.uuid, '-', '')),
            unhex(replace(p.uuid, '-', '')), r.status, r.attendance, r.guests, r.created_at,
            r.updated_at, ?1
       FROM old_rsvps r JOIN old_events e ON e.id = r.event_id
       JOIN old_people p ON p.id = r.person_id ORDER BY r.id",
    "INSERT INTO funds (id, name, purpose, goal_minor, currency, created_at, updated_at, written_by)
     SELECT unhex(replace(uuid, '-', '')), name, purpose, goal_minor, currency, created_at,
            updated_at, ?1
       FROM old_funds ORDER BY id",
    "INSERT INTO donations (id, person_id, fund_id, event_id, amount_minor, currency, fee_minor,
                            method, received_on, reference, note, created_at, updated_at,
                            written_by)
     SELECT unhex(replace(d.uuid, '-', '')),
            (SELECT unhex(replace(uuid, '-', '')) FROM old_people WHERE id = d.person_id),
            (SELECT unhex(replace(uuid, '-', '')) FROM old_funds WHERE id = d.fund_id),
            (SELECT unhex(replace(uuid, '-', '')) FROM old_events WHERE id = d.event_id),
            d.amount_minor, d.currency, d.fee_minor, d.method, d.received_on, d.reference,
            d.note, d.created_at, d.updated_at, ?1
       FROM old_donations d ORDER BY d.id",
];

/// Children first, so that no drop cascades into a table still to be copied.
const DROPS: &str = "DROP TABLE old_donations; DROP TABLE old_funds; DROP TABLE old_rsvps;
    DROP TABLE old_events; DROP TABLE old_signatures; DROP TABLE old_appeals;
    DROP TABLE old_people; DROP TABLE old_campaign;";

pub(crate) fn to_uuid_keys(tx: &Transaction<'_>) -> HookResult {
    let laptop = Id::new();
    record::create_identity(tx, laptop)?;
    record::recorded(tx, |w| {
        for copy in COPIES {
            w.execute(copy, [laptop])?;
        }
        Ok(())
    })
    .map_err(|e| match e {
        crate::Error::Database(e) => HookError::RusqliteError(e),
        other => HookError::Hook(other.to_string()),
    })?;
    tx.execute_batch(DROPS)?;
    Ok(())
}

/// The hook of migration 006: each appeal that exists gets its words as version 1 in English
/// (its language until then) with the default consent wording, and a slug made from its title.
/// Recorded like any write, so a laptop that joins later receives them. Every laptop that runs
/// this migration writes the same rows (the ids come from the appeal's id, the times and the
/// writer from the appeal's row), so when two of them meet, the rows are simply the same.
pub(crate) fn appeal_words(tx: &Transaction<'_>) -> HookResult {
    record::recorded(tx, |w| {
        let mut stmt = w.prepare(
            "SELECT id, title, body, created_at, updated_at, written_by FROM appeals
              WHERE NOT EXISTS (SELECT 1 FROM appeal_texts t WHERE t.appeal_id = appeals.id)
              ORDER BY created_at, id",
        )?;
        let appeals = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, Id>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, Id>(5)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let (consent, contact) = crate::appeals::default_consent("en");
        for (appeal, title, body, created, updated, writer) in appeals {
            let hash = crate::appeals::words_hash(&title, &body, consent, contact);
            w.execute(
                "INSERT INTO appeal_texts (id, appeal_id, lang, version, title, body, consent,
                                           contact_consent, words_hash, created_at, updated_at,
                                           written_by)
                 VALUES (?1, ?2, 'en', 1, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                rusqlite::params![
                    Id::derived(appeal, "appeal_texts/en/1"),
                    appeal,
                    title,
                    body,
                    consent,
                    contact,
                    hash,
                    created,
                    updated,
                    writer
                ],
            )?;
            let mut slug = crate::text::slug_from(&title);
            if slug.is_empty() {
                slug = "appeal".into();
            }
            // The appeal's id ends the slug only when another appeal has it already.
            let taken: bool = w.query_row(
                "SELECT EXISTS (SELECT 1 FROM appeals WHERE slug = ?1)",
                [&slug],
                |r| r.get(0),
            )?;
            if taken {
                slug = format!("{slug}-{}", appeal.short());
            }
            w.execute(
                "UPDATE appeals SET slug = ?2 WHERE id = ?1",
                rusqlite::params![appeal, slug],
            )?;
        }
        Ok(())
    })
    .map_err(|e| match e {
        crate::Error::Database(e) => HookError::RusqliteError(e),
        other => HookError::Hook(other.to_string()),
    })
}
