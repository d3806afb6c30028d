//! Reading the files banks and acquirers export into `Vec<Txn>`: [`import_path`] / [`import_bytes`] look at
//! the bytes (not the file name) to tell a workbook, an HTML table disguised as `.xls` and a text table apart,
//! find the encoding, delimiter and header row ([`sniff`], [`delimited`], [`excel`], [`html_table`]), map the
//! columns ([`mapping`], with [`mapping::presets`]) and read every row through the field parsers ([`parse`]).
//!
//! An import is all or nothing: rows that cannot be read refuse the whole file with an
//! [`ImportError::BadRows`] naming line, column, text and what was expected — unless the caller asks to skip
//! bad rows, and then they are listed in [`ImportDetails::bad_rows`].

pub mod camt053;
pub mod currency;
pub mod delimited;
pub mod error;
pub mod excel;
pub mod file_bytes;
pub mod html_table;
pub mod inspect;
pub mod mapping;
pub mod mt940;
pub mod ofx;
pub mod parse;
pub mod refunds;
pub mod rows;
pub mod sniff;
pub mod statement;
pub mod statement_kind;
pub mod table;
mod workbook_limits;

use std::path::Path;
use std::sync::Arc;

pub use error::{ImportError, Location, RowError};
pub use mapping::Profile;
pub use table::SkippedLine;

use crate::model::{Side, Source, SourceId, Txn};
use mapping::{ColumnMap, Field, presets};
use rows::RowReader;
use sniff::Container;
use table::Table;

/// How far an import has got, for a progress bar.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// Data rows read so far.
    pub rows: usize,
    pub bytes_done: u64,
    pub bytes_total: u64,
}

/// A progress callback.
pub type ProgressFn = dyn Fn(Progress) + Send + Sync;

/// What the caller knows about a file before importing it.
#[derive(Clone)]
pub struct ImportOptions {
    /// The side the rows belong to.
    pub side: Side,
    /// The id the rows' [`crate::model::RowRef`]s carry.
    pub source: SourceId,
    /// A mapping to use instead of detection (a profile with no columns only sets what it sets).
    pub profile: Option<Profile>,
    /// Import the good rows and list the bad ones instead of refusing the file.
    pub skip_bad_rows: bool,
    pub progress: Option<Arc<ProgressFn>>,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            side: Side::Terminal,
            source: SourceId(0),
            profile: None,
            skip_bad_rows: false,
            progress: None,
        }
    }
}

impl std::fmt::Debug for ImportOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ImportOptions")
            .field("side", &self.side)
            .field("source", &self.source)
            .field("profile", &self.profile)
            .field("skip_bad_rows", &self.skip_bad_rows)
            .field("progress", &self.progress.is_some())
            .finish()
    }
}

/// An imported file.
#[derive(Clone, Debug)]
pub struct Imported {
    pub source: Source,
    pub txns: Vec<Txn>,
    pub details: ImportDetails,
}

/// How a file was read: what `posrecon inspect` and the import-check screen show.
#[derive(Clone, Debug, Default)]
pub struct ImportDetails {
    /// "CSV", "XLSX workbook", "HTML table (saved as .xls)", …
    pub format: String,
    /// "UTF-8", "UTF-8 (BOM)", "GBK", "UTF-16LE", … ("" for workbooks).
    pub encoding: String,
    pub delimiter: Option<char>,
    pub sheet: Option<String>,
    /// Physical line (Excel row) of the header.
    pub header_line: u32,
    pub header: Vec<String>,
    /// Non-blank lines skipped before the header.
    pub preamble: Vec<SkippedLine>,
    /// Total/summary/trailer lines skipped after the header.
    pub skipped_summary_lines: Vec<SkippedLine>,
    /// The mapping used (detected, from a preset, or given).
    pub profile: Profile,
    /// The preset whose header signature matched.
    pub preset: Option<String>,
    /// Why that preset was chosen.
    pub preset_reason: Option<String>,
    /// The first 50 rows that could not be read (only when bad rows were skipped).
    pub bad_rows: Vec<RowError>,
    pub bad_row_count: usize,
    /// Structured statements (OFX, CAMT.053, MT940): where opening balance + rows ≠ closing balance.
    pub balance_gaps: Vec<statement::BalanceGap>,
    /// What the file is a statement of (bank account, credit card, payment app, acquirer); its
    /// [`statement_kind::StatementKind::sign_convention`] says how its amounts were signed.
    pub statement_kind: Option<statement_kind::StatementKind>,
    /// What was decided from the rows rather than the header (a direction column, a card's sign convention).
    pub decided: Vec<String>,
}

