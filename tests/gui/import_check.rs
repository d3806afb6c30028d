//! The import check with files nobody prepared the app for, driven headless with iced_test as tests/gui/app.rs
//! is: a bank export whose column names are in words the app does not know, a file with no header row, an
//! empty file and a picture saved as .csv. The owner must read, in the app's language, what went wrong and what
//! to do, and must be able to finish the mapping on this screen.
use posrecon::app::i18n::Language;
use posrecon::gui::screen::import_check;
use posrecon::gui::{Message, Screen};
use posrecon::model::Side;

use crate::kit::gui::{click, in_memory, send, shows, start, text_containing};
use crate::kit::{temp_dir, write};

/// A Finnish bank's export (`;`, decimal commas, Latin-1): no header word the app knows.
const FINNISH: &[u8] =
    b"Tiliote 1.11.2026-30.11.2026\n\nKirjausp\xe4iv\xe4;Arvop\xe4iv\xe4;M\xe4\xe4r\xe4;Saaja/Maksaja;Selite\n\
24.11.2026;24.11.2026;1.240,00;Adyen N.V.;Tilisiirto\n24.11.2026;24.11.2026;-89,99;K-Market;Korttiosto\n\
23.11.2026;23.11.2026;-12,50;R-Kioski;Korttiosto\n";

/// Wells Fargo's download: no header row, date, amount, `*`, check number, description.
const HEADERLESS: &str = "\"11/24/2026\",\"1240.00\",\"*\",\"\",\"DEPOSIT ADYEN\"\r\n\"11/23/2026\",\"-450.00\",\"*\",\"1043\",\"CHECK # 1043\"\r\n";

const TERMINAL: &str =
    "交易时间,终端号,商户号,卡号,交易金额,参考号\n2026-11-24 10:00:00,T1,M1,622202******1234,1240.00,R1\n";

#[test]
fn unknown_column_names_are_suggested_from_the_values_and_read_once_the_owner_accepts_them() {
    let dir = temp_dir("gui-import-check-unknown");
    let files = vec![
        write(&dir, "tiliote.csv", FINNISH),
        write(&dir, "terminal.csv", TERMINAL.as_bytes()),
    ];
    let mut app = start(in_memory(Language::ZhCn), files);
    assert_eq!(
        app.screen,
        Screen::ImportCheck,
        "a file that was not read stops at the import check"
    );
    assert!(
        text_containing(&app, "没有认出日期、金额在哪一列").is_some(),
        "said in Chinese what is missing"
    );
    assert!(
        text_containing(&app, "no header row found").is_none(),
        "not the importer's English"
    );
    assert!(shows(&app, "Määrä"), "the amount column is suggested in its dropdown");
    click(&mut app, "按这些列读取");
    let statement = app.files.first().expect("the statement");
    assert!(statement.is_usable(), "{:?}", statement.error);
    assert_eq!(
        statement.txns.iter().map(|t| t.amount.to_string()).collect::<Vec<_>>(),
        ["1240.00", "-89.99", "-12.50"]
    );
    assert_eq!(statement.side, Side::Bank);
    assert_eq!(app.screen, Screen::Review, "read, reconciled, and on to the review");
    let review = app.reconciled.as_ref().expect("a review");
    assert_eq!(
        (review.bank.len(), review.terminal.len()),
        (3, 1),
        "the statement is the bank side, the log the terminal"
    );
}

#[test]
fn a_file_with_no_header_row_is_read_as_a_bank_statement_and_its_columns_are_said_by_number() {
    let dir = temp_dir("gui-import-check-headerless");
    let files = vec![
        write(&dir, "checking.csv", HEADERLESS.as_bytes()),
        write(&dir, "terminal.csv", TERMINAL.as_bytes()),
    ];
    let mut app = start(in_memory(Language::ZhCn), files);
    let statement = app.files.first().expect("the statement");
    assert!(statement.is_usable(), "{:?}", statement.error);
    assert_eq!(statement.side, Side::Bank);
    send(&mut app, Message::GoTo(Screen::ImportCheck));
    assert!(
        text_containing(&app, "这个文件没有表头行").is_some(),
        "the import check says the file has no header row"
    );
    assert!(
        shows(&app, "第 2 列（金额）"),
        "the amount is column 2, said in Chinese"
    );
    assert!(!shows(&app, "#4"), "no importer's #N names on screen");
}

#[test]
fn an_empty_file_and_a_picture_are_explained_in_the_language_of_the_app_without_a_side_to_swap() {
    let dir = temp_dir("gui-import-check-broken");
    let picture = include_bytes!("../../assets/icon/png/posrecon-16.png");
    let files = vec![
        write(&dir, "empty.csv", b""),
        write(&dir, "statement.csv", picture),
        write(&dir, "terminal.csv", TERMINAL.as_bytes()),
    ];
    let app = start(in_memory(Language::ZhCn), files);
    assert_eq!(app.screen, Screen::ImportCheck);
    assert!(text_containing(&app, "这个文件是空的").is_some());
    assert!(text_containing(&app, "这不是表格文件").is_some());
    assert!(text_containing(&app, "the file is empty").is_none() && text_containing(&app, "binary data").is_none());
    assert!(
        text_containing(&app, &dir.display().to_string()).is_some_and(|t| !t.contains("无法读取")),
        "the path only on its own line"
    );
    let english = start(
        in_memory(Language::En),
        vec![dir.join("empty.csv"), dir.join("terminal.csv")],
    );
    assert!(text_containing(&english, "This file is empty").is_some());
    // The first swap button on screen is the terminal log's (the third file): the unreadable ones have none.
    let mut ui = iced_test::Simulator::with_size(crate::kit::gui::settings(), (1600.0, 1000.0), app.view());
    assert!(ui.click("互换银行/终端").is_ok());
    let clicked: Vec<Message> = ui.into_messages().collect();
    assert!(
        matches!(
            clicked.as_slice(),
            [Message::ImportCheck(import_check::Message::SwapSide(2))]
        ),
        "{clicked:?}"
    );
}

/// The import check says what kind of statement each file is and how its signs were read (a credit card's
/// charges are money out even where they are listed positive).
#[test]
fn the_import_check_says_the_kind_of_statement_and_its_signs() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    let files = vec![root.join("terminal-log.csv"), root.join("bank-statement.xlsx")];
    let mut app = start(in_memory(Language::En), files.clone());
    click(&mut app, "Import check");
    assert_eq!(app.screen, Screen::ImportCheck);
    assert!(
        text_containing(&app, "Statement kind: bank account (credits are money in").is_some(),
        "the statement's kind and signs are said"
    );
    let mut app = start(in_memory(Language::ZhCn), files);
    click(&mut app, "导入检查");
    assert!(text_containing(&app, "账单类型：银行账户").is_some(), "and in Chinese");
}
