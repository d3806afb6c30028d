//! The import check: for each file, the side it was taken for (with a swap), the detected format, a preview of
//! the first rows with the column each field was read from, and every row that could not be read, with line,
//! column, the text found and what was expected. "Skip bad rows" is an explicit choice.

use std::path::PathBuf;

use iced::widget::{button, checkbox, column, container, pick_list, row, scrollable, text, text_input};
use iced::{Center, Fill, Length};

use crate::app::column_guess;
use crate::app::i18n::{self, Language};
use crate::app::importing::LoadedFile;
use crate::app::pipeline::{ReadOptions, other};
use crate::app::prefs::SavedLayout;
use crate::app::read_trouble;
use crate::gui::{Element, theme};
use crate::import::mapping::{ColumnMap, Field, Profile, SignConvention};
use crate::model::{Currency, Side};

/// Problems listed per file at most; the rest are counted.
pub const PROBLEMS_SHOWN: usize = 50;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportCheck {
    pub skip_bad_rows: bool,
    /// Sides the user set by hand.
    pub sides: Vec<(PathBuf, Side)>,
    /// Column mappings the user changed, by file.
    pub profiles: Vec<(PathBuf, Profile)>,
    /// The name typed for saving a file's layout.
    pub layout_name: String,
}

/// The fields offered for remapping: the ones a reconciliation relies on.
pub const EDITABLE_FIELDS: [Field; 10] = [
    Field::Date,
    Field::Time,
    Field::Amount,
    Field::Fee,
    Field::Reference,
    Field::Terminal,
    Field::Merchant,
    Field::Card,
    Field::Description,
    Field::Counterparty,
];

/// A choice in a field's column dropdown: a header column, or none.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnChoice {
    pub column: Option<usize>,
    pub label: String,
}

impl std::fmt::Display for ColumnChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label)
    }
}

#[derive(Clone, Debug)]
pub enum Message {
    /// Swap the side of file `i` (terminal ↔ bank).
    SwapSide(usize),
    /// The "skip bad rows" choice.
    SkipBadRows(bool),
    /// Read the files again with the choices made here.
    Reread,
    /// Go on to the review.
    Continue,
    /// Read `field` of file `i` from another column (or from none).
    SetColumn(usize, Field, ColumnChoice),
    /// Read file `i` with the columns its dropdowns show (the suggestion for names the importer did not know).
    UseColumns(usize),
    /// Read file `i`, which names no currency, in this one.
    SetCurrency(usize, Currency),
    /// The layout name being typed.
    LayoutName(String),
    /// Save the column layout of file `i` under the typed name.
    SaveLayout(usize),
}

pub enum Event {
    Reread(ReadOptions),
    Continue,
    SaveLayout(SavedLayout),
}

impl ImportCheck {
    /// New files were read: keep the skip choice, forget sides of files no longer there.
    pub fn reset(&mut self, files: &[LoadedFile]) {
        self.sides.retain(|(path, _)| files.iter().any(|f| &f.path == path));
        self.profiles.retain(|(path, _)| files.iter().any(|f| &f.path == path));
    }

