//! Benchmark of the field parsers (`import::parse`), the functions every cell of an import goes through.
//! Each group parses 1,000 realistic cells; criterion reports cells per second. Target: the plain ASCII cells
//! (`1234.50`, `2026-11-24 13:05:09`) well above 10 M cells/s per core, so that parsing stays a small share
//! of a 1M-row import. Run: `cargo bench --no-default-features --bench parse`.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

use posrecon::import::parse::{
    DateOrder, DecimalStyle, clean_cell, combine_date_time, mask_card, mask_card_numbers, parse_amount, parse_datetime,
    parse_kind, parse_status,
};

const CELLS: usize = 1_000;

/// `CELLS` cells made by `make` from their index.
fn cells(make: impl Fn(usize) -> String) -> Vec<String> {
    (0..CELLS).map(make).collect()
}

/// Runs `parse` over every cell of `input` as one benchmark in `group`.
fn bench_cells(c: &mut Criterion, group: &str, name: &str, input: &[String], parse: impl Fn(&str) -> bool) {
    let mut g = c.benchmark_group(group);
    g.throughput(Throughput::Elements(input.len() as u64));
    g.bench_function(name, |b| {
        b.iter(|| input.iter().filter(|cell| parse(black_box(cell.as_str()))).count());
    });
    g.finish();
}

fn amounts(c: &mut Criterion) {
    let plain = cells(|i| format!("{}.{:02}", 10 + i * 37 % 5000, i % 100));
    let decorated = cells(|i| format!("¥{},{:03}.{:02}", 1 + i % 9, i * 7 % 1000, i % 100));
    let bracketed = cells(|i| format!("({}.{:02})", i % 300, i % 100));
    let comma = cells(|i| format!("{}.{:03},{:02}", 1 + i % 9, i * 7 % 1000, i % 100));
    let point = |s: &str| parse_amount(s, DecimalStyle::Point).is_ok();
    bench_cells(c, "parse_amount", "plain 1234.50", &plain, point);
    bench_cells(c, "parse_amount", "¥1,234.50", &decorated, point);
    bench_cells(c, "parse_amount", "(12.00)", &bracketed, point);
    bench_cells(c, "parse_amount", "1.234,50 comma", &comma, |s| {
        parse_amount(s, DecimalStyle::Comma).is_ok()
    });
}

fn dates(c: &mut Criterion) {
    let iso = cells(|i| {
        format!(
            "2026-11-{:02} {:02}:{:02}:{:02}",
            1 + i % 30,
            i % 24,
            i % 60,
            i * 7 % 60
        )
    });
    let slash = cells(|i| format!("{:02}/11/2026 {:02}:{:02}", 1 + i % 30, i % 24, i % 60));
    let chinese = cells(|i| format!("2026年11月{}日 {:02}:{:02}:{:02}", 1 + i % 30, i % 24, i % 60, i % 60));
    let serial = cells(|i| format!("{}.{}", 45_600 + i % 30, 100_000 + i * 997 % 899_999));
    bench_cells(c, "parse_datetime", "2026-11-24 13:05:09", &iso, |s| {
        parse_datetime(s, DateOrder::YearFirst).is_ok()
    });
    bench_cells(c, "parse_datetime", "24/11/2026 13:05", &slash, |s| {
        parse_datetime(s, DateOrder::DayFirst).is_ok()
    });
    bench_cells(c, "parse_datetime", "2026年11月24日 13:05:09", &chinese, |s| {
        parse_datetime(s, DateOrder::YearFirst).is_ok()
    });
    bench_cells(c, "parse_datetime", "excel serial 45620.5436", &serial, |s| {
        parse_datetime(s, DateOrder::YearFirst).is_ok()
    });
    let times = cells(|i| format!("{:02}{:02}{:02}", i % 24, i % 60, i * 7 % 60));
    let mut g = c.benchmark_group("combine_date_time");
    g.throughput(Throughput::Elements(CELLS as u64));
    g.bench_function("20261124 + 130509", |b| {
        b.iter(|| {
            times
                .iter()
                .filter(|t| combine_date_time(black_box("20261124"), t, DateOrder::YearFirst).is_ok())
                .count()
        });
    });
    g.finish();
}

fn text_and_cards(c: &mut Criterion) {
    let padded = cells(|i| format!("`{:06}\t", i));
    let kinds = cells(|i| ["消费", "退货", "消费撤销", "Sale", "Refund"][i % 5].to_owned());
    let statuses = cells(|i| ["成功", "交易失败", "Approved", "Declined"][i % 4].to_owned());
    let memos = cells(|i| format!("POS消费 商户{} 终端{:08} 参考号{:012}", i, i * 13, i * 7919));
    let cards = cells(|i| format!("622848{:09}{}", i * 7919 % 1_000_000_000, i % 10));
    bench_cells(c, "clean_cell", "`123456\\t", &padded, |s| !clean_cell(s).is_empty());
    bench_cells(c, "parse_kind", "mixed", &kinds, |s| parse_kind(s).is_some());
    bench_cells(c, "parse_status", "mixed", &statuses, |s| parse_status(s).is_some());
    bench_cells(c, "mask_card_numbers", "memo without card", &memos, |s| {
        mask_card_numbers(s).len() > 10
    });
    bench_cells(c, "mask_card", "16 digits", &cards, |s| mask_card(s).is_some());
}

criterion_group!(benches, amounts, dates, text_and_cards);
criterion_main!(benches);
