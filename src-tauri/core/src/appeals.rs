//! Appeals and their words. An appeal has a short name (slug), a status and an optional goal;
//! its title, text and consent wording live in `appeal_texts`, one row per language and
//! version. Changing any of them adds a version; signatures point at the version their signer
//! saw (signing.rs), so the old words stay readable.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::id::Id;
use crate::messages::Message;
use crate::store::Store;
use crate::sync::Tx;
use crate::text;

pub use crate::signing::{remove_signature, sign, sign_as, Display, NewSignature, Signed, Source};

/// Where an appeal stands: drafts are being written, open ones collect signatures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Draft,
    Open,
    Closed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Open => "open",
            Status::Closed => "closed",
        }
    }

    pub fn parse(value: &str) -> Result<Status> {
        match value {
            "draft" => Ok(Status::Draft),
            "open" => Ok(Status::Open),
            "closed" => Ok(Status::Closed),
            other => Err(Error::Invalid(
                Message::new("bad_status").with("value", other),
            )),
        }
    }
}

/// The words of an appeal in one language. Blank consent wordings get the default for the
/// language (`default_consent`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Words {
    pub lang: String,
    pub title: String,
    pub body: String,
    pub consent: String,
    pub contact_consent: String,
}

pub struct NewAppeal<'a> {
    /// Made from the title when `None`.
    pub slug: Option<&'a str>,
    pub words: Words,
    pub status: Status,
    pub goal: Option<i64>,
    pub published_on: Option<NaiveDate>,
}

impl<'a> NewAppeal<'a> {
    /// An open appeal in English with the default consent wording.
    pub fn english(title: &str, body: &str) -> NewAppeal<'a> {
        NewAppeal {
            slug: None,
            words: Words {
                lang: "en".into(),
                title: title.into(),
                body: body.into(),
                ..Words::default()
            },
            status: Status::Open,
            goal: None,
            published_on: None,
        }
    }
}

/// The consent wordings shown when an appeal gives none of its own, by language. English for a
/// language not listed here: the organizer writes that language's own.
pub fn default_consent(lang: &str) -> (&'static str, &'static str) {
    match lang {
        "fa" => (
            "من این فراخوان را امضا می‌کنم. نام من فقط به شکلی که انتخاب کرده‌ام منتشر می‌شود.",
            "کارزار می‌تواند درباره‌ی این فراخوان و کارهایش به من نامه بنویسد.",
        ),
        "es" => (
            "Firmo este llamamiento. Mi nombre solo se publicará de la forma que he elegido.",
            "La campaña puede escribirme sobre este llamamiento y su trabajo.",
        ),
        _ => (
            "I sign this appeal. My name is published only in the way I have chosen.",
            "The campaign may write to me about this appeal and its work.",
        ),
    }
}

