//! The sample-data generator: simulates a small shop (and a second, per-transaction one), writes their
//! terminal logs and bank statements as real exports look, plants one or more of every anomaly the engine
//! must find, and records where in [`truth::Truth`] (`sample-data/truth.json`). Seeded with ChaCha8 and free
//! of the wall clock: the same seed gives byte-identical files. `clean` gives the same shops with nothing
//! planted, on which the engine must report no flag and no missing row.
//!
//! Modules: [`shop`] simulates normal trade, [`plant`] the anomalies of the daily shop, [`settle`] the
//! acquirer's daily credits and the rest of the statement, [`daily`] and [`per_txn`] assemble the first two
//! scenarios, [`settlement_families`] the scenarios under `settlement/` (credits tied to days by evidence or by
//! order on the China calendar, a monthly fee debit), [`terminal_log`] and [`bank_statement`] write the files.

mod bank_statement;
mod cards;
#[cfg(test)]
mod checks;
mod daily;
mod per_txn;
mod plant;
mod rows;
mod settle;
#[cfg(test)]
mod settlement_checks;
mod settlement_families;
mod shop;
mod terminal_log;
pub mod truth;

use std::path::Path;

pub use settlement_families::SCENARIOS as SETTLEMENT_FAMILIES;

use rust_decimal::Decimal;

use crate::model::Side;
use rows::{StatementRow, TerminalRow};
use truth::{Anomaly, FileTruth, Scenario, ScenarioConfig, Truth};

/// The seed of the committed sample-data/.
pub const DEFAULT_SEED: u64 = 42;

/// What to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SampleOptions {
    pub seed: u64,
    /// Nothing planted: a set on which the engine must report no flag and no missing row.
    pub clean: bool,
}

impl Default for SampleOptions {
    fn default() -> Self {
        SampleOptions {
            seed: DEFAULT_SEED,
            clean: false,
        }
    }
}

/// One generated file: its path relative to the output folder and its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SampleFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Everything one run generates; `files` includes truth.json.
#[derive(Clone, Debug)]
pub struct SampleSet {
    pub files: Vec<SampleFile>,
    pub truth: Truth,
}

