//! Reading a fixture of tests/formats/ for the format tests: import it as one side, with no mapping given, as a
//! user's first drop of the file would.

use posrecon::import::{ImportOptions, Imported, import_bytes};
use posrecon::model::{Money, Side, SourceId};

use super::fixture;

/// Imports tests/formats/`name` as `side`; panics with the import error.
pub fn import(name: &str, side: Side) -> Imported {
    let bytes = fixture(name);
    let opts = ImportOptions {
        side,
        source: SourceId(3),
        ..ImportOptions::default()
    };
    import_bytes(name, &bytes, &opts).unwrap_or_else(|e| panic!("{e}"))
}

/// (line, amount, time as printed, reference) of each row.
pub fn rows(imported: &Imported) -> Vec<(u32, Money, String, Option<&str>)> {
    imported
        .txns
        .iter()
        .map(|t| (t.row.line, t.amount, t.time.to_string(), t.reference.as_deref()))
        .collect()
}
