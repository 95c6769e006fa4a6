use desk_core::stats::Stats;
use tauri::State;

use crate::error::ApiError;
use crate::state::AppState;

#[tauri::command]
pub async fn dashboard_stats(state: State<'_, AppState>) -> Result<Stats, ApiError> {
    state.dashboard_stats().await
}
