//! Signer lists from CSV files: what a petition platform exports, a spreadsheet's list, our own
//! export. Bytes in (the window and the CLI read the file), never a path.
//!
//! - **Reading**: UTF-8 with or without a BOM, UTF-16 with a BOM (a spreadsheet's "Unicode
//!   text"); anything else is not guessed: the reading says `needs_encoding` and the user picks
//!   the encoding (Windows-1256 for a Persian Excel...). Comma, semicolon or tab, sniffed from
//!   the header line; quoted fields, quoted newlines, CRLF. Lines are the file's own: the line
//!   a record starts on, the header being line 1.
//! - **Columns**: the petition platform's export (DOMAIN.md) and common generic headers are
//!   recognised; the user may map each column by hand (`Options::mapping`).
//! - **Rows**: every field passes the checks typed input passes (people.rs, text.rs). A row
//!   without a usable name is rejected with its line; anything else that fails is left out of
//!   the person and warned about, never the signature: a bad email, a country we cannot read
//!   (kept in the notes as written), a date, a display word.
//! - **Writing**: one transaction for the whole file, so a failure leaves nothing. The same
//!   email is the same person (they get the signature: "merged"); a person who already signed
//!   this appeal, found by email or, without one, by the same name, city and country, is left
//!   as they are ("unchanged"), so importing a file twice adds nobody.

use std::borrow::Cow;
use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, NaiveDateTime, SecondsFormat, Utc};
use csv::StringRecord;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::appeals;
use crate::countries;
use crate::error::{Error, Result};
use crate::id::Id;
use crate::messages::Message;
use crate::people;
use crate::signing::Display;
use crate::store::Store;
use crate::sync::Tx;
use crate::text;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    GivenName,
    FamilyName,
    /// A whole name, split into given and family name (the last word is the family name; in
    /// Chinese, Japanese and Korean the first).
    FullName,
    Email,
    Phone,
    City,
    Region,
    PostalCode,
    /// An alpha-2 or alpha-3 code or a country's English name or alias.
    Country,
    Organization,
    /// A postal address: kept in the person's notes (people have no address field).
    Address,
    SignedAt,
    /// How the name may be shown: full, name_city, initials, hidden, or yes/no/public/anonymous.
    Display,
    /// Read and left aside.
    Tags,
    /// Read and left aside: an id in another tool (or ours, in our own export).
    Uuid,
}

impl Field {
    pub const ALL: [Field; 15] = [
        Field::GivenName,
        Field::FamilyName,
        Field::FullName,
        Field::Email,
        Field::Phone,
        Field::City,
        Field::Region,
        Field::PostalCode,
        Field::Country,
        Field::Organization,
        Field::Address,
        Field::SignedAt,
        Field::Display,
        Field::Tags,
        Field::Uuid,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Field::GivenName => "given_name",
            Field::FamilyName => "family_name",
            Field::FullName => "full_name",
            Field::Email => "email",
            Field::Phone => "phone",
            Field::City => "city",
            Field::Region => "region",
            Field::PostalCode => "postal_code",
            Field::Country => "country",
            Field::Organization => "organization",
            Field::Address => "address",
            Field::SignedAt => "signed_at",
            Field::Display => "display",
            Field::Tags => "tags",
            Field::Uuid => "uuid",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// The encodings offered for a file that is not UTF-8 (WHATWG labels, as `encoding_rs` reads
/// them). Western European first, then Persian and Arabic Excel, Cyrillic, Turkish...
pub const ENCODINGS: &[&str] = &[
    "windows-1252",
    "windows-1256",
    "windows-1251",
    "iso-8859-1",
    "iso-8859-15",
    "windows-1254",
    "windows-1250",
    "windows-1253",
    "windows-1255",
    "iso-8859-6",
    "koi8-r",
    "macintosh",
    "gb18030",
    "big5",
    "shift_jis",
    "euc-kr",
    "utf-16le",
    "utf-16be",
];

/// The user's choices for one file.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct Options {
    /// The file's encoding when it is not UTF-8 (a label from `ENCODINGS`, or any WHATWG label).
    pub encoding: Option<String>,
    /// A field (or none) per column, replacing the recognised ones.
    pub mapping: Option<Vec<Option<Field>>>,
    /// How the names are shown when the file does not say (default: not shown).
    pub display: Display,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            encoding: None,
            mapping: None,
            display: Display::Hidden,
        }
    }
}

/// A problem with one line: a message key of the catalog with its values.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Problem {
    pub line: u64,
    #[serde(flatten)]
    pub message: Message,
}

/// A data row as it stands in the file.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct SampleRow {
    pub line: u64,
    pub values: Vec<String>,
}

/// What importing the file would do, written nowhere.
#[derive(Debug, Clone, Serialize)]
pub struct Preview {
    pub file_name: String,
    /// The encoding read with; `None` while one must be chosen.
    pub encoding: Option<String>,
    /// `,`, `;` or a tab.
    pub delimiter: String,
    /// The file is not UTF-8: ask which encoding it is in (`encodings` to offer).
    pub needs_encoding: bool,
    pub encodings: Vec<&'static str>,
    /// `petition` (the platform's export, ours too), `generic`, or `None` (no column known).
    pub format: Option<&'static str>,
    pub headers: Vec<String>,
    pub mapping: Vec<Option<Field>>,
    /// Every field a column can be mapped to.
    pub fields: Vec<Field>,
    pub rows_read: u64,
    /// New people with their signature.
    pub will_add: u64,
    /// People already in the campaign (the same email) who get this signature.
    pub will_merge: u64,
    /// Rows whose person already signed this appeal: nothing to add.
    pub already_signed: u64,
    pub rejected: Vec<Problem>,
    pub warned: Vec<Problem>,
    /// The first ten data rows, as read.
    pub sample: Vec<SampleRow>,
}

/// What an import did.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct ImportReport {
    pub read: u64,
    pub added: u64,
    pub merged: u64,
    pub unchanged: u64,
    pub rejected: Vec<Problem>,
    pub warned: Vec<Problem>,
}

