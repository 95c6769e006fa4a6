//! The fonts a PDF is printed in: Noto Sans and Noto Naskh Arabic compiled in (SIL OFL, see
//! `fonts/README.md`), then Noto Sans CJK from the system when it is installed. A letter goes
//! to the first font that has it ("fallback by coverage").

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;

use rustybuzz::Face;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Weight {
    Regular,
    Bold,
}

/// One face a glyph can come from: its bytes, its index in a collection, and its name.
pub struct FontFace {
    pub name: &'static str,
    pub data: &'static [u8],
    pub index: u32,
    pub face: Face<'static>,
}

/// Every face, in the order fallback tries them, for one weight.
pub struct FontSet {
    pub faces: Vec<FontFace>,
    /// Which faces have each letter seen so far (bit i: face i), as a long list asks the same
    /// letters again and again and a font's own lookup is a search through its tables.
    coverage: RefCell<HashMap<char, u8>>,
}

const SANS_REGULAR: &[u8] = include_bytes!("../../../../fonts/NotoSans-Regular.ttf");
const SANS_BOLD: &[u8] = include_bytes!("../../../../fonts/NotoSans-Bold.ttf");
const NASKH_REGULAR: &[u8] = include_bytes!("../../../../fonts/NotoNaskhArabic-Regular.ttf");
const NASKH_BOLD: &[u8] = include_bytes!("../../../../fonts/NotoNaskhArabic-Bold.ttf");

/// Where Debian, Fedora and Arch put Noto Sans CJK (a collection; face 0 is Japanese-first,
/// which covers Chinese and Korean hanzi/hangul too).
const CJK_PLACES: &[(&str, &str)] = &[
    (
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    ),
    (
        "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Bold.ttc",
    ),
    (
        "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc",
    ),
];

/// The system's CJK font mapped once per process and kept (it is read-only and shared by every
/// document). Mapped, not read: it is 20 MB per weight, and a document touches only the tables
/// and the few outlines it uses, so only those pages come into memory.
fn system_cjk(weight: Weight) -> Option<&'static [u8]> {
    static REGULAR: OnceLock<Option<&'static [u8]>> = OnceLock::new();
    static BOLD: OnceLock<Option<&'static [u8]>> = OnceLock::new();
    let cell = match weight {
        Weight::Regular => &REGULAR,
        Weight::Bold => &BOLD,
    };
    *cell.get_or_init(|| {
        CJK_PLACES.iter().find_map(|(regular, bold)| {
            let path = if weight == Weight::Regular {
                regular
            } else {
                bold
            };
            let file = std::fs::File::open(path).ok()?;
            // SAFETY: a system font is changed only by the package manager, which writes a new
            // file and renames it over the old one, so the mapped file's bytes never change
            // under us; the map is kept for the life of the process.
            let map = unsafe { memmap2::Mmap::map(&file) }.ok()?;
            Some(&**Box::leak(Box::new(map)))
        })
    })
}

impl FontSet {
    pub fn new(weight: Weight) -> FontSet {
        let (sans, naskh) = match weight {
            Weight::Regular => (SANS_REGULAR, NASKH_REGULAR),
            Weight::Bold => (SANS_BOLD, NASKH_BOLD),
        };
        let mut faces = vec![
            face("Noto Sans", sans, 0),
            face("Noto Naskh Arabic", naskh, 0),
        ];
        if let Some(cjk) = system_cjk(weight) {
            faces.push(face("Noto Sans CJK", cjk, 0));
        }
        FontSet {
            faces: faces.into_iter().flatten().collect(),
            coverage: RefCell::default(),
        }
    }

    fn faces_having(&self, c: char) -> u8 {
        *self.coverage.borrow_mut().entry(c).or_insert_with(|| {
            self.faces
                .iter()
                .enumerate()
                .filter(|(_, f)| f.face.glyph_index(c).is_some())
                .fold(0, |bits, (i, _)| bits | 1 << i)
        })
    }

    /// The first face that has a glyph for `c`.
    pub fn covering(&self, c: char) -> Option<usize> {
        let bits = self.faces_having(c);
        (bits != 0).then(|| bits.trailing_zeros() as usize)
    }

    /// Whether face `index` has a glyph for `c`.
    pub fn has(&self, index: usize, c: char) -> bool {
        self.faces_having(c) & (1 << index) != 0
    }
}

fn face(name: &'static str, data: &'static [u8], index: u32) -> Option<FontFace> {
    Some(FontFace {
        name,
        data,
        index,
        face: Face::from_slice(data, index)?,
    })
}
