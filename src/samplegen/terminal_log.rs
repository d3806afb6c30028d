//! Writes terminal logs as acquirers export them: the Chinese one GBK-encoded with a five-line preamble,
//! CRLF line endings, amounts with thousands separators and a trailing 合计 line; the English one UTF-8 with
//! the header on line 1 and LF endings.

use super::cards::Wallet;
use super::rows::{TerminalRow, yuan};
use super::{Letterhead, Written};
use super::{daily, per_txn};

/// What the card column shows: the masked number, or for rows planted "in clear" the full number (the second
/// such row as an Excel text formula `="…"`, as some exports write long numbers).
fn card_text(row: &TerminalRow, wallet: &Wallet, clear_seen: &mut usize) -> String {
    let card = wallet.card(row.card);
    if !row.card_in_clear {
        return card.masked.clone();
    }
    *clear_seen += 1;
    if *clear_seen == 2 {
        format!("=\"{}\"", card.number)
    } else {
        card.number.clone()
    }
}

/// A Chinese shop's log, GBK: `head` names the shop (商户名称), its merchant number (商户编号) and the days queried.
pub(crate) fn chinese_log(
    rows: &[TerminalRow],
    wallet: &Wallet,
    head: &Letterhead,
) -> Result<Written, super::SampleError> {
    let (first, last) = (head.first, head.last);
    let preamble = [
        "银联商务交易明细查询".to_string(),
        format!("商户名称：{}", head.name),
        format!("商户编号：{}", head.number),
        format!("查询时间段：{first} 00:00:00 至 {last} 23:59:59"),
        format!("导出时间：{} 09:15:02", last + chrono::Duration::days(1)),
    ];
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for line in &preamble {
        w.write_record([line.as_str()])?;
    }
    w.write_record([
        "商户号",
        "终端号",
        "交易时间",
        "交易类型",
        "凭证号",
        "参考号",
        "卡号",
        "交易金额",
        "手续费",
        "结算金额",
        "交易状态",
    ])?;
    let header_line = preamble.len() as u32 + 1;
    let mut clear_seen = 0;
    let mut clear_card_lines = Vec::new();
    let (mut total, mut fees, mut nets) = (0, 0, 0);
    for (i, row) in rows.iter().enumerate() {
        if row.card_in_clear {
            clear_card_lines.push(header_line + 1 + i as u32);
        }
        total += row.amount;
        fees += row.fee;
        nets += row.net();
        w.write_record([
            row.merchant.clone(),
            row.terminal.clone(),
            row.time.format("%Y-%m-%d %H:%M:%S").to_string(),
            daily::kind_text(row.kind).to_string(),
            row.voucher.clone(),
            row.reference.clone(),
            card_text(row, wallet, &mut clear_seen),
            yuan(row.amount, true),
            yuan(row.fee, true),
            yuan(row.net(), true),
            if row.declined { "失败" } else { "成功" }.to_string(),
        ])?;
    }
    let count = format!("共{}笔", rows.len());
    let (total, fees, nets) = (yuan(total, true), yuan(fees, true), yuan(nets, true));
    w.write_record([
        "合计",
        count.as_str(),
        "",
        "",
        "",
        "",
        "",
        total.as_str(),
        fees.as_str(),
        nets.as_str(),
        "",
    ])?;
    let text = String::from_utf8(w.into_inner().map_err(|e| super::SampleError::Csv(e.to_string()))?)
        .map_err(|e| super::SampleError::Csv(e.to_string()))?;
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(&text);
    if unmappable {
        return Err(super::SampleError::Encoding(format!(
            "the terminal log of {}",
            head.name
        )));
    }
    let summary_line = header_line + 1 + rows.len() as u32;
    Ok(Written {
        bytes: bytes.into_owned(),
        header_line,
        summary_lines: vec![summary_line],
        clear_card_lines,
    })
}

/// The per-transaction café's log, UTF-8.
pub(crate) fn english_log(rows: &[TerminalRow], wallet: &Wallet) -> Result<Written, super::SampleError> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    w.write_record([
        "Date",
        "Time",
        "Terminal ID",
        "Merchant ID",
        "Type",
        "Status",
        "Card",
        "Amount",
        "Fee",
        "Net",
        "Reference",
    ])?;
    let mut clear_seen = 0;
    let mut clear_card_lines = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        if row.card_in_clear {
            clear_card_lines.push(2 + i as u32);
        }
        w.write_record([
            row.time.format("%Y-%m-%d").to_string(),
            row.time.format("%H:%M:%S").to_string(),
            row.terminal.clone(),
            row.merchant.clone(),
            per_txn::kind_text(row.kind).to_string(),
            if row.declined { "Declined" } else { "Approved" }.to_string(),
            card_text(row, wallet, &mut clear_seen),
            yuan(row.amount, true),
            yuan(row.fee, true),
            yuan(row.net(), true),
            row.reference.clone(),
        ])?;
    }
    let bytes = w.into_inner().map_err(|e| super::SampleError::Csv(e.to_string()))?;
    Ok(Written {
        bytes,
        header_line: 1,
        summary_lines: Vec::new(),
        clear_card_lines,
    })
}

