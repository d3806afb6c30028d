//! Tests of the settlement calendars, bundled data included.

use super::*;

fn d(text: &str) -> NaiveDate {
    date_of(text).expect("test date")
}

fn cal(region: &str) -> SettlementCalendar {
    SettlementCalendar::builtin(region).expect("bundled calendar")
}

/// `off` are no working days in the bundled calendar of `region`, `on` are.
fn check(region: &str, off: &[&str], on: &[&str]) {
    let calendar = cal(region);
    off.iter()
        .for_each(|day| assert!(!calendar.is_working_day(d(day)), "{region} {day}: closed"));
    on.iter()
        .for_each(|day| assert!(calendar.is_working_day(d(day)), "{region} {day}: open"));
}

#[test]
fn bundled_calendars() {
    for region in SettlementCalendar::REGIONS {
        let last = if *region == "CN" { 2026 } else { 2027 };
        assert_eq!(cal(region).years(), Some((2024, last)), "{region}");
        assert!(
            cal(region).source(2025).is_some_and(|source| !source.is_empty()),
            "{region}"
        );
    }
    assert_eq!((cal("cn"), cal("uk")), (cal(" CN "), cal("GB")));
    assert_eq!(
        (cal(""), cal("Weekdays")),
        (SettlementCalendar::weekdays(), SettlementCalendar::default())
    );
    assert!(SettlementCalendar::builtin("XX").is_none() && SettlementCalendar::weekdays().years().is_none());
    // National Day, Spring Festival (除夕 a holiday since 2025, only recommended in 2024), Labour Day; 调休.
    let cn_off = [
        "2026-10-01",
        "2026-10-07",
        "2026-10-11",
        "2025-01-28",
        "2024-05-03",
        "2026-02-23",
    ];
    check(
        "CN",
        &cn_off,
        &[
            "2026-10-10",
            "2026-09-20",
            "2026-01-04",
            "2025-02-08",
            "2024-02-09",
            "2026-10-09",
        ],
    );
    // The Fed does not move a Saturday holiday to the Friday; a Sunday one goes to the Monday.
    check(
        "US",
        &["2026-11-26", "2025-06-19", "2027-07-05"],
        &["2026-07-03", "2027-12-24", "2025-01-09"],
    );
    check(
        "GB",
        &["2026-08-31", "2026-12-28", "2027-12-27", "2027-12-28"],
        &["2026-12-29", "2026-10-01"],
    );
    check(
        "EU",
        &["2026-04-03", "2026-04-06", "2025-05-01", "2024-12-26"],
        &["2026-05-25", "2026-12-28"],
    );
}

#[test]
fn due_counts_working_days() {
    let (cn, weekdays) = (cal("CN"), SettlementCalendar::weekdays());
    // T+1 of the day before National Day is the first working day after the holiday week; then a 调休 Saturday.
    assert_eq!(cn.due(d("2026-09-30"), 1), d("2026-10-08"));
    assert_eq!(
        (cn.due(d("2026-10-03"), 0), cn.due(d("2026-10-08"), 0)),
        (d("2026-10-08"), d("2026-10-08"))
    );
    assert_eq!(cn.due(d("2026-10-09"), 1), d("2026-10-10"));
    assert_eq!(
        (weekdays.due(d("2026-03-06"), 1), weekdays.due(d("2026-03-07"), 1)),
        (d("2026-03-09"), d("2026-03-09"))
    );
    assert_eq!(
        (weekdays.due(d("2026-03-06"), 5), weekdays.due(d("2026-03-07"), -3)),
        (d("2026-03-13"), d("2026-03-09"))
    );
    assert_eq!(cal("US").due(d("2026-11-25"), 1), d("2026-11-27"));
    // Loops end: huge n, the end of the calendar, a calendar without working days (stops 400 days on).
    assert!(weekdays.due(d("2026-01-01"), i64::MAX) > d("2300-01-01"));
    assert_eq!(weekdays.due(NaiveDate::MAX, 10), NaiveDate::MAX);
    let never = SettlementCalendar::parse("weekend = [\"Mon\",\"Tue\",\"Wed\",\"Thu\",\"Fri\",\"Sat\",\"Sun\"]");
    let never = never.expect("parses");
    assert_eq!(never.due(d("2026-01-01"), i64::MAX), d("2027-02-06"));
    assert_eq!(never.working_days_late(d("2026-01-01"), d("2027-01-01")), 0);
}

