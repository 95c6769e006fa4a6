//! What the window and the scripting CLI ask for: one document, its data read from the store,
//! laid out and written as a PDF, with the letters no font had named for the person.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::flyer::{self, Bilingual, Flyer};
use super::page::{self, Size};
use super::report_words::Term;
use super::shape::Fonts;
use super::words::Words;
use super::{appeal_ad, door_list, pdf, picture, sign_up_sheet, svg};
use super::{receipt, report_attendance, report_fundraising, report_ledger, report_signers};
use crate::ledger::Period;
use crate::messages::Message;
use crate::{events, receipts, Error, Id, Result, Store};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Flyer,
    Appeal,
    Sheet,
    DoorList,
    /// Signers per appeal, country, week, source and event; the prominent ones.
    ReportSigners,
    /// An event's RSVPs, arrivals, signatures and money.
    ReportAttendance,
    /// For supporters: funds, months, methods, events, expenses, balances.
    ReportFundraising,
    /// For the accountant: a period's entries per fund with running balances.
    ReportLedger,
    /// One gift's acknowledgement.
    Receipt,
    /// A donor's gifts of a year.
    AnnualReceipt,
    /// Several gifts' receipts (those still owed), one after another.
    Receipts,
}

/// One document to print, as the Print screen and `campaign-desk pdf` describe it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Request {
    pub kind: Kind,
    #[serde(default)]
    pub event: Option<Id>,
    #[serde(default)]
    pub appeal: Option<Id>,
    /// Flyers: two handbills to a sheet.
    #[serde(default)]
    pub half: bool,
    /// Flyers: what the QR code opens.
    #[serde(default)]
    pub link: Option<String>,
    /// Sheets: how many rows.
    #[serde(default)]
    pub rows: Option<usize>,
    /// The appeal: how many columns of names.
    #[serde(default)]
    pub columns: Option<usize>,
    /// letter, a4, tabloid or WxHmm.
    pub size: String,
    pub lang: String,
    #[serde(default)]
    pub second_lang: Option<String>,
    /// Flyers with a second language: side by side (else front and back).
    #[serde(default)]
    pub side_by_side: bool,
    /// Reports over a period: its first and last day (YYYY-MM-DD), both included.
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
    /// A receipt's gift.
    #[serde(default)]
    pub donation: Option<Id>,
    /// Receipts: the gifts, in order.
    #[serde(default)]
    pub donations: Vec<Id>,
    /// An annual summary's donor and year.
    #[serde(default)]
    pub person: Option<Id>,
    #[serde(default)]
    pub year: Option<i32>,
    /// Who issues receipts (the audit trail's "who"); empty: this laptop's name.
    #[serde(default)]
    pub who: Option<String>,
}

impl Request {
    /// A request for `kind` on letter paper in English, everything else unset.
    pub fn new(kind: Kind) -> Request {
        Request {
            kind,
            event: None,
            appeal: None,
            half: false,
            link: None,
            rows: None,
            columns: None,
            size: "letter".into(),
            lang: "en".into(),
            second_lang: None,
            side_by_side: false,
            from: None,
            to: None,
            donation: None,
            donations: Vec::new(),
            person: None,
            year: None,
            who: None,
        }
    }
}

/// A letter no font has, shown to the person by its code and the words it was in.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Missing {
    pub letter: String,
    pub code: String,
    pub text: String,
}

#[derive(Debug, Serialize)]
pub struct Printed {
    #[serde(skip)]
    pub pdf: Vec<u8>,
    pub pages: usize,
    pub missing: Vec<Missing>,
    /// Page one as an SVG data URL, when a preview was asked for.
    pub preview: Option<String>,
    /// A file name to suggest, without the extension.
    pub name: String,
    /// The registered sheet's number (sign-up sheets).
    pub sheet: Option<i64>,
}

pub const DEFAULT_SHEET_ROWS: usize = 20;

/// "letter", "a4", "tabloid", or a custom size such as "250x380mm" (a newspaper's ad slot).
pub fn parse_size(value: &str) -> Result<Size> {
    let v = value.trim().to_ascii_lowercase();
    match v.as_str() {
        "letter" => return Ok(page::LETTER),
        "a4" => return Ok(page::A4),
        "tabloid" => return Ok(page::TABLOID),
        _ => {}
    }
    let bad = || Error::Invalid(Message::new("bad_paper_size").with("value", value.trim()));
    let dims = v.strip_suffix("mm").ok_or_else(bad)?;
    let (w, h) = dims.split_once('x').ok_or_else(bad)?;
    let (w, h): (f32, f32) = (
        w.trim().parse().map_err(|_| bad())?,
        h.trim().parse().map_err(|_| bad())?,
    );
    if !(50.0..=1200.0).contains(&w) || !(50.0..=1200.0).contains(&h) {
        return Err(bad());
    }
    Ok(Size {
        width: page::mm(w),
        height: page::mm(h),
    })
}

fn language(value: &str) -> Result<Words> {
    match value.trim() {
        "en" | "fa" | "es" => Ok(Words::new(value.trim())),
        other => Err(Error::Invalid(
            Message::new("bad_print_language").with("value", other),
        )),
    }
}