    pub fn update(&mut self, message: Message, files: &mut [LoadedFile]) -> Option<Event> {
        match message {
            Message::SwapSide(index) => {
                let file = files.get_mut(index)?;
                file.side = other(file.side);
                self.sides.retain(|(path, _)| path != &file.path);
                self.sides.push((file.path.clone(), file.side));
                // Swapping one side of a pair swaps the other too: one terminal log, one statement.
                if files.len() == 2 {
                    let partner = files.get_mut(1 - index)?;
                    partner.side = other(partner.side);
                    self.sides.retain(|(path, _)| path != &partner.path);
                    self.sides.push((partner.path.clone(), partner.side));
                }
                Some(Event::Reread(self.options()))
            }
            Message::SkipBadRows(skip) => {
                self.skip_bad_rows = skip;
                Some(Event::Reread(self.options()))
            }
            Message::Reread => Some(Event::Reread(self.options())),
            Message::Continue => Some(Event::Continue),
            Message::SetColumn(index, field, choice) => {
                let file = files.get(index)?;
                let mut profile = file.profile.clone();
                match choice.column.and_then(|c| column_guess::column_key(&file.header, c)) {
                    Some(key) => profile.columns.insert(field, key),
                    None => profile.columns.remove(&field),
                };
                // The owner has looked at the columns: the mapping is no longer only a guess.
                if profile.name.as_deref() == Some(column_guess::GUESSED) {
                    profile.name = None;
                }
                follow_money_columns(&mut profile, field, choice.column.is_some());
                self.profiles.retain(|(path, _)| path != &file.path);
                self.profiles.push((file.path.clone(), profile));
                Some(Event::Reread(self.options()))
            }
            Message::UseColumns(index) => {
                let file = files.get(index)?;
                self.profiles.retain(|(path, _)| path != &file.path);
                self.profiles.push((file.path.clone(), file.profile.clone()));
                Some(Event::Reread(self.options()))
            }
            Message::SetCurrency(index, currency) => {
                let file = files.get(index)?;
                let mut profile = self
                    .profiles
                    .iter()
                    .find(|(path, _)| path == &file.path)
                    .map_or_else(|| file.profile.clone(), |(_, p)| p.clone());
                profile.currency = Some(currency);
                self.profiles.retain(|(path, _)| path != &file.path);
                self.profiles.push((file.path.clone(), profile));
                Some(Event::Reread(self.options()))
            }
            Message::LayoutName(name) => {
                self.layout_name = name;
                None
            }
            Message::SaveLayout(index) => {
                let file = files.get(index)?;
                let name = self.layout_name.trim();
                let name = if name.is_empty() { file.name() } else { name.to_string() };
                let mut profile = file.profile.clone();
                profile.name = Some(name.clone());
                profile.side = Some(file.side);
                Some(Event::SaveLayout(SavedLayout {
                    name,
                    header: file.header.clone(),
                    profile,
                }))
            }
        }
    }

    /// The choices made here, for reading the files again. Saved layouts are added by the root.
    pub fn options(&self) -> ReadOptions {
        ReadOptions {
            skip_bad_rows: self.skip_bad_rows,
            sides: self.sides.clone(),
            profiles: self.profiles.clone(),
            layouts: Vec::new(),
        }
    }

    pub fn view<'a>(&'a self, language: Language, files: &'a [LoadedFile]) -> Element<'a, Message> {
        let usable = files.iter().any(LoadedFile::is_usable);
        let mut page = column![
            text(i18n::import_check(language)).size(theme::HEADING),
            text(i18n::import_check_hint(language)).size(theme::TEXT),
            row![
                checkbox(self.skip_bad_rows)
                    .label(i18n::skip_bad_rows(language))
                    .on_toggle(Message::SkipBadRows)
                    .text_size(theme::TEXT),
                iced::widget::space::horizontal(),
                button(text(i18n::read_again(language)).size(theme::TEXT))
                    .style(button::secondary)
                    .on_press(Message::Reread),
                button(text(i18n::continue_to_review(language)).size(theme::TEXT))
                    .style(button::primary)
                    .on_press_maybe(usable.then_some(Message::Continue)),
            ]
            .spacing(12)
            .align_y(Center),
        ]
        .spacing(12);
        for (index, file) in files.iter().enumerate() {
            let chosen = self
                .profiles
                .iter()
                .find(|(path, _)| path == &file.path)
                .and_then(|(_, profile)| profile.currency);
            page = page.push(file_card(language, index, file, &self.layout_name, chosen));
        }
        scrollable(container(page).padding(theme::PADDING * 2.0).width(Fill)).into()
    }
}

/// The currencies offered for a file that names none.
pub const CURRENCIES: [Currency; 12] = [
    Currency::CNY,
    Currency(*b"HKD"),
    Currency(*b"TWD"),
    Currency(*b"JPY"),
    Currency(*b"SGD"),
    Currency::USD,
    Currency(*b"CAD"),
    Currency(*b"AUD"),
    Currency::EUR,
    Currency(*b"GBP"),
    Currency(*b"CHF"),
    Currency(*b"NZD"),
];

