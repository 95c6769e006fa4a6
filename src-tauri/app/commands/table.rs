//! Table mode: the laptop left on an event table, showing only the signing form. Its commands
//! take no appeal from the window: the appeal is the one table mode was started for, and what a
//! signing returns is the running count, never anyone's data. Leaving needs the organizer's PIN.

use desk_core::appeals::{self, Text};
use desk_core::kiosk::{self, KioskSettings, TableMode};
use desk_core::people::NewPerson;
use desk_core::signing::{self, Display, Signing, Source};
use desk_core::Id;
use serde::Serialize;
use tauri::{Runtime, State, WebviewWindow};

use crate::error::ApiError;
use crate::state::AppState;

#[tauri::command]
pub async fn kiosk_settings(state: State<'_, AppState>) -> Result<KioskSettings, ApiError> {
    state.with_store(|store| kiosk::settings(store)).await
}

#[tauri::command]
pub async fn set_pin(
    state: State<'_, AppState>,
    current: Option<String>,
    pin: String,
) -> Result<KioskSettings, ApiError> {
    state
        .with_store(move |store| {
            kiosk::set_pin(store, current.as_deref(), &pin)?;
            kiosk::settings(store)
        })
        .await
}

#[tauri::command]
pub async fn set_idle_seconds(
    state: State<'_, AppState>,
    seconds: i64,
) -> Result<KioskSettings, ApiError> {
    state
        .with_store(move |store| {
            kiosk::set_idle_seconds(store, seconds)?;
            kiosk::settings(store)
        })
        .await
}

#[tauri::command]
pub async fn table_mode_status<R: Runtime>(
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
) -> Result<Option<TableMode>, ApiError> {
    let mode = state.with_store(|store| kiosk::table_mode(store)).await?;
    if mode.is_some() {
        // Coming back to a table (a reload, a restart): full screen again.
        state.lock_window(&window, true);
    } else {
        state.set_locked(false);
    }
    Ok(mode)
}

#[tauri::command]
pub async fn start_table_mode<R: Runtime>(
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
    appeal: Id,
    event: Option<Id>,
) -> Result<TableMode, ApiError> {
    let mode = state
        .with_store(move |store| kiosk::start_table_mode(store, appeal, event))
        .await?;
    state.lock_window(&window, true);
    state.reset_table_count();
    Ok(mode)
}

/// Leaves table mode with the PIN; `close` then closes the window (the organizer asked to).
#[tauri::command]
pub async fn leave_table_mode<R: Runtime>(
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
    pin: String,
    close: bool,
) -> Result<(), ApiError> {
    state
        .with_store(move |store| kiosk::leave_table_mode(store, &pin, chrono::Utc::now()))
        .await?;
    state.reset_table_count();
    state.unlock_window(&window, close);
    Ok(())
}

/// The table's appeal in the visitor's language (or its own language when it has none).
#[tauri::command]
pub async fn table_words(state: State<'_, AppState>, lang: String) -> Result<Text, ApiError> {
    state
        .with_store(move |store| {
            let mode = current(store)?;
            let lang = desk_core::text::lang_code(&lang)?;
            appeals::current_text_in(store, mode.appeal, &lang)
        })
        .await
}

/// The thank-you: how many have signed, from how many countries. Nothing about the signer,
/// and not whether they had signed before (see `AppState::count_table_signing`).
#[derive(Serialize)]
pub struct Thanks {
    pub signers: i64,
    pub countries: i64,
}

#[tauri::command]
pub async fn table_sign(
    state: State<'_, AppState>,
    person: NewPerson,
    lang: String,
    display: Option<Display>,
    contact_consent: bool,
) -> Result<Thanks, ApiError> {
    let (appeal, signers, countries) = state
        .with_store(move |store| {
            let mode = current(store)?;
            let display = display.ok_or_else(|| desk_core::Error::invalid("choose_display"))?;
            store.write(|w| {
                signing::sign_in(
                    w,
                    &Signing {
                        appeal: mode.appeal,
                        person,
                        lang: Some(lang),
                        source: Source::Table,
                        display,
                        contact_consent,
                        event: mode.event,
                        sheet: None,
                        entered_by: None,
                        known_person: None,
                    },
                )
            })?;
            let (signers, countries) = appeals::count(store, mode.appeal)?;
            Ok((mode.appeal, signers, countries))
        })
        .await?;
    Ok(Thanks {
        signers: state.count_table_signing(appeal, signers),
        countries,
    })
}

fn current(store: &desk_core::Store) -> desk_core::Result<TableMode> {
    kiosk::table_mode(store)?.ok_or_else(|| desk_core::Error::invalid("table_mode_off"))
}
