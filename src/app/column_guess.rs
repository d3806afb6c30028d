//! A text table whose column names are in words the importer does not know (a Dutch, Polish or Turkish bank, an
//! app's own export): the importer refuses to guess at it (a debit column taken for a signed amount would be read
//! silently wrong) and says no header was found. The import check must still let the owner say which column
//! holds what, so this module reads the rows as they are, takes the row that starts the table for the header,
//! and suggests from the values which column holds the date, the amount and the description — shown in the
//! column dropdowns, read only once the owner accepts or changes them. A file with no header row at all is
//! read by the importer itself, its columns named from what they hold (`Date`, `Amount`, `Description`, `#4`):
//! [`shown_name`] says those as column numbers.

use crate::app::i18n::{self, Language};
use crate::import::delimited::headerless::NAMED_FROM_VALUES;
use crate::import::mapping::{Field, Profile, SignConvention};
use crate::import::parse::{DecimalStyle, reads_as_amount, reads_as_date};
use crate::import::sniff;

/// Rows looked at to find the delimiter, the table and the columns.
const SAMPLE_ROWS: usize = 40;
const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];
/// The share of a column's filled cells that must read as a date (or an amount) for the guess to take it.
const MOST: f64 = 0.8;
/// The profile name of a mapping guessed here, so the import check can say it was guessed.
pub const GUESSED: &str = "guessed from the values";

/// The rows of a table the importer could not name, and a guess at its mapping.
#[derive(Clone, Debug, PartialEq)]
pub struct Unnamed {
    /// The delimiter of a text table (`,` for a workbook).
    pub delimiter: char,
    /// The header row as found.
    pub header: Vec<String>,
    /// The first data rows (at most [`SAMPLE_ROWS`]).
    pub rows: Vec<Vec<String>>,
    /// Date, amount and description as the values suggest (named [`GUESSED`]).
    pub guess: Profile,
}

/// The column number (0-based) of a `#N` name.
fn numbered(name: &str) -> Option<usize> {
    name.strip_prefix('#')?.trim().parse::<usize>().ok()?.checked_sub(1)
}

/// Whether `header` is the one the importer makes up for a file with no header row: `Date`, `Amount`, maybe
/// `Description`, and `#N` for every other column N.
pub fn is_made_up(header: &[String]) -> bool {
    let named = |name: &str| header.iter().any(|h| h == name);
    named("Date")
        && named("Amount")
        && header
            .iter()
            .enumerate()
            .all(|(i, h)| numbered(h) == Some(i) || NAMED_FROM_VALUES.iter().any(|(n, _)| n == h))
}

/// How the import check names column `c` of `header`: for a file with no header row "第 3 列" / "Column 3",
/// with the field its values were taken for ("第 1 列（日期）" / "Column 1 (date)"); else the header's text.
pub fn shown_name(language: Language, header: &[String], c: usize) -> String {
    match header.get(c) {
        Some(name) if is_made_up(header) => match NAMED_FROM_VALUES.iter().find(|(n, _)| n == name) {
            Some((_, field)) => i18n::column_holding(language, c + 1, *field),
            None => i18n::column_number(language, c + 1),
        },
        Some(name) => name.trim().to_owned(),
        None => String::new(),
    }
}

/// Reads the top of a text file (any encoding the importer reads) or of a workbook's fullest sheet. None for a
/// structured statement, or a table that is not of two columns or more.
pub fn read(file: &str, bytes: &[u8]) -> Option<Unnamed> {
    match sniff::container(bytes) {
        sniff::Container::Text => of_text(&sniff::decode(file, bytes).ok()?.text),
        sniff::Container::Zip | sniff::Container::Cfb => of_workbook(file, bytes),
        sniff::Container::Html => None,
    }
}

/// [`read`] on decoded text.
pub fn of_text(text: &str) -> Option<Unnamed> {
    let (delimiter, records, width) = DELIMITERS
        .iter()
        .filter_map(|d| table_of(text, *d))
        .max_by_key(|(_, records, width)| (records.iter().filter(|r| r.len() == *width).count(), *width))?;
    let mut unnamed = of_rows(&records, width)?;
    unnamed.delimiter = char::from(delimiter);
    unnamed.guess.delimiter = Some(unnamed.delimiter);
    Some(unnamed)
}

