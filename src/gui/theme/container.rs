//! Container styles: cards, the drop zone, table rows, status badges, panes and the error box.

use iced::widget::container::Style;
use iced::{Background, Border, Color, Theme};

use super::RADIUS;

/// A raised card (summary cards, file cards, the detail pane).
pub fn card(theme: &Theme) -> Style {
    let palette = theme.extended_palette();
    Style {
        background: Some(palette.background.weakest.color.into()),
        text_color: Some(palette.background.weakest.text),
        border: Border {
            width: 1.0,
            radius: RADIUS.into(),
            color: palette.background.strong.color,
        },
        ..Style::default()
    }
}

/// The big drop zone on the home screen; brighter while files hover over the window.
pub fn drop_zone(hovered: bool) -> impl Fn(&Theme) -> Style {
    move |theme| {
        let palette = theme.extended_palette();
        let accent = if hovered {
            palette.primary.base.color
        } else {
            palette.background.strong.color
        };
        Style {
            background: Some(
                if hovered {
                    palette.primary.weak.color.scale_alpha(0.25)
                } else {
                    palette.background.weakest.color
                }
                .into(),
            ),
            text_color: Some(palette.background.base.text),
            border: Border {
                width: 2.0,
                radius: (RADIUS * 2.0).into(),
                color: accent,
            },
            ..Style::default()
        }
    }
}

/// A results-table row: zebra stripes; the selected row in the primary colour.
pub fn table_row(odd: bool, selected: bool) -> impl Fn(&Theme) -> Style {
    move |theme| {
        let palette = theme.extended_palette();
        let (background, text) = if selected {
            (palette.primary.weak.color, palette.primary.weak.text)
        } else if odd {
            (palette.background.weak.color, palette.background.weak.text)
        } else {
            (palette.background.base.color, palette.background.base.text)
        };
        Style {
            background: Some(background.into()),
            text_color: Some(text),
            ..Style::default()
        }
    }
}

/// The header line of a table.
pub fn table_header(theme: &Theme) -> Style {
    let palette = theme.extended_palette();
    Style {
        background: Some(palette.background.strong.color.into()),
        text_color: Some(palette.background.strong.text),
        ..Style::default()
    }
}

/// A small coloured pill with white text (status, severity).
pub fn badge(color: Color) -> impl Fn(&Theme) -> Style {
    move |_theme| Style {
        background: Some(Background::Color(color)),
        text_color: Some(Color::WHITE),
        border: Border {
            width: 0.0,
            radius: 10.0.into(),
            color,
        },
        ..Style::default()
    }
}

/// A box around import errors and failed work.
pub fn error_box(theme: &Theme) -> Style {
    let palette = theme.extended_palette();
    Style {
        background: Some(palette.danger.weak.color.scale_alpha(0.2).into()),
        text_color: Some(palette.background.base.text),
        border: Border {
            width: 1.0,
            radius: RADIUS.into(),
            color: palette.danger.base.color,
        },
        ..Style::default()
    }
}

/// The top bar with the screen tabs.
pub fn top_bar(theme: &Theme) -> Style {
    let palette = theme.extended_palette();
    Style {
        background: Some(palette.background.weak.color.into()),
        text_color: Some(palette.background.weak.text),
        ..Style::default()
    }
}
