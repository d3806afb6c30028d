//! What can go wrong when a file is imported, said so that a shop owner (or a developer reading a log) can find
//! the spot: every [`ImportError`] displays as `file:line:column: message`, with the text found and what was
//! expected. For workbooks the file part reads `book.xlsx[Sheet]` and the line is Excel's row number.

use std::fmt;

use serde::Serialize;

/// At most this many bad rows are kept with their details; the rest are only counted.
pub const MAX_ROW_ERRORS: usize = 50;

/// A place in an imported file: physical 1-based line (or Excel row) and 1-based column.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Location {
    pub file: Box<str>,
    /// The sheet, for workbooks.
    pub sheet: Option<Box<str>>,
    pub line: u32,
    pub column: u32,
}

impl Location {
    pub fn new(file: &str, sheet: Option<&str>, line: u32, column: u32) -> Location {
        Location {
            file: file.into(),
            sheet: sheet.map(Box::from),
            line,
            column,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.sheet {
            Some(sheet) => write!(f, "{}[{}]:{}:{}", self.file, sheet, self.line, self.column),
            None => write!(f, "{}:{}:{}", self.file, self.line, self.column),
        }
    }
}

/// One cell that could not be read: where, under which header, the text found and what was expected.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RowError {
    /// Physical 1-based line where the row starts (Excel row number for sheets).
    pub line: u32,
    /// 1-based column.
    pub column: u32,
    /// The header of that column, or an empty string beyond the header.
    pub column_name: String,
    /// The text found in the cell (shortened to 80 characters).
    pub text: String,
    /// What was expected there.
    pub expected: String,
}

impl RowError {
    /// Builds a row error, shortening long cell text so a report stays readable.
    pub fn new(line: u32, column: u32, column_name: &str, text: &str, expected: impl Into<String>) -> RowError {
        RowError {
            line,
            column,
            column_name: column_name.to_owned(),
            text: shorten(text, 80),
            expected: expected.into(),
        }
    }
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.column_name.is_empty() {
            write!(
                f,
                "{}:{}: expected {}, found {:?}",
                self.line, self.column, self.expected, self.text
            )
        } else {
            write!(
                f,
                "{}:{}: column {:?}: expected {}, found {:?}",
                self.line, self.column, self.column_name, self.expected, self.text
            )
        }
    }
}

/// Why a file could not be imported. Display: `file:line:column: message`.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{file}:1:1: the file is empty — expected a table with a header row and data rows")]
    Empty { file: String },

    #[error("{at}: {}", no_rows_message(format.as_deref()))]
    NoRows {
        at: Location,
        /// The structured statement format (OFX, CAMT.053, MT940 …) when the file is one: it then says it holds
        /// no transactions instead of speaking of a table.
        format: Option<String>,
    },

    #[error(
        "{at}: no header row found — recognised columns: {found}; missing: {missing}. \
         Choose the columns by hand in the mapping step (or pass a mapping profile){hint}",
        found = list_or_none(found), missing = list_or_none(missing)
    )]
    NoHeader {
        /// Where the best candidate row is (line 1 when none came close).
        at: Location,
        /// Fields recognised in the best candidate row.
        found: Vec<String>,
        /// Required fields that were not found.
        missing: Vec<String>,
        /// Extra advice, e.g. about the delimiter; starts with "; " when not empty.
        hint: String,
    },

    #[error("{at}: cannot read the text as {encoding}: found bytes {bytes} — expected valid {encoding} text")]
    Encoding {
        at: Location,
        encoding: String,
        bytes: String,
    },

    #[error("{at}: this is binary data, not a text table or a workbook — found byte {byte:#04x}")]
    Binary { at: Location, byte: u8 },

    #[error(
        "{at}: line is longer than {limit} bytes without a line break — expected a text table with rows on separate lines"
    )]
    LineTooLong { at: Location, limit: usize },

    #[error("{at}: a quoted field opened here is not closed within {limit} bytes — expected a closing '\"'")]
    UnclosedQuote { at: Location, limit: usize },

    #[error("{at}: {message}")]
    AmbiguousDates { at: Location, message: String },

    #[error("{}", bad_rows_message(file, sheet.as_deref(), *count, rows))]
    BadRows {
        file: String,
        sheet: Option<String>,
        /// How many rows could not be read.
        count: usize,
        /// The first [`MAX_ROW_ERRORS`] of them.
        rows: Vec<RowError>,
    },

    #[error("{file}:1:1: not a workbook: {detail} — expected an .xlsx, .xls, .xlsb or .ods file, or a text table")]
    NotAWorkbook { file: String, detail: String },

    #[error("{file}:1:1: refused: {detail} — expected a workbook within Excel's limits that fits in memory")]
    TooLarge { file: String, detail: String },

    #[error(
        "{file}:1:1: the workbook is password-protected (encrypted) — open it in Excel or WPS, remove the \
         password (File → Info → Protect), save it, and import it again"
    )]
    Encrypted { file: String },

    #[error("{at}: mapping profile: {message}")]
    Profile { at: Location, message: String },

    #[error("{file}:1:1: cannot read the file: {source}")]
    Io {
        file: String,
        #[source]
        source: std::io::Error,
    },
}

impl ImportError {
    /// The place the error points at (for bad rows: the first bad row).
    pub fn location(&self) -> Location {
        match self {
            ImportError::Empty { file }
            | ImportError::NotAWorkbook { file, .. }
            | ImportError::TooLarge { file, .. }
            | ImportError::Encrypted { file }
            | ImportError::Io { file, .. } => Location::new(file, None, 1, 1),
            ImportError::NoRows { at, .. }
            | ImportError::NoHeader { at, .. }
            | ImportError::Encoding { at, .. }
            | ImportError::Binary { at, .. }
            | ImportError::LineTooLong { at, .. }
            | ImportError::UnclosedQuote { at, .. }
            | ImportError::AmbiguousDates { at, .. }
            | ImportError::Profile { at, .. } => at.clone(),
            ImportError::BadRows { file, sheet, rows, .. } => {
                let (line, column) = rows.first().map_or((1, 1), |r| (r.line, r.column));
                Location::new(file, sheet.as_deref(), line, column)
            }
        }
    }
}

fn list_or_none(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_owned()
    } else {
        items.join(", ")
    }
}

fn bad_rows_message(file: &str, sheet: Option<&str>, count: usize, rows: &[RowError]) -> String {
    let Some(first) = rows.first() else {
        return format!("{file}:1:1: {count} rows could not be read");
    };
    let at = Location::new(file, sheet, first.line, first.column);
    let what = if first.column_name.is_empty() {
        format!("expected {}, found {:?}", first.expected, first.text)
    } else {
        format!(
            "column {:?}: expected {}, found {:?}",
            first.column_name, first.expected, first.text
        )
    };
    match count {
        0 | 1 => format!("{at}: {what} — the file was not imported"),
        n => format!("{at}: {what} (and {} more bad rows) — the file was not imported", n - 1),
    }
}

/// At most `max` characters of `text`, with an ellipsis when cut.
pub(crate) fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// What [`ImportError::NoRows`] says: a table with nothing but a header, or a statement file with no entries.
fn no_rows_message(format: Option<&str>) -> String {
    match format {
        Some(format) => format!("this {format} file holds no transactions — no statement in it has an entry"),
        None => "the file has no data rows — nothing but a header, blank lines or total lines".to_owned(),
    }
}
