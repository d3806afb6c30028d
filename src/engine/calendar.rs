//! Settlement calendars: the days on which an acquirer's bank settles, so that "paid T+1" and "two working days
//! late" are counted as the bank counts them, not on plain weekdays. A calendar is a weekend (Sat+Sun unless told),
//! the holidays that fall on weekdays, and the weekend days that are worked (China's 调休).
//!
//! Bundled calendars, compiled in from `assets/calendars/*.toml` ([`SettlementCalendar::builtin`]):
//! - `CN`: mainland China, the State Council holiday notices (2024–2026);
//! - `US`: the Federal Reserve Banks' holidays (2024–2027);
//! - `GB`: England and Wales bank holidays (2024–2027);
//! - `EU`: the euro area's T2 (TARGET2) closing days (2024–2027).
//!
//! The format (TOML, read by [`SettlementCalendar::parse`]):
//! ```toml
//! name = "China (mainland), State Council holidays"
//! weekend = ["Sat", "Sun"]                       # optional, Sat+Sun by default
//! [[year]]
//! year = 2026
//! holidays = ["2026-01-01..2026-01-03", "2026-02-15..2026-02-23"]   # days or inclusive ranges
//! working_days = ["2026-01-04", "2026-02-14"]    # weekend days that are worked
//! source = "where the dates come from"          # optional, free text
//! ```
//! **Updating a calendar** (say for next year's holidays): copy a bundled file, e.g. `assets/calendars/cn.toml`,
//! append a `[[year]]` table for the new year with its holidays and working days, and give the copy to posrecon
//! as a custom calendar. Each date must lie in the year of its table. Outside the years listed
//! ([`SettlementCalendar::years`]) a calendar counts plain weekdays, so callers should warn about dates there.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Bound::{Excluded, Included};

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Deserialize;
use toml::Spanned;

/// How many days [`SettlementCalendar::due`] looks ahead for the next working day before it gives up.
const MAX_GAP_DAYS: u32 = 400;
/// The largest `n` of [`SettlementCalendar::due`] (about 380 years of working days); larger ones are clamped.
const MAX_DUE_STEPS: i64 = 100_000;
/// The years a `[[year]]` table may have.
const YEARS: std::ops::RangeInclusive<i64> = 1900..=2999;

/// A settlement calendar: which days are working days. `Default` is [`SettlementCalendar::weekdays`].
#[derive(Clone, Debug, PartialEq)]
pub struct SettlementCalendar {
    name: String,
    /// Indexed by `Weekday::num_days_from_monday`.
    weekend: [bool; 7],
    holidays: BTreeSet<NaiveDate>,
    /// Weekend days that are working days; parse checks that each is a weekend day and no holiday.
    working_days: BTreeSet<NaiveDate>,
    /// The source text of each `[[year]]` table, by year.
    sources: BTreeMap<i32, String>,
}

/// Why a calendar file was refused. Display: `calendar line N: what is wrong — what was expected`.
#[derive(Debug, thiserror::Error)]
pub enum CalendarError {
    /// Not TOML, or not a calendar's shape (an unknown key, a number where a list was expected, ...).
    #[error("calendar line {line}: {message}")]
    Toml { line: usize, message: String },
    #[error("calendar line {line}: {value:?} is not a date — expected \"YYYY-MM-DD\" or \"YYYY-MM-DD..YYYY-MM-DD\"")]
    BadDate { line: usize, value: String },
    #[error("calendar line {line}: {value} is not in {year} — expected only dates of {year} in its [[year]] table")]
    WrongYear { line: usize, value: String, year: i32 },
    #[error("calendar line {line}: {value:?} is not a day of the week — expected Mon, Tue, Wed, Thu, Fri, Sat or Sun")]
    BadWeekday { line: usize, value: String },
    #[error("calendar line {line}: year {value} is out of range — expected a year from 1900 to 2999")]
    BadYear { line: usize, value: i64 },
    #[error("calendar line {line}: a second [[year]] table for {year} — expected one table a year")]
    DuplicateYear { line: usize, year: i32 },
    #[error("calendar line {line}: {date} is listed both as a holiday and as a working day — expected one of them")]
    HolidayAndWorking { line: usize, date: NaiveDate },
    #[error(
        "calendar line {line}: working day {date} is a {}, a working day anyway — expected only weekend days that \
         are worked (调休) in working_days", .date.weekday()
    )]
    NotWeekend { line: usize, date: NaiveDate },
}

