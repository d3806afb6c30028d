//! Real BIFF `.xls` and OpenDocument `.ods` workbooks, as LibreOffice writes them: the committed fixtures
//! tests/fixtures/statement.xls and tests/fixtures/statement.ods were converted by
//! tests/fixtures/make-excel-fixtures.sh from the workbook [`source_workbook`] builds with rust_xlsxwriter
//! (statement.xlsb by SheetJS, see [`xlsb_written_by_sheetjs`]).
//! Each is imported and its values checked: dates written as datetime cells and as a bare Excel serial, a
//! separate time column, amounts without float artefacts (a cell holding 0.1 + 0.2 reads 0.30), a card number
//! stored as text, the sheet chosen by its header, Excel row numbers kept.

use std::path::PathBuf;

use posrecon::import::mapping::Field;
use posrecon::import::{ImportError, Imported, import_bytes};
use posrecon::model::{Money, Side, TxnKind};
use rust_decimal_macros::dec;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};

use crate::kit::import::{import, import_watching_progress, opts};

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run tests/fixtures/make-excel-fixtures.sh)", path.display()))
}

/// The workbook both fixtures were converted from: a cover sheet, then the terminal log under two preamble rows
/// (header on Excel row 3) and a 合计 row at the end.
fn source_workbook() -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let cover = book.add_worksheet();
    cover.set_name("说明")?;
    cover.write_string(0, 0, "本文件由收单机构导出")?;
    let sheet = book.add_worksheet();
    sheet.set_name("交易明细")?;
    sheet.write_string(0, 0, "商户名称：测试便利店")?;
    sheet.write_string(1, 0, "商户编号：898310058120345")?;
    let header = [
        "交易日期",
        "交易时间",
        "终端号",
        "交易类型",
        "卡号",
        "交易金额",
        "手续费",
        "参考号",
    ];
    for (col, title) in header.iter().enumerate() {
        sheet.write_string(2, col as u16, *title)?;
    }
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let stamp = Format::new().set_num_format("yyyy-mm-dd hh:mm:ss");
    let time = Format::new().set_num_format("hh:mm:ss");
    // Row 4: a date cell and a time cell.
    sheet.write_datetime_with_format(3, 0, &ExcelDateTime::from_ymd(2026, 10, 2)?, &date)?;
    sheet.write_datetime_with_format(3, 1, &ExcelDateTime::from_hms(9, 15, 30)?, &time)?;
    sheet.write_number(3, 5, 0.1 + 0.2)?;
    sheet.write_number(3, 6, 0.01)?;
    // Row 5: one datetime cell in the date column (the time column left empty).
    sheet.write_datetime_with_format(4, 0, &ExcelDateTime::from_ymd(2026, 10, 3)?.and_hms(13, 5, 9)?, &stamp)?;
    sheet.write_number(4, 5, 1234.5)?;
    sheet.write_number(4, 6, 7.41)?;
    // Row 6: a refund whose date is a bare serial number (no date format): 46299 = 2026-10-04.
    sheet.write_number(5, 0, 46299.0)?;
    sheet.write_datetime_with_format(5, 1, &ExcelDateTime::from_hms(18, 0, 0)?, &time)?;
    sheet.write_number(5, 5, 88.0)?;
    for row in 3..6 {
        sheet.write_string(row, 2, "10293841")?;
        sheet.write_string(row, 4, "6228480012345678901")?;
        sheet.write_string(row, 7, format!("00000{row}123456").as_str())?;
    }
    sheet.write_string(3, 3, "消费")?;
    sheet.write_string(4, 3, "消费")?;
    sheet.write_string(5, 3, "退货")?;
    sheet.write_string(6, 0, "合计")?;
    sheet.write_number(6, 5, 1322.8)?;
    book.save_to_buffer()
}

/// Writes the source workbook for tests/fixtures/make-excel-fixtures.sh (to $EXCEL_FIXTURE_SOURCE).
#[test]
#[ignore = "writes the fixtures' source workbook; run by tests/fixtures/make-excel-fixtures.sh"]
fn write_fixture_source() -> Result<(), XlsxError> {
    let path = std::env::var("EXCEL_FIXTURE_SOURCE").unwrap_or_else(|_| "statement.xlsx".to_owned());
    std::fs::write(&path, source_workbook()?).map_err(|e| XlsxError::ParameterError(format!("{path}: {e}")))
}

