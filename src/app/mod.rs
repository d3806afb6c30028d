//! The desktop app's work that needs no window: reading the files the owner picks ([`importing`], through
//! [`pipeline`], with [`column_guess`] for columns in unknown words and [`read_trouble`] for why a file could not
//! be read), the review list behind the results table ([`review_ledger`]), candidate counterparts for an
//! unmatched row ([`candidates`]), what the app remembers between runs ([`prefs`]) and every word it shows
//! ([`i18n`]). Built without the `gui` feature, so all of it is tested without iced; the screens that show it
//! are in `gui`.

pub mod candidates;
pub mod column_guess;
pub mod daily_figures;
pub mod export;
pub mod history;
pub mod i18n;
pub mod importing;
pub mod pipeline;
pub mod prefs;
pub mod read_trouble;
pub mod reconciled;
pub mod review_ledger;
pub mod sample_data;
pub mod workspace_file;
