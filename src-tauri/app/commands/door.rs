//! Door mode: one event's door, full screen, for a volunteer checking people in. Like table mode
//! its commands take no event from the window (the one the door was opened for), and they show
//! only what checking in needs: names, parties and arrivals, an email's first letter and domain
//! to tell two people of one name apart. Leaving needs the organizer's PIN.

use desk_core::appeals::{self, Text};
use desk_core::kiosk::{self, DoorMode};
use desk_core::rsvps::{self, Counts, Line, NoShows, WalkIn};
use desk_core::{events, Id, Store};
use serde::Serialize;
use tauri::{Runtime, State, WebviewWindow};

use crate::error::ApiError;
use crate::state::AppState;

/// What the door shows of its event.
#[derive(Serialize)]
pub struct Door {
    pub event: Id,
    pub title: String,
    pub starts_at: Option<String>,
    pub time_zone: String,
    /// The door can take a walk-in's signature of this appeal.
    pub appeal: Option<Id>,
    pub price_currency: Option<String>,
    pub counts: Counts,
}

fn door(store: &Store) -> desk_core::Result<Door> {
    let id = kiosk::door_event(store)?;
    let e = events::get(store, id)?;
    Ok(Door {
        event: id,
        title: e.title,
        starts_at: e.starts_at,
        time_zone: e.time_zone,
        appeal: e.appeal,
        price_currency: e.price_currency,
        counts: rsvps::counts(store, id)?,
    })
}

#[tauri::command]
pub async fn door_mode_status<R: Runtime>(
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
) -> Result<Option<Door>, ApiError> {
    let open = state
        .with_store(|store| match kiosk::door_mode(store)? {
            Some(DoorMode { .. }) => door(store).map(Some),
            None => Ok(None),
        })
        .await?;
    if open.is_some() {
        // Coming back to the door (a reload, a restart): locked and full screen again.
        state.lock_window(&window, true);
    }
    Ok(open)
}

#[tauri::command]
pub async fn start_door_mode<R: Runtime>(
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
    event: Id,
) -> Result<Door, ApiError> {
    let opened = state
        .with_store(move |store| {
            kiosk::start_door_mode(store, event)?;
            door(store)
        })
        .await?;
    state.lock_window(&window, true);
    Ok(opened)
}

/// Leaves door mode with the PIN; `close` then closes the window (the organizer asked to).
#[tauri::command]
pub async fn leave_door_mode<R: Runtime>(
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
    pin: String,
    close: bool,
) -> Result<(), ApiError> {
    state
        .with_store(move |store| kiosk::leave_door_mode(store, &pin, chrono::Utc::now()))
        .await?;
    state.unlock_window(&window, close);
    Ok(())
}

/// An answer as the door shows it.
#[derive(Serialize)]
pub struct DoorLine {
    pub rsvp: Id,
    pub given_name: String,
    pub family_name: String,
    /// "m…@example.org": enough to tell two people of one name apart.
    pub email_hint: Option<String>,
    pub party: i64,
    pub status: rsvps::Status,
    pub checked_in: bool,
    pub arrived: i64,
}

fn hint(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}\u{2026}@{domain}")
        }
        None => "\u{2026}".into(),
    }
}

fn door_line(l: Line) -> DoorLine {
    DoorLine {
        rsvp: l.id,
        email_hint: l.email.as_deref().map(hint),
        given_name: l.given_name,
        family_name: l.family_name,
        party: 1 + l.guests,
        status: l.status,
        checked_in: l.attendance.as_deref() == Some("attended"),
        arrived: l.arrived,
    }
}

/// The door's answers matching what was typed (the first ones by name when nothing is).
#[tauri::command]
pub async fn door_search(
    state: State<'_, AppState>,
    text: String,
) -> Result<Vec<DoorLine>, ApiError> {
    state
        .with_store(move |store| {
            let event = kiosk::door_event(store)?;
            Ok(rsvps::door_search(store, event, &text, 30)?
                .into_iter()
                .map(door_line)
                .collect())
        })
        .await
}