fn file_card<'a>(
    language: Language,
    index: usize,
    file: &'a LoadedFile,
    layout_name: &'a str,
    chosen_currency: Option<Currency>,
) -> Element<'a, Message> {
    let muted = |t: &iced::Theme| text::Style {
        color: Some(theme::muted(t)),
    };
    let mut title = row![text(file.name()).size(theme::HEADING).font(theme::FONT_BOLD)]
        .spacing(12)
        .align_y(Center);
    // A file that could not be read at all has no side to swap until it can be.
    if file.error.is_none() || !file.header.is_empty() {
        title = title.push(
            text(format!(
                "{} {}",
                i18n::read_as(language),
                i18n::side(language, file.side)
            ))
            .size(theme::TEXT),
        );
        title = title.push(
            button(text(i18n::swap_sides(language)).size(theme::SMALL))
                .style(button::secondary)
                .on_press(Message::SwapSide(index)),
        );
    }
    let mut card = column![
        title,
        text(file.path.display().to_string()).size(theme::SMALL).style(muted)
    ]
    .spacing(8);
    if let Some(error) = &file.error {
        // "无法读取：" ends in a full-width colon that needs no space after it.
        let gap = if language == Language::ZhCn { "" } else { " " };
        let mut said =
            column![text(format!("{}{gap}{}", i18n::cannot_read(language), error.said(language))).size(theme::TEXT)]
                .spacing(4);
        if error.detail_helps() {
            said = said.push(text(error.detail.as_str()).size(theme::SMALL).style(muted));
        }
        card = card.push(
            container(said)
                .padding(8)
                .width(Fill)
                .style(theme::container::error_box),
        );
    } else if file.refused {
        card = card.push(
            container(text(i18n::refused_for_bad_rows(language, file.bad_rows)).size(theme::TEXT))
                .padding(8)
                .width(Fill)
                .style(theme::container::error_box),
        );
    } else {
        card = card.push(
            text(format!(
                "{} · {}",
                format_shown(language, &file.format),
                i18n::rows_count(language, file.txns.len())
            ))
            .size(theme::TEXT),
        );
        // The kind of statement, and how its signs were read: a credit card's charges are money out.
        if let Some(kind) = file.kind {
            let said = match language {
                Language::ZhCn => format!("账单类型：{}（{}）", kind.label_zh(), kind.sign_convention_zh()),
                Language::En => format!("Statement kind: {} ({})", kind.label(), kind.sign_convention()),
            };
            card = card.push(text(said).size(theme::SMALL).style(muted));
        }
    }
    // Columns the importer could not name: say that the file has no header row, or that the mapping is a guess.
    let headerless = column_guess::is_made_up(&file.header);
    let guessed = file.profile.name.as_deref() == Some(column_guess::GUESSED);
    if headerless || guessed {
        let note = if headerless {
            i18n::no_header_row_guessed(language)
        } else {
            i18n::columns_guessed(language)
        };
        let warning = |t: &iced::Theme| text::Style {
            color: Some(t.extended_palette().warning.strong.color),
        };
        let mut line = row![text(note).size(theme::TEXT).font(theme::FONT_BOLD).style(warning)]
            .spacing(12)
            .align_y(Center);
        if guessed && file.error.is_some() {
            line = line.push(
                button(text(i18n::use_these_columns(language)).size(theme::SMALL))
                    .style(button::primary)
                    .on_press(Message::UseColumns(index)),
            );
        }
        card = card.push(line);
    }
    // A file that names no currency: which one its rows were read in, and why; and the owner's say in it (kept
    // on screen once chosen, so it can be changed again).
    let said = file.currency.said(language);
    if said.is_some() || chosen_currency.is_some() {
        let warning = |t: &iced::Theme| text::Style {
            color: Some(t.extended_palette().warning.strong.color),
        };
        let shown = chosen_currency.or_else(|| file.txns.first().map(|t| t.currency));
        let choose = pick_list(CURRENCIES, shown, move |currency| Message::SetCurrency(index, currency))
            .text_size(theme::SMALL)
            .width(90);
        let mut line = row![text(i18n::currency_of_file(language)).size(theme::TEXT), choose]
            .spacing(8)
            .align_y(Center);
        if let Some(said) = said {
            line = line.push(text(said).size(theme::TEXT).font(theme::FONT_BOLD).style(warning));
        }
        card = card.push(line);
    }
    if !file.header.is_empty() {
        card = card.push(
            text(i18n::columns_found(language))
                .size(theme::TEXT)
                .font(theme::FONT_BOLD),
        );
        card = card.push(mapping(language, index, file));
        card = card.push(
            row![
                text_input(i18n::layout_name_hint(language), layout_name)
                    .on_input(Message::LayoutName)
                    .size(theme::SMALL)
                    .padding(4)
                    .width(260),
                button(text(i18n::save_layout(language)).size(theme::SMALL))
                    .style(button::secondary)
                    .on_press(Message::SaveLayout(index)),
            ]
            .spacing(8)
            .align_y(Center),
        );
    }
    if !file.header.is_empty() {
        card = card.push(
            text(i18n::first_rows(language))
                .size(theme::TEXT)
                .font(theme::FONT_BOLD),
        );
        card = card.push(preview(language, &file.header, &file.preview));
    }
    let column_name = |name: Option<&str>| {
        let made_up = name
            .filter(|_| headerless)
            .and_then(|n| file.header.iter().position(|h| h == n));
        made_up.map_or(name.map(str::to_owned), |c| {
            Some(column_guess::shown_name(language, &file.header, c))
        })
    };
    if !file.problems.is_empty() {
        card = card.push(
            text(format!(
                "{} ({})",
                i18n::rows_not_read(language),
                file.bad_rows.max(file.problems.len())
            ))
            .size(theme::TEXT)
            .font(theme::FONT_BOLD),
        );
        let mut list = column![].spacing(4);
        for problem in file.problems.iter().take(PROBLEMS_SHOWN) {
            list = list.push(
                text(format!(
                    "{}: “{}” — {}",
                    i18n::at_line(
                        language,
                        problem.line,
                        column_name(problem.column.as_deref()).as_deref()
                    ),
                    problem.found,
                    read_trouble::expected(language, &problem.expected)
                ))
                .size(theme::SMALL),
            );
        }
        let total = file.bad_rows.max(file.problems.len());
        if total > PROBLEMS_SHOWN.min(file.problems.len()) {
            list = list.push(
                text(i18n::and_more(
                    language,
                    total - PROBLEMS_SHOWN.min(file.problems.len()),
                ))
                .size(theme::SMALL)
                .style(muted),
            );
        }
        card = card.push(
            container(list)
                .padding(8)
                .width(Fill)
                .style(theme::container::error_box),
        );
    }
    container(card)
        .padding(theme::PADDING)
        .width(Fill)
        .style(theme::container::card)
        .into()
}

