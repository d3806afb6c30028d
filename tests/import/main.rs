//! Reading files: the importer on bad inputs, workbooks, fuzzed inputs, `inspect`, large files, text layouts and the
//! parsers' allocations, and the real-world formats of tests/formats/ (read, and reconciled against their
//! counterparts).

#[path = "../kit/mod.rs"]
mod kit;

mod errors;
mod excel;
mod excel_variants;
mod formats_apps;
mod formats_cn;
mod formats_en;
mod formats_real;
mod formats_reconcile;
mod formats_structured;
mod formats_unseen;
mod fuzzed;
mod inspect;
mod large;
mod layouts;
mod parse_no_alloc;
