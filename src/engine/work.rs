//! The reconciliation in progress: the rows of both sides, the outcome decided so far for each, and which rows
//! are still open (taking part and waiting for a counterpart). Each pass reads the open rows and closes the ones
//! it pairs; whatever is still open at the end is `missing`.

use crate::engine::calendar::SettlementCalendar;
use crate::engine::config::Config;
use crate::engine::index::{day_number, day_of, ident};
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
    /// What the rows of each side carry at all (read once here, so passes skip what no row has).
    pub terminal_facts: SideFacts,
    pub bank_facts: SideFacts,
    /// The settlement calendar named in the config (weekdays when it names none or an unknown one).
    pub calendar: SettlementCalendar,
    /// One-to-one pairs another row could have taken the place of, with no effect on any answer.
    pub interchangeable_pairs: usize,
}

/// What one side's rows carry at all, read in one pass when the work starts: a pass that needs a field no row
/// of a side has (references, balances, date-only rows…) skips its own pass over that side's million rows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SideFacts {
    /// The rows come from more than one file.
    pub several_files: bool,
    /// Some row has a reference (RRN / order number).
    pub references: bool,
    /// Some row has a reference, a voucher or a card number.
    pub identified: bool,
    /// Some row only has a date.
    pub date_only: bool,
    /// Some row states the balance after it.
    pub balances: bool,
}

impl SideFacts {
    pub fn of(rows: &[Txn]) -> SideFacts {
        let first = rows.first().map(|t| t.row.source);
        let mut facts = SideFacts::default();
        for t in rows {
            let reference = ident(&t.reference).is_some();
            facts.several_files |= Some(t.row.source) != first;
            facts.references |= reference;
            facts.identified |= reference || ident(&t.voucher).is_some() || ident(&t.card_masked).is_some();
            facts.date_only |= t.date_only;
            facts.balances |= t.balance.is_some();
        }
        facts
    }
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
            terminal_facts: SideFacts::of(terminal),
            bank_facts: SideFacts::of(bank),
            calendar: SettlementCalendar::builtin(&config.settlement.calendar).unwrap_or_default(),
            interchangeable_pairs: 0,
        }
    }

    /// The day (number) the settlement of business day `day` is due: T+`delay_days` on the settlement calendar.
    pub fn due(&self, day: i64) -> i64 {
        day_number(self.calendar.due(day_of(day), self.config.settlement.delay_days.max(0)))
    }

    /// Working days a credit paid on `paid` comes after `due` (day numbers; 0 when on time or early).
    pub fn late_days(&self, due: i64, paid: i64) -> i64 {
        self.calendar.working_days_late(day_of(due), day_of(paid))
    }

    pub fn facts(&self, side: Side) -> SideFacts {
        match side {
            Side::Terminal => self.terminal_facts,
            Side::Bank => self.bank_facts,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Money, RowRef, SourceId};

    fn row(source: u16, line: u32) -> Txn {
        let time = chrono::NaiveDate::from_ymd_opt(2026, 10, 5)
            .and_then(|d| d.and_hms_opt(12, 0, 0))
            .unwrap_or_default();
        Txn::new(
            RowRef {
                source: SourceId(source),
                line,
            },
            Side::Terminal,
            time,
            Money::from_minor(1800),
        )
    }

    #[test]
    fn side_facts_see_a_field_that_only_the_last_row_carries() {
        let mut rows = vec![row(0, 2), row(0, 3), row(0, 4)];
        assert_eq!(SideFacts::of(&rows), SideFacts::default());
        rows[2].reference = Some("  ".into());
        assert!(!SideFacts::of(&rows).identified, "a blank reference is no reference");
        rows[2].reference = Some("RRN 1".into());
        rows[2].balance = Some(Money::from_minor(100));
        rows[2].date_only = true;
        let facts = SideFacts::of(&rows);
        assert!(facts.references && facts.identified && facts.balances && facts.date_only && !facts.several_files);
        rows[1].card_masked = Some("622848******1234".into());
        rows[1].row.source = SourceId(1);
        rows[2].reference = None;
        let facts = SideFacts::of(&rows);
        assert!(facts.identified && facts.several_files && !facts.references);
    }
}
