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
use crate::model::{Currency, Side, SourceId, Txn};

/// The columns whose cells are money.
const MONEY_FIELDS: [Field; 6] = [
    Field::Amount,
    Field::Credit,
    Field::Debit,
    Field::Net,
    Field::Fee,
    Field::Balance,
];

/// How many marked cells are looked at; a file keeps one currency per column, so a sample decides.
const SAMPLE: usize = 200;

/// Where a currency mark stands in a money cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Written {
    /// Before the number: `US$12.00`, `AU$12.00`.
    Before,
    /// After the number: `28.16元`.
    After,
    /// Either side: `¥28.16`, `12,50 €`, `EUR 1.240,00`, `1240.00 CHF`.
    Either,
}

impl Written {
    pub fn before(self) -> bool {
        matches!(self, Written::Before | Written::Either)
    }

    pub fn after(self) -> bool {
        matches!(self, Written::After | Written::Either)
    }
}

/// A currency mark a money cell may carry, the currency it names, and where it stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    /// The text; ASCII letters match in either case.
    pub text: &'static str,
    pub currency: Currency,
    pub written: Written,
}

const fn mark(text: &'static str, code: &[u8; 3], written: Written) -> Mark {
    Mark {
        text,
        currency: Currency(*code),
        written,
    }
}

/// The one table of currency marks: the amount parser takes them off a money cell
/// (`import::parse::parse_amount`) and [`mark_of`] reads the currency they name. Longest first, so that `US$`
/// is not read as `$` nor `AU$` as `A$`. Other ISO codes in capitals (`1240.00 JPY`, [`is_code`]) are taken
/// off and name their currency too.
pub const MARKS: &[Mark] = &[
    mark("人民币", b"CNY", Written::Either),
    mark("US$", b"USD", Written::Before),
    mark("HK$", b"HKD", Written::Before),
    mark("AU$", b"AUD", Written::Before),
    mark("CA$", b"CAD", Written::Before),
    mark("RMB", b"CNY", Written::Either),
    mark("CNY", b"CNY", Written::Either),
    mark("USD", b"USD", Written::Either),
    mark("EUR", b"EUR", Written::Either),
    mark("HKD", b"HKD", Written::Either),
    mark("GBP", b"GBP", Written::Either),
    mark("AUD", b"AUD", Written::Either),
    mark("CAD", b"CAD", Written::Either),
    mark("CHF", b"CHF", Written::Either),
    mark("A$", b"AUD", Written::Before),
    mark("C$", b"CAD", Written::Before),
    mark("元", b"CNY", Written::After),
    mark("$", b"USD", Written::Either),
    mark("€", b"EUR", Written::Either),
    mark("£", b"GBP", Written::Either),
    mark("¥", b"CNY", Written::Either),
    mark("￥", b"CNY", Written::Either),
];

/// Words that introduce a file's currency in the lines above its header.
const CURRENCY_KEYS: [&str; 6] = ["币种", "货币", "币别", "currency", "währung", "ccy"];

/// The currency a file states without a currency column: its money cells' marks, else its preamble's.
pub fn of_file(table: &Table, map: &ColumnMap, preamble: &[SkippedLine]) -> Option<Currency> {
    stated_in_cells(table, map)
        .or_else(|| stated_in_preamble(preamble))
        .or_else(|| stated_by_header(&table.header))
}

/// The currency a header's language names: a header with Japanese kana (`お引出し`, `お預入れ`) is a Japanese
/// bank's, in yen. A Chinese header says nothing here: the rows default to CNY, and [`assumed`] tells whether
/// that was said (simplified Chinese) or assumed (traditional: Taiwan or Hong Kong).
pub fn stated_by_header(header: &[String]) -> Option<Currency> {
    header
        .iter()
        .any(|h| h.chars().any(is_kana))
        .then_some(Currency(*b"JPY"))
}

/// Whether a header is written in simplified Chinese, the mainland's: it states CNY. Japanese (kana) and
/// traditional characters (`餘額`, `說明`: Taiwan or Hong Kong, where the money is TWD or HKD) do not.
fn states_cny(header: &[String]) -> bool {
    let chars = || header.iter().flat_map(|h| h.chars());
    chars().any(is_chinese) && !chars().any(|c| is_kana(c) || super::mapping::synonyms::is_traditional(c))
}

fn is_kana(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}')
}

