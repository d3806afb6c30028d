//! Exports of a finished reconciliation: the JSON report (a stable contract, see docs/JSON.md), the Excel
//! workbook a shop owner hands to the acquirer, and a CSV of the findings.
//!
//! Every export reads one [`Reconciliation`]: the imported files, the rows of both sides and the engine's
//! [`Report`]. Labels and headers come in English or Chinese ([`Lang`]); any text cell that a spreadsheet could
//! take for a formula is neutralised first ([`safe_text`]).

pub mod atomic;
pub mod csv;
pub mod findings;
pub mod json;
pub mod labels;
pub mod safe_text;
pub mod table;
pub mod xlsx;

use std::path::PathBuf;

use crate::engine::{Report, RowId, RowOutcome};
use crate::model::{LineRow, Side, Source, SourceId, Txn};

pub use findings::Finding;
pub use labels::Lang;

/// Everything an export needs. `report.terminal[i]` is the outcome of `terminal[i]`, likewise for the bank.
#[derive(Clone, Copy, Debug)]
pub struct Reconciliation<'a> {
    /// The imported files, in the order their [`SourceId`]s were given.
    pub sources: &'a [Source],
    pub terminal: &'a [Txn],
    pub bank: &'a [Txn],
    pub report: &'a Report,
}

/// Where a row sits in the files the user gave: the path as given, the physical line (or Excel row) with which
/// of its rows (`12`, `12.2` for the second row read from line 12) and the sheet for workbooks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RowPlace<'a> {
    pub file: &'a str,
    pub line: LineRow,
    pub sheet: Option<&'a str>,
}

impl<'a> Reconciliation<'a> {
    /// The rows of one side.
    pub fn rows(&self, side: Side) -> &'a [Txn] {
        match side {
            Side::Terminal => self.terminal,
            Side::Bank => self.bank,
        }
    }

    /// The outcomes of one side.
    pub fn outcomes(&self, side: Side) -> &'a [RowOutcome] {
        match side {
            Side::Terminal => &self.report.terminal,
            Side::Bank => &self.report.bank,
        }
    }

    pub fn txn(&self, row: RowId) -> Option<&'a Txn> {
        self.rows(row.side).get(row.index as usize)
    }

    pub fn source(&self, id: SourceId) -> Option<&'a Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// File, line and sheet of a row. Unknown rows or sources give an empty file name rather than a panic.
    pub fn place(&self, row: RowId) -> RowPlace<'a> {
        match self.txn(row) {
            Some(txn) => self.place_at(txn, LineRow::of(self.rows(row.side), row.index as usize)),
            None => RowPlace {
                file: "",
                line: LineRow::default(),
                sheet: None,
            },
        }
    }

    /// File, line and sheet of an imported row: one of this reconciliation's rows (found by its address in
    /// memory, to tell which row of its line it is), else taken as the first row of its line.
    pub fn place_of(&self, txn: &Txn) -> RowPlace<'a> {
        let rows = self.rows(txn.side);
        let offset = (txn as *const Txn as usize).wrapping_sub(rows.as_ptr() as usize);
        let index = offset / std::mem::size_of::<Txn>().max(1);
        let line = match rows.get(index) {
            Some(found) if std::ptr::eq(found, txn) => LineRow::of(rows, index),
            _ => LineRow::first(txn.row.line),
        };
        self.place_at(txn, line)
    }

    fn place_at(&self, txn: &Txn, line: LineRow) -> RowPlace<'a> {
        let source = self.source(txn.row.source);
        RowPlace {
            file: source.map_or("", |s| s.path.as_str()),
            line,
            sheet: source.and_then(|s| s.sheet.as_deref()),
        }
    }

    /// Every row of one side with its id, row and outcome (rows without an outcome are skipped).
    pub fn side_rows(&self, side: Side) -> impl Iterator<Item = (RowId, &'a Txn, &'a RowOutcome)> + 'a {
        self.rows(side)
            .iter()
            .zip(self.outcomes(side))
            .enumerate()
            .map(move |(i, (txn, outcome))| (RowId { side, index: i as u32 }, txn, outcome))
    }
}

/// Writing an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{}: cannot write the report: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{}: cannot write the workbook: {source}", path.display())]
    Xlsx {
        path: PathBuf,
        source: rust_xlsxwriter::XlsxError,
    },
    #[error("{}: cannot write the CSV: {source}", path.display())]
    Csv { path: PathBuf, source: ::csv::Error },
    #[error("{}: cannot write the JSON: {source}", path.display())]
    Json { path: PathBuf, source: serde_json::Error },
}
