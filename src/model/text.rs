//! [`TxnText`]: the text of one identifier or free-text field of a transaction, 16 bytes like a `Box<str>` (and
//! `Option<TxnText>` too), but a text of at most 16 bytes — a terminal id, a merchant number, an RRN, a voucher,
//! a batch number, a masked 16-digit card — is kept inside it with no allocation at all. A longer one (a masked
//! 19-digit card, a 28-digit order number, a description) takes one allocation of 32 bytes, or two above 32
//! bytes. A 1M-row terminal log costs no allocation per row instead of five or six.
//!
//! How 16 bytes fit: the last byte of valid UTF-8 is below 0xC0, so the 16th byte ([`Last`]) tells a 16-byte text
//! (the byte itself) from a shorter one (0xC0 + its length); the values from 0xD0 up are left to the compiler to
//! tell the boxed forms and `None` apart.
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

/// Bytes of the one-allocation buffer; the unused tail is filled with 0xFF, a byte UTF-8 never has.
const BOXED: usize = 32;
const PAD: u8 = 0xFF;
/// The 16th byte of an inline text below this is text; from it, 0xC0 + the length of a shorter text.
const SHORT: u8 = 0xC0;

/// A field's text; see the module documentation.
#[derive(Clone)]
pub struct TxnText(Repr);

#[derive(Clone)]
enum Repr {
    /// At most 16 bytes, in place.
    Inline(Inline),
    /// 17–32 bytes, padded with 0xFF.
    Boxed(Box<[u8; BOXED]>),
    /// Longer.
    Long(Box<Box<str>>),
}

/// Up to 16 bytes of text; `repr(C)`: 15 bytes then [`Last`], 16 bytes with no padding.
#[derive(Clone, Copy)]
#[repr(C)]
struct Inline {
    head: [u8; 15],
    last: Last,
}

impl Inline {
    fn new(text: &[u8]) -> Option<Inline> {
        let mut bytes = padded16(text)?;
        if let (Some(len), Some(last)) = (u8::try_from(text.len()).ok().filter(|n| *n < 16), bytes.last_mut()) {
            *last = SHORT + len;
        }
        let (head, last) = bytes.split_first_chunk::<15>()?;
        Some(Inline {
            head: *head,
            last: Last::from_byte(*last.first()?)?,
        })
    }

    fn as_bytes(&self) -> &[u8] {
        // SAFETY: `Inline` is `repr(C)`: `[u8; 15]` then a `repr(u8)` enum, alignment 1, no padding, so its 16
        // bytes are initialised and may be read as a `[u8; 16]`.
        let all: &[u8; 16] = unsafe { &*std::ptr::from_ref(self).cast::<[u8; 16]>() };
        let last = self.last as u8;
        let len = if last < SHORT { 16 } else { usize::from(last - SHORT) };
        all.get(..len).unwrap_or_default()
    }
}

/// Up to 16 bytes, zero-padded to 16; None when longer. Copied as two overlapping words (8+8, 4+4 or byte by byte
/// below 4) instead of a variable-length `memcpy` call: most identifiers of a row (terminal, merchant, RRN, voucher,
/// masked card) are 6–16 bytes, and this runs for each of them on every imported row.
fn padded16(text: &[u8]) -> Option<[u8; 16]> {
    let mut out = [0u8; 16];
    match text.len() {
        17.. => return None,
        8.. => copy_ends::<8>(text, &mut out)?,
        4.. => copy_ends::<4>(text, &mut out)?,
        _ => out.iter_mut().zip(text).for_each(|(o, t)| *o = *t),
    }
    Some(out)
}

/// Copies `text` (N to 2N bytes long) into the start of `out` as its first and its last N bytes.
fn copy_ends<const N: usize>(text: &[u8], out: &mut [u8; 16]) -> Option<()> {
    let len = text.len();
    out.first_chunk_mut::<N>()?.copy_from_slice(text.first_chunk::<N>()?);
    out.get_mut(len.checked_sub(N)?..len)?
        .copy_from_slice(text.last_chunk::<N>()?);
    Some(())
}

