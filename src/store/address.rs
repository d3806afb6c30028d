//! Rows as the owner names them: the file (as every report shows it) and the line. A file is named by its path
//! as imported, its bare file name, `#id` (as `workspace status` lists it) or the start of its SHA-256; the line
//! is the file's line (or Excel row). Used by `posrecon workspace decide`, which must address rows exactly as
//! the app's review does.

use std::collections::HashMap;
use std::path::Path;

use super::{RowKey, SourceRecord, StoreError, Workspace, WorkspaceRows, audit};
use crate::engine::RowId;

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
            records.iter().map(|r| format!("#{} {}", r.id, r.file_name)).collect::<Vec<_>>().join(", ")
        };
        match found.len() {
            1 => Ok(found.remove(0).clone()),
            0 => Err(StoreError::UnknownFile {
                given: given.to_owned(),
                known: if sources.is_empty() { "none".to_owned() } else { list(&sources.iter().collect::<Vec<_>>()) },
            }),
            _ => Err(StoreError::AmbiguousFile { given: given.to_owned(), matches: list(&found) }),
        }
    }

    /// The row on `line` of the file `file` names, as it takes part in this reconcile (`rows`).
    pub fn find_row(&self, rows: &WorkspaceRows, file: &str, line: u32) -> Result<(RowKey, RowId), StoreError> {
        let source = self.find_source(file)?;
        let key = RowKey { sha256: source.sha256, line };
        match rows.row_id(&key) {
            Some(id) => Ok((key, id)),
            None => Err(StoreError::NoSuchRow { file: source.file_name, line }),
        }
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

/// A row key as the owner reads it: `file.csv line 12` (the file's bare name when known, else its SHA-256 start).
pub fn describe_key(key: &RowKey, names: &HashMap<String, String>) -> String {
    let file = match names.get(&key.sha256) {
        Some(name) => Path::new(name).file_name().and_then(|n| n.to_str()).unwrap_or(name).to_owned(),
        None => format!("{}…", key.sha256.get(..12).unwrap_or(&key.sha256)),
    };
    format!("{file}:{}", key.line)
}
