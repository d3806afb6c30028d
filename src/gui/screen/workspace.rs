//! The workspace file in the app's root: "open workspace" and "new workspace" (native dialogs), and what the
//! root does when the worker has opened a workspace or recorded files in it. The work on the file itself is in
//! [`crate::app::workspace_file`].

use std::path::PathBuf;

use crate::app::i18n::{self, Language};
use crate::app::pipeline;
use crate::app::workspace_file::{EXTENSION, Opened, WorkspaceFile, open};
use crate::gui::Handoff;
use crate::gui::widgets::Picked;

#[derive(Clone, Debug)]
pub enum Message {
    /// "Open workspace…" was clicked.
    Open,
    /// "New workspace…" was clicked.
    New,
    /// A workspace file was chosen in the dialog (None when cancelled).
    Chosen(Option<PathBuf>),
    /// There is no file dialog on this system (Linux without the desktop portal).
    NoDialog,
    /// "Withdraw" on an orphaned decision (by its id): no longer kept in force, still in the audit log.
    Withdraw(i64),
    /// The worker opened the workspace (or recorded files in it) and reconciled it.
    Opened(Handoff<Result<Opened, String>>),
}

/// The native "open workspace" dialog.
pub async fn pick_workspace(language: Language) -> Picked<PathBuf> {
    let asked = std::time::Instant::now();
    let answer = rfd::AsyncFileDialog::new()
        .set_title(i18n::open_workspace(language))
        .add_filter(i18n::workspace_files(language), &[EXTENSION])
        .pick_file()
        .await
        .map(|handle| handle.path().to_path_buf());
    Picked::of(asked, answer)
}

/// The native "new workspace" dialog (a file to create).
pub async fn new_workspace(language: Language) -> Picked<PathBuf> {
    let asked = std::time::Instant::now();
    let answer = rfd::AsyncFileDialog::new()
        .set_title(i18n::new_workspace(language))
        .set_file_name(format!("shop.{EXTENSION}"))
        .add_filter(i18n::workspace_files(language), &[EXTENSION])
        .save_file()
        .await
        .map(|handle| {
            let path = handle.path().to_path_buf();
            if path.extension().is_some() {
                path
            } else {
                path.with_extension(EXTENSION)
            }
        });
    Picked::of(asked, answer)
}

/// The app's message for a dialog's answer.
fn chosen(picked: Picked<PathBuf>) -> crate::gui::Message {
    crate::gui::Message::WorkspaceFile(match picked {
        Picked::Chosen(path) => Message::Chosen(Some(path)),
        Picked::Cancelled => Message::Chosen(None),
        Picked::NoDialog => Message::NoDialog,
    })
}

impl crate::gui::App {
    /// Opens the workspace file (at start, or the one just chosen) on the worker and shows what it holds.
    pub(crate) fn open_workspace_file(&mut self) -> iced::Task<crate::gui::Message> {
        let Some(path) = self.workspace_file.path.clone() else {
            return iced::Task::none();
        };
        let config = self.prefs.config.clone();
        self.workspace_file.opening = true;
        self.progress = Some(pipeline::Progress::Matching);
        crate::gui::on_worker(move |send| {
            let opened = open(&path, config);
            send.send(crate::gui::Message::WorkspaceFile(Message::Opened(Handoff::new(
                opened,
            ))));
        })
    }

    pub(crate) fn workspace_file_update(&mut self, message: Message) -> iced::Task<crate::gui::Message> {
        use crate::gui::Screen;
        let language = self.language();
        match message {
            Message::Open => iced::Task::perform(pick_workspace(language), chosen),
            Message::New => iced::Task::perform(new_workspace(language), chosen),
            Message::Chosen(None) => iced::Task::none(),
            Message::NoDialog => {
                self.notice = Some(i18n::no_workspace_dialog(language).to_string());
                iced::Task::none()
            }
            Message::Withdraw(id) => {
                if let Err(error) = self.workspace_file.withdraw(id) {
                    self.notice = Some(error);
                }
                iced::Task::none()
            }
            Message::Chosen(Some(path)) => {
                self.prefs.workspace = Some(path.clone());
                self.save_prefs();
                self.workspace_file = WorkspaceFile {
                    path: Some(path),
                    ..WorkspaceFile::default()
                };
                self.reconciled = None;
                self.files.clear();
                self.screen = Screen::History;
                self.open_workspace_file()
            }
            Message::Opened(handoff) => {
                let opening = std::mem::take(&mut self.workspace_file.opening);
                if opening {
                    self.progress = None;
                }
                let Some(result) = handoff.take() else {
                    return iced::Task::none();
                };
                let mut task = iced::Task::none();
                match result {
                    Ok(opened) => {
                        let mut notices = opened.notices;
                        if let Some(review) = &opened.review {
                            notices.extend(pipeline::currency_notices(language, &review.adopted));
                        }
                        if !opened.history.orphaned.is_empty() {
                            notices.push(format!(
                                "{} {}",
                                i18n::decisions_orphaned_notice(language),
                                opened.history.orphaned.len()
                            ));
                        }
                        self.notice = (!notices.is_empty()).then(|| notices.join("  ·  "));
                        self.home.workspace_has_files = opened.history.files > 0;
                        self.workspace_file.path = Some(opened.path);
                        self.workspace_file.rows = Some(opened.rows);
                        self.workspace_file.history = Some(opened.history);
                        if let Some(review) = opened.review {
                            self.review.reset(&review);
                            self.charts.reset(&review);
                            self.reconciled = Some(review);
                            self.screen = Screen::Review;
                            if let Some(tour) = self.tour.take() {
                                task = self.take_tour(tour);
                            }
                        }
                    }
                    Err(error) => {
                        self.notice = Some(error);
                        self.workspace_file.rows = None;
                    }
                }
                if opening {
                    self.announce_ready();
                }
                task
            }
        }
    }
}
