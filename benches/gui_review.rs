//! The review table with 1M result rows: the time to build the view of one frame and lay it out (target
//! < 16 ms), and the time to filter and sort the rows (target < 100 ms). Figures go to docs/PERFORMANCE.md
//! under "Review table". Run: `cargo bench --bench gui_review`.

use std::hint::black_box;
use std::path::PathBuf;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use iced_test::core::renderer::Headless;
use iced_test::runtime::{UserInterface, user_interface};
use posrecon::app::i18n::Language;
use posrecon::app::importing::LoadedFile;
use posrecon::app::reconciled::ReconciledFiles;
use posrecon::app::review_ledger::{Focus, Query, ReviewLedger, SortColumn};
use posrecon::engine::{Flag, Reason, Report, RowOutcome, RuleId, Severity, Status};
use posrecon::gui::screen::review::Review;
use posrecon::gui::theme;
use posrecon::model::{Money, RowRef, Side, SourceId, Txn};

/// 1M rows in all under `cargo bench`; `cargo test --all-targets` runs each benchmark once as a smoke test
/// (in a debug build), on a small set so the test run stays quick.
fn rows_per_side() -> usize {
    if std::env::args().any(|a| a == "--bench") {
        500_000
    } else {
        5_000
    }
}

/// 1M rows (half terminal, half bank) with a spread of statuses and flags, as the engine would report them.
fn million() -> ReconciledFiles {
    let rows_per_side = rows_per_side();
    let start = NaiveDate::from_ymd_opt(2026, 1, 1)
        .and_then(|d| d.and_hms_opt(8, 0, 0))
        .unwrap_or_default();
    let mut terminal = Vec::with_capacity(rows_per_side);
    let mut bank = Vec::with_capacity(rows_per_side);
    let mut report = Report::default();
    for i in 0..rows_per_side {
        let time = start + chrono::Duration::seconds(i as i64 * 37);
        let fen = 500 + (i as i64 * 7919) % 200_000;
        let mut t = Txn::new(
            RowRef {
                source: SourceId(0),
                line: i as u32 + 2,
            },
            Side::Terminal,
            time,
            Money::from_minor(fen),
        );
        t.reference = Some(format!("RRN{i:09}").into());
        t.terminal_id = Some(format!("T{:04}", i % 7).into());
        t.card_masked = Some(format!("622202******{:04}", i % 9973).into());
        terminal.push(t);
        let mut b = Txn::new(
            RowRef {
                source: SourceId(1),
                line: i as u32 + 2,
            },
            Side::Bank,
            time + chrono::Duration::minutes(5),
            Money::from_minor(fen),
        );
        b.description = Some("银联商户入账".into());
        bank.push(b);
        let status = match i % 20 {
            0 => Status::Missing,
            1 => Status::Duplicate,
            2 => Status::InBatch,
            _ => Status::Matched,
        };
        let flags = if i % 50 == 0 {
            vec![Flag {
                rule: RuleId::OffHours,
                severity: Severity::Low,
                reason: Reason {
                    en: "Outside opening hours".into(),
                    zh: "非营业时间".into(),
                },
                related: vec![],
                accepted: false,
            }]
        } else {
            vec![]
        };
        report.terminal.push(RowOutcome {
            status,
            flags: flags.into(),
            ..RowOutcome::default()
        });
        report.bank.push(RowOutcome {
            status,
            ..RowOutcome::default()
        });
    }
    let ledger = ReviewLedger::build(&terminal, &bank, &report);
    let tally = ledger.tally();
    let file = |name: &str, side| LoadedFile {
        path: PathBuf::from(name),
        side,
        format: "bench".into(),
        header: vec![],
        preview: vec![],
        columns: vec![],
        profile: Default::default(),
        txns: vec![],
        problems: vec![],
        bad_rows: 0,
        refused: false,
        error: None,
        currency: Default::default(),
        kind: None,
    };
    ReconciledFiles {
        files: vec![file("terminal.csv", Side::Terminal), file("bank.csv", Side::Bank)],
        terminal,
        bank,
        report,
        ledger,
        tally,
        ..ReconciledFiles::default()
    }
}

fn bench(c: &mut Criterion) {
    let reconciled = million();
    assert_eq!(reconciled.ledger.len(), 2 * rows_per_side());

    let mut group = c.benchmark_group("review_table_1m");
    group.sample_size(10);
    group.bench_function("filter_missing_sort_amount", |b| {
        let query = Query {
            focus: Focus::MissingInBank,
            sort: SortColumn::Amount,
            descending: true,
            ..Query::default()
        };
        b.iter(|| black_box(reconciled.ledger.select(&query)).len())
    });
    group.bench_function("sort_all_by_amount", |b| {
        let query = Query {
            sort: SortColumn::Amount,
            ..Query::default()
        };
        b.iter(|| black_box(reconciled.ledger.select(&query)).len())
    });
    group.bench_function("search_all_text", |b| {
        let query = Query {
            search: "rrn00012".into(),
            ..Query::default()
        };
        b.iter(|| black_box(reconciled.ledger.select(&query)).len())
    });

    // One frame: build the review screen's view (scrolled to the middle of 1M rows) and lay it out.
    iced_test::renderer::graphics::text::font_system()
        .write()
        .map(|mut fonts| fonts.load_font(theme::FONT_BYTES.into()))
        .unwrap_or(());
    let mut renderer = iced::futures::executor::block_on(<iced_test::renderer::Renderer as Headless>::new(
        theme::FONT,
        theme::TEXT.into(),
        Some("tiny-skia"),
    ))
    .expect("a headless renderer");
    let mut review = Review::default();
    review.reset(&reconciled);
    review.viewport_height = 700.0;
    review.scroll_y = theme::ROW_HEIGHT * rows_per_side() as f32;
    let mut cache = user_interface::Cache::default();
    group.bench_function("view_and_layout_frame", |b| {
        b.iter(|| {
            let element = review.view(Language::ZhCn, &reconciled);
            let ui = UserInterface::build(
                element,
                iced::Size::new(1400.0, 900.0),
                std::mem::take(&mut cache),
                &mut renderer,
            );
            cache = ui.into_cache();
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
