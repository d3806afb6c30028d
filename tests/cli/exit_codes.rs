//! Exit codes and error messages of `posrecon reconcile` on small files the tests write: 0 when done, 2 for a
//! missing file or a bad row (with `file:line:column`), `--skip-bad-rows`, 3 only when `--fail-on` finds
//! something; and a formula planted in an input description comes out neutralised in the workbook.

use calamine::{Data, Reader, open_workbook_auto};

use crate::kit::cli::clean_pair;
use crate::kit::{posrecon, stderr, stdout, temp_dir, write};

fn path_arg(p: &std::path::Path) -> String {
    p.display().to_string()
}

#[test]
fn clean_files_exit_0_even_with_fail_on() {
    let dir = temp_dir("clean");
    let (terminal, bank) = clean_pair(&dir, "latte");
    let out = posrecon([
        "reconcile",
        "--terminal",
        &path_arg(&terminal),
        "--bank",
        &path_arg(&bank),
        "--fail-on",
        "low",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}{}", stdout(&out), stderr(&out));
    assert!(
        stdout(&out).contains("Matched"),
        "a summary on stdout: {}",
        stdout(&out)
    );
}

#[test]
fn a_missing_file_exits_2_with_a_plain_message() {
    let dir = temp_dir("missing");
    let (terminal, _) = clean_pair(&dir, "latte");
    let missing = dir.join("no-such-statement.csv");
    let out = posrecon([
        "reconcile",
        "--terminal",
        &path_arg(&terminal),
        "--bank",
        &path_arg(&missing),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains(&format!("{}: no such file", missing.display())), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_bad_amount_exits_2_naming_file_line_and_column_unless_skipped() {
    let dir = temp_dir("bad-amount");
    let (_, bank) = clean_pair(&dir, "latte");
    let terminal = write(
        &dir,
        "terminal-bad.csv",
        "Date,Time,Terminal ID,Reference,Card,Amount,Description\n\
         2026-10-05,13:05:09,T0001,R100001,622848******1234,58.00,tea\n\
         2026-10-05,14:00:00,T0001,R100003,622848******1234,12.3.4,cake\n\
         2026-10-05,15:20:00,T0001,R100002,622848******9876,23.50,coffee\n",
    );
    let out = posrecon([
        "reconcile",
        "--terminal",
        &path_arg(&terminal),
        "--bank",
        &path_arg(&bank),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("{}:3:6", terminal.display())),
        "file:line:column of the bad amount: {err}"
    );
    assert!(err.contains("12.3.4"), "the text found: {err}");

    let json = dir.join("report.json");
    let out = posrecon([
        "reconcile",
        "--terminal",
        &path_arg(&terminal),
        "--bank",
        &path_arg(&bank),
        "--skip-bad-rows",
        "--json",
        &path_arg(&json),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("skipped 1 bad row"), "{}", stderr(&out));
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).expect("report")).expect("json");
    assert_eq!(report["summary"]["terminal_rows"], 2);
}

#[test]
fn bad_flags_and_settings_exit_2() {
    let dir = temp_dir("bad-flags");
    let (terminal, bank) = clean_pair(&dir, "latte");
    let (t, b) = (path_arg(&terminal), path_arg(&bank));
    for extra in [
        ["--fee-rate", "lots"],
        ["--open-hours", "9 to 5"],
        ["--lang", "fr"],
        ["--fail-on", "urgent"],
    ] {
        let out = posrecon(["reconcile", "--terminal", &t, "--bank", &b, extra[0], extra[1]]);
        assert_eq!(out.status.code(), Some(2), "{extra:?}: {}", stderr(&out));
    }
    let config = write(&dir, "posrecon.toml", "[settlement]\nfee_rate = \"abc\"\n");
    let out = posrecon([
        "reconcile",
        "--terminal",
        &t,
        "--bank",
        &b,
        "--config",
        &path_arg(&config),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("posrecon.toml: 2:"), "{}", stderr(&out));
}

#[test]
fn a_formula_in_a_description_is_neutralised_in_the_workbook_and_csv() {
    let dir = temp_dir("formula");
    let formula = "=HYPERLINK(\"http://x\",\"y\")";
    let (terminal, bank) = clean_pair(&dir, formula);
    let (xlsx, csv) = (dir.join("report.xlsx"), dir.join("findings.csv"));
    let out = posrecon([
        "reconcile",
        "--terminal",
        &path_arg(&terminal),
        "--bank",
        &path_arg(&bank),
        "--xlsx",
        &path_arg(&xlsx),
        "--csv",
        &path_arg(&csv),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut book = open_workbook_auto(&xlsx).expect("the workbook opens");
    assert_eq!(
        book.sheet_names(),
        ["Summary", "Findings", "Batches", "Terminal", "Bank"]
    );
    let sheet = book.worksheet_range("Terminal").expect("terminal sheet");
    let cells: Vec<&Data> = sheet.rows().flatten().collect();
    assert!(
        cells.contains(&&Data::String(format!("'{formula}"))),
        "neutralised: {cells:?}"
    );
    assert!(
        !cells.contains(&&Data::String(formula.to_string())),
        "never the live formula"
    );
    assert!(cells.contains(&&Data::Float(58.0)), "amounts stay numbers");
    let findings = std::fs::read(&csv).expect("findings csv");
    assert!(findings.starts_with(b"\xEF\xBB\xBF"));
}

#[test]
fn json_to_stdout_moves_the_summary_to_stderr() {
    let dir = temp_dir("stdout");
    let (terminal, bank) = clean_pair(&dir, "latte");
    let out = posrecon([
        "reconcile",
        "--terminal",
        &path_arg(&terminal),
        "--bank",
        &path_arg(&bank),
        "--json",
        "-",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stdout is the JSON report alone");
    assert_eq!(report["summary"]["terminal_rows"], 2);
    assert_eq!(
        report["rows"][0]["file"],
        path_arg(&terminal).as_str(),
        "the path as given"
    );
    assert_eq!(report["rows"][0]["line"], 2);
    assert!(stderr(&out).contains("Matched"));
}
