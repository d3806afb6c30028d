//! Scenario tests of settlement batches: one bank credit a day for many card sales, net of fees — T+1 vs T+3,
//! a 23:00 cut-off, a weekend roll-up, two merchants on one day, a fee column vs the contracted rate, an unpaid
//! sale, short and over settlements, a fee above contract, a refund's fee given back.

use posrecon::engine::{Config, RowId, RuleId, Status, reconcile};
use posrecon::model::{Money, Txn};

use crate::kit::engine::{rules, sale, settlement};
use crate::kit::money;

/// Sales of one day for merchant M1 with the given times and amounts.
fn day(date: &str, first_line: u32, sales: &[(&str, &str)]) -> Vec<Txn> {
    sales
        .iter()
        .enumerate()
        .map(|(k, (time, amount))| sale(first_line + k as u32, &format!("{date} {time}"), amount))
        .collect()
}

/// A typical day: 100.00 + 58.00 + 33.30; fees at 0.6 % per row 0.60 + 0.35 + 0.20 → net 190.15.
fn typical(date: &str, first_line: u32) -> Vec<Txn> {
    day(
        date,
        first_line,
        &[("09:15:00", "100.00"), ("12:40:10", "58.00"), ("18:02:33", "33.30")],
    )
}

#[test]
fn a_day_paid_the_next_day_net_of_fees_at_the_contracted_rate_is_one_batch() {
    let terminal = typical("2026-10-05", 2);
    let bank = [settlement(2, "2026-10-06", "190.15")];
    let r = reconcile(&terminal, &bank, &Config::default(), &[]);
    assert!(
        r.terminal
            .iter()
            .all(|o| o.status == Status::InBatch && o.counterparts == [RowId::bank(0)])
    );
    assert_eq!(r.bank[0].status, Status::InBatch);
    assert_eq!(r.bank[0].counterparts.len(), 3);
    assert!(r.bank[0].flags.is_empty(), "{:?}", r.bank[0].flags);
    let b = &r.batches[0];
    assert_eq!(b.id, "M1-2026-10-05");
    assert_eq!(
        (b.gross, b.fees, b.expected_net, b.difference),
        (money("191.30"), money("1.15"), money("190.15"), Money::ZERO)
    );
    assert_eq!(r.summary.total_fees, money("1.15"));
}

#[test]
fn fees_at_the_contracted_rate_are_rounded_per_row() {
    // 3 × 12.50: 0.075 → 0.08 a row = 0.24 (rounding the batch would give 0.23).
    let terminal = day(
        "2026-10-05",
        2,
        &[("10:00:00", "12.50"), ("11:00:00", "12.50"), ("12:00:00", "12.50")],
    );
    let r = reconcile(
        &terminal,
        &[settlement(2, "2026-10-06", "37.26")],
        &Config::default(),
        &[],
    );
    assert_eq!(r.batches[0].fees, money("0.24"));
    assert!(r.bank[0].flags.is_empty());
}

#[test]
fn the_fee_column_is_used_when_present_and_a_higher_fee_is_flagged() {
    let mut terminal = typical("2026-10-05", 2);
    for t in &mut terminal {
        // The acquirer's log shows 1 % fees.
        t.fee = Some(Money((t.amount.0 * rust_decimal::Decimal::new(1, 2)).round_dp(2)));
    }
    // 191.30 − (1.00 + 0.58 + 0.33) = 189.39: the credit agrees with the fee column…
    let r = reconcile(
        &terminal,
        &[settlement(2, "2026-10-06", "189.39")],
        &Config::default(),
        &[],
    );
    assert!(r.terminal.iter().all(|o| o.status == Status::InBatch));
    assert_eq!(r.batches[0].fees, money("1.91"));
    // …but 1.91 is 0.76 more than the contracted 0.6 % (1.15).
    assert_eq!(rules(&r.bank[0]), [RuleId::FeeAboveContract]);
    let reason = &r.bank[0].flags[0].reason;
    assert!(
        reason.en.contains("0.60 %") && reason.en.contains("¥0.76") && reason.en.contains("2026-10-05"),
        "{}",
        reason.en
    );
    assert!(reason.zh.contains("¥0.76"));
}

