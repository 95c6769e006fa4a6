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

    // Each picture once, however often it is placed (two handbills share one photo).
    let mut pictures: Vec<(*const super::picture::Picture, printpdf::XObjectId)> = Vec::new();
    for page in pages {
        for mark in &page.marks {
            if let Mark::Image { picture, .. } = mark {
                let key = std::sync::Arc::as_ptr(picture);
                if !pictures.iter().any(|(k, _)| *k == key) {
                    let raw = printpdf::RawImage {
                        pixels: printpdf::RawImageData::U8(picture.rgb.clone()),
                        width: picture.width,
                        height: picture.height,
                        data_format: printpdf::RawImageFormat::RGB8,
                        tag: Vec::new(),
                    };
                    pictures.push((key, doc.add_image(&raw)));
                }
            }
        }
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
                    let letters = glyph_letters(fonts, segment);
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
                Mark::Image {
                    x,
                    y,
                    w,
                    h: ih,
                    picture,
                } => {
                    let key = std::sync::Arc::as_ptr(picture);
                    let id = pictures
                        .iter()
                        .find(|(k, _)| *k == key)
                        .map(|(_, id)| id.clone());
                    if let Some(id) = id {
                        // printpdf sizes an image by its dpi: this many pixels across `w` points.
                        let dpi = picture.width as f32 * 72.0 / w.max(1.0);
                        ops.push(Op::UseXobject {
                            id,
                            transform: printpdf::XObjectTransform {
                                translate_x: Some(Pt(*x)),
                                translate_y: Some(Pt(h - y - ih)),
                                dpi: Some(dpi),
                                scale_y: Some(ih / (picture.height as f32 * 72.0 / dpi)),
                                ..Default::default()
                            },
                        });
                    }
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

/// The letters each glyph stands for (the ToUnicode map, which is per glyph, so the same glyph
/// must always say the same). Within a cluster, a glyph the font's own map gives for a letter
/// says that letter (a mark over its base says the mark); the rest of the cluster's letters go
/// to its widest glyph, the base. A viewer reading right-to-left reverses each glyph's letters,
/// so a glyph saying one letter reads right in either direction.
fn glyph_letters(fonts: &Fonts, segment: &super::shape::Segment) -> Vec<String> {
    let face = &fonts.face(segment.face).face;
    let mut starts: Vec<usize> = segment
        .glyphs
        .iter()
        .map(|g| g.cluster - segment.start)
        .collect();
    starts.sort_unstable();
    starts.dedup();
    let mut out = vec![String::new(); segment.glyphs.len()];
    for (k, &at) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(segment.text.len());
        let text = segment.text.get(at..end).unwrap_or("");
        let members: Vec<usize> = (0..segment.glyphs.len())
            .filter(|&i| segment.glyphs[i].cluster - segment.start == at)
            .collect();
        let widest = members
            .iter()
            .copied()
            .max_by(|&a, &b| {
                segment.glyphs[a]
                    .advance
                    .total_cmp(&segment.glyphs[b].advance)
            })
            .unwrap_or(0);
        let mut rest = String::new();
        for c in text.chars() {
            let own = face.glyph_index(c).map(|g| g.0);
            match members.iter().find(|&&i| {
                members.len() > 1 && Some(segment.glyphs[i].gid) == own && out[i].is_empty()
            }) {
                Some(&i) => out[i].push(c),
                None => rest.push(c),
            }
        }
        out[widest].insert_str(0, &rest);
    }
    out
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
