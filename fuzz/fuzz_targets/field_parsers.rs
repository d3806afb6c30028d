//! The field parsers on arbitrary text: none panics, and the card maskers keep the privacy rule — no run of
//! 13–19 digits that passes the Luhn check is left in clear, and a card cell shows at most 6 + 4 digits.

#![no_main]

use libfuzzer_sys::fuzz_target;
use posrecon::import::parse::{
    DateOrder, DecimalStyle, clean_cell, combine_date_time, luhn_valid, mask_card, mask_card_numbers, parse_amount,
    parse_datetime, parse_direction, parse_kind, parse_status, parse_time,
};

fuzz_target!(|text: &str| {
    for style in [DecimalStyle::Point, DecimalStyle::Comma] {
        if let Ok(Some(value)) = parse_amount(text, style) {
            // What the reports do with an amount.
            let _ = posrecon::model::Money(value).minor_units();
        }
    }
    for order in [DateOrder::YearFirst, DateOrder::DayFirst, DateOrder::MonthFirst] {
        let _ = parse_datetime(text, order);
        let (date, time) = text.split_at(text.char_indices().nth(text.chars().count() / 2).map_or(0, |(i, _)| i));
        let _ = combine_date_time(date, time, order);
    }
    let _ = parse_time(text);
    let _ = parse_kind(text);
    let _ = parse_status(text);
    let _ = parse_direction(text);
    let cleaned = clean_cell(text);
    assert_eq!(clean_cell(&cleaned), cleaned, "cleaning twice changes the cell");

    if let Some(card) = mask_card(text) {
        assert!(card.bytes().all(|b| b.is_ascii_digit() || b == b'*'), "card cell {card:?}");
        assert!(card.bytes().filter(u8::is_ascii_digit).count() <= 10, "card cell {card:?} shows more than 10 digits");
    }
    let masked = mask_card_numbers(text);
    assert_eq!(masked.len(), text.len(), "masking changed the length of {text:?}");
    if let Some(run) = card_in_clear(&masked, text) {
        panic!("card number {run:?} left in clear in {masked:?}");
    }
});

/// A run of 13–19 digits in `text`, ungrouped or in groups joined by one space or dash, that passes the Luhn
/// check and shares no digit with a card the masking hid (its hidden digits, a `*` where `original` has a
/// digit, and the first 6 and last 4 digits it shows by the rule).
fn card_in_clear<'a>(text: &'a str, original: &str) -> Option<&'a str> {
    let bytes = text.as_bytes();
    let taken = masked_cards(bytes, original.as_bytes());
    for start in 0..bytes.len() {
        let starts_run = bytes[start].is_ascii_digit() && (start == 0 || !bytes[start - 1].is_ascii_digit());
        if !starts_run {
            continue;
        }
        let (mut end, mut digits) = (start, 0usize);
        while end < bytes.len() {
            match bytes[end] {
                b'0'..=b'9' => digits += 1,
                b' ' | b'-' if bytes.get(end + 1).is_some_and(u8::is_ascii_digit) && end > start => {}
                _ => break,
            }
            end += 1;
            if bytes[end - 1].is_ascii_digit()
                && !bytes.get(end).is_some_and(u8::is_ascii_digit)
                && (13..=19).contains(&digits)
                && luhn_valid(&text[start..end])
                && !taken[start..end].contains(&true)
            {
                return Some(&text[start..end]);
            }
        }
    }
    None
}

/// For each byte: whether it belongs to a card the masking hid — a run of hidden digits (joined by single
/// separators) with the up to 6 digits shown before it and 4 after.
fn masked_cards(bytes: &[u8], original: &[u8]) -> Vec<bool> {
    let hidden = |i: usize| bytes[i] == b'*' && original.get(i).is_some_and(u8::is_ascii_digit);
    let mut taken = vec![false; bytes.len()];
    let mut i = 0;
    while i < bytes.len() {
        if !hidden(i) {
            i += 1;
            continue;
        }
        let first = i;
        let mut last = i;
        let mut j = i + 1;
        while j < bytes.len() {
            if hidden(j) {
                last = j;
            } else if !(matches!(bytes[j], b' ' | b'-') && j + 1 < bytes.len() && hidden(j + 1)) {
                break;
            }
            j += 1;
        }
        let mark = |taken: &mut Vec<bool>, from: usize, step: isize, mut digits: usize| {
            let mut k = from as isize;
            while digits > 0 && k >= 0 && (k as usize) < bytes.len() {
                let b = bytes[k as usize];
                if b.is_ascii_digit() {
                    digits -= 1;
                } else if !matches!(b, b' ' | b'-') {
                    break;
                }
                taken[k as usize] = true;
                k += step;
            }
        };
        taken[first..=last].iter_mut().for_each(|t| *t = true);
        mark(&mut taken, first.wrapping_sub(1), -1, 6);
        mark(&mut taken, last + 1, 1, 4);
        i = last + 1;
    }
    taken
}
