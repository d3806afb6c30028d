//! One vector for the rows of all parts of a file, each part's thread writing its rows straight into its own
//! stretch of the vector's spare room ([`Stretch`]), instead of each part building a vector of its own that is
//! then copied onto the first one's end on one thread (for a 1M-row file that copy was a serial 128 MB, with the
//! page faults of fresh memory, about a fifth of the import's wall time). At the end the stretches are closed up
//! ([`close_up`]): a move of each part's rows down over the gap the part before left, in memory already touched.
//!
//! A part whose stretch is full keeps the rest of its rows in an overflow vector; everything stays in file order
//! whatever the estimate was (the rows are then moved out and joined the plain way).

use std::mem::MaybeUninit;

/// A part's stretch of the shared vector's spare room, filled from its start.
pub struct Stretch<'v, T> {
    /// Index of the first slot in the vector's buffer.
    start: usize,
    slots: &'v mut [MaybeUninit<T>],
    filled: usize,
    /// Rows that did not fit.
    overflow: Vec<T>,
}

/// Where a part's rows ended up once its thread is done: `filled` rows written from `start` of the shared
/// vector's buffer, then its overflow.
pub struct Written<T> {
    start: usize,
    filled: usize,
    overflow: Vec<T>,
}

/// Makes room in `vec` (which must be empty) for parts of about `sizes` rows each, and hands out one stretch per
/// part, in order.
pub fn stretches<'v, T>(vec: &'v mut Vec<T>, sizes: &[usize]) -> Vec<Stretch<'v, T>> {
    vec.clear();
    vec.reserve(sizes.iter().sum());
    let mut rest = vec.spare_capacity_mut();
    let mut out = Vec::with_capacity(sizes.len());
    let mut start = 0;
    for &size in sizes {
        let size = size.min(rest.len());
        let (slots, after) = std::mem::take(&mut rest).split_at_mut(size);
        out.push(Stretch {
            start,
            slots,
            filled: 0,
            overflow: Vec::new(),
        });
        start += size;
        rest = after;
    }
    out
}

impl<T> Default for Stretch<'_, T> {
    /// A stretch with no room: every row goes to its overflow (still joined in order).
    fn default() -> Self {
        Stretch {
            start: 0,
            slots: &mut [],
            filled: 0,
            overflow: Vec::new(),
        }
    }
}

impl<T> Stretch<'_, T> {
    pub fn push(&mut self, row: T) {
        match self.slots.get_mut(self.filled) {
            Some(slot) => {
                slot.write(row);
                self.filled += 1;
            }
            None => self.overflow.push(row),
        }
    }

    /// Rows taken.
    pub fn len(&self) -> usize {
        self.filled + self.overflow.len()
    }

    /// Where the rows are; they now belong to the vector's [`close_up`] (they are not dropped with the stretch).
    pub fn written(mut self) -> Written<T> {
        let filled = std::mem::take(&mut self.filled);
        Written {
            start: self.start,
            filled,
            overflow: std::mem::take(&mut self.overflow),
        }
    }
}

impl<T> Extend<T> for Stretch<'_, T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, rows: I) {
        rows.into_iter().for_each(|row| self.push(row));
    }
}

impl<T> Drop for Stretch<'_, T> {
    /// A stretch given up (a part that failed) drops the rows it holds.
    fn drop(&mut self) {
        for slot in self.slots.iter_mut().take(self.filled) {
            // SAFETY: the first `filled` slots were written by `push` and not read since.
            unsafe { slot.assume_init_drop() };
        }
    }
}

