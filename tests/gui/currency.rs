//! A file that names no currency in the app (an English SumUp export, its rows read as CNY for want of anything
//! written) read with a EUR statement: the app gives it the statement's currency by the same rule as
//! `posrecon reconcile`, and says so in the import check and the notice line, in English and Chinese. With a
//! workspace open, a statement read later gives the export read earlier its currency, and reopening says so.
//! Driven headless with iced_test, as tests/gui/app.rs and tests/gui/workspace.rs are.

use posrecon::app::i18n::Language;
use posrecon::app::importing::CurrencyNote;
use posrecon::gui::{App, Message, Screen};
use posrecon::model::Currency;

use crate::kit::gui::{all_texts, in_memory, send, start, text_containing, with_workspace};
use crate::kit::{fixture_path as fixture, temp_dir};

const READ_AS_EUR: &str = "names no currency; read as EUR, the currency of the bank files";
const READ_AS_EUR_ZH: &str = "未注明币种；按 EUR 读取，即银行文件的币种";

fn terminal_currencies(app: &App) -> Vec<Currency> {
    app.reconciled
        .as_ref()
        .expect("a review")
        .terminal
        .iter()
        .map(|t| t.currency)
        .collect()
}

#[test]
fn an_export_without_currency_read_with_a_eur_statement_is_read_in_eur_and_the_import_check_says_so() {
    let files = vec![fixture("sumup-en.csv"), fixture("sumup-en-counterpart.csv")];
    let mut app = start(in_memory(Language::En), files.clone());
    let note = &app.files[0].currency;
    assert!(
        matches!(note, CurrencyNote::Adopted(a) if a.currency == Currency::EUR),
        "{note:?}"
    );
    assert_eq!(
        app.files[1].currency,
        CurrencyNote::Stated,
        "the statement writes € in its amounts"
    );
    assert!(terminal_currencies(&app).iter().all(|c| *c == Currency::EUR));
    let review = app.reconciled.as_ref().expect("a review");
    assert_eq!(
        review.report.summary.missing_in_terminal, 0,
        "in EUR the payout pays the sales"
    );
    let format = &review.sources[0].format;
    assert!(
        format.ends_with("; currency EUR taken from the bank files"),
        "the exports' source list says it: {format}"
    );
    let notice = app.notice.clone().unwrap_or_default();
    assert!(
        notice.contains(&format!("sumup-en.csv: {READ_AS_EUR}")),
        "the notice line says it: {notice:?}"
    );
    send(&mut app, Message::GoTo(Screen::ImportCheck));
    assert!(text_containing(&app, READ_AS_EUR).is_some(), "the import check says it");

    let mut app = start(in_memory(Language::ZhCn), files);
    send(&mut app, Message::GoTo(Screen::ImportCheck));
    assert!(
        text_containing(&app, READ_AS_EUR_ZH).is_some(),
        "the import check says it in Chinese"
    );
}

#[test]
fn an_export_without_currency_read_alone_says_it_is_read_as_cny() {
    let mut app = start(in_memory(Language::En), vec![fixture("sumup-en.csv")]);
    assert_eq!(app.files[0].currency, CurrencyNote::Assumed);
    send(&mut app, Message::GoTo(Screen::ImportCheck));
    assert!(text_containing(&app, "names no currency; read as CNY").is_some());
}

#[test]
fn a_statement_read_later_into_the_workspace_gives_the_earlier_export_its_currency() {
    let dir = temp_dir("gui-currency");
    let ws = dir.join("shop.posrecon");
    let app = start(with_workspace(&ws), vec![fixture("sumup-en.csv")]);
    assert_eq!(app.files[0].currency, CurrencyNote::Assumed);
    assert!(terminal_currencies(&app).iter().all(|c| *c == Currency::CNY));

    // The statement alone, another day: the review is the whole workspace, the export now in EUR.
    let app = start(with_workspace(&ws), vec![fixture("sumup-en-counterpart.csv")]);
    assert!(
        terminal_currencies(&app).iter().all(|c| *c == Currency::EUR),
        "{:?}",
        terminal_currencies(&app)
    );
    let notice = app.notice.clone().unwrap_or_default();
    assert!(notice.contains(READ_AS_EUR), "{notice:?}");

    // Reopened with no files: still EUR, still said.
    let app = start(with_workspace(&ws), Vec::new());
    assert_eq!(app.screen, Screen::Review);
    assert!(terminal_currencies(&app).iter().all(|c| *c == Currency::EUR));
    assert!(
        app.notice.clone().unwrap_or_default().contains(READ_AS_EUR),
        "{:?}",
        app.notice
    );
}

