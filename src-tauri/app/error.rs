//! How errors cross IPC: `{ "code", "message", "key", "args" }`. The code lets the window act
//! (for example, offer a retry on `locked`); key and args let it show the message from its own
//! catalog in the reader's language; message is the English text, for logs and as a fallback.

use desk_core::messages::Message;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct ApiError {
    pub code: &'static str,
    pub message: String,
    #[serde(flatten)]
    pub text: Option<Message>,
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
            text: Some(e.message()),
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
            text: None,
        }
    }
}
