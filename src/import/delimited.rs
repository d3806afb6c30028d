//! Delimited text tables (CSV, TSV, `;`- or `|`-separated): finding the delimiter and the header row under a
//! preamble, then reading the rows with the csv crate into a [`Table`], keeping each row's physical line (the
//! line where it starts, when a quoted field spans lines). Lines are capped at [`MAX_LINE_BYTES`]: a 20 MB line
//! is an error, not a hang.

use csv::ReaderBuilder;

use super::error::{ImportError, Location};
use super::mapping::{Field, Profile};
use super::parse::DateEvidence;
use super::rows::{Head, RowReader, Streamed, TxnOut, decide_date_order, decide_decimal_style};
use super::sniff::Decoded;
use super::sniff::{HEADER_SEARCH_ROWS, MAX_LINE_BYTES, fields_named, header_score_for, headerless_hint, to_u32};
use super::table::{Cells, RowSink, SkippedLine, Table, Utf8Fields};
use super::{Found, ImportOptions, Imported, Plan, Progress, ProgressFn, Read};
use crate::model::Txn;

pub mod headerless;
mod in_place;
mod unquoted;

/// Where the table starts in a text file.
#[derive(Clone, Debug)]
pub struct TextLayout {
    pub delimiter: u8,
    /// Physical line of the header.
    pub header_line: u32,
    /// Byte offset of the header in the text.
    pub header_offset: usize,
    pub header: Vec<String>,
    /// Non-blank lines above the header.
    pub preamble: Vec<SkippedLine>,
    /// The file has no header row: `header` names the columns from what they hold ([`headerless`]), and the
    /// record at `header_offset` is the first data row.
    pub headerless: bool,
}

/// Delimiters tried, most common first.
const DELIMITERS: [u8; 4] = [b',', b'\t', b';', b'|'];
/// How much of the top of the file is looked at to find the header.
const SAMPLE_BYTES: usize = 256 * 1024;

/// A row near the top of the file, split with one candidate delimiter.
struct Candidate {
    line: u32,
    offset: usize,
    cells: Vec<String>,
    score: usize,
}

/// Finds the delimiter and the header row: for each delimiter, the rows at the top are scored against the
/// header dictionary; the best-scoring row wins (the earliest on a tie). A profile's delimiter or header line
/// is taken as given.
pub fn find_layout(file: &str, text: &str, profile: &Profile) -> Result<TextLayout, ImportError> {
    let first_break = text
        .as_bytes()
        .iter()
        .take(MAX_LINE_BYTES + 1)
        .position(|b| *b == b'\n');
    if first_break.is_none() && text.len() > MAX_LINE_BYTES {
        return Err(line_too_long(file, 1, text));
    }
    let sample = sample_of(text);
    let delimiters: Vec<u8> = match profile.delimiter {
        Some(d) => vec![u8::try_from(u32::from(d)).unwrap_or(b',')],
        None => DELIMITERS.to_vec(),
    };
    let mut best: Option<(u8, Candidate)> = None;
    let mut closest: Option<Candidate> = None;
    for &delimiter in &delimiters {
        for candidate in candidates(sample, delimiter, profile) {
            let wanted = profile.header_line.is_none_or(|l| l == candidate.line);
            let named = fields_named(&candidate.cells).len();
            if closest.as_ref().is_none_or(|c| named > fields_named(&c.cells).len()) {
                closest = Some(Candidate {
                    cells: candidate.cells.clone(),
                    ..candidate
                });
            }
            let better = best.as_ref().is_none_or(|(_, b)| candidate.score > b.score);
            if wanted && candidate.score >= 2 && better {
                best = Some((delimiter, candidate));
            }
        }
    }
    let Some((delimiter, header)) = best else {
        return headerless_layout(text, sample, &delimiters, profile)
            .ok_or_else(|| no_header(file, sample, profile, closest));
    };
    let cells = header
        .cells
        .iter()
        .map(|c| c.trim().trim_start_matches('\u{feff}').to_owned())
        .collect();
    let preamble = preamble_above(text, header.offset);
    Ok(TextLayout {
        delimiter,
        header_line: header.line,
        header_offset: header.offset,
        header: cells,
        preamble,
        headerless: false,
    })
}

