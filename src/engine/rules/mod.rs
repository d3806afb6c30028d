//! The suspicious-entry rules: findings about terminal rows that reconcile fine but look wrong to a shop owner
//! (a card charged twice, a terminal that is not the shop's, a refund with no sale behind it, a sale at 3 a.m.).
//!
//! One file per rule, each with `pub fn check(input: &RuleInput) -> Vec<(RowId, Flag)>`, its thresholds in
//! [`RuleConfig`](crate::engine::config::RuleConfig) and its tests. [`run`] runs them all over one shared
//! [`ledger::Ledger`] (the rows that take part, read and grouped by card once), so the whole set stays
//! O(n log n): a million terminal rows take well under a second.
//!
//! The batch findings (short/over/late settlement, fee above contract), `ambiguous_match` and `duplicate_*`
//! come from the matching passes, not from here.

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

use ledger::Ledger;

/// What the rules look at: both sides as passed to `engine::reconcile`, the report after matching (statuses and
/// batches, so that `duplicate` and `unrelated` rows are left alone) and the configuration.
pub struct RuleInput<'a> {
    pub terminal: &'a [Txn],
    pub bank: &'a [Txn],
    pub report: &'a Report,
    pub config: &'a Config,
}

/// One rule run over the shared ledger: the rows it flags.
type Rule = fn(&Ledger) -> Vec<(RowId, Flag)>;

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
    let ledger = Ledger::new(input);
    let mut flags: Vec<(RowId, Flag)> = RULES.iter().flat_map(|rule| rule(&ledger)).collect();
    flags.sort_by_key(|(row, flag)| (*row, flag.rule));
    flags
}
