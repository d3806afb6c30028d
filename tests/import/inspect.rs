//! `posrecon inspect` (the text of [`inspect_bytes`]): on a bank export whose header is on line 7, on a file
//! with bad rows, and on every file of sample-data/ (imports with zero errors and the generator's row counts).

use posrecon::import::import_path;
use posrecon::import::inspect::{inspect_bytes, inspect_path};
use posrecon::model::Side;

use crate::kit::import::{gbk, opts};

#[test]
fn header_on_line_seven() {
    // ICBC debit-card export: six lines of account information, padded cells, a 人民币合计 trailer.
    let text = "中国工商银行借记卡账户历史明细\n卡号：6222020200112233445\n户名：测试便利店\n\
起止日期：2026-10-01 至 2026-10-31\n币种：人民币\n\n\
交易日期,摘要,交易场所,交易国家或地区简称,钞/汇,交易金额(收入),交易金额(支出),交易币种,余额,对方户名\n\
2026-10-02 ,POS清算 ,网上 ,CHN ,钞 ,\"1,227.09\t\", ,人民币 ,\"11,227.09\" ,银联商务有限公司 \n\
2026-10-03 ,消费 ,某超市 ,CHN ,钞 , ,58.00 ,人民币 ,\"11,169.09\" ,某超市 \n\
人民币合计,,,,,\"1,227.09\",58.00,,,\n";
    let report = inspect_bytes("icbc.csv", &gbk(text), None);
    assert!(report.error.is_none(), "{report}");
    let shown = report.to_string();
    for expected in [
        "encoding:    GBK",
        "delimiter:   comma",
        "header:      line 7: 交易日期 | 摘要",
        "5 lines skipped above the header",
        "preset:      cn-bank-statement-income-expense",
        "credit       ← 交易金额(收入)",
        "side:        bank",
        "rows:        2 imported, 0 bad",
        "    10: 人民币合计",
        "line 8: 2026-10-02",
        "line 9: 2026-10-03",
        "-58.00 CNY",
        "errors:      none",
    ] {
        assert!(shown.contains(expected), "missing {expected:?} in\n{shown}");
    }
}

#[test]
fn bad_rows_are_listed_with_line_and_column() {
    let report = inspect_bytes("bad.csv", b"Date,Amount\n2026-11-24,1.00\n2026-11-25,x\n", None);
    assert!(report.error.is_some());
    assert!(
        report.text.contains("bad.csv:3:2: column \"Amount\": expected"),
        "{report}"
    );
    let fatal = inspect_bytes("empty.csv", b"", None);
    assert!(
        fatal.text.contains("error:       empty.csv:1:1: the file is empty"),
        "{fatal}"
    );
}

#[test]
fn every_sample_file_imports_cleanly_with_the_generator_row_counts() {
    let dir = crate::kit::sample_dir();
    let truth: serde_json::Value = match std::fs::read_to_string(dir.join("truth.json")) {
        Ok(text) => serde_json::from_str(&text).expect("truth.json parses"),
        Err(_) => return, // the generator's output is checked by tests/engine/sample_data.rs once it exists
    };
    let files = truth["files"].as_array().expect("files list");
    assert!(!files.is_empty());
    for file in files {
        let path = dir.join(file["path"].as_str().expect("path"));
        let side = if file["side"] == "bank" {
            Side::Bank
        } else {
            Side::Terminal
        };
        let imported = import_path(&path, &opts(side)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            imported.txns.len() as u64,
            file["rows"].as_u64().expect("rows"),
            "{}",
            path.display()
        );
        assert_eq!(
            u64::from(imported.details.header_line),
            file["header_line"].as_u64().expect("header line")
        );
        let inspection = inspect_path(&path, None);
        assert!(inspection.error.is_none(), "{inspection}");
        assert!(
            inspection
                .text
                .contains(&format!("side:        {}", file["side"].as_str().unwrap_or(""))),
            "{inspection}"
        );
    }
}

#[test]
fn the_statement_kind_and_the_date_order_a_file_leaves_open() {
    // A credit-card statement that lists charges positive: said, and read with charges as money out.
    let report = inspect_path(std::path::Path::new("tests/formats/real/csv/deg-bmo-credit.csv"), None);
    let text = report.text;
    assert!(text.contains("side:        bank"), "{text}");
    assert!(
        text.contains("statement:   credit card — charges are money out"),
        "{text}"
    );
    assert!(
        text.contains("decided:     a credit-card statement listing charges as positive"),
        "{text}"
    );
    assert!(text.contains("-3.27"), "{text}");
    // Every date of this TD export is 05/01–05/03/2023: refused until the order is given (`--date-order mdy`).
    let td = std::path::Path::new("tests/formats/real/csv/deg-td.csv");
    let report = inspect_path(td, None);
    assert!(report.text.contains("could be 5 January or May 1"), "{}", report.text);
    let month_first = posrecon::import::Profile {
        date_order: Some(posrecon::import::parse::DateOrder::MonthFirst),
        ..posrecon::import::Profile::default()
    };
    let report = inspect_path(td, Some(&month_first));
    assert!(report.error.is_none(), "{}", report.text);
    assert!(report.text.contains("2023-05-01"), "{}", report.text);
    assert!(report.text.contains("statement:   bank account"), "{}", report.text);
    let outcome = posrecon::cli::run_with([
        "posrecon",
        "inspect",
        "tests/formats/real/csv/deg-td.csv",
        "--date-order",
        "mdy",
    ]);
    assert!(matches!(outcome, posrecon::cli::Outcome::Exit(code) if code == std::process::ExitCode::SUCCESS));
}
