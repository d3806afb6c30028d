//! Card numbers: masked at import, before anything stores them, to at most the first 6 and last 4 digits
//! (what PCI DSS allows to be shown). A card-number column goes through [`mask_card`]; free text (descriptions,
//! memos) through [`mask_card_numbers`], which finds Luhn-valid 13–19-digit runs anywhere in the text.
//!
//! ```
//! use posrecon::import::parse::{mask_card, mask_card_numbers};
//!
//! assert_eq!(mask_card("6228480012345678901").as_deref(), Some("622848*********8901"));
//! assert_eq!(mask_card("**** 1234").as_deref(), Some("****1234"));
//! assert_eq!(mask_card_numbers("refund to 4111 1111 1111 1111 ok"), "refund to 4111 11** **** 1111 ok");
//! assert_eq!(mask_card_numbers("order 20261124"), "order 20261124"); // too short to be a card
//! ```

use std::borrow::Cow;
use std::ops::Range;

use super::text::clean_cell;
use crate::model::TxnText;

/// How many leading and trailing digits may stay in clear.
const CLEAR_HEAD: usize = 6;
const CLEAR_TAIL: usize = 4;
/// The lengths a payment card number has.
const CARD_LENGTHS: std::ops::RangeInclusive<usize> = 13..=19;

/// A card-number cell: keeps at most first 6 + last 4 digits, masks the rest with '*'
/// ("6228480012345678901" → "622848*********8901"); already-masked input ("622848******1234", "**** 1234")
/// is normalised, never unmasked. Returns None for blank.
///
/// The result holds only digits and `*`: spaces, dashes and words (`VISA`, `尾号`) are dropped, and `x`, `X`, `#`,
/// `•` are read as masked digits. A cell in scientific notation (`6.22848E+18`, a spreadsheet that took the
/// card number for a number) has lost digits and gives None; so does a cell with no digit at all.
pub fn mask_card(text: &str) -> Option<TxnText> {
    let cell = clean_cell(text);
    if cell.contains('+') && (cell.contains("E+") || cell.contains("e+")) {
        return None;
    }
    // Almost every card cell is ASCII: read it byte by byte, the rest char by char (for `•`, `●`).
    if cell.is_ascii() {
        masked(cell.bytes().filter_map(|b| slot(char::from(b))))
    } else {
        masked(cell.chars().filter_map(slot))
    }
}

/// A character of a card cell: Some(Some(digit)) a digit in clear, Some(None) a masked digit, None a character
/// that is dropped.
fn slot(c: char) -> Option<Option<u8>> {
    match c {
        '0'..='9' => Some(u8::try_from(c).ok()),
        '*' | 'x' | 'X' | '#' | '•' | '●' => Some(None),
        _ => None,
    }
}

/// The card's slots with at most the first 6 and last 4 digits in clear; None when no digit is in clear.
fn masked(slots: impl Iterator<Item = Option<u8>> + Clone) -> Option<TxnText> {
    let (mut n, mut any_digit) = (0usize, false);
    for s in slots.clone() {
        n += 1;
        any_digit |= s.is_some();
    }
    if !any_digit {
        return None;
    }
    // The result is ASCII (digits and '*'), one byte per slot: built on the stack, one copy into the text.
    let masked = slots.enumerate().map(|(i, s)| match s {
        Some(digit) if i < CLEAR_HEAD || i + CLEAR_TAIL >= n => digit,
        _ => b'*',
    });
    let mut buf = [0u8; 64];
    if n <= buf.len() {
        buf.iter_mut().zip(masked).for_each(|(b, m)| *b = m);
        return std::str::from_utf8(buf.get(..n)?).ok().map(TxnText::from);
    }
    Some(masked.map(char::from).collect::<String>().into())
}

