//! The Print screen's doors: page one previewed, a flyer's photo chosen, the PDF saved through
//! the native save dialog (written whole under a temporary name, then renamed, mode 0600) and
//! opened in the system's viewer. The work runs on a blocking thread and tells the window how
//! far it is through a channel (fractions from 0 to 1).

use std::path::PathBuf;
use std::sync::{Arc, PoisonError};

use desk_core::print::document::{self, Kind, Missing, Printed, Request};
use desk_core::print::picture;
use desk_core::receipts::{self, Owed};
use desk_core::safe_file;
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::State;

use crate::commands::sync::{ask, dialog_words};
use crate::dialog::Ask;
use crate::error::ApiError;
use crate::state::AppState;

/// The chosen photo, when asked for (only flyers carry one).
fn photo(state: &AppState, with_photo: bool) -> Option<Arc<Vec<u8>>> {
    if !with_photo {
        return None;
    }
    state
        .print_photo
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .as_ref()
        .map(|(_, bytes)| bytes.clone())
}

/// How far a long document is, for the window's progress bar.
fn tell(channel: &Channel<f32>, fraction: f32) {
    // A window gone meanwhile just misses the news.
    let _ = channel.send(fraction);
}

/// Page one and the page count, nothing saved or registered.
#[tauri::command]
pub async fn print_preview(
    state: State<'_, AppState>,
    request: Request,
    with_photo: bool,
    on_progress: Channel<f32>,
) -> Result<Printed, ApiError> {
    let photo = photo(&state, with_photo && request.kind == Kind::Flyer);
    state
        .with_store(move |store| {
            document::make(
                store,
                &request,
                photo.as_deref().map(Vec::as_slice),
                None,
                true,
                &|f| tell(&on_progress, f),
            )
        })
        .await
}

/// The photo for flyers, from the open dialog; checked at once. Returns its file name.
#[tauri::command]
pub async fn choose_print_photo(
    state: State<'_, AppState>,
    title: Option<String>,
    filter_name: Option<String>,
) -> Result<Option<String>, ApiError> {
    let question = Ask {
        save: false,
        title: dialog_words(title, "Campaign Desk"),
        filter: dialog_words(filter_name, "PNG, JPEG"),
        extensions: vec!["png".into(), "jpg".into(), "jpeg".into()],
        file_name: None,
    };
    let Some(path) = ask(question).await? else {
        return Ok(None);
    };
    let bytes = tauri::async_runtime::spawn_blocking(move || -> desk_core::Result<_> {
        let bytes = std::fs::read(&path).map_err(|e| {
            desk_core::Error::Invalid(
                desk_core::messages::Message::new("file_unreadable")
                    .with("path", path.display())
                    .with("cause", e),
            )
        })?;
        picture::decode(&bytes)?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok((name, bytes))
    })
    .await
    .map_err(ApiError::internal)??;
    let name = bytes.0.clone();
    *state
        .print_photo
        .lock()
        .unwrap_or_else(PoisonError::into_inner) = Some((bytes.0, Arc::new(bytes.1)));
    Ok(Some(name))
}

#[tauri::command]
pub async fn clear_print_photo(state: State<'_, AppState>) -> Result<(), ApiError> {
    *state
        .print_photo
        .lock()
        .unwrap_or_else(PoisonError::into_inner) = None;
    Ok(())
}

#[derive(Debug, Serialize)]
pub struct SavedPrint {
    pub file: String,
    pub pages: usize,
    pub sheet: Option<i64>,
    pub missing: Vec<Missing>,
}

