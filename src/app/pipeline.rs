//! The long work behind the app, free of iced types: reading the picked files, reconciling them with the
//! user's decisions, exporting. Runs on a worker thread (the app's, in `gui::App`); progress is reported through
//! a callback so the window never freezes.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use crate::app::column_guess;
use crate::app::i18n::{self, Language};
use crate::app::importing::{FileChoices, read_one};
use crate::app::review_ledger::{ReviewLedger, Tally};
use crate::engine::{self, Config, Decision, Report};
use crate::import::currency::{self, Adopted, FileCurrency, RowsCurrency};
use crate::import::mapping::Profile;
use crate::import::{self, ProgressFn};
use crate::model::{Side, Source, SourceId, Txn};

pub use crate::app::importing::{CurrencyNote, LoadedFile, RowProblem, file_name};

/// How far the long work has come.
#[derive(Clone, Debug, PartialEq)]
pub enum Progress {
    /// Reading file `done + 1` of `total`, `within` (0…1) of the way through it.
    Reading {
        name: String,
        done: usize,
        total: usize,
        within: f32,
    },
    /// Matching the rows of both sides.
    Matching,
    /// Writing an export.
    Exporting,
}

impl Progress {
    /// A fraction for the progress bar.
    pub fn fraction(&self) -> f32 {
        match self {
            Progress::Reading {
                done, total, within, ..
            } => 0.8 * (*done as f32 + within.clamp(0.0, 1.0)) / (*total).max(1) as f32,
            Progress::Matching => 0.85,
            Progress::Exporting => 0.5,
        }
    }
}

/// How to read the files.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReadOptions {
    /// Skip rows that cannot be read instead of failing the file.
    pub skip_bad_rows: bool,
    /// Sides the user set by hand, by path; others are guessed from the content.
    pub sides: Vec<(PathBuf, Side)>,
    /// Column mappings the user set, by path.
    pub profiles: Vec<(PathBuf, Profile)>,
    /// Saved layouts: a file whose header is exactly this one is read with this mapping.
    pub layouts: Vec<(Vec<String>, Profile)>,
}

/// Where a worker reports its progress.
pub type Reporter = Arc<dyn Fn(Progress) + Send + Sync>;

/// Reads every file, in order. A file that fails is returned with its error, never dropped.
pub fn read_files(paths: &[PathBuf], options: &ReadOptions, progress: &Reporter) -> Vec<LoadedFile> {
    let mut files = Vec::with_capacity(paths.len());
    let total = paths.len();
    for (done, path) in paths.iter().enumerate() {
        let name = file_name(path);
        progress(Progress::Reading {
            name: name.clone(),
            done,
            total,
            within: 0.0,
        });
        // The importer reports bytes as it goes; pass on whole percents only, not every row.
        let report = progress.clone();
        let last_percent = AtomicU32::new(0);
        let within: Arc<ProgressFn> = Arc::new(move |p: import::Progress| {
            let percent = (p.bytes_done.saturating_mul(100) / p.bytes_total.max(1)).min(100) as u32;
            if percent > last_percent.swap(percent, Ordering::Relaxed) {
                report(Progress::Reading {
                    name: name.clone(),
                    done,
                    total,
                    within: percent as f32 / 100.0,
                });
            }
        });
        let choices = FileChoices {
            progress: Some(within),
            side: options.sides.iter().find(|(p, _)| p == path).map(|(_, side)| *side),
            profile: options
                .profiles
                .iter()
                .find(|(p, _)| p == path)
                .map(|(_, profile)| profile.clone()),
            skip_bad_rows: options.skip_bad_rows,
            layouts: options.layouts.clone(),
        };
        files.push(read_one(path, SourceId(done as u16), &choices));
    }
    balance_sides(&mut files, &options.sides);
    adopt_counterpart_currency(&mut files);
    files
}

