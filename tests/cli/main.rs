//! The command line from the real binary: `inspect`, `rules`, `--help`, exit codes, `--fee-fixed` and
//! `reconcile` on the sample data.

#[path = "../kit/mod.rs"]
mod kit;

mod commands;
mod exit_codes;
mod fixed_fee;
mod reconcile;
