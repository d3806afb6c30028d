//! The test kit every test binary shares (tests/*/main.rs declare it once: `#[path = "../kit/mod.rs"] mod kit;`):
//! helpers for running the binary, writing temporary files, building rows and reading fixtures.
#![allow(dead_code)]

pub mod cli;
pub mod engine;
pub mod formats;
#[cfg(feature = "gui")]
pub mod gui;
pub mod import;
pub mod store;
pub mod truth;
