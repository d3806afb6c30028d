//! Turning rows (of a [`Table`], or straight from a CSV reader) into transactions with a resolved mapping: one decision per file (decimal
//! style, day/month order), then each row through the field parsers of [`super::parse`]. Signs follow the
//! shop's point of view (sales and credits positive, refunds and debits negative, fees positive, a fee given back negative); card numbers
//! are masked here, before anything stores them. A row that cannot be read becomes a [`RowError`] with its
//! line, column, header, text and what was expected.

use rust_decimal::Decimal;

use super::ImportOptions;
use super::error::{ImportError, Location, MAX_ROW_ERRORS, RowError};
use super::mapping::{ColumnMap, Field, Profile, SignConvention};
use super::parse::{
    DateEvidence, DateOrder, DecimalStyle, Direction, FieldError, clean_cell, combine_date_time, detect_decimal_style,
    mask_card, mask_card_numbers, parse_amount, parse_datetime, parse_direction, parse_kind, parse_status,
};
use super::table::{Cells, RowSink, SkippedLine, Table, is_blank};
use crate::model::{Currency, Money, RowRef, Side, SourceId, Txn, TxnKind, TxnStatus, TxnText};

/// Everything a row needs to become a [`Txn`].
pub struct RowReader<'a> {
    /// The header, for the column names in errors.
    pub header: &'a [String],
    pub map: &'a ColumnMap,
    pub side: Side,
    pub source: SourceId,
    pub decimal: DecimalStyle,
    pub date_order: DateOrder,
    pub sign: SignConvention,
    pub currency: Currency,
    /// The profile's [`Profile::negate_amounts`]: the file's signs are the other party's.
    pub negate_amounts: bool,
}

/// One row of a file: its cells and the physical line (or Excel row) it is on.
pub struct Row<'r, C: ?Sized> {
    pub cells: &'r C,
    pub line: u32,
}

/// Transactions read from a table, and the rows that could not be read.
#[derive(Debug, Default)]
pub struct Converted {
    pub txns: Vec<Txn>,
    pub errors: Vec<RowError>,
    pub error_count: usize,
}

/// Rows turned into transactions as the reader hands them over, with no table in between (the CSV import of
/// one part of a file, on its own thread). The row's shape is judged by a [`Table`] that keeps no cells
/// ([`Table::admit`]); the date cells are looked at for the file's day/month order ([`DateEvidence`]). The first
/// row that cannot be read stops it: the caller then reads the file the careful way, which names every bad row.
pub struct Streamed<'a, O> {
    reader: &'a RowReader<'a>,
    /// The date column whose cells decide the day/month order (None when the profile gives the order).
    date_col: Option<usize>,
    /// Summary lines, held-back rows and rows of the wrong shape.
    pub shape: Table,
    /// Where the transactions go.
    pub txns: O,
    pub evidence: DateEvidence,
    /// A row could not be read.
    pub failed: bool,
}

/// Where a [`Streamed`] sink puts the transactions it reads: a vector, or a part's stretch of one vector (written
/// in place, with no staging vector in between).
pub trait TxnOut: Extend<Txn> {
    /// Transactions put so far.
    fn len(&self) -> usize;

    /// Nothing put yet.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl TxnOut for Vec<Txn> {
    fn len(&self) -> usize {
        Vec::len(self)
    }
}

impl<'a, O> Streamed<'a, O> {
    /// A sink writing to `txns`, under the header `shape` was made with.
    pub fn new(reader: &'a RowReader<'a>, date_col: Option<usize>, shape: Table, txns: O) -> Self {
        Streamed {
            reader,
            date_col,
            shape,
            txns,
            evidence: DateEvidence::default(),
            failed: false,
        }
    }
}

