//! Settlement batches (n:1): the terminal rows left after the one-to-one passes, grouped into a day's takings
//! (see [`takings`](crate::engine::takings)), are paired with the bank credit that pays them.
//!
//! In this order, each round seeing what the earlier left:
//! 1. a credit equal to one day's expected net (within max(`tolerance_abs`, `tolerance_rel` × net)) on the
//!    contracted day (business day + `delay_days`);
//! 2. a credit equal to the sum of several consecutive days of one merchant (weekend or holiday roll-up: Friday
//!    to Sunday paid on Monday) on the contracted day after the last of them;
//! 3. a single day paid early, or late (up to `search_days` after the contracted day) → `late_settlement`;
//! 4. a roll-up paid late → `late_settlement`;
//! 5. for merchants that settle in batches (at least one batch found above), the nearest-fit
//!    credit (from the contracted day on, within half the expected net) of a day still unpaid: short by exactly
//!    one row's net (and no other row fits) → that row is `missing` and the batch balances; otherwise →
//!    `short_settlement` / `over_settlement` (or `fee_above_contract` when the shortfall is exactly a higher
//!    fee rate applied to every row).
//!
//! Credits are found through a sorted (amount, day) index and a binary search on the tolerance band — never by
//! trying subsets. Days still unpaid of merchants that settle in batches are recorded as batches without a
//! credit; their rows stay `missing`.

use std::collections::BTreeSet;

use rust_decimal::Decimal;

use crate::engine::index::{currency_code, day_of, minor, ordered};
use crate::engine::outcome::{Batch, RowId, RowIds, Status};
use crate::engine::settlement_flags::judge;
use crate::engine::takings::{self, Takings};
use crate::engine::work::Work;
use crate::model::Money;

/// An open acquirer credit: (amount in minor units, day number, position in time order, bank index).
type Credit = (i64, i64, u32, u32);

/// Tolerance in minor units for an expected net.
pub fn tolerance(work: &Work, net: i64) -> i64 {
    let cfg = &work.config.settlement;
    let abs = i64::try_from((cfg.tolerance_abs * Decimal::ONE_HUNDRED).floor()).unwrap_or(0);
    let rel = i64::try_from((cfg.tolerance_rel * Decimal::from(net.unsigned_abs())).floor()).unwrap_or(0);
    abs.max(rel).max(0)
}

struct Search {
    target: i64,
    lo: i64,
    hi: i64,
    first_day: i64,
    last_day: i64,
    /// The day a credit should come; nearer is better.
    due: i64,
    currency: u32,
}

fn find(work: &Work, credits: &[Credit], s: &Search) -> Option<u32> {
    let from = credits.partition_point(|c| c.0 < s.lo);
    let to = credits.partition_point(|c| c.0 <= s.hi);
    credits
        .get(from..to.max(from))
        .unwrap_or(&[])
        .iter()
        .filter(|c| c.1 >= s.first_day && c.1 <= s.last_day && work.bank_open[c.3 as usize])
        .filter(|c| currency_code(work.bank[c.3 as usize].currency) == s.currency)
        .min_by_key(|c| ((c.1 - s.due).abs(), c.1 > s.due, (c.0 - s.target).abs(), c.2))
        .map(|c| c.3)
}

