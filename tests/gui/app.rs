//! Headless tests of the desktop app with iced_test's Simulator: they build the real `App`, click what a user
//! clicks, feed the resulting messages back into `update`, and run the tasks `update` returns (the worker
//! threads that read, reconcile and re-run the engine) to completion.
use std::path::PathBuf;

use chrono::NaiveDate;
use posrecon::app::i18n::{self, Language};
use posrecon::app::importing::LoadedFile;
use posrecon::app::prefs::Prefs;
use posrecon::app::reconciled::ReconciledFiles;
use posrecon::engine::Status;
use posrecon::gui::{App, Message, Screen};
use posrecon::model::{Money, Side, Txn};

use crate::kit::gui::{click, drive, in_memory, send, shows, text_containing};
use crate::kit::{sample_dir, temp_dir, txn};

fn sale(side: Side, line: u32, day: u32, hour: u32, minute: u32, fen: i64) -> Txn {
    let time = NaiveDate::from_ymd_opt(2026, 11, day)
        .and_then(|d| d.and_hms_opt(hour, minute, 0))
        .expect("valid time");
    let mut txn = txn(side, line, time, Money::from_minor(fen));
    if side == Side::Bank {
        txn.description = Some("银联商户入账 POS".into());
    } else {
        txn.terminal_id = Some("T0001".into());
        txn.reference = Some(format!("RRN{line:06}").into());
    }
    txn
}

fn file(name: &str, side: Side, txns: Vec<Txn>) -> LoadedFile {
    LoadedFile {
        path: PathBuf::from(name),
        side,
        format: "test".into(),
        header: Vec::new(),
        preview: Vec::new(),
        columns: Vec::new(),
        profile: Default::default(),
        txns,
        problems: Vec::new(),
        bad_rows: 0,
        refused: false,
        error: None,
        currency: Default::default(),
        kind: None,
    }
}

/// Two sales paid one-to-one, one sale whose credit came two days late (so the engine leaves both missing),
/// and a bank credit nobody sold.
fn small_shop() -> Vec<LoadedFile> {
    let terminal = vec![
        sale(Side::Terminal, 2, 3, 10, 0, 10_000),
        sale(Side::Terminal, 3, 3, 11, 0, 20_000),
        sale(Side::Terminal, 4, 3, 12, 0, 30_000),
    ];
    let bank = vec![
        sale(Side::Bank, 2, 3, 10, 5, 10_000),
        sale(Side::Bank, 3, 3, 11, 5, 20_000),
        sale(Side::Bank, 4, 5, 12, 0, 30_000),
        sale(Side::Bank, 5, 6, 15, 0, 77_700),
    ];
    vec![
        file("terminal.csv", Side::Terminal, terminal),
        file("bank.csv", Side::Bank, bank),
    ]
}

/// The app with `files` reconciled by the real engine, as the worker would hand them over.
fn app_with(files: Vec<LoadedFile>) -> App {
    let (mut app, task) = App::boot(in_memory(Language::En), Vec::new());
    drive(&mut app, task);
    let reconciled = ReconciledFiles::reconcile(files.clone(), app.prefs.config.clone(), Vec::new());
    send(
        &mut app,
        Message::Loaded(posrecon::gui::Handoff::new((files, Some(reconciled)))),
    );
    app
}

fn summary(app: &App) -> posrecon::engine::Summary {
    app.reconciled.as_ref().expect("reconciled").report.summary.clone()
}

#[test]
fn summary_cards_show_the_counts_the_engine_reports() {
    let app = app_with(small_shop());
    assert_eq!(app.screen, Screen::Review);
    let s = summary(&app);
    assert_eq!(
        (s.matched, s.missing_in_bank, s.missing_in_terminal),
        (4, 1, 2),
        "engine: {s:?}"
    );
    assert!(shows(&app, "4"), "matched card");
    assert!(shows(&app, "Missing in bank"));
    assert!(shows(&app, "Missing in terminal"));
    assert!(shows(&app, &i18n::showing(Language::En, 7, 7)));
}

