//! Finding out what a file is before reading it: its container (zip workbook, OLE/CFB workbook, HTML table,
//! text), its text encoding (BOMs, UTF-16, UTF-8 validity, then chardetng for GBK/GB18030 and other legacy
//! encodings), the header row (scored against the synonym dictionary), and which lines after the data are
//! totals (合计, 总计, Total, `#…`, `----结束----`) rather than rows.

use std::borrow::Cow;

use encoding_rs::{Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE};

use super::error::{ImportError, Location};
use super::mapping::synonyms::{field_of, normalise};
use super::mapping::{Field, Profile};

/// The longest physical line accepted in a text table.
pub const MAX_LINE_BYTES: usize = 1 << 20;
/// How many rows from the top are considered as the header row.
pub const HEADER_SEARCH_ROWS: usize = 60;

/// What the bytes of a file are, whatever its name says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Container {
    /// A zip archive: .xlsx, .xlsb, .ods — or some other zip.
    Zip,
    /// An OLE compound file (D0 CF 11 E0): .xls, or an encrypted .xlsx.
    Cfb,
    /// An HTML page holding a table (a ".xls" many Chinese banks export).
    Html,
    /// Delimited text.
    Text,
}

/// Looks at the first bytes.
pub fn container(bytes: &[u8]) -> Container {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Container::Zip;
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Container::Cfb;
    }
    let head = &bytes[..bytes.len().min(4096)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let starts_with_markup = lower.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<');
    let has = |needle: &[u8]| lower.windows(needle.len()).any(|w| w == needle);
    if starts_with_markup && (has(b"<table") || has(b"<html") || has(b"<tr")) {
        Container::Html
    } else {
        Container::Text
    }
}

/// True when an OLE compound file holds an encrypted OOXML package (its directory names `EncryptionInfo`).
pub fn is_encrypted_ooxml(bytes: &[u8]) -> bool {
    let name: Vec<u8> = "EncryptionInfo".encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes.windows(name.len()).any(|w| w == name.as_slice())
}

/// Text decoded from a file, and the name of the encoding it was written in.
#[derive(Debug)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub encoding: &'static str,
}

/// Decodes a text file: BOMs first, then UTF-16 without BOM, then UTF-8, then the legacy encoding chardetng
/// guesses (GBK/GB18030 for Chinese exports). A byte sequence that is not valid in the chosen encoding is an
/// error naming its line and column; binary data (NUL and control bytes) is refused.
pub fn decode<'a>(file: &str, bytes: &'a [u8]) -> Result<Decoded<'a>, ImportError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) || bytes == b"\xEF\xBB\xBF" {
        return Err(ImportError::Empty { file: file.to_owned() });
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = bytes.get(bom_len..).unwrap_or_default();
        let name = if encoding == UTF_8 {
            "UTF-8 (BOM)"
        } else {
            encoding.name()
        };
        return strict(file, body, encoding, name);
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        return strict(file, bytes, encoding, encoding.name());
    }
    refuse_binary(file, bytes)?;
    // The SIMD check first (several times faster on a large file); the standard one, which says where the first
    // bad byte is, only when the text is not UTF-8.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Ok(Decoded {
            text: Cow::Borrowed(text),
            encoding: "UTF-8",
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text: Cow::Borrowed(text),
            encoding: "UTF-8",
        }),
        Err(e) => {
            let before = std::str::from_utf8(bytes.get(..e.valid_up_to()).unwrap_or_default()).unwrap_or_default();
            if before.chars().filter(|c| !c.is_ascii()).nth(3).is_some() {
                // Several valid multi-byte UTF-8 characters up to here (which GBK text almost never gives by
                // chance): a broken UTF-8 file, not a legacy encoding.
                return Err(bad_bytes(
                    file,
                    bytes,
                    e.valid_up_to(),
                    e.error_len().unwrap_or(1),
                    UTF_8,
                    "UTF-8",
                ));
            }
            let encoding = legacy_encoding(bytes);
            strict(file, bytes, encoding, encoding.name())
        }
    }
}

