//! Acquirer fee debits (手续费) on statements that credit every sale gross and take the fees separately — once a
//! day, or once a month. Each fee debit is tied to the period it covers, and compared with the fees of that
//! period's one-to-one matched sales (fee column, else the contract's rate and fixed fee per sale, see
//! [`contract_fee`](crate::engine::takings::contract_fee)):
//! - the period the memo names ("POS手续费 2026年09月", "Service charge 09/2026", "fees 10-01 to 10-07"), read by
//!   [`memo_evidence`](crate::engine::memo_evidence);
//! - naming none, the days since the previous fee debit's period, up to `delay_days` before the debit (the first
//!   debit covers as many days as lie between it and the next one, or every day before it when it is alone).
//!
//! Equal within tolerance → `matched` with those rows; above them → one `fee_above_contract` on the debit for
//! the whole period, never a per-day finding from a monthly debit. A fee row is never `missing`.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::engine::index::{business_day, day_number, day_of, minor, ordered};
use crate::engine::memo_evidence::{Named, named_period};
use crate::engine::outcome::{RowId, RuleId, Status};
use crate::engine::takings::{row_figures, tolerance};
use crate::engine::wording::{self, flag};
use crate::engine::work::Work;
use crate::model::Money;

/// Where a fee debit's period comes from.
enum Period {
    Named(Named),
    SincePrevious,
}

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
    let Some(&first_day) = days.keys().next() else {
        return;
    };
    let dates: Vec<i64> = fee_rows
        .iter()
        .map(|&j| day_number(work.bank[j as usize].date()))
        .collect();
    let mut previous_end: Option<i64> = None;
    for (n, &j) in fee_rows.iter().enumerate() {
        let debit = &work.bank[j as usize];
        let text: String = [&debit.description, &debit.reference]
            .into_iter()
            .flatten()
            .map(|t| format!("{} ", &**t))
            .collect();
        let fee = -minor(debit.amount);
        let tol = tolerance(&cfg, fee);
        let expected_in = |from: i64, to: i64| -> (i64, Vec<RowId>) {
            days.range(from..=to.max(from)).filter(|(d, _)| **d <= to).fold(
                (0i64, Vec::new()),
                |(sum, mut rows), (_, (fee, day_rows))| {
                    rows.extend_from_slice(day_rows);
                    (sum + fee, rows)
                },
            )
        };
        let candidates: Vec<(i64, i64, Period)> = match named_period(&text, debit.date()) {
            Some(named) => vec![(
                day_number(named.first()),
                day_number(named.last()),
                Period::Named(named),
            )],
            None => unnamed_periods(dates[n], dates.get(n + 1).copied(), previous_end, first_day, &cfg),
        };
        // The first candidate whose sales' fees the debit equals; else the first, for the finding.
        let chosen = candidates
            .iter()
            .position(|(from, to, _)| (fee - expected_in(*from, *to).0).abs() <= tol)
            .unwrap_or(0);
        let Some((from, to, source)) = candidates.into_iter().nth(chosen) else {
            continue;
        };
        let (expected, rows) = expected_in(from, to);
        // A debit that names its period, or whose period its sales' fees explain, ends the period the next
        // unnamed debit starts after; one that fits nothing does not move it.
        if matches!(source, Period::Named(_)) || (fee - expected).abs() <= tol {
            previous_end = Some(to.max(previous_end.unwrap_or(i64::MIN)));
        }
        if rows.is_empty() {
            continue;
        }
        let id = RowId::bank(j as usize);
        if (fee - expected).abs() <= tol {
            work.close(id, Status::Matched);
            if let Some(out) = work.outcome_mut(id) {
                out.counterparts = rows.into();
            }
        } else if fee - expected > tol {
            let money = |m: i64| wording::money(Money::from_minor(m), debit.currency);
            let (period_en, period_zh) = period_words(day_of(from), day_of(to), &source);
            let (contract_en, contract_zh) = wording::contract(cfg.fee_rate, cfg.fee_fixed, debit.currency);
            let (paid, implied, excess) = (money(fee), money(expected), money(fee - expected));
            work.add_flag(
                id,
                flag(
                    RuleId::FeeAboveContract,
                    format!("Fee debit {paid} for {period_en} is {excess} more than the {implied} that period's sales imply (contract {contract_en})."),
                    format!("{period_zh}的手续费扣款 {paid} 比该期间交易按合同应收的 {implied} 多 {excess}（合同费率 {contract_zh}）。"),
                    Vec::new(),
                ),
            );
        }
    }
}

/// The periods an unnamed fee debit dated `date` may cover, most likely first: since the previous debit's period
/// (up to `delay_days` before it, or up to its own day for fees taken as the sales come in); with no previous
/// debit, one day (a daily fee), then as many days as lie between it and the next debit, then every day before.
fn unnamed_periods(
    date: i64,
    next: Option<i64>,
    previous_end: Option<i64>,
    first_day: i64,
    cfg: &crate::engine::config::SettlementConfig,
) -> Vec<(i64, i64, Period)> {
    let delay = cfg.delay_days.max(0);
    let mut ends: Vec<i64> = vec![date - delay];
    ends.extend(
        (date - delay - cfg.search_days.max(0)..=date)
            .rev()
            .filter(|&e| e != date - delay),
    );
    let mut out = Vec::new();
    match previous_end {
        Some(end) => out.extend(
            ends.iter()
                .filter(|&&e| e > end)
                .map(|&e| (end + 1, e, Period::SincePrevious)),
        ),
        None => {
            out.extend(ends.iter().map(|&e| (e, e, Period::SincePrevious)));
            if let Some(next) = next.filter(|&next| next > date + 1) {
                out.extend(ends.iter().map(|&e| (e - (next - date) + 1, e, Period::SincePrevious)));
            }
            out.extend(ends.iter().map(|&e| (first_day, e, Period::SincePrevious)));
        }
    }
    out
}

/// "September 2026 (named in the memo)" / "2026-09-21 to 2026-10-20 (since the previous fee debit)".
fn period_words(from: NaiveDate, to: NaiveDate, source: &Period) -> (String, String) {
    let (en, zh) = match source {
        Period::Named(Named::Month { first, .. }) => (
            format!("{} (the month named in the memo)", first.format("%B %Y")),
            format!("{}（摘要写明的月份）", first.format("%Y年%m月")),
        ),
        Period::Named(Named::Days { .. }) if from == to => (
            format!("{} (the day named in the memo)", wording::date(from)),
            format!("{}（摘要写明的日期）", wording::date(from)),
        ),
        Period::Named(Named::Days { .. }) => (
            format!("{} to {} (named in the memo)", wording::date(from), wording::date(to)),
            format!("{} 至 {}（摘要写明的期间）", wording::date(from), wording::date(to)),
        ),
        Period::SincePrevious if from == to => (wording::date(from), wording::date(from)),
        Period::SincePrevious => (
            format!(
                "{} to {} (since the previous fee debit)",
                wording::date(from),
                wording::date(to)
            ),
            format!(
                "{} 至 {}（自上一笔手续费扣款起）",
                wording::date(from),
                wording::date(to)
            ),
        ),
    };
    (en, zh)
}
