//! The charts screen: each business day's terminal total against what the bank settled for it (bars; days
//! the bank paid nothing for stand out in red), and the effective fee rate per day against the contracted rate
//! (line). Drawn with iced's canvas; the daily figures are computed once per report by [`daily_figures`].
//!
//! The contracted line: a rate-only contract is one flat line at its rate. With a fixed fee per sale the contract
//! has no single rate — 2.9 % + 0.30 is 5.3 % of a 12.50 sale and 2.9 % of a 1,000.00 one — so the line is the
//! day's contracted rate instead (the fees the contract allows on the day's sales over their total), one step a
//! day, and the effective rate is read against the contract of that very day.

use iced::widget::canvas::{self, Frame, Path, Stroke, Text};
use iced::widget::{canvas as canvas_widget, column, container, row, text};
use iced::{Color, Fill, Point, Rectangle, Renderer, Size, Theme, mouse};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::app::daily_figures::{Day, daily_figures};
use crate::app::i18n::{self, Language};
use crate::app::reconciled::ReconciledFiles;
use crate::engine::Status;
use crate::engine::wording;
use crate::gui::{Element, theme, widgets};
use crate::model::{Currency, Money};

#[derive(Clone, Debug, Default)]
pub struct Charts {
    pub days: Vec<Day>,
}

/// The charts have nothing to click yet.
#[derive(Clone, Debug)]
pub enum Message {}

impl Charts {
    pub fn reset(&mut self, reconciled: &ReconciledFiles) {
        self.days = daily_figures(reconciled);
    }

    pub fn update(&mut self, message: Message) {
        match message {}
    }

    pub fn view<'a>(&'a self, language: Language, reconciled: &'a ReconciledFiles) -> Element<'a, Message> {
        if self.days.is_empty() {
            return widgets::empty_hint(i18n::no_days(language), i18n::nothing_loaded_hint(language));
        }
        let unpaid = self.days.iter().filter(|d| d.unpaid()).count();
        let legend = |color: Color, label: String| {
            row![
                container(text(""))
                    .width(14)
                    .height(14)
                    .style(theme::container::badge(color)),
                text(label).size(theme::SMALL)
            ]
            .spacing(6)
        };
        let cfg = &reconciled.config.settlement;
        let (contracted, per_day) = (cfg.fee_rate, !cfg.fee_fixed.is_zero());
        let currency = reconciled.terminal.first().map_or(Currency::CNY, |t| t.currency);
        let (contract_en, contract_zh) = wording::contract(cfg.fee_rate, cfg.fee_fixed, currency);
        let contract = if language == Language::ZhCn {
            contract_zh
        } else {
            contract_en
        };
        column![
            text(i18n::daily_totals(language)).size(theme::HEADING),
            row![
                legend(TERMINAL, i18n::terminal_total(language).to_string()),
                legend(SETTLED, i18n::bank_settled(language).to_string()),
                legend(
                    theme::status_color(Status::Missing),
                    i18n::days_unpaid(language).to_string()
                ),
                text(format!("{}: {unpaid}", i18n::days_unpaid(language))).size(theme::SMALL),
            ]
            .spacing(18),
            container(canvas_widget(Bars { days: &self.days }).width(Fill).height(Fill))
                .height(iced::FillPortion(3))
                .style(theme::container::card)
                .padding(8),
            text(i18n::fee_rate_per_day(language)).size(theme::HEADING),
            row![
                legend(RATE, i18n::effective_rate(language).to_string()),
                legend(CONTRACT, format!("{} {contract}", i18n::contracted_rate(language))),
            ]
            .spacing(18),
            container(
                canvas_widget(RateLine {
                    days: &self.days,
                    contracted,
                    per_day
                })
                .width(Fill)
                .height(Fill)
            )
            .height(iced::FillPortion(2))
            .style(theme::container::card)
            .padding(8),
        ]
        .spacing(8)
        .padding(theme::PADDING)
        .into()
    }
}

const TERMINAL: Color = Color::from_rgb(0.25, 0.47, 0.85);
const SETTLED: Color = Color::from_rgb(0.18, 0.55, 0.34);
const RATE: Color = Color::from_rgb(0.85, 0.42, 0.0);
const CONTRACT: Color = Color::from_rgb(0.45, 0.45, 0.45);
const AXIS_LEFT: f32 = 70.0;
const AXIS_BOTTOM: f32 = 22.0;

fn to_f32(d: Decimal) -> f32 {
    d.to_f32().unwrap_or(0.0)
}

fn label(frame: &mut Frame, content: String, position: Point, color: Color, align_right: bool) {
    frame.fill_text(Text {
        content,
        position,
        color,
        size: theme::SMALL.into(),
        font: theme::FONT,
        align_x: if align_right {
            iced::widget::text::Alignment::Right
        } else {
            iced::widget::text::Alignment::Left
        },
        ..Text::default()
    });
}

/// Daily bars: terminal total and settled amount side by side.
struct Bars<'a> {
    days: &'a [Day],
}

