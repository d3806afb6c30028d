//! Scenario tests of a contract with a fixed fee per sale on top of the rate (Stripe's 2.9 % + 0.30, paid T+2):
//! payouts net of such fees are batches with no finding, a fee debit of rate + fixed is matched, a refund gets no
//! fee back, a higher rate on top of the fixed fee is named — and the same files under a rate-only contract are
//! short, so the tests can fail.

use posrecon::engine::{Config, RuleId, Status, reconcile};
use posrecon::model::{Txn, TxnKind};
use rust_decimal::Decimal;

use crate::kit::engine::{bank_row, credit, rules, sale, settlement};
use crate::kit::money;

/// 2.9 % + 0.30 per sale, paid two days after the business day.
fn stripe() -> Config {
    let mut config = Config::default();
    config.settlement.fee_rate = Decimal::new(29, 3);
    config.settlement.fee_fixed = Decimal::new(30, 2);
    config.settlement.delay_days = 2;
    config
}

/// The same contract written down without its fixed part.
fn rate_only() -> Config {
    let mut config = stripe();
    config.settlement.fee_fixed = Decimal::ZERO;
    config
}

/// 5 October: one sale of 1,000.00 (fee 29.00 + 0.30, paid 970.70 on the 7th). 6 October: twenty sales of 12.50
/// (fee 0.3625 + 0.30 → 0.66 each; 20 × 11.84 = 236.80 paid on the 8th).
fn two_days() -> Vec<Txn> {
    let mut terminal = vec![sale(2, "2026-10-05 11:00:00", "1000.00")];
    for k in 0..20u32 {
        terminal.push(sale(
            3 + k,
            &format!("2026-10-06 {:02}:{:02}:00", 9 + k / 4, (k % 4) * 15),
            "12.50",
        ));
    }
    terminal
}

/// Stripe's 24 November (tests/formats/stripe-payments.csv): fees 36.26 + 0.66 + 2.62 = 39.54.
fn three_charges() -> Vec<Txn> {
    vec![
        sale(2, "2026-11-24 13:05:09", "1240.00"),
        sale(3, "2026-11-24 15:30:00", "12.50"),
        sale(4, "2026-11-24 17:45:10", "80.00"),
    ]
}

fn two_payouts(second: &str) -> [Txn; 2] {
    [
        settlement(2, "2026-10-07", "970.70"),
        settlement(3, "2026-10-08", second),
    ]
}

#[test]
fn payouts_net_of_rate_and_fixed_fees_are_batches_with_no_finding() {
    let r = reconcile(&two_days(), &two_payouts("236.80"), &stripe(), &[]);
    assert!(
        r.terminal.iter().all(|o| o.status == Status::InBatch),
        "{:?}",
        r.terminal
    );
    for payout in &r.bank {
        assert_eq!(payout.status, Status::InBatch);
        assert!(payout.flags.is_empty(), "{:?}", payout.flags);
    }
    let busy = &r.batches[1];
    assert_eq!(
        (busy.gross, busy.fees, busy.expected_net),
        (money("250.00"), money("13.20"), money("236.80"))
    );
    // The effective rate stays fee over gross: 13.20 / 250.00 = 5.28 %, well above the 2.9 % rate.
    assert_eq!(busy.effective_fee_rate, Some(Decimal::new(528, 4)));
}

#[test]
fn the_same_payouts_under_the_rate_alone_are_short_by_the_fixed_fees() {
    // The big sale's day passes (0.30 is inside the 0.05 % tolerance of 970.70); the busy day is 20 × 0.30 short.
    let r = reconcile(&two_days(), &two_payouts("236.80"), &rate_only(), &[]);
    assert!(r.bank[0].flags.is_empty(), "{:?}", r.bank[0].flags);
    assert_eq!(rules(&r.bank[1]), [RuleId::ShortSettlement]);
    let reason = &r.bank[1].flags[0].reason;
    assert!(
        reason.en.contains("¥6.00 short") && !reason.en.contains("per sale"),
        "{}",
        reason.en
    );
}

