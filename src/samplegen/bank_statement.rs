//! Writes bank statements: the Chinese one as an XLSX workbook (account, holder and period above the header,
//! income and expense in separate columns, a running balance, a 合计 row), the English per-transaction export
//! as a UTF-8 CSV with a signed amount column.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};

use super::rows::{StatementRow, yuan};
use super::{SampleError, Written, daily};

/// The sheet the statement rows are on.
pub(crate) const SHEET: &str = "交易明细";

/// The daily-settlement shop's statement, XLSX.
pub(crate) fn chinese_statement(rows: &[StatementRow]) -> Result<Written, SampleError> {
    let (first, last) = daily::statement_period();
    let mut book = Workbook::new();
    // A fixed creation time: the file must be byte-identical on every run.
    let created = ExcelDateTime::from_ymd(2026, 11, 3)?.and_hms(9, 30, 0)?;
    book.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&created)
            .set_author("网上银行"),
    );
    let money = Format::new().set_num_format("#,##0.00");
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet();
    sheet.set_name(SHEET)?;
    let preamble = [
        format!("账号：{}", daily::ACCOUNT),
        format!("户名：{}", daily::SHOP_NAME),
        format!("起止日期：{first} 至 {last}"),
        "币种：人民币    单位：元".to_string(),
    ];
    for (r, text) in preamble.iter().enumerate() {
        sheet.write_string(r as u32, 0, text)?;
    }
    let header = [
        "交易日期",
        "交易时间",
        "摘要",
        "收入金额",
        "支出金额",
        "余额",
        "对方户名",
        "对方账号",
    ];
    let header_row = preamble.len() as u32;
    for (c, text) in header.iter().enumerate() {
        sheet.write_string_with_format(header_row, c as u16, *text, &bold)?;
    }
    let (mut income, mut expense) = (0, 0);
    for (i, row) in rows.iter().enumerate() {
        let r = header_row + 1 + i as u32;
        sheet.write_string(r, 0, row.time.format("%Y-%m-%d").to_string())?;
        sheet.write_string(r, 1, row.time.format("%H:%M:%S").to_string())?;
        sheet.write_string(r, 2, &row.summary)?;
        let column = if row.amount >= 0 { 3 } else { 4 };
        if row.amount >= 0 {
            income += row.amount
        } else {
            expense -= row.amount
        }
        sheet.write_number_with_format(r, column, as_cell(row.amount.abs()), &money)?;
        sheet.write_number_with_format(r, 5, as_cell(row.balance), &money)?;
        sheet.write_string(r, 6, &row.counterparty)?;
        sheet.write_string(r, 7, &row.counterparty_account)?;
    }
    let total_row = header_row + 1 + rows.len() as u32;
    sheet.write_string(total_row, 0, "合计")?;
    sheet.write_number_with_format(total_row, 3, as_cell(income), &money)?;
    sheet.write_number_with_format(total_row, 4, as_cell(expense), &money)?;
    for (c, width) in [12.0, 10.0, 16.0, 14.0, 14.0, 14.0, 30.0, 24.0].into_iter().enumerate() {
        sheet.set_column_width(c as u16, width)?;
    }
    let bytes = book.save_to_buffer()?;
    // Excel rows are 1-based: the 0-based index + 1.
    Ok(Written {
        bytes,
        header_line: header_row + 1,
        summary_lines: vec![total_row + 1],
        clear_card_lines: Vec::new(),
    })
}

/// Fen as the number an Excel cell holds (a spreadsheet stores doubles; 2-decimal values round-trip exactly
/// through their shortest representation).
fn as_cell(fen: i64) -> f64 {
    fen as f64 / 100.0
}

/// One per-transaction export, UTF-8 CSV with LF line endings.
pub(crate) fn english_statement(rows: &[StatementRow]) -> Result<Written, SampleError> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    w.write_record(["Date", "Time", "Description", "Reference", "Amount", "Balance"])?;
    for row in rows {
        w.write_record([
            row.time.format("%Y-%m-%d").to_string(),
            row.time.format("%H:%M:%S").to_string(),
            row.summary.clone(),
            row.reference.clone(),
            yuan(row.amount, true),
            yuan(row.balance, true),
        ])?;
    }
    let bytes = w.into_inner().map_err(|e| SampleError::Csv(e.to_string()))?;
    Ok(Written {
        bytes,
        header_line: 1,
        summary_lines: Vec::new(),
        clear_card_lines: Vec::new(),
    })
}