/// The file decoded, with its columns recognised.
#[derive(Debug, Clone)]
pub struct Reading {
    pub encoding: Option<String>,
    pub needs_encoding: bool,
    pub encodings: Vec<&'static str>,
    pub delimiter: u8,
    pub headers: Vec<String>,
    pub mapping: Vec<Option<Field>>,
    pub format: Option<&'static str>,
    pub(crate) text: String,
}

/// Decodes `bytes` and reads the header line. A file that is not UTF-8 (and was given no
/// encoding) comes back with `needs_encoding` and nothing else read.
pub fn read(bytes: &[u8], options: &Options) -> Result<Reading> {
    let decoded = decode(bytes, options.encoding.as_deref())?;
    let (encoding, text) = match decoded {
        Decoded::Text { encoding, text } => (encoding, text),
        Decoded::NeedsEncoding { encodings } => {
            return Ok(Reading {
                encoding: None,
                needs_encoding: true,
                encodings,
                delimiter: b',',
                headers: Vec::new(),
                mapping: Vec::new(),
                format: None,
                text: String::new(),
            })
        }
    };
    let delimiter = sniff_delimiter(&text);
    let mut reader = csv_reader(&text, delimiter);
    let mut first = StringRecord::new();
    let has_header = reader.read_record(&mut first).map_err(csv_error)?;
    if !has_header {
        return Err(Error::invalid("import_empty"));
    }
    let headers: Vec<String> = first.iter().map(|h| h.trim().to_owned()).collect();
    let recognised = recognise(&headers);
    let format = format_of(&headers, &recognised);
    let mapping = match &options.mapping {
        Some(m) => {
            let mut m = m.clone();
            m.resize(headers.len(), None);
            m
        }
        None => recognised,
    };
    Ok(Reading {
        encoding: Some(encoding),
        needs_encoding: false,
        encodings: ENCODINGS.to_vec(),
        delimiter,
        headers,
        mapping,
        format,
        text,
    })
}

/// What importing `bytes` into `appeal` would do (or, without an appeal, into a new one).
pub fn preview(
    store: &Store,
    appeal: Option<Id>,
    file_name: &str,
    bytes: &[u8],
    options: &Options,
) -> Result<Preview> {
    let reading = read(bytes, options)?;
    preview_reading(store, appeal, file_name, &reading, options.display)
}

/// `preview` of a file already read.
pub fn preview_reading(
    store: &Store,
    appeal: Option<Id>,
    file_name: &str,
    reading: &Reading,
    display: Display,
) -> Result<Preview> {
    let conn = store.conn();
    if let Some(appeal) = appeal {
        appeals::own_language(conn, appeal)?;
    }
    let mut preview = Preview {
        file_name: file_name.to_owned(),
        encoding: reading.encoding.clone(),
        delimiter: char::from(reading.delimiter).to_string(),
        needs_encoding: reading.needs_encoding,
        encodings: reading.encodings.clone(),
        format: reading.format,
        headers: reading.headers.clone(),
        mapping: reading.mapping.clone(),
        fields: Field::ALL.to_vec(),
        rows_read: 0,
        will_add: 0,
        will_merge: 0,
        already_signed: 0,
        rejected: Vec::new(),
        warned: Vec::new(),
        sample: Vec::new(),
    };
    if reading.needs_encoding {
        return Ok(preview);
    }
    let rows = rows(reading, display, Utc::now(), Some(&mut preview.sample))?;
    let outcomes = resolve(conn, appeal, &rows.rows)?;
    preview.rows_read = rows.read;
    for outcome in &outcomes {
        match outcome {
            Outcome::Add => preview.will_add += 1,
            Outcome::Merge(_) => preview.will_merge += 1,
            Outcome::Unchanged => preview.already_signed += 1,
        }
    }
    preview.rejected = rows.rejected;
    preview.warned = rows.warned;
    Ok(preview)
}

/// Imports the signers of `bytes` into `appeal`, in one transaction.
pub fn import(
    store: &mut Store,
    appeal: Id,
    file_name: &str,
    bytes: &[u8],
    options: &Options,
) -> Result<ImportReport> {
    let reading = read(bytes, options)?;
    import_read(store, appeal, file_name, &reading, options.display)
}

/// `import` of a file already read.
pub fn import_read(
    store: &mut Store,
    appeal: Id,
    file_name: &str,
    reading: &Reading,
    display: Display,
) -> Result<ImportReport> {
    if reading.needs_encoding {
        return Err(needs_encoding(reading));
    }
    // A larger page cache while the import writes and commits: with SQLite's default (2 MB)
    // the indexes of a large campaign are read back from the disk again and again.
    let before: i64 = store
        .conn()
        .pragma_query_value(None, "cache_size", |r| r.get(0))?;
    store
        .conn()
        .pragma_update(None, "cache_size", -IMPORT_CACHE_KIB)?;
    let report = store.write(|w| import_reading(w, appeal, file_name, reading, display));
    store.conn().pragma_update(None, "cache_size", before)?;
    report
}

/// The page cache of an import: 64 MB (the import benchmark gives the sqlite3 shell the same).
pub const IMPORT_CACHE_KIB: i64 = 64 * 1024;

/// The error for a file that is not UTF-8 and was given no encoding.
pub fn needs_encoding(reading: &Reading) -> Error {
    Error::Invalid(Message::new("import_needs_encoding").with("suggestions", suggestions(reading)))
}

/// The first encodings to offer, for a message: "windows-1252, windows-1256, ...".
pub fn suggestions(reading: &Reading) -> String {
    reading
        .encodings
        .iter()
        .take(4)
        .copied()
        .collect::<Vec<_>>()
        .join(", ")
}

