//! The detail pane of the selected row: the row itself, its counterpart(s) or batch, each flag with its reason,
//! the candidate counterparts of an unmatched row, and the actions (match, unmatch, accept a flag, note). Every
//! action becomes an `engine::Decision` and the root re-runs the engine with it.

use iced::widget::{button, column, container, row, scrollable, text, text_input};
use iced::{Center, Fill};

use crate::app::candidates::{self, Candidate, CandidateKind};
use crate::app::i18n::{self, Language};
use crate::app::reconciled::ReconciledFiles;
use crate::engine::{Decision, RowId, RuleId, Status};
use crate::gui::screen::review::table::{reference, when};
use crate::gui::{Element, theme, widgets};

/// Batch members listed at most in the pane.
pub const MEMBERS_SHOWN: usize = 12;

#[derive(Clone, Debug, PartialEq)]
pub struct Detail {
    pub row: RowId,
    pub candidates: Vec<Candidate>,
    /// The note being typed.
    pub note: String,
}

#[derive(Clone, Debug)]
pub enum Message {
    /// "Match" on candidate `i`.
    Match(usize),
    /// Match with the first candidate (key m).
    MatchFirst,
    /// Undo the pairing (key u).
    Unmatch,
    /// Accept one flag as reviewed.
    Accept(RuleId),
    /// Accept every open flag of the row (key a).
    AcceptAll,
    /// The note text changed.
    Note(String),
    /// Save the note.
    SaveNote,
    /// Show another row (a counterpart, a batch member, a candidate).
    Show(RowId),
}

pub enum Event {
    Decide(Decision),
    Show(RowId),
}

impl Detail {
    pub fn new(row: RowId, reconciled: &ReconciledFiles) -> Detail {
        let mut detail = Detail {
            row,
            candidates: Vec::new(),
            note: String::new(),
        };
        detail.refresh(reconciled);
        detail.note = reconciled
            .report
            .outcome(row)
            .and_then(|o| o.note.clone())
            .unwrap_or_default();
        detail
    }

    /// The report changed: look for candidates again.
    pub fn refresh(&mut self, reconciled: &ReconciledFiles) {
        self.candidates = candidates::for_row(
            self.row,
            &reconciled.terminal,
            &reconciled.bank,
            &reconciled.report,
            &reconciled.config,
        );
    }

    pub fn update(&mut self, message: Message, reconciled: &ReconciledFiles) -> Option<Event> {
        let outcome = reconciled.report.outcome(self.row)?;
        match message {
            Message::Match(index) => self.candidates.get(index).map(|c| Event::Decide(c.decision(self.row))),
            // The key takes the best candidate only when its amount fits: a row of another amount is matched by
            // its own button, never by a key pressed in passing.
            Message::MatchFirst => self
                .candidates
                .first()
                .filter(|c| !matches!(c.kind, CandidateKind::Unpaired { .. }))
                .map(|c| Event::Decide(c.decision(self.row))),
            Message::Unmatch => matches!(
                outcome.status,
                Status::Matched | Status::MatchedWithDifference | Status::InBatch
            )
            .then_some(Event::Decide(Decision::Unmatch { row: self.row })),
            Message::Accept(rule) => Some(Event::Decide(Decision::AcceptFlag { row: self.row, rule })),
            Message::AcceptAll => outcome.flags.iter().find(|f| !f.accepted).map(|f| {
                Event::Decide(Decision::AcceptFlag {
                    row: self.row,
                    rule: f.rule,
                })
            }),
            Message::Note(note) => {
                self.note = note;
                None
            }
            Message::SaveNote => Some(Event::Decide(Decision::Note {
                row: self.row,
                text: self.note.trim().to_string(),
            })),
            Message::Show(row) => Some(Event::Show(row)),
        }
    }

