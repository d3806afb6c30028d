//! The one place the app calls the importer: reads one file with `import::import_bytes`, guessing its side
//! from the header unless the user set it, and turns the answer into a [`LoadedFile`] the import-check screen
//! shows (format, preview rows, the column each field came from, rows that could not be read). [`LoadedFile`],
//! its [`RowProblem`]s and its [`CurrencyNote`] are defined here (the pipeline reads the files
//! through this module).

use std::path::{Path, PathBuf};

use crate::app::column_guess;
use crate::app::i18n::{self, Language};
use crate::app::read_trouble::Unreadable;
use crate::import::currency::Adopted;
use crate::import::mapping::{Field, Profile};
use crate::import::{self, ImportError, ImportOptions, RowError};
use crate::model::{Side, SourceId, Txn};

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

/// A problem with one row of an imported file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowProblem {
    pub line: u32,
    pub column: Option<String>,
    /// The text found in the cell.
    pub found: String,
    /// What was expected, in plain words.
    pub expected: String,
}

/// One picked file and what reading it gave.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadedFile {
    pub path: PathBuf,
    pub side: Side,
    /// Human-readable format, e.g. "CSV (GBK, comma)".
    pub format: String,
    /// The header row as found, and the first data rows, for the import check preview.
    pub header: Vec<String>,
    pub preview: Vec<Vec<String>>,
    /// For each field the importer recognised: the field's name and the header column it was read from.
    pub columns: Vec<(String, Option<usize>)>,
    /// The column mapping used (detected, from a preset or saved layout, or set by the user).
    pub profile: Profile,
    pub txns: Vec<Txn>,
    /// Rows that could not be read (the first 50): skipped when `skip_bad_rows` was on, else the file was refused.
    pub problems: Vec<RowProblem>,
    /// How many rows could not be read in all.
    pub bad_rows: usize,
    /// The file was refused because of its bad rows (reading it again with "skip bad rows" imports the rest).
    pub refused: bool,
    /// Why the file could not be read at all.
    pub error: Option<crate::app::read_trouble::Unreadable>,
    /// Where its currency came from: stated, assumed (CNY), or taken from the other side's files.
    pub currency: CurrencyNote,
    /// What kind of statement it is (bank account, credit card, payment app, acquirer), when the importer could
    /// tell: the import check shows it with the sign convention it implies.
    pub kind: Option<crate::import::statement_kind::StatementKind>,
}

/// Where a file's currency came from, as the import check says it.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum CurrencyNote {
    /// The file states it (a currency column, signs in the amounts, a preset, the lines above the header, a
    /// Chinese header), or is a structured statement.
    #[default]
    Stated,
    /// The file names none ([`currency::assumed`](crate::import::currency::assumed)) and nothing on the other side named one: read as CNY.
    Assumed,
    /// The file names none and was read in the currency of the other side's files.
    Adopted(Adopted),
}

impl CurrencyNote {
    /// The file names no currency of its own.
    pub fn is_assumed(&self) -> bool {
        !matches!(self, CurrencyNote::Stated)
    }

    /// What the import check says of it, if anything.
    pub fn said(&self, language: Language) -> Option<String> {
        match self {
            CurrencyNote::Stated => None,
            CurrencyNote::Assumed => Some(i18n::currency_assumed(language).to_owned()),
            CurrencyNote::Adopted(adopted) => Some(i18n::currency_adopted(language, adopted)),
        }
    }
}

impl LoadedFile {
    /// The file name without its folder.
    pub fn name(&self) -> String {
        file_name(&self.path)
    }

    pub fn is_usable(&self) -> bool {
        self.error.is_none() && !self.refused
    }
}

