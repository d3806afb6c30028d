//! OFX / QFX reader, both generations: 1.x SGML (a `OFXHEADER:100` … `CHARSET:1252` header, leaf elements
//! without closing tags, often no line breaks at all) and 2.x XML (`<?OFX OFXHEADER="200"?>`). Reads bank
//! (`<STMTRS>`) and credit-card (`<CCSTMTRS>`) statements: each `<STMTTRN>` becomes one entry with FITID as its
//! reference, NAME as counterparty and MEMO as description; `<LEDGERBAL>` is the closing balance. QFX is OFX
//! with Intuit extras, which are skipped.

use chrono::{NaiveDate, NaiveTime};

use crate::import::html_table::decode_entities;
use crate::import::statement::common::{
    FormatError, LinePositions, Parsed, Recognised, StatedBalance, Statement, StatementEntry, declared_label, decode,
    into_imported, parse_decimal,
};
use crate::import::statement_kind::StatementKind;
use crate::import::{ImportError, ImportOptions, Imported};
use crate::model::{Currency, Money, TxnKind};

/// True when the bytes start like an OFX/QFX file: an `OFXHEADER` header, or markup with an `<?OFX` processing
/// instruction or an `<OFX>` element near the top.
pub fn sniff(bytes: &[u8]) -> bool {
    let head = bytes.get(..bytes.len().min(4096)).unwrap_or_default();
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head).trim_ascii_start();
    let upper = head.to_ascii_uppercase();
    let has = |needle: &[u8]| upper.windows(needle.len()).any(|w| w == needle);
    upper.starts_with(b"OFXHEADER") || (upper.starts_with(b"<") && (has(b"<?OFX") || has(b"<OFX>")))
}

/// Imports an OFX or QFX file: one row per `<STMTTRN>`, for `opts.side`.
pub fn read(file_name: &str, bytes: &[u8], opts: &ImportOptions) -> Result<Imported, ImportError> {
    let (text, encoding) = decode(bytes, declared_charset(bytes).as_deref());
    let head = text
        .get(..text.len().min(4096))
        .unwrap_or_default()
        .to_ascii_uppercase();
    let (format, reason) = if head.contains("<INTU.BID>") {
        ("QFX", "an OFX header with Intuit <INTU.BID> sign-on")
    } else if head.trim_start().starts_with("OFXHEADER") {
        ("OFX 1.x (SGML)", "an OFXHEADER:100 header")
    } else if head.contains("<?OFX") {
        ("OFX 2.x (XML)", "an <?OFX OFXHEADER=\"200\"?> declaration")
    } else {
        ("OFX", "an <OFX> element")
    };
    // A brokerage's statement: only its cash movements (<INVBANKTRAN>) are rows; trades and positions are not.
    let format = if text.contains("<INVSTMTRS>") {
        match format {
            "QFX" => "QFX investment statement (cash rows only)",
            _ => "OFX investment statement (cash rows only)",
        }
    } else {
        format
    };
    // A card account's statement (<CCSTMTRS>) signs its rows from the holder's side already: charges negative.
    let kind = if text.contains("<CCSTMTRS>") && !text.contains("<STMTRS>") {
        StatementKind::CreditCard
    } else {
        StatementKind::BankAccount
    };
    let how = Recognised {
        format,
        encoding,
        reason,
        size: bytes.len(),
        kind,
    };
    into_imported(file_name, how, parse(&text), opts)
}

/// Decodes and reads an OFX file.
pub fn parse_bytes(bytes: &[u8]) -> Result<Parsed, FormatError> {
    parse(&decode(bytes, declared_charset(bytes).as_deref()).0)
}

/// The charset the header declares: 1.x `CHARSET:1252` (unless `ENCODING:UTF-8`), 2.x `encoding="…"`.
fn declared_charset(bytes: &[u8]) -> Option<String> {
    match declared_label(bytes, "ENCODING:") {
        Some(e) if e.eq_ignore_ascii_case("UTF-8") || e.eq_ignore_ascii_case("UNICODE") => Some("utf-8".into()),
        _ => declared_label(bytes, "CHARSET:").or_else(|| declared_label(bytes, "encoding=")),
    }
}

