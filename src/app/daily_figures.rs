//! Each business day's figures for the charts: the terminal's takings, what the bank settled for them (a batch's
//! credit spread over its sales' days), the day's effective fee rate and the fees the contract allows. Computed
//! once per reconciliation (the charts screen draws them).
//!
//! The contracted rate: a rate-only contract is one flat rate. With a fixed fee per sale the contract has no
//! single rate — 2.9 % + 0.30 is 5.3 % of a 12.50 sale and 2.9 % of a 1,000.00 one — so each day has its own
//! (the fees the contract allows on the day's sales over their total), and the effective rate is read against
//! the contract of that very day.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::app::reconciled::ReconciledFiles;
use crate::engine::Status;
use crate::engine::takings::contract_fee;
use crate::model::{Money, Side, TxnKind};

/// One business day's figures.
#[derive(Clone, Debug, PartialEq)]
pub struct Day {
    pub date: NaiveDate,
    /// Σ terminal sales − refunds of the day (declined, voided and duplicate rows left out).
    pub terminal: Money,
    /// What the bank paid for the day's sales: batch credits spread over their sales' days, 1:1 credits on
    /// their sale's day.
    pub settled: Money,
    /// Effective fee rate of the day's batches (fraction), where known.
    pub fee_rate: Option<Decimal>,
    /// The fees the contract allows on the day's sales and refunds (`engine::takings::contract_fee`).
    pub contract_fee: Money,
}

impl Day {
    /// Sales happened but the bank paid nothing for them.
    pub fn unpaid(&self) -> bool {
        self.terminal.0 > Decimal::ZERO && self.settled == Money::ZERO
    }

    /// The contract's fees over the day's takings (fraction), when it took any.
    pub fn contracted_rate(&self) -> Option<Decimal> {
        (self.terminal.0 > Decimal::ZERO).then(|| self.contract_fee.0 / self.terminal.0)
    }
}

