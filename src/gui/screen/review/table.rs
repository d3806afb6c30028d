//! The results table. iced's `table` widget builds every row, so this one builds only the rows inside the
//! scrollable's viewport, between two spacers as tall as the rows above and below: 1M results cost the same
//! per frame as 30.

use iced::widget::{Column, button, column, container, row, scrollable, space, text};
use iced::{Center, Fill, Length, Right};

use crate::app::i18n::{self, Language};
use crate::app::reconciled::ReconciledFiles;
use crate::app::review_ledger::{LedgerRow, SortColumn, rule_bit};
use crate::engine::{RowOutcome, Severity};
use crate::gui::screen::review::{Message, Review};
use crate::gui::{Element, theme, widgets};
use crate::model::Txn;

/// The table's scrollable, for keyboard scrolling.
pub const TABLE_ID: &str = "review-table";
/// Rows built beyond the viewport on each side, so fast scrolling never shows a gap.
pub const OVERSCAN: usize = 4;

/// The rows `first..last` of `total` that cover the viewport at `scroll_y` of height `height`.
pub fn visible_range(scroll_y: f32, height: f32, total: usize) -> (usize, usize) {
    let first = ((scroll_y.max(0.0) / theme::ROW_HEIGHT) as usize)
        .saturating_sub(OVERSCAN)
        .min(total);
    let count = (height.max(0.0) / theme::ROW_HEIGHT).ceil() as usize + 2 * OVERSCAN + 1;
    (first, (first + count).min(total))
}

const SIDE: Length = Length::Fixed(80.0);
const TIME: Length = Length::Fixed(140.0);
const AMOUNT: Length = Length::Fixed(110.0);
const STATUS: Length = Length::Fixed(130.0);

pub fn view<'a>(review: &'a Review, language: Language, reconciled: &'a ReconciledFiles) -> Element<'a, Message> {
    let total = review.shown.len();
    let footer = text(i18n::showing(language, total, reconciled.ledger.len())).size(theme::SMALL);
    if total == 0 {
        return column![
            header(review, language, reconciled),
            widgets::empty_hint(i18n::no_rows_match(language), i18n::no_rows_match_hint(language)),
            footer
        ]
        .spacing(4)
        .into();
    }
    let (first, last) = visible_range(review.scroll_y, review.viewport_height, total);
    let mut rows = Column::new().push(space().height(first as f32 * theme::ROW_HEIGHT));
    for index in first..last {
        let Some(ledger_row) = review.shown.get(index).and_then(|p| reconciled.ledger.row(*p)) else {
            continue;
        };
        rows = rows.push(table_row(review, language, reconciled, index, ledger_row));
    }
    rows = rows.push(space().height((total - last) as f32 * theme::ROW_HEIGHT));
    column![
        header(review, language, reconciled),
        scrollable(rows.width(Fill))
            .id(TABLE_ID)
            .on_scroll(Message::Scrolled)
            .height(Fill),
        footer
    ]
    .spacing(4)
    .height(Fill)
    .into()
}

/// The column titles; the amount's names the currency when every row is in one.
fn header<'a>(review: &'a Review, language: Language, reconciled: &ReconciledFiles) -> Element<'a, Message> {
    let amount_label = match reconciled.currency() {
        Some(currency) => format!("{} ({currency})", i18n::amount_column(language)),
        None => i18n::amount_column(language).to_owned(),
    };
    let sortable = |label: String, column: SortColumn, width: Length| {
        let arrow = match (review.query.sort == column, review.query.descending) {
            (false, _) => "",
            (true, false) => " ↑",
            (true, true) => " ↓",
        };
        button(
            text(format!("{label}{arrow}"))
                .size(theme::SMALL)
                .font(theme::FONT_BOLD),
        )
        .padding([4, 6])
        .width(width)
        .style(theme::button::header)
        .on_press(Message::Sort(column))
    };
    let plain = |label: &'static str, width: Length| {
        container(text(label).size(theme::SMALL).font(theme::FONT_BOLD))
            .padding([4, 6])
            .width(width)
    };
    let mut cells = row![
        sortable(i18n::side_column(language).to_owned(), SortColumn::Side, SIDE),
        sortable(i18n::time_column(language).to_owned(), SortColumn::Time, TIME),
        sortable(amount_label, SortColumn::Amount, AMOUNT),
        sortable(i18n::status_column(language).to_owned(), SortColumn::Status, STATUS),
    ];
    if review.side_by_side {
        cells = cells.push(plain(i18n::counterpart_column(language), Length::FillPortion(2)));
    } else {
        cells = cells.push(plain(i18n::reference_column(language), Length::FillPortion(2)));
    }
    cells = cells.push(sortable(
        i18n::findings_column(language).to_owned(),
        SortColumn::Severity,
        Length::FillPortion(3),
    ));
    container(cells.align_y(Center))
        .width(Fill)
        .style(theme::container::table_header)
        .into()
}

