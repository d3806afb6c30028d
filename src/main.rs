//! The `posrecon` binary: no arguments opens the desktop app; a subcommand runs the command line.
//! `posrecon::cli::run` does all the parsing; this file only knows how to open the app, so that a build
//! without the `gui` feature (`--no-default-features`) is a plain command-line tool.

use std::path::PathBuf;
use std::process::ExitCode;

use posrecon::cli::{self, Outcome};

fn main() -> ExitCode {
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
