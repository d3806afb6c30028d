//! The anomalies planted in the daily-settlement shop's terminal log, each on a day of its own and each
//! leaving a [`Mark`] on the row where docs/FINDINGS.md says the engine must report it. Every planted payment
//! uses a card nobody else uses, so it cannot disturb (or be disturbed by) normal shopping.

use chrono::{NaiveDate, NaiveDateTime};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::rows::{Mark, RowKind, StatementRow, TerminalRow, yuan};
use super::settle::at;
use super::shop::Shop;
use crate::engine::{RuleId, Status};

/// A terminal ID the shop does not own, appearing on day 20.
pub(crate) const STRANGE_TERMINAL: &str = "10293849";
/// A merchant ID the shop does not own.
pub(crate) const STRANGE_MERCHANT: &str = "898310058129999";

/// Amount (fen) of the sale the acquirer never pays: off the menu, so no other row of its day has its net.
pub(crate) const UNPAID_SALE: i64 = 31_260;

/// The day (0-based offset) with far more takings than any other — and the large round and split payments,
/// so that they do not make another day look unusual — and how many sales it gets on top of a normal day.
pub(crate) const OUTLIER_DAY: u32 = 26;
pub(crate) const OUTLIER_EXTRA_SALES: u32 = 180;

/// Plants the anomalies that are payments of their own, before the log gets its final order.
pub(crate) fn plant_payments(shop: &mut Shop, rng: &mut ChaCha8Rng) {
    let merchant = shop.profile.merchant;
    let (t1, t2) = match shop.profile.terminals {
        [(a, _), (b, _), ..] => (*a, *b),
        _ => ("10293847", "10293848"),
    };
    // `dN` is the N-th day of the month (offset N − 1).
    let day = |n: u32| shop.day(n);
    let (d3, d5, d10, d12, d14, d16, d17, d18, d19, d20, d21, d27) = (
        day(2),
        day(4),
        day(9),
        day(11),
        day(13),
        day(15),
        day(16),
        day(17),
        day(18),
        day(19),
        day(20),
        day(OUTLIER_DAY),
    );

    let unpaid = fresh_sale(shop, rng, at(d3, 19 * 3_600 + 1_234), merchant, t1, UNPAID_SALE);
    shop.rows[unpaid].settled = false;
    shop.rows[unpaid].marks.push(Mark::status(
        Status::Missing,
        "sale never settled: the day's credit lacks exactly its net",
    ));

    let first = fresh_sale(shop, rng, at(d5, 12 * 3_600 + 1_805), merchant, t2, 6_800);
    let card = shop.rows[first].card;
    let second = card_sale(shop, at(d5, 12 * 3_600 + 1_900), merchant, t2, card, 6_800);
    shop.rows[second].marks.push(Mark::flag(
        RuleId::DoubleCharge,
        "same card charged 68.00 again 95 s later",
    ));

    let refund = fresh_sale(shop, rng, at(d10, 15 * 3_600 + 722), merchant, t1, -16_880);
    as_refund(
        shop,
        refund,
        RuleId::RefundWithoutSale,
        "refund of 168.80 to a card that never bought anything",
    );

    let sale = fresh_sale(shop, rng, at(d12, 11 * 3_600 + 1_210), merchant, t2, 8_800);
    let card = shop.rows[sale].card;
    let refund = card_sale(shop, at(d14, 15 * 3_600 + 2_430), merchant, t2, card, -12_650);
    as_refund(
        shop,
        refund,
        RuleId::RefundExceedsSale,
        "refund of 126.50 for a sale of 88.00 on the same card",
    );

    fresh_sale(shop, rng, at(d16, 12 * 3_600 + 615), merchant, t1, 23_650);
    let refund = fresh_sale(shop, rng, at(d17, 10 * 3_600 + 1_822), merchant, t1, -23_650);
    as_refund(
        shop,
        refund,
        RuleId::RefundOtherCard,
        "refund of the 236.50 sale of the day before, to another card",
    );

    let first = fresh_sale(shop, rng, at(d18, 14 * 3_600 + 41), merchant, t1, 1_200);
    let card = shop.rows[first].card;
    for (k, amount) in [3_500, 1_680, 5_800, 2_200, 4_500, 2_800].into_iter().enumerate() {
        let time = at(d18, 14 * 3_600 + 41 + 240 * (k as i64 + 1));
        let terminal = if k % 2 == 0 { t2 } else { t1 };
        let row = card_sale(shop, time, merchant, terminal, card, amount);
        if k >= 4 {
            shop.rows[row].marks.push(Mark::flag(
                RuleId::CardVelocity,
                "7 payments on one card within 24 minutes",
            ));
        }
    }

    let night = fresh_sale(shop, rng, at(d19, 3 * 3_600 + 12 * 60 + 44), merchant, t1, 4_500);
    shop.rows[night]
        .marks
        .push(Mark::flag(RuleId::OffHours, "sale at 03:12, the shop opens at 08:00"));

    for k in 0..6 {
        let time = at(d20, 10 * 3_600 + k * 3_600 + rng.random_range(0..1_800));
        let amount = [2_800, 1_500, 6_800, 3_200, 1_990, 4_800][k as usize % 6];
        let row = fresh_sale(shop, rng, time, merchant, STRANGE_TERMINAL, amount);
        shop.rows[row].marks.push(Mark::flag(
            RuleId::UnknownTerminal,
            "terminal 10293849 first seen on day 20",
        ));
    }

    for (k, amount) in [15_800, 9_900, 26_800].into_iter().enumerate() {
        let time = at(d21, 13 * 3_600 + k as i64 * 2_700 + rng.random_range(0..600));
        let row = fresh_sale(shop, rng, time, STRANGE_MERCHANT, t2, amount);
        shop.rows[row].settled = false;
        let note = "merchant 898310058129999 is not the shop's; paid to another account";
        shop.rows[row]
            .marks
            .push(Mark::both(Status::Missing, RuleId::UnknownMerchant, note));
    }

    let round = fresh_sale(shop, rng, at(d27, 11 * 3_600 + 1_800 + 17), merchant, t1, 500_000);
    shop.rows[round]
        .marks
        .push(Mark::flag(RuleId::RoundAmountLarge, "round 5,000.00"));
    shop.rows[round].marks.push(Mark::flag(
        RuleId::DailyTotalOutlier,
        "largest sale of a day with several times the usual takings",
    ));
    let first = fresh_sale(shop, rng, at(d27, 16 * 3_600 + 125), merchant, t2, 99_000);
    let card = shop.rows[first].card;
    for (k, amount) in [98_550, 99_600].into_iter().enumerate() {
        let row = card_sale(
            shop,
            at(d27, 16 * 3_600 + 125 + 118 * (k as i64 + 1)),
            merchant,
            t2,
            card,
            amount,
        );
        shop.rows[row].marks.push(Mark::flag(
            RuleId::SplitBelowLimit,
            "three payments just below 1,000.00 within 4 minutes",
        ));
    }
}

