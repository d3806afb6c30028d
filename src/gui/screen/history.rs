//! The history screen: the workspace's audit log, newest last — when, what (an import, a file removed, a
//! decision made or withdrawn), the details in words, and whether each entry checks out in the hash chain
//! (`verify-log`'s answer: intact up to the first broken entry, broken there, unchecked after it). Above the log:
//! which workspace is open, "open / new workspace", and the decisions whose rows are gone (orphaned, kept).

use iced::widget::{button, column, container, row, scrollable, text};
use iced::{Center, Fill};

use crate::app::history::{Chain, History, action, chain, decision_text, detail, local_time};
use crate::app::i18n::{self, Language};
use crate::gui::screen::workspace::Message;
use crate::gui::{Element, theme};
use crate::store::{Break, describe_key};

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
