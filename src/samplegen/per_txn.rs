//! The per-transaction scenario: a café with one terminal whose acquirer credits every sale on its own,
//! 0–120 s after it (now and then up to 20 min), debits refunds the same way, and takes its fees in one debit
//! the next morning. Ten days, an English terminal log and a UTF-8 bank export. Planted unless clean: a sale
//! never credited, one credited 0.50 short, two equal sales 35 s apart of which one is credited (an ambiguous
//! pairing: which one is unpaid cannot be told), a credit that
//! pays no sale, and a second bank export overlapping the first by two days.

use chrono::{Duration, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::rows::{Mark, RowKind, StatementRow, TerminalRow, fill_balances};
use super::settle::at;
use super::shop::{Shop, ShopProfile};
use crate::engine::{RuleId, Status};

pub(crate) const MERCHANT: &str = "M204518";
pub(crate) const TERMINAL: &str = "30571204";
pub(crate) const FIRST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(2026, 10, 5) {
    Some(d) => d,
    None => NaiveDate::MIN,
};
pub(crate) const DAYS: u32 = 10;
/// 1.69 %, the going rate of a card-reader acquirer.
pub(crate) const FEE_BP: i64 = 169;
const OPENING_BALANCE: i64 = 1_254_077;
/// The planted second export starts on this day offset; the first ends on `OVERLAP_LAST`.
const OVERLAP_FIRST: u32 = 5;
const OVERLAP_LAST: u32 = 6;

#[rustfmt::skip]
pub(crate) const MENU: &[(i64, u32)] = &[
    (1_800, 12), (2_200, 14), (2_500, 14), (2_800, 14), (3_000, 12), (3_200, 12), (3_500, 10), (3_800, 10),
    (4_200, 8), (4_500, 8), (4_800, 7), (5_200, 6), (5_600, 6), (5_800, 5), (6_200, 5), (6_800, 4),
    (7_200, 4), (7_800, 3), (8_800, 2), (1_500, 10), (2_650, 8), (1_950, 8), (2_450, 8),
    (3_350, 7), (4_150, 6), (3_150, 6), (2_350, 8), (6_450, 3), (2_750, 6),
];

/// The amount the two look-alike sales share (off the menu, so no other sale comes near).
const TWIN_AMOUNT: i64 = 3_600;
/// How much the acquirer credits short on one sale, and why.
const SHORT_FEN: i64 = 50;
const SHORT_NOTE: &str = "sale credited 0.50 short minutes later";

const CREDIT: &str = "POS CREDIT SUMUP 30571204";
const REFUND: &str = "POS REFUND SUMUP 30571204";

/// The café's terminal log and its bank exports (one when clean, two overlapping otherwise).
pub(crate) struct PerTxnScenario {
    pub shop: Shop,
    pub exports: Vec<Vec<StatementRow>>,
}

fn profile() -> ShopProfile {
    ShopProfile {
        merchant: MERCHANT,
        terminals: &[(TERMINAL, 1)],
        first_day: FIRST_DAY,
        days: DAYS,
        sales_per_day: (39, 42),
        open_secs: (8 * 3_600 + 30, 19 * 3_600 + 55 * 60),
        menu: MENU,
        regular_cards: 150,
        same_amount_gap_secs: 2_700,
        refunds: 4,
        voids: 2,
        declined: 3,
        fee_bp: FEE_BP,
        refund_returns_fee: false,
    }
}

/// Builds the scenario from `seed`; `clean` leaves every anomaly out.
pub(crate) fn build(seed: u64, clean: bool) -> PerTxnScenario {
    let mut rng = ChaCha8Rng::seed_from_u64(seed.wrapping_add(10));
    let mut bank_rng = ChaCha8Rng::seed_from_u64(seed.wrapping_add(12));
    let mut shop = Shop::simulate(&mut rng, profile(), &[]);
    if !clean {
        plant_twins(&mut shop, &mut rng);
    }
    shop.finish(|_| FEE_BP);
    let short_paid = if clean { None } else { plant(&mut shop) };
    let mut statement = postings(&mut bank_rng, &shop, short_paid);
    if !clean {
        let stray = at(shop.day(4), 11 * 3_600 + 3 * 60 + 9);
        let mut credit = StatementRow::new(stray, CREDIT, 2_735, "", "");
        credit.reference = "FT26281K7Q2B".into();
        credit.marks.push(Mark::status(
            Status::Missing,
            "acquirer credit of 27.35 that pays no sale",
        ));
        statement.push(credit);
    }
    fill_balances(&mut statement, OPENING_BALANCE);
    let exports = if clean {
        vec![statement]
    } else {
        let first_end = shop.day(OVERLAP_LAST);
        let second_start = shop.day(OVERLAP_FIRST);
        let first: Vec<StatementRow> = statement
            .iter()
            .filter(|r| r.time.date() <= first_end)
            .cloned()
            .collect();
        let second = statement
            .into_iter()
            .filter(|r| r.time.date() >= second_start)
            .map(|mut r| {
                if r.time.date() <= first_end {
                    r.marks = vec![Mark::both(
                        Status::Duplicate,
                        RuleId::DuplicateImport,
                        "also in the first export",
                    )];
                }
                r
            })
            .collect();
        vec![first, second]
    };
    PerTxnScenario { shop, exports }
}

/// Two customers paying the same off-menu amount 35 s apart, and the acquirer crediting only one of them:
/// which sale the credit pays — and so which one is unpaid — cannot be told. The credit carries the finding
/// (whichever sale it is paired with); the sales carry none, since either could be the unpaid one.
fn plant_twins(shop: &mut Shop, rng: &mut ChaCha8Rng) {
    let first = at(shop.day(2), 12 * 3_600 + 1_805);
    for secs in [0, 35] {
        let time = first + Duration::seconds(secs);
        let card = shop.wallet.issue(rng);
        shop.wallet.record_use(card, time);
        let mut row = TerminalRow::sale(time, MERCHANT, TERMINAL, card, TWIN_AMOUNT);
        if secs == 0 {
            row.credit_marks.push(Mark::flag(
                RuleId::AmbiguousMatch,
                "two sales of 36.00 35 s apart, one credit of 36.00: either sale could be the unpaid one",
            ));
        } else {
            row.settled = false;
        }
        shop.push(row);
    }
}

/// One sale in the afternoon of day 4 the acquirer never credits, one card number printed in clear, and one
/// sale on day 8 credited 0.50 short (returned: its creation number).
fn plant(shop: &mut Shop) -> Option<u32> {
    let day = shop.day(3);
    let from = at(day, 15 * 3_600);
    let single_use = |i: usize, shop: &Shop| {
        let r = &shop.rows[i];
        r.kind == RowKind::Sale
            && r.settled
            && !r.declined
            && shop.rows.iter().filter(|o| o.card == r.card).count() == 1
    };
    if let Some(i) = (0..shop.rows.len()).find(|i| shop.rows[*i].time >= from && single_use(*i, shop)) {
        shop.rows[i].settled = false;
        shop.rows[i]
            .marks
            .push(Mark::status(Status::Missing, "sale never credited by the acquirer"));
    }
    let from = at(shop.day(7), 10 * 3_600);
    if let Some(i) = (0..shop.rows.len()).find(|i| shop.rows[*i].time >= from && single_use(*i, shop)) {
        shop.rows[i].card_in_clear = true;
    }
    let from = at(shop.day(7), 13 * 3_600);
    let i = (0..shop.rows.len()).find(|i| shop.rows[*i].time >= from && single_use(*i, shop))?;
    shop.rows[i]
        .marks
        .push(Mark::status(Status::MatchedWithDifference, SHORT_NOTE));
    Some(shop.rows[i].seq)
}

/// The acquirer's postings: a credit per paid sale and a debit per refund, seconds to minutes later, and the
/// day's fees debited at 06:xx the next morning; plus the café's rent, cash deposits and a savings transfer.
fn postings(rng: &mut ChaCha8Rng, shop: &Shop, short_paid: Option<u32>) -> Vec<StatementRow> {
    let wording = Wording {
        credit: CREDIT,
        refund: REFUND,
        counterparty: "",
        account: "",
    };
    let mut out = sale_postings(rng, &shop.rows, &wording, short_paid);
    let mut fees = vec![0i64; DAYS as usize + 1];
    for row in shop.rows.iter().filter(|r| r.settled) {
        let d = (row.time.date() - FIRST_DAY).num_days();
        if let Some(f) = usize::try_from(d).ok().and_then(|d| fees.get_mut(d)) {
            *f += row.fee;
        }
    }
    for (d, fee) in fees.iter().enumerate().filter(|(_, f)| **f > 0) {
        let day = FIRST_DAY + Duration::days(d as i64);
        let time = at(day + Duration::days(1), 6 * 3_600 + rng.random_range(0..1_800));
        let mut debit = StatementRow::new(time, &format!("SUMUP CARD FEES {day}"), -fee, "", "");
        debit.reference = format!("FEE{}", day.format("%Y%m%d"));
        out.push(debit);
    }
    let other: [(u32, i64, &str, i64); 5] = [
        (1, 11 * 3_600, "RENT HIGH STREET UNIT 4 OCT", -1_200_000),
        (2, 17 * 3_600 + 1_220, "CASH DEPOSIT", 185_050),
        (5, 17 * 3_600 + 2_710, "CASH DEPOSIT", 142_300),
        (7, 9 * 3_600 + 300, "TRANSFER TO SAVINGS 40221877", -500_000),
        (8, 17 * 3_600 + 960, "CASH DEPOSIT", 201_780),
    ];
    for (d, secs, text, amount) in other {
        let mut row = StatementRow::new(at(shop.day(d), secs), text, amount, "", "");
        row.reference = format!("BK{}{:03}", shop.day(d).format("%m%d"), d * 7 + 100);
        out.push(row);
    }
    out
}

/// How a per-transaction acquirer's postings read on the statement: 摘要 / description of a sale's credit and of
/// a refund's debit, and the counterparty and its account.
pub(crate) struct Wording<'a> {
    pub credit: &'a str,
    pub refund: &'a str,
    pub counterparty: &'a str,
    pub account: &'a str,
}

