//! Workbooks through calamine: .xlsx, .xlsm, .xlsb, .xls and .ods, told apart by their bytes. The sheet whose
//! header scores best is read (or the one a profile names); numbers become text without float artefacts
//! (`1234.5`, never `1234.4999999`), date cells ISO text (`2026-11-24 13:05:09`), so that one amount parser and
//! one date parser serve every format. Rows keep Excel's row numbers. A zip that holds no workbook and a
//! password-protected workbook get their own clear errors.

use std::io::Cursor;

use calamine::{Data, Ods, Range, Reader, Xls, XlsError, Xlsb, Xlsx};
use rust_decimal::Decimal;

use super::error::{ImportError, Location};
use super::mapping::Profile;
use super::sniff::{self, HEADER_SEARCH_ROWS, fields_named, header_score_for, to_u32};
use super::table::{SkippedLine, Table};
use super::{Found, Progress, ProgressFn};

/// The sheets of a workbook, with their cells.
pub struct Workbook {
    /// "XLSX workbook", "XLS workbook", …
    pub format: &'static str,
    pub sheets: Vec<(String, Range<Data>)>,
}

/// Opens a workbook from its bytes.
///
/// calamine panics on some damaged files (an .xls whose sector chain points past the end of the file): such a
/// panic is caught here and the file refused like any other workbook that cannot be read.
pub fn open(file: &str, bytes: &[u8]) -> Result<Workbook, ImportError> {
    std::panic::catch_unwind(|| open_unguarded(file, bytes)).unwrap_or_else(|_| {
        let detail = "the workbook is damaged (a part of it points outside the file) and cannot be read".to_owned();
        Err(ImportError::NotAWorkbook {
            file: file.to_owned(),
            detail,
        })
    })
}

/// [`open`] without the guard against calamine's panics.
fn open_unguarded(file: &str, bytes: &[u8]) -> Result<Workbook, ImportError> {
    let not_a_workbook = |detail: String| ImportError::NotAWorkbook {
        file: file.to_owned(),
        detail,
    };
    let encrypted = || ImportError::Encrypted { file: file.to_owned() };
    let cursor = Cursor::new(bytes);
    match sniff::container(bytes) {
        sniff::Container::Cfb => {
            if sniff::is_encrypted_ooxml(bytes) {
                return Err(encrypted());
            }
            let mut book: Xls<_> = match calamine::open_workbook_from_rs(cursor) {
                Ok(book) => book,
                Err(XlsError::Password) => return Err(encrypted()),
                Err(e) => {
                    return Err(not_a_workbook(format!(
                        "an OLE compound file that is not an Excel workbook ({e})"
                    )));
                }
            };
            let sheets = ranges(&mut book).map_err(|e| match e {
                XlsError::Password => encrypted(),
                e => not_a_workbook(format!("the .xls workbook cannot be read ({e})")),
            })?;
            Ok(Workbook {
                format: "XLS workbook",
                sheets,
            })
        }
        sniff::Container::Zip => {
            super::workbook_limits::check(file, bytes)?;
            if let Ok(mut book) = calamine::open_workbook_from_rs::<Xlsx<_>, _>(cursor.clone()) {
                let sheets = ranges(&mut book)
                    .map_err(|e| not_a_workbook(format!("the .xlsx workbook cannot be read ({e})")))?;
                return Ok(Workbook {
                    format: "XLSX workbook",
                    sheets,
                });
            }
            if let Ok(mut book) = calamine::open_workbook_from_rs::<Xlsb<_>, _>(cursor.clone()) {
                let sheets = ranges(&mut book)
                    .map_err(|e| not_a_workbook(format!("the .xlsb workbook cannot be read ({e})")))?;
                return Ok(Workbook {
                    format: "XLSB workbook",
                    sheets,
                });
            }
            match calamine::open_workbook_from_rs::<Ods<_>, _>(cursor) {
                Ok(mut book) => {
                    let sheets = ranges(&mut book).map_err(|e| match e {
                        calamine::OdsError::Password => encrypted(),
                        e => not_a_workbook(format!("the .ods workbook cannot be read ({e})")),
                    })?;
                    Ok(Workbook {
                        format: "ODS workbook",
                        sheets,
                    })
                }
                Err(calamine::OdsError::Password) => Err(encrypted()),
                Err(_) => Err(not_a_workbook(
                    "a zip archive without a workbook inside (no xl/workbook.xml, xl/workbook.bin or content.xml)"
                        .to_owned(),
                )),
            }
        }
        _ => Err(not_a_workbook("neither a zip nor an OLE compound file".to_owned())),
    }
}

