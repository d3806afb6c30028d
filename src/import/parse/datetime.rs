//! Dates and date-times as exports write them, read in the day/month order [`detect_date_order`] chose
//! for the file.
//!
//! [`detect_date_order`]: super::detect_date_order
//!
//! Layouts read: `2026-11-24 13:05:09`, `2026/11/24 13:05`, `2026-11-24T13:05:09+08:00` (the offset is dropped,
//! the wall-clock time kept), `2026.11.24`, `20261124`, `20261124130509`, `2026年11月24日 13时05分09秒`,
//! `24/11/2026`, `11/24/2026`, `24.11.2026`, `24-11-2026`, `24/11/26`, `Nov 24, 2026`, `24 Nov 2026`,
//! `2026-11-24 1:05:09 PM`, fractional seconds, and Excel serial numbers such as `45620` or `45620.5436`.
//!
//! ```
//! use posrecon::import::parse::{parse_datetime, combine_date_time, DateOrder};
//!
//! let (when, date_only) = parse_datetime("03/11/2026", DateOrder::DayFirst).unwrap();
//! assert_eq!((when.to_string().as_str(), date_only), ("2026-11-03 00:00:00", true));
//!
//! let (when, _) = combine_date_time("20261124", "130509", DateOrder::YearFirst).unwrap();
//! assert_eq!(when.to_string(), "2026-11-24 13:05:09");
//!
//! assert!(parse_datetime("2026-02-30", DateOrder::YearFirst).is_err()); // no such day
//! assert!(parse_datetime("03/04/2026", DateOrder::YearFirst).is_err()); // 3 April or March 4?
//! ```

use super::FieldError;
use super::clock::{ClockProblem, day_fraction_seconds, read_clock, small_number};
use super::date_order::{DateOrder, MONTHS, ambiguous_text};
use super::date_parts::{numeric_parts, split_date_time};
use super::text::{clean_cell, strip_prefix_ignore_case};
use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};

const EXPECTED_DATE: &str = "a date such as 2026-11-24 13:05:09, 2026/11/24, 20261124, 2026年11月24日 or 24/11/2026";
const EXPECTED_REAL_DATE: &str = "a real calendar date (this day does not exist)";
/// Why a date cell could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Problem {
    /// Not a layout we know.
    Layout,
    /// A known layout, but no such day (2026-02-30).
    NoSuchDay,
    /// The time part is wrong.
    Clock(ClockProblem),
    /// `03/04/2026` with no order given: day and month cannot be told apart.
    Ambiguous(u32, u32),
}

impl Problem {
    fn into_error(self, found: &str) -> FieldError {
        match self {
            Problem::Layout => FieldError::new(EXPECTED_DATE, found),
            Problem::NoSuchDay => FieldError::new(EXPECTED_REAL_DATE, found),
            Problem::Clock(p) => FieldError::new(p.expected(), found),
            Problem::Ambiguous(a, b) => FieldError::new(ambiguous_text(found, a, b), found),
        }
    }
}

impl From<ClockProblem> for Problem {
    fn from(p: ClockProblem) -> Problem {
        Problem::Clock(p)
    }
}

/// One cell holding a date, a date + time, or an Excel serial number. Returns (datetime, date_only).
/// Layouts: 2026-11-24 13:05:09, 2026/11/24 13:05, 2026-11-24T13:05:09, with +08:00 / Z offsets (keep the
/// local wall-clock time written, drop the offset), 2026.11.24, 20261124, 20261124130509, 2026年11月24日
/// [13:05:09 / 13时05分09秒], 24/11/2026, 11/24/2026, 24.11.2026 (dd.mm.yyyy, German), 24-11-2026, 2-digit years
/// only where unambiguous, fractional seconds, Excel serial dates like 45620 or 45620.5436 (1900 system),
/// "Nov 24, 2026", "24 Nov 2026", "2026-11-24 1:05:09 PM".
///
/// A two-digit year is read as 2000–2069 or 1970–1999, and only when the order is known or the first number
/// cannot be a day (`26/11/24` needs DayFirst or MonthFirst). With [`DateOrder::YearFirst`] a dotted
/// `24.11.2026` is read day-first, the European convention.
pub fn parse_datetime(text: &str, order: DateOrder) -> Result<(NaiveDateTime, bool), FieldError> {
    let cell = clean_cell(text);
    read_datetime(&cell, order).map_err(|p| p.into_error(text))
}