/// Plants what needs the log in its final order: a row exported twice, the marks on a declined attempt
/// and a voided sale, and two card numbers printed in clear.
pub(crate) fn plant_in_log(shop: &mut Shop) {
    let days = |a: u32| shop.day(a);
    let (d2, d7, d22) = (days(1), days(6), days(21));
    if let Some(i) = plain_sale_on(shop, d7, 15) {
        let mut copy = shop.rows[i].clone();
        copy.settled = false;
        copy.marks = vec![Mark::both(
            Status::Duplicate,
            RuleId::DuplicateInSource,
            "the row above exported twice",
        )];
        shop.rows.insert(i + 1, copy);
    }
    if let Some(row) = shop.rows.iter_mut().find(|r| r.declined && r.time.date() > d2) {
        row.marks.push(Mark::status(Status::Unrelated, "declined attempt"));
    }
    let void = shop
        .rows
        .iter()
        .position(|r| r.kind == RowKind::Void && r.time.date() > d2);
    if let Some(v) = void {
        let (card, amount, time) = (shop.rows[v].card, shop.rows[v].amount, shop.rows[v].time);
        shop.rows[v].marks.push(Mark::status(
            Status::Unrelated,
            "void (撤销) of the sale minutes before",
        ));
        let sale = shop.rows.iter_mut().rev().find(|r| {
            r.kind == RowKind::Sale
                && !r.settled
                && !r.declined
                && r.card == card
                && r.amount == amount
                && r.time < time
        });
        if let Some(sale) = sale {
            sale.marks
                .push(Mark::status(Status::Unrelated, "sale voided minutes later"));
        }
    }
    for (day, hour) in [(d2, 14), (d22, 17)] {
        if let Some(i) = plain_sale_on(shop, day, hour) {
            shop.rows[i].card_in_clear = true;
        }
    }
}

/// The first approved, unmarked, settled sale on `day` from `hour` on whose card appears nowhere else.
fn plain_sale_on(shop: &Shop, day: NaiveDate, hour: u32) -> Option<usize> {
    let from = at(day, i64::from(hour) * 3_600);
    shop.rows.iter().position(|r| {
        r.time >= from
            && r.time.date() == day
            && r.kind == RowKind::Sale
            && r.settled
            && !r.declined
            && r.marks.is_empty()
            && shop.rows.iter().filter(|o| o.card == r.card).count() == 1
    })
}

/// A sale on a card nobody else uses; returns its index.
fn fresh_sale(
    shop: &mut Shop,
    rng: &mut ChaCha8Rng,
    time: NaiveDateTime,
    merchant: &str,
    terminal: &str,
    amount: i64,
) -> usize {
    let card = shop.wallet.issue(rng);
    card_sale(shop, time, merchant, terminal, card, amount)
}

fn card_sale(shop: &mut Shop, time: NaiveDateTime, merchant: &str, terminal: &str, card: usize, amount: i64) -> usize {
    shop.wallet.record_use(card, time);
    shop.push(TerminalRow::sale(time, merchant, terminal, card, amount))
}

fn as_refund(shop: &mut Shop, i: usize, rule: RuleId, note: &str) {
    shop.rows[i].kind = RowKind::Refund;
    shop.rows[i].marks.push(Mark::flag(rule, note));
}

/// A row cut out of the bank statement after its balances were written (a missing page): the first cash deposit
/// of the second half of the month goes, and the row after it shows the balance jump (`balance_gap`).
pub(crate) fn cut_statement_row(statement: &mut Vec<StatementRow>) {
    let from = statement.len() / 2;
    let Some(cut) = (from..statement.len().saturating_sub(1)).find(|&i| statement[i].summary == "现金存入") else {
        return;
    };
    let removed = statement.remove(cut);
    if let Some(next) = statement.get_mut(cut) {
        let note = format!(
            "the cash deposit of {} before this row was cut out of the statement",
            yuan(removed.amount, false)
        );
        next.marks.push(Mark::flag(RuleId::BalanceGap, &note));
    }
}
