//! Bounds on what a zipped workbook (.xlsx, .xlsm, .xlsb, .ods) may make posrecon allocate, checked before
//! calamine reads it. calamine allocates a sheet's whole extent as one grid (a sheet with one cell at A1 and one
//! at XFD1048576 is 17 billion cells: the process aborts), and it inflates every part it reads in full (a 2 MB
//! file whose one part inflates to 2 GB of spaces costs that much memory). Files arrive by e-mail and chat, so
//! both are refused here, within bounded memory, with the limit named:
//! - every part is inflated as a stream and counted: more than [`MAX_PART_BYTES`], or more than [`MAX_RATIO`]
//!   times its compressed size once past [`RATIO_FROM_BYTES`], is refused (a zip bomb, whatever sizes the zip's
//!   directory claims);
//! - every worksheet's cells are scanned (their `r="B7"` references): more than Excel's 1,048,576 rows, or an
//!   extent (rows × columns from the first used cell to the last) of more than [`MAX_EXTENT_CELLS`], is refused.
//!
//! A zip this module cannot open is left to calamine, which says what is wrong with it.

use std::io::{Cursor, Read};

use quick_xml::events::Event;

use super::error::ImportError;

/// At most this many bytes in one inflated part (1 GiB: a million-row sheet is ~200 MB of XML).
pub const MAX_PART_BYTES: u64 = 1 << 30;
/// At most this many inflated bytes per compressed byte, for parts past [`RATIO_FROM_BYTES`] (real sheets
/// compress 5–30 times; runs of one byte compress a thousand times).
pub const MAX_RATIO: u64 = 200;
pub const RATIO_FROM_BYTES: u64 = 16 << 20;
/// Excel's own limit of rows in a sheet.
pub const MAX_ROWS: u64 = 1_048_576;
/// At most this many cells in a sheet's extent (calamine holds ~32 bytes a cell: 40M cells ≈ 1.3 GB).
pub const MAX_EXTENT_CELLS: u64 = 40_000_000;

/// Refuses a zipped workbook whose parts or sheets go beyond the limits above.
pub fn check(file: &str, bytes: &[u8]) -> Result<(), ImportError> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let too_large = |detail: String| ImportError::TooLarge {
        file: file.to_owned(),
        detail,
    };
    for i in 0..archive.len() {
        let Ok(part) = archive.by_index(i) else {
            continue;
        };
        let name = part.name().map(|n| n.into_owned()).unwrap_or_default();
        let compressed = part.compressed_size().max(1);
        let mut counted = Counted {
            inner: part,
            read: 0,
            compressed,
            limit_hit: None,
        };
        let result = if is_sheet_xml(&name) {
            sheet_extent(&mut counted)
        } else {
            std::io::copy(&mut counted, &mut std::io::sink())
                .map(|_| None)
                .map_err(|_| ())
        };
        if let Some(limit) = counted.limit_hit {
            return Err(too_large(format!("its part {name} {limit}")));
        }
        if let Ok(Some(extent)) = result {
            extent.check(&name).map_err(too_large)?;
        }
    }
    Ok(())
}

/// A worksheet in XML (xlsx/xlsm) or an ODS sheet file.
fn is_sheet_xml(name: &str) -> bool {
    name.starts_with("xl/worksheets/") && name.ends_with(".xml")
}

/// A part being inflated, counting bytes and stopping at the limits.
struct Counted<R> {
    inner: R,
    read: u64,
    compressed: u64,
    /// Which limit stopped the reading, in words.
    limit_hit: Option<String>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if self.read > MAX_PART_BYTES {
            self.limit_hit = Some(format!("inflates to more than {} MiB", MAX_PART_BYTES >> 20));
        } else if self.read > RATIO_FROM_BYTES && self.read / self.compressed > MAX_RATIO {
            self.limit_hit = Some(format!(
                "inflates more than {MAX_RATIO} times its compressed size ({} bytes to over {} MiB): a zip bomb",
                self.compressed,
                self.read >> 20
            ));
        }
        match self.limit_hit {
            Some(_) => Err(std::io::Error::other("limit")),
            None => Ok(n),
        }
    }
}

/// The rows and columns a sheet's cells span (1-based), and how many rows it has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Extent {
    rows: (u64, u64),
    columns: (u64, u64),
    row_count: u64,
}

impl Extent {
    fn check(&self, name: &str) -> Result<(), String> {
        let height = self.rows.1 - self.rows.0 + 1;
        let width = self.columns.1 - self.columns.0 + 1;
        if self.row_count > MAX_ROWS || self.rows.1 > MAX_ROWS {
            return Err(format!(
                "the sheet {name} has more than Excel's {MAX_ROWS} rows ({} rows, the last at row {})",
                self.row_count, self.rows.1
            ));
        }
        if height.saturating_mul(width) > MAX_EXTENT_CELLS {
            return Err(format!(
                "the sheet {name} spans {height} rows × {width} columns ({} cells from its first cell to its last), \
                 more than the {MAX_EXTENT_CELLS} cells posrecon reads in a sheet",
                height.saturating_mul(width)
            ));
        }
        Ok(())
    }
}

