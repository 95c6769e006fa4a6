//! What the window's commands share: the one open store, and when the process started.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use desk_core::Store;

use crate::error::ApiError;

pub struct AppState {
    store: Arc<Mutex<Store>>,
    /// The bundle chosen in the open dialog, between its preview and applying it.
    chosen_bundle: Mutex<Option<PathBuf>>,
    /// Set in `main` before anything else, for the first-paint measurement.
    pub started: Instant,
}

impl AppState {
    pub fn new(store: Store, started: Instant) -> Self {
        AppState {
            store: Arc::new(Mutex::new(store)),
            chosen_bundle: Mutex::new(None),
            started,
        }
    }

    pub fn choose_bundle(&self, path: Option<PathBuf>) {
        *self
            .chosen_bundle
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = path;
    }

    /// The bundle chosen in the open dialog; an error if none is waiting.
    pub fn chosen_bundle(&self) -> Result<PathBuf, ApiError> {
        self.chosen_bundle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
            .ok_or_else(|| desk_core::Error::invalid("no_bundle_chosen").into())
    }

    /// Runs `work` on a blocking thread with the store, so that a slow query never freezes the
    /// window. Commands queue on the mutex: the store has a single writer.
    pub async fn with_store<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> desk_core::Result<T> + Send + 'static,
    {
        let store = Arc::clone(&self.store);
        tauri::async_runtime::spawn_blocking(move || {
            // A panic in an earlier command rolled its transaction back, so the store is usable.
            let mut store = store.lock().unwrap_or_else(PoisonError::into_inner);
            work(&mut store)
        })
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::from)
    }
}
