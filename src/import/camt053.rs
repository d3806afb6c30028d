//! CAMT.053 (ISO 20022 `BkToCstmrStmt`, any version) reader, streaming through quick-xml, that also reads the
//! intraday account report camt.052 (`BkToCstmrAcctRpt`, `<Rpt>`) and the debit/credit notification camt.054
//! (`BkToCstmrDbtCdtNtfctn`, `<Ntfctn>`), whose entries have the same shape: every `<Stmt>` (`<Rpt>`,
//! `<Ntfctn>`) is a statement with its `OPBD`/`PRCD` and `CLBD` balances; every `<Ntry>` one entry, signed by `CdtDbtInd` (the
//! direction the entry was booked, also for reversals flagged by `RvslInd`), `Sts` BOOK / PDNG / INFO,
//! `BookgDt`/`ValDt` (date or date-time), references (`TxDtls/Refs/EndToEndId`, else `AcctSvcrRef`, else
//! `NtryRef`), counterparty from `RltdPties` (the debtor of a credit, the creditor of a debit) and text from
//! `RmtInf/Ustrd` or `AddtlNtryInf`. Element prefixes and namespace versions are ignored.

use chrono::{NaiveDate, NaiveTime};
use quick_xml::events::Event;
use quick_xml::reader::Reader;

use crate::import::statement::common::{
    FormatError, LinePositions, Parsed, Recognised, StatedBalance, Statement, StatementEntry, declared_label, decode,
    into_imported, parse_decimal,
};
use crate::import::{ImportError, ImportOptions, Imported};
use crate::model::{Currency, Money, TxnKind};

/// True when the bytes look like a camt.053, camt.052 or camt.054 document: XML (after an optional byte-order
/// mark) with its namespace or its root element near the top.
pub fn sniff(bytes: &[u8]) -> bool {
    kind(bytes).is_some()
}

/// Which of the three CAMT messages the bytes are, with why (shown by `posrecon inspect`).
fn kind(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    let head = bytes.get(..bytes.len().min(4096)).unwrap_or_default();
    let xml = head
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(head)
        .trim_ascii_start()
        .starts_with(b"<");
    let has = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    if !xml {
        None
    } else if has(b"camt.053") || has(b"BkToCstmrStmt") {
        Some(("CAMT.053", "an ISO 20022 camt.053 namespace or <BkToCstmrStmt> root"))
    } else if has(b"camt.052") || has(b"BkToCstmrAcctRpt") {
        Some((
            "CAMT.052",
            "an ISO 20022 camt.052 namespace or <BkToCstmrAcctRpt> root (account report)",
        ))
    } else if has(b"camt.054") || has(b"BkToCstmrDbtCdtNtfctn") {
        Some((
            "CAMT.054",
            "an ISO 20022 camt.054 namespace or <BkToCstmrDbtCdtNtfctn> root (debit/credit notification)",
        ))
    } else {
        None
    }
}

/// Imports a camt.053 (camt.052, camt.054) file: one row per `<Ntry>`, for `opts.side`.
pub fn read(file_name: &str, bytes: &[u8], opts: &ImportOptions) -> Result<Imported, ImportError> {
    let (text, encoding) = decode(bytes, declared_label(bytes, "encoding=").as_deref());
    let (format, reason) = kind(bytes).unwrap_or(("CAMT.053", "read as camt.053"));
    let how = Recognised {
        format,
        encoding,
        reason,
        size: bytes.len(),
        kind: crate::import::statement_kind::StatementKind::BankAccount,
    };
    into_imported(file_name, how, parse(&text), opts)
}

/// Decodes (honouring `encoding="…"`) and reads a camt.053 file.
pub fn parse_bytes(bytes: &[u8]) -> Result<Parsed, FormatError> {
    parse(&decode(bytes, declared_label(bytes, "encoding=").as_deref()).0)
}

