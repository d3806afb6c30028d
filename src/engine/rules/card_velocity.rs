//! `card_velocity` — many payments on one card in a short time.
//!
//! Why it matters: stolen cards and card testers pay many times in quick succession, hoping to get through
//! before the card is blocked; a cashier may also be running a card through repeatedly. At a small shop's
//! counter even a regular customer pays a few times a day, not six times in half an hour.
//!
//! Thresholds: `rules.velocity_count` (default 5) and `rules.velocity_secs` (default 1800 s): the payment that
//! makes it more than `velocity_count` sales and refunds on the card within `velocity_secs` is flagged, and
//! so is every later one while the count stays above it (severity medium). Date-only rows are left out.

use crate::engine::outcome::{Flag, RowId, RuleId};
use crate::engine::wording;

use super::RuleInput;
use super::facts::Facts;
use super::ledger::{Entry, Ledger, within};

pub fn check(input: &RuleInput) -> Vec<(RowId, Flag)> {
    find(&Facts::new(input))
}

pub(super) fn find(facts: &Facts) -> Vec<(RowId, Flag)> {
    let ledger = &facts.ledger;
    let rules = &ledger.input.config.rules;
    let mut found = Vec::new();
    let mut timed: Vec<Entry> = Vec::new();
    for history in ledger.card_histories() {
        if history.len() <= rules.velocity_count {
            continue;
        }
        timed.clear();
        timed.extend(history.iter().filter(|e| e.timed));
        // A sliding window: `start` is the first payment within `velocity_secs` before the current one.
        let mut start = 0;
        for (k, current) in timed.iter().enumerate() {
            while timed
                .get(start)
                .is_some_and(|e| current.secs - e.secs > rules.velocity_secs)
            {
                start += 1;
            }
            let count = k + 1 - start;
            if count > rules.velocity_count
                && let Some(first) = timed.get(start)
            {
                found.push((current.id(), card_velocity(ledger, first, current, count)));
            }
        }
    }
    found
}

fn card_velocity(ledger: &Ledger, first: &Entry, current: &Entry, count: usize) -> Flag {
    let rules = &ledger.input.config.rules;
    let card = ledger.card(current);
    let within = within(current.secs - first.secs);
    let (t1, t2) = (
        wording::time(ledger.txn(first).time),
        wording::time(ledger.txn(current).time),
    );
    let (limit, window) = (rules.velocity_count, rules.velocity_secs);
    wording::flag(
        RuleId::CardVelocity,
        format!(
            "Card {card} paid {count} times within {} ({t1} to {t2}), more than {limit} in {}.",
            wording::duration_en(within),
            wording::duration_en(window)
        ),
        format!(
            "卡 {card} 在 {}内付款 {count} 次（{t1} 至 {t2}），超过 {}内 {limit} 次。",
            wording::duration_zh(within),
            wording::duration_zh(window)
        ),
        vec![first.id()],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::config::Config;
    use crate::engine::rules::testkit::{CARD, check_with, flagged_lines, sale};

    #[test]
    fn the_sixth_payment_in_half_an_hour_and_later_ones_are_flagged() {
        let rows: Vec<_> = (0..8u32)
            .map(|i| sale(20 + i, &format!("2026-10-05 13:{:02}:00", i * 3), "49.00", CARD))
            .collect();
        assert_eq!(flagged_lines(check, &rows, &Config::default()), vec![25, 26, 27]);
        let flags = check_with(check, &rows, &Config::default());
        assert_eq!(
            flags[0].1.reason.en,
            "Card 622848******1234 paid 6 times within 15 min (13:00:00 to 13:15:00), more than 5 in 30 min."
        );
    }

    #[test]
    fn a_regular_customer_paying_through_the_day_is_not_flagged() {
        let rows: Vec<_> = (0..8u32)
            .map(|i| sale(20 + i, &format!("2026-10-05 {:02}:10:00", 9 + i), "28.00", CARD))
            .collect();
        assert!(flagged_lines(check, &rows, &Config::default()).is_empty());
        // Six payments on six different cards within minutes are a busy counter, not velocity.
        let busy: Vec<_> = (0..6u32)
            .map(|i| {
                sale(
                    40 + i,
                    &format!("2026-10-05 12:0{i}:00"),
                    "28.00",
                    &format!("622848******000{i}"),
                )
            })
            .collect();
        assert!(flagged_lines(check, &busy, &Config::default()).is_empty());
    }
}
