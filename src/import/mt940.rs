//! MT940 (SWIFT customer statement) reader: `:20:` reference, `:25:` account, `:28C:` statement number,
//! `:60F:`/`:60M:` opening balance, `:61:` entry lines (value date YYMMDD, optional entry date MMDD that may
//! fall in the next or previous year, `C`/`D`/`RC`/`RD`, amount with a decimal comma, `N`+3 type code, customer
//! reference, `//` bank reference, supplementary line), multi-line `:86:` text (free or German `?NN`
//! sub-fields), `:62F:`/`:62M:` closing balance. Several statements in one file; what banks wrap around a message (SWIFT `{1:…}`
//! blocks, a line with the BIC and "940", `:940:`, SOH/ETX characters, `-}` trailers) is passed over. Dialects
//! read as their banks mean them: amounts without a decimal comma (`500`), a blank entry date, non-standard
//! type codes (`MCI0`, `S   X`), a day past the month's end (`160230`: the last of February), a balance without
//! its currency, an entry line wrapped before its amount.

use chrono::{Datelike, NaiveDate};

use crate::import::statement::common::{
    FormatError, Parsed, Recognised, StatedBalance, Statement, StatementEntry, decode, into_imported, parse_decimal,
};
use crate::import::{ImportError, ImportOptions, Imported};
use crate::model::{Currency, Money, TxnKind};

/// True when the bytes look like an MT940 file: a `:20:` line and a `:25:` line plus a balance or entry line,
/// or (an excerpt without its header fields) an entry line `:61:` that starts with its value date YYMMDD.
pub fn sniff(bytes: &[u8]) -> bool {
    let head = bytes.get(..bytes.len().min(64 * 1024)).unwrap_or_default();
    let mut seen = [false; 4];
    for line in head.split(|&b| b == b'\n') {
        let line = line.trim_ascii_start();
        seen[0] |= line.starts_with(b":20:");
        seen[1] |= line.starts_with(b":25:");
        seen[2] |= [&b":61:"[..], b":60F:", b":60M:"].iter().any(|t| line.starts_with(t));
        seen[3] |= line
            .strip_prefix(b":61:")
            .is_some_and(|v| v.len() > 7 && v.iter().take(6).all(u8::is_ascii_digit));
    }
    seen[..3].iter().all(|s| *s) || seen[3]
}

/// Why [`sniff`] took a file for MT940 (shown by `posrecon inspect`).
const DETECTED_BY: &str = "SWIFT MT940 fields :20:, :25: and :60F:/:61:";

/// Imports an MT940 file: one row per `:61:`, for `opts.side`.
pub fn read(file_name: &str, bytes: &[u8], opts: &ImportOptions) -> Result<Imported, ImportError> {
    let (text, encoding) = decode(bytes, None);
    let how = Recognised {
        format: "MT940",
        encoding,
        reason: DETECTED_BY,
        size: bytes.len(),
        kind: crate::import::statement_kind::StatementKind::BankAccount,
    };
    into_imported(file_name, how, parse(&text), opts)
}

/// Decodes (UTF-8, else Windows-1252: SWIFT text is Latin) and reads an MT940 file.
pub fn parse_bytes(bytes: &[u8]) -> Result<Parsed, FormatError> {
    parse(&decode(bytes, None).0)
}