/// The non-blank lines above byte `offset`.
fn preamble_above(text: &str, offset: usize) -> Vec<SkippedLine> {
    text.get(..offset)
        .unwrap_or_default()
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| SkippedLine {
            line: to_u32(i + 1),
            text: l.trim_end().to_owned(),
        })
        .collect()
}

/// The layout of a file with no header row, its columns named from what they hold ([`headerless`]); None when
/// no delimiter makes its top rows such a table (or a profile names the header line).
fn headerless_layout(text: &str, sample: &str, delimiters: &[u8], profile: &Profile) -> Option<TextLayout> {
    if profile.header_line.is_some() {
        return None;
    }
    delimiters.iter().find_map(|&delimiter| {
        let rows = candidates(sample, delimiter, profile);
        let (header, start) = headerless::named_columns(&rows)?;
        let first = rows.get(start)?;
        Some(TextLayout {
            delimiter,
            header_line: first.line.saturating_sub(1),
            header_offset: first.offset,
            header,
            preamble: preamble_above(text, first.offset),
            headerless: true,
        })
    })
}

/// The top of the text, cut at a line break.
fn sample_of(text: &str) -> &str {
    if text.len() <= SAMPLE_BYTES {
        return text;
    }
    let mut cut = SAMPLE_BYTES;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = text.get(..cut).unwrap_or(text);
    head.rfind('\n').and_then(|p| head.get(..=p)).unwrap_or(head)
}

/// The first rows of the sample split with `delimiter`, each with its score.
fn candidates(sample: &str, delimiter: u8, profile: &Profile) -> Vec<Candidate> {
    let mut reader = ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(sample.as_bytes());
    let mut out = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut lines = LineCounter::new(sample.as_bytes(), 1);
    let mut end = 0;
    while out.len() < HEADER_SEARCH_ROWS {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) | Err(_) => break,
        }
        let start = record_start(sample.as_bytes(), end);
        end = reader.position().byte() as usize;
        let cells: Vec<String> = record.iter().map(str::to_owned).collect();
        let score = header_score_for(&cells, profile);
        out.push(Candidate {
            line: lines.line_at(start),
            offset: start,
            cells,
            score,
        });
    }
    out
}

/// Where a record really starts: the csv crate skips empty lines before a record without saying so.
fn record_start(text: &[u8], previous_end: usize) -> usize {
    previous_end
        + text
            .get(previous_end..)
            .unwrap_or_default()
            .iter()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .count()
}

/// Physical line numbers of byte offsets, counted once as the offsets grow.
struct LineCounter<'a> {
    text: &'a [u8],
    offset: usize,
    line: u32,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a [u8], first_line: u32) -> Self {
        LineCounter {
            text,
            offset: 0,
            line: first_line,
        }
    }

    /// The line of `offset` (offsets must not go backwards).
    fn line_at(&mut self, offset: usize) -> u32 {
        if offset > self.offset {
            let newlines = self
                .text
                .get(self.offset..offset)
                .unwrap_or_default()
                .iter()
                .filter(|b| **b == b'\n')
                .count();
            self.line = self.line.saturating_add(to_u32(newlines));
            self.offset = offset;
        }
        self.line
    }
}

fn no_header(file: &str, sample: &str, profile: &Profile, closest: Option<Candidate>) -> ImportError {
    let found: Vec<String> = closest
        .as_ref()
        .map(|c| fields_named(&c.cells))
        .unwrap_or_default()
        .iter()
        .map(|f| f.to_string())
        .collect();
    let mut missing = Vec::new();
    if !found.iter().any(|f| f == "date" || f == "time") {
        missing.push("date".to_owned());
    }
    if !found
        .iter()
        .any(|f| ["amount", "credit", "debit", "net"].contains(&f.as_str()))
    {
        missing.push("amount".to_owned());
    }
    let mut hint = String::new();
    if let Some(given) = profile.delimiter {
        let other = DELIMITERS
            .iter()
            .filter(|d| u32::from(**d) != u32::from(given))
            .find(|d| candidates(sample, **d, profile).iter().any(|c| c.score >= 2));
        if let Some(other) = other {
            hint = format!(
                "; the mapping says the delimiter is {given:?}, but the file seems to use {:?}",
                char::from(*other)
            );
        }
    }
    if hint.is_empty() {
        // Nothing named and the top row holds data: say so (a headerless file whose rows were too uneven to name).
        hint = closest
            .as_ref()
            .filter(|_| found.is_empty())
            .and_then(|c| headerless_hint(c.line, &c.cells))
            .unwrap_or_default();
    }
    let line = closest.filter(|_| !found.is_empty()).map_or(1, |c| c.line);
    ImportError::NoHeader {
        at: Location::new(file, None, line, 1),
        found,
        missing,
        hint,
    }
}

