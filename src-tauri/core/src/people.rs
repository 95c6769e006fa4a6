//! People: the one row that a signer, a guest and a donor share.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Deserialize;

use crate::error::{Error, Result};
use crate::id::Id;
use crate::messages::Message;
use crate::sync::Tx;
use crate::text;

/// A person as typed in or imported. Every field is checked before it is stored.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize)]
#[serde(default)]
pub struct NewPerson {
    pub given_name: String,
    pub family_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub city: Option<String>,
    pub region: Option<String>,
    pub postal_code: Option<String>,
    /// ISO 3166-1 alpha-2, e.g. `IR`.
    pub country: Option<String>,
    pub organization: Option<String>,
    /// How the person is presented, e.g. "novelist and playwright".
    pub title: Option<String>,
    pub notes: Option<String>,
}

/// A person's fields, checked: what `insert` and `update` store.
struct Checked {
    given: String,
    family: String,
    email: Option<String>,
    phone: Option<String>,
    city: Option<String>,
    region: Option<String>,
    postal_code: Option<String>,
    country: Option<String>,
    organization: Option<String>,
    title: Option<String>,
    notes: Option<String>,
}

fn check(person: &NewPerson) -> Result<Checked> {
    let given = field::given_name(&person.given_name)?;
    let family = field::family_name(&person.family_name)?;
    if given.is_empty() && family.is_empty() {
        return Err(Error::invalid("nameless_person"));
    }
    let country = match text::optional_line("country", person.country.as_deref(), 100)? {
        Some(c) => Some(text::country_code(&c)?),
        None => None,
    };
    Ok(Checked {
        given,
        family,
        email: field::email(person.email.as_deref())?,
        phone: field::phone(person.phone.as_deref())?,
        city: field::city(person.city.as_deref())?,
        region: field::region(person.region.as_deref())?,
        postal_code: field::postal_code(person.postal_code.as_deref())?,
        country,
        organization: field::organization(person.organization.as_deref())?,
        title: field::title(person.title.as_deref())?,
        notes: field::notes(person.notes.as_deref())?,
    })
}

/// Each field of a person checked as it is stored (bounds, invisible characters, the email's
/// shape). `check` runs them all and fails on the first; the import (csv_import.rs) runs them
/// one by one, so that a row keeps its signature when only one field is bad.
pub(crate) mod field {
    use super::check_email;
    use crate::error::Result;
    use crate::text;

    pub fn given_name(value: &str) -> Result<String> {
        text::name("given_name", value, 100)
    }

    pub fn family_name(value: &str) -> Result<String> {
        text::name("family_name", value, 100)
    }

    pub fn email(value: Option<&str>) -> Result<Option<String>> {
        let email = text::optional_line("email", value, 254)?;
        if let Some(email) = &email {
            check_email(email)?;
        }
        Ok(email)
    }

    pub fn phone(value: Option<&str>) -> Result<Option<String>> {
        text::optional_line("phone", value, 40)
    }

    pub fn city(value: Option<&str>) -> Result<Option<String>> {
        text::optional_name("city", value, 100)
    }

    pub fn region(value: Option<&str>) -> Result<Option<String>> {
        text::optional_line("region", value, 100)
    }

    pub fn postal_code(value: Option<&str>) -> Result<Option<String>> {
        text::optional_line("postal_code", value, 20)
    }

    pub fn organization(value: Option<&str>) -> Result<Option<String>> {
        text::optional_name("organization", value, 200)
    }

    pub fn title(value: Option<&str>) -> Result<Option<String>> {
        text::optional_name("title", value, 200)
    }

    pub fn notes(value: Option<&str>) -> Result<Option<String>> {
        match value {
            Some(n) => Ok(Some(text::paragraphs("notes", n, 5000)?).filter(|n| !n.is_empty())),
            None => Ok(None),
        }
    }
}

/// Stores a new person and returns its id. An email that another person already has is
/// refused: the same email is the same person (use `find_by_email` first). Possible duplicates
/// of the new person join the review queue.
pub fn insert(w: &Tx<'_>, person: &NewPerson) -> Result<Id> {
    let id = Id::new();
    save(
        w,
        id,
        person,
        "INSERT INTO people (id, given_name, family_name, email, phone, city, region, postal_code,
                             country, organization, title, notes, created_at, updated_at, written_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13, ?14)",
    )?;
    crate::duplicates::queue_for(w, &[id], w.stamp())?;
    Ok(id)
}