/// The sheet with the most rows of a workbook, each row cut after its last filled cell.
fn of_workbook(file: &str, bytes: &[u8]) -> Option<Unnamed> {
    let book = crate::import::excel::open(file, bytes).ok()?;
    let (name, range) = book.sheets.iter().max_by_key(|(_, range)| range.height())?;
    let records: Vec<Vec<String>> = range
        .rows()
        .map(|row| {
            let cells: Vec<String> = row.iter().map(crate::import::excel::cell_text).collect();
            let filled = cells
                .iter()
                .rposition(|c| !c.trim().is_empty())
                .map_or(0, |last| last + 1);
            cells.into_iter().take(filled).collect::<Vec<_>>()
        })
        .filter(|r| !r.is_empty())
        .take(SAMPLE_ROWS)
        .collect();
    let width = most_common_width(&records)?;
    let mut unnamed = of_rows(&records, width)?;
    unnamed.guess.sheet = Some(name.clone());
    Some(unnamed)
}

/// The table in `records` whose rows are mostly `width` wide: its first such row is the header (rows above it
/// are a preamble), unless it already holds data.
fn of_rows(records: &[Vec<String>], width: usize) -> Option<Unnamed> {
    // The table starts at the first row as wide as most rows are; lines above it are a preamble.
    let start = records.iter().position(|r| r.len() == width)?;
    let first = records.get(start)?;
    // A first row of data: a file with no header row, the importer's to name (or to refuse when it cannot).
    if sniff::headerless_hint(1, first).is_some() {
        return None;
    }
    let header: Vec<String> = first
        .iter()
        .map(|c| c.trim().trim_start_matches('\u{feff}').to_owned())
        .collect();
    let rows: Vec<Vec<String>> = records
        .iter()
        .skip(start + 1)
        .filter(|r| r.len() == width)
        .cloned()
        .collect();
    let guess = guess(&header, &rows);
    Some(Unnamed {
        delimiter: ',',
        header,
        rows,
        guess,
    })
}

/// The first rows split at `delimiter` (blank ones left out) and the width most of them have; None when that is
/// a single column.
fn table_of(text: &str, delimiter: u8) -> Option<(u8, Vec<Vec<String>>, usize)> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let records: Vec<Vec<String>> = reader
        .records()
        .map_while(Result::ok)
        .map(|r| r.iter().map(str::to_owned).collect::<Vec<_>>())
        .filter(|r| r.iter().any(|c| !c.trim().is_empty()))
        .take(SAMPLE_ROWS)
        .collect();
    let width = most_common_width(&records)?;
    Some((delimiter, records, width))
}

/// The width most rows have; None when that is a single column.
fn most_common_width(records: &[Vec<String>]) -> Option<usize> {
    let mut widths: Vec<(usize, usize)> = Vec::new();
    for record in records {
        match widths.iter_mut().find(|(w, _)| *w == record.len()) {
            Some((_, count)) => *count += 1,
            None => widths.push((record.len(), 1)),
        }
    }
    let (width, _) = widths.into_iter().max_by_key(|(w, count)| (*count, *w))?;
    (width >= 2).then_some(width)
}

fn is_date(cell: &str) -> bool {
    reads_as_date(cell)
}

fn is_amount(cell: &str) -> bool {
    reads_as_amount(cell, &[DecimalStyle::Point, DecimalStyle::Comma])
}

