//! What can stop a command, with the exit code each one gives.

use std::path::PathBuf;

use super::{EXIT_BAD_INPUT, EXIT_CANNOT_WRITE};
use crate::import::ImportError;
use crate::report::ExportError;

/// An error the command line reports in one plain line on stderr.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("{}: no such file", path.display())]
    MissingFile { path: PathBuf },
    #[error("{}: cannot read: {source}", path.display())]
    Unreadable { path: PathBuf, source: std::io::Error },
    /// Printed as the importer's `file:line:column: message`; when the columns could not be found, followed by
    /// how to give the mapping on the command line.
    #[error("{0}{hint}", hint = mapping_hint(.0))]
    Import(#[from] ImportError),
    #[error("{}: {message}", path.display())]
    BadSettingsFile { path: PathBuf, message: String },
    #[error(transparent)]
    Export(#[from] ExportError),
    #[error("cannot write to standard output: {0}")]
    Stdout(std::io::Error),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

/// For an import that could not find or use the columns: the options that give the mapping by hand.
fn mapping_hint(error: &ImportError) -> &'static str {
    match error {
        ImportError::NoHeader { .. } | ImportError::Profile { .. } => {
            " — on the command line, write the mapping as a profile (TOML) and pass it with --terminal-profile / \
             --bank-profile P.toml (reconcile) or --profile P.toml (inspect)"
        }
        _ => "",
    }
}

impl CliError {
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Store(e) => super::workspace::exit_code(e),
            CliError::Export(_) | CliError::Stdout(_) => EXIT_CANNOT_WRITE,
            CliError::MissingFile { .. }
            | CliError::Unreadable { .. }
            | CliError::Import(_)
            | CliError::BadSettingsFile { .. } => EXIT_BAD_INPUT,
        }
    }
}
