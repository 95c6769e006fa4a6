use desk_core::store::CheckReport;
use serde::Serialize;
use tauri::State;

use crate::error::ApiError;
use crate::state::AppState;

#[derive(Serialize)]
pub struct AppInfo {
    pub version: &'static str,
    pub database_path: String,
    pub schema_version: usize,
}

#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> Result<AppInfo, ApiError> {
    state
        .with_store(|store| {
            Ok(AppInfo {
                version: env!("CARGO_PKG_VERSION"),
                database_path: store.path().display().to_string(),
                schema_version: store.schema_version()?,
            })
        })
        .await
}

#[tauri::command]
pub async fn check_database(state: State<'_, AppState>) -> Result<CheckReport, ApiError> {
    state.with_store(|store| store.check()).await
}
