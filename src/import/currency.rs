//! The currency of a file that has no currency column: the sign or code written in its money cells
//! (`$1,240.00`, `-$3.00`, `€12,50`, `£3.00`, `¥28.16`, `12.50 EUR`), when every marked cell agrees; else the
//! currency a line above the header names (`币种：人民币`, `Currency: EUR`, `Währung: CHF`). A file that says
//! neither states nothing here; the mapping's currency, or CNY, applies then.
//!
//! CNY taken for want of anything written is an assumption, not a reading: [`assumed`] says so, and
//! [`adopt_counterpart_currency`] gives such a file the currency of the other side's files when those all state
//! one (an English SumUp export reconciled against a EUR bank statement is in EUR), marking the file's format
//! so that the report's source list says where its currency came from.
//!
//! ```
//! use posrecon::import::currency::mark_of;
//! use posrecon::model::Currency;
//!
//! assert_eq!(mark_of("-$1,240.00"), Some(Currency::USD));
//! assert_eq!(mark_of("12,50 €"), Some(Currency::EUR));
//! assert_eq!(mark_of("1240.00"), None);
//! ```

use super::Imported;
use super::mapping::{ColumnMap, Field};
use super::table::{SkippedLine, Table};
use crate::model::{Currency, Side, SourceId};

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

/// Whether a file's currency was assumed: a table whose rows are CNY though no currency column, preset, profile,
/// line above the header or header language said so. A header written in Chinese (`金额（元）`, `¥` marks on a
/// Chinese bill) counts as stating CNY; structured statements (OFX, CAMT.053, MT940) always state theirs.
pub fn assumed(imported: &Imported) -> bool {
    let d = &imported.details;
    !d.header.is_empty()
        && !d.profile.columns.contains_key(&Field::Currency)
        && d.profile.currency.is_none()
        && stated_in_preamble(&d.preamble).is_none()
        && !d.header.iter().any(|h| h.chars().any(is_chinese))
        && imported.txns.iter().all(|t| t.currency == Currency::CNY)
}

fn is_chinese(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{FF08}' | '\u{FF09}' | '\u{FFE5}')
}

/// A file whose assumed currency was replaced by the other side's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Adopted {
    pub source: SourceId,
    pub path: String,
    pub currency: Currency,
    /// The side whose files stated the currency.
    pub from: Side,
}

impl std::fmt::Display for Adopted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: names no currency; read as {}, the currency of the {} files", self.path, self.currency, self.from)
    }
}

/// Gives every file whose currency was [`assumed`] the currency the other side's files state, when all of those
/// state one and the same (a file of unknown currency against EUR statements is in EUR). A file whose other
/// side is empty, itself assumed, or in several currencies keeps CNY. Each adopted file's rows are changed and
/// its [`Source::format`](crate::model::Source) ends in `currency EUR taken from the bank files`, so that the
/// report's source list says so. Returns what was adopted, for warnings.
pub fn adopt_counterpart_currency(files: &mut [Imported]) -> Vec<Adopted> {
    let assumed_files: Vec<bool> = files.iter().map(assumed).collect();
    let stated_by = |side: Side| -> Option<Currency> {
        let mut currencies = files
            .iter()
            .zip(&assumed_files)
            .filter(|(f, assumed)| f.source.side == side && !**assumed)
            .flat_map(|(f, _)| f.txns.iter().map(|t| t.currency));
        let first = currencies.next()?;
        currencies.all(|c| c == first).then_some(first)
    };
    let terminal = stated_by(Side::Terminal);
    let bank = stated_by(Side::Bank);
    let mut adopted = Vec::new();
    for (file, _) in files.iter_mut().zip(&assumed_files).filter(|(_, assumed)| **assumed) {
        let from = match file.source.side {
            Side::Terminal => Side::Bank,
            Side::Bank => Side::Terminal,
        };
        let Some(currency) = (if from == Side::Bank { bank } else { terminal }) else { continue };
        if currency == Currency::CNY {
            continue;
        }
        for txn in &mut file.txns {
            txn.currency = currency;
        }
        file.source.format.push_str(&format!("; currency {currency} taken from the {from} files"));
        adopted.push(Adopted { source: file.source.id, path: file.source.path.clone(), currency, from });
    }
    adopted
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