fn line_too_long(file: &str, line: u32, rest: &str) -> ImportError {
    let mut cut = MAX_LINE_BYTES.min(rest.len());
    while !rest.is_char_boundary(cut) {
        cut -= 1;
    }
    let column = rest.get(..cut).map_or(1, |s| s.chars().count() + 1);
    ImportError::LineTooLong {
        at: Location::new(file, None, line, to_u32(column)),
        limit: MAX_LINE_BYTES,
    }
}

/// Files larger than this are read in parts on several threads.
const PARALLEL_BYTES: usize = 4 << 20;

/// Reads every row below the header into a [`Table`]. Large files are cut at line breaks outside quoted fields
/// and the parts read on several threads, then joined in order.
pub fn read_table(
    file: &str,
    text: &str,
    layout: &TextLayout,
    progress: Option<&ProgressFn>,
) -> Result<Table, ImportError> {
    let new_table = |rows: usize, bytes: usize| {
        let mut table = Table::new(layout.header.clone(), layout.header_line, Some(layout.delimiter));
        table.reserve(rows, bytes);
        table
    };
    let mut tables = read_parts(file, text, layout, progress, |_, part: &str| {
        new_table(newlines(part) + 1, part.len())
    })?
    .into_iter();
    let mut table = tables.next().unwrap_or_else(|| new_table(0, 0));
    let rest: Vec<Table> = tables.collect();
    table.reserve(
        rest.iter().map(Table::len).sum(),
        rest.iter().map(Table::text_len).sum(),
    );
    for part in rest {
        table.append(part);
    }
    table.finish();
    Ok(table)
}

/// Reads every row below the header into sinks made by `make(part index, part text)`, one per part: large files
/// are cut at line breaks outside quoted fields and the parts read on several threads. The sinks come back in
/// file order, for the caller to join.
pub fn read_parts<S, F>(
    file: &str,
    text: &str,
    layout: &TextLayout,
    progress: Option<&ProgressFn>,
    make: F,
) -> Result<Vec<S>, ImportError>
where
    S: RowSink + Send,
    F: Fn(usize, &str) -> S + Sync,
{
    read_these_parts(file, &parts_of(text, layout, progress), layout, make)
}

/// The text below the header cut into the parts [`read_parts`] reads, one per thread for a large file.
fn parts_of<'a>(text: &'a str, layout: &TextLayout, progress: Option<&'a ProgressFn>) -> Vec<Part<'a>> {
    let body = text.get(layout.header_offset..).unwrap_or_default();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(4);
    let cuts = cut_points(body, if body.len() < PARALLEL_BYTES { 1 } else { threads });
    let total = text.len() as u64;
    cuts.windows(2)
        .enumerate()
        .map(|(i, w)| {
            let (start, end) = (w.first().copied().unwrap_or(0), w.get(1).copied().unwrap_or(0));
            Part {
                body,
                start,
                text: body.get(start..end).unwrap_or_default(),
                has_header: i == 0 && !layout.headerless,
                progress: progress
                    .filter(|_| i == 0)
                    .map(|p| (p, layout.header_offset as u64, total / (cuts.len() as u64 - 1).max(1))),
            }
        })
        .collect()
}

/// Reads `parts` into sinks made by `make(part index, part text)`, each part on its own thread when there are
/// several; the sinks come back in file order.
fn read_these_parts<S, F>(file: &str, parts: &[Part<'_>], layout: &TextLayout, make: F) -> Result<Vec<S>, ImportError>
where
    S: RowSink + Send,
    F: Fn(usize, &str) -> S + Sync,
{
    let read = |i: usize, part: &Part| read_part(file, part, layout, make(i, part.text));
    if parts.len() <= 1 {
        return parts.iter().enumerate().map(|(i, part)| read(i, part)).collect();
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = parts
            .iter()
            .enumerate()
            .map(|(i, part)| scope.spawn(move || read(i, part)))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join().unwrap_or_else(|_| {
                    let at = Location::new(file, None, layout.header_line, 1);
                    Err(ImportError::Profile {
                        at,
                        message: "the text table reader stopped unexpectedly".to_owned(),
                    })
                })
            })
            .collect()
    })
}