#[test]
fn missing_card_lists_only_missing_rows() {
    let mut app = app_with(small_shop());
    click(&mut app, "Missing in terminal");
    let reconciled = app.reconciled.as_ref().expect("reconciled");
    assert_eq!(app.review.shown.len(), 2);
    for position in &app.review.shown {
        let row = reconciled.ledger.row(*position).expect("listed row exists");
        assert_eq!((row.status, row.id.side), (Status::Missing, Side::Bank));
    }
    assert!(shows(&app, &i18n::showing(Language::En, 2, 7)));
    assert!(
        !shows(&app, "Matched ") && !shows(&app, "100.00"),
        "matched rows are not listed"
    );
    // The same card again shows everything.
    click(&mut app, "Missing in terminal");
    assert_eq!(app.review.shown.len(), 7);
}

#[test]
fn matching_a_candidate_updates_the_counts() {
    let mut app = app_with(small_shop());
    click(&mut app, "Missing in bank");
    assert_eq!(app.review.shown.len(), 1);
    click(&mut app, "300.00");
    let detail = app.review.detail.as_ref().expect("clicking a row opens its detail");
    assert!(!detail.candidates.is_empty(), "the late credit is offered");
    assert!(shows(&app, "Same amount"));
    click(&mut app, "Match");
    let s = summary(&app);
    assert_eq!(
        (s.matched, s.missing_in_bank, s.missing_in_terminal),
        (6, 0, 1),
        "after the match: {s:?}"
    );
    let decisions = &app.reconciled.as_ref().expect("reconciled").decisions;
    assert_eq!(decisions.len(), 1);
    assert!(shows(&app, "6"));
}

#[test]
fn keyboard_moves_the_selection_and_m_matches() {
    let mut app = app_with(small_shop());
    click(&mut app, "Missing in bank");
    let down = iced::keyboard::Key::Named(iced::keyboard::key::Named::ArrowDown);
    send(&mut app, Message::KeyPressed(down, iced::keyboard::Modifiers::empty()));
    send(
        &mut app,
        Message::KeyPressed(
            iced::keyboard::Key::Named(iced::keyboard::key::Named::Enter),
            iced::keyboard::Modifiers::empty(),
        ),
    );
    assert!(app.review.detail.is_some());
    send(
        &mut app,
        Message::KeyPressed(
            iced::keyboard::Key::Character("m".into()),
            iced::keyboard::Modifiers::empty(),
        ),
    );
    assert_eq!(summary(&app).missing_in_bank, 0);
}

#[test]
fn switching_language_changes_the_labels() {
    let mut app = app_with(small_shop());
    assert!(shows(&app, "Missing in bank"));
    click(&mut app, "Settings");
    click(&mut app, "中文");
    assert_eq!(app.prefs.language, Language::ZhCn);
    click(&mut app, "对账结果");
    assert!(shows(&app, "银行缺失"));
    assert!(!shows(&app, "Missing in bank"));
}

#[test]
fn an_unreadable_row_is_shown_with_its_line() {
    let mut files = small_shop();
    if let Some(terminal) = files.first_mut() {
        terminal.problems.push(posrecon::app::importing::RowProblem {
            line: 17,
            column: Some("金额".into()),
            found: "12,3x".into(),
            expected: "an amount such as 1,234.50".into(),
        });
    }
    let app = app_with(files);
    assert_eq!(
        app.screen,
        Screen::ImportCheck,
        "problems send the user to the import check"
    );
    assert!(shows(
        &app,
        "line 17, column “金额”: “12,3x” — an amount such as 1,234.50"
    ));
    assert!(shows(&app, "Skip rows that cannot be read"));
}