/// Replaces a person's details with `person`, and looks for their duplicates again.
pub fn update(w: &Tx<'_>, id: Id, person: &NewPerson) -> Result<()> {
    let n = save(
        w,
        id,
        person,
        "UPDATE people SET given_name = ?2, family_name = ?3, email = ?4, phone = ?5, city = ?6,
                region = ?7, postal_code = ?8, country = ?9, organization = ?10, title = ?11,
                notes = ?12, updated_at = ?13, written_by = ?14
          WHERE id = ?1",
    )?;
    if n == 0 {
        return Err(Error::NotFound(Message::new("person_not_found")));
    }
    crate::duplicates::queue_for(w, &[id], w.stamp())?;
    Ok(())
}

/// Checks `person` and runs `sql` (an insert or an update of person `id`) with its fields as
/// ?1..?14. Returns the rows written.
fn save(w: &Tx<'_>, id: Id, person: &NewPerson, sql: &str) -> Result<usize> {
    let p = check(person)?;
    if let Some(email) = &p.email {
        if find_by_email(w, email)?.is_some_and(|other| other != id) {
            return Err(Error::Conflict(
                Message::new("email_taken").with("value", email),
            ));
        }
    }
    Ok(w.execute(
        sql,
        params![
            id,
            p.given,
            p.family,
            p.email,
            p.phone,
            p.city,
            p.region,
            p.postal_code,
            p.country,
            p.organization,
            p.title,
            p.notes,
            w.stamp(),
            w.laptop(),
        ],
    )?)
}

/// Removes a person with their signatures and answers; their gifts stay, without a name.
pub fn remove(w: &Tx<'_>, id: Id) -> Result<()> {
    let n = w.execute("DELETE FROM people WHERE id = ?1", [id])?;
    if n == 0 {
        return Err(Error::NotFound(Message::new("person_not_found")));
    }
    Ok(())
}

/// The person with this email, ignoring case and surrounding spaces.
pub fn find_by_email(conn: &Connection, email: &str) -> Result<Option<Id>> {
    Ok(conn
        .query_row(
            "SELECT id FROM people WHERE lower(email) = lower(?1) AND email IS NOT NULL
              ORDER BY created_at, id LIMIT 1",
            [email.trim()],
            |r| r.get(0),
        )
        .optional()?)
}

/// The person with this person's email, or this person added. Returns the id and whether they
/// were found.
pub fn find_or_insert(w: &Tx<'_>, person: &NewPerson) -> Result<(Id, bool)> {
    let email = field::email(person.email.as_deref())?;
    if let Some(found) = email
        .as_deref()
        .map(|e| find_by_email(w, e))
        .transpose()?
        .flatten()
    {
        return Ok((found, true));
    }
    Ok((insert(w, person)?, false))
}

/// Merges person `from` into `into`: signatures, answers and gifts move over, blank fields of
/// `into` are filled from `from`, and `from` is removed, remembered in `person_merges` so that
/// rows still pointing at it when they arrive from another laptop are re-pointed. A second
/// signature or answer this creates is settled by the merge's next step (sync/settle.rs).
/// (The organizer's merge, with a choice per field and undo, is duplicates::merge.)
pub(crate) fn merge(w: &Tx<'_>, from: Id, into: Id, reason: &str) -> Result<()> {
    move_rows(w, from, into)?;
    w.execute(
        "UPDATE people AS p SET
            email = coalesce(p.email, o.email), phone = coalesce(p.phone, o.phone),
            city = coalesce(p.city, o.city), region = coalesce(p.region, o.region),
            postal_code = coalesce(p.postal_code, o.postal_code),
            country = coalesce(p.country, o.country),
            organization = coalesce(p.organization, o.organization),
            title = coalesce(p.title, o.title), notes = coalesce(p.notes, o.notes),
            updated_at = ?3, written_by = ?4
           FROM (SELECT * FROM people WHERE id = ?2) AS o
          WHERE p.id = ?1
            AND (p.email IS NULL AND o.email IS NOT NULL OR p.phone IS NULL AND o.phone IS NOT NULL
              OR p.city IS NULL AND o.city IS NOT NULL OR p.region IS NULL AND o.region IS NOT NULL
              OR p.postal_code IS NULL AND o.postal_code IS NOT NULL
              OR p.country IS NULL AND o.country IS NOT NULL
              OR p.organization IS NULL AND o.organization IS NOT NULL
              OR p.title IS NULL AND o.title IS NOT NULL OR p.notes IS NULL AND o.notes IS NOT NULL)",
        params![into, from, w.stamp(), w.laptop()],
    )?;
    remember_merge(w, from, into, reason)?;
    w.execute("DELETE FROM people WHERE id = ?1", [from])?;
    Ok(())
}

