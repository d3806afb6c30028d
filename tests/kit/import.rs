//! Helpers shared by the import tests: options, GBK bytes, and asserting where an error points.

use posrecon::import::{ImportError, ImportOptions, Imported, Profile, import_bytes};
use posrecon::model::{Side, SourceId};

pub fn opts(side: Side) -> ImportOptions {
    ImportOptions {
        side,
        source: SourceId(1),
        ..ImportOptions::default()
    }
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
    import_bytes(
        name,
        bytes,
        &ImportOptions {
            profile: Some(profile),
            ..opts(side)
        },
    )
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

/// Imports bytes that must import, with a progress callback; the transactions' count and every report made.
pub fn import_watching_progress(name: &str, bytes: &[u8], side: Side) -> (usize, Vec<posrecon::import::Progress>) {
    use posrecon::import::Progress;
    use std::sync::{Arc, Mutex};
    let seen = Arc::new(Mutex::new(Vec::<Progress>::new()));
    let sink = seen.clone();
    let record = move |p: Progress| {
        if let Ok(mut all) = sink.lock() {
            all.push(p);
        }
    };
    let options = ImportOptions {
        progress: Some(Arc::new(record)),
        ..opts(side)
    };
    let imported = import_bytes(name, bytes, &options).unwrap_or_else(|e| panic!("{name} should import: {e}"));
    let reports = seen.lock().map(|s| s.clone()).unwrap_or_default();
    (imported.txns.len(), reports)
}