/// The import's work inside a write (`import_read` gives it a larger page cache first).
pub fn import_reading(
    w: &Tx<'_>,
    appeal: Id,
    file_name: &str,
    reading: &Reading,
    display: Display,
) -> Result<ImportReport> {
    if reading.needs_encoding {
        return Err(needs_encoding(reading));
    }
    let lang = appeals::own_language(w, appeal)?;
    let words = appeals::current_text(w, appeal, &lang)?;
    let mapped: HashSet<Field> = reading.mapping.iter().flatten().copied().collect();
    if ![Field::GivenName, Field::FamilyName, Field::FullName]
        .iter()
        .any(|f| mapped.contains(f))
    {
        return Err(Error::invalid("import_no_name_column"));
    }
    let rows = rows(reading, display, Utc::now(), None)?;
    let outcomes = resolve(w, Some(appeal), &rows.rows)?;
    let wording = import_wording(file_name);
    let wording_hash = appeals::words_hash("", &wording, "", "");
    let mut person_stmt = w.prepare_cached(
        "INSERT INTO people (id, given_name, family_name, email, phone, city, region, postal_code,
                             country, organization, notes, created_at, updated_at, written_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, ?13)",
    )?;
    let mut signature_stmt = w.prepare_cached(
        "INSERT INTO signatures (id, appeal_id, person_id, signed_at, source, display, prominent,
                                 created_at, updated_at, written_by, text_id, words_hash)
         VALUES (?1, ?2, ?3, ?4, 'import', ?5, 0, ?6, ?6, ?7, ?8, ?9)",
    )?;
    // The act of signing, as `signing::record_consent` writes it: the signer consented where
    // the list was collected, with words we do not have; the wording says so.
    let mut consent_stmt = w.prepare_cached(
        "INSERT INTO consents (id, person_id, appeal_id, purpose, given, at, how, wording,
                               words_hash, lang, text_id, created_at, updated_at, written_by)
         VALUES (?1, ?2, ?3, 'signature', 1, ?4, 'import', ?5, ?6, 'en', ?7, ?4, ?4, ?8)",
    )?;
    let (stamp, laptop) = (w.stamp(), w.laptop());
    let mut report = ImportReport {
        read: rows.read,
        rejected: rows.rejected,
        warned: rows.warned,
        ..ImportReport::default()
    };
    let mut signers = Vec::new();
    for (row, outcome) in rows.rows.iter().zip(outcomes) {
        // A row the database refuses stops the import (the write rolls back), naming its line.
        let at_line = |e: rusqlite::Error| {
            Error::Invalid(
                Message::new("import_failed")
                    .with("line", row.line)
                    .with("detail", e),
            )
        };
        let person = match outcome {
            Outcome::Unchanged => {
                report.unchanged += 1;
                continue;
            }
            Outcome::Merge(person) => {
                report.merged += 1;
                person
            }
            Outcome::Add => {
                let id = Id::new();
                person_stmt
                    .execute(params![
                        id,
                        row.given,
                        row.family,
                        row.email,
                        row.phone,
                        row.city,
                        row.region,
                        row.postal_code,
                        row.country,
                        row.organization,
                        row.notes,
                        stamp,
                        laptop,
                    ])
                    .map_err(at_line)?;
                report.added += 1;
                id
            }
        };
        signature_stmt
            .execute(params![
                Id::new(),
                appeal,
                person,
                row.signed_at,
                row.display.as_str(),
                stamp,
                laptop,
                words.id,
                words.words_hash,
            ])
            .map_err(at_line)?;
        consent_stmt
            .execute(params![
                Id::new(),
                person,
                appeal,
                stamp,
                wording,
                wording_hash,
                words.id,
                laptop,
            ])
            .map_err(at_line)?;
        signers.push(person);
    }
    crate::duplicates::queue_for(w, &signers, stamp)?;
    Ok(report)
}

/// The consent wording recorded for an imported signature.
pub fn import_wording(file_name: &str) -> String {
    format!(
        "Imported from the file \u{201c}{file_name}\u{201d}; consent was given where the list was collected."
    )
}

// --- Decoding ------------------------------------------------------------------------------

enum Decoded {
    Text { encoding: String, text: String },
    NeedsEncoding { encodings: Vec<&'static str> },
}

fn decode(bytes: &[u8], chosen: Option<&str>) -> Result<Decoded> {
    if let Some(label) = chosen.map(str::trim).filter(|l| !l.is_empty()) {
        let encoding = encoding_rs::Encoding::for_label(label.as_bytes()).ok_or_else(|| {
            Error::Invalid(Message::new("import_unknown_encoding").with("value", label))
        })?;
        // A byte-order mark, when there is one, says better than the choice.
        let (text, used, errors) = encoding.decode(bytes);
        if errors {
            return Err(Error::Invalid(
                Message::new("import_undecodable").with("encoding", label),
            ));
        }
        let name = if used == encoding {
            label.to_ascii_lowercase()
        } else {
            used.name().to_ascii_lowercase()
        };
        return Ok(Decoded::Text {
            encoding: name,
            text: text.into_owned(),
        });
    }
    let utf16 = match bytes {
        [0xff, 0xfe, ..] => Some(encoding_rs::UTF_16LE),
        [0xfe, 0xff, ..] => Some(encoding_rs::UTF_16BE),
        _ => None,
    };
    if let Some(encoding) = utf16 {
        let (text, errors) = encoding.decode_with_bom_removal(bytes);
        if errors {
            return Err(Error::Invalid(
                Message::new("import_undecodable").with("encoding", encoding.name()),
            ));
        }
        return Ok(Decoded::Text {
            encoding: encoding.name().to_ascii_lowercase(),
            text: text.into_owned(),
        });
    }
    let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(body) {
        // NUL characters: UTF-16 without its byte-order mark, which is valid UTF-8 byte by byte.
        Ok(text) if !text.contains('\0') => Ok(Decoded::Text {
            encoding: "utf-8".into(),
            text: text.to_owned(),
        }),
        Ok(_) => Ok(Decoded::NeedsEncoding {
            encodings: ["utf-16le", "utf-16be"]
                .into_iter()
                .chain(
                    ENCODINGS
                        .iter()
                        .copied()
                        .filter(|e| !e.starts_with("utf-16")),
                )
                .collect(),
        }),
        Err(_) => Ok(Decoded::NeedsEncoding {
            encodings: ENCODINGS.to_vec(),
        }),
    }
}

// --- Parsing -------------------------------------------------------------------------------

/// The delimiter of the header line: the most frequent of comma, semicolon and tab outside
/// quotes (a comma when none is there: one column).
fn sniff_delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for b in text.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let candidates = [b',', b';', b'\t'];
    let (best, n) = counts
        .iter()
        .enumerate()
        .max_by_key(|(i, n)| (**n, std::cmp::Reverse(*i)))
        .map(|(i, n)| (candidates[i], *n))
        .unwrap_or((b',', 0));
    if n == 0 {
        b','
    } else {
        best
    }
}