/// What every converted fixture must read as.
fn assert_terminal_log(imported: &Imported, format: &str) {
    let d = &imported.details;
    assert_eq!(d.format, format);
    assert_eq!((d.sheet.as_deref(), d.header_line), (Some("交易明细"), 3));
    assert_eq!(d.preamble.len(), 2);
    assert_eq!(
        d.skipped_summary_lines.iter().map(|l| l.line).collect::<Vec<_>>(),
        vec![7]
    );
    let t = &imported.txns;
    assert_eq!(t.iter().map(|t| t.row.line).collect::<Vec<_>>(), vec![4, 5, 6]);
    assert_eq!(t[0].time.to_string(), "2026-10-02 09:15:30");
    assert_eq!(t[1].time.to_string(), "2026-10-03 13:05:09");
    assert_eq!(t[2].time.to_string(), "2026-10-04 18:00:00");
    assert!(t.iter().all(|t| !t.date_only));
    // 0.1 + 0.2 is stored as 0.30000000000000004: it must read as 0.3, exactly.
    assert_eq!(t[0].amount, Money(dec!(0.3)));
    assert_eq!(t[0].fee, Some(Money(dec!(0.01))));
    assert_eq!((t[1].amount, t[1].fee), (Money(dec!(1234.5)), Some(Money(dec!(7.41)))));
    assert_eq!(
        (t[2].kind, t[2].amount, t[2].fee),
        (TxnKind::Refund, Money(dec!(-88)), None)
    );
    assert_eq!(t[0].terminal_id.as_deref(), Some("10293841"));
    assert_eq!(t[0].card_masked.as_deref(), Some("622848*********8901"));
    assert_eq!(t[2].reference.as_deref(), Some("000005123456"));
}

#[test]
fn biff_xls_written_by_libreoffice() {
    let bytes = fixture("statement.xls");
    assert_terminal_log(&import("statement.xls", &bytes, Side::Terminal), "XLS workbook");
}

#[test]
fn ods_written_by_libreoffice() {
    let bytes = fixture("statement.ods");
    assert_terminal_log(&import("statement.ods", &bytes, Side::Terminal), "ODS workbook");
}

#[test]
fn the_source_xlsx_reads_the_same() -> Result<(), XlsxError> {
    assert_terminal_log(
        &import("statement.xlsx", &source_workbook()?, Side::Terminal),
        "XLSX workbook",
    );
    Ok(())
}

#[test]
fn a_bad_cell_in_an_xls_names_sheet_row_and_column() {
    // A profile that maps the type column as the amount: row 4's 消费 must be refused with its place.
    let bytes = fixture("statement.xls");
    let mut profile = posrecon::import::Profile::default();
    profile.columns.insert(Field::Amount, "交易类型".to_owned());
    profile.columns.insert(Field::Date, "交易日期".to_owned());
    let err = import_bytes(
        "statement.xls",
        &bytes,
        &posrecon::import::ImportOptions {
            profile: Some(profile),
            ..opts(Side::Terminal)
        },
    )
    .expect_err("a word is not an amount");
    let ImportError::BadRows { rows, .. } = &err else {
        panic!("{err}")
    };
    assert_eq!(
        (rows[0].line, rows[0].column, rows[0].column_name.as_str()),
        (4, 4, "交易类型")
    );
    assert!(err.to_string().starts_with("statement.xls[交易明细]:4:4: "), "{err}");
}

#[test]
fn workbook_import_reports_progress() {
    let (rows, seen) = import_watching_progress("statement.ods", &fixture("statement.ods"), Side::Terminal);
    assert!(
        seen.len() >= 2,
        "a report once the workbook is open and one at the end: {seen:?}"
    );
    let last = seen.last().copied().unwrap_or_default();
    assert_eq!((last.rows, last.bytes_done), (rows, last.bytes_total));
}

/// LibreOffice cannot write .xlsb; SheetJS (npm `xlsx` 0.18.5) can, and the script converts with it when node is
/// there. calamine 0.38 reads only the first cell or two of each row of that file (the header row comes back as
/// `交易日期` alone), so the import finds no amount column: kept as a known gap until calamine reads it or an
/// Excel-written .xlsb is at hand.
#[test]
#[ignore = "calamine 0.38 drops most cells of a SheetJS-written .xlsb"]
fn xlsb_written_by_sheetjs() {
    let bytes = fixture("statement.xlsb");
    assert_terminal_log(&import("statement.xlsb", &bytes, Side::Terminal), "XLSB workbook");
}
