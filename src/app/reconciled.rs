//! The files read, reconciled: their rows by side, the engine's report on them with the owner's settings and
//! decisions, and the review list built from it. What the review, the detail pane, the charts and the export
//! show; re-run after each decision or settings change.

use crate::app::i18n;
use crate::app::importing::{CurrencyNote, LoadedFile};
use crate::app::review_ledger::{ReviewLedger, Tally};
use crate::engine::{self, Config, Decision, Report};
use crate::import::currency::Adopted;
use crate::model::{Side, Source, SourceId, Txn};

/// The files reconciled: their rows and the engine's report, with the settings and decisions that produced it.
/// What the review, the detail pane, the charts and the export show.
#[derive(Clone, Debug, Default)]
pub struct ReconciledFiles {
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

impl ReconciledFiles {
    /// Gathers the rows of the usable files by side and reconciles them.
    pub fn reconcile(files: Vec<LoadedFile>, config: Config, decisions: Vec<Decision>) -> ReconciledFiles {
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
        let mut reconciled = ReconciledFiles {
            files,
            sources,
            terminal,
            bank,
            config,
            decisions,
            adopted,
            ..ReconciledFiles::default()
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
pub fn only_side(reconciled: &ReconciledFiles) -> Option<Side> {
    match (reconciled.terminal.is_empty(), reconciled.bank.is_empty()) {
        (false, true) => Some(Side::Terminal),
        (true, false) => Some(Side::Bank),
        _ => None,
    }
}
