//! Exports of banks, payment apps and acquirers posrecon has no preset for, dropped in as a shop owner would
//! (no mapping given): US, UK, German, French, Taiwanese and Japanese banks, e-money accounts (Monzo, Revolut,
//! Wise, N26), PayPal and Adyen. Fixtures in tests/formats/unseen/ (real header lines, preambles, encodings,
//! delimiters, date and amount styles; invented people and amounts), their sources in its README.md. Each file
//! must be read with the right signs, dates, references and currency, or refused with an error that says what
//! is missing.

use posrecon::import::currency::assumed;
use posrecon::import::mapping::Field;
use posrecon::import::{ImportError, ImportOptions, guess_side, import_bytes};
use posrecon::model::{Currency, Side, SourceId, TxnKind, TxnStatus};

use crate::kit::formats::{import, rows};
use crate::kit::money;

/// A fixture of tests/formats/unseen/.
fn fixture(name: &str) -> Vec<u8> {
    crate::kit::fixture(&format!("unseen/{name}"))
}

/// The error a first drop of the file gives (no mapping, bad rows not skipped).
fn refused(name: &str) -> ImportError {
    let opts = ImportOptions {
        side: Side::Bank,
        source: SourceId(3),
        ..ImportOptions::default()
    };
    match import_bytes(name, &fixture(name), &opts) {
        Ok(imported) => panic!("{name} was read: {} rows", imported.txns.len()),
        Err(e) => e,
    }
}

fn text(t: &Option<posrecon::model::TxnText>) -> &str {
    t.as_deref().unwrap_or("")
}

#[test]
fn chase_checking_rows_that_end_in_an_extra_comma() {
    // Chase's header has 7 columns and every row 8 (a trailing comma): read, not refused as misshapen.
    let imported = import("unseen/chase-checking.csv", Side::Bank);
    let r = rows(&imported);
    assert_eq!(r.len(), 4);
    assert_eq!((r[0].1, r[0].2.as_str()), (money("1240.00"), "2026-11-24 00:00:00"));
    assert_eq!(
        (r[2].1, text(&imported.txns[2].description)),
        (money("-450.00"), "CHECK 1043")
    );
    assert_eq!(imported.txns[0].balance, Some(money("15240.55")));
    assert_eq!(guess_side(&imported.details), Some(Side::Bank));
    // The file names no currency: said as assumed, never silently CNY.
    assert!(assumed(&imported));
}

#[test]
fn bank_of_america_dates_are_settled_by_the_summary_above_and_the_opening_balance_is_a_row_of_no_amount() {
    // Every date of this statement is 11/01–11/12: November 1st or 11 January. The summary block above the
    // table (passed over to the real header on line 7) says "Ending balance as of 11/24/2026": month first.
    let imported = import("unseen/bofa-checking.csv", Side::Bank);
    assert_eq!(
        imported.details.profile.date_order,
        Some(posrecon::import::parse::DateOrder::MonthFirst)
    );
    let r = rows(&imported);
    assert_eq!(r.len(), 4);
    assert_eq!(
        (r[1].0, r[1].1, r[1].2.as_str()),
        (9, money("1203.08"), "2026-11-03 00:00:00")
    );
    assert_eq!((r[3].1, r[3].2.as_str()), (money("-500.00"), "2026-11-12 00:00:00"));
    // "Beginning balance as of 11/01/2026" has no amount, only the balance: a neutral row of none, not a bad row,
    // and the rows after it add up from it.
    let opening = &imported.txns[0];
    assert_eq!(
        (opening.row.line, opening.amount, opening.status),
        (8, money("0"), TxnStatus::Neutral)
    );
    assert_eq!(opening.balance, Some(money("12300.00")));
    assert_eq!(posrecon::engine::balance_gap::find(&imported.txns), Vec::new());
}

