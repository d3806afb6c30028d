//! The test kit every test binary shares (tests/*/main.rs declare it once: `#[path = "../kit/mod.rs"] mod kit;`).
//! Here: the fixtures and the sample data by name, money and times from short strings, the one builder of a row
//! ([`txn`]), a fresh folder per call ([`temp_dir`]) and the real binary ([`posrecon`]). The modules below hold
//! what one area's tests share.
//!
//! The tests of a binary run as threads of one process: nothing here may depend on the process being the test's
//! own (a folder named after the process id alone would be shared by every test that asks for the same name).
#![allow(dead_code)]

pub mod cli;
pub mod engine;
pub mod formats;
#[cfg(feature = "gui")]
pub mod gui;
pub mod import;
pub mod store;
pub mod truth;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::NaiveDateTime;
use posrecon::model::{Money, RowRef, Side, SourceId, Txn};
use rust_decimal::Decimal;

/// The repository root: the binary runs from here so that `sample-data/…` paths work as given.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The committed sample data (sample-data/).
pub fn sample_dir() -> PathBuf {
    root().join("sample-data")
}

/// A fixture of tests/formats/ by its name there (`unseen/hsbc-hk-debit.csv` for a subfolder).
pub fn fixture_path(name: &str) -> PathBuf {
    root().join("tests/formats").join(name)
}

/// The bytes of a fixture of tests/formats/; panics naming the path.
pub fn fixture(name: &str) -> Vec<u8> {
    let path = fixture_path(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A money value from its text, e.g. `money("-28.16")`.
pub fn money(text: &str) -> Money {
    Money(
        text.parse::<Decimal>()
            .unwrap_or_else(|e| panic!("bad test amount {text}: {e}")),
    )
}

/// A time from `2026-10-05 13:05:09`, or midnight from `2026-10-05`.
pub fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S")
        .or_else(|_| NaiveDateTime::parse_from_str(&format!("{text} 00:00:00"), "%Y-%m-%d %H:%M:%S"))
        .unwrap_or_else(|e| panic!("bad test time {text}: {e}"))
}

/// One row as the importer gives it, on line `line` of its file: terminal rows come from file 0, bank rows from
/// file 1. The caller sets whatever else the row carries.
pub fn txn(side: Side, line: u32, time: NaiveDateTime, amount: Money) -> Txn {
    let source = SourceId(match side {
        Side::Terminal => 0,
        Side::Bank => 1,
    });
    Txn::new(RowRef { source, line }, side, time, amount)
}

/// A fresh, empty folder under Cargo's temporary directory for tests, new at every call: named after `name`, the
/// process and a counter, so tests running side by side never share one.
pub fn temp_dir(name: &str) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create a test folder");
    dir
}

/// Writes a small file and returns its path.
pub fn write(dir: &Path, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, contents).expect("test file written");
    path
}

/// Runs `posrecon ARGS…` as the owner would, from the repository root, without colours.
pub fn posrecon<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    Command::new(env!("CARGO_BIN_EXE_posrecon"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .expect("the posrecon binary runs")
}

/// What a command printed, as text.
pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// What a command printed on stderr, as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}