/// Why generating or writing failed.
#[derive(Debug, thiserror::Error)]
pub enum SampleError {
    #[error("writing CSV: {0}")]
    Csv(String),
    #[error("{0}: a character has no GBK encoding")]
    Encoding(String),
    #[error("writing XLSX: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("writing truth.json: {0}")]
    Json(#[from] serde_json::Error),
    #[error("{path}: {source}")]
    Io { path: String, source: std::io::Error },
}

impl From<csv::Error> for SampleError {
    fn from(e: csv::Error) -> Self {
        SampleError::Csv(e.to_string())
    }
}

/// A file as written: its bytes, where its header is, and lines the importer must treat specially.
/// Data row `i` (0-based) is on line `header_line + 1 + i`.
pub(crate) struct Written {
    pub bytes: Vec<u8>,
    pub header_line: u32,
    pub summary_lines: Vec<u32>,
    pub clear_card_lines: Vec<u32>,
}

/// Who a file belongs to, as its first lines say: the shop's name, its merchant number (a terminal log) or
/// account number (a statement), and the first and last day it covers.
pub(crate) struct Letterhead {
    pub name: &'static str,
    pub number: &'static str,
    pub first: chrono::NaiveDate,
    pub last: chrono::NaiveDate,
}

/// Collects files, their truth and the anomalies planted in them.
struct Collector {
    files: Vec<SampleFile>,
    file_truths: Vec<FileTruth>,
    anomalies: Vec<Anomaly>,
}

impl Collector {
    fn add(
        &mut self,
        scenario: &str,
        path: &str,
        side: Side,
        encoding: &str,
        written: Written,
        marks: Vec<&[rows::Mark]>,
    ) {
        for (i, row_marks) in marks.iter().enumerate() {
            for mark in row_marks.iter() {
                self.anomalies.push(Anomaly {
                    scenario: scenario.to_string(),
                    file: path.to_string(),
                    line: written.header_line + 1 + i as u32,
                    status: mark.status.map(|s| s.id().to_string()),
                    flag: mark.flag.map(|f| f.id().to_string()),
                    note: mark.note.clone(),
                });
            }
        }
        self.file_truths.push(FileTruth {
            path: path.to_string(),
            side,
            rows: marks.len(),
            header_line: written.header_line,
            encoding: encoding.to_string(),
            sheet: (encoding == "XLSX").then(|| bank_statement::SHEET.to_string()),
            summary_lines: written.summary_lines,
            clear_card_lines: written.clear_card_lines,
        });
        self.files.push(SampleFile {
            path: path.to_string(),
            bytes: written.bytes,
        });
    }
}

fn terminal_marks(rows: &[TerminalRow]) -> Vec<&[rows::Mark]> {
    rows.iter().map(|r| r.marks.as_slice()).collect()
}

fn statement_marks(rows: &[StatementRow]) -> Vec<&[rows::Mark]> {
    rows.iter().map(|r| r.marks.as_slice()).collect()
}

/// Generates every scenario (the daily and per-transaction shops, then the settlement families) and their truth.
pub fn generate(options: &SampleOptions) -> Result<SampleSet, SampleError> {
    let mut out = Collector {
        files: Vec::new(),
        file_truths: Vec::new(),
        anomalies: Vec::new(),
    };

    const DAILY: &str = "daily-settlement";
    let shop = daily::build(options.seed, options.clean);
    let log = terminal_log::chinese_log(&shop.shop.rows, &shop.shop.wallet, &daily::log_letterhead())?;
    out.add(
        DAILY,
        "terminal-log.csv",
        Side::Terminal,
        "GBK",
        log,
        terminal_marks(&shop.shop.rows),
    );
    let statement = bank_statement::chinese_statement(&shop.statement, &daily::statement_letterhead())?;
    out.add(
        DAILY,
        "bank-statement.xlsx",
        Side::Bank,
        "XLSX",
        statement,
        statement_marks(&shop.statement),
    );

    const PER_TXN: &str = "per-transaction";
    let cafe = per_txn::build(options.seed, options.clean);
    let log = terminal_log::english_log(&cafe.shop.rows, &cafe.shop.wallet)?;
    out.add(
        PER_TXN,
        "terminal-log-en.csv",
        Side::Terminal,
        "UTF-8",
        log,
        terminal_marks(&cafe.shop.rows),
    );
    let mut bank_files = Vec::new();
    for (n, export) in cafe.exports.iter().enumerate() {
        let path = if n == 0 {
            "bank-per-transaction.csv".to_string()
        } else {
            format!("bank-per-transaction-{}.csv", n + 1)
        };
        let written = bank_statement::english_statement(export)?;
        out.add(PER_TXN, &path, Side::Bank, "UTF-8", written, statement_marks(export));
        bank_files.push(path);
    }

    let mut scenarios = vec![
        Scenario {
            name: DAILY.into(),
            settlement: "daily".into(),
            terminal: vec!["terminal-log.csv".into()],
            bank: vec!["bank-statement.xlsx".into()],
            config: ScenarioConfig {
                fee_rate: Decimal::new(6, 3),
                known_terminals: Vec::new(),
                known_merchants: Vec::new(),
                open_from: "08:00".into(),
                open_to: "22:00".into(),
                delay_days: 1,
                calendar: String::new(),
            },
        },
        Scenario {
            name: PER_TXN.into(),
            settlement: "per_transaction".into(),
            terminal: vec!["terminal-log-en.csv".into()],
            bank: bank_files,
            config: ScenarioConfig {
                fee_rate: Decimal::new(per_txn::FEE_BP, 4),
                known_terminals: vec![per_txn::TERMINAL.into()],
                known_merchants: vec![per_txn::MERCHANT.into()],
                open_from: "08:00".into(),
                open_to: "20:00".into(),
                delay_days: 1,
                calendar: String::new(),
            },
        },
    ];
    scenarios.extend(settlement_families::add(&mut out, options.seed, options.clean)?);
    let truth = Truth {
        seed: options.seed,
        clean: options.clean,
        scenarios,
        files: out.file_truths,
        anomalies: out.anomalies,
    };
    let mut json = serde_json::to_string_pretty(&truth)?;
    json.push('\n');
    out.files.push(SampleFile {
        path: "truth.json".into(),
        bytes: json.into_bytes(),
    });
    Ok(SampleSet {
        files: out.files,
        truth,
    })
}

/// Writes every file of `set` into `dir` (created if needed).
pub fn write_to_dir(set: &SampleSet, dir: &Path) -> Result<(), SampleError> {
    std::fs::create_dir_all(dir).map_err(|source| SampleError::Io {
        path: dir.display().to_string(),
        source,
    })?;
    for file in &set.files {
        let path = dir.join(&file.path);
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).map_err(|source| SampleError::Io {
                path: folder.display().to_string(),
                source,
            })?;
        }
        std::fs::write(&path, &file.bytes).map_err(|source| SampleError::Io {
            path: path.display().to_string(),
            source,
        })?;
    }
    Ok(())
}