pub fn run(work: &mut Work) {
    let groups = takings::gather(work);
    if groups.is_empty() {
        return;
    }
    let bank = work.bank;
    let mut credits: Vec<Credit> = ordered(bank, |j| work.bank_open[j] && !bank[j].amount.is_negative())
        .into_iter()
        .enumerate()
        .map(|(pos, j)| {
            let b = &bank[j as usize];
            (
                minor(b.amount),
                crate::engine::index::day_number(b.date()),
                pos as u32,
                j,
            )
        })
        .collect();
    credits.sort_unstable();
    let cfg = work.config.settlement.clone();
    let (delay, search) = (cfg.delay_days.max(0), cfg.search_days.max(0));
    let mut paid = vec![false; groups.len()];
    // Merchants that settle in batches: those with at least one batch found in rounds 1–4.
    let mut batch_keys: BTreeSet<String> = BTreeSet::new();

    let exact = |work: &Work, g: &Takings, first_day: i64, last_day: i64, due: i64| {
        let tol = tolerance(work, g.net);
        let s = Search {
            target: g.net,
            lo: g.net - tol,
            hi: g.net + tol,
            first_day,
            last_day,
            due,
            currency: currency_code(g.currency),
        };
        find(work, &credits, &s)
    };

    // 1. One day, on the contracted day.
    for (k, g) in groups.iter().enumerate() {
        if let Some(c) = exact(work, g, g.day + delay, g.day + delay, g.day + delay) {
            bind(work, &[g], c, None);
            paid[k] = true;
            batch_keys.insert(g.key.clone());
        }
    }
    // 2. Roll-ups on time, 3. single days early or late, 4. roll-ups late.
    for round in [
        Round::RollUp { late: false },
        Round::Single,
        Round::RollUp { late: true },
    ] {
        for k in 0..groups.len() {
            if paid[k] {
                continue;
            }
            let run = match round {
                Round::Single => vec![k],
                Round::RollUp { .. } => consecutive_unpaid(&groups, &paid, k),
            };
            let parts: Vec<&Takings> = run.iter().map(|&l| &groups[l]).collect();
            let found = match round {
                Round::Single => {
                    let g = &groups[k];
                    exact(work, g, g.day, g.day + delay + search, g.day + delay).map(|c| (c, 1))
                }
                Round::RollUp { late } => (2..=parts.len()).find_map(|n| {
                    let all = takings::combine(&parts[..n])?;
                    let due = parts[n - 1].day + delay;
                    let last_day = if late { due + search } else { due };
                    exact(work, &all, due, last_day, due).map(|c| (c, n))
                }),
            };
            if let Some((c, n)) = found {
                bind(work, &parts[..n], c, None);
                for &l in &run[..n] {
                    paid[l] = true;
                }
                batch_keys.insert(groups[k].key.clone());
            }
        }
    }
    // 5. Nearest fit for merchants that settle in batches; the rest of their days are unpaid batches.
    for (k, g) in groups.iter().enumerate() {
        if paid[k] || !batch_keys.contains(&g.key) {
            continue;
        }
        let half = g.net.abs() / 2;
        let s = Search {
            target: g.net,
            lo: g.net - half,
            hi: g.net + half,
            first_day: g.day + delay,
            last_day: g.day + delay + search,
            due: g.day + delay,
            currency: currency_code(g.currency),
        };
        match find(work, &credits, &s).filter(|_| g.net > 0) {
            Some(c) => {
                let unpaid = unpaid_row(work, g, minor(bank[c as usize].amount));
                bind(work, &[g], c, unpaid);
            }
            None => record_unpaid(work, g),
        }
        paid[k] = true;
    }
    order_batches(work);
}

#[derive(Clone, Copy)]
enum Round {
    Single,
    RollUp { late: bool },
}

/// The unpaid takings of the same key and currency from `start` on, while the days follow each other
/// (gaps of up to 3 days: a closed day inside a long weekend) and span at most a week.
fn consecutive_unpaid(groups: &[Takings], paid: &[bool], start: usize) -> Vec<usize> {
    let first = &groups[start];
    let mut run = vec![start];
    let mut last_day = first.day;
    for (k, g) in groups.iter().enumerate().skip(start + 1) {
        if g.day - last_day > 3 || g.day - first.day > 6 {
            break;
        }
        if paid[k] || g.key != first.key || g.currency != first.currency || g.day == last_day {
            continue;
        }
        run.push(k);
        last_day = g.day;
    }
    run
}

/// The one row whose net equals the shortfall of `credit`, when exactly one row fits.
fn unpaid_row(work: &Work, g: &Takings, credit: i64) -> Option<u32> {
    let shortfall = g.net - credit;
    if shortfall <= tolerance(work, g.net) {
        return None;
    }
    let tol = tolerance(work, 0);
    let cfg = &work.config.settlement;
    let mut fitting = g
        .rows
        .iter()
        .copied()
        .filter(|&i| (takings::row_figures(&work.terminal[i as usize], cfg).net - shortfall).abs() <= tol);
    match (fitting.next(), fitting.next()) {
        (Some(i), None) => Some(i),
        _ => None,
    }
}

