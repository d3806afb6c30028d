//! The reconciliation in progress: the rows of both sides, the outcome decided so far for each, and which rows
//! are still open (taking part and waiting for a counterpart). Each pass reads the open rows and closes the ones
//! it pairs; whatever is still open at the end is `missing`.

use crate::engine::config::Config;
use crate::engine::outcome::{Batch, Flag, Flags, MatchRule, RowId, RowIds, RowOutcome, Status};
use crate::model::{Side, Txn};

pub struct Work<'a> {
    pub terminal: &'a [Txn],
    pub bank: &'a [Txn],
    pub config: &'a Config,
    pub terminal_out: Vec<RowOutcome>,
    pub bank_out: Vec<RowOutcome>,
    /// Terminal rows still waiting for a counterpart.
    pub terminal_open: Vec<bool>,
    /// Bank rows still waiting for a counterpart (acquirer credits and refund debits after triage).
    pub bank_open: Vec<bool>,
    /// Bank rows that are acquirer fee debits: checked against the fees, never `missing`.
    pub bank_fee: Vec<bool>,
    pub batches: Vec<Batch>,
}

impl<'a> Work<'a> {
    pub fn new(terminal: &'a [Txn], bank: &'a [Txn], config: &'a Config) -> Work<'a> {
        Work {
            terminal,
            bank,
            config,
            terminal_out: vec![RowOutcome::default(); terminal.len()],
            bank_out: vec![RowOutcome::default(); bank.len()],
            terminal_open: vec![true; terminal.len()],
            bank_open: vec![true; bank.len()],
            bank_fee: vec![false; bank.len()],
            batches: Vec::new(),
        }
    }

    pub fn rows(&self, side: Side) -> &'a [Txn] {
        match side {
            Side::Terminal => self.terminal,
            Side::Bank => self.bank,
        }
    }

    pub fn is_open(&self, row: RowId) -> bool {
        let open = match row.side {
            Side::Terminal => &self.terminal_open,
            Side::Bank => &self.bank_open,
        };
        open.get(row.index as usize).copied().unwrap_or(false)
    }

    /// The outcome of a row; `None` for an index outside the input (possible only in user decisions).
    pub fn outcome_mut(&mut self, row: RowId) -> Option<&mut RowOutcome> {
        match row.side {
            Side::Terminal => self.terminal_out.get_mut(row.index as usize),
            Side::Bank => self.bank_out.get_mut(row.index as usize),
        }
    }

    /// Takes a row out of matching with a final status.
    pub fn close(&mut self, row: RowId, status: Status) {
        let open = match row.side {
            Side::Terminal => &mut self.terminal_open,
            Side::Bank => &mut self.bank_open,
        };
        if let Some(slot) = open.get_mut(row.index as usize) {
            *slot = false;
        }
        if let Some(out) = self.outcome_mut(row) {
            out.status = status;
        }
    }

    /// Pairs a terminal row with a bank row one-to-one.
    pub fn pair(&mut self, terminal: u32, bank: u32, status: Status, rule: MatchRule) {
        self.pair_flagged(terminal, bank, status, rule, &Flags::new());
    }

    /// Pairs a terminal row with a bank row one-to-one and gives both rows `flags` (shared, not copied): each
    /// row's outcome is written once.
    pub fn pair_flagged(&mut self, terminal: u32, bank: u32, status: Status, rule: MatchRule, flags: &Flags) {
        let (t, b) = (terminal as usize, bank as usize);
        if let (Some(open), Some(out)) = (self.terminal_open.get_mut(t), self.terminal_out.get_mut(t)) {
            *open = false;
            close_paired(out, status, RowId::bank(b), rule, flags);
        }
        if let (Some(open), Some(out)) = (self.bank_open.get_mut(b), self.bank_out.get_mut(b)) {
            *open = false;
            close_paired(out, status, RowId::terminal(t), rule, flags);
        }
    }

    pub fn add_flag(&mut self, row: RowId, flag: Flag) {
        if let Some(out) = self.outcome_mut(row) {
            out.flags.push(flag);
        }
    }
}

fn close_paired(out: &mut RowOutcome, status: Status, counterpart: RowId, rule: MatchRule, flags: &Flags) {
    out.status = status;
    out.counterparts = RowIds::one(counterpart);
    out.match_rule = Some(rule);
    out.flags.extend_shared(flags);
}
