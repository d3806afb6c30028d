//! The command line: `posrecon reconcile`, `posrecon inspect FILE`, `posrecon rules`, and `posrecon open`
//! (the desktop app). [`run`] parses the arguments, runs the command and tells `main` how to end: with an
//! exit code, or by opening the app (which only `main` knows how to do, so that a build without the `gui`
//! feature stays a plain command-line tool).
//!
//! Exit codes: 0 done; 1 an export could not be written; 2 bad input (a missing or unreadable file, an import
//! error printed as `file:line:column: message`, a bad flag or config file); 3 `--fail-on` was given and a
//! flag of that severity or higher was found.

mod errors;
mod imports;
mod reconcile;
mod rules;
mod settings;
mod shown;
mod summary;
mod workspace;

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use errors::CliError;
pub use reconcile::ReconcileArgs;
pub use rules::RulesArgs;
pub use workspace::WorkspaceArgs;

/// How the program should end.
#[derive(Debug)]
pub enum Outcome {
    /// A command ran (or failed); exit with this code.
    Exit(ExitCode),
    /// No command, or `open FILE…`: open the desktop app with these files loaded.
    OpenApp(Vec<PathBuf>),
}

/// Exit code when `--fail-on` finds a flag of that severity or higher.
pub const EXIT_FINDINGS: u8 = 3;
/// Exit code for bad input.
pub const EXIT_BAD_INPUT: u8 = 2;
/// Exit code when an export could not be written.
pub const EXIT_CANNOT_WRITE: u8 = 1;

/// posrecon: reconcile a shop's POS-terminal log against its bank statement.
#[derive(Debug, Parser)]
#[command(name = "posrecon", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
#[allow(
    clippy::large_enum_variant,
    reason = "parsed once per run from the command line; boxing would only change every match on it"
)]
pub enum Command {
    /// Match the terminal log(s) against the bank statement(s) and report what is missing or suspicious.
    Reconcile(ReconcileArgs),
    /// Show how a file is read: encoding, delimiter, header line, column mapping, row count, first rows, errors.
    Inspect {
        /// The file to look at.
        file: PathBuf,
        /// Import profile (column mapping, TOML) to read it with, instead of detecting it.
        #[arg(long, value_name = "P.toml")]
        profile: Option<PathBuf>,
        /// Day/month order of dates the file leaves open (05/01/2023): dmy, mdy or ymd.
        #[arg(long, value_enum, value_name = "ORDER")]
        date_order: Option<imports::DateOrderArg>,
    },
    /// List the suspicious-entry rules with their ids, severities and thresholds.
    Rules(RulesArgs),
    /// Open the desktop app with these files loaded.
    Open {
        /// Terminal logs and bank statements to load.
        files: Vec<PathBuf>,
    },
    /// Keep imports, decisions and an audit log in a workspace file: init, import, reconcile, status, history.
    Workspace(WorkspaceArgs),
    /// Check the workspace's audit log: exit 3 and the first broken entry when it was tampered with.
    VerifyLog {
        /// The workspace file (default: posrecon/workspace.posrecon in the OS data directory).
        #[arg(long, value_name = "PATH")]
        workspace: Option<PathBuf>,
    },
}

/// Runs the command line on the process's arguments.
pub fn run() -> Outcome {
    run_with(std::env::args_os())
}

/// Runs the command line on the given arguments (the first is the program name).
pub fn run_with<I, T>(args: I) -> Outcome
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(err) => {
            // Help and version go to stdout with code 0; usage errors to stderr with code 2.
            let _ = err.print();
            return Outcome::Exit(ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(EXIT_BAD_INPUT)));
        }
    };
    let result = match cli.command {
        None => return Outcome::OpenApp(Vec::new()),
        Some(Command::Open { files }) => return Outcome::OpenApp(files),
        Some(Command::Reconcile(args)) => reconcile::run(&args),
        Some(Command::Inspect {
            file,
            profile,
            date_order,
        }) => imports::inspect(&file, profile.as_deref(), date_order),
        Some(Command::Rules(args)) => rules::run(&args).map(|()| ExitCode::SUCCESS),
        Some(Command::Workspace(args)) => workspace::run(&args),
        Some(Command::VerifyLog { workspace }) => workspace::verify_log(workspace.as_deref()),
    };
    Outcome::Exit(match result {
        Ok(code) => code,
        Err(err) => {
            anstream::eprintln!(
                "{}error:{} {}",
                summary::ERROR_STYLE.render(),
                summary::ERROR_STYLE.render_reset(),
                shown::shown(&err.to_string())
            );
            ExitCode::from(err.exit_code())
        }
    })
}

/// What a build without the desktop app does when asked to open it: explain, show the commands, exit 2.
pub fn app_not_built() -> ExitCode {
    use clap::CommandFactory;
    eprintln!("posrecon was built without the desktop app (the `gui` feature); use a subcommand:\n");
    let _ = Cli::command().print_help();
    ExitCode::from(EXIT_BAD_INPUT)
}
