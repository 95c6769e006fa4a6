//! Appeals, their words and signers, paper sheets, a person's consent: thin doors onto
//! desk-core's appeals, signing, sheets and people.

use desk_core::appeals::{
    self, AppealPage, AppealSummary, SignerHit, Status, Text, Words, WordsSaved,
};
use desk_core::events::{self, EventBrief};
use desk_core::people::{self, PersonPage};
use desk_core::sheets::{self, NewSheet, TypedRow};
use desk_core::signing::{self, Prominence, Signed, Signing, Source, Withdrawal};
use desk_core::Id;
use serde::Serialize;
use tauri::State;

use crate::error::ApiError;
use crate::state::AppState;

#[tauri::command]
pub async fn list_appeals(state: State<'_, AppState>) -> Result<Vec<AppealSummary>, ApiError> {
    state.with_store(|store| appeals::list(store)).await
}

#[tauri::command]
pub async fn appeal_page(state: State<'_, AppState>, appeal: Id) -> Result<AppealPage, ApiError> {
    state
        .with_store(move |store| appeals::page(store, appeal))
        .await
}

#[tauri::command]
pub async fn create_appeal(
    state: State<'_, AppState>,
    slug: Option<String>,
    words: Words,
    status: Status,
    goal: Option<i64>,
) -> Result<Id, ApiError> {
    state
        .with_store(move |store| {
            let slug = slug.filter(|s| !s.trim().is_empty());
            store.write(|w| {
                appeals::insert_appeal(
                    w,
                    &appeals::NewAppeal {
                        slug: slug.as_deref(),
                        words,
                        status,
                        goal,
                        published_on: None,
                    },
                )
            })
        })
        .await
}

#[tauri::command]
pub async fn save_appeal_words(
    state: State<'_, AppState>,
    appeal: Id,
    words: Words,
) -> Result<WordsSaved, ApiError> {
    state
        .with_store(move |store| store.write(|w| appeals::set_words(w, appeal, &words)))
        .await
}

#[tauri::command]
pub async fn set_appeal_details(
    state: State<'_, AppState>,
    appeal: Id,
    slug: String,
    goal: Option<i64>,
) -> Result<(), ApiError> {
    state
        .with_store(move |store| store.write(|w| appeals::set_details(w, appeal, &slug, goal)))
        .await
}

#[tauri::command]
pub async fn set_appeal_status(
    state: State<'_, AppState>,
    appeal: Id,
    status: Status,
) -> Result<(), ApiError> {
    state
        .with_store(move |store| store.write(|w| appeals::set_status(w, appeal, status)))
        .await
}

#[tauri::command]
pub async fn appeal_text(state: State<'_, AppState>, text: Id) -> Result<Text, ApiError> {
    state
        .with_store(move |store| appeals::text(store, text))
        .await
}

#[tauri::command]
pub async fn find_signers(
    state: State<'_, AppState>,
    appeal: Id,
    query: String,
) -> Result<Vec<SignerHit>, ApiError> {
    state
        .with_store(move |store| appeals::find_signers(store, appeal, &query, 20))
        .await
}

#[tauri::command]
pub async fn set_prominence(
    state: State<'_, AppState>,
    signature: Id,
    prominence: Prominence,
) -> Result<(), ApiError> {
    state
        .with_store(move |store| {
            store.write(|w| signing::set_prominence(w, signature, &prominence))
        })
        .await
}

#[tauri::command]
pub async fn event_choices(state: State<'_, AppState>) -> Result<Vec<EventBrief>, ApiError> {
    state.with_store(|store| events::brief(store)).await
}

#[tauri::command]
pub async fn person_page(state: State<'_, AppState>, person: Id) -> Result<PersonPage, ApiError> {
    state
        .with_store(move |store| people::page(store, person))
        .await
}

#[tauri::command]
pub async fn withdraw_consent(
    state: State<'_, AppState>,
    person: Id,
    appeal: Option<Id>,
    what: Withdrawal,
) -> Result<PersonPage, ApiError> {
    state
        .with_store(move |store| {
            store.write(|w| signing::withdraw(w, person, appeal, what, None))?;
            people::page(store, person)
        })
        .await
}

/// A sheet opened for typing: its id, the rows already typed, the row to type next.
#[derive(Serialize)]
pub struct OpenedSheet {
    pub id: Id,
    pub rows: Vec<TypedRow>,
    pub next_row: i64,
}

#[tauri::command]
pub async fn open_sheet(
    state: State<'_, AppState>,
    appeal: Id,
    sheet: NewSheet,
) -> Result<OpenedSheet, ApiError> {
    state
        .with_store(move |store| {
            let id = store.write(|w| sheets::open(w, appeal, &sheet))?;
            let rows = sheets::rows(store, id)?;
            let next_row = rows.iter().map(|r| r.row).max().unwrap_or(0) + 1;
            Ok(OpenedSheet { id, rows, next_row })
        })
        .await
}

#[tauri::command]
pub async fn next_sheet_number(state: State<'_, AppState>, appeal: Id) -> Result<i64, ApiError> {
    state
        .with_store(move |store| sheets::next_number(store, appeal))
        .await
}

/// Types one row of a paper sheet. The reply is what Ctrl+Z hands back to `take_back_row`.
#[tauri::command]
pub async fn sign_sheet_row(
    state: State<'_, AppState>,
    mut signing: Signing,
) -> Result<Signed, ApiError> {
    signing.source = Source::Paper;
    state
        .with_store(move |store| store.write(|w| signing::sign_in(w, &signing)))
        .await
}

#[tauri::command]
pub async fn take_back_row(state: State<'_, AppState>, signed: Signed) -> Result<(), ApiError> {
    state
        .with_store(move |store| store.write(|w| signing::take_back(w, &signed)))
        .await
}
