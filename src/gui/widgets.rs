//! Small building blocks the screens share: summary cards, status and severity badges, empty-state hints,
//! the notice line, and the native file dialogs (rfd, async so the window keeps drawing).

use std::path::PathBuf;

use iced::widget::{button, column, container, row, text};
use iced::{Center, Color, Fill};

use crate::app::export::export_fallback;
use crate::app::i18n::{self, Language};
use crate::engine::{Severity, Status};
use crate::gui::Element;
use crate::gui::theme;

/// A coloured pill with a short label.
pub fn badge<'a, M: 'a>(label: &'a str, color: Color) -> Element<'a, M> {
    container(text(label).size(theme::SMALL))
        .padding([1, 8])
        .style(theme::container::badge(color))
        .into()
}

pub fn status_badge<'a, M: 'a>(language: Language, status: Status) -> Element<'a, M> {
    badge(i18n::status(language, status), theme::status_color(status))
}

pub fn severity_badge<'a, M: 'a>(language: Language, severity: Severity) -> Element<'a, M> {
    badge(i18n::severity(language, severity), theme::severity_color(severity))
}

/// A summary card that filters the table when clicked.
pub fn summary_card<'a, M: Clone + 'a>(
    label: &'a str,
    figure: String,
    accent: Color,
    active: bool,
    on_press: M,
) -> Element<'a, M> {
    button(
        column![
            text(figure).size(theme::CARD_NUMBER).font(theme::FONT_BOLD),
            text(label).size(theme::SMALL).wrapping(text::Wrapping::None)
        ]
        .spacing(2),
    )
    .padding([8, 10])
    .width(theme::CARD_WIDTH)
    .style(theme::button::summary_card(accent, active))
    .on_press(on_press)
    .into()
}

/// A centred title and hint for a screen with nothing to show yet.
pub fn empty_hint<'a, M: 'a>(title: &'a str, hint: &'a str) -> Element<'a, M> {
    container(
        column![
            text(title).size(theme::HEADING),
            text(hint).size(theme::TEXT).style(|t: &iced::Theme| text::Style {
                color: Some(theme::muted(t))
            })
        ]
        .spacing(8)
        .align_x(Center),
    )
    .center(Fill)
    .into()
}

/// The notice line under the top bar, with a close button.
pub fn notice<'a, M: Clone + 'a>(message: &'a str, close: &'a str, on_close: M) -> Element<'a, M> {
    container(
        row![
            text(message).size(theme::TEXT).width(Fill),
            button(text(close).size(theme::SMALL))
                .style(button::text)
                .on_press(on_close)
        ]
        .spacing(12)
        .align_y(Center),
    )
    .padding([6, 16])
    .style(theme::container::card)
    .into()
}

/// A label over a value, as in the detail pane.
pub fn field<'a, M: 'a>(label: &'a str, value: String) -> Element<'a, M> {
    row![
        text(label)
            .size(theme::SMALL)
            .width(120)
            .style(|t: &iced::Theme| text::Style {
                color: Some(theme::muted(t))
            }),
        text(value).size(theme::TEXT),
    ]
    .spacing(8)
    .into()
}

/// A dialog that answers "nothing chosen" faster than anyone can cancel one was never shown: Linux without the
/// desktop portal (a bare window manager, a remote session) has no native dialog, and rfd says so as a cancel.
pub const NO_DIALOG_WITHIN: std::time::Duration = std::time::Duration::from_millis(400);

/// Whether "nothing chosen" after `elapsed` means there was no dialog to choose in.
pub fn no_dialog(elapsed: std::time::Duration) -> bool {
    elapsed < NO_DIALOG_WITHIN
}

/// What a native dialog gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Picked<T> {
    Chosen(T),
    Cancelled,
    /// There is no dialog on this system ([`no_dialog`]).
    NoDialog,
}

impl<T> Picked<T> {
    /// The answer of a dialog opened at `asked`.
    pub fn of(asked: std::time::Instant, answer: Option<T>) -> Picked<T> {
        match answer {
            Some(value) => Picked::Chosen(value),
            None if no_dialog(asked.elapsed()) => Picked::NoDialog,
            None => Picked::Cancelled,
        }
    }
}

/// The native "open files" dialog: the files chosen (none when cancelled), or None when there is no dialog on
/// this system (the owner can still drop files on the window).
pub async fn pick_files(language: Language) -> Option<Vec<PathBuf>> {
    let asked = std::time::Instant::now();
    let picked = rfd::AsyncFileDialog::new()
        .set_title(i18n::pick_files(language))
        .add_filter(
            i18n::statements_and_logs(language),
            &["csv", "txt", "xlsx", "xls", "ods", "ofx", "qfx", "sta", "mt940", "xml"],
        )
        .pick_files()
        .await;
    match Picked::of(asked, picked) {
        Picked::Chosen(handles) => Some(handles.iter().map(|h| h.path().to_path_buf()).collect()),
        Picked::Cancelled => Some(Vec::new()),
        Picked::NoDialog => None,
    }
}

/// The native "save as" dialog for the export; the format follows the extension chosen. None when cancelled;
/// when there is no dialog on this system, a new file in the documents folder ([`export_fallback`]).
pub async fn pick_export_path(language: Language) -> Option<PathBuf> {
    let asked = std::time::Instant::now();
    let picked = rfd::AsyncFileDialog::new()
        .set_title(i18n::export(language))
        .set_file_name("posrecon-report.xlsx")
        .add_filter("Excel", &["xlsx"])
        .add_filter("CSV", &["csv"])
        .add_filter("JSON", &["json"])
        .save_file()
        .await;
    match Picked::of(asked, picked) {
        Picked::Chosen(handle) => Some(handle.path().to_path_buf()),
        Picked::NoDialog => {
            let folder = dirs::document_dir()
                .or_else(dirs::home_dir)
                .unwrap_or_else(|| PathBuf::from("."));
            Some(export_fallback(&folder, chrono::Local::now().naive_local()))
        }
        Picked::Cancelled => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_faster_than_a_person_means_there_was_no_dialog() {
        assert!(no_dialog(std::time::Duration::from_millis(20)));
        assert!(!no_dialog(std::time::Duration::from_secs(2)), "a person who cancelled");
        assert_eq!(Picked::of(std::time::Instant::now(), None::<u8>), Picked::NoDialog);
        assert_eq!(Picked::of(std::time::Instant::now(), Some(3)), Picked::Chosen(3));
        let long_ago = std::time::Instant::now().checked_sub(std::time::Duration::from_secs(5));
        assert_eq!(long_ago.map(|t| Picked::of(t, None::<u8>)), Some(Picked::Cancelled));
    }
}
