//! Near matches, the last pass: a terminal row and a bank row inside the same time window (or date window for
//! date-only rows) whose amounts differ by at most `near_amount_abs` are `matched_with_difference`, for the
//! owner to review. Each terminal row, in time order, takes the closest amount (then the earliest posting).

use chrono::Timelike;
use rust_decimal::Decimal;

use crate::engine::index::{day_number, minor, ordered, secs};
use crate::engine::outcome::{MatchRule, Status};
use crate::engine::work::Work;
use crate::model::Txn;

const DAY: i64 = 86_400;

/// The allowed difference in minor units.
fn tolerance_minor(near: Decimal) -> i64 {
    i64::try_from((near * Decimal::ONE_HUNDRED).floor()).unwrap_or(0).max(0)
}

pub fn run(work: &mut Work) {
    let cfg = &work.config.matching;
    let tolerance = tolerance_minor(cfg.near_amount_abs);
    if tolerance == 0 {
        return;
    }
    let (terminal, bank) = (work.terminal, work.bank);
    // Open bank rows by posting time: timed ones by second, date-only ones by their midnight.
    let mut timed: Vec<(i64, u32)> = Vec::new();
    let mut dated: Vec<(i64, u32)> = Vec::new();
    for j in ordered(bank, |j| work.bank_open[j]) {
        let b = &bank[j as usize];
        if b.date_only {
            dated.push((day_number(b.date()), j))
        } else {
            timed.push((secs(b), j))
        }
    }
    if timed.is_empty() && dated.is_empty() {
        return;
    }
    let days = cfg.date_only_days.max(0);
    for i in ordered(terminal, |i| work.terminal_open[i]) {
        let t = &terminal[i as usize];
        let day = day_number(t.date());
        let day_start = secs(t) - i64::from(t.time.time().num_seconds_from_midnight());
        let (from, to) = if t.date_only {
            (day_start, day_start + (days + 1) * DAY - 1)
        } else {
            (secs(t) - cfg.window_before_secs, secs(t) + cfg.window_after_secs)
        };
        let candidates = in_range(&timed, from, to)
            .iter()
            .chain(in_range(&dated, day, day + days));
        // Closest amount first, then the earliest posting (position in time order, not in the input).
        let best = candidates
            .enumerate()
            .filter(|(_, (_, j))| work.bank_open[*j as usize])
            .filter_map(|(pos, &(_, j))| {
                difference(t, &bank[j as usize])
                    .filter(|d| *d <= tolerance)
                    .map(|d| (d, pos, j))
            })
            .min();
        if let Some((_, _, j)) = best {
            work.pair(i, j, Status::MatchedWithDifference, MatchRule::NearAmount);
        }
    }
}

/// |difference| in minor units when the currency and the direction agree and the amounts differ.
fn difference(t: &Txn, b: &Txn) -> Option<i64> {
    let (x, y) = (minor(t.amount), minor(b.amount));
    (t.currency == b.currency && (x > 0) == (y > 0) && x != y).then(|| (x - y).abs())
}

fn in_range(sorted: &[(i64, u32)], from: i64, to: i64) -> &[(i64, u32)] {
    let lo = sorted.partition_point(|&(at, _)| at < from);
    let hi = sorted.partition_point(|&(at, _)| at <= to);
    sorted.get(lo..hi.max(lo)).unwrap_or(&[])
}
