//! Helpers shared by the workspace tests: a fresh folder per test, and small terminal logs and statements.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use posrecon::import::ImportOptions;
use posrecon::model::Side;

/// A fresh, empty folder under Cargo's temporary directory for tests.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("store-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create test folder");
    dir
}

pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write test file");
    path
}

/// Runs the posrecon binary as the owner would.
pub fn posrecon(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_posrecon"))
        .args(args)
        .output()
        .expect("run posrecon")
}

/// What a command printed, as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

pub fn options(side: Side) -> ImportOptions {
    ImportOptions {
        side,
        ..Default::default()
    }
}

/// A CSV table with one line per (reference, "date time", amount) written by `line(date, time, reference, amount)`.
fn table(header: &str, rows: &[(&str, &str, &str)], line: fn(&str, &str, &str, &str) -> String) -> String {
    let mut text = format!("{header}\n");
    for (reference, when, amount) in rows {
        let (date, time) = when.split_once(' ').unwrap_or((when, "12:00:00"));
        text += &line(date, time, reference, amount);
        text.push('\n');
    }
    text
}

/// A terminal log with one sale per (reference, time, amount).
pub fn terminal_log(rows: &[(&str, &str, &str)]) -> String {
    table(
        "Date,Time,Terminal ID,Reference,Card,Amount,Description",
        rows,
        |date, time, reference, amount| format!("{date},{time},T0001,{reference},622848******1234,{amount},sale"),
    )
}

/// A bank statement with one settlement per (reference, time, amount).
pub fn statement(rows: &[(&str, &str, &str)]) -> String {
    table(
        "Date,Time,Description,Reference,Amount",
        rows,
        |date, time, reference, amount| format!("{date},{time},UnionPay POS settlement,{reference},{amount}"),
    )
}
