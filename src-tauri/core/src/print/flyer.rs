//! The event flyer: a full page, or half-page handbills two to a sheet; in one language, or two
//! side by side or front and back. Everything comes from the event's own record; the words
//! around it ("When", the weekday and month) are the language's. Each copy is shrunk until it
//! fits its box, so a long description never runs off the paper.

use std::sync::Arc;

use chrono::NaiveDateTime;

use super::page::{mm, Composer, Frame, Mark, Page, Size, Style};
use super::picture::Picture;
use super::qr;
use super::shape::Fonts;
use super::words::{Label, Words};
use crate::events::Event;

/// How a second language shares the paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bilingual {
    SideBySide,
    FrontAndBack,
}

#[derive(Debug, Clone)]
pub struct Flyer {
    pub event: Event,
    /// Two handbills to a sheet, to cut apart.
    pub half: bool,
    /// What the QR code opens (the organizer's choice, else the event's online link).
    pub link: Option<String>,
    pub photo: Option<Arc<Picture>>,
}

pub fn wall_clock(s: &Option<String>) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s.as_deref()?, "%Y-%m-%dT%H:%M").ok()
}

/// The flyer's pages in `first` (and `second`, laid out as `how`).
pub fn pages(
    fonts: &Fonts,
    flyer: &Flyer,
    size: Size,
    first: Words,
    second: Option<(Words, Bilingual)>,
) -> Vec<Page> {
    let mut c = Composer::new(fonts, size);
    let m = c.margin;
    let gap = mm(10.0);
    // A box and its top.
    let full = |top: f32, bottom: f32| {
        let frame = Frame {
            x: m,
            width: size.width - 2.0 * m,
            bottom,
        };
        (frame, top)
    };
    // The boxes on each page, and the language of each.
    let mid = size.height / 2.0;
    let halves = [
        full(m, mid - gap / 2.0),
        full(mid + gap / 2.0, size.height - m),
    ];
    let whole = [full(m, size.height - m)];
    let boxes: &[(Frame, f32)] = if flyer.half { &halves } else { &whole };
    let mut plan: Vec<Vec<((Frame, f32), Words)>> = Vec::new();
    match second {
        None => plan.push(boxes.iter().map(|b| (*b, first)).collect()),
        Some((other, Bilingual::FrontAndBack)) => {
            plan.push(boxes.iter().map(|b| (*b, first)).collect());
            plan.push(boxes.iter().map(|b| (*b, other)).collect());
        }
        Some((other, Bilingual::SideBySide)) if flyer.half => {
            plan.push(vec![(halves[0], first), (halves[1], other)]);
        }
        Some((other, Bilingual::SideBySide)) => {
            let (f, top) = whole[0];
            let w = (f.width - gap) / 2.0;
            // The first language on the side it reads from: Farsi on the right.
            let (a, b) = if first.rtl() {
                (other, first)
            } else {
                (first, other)
            };
            plan.push(vec![
                ((Frame { width: w, ..f }, top), a),
                (
                    (
                        Frame {
                            x: f.x + w + gap,
                            width: w,
                            ..f
                        },
                        top,
                    ),
                    b,
                ),
            ]);
        }
    }
    for (i, page) in plan.iter().enumerate() {
        if i > 0 {
            c.new_page();
        }
        for &((frame, top), words) in page {
            fit(&mut c, flyer, frame, top, words);
        }
        if flyer.half {
            // Where to cut.
            c.mark(Mark::Line {
                x1: m / 2.0,
                y1: mid,
                x2: size.width - m / 2.0,
                y2: mid,
                width: 0.3,
            });
        }
    }
    c.frame(None, m);
    c.pages
}

/// Lays out one copy in its box at the largest scale that fits.
fn fit(c: &mut Composer, flyer: &Flyer, frame: Frame, top: f32, words: Words) {
    let scales = [1.0, 0.9, 0.8, 0.72, 0.64, 0.56, 0.5, 0.44, 0.38];
    let mark_count = c.pages.last().map_or(0, |p| p.marks.len());
    for (i, &scale) in scales.iter().enumerate() {
        c.frame(Some(frame), top);
        c.overflow = false;
        copy(
            c,
            flyer,
            words,
            scale * if flyer.half { 0.62 } else { 1.0 },
            frame.bottom - top,
        );
        if !c.overflow || i + 1 == scales.len() {
            return;
        }
        if let Some(p) = c.pages.last_mut() {
            p.marks.truncate(mark_count);
        }
    }
}

