//! The `posrecon` binary: no arguments opens the desktop app; a subcommand runs the command line.
//! `posrecon::cli::run` does all the parsing; this file only knows how to open the app, so that a build
//! without the `gui` feature (`--no-default-features`) is a plain command-line tool.
//! On Windows the binary is a GUI-subsystem program (no console window opens behind the app); a command typed in
//! a terminal attaches to that terminal's console so its output and errors still show there.
#![cfg_attr(windows, windows_subsystem = "windows")]

use std::path::PathBuf;
use std::process::ExitCode;

use posrecon::cli::{self, Outcome};

fn main() -> ExitCode {
    #[cfg(windows)]
    attach_to_the_terminal();
    match cli::run() {
        Outcome::Exit(code) => code,
        Outcome::OpenApp(files) => open_app(files),
    }
}

/// The desktop app is not part of this build: say so and show the commands.
#[cfg(not(feature = "gui"))]
fn open_app(_files: Vec<PathBuf>) -> ExitCode {
    cli::app_not_built()
}

/// Opens the desktop app (with `files` read and reconciled straight away, when given).
#[cfg(feature = "gui")]
fn open_app(files: Vec<PathBuf>) -> ExitCode {
    match posrecon::gui::run(files) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("posrecon: cannot open the window: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Windows: when posrecon was started with a command (`posrecon reconcile …`, `posrecon --help`) from a terminal,
/// write to that terminal's console. Started from Explorer, the Start menu or a file association there is no
/// parent console, the call fails, and nothing is shown, as it should be. Output redirected to a file or a pipe is
/// inherited as usual and needs none of this. `posrecon open FILE…` (what the file associations run) stays quiet.
#[cfg(windows)]
fn attach_to_the_terminal() {
    let command = std::env::args_os().nth(1);
    if command.is_some_and(|c| c != "open") {
        // SAFETY: AttachConsole takes a process id and has no pointer arguments; failure is reported by its
        // return value, which is not needed here.
        unsafe {
            windows_sys::Win32::System::Console::AttachConsole(
                windows_sys::Win32::System::Console::ATTACH_PARENT_PROCESS,
            );
        }
    }
}
