//! People: the one row that a signer, a guest and a donor share.

use rusqlite::{params, Connection};
use serde::Deserialize;

use crate::clock;
use crate::error::{Error, Result};
use crate::messages::Message;
use crate::text;

/// A person as typed in or imported. Every field is checked before it is stored.
#[derive(Debug, Clone, Default, Deserialize)]
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

/// Stores a new person and returns its id.
pub(crate) fn insert(conn: &Connection, person: &NewPerson) -> Result<i64> {
    let given = text::line("given_name", &person.given_name, 100)?;
    let family = text::line("family_name", &person.family_name, 100)?;
    if given.is_empty() && family.is_empty() {
        return Err(Error::invalid("nameless_person"));
    }
    let email = text::optional_line("email", person.email.as_deref(), 254)?;
    if let Some(email) = &email {
        check_email(email)?;
    }
    let country = match text::optional_line("country", person.country.as_deref(), 100)? {
        Some(c) => Some(text::country_code(&c)?),
        None => None,
    };
    let notes = match person.notes.as_deref() {
        Some(n) => Some(text::paragraphs("notes", n, 5000)?).filter(|n| !n.is_empty()),
        None => None,
    };
    let now = clock::now();
    conn.execute(
        "INSERT INTO people (uuid, given_name, family_name, email, phone, city, region, postal_code,
                             country, organization, title, notes, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
        params![
            clock::new_uuid(),
            given,
            family,
            email,
            text::optional_line("phone", person.phone.as_deref(), 40)?,
            text::optional_line("city", person.city.as_deref(), 100)?,
            text::optional_line("region", person.region.as_deref(), 100)?,
            text::optional_line("postal_code", person.postal_code.as_deref(), 20)?,
            country,
            text::optional_line("organization", person.organization.as_deref(), 200)?,
            text::optional_line("title", person.title.as_deref(), 200)?,
            notes,
            now,
        ],
    )?;
    Ok(conn.last_insert_rowid())
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
}
