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
/// Set by AppRun: the names of the variables it changes, each with its value before kept in
/// `CAMPAIGN_DESK_HOST_<name>` (absent when it was unset).
const HOST_VARS: &str = "CAMPAIGN_DESK_HOST_VARS";

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
    let names = std::env::var(HOST_VARS).unwrap_or_default();
    for (name, value) in host_values(&names, |name| std::env::var_os(name)) {
        match value {
            Some(value) => command.env(name, value),
            None => command.env_remove(name),
        };
    }
}

/// Each variable AppRun named in `names` (a space-separated list) with its value before AppRun
/// (`None`: it was unset), read through `var`. Only names of capitals, digits and underscores
/// are taken, so the list cannot reach a variable by a strange name.
fn host_values(
    names: &str,
    var: impl Fn(&str) -> Option<OsString>,
) -> Vec<(&str, Option<OsString>)> {
    names
        .split_ascii_whitespace()
        .filter(|name| {
            name.bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
        })
        .map(|name| (name, var(&format!("CAMPAIGN_DESK_HOST_{name}"))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_host_values_are_those_apprun_kept() {
        let kept = |name: &str| match name {
            "CAMPAIGN_DESK_HOST_LD_LIBRARY_PATH" => Some(OsString::from("/opt/lib")),
            "CAMPAIGN_DESK_HOST_FONTCONFIG_FILE" => Some(OsString::from("/etc/fonts/x.conf")),
            _ => None,
        };
        let values = host_values(
            "LD_LIBRARY_PATH XDG_DATA_DIRS\nFONTCONFIG_FILE  bad;name PATH=x",
            kept,
        );
        assert_eq!(
            values,
            vec![
                ("LD_LIBRARY_PATH", Some(OsString::from("/opt/lib"))),
                ("XDG_DATA_DIRS", None),
                ("FONTCONFIG_FILE", Some(OsString::from("/etc/fonts/x.conf"))),
            ]
        );
        assert!(host_values("", kept).is_empty());
    }
}
