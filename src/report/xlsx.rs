//! The Excel workbook a shop owner hands to the acquirer: sheets Summary, Findings (most serious first),
//! Batches, Terminal and Bank, in English or Chinese. Every table has a frozen header row, an autofilter, set
//! column widths, currency formats on amounts and a row colour by status (or by severity on Findings).
//!
//! Amounts are written as numbers (Excel stores doubles; the exact text is in the JSON and CSV exports). Text
//! cells are neutralised against formula injection.

use std::collections::HashMap;
use std::path::Path;

use chrono::{Datelike, NaiveDateTime, Timelike};
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Color, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use super::findings::findings;
use super::labels::{self, Sheet, SummaryLabel};
use super::safe_text::neutralise;
use super::table::{Cell, Column, FINDING_SHEET_COLUMNS, RowView, display_cells, side_columns};
use super::{ExportError, Lang, Reconciliation};
use crate::engine::{Batch, Severity, Status};
use crate::model::{Currency, Money, Side};

/// Height of one line of text in a row, in points (Excel's default row height).
const LINE_HEIGHT: f64 = 15.0;

/// Background colours (RGB) of a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Fill {
    None,
    Green,
    Yellow,
    Blue,
    Red,
    Orange,
    Grey,
}

impl Fill {
    fn of_status(status: Status) -> Fill {
        match status {
            Status::Matched => Fill::Green,
            Status::MatchedWithDifference => Fill::Yellow,
            Status::InBatch => Fill::Blue,
            Status::Missing => Fill::Red,
            Status::Duplicate => Fill::Orange,
            Status::Unrelated => Fill::Grey,
        }
    }

    fn of_severity(severity: Severity) -> Fill {
        match severity {
            Severity::High => Fill::Red,
            Severity::Medium => Fill::Yellow,
            Severity::Low => Fill::Blue,
        }
    }

    fn rgb(self) -> Option<u32> {
        match self {
            Fill::None => None,
            Fill::Green => Some(0xE2EFDA),
            Fill::Yellow => Some(0xFFF2CC),
            Fill::Blue => Some(0xDDEBF7),
            Fill::Red => Some(0xFFC7CE),
            Fill::Orange => Some(0xF8CBAD),
            Fill::Grey => Some(0xEDEDED),
        }
    }
}

/// How a cell's value is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Shape {
    Header,
    Text,
    /// Text wrapped inside its column (long reasons).
    Wrapped,
    Int,
    Money(Currency),
    Percent,
    DateTime,
    Date,
}

/// Formats are built once per (shape, fill) and reused.
#[derive(Default)]
struct Styles {
    formats: HashMap<(Shape, Fill), Format>,
}

impl Styles {
    fn get(&mut self, shape: Shape, fill: Fill) -> &Format {
        self.formats.entry((shape, fill)).or_insert_with(|| {
            let mut f = Format::new();
            f = match shape {
                Shape::Header => f
                    .set_bold()
                    .set_border_bottom(FormatBorder::Thin)
                    .set_background_color(0xD9D9D9),
                Shape::Text => f,
                Shape::Wrapped => f.set_text_wrap(),
                Shape::Int => f.set_num_format("0"),
                Shape::Money(currency) => f.set_num_format(money_format(currency)),
                Shape::Percent => f.set_num_format("0.00%"),
                Shape::DateTime => f.set_num_format("yyyy-mm-dd hh:mm:ss"),
                Shape::Date => f.set_num_format("yyyy-mm-dd"),
            };
            if let Some(rgb) = fill.rgb() {
                f = f.set_background_color(Color::RGB(rgb));
            }
            // Single-line cells sit beside the first line of a wrapped reason.
            f.set_align(FormatAlign::Top)
        })
    }
}

