//! Two small value types that keep a million-row [`Report`](crate::engine::Report) small: [`Text`], a
//! sentence shared by many flags (an `ambiguous_match` reason is worded once per amount, not once per row), and
//! [`RowIds`], a list of rows that holds one row without a heap allocation (almost every paired row has exactly
//! one counterpart). Both read like what they replace: `Text` derefs to `str`, `RowIds` to `[RowId]`, and they
//! serialise exactly as a string and a list would. (A row's flags, shared the same way, are `Flags`, beside
//! `Flag` in `engine::outcome`.)

use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::engine::row_id::RowId;

/// An immutable sentence, cheap to clone (clones share the text). Reads as a `&str`.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text(Arc<str>);

impl Text {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text(Arc::from(s))
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text(Arc::from(s))
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Text, D::Error> {
        String::deserialize(deserializer).map(Text::from)
    }
}

/// Rows of the report (counterparts): none or one kept inline, more on the heap. Reads as a `[RowId]`.
#[derive(Clone, Default)]
pub struct RowIds(Repr);

#[derive(Clone, Default)]
enum Repr {
    #[default]
    None,
    One(RowId),
    /// Two or more (never fewer: `push`/`retain`/`From` keep it so, though every method reads it as a slice).
    /// Boxed, so that a `RowIds` takes 16 bytes in each of a million outcomes instead of 24.
    #[allow(clippy::box_collection, reason = "a thin box keeps the enum at 16 bytes, see above")]
    Many(Box<Vec<RowId>>),
}

impl RowIds {
    pub const fn new() -> RowIds {
        RowIds(Repr::None)
    }

    pub const fn one(row: RowId) -> RowIds {
        RowIds(Repr::One(row))
    }

    pub fn as_slice(&self) -> &[RowId] {
        match &self.0 {
            Repr::None => &[],
            Repr::One(row) => std::slice::from_ref(row),
            Repr::Many(rows) => rows,
        }
    }

    pub fn as_mut_slice(&mut self) -> &mut [RowId] {
        match &mut self.0 {
            Repr::None => &mut [],
            Repr::One(row) => std::slice::from_mut(row),
            Repr::Many(rows) => rows,
        }
    }

    pub fn push(&mut self, row: RowId) {
        self.0 = match std::mem::take(&mut self.0) {
            Repr::None => Repr::One(row),
            Repr::One(first) => Repr::Many(Box::new(vec![first, row])),
            Repr::Many(mut rows) => {
                rows.push(row);
                Repr::Many(rows)
            }
        };
    }

    /// Keeps the rows `keep` accepts, in order.
    pub fn retain(&mut self, keep: impl FnMut(&RowId) -> bool) {
        let rows: Vec<RowId> = self.iter().copied().filter(keep).collect();
        *self = RowIds::from(rows);
    }

    pub fn to_vec(&self) -> Vec<RowId> {
        self.as_slice().to_vec()
    }
}

impl Deref for RowIds {
    type Target = [RowId];
    fn deref(&self) -> &[RowId] {
        self.as_slice()
    }
}

impl DerefMut for RowIds {
    fn deref_mut(&mut self) -> &mut [RowId] {
        self.as_mut_slice()
    }
}

impl From<Vec<RowId>> for RowIds {
    fn from(rows: Vec<RowId>) -> RowIds {
        match rows.as_slice() {
            [] => RowIds::new(),
            [one] => RowIds::one(*one),
            _ => RowIds(Repr::Many(Box::new(rows))),
        }
    }
}

impl From<&[RowId]> for RowIds {
    fn from(rows: &[RowId]) -> RowIds {
        match rows {
            [] => RowIds::new(),
            [one] => RowIds::one(*one),
            _ => RowIds(Repr::Many(Box::new(rows.to_vec()))),
        }
    }
}

impl<const N: usize> From<[RowId; N]> for RowIds {
    fn from(rows: [RowId; N]) -> RowIds {
        RowIds::from(&rows[..])
    }
}

impl FromIterator<RowId> for RowIds {
    fn from_iter<I: IntoIterator<Item = RowId>>(iter: I) -> RowIds {
        let mut iter = iter.into_iter();
        let Some(first) = iter.next() else { return RowIds::new() };
        let Some(second) = iter.next() else {
            return RowIds::one(first);
        };
        let mut rows = Vec::with_capacity(2 + iter.size_hint().0);
        rows.extend([first, second]);
        rows.extend(iter);
        RowIds(Repr::Many(Box::new(rows)))
    }
}

impl Extend<RowId> for RowIds {
    fn extend<I: IntoIterator<Item = RowId>>(&mut self, iter: I) {
        for row in iter {
            self.push(row);
        }
    }
}

impl<'a> IntoIterator for &'a RowIds {
    type Item = &'a RowId;
    type IntoIter = std::slice::Iter<'a, RowId>;
    fn into_iter(self) -> Self::IntoIter {
        self.as_slice().iter()
    }
}

impl PartialEq for RowIds {
    fn eq(&self, other: &RowIds) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl Eq for RowIds {}

impl PartialEq<[RowId]> for RowIds {
    fn eq(&self, other: &[RowId]) -> bool {
        self.as_slice() == other
    }
}

impl<const N: usize> PartialEq<[RowId; N]> for RowIds {
    fn eq(&self, other: &[RowId; N]) -> bool {
        self.as_slice() == other
    }
}

impl PartialEq<Vec<RowId>> for RowIds {
    fn eq(&self, other: &Vec<RowId>) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl fmt::Debug for RowIds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.as_slice()).finish()
    }
}

impl Serialize for RowIds {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.as_slice().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for RowIds {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<RowIds, D::Error> {
        Vec::<RowId>::deserialize(deserializer).map(RowIds::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_ids_read_and_serialise_like_the_list_they_hold() {
        let (a, b, c) = (RowId::bank(1), RowId::terminal(2), RowId::bank(3));
        let mut ids = RowIds::new();
        assert!(ids.is_empty());
        ids.push(a);
        assert_eq!(ids, [a]);
        assert_eq!(serde_json::to_string(&ids).ok(), serde_json::to_string(&vec![a]).ok());
        ids.extend([b, c]);
        assert_eq!(ids, vec![a, b, c]);
        assert_eq!(format!("{ids:?}"), format!("{:?}", vec![a, b, c]));
        ids.retain(|&r| r == b);
        assert_eq!((ids.len(), ids.first()), (1, Some(&b)));
        let back: Option<RowIds> = serde_json::from_str("[]").ok();
        assert_eq!(back, Some(RowIds::new()));
        assert_eq!(RowIds::from(vec![a]), RowIds::one(a));
        assert_eq!(size_of::<RowIds>(), 16);
        assert_eq!([a, b].into_iter().collect::<RowIds>(), [a, b]);
    }

    #[test]
    fn text_reads_and_serialises_like_a_string() {
        let text = Text::from("¥41.80 too much");
        assert_eq!(text, "¥41.80 too much");
        assert!(text.contains("41.80"));
        assert_eq!(
            serde_json::to_string(&text).ok(),
            Some("\"¥41.80 too much\"".to_string())
        );
        assert_eq!(format!("{text:?}"), format!("{:?}", "¥41.80 too much"));
        let shared = text.clone();
        assert!(std::ptr::eq(shared.as_str(), text.as_str()));
    }
}
