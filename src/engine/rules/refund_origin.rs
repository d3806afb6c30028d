//! Which sale each refund gives money back for — shared by the three refund rules.
//!
//! A refund is tied to its sale, in this order:
//! 1. the same reference (参考号), when the refund carries the original's — the sale may be on any card;
//! 2. on the same terminal, the same voucher (凭证号), when the refund carries the original's;
//! 3. otherwise the earlier sale on the same card, within `rules.refund_lookback_days` (default 90), with the
//!    smallest amount still left to refund that covers it (each sale can be refunded once in total, partial
//!    refunds add up). When no sale on the card has enough left, the one with most left is taken, so the refund
//!    exceeds it; when the card has no sale at all in that time, the refund has none.
//!
//! A refund that no sale covers may have been sent to another card than the one that paid: the latest earlier
//! sale of exactly that amount on another card within the look-back is kept as its look-alike. Refunds with
//! neither a tie nor a card cannot be judged and are left out.

use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};

use crate::model::{Currency, RowRef, SourceId};

use super::ledger::{Entry, Ledger, NO_CARD};

/// How a refund was tied to its sale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Tie {
    Reference,
    Voucher,
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
    /// None: the refund's card has no sale within the look-back, and no reference or voucher ties it.
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
    let mut refunded: HashMap<u32, i64> = HashMap::new();
    let mut checks: Vec<RefundCheck> = Vec::new();

    // 1–2: ties by reference or voucher, in time order.
    let mut by_reference: HashMap<&str, Entry> = HashMap::new();
    let mut by_voucher: HashMap<(&str, &str), Entry> = HashMap::new();
    for e in &ledger.rows {
        let txn = ledger.txn(e);
        if e.is_sale() {
            if let Some(reference) = text(&txn.reference) {
                by_reference.entry(reference).or_insert(*e);
            }
            if let (Some(terminal), Some(voucher)) = (text(&txn.terminal_id), text(&txn.voucher)) {
                by_voucher.entry((terminal, voucher)).or_insert(*e);
            }
            continue;
        }
        let by_ref = text(&txn.reference).and_then(|r| by_reference.get(r)).map(|s| (*s, Tie::Reference));
        let by_voucher = || {
            let key = (text(&txn.terminal_id)?, text(&txn.voucher)?);
            by_voucher.get(&key).map(|s| (*s, Tie::Voucher))
        };
        if let Some((sale, tie)) = by_ref.or_else(by_voucher) {
            let done = refunded.entry(sale.index).or_insert(0);
            checks.push(RefundCheck {
                refund: *e,
                origin: Some(Origin { sale, tie, refunded_before: *done }),
                look_alike: None,
            });
            *done += e.minor;
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
    let look_alikes = SalesByAmount::new(ledger);
    for check in &mut checks {
        if check.origin.is_none() || (check.exceeds() && check.origin.is_some_and(|o| o.tie == Tie::Card)) {
            check.look_alike = look_alikes.latest_on_other_card(ledger, &check.refund, lookback);
        }
    }
    checks.sort_by_key(|c| c.refund.order());
    checks
}

/// A sale still open to refunds: (left to refund, time, row, index) — ordered so that the best fit comes first.
type Open = (i64, i64, RowRef, u32);

/// The smallest row reference, to start a range of [`Open`] at a given amount.
const FIRST_ROW: RowRef = RowRef { source: SourceId(0), line: 0 };

/// Ties the untied refunds of one card's history to its sales: best fit among sales within the look-back.
fn trace_card(
    history: &[Entry],
    tied: &HashSet<u32>,
    refunded: &HashMap<u32, i64>,
    lookback: i64,
    checks: &mut Vec<RefundCheck>,
) {
    let mut open: BTreeSet<Open> = BTreeSet::new();
    let mut left: HashMap<u32, (i64, Entry)> = HashMap::new();
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
        let best = open.range((e.minor, i64::MIN, FIRST_ROW, 0)..).next().or_else(|| open.last()).copied();
        let origin = best.and_then(|(rest, secs, row, index)| {
            let (_, sale) = left.get(&index).copied()?;
            open.remove(&(rest, secs, row, index));
            let now = (rest - e.minor).max(0);
            open.insert((now, secs, row, index));
            left.insert(index, (now, sale));
            Some(Origin { sale, tie: Tie::Card, refunded_before: sale.minor - rest })
        });
        checks.push(RefundCheck { refund: *e, origin, look_alike: None });
    }
}

/// Sales with a card, by currency and amount, in time order: where a refund's look-alike is searched.
struct SalesByAmount(HashMap<(Currency, i64), Vec<Entry>>);

impl SalesByAmount {
    fn new(ledger: &Ledger) -> SalesByAmount {
        let mut sales: HashMap<(Currency, i64), Vec<Entry>> = HashMap::new();
        for e in ledger.rows.iter().filter(|e| e.is_sale() && e.card != NO_CARD) {
            sales.entry((ledger.txn(e).currency, e.minor)).or_default().push(*e);
        }
        SalesByAmount(sales)
    }

    /// The latest sale of the refund's amount before it, within the look-back, on another card (the last few
    /// candidates are looked at, enough for any real shop and bounded for any input).
    fn latest_on_other_card(&self, ledger: &Ledger, refund: &Entry, lookback: i64) -> Option<Entry> {
        if refund.card == NO_CARD {
            return None;
        }
        let same_amount = self.0.get(&(ledger.txn(refund).currency, refund.minor))?;
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

fn text(field: &Option<Box<str>>) -> Option<&str> {
    field.as_deref().map(str::trim).filter(|t| !t.is_empty())
}

/// The sale's card when it differs from the refund's (both known).
pub(super) fn other_card<'a>(ledger: &Ledger<'a>, refund: &Entry, sale: &Entry) -> Option<&'a str> {
    (refund.card != NO_CARD && sale.card != NO_CARD && refund.card != sale.card).then(|| ledger.card(sale))
}

impl Tie {
    /// `same reference` / `same voucher` / `same card`.
    pub fn en(self) -> &'static str {
        match self {
            Tie::Reference => "same reference",
            Tie::Voucher => "same voucher",
            Tie::Card => "same card",
        }
    }

    /// `参考号相同` / `凭证号相同` / `同一张卡`.
    pub fn zh(self) -> &'static str {
        match self {
            Tie::Reference => "参考号相同",
            Tie::Voucher => "凭证号相同",
            Tie::Card => "同一张卡",
        }
    }
}