/// Date cell + separate time cell (e.g. `20261124` + `130509`). A blank time gives date_only = true.
///
/// When the time cell is blank the date cell is read alone, so a date cell that itself holds a time keeps it.
/// When both hold a time, the time cell wins.
pub fn combine_date_time(date: &str, time: &str, order: DateOrder) -> Result<(NaiveDateTime, bool), FieldError> {
    let day = parse_datetime(date, order)?;
    let clock = clean_cell(time);
    if clock.is_empty() {
        return Ok(day);
    }
    let clock = read_clock(&clock).map_err(|p| FieldError::new(p.expected(), time))?;
    Ok((day.0.date().and_time(clock), false))
}

/// Reads a cleaned date cell.
fn read_datetime(s: &str, order: DateOrder) -> Result<(NaiveDateTime, bool), Problem> {
    if let Some(found) = iso_fast_path(s.as_bytes()) {
        return found;
    }
    if let Some(found) = plain_number(s) {
        return found;
    }
    let (date, time) = split_date_time(s);
    let date = read_date(date, order)?;
    match time {
        None => Ok((date.and_time(NaiveTime::MIN), true)),
        Some(time) => Ok((date.and_time(read_clock(time)?), false)),
    }
}

/// `yyyy-mm-dd` or `yyyy-mm-dd HH:MM:SS` (also with `/` and `T`), the common case, read without any search.
/// None when the cell is laid out otherwise.
fn iso_fast_path(b: &[u8]) -> Option<Result<(NaiveDateTime, bool), Problem>> {
    let num = |from: usize, to: usize| -> Option<u32> {
        b.get(from..to)?
            .iter()
            .try_fold(0u32, |n, &d| d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0')))
    };
    let sep = *b.get(4)?;
    if !(b.len() == 10 || b.len() == 19) || !matches!(sep, b'-' | b'/') || b.get(7) != Some(&sep) {
        return None;
    }
    let (year, month, day) = (num(0, 4)?, num(5, 7)?, num(8, 10)?);
    let Some(date) = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day) else {
        return Some(Err(Problem::NoSuchDay));
    };
    if b.len() == 10 {
        return Some(Ok((date.and_time(NaiveTime::MIN), true)));
    }
    if !matches!(b.get(10), Some(b' ' | b'T')) || b.get(13) != Some(&b':') || b.get(16) != Some(&b':') {
        return None;
    }
    let (h, m, s) = (num(11, 13)?, num(14, 16)?, num(17, 19)?);
    Some(match NaiveTime::from_hms_opt(h, m, s) {
        Some(time) => Ok((date.and_time(time), false)),
        None => Err(Problem::Clock(ClockProblem::NoSuchTime)),
    })
}

/// A cell of digits only (with at most one decimal point): `20261124`, `202611241305`, `20261124130509`, or an
/// Excel serial with five digits before the point. None for anything else.
fn plain_number(s: &str) -> Option<Result<(NaiveDateTime, bool), Problem>> {
    let (whole, fraction) = s.split_once('.').unwrap_or((s, ""));
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let part = |range: std::ops::Range<usize>| whole.get(range).and_then(small_number);
    let compact = |len: usize| -> Result<(NaiveDateTime, bool), Problem> {
        let (y, m, d) = (part(0..4), part(4..6), part(6..8));
        let date = ymd(
            y.ok_or(Problem::Layout)?,
            m.ok_or(Problem::Layout)?,
            d.ok_or(Problem::Layout)?,
        )?;
        if len == 8 {
            return Ok((date.and_time(NaiveTime::MIN), true));
        }
        let (h, min, sec) = (
            part(8..10).unwrap_or(99),
            part(10..12).unwrap_or(99),
            part(12..14).unwrap_or(0),
        );
        let time = NaiveTime::from_hms_opt(h, min, sec).ok_or(Problem::Clock(ClockProblem::NoSuchTime))?;
        Ok((date.and_time(time), false))
    };
    Some(match (whole.len(), fraction.is_empty()) {
        (8 | 12 | 14, true) => compact(whole.len()),
        (5, _) => excel_serial(whole, fraction),
        _ => Err(Problem::Layout),
    })
}

