//! Field parsers: the text of one cell in, a typed value (or a [`FieldError`]) out.
//!
//! These are the only amount, date, time, kind/status/direction and card-number parsers of posrecon; every
//! reader (CSV, Excel, the bank formats) goes through them. They are pure functions with no I/O, and the common
//! case — a plain ASCII `1234.50` or `2026-11-24 13:05:09` — does not allocate.
//!
//! | concern | functions |
//! |---|---|
//! | [`text`] | [`clean_cell`]: trims, unwraps `="123"`, `` `123 ``, `'123`, full-width → ASCII |
//! | [`amount`] | [`parse_amount`] with a per-column [`DecimalStyle`] from [`detect_decimal_style`] |
//! | [`date_order`] | [`detect_date_order`]: day-first or month-first, once per file |
//! | [`datetime`] | [`parse_datetime`], [`combine_date_time`] |
//! | [`clock`] | [`parse_time`]: a time of day on its own |
//! | [`kind`] | [`parse_kind`], [`parse_status`], [`parse_direction`] |
//! | [`card`] | [`mask_card`], [`mask_card_numbers`], [`luhn_valid`] |
//!
//! ```
//! use posrecon::import::parse::{parse_amount, parse_datetime, DateOrder, DecimalStyle};
//! use rust_decimal_macros::dec;
//!
//! assert_eq!(parse_amount("¥1,234.50", DecimalStyle::Point), Ok(Some(dec!(1234.50))));
//! assert_eq!(parse_amount("(12.00)", DecimalStyle::Point), Ok(Some(dec!(-12.00))));
//! assert_eq!(parse_amount("1.234,50 €", DecimalStyle::Comma), Ok(Some(dec!(1234.50))));
//! assert_eq!(parse_amount("--", DecimalStyle::Point), Ok(None));
//!
//! let (when, date_only) = parse_datetime("2026年11月24日 13时05分09秒", DateOrder::YearFirst).unwrap();
//! assert_eq!(when.to_string(), "2026-11-24 13:05:09");
//! assert!(!date_only);
//! ```
//!
//! A parser never sees the file name or the line: it returns a [`FieldError`] saying what it expected and
//! what it found, and the reader wraps that with file, line and column.

pub mod amount;
pub mod card;
pub mod clock;
pub mod date_order;
mod date_parts;
pub mod datetime;
pub mod kind;
mod memo;
pub mod text;

pub use amount::{DecimalStyle, detect_decimal_style, parse_amount};
pub use card::{luhn_valid, mask_card, mask_card_numbers};
pub use clock::parse_time;
pub use date_order::{DateEvidence, DateOrder, detect_date_order};
pub use datetime::{combine_date_time, parse_datetime};
pub use kind::{Direction, is_pending, parse_direction, parse_kind, parse_status};
pub use text::clean_cell;

/// Whether a cell reads as a date (or a date and time) in some day/month order: what tells a column of dates in
/// a table whose header names nothing (or that has none).
pub fn reads_as_date(cell: &str) -> bool {
    cell.chars().any(|c| c.is_ascii_digit())
        && [DateOrder::YearFirst, DateOrder::DayFirst, DateOrder::MonthFirst]
            .iter()
            .any(|o| parse_datetime(cell, *o).is_ok())
}

/// Whether a cell reads as an amount in one of `styles` and is not a date (`2026.11.24` is both).
pub fn reads_as_amount(cell: &str, styles: &[DecimalStyle]) -> bool {
    cell.chars().any(|c| c.is_ascii_digit())
        && !reads_as_date(cell)
        && styles.iter().any(|s| matches!(parse_amount(cell, *s), Ok(Some(_))))
}

/// What went wrong with one cell; the reader adds file/line/column.
///
/// `expected` reads as the end of the sentence "expected …", e.g. "an amount such as 1234.50";
/// `found` is the cell's text as it was in the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("expected {expected}, found {found:?}")]
pub struct FieldError {
    pub expected: String,
    pub found: String,
}

impl FieldError {
    /// A field error for the cell `found`, which should have been `expected`.
    pub fn new(expected: impl Into<String>, found: &str) -> FieldError {
        FieldError {
            expected: expected.into(),
            found: found.to_owned(),
        }
    }
}
