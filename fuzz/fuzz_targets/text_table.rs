//! A plausible CSV built from structured input — an encoding, a delimiter, a preamble, a header of real header
//! words, rows of dates, amounts, card numbers and kinds in the layouts exports use, plus junk — so the fuzzer
//! reaches the row reader and the field parsers instead of dying at sniffing. Checks what `import_bytes` does
//! (see `posrecon_fuzz::check_import`) and that refusing bad rows and skipping them agree: a file refused for
//! N bad rows imports with N bad rows listed when they are skipped, and a file that imports whole imports the
//! same rows either way.

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use posrecon::import::{ImportError, ImportOptions, import_bytes};
use posrecon::model::{Side, SourceId};
use posrecon_fuzz::check_import;

/// Header words from `import::mapping::synonyms`, a few with the units and padding real files add.
const HEADER_WORDS: &[&str] = &[
    "交易日期", "日期", "记账日期", "交易时间", "时间", "交易金额", "金额", "金额（元）", "收入金额", "支出金额",
    "收入", "支出", "借方发生额", "贷方发生额", "收/支", "借贷标志", "手续费", "结算金额", "净额", "参考号",
    "系统参考号", "交易单号", "订单号", "凭证号", "流水号", "批次号", "终端号", "商户号", "卡号", "交易类型",
    "交易状态", "摘要", "备注", "对方户名", "账号", "余额", "币种", "清算日期", "Date", "Transaction Date",
    "Posting Date", "Time", "Amount", "Amount (USD)", "Gross", "Net", "Fee", "Fees", "Credit", "Debit",
    "Money In", "Money Out", "Direction", "Reference", "RRN", "Transaction ID", "Trace", "Batch", "Terminal ID",
    "Merchant ID", "Card Number", "Last 4", "Type", "Status", "Description", "Memo", "Counterparty", "Account",
    "Balance", "Currency", "Settlement Date", "Buchungstag", "Betrag", "Soll", "Haben", "Verwendungszweck",
    "Saldo", "Währung", "Libellé", "Débit euros", "Crédit euros", "Fecha", "Importe", "残高", "餘額", "`交易时间\t",
    "交易金额(收入)", "Total", "Created (UTC)", "Started Date",
];

const KINDS: &[&str] = &[
    "消费", "退货", "撤销", "消费撤销", "冲正", "预授权完成", "预授权", "手续费", "结算", "扫码支付", "Sale", "Refund",
    "Void", "Reversal", "Payout", "Fee", "Charge", "成功", "失败", "关闭", "Approved", "Declined", "收入", "支出",
    "借", "贷", "DR", "CR", "不计收支", "/", "期初余额", "Opening balance", "合计", "Total", "银联商务", "租金",
];

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

#[derive(Arbitrary, Debug)]
enum Encoding {
    Utf8,
    Utf8Bom,
    Gbk,
    Utf16Le,
}

#[derive(Arbitrary, Debug)]
struct Sheet {
    encoding: Encoding,
    delimiter: u8,
    crlf: bool,
    quote_all: bool,
    skip_bad_rows: bool,
    bank: bool,
    preamble: Vec<Vec<Cell>>,
    header: Vec<Header>,
    rows: Vec<Vec<Cell>>,
    trailer: Vec<Vec<Cell>>,
}

#[derive(Arbitrary, Debug)]
enum Header {
    Word(u8),
    Raw(String),
}

#[derive(Arbitrary, Debug)]
enum Cell {
    Blank,
    Date { year: u16, month: u8, day: u8, hour: u8, minute: u8, second: u8, layout: u8 },
    Amount { units: i64, scale: u8, layout: u8 },
    Card { digits: u64, more: u8, layout: u8 },
    Word(u8),
    Number(u64),
    Raw(String),
}