/// Picking an amount column on a file read from money-in/money-out columns reads it from that amount instead
/// (signed, or signed by the 收/支 column when there is one); picking a money-in or money-out column reads the
/// file from those columns. Without this the importer would keep reading the old way and ignore the choice.
fn follow_money_columns(profile: &mut Profile, field: Field, picked: bool) {
    match field {
        Field::Amount if picked && profile.sign == SignConvention::SplitColumns => {
            profile.columns.remove(&Field::Credit);
            profile.columns.remove(&Field::Debit);
            profile.sign = if profile.columns.contains_key(&Field::Direction) {
                SignConvention::DirectionColumn
            } else {
                SignConvention::Signed
            };
        }
        Field::Credit | Field::Debit if picked => profile.sign = SignConvention::SplitColumns,
        _ => {}
    }
}

/// The fields a file's import check offers: [`EDITABLE_FIELDS`], plus the money-in and money-out columns when
/// the file is read from them, or the in/out column when the amount's sign comes from it.
pub fn shown_fields(profile: &Profile) -> Vec<Field> {
    let extra: &[Field] = match profile.sign {
        SignConvention::Signed => &[],
        SignConvention::SplitColumns => &[Field::Credit, Field::Debit],
        SignConvention::DirectionColumn => &[Field::Direction],
    };
    let mut fields = EDITABLE_FIELDS.to_vec();
    let after_amount = fields
        .iter()
        .position(|f| *f == Field::Amount)
        .map_or(fields.len(), |p| p + 1);
    fields.splice(after_amount..after_amount, extra.iter().copied());
    fields
}

