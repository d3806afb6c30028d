//! Checks of the generator itself, without the importer or the engine: the same seed gives the same bytes,
//! the clean shops really are clean by every rule's default threshold, and the planted faults are
//! unambiguous (an unpaid sale's net is unique in its batch; a short payment is no single row's net).

use std::collections::BTreeMap;

use chrono::{NaiveDate, Timelike};

use super::rows::{RowKind, TerminalRow};
use super::{SampleOptions, daily, generate, per_txn, plant};
use crate::engine::config::{Config, RuleConfig};

fn charges(rows: &[TerminalRow]) -> Vec<&TerminalRow> {
    rows.iter()
        .filter(|r| r.kind == RowKind::Sale && !r.declined && r.settled)
        .collect()
}

/// (card, amount) pairs charged twice within the double-charge window, and cards over the velocity limit.
fn card_findings(rows: &[TerminalRow], rules: &RuleConfig) -> (usize, usize) {
    let mut by_card: BTreeMap<usize, Vec<&TerminalRow>> = BTreeMap::new();
    for row in rows.iter().filter(|r| !r.declined && r.kind != RowKind::Void) {
        by_card.entry(row.card).or_default().push(row);
    }
    let (mut doubles, mut fast) = (0, 0);
    for uses in by_card.values_mut() {
        uses.sort_by_key(|r| r.time);
        for (i, a) in uses.iter().enumerate() {
            let window = uses[i..]
                .iter()
                .take_while(|b| (b.time - a.time).num_seconds() <= rules.velocity_secs);
            if window.count() > rules.velocity_count {
                fast += 1;
            }
            for b in &uses[i + 1..] {
                if b.amount == a.amount && (b.time - a.time).num_seconds() <= rules.double_charge_secs {
                    doubles += 1;
                }
            }
        }
    }
    (doubles, fast)
}

/// The most unusual day by the outlier rule's two tests: its robust z-score ((x − median) / (1.4826·MAD)) and
/// its ratio to the median day, for the day where both are largest.
fn max_daily_z(rows: &[TerminalRow]) -> (f64, f64) {
    let mut per_day: BTreeMap<NaiveDate, i64> = BTreeMap::new();
    for r in charges(rows) {
        *per_day.entry(r.time.date()).or_insert(0) += r.amount;
    }
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        let n = v.len();
        if n % 2 == 1 {
            v[n / 2]
        } else {
            (v[n / 2 - 1] + v[n / 2]) / 2.0
        }
    };
    let totals: Vec<f64> = per_day.values().map(|t| *t as f64).collect();
    let m = median(totals.clone());
    let mad = median(totals.iter().map(|t| (t - m).abs()).collect());
    let z = totals.iter().map(|t| (t - m) / (1.4826 * mad)).fold(0.0, f64::max);
    let ratio = totals.iter().map(|t| t / m).fold(0.0, f64::max);
    (z, ratio)
}

pub(super) fn assert_clean_shop(rows: &[TerminalRow], open: (u32, u32)) {
    let rules = Config::default().rules;
    assert_eq!(
        card_findings(rows, &rules),
        (0, 0),
        "double charges / velocity in clean data"
    );
    for r in rows.iter().filter(|r| !r.declined) {
        let t = r.time.num_seconds_from_midnight();
        assert!(t >= open.0 && t <= open.1, "row at {} outside opening hours", r.time);
        assert!(
            r.amount.abs() < 95_000,
            "amount {} near the split limit or round-large",
            r.amount
        );
        assert!(r.marks.is_empty() && !r.card_in_clear);
    }
    // The rule needs both a z-score above 5 and 1.5 times the median day; stay well below either.
    let (z, ratio) = max_daily_z(rows);
    assert!(
        z < 4.0 || ratio < 1.25,
        "a clean day already looks like an outlier (z = {z:.2}, {ratio:.2}× median)"
    );
}

#[test]
fn the_same_seed_gives_the_same_bytes_and_another_seed_does_not() {
    let a = generate(&SampleOptions::default()).expect("generates");
    let b = generate(&SampleOptions::default()).expect("generates");
    assert_eq!(a.files, b.files);
    let c = generate(&SampleOptions { seed: 7, clean: false }).expect("generates");
    assert_ne!(a.files[0].bytes, c.files[0].bytes);
    let total: usize = a.files.iter().map(|f| f.bytes.len()).sum();
    assert!(total < 2_000_000, "sample data is {total} bytes");
}

#[test]
fn the_clean_shops_break_no_rule_and_every_credit_pays_its_days_exactly() {
    for seed in [42, 1, 2024] {
        let shop = daily::build(seed, true);
        assert_clean_shop(&shop.shop.rows, (8 * 3_600, 22 * 3_600));
        let paid: i64 = shop.shop.rows.iter().map(TerminalRow::payout).sum();
        let credited: i64 = shop
            .statement
            .iter()
            .filter(|r| r.summary == super::settle::SETTLEMENT_SUMMARY)
            .map(|r| r.amount)
            .sum();
        assert_eq!(paid, credited, "seed {seed}");
        assert!(shop.statement.iter().all(|r| r.marks.is_empty()));
        let cafe = per_txn::build(seed, true);
        assert_clean_shop(&cafe.shop.rows, (8 * 3_600, 20 * 3_600));
        assert_eq!(cafe.exports.len(), 1);
        let sales = charges(&cafe.shop.rows);
        for (i, a) in sales.iter().enumerate() {
            for b in &sales[i + 1..] {
                if a.amount == b.amount {
                    assert!(
                        (b.time - a.time).num_seconds().abs() >= 2_700,
                        "equal amounts close together"
                    );
                }
            }
        }
    }
}

#[test]
fn the_planted_faults_are_unambiguous() {
    let shop = daily::build(42, false);
    let unpaid: Vec<&TerminalRow> = shop
        .shop
        .rows
        .iter()
        .filter(|r| r.amount == plant::UNPAID_SALE)
        .collect();
    assert_eq!(unpaid.len(), 1);
    let day = unpaid[0].time.date();
    let net = unpaid[0].net();
    let same_net = shop
        .shop
        .rows
        .iter()
        .filter(|r| r.time.date() == day && r.net() == net)
        .count();
    assert_eq!(same_net, 1, "another row of {day} has the unpaid sale's net");
    let anomalies = generate(&SampleOptions::default()).expect("generates").truth.anomalies;
    for status in crate::engine::Status::ALL
        .into_iter()
        .filter(|s| s.id() != "in_batch" && s.id() != "matched")
    {
        assert!(
            anomalies.iter().any(|a| a.status.as_deref() == Some(status.id())),
            "no {} planted",
            status.id()
        );
    }
    for rule in crate::engine::RuleId::ALL {
        assert!(
            anomalies.iter().any(|a| a.flag.as_deref() == Some(rule.id())),
            "no {} planted",
            rule.id()
        );
    }
}
