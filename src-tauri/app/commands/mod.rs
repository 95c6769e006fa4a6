//! The window's doors into desk-core: one thin module a domain. A command checks nothing and
//! decides nothing itself; it hands its arguments to core on a blocking thread.

pub mod appeals;
pub mod campaign;
pub mod dashboard;
pub mod door;
pub mod events;
pub mod import;
pub mod money;
pub mod people;
pub mod print;
pub mod safety;
pub mod settings;
pub mod shell;
pub mod sync;
pub mod table;
