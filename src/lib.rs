//! posrecon: reconcile a shop's POS-terminal log against its bank statement, and point out what is missing,
//! duplicated or suspicious, each with a plain-language reason.
//!
//! Layers (each depends only on those above it): [`model`] → [`import`] → [`engine`] → [`report`] → [`cli`], and
//! [`app`] (the desktop app's work, no iced) → `gui` (the iced screens, feature `gui`).

pub mod app;
pub mod cli;
pub mod engine;
#[cfg(feature = "gui")]
pub mod gui;
pub mod import;
pub mod model;
pub mod report;
pub mod samplegen;
pub mod store;
