//! `refund_other_card` — a refund paid to another card than the one the sale was paid with.
//!
//! Why it matters: the customer paid with their card; the money going back to a different card (very often the
//! cashier's own) is the quietest way to take money out of a till.
//!
//! Flagged (severity high) when a refund tied to its sale by reference goes to another card, or when
//! no sale on the refund's own card covers it while a sale of exactly that amount was paid with another card
//! in the `rules.refund_lookback_days` (default 90) before — that sale is named as the likely original.

use crate::engine::outcome::{Flag, RowId, RuleId};
use crate::engine::wording;

use super::RuleInput;
use super::facts::Facts;
use super::ledger::Ledger;
use super::refund_origin::{RefundCheck, Tie, other_card};

pub fn check(input: &RuleInput) -> Vec<(RowId, Flag)> {
    find(&Facts::new(input))
}

pub(super) fn find(facts: &Facts) -> Vec<(RowId, Flag)> {
    let ledger = &facts.ledger;
    facts
        .refund_checks()
        .iter()
        .filter_map(|c| to_other_card(ledger, c))
        .collect()
}

fn to_other_card(ledger: &Ledger, check: &RefundCheck) -> Option<(RowId, Flag)> {
    let refund = &check.refund;
    let (amount, when, card) = (ledger.amount(refund), ledger.when(refund), ledger.card(refund));
    let tied = check.origin.filter(|o| o.tie != Tie::Card);
    let (sale, en, zh) = match (tied, check.look_alike) {
        (Some(origin), _) => {
            let sale = origin.sale;
            let sale_card = other_card(ledger, refund, &sale)?;
            let (sale_amount, sale_when, tie) = (ledger.amount(&sale), ledger.when(&sale), origin.tie);
            let en = format!(
                "The refund of {amount} on {when} went to card {card}, but its sale ({}) of {sale_amount} on \
                 {sale_when} was paid with card {sale_card}.",
                tie.en()
            );
            let zh = format!(
                "{when} 的退货 {amount} 退到卡 {card}，而原消费（{}）{sale_when} 的 {sale_amount} 是用卡 {sale_card} 支付的。",
                tie.zh()
            );
            (sale, en, zh)
        }
        (None, Some(sale)) => {
            let (sale_card, sale_when) = (ledger.card(&sale), ledger.when(&sale));
            let en = format!(
                "The refund of {amount} on {when} went to card {card}, which has no sale to cover it, while a sale \
                 of the same amount on {sale_when} was paid with card {sale_card}."
            );
            let zh = format!(
                "{when} 的退货 {amount} 退到卡 {card}，该卡没有可对应的消费，而 {sale_when} 有一笔相同金额的消费是用卡 \
                 {sale_card} 支付的。"
            );
            (sale, en, zh)
        }
        (None, None) => return None,
    };
    Some((
        refund.id(),
        wording::flag(RuleId::RefundOtherCard, en, zh, vec![sale.id()]),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::config::Config;
    use crate::engine::rules::testkit::{check_with, flagged_lines, refund, sale};

    const CUSTOMER: &str = "622848******1234";
    const CASHIER: &str = "621700******4321";

    #[test]
    fn a_refund_tied_by_reference_to_a_sale_on_another_card_is_flagged() {
        let mut original = sale(100, "2026-10-08 12:00:00", "128.00", CUSTOMER);
        original.reference = Some("310000000042".into());
        let mut back = refund(101, "2026-10-09 09:00:00", "128.00", CASHIER);
        back.reference = Some("310000000042".into());
        let rows = [original, back];
        assert_eq!(flagged_lines(check, &rows, &Config::default()), vec![101]);
        let flags = check_with(check, &rows, &Config::default());
        assert_eq!(
            flags[0].1.reason.en,
            "The refund of ¥128.00 on 2026-10-09 09:00:00 went to card 621700******4321, but its sale (same \
             reference) of ¥128.00 on 2026-10-08 12:00:00 was paid with card 622848******1234."
        );
        assert_eq!(flags[0].1.related, vec![RowId::terminal(0)]);
    }

    #[test]
    fn an_uncovered_refund_matching_a_sale_on_another_card_is_flagged() {
        let rows = [
            sale(110, "2026-10-08 12:00:00", "128.00", CUSTOMER),
            refund(111, "2026-10-08 18:00:00", "128.00", CASHIER),
        ];
        assert_eq!(flagged_lines(check, &rows, &Config::default()), vec![111]);
    }

    #[test]
    fn a_voucher_number_seen_again_after_a_batch_restart_ties_nothing() {
        // Trace numbers restart every batch: yesterday's sale 000012 on another card is not this refund's sale.
        let mut yesterday = sale(130, "2026-10-07 09:00:00", "128.00", CUSTOMER);
        yesterday.voucher = Some("000012".into());
        let mut today = sale(131, "2026-10-08 09:00:00", "128.00", CASHIER);
        today.voucher = Some("000011".into());
        let mut back = refund(132, "2026-10-08 09:30:00", "128.00", CASHIER);
        back.voucher = Some("000012".into());
        assert!(flagged_lines(check, &[yesterday, today, back], &Config::default()).is_empty());
    }

    #[test]
    fn a_refund_to_the_card_that_paid_is_not_flagged() {
        let rows = [
            sale(120, "2026-10-08 12:00:00", "128.00", CUSTOMER),
            sale(121, "2026-10-08 12:30:00", "128.00", CASHIER),
            refund(122, "2026-10-08 18:00:00", "128.00", CUSTOMER),
        ];
        assert!(flagged_lines(check, &rows, &Config::default()).is_empty());
    }
}