/// Scans a worksheet's XML for its rows and cell references; `Err` when the XML cannot be read (calamine will
/// say why) or a limit stopped the inflating.
fn sheet_extent(part: &mut impl Read) -> Result<Option<Extent>, ()> {
    let mut reader = quick_xml::Reader::from_reader(std::io::BufReader::new(part));
    let mut buf = Vec::new();
    let mut extent: Option<Extent> = None;
    let (mut row, mut column, mut row_count) = (0u64, 0u64, 0u64);
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|_| ())?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => match e.local_name().as_ref() {
                "row" => {
                    row_count += 1;
                    row = attribute(e, "r").and_then(|r| r.parse().ok()).unwrap_or(row + 1);
                    column = 0;
                }
                "c" => {
                    let (r, c) = attribute(e, "r")
                        .and_then(|r| cell_ref(&r))
                        .unwrap_or((row.max(1), column + 1));
                    (row, column) = (r, c);
                    let seen = extent.get_or_insert(Extent {
                        rows: (r, r),
                        columns: (c, c),
                        row_count: 0,
                    });
                    seen.rows = (seen.rows.0.min(r), seen.rows.1.max(r));
                    seen.columns = (seen.columns.0.min(c), seen.columns.1.max(c));
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if let Some(e) = extent.as_mut() {
        e.row_count = row_count;
    }
    Ok(extent)
}

fn attribute(e: &quick_xml::events::BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == key)
        .map(|a| a.value.to_string())
}

/// `XFD1048576` → (row 1048576, column 16384); None for anything else.
fn cell_ref(text: &str) -> Option<(u64, u64)> {
    let letters = text.bytes().take_while(u8::is_ascii_uppercase).count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let column = text
        .bytes()
        .take(letters)
        .fold(0u64, |n, b| n * 26 + u64::from(b - b'A' + 1));
    let row: u64 = text.get(letters..)?.parse().ok()?;
    (row > 0).then_some((row, column))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A zip of the given parts, deflated.
    fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in parts {
            out.start_file(*name, options).expect("a part");
            out.write_all(bytes).expect("written");
        }
        out.finish().expect("a zip").into_inner()
    }

    fn sheet(cells: &str) -> Vec<u8> {
        format!("<worksheet><sheetData>{cells}</sheetData></worksheet>").into_bytes()
    }

    #[test]
    fn cell_references_read_as_row_and_column() {
        assert_eq!(cell_ref("A1"), Some((1, 1)));
        assert_eq!(cell_ref("XFD1048576"), Some((1_048_576, 16_384)));
        assert_eq!(cell_ref("1A"), None);
        assert_eq!(cell_ref("A0"), None);
    }

    #[test]
    fn a_sheet_spanning_a1_to_the_last_cell_is_refused_without_allocating_it() {
        let bomb =
            sheet(r#"<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row>"#);
        let bytes = zip_of(&[("xl/worksheets/sheet1.xml", &bomb)]);
        let error = check("wide.xlsx", &bytes).expect_err("refused");
        let text = error.to_string();
        assert!(
            text.starts_with("wide.xlsx:1:1:") && text.contains("16384 columns"),
            "{text}"
        );
    }

    #[test]
    fn more_rows_than_excel_allows_are_refused() {
        let rows: String = (1..=1_048_577u64).map(|r| format!(r#"<row r="{r}"/>"#)).collect();
        let bytes = zip_of(&[(
            "xl/worksheets/sheet1.xml",
            &sheet(&format!("{rows}<row><c r=\"A1\"/></row>")),
        )]);
        let text = check("long.xlsx", &bytes).expect_err("refused").to_string();
        assert!(text.contains("1048576 rows"), "{text}");
    }

    #[test]
    fn a_part_that_inflates_a_thousandfold_is_a_zip_bomb() {
        let spaces = vec![b' '; 40 << 20];
        let bytes = zip_of(&[("xl/sharedStrings.xml", &spaces)]);
        assert!(bytes.len() < 1 << 20, "the bomb is small: {}", bytes.len());
        let text = check("bomb.xlsx", &bytes).expect_err("refused").to_string();
        assert!(
            text.contains("zip bomb") && text.contains("xl/sharedStrings.xml"),
            "{text}"
        );
    }

    #[test]
    fn an_ordinary_sheet_passes() {
        let cells: String = (1..=500)
            .map(|r| format!(r#"<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}" t="s"><v>0</v></c></row>"#))
            .collect();
        let bytes = zip_of(&[
            ("xl/worksheets/sheet1.xml", &sheet(&cells)),
            ("xl/sharedStrings.xml", b"<sst><si><t>x</t></si></sst>"),
        ]);
        assert!(check("ok.xlsx", &bytes).is_ok());
        assert!(
            check("not-a-zip.xlsx", b"PK\x03\x04 broken").is_ok(),
            "left to calamine"
        );
    }
}