/// The answer, if it is one of the door's event.
fn of_door(store: &Store, rsvp: Id) -> desk_core::Result<Id> {
    let event = kiosk::door_event(store)?;
    let line = rsvps::line(store, rsvp)?;
    let belongs = rsvps::find(store, event, line.person)? == Some(rsvp);
    if !belongs {
        return Err(desk_core::Error::NotFound(
            desk_core::messages::Message::new("rsvp_not_found"),
        ));
    }
    Ok(event)
}

/// After a check-in or its undo: the line as it is now and the door's counts.
#[derive(Serialize)]
pub struct Arrival {
    pub line: DoorLine,
    pub counts: Counts,
}

#[tauri::command]
pub async fn door_check_in(
    state: State<'_, AppState>,
    rsvp: Id,
    arrived: Option<i64>,
) -> Result<Arrival, ApiError> {
    state
        .with_store(move |store| {
            let event = of_door(store, rsvp)?;
            let line = store.write(|w| rsvps::check_in(w, rsvp, arrived))?;
            Ok(Arrival {
                line: door_line(line),
                counts: rsvps::counts(store, event)?,
            })
        })
        .await
}

#[tauri::command]
pub async fn door_undo_check_in(state: State<'_, AppState>, rsvp: Id) -> Result<Arrival, ApiError> {
    state
        .with_store(move |store| {
            let event = of_door(store, rsvp)?;
            let line = store.write(|w| rsvps::undo_check_in(w, rsvp))?;
            Ok(Arrival {
                line: door_line(line),
                counts: rsvps::counts(store, event)?,
            })
        })
        .await
}

/// A walk-in let in: whether they were found (not added), and the door's counts.
#[derive(Serialize)]
pub struct WalkedIn {
    pub rsvp: Id,
    pub known: bool,
    pub signed: bool,
    pub gave: bool,
    pub counts: Counts,
}

#[tauri::command]
pub async fn door_walk_in(
    state: State<'_, AppState>,
    walk_in: WalkIn,
) -> Result<WalkedIn, ApiError> {
    state
        .with_store(move |store| {
            let event = kiosk::door_event(store)?;
            let done = store.write(|w| rsvps::walk_in(w, event, &walk_in))?;
            Ok(WalkedIn {
                rsvp: done.rsvp,
                known: done.known,
                signed: done.signed.is_some(),
                gave: done.donation.is_some(),
                counts: rsvps::counts(store, event)?,
            })
        })
        .await
}

/// The words of the event's appeal in the walk-in's language, for their signature.
#[tauri::command]
pub async fn door_words(state: State<'_, AppState>, lang: String) -> Result<Text, ApiError> {
    state
        .with_store(move |store| {
            let event = kiosk::door_event(store)?;
            let appeal = events::get(store, event)?
                .appeal
                .ok_or_else(|| desk_core::Error::invalid("event_has_no_appeal"))?;
            let lang = desk_core::text::lang_code(&lang)?;
            appeals::current_text_in(store, appeal, &lang)
        })
        .await
}

/// The end of the evening: everyone going who has not arrived is a no-show.
#[tauri::command]
pub async fn door_no_shows(state: State<'_, AppState>) -> Result<NoShows, ApiError> {
    state
        .with_store(|store| {
            let event = kiosk::door_event(store)?;
            store.write(|w| rsvps::mark_no_shows(w, event))
        })
        .await
}

#[tauri::command]
pub async fn door_undo_no_shows(
    state: State<'_, AppState>,
    at: String,
) -> Result<Counts, ApiError> {
    state
        .with_store(move |store| {
            let event = kiosk::door_event(store)?;
            store.write(|w| rsvps::undo_no_shows(w, event, &at))?;
            rsvps::counts(store, event)
        })
        .await
}
