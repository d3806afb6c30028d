//! Button styles: summary cards that act as filters, screen tabs, table rows and plain links.

use iced::widget::button::{Status, Style};
use iced::{Border, Color, Theme};

use super::RADIUS;

/// A summary card; outlined in its colour, filled when its filter is on.
pub fn summary_card(accent: Color, active: bool) -> impl Fn(&Theme, Status) -> Style {
    move |theme, status| {
        let palette = theme.extended_palette();
        let background = match (active, status) {
            (true, _) => accent.scale_alpha(0.18),
            (false, Status::Hovered) => palette.background.weak.color,
            _ => palette.background.weakest.color,
        };
        Style {
            background: Some(background.into()),
            text_color: palette.background.base.text,
            border: Border {
                width: if active { 2.0 } else { 1.0 },
                radius: RADIUS.into(),
                color: accent,
            },
            ..Style::default()
        }
    }
}

/// A tab of the top bar; the current screen is highlighted.
pub fn tab(current: bool) -> impl Fn(&Theme, Status) -> Style {
    move |theme, status| {
        let palette = theme.extended_palette();
        let (background, text) = match (current, status) {
            (true, _) => (Some(palette.primary.base.color.into()), palette.primary.base.text),
            (false, Status::Hovered) => (
                Some(palette.background.strong.color.into()),
                palette.background.strong.text,
            ),
            (false, Status::Disabled) => (None, palette.background.weak.text.scale_alpha(0.45)),
            (false, _) => (None, palette.background.weak.text),
        };
        Style {
            background,
            text_color: text,
            border: Border {
                radius: RADIUS.into(),
                ..Border::default()
            },
            ..Style::default()
        }
    }
}

/// A table row: transparent so the row container's zebra stripe shows; a light hover.
pub fn table_row(theme: &Theme, status: Status) -> Style {
    let palette = theme.extended_palette();
    Style {
        background: matches!(status, Status::Hovered).then(|| palette.primary.weak.color.scale_alpha(0.35).into()),
        text_color: palette.background.base.text,
        ..Style::default()
    }
}

/// A column header that sorts when clicked.
pub fn header(theme: &Theme, status: Status) -> Style {
    let palette = theme.extended_palette();
    Style {
        background: matches!(status, Status::Hovered).then(|| palette.background.base.color.scale_alpha(0.3).into()),
        text_color: palette.background.strong.text,
        ..Style::default()
    }
}
