//! Locking, unlocking, encryption and backups: the commands that open, close and replace the
//! store itself, so they hold its slot (state.rs) rather than an open store.

use std::path::{Path, PathBuf};

use desk_core::backup::{self, BackupFile};
use desk_core::encryption::Passphrase;
use desk_core::store::Access;
use desk_core::{kiosk, Error, Store};
use serde::Serialize;
use tauri::State;

use crate::commands::sync::ask;
use crate::dialog::Ask;
use crate::error::ApiError;
use crate::state::{AppState, Slot};

/// What the window needs before it shows anything: whether the database is open, locked or
/// damaged, and (when open) the lock and backup settings.
#[derive(Debug, Serialize)]
pub struct SafetyStatus {
    /// "open", "locked" or "damaged".
    pub state: &'static str,
    pub encrypted: bool,
    /// Why the file is damaged.
    pub damage: Option<String>,
    pub lock_minutes: i64,
    pub backups_keep: i64,
    /// The automatic backups, newest first (none while locked: even their times stay hidden).
    pub backups: Vec<BackupFile>,
    pub backup_folder: String,
}

fn status_of(slot: &Slot, path: &Path) -> desk_core::Result<SafetyStatus> {
    let folder = backup::folder(path).display().to_string();
    Ok(match slot {
        Slot::Open(store) => SafetyStatus {
            state: "open",
            encrypted: store.is_encrypted(),
            damage: None,
            lock_minutes: kiosk::lock_minutes(store)?,
            backups_keep: backup::keep(store)?,
            backups: backup::list(path),
            backup_folder: folder,
        },
        Slot::Locked => SafetyStatus {
            state: "locked",
            encrypted: true,
            damage: None,
            lock_minutes: 0,
            backups_keep: 0,
            backups: Vec::new(),
            backup_folder: folder,
        },
        Slot::Damaged(cause) => SafetyStatus {
            state: "damaged",
            encrypted: desk_core::store::is_encrypted_file(path),
            damage: Some(cause.clone()),
            lock_minutes: 0,
            backups_keep: 0,
            backups: backup::list(path),
            backup_folder: folder,
        },
    })
}

#[tauri::command]
pub async fn safety_status(state: State<'_, AppState>) -> Result<SafetyStatus, ApiError> {
    let path = state.path.clone();
    state
        .with_slot_blocking(move |slot| status_of(slot, &path))
        .await
}

/// Opens the locked database with `passphrase`. A wrong one leaves it locked; a damaged file
/// is told as such (and stays closed, never written to).
#[tauri::command]
pub async fn unlock(
    state: State<'_, AppState>,
    passphrase: String,
) -> Result<SafetyStatus, ApiError> {
    let path = state.path.clone();
    state
        .with_slot_blocking(move |slot| {
            if let Slot::Open(_) = slot {
                return status_of(slot, &path);
            }
            let passphrase = Passphrase::given(passphrase)?;
            match Store::open_keyed(&path, Access::Create, Some(&passphrase)) {
                Ok(store) => *slot = Slot::Open(Box::new(store)),
                Err(Error::Damaged { path: p, cause }) => {
                    *slot = Slot::Damaged(cause.clone());
                    return Err(Error::Damaged { path: p, cause });
                }
                Err(e) => return Err(e),
            }
            status_of(slot, &path)
        })
        .await
}

/// Locks an encrypted database: the store is closed and its key wiped; the window clears its
/// screens itself.
#[tauri::command]
pub async fn lock(state: State<'_, AppState>) -> Result<(), ApiError> {
    if state.in_locked_mode() {
        // Table mode and the door stay as they are; leaving them needs the PIN.
        return Err(Error::invalid("lock_in_table_mode").into());
    }
    state
        .with_slot_blocking(|slot| match slot {
            Slot::Open(store) if store.is_encrypted() => {
                *slot = Slot::Locked;
                Ok(())
            }
            Slot::Open(_) => Err(Error::invalid("not_encrypted")),
            _ => Ok(()),
        })
        .await
}

/// Turns encryption on (`new` twice), changes the passphrase (`current`, `new` twice) or
/// turns it off (`current` alone). The file is rewritten and checked before it replaces the
/// old one.
#[tauri::command]
pub async fn set_encryption(
    state: State<'_, AppState>,
    current: Option<String>,
    new: Option<String>,
    repeated: Option<String>,
) -> Result<SafetyStatus, ApiError> {
    let path = state.path.clone();
    state
        .with_slot_blocking(move |slot| {
            let Slot::Open(store) = slot else {
                return Err(Error::Conflict(desk_core::messages::Message::new(
                    "store_locked",
                )));
            };
            if store.is_encrypted() {
                let current = Passphrase::given(current.unwrap_or_default())?;
                if !store.passphrase_opens(&current) {
                    return Err(Error::WrongPassphrase { path: path.clone() });
                }
            }
            let new = match new.filter(|n| !n.is_empty()) {
                Some(text) => {
                    if repeated.as_deref() != Some(text.as_str()) {
                        return Err(Error::invalid("passphrases_differ"));
                    }
                    Some(Passphrase::new(text)?)
                }
                None if store.is_encrypted() => None,
                None => return Err(Error::invalid("passphrase_missing")),
            };
            desk_core::rewrite::change_encryption(store, new.as_ref())?;
            status_of(slot, &path)
        })
        .await
}

