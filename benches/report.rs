//! Export throughput: the JSON report, the findings CSV and the workbook for a reconciliation of 100,000
//! terminal rows paid by 1,000 daily settlement credits (one flag per 100 rows), written to memory.
//! Run: `cargo bench --no-default-features --bench report`. Figures in docs/PERFORMANCE.md (`## Exports`).

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use posrecon::engine::{Batch, Flag, Reason, Report, RowId, RowIds, RowOutcome, RuleId, Severity, Status};
use posrecon::model::{Money, RowRef, Side, Source, SourceId, Txn};
use posrecon::report::{self, Lang, Reconciliation};

const TERMINAL_ROWS: usize = 100_000;
const ROWS_PER_BATCH: usize = 100;

struct Data {
    sources: Vec<Source>,
    terminal: Vec<Txn>,
    bank: Vec<Txn>,
    report: Report,
}

fn source(id: u16, path: &str, side: Side) -> Source {
    Source {
        id: SourceId(id),
        path: path.into(),
        side,
        sheet: None,
        format: "CSV".into(),
    }
}

fn data() -> Data {
    let start = NaiveDate::from_ymd_opt(2026, 1, 1)
        .and_then(|d| d.and_hms_opt(8, 0, 0))
        .unwrap_or_default();
    let prices = [650_i64, 1250, 1800, 2990, 3650, 4500, 6800, 9800];
    let mut terminal = Vec::with_capacity(TERMINAL_ROWS);
    let mut outcomes = Vec::with_capacity(TERMINAL_ROWS);
    for i in 0..TERMINAL_ROWS {
        let time = start + chrono::Duration::seconds(i as i64 * 97);
        let mut txn = Txn::new(
            RowRef {
                source: SourceId(0),
                line: i as u32 + 7,
            },
            Side::Terminal,
            time,
            Money::from_minor(prices[i % prices.len()]),
        );
        txn.reference = Some(format!("{:012}", 270_000_000_000_u64 + i as u64).into());
        txn.terminal_id = Some("10293847".into());
        txn.card_masked = Some("622848******1234".into());
        txn.description = Some("消费".into());
        terminal.push(txn);
        let batch = (i / ROWS_PER_BATCH) as u32;
        let mut outcome = RowOutcome {
            status: Status::InBatch,
            counterparts: RowIds::one(RowId::bank(batch as usize)),
            batch: Some(batch),
            ..Default::default()
        };
        if i % ROWS_PER_BATCH == 50 {
            outcome.flags.push(Flag {
                rule: RuleId::DoubleCharge,
                severity: Severity::High,
                reason: Reason {
                    en: "Card charged twice within 2 min.".into(),
                    zh: "卡在 2 分钟内两次扣款。".into(),
                },
                related: vec![],
                accepted: false,
            });
        }
        outcomes.push(outcome);
    }
    let mut bank = Vec::new();
    let mut bank_outcomes = Vec::new();
    let mut batches = Vec::new();
    for (b, rows) in terminal.chunks(ROWS_PER_BATCH).enumerate() {
        let gross: Money = rows.iter().map(|t| t.amount).sum();
        let day = rows.first().map_or(start, |t| t.time);
        let mut credit = Txn::new(
            RowRef {
                source: SourceId(1),
                line: b as u32 + 2,
            },
            Side::Bank,
            day,
            gross,
        );
        credit.date_only = true;
        bank.push(credit);
        let members: Vec<RowId> = (b * ROWS_PER_BATCH..b * ROWS_PER_BATCH + rows.len())
            .map(RowId::terminal)
            .collect();
        bank_outcomes.push(RowOutcome {
            status: Status::InBatch,
            counterparts: members.as_slice().into(),
            batch: Some(b as u32),
            ..Default::default()
        });
        batches.push(Batch {
            id: format!("M1-{b}"),
            merchant_id: Some("M1".into()),
            terminal_id: None,
            first_day: day.date(),
            last_day: day.date(),
            bank: Some(RowId::bank(b)),
            terminal_rows: members,
            gross,
            fees: Money::ZERO,
            expected_net: gross,
            actual: gross,
            difference: Money::ZERO,
            effective_fee_rate: None,
            tied_by: Default::default(),
        });
    }
    let report = Report {
        terminal: outcomes,
        bank: bank_outcomes,
        batches,
        summary: Default::default(),
    };
    Data {
        sources: vec![
            source(0, "terminal-log.csv", Side::Terminal),
            source(1, "bank.csv", Side::Bank),
        ],
        terminal,
        bank,
        report,
    }
}

fn exports(c: &mut Criterion) {
    let data = data();
    let rec = Reconciliation {
        sources: &data.sources,
        terminal: &data.terminal,
        bank: &data.bank,
        report: &data.report,
    };
    let mut group = c.benchmark_group("exports_100k_rows");
    group.sample_size(10);
    group.throughput(Throughput::Elements((data.terminal.len() + data.bank.len()) as u64));
    group.bench_function("json", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(64 << 20);
            report::json::write_report(&rec, Lang::En, Default::default(), &mut out).map(|()| black_box(out.len()))
        })
    });
    group.bench_function("findings_csv", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            report::csv::write_findings(&rec, Lang::Zh, &mut out).map(|()| black_box(out.len()))
        })
    });
    group.bench_function("xlsx", |b| {
        b.iter(|| {
            report::xlsx::workbook(&rec, Lang::Zh)
                .and_then(|mut book| book.save_to_buffer())
                .map(|buf| black_box(buf.len()))
        })
    });
    group.finish();
}

criterion_group!(benches, exports);
criterion_main!(benches);
