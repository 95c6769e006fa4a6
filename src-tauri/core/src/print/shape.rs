//! A paragraph made into lines of positioned glyphs: bidi levels (unicode-bidi), a font for each
//! letter by coverage, shaping (rustybuzz), and line breaks where UAX #14 allows them
//! (unicode-linebreak), so Persian joins and runs right to left and CJK wraps between letters.

use std::ops::Range;

use std::collections::HashMap;
use std::rc::Rc;

use rustybuzz::{Direction, Script, ShapePlan, UnicodeBuffer};
use unicode_bidi::{Level, ParagraphBidiInfo};
use unicode_linebreak::{linebreaks, BreakOpportunity};

use super::fonts::{FontSet, Weight};

/// A face, as the page and the PDF writer know it: which set and which face in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FaceRef {
    pub weight: Weight,
    pub index: usize,
}

/// One glyph as placed on a line, in points.
#[derive(Debug, Clone, Copy)]
pub struct Glyph {
    pub gid: u16,
    pub advance: f32,
    pub dx: f32,
    pub dy: f32,
    /// Where its cluster starts in the paragraph (bytes): what text the glyph stands for.
    pub cluster: usize,
}

/// A run of glyphs in one face, in visual order, with the words it shows in logical order
/// (what a reader copying it from the PDF gets).
#[derive(Debug, Clone)]
pub struct Segment {
    pub face: FaceRef,
    pub glyphs: Vec<Glyph>,
    pub text: String,
    /// Where `text` starts in the paragraph (bytes), to find each glyph's own letters.
    pub start: usize,
    pub rtl: bool,
    pub width: f32,
}

/// A laid-out line: its segments left to right, and its width.
#[derive(Debug, Clone)]
pub struct Line {
    pub segments: Vec<Segment>,
    pub width: f32,
    pub rtl: bool,
}

/// The fonts of a document, both weights.
pub struct Fonts {
    pub regular: FontSet,
    pub bold: FontSet,
    /// Letters no font has, with the text they were in, to report by name.
    pub missing: std::cell::RefCell<Vec<(char, String)>>,
    /// Shaping plans by face, direction and script: making one reads the font's feature
    /// tables, and a list of names would make the same few plans for every name.
    plans: std::cell::RefCell<HashMap<(FaceRef, Direction, Script), Rc<ShapePlan>>>,
}

impl Fonts {
    pub fn new() -> Fonts {
        Fonts {
            regular: FontSet::new(Weight::Regular),
            bold: FontSet::new(Weight::Bold),
            missing: Default::default(),
            plans: Default::default(),
        }
    }

    fn plan(&self, face: FaceRef, direction: Direction, script: Script) -> Rc<ShapePlan> {
        self.plans
            .borrow_mut()
            .entry((face, direction, script))
            .or_insert_with(|| {
                Rc::new(ShapePlan::new(
                    &self.face(face).face,
                    direction,
                    Some(script),
                    None,
                    &[],
                ))
            })
            .clone()
    }

    pub fn set(&self, weight: Weight) -> &FontSet {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }

    pub fn face(&self, f: FaceRef) -> &super::fonts::FontFace {
        &self.set(f.weight).faces[f.index]
    }
}

impl Default for Fonts {
    fn default() -> Self {
        Fonts::new()
    }
}

/// A shaped stretch of the paragraph: one bidi level, one face.
struct Item {
    range: Range<usize>,
    face: FaceRef,
    /// (byte offset in the paragraph, glyph), in the shaper's (visual) order.
    glyphs: Vec<(usize, Glyph)>,
}

/// Characters that take the font of the letters around them rather than split a run.
fn is_neutral(c: char) -> bool {
    c.is_whitespace()
        || c.is_ascii_punctuation()
        || c.is_ascii_digit()
        || c == '\u{200c}'
        || c == '\u{200d}'
        // Direction marks and isolates: they steer the bidi algorithm and draw nothing.
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{2066}'..='\u{2069}')
}

/// Lays out one paragraph (no newline in it) in lines at most `width` points wide.
pub fn lines(fonts: &Fonts, text: &str, weight: Weight, size: f32, width: f32) -> Vec<Line> {
    if text.is_empty() {
        return Vec::new();
    }
    let set = fonts.set(weight);
    let bidi = ParagraphBidiInfo::new(text, None);
    let items = items(fonts, set, weight, text, &bidi.levels, size);

    // Each byte's share of the width, summed so any range's width is one subtraction.
    let mut prefix = vec![0f32; text.len() + 1];
    for item in &items {
        for (at, g) in &item.glyphs {
            prefix[at + 1] += g.advance;
        }
    }
    for i in 1..prefix.len() {
        prefix[i] += prefix[i - 1];
    }
    let measure = |r: Range<usize>| prefix[r.end] - prefix[r.start];
    let trim_end = |s: usize, e: usize| s + text[s..e].trim_end().len();

    let mut ranges = Vec::new();
    let mut start = 0;
    let mut fits: Option<usize> = None;
    for (at, kind) in linebreaks(text) {
        let end = trim_end(start, at);
        if measure(start..end) > width && start < end {
            match fits {
                Some(f) => {
                    ranges.push(start..trim_end(start, f));
                    start = f;
                }
                None => {
                    // One word wider than the line: cut it between letters.
                    let mut cut = start;
                    for (i, c) in text[start..at].char_indices() {
                        let here = start + i + c.len_utf8();
                        if measure(start..here) > width && cut > start {
                            ranges.push(start..cut);
                            start = cut;
                        }
                        cut = here;
                    }
                }
            }
        }
        if kind == BreakOpportunity::Mandatory {
            ranges.push(start..trim_end(start, at));
            start = at;
            fits = None;
        } else {
            fits = Some(at);
        }
    }
    if start < text.len() {
        ranges.push(start..trim_end(start, text.len()));
    }

    ranges
        .into_iter()
        .filter(|r| !r.is_empty())
        .map(|r| line(text, &bidi, &items, r))
        .collect()
}