fn table_row<'a>(
    review: &'a Review,
    language: Language,
    reconciled: &'a ReconciledFiles,
    index: usize,
    ledger_row: &'a LedgerRow,
) -> Element<'a, Message> {
    let txn = reconciled.txn(ledger_row.id);
    let outcome = reconciled.report.outcome(ledger_row.id);
    let cell = |content: String, width: Length| {
        container(text(content).size(theme::TEXT).wrapping(text::Wrapping::None))
            .padding([0, 6])
            .width(width)
            .clip(true)
    };
    let money = crate::model::Money::from_minor(ledger_row.amount_minor);
    let shown = txn.map_or_else(|| i18n::money(money), |t| reconciled.amount_shown(money, t.currency));
    let amount = container(text(shown).size(theme::TEXT).wrapping(text::Wrapping::None))
        .padding([0, 6])
        .width(AMOUNT)
        .align_x(Right);
    let middle = if review.side_by_side {
        counterpart(reconciled, outcome)
    } else {
        txn.map(reference).unwrap_or_default()
    };
    let line = row![
        cell(i18n::side(language, ledger_row.id.side).to_string(), SIDE),
        cell(txn.map(when).unwrap_or_default(), TIME),
        amount,
        container(widgets::status_badge(language, ledger_row.status))
            .width(STATUS)
            .padding([0, 6]),
        cell(middle, Length::FillPortion(2)),
        findings(language, ledger_row),
    ]
    .align_y(Center)
    .height(theme::ROW_HEIGHT);
    let selected = review.cursor == Some(index);
    container(
        button(line)
            .padding(0)
            .width(Fill)
            .style(theme::button::table_row)
            .on_press(Message::Select(index)),
    )
    .style(theme::container::table_row(index % 2 == 1, selected))
    .into()
}

/// The open findings of a row, worst colour first.
fn findings<'a>(language: Language, ledger_row: &LedgerRow) -> Element<'a, Message> {
    let names: Vec<&str> = crate::engine::RuleId::ALL
        .into_iter()
        .filter(|rule| ledger_row.open_flags & rule_bit(*rule) != 0)
        .map(|rule| i18n::rule(language, rule))
        .collect();
    let color = ledger_row.severity.map(theme::severity_color);
    let weight = if ledger_row.severity == Some(Severity::High) {
        theme::FONT_BOLD
    } else {
        theme::FONT
    };
    container(
        text(names.join(" · "))
            .size(theme::TEXT)
            .font(weight)
            .wrapping(text::Wrapping::None)
            .style(move |_t: &iced::Theme| text::Style { color }),
    )
    .padding([0, 6])
    .width(Length::FillPortion(3))
    .clip(true)
    .into()
}

/// Date and time as the table shows them; date-only rows without a time.
pub fn when(txn: &Txn) -> String {
    if txn.date_only {
        txn.time.format("%Y-%m-%d").to_string()
    } else {
        txn.time.format("%Y-%m-%d %H:%M").to_string()
    }
}

/// What identifies a row to a person: the reference, else the terminal, card, description or counterparty.
pub fn reference(txn: &Txn) -> String {
    let parts: Vec<&str> = [
        txn.reference.as_deref(),
        txn.terminal_id.as_deref(),
        txn.card_masked.as_deref(),
        txn.description.as_deref(),
        txn.counterparty.as_deref(),
    ]
    .into_iter()
    .flatten()
    .filter(|s| !s.trim().is_empty())
    .take(1)
    .collect();
    // Banks pad their fixed-width memo fields ("SQUARE INC      DES:SQ261124"): one space reads the same.
    parts
        .iter()
        .flat_map(|p| p.split_whitespace())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The counterpart's time and amount (side-by-side view); for a batch, its size.
fn counterpart(reconciled: &ReconciledFiles, outcome: Option<&RowOutcome>) -> String {
    let Some(outcome) = outcome else { return String::new() };
    match outcome.counterparts.as_slice() {
        [] => String::new(),
        [one] => reconciled
            .txn(*one)
            .map(|t| format!("{}  {}", when(t), reconciled.amount_shown(t.amount, t.currency)))
            .unwrap_or_default(),
        many => format!("{} × …", many.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_padded_bank_memo_reads_with_single_spaces() {
        let time = chrono::NaiveDate::from_ymd_opt(2026, 11, 24)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .unwrap_or_default();
        let mut txn = Txn::new(
            crate::model::RowRef {
                source: crate::model::SourceId(0),
                line: 2,
            },
            crate::model::Side::Bank,
            time,
            crate::model::Money::ZERO,
        );
        txn.reference = Some("  ".into());
        txn.description = Some("SQUARE INC      DES:SQ261124\tID:T3K9XX".into());
        assert_eq!(
            reference(&txn),
            "SQUARE INC DES:SQ261124 ID:T3K9XX",
            "a blank reference gives way to the memo"
        );
    }

    #[test]
    fn builds_only_the_rows_in_view() {
        assert_eq!(visible_range(0.0, 300.0, 1_000_000), (0, 19));
        let (first, last) = visible_range(30.0 * 500_000.0, 300.0, 1_000_000);
        assert_eq!(first, 500_000 - OVERSCAN);
        assert!(last - first <= 19);
        assert_eq!(visible_range(0.0, 300.0, 5), (0, 5));
        assert_eq!(visible_range(1e9, 300.0, 5), (5, 5));
    }
}
