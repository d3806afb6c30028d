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

use super::text::clean_cell;

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
pub fn mask_card(text: &str) -> Option<Box<str>> {
    let cell = clean_cell(text);
    if cell.contains("E+") || cell.contains("e+") {
        return None;
    }
    let slots: Vec<Option<char>> = cell
        .chars()
        .filter_map(|c| match c {
            '0'..='9' => Some(Some(c)),
            '*' | 'x' | 'X' | '#' | '•' | '●' => Some(None),
            _ => None,
        })
        .collect();
    if !slots.iter().any(Option::is_some) {
        return None;
    }
    let n = slots.len();
    let masked = slots
        .iter()
        .enumerate()
        .map(|(i, slot)| match slot {
            Some(digit) if i < CLEAR_HEAD || i + CLEAR_TAIL >= n => *digit,
            _ => '*',
        })
        .collect::<String>();
    Some(masked.into_boxed_str())
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
    let mut hidden: Vec<usize> = Vec::new();
    for chain in digit_chains(bytes) {
        hide_cards_in_chain(bytes, &chain, &mut hidden);
    }
    if hidden.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = bytes.to_vec();
    for at in hidden {
        if let Some(b) = out.get_mut(at) {
            *b = b'*';
        }
    }
    // Only ASCII digits were replaced by an ASCII '*', so the text is still UTF-8.
    Cow::Owned(String::from_utf8(out).unwrap_or_else(|_| text.to_owned()))
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
                sum += if count % 2 == 1 { if d * 2 > 9 { d * 2 - 9 } else { d * 2 } } else { d };
                count += 1;
            }
            b' ' | b'-' => {}
            _ => return false,
        }
    }
    count >= 2 && sum.is_multiple_of(10)
}

/// Chains of digit groups joined by single spaces or dashes, as byte ranges of each group.
fn digit_chains(bytes: &[u8]) -> Vec<Vec<std::ops::Range<usize>>> {
    let mut chains = Vec::new();
    let mut chain: Vec<std::ops::Range<usize>> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
            continue;
        }
        let start = i;
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        let joined =
            chain.last().is_some_and(|last| last.end + 1 == start && matches!(bytes.get(last.end), Some(b' ' | b'-')));
        if !joined && !chain.is_empty() {
            chains.push(std::mem::take(&mut chain));
        }
        chain.push(start..i);
    }
    if !chain.is_empty() {
        chains.push(chain);
    }
    chains
}

/// Within one chain, finds runs of whole groups that make a Luhn-valid card number (longest first, left to
/// right) and records the byte positions of their digits that must be hidden.
fn hide_cards_in_chain(bytes: &[u8], chain: &[std::ops::Range<usize>], hidden: &mut Vec<usize>) {
    let mut first = 0;
    while first < chain.len() {
        let found = (first..chain.len()).rev().find(|&last| {
            let groups = chain.get(first..=last).unwrap_or(&[]);
            let len: usize = groups.iter().map(|g| g.end - g.start).sum();
            CARD_LENGTHS.contains(&len) && luhn_valid(span_text(bytes, groups))
        });
        let Some(last) = found else {
            first += 1;
            continue;
        };
        let groups = chain.get(first..=last).unwrap_or(&[]);
        let len: usize = groups.iter().map(|g| g.end - g.start).sum();
        let positions = groups.iter().flat_map(|g| g.clone());
        hidden
            .extend(positions.enumerate().filter(|(i, _)| *i >= CLEAR_HEAD && i + CLEAR_TAIL < len).map(|(_, at)| at));
        first = last + 1;
    }
}

/// The text from the first group's start to the last group's end (digits and their separators).
fn span_text<'a>(bytes: &'a [u8], groups: &[std::ops::Range<usize>]) -> &'a str {
    let (Some(first), Some(last)) = (groups.first(), groups.last()) else { return "" };
    bytes.get(first.start..last.end).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or("")
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
            ("a 4111111111111111 b 5500005555555559", "a 411111******1111 b 550000******5559"),
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
            assert!(matches!(mask_card_numbers(text), Cow::Borrowed(t) if t == text), "{text:?}");
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
