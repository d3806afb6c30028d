//! The formats in tests/formats/ reconciled end to end against a counterpart fixture (`*-counterpart.csv`):
//! a terminal log whose sales a bank export or payment-app bill settles, or a bank statement that pays an
//! acquirer report or payment-app export. Each case plants, in memory, a duplicate (a counterpart row repeated)
//! and a missing row (a counterpart row nothing on the other side accounts for), and asserts what a shop owner
//! relies on: how many rows of the format were paired, that the planted rows are `duplicate` and `missing`, that
//! nothing else of the counterpart is missing, and the format's own findings (neutral moves, balance gaps).
//!
//! Also: a balance gap in a bank export (a row cut out) is a `balance_gap` finding in the report and in
//! `posrecon inspect`, a file that matches no preset imports through header synonyms or says which fields it
//! found and which are missing (and how to give a mapping), and a file without a currency column takes the
//! currency its amounts or the lines above its header are written in, and one that names none (the English
//! SumUp export) takes the other side's.
//!
//! Stripe: the payments export (a refunded charge is its sale and its refund) is paid by the payouts on the shop's
//! bank statement, net of fees and refunds, and by the payouts report read as the bank side (signs turned, dated
//! by the expected arrival; a failed payout takes no part and the charges it was to pay stay owed). Charges a
//! tourist paid in EUR add up to a USD payout as Stripe converted them; a lost dispute's chargeback is paid out
//! of the payout, an authorisation never captured takes no part.

use std::collections::BTreeMap;

use posrecon::engine::{Config, Report, RowOutcome, RuleId, Status, reconcile};
use posrecon::import::currency::{Adopted, adopt_counterpart_currency};
use posrecon::import::{ImportOptions, Imported, import_bytes, inspect::inspect_bytes};
use posrecon::model::{Side, SourceId, Txn, TxnStatus};

use crate::kit::{fixture, temp_dir};

fn import(name: &str, bytes: &[u8], side: Side, source: u16) -> Vec<Txn> {
    imported(name, bytes, side, source).txns
}

