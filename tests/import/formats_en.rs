//! English-language acquirer reports beyond the per-transaction exports of tests/import/formats_apps.rs: Stripe's
//! balance (or payout reconciliation) report, payouts report and payments export, read from the hand-written
//! fixtures in tests/formats/ (layouts from Stripe's published report schema, no real data). Each must be
//! recognised as its preset with no mapping step: the balance report gives each balance transaction with its
//! gross, fee, net, availability date, payout and kind; the payouts report each payout as money in on the bank
//! side; the payments export a refunded charge as its sale and its refund (also any layout with a refunded-amount
//! column), in the currency Stripe pays out in with the customer's own amount in the description, a lost dispute
//! as a chargeback and an authorisation never captured as declined (also any layout with those columns).

use posrecon::import::inspect::inspect_bytes;
use posrecon::import::mapping::Field;
use posrecon::import::{ImportOptions, Imported, Profile, guess_side, import_bytes};
use posrecon::model::{Currency, Side, SourceId, TxnKind, TxnStatus};

use crate::kit::formats::{import, rows};
use crate::kit::{fixture, money};

/// Imports a file written in the test, as `side`, with no mapping given.
fn import_text(name: &str, text: &str, side: Side) -> Imported {
    let opts = ImportOptions {
        side,
        source: SourceId(3),
        ..ImportOptions::default()
    };
    import_bytes(name, text.as_bytes(), &opts).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn stripe_balance_report_with_charges_a_refund_and_a_payout() {
    let imported = import("stripe-balance-report.csv", Side::Terminal);
    let d = &imported.details;
    assert_eq!(d.preset.as_deref(), Some("en-stripe-balance-report"));
    let reason = d.preset_reason.as_deref().unwrap_or("");
    assert!(
        reason.contains("balance_transaction_id") && reason.contains("reporting_category"),
        "{reason}"
    );
    assert_eq!(d.profile.side, Some(Side::Terminal));
    let rows = rows(&imported);
    assert_eq!(rows.len(), 4);
    // The reference is the charge (source_id), so the rows meet the payments export's `id` column.
    assert_eq!(
        rows[0],
        (
            2,
            money("1240.00"),
            "2026-11-24 13:05:09".into(),
            Some("ch_3QaTest0000000001")
        )
    );
    let charge = &imported.txns[0];
    assert_eq!(
        (charge.fee, charge.net, charge.currency),
        (Some(money("36.26")), Some(money("1203.74")), Currency::USD)
    );
    assert_eq!(charge.settle_date.map(|d| d.to_string()).as_deref(), Some("2026-11-26"));
    assert_eq!(charge.batch_no.as_deref(), Some("po_1QaTest0000000026"));
    assert_eq!(charge.kind, TxnKind::Sale);
    assert_eq!(
        rows[2],
        (
            4,
            money("-12.50"),
            "2026-11-24 18:12:44".into(),
            Some("re_3QaTest0000000003")
        )
    );
    assert_eq!(imported.txns[2].kind, TxnKind::Refund);
    // The payout leaves the Stripe balance for the bank: a settlement, not a sale.
    assert_eq!(
        (imported.txns[3].kind, imported.txns[3].amount),
        (TxnKind::Settlement, money("-850.00"))
    );
}

#[test]
fn stripe_payouts_report_one_row_a_payout_read_as_the_bank() {
    let imported = import("stripe-payouts-report.csv", Side::Bank);
    let d = &imported.details;
    assert_eq!(d.preset.as_deref(), Some("en-stripe-payouts-report"));
    // What Stripe sent to the shop's bank stands where the bank statement stands: the app files it there.
    assert_eq!((guess_side(d), d.profile.negate_amounts), (Some(Side::Bank), true));
    let rows = rows(&imported);
    assert_eq!(rows.len(), 3);
    // Stripe writes a payout as money leaving its balance (-1203.08); for the shop it is money in, on the day it
    // is expected in the bank (payout_expected_arrival_date), not the day it left Stripe (effective_at).
    // The payout id is the reference: the balance report's automatic_payout_id names the same payout.
    assert_eq!(
        rows[1],
        (
            3,
            money("1203.08"),
            "2026-11-27 00:00:00".into(),
            Some("po_1QaTest0000000026")
        )
    );
    let payout = &imported.txns[1];
    assert_eq!(
        (payout.kind, payout.status, payout.currency),
        (TxnKind::Settlement, TxnStatus::Ok, Currency::USD)
    );
    assert_eq!((payout.net, payout.fee), (Some(money("1203.08")), Some(money("0.00"))));
    assert_eq!(payout.description.as_deref(), Some("STRIPE PAYOUT"));
    assert_eq!(payout.settle_date.map(|d| d.to_string()).as_deref(), Some("2026-11-27"));
    // paid and in_transit payouts take part; a failed one never reaches the bank.
    assert_eq!(rows[0].1, money("850.00"));
    assert_eq!(imported.txns[0].status, TxnStatus::Ok);
    assert_eq!(imported.txns[2].status, TxnStatus::Declined);
    let shown = inspect_bytes("stripe-payouts-report.csv", &fixture("stripe-payouts-report.csv"), None).text;
    assert!(shown.contains("sign: Signed (the other party's: turned)"), "{shown}");
}

#[test]
fn a_payouts_report_run_without_the_arrival_date_is_dated_when_the_payout_left_stripe() {
    let report = "payout_id,effective_at,currency,gross,fee,net,reporting_category,description,payout_status\n\
                  po_1QaTest0000000025,2026-11-25 00:04:31,usd,-850.00,0.00,-850.00,payout,STRIPE PAYOUT,paid\n";
    let imported = import_text("payouts.csv", report, Side::Bank);
    assert_eq!(imported.details.preset.as_deref(), Some("en-stripe-payouts-report"));
    assert_eq!(
        rows(&imported),
        [(
            2,
            money("850.00"),
            "2026-11-25 00:04:31".into(),
            Some("po_1QaTest0000000025")
        )]
    );
}

#[test]
fn stripe_payments_export_a_refunded_charge_is_the_sale_and_its_refund() {
    let imported = import("stripe-payments.csv", Side::Terminal);
    assert_eq!(imported.details.preset.as_deref(), Some("en-stripe-payments"));
    // What the shop's balance got back, in the currency Stripe pays out in (the same here: all charges in USD).
    let mapped = imported
        .details
        .profile
        .columns
        .get(&Field::AmountRefunded)
        .map(String::as_str);
    assert_eq!(mapped, Some("Converted Amount Refunded"));
    let rows = rows(&imported);
    let refunded_whole = Some("ch_3QaTest0000000002");
    let refunded_part = Some("ch_3QaTest0000000004");
    assert_eq!(
        rows,
        [
            (
                2,
                money("1240.00"),
                "2026-11-24 13:05:09".into(),
                Some("ch_3QaTest0000000001")
            ),
            (3, money("12.50"), "2026-11-24 15:30:00".into(), refunded_whole),
            (3, money("-12.50"), "2026-11-24 15:30:00".into(), refunded_whole),
            (
                4,
                money("40.00"),
                "2026-11-23 09:12:44".into(),
                Some("ch_3QaTest0000000003")
            ),
            (5, money("80.00"), "2026-11-24 17:45:10".into(), refunded_part),
            (5, money("-30.00"), "2026-11-24 17:45:10".into(), refunded_part),
        ]
    );
    let kinds: Vec<TxnKind> = imported.txns.iter().map(|t| t.kind).collect();
    use TxnKind::{Refund, Sale};
    assert_eq!(kinds, [Sale, Sale, Refund, Sale, Sale, Refund]);
    // The sale keeps its fee; the refund gives none back (Stripe keeps it), on the same card.
    let (sale, refund) = (&imported.txns[4], &imported.txns[5]);
    assert_eq!(
        (sale.fee, sale.card_masked.as_deref()),
        (Some(money("2.62")), Some("1881"))
    );
    assert_eq!((refund.fee, refund.net), (Some(money("0")), Some(money("-30.00"))));
    assert_eq!(refund.card_masked.as_deref(), Some("1881"));
    // The declined charge (line 4) was never refunded and stays one row.
    assert_eq!(imported.txns[3].status, TxnStatus::Declined);
}

#[test]
fn the_newer_stripe_payments_export_names_its_date_created_date() {
    let export = "id,Created date (UTC),Amount,Amount Refunded,Currency,Fee,Status,Card Last4\n\
                  ch_3QcTest0000000001,2026-11-24 15:30:00,12.50,5.00,usd,0.66,Paid,4444\n";
    let imported = import_text("unified_payments.csv", export, Side::Terminal);
    assert_eq!(imported.details.preset.as_deref(), Some("en-stripe-payments"));
    let amounts: Vec<_> = imported.txns.iter().map(|t| (t.amount, t.kind)).collect();
    assert_eq!(
        amounts,
        [(money("12.50"), TxnKind::Sale), (money("-5.00"), TxnKind::Refund)]
    );
    // Without the converted columns the amount and currency are the charge's own; no customer's amount to say.
    let columns = &imported.details.profile.columns;
    assert_eq!(columns.get(&Field::Amount).map(String::as_str), Some("Amount"));
    assert_eq!(
        (
            columns.get(&Field::CustomerAmount),
            columns.get(&Field::CustomerCurrency)
        ),
        (None, None)
    );
    assert_eq!(imported.txns[0].description, None);
}

#[test]
fn a_charge_in_the_customers_currency_is_read_as_what_stripe_paid_the_shop() {
    let imported = import("stripe-payments-converted.csv", Side::Terminal);
    assert_eq!(imported.details.preset.as_deref(), Some("en-stripe-payments"));
    let columns = &imported.details.profile.columns;
    let mapped = |f: Field| columns.get(&f).map(String::as_str);
    assert_eq!(
        (mapped(Field::Amount), mapped(Field::Currency)),
        (Some("Converted Amount"), Some("Converted Currency"))
    );
    assert_eq!(
        (mapped(Field::CustomerAmount), mapped(Field::CustomerCurrency)),
        (Some("Amount"), Some("Currency"))
    );
    // Order 3002: the tourist paid 50.00 EUR; the shop's balance got 54.90 USD, less a fee of 1.89 USD.
    let eur = &imported.txns[1];
    let got = (eur.row.line, eur.amount, eur.currency, eur.fee);
    assert_eq!(got, (3, money("54.90"), Currency::USD, Some(money("1.89"))));
    assert_eq!(eur.description.as_deref(), Some("Order 3002 · customer paid EUR 50.00"));
    // A charge in the shop's own currency says nothing more.
    assert_eq!(imported.txns[0].description.as_deref(), Some("Order 3001"));
    // Order 3003: 10.00 EUR of 40.00 EUR refunded is 10.98 USD back out of the balance.
    let (sale, refund) = (&imported.txns[2], &imported.txns[3]);
    assert_eq!(
        (sale.amount, refund.amount, refund.currency),
        (money("43.92"), money("-10.98"), Currency::USD)
    );
    assert_eq!((refund.row.line, refund.kind), (4, TxnKind::Refund));
    let shown = inspect_bytes("c.csv", &fixture("stripe-payments-converted.csv"), None).text;
    let both = shown.contains("customer_amount ← Amount") && shown.contains("amount       ← Converted Amount");
    assert!(both, "{shown}");
}

#[test]
fn a_failed_charge_with_no_converted_amount_is_read_in_the_customers_amount_and_currency() {
    // A charge that never reached the balance may leave the converted columns blank: it still imports, declined.
    let export = "id,Created (UTC),Amount,Amount Refunded,Currency,Converted Amount,Converted Amount Refunded,Fee,\
                  Converted Currency,Status,Captured,Card Last4\n\
                  ch_1,2026-11-24 11:20:00,50.00,0.00,eur,54.90,0.00,1.89,usd,Paid,true,3220\n\
                  ch_2,2026-11-24 11:25:00,35.00,0.00,eur,,,0.00,,Failed,false,3221\n";
    let imported = import_text("payments.csv", export, Side::Terminal);
    let got: Vec<_> = imported.txns.iter().map(|t| (t.amount, t.currency, t.status)).collect();
    let expected = [
        (money("54.90"), Currency::USD, TxnStatus::Ok),
        (money("35.00"), Currency::EUR, TxnStatus::Declined),
    ];
    assert_eq!(got, expected);
}

#[test]
fn the_balance_report_says_what_the_customer_paid_in_their_currency() {
    // customer_facing_amount / customer_facing_currency: what the customer paid or got back, where gross is in
    // the balance's currency.
    let report = "balance_transaction_id,created_utc,available_on_utc,currency,gross,fee,net,reporting_category,\
                  source_id,description,customer_facing_amount,customer_facing_currency\n\
                  txn_1,2026-11-24 13:05:09,2026-11-26 00:00:00,usd,54.90,1.89,53.01,charge,ch_1,Order 1,50.00,eur\n\
                  txn_2,2026-11-25 10:00:00,2026-11-27 00:00:00,usd,-10.98,0.00,-10.98,refund,re_1,Order 1,-10.00,eur\n\
                  txn_3,2026-11-25 11:00:00,2026-11-27 00:00:00,usd,12.50,0.66,11.84,charge,ch_2,Order 2,12.50,usd\n";
    let imported = import_text("balance.csv", report, Side::Terminal);
    assert_eq!(imported.details.preset.as_deref(), Some("en-stripe-balance-report"));
    let described: Vec<_> = imported
        .txns
        .iter()
        .map(|t| (t.amount, t.description.as_deref()))
        .collect();
    let expected = [
        (money("54.90"), Some("Order 1 · customer paid EUR 50.00")),
        (money("-10.98"), Some("Order 1 · customer got back EUR 10.00")),
        (money("12.50"), Some("Order 2")),
    ];
    assert_eq!(described, expected);
}

#[test]
fn an_authorisation_never_captured_moves_no_money() {
    // Order 3004 was authorised and released: Stripe writes it refunded in full, Captured false. One row,
    // declined (kept, shown, out of matching), and no refund of money that never came in.
    let imported = import("stripe-payments-converted.csv", Side::Terminal);
    let on_line: Vec<_> = imported.txns.iter().filter(|t| t.row.line == 5).collect();
    assert_eq!(on_line.len(), 1, "{on_line:?}");
    assert_eq!(
        (on_line[0].status, on_line[0].amount),
        (TxnStatus::Declined, money("25.00"))
    );
    assert_eq!(
        on_line[0].description.as_deref(),
        Some("Order 3004 · authorised, never captured")
    );
    // Any layout with a captured column, in yes/no words; a word that is neither is refused, naming the cell.
    let export = "Date,Transaction ID,Amount,Fee,Status,Captured\n\
                  2026-11-24 10:00:00,T-1,50.00,1.75,Approved,no\n\
                  2026-11-24 11:00:00,T-2,30.00,1.17,Approved,Yes\n";
    let imported = import_text("auth.csv", export, Side::Terminal);
    let statuses: Vec<_> = imported.txns.iter().map(|t| t.status).collect();
    assert_eq!(statuses, [TxnStatus::Declined, TxnStatus::Ok]);
    // A column that holds when the charge was captured says it was.
    let at = export.replace("Yes", "2026-11-24 11:00:05");
    let statuses: Vec<_> = import_text("auth.csv", &at, Side::Terminal)
        .txns
        .iter()
        .map(|t| t.status)
        .collect();
    assert_eq!(statuses, [TxnStatus::Declined, TxnStatus::Ok]);
    let bad = export.replace("Yes", "pending");
    let opts = ImportOptions {
        side: Side::Terminal,
        ..ImportOptions::default()
    };
    let err = import_bytes("auth.csv", bad.as_bytes(), &opts)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        err.contains("Captured") && err.contains("pending") && err.contains("true or false"),
        "{err}"
    );
}