impl<O: TxnOut> RowSink for Streamed<'_, O> {
    fn take<C: Cells + ?Sized>(&mut self, line: u32, row: &C) {
        if !self.shape.admit(line, row) {
            return;
        }
        if let Some(col) = self.date_col {
            self.evidence.add(row.cell(col));
        }
        if self
            .reader
            .push_txns(&Row { cells: row, line }, &mut self.txns)
            .is_err()
        {
            self.failed = true;
        }
    }
    fn rows(&self) -> usize {
        self.txns.len()
    }
    fn done(&self) -> bool {
        self.failed || self.shape.error_count > 0
    }
}

/// The top rows of a file, kept until they hold enough money cells to decide the decimal style like
/// [`decide_decimal_style`] does over the whole table (its first 1000 non-blank money cells).
pub struct Head {
    pub table: Table,
    money_cols: Vec<usize>,
    money_cells: usize,
}

/// Rows a [`Head`] takes at least (for a first guess at the day/month order) and at most.
const HEAD_ROWS: std::ops::RangeInclusive<usize> = 200..=100_000;

impl Head {
    pub fn new(table: Table, map: &ColumnMap) -> Head {
        Head {
            table,
            money_cols: MONEY_FIELDS.iter().filter_map(|f| map.get(*f)).collect(),
            money_cells: 0,
        }
    }
}

impl RowSink for Head {
    fn take<C: Cells + ?Sized>(&mut self, line: u32, row: &C) {
        let before = self.table.len();
        self.table.push(line, row);
        if self.table.len() > before {
            self.money_cells += self.money_cols.iter().filter(|c| !is_blank(row.cell(**c))).count();
        }
    }
    fn rows(&self) -> usize {
        self.table.len()
    }
    fn done(&self) -> bool {
        let rows = self.table.len();
        rows >= *HEAD_ROWS.end()
            || (rows >= *HEAD_ROWS.start() && (self.money_cells >= 1000 || self.money_cols.is_empty()))
    }
}

const MONEY_FIELDS: [Field; 6] = [
    Field::Amount,
    Field::Credit,
    Field::Debit,
    Field::Fee,
    Field::Net,
    Field::Balance,
];

/// The decimal style of the file (from the profile, or from up to 1000 money cells).
pub fn decide_decimal_style(table: &Table, map: &ColumnMap, profile: &Profile) -> DecimalStyle {
    if let Some(style) = profile.decimal {
        return style;
    }
    let columns: Vec<usize> = MONEY_FIELDS.iter().filter_map(|f| map.get(*f)).collect();
    let samples = (0..table.len())
        .flat_map(|r| columns.iter().map(move |c| (r, *c)))
        .map(|(r, c)| table.cell(r, c))
        .filter(|s| !s.trim().is_empty())
        .take(1000);
    detect_decimal_style(samples)
}

/// The day/month order of the file (from the profile, or from all its date cells; where they leave it open, from
/// the dates in the lines `around` the table and its summary lines). Undecidable dates are an error pointing at
/// the first cell that reads differently day-first and month-first.
pub fn decide_date_order(
    file: &str,
    sheet: Option<&str>,
    table: &Table,
    map: &ColumnMap,
    profile: &Profile,
    around: &[SkippedLine],
) -> Result<DateOrder, ImportError> {
    if let Some(order) = profile.date_order {
        return Ok(order);
    }
    let Some(col) = map.get(Field::Date).or(map.get(Field::Time)) else {
        return Ok(DateOrder::YearFirst);
    };
    let mut evidence = DateEvidence::default();
    (0..table.len()).for_each(|r| evidence.add(table.cell(r, col)));
    evidence.decide_with(around.iter().chain(&table.summary).map(|l| l.text.as_str())).map_err(|e| {
        let r = (0..table.len())
            .find(|&r| {
                let cell = table.cell(r, col);
                parse_datetime(cell, DateOrder::DayFirst).ok() != parse_datetime(cell, DateOrder::MonthFirst).ok()
            })
            .unwrap_or(0);
        let header = table.header.get(col).map_or("", String::as_str);
        ImportError::AmbiguousDates {
            at: Location::new(file, sheet, table.line(r), sheet_u32(col + 1)),
            message: format!(
                "column {header:?}: expected {}, found {:?} — set the date order (day first or month first) in the mapping",
                e.expected,
                table.cell(r, col)
            ),
        }
    })
}