#[tauri::command]
pub async fn set_lock_minutes(state: State<'_, AppState>, minutes: i64) -> Result<(), ApiError> {
    state
        .with_store(move |store| kiosk::set_lock_minutes(store, minutes))
        .await
}

#[tauri::command]
pub async fn set_backups_keep(state: State<'_, AppState>, keep: i64) -> Result<(), ApiError> {
    state
        .with_store(move |store| backup::set_keep(store, keep))
        .await
}

/// An automatic backup now, into the backups folder. The copy runs outside the store's lock,
/// so the window's other commands go on meanwhile.
#[tauri::command]
pub async fn backup_now(state: State<'_, AppState>) -> Result<BackupFile, ApiError> {
    let (source, keep) = state
        .with_store(|store| Ok((store.backup_source(), backup::keep(store)?)))
        .await?;
    blocking(move || backup::automatic(&source, keep, chrono::Utc::now())).await
}

/// A backup to a file chosen in the save dialog.
#[tauri::command]
pub async fn save_backup_as(
    state: State<'_, AppState>,
    title: Option<String>,
    filter_name: Option<String>,
) -> Result<Option<BackupFile>, ApiError> {
    let name = format!(
        "campaign-desk-{}.backup",
        chrono::Local::now().format("%Y-%m-%d")
    );
    let Some(path) = ask(backup_dialog(title, filter_name, Some(name))).await? else {
        return Ok(None);
    };
    let source = state.with_store(|store| Ok(store.backup_source())).await?;
    blocking(move || backup::to_file(&source, &path))
        .await
        .map(Some)
}

/// A backup file chosen in the open dialog, to restore next: its name (the window never names
/// a path), or nothing when cancelled.
#[tauri::command]
pub async fn choose_backup_file(
    state: State<'_, AppState>,
    title: Option<String>,
    filter_name: Option<String>,
) -> Result<Option<String>, ApiError> {
    let chosen = ask(backup_dialog(title, filter_name, None)).await?;
    let name = chosen
        .as_ref()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned());
    state.choose_backup(chosen);
    Ok(name)
}

/// Replaces the database with a backup: one of the automatic ones by `name`, else the file
/// chosen. The backup is checked in full first (with `passphrase` when it is encrypted); the
/// database that was there is set aside, never deleted.
#[tauri::command]
pub async fn restore_backup(
    state: State<'_, AppState>,
    name: Option<String>,
    passphrase: Option<String>,
) -> Result<backup::Restored, ApiError> {
    let path = state.path.clone();
    let file: PathBuf = match name {
        Some(name) => backup::list(&path)
            .into_iter()
            .find(|b| b.name == name)
            .map(|b| PathBuf::from(b.path))
            .ok_or_else(|| ApiError::from(Error::invalid("no_backup_chosen")))?,
        None => state.chosen_backup()?,
    };
    let restored = state
        .with_slot_blocking(move |slot| {
            let passphrase = passphrase
                .filter(|p| !p.is_empty())
                .map(Passphrase::given)
                .transpose()?;
            if let Slot::Locked = slot {
                // A stranger at a locked laptop replaces nothing.
                return Err(Error::Conflict(desk_core::messages::Message::new(
                    "store_locked",
                )));
            }
            backup::check(&file, passphrase.as_ref())?;
            // The store is closed only once the backup is known good.
            let before = std::mem::replace(slot, Slot::Locked);
            let kept_key = match before {
                Slot::Open(store) => Some(store.close()),
                _ => None,
            };
            match backup::restore(&path, &file, passphrase.as_ref()) {
                Ok((store, restored)) => {
                    *slot = Slot::Open(Box::new(store));
                    Ok(restored)
                }
                Err(e) => {
                    if let Some(closed) = kept_key {
                        *slot = Slot::Open(Box::new(closed.reopen()?));
                    }
                    Err(e)
                }
            }
        })
        .await?;
    state.choose_backup(None);
    Ok(restored)
}

/// The dialog for a backup file: where to save one (with the name suggested), or which to open.
fn backup_dialog(
    title: Option<String>,
    filter_name: Option<String>,
    save_as: Option<String>,
) -> Ask {
    Ask {
        save: save_as.is_some(),
        title: crate::commands::sync::dialog_words(title, "Campaign Desk"),
        filter: crate::commands::sync::dialog_words(filter_name, "Campaign Desk backup"),
        extensions: if save_as.is_some() {
            vec!["backup".into()]
        } else {
            vec!["backup".into(), "db".into()]
        },
        file_name: save_as,
    }
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> desk_core::Result<T> + Send + 'static,
) -> Result<T, ApiError> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::from)
}