fn imported(name: &str, bytes: &[u8], side: Side, source: u16) -> Imported {
    let opts = ImportOptions {
        side,
        source: SourceId(source),
        ..ImportOptions::default()
    };
    import_bytes(name, bytes, &opts).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The counterpart's text with its first data row repeated at the end (the planted duplicate, line n + 1) and
/// `unpaid` appended after it (the planted missing row, line n + 2).
fn planted(counterpart: &str, unpaid: &str) -> (Vec<u8>, u32, u32) {
    let text = String::from_utf8(fixture(counterpart)).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    let n = u32::try_from(lines.len()).unwrap_or(0);
    let repeated = lines.get(1).copied().unwrap_or_default();
    (format!("{text}{repeated}\n{unpaid}\n").into_bytes(), n + 1, n + 2)
}

/// One format against its counterpart.
struct Case {
    /// The format's fixture and the side it is read as.
    format: &'static str,
    side: Side,
    counterpart: &'static str,
    /// A counterpart row nothing of the format accounts for.
    unpaid: &'static str,
    /// Rows of the format paired with the counterpart (`matched` or `in_batch`), by line.
    paired: &'static [u32],
    /// Counterpart rows the fixture itself leaves unpaid, besides the planted one.
    unpaid_in_fixture: &'static [u32],
}

/// What reconciling a case gave: statuses and rule ids by (format or counterpart, line).
struct Outcome {
    /// By line; of several rows on one line (a refunded charge and its refund) the last.
    format: BTreeMap<u32, (Status, Vec<RuleId>)>,
    /// Every row of the format in file order: (line, status, rules).
    format_rows: Vec<(u32, Status, Vec<RuleId>)>,
    counterpart: BTreeMap<u32, (Status, Vec<RuleId>)>,
    duplicate_line: u32,
    unpaid_line: u32,
}

fn by_line(rows: &[Txn], outcomes: &[RowOutcome], source: u16) -> BTreeMap<u32, (Status, Vec<RuleId>)> {
    rows.iter()
        .zip(outcomes)
        .filter(|(t, _)| t.row.source == SourceId(source))
        .map(|(t, o)| (t.row.line, (o.status, o.flags.iter().map(|f| f.rule).collect())))
        .collect()
}

/// What reconciling a case gave, with the files read as a reconcile reads them: a file that names no currency
/// takes the other side's.
fn run(case: &Case) -> Outcome {
    run_adopting(case).0
}

fn run_adopting(case: &Case) -> (Outcome, Vec<Adopted>, [Imported; 2]) {
    let (bytes, duplicate_line, unpaid_line) = planted(case.counterpart, case.unpaid);
    let other_side = if case.side == Side::Bank {
        Side::Terminal
    } else {
        Side::Bank
    };
    let mut files = [
        imported(case.format, &fixture(case.format), case.side, 0),
        imported(case.counterpart, &bytes, other_side, 1),
    ];
    let adopted = adopt_counterpart_currency(&mut files);
    let [format, counterpart] = [&files[0].txns, &files[1].txns];
    let (terminal, bank) = if case.side == Side::Bank {
        (counterpart, format)
    } else {
        (format, counterpart)
    };
    let report: Report = reconcile(terminal, bank, &Config::default(), &[]);
    let (format_out, counterpart_out) = if case.side == Side::Bank {
        (&report.bank, &report.terminal)
    } else {
        (&report.terminal, &report.bank)
    };
    let outcome = Outcome {
        format: by_line(format, format_out, 0),
        format_rows: format
            .iter()
            .zip(format_out)
            .map(|(t, o)| (t.row.line, o.status, o.flags.iter().map(|f| f.rule).collect()))
            .collect(),
        counterpart: by_line(counterpart, counterpart_out, 1),
        duplicate_line,
        unpaid_line,
    };
    (outcome, adopted, files)
}

fn check(case: &Case) -> Outcome {
    let out = run(case);
    let name = case.format;
    let paired: Vec<u32> = out
        .format
        .iter()
        .filter(|(_, (s, _))| matches!(s, Status::Matched | Status::InBatch))
        .map(|(line, _)| *line)
        .collect();
    assert_eq!(
        paired, case.paired,
        "{name}: rows paired with {}: {:?}",
        case.counterpart, out.format
    );
    let status = |line: u32| out.counterpart.get(&line).map(|(s, rules)| (*s, rules.clone()));
    let (dup_status, dup_rules) = status(out.duplicate_line).unwrap_or((Status::Matched, Vec::new()));
    assert_eq!(dup_status, Status::Duplicate, "{name}: the repeated counterpart row");
    assert!(dup_rules.contains(&RuleId::DuplicateInSource), "{name}: {dup_rules:?}");
    assert_eq!(
        status(out.unpaid_line).map(|s| s.0),
        Some(Status::Missing),
        "{name}: the planted unpaid row"
    );
    let missing: Vec<u32> = out
        .counterpart
        .iter()
        .filter(|(_, (s, _))| *s == Status::Missing)
        .map(|(line, _)| *line)
        .collect();
    let expected: Vec<u32> = case
        .unpaid_in_fixture
        .iter()
        .copied()
        .chain([out.unpaid_line])
        .collect();
    assert_eq!(
        missing, expected,
        "{name}: counterpart rows missing: {:?}",
        out.counterpart
    );
    out
}

const CN_SALE_UNPAID: &str = "2026-11-22,12:00:00,QR09,2088123400009,Sale,66.00,0.00,CNY,PLANTED-UNPAID";
const CN_BATCH_UNPAID: &str = "2026-11-18,12:00:00,20012345,898310058120345,Sale,77.70,0.47,CNY,PLANTED-UNPAID";
const CN_CREDIT_UNPAID: &str = "2026-11-20,09:30:00,POS结算,999.99,,CNY,银联商务股份有限公司,PLANTED-UNPAID";

#[test]
fn payment_app_bills_read_as_the_bank_side_pay_the_till_sales() {
    let out = check(&Case {
        format: "alipay-personal-gbk.csv",
        side: Side::Bank,
        counterpart: "alipay-personal-counterpart.csv",
        unpaid: CN_SALE_UNPAID,
        paired: &[26, 30],
        unpaid_in_fixture: &[],
    });
    // 不计收支 (a move into 余额宝, a refund back to the owner), the owner's own purchase and a closed payment
    // take no part.
    for line in [27, 28, 29, 31] {
        assert_eq!(
            out.format.get(&line).map(|o| o.0),
            Some(Status::Unrelated),
            "alipay line {line}"
        );
    }
    let out = check(&Case {
        format: "alipay-web-export-gbk.csv",
        side: Side::Bank,
        counterpart: "alipay-web-export-counterpart.csv",
        unpaid: CN_SALE_UNPAID,
        paired: &[9],
        unpaid_in_fixture: &[],
    });
    // The older web export: a move into 余额宝 (资金转移), a closed payment and the owner's own purchase take no
    // part; its 即时到账交易 receipt pays the till's sale.
    for line in [6, 7, 8] {
        assert_eq!(
            out.format.get(&line).map(|o| o.0),
            Some(Status::Unrelated),
            "alipay web export line {line}"
        );
    }
    for bill in ["wechat-personal.csv", "wechat-personal.xlsx"] {
        let out = check(&Case {
            format: bill,
            side: Side::Bank,
            counterpart: "wechat-personal-counterpart.csv",
            unpaid: CN_SALE_UNPAID,
            paired: &[18, 19, 22],
            unpaid_in_fixture: &[],
        });
        // `/`: the withdrawal of the wallet to the owner's bank card is not a customer's payment.
        assert_eq!(out.format.get(&21).map(|o| o.0), Some(Status::Unrelated), "{bill}");
    }
    let out = check(&Case {
        format: "alipay-merchant-ledger-gbk.csv",
        side: Side::Bank,
        counterpart: "alipay-merchant-ledger-counterpart.csv",
        unpaid: CN_SALE_UNPAID,
        paired: &[6, 7, 8],
        unpaid_in_fixture: &[],
    });
    // The 服务费 debit equals the fee of the day's paired sale; the withdrawal is the owner's.
    assert_eq!(out.format.get(&9).map(|o| o.0), Some(Status::Unrelated));
}

#[test]
fn chinese_bank_exports_pay_a_days_card_takings() {
    for (format, counterpart, paired) in [
        ("icbc-debit-gbk.csv", "icbc-debit-counterpart.csv", &[8][..]),
        ("cmb-debit.csv", "cmb-debit-counterpart.csv", &[7, 10][..]),
        ("abc-debit-credit-gbk.csv", "abc-debit-credit-counterpart.csv", &[6][..]),
        ("ccb-debit-gbk.csv", "ccb-debit-counterpart.csv", &[8][..]),
        ("ccb-debit.xls", "ccb-debit-counterpart.csv", &[8][..]),
        ("ccb-debit-html.xls", "ccb-debit-counterpart.csv", &[12][..]),
    ] {
        let out = check(&Case {
            format,
            side: Side::Bank,
            counterpart,
            unpaid: CN_BATCH_UNPAID,
            paired,
            unpaid_in_fixture: &[],
        });
        let flagged: Vec<_> = out.format.values().flat_map(|(_, rules)| rules).collect();
        assert!(
            !flagged.contains(&&RuleId::BalanceGap),
            "{format}: its balances add up: {flagged:?}"
        );
    }
}

#[test]
fn structured_statements_pay_a_days_card_takings() {
    let eur_unpaid = "2026-11-18,12:00:00,T01,104455,Sale,77.70,0.47,EUR,PLANTED-UNPAID";
    check(&Case {
        format: "mt940-year-end.sta",
        side: Side::Bank,
        counterpart: "mt940-year-end-counterpart.csv",
        unpaid: eur_unpaid,
        paired: &[5, 20],
        unpaid_in_fixture: &[],
    });
    check(&Case {
        format: "ofx1-checking-cp1252.ofx",
        side: Side::Bank,
        counterpart: "ofx1-checking-counterpart.csv",
        unpaid: "2026-11-17,12:00:00,Counter iPad,ML4455,Sale,77.70,2.02,USD,PLANTED-UNPAID",
        paired: &[43, 68, 84],
        unpaid_in_fixture: &[],
    });
    check(&Case {
        format: "ofx2-two-accounts.ofx",
        side: Side::Bank,
        counterpart: "ofx2-two-accounts-counterpart.csv",
        unpaid: eur_unpaid,
        paired: &[26],
        unpaid_in_fixture: &[],
    });
    check(&Case {
        format: "camt053-two-days.xml",
        side: Side::Bank,
        counterpart: "camt053-counterpart-terminal.csv",
        unpaid: eur_unpaid,
        paired: &[35, 119],
        // The 48.50 sale the 23 November settlement left out.
        unpaid_in_fixture: &[49],
    });
    let out = check(&Case {
        format: "camt053-v08-gap.xml",
        side: Side::Bank,
        counterpart: "camt053-v08-gap-counterpart.csv",
        unpaid: "2026-11-18,12:00:00,W01,CH-77881,Sale,77.70,0.47,CHF,PLANTED-UNPAID",
        paired: &[10],
        unpaid_in_fixture: &[],
    });
    // Opening −250.00 + 1,480.40 + 600.00 ≠ closing 1,630.40: the gap shows on the statement's last row.
    assert_eq!(out.format.get(&18).map(|o| o.1.clone()), Some(vec![RuleId::BalanceGap]));
}

#[test]
fn acquirer_and_payment_provider_reports_are_paid_by_the_bank() {
    for (format, counterpart, paired) in [
        (
            "allinpay-settlement.csv",
            "allinpay-settlement-counterpart.csv",
            &[4, 5, 6][..],
        ),
        (
            "chinaums-settlement-gbk.csv",
            "chinaums-settlement-counterpart.csv",
            &[2, 6][..],
        ),
        ("lakala-settlement.csv", "lakala-settlement-counterpart.csv", &[2][..]),
        (
            "square-transactions.csv",
            "square-transactions-counterpart.csv",
            &[2, 3, 4, 5][..],
        ),
        ("sumup-de.csv", "sumup-de-counterpart.csv", &[2, 3][..]),
        (
            "wechat-merchant-all.csv",
            "wechat-merchant-all-counterpart.csv",
            &[2, 3, 4, 5, 6][..],
        ),
        (
            "wechat-merchant-all-2018.csv",
            "wechat-merchant-all-2018-counterpart.csv",
            &[2, 3, 4][..],
        ),
        (
            "alipay-merchant-trades-gbk.csv",
            "alipay-merchant-trades-counterpart.csv",
            &[6, 7, 8, 9][..],
        ),
        // The payout of 26 November pays the 24th's charges, fees and refund; line 5 is an earlier payout.
        (
            "stripe-balance-report.csv",
            "stripe-balance-report-counterpart.csv",
            &[2, 3, 4][..],
        ),
    ] {
        check(&Case {
            format,
            side: Side::Terminal,
            counterpart,
            unpaid: CN_CREDIT_UNPAID,
            paired,
            unpaid_in_fixture: &[],
        });
    }
    // SumUp's refund of 23 November has no sale before it in the export and no payout pays it back.
    let sumup = run(&Case {
        format: "sumup-de.csv",
        side: Side::Terminal,
        counterpart: "sumup-de-counterpart.csv",
        unpaid: CN_CREDIT_UNPAID,
        paired: &[],
        unpaid_in_fixture: &[],
    });
    assert_eq!(
        sumup.format.get(&5).cloned(),
        Some((Status::Missing, vec![RuleId::RefundWithoutSale]))
    );
}

#[test]
fn a_card_statement_of_the_shops_own_purchases_has_no_card_takings() {
    // A QFX credit-card statement: supplies, a software subscription and its refund, a fee. Reconciled against
    // a till log, none of it is card money owed to the shop, and the till's sale stays missing.
    let bank = import("quicken-card.qfx", &fixture("quicken-card.qfx"), Side::Bank, 0);
    let (till, _, unpaid_line) = planted(
        "ofx1-checking-counterpart.csv",
        "2026-11-03,12:00:00,Counter iPad,ML4455,Sale,29.99,0.78,USD,X",
    );
    let terminal = import("till.csv", &till, Side::Terminal, 1);
    let report = reconcile(&terminal, &bank, &Config::default(), &[]);
    assert!(
        report.bank.iter().all(|o| o.status == Status::Unrelated),
        "{:?}",
        report.bank
    );
    let unpaid = terminal
        .iter()
        .position(|t| t.row.line == unpaid_line)
        .and_then(|i| report.terminal.get(i));
    assert_eq!(unpaid.map(|o| o.status), Some(Status::Missing));
}

#[test]
fn neutral_rows_import_and_are_shown_but_take_no_part() {
    let alipay = import(
        "alipay-personal-gbk.csv",
        &fixture("alipay-personal-gbk.csv"),
        Side::Bank,
        0,
    );
    let neutral: Vec<u32> = alipay
        .iter()
        .filter(|t| t.status == TxnStatus::Neutral)
        .map(|t| t.row.line)
        .collect();
    assert_eq!(neutral, [28, 31]);
    let wechat = import("wechat-personal.csv", &fixture("wechat-personal.csv"), Side::Bank, 0);
    let neutral: Vec<u32> = wechat
        .iter()
        .filter(|t| t.status == TxnStatus::Neutral)
        .map(|t| t.row.line)
        .collect();
    assert_eq!(neutral, [21]);
    let shown = inspect_bytes("wechat-personal.csv", &fixture("wechat-personal.csv"), None).text;
    assert!(shown.contains("neutral"), "{shown}");
}

/// The file with its physical line `line` (1-based) taken out, bytes untouched otherwise (GBK stays GBK).
fn without_line(bytes: &[u8], line: usize) -> Vec<u8> {
    let mut lines: Vec<&[u8]> = bytes.split_inclusive(|b| *b == b'\n').collect();
    if line >= 1 && line <= lines.len() {
        lines.remove(line - 1);
    }
    lines.concat()
}

#[test]
fn a_row_cut_out_of_a_bank_export_is_a_balance_gap_in_the_report_and_in_inspect() {
    // ICBC lists the newest row first; line 9 (a transfer of −3,000.00) is cut out.
    let cut = without_line(&fixture("icbc-debit-gbk.csv"), 9);
    let bank = import("icbc-cut.csv", &cut, Side::Bank, 0);
    let terminal = import(
        "icbc-debit-counterpart.csv",
        &fixture("icbc-debit-counterpart.csv"),
        Side::Terminal,
        1,
    );
    let report = reconcile(&terminal, &bank, &Config::default(), &[]);
    let flagged: Vec<(u32, Status, String)> = bank
        .iter()
        .zip(&report.bank)
        .flat_map(|(t, o)| {
            o.flags
                .iter()
                .filter(|f| f.rule == RuleId::BalanceGap)
                .map(move |f| (t.row.line, o.status, f.reason.en.to_string()))
        })
        .collect();
    // The row after the gap (in time) is the 12,407.30 credit on line 8; it still pays the day's takings.
    assert_eq!(flagged.len(), 1, "{flagged:?}");
    assert_eq!((flagged[0].0, flagged[0].1), (8, Status::InBatch));
    assert_eq!(
        flagged[0].2,
        "The balance jumps from ¥16,000.00 after line 9 to ¥25,407.30 after line 8, which moves ¥12,407.30: \
         ¥3,000.00 of money out is missing between line 8 and line 9 (a missing page or row)."
    );
    assert_eq!(report.summary.flags.get("balance_gap"), Some(&1));
    let flag = report
        .bank
        .first()
        .and_then(|o| o.flags.iter().find(|f| f.rule == RuleId::BalanceGap));
    assert!(
        flag.is_some_and(|f| f.reason.zh.contains("缺少合计 ¥3,000.00 的支出记录")),
        "{flag:?}"
    );

    let shown = inspect_bytes("icbc-cut.csv", &cut, None).text;
    assert!(shown.contains("balances:    DO NOT ADD UP"), "{shown}");
    assert!(shown.contains("line 8: The balance jumps from ¥16,000.00"), "{shown}");
    let whole = inspect_bytes("icbc-debit-gbk.csv", &fixture("icbc-debit-gbk.csv"), None).text;
    assert!(whole.contains("balances:    add up (4 rows with a balance)"), "{whole}");
}

#[test]
fn a_missing_mt940_page_shows_in_inspect_and_as_a_flag() {
    let text = String::from_utf8(fixture("mt940-year-end.sta")).unwrap_or_default();
    let short = text.replace(":61:2701021231D12,50NCHGNONREF//B6123100012\r\n", "");
    let shown = inspect_bytes("short.sta", short.as_bytes(), None).text;
    assert!(
        shown.contains("statement STMT261231/00251/001: opening balance + rows"),
        "{shown}"
    );
    let bank = import("short.sta", short.as_bytes(), Side::Bank, 0);
    let report = reconcile(&[], &bank, &Config::default(), &[]);
    let gaps: Vec<u32> = bank
        .iter()
        .zip(&report.bank)
        .filter(|(_, o)| o.flags.iter().any(|f| f.rule == RuleId::BalanceGap))
        .map(|(t, _)| t.row.line)
        .collect();
    assert_eq!(
        gaps.len(),
        1,
        "the statement's last booked row carries the stated closing balance"
    );
}

#[test]
fn a_file_no_preset_knows_imports_through_header_synonyms_and_reconciles() {
    let export = "记账日期,交易摘要,发生额,对方名称\n\
                  2026-11-24,POS入账,12407.30,银联商务股份有限公司\n\
                  2026-11-23,房租,-3000.00,某某房东\n";
    let opts = ImportOptions {
        side: Side::Bank,
        ..ImportOptions::default()
    };
    let imported = import_bytes("other-bank.csv", export.as_bytes(), &opts).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(imported.details.preset, None);
    assert_eq!(imported.txns.len(), 2);
    let terminal = import(
        "icbc-debit-counterpart.csv",
        &fixture("icbc-debit-counterpart.csv"),
        Side::Terminal,
        1,
    );
    let report = reconcile(&terminal, &imported.txns, &Config::default(), &[]);
    let statuses: Vec<Status> = report.bank.iter().map(|o| o.status).collect();
    assert_eq!(statuses, [Status::InBatch, Status::Unrelated]);
}

#[test]
fn a_file_without_the_needed_columns_says_what_it_found_and_how_to_map_it() {
    let export = "记账日期,交易摘要,对方名称\n2026-11-24,POS入账,银联商务股份有限公司\n";
    let opts = ImportOptions {
        side: Side::Bank,
        ..ImportOptions::default()
    };
    let err = import_bytes("odd.csv", export.as_bytes(), &opts)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        err.contains("recognised columns: date, description, counterparty"),
        "{err}"
    );
    assert!(err.contains("missing: amount"), "{err}");
    assert!(err.contains("mapping step"), "{err}");
    let shown = inspect_bytes("odd.csv", export.as_bytes(), None).text;
    assert!(
        shown.contains("hint:        write the mapping as a profile (TOML) and pass it with --profile"),
        "{shown}"
    );

    let dir = temp_dir("h6-odd");
    let (odd, till) = (dir.join("odd.csv"), dir.join("till.csv"));
    let written =
        std::fs::write(&odd, export).and_then(|()| std::fs::write(&till, fixture("icbc-debit-counterpart.csv")));
    assert!(written.is_ok(), "{written:?}");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_posrecon"))
        .args(["reconcile", "--terminal"])
        .arg(&till)
        .arg("--bank")
        .arg(&odd)
        .output();
    let _ = std::fs::remove_dir_all(&dir);
    let run = run.unwrap_or_else(|e| panic!("posrecon: {e}"));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("--bank-profile P.toml"), "{stderr}");
}

