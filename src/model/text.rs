//! [`TxnText`]: the text of one identifier or free-text field of a transaction, 16 bytes like a `Box<str>` (and
//! `Option<TxnText>` too), but a text of at most 15 bytes — a terminal id, a merchant number, an RRN, a voucher,
//! a batch number — is kept inside it with no allocation at all. A longer one (a masked 16–19-digit card, a
//! 28-digit order number, a description) takes one allocation of 32 bytes, or two above 32 bytes. A 1M-row
//! terminal log costs about one allocation per row instead of five or six.
//!
//! It reads as a `&str` everywhere (`Deref`, `as_deref()` on an `Option`), compares, orders and hashes like its
//! text, and is written and read by serde as a plain string.
//!
//! ```
//! use posrecon::model::TxnText;
//!
//! let terminal = TxnText::from("10293841");
//! let card: Option<TxnText> = Some("622848******1234".into());
//! assert_eq!(&*terminal, "10293841");
//! assert_eq!(card.as_deref(), Some("622848******1234"));
//! assert_eq!(std::mem::size_of::<Option<TxnText>>(), 16);
//! ```

use std::borrow::{Borrow, Cow};
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Bytes kept inline.
const INLINE: usize = 15;
/// Bytes of the one-allocation buffer; the unused tail is filled with 0xFF, a byte UTF-8 never has.
const BOXED: usize = 32;
const PAD: u8 = 0xFF;

/// A field's text; see the module documentation.
#[derive(Clone)]
pub struct TxnText(Repr);

#[derive(Clone)]
enum Repr {
    /// At most 15 bytes, in place (the first `len` bytes of `bytes`).
    Inline { len: InlineLen, bytes: [u8; INLINE] },
    /// 16–32 bytes, padded with 0xFF.
    Boxed(Box<[u8; BOXED]>),
    /// Longer.
    Long(Box<Box<str>>),
}

/// The length of an inline text, 0–15: an enum so that `Option<TxnText>` needs no extra tag.
#[derive(Clone, Copy)]
#[repr(u8)]
enum InlineLen {
    L0,
    L1,
    L2,
    L3,
    L4,
    L5,
    L6,
    L7,
    L8,
    L9,
    L10,
    L11,
    L12,
    L13,
    L14,
    L15,
}

const INLINE_LENS: [InlineLen; INLINE + 1] = {
    use InlineLen::*;
    [L0, L1, L2, L3, L4, L5, L6, L7, L8, L9, L10, L11, L12, L13, L14, L15]
};

impl TxnText {
    /// The text as a `&str`.
    pub fn as_str(&self) -> &str {
        let bytes: &[u8] = match &self.0 {
            Repr::Inline { len, bytes } => bytes.get(..*len as usize).unwrap_or_default(),
            Repr::Boxed(bytes) => {
                let len = bytes.iter().position(|b| *b == PAD).unwrap_or(BOXED);
                bytes.get(..len).unwrap_or_default()
            }
            Repr::Long(text) => return text,
        };
        debug_assert!(std::str::from_utf8(bytes).is_ok());
        // SAFETY: the bytes were copied whole from a `&str` by `From<&str>` (the only constructor), and the
        // length taken back is the one copied: for `Boxed`, the padding byte 0xFF never occurs in UTF-8, so the
        // first one is where the text ended.
        unsafe { std::str::from_utf8_unchecked(bytes) }
    }
}

impl From<&str> for TxnText {
    fn from(text: &str) -> Self {
        let src = text.as_bytes();
        if let Some(len) = INLINE_LENS.get(src.len()) {
            let mut bytes = [0u8; INLINE];
            if let Some(head) = bytes.get_mut(..src.len()) {
                head.copy_from_slice(src);
            }
            return TxnText(Repr::Inline { len: *len, bytes });
        }
        if src.len() <= BOXED {
            let mut bytes = Box::new([PAD; BOXED]);
            if let Some(head) = bytes.get_mut(..src.len()) {
                head.copy_from_slice(src);
            }
            return TxnText(Repr::Boxed(bytes));
        }
        TxnText(Repr::Long(Box::new(text.into())))
    }
}

impl Deref for TxnText {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl Default for TxnText {
    fn default() -> Self {
        TxnText(Repr::Inline { len: InlineLen::L0, bytes: [0; INLINE] })
    }
}

impl From<String> for TxnText {
    fn from(text: String) -> Self {
        TxnText::from(text.as_str())
    }
}

impl From<&String> for TxnText {
    fn from(text: &String) -> Self {
        TxnText::from(text.as_str())
    }
}

impl From<Box<str>> for TxnText {
    fn from(text: Box<str>) -> Self {
        TxnText::from(&*text)
    }
}

impl From<Cow<'_, str>> for TxnText {
    fn from(text: Cow<'_, str>) -> Self {
        TxnText::from(&*text)
    }
}

impl From<TxnText> for String {
    fn from(text: TxnText) -> Self {
        text.as_str().to_owned()
    }
}

impl AsRef<str> for TxnText {
    fn as_ref(&self) -> &str {
        self
    }
}

impl Borrow<str> for TxnText {
    fn borrow(&self) -> &str {
        self
    }
}

impl PartialEq for TxnText {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for TxnText {}

impl PartialEq<str> for TxnText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for TxnText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialOrd for TxnText {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for TxnText {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for TxnText {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl fmt::Debug for TxnText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for TxnText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl Serialize for TxnText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self)
    }
}

impl<'de> Deserialize<'de> for TxnText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = Cow::<'de, str>::deserialize(deserializer)?;
        Ok(TxnText::from(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_length_reads_back_as_written() {
        for len in 0..80 {
            let ascii: String = (0..len).map(|i| char::from(b'0' + (i % 10) as u8)).collect();
            assert_eq!(TxnText::from(ascii.as_str()).as_str(), ascii, "{len} ASCII bytes");
        }
        // Multi-byte text around the inline and boxed limits (3-byte characters: 15, 18, 30, 33 bytes).
        for chars in [5, 6, 10, 11] {
            let chinese = "交".repeat(chars);
            assert_eq!(&*TxnText::from(chinese.as_str()), chinese);
        }
        assert_eq!(TxnText::default().as_str(), "");
    }

    #[test]
    fn it_is_as_small_as_a_boxed_str() {
        assert_eq!(std::mem::size_of::<TxnText>(), 16);
        assert_eq!(std::mem::size_of::<Option<TxnText>>(), 16);
    }

    #[test]
    fn equality_order_and_hash_follow_the_text() {
        use std::collections::HashMap;
        let (short, card) = (TxnText::from("10293841"), TxnText::from("622848*********8901"));
        assert!(short < card && card > short);
        assert_eq!(short, "10293841");
        let mut by_id = HashMap::new();
        by_id.insert(card.clone(), 1);
        assert_eq!(by_id.get("622848*********8901"), Some(&1));
    }

    #[test]
    fn serde_writes_and_reads_a_plain_string() {
        let texts: Vec<Option<TxnText>> = vec![Some("898310058120345".into()), None, Some("支付宝 余额宝-自动转入".into())];
        let json = serde_json::to_string(&texts).unwrap_or_default();
        assert_eq!(json, r#"["898310058120345",null,"支付宝 余额宝-自动转入"]"#);
        let back: Vec<Option<TxnText>> = serde_json::from_str(&json).unwrap_or_default();
        assert_eq!(back, texts);
    }
}