fn needs(id: Option<Id>, what: &'static str) -> Result<Id> {
    id.ok_or_else(|| Error::Invalid(Message::new("required").with("field", what)))
}

/// What saving the document writes to the books, before it is made: a sign-up sheet gets the
/// appeal's next sheet number (returned, for `make`); a receipt is issued on its first print
/// and counted as a copy on a later one. All of it in one transaction per document, so a
/// batch of receipts is numbered whole or not at all. A preview records nothing.
pub fn record(store: &mut Store, request: &Request) -> Result<Option<i64>> {
    let who = request.who.clone().unwrap_or_default();
    match request.kind {
        Kind::Sheet => Ok(Some(sign_up_sheet::register(
            store,
            needs(request.appeal, "appeal")?,
            request.event,
        )?)),
        Kind::Receipt => {
            let donation = needs(request.donation, "donation")?;
            store.write(|w| receipts::for_print(w, donation, &who))?;
            Ok(None)
        }
        Kind::Receipts => {
            store.write(|w| {
                for &d in &request.donations {
                    receipts::for_print(w, d, &who)?;
                }
                Ok(())
            })?;
            Ok(None)
        }
        _ => Ok(None),
    }
}

/// Receipts split by donor (the person, else the name the gift came with), in the order the
/// donors first appear: a batch printed as one PDF per donor.
pub fn by_donor(store: &Store, donations: &[Id]) -> Result<Vec<(String, Vec<Id>)>> {
    let mut groups: Vec<(String, String, Vec<Id>)> = Vec::new();
    for &id in donations {
        let d = crate::donations::get(store.conn(), id)?;
        let name = receipts::donor_name(&d);
        let key = match &d.person {
            Some(p) => p.id.to_string(),
            None => format!("name:{name}"),
        };
        match groups.iter_mut().find(|g| g.0 == key) {
            Some(g) => g.2.push(id),
            None => groups.push((key, name, vec![id])),
        }
    }
    Ok(groups
        .into_iter()
        .map(|(_, name, ids)| (name, ids))
        .collect())
}

/// A batch of receipts as one PDF per donor, each with a safe file name (without extension)
/// unique among them. Call after `record` when saving, so the receipts carry their numbers.
pub fn per_donor(store: &Store, request: &Request) -> Result<Vec<(String, Printed)>> {
    let words = language(&request.lang)?;
    let mut files: Vec<(String, Printed)> = Vec::new();
    for (donor, donations) in by_donor(store, &request.donations)? {
        let one = Request {
            kind: Kind::Receipts,
            donations,
            ..request.clone()
        };
        let printed = make(store, &one, None, None, false, &|_| {})?;
        let named = if one.donations.len() == 1 {
            printed.name.clone()
        } else {
            format!("{} {donor}", words.term(Term::Receipts))
        };
        let base = crate::safe_file::safe_file_name(&named, "receipt");
        let mut name = base.clone();
        let mut n = 1;
        while files
            .iter()
            .any(|(taken, _)| taken.eq_ignore_ascii_case(&name))
        {
            n += 1;
            name = format!("{base} {n}");
        }
        files.push((name, printed));
    }
    Ok(files)
}

fn period(request: &Request, required: bool) -> Result<Period> {
    if required {
        needs_text(&request.from, "from")?;
        needs_text(&request.to, "to")?;
    }
    Period::new(request.from.as_deref(), request.to.as_deref())
}

fn needs_text(value: &Option<String>, what: &'static str) -> Result<()> {
    match value.as_deref().map(str::trim) {
        Some(v) if !v.is_empty() => Ok(()),
        _ => Err(Error::Invalid(Message::new("required").with("field", what))),
    }
}

