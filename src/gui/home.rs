//! The home screen: a large drop zone for the bank statement and the terminal log, buttons that open the
//! native file dialog (drag and drop is not delivered on Wayland, so the buttons always work), "try with
//! sample data", and the recent file sets.

use std::path::PathBuf;

use iced::widget::{button, column, container, row, text};
use iced::{Center, Fill};

use crate::gui::i18n::{self, Language};
use crate::gui::pipeline::file_name;
use crate::gui::{Element, theme};

/// Files dropped one at a time are gathered until this many have arrived, then read.
pub const FILES_PER_RECONCILIATION: usize = 2;

#[derive(Clone, Debug, Default)]
pub struct Home {
    /// Files dropped so far that wait for their partner.
    pub dropped: Vec<PathBuf>,
    /// Files are hovering over the window.
    pub hovering: bool,
}

#[derive(Clone, Debug)]
pub enum Message {
    /// "Choose files…" was clicked.
    PickFiles,
    /// "Try with sample data" was clicked.
    TrySample,
    /// A recent file set was clicked.
    OpenRecent(Vec<PathBuf>),
    /// "Start" was clicked with the files dropped so far.
    StartWithDropped,
    /// The list of dropped files was cleared.
    ClearDropped,
}

/// What the root must do.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    PickFiles,
    TrySample,
    Open(Vec<PathBuf>),
}

impl Home {
    pub fn update(&mut self, message: Message) -> Option<Event> {
        match message {
            Message::PickFiles => Some(Event::PickFiles),
            Message::TrySample => Some(Event::TrySample),
            Message::OpenRecent(paths) => Some(Event::Open(paths)),
            Message::StartWithDropped => (!self.dropped.is_empty()).then(|| Event::Open(self.dropped.clone())),
            Message::ClearDropped => {
                self.dropped.clear();
                None
            }
        }
    }

    /// A file was dropped on the window: once both files are there, they are read.
    pub fn dropped(&mut self, path: PathBuf) -> Option<Event> {
        self.hovering = false;
        if !self.dropped.contains(&path) {
            self.dropped.push(path);
        }
        (self.dropped.len() >= FILES_PER_RECONCILIATION).then(|| Event::Open(self.dropped.clone()))
    }

    pub fn clear_dropped(&mut self) {
        self.dropped.clear();
    }

    pub fn view<'a>(&'a self, language: Language, recent: &'a [Vec<PathBuf>]) -> Element<'a, Message> {
        let mut zone = column![
            text(i18n::drop_here(language)).size(theme::TITLE).font(theme::FONT_BOLD),
            text(i18n::drop_hint(language)).size(theme::TEXT),
            row![
                button(text(i18n::choose_files(language)).size(theme::TEXT)).padding([10, 20]).style(button::primary).on_press(Message::PickFiles),
                button(text(i18n::try_sample(language)).size(theme::TEXT)).padding([10, 20]).style(button::secondary).on_press(Message::TrySample),
            ]
            .spacing(theme::SPACING),
        ]
        .spacing(theme::SPACING)
        .align_x(Center);
        if !self.dropped.is_empty() {
            let names = self.dropped.iter().map(|p| file_name(p)).collect::<Vec<_>>().join("  ·  ");
            zone = zone.push(
                row![
                    text(format!("{} {names}", i18n::dropped_so_far(language))).size(theme::TEXT),
                    button(text(i18n::start(language)).size(theme::TEXT)).style(button::success).on_press(Message::StartWithDropped),
                    button(text(i18n::clear(language)).size(theme::SMALL)).style(button::text).on_press(Message::ClearDropped),
                ]
                .spacing(theme::SPACING)
                .align_y(Center),
            );
        }
        let zone = container(zone).center_x(Fill).center_y(300).padding(24).style(theme::container::drop_zone(self.hovering));

        let mut recent_list = column![text(i18n::recent_files(language)).size(theme::HEADING)].spacing(6);
        if recent.is_empty() {
            recent_list = recent_list.push(text(i18n::no_recent_files(language)).size(theme::TEXT).style(|t: &iced::Theme| text::Style { color: Some(theme::muted(t)) }));
        }
        for set in recent {
            let label = set.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join("  +  ");
            recent_list = recent_list.push(button(text(label).size(theme::TEXT)).style(button::text).on_press(Message::OpenRecent(set.clone())));
        }

        column![zone, text(i18n::privacy_note(language)).size(theme::SMALL), recent_list]
            .spacing(20)
            .padding(theme::PADDING * 2.0)
            .into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_dropped_file_starts_the_reading() {
        let mut home = Home::default();
        assert_eq!(home.dropped(PathBuf::from("a.csv")), None);
        assert_eq!(home.dropped(PathBuf::from("a.csv")), None, "the same file twice is one file");
        assert_eq!(home.dropped(PathBuf::from("b.xlsx")), Some(Event::Open(vec![PathBuf::from("a.csv"), PathBuf::from("b.xlsx")])));
    }
}
