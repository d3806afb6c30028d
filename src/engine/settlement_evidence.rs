//! What the files themselves say about which credit pays which sales, used before any amount is compared:
//! - a **payout or batch id** in the acquirer's report (Deposit ID, payout_id, automatic_payout_id…) that the
//!   bank row's memo or reference names: those rows, that credit;
//! - a **day or range the bank memo names** ("POS清算款 1014", "结算 1012-1014", "Settlement Oct 14", read by
//!   [`memo_evidence`](crate::engine::memo_evidence)): that credit pays those days of the shop;
//! - a **settlement date the acquirer's report states** (清算日期, Payout date, available_on): the one credit of
//!   that date pays those rows.
//!
//! A credit tied by evidence pays what it names whatever its amount: the difference is then short or over on
//! those days, and the finding says what tied it — so evidence that contradicts the amounts is reported, not
//! overruled by a nearer amount.

use std::collections::HashMap;

use crate::engine::index::{currency_code, day_number, day_of, ident, minor, ordered};
use crate::engine::memo_evidence::{Named, named_period};
use crate::engine::outcome::TiedBy;
use crate::engine::settlement_bind::{bind, unpaid_row};
use crate::engine::takings::{self, Takings};
use crate::engine::work::Work;
use crate::model::Txn;

/// Open credits (money in, still unpaired) in time order, as bank indices.
fn open_credits_in_time_order(work: &Work) -> Vec<u32> {
    ordered(work.bank, |j| work.bank_open[j] && !work.bank[j].amount.is_negative())
}

/// The text a bank row states about itself: memo and reference.
fn stated_text(t: &Txn) -> String {
    let mut text = String::new();
    for part in [&t.description, &t.reference].into_iter().flatten() {
        text.push_str(part);
        text.push(' ');
    }
    text
}

/// A batch id that names a payout rather than a terminal's daily close: long enough not to be a day code or
/// a small counter (payout ids like `po_1NxQ…`, deposit ids, long batch numbers).
fn payout_like(id: &str) -> bool {
    id.len() >= 10 || (id.len() >= 6 && id.chars().any(|c| c.is_ascii_alphabetic()))
}

/// Ties credits whose memo or reference names a payout/batch id of open terminal rows to those rows.
pub fn tie_batch_ids(work: &mut Work) {
    let mut by_id: HashMap<&str, Vec<u32>> = HashMap::new();
    for (i, t) in work.terminal.iter().enumerate() {
        if let Some(id) = ident(&t.batch_no).filter(|id| payout_like(id))
            && work.terminal_open[i]
        {
            by_id.entry(id).or_default().push(i as u32);
        }
    }
    if by_id.is_empty() {
        return;
    }
    let mut ties: Vec<(u32, String, Vec<u32>)> = Vec::new();
    for j in open_credits_in_time_order(work) {
        let text = stated_text(&work.bank[j as usize]);
        let named = text
            .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
            .find_map(|token| by_id.remove_entry(token));
        if let Some((id, rows)) = named {
            ties.push((j, id.to_string(), rows));
        }
    }
    for (j, id, rows) in ties {
        if let Some(g) = takings::of_rows(work, &rows) {
            bind(work, &[&g], j, None, TiedBy::BatchId { id });
        }
    }
}

/// Ties each credit whose memo names a day or a range of days to the open takings of those days.
pub fn tie_memo_days(work: &mut Work, groups: &[Takings], paid: &mut [bool]) {
    for j in open_credits_in_time_order(work) {
        let credit = &work.bank[j as usize];
        let Some(Named::Days { first, last }) = named_period(&stated_text(credit), credit.date()) else {
            continue;
        };
        let (from, to) = (day_number(first), day_number(last));
        let currency = currency_code(credit.currency);
        let inside: Vec<usize> = (0..groups.len())
            .filter(|&k| !paid[k] && currency_code(groups[k].currency) == currency)
            .filter(|&k| groups[k].first_day >= from && groups[k].day <= to)
            .collect();
        // With several merchants paid apart, the one whose takings of those days are nearest the credit.
        let amount = minor(credit.amount);
        let mut keys: Vec<&str> = inside.iter().map(|&k| groups[k].key.as_str()).collect();
        keys.dedup();
        let net_of = |key: &str| -> i64 {
            inside
                .iter()
                .filter(|&&k| groups[k].key == key)
                .map(|&k| groups[k].net)
                .sum()
        };
        let Some(key) = keys.into_iter().min_by_key(|key| (net_of(key) - amount).abs()) else {
            continue;
        };
        let chosen: Vec<usize> = inside.iter().copied().filter(|&k| groups[k].key == key).collect();
        let parts: Vec<&Takings> = chosen.iter().map(|&k| &groups[k]).collect();
        let unpaid = takings::combine(&parts).and_then(|all| unpaid_row(work, &all, amount));
        bind(work, &parts, j, unpaid, TiedBy::Memo { first, last });
        for k in chosen {
            paid[k] = true;
        }
    }
}

/// Ties takings whose rows state a settlement date to the one open credit of that date in their currency.
pub fn tie_settlement_dates(work: &mut Work, groups: &[Takings], paid: &mut [bool]) {
    if groups.iter().all(|g| g.settle.is_none()) {
        return;
    }
    let mut by_day: HashMap<(i64, u32), Vec<u32>> = HashMap::new();
    for j in open_credits_in_time_order(work) {
        let b = &work.bank[j as usize];
        by_day
            .entry((day_number(b.date()), currency_code(b.currency)))
            .or_default()
            .push(j);
    }
    for (k, g) in groups.iter().enumerate() {
        let Some(settle) = g.settle.filter(|_| !paid[k]) else {
            continue;
        };
        let Some(credits) = by_day.get(&(settle, currency_code(g.currency))) else {
            continue;
        };
        let mut open = credits.iter().copied().filter(|&j| work.bank_open[j as usize]);
        if let (Some(j), None) = (open.next(), open.next()) {
            let unpaid = unpaid_row(work, g, minor(work.bank[j as usize].amount));
            bind(work, &[g], j, unpaid, TiedBy::SettlementDate { date: day_of(settle) });
            paid[k] = true;
        }
    }
}
