//! The desktop app (iced 0.14): home (drop or pick files, sample data, recent files), import check, review
//! (summary cards, the results table and the detail pane), charts, settings and the workspace's history. Each
//! screen is a module of [`screen`] with its own state, `Message`, `update` returning an `Event` for the root, and
//! `view`; the root ([`App`]) owns the [`ReconciledFiles`] and turns events into long work on a worker thread.
//! Only iced code is here (with [`theme`], [`widgets`] and the window's [`identity`]): the work behind the
//! screens, and the words they show, are in [`crate::app`], built and tested without iced.

pub mod identity;
pub mod screen;
pub mod theme;
pub mod widgets;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use iced::widget::{button, column, container, progress_bar, row, text};
use iced::{Fill, Subscription, Task, Theme, keyboard, window};

use crate::app::i18n::{self, Language};
use crate::app::importing::LoadedFile;
use crate::app::pipeline::{self, Progress, ReadOptions};
use crate::app::prefs::Prefs;
use crate::app::reconciled::{self, ReconciledFiles};
use crate::app::workspace_file::{self, WorkspaceFile};
use crate::app::{export, review_ledger, sample_data};
use crate::engine::Decision;
use crate::gui::screen::{charts, detail, history, home, import_check, review, settings, workspace};
use crate::model;

/// How long after a file is dropped outside the home screen the files dropped are read (a drop of several
/// files arrives as one message per file).
const DROP_SETTLES: std::time::Duration = std::time::Duration::from_millis(300);

/// Between two things the notice line says.
const NOTICE_SEPARATOR: &str = "  ·  ";

/// The element type of every view in the app.
pub type Element<'a, M> = iced::Element<'a, M>;

/// Opens the app; with `files`, reads and reconciles them at once. For the screenshot test:
/// `POSRECON_SCREEN` (import, review, detail, charts, settings) names the screen to show once they are read,
/// and `POSRECON_READY_FILE` is created when that screen is up (at once when no files are given).
pub fn run(files: Vec<PathBuf>) -> iced::Result {
    let tour = std::env::var("POSRECON_SCREEN")
        .ok()
        .and_then(|name| Tour::from_name(&name));
    let ready_file = std::env::var_os("POSRECON_READY_FILE").map(PathBuf::from);
    iced::application(
        move || {
            let (mut app, task) = App::boot(Prefs::load(), files.clone());
            app.tour = tour;
            app.ready_file = ready_file.clone();
            if files.is_empty() && !app.workspace_file.opening {
                app.announce_ready();
            }
            (app, task)
        },
        App::update,
        App::view,
    )
    .title(App::title)
    .theme(App::theme)
    .subscription(App::subscription)
    .font(theme::FONT_BYTES)
    .default_font(theme::FONT)
    .window(identity::window_settings(iced::Size::new(1280.0, 820.0)))
    .run()
}

/// The screens of the top bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Home,
    ImportCheck,
    Review,
    Charts,
    Settings,
    /// The workspace's audit log (gui::screen::history).
    History,
}

/// A value handed from the worker thread to `update` exactly once (messages must be `Clone`).
#[derive(Clone, Debug)]
pub struct Handoff<T>(Arc<Mutex<Option<T>>>);

impl<T> Handoff<T> {
    pub fn new(value: T) -> Self {
        Handoff(Arc::new(Mutex::new(Some(value))))
    }

    pub fn take(&self) -> Option<T> {
        self.0.lock().ok().and_then(|mut slot| slot.take())
    }
}

/// A screen to show straight after the files are read (see [`run`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tour {
    ImportCheck,
    Review,
    /// The review with the first row missing in the bank (or the first row) selected and its detail open.
    Detail,
    Charts,
    Settings,
    History,
}

impl Tour {
    pub fn from_name(name: &str) -> Option<Tour> {
        match name {
            "import" | "import_check" => Some(Tour::ImportCheck),
            "review" => Some(Tour::Review),
            "detail" => Some(Tour::Detail),
            "charts" => Some(Tour::Charts),
            "settings" => Some(Tour::Settings),
            "history" => Some(Tour::History),
            _ => None,
        }
    }
}