/// chardetng's guess for text that is not UTF-8. chardetng drops an encoding at its first invalid sequence, so
/// a GBK file with one damaged character would be guessed as something else and silently garbled: when the
/// part before GBK's first error is GBK by chardetng, the file is GBK (and the error is reported).
fn legacy_encoding(bytes: &[u8]) -> &'static Encoding {
    let guess = guess_encoding(bytes);
    if guess == GBK || guess == GB18030 {
        return GBK;
    }
    match malformed_at(GBK, bytes) {
        Some((start, _)) if start > 0 && guess_encoding(bytes.get(..start).unwrap_or_default()) == GBK => GBK,
        _ => guess,
    }
}

fn guess_encoding(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    let sample = bytes.get(..bytes.len().min(1 << 20)).unwrap_or(bytes);
    detector.feed(sample, sample.len() == bytes.len());
    detector.guess(None, chardetng::Utf8Detection::Deny)
}

/// Offset and length of the first malformed byte sequence, if any.
fn malformed_at(encoding: &'static Encoding, body: &[u8]) -> Option<(usize, usize)> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(decoder.max_utf8_buffer_length(body.len()).unwrap_or(body.len() * 3));
    let (result, read) = decoder.decode_to_string_without_replacement(body, &mut out, true);
    match result {
        encoding_rs::DecoderResult::Malformed(bad, after) => {
            let end = read.saturating_sub(usize::from(after));
            Some((end.saturating_sub(usize::from(bad)), usize::from(bad).max(1)))
        }
        _ => None,
    }
}

fn strict<'a>(
    file: &str,
    body: &'a [u8],
    encoding: &'static Encoding,
    name: &'static str,
) -> Result<Decoded<'a>, ImportError> {
    if encoding == UTF_8 {
        return match std::str::from_utf8(body) {
            Ok(text) => Ok(Decoded {
                text: Cow::Borrowed(text),
                encoding: name,
            }),
            Err(e) => Err(bad_bytes(
                file,
                body,
                e.valid_up_to(),
                e.error_len().unwrap_or(1),
                UTF_8,
                name,
            )),
        };
    }
    if let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(body) {
        if text.trim().is_empty() {
            return Err(ImportError::Empty { file: file.to_owned() });
        }
        return Ok(Decoded {
            text: Cow::Owned(text.into_owned()),
            encoding: name,
        });
    }
    let (start, len) = malformed_at(encoding, body).unwrap_or((0, 1));
    Err(bad_bytes(file, body, start, len, encoding, name))
}

/// The error for an invalid byte sequence at `start`: line and column counted in the decoded text before it.
fn bad_bytes(
    file: &str,
    body: &[u8],
    start: usize,
    len: usize,
    encoding: &'static Encoding,
    name: &str,
) -> ImportError {
    let before = body.get(..start).unwrap_or(body);
    let (text, _) = encoding.decode_without_bom_handling(before);
    let line = text.matches('\n').count() + 1;
    let column = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    let shown = body.get(start..(start + len + 1).min(body.len())).unwrap_or_default();
    let bytes = shown.iter().map(|b| format!("{b:#04X}")).collect::<Vec<_>>().join(" ");
    ImportError::Encoding {
        at: Location::new(file, None, to_u32(line), to_u32(column)),
        encoding: name.to_owned(),
        bytes,
    }
}