#[test]
fn a_credit_short_by_exactly_a_higher_rate_on_every_row_is_a_fee_finding_not_a_short_payment() {
    let mut terminal = typical("2026-10-02", 2);
    terminal.extend(typical("2026-10-05", 10));
    // 10-02 paid normally; 10-05 at 1 %: 191.30 − 1.91 = 189.39.
    let bank = [
        settlement(2, "2026-10-03", "190.15"),
        settlement(3, "2026-10-06", "189.39"),
    ];
    let r = reconcile(&terminal, &bank, &Config::default(), &[]);
    assert!(r.terminal.iter().all(|o| o.status == Status::InBatch));
    assert_eq!(rules(&r.bank[1]), [RuleId::FeeAboveContract]);
    assert!(r.bank[1].flags[0].reason.en.contains("1.00 %"));
}

#[test]
fn t_plus_3_is_on_time_under_a_t_plus_3_contract_and_late_under_t_plus_1() {
    let terminal = typical("2026-10-05", 2);
    let bank = [settlement(2, "2026-10-08", "190.15")];
    let mut t3 = Config::default();
    t3.settlement.delay_days = 3;
    let r = reconcile(&terminal, &bank, &t3, &[]);
    assert_eq!(r.bank[0].status, Status::InBatch);
    assert!(r.bank[0].flags.is_empty());
    let r = reconcile(&terminal, &bank, &Config::default(), &[]);
    assert_eq!(r.bank[0].status, Status::InBatch);
    assert_eq!(rules(&r.bank[0]), [RuleId::LateSettlement]);
    assert!(
        r.bank[0].flags[0].reason.en.contains("2 working day(s)"),
        "{}",
        r.bank[0].flags[0].reason.en
    );
}

#[test]
fn a_sale_after_the_23_00_cutoff_is_settled_with_the_next_day() {
    let terminal = day("2026-10-05", 2, &[("22:00:00", "100.00"), ("23:30:00", "58.00")]);
    let bank = [
        settlement(2, "2026-10-06", "99.40"),
        settlement(3, "2026-10-07", "57.65"),
    ];
    let r = reconcile(&terminal, &bank, &Config::default(), &[]);
    assert_eq!(r.terminal[0].counterparts, [RowId::bank(0)]);
    assert_eq!(r.terminal[1].counterparts, [RowId::bank(1)]);
    let ids: Vec<&str> = r.batches.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(ids, ["M1-2026-10-05", "M1-2026-10-06"]);
    assert!(r.bank.iter().all(|o| o.flags.is_empty()));
}

#[test]
fn friday_to_sunday_paid_on_monday_is_one_batch() {
    let mut terminal = typical("2026-10-09", 2); // Friday
    terminal.extend(day("2026-10-10", 10, &[("11:00:00", "58.00")])); // 57.65
    terminal.extend(day("2026-10-11", 20, &[("15:00:00", "100.00")])); // 99.40
    let bank = [settlement(2, "2026-10-12", "347.20")];
    let r = reconcile(&terminal, &bank, &Config::default(), &[]);
    assert!(
        r.terminal.iter().all(|o| o.status == Status::InBatch),
        "{:?}",
        r.terminal
    );
    assert_eq!(r.batches.len(), 1);
    assert_eq!(r.batches[0].id, "M1-2026-10-09..2026-10-11");
    assert!(r.bank[0].flags.is_empty());
}

#[test]
fn two_merchants_on_one_day_are_two_batches() {
    let mut terminal = typical("2026-10-05", 2);
    let mut other = day("2026-10-05", 10, &[("10:00:00", "500.00")]);
    other[0].merchant_id = Some("M2".into());
    terminal.extend(other);
    let bank = [
        settlement(2, "2026-10-06", "497.00"),
        settlement(3, "2026-10-06", "190.15"),
    ];
    let r = reconcile(&terminal, &bank, &Config::default(), &[]);
    let ids: Vec<&str> = r.batches.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(ids, ["M1-2026-10-05", "M2-2026-10-05"]);
    assert_eq!(r.terminal[3].counterparts, [RowId::bank(0)]);
    assert_eq!(r.terminal[0].counterparts, [RowId::bank(1)]);
}

