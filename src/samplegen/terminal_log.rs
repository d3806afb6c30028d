//! Writes terminal logs as acquirers export them: the Chinese one GBK-encoded with a five-line preamble,
//! CRLF line endings, amounts with thousands separators and a trailing 合计 line; the English one UTF-8 with
//! the header on line 1 and LF endings.

use super::Written;
use super::cards::Wallet;
use super::rows::{TerminalRow, yuan};
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

/// The daily-settlement shop's log, GBK.
pub(crate) fn chinese_log(rows: &[TerminalRow], wallet: &Wallet) -> Result<Written, super::SampleError> {
    let (first, _) = daily::statement_period();
    let last = first + chrono::Duration::days(i64::from(daily::DAYS) - 1);
    let preamble = [
        "银联商务交易明细查询".to_string(),
        format!("商户名称：{}", daily::SHOP_NAME),
        format!("商户编号：{}", daily::MERCHANT),
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
        return Err(super::SampleError::Encoding("terminal-log.csv".into()));
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
