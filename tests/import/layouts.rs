//! The text layouts real exports come in, each built here as bytes: GBK with a preamble and a 合计 line, UTF-8
//! with BOM, UTF-16, semicolons with decimal commas, separate money-in/money-out columns, a 收/支 column, date
//! and time in separate cells, quoted fields spanning lines, an HTML table saved as .xls, a TSV saved as .xls,
//! explicit profiles, skipped bad rows, card masking.

use posrecon::import::mapping::{Field, Profile, SignConvention};
use posrecon::import::parse::DateOrder;
use posrecon::import::{ImportOptions, guess_side, import_bytes};
use posrecon::model::{Money, Side, TxnKind, TxnStatus};
use rust_decimal_macros::dec;

use crate::kit::import::{gbk, import, import_with, opts};

const TERMINAL_LOG: &str = "商户名称：测试便利店\r\n商户编号：898310058120345\r\n查询时间段：2026-10-01 至 2026-10-02\r\n\
导出时间：2026-10-03 09:00:00\r\n\r\n\
商户号,终端号,交易时间,交易类型,凭证号,参考号,卡号,交易金额,手续费,结算金额,交易状态\r\n\
898310058120345,10293847,2026-10-01 08:12:33,消费,000101,123456789012,622848******1234,\"1,234.50\",7.41,1227.09,成功\r\n\
898310058120345,10293847,2026-10-01 09:00:00,退货,000102,123456789013,6228480012345678901,12.00,0.07,11.93,成功\r\n\
898310058120345,10293848,2026-10-01 10:00:00,消费,000103,123456789014,622848******9999,30.00,0.18,29.82,失败\r\n\
898310058120345,10293848,2026-10-01 10:05:00,撤销,000104,123456789015,622848******9999,30.00,0.00,30.00,成功\r\n\
合计,,,,,,,\"1,306.50\",7.66,,\r\n";

#[test]
fn gbk_terminal_log_with_preamble_and_total_line() {
    let imported = import("terminal-log.csv", &gbk(TERMINAL_LOG), Side::Terminal);
    let d = &imported.details;
    assert!(d.encoding == "GBK" || d.encoding == "gb18030", "{}", d.encoding);
    assert_eq!((d.delimiter, d.header_line), (Some(','), 6));
    assert_eq!(d.preamble.len(), 4);
    assert_eq!(d.preset.as_deref(), Some("cn-acquirer-terminal-log"));
    assert!(d.preset_reason.as_deref().unwrap_or("").contains("终端号"));
    assert_eq!(
        d.skipped_summary_lines.iter().map(|s| s.line).collect::<Vec<_>>(),
        vec![11]
    );
    assert_eq!(guess_side(d), Some(Side::Terminal));

    let t = &imported.txns;
    assert_eq!(t.iter().map(|t| t.row.line).collect::<Vec<_>>(), vec![7, 8, 9, 10]);
    assert_eq!(t[0].amount, Money(dec!(1234.50)));
    assert_eq!(t[0].fee, Some(Money(dec!(7.41))));
    assert_eq!(t[0].time.to_string(), "2026-10-01 08:12:33");
    assert_eq!(t[0].reference.as_deref(), Some("123456789012"));
    assert_eq!(t[0].terminal_id.as_deref(), Some("10293847"));
    // A refund written as a positive amount becomes negative, its net too; the fee stays positive.
    assert_eq!(
        (t[1].kind, t[1].amount, t[1].net),
        (TxnKind::Refund, Money(dec!(-12.00)), Some(Money(dec!(-11.93))))
    );
    assert_eq!(t[1].fee, Some(Money(dec!(0.07))));
    // A card number in clear is masked at import.
    assert_eq!(t[1].card_masked.as_deref(), Some("622848*********8901"));
    // Declined and voided rows are kept and marked.
    assert_eq!((t[2].status, t[2].kind), (TxnStatus::Declined, TxnKind::Sale));
    assert_eq!(t[3].kind, TxnKind::Void);
    assert_eq!(imported.source.side, Side::Terminal);
}

#[test]
fn utf8_bom_semicolons_decimal_commas_and_day_first_dates() {
    let text = "\u{feff}Datum;Beschreibung;Betrag;Gebühr\n24.11.2026;Kartenzahlung;1.234,50;-12,34\n03.11.2026;Erstattung;-5,00;0,00\n";
    let imported = import("sumup.csv", text.as_bytes(), Side::Terminal);
    assert_eq!(imported.details.encoding, "UTF-8 (BOM)");
    assert_eq!(imported.details.delimiter, Some(';'));
    let t = &imported.txns;
    assert_eq!(t[0].amount, Money(dec!(1234.50)));
    assert_eq!(t[0].fee, Some(Money(dec!(12.34))));
    assert_eq!(t[1].time.date().to_string(), "2026-11-03");
    assert!(t[1].date_only);
}

