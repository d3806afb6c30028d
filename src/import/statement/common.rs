//! What the three structured bank-statement readers (OFX/QFX, CAMT.053, MT940) share: a [`Statement`] with its
//! stated opening/closing balances and booked [`StatementEntry`] rows, the balance check that turns a missing
//! page or row into a visible [`BalanceGap`], the conversion into [`Txn`] rows, and the small helpers the three
//! grammars need (text decoding, line positions, strict decimals, [`FormatError`]).

use std::borrow::Cow;

use chrono::{NaiveDate, NaiveTime};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::import::parse::mask_card_numbers;
use crate::import::{ImportDetails, ImportError, ImportOptions, Imported, Profile, Progress, RowError};
use crate::model::{Currency, Money, RowRef, Side, Source, SourceId, Txn, TxnKind, TxnStatus};

/// One account statement inside a file (a file can hold several: CAMT `<Stmt>`, MT940 `:20:` blocks, OFX
/// `<STMTRS>`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Statement {
    /// The statement's own identification (CAMT `Stmt/Id`, MT940 `:20:` + `:28C:`, OFX account id).
    pub id: String,
    /// Own account (IBAN, account number) where the statement names it.
    pub account: Option<String>,
    pub currency: Currency,
    /// Line where the statement starts.
    pub line: u32,
    /// Opening booked balance (CAMT OPBD/PRCD, MT940 `:60F:`/`:60M:`).
    pub opening: Option<StatedBalance>,
    /// Closing booked balance (CAMT CLBD, MT940 `:62F:`/`:62M:`, OFX `<LEDGERBAL>`).
    pub closing: Option<StatedBalance>,
    pub entries: Vec<StatementEntry>,
}

/// A balance as the bank states it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatedBalance {
    pub amount: Money,
    pub date: Option<NaiveDate>,
    /// Line where the balance is written.
    pub line: u32,
}

/// One booked (or pending) movement on the account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatementEntry {
    /// Physical 1-based line where the entry starts (`<STMTTRN>`, `<Ntry>`, `:61:`).
    pub line: u32,
    /// Booking (entry) date; the value date where no booking date is given.
    pub date: NaiveDate,
    /// Time of day where the format gives one; `None` makes the row date-only.
    pub time: Option<NaiveTime>,
    pub value_date: Option<NaiveDate>,
    /// Signed from the account holder's side: credit > 0, debit < 0 (reversals already turned round).
    pub amount: Money,
    pub currency: Currency,
    /// The reference a shop can look up: FITID, end-to-end id, account servicer reference, MT940 reference.
    pub reference: Option<String>,
    pub description: Option<String>,
    pub counterparty: Option<String>,
    pub kind: TxnKind,
    /// The bank marks the entry as not yet booked (CAMT `Sts` PDNG): shown, left out of matching and balances.
    pub pending: bool,
    /// The entry reverses an earlier one (CAMT `RvslInd`, MT940 `RC`/`RD`).
    pub reversal: bool,
}

impl StatementEntry {
    /// An entry with only date and amount known.
    pub fn new(line: u32, date: NaiveDate, amount: Money, currency: Currency) -> StatementEntry {
        StatementEntry {
            line,
            date,
            time: None,
            value_date: None,
            amount,
            currency,
            reference: None,
            description: None,
            counterparty: None,
            kind: TxnKind::Settlement,
            pending: false,
            reversal: false,
        }
    }
}

/// What a reader made of a whole file: its statements, and the entries it could not read (left out of the
/// statements; the import refuses the file because of them unless bad rows are skipped).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    pub statements: Vec<Statement>,
    pub bad_entries: Vec<FormatError>,
}

/// How a reader recognised and decoded a file, for [`ImportDetails`] and `posrecon inspect`.
pub struct Recognised {
    /// "OFX 1.x (SGML)", "CAMT.053", "MT940".
    pub format: &'static str,
    pub encoding: &'static str,
    /// Why the file was taken for this format.
    pub reason: &'static str,
    /// The file's size in bytes (for the progress report).
    pub size: usize,
    /// A bank account's statement, or a credit card's (OFX `<CCSTMTRS>`).
    pub kind: crate::import::statement_kind::StatementKind,
}

