//! Formula-injection neutralising for exported text cells.
//!
//! A description such as `=HYPERLINK("http://x","y")` typed into a payment memo must not become a live formula
//! when the owner opens the export in Excel or LibreOffice. Any text cell starting with `=`, `+`, `-`, `@`, a tab
//! or a carriage return is prefixed with an apostrophe. Numbers are written as numbers and never pass through
//! here, so a refund of `-12.00` stays a negative number.

use std::borrow::Cow;

/// The characters that make a spreadsheet read a cell as a formula (or strip them, as tab and CR do).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Returns the text unchanged (borrowed) unless it starts with a formula character; then prefixes `'`.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    match text.chars().next() {
        Some(c) if FORMULA_STARTS.contains(&c) => Cow::Owned(format!("'{text}")),
        _ => Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_prefixed() {
        assert_eq!(
            neutralise("=HYPERLINK(\"http://x\",\"y\")"),
            "'=HYPERLINK(\"http://x\",\"y\")"
        );
        assert_eq!(neutralise("+1+1"), "'+1+1");
        assert_eq!(neutralise("-2+3"), "'-2+3");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("\t=1"), "'\t=1");
        assert_eq!(neutralise("\r=1"), "'\r=1");
    }

    #[test]
    fn ordinary_text_is_borrowed_unchanged() {
        for text in ["POS清算", "rent", "", "1=1", "a-b", "'quoted"] {
            assert!(matches!(neutralise(text), Cow::Borrowed(t) if t == text));
        }
    }
}