#[test]
fn utf16_le_tab_separated() {
    let text = "Date\tTime\tAmount\tReference\r\n2026-11-24\t13:05:09\t12.00\tA1\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let imported = import("export.txt", &bytes, Side::Bank);
    assert_eq!(
        (imported.details.encoding.as_str(), imported.details.delimiter),
        ("UTF-16LE", Some('\t'))
    );
    assert_eq!(imported.txns[0].time.to_string(), "2026-11-24 13:05:09");
    assert_eq!(imported.txns[0].row.line, 2);
}

#[test]
fn bank_statement_with_income_and_expense_columns() {
    let text = "账号：6222020200112233445\n户名：测试便利店\n起止日期：20261001-20261031\n\
交易日期,交易时间,摘要,收入金额,支出金额,余额,对方户名,对方账号\n\
20261002,101500,POS清算,\"1,227.09\",,\"11,227.09\",银联商务有限公司,6217000010001234\n\
20261002,120000,房租,,\"3,000.00\",\"8,227.09\",张三,\n\
人民币合计,,,\"1,227.09\",\"3,000.00\",,,\n";
    let imported = import("bank.csv", &gbk(text), Side::Bank);
    let d = &imported.details;
    assert_eq!(d.preset.as_deref(), Some("cn-bank-statement-income-expense"));
    assert_eq!(d.profile.sign, SignConvention::SplitColumns);
    assert_eq!(guess_side(d), Some(Side::Bank));
    let t = &imported.txns;
    assert_eq!(t.len(), 2);
    assert_eq!(
        (t[0].amount, t[1].amount),
        (Money(dec!(1227.09)), Money(dec!(-3000.00)))
    );
    assert_eq!(t[0].time.to_string(), "2026-10-02 10:15:00");
    assert_eq!(t[0].balance, Some(Money(dec!(11227.09))));
    assert_eq!(t[0].counterparty.as_deref(), Some("银联商务有限公司"));
    assert_eq!(d.skipped_summary_lines.len(), 1);
}

#[test]
fn amount_with_direction_column_backticks_and_trailing_commas() {
    // Alipay/WeChat style: padded cells, a 收/支 column, yuan signs, a trailing comma, ----结束---- trailer.
    let text = "------------------------支付宝交易记录明细查询------------------------\n账号:[test@example.com]\n\
交易时间 ,交易对方 ,收/支 ,金额（元） ,交易状态 ,交易订单号 ,\n\
2026-11-24 13:05:09 ,某某超市 ,支出 ,￥28.16 ,交易成功 ,`2026112422001 ,\n\
2026-11-24 15:00:00 ,张三 ,收入 ,100.00 ,交易成功 ,`2026112422002 ,\n\
------------------------------------结束------------------------------------\n";
    let imported = import("alipay.csv", &gbk(text), Side::Bank);
    let d = &imported.details;
    assert_eq!((d.header_line, d.profile.sign), (3, SignConvention::DirectionColumn));
    let t = &imported.txns;
    assert_eq!((t[0].amount, t[1].amount), (Money(dec!(-28.16)), Money(dec!(100.00))));
    assert_eq!(t[0].reference.as_deref(), Some("2026112422001"));
    assert_eq!(
        d.skipped_summary_lines.iter().map(|s| s.line).collect::<Vec<_>>(),
        vec![6]
    );
}

#[test]
fn quoted_fields_spanning_lines_keep_physical_line_numbers() {
    let text = "Date,Description,Amount\n2026-11-24,\"two\nlines\",1.00\n2026-11-25,plain,2.00\n";
    let t = import("q.csv", text.as_bytes(), Side::Bank).txns;
    assert_eq!(t.iter().map(|t| t.row.line).collect::<Vec<_>>(), vec![2, 4]);
    assert_eq!(t[0].description.as_deref(), Some("two\nlines"));
}

#[test]
fn html_table_saved_as_xls_is_read_as_html() {
    let html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gbk\"></head><body>\n\
<table border=1>\n<tr><td colspan=\"4\">账号：6222020200112233445</td></tr>\n\
<tr><td>交易日期</td><td>摘要</td><td>交易金额</td><td>余额</td></tr>\n\
<tr><td>2026-10-02</td><td>POS&nbsp;清算</td><td>1,227.09</td><td>11,227.09</td></tr>\n\
<tr><td>2026-10-03</td><td>电费</td><td>-300.00</td><td>10,927.09</td></tr>\n</table></body></html>\n";
    let imported = import("statement.xls", &gbk(html), Side::Bank);
    assert!(
        imported.details.format.starts_with("HTML"),
        "{}",
        imported.details.format
    );
    assert_eq!(imported.details.header_line, 4);
    let t = &imported.txns;
    assert_eq!(t.iter().map(|t| t.row.line).collect::<Vec<_>>(), vec![5, 6]);
    assert_eq!((t[0].amount, t[1].amount), (Money(dec!(1227.09)), Money(dec!(-300.00))));
    assert_eq!(t[0].description.as_deref(), Some("POS 清算"));
}