/// `text` without white space at either end (looked for only when an end is not plain ASCII).
fn trimmed(text: &str) -> &str {
    let bytes = text.as_bytes();
    match (bytes.first(), bytes.last()) {
        (Some(a), Some(b)) if a.is_ascii_graphic() && b.is_ascii_graphic() => text,
        _ => text.trim(),
    }
}

fn sheet_u32(n: usize) -> u32 {
    super::sniff::to_u32(n)
}

impl<'a> RowReader<'a> {
    /// A reader with a file's decided mapping: decimal style and day/month order as the profile has them (decided
    /// before), side and source from the options, `currency` where the rows do not say (else CNY).
    pub fn new(
        header: &'a [String],
        map: &'a ColumnMap,
        profile: &Profile,
        opts: &ImportOptions,
        currency: Option<Currency>,
    ) -> Self {
        RowReader {
            header,
            map,
            side: opts.side,
            source: opts.source,
            decimal: profile.decimal.unwrap_or_default(),
            date_order: profile.date_order.unwrap_or_default(),
            sign: profile.sign,
            currency: currency.unwrap_or(Currency::CNY),
            negate_amounts: profile.negate_amounts,
        }
    }

    /// Converts every row, on several threads for large tables; the order of rows is kept.
    pub fn convert(&self, table: &Table) -> Converted {
        let rows = table.len();
        let threads = if rows < 20_000 {
            1
        } else {
            std::thread::available_parallelism().map_or(1, |n| n.get()).min(4)
        };
        let chunk = rows.div_ceil(threads.max(1)).max(1);
        let parts: Vec<Converted> = if threads <= 1 {
            vec![self.convert_range(table, 0, rows)]
        } else {
            std::thread::scope(|scope| {
                let handles: Vec<_> = (0..rows)
                    .step_by(chunk)
                    .map(|start| {
                        (
                            start,
                            scope.spawn(move || self.convert_range(table, start, (start + chunk).min(rows))),
                        )
                    })
                    .collect();
                handles
                    .into_iter()
                    .map(|(start, handle)| {
                        handle
                            .join()
                            .unwrap_or_else(|_| self.failed_range(table, start, (start + chunk).min(rows)))
                    })
                    .collect()
            })
        };
        let mut parts = parts.into_iter();
        let mut all = parts.next().unwrap_or_default();
        all.txns.reserve(rows.saturating_sub(all.txns.len()));
        for part in parts {
            all.txns.extend(part.txns);
            all.error_count += part.error_count;
            let room = MAX_ROW_ERRORS.saturating_sub(all.errors.len());
            all.errors.extend(part.errors.into_iter().take(room));
        }
        all
    }

    /// Converts rows `start..end`; the first range makes room for all rows, as the others are appended to it.
    fn convert_range(&self, table: &Table, start: usize, end: usize) -> Converted {
        let capacity = if start == 0 { table.len() } else { end - start };
        let mut out = Converted {
            txns: Vec::with_capacity(capacity),
            ..Converted::default()
        };
        for r in start..end {
            match self.push_txns(
                &Row {
                    cells: &table.row(r),
                    line: table.line(r),
                },
                &mut out.txns,
            ) {
                Ok(()) => {}
                Err(e) => {
                    out.error_count += 1;
                    if out.errors.len() < MAX_ROW_ERRORS {
                        out.errors.push(e);
                    }
                }
            }
        }
        out
    }

    /// A range whose worker thread failed: every row of it counts as bad, so the import is refused rather than
    /// silently short.
    fn failed_range(&self, table: &Table, start: usize, end: usize) -> Converted {
        let line = table.line(start);
        let expected = format!(
            "rows {line}…{} to be read (the reader stopped unexpectedly)",
            table.line(end.saturating_sub(1))
        );
        Converted {
            txns: Vec::new(),
            errors: vec![RowError::new(line, 1, "", "", expected)],
            error_count: end - start,
        }
    }