#[test]
fn working_days_late_skips_weekends_and_holidays() {
    let (cn, weekdays) = (cal("CN"), SettlementCalendar::weekdays());
    assert_eq!(weekdays.working_days_late(d("2026-03-06"), d("2026-03-09")), 1);
    assert_eq!(weekdays.working_days_late(d("2026-03-06"), d("2026-03-08")), 0);
    assert_eq!(weekdays.working_days_late(d("2026-03-09"), d("2026-03-06")), 0);
    // Fri 2026-02-13 to Mon 02-16: Saturday 14th is worked (调休), 15th and 16th are Spring Festival.
    assert_eq!(cn.working_days_late(d("2026-02-13"), d("2026-02-16")), 1);
    assert_eq!(cn.working_days_late(d("2026-09-30"), d("2026-10-08")), 1);
    // The arithmetic agrees with counting day by day, over the edges of the data years too.
    for (from, to) in [
        ("2023-12-20", "2027-01-10"),
        ("2026-02-10", "2026-03-02"),
        ("2025-09-26", "2025-10-12"),
    ] {
        let (from, to) = (d(from), d(to));
        let counted = from
            .iter_days()
            .skip(1)
            .take_while(|day| *day <= to)
            .filter(|day| cn.is_working_day(*day));
        assert_eq!(cn.working_days_late(from, to), counted.count() as i64, "{from}..{to}");
    }
    assert!(weekdays.working_days_late(NaiveDate::MIN, NaiveDate::MAX) > 0);
}

#[test]
fn parse_reads_ranges_and_bare_dates() {
    let text = "name = \"Test\"\nweekend = [\"fri\", \"Saturday\"]\n[[year]]\nyear = 2026\n\
                holidays = [\"2026-03-02..2026-03-04\", 2026-03-09]\nworking_days = [2026-03-07]\n";
    let calendar = SettlementCalendar::parse(text).expect("parses");
    let open = |day: &str| calendar.is_working_day(d(day));
    assert_eq!(calendar.name(), "Test");
    assert!(open("2026-03-01") && open("2026-03-07") && open("2026-03-05"));
    assert!(!open("2026-03-02") && !open("2026-03-04") && !open("2026-03-09") && !open("2026-03-06"));
    assert!(calendar.has_year(2026) && !calendar.has_year(2027));
}

#[test]
fn parse_errors_name_the_line_and_value() {
    let year = "[[year]]\nyear = 2026\n";
    let cases = [
        (
            format!("{year}holidays = [\n  \"2026-01-01\",\n  \"2026-13-01\",\n]"),
            "line 5: \"2026-13-01\" is not a date",
        ),
        (
            format!("{year}holidays = [\"2025-12-31\"]"),
            "line 3: 2025-12-31 is not in 2026",
        ),
        (
            format!("{year}holidays = [\"2026-10-07..2026-10-01\"]"),
            "\"2026-10-07..2026-10-01\" is not a date",
        ),
        (
            format!("{year}holidays = [2026-01-01T10:00:00]"),
            "line 3: \"2026-01-01T10:00:00\" is not a date",
        ),
        (
            format!("{year}working_days = [\"2026-01-05\"]"),
            "line 3: working day 2026-01-05 is a Mon",
        ),
        (
            format!("{year}holidays = [\"2026-01-03\"]\nworking_days = [\"2026-01-03\"]"),
            "line 4: 2026-01-03 is listed both",
        ),
        (format!("{year}{year}"), "line 4: a second [[year]] table for 2026"),
        (format!("{year}holiday = [\"2026-01-01\"]"), "calendar line 3: "),
        (
            "weekend = [\"Sat\", \"Sab\"]".to_string(),
            "line 1: \"Sab\" is not a day of the week",
        ),
        (
            "[[year]]\nyear = 20260".to_string(),
            "line 2: year 20260 is out of range",
        ),
        ("name = ".to_string(), "calendar line 1: "),
    ];
    for (text, expected) in cases {
        let message = SettlementCalendar::parse(&text).expect_err(&text).to_string();
        assert!(
            message.starts_with("calendar line ") && message.contains(expected),
            "{message}"
        );
    }
}