/// Reads every `<Stmt>` of a camt.053 document (already decoded). An `<Ntry>` with an unreadable amount,
/// direction or date is listed in [`Parsed::bad_entries`]; XML that is not well-formed, a truncated file or a
/// bad balance stops the reading.
pub fn parse(text: &str) -> Result<Parsed, FormatError> {
    let mut positions = LinePositions::new(text);
    let mut xml = Reader::from_str(text);
    let mut doc = Document::default();
    loop {
        let before = usize::try_from(xml.buffer_position()).unwrap_or(usize::MAX);
        let event = xml.read_event().map_err(|err| {
            let at = usize::try_from(xml.error_position()).unwrap_or(usize::MAX);
            let (line, column) = positions.position(at);
            FormatError::new(line, column, &err.to_string(), "well-formed XML")
        })?;
        let after = usize::try_from(xml.buffer_position()).unwrap_or(usize::MAX);
        match event {
            Event::Start(e) => {
                let name = e.local_name();
                let mut currency = None;
                if name.as_ref() == "Amt" {
                    for attr in e.attributes().flatten() {
                        if attr.key.local_name().as_ref() == "Ccy" {
                            currency = Currency::parse(&attr.value);
                        }
                    }
                }
                let position = positions.position(before);
                // A camt.052 report and a camt.054 notification hold their entries as a statement does.
                let name = match name.as_ref() {
                    "Rpt" | "Ntfctn" => "Stmt",
                    other => other,
                };
                doc.start(name, position, before..after, currency);
            }
            Event::End(_) => doc.end(&mut positions)?,
            Event::Text(t) => doc.text.push_str(&t.xml10_content()),
            Event::CData(t) => doc.text.push_str(&t),
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => quick_xml::escape::resolve_predefined_entity(&r).map(str::to_owned),
                };
                doc.text.push_str(resolved.as_deref().unwrap_or_default());
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(open) = doc.path.last() {
        let (line, column) = positions.position(text.len());
        let expected = format!(
            "</{}> before the end of the file (it opens on line {})",
            open.name.as_str(),
            open.line
        );
        return Err(FormatError::new(line, column, "end of file", expected));
    }
    Ok(Parsed {
        statements: doc.statements,
        bad_entries: doc.bad,
    })
}

/// One open element: its local name, the line and column of its `<`, and where its content starts.
#[derive(Clone, Copy)]
struct Open {
    name: Name,
    line: u32,
    column: u32,
    content: usize,
}

/// An element's local name kept inline (no allocation per element). Names longer than 32 bytes are cut at a
/// character boundary; the reader only ever compares with its own short names.
#[derive(Clone, Copy)]
struct Name {
    len: usize,
    bytes: [u8; 32],
}

impl Name {
    fn new(name: &str) -> Name {
        let mut len = name.len().min(32);
        while !name.is_char_boundary(len) {
            len -= 1;
        }
        let mut bytes = [0; 32];
        if let (Some(to), Some(from)) = (bytes.get_mut(..len), name.as_bytes().get(..len)) {
            to.copy_from_slice(from);
        }
        Name { len, bytes }
    }

    fn as_str(&self) -> &str {
        self.bytes
            .get(..self.len)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or_default()
    }
}

/// What `<Bal>` says, collected until `</Bal>`.
#[derive(Default)]
struct BalanceDraft {
    kind: String,
    amount: Option<Money>,
    debit: bool,
    date: Option<NaiveDate>,
    line: u32,
}

/// What `<Ntry>` says, collected until `</Ntry>`.
#[derive(Default)]
struct EntryDraft {
    line: u32,
    amount: Option<Money>,
    currency: Option<Currency>,
    debit: Option<bool>,
    reversal: bool,
    status: String,
    booked: Option<(NaiveDate, Option<NaiveTime>)>,
    value: Option<NaiveDate>,
    servicer_ref: Option<String>,
    entry_ref: Option<String>,
    end_to_end: Vec<String>,
    transactions: usize,
    debtor: Option<String>,
    creditor: Option<String>,
    remittance: Vec<String>,
    additional: Option<String>,
    charges: bool,
    /// The first field that could not be read.
    problem: Option<FormatError>,
}

#[derive(Default)]
struct Document {
    path: Vec<Open>,
    text: String,
    statements: Vec<Statement>,
    balance: Option<BalanceDraft>,
    entry: Option<EntryDraft>,
    /// Currency from the `Ccy` attribute of the `<Amt>` being read.
    amount_currency: Option<Currency>,
    bad: Vec<FormatError>,
}

impl Document {
    fn start(
        &mut self,
        name: &str,
        (line, column): (u32, u32),
        tag: std::ops::Range<usize>,
        currency: Option<Currency>,
    ) {
        match name {
            "Stmt" => self.statements.push(Statement {
                line,
                ..Statement::default()
            }),
            "Bal" if self.parent_is("Stmt") => {
                self.balance = Some(BalanceDraft {
                    line,
                    ..BalanceDraft::default()
                })
            }
            "Ntry" if self.parent_is("Stmt") => {
                self.entry = Some(EntryDraft {
                    line,
                    ..EntryDraft::default()
                })
            }
            "TxDtls" => {
                if let Some(entry) = self.entry.as_mut() {
                    entry.transactions += 1;
                }
            }
            "Amt" => self.amount_currency = currency,
            _ => {}
        }
        self.path.push(Open {
            name: Name::new(name),
            line,
            column,
            content: tag.end,
        });
        self.text.clear();
    }

    fn parent_is(&self, name: &str) -> bool {
        self.path.last().is_some_and(|o| o.name.as_str() == name)
    }

    /// An element closes: what it held is noted, and its text buffer is emptied (keeping its capacity).
    fn end(&mut self, positions: &mut LinePositions<'_>) -> Result<(), FormatError> {
        let mut text = std::mem::take(&mut self.text);
        let noted = self.note(text.trim(), positions);
        text.clear();
        self.text = text;
        noted
    }

    fn note(&mut self, value: &str, positions: &mut LinePositions<'_>) -> Result<(), FormatError> {
        let Some(open) = self.path.pop() else { return Ok(()) };
        let parents = &self.path;
        let fail = |positions: &mut LinePositions<'_>, expected: &str| {
            let (line, column) = positions.position(open.content);
            FormatError::new(line, column, value, format!("{expected} in <{}>", open.name.as_str()))
        };
        let amount = |positions: &mut LinePositions<'_>| {
            parse_decimal(value, '.')
                .map(Money)
                .ok_or_else(|| fail(positions, "an amount such as 1234.50"))
        };
        let name = open.name.as_str();
        let parent = parents.last().map(|o| o.name.as_str());
        if name == "Ntry" {
            if let (Some(draft), Some(st)) = (self.entry.take(), self.statements.last_mut()) {
                match draft.finish((open.line, open.column), st.currency) {
                    Ok(entry) => st.entries.push(entry),
                    Err(bad) => self.bad.push(bad),
                }
            }
        } else if let Some(entry) = self.entry.as_mut() {
            let read = match (parent, name) {
                (Some("Ntry"), "Amt") => amount(positions).map(|a| {
                    entry.amount = Some(a);
                    entry.currency = self.amount_currency.take();
                }),
                (Some("Ntry"), "CdtDbtInd") => direction(value)
                    .map(|d| entry.debit = Some(d))
                    .ok_or_else(|| fail(positions, "CRDT or DBIT")),
                (Some("BookgDt"), "Dt" | "DtTm") => date_time(value)
                    .map(|when| entry.booked = Some(when))
                    .ok_or_else(|| fail(positions, "a date YYYY-MM-DD")),
                (parent, name) => {
                    entry.text_field(parent, name, parents, value);
                    Ok(())
                }
            };
            if let Err(bad) = read {
                entry.problem.get_or_insert(bad);
            }
        } else if let Some(balance) = self.balance.as_mut() {
            match (parent, name) {
                (Some("CdOrPrtry"), "Cd") => balance.kind = value.to_owned(),
                (Some("Bal"), "Amt") => balance.amount = Some(amount(positions)?),
                (Some("Bal"), "CdtDbtInd") => {
                    balance.debit = direction(value).ok_or_else(|| fail(positions, "CRDT or DBIT"))?
                }
                (Some("Dt"), "Dt" | "DtTm") => balance.date = date_time(value).map(|(d, _)| d),
                (_, "Bal") => {
                    if let (Some(draft), Some(st)) = (self.balance.take(), self.statements.last_mut()) {
                        draft.apply(st);
                    }
                }
                _ => {}
            }
        } else if let Some(st) = self.statements.last_mut() {
            match (parent, name) {
                (Some("Stmt"), "Id") => st.id = value.to_owned(),
                (Some("Id"), "IBAN") | (Some("Othr"), "Id")
                    if within(parents, &["Stmt", "Acct", "Id"]) || within(parents, &["Stmt", "Acct", "Id", "Othr"]) =>
                {
                    st.account = Some(value.to_owned());
                }
                (Some("Acct"), "Ccy") if within(parents, &["Stmt", "Acct"]) => {
                    st.currency = Currency::parse(value).ok_or_else(|| fail(positions, "a currency code"))?;
                }
                _ => {}
            }
        }
        Ok(())
    }
}

