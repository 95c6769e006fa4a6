//! Running from the AppImage (packaging/appimage.sh). Its AppRun puts the AppImage's own
//! libraries first (`LD_LIBRARY_PATH` and GTK's variables) and says where the AppImage's files
//! are; the app then keeps two things straight that only an AppImage needs:
//!
//! - WebKit starts its web and network processes from a folder compiled into it, which the
//!   AppImage's copy names relative to the working folder (`././/lib/...` for `/usr/lib/...`);
//!   so the window runs in the AppImage's `usr`, with the campaign's path made absolute first.
//! - A program of the computer's own (the PDF viewer) must not start with the AppImage's
//!   libraries first: it gets the environment AppRun found.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::Command;

/// Set by AppRun: the AppImage's `usr` folder.
const RUN_FROM: &str = "CAMPAIGN_DESK_RUN_FROM";
/// The variables AppRun sets, each with its value before (`CAMPAIGN_DESK_HOST_<name>`, absent
/// when it was unset).
const SET_BY_APPRUN: &[&str] = &[
    "LD_LIBRARY_PATH",
    "XDG_DATA_DIRS",
    "GSETTINGS_SCHEMA_DIR",
    "GIO_MODULE_DIR",
    "GDK_PIXBUF_MODULE_FILE",
    "FONTCONFIG_FILE",
];

/// In the AppImage: makes `path` absolute and moves into the AppImage's `usr`, where WebKit
/// finds its processes. Elsewhere nothing changes. Called before the window (and any thread
/// of ours) starts.
pub fn enter_for_window(path: PathBuf) -> std::io::Result<PathBuf> {
    let Some(dir) = std::env::var_os(RUN_FROM) else {
        return Ok(path);
    };
    let path = std::path::absolute(path)?;
    std::env::set_current_dir(dir)?;
    Ok(path)
}

/// Gives `command` (a program of the computer's, not ours) the environment AppRun found.
pub fn host_environment(command: &mut Command) {
    if std::env::var_os(RUN_FROM).is_none() {
        return;
    }
    for name in SET_BY_APPRUN {
        match std::env::var_os(host_name(name)) {
            Some(value) => command.env(name, value),
            None => command.env_remove(name),
        };
    }
}

fn host_name(name: &str) -> OsString {
    format!("CAMPAIGN_DESK_HOST_{name}").into()
}
