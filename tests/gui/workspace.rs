//! The app with a workspace file (gui::screen::workspace, gui::screen::history), driven headless with iced_test like
//! tests/gui/app.rs: the files read are recorded in the workspace, a decision made in the review is stored and
//! is still there after the app is closed and opened again, the history lists it with its hash-chain state,
//! and the same files read again are refused (naming the earlier import) without counting anything twice.
use std::path::{Path, PathBuf};

use posrecon::gui::screen::detail;
use posrecon::gui::screen::review;
use posrecon::gui::{App, Message, Screen};
use posrecon::store::Workspace;

use crate::kit::gui::{click, send, shows, start, text_containing, with_workspace};
use crate::kit::store::{statement, terminal_log};
use crate::kit::{fixture_path, temp_dir, write};

/// English, kept in memory, with this workspace file.
/// A terminal log and a statement: two sales settled on time, and a 300.00 sale the bank credited two days
/// later (outside the matching window, so the owner pairs it by hand).
fn month(dir: &Path) -> Vec<PathBuf> {
    let terminal = terminal_log(&[
        ("R1", "2026-11-03 10:00:00", "100.00"),
        ("R2", "2026-11-03 11:00:00", "200.00"),
        ("R3", "2026-11-03 12:00:00", "300.00"),
    ]);
    let bank = statement(&[
        ("R1", "2026-11-03 10:05:00", "100.00"),
        ("R2", "2026-11-03 11:05:00", "200.00"),
        ("LATE", "2026-11-05 12:00:00", "300.00"),
    ]);
    vec![write(dir, "terminal.csv", &terminal), write(dir, "bank.csv", &bank)]
}

fn missing_in_bank(app: &App) -> usize {
    app.reconciled
        .as_ref()
        .expect("a review")
        .report
        .summary
        .missing_in_bank
}

/// Reads the month, pairs the late credit by hand in the review and closes the app.
fn month_with_a_hand_match(dir: &Path, ws: &Path) {
    let mut app = start(with_workspace(ws), month(dir));
    assert_eq!(app.screen, Screen::Review, "notice: {:?}", app.notice);
    assert_eq!(missing_in_bank(&app), 1, "the late credit is not matched by the engine");
    click(&mut app, "Missing in bank");
    click(&mut app, "300.00");
    click(&mut app, "Match");
    send(
        &mut app,
        Message::Review(review::Message::Detail(detail::Message::Note(
            "called the acquirer on 11-05".into(),
        ))),
    );
    send(
        &mut app,
        Message::Review(review::Message::Detail(detail::Message::SaveNote)),
    );
    assert_eq!(missing_in_bank(&app), 0);
    assert_eq!(app.notice, None, "nothing went wrong storing the decisions");
}

#[test]
fn a_decision_made_in_the_review_survives_closing_and_reopening_the_app() {
    let dir = temp_dir("gui-reopen");
    let ws = dir.join("shop.posrecon");
    month_with_a_hand_match(&dir, &ws);

    let stored = Workspace::open(&ws).expect("workspace").decisions().expect("decisions");
    assert_eq!(stored.len(), 2, "the match and the note are in the workspace file");

    // Opened again with no files: the workspace's files, reconciled with the decisions replayed.
    let app = start(with_workspace(&ws), Vec::new());
    assert_eq!(app.screen, Screen::Review);
    let review = app.reconciled.as_ref().expect("the review of what the workspace holds");
    assert_eq!((review.terminal.len(), review.bank.len()), (3, 3));
    assert_eq!(review.decisions.len(), 2);
    assert_eq!(missing_in_bank(&app), 0, "the hand match still holds");
    assert!(
        review
            .report
            .terminal
            .iter()
            .chain(&review.report.bank)
            .any(|o| o.note.as_deref() == Some("called the acquirer on 11-05"))
    );
}

