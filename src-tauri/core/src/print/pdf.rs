//! Pages written as a PDF with printpdf: each face subset to the glyphs used (subsetter), glyph
//! ids with their text (a ToUnicode map), and each run wrapped in /ActualText so selecting or
//! searching gives the words in logical order, Persian included.

use std::collections::{BTreeMap, BTreeSet};

use printpdf::{
    Codepoint, Color, DictItem, FontId, Greyscale, Line as PdfLine, LinePoint, Mm, Op, ParsedFont,
    PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, TextItem, TextMatrix,
};

use super::page::{Mark, Page};
use super::shape::{FaceRef, Fonts};

/// Why a PDF could not be made (a font that would not subset: a bug, not the user's input).
#[derive(Debug)]
pub struct PdfError(pub String);

pub fn write(fonts: &Fonts, pages: &[Page], title: &str) -> Result<Vec<u8>, PdfError> {
    let mut used: BTreeMap<FaceRef, BTreeSet<u16>> = BTreeMap::new();
    for page in pages {
        for mark in &page.marks {
            if let Mark::Text { segment, .. } = mark {
                used.entry(segment.face)
                    .or_default()
                    .extend(segment.glyphs.iter().map(|g| g.gid));
            }
        }
    }
    let mut doc = PdfDocument::new(title);
    let mut faces: BTreeMap<FaceRef, (FontId, subsetter::GlyphRemapper)> = BTreeMap::new();
    for (face, gids) in used {
        let font = fonts.face(face);
        let mut glyphs: Vec<u16> = gids.into_iter().collect();
        glyphs.insert(0, 0);
        let remapper = subsetter::GlyphRemapper::new_from_glyphs_sorted(&glyphs);
        let bytes = subsetter::subset(font.data, font.index, &remapper)
            .map_err(|e| PdfError(format!("{}: {e:?}", font.name)))?;
        let mut warnings = Vec::new();
        let mut parsed = ParsedFont::from_bytes(&bytes, 0, &mut warnings)
            .ok_or_else(|| PdfError(format!("{}: the subset does not parse", font.name)))?;
        // printpdf tags only its own subsets; ours gets the "XXXXXX+" tag (ISO 32000-1,
        // 9.6.4) from the glyphs it keeps, so readers know it is not the whole font.
        parsed.font_name = Some(format!(
            "{}+{}",
            subset_tag(&glyphs),
            font.name.replace(' ', "")
        ));
        faces.insert(face, (doc.add_font(&parsed), remapper));
    }

    let mut out = Vec::new();
    for page in pages {
        let h = page.size.height;
        let mut ops = Vec::new();
        for mark in &page.marks {
            match mark {
                Mark::Text {
                    x,
                    y,
                    size,
                    segment,
                } => {
                    let (id, remap) = &faces[&segment.face];
                    ops.push(Op::StartTextSection);
                    ops.push(Op::SetFont {
                        font: PdfFontHandle::External(id.clone()),
                        size: Pt(*size),
                    });
                    // Right-to-left runs get no /ActualText: poppler orders letters of an RTL
                    // script by their place on the line itself, and would reverse the span's
                    // text again. Each glyph's own letters (the ToUnicode map) read right there.
                    if !segment.rtl {
                        ops.push(actual_text(&segment.text));
                    }
                    let letters = glyph_letters(segment);
                    let mut pen = *x;
                    for (g, letters) in segment.glyphs.iter().zip(letters) {
                        // Each glyph at its shaped place: the font's own advance is not the
                        // shaper's (kerning, Arabic joining), and marks sit on offsets.
                        ops.push(Op::SetTextMatrix {
                            matrix: TextMatrix::Translate(Pt(pen + g.dx), Pt(h - (y - g.dy))),
                        });
                        let gid = remap.get(g.gid).unwrap_or(0);
                        ops.push(Op::ShowText {
                            items: vec![TextItem::GlyphIds(vec![Codepoint {
                                gid,
                                offset: 0.0,
                                cid: Some(letters),
                            }])],
                        });
                        pen += g.advance;
                    }
                    if !segment.rtl {
                        ops.push(Op::EndMarkedContent);
                    }
                    ops.push(Op::EndTextSection);
                }
                Mark::Rect {
                    x,
                    y,
                    w,
                    h: rh,
                    fill,
                } => {
                    let rect = Rect {
                        x: Pt(*x),
                        y: Pt(h - y - rh),
                        width: Pt(*w),
                        height: Pt(*rh),
                        mode: Some(if fill.is_some() {
                            printpdf::PaintMode::Fill
                        } else {
                            printpdf::PaintMode::Stroke
                        }),
                        winding_order: None,
                    };
                    match fill {
                        Some(g) => ops.push(Op::SetFillColor { col: grey(*g) }),
                        None => {
                            ops.push(Op::SetOutlineColor { col: grey(0.0) });
                            ops.push(Op::SetOutlineThickness { pt: Pt(0.6) });
                        }
                    }
                    ops.push(Op::DrawRectangle { rectangle: rect });
                    ops.push(Op::SetFillColor { col: grey(0.0) });
                }
                Mark::Line {
                    x1,
                    y1,
                    x2,
                    y2,
                    width,
                } => {
                    ops.push(Op::SetOutlineColor { col: grey(0.0) });
                    ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                    ops.push(Op::DrawLine {
                        line: PdfLine {
                            points: vec![
                                LinePoint {
                                    p: Point {
                                        x: Pt(*x1),
                                        y: Pt(h - y1),
                                    },
                                    bezier: false,
                                },
                                LinePoint {
                                    p: Point {
                                        x: Pt(*x2),
                                        y: Pt(h - y2),
                                    },
                                    bezier: false,
                                },
                            ],
                            is_closed: false,
                        },
                    });
                }
            }
        }
        out.push(PdfPage::new(
            Mm(page.size.width * 25.4 / 72.0),
            Mm(h * 25.4 / 72.0),
            ops,
        ));
    }
    doc.with_pages(out);
    let mut warnings = Vec::new();
    Ok(doc.save(&PdfSaveOptions::default(), &mut warnings))
}

