//! A page's content stream (ISO 32000-1, 8 and 9), written straight from its marks and
//! deflated: text as glyph codes in TJ arrays, boxes, lines and photos. Pages are written on
//! the machine's cores, each page's marks dropped once written.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write;

use super::page::{Mark, Page};
use super::shape::{FaceRef, Segment};

/// How one face's glyphs are shown: its resource name, and for each glyph id of the original
/// font the code the embedded subset knows it by and its width there (thousandths of an em).
pub struct FaceCodes {
    pub name: String,
    codes: Vec<u16>,
    widths: Vec<f32>,
}

impl FaceCodes {
    pub fn new(max_gid: u16) -> FaceCodes {
        let n = usize::from(max_gid) + 1;
        FaceCodes {
            name: String::new(),
            codes: vec![0; n],
            widths: vec![0.0; n],
        }
    }

    pub fn set(&mut self, gid: u16, code: u16, width: f32) {
        self.codes[usize::from(gid)] = code;
        self.widths[usize::from(gid)] = width;
    }

    fn get(&self, gid: u16) -> (u16, f32) {
        let i = usize::from(gid);
        (
            self.codes.get(i).copied().unwrap_or(0),
            self.widths.get(i).copied().unwrap_or(0.0),
        )
    }
}

/// What the pages are drawn with: the faces, the photos' resource names (by the picture's
/// address), and the text marks (page, mark) that need /ActualText.
pub struct PageInk<'a> {
    pub faces: &'a BTreeMap<FaceRef, FaceCodes>,
    pub pictures: &'a HashMap<usize, String>,
    pub actual: &'a HashSet<(usize, usize)>,
}

/// Every page's content stream, deflated, in page order.
pub fn pages(pages: Vec<Page>, ink: &PageInk) -> Vec<Vec<u8>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 4);
    let share = pages.len().div_ceil(threads).max(1);
    let mut parts: Vec<Vec<(usize, Page)>> = Vec::new();
    for (i, page) in pages.into_iter().enumerate() {
        if i % share == 0 {
            parts.push(Vec::with_capacity(share));
        }
        parts.last_mut().expect("a part").push((i, page));
    }
    let write_part = |part: Vec<(usize, Page)>| -> Vec<Vec<u8>> {
        part.into_iter()
            .map(|(i, page)| deflate(&page_content(i, page, ink)))
            .collect()
    };
    let mut parts = parts.into_iter();
    let own = parts.next().unwrap_or_default();
    std::thread::scope(|scope| {
        let helpers: Vec<_> = parts.map(|p| scope.spawn(move || write_part(p))).collect();
        let mut out = write_part(own);
        for helper in helpers {
            out.extend(helper.join().expect("a page-writing thread"));
        }
        out
    })
}

/// zlib at its fast level: a long ad's streams deflate to within a fifth of the slowest level
/// in a small part of the time.
pub fn deflate(bytes: &[u8]) -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(bytes.len() / 4),
        flate2::Compression::fast(),
    );
    z.write_all(bytes).expect("writing to memory");
    z.finish().expect("writing to memory")
}

fn page_content(index: usize, page: Page, ink: &PageInk) -> Vec<u8> {
    let h = page.size.height;
    let mut out = Vec::with_capacity(page.marks.len() * 48);
    // Text marks in a row share one text object, and the font is set only when it changes.
    let mut in_text = false;
    let mut font_now: Option<(FaceRef, f32)> = None;
    for (m, mark) in page.marks.into_iter().enumerate() {
        let is_text = matches!(mark, Mark::Text { .. });
        if in_text && !is_text {
            out.extend_from_slice(b"ET\n");
            in_text = false;
        }
        match mark {
            Mark::Text {
                x,
                y,
                size,
                segment,
            } => {
                let Some(face) = ink.faces.get(&segment.face) else {
                    continue;
                };
                if !in_text {
                    out.extend_from_slice(b"BT\n");
                    in_text = true;
                    font_now = None;
                }
                if font_now != Some((segment.face, size)) {
                    out.push(b'/');
                    out.extend_from_slice(face.name.as_bytes());
                    out.push(b' ');
                    num(&mut out, size);
                    out.extend_from_slice(b" Tf\n");
                    font_now = Some((segment.face, size));
                }
                let actual = ink.actual.contains(&(index, m));
                if actual {
                    actual_text(&mut out, &segment.text);
                }
                glyphs(&mut out, &segment, face, x, h - y, size);
                if actual {
                    out.extend_from_slice(b"EMC\n");
                }
            }
            Mark::Rect {
                x,
                y,
                w,
                h: rh,
                fill,
            } => {
                match fill {
                    Some(g) => {
                        num(&mut out, g);
                        out.extend_from_slice(b" g\n");
                    }
                    None => out.extend_from_slice(b"0 G\n0.6 w\n"),
                }
                for v in [x, h - y - rh, w, rh] {
                    num(&mut out, v);
                    out.push(b' ');
                }
                out.extend_from_slice(if fill.is_some() {
                    b"re\nf\n0 g\n"
                } else {
                    b"re\nS\n"
                });
            }
            Mark::Image {
                x,
                y,
                w,
                h: ih,
                picture,
            } => {
                let key = std::sync::Arc::as_ptr(&picture) as usize;
                if let Some(name) = ink.pictures.get(&key) {
                    // The image's unit square scaled to its box.
                    out.extend_from_slice(b"q\n");
                    for v in [w, 0.0, 0.0, ih, x, h - y - ih] {
                        num(&mut out, v);
                        out.push(b' ');
                    }
                    out.extend_from_slice(b"cm\n/");
                    out.extend_from_slice(name.as_bytes());
                    out.extend_from_slice(b" Do\nQ\n");
                }
            }
            Mark::Line {
                x1,
                y1,
                x2,
                y2,
                width,
            } => {
                out.extend_from_slice(b"0 G\n");
                num(&mut out, width);
                out.extend_from_slice(b" w\n");
                for (v, op) in [
                    (x1, &b" "[..]),
                    (h - y1, b" m\n"),
                    (x2, b" "),
                    (h - y2, b" l\nS\n"),
                ] {
                    num(&mut out, v);
                    out.extend_from_slice(op);
                }
            }
        }
    }
    if in_text {
        out.extend_from_slice(b"ET\n");
    }
    out
}