/// The columns of an acquirer's settlement report (清算明细).
const REPORT_HEADER: [&str; 12] = [
    "交易日期",
    "交易时间",
    "商户号",
    "终端号",
    "卡号",
    "交易类型",
    "交易金额",
    "手续费",
    "清算金额",
    "清算日期",
    "参考号",
    "凭证号",
];

/// An acquirer's settlement report (清算明细) as a workbook: the rows it settles (callers leave out declined
/// attempts and voided sales), each with the day its money is credited to the shop (`settle_date`, 清算日期),
/// the shop's name, merchant number and days above the header, and a 合计 row.
pub(crate) fn settlement_report(
    rows: &[TerminalRow],
    wallet: &Wallet,
    head: &Letterhead,
    settle_date: impl Fn(&TerminalRow) -> chrono::NaiveDate,
) -> Result<Written, super::SampleError> {
    use rust_xlsxwriter::{DocProperties, Format, Workbook};

    let mut book = Workbook::new();
    let created = super::bank_statement::excel_date(head.last + chrono::Duration::days(1))?.and_hms(8, 40, 0)?;
    book.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&created)
            .set_author("银联商务"),
    );
    let money = Format::new().set_num_format("#,##0.00");
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet();
    sheet.set_name(super::bank_statement::SHEET)?;
    let preamble = [
        "银联商务商户清算明细".to_string(),
        format!("商户名称：{}", head.name),
        format!("商户编号：{}", head.number),
        format!("交易日期：{} 至 {}", head.first, head.last),
    ];
    for (r, text) in preamble.iter().enumerate() {
        sheet.write_string(r as u32, 0, text)?;
    }
    let header_row = preamble.len() as u32;
    for (c, text) in REPORT_HEADER.iter().enumerate() {
        sheet.write_string_with_format(header_row, c as u16, *text, &bold)?;
    }
    let mut clear_seen = 0;
    let mut clear_card_lines = Vec::new();
    let (mut total, mut fees, mut nets) = (0, 0, 0);
    let cell = |fen: i64| fen as f64 / 100.0;
    for (i, row) in rows.iter().enumerate() {
        let r = header_row + 1 + i as u32;
        if row.card_in_clear {
            clear_card_lines.push(r + 1);
        }
        total += row.amount;
        fees += row.fee;
        nets += row.net();
        sheet.write_string(r, 0, row.time.format("%Y-%m-%d").to_string())?;
        sheet.write_string(r, 1, row.time.format("%H:%M:%S").to_string())?;
        sheet.write_string(r, 2, &row.merchant)?;
        sheet.write_string(r, 3, &row.terminal)?;
        sheet.write_string(r, 4, card_text(row, wallet, &mut clear_seen))?;
        sheet.write_string(r, 5, daily::kind_text(row.kind))?;
        sheet.write_number_with_format(r, 6, cell(row.amount), &money)?;
        sheet.write_number_with_format(r, 7, cell(row.fee), &money)?;
        sheet.write_number_with_format(r, 8, cell(row.net()), &money)?;
        sheet.write_string(r, 9, settle_date(row).format("%Y-%m-%d").to_string())?;
        sheet.write_string(r, 10, &row.reference)?;
        sheet.write_string(r, 11, &row.voucher)?;
    }
    let total_row = header_row + 1 + rows.len() as u32;
    sheet.write_string(total_row, 0, "合计")?;
    sheet.write_string(total_row, 1, format!("共{}笔", rows.len()))?;
    sheet.write_number_with_format(total_row, 6, cell(total), &money)?;
    sheet.write_number_with_format(total_row, 7, cell(fees), &money)?;
    sheet.write_number_with_format(total_row, 8, cell(nets), &money)?;
    let widths = [12.0, 10.0, 18.0, 10.0, 20.0, 10.0, 12.0, 10.0, 12.0, 12.0, 16.0, 10.0];
    for (c, width) in widths.into_iter().enumerate() {
        sheet.set_column_width(c as u16, width)?;
    }
    Ok(Written {
        bytes: book.save_to_buffer()?,
        header_line: header_row + 1,
        summary_lines: vec![total_row + 1],
        clear_card_lines,
    })
}
