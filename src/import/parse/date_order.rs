//! The one decision a file's dates need: is `03/04/2026` the 3rd of April (day-first) or March 4th
//! (month-first)? Decided once per file from all its date cells, never guessed.
//!
//! ```
//! use posrecon::import::parse::{detect_date_order, DateOrder};
//!
//! assert_eq!(detect_date_order(["03/11/2026", "24/11/2026"]), Ok(DateOrder::DayFirst)); // 24 cannot be a month
//! assert_eq!(detect_date_order(["2026-11-24 13:05:09"]), Ok(DateOrder::YearFirst)); // nothing to decide
//! assert!(detect_date_order(["03/04/2026", "05/06/2026"]).is_err()); // nothing tells day from month
//! ```

use serde::{Deserialize, Serialize};

use super::FieldError;
use super::clock::small_number;
use super::date_parts::{numeric_parts, split_date_time};
use super::text::clean_cell;

/// The order of day and month in a file's numeric dates.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    /// No decision needed: the dates are year-first (`2026-11-24`), Chinese, compact or Excel serials.
    /// A day/month date met anyway is read when its values tell (`24/11/2026`), refused when they do not.
    #[default]
    YearFirst,
    /// `24/11/2026`, `24.11.2026`.
    DayFirst,
    /// `11/24/2026`.
    MonthFirst,
}

pub(super) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "dates where day and month can be told apart; 03/04/2026 could be 3 April or March 4 — …".
pub(super) fn ambiguous_text(found: &str, a: u32, b: u32) -> String {
    let month = |n: u32| MONTHS.get(n.wrapping_sub(1) as usize).copied().unwrap_or("?");
    format!(
        "dates where day and month can be told apart; {} could be {a} {} or {} {b} — choose the order in the mapping",
        found.trim(),
        month(b),
        month(a)
    )
}

/// Decides DD/MM vs MM/DD for a whole file from all its date cells (any day > 12 decides; ISO/year-first or
/// Chinese 年月日 or yyyymmdd need no decision). If slash/dot dates exist but none decides → Err(FieldError)
/// whose expected text says the dates are ambiguous (e.g. "dates where day and month can be told apart;
/// 03/04/2026 could be 3 April or March 4 — choose the order in the mapping").
///
/// Also an error: a file that has both a day-first date (`24/11/2026`) and a month-first one (`11/24/2026`).
/// Dotted dates that never decide (`03.04.2026`) are taken as day-first, the European convention; `05/05/2026`
/// reads the same both ways and needs no decision.
pub fn detect_date_order<'a>(samples: impl IntoIterator<Item = &'a str>) -> Result<DateOrder, FieldError> {
    let mut evidence = DateEvidence::default();
    for sample in samples {
        evidence.add(sample);
    }
    evidence.decide()
}

/// What the date cells of a file say about day/month order so far: [`detect_date_order`] cell by cell, so
/// that parts of a large file can be looked at on several threads and the findings merged in file order.
#[derive(Debug, Clone, Default)]
pub struct DateEvidence {
    /// The first cell that can only be day-first (`24/11/2026`).
    day_first: Option<String>,
    /// The first cell that can only be month-first (`11/24/2026`).
    month_first: Option<String>,
    /// The first slash/dash day/month cell that reads differently both ways, with its two numbers.
    undecided: Option<(String, u32, u32)>,
    undecided_dotted: bool,
}

impl DateEvidence {
    /// Looks at one date cell.
    pub fn add(&mut self, sample: &str) {
        // Year-first (`2026-11-24 …`), the common case, says nothing and is passed over quickly.
        if sample
            .as_bytes()
            .get(..5)
            .is_some_and(|h| h[..4].iter().all(u8::is_ascii_digit) && !h[4].is_ascii_digit())
        {
            return;
        }
        let cell = clean_cell(sample);
        let Some((a, b, sep)) = day_month_pair(split_date_time(&cell).0) else {
            return;
        };
        let keep = || Some(sample.trim().to_owned());
        match (a > 12, b > 12) {
            (true, false) => self.day_first = self.day_first.take().or_else(keep),
            (false, true) => self.month_first = self.month_first.take().or_else(keep),
            (false, false) if a != b && sep == '.' => self.undecided_dotted = true,
            (false, false) if a != b => {
                self.undecided = self.undecided.take().or_else(|| Some((sample.trim().to_owned(), a, b)));
            }
            _ => {}
        }
    }

    /// Adds what the cells after these said (`later` looked at the part of the file that follows).
    pub fn merge(&mut self, later: DateEvidence) {
        self.day_first = self.day_first.take().or(later.day_first);
        self.month_first = self.month_first.take().or(later.month_first);
        self.undecided = self.undecided.take().or(later.undecided);
        self.undecided_dotted |= later.undecided_dotted;
    }

