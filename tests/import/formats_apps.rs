//! The payment-app bills and bank exports shop owners really have, read from the hand-written fixtures in
//! tests/formats/ (layouts from the published exports, no real personal data): each is recognised as its preset
//! with no mapping step, and yields the right rows — amount, sign, time, reference — and skips its preamble and
//! trailer lines.

use posrecon::import::Imported;
use posrecon::model::{Currency, Money, Side, TxnKind, TxnStatus};

use crate::kit::formats::rows;
use crate::kit::money;

/// A fixture of tests/formats/ read as the bank side.
fn import(name: &str) -> Imported {
    crate::kit::formats::import(name, Side::Bank)
}

#[test]
fn alipay_personal_bill_in_gbk() {
    let imported = import("alipay-personal-gbk.csv");
    let d = &imported.details;
    assert_eq!(d.preset.as_deref(), Some("cn-alipay-personal-bill"));
    assert!(
        d.preset_reason.as_deref().unwrap_or("").contains("交易分类"),
        "{:?}",
        d.preset_reason
    );
    assert!(d.encoding == "GBK" || d.encoding == "gb18030", "{}", d.encoding);
    assert_eq!(d.header_line, 25);
    let r = rows(&imported);
    assert_eq!(r.len(), 6);
    // 收入 positive, 支出 negative; the order number's trailing tab is gone.
    assert_eq!(
        r[0],
        (
            26,
            money("1240.00"),
            "2026-11-24 18:42:07".into(),
            Some("2026112420001100001001")
        )
    );
    assert_eq!(
        r[1],
        (
            27,
            money("-28.16"),
            "2026-11-24 13:05:09".into(),
            Some("2026112422001400001002")
        )
    );
    // 不计收支 (a move into 余额宝) keeps its unsigned amount.
    assert_eq!(r[2].1, money("500.00"));
    // 交易关闭 is a payment that never happened.
    assert_eq!(
        (imported.txns[3].status, imported.txns[3].amount),
        (TxnStatus::Declined, money("-18.00"))
    );
    assert_eq!(imported.txns[1].currency, Currency::CNY);
}

#[test]
fn wechat_personal_bill_with_yuan_signs() {
    let imported = import("wechat-personal.csv");
    let d = &imported.details;
    assert_eq!(d.preset.as_deref(), Some("cn-wechat-personal-bill"));
    assert_eq!((d.header_line, d.preamble.len()), (17, 16));
    let r = rows(&imported);
    assert_eq!(r.len(), 5);
    assert_eq!(
        r[0],
        (
            18,
            money("1240.00"),
            "2026-11-24 19:20:11".into(),
            Some("10001071012026112400412345678901")
        )
    );
    assert_eq!(r[1].1, money("28.16"));
    assert_eq!(
        r[2],
        (
            20,
            money("-35.00"),
            "2026-11-23 08:30:00".into(),
            Some("4200002026112312345678903")
        )
    );
    // `/` (a withdrawal to the owner's bank card) is neither income nor expense: unsigned.
    assert_eq!(r[3].1, money("200.00"));
}

/// (line, amount, date, description) of each row of a bank export without references.
fn bank_rows(imported: &Imported) -> Vec<(u32, Money, String, Option<&str>)> {
    imported
        .txns
        .iter()
        .map(|t| {
            (
                t.row.line,
                t.amount,
                t.time.date().to_string(),
                t.description.as_deref(),
            )
        })
        .collect()
}

#[test]
fn icbc_debit_history_with_padded_cells_and_a_total_line() {
    let imported = import("icbc-debit-gbk.csv");
    let d = &imported.details;
    assert_eq!(d.preset.as_deref(), Some("cn-bank-statement-income-expense"));
    assert_eq!(d.header_line, 7);
    // 人民币合计 is a trailer, not a row.
    assert_eq!(
        d.skipped_summary_lines.iter().map(|s| s.line).collect::<Vec<_>>(),
        vec![12]
    );
    let r = bank_rows(&imported);
    assert_eq!(r.len(), 4);
    assert_eq!(r[0], (8, money("12407.30"), "2026-11-24".into(), Some("消费")));
    assert_eq!(r[1], (9, money("-3000.00"), "2026-11-23".into(), Some("转支")));
    assert_eq!(r[3].1, money("-2.00"));
    assert!(imported.txns.iter().all(|t| t.date_only));
}

