//! Row builders shared by the engine's scenario and property tests: a terminal sale, an acquirer credit, a bank
//! row with a description, all from short strings (on [`txn`]), and the rules a row was flagged by.

use posrecon::engine::{RowOutcome, RuleId};
use posrecon::model::{Side, Txn, TxnKind};

use super::{at, money, txn};

/// A terminal sale (or refund, when negative) on line `line` of file 0, merchant M1, terminal T1.
pub fn sale(line: u32, time: &str, amount: &str) -> Txn {
    let mut t = txn(Side::Terminal, line, at(time), money(amount));
    t.merchant_id = Some("M1".into());
    t.terminal_id = Some("T1".into());
    if t.amount.is_negative() {
        t.kind = TxnKind::Refund;
    }
    t
}

/// A bank credit (or debit) from the acquirer, with a time.
pub fn credit(line: u32, time: &str, amount: &str) -> Txn {
    let mut t = txn(Side::Bank, line, at(time), money(amount));
    t.counterparty = Some("银联商务有限公司".into());
    t.description = Some("POS清算".into());
    t
}

/// A date-only bank credit from the acquirer.
pub fn settlement(line: u32, date: &str, amount: &str) -> Txn {
    let mut t = credit(line, date, amount);
    t.date_only = true;
    t
}

/// A bank row with a description of its own and no acquirer (rent, salary…).
pub fn bank_row(line: u32, date: &str, amount: &str, description: &str) -> Txn {
    let mut t = txn(Side::Bank, line, at(date), money(amount));
    t.date_only = true;
    t.kind = TxnKind::Other;
    t.description = Some(description.into());
    t
}

/// The rules a row was flagged by, in order.
pub fn rules(outcome: &RowOutcome) -> Vec<RuleId> {
    outcome.flags.iter().map(|f| f.rule).collect()
}
