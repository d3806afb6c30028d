//! Splitting a part of a delimited file that has no `"` in it at all (almost every real export): records and
//! cells are found with SIMD byte searches (`memchr3` over the delimiter, `\n` and `\r`) instead of the csv
//! crate's byte-at-a-time state machine, several times faster. Without quotes a record cannot span lines and no
//! cell needs unescaping, so the cells are slices of the text itself (already checked UTF-8: it is only cut at
//! ASCII bytes).
//!
//! It hands over exactly what the csv crate (as `read_part` sets it up: flexible, quotes on, CRLF terminators)
//! gives for such text: `\r`, `\n` and `\r\n` each end a record; empty records (blank lines) are skipped; a record
//! ends one byte after its first terminator byte (what the line-length check measures); a record's line is one
//! more than the `\n` bytes before it. The tests in delimited.rs run both over the same tricky inputs.

use memchr::memchr3_iter;

/// One record: where it starts and ends (after its first terminator byte) in the part, its physical line, and
/// its cells.
pub struct Record<'t, 'c> {
    pub start: usize,
    pub end: usize,
    pub line: u32,
    pub cells: &'c [&'t str],
}

/// Calls `each` with every record of `text` (which must hold no `"`), the first on line `first_line`, until it
/// returns false.
pub fn for_each_record<'t, E>(
    text: &'t str,
    delimiter: u8,
    first_line: u32,
    mut each: impl FnMut(Record<'t, '_>) -> Result<bool, E>,
) -> Result<(), E> {
    let bytes = text.as_bytes();
    let mut cells: Vec<&'t str> = Vec::with_capacity(32);
    let (mut line, mut record_start, mut cell_start) = (first_line, 0usize, 0usize);
    for at in memchr3_iter(delimiter, b'\n', b'\r', bytes) {
        let cell = text.get(cell_start..at).unwrap_or_default();
        cell_start = at + 1;
        let found = bytes.get(at).copied().unwrap_or_default();
        if found == delimiter {
            cells.push(cell);
            continue;
        }
        // A terminator: the record ends here, unless nothing came since the last one (a blank line).
        if at > record_start {
            cells.push(cell);
            let record = Record { start: record_start, end: at + 1, line, cells: &cells };
            if !each(record)? {
                return Ok(());
            }
            cells.clear();
        }
        if found == b'\n' {
            line = line.saturating_add(1);
        }
        record_start = at + 1;
    }
    if record_start < bytes.len() {
        cells.push(text.get(cell_start..).unwrap_or_default());
        each(Record { start: record_start, end: bytes.len(), line, cells: &cells })?;
    }
    Ok(())
}

/// Line breaks (`\n`) in a text, counted with a SIMD search.
pub fn newlines(text: &str) -> usize {
    memchr::memchr_iter(b'\n', text.as_bytes()).count()
}

/// True when the text holds a `"` anywhere.
pub fn has_quote(text: &str) -> bool {
    memchr::memchr(b'"', text.as_bytes()).is_some()
}
