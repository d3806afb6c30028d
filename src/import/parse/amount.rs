//! Amounts as exports write them: `¥1,234.50`, `(12.00)`, `12.00-`, `-$3.00`, `1.234,50 €`, `１２３．４５`, `--`.
//!
//! One parser for the whole product, exact (`Decimal`, never `f64`) and strict: a thousands separator must
//! separate groups of three digits, so a comma-decimal cell read as point-decimal (`12,5`) is an error rather
//! than a silent 125. The decimal style is decided once per column by [`detect_decimal_style`].
//!
//! ```
//! use posrecon::import::parse::{detect_decimal_style, parse_amount, DecimalStyle};
//! use rust_decimal_macros::dec;
//!
//! assert_eq!(parse_amount("1,234.50", DecimalStyle::Point), Ok(Some(dec!(1234.50))));
//! assert_eq!(parse_amount("12.00-", DecimalStyle::Point), Ok(Some(dec!(-12.00))));
//! assert_eq!(parse_amount("−12", DecimalStyle::Point), Ok(Some(dec!(-12))));
//! assert_eq!(parse_amount("—", DecimalStyle::Point), Ok(None));
//! assert!(parse_amount("12.3.4", DecimalStyle::Point).is_err());
//!
//! let style = detect_decimal_style(["1.234,50", "12,00", "7"]);
//! assert_eq!(style, DecimalStyle::Comma);
//! assert_eq!(parse_amount("1 234,50", style), Ok(Some(dec!(1234.50))));
//! ```

use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde::{Deserialize, Serialize};

use super::FieldError;
use super::text::{clean_cell, strip_prefix_ignore_case, strip_suffix_ignore_case};
use crate::import::currency::{MARKS, is_code};

/// How a column writes the decimal mark.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DecimalStyle {
    /// `1,234.50`: point decimals, comma (or space) thousands. The default.
    #[default]
    Point,
    /// `1.234,50`: comma decimals, point (or space) thousands — German, French, SumUp, MT940.
    Comma,
}

/// Decides per column from sample cells (e.g. the first 1000 non-blank): Comma only when the evidence says so
/// (e.g. "1.234,50", "12,5", "0,99"), Point otherwise.
///
/// A cell is evidence for Comma when a comma is its last separator and cannot be a thousands separator
/// (`12,5`, `0,99`, `1.234,50`, `1.234.567`); evidence for Point likewise (`12.5`, `1,234.50`, `1,234,567`).
/// `1,234` and `1.234` say nothing. Comma wins only with more evidence than Point.
pub fn detect_decimal_style<'a>(samples: impl IntoIterator<Item = &'a str>) -> DecimalStyle {
    let (mut comma, mut point) = (0usize, 0usize);
    for sample in samples {
        match decimal_evidence(&clean_cell(sample)) {
            Some(DecimalStyle::Comma) => comma += 1,
            Some(DecimalStyle::Point) => point += 1,
            None => {}
        }
    }
    if comma > point {
        DecimalStyle::Comma
    } else {
        DecimalStyle::Point
    }
}

/// What one cell says about the decimal mark, if anything.
fn decimal_evidence(cell: &str) -> Option<DecimalStyle> {
    let (_, body) = strip_decorations(cell)?;
    let last_comma = body.rfind(',');
    let last_point = body.rfind('.');
    let (at, mark, style) = match (last_comma, last_point) {
        (None, None) => return None,
        (Some(c), Some(p)) => {
            return Some(if c > p {
                DecimalStyle::Comma
            } else {
                DecimalStyle::Point
            });
        }
        (Some(c), None) => (c, ',', DecimalStyle::Comma),
        (None, Some(p)) => (p, '.', DecimalStyle::Point),
    };
    let flipped = if style == DecimalStyle::Comma {
        DecimalStyle::Point
    } else {
        DecimalStyle::Comma
    };
    if body.matches(mark).count() > 1 {
        return Some(flipped); // 1,234,567 or 1.234.567: the mark repeats, so it separates thousands
    }
    let after = body.get(at + 1..).unwrap_or("");
    let before = body.get(..at).unwrap_or("");
    let digits_after = after.chars().filter(char::is_ascii_digit).count();
    if digits_after != 3 || before.trim_start_matches('0').is_empty() {
        Some(style) // 12,5 / 0,99 / 0,125: cannot be a thousands separator
    } else {
        None // 1,234: could be either
    }
}

