//! The committed sample-data/ is exactly what the generator writes (seed 42), and every file in it imports
//! with zero errors, the row counts, header lines and 合计 lines truth.json names, and card numbers masked.

use std::path::{Path, PathBuf};

use posrecon::import::{ImportOptions, import_path};
use posrecon::model::SourceId;
use posrecon::samplegen::truth::Truth;
use posrecon::samplegen::{SampleOptions, generate, write_to_dir};

use crate::kit::{sample_dir, temp_dir};

fn committed_truth() -> Truth {
    let text = std::fs::read_to_string(sample_dir().join("truth.json")).expect("sample-data/truth.json is committed");
    serde_json::from_str(&text).expect("truth.json parses")
}

/// A fresh folder ([`temp_dir`]), removed again when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        TempDir(temp_dir(name))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The files under `dir`, subfolders included, as paths relative to sample-data/ with `/` between folders.
fn files_under(dir: &Path, prefix: &str) -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)
        .expect("sample-data/ exists")
        .filter_map(|e| e.ok())
    {
        let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            out.extend(files_under(&entry.path(), &format!("{name}/")));
        } else {
            out.push(name);
        }
    }
    out
}

#[test]
fn regenerating_writes_the_committed_files_byte_for_byte() {
    let set = generate(&SampleOptions::default()).expect("the generator runs");
    let tmp = TempDir::new("regen");
    write_to_dir(&set, &tmp.0).expect("writes into a temp dir");
    let mut committed = files_under(&sample_dir(), "");
    committed.sort();
    let mut generated: Vec<String> = set.files.iter().map(|f| f.path.clone()).collect();
    generated.sort();
    assert_eq!(
        committed, generated,
        "sample-data/ holds other files than the generator writes"
    );
    let mut total = 0;
    for file in &set.files {
        let fresh = std::fs::read(tmp.0.join(&file.path)).expect("written");
        let old = std::fs::read(sample_dir().join(&file.path)).expect("committed");
        assert!(
            fresh == old,
            "{} differs from the generator's output: run `cargo run --example gen-sample-data`",
            file.path
        );
        total += old.len();
    }
    assert!(total < 2 * 1024 * 1024, "sample-data/ is {total} bytes, over 2 MB");
}

#[test]
fn every_sample_file_imports_without_errors_with_the_rows_truth_names() {
    let truth = committed_truth();
    assert!(!truth.clean);
    for (n, file) in truth.files.iter().enumerate() {
        let path = sample_dir().join(&file.path);
        let opts = ImportOptions {
            side: file.side,
            source: SourceId(n as u16),
            profile: None,
            skip_bad_rows: false,
            ..Default::default()
        };
        let imported = match import_path(&path, &opts) {
            Ok(imported) => imported,
            Err(e) => panic!("{} does not import: {e}", file.path),
        };
        let details = &imported.details;
        assert_eq!(
            details.bad_row_count, 0,
            "{}: bad rows {:?}",
            file.path, details.bad_rows
        );
        assert_eq!(imported.txns.len(), file.rows, "{}: row count", file.path);
        assert_eq!(details.header_line, file.header_line, "{}: header line", file.path);
        let summary: Vec<u32> = details.skipped_summary_lines.iter().map(|s| s.line).collect();
        assert_eq!(summary, file.summary_lines, "{}: skipped 合计 lines", file.path);
        let first = imported.txns.first().map(|t| t.row.line);
        assert_eq!(first, Some(file.header_line + 1), "{}: the first row's line", file.path);
        let last = imported.txns.last().map(|t| t.row.line);
        assert_eq!(
            last,
            Some(file.header_line + file.rows as u32),
            "{}: the last row's line",
            file.path
        );
        assert!(
            imported
                .txns
                .iter()
                .all(|t| t.side == file.side && t.row.source == SourceId(n as u16))
        );
    }
}

#[test]
fn card_numbers_written_in_clear_come_out_masked() {
    let truth = committed_truth();
    let mut clear_rows = 0;
    for (n, file) in truth.files.iter().enumerate() {
        let opts = ImportOptions {
            side: file.side,
            source: SourceId(n as u16),
            ..Default::default()
        };
        let Ok(imported) = import_path(&sample_dir().join(&file.path), &opts) else {
            panic!("{} does not import", file.path)
        };
        for txn in &imported.txns {
            if let Some(card) = txn.card_masked.as_deref() {
                let digits = card.chars().filter(char::is_ascii_digit).count();
                let longest_run = card
                    .split(|c: char| !c.is_ascii_digit())
                    .map(str::len)
                    .max()
                    .unwrap_or(0);
                assert!(
                    digits <= 10 && longest_run <= 6,
                    "{}:{}: card {card:?} not masked",
                    file.path,
                    txn.row.line
                );
            }
        }
        for line in &file.clear_card_lines {
            let Some(txn) = imported.txns.iter().find(|t| t.row.line == *line) else {
                panic!("{}:{line}: no row", file.path)
            };
            let masked = txn.card_masked.as_deref().unwrap_or("");
            assert!(
                masked.contains('*'),
                "{}:{line}: card {masked:?} should be masked",
                file.path
            );
            assert_eq!(
                masked.chars().filter(char::is_ascii_digit).count(),
                10,
                "{}:{line}: first 6 + last 4",
                file.path
            );
            clear_rows += 1;
        }
    }
    assert!(clear_rows >= 2, "truth.json names rows with card numbers in clear");
}
