//! `refund_without_sale` — money given back to a card that never paid.
//!
//! Why it matters: a refund with no sale behind it is money leaving the shop for nothing — the classic way a
//! cashier pays themselves (a "refund" to their own card) or a mistyped amount on the wrong card.
//!
//! Threshold: `rules.refund_lookback_days` (default 90). A refund is flagged (severity high) when no sale is
//! tied to it by reference, its card has no earlier sale at all within the look-back (see
//! `refund_origin`; a card whose sales are all smaller gets `refund_exceeds_sale` instead), and no sale of
//! exactly that amount was paid with another card in that time (that is `refund_other_card`: one finding per
//! refund). Refunds without a card or a tie cannot be judged and are left alone.

use crate::engine::outcome::{Flag, RowId, RuleId};
use crate::engine::wording;

use super::RuleInput;
use super::facts::Facts;
use super::ledger::{Entry, Ledger};

pub fn check(input: &RuleInput) -> Vec<(RowId, Flag)> {
    find(&Facts::new(input))
}

pub(super) fn find(facts: &Facts) -> Vec<(RowId, Flag)> {
    let ledger = &facts.ledger;
    facts
        .refund_checks()
        .iter()
        .filter(|c| c.origin.is_none() && c.look_alike.is_none())
        .map(|c| (c.refund.id(), without_sale(ledger, &c.refund)))
        .collect()
}

fn without_sale(ledger: &Ledger, refund: &Entry) -> Flag {
    let (amount, card, when) = (ledger.amount(refund), ledger.card(refund), ledger.when(refund));
    let days = ledger.input.config.rules.refund_lookback_days;
    wording::flag(
        RuleId::RefundWithoutSale,
        format!(
            "The refund of {amount} to card {card} on {when} has no sale behind it: no sale on that card in the \
             {days} days before, and no sale with its reference."
        ),
        format!(
            "{when} 退到卡 {card} 的退货 {amount} 没有对应的消费：该卡此前 {days} 天内没有消费，也没有相同参考号的消费。"
        ),
        Vec::new(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::config::Config;
    use crate::engine::rules::testkit::{CARD, OTHER_CARD, check_with, flagged_lines, refund, sale};

    #[test]
    fn a_refund_to_a_card_that_never_paid_is_flagged() {
        let rows = [
            sale(60, "2026-10-02 12:00:00", "88.00", OTHER_CARD),
            refund(61, "2026-10-14 15:20:01", "168.80", CARD),
            // The card's last sale is older than the 90-day look-back.
            sale(62, "2026-05-01 12:00:00", "300.00", "622848******5555"),
            refund(63, "2026-10-14 16:00:00", "30.00", "622848******5555"),
        ];
        assert_eq!(flagged_lines(check, &rows, &Config::default()), vec![61, 63]);
        let flags = check_with(check, &rows, &Config::default());
        assert_eq!(
            flags[0].1.reason.en,
            "The refund of ¥168.80 to card 622848******1234 on 2026-10-14 15:20:01 has no sale behind it: no sale on \
             that card in the 90 days before, and no sale with its reference."
        );
    }

    #[test]
    fn a_refund_that_looks_like_another_cards_sale_is_left_to_refund_other_card() {
        let rows = [
            sale(60, "2026-10-02 12:00:00", "88.00", OTHER_CARD),
            refund(61, "2026-10-14 15:20:01", "88.00", CARD),
        ];
        assert!(flagged_lines(check, &rows, &Config::default()).is_empty());
        assert_eq!(
            flagged_lines(super::super::refund_other_card::check, &rows, &Config::default()),
            vec![61]
        );
    }

    #[test]
    fn refunds_of_earlier_sales_are_not_flagged() {
        let mut tied = refund(72, "2026-10-20 10:00:00", "45.00", "");
        tied.reference = Some("300000000001".into());
        let mut original = sale(71, "2026-10-19 10:00:00", "45.00", "");
        original.reference = Some("300000000001".into());
        let rows = [
            sale(70, "2026-10-01 12:00:00", "58.00", CARD),
            refund(73, "2026-10-20 12:00:00", "58.00", CARD), // same card, weeks later
            original,
            tied,                                           // no card, but the reference ties it
            refund(74, "2026-10-21 12:00:00", "12.00", ""), // no card and no tie: cannot be judged
        ];
        assert!(flagged_lines(check, &rows, &Config::default()).is_empty());
    }
}