impl TxnText {
    /// The text as a `&str`.
    pub fn as_str(&self) -> &str {
        let bytes: &[u8] = match &self.0 {
            Repr::Inline(inline) => inline.as_bytes(),
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
        if let Some(inline) = Inline::new(src) {
            return TxnText(Repr::Inline(inline));
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

/// The 16th byte of an inline text: 0x00–0xBF the last byte of a 16-byte text, 0xC0–0xCF (`L0`–`L15`) the length
/// of a shorter one. Never 0xD0 or above: those values are the compiler's, to mark the other forms.
#[derive(Clone, Copy)]
#[repr(u8)]
#[allow(
    dead_code,
    clippy::upper_case_acronyms,
    reason = "the variants are made from bytes by Last::from_byte, never by name; they are named by their hex value"
)]
enum Last {
    B00 = 0,
    B01,
    B02,
    B03,
    B04,
    B05,
    B06,
    B07,
    B08,
    B09,
    B0A,
    B0B,
    B0C,
    B0D,
    B0E,
    B0F,
    B10,
    B11,
    B12,
    B13,
    B14,
    B15,
    B16,
    B17,
    B18,
    B19,
    B1A,
    B1B,
    B1C,
    B1D,
    B1E,
    B1F,
    B20,
    B21,
    B22,
    B23,
    B24,
    B25,
    B26,
    B27,
    B28,
    B29,
    B2A,
    B2B,
    B2C,
    B2D,
    B2E,
    B2F,
    B30,
    B31,
    B32,
    B33,
    B34,
    B35,
    B36,
    B37,
    B38,
    B39,
    B3A,
    B3B,
    B3C,
    B3D,
    B3E,
    B3F,
    B40,
    B41,
    B42,
    B43,
    B44,
    B45,
    B46,
    B47,
    B48,
    B49,
    B4A,
    B4B,
    B4C,
    B4D,
    B4E,
    B4F,
    B50,
    B51,
    B52,
    B53,
    B54,
    B55,
    B56,
    B57,
    B58,
    B59,
    B5A,
    B5B,
    B5C,
    B5D,
    B5E,
    B5F,
    B60,
    B61,
    B62,
    B63,
    B64,
    B65,
    B66,
    B67,
    B68,
    B69,
    B6A,
    B6B,
    B6C,
    B6D,
    B6E,
    B6F,
    B70,
    B71,
    B72,
    B73,
    B74,
    B75,
    B76,
    B77,
    B78,
    B79,
    B7A,
    B7B,
    B7C,
    B7D,
    B7E,
    B7F,
    B80,
    B81,
    B82,
    B83,
    B84,
    B85,
    B86,
    B87,
    B88,
    B89,
    B8A,
    B8B,
    B8C,
    B8D,
    B8E,
    B8F,
    B90,
    B91,
    B92,
    B93,
    B94,
    B95,
    B96,
    B97,
    B98,
    B99,
    B9A,
    B9B,
    B9C,
    B9D,
    B9E,
    B9F,
    BA0,
    BA1,
    BA2,
    BA3,
    BA4,
    BA5,
    BA6,
    BA7,
    BA8,
    BA9,
    BAA,
    BAB,
    BAC,
    BAD,
    BAE,
    BAF,
    BB0,
    BB1,
    BB2,
    BB3,
    BB4,
    BB5,
    BB6,
    BB7,
    BB8,
    BB9,
    BBA,
    BBB,
    BBC,
    BBD,
    BBE,
    BBF,
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

impl Last {
    /// The byte as a [`Last`]; None from 0xD0 up.
    fn from_byte(byte: u8) -> Option<Last> {
        // SAFETY: `Last` is `repr(u8)` with the discriminants 0x00–0xCF, one after the other, and nothing else.
        (byte < SHORT + 16).then(|| unsafe { std::mem::transmute::<u8, Last>(byte) })
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
        TxnText::from("")
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
        // Multi-byte text around the inline and boxed limits (3-byte characters: 15, 18, 30, 33 bytes; 16 bytes
        // ending in a continuation byte).
        for chars in [5, 6, 10, 11] {
            let chinese = "交".repeat(chars);
            assert_eq!(&*TxnText::from(chinese.as_str()), chinese);
        }
        for text in ["1234567890123交", "622848******1234", "\u{0}", "123456789012345\u{0}"] {
            assert_eq!(&*TxnText::from(text), text);
        }
        assert!(
            matches!(TxnText::from("622848******1234").0, Repr::Inline(_)),
            "a 16-digit masked card needs no box"
        );
        assert_eq!(TxnText::default().as_str(), "");
    }

    proptest::proptest! {
        #[test]
        fn any_text_reads_back_as_written(text in "\\PC{0,40}") {
            let kept = TxnText::from(text.as_str());
            proptest::prop_assert_eq!(kept.as_str(), text.as_str());
            proptest::prop_assert_eq!(kept.clone(), kept);
        }
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
        assert!(short < card);
        assert!(card > short, "the order is the same both ways");
        assert_eq!(short, "10293841");
        let mut by_id = HashMap::new();
        by_id.insert(card.clone(), 1);
        assert_eq!(by_id.get("622848*********8901"), Some(&1));
    }

    #[test]
    fn serde_writes_and_reads_a_plain_string() {
        let texts: Vec<Option<TxnText>> = vec![
            Some("898310058120345".into()),
            None,
            Some("支付宝 余额宝-自动转入".into()),
        ];
        let json = serde_json::to_string(&texts).unwrap_or_default();
        assert_eq!(json, r#"["898310058120345",null,"支付宝 余额宝-自动转入"]"#);
        let back: Vec<Option<TxnText>> = serde_json::from_str(&json).unwrap_or_default();
        assert_eq!(back, texts);
    }
}