#[test]
fn a_sale_left_out_of_the_settlement_is_missing_and_the_batch_balances() {
    let mut terminal = typical("2026-10-02", 2);
    terminal.extend(typical("2026-10-05", 10));
    // 10-05 is short by 33.10 = the net of the 33.30 sale (line 12).
    let bank = [
        settlement(2, "2026-10-03", "190.15"),
        settlement(3, "2026-10-06", "157.05"),
    ];
    let r = reconcile(&terminal, &bank, &Config::default(), &[]);
    let statuses: Vec<Status> = r.terminal.iter().map(|o| o.status).collect();
    assert_eq!(statuses[3..], [Status::InBatch, Status::InBatch, Status::Missing]);
    assert!(r.bank[1].flags.is_empty());
    assert_eq!(r.batches[1].difference, Money::ZERO);
    assert_eq!(r.summary.missing_in_bank, 1);
}

#[test]
fn other_shortfalls_and_overpayments_are_flagged_on_the_credit() {
    let mut terminal = typical("2026-10-02", 2);
    terminal.extend(typical("2026-10-05", 10));
    terminal.extend(typical("2026-10-06", 20));
    let bank = [
        settlement(2, "2026-10-03", "190.15"),
        settlement(3, "2026-10-06", "185.15"), // 5.00 short
        settlement(4, "2026-10-07", "195.15"), // 5.00 over
    ];
    let r = reconcile(&terminal, &bank, &Config::default(), &[]);
    assert!(r.terminal.iter().all(|o| o.status == Status::InBatch));
    assert_eq!(rules(&r.bank[1]), [RuleId::ShortSettlement]);
    assert!(
        r.bank[1].flags[0].reason.en.contains("¥5.00 short"),
        "{}",
        r.bank[1].flags[0].reason.en
    );
    assert_eq!(rules(&r.bank[2]), [RuleId::OverSettlement]);
    assert_eq!(r.batches[1].difference, money("-5.00"));
}

#[test]
fn a_day_nobody_paid_is_missing_with_an_unpaid_batch() {
    let mut terminal = typical("2026-10-02", 2);
    terminal.extend(typical("2026-10-05", 10));
    let r = reconcile(
        &terminal,
        &[settlement(2, "2026-10-03", "190.15")],
        &Config::default(),
        &[],
    );
    assert!(
        r.terminal[3..]
            .iter()
            .all(|o| o.status == Status::Missing && o.batch == Some(1))
    );
    assert_eq!(r.batches[1].bank, None);
}

#[test]
fn a_fee_given_back_with_a_refund_lowers_the_days_fees() {
    // The acquirer's log: the typical day at 0.6 % (0.60 + 0.35 + 0.20) and a refund of the 58.00 sale whose
    // fee comes back (-0.35): fees 0.80, net 133.30 − 0.80 = 132.50.
    let mut terminal = typical("2026-10-05", 2);
    terminal.push(sale(5, "2026-10-05 19:30:00", "-58.00"));
    terminal[3].kind = posrecon::model::TxnKind::Refund;
    for (t, fee) in terminal.iter_mut().zip(["0.60", "0.35", "0.20", "-0.35"]) {
        t.fee = Some(money(fee));
    }
    let r = reconcile(
        &terminal,
        &[settlement(2, "2026-10-06", "132.50")],
        &Config::default(),
        &[],
    );
    assert!(
        r.terminal.iter().all(|o| o.status == Status::InBatch),
        "{:?}",
        r.terminal
    );
    let b = &r.batches[0];
    assert_eq!(
        (b.gross, b.fees, b.difference),
        (money("133.30"), money("0.80"), Money::ZERO)
    );
    assert!(r.bank[0].flags.is_empty(), "{:?}", r.bank[0].flags);
    // An acquirer that charges a fee for handling the refund (+0.35) takes 1.50, and pays 131.80.
    terminal[3].fee = Some(money("0.35"));
    let r = reconcile(
        &terminal,
        &[settlement(2, "2026-10-06", "131.80")],
        &Config::default(),
        &[],
    );
    assert!(
        r.terminal.iter().all(|o| o.status == Status::InBatch),
        "{:?}",
        r.terminal
    );
    assert_eq!(
        (r.batches[0].fees, r.batches[0].difference),
        (money("1.50"), Money::ZERO)
    );
}

