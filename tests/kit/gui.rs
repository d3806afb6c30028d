//! Helpers shared by the headless app tests (iced_test's Simulator): run a task to its end feeding its messages
//! back into the app, click what a user clicks, find text on screen.

use iced::Task;
use iced_test::Simulator;
use std::path::{Path, PathBuf};

use posrecon::app::i18n::Language;
use posrecon::app::prefs::Prefs;
use posrecon::gui::{App, Message, theme};

/// Prefs in `language`, kept in memory only: no prefs file, so the app opens no workspace of the user's.
pub fn in_memory(language: Language) -> Prefs {
    Prefs {
        language,
        ..Prefs::default()
    }
}

/// English prefs, in memory, with this workspace file.
pub fn with_workspace(workspace: &Path) -> Prefs {
    Prefs {
        workspace: Some(workspace.to_path_buf()),
        ..in_memory(Language::En)
    }
}

/// Starts the app as the owner does, with `files` to read (or none: it opens the workspace of the prefs), and
/// runs what that starts to its end.
pub fn start(prefs: Prefs, files: Vec<PathBuf>) -> App {
    let (mut app, task) = App::boot(prefs, files);
    drive(&mut app, task);
    app
}

pub fn settings() -> iced_test::core::Settings {
    iced_test::core::Settings {
        fonts: vec![theme::FONT_BYTES.into()],
        default_font: theme::FONT,
        ..Default::default()
    }
}

/// Runs a task to its end, feeding every message it produces back into the app (and their tasks too).
pub fn drive(app: &mut App, task: Task<Message>) {
    let Some(stream) = iced_test::runtime::task::into_stream(task) else {
        return;
    };
    let actions: Vec<_> = iced::futures::executor::block_on(iced::futures::StreamExt::collect::<Vec<_>>(stream));
    for action in actions {
        if let iced_test::runtime::Action::Output(message) = action {
            let next = app.update(message);
            drive(app, next);
        }
    }
}

pub fn send(app: &mut App, message: Message) {
    let task = app.update(message);
    drive(app, task);
}

/// Clicks the widget showing `label` and processes what that does.
pub fn click(app: &mut App, label: &str) {
    let messages: Vec<Message> = {
        let mut ui = Simulator::with_size(settings(), (1600.0, 1000.0), app.view());
        if let Err(error) = ui.click(label) {
            panic!("nothing to click labelled {label:?}: {error}");
        }
        ui.into_messages().collect()
    };
    for message in messages {
        send(app, message);
    }
}

/// The first text on screen that contains `needle`.
pub fn text_containing(app: &App, needle: &str) -> Option<String> {
    let mut ui = Simulator::with_size(settings(), (1600.0, 1000.0), app.view());
    ui.find(|candidate: iced_test::selector::Candidate<'_>| match candidate {
        iced_test::selector::Candidate::Text { content, .. } if content.contains(needle) => Some(content.to_string()),
        _ => None,
    })
    .ok()
}

/// Whether a widget shows exactly `label`.
pub fn shows(app: &App, label: &str) -> bool {
    let mut ui = Simulator::with_size(settings(), (1600.0, 1000.0), app.view());
    ui.find(label).is_ok()
}

/// Every text on screen, in the order the view lays them out.
pub fn all_texts(app: &App) -> Vec<String> {
    let found = std::sync::Mutex::new(Vec::new());
    let mut ui = Simulator::with_size(settings(), (1600.0, 1000.0), app.view());
    let _none: Result<(), _> = ui.find(|candidate: iced_test::selector::Candidate<'_>| {
        if let iced_test::selector::Candidate::Text { content, .. } = candidate
            && let Ok(mut found) = found.lock()
        {
            found.push(content.to_string());
        }
        None
    });
    found.into_inner().unwrap_or_default()
}
