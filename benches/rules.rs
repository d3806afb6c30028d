//! Benchmark of the suspicious-entry rules (`engine::rules::run`) on a busy chain's month: 1,000,000 terminal
//! rows over 30 days, 20 terminals, 200,000 cards, a menu of 40 prices, 1 % refunds of earlier sales.
//! Target: all rules well under a second on 2 cores. Run: `cargo bench --no-default-features --bench rules`.

use std::hint::black_box;

use chrono::{Duration, NaiveDate};
use criterion::{Criterion, criterion_group, criterion_main};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use posrecon::engine::rules::{RuleInput, run};
use posrecon::engine::{Config, Report, RowOutcome};
use posrecon::model::{Money, RowRef, Side, SourceId, Txn, TxnKind};

const ROWS: usize = 1_000_000;

fn month_of_sales() -> Vec<Txn> {
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let start = NaiveDate::from_ymd_opt(2026, 10, 1)
        .and_then(|d| d.and_hms_opt(8, 0, 0))
        .unwrap_or_default();
    let menu: Vec<i64> = (0..40).map(|i| 800 + i * 450).collect();
    let cards: Vec<String> = (0..200_000).map(|i| format!("622848******{i:06}")).collect();
    let mut rows: Vec<Txn> = Vec::with_capacity(ROWS);
    for line in 0..ROWS {
        let day = rng.random_range(0..30i64);
        let secs = rng.random_range(0..14 * 3600i64);
        let time = start + Duration::days(day) + Duration::seconds(secs);
        let refund_of = (line > 1000 && rng.random_range(0..100) == 0).then(|| rng.random_range(0..line));
        let txn = match refund_of.and_then(|i| rows.get(i)) {
            Some(sale) if sale.kind == TxnKind::Sale => {
                let mut refund = sale.clone();
                refund.kind = TxnKind::Refund;
                refund.amount = -sale.amount;
                refund.time = sale.time + Duration::hours(2);
                refund
            }
            _ => {
                let price = menu.get(rng.random_range(0..menu.len())).copied().unwrap_or(1000);
                let mut sale = Txn::new(
                    RowRef {
                        source: SourceId(0),
                        line: 0,
                    },
                    Side::Terminal,
                    time,
                    Money::from_minor(price),
                );
                sale.card_masked = cards.get(rng.random_range(0..cards.len())).map(|c| c.as_str().into());
                sale.terminal_id = Some(format!("1029{:04}", rng.random_range(0..20)).into());
                sale.merchant_id = Some("898310058120345".into());
                sale.reference = Some(format!("{:012}", line).into());
                sale
            }
        };
        rows.push(Txn {
            row: RowRef {
                source: SourceId(0),
                line: line as u32 + 2,
            },
            ..txn
        });
    }
    rows
}

fn bench_rules(c: &mut Criterion) {
    let terminal = month_of_sales();
    let report = Report {
        terminal: vec![RowOutcome::default(); terminal.len()],
        ..Report::default()
    };
    let mut config = Config::default();
    config.shop.open_from = chrono::NaiveTime::from_hms_opt(8, 0, 0);
    config.shop.open_to = chrono::NaiveTime::from_hms_opt(22, 0, 0);
    let input = RuleInput {
        terminal: &terminal,
        bank: &[],
        report: &report,
        config: &config,
    };
    let flags = run(&input);
    eprintln!("rules on {} terminal rows: {} flags", terminal.len(), flags.len());
    let mut group = c.benchmark_group("rules");
    group.sample_size(10);
    group.bench_function("run_1m_terminal_rows", |b| b.iter(|| black_box(run(black_box(&input)))));
    group.finish();
}

criterion_group!(benches, bench_rules);
criterion_main!(benches);