/// A credit per paid sale and a debit per refund of `rows`, gross, 0–120 s after the row (one in ten up to
/// 20 min); the row whose creation number is `short_paid` credited [`SHORT_FEN`] short.
pub(crate) fn sale_postings(
    rng: &mut ChaCha8Rng,
    rows: &[TerminalRow],
    wording: &Wording,
    short_paid: Option<u32>,
) -> Vec<StatementRow> {
    let mut out = Vec::new();
    for (n, row) in rows.iter().enumerate().filter(|(_, r)| r.settled) {
        let delay = if rng.random_range(0..10) == 0 {
            rng.random_range(121..1_200)
        } else {
            rng.random_range(0..=120)
        };
        let summary = if row.kind == RowKind::Refund {
            wording.refund
        } else {
            wording.credit
        };
        let mut posting = StatementRow::new(
            row.time + Duration::seconds(delay),
            summary,
            row.amount,
            wording.counterparty,
            wording.account,
        );
        if short_paid == Some(row.seq) {
            posting.amount -= SHORT_FEN;
            posting
                .marks
                .push(Mark::status(Status::MatchedWithDifference, SHORT_NOTE));
        }
        posting.marks.extend(row.credit_marks.iter().cloned());
        posting.reference = format!("FT{:05}{:05}", row.time.format("%y%j"), 10_000 + n);
        out.push(posting);
    }
    out
}

/// Sale / Refund / Void.
pub(crate) fn kind_text(kind: RowKind) -> &'static str {
    match kind {
        RowKind::Sale => "Sale",
        RowKind::Refund => "Refund",
        RowKind::Void => "Void",
    }
}