/// True when the open elements end with `suffix` (innermost last).
fn within(path: &[Open], suffix: &[&str]) -> bool {
    path.len() >= suffix.len()
        && path
            .iter()
            .rev()
            .zip(suffix.iter().rev())
            .all(|(o, s)| o.name.as_str() == *s)
}

impl BalanceDraft {
    fn apply(self, st: &mut Statement) {
        let Some(amount) = self.amount else { return };
        let stated = StatedBalance {
            amount: if self.debit { -amount } else { amount },
            date: self.date,
            line: self.line,
        };
        match self.kind.as_str() {
            "OPBD" => st.opening = Some(stated),
            "PRCD" => {
                st.opening.get_or_insert(stated);
            }
            "CLBD" => st.closing = Some(stated),
            _ => {}
        }
    }
}

impl EntryDraft {
    /// Notes a text field of the entry (`parent`/`name` is where it sits, `parents` all open elements).
    fn text_field(&mut self, parent: Option<&str>, name: &str, parents: &[Open], value: &str) {
        match (parent, name) {
            (Some("Ntry"), "RvslInd") => self.reversal = matches!(value, "true" | "1"),
            (Some("Ntry"), "Sts") | (Some("Sts"), "Cd") if self.status.is_empty() => self.status = value.to_owned(),
            (Some("ValDt"), "Dt" | "DtTm") => self.value = date_time(value).map(|(d, _)| d),
            (Some("Ntry"), "AcctSvcrRef") => self.servicer_ref = Some(value.to_owned()),
            (Some("Ntry"), "NtryRef") => self.entry_ref = Some(value.to_owned()),
            (Some("Refs"), "EndToEndId") if value != "NOTPROVIDED" => self.end_to_end.push(value.to_owned()),
            (Some("Ntry"), "AddtlNtryInf") => self.additional = Some(value.to_owned()),
            (Some("RmtInf"), "Ustrd") => self.remittance.push(value.to_owned()),
            (Some("Fmly"), "SubFmlyCd") => self.charges |= value == "CHRG",
            (_, "Nm") => {
                let party =
                    |role| within(parents, &["RltdPties", role]) || within(parents, &["RltdPties", role, "Pty"]);
                if party("Dbtr") {
                    self.debtor.get_or_insert_with(|| value.to_owned());
                } else if party("Cdtr") {
                    self.creditor.get_or_insert_with(|| value.to_owned());
                }
            }
            _ => {}
        }
    }

