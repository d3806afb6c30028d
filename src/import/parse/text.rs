//! Cleaning one cell's text before it is parsed: the padding, wrappers and full-width characters that real
//! exports put around values.
//!
//! ```
//! use posrecon::import::parse::clean_cell;
//!
//! assert_eq!(clean_cell("  1234.50\t"), "1234.50");
//! assert_eq!(clean_cell("=\"6228480012345678\""), "6228480012345678"); // Excel text wrapper
//! assert_eq!(clean_cell("`4200001234202611241234567890"), "4200001234202611241234567890"); // WeChat bills
//! assert_eq!(clean_cell("１２３．４５"), "123.45"); // full-width digits from GBK exports
//! ```

use std::borrow::Cow;

/// Trims spaces/tabs/NBSP/ideographic space, strips an Excel text wrapper `="123.45"`, a leading backtick
/// (WeChat merchant bills) or apostrophe, surrounding quotes, trailing tab; converts full-width ASCII
/// (０-９, Ａ-Ｚ, ．，－（）etc.) to ASCII. Returns Cow::Borrowed when nothing changes (hot path!).
///
/// Wrappers may be nested (`"="123""`, `` `\t123 ``); all of them come off. Text inside is left alone
/// apart from the full-width conversion, which also turns an ideographic space (U+3000) into a plain space.
pub fn clean_cell(text: &str) -> Cow<'_, str> {
    if is_plain(text) {
        return Cow::Borrowed(text);
    }
    let stripped = strip_wrappers(text);
    if !needs_width_fold(stripped) {
        return Cow::Borrowed(stripped);
    }
    let folded = fold_width(stripped);
    let again = strip_wrappers(&folded);
    if again.len() == folded.len() {
        Cow::Owned(folded)
    } else {
        Cow::Owned(again.to_owned())
    }
}

/// `text` without the prefix `head`, ASCII letters compared case-insensitively; None when it does not start so.
pub(super) fn strip_prefix_ignore_case<'a>(text: &'a str, head: &str) -> Option<&'a str> {
    let found = text.get(..head.len())?;
    found
        .eq_ignore_ascii_case(head)
        .then(|| text.get(head.len()..))
        .flatten()
}

/// `text` without the suffix `tail`, ASCII letters compared case-insensitively; None when it does not end so.
pub(super) fn strip_suffix_ignore_case<'a>(text: &'a str, tail: &str) -> Option<&'a str> {
    let cut = text.len().checked_sub(tail.len())?;
    text.get(cut..)?
        .eq_ignore_ascii_case(tail)
        .then(|| text.get(..cut))
        .flatten()
}

/// Padding around a value: any Unicode white space (space, tab, CR/LF, NBSP, U+3000 …), a stray BOM or a
/// zero-width space.
fn is_padding(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}'
}

/// Removes padding and wrappers from both ends, as often as they nest. Never allocates.
fn strip_wrappers(text: &str) -> &str {
    let mut s = text;
    loop {
        let before = s.len();
        s = s.trim_matches(is_padding);
        if let Some(inner) = s.strip_prefix("=\"").and_then(|r| r.strip_suffix('"')) {
            s = inner;
        } else if let Some(inner) = s.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
            s = inner;
        } else if let Some(rest) = s.strip_prefix('`').or_else(|| s.strip_prefix('\'')) {
            s = rest;
        }
        if s.len() == before {
            return s;
        }
    }
}

/// Plain ASCII with nothing to take off either end (no padding, quote, `="`, backtick or apostrophe): the
/// common cell, which [`clean_cell`] hands back as it is without looking further.
fn is_plain(text: &str) -> bool {
    let bytes = text.as_bytes();
    let (Some(first), Some(last)) = (bytes.first(), bytes.last()) else {
        return false;
    };
    first.is_ascii_graphic()
        && !matches!(first, b'=' | b'"' | b'`' | b'\'')
        && last.is_ascii_graphic()
        && *last != b'"'
        && text.is_ascii()
}

/// True when `text` holds a full-width ASCII form (U+FF01–U+FF5E) or an ideographic space.
fn needs_width_fold(text: &str) -> bool {
    !text.is_ascii() && text.chars().any(|c| matches!(c, '\u{ff01}'..='\u{ff5e}' | '\u{3000}'))
}

/// Full-width ASCII forms to ASCII, ideographic space to a plain space; everything else unchanged.
fn fold_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cleaned text, and whether it borrows the input (no allocation).
    fn cleaned(text: &str) -> (String, bool) {
        let c = clean_cell(text);
        (c.to_string(), matches!(c, Cow::Borrowed(_)))
    }

    #[test]
    fn plain_ascii_is_borrowed_unchanged() {
        assert_eq!(cleaned("1234.50"), ("1234.50".to_owned(), true));
        for plain in ["1234.50", "a", "2026-11-24 13:05:09", "x=\"1\"y", "a'b'", "a`"] {
            assert!(is_plain(plain), "{plain:?}");
            assert_eq!(cleaned(plain), (strip_wrappers(plain).to_owned(), true), "{plain:?}");
        }
        for not_plain in ["", " 1", "1 ", "=\"1\"", "\"1\"", "`1", "'1", "1\"", "消费", "1\t"] {
            assert!(!is_plain(not_plain), "{not_plain:?}");
        }
    }

    #[test]
    fn padding_is_trimmed_without_allocating() {
        for raw in [
            " 12 ",
            "\t12\t",
            "12\t",
            "\u{a0}12\u{a0}",
            "\u{3000}12\u{3000}",
            "\u{feff}12",
            "12\r\n",
        ] {
            assert_eq!(cleaned(raw), ("12".to_owned(), true), "{raw:?}");
        }
    }

    #[test]
    fn wrappers_come_off() {
        assert_eq!(clean_cell("=\"123.45\""), "123.45");
        assert_eq!(clean_cell("`4200001234"), "4200001234");
        assert_eq!(clean_cell("'6228480012345678"), "6228480012345678");
        assert_eq!(clean_cell("\"a, b\""), "a, b");
        assert_eq!(clean_cell("\"=\"123\"\""), "123");
        assert_eq!(clean_cell("`\t2026-11-24 13:05:09\t"), "2026-11-24 13:05:09");
        assert_eq!(clean_cell("\""), "\"");
        assert_eq!(clean_cell("=\""), "=\"");
        assert_eq!(clean_cell(""), "");
        assert_eq!(clean_cell("   "), "");
    }

    #[test]
    fn inner_text_is_kept() {
        assert_eq!(clean_cell("  Coffee 'n' cake  "), "Coffee 'n' cake");
        assert_eq!(clean_cell("商户消费"), "商户消费");
        assert!(cleaned("商户消费").1);
        assert!(!cleaned("１２").1);
    }

    #[test]
    fn full_width_becomes_ascii() {
        assert_eq!(clean_cell("１２３．４５"), "123.45");
        assert_eq!(clean_cell("－１，２３４．５０"), "-1,234.50");
        assert_eq!(clean_cell("（１２．００）"), "(12.00)");
        assert_eq!(clean_cell("ＡＢＣ　ｘｙｚ"), "ABC xyz");
        assert_eq!(clean_cell("＂１２３＂"), "123");
        assert_eq!(clean_cell("￥１２"), "￥12"); // the yen sign is not an ASCII form: the amount parser knows it
        assert_eq!(clean_cell("交易金额：１２"), "交易金额:12");
    }
}