/// Turns what a reader parsed into an [`Imported`] file: rows for `opts.side` and `opts.source`, the balance
/// check's gaps in [`ImportDetails::balance_gaps`], unreadable entries refused or listed as bad rows.
pub fn into_imported(
    file: &str,
    how: Recognised,
    parsed: Result<Parsed, FormatError>,
    opts: &ImportOptions,
) -> Result<Imported, ImportError> {
    let row_error = |e: FormatError| RowError::new(e.line, e.column, "", &e.found, e.expected);
    let bad_rows = |count: usize, rows: Vec<RowError>| ImportError::BadRows {
        file: file.to_owned(),
        sheet: None,
        count,
        rows,
    };
    let parsed = parsed.map_err(|e| bad_rows(1, vec![row_error(e)]))?;
    let no_entries = parsed.statements.iter().all(|s| s.entries.is_empty());
    if no_entries && parsed.bad_entries.is_empty() {
        return Err(ImportError::NoRows {
            at: crate::import::Location::new(file, None, 1, 1),
            format: Some(how.format.to_owned()),
        });
    }
    let bad_row_count = parsed.bad_entries.len();
    let bad: Vec<RowError> = parsed
        .bad_entries
        .into_iter()
        .take(crate::import::error::MAX_ROW_ERRORS)
        .map(row_error)
        .collect();
    if bad_row_count > 0 && !opts.skip_bad_rows {
        return Err(bad_rows(bad_row_count, bad));
    }
    let balance_gaps = balance_gaps(file, &parsed.statements);
    let txns = into_txns(parsed.statements, opts.source, opts.side);
    if let Some(report) = &opts.progress {
        let size = u64::try_from(how.size).unwrap_or(u64::MAX);
        report(Progress {
            rows: txns.len(),
            bytes_done: size,
            bytes_total: size,
        });
    }
    let format = format!("{} ({})", how.format, how.encoding);
    let profile = Profile {
        name: Some(how.format.to_owned()),
        side: Some(Side::Bank),
        ..Profile::default()
    };
    let details = ImportDetails {
        format: format.clone(),
        encoding: how.encoding.to_owned(),
        profile,
        preset: Some(how.format.to_owned()),
        preset_reason: Some(how.reason.to_owned()),
        bad_rows: bad,
        bad_row_count,
        balance_gaps,
        statement_kind: Some(how.kind),
        ..ImportDetails::default()
    };
    let source = Source {
        id: opts.source,
        path: file.to_owned(),
        side: opts.side,
        sheet: None,
        format,
    };
    Ok(Imported { source, txns, details })
}

/// A statement whose rows do not add up: opening balance + Σ booked rows ≠ closing balance. Usually a missing
/// page or row, or a row imported twice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BalanceGap {
    /// The file as the user gave it.
    pub file: String,
    /// The statement's identification inside the file.
    pub statement: String,
    /// The closing balance the bank states.
    pub expected: Money,
    /// Opening balance + the sum of the booked rows read.
    pub found: Money,
    /// Line of the closing balance.
    pub line: u32,
}

impl BalanceGap {
    /// What is missing to reach the stated closing balance (positive: a credit is missing).
    pub fn difference(&self) -> Money {
        self.expected - self.found
    }
}

/// Checks every statement that states both an opening and a closing balance. Pending entries do not count.
pub fn balance_gaps(file: &str, statements: &[Statement]) -> Vec<BalanceGap> {
    statements
        .iter()
        .filter_map(|st| {
            let (opening, closing) = (st.opening?, st.closing?);
            let found = opening.amount + st.entries.iter().filter(|e| !e.pending).map(|e| e.amount).sum();
            (found != closing.amount).then(|| BalanceGap {
                file: file.to_owned(),
                statement: st.id.clone(),
                expected: closing.amount,
                found,
                line: closing.line,
            })
        })
        .collect()
}

