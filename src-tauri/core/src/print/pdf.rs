//! Pages written as a PDF: printpdf makes the document (each face subset by us with subsetter
//! and embedded with its widths and a ToUnicode map, the photos, the page tree, the metadata);
//! each page's content stream is written by `content` straight from our marks, on the
//! machine's cores, and deflated there. printpdf's own operators cost a long ad most of its
//! time and memory (an object per glyph, held for the whole document).

use std::collections::{BTreeMap, HashMap, HashSet};

use printpdf::{
    Codepoint, FontId, Mm, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Pt,
    TextItem,
};

use super::content::{self, FaceCodes, PageInk};
use super::page::{Mark, Page};
use super::shape::{FaceRef, Fonts, Segment};

/// Why a PDF could not be made (a font that would not subset: a bug, not the user's input).
#[derive(Debug)]
pub struct PdfError(pub String);

pub fn write(fonts: &Fonts, pages: Vec<Page>, title: &str) -> Result<Vec<u8>, PdfError> {
    // What each glyph says (its ToUnicode entry), and the runs whose glyphs do not say their
    // words in order, which get /ActualText.
    let mut says: BTreeMap<FaceRef, BTreeMap<u16, String>> = BTreeMap::new();
    let mut actual: HashSet<(usize, usize)> = HashSet::new();
    for (p, page) in pages.iter().enumerate() {
        for (m, mark) in page.marks.iter().enumerate() {
            let Mark::Text { segment, .. } = mark else {
                continue;
            };
            let known = says.entry(segment.face).or_default();
            match one_glyph_per_letter_group(segment) {
                Some(ranges) => {
                    for (g, r) in segment.glyphs.iter().zip(ranges) {
                        known
                            .entry(g.gid)
                            .or_insert_with(|| segment.text[r].to_owned());
                    }
                }
                None => {
                    let letters = glyph_letters(fonts, segment);
                    // Never on right-to-left runs: poppler orders an RTL script's letters by
                    // their place on the line, and would reverse the span's text again.
                    if !segment.rtl && letters.concat() != segment.text {
                        actual.insert((p, m));
                    }
                    for (g, l) in segment.glyphs.iter().zip(letters) {
                        known.entry(g.gid).or_insert(l);
                    }
                }
            }
        }
    }

    let mut doc = PdfDocument::new(title);
    let mut codes: BTreeMap<FaceRef, FaceCodes> = BTreeMap::new();
    // The glyphs each face uses, shown once on a page printpdf lays out but we then write
    // over: printpdf builds each font's /W and ToUnicode from the glyphs its pages show.
    let mut usage = Vec::new();
    for (face, glyph_says) in &says {
        let font = fonts.face(*face);
        let mut glyphs: Vec<u16> = glyph_says.keys().copied().collect();
        if glyphs.first() != Some(&0) {
            glyphs.insert(0, 0);
        }
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
        // The code a content stream shows for a glyph: its subset id, or for a CID-keyed CFF
        // font (Noto Sans CJK) the CID its charset gives, as printpdf writes /W and ToUnicode.
        let cids = printpdf::cff_charset_gid_to_cid_map(&bytes, 0);
        let units = f32::from(parsed.pdf_font_metrics.units_per_em.max(1));
        let mut face_codes = FaceCodes::new(glyphs.last().copied().unwrap_or(0));
        let mut shown = Vec::new();
        for (&gid, letters) in glyph_says {
            let new = remapper.get(gid).unwrap_or(0);
            let code = cids
                .as_ref()
                .and_then(|m| m.get(&new).copied())
                .unwrap_or(new);
            // The width printpdf writes in /W, in thousandths of an em (truncated as it does).
            let width = parsed
                .get_glyph_width(new)
                .map_or(0, |w| (f32::from(w) * 1000.0 / units) as i64);
            face_codes.set(gid, code, width as f32);
            shown.push(Codepoint {
                gid: new,
                offset: 0.0,
                cid: Some(letters.clone()),
            });
        }
        let id: FontId = doc.add_font(&parsed);
        face_codes.name = id.0.clone();
        usage.extend([
            Op::StartTextSection,
            Op::SetFont {
                font: PdfFontHandle::External(id),
                size: Pt(10.0),
            },
            Op::ShowText {
                items: vec![TextItem::GlyphIds(shown)],
            },
            Op::EndTextSection,
        ]);
        codes.insert(*face, face_codes);
    }

    // Each picture once, however often it is placed (two handbills share one photo).
    let mut pictures: HashMap<usize, String> = HashMap::new();
    for page in &pages {
        for mark in &page.marks {
            if let Mark::Image { picture, .. } = mark {
                let key = std::sync::Arc::as_ptr(picture) as usize;
                if let std::collections::hash_map::Entry::Vacant(e) = pictures.entry(key) {
                    let raw = printpdf::RawImage {
                        pixels: printpdf::RawImageData::U8(picture.rgb.clone()),
                        width: picture.width,
                        height: picture.height,
                        data_format: printpdf::RawImageFormat::RGB8,
                        tag: Vec::new(),
                    };
                    e.insert(doc.add_image(&raw).0);
                }
            }
        }
    }

    let outline: Vec<PdfPage> = pages
        .iter()
        .enumerate()
        .map(|(i, page)| {
            PdfPage::new(
                Mm(page.size.width * 25.4 / 72.0),
                Mm(page.size.height * 25.4 / 72.0),
                if i == 0 {
                    std::mem::take(&mut usage)
                } else {
                    Vec::new()
                },
            )
        })
        .collect();
    doc.with_pages(outline);
    let options = PdfSaveOptions {
        optimize: false,
        ..Default::default()
    };
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&options, &mut warnings);
    drop(doc);

    let ink = PageInk {
        faces: &codes,
        pictures: &pictures,
        actual: &actual,
    };
    let streams = content::pages(pages, &ink);
    let page_ids: Vec<lopdf::ObjectId> = lo.get_pages().into_values().collect();
    if page_ids.len() != streams.len() {
        return Err(PdfError("printpdf made a different number of pages".into()));
    }
    check_resource_names(&lo, page_ids.first(), &codes, &pictures)?;
    for (id, stream) in page_ids.into_iter().zip(streams) {
        let contents = lo
            .get_dictionary(id)
            .and_then(|d| d.get(b"Contents"))
            .and_then(|c| c.as_reference())
            .map_err(|e| PdfError(format!("a page without contents: {e}")))?;
        let Ok(lopdf::Object::Stream(s)) = lo.get_object_mut(contents) else {
            return Err(PdfError("a page's contents are not a stream".into()));
        };
        s.dict.set("Filter", "FlateDecode");
        s.set_content(stream);
    }
    compress_streams(&mut lo);
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)
        .map_err(|e| PdfError(format!("writing the PDF: {e}")))?;
    Ok(bytes)
}

