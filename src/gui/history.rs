//! The history screen: the workspace's audit log, newest last — when, what (an import, a file removed, a
//! decision made or withdrawn), the details in words, and whether each entry checks out in the hash chain
//! (`verify-log`'s answer: intact up to the first broken entry, broken there, unchecked after it). Above the log:
//! which workspace is open, "open / new workspace", and the decisions whose rows are gone (orphaned, kept).

use std::collections::HashMap;

use iced::widget::{button, column, container, row, scrollable, text};
use iced::{Center, Fill};
use serde_json::Value;

use crate::app::i18n::{self, Language};
use crate::gui::workspace::{History, Message};
use crate::gui::{Element, theme};
use crate::model::Side;
use crate::store::{AuditEntry, Break, RowKey, StoredDecision, describe_key};

/// How an entry stands in the hash chain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chain {
    Intact,
    /// The first entry that does not check out.
    Broken,
    /// After the break: cannot be vouched for.
    Unchecked,
}

/// The chain state of an entry, from the check of the whole log.
pub fn chain(history: &History, entry: &AuditEntry) -> Chain {
    match &history.check.first_broken {
        None => Chain::Intact,
        Some(broken) if entry.id < broken.id => Chain::Intact,
        Some(broken) if entry.id == broken.id => Chain::Broken,
        Some(_) => Chain::Unchecked,
    }
}

/// What happened, in words.
pub fn action(language: Language, action: &str) -> String {
    match action {
        "import" => i18n::action_import(language).to_owned(),
        "remove_source" => i18n::action_remove_source(language).to_owned(),
        "decision" => i18n::action_decision(language).to_owned(),
        "withdraw_decision" => i18n::action_withdraw(language).to_owned(),
        other => other.to_owned(),
    }
}

/// The entry's details in words (the JSON itself when it is not one the app knows).
pub fn detail(language: Language, entry: &AuditEntry, names: &HashMap<String, String>) -> String {
    let value: Value = serde_json::from_str(&entry.detail).unwrap_or_default();
    let number = |key: &str| value[key].as_u64().unwrap_or(0) as usize;
    let file = value["file"]
        .as_str()
        .map(|f| crate::app::pipeline::file_name(std::path::Path::new(f)))
        .unwrap_or_default();
    match entry.action.as_str() {
        "import" => {
            let side = if value["side"].as_str() == Some("bank") {
                Side::Bank
            } else {
                Side::Terminal
            };
            let mut line = format!(
                "{file} · {} · {}",
                i18n::side(language, side),
                i18n::rows_count(language, number("rows"))
            );
            if number("merged") > 0 {
                line += &format!(" · {} {}", number("merged"), i18n::rows_merged(language));
            }
            line
        }
        "remove_source" => format!("{file} · {}", i18n::rows_count(language, number("rows"))),
        "decision" => match serde_json::from_value::<StoredDecision>(value["what"].clone()) {
            Ok(decision) => format!("#{} {}", number("decision"), decision_text(language, &decision, names)),
            Err(_) => entry.detail.clone(),
        },
        "withdraw_decision" => format!("#{}", number("decision")),
        _ => entry.detail.clone(),
    }
}

/// A stored decision in words: "Match terminal-log.csv:12 ↔ bank.xlsx:40".
pub fn decision_text(language: Language, decision: &StoredDecision, names: &HashMap<String, String>) -> String {
    let key = |k: &RowKey| describe_key(k, names);
    let keys = |ks: &[RowKey]| ks.iter().map(key).collect::<Vec<_>>().join(" + ");
    match decision {
        StoredDecision::ForceMatch { terminal, bank } => {
            format!("{} {} ↔ {}", i18n::decided_match(language), keys(terminal), keys(bank))
        }
        StoredDecision::Unmatch { row } => format!("{} {}", i18n::decided_unmatch(language), key(row)),
        StoredDecision::AcceptFlag { row, rule } => format!(
            "{} {} · {}",
            i18n::decided_accept(language),
            i18n::rule(language, *rule),
            key(row)
        ),
        StoredDecision::Note { row, text } => format!("{} {}: “{text}”", i18n::decided_note(language), key(row)),
    }
}

