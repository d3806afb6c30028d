//! Small building blocks the screens share: summary cards, status and severity badges, empty-state hints,
//! the notice line, money formatting, and the native file dialogs (rfd, async so the window keeps drawing).

use std::path::PathBuf;

use iced::widget::{button, column, container, row, text};
use iced::{Center, Color, Fill};

use crate::engine::{Severity, Status};
use crate::gui::Element;
use crate::gui::i18n::{self, Language};
use crate::gui::theme;
use crate::model::Money;

/// A coloured pill with a short label.
pub fn badge<'a, M: 'a>(label: &'a str, color: Color) -> Element<'a, M> {
    container(text(label).size(theme::SMALL)).padding([1, 8]).style(theme::container::badge(color)).into()
}

pub fn status_badge<'a, M: 'a>(language: Language, status: Status) -> Element<'a, M> {
    badge(i18n::status(language, status), theme::status_color(status))
}

pub fn severity_badge<'a, M: 'a>(language: Language, severity: Severity) -> Element<'a, M> {
    badge(i18n::severity(language, severity), theme::severity_color(severity))
}

/// A summary card that filters the table when clicked.
pub fn summary_card<'a, M: Clone + 'a>(label: &'a str, figure: String, accent: Color, active: bool, on_press: M) -> Element<'a, M> {
    button(column![text(figure).size(theme::CARD_NUMBER).font(theme::FONT_BOLD), text(label).size(theme::SMALL).wrapping(text::Wrapping::None)].spacing(2))
        .padding([8, 10])
        .width(theme::CARD_WIDTH)
        .style(theme::button::summary_card(accent, active))
        .on_press(on_press)
        .into()
}

/// A centred title and hint for a screen with nothing to show yet.
pub fn empty_hint<'a, M: 'a>(title: &'a str, hint: &'a str) -> Element<'a, M> {
    container(
        column![text(title).size(theme::HEADING), text(hint).size(theme::TEXT).style(|t: &iced::Theme| text::Style { color: Some(theme::muted(t)) })]
            .spacing(8)
            .align_x(Center),
    )
    .center(Fill)
    .into()
}

/// The notice line under the top bar, with a close button.
pub fn notice<'a, M: Clone + 'a>(message: &'a str, close: &'a str, on_close: M) -> Element<'a, M> {
    container(
        row![text(message).size(theme::TEXT).width(Fill), button(text(close).size(theme::SMALL)).style(button::text).on_press(on_close)]
            .spacing(12)
            .align_y(Center),
    )
    .padding([6, 16])
    .style(theme::container::card)
    .into()
}

/// A label over a value, as in the detail pane.
pub fn field<'a, M: 'a>(label: &'a str, value: String) -> Element<'a, M> {
    row![
        text(label).size(theme::SMALL).width(120).style(|t: &iced::Theme| text::Style { color: Some(theme::muted(t)) }),
        text(value).size(theme::TEXT),
    ]
    .spacing(8)
    .into()
}

/// `¥1,234.50` style: thousands separators, two decimals, a minus for money out.
pub fn money(amount: Money) -> String {
    let plain = amount.abs().to_string();
    let (whole, cents) = plain.split_once('.').unwrap_or((plain.as_str(), "00"));
    let grouped = whole.parse::<usize>().map_or_else(|_| whole.to_string(), i18n::thousands);
    format!("{}{grouped}.{cents}", if amount.is_negative() { "-" } else { "" })
}

/// The native "open files" dialog; an empty list when cancelled.
pub async fn pick_files(language: Language) -> Vec<PathBuf> {
    rfd::AsyncFileDialog::new()
        .set_title(i18n::pick_files(language))
        .add_filter(i18n::statements_and_logs(language), &["csv", "txt", "xlsx", "xls", "ods", "ofx", "qfx", "sta", "mt940", "xml"])
        .pick_files()
        .await
        .map(|handles| handles.iter().map(|h| h.path().to_path_buf()).collect())
        .unwrap_or_default()
}

/// The native "save as" dialog for the export; the format follows the extension chosen.
pub async fn pick_export_path(language: Language) -> Option<PathBuf> {
    rfd::AsyncFileDialog::new()
        .set_title(i18n::export(language))
        .set_file_name("posrecon-report.xlsx")
        .add_filter("Excel", &["xlsx"])
        .add_filter("CSV", &["csv"])
        .add_filter("JSON", &["json"])
        .save_file()
        .await
        .map(|handle| handle.path().to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_groups_thousands_and_keeps_the_sign() {
        assert_eq!(money(Money::from_minor(123_456_789)), "1,234,567.89");
        assert_eq!(money(Money::from_minor(-1205)), "-12.05");
        assert_eq!(money(Money::ZERO), "0.00");
    }
}
