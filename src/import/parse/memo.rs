//! The last answers of a word parser, kept per thread: a kind, status or direction column holds a handful of
//! distinct words (消费, 退货, 成功 …) repeated on every row, so a 1M-row file asks the same question a million
//! times. The parsers are pure functions of the cell text, so an answer given once is the answer; this keeps
//! up to [`SLOTS`] short cells (at most [`KEY_BYTES`] bytes) and their answers, in fixed arrays (no allocation).

use std::cell::RefCell;
use std::thread::LocalKey;

/// How many distinct cells are kept.
const SLOTS: usize = 16;
/// Longest cell kept; longer cells are always parsed.
const KEY_BYTES: usize = 24;

/// Cells and answers of one parser.
pub(super) struct Memo<T> {
    keys: [[u8; KEY_BYTES]; SLOTS],
    lens: [u8; SLOTS],
    answers: [T; SLOTS],
    used: usize,
}

impl<T: Copy + Default> Default for Memo<T> {
    fn default() -> Self {
        Memo {
            keys: [[0; KEY_BYTES]; SLOTS],
            lens: [0; SLOTS],
            answers: [T::default(); SLOTS],
            used: 0,
        }
    }
}

impl<T: Copy> Memo<T> {
    /// The answer for `cell`: remembered, or `parse(cell)` (then remembered while there is room).
    fn answer(&mut self, cell: &str, parse: impl FnOnce(&str) -> T) -> T {
        let key = cell.as_bytes();
        if key.len() > KEY_BYTES {
            return parse(cell);
        }
        for i in 0..self.used.min(SLOTS) {
            let len = usize::from(self.lens.get(i).copied().unwrap_or(0));
            if len == key.len()
                && self.keys.get(i).and_then(|k| k.get(..len)) == Some(key)
                && let Some(answer) = self.answers.get(i)
            {
                return *answer;
            }
        }
        let answer = parse(cell);
        let i = self.used;
        if let (Some(slot), Some(len), Some(kept)) =
            (self.keys.get_mut(i), self.lens.get_mut(i), self.answers.get_mut(i))
            && let Some(dest) = slot.get_mut(..key.len())
        {
            dest.copy_from_slice(key);
            *len = key.len() as u8;
            *kept = answer;
            self.used += 1;
        }
        answer
    }
}

/// `parse(cell)` through this thread's memo `memo`.
pub(super) fn remembered<T: Copy + 'static>(
    memo: &'static LocalKey<RefCell<Memo<T>>>,
    cell: &str,
    parse: impl FnOnce(&str) -> T,
) -> T {
    memo.with(|m| match m.try_borrow_mut() {
        Ok(mut m) => m.answer(cell, parse),
        Err(_) => parse(cell),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_remembered_and_long_or_surplus_cells_still_parsed() {
        let mut memo = Memo::<usize>::default();
        let calls = std::cell::Cell::new(0);
        let ask = |memo: &mut Memo<usize>, cell: &str| {
            memo.answer(cell, |c| {
                calls.set(calls.get() + 1);
                c.len()
            })
        };
        assert_eq!(ask(&mut memo, "消费"), 6);
        assert_eq!(ask(&mut memo, "消费"), 6);
        assert_eq!(ask(&mut memo, "退货"), 6);
        assert_eq!(ask(&mut memo, ""), 0);
        assert_eq!(ask(&mut memo, ""), 0);
        let long = "x".repeat(KEY_BYTES + 1);
        assert_eq!(ask(&mut memo, &long), KEY_BYTES + 1);
        assert_eq!(ask(&mut memo, &long), KEY_BYTES + 1);
        for i in 0..2 * SLOTS {
            assert_eq!(ask(&mut memo, &"y".repeat(i + 1)), i + 1);
        }
        assert_eq!(ask(&mut memo, "退货"), 6);
        // 消费, 退货, "", the long cell twice, the 2·SLOTS new cells.
        assert_eq!(calls.get(), 3 + 2 + 2 * SLOTS);
    }
}
