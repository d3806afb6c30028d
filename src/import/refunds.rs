//! One row, more than one transaction: a sale whose row also says how much of it was given back (Stripe's
//! payments export: `Amount 12.50, Amount Refunded 12.50, Status Refunded`; other processors' exports carry a
//! refunded-amount column too) is read as the sale **and** a refund, so the payout that is net of the refund
//! balances instead of looking short.
//!
//! The refund row is the sale's copy with amount −refunded, kind refund, the same reference, card, terminal and
//! merchant, on the same physical line (a report names the line a user finds it on), at the refund date when the
//! file has one (`refund_date`), else at the sale's time. A refunded amount says nothing about fees, so the
//! refund gives none back (fee 0, net −refunded): Stripe keeps its fee on a refunded charge; a processor that
//! returns fees lists its refunds as rows of their own, with their fee.
//!
//! ```
//! use chrono::NaiveDate;
//! use posrecon::import::refunds::refund_of;
//! use posrecon::model::{Money, RowRef, Side, SourceId, Txn, TxnKind};
//! use rust_decimal_macros::dec;
//!
//! let time = NaiveDate::from_ymd_opt(2026, 11, 24).and_then(|d| d.and_hms_opt(15, 30, 0)).unwrap_or_default();
//! let sale = Txn::new(RowRef { source: SourceId(0), line: 3 }, Side::Terminal, time, Money(dec!(12.50)));
//! let refund = refund_of(&sale, dec!(12.50), None).expect("a refunded sale has a refund");
//! assert_eq!((refund.amount, refund.kind, refund.row.line), (Money(dec!(-12.50)), TxnKind::Refund, 3));
//! assert_eq!(refund_of(&sale, dec!(0.00), None), None);
//! ```

use chrono::NaiveDateTime;
use rust_decimal::Decimal;

use super::error::RowError;
use super::mapping::Field;
use super::parse::parse_datetime;
use super::rows::{Row, RowReader};
use super::table::{Cells, is_blank};
use crate::model::{Money, Txn, TxnKind, TxnStatus};

impl RowReader<'_> {
    /// One row as its transactions, appended to `out`: the row's own ([`RowReader::txn`]) and after it the
    /// refund the row carries, if any. Nothing is appended when any cell cannot be read.
    pub fn push_txns<C: Cells + ?Sized>(&self, row: &Row<'_, C>, out: &mut Vec<Txn>) -> Result<(), RowError> {
        let txn = self.txn(row)?;
        let Some(refunded) = self.money(row, Field::AmountRefunded)? else {
            out.push(txn);
            return Ok(());
        };
        let refund = refund_of(&txn, refunded, self.refund_date(row)?);
        out.push(txn);
        out.extend(refund);
        Ok(())
    }

    /// The refund date cell, read like every date of the file; None when unmapped or blank.
    fn refund_date<C: Cells + ?Sized>(&self, row: &Row<'_, C>) -> Result<Option<(NaiveDateTime, bool)>, RowError> {
        let Some(col) = self.map.get(Field::RefundDate) else { return Ok(None) };
        let cell = row.cells.cell(col);
        if is_blank(cell) {
            return Ok(None);
        }
        parse_datetime(cell, self.date_order).map(Some).map_err(|e| self.error(row, col, e))
    }
}

/// The refund a sale's row carries when `refunded` (as written, either sign) is more than zero: see the module
/// doc. None for anything but approved money in: a failed charge was never refunded, a row that is itself a
/// refund, void, fee or payout is not refunded again. Money in is a sale, or on the bank side (the export read
/// as the statement) a row of no particular kind.
pub fn refund_of(sale: &Txn, refunded: Decimal, when: Option<(NaiveDateTime, bool)>) -> Option<Txn> {
    let refunded = refunded.abs();
    let money_in = matches!(sale.kind, TxnKind::Sale | TxnKind::Other) && sale.amount.0 > Decimal::ZERO;
    if refunded.is_zero() || !money_in || sale.status != TxnStatus::Ok {
        return None;
    }
    let mut refund = sale.clone();
    refund.amount = Money(-refunded);
    refund.kind = TxnKind::Refund;
    refund.fee = Some(Money(Decimal::ZERO));
    refund.net = Some(Money(-refunded));
    refund.balance = None;
    if let Some((time, date_only)) = when {
        refund.time = time;
        refund.date_only = date_only;
    }
    Some(refund)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{RowRef, Side, SourceId};
    use rust_decimal_macros::dec;

    fn at(hour: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 24).and_then(|d| d.and_hms_opt(hour, 0, 0)).unwrap_or_default()
    }

    fn sale(amount: Decimal) -> Txn {
        let mut t = Txn::new(RowRef { source: SourceId(2), line: 7 }, Side::Terminal, at(15), Money(amount));
        t.fee = Some(Money(dec!(0.66)));
        t.reference = Some("ch_2".into());
        t.card_masked = Some("4444".into());
        t
    }

    #[test]
    fn a_partly_refunded_sale_gives_a_refund_on_its_line_that_returns_no_fee() {
        let refund = refund_of(&sale(dec!(40.00)), dec!(15.00), None).expect("refund");
        assert_eq!((refund.amount, refund.kind, refund.row), (Money(dec!(-15.00)), TxnKind::Refund, sale(dec!(1)).row));
        assert_eq!((refund.fee, refund.net), (Some(Money(dec!(0))), Some(Money(dec!(-15.00)))));
        assert_eq!((refund.reference.as_deref(), refund.card_masked.as_deref()), (Some("ch_2"), Some("4444")));
        assert_eq!(refund.time, at(15), "no refund date: the sale's time");
        // A refunded amount written negative reads the same; a refund date moves it.
        let later = refund_of(&sale(dec!(40.00)), dec!(-15.00), Some((at(18), false))).expect("refund");
        assert_eq!((later.amount, later.time), (Money(dec!(-15.00)), at(18)));
    }

    #[test]
    fn only_an_approved_sale_with_something_refunded_has_a_refund() {
        assert_eq!(refund_of(&sale(dec!(40.00)), dec!(0), None), None);
        let mut failed = sale(dec!(40.00));
        failed.status = TxnStatus::Declined;
        assert_eq!(refund_of(&failed, dec!(40.00), None), None);
        let mut refund = sale(dec!(-40.00));
        refund.kind = TxnKind::Refund;
        assert_eq!(refund_of(&refund, dec!(40.00), None), None);
    }
}
