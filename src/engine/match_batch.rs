//! Settlement batches (n:1): the terminal rows left after the one-to-one passes, grouped into takings (a
//! business day's rows, see [`takings`](crate::engine::takings)), are paired with the bank credits that pay them.
//! The owner's question is which day was not paid, which was paid short, which late — so credits are tied to
//! days by what the files state first, and by order after that, never by the nearest amount alone.
//!
//! 1. **The unit**: what one credit pays — the whole shop's day (every terminal and merchant ID, the usual case
//!    and always when the log names no merchant) or each merchant ID's day: the unit whose takings the credits
//!    equal more often ([`choose_unit`]).
//! 2. **Evidence** ([`settlement_evidence`](crate::engine::settlement_evidence)): a payout or batch id both files
//!    name; a day or range the bank memo names; a settlement date the acquirer's report states. A credit tied by
//!    evidence pays those days whatever its amount; the difference is then short or over on those days.
//! 3. **Anchors**: a credit equal to one takings' net (or a roll-up of consecutive takings) nearest its due date:
//!    on time (within the configured tolerance), then rolled up, then early or late (within a tight tolerance:
//!    an amount alone away from the due date is weaker evidence).
//! 4. **Order** ([`settlement_align`](crate::engine::settlement_align)): the days and credits still open are
//!    aligned in time order, with roll-ups, unpaid days and unexplained credits each costing what they should.
//!    Only where the currency's credits belong to one lane of takings that settles in batches (the one unit key
//!    that has credits tied by evidence or exact amounts): a statement whose credits mostly pay single sales
//!    gets no batch made of arbitrary sums.
//!
//! Lateness and due dates are counted on the settlement calendar (`SettlementConfig::calendar`). Days still
//! unpaid are recorded as batches without a credit; their rows stay `missing`.

use std::collections::BTreeSet;

use crate::engine::index::{currency_code, day_number, ident, minor, ordered};
use crate::engine::outcome::{Status, TiedBy};
use crate::engine::settlement_align::{self, Contract, Step};
use crate::engine::settlement_bind::{bind, order_batches, record_unpaid, unpaid_row};
use crate::engine::settlement_evidence;
use crate::engine::takings::{self, Takings, Unit, tolerance};
use crate::engine::work::Work;

/// An open acquirer credit: (amount in minor units, day number, position in time order, bank index).
pub type Credit = (i64, i64, u32, u32);

/// The open credits (money in, still waiting for a counterpart), sorted by amount.
pub fn open_credits(work: &Work) -> Vec<Credit> {
    let bank = work.bank;
    let mut credits: Vec<Credit> = ordered(bank, |j| work.bank_open[j] && !bank[j].amount.is_negative())
        .into_iter()
        .enumerate()
        .map(|(pos, j)| {
            let b = &bank[j as usize];
            (minor(b.amount), day_number(b.date()), pos as u32, j)
        })
        .collect();
    credits.sort_unstable();
    credits
}

/// The tolerance an amount alone may tie with: the configured one, but no more than a fen plus half a fen per
/// row (rounding of per-row fees) — a day of ¥90,000 is not "equal" to a credit ¥45 away.
fn anchor_tolerance(work: &Work, g: &Takings) -> i64 {
    let cfg = &work.config.settlement;
    tolerance(cfg, g.net).min(tolerance(cfg, 0) + g.rows.len() as i64 / 2)
}

/// The day a takings' settlement is due: the date the acquirer states, else T+N of its first business day.
pub fn due_of(work: &Work, g: &Takings) -> i64 {
    g.settle.unwrap_or_else(|| work.due(g.first_day))
}

