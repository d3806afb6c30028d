//! A file that names no currency in the workspace: the workspace remembers that its currency was assumed, and
//! every reconcile gives it the currency of the bank files as they then stand (an English SumUp export imported
//! before its EUR statement is read in EUR once the statement is in, and in CNY again when it is taken out).
//! A workspace written before the column existed still opens, its files stating their currency.

use std::process::Command;

use posrecon::engine::{Config, Status};
use posrecon::model::{Currency, Side};
use posrecon::store::Workspace;

use crate::kit::store::options;
use crate::kit::{fixture_path as fixture, temp_dir};

fn terminal_currencies(ws: &Workspace) -> Vec<Currency> {
    ws.rows().expect("rows").terminal.iter().map(|t| t.currency).collect()
}

#[test]
fn an_export_that_names_no_currency_takes_the_statement_s_whenever_the_statement_comes() {
    let dir = temp_dir("currency-later");
    let mut ws = Workspace::open(&dir.join("shop.posrecon")).expect("workspace");
    let sumup = ws
        .import_file(&fixture("sumup-en.csv"), &options(Side::Terminal))
        .expect("import sumup");
    assert!(
        sumup.source.currency_assumed,
        "the English SumUp export names no currency"
    );
    let rows = ws.rows().expect("rows");
    assert!(rows.adopted.is_empty(), "no statement yet: {:?}", rows.adopted);
    assert!(rows.terminal.iter().all(|t| t.currency == Currency::CNY));

    let statement = ws
        .import_file(&fixture("sumup-en-counterpart.csv"), &options(Side::Bank))
        .expect("import");
    assert!(
        !statement.source.currency_assumed,
        "the statement writes € in its amounts"
    );
    let done = ws.reconcile(&Config::default()).expect("reconcile");
    let adopted: Vec<String> = done.rows.adopted.iter().map(ToString::to_string).collect();
    let name = fixture("sumup-en.csv").display().to_string();
    assert_eq!(
        adopted,
        [format!(
            "{name}: names no currency; read as EUR, the currency of the bank files"
        )]
    );
    assert!(done.rows.terminal.iter().all(|t| t.currency == Currency::EUR));
    let format = &done.rows.sources[0].format;
    assert!(format.ends_with("; currency EUR taken from the bank files"), "{format}");
    // In EUR the payout pays the sales: nothing on the statement is missing.
    assert!(
        done.report.bank.iter().all(|o| o.status != Status::Missing),
        "{:?}",
        done.report.bank
    );

    // The statement taken out: the export reads as CNY again, as it was stored.
    ws.remove_source(statement.source.id).expect("remove");
    assert!(terminal_currencies(&ws).iter().all(|c| *c == Currency::CNY));
    assert!(ws.rows().expect("rows").adopted.is_empty());
}

#[test]
fn a_file_that_states_its_currency_keeps_it_and_is_not_marked() {
    let dir = temp_dir("currency-stated");
    let mut ws = Workspace::open(&dir.join("shop.posrecon")).expect("workspace");
    let statement = ws
        .import_file(&fixture("sumup-en-counterpart.csv"), &options(Side::Bank))
        .expect("import");
    assert!(!statement.source.currency_assumed);
    let chinese = ws
        .import_file(&fixture("lakala-settlement.csv"), &options(Side::Terminal))
        .expect("import");
    assert!(!chinese.source.currency_assumed, "a Chinese header states CNY");
    let rows = ws.rows().expect("rows");
    assert!(rows.adopted.is_empty());
    assert!(
        rows.terminal.iter().all(|t| t.currency == Currency::CNY),
        "a Chinese settlement report stays CNY"
    );
}

#[test]
fn a_workspace_written_before_the_currency_column_opens_and_reconciles() {
    let dir = temp_dir("currency-migrate");
    let path = dir.join("shop.posrecon");
    {
        let mut ws = Workspace::open(&path).expect("workspace");
        ws.import_file(&fixture("sumup-en.csv"), &options(Side::Terminal))
            .expect("import sumup");
        ws.import_file(&fixture("sumup-en-counterpart.csv"), &options(Side::Bank))
            .expect("import statement");
    }
    // Back to format version 1, as a workspace of the previous release was: no currency_assumed column.
    {
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.execute_batch("ALTER TABLE sources DROP COLUMN currency_assumed; PRAGMA user_version = 1;")
            .expect("downgrade");
    }
    let ws = Workspace::open(&path).expect("a version-1 workspace opens");
    let sources = ws.sources().expect("its files are listed");
    assert_eq!(sources.len(), 2);
    assert!(
        sources.iter().all(|s| !s.currency_assumed),
        "files imported before state their currency"
    );
    let done = ws.reconcile(&Config::default()).expect("and reconcile");
    assert_eq!(done.rows.terminal.len(), 4);
    assert!(done.rows.adopted.is_empty());
    let conn = rusqlite::Connection::open(&path).expect("open");
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("version");
    assert_eq!(version, posrecon::store::VERSION);
}

#[test]
fn workspace_reconcile_on_the_command_line_warns_and_status_marks_the_file() {
    let dir = temp_dir("currency-cli");
    let ws = dir.join("shop.posrecon");
    let ws = ws.to_str().expect("utf-8 path");
    let (sumup, statement) = (fixture("sumup-en.csv"), fixture("sumup-en-counterpart.csv"));
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_posrecon"))
            .args(args)
            .output()
            .expect("run")
    };
    let t = sumup.to_str().expect("utf-8 path");
    let out = run(&["workspace", "import", "--workspace", ws, "--terminal", t]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("4 rows, names no currency (reconciled in the bank files' currency"),
        "{stdout}"
    );
    let b = statement.to_str().expect("utf-8 path");
    let out = run(&["workspace", "import", "--workspace", ws, "--bank", b]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let out = run(&["workspace", "reconcile", "--workspace", ws]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("sumup-en.csv: names no currency; read as EUR, the currency of the bank files"),
        "{stderr}"
    );
    let out = run(&["workspace", "status", "--workspace", ws]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout.lines().find(|l| l.contains("sumup-en.csv")).unwrap_or_default();
    assert!(line.ends_with("(names no currency)"), "{stdout}");
}
