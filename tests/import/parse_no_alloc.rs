//! The field parsers run on every cell of a million-row file: the common cells must not touch the heap.
//! This test binary counts the allocations of the current thread around each call.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use posrecon::import::parse::{
    DateOrder, DecimalStyle, clean_cell, combine_date_time, mask_card_numbers, parse_amount, parse_datetime,
    parse_direction, parse_kind, parse_status, parse_time,
};

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

/// The system allocator, counting allocations per thread.
struct Counting;

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// How many allocations `f` made on this thread.
fn allocations<T>(f: impl FnOnce() -> T) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    let value = f();
    let after = ALLOCATIONS.with(Cell::get);
    drop(value);
    after - before
}

#[test]
fn common_cells_do_not_allocate() {
    for cell in [
        "1234.50",
        "-12.00",
        "1,234.50",
        "¥28.16",
        "(12.00)",
        " 1234.50\t",
        "=\"123.45\"",
        "",
        "--",
    ] {
        assert_eq!(
            allocations(|| parse_amount(cell, DecimalStyle::Point)),
            0,
            "parse_amount({cell:?})"
        );
    }
    assert_eq!(allocations(|| parse_amount("1.234,50", DecimalStyle::Comma)), 0);
    for cell in [
        "2026-11-24 13:05:09",
        "2026/11/24 13:05",
        "2026-11-24",
        "20261124",
        "20261124130509",
        "2026-11-24T13:05:09+08:00",
        "2026年11月24日 13:05:09",
        "45620.5436",
        "Nov 24, 2026",
    ] {
        assert_eq!(
            allocations(|| parse_datetime(cell, DateOrder::YearFirst)),
            0,
            "parse_datetime({cell:?})"
        );
    }
    assert_eq!(
        allocations(|| parse_datetime("24/11/2026 13:05", DateOrder::DayFirst)),
        0
    );
    assert_eq!(
        allocations(|| combine_date_time("20261124", "130509", DateOrder::YearFirst)),
        0
    );
    for cell in ["13:05:09", "130509", "1:05 PM", "13时05分09秒"] {
        assert_eq!(allocations(|| parse_time(cell)), 0, "parse_time({cell:?})");
    }
    for cell in ["消费", "Refund", "`消费撤销\t"] {
        assert_eq!(allocations(|| parse_kind(cell)), 0, "parse_kind({cell:?})");
    }
    assert_eq!(allocations(|| parse_status("交易成功")), 0);
    assert_eq!(allocations(|| parse_direction("支出")), 0);
    assert_eq!(allocations(|| clean_cell("`4200001234\t")), 0);
    assert_eq!(
        allocations(|| mask_card_numbers("POS消费 终端12345678 参考号123456789012")),
        0
    );
    assert_eq!(
        allocations(|| mask_card_numbers("order 4200001234202611241234567890")),
        0
    );
}

#[test]
fn the_counter_sees_allocations() {
    // Guards the test above against a counter that never counts.
    assert!(allocations(|| clean_cell("１２３")) >= 1);
    assert!(allocations(|| parse_amount("abc", DecimalStyle::Point)) >= 1);
}
