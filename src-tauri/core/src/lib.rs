//! Campaign Desk's domain: everything a user can do, with no dependency on Tauri. The window's
//! IPC commands and the scripting CLI are two thin doors onto these functions.

pub mod appeals;
pub mod campaign;
pub mod cash_box;
pub mod clock;
pub mod countries;
pub mod csv_export;
pub mod csv_import;
pub mod donation_import;
pub mod donations;
pub mod duplicates;
pub mod error;
pub mod events;
pub mod expenses;
pub mod funds;
pub mod ics;
pub mod id;
pub mod kiosk;
pub mod ledger;
pub mod messages;
pub mod migrations;
pub mod money;
pub mod money_audit;
pub mod money_export;
pub mod organization;
pub mod people;
pub mod receipts;
pub mod rsvp_export;
pub mod rsvp_import;
pub mod rsvps;
pub mod sample;
pub mod search;
pub mod sheets;
pub mod signer_numbers;
pub mod signing;
pub mod stats;
pub mod store;
pub mod sync;
pub mod text;

pub use error::{Error, Result};
pub use id::Id;
pub use store::Store;
