//! Print: a layout engine of our own on top of printpdf (which does no shaping, bidi or line
//! breaking), and one module per document, each a pure function from data to pages.
//! See docs/architecture.md, "Print".

pub mod fonts;
pub mod page;
pub mod pdf;
pub mod shape;
pub mod words;

pub mod appeal_ad;
