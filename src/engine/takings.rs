//! A day's takings: the terminal rows of one merchant (or terminal, when the log has no merchant ID) and one
//! business day that the acquirer settles together, with their gross, fees and expected net in minor units.
//!
//! Fees per row: the fee column where present, with its sign (`Txn::fee`: positive when charged, negative when
//! given back — a refund's returned fee lowers the day's fees), else the contract's fee ([`contract_fee`]: rate ×
//! amount + the fixed fee per sale), **rounded to the fen per row** (acquirers compute and print the fee of every
//! transaction). The net of a row is its net column where present, else amount − fee.
//!
//! Rows whose acquirer report states a settlement date (清算日期, Payout date, available_on…) are grouped by
//! that date instead: the acquirer has said which credit pays them, so they form one takings whatever their
//! business days.

use std::collections::HashMap;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::engine::config::SettlementConfig;
use crate::engine::index::{business_day, currency_code, day_number, ident, minor, ordered};
use crate::engine::work::Work;
use crate::model::{Currency, Money, Txn, TxnKind, TxnStatus};

/// The money figures of one terminal row, in minor units (signed like the amount).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RowFigures {
    pub gross: i64,
    pub net: i64,
    /// The fee the contract allows on this row ([`contract_fee`]), rounded per row.
    pub contract_fee: i64,
}

/// The fee at `rate` on `amount`, rounded to the fen, with the amount's sign.
pub fn fee_at(amount: Money, rate: Decimal) -> i64 {
    let fee = Money((amount.0.abs() * rate).round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero));
    fee.minor_units() * amount.minor_units().signum()
}

/// The fee the contract allows on one terminal row, in minor units: positive when charged, negative when given
/// back. See [`fee_under`] for the rule.
pub fn contract_fee(t: &Txn, cfg: &SettlementConfig) -> i64 {
    fee_under(t, cfg.fee_rate, cfg.fee_fixed)
}

/// The fee of one terminal row under a contract of `rate` plus `fixed` per sale, rounded to the fen per row:
/// - a sale pays rate × amount + fixed;
/// - a refund on a rate-only contract gets its rate share back (Chinese acquirers, WeChat Pay and Alipay return
///   the fee of a 退货); on a contract with a fixed fee it gets nothing back (Stripe and SumUp keep their whole
///   fee on a refund, PayPal and Square keep at least the fixed part). Reading the refund as costing no fee
///   makes the contract's fees the most such an acquirer may keep, so a refund never looks like an overcharge;
/// - a declined, voided or neutral row, or one of zero, has no fee.
pub fn fee_under(t: &Txn, rate: Decimal, fixed: Decimal) -> i64 {
    if t.status != TxnStatus::Ok || t.kind == TxnKind::Void || t.amount.0.is_zero() {
        return 0;
    }
    if t.amount.is_negative() {
        return if fixed.is_zero() { fee_at(t.amount, rate) } else { 0 };
    }
    let fee = (t.amount.0 * rate + fixed).round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    Money(fee).minor_units()
}

pub fn row_figures(t: &Txn, cfg: &SettlementConfig) -> RowFigures {
    let gross = minor(t.amount);
    let contract_fee = contract_fee(t, cfg);
    let net = match (t.net, t.fee) {
        (Some(net), _) => net.minor_units(),
        (None, Some(fee)) => gross - fee.minor_units(),
        (None, None) => gross - contract_fee,
    };
    RowFigures {
        gross,
        net,
        contract_fee,
    }
}

/// Tolerance in minor units for an expected net: max(`tolerance_abs`, `tolerance_rel` × net).
pub fn tolerance(cfg: &SettlementConfig, net: i64) -> i64 {
    let abs = i64::try_from((cfg.tolerance_abs * Decimal::ONE_HUNDRED).floor()).unwrap_or(0);
    let rel = i64::try_from((cfg.tolerance_rel * Decimal::from(net.unsigned_abs())).floor()).unwrap_or(0);
    abs.max(rel).max(0)
}

/// What the bank pays with one credit: the whole shop's day (every terminal and merchant ID: the usual case),
/// or each merchant ID's day on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Shop,
    Merchant,
}