#[test]
fn dates_that_nothing_in_the_file_decides_are_refused_with_the_way_out() {
    // The same statement without its summary block: nothing tells November 1st from 11 January.
    let text = String::from_utf8(fixture("bofa-checking.csv")).unwrap_or_default();
    let table = text
        .split_once("\r\n\r\n")
        .map(|(_, table)| table)
        .unwrap_or_else(|| panic!("no blank line: {text}"));
    let opts = ImportOptions {
        side: Side::Bank,
        source: SourceId(3),
        ..ImportOptions::default()
    };
    let e = match import_bytes("bofa-table-only.csv", table.as_bytes(), &opts) {
        Ok(imported) => panic!("read: {} rows", imported.txns.len()),
        Err(e) => e.to_string(),
    };
    assert!(e.contains("bofa-table-only.csv:2:1"), "{e}");
    assert!(e.contains("11/01/2026 could be 11 January or November 1"), "{e}");
    assert!(
        e.contains("set the date order (day first or month first) in the mapping"),
        "{e}"
    );
}

#[test]
fn wells_fargo_without_a_header_row_is_read_with_its_columns_named_from_what_they_hold() {
    let imported = import("unseen/wellsfargo-checking.csv", Side::Bank);
    let d = &imported.details;
    assert_eq!(d.format, "CSV, no header row (UTF-8, comma)");
    assert_eq!(d.header, ["Date", "Amount", "#3", "#4", "Description"]);
    let r = rows(&imported);
    // The first line is a row, not a header: nothing is skipped.
    assert_eq!(r.len(), 3);
    assert_eq!(
        (r[0].0, r[0].1, r[0].2.as_str()),
        (1, money("1240.00"), "2026-11-24 00:00:00")
    );
    assert_eq!((r[2].0, r[2].1), (3, money("-450.00")));
    assert!(text(&imported.txns[0].description).starts_with("DEPOSIT SQUARE INC"));
    // What the mapping step can tell the owner about a first line of data when the rows are too uneven to name.
    let first = [
        "11/24/2026",
        "1240.00",
        "*",
        "",
        "DEPOSIT SQUARE INC 261124 L2K9XX RIVERSIDE BAKERY",
    ];
    let hint = posrecon::import::sniff::headerless_hint(1, &first).unwrap_or_default();
    assert!(
        hint.contains("no header row") && hint.contains("\"1240.00\" in column 2"),
        "{hint}"
    );
}

#[test]
fn barclays_day_first_dates_and_signed_amounts() {
    let imported = import("unseen/barclays.csv", Side::Bank);
    let r = rows(&imported);
    assert_eq!(r.len(), 3);
    assert_eq!((r[0].1, r[0].2.as_str()), (money("1240.00"), "2026-11-24 00:00:00"));
    assert_eq!((r[2].1, r[2].2.as_str()), (money("-89.00"), "2026-11-03 00:00:00"));
    assert!(text(&imported.txns[1].description).starts_with("CORNER STATIONERS"));
    assert_eq!(text(&imported.txns[0].account), "20-00-00 12345678");
}

#[test]
fn monzo_money_in_and_money_out_with_times() {
    let imported = import("unseen/monzo.csv", Side::Bank);
    let r = rows(&imported);
    assert_eq!(r.len(), 3);
    assert_eq!(
        r[0],
        (
            2,
            money("1240.00"),
            "2026-11-24 13:05:09".into(),
            Some("tx_0000AbCdEf1234567890")
        )
    );
    assert_eq!((r[1].1, r[1].2.as_str()), (money("-12.50"), "2026-11-23 08:41:22"));
    assert_eq!(imported.txns[0].currency.as_str(), "GBP");
    assert_eq!(text(&imported.txns[2].counterparty), "British Gas");
}