impl Cell {
    fn text(&self) -> String {
        match self {
            Cell::Blank => String::new(),
            Cell::Date { year, month, day, hour, minute, second, layout } => {
                date(*year, *month, *day, (*hour, *minute, *second), *layout)
            }
            Cell::Amount { units, scale, layout } => amount(*units, *scale, *layout),
            Cell::Card { digits, more, layout } => card(*digits, *more, *layout),
            Cell::Word(i) => KINDS[usize::from(*i) % KINDS.len()].to_owned(),
            Cell::Number(n) => n.to_string(),
            Cell::Raw(s) => s.clone(),
        }
    }
}

/// A date in one of the layouts the parsers read; the numbers are mostly plausible, sometimes not.
fn date(year: u16, month: u8, day: u8, (h, mi, s): (u8, u8, u8), layout: u8) -> String {
    let y = if year % 8 == 0 { u32::from(year) } else { 2000 + u32::from(year % 40) };
    let (m, d) = if month >= 200 { (u32::from(month), u32::from(day)) } else { (1 + u32::from(month % 12), 1 + u32::from(day % 31)) };
    let (h, mi, s) = if h >= 200 { (u32::from(h), u32::from(mi), u32::from(s)) } else { (u32::from(h % 24), u32::from(mi % 60), u32::from(s % 60)) };
    let name = MONTHS[(m as usize + 11) % 12];
    match layout % 16 {
        0 => format!("{y}-{m:02}-{d:02} {h:02}:{mi:02}:{s:02}"),
        1 => format!("{y}-{m:02}-{d:02}"),
        2 => format!("{y}/{m}/{d} {h}:{mi:02}"),
        3 => format!("{d:02}/{m:02}/{y}"),
        4 => format!("{m:02}/{d:02}/{y}"),
        5 => format!("{d:02}.{m:02}.{y}"),
        6 => format!("{y}{m:02}{d:02}"),
        7 => format!("{y}{m:02}{d:02}{h:02}{mi:02}{s:02}"),
        8 => format!("{y}年{m}月{d}日 {h:02}:{mi:02}:{s:02}"),
        9 => format!("{name} {d}, {y}"),
        10 => format!("{d} {name} {y}"),
        11 => format!("{}.{}", 40000 + u32::from(year % 20000), s),
        12 => format!("{y}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}+08:00"),
        13 => format!("{m}/{d}/{} {}:{mi:02}:{s:02} {}", y % 100, 1 + h % 12, if h >= 12 { "PM" } else { "AM" }),
        14 => format!("{y}年{m}月{d}日 {h}时{mi}分{s}秒"),
        _ => format!("{y}-{m:02}-{d:02} {h:02}:{mi:02}:{s:02}.{}", u32::from(year) * 7),
    }
}

/// An amount in one of the layouts exports use.
fn amount(units: i64, scale: u8, layout: u8) -> String {
    let value = rust_decimal::Decimal::new(units, u32::from(scale % 8));
    let plain = value.to_string();
    let abs = value.abs().to_string();
    let grouped = group_thousands(&abs, ',');
    match layout % 14 {
        0 => plain,
        1 => format!("¥{grouped}"),
        2 => format!("({grouped})"),
        3 => format!("{abs}-"),
        4 => format!("-${grouped}"),
        5 => format!("{} €", group_thousands(&abs.replace('.', ","), '.')),
        6 => full_width(&plain),
        7 => "--".to_owned(),
        8 => format!("=\"{plain}\""),
        9 => format!("{plain} CNY"),
        10 => format!("+{grouped}"),
        11 => format!("{:e}", units),
        12 => format!("￥{plain}元"),
        _ => format!("{abs},{}", scale),
    }
}

/// `digits` with commas (or points) between groups of three before the decimal mark.
fn group_thousands(number: &str, separator: char) -> String {
    let (int, rest) = number.find(['.', ',']).map_or((number, ""), |i| number.split_at(i));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(separator);
        }
        out.push(c);
    }
    out + rest
}

fn full_width(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_graphic() { char::from_u32(c as u32 - 0x21 + 0xFF01).unwrap_or(c) } else { c })
        .collect()
}