/// Reads the rows below the header into one sink until it is [`RowSink::done`] or the text ends, on this thread:
/// a look at the top of a large file.
pub fn read_head<S: RowSink>(file: &str, text: &str, layout: &TextLayout, sink: S) -> Result<S, ImportError> {
    let body = text.get(layout.header_offset..).unwrap_or_default();
    let part = Part {
        body,
        start: 0,
        text: body,
        has_header: !layout.headerless,
        progress: None,
    };
    read_part(file, &part, layout, sink)
}

/// About how many rows `bytes` bytes of text like `sample` hold (a little more, rather than less), from the line
/// breaks in the first 64 KiB of the sample.
fn estimated_rows(sample: &str, bytes: usize) -> usize {
    let probe = sample.as_bytes().get(..sample.len().min(64 << 10)).unwrap_or_default();
    let per_row = probe.len() / (probe.iter().filter(|b| **b == b'\n').count() + 1);
    bytes / per_row.max(1) / 16 * 17 + 16
}

/// The rows of a part that is not the file's last (it ends with a line break) when every line is one row: its
/// line breaks, less its blank lines and the header. Exact for almost every real export, so the parts' stretches
/// meet and closing them up moves nothing; a count that is off (a quoted line break, a total line, a refunded
/// charge's second row) only costs that move.
fn rows_before_cut(part: &Part<'_>) -> usize {
    let bytes = part.text.as_bytes();
    let blank = memchr::memmem::find_iter(bytes, b"\n\n").count() + memchr::memmem::find_iter(bytes, b"\n\r\n").count();
    newlines(part.text).saturating_sub(blank + usize::from(part.has_header))
}

/// Line breaks in a text.
fn newlines(text: &str) -> usize {
    unquoted::newlines(text)
}

/// A piece of the text below the header, read by one thread.
struct Part<'a> {
    /// All the text below the header, and where this part starts in it.
    body: &'a str,
    start: usize,
    text: &'a str,
    /// The first part starts with the header record.
    has_header: bool,
    /// Progress callback, the byte offset of the part in the file, and the part's share of the total.
    progress: Option<(&'a ProgressFn, u64, u64)>,
}

/// Offsets `0 = c0 < c1 < … < cn = len` cutting `body` into about `parts` pieces right after a line break. A
/// cut is only made where the number of `"` before it is even (not inside a quoted field); otherwise the body
/// stays whole.
fn cut_points(body: &str, parts: usize) -> Vec<usize> {
    let bytes = body.as_bytes();
    let mut cuts = vec![0];
    for k in 1..parts {
        let target = bytes.len() / parts * k;
        let Some(newline) = bytes
            .get(target..)
            .and_then(|rest| rest.iter().position(|b| *b == b'\n'))
        else {
            break;
        };
        let cut = target + newline + 1;
        let quotes = memchr::memchr_iter(b'"', bytes.get(..cut).unwrap_or_default()).count();
        if !quotes.is_multiple_of(2) {
            return vec![0, bytes.len()];
        }
        if cut > cuts.last().copied().unwrap_or(0) && cut < bytes.len() {
            cuts.push(cut);
        }
    }
    cuts.push(bytes.len());
    cuts
}

/// Reads the rows of one part into `sink` (a table is not finished: rows held back at its end stay pending). A
/// part with no `"` in it is split with SIMD searches ([`unquoted`]); any other through the csv crate.
fn read_part<S: RowSink>(file: &str, part: &Part<'_>, layout: &TextLayout, sink: S) -> Result<S, ImportError> {
    let body = part.text;
    // The body starts with the header record, or with the first data row of a headerless file.
    let body_line = layout.header_line.saturating_add(u32::from(layout.headerless));
    let first_line = body_line.saturating_add(to_u32(newlines(part.body.get(..part.start).unwrap_or_default())));
    let feed = Feed {
        file,
        part,
        sink,
        skip_header: part.has_header,
        next_report: PROGRESS_ROWS,
    };
    if unquoted::has_quote(body) {
        read_csv(body, layout.delimiter, first_line, feed)
    } else {
        read_unquoted(body, layout.delimiter, first_line, feed)
    }
}