/// SHA-256 of the words a signer sees, in hex: the four texts, each preceded by its length, so
/// that no two different sets of words give the same input.
pub fn words_hash(title: &str, body: &str, consent: &str, contact_consent: &str) -> String {
    let mut h = Sha256::new();
    for part in [title, body, consent, contact_consent] {
        h.update((part.len() as u64).to_be_bytes());
        h.update(part.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Checked words, ready to store.
struct CheckedWords {
    lang: String,
    title: String,
    body: String,
    consent: String,
    contact_consent: String,
    hash: String,
}

fn check_words(words: &Words) -> Result<CheckedWords> {
    let lang = text::lang_code(&words.lang)?;
    let title = text::required_line("appeal_title", &words.title, 200)?;
    let body = text::paragraphs("appeal_text", &words.body, 20_000)?;
    let (consent_default, contact_default) = default_consent(&lang);
    let consent = Some(text::paragraphs("consent_wording", &words.consent, 2000)?)
        .filter(|c| !c.is_empty())
        .unwrap_or_else(|| consent_default.to_owned());
    let contact_consent = Some(text::paragraphs(
        "contact_wording",
        &words.contact_consent,
        2000,
    )?)
    .filter(|c| !c.is_empty())
    .unwrap_or_else(|| contact_default.to_owned());
    let hash = words_hash(&title, &body, &consent, &contact_consent);
    Ok(CheckedWords {
        lang,
        title,
        body,
        consent,
        contact_consent,
        hash,
    })
}

/// Starts an appeal with its words in one language. Returns its id.
pub fn insert_appeal(w: &Tx<'_>, appeal: &NewAppeal<'_>) -> Result<Id> {
    let words = check_words(&appeal.words)?;
    let slug = match appeal.slug {
        Some(s) => text::slug(s)?,
        None => free_slug(w, &text::slug_from(&words.title))?,
    };
    if find_by_slug(w, &slug)?.is_some() {
        return Err(Error::Conflict(
            Message::new("slug_taken").with("value", slug),
        ));
    }
    let goal = check_goal(appeal.goal)?;
    let id = Id::new();
    w.execute(
        "INSERT INTO appeals (id, title, body, published_on, created_at, updated_at, written_by,
                              slug, status, goal, lang)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            id,
            words.title,
            words.body,
            appeal.published_on.map(|d| d.to_string()),
            w.stamp(),
            w.laptop(),
            slug,
            appeal.status.as_str(),
            goal,
            words.lang,
        ],
    )?;
    insert_text(w, id, &words, 1)?;
    Ok(id)
}

fn check_goal(goal: Option<i64>) -> Result<Option<i64>> {
    match goal {
        Some(g) if !(1..=100_000_000).contains(&g) => {
            Err(Error::Invalid(Message::new("bad_goal").with("value", g)))
        }
        other => Ok(other),
    }
}

/// `base` if no appeal has it, else `base-2`, `base-3`...; `appeal` when `base` is empty.
fn free_slug(conn: &Connection, base: &str) -> Result<String> {
    let base = if base.is_empty() { "appeal" } else { base };
    for n in 1.. {
        let candidate = if n == 1 {
            base.to_owned()
        } else {
            format!("{base}-{n}")
        };
        if find_by_slug(conn, &candidate)?.is_none() {
            return Ok(candidate);
        }
    }
    unreachable!("some slug is free")
}

fn insert_text(w: &Tx<'_>, appeal: Id, words: &CheckedWords, version: i64) -> Result<Id> {
    let id = Id::new();
    w.execute(
        "INSERT INTO appeal_texts (id, appeal_id, lang, version, title, body, consent,
                                   contact_consent, words_hash, created_at, updated_at, written_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?11)",
        params![
            id,
            appeal,
            words.lang,
            version,
            words.title,
            words.body,
            words.consent,
            words.contact_consent,
            words.hash,
            w.stamp(),
            w.laptop(),
        ],
    )?;
    Ok(id)
}

/// What `set_words` did.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct WordsSaved {
    pub text_id: Id,
    pub version: i64,
    /// False when the words were the same as the current version's: nothing was added.
    pub new_version: bool,
}

/// Sets the appeal's words in one language: a new version when they differ from the current
/// one (a first version for a new language), nothing when they are the same.
pub fn set_words(w: &Tx<'_>, appeal: Id, words: &Words) -> Result<WordsSaved> {
    let lang_of_appeal = own_language(w, appeal)?;
    let words = check_words(words)?;
    let current = current_text_row(w, appeal, &words.lang)?;
    if let Some((id, version, hash)) = &current {
        if *hash == words.hash {
            return Ok(WordsSaved {
                text_id: *id,
                version: *version,
                new_version: false,
            });
        }
    }
    let version = current.map_or(1, |(_, v, _)| v + 1);
    let text_id = insert_text(w, appeal, &words, version)?;
    if words.lang == lang_of_appeal {
        w.execute(
            "UPDATE appeals SET title = ?2, body = ?3, updated_at = ?4, written_by = ?5
              WHERE id = ?1",
            params![appeal, words.title, words.body, w.stamp(), w.laptop()],
        )?;
    }
    Ok(WordsSaved {
        text_id,
        version,
        new_version: true,
    })
}

/// The language the appeal was first written in.
pub fn own_language(conn: &Connection, appeal: Id) -> Result<String> {
    conn.query_row("SELECT lang FROM appeals WHERE id = ?1", [appeal], |r| {
        r.get(0)
    })
    .optional()?
    .ok_or_else(|| Error::NotFound(Message::new("appeal_not_found")))
}

/// Refuses an appeal that is not open for signing (or no longer there).
pub fn ensure_open(conn: &Connection, appeal: Id) -> Result<()> {
    let status: String = conn
        .query_row("SELECT status FROM appeals WHERE id = ?1", [appeal], |r| {
            r.get(0)
        })
        .optional()?
        .ok_or_else(|| Error::NotFound(Message::new("appeal_not_found")))?;
    if Status::parse(&status)? != Status::Open {
        return Err(Error::Conflict(Message::new("appeal_not_open")));
    }
    Ok(())
}