/// Reads every statement of an OFX document (already decoded). A `<STMTTRN>` with an unreadable date or
/// amount is listed in [`Parsed::bad_entries`]; a file that ends inside a transaction is refused.
pub fn parse(text: &str) -> Result<Parsed, FormatError> {
    let mut reader = Reader {
        positions: LinePositions::new(text),
        ..Reader::default()
    };
    let mut open_leaf: Option<(&str, usize)> = None;
    for token in Tokens::new(text) {
        match token {
            Token::Start(name, offset) => {
                open_leaf = Some((name, offset));
                reader.start(name, offset)?;
            }
            Token::End(name, offset) => {
                open_leaf = None;
                reader.end(name, offset)?;
            }
            Token::Text(value, offset) => {
                if let Some((leaf, _)) = open_leaf.take() {
                    reader.leaf(leaf, &decode_entities(value), offset)?;
                }
            }
        }
    }
    if let Some(entry) = reader.entry.take() {
        let (line, column) = reader.positions.position(text.len());
        return Err(FormatError::new(
            line,
            column,
            "end of file",
            format!("</STMTTRN> closing the transaction of line {}", entry.line),
        ));
    }
    reader.finish_statement();
    Ok(Parsed {
        statements: reader.statements,
        bad_entries: reader.bad,
    })
}

/// A tag or a piece of text, with the byte offset where it starts.
#[derive(Debug, PartialEq)]
enum Token<'a> {
    Start(&'a str, usize),
    End(&'a str, usize),
    Text(&'a str, usize),
}

/// Splits SGML or XML into tags and trimmed text; skips `<?…?>`, `<!…>` and comments.
struct Tokens<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Tokens<'a> {
    fn new(text: &'a str) -> Self {
        // The 1.x header (`OFXHEADER:100` … lines) ends where the first tag starts.
        Tokens {
            text,
            pos: text.find('<').unwrap_or(text.len()),
        }
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        loop {
            let rest = self.text.get(self.pos..)?;
            if rest.is_empty() {
                return None;
            }
            let start = self.pos;
            if !rest.starts_with('<') {
                let len = rest.find('<').unwrap_or(rest.len());
                self.pos += len;
                let raw = rest.get(..len).unwrap_or_default();
                let trimmed = raw.trim_start();
                let value = trimmed.trim_end();
                if !value.is_empty() {
                    return Some(Token::Text(value, start + (raw.len() - trimmed.len())));
                }
                continue;
            }
            let closer = if rest.starts_with("<!--") {
                "-->"
            } else if rest.starts_with("<?") {
                "?>"
            } else {
                ">"
            };
            let Some(end) = rest.find(closer) else {
                self.pos = self.text.len();
                return None;
            };
            self.pos += end + closer.len();
            let inner = rest.get(1..end).unwrap_or_default();
            if inner.starts_with(['!', '?']) {
                continue;
            }
            let (closing, name) = match inner.strip_prefix('/') {
                Some(name) => (true, name),
                None => (false, inner),
            };
            let name = name.split_whitespace().next().unwrap_or_default().trim_end_matches('/');
            if name.is_empty() {
                continue;
            }
            return Some(if closing {
                Token::End(name, start)
            } else {
                Token::Start(name, start)
            });
        }
    }
}

/// A tag name in upper case; OFX writes tags in upper case, so this seldom allocates.
fn upper(name: &str) -> std::borrow::Cow<'_, str> {
    if name.bytes().any(|b| b.is_ascii_lowercase()) {
        name.to_ascii_uppercase().into()
    } else {
        name.into()
    }
}

/// The aggregates whose contents the reader tells apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Aggregate {
    Transaction,
    LedgerBalance,
    OwnAccount,
    Payee,
    Other,
}

