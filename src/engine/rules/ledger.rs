//! The terminal rows the rules look at, read once and shared by every rule: the sales and refunds that went
//! through and are neither `duplicate` nor `unrelated` (declined, voided), in time order, and the same rows
//! grouped by card (each card's history in time order). Also the few words every reason uses about a row.
//!
//! Time order is (time, file, line), so it does not depend on the order the rows were passed in.

use rustc_hash::FxHashMap;

use crate::engine::outcome::{RowId, Status};
use crate::engine::wording;
use crate::model::{Currency, Money, RowRef, Txn, TxnKind, TxnStatus};

use super::RuleInput;

/// Seconds in a day.
pub(super) const DAY: i64 = 86_400;

/// `Entry::card` of a row without a card number.
pub(super) const NO_CARD: u32 = u32::MAX;

/// One terminal row that takes part, in the compact form the rules work on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Entry {
    /// Index into `RuleInput::terminal`.
    pub index: u32,
    pub row: RowRef,
    /// The row's local time in seconds (00:00:00 for date-only rows).
    pub secs: i64,
    /// The amount in minor units (fen), always positive; `refund` says which way the money went.
    pub minor: i64,
    pub refund: bool,
    /// False for date-only rows: rules about minutes and hours skip them.
    pub timed: bool,
    /// The card (and currency) as a small number; [`NO_CARD`] when the row has none.
    pub card: u32,
    pub currency: Currency,
}

impl Entry {
    pub fn id(&self) -> RowId {
        RowId::terminal(self.index as usize)
    }

    /// The total time order of rows: time, then file and line.
    pub fn order(&self) -> (i64, RowRef) {
        (self.secs, self.row)
    }

    pub fn is_sale(&self) -> bool {
        !self.refund
    }

    /// Seconds after midnight.
    pub fn second_of_day(&self) -> i64 {
        self.secs.rem_euclid(DAY)
    }

    /// Days since 1970-01-01.
    pub fn day_number(&self) -> i64 {
        self.secs.div_euclid(DAY)
    }
}

/// The rows that take part, in time order and by card.
pub(super) struct Ledger<'a> {
    pub input: &'a RuleInput<'a>,
    /// Every row that takes part, in time order.
    pub rows: Vec<Entry>,
    /// The rows with a card, grouped by card, each group in time order.
    by_card: Vec<Entry>,
}

impl<'a> Ledger<'a> {
    pub fn new(input: &'a RuleInput<'a>) -> Ledger<'a> {
        // Read in file order (the rows' text lies in memory in that order); card numbers become small numbers,
        // so that grouping by card is a cheap counting sort.
        let mut cards = CardNumbers::for_rows(input.terminal.len());
        let mut rows: Vec<Entry> = Vec::with_capacity(input.terminal.len());
        for (i, txn) in input.terminal.iter().enumerate() {
            let status = input.report.terminal.get(i).map(|outcome| outcome.status);
            let Some(mut e) = entry(i, txn, status) else { continue };
            if let (Some(card), Ok(at)) = (card_text(txn), u32::try_from(rows.len())) {
                e.card = cards.note(card, txn.currency, at);
            }
            rows.push(e);
        }
        let count = cards.number(&mut rows);
        rows.sort_unstable_by_key(Entry::order);
        let by_card = group_by_card(&rows, count);

        Ledger { input, rows, by_card }
    }

    /// Each card's rows in time order, one slice per card.
    pub fn card_histories(&self) -> impl Iterator<Item = &[Entry]> {
        self.by_card.chunk_by(|a, b| a.card == b.card)
    }

    pub fn txn(&self, e: &Entry) -> &'a Txn {
        txn_of(self.input.terminal, e)
    }

    /// The masked card number as the file shows it, or "" when there is none.
    pub fn card(&self, e: &Entry) -> &'a str {
        card_text(self.txn(e)).unwrap_or("")
    }

    /// The row's amount as a positive sum with its currency: `¥58.00`.
    pub fn amount(&self, e: &Entry) -> String {
        self.money(e, e.minor)
    }

    /// Any sum in minor units, in the row's currency.
    pub fn money(&self, e: &Entry, minor: i64) -> String {
        wording::money(Money::from_minor(minor), e.currency)
    }

    /// The row's date and time as reasons show it: `2026-10-14 03:12:44`.
    pub fn when(&self, e: &Entry) -> String {
        wording::date_time(self.txn(e).time)
    }

    /// `sale` / `refund`.
    pub fn what_en(&self, e: &Entry) -> &'static str {
        if e.refund { "refund" } else { "sale" }
    }

    /// `消费` / `退货`.
    pub fn what_zh(&self, e: &Entry) -> &'static str {
        if e.refund { "退货" } else { "消费" }
    }
}

