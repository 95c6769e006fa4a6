//! The signer list, a person's page and edits, the duplicate queue and merges, the numbers for
//! the charts: thin doors onto desk-core's search, people, duplicates and signer_numbers.

use desk_core::duplicates::{self, Choice, Pair};
use desk_core::people::{self, NewPerson, PersonPage};
use desk_core::search::{self, PeoplePage, PeopleQuery};
use desk_core::signer_numbers::{self, SignerNumbers};
use desk_core::Id;
use tauri::State;

use crate::error::ApiError;
use crate::state::AppState;

/// How many pairs the duplicates screen shows at once.
const QUEUE_PAGE: i64 = 50;

#[tauri::command]
pub async fn people_page(
    state: State<'_, AppState>,
    query: PeopleQuery,
) -> Result<PeoplePage, ApiError> {
    state
        .with_store(move |store| search::page(store, &query))
        .await
}

#[tauri::command]
pub async fn people_count(state: State<'_, AppState>, query: PeopleQuery) -> Result<i64, ApiError> {
    state
        .with_store(move |store| search::count(store, &query))
        .await
}

#[tauri::command]
pub async fn save_person(
    state: State<'_, AppState>,
    person: Id,
    details: NewPerson,
) -> Result<PersonPage, ApiError> {
    state
        .with_store(move |store| {
            store.write(|w| people::update(w, person, &details))?;
            people::page(store, person)
        })
        .await
}

#[tauri::command]
pub async fn duplicate_queue(state: State<'_, AppState>) -> Result<Vec<Pair>, ApiError> {
    state
        .with_store(|store| duplicates::queue(store, QUEUE_PAGE))
        .await
}

/// Merges `remove` into `keep`; returns the merge's id, for undoing it.
#[tauri::command]
pub async fn merge_people(
    state: State<'_, AppState>,
    keep: Id,
    remove: Id,
    choose: Choice,
) -> Result<Id, ApiError> {
    state
        .with_store(move |store| store.write(|w| duplicates::merge(w, keep, remove, &choose)))
        .await
}

#[tauri::command]
pub async fn mark_different(state: State<'_, AppState>, a: Id, b: Id) -> Result<(), ApiError> {
    state
        .with_store(move |store| store.write(|w| duplicates::mark_different(w, a, b)))
        .await
}

#[tauri::command]
pub async fn undo_merge(state: State<'_, AppState>, merge: Id) -> Result<(), ApiError> {
    state
        .with_store(move |store| store.write(|w| duplicates::undo(w, merge)))
        .await
}

#[tauri::command]
pub async fn signer_numbers(
    state: State<'_, AppState>,
    appeal: Option<Id>,
) -> Result<SignerNumbers, ApiError> {
    state
        .with_store(move |store| signer_numbers::collect(store, appeal))
        .await
}