/// One merchant's (or the whole shop's) rows of one business day — or of the days the acquirer's report says
/// one settlement pays.
#[derive(Clone, Debug)]
pub struct Takings {
    /// Merchant ID (else terminal ID) for [`Unit::Merchant`]; empty for [`Unit::Shop`].
    pub key: String,
    pub merchant_id: Option<String>,
    pub terminal_id: Option<String>,
    pub currency: Currency,
    /// Day number of the (last) business day.
    pub day: i64,
    /// Day number of the first business day (equal to `day` unless `settle` groups several days).
    pub first_day: i64,
    /// The settlement date the acquirer's report states for these rows (day number), if it does.
    pub settle: Option<i64>,
    /// Terminal row indices in time order.
    pub rows: Vec<u32>,
    pub gross: i64,
    pub net: i64,
    pub contract_fee: i64,
}

impl Takings {
    fn add(&mut self, index: u32, f: RowFigures, day: i64) {
        self.day = self.day.max(day);
        self.first_day = self.first_day.min(day);
        self.rows.push(index);
        self.gross += f.gross;
        self.net += f.net;
        self.contract_fee += f.contract_fee;
    }
}

/// The open terminal rows grouped into takings of `unit`, ordered by (day, key, currency).
pub fn gather(work: &Work, unit: Unit) -> Vec<Takings> {
    let cfg = &work.config.settlement;
    // (business day or stated settlement day, stated?, key, currency)
    let mut groups: HashMap<(i64, bool, &str, u32), Takings> = HashMap::new();
    for i in ordered(work.terminal, |i| work.terminal_open[i]) {
        let t = &work.terminal[i as usize];
        let merchant = ident(&t.merchant_id);
        let terminal = ident(&t.terminal_id);
        let key = match unit {
            Unit::Shop => "",
            Unit::Merchant => merchant.or(terminal).unwrap_or(""),
        };
        let day = day_number(business_day(t, cfg.cutoff));
        let settle = t.settle_date.map(day_number);
        let group = groups
            .entry((settle.unwrap_or(day), settle.is_some(), key, currency_code(t.currency)))
            .or_insert_with(|| Takings {
                key: key.to_string(),
                merchant_id: merchant.map(str::to_string),
                terminal_id: terminal.map(str::to_string),
                currency: t.currency,
                day,
                first_day: day,
                settle,
                rows: Vec::new(),
                gross: 0,
                net: 0,
                contract_fee: 0,
            });
        if group.terminal_id.as_deref() != terminal {
            group.terminal_id = None;
        }
        if group.merchant_id.as_deref() != merchant {
            group.merchant_id = None;
        }
        group.add(i, row_figures(t, cfg), day);
    }
    let mut out: Vec<Takings> = groups.into_values().collect();
    out.sort_by(|a, b| {
        (a.day, a.settle, &a.key, currency_code(a.currency)).cmp(&(b.day, b.settle, &b.key, currency_code(b.currency)))
    });
    out
}

/// The takings of the given terminal rows (one payout that an id names), whatever their days and terminals.
pub fn of_rows(work: &Work, rows: &[u32]) -> Option<Takings> {
    let cfg = &work.config.settlement;
    let mut all: Option<Takings> = None;
    for &i in rows {
        let t = work.terminal.get(i as usize)?;
        let day = day_number(business_day(t, cfg.cutoff));
        let g = all.get_or_insert_with(|| Takings {
            key: String::new(),
            merchant_id: ident(&t.merchant_id).map(str::to_string),
            terminal_id: ident(&t.terminal_id).map(str::to_string),
            currency: t.currency,
            day,
            first_day: day,
            settle: t.settle_date.map(day_number),
            rows: Vec::new(),
            gross: 0,
            net: 0,
            contract_fee: 0,
        });
        if g.terminal_id.as_deref() != ident(&t.terminal_id) {
            g.terminal_id = None;
        }
        g.add(i, row_figures(t, cfg), day);
    }
    all
}