    /// `at` is the line and column of `<Ntry>`; `currency` the account's, for an `<Amt>` without `Ccy`.
    fn finish(self, (line, column): (u32, u32), currency: Currency) -> Result<StatementEntry, FormatError> {
        if let Some(problem) = self.problem {
            return Err(problem);
        }
        let missing = |what: &str| FormatError::new(line, column, "<Ntry>", format!("{what} in this <Ntry>"));
        let amount = self.amount.ok_or_else(|| missing("<Amt>"))?;
        let debit = self.debit.ok_or_else(|| missing("<CdtDbtInd>"))?;
        let (date, time) = match (self.booked, self.value) {
            (Some(booked), _) => booked,
            (None, Some(value)) => (value, None),
            (None, None) => return Err(missing("<BookgDt> or <ValDt>")),
        };
        let mut e = StatementEntry::new(
            self.line,
            date,
            if debit { -amount } else { amount },
            self.currency.unwrap_or(currency),
        );
        e.time = time;
        e.value_date = self.value;
        e.reversal = self.reversal;
        e.pending = matches!(self.status.as_str(), "PDNG" | "INFO");
        let single_end_to_end = (self.transactions <= 1)
            .then(|| self.end_to_end.into_iter().next())
            .flatten();
        e.reference = single_end_to_end.or(self.servicer_ref).or(self.entry_ref);
        e.counterparty = if debit {
            self.creditor.or(self.debtor)
        } else {
            self.debtor.or(self.creditor)
        };
        let remittance = self.remittance.join(" ");
        e.description = Some(remittance).filter(|r| !r.is_empty()).or(self.additional);
        if self.charges {
            e.kind = TxnKind::Fee;
        }
        Ok(e)
    }
}

