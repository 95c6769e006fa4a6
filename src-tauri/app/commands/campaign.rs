use desk_core::campaign::{self, Campaign};
use serde::Serialize;
use tauri::State;

use crate::error::ApiError;
use crate::state::AppState;

#[derive(Serialize)]
pub struct CampaignStatus {
    /// `None` while the database is new: the window shows the welcome screen.
    pub campaign: Option<Campaign>,
}

#[tauri::command]
pub async fn campaign_status(state: State<'_, AppState>) -> Result<CampaignStatus, ApiError> {
    state
        .with_store(|store| {
            Ok(CampaignStatus {
                campaign: campaign::current(store)?,
            })
        })
        .await
}

#[tauri::command]
pub async fn start_campaign(
    state: State<'_, AppState>,
    name: String,
) -> Result<Campaign, ApiError> {
    state
        .with_store(move |store| campaign::start(store, &name))
        .await
}

#[tauri::command]
pub async fn load_sample_campaign(state: State<'_, AppState>) -> Result<Campaign, ApiError> {
    state.with_store(desk_core::sample::load).await
}
