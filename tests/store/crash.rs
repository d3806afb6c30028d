//! A power cut or a killed process mid-import must leave the workspace readable and each import whole or
//! absent. This runs the real binary (`posrecon workspace import`) on a large generated terminal log and kills
//! it with SIGKILL (`Child::kill`) at random moments, at least 50 times, checking the workspace after each kill.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use posrecon::store::Workspace;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::kit::temp_dir;

/// Rows of the generated log: enough that the write takes a good share of the import.
const ROWS: u64 = 10_000;
const KILLS: usize = 50;

fn big_terminal_log(path: &Path) {
    let mut text = String::from("Date,Time,Terminal ID,Reference,Card,Amount,Description\n");
    for i in 0..ROWS {
        let (day, hour, minute, second) = (1 + i % 28, 8 + (i / 28) % 14, (i / 392) % 60, i % 60);
        let (yuan, fen) = (i % 997 + 1, i % 100);
        text += &format!(
            "2026-10-{day:02},{hour:02}:{minute:02}:{second:02},T0001,R{i:07},622848******{:04},{yuan}.{fen:02},sale\n",
            i % 10_000
        );
    }
    std::fs::write(path, text).expect("write the large log");
}

fn import(workspace: &Path, log: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_posrecon"))
        .args(["workspace", "import", "--workspace"])
        .arg(workspace)
        .arg("--terminal")
        .arg(log)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start posrecon")
}

/// Opens the workspace as the next session would and checks it: SQLite's integrity check passes, every
/// import is whole, no row is without its import, and the audit log has one intact entry per import.
/// Returns how many imports it holds.
fn check(workspace: &Path, context: &str) -> usize {
    let ws = Workspace::open(workspace).unwrap_or_else(|e| panic!("{context}: workspace does not open: {e}"));
    assert!(
        ws.integrity_ok().expect("integrity check runs"),
        "{context}: PRAGMA integrity_check is not ok"
    );
    let sources = ws.sources().expect("sources");
    let conn = ws.connection();
    for source in &sources {
        let stored: u64 = conn
            .query_row("SELECT COUNT(*) FROM rows WHERE source_id = ?1", [source.id], |r| {
                r.get(0)
            })
            .expect("count rows");
        assert_eq!(
            (source.row_count, stored),
            (ROWS, ROWS),
            "{context}: import #{} is not whole",
            source.id
        );
    }
    let all: u64 = conn
        .query_row("SELECT COUNT(*) FROM rows", [], |r| r.get(0))
        .expect("count all rows");
    assert_eq!(all, ROWS * sources.len() as u64, "{context}: rows without their import");
    let log = ws.verify_log().expect("verify log");
    assert_eq!(log.first_broken, None, "{context}");
    assert_eq!(
        log.entries,
        sources.len() as u64,
        "{context}: one audit entry per import"
    );
    sources.len()
}

#[test]
fn an_import_killed_at_any_moment_is_whole_or_absent() {
    let dir = temp_dir("crash");
    let log = dir.join("terminal-large.csv");
    big_terminal_log(&log);

    // One import left to finish: how long a whole import takes on this machine, now.
    let started = Instant::now();
    let status = import(&dir.join("calibrate.posrecon"), &log).wait().expect("wait");
    let whole = started.elapsed();
    assert!(status.success(), "an uninterrupted import succeeds");
    assert_eq!(check(&dir.join("calibrate.posrecon"), "uninterrupted"), 1);

    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(7, |d| d.as_nanos() as u64);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    // Generous: on a loaded machine a run and the check after it take longer than the calibration said.
    let deadline = Instant::now() + whole * 80 + Duration::from_secs(60);
    let (mut kills, mut finished, mut generation) = (0, 0, 0);
    // When imports get faster than the calibration (a warm cache, a quieter machine), a wait can outlast the
    // import and nothing is killed; each such miss draws the later kill moments from a shorter span.
    let mut span = 1.0_f64;
    let mut workspace = dir.join("ws-0.posrecon");
    while kills < KILLS && Instant::now() < deadline {
        // Mostly late in the run, where the rows are being written.
        let wait = whole.mul_f64(span * rng.random_range(0.1..1.0));
        let mut child = import(&workspace, &log);
        std::thread::sleep(wait);
        let context = format!("seed {seed}, kill after {wait:?} (whole import {whole:?})");
        if child.try_wait().expect("poll").is_none() {
            child.kill().expect("SIGKILL");
            kills += 1;
        } else {
            span = (span * 0.8).max(0.05);
        }
        let _ = child.wait();
        if check(&workspace, &context) > 0 {
            // The import got through; the next kills need a workspace without this file.
            finished += 1;
            generation += 1;
            workspace = dir.join(format!("ws-{generation}.posrecon"));
        }
    }
    assert!(
        kills >= KILLS,
        "only {kills} kills in the time allowed (seed {seed}, whole import {whole:?})"
    );
    eprintln!("{kills} kills, {finished} imports finished before their kill; whole import {whole:?}");
}