#[test]
fn cmb_history_with_one_signed_amount() {
    let imported = import("cmb-debit.csv");
    assert_eq!(imported.details.preset.as_deref(), Some("cn-cmb-debit"));
    assert_eq!(imported.details.skipped_summary_lines.len(), 2);
    let r = bank_rows(&imported);
    assert_eq!(r.len(), 4);
    assert_eq!(r[0], (7, money("8650.00"), "2026-11-24".into(), Some("银联入账")));
    assert_eq!(r[1], (8, money("-1000.00"), "2026-11-23".into(), Some("转账汇款")));
    assert_eq!(r[2].1, money("-35.50"));
}

#[test]
fn square_transactions_with_dollar_amounts_fees_and_net() {
    let imported = import("square-transactions.csv");
    assert_eq!(imported.details.preset.as_deref(), Some("en-square-transactions"));
    let r = rows(&imported);
    assert_eq!(r.len(), 4);
    assert_eq!(
        r[0],
        (2, money("1240.00"), "2026-11-24 13:05:09".into(), Some("Tx1AbC240001"))
    );
    assert_eq!(
        r[2],
        (4, money("-25.00"), "2026-11-23 09:12:44".into(), Some("Tx1AbC230003"))
    );
    let first = &imported.txns[0];
    assert_eq!((first.fee, first.net), (Some(money("32.86")), Some(money("1207.14"))));
    assert_eq!(
        (first.currency, first.card_masked.as_deref()),
        (Currency::USD, Some("4242"))
    );
    assert_eq!(imported.txns[2].kind, TxnKind::Refund);
    // Square writes fees as their effect on the payout: -$3.00 charged, and the refund's $0.73 given back
    // (-$25.00 + $0.73 = -$24.27 net).
    assert_eq!(imported.txns[3].fee, Some(money("3.00")));
    assert_eq!(imported.txns[2].fee, Some(money("-0.73")));
}

#[test]
fn abc_style_debit_and_credit_columns() {
    let imported = import("abc-debit-credit-gbk.csv");
    assert_eq!(
        imported.details.preset.as_deref(),
        Some("cn-bank-statement-income-expense")
    );
    assert_eq!(imported.details.skipped_summary_lines.len(), 1);
    let r = rows(&imported);
    assert_eq!(r.len(), 3);
    // 贷方 is money in, 借方 money out; date and time come from two cells.
    assert_eq!(
        (r[0].0, r[0].1, r[0].2.as_str()),
        (6, money("5230.00"), "2026-11-24 10:15:30")
    );
    assert_eq!(
        (r[1].0, r[1].1, r[1].2.as_str()),
        (7, money("-800.00"), "2026-11-23 16:02:05")
    );
}

#[test]
fn sumup_german_with_day_first_dates_and_decimal_commas() {
    let imported = import("sumup-de.csv");
    assert_eq!(imported.details.preset.as_deref(), Some("de-sumup-transactions"));
    let r = rows(&imported);
    assert_eq!(r.len(), 4);
    assert_eq!(
        r[1],
        (3, money("1240.00"), "2026-11-24 15:30:00".into(), Some("TDEABC1002"))
    );
    assert_eq!(r[3].1, money("-12.50"));
    let t = &imported.txns[1];
    assert_eq!(
        (t.currency, t.fee, t.net),
        (Currency::EUR, Some(money("23.56")), Some(money("1216.44")))
    );
    assert_eq!(t.card_masked.as_deref(), Some("4444"));
}

#[test]
fn sumup_english_and_stripe_payments() {
    let sumup = import("sumup-en.csv");
    assert_eq!(sumup.details.preset.as_deref(), Some("en-sumup-transactions"));
    let r = rows(&sumup);
    assert_eq!(r.len(), 4);
    assert_eq!(
        r[0],
        (2, money("12.50"), "2026-11-24 13:05:00".into(), Some("TENABC2001"))
    );
    assert_eq!(sumup.txns[2].status, TxnStatus::Declined);

    let stripe = import("stripe-payments.csv");
    assert_eq!(stripe.details.preset.as_deref(), Some("en-stripe-payments"));
    let r = rows(&stripe);
    // Four charges; the two refunded ones (lines 3 and 5) are each a sale and a refund (tests/import/formats_en.rs).
    assert_eq!(r.len(), 6);
    assert_eq!(
        r[0],
        (
            2,
            money("1240.00"),
            "2026-11-24 13:05:09".into(),
            Some("ch_3QaTest0000000001")
        )
    );
    let t = &stripe.txns[0];
    assert_eq!(
        (t.currency, t.fee, t.card_masked.as_deref()),
        (Currency::USD, Some(money("36.26")), Some("4242"))
    );
    assert_eq!(
        (stripe.txns[3].row.line, stripe.txns[3].status),
        (4, TxnStatus::Declined)
    );
}
