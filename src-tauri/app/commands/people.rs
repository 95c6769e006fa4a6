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

/// Everything stored about a person, saved as JSON where the save dialog says.
#[tauri::command]
pub async fn export_person(
    state: State<'_, AppState>,
    person: Id,
    title: Option<String>,
    filter_name: Option<String>,
) -> Result<Option<String>, ApiError> {
    let name = state
        .with_store(move |store| {
            let record = desk_core::person_rights::export(store, person)?;
            let given = record.person["given_name"].as_str().unwrap_or_default();
            let family = record.person["family_name"].as_str().unwrap_or_default();
            Ok(desk_core::safe_file::safe_file_name(
                &format!("{given} {family}"),
                "person",
            ))
        })
        .await?;
    let question = crate::dialog::Ask {
        save: true,
        title: crate::commands::sync::dialog_words(title, "Campaign Desk"),
        filter: crate::commands::sync::dialog_words(filter_name, "JSON"),
        // JSON for tools, or a readable PDF when the name chosen ends in .pdf.
        extensions: vec!["json".into(), "pdf".into()],
        file_name: Some(format!("{name}.json")),
    };
    let Some(path) = crate::commands::sync::ask(question).await? else {
        return Ok(None);
    };
    state
        .with_store(move |store| {
            desk_core::person_rights::export_to_file(store, person, &path)?;
            Ok(Some(path.display().to_string()))
        })
        .await
}

/// Erases a person on request (person_rights::erase).
#[tauri::command]
pub async fn erase_person(
    state: State<'_, AppState>,
    person: Id,
) -> Result<desk_core::person_rights::Erased, ApiError> {
    state
        .with_store(move |store| desk_core::person_rights::erase(store, person))
        .await
}
