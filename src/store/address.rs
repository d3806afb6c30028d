//! Rows as the owner names them: the file (as every report shows it) and the line, `FILE:LINE` ([`RowAddress`]).
//! A file is named by its path as imported, its bare file name, `#id` (as `workspace status` lists it) or the
//! start of its SHA-256; the line is the file's line (or Excel row), `LINE.2` for the second row read from it
//! (a refunded charge's refund; see [`LineRow`]). Used by `posrecon workspace decide`, which must address rows
//! exactly as the app's review does.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;
use std::str::FromStr;

use super::{RowKey, SourceRecord, StoreError, Workspace, WorkspaceRows, audit};
use crate::engine::RowId;
use crate::model::LineRow;

/// A row as the reports print it and `workspace decide` reads it: `terminal-log.csv:12`, `payments.csv:3.2`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowAddress {
    /// The file as given: its name or path as imported, `#id`, or the start of its SHA-256.
    pub file: String,
    pub at: LineRow,
}

impl FromStr for RowAddress {
    type Err = String;

    /// `FILE:LINE` or `FILE:LINE.N`; the file is everything before the last `:` (a Windows path keeps its own).
    fn from_str(text: &str) -> Result<RowAddress, String> {
        let bad = || format!("expected FILE:LINE such as sales.csv:12 (12.2: line 12's second row), found {text:?}");
        let (file, at) = text.rsplit_once(':').ok_or_else(bad)?;
        let at: LineRow = at.trim().parse().map_err(|_| bad())?;
        if file.trim().is_empty() {
            return Err(bad());
        }
        Ok(RowAddress {
            file: file.trim().to_owned(),
            at,
        })
    }
}

impl fmt::Display for RowAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.at)
    }
}

/// The shortest SHA-256 prefix accepted as a file's name.
const MIN_SHA_PREFIX: usize = 8;

fn names_file(record: &SourceRecord, given: &str) -> bool {
    let bare = Path::new(&record.file_name).file_name().and_then(|n| n.to_str());
    record.file_name == given
        || bare == Some(given)
        || given.strip_prefix('#').is_some_and(|id| id == record.id.to_string())
        || (given.len() >= MIN_SHA_PREFIX && record.sha256.starts_with(&given.to_ascii_lowercase()))
}

impl Workspace {
    /// The imported file `given` names; an error listing the imported files when it names none or several.
    pub fn find_source(&self, given: &str) -> Result<SourceRecord, StoreError> {
        let sources = self.sources()?;
        let mut found: Vec<&SourceRecord> = sources.iter().filter(|r| names_file(r, given)).collect();
        let list = |records: &[&SourceRecord]| {
            records
                .iter()
                .map(|r| format!("#{} {}", r.id, r.file_name))
                .collect::<Vec<_>>()
                .join(", ")
        };
        match found.len() {
            1 => Ok(found.remove(0).clone()),
            0 => Err(StoreError::UnknownFile {
                given: given.to_owned(),
                known: if sources.is_empty() {
                    "none".to_owned()
                } else {
                    list(&sources.iter().collect::<Vec<_>>())
                },
            }),
            _ => Err(StoreError::AmbiguousFile {
                given: given.to_owned(),
                matches: list(&found),
            }),
        }
    }

    /// The row `address` names, as it takes part in this reconcile (`rows`). When the line holds other rows than
    /// the one asked for, the error lists them.
    pub fn find_row(&self, rows: &WorkspaceRows, address: &RowAddress) -> Result<(RowKey, RowId), StoreError> {
        let source = self.find_source(&address.file)?;
        let at = address.at;
        let key = RowKey {
            sha256: source.sha256,
            line: at.line,
            ordinal: at.ordinal,
        };
        if let Some(id) = rows.row_id(&key) {
            return Ok((key, id));
        }
        let held = rows.on_line(&key.sha256, at.line);
        if held.is_empty() {
            return Err(StoreError::NoSuchRow {
                file: source.file_name,
                line: at,
            });
        }
        let bare = bare_name(&source.file_name).to_owned();
        let held = held
            .iter()
            .map(|k| format!("{bare}:{}", k.line_row()))
            .collect::<Vec<_>>()
            .join(", ");
        Err(StoreError::NotOnLine {
            file: source.file_name,
            asked: at,
            held,
        })
    }

    /// The name each file was imported under, by SHA-256 — files removed since included (from the audit log),
    /// so a decision or an entry naming a removed file still reads as a file name.
    pub fn file_names(&self) -> Result<HashMap<String, String>, StoreError> {
        let mut names = audit::imported_names(&self.conn)?;
        for record in self.sources()? {
            names.insert(record.sha256, record.file_name);
        }
        Ok(names)
    }
}

fn bare_name(path: &str) -> &str {
    Path::new(path).file_name().and_then(|n| n.to_str()).unwrap_or(path)
}

/// A row key as the owner reads and types it: `file.csv:12`, `file.csv:12.2` (the file's bare name when known,
/// else its SHA-256 start).
pub fn describe_key(key: &RowKey, names: &HashMap<String, String>) -> String {
    let file = match names.get(&key.sha256) {
        Some(name) => bare_name(name).to_owned(),
        None => format!("{}…", key.sha256.get(..12).unwrap_or(&key.sha256)),
    };
    RowAddress {
        file,
        at: key.line_row(),
    }
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_reads_back_as_printed_whatever_the_file_is_called() {
        for (text, file, line, ordinal) in [
            ("terminal-log.csv:12", "terminal-log.csv", 12, 0),
            ("stripe-payments.csv:3.2", "stripe-payments.csv", 3, 1),
            (r"C:\shop\2026.11 bank.csv:7", r"C:\shop\2026.11 bank.csv", 7, 0),
            ("#4:9.3", "#4", 9, 2),
        ] {
            let read: Result<RowAddress, String> = text.parse();
            assert_eq!(
                read,
                Ok(RowAddress {
                    file: file.to_owned(),
                    at: LineRow { line, ordinal }
                }),
                "{text}"
            );
            assert_eq!(read.map(|a| a.to_string()).unwrap_or_default(), text);
        }
        for bad in [
            "sales.csv",
            ":12",
            "sales.csv:",
            "sales.csv:3.0",
            "sales.csv:3.2x",
            "sales.csv:0",
        ] {
            let error = bad.parse::<RowAddress>().err().unwrap_or_default();
            assert!(
                error.contains("expected FILE:LINE") && error.contains(bad),
                "{bad}: {error}"
            );
        }
    }
}