/// The records of a part with no `"` in it, split with SIMD searches.
fn read_unquoted<S: RowSink>(
    body: &str,
    delimiter: u8,
    first_line: u32,
    mut feed: Feed<'_, '_, S>,
) -> Result<S, ImportError> {
    unquoted::for_each_record(body, delimiter, first_line, |r| {
        feed.take(r.start, r.end, r.line, r.cells)
    })?;
    Ok(feed.sink)
}

/// The records of a part through the csv crate (quoted fields, doubled quotes, line breaks inside quotes).
fn read_csv<S: RowSink>(
    body: &str,
    delimiter: u8,
    first_line: u32,
    mut feed: Feed<'_, '_, S>,
) -> Result<S, ImportError> {
    let mut reader = ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(body.as_bytes());
    let mut record = csv::ByteRecord::new();
    let mut lines = LineCounter::new(body.as_bytes(), first_line);
    let mut end = 0usize;
    loop {
        let more = reader.read_byte_record(&mut record).map_err(|e| {
            let line = lines.line_at(record_start(body.as_bytes(), end));
            let at = Location::new(feed.file, None, line, 1);
            ImportError::Profile {
                at,
                message: format!("the text table cannot be read: {e}"),
            }
        })?;
        if !more {
            break;
        }
        let start = record_start(body.as_bytes(), end);
        end = reader.position().byte() as usize;
        if !feed.take(start, end, lines.line_at(start), &Utf8Fields::new(&record))? {
            break;
        }
    }
    Ok(feed.sink)
}

/// What both ways of splitting a part do with each record: the line-length limit, the header skipped, the row
/// handed to the sink, progress reported.
struct Feed<'p, 'a, S> {
    file: &'p str,
    part: &'p Part<'a>,
    sink: S,
    skip_header: bool,
    next_report: usize,
}

impl<S: RowSink> Feed<'_, '_, S> {
    /// Takes the record found at `start..end` of the part (end: just after its first terminator byte) on physical
    /// line `line`; false when the sink wants no more.
    fn take<C: Cells + ?Sized>(&mut self, start: usize, end: usize, line: u32, cells: &C) -> Result<bool, ImportError> {
        if self.sink.done() {
            return Ok(false);
        }
        if end.saturating_sub(start) > MAX_LINE_BYTES {
            let raw = self.part.text.get(start..end).unwrap_or_default();
            let single_line = !raw.trim_end_matches(['\r', '\n']).contains('\n');
            return Err(if single_line {
                line_too_long(self.file, line, raw)
            } else {
                ImportError::UnclosedQuote {
                    at: Location::new(self.file, None, line, 1),
                    limit: MAX_LINE_BYTES,
                }
            });
        }
        if self.skip_header {
            self.skip_header = false;
            return Ok(true);
        }
        self.sink.take(line, cells);
        if let Some((report, offset, total)) = self.part.progress.filter(|_| self.sink.rows() >= self.next_report) {
            self.next_report = self.sink.rows() + PROGRESS_ROWS;
            report(Progress {
                rows: self.sink.rows(),
                bytes_done: offset + end as u64,
                bytes_total: total,
            });
        }
        Ok(!self.sink.done())
    }
}

/// A part's transactions go straight into its stretch of the one vector.
impl TxnOut for in_place::Stretch<'_, Txn> {
    fn len(&self) -> usize {
        in_place::Stretch::len(self)
    }
}

/// The format a text table is shown as: "CSV", or "CSV, no header row" when its columns were named from what
/// they hold.
pub fn csv_format(layout: &TextLayout) -> String {
    if layout.headerless {
        NO_HEADER_ROW.to_owned()
    } else {
        "CSV".to_owned()
    }
}

/// The format of a text table read without a header row.
pub const NO_HEADER_ROW: &str = "CSV, no header row";

/// Rows between two progress reports.
const PROGRESS_ROWS: usize = 16_384;