#[test]
fn the_history_lists_the_imports_and_the_decision_with_the_chain_intact() {
    let dir = temp_dir("gui-history");
    let ws = dir.join("shop.posrecon");
    month_with_a_hand_match(&dir, &ws);
    let mut app = start(with_workspace(&ws), Vec::new());
    click(&mut app, "History");
    assert_eq!(app.screen, Screen::History);
    assert!(
        text_containing(&app, "Match terminal.csv:4 ↔ bank.csv:4").is_some(),
        "the hand match is listed by file and line"
    );
    assert!(
        text_containing(&app, "Note on terminal.csv:4: “called the acquirer on 11-05”").is_some(),
        "the note is listed"
    );
    assert!(
        text_containing(&app, "bank.csv · Bank · 3 rows").is_some(),
        "the import is listed"
    );
    assert!(text_containing(&app, "Audit log: 4 entries · hash chain intact").is_some());
}

#[test]
fn reading_the_same_files_again_is_refused_naming_the_earlier_import_and_counts_nothing_twice() {
    let dir = temp_dir("gui-reimport");
    let ws = dir.join("shop.posrecon");
    let files = month(&dir);
    let first = start(with_workspace(&ws), files.clone());
    assert_eq!(first.notice, None);
    drop(first);
    let again = start(with_workspace(&ws), files);
    let notice = again.notice.clone().unwrap_or_default();
    assert!(
        notice.contains("terminal.csv: the same bytes were already imported") && notice.contains("bank.csv"),
        "{notice}"
    );
    let review = again.reconciled.as_ref().expect("review");
    assert_eq!(
        (review.terminal.len(), review.bank.len()),
        (3, 3),
        "nothing counted twice"
    );
    assert_eq!(
        Workspace::open(&ws)
            .expect("workspace")
            .sources()
            .expect("sources")
            .len(),
        2
    );
}

#[test]
fn decisions_whose_rows_are_gone_are_shown_in_the_history_not_dropped() {
    let dir = temp_dir("gui-orphans");
    let ws = dir.join("shop.posrecon");
    month_with_a_hand_match(&dir, &ws);
    {
        let mut store = Workspace::open(&ws).expect("workspace");
        let bank = store.find_source("bank.csv").expect("the statement");
        store.remove_source(bank.id).expect("remove the statement");
    }
    let mut app = start(with_workspace(&ws), Vec::new());
    let notice = app.notice.clone().unwrap_or_default();
    assert!(
        notice.contains("Decisions whose rows are gone (see History): 1"),
        "the match lost its bank row: {notice}"
    );
    let review = app.reconciled.as_ref().expect("the terminal log is still there");
    assert_eq!(
        review.decisions.len(),
        1,
        "the note on the terminal row is still replayed"
    );
    click(&mut app, "History");
    let orphan =
        text_containing(&app, "Match terminal.csv:4 ↔ bank.csv:4 · rows gone:").expect("the orphaned match is listed");
    assert!(orphan.ends_with("bank.csv:4"), "{orphan}");
    assert_eq!(
        Workspace::open(&ws)
            .expect("workspace")
            .decisions()
            .expect("decisions")
            .len(),
        2,
        "still stored"
    );

    // Withdrawn by the owner: no longer in force or listed as orphaned, and the withdrawal is in the log.
    click(&mut app, "Withdraw");
    assert!(
        text_containing(&app, "rows gone:").is_none(),
        "no orphaned decision left"
    );
    assert!(shows(&app, "Decision withdrawn"));
    assert_eq!(
        Workspace::open(&ws)
            .expect("workspace")
            .decisions()
            .expect("decisions")
            .len(),
        1
    );
}

#[test]
fn a_statement_overlapping_an_earlier_export_is_merged_and_the_overlap_reported() {
    let dir = temp_dir("gui-overlap");
    let ws = dir.join("shop.posrecon");
    drop(start(with_workspace(&ws), month(&dir)));
    // Next month's export repeats the last day of this one.
    let terminal = write(
        &dir,
        "terminal-next.csv",
        terminal_log(&[("R9", "2026-11-06 09:00:00", "50.00")]),
    );
    let overlap = statement(&[
        ("LATE", "2026-11-05 12:00:00", "300.00"),
        ("R9", "2026-11-06 09:04:00", "50.00"),
    ]);
    let bank = write(&dir, "bank-next.csv", &overlap);
    let app = start(with_workspace(&ws), vec![terminal, bank]);
    let notice = app.notice.clone().unwrap_or_default();
    assert!(
        notice.contains("bank-next.csv: 1 rows already in an earlier statement export, merged"),
        "{notice}"
    );
    let review = app.reconciled.as_ref().expect("review");
    assert_eq!(
        (review.terminal.len(), review.bank.len()),
        (4, 4),
        "the repeated credit is counted once"
    );
}

