//! A page as SVG, for the Print screen's preview: each glyph drawn from its outline in the font
//! (the same glyphs, places and fonts as the PDF), boxes, rules and the photo. Shown in an <img>,
//! so nothing in it can run; user text is never written as text, only as glyph shapes.

use std::collections::BTreeMap;
use std::fmt::Write;

use base64::Engine;
use rustybuzz::ttf_parser::{GlyphId, OutlineBuilder};

use super::page::{Mark, Page};
use super::shape::{FaceRef, Fonts};

struct Path(String);

impl OutlineBuilder for Path {
    fn move_to(&mut self, x: f32, y: f32) {
        let _ = write!(self.0, "M{x} {y}");
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let _ = write!(self.0, "L{x} {y}");
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let _ = write!(self.0, "Q{x1} {y1} {x} {y}");
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let _ = write!(self.0, "C{x1} {y1} {x2} {y2} {x} {y}");
    }
    fn close(&mut self) {
        self.0.push('Z');
    }
}

fn glyph_id(face: FaceRef, gid: u16) -> String {
    format!(
        "g{}{}-{gid}",
        if face.weight == super::fonts::Weight::Bold {
            "b"
        } else {
            "r"
        },
        face.index
    )
}

pub fn page(fonts: &Fonts, page: &Page) -> String {
    let mut defs: BTreeMap<String, String> = BTreeMap::new();
    let mut body = String::new();
    for mark in &page.marks {
        match mark {
            Mark::Text {
                x,
                y,
                size,
                segment,
            } => {
                let font = fonts.face(segment.face);
                let scale = size / font.face.units_per_em() as f32;
                let mut pen = *x;
                for g in &segment.glyphs {
                    let id = glyph_id(segment.face, g.gid);
                    if !defs.contains_key(&id) {
                        let mut path = Path(String::new());
                        font.face.outline_glyph(GlyphId(g.gid), &mut path);
                        defs.insert(id.clone(), path.0);
                    }
                    if !defs[&id].is_empty() {
                        let _ = write!(
                            body,
                            r##"<use href="#{id}" transform="translate({:.2} {:.2}) scale({scale:.5} {:.5})"/>"##,
                            pen + g.dx,
                            y - g.dy,
                            -scale
                        );
                    }
                    pen += g.advance;
                }
            }
            Mark::Rect { x, y, w, h, fill } => {
                let paint = match fill {
                    Some(g) => format!(r#"fill="{}""#, grey(*g)),
                    None => r##"fill="none" stroke="#000" stroke-width="0.6""##.to_owned(),
                };
                let _ = write!(
                    body,
                    r#"<rect x="{x:.2}" y="{y:.2}" width="{w:.2}" height="{h:.2}" {paint}/>"#
                );
            }
            Mark::Line {
                x1,
                y1,
                x2,
                y2,
                width,
            } => {
                let _ = write!(
                    body,
                    r##"<line x1="{x1:.2}" y1="{y1:.2}" x2="{x2:.2}" y2="{y2:.2}" stroke="#000" stroke-width="{width}"/>"##
                );
            }
            Mark::Image {
                x,
                y,
                w,
                h,
                picture,
            } => {
                if let Some(png) = small_png(picture) {
                    let data = base64::engine::general_purpose::STANDARD.encode(png);
                    let _ = write!(
                        body,
                        r#"<image x="{x:.2}" y="{y:.2}" width="{w:.2}" height="{h:.2}" preserveAspectRatio="none" href="data:image/png;base64,{data}"/>"#
                    );
                }
            }
        }
    }
    let mut out = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w:.2} {h:.2}" width="{w:.0}" height="{h:.0}"><rect width="100%" height="100%" fill="#fff"/><defs>"##,
        w = page.size.width,
        h = page.size.height
    );
    for (id, d) in &defs {
        if !d.is_empty() {
            let _ = write!(out, r#"<path id="{id}" d="{d}"/>"#);
        }
    }
    out.push_str("</defs>");
    out.push_str(&body);
    out.push_str("</svg>");
    out
}

/// The page as a data URL for an <img>.
pub fn data_url(svg: &str) -> String {
    format!(
        "data:image/svg+xml;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(svg)
    )
}

fn grey(level: f32) -> String {
    let v = (level.clamp(0.0, 1.0) * 255.0).round() as u8;
    format!("#{v:02x}{v:02x}{v:02x}")
}

/// The photo at preview size (a few hundred pixels), as PNG.
fn small_png(p: &super::picture::Picture) -> Option<Vec<u8>> {
    let factor = p.width.max(p.height).div_ceil(400).max(1);
    let (w, h) = (p.width / factor, p.height / factor);
    let mut rgb = Vec::with_capacity(w * h * 3);
    for y in 0..h {
        for x in 0..w {
            let at = (y * factor * p.width + x * factor) * 3;
            rgb.extend_from_slice(&p.rgb[at..at + 3]);
        }
    }
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, w as u32, h as u32);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().ok()?;
    writer.write_image_data(&rgb).ok()?;
    writer.finish().ok()?;
    Some(out)
}