/// The content streams name fonts and photos by printpdf's resource names: make sure the
/// page's resources have them under those names (a printpdf upgrade that renamed them would
/// otherwise give pages without their text).
fn check_resource_names(
    lo: &lopdf::Document,
    page: Option<&lopdf::ObjectId>,
    faces: &BTreeMap<FaceRef, FaceCodes>,
    pictures: &HashMap<usize, String>,
) -> Result<(), PdfError> {
    let Some(page) = page else { return Ok(()) };
    let lookup = |kind: &[u8]| -> Option<&lopdf::Dictionary> {
        let resources = lo.get_dictionary(*page).ok()?.get(b"Resources").ok()?;
        let resources = lo.dereference(resources).ok()?.1.as_dict().ok()?;
        lo.dereference(resources.get(kind).ok()?)
            .ok()?
            .1
            .as_dict()
            .ok()
    };
    let font_names = lookup(b"Font");
    let image_names = lookup(b"XObject");
    let missing = faces
        .values()
        .map(|f| (font_names, &f.name))
        .chain(pictures.values().map(|n| (image_names, n)))
        .find(|(dict, name)| !dict.is_some_and(|d| d.has(name.as_bytes())));
    match missing {
        Some((_, name)) => Err(PdfError(format!("no resource named {name}"))),
        None => Ok(()),
    }
}

/// Deflates every stream not yet filtered (fonts, maps, photos), at zlib's fast level.
fn compress_streams(doc: &mut lopdf::Document) {
    for object in doc.objects.values_mut() {
        if let lopdf::Object::Stream(s) = object {
            if s.allows_compression && s.dict.get(b"Filter").is_err() {
                let packed = content::deflate(&s.content);
                if packed.len() + 19 < s.content.len() {
                    s.dict.set("Filter", "FlateDecode");
                    s.set_content(packed);
                }
            }
        }
    }
}

/// Each glyph's letters as byte ranges of the run's text, when every glyph stands for its own
/// cluster (the usual case): a glyph's letters run to the next cluster in the text. `None` when
/// a cluster has several glyphs (marks, some ligature splits), for `glyph_letters` to share out.
fn one_glyph_per_letter_group(segment: &Segment) -> Option<Vec<std::ops::Range<usize>>> {
    let at: Vec<usize> = segment
        .glyphs
        .iter()
        .map(|g| g.cluster.checked_sub(segment.start))
        .collect::<Option<_>>()?;
    let n = at.len();
    let increasing = at.windows(2).all(|w| w[0] < w[1]);
    let decreasing = at.windows(2).all(|w| w[0] > w[1]);
    let end = segment.text.len();
    let ranges: Vec<std::ops::Range<usize>> = if increasing && at.first() == Some(&0) {
        (0..n)
            .map(|i| at[i]..at.get(i + 1).copied().unwrap_or(end))
            .collect()
    } else if decreasing && at.last() == Some(&0) {
        (0..n)
            .map(|i| at[i]..if i == 0 { end } else { at[i - 1] })
            .collect()
    } else {
        return None;
    };
    ranges
        .iter()
        .all(|r| segment.text.get(r.clone()).is_some())
        .then_some(ranges)
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
            let own = || face.glyph_index(c).map(|g| g.0);
            match members.iter().find(|&&i| {
                members.len() > 1 && out[i].is_empty() && Some(segment.glyphs[i].gid) == own()
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
