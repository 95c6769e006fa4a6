//! "Share with another laptop": this laptop's name and the sync passphrase, saving a bundle and
//! opening one (also to join a campaign from the welcome screen), and the merge's decisions.
//!
//! The window never names a file: saving and opening go through the native dialogs, opened
//! here, and the chosen bundle waits in the app's state between its preview and applying it.

use std::path::PathBuf;

use desk_core::sync::{self, Applied, ConflictRecord, Exported, Laptop, Preview, Status};
use desk_core::Id;
use serde::Serialize;
use tauri::State;

use crate::dialog::{self, Ask, BUNDLE_EXTENSION};
use crate::error::ApiError;
use crate::state::AppState;

#[tauri::command]
pub async fn sync_status(state: State<'_, AppState>) -> Result<Status, ApiError> {
    state.with_store(|store| sync::status(store)).await
}

#[tauri::command]
pub async fn set_laptop_name(state: State<'_, AppState>, name: String) -> Result<Laptop, ApiError> {
    state
        .with_store(move |store| sync::set_laptop_name(store, &name))
        .await
}

/// Saves the passphrase on this laptop; an empty one forgets it.
#[tauri::command]
pub async fn set_sync_passphrase(
    state: State<'_, AppState>,
    passphrase: String,
) -> Result<(), ApiError> {
    state
        .with_store(move |store| {
            let given = Some(passphrase.as_str()).filter(|p| !p.is_empty());
            sync::set_passphrase(store, given)
        })
        .await
}

/// Asks where to save a bundle (for one laptop, or everything when `laptop` is absent) and
/// saves it there. `None` when the organizer cancelled the dialog.
#[tauri::command]
pub async fn save_bundle(
    state: State<'_, AppState>,
    laptop: Option<String>,
    title: Option<String>,
    filter: Option<String>,
) -> Result<Option<Exported>, ApiError> {
    let made_for = laptop
        .as_deref()
        .map(str::parse::<Id>)
        .transpose()
        .map_err(ApiError::from)?;
    // Checked before the dialog: no point choosing a file for a bundle that cannot be made.
    let (passphrase, name) = state
        .with_store(move |store| {
            let passphrase = sync::passphrase_or_saved(store, None)?;
            let me = sync::status(store)?.laptop.name;
            Ok((passphrase, me))
        })
        .await?;
    let file_name = format!(
        "{}-{}.{BUNDLE_EXTENSION}",
        desk_core::safe_file::safe_file_name(&name, "campaign"),
        chrono::Local::now().format("%Y-%m-%d-%H%M")
    );
    let question = Ask {
        save: true,
        title: dialog_words(title, "Campaign Desk"),
        filter: dialog_words(filter, "Campaign Desk bundle"),
        extensions: vec![BUNDLE_EXTENSION.into()],
        file_name: Some(file_name),
    };
    let Some(path) = ask(question).await? else {
        return Ok(None);
    };
    state
        .with_store(move |store| sync::export(store, &path, &passphrase, made_for))
        .await
        .map(Some)
}

/// Asks for a bundle to open. Returns its file name, or `None` when the dialog was cancelled;
/// the bundle then waits for `preview_bundle` and `apply_bundle`.
#[tauri::command]
pub async fn choose_bundle(
    state: State<'_, AppState>,
    title: Option<String>,
    filter: Option<String>,
) -> Result<Option<String>, ApiError> {
    let question = Ask {
        save: false,
        title: dialog_words(title, "Campaign Desk"),
        filter: dialog_words(filter, "Campaign Desk bundle"),
        extensions: vec![BUNDLE_EXTENSION.into()],
        file_name: None,
    };
    let chosen = ask(question).await?;
    let name = chosen.as_ref().map(|p| {
        p.file_name().map_or_else(
            || p.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    });
    state.choose_bundle(chosen);
    Ok(name)
}

/// What the chosen bundle brings, with `passphrase` or the one saved on this laptop.
#[tauri::command]
pub async fn preview_bundle(
    state: State<'_, AppState>,
    passphrase: Option<String>,
) -> Result<Preview, ApiError> {
    let path = state.bundle_to_preview()?;
    state
        .with_store(move |store| {
            let passphrase = sync::passphrase_or_saved(store, given(&passphrase))?;
            sync::preview(store, &path, &passphrase)
        })
        .await
}

/// Applies the chosen bundle. A passphrase typed in for it is saved once it has opened a
/// bundle, so that the next one opens without it.
#[tauri::command]
pub async fn apply_bundle(
    state: State<'_, AppState>,
    passphrase: Option<String>,
) -> Result<Applied, ApiError> {
    let path = state.bundle_to_apply()?;
    let applied = state
        .with_store(move |store| {
            let typed = given(&passphrase).map(str::to_owned);
            let passphrase = sync::passphrase_or_saved(store, typed.as_deref())?;
            let applied = sync::import(store, &path, &passphrase)?;
            if typed.is_some() {
                sync::set_passphrase(store, Some(&passphrase))?;
            }
            Ok(applied)
        })
        .await?;
    state.choose_bundle(None);
    Ok(applied)
}

#[derive(Serialize)]
pub struct Review {
    pub conflicts: Vec<ConflictRecord>,
}

/// The merge's decisions not yet reviewed (all of them with `all`), newest first.
#[tauri::command]
pub async fn sync_conflicts(
    state: State<'_, AppState>,
    all: Option<bool>,
) -> Result<Review, ApiError> {
    state
        .with_store(move |store| {
            Ok(Review {
                conflicts: sync::conflicts(store, all.unwrap_or(false), 200)?,
            })
        })
        .await
}

#[tauri::command]
pub async fn review_conflict(state: State<'_, AppState>, id: i64) -> Result<(), ApiError> {
    state
        .with_store(move |store| sync::mark_reviewed(store, id))
        .await
}

/// Words for the dialog as the window gives them (from its catalog), kept to one short line.
pub(crate) fn dialog_words(words: Option<String>, fallback: &str) -> String {
    let words: String = words
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control())
        .take(80)
        .collect();
    if words.trim().is_empty() {
        fallback.into()
    } else {
        words
    }
}

fn given(passphrase: &Option<String>) -> Option<&str> {
    passphrase.as_deref().filter(|p| !p.is_empty())
}

/// Shows a native dialog (a child process) on a blocking thread, as it waits for the person.
pub(crate) async fn ask(question: Ask) -> Result<Option<PathBuf>, ApiError> {
    tauri::async_runtime::spawn_blocking(move || dialog::ask(&question))
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::internal)
}
