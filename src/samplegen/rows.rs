//! The rows the simulated shops produce before they are written to files: a terminal-log row
//! ([`TerminalRow`]), a bank-statement row ([`StatementRow`]), and the [`Mark`] a planted anomaly leaves on the
//! row where the engine must report it. Amounts are integer fen (cents); nothing here is `f64`.

use chrono::NaiveDateTime;

use crate::engine::{RuleId, Status};

/// What the engine must report on one row: a status, a flag, or both, and a note for the reader of truth.json.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Mark {
    pub status: Option<Status>,
    pub flag: Option<RuleId>,
    pub note: String,
}

impl Mark {
    pub fn status(status: Status, note: &str) -> Mark {
        Mark {
            status: Some(status),
            flag: None,
            note: note.to_string(),
        }
    }
    pub fn flag(flag: RuleId, note: &str) -> Mark {
        Mark {
            status: None,
            flag: Some(flag),
            note: note.to_string(),
        }
    }
    pub fn both(status: Status, flag: RuleId, note: &str) -> Mark {
        Mark {
            status: Some(status),
            flag: Some(flag),
            note: note.to_string(),
        }
    }
}

/// What a terminal row records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RowKind {
    Sale,
    Refund,
    Void,
}

/// One row of a terminal log.
#[derive(Clone, Debug)]
pub(crate) struct TerminalRow {
    pub time: NaiveDateTime,
    pub merchant: String,
    pub terminal: String,
    pub kind: RowKind,
    pub declined: bool,
    /// Index of the card in the shop's wallet.
    pub card: usize,
    /// Write the card number in clear (as some exports do) instead of masked.
    pub card_in_clear: bool,
    /// As written: sales and voids positive, refunds negative.
    pub amount: i64,
    /// Fee charged on the row; on a refund the fee given back (≤ 0); 0 for voids and declined rows.
    pub fee: i64,
    /// Whether the acquirer pays this row out (false for declined rows, voids and voided sales, unpaid sales).
    pub settled: bool,
    /// Trace/voucher number and retrieval reference, assigned once the log is in its final order.
    pub voucher: String,
    pub reference: String,
    /// Order of creation: keeps equal times in a stable order.
    pub seq: u32,
    pub marks: Vec<Mark>,
    /// What the engine must report on the bank posting that pays this row (per-transaction statements).
    pub credit_marks: Vec<Mark>,
}

impl TerminalRow {
    /// The settled (net) amount as the log prints it: amount − fee for approved sales and refunds, 0 otherwise.
    pub fn net(&self) -> i64 {
        if self.declined || self.kind == RowKind::Void {
            0
        } else {
            self.amount - self.fee
        }
    }

    /// What the acquirer pays out for this row.
    pub fn payout(&self) -> i64 {
        if self.settled { self.net() } else { 0 }
    }
}

/// One row of a bank statement.
#[derive(Clone, Debug)]
pub(crate) struct StatementRow {
    pub time: NaiveDateTime,
    /// 摘要 / Description.
    pub summary: String,
    /// Signed: credit > 0, debit < 0.
    pub amount: i64,
    /// Running balance after the row (filled in by [`fill_balances`]).
    pub balance: i64,
    pub counterparty: String,
    pub counterparty_account: String,
    pub reference: String,
    pub marks: Vec<Mark>,
}

impl StatementRow {
    pub fn new(time: NaiveDateTime, summary: &str, amount: i64, counterparty: &str, account: &str) -> StatementRow {
        StatementRow {
            time,
            summary: summary.to_string(),
            amount,
            balance: 0,
            counterparty: counterparty.to_string(),
            counterparty_account: account.to_string(),
            reference: String::new(),
            marks: Vec::new(),
        }
    }
}

/// Sorts the statement by time (stable) and writes the running balance after each row.
pub(crate) fn fill_balances(rows: &mut [StatementRow], opening: i64) {
    rows.sort_by_key(|r| r.time);
    let mut balance = opening;
    for row in rows {
        balance += row.amount;
        row.balance = balance;
    }
}

/// `1234567` fen → `12,345.67` (with thousands separators) or `12345.67`.
pub(crate) fn yuan(fen: i64, thousands: bool) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let abs = fen.unsigned_abs();
    let units = (abs / 100).to_string();
    let cents = abs % 100;
    let units = if thousands {
        let mut out = String::new();
        for (i, c) in units.chars().enumerate() {
            if i > 0 && (units.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        out
    } else {
        units
    };
    format!("{sign}{units}.{cents:02}")
}

/// The fee on `amount` fen at `rate_bp` basis points (60 = 0.6 %), rounded half up to the fen.
pub(crate) fn fee_at(amount: i64, rate_bp: i64) -> i64 {
    (amount * rate_bp + 5_000) / 10_000
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yuan_formats_thousands_and_signs() {
        assert_eq!(yuan(123_450, true), "1,234.50");
        assert_eq!(yuan(-500_000_000, true), "-5,000,000.00");
        assert_eq!(yuan(99, true), "0.99");
        assert_eq!(yuan(123_450, false), "1234.50");
    }

    #[test]
    fn fee_is_rounded_half_up_to_the_fen() {
        // 0.6 % of 58.00 = 0.348 → 0.35; of 12.50 = 0.075 → 0.08; 1.0 % of 9.90 = 0.099 → 0.10.
        assert_eq!(fee_at(5_800, 60), 35);
        assert_eq!(fee_at(1_250, 60), 8);
        assert_eq!(fee_at(990, 100), 10);
    }
}
