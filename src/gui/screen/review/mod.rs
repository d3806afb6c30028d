//! The review screen: summary cards that act as filters, a filter bar (search, side, rule), the results table
//! (only the visible rows are built, see [`table`]) and the detail pane of the selected row.

pub mod table;

use iced::widget::{button, column, container, pick_list, row, text, text_input};
use iced::{Center, Fill, Task};

use crate::app::i18n::{self, Language};
use crate::app::reconciled::ReconciledFiles;
use crate::app::review_ledger::{Focus, Query, SideFilter, SortColumn};
use crate::engine::{Decision, RuleId, Severity};
use crate::gui::screen::detail::{self, Detail};
use crate::gui::{Element, theme, widgets};

/// The search box's id, for "/" to focus it.
pub const SEARCH_ID: &str = "review-search";

#[derive(Clone, Debug)]
pub struct Review {
    pub query: Query,
    /// Review-ledger positions of the listed rows, in table order.
    pub shown: Vec<u32>,
    /// Index into `shown` of the selected row.
    pub cursor: Option<usize>,
    /// The table's scroll position and height, from its last viewport.
    pub scroll_y: f32,
    pub viewport_height: f32,
    /// Show each row's counterpart beside it (side by side) instead of one line per row (unified).
    pub side_by_side: bool,
    /// The open detail pane.
    pub detail: Option<Detail>,
}

impl Default for Review {
    fn default() -> Self {
        Review {
            // Worst first: what needs a look is at the top of the table.
            query: Query {
                sort: SortColumn::Severity,
                ..Query::default()
            },
            shown: Vec::new(),
            cursor: None,
            scroll_y: 0.0,
            viewport_height: 600.0,
            side_by_side: false,
            detail: None,
        }
    }
}

#[derive(Clone, Debug)]
pub enum Message {
    /// A summary card was clicked (clicking the active card again shows everything).
    Focus(Focus),
    /// A rule was picked in the rule filter.
    Rule(RuleChoice),
    /// The side filter changed.
    Side(SideFilter),
    /// The search text changed.
    Search(String),
    /// A column header was clicked: sort by it, or flip the order.
    Sort(SortColumn),
    /// The table was scrolled.
    Scrolled(iced::widget::scrollable::Viewport),
    /// A table row was clicked (index into the listed rows).
    Select(usize),
    /// Move the selection by this many rows (↑/↓, j/k, page keys).
    Move(i32),
    /// Open the detail pane of the selected row (Enter).
    OpenDetail,
    /// Close the detail pane (Esc).
    CloseDetail,
    /// Focus the search box ("/").
    FocusSearch,
    /// Switch between unified and side-by-side rows.
    ToggleSideBySide,
    /// The export button (or Ctrl+E).
    Export,
    /// Something in the detail pane.
    Detail(detail::Message),
}

/// What the root must do.
pub enum Event {
    Decide(Decision),
    Export,
    Task(Task<Message>),
}

/// A choice of the rule filter: all rules, or one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuleChoice {
    pub rule: Option<RuleId>,
    pub language: Language,
}

impl std::fmt::Display for RuleChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self.rule {
            Some(rule) => i18n::rule(self.language, rule),
            None => i18n::all_rules(self.language),
        })
    }
}

impl Review {
    /// A new reconciliation: everything listed, nothing selected.
    pub fn reset(&mut self, reconciled: &ReconciledFiles) {
        *self = Review {
            side_by_side: self.side_by_side,
            viewport_height: self.viewport_height,
            ..Review::default()
        };
        self.refresh(reconciled);
    }

    /// The report changed (a decision, new settings): list again, keep the selected row and the pane.
    pub fn refresh(&mut self, reconciled: &ReconciledFiles) {
        let selected = self.selected_row(reconciled);
        self.shown = reconciled.ledger.select(&self.query);
        self.cursor = selected
            .and_then(|id| reconciled.ledger.position(id))
            .and_then(|position| self.shown.iter().position(|p| *p == position));
        if let Some(detail) = &mut self.detail {
            detail.refresh(reconciled);
        }
    }

    /// The row id of the selection.
    pub fn selected_row(&self, reconciled: &ReconciledFiles) -> Option<crate::engine::RowId> {
        let position = *self.shown.get(self.cursor?)?;
        reconciled.ledger.row(position).map(|r| r.id)
    }

