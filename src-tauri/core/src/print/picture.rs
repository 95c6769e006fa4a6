//! A photo for a flyer, from PNG or JPEG bytes, decoded to 8-bit RGB (transparency laid on
//! white paper) and scaled down to what a printer can use, so a phone's 12-megapixel picture
//! does not make a 40 MB flyer.

use std::io::Cursor;

use crate::messages::Message;
use crate::{Error, Result};

/// Enough for a full-width photo at about 200 dpi.
const MAX_SIDE: usize = 1600;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    pub width: usize,
    pub height: usize,
    /// Row after row of red, green, blue.
    pub rgb: Vec<u8>,
}

/// Reads a PNG or a JPEG; anything else, or a damaged file, is a clear refusal.
pub fn decode(bytes: &[u8]) -> Result<Picture> {
    let picture = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        png_rgb(bytes)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        jpeg_rgb(bytes)
    } else {
        return Err(Error::Invalid(Message::new("photo_not_png_or_jpeg")));
    };
    let picture = picture.ok_or_else(|| Error::Invalid(Message::new("photo_damaged")))?;
    Ok(shrink(picture, MAX_SIDE))
}

fn png_rgb(bytes: &[u8]) -> Option<Picture> {
    let mut decoder = png::Decoder::new(Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().ok()?;
    let mut buf = vec![0; reader.output_buffer_size()?];
    let info = reader.next_frame(&mut buf).ok()?;
    let (w, h) = (info.width as usize, info.height as usize);
    let channels = info.color_type.samples();
    let mut rgb = Vec::with_capacity(w * h * 3);
    for row in buf[..info.line_size * h].chunks(info.line_size) {
        for px in row[..w * channels].chunks(channels) {
            let (r, g, b, a) = match px {
                [l] => (*l, *l, *l, 255),
                [l, a] => (*l, *l, *l, *a),
                [r, g, b] => (*r, *g, *b, 255),
                [r, g, b, a] => (*r, *g, *b, *a),
                _ => return None,
            };
            // On white paper: c·a + 255·(1 − a).
            let on_white =
                |c: u8| ((u32::from(c) * u32::from(a) + 255 * (255 - u32::from(a))) / 255) as u8;
            rgb.extend([on_white(r), on_white(g), on_white(b)]);
        }
    }
    Some(Picture {
        width: w,
        height: h,
        rgb,
    })
}

fn jpeg_rgb(bytes: &[u8]) -> Option<Picture> {
    let options = zune_core::options::DecoderOptions::default()
        .jpeg_set_out_colorspace(zune_core::colorspace::ColorSpace::RGB);
    let mut decoder = zune_jpeg::JpegDecoder::new_with_options(
        zune_core::bytestream::ZCursor::new(bytes),
        options,
    );
    let rgb = decoder.decode().ok()?;
    let (width, height) = decoder.dimensions()?;
    (rgb.len() == width * height * 3).then_some(Picture { width, height, rgb })
}

/// Averages boxes of pixels so the longer side is at most `max`.
fn shrink(p: Picture, max: usize) -> Picture {
    let factor = p.width.max(p.height).div_ceil(max);
    if factor <= 1 {
        return p;
    }
    let (w, h) = (p.width / factor, p.height / factor);
    let mut rgb = Vec::with_capacity(w * h * 3);
    for y in 0..h {
        for x in 0..w {
            let mut sum = [0u32; 3];
            for dy in 0..factor {
                let row = (y * factor + dy) * p.width;
                for dx in 0..factor {
                    let at = (row + x * factor + dx) * 3;
                    for (s, c) in sum.iter_mut().zip(&p.rgb[at..at + 3]) {
                        *s += u32::from(*c);
                    }
                }
            }
            let n = (factor * factor) as u32;
            rgb.extend(sum.map(|s| (s / n) as u8));
        }
    }
    Picture {
        width: w,
        height: h,
        rgb,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shrinks_by_averaging_boxes() {
        let p = Picture {
            width: 4,
            height: 2,
            rgb: [[0, 0, 0], [255, 255, 255], [10, 20, 30], [30, 40, 50]]
                .repeat(2)
                .concat(),
        };
        let s = shrink(p, 2);
        assert_eq!((s.width, s.height), (2, 1));
        assert_eq!(s.rgb, vec![127, 127, 127, 20, 30, 40]);
    }

    #[test]
    fn refuses_what_is_not_a_picture() {
        assert!(decode(b"GIF89a....").is_err());
        assert!(decode(b"\x89PNG\r\n\x1a\nbroken").is_err());
        assert!(decode(&[0xFF, 0xD8, 0xFF, 0, 1, 2]).is_err());
    }
}