/// (id, version, hash) of the current words in `lang`: the highest version, and of two rows
/// with the same version (written on two laptops at once) the later one.
fn current_text_row(
    conn: &Connection,
    appeal: Id,
    lang: &str,
) -> Result<Option<(Id, i64, String)>> {
    Ok(conn
        .query_row(
            "SELECT id, version, words_hash FROM appeal_texts WHERE appeal_id = ?1 AND lang = ?2
              ORDER BY version DESC, created_at DESC, id DESC LIMIT 1",
            params![appeal, lang],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?)
}

/// Changes the short name, the goal, or both.
pub fn set_details(w: &Tx<'_>, appeal: Id, slug: &str, goal: Option<i64>) -> Result<()> {
    let slug = text::slug(slug)?;
    if find_by_slug(w, &slug)?.is_some_and(|other| other != appeal) {
        return Err(Error::Conflict(
            Message::new("slug_taken").with("value", slug),
        ));
    }
    let goal = check_goal(goal)?;
    let n = w.execute(
        "UPDATE appeals SET slug = ?2, goal = ?3, updated_at = ?4, written_by = ?5 WHERE id = ?1",
        params![appeal, slug, goal, w.stamp(), w.laptop()],
    )?;
    if n == 0 {
        return Err(Error::NotFound(Message::new("appeal_not_found")));
    }
    Ok(())
}

/// Opens, closes or returns an appeal to draft.
pub fn set_status(w: &Tx<'_>, appeal: Id, status: Status) -> Result<()> {
    let n = w.execute(
        "UPDATE appeals SET status = ?2, updated_at = ?3, written_by = ?4 WHERE id = ?1",
        params![appeal, status.as_str(), w.stamp(), w.laptop()],
    )?;
    if n == 0 {
        return Err(Error::NotFound(Message::new("appeal_not_found")));
    }
    Ok(())
}

pub fn find_by_slug(conn: &Connection, slug: &str) -> Result<Option<Id>> {
    Ok(conn
        .query_row(
            "SELECT id FROM appeals WHERE slug = ?1 ORDER BY created_at, id LIMIT 1",
            [slug],
            |r| r.get(0),
        )
        .optional()?)
}

/// An appeal named by its slug, or a clear error.
pub fn by_slug(store: &Store, slug: &str) -> Result<Id> {
    find_by_slug(store.conn(), slug.trim())?.ok_or_else(|| {
        Error::NotFound(Message::new("appeal_slug_not_found").with("value", slug.trim()))
    })
}

/// One line of the appeals list.
#[derive(Debug, Clone, Serialize)]
pub struct AppealSummary {
    pub id: Id,
    pub slug: String,
    pub title: String,
    /// The language it was first written in.
    pub lang: String,
    /// Every language it has words in.
    pub langs: Vec<String>,
    pub status: Status,
    pub goal: Option<i64>,
    pub signers: i64,
    pub countries: i64,
}

pub fn list(store: &Store) -> Result<Vec<AppealSummary>> {
    summaries(store, None)
}

/// The summaries of every appeal, or of `only` that one (its page counts it alone).
fn summaries(store: &Store, only: Option<Id>) -> Result<Vec<AppealSummary>> {
    let conn = store.conn();
    let mut stmt = conn.prepare(
        "SELECT a.id, coalesce(a.slug, ''), a.title, a.lang, a.status, a.goal,
                (SELECT group_concat(lang) FROM (SELECT DISTINCT lang FROM appeal_texts t
                  WHERE t.appeal_id = a.id ORDER BY lang))
           FROM appeals a WHERE ?1 IS NULL OR a.id = ?1 ORDER BY a.created_at, a.id",
    )?;
    let rows = stmt
        .query_map([only], |r| {
            Ok((
                r.get::<_, Id>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<i64>>(5)?,
                r.get::<_, Option<String>>(6)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(id, slug, title, lang, status, goal, langs)| {
            let (signers, countries) = count(store, id)?;
            Ok(AppealSummary {
                id,
                slug,
                title,
                lang,
                langs: langs
                    .map(|l| l.split(',').map(str::to_owned).collect())
                    .unwrap_or_default(),
                status: Status::parse(&status)?,
                goal,
                signers,
                countries,
            })
        })
        .collect()
}

/// Signers of an appeal and the countries they come from: the thank-you after every signing
/// at a table reads it, so it must stay quick with a million signers. The signers are counted
/// on the (appeal, person) index; the countries by stepping through the index of people's
/// countries one country at a time (a skip scan: a few hundred seeks, not a million rows) and
/// asking of each whether anyone from there signed.
pub fn count(store: &Store, appeal: Id) -> Result<(i64, i64)> {
    let conn = store.conn();
    let signers = conn.query_row(
        "SELECT count(*) FROM signatures WHERE appeal_id = ?1",
        [appeal],
        |r| r.get(0),
    )?;
    let countries = conn.query_row(
        "WITH RECURSIVE c(code) AS (
            SELECT min(country) FROM people WHERE country IS NOT NULL
            UNION ALL
            SELECT (SELECT min(country) FROM people WHERE country > c.code) FROM c
             WHERE c.code IS NOT NULL)
         SELECT count(*) FROM c
          WHERE c.code IS NOT NULL
            AND EXISTS (SELECT 1 FROM people p JOIN signatures s ON s.person_id = p.id
                         WHERE p.country = c.code AND s.appeal_id = ?1)",
        [appeal],
        |r| r.get(0),
    )?;
    Ok((signers, countries))
}

/// The words of one version, as the signer saw them.
#[derive(Debug, Clone, Serialize)]
pub struct Text {
    pub id: Id,
    pub appeal_id: Id,
    pub lang: String,
    pub version: i64,
    pub title: String,
    pub body: String,
    pub consent: String,
    pub contact_consent: String,
    pub words_hash: String,
    pub written_at: String,
}

const TEXT_COLUMNS: &str = "id, appeal_id, lang, version, title, body, consent, contact_consent,
                            words_hash, created_at";

fn text_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Text> {
    Ok(Text {
        id: r.get(0)?,
        appeal_id: r.get(1)?,
        lang: r.get(2)?,
        version: r.get(3)?,
        title: r.get(4)?,
        body: r.get(5)?,
        consent: r.get(6)?,
        contact_consent: r.get(7)?,
        words_hash: r.get(8)?,
        written_at: r.get(9)?,
    })
}

/// One version's words (an old one too).
pub fn text(store: &Store, id: Id) -> Result<Text> {
    text_by_id(store.conn(), id)
}

fn text_by_id(conn: &Connection, id: Id) -> Result<Text> {
    conn.query_row(
        &format!("SELECT {TEXT_COLUMNS} FROM appeal_texts WHERE id = ?1"),
        [id],
        text_row,
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(Message::new("appeal_not_found")))
}

/// The current words in `lang`, or in the appeal's own language when it has none in `lang`.
pub fn current_text(conn: &Connection, appeal: Id, lang: &str) -> Result<Text> {
    let own = own_language(conn, appeal)?;
    for l in [lang, own.as_str()] {
        if let Some((id, _, _)) = current_text_row(conn, appeal, l)? {
            return text_by_id(conn, id);
        }
    }
    Err(Error::NotFound(Message::new("appeal_not_found")))
}

/// `current_text` for the window, which holds a store rather than a connection.
pub fn current_text_in(store: &Store, appeal: Id, lang: &str) -> Result<Text> {
    current_text(store.conn(), appeal, lang)
}

/// A version in the appeal's history, without its words.
#[derive(Debug, Clone, Serialize)]
pub struct VersionInfo {
    pub text_id: Id,
    pub lang: String,
    pub version: i64,
    pub title: String,
    pub words_hash: String,
    pub written_at: String,
    /// Signatures given on these words.
    pub signatures: i64,
}

/// A prominent signer as the appeal's page and the print show them.
#[derive(Debug, Clone, Serialize)]
pub struct Prominent {
    pub signature_id: Id,
    pub person_id: Id,
    pub name: String,
    pub title: Option<String>,
    pub statement: Option<String>,
    pub featured: bool,
    pub display_order: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CountryCount {
    /// ISO code, or `None` for signers without a country.
    pub country: Option<String>,
    pub signers: i64,
}

/// Everything the appeal's page shows.
#[derive(Debug, Clone, Serialize)]
pub struct AppealPage {
    pub summary: AppealSummary,
    /// The current words in each language, the appeal's own language first.
    pub texts: Vec<Text>,
    pub versions: Vec<VersionInfo>,
    pub countries: Vec<CountryCount>,
    pub prominent: Vec<Prominent>,
    pub sheets: Vec<crate::sheets::SheetInfo>,
}

pub fn page(store: &Store, appeal: Id) -> Result<AppealPage> {
    let summary = summaries(store, Some(appeal))?
        .into_iter()
        .next()
        .ok_or_else(|| Error::NotFound(Message::new("appeal_not_found")))?;
    let conn = store.conn();
    let mut texts = Vec::new();
    let mut langs = summary.langs.clone();
    langs.sort_by_key(|l| *l != summary.lang);
    for lang in &langs {
        texts.push(current_text(conn, appeal, lang)?);
    }
    let mut stmt = conn.prepare(
        "SELECT t.id, t.lang, t.version, t.title, t.words_hash, t.created_at,
                (SELECT count(*) FROM signatures s WHERE s.text_id = t.id)
           FROM appeal_texts t WHERE t.appeal_id = ?1
          ORDER BY t.lang <> ?2, t.lang, t.version DESC, t.created_at DESC",
    )?;
    let versions = stmt
        .query_map(params![appeal, summary.lang], |r| {
            Ok(VersionInfo {
                text_id: r.get(0)?,
                lang: r.get(1)?,
                version: r.get(2)?,
                title: r.get(3)?,
                words_hash: r.get(4)?,
                written_at: r.get(5)?,
                signatures: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut stmt = conn.prepare(
        "SELECT p.country, count(*) FROM signatures s JOIN people p ON p.id = s.person_id
          WHERE s.appeal_id = ?1 GROUP BY p.country ORDER BY count(*) DESC, p.country",
    )?;
    let countries = stmt
        .query_map([appeal], |r| {
            Ok(CountryCount {
                country: r.get(0)?,
                signers: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(AppealPage {
        prominent: prominent(conn, appeal)?,
        sheets: crate::sheets::list(store, appeal)?,
        summary,
        texts,
        versions,
        countries,
    })
}

/// The appeal's prominent signers in their display order (unordered ones last, by name).
pub fn prominent(conn: &Connection, appeal: Id) -> Result<Vec<Prominent>> {
    let mut stmt = conn.prepare(
        "SELECT s.id, p.id, trim(p.given_name || ' ' || p.family_name), p.title, s.statement,
                s.featured, s.display_order
           FROM signatures s JOIN people p ON p.id = s.person_id
          WHERE s.appeal_id = ?1 AND s.prominent = 1
          ORDER BY s.display_order IS NULL, s.display_order, p.family_name, p.given_name",
    )?;
    let rows = stmt
        .query_map([appeal], |r| {
            Ok(Prominent {
                signature_id: r.get(0)?,
                person_id: r.get(1)?,
                name: r.get(2)?,
                title: r.get(3)?,
                statement: r.get(4)?,
                featured: r.get(5)?,
                display_order: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// A signer found by the appeal page's search (to make them prominent, or open their page).
#[derive(Debug, Clone, Serialize)]
pub struct SignerHit {
    pub signature_id: Id,
    pub person_id: Id,
    pub name: String,
    pub email: Option<String>,
    pub city: Option<String>,
    pub country: Option<String>,
    pub prominent: bool,
}

/// Signers of an appeal whose name or email contains `query` (case ignored), at most `limit`.
/// The query is a bound value with LIKE's wildcards escaped, never SQL.
pub fn find_signers(store: &Store, appeal: Id, query: &str, limit: i64) -> Result<Vec<SignerHit>> {
    let query = text::line("search", query, 100)?;
    let pattern = format!(
        "%{}%",
        query
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    );
    let mut stmt = store.conn().prepare(
        "SELECT s.id, p.id, trim(p.given_name || ' ' || p.family_name), p.email, p.city,
                p.country, s.prominent
           FROM signatures s JOIN people p ON p.id = s.person_id
          WHERE s.appeal_id = ?1
            AND (p.given_name || ' ' || p.family_name LIKE ?2 ESCAPE '\\'
                 OR p.email LIKE ?2 ESCAPE '\\')
          ORDER BY s.prominent DESC, p.family_name, p.given_name LIMIT ?3",
    )?;
    let rows = stmt
        .query_map(params![appeal, pattern, limit.clamp(1, 200)], |r| {
            Ok(SignerHit {
                signature_id: r.get(0)?,
                person_id: r.get(1)?,
                name: r.get(2)?,
                email: r.get(3)?,
                city: r.get(4)?,
                country: r.get(5)?,
                prominent: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