/// Several takings paid together (consecutive days of one key), with their totals.
pub fn combine(parts: &[&Takings]) -> Option<Takings> {
    let (first, rest) = parts.split_first()?;
    let mut all = (*first).clone();
    for p in rest {
        all.day = all.day.max(p.day);
        all.first_day = all.first_day.min(p.first_day);
        all.settle = all.settle.max(p.settle);
        all.rows.extend_from_slice(&p.rows);
        all.gross += p.gross;
        all.net += p.net;
        all.contract_fee += p.contract_fee;
        if all.terminal_id != p.terminal_id {
            all.terminal_id = None;
        }
    }
    Some(all)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{RowRef, Side, SourceId};
    use rust_decimal_macros::dec;

    fn sale(amount: Decimal) -> Txn {
        Txn::new(
            RowRef {
                source: SourceId(0),
                line: 2,
            },
            Side::Terminal,
            Default::default(),
            Money(amount),
        )
    }

    /// The default contract: 0.6 %, no fixed fee.
    fn rate_only() -> SettlementConfig {
        SettlementConfig {
            fee_rate: dec!(0.006),
            ..SettlementConfig::default()
        }
    }

    /// Stripe's standard US pricing: 2.9 % + 0.30 per sale.
    fn stripe() -> SettlementConfig {
        SettlementConfig {
            fee_rate: dec!(0.029),
            fee_fixed: dec!(0.30),
            ..SettlementConfig::default()
        }
    }

    #[test]
    fn fee_column_wins_over_the_contracted_rate() {
        let mut t = sale(dec!(100.00));
        assert_eq!(
            row_figures(&t, &rate_only()),
            RowFigures {
                gross: 10000,
                net: 9940,
                contract_fee: 60
            }
        );
        t.fee = Some(Money(dec!(1.00)));
        assert_eq!(row_figures(&t, &rate_only()).net, 9900);
        t.net = Some(Money(dec!(98.50)));
        assert_eq!(row_figures(&t, &rate_only()).net, 9850);
    }

    #[test]
    fn a_fee_column_counts_with_its_sign() {
        // A refund of ¥58.00 whose fee of ¥0.17 is given back: the refund costs the shop ¥57.83, and the day's
        // fees fall by ¥0.17.
        let mut refund = sale(dec!(-58.00));
        refund.fee = Some(Money(dec!(-0.17)));
        let f = row_figures(&refund, &rate_only());
        assert_eq!((f.gross, f.net, f.gross - f.net), (-5800, -5783, -17));
        // An acquirer that charges ¥0.50 for handling the refund: it costs ¥58.50, the day's fees rise.
        refund.fee = Some(Money(dec!(0.50)));
        assert_eq!(row_figures(&refund, &rate_only()).net, -5850);
        // A sale's fee given back (a rebate) raises what the sale brings in.
        let mut t = sale(dec!(100.00));
        t.fee = Some(Money(dec!(-0.30)));
        assert_eq!(row_figures(&t, &rate_only()).net, 10030);
    }

    #[test]
    fn a_refund_returns_its_fee_and_fees_round_per_row() {
        let refund = sale(dec!(-58.00));
        assert_eq!(
            row_figures(&refund, &rate_only()),
            RowFigures {
                gross: -5800,
                net: -5765,
                contract_fee: -35
            }
        );
        // 0.6 % of 12.50 is 0.075 → 0.08 per row.
        assert_eq!(fee_at(Money(dec!(12.50)), dec!(0.006)), 8);
    }

    #[test]
    fn a_sale_pays_the_rate_and_the_fixed_fee_rounded_once() {
        // Stripe's own figures: 1,240.00 → 36.26; 12.50 → 0.3625 + 0.30 → 0.66; 80.00 → 2.62.
        assert_eq!(contract_fee(&sale(dec!(1240.00)), &stripe()), 3626);
        assert_eq!(contract_fee(&sale(dec!(12.50)), &stripe()), 66);
        assert_eq!(
            row_figures(&sale(dec!(80.00)), &stripe()),
            RowFigures {
                gross: 8000,
                net: 7738,
                contract_fee: 262
            }
        );
        // A fixed fee of a fraction of a cent is rounded with the rate, not on its own: 0.29 + 0.005 → 0.30.
        let odd = SettlementConfig {
            fee_rate: dec!(0.029),
            fee_fixed: dec!(0.005),
            ..SettlementConfig::default()
        };
        assert_eq!(contract_fee(&sale(dec!(10.00)), &odd), 30);
    }

    #[test]
    fn a_refund_under_a_fixed_fee_gets_no_fee_back_and_a_declined_row_has_none() {
        // Stripe keeps its fee on a refund: the refund costs its whole amount.
        let refund = sale(dec!(-30.00));
        assert_eq!(
            row_figures(&refund, &stripe()),
            RowFigures {
                gross: -3000,
                net: -3000,
                contract_fee: 0
            }
        );
        // The same refund under a rate-only contract still gets its 0.6 % back.
        assert_eq!(contract_fee(&refund, &rate_only()), -18);
        let mut declined = sale(dec!(40.00));
        declined.status = TxnStatus::Declined;
        assert_eq!(contract_fee(&declined, &stripe()), 0);
        let mut voided = sale(dec!(40.00));
        voided.kind = TxnKind::Void;
        assert_eq!(contract_fee(&voided, &stripe()), 0);
        assert_eq!(
            contract_fee(&sale(Decimal::ZERO), &stripe()),
            0,
            "no fixed fee on a row of nothing"
        );
    }
}
