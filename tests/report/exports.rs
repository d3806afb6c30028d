//! The exports on a small hand-built reconciliation: the JSON contract's shape and values, the workbook read
//! back with calamine (five sheets, numbers as numbers, formula text neutralised), and the findings CSV.

use calamine::{Data, Reader, open_workbook_auto};
use chrono::NaiveDate;
use posrecon::engine::{Batch, Flag, Reason, Report, RowId, RowOutcome, RuleId, Severity, Status, Summary};
use posrecon::model::{Money, Side, Source, SourceId, Txn, TxnKind};
use posrecon::report::json::JsonLayout;
use posrecon::report::{self, Lang, Reconciliation};
use rust_decimal_macros::dec;
use serde_json::Value;

use crate::kit::{temp_dir, txn};

const FORMULA: &str = "=HYPERLINK(\"http://x\",\"y\")";

fn at(day: u32, h: u32, m: u32, s: u32) -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 10, day)
        .and_then(|d| d.and_hms_opt(h, m, s))
        .expect("valid test date")
}

fn flag(rule: RuleId, severity: Severity, en: &str, zh: &str) -> Flag {
    Flag {
        rule,
        severity,
        reason: Reason {
            en: en.into(),
            zh: zh.into(),
        },
        related: vec![],
        accepted: false,
    }
}

struct Fixture {
    sources: Vec<Source>,
    terminal: Vec<Txn>,
    bank: Vec<Txn>,
    report: Report,
}

impl Fixture {
    fn rec(&self) -> Reconciliation<'_> {
        Reconciliation {
            sources: &self.sources,
            terminal: &self.terminal,
            bank: &self.bank,
            report: &self.report,
        }
    }
}

/// Terminal: a sale in a batch, a second charge of it (double charge), a refund whose memo is a formula, a sale
/// the bank never paid. Bank: the batch's credit (short-paid) and a date-only rent debit.
fn fixture() -> Fixture {
    let sources = vec![
        Source {
            id: SourceId(0),
            path: "logs/terminal.csv".into(),
            side: Side::Terminal,
            sheet: None,
            format: "CSV".into(),
        },
        Source {
            id: SourceId(1),
            path: "bank.xlsx".into(),
            side: Side::Bank,
            sheet: Some("流水".into()),
            format: "XLSX".into(),
        },
    ];
    let t = |line, time, amount| txn(Side::Terminal, line, time, Money(amount));
    let mut sale = t(7, at(3, 13, 5, 9), dec!(58.00));
    sale.reference = Some("RRN1".into());
    sale.terminal_id = Some("10293847".into());
    sale.card_masked = Some("622848******1234".into());
    let mut second = sale.clone();
    second.row.line = 8;
    second.time = at(3, 13, 7, 41);
    second.reference = Some("@RRN2".into());
    let mut refund = t(9, at(3, 15, 0, 0), dec!(-12.00));
    refund.kind = TxnKind::Refund;
    refund.description = Some(FORMULA.into());
    let unpaid = t(10, at(3, 16, 0, 0), dec!(100.00));
    let mut credit = txn(Side::Bank, 5, at(4, 0, 0, 0), Money(dec!(100.00)));
    credit.date_only = true;
    credit.description = Some("POS清算".into());
    let mut rent = txn(Side::Bank, 6, at(5, 0, 0, 0), Money(dec!(-3000.00)));
    rent.date_only = true;
    rent.kind = TxnKind::Other;
    rent.description = Some("-rent".into());

    let in_batch = |counterparts: Vec<RowId>| RowOutcome {
        status: Status::InBatch,
        counterparts: counterparts.into(),
        batch: Some(0),
        ..Default::default()
    };
    let mut second_outcome = in_batch(vec![RowId::bank(0)]);
    second_outcome.flags.push(flag(
        RuleId::DoubleCharge,
        Severity::High,
        "Card 622848******1234 was charged ¥58.00 twice within 3 min.",
        "卡 622848******1234 在 3 分钟内两次扣款 ¥58.00。",
    ));
    let mut credit_outcome = in_batch(vec![RowId::terminal(0), RowId::terminal(1), RowId::terminal(2)]);
    credit_outcome.flags.push(flag(
        RuleId::ShortSettlement,
        Severity::Medium,
        "Short by ¥3.30.",
        "少付 ¥3.30。",
    ));
    let batch = Batch {
        id: "M1-2026-10-03".into(),
        merchant_id: Some("M1".into()),
        terminal_id: None,
        first_day: NaiveDate::from_ymd_opt(2026, 10, 3).expect("date"),
        last_day: NaiveDate::from_ymd_opt(2026, 10, 3).expect("date"),
        bank: Some(RowId::bank(0)),
        terminal_rows: vec![RowId::terminal(0), RowId::terminal(1), RowId::terminal(2)],
        gross: Money(dec!(104.00)),
        fees: Money(dec!(0.70)),
        expected_net: Money(dec!(103.30)),
        actual: Money(dec!(100.00)),
        difference: Money(dec!(-3.30)),
        effective_fee_rate: Some(dec!(0.0384615384615)),
        tied_by: Default::default(),
    };
    let report = Report {
        terminal: vec![
            in_batch(vec![RowId::bank(0)]),
            second_outcome,
            in_batch(vec![RowId::bank(0)]),
            RowOutcome {
                status: Status::Missing,
                ..Default::default()
            },
        ],
        bank: vec![
            credit_outcome,
            RowOutcome {
                status: Status::Unrelated,
                ..Default::default()
            },
        ],
        batches: vec![batch],
        summary: Summary {
            terminal_rows: 4,
            bank_rows: 2,
            in_batch: 4,
            missing_in_bank: 1,
            unrelated: 1,
            flags: [("double_charge".to_string(), 1), ("short_settlement".to_string(), 1)].into(),
            ..Default::default()
        },
    };
    Fixture {
        sources,
        terminal: vec![sale, second, refund, unpaid],
        bank: vec![credit, rent],
        report,
    }
}

