//! Scenario tests of the one-to-one passes, triage, duplicates and manual decisions: small shops built by hand,
//! checked for the status and flags a shop owner would see.

use posrecon::engine::{Config, Decision, MatchRule, RowId, RuleId, Status, reconcile};
use posrecon::model::{SourceId, TxnKind, TxnStatus};

use crate::kit::engine::{bank_row, credit, sale, settlement};

fn statuses(outcomes: &[posrecon::engine::RowOutcome]) -> Vec<Status> {
    outcomes.iter().map(|o| o.status).collect()
}

fn has_flag(o: &posrecon::engine::RowOutcome, rule: RuleId) -> bool {
    o.flags.iter().any(|f| f.rule == rule)
}

#[test]
fn a_sale_pairs_with_the_posting_inside_its_window_only() {
    let terminal = [
        sale(2, "2026-10-05 10:00:00", "58.00"),
        sale(3, "2026-10-05 11:00:00", "58.00"),
    ];
    // 90 s after the first sale: inside; 3 min before the second: outside the −2 min window.
    let bank = [
        credit(2, "2026-10-05 10:01:30", "58.00"),
        credit(3, "2026-10-05 10:57:00", "58.00"),
    ];
    let r = reconcile(&terminal, &bank, &Config::default(), &[]);
    assert_eq!(statuses(&r.terminal), [Status::Matched, Status::Missing]);
    assert_eq!(statuses(&r.bank), [Status::Matched, Status::Missing]);
    assert_eq!(r.terminal[0].counterparts, [RowId::bank(0)]);
    assert_eq!(r.terminal[0].match_rule, Some(MatchRule::AmountTime));
    assert_eq!((r.summary.missing_in_bank, r.summary.missing_in_terminal), (1, 1));
}

#[test]
fn the_same_reference_pairs_only_with_the_same_amount() {
    let mut a = sale(2, "2026-10-05 10:00:00", "58.00");
    let mut b = sale(3, "2026-10-05 12:00:00", "20.00");
    a.reference = Some("RRN1".into());
    b.reference = Some("RRN2".into());
    // Hours later (outside any window), same reference and amount: matched by reference.
    let mut c1 = credit(2, "2026-10-05 18:00:00", "58.00");
    c1.reference = Some("RRN1".into());
    // Same reference, other amount: not a match; the near pass may not take it either (outside the window).
    let mut c2 = credit(3, "2026-10-05 18:00:00", "19.00");
    c2.reference = Some("RRN2".into());
    let r = reconcile(&[a, b], &[c1, c2], &Config::default(), &[]);
    assert_eq!(r.terminal[0].status, Status::Matched);
    assert_eq!(r.terminal[0].match_rule, Some(MatchRule::Reference));
    assert_eq!(r.terminal[1].status, Status::Missing);
    assert_eq!(r.bank[1].status, Status::Missing);
}

