//! Times of day as exports write them: `13:05:09`, `13:05`, `13:05:09.250`, `130509`, `90509` (a leading zero
//! lost by a spreadsheet), `1:05 PM`, `下午1:05`, `13时05分09秒`, and Excel day fractions such as `0.5436`.
//!
//! ```
//! use posrecon::import::parse::parse_time;
//!
//! assert_eq!(parse_time("130509").unwrap().to_string(), "13:05:09");
//! assert_eq!(parse_time("1:05 PM").unwrap().to_string(), "13:05:00");
//! assert_eq!(parse_time("13时05分09秒").unwrap().to_string(), "13:05:09");
//! assert_eq!(parse_time("0.5").unwrap().to_string(), "12:00:00");
//! ```

use chrono::NaiveTime;

use super::FieldError;
use super::text::{clean_cell, strip_suffix_ignore_case};

/// What `expected` says when a time cell cannot be read.
pub(super) const EXPECTED_TIME: &str = "a time such as 13:05:09, 13:05, 130509 or 1:05 PM";
/// What `expected` says when a time is laid out right but does not exist (25:00, 13:61).
pub(super) const EXPECTED_REAL_TIME: &str = "a real time of day (hours 0-23, minutes and seconds 0-59)";

/// Why a time part could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ClockProblem {
    /// Not a layout we know.
    Layout,
    /// A known layout, but no such time of day.
    NoSuchTime,
}

impl ClockProblem {
    pub(super) fn expected(self) -> &'static str {
        match self {
            ClockProblem::Layout => EXPECTED_TIME,
            ClockProblem::NoSuchTime => EXPECTED_REAL_TIME,
        }
    }
}

/// A time cell on its own: 13:05:09, 13:05, 130509, 1305, 1:05 PM, 13时05分09秒, Excel fraction 0.5436.
///
/// A UTC offset or `Z` after the time is dropped: the wall-clock time written is kept.
pub fn parse_time(text: &str) -> Result<NaiveTime, FieldError> {
    read_clock(&clean_cell(text)).map_err(|p| FieldError::new(p.expected(), text))
}

/// Morning or afternoon, from `AM`/`PM` after the time or `上午`/`下午`/`晚上` before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Meridiem {
    Am,
    Pm,
}

/// Reads a time part that has already been cleaned.
pub(super) fn read_clock(text: &str) -> Result<NaiveTime, ClockProblem> {
    let (meridiem, s) = strip_meridiem(text.trim());
    let s = strip_offset(s);
    let (hour, minute, second, nanos) = if let Some(fraction) = s.strip_prefix("0.").or_else(|| s.strip_prefix('.')) {
        // 23:59:59.9 rounds up to midnight; a time cell cannot roll into the next day, so it stays 23:59:59.
        let secs = day_fraction_seconds(fraction).ok_or(ClockProblem::Layout)?.min(86_399);
        (secs / 3600, secs / 60 % 60, secs % 60, 0)
    } else if s.contains(':') {
        colon_clock(s)?
    } else if s.contains(['时', '点']) {
        chinese_clock(s)?
    } else {
        compact_clock(s)?
    };
    let hour = match meridiem {
        None => hour,
        Some(_) if !(1..=12).contains(&hour) => return Err(ClockProblem::NoSuchTime),
        Some(Meridiem::Am) => hour % 12,
        Some(Meridiem::Pm) => hour % 12 + 12,
    };
    NaiveTime::from_hms_nano_opt(hour, minute, second, nanos).ok_or(ClockProblem::NoSuchTime)
}

/// Splits `1:05 PM` / `下午1:05` into the meridiem and the clock.
fn strip_meridiem(s: &str) -> (Option<Meridiem>, &str) {
    for (prefix, m) in [
        ("上午", Meridiem::Am),
        ("凌晨", Meridiem::Am),
        ("下午", Meridiem::Pm),
        ("晚上", Meridiem::Pm),
    ] {
        if let Some(rest) = s.strip_prefix(prefix) {
            return (Some(m), rest.trim_start());
        }
    }
    for (suffix, m) in [
        ("AM", Meridiem::Am),
        ("A.M.", Meridiem::Am),
        ("PM", Meridiem::Pm),
        ("P.M.", Meridiem::Pm),
    ] {
        if let Some(rest) = strip_suffix_ignore_case(s, suffix) {
            return (Some(m), rest.trim_end());
        }
    }
    (None, s)
}