#[test]
fn a_file_without_a_currency_column_takes_the_currency_its_amounts_are_written_in() {
    let export = "Date,Description,Amount,Fee,Reference,Terminal ID\n\
                  2026-11-24 13:05:09,Coffee,£12.50,£0.21,R-1,T1\n\
                  2026-11-24 15:30:00,Cake,\"£1,240.00\",£20.83,R-2,T1\n";
    let t = import("pounds.csv", export.as_bytes(), Side::Terminal, 0);
    assert_eq!(
        t.iter().map(|t| t.currency.as_str()).collect::<Vec<_>>(),
        ["GBP", "GBP"]
    );
    let shown = inspect_bytes("pounds.csv", export.as_bytes(), None).text;
    assert!(
        shown.contains("currency:    GBP (from the currency signs in the amounts or the lines above the header)"),
        "{shown}"
    );
    // A preset's or column's currency wins; the WeChat bill's ¥ signs and Square's $ agree with them anyway.
    let square = import(
        "square-transactions.csv",
        &fixture("square-transactions.csv"),
        Side::Terminal,
        0,
    );
    assert!(square.iter().all(|t| t.currency.as_str() == "USD"));
    // A statement whose lines above the header name the currency.
    let export = "Account statement 12345\nCurrency: EUR\n\nDate,Details,Money in,Money out,Balance\n\
                  2026-11-24,Card settlement 23.11.,1987.30,,12818.85\n";
    let bank = import("eur.csv", export.as_bytes(), Side::Bank, 0);
    assert_eq!(bank.iter().map(|t| t.currency.as_str()).collect::<Vec<_>>(), ["EUR"]);
    let wechat = inspect_bytes("wechat-personal.csv", &fixture("wechat-personal.csv"), None).text;
    assert!(wechat.contains("currency:    CNY"), "{wechat}");
}