/// One run of glyphs in as few operators as the shaping allows: one position, then each glyph
/// advancing by its width in the font (the /W the viewer uses), corrected by a TJ number to
/// the shaper's advance (kerning, joining) once the difference reaches half a thousandth of an
/// em. A glyph the shaper moved off the pen (a mark) gets its own position, and so does the
/// glyph after it.
fn glyphs(
    out: &mut Vec<u8>,
    segment: &Segment,
    face: &FaceCodes,
    x: f32,
    baseline: f32,
    size: f32,
) {
    let mut pen = x;
    let mut open = false;
    let mut placed_apart = false;
    let mut carry = 0.0f32;
    for g in &segment.glyphs {
        let moved = g.dx != 0.0 || g.dy != 0.0;
        if !open || moved || placed_apart {
            if open {
                out.extend_from_slice(b"] TJ\n");
            }
            out.extend_from_slice(b"1 0 0 1 ");
            num(out, pen + g.dx);
            out.push(b' ');
            num(out, baseline + g.dy);
            out.extend_from_slice(b" Tm\n[");
            open = true;
            carry = 0.0;
        }
        placed_apart = moved;
        let (code, width) = face.get(g.gid);
        hex_code(out, code);
        carry += width - g.advance * 1000.0 / size;
        if carry.abs() >= 0.5 {
            let kern = (carry * 10.0).round() / 10.0;
            num(out, kern);
            carry -= kern;
        }
        pen += g.advance;
    }
    if open {
        out.extend_from_slice(b"] TJ\n");
    }
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

fn hex_code(out: &mut Vec<u8>, code: u16) {
    out.push(b'<');
    for shift in [12, 8, 4, 0] {
        out.push(HEX[usize::from((code >> shift) & 0xf)]);
    }
    out.push(b'>');
}

/// `/Span <</ActualText <FEFF…>>> BDC`: the words a reader gets when copying the run.
fn actual_text(out: &mut Vec<u8>, text: &str) {
    out.extend_from_slice(b"/Span <</ActualText <FEFF");
    for u in text.encode_utf16() {
        for shift in [12, 8, 4, 0] {
            out.push(HEX[usize::from((u >> shift) & 0xf)]);
        }
    }
    out.extend_from_slice(b">>> BDC\n");
}

/// A number with at most two decimals (a hundredth of a point is far below what prints).
fn num(out: &mut Vec<u8>, v: f32) {
    let hundredths = (f64::from(v) * 100.0).round() as i64;
    if hundredths < 0 {
        out.push(b'-');
    }
    let a = hundredths.unsigned_abs();
    let (whole, frac) = (a / 100, a % 100);
    let mut digits = [0u8; 20];
    let mut n = 0;
    let mut w = whole;
    loop {
        digits[n] = b'0' + (w % 10) as u8;
        n += 1;
        w /= 10;
        if w == 0 {
            break;
        }
    }
    out.extend(digits[..n].iter().rev());
    if frac != 0 {
        out.push(b'.');
        out.push(b'0' + (frac / 10) as u8);
        if frac % 10 != 0 {
            out.push(b'0' + (frac % 10) as u8);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::num;

    fn shown(v: f32) -> String {
        let mut out = Vec::new();
        num(&mut out, v);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn numbers_are_written_as_pdf_reads_them() {
        assert_eq!(shown(0.0), "0");
        assert_eq!(shown(12.5), "12.5");
        assert_eq!(shown(-3.25), "-3.25");
        assert_eq!(shown(791.999), "792");
        assert_eq!(shown(0.05), "0.05");
        assert_eq!(shown(-0.004), "0");
        assert_eq!(shown(1224.0), "1224");
    }
}