/// Ok(None) for blank, "-", "--", "—". Accepts 1234.5, 1,234.50, ¥/￥/RMB/CNY/$/US$/€/元 prefixes or suffixes,
/// -12.00, (12.00), 12.00-, +5, −12 (unicode minus), 1.234,50 (Comma style), 1 234,50, ="123.45", full-width
/// digits, "-$3.00", "$-3.00", "¥28.16". Never f64. Rejects "12.3.4", "abc", "1,23,4.5x" with a FieldError whose
/// expected text reads like "an amount such as 1234.50".
///
/// Thousands separators (`,` in Point style, `.` in Comma style, and a plain, no-break or thin space in both)
/// must separate groups of exactly three digits. The result keeps the scale written (`12.50` has scale 2);
/// a zero is never negative.
///
/// A number of more than 15 digits before the decimal mark ([`MAX_AMOUNT`]) is refused: it is a reference or
/// an account number in the wrong column, and sums of such values would leave `Decimal`'s range.
pub fn parse_amount(text: &str, style: DecimalStyle) -> Result<Option<Decimal>, FieldError> {
    match read_amount(text, style)? {
        Some(value) if !within_range(value) => Err(FieldError::new(TOO_LARGE, text)),
        value => Ok(value),
    }
}

/// Amounts are below this in size: 15 digits before the decimal mark, far above any real payment or balance,
/// and low enough that sums over millions of rows stay inside `Decimal`'s range (about 7.9e28) and every amount's
/// minor units fit an `i64`.
pub const MAX_AMOUNT: Decimal = dec!(1_000_000_000_000_000);

/// What a cell beyond [`MAX_AMOUNT`] should have been.
const TOO_LARGE: &str = "an amount of at most 15 digits before the decimal mark (a longer number is a reference or \
                         an account number, not money)";

/// Whether an amount is below [`MAX_AMOUNT`] in size; the statement readers check theirs with it too.
pub fn within_range(value: Decimal) -> bool {
    value.abs() < MAX_AMOUNT
}

/// An amount followed by a bracketed note in words: `131.77(已退款89.84)` → (`131.77`, `已退款89.84`). None for
/// a cell without one, and for brackets around the amount itself (`(12.50)`, a negative amount).
pub fn note_of(cell: &str) -> Option<(&str, &str)> {
    let cell = cell.trim();
    let close = cell.strip_suffix(')').or_else(|| cell.strip_suffix('）'))?;
    let open = close.rfind(['(', '（'])?;
    let (amount, note) = (close.get(..open)?.trim(), close.get(open..)?);
    let note = note.trim_start_matches(['(', '（']);
    let words = note.chars().any(|c| c.is_alphabetic());
    (words && !amount.is_empty() && amount.ends_with(|c: char| c.is_ascii_digit())).then_some((amount, note))
}

/// [`parse_amount`] without the range check.
fn read_amount(text: &str, style: DecimalStyle) -> Result<Option<Decimal>, FieldError> {
    if let Some(value) = plain_number(text.as_bytes(), style) {
        return Ok(Some(value));
    }
    let cell = clean_cell(text);
    let cell = cell.as_ref();
    // Placeholders for "nothing here": "-", "--", "—", "/".
    if cell.is_empty() || cell == "/" || cell.chars().all(|c| matches!(c, '-' | '−' | '–' | '—')) {
        return Ok(None);
    }
    // `131.77(已退款89.84)`: the amount, and a note about it (said in the row's description).
    let cell = note_of(cell).map_or(cell, |(amount, _)| amount);
    strip_decorations(cell)
        .and_then(|(negative, body)| {
            let value = parse_number(body, style)?;
            Some(if negative && !value.is_zero() { -value } else { value })
        })
        .map(Some)
        .ok_or_else(|| FieldError::new(expected_amount(style), text))
}

