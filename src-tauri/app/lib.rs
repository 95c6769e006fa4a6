//! The desktop shell: the Tauri app around desk-core. `main.rs` decides between the window and a
//! scripting command; both open the store the same way and call the same core functions.

// First: its say! macros are used by the modules after it.
#[macro_use]
pub mod cli_words;
pub mod appimage;
pub mod auto_backup;
pub mod cli;
pub mod cli_events;
pub mod cli_import;
pub mod cli_money;
pub mod cli_people;
pub mod cli_print;
pub mod cli_sign;
pub mod command_names;
pub mod commands;
pub mod dialog;
pub mod error;
pub mod state;

use std::process::ExitCode;
use std::time::Instant;

use tauri::{Builder, Manager, Runtime};

use crate::state::AppState;

/// Adds the app's state and commands to `builder`. Generic over the runtime so that the tests
/// can run the same app on `tauri::test::mock_builder()`.
pub fn setup<R: Runtime>(builder: Builder<R>, state: AppState) -> Builder<R> {
    builder
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::campaign::campaign_status,
            commands::campaign::start_campaign,
            commands::campaign::load_sample_campaign,
            commands::dashboard::dashboard_stats,
            commands::settings::app_info,
            commands::settings::check_database,
            commands::shell::frontend_ready,
            commands::sync::sync_status,
            commands::sync::set_laptop_name,
            commands::sync::set_sync_passphrase,
            commands::sync::save_bundle,
            commands::sync::choose_bundle,
            commands::sync::preview_bundle,
            commands::sync::apply_bundle,
            commands::sync::sync_conflicts,
            commands::sync::review_conflict,
            commands::appeals::list_appeals,
            commands::appeals::appeal_page,
            commands::appeals::create_appeal,
            commands::appeals::save_appeal_words,
            commands::appeals::set_appeal_details,
            commands::appeals::set_appeal_status,
            commands::appeals::appeal_text,
            commands::appeals::find_signers,
            commands::appeals::set_prominence,
            commands::appeals::event_choices,
            commands::appeals::person_page,
            commands::appeals::withdraw_consent,
            commands::appeals::open_sheet,
            commands::appeals::next_sheet_number,
            commands::appeals::sign_sheet_row,
            commands::appeals::take_back_row,
            commands::table::kiosk_settings,
            commands::table::set_pin,
            commands::table::set_idle_seconds,
            commands::table::table_mode_status,
            commands::table::start_table_mode,
            commands::table::leave_table_mode,
            commands::table::table_words,
            commands::table::table_sign,
            commands::import::rsvp_import_choose_file,
            commands::import::rsvp_import_preview,
            commands::import::rsvp_import_commit,
            commands::import::export_rsvps,
            commands::door::door_mode_status,
            commands::door::start_door_mode,
            commands::door::leave_door_mode,
            commands::door::door_search,
            commands::door::door_check_in,
            commands::door::door_undo_check_in,
            commands::door::door_walk_in,
            commands::door::door_words,
            commands::door::door_no_shows,
            commands::door::door_undo_no_shows,
            commands::events::event_lists,
            commands::events::event_page,
            commands::events::event_form,
            commands::events::save_event,
            commands::events::remove_event,
            commands::events::add_rsvp,
            commands::events::change_rsvp,
            commands::events::remove_rsvp,
            commands::events::set_checked_in,
            commands::events::mark_no_shows,
            commands::events::undo_no_shows,
            commands::events::save_calendar,
            commands::import::import_choose_file,
            commands::import::import_preview,
            commands::import::import_commit,
            commands::import::export_signers,
            commands::people::people_page,
            commands::people::people_count,
            commands::people::save_person,
            commands::people::duplicate_queue,
            commands::people::merge_people,
            commands::people::mark_different,
            commands::people::undo_merge,
            commands::people::signer_numbers,
            commands::money::understand_amount,
            commands::money::money_overview,
            commands::money::ledger_page,
            commands::money::record_donation,
            commands::money::donation_page,
            commands::money::donation_form,
            commands::money::correct_donation,
            commands::money::void_donation,
            commands::money::money_people,
            commands::money::save_fund,
            commands::money::fund_form,
            commands::money::fund_page,
            commands::money::record_expense,
            commands::money::expense_page,
            commands::money::void_expense,
            commands::money::cash_boxes,
            commands::money::open_cash_box,
            commands::money::close_cash_box,
            commands::money::correct_cash_box,
            commands::money::money_settings,
            commands::money::save_money_settings,
            commands::money::set_exchange_rate,
            commands::money::void_receipt,
            commands::money::donation_import_choose_file,
            commands::money::donation_import_preview,
            commands::money::donation_import_commit,
            commands::money::export_ledger,
            commands::money::export_donations,
            commands::safety::safety_status,
            commands::safety::unlock,
            commands::safety::lock,
            commands::safety::set_encryption,
            commands::safety::set_lock_minutes,
            commands::safety::set_backups_keep,
            commands::safety::backup_now,
            commands::safety::save_backup_as,
            commands::safety::choose_backup_file,
            commands::safety::restore_backup,
            commands::people::export_person,
            commands::print::print_preview,
            commands::print::choose_print_photo,
            commands::print::clear_print_photo,
            commands::print::save_print,
            commands::print::receipts_owed,
            commands::print::save_receipts_per_donor,
            commands::print::open_last_print,
            commands::people::erase_person,
        ])
        .on_window_event(|window, event| {
            // In table or door mode the window closes only through the PIN: the close is refused and
            // the signing form asks for the PIN (leave_table_mode closes it after). A DOM event
            // reaches the page without granting it Tauri's event API.
            if let tauri::WindowEvent::CloseRequested { api, .. } = event {
                if window.state::<AppState>().in_locked_mode() {
                    api.prevent_close();
                    if let Some(webview) = window.get_webview_window(window.label()) {
                        let _ = webview.eval(
                            "window.dispatchEvent(new Event('campaign-desk-close-requested'))",
                        );
                    }
                }
            }
        })
}

