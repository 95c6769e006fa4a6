//! Print: a layout engine of our own on top of printpdf (which does no shaping, bidi or line
//! breaking), and one module per document, each a pure function from data to pages.
//! See docs/architecture.md, "Print".

pub mod chart;
pub mod content;
pub mod document;
pub mod fonts;
pub mod page;
pub mod pdf;
pub mod picture;
pub mod qr;
pub mod report_parts;
pub mod report_words;
pub mod shape;
pub mod svg;
pub mod table;
pub mod words;

pub mod appeal_ad;
pub mod door_list;
pub mod flyer;
pub mod person_record;
pub mod receipt;
pub mod report_attendance;
pub mod report_fundraising;
pub mod report_ledger;
pub mod report_signers;
pub mod sign_up_sheet;
