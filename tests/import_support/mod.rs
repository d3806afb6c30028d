//! Helpers shared by the import tests: options, GBK bytes, and asserting where an error points.
#![allow(dead_code)]

use posrecon::import::{ImportError, ImportOptions, Imported, Profile, import_bytes};
use posrecon::model::{Side, SourceId};

pub fn opts(side: Side) -> ImportOptions {
    ImportOptions { side, source: SourceId(1), ..ImportOptions::default() }
}

pub fn gbk(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable, "fixture text must be representable in GBK");
    bytes.into_owned()
}

pub fn import(name: &str, bytes: &[u8], side: Side) -> Imported {
    match import_bytes(name, bytes, &opts(side)) {
        Ok(imported) => imported,
        Err(e) => panic!("{name} should import: {e}"),
    }
}

pub fn import_with(name: &str, bytes: &[u8], side: Side, profile: Profile) -> Result<Imported, ImportError> {
    import_bytes(name, bytes, &ImportOptions { profile: Some(profile), ..opts(side) })
}

/// Imports bytes that must fail, and checks the error's line and column and that Display starts with them.
pub fn error_at(name: &str, bytes: &[u8], line: u32, column: u32) -> ImportError {
    let err = match import_bytes(name, bytes, &opts(Side::Terminal)) {
        Ok(imported) => panic!("{name} should not import, got {} rows", imported.txns.len()),
        Err(e) => e,
    };
    let at = err.location();
    assert_eq!((at.line, at.column), (line, column), "{name}: {err}");
    let shown = err.to_string();
    assert!(shown.starts_with(&format!("{name}:{line}:{column}: ")), "{shown}");
    err
}