/// Free text (description, memo, any cell): every run of 13–19 digits (spaces/dashes allowed between groups)
/// that passes the Luhn check is masked to first 6 + last 4. Cow::Borrowed when nothing is masked.
///
/// Groups may be joined by one space or one dash (`6228 4800 1234 5678`); the separators stay where they are.
/// A longer digit run (a 28-digit order number) is not a card and is left alone. Do not run this over a
/// reference column: about one 13–19-digit reference in ten passes the Luhn check by chance.
pub fn mask_card_numbers(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    if bytes.iter().filter(|b| b.is_ascii_digit()).count() < *CARD_LENGTHS.start() {
        return Cow::Borrowed(text);
    }
    let mut masked: Option<Vec<u8>> = None;
    let mut groups = DigitGroups {
        bytes,
        at: 0,
        last_end: None,
    };
    while let Some((first, _)) = groups.next() {
        let Some(end) = longest_card_from(text, first.clone(), groups.clone()) else {
            continue;
        };
        let out = masked.get_or_insert_with(|| bytes.to_vec());
        hide_middle_digits(out, first.start..end);
        while groups.last_end.is_some_and(|e| e < end) {
            groups.next();
        }
    }
    match masked {
        // Only ASCII digits were replaced by an ASCII '*', so the text is still UTF-8.
        Some(out) => Cow::Owned(String::from_utf8(out).unwrap_or_else(|_| text.to_owned())),
        None => Cow::Borrowed(text),
    }
}

/// The Luhn (mod 10) check every payment card number passes. Spaces and dashes are ignored; any other
/// character, or fewer than two digits, fails.
pub fn luhn_valid(digits: &str) -> bool {
    let mut sum = 0u32;
    let mut count = 0usize;
    for b in digits.bytes().rev() {
        match b {
            b'0'..=b'9' => {
                let d = u32::from(b - b'0');
                sum += if count % 2 == 1 {
                    if d * 2 > 9 { d * 2 - 9 } else { d * 2 }
                } else {
                    d
                };
                count += 1;
            }
            b' ' | b'-' => {}
            _ => return false,
        }
    }
    count >= 2 && sum.is_multiple_of(10)
}

/// The runs of ASCII digits in a text, each with whether it is joined to the previous run by exactly one space
/// or dash (`4111 1111`). Cloning it is cheap, so a caller can look ahead without allocating.
#[derive(Clone)]
struct DigitGroups<'a> {
    bytes: &'a [u8],
    at: usize,
    last_end: Option<usize>,
}

impl Iterator for DigitGroups<'_> {
    type Item = (Range<usize>, bool);

    fn next(&mut self) -> Option<Self::Item> {
        let is_digit = |i: usize| self.bytes.get(i).is_some_and(u8::is_ascii_digit);
        while self.at < self.bytes.len() && !is_digit(self.at) {
            self.at += 1;
        }
        if self.at >= self.bytes.len() {
            return None;
        }
        let start = self.at;
        while is_digit(self.at) {
            self.at += 1;
        }
        let joined = self
            .last_end
            .is_some_and(|e| e + 1 == start && matches!(self.bytes.get(e), Some(b' ' | b'-')));
        self.last_end = Some(self.at);
        Some((start..self.at, joined))
    }
}

/// The end of the longest Luhn-valid card number that starts with the group `first` and continues over the
/// joined groups that `rest` yields next; None when there is none.
fn longest_card_from(text: &str, first: Range<usize>, rest: DigitGroups<'_>) -> Option<usize> {
    let start = first.start;
    let is_card =
        |end: usize, digits: usize| CARD_LENGTHS.contains(&digits) && text.get(start..end).is_some_and(luhn_valid);
    let mut digits = first.len();
    let mut longest = is_card(first.end, digits).then_some(first.end);
    for (group, joined) in rest {
        digits += group.len();
        if !joined || digits > *CARD_LENGTHS.end() {
            break;
        }
        if is_card(group.end, digits) {
            longest = Some(group.end);
        }
    }
    longest
}

