//! The rows of a file below its header, whatever the file was (CSV, sheet, HTML table): cell text in one flat
//! buffer (a 1M-row file must not cost one allocation per cell), the physical line or Excel row of each row,
//! and what was left out on the way — blank rows, total/summary lines (reported), rows whose shape is wrong
//! (reported as bad rows: an extra column, a row written with another delimiter).

use super::error::{MAX_ROW_ERRORS, RowError};
use super::sniff::{is_summary_cell, is_table_end};

/// A line that was skipped and is reported: a total line, a trailer, a preamble line.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct SkippedLine {
    pub line: u32,
    pub text: String,
}

/// Cells of one row, as a reader hands them over.
pub trait Cells {
    fn count(&self) -> usize;
    fn cell(&self, i: usize) -> &str;
}

impl Cells for csv::StringRecord {
    fn count(&self) -> usize {
        self.len()
    }
    fn cell(&self, i: usize) -> &str {
        self.get(i).unwrap_or("")
    }
}

/// The fields of a csv record split out of text that was valid UTF-8 (the csv crate splits at ASCII bytes only,
/// so the record's bytes are too): checked once per record, not once per cell. A record that were not valid
/// would read as empty cells.
pub struct Utf8Fields<'r> {
    text: &'r str,
    record: &'r csv::ByteRecord,
}

impl<'r> Utf8Fields<'r> {
    pub fn new(record: &'r csv::ByteRecord) -> Self {
        Utf8Fields {
            text: std::str::from_utf8(record.as_slice()).unwrap_or_default(),
            record,
        }
    }
}

impl Cells for Utf8Fields<'_> {
    fn count(&self) -> usize {
        self.record.len()
    }
    fn cell(&self, i: usize) -> &str {
        self.record.range(i).and_then(|r| self.text.get(r)).unwrap_or("")
    }
}

/// True for a cell with nothing but white space in it (the common non-blank cell is told at its first byte).
pub fn is_blank(cell: &str) -> bool {
    match cell.as_bytes().first() {
        None => true,
        Some(b) if b.is_ascii_graphic() => false,
        // A cell starting with a character that is not white space (消费, 成功) is not blank: told from its first
        // character, without trimming the whole cell.
        Some(_) if cell.chars().next().is_some_and(|c| !c.is_whitespace()) => false,
        Some(_) => cell.trim().is_empty(),
    }
}

impl<S: AsRef<str>> Cells for [S] {
    fn count(&self) -> usize {
        self.len()
    }
    fn cell(&self, i: usize) -> &str {
        self.get(i).map_or("", AsRef::as_ref)
    }
}

/// Where a reader puts the rows it reads: a [`Table`], or something that turns them into transactions at once
/// (`rows::Streamed`).
pub trait RowSink {
    /// Takes one row read from the file, found on physical line `line`.
    fn take<C: Cells + ?Sized>(&mut self, line: u32, row: &C);
    /// Data rows taken so far (for progress reports).
    fn rows(&self) -> usize;
    /// True when no more rows are wanted.
    fn done(&self) -> bool {
        false
    }
}

impl RowSink for Table {
    fn take<C: Cells + ?Sized>(&mut self, line: u32, row: &C) {
        self.push(line, row);
    }
    fn rows(&self) -> usize {
        self.len()
    }
}

/// One data row of a [`Table`].
pub struct TableRow<'t> {
    table: &'t Table,
    r: usize,
}

impl Cells for TableRow<'_> {
    fn count(&self) -> usize {
        self.table.width()
    }
    fn cell(&self, i: usize) -> &str {
        self.table.cell(self.r, i)
    }
}

/// Data rows under a header.
#[derive(Clone, Debug, Default)]
pub struct Table {
    pub header: Vec<String>,
    /// Physical line (or Excel row) of the header.
    pub header_line: u32,
    /// Lines after the header that were totals or trailers.
    pub summary: Vec<SkippedLine>,
    /// Rows refused for their shape (first [`MAX_ROW_ERRORS`]).
    pub errors: Vec<RowError>,
    pub error_count: usize,
    text: String,
    /// End offset in `text` of every cell; row `r` owns `ends[r * width .. (r + 1) * width]`.
    ends: Vec<u32>,
    lines: Vec<u32>,
    /// The delimiter, for advice on rows that seem to use another one.
    delimiter: Option<u8>,
    /// Rows with at most one value, held back until it is clear whether data follows (then they are bad rows)
    /// or not (then they are a trailer).
    pending: Vec<SkippedLine>,
    /// A line that ends the table (a `----` rule, a totals header such as WeChat Pay's `总交易单数,…`) came after
    /// data: narrow lines from here on (the totals' figures, `已收入:2笔,1252.50元`) are trailer, not bad rows.
    ended: bool,
    /// Data rows admitted (see [`Table::data_rows`]).
    data_rows: usize,
}

impl Table {
    /// An empty table under `header` found on `header_line`.
    pub fn new(header: Vec<String>, header_line: u32, delimiter: Option<u8>) -> Table {
        Table {
            header,
            header_line,
            delimiter,
            ..Table::default()
        }
    }