/// Gives every file that names no currency the currency of the other side's files, by the one rule of
/// [`currency::counterpart_currencies`] (as the command line's reconcile and the workspace do): its rows change
/// and its note says so.
pub fn adopt_counterpart_currency(files: &mut [LoadedFile]) {
    let facts: Vec<FileCurrency> = files
        .iter()
        .map(|f| FileCurrency {
            side: f.side,
            assumed: f.currency.is_assumed(),
            rows: RowsCurrency::of(&f.txns),
        })
        .collect();
    for ((index, file), decision) in files
        .iter_mut()
        .enumerate()
        .zip(currency::counterpart_currencies(&facts))
    {
        let Some((currency, from)) = decision else { continue };
        for txn in &mut file.txns {
            txn.currency = currency;
        }
        let path = file.path.display().to_string();
        file.currency = CurrencyNote::Adopted(Adopted {
            source: SourceId(index as u16),
            path,
            currency,
            from,
        });
    }
}

/// The files' notes as the workspace's reconcile decided them (a statement imported earlier gives a file read
/// now its currency): an adopted file says so, a file that names no currency and adopted nothing is assumed.
pub fn note_adopted(files: &mut [LoadedFile], adopted: &[Adopted]) {
    for file in files.iter_mut().filter(|f| f.currency.is_assumed()) {
        let path = file.path.display().to_string();
        file.currency = match adopted.iter().find(|a| a.path == path) {
            Some(a) => CurrencyNote::Adopted(a.clone()),
            None => CurrencyNote::Assumed,
        };
    }
}

/// One notice line per adopted file: `sumup-en.csv: names no currency; read as EUR, the currency of the bank
/// files`, in the app's language.
pub fn currency_notices(language: Language, adopted: &[Adopted]) -> Vec<String> {
    let line = |a: &Adopted| {
        format!(
            "{}: {}",
            file_name(Path::new(&a.path)),
            i18n::currency_adopted(language, a)
        )
    };
    adopted.iter().map(line).collect()
}

/// When every file was guessed to be on the same side and none was set by hand, one of them is most likely the
/// other side: two terminal logs and no statement cannot be reconciled. The one turned is the last whose side
/// was nobody's word (a header that names no terminal, card or bank column, and no preset): a bank export in
/// words the app does not know read with a terminal log is the statement, whatever order they were dropped in.
fn balance_sides(files: &mut [LoadedFile], by_hand: &[(PathBuf, Side)]) {
    let usable: Vec<usize> = (0..files.len())
        .filter(|i| files.get(*i).is_some_and(LoadedFile::is_usable))
        .collect();
    let sides: Vec<Side> = usable.iter().filter_map(|i| files.get(*i)).map(|f| f.side).collect();
    let all_same = sides.windows(2).all(|w| w.first() == w.get(1));
    if usable.len() < 2 || !all_same || !by_hand.is_empty() {
        return;
    }
    let unsure = |f: &LoadedFile| {
        let said = f.profile.side.is_some()
            || column_guess::is_made_up(&f.header)
            || import::guess_side_of_header(&f.header).is_some();
        !f.header.is_empty() && !said
    };
    let turned = usable
        .iter()
        .rev()
        .find(|i| files.get(**i).is_some_and(unsure))
        .or(usable.last());
    if let Some(file) = turned.and_then(|i| files.get_mut(*i)) {
        file.side = other(file.side);
    }
}

pub fn other(side: Side) -> Side {
    side.other()
}

/// The files reconciled: their rows and the engine's report, with the settings and decisions that produced it.
/// What the review, the detail pane, the charts and the export show.
#[derive(Clone, Debug, Default)]
pub struct Reconciled {
    pub files: Vec<LoadedFile>,
    pub sources: Vec<Source>,
    pub terminal: Vec<Txn>,
    pub bank: Vec<Txn>,
    pub config: Config,
    pub decisions: Vec<Decision>,
    pub report: Report,
    pub ledger: ReviewLedger,
    /// The ledger's counts, kept so the summary cards do not count 1M rows every frame.
    pub tally: Tally,
    /// Files that name no currency and were read in the other side's.
    pub adopted: Vec<Adopted>,
    /// The currencies of the rows, each once: one for most shops (the table's amount column says it), several
    /// when files in different currencies are reconciled (then each amount says its own).
    pub currencies: Vec<crate::model::Currency>,
}

