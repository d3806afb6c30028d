//! The home screen: a large drop zone for the bank statement and the terminal log, buttons that open the
//! native file dialog (drag and drop is not delivered on Wayland, so the buttons always work), "try with
//! sample data", and the recent file sets. On the first run (nothing opened yet) a welcome panel above the drop
//! zone says what the two files are and where to get them, and holds the two buttons. The sample pair is built
//! into the binary ([`sample_files`]), so an installed copy can show it with no source tree next to it.

use std::path::{Path, PathBuf};

use iced::widget::{button, column, container, row, text};
use iced::{Center, Fill};

use crate::app::i18n::{self, Language};
use crate::app::pipeline::{self, file_name};
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

/// The bundled sample pair (a month of a GBK terminal log and its bank's XLSX statement), built into the binary.
const SAMPLE: [(&str, &[u8]); 2] = [
    ("terminal-log.csv", include_bytes!("../../sample-data/terminal-log.csv")),
    (
        "bank-statement.xlsx",
        include_bytes!("../../sample-data/bank-statement.xlsx"),
    ),
];

/// The sample pair as files the app can read: the copies built into the binary, written (again, when missing or
/// changed) to `sample-data/` in `$POSRECON_HOME` or the user's local data folder. When that folder cannot be
/// written, the sample-data folder next to the executable or in the source tree is used, if there is one.
pub fn sample_files() -> Option<Vec<PathBuf>> {
    sample_folder()
        .and_then(|folder| write_sample(&folder).ok())
        .or_else(pipeline::sample_files)
}

fn sample_folder() -> Option<PathBuf> {
    match std::env::var_os("POSRECON_HOME") {
        Some(home) => Some(PathBuf::from(home).join("sample-data")),
        None => dirs::data_local_dir()
            .map(|d| d.join("posrecon").join("sample-data"))
            .or_else(|| Some(std::env::temp_dir().join("posrecon-sample-data"))),
    }
}

/// Writes the built-in sample files into `folder` (skipping those already there unchanged) and returns their paths.
pub fn write_sample(folder: &Path) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(folder)?;
    SAMPLE
        .iter()
        .map(|(name, bytes)| {
            let path = folder.join(name);
            if !std::fs::read(&path).is_ok_and(|found| found == *bytes) {
                std::fs::write(&path, bytes)?;
            }
            Ok(path)
        })
        .collect()
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
    fn the_built_in_sample_is_written_where_asked_and_matches_the_repository_copy() {
        let folder = std::env::temp_dir().join(format!("posrecon-sample-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&folder);
        let paths = write_sample(&folder).unwrap_or_default();
        assert_eq!(
            paths,
            vec![folder.join("terminal-log.csv"), folder.join("bank-statement.xlsx")]
        );
        let repository = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
        for path in &paths {
            let name = path.file_name().unwrap_or_default();
            assert_eq!(
                std::fs::read(path).ok(),
                std::fs::read(repository.join(name)).ok(),
                "{}",
                path.display()
            );
        }
        std::fs::write(&paths[0], b"changed by hand").ok();
        assert!(write_sample(&folder).is_ok());
        assert_eq!(
            std::fs::read(&paths[0]).ok(),
            std::fs::read(repository.join("terminal-log.csv")).ok(),
            "a changed copy is restored"
        );
        let _ = std::fs::remove_dir_all(&folder);
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
