//! The parts of a date cell before any of them is read as a number: where the date ends and the time begins
//! (`2026-11-24 13:05`, `2026年11月24日 下午1时05分`, `20261124 130509`), and the three runs of digits of a
//! numeric date (`24/11/2026`). Shared by the date reader and the day/month order decision.

/// Splits a cell into its date part and its time part (if any): the time starts at the number before the first
/// `:` or `时`/`点` (with a `上午`/`下午` before it), or is a trailing `130509` / `1305` after a space.
pub(super) fn split_date_time(s: &str) -> (&str, Option<&str>) {
    if let Some(mark) = s.find([':', '时', '点']) {
        let digits_before = s
            .get(..mark)
            .unwrap_or("")
            .bytes()
            .rev()
            .take_while(u8::is_ascii_digit)
            .count();
        let mut start = mark - digits_before;
        let head = s.get(..start).unwrap_or("").trim_end();
        if let Some(meridiem) = ["上午", "下午", "晚上", "凌晨"].iter().find(|m| head.ends_with(**m)) {
            start = head.len() - meridiem.len();
        }
        return (
            s.get(..start).unwrap_or("").trim_end_matches([' ', 'T', ',']),
            s.get(start..),
        );
    }
    if let Some((date, time)) = s.rsplit_once(' ') {
        let date = date.trim_end();
        let digits = time.bytes().all(|b| b.is_ascii_digit());
        let plain_date = !date.contains(' ') && !date.bytes().any(|b| b.is_ascii_alphabetic());
        if digits && (time.len() == 6 || (time.len() == 4 && plain_date)) {
            return (date, Some(time));
        }
    }
    (s, None)
}

/// Three runs of digits joined by one and the same separator (`-`, `/`, `.` or a space).
pub(super) fn numeric_parts(s: &str) -> Option<([&str; 3], char)> {
    let sep = s.chars().find(|c| !c.is_ascii_digit())?;
    if !matches!(sep, '-' | '/' | '.' | ' ') {
        return None;
    }
    let mut parts = s.split(sep);
    let found = [parts.next()?, parts.next()?, parts.next()?];
    let digits = |p: &&str| (1..=4).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
    (parts.next().is_none() && found.iter().all(digits)).then_some((found, sep))
}