/// One copy of the flyer, every size times `s`.
fn copy(c: &mut Composer, flyer: &Flyer, w: Words, s: f32, height: f32) {
    let e = &flyer.event;
    let label = |c: &mut Composer, l: Label| {
        c.space(7.0 * s);
        c.paragraph(w.label(l), Style::bold(10.0 * s));
    };
    c.paragraph(&e.title, Style::bold(30.0 * s).centered());
    if !e.subtitle.trim().is_empty() {
        c.paragraph(&e.subtitle, Style::body(15.0 * s).centered());
    }
    c.space(8.0 * s);
    if let Some(start) = wall_clock(&e.local_starts) {
        label(c, Label::When);
        c.paragraph(
            &w.when(start, wall_clock(&e.local_ends)),
            Style::body(13.0 * s),
        );
        c.paragraph(&w.zone(&e.time_zone), Style::body(8.5 * s));
    }
    let place: Vec<&str> = [&e.venue, &e.address]
        .into_iter()
        .filter_map(|v| v.as_deref().map(str::trim).filter(|v| !v.is_empty()))
        .collect();
    let town: Vec<&str> = [&e.city, &e.country]
        .into_iter()
        .filter_map(|v| v.as_deref().map(str::trim).filter(|v| !v.is_empty()))
        .collect();
    if !place.is_empty() || !town.is_empty() {
        label(c, Label::Where);
        let mut lines = place.join("\n");
        if !town.is_empty() {
            if !lines.is_empty() {
                lines.push('\n');
            }
            lines.push_str(&town.join(", "));
        }
        c.paragraph(&lines, Style::body(12.0 * s));
    }
    if let Some(url) = e.online_url.as_deref().filter(|u| !u.trim().is_empty()) {
        label(c, Label::Online);
        c.paragraph(url, Style::body(11.0 * s));
    }
    if let Some(photo) = &flyer.photo {
        c.space(10.0 * s);
        c.picture(photo.clone(), height * 0.3 * s.min(1.0));
    }
    if !e.description.trim().is_empty() {
        c.space(10.0 * s);
        c.paragraph(e.description.trim(), Style::body(11.5 * s));
    }
    if !e.program.is_empty() {
        label(c, Label::Program);
        for item in &e.program {
            c.paragraph(&format!("\u{2022} {item}"), Style::body(11.0 * s));
        }
    }
    if !e.causes.is_empty() {
        label(c, Label::Causes);
        c.paragraph(&e.causes.join(" \u{00b7} "), Style::body(11.0 * s));
    }
    if !e.cosponsors.is_empty() {
        label(c, Label::Cosponsors);
        c.paragraph(&e.cosponsors.join(" \u{00b7} "), Style::body(11.0 * s));
    }
    let contact: Vec<&str> = [&e.contact_phone, &e.contact_email]
        .into_iter()
        .filter_map(|v| v.as_deref().map(str::trim).filter(|v| !v.is_empty()))
        .collect();
    if !contact.is_empty() {
        label(c, Label::Contact);
        c.paragraph(&contact.join("  \u{00b7}  "), Style::body(11.0 * s));
    }
    let link = flyer
        .link
        .as_deref()
        .or(e.online_url.as_deref())
        .map(str::trim)
        .filter(|l| !l.is_empty());
    if let Some(link) = link {
        let side = 96.0 * s;
        c.space(10.0 * s);
        c.need(side + 30.0 * s);
        let (x0, width) = c.area();
        let y = c.y;
        if let Some(marks) = qr::marks(link, x0 + (width - side) / 2.0, y, side) {
            for m in marks {
                c.mark(m);
            }
            c.y += side;
            c.paragraph(
                w.label(Label::ScanForDetails),
                Style::bold(9.0 * s).centered(),
            );
            c.paragraph(link, Style::body(8.5 * s).centered());
        }
    }
}