/// Moves every signature, consent act, answer and gift of `from` to `into`.
pub(crate) fn move_rows(w: &Tx<'_>, from: Id, into: Id) -> Result<()> {
    for table in ["signatures", "consents", "rsvps", "donations"] {
        w.execute(
            &format!(
                "UPDATE {table} SET person_id = ?1, updated_at = ?3, written_by = ?4 WHERE person_id = ?2"
            ),
            params![into, from, w.stamp(), w.laptop()],
        )?;
    }
    Ok(())
}

/// Remembers that `from` is now `into` (and so is everyone merged into `from` before), so that
/// rows arriving later for `from` are re-pointed.
pub(crate) fn remember_merge(w: &Tx<'_>, from: Id, into: Id, reason: &str) -> Result<()> {
    w.execute(
        "UPDATE person_merges SET into_id = ?1, updated_at = ?3, written_by = ?4 WHERE into_id = ?2",
        params![into, from, w.stamp(), w.laptop()],
    )?;
    w.execute(
        "INSERT INTO person_merges (id, into_id, reason, created_at, updated_at, written_by)
         VALUES (?1, ?2, ?3, ?4, ?4, ?5)
         ON CONFLICT (id) DO UPDATE SET into_id = excluded.into_id, updated_at = excluded.updated_at,
                                        written_by = excluded.written_by",
        params![from, into, reason, w.stamp(), w.laptop()],
    )?;
    Ok(())
}

