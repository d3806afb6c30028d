//! What is wrong with a paid batch, said on its bank credit: `late_settlement` (paid after business day +
//! `delay_days`), `short_settlement` / `over_settlement` (beyond the tolerance), `fee_above_contract` (the
//! acquirer kept more than the contract allows: either the fee column already shows it and the credit agrees,
//! or the credit is short by exactly what a higher round rate on every row, plus the contract's fixed fee per
//! sale, gives — to the fen). Reasons name the contract as `wording::contract` words it.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::engine::index::{day_number, minor};
use crate::engine::outcome::{Batch, Flag, RuleId};
use crate::engine::takings::{Takings, fee_at, fee_under, tolerance};
use crate::engine::wording::{self, flag};
use crate::engine::work::Work;
use crate::model::Money;

/// The flags of a batch `all` paid by bank row `credit`.
pub fn judge(work: &Work, batch: &Batch, all: &Takings, credit: u32) -> Vec<Flag> {
    let cfg = &work.config.settlement;
    let Some(b) = work.bank.get(credit as usize) else {
        return Vec::new();
    };
    let money = |minor: i64| wording::money(Money::from_minor(minor), all.currency);
    let (first, last) = (wording::date(batch.first_day), wording::date(batch.last_day));
    let (days_en, days_zh) = if first == last {
        (format!("of {first}"), first.clone())
    } else {
        (format!("of {first} to {last}"), format!("{first} 至 {last}"))
    };
    let mut flags = Vec::new();

    // Every finding ends with what tied the credit to these days.
    let (tied_en, tied_zh) = wording::tied_by(&batch.tied_by);
    let due = work.due(day_number(batch.first_day));
    let late_by = work.late_days(due, day_number(b.date()));
    if late_by > 0 {
        let (paid, due_day) = (
            wording::date(b.date()),
            wording::date(crate::engine::index::day_of(due)),
        );
        let delay = cfg.delay_days;
        flags.push(flag(
            RuleId::LateSettlement,
            format!("The settlement {days_en} came on {paid}, {late_by} working day(s) after the contracted T+{delay} date {due_day}. {tied_en}"),
            format!("{days_zh} 的结算于 {paid} 到账，比合同约定的 T+{delay}（{due_day}）晚 {late_by} 个工作日。{tied_zh}"),
            batch.terminal_rows.clone(),
        ));
    }

    let actual = minor(b.amount);
    let diff = actual - all.net;
    let tol = tolerance(cfg, all.net);
    let (contract_en, contract_zh) = wording::contract(cfg.fee_rate, cfg.fee_fixed, all.currency);
    // `charged` is what the credit shows was charged: a rate, or a higher rate on top of the same fixed fee.
    let fee_flag = |(charged_en, charged_zh): (String, String)| {
        let excess = money(all.gross - actual - all.contract_fee);
        flag(
            RuleId::FeeAboveContract,
            format!("Effective fee {charged_en} {days_en}, contract {contract_en}: {excess} too much. {tied_en}"),
            format!("{days_zh} 实际手续费率 {charged_zh}，合同费率 {contract_zh}：多收 {excess}。{tied_zh}"),
            batch.terminal_rows.clone(),
        )
    };
    let expected = money(all.net);
    let (gross, fees) = (money(all.gross), money(all.gross - all.net));
    // With a fixed fee per sale the fees are no round share of the sales, so the reason says which contract the
    // expected figure comes from.
    let (basis_en, basis_zh) = if cfg.fee_fixed.is_zero() {
        (String::new(), String::new())
    } else {
        (format!("; contract {contract_en}"), format!("；合同费率 {contract_zh}"))
    };
    if diff < -tol {
        match uniform_rate(work, all, actual).filter(|r| *r > cfg.fee_rate) {
            Some(rate) => flags.push(fee_flag(wording::contract(rate, cfg.fee_fixed, all.currency))),
            None => flags.push(flag(
                RuleId::ShortSettlement,
                format!("The settlement {days_en} is {} short: paid {}, expected {expected} ({gross} sales − {fees} fees{basis_en}). {tied_en}", money(-diff), money(actual)),
                format!("{days_zh} 的结算少付 {}：实收 {}，应收 {expected}（交易额 {gross} − 手续费 {fees}{basis_zh}）。{tied_zh}", money(-diff), money(actual)),
                batch.terminal_rows.clone(),
            )),
        }
    } else if diff > tol {
        flags.push(flag(
            RuleId::OverSettlement,
            format!("The settlement {days_en} is {} over: paid {}, expected {expected} ({gross} sales − {fees} fees{basis_en}). {tied_en}", money(diff), money(actual)),
            format!("{days_zh} 的结算多付 {}：实收 {}，应收 {expected}（交易额 {gross} − 手续费 {fees}{basis_zh}）。{tied_zh}", money(diff), money(actual)),
            batch.terminal_rows.clone(),
        ));
    } else if all.gross > 0 && all.gross - actual - all.contract_fee > tolerance(cfg, all.gross) {
        let effective = wording::rate(Decimal::from(all.gross - actual) / Decimal::from(all.gross));
        flags.push(fee_flag((effective.clone(), effective)));
    }
    flags
}

/// The fee rate (a multiple of 0.05 %, at most 2 % — or, with a fixed fee per sale, at most 5 %) that, applied
/// to every row (rounded per row) or to the batch, on top of the contract's fixed fee per sale, gives the credit
/// to the fen, if there is one.
fn uniform_rate(work: &Work, all: &Takings, actual: i64) -> Option<Decimal> {
    if all.gross <= 0 {
        return None;
    }
    let fixed_fee = work.config.settlement.fee_fixed;
    let rows = || all.rows.iter().filter_map(|&i| work.terminal.get(i as usize));
    // The contract's fixed part of these rows' fees; only the rate is looked for.
    let fixed: i64 = rows().map(|t| fee_under(t, Decimal::ZERO, fixed_fee)).sum();
    let rate = (Decimal::from(all.gross - actual - fixed) / Decimal::from(all.gross))
        .round_dp_with_strategy(4, RoundingStrategy::MidpointAwayFromZero);
    // A contracted rate is a round figure (a multiple of 0.05 %) of at most 2 % (card-present rates; online
    // plans with a fixed fee go up to 5 %); anything else is a short payment.
    let ceiling = if fixed_fee.is_zero() {
        Decimal::new(2, 2)
    } else {
        Decimal::new(5, 2)
    };
    let in_steps = (rate / Decimal::new(5, 4)).fract().is_zero();
    if rate <= Decimal::ZERO || rate > ceiling || !in_steps {
        return None;
    }
    let per_row: i64 = rows().map(|t| fee_under(t, rate, fixed_fee)).sum();
    let per_batch = fee_at(Money::from_minor(all.gross), rate) + fixed;
    [per_row, per_batch]
        .into_iter()
        .any(|fee| (all.gross - fee - actual).abs() <= 1)
        .then_some(rate)
}