pub(crate) fn csv_reader(text: &str, delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
}

pub(crate) fn csv_error(e: csv::Error) -> Error {
    Error::Invalid(Message::new("import_unreadable").with("detail", e))
}

/// A header folded to its letters and digits: "E-mail", "e_mail" and "E MAIL" are one.
pub(crate) fn header_key(header: &str) -> String {
    text::fold(header)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// The field a header names, in English (and a few in Spanish, French, German and Persian),
/// the petition platform's export included.
fn field_of_header(header: &str) -> Option<Field> {
    use Field::*;
    Some(match header_key(header).as_str() {
        "firstname" | "first" | "givenname" | "given" | "forename" | "firstnames"
        | "givennames" | "prenom" | "nombre" | "nombres" | "vorname" | "نام" => GivenName,
        "lastname"
        | "last"
        | "surname"
        | "familyname"
        | "family"
        | "surnames"
        | "apellido"
        | "apellidos"
        | "nom"
        | "nachname"
        | "نامخانوادگی" => FamilyName,
        "name"
        | "fullname"
        | "yourname"
        | "signer"
        | "signatory"
        | "signername"
        | "contactname"
        | "nameandsurname"
        | "nombrecompleto"
        | "nomcomplet"
        | "nomcomplete"
        | "نامونامخانوادگی" => FullName,
        "email" | "mail" | "emailaddress" | "mailaddress" | "emails" | "correo"
        | "correoelectronico" | "courriel" | "ایمیل" | "رایانامه" => Email,
        "phone" | "mobile" | "cell" | "cellphone" | "mobilephone" | "telephone" | "tel"
        | "phonenumber" | "mobilenumber" | "telefono" | "can2phone" | "تلفن" | "موبایل" => {
            Phone
        }
        "city" | "town" | "locality" | "ciudad" | "ville" | "stadt" | "can2usercity" | "شهر" => {
            City
        }
        "state"
        | "region"
        | "province"
        | "county"
        | "stateprovince"
        | "stateorprovince"
        | "can2stateabbreviated"
        | "stateabbreviated"
        | "provincia"
        | "estado"
        | "استان" => Region,
        "zip" | "zipcode" | "postalcode" | "postcode" | "postal" | "plz" | "codigopostal"
        | "codepostal" | "کدپستی" => PostalCode,
        "country" | "countrycode" | "countryname" | "nation" | "pais" | "pays" | "land"
        | "کشور" => Country,
        "organization" | "organisation" | "company" | "org" | "employer" | "affiliation"
        | "institution" | "organizacion" | "سازمان" => Organization,
        "address" | "street" | "streetaddress" | "address1" | "addressline1"
        | "can2useraddress" | "direccion" | "adresse" | "نشانی" | "آدرس" => Address,
        "date"
        | "signed"
        | "signedat"
        | "signedon"
        | "datesigned"
        | "signaturedate"
        | "signingdate"
        | "created"
        | "createdat"
        | "createddate"
        | "timestamp"
        | "time"
        | "can2subscriptiondate"
        | "subscriptiondate"
        | "fecha"
        | "تاریخ" => SignedAt,
        "display" | "displayas" | "showname" | "shownameas" | "public" | "publish" | "listed"
        | "visibility" | "namedisplay" | "publicname" => Display,
        "tags" | "tag" | "can2usertags" => Tags,
        "uuid" | "id" => Uuid,
        _ => return None,
    })
}

/// A field per column; a field named twice goes to its first column only.
fn recognise(headers: &[String]) -> Vec<Option<Field>> {
    let mut taken = HashSet::new();
    headers
        .iter()
        .map(|h| field_of_header(h).filter(|f| taken.insert(*f)))
        .collect()
}

fn format_of(headers: &[String], mapping: &[Option<Field>]) -> Option<&'static str> {
    let keys: Vec<String> = headers.iter().map(|h| header_key(h)).collect();
    let has = |k: &str| keys.iter().any(|h| h == k);
    if has("firstname")
        && has("lastname")
        && has("email")
        && keys.iter().any(|h| h.starts_with("can2"))
    {
        Some("petition")
    } else if mapping.iter().any(Option::is_some) {
        Some("generic")
    } else {
        None
    }
}

// --- Rows ----------------------------------------------------------------------------------

/// A data row, checked: what gets stored.
#[derive(Debug, Clone)]
struct Row {
    line: u64,
    given: String,
    family: String,
    email: Option<String>,
    phone: Option<String>,
    city: Option<String>,
    region: Option<String>,
    postal_code: Option<String>,
    country: Option<&'static str>,
    organization: Option<String>,
    notes: Option<String>,
    display: Display,
    signed_at: String,
}

struct Rows {
    read: u64,
    rows: Vec<Row>,
    rejected: Vec<Problem>,
    warned: Vec<Problem>,
}

/// Reads and checks every data row. Rows with nothing in them are skipped (spreadsheets
/// leave them at the end).
fn rows(
    reading: &Reading,
    display: Display,
    now: DateTime<Utc>,
    mut sample: Option<&mut Vec<SampleRow>>,
) -> Result<Rows> {
    let mut columns = [None; Field::ALL.len()];
    for (i, field) in reading.mapping.iter().enumerate() {
        if let Some(f) = field {
            columns[f.index()].get_or_insert(i);
        }
    }
    let now = timestamp(now);
    let mut out = Rows {
        read: 0,
        rows: Vec::new(),
        rejected: Vec::new(),
        warned: Vec::new(),
    };
    data_rows(reading, |line, record| {
        out.read += 1;
        if let Some(sample) = sample.as_deref_mut() {
            if sample.len() < 10 {
                sample.push(SampleRow {
                    line,
                    values: record.iter().map(str::to_owned).collect(),
                });
            }
        }
        let warned_before = out.warned.len();
        match check_row(record, line, &columns, display, &now, &mut out.warned) {
            Ok(row) => out.rows.push(row),
            Err(message) => {
                // A rejected row's other problems do not matter.
                out.warned.truncate(warned_before);
                out.rejected.push(Problem { line, message });
            }
        }
        Ok(())
    })?;
    Ok(out)
}

