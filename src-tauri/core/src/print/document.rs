//! What the window and the scripting CLI ask for: one document, its data read from the store,
//! laid out and written as a PDF, with the letters no font had named for the person.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::flyer::{self, Bilingual, Flyer};
use super::page::{self, Size};
use super::shape::Fonts;
use super::words::Words;
use super::{appeal_ad, door_list, pdf, picture, sign_up_sheet, svg};
use crate::messages::Message;
use crate::{events, Error, Id, Result, Store};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Flyer,
    Appeal,
    Sheet,
    DoorList,
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