/// UTF-16 text without a BOM shows as every other byte zero in ASCII-heavy text.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.get(..bytes.len().min(1024) & !1)?;
    if head.len() < 8 {
        return None;
    }
    let pairs = head.len() / 2;
    let zero_odd = head.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    let zero_even = head.iter().step_by(2).filter(|b| **b == 0).count();
    if zero_odd * 10 >= pairs * 4 && zero_even == 0 {
        Some(UTF_16LE)
    } else if zero_even * 10 >= pairs * 4 && zero_odd == 0 {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// NUL and other control bytes that never appear in a text table.
fn refuse_binary(file: &str, bytes: &[u8]) -> Result<(), ImportError> {
    let head = bytes.get(..bytes.len().min(64 * 1024)).unwrap_or(bytes);
    let is_binary = |b: &u8| matches!(*b, 0x00..=0x08 | 0x0E..=0x19 | 0x1C..=0x1F | 0x7F);
    let Some(pos) = head.iter().position(is_binary) else {
        return Ok(());
    };
    let before = head.get(..pos).unwrap_or_default();
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let line_start = before.iter().rposition(|b| *b == b'\n').map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(before.get(line_start..).unwrap_or_default())
        .chars()
        .count()
        + 1;
    Err(ImportError::Binary {
        at: Location::new(file, None, to_u32(line), to_u32(column)),
        byte: head.get(pos).copied().unwrap_or_default(),
    })
}

/// Saturating conversion for line and column numbers.
pub fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// How much a row looks like a header: the number of distinct fields its cells name, 0 when it has no money
/// field or no date field (a preamble line such as `商户名称: …` names neither).
pub fn header_score<S: AsRef<str>>(cells: &[S]) -> usize {
    let mut seen = [false; Field::ALL.len()];
    for cell in cells {
        if let Some(slot) = field_of(cell.as_ref()).and_then(|(field, _)| seen.get_mut(field.index())) {
            *slot = true;
        }
    }
    let has = |f: Field| seen.get(f.index()).copied().unwrap_or(false);
    let money = has(Field::Amount) || has(Field::Credit) || has(Field::Debit) || has(Field::Net);
    let date = has(Field::Date) || has(Field::Time);
    if money || date {
        seen.iter().filter(|s| **s).count()
    } else {
        0
    }
}

/// [`header_score`], or — when a profile names its columns — how many of them the row has (a row with all of
/// them beats any dictionary score).
pub fn header_score_for<S: AsRef<str>>(cells: &[S], profile: &Profile) -> usize {
    let named: Vec<String> = profile
        .columns
        .values()
        .filter(|c| !c.starts_with('#'))
        .map(|c| normalise(c).key)
        .collect();
    if named.is_empty() {
        return header_score(cells);
    }
    let keys: Vec<String> = cells.iter().map(|c| normalise(c.as_ref()).key).collect();
    let present = named.iter().filter(|n| keys.contains(n)).count();
    if present == named.len() {
        100 + present
    } else {
        header_score(cells)
    }
}

/// The fields a candidate header names (for the "no header found" error).
pub fn fields_named<S: AsRef<str>>(cells: &[S]) -> Vec<Field> {
    let mut fields: Vec<Field> = cells.iter().filter_map(|c| field_of(c.as_ref()).map(|f| f.0)).collect();
    fields.sort();
    fields.dedup();
    fields
}

/// What to tell about a file whose best header candidate names no field (Wells Fargo's CSV has no header row at
/// all): when that row holds data — a date in one column, an amount in another — the file has no header, and
/// the columns must be chosen by hand. Starts with "; " (for [`ImportError::NoHeader`]'s `hint`); None when the
/// row does not look like data.
pub fn headerless_hint<S: AsRef<str>>(line: u32, cells: &[S]) -> Option<String> {
    use super::parse::{DecimalStyle, reads_as_amount, reads_as_date};
    let is_date = reads_as_date;
    let is_amount = |c: &str| reads_as_amount(c, &[DecimalStyle::Point]);
    let column = |test: &dyn Fn(&str) -> bool| cells.iter().position(|c| test(c.as_ref().trim()));
    let (date, amount) = (column(&is_date)?, column(&is_amount)?);
    let shown = |i: usize| cells.get(i).map_or("", |c| c.as_ref().trim());
    Some(format!(
        "; line {line} holds data, not column names (a date {:?} in column {}, an amount {:?} in column {}): the file \
         has no header row, so say which column holds what",
        shown(date),
        date + 1,
        shown(amount),
        amount + 1
    ))
}

/// True for the first cell of a total/summary line: 合计, 总计, 小计, 人民币合计, Total, Subtotal, `#…`,
/// `----结束----`, and balance lines (Kontostand, Saldo, Solde, Closing balance, 期末余额).
pub fn is_summary_cell(cell: &str) -> bool {
    // Runs on every row: no allocation, and rows starting with a digit (dates, merchant numbers) leave at once.
    let t = cell.trim_matches(|c: char| c.is_whitespace() || c == '"' || c == '`' || c == '\'');
    if t.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    if t.starts_with('#') || t.starts_with("---") || t.starts_with("===") || t.starts_with("***") {
        return true;
    }
    let head = t.char_indices().nth(8).map_or(t, |(cut, _)| t.get(..cut).unwrap_or(t));
    if [
        "合计",
        "总计",
        "小计",
        "共计",
        "汇总",
        "總計",
        "合計",
        "笔数",
        "总交易单数",
        "期初余额",
        "期末余额",
    ]
    .iter()
    .any(|w| head.contains(w))
    {
        return true;
    }
    // Whole words at the start of the cell: `Total:`, but not `Totally`; a balance line (Deutsche Bank ends its
    // table with `Kontostand;24.11.2026;;;5.240,55;EUR`).
    SUMMARY_WORDS.iter().any(|w| {
        t.get(..w.len()).is_some_and(|p| p.eq_ignore_ascii_case(w))
            && !t
                .get(w.len()..)
                .unwrap_or_default()
                .starts_with(|c: char| c.is_alphabetic())
    })
}

/// First words of total and balance lines in English, German and French exports.
const SUMMARY_WORDS: &[&str] = &[
    "total",
    "subtotal",
    "grand total",
    "sum",
    "summe",
    "gesamt",
    "kontostand",
    "alter kontostand",
    "neuer kontostand",
    "anfangssaldo",
    "endsaldo",
    "saldo",
    "solde",
    "opening balance",
    "closing balance",
    "beginning balance",
    "ending balance",
    "balance brought forward",
    "balance carried forward",
];

/// True for the first cell of a line that ends a table: a rule (`----`, `====`, `***`, `#----…结束…`) or the
/// header of a totals block (WeChat Pay merchant bills end with `总交易单数,应结订单总金额,…` and a line of figures).
pub fn is_table_end(cell: &str) -> bool {
    let t = cell.trim_matches(|c: char| c.is_whitespace() || c == '"' || c == '`' || c == '\'');
    let t = t.strip_prefix('#').unwrap_or(t);
    t.starts_with("---") || t.starts_with("===") || t.starts_with("***") || t.starts_with("总交易单数")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_is_detected_and_decoded() {
        let (bytes, _, _) = encoding_rs::GBK.encode("交易日期,交易金额\n2026-11-24,12.00\n商户名称：测试商店\n");
        let d = decode("t.csv", &bytes).expect("decodes");
        assert!(d.encoding == "GBK" || d.encoding == "gb18030", "{}", d.encoding);
        assert!(d.text.starts_with("交易日期"));
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let text = "Date,Amount\n2026-11-24,12.00\n";
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode("t.csv", &le).expect("le").text, text);
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let d = decode("t.csv", &be).expect("be");
        assert_eq!((d.text.as_ref(), d.encoding), (text, "UTF-16BE"));
    }

    #[test]
    fn summary_cells() {
        for s in [
            "合计",
            "人民币合计",
            "Total",
            "TOTAL:",
            "#-----",
            "----------结束----------",
            "总计：12笔",
        ] {
            assert!(is_summary_cell(s), "{s}");
        }
        for s in ["2026-11-24", "Totally", "898310058120345", "退货"] {
            assert!(!is_summary_cell(s), "{s}");
        }
    }

    #[test]
    fn a_row_of_data_is_told_from_a_header() {
        let row = ["11/24/2026", "-89.99", "*", "", "PURCHASE AUTHORIZED ON 11/21"];
        let hint = headerless_hint(1, &row).unwrap_or_default();
        assert!(
            hint.contains("line 1 holds data") && hint.contains("column 1"),
            "{hint}"
        );
        assert!(hint.contains("\"-89.99\" in column 2"), "{hint}");
        assert_eq!(
            headerless_hint(1, &["Details", "Posting Date", "Description", "Amount"]),
            None
        );
        assert_eq!(headerless_hint(3, &["商户名称：测试商店"]), None);
    }

    #[test]
    fn balance_lines_are_summaries() {
        for s in ["Kontostand", "Neuer Kontostand", "Saldo", "Closing balance", "期末余额"] {
            assert!(is_summary_cell(s), "{s}");
        }
        assert!(
            !is_summary_cell("Saldoausgleich Konto 2"),
            "a word that only starts like one"
        );
    }

    #[test]
    fn header_scoring_prefers_the_real_header() {
        assert_eq!(header_score(&["商户名称：测试商店"]), 0);
        assert_eq!(header_score(&["2026-11-24", "12.00"]), 0);
        assert!(header_score(&["交易日期", "交易金额", "卡号"]) >= 3);
    }
}