#[test]
fn an_export_read_with_the_workspace_s_statement_shows_the_workspace_s_reading_in_the_import_check() {
    let dir = temp_dir("gui-currency-check");
    let ws = dir.join("shop.posrecon");
    start(with_workspace(&ws), vec![fixture("sumup-en-counterpart.csv")]);
    let mut app = start(with_workspace(&ws), vec![fixture("sumup-en.csv")]);
    let note = &app.files[0].currency;
    assert!(
        matches!(note, CurrencyNote::Adopted(a) if a.currency == Currency::EUR),
        "{note:?}"
    );
    send(&mut app, Message::GoTo(Screen::ImportCheck));
    assert!(text_containing(&app, READ_AS_EUR).is_some());
}

#[test]
fn both_read_into_a_workspace_the_export_is_stored_as_read_and_reconciled_in_eur() {
    let dir = temp_dir("gui-currency-both");
    let ws = dir.join("shop.posrecon");
    let app = start(
        with_workspace(&ws),
        vec![fixture("sumup-en.csv"), fixture("sumup-en-counterpart.csv")],
    );
    assert!(terminal_currencies(&app).iter().all(|c| *c == Currency::EUR));
    // Stored as read (CNY), as `posrecon workspace import` stores it: each reconcile gives it EUR.
    let conn = rusqlite::Connection::open(&ws).expect("open the workspace file");
    let mut stmt = conn.prepare("SELECT txn FROM rows WHERE source_id = 1").expect("query");
    let stored: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .expect("rows")
        .map(|r| r.expect("row"))
        .collect();
    assert_eq!(stored.len(), 4);
    assert!(stored.iter().all(|t| t.contains(r#""currency":"CNY""#)), "{stored:?}");
}

/// Dollars on a Chinese screen must not read as yuan: the amount column names the currency when every row is in
/// one, each amount names its own when they differ, and the detail pane says the row's currency beside every sum.
#[test]
fn amounts_on_the_review_say_their_currency() {
    let mut app = start(
        in_memory(Language::ZhCn),
        vec![
            fixture("stripe-payments.csv"),
            fixture("stripe-payments-counterpart.csv"),
        ],
    );
    assert_eq!(
        app.reconciled.as_ref().map(|r| r.currencies.clone()),
        Some(vec![Currency::USD])
    );
    assert!(
        text_containing(&app, "金额 (USD)").is_some(),
        "the amount column names the currency"
    );
    send(
        &mut app,
        Message::Review(posrecon::gui::screen::review::Message::Select(0)),
    );
    let texts = all_texts(&app);
    let heading = texts
        .iter()
        .find(|t| (t.starts_with("终端 · ") || t.starts_with("银行 · ")) && t.matches(" · ").count() == 1);
    assert!(
        heading.is_some_and(|h| h.ends_with(" USD")),
        "the detail heading says the currency: {heading:?}"
    );

    // A Hong Kong statement with a CNY row among HKD ones: each amount says its own currency.
    let hsbc = fixture("unseen/hsbc-hk-debit.csv");
    let app = start(in_memory(Language::En), vec![hsbc]);
    let currencies = app
        .reconciled
        .as_ref()
        .map(|r| r.currencies.clone())
        .unwrap_or_default();
    assert!(currencies.len() > 1, "{currencies:?}");
    assert!(
        text_containing(&app, "1,240.00 HKD").is_some(),
        "an amount with its currency"
    );
    assert!(
        text_containing(&app, "Amount (").is_none(),
        "no one currency in the column title"
    );
}

/// A file that names no currency is read as CNY for want of anything written; the owner who knows it is in
/// dollars says so on the import check, and can change it again.
#[test]
fn the_owner_chooses_the_currency_of_a_file_that_names_none() {
    use posrecon::gui::screen::import_check::Message as Check;
    let chase = fixture("unseen/chase-checking.csv");
    let mut app = start(in_memory(Language::En), vec![chase]);
    assert_eq!(app.files[0].currency, CurrencyNote::Assumed);
    send(&mut app, Message::ImportCheck(Check::SetCurrency(0, Currency::USD)));
    assert!(
        app.files[0].txns.iter().all(|t| t.currency == Currency::USD),
        "read again in dollars"
    );
    assert_eq!(
        app.reconciled.as_ref().map(|r| r.currencies.clone()),
        Some(vec![Currency::USD])
    );
    send(&mut app, Message::GoTo(Screen::ImportCheck));
    assert!(
        all_texts(&app).iter().any(|t| t == "Currency"),
        "the choice stays on screen to be changed"
    );
    send(&mut app, Message::ImportCheck(Check::SetCurrency(0, Currency::EUR)));
    assert!(app.files[0].txns.iter().all(|t| t.currency == Currency::EUR));
    let notice = app.notice.clone().unwrap_or_default();
    assert_eq!(
        notice.matches("Only a bank statement was read").count(),
        1,
        "said once, however often it is read: {notice}"
    );
}