#[test]
fn a_lost_dispute_is_a_chargeback_and_an_open_one_is_said_on_the_charge() {
    let imported = import("stripe-payments-converted.csv", Side::Terminal);
    // Order 3005: 60.00 disputed and lost: the sale, and the 60.00 taken back when the dispute was opened.
    let on_line: Vec<_> = imported.txns.iter().filter(|t| t.row.line == 6).collect();
    let got: Vec<_> = on_line
        .iter()
        .map(|t| (t.kind, t.amount, t.time.to_string(), t.fee))
        .collect();
    let expected = [
        (
            TxnKind::Sale,
            money("60.00"),
            "2026-11-24 14:10:00".to_owned(),
            Some(money("2.04")),
        ),
        (
            TxnKind::Refund,
            money("-60.00"),
            "2026-11-24 19:45:00".to_owned(),
            Some(money("0")),
        ),
    ];
    assert_eq!(got, expected);
    assert_eq!(
        on_line[1].description.as_deref(),
        Some("Order 3005 · dispute lost: USD 60.00 taken back")
    );
    assert_eq!(on_line[1].reference.as_deref(), Some("ch_3QdTest0000003005"));
    // Order 3006: an inquiry, not decided: no row, but the owner reads it on the charge.
    let on_line: Vec<_> = imported.txns.iter().filter(|t| t.row.line == 7).collect();
    assert_eq!(on_line.len(), 1);
    let said = "Order 3006 · dispute inquiry open (warning_needs_response): USD 30.00 disputed";
    assert_eq!(on_line[0].description.as_deref(), Some(said));
    // A charge paid in EUR and lost in part: taken back in the currency Stripe pays in, at the charge's rate.
    let export = "id,Description,Created (UTC),Amount,Amount Refunded,Currency,Converted Amount,\
                  Converted Amount Refunded,Fee,Converted Currency,Status,Captured,Card Last4,Disputed Amount,\
                  Dispute Status,Dispute Date (UTC)\n\
                  ch_9,Order 9,2026-11-24 11:20:00,50.00,0.00,eur,54.90,0.00,1.89,usd,Paid,true,3220,20.00,lost,\
                  2026-11-28 08:00:00\n\
                  ch_10,Order 10,2026-11-24 12:20:00,50.00,0.00,eur,54.90,0.00,1.89,usd,Paid,true,3221,50.00,\
                  under_review,\n";
    let imported = import_text("payments.csv", export, Side::Terminal);
    let got: Vec<_> = imported.txns.iter().map(|t| (t.row.line, t.amount, t.kind)).collect();
    let expected = [
        (2, money("54.90"), TxnKind::Sale),
        (2, money("-21.96"), TxnKind::Refund),
        (3, money("54.90"), TxnKind::Sale),
    ];
    assert_eq!(got, expected);
    let said = "Order 9 · customer paid EUR 50.00 · dispute lost: EUR 20.00 taken back, USD 21.96 at the charge's rate";
    assert_eq!(imported.txns[1].description.as_deref(), Some(said));
    let said = "Order 10 · customer paid EUR 50.00 · dispute open (under_review): EUR 50.00 disputed, \
                held back until decided";
    assert_eq!(imported.txns[2].description.as_deref(), Some(said));
}

