// The one binary: the window, or a scripting command (see cli.rs). The store is opened before
// either, so a bad `--db` ends with a one-line error and nothing created or changed.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::process::ExitCode;
use std::time::Instant;

use campaign_desk::cli::{self, Args};
use clap::Parser;
use desk_core::store::{Access, Store};

fn main() -> ExitCode {
    let started = Instant::now();

    let args = Args::parse();
    // The window's file dialogs run here, in a child process that never opens a database.
    if let Some(cli::Command::Dialog(ask)) = &args.command {
        return campaign_desk::dialog::show(ask);
    }
    // `campaign-desk people search x | head`: when the reader stops reading, a command ends
    // quietly as Unix tools do, rather than panic on a closed pipe (Rust ignores SIGPIPE). Not
    // the window: its pipes to WebKit's processes must fail as errors, never kill it.
    #[cfg(unix)]
    if args.command.is_some() {
        // SAFETY: setting a signal's default disposition at start, before any thread exists.
        unsafe {
            libc::signal(libc::SIGPIPE, libc::SIG_DFL);
        }
    }
    let access = args
        .command
        .as_ref()
        .map_or(Access::Create, cli::Command::access);
    let path = match cli::database_path(&args) {
        Ok(path) => path,
        Err(e) => return cli::fail(&e),
    };
    let passphrase = match cli::passphrase(&args) {
        Ok(p) => p,
        Err(e) => return cli::fail(&e),
    };
    if let Some(cli::Command::Restore { file }) = &args.command {
        return cli::restore(&path, file, passphrase.as_ref());
    }
    let existed = path.exists();
    let opened = Store::open_keyed(&path, access, passphrase.as_ref());
    match &args.command {
        Some(command) => {
            let store = match opened {
                Ok(store) => store,
                Err(e) => return cli::fail(&e),
            };
            let code = cli::run(command, store, passphrase.as_ref());
            if code != ExitCode::SUCCESS && !existed && command.removes_what_it_created_on_failure()
            {
                desk_core::store::remove_with_companions(&path);
            }
            code
        }
        None => campaign_desk::run_window(path, opened, started),
    }
}
