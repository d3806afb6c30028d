//! The one-to-one pass by amount and time: a terminal sale and a bank posting of the same currency and the same
//! amount (to the fen) pair when the posting falls inside the sale's window `[t − before, t + after]` (a bank
//! posting does not come long before the sale, so the window is asymmetric). Date-only rows pair by date: the
//! bank date is 0..=`date_only_days` days after the sale.
//!
//! # Why the greedy is optimal
//! Within one (currency, amount) bucket every terminal row `t` accepts exactly the bank rows in
//! `[t − before, t + after]`: all windows have the same shape, so sorting the terminal rows by time sorts the
//! windows by their left *and* their right end at once. Taking the terminal rows in that order (earliest
//! deadline first) and giving each the earliest unmatched bank row inside its window is the classic greedy for
//! matching points to intervals (a convex bipartite graph), and it is maximal: take any maximum matching that
//! agrees with the greedy on the first k terminal rows. If the greedy gives row k+1 the bank row b and the
//! optimum gives it b' (later than b) or nothing, then b is either free in the optimum — move k+1 onto b — or
//! held by a later terminal row u; every later window ends no earlier than k+1's and starts no later than b',
//! so u can take b' instead: swap. Neither changes the size, so the optimum can be made to agree on k+1 rows.
//! Bank rows that fall before the current window's start are dead for every later window too, which is why one
//! pointer per bucket suffices: the pass is a sort plus a linear walk.
//!
//! Buckets are independent (a pair never crosses amounts), so the union of the bucket optima is optimal.
//!
//! # Ambiguity
//! A pair is *ambiguous* when another row of the same bucket, within `ambiguous_secs` of one of its rows, could
//! have taken that row's place (its window holds the same counterpart), or when the two pairings tried (see
//! [`pair_cluster`]) give its sale different postings. Such pairs are chosen the same deterministic way. Where
//! every row of the cluster is paired either way, the choice changes no answer: the pair is *interchangeable*,
//! counted in the summary and not a finding (two ¥25.00 coffees a minute apart, both paid). Where a row of
//! that amount is left unpaired close by, the choice decides which one is missing: both rows of the pair get
//! the `ambiguous_match` flag, naming the unpaired rows as `related` — the engine never guesses silently.

use crate::engine::config::MatchConfig;
use crate::engine::index::{currency_code, day_number, minor, secs};
use crate::engine::outcome::{Flags, MatchRule, RowId, RuleId, Status};
use crate::engine::wording::{self, flag};
use crate::engine::work::Work;
use crate::model::Txn;

/// A one-to-one pair found by this pass: indices into the terminal and bank slices.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pair {
    pub terminal: u32,
    pub bank: u32,
    /// Another row of the same amount close by could have taken the place of one of these rows, and the choice
    /// decides which row of that amount is left unpaired: a finding.
    pub ambiguous: bool,
    /// Another row could have taken its place, but every row close by is paired either way: interchangeable,
    /// counted in the summary, not a finding.
    pub interchangeable: bool,
    /// The rows of that amount left unpaired close by (terminal, bank), when `ambiguous`: one of them could be
    /// the one that is paired instead.
    pub left_terminal: Option<u32>,
    pub left_bank: Option<u32>,
}

/// One row reduced to what this pass compares, sortable without touching the `Txn` again: 16 bytes, so the
/// sort of a million rows moves half the memory a point carrying currency, amount and file/line would.
#[derive(Clone, Copy)]
struct Point {
    /// The (currency, amount) bucket: equal on both sides exactly when currency and amount (to the fen) agree,
    /// and ordered like (currency, amount) — see [`Buckets`].
    bucket: u32,
    index: u32,
    /// Seconds (timed rows) or day number (date-only rows).
    at: i64,
}

/// How a row's (currency, amount) becomes a [`Point::bucket`]. Almost always every open row is in one currency
/// and fits 32 bits in minor units: the bucket is then the amount itself. Otherwise (several currencies, or an
/// amount beyond ±21 million) the bucket is the rank of (currency, amount) among those present.
enum Buckets {
    OneCurrency(u32),
    Ranked(Vec<(u32, i64)>),
}

impl Buckets {
    fn of(&self, t: &Txn) -> Option<u32> {
        let amount = minor(t.amount);
        match self {
            Buckets::OneCurrency(code) if *code == currency_code(t.currency) => {
                i32::try_from(amount).ok().map(|a| (a as u32) ^ 0x8000_0000)
            }
            Buckets::OneCurrency(_) => None,
            Buckets::Ranked(keys) => keys
                .binary_search(&(currency_code(t.currency), amount))
                .ok()
                .map(|k| k as u32),
        }
    }
}