#[test]
fn home_screen_offers_the_sample_and_the_file_dialog() {
    let (app, _) = App::boot(in_memory(Language::En), Vec::new());
    assert_eq!(app.screen, Screen::Home);
    assert!(shows(&app, "Drop your bank statement and terminal log here"));
    assert!(shows(&app, "Choose files…"));
    assert!(shows(&app, "Try with sample data"));
    assert!(shows(&app, "No files opened yet."));
}

#[test]
fn sample_data_loads_and_the_cards_show_the_engines_counts() {
    let folder = sample_dir();
    let files = vec![folder.join("terminal-log.csv"), folder.join("bank-statement.xlsx")];
    let (mut app, task) = App::boot(in_memory(Language::En), files);
    assert!(app.progress.is_some(), "reading starts at once, with a progress bar");
    drive(&mut app, task);
    assert!(app.progress.is_none());
    let sides: Vec<Side> = app.files.iter().map(|f| f.side).collect();
    assert_eq!(
        sides,
        vec![Side::Terminal, Side::Bank],
        "sides guessed from the content"
    );
    for file in &app.files {
        assert!(file.error.is_none(), "{}: {:?}", file.name(), file.error);
    }
    let s = summary(&app);
    assert!(s.terminal_rows > 1000 && s.bank_rows > 10, "{s:?}");
    let reconciled = app.reconciled.as_ref().expect("reconciled");
    let tally = reconciled.ledger.tally();
    assert_eq!(tally, reconciled.tally);
    assert_eq!(tally.matched, s.matched + s.matched_with_difference);
    assert_eq!(
        (
            tally.in_batch,
            tally.missing_in_bank,
            tally.missing_in_terminal,
            tally.duplicates
        ),
        (s.in_batch, s.missing_in_bank, s.missing_in_terminal, s.duplicates)
    );
    assert_eq!(app.screen, Screen::Review);
    for count in [s.in_batch, s.missing_in_bank, s.duplicates] {
        assert!(shows(&app, &i18n::thousands(count)), "a card shows {count}");
    }
}

#[test]
fn a_file_with_a_bad_amount_is_refused_with_its_line_until_bad_rows_are_skipped() {
    let folder = temp_dir("gui-app");
    let log = folder.join("pos.csv");
    std::fs::write(
        &log,
        "交易日期,交易时间,终端号,商户号,卡号,交易金额,参考号\n\
         2026-11-03,10:00:00,T1,M1,622202******1234,100.00,R1\n\
         2026-11-03,10:05:00,T1,M1,622202******1234,12x.00,R2\n",
    )
    .expect("write the log");
    let (mut app, task) = App::boot(in_memory(Language::En), vec![log]);
    drive(&mut app, task);
    assert_eq!(app.screen, Screen::ImportCheck);
    let problem = text_containing(&app, "line 3").expect("the bad row is listed with its line");
    assert!(problem.contains("12x.00") && problem.contains("交易金额"), "{problem}");
    assert!(text_containing(&app, "1 rows could not be read").is_some());
    click(&mut app, "Skip rows that cannot be read");
    let file = app.files.first().expect("the file is still listed");
    assert!(
        file.is_usable() && file.txns.len() == 1,
        "the good row is imported once bad rows are skipped"
    );
    assert!(
        text_containing(&app, "line 3").is_some(),
        "the skipped row is still shown"
    );
}

