//! What the window's commands share: the one open store, and when the process started.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use desk_core::Store;

use crate::error::ApiError;

/// A file's size and modification time, to notice that it was replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen(Option<(u64, std::time::SystemTime)>);

impl Seen {
    fn of(path: &std::path::Path) -> Seen {
        Seen(
            std::fs::metadata(path)
                .and_then(|m| Ok((m.len(), m.modified()?)))
                .ok(),
        )
    }
}

/// The database as the window has it: open, or closed for a reason the window shows.
pub enum Slot {
    Open(Box<Store>),
    /// Encrypted and not unlocked (at start, or locked since): no key in memory.
    Locked,
    /// Damaged at open: never written to; the window offers a backup.
    Damaged(String),
}

pub struct AppState {
    store: Arc<Mutex<Slot>>,
    /// The database's file, for unlocking and restoring while no store is open.
    pub path: PathBuf,
    /// The bundle chosen in the open dialog, between its preview and applying it, with its size
    /// and time when it was previewed.
    chosen_bundle: Mutex<Option<(PathBuf, Option<Seen>)>>,
    /// Set in `main` before anything else, for the first-paint measurement.
    pub started: Instant,
    /// Table mode or door mode is on: the window is locked to a stranger's screen (mirrors the
    /// database, for the window's close request, which must not wait on the store).
    locked: AtomicBool,
    /// What the thank-you counts: (appeal, signers when table mode began, signings since).
    table_count: Mutex<Option<(desk_core::Id, i64, i64)>>,
    /// The signer file chosen for import, read once: its name and bytes, between the preview
    /// and the import (the window never names a path).
    chosen_import: Mutex<Option<(String, Arc<Vec<u8>>)>>,
    /// The backup file chosen in the open dialog, between choosing it and restoring it.
    chosen_backup: Mutex<Option<PathBuf>>,
    /// The Print screen's flyer photo (its file name and bytes) and the last PDF saved (to
    /// open in the system's viewer): kept here, so the window never names a path.
    pub print_photo: Mutex<Option<(String, Arc<Vec<u8>>)>>,
    pub last_print: Mutex<Option<PathBuf>>,
    /// The Dashboard's counts, taken while the window starts (`count_ahead`), for its first
    /// showing only.
    counted_ahead: Arc<Mutex<Option<desk_core::stats::Counted>>>,
}

impl AppState {
    pub fn new(store: Store, started: Instant) -> Self {
        let path = store.path().to_owned();
        AppState::with_slot(path, Slot::Open(Box::new(store)), started)
    }

    pub fn with_slot(path: PathBuf, slot: Slot, started: Instant) -> Self {
        AppState {
            store: Arc::new(Mutex::new(slot)),
            path,
            chosen_bundle: Mutex::new(None),
            started,
            locked: AtomicBool::new(false),
            table_count: Mutex::new(None),
            chosen_import: Mutex::new(None),
            chosen_backup: Mutex::new(None),
            print_photo: Mutex::new(None),
            last_print: Mutex::new(None),
            counted_ahead: Arc::new(Mutex::new(None)),
        }
    }

    /// Counts the Dashboard on another thread while WebKit starts (a few hundred
    /// milliseconds during which the store is idle), so its first showing need not wait for
    /// a count over every signer. The store stays locked while counting: a command that comes
    /// meanwhile waits for the counts rather than racing them.
    pub fn count_ahead(&self) {
        let store = Arc::clone(&self.store);
        let counted = Arc::clone(&self.counted_ahead);
        std::thread::spawn(move || {
            let slot = store.lock().unwrap_or_else(PoisonError::into_inner);
            if let Slot::Open(store) = &*slot {
                let ahead = desk_core::stats::Counted::now(store).ok();
                *counted.lock().unwrap_or_else(PoisonError::into_inner) = ahead;
            }
        });
    }

    /// The Dashboard's counts: those counted ahead when nothing was written since, else
    /// counted now.
    pub async fn dashboard_stats(&self) -> Result<desk_core::stats::Stats, ApiError> {
        let counted = Arc::clone(&self.counted_ahead);
        self.with_store(move |store| {
            let ahead = counted
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .take();
            match ahead.map(|c| c.still_true(store)).transpose()?.flatten() {
                Some(stats) => Ok(stats),
                None => desk_core::stats::collect(store),
            }
        })
        .await
    }

    pub fn choose_backup(&self, path: Option<PathBuf>) {
        *self
            .chosen_backup
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = path;
    }

    /// The backup file chosen to restore; an error if none was.
    pub fn chosen_backup(&self) -> Result<PathBuf, ApiError> {
        self.chosen_backup
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
            .ok_or_else(|| ApiError::from(desk_core::Error::invalid("no_backup_chosen")))
    }