/// The common cell, read without the general machinery: `1234.50`, `-12`, `0.5` — an optional minus, ASCII
/// digits that fit an i64, at most one decimal mark of the column's style with digits on both sides, nothing
/// else. Gives exactly what the general path gives (scale as written, a zero never negative); None otherwise.
fn plain_number(bytes: &[u8], style: DecimalStyle) -> Option<Decimal> {
    let mark = match style {
        DecimalStyle::Point => b'.',
        DecimalStyle::Comma => b',',
    };
    let (negative, digits) = match bytes.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, bytes),
    };
    if digits.is_empty() || digits.len() > 19 {
        return None;
    }
    let (mut mantissa, mut scale, mut fraction) = (0i64, 0u32, false);
    for (i, b) in digits.iter().enumerate() {
        match b {
            b'0'..=b'9' => {
                mantissa = mantissa.checked_mul(10)?.checked_add(i64::from(b - b'0'))?;
                scale += u32::from(fraction);
            }
            _ if *b == mark && !fraction && i > 0 && i + 1 < digits.len() => fraction = true,
            _ => return None,
        }
    }
    Some(Decimal::new(if negative { -mantissa } else { mantissa }, scale))
}

/// The `expected` text of an amount error.
fn expected_amount(style: DecimalStyle) -> &'static str {
    match style {
        DecimalStyle::Point => "an amount such as 1234.50, -1,234.50 or ¥12.00",
        DecimalStyle::Comma => "an amount such as 1234,50 or -1.234,50 (this column uses decimal commas)",
    }
}

/// Takes signs, brackets and currency marks off both ends: `(¥1,234.50)` → (negative, `1,234.50`).
/// None when the signs contradict each other (`--5`, `(5`, `-(5)`).
fn strip_decorations(cell: &str) -> Option<(bool, &str)> {
    let mut s = cell;
    let (mut signs, mut negative, mut bracket) = (0u8, false, false);
    loop {
        s = s.trim_start();
        if let Some(rest) = strip_currency_prefix(s) {
            s = rest;
        } else if let Some(rest) = s.strip_prefix(['-', '−']) {
            (signs, negative, s) = (signs.saturating_add(1), true, rest);
        } else if let Some(rest) = s.strip_prefix('+') {
            (signs, s) = (signs.saturating_add(1), rest);
        } else if let Some(rest) = s.strip_prefix('(').filter(|_| !bracket) {
            (bracket, s) = (true, rest);
        } else {
            break;
        }
    }
    let mut closed = false;
    loop {
        s = s.trim_end();
        if let Some(rest) = strip_currency_suffix(s) {
            s = rest;
        } else if let Some(rest) = s.strip_suffix(')').filter(|_| bracket && !closed) {
            (closed, s) = (true, rest);
        } else if let Some(rest) = s.strip_suffix(['-', '−']) {
            (signs, negative, s) = (signs.saturating_add(1), true, rest);
        } else {
            break;
        }
    }
    if bracket != closed || signs > 1 || (bracket && signs > 0) {
        return None;
    }
    Some((negative || bracket, s))
}

/// The cell without a leading currency mark of the one table, [`MARKS`] (letters case-insensitive), or another
/// ISO code in capitals ([`is_code`]); None when it has none.
fn strip_currency_prefix(s: &str) -> Option<&str> {
    if s.as_bytes().first().is_none_or(u8::is_ascii_digit) {
        return None;
    }
    MARKS
        .iter()
        .filter(|m| m.written.before())
        .find_map(|mark| strip_prefix_ignore_case(s, mark.text))
        .or_else(|| s.get(..3).filter(|code| is_code(code)).and_then(|_| s.get(3..)))
}