    /// One row as a transaction.
    pub fn txn<C: Cells + ?Sized>(&self, row: &Row<'_, C>) -> Result<Txn, RowError> {
        let (time, date_only) = self.when(row)?;
        let kind_text = self.cell(row, Field::Kind);
        let description = self.free_text(row, Field::Description);
        let kind = kind_text.and_then(parse_kind).or_else(|| match self.side {
            Side::Terminal => None,
            Side::Bank => description.as_deref().and_then(parse_kind),
        });
        let kind = kind.unwrap_or(match self.side {
            Side::Terminal => TxnKind::Sale,
            Side::Bank => TxnKind::Other,
        });
        let balance_row = self.is_balance_row(row, description.as_deref());
        let mut amount = if balance_row { Decimal::ZERO } else { self.amount(row)? };
        let mut net = self.money(row, Field::Net)?;
        let as_written = (amount, net);
        if self.negate_amounts {
            // The other party's signs, turned before a refund's sign is looked at.
            (amount, net) = (-amount, net.map(|n| -n));
        }
        if self.side == Side::Terminal && kind == TxnKind::Refund && amount > Decimal::ZERO {
            amount = -amount;
            net = net.map(|n| -n.abs());
        }
        let mut txn = Txn::new(
            RowRef {
                source: self.source,
                line: row.line,
            },
            self.side,
            time,
            Money(amount),
        );
        txn.date_only = date_only;
        txn.kind = kind;
        let status_cell = self.cell(row, Field::Status);
        // A pending payment is shown but takes no part in matching: the status that keeps a row out of it.
        let pending = status_cell.is_some_and(crate::import::parse::is_pending);
        txn.status = if pending {
            TxnStatus::Declined
        } else {
            status_cell.and_then(parse_status).unwrap_or(TxnStatus::Ok)
        };
        if txn.status == TxnStatus::Ok && (balance_row || self.direction(row) == Some(Direction::Neutral)) {
            txn.status = TxnStatus::Neutral;
        }
        txn.fee = self
            .money(row, Field::Fee)?
            .map(|f| Money(charged_fee(kind, as_written, f)));
        txn.net = net.map(Money);
        // A balance masked in the export (`xx,yyyy.zz`, `***`: no digit at all) is no balance, not a bad row.
        let masked = self
            .cell(row, Field::Balance)
            .is_some_and(|cell| !cell.bytes().any(|b| b.is_ascii_digit()));
        let balance = if masked { None } else { self.money(row, Field::Balance)? };
        txn.balance = balance.map(|b| Money(if self.negate_amounts { -b } else { b }));
        txn.currency = self
            .cell(row, Field::Currency)
            .and_then(Currency::parse)
            .unwrap_or(self.currency);
        txn.reference = self.text(row, Field::Reference);
        txn.voucher = self.text(row, Field::Voucher);
        txn.batch_no = self.text(row, Field::Batch);
        txn.terminal_id = self.text(row, Field::Terminal);
        txn.merchant_id = self.text(row, Field::Merchant);
        txn.card_masked = self.cell(row, Field::Card).and_then(mask_card);
        // A note written beside the amount (`131.77(已退款89.84)`): said in the description.
        let note = self
            .cell(row, Field::Amount)
            .and_then(|cell| crate::import::parse::amount::note_of(cell).map(|(_, note)| note));
        let description = match (description, pending) {
            (Some(text), true) => Some(format!("pending: {text}").as_str().into()),
            (None, true) => Some("pending".into()),
            (text, false) => text,
        };
        txn.description = match (description, note) {
            (Some(text), Some(note)) => Some(format!("{text} ({note})").as_str().into()),
            (None, Some(note)) => Some(note.into()),
            (text, None) => text,
        };
        txn.counterparty = self.free_text(row, Field::Counterparty);
        txn.account = self.free_text(row, Field::Account);
        if let Some(col) = self.map.get(Field::SettleDate) {
            let cell = row.cells.cell(col);
            if !cell.trim().is_empty() {
                let (when, _) = parse_datetime(cell, self.date_order).map_err(|e| self.error(row, col, e))?;
                txn.settle_date = Some(when.date());
            }
        }
        Ok(txn)
    }

