//! The app's workspace file: where the review's files and the owner's decisions are remembered between
//! runs (see [`crate::store`]). The app opens the last workspace on start (its path is kept in the prefs; the
//! first time, `workspace.posrecon` in the OS data folder, or in `$POSRECON_HOME` when that is set), records
//! every file it reads there (the same bytes again are refused, naming the earlier import; rows repeating an
//! earlier statement export are merged and reported) and writes each decision made in the review with its
//! audit entry. The review is always the whole workspace reconciled with its stored decisions replayed.
//!
//! The work on the file runs on the worker thread (each job opens its own connection); only a decision is
//! written straight from `update`, as it is one small transaction.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::app::history::History;
use crate::app::i18n::{self, Language};
use crate::app::importing::{CurrencyNote, LoadedFile};
use crate::app::reconciled;
use crate::engine::{Config, Decision};
use crate::import::{ImportDetails, Imported};
use crate::model::Source;
use crate::store::{self, OrphanedDecision, StoreError, WorkspaceRows};

/// The file name of a workspace, and the extension the dialogs offer.
pub const EXTENSION: &str = "posrecon";

/// How many audit entries the history shows (the newest).
pub const HISTORY_LIMIT: usize = 500;

/// The app's link to its workspace file.
#[derive(Debug, Default)]
pub struct WorkspaceFile {
    /// The open workspace; None when the app keeps everything in memory (no prefs file, as in tests).
    pub path: Option<PathBuf>,
    /// The keys of the review's rows, in the review's order, when the review came from the workspace.
    pub rows: Option<Arc<WorkspaceRows>>,
    /// The next read replaces the earlier imports of the same files (the owner corrected their columns).
    pub replace_next: bool,
    /// The workspace is being opened on the worker.
    pub opening: bool,
    /// What the history screen shows.
    pub history: Option<History>,
}

/// What the worker hands back after opening a workspace or recording files in it.
#[derive(Clone, Debug)]
pub struct Opened {
    pub path: PathBuf,
    /// Everything the workspace holds, reconciled with the stored decisions; None when it holds no files.
    pub review: Option<reconciled::ReconciledFiles>,
    pub rows: Arc<WorkspaceRows>,
    pub history: History,
    /// One line per file recorded, refused or merged, and any error, for the notice line.
    pub notices: Vec<String>,
}

impl WorkspaceFile {
    /// The workspace to open at start: the last one (from the prefs), else the default one — but none for prefs
    /// that live in memory only, so tests never touch the user's data.
    pub fn at_start(remembered: Option<&Path>, prefs_on_disk: bool) -> WorkspaceFile {
        let path = remembered
            .map(Path::to_path_buf)
            .or_else(|| prefs_on_disk.then(default_path).flatten());
        WorkspaceFile {
            path,
            ..WorkspaceFile::default()
        }
    }

    /// Writes a decision made in the review, with its audit entry, and reloads the history. An error is for the
    /// notice line (the decision still applies to the review in memory).
    pub fn record(&mut self, decision: &Decision) -> Result<(), String> {
        self.change(|ws, rows| ws.record_decision(decision, rows).map(drop))
    }

    /// Withdraws a stored decision (an orphaned one: the review does not apply it) and reloads the history.
    pub fn withdraw(&mut self, id: i64) -> Result<(), String> {
        self.change(|ws, _| ws.withdraw_decision(id))
    }

    /// One change to the workspace file, then the history as it now stands.
    fn change(
        &mut self,
        change: impl FnOnce(&mut store::Workspace, &WorkspaceRows) -> Result<(), StoreError>,
    ) -> Result<(), String> {
        let (Some(path), Some(rows)) = (&self.path, &self.rows) else {
            return Ok(());
        };
        let mut ws = store::Workspace::open(path).map_err(|e| e.to_string())?;
        change(&mut ws, rows).map_err(|e| e.to_string())?;
        let (_, orphaned) = store::decisions::replay(&ws.decisions().map_err(|e| e.to_string())?, rows);
        self.history = Some(history(&ws, orphaned).map_err(|e| e.to_string())?);
        Ok(())
    }
}

/// `workspace.posrecon` in `$POSRECON_HOME` when set, else in the OS data folder.
pub fn default_path() -> Option<PathBuf> {
    match std::env::var_os("POSRECON_HOME") {
        Some(home) => Some(PathBuf::from(home).join(format!("workspace.{EXTENSION}"))),
        None => store::Workspace::default_path(),
    }
}

/// Opens the workspace and reconciles what it holds. On the worker.
pub fn open(path: &Path, config: Config) -> Result<Opened, String> {
    let ws = store::Workspace::open(path).map_err(|e| e.to_string())?;
    review(&ws, config, Vec::new())
}