#[test]
fn any_layout_with_a_refunded_amount_and_refund_date_column_gives_the_refund_its_date() {
    // A processor export no preset knows: the header words alone map the refunded amount and its date.
    let export = "Date,Transaction ID,Card,Amount,Fee,Refunded Amount,Refund Date\n\
                  2026-11-24 10:00:00,T-1,4242,50.00,1.75,20.00,2026-11-25 09:30:00\n\
                  2026-11-24 11:00:00,T-2,4343,30.00,1.17,,\n";
    let imported = import_text("processor.csv", export, Side::Terminal);
    assert_eq!(
        rows(&imported),
        [
            (2, money("50.00"), "2026-11-24 10:00:00".into(), Some("T-1")),
            (2, money("-20.00"), "2026-11-25 09:30:00".into(), Some("T-1")),
            (3, money("30.00"), "2026-11-24 11:00:00".into(), Some("T-2")),
        ]
    );
    // A refund date that cannot be read refuses the row like any other bad cell, naming it.
    let bad = export.replace("2026-11-25 09:30:00", "tomorrow");
    let opts = ImportOptions {
        side: Side::Terminal,
        ..ImportOptions::default()
    };
    let err = import_bytes("processor.csv", bad.as_bytes(), &opts)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.contains("Refund Date") && err.contains("tomorrow"), "{err}");
}

