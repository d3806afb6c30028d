//! Files with no header row at all (Wells Fargo's CSV download, many credit unions' and small banks' exports):
//! the rows start at once with data. When no row at the top names its columns, but the rows there hold a date
//! in one column and an amount in another in (nearly) every row, the columns are named from what they hold —
//! `Date`, `Amount`, `Description` (the longest text), and `#N` for the rest — and the file is read like any
//! other, starting with its first row. The owner can still choose each column by hand (a mapping names them
//! `#1`, `#2` …).
//!
//! A row of the same width just above the data that holds words is a header this dictionary does not know, not a
//! missing one: that file is left to the "no header found" error and the mapping step, never guessed at (a
//! debit column taken for a signed amount would be read silently wrong).

use super::Candidate;
use crate::import::mapping::Field;
use crate::import::parse::{DecimalStyle, reads_as_amount, reads_as_date};
use crate::import::table::is_blank;

/// The names a headerless table's columns get from what they hold (the rest are `#N`, N counted from 1).
pub const NAMED_FROM_VALUES: [(&str, Field); 6] = [
    ("Date", Field::Date),
    ("Amount", Field::Amount),
    ("Description", Field::Description),
    ("Debit", Field::Debit),
    ("Credit", Field::Credit),
    ("Balance", Field::Balance),
];

/// The header to read a headerless table with, and the index (into `rows`) of its first data row; None when the
/// rows do not look like a headerless table.
pub(super) fn named_columns(rows: &[Candidate]) -> Option<(Vec<String>, usize)> {
    let start = rows
        .iter()
        .position(|r| date_column(&r.cells).is_some() && amount_column(&r.cells).is_some())?;
    let first = rows.get(start)?;
    let width = first.cells.len();
    if width < 2 {
        return None;
    }
    let above = rows
        .get(..start)
        .unwrap_or_default()
        .iter()
        .rev()
        .find(|r| r.cells.iter().any(|c| !is_blank(c)));
    if above.is_some_and(|r| r.cells.len() == width && r.cells.iter().any(|c| c.chars().any(char::is_alphabetic))) {
        return None;
    }
    let data: Vec<&Candidate> = rows
        .get(start..)
        .unwrap_or_default()
        .iter()
        .filter(|r| r.cells.len() == width)
        .collect();
    // Almost every row below must be of the same width (a total line or two may differ).
    if data.len() * 10 < (rows.len() - start) * 9 {
        return None;
    }
    let share = |column: usize, test: &dyn Fn(&str) -> bool| {
        let held = data
            .iter()
            .filter(|r| r.cells.get(column).is_some_and(|c| test(c.trim())))
            .count();
        held * 20 >= data.len() * 19
    };
    let date = (0..width).find(|&c| share(c, &|cell| is_date(cell)))?;
    let amounts: Vec<usize> = (0..width)
        .filter(|&c| c != date && share(c, &|cell| is_amount(cell)))
        .collect();
    // Two columns that hold an amount in turn (one or the other on every row) are money out and money in, as
    // North American banks write them (TD, RBC: withdrawals, then deposits); an amount on every row after
    // them is the running balance, not the movement.
    let pair = (0..width.saturating_sub(1)).map(|c| (c, c + 1)).find(|&(a, b)| {
        let one_of = |r: &&Candidate| {
            let filled = |c: usize| r.cells.get(c).is_some_and(|v| !is_blank(v));
            let amount = |c: usize| r.cells.get(c).is_some_and(|v| is_amount(v.trim()));
            (filled(a) != filled(b)) && (amount(a) || amount(b))
        };
        a != date && b != date && !amounts.contains(&a) && !amounts.contains(&b) && data.iter().all(one_of)
    });
    if let Some((debit, credit)) = pair {
        let balance = amounts.iter().copied().find(|&c| c > credit);
        let words = |c: usize| {
            data.iter()
                .any(|r| r.cells.get(c).is_some_and(|v| v.chars().any(char::is_alphabetic)))
        };
        let header = (0..width)
            .map(|c| match c {
                _ if c == date => "Date".to_owned(),
                _ if c == debit => "Debit".to_owned(),
                _ if c == credit => "Credit".to_owned(),
                _ if Some(c) == balance => "Balance".to_owned(),
                _ if words(c) => "Description".to_owned(),
                _ => format!("#{}", c + 1),
            })
            .collect();
        return Some((header, start));
    }
    // An amount written with decimals beats a column of whole numbers (a check or sequence number).
    let amount = amounts
        .iter()
        .copied()
        .find(|&c| {
            data.iter()
                .any(|r| r.cells.get(c).is_some_and(|v| v.contains(['.', ','])))
        })
        .or(amounts.first().copied())?;
    let length = |c: usize| {
        data.iter()
            .map(|r| r.cells.get(c).map_or(0, |v| v.trim().chars().count()))
            .sum::<usize>()
    };
    let description = (0..width)
        .filter(|&c| c != date && c != amount)
        .filter(|&c| {
            data.iter()
                .any(|r| r.cells.get(c).is_some_and(|v| v.chars().any(char::is_alphabetic)))
        })
        .max_by_key(|&c| (length(c), std::cmp::Reverse(c)));
    let field = |c: usize| match c {
        _ if c == date => Some(Field::Date),
        _ if c == amount => Some(Field::Amount),
        _ if Some(c) == description => Some(Field::Description),
        _ => None,
    };
    let header = (0..width)
        .map(|c| match NAMED_FROM_VALUES.iter().find(|(_, f)| Some(*f) == field(c)) {
            Some((name, _)) => (*name).to_owned(),
            None => format!("#{}", c + 1),
        })
        .collect();
    Some((header, start))
}

