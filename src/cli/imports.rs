//! Reading the files named on the command line: every terminal file, then every bank file, each with its
//! [`SourceId`] in that order, under a progress bar on stderr (hidden when stderr is not a terminal).
//! Also `posrecon inspect FILE`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

use super::settings::read_toml;
use super::{CliError, EXIT_BAD_INPUT};
use crate::import::parse::DateOrder;
use crate::import::{self, ImportOptions, Imported, Profile, Progress};
use crate::model::{Side, Source, SourceId, Txn};

/// The files of one side and the import profile to read them with (None = detect).
pub struct SideFiles<'a> {
    pub side: Side,
    pub files: &'a [PathBuf],
    pub profile: Option<&'a Path>,
    /// `--date-order`: how to read day/month dates that nothing in a file decides.
    pub date_order: Option<DateOrderArg>,
}

/// `--date-order dmy|mdy|ymd`: the order of day and month in dates a file leaves open (`05/01/2023`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DateOrderArg {
    /// Day first: 05/01/2023 is 5 January.
    Dmy,
    /// Month first: 05/01/2023 is May 1.
    Mdy,
    /// Year first: 2023/05/01.
    Ymd,
}

impl DateOrderArg {
    pub fn order(self) -> DateOrder {
        match self {
            DateOrderArg::Dmy => DateOrder::DayFirst,
            DateOrderArg::Mdy => DateOrder::MonthFirst,
            DateOrderArg::Ymd => DateOrder::YearFirst,
        }
    }
}

/// The profile to read a side's files with: the one given, with the date order the command line gives.
fn with_date_order(profile: Option<Profile>, date_order: Option<DateOrderArg>) -> Option<Profile> {
    match date_order {
        None => profile,
        Some(order) => {
            let mut profile = profile.unwrap_or_default();
            profile.date_order = Some(order.order());
            Some(profile)
        }
    }
}

/// Everything read from the command line's files.
#[derive(Default)]
pub struct Loaded {
    pub sources: Vec<Source>,
    pub terminal: Vec<Txn>,
    pub bank: Vec<Txn>,
    /// One line per file that had bad rows skipped (`--skip-bad-rows`).
    pub warnings: Vec<String>,
}

/// Fails with a plain "no such file" before any work starts, so a typo costs nothing.
fn check_exists(files: &[PathBuf]) -> Result<(), CliError> {
    match files.iter().find(|p| !p.is_file()) {
        Some(path) if !path.exists() => Err(CliError::MissingFile { path: path.clone() }),
        Some(path) => Err(CliError::Unreadable {
            path: path.clone(),
            source: std::io::Error::other("not a regular file"),
        }),
        None => Ok(()),
    }
}

fn progress_bar(total_bytes: u64) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(total_bytes), indicatif::ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template("{spinner} [{bar:24}] {bytes:>10}/{total_bytes} {wide_msg}")
        .map(|s| s.progress_chars("=> "))
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

/// Imports every file of both sides. Source ids: terminal files first, then bank files, in the order given.
pub fn import_all(sides: &[SideFiles<'_>], skip_bad_rows: bool) -> Result<Loaded, CliError> {
    for side in sides {
        check_exists(side.files)?;
    }
    let total: u64 = sides
        .iter()
        .flat_map(|s| s.files)
        .filter_map(|p| p.metadata().ok())
        .map(|m| m.len())
        .sum();
    let bar = progress_bar(total);
    let mut read: Vec<Imported> = Vec::new();
    let result: Result<(), CliError> = (|| {
        for side in sides {
            let profile = with_date_order(side.profile.map(read_toml).transpose()?, side.date_order);
            for path in side.files {
                bar.set_message(path.display().to_string());
                let id = SourceId(u16::try_from(read.len()).unwrap_or(u16::MAX));
                let base = bar.position();
                let ticker = bar.clone();
                let opts = ImportOptions {
                    side: side.side,
                    source: id,
                    profile: profile.clone(),
                    skip_bad_rows,
                    progress: Some(Arc::new(move |p: Progress| ticker.set_position(base + p.bytes_done))),
                };
                let mut imported = import::import_path(path, &opts)?;
                bar.set_position(base + path.metadata().map_or(0, |m| m.len()));
                imported.source.path = path.to_string_lossy().into_owned();
                read.push(imported);
            }
        }
        Ok(())
    })();
    bar.finish_and_clear();
    result?;
    // A file that names no currency (an English export without signs) takes the other side's, said as a warning.
    let adopted = import::currency::adopt_counterpart_currency(&mut read);
    let mut loaded = Loaded::default();
    loaded.warnings.extend(adopted.iter().map(ToString::to_string));
    for imported in read {
        add(&mut loaded, imported);
    }
    Ok(loaded)
}

/// Adds one imported file (its source path is the path exactly as the user gave it).
fn add(loaded: &mut Loaded, imported: Imported) {
    let Imported { source, txns, details } = imported;
    if details.bad_row_count > 0 {
        let first = details
            .bad_rows
            .first()
            .map(|e| format!(" (first: {e})"))
            .unwrap_or_default();
        loaded.warnings.push(format!(
            "{}: skipped {} bad rows{first}",
            source.path, details.bad_row_count
        ));
    }
    match source.side {
        Side::Terminal => loaded.terminal.extend(txns),
        Side::Bank => loaded.bank.extend(txns),
    }
    loaded.sources.push(source);
}

/// `posrecon inspect FILE [--profile P.toml] [--date-order dmy|mdy|ymd]`: prints what the importer sees in the
/// file. Exit code 2 when the file would not import as it is (the errors are in the text printed).
pub fn inspect(path: &Path, profile: Option<&Path>, date_order: Option<DateOrderArg>) -> Result<ExitCode, CliError> {
    check_exists(std::slice::from_ref(&path.to_path_buf()))?;
    let profile = with_date_order(profile.map(read_toml).transpose()?, date_order);
    let inspection = import::inspect::inspect_path(path, profile.as_ref());
    let mut out = std::io::stdout().lock();
    out.write_all(super::shown::shown_lines(&inspection.text).as_bytes())
        .and_then(|()| out.flush())
        .map_err(CliError::Stdout)?;
    Ok(if inspection.error.is_some() {
        ExitCode::from(EXIT_BAD_INPUT)
    } else {
        ExitCode::SUCCESS
    })
}
