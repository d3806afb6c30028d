//! The command line from the real binary: `inspect`, `rules`, `--help`, exit codes, `--fee-fixed`,
//! `reconcile` on the sample data, and hostile workbooks refused within bounded memory (measured per child: this
//! binary's own tests stay small, as a child's peak counts from its parent's).

#[path = "../kit/mod.rs"]
mod kit;

mod commands;
mod exit_codes;
mod fixed_fee;
mod hostile_workbooks;
mod reconcile;