/// An Excel serial date in the 1900 system (day 0 = 1899-12-30 for every serial after Excel's phantom
/// 1900-02-29), the fraction being the time of day, rounded to the second. Only five-digit serials (10000 =
/// 1927-05-18 … 99999 = 2173-10-14) are taken: a smaller number in a date column is not a date of a payment
/// (`2026` would read as 1905-07-18), so it is an error.
fn excel_serial(whole: &str, fraction: &str) -> Result<(NaiveDateTime, bool), Problem> {
    let serial = whole
        .parse::<u64>()
        .ok()
        .filter(|s| (10_000..=99_999).contains(s))
        .ok_or(Problem::Layout)?;
    let secs = day_fraction_seconds(fraction).ok_or(Problem::Layout)?;
    let date = NaiveDate::from_ymd_opt(1899, 12, 30)
        .and_then(|base| base.checked_add_days(Days::new(serial + u64::from(secs / 86_400))))
        .ok_or(Problem::NoSuchDay)?;
    let time = NaiveTime::from_num_seconds_from_midnight_opt(secs % 86_400, 0).ok_or(Problem::Layout)?;
    Ok((date.and_time(time), secs == 0))
}

/// A calendar date, or the reason there is none.
fn ymd(year: u32, month: u32, day: u32) -> Result<NaiveDate, Problem> {
    NaiveDate::from_ymd_opt(i32::try_from(year).map_err(|_| Problem::Layout)?, month, day).ok_or(Problem::NoSuchDay)
}

/// A four-digit year as written, a two-digit one through [`two_digit_year`].
fn full_year(year: &str) -> Option<u32> {
    let n = small_number(year)?;
    match year.len() {
        4 => Some(n),
        2 => Some(two_digit_year(n)),
        _ => None,
    }
}

/// `26` → 2026, `99` → 1999: 2000–2069 or 1970–1999.
fn two_digit_year(n: u32) -> u32 {
    if n < 70 { 2000 + n } else { 1900 + n }
}

/// Reads the date part of a cell (no time in it).
fn read_date(s: &str, order: DateOrder) -> Result<NaiveDate, Problem> {
    if s.contains('年') {
        return chinese_date(s);
    }
    if s.bytes().any(|b| b.is_ascii_alphabetic()) {
        return month_name_date(s);
    }
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        let part = |r: std::ops::Range<usize>| s.get(r).and_then(small_number).ok_or(Problem::Layout);
        return ymd(part(0..4)?, part(4..6)?, part(6..8)?);
    }
    let ([a, b, c], sep) = numeric_parts(s).ok_or(Problem::Layout)?;
    let n = |p: &str| small_number(p).filter(|_| p.len() <= 2).ok_or(Problem::Layout);
    if a.len() == 4 {
        return ymd(small_number(a).ok_or(Problem::Layout)?, n(b)?, n(c)?);
    }
    let (a, b) = (n(a)?, n(b)?);
    if c.len() == 2 && order == DateOrder::YearFirst && a <= 31 {
        return Err(Problem::Layout); // 26/11/24: which number is the year is anyone's guess
    }
    if c.len() == 2 && a > 31 {
        return ymd(two_digit_year(a), b, n(c)?);
    }
    let year = full_year(c).ok_or(Problem::Layout)?;
    let (day, month) = match order {
        DateOrder::DayFirst => (a, b),
        DateOrder::MonthFirst => (b, a),
        DateOrder::YearFirst if sep == '.' || a > 12 || a == b => (a, b),
        DateOrder::YearFirst if b > 12 => (b, a),
        DateOrder::YearFirst => return Err(Problem::Ambiguous(a, b)),
    };
    ymd(year, month, day)
}