/// Turns the entries of all statements into rows of one source, in file order.
///
/// A pending entry is kept (the user sees it) but marked [`TxnStatus::Declined`], the status that keeps a row
/// out of matching, and its description says "pending". A reversal's description starts with "Reversal".
/// Where the statement states an opening balance, each booked row carries the balance after it (opening plus
/// the booked rows so far, in file order, which CAMT.053 and MT940 keep in booking order) — except the last
/// booked row, which carries the closing balance the bank states (the balance after it, by definition). Rows
/// that do not add up to the closing balance therefore show as a jump in the balances at that row, which the
/// engine's `balance_gap` check reports.
pub fn into_txns(statements: Vec<Statement>, source: SourceId, side: Side) -> Vec<Txn> {
    let mut txns = Vec::with_capacity(statements.iter().map(|s| s.entries.len()).sum());
    for st in statements {
        let first = txns.len();
        let stated_closing = st.opening.and(st.closing).map(|b| b.amount);
        let mut running = st.opening.map(|b| b.amount);
        for e in st.entries {
            let time = e.date.and_time(e.time.unwrap_or(NaiveTime::MIN));
            let mut txn = Txn::new(RowRef { source, line: e.line }, side, time, e.amount);
            txn.date_only = e.time.is_none();
            txn.currency = e.currency;
            txn.reference = e.reference.map(Into::into);
            // Free text is masked as a CSV's is: a card number in a memo keeps only its first 6 and last 4 digits.
            txn.counterparty = e.counterparty.map(|c| mask_card_numbers(&c).into());
            txn.account = st.account.clone().map(Into::into);
            txn.kind = e.kind;
            let mut description = e.description.unwrap_or_default();
            if e.reversal {
                description = join_nonempty("Reversal", &description);
            }
            if e.pending {
                txn.status = TxnStatus::Declined;
                description = join_nonempty("Pending (not booked)", &description);
            } else {
                running = running.map(|balance| balance + e.amount);
                txn.balance = running;
            }
            txn.description = (!description.is_empty()).then(|| mask_card_numbers(&description).into());
            txns.push(txn);
        }
        let last_booked = txns
            .get_mut(first..)
            .and_then(|rows| rows.iter_mut().rev().find(|t| t.balance.is_some()));
        if let (Some(last), Some(closing)) = (last_booked, stated_closing) {
            last.balance = Some(closing);
        }
    }
    txns
}

fn join_nonempty(prefix: &str, rest: &str) -> String {
    if rest.is_empty() {
        prefix.to_owned()
    } else {
        format!("{prefix}: {rest}")
    }
}

/// A place in a statement file where the text is not what the format allows.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, column {column}: expected {expected}, found {found:?}")]
pub struct FormatError {
    pub line: u32,
    pub column: u32,
    /// The offending text (cut to 80 characters).
    pub found: String,
    /// What the format allows there, in words.
    pub expected: String,
}

impl FormatError {
    pub fn new(line: u32, column: u32, found: &str, expected: impl Into<String>) -> FormatError {
        FormatError {
            line,
            column,
            found: found.chars().take(80).collect(),
            expected: expected.into(),
        }
    }
}

/// Decodes a statement file: a byte-order mark wins, then valid UTF-8, then the charset the file declares
/// (`CHARSET:1252`, `encoding="ISO-8859-1"`), then Windows-1252, which every byte sequence decodes under.
/// Returns the text and the name of the encoding used.
pub fn decode<'a>(bytes: &'a [u8], declared: Option<&str>) -> (Cow<'a, str>, &'static str) {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let body = bytes.get(bom_len..).unwrap_or_default();
        return (encoding.decode_without_bom_handling(body).0, encoding.name());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (Cow::Borrowed(text), "UTF-8");
    }
    let encoding = declared
        .map(str::trim)
        .and_then(|label| {
            // OFX writes code pages as bare numbers: CHARSET:1252, CHARSET:936.
            if label.bytes().all(|b| b.is_ascii_digit()) {
                let named = if label == "936" {
                    "gbk".to_owned()
                } else {
                    format!("windows-{label}")
                };
                encoding_rs::Encoding::for_label(named.as_bytes())
            } else {
                encoding_rs::Encoding::for_label(label.as_bytes())
            }
        })
        .unwrap_or(encoding_rs::WINDOWS_1252);
    (encoding.decode_without_bom_handling(bytes).0, encoding.name())
}

