//! `unknown_merchant` — payments booked to a merchant ID that is not the shop's.
//!
//! Why it matters: the merchant ID decides whose account the acquirer pays. A terminal re-registered to another
//! merchant, or a second merchant account slipped into the log, sends the shop's takings elsewhere.
//!
//! Thresholds: `shop.known_merchants` when set; otherwise learned from the data like terminals (see
//! `newcomers`, `rules.unknown_terminal_max_rows`, default 30). Every row with that merchant ID is flagged
//! (severity high).

use crate::engine::outcome::{Flag, RowId, RuleId};

use super::RuleInput;
use super::facts::Facts;
use super::newcomers::{IdKind, flag_unknown};

const MERCHANT: IdKind = IdKind {
    rule: RuleId::UnknownMerchant,
    noun_en: "Merchant ID",
    noun_zh: "商户号",
    known: |input| &input.config.shop.known_merchants,
    seen: |survey| &survey.merchants,
};

pub fn check(input: &RuleInput) -> Vec<(RowId, Flag)> {
    find(&Facts::new(input))
}

pub(super) fn find(facts: &Facts) -> Vec<(RowId, Flag)> {
    flag_unknown(facts.ledger.input, facts.id_survey(), &MERCHANT)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::config::Config;
    use crate::engine::rules::testkit::{check_with, flagged_lines, sale};

    fn rows_of(merchants: &[(u32, &str, &str)]) -> Vec<crate::model::Txn> {
        merchants
            .iter()
            .map(|&(line, day, merchant)| {
                let mut txn = sale(line, &format!("2026-10-{day} 12:00:00"), "30.00", "");
                txn.merchant_id = Some(merchant.into());
                txn
            })
            .collect()
    }

    #[test]
    fn a_merchant_id_not_in_the_list_is_flagged() {
        let rows = rows_of(&[(1, "01", "898310058120345"), (2, "12", "898310058999999")]);
        let mut config = Config::default();
        config.shop.known_merchants = vec!["898310058120345".into()];
        assert_eq!(flagged_lines(check, &rows, &config), vec![2]);
        let flags = check_with(check, &rows, &config);
        assert_eq!(
            flags[0].1.reason.zh,
            "商户号 898310058999999 不在本店清单中（共 1 笔）。"
        );
    }

    #[test]
    fn learned_merchants_flag_only_a_late_rare_one() {
        let rows = rows_of(&[
            (1, "01", "M-SHOP"),
            (2, "05", "M-SHOP"),
            (3, "12", "M-SHOP"),
            (4, "09", "M-ODD"),
        ]);
        assert_eq!(flagged_lines(check, &rows, &Config::default()), vec![4]);
        let shop_only = rows_of(&[(1, "01", "M-SHOP"), (2, "05", "M-SHOP")]);
        assert!(flagged_lines(check, &shop_only, &Config::default()).is_empty());
    }
}
