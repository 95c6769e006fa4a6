//! QR codes drawn as vector squares (sharp at any size, no image): one filled box for each run
//! of dark modules in a row.

use super::page::Mark;

/// The marks of a QR code for `text` with its top-left corner at (x, y), `side` points wide
/// including the four-module quiet zone the standard asks for. `None` when the text is too long
/// for any QR code.
pub fn marks(text: &str, x: f32, y: f32, side: f32) -> Option<Vec<Mark>> {
    let code =
        qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M).ok()?;
    let n = code.width();
    let module = side / (n + 8) as f32;
    let colors = code.to_colors();
    let mut marks = Vec::new();
    for row in 0..n {
        let mut col = 0;
        while col < n {
            if colors[row * n + col] != qrcode::Color::Dark {
                col += 1;
                continue;
            }
            let start = col;
            while col < n && colors[row * n + col] == qrcode::Color::Dark {
                col += 1;
            }
            marks.push(Mark::Rect {
                x: x + (start + 4) as f32 * module,
                y: y + (row + 4) as f32 * module,
                // A hair wider so neighbouring boxes leave no seam when rasterised.
                w: (col - start) as f32 * module + 0.05,
                h: module + 0.05,
                fill: Some(0.0),
            });
        }
    }
    Some(marks)
}
