//! Which sale each refund gives money back for — shared by the three refund rules.
//!
//! A refund is tied to its sale, in this order, looking back `rules.refund_lookback_days` (default 90):
//! 1. the latest earlier sale with the same reference (参考号), when the refund carries the original's — the
//!    sale may be on any card;
//! 2. otherwise the earlier sale on the same card with the smallest amount still left to refund that covers it
//!    (each sale can be refunded once in total, partial refunds add up). When no sale on the card has enough
//!    left, the one with most left is taken, so the refund exceeds it; when the card has no sale at all in that
//!    time, the refund has none.
//!
//! Vouchers (凭证号) are not used: a row carries its own trace number, which many terminals restart every
//! batch, so a refund's voucher equal to an earlier sale's is a coincidence, not a tie.
//!
//! A refund that no sale covers may have been sent to another card than the one that paid: the latest earlier
//! sale of exactly that amount on another card within the look-back is kept as its look-alike (then the refund
//! is `refund_other_card`, not `refund_without_sale`). Refunds with neither a tie nor a card cannot be judged
//! and are left out.

use std::collections::{BTreeSet, VecDeque};

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::model::{Currency, RowRef, SourceId, TxnText};

use super::ledger::{Entry, Ledger, NO_CARD};

/// How a refund was tied to its sale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Tie {
    Reference,
    Card,
}

/// The sale a refund gives money back for.
#[derive(Clone, Copy, Debug)]
pub(super) struct Origin {
    pub sale: Entry,
    pub tie: Tie,
    /// How much of the sale earlier refunds already gave back, in minor units.
    pub refunded_before: i64,
}

impl Origin {
    /// What was left to refund of the sale before this refund.
    pub fn left(&self) -> i64 {
        self.sale.minor - self.refunded_before
    }
}

/// One refund and what was found about it.
#[derive(Clone, Copy, Debug)]
pub(super) struct RefundCheck {
    pub refund: Entry,
    /// None: the refund's card has no sale within the look-back, and no reference ties it.
    pub origin: Option<Origin>,
    /// For a refund no sale covers: the latest earlier sale of the same amount on another card.
    pub look_alike: Option<Entry>,
}

impl RefundCheck {
    /// The refund is larger than what was left of its sale.
    pub fn exceeds(&self) -> bool {
        self.origin.is_some_and(|o| self.refund.minor > o.left())
    }
}

/// Ties every refund that has a card or a reference to its sale (see the module comment).
pub(super) fn trace(ledger: &Ledger) -> Vec<RefundCheck> {
    let lookback = ledger.input.config.rules.refund_lookback_days.saturating_mul(86_400);
    let mut checks = tie_by_reference(ledger, lookback);
    let mut refunded: HashMap<u32, i64> = HashMap::default();
    for check in &checks {
        if let Some(origin) = check.origin {
            *refunded.entry(origin.sale.index).or_insert(0) += check.refund.minor;
        }
    }

    // 3: the rest by card.
    let tied: HashSet<u32> = checks.iter().map(|c| c.refund.index).collect();
    for history in ledger.card_histories() {
        if history.iter().any(|e| e.refund && !tied.contains(&e.index)) {
            trace_card(history, &tied, &refunded, lookback, &mut checks);
        }
    }

    // Look-alikes for refunds no sale covers.
    let uncovered =
        |c: &RefundCheck| c.origin.is_none() || (c.exceeds() && c.origin.is_some_and(|o| o.tie == Tie::Card));
    let look_alikes = SalesByAmount::new(ledger, checks.iter().filter(|c| uncovered(c)).map(|c| &c.refund));
    for check in checks.iter_mut().filter(|c| uncovered(c)) {
        check.look_alike = look_alikes.latest_on_other_card(&check.refund, lookback);
    }
    checks.sort_by_key(|c| c.refund.order());
    checks
}

/// 1: refunds tied to the latest earlier sale with the same reference within the look-back, in time order;
/// earlier refunds of the same sale count in `refunded_before`.
fn tie_by_reference(ledger: &Ledger, lookback: i64) -> Vec<RefundCheck> {
    let references = References::new(ledger);
    if references.of_row.is_empty() {
        return Vec::new();
    }
    let mut latest_sale: HashMap<Key, Entry> = HashMap::default();
    let mut refunded: HashMap<u32, i64> = HashMap::default();
    let mut checks = Vec::new();
    for e in &ledger.rows {
        let Some(&key) = references.of_row.get(&e.index) else {
            continue;
        };
        if e.is_sale() {
            latest_sale.insert(key, *e);
            continue;
        }
        let Some(&sale) = latest_sale.get(&key).filter(|s| s.secs >= e.secs - lookback) else {
            continue;
        };
        let done = refunded.entry(sale.index).or_insert(0);
        checks.push(RefundCheck {
            refund: *e,
            origin: Some(Origin {
                sale,
                tie: Tie::Reference,
                refunded_before: *done,
            }),
            look_alike: None,
        });
        *done += e.minor;
    }
    checks
}

/// A reference some refund carries, as a small number.
type Key = u32;

/// The references refunds carry, and the rows (sales and refunds) that carry one of them: row index → key.
/// Rows are read in file order, where their text lies in memory.
struct References {
    of_row: HashMap<u32, Key>,
}

