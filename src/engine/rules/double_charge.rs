//! `double_charge` — the same card charged the same amount twice within a few minutes.
//!
//! Why it matters: a terminal that timed out and a cashier who swiped again, or a customer who paid by card and
//! then by QR code, leave the customer paying twice. Both charges settle, so reconciliation alone finds nothing;
//! the customer will come back for the money (or file a chargeback).
//!
//! Threshold: `rules.double_charge_secs` (default 600 s). The two rows must be two payments, not one payment
//! seen twice (that is `duplicate_in_source`): different references, different vouchers, or different times.
//! A refund of that amount on that card between the two charges means the first was given back: no flag.
//! The later charge is flagged (severity high), pointing at the earlier one.

use crate::engine::outcome::{Flag, RowId, RuleId};
use crate::engine::wording;

use super::RuleInput;
use super::facts::Facts;
use super::ledger::{Entry, Ledger, same_payment, within};

pub fn check(input: &RuleInput) -> Vec<(RowId, Flag)> {
    find(&Facts::new(input))
}

pub(super) fn find(facts: &Facts) -> Vec<(RowId, Flag)> {
    let ledger = &facts.ledger;
    let window = ledger.input.config.rules.double_charge_secs;
    let mut found = Vec::new();
    let mut by_amount: Vec<Entry> = Vec::new();
    for history in ledger.card_histories() {
        if history.len() < 2 {
            continue;
        }
        // The card's rows by amount, then time: a charge's previous row of the same amount is its neighbour.
        by_amount.clear();
        by_amount.extend(history.iter().filter(|e| e.timed));
        by_amount.sort_by_key(|e| (e.minor, e.order()));
        for pair in by_amount.windows(2) {
            let [first, later] = pair else { continue };
            if first.minor != later.minor || first.refund || later.refund || later.secs - first.secs > window {
                continue;
            }
            if same_payment(ledger.txn(first), ledger.txn(later)) {
                continue;
            }
            found.push((later.id(), double_charge(ledger, first, later)));
        }
    }
    found
}

fn double_charge(ledger: &Ledger, first: &Entry, later: &Entry) -> Flag {
    let (card, amount) = (ledger.card(later), ledger.amount(later));
    let within = within(later.secs - first.secs);
    let (t1, t2) = (
        wording::time(ledger.txn(first).time),
        wording::time(ledger.txn(later).time),
    );
    wording::flag(
        RuleId::DoubleCharge,
        format!(
            "Card {card} was charged {amount} twice within {} ({t1} and {t2}).",
            wording::duration_en(within)
        ),
        format!(
            "卡 {card} 在 {}内两次扣款 {amount}（{t1} 和 {t2}）。",
            wording::duration_zh(within)
        ),
        vec![first.id()],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::config::Config;
    use crate::engine::rules::testkit::{CARD, OTHER_CARD, check_with, flagged_lines, refund, sale};

    #[test]
    fn the_later_of_two_equal_charges_minutes_apart_is_flagged() {
        let rows = [
            sale(10, "2026-10-05 13:05:09", "58.00", CARD),
            sale(11, "2026-10-05 13:07:41", "58.00", CARD),
        ];
        let flags = check_with(check, &rows, &Config::default());
        assert_eq!(flags.len(), 1);
        let (row, flag) = &flags[0];
        assert_eq!(row.index, 1);
        assert_eq!(flag.related, vec![RowId::terminal(0)]);
        assert_eq!(
            flag.reason.en,
            "Card 622848******1234 was charged ¥58.00 twice within 3 min (13:05:09 and 13:07:41)."
        );
        assert_eq!(
            flag.reason.zh,
            "卡 622848******1234 在 3 分钟内两次扣款 ¥58.00（13:05:09 和 13:07:41）。"
        );
    }

    #[test]
    fn normal_shopping_is_not_a_double_charge() {
        let rows = [
            // Two coffees of the same price on different cards.
            sale(10, "2026-10-05 09:00:00", "28.00", CARD),
            sale(11, "2026-10-05 09:01:00", "28.00", OTHER_CARD),
            // A regular customer coming back in the afternoon.
            sale(12, "2026-10-05 15:30:00", "28.00", CARD),
            // Same card, different amounts a minute apart.
            sale(13, "2026-10-05 15:31:00", "12.00", CARD),
        ];
        assert!(flagged_lines(check, &rows, &Config::default()).is_empty());
    }

    #[test]
    fn one_payment_seen_twice_or_refunded_in_between_is_not_flagged() {
        let mut copy = [
            sale(10, "2026-10-05 13:05:09", "58.00", CARD),
            sale(11, "2026-10-05 13:06:00", "58.00", CARD),
        ];
        copy[0].reference = Some("123456789012".into());
        copy[1].reference = Some("123456789012".into());
        assert!(flagged_lines(check, &copy, &Config::default()).is_empty());

        let refunded = [
            sale(10, "2026-10-05 13:05:09", "58.00", CARD),
            refund(11, "2026-10-05 13:06:00", "58.00", CARD),
            sale(12, "2026-10-05 13:07:00", "58.00", CARD),
        ];
        assert!(flagged_lines(check, &refunded, &Config::default()).is_empty());
    }

    #[test]
    fn the_window_is_the_configured_one() {
        let rows = [
            sale(10, "2026-10-05 13:00:00", "58.00", CARD),
            sale(11, "2026-10-05 13:11:00", "58.00", CARD),
        ];
        assert!(flagged_lines(check, &rows, &Config::default()).is_empty());
        let mut config = Config::default();
        config.rules.double_charge_secs = 900;
        assert_eq!(flagged_lines(check, &rows, &config), vec![11]);
    }
}