/// The shape of a window: a bank point `b` is inside the window of terminal point `t` when
/// `t − before ≤ b ≤ t + after`; rows of one side closer than `close` are look-alikes.
#[derive(Clone, Copy)]
struct Window {
    before: i64,
    after: i64,
    close: i64,
}

impl Window {
    fn holds(self, t: i64, b: i64) -> bool {
        b >= t.saturating_sub(self.before) && b <= t.saturating_add(self.after)
    }
}

/// Finds the maximum set of one-to-one pairs between the open rows of both sides. Timed rows first, then rows
/// where either side only has a date.
pub fn pair_by_amount_and_time(
    terminal: &[Txn],
    bank: &[Txn],
    terminal_open: &[bool],
    bank_open: &[bool],
    config: &MatchConfig,
) -> Vec<Pair> {
    let mut t_free: Vec<bool> = terminal_open.to_vec();
    let mut b_free: Vec<bool> = bank_open.to_vec();
    t_free.resize(terminal.len(), false);
    b_free.resize(bank.len(), false);
    let mut pairs = Vec::new();

    let timed = Window {
        before: config.window_before_secs,
        after: config.window_after_secs,
        close: config.ambiguous_secs,
    };
    let (ts, bs, left_out) = both_sides(
        terminal,
        bank,
        &t_free,
        &b_free,
        |t| !t.date_only,
        |t| !t.date_only,
        secs,
    );
    pair_sorted(&ts, &bs, timed, &mut pairs);
    drop((ts, bs));

    let dated = Window {
        before: 0,
        after: config.date_only_days.max(0),
        close: 0,
    };
    let by_day = |t: &Txn| day_number(t.date());
    // The open rows the timed pass left out are the date-only ones: without any, nothing is left to do.
    if left_out > 0 {
        for p in &pairs {
            t_free[p.terminal as usize] = false;
            b_free[p.bank as usize] = false;
        }
        // Date-only terminal rows against any bank row, then timed terminal rows against date-only bank rows.
        let (ts, bs, _) = both_sides(terminal, bank, &t_free, &b_free, |t| t.date_only, |_| true, by_day);
        let first = pairs.len();
        pair_sorted(&ts, &bs, dated, &mut pairs);
        for p in &pairs[first..] {
            t_free[p.terminal as usize] = false;
            b_free[p.bank as usize] = false;
        }
        let (ts, bs, _) = both_sides(
            terminal,
            bank,
            &t_free,
            &b_free,
            |t| !t.date_only,
            |t| t.date_only,
            by_day,
        );
        pair_sorted(&ts, &bs, dated, &mut pairs);
    }
    pairs
}

/// The sorted points of both sides (the rows `free` and `keep_*` accept), read and sorted at the same time on
/// two cores: with amount buckets when every row fits [`Buckets::OneCurrency`], else ranked buckets. Also how
/// many free rows of both sides `keep_*` left out.
fn both_sides(
    terminal: &[Txn],
    bank: &[Txn],
    t_free: &[bool],
    b_free: &[bool],
    keep_t: impl Fn(&Txn) -> bool + Sync,
    keep_b: impl Fn(&Txn) -> bool + Sync,
    at: impl Fn(&Txn) -> i64 + Sync,
) -> (Vec<Point>, Vec<Point>, usize) {
    let read = |buckets: &Buckets| {
        std::thread::scope(|scope| {
            let bank_side = scope.spawn(|| points(bank, b_free, &keep_b, &at, buckets));
            let ts = points(terminal, t_free, &keep_t, &at, buckets);
            let bs = bank_side
                .join()
                .unwrap_or_else(|_| points(bank, b_free, &keep_b, &at, buckets));
            (ts, bs)
        })
    };
    let first = terminal
        .first()
        .or(bank.first())
        .map_or(0, |t| currency_code(t.currency));
    if let (Some((ts, t_out)), Some((bs, b_out))) = read(&Buckets::OneCurrency(first)) {
        return (ts, bs, t_out + b_out);
    }
    let mut keys: Vec<(u32, i64)> = terminal
        .iter()
        .zip(t_free)
        .filter(|(t, free)| **free && keep_t(t))
        .chain(bank.iter().zip(b_free).filter(|(t, free)| **free && keep_b(t)))
        .map(|(t, _)| (currency_code(t.currency), minor(t.amount)))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    let (ts, bs) = read(&Buckets::Ranked(keys));
    let ((ts, t_out), (bs, b_out)) = (ts.unwrap_or_default(), bs.unwrap_or_default());
    (ts, bs, t_out + b_out)
}

