//! The desktop app: headless with iced_test's Simulator (the app, currencies, the import check, the workspace
//! file) and screenshots of the real binary under Xvfb.
#![cfg(feature = "gui")]

#[path = "../kit/mod.rs"]
mod kit;

mod app;
mod currency;
mod import_check;
mod screenshots;
mod workspace;