/// The cell without a trailing currency mark of [`MARKS`] or ISO code in capitals, or None when it has none.
fn strip_currency_suffix(s: &str) -> Option<&str> {
    if s.as_bytes().last().is_none_or(u8::is_ascii_digit) {
        return None;
    }
    let cut = s.len().saturating_sub(3);
    MARKS
        .iter()
        .filter(|m| m.written.after())
        .find_map(|mark| strip_suffix_ignore_case(s, mark.text))
        .or_else(|| s.get(cut..).filter(|code| is_code(code)).and_then(|_| s.get(..cut)))
}

/// The digits, grouping and decimal mark of an amount, without sign or currency. None when malformed.
fn parse_number(body: &str, style: DecimalStyle) -> Option<Decimal> {
    let (mark, group) = match style {
        DecimalStyle::Point => ('.', ','),
        DecimalStyle::Comma => (',', '.'),
    };
    let mut mantissa: i128 = 0;
    let mut scale: u32 = 0;
    let (mut digits, mut group_len, mut grouped, mut fraction) = (0usize, 0usize, false, false);
    for c in body.chars() {
        if let Some(d) = c.to_digit(10) {
            mantissa = mantissa.checked_mul(10)?.checked_add(i128::from(d))?;
            digits += 1;
            if fraction {
                scale += 1;
            } else {
                group_len += 1;
            }
        } else if c == mark && !fraction {
            if grouped && group_len != 3 {
                return None;
            }
            fraction = true;
        } else if (c == group || matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')) && !fraction {
            let first_group_ok = !grouped && (1..=3).contains(&group_len);
            if !(first_group_ok || (grouped && group_len == 3)) {
                return None;
            }
            (grouped, group_len) = (true, 0);
        } else {
            return None;
        }
    }
    if digits == 0 || (grouped && !fraction && group_len != 3) {
        return None;
    }
    Decimal::try_from_i128_with_scale(mantissa, scale).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    fn point(text: &str) -> Result<Option<Decimal>, FieldError> {
        parse_amount(text, DecimalStyle::Point)
    }

    fn comma(text: &str) -> Result<Option<Decimal>, FieldError> {
        parse_amount(text, DecimalStyle::Comma)
    }

    #[test]
    fn the_plain_path_agrees_with_the_general_one() {
        let cells = [
            "0",
            "7",
            "007",
            "1234.50",
            "-12.00",
            "-0.00",
            "-0",
            "0.5",
            "999999999999999999",
            "1234567890123456789",
            "12.345678901234567",
            "1.",
            ".5",
            "-",
            "1.2.3",
            "1,5",
            "12,50",
            "1,234",
            "-1,234.50",
            "+5",
            "1e5",
            "１２",
        ];
        for style in [DecimalStyle::Point, DecimalStyle::Comma] {
            for cell in cells {
                let general = strip_decorations(cell).and_then(|(negative, body)| {
                    let value = parse_number(body, style)?;
                    Some(if negative && !value.is_zero() { -value } else { value })
                });
                if let Some(fast) = plain_number(cell.as_bytes(), style) {
                    assert_eq!(Some(fast), general, "{cell:?} {style:?}");
                    assert_eq!(fast.scale(), general.map_or(99, |g| g.scale()), "{cell:?} {style:?}");
                    assert_eq!(
                        fast.is_sign_negative(),
                        general.is_some_and(|g| g.is_sign_negative()),
                        "{cell:?}"
                    );
                }
            }
        }
        assert_eq!(plain_number(b"1234.50", DecimalStyle::Point), Some(dec!(1234.50)));
        assert_eq!(plain_number(b"12,5", DecimalStyle::Comma), Some(dec!(12.5)));
        assert_eq!(plain_number(b"12.5", DecimalStyle::Comma), None);
    }

    #[test]
    fn blanks_and_dashes_are_no_amount() {
        for blank in ["", "  ", "-", "--", "—", "——", "－", "\t"] {
            assert_eq!(point(blank), Ok(None), "{blank:?}");
            assert_eq!(comma(blank), Ok(None), "{blank:?}");
        }
    }

    #[test]
    fn point_style_layouts() {
        let cases = [
            ("1234.5", dec!(1234.5)),
            ("1234.50", dec!(1234.50)),
            ("1,234.50", dec!(1234.50)),
            ("1,234,567.89", dec!(1234567.89)),
            ("1 234.50", dec!(1234.50)),
            ("-12.00", dec!(-12.00)),
            ("(12.00)", dec!(-12.00)),
            ("12.00-", dec!(-12.00)),
            ("+5", dec!(5)),
            ("−12", dec!(-12)),
            ("¥28.16", dec!(28.16)),
            ("￥1,234.50", dec!(1234.50)),
            ("RMB 1,234.50", dec!(1234.50)),
            ("CNY1234.50", dec!(1234.50)),
            ("1234.50 CNY", dec!(1234.50)),
            ("1234.50元", dec!(1234.50)),
            ("人民币 1,234.50", dec!(1234.50)),
            ("1234.50 rmb", dec!(1234.50)),
            ("$1,240.00", dec!(1240.00)),
            ("US$ 12.00", dec!(12.00)),
            ("-$3.00", dec!(-3.00)),
            ("$-3.00", dec!(-3.00)),
            ("(¥12.00)", dec!(-12.00)),
            ("¥-28.16", dec!(-28.16)),
            ("€5.10", dec!(5.10)),
            ("=\"123.45\"", dec!(123.45)),
            ("１２３．４５", dec!(123.45)),
            ("－１，２３４．５０", dec!(-1234.50)),
            ("`28.16", dec!(28.16)),
            (".5", dec!(0.5)),
            ("0", dec!(0)),
            ("-0.00", dec!(0.00)),
        ];
        for (text, want) in cases {
            assert_eq!(point(text), Ok(Some(want)), "{text:?}");
        }
        assert!(
            !point("-0.00")
                .unwrap_or_default()
                .unwrap_or_default()
                .is_sign_negative()
        );
    }

    #[test]
    fn comma_style_layouts() {
        let cases = [
            ("1.234,50", dec!(1234.50)),
            ("1 234,50", dec!(1234.50)),
            ("1\u{a0}234,50", dec!(1234.50)),
            ("12,5", dec!(12.5)),
            ("0,99", dec!(0.99)),
            ("-12,00", dec!(-12.00)),
            ("1.234,50 €", dec!(1234.50)),
            ("EUR 1.234.567,00", dec!(1234567.00)),
            ("1234", dec!(1234)),
            ("1.234", dec!(1234)),
        ];
        for (text, want) in cases {
            assert_eq!(comma(text), Ok(Some(want)), "{text:?}");
        }
    }

    #[test]
    fn malformed_amounts_are_rejected_with_an_example() {
        for bad in [
            "12.3.4",
            "abc",
            "1,23,4.5x",
            "1,23.00",
            "12,5",
            ",5",
            "1,",
            "--5",
            "(5",
            "5)",
            "-(5)",
            "1e5",
            "12 abc",
            "¥",
            "1,2345.00",
        ] {
            let err = point(bad).expect_err(bad);
            assert_eq!(err.found, bad);
            assert!(err.expected.starts_with("an amount such as 1234.50"), "{err}");
        }
        for bad in ["1,234.50", "1.23,00", "12,3,4"] {
            let err = comma(bad).expect_err(bad);
            assert!(err.expected.contains("decimal commas"), "{err}");
        }
    }

    #[test]
    fn absurdly_long_numbers_are_an_error_not_a_panic() {
        assert!(point(&"9".repeat(60)).is_err());
        assert!(point(&format!("{}5", "+".repeat(300))).is_err());
        assert!(point(&format!("5{}", "-".repeat(300))).is_err());
        assert!(point(&format!("0.{}", "1".repeat(40))).is_err());
    }

    #[test]
    fn decimal_style_needs_evidence_for_comma() {
        assert_eq!(detect_decimal_style(["1.234,50", "12,5", "0,99"]), DecimalStyle::Comma);
        assert_eq!(detect_decimal_style(["1.234.567", "1.234"]), DecimalStyle::Comma);
        assert_eq!(detect_decimal_style(["1,234", "1.234", "7"]), DecimalStyle::Point);
        assert_eq!(detect_decimal_style(["1,234.50", "12,5"]), DecimalStyle::Point);
        assert_eq!(detect_decimal_style(["1,234,567"]), DecimalStyle::Point);
        assert_eq!(detect_decimal_style(["0,125"]), DecimalStyle::Comma);
        assert_eq!(detect_decimal_style(["¥12.50", "(3,00)"]), DecimalStyle::Point);
        assert_eq!(detect_decimal_style(["12,50 €", "-3,00", "1.234"]), DecimalStyle::Comma);
        assert_eq!(detect_decimal_style(Vec::<&str>::new()), DecimalStyle::Point);
    }

    /// `cents` formatted with `group` every three digits and `mark` before the two decimals.
    fn format_grouped(cents: i64, group: char, mark: char) -> String {
        let digits = cents.unsigned_abs().to_string();
        let digits = format!("{digits:0>3}");
        let (int, frac) = digits.split_at(digits.len() - 2);
        let mut out = String::new();
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                out.push(group);
            }
            out.push(c);
        }
        let sign = if cents < 0 { "-" } else { "" };
        format!("{sign}{out}{mark}{frac}")
    }

    proptest! {
        #[test]
        fn any_two_place_amount_round_trips_with_thousands_separators(cents in -10_000_000_000_000i64..10_000_000_000_000) {
            let want = Decimal::new(cents, 2);
            prop_assert_eq!(point(&format_grouped(cents, ',', '.')), Ok(Some(want)));
            prop_assert_eq!(comma(&format_grouped(cents, '.', ',')), Ok(Some(want)));
            prop_assert_eq!(comma(&format_grouped(cents, ' ', ',')), Ok(Some(want)));
            prop_assert_eq!(point(&format!("¥{}", want)), Ok(Some(want)));
            prop_assert_eq!(point(&format!("({})", want.abs())), Ok(Some(-want.abs())));
        }

        #[test]
        fn parse_amount_never_panics(text in "\\PC{0,24}") {
            let _ = point(&text);
            let _ = comma(&text);
        }
    }

    #[test]
    fn placeholders_are_empty_and_a_refund_note_is_not_the_amount() {
        for cell in ["-", "--", "—", "/", " - \t"] {
            assert_eq!(parse_amount(cell, DecimalStyle::Point), Ok(None), "{cell:?}");
        }
        assert_eq!(
            parse_amount("131.77(已退款89.84)", DecimalStyle::Point),
            Ok(Some(dec!(131.77)))
        );
        assert_eq!(note_of("131.77(已退款89.84)"), Some(("131.77", "已退款89.84")));
        assert_eq!(note_of("(12.50)"), None);
        assert_eq!(parse_amount("(12.50)", DecimalStyle::Point), Ok(Some(dec!(-12.50))));
        assert_eq!(parse_amount("CNY 123.18", DecimalStyle::Point), Ok(Some(dec!(123.18))));
        assert_eq!(parse_amount("RMB 5.00", DecimalStyle::Point), Ok(Some(dec!(5.00))));
        // The scale the file gives is kept: rounding is for display.
        assert_eq!(
            parse_amount("115.8331", DecimalStyle::Point).map(|a| a.map(|d| d.scale())),
            Ok(Some(4))
        );
    }
}
