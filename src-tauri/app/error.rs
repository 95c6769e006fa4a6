//! How errors cross IPC: `{ "code": "...", "message": "..." }`. The code lets the window act
//! (for example, offer a retry on `locked`); the message is written for a volunteer.

use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct ApiError {
    pub code: &'static str,
    pub message: String,
}

impl From<desk_core::Error> for ApiError {
    fn from(e: desk_core::Error) -> Self {
        if let desk_core::Error::Database(inner) = &e {
            // The detail helps a developer; the volunteer sees the readable message.
            eprintln!("campaign-desk: database error: {inner:?}");
        }
        ApiError {
            code: e.code(),
            message: e.to_string(),
        }
    }
}

impl ApiError {
    /// A failure of the app itself (a worker thread that died): not the user's doing.
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        eprintln!("campaign-desk: internal error: {detail}");
        ApiError {
            code: "internal",
            message: "Campaign Desk ran into an internal problem; your saved data is safe. Please try again.".into(),
        }
    }
}