/// Calls `each` with every data row of the file that is not blank and the file line it starts
/// on: the loop the signer, answer and donation imports share. The header row is skipped.
pub(crate) fn data_rows(
    reading: &Reading,
    mut each: impl FnMut(u64, &StringRecord) -> Result<()>,
) -> Result<()> {
    let mut reader = csv_reader(&reading.text, reading.delimiter);
    let mut lines = Lines::new(&reading.text);
    let mut record = StringRecord::new();
    let mut first = true;
    while reader.read_record(&mut record).map_err(csv_error)? {
        if std::mem::take(&mut first) {
            continue; // the header
        }
        if record.iter().all(|v| v.trim().is_empty()) {
            continue;
        }
        let line = lines.of(record
            .position()
            .map_or(0, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX)));
        each(line, &record)?;
    }
    Ok(())
}

/// The file's line a record starts on. (The csv crate's own line count skips blank lines and
/// counts CRLF differently; its byte offset is where the previous record's terminator began
/// to end, before the rest of that terminator and any blank lines.)
pub(crate) struct Lines<'t> {
    bytes: &'t [u8],
    at: usize,
    line: u64,
}

impl<'t> Lines<'t> {
    pub(crate) fn new(text: &'t str) -> Self {
        Lines {
            bytes: text.as_bytes(),
            at: 0,
            line: 1,
        }
    }

    /// The line of the record whose position is `offset` (offsets only grow).
    pub(crate) fn of(&mut self, offset: usize) -> u64 {
        let b = self.bytes;
        let mut start = offset.max(self.at).min(b.len());
        while start < b.len() && matches!(b[start], b'\r' | b'\n') {
            start += 1;
        }
        for i in self.at..start {
            match b[i] {
                b'\n' => self.line += 1,
                b'\r' if b.get(i + 1) != Some(&b'\n') => self.line += 1,
                _ => {}
            }
        }
        self.at = start;
        self.line
    }
}

/// The value of a column: trimmed, and without the apostrophe a spreadsheet export puts
/// before a value that would otherwise run as a formula (ours does, csv_export.rs).
pub(crate) fn cell(record: &StringRecord, column: Option<usize>) -> &str {
    let value = column.and_then(|c| record.get(c)).unwrap_or("").trim();
    unescape_formula(value)
}

/// `'=1+2` is `=1+2`: one apostrophe before what would run as a formula is taken off
/// (`csv_export::neutralize` puts it there).
pub fn unescape_formula(value: &str) -> &str {
    match value.strip_prefix('\'') {
        Some(rest) if rest.trim_start_matches('\'').starts_with(FORMULA_START) => rest,
        _ => value,
    }
}

/// What a spreadsheet takes for the start of a formula.
pub const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

fn check_row(
    record: &StringRecord,
    line: u64,
    columns: &[Option<usize>; Field::ALL.len()],
    default_display: Display,
    now: &str,
    warned: &mut Vec<Problem>,
) -> std::result::Result<Row, Message> {
    let get = |f: Field| cell(record, columns[f.index()]);
    let mut warn = |message: Message| warned.push(Problem { line, message });

    // The name: given and family name, else a whole name split. Checked as typed names are.
    let (mut given, mut family) = (
        Cow::Borrowed(get(Field::GivenName)),
        Cow::Borrowed(get(Field::FamilyName)),
    );
    if given.is_empty() && family.is_empty() {
        let (g, f) = split_full_name(get(Field::FullName));
        (given, family) = (Cow::Owned(g), Cow::Owned(f));
    }
    let given = people::field::given_name(&given).map_err(|e| e.message())?;
    let family = people::field::family_name(&family).map_err(|e| e.message())?;
    if given.is_empty() && family.is_empty() {
        return Err(Message::new("import_no_name"));
    }

    let email = match people::field::email(Some(get(Field::Email))) {
        Ok(email) => email,
        Err(_) => {
            warn(Message::new("import_bad_email").with("value", printable(get(Field::Email))));
            None
        }
    };
    let mut notes = Vec::new();
    let address = get(Field::Address);
    if !address.is_empty() {
        notes.push(format!("Address: {address}"));
    }
    let written_country = get(Field::Country);
    let country = if written_country.is_empty() {
        None
    } else {
        let code = countries::to_alpha2(written_country);
        if code.is_none() {
            warn(Message::new("import_unknown_country").with("value", printable(written_country)));
            notes.push(format!("Country as imported: {written_country}"));
        }
        code
    };
    let mut optional = |result: Result<Option<String>>| match result {
        Ok(value) => value,
        Err(e) => {
            warn(e.message());
            None
        }
    };
    let phone = optional(people::field::phone(Some(get(Field::Phone))));
    let city = optional(people::field::city(Some(get(Field::City))));
    let region = optional(people::field::region(Some(get(Field::Region))));
    let postal_code = optional(people::field::postal_code(Some(get(Field::PostalCode))));
    let organization = optional(people::field::organization(Some(get(Field::Organization))));
    let notes = if notes.is_empty() {
        None
    } else {
        optional(people::field::notes(Some(&notes.join("\n"))))
    };

    let written_display = get(Field::Display);
    let display = if written_display.is_empty() {
        default_display
    } else {
        display_word(written_display).unwrap_or_else(|| {
            warn(
                Message::new("import_bad_display")
                    .with("value", printable(written_display))
                    .with("display", default_display.as_str()),
            );
            default_display
        })
    };
    let written_date = get(Field::SignedAt);
    let signed_at = if written_date.is_empty() {
        now.to_owned()
    } else {
        match parse_date(written_date) {
            Some(t) => timestamp(t),
            None => {
                warn(Message::new("import_bad_date").with("value", printable(written_date)));
                now.to_owned()
            }
        }
    };
    Ok(Row {
        line,
        given,
        family,
        email,
        phone,
        city,
        region,
        postal_code,
        country,
        organization,
        notes,
        display,
        signed_at,
    })
}

/// A value as a message shows it: control characters as U+FFFD, at most 100 characters.
pub(crate) fn printable(value: &str) -> String {
    let mut out: String = value
        .chars()
        .take(100)
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect();
    if value.chars().nth(100).is_some() {
        out.push('\u{2026}');
    }
    out
}