    /// The order, like [`DateEvidence::decide`]; where the cells leave it open (no cell decides, none
    /// contradicts another), the dates written in `lines` around the table settle it — a statement's "Ending
    /// balance as of 11/24/2026" above rows that all fall on the 1st to the 12th.
    pub fn decide_with<'a>(self, lines: impl IntoIterator<Item = &'a str>) -> Result<DateOrder, FieldError> {
        if self.day_first.is_none() && self.month_first.is_none() && self.undecided.is_some() {
            let mut around = DateEvidence::default();
            let separators = |c: char| c.is_whitespace() || matches!(c, ',' | ';' | '"' | '|' | '(' | ')' | '：' | ':');
            lines
                .into_iter()
                .flat_map(|line| line.split(separators))
                .for_each(|word| around.add(word));
            if around.day_first.is_some() != around.month_first.is_some() {
                return around.decide();
            }
        }
        self.decide()
    }

    /// The order, or the error [`detect_date_order`] gives.
    pub fn decide(self) -> Result<DateOrder, FieldError> {
        match (self.day_first, self.month_first) {
            (Some(day), Some(month)) => Err(FieldError {
                expected: format!("dates written in one order; {day} is day-first but {month} is month-first"),
                found: month,
            }),
            (Some(_), None) => Ok(DateOrder::DayFirst),
            (None, Some(_)) => Ok(DateOrder::MonthFirst),
            (None, None) => match self.undecided {
                Some((found, a, b)) => Err(FieldError {
                    expected: ambiguous_text(&found, a, b),
                    found,
                }),
                None if self.undecided_dotted => Ok(DateOrder::DayFirst),
                None => Ok(DateOrder::YearFirst),
            },
        }
    }
}

/// The first two numbers of a day/month date (`24/11/2026`, `11-24-26`) and its separator; None for any other
/// layout (year-first, Chinese, compact, month names, serials).
fn day_month_pair(date: &str) -> Option<(u32, u32, char)> {
    let (parts, sep) = numeric_parts(date)?;
    let [a, b, c] = parts;
    let year_last = c.len() == 4 || (a.len() <= 2 && c.len() == 2 && small_number(a).is_some_and(|n| n <= 31));
    if !year_last || a.len() > 2 || b.len() > 2 {
        return None;
    }
    Some((small_number(a)?, small_number(b)?, sep))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_undecided_day_month_date_is_an_error_that_explains() {
        let err = super::super::parse_datetime("03/04/2026", DateOrder::YearFirst).expect_err("ambiguous");
        assert_eq!(
            err.expected,
            "dates where day and month can be told apart; 03/04/2026 could be 3 April or March 4 — choose the order in the mapping"
        );
        assert_eq!(err.found, "03/04/2026");
    }

    #[test]
    fn date_order_is_decided_per_file() {
        assert_eq!(
            detect_date_order(["2026-11-24", "20261124", "2026年11月24日"]),
            Ok(DateOrder::YearFirst)
        );
        assert_eq!(
            detect_date_order(["01/11/2026", "02/11/2026", "13/11/2026 09:00"]),
            Ok(DateOrder::DayFirst)
        );
        assert_eq!(
            detect_date_order(["11/01/2026", "11/13/2026"]),
            Ok(DateOrder::MonthFirst)
        );
        assert_eq!(detect_date_order(["01/11/26", "24/11/26"]), Ok(DateOrder::DayFirst));
        assert_eq!(detect_date_order(["01.11.2026", "02.11.2026"]), Ok(DateOrder::DayFirst));
        assert_eq!(
            detect_date_order(["05/05/2026", "", "2026-11-24"]),
            Ok(DateOrder::YearFirst)
        );
        assert_eq!(detect_date_order(Vec::<&str>::new()), Ok(DateOrder::YearFirst));

        let err = detect_date_order(["01/11/2026", "03/04/2026"]).expect_err("ambiguous");
        assert!(
            err.expected
                .starts_with("dates where day and month can be told apart; 01/11/2026 could be 1 November or")
        );
        assert!(err.expected.ends_with("choose the order in the mapping"));

        let err = detect_date_order(["24/11/2026", "11/24/2026"]).expect_err("mixed");
        assert_eq!(err.found, "11/24/2026");
        assert!(err.expected.contains("24/11/2026 is day-first"), "{err}");
    }

    #[test]
    fn evidence_merged_in_file_order_decides_like_one_pass() {
        let cells = [
            "2026-11-24",
            "01/11/2026",
            "03/04/2026",
            "13/11/2026",
            "11/24/2026",
            "01.02.2026",
            "2026/1/2",
        ];
        for cut in 0..=cells.len() {
            let (head, tail) = cells.split_at(cut);
            let (mut first, mut second) = (DateEvidence::default(), DateEvidence::default());
            head.iter().for_each(|c| first.add(c));
            tail.iter().for_each(|c| second.add(c));
            first.merge(second);
            assert_eq!(first.decide(), detect_date_order(cells), "cut at {cut}");
        }
    }

    proptest::proptest! {
        #[test]
        fn detection_never_panics(text in "\\PC{0,30}") {
            let _ = detect_date_order([text.as_str()]);
        }
    }
}