/// What a field's dropdown shows: the column the importer reads it from, said the way it is read. A date read
/// from a date-and-time column shows that column ("交易时间（日期+时间）"); an amount read from money-in and
/// money-out columns shows "收入金额 − 支出金额"; an amount signed by a 收/支 column says so.
pub fn shown_column(language: Language, file: &LoadedFile, field: Field) -> ColumnChoice {
    let (map, _) = ColumnMap::resolve(&file.profile, &file.header);
    let header = |c: usize| (c < file.header.len()).then(|| column_guess::shown_name(language, &file.header, c));
    let direct = map.get(field).and_then(|c| {
        Some(ColumnChoice {
            column: Some(c),
            label: header(c)?,
        })
    });
    let derived = match field {
        Field::Date if direct.is_none() => map.get(Field::Time).and_then(|c| {
            Some(ColumnChoice {
                column: Some(c),
                label: format!("{}{}", header(c)?, i18n::date_and_time(language)),
            })
        }),
        Field::Amount => match file.profile.sign {
            SignConvention::Signed => None,
            SignConvention::SplitColumns => {
                let credit = map.get(Field::Credit).and_then(header);
                let debit = map.get(Field::Debit).and_then(header);
                let label = match (credit, debit) {
                    (Some(credit), Some(debit)) => Some(format!("{credit} − {debit}")),
                    (Some(credit), None) => Some(credit),
                    (None, Some(debit)) => Some(format!("− {debit}")),
                    (None, None) => None,
                };
                label.map(|label| ColumnChoice { column: None, label })
            }
            SignConvention::DirectionColumn => direct.as_ref().and_then(|amount| {
                map.get(Field::Direction)?;
                Some(ColumnChoice {
                    column: amount.column,
                    label: format!("{}{}", amount.label, i18n::signed_by_direction(language)),
                })
            }),
        },
        _ => None,
    };
    derived.or(direct).unwrap_or_else(|| ColumnChoice {
        column: None,
        label: i18n::not_found(language).to_string(),
    })
}

/// A dropdown per field: which header column it is read from.
fn mapping<'a>(language: Language, index: usize, file: &'a LoadedFile) -> Element<'a, Message> {
    let none = ColumnChoice {
        column: None,
        label: i18n::not_found(language).to_string(),
    };
    let choices: Vec<ColumnChoice> = std::iter::once(none)
        .chain((0..file.header.len()).map(|c| ColumnChoice {
            column: Some(c),
            label: column_guess::shown_name(language, &file.header, c),
        }))
        .collect();
    let cells = shown_fields(&file.profile).into_iter().map(|field| {
        let current = shown_column(language, file, field);
        // Room for the column's name on one line beside the arrow ("交易时间（日期+时间）",
        // "Beguenstigter/Zahlungspflichtiger"), within reason.
        let width = dropdown_width(&current.label);
        column![
            text(i18n::field_name(language, field)).size(theme::SMALL),
            pick_list(choices.clone(), Some(current), move |choice| Message::SetColumn(
                index, field, choice
            ))
            .text_size(theme::SMALL)
            .width(width),
        ]
        .spacing(2)
        .into()
    });
    row(cells).spacing(8).wrap().into()
}

/// The importer's description of a file's format ("CSV, no header row (GBK, semicolon)") with its words in the
/// app's language; names (CSV, GBK, OFX, a preset's id) stay as they are.
pub fn format_shown(language: Language, format: &str) -> String {
    const WORDS: [(&str, &str); 5] = [
        ("CSV, no header row", "CSV，无表头行"),
        (", comma)", "，逗号)"),
        (", semicolon)", "，分号)"),
        (", tab)", "，制表符)"),
        (", pipe)", "，竖线)"),
    ];
    match language {
        Language::En => format.to_owned(),
        Language::ZhCn => WORDS
            .iter()
            .fold(format.to_owned(), |shown, (en, zh)| shown.replace(en, zh)),
    }
}

/// How wide a column dropdown is for `label`: a wide character (Chinese, Japanese) takes about twice the room of
/// a Latin one at the small text size; at least 150, at most 320 pixels.
pub fn dropdown_width(label: &str) -> f32 {
    let room: f32 = label
        .chars()
        .map(|c| if (c as u32) >= 0x2E80 { 13.0 } else { 7.5 })
        .sum();
    (room + 44.0).clamp(150.0, 320.0)
}

