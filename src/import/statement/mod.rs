//! Structured bank statements (OFX/QFX, CAMT.053, MT940): [`reader_for`] picks the reader a file's bytes
//! call for. What the three readers share lives in [`common`] (re-exported here), so that they can build on it
//! without importing the module that picks between them.

pub mod common;

pub use common::*;

use crate::import::{ImportError, ImportOptions, Imported};

/// The reader of one structured statement format.
pub type StatementReader = fn(&str, &[u8], &ImportOptions) -> Result<Imported, ImportError>;

/// The reader for a structured bank statement (CAMT.053, OFX/QFX, MT940) when the bytes are one; `None` for
/// tables and workbooks. Decided from the content only, never the file name.
pub fn reader_for(bytes: &[u8]) -> Option<StatementReader> {
    if crate::import::camt053::sniff(bytes) {
        Some(crate::import::camt053::read)
    } else if crate::import::ofx::sniff(bytes) {
        Some(crate::import::ofx::read)
    } else if crate::import::mt940::sniff(bytes) {
        Some(crate::import::mt940::read)
    } else {
        None
    }
}