/// Reads every statement of an MT940 file (already decoded). An unreadable `:61:` is listed in
/// [`Parsed::bad_entries`] (with its `:86:`, left out); an unreadable balance stops the reading.
pub fn parse(text: &str) -> Result<Parsed, FormatError> {
    let mut reader = Reader::default();
    let mut field: Option<Field> = None;
    for (index, raw) in text.split('\n').enumerate() {
        let line_no = u32::try_from(index + 1).unwrap_or(u32::MAX);
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        // SOH/ETX control characters that frame a message on some banks' files.
        let line = line.trim_matches(|c| c == '\u{1}' || c == '\u{3}');
        if let Some((tag, value)) = field_start(line) {
            if let Some(done) = field.take() {
                reader.field(done)?;
            }
            let column = u32::try_from(tag.len() + 3).unwrap_or(u32::MAX);
            field = Some(Field {
                tag,
                line: line_no,
                column,
                lines: vec![value],
            });
        } else if line.starts_with('{') || line.trim() == "-" || line.trim() == "-}" {
            // SWIFT envelope blocks and the end-of-message marker.
            if let Some(done) = field.take() {
                reader.field(done)?;
            }
        } else if let Some(current) = field.as_mut() {
            current.lines.push(line);
        }
        // Anything else outside a field is a transmission wrapper around a message: the sender's BIC, "940",
        // ":940:", a header like "0000 01INGBNL2AXXXX00001". Passed over.
    }
    if let Some(done) = field.take() {
        reader.field(done)?;
    }
    reader.finish_statement();
    Ok(Parsed {
        statements: reader.statements,
        bad_entries: reader.bad,
    })
}

/// `:TAG:value` where TAG is two digits and an optional letter.
fn field_start(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix(':')?;
    let (tag, value) = rest.split_once(':')?;
    let b = tag.as_bytes();
    let ok = matches!(b.len(), 2 | 3)
        && b.iter().take(2).all(u8::is_ascii_digit)
        && b.get(2).is_none_or(u8::is_ascii_alphabetic);
    ok.then_some((tag, value))
}

struct Field<'a> {
    tag: &'a str,
    line: u32,
    /// Column where the value starts on the first line.
    column: u32,
    lines: Vec<&'a str>,
}

#[derive(Default)]
struct Reader {
    statements: Vec<Statement>,
    current: Option<Statement>,
    currency: Option<Currency>,
    /// The last field was `:61:` and no `:86:` has been attached to it yet.
    entry_open: bool,
    bad: Vec<FormatError>,
}