impl Default for SettlementCalendar {
    fn default() -> Self {
        Self::weekdays()
    }
}

impl SettlementCalendar {
    /// The regions [`SettlementCalendar::builtin`] knows.
    pub const REGIONS: &[&str] = &["CN", "US", "GB", "EU"];

    /// Monday to Friday, no holidays.
    pub fn weekdays() -> Self {
        Self {
            name: "Weekdays (Mon–Fri, no holidays)".to_string(),
            weekend: weekend_of(&[Weekday::Sat, Weekday::Sun]),
            holidays: BTreeSet::new(),
            working_days: BTreeSet::new(),
            sources: BTreeMap::new(),
        }
    }

    /// A bundled calendar: "CN", "US", "GB" (or "UK"), "EU", any case; "weekdays" or "" is [`Self::weekdays`].
    pub fn builtin(region: &str) -> Option<Self> {
        let text = match region.trim().to_ascii_uppercase().as_str() {
            "" | "WEEKDAYS" => return Some(Self::weekdays()),
            "CN" => include_str!("../../assets/calendars/cn.toml"),
            "US" => include_str!("../../assets/calendars/us.toml"),
            "GB" | "UK" => include_str!("../../assets/calendars/gb.toml"),
            "EU" => include_str!("../../assets/calendars/eu.toml"),
            _ => return None,
        };
        Self::parse(text).ok()
    }

    /// Reads a calendar file (the format is in the module doc). Errors name the line and the value.
    pub fn parse(text: &str) -> Result<Self, CalendarError> {
        let raw: RawCalendar = toml::from_str(text).map_err(|err| CalendarError::Toml {
            line: err.span().map_or(1, |span| line_at(text, span.start)),
            message: err.message().trim().to_string(),
        })?;
        let mut calendar = Self {
            name: raw.name.unwrap_or_else(|| "Custom calendar".to_string()),
            ..Self::weekdays()
        };
        if let Some(names) = raw.weekend {
            let mut days = Vec::with_capacity(names.len());
            for name in names {
                let line = line_at(text, name.span().start);
                let value = name.into_inner();
                days.push(
                    value
                        .trim()
                        .parse::<Weekday>()
                        .map_err(|_| CalendarError::BadWeekday { line, value })?,
                );
            }
            calendar.weekend = weekend_of(&days);
        }
        for table in raw.year {
            let line = line_at(text, table.year.span().start);
            let value = *table.year.get_ref();
            let year = match i32::try_from(value) {
                Ok(year) if YEARS.contains(&value) => year,
                _ => return Err(CalendarError::BadYear { line, value }),
            };
            if calendar.sources.insert(year, table.source).is_some() {
                return Err(CalendarError::DuplicateYear { line, year });
            }
            for item in table.holidays {
                let line = line_at(text, item.span().start);
                calendar.holidays.extend(dates_of(item.get_ref(), year, line)?);
            }
            for item in table.working_days {
                let line = line_at(text, item.span().start);
                for date in dates_of(item.get_ref(), year, line)? {
                    if !calendar.is_weekend(date) {
                        return Err(CalendarError::NotWeekend { line, date });
                    }
                    if calendar.holidays.contains(&date) {
                        return Err(CalendarError::HolidayAndWorking { line, date });
                    }
                    calendar.working_days.insert(date);
                }
            }
        }
        Ok(calendar)
    }

    /// The calendar's name, as its file gives it.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The first and last year that have a `[[year]]` table (`None` for [`Self::weekdays`]). Use
    /// [`Self::has_year`] for a given year: a custom file may skip years.
    pub fn years(&self) -> Option<(i32, i32)> {
        Some((*self.sources.keys().next()?, *self.sources.keys().next_back()?))
    }

    /// Whether the calendar has a `[[year]]` table for `year`.
    pub fn has_year(&self, year: i32) -> bool {
        self.sources.contains_key(&year)
    }

    /// Where the dates of `year` come from (the table's `source`), when the calendar has that year.
    pub fn source(&self, year: i32) -> Option<&str> {
        self.sources.get(&year).map(String::as_str)
    }

    pub fn is_working_day(&self, day: NaiveDate) -> bool {
        if self.is_weekend(day) {
            self.working_days.contains(&day)
        } else {
            !self.holidays.contains(&day)
        }
    }