/// The points of the rows `free` and `keep` accept, sorted by (bucket, time, file, line, index), and how many
/// free rows `keep` left out; `None` when a row has no bucket in `buckets`.
fn points(
    rows: &[Txn],
    free: &[bool],
    keep: impl Fn(&Txn) -> bool,
    at: impl Fn(&Txn) -> i64,
    buckets: &Buckets,
) -> Option<(Vec<Point>, usize)> {
    let mut out = Vec::with_capacity(rows.len());
    let mut left_out = 0;
    for (i, (t, _)) in rows.iter().zip(free).enumerate().filter(|(_, (_, free))| **free) {
        if keep(t) {
            out.push(Point {
                bucket: buckets.of(t)?,
                index: i as u32,
                at: at(t),
            });
        } else {
            left_out += 1;
        }
    }
    out.sort_unstable_by_key(|p| (p.bucket, p.at, p.index));
    // Rows of one bucket at the same moment are put in file/line order, so the pairing does not depend on the
    // order the rows came in (rare: the sort key leaves file and line out to keep the points small).
    let tie = |p: &Point| rows.get(p.index as usize).map(|t| (t.row.source.0, t.row.line));
    let mut start = 0;
    while start < out.len() {
        let key = (out[start].bucket, out[start].at);
        let end = start + out[start..].iter().take_while(|p| (p.bucket, p.at) == key).count();
        if end - start > 1 {
            out[start..end].sort_unstable_by_key(|p| (tie(p), p.index));
        }
        start = end;
    }
    Some((out, left_out))
}

/// Walks both sorted lists bucket by bucket (same currency and amount) and pairs inside each.
fn pair_sorted(ts: &[Point], bs: &[Point], window: Window, out: &mut Vec<Pair>) {
    let bucket_end = |side: &[Point], from: usize| {
        let key = side[from].bucket;
        from + side[from..].iter().take_while(|p| p.bucket == key).count()
    };
    let (mut i, mut j) = (0, 0);
    let mut scratch = Scratch::default();
    while i < ts.len() && j < bs.len() {
        match ts[i].bucket.cmp(&bs[j].bucket) {
            std::cmp::Ordering::Less => i = bucket_end(ts, i),
            std::cmp::Ordering::Greater => j = bucket_end(bs, j),
            std::cmp::Ordering::Equal => {
                let (i_end, j_end) = (bucket_end(ts, i), bucket_end(bs, j));
                pair_bucket(&ts[i..i_end], &bs[j..j_end], window, &mut scratch, out);
                i = i_end;
                j = j_end;
            }
        }
    }
}

/// Pairs one bucket, cluster by cluster: rows more than `before + after` apart can never pair, so the bucket
/// splits at such gaps (at night, typically) into independent clusters.
fn pair_bucket(ts: &[Point], bs: &[Point], window: Window, scratch: &mut Scratch, out: &mut Vec<Pair>) {
    let gap = window.before.max(0) + window.after.max(0);
    let (mut i0, mut j0) = (0, 0);
    while i0 < ts.len() && j0 < bs.len() {
        let (mut i1, mut j1) = (i0, j0);
        let mut last = i64::MIN;
        loop {
            let next_t = ts.get(i1).map(|p| p.at);
            let next_b = bs.get(j1).map(|p| p.at);
            let take_t = match (next_t, next_b) {
                (Some(t), Some(b)) => t <= b,
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => break,
            };
            let at = if take_t { next_t } else { next_b }.unwrap_or(last);
            if last != i64::MIN && at.saturating_sub(last) > gap {
                break;
            }
            last = last.max(at);
            if take_t { i1 += 1 } else { j1 += 1 }
        }
        pair_cluster(&ts[i0..i1], &bs[j0..j1], window, scratch, out);
        (i0, j0) = (i1, j1);
    }
}

