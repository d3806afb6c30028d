//! Reading the picked files, the long work before a reconciliation: each file in turn ([`importing`]), the
//! sides balanced when every file was guessed to be on one, and a file that names no currency given the other
//! side's. Runs on a worker thread (the app's, in `gui::App`); [`Progress`] is reported through a callback so the
//! window never freezes.
//!
//! [`importing`]: crate::app::importing

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use crate::app::column_guess;
use crate::app::i18n::{self, Language};
use crate::app::importing::{CurrencyNote, FileChoices, LoadedFile, file_name, read_one};
use crate::import::currency::{self, Adopted, FileCurrency, RowsCurrency};
use crate::import::mapping::Profile;
use crate::import::{self, ProgressFn};
use crate::model::{Side, SourceId};

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
