//! Pure reconciliation: takes the rows of both sides and a [`Config`], returns a [`Report`].
//! No I/O, no GUI: everything here is tested with plain values.

pub mod config;
pub mod outcome;

pub use config::Config;
pub use outcome::*;