/// Replaces the digits of `span` other than the first 6 and last 4 with `*`; separators stay.
fn hide_middle_digits(out: &mut [u8], span: Range<usize>) {
    let digits = out
        .get(span.clone())
        .map_or(0, |s| s.iter().filter(|b| b.is_ascii_digit()).count());
    let mut seen = 0;
    for b in out.get_mut(span).unwrap_or(&mut []) {
        if b.is_ascii_digit() {
            if seen >= CLEAR_HEAD && seen + CLEAR_TAIL < digits {
                *b = b'*';
            }
            seen += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn masked(text: &str) -> Option<String> {
        mask_card(text).map(String::from)
    }

    #[test]
    fn card_cells_keep_six_and_four() {
        let cases = [
            ("6228480012345678901", Some("622848*********8901")),
            ("6228480012345678", Some("622848******5678")),
            ("4111 1111 1111 1111", Some("411111******1111")),
            ("4111-1111-1111-1111", Some("411111******1111")),
            ("622848******1234", Some("622848******1234")),
            ("622848XXXXXX1234", Some("622848******1234")),
            ("**** 1234", Some("****1234")),
            ("**** **** **** 1234", Some("************1234")),
            ("6228481234567890**34", Some("622848************34")),
            ("尾号1234", Some("1234")),
            ("VISA ****1234", Some("****1234")),
            ("=\"6228480012345678\"", Some("622848******5678")),
            ("`6228480012345678", Some("622848******5678")),
            ("６２２８４８００１２３４５６７８", Some("622848******5678")),
            ("6.22848E+18", None),
            ("", None),
            ("  ", None),
            ("n/a", None),
        ];
        for (text, want) in cases {
            assert_eq!(masked(text).as_deref(), want, "{text:?}");
        }
    }

    #[test]
    fn luhn() {
        assert!(luhn_valid("4111111111111111"));
        assert!(luhn_valid("4111 1111 1111 1111"));
        assert!(luhn_valid("79927398713"));
        assert!(!luhn_valid("4111111111111112"));
        assert!(!luhn_valid("4111a111111111111"));
        assert!(!luhn_valid("0"));
        assert!(!luhn_valid(""));
    }

    #[test]
    fn card_numbers_in_free_text_are_masked() {
        let cases = [
            ("refund to 4111111111111111", "refund to 411111******1111"),
            ("卡号4111111111111111消费", "卡号411111******1111消费"),
            ("4111 1111 1111 1111", "4111 11** **** 1111"),
            ("card 4111-1111-1111-1111.", "card 4111-11**-****-1111."),
            ("order 12 4111 1111 1111 1111", "order 12 4111 11** **** 1111"),
            (
                "a 4111111111111111 b 5500005555555559",
                "a 411111******1111 b 550000******5559",
            ),
        ];
        for (text, want) in cases {
            assert_eq!(mask_card_numbers(text), want, "{text:?}");
        }
    }

    #[test]
    fn other_numbers_are_left_alone_without_allocating() {
        for text in [
            "plain text",
            "4111111111111112",             // fails Luhn
            "4200001234202611241234567890", // 28 digits: an order number, not a card
            "2026-11-24 13:05:09",
            "tel 138 0013 8000",
            "",
        ] {
            assert!(
                matches!(mask_card_numbers(text), Cow::Borrowed(t) if t == text),
                "{text:?}"
            );
        }
    }

    /// `body` with a Luhn check digit appended.
    fn with_check_digit(body: &str) -> String {
        let check = (0..10).find(|d| luhn_valid(&format!("{body}{d}"))).unwrap_or(0);
        format!("{body}{check}")
    }

    proptest! {
        #[test]
        fn no_card_number_keeps_more_than_ten_digits_in_clear(
            body in "[0-9]{12,18}",
            before in "[a-z 收款]{0,8}",
            after in "[a-z 。]{0,8}",
            grouped in any::<bool>(),
        ) {
            let card = with_check_digit(&body);
            let written = if grouped {
                card.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(" ")
            } else {
                card.clone()
            };
            let text = format!("{before}{written}{after}");
            let out = mask_card_numbers(&text);
            prop_assert!(out.chars().filter(char::is_ascii_digit).count() <= 10, "{}", out);
            prop_assert!(out.starts_with(before.as_str()) && out.ends_with(after.as_str()));
            let cell = mask_card(&written).map(String::from).unwrap_or_default();
            prop_assert_eq!(cell.len(), card.len());
            prop_assert_eq!(cell.chars().filter(char::is_ascii_digit).count(), 10);
        }

        #[test]
        fn masking_never_panics(text in "\\PC{0,40}") {
            let _ = mask_card(&text);
            let _ = mask_card_numbers(&text);
        }
    }
}
