//! Native file dialogs, shown by a child process: `campaign-desk dialog ...` (hidden from
//! --help) shows one GTK dialog, prints the chosen path and exits, without opening a database.
//!
//! Why not in the window's process: GTK's file chooser opens and closes the files of the folders
//! it lists (to tell their types). On Linux, closing any descriptor of a file drops every POSIX
//! lock the process holds on it, so a chooser that passed the campaign's folder silently dropped
//! SQLite's locks. A CLI command run beside the window then took the database for its own, and
//! the window's next writes went to a journal nobody else reads: lost. In a child process the
//! chooser can open what it likes.

use std::ffi::OsString;
use std::io::Write;
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::PathBuf;
use std::process::{Command, ExitCode, Stdio};

/// The extension bundles are saved with; the open dialog offers these first.
pub const BUNDLE_EXTENSION: &str = "cdbundle";

/// What to ask.
#[derive(Debug, Clone, clap::Args)]
pub struct Ask {
    /// Ask where to save (else which file to open)
    #[arg(long)]
    pub save: bool,
    #[arg(long, default_value = "Campaign Desk")]
    pub title: String,
    /// The name of the file type offered (bundles), in the window's language
    #[arg(long, default_value = "Campaign Desk bundle")]
    pub filter: String,
    /// The file name endings the filter offers
    #[arg(long, value_delimiter = ',', default_value = BUNDLE_EXTENSION)]
    pub extensions: Vec<String>,
    /// The file name suggested when saving
    #[arg(long)]
    pub file_name: Option<String>,
}

/// In the child: shows the dialog and prints the path chosen (nothing when cancelled).
pub fn show(ask: &Ask) -> ExitCode {
    let mut dialog = rfd::FileDialog::new().set_title(&ask.title);
    // No endings: a name for a folder to be made (receipts, one file per donor).
    let endings: Vec<&String> = ask.extensions.iter().filter(|e| !e.is_empty()).collect();
    if !endings.is_empty() {
        dialog = dialog.add_filter(&ask.filter, &endings);
    }
    if let Some(name) = &ask.file_name {
        dialog = dialog.set_file_name(name);
    }
    let chosen = if ask.save {
        dialog.save_file()
    } else {
        dialog.pick_file()
    };
    if let Some(path) = chosen {
        let mut out = std::io::stdout();
        let _ = out.write_all(path.as_os_str().as_bytes());
        let _ = out.flush();
    }
    ExitCode::SUCCESS
}

/// In the window: runs the child and waits for the person to choose. `Ok(None)` when cancelled.
pub fn ask(ask: &Ask) -> std::io::Result<Option<PathBuf>> {
    let mut command = Command::new(std::env::current_exe()?);
    command
        .arg("dialog")
        .arg("--title")
        .arg(&ask.title)
        .arg("--filter")
        .arg(&ask.filter)
        .arg("--extensions")
        .arg(ask.extensions.join(","));
    if ask.save {
        command.arg("--save");
    }
    if let Some(name) = &ask.file_name {
        command.arg("--file-name").arg(name);
    }
    let out = command.stdin(Stdio::null()).output()?;
    if !out.status.success() {
        // What GTK said before it failed, for the log.
        let said = String::from_utf8_lossy(&out.stderr);
        let tail: String = said
            .chars()
            .rev()
            .take(2000)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        return Err(std::io::Error::other(format!(
            "the file dialog ended with {}: {}",
            out.status,
            tail.trim()
        )));
    }
    Ok((!out.stdout.is_empty()).then(|| PathBuf::from(OsString::from_vec(out.stdout))))
}