/// Makes `vec` hold the rows of all parts, in order: `written` are the parts of the stretches cut from it by
/// [`stretches`], each turned into [`Written`], in file order.
pub fn close_up<T>(vec: &mut Vec<T>, written: Vec<Written<T>>) {
    let base = vec.as_mut_ptr();
    let capacity = vec.capacity();
    let ordered = written
        .windows(2)
        .all(|w| matches!(w, [a, b] if a.start + a.filled <= b.start));
    let inside = written.iter().all(|w| w.start + w.filled <= capacity);
    debug_assert!(
        vec.is_empty() && ordered && inside,
        "stretches that were not cut from this vector"
    );
    if !(vec.is_empty() && ordered && inside) {
        return; // The rows stay where they are and leak: never a wrong row.
    }
    let last = written.len().saturating_sub(1);
    if written.iter().take(last).all(|w| w.overflow.is_empty()) {
        let mut len = 0;
        let mut tail = Vec::new();
        for w in written {
            // Rows already in place (every part before filled its stretch exactly) are not moved.
            if w.start != len {
                // SAFETY: slots `start..start + filled` were written by the stretch's `push` and handed over by
                // `written` (not dropped); the stretches are in order and inside the buffer (checked above), so
                // `len <= start` and the move goes down (`copy` allows the overlap), over slots already moved out.
                unsafe { std::ptr::copy(base.add(w.start), base.add(len), w.filled) };
            }
            len += w.filled;
            tail = w.overflow;
        }
        // SAFETY: the first `len` slots now hold the rows just moved there, each once.
        unsafe { vec.set_len(len) };
        vec.extend(tail);
        return;
    }
    // A part before the last overflowed its stretch: move every row out, then join the plain way.
    let mut parts = Vec::with_capacity(written.len());
    for w in written {
        // SAFETY: as above; each row is read out once and its slot is not read again (the vector is empty).
        let rows: Vec<T> = (w.start..w.start + w.filled)
            .map(|i| unsafe { base.add(i).read() })
            .collect();
        parts.push((rows, w.overflow));
    }
    for (rows, overflow) in parts {
        vec.extend(rows);
        vec.extend(overflow);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fills stretches of `sizes` with `counts` rows each (as strings, so a double drop or a leak would show
    /// under Miri and a wrong move as a wrong value), closes up, and gives the result.
    fn fill(sizes: &[usize], counts: &[usize]) -> Vec<String> {
        let mut vec = Vec::new();
        let mut stretches = stretches(&mut vec, sizes);
        for (p, (stretch, count)) in stretches.iter_mut().zip(counts).enumerate() {
            for r in 0..*count {
                stretch.push(format!("{p}.{r}"));
            }
            assert_eq!(stretch.len(), *count);
            // Rows go to the stretch while it has room, only the rest to the overflow.
            assert_eq!(stretch.overflow.len(), count.saturating_sub(sizes[p]));
        }
        let written: Vec<_> = stretches.into_iter().map(Stretch::written).collect();
        close_up(&mut vec, written);
        vec
    }

    fn expected(counts: &[usize]) -> Vec<String> {
        counts
            .iter()
            .enumerate()
            .flat_map(|(p, c)| (0..*c).map(move |r| format!("{p}.{r}")))
            .collect()
    }

    #[test]
    fn rows_come_out_in_order_whatever_the_estimate() {
        for (sizes, counts) in [
            (&[4, 4][..], &[3, 2][..]), // gaps closed up
            (&[4, 4], &[4, 4]),         // full
            (&[4, 4], &[4, 6]),         // the last part overflows
            (&[2, 4], &[5, 3]),         // the first part overflows: the plain way
            (&[0, 0, 3], &[1, 0, 5]),
            (&[3], &[0]),
            (&[], &[]),
        ] {
            assert_eq!(
                fill(sizes, counts),
                expected(counts),
                "sizes {sizes:?}, rows {counts:?}"
            );
        }
    }

    #[test]
    fn a_stretch_given_up_drops_its_rows() {
        let marker = std::rc::Rc::new(());
        let mut vec = Vec::new();
        {
            let mut stretches = stretches(&mut vec, &[2, 2]);
            for s in &mut stretches {
                s.push(marker.clone());
                s.push(marker.clone());
                s.push(marker.clone());
            }
        }
        assert_eq!(std::rc::Rc::strong_count(&marker), 1);
        assert!(vec.is_empty());
    }
}