/// The file name without its folder (the whole path when it has none).
pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
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
        kind: None,
    };
    let bytes = match crate::import::file_bytes::read(path) {
        Ok(bytes) => bytes,
        Err(error) => {
            loaded.error = Some(Unreadable::of(
                &name,
                &ImportError::Io {
                    file: name.clone(),
                    source: error,
                },
            ));
            return loaded;
        }
    };
    // The raw table, for the preview and the side guess (structured statements have none: they are bank files).
    let given = choices.profile.clone().unwrap_or_default();
    let found = import::read_table(&name, &bytes, &given, &ImportOptions::default());
    // Columns the importer could not name (no header row, or names in unknown words): the rows as they are, so
    // the owner can say which column holds what, with a first guess from the values.
    let unnamed = matches!(found, Err(ImportError::NoHeader { .. }))
        .then(|| column_guess::read(&name, &bytes))
        .flatten();
    let table = found.ok();
    if let Some(found) = &table {
        loaded.header = found.table.header.clone();
        let width = found.table.width();
        loaded.preview = (0..found.table.len().min(PREVIEW_ROWS))
            .map(|r| (0..width).map(|c| found.table.cell(r, c).to_string()).collect())
            .collect();
    } else if let Some(unnamed) = &unnamed {
        loaded.header = unnamed.header.clone();
        loaded.preview = unnamed.rows.iter().take(PREVIEW_ROWS).cloned().collect();
    }
    let saved = (!loaded.header.is_empty()).then(|| {
        let header: Vec<&str> = loaded.header.iter().map(|h| h.trim()).collect();
        choices
            .layouts
            .iter()
            .find(|(h, _)| h.iter().map(|c| c.trim()).eq(header.iter().copied()))
            .map(|(_, profile)| profile.clone())
    });
    let profile = choices.profile.clone().or(saved.flatten());
    let guessed = choices
        .side
        .or_else(|| {
            table
                .as_ref()
                .and_then(|f| import::guess_side_of_header(&f.table.header))
        })
        // A statement without a table (OFX, CAMT, MT940), or a table with no header row at all: banks write those,
        // a terminal log always names its columns.
        .or_else(|| (table.is_none() || column_guess::is_made_up(&loaded.header)).then_some(Side::Bank))
        .unwrap_or(Side::Terminal);
    let options = ImportOptions {
        side: guessed,
        source,
        profile: profile.clone(),
        skip_bad_rows: choices.skip_bad_rows,
        progress: choices.progress.clone(),
    };
    match import::import_bytes(&name, &bytes, &options) {
        Ok(imported) => {
            let details = &imported.details;
            loaded.side = choices.side.or_else(|| import::guess_side(details)).unwrap_or(guessed);
            loaded.format = describe_format(details);
            loaded.kind = details.statement_kind;
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
            let unreadable = Unreadable::of(&name, &error);
            loaded.error = Some(if loaded.header.is_empty() {
                unreadable.without_columns()
            } else {
                unreadable
            });
            // With columns to choose from, the owner's choice (or the suggestion from the values) is shown for
            // correcting; a suggestion is read only once the owner accepts it.
            if let Some(profile) = profile
                .or_else(|| unnamed.map(|u| u.guess))
                .filter(|_| !loaded.header.is_empty())
            {
                loaded.profile = profile;
                loaded.columns = columns(&loaded.profile, &loaded.header);
            }
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
            Some((
                field.name().to_string(),
                header.iter().position(|h| h.trim() == column.trim()),
            ))
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
        assert_eq!(
            refused.side,
            Side::Terminal,
            "terminal and card columns say terminal log"
        );
        let skipped = read_one(
            &path,
            SourceId(0),
            &FileChoices {
                skip_bad_rows: true,
                ..FileChoices::default()
            },
        );
        assert_eq!(
            (skipped.refused, skipped.txns.len(), skipped.problems.len()),
            (false, 1, 1)
        );
        assert_eq!(skipped.preview.len(), 2);
        assert!(
            skipped
                .columns
                .iter()
                .any(|(field, column)| field == "amount" && *column == Some(5))
        );
    }

    #[test]
    fn the_format_line_names_encoding_and_delimiter_once() {
        let path = write(
            "semicolon.csv",
            "Date;Amount;Reference\n2026-11-03 10:00:00;100.00;R1\n",
        );
        let loaded = read_one(&path, SourceId(0), &FileChoices::default());
        assert_eq!(loaded.format.matches("UTF-8").count(), 1, "{}", loaded.format);
        assert_eq!(loaded.format.matches("semicolon").count(), 1, "{}", loaded.format);
    }

    #[test]
    fn a_file_without_a_header_row_can_have_its_columns_chosen_by_number() {
        let path = write(
            "wellsfargo.csv",
            "\"11/24/2026\",\"-89.99\",\"*\",\"\",\"PURCHASE COSTCO\"\r\n\"11/24/2026\",\"1240.00\",\"*\",\"\",\"DEPOSIT SQUARE INC\"\r\n\
             \"11/23/2026\",\"-450.00\",\"*\",\"1043\",\"CHECK 1043\"\r\n",
        );
        let loaded = read_one(&path, SourceId(0), &FileChoices::default());
        assert!(loaded.is_usable(), "{:?}", loaded.error);
        assert!(
            crate::app::column_guess::is_made_up(&loaded.header),
            "{:?}",
            loaded.header
        );
        assert_eq!(loaded.side, Side::Bank, "a file with no header row is a bank's");
        assert_eq!(loaded.preview.len(), 3, "every row is data");
        // The owner says the description is in column 4 instead: the file is read again with that choice.
        let mut profile = loaded.profile.clone();
        let key = crate::app::column_guess::column_key(&loaded.header, 3).expect("column 4");
        profile.columns.insert(Field::Description, key);
        let again = read_one(
            &path,
            SourceId(0),
            &FileChoices {
                profile: Some(profile),
                ..FileChoices::default()
            },
        );
        assert_eq!(
            again.txns.get(2).and_then(|t| t.description.as_deref()),
            Some("1043"),
            "{:?}",
            again.error
        );
        assert_eq!(again.txns.iter().map(|t| t.row.line).collect::<Vec<_>>(), [1, 2, 3]);
    }

    #[test]
    fn a_header_in_unknown_words_is_offered_for_mapping_with_a_suggestion_read_once_accepted() {
        let path = write(
            "fi.csv",
            "Kirjauspäivä;Nro;Selite;Määrä\n24.11.2026;1;Korttiosto K-Market;-12,50\n25.11.2026;2;Tilisiirto Adyen;1.240,00\n",
        );
        let loaded = read_one(&path, SourceId(0), &FileChoices::default());
        assert_eq!(
            loaded.header,
            ["Kirjauspäivä", "Nro", "Selite", "Määrä"],
            "{:?}",
            loaded.error
        );
        assert_eq!(loaded.preview.len(), 2);
        assert!(matches!(
            loaded.error.as_ref().map(|e| &e.trouble),
            Some(crate::app::read_trouble::Trouble::ChooseColumns { .. })
        ));
        assert_eq!(
            loaded.profile.columns.get(&Field::Amount).map(String::as_str),
            Some("Määrä"),
            "suggested, not read"
        );
        assert!(loaded.txns.is_empty());
        let accepted = read_one(
            &path,
            SourceId(0),
            &FileChoices {
                profile: Some(loaded.profile.clone()),
                ..FileChoices::default()
            },
        );
        assert!(accepted.is_usable(), "{:?}", accepted.error);
        assert_eq!(
            accepted.txns.iter().map(|t| t.amount.to_string()).collect::<Vec<_>>(),
            ["-12.50", "1240.00"]
        );
        assert_eq!(accepted.txns.first().map(|t| t.row.line), Some(2));
    }

    #[test]
    fn a_workbook_in_unknown_words_is_offered_for_mapping_too() {
        let path = std::env::temp_dir()
            .join(format!("posrecon-gui-importing-{}", std::process::id()))
            .join("tiliote.xlsx");
        let mut book = rust_xlsxwriter::Workbook::new();
        let rows: [[&str; 3]; 3] = [
            ["Kirjauspäivä", "Selite", "Määrä"],
            ["24.11.2026", "Tilisiirto Adyen", ""],
            ["25.11.2026", "Korttiosto", ""],
        ];
        let fill = |sheet: &mut rust_xlsxwriter::Worksheet| -> Result<(), rust_xlsxwriter::XlsxError> {
            sheet.write_string(0, 0, "Tiliote 1.11.2026-30.11.2026")?;
            for (r, row) in (2u32..).zip(rows) {
                for (c, cell) in (0u16..).zip(row) {
                    if !cell.is_empty() {
                        sheet.write_string(r, c, cell)?;
                    }
                }
            }
            sheet.write_number(3, 2, 1240.0)?;
            sheet.write_number(4, 2, -12.5)?;
            Ok(())
        };
        let written = fill(book.add_worksheet()).and_then(|()| book.save(&path));
        assert!(written.is_ok(), "{written:?}");
        let loaded = read_one(&path, SourceId(0), &FileChoices::default());
        assert_eq!(loaded.header, ["Kirjauspäivä", "Selite", "Määrä"], "{:?}", loaded.error);
        assert!(matches!(
            loaded.error.as_ref().map(|e| &e.trouble),
            Some(crate::app::read_trouble::Trouble::ChooseColumns { .. })
        ));
        let accepted = read_one(
            &path,
            SourceId(0),
            &FileChoices {
                profile: Some(loaded.profile.clone()),
                ..FileChoices::default()
            },
        );
        assert!(accepted.is_usable(), "{:?}", accepted.error);
        assert_eq!(
            accepted.txns.iter().map(|t| t.amount.to_string()).collect::<Vec<_>>(),
            ["1240.00", "-12.50"]
        );
    }

    #[test]
    fn a_file_with_no_columns_to_choose_from_is_not_sent_to_choose_them() {
        let path = write("letter.csv", "Dear customer\nyour statement is attached\nregards\n");
        let loaded = read_one(&path, SourceId(0), &FileChoices::default());
        assert!(loaded.header.is_empty());
        assert_eq!(
            loaded.error.map(|e| e.trouble),
            Some(crate::app::read_trouble::Trouble::NoTable)
        );
    }

    #[test]
    fn a_missing_file_says_so() {
        let loaded = read_one(
            Path::new("/nonexistent/statement.csv"),
            SourceId(0),
            &FileChoices::default(),
        );
        assert_eq!(
            loaded.error.map(|e| e.trouble),
            Some(crate::app::read_trouble::Trouble::Gone)
        );
    }
}
