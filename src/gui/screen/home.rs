//! The home screen: a large drop zone for the bank statement and the terminal log, buttons that open the
//! native file dialog (drag and drop is not delivered on Wayland, so the buttons always work), "try with
//! sample data", and the recent file sets. On the first run (nothing opened yet) a welcome panel above the drop
//! zone says what the two files are and where to get them, and holds the two buttons. The sample pair is built
//! into the binary ([`crate::app::sample_data`]), so an installed copy can show it with no source tree next to it.

use std::path::PathBuf;

use iced::widget::{button, column, container, row, text};
use iced::{Center, Fill};

use crate::app::i18n::{self, Language};
use crate::app::importing::file_name;
use crate::gui::{Element, theme};

/// Files dropped one at a time are gathered until this many have arrived, then read.
pub const FILES_PER_RECONCILIATION: usize = 2;

#[derive(Clone, Debug, Default)]
pub struct Home {
    /// Files dropped so far that wait for their partner.
    pub dropped: Vec<PathBuf>,
    /// Files are hovering over the window.
    pub hovering: bool,
    /// The open workspace already holds imported files, so this is not a first run even with no recent
    /// files (set by the root when it opens a workspace; false until then).
    pub workspace_has_files: bool,
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

    /// Nothing was opened yet: no recent files and nothing in the workspace.
    pub fn is_first_run(&self, recent: &[Vec<PathBuf>]) -> bool {
        recent.is_empty() && !self.workspace_has_files
    }

    pub fn view<'a>(&'a self, language: Language, recent: &'a [Vec<PathBuf>]) -> Element<'a, Message> {
        let first_run = self.is_first_run(recent);
        let mut zone = column![
            text(i18n::drop_here(language))
                .size(if first_run { theme::HEADING } else { theme::TITLE })
                .font(theme::FONT_BOLD),
            text(i18n::drop_hint(language)).size(theme::TEXT),
        ]
        .spacing(theme::SPACING)
        .align_x(Center);
        if !first_run {
            zone = zone.push(actions(language, false));
        }
        if !self.dropped.is_empty() {
            let names = self
                .dropped
                .iter()
                .map(|p| file_name(p))
                .collect::<Vec<_>>()
                .join("  ·  ");
            zone = zone.push(
                row![
                    text(format!("{} {names}", i18n::dropped_so_far(language))).size(theme::TEXT),
                    button(text(i18n::start(language)).size(theme::TEXT))
                        .style(button::success)
                        .on_press(Message::StartWithDropped),
                    button(text(i18n::clear(language)).size(theme::SMALL))
                        .style(button::text)
                        .on_press(Message::ClearDropped),
                ]
                .spacing(theme::SPACING)
                .align_y(Center),
            );
        }
        let zone_height = if first_run { 180 } else { 300 };
        let zone = container(zone)
            .center_x(Fill)
            .center_y(zone_height)
            .padding(24)
            .style(theme::container::drop_zone(self.hovering));

        let mut recent_list = column![text(i18n::recent_files(language)).size(theme::HEADING)].spacing(6);
        if recent.is_empty() {
            recent_list = recent_list.push(text(i18n::no_recent_files(language)).size(theme::TEXT).style(muted));
        }
        for set in recent {
            let label = set
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join("  +  ");
            recent_list = recent_list.push(
                button(text(label).size(theme::TEXT))
                    .style(button::text)
                    .on_press(Message::OpenRecent(set.clone())),
            );
        }

        let mut page = column![].spacing(20).padding(theme::PADDING * 2.0);
        if first_run {
            page = page.push(welcome(language));
        }
        page.push(zone)
            .push(text(i18n::privacy_note(language)).size(theme::SMALL))
            .push(recent_list)
            .into()
    }
}

/// "Choose files…" and "Try with sample data"; on the first run the sample comes first and stands out.
fn actions<'a>(language: Language, first_run: bool) -> Element<'a, Message> {
    let pick = button(text(i18n::choose_files(language)).size(theme::TEXT))
        .padding([10, 20])
        .on_press(Message::PickFiles);
    let sample = button(text(i18n::try_sample(language)).size(theme::TEXT))
        .padding([10, 20])
        .on_press(Message::TrySample);
    if first_run {
        row![sample.style(button::primary), pick.style(button::secondary)]
            .spacing(theme::SPACING)
            .into()
    } else {
        row![pick.style(button::primary), sample.style(button::secondary)]
            .spacing(theme::SPACING)
            .into()
    }
}

/// The first-run panel: greeting, what posrecon does, the two files and where they come from, the two buttons.
fn welcome<'a>(language: Language) -> Element<'a, Message> {
    container(
        column![
            text(i18n::welcome(language)).size(theme::TITLE).font(theme::FONT_BOLD),
            text(i18n::app_description(language)).size(theme::TEXT),
            text(i18n::two_files_explained(language)).size(theme::TEXT),
            text(i18n::first_run_hint(language)).size(theme::TEXT).style(muted),
            actions(language, true),
        ]
        .spacing(theme::SPACING),
    )
    .padding(24)
    .width(Fill)
    .style(theme::container::card)
    .into()
}

fn muted(theme: &iced::Theme) -> text::Style {
    text::Style {
        color: Some(theme::muted(theme)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_dropped_file_starts_the_reading() {
        let mut home = Home::default();
        assert_eq!(home.dropped(PathBuf::from("a.csv")), None);
        assert_eq!(
            home.dropped(PathBuf::from("a.csv")),
            None,
            "the same file twice is one file"
        );
        assert_eq!(
            home.dropped(PathBuf::from("b.xlsx")),
            Some(Event::Open(vec![PathBuf::from("a.csv"), PathBuf::from("b.xlsx")]))
        );
    }

    #[test]
    fn first_run_is_no_recent_files_and_nothing_in_the_workspace() {
        let mut home = Home::default();
        assert!(home.is_first_run(&[]));
        assert!(!home.is_first_run(&[vec![PathBuf::from("a.csv")]]));
        home.workspace_has_files = true;
        assert!(!home.is_first_run(&[]));
    }
}
