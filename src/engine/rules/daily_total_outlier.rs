//! `daily_total_outlier` — a day whose takings are far above the shop's usual day.
//!
//! Why it matters: a day several times the usual takings is one large sale that does not fit the shop — a card
//! cash-out (套现), a fake sale to launder money, a mistyped amount (¥5,800.00 for ¥58.00). The day's largest
//! sale is the row to look at first, so that is where the flag lands.
//!
//! Thresholds: the total of sales − refunds of each business day (a payment after `settlement.cutoff` belongs to
//! the next day, as in the settlement batches), per currency, compared with the median day by a robust
//! z-score, (total − median) / (1.4826 · MAD), above `rules.outlier_z` (default 5), AND at least
//! `rules.outlier_min_ratio` (default 1.5) times the median, so that a busy Saturday, or a shop whose days are
//! all nearly alike, is not an outlier. Needs `rules.outlier_min_days` (default 7) days with takings. Only days
//! above the usual are flagged (severity low).

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, Timelike};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use crate::engine::outcome::{Flag, RowId, RuleId};
use crate::engine::wording;
use crate::model::Currency;

use super::RuleInput;
use super::facts::Facts;
use super::ledger::{DAY, Entry, Ledger};

/// Scales the median absolute deviation to a standard deviation for normally distributed days.
const MAD_TO_SIGMA: Decimal = dec!(1.4826);

pub fn check(input: &RuleInput) -> Vec<(RowId, Flag)> {
    find(&Facts::new(input))
}

/// One business day's takings and its largest sale.
#[derive(Clone, Copy)]
struct Day {
    total: i64,
    largest: Option<Entry>,
}

impl Day {
    fn add(&mut self, e: &Entry) {
        if e.refund {
            self.total -= e.minor;
            return;
        }
        self.total += e.minor;
        self.consider(*e);
    }

    /// Keeps the largest sale (the earliest of equal ones).
    fn consider(&mut self, sale: Entry) {
        let larger = |l: Entry| (sale.minor, std::cmp::Reverse(sale.order())) > (l.minor, std::cmp::Reverse(l.order()));
        if self.largest.is_none_or(larger) {
            self.largest = Some(sale);
        }
    }
}

/// Adds a run of a day's rows to that day (rows of several currencies can interleave).
fn book(days: &mut HashMap<Currency, BTreeMap<i64, Day>>, currency: Currency, date: i64, run: Day) {
    let day = days.entry(currency).or_default().entry(date).or_insert(Day {
        total: 0,
        largest: None,
    });
    day.total += run.total;
    if let Some(largest) = run.largest {
        day.consider(largest);
    }
}

pub(super) fn find(facts: &Facts) -> Vec<(RowId, Flag)> {
    let ledger = &facts.ledger;
    let config = ledger.input.config;
    let cutoff = i64::from(config.settlement.cutoff.num_seconds_from_midnight());
    let mut days: HashMap<Currency, BTreeMap<i64, Day>> = HashMap::new();
    // Rows come in time order, so a day's rows come one after the other: add them up, then book the day.
    let mut current: Option<(Currency, i64, Day)> = None;
    for e in &ledger.rows {
        let key = (e.currency, business_day(e, cutoff));
        match &mut current {
            Some((currency, date, day)) if (*currency, *date) == key => day.add(e),
            _ => {
                if let Some((currency, date, day)) = current.take() {
                    book(&mut days, currency, date, day);
                }
                let mut day = Day {
                    total: 0,
                    largest: None,
                };
                day.add(e);
                current = Some((key.0, key.1, day));
            }
        }
    }
    if let Some((currency, date, day)) = current {
        book(&mut days, currency, date, day);
    }
    let mut found = Vec::new();
    for by_day in days.values() {
        if by_day.len() < config.rules.outlier_min_days.max(1) {
            continue;
        }
        let totals: Vec<Decimal> = by_day.values().map(|d| Decimal::from(d.total)).collect();
        let Some(median) = median_of(totals.clone()) else {
            continue;
        };
        let Some(mad) = median_of(totals.iter().map(|t| (*t - median).abs()).collect()) else {
            continue;
        };
        if median <= Decimal::ZERO {
            continue;
        }
        for (date, day) in by_day {
            let total = Decimal::from(day.total);
            let far = total - median > config.rules.outlier_z * MAD_TO_SIGMA * mad;
            let large = total >= config.rules.outlier_min_ratio * median && total > median;
            if let (true, true, Some(largest)) = (far, large, day.largest) {
                found.push((
                    largest.id(),
                    outlier(ledger, date_of(*date), day.total, median, &largest),
                ));
            }
        }
    }
    found.sort_by_key(|(row, _)| *row);
    found
}