    /// Date and time: one date(-time) cell, or a date cell plus a time cell (which may itself hold the date).
    fn when<C: Cells + ?Sized>(&self, row: &Row<'_, C>) -> Result<(chrono::NaiveDateTime, bool), RowError> {
        let date_col = self.map.get(Field::Date);
        let time_col = self.map.get(Field::Time);
        match (date_col, time_col) {
            (Some(d), Some(t)) => {
                let (date, time) = (row.cells.cell(d), row.cells.cell(t));
                combine_date_time(date, time, self.date_order).or_else(|combined| {
                    // One of the two cells may hold the whole timestamp.
                    let full = |cell: &str| {
                        parse_datetime(cell, self.date_order)
                            .ok()
                            .filter(|(_, date_only)| !date_only)
                    };
                    if let Some(when) = full(time).or_else(|| full(date)) {
                        return Ok(when);
                    }
                    match parse_datetime(date, self.date_order) {
                        Err(e) => Err(self.error(row, d, e)),
                        Ok(_) => Err(self.error(row, t, combined)),
                    }
                })
            }
            (Some(c), None) | (None, Some(c)) => {
                parse_datetime(row.cells.cell(c), self.date_order).map_err(|e| self.error(row, c, e))
            }
            (None, None) => Err(RowError::new(row.line, 1, "", "", "a date column in the mapping")),
        }
    }

    /// The signed amount, by the file's sign convention.
    fn amount<C: Cells + ?Sized>(&self, row: &Row<'_, C>) -> Result<Decimal, RowError> {
        match self.sign {
            SignConvention::Signed => match self.money(row, Field::Amount)? {
                Some(amount) => Ok(amount),
                // A charge that never reached the shop's balance (failed, not captured) may leave the amount paid
                // out blank: the customer's stands in (`import::refunds` gives it their currency).
                None => self
                    .money(row, Field::CustomerAmount)?
                    .map_or_else(|| self.required_money(row, Field::Amount), Ok),
            },
            SignConvention::DirectionColumn => {
                let amount = self.required_money(row, Field::Amount)?;
                let Some(col) = self.map.get(Field::Direction) else {
                    return Ok(amount);
                };
                let cell = row.cells.cell(col);
                if cell.trim().is_empty() {
                    return Ok(amount);
                }
                match parse_direction(cell) {
                    Some(Direction::In) => Ok(amount.abs()),
                    Some(Direction::Out) => Ok(-amount.abs()),
                    Some(Direction::Neutral) => Ok(amount),
                    None => Err(self.error(
                        row,
                        col,
                        FieldError::new("收/支, 收入/支出, Credit/Debit or In/Out", cell),
                    )),
                }
            }
            SignConvention::SplitColumns => {
                let credit = self.money(row, Field::Credit)?;
                let debit = self.money(row, Field::Debit)?;
                match (credit, debit) {
                    (None, None) => {
                        let col = self.map.get(Field::Credit).or(self.map.get(Field::Debit)).unwrap_or(0);
                        let expected = "an amount in the money-in or the money-out column";
                        Err(self.error(row, col, FieldError::new(expected, row.cells.cell(col))))
                    }
                    (c, d) => Ok(c.unwrap_or_default().abs() - d.unwrap_or_default().abs()),
                }
            }
        }
    }