impl Reader {
    fn field(&mut self, f: Field<'_>) -> Result<(), FormatError> {
        let first = f.lines.first().copied().unwrap_or_default();
        let after_entry = std::mem::take(&mut self.entry_open);
        match f.tag {
            "20" => {
                self.finish_statement();
                self.current = Some(Statement {
                    id: first.trim().to_owned(),
                    line: f.line,
                    ..Statement::default()
                });
            }
            "25" => self.statement(f.line).account = Some(first.trim().to_owned()),
            "28C" | "28" => {
                let st = self.statement(f.line);
                st.id = format!("{}/{}", st.id, first.trim());
            }
            "60F" | "60M" => {
                let (balance, currency) = balance(&f, first, &self.currency.unwrap_or_default())?;
                self.currency = Some(currency);
                let st = self.statement(f.line);
                st.currency = currency;
                st.opening = Some(balance);
            }
            "62F" | "62M" => {
                let (balance, currency) = balance(&f, first, &self.currency.unwrap_or_default())?;
                self.currency.get_or_insert(currency);
                self.statement(f.line).closing = Some(balance);
            }
            "61" => {
                let currency = self.currency.unwrap_or_default();
                match entry(&f, currency) {
                    Ok(entry) => {
                        self.statement(f.line).entries.push(entry);
                        self.entry_open = true;
                    }
                    Err(bad) => self.bad.push(bad),
                }
            }
            "86" if after_entry => {
                let text = Narrative::read(&f.lines);
                if let Some(entry) = self.statement(f.line).entries.last_mut() {
                    text.apply(entry);
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// The statement being read; one is started if the file has entries before any `:20:`.
    fn statement(&mut self, line: u32) -> &mut Statement {
        self.current.get_or_insert_with(|| Statement {
            line,
            ..Statement::default()
        })
    }

    fn finish_statement(&mut self) {
        if let Some(mut st) = self.current.take() {
            if let Some(currency) = self.currency.take() {
                st.currency = currency;
                st.entries.iter_mut().for_each(|e| e.currency = currency);
            }
            self.statements.push(st);
        }
    }
}

/// A left-to-right reader over one field value that knows the physical position for errors.
struct Cursor<'a> {
    text: &'a str,
    pos: usize,
    line: u32,
    column: u32,
    tag: &'a str,
}

impl<'a> Cursor<'a> {
    fn new(f: &Field<'a>, text: &'a str) -> Self {
        Cursor {
            text,
            pos: 0,
            line: f.line,
            column: f.column,
            tag: f.tag,
        }
    }

    fn rest(&self) -> &'a str {
        self.text.get(self.pos..).unwrap_or_default()
    }

    /// Takes up to `max` leading bytes that satisfy `accept`.
    fn take(&mut self, max: usize, accept: impl Fn(u8) -> bool) -> &'a str {
        let n = self.rest().bytes().take(max).take_while(|b| accept(*b)).count();
        let taken = self.rest().get(..n).unwrap_or_default();
        self.pos += n;
        taken
    }

    fn error(&self, expected: &str) -> FormatError {
        let before = self.text.get(..self.pos).map_or(0, |s| s.chars().count());
        let column = self.column.saturating_add(u32::try_from(before).unwrap_or(u32::MAX));
        let found: String = self.rest().chars().take(12).collect();
        FormatError::new(self.line, column, &found, format!("{expected} in :{}:", self.tag))
    }

    fn date(&mut self) -> Result<NaiveDate, FormatError> {
        let start = self.pos;
        let digits = self.take(6, |b| b.is_ascii_digit());
        let date = (digits.len() == 6).then(|| yymmdd(digits)).flatten();
        date.ok_or_else(|| {
            self.pos = start;
            self.error("a date YYMMDD")
        })
    }

    fn mark(&mut self) -> Result<(bool, bool), FormatError> {
        for (mark, credit, reversal) in [
            ("RC", false, true),
            ("RD", true, true),
            ("C", true, false),
            ("D", false, false),
        ] {
            if self.rest().starts_with(mark) {
                self.pos += mark.len();
                return Ok((credit, reversal));
            }
        }
        Err(self.error("a debit/credit mark C, D, RC or RD"))
    }

    fn amount(&mut self) -> Result<Money, FormatError> {
        let start = self.pos;
        let text = self.take(15, |b| b.is_ascii_digit() || b == b',');
        // `500` (no decimal comma) is 500 for the banks that write whole amounts so.
        parse_decimal(text, ',')
            .filter(|_| !text.is_empty() && !self.rest().starts_with('.'))
            .map(Money)
            .ok_or_else(|| {
                self.pos = start;
                self.error("an amount such as 1234,56")
            })
    }
}

fn yymmdd(digits: &str) -> Option<NaiveDate> {
    let n = |r: std::ops::Range<usize>| digits.get(r).and_then(|s| s.parse::<u32>().ok());
    let year = 2000 + i32::try_from(n(0..2)?).ok()?;
    // SWIFT years 80–99 are 19xx in practice.
    let year = if year >= 2080 { year - 100 } else { year };
    let (month, day) = (n(2..4)?, n(4..6)?);
    // Some banks write the 30th of February for the end of February: the month's last day.
    NaiveDate::from_ymd_opt(year, month, day).or_else(|| {
        let first = NaiveDate::from_ymd_opt(year, month, 1)?;
        (29..=31)
            .contains(&day)
            .then(|| first.checked_add_months(chrono::Months::new(1))?.pred_opt())
            .flatten()
    })
}

/// `C261124EUR1234,56` (`:60F:`, `:62F:`).
fn balance(f: &Field<'_>, first: &str, known_currency: &Currency) -> Result<(StatedBalance, Currency), FormatError> {
    let mut cur = Cursor::new(f, first);
    let sign = match cur.take(1, |b| b == b'C' || b == b'D') {
        "C" => Money(rust_decimal::Decimal::ONE),
        "D" => Money(rust_decimal::Decimal::NEGATIVE_ONE),
        _ => return Err(cur.error("a debit/credit mark C or D")),
    };
    let date = cur.date()?;
    let code = cur.take(3, |b| b.is_ascii_alphabetic());
    // A balance without its currency (`C020315105000,00`) is in the statement's currency.
    let currency = match code.len() {
        0 => *known_currency,
        _ => Currency::parse(code)
            .filter(|_| code.len() == 3)
            .ok_or_else(|| cur.error("a currency code"))?,
    };
    let amount = cur.amount()?;
    Ok((
        StatedBalance {
            amount: Money(amount.0 * sign.0),
            date: Some(date),
            line: f.line,
        },
        currency,
    ))
}

/// `:61:2611241124C120,00NTRFNONREF//B261124-0042` plus an optional supplementary line.
fn entry(f: &Field<'_>, currency: Currency) -> Result<StatementEntry, FormatError> {
    let first = f.lines.first().copied().unwrap_or_default();
    match entry_line(f, first, f.lines.get(1).copied(), currency) {
        // A line wrapped right after the debit/credit mark (`:61:1811261126CR` / `30,00N062NONREF`).
        Err(e) if f.lines.len() > 1 && first.trim_end().ends_with(['C', 'D', 'R']) => {
            let joined = format!("{}{}", first.trim_end(), f.lines[1].trim());
            entry_line(f, &joined, f.lines.get(2).copied(), currency).map_err(|_| e)
        }
        read => read,
    }
}

/// One `:61:` entry line, with the supplementary line below it.
fn entry_line(
    f: &Field<'_>,
    first: &str,
    supplementary: Option<&str>,
    currency: Currency,
) -> Result<StatementEntry, FormatError> {
    let mut cur = Cursor::new(f, first);
    let value_date = cur.date()?;
    // A blank entry date (`240312    DD212,39`).
    cur.take(4, |b| b == b' ');
    let entry_date = if cur.rest().as_bytes().first().is_some_and(u8::is_ascii_digit) {
        let digits = cur.take(4, |b| b.is_ascii_digit());
        let md = |r: std::ops::Range<usize>| digits.get(r).and_then(|s| s.parse::<u32>().ok());
        match (md(0..2), md(2..4)) {
            (Some(m), Some(d)) if digits.len() == 4 => Some(near_year(value_date, m, d).ok_or_else(|| {
                cur.pos -= digits.len();
                cur.error("an entry date MMDD")
            })?),
            _ => {
                cur.pos -= digits.len();
                return Err(cur.error("an entry date MMDD"));
            }
        }
    } else {
        None
    };
    let (credit, reversal) = cur.mark()?;
    // Optional funds code: the third letter of the currency code, directly before the amount.
    if cur.rest().as_bytes().first().is_some_and(u8::is_ascii_alphabetic) {
        cur.pos += 1;
    }
    let amount = cur.amount()?;
    // N, S or F and a three-character code by the standard; banks also write their own (`MCI0`, `S   X`).
    let type_code = cur.take(4, |b| b.is_ascii_alphanumeric() || b == b' ');
    if !type_code.as_bytes().first().is_some_and(u8::is_ascii_alphabetic) {
        cur.pos -= type_code.len();
        return Err(cur.error("a transaction type such as NTRF"));
    }
    let rest = cur.rest();
    let (customer_ref, bank_ref) = rest.split_once("//").unwrap_or((rest, ""));
    let pick = |s: &str| {
        Some(s.trim())
            .filter(|s| !s.is_empty() && *s != "NONREF")
            .map(str::to_owned)
    };

    let mut e = StatementEntry::new(f.line, entry_date.unwrap_or(value_date), amount, currency);
    e.amount = if credit { amount } else { -amount };
    e.value_date = Some(value_date);
    e.reversal = reversal;
    e.reference = pick(customer_ref).or_else(|| pick(bank_ref));
    e.description = supplementary.and_then(pick);
    if matches!(type_code.get(1..), Some("CHG" | "COM")) {
        e.kind = TxnKind::Fee;
    }
    Ok(e)
}

/// The entry date MMDD in the year that puts it nearest the value date (a Dec 31 value date with a Jan 2
/// entry date books in the next year).
fn near_year(value_date: NaiveDate, month: u32, day: u32) -> Option<NaiveDate> {
    let y = value_date.year();
    [y - 1, y, y + 1]
        .into_iter()
        .filter_map(|year| NaiveDate::from_ymd_opt(year, month, day))
        .min_by_key(|d| (*d - value_date).num_days().abs())
}

/// What a `:86:` field tells about the entry above it.
#[derive(Default)]
struct Narrative {
    description: Option<String>,
    counterparty: Option<String>,
    end_to_end: Option<String>,
}

impl Narrative {
    fn read(lines: &[&str]) -> Narrative {
        let joined: String = lines.concat();
        let structured = joined.len() > 4
            && joined.as_bytes().iter().take(3).all(u8::is_ascii_digit)
            && joined.as_bytes().get(3) == Some(&b'?');
        if !structured {
            let text = lines
                .iter()
                .map(|l| l.trim())
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            return Narrative {
                description: Some(text).filter(|t| !t.is_empty()),
                ..Narrative::default()
            };
        }
        // German structured layout: GVC code, then ?NN sub-fields (?00 posting text, ?20–?29 and ?60–?63
        // purpose, ?32–?33 counterparty name).
        let (mut posting, mut purpose, mut name) = (String::new(), Vec::new(), Vec::new());
        for part in joined.split('?').skip(1) {
            let (code, value) = (part.get(..2).unwrap_or_default(), part.get(2..).unwrap_or_default());
            match code.parse::<u32>() {
                Ok(0) => posting = value.trim().to_owned(),
                Ok(20..=29 | 60..=63) => purpose.push(value.trim()),
                Ok(32 | 33) => name.push(value.trim()),
                _ => {}
            }
        }
        let purpose = purpose.join(" ");
        let end_to_end = purpose
            .split_once("EREF+")
            .map(|(_, r)| r.split_whitespace().next().unwrap_or_default().to_owned())
            .filter(|r| !r.is_empty() && r != "NOTPROVIDED");
        let parts = [posting.as_str(), purpose.as_str()];
        let description = parts
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" — ");
        let name = name.concat();
        Narrative {
            description: Some(description).filter(|s| !s.is_empty()),
            counterparty: Some(name).filter(|s| !s.is_empty()),
            end_to_end,
        }
    }

