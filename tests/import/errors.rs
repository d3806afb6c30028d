//! Bad inputs: each must be refused with an error naming the file, line and column (`file:line:column: …`),
//! the text found and what was expected — never a panic, never a half import.

use posrecon::import::{ImportError, import_bytes};
use posrecon::model::Side;
use proptest::prelude::*;

use crate::kit::import::{error_at, gbk, opts};

#[test]
fn empty_file() {
    assert!(matches!(error_at("empty.csv", b"", 1, 1), ImportError::Empty { .. }));
    assert!(matches!(
        error_at("blank.csv", b" \r\n\n", 1, 1),
        ImportError::Empty { .. }
    ));
}

#[test]
fn header_only() {
    let err = error_at(
        "header.csv",
        &gbk("账号：6222020200112233445\n交易日期,交易金额,摘要\n"),
        2,
        1,
    );
    assert!(matches!(err, ImportError::NoRows { .. }), "{err}");
}

#[test]
fn no_header_names_what_was_found_and_what_is_missing() {
    let err = error_at("nohead.csv", b"foo,bar,baz\n1,2,3\n", 1, 1);
    let ImportError::NoHeader { found, missing, .. } = &err else {
        panic!("{err}")
    };
    assert!(found.is_empty());
    assert_eq!(missing, &["date", "amount"]);
    assert!(err.to_string().contains("mapping"), "{err}");
    // A header that names a date but no amount says so.
    let err = error_at("half.csv", b"Date,Description,Reference\n2026-11-24,x,1\n", 1, 1);
    let ImportError::NoHeader { missing, .. } = &err else {
        panic!("{err}")
    };
    assert_eq!(missing, &["amount"]);
}

#[test]
fn binary_garbage() {
    let mut bytes = b"Date,Amount\n2026-11-24,1".to_vec();
    bytes.extend([0x00, 0x01, 0xFF, 0x13, 0x88]);
    let err = error_at("garbage.csv", &bytes, 2, 13);
    assert!(matches!(err, ImportError::Binary { byte: 0x00, .. }), "{err}");
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00";
    assert!(matches!(error_at("picture.csv", png, 3, 1), ImportError::Binary { .. }));
}

#[test]
fn truncated_multibyte_gbk_sequence() {
    let mut bytes = gbk("交易日期,交易金额,摘要\n2026-11-24,12.00,测试");
    bytes.push(0xB2); // the lead byte of a two-byte character, cut off
    bytes.extend(gbk(",\n2026-11-25,1.00,另一行\n"));
    let err = error_at("cut.csv", &bytes, 2, 20);
    let ImportError::Encoding {
        encoding, bytes: shown, ..
    } = &err
    else {
        panic!("{err}")
    };
    assert!(encoding == "GBK" || encoding == "gb18030", "{encoding}");
    assert!(shown.starts_with("0xB2"), "{shown}");
}

#[test]
fn broken_utf8_after_valid_chinese_text() {
    let mut bytes = "交易日期,交易金额,摘要\n2026-11-24,12.00,测试".as_bytes().to_vec();
    bytes.push(0xE6); // first byte of a three-byte UTF-8 character, cut off
    bytes.extend(b"\n");
    let err = error_at("cut8.csv", &bytes, 2, 20);
    assert!(matches!(err, ImportError::Encoding { .. }), "{err}");
}

#[test]
fn wrong_delimiter_on_a_row() {
    let text = "Date,Amount,Reference\n2026-11-24,1.00,A\n2026-11-25;2.00;B\n2026-11-26,3.00,C\n";
    let err = error_at("mixed.csv", text.as_bytes(), 3, 1);
    assert!(err.to_string().contains("';'"), "{err}");
}

#[test]
fn wrong_delimiter_in_the_profile() {
    let text = "Date;Amount;Reference\n2026-11-24;1.00;A\n";
    let profile = posrecon::import::Profile {
        delimiter: Some(','),
        ..Default::default()
    };
    let err =
        crate::kit::import::import_with("semi.csv", text.as_bytes(), Side::Bank, profile).expect_err("wrong delimiter");
    assert!(
        err.to_string().starts_with("semi.csv:1:1: no header row found"),
        "{err}"
    );
    assert!(err.to_string().contains("seems to use ';'"), "{err}");
}

#[test]
fn row_with_an_extra_column() {
    let text = "Date,Amount,Reference\n2026-11-24,1.00,A\n2026-11-25,2.00,B,surplus\n";
    let err = error_at("extra.csv", text.as_bytes(), 3, 4);
    let ImportError::BadRows { count, rows, .. } = &err else {
        panic!("{err}")
    };
    assert_eq!((*count, rows[0].text.as_str()), (1, "surplus"));
    assert!(err.to_string().contains("at most 3 columns"), "{err}");
}

#[test]
fn unparsable_amount_names_column_text_and_expectation() {
    let text = "交易日期,交易金额,参考号\n2026-11-24,1.00,A\n2026-11-24,12.3.4,B\n2026-11-25,abc,C\n";
    let err = error_at("amount.csv", &gbk(text), 3, 2);
    let ImportError::BadRows { count, rows, .. } = &err else {
        panic!("{err}")
    };
    assert_eq!(*count, 2);
    assert_eq!(
        (rows[0].column_name.as_str(), rows[0].text.as_str()),
        ("交易金额", "12.3.4")
    );
    assert_eq!((rows[1].line, rows[1].column), (4, 2));
    let shown = err.to_string();
    assert!(
        shown.contains("expected an amount") && shown.contains("(and 1 more bad rows)"),
        "{shown}"
    );
}