/// The value written after `key` in the first kilobyte of a file (`CHARSET:` → `1252`,
/// `encoding=` → `ISO-8859-1`): quotes dropped, up to the next quote, blank or `?`.
pub fn declared_label(bytes: &[u8], key: &str) -> Option<String> {
    let head = String::from_utf8_lossy(bytes.get(..bytes.len().min(1024)).unwrap_or_default()).into_owned();
    let start = head.find(key)? + key.len();
    let rest = head.get(start..)?.trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| c == '"' || c == '\'' || c.is_whitespace() || c == '?')
        .unwrap_or(rest.len());
    rest.get(..end).filter(|v| !v.is_empty()).map(str::to_owned)
}

/// Turns byte offsets into 1-based line and column numbers. Asked in increasing order it only walks the bytes
/// in between (also on files written as one long line); going back costs the stretch and the line's start.
#[derive(Default)]
pub struct LinePositions<'a> {
    text: &'a str,
    offset: usize,
    line: u32,
    /// Characters between the start of the line and `offset`.
    column: usize,
}

impl<'a> LinePositions<'a> {
    pub fn new(text: &'a str) -> Self {
        LinePositions {
            text,
            offset: 0,
            line: 1,
            column: 0,
        }
    }

    /// 1-based line of the byte at `offset` (clamped to the text).
    pub fn line_at(&mut self, offset: usize) -> u32 {
        self.advance(offset);
        self.line
    }

    /// 1-based (line, column) of the byte at `offset`; the column counts characters.
    pub fn position(&mut self, offset: usize) -> (u32, u32) {
        self.advance(offset);
        (
            self.line,
            u32::try_from(self.column).unwrap_or(u32::MAX).saturating_add(1),
        )
    }

    fn advance(&mut self, offset: usize) {
        let offset = offset.min(self.text.len());
        let bytes = self.text.as_bytes();
        // A character starts at every byte that is not a UTF-8 continuation byte.
        let chars = |s: &[u8]| s.iter().filter(|b| (**b & 0xC0) != 0x80).count();
        if offset < self.offset {
            // Backwards (an error about an element opened earlier).
            let crossed = bytes
                .get(offset..self.offset)
                .map_or(0, |s| s.iter().filter(|b| **b == b'\n').count());
            self.line = self
                .line
                .saturating_sub(u32::try_from(crossed).unwrap_or(u32::MAX))
                .max(1);
            let line_start = bytes
                .get(..offset)
                .and_then(|s| s.iter().rposition(|b| *b == b'\n'))
                .map_or(0, |i| i + 1);
            self.column = bytes.get(line_start..offset).map_or(0, chars);
        } else if let Some(stretch) = bytes.get(self.offset..offset) {
            match stretch.iter().rposition(|b| *b == b'\n') {
                Some(last) => {
                    let newlines = stretch.iter().filter(|b| **b == b'\n').count();
                    self.line = self.line.saturating_add(u32::try_from(newlines).unwrap_or(u32::MAX));
                    self.column = stretch.get(last + 1..).map_or(0, chars);
                }
                None => self.column += chars(stretch),
            }
        }
        self.offset = offset;
    }
}