/// A year of a shop with three terminals and no merchant column, paid one net credit a working day for all
/// three (Friday to Sunday on Monday). Per terminal, several days' totals come close to one whole day's credit:
/// paying per terminal would tie credits to wrong sums. One day is not paid, one is paid ¥46.00 short.
#[test]
fn one_credit_a_day_for_three_terminals_pays_the_whole_shop_for_a_year() {
    use chrono::{Datelike, Duration, NaiveDate};
    let first = NaiveDate::from_ymd_opt(2026, 1, 5).expect("a date");
    let (unpaid_day, short_day) = (first + Duration::days(150), first + Duration::days(203));
    let mut seed: u64 = 0x2026;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as i64
    };
    let mut terminal = Vec::new();
    let mut due: std::collections::BTreeMap<NaiveDate, i64> = std::collections::BTreeMap::new();
    for d in 0..360 {
        let day = first + Duration::days(d);
        let mut net = 0;
        for (k, id) in ["T1", "T2", "T3"].into_iter().enumerate() {
            for s in 0..6 {
                let fen = (500 + next() % 20_000) / 10 * 10;
                let time = format!("{day} {:02}:{:02}:00", 9 + s * 2, 10 * k);
                let mut t = sale(
                    terminal.len() as u32 + 2,
                    &time,
                    &format!("{}.{:02}", fen / 100, fen % 100),
                );
                t.merchant_id = None;
                t.terminal_id = Some(id.into());
                terminal.push(t);
                net += fen - (fen * 6 + 500) / 1000;
            }
        }
        // T+1 on weekdays: Friday, Saturday and Sunday are paid on Monday.
        let mut paid_on = day + Duration::days(1);
        while paid_on.weekday().number_from_monday() > 5 {
            paid_on += Duration::days(1);
        }
        if day != unpaid_day {
            *due.entry(paid_on).or_insert(0) += net;
        }
    }
    let mut bank = Vec::new();
    let mut short_line = 0;
    for (paid_on, mut net) in due {
        if paid_on == short_day + Duration::days(1) {
            net -= 4_600;
            short_line = bank.len() as u32 + 2;
        }
        bank.push(settlement(
            bank.len() as u32 + 2,
            &paid_on.to_string(),
            &format!("{}.{:02}", net / 100, net % 100),
        ));
    }
    let r = reconcile(&terminal, &bank, &Config::default(), &[]);
    for (t, o) in terminal.iter().zip(&r.terminal) {
        let expected = if t.date() == unpaid_day {
            Status::Missing
        } else {
            Status::InBatch
        };
        assert_eq!(o.status, expected, "{} {}", t.time, t.amount);
    }
    for (b, o) in bank.iter().zip(&r.bank) {
        assert_eq!(o.status, Status::InBatch, "{}", b.time);
        let expected: &[RuleId] = if b.row.line == short_line {
            &[RuleId::ShortSettlement]
        } else {
            &[]
        };
        assert_eq!(
            rules(o),
            expected,
            "{} {:?}",
            b.time,
            o.flags.iter().map(|f| &f.reason.en).collect::<Vec<_>>()
        );
    }
    let short = r
        .bank
        .iter()
        .flat_map(|o| &o.flags)
        .find(|f| f.rule == RuleId::ShortSettlement);
    assert!(
        short.is_some_and(|f| f.reason.en.contains("¥46.00 short") && f.reason.en.contains(&short_day.to_string()))
    );
}