/// Imports a text table the fast way: each part of the file is read on its own thread straight into
/// transactions (no table of cells in between), the day/month order is gathered per part and merged. The
/// decimal style and a first guess at the day/month order come from the top rows ([`Head`]).
///
/// None when the file needs the careful way (`read_table` then the row reader), which names every problem:
/// a bad row, a mapping that does not fit the header, no data rows, undecidable dates. When the merged
/// day/month order differs from the first guess, the parts are read again with it.
pub fn import_streamed(
    file: &str,
    decoded: &Decoded<'_>,
    layout: &TextLayout,
    given: &Profile,
    opts: &ImportOptions,
) -> Result<Option<Imported>, ImportError> {
    let text: &str = &decoded.text;
    let Ok(mut planned) = super::plan(file, None, &layout.header, layout.header_line, given) else {
        return Ok(None);
    };
    let shape = || Table::new(layout.header.clone(), layout.header_line, Some(layout.delimiter));
    let head = read_head(file, text, layout, Head::new(shape(), &planned.map))?;
    planned.refine(&layout.header, &head.table, &layout.preamble, opts);
    let Plan {
        mut profile,
        preset,
        map,
        refined,
    } = planned;
    let decimal = decide_decimal_style(&head.table, &map, &profile);
    let currency = profile
        .currency
        .or_else(|| super::currency::of_file(&head.table, &map, &layout.preamble));
    let date_col = map
        .get(Field::Date)
        .or(map.get(Field::Time))
        .filter(|_| profile.date_order.is_none());
    let mut date_order = match profile.date_order {
        Some(order) => order,
        None => decide_date_order(file, None, &head.table, &map, &profile, &layout.preamble).unwrap_or_default(),
    };
    drop(head);
    for _ in 0..2 {
        profile.decimal = Some(decimal);
        profile.date_order = Some(date_order);
        let reader = RowReader::new(&layout.header, &map, &profile, opts, currency);
        // Every part writes its rows straight into its own stretch of one vector.
        let parts = parts_of(text, layout, opts.progress.as_deref());
        let last = parts.len().saturating_sub(1);
        let sizes: Vec<usize> = parts
            .iter()
            .enumerate()
            .map(|(i, p)| {
                if i < last {
                    rows_before_cut(p)
                } else {
                    estimated_rows(p.text, p.text.len())
                }
            })
            .collect();
        let mut txns = Vec::new();
        let stretches = std::sync::Mutex::new(
            in_place::stretches(&mut txns, &sizes)
                .into_iter()
                .map(Some)
                .collect::<Vec<_>>(),
        );
        let make = |i: usize, _: &str| {
            let stretch = stretches
                .lock()
                .ok()
                .and_then(|mut s| s.get_mut(i).and_then(Option::take));
            Streamed::new(&reader, date_col, shape(), stretch.unwrap_or_default())
        };
        let placed = read_these_parts(file, &parts, layout, make)?;
        drop(stretches);
        if placed.iter().any(|p| p.failed) || placed.is_empty() {
            return Ok(None);
        }
        let (mut table, mut evidence, mut written) = (shape(), DateEvidence::default(), Vec::new());
        for (i, part) in placed.into_iter().enumerate() {
            let Streamed {
                shape,
                evidence: part_evidence,
                txns: stretch,
                ..
            } = part;
            if i == 0 {
                table = shape;
            } else {
                table.append(shape);
            }
            evidence.merge(part_evidence);
            written.push(stretch.written());
        }
        in_place::close_up(&mut txns, written);
        table.finish();
        if table.error_count > 0 || txns.is_empty() {
            return Ok(None);
        }
        let decided = match date_col {
            Some(_) => {
                match evidence.decide_with(layout.preamble.iter().chain(&table.summary).map(|l| l.text.as_str())) {
                    Ok(order) => order,
                    Err(_) => return Ok(None),
                }
            }
            None => date_order,
        };
        if decided != date_order {
            date_order = decided;
            continue;
        }
        let found = Found {
            table,
            format: csv_format(layout),
            encoding: decoded.encoding.to_owned(),
            delimiter: Some(char::from(layout.delimiter)),
            sheet: None,
            preamble: layout.preamble.clone(),
        };
        let read = Read {
            txns,
            bad_rows: Vec::new(),
            bad_row_count: 0,
            bytes: text.len() as u64,
        };
        return Ok(Some(super::assemble(
            file,
            found,
            Plan {
                profile,
                preset,
                map,
                refined,
            },
            read,
            opts,
        )));
    }
    Ok(None)
}

#[cfg(test)]
mod tests;
