//! Automatic backups while the window is open: one when it closes, and one a day (checked
//! every ten minutes). The copy is made from a second connection, outside the store's lock,
//! so the window never waits on it. A campaign not yet started, or a locked one, is skipped.

use std::time::Duration;

use desk_core::backup;
use tauri::{AppHandle, Manager, Runtime};

use crate::state::{AppState, Slot};

/// How often the daily backup looks whether one is due.
const LOOK_EVERY: Duration = Duration::from_secs(10 * 60);

/// Makes an automatic backup now if the database is open and has a campaign (and, with
/// `only_if_due`, if the newest backup is a day old).
pub fn make<R: Runtime>(app: &AppHandle<R>, only_if_due: bool) {
    let state = app.state::<AppState>();
    let job = {
        let slot = state.slot();
        let Slot::Open(store) = &*slot else {
            return;
        };
        if only_if_due && !backup::due(store.path(), chrono::Utc::now()) {
            return;
        }
        match (desk_core::campaign::current(store), backup::keep(store)) {
            (Ok(Some(_)), Ok(keep)) => (store.backup_source(), keep),
            _ => return,
        }
    };
    let (source, keep) = job;
    if let Err(e) = backup::automatic(&source, keep, chrono::Utc::now()) {
        eprintln!("campaign-desk: the automatic backup failed: {e}");
    }
}

/// Starts the daily backups' thread.
pub fn start_daily<R: Runtime>(app: AppHandle<R>) {
    std::thread::spawn(move || loop {
        std::thread::sleep(LOOK_EVERY);
        make(&app, true);
    });
}