    pub fn view<'a>(&'a self, language: Language, reconciled: &'a ReconciledFiles) -> Element<'a, Message> {
        let (Some(txn), Some(outcome)) = (reconciled.txn(self.row), reconciled.report.outcome(self.row)) else {
            return widgets::empty_hint(i18n::row_gone(language), "");
        };
        let muted = |t: &iced::Theme| text::Style {
            color: Some(theme::muted(t)),
        };
        let file = reconciled.file_of(txn).map(|f| f.name()).unwrap_or_default();
        // Every sum in the pane is in the row's currency, and says so.
        let money = |amount| format!("{} {}", i18n::money(amount), txn.currency);
        let mut pane = column![
            row![
                text(format!(
                    "{} · {}",
                    i18n::side(language, self.row.side),
                    money(txn.amount)
                ))
                .size(theme::HEADING)
                .font(theme::FONT_BOLD),
                widgets::status_badge(language, outcome.status),
            ]
            .spacing(10)
            .align_y(Center),
            text(status_sentence(language, self.row, outcome.status)).size(theme::TEXT),
            widgets::field(i18n::time_column(language), when(txn)),
            widgets::field(
                i18n::where_from(language),
                format!("{file} · {}", i18n::at_row(language, reconciled.line_row(self.row)))
            ),
        ]
        .spacing(6);
        for (label, value) in [
            (i18n::reference_column(language), txn.reference.as_deref()),
            (i18n::terminal_id(language), txn.terminal_id.as_deref()),
            (i18n::merchant_id(language), txn.merchant_id.as_deref()),
            (i18n::card(language), txn.card_masked.as_deref()),
            (
                i18n::description(language),
                txn.description.as_deref().or(txn.counterparty.as_deref()),
            ),
        ] {
            if let Some(value) = value.filter(|v| !v.is_empty()) {
                pane = pane.push(widgets::field(label, value.to_string()));
            }
        }
        if let Some(fee) = txn.fee {
            pane = pane.push(widgets::field(i18n::fee(language), money(fee)));
        }

        if let Some(batch) = outcome.batch.and_then(|b| reconciled.report.batches.get(b as usize)) {
            pane = pane.push(section(i18n::settlement_batch(language)));
            pane = pane.push(widgets::field(i18n::batch_id(language), batch.id.clone()));
            pane = pane.push(widgets::field(i18n::gross(language), money(batch.gross)));
            pane = pane.push(widgets::field(i18n::fee(language), money(batch.fees)));
            pane = pane.push(widgets::field(i18n::expected(language), money(batch.expected_net)));
            pane = pane.push(widgets::field(i18n::paid(language), money(batch.actual)));
            pane = pane.push(widgets::field(i18n::difference(language), money(batch.difference)));
            // What every finding on this batch rests on: the settlement date, the memo's day, the order.
            let (tied_en, tied_zh) = crate::engine::wording::tied_by(&batch.tied_by);
            let tied = crate::report::Lang::from(language).pick(&tied_en, &tied_zh).to_string();
            pane = pane.push(widgets::field(i18n::tied_by(language), tied));
        }
        let others: Vec<RowId> = outcome
            .counterparts
            .iter()
            .copied()
            .filter(|r| *r != self.row)
            .collect();
        if !others.is_empty() {
            pane = pane.push(section(i18n::counterparts(language)));
            for other in others.iter().take(MEMBERS_SHOWN) {
                if let Some(t) = reconciled.txn(*other) {
                    let label = format!(
                        "{} · {} · {} {}",
                        i18n::side(language, other.side),
                        when(t),
                        reconciled.amount_shown(t.amount, t.currency),
                        reference(t)
                    );
                    pane = pane.push(
                        button(text(label).size(theme::SMALL))
                            .style(button::text)
                            .padding([2, 0])
                            .on_press(Message::Show(*other)),
                    );
                }
            }
            if others.len() > MEMBERS_SHOWN {
                pane = pane.push(
                    text(i18n::and_more(language, others.len() - MEMBERS_SHOWN))
                        .size(theme::SMALL)
                        .style(muted),
                );
            }
        }

        if !outcome.flags.is_empty() {
            pane = pane.push(section(i18n::findings_column(language)));
        }
        for flag in &outcome.flags {
            let reason = match language {
                Language::ZhCn => flag.reason.zh.as_str(),
                Language::En => flag.reason.en.as_str(),
            };
            let action: Element<'a, Message> = if flag.accepted {
                text(i18n::reviewed(language)).size(theme::SMALL).style(muted).into()
            } else {
                button(text(i18n::accept(language)).size(theme::SMALL))
                    .style(button::secondary)
                    .on_press(Message::Accept(flag.rule))
                    .into()
            };
            pane = pane.push(
                container(
                    column![
                        row![
                            widgets::severity_badge(language, flag.severity),
                            text(i18n::rule(language, flag.rule))
                                .size(theme::TEXT)
                                .font(theme::FONT_BOLD)
                                .width(Fill),
                            action
                        ]
                        .spacing(8)
                        .align_y(Center),
                        text(reason).size(theme::SMALL),
                    ]
                    .spacing(4),
                )
                .padding(8)
                .style(theme::container::card),
            );
        }