/// Imports a file from disk. See [`import_bytes`].
pub fn import_path(path: &Path, opts: &ImportOptions) -> Result<Imported, ImportError> {
    let file = path.display().to_string();
    let bytes = file_bytes::read(path).map_err(|source| ImportError::Io {
        file: file.clone(),
        source,
    })?;
    import_bytes(&file, &bytes, opts)
}

/// Imports a file held in memory. `file_name` is used in messages and in the [`Source`]; what the file is
/// comes from its bytes.
pub fn import_bytes(file_name: &str, bytes: &[u8], opts: &ImportOptions) -> Result<Imported, ImportError> {
    // Structured bank statements (CAMT.053, OFX/QFX, MT940) have their own readers.
    if let Some(read_statement) = statement::reader_for(bytes) {
        return read_statement(file_name, bytes, opts);
    }
    let given = opts.profile.clone().unwrap_or_default();
    if !bytes.is_empty() && sniff::container(bytes) == Container::Text {
        let decoded = sniff::decode(file_name, bytes)?;
        let layout = delimited::find_layout(file_name, &decoded.text, &given)?;
        if let Some(imported) = delimited::import_streamed(file_name, &decoded, &layout, &given, opts)? {
            return Ok(imported);
        }
        // A file with bad rows (or nothing to read) is read the careful way, which names every problem.
        let table = delimited::read_table(file_name, &decoded.text, &layout, opts.progress.as_deref())?;
        return finish(
            file_name,
            text_found(table, &decoded, layout),
            given,
            opts,
            bytes.len() as u64,
        );
    }
    let found = read_table(file_name, bytes, &given, opts)?;
    finish(file_name, found, given, opts, bytes.len() as u64)
}

/// A text table as [`Found`].
fn text_found(table: Table, decoded: &sniff::Decoded<'_>, layout: delimited::TextLayout) -> Found {
    Found {
        table,
        format: delimited::csv_format(&layout),
        encoding: decoded.encoding.to_owned(),
        delimiter: Some(char::from(layout.delimiter)),
        sheet: None,
        preamble: layout.preamble,
    }
}

/// A table found in a file, before its rows are turned into transactions.
pub struct Found {
    pub table: Table,
    pub format: String,
    pub encoding: String,
    pub delimiter: Option<char>,
    pub sheet: Option<String>,
    pub preamble: Vec<SkippedLine>,
}

/// Finds and reads the table of a file, whatever container it is in.
pub fn read_table(file: &str, bytes: &[u8], profile: &Profile, opts: &ImportOptions) -> Result<Found, ImportError> {
    if bytes.is_empty() {
        return Err(ImportError::Empty { file: file.to_owned() });
    }
    match sniff::container(bytes) {
        Container::Zip | Container::Cfb => excel::read(file, bytes, profile, opts.progress.as_deref()),
        Container::Html => {
            let decoded = sniff::decode(file, bytes)?;
            html_table::read(file, &decoded.text, decoded.encoding, profile)
        }
        Container::Text => {
            let decoded = sniff::decode(file, bytes)?;
            let layout = delimited::find_layout(file, &decoded.text, profile)?;
            let table = delimited::read_table(file, &decoded.text, &layout, opts.progress.as_deref())?;
            Ok(text_found(table, &decoded, layout))
        }
    }
}

/// The mapping for a header: the given profile (its columns, or detected ones when it names none), else the
/// preset whose signature matches, else detection.
pub fn choose_profile(header: &[String], given: &Profile) -> (Profile, Option<presets::PresetMatch>) {
    if !given.columns.is_empty() {
        return (given.clone(), None);
    }
    let preset = presets::find(header);
    let mut profile = match &preset {
        Some(m) => m.preset.profile(header),
        None => Profile::detect(header),
    };
    let detected = std::mem::take(&mut profile.columns);
    let sign = profile.sign;
    profile = Profile {
        name: given.name.clone().or(profile.name),
        side: given.side.or(profile.side),
        delimiter: given.delimiter.or(profile.delimiter),
        header_line: given.header_line.or(profile.header_line),
        sheet: given.sheet.clone().or(profile.sheet),
        date_order: given.date_order.or(profile.date_order),
        decimal: given.decimal.or(profile.decimal),
        currency: given.currency.or(profile.currency),
        timezone: given.timezone.clone().or(profile.timezone),
        sign,
        negate_amounts: given.negate_amounts || profile.negate_amounts,
        columns: detected,
    };
    (profile, preset)
}