/// A profile that says the signs are the other party's survives TOML, as a user saves it.
#[test]
fn the_other_partys_signs_are_a_profile_setting_saved_as_toml() {
    let profile = Profile::from_toml("negate_amounts = true\n[columns]\ndate = \"Date\"\namount = \"Amount\"\n")
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(profile.negate_amounts);
    assert!(
        profile.to_toml().contains("negate_amounts = true"),
        "{}",
        profile.to_toml()
    );
    assert!(
        !Profile::default().to_toml().contains("negate_amounts"),
        "only written when set"
    );
    let opts = ImportOptions {
        side: Side::Bank,
        profile: Some(profile),
        ..ImportOptions::default()
    };
    let text = b"Date,Amount\n2026-11-24,-99.00\n";
    let imported = import_bytes("other.csv", text, &opts).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(imported.txns.first().map(|t| t.amount), Some(money("99.00")));
}

#[test]
fn the_other_partys_signs_are_turned_before_a_refund_is_signed_and_balances_with_them() {
    // A terminal-side file in the other party's signs: a sale written -50.00, a refund +20.00 (money back to
    // the other party), a balance going down as the shop's money goes up. Turned: +50.00, -20.00, balances that
    // still add up.
    let profile = Profile {
        negate_amounts: true,
        ..Profile::default()
    };
    let opts = ImportOptions {
        side: Side::Terminal,
        profile: Some(profile),
        ..ImportOptions::default()
    };
    let text = "Date,Type,Reference,Amount,Fee,Balance\n\
                2026-11-24 10:00:00,Sale,R1,-50.00,1.00,-50.00\n\
                2026-11-24 11:00:00,Refund,R1,20.00,0.00,-30.00\n";
    let imported = import_bytes("theirs.csv", text.as_bytes(), &opts).unwrap_or_else(|e| panic!("{e}"));
    let got: Vec<_> = imported
        .txns
        .iter()
        .map(|t| (t.kind, t.amount, t.fee, t.balance))
        .collect();
    let expected = [
        (TxnKind::Sale, money("50.00"), Some(money("1.00")), Some(money("50.00"))),
        (
            TxnKind::Refund,
            money("-20.00"),
            Some(money("0.00")),
            Some(money("30.00")),
        ),
    ];
    assert_eq!(got, expected);
}
