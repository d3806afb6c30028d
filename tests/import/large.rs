//! Files large enough (> 4 MiB) to be read in parts on several threads, straight into transactions: the rows
//! come back in file order with their physical lines, a day/month order that only rows far down the file
//! decide is still found (and every row read with it), and a bad row anywhere is reported with its line and
//! column exactly as in a small file — never a half import.

use posrecon::import::{ImportError, ImportOptions, import_bytes};
use posrecon::model::{Money, Side};
use rust_decimal_macros::dec;

use crate::kit::import::{import_watching_progress, opts};

/// Data rows in the generated files (≈ 5.6 MiB).
const ROWS: usize = 45_000;
/// Physical line of the header: three preamble lines above it.
const HEADER_LINE: usize = 4;

/// A day-first terminal log: `date(i)` gives row i's date cell. A 合计 line ends it.
fn log(date: impl Fn(usize) -> String, edit: impl Fn(usize, &mut String)) -> Vec<u8> {
    let mut out = String::from("商户名称：测试便利店\n商户编号：898310058120345\n\n");
    out.push_str("交易日期,交易时间,终端号,参考号,卡号,交易金额,手续费,交易类型,交易状态,备注说明文字\n");
    for i in 0..ROWS {
        let mut row = format!(
            "{},{:02}:{:02}:{:02},1029384{},{:012},622848******{:04},{}.{:02},0.{:02},{},成功,第{i}笔 门店收银台 正常交易\n",
            date(i),
            i / 3600 % 24,
            i / 60 % 60,
            i % 60,
            i % 2,
            i,
            i % 10_000,
            1 + i % 500,
            i % 100,
            i % 7,
            if i % 50 == 0 { "退货" } else { "消费" },
        );
        edit(i, &mut row);
        out.push_str(&row);
    }
    out.push_str(&format!("合计,共{ROWS}笔,,,,,,,,\n"));
    out.into_bytes()
}

/// Day ≤ 12 everywhere except row `decisive`, which is the 24th: only that row tells day from month.
fn day_first(decisive: usize) -> impl Fn(usize) -> String {
    move |i| {
        if i == decisive {
            "24/11/2026".to_owned()
        } else {
            format!("{:02}/11/2026", 1 + i % 12)
        }
    }
}

fn line_of(row: usize) -> u32 {
    (HEADER_LINE + 1 + row) as u32
}

#[test]
fn a_large_file_imports_in_order_with_the_order_of_day_and_month_found_far_down() {
    let bytes = log(day_first(ROWS - 10), |_, _| {});
    assert!(bytes.len() > 5 << 20, "big enough to be read in parts: {}", bytes.len());
    let imported = import_bytes("big.csv", &bytes, &opts(Side::Terminal)).unwrap_or_else(|e| panic!("{e}"));
    let t = &imported.txns;
    assert_eq!(t.len(), ROWS);
    assert!(
        t.iter().enumerate().all(|(i, txn)| txn.row.line == line_of(i)),
        "rows in file order with their lines"
    );
    // Row 1 is "02/11/2026": day first, so the 2nd of November, not February 11.
    assert_eq!(t[1].time.to_string(), "2026-11-02 00:00:01");
    assert_eq!(t[ROWS - 10].time.date().to_string(), "2026-11-24");
    assert_eq!(
        (t[0].amount, t[0].fee),
        (Money(dec!(-1.00)), Some(Money(dec!(0.00)))),
        "row 0 is a refund"
    );
    assert_eq!(t[7].amount, Money(dec!(8.07)));
    assert_eq!(
        t[ROWS - 1].reference.as_deref(),
        Some(format!("{:012}", ROWS - 1).as_str())
    );
    let d = &imported.details;
    assert_eq!((d.header_line, d.preamble.len()), (HEADER_LINE as u32, 2));
    assert_eq!(
        d.skipped_summary_lines.iter().map(|l| l.line).collect::<Vec<_>>(),
        vec![line_of(ROWS)]
    );
    assert_eq!(d.profile.date_order, Some(posrecon::import::parse::DateOrder::DayFirst));
}

#[test]
fn progress_is_reported_while_a_large_file_is_read() {
    let (rows, seen) = import_watching_progress("big.csv", &log(day_first(3), |_, _| {}), Side::Terminal);
    assert!(seen.len() >= 2, "a report during the read and one at the end: {seen:?}");
    assert!(seen.windows(2).all(|w| w[0].rows <= w[1].rows), "{seen:?}");
    let last = seen.last().copied().unwrap_or_default();
    assert_eq!((last.rows, last.bytes_done), (rows, last.bytes_total));
}

#[test]
fn bad_rows_far_down_a_large_file_are_named_with_line_and_column() {
    let bad = [ROWS / 2 + 123, ROWS - 5];
    let bytes = log(day_first(3), |i, row| {
        if i == bad[0] {
            *row = row.replacen(&format!(",{}.{:02},", 1 + i % 500, i % 100), ",12.3.4,", 1);
        } else if i == bad[1] {
            *row = format!("{},surplus\n", row.trim_end());
        }
    });
    let err = import_bytes("big.csv", &bytes, &opts(Side::Terminal)).expect_err("two bad rows");
    let ImportError::BadRows { count, rows, .. } = &err else {
        panic!("{err}")
    };
    assert_eq!(*count, 2);
    assert_eq!(
        (rows[0].line, rows[0].column, rows[0].text.as_str()),
        (line_of(bad[0]), 6, "12.3.4")
    );
    assert_eq!(
        (rows[1].line, rows[1].column, rows[1].text.as_str()),
        (line_of(bad[1]), 11, "surplus")
    );
    // Skipping them imports every other row, and lists them.
    let skip = ImportOptions {
        skip_bad_rows: true,
        ..opts(Side::Terminal)
    };
    let imported = import_bytes("big.csv", &bytes, &skip).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((imported.txns.len(), imported.details.bad_row_count), (ROWS - 2, 2));
}

#[test]
fn dates_that_never_decide_refuse_a_large_file() {
    let bytes = log(|i| format!("{:02}/{:02}/2026", 1 + i % 12, 1 + i % 11), |_, _| {});
    let err = import_bytes("big.csv", &bytes, &opts(Side::Terminal)).expect_err("ambiguous");
    assert!(matches!(err, ImportError::AmbiguousDates { .. }), "{err}");
    let at = err.location();
    assert_eq!((at.line, at.column), (line_of(11), 1), "{err}");
}
