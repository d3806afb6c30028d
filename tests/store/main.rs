//! The workspace file: its commands, a killed import, assumed currencies, two rows from one line, and the
//! workspace across months.

#[path = "../kit/mod.rs"]
mod kit;

mod cli;
mod crash;
mod currency;
mod two_rows;
mod workspace;