#[test]
fn tsv_saved_as_xls_is_read_as_text() {
    let text = "交易日期\t交易金额\t摘要\n2026-10-02\t5.00\t测试\n";
    let imported = import("export.xls", &gbk(text), Side::Bank);
    assert_eq!(imported.details.delimiter, Some('\t'));
    assert_eq!(imported.txns.len(), 1);
}

#[test]
fn card_numbers_in_free_text_are_masked() {
    let text = "Date,Description,Amount\n2026-11-24,refund to card 4111 1111 1111 1111 ok,-5.00\n";
    let t = import("m.csv", text.as_bytes(), Side::Bank).txns;
    let description = t[0].description.as_deref().unwrap_or("");
    assert!(!description.contains("1111 1111 1111 1111"), "{description}");
    assert!(
        description.contains("4111 11") && description.ends_with("1111 ok"),
        "{description}"
    );
}

#[test]
fn an_explicit_profile_decides_ambiguous_dates_and_columns() {
    let text = "When,What,Value\n03/04/2026,x,1.00\n05/06/2026,y,2.00\n";
    let profile = Profile::from_toml(
        "date_order = \"month_first\"\nside = \"bank\"\n[columns]\ndate = \"When\"\namount = \"Value\"\ndescription = \"#2\"\n",
    )
    .expect("profile parses");
    let imported = import_with("p.csv", text.as_bytes(), Side::Bank, profile).expect("imports with the profile");
    assert_eq!(imported.txns[0].time.date().to_string(), "2026-03-04");
    assert_eq!(imported.txns[1].description.as_deref(), Some("y"));
    assert_eq!(imported.details.profile.date_order, Some(DateOrder::MonthFirst));
}

#[test]
fn profile_naming_a_missing_column_is_an_error_on_the_header_line() {
    let text = "Date,Amount\n2026-11-24,1.00\n";
    let mut profile = Profile::default();
    profile.columns.insert(Field::Date, "Date".to_owned());
    profile.columns.insert(Field::Amount, "Betrag".to_owned());
    let err = import_with("p.csv", text.as_bytes(), Side::Bank, profile).expect_err("Betrag is not there");
    assert!(
        err.to_string()
            .starts_with("p.csv:1:1: mapping profile: column \"Betrag\""),
        "{err}"
    );
}

#[test]
fn skip_bad_rows_imports_the_rest_and_lists_the_bad_ones() {
    let text = "Date,Amount\n2026-11-24,1.00\n2026-11-25,abc\n2026-11-26,3.00\n";
    let opts = ImportOptions {
        skip_bad_rows: true,
        ..opts(Side::Bank)
    };
    let imported = import_bytes("s.csv", text.as_bytes(), &opts).expect("skips");
    assert_eq!(imported.txns.len(), 2);
    assert_eq!(imported.details.bad_row_count, 1);
    let bad = &imported.details.bad_rows[0];
    assert_eq!(
        (bad.line, bad.column, bad.column_name.as_str(), bad.text.as_str()),
        (3, 2, "Amount", "abc")
    );
}

#[test]
fn separate_date_and_time_cells() {
    let text = "交易日期,交易时间,交易金额\n20261124,130509,12.00\n20261124,,13.00\n";
    let t = import("dt.csv", text.as_bytes(), Side::Terminal).txns;
    assert_eq!(t[0].time.to_string(), "2026-11-24 13:05:09");
    assert!(!t[0].date_only);
    assert!(t[1].date_only);
}

#[test]
fn a_large_file_read_in_parts_keeps_every_row_and_its_line() {
    // Over 4 MiB, so the rows are read on several threads; quoted fields with line breaks are spread through
    // the file, so each row's line depends on the ones before it.
    let mut text = String::from("Date,Description,Amount\n");
    let mut expected_lines = Vec::new();
    let mut line = 2;
    for i in 0..120_000 {
        expected_lines.push(line);
        if i % 1000 == 7 {
            text.push_str(&format!(
                "2026-11-24,\"note {i}\nsecond line\",{}.{:02}\n",
                i % 500,
                i % 100
            ));
            line += 2;
        } else {
            text.push_str(&format!(
                "2026-11-24,plain description number {i},{}.{:02}\n",
                i % 500,
                i % 100
            ));
            line += 1;
        }
    }
    text.push_str("Total,,123.00\n");
    let imported = import("big.csv", text.as_bytes(), Side::Bank);
    let lines: Vec<u32> = imported.txns.iter().map(|t| t.row.line).collect();
    assert_eq!(lines, expected_lines);
    assert_eq!(imported.txns[119_999].amount, Money(dec!(499.99)));
    assert_eq!(
        imported
            .details
            .skipped_summary_lines
            .iter()
            .map(|l| l.line)
            .collect::<Vec<_>>(),
        vec![line]
    );
}