fn json(f: &Fixture, lang: Lang) -> Value {
    let mut out = Vec::new();
    report::json::write_report(&f.rec(), lang, JsonLayout::Compact, &mut out).expect("json written");
    serde_json::from_slice(&out).expect("valid json")
}

#[test]
fn the_json_layouts_hold_the_same_report() {
    let f = fixture();
    let written = |layout| {
        let mut out = Vec::new();
        report::json::write_report(&f.rec(), Lang::En, layout, &mut out).expect("json written");
        String::from_utf8(out).expect("UTF-8")
    };
    let (compact, pretty, lines) = (
        written(JsonLayout::Compact),
        written(JsonLayout::Pretty),
        written(JsonLayout::Lines),
    );
    assert_eq!(compact.lines().count(), 1, "compact is one line");
    assert!(pretty.lines().count() > 20, "pretty is indented");
    let compact: Value = serde_json::from_str(&compact).expect("valid compact json");
    assert_eq!(
        compact,
        serde_json::from_str::<Value>(&pretty).expect("valid pretty json")
    );
    // Newline-delimited: the summary line, then each row and batch on a line of its own, in the same order.
    let mut lines = lines
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("each line is JSON"));
    let header = lines.next().expect("a first line");
    assert_eq!(
        (&header["version"], &header["summary"]),
        (&compact["version"], &compact["summary"])
    );
    let rest: Vec<Value> = lines.collect();
    let rows: Vec<&Value> = rest.iter().filter_map(|l| l.get("row")).collect();
    let batches: Vec<&Value> = rest.iter().filter_map(|l| l.get("batch")).collect();
    assert_eq!(rows.len() + batches.len(), rest.len());
    assert_eq!(
        Some(&rows.into_iter().cloned().collect::<Vec<_>>()),
        compact["rows"].as_array()
    );
    assert_eq!(
        Some(&batches.into_iter().cloned().collect::<Vec<_>>()),
        compact["batches"].as_array()
    );
}