/// Pairs one cluster. The earliest-deadline greedy gives the maximum number of pairs (module comment), but
/// among the many maximum pairings it leans on the earliest postings: one posting the acquirer never sent
/// shifts every later sale of that price onto its neighbour's posting. So a second pairing is tried that
/// keeps mistakes local — each posting, in time order, takes the most recent sale at or before it (or a sale
/// about to run out of time), then the greedy pairs what is left with the full window — and it is kept only
/// when it has as many pairs. A cluster of one sale and one posting (most of them, outside the best-sellers)
/// is decided at once: both pairings agree and nothing else is near.
fn pair_cluster(ts: &[Point], bs: &[Point], window: Window, scratch: &mut Scratch, out: &mut Vec<Pair>) {
    match (ts, bs) {
        ([], _) | (_, []) => return,
        ([t], [b]) => {
            if window.holds(t.at, b.at) {
                out.push(Pair {
                    terminal: t.index,
                    bank: b.index,
                    ambiguous: false,
                    interchangeable: false,
                    left_terminal: None,
                    left_bank: None,
                });
            }
            return;
        }
        _ => {}
    }
    let Scratch {
        greedy,
        local,
        waiting,
        t_used,
        b_used,
        other_bank,
    } = scratch;
    greedy.clear();
    earliest_deadline(ts, bs, window, |_| true, |_| true, greedy);
    latest_sale_first(ts, bs, window, waiting, local);
    if local.len() < greedy.len() {
        t_used.clear();
        t_used.resize(ts.len(), false);
        b_used.clear();
        b_used.resize(bs.len(), false);
        for &(i, j) in local.iter() {
            t_used[i] = true;
            b_used[j] = true;
        }
        earliest_deadline(ts, bs, window, |i| !t_used[i], |j| !b_used[j], local);
    }
    let (chosen, other) = if local.len() == greedy.len() {
        (&*local, &*greedy)
    } else {
        (&*greedy, &*local)
    };
    // Where the two pairings disagree, both were possible: that pair is a guess too.
    other_bank.clear();
    other_bank.resize(ts.len(), usize::MAX);
    for &(i, j) in other {
        other_bank[i] = j;
    }
    // Where every row of the cluster is paired, another choice would pair the same rows: nothing changes.
    let complete = chosen.len() == ts.len() && chosen.len() == bs.len();
    let (left_terminal, left_bank) = if complete {
        (None, None)
    } else {
        let (mut t_left, mut b_left) = (vec![true; ts.len()], vec![true; bs.len()]);
        for &(i, j) in chosen {
            t_left[i] = false;
            b_left[j] = false;
        }
        (
            t_left.iter().position(|&l| l).map(|i| ts[i].index),
            b_left.iter().position(|&l| l).map(|j| bs[j].index),
        )
    };
    for &(i, j) in chosen {
        let (t, b) = (&ts[i], &bs[j]);
        let could_swap = other_bank[i] != j
            || look_alike(ts, i, |other| window.holds(other.at, b.at), window.close)
            || look_alike(bs, j, |other| window.holds(t.at, other.at), window.close);
        out.push(Pair {
            terminal: t.index,
            bank: b.index,
            ambiguous: could_swap && !complete,
            interchangeable: could_swap && complete,
            left_terminal,
            left_bank,
        });
    }
}

/// Buffers [`pair_cluster`] reuses from one cluster to the next (a month holds hundreds of thousands).
#[derive(Default)]
struct Scratch {
    greedy: Vec<(usize, usize)>,
    local: Vec<(usize, usize)>,
    waiting: Vec<usize>,
    t_used: Vec<bool>,
    b_used: Vec<bool>,
    other_bank: Vec<usize>,
}

/// The earliest-deadline greedy over the rows `t_free` / `b_free` accept: each terminal row in time order
/// takes the earliest free bank row inside its window. Appends (terminal, bank) positions in the slices to
/// `pairs`.
fn earliest_deadline(
    ts: &[Point],
    bs: &[Point],
    window: Window,
    t_free: impl Fn(usize) -> bool,
    b_free: impl Fn(usize) -> bool,
    pairs: &mut Vec<(usize, usize)>,
) {
    let mut j = 0;
    for (i, t) in ts.iter().enumerate().filter(|(i, _)| t_free(*i)) {
        while j < bs.len() && (bs[j].at < t.at.saturating_sub(window.before) || !b_free(j)) {
            j += 1;
        }
        if bs.get(j).is_some_and(|b| window.holds(t.at, b.at)) {
            pairs.push((i, j));
            j += 1;
        }
    }
}