    pub fn update(&mut self, message: Message, reconciled: &ReconciledFiles) -> Option<Event> {
        match message {
            Message::Focus(focus) => {
                self.query.focus = if self.query.focus == focus { Focus::All } else { focus };
                self.relist(reconciled)
            }
            Message::Rule(choice) => {
                self.query.rule = choice.rule;
                self.relist(reconciled)
            }
            Message::Side(side) => {
                self.query.side = side;
                self.relist(reconciled)
            }
            Message::Search(search) => {
                self.query.search = search;
                self.relist(reconciled)
            }
            Message::Sort(column) => {
                if self.query.sort == column {
                    self.query.descending = !self.query.descending;
                } else {
                    self.query.sort = column;
                    self.query.descending = false;
                }
                self.relist(reconciled)
            }
            Message::Scrolled(viewport) => {
                self.scroll_y = viewport.absolute_offset().y;
                self.viewport_height = viewport.bounds().height;
                None
            }
            Message::Select(index) => {
                self.cursor = (index < self.shown.len()).then_some(index);
                self.open_detail(reconciled);
                None
            }
            Message::Move(step) => {
                if self.shown.is_empty() {
                    return None;
                }
                let last = self.shown.len() - 1;
                let next = match self.cursor {
                    None => 0,
                    Some(at) => (at as i64 + step as i64).clamp(0, last as i64) as usize,
                };
                self.cursor = Some(next);
                if self.detail.is_some() {
                    self.open_detail(reconciled);
                }
                self.scroll_into_view(next).map(Event::Task)
            }
            Message::OpenDetail => {
                self.open_detail(reconciled);
                None
            }
            Message::CloseDetail => {
                self.detail = None;
                None
            }
            Message::FocusSearch => Some(Event::Task(iced::widget::operation::focus(SEARCH_ID))),
            Message::ToggleSideBySide => {
                self.side_by_side = !self.side_by_side;
                None
            }
            Message::Export => Some(Event::Export),
            Message::Detail(message) => {
                let detail = self.detail.as_mut()?;
                match detail.update(message, reconciled)? {
                    detail::Event::Decide(decision) => Some(Event::Decide(decision)),
                    detail::Event::Show(row) => {
                        // Jump to a counterpart: list everything so it is surely there.
                        self.query = Query {
                            sort: self.query.sort,
                            descending: self.query.descending,
                            ..Query::default()
                        };
                        self.shown = reconciled.ledger.select(&self.query);
                        let position = reconciled.ledger.position(row)?;
                        let index = self.shown.iter().position(|p| *p == position)?;
                        self.cursor = Some(index);
                        self.open_detail(reconciled);
                        self.scroll_into_view(index).map(Event::Task)
                    }
                }
            }
        }
    }

    fn relist(&mut self, reconciled: &ReconciledFiles) -> Option<Event> {
        self.refresh(reconciled);
        self.scroll_y = 0.0;
        Some(Event::Task(iced::widget::operation::scroll_to(
            table::TABLE_ID,
            iced::widget::scrollable::AbsoluteOffset { x: 0.0, y: 0.0 },
        )))
    }

    fn open_detail(&mut self, reconciled: &ReconciledFiles) {
        self.detail = self.selected_row(reconciled).map(|row| Detail::new(row, reconciled));
    }

    /// Scrolls the table so row `index` is visible, when it is not.
    fn scroll_into_view(&mut self, index: usize) -> Option<Task<Message>> {
        let top = index as f32 * theme::ROW_HEIGHT;
        let bottom = top + theme::ROW_HEIGHT;
        let y = if top < self.scroll_y {
            top
        } else if bottom > self.scroll_y + self.viewport_height {
            bottom - self.viewport_height
        } else {
            return None;
        };
        self.scroll_y = y;
        Some(iced::widget::operation::scroll_to(
            table::TABLE_ID,
            iced::widget::scrollable::AbsoluteOffset { x: 0.0, y },
        ))
    }

