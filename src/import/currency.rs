//! The currency of a file that has no currency column: the sign or code written in its money cells
//! (`$1,240.00`, `-$3.00`, `€12,50`, `£3.00`, `¥28.16`, `12.50 EUR`), when every marked cell agrees; else the
//! currency a line above the header names (`币种：人民币`, `Currency: EUR`, `Währung: CHF`). A file that says
//! neither states nothing here; the mapping's currency, or CNY, applies then.
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
use super::table::{SkippedLine, Table};
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

/// Words that introduce a file's currency in the lines above its header.
const CURRENCY_KEYS: [&str; 6] = ["币种", "货币", "币别", "currency", "währung", "ccy"];

/// The currency a file states without a currency column: its money cells' marks, else its preamble's.
pub fn of_file(table: &Table, map: &ColumnMap, preamble: &[SkippedLine]) -> Option<Currency> {
    stated_in_cells(table, map).or_else(|| stated_in_preamble(preamble))
}

/// The currency a line above the header names after a key word: `币种：人民币    单位：元` → CNY.
pub fn stated_in_preamble(preamble: &[SkippedLine]) -> Option<Currency> {
    preamble.iter().find_map(|line| {
        let lower = line.text.to_lowercase();
        CURRENCY_KEYS.iter().find_map(|key| {
            let rest = lower.get(lower.find(key)? + key.len()..)?;
            let value = rest.trim_start_matches([':', '：', '=', ' ', '\t', '\u{3000}', '"', ',']);
            let word: String =
                value.chars().take_while(|c| !c.is_whitespace() && !matches!(c, ',' | '"' | '（' | '(')).collect();
            Currency::parse(&word.to_uppercase()).or_else(|| Currency::parse(&word))
        })
    })
}

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
    fn the_line_above_the_header_may_name_the_currency() {
        let lines = |texts: &[&str]| -> Vec<SkippedLine> {
            texts.iter().zip(1..).map(|(t, line)| SkippedLine { line, text: (*t).to_owned() }).collect()
        };
        assert_eq!(stated_in_preamble(&lines(&["户名：某某", "币种：人民币    单位：元"])), Some(Currency::CNY));
        assert_eq!(stated_in_preamble(&lines(&["Account: 12345", "Currency: EUR"])), Some(Currency::EUR));
        assert_eq!(stated_in_preamble(&lines(&["\"Währung\",\"CHF\""])), Some(Currency(*b"CHF")));
        assert_eq!(stated_in_preamble(&lines(&["Statement of account", "Period: November"])), None);
    }

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