struct Search {
    lo: i64,
    hi: i64,
    target: i64,
    first_day: i64,
    last_day: i64,
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

/// A credit equal to `g`'s net, dated `first_day..=last_day`, nearest `due`: within the configured tolerance
/// when it comes on the due date, within the tight [`anchor_tolerance`] when it comes on another day.
fn exact(work: &Work, credits: &[Credit], g: &Takings, first_day: i64, last_day: i64, due: i64) -> Option<u32> {
    let on_due_date = first_day == due && last_day == due;
    let tol = if on_due_date {
        tolerance(&work.config.settlement, g.net)
    } else {
        anchor_tolerance(work, g)
    };
    let s = Search {
        lo: g.net - tol,
        hi: g.net + tol,
        target: g.net,
        first_day,
        last_day,
        due,
        currency: currency_code(g.currency),
    };
    find(work, credits, &s)
}

pub fn run(work: &mut Work) {
    if !work.terminal_open.iter().any(|&open| open) {
        return;
    }
    settlement_evidence::tie_batch_ids(work);
    let unit = choose_unit(work);
    let groups = takings::gather(work, unit);
    if groups.is_empty() {
        return;
    }
    let mut paid = vec![false; groups.len()];
    let per_transaction = pays_single_sales(work, &groups);
    if !per_transaction {
        settlement_evidence::tie_memo_days(work, &groups, &mut paid);
    }
    settlement_evidence::tie_settlement_dates(work, &groups, &mut paid);
    let credits = open_credits(work);
    let mut settling: BTreeSet<String> = groups
        .iter()
        .zip(&paid)
        .filter(|(_, p)| **p)
        .map(|(g, _)| g.key.clone())
        .collect();
    anchors(work, &credits, &groups, &mut paid, &mut settling);
    let currencies: BTreeSet<u32> = groups.iter().map(|g| currency_code(g.currency)).collect();
    for currency in currencies {
        let in_currency = |k: &usize| currency_code(groups[*k].currency) == currency;
        let keys: BTreeSet<&str> = (0..groups.len())
            .filter(in_currency)
            .map(|k| groups[k].key.as_str())
            .collect();
        let settling_keys: Vec<&str> = keys.iter().copied().filter(|k| settling.contains(*k)).collect();
        // The order of credits tells days apart only where the currency's credits pay one lane of takings: the
        // whole shop, or the one merchant that settles in batches (a stranger's sale in the log does not).
        // Only a lane that settles in batches (some credit was tied to its takings by evidence or an exact
        // amount) is aligned: elsewhere a lone sale would become a "batch" of one with any credit near it.
        let lane_key = match settling_keys.as_slice() {
            [only] => Some(*only),
            _ => None,
        };
        if let Some(key) = lane_key.filter(|_| !per_transaction) {
            let lane: Vec<usize> = (0..groups.len())
                .filter(in_currency)
                .filter(|&k| groups[k].key == key)
                .collect();
            align_lane(work, &groups, &lane, &mut paid);
            continue;
        }
        for k in (0..groups.len()).filter(in_currency) {
            if !paid[k] && settling.contains(&groups[k].key) && !per_transaction {
                record_unpaid(
                    work,
                    &groups[k],
                    TiedBy::Unpaid {
                        after: None,
                        before: None,
                    },
                );
                paid[k] = true;
            }
        }
    }
    order_batches(work);
}

/// Whether a credit pays the whole shop's day or each merchant's: the whole shop unless the log names more than
/// one merchant and the credits equal single merchants' days more often than whole days.
fn choose_unit(work: &Work) -> Unit {
    let mut merchants = work.terminal.iter().filter_map(|t| ident(&t.merchant_id));
    let Some(first) = merchants.next() else {
        return Unit::Shop;
    };
    if merchants.all(|m| m == first) {
        return Unit::Shop;
    }
    let credits = open_credits(work);
    let fits = |unit: Unit| {
        let groups = takings::gather(work, unit);
        let search = work.config.settlement.search_days.max(0);
        groups
            .iter()
            .filter(|g| {
                let due = due_of(work, g);
                exact(work, &credits, g, g.day, due + search, due).is_some()
            })
            .count()
    };
    if fits(Unit::Merchant) > fits(Unit::Shop) {
        Unit::Merchant
    } else {
        Unit::Shop
    }
}

/// A statement that credits sales one by one (the one-to-one passes paired more than two bank rows for every
/// takings still open): no batches of arbitrary sums there, only those that evidence or exact amounts give.
fn pays_single_sales(work: &Work, groups: &[Takings]) -> bool {
    let paired = work
        .bank_out
        .iter()
        .filter(|o| matches!(o.status, Status::Matched | Status::MatchedWithDifference))
        .count();
    paired > 2 * groups.len()
}

#[derive(Clone, Copy)]
enum Round {
    OnTime,
    RollUp { late: bool },
    EarlyOrLate,
}

/// Rounds of exact amounts: on time, rolled up on time, single days early or late, roll-ups late.
fn anchors(
    work: &mut Work,
    credits: &[Credit],
    groups: &[Takings],
    paid: &mut [bool],
    settling: &mut BTreeSet<String>,
) {
    let search = work.config.settlement.search_days.max(0);
    for round in [
        Round::OnTime,
        Round::RollUp { late: false },
        Round::EarlyOrLate,
        Round::RollUp { late: true },
    ] {
        for k in 0..groups.len() {
            if paid[k] {
                continue;
            }
            let g = &groups[k];
            let found = match round {
                Round::OnTime => {
                    let due = due_of(work, g);
                    exact(work, credits, g, due, due, due).map(|c| (c, vec![k]))
                }
                Round::EarlyOrLate => {
                    let due = due_of(work, g);
                    exact(work, credits, g, g.day, due + search, due).map(|c| (c, vec![k]))
                }
                Round::RollUp { late } => {
                    let run = consecutive_unpaid(groups, paid, k);
                    (2..=run.len()).find_map(|n| {
                        let parts: Vec<&Takings> = run[..n].iter().map(|&l| &groups[l]).collect();
                        let all = takings::combine(&parts)?;
                        let due = due_of(work, parts[n - 1]);
                        let last_day = if late { due_of(work, parts[0]) + search } else { due };
                        exact(work, credits, &all, due, last_day, due).map(|c| (c, run[..n].to_vec()))
                    })
                }
            };
            if let Some((c, run)) = found {
                let parts: Vec<&Takings> = run.iter().map(|&l| &groups[l]).collect();
                bind(work, &parts, c, None, TiedBy::Amount);
                for l in run {
                    paid[l] = true;
                }
                settling.insert(g.key.clone());
            }
        }
    }
}

/// The unpaid takings of the same key and currency from `start` on, while they follow each other within the
/// alignment's limits (at most [`settlement_align::MAX_RUN`] takings over [`settlement_align::MAX_SPAN`] days).
fn consecutive_unpaid(groups: &[Takings], paid: &[bool], start: usize) -> Vec<usize> {
    let first = &groups[start];
    let mut run = vec![start];
    for (k, g) in groups.iter().enumerate().skip(start + 1) {
        if g.day - first.first_day > settlement_align::MAX_SPAN || run.len() == settlement_align::MAX_RUN {
            break;
        }
        if g.key != first.key || g.currency != first.currency {
            continue;
        }
        if paid[k] {
            break;
        }
        run.push(k);
    }
    run
}

/// Aligns the lane's open takings with the open credits of its currency by order, and records what it finds.
fn align_lane(work: &mut Work, groups: &[Takings], lane: &[usize], paid: &mut [bool]) {
    let open: Vec<usize> = lane.iter().copied().filter(|&k| !paid[k]).collect();
    if open.is_empty() {
        return;
    }
    let currency = currency_code(groups[open[0]].currency);
    let mut credits: Vec<Credit> = open_credits(work)
        .into_iter()
        .filter(|c| currency_code(work.bank[c.3 as usize].currency) == currency)
        .collect();
    credits.sort_unstable_by_key(|c| (c.1, c.2));
    let seq_of = |k: usize| lane.iter().position(|&l| l == k).unwrap_or(0);
    let days: Vec<settlement_align::Day> = open
        .iter()
        .map(|&k| {
            let g = &groups[k];
            let due = due_of(work, g);
            settlement_align::Day {
                seq: seq_of(k),
                first: g.first_day,
                last: g.day,
                due_first: due,
                due_last: g.settle.unwrap_or_else(|| work.due(g.day)),
                net: g.net,
            }
        })
        .collect();
    let aligned: Vec<settlement_align::Credit> = credits
        .iter()
        .map(|c| settlement_align::Credit { day: c.1, amount: c.0 })
        .collect();
    let cfg = work.config.settlement.clone();
    let steps = {
        let late_days = |due: i64, paid: i64| work.late_days(due, paid);
        let tol = |net: i64| tolerance(&cfg, net);
        let contract = Contract {
            late_days: &late_days,
            tolerance: &tol,
            search_days: cfg.search_days.max(0),
        };
        settlement_align::align(&days, &aligned, &contract)
    };
    // Every acquirer credit of the currency, paid out to a batch already or still open: an unpaid day lies
    // between two of them.
    let mut credit_days: Vec<i64> = (0..work.bank.len())
        .filter(|&j| work.bank_open[j] || work.bank_out[j].status == Status::InBatch)
        .map(|j| &work.bank[j])
        .filter(|b| !b.amount.is_negative() && currency_code(b.currency) == currency)
        .map(|b| day_number(b.date()))
        .collect();
    credit_days.sort_unstable();
    for step in steps.unwrap_or_default() {
        match step {
            Step::Pays { credit, first, last } => {
                let parts: Vec<&Takings> = open[first..=last].iter().map(|&k| &groups[k]).collect();
                let Some(&(amount, _, _, j)) = credits.get(credit) else {
                    continue;
                };
                let unpaid = takings::combine(&parts).and_then(|all| unpaid_row(work, &all, amount));
                bind(work, &parts, j, unpaid, TiedBy::Order);
                for &k in &open[first..=last] {
                    paid[k] = true;
                }
            }
            Step::Unpaid(d) => {
                let g = &groups[open[d]];
                let due = due_of(work, g);
                let after = credit_days.iter().rev().find(|&&c| c < due).copied();
                let before = credit_days.iter().find(|&&c| c >= due).copied();
                let tied = TiedBy::Unpaid {
                    after: after.map(crate::engine::index::day_of),
                    before: before.map(crate::engine::index::day_of),
                };
                record_unpaid(work, g, tied);
                paid[open[d]] = true;
            }
            Step::Unexplained(_) => {}
        }
    }
}