impl<M> canvas::Program<M> for Bars<'_> {
    type State = ();

    fn draw(
        &self,
        _state: &(),
        renderer: &Renderer,
        theme: &Theme,
        bounds: Rectangle,
        _cursor: mouse::Cursor,
    ) -> Vec<canvas::Geometry> {
        let (mut frame, plot, text_color) = canvas_parts(renderer, theme, bounds);
        let max = self
            .days
            .iter()
            .map(|d| to_f32(d.terminal.0).max(to_f32(d.settled.0)))
            .fold(1.0_f32, f32::max);
        axis(&mut frame, plot, text_color, max, |v| {
            i18n::money(Money(Decimal::from_f32_retain(v).unwrap_or_default().round_dp(0)))
        });
        let slot = plot.width / self.days.len().max(1) as f32;
        let bar = (slot * 0.38).max(1.0);
        let label_every = (self.days.len() as f32 / (plot.width / 60.0).max(1.0)).ceil().max(1.0) as usize;
        for (i, day) in self.days.iter().enumerate() {
            let x = plot.x + i as f32 * slot + slot * 0.1;
            for (offset, value, color) in [(0.0, day.terminal, TERMINAL), (bar, day.settled, SETTLED)] {
                let h = (to_f32(value.0).max(0.0) / max) * plot.height;
                frame.fill_rectangle(
                    Point::new(x + offset, plot.y + plot.height - h),
                    Size::new(bar, h),
                    color,
                );
            }
            if day.unpaid() {
                let red = theme::status_color(Status::Missing);
                frame.stroke_rectangle(
                    Point::new(x - 2.0, plot.y),
                    Size::new(bar * 2.0 + 4.0, plot.height),
                    Stroke::default().with_color(red).with_width(2.0),
                );
            }
            if i % label_every == 0 {
                let color = if day.unpaid() {
                    theme::status_color(Status::Missing)
                } else {
                    text_color
                };
                label(
                    &mut frame,
                    day.date.format("%m-%d").to_string(),
                    Point::new(x, plot.y + plot.height + 4.0),
                    color,
                    false,
                );
            }
        }
        vec![frame.into_geometry()]
    }
}

/// Effective fee rate per day (points joined by a line) and the contracted rate: a flat line, or with a fixed
/// fee per sale (`per_day`) each day's contracted rate as a step over that day.
struct RateLine<'a> {
    days: &'a [Day],
    contracted: Decimal,
    per_day: bool,
}

impl<M> canvas::Program<M> for RateLine<'_> {
    type State = ();

    fn draw(
        &self,
        _state: &(),
        renderer: &Renderer,
        theme: &Theme,
        bounds: Rectangle,
        _cursor: mouse::Cursor,
    ) -> Vec<canvas::Geometry> {
        let (mut frame, plot, text_color) = canvas_parts(renderer, theme, bounds);
        let contracted = to_f32(self.contracted) * 100.0;
        let day_contract = |d: &Day| if self.per_day { d.contracted_rate() } else { None };
        let rates = self.days.iter().flat_map(|d| [d.fee_rate, day_contract(d)]).flatten();
        let max = rates
            .map(|r| to_f32(r) * 100.0)
            .fold(contracted * 1.5, f32::max)
            .max(0.1);
        axis(&mut frame, plot, text_color, max, |v| format!("{v:.2}%"));
        let slot = plot.width / self.days.len().max(1) as f32;
        let y_of = |percent: f32| plot.y + plot.height - (percent.clamp(0.0, max) / max) * plot.height;
        let contract = Stroke::default().with_color(CONTRACT).with_width(1.5);
        if self.per_day {
            for (i, rate) in self
                .days
                .iter()
                .enumerate()
                .filter_map(|(i, d)| Some((i, day_contract(d)?)))
            {
                let (x, y) = (plot.x + i as f32 * slot, y_of(to_f32(rate) * 100.0));
                frame.stroke(&Path::line(Point::new(x, y), Point::new(x + slot, y)), contract);
            }
        } else {
            frame.stroke(
                &Path::line(
                    Point::new(plot.x, y_of(contracted)),
                    Point::new(plot.x + plot.width, y_of(contracted)),
                ),
                contract,
            );
        }
        let points: Vec<Point> = self
            .days
            .iter()
            .enumerate()
            .filter_map(|(i, d)| {
                d.fee_rate
                    .map(|r| Point::new(plot.x + (i as f32 + 0.5) * slot, y_of(to_f32(r) * 100.0)))
            })
            .collect();
        let line = Path::new(|b| {
            for (i, p) in points.iter().enumerate() {
                if i == 0 { b.move_to(*p) } else { b.line_to(*p) }
            }
        });
        frame.stroke(&line, Stroke::default().with_color(RATE).with_width(2.0));
        for p in &points {
            frame.fill(&Path::circle(*p, 3.0), RATE);
        }
        vec![frame.into_geometry()]
    }
}

/// A frame the size of the canvas, the plot area inside the axes, and the theme's text colour.
fn canvas_parts(renderer: &Renderer, theme: &Theme, bounds: Rectangle) -> (Frame, Rectangle, Color) {
    let plot = Rectangle {
        x: AXIS_LEFT,
        y: 6.0,
        width: (bounds.width - AXIS_LEFT - 6.0).max(1.0),
        height: (bounds.height - AXIS_BOTTOM - 6.0).max(1.0),
    };
    (
        Frame::new(renderer, bounds.size()),
        plot,
        theme.extended_palette().background.base.text,
    )
}

/// Left axis with four gridlines labelled by `format`.
fn axis(frame: &mut Frame, plot: Rectangle, color: Color, max: f32, format: impl Fn(f32) -> String) {
    let grid = Color { a: 0.15, ..color };
    for step in 0..=4 {
        let value = max * step as f32 / 4.0;
        let y = plot.y + plot.height - plot.height * step as f32 / 4.0;
        frame.stroke(
            &Path::line(Point::new(plot.x, y), Point::new(plot.x + plot.width, y)),
            Stroke::default().with_color(grid).with_width(1.0),
        );
        label(frame, format(value), Point::new(plot.x - 6.0, y - 7.0), color, true);
    }
}
