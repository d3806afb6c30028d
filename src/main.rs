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

/// Until the desktop app is wired in here, a `gui` build behaves like a command-line build.
#[cfg(feature = "gui")]
fn open_app(_files: Vec<PathBuf>) -> ExitCode {
    cli::app_not_built()
}