#[test]
fn an_audit_entry_changed_behind_the_apps_back_shows_where_the_chain_breaks() {
    let dir = temp_dir("gui-tampered");
    let ws = dir.join("shop.posrecon");
    month_with_a_hand_match(&dir, &ws);
    let conn = rusqlite::Connection::open(&ws).expect("raw connection");
    conn.execute_batch(
        "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET at = '2020-01-01T00:00:00.000Z' WHERE id = 3;",
    )
    .expect("tamper with the match's entry");
    drop(conn);
    let mut app = start(with_workspace(&ws), Vec::new());
    click(&mut app, "History");
    let line = text_containing(&app, "hash chain BROKEN at entry #3").expect("the break is named");
    assert!(line.contains("changed after it was written"), "{line}");
    assert!(
        text_containing(&app, "not verifiable").is_some(),
        "the entry after the break cannot be vouched for"
    );
    assert!(shows(&app, "changed"), "the changed entry is marked");
}

#[test]
fn a_note_on_the_refund_of_a_refunded_charge_comes_back_on_the_refund_not_the_sale() {
    // A Stripe charge with Amount Refunded is its sale and its refund, both read from the charge's line 3.
    let dir = temp_dir("gui-two-rows");
    let ws = dir.join("shop.posrecon");
    let files = vec![
        fixture_path("stripe-payments.csv"),
        fixture_path("stripe-payments-counterpart.csv"),
    ];
    let mut app = start(with_workspace(&ws), files);
    assert_eq!(app.screen, Screen::Review, "notice: {:?}", app.notice);
    // The refund alone is listed for its amount; selected as the owner clicks it.
    send(&mut app, Message::Review(review::Message::Search("-12.50".into())));
    send(&mut app, Message::Review(review::Message::Select(0)));
    let place = text_containing(&app, "stripe-payments.csv · line 3").expect("the detail pane says where the row is");
    assert!(
        place.ends_with("line 3, row 2 (3.2)"),
        "the refund is told from the sale on its line: {place}"
    );
    let note = detail::Message::Note("refund given at the till".into());
    send(&mut app, Message::Review(review::Message::Detail(note)));
    send(
        &mut app,
        Message::Review(review::Message::Detail(detail::Message::SaveNote)),
    );
    assert_eq!(app.notice, None, "nothing went wrong storing the note");
    drop(app);

    let app = start(with_workspace(&ws), Vec::new());
    let review = app.reconciled.as_ref().expect("the review of what the workspace holds");
    let line3: Vec<(String, Option<&str>)> = review
        .terminal
        .iter()
        .zip(&review.report.terminal)
        .filter(|(t, _)| t.row.line == 3)
        .map(|(t, o)| (t.amount.to_string(), o.note.as_deref()))
        .collect();
    assert_eq!(
        line3,
        [
            ("12.50".to_owned(), None),
            ("-12.50".to_owned(), Some("refund given at the till"))
        ]
    );
}

/// "Open workspace…" on a system with no file dialog: said, and the workspace in use stays open.
#[test]
fn without_a_file_dialog_choosing_a_workspace_says_why_and_keeps_the_current_one() {
    let dir = temp_dir("gui-workspace-no-dialog");
    let ws = dir.join("shop.posrecon");
    let mut app = start(with_workspace(&ws), Vec::new());
    send(
        &mut app,
        Message::WorkspaceFile(posrecon::gui::screen::workspace::Message::NoDialog),
    );
    assert!(
        app.notice.as_deref().is_some_and(|n| n.contains("xdg-desktop-portal")),
        "{:?}",
        app.notice
    );
    assert_eq!(app.workspace_file.path.as_deref(), Some(ws.as_path()));
}