/// The root of the app.
pub struct App {
    pub screen: Screen,
    pub prefs: Prefs,
    pub home: home::Home,
    pub import_check: import_check::ImportCheck,
    pub review: review::Review,
    pub charts: charts::Charts,
    pub settings: settings::Settings,
    /// The files of the last read, with their problems, before or without reconciliation.
    pub files: Vec<LoadedFile>,
    pub reconciled: Option<ReconciledFiles>,
    /// The long work under way on the worker, as far as it has come (the progress bar under the top bar).
    pub progress: Option<Progress>,
    /// A one-line message under the top bar (export written, export failed…).
    pub notice: Option<String>,
    /// The screen to show after the first read.
    pub tour: Option<Tour>,
    /// Created once the first screen with data is up (see [`run`]).
    pub ready_file: Option<PathBuf>,
    /// The workspace file imports and decisions are kept in (app::workspace_file).
    pub workspace_file: WorkspaceFile,
}

#[derive(Clone, Debug)]
pub enum Message {
    /// From the home screen.
    Home(home::Message),
    /// From the import-check screen.
    ImportCheck(import_check::Message),
    /// From the review screen (table, cards, detail pane).
    Review(review::Message),
    /// From the charts screen.
    Charts(charts::Message),
    /// From the settings screen.
    Settings(settings::Message),
    /// A tab of the top bar was clicked.
    GoTo(Screen),
    /// Files chosen in the open dialog (empty when cancelled).
    FilesPicked(Vec<PathBuf>),
    /// There is no open dialog on this system (Linux without the desktop portal).
    NoFileDialog,
    /// A file was dropped on the window (one message per file).
    FileDropped(PathBuf),
    /// A moment has passed since a file was dropped outside the home screen: the drop is over.
    DropsSettled,
    /// Files are hovering over the window (true) or left it (false).
    FileHovering(bool),
    /// A key nobody else took.
    KeyPressed(keyboard::Key, keyboard::Modifiers),
    /// The worker reports progress.
    Progress(Progress),
    /// The worker read the files and reconciled what could be read.
    Loaded(Handoff<(Vec<LoadedFile>, Option<ReconciledFiles>)>),
    /// The worker re-ran the engine after a decision or a settings change.
    Rerun(Handoff<ReconciledFiles>),
    /// Where to export (None when the save dialog was cancelled).
    ExportTo(Option<PathBuf>),
    /// The export finished: the file written, or why it failed.
    Exported(Result<PathBuf, String>),
    /// The notice line was closed.
    DismissNotice,
    /// The workspace file: opened, chosen, files recorded (gui::screen::workspace).
    WorkspaceFile(workspace::Message),
}

impl App {
    /// The app's first state; reads `files` straight away when given.
    pub fn boot(prefs: Prefs, files: Vec<PathBuf>) -> (App, Task<Message>) {
        let (prefs_workspace, prefs_on_disk) = (prefs.workspace.clone(), prefs.file.is_some());
        let settings = settings::Settings::new(&prefs.config);
        let mut app = App {
            screen: Screen::Home,
            prefs,
            home: home::Home::default(),
            import_check: import_check::ImportCheck::default(),
            review: review::Review::default(),
            charts: charts::Charts::default(),
            settings,
            files: Vec::new(),
            reconciled: None,
            progress: None,
            notice: None,
            tour: None,
            ready_file: None,
            workspace_file: WorkspaceFile::at_start(prefs_workspace.as_deref(), prefs_on_disk),
        };
        let task = if files.is_empty() {
            app.open_workspace_file()
        } else {
            app.load(files, ReadOptions::default())
        };
        (app, task)
    }

    pub fn language(&self) -> Language {
        self.prefs.language
    }

    pub fn title(&self) -> String {
        let language = self.language();
        match self.files.first() {
            Some(_) => format!(
                "{} — {}",
                i18n::app_title(language),
                self.files.iter().map(LoadedFile::name).collect::<Vec<_>>().join(" + ")
            ),
            None => i18n::app_title(language).to_string(),
        }
    }

    pub fn theme(&self) -> Theme {
        theme::theme(self.prefs.dark)
    }