#[test]
fn revolut_started_date_is_the_date_and_a_pending_transfer_is_kept() {
    let imported = import("unseen/revolut.csv", Side::Bank);
    let d = &imported.details;
    assert_eq!(
        d.profile.columns.get(&Field::Date).map(String::as_str),
        Some("Started Date")
    );
    let r = rows(&imported);
    assert_eq!(r.len(), 3);
    assert_eq!((r[0].1, r[0].2.as_str()), (money("1240.00"), "2026-11-24 13:05:09"));
    // The card payment was made on the 23rd (completed on the 24th).
    assert_eq!((r[1].1, r[1].2.as_str()), (money("-12.50"), "2026-11-23 08:41:22"));
    assert_eq!((r[2].1, imported.txns[2].balance), (money("-100.00"), None));
    assert!(imported.txns.iter().all(|t| t.currency == Currency::EUR));
    assert_eq!(guess_side(d), Some(Side::Bank));
}

#[test]
fn wise_is_an_account_not_a_terminal_log() {
    let imported = import("unseen/wise.csv", Side::Bank);
    let d = &imported.details;
    // A card column (the card Wise issued) beside a running balance: no terminal-log preset, the bank side.
    assert_eq!((d.preset.as_deref(), guess_side(d)), (None, Some(Side::Bank)));
    let r = rows(&imported);
    assert_eq!(r.len(), 3);
    assert_eq!(
        r[0],
        (
            2,
            money("1240.00"),
            "2026-11-24 00:00:00".into(),
            Some("TRANSFER-981234567")
        )
    );
    assert_eq!((r[2].1, r[2].2.as_str()), (money("-300.00"), "2026-11-20 00:00:00"));
    // `Merchant` is where the card was used, not an acquirer's merchant number.
    assert_eq!(text(&imported.txns[1].counterparty), "Papeterie du Coin PARIS");
    assert_eq!(imported.txns[1].merchant_id, None);
}

#[test]
fn n26_currency_from_the_amount_header() {
    let imported = import("unseen/n26.csv", Side::Bank);
    let r = rows(&imported);
    assert_eq!(r.len(), 3);
    assert_eq!((r[0].1, r[0].2.as_str()), (money("1240.0"), "2026-11-24 00:00:00"));
    assert_eq!(r[1].1, money("-12.5"));
    assert!(imported.txns.iter().all(|t| t.currency == Currency::EUR));
    assert!(!assumed(&imported));
}

#[test]
fn ing_germany_below_its_preamble_with_comma_decimals() {
    let imported = import("unseen/ing-de.csv", Side::Bank);
    let d = &imported.details;
    assert_eq!(
        (d.encoding.as_str(), d.delimiter, d.header_line),
        ("windows-1252", Some(';'), 15)
    );
    assert_eq!(d.preamble.len(), 10);
    let r = rows(&imported);
    assert_eq!(r.len(), 3);
    assert_eq!((r[0].1, r[0].2.as_str()), (money("1240.00"), "2026-11-24 00:00:00"));
    assert_eq!((r[1].1, r[2].1), (money("-12.50"), money("-300.00")));
    assert_eq!(imported.txns[0].balance, Some(money("5240.55")));
    assert_eq!(text(&imported.txns[0].counterparty), "SumUp Payments Limited");
    assert_eq!(text(&imported.txns[1].counterparty), "Schreibwaren Ecke");
    assert!(imported.txns.iter().all(|t| t.currency == Currency::EUR));
}

#[test]
fn deutsche_bank_soll_and_haben_and_its_closing_balance_line() {
    let imported = import("unseen/deutsche-bank.csv", Side::Bank);
    let d = &imported.details;
    assert_eq!(d.profile.columns.get(&Field::Debit).map(String::as_str), Some("Soll"));
    let r = rows(&imported);
    assert_eq!(r.len(), 3);
    assert_eq!(
        (r[0].0, r[0].1, r[0].2.as_str()),
        (5, money("1240.00"), "2026-11-24 00:00:00")
    );
    assert_eq!((r[1].1, r[2].1), (money("-89.00"), money("-12.50")));
    assert_eq!(text(&imported.txns[1].counterparty), "Stadtwerke Beispielstadt");
    // `Kontostand;24.11.2026;…` closes the table: skipped and listed, not a bad row.
    assert_eq!(d.skipped_summary_lines.len(), 1);
    assert!(d.skipped_summary_lines[0].text.starts_with("Kontostand"));
}

