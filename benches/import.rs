//! Benchmark of the whole text import (`import::import_bytes`) against the floor any CSV import has to stand
//! on: the csv crate reading every record of the same bytes into a `ByteRecord` and doing nothing with it.
//! The file is a generated 1M-row terminal log (11 columns, UTF-8, like sample-data/terminal-log.csv);
//! criterion reports bytes per second. Target: the import at ≥ 70 % of the raw pass's throughput.
//! Run: `cargo bench --no-default-features --bench import`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

use posrecon::import::{ImportOptions, import_bytes};
use posrecon::model::{Side, SourceId};

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
        let kind = if state % 50 == 0 { "退货" } else { "消费" };
        let status = if state % 97 == 0 { "失败" } else { "成功" };
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
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
    let mut record = csv::ByteRecord::new();
    let mut fields = 0;
    while reader.read_byte_record(&mut record).unwrap_or(false) {
        fields += record.len();
    }
    fields
}

fn import(c: &mut Criterion) {
    let bytes = terminal_log(ROWS);
    let opts = ImportOptions { side: Side::Terminal, source: SourceId(0), ..ImportOptions::default() };
    match import_bytes("bench.csv", &bytes, &opts) {
        Ok(imported) => assert_eq!(imported.txns.len(), ROWS),
        Err(e) => panic!("the generated log must import: {e}"),
    }
    let mut group = c.benchmark_group("import_1m_rows");
    group.sample_size(10).measurement_time(Duration::from_secs(20)).warm_up_time(Duration::from_secs(2));
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("csv ByteRecord raw pass", |b| b.iter(|| raw_pass(black_box(&bytes))));
    // The imported rows are handed back to criterion and freed outside the timing: freeing 1M rows is the
    // caller's business, not the import's.
    group.bench_function("import_bytes (UTF-8)", |b| {
        b.iter_with_large_drop(|| import_bytes("bench.csv", black_box(&bytes), &opts).ok())
    });
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
