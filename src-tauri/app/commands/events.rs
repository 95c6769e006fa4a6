//! Events and their answers, for the Events screen and an event's page.

use desk_core::events::{self, EventInput, Lists, Taken};
use desk_core::people::NewPerson;
use desk_core::rsvps::{self, Answered, Counts, Line, NoShows, Status};
use desk_core::{ics, Id};
use serde::Serialize;
use tauri::State;

use crate::commands::sync::{ask, dialog_words};
use crate::dialog::Ask;
use crate::error::ApiError;
use crate::state::AppState;
use desk_core::safe_file::{safe_file_name, write_whole};

#[tauri::command]
pub async fn event_lists(state: State<'_, AppState>) -> Result<Lists, ApiError> {
    state
        .with_store(|store| events::lists(store, chrono::Utc::now()))
        .await
}

/// Everything an event's page shows.
#[derive(Serialize)]
pub struct EventPage {
    pub event: events::Event,
    pub counts: Counts,
    pub rsvps: Vec<Line>,
    pub taken: Taken,
}

#[tauri::command]
pub async fn event_page(state: State<'_, AppState>, id: Id) -> Result<EventPage, ApiError> {
    state
        .with_store(move |store| {
            Ok(EventPage {
                event: events::get(store, id)?,
                counts: rsvps::counts(store, id)?,
                rsvps: rsvps::list(store, id)?,
                taken: events::taken(store, id)?,
            })
        })
        .await
}

/// The event as its edit form holds it.
#[tauri::command]
pub async fn event_form(state: State<'_, AppState>, id: Id) -> Result<EventInput, ApiError> {
    state
        .with_store(move |store| events::input(store, id))
        .await
}

#[derive(Serialize)]
pub struct Saved {
    pub id: Id,
    /// Answers a larger capacity moved up from the waitlist.
    pub promoted: usize,
}

/// Adds an event (`id` none) or saves an edited one.
#[tauri::command]
pub async fn save_event(
    state: State<'_, AppState>,
    id: Option<Id>,
    event: EventInput,
) -> Result<Saved, ApiError> {
    state
        .with_store(move |store| {
            store.write(|w| match id {
                Some(id) => Ok(Saved {
                    id,
                    promoted: events::update(w, id, &event)?.len(),
                }),
                None => Ok(Saved {
                    id: events::insert(w, &event)?,
                    promoted: 0,
                }),
            })
        })
        .await
}

#[tauri::command]
pub async fn remove_event(state: State<'_, AppState>, id: Id) -> Result<(), ApiError> {
    state
        .with_store(move |store| store.write(|w| events::remove(w, id)))
        .await
}

/// Adds someone's answer: the same email is the same person, else a new one.
#[tauri::command]
pub async fn add_rsvp(
    state: State<'_, AppState>,
    event: Id,
    person: NewPerson,
    status: Status,
    guests: i64,
    note: String,
) -> Result<Answered, ApiError> {
    state
        .with_store(move |store| {
            store.write(|w| {
                let (who, _) = desk_core::people::find_or_insert(w, &person)?;
                rsvps::answer(
                    w,
                    &rsvps::Answer {
                        guests,
                        note: &note,
                        ..rsvps::Answer::new(event, who, status)
                    },
                )
            })
        })
        .await
}

#[tauri::command]
pub async fn change_rsvp(
    state: State<'_, AppState>,
    rsvp: Id,
    status: Status,
    guests: i64,
    note: String,
) -> Result<Answered, ApiError> {
    state
        .with_store(move |store| store.write(|w| rsvps::change(w, rsvp, status, guests, &note)))
        .await
}

#[tauri::command]
pub async fn remove_rsvp(state: State<'_, AppState>, rsvp: Id) -> Result<usize, ApiError> {
    state
        .with_store(move |store| store.write(|w| rsvps::remove(w, rsvp)).map(|p| p.len()))
        .await
}

/// Checks an answer in (or, with `undo`, takes the check-in back) from the event's page.
#[tauri::command]
pub async fn set_checked_in(
    state: State<'_, AppState>,
    rsvp: Id,
    checked_in: bool,
) -> Result<Line, ApiError> {
    state
        .with_store(move |store| {
            store.write(|w| {
                if checked_in {
                    rsvps::check_in(w, rsvp, None)
                } else {
                    rsvps::undo_check_in(w, rsvp)
                }
            })
        })
        .await
}

#[tauri::command]
pub async fn mark_no_shows(state: State<'_, AppState>, event: Id) -> Result<NoShows, ApiError> {
    state
        .with_store(move |store| store.write(|w| rsvps::mark_no_shows(w, event)))
        .await
}

#[tauri::command]
pub async fn undo_no_shows(
    state: State<'_, AppState>,
    event: Id,
    at: String,
) -> Result<usize, ApiError> {
    state
        .with_store(move |store| store.write(|w| rsvps::undo_no_shows(w, event, &at)))
        .await
}

/// What a saved calendar holds.
#[derive(Serialize)]
pub struct SavedCalendar {
    pub path: String,
    pub events: usize,
}

/// Asks where to save a calendar (one event, or every announced one) and saves it. `None`:
/// cancelled.
#[tauri::command]
pub async fn save_calendar(
    state: State<'_, AppState>,
    event: Option<Id>,
    title: Option<String>,
    filter: Option<String>,
) -> Result<Option<SavedCalendar>, ApiError> {
    let now = chrono::Utc::now();
    let (text, events, name) = state
        .with_store(move |store| match event {
            Some(id) => {
                let title = events::get(store, id)?.title;
                Ok((
                    ics::for_event(store, id, now)?,
                    1,
                    safe_file_name(&title, "event"),
                ))
            }
            None => {
                let (text, n) = ics::for_all(store, now)?;
                Ok((text, n, "events".to_owned()))
            }
        })
        .await?;
    let question = Ask {
        save: true,
        title: dialog_words(title, "Campaign Desk"),
        filter: dialog_words(filter, "iCalendar"),
        extensions: vec!["ics".into()],
        file_name: Some(format!("{name}.ics")),
    };
    let Some(path) = ask(question).await? else {
        return Ok(None);
    };
    let saved = path.clone();
    tauri::async_runtime::spawn_blocking(move || write_whole(&saved, text.as_bytes()))
        .await
        .map_err(ApiError::internal)??;
    Ok(Some(SavedCalendar {
        path: path.display().to_string(),
        events,
    }))
}