    /// The day a T+n settlement of trade day `day` is due: the n-th working day after `day` (n = 0: `day` itself
    /// when it is a working day, else the next working day). A negative `n` counts as 0, and `n` is capped at
    /// 100 000. When no working day comes within 400 days (a calendar of holidays only), the day reached is returned.
    pub fn due(&self, day: NaiveDate, n: i64) -> NaiveDate {
        let steps = n.clamp(0, MAX_DUE_STEPS);
        if steps == 0 {
            return self.working_from(day).unwrap_or_else(|reached| reached);
        }
        let mut at = day;
        for _ in 0..steps {
            let Some(next) = at.succ_opt() else { return at };
            match self.working_from(next) {
                Ok(working) => at = working,
                Err(reached) => return reached,
            }
        }
        at
    }

    /// Working days from `from` to `to`: how late a credit posted on `to` is when it was due on `from`
    /// (0 when to <= from; counts working days d with from < d <= to).
    pub fn working_days_late(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        if to <= from {
            return 0;
        }
        // Weekdays by arithmetic (each full week holds each weekday once), then the listed exceptions.
        let days = (to - from).num_days();
        let per_week = self.weekend.iter().filter(|weekend| !**weekend).count() as i64;
        let mut count = days / 7 * per_week;
        let mut day = to;
        for _ in 0..days % 7 {
            count += i64::from(!self.is_weekend(day));
            match day.pred_opt() {
                Some(before) => day = before,
                None => break,
            }
        }
        let span = (Excluded(from), Included(to));
        let holidays = self.holidays.range(span).filter(|day| !self.is_weekend(**day)).count();
        let worked = self
            .working_days
            .range(span)
            .filter(|day| self.is_weekend(**day))
            .count();
        count - holidays as i64 + worked as i64
    }

    fn is_weekend(&self, day: NaiveDate) -> bool {
        self.weekend[day.weekday().num_days_from_monday() as usize]
    }

    /// `day` itself when it is a working day, else the next one; `Err(day reached)` after 400 days without one.
    fn working_from(&self, day: NaiveDate) -> Result<NaiveDate, NaiveDate> {
        let mut at = day;
        for _ in 0..MAX_GAP_DAYS {
            if self.is_working_day(at) {
                return Ok(at);
            }
            at = at.succ_opt().ok_or(at)?;
        }
        Err(at)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCalendar {
    name: Option<String>,
    weekend: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    year: Vec<RawYear>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawYear {
    year: Spanned<i64>,
    #[serde(default)]
    holidays: Vec<Spanned<toml::Value>>,
    #[serde(default)]
    working_days: Vec<Spanned<toml::Value>>,
    #[serde(default)]
    source: String,
}

fn weekend_of(days: &[Weekday]) -> [bool; 7] {
    let mut weekend = [false; 7];
    for day in days {
        weekend[day.num_days_from_monday() as usize] = true;
    }
    weekend
}

/// The 1-based line of byte `offset` in `text`.
fn line_at(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end].iter().filter(|byte| **byte == b'\n').count() + 1
}

/// The days of one list item: a date ("2026-10-01" or a bare TOML date) or an inclusive range
/// ("2026-10-01..2026-10-07"), all within `year`.
fn dates_of(item: &toml::Value, year: i32, line: usize) -> Result<Vec<NaiveDate>, CalendarError> {
    let bad = || CalendarError::BadDate {
        line,
        value: item.to_string().trim_matches('"').to_string(),
    };
    let (first, last) = match item {
        toml::Value::Datetime(datetime) => match (datetime.date, datetime.time, datetime.offset) {
            (Some(date), None, None) => {
                let day = NaiveDate::from_ymd_opt(date.year.into(), date.month.into(), date.day.into());
                let day = day.ok_or_else(bad)?;
                (day, day)
            }
            _ => return Err(bad()),
        },
        toml::Value::String(text) => match text.split_once("..") {
            Some((first, last)) => (date_of(first).ok_or_else(bad)?, date_of(last).ok_or_else(bad)?),
            None => {
                let day = date_of(text).ok_or_else(bad)?;
                (day, day)
            }
        },
        _ => return Err(bad()),
    };
    for day in [first, last] {
        if day.year() != year {
            return Err(CalendarError::WrongYear {
                line,
                value: day.to_string(),
                year,
            });
        }
    }
    if last < first {
        return Err(bad());
    }
    // Both ends lie in `year`: at most 366 days.
    Ok(first.iter_days().take_while(|day| *day <= last).collect())
}

fn date_of(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests;