        if outcome.status == Status::Missing {
            pane = pane.push(section(i18n::candidates(language)));
            if self.candidates.is_empty() {
                pane = pane.push(text(i18n::no_candidates(language)).size(theme::SMALL).style(muted));
            }
            for (index, candidate) in self.candidates.iter().enumerate() {
                pane = pane.push(self.candidate_line(language, reconciled, index, candidate));
            }
        }

        let mut actions = row![].spacing(8);
        if matches!(
            outcome.status,
            Status::Matched | Status::MatchedWithDifference | Status::InBatch
        ) {
            actions = actions.push(
                button(text(i18n::unmatch(language)).size(theme::SMALL))
                    .style(button::danger)
                    .on_press(Message::Unmatch),
            );
        }
        pane = pane.push(section(i18n::note(language)));
        pane = pane.push(
            row![
                text_input(i18n::note_hint(language), &self.note)
                    .on_input(Message::Note)
                    .on_submit(Message::SaveNote)
                    .size(theme::TEXT)
                    .padding(6),
                button(text(i18n::save(language)).size(theme::SMALL)).on_press(Message::SaveNote),
            ]
            .spacing(8),
        );
        pane = pane.push(actions);
        pane = pane.push(text(i18n::detail_keys(language)).size(theme::SMALL).style(muted));
        container(scrollable(pane.padding([0, 12])))
            .padding(12)
            .height(Fill)
            .style(theme::container::card)
            .into()
    }

    fn candidate_line<'a>(
        &'a self,
        language: Language,
        reconciled: &'a ReconciledFiles,
        index: usize,
        candidate: &'a Candidate,
    ) -> Element<'a, Message> {
        let why = match &candidate.kind {
            CandidateKind::SameAmount => i18n::same_amount(language).to_string(),
            CandidateKind::NearAmount { gap } => {
                format!("{} {}", i18n::amount_differs_by(language), i18n::money(*gap))
            }
            CandidateKind::ShortBatch { batch, shortfall } => {
                let id = reconciled
                    .report
                    .batches
                    .get(*batch as usize)
                    .map(|b| b.id.as_str())
                    .unwrap_or_default();
                format!("{} {id} ({})", i18n::batch_short_by(language), i18n::money(*shortfall))
            }
            CandidateKind::Unpaired { gap } => format!("{} {}", i18n::also_unpaired(language), i18n::money(*gap)),
        };
        let what = reconciled
            .txn(candidate.row)
            .map(|t| {
                format!(
                    "{} · {} · {}",
                    when(t),
                    reconciled.amount_shown(t.amount, t.currency),
                    i18n::time_gap(language, candidate.time_gap_secs)
                )
            })
            .unwrap_or_default();
        container(
            row![
                column![
                    text(why).size(theme::SMALL).font(theme::FONT_BOLD),
                    text(what).size(theme::SMALL)
                ]
                .spacing(2)
                .width(Fill),
                button(text(i18n::show(language)).size(theme::SMALL))
                    .style(button::text)
                    .on_press(Message::Show(candidate.row)),
                button(text(i18n::match_this(language)).size(theme::SMALL))
                    .style(button::success)
                    .on_press(Message::Match(index)),
            ]
            .spacing(8)
            .align_y(Center),
        )
        .padding(6)
        .style(theme::container::card)
        .into()
    }
}

fn section<'a>(title: &'a str) -> Element<'a, Message> {
    container(text(title).size(theme::TEXT).font(theme::FONT_BOLD))
        .padding(iced::Padding {
            top: 10.0,
            ..iced::Padding::ZERO
        })
        .into()
}

/// One sentence saying what the status means for this row.
fn status_sentence(language: Language, row: RowId, status: Status) -> &'static str {
    match status {
        Status::Missing => match row.side {
            crate::model::Side::Terminal => i18n::explain_missing_in_bank(language),
            crate::model::Side::Bank => i18n::explain_missing_in_terminal(language),
        },
        Status::Matched => i18n::explain_matched(language),
        Status::MatchedWithDifference => i18n::explain_matched_with_difference(language),
        Status::InBatch => i18n::explain_in_batch(language),
        Status::Duplicate => i18n::explain_duplicate(language),
        Status::Unrelated => i18n::explain_unrelated(language),
    }
}
