//! The two ways of splitting a part of a delimited file — SIMD searches for text without quotes
//! ([`super::unquoted`]) and the csv crate — must hand over the same records, cells, physical lines and errors:
//! both are run over the same tricky inputs (CRLF, a lone CR, blank lines, a trailing delimiter, an extra column,
//! no final line break, lines at the length limit) and over random text.

use proptest::prelude::*;

use super::{Feed, PROGRESS_ROWS, Part, read_csv, read_unquoted};
use crate::import::sniff::MAX_LINE_BYTES;
use crate::import::table::{Cells, RowSink, Table};

/// Every record handed over: its line and cells.
#[derive(Default)]
struct Records(Vec<(u32, Vec<String>)>);

impl RowSink for Records {
    fn take<C: Cells + ?Sized>(&mut self, line: u32, row: &C) {
        self.0
            .push((line, (0..row.count()).map(|i| row.cell(i).to_owned()).collect()));
    }
    fn rows(&self) -> usize {
        self.0.len()
    }
}

/// Reads `text` (a part that starts with the header record, on line 3) both ways into sinks made by `make`;
/// gives what each produced, as text to compare.
fn both<S: RowSink + std::fmt::Debug>(text: &str, delimiter: u8, make: impl Fn() -> S) -> (String, String) {
    let part = Part {
        body: text,
        start: 0,
        text,
        has_header: true,
        progress: None,
    };
    let feed = |sink| Feed {
        file: "t.csv",
        part: &part,
        sink,
        skip_header: true,
        next_report: PROGRESS_ROWS,
    };
    let csv = read_csv(text, delimiter, 3, feed(make()));
    let fast = read_unquoted(text, delimiter, 3, feed(make()));
    (format!("{csv:?}"), format!("{fast:?}"))
}

impl std::fmt::Debug for Records {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// A table of four columns that keeps its rows: shapes, totals, held-back and bad rows.
fn table() -> Table {
    Table::new(
        ["日期", "金额", "卡号", "摘要"].map(String::from).to_vec(),
        3,
        Some(b','),
    )
}

const TRICKY: &[&str] = &[
    "h1,h2,h3,h4\na,b,c,d\n",
    "h1,h2,h3,h4\r\na,b,c,d\r\n\r\ne,f,,\r\n",
    "h1,h2,h3,h4\ra,b,c,d\re,f,g,h",
    "h1,h2,h3,h4\n\n\na,b,c,d\n\n",
    "h1,h2,h3,h4\na,b,c,d,\n",
    "h1,h2,h3,h4\na,b,c,d,extra\ne,f,g,h\n",
    "h1,h2,h3,h4\n,,,\n   \n2026-11-24,12.00,,x\n",
    "h1,h2,h3,h4\n2026-11-24,12.00,,x",
    "h1,h2,h3,h4\n合计,12.00,,\n导出时间：2026-11-25\n",
    "h1,h2,h3,h4\r\r\na,b,c,d\n\r\ne,f,g,h\r",
    "h1,h2,h3,h4\n2026-11-24;12.00;;y\n2026-11-24,13.00,,z\n",
    "h1,h2,h3,h4\n,\n,,\na\n",
    "",
    "\n\n",
    "h1,h2,h3,h4",
];

#[test]
fn both_ways_give_the_same_records_and_lines() {
    for text in TRICKY {
        let (csv, fast) = both(text, b',', Records::default);
        assert_eq!(csv, fast, "{text:?}");
        let tsv = text.replace(',', "\t");
        let (csv, fast) = both(&tsv, b'\t', Records::default);
        assert_eq!(csv, fast, "{tsv:?}");
    }
    // Lines are physical lines: the header is on line 3 here, a blank line in between counts.
    let (_, fast) = both("h1,h2\r\n\r\na,b\r\n", b',', Records::default);
    assert_eq!(fast, r#"Ok([(5, ["a", "b"])])"#);
}

#[test]
fn both_ways_give_the_same_table_shapes_and_bad_rows() {
    for text in TRICKY {
        let (csv, fast) = both(text, b',', || {
            let mut t = table();
            t.reserve(4, 64);
            t
        });
        assert_eq!(csv, fast, "{text:?}");
    }
}

#[test]
fn both_ways_refuse_the_same_over_long_lines() {
    for len in [
        MAX_LINE_BYTES - 2,
        MAX_LINE_BYTES - 1,
        MAX_LINE_BYTES,
        MAX_LINE_BYTES + 1,
    ] {
        for end in ["\n", "\r\n", "\r", ""] {
            let long = "x".repeat(len);
            let text = format!("h1,h2\na,b\n{long}{end}c,d\n");
            let (csv, fast) = both(&text, b',', Records::default);
            assert_eq!(csv, fast, "a line of {len} bytes ending {end:?}");
            let last = format!("h1,h2\n中,{long}{end}");
            let (csv, fast) = both(&last, b',', Records::default);
            assert_eq!(csv, fast, "a last line of {len} bytes ending {end:?}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn both_ways_agree_on_random_text(text in "[a中 ,;\r\n]{0,60}") {
        let (csv, fast) = both(&text, b',', Records::default);
        prop_assert_eq!(csv, fast);
        let (csv, fast) = both(&text, b',', table);
        prop_assert_eq!(csv, fast);
    }
}