/// The app's configuration, window, capabilities and embedded `ui/`.
pub fn context<R: Runtime>() -> tauri::Context<R> {
    tauri::generate_context!()
}

/// The variable that turns off WebKitGTK's DMA-BUF renderer (its frames then reach the window
/// through shared memory).
#[cfg(target_os = "linux")]
const DMABUF_RENDERER_ENV: &str = "WEBKIT_DISABLE_DMABUF_RENDERER";

/// Hands the window's frames over through shared memory unless the person starting it chose
/// otherwise (`WEBKIT_DISABLE_DMABUF_RENDERER=0` gives WebKit's default back). With the DMA-BUF
/// renderer, the Dashboard's first frame took about 1.4 times a bare Tauri window's start on
/// a laptop without a GPU (Mesa's software GL); without it, about 1.1 times, and less memory
/// than the bare window (benches/startup.sh). It is also the usual cure for a blank WebKitGTK
/// window on some graphics drivers. Called before any thread of ours starts: WebKit's
/// processes inherit the environment.
#[cfg(target_os = "linux")]
fn choose_webkit_renderer() {
    if std::env::var_os(DMABUF_RENDERER_ENV).is_none() {
        std::env::set_var(DMABUF_RENDERER_ENV, "1");
    }
}

/// Opens the window on the store as `main` opened it (or found it locked or damaged) and runs
/// until it is closed.
pub fn run_window(
    path: std::path::PathBuf,
    opened: desk_core::Result<desk_core::Store>,
    started: Instant,
) -> ExitCode {
    // Without a display GTK would panic; say what to do instead.
    #[cfg(target_os = "linux")]
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        eprintln!("campaign-desk: {}", say!("cli.no_display"));
        return ExitCode::FAILURE;
    }
    let slot = match opened {
        Ok(store) => state::Slot::Open(Box::new(store)),
        // The unlock screen asks for the passphrase.
        Err(desk_core::Error::NeedsPassphrase { .. }) => state::Slot::Locked,
        // The window says so and offers the newest good backup; the file is never written to.
        Err(desk_core::Error::Damaged { cause, .. }) => state::Slot::Damaged(cause),
        Err(e) => return cli::fail(&e),
    };
    let path = match appimage::enter_for_window(path) {
        Ok(path) => path,
        Err(e) => {
            eprintln!("campaign-desk: {}", say!("cli.window_failed", cause = e));
            return ExitCode::FAILURE;
        }
    };
    #[cfg(target_os = "linux")]
    choose_webkit_renderer();
    let state = AppState::with_slot(path, slot, started);
    state.count_ahead();
    let app = match setup(Builder::default(), state).build(context()) {
        Ok(app) => app,
        Err(e) => {
            eprintln!("campaign-desk: {}", say!("cli.window_failed", cause = e));
            return ExitCode::FAILURE;
        }
    };
    auto_backup::start_daily(app.handle().clone());
    app.run(|handle, event| {
        if let tauri::RunEvent::Exit = event {
            auto_backup::make(handle, false);
        }
    });
    ExitCode::SUCCESS
}