#[test]
fn an_export_that_names_no_currency_takes_the_bank_statements_currency() {
    // The English SumUp export writes plain numbers and no currency anywhere; the statement writes € on its
    // amounts. Read alone, the export is CNY and inspect says that was assumed.
    let alone = inspect_bytes("sumup-en.csv", &fixture("sumup-en.csv"), None).text;
    assert!(
        alone.contains("currency:    CNY (ASSUMED: the file names no currency"),
        "{alone}"
    );
    let case = Case {
        format: "sumup-en.csv",
        side: Side::Terminal,
        counterpart: "sumup-en-counterpart.csv",
        unpaid: "2026-11-20,Card settlement,€999.99,,PLANTED-UNPAID",
        paired: &[2, 3],
        unpaid_in_fixture: &[],
    };
    let (_, adopted, files) = run_adopting(&case);
    let [sumup, statement] = &files;
    assert_eq!(adopted.len(), 1, "{adopted:?}");
    assert_eq!(
        adopted[0].to_string(),
        "sumup-en.csv: names no currency; read as EUR, the currency of the bank files"
    );
    assert!(sumup.txns.iter().all(|t| t.currency.as_str() == "EUR"));
    assert!(
        sumup
            .source
            .format
            .ends_with("; currency EUR taken from the bank files"),
        "{}",
        sumup.source.format
    );
    assert!(statement.txns.iter().all(|t| t.currency.as_str() == "EUR"));
    let out = check(&case);
    // As in the German export: the refund of 23 November has no sale before it and no payout pays it back.
    assert_eq!(
        out.format.get(&5).cloned(),
        Some((Status::Missing, vec![RuleId::RefundWithoutSale]))
    );
    // A statement in several currencies, or none stated, leaves the export in CNY.
    let mut files = [
        imported("sumup-en.csv", &fixture("sumup-en.csv"), Side::Terminal, 0),
        imported("wechat.csv", &fixture("wechat-personal.csv"), Side::Bank, 1),
        imported("eur.csv", &fixture("sumup-en-counterpart.csv"), Side::Bank, 2),
    ];
    assert_eq!(adopt_counterpart_currency(&mut files), Vec::new());
    assert!(files[0].txns.iter().all(|t| t.currency.as_str() == "CNY"));
}

