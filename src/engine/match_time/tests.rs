//! Tests of `engine::match_time`.
use super::*;
use crate::engine::Config;
use crate::model::{Currency, Money, RowRef, Side, SourceId};
use chrono::NaiveDateTime;

fn row(side: Side, line: u32, at: &str, minor_units: i64, currency: Currency) -> Txn {
    let time = NaiveDateTime::parse_from_str(at, "%Y-%m-%d %H:%M:%S").unwrap_or_default();
    let source = SourceId(if side == Side::Terminal { 0 } else { 1 });
    let mut t = Txn::new(RowRef { source, line }, side, time, Money::from_minor(minor_units));
    t.currency = currency;
    t
}

fn pairs(terminal: &[Txn], bank: &[Txn]) -> Vec<(u32, u32)> {
    let config = Config::default();
    let (t_open, b_open) = (vec![true; terminal.len()], vec![true; bank.len()]);
    let mut found: Vec<(u32, u32)> = pair_by_amount_and_time(terminal, bank, &t_open, &b_open, &config.matching)
        .into_iter()
        .map(|p| (p.terminal, p.bank))
        .collect();
    found.sort_unstable();
    found
}

#[test]
fn the_same_figure_in_another_currency_is_not_a_counterpart() {
    let terminal = [
        row(Side::Terminal, 2, "2026-10-05 10:00:00", 5000, Currency::CNY),
        row(Side::Terminal, 3, "2026-10-05 10:00:10", 5000, Currency::USD),
    ];
    let bank = [
        row(Side::Bank, 2, "2026-10-05 10:00:30", 5000, Currency::USD),
        row(Side::Bank, 3, "2026-10-05 10:01:00", 5000, Currency::EUR),
    ];
    assert_eq!(pairs(&terminal, &bank), vec![(1, 0)]);
}

#[test]
fn amounts_beyond_thirty_two_bits_still_pair_only_when_equal() {
    let big = 30_000_000_000; // 300 million yuan in fen
    let terminal = [
        row(Side::Terminal, 2, "2026-10-05 10:00:00", big, Currency::CNY),
        row(Side::Terminal, 3, "2026-10-05 10:00:00", big + 1, Currency::CNY),
        row(Side::Terminal, 4, "2026-10-05 10:00:00", 1200, Currency::CNY),
    ];
    let bank = [
        row(Side::Bank, 2, "2026-10-05 10:00:40", big + 1, Currency::CNY),
        row(Side::Bank, 3, "2026-10-05 10:00:50", 1200, Currency::CNY),
    ];
    assert_eq!(pairs(&terminal, &bank), vec![(1, 0), (2, 1)]);
}

#[test]
fn sales_in_the_same_second_pair_the_same_way_whatever_the_input_order() {
    let sales = [
        row(Side::Terminal, 7, "2026-10-05 10:00:00", 1800, Currency::CNY),
        row(Side::Terminal, 5, "2026-10-05 10:00:00", 1800, Currency::CNY),
    ];
    let bank = [row(Side::Bank, 2, "2026-10-05 10:00:20", 1800, Currency::CNY)];
    let reversed = [sales[1].clone(), sales[0].clone()];
    let line = |rows: &[Txn], found: Vec<(u32, u32)>| found.first().map(|&(t, _)| rows[t as usize].row.line);
    // One posting for two look-alike sales: the same sale takes it in both input orders.
    let chosen = line(&sales, pairs(&sales, &bank));
    assert!(chosen.is_some());
    assert_eq!(line(&reversed, pairs(&reversed, &bank)), chosen);
}

#[test]
fn interchangeable_pairs_are_counted_and_only_a_choice_that_changes_the_answer_is_flagged() {
    // Two look-alike sales and postings of ¥18.00 and of ¥25.00, interleaved in time and in the files: every
    // row is paid whichever way they pair, so nothing is a finding; the four pairs are interchangeable.
    let terminal = [
        row(Side::Terminal, 2, "2026-10-05 10:00:00", 1800, Currency::CNY),
        row(Side::Terminal, 3, "2026-10-05 10:00:05", 2500, Currency::CNY),
        row(Side::Terminal, 4, "2026-10-05 10:00:10", 1800, Currency::CNY),
        row(Side::Terminal, 5, "2026-10-05 10:00:15", 2500, Currency::CNY),
    ];
    let mut bank = vec![
        row(Side::Bank, 2, "2026-10-05 10:00:40", 2500, Currency::CNY),
        row(Side::Bank, 3, "2026-10-05 10:00:45", 1800, Currency::CNY),
        row(Side::Bank, 4, "2026-10-05 10:00:50", 2500, Currency::CNY),
        row(Side::Bank, 5, "2026-10-05 10:00:55", 1800, Currency::CNY),
    ];
    let report = crate::engine::reconcile(&terminal, &bank, &Config::default(), &[]);
    assert!(report.terminal.iter().chain(&report.bank).all(|o| o.flags.is_empty()));
    assert_eq!(report.summary.interchangeable_pairs, 4);

    // A third ¥18.00 posting: which ¥18.00 posting is left over depends on the choice — the ¥18.00 pairs
    // are flagged and name it; the ¥25.00 pairs stay interchangeable.
    bank.push(row(Side::Bank, 6, "2026-10-05 10:01:00", 1800, Currency::CNY));
    let report = crate::engine::reconcile(&terminal, &bank, &Config::default(), &[]);
    for (rows, outcomes) in [(&terminal[..], &report.terminal), (&bank[..], &report.bank)] {
        for (t, out) in rows.iter().zip(outcomes) {
            let flag = out.flags.iter().find(|f| f.rule == RuleId::AmbiguousMatch);
            if t.amount.minor_units() == 2500 || out.status != Status::Matched {
                assert!(flag.is_none(), "line {}: {flag:?}", t.row.line);
                continue;
            }
            let flag = flag.expect("a ¥18.00 pair is flagged");
            assert!(flag.reason.en.contains("¥18.00"), "{}", flag.reason.en);
            assert!(
                flag.related
                    .iter()
                    .any(|r| report.bank[r.index as usize].status == Status::Missing),
                "names the posting left over: {:?}",
                flag.related
            );
        }
    }
    assert_eq!(report.summary.interchangeable_pairs, 2);
}
