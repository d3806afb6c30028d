//! Pure reconciliation: takes the rows of both sides and a [`Config`], returns a [`Report`].
//! No I/O, no GUI: everything here is tested with plain values.

pub mod config;
pub mod outcome;
pub mod wording;

pub use config::Config;
pub use outcome::*;

use crate::model::Txn;

/// Reconciles the terminal log against the bank statement. `terminal[i]` of the report is the outcome of
/// `terminal[i]` here (same for `bank`). Deterministic whatever the order of the input rows.
pub fn reconcile(terminal: &[Txn], bank: &[Txn], _config: &Config, _decisions: &[Decision]) -> Report {
    Report {
        terminal: vec![RowOutcome::default(); terminal.len()],
        bank: vec![RowOutcome::default(); bank.len()],
        batches: Vec::new(),
        summary: Summary { terminal_rows: terminal.len(), bank_rows: bank.len(), ..Summary::default() },
    }
}