/// `"¥"#,##0.00;[Red]-"¥"#,##0.00` and the like: the sign of the currency, negatives in red.
fn money_format(currency: Currency) -> String {
    let sign = match currency {
        Currency::CNY => "¥",
        Currency::USD => "$",
        Currency::EUR => "€",
        _ => "",
    };
    if sign.is_empty() {
        let code = currency.as_str();
        format!("#,##0.00 \"{code}\";[Red]-#,##0.00 \"{code}\"")
    } else {
        format!("\"{sign}\"#,##0.00;[Red]-\"{sign}\"#,##0.00")
    }
}

fn excel_time(at: NaiveDateTime) -> Result<ExcelDateTime, XlsxError> {
    let (year, month, day) = (u16::try_from(at.year()).unwrap_or(0), at.month() as u8, at.day() as u8);
    ExcelDateTime::from_ymd(year, month, day)?.and_hms(at.hour() as u16, at.minute() as u8, at.second())
}

fn decimal_to_f64(d: rust_decimal::Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// Writes cells of one worksheet with the shared formats.
struct SheetWriter<'w> {
    sheet: &'w mut Worksheet,
    styles: &'w mut Styles,
    /// Total width of the header's columns, in characters.
    width: f64,
    /// Columns whose text wraps.
    wrapped: Vec<u16>,
}