/// Parses a plain decimal as statement formats write it: optional sign, digits, at most one `decimal_mark`
/// (`.` for OFX and CAMT, `,` for MT940), digits. No thousands separators, no currency signs. None for a number
/// beyond [`MAX_AMOUNT`](crate::import::parse::amount::MAX_AMOUNT) in size.
pub fn parse_decimal(text: &str, decimal_mark: char) -> Option<Decimal> {
    let t = text.trim();
    let (negative, digits) = match t.as_bytes().first() {
        Some(b'-') => (true, t.get(1..)?),
        Some(b'+') => (false, t.get(1..)?),
        _ => (false, t),
    };
    let (int, frac) = digits.split_once(decimal_mark).unwrap_or((digits, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() && frac.is_empty() || !all_digits(int) || !all_digits(frac) || frac.len() > 10 {
        return None;
    }
    let int = if int.is_empty() { "0" } else { int };
    let value = Decimal::from_str_exact(&format!("{int}.{}", if frac.is_empty() { "0" } else { frac })).ok()?;
    // A longer number is no amount (see `parse::amount::MAX_AMOUNT`), and sums of such would overflow.
    crate::import::parse::amount::within_range(value).then_some(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn decimals_follow_the_format_mark() {
        assert_eq!(parse_decimal("1234,56", ','), Some(dec!(1234.56)));
        assert_eq!(parse_decimal("120,", ','), Some(dec!(120)));
        assert_eq!(parse_decimal("-12.50", '.'), Some(dec!(-12.50)));
        assert_eq!(parse_decimal("1,234.50", '.'), None);
        assert_eq!(parse_decimal("", '.'), None);
        assert_eq!(parse_decimal("-", '.'), None);
        assert_eq!(parse_decimal("12a", '.'), None);
    }

    #[test]
    fn positions_count_lines_and_characters() {
        let text = "ab\ncdé\nf";
        let mut pos = LinePositions::new(text);
        assert_eq!(pos.position(0), (1, 1));
        assert_eq!(pos.position(4), (2, 2));
        assert_eq!(pos.position(text.len()), (3, 2));
        assert_eq!(pos.line_at(1), 1);
        assert_eq!(pos.position(8), (3, 1));
        assert_eq!(pos.position(3), (2, 1));
    }

    #[test]
    fn decoding_honours_bom_utf8_and_declared_code_page() {
        let text = |bytes, label| decode(bytes, label).0.into_owned();
        assert_eq!(text(b"\xEF\xBB\xBFabc", None), "abc");
        assert_eq!(decode("Müller".as_bytes(), Some("1252")), ("Müller".into(), "UTF-8"));
        assert_eq!(decode(b"M\xFCller", Some("1252")), ("Müller".into(), "windows-1252"));
        assert_eq!(text(b"M\xFCller", None), "Müller");
        assert_eq!(text(b"\xC4\xE3", Some("936")), "你");
    }

    #[test]
    fn a_missing_row_shows_as_a_gap_and_pending_rows_do_not_count() {
        let balance = |amount, line| {
            Some(StatedBalance {
                amount: Money(amount),
                date: None,
                line,
            })
        };
        let mut entry = StatementEntry::new(5, day(2026, 11, 24), Money(dec!(30)), Currency::EUR);
        let mut pending = entry.clone();
        pending.pending = true;
        let st = Statement {
            id: "S1".into(),
            opening: balance(dec!(100), 2),
            closing: balance(dec!(150), 9),
            entries: vec![entry.clone(), pending],
            ..Statement::default()
        };
        let gaps = balance_gaps("f.sta", std::slice::from_ref(&st));
        assert_eq!(gaps.len(), 1);
        assert_eq!(gaps[0].difference(), Money(dec!(20)));
        assert_eq!(gaps[0].line, 9);
        entry.amount = Money(dec!(25));
        let st = Statement {
            entries: vec![entry.clone(), entry],
            ..st
        };
        assert!(balance_gaps("f.sta", &[st]).is_empty());
    }

    #[test]
    fn the_last_booked_row_carries_the_stated_closing_balance_so_a_gap_shows_there() {
        let balance = |amount, line| {
            Some(StatedBalance {
                amount: Money(amount),
                date: None,
                line,
            })
        };
        let entry = |line, amount| StatementEntry::new(line, day(2026, 11, 24), Money(amount), Currency::EUR);
        let mut pending = entry(9, dec!(-7));
        pending.pending = true;
        // 100 + 30 + 20 = 150, but the bank closes at 180: a credit of 30 is missing.
        let st = Statement {
            opening: balance(dec!(100), 2),
            closing: balance(dec!(180), 12),
            entries: vec![entry(5, dec!(30)), entry(7, dec!(20)), pending],
            ..Statement::default()
        };
        let txns = into_txns(vec![st], SourceId(1), Side::Bank);
        let balances: Vec<Option<Money>> = txns.iter().map(|t| t.balance).collect();
        assert_eq!(balances, [Some(Money(dec!(130))), Some(Money(dec!(180))), None]);
        let gaps = crate::engine::balance_gap::find(&txns);
        assert_eq!(
            gaps.iter().map(|g| (g.row, g.missing)).collect::<Vec<_>>(),
            [(1, Money(dec!(30)))]
        );
    }
}
