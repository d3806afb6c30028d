//! Acquirer fee debits (手续费) on statements that credit every sale gross and take the fees separately, once a
//! day. A fee debit is compared with the fees of one business day's one-to-one matched sales (fee column, else
//! the contract's rate and fixed fee per sale, see [`contract_fee`](crate::engine::takings::contract_fee)),
//! preferring the day `delay_days` before the debit: equal within tolerance → `matched` with those rows; above
//! them → `fee_above_contract` on the debit. A fee row is never `missing`: when no day fits it stays `unrelated`.

use std::collections::{BTreeMap, BTreeSet};

use crate::engine::index::{business_day, day_number, day_of, minor, ordered};
use crate::engine::match_batch::tolerance;
use crate::engine::outcome::{RowId, RuleId, Status};
use crate::engine::takings::row_figures;
use crate::engine::wording::{self, flag};
use crate::engine::work::Work;
use crate::model::Money;

pub fn run(work: &mut Work) {
    let fee_rows = ordered(work.bank, |j| work.bank_fee[j]);
    if fee_rows.is_empty() {
        return;
    }
    let cfg = work.config.settlement.clone();
    // Fees and rows of each business day's one-to-one matched terminal rows.
    let mut days: BTreeMap<i64, (i64, Vec<RowId>)> = BTreeMap::new();
    for (i, t) in work.terminal.iter().enumerate() {
        if matches!(
            work.terminal_out[i].status,
            Status::Matched | Status::MatchedWithDifference
        ) {
            let f = row_figures(t, &cfg);
            let day = days.entry(day_number(business_day(t, cfg.cutoff))).or_default();
            day.0 += f.gross - f.net;
            day.1.push(RowId::terminal(i));
        }
    }
    let mut claimed: BTreeSet<i64> = BTreeSet::new();
    for j in fee_rows {
        let debit = &work.bank[j as usize];
        let fee = -minor(debit.amount);
        let due = day_number(debit.date()) - cfg.delay_days.max(0);
        let tol = tolerance(work, fee);
        let fits = days
            .range(due - cfg.search_days.max(0)..=day_number(debit.date()))
            .filter(|(d, (f, _))| !claimed.contains(*d) && (f - fee).abs() <= tol)
            .min_by_key(|(d, _)| ((**d - due).abs(), **d))
            .map(|(d, (_, rows))| (*d, rows.clone()));
        let id = RowId::bank(j as usize);
        if let Some((day, rows)) = fits {
            claimed.insert(day);
            work.close(id, Status::Matched);
            if let Some(out) = work.outcome_mut(id) {
                out.counterparts = rows.into();
            }
            continue;
        }
        let Some((expected, _)) = days.get(&due).filter(|_| !claimed.contains(&due)) else {
            continue;
        };
        if fee - expected > tol {
            let money = |m: i64| wording::money(Money::from_minor(m), debit.currency);
            let day = wording::date(day_of(due));
            let (contract_en, contract_zh) = wording::contract(cfg.fee_rate, cfg.fee_fixed, debit.currency);
            let (paid, implied, excess) = (money(fee), money(*expected), money(fee - expected));
            work.add_flag(
                id,
                flag(
                    RuleId::FeeAboveContract,
                    format!("Fee debit {paid} for {day} is {excess} more than the {implied} its sales imply (contract {contract_en})."),
                    format!("{day} 的手续费扣款 {paid} 比当日交易应收的 {implied} 多 {excess}（合同费率 {contract_zh}）。"),
                    Vec::new(),
                ),
            );
        }
    }
}
