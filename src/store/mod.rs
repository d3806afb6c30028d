//! The workspace: one SQLite file per shop that remembers, across sessions, every imported file ([`sources`])
//! with its rows ([`rows`]), the owner's manual decisions ([`decisions`]) and a hash-chained [`audit`] log.
//!
//! Every change is one transaction together with its audit entry: an import is stored whole or not at all, even
//! when the process is killed or the power fails mid-way. The same bytes are never imported twice, and
//! statement exports that overlap in time are merged row by row ([`overlap`]). On every reconcile the stored
//! decisions are replayed into `engine::reconcile`; one whose rows are gone is reported as orphaned.
//!
//! ```no_run
//! # fn main() -> Result<(), posrecon::store::StoreError> {
//! use posrecon::store::Workspace;
//! let mut ws = Workspace::open(std::path::Path::new("shop.posrecon"))?;
//! let opts = posrecon::import::ImportOptions { side: posrecon::model::Side::Bank, ..Default::default() };
//! let added = ws.import_file(std::path::Path::new("statement-november.csv"), &opts)?;
//! println!("{} rows, {} already known from an earlier export", added.rows, added.merged);
//! let done = ws.reconcile(&posrecon::engine::Config::default())?;
//! println!("{} decisions orphaned", done.orphaned.len());
//! # Ok(()) }
//! ```

pub mod address;
pub mod audit;
pub mod decisions;
mod error;
mod identity;
pub mod overlap;
pub mod rows;
mod schema;
pub mod sources;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

pub use address::{RowAddress, describe_key};
pub use audit::{AuditEntry, Break, BrokenEntry, LogCheck};
pub use decisions::{DecisionRecord, OrphanedDecision, StoredDecision};
pub use error::StoreError;
pub use rows::{RowKey, WorkspaceRows};
pub use schema::VERSION;
pub use sources::{ImportSummary, SourceRecord};

use crate::engine::{self, Config, Report};

/// An open workspace file.
pub struct Workspace {
    conn: Connection,
    path: PathBuf,
}

/// What a reconcile of the whole workspace produced.
pub struct Reconciled {
    /// The rows passed to the engine (merged overlap rows left out), with their stable keys.
    pub rows: WorkspaceRows,
    pub report: Report,
    /// Stored decisions that could not be replayed because rows they name are gone.
    pub orphaned: Vec<OrphanedDecision>,
    /// How many stored decisions were replayed.
    pub replayed: usize,
}

impl Workspace {
    /// Opens the workspace at `path`, creating it (and its folder) when it does not exist, and brings it to the
    /// current format version.
    pub fn open(path: &Path) -> Result<Workspace, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::CreateDir {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        identity::check(path)?;
        let mut conn = Connection::open(path).map_err(|source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        schema::configure(&conn, path)?;
        schema::migrate(&mut conn, path)?;
        identity::stamp(&conn).map_err(|source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(Workspace {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// Where the workspace is kept when none is named: `posrecon/workspace.posrecon` in the OS data directory
    /// (`~/.local/share` on Linux, `~/Library/Application Support` on macOS, `%APPDATA%` on Windows).
    pub fn default_path() -> Option<PathBuf> {
        dirs::data_dir().map(|d| d.join("posrecon").join("workspace.posrecon"))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The SQLite connection, for read-only checks (`PRAGMA integrity_check`, counts) by callers and tests.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Checks the audit log's hash chain from the first entry on.
    pub fn verify_log(&self) -> Result<LogCheck, StoreError> {
        audit::verify(&self.conn)
    }

    /// The newest `limit` audit entries, oldest first.
    pub fn history(&self, limit: usize) -> Result<Vec<AuditEntry>, StoreError> {
        audit::latest(&self.conn, limit)
    }

    /// SQLite's own consistency check; `Ok(true)` when it answers `ok`.
    pub fn integrity_ok(&self) -> Result<bool, StoreError> {
        let answer: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(StoreError::sql("check the workspace's integrity"))?;
        Ok(answer == "ok")
    }

    /// Loads every row, replays the stored decisions and reconciles.
    pub fn reconcile(&self, config: &Config) -> Result<Reconciled, StoreError> {
        let rows = self.rows()?;
        let stored = self.decisions()?;
        let (replay, orphaned) = decisions::replay(&stored, &rows);
        let report = engine::reconcile(&rows.terminal, &rows.bank, config, &replay);
        Ok(Reconciled {
            rows,
            report,
            orphaned,
            replayed: replay.len(),
        })
    }
}
