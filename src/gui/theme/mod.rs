//! Look and feel in one place: the bundled CJK font, text sizes, spacing, row height, the light/dark themes
//! and the colour of each status and severity. Widget styles live in the submodules, one per widget kind.

pub mod button;
pub mod container;

use iced::{Color, Font, Theme};

use crate::engine::{Severity, Status};

/// Noto Sans CJK SC (SIL Open Font License), subset to Latin, CJK punctuation and the GB2312 hanzi.
pub const FONT_BYTES: &[u8] = include_bytes!("../../../assets/NotoSansSC-posrecon.otf");
/// The bundled font, used for all text so Chinese renders the same on every OS.
pub const FONT: Font = Font::with_name("Noto Sans CJK SC");
pub const FONT_BOLD: Font = Font {
    weight: iced::font::Weight::Bold,
    ..FONT
};

pub const TEXT: f32 = 14.0;
pub const SMALL: f32 = 12.0;
pub const HEADING: f32 = 20.0;
pub const TITLE: f32 = 28.0;
pub const CARD_NUMBER: f32 = 22.0;
pub const SPACING: f32 = 12.0;
pub const PADDING: f32 = 16.0;
/// Height of one results-table row; the table's virtualisation relies on it being fixed.
pub const ROW_HEIGHT: f32 = 30.0;
pub const RADIUS: f32 = 6.0;
/// Width of a summary card; the cards wrap onto a second line when the detail pane is open.
pub const CARD_WIDTH: f32 = 128.0;

/// The app's theme: iced's light or dark palette with posrecon's primary colour.
pub fn theme(dark: bool) -> Theme {
    let base = if dark {
        iced::theme::Palette::DARK
    } else {
        iced::theme::Palette::LIGHT
    };
    let palette = iced::theme::Palette {
        primary: if dark {
            Color::from_rgb8(0x5b, 0x9b, 0xff)
        } else {
            Color::from_rgb8(0x1f, 0x5f, 0xc8)
        },
        ..base
    };
    Theme::custom(if dark { "posrecon dark" } else { "posrecon light" }, palette)
}

/// The colour that marks a status (badges, chart bars). Dark enough for white text on top in both themes.
pub fn status_color(status: Status) -> Color {
    match status {
        Status::Matched => Color::from_rgb8(0x2e, 0x7d, 0x32),
        Status::MatchedWithDifference => Color::from_rgb8(0x9a, 0x67, 0x00),
        Status::InBatch => Color::from_rgb8(0x1e, 0x6a, 0x8d),
        Status::Missing => Color::from_rgb8(0xc6, 0x28, 0x28),
        Status::Duplicate => Color::from_rgb8(0x8e, 0x24, 0xaa),
        Status::Unrelated => Color::from_rgb8(0x75, 0x75, 0x75),
    }
}

pub fn severity_color(severity: Severity) -> Color {
    match severity {
        Severity::High => Color::from_rgb8(0xc6, 0x28, 0x28),
        Severity::Medium => Color::from_rgb8(0xd8, 0x6a, 0x00),
        Severity::Low => Color::from_rgb8(0x5d, 0x6d, 0x7e),
    }
}

/// Muted text (hints, secondary figures).
pub fn muted(theme: &Theme) -> Color {
    let palette = theme.extended_palette();
    let mut color = palette.background.base.text;
    color.a = 0.65;
    color
}
