//! The shop simulation: a day-by-day stream of card sales at the till, priced from a menu (so many amounts
//! repeat), spread over the opening hours with a lunch and an evening peak, paid with the cards of a
//! [`Wallet`]; plus the normal exceptions of a real shop — refunds of earlier sales on the same card, voids
//! (撤销) minutes after a sale, and declined attempts just before a successful one. Nothing here is an
//! anomaly: a log produced only by this module must reconcile cleanly.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Timelike};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::cards::Wallet;
use super::rows::{RowKind, TerminalRow, fee_at};

/// Everything that makes one shop different from another.
pub(crate) struct ShopProfile {
    pub merchant: &'static str,
    /// Terminal IDs and how often each is used (relative weights).
    pub terminals: &'static [(&'static str, u32)],
    pub first_day: NaiveDate,
    pub days: u32,
    /// Inclusive range of sales per day.
    pub sales_per_day: (u32, u32),
    /// Opening hours in seconds after midnight: no sale before the first or after the second.
    pub open_secs: (u32, u32),
    /// Menu prices in fen with relative weights.
    pub menu: &'static [(i64, u32)],
    /// Regular customers' cards in the wallet.
    pub regular_cards: usize,
    /// When > 0, two sales of the same amount are never closer than this (a per-transaction acquirer's
    /// postings can then be paired with their sales without ambiguity).
    pub same_amount_gap_secs: i64,
    pub refunds: u32,
    pub voids: u32,
    pub declined: u32,
    /// The contracted fee in basis points (60 = 0.6 %).
    pub fee_bp: i64,
    /// Whether a refund gives the fee of the refunded amount back (a negative fee on the refund row) or the
    /// acquirer keeps it (fee 0.00 on the refund row).
    pub refund_returns_fee: bool,
}

/// Relative weight of each hour of the day (index = hour): quiet mornings, lunch and evening peaks.
const HOUR_WEIGHTS: [u32; 24] = [1, 1, 1, 1, 1, 1, 2, 3, 4, 5, 6, 8, 10, 9, 6, 5, 6, 8, 10, 9, 7, 5, 3, 1];

/// Makes a row from a sale (a refund, a void, a declined attempt), or `None` when this sale does not suit.
type Derive = fn(&mut Shop, &mut ChaCha8Rng, &TerminalRow) -> Option<TerminalRow>;

/// Minimum time between two charges on the same card in normal shopping (seconds).
pub(crate) const CARD_GAP_SECS: i64 = 3_600;

/// A simulated shop: its terminal log (in the making) and its customers' cards.
pub(crate) struct Shop {
    pub profile: ShopProfile,
    pub rows: Vec<TerminalRow>,
    pub wallet: Wallet,
    next_seq: u32,
    /// Times at which each amount was charged (for `same_amount_gap_secs`).
    amount_times: BTreeMap<i64, Vec<NaiveDateTime>>,
    /// Creation numbers of sales already refunded, voided or retried after a decline.
    taken: BTreeSet<u32>,
}

impl Shop {
    /// Simulates `profile.days` days of sales, then refunds, voids and declined attempts. `extra_sales` adds
    /// sales to some days (a busy day); the rows are not yet in their final order (see [`Shop::finish`]).
    pub fn simulate(rng: &mut ChaCha8Rng, profile: ShopProfile, extra_sales: &[(NaiveDate, u32)]) -> Shop {
        let wallet = Wallet::new(rng, profile.regular_cards);
        let mut shop = Shop {
            profile,
            rows: Vec::new(),
            wallet,
            next_seq: 0,
            amount_times: BTreeMap::new(),
            taken: BTreeSet::new(),
        };
        for d in 0..shop.profile.days {
            let day = shop.profile.first_day + Duration::days(i64::from(d));
            let (lo, hi) = shop.profile.sales_per_day;
            let extra: u32 = extra_sales.iter().filter(|(x, _)| *x == day).map(|(_, n)| *n).sum();
            let n = rng.random_range(lo..=hi) + extra;
            let mut times: Vec<NaiveDateTime> = (0..n).map(|_| shop.random_time(rng, day)).collect();
            times.sort();
            for time in times {
                let amount = shop.menu_price(rng, time);
                let terminal = shop.terminal(rng);
                let card = shop.wallet.pick(rng, time, CARD_GAP_SECS);
                shop.push(TerminalRow::sale(time, shop.profile.merchant, terminal, card, amount));
            }
        }
        let (refunds, voids, declined) = (shop.profile.refunds, shop.profile.voids, shop.profile.declined);
        shop.derive_rows(rng, refunds, Shop::refund);
        shop.derive_rows(rng, voids, Shop::void);
        shop.derive_rows(rng, declined, Shop::declined);
        shop
    }