fn is_date(cell: &str) -> bool {
    reads_as_date(cell)
}

fn is_amount(cell: &str) -> bool {
    reads_as_amount(cell, &[DecimalStyle::Point])
}

fn date_column(cells: &[String]) -> Option<usize> {
    cells.iter().position(|c| is_date(c.trim()))
}

fn amount_column(cells: &[String]) -> Option<usize> {
    cells.iter().position(|c| is_amount(c.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(lines: &[&[&str]]) -> Vec<Candidate> {
        lines
            .iter()
            .enumerate()
            .map(|(i, cells)| Candidate {
                line: u32::try_from(i + 1).unwrap_or(0),
                offset: i * 10,
                cells: cells.iter().map(|c| (*c).to_owned()).collect(),
                score: 0,
            })
            .collect()
    }

    #[test]
    fn columns_are_named_from_what_they_hold() {
        let table = rows(&[
            &[
                "11/24/2026",
                "-89.99",
                "*",
                "",
                "PURCHASE AUTHORIZED ON 11/21 HOME DEPOT",
            ],
            &["11/23/2026", "1240.00", "*", "", "BANKCARD 8076 MTOT DEP"],
            &["11/22/2026", "-45.00", "*", "1043", "CHECK # 1043"],
        ]);
        let (header, start) = named_columns(&table).unwrap_or_default();
        assert_eq!(header, ["Date", "Amount", "#3", "#4", "Description"]);
        assert_eq!(start, 0);
    }

    #[test]
    fn withdrawals_and_deposits_in_turn_are_not_taken_for_the_balance() {
        let table = rows(&[
            &["05/01/2023", "DOLLARAMA # 845", "1.96", "", "13.04"],
            &["05/01/2023", "SFCA MSP", "", "0.01", "37.10"],
            &["05/02/2023", "PTS TO: 0281", "10.00", "", "27.10"],
        ]);
        let (header, _) = named_columns(&table).unwrap_or_default();
        assert_eq!(header, ["Date", "Description", "Debit", "Credit", "Balance"]);
    }

    #[test]
    fn an_unknown_header_above_the_data_is_not_taken_for_a_missing_one() {
        let table = rows(&[
            &["Buchung", "Betrag", "Text"],
            &["24.11.2026", "-89,99", "Miete"],
            &["23.11.2026", "12,00", "Kasse"],
        ]);
        assert_eq!(named_columns(&table), None);
        // A preamble line of another width is fine.
        let table = rows(&[
            &["Account 12345678"],
            &["24.11.2026", "-89.99", "Rent"],
            &["23.11.2026", "12.00", "Till"],
        ]);
        assert_eq!(
            named_columns(&table),
            Some((vec!["Date".into(), "Amount".into(), "Description".into()], 1))
        );
    }

    #[test]
    fn rows_without_a_date_and_an_amount_are_not_a_table() {
        assert_eq!(named_columns(&rows(&[&["Name", "Town"], &["Ann", "Leeds"]])), None);
        assert_eq!(
            named_columns(&rows(&[&["2026-11-24", "Rent"], &["2026-11-25", "Till"]])),
            None
        );
    }
}