/// The business day of a payment (days since 1970-01-01): its date, or the next day when it is at or after the
/// cut-off `cutoff` (seconds after midnight; a cut-off at midnight keeps the calendar day).
fn business_day(e: &Entry, cutoff: i64) -> i64 {
    let next = cutoff != 0 && e.timed && e.second_of_day() >= cutoff;
    e.day_number() + i64::from(next)
}

/// Days since 1970-01-01 as a date.
fn date_of(day: i64) -> NaiveDate {
    DateTime::from_timestamp(day.saturating_mul(DAY), 0)
        .map(|t| t.date_naive())
        .unwrap_or_default()
}

fn median_of(mut values: Vec<Decimal>) -> Option<Decimal> {
    values.sort_unstable();
    let mid = values.len() / 2;
    match values.len() {
        0 => None,
        n if n % 2 == 1 => values.get(mid).copied(),
        _ => Some((*values.get(mid - 1)? + *values.get(mid)?) / Decimal::TWO),
    }
}

fn outlier(ledger: &Ledger, date: NaiveDate, total: i64, median: Decimal, largest: &Entry) -> Flag {
    let day = wording::date(date);
    let (total_text, usual) = (
        ledger.money(largest, total),
        ledger.money(largest, median.round().try_into().unwrap_or(0)),
    );
    let times = (Decimal::from(total) / median).round_dp(1);
    let (sale, at) = (ledger.amount(largest), wording::time(ledger.txn(largest).time));
    wording::flag(
        RuleId::DailyTotalOutlier,
        format!(
            "Takings on {day} were {total_text}, {times} times the median day ({usual}); the largest sale that \
             day is {sale} at {at}."
        ),
        format!(
            "{day} 营业额 {total_text}，是日营业额中位数（{usual}）的 {times} 倍；当天最大一笔消费为 {sale}（{at}）。"
        ),
        Vec::new(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::config::Config;
    use crate::engine::rules::testkit::{check_with, flagged_lines, sale};
    use crate::model::Txn;

    /// `days` days of October with sales of 45.00 each; `per_day(day)` sales on each.
    fn days_of_sales(days: u32, per_day: impl Fn(u32) -> u32) -> Vec<Txn> {
        let mut rows = Vec::new();
        for day in 1..=days {
            for n in 0..per_day(day) {
                let line = day * 1000 + n;
                rows.push(sale(
                    line,
                    &format!("2026-10-{day:02} {:02}:{:02}:00", 9 + n / 60, n % 60),
                    "45.00",
                    "",
                ));
            }
        }
        rows
    }

    #[test]
    fn a_day_with_one_huge_sale_is_flagged_on_that_sale() {
        let mut rows = days_of_sales(14, |day| 100 + day % 5);
        rows.push(sale(99_999, "2026-10-09 15:02:11", "20000.00", ""));
        assert_eq!(flagged_lines(check, &rows, &Config::default()), vec![99_999]);
        let flags = check_with(check, &rows, &Config::default());
        assert_eq!(
            flags[0].1.reason.en,
            "Takings on 2026-10-09 were ¥24,680.00, 5.4 times the median day (¥4,590.00); the largest sale that \
             day is ¥20,000.00 at 15:02:11."
        );
    }

    #[test]
    fn busy_weekends_and_short_periods_are_not_outliers() {
        // Saturdays and Sundays (Oct 3–4, 10–11) half as busy again as weekdays.
        let weekends = [3, 4, 10, 11];
        let rows = days_of_sales(14, |day| if weekends.contains(&day) { 140 } else { 95 });
        assert!(flagged_lines(check, &rows, &Config::default()).is_empty());
        // Six days of data are too few to say what a usual day is.
        let mut short = days_of_sales(6, |_| 100);
        short.push(sale(99_999, "2026-10-03 15:02:11", "20000.00", ""));
        assert!(flagged_lines(check, &short, &Config::default()).is_empty());
    }
}