fn ranges<RS, R>(book: &mut R) -> Result<Vec<(String, Range<Data>)>, R::Error>
where
    RS: std::io::Read + std::io::Seek,
    R: Reader<RS>,
{
    let names = book.sheet_names();
    names
        .into_iter()
        .map(|name| book.worksheet_range(&name).map(|range| (name, range)))
        .collect()
}

/// Reads the table of the best sheet. Progress is reported once the workbook is open (calamine reads a sheet
/// whole) and then every [`PROGRESS_ROWS`] rows, the bytes done counted in proportion to the rows.
pub fn read(file: &str, bytes: &[u8], profile: &Profile, progress: Option<&ProgressFn>) -> Result<Found, ImportError> {
    let book = open(file, bytes)?;
    // (sheet index, row index in the range, score)
    let mut best: Option<(usize, usize, usize)> = None;
    let mut closest: Option<(usize, usize, Vec<String>)> = None;
    for (s, (name, range)) in book.sheets.iter().enumerate() {
        if profile
            .sheet
            .as_ref()
            .is_some_and(|wanted| wanted.trim() != name.trim())
        {
            continue;
        }
        let first_row = range.start().map_or(0, |(r, _)| r);
        for (i, row) in range.rows().take(HEADER_SEARCH_ROWS).enumerate() {
            let excel_row = first_row + to_u32(i) + 1;
            if profile.header_line.is_some_and(|l| l != excel_row) {
                continue;
            }
            let cells: Vec<String> = row.iter().map(cell_text).collect();
            let score = header_score_for(&cells, profile);
            if score >= 2 && best.is_none_or(|(_, _, b)| score > b) {
                best = Some((s, i, score));
            }
            if closest
                .as_ref()
                .is_none_or(|(_, _, c)| fields_named(&cells).len() > fields_named(c).len())
            {
                closest = Some((s, i, cells));
            }
        }
    }
    let Some((s, header_index, _)) = best else {
        let (sheet, line, found) = match closest {
            Some((s, i, cells)) => {
                let (name, range) = book.sheets.get(s).map_or(("", None), |(n, r)| (n.as_str(), Some(r)));
                let first_row = range.and_then(|r| r.start()).map_or(0, |(r, _)| r);
                (Some(name), first_row + to_u32(i) + 1, fields_named(&cells))
            }
            None => (book.sheets.first().map(|(n, _)| n.as_str()), 1, Vec::new()),
        };
        let mut missing = Vec::new();
        if !found
            .iter()
            .any(|f| matches!(f, super::mapping::Field::Date | super::mapping::Field::Time))
        {
            missing.push("date".to_owned());
        }
        missing.push("amount".to_owned());
        return Err(ImportError::NoHeader {
            at: Location::new(file, sheet, line, 1),
            found: found.iter().map(|f| f.to_string()).collect(),
            missing,
            hint: String::new(),
        });
    };
    let Some((name, range)) = book.sheets.get(s) else {
        return Err(ImportError::NotAWorkbook {
            file: file.to_owned(),
            detail: "the sheet vanished".to_owned(),
        });
    };
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let pad = first_col as usize;
    let row_cells = |row: &[Data]| -> Vec<String> {
        std::iter::repeat_n(String::new(), pad)
            .chain(row.iter().map(cell_text))
            .collect()
    };
    let mut header_and_rows = range.rows().skip(header_index);
    let header: Vec<String> = header_and_rows
        .next()
        .map(row_cells)
        .unwrap_or_default()
        .into_iter()
        .map(|c| c.trim().to_owned())
        .collect();
    let header_line = first_row + to_u32(header_index) + 1;
    let mut table = Table::new(header, header_line, None);
    let rows_below = range.height().saturating_sub(header_index + 1).max(1) as u64;
    let total = bytes.len() as u64;
    let report = |rows: usize, i: usize| {
        if let Some(report) = progress {
            report(Progress {
                rows,
                bytes_done: total / 2 + total / 2 * (i as u64) / rows_below,
                bytes_total: total,
            });
        }
    };
    report(0, 0);
    for (i, row) in header_and_rows.enumerate() {
        table.push(header_line + to_u32(i) + 1, row_cells(row).as_slice());
        if (i + 1).is_multiple_of(PROGRESS_ROWS) {
            report(table.len(), i + 1);
        }
    }
    table.finish();
    let preamble = range
        .rows()
        .take(header_index)
        .enumerate()
        .map(|(i, row)| SkippedLine {
            line: first_row + to_u32(i) + 1,
            text: row
                .iter()
                .map(cell_text)
                .filter(|c| !c.is_empty())
                .collect::<Vec<_>>()
                .join(" "),
        })
        .filter(|l| !l.text.trim().is_empty())
        .collect();
    Ok(Found {
        table,
        format: book.format.to_owned(),
        encoding: String::new(),
        delimiter: None,
        sheet: Some(name.clone()),
        preamble,
    })
}