/// A charge of the Stripe payments export nothing pays (27 November: no payout after it).
const STRIPE_CHARGE_UNPAID: &str = "ch_3QbTest0000000199,PLANTED-UNPAID,Payment complete.,2026-11-27 12:00:00,\
    77.70,0.00,usd,77.70,0.00,2.55,0.00,usd,Live,Paid,TESTSHOP,cus_Test0199,,,true,card_Test0199,4000,Visa,credit,2,\
    2030,,US,US,fpTest99,pass,pass,pass,,,,,,,,card,,,,pi_3QbTest0000000199";

/// Every row of the format: (line, status), several on a line in file order.
fn statuses(out: &Outcome) -> Vec<(u32, Status)> {
    out.format_rows
        .iter()
        .map(|(line, status, _)| (*line, *status))
        .collect()
}

/// The rules flagged on the format's rows, other than what the default contract (T+1, 0.6 %) says of a Stripe
/// payout: Stripe pays on T+2 and charges 2.9 % + 30¢, so with no contract set each payout is `late_settlement`
/// and `fee_above_contract` — the owner's settings, not a fault of the files.
fn unexpected_flags(out: &Outcome) -> Vec<(u32, RuleId)> {
    let contract = [RuleId::LateSettlement, RuleId::FeeAboveContract];
    let flagged = out
        .format_rows
        .iter()
        .flat_map(|(line, _, rules)| rules.iter().map(move |r| (*line, *r)));
    flagged.filter(|(_, rule)| !contract.contains(rule)).collect()
}

