//! The screens of the app, one module each with its state, its `Message`, `update` (returning an `Event` for the
//! root where it has one) and `view`: home, import check, review (with its table and the detail pane), charts,
//! settings, and the workspace file's history with the messages of its dialogs.

pub mod charts;
pub mod detail;
pub mod history;
pub mod home;
pub mod import_check;
pub mod review;
pub mod settings;
pub mod workspace;
