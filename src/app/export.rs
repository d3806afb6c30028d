//! Writing the report where the owner chose: the format follows the file's extension (XLSX, CSV, JSON), and
//! when no save dialog can be shown, a new file named by the time in the documents folder.

use std::path::{Path, PathBuf};

use crate::app::reconciled::ReconciledFiles;

/// The export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Xlsx,
    Csv,
    Json,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 3] = [ExportFormat::Xlsx, ExportFormat::Csv, ExportFormat::Json];

    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Xlsx => "xlsx",
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
        }
    }

    /// The format a chosen file name asks for; XLSX when the extension says nothing.
    pub fn from_path(path: &Path) -> ExportFormat {
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default()
            .to_ascii_lowercase();
        ExportFormat::ALL
            .into_iter()
            .find(|f| f.extension() == extension)
            .unwrap_or(ExportFormat::Xlsx)
    }
}

/// Writes the report to `path` in the format its extension names, its labels in `lang`.
pub fn export(reconciled: &ReconciledFiles, path: &Path, lang: crate::report::Lang) -> Result<(), String> {
    use crate::report::Reconciliation;
    let rec = Reconciliation {
        sources: &reconciled.sources,
        terminal: &reconciled.terminal,
        bank: &reconciled.bank,
        report: &reconciled.report,
    };
    let result = match ExportFormat::from_path(path) {
        ExportFormat::Xlsx => crate::report::xlsx::save_workbook(&rec, lang, path),
        ExportFormat::Csv => crate::report::csv::save_findings(&rec, lang, path),
        ExportFormat::Json => {
            crate::report::json::save_report(&rec, lang, crate::report::json::JsonLayout::default(), path)
        }
    };
    result.map_err(|e| e.to_string())
}

/// Where an export goes when no save dialog can be shown: `posrecon-report-2026-11-26-0915.xlsx` in `folder`,
/// never over an earlier one.
pub fn export_fallback(folder: &std::path::Path, now: chrono::NaiveDateTime) -> PathBuf {
    let stem = format!("posrecon-report-{}", now.format("%Y-%m-%d-%H%M"));
    (1..1000)
        .map(|n| {
            if n == 1 {
                format!("{stem}.xlsx")
            } else {
                format!("{stem}-{n}.xlsx")
            }
        })
        .map(|name| folder.join(name))
        .find(|path| !path.exists())
        .unwrap_or_else(|| folder.join(format!("{stem}.xlsx")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_export_without_a_dialog_goes_to_a_new_file_named_by_the_time() {
        let folder = std::env::temp_dir().join(format!("posrecon-export-fallback-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&folder);
        let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 26)
            .and_then(|d| d.and_hms_opt(9, 15, 0))
            .expect("a time");
        let first = export_fallback(&folder, now);
        assert_eq!(first, folder.join("posrecon-report-2026-11-26-0915.xlsx"));
        let _ = std::fs::write(&first, b"earlier");
        assert_eq!(
            export_fallback(&folder, now),
            folder.join("posrecon-report-2026-11-26-0915-2.xlsx"),
            "never over an earlier one"
        );
    }
}