#[derive(Default)]
struct Reader<'a> {
    positions: LinePositions<'a>,
    statements: Vec<Statement>,
    current: Option<Statement>,
    entry: Option<OfxEntry>,
    stack: Vec<Aggregate>,
    balance: (Option<Money>, Option<NaiveDate>, u32),
    bad: Vec<FormatError>,
}

/// What one `<STMTTRN>` says, collected until `</STMTTRN>`.
#[derive(Default)]
struct OfxEntry {
    line: u32,
    kind: String,
    posted: Option<(NaiveDate, Option<NaiveTime>)>,
    amount: Option<Money>,
    fitid: Option<String>,
    name: Option<String>,
    memo: Option<String>,
    currency: Option<Currency>,
    /// The first field that could not be read.
    problem: Option<FormatError>,
}

impl<'a> Reader<'a> {
    fn start(&mut self, name: &str, offset: usize) -> Result<(), FormatError> {
        let line = self.positions.line_at(offset);
        let aggregate = match upper(name).as_ref() {
            "STMTRS" | "CCSTMTRS" => {
                self.finish_statement();
                self.current = Some(Statement {
                    line,
                    ..Statement::default()
                });
                return Ok(());
            }
            "STMTTRN" => {
                if self.entry.is_some() {
                    // A transaction left open (some 1.x exports forget `</STMTTRN>`): it ends here.
                    self.end("STMTTRN", offset)?;
                }
                self.entry = Some(OfxEntry {
                    line,
                    ..OfxEntry::default()
                });
                Aggregate::Transaction
            }
            "LEDGERBAL" => {
                self.balance = (None, None, line);
                Aggregate::LedgerBalance
            }
            "BANKACCTFROM" | "CCACCTFROM" => Aggregate::OwnAccount,
            "PAYEE" => Aggregate::Payee,
            "BANKACCTTO" | "CCACCTTO" | "CURRENCY" | "ORIGCURRENCY" | "AVAILBAL" | "BANKTRANLIST" => Aggregate::Other,
            _ => return Ok(()),
        };
        self.stack.push(aggregate);
        Ok(())
    }

    fn end(&mut self, name: &str, offset: usize) -> Result<(), FormatError> {
        match upper(name).as_ref() {
            "STMTTRN" => {
                self.pop(Aggregate::Transaction);
                if let Some(entry) = self.entry.take() {
                    let currency = self.current.as_ref().map(|s| s.currency).unwrap_or_default();
                    match entry.finish(currency, offset, &mut self.positions) {
                        Ok(entry) => self.statement(entry.line).entries.push(entry),
                        Err(bad) => self.bad.push(bad),
                    }
                }
            }
            "LEDGERBAL" => {
                self.pop(Aggregate::LedgerBalance);
                if let (Some(amount), date, line) = self.balance {
                    self.statement(line).closing = Some(StatedBalance { amount, date, line });
                }
            }
            "STMTRS" | "CCSTMTRS" => self.finish_statement(),
            "BANKACCTFROM" | "CCACCTFROM" => self.pop(Aggregate::OwnAccount),
            "PAYEE" => self.pop(Aggregate::Payee),
            "BANKACCTTO" | "CCACCTTO" | "CURRENCY" | "ORIGCURRENCY" | "AVAILBAL" | "BANKTRANLIST" => {
                self.pop(Aggregate::Other)
            }
            _ => {}
        }
        Ok(())
    }

    fn pop(&mut self, aggregate: Aggregate) {
        if let Some(at) = self.stack.iter().rposition(|a| *a == aggregate) {
            self.stack.truncate(at);
        }
    }