/// Drops a trailing `Z`, `+08:00`, `-0500`, `+08`, `UTC`, `GMT+8` after a clock: the wall-clock time written is
/// kept.
fn strip_offset(s: &str) -> &str {
    if let Some(rest) = s.strip_suffix(['Z', 'z']) {
        return rest.trim_end();
    }
    let mut s = s;
    if let Some(at) = s.rfind(['+', '-']) {
        let offset = s.get(at + 1..).unwrap_or("");
        let digits = offset.bytes().filter(u8::is_ascii_digit).count();
        let shape_ok = offset.bytes().all(|b| b.is_ascii_digit() || b == b':') && matches!(digits, 1 | 2 | 4);
        if at > 0 && shape_ok {
            s = s.get(..at).unwrap_or(s).trim_end();
        }
    }
    ["UTC", "GMT"]
        .iter()
        .find_map(|zone| strip_suffix_ignore_case(s, zone))
        .map_or(s, str::trim_end)
}

/// A whole number from 1–4 ASCII digits.
pub(super) fn small_number(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.bytes().try_fold(0u32, |n, b| Some(n * 10 + u32::from(b - b'0')))
}

/// Seconds and nanoseconds from `09` or `09.250`.
fn seconds_with_fraction(s: &str) -> Option<(u32, u32)> {
    let (whole, fraction) = s.split_once(['.', ',']).unwrap_or((s, ""));
    if whole.len() != 2 || fraction.len() > 9 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let nanos = fraction
        .bytes()
        .chain(std::iter::repeat(b'0'))
        .take(9)
        .fold(0u32, |n, b| n * 10 + u32::from(b - b'0'));
    Some((small_number(whole)?, nanos))
}

/// `13:05`, `13:05:09`, `1:05`, `13:05:09.250`.
fn colon_clock(s: &str) -> Result<(u32, u32, u32, u32), ClockProblem> {
    let mut parts = s.split(':');
    let (h, m, sec) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next());
    if parts.next().is_some() || !(1..=2).contains(&h.len()) || m.len() != 2 {
        return Err(ClockProblem::Layout);
    }
    let (second, nanos) = match sec {
        None => (0, 0),
        Some(sec) => seconds_with_fraction(sec).ok_or(ClockProblem::Layout)?,
    };
    Ok((
        small_number(h).ok_or(ClockProblem::Layout)?,
        small_number(m).ok_or(ClockProblem::Layout)?,
        second,
        nanos,
    ))
}

/// `13时05分09秒`, `13时05分`, `13点05分`, `13点`.
fn chinese_clock(s: &str) -> Result<(u32, u32, u32, u32), ClockProblem> {
    let (h, rest) = s.split_once(['时', '点']).ok_or(ClockProblem::Layout)?;
    let (m, rest) = rest.split_once('分').unwrap_or((rest, ""));
    let sec = rest.strip_suffix('秒').unwrap_or(rest);
    let number = |part: &str, required: bool| match part.trim() {
        "" if !required => Some(0),
        p if p.len() <= 2 => small_number(p),
        _ => None,
    };
    match (number(h, true), number(m, false), number(sec, false)) {
        (Some(h), Some(m), Some(sec)) => Ok((h, m, sec, 0)),
        _ => Err(ClockProblem::Layout),
    }
}

/// `130509`, `90509`, `1305`, `905`: digits only, the hour's leading zero possibly lost.
fn compact_clock(s: &str) -> Result<(u32, u32, u32, u32), ClockProblem> {
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ClockProblem::Layout);
    }
    let n = |range: std::ops::Range<usize>| s.get(range).and_then(small_number).ok_or(ClockProblem::Layout);
    match s.len() {
        6 => Ok((n(0..2)?, n(2..4)?, n(4..6)?, 0)),
        5 => Ok((n(0..1)?, n(1..3)?, n(3..5)?, 0)),
        4 => Ok((n(0..2)?, n(2..4)?, 0, 0)),
        3 => Ok((n(0..1)?, n(1..3)?, 0, 0)),
        _ => Err(ClockProblem::Layout),
    }
}