    /// An opening or closing balance written as a row (Bank of America's "Beginning balance as of 11/01/2026": no
    /// amount, only the balance): read as a neutral row of no amount — not a bad row — so the balance check
    /// starts from it and matching leaves it out.
    fn is_balance_row<C: Cells + ?Sized>(&self, row: &Row<'_, C>, description: Option<&str>) -> bool {
        let blank = |field: Field| self.map.get(field).is_none_or(|col| is_blank(row.cells.cell(col)));
        let names_balance = |text: &str| {
            let text = text.to_lowercase();
            ["balance", "saldo", "solde", "kontostand", "余额", "餘額"]
                .iter()
                .any(|w| text.contains(w))
        };
        [Field::Amount, Field::Credit, Field::Debit].into_iter().all(blank)
            && !blank(Field::Balance)
            && description.is_some_and(names_balance)
    }

    /// The 收/支 cell's direction, where the file has one (a neutral row moved money between own accounts).
    fn direction<C: Cells + ?Sized>(&self, row: &Row<'_, C>) -> Option<Direction> {
        if self.sign != SignConvention::DirectionColumn {
            return None;
        }
        self.cell(row, Field::Direction).and_then(parse_direction)
    }

    fn required_money<C: Cells + ?Sized>(&self, row: &Row<'_, C>, field: Field) -> Result<Decimal, RowError> {
        let col = self.map.get(field).unwrap_or(0);
        self.money(row, field)?.ok_or_else(|| {
            self.error(
                row,
                col,
                FieldError::new("an amount such as 1234.50", row.cells.cell(col)),
            )
        })
    }

    pub(super) fn money<C: Cells + ?Sized>(&self, row: &Row<'_, C>, field: Field) -> Result<Option<Decimal>, RowError> {
        let Some(col) = self.map.get(field) else {
            return Ok(None);
        };
        parse_amount(row.cells.cell(col), self.decimal).map_err(|e| self.error(row, col, e))
    }

    /// The raw cell of a field, None when unmapped or blank.
    fn cell<'r, C: Cells + ?Sized>(&self, row: &Row<'r, C>, field: Field) -> Option<&'r str> {
        let cell = row.cells.cell(self.map.get(field)?);
        if is_blank(cell) { None } else { Some(cell) }
    }

    /// An identifier (reference, terminal, merchant …): cleaned, trimmed.
    fn text<C: Cells + ?Sized>(&self, row: &Row<'_, C>, field: Field) -> Option<TxnText> {
        let cleaned = clean_cell(self.cell(row, field)?);
        let t = trimmed(&cleaned);
        if t.is_empty() { None } else { Some(t.into()) }
    }

    /// Free text: cleaned, and any card number in it masked.
    fn free_text<C: Cells + ?Sized>(&self, row: &Row<'_, C>, field: Field) -> Option<TxnText> {
        let cleaned = clean_cell(self.cell(row, field)?);
        let t = trimmed(&cleaned);
        if t.is_empty() {
            None
        } else {
            Some(mask_card_numbers(t).into())
        }
    }

    pub(super) fn error<C: Cells + ?Sized>(&self, row: &Row<'_, C>, col: usize, e: FieldError) -> RowError {
        let header = self.header.get(col).map_or("", String::as_str);
        RowError::new(row.line, sheet_u32(col + 1), header, &e.found, e.expected)
    }
}

/// The fee a row charges, positive, or gives back, negative (a fee returned with a refund). A net amount says
/// how the file writes fees (`amount` and `net` as written, before a refund's sign is set): amount − fee = net
/// as charged, amount + fee = net as their effect on the payout (Square's `-$0.30`). Without one, a negative
/// fee on a refund is one given back (WeChat Pay's `-0.16800`); any other fee is charged.
fn charged_fee(kind: TxnKind, (amount, net): (Decimal, Option<Decimal>), written: Decimal) -> Decimal {
    match net {
        Some(net) if amount - written == net => written,
        Some(net) if amount + written == net => -written,
        _ if kind == TxnKind::Refund && written < Decimal::ZERO => written,
        _ => written.abs(),
    }
}