/// A light check that catches typing slips; whether the address works only a sent mail can tell.
fn check_email(email: &str) -> Result<()> {
    let well_formed = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.contains(char::is_whitespace)
                && !domain.contains('@')
        }
        None => false,
    };
    if well_formed {
        Ok(())
    } else {
        Err(Error::Invalid(
            Message::new("bad_email").with("value", email),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("t.db")).unwrap();
        (dir, store)
    }

    #[test]
    fn stores_a_person_in_any_script() {
        let (_dir, mut store) = store();
        let person = NewPerson {
            given_name: "\u{0634}\u{06cc}\u{0631}\u{06cc}\u{0646}".into(),
            family_name: "\u{0639}\u{0644}\u{06cc}\u{200c}\u{0632}\u{0627}\u{062f}\u{0647}".into(),
            country: Some("ir".into()),
            email: Some("  shirin@example.org ".into()),
            ..Default::default()
        };
        let id = store.write(|tx| insert(tx, &person)).unwrap();
        let (family, country, email): (String, String, String) = store
            .conn()
            .query_row(
                "SELECT family_name, country, email FROM people WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        assert_eq!(family, person.family_name);
        assert_eq!(country, "IR");
        assert_eq!(email, "shirin@example.org");
    }

    #[test]
    fn refuses_bad_input_and_keeps_nothing() {
        let (_dir, mut store) = store();
        let nameless = NewPerson::default();
        assert_eq!(
            store.write(|tx| insert(tx, &nameless)).unwrap_err().code(),
            "invalid"
        );
        let bad_mail = NewPerson {
            given_name: "Ana".into(),
            email: Some("ana at example.org".into()),
            ..Default::default()
        };
        let err = store.write(|tx| insert(tx, &bad_mail)).unwrap_err();
        assert!(
            err.to_string().contains("does not look like an email"),
            "{err}"
        );
        let bad_country = NewPerson {
            given_name: "Ana".into(),
            country: Some("Colombia".into()),
            ..Default::default()
        };
        assert!(store.write(|tx| insert(tx, &bad_country)).is_err());
        let n: i64 = store
            .conn()
            .query_row("SELECT count(*) FROM people", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0);
    }

    #[test]
    fn the_same_email_is_the_same_person() {
        let (_dir, mut store) = store();
        let ana = NewPerson {
            given_name: "Ana".into(),
            email: Some("Ana@Example.org".into()),
            ..Default::default()
        };
        let id = store.write(|tx| insert(tx, &ana)).unwrap();
        let again = NewPerson {
            given_name: "Ana María".into(),
            email: Some(" ana@example.ORG ".into()),
            ..Default::default()
        };
        let err = store.write(|tx| insert(tx, &again)).unwrap_err();
        assert_eq!(err.code(), "conflict");
        assert_eq!(
            find_by_email(store.conn(), "ANA@example.org ").unwrap(),
            Some(id)
        );
        store.write(|tx| update(tx, id, &again)).unwrap();
        store.write(|tx| remove(tx, id)).unwrap();
        assert_eq!(
            store.write(|tx| remove(tx, id)).unwrap_err().code(),
            "not_found"
        );
    }
}

/// A person as their page shows them: details, signatures, consent record, answers to events,
/// gifts, and the merges that joined others into them.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PersonPage {
    pub id: Id,
    #[serde(flatten)]
    pub details: Details,
    pub may_contact: bool,
    pub signatures: Vec<SignatureLine>,
    pub consents: Vec<crate::signing::ConsentAct>,
    pub rsvps: Vec<RsvpLine>,
    pub donations: Vec<DonationLine>,
    pub merges: Vec<crate::duplicates::MergeLine>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct SignatureLine {
    pub id: Id,
    pub appeal_id: Id,
    pub appeal_title: String,
    pub signed_at: String,
    pub source: String,
    pub display: String,
    pub featured: bool,
    pub sheet_number: Option<i64>,
    pub sheet_row: Option<i64>,
    pub version: Option<i64>,
    pub lang: Option<String>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct RsvpLine {
    pub event_id: Id,
    pub event_title: String,
    pub starts_at: Option<String>,
    pub status: String,
    pub guests: i64,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct DonationLine {
    pub id: Id,
    /// A decimal string in the currency's own minor unit ("25.00", "3000").
    pub amount: String,
    pub currency: String,
    pub received_on: String,
    pub method: String,
    pub fund_name: Option<String>,
    /// Voided gifts stay on the page, marked: they count nowhere.
    pub voided: bool,
}

/// A person's stored fields and when they were added: what their page and the duplicates
/// screen show of them.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Details {
    #[serde(flatten)]
    pub fields: NewPerson,
    pub created_at: String,
}

pub fn details(conn: &Connection, id: Id) -> Result<Details> {
    conn.query_row(
        "SELECT given_name, family_name, email, phone, city, region, postal_code, country,
                organization, title, notes, created_at
           FROM people WHERE id = ?1",
        [id],
        |r| {
            Ok(Details {
                fields: NewPerson {
                    given_name: r.get(0)?,
                    family_name: r.get(1)?,
                    email: r.get(2)?,
                    phone: r.get(3)?,
                    city: r.get(4)?,
                    region: r.get(5)?,
                    postal_code: r.get(6)?,
                    country: r.get(7)?,
                    organization: r.get(8)?,
                    title: r.get(9)?,
                    notes: r.get(10)?,
                },
                created_at: r.get(11)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(Message::new("person_not_found")))
}

pub fn page(store: &crate::Store, id: Id) -> Result<PersonPage> {
    let conn = store.conn();
    let mut page = PersonPage {
        id,
        details: details(conn, id)?,
        may_contact: false,
        signatures: Vec::new(),
        consents: Vec::new(),
        rsvps: Vec::new(),
        donations: Vec::new(),
        merges: Vec::new(),
    };
    let mut stmt = conn.prepare(
        "SELECT s.id, s.appeal_id, a.title, s.signed_at, s.source, s.display, s.featured, ps.number,
                s.sheet_row, t.version, t.lang
           FROM signatures s JOIN appeals a ON a.id = s.appeal_id
           LEFT JOIN paper_sheets ps ON ps.id = s.sheet_id
           LEFT JOIN appeal_texts t ON t.id = s.text_id
          WHERE s.person_id = ?1 ORDER BY s.signed_at",
    )?;
    page.signatures = stmt
        .query_map([id], |r| {
            Ok(SignatureLine {
                id: r.get(0)?,
                appeal_id: r.get(1)?,
                appeal_title: r.get(2)?,
                signed_at: r.get(3)?,
                source: r.get(4)?,
                display: r.get(5)?,
                featured: r.get(6)?,
                sheet_number: r.get(7)?,
                sheet_row: r.get(8)?,
                version: r.get(9)?,
                lang: r.get(10)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    page.rsvps = conn
        .prepare(
            "SELECT e.id, e.title, e.starts_at, r.status, r.guests
               FROM rsvps r JOIN events e ON e.id = r.event_id
              WHERE r.person_id = ?1 ORDER BY e.starts_at DESC",
        )?
        .query_map([id], |r| {
            Ok(RsvpLine {
                event_id: r.get(0)?,
                event_title: r.get(1)?,
                starts_at: r.get(2)?,
                status: r.get(3)?,
                guests: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    page.donations = conn
        .prepare(
            "SELECT d.id, d.amount_minor, d.currency, d.received_on, d.method, f.name,
                    d.voided_at IS NOT NULL
               FROM donations d LEFT JOIN funds f ON f.id = d.fund_id
              WHERE d.person_id = ?1 ORDER BY d.received_on DESC",
        )?
        .query_map([id], |r| {
            let currency: String = r.get(2)?;
            Ok(DonationLine {
                id: r.get(0)?,
                amount: crate::money::format(r.get(1)?, &currency),
                currency,
                received_on: r.get(3)?,
                method: r.get(4)?,
                fund_name: r.get(5)?,
                voided: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    page.consents = crate::signing::consents(conn, id)?;
    page.may_contact = crate::signing::may_contact(conn, id)?;
    page.merges = crate::duplicates::merges_into(conn, id)?;
    Ok(page)
}