    pub fn subscription(&self) -> Subscription<Message> {
        let files = iced::event::listen_with(|event, _status, _window| match event {
            iced::Event::Window(window::Event::FileDropped(path)) => Some(Message::FileDropped(path)),
            iced::Event::Window(window::Event::FileHovered(_)) => Some(Message::FileHovering(true)),
            iced::Event::Window(window::Event::FilesHoveredLeft) => Some(Message::FileHovering(false)),
            _ => None,
        });
        let keys = keyboard::listen().filter_map(|event| match event {
            keyboard::Event::KeyPressed { key, modifiers, .. } => Some(Message::KeyPressed(key, modifiers)),
            _ => None,
        });
        Subscription::batch([files, keys])
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Home(message) => match self.home.update(message) {
                Some(home::Event::Open(paths)) => self.load(paths, ReadOptions::default()),
                Some(home::Event::PickFiles) => {
                    Task::perform(widgets::pick_files(self.language()), |picked| match picked {
                        Some(paths) => Message::FilesPicked(paths),
                        None => Message::NoFileDialog,
                    })
                }
                Some(home::Event::TrySample) => match sample_data::sample_files() {
                    Some(paths) => self.load(paths, ReadOptions::default()),
                    None => {
                        self.notice = Some(i18n::sample_not_found(self.language()).to_string());
                        Task::none()
                    }
                },
                None => Task::none(),
            },
            Message::ImportCheck(message) => match self.import_check.update(message, &mut self.files) {
                Some(import_check::Event::Reread(options)) => {
                    // The owner corrected how the files are read: their earlier imports are replaced.
                    self.workspace_file.replace_next = true;
                    let paths = self.files.iter().map(|f| f.path.clone()).collect();
                    self.load(paths, options)
                }
                Some(import_check::Event::SaveLayout(layout)) => {
                    self.notice = Some(format!("{} {}", i18n::layout_saved(self.language()), layout.name));
                    self.prefs.save_layout(layout);
                    self.save_prefs();
                    Task::none()
                }
                Some(import_check::Event::Continue) => {
                    self.screen = if self.reconciled.is_some() {
                        Screen::Review
                    } else {
                        Screen::Home
                    };
                    Task::none()
                }
                None => Task::none(),
            },
            Message::Review(message) => {
                let Some(reconciled) = &self.reconciled else {
                    return Task::none();
                };
                match self.review.update(message, reconciled) {
                    Some(review::Event::Decide(decision)) => self.decide(decision),
                    Some(review::Event::Export) => self.ask_export(),
                    Some(review::Event::Task(task)) => task.map(Message::Review),
                    None => Task::none(),
                }
            }
            Message::Charts(message) => {
                self.charts.update(message);
                Task::none()
            }
            Message::Settings(message) => match self.settings.update(message) {
                Some(settings::Event::Language(language)) => {
                    self.prefs.language = language;
                    self.save_prefs();
                    Task::none()
                }
                Some(settings::Event::Dark(dark)) => {
                    self.prefs.dark = dark;
                    self.save_prefs();
                    Task::none()
                }
                Some(settings::Event::Apply(config)) => {
                    self.prefs.config = config.clone();
                    self.save_prefs();
                    match self.reconciled.as_ref() {
                        Some(reconciled) => {
                            let mut reconciled = reconciled.clone();
                            reconciled.config = config;
                            self.rerun(reconciled)
                        }
                        None => Task::none(),
                    }
                }
                None => Task::none(),
            },
            Message::GoTo(screen) => {
                self.screen = screen;
                Task::none()
            }
            Message::FilesPicked(paths) if paths.is_empty() => Task::none(),
            Message::NoFileDialog => {
                self.notice = Some(i18n::no_file_dialog(self.language()).to_string());
                Task::none()
            }
            Message::FilesPicked(paths) => self.load(paths, ReadOptions::default()),
            // On the home screen files are gathered until there are two; anywhere else, with files already read,
            // a file dropped (the other side's, after "only a statement was read") joins them once the drop is over.
            Message::FileDropped(path) if self.screen == Screen::Home || self.files.is_empty() => {
                match self.home.dropped(path) {
                    Some(home::Event::Open(paths)) => self.load(paths, ReadOptions::default()),
                    _ => Task::none(),
                }
            }
            Message::FileDropped(path) => {
                self.home.hovering = false;
                if !self.home.dropped.contains(&path) {
                    self.home.dropped.push(path);
                }
                on_worker(|send| {
                    std::thread::sleep(DROP_SETTLES);
                    send.send(Message::DropsSettled);
                })
            }
            Message::DropsSettled => {
                let dropped = std::mem::take(&mut self.home.dropped);
                if dropped.is_empty() {
                    return Task::none();
                }
                // A workspace shows everything it holds: only the new files need reading into it.
                let mut paths: Vec<PathBuf> = match self.workspace_file.path {
                    Some(_) => Vec::new(),
                    None => self.files.iter().map(|f| f.path.clone()).collect(),
                };
                paths.extend(dropped.into_iter().filter(|p| !paths.contains(p)).collect::<Vec<_>>());
                self.load(paths, ReadOptions::default())
            }
            Message::FileHovering(hovering) => {
                self.home.hovering = hovering;
                Task::none()
            }
            Message::KeyPressed(key, modifiers) => self.key(key, modifiers),
            Message::Progress(progress) => {
                self.progress = Some(progress);
                Task::none()
            }
            Message::Loaded(handoff) => {
                self.progress = None;
                let Some((files, reconciled)) = handoff.take() else {
                    return Task::none();
                };
                let trouble = files.iter().any(|f| !f.is_usable() || !f.problems.is_empty());
                self.prefs
                    .remember(&files.iter().map(|f| f.path.clone()).collect::<Vec<_>>());
                self.save_prefs();
                self.home.clear_dropped();
                self.files = files;
                self.import_check.reset(&self.files);
                self.reconciled = reconciled;
                if let Some(reconciled) = &self.reconciled {
                    self.review.reset(reconciled);
                    self.charts.reset(reconciled);
                    let mut said = pipeline::currency_notices(self.language(), &reconciled.adopted);
                    // Rows of one side only: every row would read as missing, as if the other side had lost them.
                    if let Some(side) = reconciled::only_side(reconciled) {
                        said.insert(0, i18n::only_one_side(self.language(), side));
                    }
                    // Read again, the same things are said again: each once.
                    let earlier = self.notice.take().unwrap_or_default();
                    // What an earlier read said of one side missing no longer holds: it is said again if it does.
                    let one_side = [model::Side::Bank, model::Side::Terminal]
                        .map(|side| i18n::only_one_side(self.language(), side));
                    let mut parts: Vec<String> = earlier
                        .split(NOTICE_SEPARATOR)
                        .filter(|p| !p.is_empty() && !one_side.iter().any(|s| s == p))
                        .map(str::to_owned)
                        .collect();
                    parts.extend(said);
                    let mut seen = std::collections::HashSet::new();
                    parts.retain(|p| seen.insert(p.clone()));
                    self.notice = (!parts.is_empty()).then(|| parts.join(NOTICE_SEPARATOR));
                }
                self.screen = if trouble || self.reconciled.is_none() {
                    Screen::ImportCheck
                } else {
                    Screen::Review
                };
                let task = match self.tour.take() {
                    Some(tour) => self.take_tour(tour),
                    None => Task::none(),
                };
                self.announce_ready();
                task
            }
            Message::Rerun(handoff) => {
                self.progress = None;
                if let Some(reconciled) = handoff.take() {
                    self.review.refresh(&reconciled);
                    self.charts.reset(&reconciled);
                    self.reconciled = Some(reconciled);
                }
                Task::none()
            }
            Message::ExportTo(None) => Task::none(),
            Message::ExportTo(Some(path)) => self.export(path),
            Message::Exported(result) => {
                self.progress = None;
                self.notice = Some(match result {
                    Ok(path) => format!("{} {}", i18n::exported_to(self.language()), path.display()),
                    Err(error) => format!("{} {error}", i18n::export_failed(self.language())),
                });
                Task::none()
            }
            Message::DismissNotice => {
                self.notice = None;
                Task::none()
            }
            Message::WorkspaceFile(message) => self.workspace_file_update(message),
        }
    }

    /// Reads the files and reconciles them on a worker thread.
    fn load(&mut self, paths: Vec<PathBuf>, mut options: ReadOptions) -> Task<Message> {
        options.layouts = self
            .prefs
            .layouts
            .iter()
            .map(|l| (l.header.clone(), l.profile.clone()))
            .collect();
        let config = self.prefs.config.clone();
        let (workspace_file, replace, language) = (
            self.workspace_file.path.clone(),
            std::mem::take(&mut self.workspace_file.replace_next),
            self.language(),
        );
        self.progress = Some(Progress::Reading {
            name: String::new(),
            done: 0,
            total: paths.len(),
            within: 0.0,
        });
        on_worker(move |send| {
            let to_ui = send.clone();
            let reporter: pipeline::Reporter = Arc::new(move |p| to_ui.send(Message::Progress(p)));
            let mut files = pipeline::read_files(&paths, &options, &reporter);
            let usable = files.iter().filter(|f| f.is_usable()).count();
            let reconciled = (usable > 0).then(|| {
                send.send(Message::Progress(Progress::Matching));
                // With a workspace open, the files are recorded there and the review is everything it holds.
                match workspace_file
                    .as_deref()
                    .map(|path| workspace_file::record_files(path, &files, replace, config.clone(), language))
                {
                    Some(Ok(mut opened)) => {
                        let review = opened.review.take();
                        // The workspace's reconcile decides the currency of a file that names none.
                        if let Some(review) = &review {
                            pipeline::note_adopted(&mut files, &review.adopted);
                        }
                        send.send(Message::WorkspaceFile(workspace::Message::Opened(Handoff::new(Ok(
                            opened,
                        )))));
                        review.unwrap_or_else(|| ReconciledFiles::reconcile(files.clone(), config, Vec::new()))
                    }
                    Some(Err(error)) => {
                        send.send(Message::WorkspaceFile(workspace::Message::Opened(Handoff::new(Err(
                            error,
                        )))));
                        ReconciledFiles::reconcile(files.clone(), config, Vec::new())
                    }
                    None => ReconciledFiles::reconcile(files.clone(), config, Vec::new()),
                }
            });
            send.send(Message::Loaded(Handoff::new((files, reconciled))));
        })
    }

    /// Records a manual decision (in the workspace file too, with its audit entry) and re-runs the engine.
    fn decide(&mut self, decision: Decision) -> Task<Message> {
        let Some(reconciled) = &self.reconciled else {
            return Task::none();
        };
        if let Err(error) = self.workspace_file.record(&decision) {
            self.notice = Some(error);
        }
        let mut reconciled = reconciled.clone();
        reconciled.decisions.push(decision);
        self.rerun(reconciled)
    }

    fn rerun(&mut self, mut reconciled: ReconciledFiles) -> Task<Message> {
        self.progress = Some(Progress::Matching);
        on_worker(move |send| {
            reconciled.rerun();
            send.send(Message::Rerun(Handoff::new(reconciled)));
        })
    }

    fn ask_export(&mut self) -> Task<Message> {
        if self.reconciled.is_none() {
            return Task::none();
        }
        Task::perform(widgets::pick_export_path(self.language()), Message::ExportTo)
    }

    fn export(&mut self, path: PathBuf) -> Task<Message> {
        let Some(reconciled) = &self.reconciled else {
            return Task::none();
        };
        let reconciled = reconciled.clone();
        let lang = crate::report::Lang::from(self.language());
        self.progress = Some(Progress::Exporting);
        on_worker(move |send| {
            let result = export::export(&reconciled, &path, lang).map(|()| path);
            send.send(Message::Exported(result));
        })
    }

    fn key(&mut self, key: keyboard::Key, modifiers: keyboard::Modifiers) -> Task<Message> {
        use keyboard::key::Named;
        let is = |c: &str| matches!(&key, keyboard::Key::Character(k) if k.as_str().eq_ignore_ascii_case(c));
        if modifiers.command() && is("e") {
            return self.ask_export();
        }
        if modifiers.command() || modifiers.alt() || self.screen != Screen::Review {
            return Task::none();
        }
        let message = match &key {
            keyboard::Key::Named(Named::ArrowDown) => review::Message::Move(1),
            keyboard::Key::Named(Named::ArrowUp) => review::Message::Move(-1),
            keyboard::Key::Named(Named::PageDown) => review::Message::Move(20),
            keyboard::Key::Named(Named::PageUp) => review::Message::Move(-20),
            keyboard::Key::Named(Named::Enter) => review::Message::OpenDetail,
            keyboard::Key::Named(Named::Escape) => review::Message::CloseDetail,
            _ if is("j") => review::Message::Move(1),
            _ if is("k") => review::Message::Move(-1),
            _ if is("m") => review::Message::Detail(detail::Message::MatchFirst),
            _ if is("u") => review::Message::Detail(detail::Message::Unmatch),
            _ if is("a") => review::Message::Detail(detail::Message::AcceptAll),
            _ if is("/") => review::Message::FocusSearch,
            _ => return Task::none(),
        };
        self.update(Message::Review(message))
    }

    /// Creates the ready file, once.
    pub fn announce_ready(&mut self) {
        if let Some(path) = self.ready_file.take()
            && let Err(error) = std::fs::write(&path, b"ready\n")
        {
            self.notice = Some(format!("{}: {error}", path.display()));
        }
    }

    fn take_tour(&mut self, tour: Tour) -> Task<Message> {
        self.screen = match tour {
            Tour::ImportCheck => Screen::ImportCheck,
            Tour::Review | Tour::Detail => Screen::Review,
            Tour::Charts => Screen::Charts,
            Tour::Settings => Screen::Settings,
            Tour::History => Screen::History,
        };
        if tour != Tour::Detail {
            return Task::none();
        }
        let missing = self.reconciled.as_ref().is_some_and(|r| r.tally.missing_in_bank > 0);
        let mut task = Task::none();
        if missing {
            task = self.update(Message::Review(review::Message::Focus(
                review_ledger::Focus::MissingInBank,
            )));
        }
        Task::batch([task, self.update(Message::Review(review::Message::Select(0)))])
    }

    fn save_prefs(&mut self) {
        if let Err(error) = self.prefs.save() {
            self.notice = Some(error);
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let language = self.language();
        let body: Element<'_, Message> = match (self.screen, &self.reconciled) {
            (Screen::Home, _) => self.home.view(language, &self.prefs.recent).map(Message::Home),
            (Screen::ImportCheck, _) => self.import_check.view(language, &self.files).map(Message::ImportCheck),
            (Screen::Review, Some(reconciled)) => self.review.view(language, reconciled).map(Message::Review),
            (Screen::Charts, Some(reconciled)) => self.charts.view(language, reconciled).map(Message::Charts),
            (Screen::Settings, _) => self.settings.view(language, self.prefs.dark).map(Message::Settings),
            (Screen::History, _) => {
                history::view(language, self.workspace_file.history.as_ref()).map(Message::WorkspaceFile)
            }
            (Screen::Review | Screen::Charts, None) => {
                widgets::empty_hint(i18n::nothing_loaded(language), i18n::nothing_loaded_hint(language))
            }
        };
        let mut page = column![self.top_bar()];
        if let Some(progress) = &self.progress {
            page = page.push(self.progress_line(progress));
        }
        if let Some(notice) = &self.notice {
            page = page.push(widgets::notice(notice, i18n::close(language), Message::DismissNotice));
        }
        page.push(container(body).width(Fill).height(Fill)).into()
    }

    fn top_bar(&self) -> Element<'_, Message> {
        let language = self.language();
        let loaded = self.reconciled.is_some();
        let tab = |label: &'static str, screen: Screen, enabled: bool| {
            button(text(label).size(theme::TEXT))
                .padding([6, 14])
                .style(theme::button::tab(self.screen == screen))
                .on_press_maybe(enabled.then_some(Message::GoTo(screen)))
        };
        let tabs = row![
            text(i18n::app_title(language))
                .size(theme::HEADING)
                .font(theme::FONT_BOLD),
            iced::widget::space::horizontal().width(24),
            tab(i18n::home(language), Screen::Home, true),
            tab(
                i18n::import_check(language),
                Screen::ImportCheck,
                !self.files.is_empty()
            ),
            tab(i18n::review(language), Screen::Review, loaded),
            tab(i18n::charts(language), Screen::Charts, loaded),
            tab(i18n::settings(language), Screen::Settings, true),
            tab(i18n::history(language), Screen::History, true),
            iced::widget::space::horizontal(),
        ]
        .spacing(6)
        .align_y(iced::Center);
        container(tabs)
            .padding([8, 16])
            .width(Fill)
            .style(theme::container::top_bar)
            .into()
    }

    fn progress_line(&self, progress: &Progress) -> Element<'_, Message> {
        let language = self.language();
        let label = match progress {
            Progress::Reading { name, done, total, .. } => i18n::reading_file(language, name, done + 1, *total),
            Progress::Matching => i18n::matching(language).to_string(),
            Progress::Exporting => i18n::exporting(language).to_string(),
        };
        container(
            column![
                text(label).size(theme::SMALL),
                progress_bar(0.0..=1.0, progress.fraction()).girth(6)
            ]
            .spacing(4),
        )
        .padding([6, 16])
        .into()
    }
}

/// The worker's end of the channel to `update`.
#[derive(Clone)]
pub struct ToUi(iced::futures::channel::mpsc::UnboundedSender<Message>);

impl ToUi {
    /// Sends a message; if the window is gone there is nobody to tell, and that is fine.
    pub fn send(&self, message: Message) {
        let _ = self.0.unbounded_send(message);
    }
}

/// Runs `job` on its own thread; every message it sends arrives in `update`, in order.
fn on_worker(job: impl FnOnce(&ToUi) + Send + 'static) -> Task<Message> {
    let (sender, receiver) = iced::futures::channel::mpsc::unbounded();
    std::thread::spawn(move || job(&ToUi(sender)));
    Task::run(receiver, |message| message)
}