/// The header and the first rows, as a small grid of fixed-width cells. The scrollbar sits below the last row
/// (embedded), never over it.
fn preview<'a>(language: Language, header: &'a [String], rows: &'a [Vec<String>]) -> Element<'a, Message> {
    let cell = |value: String, bold: bool| {
        container(
            text(value)
                .size(theme::SMALL)
                .font(if bold { theme::FONT_BOLD } else { theme::FONT })
                .wrapping(text::Wrapping::None),
        )
        .width(Length::Fixed(130.0))
        .padding([2, 4])
        .clip(true)
    };
    let names = (0..header.len()).map(|c| cell(column_guess::shown_name(language, header, c), true).into());
    let mut grid = column![row(names).spacing(2)].spacing(2);
    for values in rows {
        grid = grid.push(row(values.iter().map(|v| cell(v.clone(), false).into())).spacing(2));
    }
    let bar = iced::widget::scrollable::Scrollbar::default().spacing(4);
    scrollable(grid)
        .direction(iced::widget::scrollable::Direction::Horizontal(bar))
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::importing::CurrencyNote;

    /// A file with this header and the mapping detected from it.
    fn file_with(header: &[&str]) -> LoadedFile {
        let header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
        LoadedFile {
            path: PathBuf::from("statement.csv"),
            side: Side::Bank,
            format: String::new(),
            profile: Profile::detect(&header),
            header,
            preview: Vec::new(),
            columns: Vec::new(),
            txns: Vec::new(),
            problems: Vec::new(),
            bad_rows: 0,
            refused: false,
            error: None,
            currency: CurrencyNote::Stated,
            kind: None,
        }
    }

    fn statement() -> LoadedFile {
        file_with(&["交易日期", "收入金额", "支出金额", "收/支", "对方户名"])
    }

    #[test]
    fn an_amount_read_from_money_in_and_out_shows_both_columns_until_an_amount_column_is_picked() {
        let mut files = vec![statement()];
        assert_eq!(files[0].profile.sign, SignConvention::SplitColumns);
        assert_eq!(
            shown_column(Language::ZhCn, &files[0], Field::Amount).label,
            "收入金额 − 支出金额"
        );
        let mut check = ImportCheck::default();
        let pick = ColumnChoice {
            column: Some(1),
            label: "收入金额".into(),
        };
        let Some(Event::Reread(options)) = check.update(Message::SetColumn(0, Field::Amount, pick), &mut files) else {
            panic!("picking a column reads the file again")
        };
        let (_, profile) = options.profiles.first().expect("the changed mapping is passed on");
        assert_eq!(
            profile.sign,
            SignConvention::DirectionColumn,
            "the picked amount is read, signed by 收/支"
        );
        assert!(!profile.columns.contains_key(&Field::Credit) && !profile.columns.contains_key(&Field::Debit));
        files[0].profile = profile.clone();
        assert_eq!(
            shown_column(Language::En, &files[0], Field::Amount).label,
            "收入金额 (sign from the in/out column)"
        );
        assert_eq!(shown_fields(&files[0].profile)[3], Field::Direction);
    }

    #[test]
    fn the_format_line_is_said_in_chinese_around_the_names() {
        assert_eq!(
            format_shown(Language::ZhCn, "CSV, no header row (UTF-8, comma) · x"),
            "CSV，无表头行 (UTF-8，逗号) · x"
        );
        assert_eq!(
            format_shown(Language::ZhCn, "CSV (windows-1252, semicolon)"),
            "CSV (windows-1252，分号)"
        );
        assert_eq!(format_shown(Language::En, "CSV (GBK, tab)"), "CSV (GBK, tab)");
    }

    #[test]
    fn a_long_column_name_gets_a_dropdown_wide_enough_for_one_line() {
        assert_eq!(dropdown_width("Date"), 150.0);
        assert!(
            dropdown_width("Beguenstigter/Zahlungspflichtiger") >= 7.5 * 33.0,
            "German counterparty column"
        );
        assert!(dropdown_width("交易时间（日期+时间）") > dropdown_width("Posting Date"));
        assert_eq!(dropdown_width(&"x".repeat(200)), 320.0);
    }

    #[test]
    fn a_date_without_any_date_or_time_column_is_not_found() {
        let file = file_with(&["金额", "摘要"]);
        assert_eq!(shown_column(Language::En, &file, Field::Date).label, "not found");
    }
}
