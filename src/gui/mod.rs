//! The desktop app (iced): home, import check, review with detail pane, charts and settings.

pub mod candidates;
pub mod i18n;
pub mod ledger;