#[test]
fn identical_amounts_seconds_apart_are_interchangeable_when_both_are_paid_and_ambiguous_when_one_is_not() {
    let terminal = [
        sale(2, "2026-10-05 10:00:00", "18.00"),
        sale(3, "2026-10-05 10:00:20", "18.00"),
    ];
    let bank = [
        credit(2, "2026-10-05 10:01:00", "18.00"),
        credit(3, "2026-10-05 10:01:05", "18.00"),
    ];
    // Both sales are paid whichever credit pays which: counted, not a finding.
    let r = reconcile(&terminal, &bank, &Config::default(), &[]);
    assert!(r.terminal.iter().chain(&r.bank).all(|o| o.status == Status::Matched));
    assert!(r.terminal.iter().chain(&r.bank).all(|o| o.flags.is_empty()));
    assert_eq!(r.summary.interchangeable_pairs, 2);
    // One credit for the two sales: which sale is unpaid depends on the choice — flagged, naming the other.
    let r = reconcile(&terminal, &bank[..1], &Config::default(), &[]);
    assert!(has_flag(&r.bank[0], RuleId::AmbiguousMatch));
    let paid = r
        .terminal
        .iter()
        .position(|o| o.status == Status::Matched)
        .expect("one sale is paired");
    let unpaid = 1 - paid;
    assert_eq!(r.terminal[unpaid].status, Status::Missing);
    assert!(has_flag(&r.terminal[paid], RuleId::AmbiguousMatch));
    let flag = r.bank[0]
        .flags
        .iter()
        .find(|f| f.rule == RuleId::AmbiguousMatch)
        .expect("flagged");
    assert!(flag.related.contains(&RowId::terminal(unpaid)), "{:?}", flag.related);
    assert_eq!(r.summary.flags.get("ambiguous_match"), Some(&2));
    // Far apart: no doubt, no flag.
    let terminal = [
        sale(2, "2026-10-05 10:00:00", "18.00"),
        sale(3, "2026-10-05 14:00:00", "18.00"),
    ];
    let bank = [
        credit(2, "2026-10-05 10:01:00", "18.00"),
        credit(3, "2026-10-05 14:01:05", "18.00"),
    ];
    let r = reconcile(&terminal, &bank, &Config::default(), &[]);
    assert!(r.terminal.iter().chain(&r.bank).all(|o| o.flags.is_empty()));
}

#[test]
fn a_date_only_statement_pairs_by_date_within_the_allowed_days() {
    let terminal = [
        sale(2, "2026-10-05 10:00:00", "58.00"),
        sale(3, "2026-10-05 11:00:00", "77.00"),
    ];
    let bank = [
        settlement(2, "2026-10-07", "58.00"),
        settlement(3, "2026-10-12", "77.00"),
    ];
    let r = reconcile(&terminal, &bank, &Config::default(), &[]);
    assert_eq!(statuses(&r.terminal), [Status::Matched, Status::Missing]);
}

#[test]
fn a_small_difference_inside_the_window_is_matched_with_difference() {
    let terminal = [sale(2, "2026-10-05 10:00:00", "58.00")];
    let bank = [credit(2, "2026-10-05 10:02:00", "57.50")];
    let r = reconcile(&terminal, &bank, &Config::default(), &[]);
    assert_eq!(r.terminal[0].status, Status::MatchedWithDifference);
    assert_eq!(r.bank[0].counterparts, [RowId::terminal(0)]);
    assert_eq!(r.terminal[0].match_rule, Some(MatchRule::NearAmount));
    let far = [credit(2, "2026-10-05 10:02:00", "56.50")];
    let r = reconcile(&terminal, &far, &Config::default(), &[]);
    assert_eq!(r.terminal[0].status, Status::Missing);
}

#[test]
fn declined_rows_and_a_void_with_its_sale_take_no_part() {
    let mut declined = sale(2, "2026-10-05 09:00:00", "30.00");
    declined.status = TxnStatus::Declined;
    let mut voided = sale(3, "2026-10-05 10:00:00", "58.00");
    voided.card_masked = Some("622848******1234".into());
    let mut void = sale(4, "2026-10-05 10:03:00", "58.00");
    void.kind = TxnKind::Void;
    void.card_masked = Some("622848******1234".into());
    // Same amount, other card: a real sale that stays unpaid.
    let mut other = sale(5, "2026-10-05 09:30:00", "58.00");
    other.card_masked = Some("622848******9999".into());
    let r = reconcile(&[declined, voided, void, other], &[], &Config::default(), &[]);
    assert_eq!(
        statuses(&r.terminal),
        [Status::Unrelated, Status::Unrelated, Status::Unrelated, Status::Missing]
    );
    assert_eq!(r.terminal[2].counterparts, [RowId::terminal(1)]);
}