    fn apply(self, entry: &mut StatementEntry) {
        if self.description.is_some() {
            entry.description = match (entry.description.take(), self.description) {
                (Some(extra), Some(text)) => Some(format!("{text} ({extra})")),
                (_, text) => text,
            };
        }
        entry.counterparty = self.counterparty.or(entry.counterparty.take());
        if entry.reference.is_none() {
            entry.reference = self.end_to_end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn entry_line_reads_dates_mark_amount_and_references() {
        let text = ":20:X\n:25:DE1\n:60F:C261230EUR100,00\n:61:2612310102C120,5NTRFREF1//BANK9\nextra\n:62F:C270102EUR220,50\n";
        let sts = parse(text).map(|p| p.statements).unwrap_or_default();
        let e = &sts[0].entries[0];
        assert_eq!(e.date, NaiveDate::from_ymd_opt(2027, 1, 2).unwrap_or_default());
        assert_eq!(e.value_date, NaiveDate::from_ymd_opt(2026, 12, 31));
        assert_eq!(e.amount, Money(dec!(120.5)));
        assert_eq!(e.reference.as_deref(), Some("REF1"));
        assert_eq!(e.description.as_deref(), Some("extra"));
        assert_eq!(e.line, 4);
    }

    #[test]
    fn reversal_of_a_credit_is_a_debit() {
        let text = ":20:X\n:25:A\n:60F:C261230EUR0,\n:61:261230RC10,NTRFNONREF//B1\n:61:261230RD5,NCHGNONREF\n";
        let sts = parse(text).map(|p| p.statements).unwrap_or_default();
        let amounts: Vec<_> = sts[0].entries.iter().map(|e| e.amount).collect();
        assert_eq!(amounts, vec![Money(dec!(-10)), Money(dec!(5))]);
        assert_eq!(sts[0].entries[0].reference.as_deref(), Some("B1"));
        assert_eq!(sts[0].entries[1].kind, TxnKind::Fee);
    }

    #[test]
    fn a_bad_date_names_line_column_and_field() {
        let first_bad = |text| parse(text).ok().and_then(|p| p.bad_entries.into_iter().next());
        let err = first_bad(":20:X\n:25:A\n:61:26x231C1,NTRF\n:86:text of the bad entry\n");
        assert_eq!(
            err.map(|e| (e.line, e.column, e.expected)),
            Some((3, 5, "a date YYMMDD in :61:".to_owned()))
        );
        let err = first_bad(":20:X\n:25:A\n:61:261231C1.5NTRF\n").map(|e| (e.column, e.expected));
        assert_eq!(err, Some((12, "an amount such as 1234,56 in :61:".to_owned())));
        let err = parse(":20:X\n:25:A\n:60F:C2612EUR1,\n")
            .err()
            .map(|e| (e.line, e.column));
        assert_eq!(err, Some((3, 7)));
    }

    fn amounts_and_dates(text: &str) -> Vec<(NaiveDate, Money)> {
        let parsed = parse(text).unwrap_or_default();
        assert_eq!(parsed.bad_entries, Vec::new());
        parsed
            .statements
            .iter()
            .flat_map(|s| s.entries.iter().map(|e| (e.date, e.amount)))
            .collect()
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn wrapper_lines_around_messages_are_passed_over() {
        let text = "\u{1}\r\nABNANL2A\r\n940\r\n:940:\r\n0000 01INGBNL2AXXXX00001\r\n:20:A\r\n:25:1\r\n\
                    :60F:C110614EUR10,00\r\n:61:110615D1,00NTRFNONREF\r\n:62F:C110615EUR9,00\r\n-}\r\n\u{3}\r\n\
                    ABNANL2A\r\n940\r\n:20:B\r\n:25:1\r\n:61:110616C2,00NTRFNONREF\r\n-\r\n";
        assert_eq!(
            amounts_and_dates(text),
            vec![(day(2011, 6, 15), Money(dec!(-1))), (day(2011, 6, 16), Money(dec!(2)))]
        );
    }

    #[test]
    fn dialects_of_the_entry_line() {
        // No decimal comma, a blank entry date with a funds code, bank-own type codes, the 30th of February.
        let text = ":20:X\n:25:A\n:61:1407290729C500NTRF29-07\n:61:240312    DD212,39NMSCNONREF//\n\
                    :61:1610301031D0,42MCI0NONREF//055\n:61:1710111011DF2402,00S   X\n:61:160230DR6,00N024NONREF\n";
        assert_eq!(
            amounts_and_dates(text),
            vec![
                (day(2014, 7, 29), Money(dec!(500))),
                (day(2024, 3, 12), Money(dec!(-212.39))),
                (day(2016, 10, 31), Money(dec!(-0.42))),
                (day(2017, 10, 11), Money(dec!(-2402.00))),
                (day(2016, 2, 29), Money(dec!(-6.00))),
            ]
        );
    }

    #[test]
    fn an_excerpt_of_entry_lines_is_mt940_and_a_wrapped_line_is_joined() {
        let text = ":61:1811261126CR\n30,00N062NONREF\n:86:166?00GUTSCHR\n";
        assert!(sniff(text.as_bytes()));
        assert_eq!(amounts_and_dates(text), vec![(day(2018, 11, 26), Money(dec!(30)))]);
        // A balance without its currency is in the statement's.
        let text = ":20:X\n:25:A\n:60F:C020315EUR0,\n:61:020317C5,NTRF\n:62M:C0203155,00\n";
        let st = parse(text).unwrap_or_default().statements;
        assert_eq!(st[0].closing.map(|b| b.amount), Some(Money(dec!(5))));
        assert_eq!(st[0].currency, Currency::EUR);
    }
}
