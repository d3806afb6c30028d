//! `off_hours` — a sale or refund while the shop is closed.
//!
//! Why it matters: nobody serves customers at 03:12. A payment at that hour is a terminal used outside the
//! shop (taken home, lent out, or not the shop's), or a refund keyed in when no one is watching.
//!
//! Thresholds: `shop.open_from` and `shop.open_to` (no hours configured = the rule is off; overnight hours such
//! as 18:00–02:00 work; equal times = open around the clock) and `rules.off_hours_grace_mins` (default 10: the
//! last customer paying just after closing, or staff testing the terminal before opening, is normal). Each
//! payment outside the hours by more than the grace is flagged (severity medium). Date-only rows are left out.

use chrono::{NaiveTime, Timelike};

use crate::engine::outcome::{Flag, RowId, RuleId};
use crate::engine::wording;

use super::RuleInput;
use super::facts::Facts;
use super::ledger::{DAY, Entry, Ledger};

pub fn check(input: &RuleInput) -> Vec<(RowId, Flag)> {
    find(&Facts::new(input))
}

pub(super) fn find(facts: &Facts) -> Vec<(RowId, Flag)> {
    let ledger = &facts.ledger;
    let config = ledger.input.config;
    let (Some(from), Some(to)) = (config.shop.open_from, config.shop.open_to) else {
        return Vec::new();
    };
    let hours = OpeningHours::new(from, to, config.rules.off_hours_grace_mins * 60);
    ledger
        .rows
        .iter()
        .filter(|e| e.timed && !hours.is_open(e.second_of_day()))
        .map(|e| (e.id(), off_hours(ledger, e, from, to)))
        .collect()
}

/// Opening hours as seconds after opening time, so that overnight hours need no special case.
struct OpeningHours {
    opens: i64,
    /// How long the shop is open (plus grace after closing), in seconds.
    open_for: i64,
    /// Grace before opening, in seconds.
    early: i64,
}

impl OpeningHours {
    fn new(from: NaiveTime, to: NaiveTime, grace: i64) -> OpeningHours {
        let (opens, closes) = (
            i64::from(from.num_seconds_from_midnight()),
            i64::from(to.num_seconds_from_midnight()),
        );
        let length = (closes - opens).rem_euclid(DAY);
        let grace = grace.max(0);
        // Equal times, or hours + grace covering the whole day: always open.
        let open_for = if length == 0 || length + 2 * grace >= DAY {
            DAY
        } else {
            length + grace
        };
        OpeningHours {
            opens,
            open_for,
            early: grace,
        }
    }

    /// `at`: seconds after midnight.
    fn is_open(&self, at: i64) -> bool {
        let since_opening = (at - self.opens).rem_euclid(DAY);
        since_opening < self.open_for || since_opening >= DAY - self.early
    }
}

fn off_hours(ledger: &Ledger, e: &Entry, from: NaiveTime, to: NaiveTime) -> Flag {
    let (amount, when) = (ledger.amount(e), ledger.when(e));
    let hours = format!("{}–{}", from.format("%H:%M"), to.format("%H:%M"));
    wording::flag(
        RuleId::OffHours,
        format!(
            "The {} of {amount} on {when} is outside the opening hours {hours}.",
            ledger.what_en(e)
        ),
        format!("{when} 的{} {amount} 不在营业时间 {hours} 内。", ledger.what_zh(e)),
        Vec::new(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::config::Config;
    use crate::engine::rules::testkit::{check_with, flagged_lines, sale};

    fn open(from: &str, to: &str) -> Config {
        let mut config = Config::default();
        config.shop.open_from = NaiveTime::parse_from_str(from, "%H:%M").ok();
        config.shop.open_to = NaiveTime::parse_from_str(to, "%H:%M").ok();
        config
    }

    fn day_rows() -> Vec<crate::model::Txn> {
        [
            "03:12:44", "07:55:00", "08:00:00", "13:00:00", "21:59:59", "22:08:00", "22:30:00", "01:30:00",
        ]
        .iter()
        .zip(50u32..)
        .map(|(t, line)| sale(line, &format!("2026-10-14 {t}"), "58.00", ""))
        .collect()
    }

    #[test]
    fn sales_at_night_are_flagged_but_not_the_last_customer_after_closing() {
        let config = open("08:00", "22:00");
        assert_eq!(flagged_lines(check, &day_rows(), &config), vec![50, 56, 57]);
        let flags = check_with(check, &day_rows(), &config);
        let (_, at_night) = flags.iter().find(|(row, _)| row.index == 0).expect("03:12 flagged");
        assert_eq!(
            at_night.reason.en,
            "The sale of ¥58.00 on 2026-10-14 03:12:44 is outside the opening hours 08:00–22:00."
        );
        assert_eq!(
            at_night.reason.zh,
            "2026-10-14 03:12:44 的消费 ¥58.00 不在营业时间 08:00–22:00 内。"
        );
    }

    #[test]
    fn overnight_hours_wrap_around_midnight() {
        // A bar open 18:00–02:00: 01:30 is fine, 03:12 and the afternoon are not.
        assert_eq!(
            flagged_lines(check, &day_rows(), &open("18:00", "02:00")),
            vec![50, 51, 52, 53]
        );
    }

    #[test]
    fn date_only_rows_have_no_hour_to_judge() {
        let mut row = sale(60, "2026-10-14 00:00:00", "58.00", "");
        row.date_only = true;
        assert!(flagged_lines(check, &[row], &open("08:00", "22:00")).is_empty());
    }

    #[test]
    fn no_hours_or_round_the_clock_flags_nothing() {
        assert!(flagged_lines(check, &day_rows(), &Config::default()).is_empty());
        assert!(flagged_lines(check, &day_rows(), &open("00:00", "00:00")).is_empty());
    }
}