/// Card numbers (with their currency) as small numbers. A masked card number is digits and `*`: it is packed
/// into a 128-bit number (4 bits a character) while the rows are read and put in one of a few hundred parts by
/// a hash of that number; each part (a few thousand rows, small enough to stay in the cache) is then sorted on
/// its own and its cards numbered. A hash table as large as the list of cards would miss the cache on every
/// look-up, and one sort of a million rows reads them all twenty times over. Other card texts (letters, very
/// long ones) get their numbers from a table right away.
struct CardNumbers<'a> {
    /// (packed card, currency, position of the row), in parts by [`CardNumbers::part`].
    parts: Vec<Vec<(u128, Currency, u32)>>,
    /// How far to shift a 64-bit hash to get its part (64 - log2 of the number of parts).
    shift: u32,
    other: FxHashMap<(&'a str, Currency), u32>,
}

impl<'a> CardNumbers<'a> {
    /// Room for the cards of `rows` rows: about 2,048 rows a part, 1 to 1,024 parts.
    fn for_rows(rows: usize) -> CardNumbers<'a> {
        let parts = (rows / 2048).clamp(1, 1024).next_power_of_two();
        CardNumbers {
            parts: vec![Vec::new(); parts],
            shift: 64 - parts.trailing_zeros(),
            other: FxHashMap::default(),
        }
    }

    /// Which part a packed card goes to: the top bits of a multiplicative hash (all the key's bits mix into them).
    fn part(&self, packed: u128, currency: Currency) -> usize {
        let [a, b, c] = currency.0;
        let folded =
            (packed as u64) ^ ((packed >> 64) as u64).rotate_left(29) ^ u64::from_le_bytes([a, b, c, 0, 0, 0, 0, 0]);
        let mixed = (folded ^ folded >> 31).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        mixed.checked_shr(self.shift).unwrap_or(0) as usize
    }

    /// Notes the card of the row at `at`; returns its number when known now, else [`NO_CARD`] until `number`.
    fn note(&mut self, card: &'a str, currency: Currency, at: u32) -> u32 {
        if let Some(packed) = pack(card) {
            let part = self.part(packed, currency);
            if let Some(part) = self.parts.get_mut(part) {
                part.push((packed, currency, at));
            }
            return NO_CARD;
        }
        let next = u32::try_from(self.other.len()).unwrap_or(NO_CARD - 1);
        *self.other.entry((card, currency)).or_insert(next)
    }

    /// Gives every packed card its number (after the others') in `rows`; returns how many cards there are.
    fn number(self, rows: &mut [Entry]) -> usize {
        // The numbers by row position first (4 bytes a row, so the scattered writes stay in the cache), then
        // copied into the rows in one pass.
        let mut card_of = vec![NO_CARD; rows.len()];
        let mut count = self.other.len();
        for mut part in self.parts {
            part.sort_unstable();
            let mut last = None;
            for (packed, currency, at) in part {
                if last.is_some_and(|card| card != (packed, currency)) {
                    count += 1;
                }
                last = Some((packed, currency));
                if let Some(slot) = card_of.get_mut(at as usize) {
                    *slot = u32::try_from(count).unwrap_or(NO_CARD - 1);
                }
            }
            count += usize::from(last.is_some());
        }
        for (e, card) in rows.iter_mut().zip(card_of) {
            if card != NO_CARD {
                e.card = card;
            }
        }
        count
    }
}

/// `622848******1234` as a number, 4 bits a character (digits, `*`, `x`); None for anything else or longer
/// than 31 characters. Distinct texts give distinct numbers (no character packs to 0).
fn pack(card: &str) -> Option<u128> {
    if card.len() > 31 {
        return None;
    }
    card.bytes().try_fold(0u128, |packed, b| {
        let nibble = match b {
            b'0'..=b'9' => b - b'0' + 1,
            b'*' => 11,
            b'x' | b'X' => 12,
            _ => return None,
        };
        Some(packed << 4 | u128::from(nibble))
    })
}

/// The rows with a card, grouped by card (a counting sort on the dense card numbers), each card's rows in the
/// order given (time order).
fn group_by_card(rows: &[Entry], cards: usize) -> Vec<Entry> {
    // `next[card]`: where the card's next row goes. Rows without a card (NO_CARD) fall outside and are skipped.
    let mut next = vec![0usize; cards];
    for e in rows {
        if let Some(count) = next.get_mut(e.card as usize) {
            *count += 1;
        }
    }
    let mut total = 0;
    for start in &mut next {
        let count = *start;
        *start = total;
        total += count;
    }
    let Some(&filler) = rows.first() else { return Vec::new() };
    let mut grouped = vec![filler; total];
    for e in rows {
        if let Some(at) = next.get_mut(e.card as usize) {
            if let Some(slot) = grouped.get_mut(*at) {
                *slot = *e;
            }
            *at += 1;
        }
    }
    grouped
}