#[test]
fn stripe_payments_export_is_paid_by_payouts_net_of_fees_and_refunds() {
    // Against the shop's bank statement: the payout of 26 November (1,250.46) pays the 24th's charges less their
    // fees, the whole 12.50 given back of Order 1002 and the 30.00 of Order 1004 (Stripe keeps its fee on a
    // refund). Each refunded charge is its sale and its refund, both on the charge's line, both in the batch.
    let out = check(&Case {
        format: "stripe-payments.csv",
        side: Side::Terminal,
        counterpart: "stripe-payments-counterpart.csv",
        unpaid: "2026-11-27,STRIPE PAYOUT TESTSHOP,999.99,USD,PLANTED-UNPAID",
        paired: &[2, 3, 5],
        unpaid_in_fixture: &[],
    });
    let in_batch = Status::InBatch;
    let expected = [
        (2, in_batch),
        (3, in_batch),
        (3, in_batch),
        (4, Status::Unrelated),
        (5, in_batch),
        (5, in_batch),
    ];
    assert_eq!(statuses(&out), expected, "the failed charge of line 4 takes no part");
    // No short settlement, no refund without its sale, no copy: a sale and its refund on one line are not a
    // duplicate_in_source.
    assert_eq!(unexpected_flags(&out), [], "{:?}", out.format_rows);
    // Rent, a cash deposit and the owner's own card purchase are not Stripe's.
    for line in [3, 4, 5] {
        assert_eq!(
            out.counterpart.get(&line).map(|o| o.0),
            Some(Status::Unrelated),
            "bank line {line}"
        );
    }
}

