//! Plain rows and a one-line runner for the rules' tests: `sale(line, "2026-10-05 13:05:09", "58.00", card)`.

use chrono::NaiveDateTime;
use rust_decimal::Decimal;

use crate::engine::config::Config;
use crate::engine::outcome::{Flag, Report, RowId, RowOutcome};
use crate::model::{Money, RowRef, Side, SourceId, Txn, TxnKind};

use super::RuleInput;

/// A customer's card, and another customer's.
pub const CARD: &str = "622848******1234";
pub const OTHER_CARD: &str = "622700******9876";

pub fn at(when: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(when, "%Y-%m-%d %H:%M:%S").expect("test time")
}

/// A sale on `card` ("" = no card), on terminal T1 of merchant M1.
pub fn sale(line: u32, when: &str, amount: &str, card: &str) -> Txn {
    let mut txn = Txn::new(
        RowRef {
            source: SourceId(0),
            line,
        },
        Side::Terminal,
        at(when),
        Money(amount.parse::<Decimal>().expect("test amount")),
    );
    txn.card_masked = (!card.is_empty()).then(|| card.into());
    txn.terminal_id = Some("T1".into());
    txn.merchant_id = Some("M1".into());
    txn
}

/// A refund of `amount` (given positive) to `card`.
pub fn refund(line: u32, when: &str, amount: &str, card: &str) -> Txn {
    let mut txn = sale(line, when, amount, card);
    txn.amount = -txn.amount;
    txn.kind = TxnKind::Refund;
    txn
}

/// Runs one rule's `check` over `rows` (every row `missing`, i.e. taking part) and returns the flags.
pub fn check_with(check: fn(&RuleInput) -> Vec<(RowId, Flag)>, rows: &[Txn], config: &Config) -> Vec<(RowId, Flag)> {
    let report = Report {
        terminal: vec![RowOutcome::default(); rows.len()],
        ..Report::default()
    };
    check(&RuleInput {
        terminal: rows,
        bank: &[],
        report: &report,
        config,
    })
}

/// The file lines of the rows a rule flags, in order.
pub fn flagged_lines(check: fn(&RuleInput) -> Vec<(RowId, Flag)>, rows: &[Txn], config: &Config) -> Vec<u32> {
    let mut lines: Vec<u32> = check_with(check, rows, config)
        .iter()
        .filter_map(|(id, _)| rows.get(id.index as usize).map(|txn| txn.row.line))
        .collect();
    lines.sort_unstable();
    lines
}