    fn leaf(&mut self, name: &str, value: &str, offset: usize) -> Result<(), FormatError> {
        let inside = self.stack.last().copied();
        let name = upper(name);
        let fail = |positions: &mut LinePositions<'_>, expected: String| {
            let (line, column) = positions.position(offset);
            FormatError::new(line, column, value, expected)
        };
        match (inside, name.as_ref()) {
            (Some(Aggregate::Transaction), field) => {
                let Some(entry) = self.entry.as_mut() else {
                    return Ok(());
                };
                match field {
                    "TRNTYPE" => entry.kind = value.to_ascii_uppercase(),
                    "DTPOSTED" => match date_time(value) {
                        Some(when) => entry.posted = Some(when),
                        None => {
                            let bad = fail(&mut self.positions, "a date YYYYMMDD[HHMMSS] in <DTPOSTED>".into());
                            entry.problem.get_or_insert(bad);
                        }
                    },
                    "TRNAMT" => match parse_decimal(value, '.').or_else(|| parse_decimal(value, ',')) {
                        Some(amount) => entry.amount = Some(Money(amount)),
                        None => {
                            let bad = fail(&mut self.positions, "an amount such as -12.50 in <TRNAMT>".into());
                            entry.problem.get_or_insert(bad);
                        }
                    },
                    "FITID" => entry.fitid = Some(value.to_owned()),
                    "NAME" => entry.name = Some(value.to_owned()),
                    "MEMO" => entry.memo = Some(value.to_owned()),
                    _ => {}
                }
            }
            (Some(Aggregate::Payee), "NAME") => {
                if let Some(entry) = self.entry.as_mut() {
                    entry.name = Some(value.to_owned());
                }
            }
            (Some(Aggregate::Other), "CURSYM") => {
                if let Some(entry) = self.entry.as_mut() {
                    entry.currency = Currency::parse(value);
                }
            }
            (Some(Aggregate::LedgerBalance), "BALAMT") => {
                let amount = parse_decimal(value, '.').or_else(|| parse_decimal(value, ','));
                let amount = amount.ok_or_else(|| fail(&mut self.positions, "an amount in <BALAMT>".into()))?;
                self.balance.0 = Some(Money(amount));
            }
            (Some(Aggregate::LedgerBalance), "DTASOF") => self.balance.1 = date_time(value).map(|(d, _)| d),
            (Some(Aggregate::OwnAccount), "ACCTID") => {
                let line = self.positions.line_at(offset);
                let st = self.statement(line);
                st.account = Some(value.to_owned());
                st.id = value.to_owned();
            }
            (_, "CURDEF") => {
                let currency = Currency::parse(value)
                    .ok_or_else(|| fail(&mut self.positions, "a currency code in <CURDEF>".into()))?;
                let line = self.positions.line_at(offset);
                self.statement(line).currency = currency;
            }
            _ => {}
        }
        Ok(())
    }

    fn statement(&mut self, line: u32) -> &mut Statement {
        self.current.get_or_insert_with(|| Statement {
            line,
            ..Statement::default()
        })
    }

    fn finish_statement(&mut self) {
        if let Some(st) = self.current.take() {
            self.statements.push(st);
        }
    }
}

impl OfxEntry {
    fn finish(
        self,
        currency: Currency,
        end: usize,
        positions: &mut LinePositions<'_>,
    ) -> Result<StatementEntry, FormatError> {
        let missing = |positions: &mut LinePositions<'_>, field: &str| {
            let (line, column) = positions.position(end);
            FormatError::new(
                line,
                column,
                "</STMTTRN>",
                format!("<{field}> in the transaction of line {}", self.line),
            )
        };
        if let Some(problem) = self.problem {
            return Err(problem);
        }
        let (date, time) = self.posted.ok_or_else(|| missing(positions, "DTPOSTED"))?;
        let amount = self.amount.ok_or_else(|| missing(positions, "TRNAMT"))?;
        let mut e = StatementEntry::new(self.line, date, amount, self.currency.unwrap_or(currency));
        e.time = time;
        e.reference = self.fitid.filter(|f| !f.is_empty());
        e.description = self.memo.filter(|m| !m.is_empty()).or_else(|| self.name.clone());
        e.counterparty = self.name;
        if matches!(self.kind.as_str(), "FEE" | "SRVCHG") {
            e.kind = TxnKind::Fee;
        }
        Ok(e)
    }
}