/// Asks where to save, then makes the document (a sign-up sheet registered, a receipt issued
/// first) and writes it.
#[tauri::command]
pub async fn save_print(
    state: State<'_, AppState>,
    request: Request,
    with_photo: bool,
    title: Option<String>,
    filter_name: Option<String>,
    on_progress: Channel<f32>,
) -> Result<Option<SavedPrint>, ApiError> {
    let photo = photo(&state, with_photo && request.kind == Kind::Flyer);
    // Checked and named before the dialog, so a mistake is told before choosing a place.
    let check = request.clone();
    let name = state
        .with_store(move |store| {
            let printed = document::make(store, &check, None, None, false, &|_| {})?;
            Ok(safe_file::safe_file_name(&printed.name, "document"))
        })
        .await?;
    let question = Ask {
        save: true,
        title: dialog_words(title, "Campaign Desk"),
        filter: dialog_words(filter_name, "PDF"),
        extensions: vec!["pdf".into()],
        file_name: Some(format!("{name}.pdf")),
    };
    let Some(path) = ask(question).await? else {
        return Ok(None);
    };
    let target = path.clone();
    let saved = state
        .with_store(move |store| {
            // A sheet's number registered, a receipt issued (or a copy counted).
            let sheet = document::record(store, &request)?;
            let printed = document::make(
                store,
                &request,
                photo.as_deref().map(Vec::as_slice),
                sheet,
                false,
                &|f| tell(&on_progress, f),
            )?;
            safe_file::write_whole(&target, &printed.pdf)?;
            Ok(SavedPrint {
                file: target
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                pages: printed.pages,
                sheet: printed.sheet,
                missing: printed.missing,
            })
        })
        .await?;
    *state
        .last_print
        .lock()
        .unwrap_or_else(PoisonError::into_inner) = Some(path);
    Ok(Some(saved))
}

/// The gifts still owed a receipt, oldest first.
#[tauri::command]
pub async fn receipts_owed(state: State<'_, AppState>) -> Result<Vec<Owed>, ApiError> {
    state
        .with_store(move |store| receipts::owed(store.reader()))
        .await
}

#[derive(Debug, Serialize)]
pub struct SavedFolder {
    pub folder: String,
    pub files: usize,
}

/// A batch of receipts as one PDF per donor: the save dialog names a folder (made new), the
/// receipts are issued together, then each donor's file is written into it.
#[tauri::command]
pub async fn save_receipts_per_donor(
    state: State<'_, AppState>,
    request: Request,
    title: Option<String>,
    name: Option<String>,
) -> Result<Option<SavedFolder>, ApiError> {
    let check = request.clone();
    state
        .with_store(move |store| {
            document::make(store, &check, None, None, false, &|_| {}).map(|_| ())
        })
        .await?;
    let question = Ask {
        save: true,
        title: dialog_words(title, "Campaign Desk"),
        filter: dialog_words(None, "Folder"),
        extensions: Vec::new(),
        file_name: Some(safe_file::safe_file_name(
            &dialog_words(name, "Receipts"),
            "receipts",
        )),
    };
    let Some(dir) = ask(question).await? else {
        return Ok(None);
    };
    let target = dir.clone();
    let saved = state
        .with_store(move |store| {
            // The folder first: one that exists is refused before any receipt is numbered.
            safe_file::create_private_dir(&target)?;
            document::record(store, &request)?;
            let files = document::per_donor(store, &request)?;
            for (file, printed) in &files {
                safe_file::write_whole(&target.join(format!("{file}.pdf")), &printed.pdf)?;
            }
            Ok(SavedFolder {
                folder: target
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                files: files.len(),
            })
        })
        .await?;
    *state
        .last_print
        .lock()
        .unwrap_or_else(PoisonError::into_inner) = Some(dir);
    Ok(Some(saved))
}

/// Opens the PDF saved last in the system's viewer.
#[tauri::command]
pub async fn open_last_print(state: State<'_, AppState>) -> Result<bool, ApiError> {
    let Some(path): Option<PathBuf> = state
        .last_print
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone()
    else {
        return Ok(false);
    };
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let mut command = std::process::Command::new(opener);
    crate::appimage::host_environment(&mut command);
    command
        .arg(&path)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    Ok(command.spawn().is_ok())
}
