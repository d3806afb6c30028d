//! `split_below_limit` — one purchase split into several card payments, each just below a limit.
//!
//! Why it matters: payments under the no-PIN / no-signature ceiling (小额免密, usually ¥1,000) go through without
//! the cardholder's PIN. A stolen card, or a cashier avoiding a check, shows up as several payments of ¥990 on
//! one card within minutes — each one fine on its own, together well above the limit.
//!
//! Thresholds: `rules.split_limit` (default 1000.00), `rules.split_margin` (default 0.05: "just below" is from
//! 950.00 up to, not including, 1000.00) and `rules.split_secs` (default 600 s between one such payment and the
//! next on the same card). A group of two or more whose sum is above the limit: every payment after the first
//! is flagged (severity medium), pointing at the first. Date-only rows and refunds are left out.

use rust_decimal::Decimal;

use crate::engine::outcome::{Flag, RowId, RuleId};
use crate::engine::wording;
use crate::model::Money;

use super::RuleInput;
use super::facts::Facts;
use super::ledger::{Entry, Ledger, within};

pub fn check(input: &RuleInput) -> Vec<(RowId, Flag)> {
    find(&Facts::new(input))
}

pub(super) fn find(facts: &Facts) -> Vec<(RowId, Flag)> {
    let ledger = &facts.ledger;
    let rules = &ledger.input.config.rules;
    let limit = Money(rules.split_limit).minor_units();
    let floor = Money(rules.split_limit * (Decimal::ONE - rules.split_margin)).minor_units();
    let just_below = |e: &&Entry| e.is_sale() && e.timed && e.minor >= floor && e.minor < limit;
    let mut found = Vec::new();
    let mut group: Vec<Entry> = Vec::new();
    for history in ledger.card_histories() {
        group.clear();
        for e in history.iter().filter(just_below) {
            if group.last().is_some_and(|last| e.secs - last.secs > rules.split_secs) {
                flag_group(ledger, &group, limit, &mut found);
                group.clear();
            }
            group.push(*e);
        }
        flag_group(ledger, &group, limit, &mut found);
    }
    found
}

/// Flags every payment after the first of a group whose sum is above the limit.
fn flag_group(ledger: &Ledger, group: &[Entry], limit: i64, found: &mut Vec<(RowId, Flag)>) {
    let total: i64 = group.iter().map(|e| e.minor).sum();
    let (Some(first), Some(last)) = (group.first(), group.last()) else {
        return;
    };
    if group.len() < 2 || total <= limit {
        return;
    }
    let card = ledger.card(first);
    let (count, limit_text, total_text) = (group.len(), ledger.money(first, limit), ledger.money(first, total));
    let span = within(last.secs - first.secs);
    for (n, e) in group.iter().enumerate().skip(1) {
        let (amount, time) = (ledger.amount(e), wording::time(ledger.txn(e).time));
        let nth = n + 1;
        found.push((
            e.id(),
            wording::flag(
                RuleId::SplitBelowLimit,
                format!(
                    "Card {card} paid {amount} at {time}, payment {nth} of {count} just below the {limit_text} limit \
                     within {} (together {total_text}).",
                    wording::duration_en(span)
                ),
                format!(
                    "卡 {card} 于 {time} 付款 {amount}，是 {}内 {count} 笔略低于 {limit_text} 限额的付款中的第 {nth} 笔\
                     （合计 {total_text}）。",
                    wording::duration_zh(span)
                ),
                vec![first.id()],
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::config::Config;
    use crate::engine::rules::testkit::{CARD, OTHER_CARD, check_with, flagged_lines, sale};

    #[test]
    fn three_payments_of_990_within_minutes_are_flagged_after_the_first() {
        let rows = [
            sale(30, "2026-10-09 16:01:00", "990.00", CARD),
            sale(31, "2026-10-09 16:03:10", "990.00", CARD),
            sale(32, "2026-10-09 16:05:30", "985.00", CARD),
        ];
        assert_eq!(flagged_lines(check, &rows, &Config::default()), vec![31, 32]);
        let flags = check_with(check, &rows, &Config::default());
        assert_eq!(
            flags[1].1.reason.en,
            "Card 622848******1234 paid ¥985.00 at 16:05:30, payment 3 of 3 just below the ¥1,000.00 limit \
             within 5 min (together ¥2,965.00)."
        );
        assert_eq!(flags[1].1.related, vec![RowId::terminal(0)]);
    }

    #[test]
    fn payments_far_apart_on_other_cards_or_not_near_the_limit_are_not_flagged() {
        let rows = [
            sale(30, "2026-10-09 10:00:00", "990.00", CARD),
            sale(31, "2026-10-09 16:00:00", "990.00", CARD), // hours later
            sale(32, "2026-10-09 16:01:00", "990.00", OTHER_CARD), // another card
            sale(33, "2026-10-09 16:02:00", "880.00", CARD), // not just below
            sale(34, "2026-10-09 16:03:00", "1000.00", CARD), // at the limit, not below
        ];
        assert!(flagged_lines(check, &rows, &Config::default()).is_empty());
    }
}