/// OFX dates: `YYYYMMDD`, `YYYYMMDDHHMMSS`, optionally `.XXX` milliseconds and `[-5:EST]`. The time is kept as
/// written (the bank's local time). A missing time, and the placeholders banks write when they only know the
/// day (00:00:00, and the 12:00:00 Quicken-style downloads use), make the row date-only.
fn date_time(value: &str) -> Option<(NaiveDate, Option<NaiveTime>)> {
    let digits: &str = value.get(..value.find(['.', '[']).unwrap_or(value.len()))?.trim();
    if !digits.bytes().all(|b| b.is_ascii_digit()) || !matches!(digits.len(), 8 | 12 | 14) {
        return None;
    }
    let n = |r: std::ops::Range<usize>| digits.get(r).and_then(|s| s.parse::<u32>().ok());
    let year = i32::try_from(n(0..4)?).ok()?;
    let date = NaiveDate::from_ymd_opt(year, n(4..6)?, n(6..8)?)?;
    if digits.len() == 8 {
        return Some((date, None));
    }
    let time = NaiveTime::from_hms_opt(n(8..10)?, n(10..12)?, n(12..14).unwrap_or(0))?;
    let placeholder = time == NaiveTime::MIN || time == NaiveTime::from_hms_opt(12, 0, 0)?;
    Some((date, (!placeholder).then_some(time)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn sgml_without_line_breaks_or_closing_tags() {
        let text = "OFXHEADER:100\nDATA:OFXSGML\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>USD<BANKACCTFROM>\
                    <ACCTID>123<ACCTTYPE>CHECKING</BANKACCTFROM><BANKTRANLIST><STMTTRN><TRNTYPE>FEE\
                    <DTPOSTED>20261124<TRNAMT>-3.00<FITID>F1<NAME>Bank &amp; Co</STMTTRN></BANKTRANLIST>\
                    <LEDGERBAL><BALAMT>10.5<DTASOF>20261124</LEDGERBAL></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>";
        let sts = parse(text).map(|p| p.statements).unwrap_or_default();
        assert_eq!(sts.len(), 1);
        let e = &sts[0].entries[0];
        assert_eq!((e.amount, e.kind, e.time), (Money(dec!(-3)), TxnKind::Fee, None));
        assert_eq!(e.counterparty.as_deref(), Some("Bank & Co"));
        assert_eq!((e.line, sts[0].currency), (4, Currency::USD));
        assert_eq!(sts[0].closing.map(|b| b.amount), Some(Money(dec!(10.5))));
    }

    #[test]
    fn dates_with_time_milliseconds_and_zone() {
        let t = NaiveTime::from_hms_opt(13, 5, 9);
        assert_eq!(date_time("20261124130509.000[-5:EST]").map(|(_, t)| t), Some(t));
        assert_eq!(date_time("20261124000000").map(|(_, t)| t), Some(None));
        assert_eq!(date_time("20261124120000[0:GMT]").map(|(_, t)| t), Some(None));
        assert_eq!(date_time("2026112"), None);
        assert_eq!(date_time("20261324"), None);
    }

    #[test]
    fn a_bad_amount_names_its_line_and_column() {
        let text = "<OFX>\n<STMTRS>\n<STMTTRN>\n<DTPOSTED>20261124\n  <TRNAMT>12,3x\n</STMTTRN>";
        let err = parse(text).ok().and_then(|p| p.bad_entries.into_iter().next());
        assert_eq!(
            err.map(|e| (e.line, e.column, e.found)),
            Some((5, 11, "12,3x".to_owned()))
        );
        let err = parse("<OFX><STMTRS><STMTTRN><DTPOSTED>20261124</STMTTRN>")
            .ok()
            .map(|p| p.bad_entries);
        let expected = err.and_then(|e| e.into_iter().next()).map(|e| e.expected);
        assert_eq!(expected.as_deref(), Some("<TRNAMT> in the transaction of line 1"));
    }
}