    pub fn choose_import(&self, file: Option<(String, Arc<Vec<u8>>)>) {
        *self
            .chosen_import
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = file;
    }

    /// The signer file chosen for import; an error if none was.
    pub fn chosen_import(&self) -> Result<(String, Arc<Vec<u8>>), ApiError> {
        self.chosen_import
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
            .ok_or_else(|| ApiError::from(desk_core::Error::invalid("no_import_chosen")))
    }

    /// The running count after one more signing at this table: the signers when table mode
    /// began plus every signing since, a returning signer's too. So the count goes up alike
    /// for everyone, and nobody learns from it whether an email had signed before.
    pub fn count_table_signing(&self, appeal: desk_core::Id, signers_now: i64) -> i64 {
        let mut count = self
            .table_count
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let (_, base, added) = match *count {
            Some((a, base, added)) if a == appeal => (a, base, added + 1),
            // The first signing since table mode began here (or since a restart).
            _ => (appeal, signers_now - 1, 1),
        };
        *count = Some((appeal, base, added));
        base + added
    }

    /// Forgets the table's count (table mode left or started anew).
    pub fn reset_table_count(&self) {
        *self
            .table_count
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = None;
    }

    pub fn set_locked(&self, on: bool) {
        self.locked.store(on, Ordering::SeqCst);
    }

    /// Hands `window` to strangers (table or door mode: locked, full screen) or back.
    pub fn lock_window<R: tauri::Runtime>(&self, window: &tauri::WebviewWindow<R>, on: bool) {
        self.set_locked(on);
        let _ = window.set_fullscreen(on);
    }

    /// After the PIN: the window is the organizer's again, and closes when they asked to.
    pub fn unlock_window<R: tauri::Runtime>(&self, window: &tauri::WebviewWindow<R>, close: bool) {
        use tauri::Manager;
        self.lock_window(window, false);
        if close {
            window.app_handle().exit(0);
        }
    }

    pub fn in_locked_mode(&self) -> bool {
        self.locked.load(Ordering::SeqCst)
    }

    pub fn choose_bundle(&self, path: Option<PathBuf>) {
        *self
            .chosen_bundle
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = path.map(|p| (p, None));
    }

    /// The bundle chosen in the open dialog, to preview; an error if none is waiting.
    pub fn bundle_to_preview(&self) -> Result<PathBuf, ApiError> {
        let mut chosen = self
            .chosen_bundle
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let (path, seen) = chosen
            .as_mut()
            .ok_or_else(|| ApiError::from(desk_core::Error::invalid("no_bundle_chosen")))?;
        *seen = Some(Seen::of(path));
        Ok(path.clone())
    }

    /// The bundle to apply: the one previewed, unchanged since (a shared folder may replace it
    /// meanwhile, and the organizer applies what they looked at, or nothing).
    pub fn bundle_to_apply(&self) -> Result<PathBuf, ApiError> {
        let chosen = self
            .chosen_bundle
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        match chosen.as_ref() {
            None => Err(desk_core::Error::invalid("no_bundle_chosen").into()),
            Some((path, Some(seen))) if *seen == Seen::of(path) => Ok(path.clone()),
            Some(_) => Err(desk_core::Error::invalid("bundle_changed").into()),
        }
    }

    /// Runs `work` on a blocking thread with the store, so that a slow query never freezes the
    /// window. Commands queue on the mutex: the store has a single writer.
    pub async fn with_store<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> desk_core::Result<T> + Send + 'static,
    {
        let path = self.path.clone();
        self.with_slot_blocking(move |slot| match slot {
            Slot::Open(store) => work(store),
            Slot::Locked => Err(desk_core::Error::Conflict(
                desk_core::messages::Message::new("store_locked"),
            )),
            Slot::Damaged(cause) => Err(desk_core::Error::Damaged {
                path,
                cause: cause.clone(),
            }),
        })
        .await
    }

    /// Runs `work` on a blocking thread with the slot itself: unlocking, locking, rewriting
    /// and restoring replace what it holds.
    pub async fn with_slot_blocking<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Slot) -> desk_core::Result<T> + Send + 'static,
    {
        let store = Arc::clone(&self.store);
        tauri::async_runtime::spawn_blocking(move || {
            // A panic in an earlier command rolled its transaction back, so the store is usable.
            let mut slot = store.lock().unwrap_or_else(PoisonError::into_inner);
            work(&mut slot)
        })
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::from)
    }

    /// The slot, for the work at the window's close (the last backup), on the calling thread.
    pub fn slot(&self) -> std::sync::MutexGuard<'_, Slot> {
        self.store.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