/// The letters each glyph stands for: its cluster's text for the first glyph of a cluster,
/// nothing for the marks and pieces after it (so a copied word has each letter once).
fn glyph_letters(segment: &super::shape::Segment) -> Vec<String> {
    let mut starts: Vec<usize> = segment
        .glyphs
        .iter()
        .map(|g| g.cluster - segment.start)
        .collect();
    starts.sort_unstable();
    starts.dedup();
    let mut seen = BTreeSet::new();
    segment
        .glyphs
        .iter()
        .map(|g| {
            let at = g.cluster - segment.start;
            if !seen.insert(at) {
                return String::new();
            }
            let end = starts
                .iter()
                .find(|&&s| s > at)
                .copied()
                .unwrap_or(segment.text.len());
            segment.text.get(at..end).unwrap_or("").to_owned()
        })
        .collect()
}

/// Six capital letters that change with the glyph set.
fn subset_tag(glyphs: &[u16]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for g in glyphs {
        h = (h ^ u64::from(*g)).wrapping_mul(0x100_0000_01b3);
    }
    (0..6)
        .map(|i| (b'A' + ((h >> (i * 5)) % 26) as u8) as char)
        .collect()
}

fn grey(level: f32) -> Color {
    Color::Greyscale(Greyscale {
        percent: level,
        icc_profile: None,
    })
}

/// `BDC /Span << /ActualText (UTF-16BE) >>`: the words a reader gets when copying the run.
fn actual_text(text: &str) -> Op {
    let mut data = vec![0xFE, 0xFF];
    for u in text.encode_utf16() {
        data.extend_from_slice(&u.to_be_bytes());
    }
    let mut map = BTreeMap::new();
    map.insert(
        "ActualText".to_owned(),
        DictItem::String {
            data,
            literal: false,
        },
    );
    Op::BeginMarkedContentWithProperties {
        tag: "Span".to_owned(),
        properties: DictItem::Dict { map },
    }
}