#[test]
fn import_check_shows_where_the_date_and_the_amount_of_the_sample_files_come_from() {
    use posrecon::gui::screen::import_check::{shown_column, shown_fields};
    use posrecon::import::mapping::Field;
    let folder = sample_dir();
    let files = vec![folder.join("terminal-log.csv"), folder.join("bank-statement.xlsx")];
    let (mut app, task) = App::boot(in_memory(Language::En), files);
    drive(&mut app, task);
    send(&mut app, Message::GoTo(Screen::ImportCheck));
    let [log, statement] = app.files.as_slice() else {
        panic!("two files: {:?}", app.files.len())
    };
    let label = |file: &LoadedFile, field: Field| shown_column(Language::En, file, field).label;
    // The log's 交易时间 holds the date and the time: the date is not "not found".
    assert_eq!(label(log, Field::Date), "交易时间 (date + time)");
    assert_eq!(label(log, Field::Time), "交易时间");
    assert_eq!(label(log, Field::Amount), "交易金额");
    assert_eq!(
        shown_column(Language::ZhCn, log, Field::Date).label,
        "交易时间（日期+时间）"
    );
    // The statement has money-in and money-out columns: the amount is read from both, and each has a dropdown.
    assert_eq!(
        label(statement, Field::Amount),
        format!(
            "{} − {}",
            label(statement, Field::Credit),
            label(statement, Field::Debit)
        )
    );
    assert_eq!(
        (
            label(statement, Field::Credit).as_str(),
            label(statement, Field::Debit).as_str()
        ),
        ("收入金额", "支出金额")
    );
    assert!(
        shown_fields(&statement.profile).contains(&Field::Credit)
            && !shown_fields(&log.profile).contains(&Field::Credit)
    );
    // A dropdown's chosen value is not a text widget iced_test can find; its field heading is.
    for text in ["Money in", "Money out"] {
        assert!(
            text_containing(&app, text).is_some(),
            "the import check shows a {text:?} dropdown"
        );
    }
}

#[test]
fn first_run_greets_explains_the_two_files_and_the_sample_reaches_the_review() {
    for language in Language::ALL {
        let (app, _) = App::boot(
            Prefs {
                language,
                ..Prefs::default()
            },
            Vec::new(),
        );
        assert!(app.home.is_first_run(&app.prefs.recent));
        for label in [
            i18n::welcome(language),
            i18n::two_files_explained(language),
            i18n::try_sample(language),
            i18n::choose_files(language),
        ] {
            assert!(shows(&app, label), "{language}: the first-run screen shows {label:?}");
        }
    }
    let (mut app, task) = App::boot(in_memory(Language::En), Vec::new());
    drive(&mut app, task);
    // The sample is built into the binary: no sample-data folder is needed next to an installed copy.
    click(&mut app, "Try with sample data");
    assert!(app.notice.is_none(), "{:?}", app.notice);
    assert_eq!(app.screen, Screen::Review);
    let names: Vec<String> = app.files.iter().map(LoadedFile::name).collect();
    assert_eq!(names, ["terminal-log.csv", "bank-statement.xlsx"]);
    assert!(summary(&app).terminal_rows > 1000);
    send(&mut app, Message::GoTo(Screen::Home));
    assert!(
        !shows(&app, "Welcome to posrecon"),
        "once files were opened, the home screen lists them instead"
    );
    assert!(shows(&app, "Recent files"));
}

#[test]
fn two_files_dropped_from_a_folder_with_a_chinese_name_are_read_and_reconciled() {
    let folder = temp_dir("posrecon 对账");
    let sample = sample_dir();
    let log = folder.join("终端交易明细.csv");
    let statement = folder.join("银行流水 10月.xlsx");
    std::fs::copy(sample.join("terminal-log.csv"), &log).expect("copy the log");
    std::fs::copy(sample.join("bank-statement.xlsx"), &statement).expect("copy the statement");
    let (mut app, task) = App::boot(in_memory(Language::En), Vec::new());
    drive(&mut app, task);
    // A drop from the file manager arrives as one event per file; the second starts the reading.
    send(&mut app, Message::FileDropped(statement.clone()));
    assert!(app.files.is_empty() && shows(&app, "Dropped so far: 银行流水 10月.xlsx"));
    send(&mut app, Message::FileDropped(log.clone()));
    let _ = std::fs::remove_dir_all(&folder);
    assert_eq!(app.screen, Screen::Review);
    let names: Vec<String> = app.files.iter().map(LoadedFile::name).collect();
    assert_eq!(names, ["银行流水 10月.xlsx", "终端交易明细.csv"]);
    let sides: Vec<Side> = app.files.iter().map(|f| f.side).collect();
    assert_eq!(
        sides,
        vec![Side::Bank, Side::Terminal],
        "sides come from the content, not the order of the drop"
    );
    assert!(app.title().contains("终端交易明细.csv"));
}