#[test]
fn a_higher_rate_on_top_of_the_fixed_fee_is_named_with_both_parts() {
    // Ten sales of 20.00 charged 3.4 % + 0.30 = 0.98 each instead of 0.88: 190.20 paid instead of 191.20.
    let mut terminal = vec![sale(2, "2026-10-05 11:00:00", "1000.00")];
    for k in 0..10u32 {
        terminal.push(sale(3 + k, &format!("2026-10-06 1{k}:00:00"), "20.00"));
    }
    let r = reconcile(&terminal, &two_payouts("190.20"), &stripe(), &[]);
    assert_eq!(rules(&r.bank[1]), [RuleId::FeeAboveContract]);
    let reason = &r.bank[1].flags[0].reason;
    assert!(
        reason.en.contains("3.40 % + ¥0.30 per sale") && reason.en.contains("contract 2.90 % + ¥0.30 per sale"),
        "{}",
        reason.en
    );
    assert!(reason.en.contains("¥1.00 too much"), "{}", reason.en);
    assert!(reason.zh.contains("合同费率 2.90 % + 每笔 ¥0.30"), "{}", reason.zh);
    // A short payment under this contract names it too.
    let r = reconcile(&terminal, &two_payouts("185.00"), &stripe(), &[]);
    assert_eq!(rules(&r.bank[1]), [RuleId::ShortSettlement]);
    assert!(
        r.bank[1].flags[0]
            .reason
            .en
            .contains("contract 2.90 % + ¥0.30 per sale"),
        "{}",
        r.bank[1].flags[0].reason.en
    );
}

#[test]
fn a_fee_debit_of_rate_and_fixed_fees_is_matched_with_the_days_sales() {
    // Each charge credited gross within a minute, the day's 39.54 of fees taken in one debit the next day.
    let terminal = three_charges();
    let mut fee_debit = bank_row(5, "2026-11-25", "-39.54", "Stripe fees");
    fee_debit.kind = TxnKind::Fee;
    let bank = [
        credit(2, "2026-11-24 13:05:30", "1240.00"),
        credit(3, "2026-11-24 15:30:20", "12.50"),
        credit(4, "2026-11-24 17:45:40", "80.00"),
        fee_debit,
    ];
    let mut config = stripe();
    config.settlement.delay_days = 1;
    let r = reconcile(&terminal, &bank, &config, &[]);
    assert!(
        r.terminal.iter().all(|o| o.status == Status::Matched),
        "{:?}",
        r.terminal
    );
    assert_eq!(r.bank[3].status, Status::Matched, "{:?}", r.bank[3]);
    assert_eq!(r.bank[3].counterparts.len(), 3);
    assert!(r.bank[3].flags.is_empty(), "{:?}", r.bank[3].flags);
    // Without the fixed part the debit is 0.90 above what the sales imply.
    config.settlement.fee_fixed = Decimal::ZERO;
    let r = reconcile(&terminal, &bank, &config, &[]);
    assert_eq!(rules(&r.bank[3]), [RuleId::FeeAboveContract]);
    assert!(
        r.bank[3].flags[0].reason.en.contains("¥0.90 more than the ¥38.64"),
        "{}",
        r.bank[3].flags[0].reason.en
    );
}

#[test]
fn a_refund_under_a_fixed_fee_contract_gets_no_fee_back() {
    // Stripe's 24 November: three charges, 12.50 and 30.00 refunded; Stripe keeps all 39.54 of fees, so the
    // payout is 1,332.50 − 42.50 − 39.54 = 1,250.46.
    let mut terminal = three_charges();
    terminal.extend([
        sale(5, "2026-11-24 18:00:00", "-12.50"),
        sale(6, "2026-11-24 19:00:00", "-30.00"),
    ]);
    let r = reconcile(&terminal, &[settlement(2, "2026-11-26", "1250.46")], &stripe(), &[]);
    assert!(
        r.terminal.iter().all(|o| o.status == Status::InBatch),
        "{:?}",
        r.terminal
    );
    assert!(r.bank[0].flags.is_empty(), "{:?}", r.bank[0].flags);
    assert_eq!(
        (r.batches[0].fees, r.batches[0].expected_net),
        (money("39.54"), money("1250.46"))
    );
}