#[test]
fn rent_salary_and_cash_are_unrelated_even_when_the_importer_called_them_settlements() {
    let mut rent = bank_row(2, "2026-10-05", "-8000.00", "房租");
    rent.kind = TxnKind::Settlement;
    let salary = bank_row(3, "2026-10-05", "-5000.00", "工资");
    let cash = bank_row(4, "2026-10-05", "2000.00", "Cash deposit");
    // Described vaguely, but from the acquirer: takes part (and is missing in the terminal log).
    let mut acquirer = bank_row(5, "2026-10-05", "300.00", "货款");
    acquirer.counterparty = Some("拉卡拉支付股份有限公司".into());
    let mut fee = bank_row(6, "2026-10-05", "-12.00", "POS手续费");
    fee.kind = TxnKind::Fee;
    let r = reconcile(&[], &[rent, salary, cash, acquirer, fee], &Config::default(), &[]);
    assert_eq!(
        statuses(&r.bank),
        [
            Status::Unrelated,
            Status::Unrelated,
            Status::Unrelated,
            Status::Missing,
            Status::Unrelated
        ]
    );
    let mut config = Config::default();
    config.shop.acquirer_patterns = vec!["Cash".into()];
    let cash = bank_row(4, "2026-10-05", "2000.00", "Cash deposit");
    assert_eq!(reconcile(&[], &[cash], &config, &[]).bank[0].status, Status::Missing);
}

#[test]
fn a_repeated_row_in_one_file_is_a_duplicate_and_takes_no_counterpart() {
    let mut first = sale(7, "2026-10-05 10:00:00", "58.00");
    first.reference = Some("RRN7".into());
    let mut copy = first.clone();
    copy.row.line = 8;
    let bank = [credit(2, "2026-10-05 10:01:00", "58.00")];
    // The copy comes first in the input: still the later line is the copy.
    let r = reconcile(&[copy, first], &bank, &Config::default(), &[]);
    assert_eq!(statuses(&r.terminal), [Status::Duplicate, Status::Matched]);
    assert!(has_flag(&r.terminal[0], RuleId::DuplicateInSource));
    assert_eq!(r.terminal[0].counterparts, [RowId::terminal(1)]);
    // Two coffees in the same second without any reference or card are not copies.
    let twins = [
        sale(2, "2026-10-05 10:00:00", "18.00"),
        sale(3, "2026-10-05 10:00:00", "18.00"),
    ];
    let r = reconcile(&twins, &[], &Config::default(), &[]);
    assert_eq!(statuses(&r.terminal), [Status::Missing, Status::Missing]);
}

#[test]
fn a_statement_imported_twice_marks_every_row_of_the_later_file() {
    let first = [
        credit(2, "2026-10-05 10:01:00", "58.00"),
        bank_row(3, "2026-10-05", "-8000.00", "房租"),
    ];
    let mut again = first.to_vec();
    for t in &mut again {
        t.row.source = SourceId(2);
    }
    let bank: Vec<_> = first.iter().chain(&again).cloned().collect();
    let r = reconcile(
        &[sale(2, "2026-10-05 10:00:00", "58.00")],
        &bank,
        &Config::default(),
        &[],
    );
    assert_eq!(
        statuses(&r.bank),
        [Status::Matched, Status::Unrelated, Status::Duplicate, Status::Duplicate]
    );
    assert!(r.bank[2..].iter().all(|o| has_flag(o, RuleId::DuplicateImport)));
    assert_eq!(r.bank[3].counterparts, [RowId::bank(1)]);
}

#[test]
fn overlapping_exports_mark_only_the_rows_both_files_hold() {
    // The second export repeats the first file's last day and adds a new one: only the repeated row is a copy.
    let first = [credit(2, "2026-10-05 10:01:00", "58.00")];
    let mut second = vec![
        credit(2, "2026-10-05 10:01:00", "58.00"),
        credit(3, "2026-10-06 11:00:05", "58.00"),
    ];
    // The same amount at another time, in the later file, is a payment of its own.
    second.push(credit(4, "2026-10-05 10:01:30", "58.00"));
    for t in &mut second {
        t.row.source = SourceId(2);
    }
    let bank: Vec<_> = first.iter().chain(&second).cloned().collect();
    let r = reconcile(&[], &bank, &Config::default(), &[]);
    assert_eq!(
        statuses(&r.bank),
        [Status::Missing, Status::Duplicate, Status::Missing, Status::Missing]
    );
    assert!(has_flag(&r.bank[1], RuleId::DuplicateImport));
    assert!(
        [0, 2, 3]
            .iter()
            .all(|&j| r.bank[j].flags.iter().all(|f| f.rule != RuleId::DuplicateImport))
    );
}