/// The currency a line above the header names after a key word: `币种：人民币    单位：元` → CNY.
pub fn stated_in_preamble(preamble: &[SkippedLine]) -> Option<Currency> {
    preamble.iter().find_map(|line| {
        let lower = line.text.to_lowercase();
        CURRENCY_KEYS.iter().find_map(|key| {
            let rest = lower.get(lower.find(key)? + key.len()..)?;
            let value = rest.trim_start_matches([':', '：', '=', ' ', '\t', '\u{3000}', '"', ',']);
            let word: String = value
                .chars()
                .take_while(|c| !c.is_whitespace() && !matches!(c, ',' | '"' | '（' | '('))
                .collect();
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
    let t = cell
        .trim()
        .trim_matches(|c: char| matches!(c, '-' | '−' | '+' | '(' | ')' | '`' | '\t') || c.is_whitespace());
    let lead: &str = t.split(|c: char| c.is_ascii_digit()).next().unwrap_or_default();
    let tail: &str = t.rsplit(|c: char| c.is_ascii_digit()).next().unwrap_or_default();
    [(lead, Written::before as fn(Written) -> bool), (tail, Written::after)]
        .into_iter()
        .map(|(m, at)| (m.trim().trim_matches(['-', '−', '+']), at))
        .filter(|(m, _)| !m.is_empty())
        .find_map(|(m, at)| named(m, at))
}

/// The currency a mark names when written where `at` allows: one of [`MARKS`], or an upper-case ISO code.
fn named(mark: &str, at: fn(Written) -> bool) -> Option<Currency> {
    if let Some(known) = MARKS
        .iter()
        .find(|m| at(m.written) && mark.eq_ignore_ascii_case(m.text))
    {
        return Some(known.currency);
    }
    is_code(mark).then(|| Currency::parse(mark)).flatten()
}

/// Another currency's ISO code (JPY, SGD) as a money cell writes it: three upper-case letters. Words such as
/// "abc" are no code, so only codes written in capitals count; the amount parser takes them off too.
pub fn is_code(mark: &str) -> bool {
    mark.len() == 3 && mark.bytes().all(|b| b.is_ascii_uppercase())
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
        && !states_cny(&d.header)
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

impl Adopted {
    /// What happened, without the file's name: `names no currency; read as EUR, the currency of the bank files`.
    /// The app says it in Chinese too (`app::i18n::currency_adopted`).
    pub fn reading(&self) -> String {
        format!(
            "names no currency; read as {}, the currency of the {} files",
            self.currency, self.from
        )
    }

    /// What a source's format gains, so that the report's source list says where the currency came from:
    /// `; currency EUR taken from the bank files`.
    pub fn format_note(&self) -> String {
        format!("; currency {} taken from the {} files", self.currency, self.from)
    }
}

impl std::fmt::Display for Adopted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.reading())
    }
}

/// The currencies the rows of one file (or of one side) are in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RowsCurrency {
    /// No rows.
    #[default]
    NoRows,
    /// Every row is in this currency.
    One(Currency),
    /// Rows in more than one currency.
    Several,
}

impl RowsCurrency {
    /// The currency of these rows.
    pub fn of<'a>(txns: impl IntoIterator<Item = &'a Txn>) -> RowsCurrency {
        txns.into_iter().fold(RowsCurrency::NoRows, |so_far, t| {
            so_far.and(RowsCurrency::One(t.currency))
        })
    }

    /// These rows and those together.
    pub fn and(self, other: RowsCurrency) -> RowsCurrency {
        match (self, other) {
            (RowsCurrency::NoRows, x) | (x, RowsCurrency::NoRows) => x,
            (RowsCurrency::One(a), RowsCurrency::One(b)) if a == b => self,
            _ => RowsCurrency::Several,
        }
    }
}

/// What the rule of [`counterpart_currencies`] needs to know of one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileCurrency {
    pub side: Side,
    /// Its currency was [`assumed`] (CNY for want of anything written).
    pub assumed: bool,
    /// The currencies of its rows as read.
    pub rows: RowsCurrency,
}

/// The rule, for any set of files (the command line's, the app's, a workspace's): for each file, the currency
/// it takes from the other side and that side, or None when it keeps what it was read in. A file whose
/// currency was assumed takes the currency that the other side's files state when those (the ones not assumed
/// themselves) all state one and the same; a file whose other side is empty, assumed, in several currencies or
/// in CNY keeps CNY.
pub fn counterpart_currencies(files: &[FileCurrency]) -> Vec<Option<(Currency, Side)>> {
    let stated_by = |side: Side| {
        files
            .iter()
            .filter(|f| f.side == side && !f.assumed)
            .fold(RowsCurrency::NoRows, |so_far, f| so_far.and(f.rows))
    };
    let (terminal, bank) = (stated_by(Side::Terminal), stated_by(Side::Bank));
    files
        .iter()
        .map(|file| {
            let from = file.side.other();
            let stated = if from == Side::Bank { bank } else { terminal };
            match stated {
                RowsCurrency::One(currency) if file.assumed && currency != Currency::CNY => Some((currency, from)),
                _ => None,
            }
        })
        .collect()
}