/// Lays out many short texts in the same style (a list of names), each as `lines` would, on
/// the machine's cores: shaping is most of a long list's time, and each text is shaped on its
/// own. Helper threads get fonts of their own (the same faces in the same order, so glyph ids
/// and face references agree); the letters they find missing are reported through `fonts`.
/// `progress` hears how far this thread's share is (0 to 1).
pub fn many_lines(
    fonts: &Fonts,
    texts: &[String],
    weight: Weight,
    size: f32,
    width: f32,
    progress: &dyn Fn(f32),
) -> Vec<Vec<Line>> {
    let each = |fonts: &Fonts, text: &String| -> Vec<Line> {
        text.split('\n')
            .flat_map(|p| lines(fonts, p, weight, size, width))
            .collect()
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 4);
    if threads == 1 || texts.len() < 1000 {
        return texts.iter().map(|t| each(fonts, t)).collect();
    }
    let share = texts.len().div_ceil(threads);
    let mut parts = texts.chunks(share);
    let own = parts.next().unwrap_or_default();
    std::thread::scope(|scope| {
        let helpers: Vec<_> = parts
            .map(|part| {
                scope.spawn(move || {
                    let fonts = Fonts::new();
                    let laid: Vec<Vec<Line>> = part.iter().map(|t| each(&fonts, t)).collect();
                    (laid, fonts.missing.take())
                })
            })
            .collect();
        let mut out = Vec::with_capacity(texts.len());
        for (i, text) in own.iter().enumerate() {
            if i % 1000 == 0 {
                progress(i as f32 / own.len() as f32);
            }
            out.push(each(fonts, text));
        }
        for helper in helpers {
            let (laid, missing) = helper.join().expect("a layout thread");
            out.extend(laid);
            fonts.missing.borrow_mut().extend(missing);
        }
        out
    })
}

fn items(
    fonts: &Fonts,
    set: &FontSet,
    weight: Weight,
    text: &str,
    levels: &[Level],
    size: f32,
) -> Vec<Item> {
    // Ranges of one level and one face.
    let mut spans: Vec<(Range<usize>, usize, Level)> = Vec::new();
    for (i, c) in text.char_indices() {
        let level = levels[i];
        let face = match spans.last() {
            Some((_, f, l)) if *l == level && is_neutral(c) && set.has(*f, c) => *f,
            _ => match set.covering(c) {
                Some(f) => f,
                None => {
                    if !c.is_control() && !is_neutral(c) {
                        fonts.missing.borrow_mut().push((c, text.to_owned()));
                    }
                    spans.last().map(|s| s.1).unwrap_or(0)
                }
            },
        };
        match spans.last_mut() {
            Some((r, f, l)) if *f == face && *l == level => r.end = i + c.len_utf8(),
            _ => spans.push((i..i + c.len_utf8(), face, level)),
        }
    }
    spans
        .into_iter()
        .map(|(range, index, level)| {
            let font = &set.faces[index];
            let scale = size / font.face.units_per_em() as f32;
            let mut buffer = UnicodeBuffer::new();
            buffer.push_str(&text[range.clone()]);
            buffer.set_direction(if level.is_rtl() {
                Direction::RightToLeft
            } else {
                Direction::LeftToRight
            });
            buffer.guess_segment_properties();
            let face = FaceRef { weight, index };
            let plan = fonts.plan(face, buffer.direction(), buffer.script());
            let shaped = rustybuzz::shape_with_plan(&font.face, &plan, buffer);
            let glyphs = shaped
                .glyph_infos()
                .iter()
                .zip(shaped.glyph_positions())
                .map(|(info, pos)| {
                    (
                        range.start + info.cluster as usize,
                        Glyph {
                            gid: info.glyph_id as u16,
                            advance: pos.x_advance as f32 * scale,
                            dx: pos.x_offset as f32 * scale,
                            dy: pos.y_offset as f32 * scale,
                            cluster: range.start + info.cluster as usize,
                        },
                    )
                })
                .collect();
            Item {
                range,
                face,
                glyphs,
            }
        })
        .collect()
}

/// One line's segments in visual order.
fn line(text: &str, bidi: &ParagraphBidiInfo<'_>, items: &[Item], range: Range<usize>) -> Line {
    let (levels, runs) = bidi.visual_runs(range.clone());
    let mut segments = Vec::new();
    for run in runs {
        let rtl = levels[run.start].is_rtl();
        let mut touching: Vec<&Item> = items
            .iter()
            .filter(|it| it.range.start < run.end && run.start < it.range.end)
            .collect();
        if rtl {
            touching.reverse();
        }
        for item in touching {
            let part = item.range.start.max(run.start)..item.range.end.min(run.end);
            let glyphs: Vec<Glyph> = item
                .glyphs
                .iter()
                .filter(|(at, _)| part.contains(at))
                .map(|(_, g)| *g)
                .collect();
            if glyphs.is_empty() {
                continue;
            }
            segments.push(Segment {
                face: item.face,
                width: glyphs.iter().map(|g| g.advance).sum(),
                glyphs,
                start: part.start,
                rtl,
                text: text[part].to_owned(),
            });
        }
    }
    Line {
        width: segments.iter().map(|s| s.width).sum(),
        segments,
        rtl: bidi.paragraph_level.is_rtl(),
    }
}