/// `2026年11月24日`, `2026年11月24号`, `2026年1月5日`.
fn chinese_date(s: &str) -> Result<NaiveDate, Problem> {
    let (year, rest) = s.split_once('年').ok_or(Problem::Layout)?;
    let (month, rest) = rest.split_once('月').ok_or(Problem::Layout)?;
    let day = rest.trim().trim_end_matches(['日', '号']);
    let n = |p: &str, max_len: usize| {
        small_number(p.trim())
            .filter(|_| p.trim().len() <= max_len)
            .ok_or(Problem::Layout)
    };
    let year = n(year, 4)?;
    if year < 1000 {
        return Err(Problem::Layout);
    }
    ymd(year, n(month, 2)?, n(day, 2)?)
}

/// `Nov 24, 2026`, `24 Nov 2026`, `24-Nov-2026`, `November 24 2026`, `Tue, Nov 24, 2026`, `24-Nov-26`.
fn month_name_date(s: &str) -> Result<NaiveDate, Problem> {
    let mut month = None;
    let mut numbers: [&str; 2] = ["", ""];
    let mut count = 0usize;
    for token in s.split([' ', ',', '-', '/', '.']).filter(|t| !t.is_empty()) {
        if token.bytes().all(|b| b.is_ascii_digit()) {
            *numbers.get_mut(count).ok_or(Problem::Layout)? = token;
            count += 1;
        } else if let Some(m) = month_number(token) {
            if month.replace((m, count)).is_some() {
                return Err(Problem::Layout);
            }
        } else if !is_weekday(token) {
            return Err(Problem::Layout);
        }
    }
    let (month, numbers_before) = month.ok_or(Problem::Layout)?;
    let [first, second] = numbers;
    if count != 2 {
        return Err(Problem::Layout);
    }
    let (day, year) = match (first.len(), second.len()) {
        (4, _) => (second, first),
        (_, 4) => (first, second),
        _ if numbers_before < 2 => (first, second),
        _ => return Err(Problem::Layout),
    };
    let day = small_number(day).filter(|_| day.len() <= 2).ok_or(Problem::Layout)?;
    ymd(full_year(year).ok_or(Problem::Layout)?, month, day)
}

/// 1–12 for an English month name or its three-letter (or `Sept`) abbreviation, any case.
fn month_number(token: &str) -> Option<u32> {
    let token = token.strip_suffix('.').unwrap_or(token);
    let at = MONTHS.iter().position(|name| abbreviates(token, name))?;
    u32::try_from(at + 1).ok()
}

/// An English weekday name or abbreviation (`Tue`, `Tuesday`), which a date may carry and we ignore.
fn is_weekday(token: &str) -> bool {
    const DAYS: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    DAYS.iter().any(|name| abbreviates(token, name))
}