/// The per-day figures of a reconciliation, in date order.
pub fn daily_figures(reconciled: &ReconciledFiles) -> Vec<Day> {
    let mut days: BTreeMap<NaiveDate, Day> = BTreeMap::new();
    let mut add = |date: NaiveDate, terminal: Money, settled: Money, rate: Option<Decimal>, contract_fee: Money| {
        let empty = Day {
            date,
            terminal: Money::ZERO,
            settled: Money::ZERO,
            fee_rate: None,
            contract_fee: Money::ZERO,
        };
        let d = days.entry(date).or_insert(empty);
        d.terminal = d.terminal + terminal;
        d.contract_fee = d.contract_fee + contract_fee;
        d.settled = d.settled + settled;
        if rate.is_some() {
            d.fee_rate = rate;
        }
    };
    let report = &reconciled.report;
    for (index, txn) in reconciled.terminal.iter().enumerate() {
        let status = report.terminal.get(index).map_or(Status::Missing, |o| o.status);
        let counts = matches!(txn.kind, TxnKind::Sale | TxnKind::Refund)
            && !matches!(status, Status::Unrelated | Status::Duplicate);
        if counts {
            let fee = Money::from_minor(contract_fee(txn, &reconciled.config.settlement));
            add(txn.date(), txn.amount, Money::ZERO, None, fee);
        }
    }
    // A batch's credit is spread over the days of its sales, in proportion to each day's gross, so a credit
    // covering a weekend does not leave Saturday and Sunday looking unpaid.
    for batch in &report.batches {
        if batch.bank.is_none() || batch.gross == Money::ZERO {
            continue;
        }
        let share = batch.actual.0 / batch.gross.0;
        for member in &batch.terminal_rows {
            if let Some(sale) = reconciled.txn(*member) {
                add(
                    sale.date(),
                    Money::ZERO,
                    Money(sale.amount.0 * share),
                    batch.effective_fee_rate,
                    Money::ZERO,
                );
            }
        }
    }
    for (index, txn) in reconciled.bank.iter().enumerate() {
        let Some(outcome) = report.bank.get(index) else {
            continue;
        };
        if matches!(outcome.status, Status::Matched | Status::MatchedWithDifference) {
            let sale_day = outcome
                .counterparts
                .first()
                .and_then(|c| reconciled.txn(*c))
                .filter(|t| t.side == Side::Terminal)
                .map_or(txn.date(), |t| t.date());
            add(sale_day, Money::ZERO, txn.amount, None, Money::ZERO);
        }
    }
    days.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Batch, Report, RowId, RowOutcome};
    use crate::model::{RowRef, SourceId, Txn};

    fn sale(day: u32, fen: i64) -> Txn {
        let time = NaiveDate::from_ymd_opt(2026, 10, day)
            .and_then(|d| d.and_hms_opt(12, 0, 0))
            .unwrap_or_default();
        Txn::new(
            RowRef {
                source: SourceId(0),
                line: day + 1,
            },
            Side::Terminal,
            time,
            Money::from_minor(fen),
        )
    }

    #[test]
    fn a_weekend_batch_pays_every_day_it_covers_and_an_unpaid_day_stands_out() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 10, d).unwrap_or_default();
        let terminal = vec![sale(10, 10_000), sale(11, 30_000), sale(13, 5_000)];
        let bank = vec![Txn::new(
            RowRef {
                source: SourceId(1),
                line: 2,
            },
            Side::Bank,
            day(12).and_hms_opt(9, 0, 0).unwrap_or_default(),
            Money::from_minor(39_760),
        )];
        let in_batch = RowOutcome {
            status: Status::InBatch,
            batch: Some(0),
            ..RowOutcome::default()
        };
        let report = Report {
            terminal: vec![in_batch.clone(), in_batch.clone(), RowOutcome::default()],
            bank: vec![in_batch],
            batches: vec![Batch {
                id: "M1-2026-10-10..2026-10-11".into(),
                merchant_id: None,
                terminal_id: None,
                first_day: day(10),
                last_day: day(11),
                bank: Some(RowId::bank(0)),
                terminal_rows: vec![RowId::terminal(0), RowId::terminal(1)],
                gross: Money::from_minor(40_000),
                fees: Money::from_minor(240),
                expected_net: Money::from_minor(39_760),
                actual: Money::from_minor(39_760),
                difference: Money::ZERO,
                effective_fee_rate: Some(Decimal::new(6, 3)),
                tied_by: Default::default(),
            }],
            ..Report::default()
        };
        let reconciled = ReconciledFiles {
            terminal,
            bank,
            report,
            ..ReconciledFiles::default()
        };
        let days = daily_figures(&reconciled);
        let dates: Vec<NaiveDate> = days.iter().map(|d| d.date).collect();
        assert_eq!(dates, vec![day(10), day(11), day(13)]);
        assert_eq!(days[0].settled, Money::from_minor(9_940));
        assert_eq!(days[1].settled, Money::from_minor(29_820));
        assert_eq!(days[1].fee_rate, Some(Decimal::new(6, 3)));
        let unpaid: Vec<bool> = days.iter().map(Day::unpaid).collect();
        assert_eq!(unpaid, vec![false, false, true]);
    }

    #[test]
    fn with_a_fixed_fee_each_day_has_its_own_contracted_rate() {
        // 2.9 % + 0.30: one sale of 1,000.00 costs 29.30 (2.93 %); four of 12.50 cost 0.66 each (5.28 %).
        let mut terminal = vec![sale(10, 100_000)];
        terminal.extend((0..4).map(|_| sale(11, 1_250)));
        let report = Report {
            terminal: vec![RowOutcome::default(); 5],
            ..Report::default()
        };
        let mut reconciled = ReconciledFiles {
            terminal,
            report,
            ..ReconciledFiles::default()
        };
        (
            reconciled.config.settlement.fee_rate,
            reconciled.config.settlement.fee_fixed,
        ) = (Decimal::new(29, 3), Decimal::new(30, 2));
        let days = daily_figures(&reconciled);
        let rates: Vec<Option<Decimal>> = days.iter().map(Day::contracted_rate).collect();
        assert_eq!(rates, vec![Some(Decimal::new(293, 4)), Some(Decimal::new(528, 4))]);
    }
}