    /// Makes room for about `rows` rows holding `bytes` bytes of cell text.
    pub fn reserve(&mut self, rows: usize, bytes: usize) {
        self.text.reserve(bytes);
        self.ends.reserve(rows.saturating_mul(self.width()));
        self.lines.reserve(rows);
    }

    /// Bytes of cell text held.
    pub fn text_len(&self) -> usize {
        self.text.len()
    }

    /// Number of columns (the header's).
    pub fn width(&self) -> usize {
        self.header.len()
    }

    /// Number of data rows.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The line (or Excel row) of data row `r`.
    pub fn line(&self, r: usize) -> u32 {
        self.lines.get(r).copied().unwrap_or_default()
    }

    /// The text of cell `c` of data row `r` ("" outside the table).
    pub fn cell(&self, r: usize, c: usize) -> &str {
        let width = self.width();
        if c >= width {
            return "";
        }
        let i = r * width + c;
        let start = if i == 0 {
            0
        } else {
            self.ends.get(i - 1).copied().unwrap_or_default() as usize
        };
        let end = self.ends.get(i).copied().unwrap_or_default() as usize;
        self.text.get(start..end).unwrap_or("")
    }

    /// Data row `r` as [`Cells`].
    pub fn row(&self, r: usize) -> TableRow<'_> {
        TableRow { table: self, r }
    }

    /// Adds one row read from the file: blank rows are dropped, total lines are set aside, rows of the wrong
    /// shape become bad rows, short rows are padded with empty cells.
    pub fn push<C: Cells + ?Sized>(&mut self, line: u32, row: &C) {
        if !self.admit(line, row) {
            return;
        }
        for i in 0..self.width() {
            self.text.push_str(row.cell(i));
            self.ends.push(to_u32(self.text.len()));
        }
        self.lines.push(line);
    }

    /// Decides what a row read from the file is, like [`Table::push`], without keeping its cells: true for a
    /// data row (which the caller reads itself — the streaming CSV import turns it into a transaction at once);
    /// blank rows, total lines, held-back and bad rows are dealt with here and give false.
    pub fn admit<C: Cells + ?Sized>(&mut self, line: u32, row: &C) -> bool {
        let n = row.count();
        let mut values = 0usize;
        let mut first = None;
        for i in 0..n {
            if !is_blank(row.cell(i)) {
                values += 1;
                first = first.or(Some(i));
            }
        }
        let Some(first) = first else { return false };
        // A first value starting with a digit (a date, a merchant number) is never a total: told at its first byte.
        let digit = row.cell(first).as_bytes().first().is_some_and(u8::is_ascii_digit);
        if first <= 2 && !digit && is_summary_cell(row.cell(first)) {
            self.ended |= self.data_rows > 0 && is_table_end(row.cell(first));
            self.summary.push(SkippedLine {
                line,
                text: joined(row),
            });
            return false;
        }
        let width = self.width();
        if self.ended && values * 2 < width {
            self.summary.push(SkippedLine {
                line,
                text: joined(row),
            });
            return false;
        }
        if values <= 1 && width >= 3 {
            self.pending.push(SkippedLine {
                line,
                text: joined(row),
            });
            return false;
        }
        self.flush_pending_as_errors();
        if let Some(extra) = (width..n).find(|&i| !is_blank(row.cell(i))) {
            let expected = format!(
                "at most {width} columns, as many as the header on line {} has — this row has {n}",
                self.header_line
            );
            self.error(RowError::new(line, to_u32(extra + 1), "", row.cell(extra), expected));
            return false;
        }
        self.data_rows += 1;
        true
    }

    /// Data rows admitted so far, whether kept here ([`Table::push`]) or read by the caller ([`Table::admit`]).
    pub fn data_rows(&self) -> usize {
        self.data_rows
    }

    /// Appends the rows of the next part of the same file (read on another thread). Rows held back at the end
    /// of this part are bad rows if the next part has data, else they stay held back.
    pub fn append(&mut self, next: Table) {
        if next.data_rows > 0 {
            self.flush_pending_as_errors();
        }
        self.data_rows += next.data_rows;
        let shift = to_u32(self.text.len());
        self.text.push_str(&next.text);
        self.ends.extend(next.ends.iter().map(|e| e.saturating_add(shift)));
        self.lines.extend(next.lines);
        self.summary.extend(next.summary);
        self.pending.extend(next.pending);
        self.ended |= next.ended;
        self.error_count += next.error_count;
        for error in next.errors {
            if self.errors.len() < MAX_ROW_ERRORS {
                self.errors.push(error);
            }
        }
    }

    /// Ends the table: rows held back at the end are a trailer, unless they look like rows written with another
    /// delimiter.
    pub fn finish(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        for row in pending {
            if self.other_delimiter(&row.text).is_some() {
                self.pending.push(row);
            } else {
                self.summary.push(row);
            }
        }
        self.flush_pending_as_errors();
    }

    /// Adds a bad row found outside (e.g. by the reader), keeping the first [`MAX_ROW_ERRORS`].
    pub fn error(&mut self, error: RowError) {
        self.error_count += 1;
        if self.errors.len() < MAX_ROW_ERRORS {
            self.errors.push(error);
        }
    }

    fn flush_pending_as_errors(&mut self) {
        for row in std::mem::take(&mut self.pending) {
            let width = self.width();
            let expected = match (self.other_delimiter(&row.text), self.delimiter) {
                (Some(other), Some(own)) => format!(
                    "{width} columns separated by {:?} like the header — this row seems to use {:?}",
                    char::from(own),
                    char::from(other)
                ),
                _ => format!("{width} columns like the header on line {}", self.header_line),
            };
            let first_value = row.text.trim_start_matches(self.delimiter.map_or(',', char::from));
            self.error(RowError::new(
                row.line,
                1,
                self.header.first().map_or("", String::as_str),
                first_value,
                expected,
            ));
        }
    }

    /// Another delimiter that splits this text into at least half as many cells as the header has.
    fn other_delimiter(&self, text: &str) -> Option<u8> {
        let want = (self.width() / 2).max(2);
        [b',', b';', b'\t', b'|']
            .into_iter()
            .filter(|d| Some(*d) != self.delimiter)
            .find(|d| text.split(char::from(*d)).count() >= want)
    }
}

