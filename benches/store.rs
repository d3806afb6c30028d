//! Benchmark of the workspace store: importing a 50,000-row terminal log into a fresh workspace file (parse +
//! one transaction with the rows, the source record and the audit entry, synced to disk), importing a 50,000-row
//! statement that overlaps an earlier export by half (the merge comparison), and loading 100,000 stored rows
//! back for a reconcile. The floor for the first is `import::import_bytes` of the same bytes alone. Then the
//! decisions: writing one (the app does it on its UI thread) and replaying the stored ones on 100,000 rows.
//! Run: `cargo bench --no-default-features --bench store`.

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

use posrecon::engine::{Decision, RowId};
use posrecon::import::{ImportOptions, import_bytes};
use posrecon::model::Side;
use posrecon::store::Workspace;

const ROWS: usize = 50_000;
/// Decisions made by hand in the replay benchmark's workspace (a busy year of them).
const DECISIONS: usize = 1_000;

fn terminal_log(rows: usize) -> Vec<u8> {
    let mut text = String::from("Date,Time,Terminal ID,Reference,Card,Amount,Description\n");
    for i in 0..rows {
        let _ = writeln!(
            text,
            "2026-10-{:02},{:02}:{:02}:{:02},T0001,R{i:07},622848******{:04},{}.{:02},sale",
            1 + i % 28,
            8 + (i / 28) % 14,
            (i / 392) % 60,
            i % 60,
            i % 10_000,
            i % 997 + 1,
            i % 100
        );
    }
    text.into_bytes()
}

/// A statement of `rows` settlements starting at row `from` (so two calls overlap where their ranges do).
fn statement(from: usize, rows: usize) -> Vec<u8> {
    let mut text = String::from("Date,Time,Description,Reference,Amount\n");
    for i in from..from + rows {
        let _ = writeln!(
            text,
            "2026-{:02}-{:02},12:{:02}:{:02},UnionPay POS settlement,B{i:07},{}.{:02}",
            1 + (i / 2800) % 12,
            1 + (i / 100) % 28,
            (i / 60) % 60,
            i % 60,
            i % 997 + 1,
            i % 100
        );
    }
    text.into_bytes()
}

fn fresh(dir: &Path, n: &mut usize) -> PathBuf {
    *n += 1;
    let path = dir.join(format!("bench-{n}.posrecon"));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    path
}

fn bench(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("store-bench");
    let _ = std::fs::create_dir_all(&dir);
    let terminal = terminal_log(ROWS);
    let early = statement(0, ROWS);
    let late = statement(ROWS / 2, ROWS);
    let mut n = 0;
    let mut group = c.benchmark_group("store");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20))
        .throughput(Throughput::Elements(ROWS as u64));

    let opts = ImportOptions {
        side: Side::Terminal,
        ..Default::default()
    };
    group.bench_function("parse_only_50k", |b| {
        b.iter(|| black_box(import_bytes("terminal.csv", &terminal, &opts).map(|i| i.txns.len())))
    });
    group.bench_function("import_50k_into_workspace", |b| {
        b.iter(|| {
            let mut ws = Workspace::open(&fresh(&dir, &mut n)).expect("open");
            black_box(ws.import_bytes("terminal.csv", &terminal, &opts).map(|s| s.rows))
        })
    });
    let bank = ImportOptions {
        side: Side::Bank,
        ..Default::default()
    };
    group.bench_function("import_50k_statement_overlapping_by_half", |b| {
        b.iter_batched(
            || {
                let mut ws = Workspace::open(&fresh(&dir, &mut n)).expect("open");
                ws.import_bytes("early.csv", &early, &bank).expect("early export");
                ws
            },
            |mut ws| {
                let added = ws.import_bytes("late.csv", &late, &bank).expect("late export");
                assert_eq!(added.merged, ROWS / 2);
            },
            criterion::BatchSize::PerIteration,
        )
    });
    let mut ws = Workspace::open(&fresh(&dir, &mut n)).expect("open");
    ws.import_bytes("terminal.csv", &terminal, &opts).expect("terminal");
    ws.import_bytes("early.csv", &early, &bank).expect("statement");
    group.throughput(Throughput::Elements(2 * ROWS as u64));
    group.bench_function("load_100k_rows", |b| {
        b.iter(|| black_box(ws.rows().map(|r| r.terminal.len())))
    });

    // The app writes each decision from its UI thread: one transaction with its audit entry, synced.
    let rows = ws.rows().expect("rows");
    let notes: Vec<Decision> = (0..DECISIONS)
        .map(|i| Decision::Note {
            row: RowId::terminal(i * 37 % ROWS),
            text: format!("checked {i}"),
        })
        .collect();
    let mut next = notes.iter().cycle();
    group.throughput(Throughput::Elements(1));
    group.bench_function("record_one_decision", |b| {
        b.iter(|| black_box(next.next().map(|d| ws.record_decision(d, &rows))))
    });
    // Every reconcile (and opening the app) replays the stored decisions onto the rows.
    let stored = ws.decisions().expect("decisions");
    group.throughput(Throughput::Elements(stored.len() as u64));
    group.bench_function("replay_stored_decisions_on_100k_rows", |b| {
        b.iter(|| black_box(posrecon::store::decisions::replay(&stored, &rows).0.len()))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