/// A path for an export in a fresh folder.
fn temp_path(name: &str) -> std::path::PathBuf {
    temp_dir("report").join(name)
}

#[test]
fn json_has_the_documented_shape_and_values() {
    let f = fixture();
    let v = json(&f, Lang::En);
    assert_eq!(v["version"], 3);
    for key in [
        "terminal_rows",
        "bank_rows",
        "matched",
        "matched_with_difference",
        "in_batch",
        "missing_in_bank",
        "missing_in_terminal",
        "duplicates",
        "unrelated",
    ] {
        assert!(v["summary"][key].is_u64(), "summary.{key}");
    }
    assert_eq!(v["summary"]["flags"]["double_charge"], 1);
    let rows = v["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 6);
    let second = &rows[1];
    assert_eq!(second["side"], "terminal");
    assert_eq!(second["file"], "logs/terminal.csv");
    assert_eq!(second["line"], 8);
    assert_eq!(second["sheet"], Value::Null);
    assert_eq!(second["time"], "2026-10-03T13:07:41");
    assert_eq!(second["amount"], "58.00");
    assert_eq!(second["reference"], "@RRN2");
    assert_eq!(second["terminal_id"], "10293847");
    assert_eq!(second["status"], "in_batch");
    assert_eq!(
        second["counterparts"],
        serde_json::json!([{"file": "bank.xlsx", "line": 5}])
    );
    assert_eq!(second["batch"], "M1-2026-10-03");
    assert_eq!(second["flags"][0]["rule"], "double_charge");
    assert_eq!(second["flags"][0]["severity"], "high");
    assert!(
        second["flags"][0]["reason"]
            .as_str()
            .is_some_and(|r| r.starts_with("Card 622848"))
    );
    assert_eq!(rows[2]["amount"], "-12.00");
    assert_eq!(rows[3]["status"], "missing");
    let credit = &rows[4];
    assert_eq!(
        (
            credit["side"].as_str(),
            credit["sheet"].as_str(),
            credit["time"].as_str()
        ),
        (Some("bank"), Some("流水"), Some("2026-10-04"))
    );
    assert_eq!(credit["counterparts"].as_array().map(Vec::len), Some(3));
    let batch = &v["batches"][0];
    assert_eq!(batch["bank"], serde_json::json!({"file": "bank.xlsx", "line": 5}));
    assert_eq!(
        batch["terminal_rows"][2],
        serde_json::json!({"file": "logs/terminal.csv", "line": 9})
    );
    assert_eq!(
        (
            batch["expected_net"].as_str(),
            batch["actual"].as_str(),
            batch["difference"].as_str()
        ),
        (Some("103.30"), Some("100.00"), Some("-3.30"))
    );
    assert_eq!(batch["effective_fee_rate"], "0.038462");
}

#[test]
fn json_reasons_follow_the_language() {
    let v = json(&fixture(), Lang::Zh);
    assert_eq!(
        v["rows"][1]["flags"][0]["reason"],
        "卡 622848******1234 在 3 分钟内两次扣款 ¥58.00。"
    );
    assert_eq!(v["rows"][4]["flags"][0]["reason"], "少付 ¥3.30。");
}

fn cell<'a>(range: &'a calamine::Range<Data>, row: usize, header: &str) -> &'a Data {
    let col = (0..range.width())
        .find(|&c| range.get((0, c)) == Some(&Data::String(header.into())))
        .unwrap_or_else(|| panic!("no column {header}"));
    range.get((row, col)).unwrap_or(&Data::Empty)
}

