//! The one place the app calls the importer: reads one file with `import::import_bytes`, guessing its side
//! from the header unless the user set it, and turns the answer into a [`LoadedFile`] the import-check screen
//! shows (format, preview rows, the column each field came from, rows that could not be read).

use std::path::Path;

use crate::gui::pipeline::{CurrencyNote, LoadedFile, RowProblem};
use crate::import::mapping::{Field, Profile};
use crate::import::{self, ImportError, ImportOptions, RowError};
use crate::model::{Side, SourceId};

/// Rows shown in the import-check preview.
pub const PREVIEW_ROWS: usize = 5;

/// How to read one file.
#[derive(Clone, Default)]
pub struct FileChoices {
    /// The side the user chose; guessed from the content when `None`.
    pub side: Option<Side>,
    /// A column mapping to use instead of detection.
    pub profile: Option<Profile>,
    pub skip_bad_rows: bool,
    /// Saved layouts (header → mapping), used when no mapping is given and the header matches exactly.
    pub layouts: Vec<(Vec<String>, Profile)>,
    /// Told how far the importer has got.
    pub progress: Option<std::sync::Arc<import::ProgressFn>>,
}

/// Reads one file. Never fails: a file that cannot be read comes back with its error and problems.
pub fn read_one(path: &Path, source: SourceId, choices: &FileChoices) -> LoadedFile {
    let name = path.display().to_string();
    let mut loaded = LoadedFile {
        path: path.to_path_buf(),
        side: choices.side.unwrap_or(Side::Terminal),
        format: String::new(),
        header: Vec::new(),
        preview: Vec::new(),
        columns: Vec::new(),
        profile: Profile::default(),
        txns: Vec::new(),
        problems: Vec::new(),
        bad_rows: 0,
        refused: false,
        error: None,
        currency: CurrencyNote::Stated,
    };
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) => {
            loaded.error = Some(ImportError::Io { file: name, source: error }.to_string());
            return loaded;
        }
    };
    // The raw table, for the preview and the side guess (structured statements have none: they are bank files).
    let given = choices.profile.clone().unwrap_or_default();
    let table = import::read_table(&name, &bytes, &given, &ImportOptions::default()).ok();
    if let Some(found) = &table {
        loaded.header = found.table.header.clone();
        let width = found.table.width();
        loaded.preview = (0..found.table.len().min(PREVIEW_ROWS)).map(|r| (0..width).map(|c| found.table.cell(r, c).to_string()).collect()).collect();
    }
    let saved = table.as_ref().and_then(|found| {
        let header: Vec<&str> = found.table.header.iter().map(|h| h.trim()).collect();
        choices.layouts.iter().find(|(h, _)| h.iter().map(|c| c.trim()).eq(header.iter().copied())).map(|(_, profile)| profile.clone())
    });
    let profile = choices.profile.clone().or(saved);
    let guessed = choices
        .side
        .or_else(|| table.as_ref().and_then(|f| import::guess_side_of_header(&f.table.header)))
        .or_else(|| table.is_none().then_some(Side::Bank))
        .unwrap_or(Side::Terminal);
    let options = ImportOptions { side: guessed, source, profile: profile.clone(), skip_bad_rows: choices.skip_bad_rows, progress: choices.progress.clone() };
    match import::import_bytes(&name, &bytes, &options) {
        Ok(imported) => {
            let details = &imported.details;
            loaded.side = choices.side.or_else(|| import::guess_side(details)).unwrap_or(guessed);
            loaded.format = describe_format(details);
            if loaded.header.is_empty() {
                loaded.header = details.header.clone();
            }
            loaded.columns = columns(&details.profile, &loaded.header);
            loaded.profile = details.profile.clone();
            loaded.problems = details.bad_rows.iter().map(problem).collect();
            loaded.bad_rows = details.bad_row_count.max(loaded.problems.len());
            if import::currency::assumed(&imported) {
                loaded.currency = CurrencyNote::Assumed;
            }
            loaded.txns = imported.txns;
        }
        Err(ImportError::BadRows { rows, count, .. }) => {
            loaded.problems = rows.iter().map(problem).collect();
            loaded.bad_rows = count;
            loaded.refused = true;
            loaded.side = guessed;
            loaded.profile = profile.unwrap_or_else(|| Profile::detect(&loaded.header));
            loaded.columns = columns(&loaded.profile, &loaded.header);
        }
        Err(error) => {
            loaded.side = guessed;
            loaded.error = Some(error.to_string());
        }
    }
    loaded
}

