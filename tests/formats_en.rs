//! English-language acquirer reports beyond the per-transaction exports of tests/formats_apps.rs: the Stripe
//! balance (or payout reconciliation) report, read from the hand-written fixture in tests/formats/ (layout from
//! Stripe's published report schema, no real data). It must be recognised as its preset with no mapping step and
//! give each balance transaction with its gross, fee, net, availability date, payout and kind.

mod formats_support;

use formats_support::{import, money, rows};
use posrecon::model::{Currency, Side, TxnKind, TxnStatus};

#[test]
fn stripe_balance_report_with_charges_a_refund_and_a_payout() {
    let imported = import("stripe-balance-report.csv", Side::Terminal);
    let d = &imported.details;
    assert_eq!(d.preset.as_deref(), Some("en-stripe-balance-report"));
    let reason = d.preset_reason.as_deref().unwrap_or("");
    assert!(reason.contains("balance_transaction_id") && reason.contains("reporting_category"), "{reason}");
    assert_eq!(d.profile.side, Some(Side::Terminal));
    let rows = rows(&imported);
    assert_eq!(rows.len(), 4);
    // The reference is the charge (source_id), so the rows meet the payments export's `id` column.
    assert_eq!(rows[0], (2, money("1240.00"), "2026-11-24 13:05:09".into(), Some("ch_3QaTest0000000001")));
    let charge = &imported.txns[0];
    assert_eq!((charge.fee, charge.net, charge.currency), (Some(money("36.26")), Some(money("1203.74")), Currency::USD));
    assert_eq!(charge.settle_date.map(|d| d.to_string()).as_deref(), Some("2026-11-26"));
    assert_eq!(charge.batch_no.as_deref(), Some("po_1QaTest0000000026"));
    assert_eq!(charge.kind, TxnKind::Sale);
    assert_eq!(rows[2], (4, money("-12.50"), "2026-11-24 18:12:44".into(), Some("re_3QaTest0000000003")));
    assert_eq!(imported.txns[2].kind, TxnKind::Refund);
    // The payout leaves the Stripe balance for the bank: a settlement, not a sale.
    assert_eq!((imported.txns[3].kind, imported.txns[3].amount), (TxnKind::Settlement, money("-850.00")));
}

#[test]
fn stripe_payouts_report_one_row_a_payout() {
    let imported = import("stripe-payouts-report.csv", Side::Terminal);
    assert_eq!(imported.details.preset.as_deref(), Some("en-stripe-payouts-report"));
    let rows = rows(&imported);
    assert_eq!(rows.len(), 3);
    // The payout id is the reference: the balance report's automatic_payout_id names the same payout.
    assert_eq!(rows[1], (3, money("-1203.08"), "2026-11-26 00:03:12".into(), Some("po_1QaTest0000000026")));
    let payout = &imported.txns[1];
    assert_eq!((payout.kind, payout.status, payout.currency), (TxnKind::Settlement, TxnStatus::Ok, Currency::USD));
    // Expected in the bank on payout_expected_arrival_date.
    assert_eq!(payout.settle_date.map(|d| d.to_string()).as_deref(), Some("2026-11-27"));
    // A failed payout never reaches the bank.
    assert_eq!(imported.txns[2].status, TxnStatus::Declined);
}
