//! `round_amount_large` — a large payment of a suspiciously round amount.
//!
//! Why it matters: a shop's menu produces ¥38.00 and ¥126.50, not ¥5,000.00. Large round sums are what
//! cash-out schemes (套现: a "sale" that is really a loan on a credit card), fake sales and staff refunds to
//! their own card look like.
//!
//! Thresholds: `rules.round_min` (default 2000.00) and `rules.round_unit` (default 100.00): a sale or refund of
//! at least the minimum that is a whole multiple of the unit is flagged (severity low).

use crate::engine::outcome::{Flag, RowId, RuleId};
use crate::engine::wording;
use crate::model::Money;

use super::RuleInput;
use super::facts::Facts;
use super::ledger::{Entry, Ledger};

pub fn check(input: &RuleInput) -> Vec<(RowId, Flag)> {
    find(&Facts::new(input))
}

pub(super) fn find(facts: &Facts) -> Vec<(RowId, Flag)> {
    let ledger = &facts.ledger;
    let rules = &ledger.input.config.rules;
    let (least, unit) = (
        Money(rules.round_min).minor_units(),
        Money(rules.round_unit).minor_units(),
    );
    if unit <= 0 {
        return Vec::new();
    }
    ledger
        .rows
        .iter()
        .filter(|e| e.minor >= least && e.minor % unit == 0)
        .map(|e| (e.id(), round_amount(ledger, e, least, unit)))
        .collect()
}

fn round_amount(ledger: &Ledger, e: &Entry, least: i64, unit: i64) -> Flag {
    let (amount, when) = (ledger.amount(e), ledger.when(e));
    let (least, unit) = (ledger.money(e, least), ledger.money(e, unit));
    wording::flag(
        RuleId::RoundAmountLarge,
        format!(
            "The {} of {amount} on {when} is a large round amount (a multiple of {unit}, {least} or more).",
            ledger.what_en(e)
        ),
        format!(
            "{when} 的{} {amount} 是大额整数金额（{least} 以上且为 {unit} 的整数倍）。",
            ledger.what_zh(e)
        ),
        Vec::new(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::config::Config;
    use crate::engine::rules::testkit::{check_with, flagged_lines, refund, sale};

    #[test]
    fn large_round_sales_and_refunds_are_flagged() {
        let rows = [
            sale(40, "2026-10-12 14:03:00", "5000.00", "622848******1234"),
            refund(41, "2026-10-12 15:00:00", "2000.00", ""),
        ];
        assert_eq!(flagged_lines(check, &rows, &Config::default()), vec![40, 41]);
        let flags = check_with(check, &rows, &Config::default());
        assert_eq!(
            flags[0].1.reason.en,
            "The sale of ¥5,000.00 on 2026-10-12 14:03:00 is a large round amount (a multiple of ¥100.00, \
             ¥2,000.00 or more)."
        );
    }

    #[test]
    fn menu_prices_and_large_uneven_sums_are_not_flagged() {
        let rows = [
            sale(40, "2026-10-12 14:03:00", "300.00", ""),  // round but small
            sale(41, "2026-10-12 14:04:00", "2450.00", ""), // large but not a multiple of 100
            sale(42, "2026-10-12 14:05:00", "3999.90", ""),
        ];
        assert!(flagged_lines(check, &rows, &Config::default()).is_empty());
    }
}