/// Gives every file whose currency was [`assumed`] the currency the other side's files state (see
/// [`counterpart_currencies`]): an English SumUp export against EUR statements is in EUR. Each adopted file's
/// rows are changed and its [`Source::format`](crate::model::Source) ends in [`Adopted::format_note`]
/// (`; currency EUR taken from the bank files`), so that the report's source list says so. Returns what was
/// adopted, for warnings.
pub fn adopt_counterpart_currency(files: &mut [Imported]) -> Vec<Adopted> {
    let facts: Vec<FileCurrency> = files
        .iter()
        .map(|f| FileCurrency {
            side: f.source.side,
            assumed: assumed(f),
            rows: RowsCurrency::of(&f.txns),
        })
        .collect();
    let mut adopted = Vec::new();
    for (file, decision) in files.iter_mut().zip(counterpart_currencies(&facts)) {
        let Some((currency, from)) = decision else { continue };
        for txn in &mut file.txns {
            txn.currency = currency;
        }
        let done = Adopted {
            source: file.source.id,
            path: file.source.path.clone(),
            currency,
            from,
        };
        file.source.format.push_str(&done.format_note());
        adopted.push(done);
    }
    adopted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_above_the_header_may_name_the_currency() {
        let lines = |texts: &[&str]| -> Vec<SkippedLine> {
            texts
                .iter()
                .zip(1..)
                .map(|(t, line)| SkippedLine {
                    line,
                    text: (*t).to_owned(),
                })
                .collect()
        };
        assert_eq!(
            stated_in_preamble(&lines(&["户名：某某", "币种：人民币    单位：元"])),
            Some(Currency::CNY)
        );
        assert_eq!(
            stated_in_preamble(&lines(&["Account: 12345", "Currency: EUR"])),
            Some(Currency::EUR)
        );
        assert_eq!(
            stated_in_preamble(&lines(&["\"Währung\",\"CHF\""])),
            Some(Currency(*b"CHF"))
        );
        assert_eq!(
            stated_in_preamble(&lines(&["Statement of account", "Period: November"])),
            None
        );
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
            ("AU$12.00", Some(Currency(*b"AUD"))),
            ("-C$3.50", Some(Currency(*b"CAD"))),
            ("人民币28.16", Some(Currency::CNY)),
            ("28.16 RMB", Some(Currency::CNY)),
            ("12.00 JPY", Some(Currency(*b"JPY"))),
            ("1240.00", None),
            ("-12.50", None),
            ("", None),
            ("n/a", None),
        ];
        for (cell, want) in cases {
            assert_eq!(mark_of(cell), want, "{cell:?}");
        }
    }

    #[test]
    fn every_mark_of_the_table_parses_as_an_amount_and_names_its_currency() {
        use crate::import::parse::{DecimalStyle, parse_amount};
        use rust_decimal_macros::dec;
        for m in MARKS {
            let mut cells = Vec::new();
            if m.written.before() {
                cells.extend([
                    format!("{}12.50", m.text),
                    format!("-{} 12.50", m.text),
                    format!("({}12.50)", m.text),
                ]);
            }
            if m.written.after() {
                cells.extend([format!("12.50{}", m.text), format!("-12.50 {}", m.text)]);
            }
            assert!(!cells.is_empty(), "{m:?} stands nowhere");
            for cell in &cells {
                let amount = parse_amount(cell, DecimalStyle::Point).map_err(|e| format!("{cell:?}: {e}"));
                let want = if cell.starts_with(['-', '(']) {
                    dec!(-12.50)
                } else {
                    dec!(12.50)
                };
                assert_eq!(amount, Ok(Some(want)), "{cell:?}");
                assert_eq!(mark_of(cell), Some(m.currency), "{cell:?}");
            }
        }
    }

    #[test]
    fn a_code_in_capitals_the_table_does_not_list_parses_and_names_its_currency() {
        use crate::import::parse::{DecimalStyle, parse_amount};
        use rust_decimal_macros::dec;
        for (cell, want, code) in [
            ("JPY 1,200", dec!(1200), *b"JPY"),
            ("-12.50 SGD", dec!(-12.50), *b"SGD"),
        ] {
            assert_eq!(parse_amount(cell, DecimalStyle::Point), Ok(Some(want)), "{cell:?}");
            assert_eq!(mark_of(cell), Some(Currency(code)), "{cell:?}");
        }
        assert!(
            parse_amount("12.50 abc", DecimalStyle::Point).is_err(),
            "a word is no code"
        );
        assert_eq!(mark_of("12.50 abc"), None);
    }

    #[test]
    fn a_shorter_mark_inside_a_longer_one_comes_after_it() {
        for (i, longer) in MARKS.iter().enumerate() {
            for shorter in MARKS.iter().take(i) {
                let hidden = longer
                    .text
                    .to_ascii_lowercase()
                    .ends_with(&shorter.text.to_ascii_lowercase())
                    || longer
                        .text
                        .to_ascii_lowercase()
                        .starts_with(&shorter.text.to_ascii_lowercase());
                assert!(
                    !hidden,
                    "{} comes before {}, so {} is never seen",
                    shorter.text, longer.text, longer.text
                );
            }
        }
    }
}