/// The mapping of a file, decided from its header before any row is read.
pub struct Plan {
    pub profile: Profile,
    pub preset: Option<presets::PresetMatch>,
    pub map: ColumnMap,
    /// What [`Plan::refine`] decided from the rows.
    pub refined: statement_kind::Refined,
}

impl Plan {
    /// Decides from a sample of the rows what the header could not (see [`statement_kind::refine`]), and maps
    /// the columns again when that changed the profile. A mapping given by the user is kept as given.
    pub fn refine(&mut self, header: &[String], sample: &Table, preamble: &[SkippedLine], opts: &ImportOptions) {
        let given = opts.profile.as_ref().is_some_and(|p| !p.columns.is_empty());
        let preset = self.preset.as_ref().map(|m| m.preset.name);
        if given {
            self.refined.kind = Some(statement_kind::of_table(header, preamble, opts.side, preset));
            return;
        }
        let before = self.profile.clone();
        self.refined = statement_kind::refine(&mut self.profile, header, sample, preamble, opts.side, preset);
        if self.profile != before {
            self.map = ColumnMap::resolve(&self.profile, header).0;
        }
    }
}

/// Chooses the mapping for a header and checks that every column it names is there and every required field
/// is mapped.
pub fn plan(
    file: &str,
    sheet: Option<&str>,
    header: &[String],
    header_line: u32,
    given: &Profile,
) -> Result<Plan, ImportError> {
    // A file with no header row has header line 0: its errors point at line 1, where its rows start.
    let at = |line: u32, column: u32| Location::new(file, sheet, line.max(1), column);
    let (profile, preset) = choose_profile(header, given);
    let (map, not_found) = ColumnMap::resolve(&profile, header);
    if let Some(name) = not_found.first() {
        let message = format!("column {name:?} is not in the header ({})", header.join(", "));
        return Err(ImportError::Profile {
            at: at(header_line, 1),
            message,
        });
    }
    let missing = profile.missing_required();
    if !missing.is_empty() {
        return Err(ImportError::NoHeader {
            at: at(header_line, 1),
            found: sniff::fields_named(header).iter().map(|f| f.to_string()).collect(),
            missing: missing.iter().map(|f| f.to_string()).collect(),
            hint: String::new(),
        });
    }
    Ok(Plan {
        profile,
        preset,
        map,
        refined: statement_kind::Refined::default(),
    })
}

/// Turns the rows of a table into transactions; `size` is the file's, for the last progress report.
fn finish(file: &str, found: Found, given: Profile, opts: &ImportOptions, size: u64) -> Result<Imported, ImportError> {
    let table = &found.table;
    let sheet = found.sheet.as_deref();
    let mut planned = plan(file, sheet, &table.header, table.header_line, &given)?;
    planned.refine(&table.header, table, &found.preamble, opts);
    let Plan {
        mut profile,
        preset,
        map,
        refined,
    } = planned;
    if table.is_empty() && table.error_count == 0 {
        return Err(ImportError::NoRows {
            format: None,
            at: Location::new(file, sheet, table.header_line.max(1), 1),
        });
    }
    let decimal = rows::decide_decimal_style(table, &map, &profile);
    let date_order = rows::decide_date_order(file, sheet, table, &map, &profile, &found.preamble)?;
    profile.decimal = Some(decimal);
    profile.date_order = Some(date_order);
    let currency = profile
        .currency
        .or_else(|| currency::of_file(table, &map, &found.preamble));
    let reader = RowReader::new(&table.header, &map, &profile, opts, currency);
    let converted = reader.convert(table);
    let mut bad_rows: Vec<RowError> = table.errors.iter().cloned().chain(converted.errors).collect(); // both already capped
    bad_rows.sort_by_key(|e| (e.line, e.column));
    bad_rows.truncate(error::MAX_ROW_ERRORS);
    let bad_row_count = table.error_count + converted.error_count;
    if bad_row_count > 0 && !opts.skip_bad_rows {
        return Err(ImportError::BadRows {
            file: file.to_owned(),
            sheet: found.sheet,
            count: bad_row_count,
            rows: bad_rows,
        });
    }
    let read = Read {
        txns: converted.txns,
        bad_rows,
        bad_row_count,
        bytes: size,
    };
    let plan = Plan {
        profile,
        preset,
        map,
        refined,
    };
    Ok(assemble(file, found, plan, read, opts))
}