/// Linux without the desktop portal has no file dialog: "Choose files…" must not silently do nothing.
#[test]
fn without_a_file_dialog_the_app_says_to_drag_the_files_in() {
    let (mut app, task) = App::boot(
        Prefs {
            language: Language::ZhCn,
            ..Prefs::default()
        },
        Vec::new(),
    );
    drive(&mut app, task);
    send(&mut app, Message::NoFileDialog);
    assert!(text_containing(&app, "拖到窗口里").is_some(), "{:?}", app.notice);
}

/// A credit of an amount like no sale (net of a fee the app was not told about) must not be a dead end: the
/// sales left unpaired nearby are offered, to be matched with their own button — never by the `m` key.
#[test]
fn a_credit_unlike_any_sale_can_still_be_matched_by_hand() {
    let terminal = vec![sale(Side::Terminal, 2, 3, 10, 0, 10_000)];
    let bank = vec![sale(Side::Bank, 2, 3, 16, 0, 9_700)];
    let mut app = app_with(vec![
        file("terminal.csv", Side::Terminal, terminal),
        file("bank.csv", Side::Bank, bank),
    ]);
    assert_eq!(summary(&app).matched, 0, "97.00 is too far from 100.00 for the engine");
    click(&mut app, "Missing in terminal");
    click(&mut app, "97.00");
    assert!(
        shows(&app, "Also unpaired nearby · differs by 3.00"),
        "the sale is offered"
    );
    send(
        &mut app,
        Message::KeyPressed(
            iced::keyboard::Key::Character("m".into()),
            iced::keyboard::Modifiers::empty(),
        ),
    );
    assert_eq!(
        summary(&app).matched,
        0,
        "the m key does not pair rows of different amounts"
    );
    click(&mut app, "Match");
    assert_eq!(summary(&app).matched, 2, "paired by hand");
}

/// A statement read alone: every credit would read as a sale gone missing; the app says the terminal log is not
/// there yet.
#[test]
fn a_statement_read_alone_says_the_terminal_log_is_missing() {
    let bank = small_shop().into_iter().filter(|f| f.side == Side::Bank).collect();
    let app = app_with(bank);
    assert!(
        app.notice
            .as_deref()
            .is_some_and(|n| n.contains("Only a bank statement was read")),
        "{:?}",
        app.notice
    );
    let both = app_with(small_shop());
    assert!(
        both.notice.as_deref().is_none_or(|n| !n.contains("Only a")),
        "{:?}",
        both.notice
    );
}

/// Told that only the statement was read, the owner drops the terminal log on the review: it is read with the
/// statement and the two are reconciled (one file dropped outside the home screen did nothing before).
#[test]
fn the_other_sides_file_dropped_on_the_review_joins_the_files_already_read() {
    let sample = sample_dir();
    let (mut app, task) = App::boot(in_memory(Language::En), vec![sample.join("bank-statement.xlsx")]);
    drive(&mut app, task);
    assert_eq!(app.screen, Screen::Review);
    assert!(
        app.notice
            .as_deref()
            .is_some_and(|n| n.contains("Only a bank statement was read")),
        "{:?}",
        app.notice
    );
    send(&mut app, Message::FileDropped(sample.join("terminal-log.csv")));
    let sides: Vec<Side> = app.files.iter().map(|f| f.side).collect();
    assert_eq!(sides, [Side::Bank, Side::Terminal]);
    let review = app.reconciled.as_ref().expect("reconciled");
    assert!(!review.terminal.is_empty() && !review.bank.is_empty());
    assert!(
        review.report.summary.in_batch > 0,
        "the log's sales are paid by the statement's settlements"
    );
    assert!(
        app.notice.as_deref().is_none_or(|n| !n.contains("Only a")),
        "no longer one side: {:?}",
        app.notice
    );
}