fn joined<C: Cells + ?Sized>(row: &C) -> String {
    let mut text = String::new();
    for i in 0..row.count() {
        if i > 0 {
            text.push(',');
        }
        text.push_str(row.cell(i));
    }
    text.trim_end_matches(',').to_owned()
}

fn to_u32(n: usize) -> u32 {
    super::sniff::to_u32(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header() -> Vec<String> {
        ["交易日期", "交易金额", "卡号", "摘要"].map(String::from).to_vec()
    }

    #[test]
    fn rows_totals_and_trailers_are_told_apart() {
        let mut t = Table::new(header(), 3, Some(b','));
        t.push(4, &["2026-11-24", "12.00", "", "x"][..]);
        t.push(5, &["", "", "", ""][..]);
        t.push(6, &["2026-11-24", "13.00"][..]);
        t.push(7, &["合计", "25.00", "", ""][..]);
        t.push(8, &["导出时间：2026-11-25"][..]);
        t.finish();
        assert_eq!(t.len(), 2);
        assert_eq!((t.line(1), t.cell(1, 1), t.cell(1, 3)), (6, "13.00", ""));
        assert_eq!(t.summary.iter().map(|s| s.line).collect::<Vec<_>>(), vec![7, 8]);
        assert_eq!(t.error_count, 0);
    }

    #[test]
    fn lines_after_a_rule_or_a_totals_header_are_trailer() {
        let wide: Vec<String> = ["交易时间", "商户号", "交易状态", "应结订单金额", "退款金额", "手续费"]
            .map(String::from)
            .to_vec();
        let mut t = Table::new(wide, 1, Some(b','));
        t.push(
            2,
            &[
                "`2026-11-24 10:00:00",
                "`1900000001",
                "`SUCCESS",
                "`12.00",
                "`0.00",
                "`0.07",
            ][..],
        );
        t.push(3, &["总交易单数", "应结订单总金额"][..]);
        t.push(4, &["`1", "`12.00"][..]);
        t.finish();
        assert_eq!((t.len(), t.error_count), (1, 0));
        assert_eq!(t.summary.iter().map(|s| s.line).collect::<Vec<_>>(), vec![3, 4]);

        // A rule under the header (before any data) does not end the table; a full-width row after a rule is data.
        let mut t = Table::new(header(), 1, Some(b','));
        t.push(2, &["----------", "----", "", ""][..]);
        t.push(3, &["2026-11-24", "12.00", "", "x"][..]);
        t.push(4, &["------------------"][..]);
        t.push(5, &["已收入:1笔,12.00元"][..]);
        t.push(6, &["2026-11-25", "13.00", "", "y"][..]);
        t.finish();
        assert_eq!((t.len(), t.line(1), t.error_count), (2, 6, 0));
        assert_eq!(t.summary.iter().map(|s| s.line).collect::<Vec<_>>(), vec![2, 4, 5]);
    }

    #[test]
    fn an_extra_column_and_another_delimiter_are_bad_rows() {
        let mut t = Table::new(header(), 1, Some(b','));
        t.push(2, &["2026-11-24", "12.00", "", "x", "surplus"][..]);
        t.push(3, &["2026-11-24;12.00;;y"][..]);
        t.push(4, &["2026-11-24", "12.00", "", "z"][..]);
        t.finish();
        assert_eq!(t.len(), 1);
        assert_eq!(t.error_count, 2);
        assert_eq!(
            (t.errors[0].line, t.errors[0].column, t.errors[0].text.as_str()),
            (2, 5, "surplus")
        );
        assert_eq!((t.errors[1].line, t.errors[1].column), (3, 1));
        assert!(t.errors[1].expected.contains("';'"), "{}", t.errors[1].expected);
    }
}