impl Reconciled {
    /// Gathers the rows of the usable files by side and reconciles them.
    pub fn reconcile(files: Vec<LoadedFile>, config: Config, decisions: Vec<Decision>) -> Reconciled {
        let mut terminal = Vec::new();
        let mut bank = Vec::new();
        let mut sources = Vec::new();
        let mut adopted = Vec::new();
        for (index, file) in files.iter().enumerate() {
            if !file.is_usable() {
                continue;
            }
            let mut format = file.format.clone();
            if let CurrencyNote::Adopted(a) = &file.currency {
                format.push_str(&a.format_note());
                adopted.push(a.clone());
            }
            sources.push(Source {
                id: SourceId(index as u16),
                path: file.path.display().to_string(),
                side: file.side,
                sheet: None,
                format,
            });
            let rows = file.txns.iter().cloned().map(|mut txn| {
                txn.side = file.side;
                txn
            });
            match file.side {
                Side::Terminal => terminal.extend(rows),
                Side::Bank => bank.extend(rows),
            }
        }
        let mut reconciled = Reconciled {
            files,
            sources,
            terminal,
            bank,
            config,
            decisions,
            adopted,
            ..Reconciled::default()
        };
        reconciled.rerun();
        reconciled
    }

    /// Runs the engine again (after a decision or a settings change) and rebuilds the review list.
    pub fn rerun(&mut self) {
        self.currencies.clear();
        for txn in self.terminal.iter().chain(&self.bank) {
            if !self.currencies.contains(&txn.currency) {
                self.currencies.push(txn.currency);
            }
        }
        self.currencies.sort();
        self.report = engine::reconcile(&self.terminal, &self.bank, &self.config, &self.decisions);
        self.ledger = ReviewLedger::build(&self.terminal, &self.bank, &self.report);
        self.tally = self.ledger.tally();
    }

    /// The one currency of every row, when there is one.
    pub fn currency(&self) -> Option<crate::model::Currency> {
        match self.currencies.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }

    /// An amount as the review shows it: with its currency when the rows are in several (the amount column's
    /// header names the one currency otherwise).
    pub fn amount_shown(&self, amount: crate::model::Money, currency: crate::model::Currency) -> String {
        match self.currency() {
            Some(_) => i18n::money(amount),
            None => format!("{} {currency}", i18n::money(amount)),
        }
    }

    pub fn txn(&self, row: engine::RowId) -> Option<&Txn> {
        self.rows(row.side).get(row.index as usize)
    }

    /// Which row of its line a row is (`3` or, for a refunded charge's refund read from the same line, `3.2`).
    pub fn line_row(&self, row: engine::RowId) -> crate::model::LineRow {
        crate::model::LineRow::of(self.rows(row.side), row.index as usize)
    }

    /// The rows of one side.
    fn rows(&self, side: Side) -> &[Txn] {
        match side {
            Side::Terminal => &self.terminal,
            Side::Bank => &self.bank,
        }
    }

    /// The file a row came from.
    pub fn file_of(&self, txn: &Txn) -> Option<&LoadedFile> {
        self.files.get(txn.row.source.0 as usize)
    }
}

/// The side every row is on, when the other has none (only a statement, or only a terminal log, was read).
pub fn only_side(reconciled: &Reconciled) -> Option<Side> {
    match (reconciled.terminal.is_empty(), reconciled.bank.is_empty()) {
        (false, true) => Some(Side::Terminal),
        (true, false) => Some(Side::Bank),
        _ => None,
    }
}