/// The compact form of a terminal row, or None when it takes no part: declined, not a sale or refund, zero,
/// or marked `duplicate` / `unrelated` by the matching passes.
fn entry(index: usize, txn: &Txn, status: Option<Status>) -> Option<Entry> {
    if matches!(status, Some(Status::Duplicate | Status::Unrelated)) || txn.status != TxnStatus::Ok {
        return None;
    }
    if !matches!(txn.kind, TxnKind::Sale | TxnKind::Refund) {
        return None;
    }
    let minor = minor_units(txn.amount);
    if minor == 0 {
        return None;
    }
    Some(Entry {
        index: u32::try_from(index).ok()?,
        row: txn.row,
        secs: txn.time.and_utc().timestamp(),
        minor: minor.saturating_abs(),
        refund: txn.kind == TxnKind::Refund || minor < 0,
        timed: !txn.date_only,
        card: NO_CARD,
        currency: txn.currency,
    })
}

/// `Money::minor_units`, without the decimal arithmetic for the usual amounts of at most two decimals.
fn minor_units(amount: Money) -> i64 {
    let (mantissa, scale) = (amount.0.mantissa(), amount.0.scale());
    let exact = match scale {
        0 => mantissa.checked_mul(100),
        1 => mantissa.checked_mul(10),
        2 => Some(mantissa),
        _ => None,
    };
    exact
        .and_then(|m| i64::try_from(m).ok())
        .unwrap_or_else(|| amount.minor_units())
}

fn txn_of<'t>(terminal: &'t [Txn], e: &Entry) -> &'t Txn {
    // `index` was taken from this very slice by `Ledger::new`; it is never out of range.
    &terminal[e.index as usize]
}

fn card_text(txn: &Txn) -> Option<&str> {
    txn.card_masked
        .as_deref()
        .map(str::trim)
        .filter(|card| !card.is_empty())
}

/// Whether two rows are one payment seen twice rather than two payments: the same reference, or on the same
/// terminal the same voucher, or — when neither says — the same second.
pub(super) fn same_payment(a: &Txn, b: &Txn) -> bool {
    if let (Some(x), Some(y)) = (&a.reference, &b.reference) {
        return x.trim() == y.trim();
    }
    if let (Some(x), Some(y)) = (&a.voucher, &b.voucher)
        && a.terminal_id == b.terminal_id
    {
        return x.trim() == y.trim();
    }
    a.time == b.time
}

/// A gap in seconds rounded up to a whole minute (under a minute: kept in seconds), so that "within 3 min" in
/// a reason is true for a gap of 2 min 32 s.
pub(super) fn within(gap: i64) -> i64 {
    if gap < 60 { gap } else { (gap + 59) / 60 * 60 }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::{CARD, OTHER_CARD, sale};
    use super::*;
    use crate::engine::config::Config;
    use crate::engine::outcome::{Report, RowOutcome};

    /// Each card's history as the lines of its rows.
    fn histories(rows: &[Txn]) -> Vec<Vec<u32>> {
        let config = Config::default();
        let report = Report {
            terminal: vec![RowOutcome::default(); rows.len()],
            ..Report::default()
        };
        let input = RuleInput {
            terminal: rows,
            bank: &[],
            report: &report,
            config: &config,
        };
        let ledger = Ledger::new(&input);
        let mut found: Vec<Vec<u32>> = ledger
            .card_histories()
            .map(|h| h.iter().map(|e| e.row.line).collect())
            .collect();
        found.sort();
        found
    }

    #[test]
    fn each_card_has_its_own_history_in_time_order_whatever_the_length_of_its_number() {
        // Masked numbers of 16 and 19 characters, rows without a card, and a card text that is not a number.
        let long = "6217000******004321";
        let mut rows = vec![
            sale(2, "2026-10-05 12:00:00", "18.00", CARD),
            sale(3, "2026-10-05 11:00:00", "18.00", OTHER_CARD),
            sale(4, "2026-10-05 10:00:00", "18.00", CARD),
            sale(5, "2026-10-05 09:00:00", "18.00", ""),
            sale(6, "2026-10-05 13:00:00", "18.00", OTHER_CARD),
        ];
        assert_eq!(histories(&rows), [vec![3, 6], vec![4, 2]]);
        rows.push(sale(7, "2026-10-05 08:00:00", "18.00", long));
        rows.push(sale(8, "2026-10-05 14:00:00", "18.00", long));
        assert_eq!(histories(&rows), [vec![3, 6], vec![4, 2], vec![7, 8]]);
        rows.push(sale(9, "2026-10-05 15:00:00", "18.00", "VISA 4242"));
        assert_eq!(histories(&rows), [vec![3, 6], vec![4, 2], vec![7, 8], vec![9]]);
    }
}