    /// Adds a row, giving it the next creation number; returns its index in `rows`.
    pub fn push(&mut self, mut row: TerminalRow) -> usize {
        row.seq = self.next_seq;
        self.next_seq += 1;
        if row.kind == RowKind::Sale && !row.declined {
            self.amount_times.entry(row.amount).or_default().push(row.time);
        }
        self.rows.push(row);
        self.rows.len() - 1
    }

    pub fn day(&self, n: u32) -> NaiveDate {
        self.profile.first_day + Duration::days(i64::from(n))
    }

    pub fn last_day(&self) -> NaiveDate {
        self.day(self.profile.days.saturating_sub(1))
    }

    /// A time on `day` inside opening hours, drawn by the hourly weights.
    pub fn random_time(&self, rng: &mut ChaCha8Rng, day: NaiveDate) -> NaiveDateTime {
        let (from, to) = self.profile.open_secs;
        let hours: Vec<usize> = (0..24)
            .filter(|h| (*h as u32 + 1) * 3600 > from && (*h as u32) * 3600 < to)
            .collect();
        let total: u32 = hours.iter().map(|h| HOUR_WEIGHTS[*h]).sum();
        let mut pick = rng.random_range(0..total.max(1));
        let mut hour = hours.first().copied().unwrap_or(12);
        for h in &hours {
            if pick < HOUR_WEIGHTS[*h] {
                hour = *h;
                break;
            }
            pick -= HOUR_WEIGHTS[*h];
        }
        let secs = (hour as u32 * 3600 + rng.random_range(0..3600)).clamp(from, to);
        day.and_hms_opt(0, 0, 0).unwrap_or_default() + Duration::seconds(i64::from(secs))
    }

    /// A menu price, honouring `same_amount_gap_secs`.
    fn menu_price(&self, rng: &mut ChaCha8Rng, time: NaiveDateTime) -> i64 {
        let menu = self.profile.menu;
        let total: u32 = menu.iter().map(|(_, w)| *w).sum();
        let mut fallback = menu.first().map(|(p, _)| *p).unwrap_or(1_000);
        for attempt in 0..50 {
            let mut pick = rng.random_range(0..total.max(1));
            let mut price = fallback;
            for (p, w) in menu {
                if pick < *w {
                    price = *p;
                    break;
                }
                pick -= *w;
            }
            if attempt == 0 {
                fallback = price;
            }
            if self.amount_is_free(price, time) {
                return price;
            }
        }
        fallback
    }

    /// True when no sale of `amount` lies within `same_amount_gap_secs` of `time`.
    pub fn amount_is_free(&self, amount: i64, time: NaiveDateTime) -> bool {
        let gap = self.profile.same_amount_gap_secs;
        gap == 0
            || self
                .amount_times
                .get(&amount)
                .is_none_or(|ts| ts.iter().all(|t| (*t - time).num_seconds().abs() >= gap))
    }

