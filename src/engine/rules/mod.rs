//! The suspicious-entry rules: findings about terminal rows that reconcile fine but look wrong to a shop owner
//! (a card charged twice, a terminal that is not the shop's, a refund with no sale behind it, a sale at 3 a.m.).
//!
//! One file per rule, each with `pub fn check(input: &RuleInput) -> Vec<(RowId, Flag)>`, its thresholds in
//! [`RuleConfig`](crate::engine::config::RuleConfig) and its tests. [`run`] runs them all over one shared
//! `facts::Facts`: the [`ledger::Ledger`] (the rows that take part, read and grouped by card once) and what
//! several rules need of it (each refund's sale, every terminal and merchant ID), worked out once, so the whole
//! set stays O(n log n): a million terminal rows take well under a second.
//!
//! The batch findings (short/over/late settlement, fee above contract), `ambiguous_match` and `duplicate_*`
//! come from the matching passes, not from here.

mod facts;
mod ledger;
mod newcomers;
mod refund_origin;
#[cfg(test)]
mod testkit;

pub mod card_velocity;
pub mod daily_total_outlier;
pub mod double_charge;
pub mod off_hours;
pub mod refund_exceeds_sale;
pub mod refund_other_card;
pub mod refund_without_sale;
pub mod round_amount_large;
pub mod split_below_limit;
pub mod unknown_merchant;
pub mod unknown_terminal;

use crate::engine::config::Config;
use crate::engine::outcome::{Flag, Report, RowId};
use crate::model::Txn;

use facts::Facts;

/// What the rules look at: both sides as passed to `engine::reconcile`, the report after matching (statuses and
/// batches, so that `duplicate` and `unrelated` rows are left alone) and the configuration.
pub struct RuleInput<'a> {
    pub terminal: &'a [Txn],
    pub bank: &'a [Txn],
    pub report: &'a Report,
    pub config: &'a Config,
}

/// One rule run over the shared facts: the rows it flags.
type Rule = fn(&Facts) -> Vec<(RowId, Flag)>;

/// Every rule.
const RULES: [Rule; 11] = [
    double_charge::find,
    unknown_terminal::find,
    unknown_merchant::find,
    refund_without_sale::find,
    refund_exceeds_sale::find,
    refund_other_card::find,
    card_velocity::find,
    split_below_limit::find,
    round_amount_large::find,
    off_hours::find,
    daily_total_outlier::find,
];

/// Runs every rule. The result is sorted by row, then by rule id: the same input gives the same list.
pub fn run(input: &RuleInput) -> Vec<(RowId, Flag)> {
    let facts = Facts::new(input);
    let mut flags: Vec<(RowId, Flag)> = RULES.iter().flat_map(|rule| rule(&facts)).collect();
    flags.sort_by_key(|(row, flag)| (*row, flag.rule));
    flags
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::testkit::{CARD, OTHER_CARD, refund, sale};
    use super::*;
    use crate::engine::outcome::{RowOutcome, RuleId, Status};

    fn run_over(rows: &[Txn], config: &Config) -> Vec<(RowId, Flag)> {
        let report = Report {
            terminal: vec![RowOutcome::default(); rows.len()],
            ..Report::default()
        };
        run(&RuleInput {
            terminal: rows,
            bank: &[],
            report: &report,
            config,
        })
    }

    fn open_8_to_22() -> Config {
        let mut config = Config::default();
        config.shop.open_from = chrono::NaiveTime::from_hms_opt(8, 0, 0);
        config.shop.open_to = chrono::NaiveTime::from_hms_opt(22, 0, 0);
        config
    }

    #[test]
    fn run_lists_every_rules_flags_by_row_then_rule() {
        let rows = [
            sale(1, "2026-10-05 03:12:00", "5000.00", CARD), // round and at night
            sale(2, "2026-10-05 12:00:00", "58.00", CARD),
            sale(3, "2026-10-05 12:02:00", "58.00", CARD), // double charge
        ];
        let found: Vec<(u32, RuleId)> = run_over(&rows, &open_8_to_22())
            .iter()
            .map(|(r, f)| (r.index, f.rule))
            .collect();
        assert_eq!(
            found,
            vec![
                (0, RuleId::RoundAmountLarge),
                (0, RuleId::OffHours),
                (2, RuleId::DoubleCharge)
            ]
        );
    }

    #[test]
    fn duplicate_and_unrelated_rows_take_no_part() {
        let rows = [
            sale(1, "2026-10-05 12:00:00", "58.00", CARD),
            sale(2, "2026-10-05 12:02:00", "58.00", CARD),
        ];
        let mut report = Report {
            terminal: vec![RowOutcome::default(); 2],
            ..Report::default()
        };
        for status in [Status::Duplicate, Status::Unrelated] {
            report.terminal[1].status = status;
            let config = Config::default();
            assert!(
                run(&RuleInput {
                    terminal: &rows,
                    bank: &[],
                    report: &report,
                    config: &config
                })
                .is_empty()
            );
        }
    }

    /// A small shop's afternoon: a few cards, menu prices, some refunds, minutes apart.
    fn afternoon() -> impl Strategy<Value = Vec<Txn>> {
        let row = (0..4usize, 0..6usize, 0..240u32, any::<bool>());
        prop::collection::vec(row, 1..40).prop_map(|picks| {
            let cards = [CARD, OTHER_CARD, "621700******4321", ""];
            let prices = ["28.00", "58.00", "990.00", "2000.00", "36.50", "985.00"];
            picks
                .iter()
                .zip(10u32..)
                .map(|(&(card, price, minute, is_refund), line)| {
                    let when = format!("2026-10-05 {:02}:{:02}:00", 6 + minute / 60 * 4, minute % 60);
                    let (card, price) = (
                        cards.get(card).copied().unwrap_or(""),
                        prices.get(price).copied().unwrap_or("1"),
                    );
                    if is_refund && line % 3 == 0 {
                        refund(line, &when, price, card)
                    } else {
                        sale(line, &when, price, card)
                    }
                })
                .collect()
        })
    }

    /// The flags as (line, rule, reason, related lines): what a user sees, whatever the order rows came in.
    fn seen(rows: &[Txn], flags: &[(RowId, Flag)]) -> Vec<(u32, RuleId, String, Vec<u32>)> {
        let line = |id: &RowId| rows.get(id.index as usize).map(|t| t.row.line).unwrap_or(0);
        let mut seen: Vec<_> = flags
            .iter()
            .map(|(id, f)| {
                (
                    line(id),
                    f.rule,
                    f.reason.en.to_string(),
                    f.related.iter().map(line).collect(),
                )
            })
            .collect();
        seen.sort();
        seen
    }

    proptest! {
        #[test]
        fn shuffling_the_rows_gives_the_same_findings(rows in afternoon(), seed in any::<u64>()) {
            let config = open_8_to_22();
            let mut shuffled = rows.clone();
            // A cheap deterministic shuffle.
            let n = shuffled.len();
            for i in (1..n).rev() {
                let j = (seed.wrapping_mul(6364136223846793005).wrapping_add(i as u64) % (i as u64 + 1)) as usize;
                shuffled.swap(i, j);
            }
            prop_assert_eq!(seen(&rows, &run_over(&rows, &config)), seen(&shuffled, &run_over(&shuffled, &config)));
        }
    }
}
