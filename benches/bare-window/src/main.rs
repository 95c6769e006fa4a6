//! The start-up benchmark's baseline: a bare Tauri 2 window (one page, one command) that prints
//! when its page is painted, in the line benches/startup.sh reads from the app too.

use std::sync::OnceLock;
use std::time::Instant;

static STARTED: OnceLock<Instant> = OnceLock::new();

#[tauri::command]
async fn frontend_ready(screen: String, page_ms: Option<f64>, marks: Option<String>) {
    let screen: String = screen
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(20)
        .collect();
    let ms = STARTED.get().map_or(0, |s| s.elapsed().as_millis());
    let page = page_ms.unwrap_or(0.0).round();
    let marks: String = marks
        .unwrap_or_default()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == ' ')
        .take(200)
        .collect();
    eprintln!("bare-window: first paint ({screen}) after {ms} ms (page {page} ms: {marks})");
}

fn main() {
    STARTED.get_or_init(Instant::now);
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![frontend_ready])
        .run(tauri::generate_context!())
        .expect("the bare window failed to start");
}