impl SheetWriter<'_> {
    fn header(&mut self, headers: &[(&str, f64)]) -> Result<(), XlsxError> {
        self.width = headers.iter().map(|h| h.1).sum();
        for (col, (text, width)) in headers.iter().enumerate() {
            let col = col as u16;
            let format = self.styles.get(Shape::Header, Fill::None);
            self.sheet.write_string_with_format(0, col, *text, format)?;
            self.sheet.set_column_width(col, *width)?;
        }
        Ok(())
    }

    /// Printing: A4 landscape, the header row repeated on every page; sheets up to `FIT_WIDTH` characters wide
    /// are scaled to one page wide (wider ones would shrink past reading and flow onto more pages instead).
    fn print_setup(&mut self, width: f64) -> Result<(), XlsxError> {
        const A4: u8 = 9;
        const FIT_WIDTH: f64 = 220.0;
        self.sheet.set_paper_size(A4).set_landscape();
        if width <= FIT_WIDTH {
            self.sheet.set_print_fit_to_pages(1, 0);
        }
        self.sheet.set_repeat_rows(0, 0)?;
        self.sheet.set_freeze_panes(1, 0)?;
        Ok(())
    }

    /// Frozen header row and an autofilter over `rows` data rows; print setup.
    fn finish_table(&mut self, rows: u32, columns: usize) -> Result<(), XlsxError> {
        self.print_setup(self.width)?;
        if columns > 0 {
            self.sheet.autofilter(0, 0, rows, (columns - 1) as u16)?;
        }
        Ok(())
    }

    fn put(&mut self, row: u32, col: u16, cell: &Cell<'_>, fill: Fill) -> Result<(), XlsxError> {
        match cell {
            Cell::Empty => {
                if fill != Fill::None {
                    let format = self.styles.get(Shape::Text, fill);
                    self.sheet.write_blank(row, col, format)?;
                }
            }
            Cell::Text(text) => {
                let shape = if self.wrapped.contains(&col) {
                    Shape::Wrapped
                } else {
                    Shape::Text
                };
                let format = self.styles.get(shape, fill);
                self.sheet
                    .write_string_with_format(row, col, neutralise(text), format)?;
            }
            Cell::Int(n) => {
                let format = self.styles.get(Shape::Int, fill);
                self.sheet.write_number_with_format(row, col, *n as f64, format)?;
            }
            Cell::Money(amount, currency) => {
                let format = self.styles.get(Shape::Money(*currency), fill);
                self.sheet
                    .write_number_with_format(row, col, decimal_to_f64(amount.0), format)?;
            }
            Cell::Rate(rate) => {
                let format = self.styles.get(Shape::Percent, fill);
                self.sheet
                    .write_number_with_format(row, col, decimal_to_f64(*rate), format)?;
            }
            Cell::Time { at, date_only } => match excel_time(*at) {
                Ok(when) => {
                    let format = self
                        .styles
                        .get(if *date_only { Shape::Date } else { Shape::DateTime }, fill);
                    self.sheet.write_datetime_with_format(row, col, &when, format)?;
                }
                // A year Excel cannot show (before 1900): write the text instead.
                Err(_) => self.put(row, col, &Cell::Text(cell.plain().into_owned().into()), fill)?,
            },
            Cell::Bool(b) => {
                let format = self.styles.get(Shape::Text, fill);
                self.sheet
                    .write_string_with_format(row, col, if *b { "✓" } else { "" }, format)?;
            }
        }
        Ok(())
    }

    fn table(&mut self, columns: &[Column], lang: Lang, rows: &[(RowView<'_>, Fill)]) -> Result<(), XlsxError> {
        let headers: Vec<_> = columns.iter().map(|c| (c.header(lang), c.width())).collect();
        self.header(&headers)?;
        self.wrapped = columns
            .iter()
            .enumerate()
            .filter(|(_, c)| **c == Column::Reason)
            .map(|(i, _)| i as u16)
            .collect();
        for (i, (view, fill)) in rows.iter().enumerate() {
            let r = i as u32 + 1;
            let mut lines = 1;
            for (c, &column) in columns.iter().enumerate() {
                let cell = view.cell(column, lang);
                if let (Column::Reason, Cell::Text(text)) = (column, &cell) {
                    lines = display_cells(text).div_ceil(column.width() as usize).max(1);
                }
                self.put(r, c as u16, &cell, *fill)?;
            }
            // Spreadsheets do not grow a row for wrapped text written by a program: give it the lines it needs.
            if lines > 1 {
                self.sheet.set_row_height(r, LINE_HEIGHT * lines as f64)?;
            }
        }
        self.finish_table(rows.len() as u32, columns.len())
    }
}

/// The currency most rows are in (for totals); CNY when there are no rows.
fn main_currency(rec: &Reconciliation<'_>) -> Currency {
    rec.terminal
        .first()
        .or(rec.bank.first())
        .map_or(Currency::CNY, |t| t.currency)
}

fn write_summary(w: &mut SheetWriter<'_>, rec: &Reconciliation<'_>, lang: Lang) -> Result<(), XlsxError> {
    let s = &rec.report.summary;
    w.header(&[
        (Sheet::Summary.name(lang), 34.0),
        (SummaryLabel::Count.text(lang), 18.0),
        ("", 24.0),
    ])?;
    let counts = [
        (SummaryLabel::TerminalRows, s.terminal_rows, Fill::None),
        (SummaryLabel::BankRows, s.bank_rows, Fill::None),
        (SummaryLabel::Matched, s.matched, Fill::Green),
        (
            SummaryLabel::MatchedWithDifference,
            s.matched_with_difference,
            Fill::Yellow,
        ),
        (SummaryLabel::InBatch, s.in_batch, Fill::Blue),
        (SummaryLabel::MissingInBank, s.missing_in_bank, Fill::Red),
        (SummaryLabel::MissingInTerminal, s.missing_in_terminal, Fill::Red),
        (SummaryLabel::Duplicates, s.duplicates, Fill::Orange),
        (SummaryLabel::Unrelated, s.unrelated, Fill::Grey),
        (SummaryLabel::InterchangeablePairs, s.interchangeable_pairs, Fill::Grey),
    ];
    let mut r = 1;
    for (label, count, fill) in counts {
        w.put(r, 0, &Cell::Text(label.text(lang).into()), fill)?;
        w.put(r, 1, &Cell::Int(count as u64), fill)?;
        r += 1;
    }
    w.put(r, 0, &Cell::Text(SummaryLabel::TotalFees.text(lang).into()), Fill::None)?;
    w.put(r, 1, &Cell::Money(s.total_fees, main_currency(rec)), Fill::None)?;
    r += 1;
    w.put(
        r,
        0,
        &Cell::Text(SummaryLabel::EffectiveFeeRate.text(lang).into()),
        Fill::None,
    )?;
    w.put(r, 1, &s.effective_fee_rate.map_or(Cell::Empty, Cell::Rate), Fill::None)?;
    r += 2;
    w.put(r, 0, &Cell::Text(SummaryLabel::Flags.text(lang).into()), Fill::None)?;
    r += 1;
    for (rule_id, count) in &s.flags {
        let name = crate::engine::RuleId::from_id(rule_id).map_or(rule_id.as_str(), |rule| labels::rule(rule, lang));
        w.put(r, 0, &Cell::Text(name.into()), Fill::None)?;
        w.put(r, 1, &Cell::Int(*count as u64), Fill::None)?;
        w.put(r, 2, &Cell::Text(rule_id.as_str().into()), Fill::None)?;
        r += 1;
    }
    r += 1;
    w.put(r, 0, &Cell::Text(SummaryLabel::Files.text(lang).into()), Fill::None)?;
    r += 1;
    for source in rec.sources {
        w.put(r, 0, &Cell::Text(source.path.as_str().into()), Fill::None)?;
        w.put(r, 1, &Cell::Text(labels::side(source.side, lang).into()), Fill::None)?;
        w.put(r, 2, &Cell::Text(source.format.as_str().into()), Fill::None)?;
        r += 1;
    }
    w.print_setup(w.width)
}

fn write_findings(w: &mut SheetWriter<'_>, rec: &Reconciliation<'_>, lang: Lang) -> Result<(), XlsxError> {
    let rows: Vec<_> = findings(rec)
        .into_iter()
        .map(|f| {
            let fill = f
                .severity()
                .map_or(Fill::of_status(f.outcome.status), Fill::of_severity);
            (f.view(*rec), fill)
        })
        .collect();
    w.table(FINDING_SHEET_COLUMNS, lang, &rows)
}

/// Excel shows at most 1,048,576 rows; one is the header. Longer sides continue on "Terminal (2)" and so on.
const ROWS_PER_SHEET: usize = 1_048_575;

/// The Terminal or Bank sheet(s): every row of the side with its outcome, coloured by status.
fn write_side(
    book: &mut Workbook,
    styles: &mut Styles,
    rec: &Reconciliation<'_>,
    side: Side,
    name: &str,
    lang: Lang,
) -> Result<(), XlsxError> {
    let rows: Vec<_> = rec
        .side_rows(side)
        .map(|(row, txn, outcome)| {
            (
                RowView {
                    rec: *rec,
                    row,
                    txn,
                    outcome,
                    flag: None,
                },
                Fill::of_status(outcome.status),
            )
        })
        .collect();
    let parts = rows.len().div_ceil(ROWS_PER_SHEET).max(1);
    for part in 0..parts {
        let chunk = rows
            .get(part * ROWS_PER_SHEET..rows.len().min((part + 1) * ROWS_PER_SHEET))
            .unwrap_or(&[]);
        let sheet = book.add_worksheet();
        sheet.set_name(if part == 0 {
            name.to_string()
        } else {
            format!("{name} ({})", part + 1)
        })?;
        let mut w = SheetWriter {
            sheet,
            styles,
            width: 0.0,
            wrapped: Vec::new(),
        };
        w.table(side_columns(side), lang, chunk)?;
    }
    Ok(())
}

/// Colour of a batch line: the worst flag on its bank credit, red when no credit was found, else green.
fn batch_fill(rec: &Reconciliation<'_>, batch: &Batch) -> Fill {
    match batch.bank.and_then(|id| rec.report.outcome(id)) {
        None => Fill::Red,
        Some(outcome) => outcome
            .flags
            .iter()
            .map(|f| f.severity)
            .max()
            .map_or(Fill::Green, Fill::of_severity),
    }
}

fn write_batches(w: &mut SheetWriter<'_>, rec: &Reconciliation<'_>, lang: Lang) -> Result<(), XlsxError> {
    let headers = [
        (lang.pick("Batch", "结算批次"), 30.0),
        (Column::MerchantId.header(lang), 18.0),
        (Column::TerminalId.header(lang), 14.0),
        (lang.pick("First day", "起始日"), 12.0),
        (lang.pick("Last day", "结束日"), 12.0),
        (lang.pick("Bank credit", "银行入账"), 28.0),
        (lang.pick("Terminal rows", "终端笔数"), 10.0),
        (lang.pick("Gross", "交易总额"), 14.0),
        (Column::Fee.header(lang), 12.0),
        (lang.pick("Expected net", "应结金额"), 14.0),
        (lang.pick("Paid", "实收金额"), 14.0),
        (lang.pick("Difference", "差额"), 12.0),
        (lang.pick("Effective fee rate", "实际费率"), 10.0),
        (lang.pick("Tied by", "对应依据"), 48.0),
    ];
    w.header(&headers)?;
    let currency = main_currency(rec);
    let money = |m: Money| Cell::Money(m, currency);
    let day = |d: chrono::NaiveDate| Cell::Time {
        at: d.and_time(chrono::NaiveTime::MIN),
        date_only: true,
    };
    for (i, batch) in rec.report.batches.iter().enumerate() {
        let fill = batch_fill(rec, batch);
        let bank = batch
            .bank
            .map(|id| rec.place(id))
            .map(|p| format!("{}:{}", p.file, p.line));
        let (tied_en, tied_zh) = crate::engine::wording::tied_by(&batch.tied_by);
        let cells = [
            Cell::Text(batch.id.as_str().into()),
            batch
                .merchant_id
                .as_deref()
                .map_or(Cell::Empty, |t| Cell::Text(t.into())),
            batch
                .terminal_id
                .as_deref()
                .map_or(Cell::Empty, |t| Cell::Text(t.into())),
            day(batch.first_day),
            day(batch.last_day),
            bank.map_or(Cell::Empty, |t| Cell::Text(t.into())),
            Cell::Int(batch.terminal_rows.len() as u64),
            money(batch.gross),
            money(batch.fees),
            money(batch.expected_net),
            money(batch.actual),
            money(batch.difference),
            batch.effective_fee_rate.map_or(Cell::Empty, Cell::Rate),
            Cell::Text(lang.pick(&tied_en, &tied_zh).into()),
        ];
        for (c, cell) in cells.iter().enumerate() {
            w.put(i as u32 + 1, c as u16, cell, fill)?;
        }
    }
    w.finish_table(rec.report.batches.len() as u32, headers.len())
}

/// Builds the workbook in memory.
pub fn workbook(rec: &Reconciliation<'_>, lang: Lang) -> Result<Workbook, XlsxError> {
    let mut book = Workbook::new();
    let mut styles = Styles::default();
    for sheet in Sheet::ALL {
        let name = sheet.name(lang);
        let side = match sheet {
            Sheet::Terminal => Side::Terminal,
            Sheet::Bank => Side::Bank,
            Sheet::Summary | Sheet::Findings | Sheet::Batches => {
                let ws = book.add_worksheet();
                ws.set_name(name)?;
                let mut w = SheetWriter {
                    sheet: ws,
                    styles: &mut styles,
                    width: 0.0,
                    wrapped: Vec::new(),
                };
                match sheet {
                    Sheet::Summary => write_summary(&mut w, rec, lang)?,
                    Sheet::Findings => write_findings(&mut w, rec, lang)?,
                    _ => write_batches(&mut w, rec, lang)?,
                }
                continue;
            }
        };
        write_side(&mut book, &mut styles, rec, side, name, lang)?;
    }
    Ok(book)
}

/// Writes the workbook to a file.
pub fn save_workbook(rec: &Reconciliation<'_>, lang: Lang, path: &Path) -> Result<(), ExportError> {
    let wrap = |source| ExportError::Xlsx {
        path: path.to_owned(),
        source,
    };
    let mut book = workbook(rec, lang).map_err(wrap)?;
    super::atomic::replace(path, |partial| book.save(partial).map_err(wrap))
}