/// A card number: Luhn-valid or not, 13–19 digits or not, grouped, masked or wrapped as exports write them.
fn card(digits: u64, more: u8, layout: u8) -> String {
    let mut number = format!("{digits}{}", more % 100);
    if layout & 0x10 != 0 {
        number.push(luhn_digit(&number));
    }
    let tail = number.get(number.len().saturating_sub(4)..).unwrap_or("").to_owned();
    match layout % 8 {
        0 => number,
        1 => number.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(" "),
        2 => format!("{}******{tail}", number.get(..6).unwrap_or("")),
        3 => format!("**** {tail}"),
        4 => format!("=\"{number}\""),
        5 => format!("`{number}"),
        6 => format!("尾号{tail}"),
        _ => format!("card {number} refund"),
    }
}

/// The check digit that makes `body` + digit pass the Luhn check.
fn luhn_digit(body: &str) -> char {
    let sum: u32 = body
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 0 { if d * 2 > 9 { d * 2 - 9 } else { d * 2 } } else { d }
        })
        .sum();
    char::from(b'0' + ((10 - sum % 10) % 10) as u8)
}

impl Sheet {
    fn delimiter(&self) -> char {
        match self.delimiter % 5 {
            0 | 1 => ',',
            2 => '\t',
            3 => ';',
            _ => '|',
        }
    }

    fn line(&self, cells: impl Iterator<Item = String>) -> String {
        let d = self.delimiter();
        let quoted = |c: String| {
            if self.quote_all || c.contains([d, '"', '\n', '\r']) && self.delimiter & 0x80 == 0 {
                format!("\"{}\"", c.replace('"', "\"\""))
            } else {
                c
            }
        };
        cells.map(quoted).collect::<Vec<_>>().join(&d.to_string())
    }

    fn text(&self) -> String {
        let end = if self.crlf { "\r\n" } else { "\n" };
        let mut lines = Vec::new();
        lines.extend(self.preamble.iter().map(|row| self.line(row.iter().map(Cell::text))));
        lines.push(self.line(self.header.iter().map(|h| match h {
            Header::Word(i) => HEADER_WORDS[usize::from(*i) % HEADER_WORDS.len()].to_owned(),
            Header::Raw(s) => s.clone(),
        })));
        lines.extend(self.rows.iter().map(|row| self.line(row.iter().map(Cell::text))));
        lines.extend(self.trailer.iter().map(|row| self.line(row.iter().map(Cell::text))));
        lines.join(end) + end
    }

    fn bytes(&self) -> Vec<u8> {
        let text = self.text();
        match self.encoding {
            Encoding::Utf8 => text.into_bytes(),
            Encoding::Utf8Bom => [&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat(),
            Encoding::Gbk => encoding_rs::GBK.encode(&text).0.into_owned(),
            Encoding::Utf16Le => [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect(),
        }
    }
}

fuzz_target!(|sheet: Sheet| {
    let file = "table.csv";
    let bytes = sheet.bytes();
    let side = if sheet.bank { Side::Bank } else { Side::Terminal };
    let opts = ImportOptions { side, source: SourceId(1), skip_bad_rows: sheet.skip_bad_rows, ..ImportOptions::default() };
    let result = import_bytes(file, &bytes, &opts);
    check_import(file, &opts, &result);
    if opts.skip_bad_rows {
        return;
    }
    let skipping = ImportOptions { skip_bad_rows: true, ..opts.clone() };
    let skipped = import_bytes(file, &bytes, &skipping);
    check_import(file, &skipping, &skipped);
    match (&result, &skipped) {
        (Ok(whole), Ok(again)) => {
            assert_eq!(whole.txns, again.txns, "skipping bad rows changed a file that had none");
            assert_eq!(again.details.bad_row_count, 0);
        }
        (Ok(_), Err(e)) => panic!("imports whole, but not when bad rows are skipped: {e}"),
        (Err(ImportError::BadRows { count, .. }), Ok(again)) => {
            assert_eq!(again.details.bad_row_count, *count, "refused for {count} bad rows, skipping lists another number");
        }
        _ => {}
    }
});