#[test]
fn ambiguous_dates() {
    let text = "Date,Amount\n2026-11-24,1.00\n03/04/2026,1.00\n05/06/2026,2.00\n";
    let text = text.replace("2026-11-24", "03/05/2026");
    let err = error_at("dates.csv", text.as_bytes(), 2, 1);
    assert!(matches!(err, ImportError::AmbiguousDates { .. }), "{err}");
    assert!(err.to_string().contains("date order"), "{err}");
    // The fix the message suggests: a profile that only sets the order; the columns are still detected.
    let profile = posrecon::import::Profile {
        date_order: Some(posrecon::import::parse::DateOrder::DayFirst),
        ..Default::default()
    };
    let imported =
        crate::kit::import::import_with("dates.csv", text.as_bytes(), Side::Bank, profile).expect("day first");
    assert_eq!(imported.txns[0].time.date().to_string(), "2026-05-03");
}

#[test]
fn twenty_megabyte_line_without_newline() {
    let mut bytes = b"Date,Amount\n2026-11-24,1.00\n".to_vec();
    bytes.extend(std::iter::repeat_n(b'x', 20 << 20));
    let err = error_at("long.csv", &bytes, 3, (1 << 20) + 1);
    assert!(matches!(err, ImportError::LineTooLong { .. }), "{err}");
    // The whole file one line: refused before any parsing.
    let one_line = vec![b'7'; 20 << 20];
    assert!(matches!(
        error_at("one.csv", &one_line, 1, (1 << 20) + 1),
        ImportError::LineTooLong { .. }
    ));
}

#[test]
fn zip_that_is_not_a_workbook() {
    let err = error_at("archive.xlsx", &stored_zip("readme.txt", b"not a workbook"), 1, 1);
    assert!(matches!(err, ImportError::NotAWorkbook { .. }), "{err}");
    assert!(err.to_string().contains("zip"), "{err}");
}

#[test]
fn password_protected_xlsx() {
    // An encrypted OOXML package is an OLE compound file whose directory has EncryptionInfo and
    // EncryptedPackage streams.
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.resize(1024, 0);
    for name in ["EncryptionInfo", "EncryptedPackage"] {
        bytes.extend(name.encode_utf16().flat_map(u16::to_le_bytes));
        bytes.resize(bytes.len().next_multiple_of(128), 0);
    }
    let err = error_at("locked.xlsx", &bytes, 1, 1);
    assert!(matches!(err, ImportError::Encrypted { .. }), "{err}");
    assert!(err.to_string().contains("password-protected"), "{err}");
    // An OLE file that is no workbook at all.
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(2048, 0);
    assert!(matches!(
        error_at("doc.xls", &ole, 1, 1),
        ImportError::NotAWorkbook { .. }
    ));
}

/// A zip archive with one stored (uncompressed) file.
fn stored_zip(name: &str, data: &[u8]) -> Vec<u8> {
    let crc = crc32(data);
    let size = u32::try_from(data.len()).expect("small");
    let name_len = u16::try_from(name.len()).expect("short");
    let mut zip = Vec::new();
    let mut local = vec![];
    local.extend(0x0403_4b50u32.to_le_bytes());
    local.extend([20, 0, 0, 0, 0, 0, 0, 0, 0, 0]); // version, flags, method stored, time, date
    local.extend(crc.to_le_bytes());
    local.extend(size.to_le_bytes());
    local.extend(size.to_le_bytes());
    local.extend(name_len.to_le_bytes());
    local.extend(0u16.to_le_bytes());
    zip.extend(&local);
    zip.extend(name.as_bytes());
    zip.extend(data);
    let central_at = u32::try_from(zip.len()).expect("small");
    let mut central = vec![];
    central.extend(0x0201_4b50u32.to_le_bytes());
    central.extend([20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0]); // made by, needed, flags, method, time, date
    central.extend(crc.to_le_bytes());
    central.extend(size.to_le_bytes());
    central.extend(size.to_le_bytes());
    central.extend(name_len.to_le_bytes());
    central.extend([0; 12]); // extra, comment, disk, internal attrs, external attrs
    central.extend(0u32.to_le_bytes()); // local header offset
    central.extend(name.as_bytes());
    zip.extend(&central);
    let central_len = u32::try_from(central.len()).expect("small");
    zip.extend(0x0605_4b50u32.to_le_bytes());
    zip.extend([0, 0, 0, 0, 1, 0, 1, 0]);
    zip.extend(central_len.to_le_bytes());
    zip.extend(central_at.to_le_bytes());
    zip.extend([0, 0]);
    zip
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for byte in data {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Whatever the bytes, import answers with rows or an error — never a panic.
    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = import_bytes("random.csv", &bytes, &opts(Side::Bank));
    }

    /// A valid file cut anywhere or with one byte changed: rows or an error, never a panic.
    #[test]
    fn damaged_files_never_panic(cut in 0usize..400, at in 0usize..400, byte in any::<u8>()) {
        let mut bytes = gbk("账号：1\n交易日期,交易时间,摘要,收入金额,支出金额,余额\n20261002,101500,POS清算,\"1,227.09\",,100.00\n\
            20261002,120000,房租,,\"3,000.00\",50.00\n合计,,,1,2,\n");
        if let Some(b) = bytes.get_mut(at) {
            *b = byte;
        }
        bytes.truncate(cut);
        let _ = import_bytes("damaged.csv", &bytes, &opts(Side::Bank));
    }
}
