//! Writes bank statements: the Chinese one as an XLSX workbook (account, holder and period above the header,
//! income and expense in separate columns, a running balance, a 合计 row), the English per-transaction export
//! as a UTF-8 CSV with a signed amount column.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};

use chrono::{Datelike, NaiveDate};

use super::rows::{StatementRow, yuan};
use super::{Letterhead, SampleError, Written};

/// The sheet the statement rows are on.
pub(crate) const SHEET: &str = "交易明细";

/// The columns of a Chinese statement (the CSV export adds 备注).
const HEADER: [&str; 8] = [
    "交易日期",
    "交易时间",
    "摘要",
    "收入金额",
    "支出金额",
    "余额",
    "对方户名",
    "对方账号",
];

/// The lines above a Chinese statement's header: account, holder, period, currency.
fn statement_preamble(head: &Letterhead) -> [String; 4] {
    [
        format!("账号：{}", head.number),
        format!("户名：{}", head.name),
        format!("起止日期：{} 至 {}", head.first, head.last),
        "币种：人民币    单位：元".to_string(),
    ]
}

/// A day as a workbook's date-time.
pub(crate) fn excel_date(day: NaiveDate) -> Result<ExcelDateTime, rust_xlsxwriter::XlsxError> {
    ExcelDateTime::from_ymd(day.year() as u16, day.month() as u8, day.day() as u8)
}

/// A Chinese shop's statement, XLSX: `head` names the account holder (户名), the account (账号) and the period.
pub(crate) fn chinese_statement(rows: &[StatementRow], head: &Letterhead) -> Result<Written, SampleError> {
    let last = head.last;
    let mut book = Workbook::new();
    // A fixed creation time, the morning after the period: the file must be byte-identical on every run.
    let created = excel_date(last + chrono::Duration::days(1))?.and_hms(9, 30, 0)?;
    book.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&created)
            .set_author("网上银行"),
    );
    let money = Format::new().set_num_format("#,##0.00");
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet();
    sheet.set_name(SHEET)?;
    let preamble = statement_preamble(head);
    for (r, text) in preamble.iter().enumerate() {
        sheet.write_string(r as u32, 0, text)?;
    }
    let header_row = preamble.len() as u32;
    for (c, text) in HEADER.iter().enumerate() {
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

/// A Chinese shop's statement as the bank's CSV download: GBK, CRLF, a title and the account lines above the
/// header, 收入金额 / 支出金额 with thousands separators, a 备注 column (the row's `reference`) and a 合计 line.
pub(crate) fn chinese_statement_csv(rows: &[StatementRow], head: &Letterhead) -> Result<Written, SampleError> {
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut preamble = vec!["账户交易明细".to_string()];
    preamble.extend(statement_preamble(head));
    for line in &preamble {
        w.write_record([line.as_str()])?;
    }
    let mut header = HEADER.to_vec();
    header.push("备注");
    w.write_record(&header)?;
    let header_line = preamble.len() as u32 + 1;
    let (mut income, mut expense) = (0, 0);
    for row in rows {
        let (credit, debit) = if row.amount >= 0 {
            income += row.amount;
            (yuan(row.amount, true), String::new())
        } else {
            expense -= row.amount;
            (String::new(), yuan(-row.amount, true))
        };
        w.write_record([
            row.time.format("%Y-%m-%d").to_string(),
            row.time.format("%H:%M:%S").to_string(),
            row.summary.clone(),
            credit,
            debit,
            yuan(row.balance, true),
            row.counterparty.clone(),
            row.counterparty_account.clone(),
            row.reference.clone(),
        ])?;
    }
    let (income, expense) = (yuan(income, true), yuan(expense, true));
    w.write_record(["合计", "", "", income.as_str(), expense.as_str(), "", "", "", ""])?;
    let text = String::from_utf8(w.into_inner().map_err(|e| SampleError::Csv(e.to_string()))?)
        .map_err(|e| SampleError::Csv(e.to_string()))?;
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(&text);
    if unmappable {
        return Err(SampleError::Encoding(format!("the statement of {}", head.number)));
    }
    Ok(Written {
        bytes: bytes.into_owned(),
        header_line,
        summary_lines: vec![header_line + 1 + rows.len() as u32],
        clear_card_lines: Vec::new(),
    })
}
