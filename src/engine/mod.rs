//! Pure reconciliation: takes the rows of both sides and a [`Config`], returns a [`Report`].
//! No I/O, no GUI: everything here is tested with plain values.
//!
//! [`reconcile`] runs the passes in order, each seeing only the rows the earlier ones left open:
//! decisions (manual pairings) → [`duplicates`] → [`triage`] → [`match_ref`] → [`match_time`] →
//! [`match_batch`] → [`near`] → [`fees`] → [`rules`] and [`balance_gap`] → decisions (accepted flags, notes) →
//! [`summary`]. Rows still open at the end are `missing`.

pub mod balance_gap;
pub mod calendar;
pub mod compact;
pub mod config;
pub mod decisions;
pub mod duplicates;
pub mod fees;
pub mod index;
pub mod match_batch;
pub mod match_ref;
pub mod match_time;
pub mod memo_evidence;
pub mod near;
pub mod outcome;
pub mod row_id;
pub mod rules;
pub mod settlement_align;
pub mod settlement_bind;
pub mod settlement_evidence;
pub mod settlement_flags;
pub mod summary;
pub mod takings;
pub mod triage;
pub mod wording;
mod work;

pub use config::Config;
pub use outcome::*;

use crate::model::Txn;

/// Reconciles the terminal log against the bank statement. `terminal[i]` of the report is the outcome of
/// `terminal[i]` here (same for `bank`). Deterministic whatever the order of the input rows: every pass walks
/// the rows in a total order of (time, amount, file, line).
pub fn reconcile(terminal: &[Txn], bank: &[Txn], config: &Config, decisions: &[Decision]) -> Report {
    let mut work = work::Work::new(terminal, bank, config);
    decisions::pairings(&mut work, decisions);
    duplicates::run(&mut work);
    triage::terminal(&mut work);
    triage::bank(&mut work);
    match_ref::run(&mut work);
    match_time::run(&mut work);
    match_batch::run(&mut work);
    near::run(&mut work);
    fees::run(&mut work);
    let mut report = Report {
        terminal: std::mem::take(&mut work.terminal_out),
        bank: std::mem::take(&mut work.bank_out),
        batches: std::mem::take(&mut work.batches),
        summary: Summary::default(),
    };
    let balances = (work.terminal_facts.balances, work.bank_facts.balances);
    attach_rule_flags(&mut report, terminal, bank, config, balances);
    decisions::annotations(&mut report, decisions);
    report.summary = summary::summarise(&work, &report);
    report.summary.balance_checks = balance_checks(terminal, bank, balances.0);
    report
}

/// The suspicious-entry rules (`engine::rules`) see the statuses and batches and add their flags; the balance
/// check runs on the sides whose rows state balances (`balances`: terminal, bank).
fn attach_rule_flags(report: &mut Report, terminal: &[Txn], bank: &[Txn], config: &Config, balances: (bool, bool)) {
    let mut found: Vec<(RowId, Flag)> = rule_flags(report, terminal, bank, config);
    if balances.0 {
        found.extend(balance_gap::flags(terminal, crate::model::Side::Terminal));
    }
    if balances.1 {
        found.extend(balance_gap::flags(bank, crate::model::Side::Bank));
    }
    for (row, flag) in found {
        let out = match row.side {
            crate::model::Side::Terminal => report.terminal.get_mut(row.index as usize),
            crate::model::Side::Bank => report.bank.get_mut(row.index as usize),
        };
        if let Some(out) = out {
            out.flags.push(flag);
        }
    }
}

/// What the balance check made of every bank file, and of the terminal files when any states balances.
fn balance_checks(terminal: &[Txn], bank: &[Txn], terminal_balances: bool) -> Vec<FileBalanceCheck> {
    let side = |rows: &[Txn], side: crate::model::Side| {
        balance_gap::checks(rows)
            .into_iter()
            .map(move |(source, check)| FileBalanceCheck {
                side,
                source: source.0,
                check,
            })
    };
    let mut out: Vec<FileBalanceCheck> = side(bank, crate::model::Side::Bank).collect();
    if terminal_balances {
        out.extend(side(terminal, crate::model::Side::Terminal));
    }
    out
}

/// The one call site of `engine::rules::run`.
fn rule_flags(report: &Report, terminal: &[Txn], bank: &[Txn], config: &Config) -> Vec<(RowId, Flag)> {
    rules::run(&rules::RuleInput {
        terminal,
        bank,
        report,
        config,
    })
}
