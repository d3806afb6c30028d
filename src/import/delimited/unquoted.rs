//! Splitting a part of a delimited file that has no `"` in it at all (almost every real export): the delimiters
//! and line breaks are found eight bytes at a time ([`Breaks`], plain integer arithmetic on `u64` words) instead
//! of the csv crate's byte-at-a-time state machine — about twice as fast as the csv crate or `memchr3`, whose
//! searches restart at every one of a CSV's dense hits. Without quotes a record cannot span lines and no cell
//! needs unescaping, so the cells are slices of the text itself (already checked UTF-8: it is only cut at ASCII
//! bytes).
//!
//! It hands over exactly what the csv crate (as `read_part` sets it up: flexible, quotes on, CRLF terminators)
//! gives for such text: `\r`, `\n` and `\r\n` each end a record; empty records (blank lines) are skipped; a record
//! ends one byte after its first terminator byte (what the line-length check measures); a record's line is one
//! more than the `\n` bytes before it. The tests in delimited.rs run both over the same tricky inputs.

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
    for at in Breaks::new(bytes, delimiter) {
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
            let record = Record {
                start: record_start,
                end: at + 1,
                line,
                cells: &cells,
            };
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
        each(Record {
            start: record_start,
            end: bytes.len(),
            line,
            cells: &cells,
        })?;
    }
    Ok(())
}

/// The offsets of every delimiter, `\n` and `\r` in a text, in order: each 8-byte word is compared with all
/// three at once and the matching bytes taken from a bit mask.
struct Breaks<'t> {
    bytes: &'t [u8],
    /// The three bytes looked for, each repeated in all eight bytes of a word.
    wanted: [u64; 3],
    /// Offset of the word `mask` came from, and of the next word.
    base: usize,
    next: usize,
    /// High bit of each matching byte of the current word, the ones not yet handed out.
    mask: u64,
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

impl<'t> Breaks<'t> {
    fn new(bytes: &'t [u8], delimiter: u8) -> Self {
        let wanted = [delimiter, b'\n', b'\r'].map(|b| ONES * u64::from(b));
        Breaks {
            bytes,
            wanted,
            base: 0,
            next: 0,
            mask: 0,
        }
    }
}

/// The high bit of every byte of `word` that is zero (exact: no carry from one byte into the next).
fn zero_bytes(word: u64) -> u64 {
    let low_bits_set = (word & !HIGH).wrapping_add(!HIGH);
    !(low_bits_set | word | !HIGH)
}

impl Iterator for Breaks<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        while self.mask == 0 {
            let at = self.next;
            let word = match self.bytes.get(at..at + 8) {
                Some(eight) => u64::from_le_bytes(eight.try_into().ok()?),
                None if at < self.bytes.len() => {
                    // The last few bytes, padded with a byte that is none of the three.
                    let pad = (0u8..4)
                        .find(|b| !self.wanted.contains(&(ONES * u64::from(*b))))
                        .unwrap_or(0);
                    let mut last = [pad; 8];
                    let rest = self.bytes.get(at..).unwrap_or_default();
                    last.iter_mut().zip(rest).for_each(|(l, r)| *l = *r);
                    u64::from_le_bytes(last)
                }
                None => return None,
            };
            self.base = at;
            self.next = at + 8;
            self.mask = self.wanted.iter().fold(0, |m, w| m | zero_bytes(word ^ w));
        }
        let at = self.base + (self.mask.trailing_zeros() / 8) as usize;
        self.mask &= self.mask - 1;
        Some(at)
    }
}

/// Line breaks (`\n`) in a text, counted with a SIMD search.
pub fn newlines(text: &str) -> usize {
    memchr::memchr_iter(b'\n', text.as_bytes()).count()
}

/// True when the text holds a `"` anywhere.
pub fn has_quote(text: &str) -> bool {
    memchr::memchr(b'"', text.as_bytes()).is_some()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::Breaks;

    proptest! {
        #[test]
        fn breaks_are_exactly_the_delimiters_and_line_breaks(bytes in proptest::collection::vec(any::<u8>(), 0..80),
                                                              delimiter in prop::sample::select(vec![b',', b'\t', b';', b'|', 0u8, 0x81])) {
            let naive: Vec<usize> =
                bytes.iter().enumerate().filter(|(_, b)| [delimiter, b'\n', b'\r'].contains(b)).map(|(i, _)| i).collect();
            prop_assert_eq!(Breaks::new(&bytes, delimiter).collect::<Vec<_>>(), naive);
        }
    }
}
