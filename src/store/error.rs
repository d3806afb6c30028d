//! What can go wrong with a workspace, each error naming the workspace file or the imported file, and what was
//! found where something else was expected.

use std::path::PathBuf;

use crate::import::ImportError;

/// An error of the workspace store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}: cannot create the folder for the workspace: {source}", path.display())]
    CreateDir { path: PathBuf, source: std::io::Error },
    #[error("{}: cannot open the workspace: {source}", path.display())]
    Open { path: PathBuf, source: rusqlite::Error },
    /// A file that exists but is not a posrecon workspace: left untouched.
    #[error("{}: not a posrecon workspace: {reason} — it was not changed; give a new file name for a workspace", path.display())]
    NotAWorkspace { path: PathBuf, reason: String },
    #[error(
        "{}: the workspace has format version {found}, newer than this posrecon understands (up to {known}); \
         update posrecon",
        path.display()
    )]
    TooNew { path: PathBuf, found: i64, known: i64 },
    /// A statement failed; `doing` says what the store was doing, in words.
    #[error("workspace: cannot {doing}: {source}")]
    Sql { doing: String, source: rusqlite::Error },
    #[error("{file}: cannot read: {source}")]
    Read { file: String, source: std::io::Error },
    /// The same bytes were imported before.
    #[error(
        "{file}: already imported as {earlier_file} on {earlier_time} (same bytes, SHA-256 {sha256}); not imported again"
    )]
    AlreadyImported {
        file: String,
        earlier_file: String,
        earlier_time: String,
        sha256: String,
    },
    #[error(transparent)]
    Import(#[from] ImportError),
    /// A stored value that does not read back: the table, the row id, the column, the text found and what was
    /// expected.
    #[error("workspace: {table} row {id}, column {column}: found {found:?}, expected {expected}")]
    Corrupt {
        table: &'static str,
        id: i64,
        column: &'static str,
        found: String,
        expected: String,
    },
    #[error("workspace: no imported file with id {id}")]
    NoSuchSource { id: i64 },
    #[error("workspace: no decision with id {id} (or it was already withdrawn)")]
    NoSuchDecision { id: i64 },
    /// A decision names a row that is not among the rows of this reconciliation.
    #[error("workspace: the decision names {side} row {index}, which is not among the {count} rows loaded")]
    UnknownRow {
        side: crate::model::Side,
        index: u32,
        count: usize,
    },
    /// A file named on the command line that is not among the imported files.
    #[error(
        "workspace: no imported file is named {given:?} (give its name, its path as imported, #id or the start of its SHA-256); imported: {known}"
    )]
    UnknownFile { given: String, known: String },
    #[error("workspace: {given:?} names several imported files: {matches}; give #id instead")]
    AmbiguousFile { given: String, matches: String },
    /// No row of the file on that line takes part in reconciling.
    #[error(
        "{file}:{line}: no row on this line takes part in reconciling (a header, a skipped line, or a row merged into \
         an earlier statement export)"
    )]
    NoSuchRow { file: String, line: crate::model::LineRow },
    /// The line holds rows that take part, but not the one asked for (`:3.3` on a line of two rows).
    #[error("{file}:{asked}: no such row; line {} holds {held}", asked.line)]
    NotOnLine {
        file: String,
        asked: crate::model::LineRow,
        held: String,
    },
    /// A row given for one side that belongs to the other.
    #[error("{file}:{line}: this row is on the {found} side, expected a {expected} row")]
    WrongSide {
        file: String,
        line: crate::model::LineRow,
        found: crate::model::Side,
        expected: crate::model::Side,
    },
    #[error("workspace: more than {max} imported files cannot be reconciled at once")]
    TooManySources { max: usize },
}

impl StoreError {
    /// Wraps a SQLite error with what the store was doing.
    pub(crate) fn sql(doing: impl Into<String>) -> impl FnOnce(rusqlite::Error) -> StoreError {
        let doing = doing.into();
        move |source| StoreError::Sql { doing, source }
    }
}