/// Money is written with cents or a sign somewhere in its column; a column of bare counting numbers (a check
/// number, a row number) is not taken for the amount while there is such a column.
fn looks_like_money(cell: &str) -> bool {
    cell.contains(['.', ',', '-', '+', '(']) || !cell.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// The mapping the values suggest: the first column of dates, the first column of amounts (preferring one
/// written with cents or signs), and the widest column of words for the description.
fn guess(header: &[String], rows: &[Vec<String>]) -> Profile {
    let filled = |c: usize| {
        rows.iter()
            .filter_map(move |r| r.get(c))
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
    };
    let share = |c: usize, test: &dyn Fn(&str) -> bool| {
        let (all, hits) = filled(c).fold((0usize, 0usize), |(all, hits), v| {
            (all + 1, hits + usize::from(test(v)))
        });
        if all == 0 { 0.0 } else { hits as f64 / all as f64 }
    };
    let columns = 0..header.len();
    let date = columns.clone().find(|c| share(*c, &is_date) >= MOST);
    let amounts: Vec<usize> = columns
        .clone()
        .filter(|c| Some(*c) != date && share(*c, &is_amount) >= MOST)
        .collect();
    let amount = amounts
        .iter()
        .copied()
        .find(|c| filled(*c).any(looks_like_money))
        .or_else(|| amounts.first().copied());
    let words = |c: usize| {
        filled(c)
            .filter(|v| !is_amount(v) && !is_date(v))
            .map(|v| v.chars().count())
            .sum::<usize>()
    };
    let description = columns
        .filter(|c| Some(*c) != date && Some(*c) != amount && words(*c) > 0)
        .max_by_key(|c| words(*c));
    let mut profile = Profile {
        name: Some(GUESSED.to_owned()),
        sign: SignConvention::Signed,
        ..Profile::default()
    };
    for (field, column) in [
        (Field::Date, date),
        (Field::Amount, amount),
        (Field::Description, description),
    ] {
        if let Some(key) = column.and_then(|c| column_key(header, c)) {
            profile.columns.insert(field, key);
        }
    }
    profile
}

/// How a mapping names column `c`: its header text when that is there and names no other column, else `#N`.
pub fn column_key(header: &[String], c: usize) -> Option<String> {
    let name = header.get(c)?.trim();
    let unique = header.iter().filter(|h| h.trim() == name).count() == 1;
    Some(if !name.is_empty() && unique {
        name.to_owned()
    } else {
        format!("#{}", c + 1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_whose_first_row_is_data_is_left_to_the_importer() {
        let wells_fargo = "\"11/24/2026\",\"-89.99\",\"*\",\"\",\"PURCHASE AUTHORIZED ON 11/22 COSTCO WHSE\"\r\n\
            \"11/23/2026\",\"-450.00\",\"*\",\"1043\",\"CHECK 1043\"\r\n";
        assert_eq!(of_text(wells_fargo), None);
    }

    #[test]
    fn the_columns_of_a_file_with_no_header_row_are_said_as_numbers() {
        let header: Vec<String> = ["Date", "Amount", "#3", "#4", "Description"].map(String::from).to_vec();
        assert!(is_made_up(&header));
        assert_eq!(shown_name(Language::ZhCn, &header, 3), "第 4 列");
        assert_eq!(shown_name(Language::ZhCn, &header, 0), "第 1 列（日期）");
        assert_eq!(shown_name(Language::En, &header, 1), "Column 2 (amount)");
        let real: Vec<String> = ["Date", "Amount", "Memo"].map(String::from).to_vec();
        assert!(!is_made_up(&real));
        assert_eq!(shown_name(Language::ZhCn, &real, 2), "Memo");
    }

    #[test]
    fn column_names_in_unknown_words_are_kept_as_the_header_and_the_columns_guessed_from_the_values() {
        let text = "Rekeningoverzicht\n\nDatum;Nr;Omschrijving;Bedrag\n24-11-2026;1;Kaartbetaling Albert Heijn;-12,50\n\
                    25-11-2026;2;Bijschrijving Adyen;1.240,00\n";
        let unnamed = of_text(text).expect("a table");
        assert_eq!(unnamed.header, ["Datum", "Nr", "Omschrijving", "Bedrag"]);
        assert_eq!(unnamed.delimiter, ';');
        let column = |f: Field| unnamed.guess.columns.get(&f).map(String::as_str);
        assert_eq!(
            (column(Field::Date), column(Field::Amount), column(Field::Description)),
            (Some("Datum"), Some("Bedrag"), Some("Omschrijving"))
        );
    }

    #[test]
    fn a_single_column_of_text_is_no_table() {
        assert_eq!(of_text("hello\nworld\n"), None);
    }
}