#[test]
fn credit_agricole_debit_and_credit_in_euros_with_multi_line_labels() {
    let imported = import("unseen/credit-agricole.csv", Side::Bank);
    let d = &imported.details;
    assert_eq!(
        d.profile.columns.get(&Field::Credit).map(String::as_str),
        Some("Crédit euros")
    );
    let r = rows(&imported);
    assert_eq!(r.len(), 3);
    // `1 240,00`: space thousands, comma decimals; a row's line is where its quoted label starts.
    assert_eq!(
        (r[0].0, r[0].1, r[0].2.as_str()),
        (8, money("1240.00"), "2026-11-24 00:00:00")
    );
    assert_eq!((r[1].1, r[2].1), (money("-12.50"), money("-89.00")));
    assert!(text(&imported.txns[0].description).contains("SUMUP PAYMENTS LIMITED"));
    assert!(imported.txns.iter().all(|t| t.currency == Currency::EUR));
    assert!(!assumed(&imported));
}

#[test]
fn paypal_activity_is_a_payment_providers_log_with_gross_fee_and_net() {
    let imported = import("unseen/paypal-activity.csv", Side::Terminal);
    let d = &imported.details;
    assert_eq!(d.preset.as_deref(), Some("en-provider-gross-fee-net"));
    assert_eq!(guess_side(d), Some(Side::Terminal));
    let r = rows(&imported);
    assert_eq!(r.len(), 3);
    assert_eq!(
        r[0],
        (
            2,
            money("1240.00"),
            "2026-11-24 13:05:09".into(),
            Some("5TY12345AB678901C")
        )
    );
    let sale = &imported.txns[0];
    assert_eq!(
        (sale.fee, sale.net, sale.currency),
        (Some(money("36.26")), Some(money("1203.74")), Currency::USD)
    );
    assert_eq!((r[1].1, imported.txns[1].kind), (money("-12.50"), TxnKind::Refund));
    assert_eq!(r[2].1, money("-1191.60"));
    // PayPal's Balance moves by each row's net: no page is missing from this file.
    assert_eq!(posrecon::engine::balance_gap::find(&imported.txns), Vec::new());
}

#[test]
fn adyen_settlement_details_gross_credit_and_debit() {
    // A payout row carries its money in Net Debit only: the first drop names that row; skipping it reads the rest.
    match refused("adyen-settlement-details.csv") {
        ImportError::BadRows { count, rows, .. } => {
            assert_eq!((count, rows[0].line), (1, 4));
        }
        other => panic!("{other}"),
    }
    let opts = ImportOptions {
        side: Side::Terminal,
        skip_bad_rows: true,
        ..ImportOptions::default()
    };
    let bytes = fixture("adyen-settlement-details.csv");
    let imported = import_bytes("adyen.csv", &bytes, &opts).unwrap_or_else(|e| panic!("{e}"));
    let r = rows(&imported);
    assert_eq!(r.len(), 2);
    assert_eq!(
        r[0],
        (
            2,
            money("1240.00"),
            "2026-11-24 13:05:09".into(),
            Some("8816123456789012")
        )
    );
    assert_eq!((r[1].1, imported.txns[1].kind), (money("-12.50"), TxnKind::Refund));
    assert_eq!(
        (imported.txns[0].kind, imported.txns[0].currency),
        (TxnKind::Sale, Currency::EUR)
    );
    assert_eq!(imported.txns[0].batch_no.as_deref(), Some("212"));
}