/// Every row of stripe-payments-converted.csv against its payout: all in the batch but the charge never captured
/// (line 5); line 4 holds a sale and its refund, line 6 a sale and its chargeback.
const CONVERTED_STATUSES: [(u32, Status); 8] = {
    let (in_batch, declined) = (Status::InBatch, Status::Unrelated);
    [
        (2, in_batch),
        (3, in_batch),
        (4, in_batch),
        (4, in_batch),
        (5, declined),
        (6, in_batch),
        (6, in_batch),
        (7, in_batch),
    ]
};

#[test]
fn stripe_charges_paid_in_another_currency_disputed_or_never_captured_add_up_to_the_payout() {
    // The payout of 26 November (305.07 USD) pays the 24th as Stripe's balance got it, in USD: Order 3001's 200.00
    // less its fee; Order 3002's 50.00 EUR as the 54.90 USD converted, less 1.89; Order 3003's 43.92 less 1.57
    // and the 10.98 USD given back of it; Order 3005 less the 60.00 taken back by its lost dispute (the
    // chargeback, a second row on line 6; Stripe's own dispute fee is not in a payments export, so the statement
    // here leaves it out); Order 3006 in full (an inquiry takes no money). Order 3004 was never captured: it
    // takes no part.
    let out = check(&Case {
        format: "stripe-payments-converted.csv",
        side: Side::Terminal,
        counterpart: "stripe-payments-converted-counterpart.csv",
        unpaid: "2026-11-27,STRIPE PAYOUT TESTSHOP,999.99,USD,PLANTED-UNPAID",
        paired: &[2, 3, 4, 6, 7],
        unpaid_in_fixture: &[],
    });
    assert_eq!(statuses(&out), CONVERTED_STATUSES);
    assert_eq!(unexpected_flags(&out), [], "{:?}", out.format_rows);
    for line in [3, 4] {
        assert_eq!(
            out.counterpart.get(&line).map(|o| o.0),
            Some(Status::Unrelated),
            "bank line {line}"
        );
    }
}

#[test]
fn a_chargeback_and_what_the_customer_paid_come_back_from_the_workspace() {
    // Line 6 holds the charge and its chargeback; the descriptions carry the customer's EUR and the dispute.
    let files = [
        ("stripe-payments-converted.csv", Side::Terminal),
        ("stripe-payments-converted-counterpart.csv", Side::Bank),
    ];
    let done = through_the_workspace("stripe-fx", &files);
    let rows = &done.rows.terminal;
    let got: Vec<(u32, Status)> = rows
        .iter()
        .zip(&done.report.terminal)
        .map(|(t, o)| (t.row.line, o.status))
        .collect();
    assert_eq!(got, CONVERTED_STATUSES);
    let described = |i: usize| rows.get(i).and_then(|t| t.description.as_deref()).unwrap_or_default();
    assert_eq!(described(1), "Order 3002 · customer paid EUR 50.00");
    assert_eq!(described(6), "Order 3005 · dispute lost: USD 60.00 taken back");
    assert_eq!(rows.get(6).map(|t| t.amount.0.to_string()).as_deref(), Some("-60.00"));
}

#[test]
fn stripe_payouts_report_read_as_the_bank_pays_the_payments_export() {
    // Each paid or in-transit payout pays one day's charges net of fees and refunds: 850.00 the 24th's, 1,203.08
    // the 25th's. The payout of 96.40 failed and reached no bank: it takes no part, and the 26th's charge it was
    // to pay (line 2) is still owed — the one missing row besides the planted one.
    let out = check(&Case {
        format: "stripe-payouts-report.csv",
        side: Side::Bank,
        counterpart: "stripe-payouts-report-counterpart.csv",
        unpaid: STRIPE_CHARGE_UNPAID,
        paired: &[2, 3],
        unpaid_in_fixture: &[2],
    });
    assert_eq!(
        statuses(&out),
        [(2, Status::InBatch), (3, Status::InBatch), (4, Status::Unrelated)]
    );
    assert_eq!(unexpected_flags(&out), [], "{:?}", out.format_rows);
    // The failed charge of line 3 takes no part; the refunded charge of line 4 and its refund are in the batch.
    assert_eq!(out.counterpart.get(&3).map(|o| o.0), Some(Status::Unrelated));
    for line in [4, 5, 6, 7] {
        assert_eq!(
            out.counterpart.get(&line).map(|o| o.0),
            Some(Status::InBatch),
            "payments export line {line}"
        );
    }
}