/// Records the usable files of a read in the workspace (replacing earlier imports of the same bytes when
/// `replace`), then reconciles everything it holds. On the worker.
pub fn record_files(
    path: &Path,
    files: &[LoadedFile],
    replace: bool,
    config: Config,
    language: Language,
) -> Result<Opened, String> {
    let mut ws = store::Workspace::open(path).map_err(|e| e.to_string())?;
    let mut notices = Vec::new();
    for file in files.iter().filter(|f| f.is_usable()) {
        notices.extend(record_file(&mut ws, file, replace, language));
    }
    review(&ws, config, notices)
}

/// Stores one file; a line for the notice when something is worth saying (refused, merged, failed).
fn record_file(ws: &mut store::Workspace, file: &LoadedFile, replace: bool, language: Language) -> Option<String> {
    let name = file.path.display().to_string();
    let bytes = match crate::import::file_bytes::read(&file.path) {
        Ok(bytes) => bytes,
        Err(source) => return Some(StoreError::Read { file: name, source }.to_string()),
    };
    if replace {
        match ws.source_by_sha256(&store::sources::sha256_hex(&bytes)) {
            Ok(Some(earlier)) => {
                if let Err(e) = ws.remove_source(earlier.id) {
                    return Some(e.to_string());
                }
            }
            Ok(None) => {}
            Err(e) => return Some(e.to_string()),
        }
    }
    // Rows are stored as read: a file that names no currency was read as CNY (each reconcile of the workspace
    // gives it the other side's currency as the workspace then stands).
    let assumed = file.currency.is_assumed();
    let txns = file.txns.iter().cloned().map(|mut txn| {
        txn.side = file.side;
        if assumed {
            txn.currency = crate::model::Currency::CNY;
        }
        txn
    });
    let imported = Imported {
        source: Source {
            id: crate::model::SourceId(0),
            path: name.clone(),
            side: file.side,
            sheet: None,
            format: file.format.clone(),
        },
        txns: txns.collect(),
        details: ImportDetails {
            format: file.format.clone(),
            profile: file.profile.clone(),
            bad_row_count: file.bad_rows,
            ..ImportDetails::default()
        },
    };
    match ws.import_read(&name, &bytes, &imported, file.currency.is_assumed()) {
        Ok(added) if added.merged > 0 => Some(format!(
            "{}: {} {}",
            file.name(),
            added.merged,
            i18n::rows_merged(language)
        )),
        Ok(_) => None,
        Err(StoreError::AlreadyImported {
            earlier_file,
            earlier_time,
            ..
        }) => Some(format!(
            "{}: {} {earlier_file} ({earlier_time})",
            file.name(),
            i18n::already_imported_as(language)
        )),
        Err(e) => Some(e.to_string()),
    }
}

/// Everything the workspace holds, reconciled with its decisions replayed, as the review shows it.
fn review(ws: &store::Workspace, config: Config, notices: Vec<String>) -> Result<Opened, String> {
    let err = |e: StoreError| e.to_string();
    let records = ws.sources().map_err(err)?;
    let mut rows = ws.rows().map_err(err)?;
    let (decisions, orphaned) = store::decisions::replay(&ws.decisions().map_err(err)?, &rows);
    let history = history(ws, orphaned).map_err(err)?;
    let review = (!records.is_empty()).then(|| {
        // The review holds the rows; the keys stay behind for addressing decisions.
        let files = records
            .iter()
            .map(|r| LoadedFile {
                path: PathBuf::from(&r.file_name),
                side: r.side,
                format: r.format.clone(),
                header: Vec::new(),
                preview: Vec::new(),
                columns: Vec::new(),
                profile: r.profile.clone(),
                txns: Vec::new(),
                problems: Vec::new(),
                bad_rows: 0,
                refused: false,
                error: None,
                kind: None,
                currency: match rows.adopted.iter().find(|a| a.path == r.file_name) {
                    Some(a) => CurrencyNote::Adopted(a.clone()),
                    None if r.currency_assumed => CurrencyNote::Assumed,
                    None => CurrencyNote::Stated,
                },
            })
            .collect();
        let mut review = reconciled::ReconciledFiles {
            files,
            sources: rows.sources.clone(),
            terminal: std::mem::take(&mut rows.terminal),
            bank: std::mem::take(&mut rows.bank),
            config,
            decisions,
            adopted: rows.adopted.clone(),
            ..reconciled::ReconciledFiles::default()
        };
        review.rerun();
        review
    });
    Ok(Opened {
        path: ws.path().to_path_buf(),
        review,
        rows: Arc::new(rows),
        history,
        notices,
    })
}

fn history(ws: &store::Workspace, orphaned: Vec<OrphanedDecision>) -> Result<History, StoreError> {
    Ok(History {
        path: ws.path().to_path_buf(),
        entries: ws.history(HISTORY_LIMIT)?,
        check: ws.verify_log()?,
        names: ws.file_names()?,
        orphaned,
        files: ws.sources()?.len(),
    })
}