impl References {
    fn new(ledger: &Ledger) -> References {
        let mut wanted: HashMap<&str, Key> = HashMap::default();
        for e in ledger.rows.iter().filter(|e| e.refund) {
            if let Some(reference) = text(&ledger.txn(e).reference) {
                let next = Key::try_from(wanted.len()).unwrap_or(Key::MAX);
                wanted.entry(reference).or_insert(next);
            }
        }
        let mut of_row = HashMap::default();
        if wanted.is_empty() {
            return References { of_row };
        }
        let mut taking_part = vec![false; ledger.input.terminal.len()];
        for e in &ledger.rows {
            if let Some(flag) = taking_part.get_mut(e.index as usize) {
                *flag = true;
            }
        }
        for (i, txn) in ledger.input.terminal.iter().enumerate() {
            let key = text(&txn.reference).and_then(|r| wanted.get(r)).copied();
            if let (Some(key), Some(true), Ok(index)) = (key, taking_part.get(i).copied(), u32::try_from(i)) {
                of_row.insert(index, key);
            }
        }
        References { of_row }
    }
}

/// A sale still open to refunds: (left to refund, time, row, index) — ordered so that the best fit comes first.
type Open = (i64, i64, RowRef, u32);

/// The smallest row reference, to start a range of [`Open`] at a given amount.
const FIRST_ROW: RowRef = RowRef {
    source: SourceId(0),
    line: 0,
};

/// Ties the untied refunds of one card's history to its sales: best fit among sales within the look-back.
fn trace_card(
    history: &[Entry],
    tied: &HashSet<u32>,
    refunded: &HashMap<u32, i64>,
    lookback: i64,
    checks: &mut Vec<RefundCheck>,
) {
    let mut open: BTreeSet<Open> = BTreeSet::new();
    let mut left: HashMap<u32, (i64, Entry)> = HashMap::default();
    let mut in_time_order: VecDeque<Entry> = VecDeque::new();
    for e in history {
        if e.is_sale() {
            let rest = e.minor - refunded.get(&e.index).copied().unwrap_or(0);
            open.insert((rest, e.secs, e.row, e.index));
            left.insert(e.index, (rest, *e));
            in_time_order.push_back(*e);
            continue;
        }
        if tied.contains(&e.index) {
            continue;
        }
        while let Some(old) = in_time_order.front().filter(|s| s.secs < e.secs - lookback).copied() {
            in_time_order.pop_front();
            if let Some((rest, _)) = left.remove(&old.index) {
                open.remove(&(rest, old.secs, old.row, old.index));
            }
        }
        let best = open
            .range((e.minor, i64::MIN, FIRST_ROW, 0)..)
            .next()
            .or_else(|| open.last())
            .copied();
        let origin = best.and_then(|(rest, secs, row, index)| {
            let (_, sale) = left.get(&index).copied()?;
            open.remove(&(rest, secs, row, index));
            let now = (rest - e.minor).max(0);
            open.insert((now, secs, row, index));
            left.insert(index, (now, sale));
            Some(Origin {
                sale,
                tie: Tie::Card,
                refunded_before: sale.minor - rest,
            })
        });
        checks.push(RefundCheck {
            refund: *e,
            origin,
            look_alike: None,
        });
    }
}

/// Sales with a card of the amounts some refund needs, by currency and amount, in time order: where a refund's
/// look-alike is searched.
struct SalesByAmount(HashMap<(Currency, i64), Vec<Entry>>);

impl SalesByAmount {
    fn new<'r>(ledger: &Ledger, refunds: impl Iterator<Item = &'r Entry>) -> SalesByAmount {
        let mut sales: HashMap<(Currency, i64), Vec<Entry>> = HashMap::default();
        for refund in refunds {
            sales.entry((refund.currency, refund.minor)).or_default();
        }
        if sales.is_empty() {
            return SalesByAmount(sales);
        }
        for e in ledger.rows.iter().filter(|e| e.is_sale() && e.card != NO_CARD) {
            if let Some(same_amount) = sales.get_mut(&(e.currency, e.minor)) {
                same_amount.push(*e);
            }
        }
        SalesByAmount(sales)
    }

    /// The latest sale of the refund's amount before it, within the look-back, on another card (the last few
    /// candidates are looked at, enough for any real shop and bounded for any input).
    fn latest_on_other_card(&self, refund: &Entry, lookback: i64) -> Option<Entry> {
        if refund.card == NO_CARD {
            return None;
        }
        let same_amount = self.0.get(&(refund.currency, refund.minor))?;
        let before = same_amount.partition_point(|s| s.order() < refund.order());
        let earlier = same_amount.get(..before)?;
        earlier
            .iter()
            .rev()
            .take(64)
            .take_while(|s| s.secs >= refund.secs - lookback)
            .find(|s| s.card != refund.card)
            .copied()
    }
}

fn text(field: &Option<TxnText>) -> Option<&str> {
    field.as_deref().map(str::trim).filter(|t| !t.is_empty())
}

/// The sale's card when it differs from the refund's (both known).
pub(super) fn other_card<'a>(ledger: &Ledger<'a>, refund: &Entry, sale: &Entry) -> Option<&'a str> {
    (refund.card != NO_CARD && sale.card != NO_CARD && refund.card != sale.card).then(|| ledger.card(sale))
}

impl Tie {
    /// `same reference` / `same card`.
    pub fn en(self) -> &'static str {
        match self {
            Tie::Reference => "same reference",
            Tie::Card => "same card",
        }
    }

    /// `参考号相同` / `同一张卡`.
    pub fn zh(self) -> &'static str {
        match self {
            Tie::Reference => "参考号相同",
            Tie::Card => "同一张卡",
        }
    }
}