#[test]
fn a_refunded_charge_keeps_its_refund_row_through_the_workspace() {
    // The workspace stores rows by file and line; the sale and the refund of one charge share a line and both
    // come back, so a reconcile of the workspace gives what the files give.
    let files = [
        ("stripe-payouts-report-counterpart.csv", Side::Terminal),
        ("stripe-payouts-report.csv", Side::Bank),
    ];
    let done = through_the_workspace("stripe", &files);
    let terminal: Vec<(u32, Status)> = done
        .rows
        .terminal
        .iter()
        .zip(&done.report.terminal)
        .map(|(t, o)| (t.row.line, o.status))
        .collect();
    let (unrelated, missing, in_batch) = (Status::Unrelated, Status::Missing, Status::InBatch);
    // Line 4: the refunded charge and its refund.
    let expected = [
        (2, missing),
        (3, unrelated),
        (4, in_batch),
        (4, in_batch),
        (5, in_batch),
        (6, in_batch),
        (7, in_batch),
    ];
    assert_eq!(terminal, expected);
}

/// The fixtures imported into a new workspace (in a folder named after `name` under the test target folder,
/// removed after) as `side`, reconciled with the default settings.
fn through_the_workspace(name: &str, files: &[(&str, Side)]) -> posrecon::store::Reconciled {
    let dir = temp_dir(name);
    let mut workspace = posrecon::store::Workspace::open(&dir.join("w.posrecon")).unwrap_or_else(|e| panic!("{e}"));
    for &(name, side) in files {
        let opts = ImportOptions {
            side,
            ..ImportOptions::default()
        };
        workspace
            .import_bytes(name, &fixture(name), &opts)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    let done = workspace
        .reconcile(&Config::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let _ = std::fs::remove_dir_all(&dir);
    done
}

/// Stripe's standard pricing written into the contract: 2.9 % + 0.30 per charge, paid T+2.
fn stripe_contract() -> Config {
    let mut config = Config::default();
    config.settlement.fee_rate = rust_decimal::Decimal::new(29, 3);
    config.settlement.fee_fixed = rust_decimal::Decimal::new(30, 2);
    config.settlement.delay_days = 2;
    config
}

#[test]
fn under_stripes_own_contract_its_payouts_are_on_time_and_its_fees_as_agreed() {
    // The payments exports against the shop's bank statement, and the payouts report read as the bank: with the
    // contract set to what Stripe charges, no payout is late and no fee is above it — the refunds included
    // (Stripe keeps the fee of a refunded charge, as the contract's fixed-fee rule reads a refund), and the
    // charges a tourist paid in EUR (2.9 % + 0.30 of the USD Stripe converted them to).
    let pairs = [
        ("stripe-payments.csv", "stripe-payments-counterpart.csv", Side::Terminal),
        (
            "stripe-payments-converted.csv",
            "stripe-payments-converted-counterpart.csv",
            Side::Terminal,
        ),
        (
            "stripe-payouts-report.csv",
            "stripe-payouts-report-counterpart.csv",
            Side::Bank,
        ),
    ];
    for (format, counterpart, side) in pairs {
        let other = if side == Side::Bank { Side::Terminal } else { Side::Bank };
        let mut files = [
            imported(format, &fixture(format), side, 0),
            imported(counterpart, &fixture(counterpart), other, 1),
        ];
        adopt_counterpart_currency(&mut files);
        let [a, b] = [&files[0].txns, &files[1].txns];
        let (terminal, bank) = if side == Side::Bank { (b, a) } else { (a, b) };
        let report = reconcile(terminal, bank, &stripe_contract(), &[]);
        let payouts = bank
            .iter()
            .zip(&report.bank)
            .filter(|(_, o)| o.status == Status::InBatch);
        assert!(payouts.clone().count() >= 1, "{format}: a payout pays a batch");
        for (row, outcome) in payouts {
            let rules: Vec<RuleId> = outcome.flags.iter().map(|f| f.rule).collect();
            assert_eq!(
                rules,
                [],
                "{format}: payout of line {} {:?}",
                row.row.line,
                outcome.flags
            );
        }
        for batch in report.batches.iter().filter(|b| b.bank.is_some()) {
            assert_eq!(batch.difference.0, rust_decimal::Decimal::ZERO, "{format}: {batch:?}");
        }
        // The same under the default contract (T+1, 0.6 %): every payout is late and above the contract, so
        // the assertions above can fail.
        let default = reconcile(terminal, bank, &Config::default(), &[]);
        let flagged = default
            .bank
            .iter()
            .filter(|o| o.status == Status::InBatch)
            .flat_map(|o| o.flags.iter().map(|f| f.rule));
        let flagged: Vec<RuleId> = flagged.collect();
        assert!(
            flagged.contains(&RuleId::LateSettlement) && flagged.contains(&RuleId::FeeAboveContract),
            "{format}: {flagged:?}"
        );
    }
}
