//! Workbooks built here with rust_xlsxwriter: the sheet with the best header is chosen, rows keep Excel's row
//! numbers and the sheet name, numbers come out without float artefacts, date and time cells are read as dates
//! and times, and errors point at `book.xlsx[sheet]:row:column`.

use posrecon::import::{ImportError, import_bytes};
use posrecon::model::{Money, Side};
use rust_decimal_macros::dec;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};

use crate::kit::import::{import, opts};

/// Day of October, (hour, minute, second), 摘要, income, expense, balance, counterparty.
type StatementRow = (u8, (u16, u8, u16), &'static str, f64, f64, f64, &'static str);

/// A workbook with a notes sheet first and the statement on the second sheet, under three preamble rows.
fn statement_workbook(bad_amount: bool) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let notes = book.add_worksheet();
    notes.set_name("说明")?;
    notes.write_string(0, 0, "本文件由网银导出")?;
    let sheet = book.add_worksheet();
    sheet.set_name("交易明细")?;
    sheet.write_string(0, 0, "账号：6222020200112233445")?;
    sheet.write_string(1, 0, "户名：测试便利店")?;
    sheet.write_string(2, 0, "起止日期：2026-10-01 至 2026-10-31")?;
    for (col, title) in [
        "交易日期",
        "交易时间",
        "摘要",
        "收入金额",
        "支出金额",
        "余额",
        "对方户名",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(4, col as u16, *title)?;
    }
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let time = Format::new().set_num_format("hh:mm:ss");
    let rows: [StatementRow; 3] = [
        (2, (10, 15, 0), "POS清算", 1227.09, 0.0, 11227.09, "银联商务有限公司"),
        (3, (12, 0, 0), "房租", 0.0, 3000.0, 8227.09, "张三"),
        (4, (9, 30, 5), "POS清算", 0.1 + 0.2, 0.0, 8227.39, "银联商务有限公司"),
    ];
    for (i, (day, (h, m, s), text, credit, debit, balance, who)) in rows.iter().enumerate() {
        let row = 5 + i as u32;
        sheet.write_datetime_with_format(row, 0, &ExcelDateTime::from_ymd(2026, 10, *day)?, &date)?;
        sheet.write_datetime_with_format(row, 1, &ExcelDateTime::from_hms(*h, *m, *s)?, &time)?;
        sheet.write_string(row, 2, *text)?;
        if *credit != 0.0 {
            sheet.write_number(row, 3, *credit)?;
        }
        if *debit != 0.0 {
            sheet.write_number(row, 4, *debit)?;
        }
        sheet.write_number(row, 5, *balance)?;
        sheet.write_string(row, 6, *who)?;
    }
    if bad_amount {
        sheet.write_string(6, 4, "三千")?;
    }
    sheet.write_string(8, 0, "合计")?;
    sheet.write_number(8, 3, 1227.39)?;
    book.save_to_buffer()
}

#[test]
fn xlsx_statement_on_the_second_sheet_under_a_preamble() {
    let bytes = statement_workbook(false).expect("workbook builds");
    let imported = import("bank-statement.xlsx", &bytes, Side::Bank);
    let d = &imported.details;
    assert_eq!(d.format, "XLSX workbook");
    assert_eq!((d.sheet.as_deref(), d.header_line), (Some("交易明细"), 5));
    assert_eq!(d.preamble.len(), 3);
    assert_eq!(d.preset.as_deref(), Some("cn-bank-statement-income-expense"));
    assert_eq!(
        d.skipped_summary_lines.iter().map(|l| l.line).collect::<Vec<_>>(),
        vec![9]
    );
    assert_eq!(imported.source.sheet.as_deref(), Some("交易明细"));
    let t = &imported.txns;
    assert_eq!(t.iter().map(|t| t.row.line).collect::<Vec<_>>(), vec![6, 7, 8]);
    assert_eq!(t[0].time.to_string(), "2026-10-02 10:15:00");
    assert_eq!(t[2].time.to_string(), "2026-10-04 09:30:05");
    assert_eq!(t[0].amount, Money(dec!(1227.09)));
    assert_eq!(t[1].amount, Money(dec!(-3000)));
    // 0.1 + 0.2 is stored as 0.30000000000000004; it reads as 0.3.
    assert_eq!(t[2].amount, Money(dec!(0.3)));
    assert_eq!(t[0].balance, Some(Money(dec!(11227.09))));
}

#[test]
fn xlsx_bad_cell_names_sheet_row_and_column() {
    let bytes = statement_workbook(true).expect("workbook builds");
    let err = import_bytes("book.xlsx", &bytes, &opts(Side::Bank)).expect_err("bad amount");
    let ImportError::BadRows { rows, .. } = &err else {
        panic!("{err}")
    };
    assert_eq!(
        (rows[0].line, rows[0].column, rows[0].column_name.as_str()),
        (7, 5, "支出金额")
    );
    assert!(err.to_string().starts_with("book.xlsx[交易明细]:7:5: "), "{err}");
}

#[test]
fn xlsx_datetime_cells_and_english_headers() -> Result<(), XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (col, title) in ["Date", "Transaction ID", "Card Number", "Amount", "Fee"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, col as u16, *title)?;
    }
    let stamp = Format::new().set_num_format("yyyy-mm-dd hh:mm:ss");
    sheet.write_datetime_with_format(1, 0, &ExcelDateTime::from_ymd(2026, 11, 24)?.and_hms(13, 5, 9)?, &stamp)?;
    sheet.write_string(1, 1, "T-1")?;
    sheet.write_string(1, 2, "4111111111111111")?;
    sheet.write_number(1, 3, 1234.5)?;
    sheet.write_number(1, 4, 7.41)?;
    let bytes = book.save_to_buffer()?;
    let imported = import("export.xlsx", &bytes, Side::Terminal);
    assert_eq!(imported.details.preset.as_deref(), Some("en-per-transaction-export"));
    let t = &imported.txns[0];
    assert_eq!((t.row.line, t.time.to_string()), (2, "2026-11-24 13:05:09".to_owned()));
    assert_eq!((t.amount, t.fee), (Money(dec!(1234.5)), Some(Money(dec!(7.41)))));
    assert_eq!(t.card_masked.as_deref(), Some("411111******1111"));
    Ok(())
}

#[test]
fn workbook_without_a_header_says_which_sheet() -> Result<(), XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Data")?;
    sheet.write_string(0, 0, "hello")?;
    sheet.write_number(1, 0, 1.0)?;
    let err = import_bytes("empty.xlsx", &book.save_to_buffer()?, &opts(Side::Bank)).expect_err("no header");
    assert!(
        err.to_string().starts_with("empty.xlsx[Data]:1:1: no header row found"),
        "{err}"
    );
    Ok(())
}