/// Records a batch paid by `credit`; `unpaid` is a row taken out as not included in the settlement.
fn bind(work: &mut Work, parts: &[&Takings], credit: u32, unpaid: Option<u32>) {
    let Some(mut all) = takings::combine(parts) else { return };
    if let Some(u) = unpaid {
        let f = takings::row_figures(&work.terminal[u as usize], &work.config.settlement);
        all.rows.retain(|&i| i != u);
        all.gross -= f.gross;
        all.net -= f.net;
        all.contract_fee -= f.contract_fee;
    }
    let first_day = parts.first().map_or(all.day, |p| p.day);
    let last_day = parts.last().map_or(all.day, |p| p.day);
    let index = work.batches.len() as u32;
    let credit_id = RowId::bank(credit as usize);
    let actual = minor(work.bank[credit as usize].amount);
    let batch = new_batch(&all, first_day, last_day, Some(credit_id), actual);
    for &i in &all.rows {
        let row = RowId::terminal(i as usize);
        work.close(row, Status::InBatch);
        if let Some(out) = work.outcome_mut(row) {
            out.counterparts = RowIds::one(credit_id);
            out.batch = Some(index);
        }
    }
    if let Some(u) = unpaid {
        let row = RowId::terminal(u as usize);
        work.close(row, Status::Missing);
        if let Some(out) = work.outcome_mut(row) {
            out.batch = Some(index);
        }
    }
    work.close(credit_id, Status::InBatch);
    if let Some(out) = work.outcome_mut(credit_id) {
        out.counterparts = all.rows.iter().map(|&i| RowId::terminal(i as usize)).collect();
        out.batch = Some(index);
    }
    for f in judge(work, &batch, &all, credit) {
        work.add_flag(credit_id, f);
    }
    work.batches.push(batch);
}

/// A day of a settling merchant that no credit pays: a batch without a credit, its rows stay `missing`.
fn record_unpaid(work: &mut Work, g: &Takings) {
    let index = work.batches.len() as u32;
    work.batches.push(new_batch(g, g.day, g.day, None, 0));
    for &i in &g.rows {
        let row = RowId::terminal(i as usize);
        work.close(row, Status::Missing);
        if let Some(out) = work.outcome_mut(row) {
            out.batch = Some(index);
        }
    }
}

fn new_batch(all: &Takings, first_day: i64, last_day: i64, bank: Option<RowId>, actual: i64) -> Batch {
    let key = if all.key.is_empty() { "shop" } else { all.key.as_str() };
    let (first, last) = (day_of(first_day), day_of(last_day));
    let id = if first == last {
        format!("{key}-{first}")
    } else {
        format!("{key}-{first}..{last}")
    };
    let effective_fee_rate =
        (all.gross != 0 && bank.is_some()).then(|| Decimal::from(all.gross - actual) / Decimal::from(all.gross));
    Batch {
        id,
        merchant_id: all.merchant_id.clone(),
        terminal_id: all.terminal_id.clone(),
        first_day: first,
        last_day: last,
        bank,
        terminal_rows: all.rows.iter().map(|&i| RowId::terminal(i as usize)).collect(),
        gross: Money::from_minor(all.gross),
        fees: Money::from_minor(all.gross - all.net),
        expected_net: Money::from_minor(all.net),
        actual: Money::from_minor(actual),
        difference: Money::from_minor(if bank.is_some() { actual - all.net } else { -all.net }),
        effective_fee_rate,
    }
}

/// Sorts the batches by (first day, id) and renumbers the rows' references, so ids and order are stable.
fn order_batches(work: &mut Work) {
    let mut order: Vec<usize> = (0..work.batches.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&work.batches[a], &work.batches[b]);
        (x.first_day, &x.id).cmp(&(y.first_day, &y.id))
    });
    let mut new_index = vec![0u32; order.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new as u32;
    }
    let old_batches = std::mem::take(&mut work.batches);
    let mut slots: Vec<Option<Batch>> = old_batches.into_iter().map(Some).collect();
    work.batches = order
        .iter()
        .filter_map(|&old| slots.get_mut(old).and_then(Option::take))
        .collect();
    for out in work.terminal_out.iter_mut().chain(work.bank_out.iter_mut()) {
        if let Some(b) = out.batch {
            out.batch = new_index.get(b as usize).copied();
        }
    }
}