#[test]
fn workbook_has_five_sheets_numbers_and_neutralised_text() {
    let f = fixture();
    for (lang, names) in [
        (Lang::En, ["Summary", "Findings", "Batches", "Terminal", "Bank"]),
        (Lang::Zh, ["汇总", "问题清单", "结算批次", "终端流水", "银行流水"]),
    ] {
        let path = temp_path(&format!("report-{}.xlsx", lang.id()));
        report::xlsx::save_workbook(&f.rec(), lang, &path).expect("workbook saved");
        let mut book = open_workbook_auto(&path).expect("workbook opens");
        assert_eq!(book.sheet_names(), names.map(String::from).to_vec());
        if lang == Lang::Zh {
            continue;
        }
        let terminal = book.worksheet_range("Terminal").expect("terminal sheet");
        assert_eq!(terminal.height(), 5, "header + 4 rows");
        assert_eq!(cell(&terminal, 3, "Description"), &Data::String(format!("'{FORMULA}")));
        assert_eq!(
            cell(&terminal, 3, "Amount"),
            &Data::Float(-12.0),
            "a refund stays a negative number"
        );
        assert_eq!(cell(&terminal, 2, "Line"), &Data::Float(8.0));
        assert!(matches!(cell(&terminal, 1, "Time"), Data::DateTime(_)));
        let bank = book.worksheet_range("Bank").expect("bank sheet");
        assert_eq!(cell(&bank, 2, "Description"), &Data::String("'-rent".into()));
        let findings = book.worksheet_range("Findings").expect("findings sheet");
        let rules: Vec<String> = (1..findings.height())
            .map(|r| cell(&findings, r, "Finding").to_string())
            .collect();
        assert_eq!(
            rules,
            ["Double charge", "Settlement short-paid", ""],
            "high, then medium, then the missing row"
        );
        assert_eq!(cell(&findings, 3, "Status"), &Data::String("missing".into()));
        let batches = book.worksheet_range("Batches").expect("batches sheet");
        assert_eq!(cell(&batches, 1, "Difference"), &Data::Float(-3.3));
        let summary = book.worksheet_range("Summary").expect("summary sheet");
        assert_eq!(summary.get((6, 1)), Some(&Data::Float(1.0)), "missing in bank");
    }
}

#[test]
fn findings_csv_is_sorted_neutralised_and_keeps_numbers() {
    let f = fixture();
    let mut out = Vec::new();
    report::csv::write_findings(&f.rec(), Lang::En, &mut out).expect("csv written");
    assert!(out.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM for Excel");
    let mut reader = csv::Reader::from_reader(&out[3..]);
    let headers = reader.headers().expect("headers").clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name}"))
    };
    let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().expect("records");
    assert_eq!(rows.len(), 3);
    assert_eq!(&rows[0][col("Rule id")], "double_charge");
    assert_eq!(&rows[0][col("Severity")], "high");
    assert_eq!(
        &rows[0][col("Reference")],
        "'@RRN2",
        "text starting with @ is neutralised"
    );
    assert_eq!(&rows[0][col("File")], "logs/terminal.csv");
    assert_eq!(&rows[0][col("Line")], "8");
    assert_eq!(&rows[0][col("Time")], "2026-10-03 13:07:41");
    assert_eq!(&rows[1][col("Time")], "2026-10-04");
    assert_eq!(&rows[2][col("Status")], "missing");
    assert_eq!(&rows[2][col("Amount")], "100.00");
    assert!(rows[2][col("Reason")].contains("bank statement"));

    let mut zh = Vec::new();
    report::csv::write_findings(&f.rec(), Lang::Zh, &mut zh).expect("csv written");
    let text = String::from_utf8(zh).expect("utf-8");
    assert!(text.contains("严重程度") && text.contains("少付 ¥3.30。"), "{text}");
}

#[test]
fn negative_amounts_in_csv_are_numbers_not_neutralised() {
    let mut f = fixture();
    f.report.terminal[2].flags.push(flag(
        RuleId::RefundWithoutSale,
        Severity::High,
        "No sale.",
        "无原交易。",
    ));
    let mut out = Vec::new();
    report::csv::write_findings(&f.rec(), Lang::En, &mut out).expect("csv written");
    let text = String::from_utf8(out).expect("utf-8");
    assert!(text.contains(",-12.00,"), "{text}");
    assert!(!text.contains("'-12.00"));
}
