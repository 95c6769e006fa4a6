use std::sync::Once;

use tauri::State;

use crate::error::ApiError;
use crate::state::AppState;

/// Set this variable to have the app print, once, how long it took from process start to the
/// first painted screen (benches/startup.sh reads it).
pub const STARTUP_REPORT_ENV: &str = "CAMPAIGN_DESK_STARTUP_REPORT";

static REPORTED: Once = Once::new();

/// The window calls this once its first screen is painted. (Async like every command, so it
/// never runs on the main thread.)
#[tauri::command]
pub async fn frontend_ready(
    state: State<'_, AppState>,
    screen: String,
    page_ms: Option<f64>,
    marks: Option<String>,
) -> Result<(), ApiError> {
    REPORTED.call_once(|| {
        if std::env::var_os(STARTUP_REPORT_ENV).is_some() {
            let screen = plain(&screen, false, 20);
            // page_ms: how much of it the page took, from its navigation to the paint; marks:
            // the page's own steps on the way ("modules 40 safety 52 ..."), for finding the time.
            let marks = plain(&marks.unwrap_or_default(), true, 200);
            eprintln!(
                "campaign-desk: first paint ({screen}) after {} ms (page {} ms: {marks})",
                state.started.elapsed().as_millis(),
                page_ms.unwrap_or(0.0).round()
            );
        }
    });
    Ok(())
}

/// At most `max` of `text`'s ASCII letters and digits (and spaces, with `spaces`): what the
/// page sends shapes nothing in the report's line but its words.
fn plain(text: &str, spaces: bool, max: usize) -> String {
    text.chars()
        .filter(|c| c.is_ascii_alphanumeric() || (spaces && *c == ' '))
        .take(max)
        .collect()
}
