//! What the window's commands share: the one open store, and when the process started.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use desk_core::Store;

use crate::error::ApiError;

pub struct AppState {
    store: Arc<Mutex<Store>>,
    /// Set in `main` before anything else, for the first-paint measurement.
    pub started: Instant,
}

impl AppState {
    pub fn new(store: Store, started: Instant) -> Self {
        AppState {
            store: Arc::new(Mutex::new(store)),
            started,
        }
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