/// "CSV (GBK, comma) · preset 银联商务" style. A delimited file's format already names its encoding and
/// delimiter ([`import::assemble`]); only a file read otherwise (a workbook) gets its encoding added here.
fn describe_format(details: &import::ImportDetails) -> String {
    let mut parts = vec![details.format.clone()];
    if details.delimiter.is_none() && !details.encoding.is_empty() && !details.format.contains(&details.encoding) {
        parts.push(details.encoding.clone());
    }
    if let Some(sheet) = &details.sheet {
        parts.push(sheet.clone());
    }
    if let Some(preset) = &details.preset {
        parts.push(preset.clone());
    }
    parts.retain(|p| !p.is_empty());
    parts.join(" · ")
}

/// For each field of the mapping: the field and the header column it was read from.
pub fn columns(profile: &Profile, header: &[String]) -> Vec<(String, Option<usize>)> {
    Field::ALL
        .into_iter()
        .filter_map(|field| {
            let column = profile.columns.get(&field)?;
            Some((field.name().to_string(), header.iter().position(|h| h.trim() == column.trim())))
        })
        .collect()
}

fn problem(error: &RowError) -> RowProblem {
    RowProblem {
        line: error.line,
        column: (!error.column_name.is_empty()).then(|| error.column_name.clone()),
        found: error.text.clone(),
        expected: error.expected.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(name: &str, text: &str) -> std::path::PathBuf {
        let folder = std::env::temp_dir().join(format!("posrecon-gui-importing-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&folder);
        let path = folder.join(name);
        let _ = std::fs::write(&path, text);
        path
    }

    #[test]
    fn a_bad_amount_is_reported_with_its_line_and_column() {
        let path = write(
            "bad.csv",
            "交易日期,交易时间,终端号,商户号,卡号,交易金额,参考号\n2026-11-03,10:00:00,T1,M1,622202******1234,100.00,R1\n2026-11-03,10:05:00,T1,M1,622202******1234,12x.00,R2\n",
        );
        let refused = read_one(&path, SourceId(0), &FileChoices::default());
        assert!(refused.refused && !refused.is_usable());
        assert_eq!(refused.bad_rows, 1);
        let bad = refused.problems.first().expect("the bad row is listed");
        assert_eq!((bad.line, bad.found.as_str()), (3, "12x.00"));
        assert_eq!(refused.side, Side::Terminal, "terminal and card columns say terminal log");
        let skipped = read_one(&path, SourceId(0), &FileChoices { skip_bad_rows: true, ..FileChoices::default() });
        assert_eq!((skipped.refused, skipped.txns.len(), skipped.problems.len()), (false, 1, 1));
        assert_eq!(skipped.preview.len(), 2);
        assert!(skipped.columns.iter().any(|(field, column)| field == "amount" && *column == Some(5)));
    }

    #[test]
    fn the_format_line_names_encoding_and_delimiter_once() {
        let path = write("semicolon.csv", "Date;Amount;Reference\n2026-11-03 10:00:00;100.00;R1\n");
        let loaded = read_one(&path, SourceId(0), &FileChoices::default());
        assert_eq!(loaded.format.matches("UTF-8").count(), 1, "{}", loaded.format);
        assert_eq!(loaded.format.matches("semicolon").count(), 1, "{}", loaded.format);
    }

    #[test]
    fn a_missing_file_says_so() {
        let loaded = read_one(Path::new("/nonexistent/statement.csv"), SourceId(0), &FileChoices::default());
        assert!(loaded.error.as_deref().is_some_and(|e| e.contains("statement.csv")));
    }
}