/// An RFC 3339 UTC time as local time, to the second.
fn local_time(at: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(at)
        .map(|t| t.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M:%S").to_string())
        .unwrap_or_else(|_| at.to_owned())
}

const TIME_WIDTH: f32 = 160.0;
const ACTION_WIDTH: f32 = 130.0;
const CHAIN_WIDTH: f32 = 110.0;

pub fn view(language: Language, history: Option<&History>) -> Element<'_, Message> {
    let buttons = row![
        button(text(i18n::open_workspace(language)).size(theme::TEXT))
            .style(button::secondary)
            .on_press(Message::Open),
        button(text(i18n::new_workspace(language)).size(theme::TEXT))
            .style(button::secondary)
            .on_press(Message::New),
    ]
    .spacing(8);
    let head = row![
        text(i18n::history(language))
            .size(theme::HEADING)
            .font(theme::FONT_BOLD)
            .width(Fill),
        buttons
    ]
    .align_y(Center);
    let Some(history) = history else {
        return column![head, text(i18n::no_workspace(language)).size(theme::TEXT).style(muted)]
            .spacing(theme::SPACING)
            .padding(theme::PADDING)
            .into();
    };
    let (chain_line, chain_style): (String, fn(&iced::Theme) -> text::Style) = match &history.check.first_broken {
        None => (
            format!(
                "{} {} · {}",
                i18n::audit_log(language),
                i18n::rows_entries(language, history.check.entries),
                i18n::chain_intact(language)
            ),
            good,
        ),
        Some(broken) => {
            let why = match broken.why {
                Break::Gap { .. } => i18n::break_gap(language),
                Break::PreviousHash => i18n::break_previous_hash(language),
                Break::Content => i18n::break_content(language),
            };
            (
                format!(
                    "{} {} #{} — {why}",
                    i18n::audit_log(language),
                    i18n::chain_broken_at(language),
                    broken.id
                ),
                bad,
            )
        }
    };
    let mut page = column![
        head,
        text(format!(
            "{} {} · {}",
            i18n::workspace_file(language),
            history.path.display(),
            i18n::files_imported(language, history.files)
        ))
        .size(theme::TEXT),
        text(chain_line).size(theme::TEXT).style(chain_style),
    ]
    .spacing(8)
    .padding(theme::PADDING);

    if !history.orphaned.is_empty() {
        let mut orphans = column![
            text(format!(
                "{} ({})",
                i18n::orphaned_decisions(language),
                history.orphaned.len()
            ))
            .size(theme::TEXT)
            .font(theme::FONT_BOLD)
        ]
        .spacing(4);
        for orphan in &history.orphaned {
            let gone = orphan
                .missing
                .iter()
                .map(|k| describe_key(k, &history.names))
                .collect::<Vec<_>>()
                .join(", ");
            let line = text(format!(
                "#{} {} · {} {gone}",
                orphan.record.id,
                decision_text(language, &orphan.record.decision, &history.names),
                i18n::rows_gone(language)
            ))
            .size(theme::SMALL)
            .width(Fill);
            let withdraw = button(text(i18n::withdraw(language)).size(theme::SMALL))
                .padding([2, 10])
                .style(button::secondary);
            orphans = orphans.push(
                row![line, withdraw.on_press(Message::Withdraw(orphan.record.id))]
                    .spacing(8)
                    .align_y(Center),
            );
        }
        page = page.push(
            container(orphans)
                .padding(10)
                .width(Fill)
                .style(theme::container::error_box),
        );
    }

    let header = row![
        text(i18n::history_time(language)).size(theme::SMALL).width(TIME_WIDTH),
        text(i18n::history_action(language))
            .size(theme::SMALL)
            .width(ACTION_WIDTH),
        text(i18n::history_detail(language)).size(theme::SMALL).width(Fill),
        text(i18n::history_chain(language))
            .size(theme::SMALL)
            .width(CHAIN_WIDTH),
    ]
    .spacing(8)
    .padding([6, 10]);
    let mut list = column![].spacing(0);
    if history.entries.is_empty() {
        list = list.push(text(i18n::history_empty(language)).size(theme::TEXT).style(muted));
    }
    // Newest first: that is what the owner came to see.
    for (i, entry) in history.entries.iter().rev().enumerate() {
        let (label, style): (&str, fn(&iced::Theme) -> text::Style) = match chain(history, entry) {
            Chain::Intact => (i18n::chain_ok(language), good),
            Chain::Broken => (i18n::chain_broken(language), bad),
            Chain::Unchecked => (i18n::chain_unchecked(language), muted),
        };
        let line = row![
            text(local_time(&entry.at)).size(theme::SMALL).width(TIME_WIDTH),
            text(action(language, &entry.action))
                .size(theme::SMALL)
                .width(ACTION_WIDTH),
            text(detail(language, entry, &history.names))
                .size(theme::SMALL)
                .width(Fill),
            text(label).size(theme::SMALL).width(CHAIN_WIDTH).style(style),
        ]
        .spacing(8)
        .align_y(Center);
        list = list.push(
            container(line)
                .padding([5, 10])
                .width(Fill)
                .style(theme::container::table_row(i % 2 == 1, false)),
        );
    }
    page.push(container(header).width(Fill).style(theme::container::table_header))
        .push(scrollable(list).height(Fill))
        .into()
}

fn muted(theme: &iced::Theme) -> text::Style {
    text::Style {
        color: Some(theme::muted(theme)),
    }
}

fn good(_: &iced::Theme) -> text::Style {
    text::Style {
        color: Some(theme::status_color(crate::engine::Status::Matched)),
    }
}

fn bad(_: &iced::Theme) -> text::Style {
    text::Style {
        color: Some(theme::severity_color(crate::engine::Severity::High)),
    }
}
