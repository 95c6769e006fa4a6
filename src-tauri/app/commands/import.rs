//! Signers and answers in and out through CSV: the file is chosen in the native dialog and read once here;
//! the window previews it with its choices (encoding, columns, display), then imports it. The
//! window never names a path.

use std::sync::Arc;

use desk_core::csv_export::{self, Exported};
use desk_core::csv_import::{self, ImportReport, Options, Preview};
use desk_core::messages::Message;
use desk_core::{rsvp_export, rsvp_import, Id};
use tauri::State;

use crate::commands::sync::{ask, dialog_words};
use crate::dialog::Ask;
use crate::error::ApiError;
use crate::state::AppState;
use desk_core::safe_file::safe_file_name;

/// A larger file is refused before it is read: a petition export of a million rows is ~150 MB.
const MAX_MB: u64 = 512;

/// Asks for a CSV file and keeps its bytes for the previews and the import. False: cancelled.
pub(crate) async fn choose_csv(
    state: &State<'_, AppState>,
    title: Option<String>,
    filter: Option<String>,
) -> Result<bool, ApiError> {
    let question = Ask {
        save: false,
        title: dialog_words(title, "Campaign Desk"),
        filter: dialog_words(filter, "CSV"),
        extensions: ["csv", "tsv", "txt", "CSV", "TSV", "TXT"]
            .map(String::from)
            .to_vec(),
        file_name: None,
    };
    let Some(path) = ask(question).await? else {
        return Ok(false);
    };
    let size = std::fs::metadata(&path).map_err(ApiError::internal)?.len();
    if size > MAX_MB * 1024 * 1024 {
        return Err(ApiError::from(desk_core::Error::Invalid(
            Message::new("import_too_large")
                .with("size", size / 1024 / 1024)
                .with("max", MAX_MB),
        )));
    }
    let bytes = std::fs::read(&path).map_err(ApiError::internal)?;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    state.choose_import(Some((name, Arc::new(bytes))));
    Ok(true)
}

/// Asks for a signer file and previews it with the default choices. `None`: cancelled.
#[tauri::command]
pub async fn import_choose_file(
    state: State<'_, AppState>,
    appeal: Option<Id>,
    title: Option<String>,
    filter: Option<String>,
) -> Result<Option<Preview>, ApiError> {
    if !choose_csv(&state, title, filter).await? {
        return Ok(None);
    }
    import_preview(state, appeal, Options::default())
        .await
        .map(Some)
}

/// What importing the chosen file with `options` would do; nothing is written.
#[tauri::command]
pub async fn import_preview(
    state: State<'_, AppState>,
    appeal: Option<Id>,
    options: Options,
) -> Result<Preview, ApiError> {
    let (name, bytes) = state.chosen_import()?;
    state
        .with_store(move |store| csv_import::preview(store, appeal, &name, &bytes, &options))
        .await
}

/// Imports the chosen file into `appeal`, in one transaction.
#[tauri::command]
pub async fn import_commit(
    state: State<'_, AppState>,
    appeal: Id,
    options: Options,
) -> Result<ImportReport, ApiError> {
    let (name, bytes) = state.chosen_import()?;
    state
        .with_store(move |store| csv_import::import(store, appeal, &name, &bytes, &options))
        .await
}

/// Asks where to save an appeal's signers as CSV and saves them. `None`: cancelled.
#[tauri::command]
pub async fn export_signers(
    state: State<'_, AppState>,
    appeal: Id,
    title: Option<String>,
    filter: Option<String>,
) -> Result<Option<Exported>, ApiError> {
    let slug = state
        .with_store(move |store| {
            Ok(desk_core::appeals::list(store)?
                .into_iter()
                .find(|a| a.id == appeal)
                .map(|a| a.slug)
                .unwrap_or_default())
        })
        .await?;
    let question = Ask {
        save: true,
        title: dialog_words(title, "Campaign Desk"),
        filter: dialog_words(filter, "CSV"),
        extensions: vec!["csv".into()],
        file_name: Some(format!(
            "{}-signers-{}.csv",
            safe_file_name(&slug, "appeal"),
            chrono::Local::now().format("%Y-%m-%d")
        )),
    };
    let Some(path) = ask(question).await? else {
        return Ok(None);
    };
    state
        .with_store(move |store| csv_export::export_to_file(store, appeal, &path))
        .await
        .map(Some)
}

/// Asks for a file of an event's answers and previews it. `None`: cancelled.
#[tauri::command]
pub async fn rsvp_import_choose_file(
    state: State<'_, AppState>,
    event: Id,
    title: Option<String>,
    filter: Option<String>,
) -> Result<Option<rsvp_import::Preview>, ApiError> {
    if !choose_csv(&state, title, filter).await? {
        return Ok(None);
    }
    rsvp_import_preview(state, event, rsvp_import::Options::default())
        .await
        .map(Some)
}

/// What importing the chosen file of answers with `options` would do; nothing is written.
#[tauri::command]
pub async fn rsvp_import_preview(
    state: State<'_, AppState>,
    event: Id,
    options: rsvp_import::Options,
) -> Result<rsvp_import::Preview, ApiError> {
    let (name, bytes) = state.chosen_import()?;
    state
        .with_store(move |store| rsvp_import::preview(store, event, &name, &bytes, &options))
        .await
}

/// Imports the chosen file of answers into `event`, in one transaction.
#[tauri::command]
pub async fn rsvp_import_commit(
    state: State<'_, AppState>,
    event: Id,
    options: rsvp_import::Options,
) -> Result<rsvp_import::ImportReport, ApiError> {
    let (_, bytes) = state.chosen_import()?;
    state
        .with_store(move |store| rsvp_import::import(store, event, &bytes, &options))
        .await
}

/// Asks where to save an event's answers as CSV and saves them. `None`: cancelled.
#[tauri::command]
pub async fn export_rsvps(
    state: State<'_, AppState>,
    event: Id,
    title: Option<String>,
    filter: Option<String>,
) -> Result<Option<Exported>, ApiError> {
    let name = state
        .with_store(move |store| Ok(desk_core::events::get(store, event)?.title))
        .await?;
    let question = Ask {
        save: true,
        title: dialog_words(title, "Campaign Desk"),
        filter: dialog_words(filter, "CSV"),
        extensions: vec!["csv".into()],
        file_name: Some(format!(
            "{}-answers-{}.csv",
            safe_file_name(&name, "event"),
            chrono::Local::now().format("%Y-%m-%d")
        )),
    };
    let Some(path) = ask(question).await? else {
        return Ok(None);
    };
    state
        .with_store(move |store| rsvp_export::export_to_file(store, event, &path))
        .await
        .map(Some)
}
