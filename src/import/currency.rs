//! The currency of a file that has no currency column: the sign or code written in its money cells
//! (`$1,240.00`, `-$3.00`, `€12,50`, `£3.00`, `¥28.16`, `12.50 EUR`), when every marked cell agrees. A file
//! whose cells carry no mark (or disagree) states nothing here; the mapping's currency, or CNY, applies then.
//!
//! ```
//! use posrecon::import::currency::mark_of;
//! use posrecon::model::Currency;
//!
//! assert_eq!(mark_of("-$1,240.00"), Some(Currency::USD));
//! assert_eq!(mark_of("12,50 €"), Some(Currency::EUR));
//! assert_eq!(mark_of("1240.00"), None);
//! ```

use super::mapping::{ColumnMap, Field};
use super::table::Table;
use crate::model::Currency;

/// The columns whose cells are money.
const MONEY_FIELDS: [Field; 6] = [Field::Amount, Field::Credit, Field::Debit, Field::Net, Field::Fee, Field::Balance];

/// How many marked cells are looked at; a file keeps one currency per column, so a sample decides.
const SAMPLE: usize = 200;

/// Signs and prefixed signs, longest first so that `US$` is not read as `$`.
const SIGNS: &[(&str, Currency)] = &[
    ("US$", Currency::USD),
    ("HK$", Currency(*b"HKD")),
    ("AU$", Currency(*b"AUD")),
    ("A$", Currency(*b"AUD")),
    ("CA$", Currency(*b"CAD")),
    ("C$", Currency(*b"CAD")),
    ("$", Currency::USD),
    ("€", Currency::EUR),
    ("£", Currency(*b"GBP")),
    ("¥", Currency::CNY),
    ("￥", Currency::CNY),
    ("元", Currency::CNY),
];

/// The currency every marked money cell of the table states, if they all state the same one.
pub fn stated_in_cells(table: &Table, map: &ColumnMap) -> Option<Currency> {
    let columns: Vec<usize> = MONEY_FIELDS.iter().filter_map(|f| map.get(*f)).collect();
    let mut marks = (0..table.len())
        .flat_map(|r| columns.iter().map(move |&c| (r, c)))
        .filter_map(|(r, c)| mark_of(table.cell(r, c)))
        .take(SAMPLE);
    let first = marks.next()?;
    marks.all(|m| m == first).then_some(first)
}

/// The currency sign or ISO code written before or after the number of one money cell.
pub fn mark_of(cell: &str) -> Option<Currency> {
    let t =
        cell.trim().trim_matches(|c: char| matches!(c, '-' | '−' | '+' | '(' | ')' | '`' | '\t') || c.is_whitespace());
    let lead: &str = t.split(|c: char| c.is_ascii_digit()).next().unwrap_or_default();
    let tail: &str = t.rsplit(|c: char| c.is_ascii_digit()).next().unwrap_or_default();
    [lead, tail].into_iter().map(|m| m.trim().trim_matches(['-', '−', '+'])).filter(|m| !m.is_empty()).find_map(named)
}

fn named(mark: &str) -> Option<Currency> {
    if let Some((_, currency)) = SIGNS.iter().find(|(sign, _)| mark.eq_ignore_ascii_case(sign)) {
        return Some(*currency);
    }
    // A three-letter code (EUR, usd, GBP); words such as "abc" that are no code still parse, so only codes of
    // upper-case letters written as such count.
    (mark.len() == 3 && mark.bytes().all(|b| b.is_ascii_uppercase())).then(|| Currency::parse(mark)).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signs_and_codes_before_or_after_the_number() {
        let cases = [
            ("$1,240.00", Some(Currency::USD)),
            ("-$3.00", Some(Currency::USD)),
            ("($25.00)", Some(Currency::USD)),
            ("US$12.00", Some(Currency::USD)),
            ("HK$88.00", Some(Currency(*b"HKD"))),
            ("€12,50", Some(Currency::EUR)),
            ("12,50 €", Some(Currency::EUR)),
            ("£3.00", Some(Currency(*b"GBP"))),
            ("¥28.16", Some(Currency::CNY)),
            ("`¥28.16", Some(Currency::CNY)),
            ("28.16元", Some(Currency::CNY)),
            ("EUR 1.240,00", Some(Currency::EUR)),
            ("1240.00 CHF", Some(Currency(*b"CHF"))),
            ("1240.00", None),
            ("-12.50", None),
            ("", None),
            ("n/a", None),
        ];
        for (cell, want) in cases {
            assert_eq!(mark_of(cell), want, "{cell:?}");
        }
    }
}
