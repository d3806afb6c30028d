//! Delimited text tables (CSV, TSV, `;`- or `|`-separated): finding the delimiter and the header row under a
//! preamble, then reading the rows with the csv crate into a [`Table`], keeping each row's physical line (the
//! line where it starts, when a quoted field spans lines). Lines are capped at [`MAX_LINE_BYTES`]: a 20 MB line
//! is an error, not a hang.

use csv::ReaderBuilder;

use super::error::{ImportError, Location};
use super::mapping::Profile;
use super::sniff::{HEADER_SEARCH_ROWS, MAX_LINE_BYTES, fields_named, header_score_for, to_u32};
use super::table::{SkippedLine, Table};
use super::{Progress, ProgressFn};

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
    let first_break = text.as_bytes().iter().take(MAX_LINE_BYTES + 1).position(|b| *b == b'\n');
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
                closest = Some(Candidate { cells: candidate.cells.clone(), ..candidate });
            }
            let better = best.as_ref().is_none_or(|(_, b)| candidate.score > b.score);
            if wanted && candidate.score >= 2 && better {
                best = Some((delimiter, candidate));
            }
        }
    }
    let Some((delimiter, header)) = best else {
        return Err(no_header(file, sample, profile, closest));
    };
    let preamble = text
        .get(..header.offset)
        .unwrap_or_default()
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| SkippedLine { line: to_u32(i + 1), text: l.trim_end().to_owned() })
        .collect();
    let cells = header.cells.iter().map(|c| c.trim().trim_start_matches('\u{feff}').to_owned()).collect();
    Ok(TextLayout { delimiter, header_line: header.line, header_offset: header.offset, header: cells, preamble })
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
        out.push(Candidate { line: lines.line_at(start), offset: start, cells, score });
    }
    out
}

/// Where a record really starts: the csv crate skips empty lines before a record without saying so.
fn record_start(text: &[u8], previous_end: usize) -> usize {
    previous_end + text.get(previous_end..).unwrap_or_default().iter().take_while(|b| matches!(b, b'\r' | b'\n')).count()
}

/// Physical line numbers of byte offsets, counted once as the offsets grow.
struct LineCounter<'a> {
    text: &'a [u8],
    offset: usize,
    line: u32,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a [u8], first_line: u32) -> Self {
        LineCounter { text, offset: 0, line: first_line }
    }

    /// The line of `offset` (offsets must not go backwards).
    fn line_at(&mut self, offset: usize) -> u32 {
        if offset > self.offset {
            let newlines = self.text.get(self.offset..offset).unwrap_or_default().iter().filter(|b| **b == b'\n').count();
            self.line = self.line.saturating_add(to_u32(newlines));
            self.offset = offset;
        }
        self.line
    }
}

fn no_header(file: &str, sample: &str, profile: &Profile, closest: Option<Candidate>) -> ImportError {
    let found: Vec<String> =
        closest.as_ref().map(|c| fields_named(&c.cells)).unwrap_or_default().iter().map(|f| f.to_string()).collect();
    let mut missing = Vec::new();
    if !found.iter().any(|f| f == "date" || f == "time") {
        missing.push("date".to_owned());
    }
    if !found.iter().any(|f| ["amount", "credit", "debit", "net"].contains(&f.as_str())) {
        missing.push("amount".to_owned());
    }
    let mut hint = String::new();
    if let Some(given) = profile.delimiter {
        let other = DELIMITERS
            .iter()
            .filter(|d| u32::from(**d) != u32::from(given))
            .find(|d| candidates(sample, **d, profile).iter().any(|c| c.score >= 2));
        if let Some(other) = other {
            hint = format!("; the mapping says the delimiter is {given:?}, but the file seems to use {:?}", char::from(*other));
        }
    }
    let line = closest.filter(|_| !found.is_empty()).map_or(1, |c| c.line);
    ImportError::NoHeader { at: Location::new(file, None, line, 1), found, missing, hint }
}

fn line_too_long(file: &str, line: u32, rest: &str) -> ImportError {
    let mut cut = MAX_LINE_BYTES.min(rest.len());
    while !rest.is_char_boundary(cut) {
        cut -= 1;
    }
    let column = rest.get(..cut).map_or(1, |s| s.chars().count() + 1);
    ImportError::LineTooLong { at: Location::new(file, None, line, to_u32(column)), limit: MAX_LINE_BYTES }
}

/// Files larger than this are read in parts on several threads.
const PARALLEL_BYTES: usize = 4 << 20;