#[test]
fn cathay_taiwan_big5_traditional_headers() {
    let imported = import("unseen/cathay-tw-big5.csv", Side::Bank);
    let d = &imported.details;
    assert_eq!(d.encoding, "Big5");
    assert_eq!(
        d.profile.columns.get(&Field::Credit).map(String::as_str),
        Some("存款金額")
    );
    let r = rows(&imported);
    assert_eq!(r.len(), 3);
    assert_eq!((r[0].1, r[0].2.as_str()), (money("12400"), "2026-11-24 00:00:00"));
    assert_eq!((r[1].1, r[2].1), (money("-500"), money("-2000")));
    assert_eq!(imported.txns[0].balance, Some(money("152400")));
    assert_eq!(text(&imported.txns[1].description), "超商繳費");
    // A traditional-Chinese header is Taiwan's or Hong Kong's: the currency is said to be assumed, not CNY.
    assert!(assumed(&imported));
}

#[test]
fn smbc_japan_shift_jis_is_read_in_yen() {
    let imported = import("unseen/smbc-jp-sjis.csv", Side::Bank);
    let d = &imported.details;
    assert_eq!((d.encoding.as_str(), d.preset.as_deref()), ("Shift_JIS", None));
    let r = rows(&imported);
    assert_eq!(r.len(), 3);
    assert_eq!((r[0].1, r[0].2.as_str()), (money("124000"), "2026-11-24 00:00:00"));
    assert_eq!(
        (r[1].1, text(&imported.txns[1].description)),
        (money("-3300"), "カード")
    );
    assert_eq!(imported.txns[0].balance, Some(money("1524000")));
    assert!(
        imported
            .txns
            .iter()
            .all(|t| t.currency.as_str() == "JPY" && t.status == TxnStatus::Ok)
    );
}

#[test]
fn bank_of_china_debit_signed_amounts_with_a_currency_name_column() {
    let imported = import("unseen/boc-debit-gbk.csv", Side::Bank);
    let d = &imported.details;
    assert_eq!((d.encoding.as_str(), d.header_line), ("GBK", 2));
    let r = rows(&imported);
    assert_eq!(r.len(), 3);
    assert_eq!((r[0].1, r[0].2.as_str()), (money("1240.00"), "2026-11-24 17:57:17"));
    assert_eq!(
        (r[2].1, text(&imported.txns[2].counterparty)),
        (money("-2600.00"), "上海某某物业管理有限公司")
    );
    assert_eq!(imported.txns[0].balance, Some(money("13240.28")));
    assert!(imported.txns.iter().all(|t| t.currency == Currency::CNY));
}

#[test]
fn bank_of_communications_direction_written_in_two_languages() {
    // 借贷 holds `贷 Cr` / `借 Dr` beside an unsigned amount.
    let imported = import("unseen/bocom-debit.csv", Side::Bank);
    let r = rows(&imported);
    assert_eq!(r.len(), 3);
    assert_eq!((r[0].1, r[0].2.as_str()), (money("1240.00"), "2026-11-24 13:15:12"));
    assert_eq!((r[1].1, r[1].2.as_str()), (money("-36.00"), "2026-11-23 11:46:44"));
    assert_eq!(r[2].1, money("0.02"));
    assert_eq!(imported.txns[1].balance, Some(money("12000.28")));
}

#[test]
fn bmo_date_posted_below_a_preamble() {
    let imported = import("unseen/bmo-debit.csv", Side::Bank);
    let d = &imported.details;
    assert_eq!((d.header_line, d.preamble.len()), (4, 1));
    let r = rows(&imported);
    assert_eq!(r.len(), 3);
    // Compact yyyymmdd dates; blank lines between header and rows are passed over.
    assert_eq!(
        (r[0].0, r[0].1, r[0].2.as_str()),
        (7, money("1240.00"), "2026-11-24 00:00:00")
    );
    assert_eq!(
        (r[2].1, text(&imported.txns[2].description)),
        (money("-50.0"), "[CW]BC HYDRO")
    );
}