fn direction(value: &str) -> Option<bool> {
    match value {
        "DBIT" => Some(true),
        "CRDT" => Some(false),
        _ => None,
    }
}

/// `2026-11-24[+02:00|Z]` or `2026-11-24T10:15:00[.000][+01:00|Z]`; the date and time are kept as the bank
/// wrote them (an offset says where, not another day).
fn date_time(value: &str) -> Option<(NaiveDate, Option<NaiveTime>)> {
    let date = NaiveDate::parse_from_str(value.get(..10)?, "%Y-%m-%d").ok()?;
    let offset = |rest: &str| {
        rest.is_empty()
            || rest == "Z"
            || (rest.len() == 6 && rest.starts_with(['+', '-']) && rest.get(3..4) == Some(":"))
    };
    let time = match value.get(10..11) {
        None => None,
        Some("T") => Some(NaiveTime::parse_from_str(value.get(11..19)?, "%H:%M:%S").ok()?),
        Some(_) if offset(value.get(10..)?) => None,
        Some(_) => return None,
    };
    Some((date, time))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    const DOC: &str = r#"<?xml version="1.0"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><Stmt>
<Id>S1</Id><Acct><Id><IBAN>DE00</IBAN></Id><Ccy>EUR</Ccy></Acct>
<Ntry><Amt Ccy="EUR">10.50</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
<BookgDt><DtTm>2026-11-24T09:30:00+01:00</DtTm></BookgDt><AcctSvcrRef>A1</AcctSvcrRef>
<NtryDtls><TxDtls><RltdPties><Cdtr><Pty><Nm>Shop &amp; Co</Nm></Pty></Cdtr></RltdPties></TxDtls></NtryDtls></Ntry>
</Stmt></BkToCstmrStmt></Document>"#;

    #[test]
    fn an_entry_with_version_8_party_and_status_layout() {
        let sts = parse(DOC).map(|p| p.statements).unwrap_or_default();
        let e = &sts[0].entries[0];
        assert_eq!((e.amount, e.line, e.pending), (Money(dec!(-10.50)), 4, false));
        assert_eq!(e.time, NaiveTime::from_hms_opt(9, 30, 0));
        assert_eq!(e.counterparty.as_deref(), Some("Shop & Co"));
        assert_eq!(e.reference.as_deref(), Some("A1"));
        assert_eq!((sts[0].id.as_str(), sts[0].account.as_deref()), ("S1", Some("DE00")));
    }

    #[test]
    fn an_amount_without_currency_takes_the_account_currency() {
        let doc = DOC
            .replace("<Amt Ccy=\"EUR\">", "<Amt>")
            .replace("<Ccy>EUR</Ccy>", "<Ccy>CHF</Ccy>");
        let sts = parse(&doc).map(|p| p.statements).unwrap_or_default();
        assert_eq!(sts[0].entries[0].currency, Currency::parse("CHF").unwrap_or_default());
    }

    #[test]
    fn truncated_or_bad_values_are_errors_with_positions() {
        let cut = DOC.get(..DOC.find("</NtryDtls>").unwrap_or(0)).unwrap_or_default();
        assert!(
            parse(cut)
                .err()
                .is_some_and(|e| e.expected.contains("before the end of the file"))
        );
        let bad = DOC.replace(">10.50<", ">10,50<");
        let err = parse(&bad).ok().and_then(|p| p.bad_entries.into_iter().next());
        assert_eq!(
            err.map(|e| (e.line, e.column, e.found)),
            Some((4, 22, "10,50".to_owned()))
        );
        let no_direction = DOC.replace("<CdtDbtInd>DBIT</CdtDbtInd>", "");
        let err = parse(&no_direction).ok().and_then(|p| p.bad_entries.into_iter().next());
        assert_eq!(
            err.map(|e| (e.line, e.column, e.expected)),
            Some((4, 1, "<CdtDbtInd> in this <Ntry>".to_owned()))
        );
    }

    #[test]
    fn a_date_with_a_utc_offset_is_that_day() {
        let doc = DOC.replace("<DtTm>2026-11-24T09:30:00+01:00</DtTm>", "<Dt>2017-04-01+02:00</Dt>");
        let parsed = parse(&doc).unwrap_or_default();
        assert_eq!(parsed.bad_entries, Vec::new());
        let e = &parsed.statements[0].entries[0];
        assert_eq!(
            (e.date, e.time),
            (NaiveDate::from_ymd_opt(2017, 4, 1).unwrap_or_default(), None)
        );
        assert_eq!(
            date_time("2017-04-01Z").map(|(d, _)| d.to_string()),
            Some("2017-04-01".into())
        );
        assert_eq!(date_time("2017-04-01+2"), None);
    }

    #[test]
    fn account_reports_and_notifications_are_read_like_statements() {
        let report = DOC
            .replace("camt.053.001.08", "camt.052.001.02")
            .replace("BkToCstmrStmt>", "BkToCstmrAcctRpt>")
            .replace("Stmt>", "Rpt>");
        assert_eq!(kind(report.as_bytes()).map(|k| k.0), Some("CAMT.052"));
        let notification = DOC
            .replace("camt.053.001.08", "camt.054.001.02")
            .replace("BkToCstmrStmt>", "BkToCstmrDbtCdtNtfctn>")
            .replace("Stmt>", "Ntfctn>");
        assert_eq!(kind(notification.as_bytes()).map(|k| k.0), Some("CAMT.054"));
        for doc in [report, notification] {
            let sts = parse(&doc).map(|p| p.statements).unwrap_or_default();
            assert_eq!(sts.len(), 1, "{doc}");
            assert_eq!(sts[0].entries[0].amount, Money(dec!(-10.50)));
            assert_eq!(sts[0].account.as_deref(), Some("DE00"));
        }
    }

    #[test]
    fn a_document_without_entries_says_it_holds_no_transactions() {
        let empty = DOC
            .get(..DOC.find("<Ntry>").unwrap_or(0))
            .unwrap_or_default()
            .to_owned()
            + "</Stmt></BkToCstmrStmt></Document>";
        let err = read("empty.xml", empty.as_bytes(), &ImportOptions::default())
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some("empty.xml:1:1: this CAMT.053 file holds no transactions — no statement in it has an entry")
        );
    }
}
