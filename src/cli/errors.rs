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
    /// Printed as the importer's `file:line:column: message`.
    #[error("{0}")]
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