/// Rows between two progress reports.
const PROGRESS_ROWS: usize = 16_384;

/// A cell as the text the field parsers read.
pub fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) => s.clone(),
        Data::DurationIso(s) => time_of_day(s).unwrap_or_else(|| s.clone()),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Data::Error(e) => format!("#{e:?}"),
        Data::DateTime(dt) => {
            let serial = dt.as_f64();
            match dt.as_datetime() {
                Some(when) if dt.is_duration() || (0.0..1.0).contains(&serial) => when.format("%H:%M:%S").to_string(),
                Some(when) if serial.fract() == 0.0 => when.format("%Y-%m-%d").to_string(),
                Some(when) => when.format("%Y-%m-%d %H:%M:%S").to_string(),
                None => number_text(serial),
            }
        }
    }
}

/// An ODS time cell (`PT09H15M30S`, an ISO 8601 duration, which is how OpenDocument stores a time of day) as
/// `09:15:30`; None for a span of a day or more or anything else.
fn time_of_day(iso: &str) -> Option<String> {
    let rest = iso.strip_prefix("PT")?;
    let (mut hours, mut minutes, mut seconds, mut parts) = (0u32, 0u32, 0u32, 0);
    let mut number = String::new();
    for c in rest.chars() {
        match c {
            '0'..='9' | '.' => number.push(c),
            'H' | 'M' | 'S' => {
                let whole = number.split('.').next().unwrap_or_default().parse::<u32>().ok()?;
                match c {
                    'H' => hours = whole,
                    'M' => minutes = whole,
                    _ => seconds = whole,
                }
                number.clear();
                parts += 1;
            }
            _ => return None,
        }
    }
    (parts > 0 && number.is_empty() && hours < 24 && minutes < 60 && seconds < 60)
        .then(|| format!("{hours:02}:{minutes:02}:{seconds:02}"))
}

/// A float cell as decimal text: the shortest text that reads back as the same float, limited to Excel's 15
/// significant digits (so a sum stored as 0.30000000000000004 reads 0.3).
pub fn number_text(f: f64) -> String {
    if !f.is_finite() {
        return f.to_string();
    }
    let shortest = f.to_string();
    let significant = shortest
        .trim_start_matches(['-', '0', '.'])
        .chars()
        .filter(char::is_ascii_digit)
        .count();
    if significant <= 15 {
        return shortest;
    }
    let rounded = format!("{f:.14e}");
    Decimal::from_scientific(&rounded).map_or(shortest, |d| d.normalize().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ods_time_cells_are_times_of_day() {
        assert_eq!(time_of_day("PT09H15M30S").as_deref(), Some("09:15:30"));
        assert_eq!(time_of_day("PT18H00M00S").as_deref(), Some("18:00:00"));
        assert_eq!(time_of_day("PT7H5M").as_deref(), Some("07:05:00"));
        assert_eq!(time_of_day("PT13H05M09.5S").as_deref(), Some("13:05:09"));
        for not_a_time in ["PT36H00M00S", "P1DT2H", "PT", "12:00", "PT5X"] {
            assert_eq!(time_of_day(not_a_time), None, "{not_a_time}");
        }
    }

    #[test]
    fn numbers_have_no_float_artefacts() {
        assert_eq!(number_text(1234.5), "1234.5");
        assert_eq!(number_text(0.1 + 0.2), "0.3");
        assert_eq!(number_text(-12.0), "-12");
        assert_eq!(number_text(45620.0), "45620");
        assert_eq!(number_text(123456789.12345679), "123456789.123457");
        assert_eq!(number_text(1.005), "1.005");
    }
}
