//! `refund_exceeds_sale` — a refund larger than what was left of the sale it belongs to.
//!
//! Why it matters: refunding ¥88 for a ¥38 coffee, or refunding the same sale twice, gives away money the
//! customer never paid. It is a favourite of staff fraud and of social-engineering customers.
//!
//! Threshold: `rules.refund_lookback_days` (default 90). The sale is found as `refund_origin` says (same
//! reference, else the best-fitting earlier sale on the same card); earlier refunds of the same sale
//! count against it. When the refund is larger than what was left, it is flagged (severity medium).

use crate::engine::outcome::{Flag, RowId, RuleId};
use crate::engine::wording;

use super::RuleInput;
use super::facts::Facts;
use super::ledger::{Entry, Ledger};
use super::refund_origin::Origin;

pub fn check(input: &RuleInput) -> Vec<(RowId, Flag)> {
    find(&Facts::new(input))
}

pub(super) fn find(facts: &Facts) -> Vec<(RowId, Flag)> {
    let ledger = &facts.ledger;
    facts
        .refund_checks()
        .iter()
        .filter(|c| c.exceeds())
        .filter_map(|c| Some((c.refund.id(), exceeds(ledger, &c.refund, &c.origin?))))
        .collect()
}

fn exceeds(ledger: &Ledger, refund: &Entry, origin: &Origin) -> Flag {
    let sale = &origin.sale;
    let (amount, when) = (ledger.amount(refund), ledger.when(refund));
    let (sale_amount, sale_when, left) = (
        ledger.amount(sale),
        ledger.when(sale),
        ledger.money(sale, origin.left()),
    );
    wording::flag(
        RuleId::RefundExceedsSale,
        format!(
            "The refund of {amount} on {when} is more than was left to refund of its sale ({}): {left} of the \
             {sale_amount} paid on {sale_when}.",
            origin.tie.en()
        ),
        format!(
            "{when} 的退货 {amount} 超过原消费（{}）的可退金额：{sale_when} 的消费 {sale_amount} 只剩 {left} 可退。",
            origin.tie.zh()
        ),
        vec![sale.id()],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::config::Config;
    use crate::engine::rules::testkit::{CARD, OTHER_CARD, check_with, flagged_lines, refund, sale};

    #[test]
    fn a_refund_larger_than_the_sale_or_a_second_full_refund_is_flagged() {
        let rows = [
            sale(80, "2026-10-12 11:02:00", "38.00", CARD),
            refund(81, "2026-10-12 17:00:00", "88.00", CARD),
            sale(82, "2026-10-15 11:00:00", "58.00", OTHER_CARD),
            refund(83, "2026-10-15 12:00:00", "58.00", OTHER_CARD),
            refund(84, "2026-10-16 12:00:00", "58.00", OTHER_CARD),
        ];
        assert_eq!(flagged_lines(check, &rows, &Config::default()), vec![81, 84]);
        let flags = check_with(check, &rows, &Config::default());
        assert_eq!(
            flags[0].1.reason.en,
            "The refund of ¥88.00 on 2026-10-12 17:00:00 is more than was left to refund of its sale (same card): \
             ¥38.00 of the ¥38.00 paid on 2026-10-12 11:02:00."
        );
        assert_eq!(
            flags[1].1.reason.zh,
            "2026-10-16 12:00:00 的退货 ¥58.00 超过原消费（同一张卡）的可退金额：2026-10-15 11:00:00 的消费 ¥58.00 只剩 ¥0.00 可退。"
        );
    }

    #[test]
    fn partial_refunds_within_the_sale_are_not_flagged() {
        let rows = [
            sale(90, "2026-10-12 11:00:00", "38.00", CARD),
            sale(91, "2026-10-12 12:00:00", "120.00", CARD),
            refund(92, "2026-10-12 13:00:00", "20.00", CARD),
            refund(93, "2026-10-13 13:00:00", "18.00", CARD),
            refund(94, "2026-10-14 13:00:00", "100.00", CARD),
        ];
        assert!(flagged_lines(check, &rows, &Config::default()).is_empty());
    }
}