#[test]
fn shopify_payments_transactions_are_a_providers_log_settled_on_the_payout_date() {
    let imported = import("unseen/shopify-payments-transactions.csv", Side::Terminal);
    let d = &imported.details;
    assert_eq!(
        (d.preset.as_deref(), guess_side(d)),
        (Some("en-provider-gross-fee-net"), Some(Side::Terminal))
    );
    let r = rows(&imported);
    assert_eq!(r.len(), 3);
    // The time as printed (the offset after it is the shop's own zone).
    assert_eq!(r[0], (2, money("1240.00"), "2026-11-24 13:05:09".into(), Some("#1001")));
    assert_eq!((r[1].1, imported.txns[1].kind), (money("-12.50"), TxnKind::Refund));
    let sale = &imported.txns[2];
    assert_eq!((sale.fee, sale.net), (Some(money("2.79")), Some(money("83.21"))));
    assert_eq!(sale.settle_date.map(|d| d.to_string()).as_deref(), Some("2026-11-27"));
}

#[test]
fn hsbc_hong_kong_billing_amounts_in_two_currencies() {
    // Each amount is quoted with a tab after the closing quote (`"-36.00"\t,`); a CNY row sits among HKD ones.
    let imported = import("unseen/hsbc-hk-debit.csv", Side::Bank);
    let r = rows(&imported);
    assert_eq!(r.len(), 4);
    assert_eq!((r[0].1, r[0].2.as_str()), (money("1240.00"), "2026-11-24 00:00:00"));
    assert_eq!(
        (r[1].1, imported.txns[1].balance),
        (money("-36.00"), Some(money("12372.17")))
    );
    let currencies: Vec<&str> = imported.txns.iter().map(|t| t.currency.as_str()).collect();
    assert_eq!(currencies, ["HKD", "HKD", "CNY", "HKD"]);
    assert_eq!(text(&imported.txns[3].description), "INTEREST CREDIT");
}

#[test]
fn sparkasse_camt_csv_with_umlauts_written_out_and_two_digit_years() {
    // `Waehrung`, `Beguenstigter/Zahlungspflichtiger`: the same words as `Währung`, `Begünstigter`.
    let imported = import("unseen/sparkasse-camt-v2.csv", Side::Bank);
    let d = &imported.details;
    assert_eq!(
        d.profile.columns.get(&Field::Currency).map(String::as_str),
        Some("Waehrung")
    );
    let r = rows(&imported);
    assert_eq!(r.len(), 3);
    assert_eq!(
        r[0],
        (2, money("1240.00"), "2026-11-24 00:00:00".into(), Some("PAYOUT-4Q2K"))
    );
    assert_eq!(
        (r[2].1, text(&imported.txns[2].counterparty)),
        (money("-89.00"), "Stadtwerke Beispielstadt")
    );
    assert_eq!(text(&imported.txns[0].account), "DE00500500000000000000");
    assert!(imported.txns.iter().all(|t| t.currency == Currency::EUR));
}

#[test]
fn ing_netherlands_af_bij_beside_unsigned_amounts() {
    let imported = import("unseen/ing-nl.csv", Side::Bank);
    let d = &imported.details;
    assert_eq!(
        d.profile.columns.get(&Field::Direction).map(String::as_str),
        Some("Af Bij")
    );
    let r = rows(&imported);
    assert_eq!(r.len(), 3);
    // `Bij` is money in, `Af` money out; yyyymmdd dates; comma decimals.
    assert_eq!((r[0].1, r[0].2.as_str()), (money("1240.00"), "2026-11-24 00:00:00"));
    assert_eq!((r[1].1, r[2].1), (money("-12.50"), money("-89.00")));
    assert_eq!(imported.txns[2].balance, Some(money("4013.05")));
    assert_eq!(text(&imported.txns[0].counterparty), "SumUp Payments Limited");
    assert_eq!(text(&imported.txns[0].account), "NL00INGB0000000000");
    assert!(imported.txns.iter().all(|t| t.currency == Currency::EUR));
}