/// Each bank row in time order takes the most recent free terminal row at or before it — unless the oldest
/// free sale would see its window close before the next posting arrives: then that one (it has no other
/// chance). A stack of the sales seen so far, with a floor below which windows have closed.
fn latest_sale_first(
    ts: &[Point],
    bs: &[Point],
    window: Window,
    waiting: &mut Vec<usize>,
    pairs: &mut Vec<(usize, usize)>,
) {
    pairs.clear();
    waiting.clear();
    let mut floor = 0;
    let mut i = 0;
    let closes = |t: &Point| t.at.saturating_add(window.after);
    for (j, b) in bs.iter().enumerate() {
        while i < ts.len() && ts[i].at <= b.at {
            waiting.push(i);
            i += 1;
        }
        while floor < waiting.len() && closes(&ts[waiting[floor]]) < b.at {
            floor += 1;
        }
        if floor >= waiting.len() {
            continue;
        }
        let oldest = waiting[floor];
        let urgent = bs.get(j + 1).is_some_and(|next| closes(&ts[oldest]) < next.at);
        let pick = if urgent {
            floor += 1;
            Some(oldest)
        } else {
            waiting.pop()
        };
        if let Some(t) = pick.filter(|&t| window.holds(ts[t].at, b.at)) {
            pairs.push((t, j));
        }
    }
}

/// Whether a row of `side` within `close` of `side[at]` (other than itself) passes `could_take`.
fn look_alike(side: &[Point], at: usize, could_take: impl Fn(&Point) -> bool, close: i64) -> bool {
    let centre = side[at].at;
    let earlier = side[..at].iter().rev().take_while(|p| centre - p.at <= close);
    let later = side[at + 1..].iter().take_while(|p| p.at - centre <= close);
    earlier.chain(later).any(could_take)
}

/// Runs the pass on the open rows and records the pairs (flagging the ambiguous ones).
pub fn run(work: &mut Work) {
    let pairs = pair_by_amount_and_time(
        work.terminal,
        work.bank,
        &work.terminal_open,
        &work.bank_open,
        &work.config.matching,
    );
    let close = work.config.matching.ambiguous_secs;
    let (within_en, within_zh) = (wording::duration_en(close), wording::duration_zh(close));
    // Ambiguous pairs are rare (only where the choice decides which row is left unpaired), so each gets its own
    // flag naming the rows left unpaired close by; interchangeable pairs are only counted.
    let mut shared: Vec<Flags> = vec![Flags::new()];
    // Each terminal row has at most one pair: its bank row and its flags' place in `shared` (0: none), placed
    // at the row's index.
    const NONE: u32 = u32::MAX;
    let mut by_row: Vec<(u32, u32)> = vec![(NONE, 0); work.terminal.len()];
    for p in pairs {
        work.interchangeable_pairs += usize::from(p.interchangeable);
        let Some(slot) = by_row.get_mut(p.terminal as usize) else {
            continue;
        };
        *slot = (p.bank, 0);
        let Some(sale) = work.terminal.get(p.terminal as usize).filter(|_| p.ambiguous) else {
            continue;
        };
        let amount = wording::money(sale.amount, sale.currency);
        let en = format!(
            "Paired by amount and time, but another {amount} within {within_en} could as well be this row's counterpart, and that choice decides which {amount} is reported missing: one of the related rows could be the one."
        );
        let zh = format!(
            "按金额和时间配对，但 {within_zh} 内还有另一笔 {amount} 也可能与本行对应；选择哪一笔决定了哪一笔 {amount} 被报为缺失：相关行中的一笔也可能是它。"
        );
        let related: Vec<RowId> = [
            p.left_terminal.map(|i| RowId::terminal(i as usize)),
            p.left_bank.map(|j| RowId::bank(j as usize)),
        ]
        .into_iter()
        .flatten()
        .collect();
        shared.push(Flags::from(vec![flag(RuleId::AmbiguousMatch, en, zh, related)]));
        slot.1 = shared.len() as u32 - 1;
    }
    // Recorded in the order of the rows, not of the buckets: a million outcomes written in order stay in cache.
    let none = Flags::new();
    for (terminal, (bank, flags)) in by_row.into_iter().enumerate().filter(|(_, (bank, _))| *bank != NONE) {
        let flags = shared.get(flags as usize).unwrap_or(&none);
        work.pair_flagged(terminal as u32, bank, Status::Matched, MatchRule::AmountTime, flags);
    }
}

#[cfg(test)]
mod tests;
