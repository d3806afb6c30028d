//! Which row of a line: one physical line (or Excel row) can hold more than one row — a Stripe charge with
//! `Amount Refunded` is the sale and its refund, a minified CAMT file holds every entry on line 1. Such rows are
//! read one after another, so the n-th row read from a line is the n-th of the run of rows naming that line.
//!
//! Written the way every report prints it and `posrecon workspace decide` reads it: `12` for the first (or only)
//! row of line 12, `12.2` for the second, `12.3` for the third. A dot and digits need no quoting in any shell
//! (no glob, comment or expansion character), and `12.2` cannot be taken for a line or a sheet row, which are
//! whole numbers; exports write it as text so a spreadsheet does not turn `12.10` into the number 12.1.
//!
//! ```
//! use posrecon::model::LineRow;
//! let refund: LineRow = "3.2".parse().unwrap_or(LineRow::first(1));
//! assert_eq!((refund.line, refund.ordinal, refund.to_string()), (3, 1, "3.2".to_owned()));
//! assert_eq!(LineRow::first(3).to_string(), "3");
//! assert!("3.0".parse::<LineRow>().is_err());
//! ```

use std::fmt;
use std::str::FromStr;

use super::Txn;

/// A line and which of its rows: `ordinal` 0 for the first row read from the line, 1 for the second.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LineRow {
    pub line: u32,
    pub ordinal: u32,
}

impl LineRow {
    /// The first (usually the only) row of a line.
    pub fn first(line: u32) -> LineRow {
        LineRow { line, ordinal: 0 }
    }

    /// Where `txns[index]` sits: its line, and how many rows just before it in `txns` were read from the same
    /// line of the same file. Rows of one line are read one after another; the start of their run is found by
    /// galloping back, so a file with thousands of rows on one line costs a few comparisons per row.
    pub fn of(txns: &[Txn], index: usize) -> LineRow {
        let Some(row) = txns.get(index).map(|t| t.row) else {
            return LineRow::default();
        };
        let same = |i: usize| txns.get(i).is_some_and(|t| t.row == row);
        // Rows index - back .. index are known to be on the line; widen until one is not (or the start).
        let mut back = 0;
        let mut step = 1;
        while back + step <= index && same(index - back - step) {
            back += step;
            step *= 2;
        }
        // The run starts between index - back - step + 1 and index - back: narrow it by halves.
        while step > 1 {
            step /= 2;
            if back + step <= index && same(index - back - step) {
                back += step;
            }
        }
        LineRow {
            line: row.line,
            ordinal: u32::try_from(back).unwrap_or(u32::MAX),
        }
    }
}

impl fmt::Display for LineRow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.ordinal {
            0 => write!(f, "{}", self.line),
            n => write!(f, "{}.{}", self.line, u64::from(n) + 1),
        }
    }
}

/// Text that is not `LINE` or `LINE.N`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("expected a line such as 12, or 12.2 for the second row read from line 12, found {found:?}")]
pub struct LineRowError {
    pub found: String,
}

impl FromStr for LineRow {
    type Err = LineRowError;

    /// `12` or `12.1` (the first row of line 12), `12.2` (the second); lines and rows count from 1.
    fn from_str(text: &str) -> Result<LineRow, LineRowError> {
        let bad = || LineRowError { found: text.to_owned() };
        let number = |part: &str| {
            let digits = !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
            digits
                .then(|| part.parse::<u32>().ok())
                .flatten()
                .filter(|&n| n > 0)
                .ok_or_else(bad)
        };
        let (line, nth) = match text.split_once('.') {
            Some((line, nth)) => (number(line)?, number(nth)?),
            None => (number(text)?, 1),
        };
        Ok(LineRow { line, ordinal: nth - 1 })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Money, RowRef, Side, SourceId};
    use chrono::NaiveDateTime;

    fn txns(lines: &[(u16, u32)]) -> Vec<Txn> {
        lines
            .iter()
            .map(|&(source, line)| {
                let row = RowRef {
                    source: SourceId(source),
                    line,
                };
                Txn::new(row, Side::Terminal, NaiveDateTime::default(), Money::default())
            })
            .collect()
    }

    #[test]
    fn each_row_of_a_line_counts_the_rows_read_from_that_line_before_it() {
        let mut lines = vec![(0, 1), (0, 2), (0, 2), (1, 2), (0, 3)];
        lines.extend(std::iter::repeat_n((0, 4), 37));
        let txns = txns(&lines);
        let naive = |i: usize| (0..i).rev().take_while(|&j| txns[j].row == txns[i].row).count() as u32;
        for i in 0..txns.len() {
            assert_eq!(
                LineRow::of(&txns, i),
                LineRow {
                    line: txns[i].row.line,
                    ordinal: naive(i)
                },
                "row {i}"
            );
        }
        assert_eq!(LineRow::of(&txns, 2).to_string(), "2.2");
        assert_eq!(
            LineRow::of(&txns, 3).to_string(),
            "2",
            "line 2 of another file starts again"
        );
        assert_eq!(LineRow::of(&txns, 99), LineRow::default());
    }

    #[test]
    fn addresses_read_back_as_printed_and_nonsense_is_refused() {
        for (text, line, ordinal) in [("12", 12, 0), ("12.1", 12, 0), ("12.2", 12, 1), ("7.10", 7, 9)] {
            assert_eq!(text.parse(), Ok(LineRow { line, ordinal }), "{text}");
        }
        assert_eq!(LineRow { line: 7, ordinal: 9 }.to_string(), "7.10");
        for bad in [
            "",
            "0",
            "3.0",
            "3.",
            ".2",
            "+3",
            " 3",
            "3.2.1",
            "3,2",
            "x",
            "99999999999",
        ] {
            assert_eq!(
                bad.parse::<LineRow>(),
                Err(LineRowError { found: bad.to_owned() }),
                "{bad:?}"
            );
        }
    }
}