#[test]
fn manual_decisions_are_honoured() {
    let terminal = [
        sale(2, "2026-10-05 10:00:00", "58.00"),
        sale(3, "2026-10-05 12:00:00", "40.00"),
    ];
    let bank = [
        credit(2, "2026-10-05 10:01:00", "58.00"),
        credit(3, "2026-10-06 09:00:00", "39.00"),
    ];
    let decisions = [
        Decision::ForceMatch {
            terminal: vec![RowId::terminal(1)],
            bank: vec![RowId::bank(1)],
        },
        Decision::Unmatch {
            row: RowId::terminal(0),
        },
        Decision::Note {
            row: RowId::bank(0),
            text: "asked the bank".into(),
        },
        Decision::ForceMatch {
            terminal: vec![RowId::terminal(99)],
            bank: vec![RowId::bank(0)],
        },
    ];
    let r = reconcile(&terminal, &bank, &Config::default(), &decisions);
    assert_eq!(r.terminal[1].status, Status::Matched);
    assert_eq!(r.terminal[1].match_rule, Some(MatchRule::Manual));
    assert_eq!(r.bank[1].counterparts, [RowId::terminal(1)]);
    assert_eq!(r.terminal[0].status, Status::Missing);
    assert_eq!(r.bank[0].status, Status::Missing);
    assert_eq!(r.bank[0].note.as_deref(), Some("asked the bank"));
}

#[test]
fn an_accepted_flag_stays_but_is_marked_reviewed() {
    // Two 18.00 sales 20 s apart and one 18.00 credit: the pair is ambiguous (either sale may be the unpaid one).
    let terminal = [
        sale(2, "2026-10-05 10:00:00", "18.00"),
        sale(3, "2026-10-05 10:00:20", "18.00"),
    ];
    let bank = [credit(2, "2026-10-05 10:01:00", "18.00")];
    let accept = [Decision::AcceptFlag {
        row: RowId::bank(0),
        rule: RuleId::AmbiguousMatch,
    }];
    let r = reconcile(&terminal, &bank, &Config::default(), &accept);
    let flag = r.bank[0].flags.iter().find(|f| f.rule == RuleId::AmbiguousMatch);
    assert_eq!(flag.map(|f| f.accepted), Some(true));
    assert!(r.terminal.iter().flat_map(|o| o.flags.iter()).all(|f| !f.accepted));
    assert!(r.terminal.iter().any(|o| has_flag(o, RuleId::AmbiguousMatch)));
}

#[test]
fn a_posting_never_sent_leaves_its_own_sale_missing_not_the_last_sale_of_that_price() {
    // Four 18.00 sales five minutes apart; the acquirer never credited the second (line 3). A plain
    // earliest-posting pairing would shift every later sale onto its neighbour's credit and call line 5 missing.
    let terminal = [
        sale(2, "2026-10-05 10:00:00", "18.00"),
        sale(3, "2026-10-05 10:05:00", "18.00"),
        sale(4, "2026-10-05 10:10:00", "18.00"),
        sale(5, "2026-10-05 10:15:00", "18.00"),
    ];
    let bank = [
        credit(2, "2026-10-05 10:01:00", "18.00"),
        credit(3, "2026-10-05 10:11:00", "18.00"),
        credit(4, "2026-10-05 10:16:00", "18.00"),
    ];
    let r = reconcile(&terminal, &bank, &Config::default(), &[]);
    assert_eq!(
        statuses(&r.terminal),
        [Status::Matched, Status::Missing, Status::Matched, Status::Matched]
    );
    assert_eq!(r.terminal[2].counterparts, [RowId::bank(1)]);
    assert_eq!(r.terminal[3].counterparts, [RowId::bank(2)]);
}