/// Reads every row below the header into a [`Table`]. Large files are cut at line breaks outside quoted fields
/// and the parts read on several threads, then joined in order.
pub fn read_table(file: &str, text: &str, layout: &TextLayout, progress: Option<&ProgressFn>) -> Result<Table, ImportError> {
    let body = text.get(layout.header_offset..).unwrap_or_default();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(4);
    let cuts = cut_points(body, if body.len() < PARALLEL_BYTES { 1 } else { threads });
    let total = text.len() as u64;
    let parts: Vec<Part> = cuts
        .windows(2)
        .enumerate()
        .map(|(i, w)| {
            let (start, end) = (w.first().copied().unwrap_or(0), w.get(1).copied().unwrap_or(0));
            let lines_before = body.as_bytes().get(..start).unwrap_or_default().iter().filter(|b| **b == b'\n').count();
            Part {
                text: body.get(start..end).unwrap_or_default(),
                first_line: layout.header_line.saturating_add(to_u32(lines_before)),
                has_header: i == 0,
                progress: progress.filter(|_| i == 0).map(|p| (p, layout.header_offset as u64, total / (cuts.len() as u64 - 1).max(1))),
            }
        })
        .collect();
    let read = |part: &Part| read_part(file, part, layout);
    let mut tables = if parts.len() <= 1 {
        parts.iter().map(read).collect::<Result<Vec<Table>, ImportError>>()?
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = parts.iter().map(|part| scope.spawn(move || read(part))).collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join().unwrap_or_else(|_| {
                        let at = Location::new(file, None, layout.header_line, 1);
                        Err(ImportError::Profile { at, message: "the text table reader stopped unexpectedly".to_owned() })
                    })
                })
                .collect::<Result<Vec<Table>, ImportError>>()
        })?
    }
    .into_iter();
    let mut table = tables.next().unwrap_or_else(|| Table::new(layout.header.clone(), layout.header_line, Some(layout.delimiter)));
    let rest: Vec<Table> = tables.collect();
    table.reserve(rest.iter().map(Table::len).sum(), rest.iter().map(Table::text_len).sum());
    for part in rest {
        table.append(part);
    }
    table.finish();
    Ok(table)
}

/// A piece of the text below the header, read by one thread.
struct Part<'a> {
    text: &'a str,
    /// Physical line of the part's first byte.
    first_line: u32,
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
        let Some(newline) = bytes.get(target..).and_then(|rest| rest.iter().position(|b| *b == b'\n')) else { break };
        let cut = target + newline + 1;
        let quotes = bytes.get(..cut).unwrap_or_default().iter().filter(|b| **b == b'"').count();
        if quotes % 2 != 0 {
            return vec![0, bytes.len()];
        }
        if cut > cuts.last().copied().unwrap_or(0) && cut < bytes.len() {
            cuts.push(cut);
        }
    }
    cuts.push(bytes.len());
    cuts
}

/// Reads the rows of one part; the table is not finished (rows held back at its end stay pending).
fn read_part(file: &str, part: &Part<'_>, layout: &TextLayout) -> Result<Table, ImportError> {
    let body = part.text;
    let mut reader = ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(layout.delimiter)
        .from_reader(body.as_bytes());
    let mut table = Table::new(layout.header.clone(), layout.header_line, Some(layout.delimiter));
    let rows = body.as_bytes().iter().filter(|b| **b == b'\n').count() + 1;
    table.reserve(rows, body.len());
    let mut record = csv::StringRecord::new();
    let mut lines = LineCounter::new(body.as_bytes(), part.first_line);
    let mut end = 0usize;
    let mut skip_header = part.has_header;
    loop {
        let more = reader.read_record(&mut record).map_err(|e| {
            let line = lines.line_at(record_start(body.as_bytes(), end));
            let at = Location::new(file, None, line, 1);
            ImportError::Profile { at, message: format!("the text table cannot be read: {e}") }
        })?;
        if !more {
            break;
        }
        let start = record_start(body.as_bytes(), end);
        end = reader.position().byte() as usize;
        let line = lines.line_at(start);
        if end.saturating_sub(start) > MAX_LINE_BYTES {
            let raw = body.get(start..end).unwrap_or_default();
            let single_line = !raw.trim_end_matches(['\r', '\n']).contains('\n');
            return Err(if single_line {
                line_too_long(file, line, raw)
            } else {
                ImportError::UnclosedQuote { at: Location::new(file, None, line, 1), limit: MAX_LINE_BYTES }
            });
        }
        if skip_header {
            skip_header = false;
            continue;
        }
        table.push(line, &record);
        if let Some((report, offset, total)) = part.progress.filter(|_| table.len().is_multiple_of(65_536)) {
            report(Progress { rows: table.len(), bytes_done: offset + end as u64, bytes_total: total });
        }
    }
    Ok(table)
}