/// The digits after the point of an Excel day fraction (`5436` of `0.5436`) as whole seconds, rounded half up.
/// 86400 means the fraction rounds up to the next midnight. Exact: no floating point.
pub(super) fn day_fraction_seconds(fraction: &str) -> Option<u32> {
    if !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let kept = fraction.get(..fraction.len().min(18)).unwrap_or(fraction);
    let numerator = kept.bytes().fold(0u128, |n, b| n * 10 + u128::from(b - b'0'));
    let denominator = 10u128.pow(u32::try_from(kept.len()).ok()?);
    u32::try_from((numerator * 86_400 * 2 + denominator) / (denominator * 2)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(text: &str) -> String {
        match parse_time(text) {
            Ok(time) => time.to_string(),
            Err(e) => format!("error: {e}"),
        }
    }

    #[test]
    fn time_layouts() {
        let cases = [
            ("13:05:09", "13:05:09"),
            ("13:05", "13:05:00"),
            ("9:05", "09:05:00"),
            ("13:05:09.250", "13:05:09.250"),
            ("13:05:09,5", "13:05:09.500"),
            ("130509", "13:05:09"),
            ("090509", "09:05:09"),
            ("90509", "09:05:09"),
            ("1305", "13:05:00"),
            ("905", "09:05:00"),
            ("1:05 PM", "13:05:00"),
            ("1:05:09 pm", "13:05:09"),
            ("12:30 AM", "00:30:00"),
            ("12:30 PM", "12:30:00"),
            ("11:59 p.m.", "23:59:00"),
            ("下午1:05", "13:05:00"),
            ("上午 9:05:01", "09:05:01"),
            ("13时05分09秒", "13:05:09"),
            ("13时05分", "13:05:00"),
            ("13点05分", "13:05:00"),
            ("１３：０５：０９", "13:05:09"),
            ("0.5", "12:00:00"),
            ("0.5436", "13:02:47"),
            ("0.999999", "23:59:59"),
            ("0.9999999", "23:59:59"),
            (
                "0",
                "error: expected a time such as 13:05:09, 13:05, 130509 or 1:05 PM, found \"0\"",
            ),
            ("13:05:09+08:00", "13:05:09"),
            ("13:05:09Z", "13:05:09"),
            ("13:05:09 -0500", "13:05:09"),
            ("13:05:09 UTC", "13:05:09"),
            ("13:05:09 GMT+8", "13:05:09"),
            ("13:05:09 UTC+08:00", "13:05:09"),
            ("\t13:05:09\t", "13:05:09"),
        ];
        for (text, want) in cases {
            assert_eq!(t(text), want, "{text:?}");
        }
    }

    #[test]
    fn impossible_times_say_so() {
        for bad in ["25:00", "13:61", "23:59:60", "246000", "13:05 PM", "0:30 AM"] {
            let err = parse_time(bad).expect_err(bad);
            assert_eq!(err.expected, EXPECTED_REAL_TIME, "{bad:?}");
        }
    }

    #[test]
    fn malformed_times_are_rejected() {
        for bad in [
            "",
            "abc",
            "13",
            "1:5",
            "13:05:09:01",
            "13-05",
            "1234567",
            "13:05:9",
            "时05分",
            "0.5x",
            "13:05:09.1234567890",
        ] {
            let err = parse_time(bad).expect_err(bad);
            assert_eq!(err.expected, EXPECTED_TIME, "{bad:?}");
            assert_eq!(err.found, bad);
        }
    }

    #[test]
    fn excel_day_fractions_round_to_the_second() {
        assert_eq!(day_fraction_seconds("5"), Some(43_200));
        assert_eq!(day_fraction_seconds("54363425925925926"), Some(46_970));
        assert_eq!(day_fraction_seconds("99999999"), Some(86_400));
        assert_eq!(day_fraction_seconds(""), Some(0));
        assert_eq!(day_fraction_seconds("1a"), None);
    }
}