/// What the rows of a file gave.
pub struct Read {
    pub txns: Vec<Txn>,
    pub bad_rows: Vec<RowError>,
    pub bad_row_count: usize,
    /// For the last progress report.
    pub bytes: u64,
}

/// The imported file: its transactions with the [`Source`] and [`ImportDetails`] describing how it was read.
/// `found.table` need not hold the rows any more, only the header, header line and summary lines.
pub fn assemble(file: &str, found: Found, plan: Plan, read: Read, opts: &ImportOptions) -> Imported {
    let Found {
        table,
        format,
        encoding,
        delimiter,
        sheet,
        preamble,
    } = found;
    let Plan {
        profile,
        preset,
        refined,
        ..
    } = plan;
    if let Some(report) = &opts.progress {
        report(Progress {
            rows: read.txns.len(),
            bytes_done: read.bytes,
            bytes_total: read.bytes,
        });
    }
    let shown_format = match (&encoding, delimiter) {
        (e, Some(d)) if !e.is_empty() => format!("{format} ({e}, {})", delimiter_name(d)),
        _ => format.clone(),
    };
    let source = Source {
        id: opts.source,
        path: file.to_owned(),
        side: opts.side,
        sheet: sheet.clone(),
        format: profile
            .name
            .clone()
            .map_or(shown_format.clone(), |n| format!("{shown_format}, {n}")),
    };
    let details = ImportDetails {
        format: shown_format,
        encoding,
        delimiter,
        sheet,
        header_line: table.header_line,
        header: table.header,
        preamble,
        skipped_summary_lines: table.summary,
        preset: preset.as_ref().map(|m| m.preset.name.to_owned()),
        preset_reason: preset.map(|m| m.reason),
        profile,
        bad_rows: read.bad_rows,
        bad_row_count: read.bad_row_count,
        balance_gaps: Vec::new(),
        statement_kind: refined.kind,
        decided: refined.notes,
    };
    Imported {
        source,
        txns: read.txns,
        details,
    }
}

/// A delimiter as a word: "comma", "tab", "semicolon", "pipe".
pub fn delimiter_name(d: char) -> String {
    match d {
        ',' => "comma".to_owned(),
        '\t' => "tab".to_owned(),
        ';' => "semicolon".to_owned(),
        '|' => "pipe".to_owned(),
        other => format!("{other:?}"),
    }
}

/// Which side a file seems to belong to: the preset's side, else what its columns suggest — terminal logs carry
/// terminal, merchant, card, voucher and batch columns; bank statements carry balances, counterparties and
/// money-in/money-out columns. None when the header does not say.
pub fn guess_side(details: &ImportDetails) -> Option<Side> {
    if let Some(side) = details.profile.side {
        return Some(side);
    }
    guess_side_of_header(&details.header)
}

/// [`guess_side`] from a header row alone.
pub fn guess_side_of_header(header: &[String]) -> Option<Side> {
    if let Some(m) = presets::find(header) {
        return Some(m.preset.side);
    }
    // A card issuer's statement carries the card's number but is the holder's account, not a terminal log.
    if statement_kind::looks_like_card_statement(header) {
        return Some(Side::Bank);
    }
    let fields = sniff::fields_named(header);
    let count = |wanted: &[Field]| fields.iter().filter(|f| wanted.contains(f)).count();
    let terminal = count(&[
        Field::Terminal,
        Field::Merchant,
        Field::Card,
        Field::Voucher,
        Field::Batch,
    ]);
    let bank = count(&[
        Field::Balance,
        Field::Counterparty,
        Field::Credit,
        Field::Debit,
        Field::Account,
    ]);
    match terminal.cmp(&bank) {
        std::cmp::Ordering::Greater => Some(Side::Terminal),
        std::cmp::Ordering::Less => Some(Side::Bank),
        std::cmp::Ordering::Equal => None,
    }
}

/// [`guess_side`] for a file on disk: reads it only as far as its header.
pub fn guess_side_of_path(path: &Path) -> Option<Side> {
    let file = path.display().to_string();
    let bytes = file_bytes::read(path).ok()?;
    // OFX, CAMT.053 and MT940 are only ever bank statements.
    if statement::reader_for(&bytes).is_some() {
        return Some(Side::Bank);
    }
    let found = read_table(&file, &bytes, &Profile::default(), &ImportOptions::default()).ok()?;
    guess_side_of_header(&found.table.header)
}