/// A whole name as given and family name: the last word is the family name, the rest the
/// given name; in Chinese, Japanese and Korean the first word is the family name. One word
/// stays whole as the given name.
pub(crate) fn split_full_name(full: &str) -> (String, String) {
    let words: Vec<&str> = full.split_whitespace().collect();
    match words.as_slice() {
        [] => (String::new(), String::new()),
        [one] => ((*one).to_owned(), String::new()),
        [first, rest @ ..] if family_first(full) => (rest.join(" "), (*first).to_owned()),
        [init @ .., last] => (init.join(" "), (*last).to_owned()),
    }
}

/// Han, kana or Hangul: the family name comes first.
fn family_first(name: &str) -> bool {
    name.chars().any(|c| {
        matches!(c as u32,
            0x1100..=0x11ff | 0x3040..=0x30ff | 0x3130..=0x318f | 0x3400..=0x4dbf
            | 0x4e00..=0x9fff | 0xac00..=0xd7af | 0xf900..=0xfaff | 0x20000..=0x2ffff)
    })
}

/// How a display column's word shows the name.
fn display_word(value: &str) -> Option<Display> {
    Some(match header_key(value).as_str() {
        "full" | "fullname" | "yes" | "y" | "true" | "1" | "public" | "show" | "shown"
        | "visible" | "name" | "si" => Display::Full,
        "namecity" | "nameandcity" | "namecitycountry" => Display::NameAndCity,
        "initials" | "initial" => Display::Initials,
        "hidden" | "hide" | "no" | "n" | "false" | "0" | "anonymous" | "anon" | "private"
        | "none" | "notshown" | "nopublic" => Display::Hidden,
        _ => return None,
    })
}

/// A date or time as exports write them: RFC 3339, `2024-03-01`, `2024-03-01 12:30:00`
/// (UTC, with or without "UTC" after it), `2024/03/01`.
pub(crate) fn parse_date(value: &str) -> Option<DateTime<Utc>> {
    let v = value.trim();
    let bare = v
        .strip_suffix("UTC")
        .or_else(|| v.strip_suffix('Z'))
        .unwrap_or(v)
        .trim_end();
    if let Some(t) = plain_date_time(bare) {
        return Some(t);
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(v) {
        return Some(t.with_timezone(&Utc));
    }
    for fmt in ["%Y-%m-%d %H:%M:%S%.f %z", "%Y-%m-%d %H:%M:%S%.f%z"] {
        if let Ok(t) = DateTime::parse_from_str(v, fmt) {
            return Some(t.with_timezone(&Utc));
        }
    }
    let v = bare;
    for fmt in [
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
        "%Y/%m/%d %H:%M:%S",
        "%Y/%m/%d %H:%M",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(v, fmt) {
            return Some(t.and_utc());
        }
    }
    for fmt in ["%Y-%m-%d", "%Y/%m/%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(v, fmt) {
            return d.and_hms_opt(0, 0, 0).map(|t| t.and_utc());
        }
    }
    None
}

