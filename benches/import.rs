//! Benchmark of the whole text import (`import::import_bytes`) against the floor any CSV import has to stand
//! on: the csv crate reading every record of the same bytes into a `ByteRecord` and doing nothing with it.
//! The file is a generated 1M-row terminal log (11 columns, UTF-8, like sample-data/terminal-log.csv);
//! criterion reports bytes per second. Target: the import at ≥ 70 % of the raw pass's throughput.
//! Run: `cargo bench --no-default-features --bench import`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

use posrecon::import::{ImportOptions, import_bytes};
use posrecon::model::{Money, RowRef, Side, SourceId, Txn};
use rust_decimal::Decimal;

const ROWS: usize = 1_000_000;

/// A terminal log of `rows` rows under a short preamble, with a 合计 line at the end. Deterministic.
fn terminal_log(rows: usize) -> Vec<u8> {
    let mut out = String::with_capacity(rows * 120);
    out.push_str("商户名称：测试便利店\n商户编号：898310058120345\n\n");
    out.push_str("商户号,终端号,交易时间,交易类型,凭证号,参考号,卡号,交易金额,手续费,结算金额,交易状态\n");
    let mut state = 0x2545_f491_u64;
    for i in 0..rows {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let cents = 100 + state % 50_000;
        let fee = cents * 6 / 1000;
        let second = i as u64 * 2;
        let (day, rest) = (1 + second / 86_400 % 28, second % 86_400);
        let kind = if state.is_multiple_of(50) { "退货" } else { "消费" };
        let status = if state.is_multiple_of(97) { "失败" } else { "成功" };
        out.push_str(&format!(
            "898310058120345,1029384{},2026-10-{day:02} {:02}:{:02}:{:02},{kind},{:06},{:012},622848******{:04},{}.{:02},{}.{:02},{}.{:02},{status}\n",
            state % 2,
            rest / 3600,
            rest / 60 % 60,
            rest % 60,
            i % 1_000_000,
            state % 1_000_000_000_000,
            state % 10_000,
            cents / 100,
            cents % 100,
            fee / 100,
            fee % 100,
            (cents - fee) / 100,
            (cents - fee) % 100,
        ));
    }
    out.push_str(&format!("合计,共{rows}笔,,,,,,,,,\n"));
    out.into_bytes()
}

/// The floor: every record of the file through the csv crate, nothing else.
fn raw_pass(bytes: &[u8]) -> usize {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut record = csv::ByteRecord::new();
    let mut fields = 0;
    while reader.read_byte_record(&mut record).unwrap_or(false) {
        fields += record.len();
    }
    fields
}

/// The floor under any import that hands back one [`Txn`] per row: `rows` rows written into fresh memory on as
/// many threads as the import reads on, each a [`Txn::new`] with a few fields set and nothing read from the file.
/// On this 2-core VM, writing 1M 256-byte rows into memory the kernel must first hand out and zero costs about as
/// much wall time as the raw csv pass itself (docs/PERFORMANCE.md, "Where the time goes").
fn write_floor(rows: usize) -> Vec<Vec<Txn>> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(4);
    let per_thread = rows.div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|k| {
                scope.spawn(move || {
                    let mut out = Vec::with_capacity(per_thread);
                    let when = chrono::NaiveDate::from_ymd_opt(2026, 10, 1)
                        .unwrap_or_default()
                        .and_time(chrono::NaiveTime::MIN);
                    for i in 0..per_thread {
                        let line = (k * per_thread + i) as u32;
                        let row = RowRef {
                            source: SourceId(0),
                            line,
                        };
                        let mut txn = Txn::new(row, Side::Terminal, when, Money(Decimal::new(i64::from(line), 2)));
                        txn.fee = Some(Money(Decimal::new(1, 2)));
                        out.push(txn);
                    }
                    out
                })
            })
            .collect();
        handles.into_iter().filter_map(|h| h.join().ok()).collect()
    })
}

/// CPU time of this process so far (all threads, user + system), from /proc/self/stat; None where there is none.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after_name = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    // Fields 14 and 15 of the file (utime, stime) are the 12th and 13th after the command name.
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10)) // USER_HZ is 100 on Linux
}

/// Wall and CPU time of a few single runs, and the machine's load, printed next to criterion's figures: the
/// import uses several threads, the raw pass one, so wall time alone does not tell the whole story.
/// What the runs return is freed after the clocks are read.
fn wall_and_cpu<T>(label: &str, runs: u32, mut f: impl FnMut() -> T) {
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let mut results = Vec::new();
    let (cpu0, wall0) = (cpu_time(), std::time::Instant::now());
    for _ in 0..runs {
        results.push(f());
    }
    let wall = wall0.elapsed() / runs;
    let cpu = cpu_time().zip(cpu0).map(|(b, a)| (b - a) / runs);
    drop(results);
    let load = load.split_whitespace().next().unwrap_or("?");
    let cpu = cpu.map_or("?".to_owned(), |c| format!("{} ms", c.as_millis()));
    println!(
        "{label}: wall {} ms, CPU {cpu} per run (mean of {runs}; load average {load})",
        wall.as_millis()
    );
}

/// Rows of the file when not benchmarking: `cargo test --all-targets` runs this once in a debug build, where the
/// 1M-row file and the plain runs would take minutes; 50k rows (5.5 MB) are still read in two parts.
const TEST_ROWS: usize = 50_000;

fn import(c: &mut Criterion) {
    let benching = std::env::args().any(|a| a == "--bench");
    let rows = if benching { ROWS } else { TEST_ROWS };
    let bytes = terminal_log(rows);
    let opts = ImportOptions {
        side: Side::Terminal,
        source: SourceId(0),
        ..ImportOptions::default()
    };
    match import_bytes("bench.csv", &bytes, &opts) {
        Ok(imported) => {
            assert_eq!(imported.txns.len(), rows);
            let lines: Vec<u32> = imported.txns.iter().map(|t| t.row.line).collect();
            assert!(
                lines.first() == Some(&5) && lines.windows(2).all(|w| w[0] + 1 == w[1]),
                "rows out of order"
            );
        }
        Err(e) => panic!("the generated log must import: {e}"),
    }
    if benching {
        wall_and_cpu("raw ByteRecord pass", 5, || raw_pass(black_box(&bytes)));
        wall_and_cpu("import_bytes", 3, || {
            import_bytes("bench.csv", black_box(&bytes), &opts).ok()
        });
        wall_and_cpu("floor: 1M Txns written, nothing parsed", 3, || {
            write_floor(black_box(ROWS))
        });
    }
    let mut group = c.benchmark_group("import_1m_rows");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20))
        .warm_up_time(Duration::from_secs(2));
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("csv ByteRecord raw pass", |b| b.iter(|| raw_pass(black_box(&bytes))));
    // The imported rows are handed back to criterion and freed outside the timing: freeing 1M rows is the
    // caller's business, not the import's.
    group.bench_function("import_bytes (UTF-8)", |b| {
        b.iter_with_large_drop(|| import_bytes("bench.csv", black_box(&bytes), &opts).ok())
    });
    group.bench_function("floor: Txns written, nothing parsed", |b| {
        b.iter_with_large_drop(|| write_floor(black_box(rows)))
    });
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
