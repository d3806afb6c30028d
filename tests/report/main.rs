//! The exports (JSON, XLSX, CSV) on a hand-built reconciliation.

#[path = "../kit/mod.rs"]
mod kit;

mod exports;