/// `token` is `name` or its first three or more letters, any case.
fn abbreviates(token: &str, name: &str) -> bool {
    token.len() >= 3 && strip_prefix_ignore_case(name, token).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `parse_datetime` as `"2026-11-24 13:05:09"` plus `" (date)"` for date-only results, or the error.
    fn dt(text: &str, order: DateOrder) -> String {
        match parse_datetime(text, order) {
            Ok((when, true)) => format!("{when} (date)"),
            Ok((when, false)) => when.format("%Y-%m-%d %H:%M:%S%.f").to_string(),
            Err(e) => format!("error: {}", e.expected),
        }
    }

    #[test]
    fn year_first_and_compact_layouts() {
        use DateOrder::YearFirst as Y;
        let cases = [
            ("2026-11-24 13:05:09", "2026-11-24 13:05:09"),
            ("2026/11/24 13:05", "2026-11-24 13:05:00"),
            ("2026-11-24T13:05:09", "2026-11-24 13:05:09"),
            ("2026-11-24T13:05:09+08:00", "2026-11-24 13:05:09"),
            ("2026-11-24T13:05:09Z", "2026-11-24 13:05:09"),
            ("2026-11-24T13:05:09.123-05:00", "2026-11-24 13:05:09.123"),
            ("2026-11-24 13:05:09.5", "2026-11-24 13:05:09.500"),
            ("2026-11-24", "2026-11-24 00:00:00 (date)"),
            ("2026/11/24", "2026-11-24 00:00:00 (date)"),
            ("2026.11.24", "2026-11-24 00:00:00 (date)"),
            ("2026-1-5", "2026-01-05 00:00:00 (date)"),
            ("20261124", "2026-11-24 00:00:00 (date)"),
            ("20261124130509", "2026-11-24 13:05:09"),
            ("202611241305", "2026-11-24 13:05:00"),
            ("20261124 130509", "2026-11-24 13:05:09"),
            ("2026年11月24日", "2026-11-24 00:00:00 (date)"),
            ("2026年1月5日", "2026-01-05 00:00:00 (date)"),
            ("2026年11月24日 13:05:09", "2026-11-24 13:05:09"),
            ("2026年11月24日 13时05分09秒", "2026-11-24 13:05:09"),
            ("2026年11月24日13时05分", "2026-11-24 13:05:00"),
            ("2026-11-24 1:05:09 PM", "2026-11-24 13:05:09"),
            ("2026-11-24 下午1:05:09", "2026-11-24 13:05:09"),
            ("Nov 24, 2026", "2026-11-24 00:00:00 (date)"),
            ("24 Nov 2026", "2026-11-24 00:00:00 (date)"),
            ("24-Nov-2026", "2026-11-24 00:00:00 (date)"),
            ("24-Nov-26", "2026-11-24 00:00:00 (date)"),
            ("November 24 2026", "2026-11-24 00:00:00 (date)"),
            ("Tue, Nov 24, 2026 1:05 PM", "2026-11-24 13:05:00"),
            ("Sept. 1, 2026", "2026-09-01 00:00:00 (date)"),
            ("=\"2026-11-24 13:05:09\"", "2026-11-24 13:05:09"),
            ("`2026-11-24 13:05:09\t", "2026-11-24 13:05:09"),
            ("２０２６－１１－２４　１３：０５：０９", "2026-11-24 13:05:09"),
            ("45620", "2024-11-24 00:00:00 (date)"),
            ("45620.5436", "2024-11-24 13:02:47"),
            ("45620.99999999", "2024-11-25 00:00:00"),
            ("10000", "1927-05-18 00:00:00 (date)"),
            ("24/11/2026", "2026-11-24 00:00:00 (date)"),
            ("11/24/2026", "2026-11-24 00:00:00 (date)"),
            ("24.11.2026", "2026-11-24 00:00:00 (date)"),
            ("03.04.2026", "2026-04-03 00:00:00 (date)"),
            ("05/05/2026", "2026-05-05 00:00:00 (date)"),
        ];
        for (text, want) in cases {
            assert_eq!(dt(text, Y), want, "{text:?}");
        }
    }

    #[test]
    fn day_and_month_first_layouts() {
        use DateOrder::{DayFirst as D, MonthFirst as M};
        let cases = [
            ("24/11/2026", D, "2026-11-24 00:00:00 (date)"),
            ("03/04/2026", D, "2026-04-03 00:00:00 (date)"),
            ("03/04/2026", M, "2026-03-04 00:00:00 (date)"),
            ("11/24/2026 13:05", M, "2026-11-24 13:05:00"),
            ("11/24/2026 1:05:09 PM", M, "2026-11-24 13:05:09"),
            ("24.11.2026 13:05:09", D, "2026-11-24 13:05:09"),
            ("24-11-2026", D, "2026-11-24 00:00:00 (date)"),
            ("24/11/26", D, "2026-11-24 00:00:00 (date)"),
            ("11/24/26", M, "2026-11-24 00:00:00 (date)"),
            ("3/4/2026", D, "2026-04-03 00:00:00 (date)"),
            ("2026-11-24 13:05:09", D, "2026-11-24 13:05:09"),
            ("2026/03/04", M, "2026-03-04 00:00:00 (date)"),
        ];
        for (text, order, want) in cases {
            assert_eq!(dt(text, order), want, "{text:?} {order:?}");
        }
    }

    #[test]
    fn impossible_dates_say_so() {
        for (text, order) in [
            ("2026-02-30", DateOrder::YearFirst),
            ("2026-02-30 13:05:09", DateOrder::YearFirst),
            ("20260230", DateOrder::YearFirst),
            ("2026年2月30日", DateOrder::YearFirst),
            ("11/24/2026", DateOrder::DayFirst),
            ("24/11/2026", DateOrder::MonthFirst),
            ("Feb 30, 2026", DateOrder::YearFirst),
        ] {
            assert_eq!(dt(text, order), format!("error: {EXPECTED_REAL_DATE}"), "{text:?}");
        }
        assert_eq!(
            dt("2026-11-24 25:05:09", DateOrder::YearFirst),
            format!("error: {}", super::super::clock::EXPECTED_REAL_TIME)
        );
    }

    #[test]
    fn malformed_dates_are_rejected() {
        for bad in [
            "",
            "abc",
            "13:05:09",
            "2026",
            "2026-11",
            "2026-11-24-01",
            "24/11",
            "2026/11-24",
            "261124",
            "Nov 2026",
            "2026-11-24 13:05:09 foo",
            "26/11/24",
            "0",
            "123456",
            "2026-11-24x",
            "2026年11月",
            "20261124.5",
            "60",
            "9999",
            "100000",
        ] {
            let err = parse_datetime(bad, DateOrder::YearFirst).expect_err(bad);
            assert_eq!(err.found, bad);
            assert!(
                err.expected.starts_with("a ") || err.expected.starts_with("dates"),
                "{bad:?}: {err}"
            );
        }
        assert_eq!(dt("26/11/24", DateOrder::YearFirst), format!("error: {EXPECTED_DATE}"));
    }

    #[test]
    fn a_separate_time_cell_is_combined() {
        let c = |d: &str, t: &str| match combine_date_time(d, t, DateOrder::DayFirst) {
            Ok((when, date_only)) => format!("{when} {date_only}"),
            Err(e) => format!("error: {e}"),
        };
        assert_eq!(c("20261124", "130509"), "2026-11-24 13:05:09 false");
        assert_eq!(c("2026-11-24", "13:05"), "2026-11-24 13:05:00 false");
        assert_eq!(c("24/11/2026", "1:05 PM"), "2026-11-24 13:05:00 false");
        assert_eq!(c("45620", "0.5"), "2024-11-24 12:00:00 false");
        assert_eq!(c("2026-11-24 00:00:00", "90509"), "2026-11-24 09:05:09 false");
        assert_eq!(c("20261124", ""), "2026-11-24 00:00:00 true");
        assert_eq!(c("20261124", "  "), "2026-11-24 00:00:00 true");
        assert_eq!(c("2026-11-24 13:05:09", ""), "2026-11-24 13:05:09 false");
        assert_eq!(
            c("20261124", "25:00"),
            format!(
                "error: expected {}, found \"25:00\"",
                super::super::clock::EXPECTED_REAL_TIME
            )
        );
        assert!(c("2026-02-30", "13:05").starts_with("error: expected a real calendar date"));
    }

    proptest! {
        #[test]
        fn every_written_layout_reads_back(days in 0u64..40_000, secs in 0u32..86_400) {
            let base = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap_or_default();
            let date = base.checked_add_days(Days::new(days)).unwrap_or(base);
            let when = date.and_time(NaiveTime::from_num_seconds_from_midnight_opt(secs, 0).unwrap_or_default());
            for (layout, order) in [
                ("%Y-%m-%d %H:%M:%S", DateOrder::YearFirst),
                ("%Y/%m/%d %H:%M:%S", DateOrder::YearFirst),
                ("%Y-%m-%dT%H:%M:%S+08:00", DateOrder::YearFirst),
                ("%Y%m%d%H%M%S", DateOrder::YearFirst),
                ("%Y年%m月%d日 %H时%M分%S秒", DateOrder::YearFirst),
                ("%d/%m/%Y %H:%M:%S", DateOrder::DayFirst),
                ("%m/%d/%Y %I:%M:%S %p", DateOrder::MonthFirst),
                ("%d.%m.%Y %H:%M:%S", DateOrder::DayFirst),
                ("%b %d, %Y %H:%M:%S", DateOrder::YearFirst),
            ] {
                let text = when.format(layout).to_string();
                prop_assert_eq!(parse_datetime(&text, order), Ok((when, false)), "{}", text);
            }
        }

        #[test]
        fn parse_datetime_never_panics(text in "\\PC{0,30}") {
            let _ = parse_datetime(&text, DateOrder::YearFirst);
            let _ = parse_datetime(&text, DateOrder::DayFirst);
        }
    }
}