/// Makes the document. `photo`: a flyer's picture (PNG or JPEG bytes); `sheet`: the number
/// of a sheet registered with sign_up_sheet::register (a preview leaves it out); `progress`
/// hears fractions from 0 to 1 as a long document goes.
pub fn make(
    store: &Store,
    request: &Request,
    photo: Option<&[u8]>,
    sheet: Option<i64>,
    preview: bool,
    progress: &dyn Fn(f32),
) -> Result<Printed> {
    let size = parse_size(&request.size)?;
    let words = language(&request.lang)?;
    let second = match request
        .second_lang
        .as_deref()
        .filter(|l| !l.trim().is_empty())
    {
        Some(l) => Some(language(l)?),
        None => None,
    };
    let fonts = Fonts::new();
    progress(0.05);
    let (pages, name, title) = match request.kind {
        Kind::ReportSigners => {
            let r = report_signers::load(store, request.appeal)?;
            let name = format!(
                "{} — {}",
                words.term(Term::SignersReport),
                r.appeal.clone().unwrap_or_else(|| r.campaign.clone())
            );
            (
                report_signers::pages(&fonts, &r, size, words),
                name.clone(),
                name,
            )
        }
        Kind::ReportAttendance => {
            let a = report_attendance::load(store, needs(request.event, "event")?)?;
            let name = format!("{} — {}", words.term(Term::AttendanceReport), a.event.title);
            (
                report_attendance::pages(&fonts, &a, size, words),
                name.clone(),
                name,
            )
        }
        Kind::ReportFundraising => {
            let r = report_fundraising::load(store, period(request, false)?)?;
            let name = words.term(Term::FundraisingReport).to_owned();
            (
                report_fundraising::pages(&fonts, &r, size, words),
                name.clone(),
                name,
            )
        }
        Kind::ReportLedger => {
            let r = report_ledger::load(store, period(request, true)?)?;
            let name = format!(
                "{} {} – {}",
                words.term(Term::Ledger),
                r.period.from.clone().unwrap_or_default(),
                r.period.to.clone().unwrap_or_default()
            );
            (
                report_ledger::pages(&fonts, &r, size, words),
                name.clone(),
                name,
            )
        }
        Kind::Receipt => {
            let doc = receipt::load_single(store, needs(request.donation, "donation")?, preview)?;
            let name = receipt::file_name(&doc, &words);
            (
                receipt::pages(&fonts, &doc, size, words),
                name.clone(),
                name,
            )
        }
        Kind::AnnualReceipt => {
            let year = request
                .year
                .ok_or_else(|| Error::Invalid(Message::new("required").with("field", "year")))?;
            let doc = receipt::load_annual(store, needs(request.person, "person")?, year)?;
            let name = receipt::file_name(&doc, &words);
            (
                receipt::pages(&fonts, &doc, size, words),
                name.clone(),
                name,
            )
        }
        Kind::Receipts => {
            if request.donations.is_empty() {
                return Err(Error::Invalid(
                    Message::new("required").with("field", "donations"),
                ));
            }
            let mut pages = Vec::new();
            let mut docs = Vec::new();
            for (i, &d) in request.donations.iter().enumerate() {
                docs.push(receipt::load_single(store, d, preview)?);
                progress(0.05 + 0.3 * (i + 1) as f32 / request.donations.len() as f32);
            }
            // Each receipt is a document of its own, numbered "page 1 of 1" on its own.
            for doc in &docs {
                pages.extend(receipt::pages(&fonts, doc, size, words));
            }
            let name = match docs.as_slice() {
                [one] => receipt::file_name(one, &words),
                _ => words.term(Term::Receipts).to_owned(),
            };
            (pages, name.clone(), name)
        }
        Kind::Flyer => {
            let event = events::get(store, needs(request.event, "event")?)?;
            let photo = photo.map(picture::decode).transpose()?.map(Arc::new);
            let name = event.title.clone();
            let flyer = Flyer {
                event,
                half: request.half,
                link: request.link.clone().filter(|l| !l.trim().is_empty()),
                photo,
            };
            let how = if request.side_by_side {
                Bilingual::SideBySide
            } else {
                Bilingual::FrontAndBack
            };
            let pages = flyer::pages(&fonts, &flyer, size, words, second.map(|w| (w, how)));
            (pages, name.clone(), name)
        }
        Kind::Appeal => {
            let ad = appeal_ad::load(store, needs(request.appeal, "appeal")?, words.lang)?;
            progress(0.2);
            let columns = request.columns.unwrap_or(3).clamp(1, 6);
            let pages = appeal_ad::pages_reporting(&fonts, &ad, size, columns, &words, &|f| {
                progress(0.2 + 0.6 * f)
            });
            (pages, ad.title.clone(), ad.title)
        }
        Kind::Sheet => {
            let appeal = needs(request.appeal, "appeal")?;
            let rows = request.rows.unwrap_or(DEFAULT_SHEET_ROWS);
            if !(1..=sign_up_sheet::MAX_ROWS).contains(&rows) {
                return Err(Error::Invalid(
                    Message::new("bad_sheet_rows").with("value", rows),
                ));
            }
            let s = sign_up_sheet::load(store, appeal, words.lang, sheet, rows)?;
            let name = format!("{} {}", s.title, s.number);
            (sign_up_sheet::pages(&fonts, &s, size, words), name, s.title)
        }
        Kind::DoorList => {
            let list = door_list::load(store, needs(request.event, "event")?)?;
            let name = list.title.clone();
            (
                door_list::pages(&fonts, &list, size, words),
                name,
                list.title,
            )
        }
    };
    progress(0.85);
    let preview = preview.then(|| svg::data_url(&svg::page(&fonts, &pages[0])));
    let page_count = pages.len();
    let bytes = pdf::write(&fonts, pages, &title)
        .map_err(|e| Error::Invalid(Message::new("print_failed").with("cause", e.0)))?;
    progress(1.0);
    let mut missing: Vec<Missing> = Vec::new();
    for (c, text) in fonts.missing.borrow().iter() {
        let letter = c.to_string();
        if !missing.iter().any(|m| m.letter == letter) {
            missing.push(Missing {
                code: format!("U+{:04X}", *c as u32),
                letter,
                text: text.chars().take(60).collect(),
            });
        }
    }
    Ok(Printed {
        pdf: bytes,
        pages: page_count,
        missing,
        preview,
        name,
        sheet: if request.kind == Kind::Sheet {
            sheet
        } else {
            None
        },
    })
}