    fn terminal(&self, rng: &mut ChaCha8Rng) -> &'static str {
        let terminals = self.profile.terminals;
        let total: u32 = terminals.iter().map(|(_, w)| *w).sum();
        let mut pick = rng.random_range(0..total.max(1));
        for (id, w) in terminals {
            if pick < *w {
                return id;
            }
            pick -= *w;
        }
        terminals.first().map(|(id, _)| *id).unwrap_or("00000000")
    }

    /// Indices of approved, unplanted sales nobody has refunded, voided or retried yet.
    fn plain_sales(&self) -> Vec<usize> {
        (0..self.rows.len())
            .filter(|i| {
                let r = &self.rows[*i];
                r.kind == RowKind::Sale
                    && !r.declined
                    && r.settled
                    && r.marks.is_empty()
                    && !self.taken.contains(&r.seq)
            })
            .collect()
    }

    /// A random untouched sale, marked as taken.
    fn take_sale(&mut self, rng: &mut ChaCha8Rng) -> Option<TerminalRow> {
        let candidates = self.plain_sales();
        let i = *candidates.get(rng.random_range(0..candidates.len().max(1)))?;
        let sale = self.rows.get(i)?.clone();
        self.taken.insert(sale.seq);
        Some(sale)
    }

    /// Calls `make` on random untouched sales until it has made `wanted` rows (giving up after 20 tries per
    /// wanted row: a short log may not have enough candidates).
    fn derive_rows(&mut self, rng: &mut ChaCha8Rng, wanted: u32, make: Derive) {
        let mut made = 0;
        for _ in 0..wanted * 20 {
            if made == wanted {
                break;
            }
            let Some(sale) = self.take_sale(rng) else { break };
            if let Some(row) = make(self, rng, &sale) {
                self.push(row);
                made += 1;
            }
        }
    }

    /// A refund of `sale`: same card, same terminal, at most the sale amount, an hour to three days later and
    /// inside opening hours.
    fn refund(&mut self, rng: &mut ChaCha8Rng, sale: &TerminalRow) -> Option<TerminalRow> {
        let (open, close) = self.profile.open_secs;
        let mut time = sale.time + Duration::seconds(rng.random_range(3_600..3 * 86_400));
        let tod = time.num_seconds_from_midnight();
        if tod < open + 1_800 || tod > close.saturating_sub(1_800) {
            let next = time.date() + Duration::days(if tod > close.saturating_sub(1_800) { 1 } else { 0 });
            time = next.and_hms_opt(0, 0, 0).unwrap_or_default()
                + Duration::seconds(i64::from(open + 1_800 + rng.random_range(0..4 * 3_600)));
        }
        if time.date() > self.last_day() || !self.wallet.is_free(sale.card, time, CARD_GAP_SECS) {
            return None;
        }
        let amount = if rng.random_range(0..10) < 7 {
            sale.amount
        } else {
            ((sale.amount * rng.random_range(30..90) / 100) / 100 * 100).clamp(100, sale.amount)
        };
        self.wallet.record_use(sale.card, time);
        let mut row = TerminalRow::sale(time, &sale.merchant, &sale.terminal, sale.card, -amount);
        row.kind = RowKind::Refund;
        Some(row)
    }

    /// A void (撤销) of `sale`: the cashier cancels it 1–9 minutes later; neither is paid out.
    fn void(&mut self, rng: &mut ChaCha8Rng, sale: &TerminalRow) -> Option<TerminalRow> {
        let time = sale.time + Duration::seconds(rng.random_range(60..540));
        if time.num_seconds_from_midnight() > self.profile.open_secs.1 || time.date() != sale.time.date() {
            return None;
        }
        if let Some(voided) = self.rows.iter_mut().find(|r| r.seq == sale.seq) {
            voided.settled = false;
        }
        let mut row = TerminalRow::sale(time, &sale.merchant, &sale.terminal, sale.card, sale.amount);
        row.kind = RowKind::Void;
        row.settled = false;
        Some(row)
    }

    /// A declined attempt (失败) 20–90 s before `sale`, same amount: half on the same card (a retry that went
    /// through), half on another card the customer then swapped.
    fn declined(&mut self, rng: &mut ChaCha8Rng, sale: &TerminalRow) -> Option<TerminalRow> {
        let time = sale.time - Duration::seconds(rng.random_range(20..90));
        if time.num_seconds_from_midnight() < self.profile.open_secs.0 + 300 {
            return None;
        }
        let card = if rng.random_bool(0.5) {
            sale.card
        } else {
            let card = self.wallet.issue(rng);
            self.wallet.record_use(card, time);
            card
        };
        let mut row = TerminalRow::sale(time, &sale.merchant, &sale.terminal, card, sale.amount);
        row.declined = true;
        row.settled = false;
        Some(row)
    }

    /// Puts the log in its final order (time, then creation), computes fees (`fee_bp_on` gives the rate
    /// charged on a day), and numbers vouchers per terminal and retrieval references.
    pub fn finish(&mut self, fee_bp_on: impl Fn(NaiveDate) -> i64) {
        self.rows.sort_by_key(|r| (r.time, r.seq));
        let mut vouchers: BTreeMap<String, u32> = BTreeMap::new();
        let mut per_second: BTreeMap<(NaiveDateTime, String), u32> = BTreeMap::new();
        for row in &mut self.rows {
            let bp = fee_bp_on(row.time.date());
            row.fee = match (row.kind, row.declined) {
                (RowKind::Sale, false) => fee_at(row.amount, bp),
                (RowKind::Refund, false) if self.profile.refund_returns_fee => -fee_at(-row.amount, bp),
                _ => 0,
            };
            let v = vouchers.entry(row.terminal.clone()).or_insert(100);
            *v += 1;
            row.voucher = format!("{:06}", *v);
            let n = per_second.entry((row.time, row.terminal.clone())).or_insert(0);
            *n += 1;
            let term_digit = row.terminal.chars().last().unwrap_or('0');
            row.reference = format!(
                "{:03}{:02}{:02}{:02}{}{:02}",
                row.time.ordinal(),
                row.time.hour(),
                row.time.minute(),
                row.time.second(),
                term_digit,
                *n % 100
            );
        }
    }
}

impl TerminalRow {
    /// An approved, settled sale (kind and sign are changed by the caller for refunds and voids).
    pub fn sale(time: NaiveDateTime, merchant: &str, terminal: &str, card: usize, amount: i64) -> TerminalRow {
        TerminalRow {
            time,
            merchant: merchant.to_string(),
            terminal: terminal.to_string(),
            kind: RowKind::Sale,
            declined: false,
            card,
            card_in_clear: false,
            amount,
            fee: 0,
            settled: true,
            voucher: String::new(),
            reference: String::new(),
            seq: 0,
            marks: Vec::new(),
            credit_marks: Vec::new(),
        }
    }
}