    pub fn view<'a>(&'a self, language: Language, reconciled: &'a ReconciledFiles) -> Element<'a, Message> {
        let table = table::view(self, language, reconciled);
        let main = column![self.cards(language, reconciled), self.filter_bar(language), table].spacing(10);
        let body: Element<'a, Message> = match &self.detail {
            Some(detail) => row![
                container(main).width(iced::FillPortion(3)),
                container(detail.view(language, reconciled).map(Message::Detail))
                    .width(iced::FillPortion(2))
                    .height(Fill),
            ]
            .spacing(12)
            .into(),
            None => main.into(),
        };
        container(body).padding(theme::PADDING).into()
    }

    fn cards<'a>(&'a self, language: Language, reconciled: &'a ReconciledFiles) -> Element<'a, Message> {
        let tally = reconciled.tally;
        let focus = self.query.focus;
        let card = |label: &'a str, count: usize, accent: iced::Color, target: Focus| {
            widgets::summary_card(
                label,
                i18n::thousands(count),
                accent,
                focus == target,
                Message::Focus(target),
            )
        };
        use crate::engine::Status;
        let summary = &reconciled.report.summary;
        let rate = summary.effective_fee_rate.map_or_else(
            || "—".to_string(),
            |r| format!("{:.2}%", r * rust_decimal::Decimal::ONE_HUNDRED),
        );
        // The rate with its name on the number's line, the fees with their currency below: one card as tall as
        // the others and narrow enough to stay on their row at 1280 pixels.
        let fees = format!(
            "{} {}{}",
            i18n::fees(language),
            i18n::money(summary.total_fees),
            reconciled.currency().map(|c| format!(" {c}")).unwrap_or_default()
        );
        let fee_card = container(
            column![
                row![
                    text(rate).size(theme::CARD_NUMBER).font(theme::FONT_BOLD),
                    text(i18n::fee_rate(language)).size(theme::SMALL)
                ]
                .spacing(6)
                .align_y(iced::Bottom),
                text(fees).size(theme::SMALL).wrapping(text::Wrapping::None),
                iced::widget::space().width(theme::CARD_WIDTH).height(0),
            ]
            .spacing(2),
        )
        .padding([8, 10])
        .width(iced::Length::Shrink)
        .style(theme::container::card);
        row![
            card(
                i18n::status(language, Status::Matched),
                tally.matched,
                theme::status_color(Status::Matched),
                Focus::Matched
            ),
            card(
                i18n::in_batches(language),
                tally.in_batch,
                theme::status_color(Status::InBatch),
                Focus::InBatch
            ),
            card(
                i18n::missing_in_bank(language),
                tally.missing_in_bank,
                theme::status_color(Status::Missing),
                Focus::MissingInBank
            ),
            card(
                i18n::missing_in_terminal(language),
                tally.missing_in_terminal,
                theme::status_color(Status::Missing),
                Focus::MissingInTerminal
            ),
            card(
                i18n::duplicates(language),
                tally.duplicates,
                theme::status_color(Status::Duplicate),
                Focus::Duplicates
            ),
            card(
                i18n::suspicious_high(language),
                tally.high,
                theme::severity_color(Severity::High),
                Focus::Suspicious(Severity::High)
            ),
            card(
                i18n::suspicious_medium(language),
                tally.medium,
                theme::severity_color(Severity::Medium),
                Focus::Suspicious(Severity::Medium)
            ),
            card(
                i18n::suspicious_low(language),
                tally.low,
                theme::severity_color(Severity::Low),
                Focus::Suspicious(Severity::Low)
            ),
            fee_card,
        ]
        .spacing(6)
        .wrap()
        .vertical_spacing(6)
        .into()
    }

    fn filter_bar(&self, language: Language) -> Element<'_, Message> {
        let rules: Vec<RuleChoice> = std::iter::once(None)
            .chain(RuleId::ALL.into_iter().map(Some))
            .map(|rule| RuleChoice { rule, language })
            .collect();
        let current = RuleChoice {
            rule: self.query.rule,
            language,
        };
        let side = |label: &'static str, value: SideFilter| {
            button(text(label).size(theme::SMALL))
                .padding([4, 10])
                .style(theme::button::tab(self.query.side == value))
                .on_press(Message::Side(value))
        };
        row![
            text_input(i18n::search_hint(language), &self.query.search)
                .id(SEARCH_ID)
                .on_input(Message::Search)
                .size(theme::TEXT)
                .padding(6)
                .width(iced::FillPortion(3)),
            side(i18n::both_sides(language), SideFilter::Both),
            side(i18n::side(language, crate::model::Side::Terminal), SideFilter::Terminal),
            side(i18n::side(language, crate::model::Side::Bank), SideFilter::Bank),
            pick_list(rules, Some(current), Message::Rule)
                .text_size(theme::TEXT)
                .width(iced::FillPortion(2)),
            button(
                text(if self.side_by_side {
                    i18n::unified(language)
                } else {
                    i18n::side_by_side(language)
                })
                .size(theme::SMALL)
            )
            .style(button::secondary)
            .on_press(Message::ToggleSideBySide),
            button(text(i18n::export(language)).size(theme::SMALL))
                .style(button::primary)
                .on_press(Message::Export),
        ]
        .spacing(8)
        .align_y(Center)
        .into()
    }
}