/// `2024-03-01` or `2024-03-01 12:30:00` (or with a `T`): what most rows of an export hold,
/// read without chrono's format parser, which tries each pattern in turn.
fn plain_date_time(v: &str) -> Option<DateTime<Utc>> {
    let b = v.as_bytes();
    let number = |from: usize, to: usize| -> Option<u32> {
        let digits = b.get(from..to)?;
        digits.iter().try_fold(0u32, |n, d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(
        i32::try_from(number(0, 4)?).ok()?,
        number(5, 7)?,
        number(8, 10)?,
    )?;
    let (h, m, s) = match &b[10..] {
        [] => (0, 0, 0),
        [b' ' | b'T', _, _, b':', _, _, b':', _, _] => {
            (number(11, 13)?, number(14, 16)?, number(17, 19)?)
        }
        _ => return None,
    };
    date.and_hms_opt(h, m, s).map(|t| t.and_utc())
}

pub(crate) fn timestamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

// --- Who is who ----------------------------------------------------------------------------

/// What a checked row comes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// A new person, and the signature.
    Add,
    /// This person (the same email) gets the signature.
    Merge(Id),
    /// The person already signed this appeal (or an earlier row of the file is them).
    Unchanged,
}

/// A signer without an email, as the import recognises them again: the folded name, city and
/// country.
type NameKey = (String, String, Option<String>);

fn name_key(given: &str, family: &str, city: Option<&str>, country: Option<&str>) -> NameKey {
    (
        text::fold(&format!("{given} {family}")),
        text::fold(city.unwrap_or("")),
        country.map(str::to_owned),
    )
}

/// Decides every row against the database as it is before the import, and against the
/// earlier rows of the file. Reads only, so the preview and the import decide alike.
fn resolve(conn: &Connection, appeal: Option<Id>, rows: &[Row]) -> Result<Vec<Outcome>> {
    // Email-less signers of this appeal, loaded only when the file has email-less rows.
    let mut signed_names: HashSet<NameKey> = HashSet::new();
    let emailless = rows.iter().any(|r| r.email.is_none());
    if let Some(appeal) = appeal.filter(|_| emailless) {
        let mut stmt = conn.prepare(
            "SELECT p.given_name, p.family_name, p.city, p.country
               FROM signatures s JOIN people p ON p.id = s.person_id WHERE s.appeal_id = ?1",
        )?;
        let mut found = stmt.query([appeal])?;
        while let Some(r) = found.next()? {
            let (given, family): (String, String) = (r.get(0)?, r.get(1)?);
            let (city, country): (Option<String>, Option<String>) = (r.get(2)?, r.get(3)?);
            signed_names.insert(name_key(
                &given,
                &family,
                city.as_deref(),
                country.as_deref(),
            ));
        }
    }
    // Same rule and same index as people::find_by_email.
    let mut by_email = conn.prepare_cached(
        "SELECT id FROM people WHERE lower(email) = ?1 AND email IS NOT NULL
          ORDER BY created_at, id LIMIT 1",
    )?;
    let mut has_signed = conn.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM signatures WHERE appeal_id = ?1 AND person_id = ?2)",
    )?;
    let mut file_emails: HashSet<String> = HashSet::new();
    let mut outcomes = Vec::with_capacity(rows.len());
    for row in rows {
        let key = if emailless {
            name_key(&row.given, &row.family, row.city.as_deref(), row.country)
        } else {
            NameKey::default()
        };
        let outcome = match &row.email {
            Some(email) => {
                // SQLite's lower() folds ASCII only; so does this.
                let email = email.to_ascii_lowercase();
                if file_emails.contains(&email) {
                    Outcome::Unchanged
                } else {
                    let found: Option<Id> =
                        by_email.query_row([&email], |r| r.get(0)).optional()?;
                    file_emails.insert(email);
                    match (found, appeal) {
                        (None, _) => Outcome::Add,
                        (Some(person), Some(appeal)) => {
                            let signed: bool =
                                has_signed.query_row(params![appeal, person], |r| r.get(0))?;
                            if signed {
                                Outcome::Unchanged
                            } else {
                                Outcome::Merge(person)
                            }
                        }
                        (Some(person), None) => Outcome::Merge(person),
                    }
                }
            }
            None if signed_names.contains(&key) => Outcome::Unchanged,
            None => Outcome::Add,
        };
        if emailless && outcome != Outcome::Unchanged {
            signed_names.insert(key);
        }
        outcomes.push(outcome);
    }
    Ok(outcomes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf8(text: &str) -> Reading {
        read(text.as_bytes(), &Options::default()).unwrap()
    }

    fn checked(text: &str) -> Rows {
        let reading = utf8(text);
        rows(&reading, Display::Hidden, Utc::now(), None).unwrap()
    }

    #[test]
    fn delimiters_are_sniffed_outside_quotes() {
        assert_eq!(sniff_delimiter("a,b,c\n1;2;3"), b',');
        assert_eq!(sniff_delimiter("a;b;c\r\n"), b';');
        assert_eq!(sniff_delimiter("a\tb\tc"), b'\t');
        assert_eq!(sniff_delimiter("\"a;b;c\",d\n"), b',');
        assert_eq!(sniff_delimiter("name\n"), b',');
        assert_eq!(sniff_delimiter("\"x,\ny\";z;w\n"), b';');
    }

    #[test]
    fn headers_in_many_spellings() {
        let headers: Vec<String> = [
            "First Name",
            "LAST_NAME",
            "E-mail",
            "Postal code",
            "Town",
            "State",
            "Country",
            "Organisation",
            "Signed at",
            "Display",
            "can2_user_tags",
            "whatever",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        let m = recognise(&headers);
        use Field::*;
        assert_eq!(
            m,
            vec![
                Some(GivenName),
                Some(FamilyName),
                Some(Email),
                Some(PostalCode),
                Some(City),
                Some(Region),
                Some(Country),
                Some(Organization),
                Some(SignedAt),
                Some(Display),
                Some(Tags),
                None
            ]
        );
        // A field named twice goes to its first column.
        let twice = recognise(&["Email".into(), "mail".into()]);
        assert_eq!(twice, vec![Some(Email), None]);
        // Persian headers, typed with the Arabic yeh as well.
        assert_eq!(field_of_header("نام خانوادگی"), Some(FamilyName));
        assert_eq!(field_of_header("\u{0646}\u{0627}\u{0645} \u{062e}\u{0627}\u{0646}\u{0648}\u{0627}\u{062f}\u{06af}\u{064a}"), Some(FamilyName));
        assert_eq!(field_of_header("کشور"), Some(Country));
        assert_eq!(field_of_header(" Full name "), Some(FullName));
    }

    #[test]
    fn the_petition_export_is_recognised() {
        let r = utf8("uuid,first_name,last_name,email,zip_code,can2_phone,can2_user_address,can2_user_city,can2_state_abbreviated,country,can2_user_tags,can2_subscription_status,can2_subscription_date\n");
        assert_eq!(r.format, Some("petition"));
        use Field::*;
        assert_eq!(
            r.mapping,
            vec![
                Some(Uuid),
                Some(GivenName),
                Some(FamilyName),
                Some(Email),
                Some(PostalCode),
                Some(Phone),
                Some(Address),
                Some(City),
                Some(Region),
                Some(Country),
                Some(Tags),
                None,
                Some(SignedAt)
            ]
        );
        assert_eq!(utf8("Name;Mail\n").format, Some("generic"));
        assert_eq!(utf8("a,b\n").format, None);
    }

    #[test]
    fn full_names_are_split() {
        assert_eq!(
            split_full_name("Ana María López"),
            ("Ana María".into(), "López".into())
        );
        assert_eq!(split_full_name("  Cher "), ("Cher".into(), String::new()));
        assert_eq!(
            split_full_name("شیرین عبادی"),
            ("شیرین".into(), "عبادی".into())
        );
        assert_eq!(split_full_name("王 小明"), ("小明".into(), "王".into()));
        assert_eq!(split_full_name(""), (String::new(), String::new()));
    }

    #[test]
    fn rows_are_checked_field_by_field() {
        let r = checked(
            "name,email,country,phone,display,date\n\
             Ana López,ana@example.org,Colombia,+57 1,yes,2024-03-01\n\
             ,nobody@example.org,DE,,,\n\
             Omid K,omid at example,Persia,,anonymous,2024-03-01 10:20:30 UTC\n\
             Lena,,Narnia,,loud,someday\n\
             ,,,,,\n\
             '-Ali Reza,,IRN,,,2024-03-01T10:00:00+03:30\n",
        );
        assert_eq!(r.read, 5);
        assert_eq!(r.rejected.len(), 1);
        assert_eq!(r.rejected[0].line, 3);
        assert_eq!(r.rejected[0].message.key(), "import_no_name");
        let keys: Vec<(u64, &str)> = r.warned.iter().map(|p| (p.line, p.message.key())).collect();
        assert_eq!(
            keys,
            [
                (4, "import_bad_email"),
                (5, "import_unknown_country"),
                (5, "import_bad_display"),
                (5, "import_bad_date")
            ]
        );
        let ana = &r.rows[0];
        assert_eq!((ana.given.as_str(), ana.family.as_str()), ("Ana", "López"));
        assert_eq!(ana.country, Some("CO"));
        assert_eq!(ana.display, Display::Full);
        assert_eq!(ana.signed_at, "2024-03-01T00:00:00.000Z");
        let omid = &r.rows[1];
        assert_eq!(omid.email, None);
        assert_eq!(omid.country, Some("IR"));
        assert_eq!(omid.display, Display::Hidden);
        assert_eq!(omid.signed_at, "2024-03-01T10:20:30.000Z");
        let lena = &r.rows[2];
        assert_eq!(lena.country, None);
        assert_eq!(lena.notes.as_deref(), Some("Country as imported: Narnia"));
        let ali = &r.rows[3];
        assert_eq!((ali.given.as_str(), ali.family.as_str()), ("-Ali", "Reza"));
        assert_eq!(ali.signed_at, "2024-03-01T06:30:00.000Z");
    }

    #[test]
    fn a_name_too_long_rejects_the_row_and_other_fields_are_left_out() {
        let long = "x".repeat(101);
        let r = checked(&format!(
            "first,last,phone,city\n{long},A,,\nAna,B,{},Berlin\n",
            "1".repeat(41)
        ));
        assert_eq!(r.rejected[0].message.key(), "too_long");
        assert_eq!(r.rows.len(), 1);
        assert_eq!(r.rows[0].phone, None);
        assert_eq!(r.rows[0].city.as_deref(), Some("Berlin"));
        assert_eq!(r.warned[0].message.key(), "too_long");
        assert_eq!(r.warned[0].line, 3);
    }

    #[test]
    fn formula_apostrophes_come_off_once() {
        assert_eq!(unescape_formula("'=SUM(A1)"), "=SUM(A1)");
        assert_eq!(unescape_formula("'-Ali"), "-Ali");
        assert_eq!(unescape_formula("''=x"), "'=x");
        assert_eq!(unescape_formula("'Abdullah"), "'Abdullah");
        assert_eq!(unescape_formula("O'Brien"), "O'Brien");
    }

    #[test]
    fn display_words_and_dates() {
        assert_eq!(display_word("name_city"), Some(Display::NameAndCity));
        assert_eq!(display_word("Name-City"), Some(Display::NameAndCity));
        assert_eq!(display_word("Anonymous"), Some(Display::Hidden));
        assert_eq!(display_word("PUBLIC"), Some(Display::Full));
        assert_eq!(display_word("initials"), Some(Display::Initials));
        assert_eq!(display_word("maybe"), None);
        for (written, at) in [
            ("2026-11-22T10:00:00.123Z", "2026-11-22T10:00:00.123Z"),
            ("2026-11-22", "2026-11-22T00:00:00.000Z"),
            ("2026-11-22 10:00:00", "2026-11-22T10:00:00.000Z"),
            ("2026-11-22 10:00:00 UTC", "2026-11-22T10:00:00.000Z"),
            ("2026-11-22 10:00:00 +0100", "2026-11-22T09:00:00.000Z"),
            ("2026/11/22 10:00", "2026-11-22T10:00:00.000Z"),
        ] {
            assert_eq!(
                parse_date(written).map(timestamp).as_deref(),
                Some(at),
                "{written}"
            );
        }
        assert_eq!(parse_date("22.11.2026"), None);
        assert_eq!(parse_date("2026-13-01"), None);
    }

    #[test]
    fn encodings() {
        // UTF-8 with a BOM, UTF-16 both ways with theirs.
        let r = read(b"\xef\xbb\xbfname\nAna\n", &Options::default()).unwrap();
        assert_eq!(
            (r.encoding.as_deref(), r.headers[0].as_str()),
            (Some("utf-8"), "name")
        );
        let mut le = vec![0xff, 0xfe];
        le.extend("name\tcity\n".encode_utf16().flat_map(u16::to_le_bytes));
        let r = read(&le, &Options::default()).unwrap();
        assert_eq!(r.encoding.as_deref(), Some("utf-16le"));
        assert_eq!(r.delimiter, b'\t');
        assert_eq!(r.headers, ["name", "city"]);
        let mut be = vec![0xfe, 0xff];
        be.extend("name\n".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(read(&be, &Options::default()).unwrap().headers, ["name"]);
        // Not UTF-8: nothing guessed.
        let latin = b"name\nJos\xe9\n";
        let r = read(latin, &Options::default()).unwrap();
        assert!(r.needs_encoding);
        assert!(r.headers.is_empty());
        assert_eq!(&r.encodings[..2], ["windows-1252", "windows-1256"]);
        // UTF-16 without its mark is not read as UTF-8 with NULs in it.
        let bare: Vec<u8> = "name\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let r = read(&bare, &Options::default()).unwrap();
        assert!(r.needs_encoding);
        assert_eq!(r.encodings[0], "utf-16le");
        // The encoding chosen.
        let chosen = Options {
            encoding: Some("windows-1252".into()),
            ..Options::default()
        };
        let r = read(latin, &chosen).unwrap();
        let rows = rows(&r, Display::Hidden, Utc::now(), None).unwrap();
        assert_eq!(rows.rows[0].given, "José");
        let unknown = Options {
            encoding: Some("klingon".into()),
            ..Options::default()
        };
        assert_eq!(
            read(latin, &unknown).unwrap_err().message().key(),
            "import_unknown_encoding"
        );
        for label in ENCODINGS {
            assert!(
                encoding_rs::Encoding::for_label(label.as_bytes()).is_some(),
                "{label}"
            );
        }
        assert_eq!(
            read(b"", &Options::default()).unwrap_err().message().key(),
            "import_empty"
        );
    }

    #[test]
    fn lines_are_the_files_own() {
        let r = checked(
            "name,city\r\n\"Ana\r\nMaría\",Berlin\r\n\r\nOmid,\"Te\nhran\"\r\n,\r\nLena,X\r\n",
        );
        let lines: Vec<u64> = r.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 5, 8]);
        assert_eq!(r.rows[0].given, "Ana");
        assert_eq!(r.rows[0].family, "María");
        assert_eq!(r.rows[1].city.as_deref(), Some("Te hran"));
        for (text, expected) in [
            ("name\nA\nB\n", vec![2, 3]),
            ("name\r\nA\r\nB", vec![2, 3]),
            ("name\n\n\nA\n\"B\n\nC\"\nD\n", vec![4, 5, 8]),
            ("name\rA\rB\r", vec![2, 3]),
        ] {
            let lines: Vec<u64> = checked(text).rows.iter().map(|r| r.line).collect();
            assert_eq!(lines, expected, "{text:?}");
        }
    }
}
