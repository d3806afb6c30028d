//! The settings screen: contracted fee rate and fixed fee per sale, tolerances, matching window, settlement delay, opening hours,
//! the shop's own terminal and merchant IDs, language and light/dark theme. Figures are typed as text and
//! checked on "apply"; a field that does not read says what it expected.

use chrono::NaiveTime;
use iced::widget::{button, column, container, row, text, text_input};
use iced::{Center, Fill};
use rust_decimal::Decimal;

use crate::app::i18n::{self, Language};
use crate::engine::Config;
use crate::gui::{Element, theme};

/// The settlement calendars offered: region, Chinese name, English name.
const CALENDARS: [(&str, &str, &str); 5] = [
    ("", "周一至周五", "Mon–Fri"),
    ("CN", "中国大陆", "China"),
    ("US", "美国", "US"),
    ("GB", "英国", "UK"),
    ("EU", "欧元区", "Euro area"),
];

/// The fields as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Settings {
    pub fee_rate_percent: String,
    /// The fixed fee per sale, an amount (0.30 for Stripe's 2.9 % + 30¢).
    pub fee_fixed: String,
    pub settlement_tolerance: String,
    pub near_amount: String,
    pub window_before_min: String,
    pub window_after_min: String,
    pub delay_days: String,
    /// The settlement calendar T+N is counted on: a bundled region, or empty for Monday to Friday.
    pub calendar: String,
    pub open_from: String,
    pub open_to: String,
    pub terminals: String,
    pub merchants: String,
    /// The config the fields started from; fields not shown keep its values.
    base: Option<Box<ConfigText>>,
    /// Why "apply" was refused.
    pub error: Option<String>,
}

/// A config kept as TOML so `Settings` stays `Eq`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct ConfigText(String);

/// The fields of the screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    FeeRate,
    FeeFixed,
    SettlementTolerance,
    NearAmount,
    WindowBefore,
    WindowAfter,
    DelayDays,
    OpenFrom,
    OpenTo,
    Terminals,
    Merchants,
}

#[derive(Clone, Debug)]
pub enum Message {
    /// A field was edited.
    Edit(Field, String),
    /// "Apply" was clicked: check the fields (errors in this language) and re-run the reconciliation.
    Apply(Language),
    /// A language was chosen.
    Language(Language),
    /// The theme switch.
    Dark(bool),
    /// A settlement calendar was chosen ("" = Monday to Friday).
    Calendar(&'static str),
}

#[allow(
    clippy::large_enum_variant,
    reason = "one event per click on Apply; boxing the config would cost more than it saves"
)]
pub enum Event {
    Apply(Config),
    Language(Language),
    Dark(bool),
}

impl Settings {
    pub fn new(config: &Config) -> Settings {
        let minutes = |secs: i64| (secs / 60).to_string();
        let time = |t: Option<NaiveTime>| t.map(|t| t.format("%H:%M").to_string()).unwrap_or_default();
        Settings {
            fee_rate_percent: (config.settlement.fee_rate * Decimal::ONE_HUNDRED)
                .normalize()
                .to_string(),
            fee_fixed: amount(config.settlement.fee_fixed),
            settlement_tolerance: config.settlement.tolerance_abs.to_string(),
            near_amount: config.matching.near_amount_abs.to_string(),
            window_before_min: minutes(config.matching.window_before_secs),
            window_after_min: minutes(config.matching.window_after_secs),
            delay_days: config.settlement.delay_days.to_string(),
            calendar: config.settlement.calendar.to_uppercase(),
            open_from: time(config.shop.open_from),
            open_to: time(config.shop.open_to),
            terminals: config.shop.known_terminals.join(", "),
            merchants: config.shop.known_merchants.join(", "),
            base: toml::to_string(config).ok().map(|t| Box::new(ConfigText(t))),
            error: None,
        }
    }

    pub fn update(&mut self, message: Message) -> Option<Event> {
        match message {
            Message::Edit(field, value) => {
                *self.field_mut(field) = value;
                None
            }
            Message::Apply(language) => match self.to_config(language) {
                Ok(config) => {
                    self.error = None;
                    Some(Event::Apply(config))
                }
                Err(error) => {
                    self.error = Some(error);
                    None
                }
            },
            Message::Language(language) => Some(Event::Language(language)),
            Message::Dark(dark) => Some(Event::Dark(dark)),
            Message::Calendar(region) => {
                self.calendar = region.to_string();
                None
            }
        }
    }

    fn field_mut(&mut self, field: Field) -> &mut String {
        match field {
            Field::FeeRate => &mut self.fee_rate_percent,
            Field::FeeFixed => &mut self.fee_fixed,
            Field::SettlementTolerance => &mut self.settlement_tolerance,
            Field::NearAmount => &mut self.near_amount,
            Field::WindowBefore => &mut self.window_before_min,
            Field::WindowAfter => &mut self.window_after_min,
            Field::DelayDays => &mut self.delay_days,
            Field::OpenFrom => &mut self.open_from,
            Field::OpenTo => &mut self.open_to,
            Field::Terminals => &mut self.terminals,
            Field::Merchants => &mut self.merchants,
        }
    }

    /// The config the fields describe, or which field does not read and what it expected.
    pub fn to_config(&self, language: Language) -> Result<Config, String> {
        let mut config: Config = self
            .base
            .as_ref()
            .and_then(|b| toml::from_str(&b.0).ok())
            .unwrap_or_default();
        let decimal = |name: &str, value: &str| {
            value
                .trim()
                .trim_end_matches('%')
                .parse::<Decimal>()
                .ok()
                .filter(|d| *d >= Decimal::ZERO)
                .ok_or_else(|| format!("{name}: “{value}” — {}", i18n::expected_number(language)))
        };
        let whole = |name: &str, value: &str| {
            value
                .trim()
                .parse::<i64>()
                .ok()
                .filter(|n| *n >= 0)
                .ok_or_else(|| format!("{name}: “{value}” — {}", i18n::expected_whole_number(language)))
        };
        let time = |name: &str, value: &str| -> Result<Option<NaiveTime>, String> {
            let value = value.trim();
            if value.is_empty() {
                return Ok(None);
            }
            NaiveTime::parse_from_str(value, "%H:%M")
                .map(Some)
                .map_err(|_| format!("{name}: “{value}” — {}", i18n::expected_time(language)))
        };
        let list = |value: &str| {
            value
                .split([',', '，', ';', ' '])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect::<Vec<_>>()
        };
        config.settlement.fee_rate =
            decimal(i18n::fee_rate_label(language), &self.fee_rate_percent)? / Decimal::ONE_HUNDRED;
        // The amount may be typed with its currency sign in front: "$0.30".
        let fixed = self.fee_fixed.trim().trim_start_matches(['$', '€', '£', '¥', '￥']);
        config.settlement.fee_fixed = decimal(i18n::fee_fixed_label(language), fixed)?;
        config.settlement.tolerance_abs =
            decimal(i18n::settlement_tolerance_label(language), &self.settlement_tolerance)?;
        config.matching.near_amount_abs = decimal(i18n::near_amount_label(language), &self.near_amount)?;
        config.matching.window_before_secs = whole(i18n::window_before_label(language), &self.window_before_min)? * 60;
        config.matching.window_after_secs = whole(i18n::window_after_label(language), &self.window_after_min)? * 60;
        config.settlement.delay_days = whole(i18n::delay_days_label(language), &self.delay_days)?;
        config.settlement.calendar = self.calendar.clone();
        config.shop.open_from = time(i18n::open_from_label(language), &self.open_from)?;
        config.shop.open_to = time(i18n::open_to_label(language), &self.open_to)?;
        config.shop.known_terminals = list(&self.terminals);
        config.shop.known_merchants = list(&self.merchants);
        Ok(config)
    }

    pub fn view(&self, language: Language, dark: bool) -> Element<'_, Message> {
        let input = |label: &'static str, hint: &'static str, field: Field, value: &str| {
            row![
                text(label).size(theme::TEXT).width(260),
                text_input(hint, value)
                    .on_input(move |v| Message::Edit(field, v))
                    .size(theme::TEXT)
                    .padding(6)
                    .width(380),
            ]
            .spacing(12)
            .align_y(Center)
        };
        let choice = |label: &'static str, on: bool, message: Message| {
            button(text(label).size(theme::TEXT))
                .padding([6, 14])
                .style(theme::button::tab(on))
                .on_press(message)
        };
        let mut page = column![
            text(i18n::settings(language)).size(theme::HEADING),
            row![
                text(i18n::language_label(language)).size(theme::TEXT).width(260),
                row(Language::ALL.map(|l| choice(l.name(), l == language, Message::Language(l)).into())).spacing(6),
            ]
            .spacing(12)
            .align_y(Center),
            row![
                text(i18n::theme_label(language)).size(theme::TEXT).width(260),
                row![
                    choice(i18n::light(language), !dark, Message::Dark(false)),
                    choice(i18n::dark(language), dark, Message::Dark(true))
                ]
                .spacing(6),
            ]
            .spacing(12)
            .align_y(Center),
            text(i18n::matching_settings(language)).size(theme::HEADING),
            input(
                i18n::fee_rate_label(language),
                "0.6",
                Field::FeeRate,
                &self.fee_rate_percent
            ),
            input(i18n::fee_fixed_label(language), "0", Field::FeeFixed, &self.fee_fixed),
            input(
                i18n::settlement_tolerance_label(language),
                "0.01",
                Field::SettlementTolerance,
                &self.settlement_tolerance
            ),
            input(
                i18n::near_amount_label(language),
                "1.00",
                Field::NearAmount,
                &self.near_amount
            ),
            input(
                i18n::window_before_label(language),
                "2",
                Field::WindowBefore,
                &self.window_before_min
            ),
            input(
                i18n::window_after_label(language),
                "30",
                Field::WindowAfter,
                &self.window_after_min
            ),
            input(
                i18n::delay_days_label(language),
                "1",
                Field::DelayDays,
                &self.delay_days
            ),
            row![
                text(i18n::calendar_label(language)).size(theme::TEXT).width(260),
                row(CALENDARS.map(|(region, zh, en)| {
                    let name = if language == Language::ZhCn { zh } else { en };
                    choice(name, self.calendar == region, Message::Calendar(region)).into()
                }))
                .spacing(6),
            ]
            .spacing(12)
            .align_y(Center),
            input(
                i18n::open_from_label(language),
                i18n::hours_hint(language),
                Field::OpenFrom,
                &self.open_from
            ),
            input(
                i18n::open_to_label(language),
                i18n::hours_hint(language),
                Field::OpenTo,
                &self.open_to
            ),
            input(
                i18n::terminals_label(language),
                i18n::ids_hint(language),
                Field::Terminals,
                &self.terminals
            ),
            input(
                i18n::merchants_label(language),
                i18n::ids_hint(language),
                Field::Merchants,
                &self.merchants
            ),
            button(text(i18n::apply(language)).size(theme::TEXT))
                .padding([8, 20])
                .style(button::primary)
                .on_press(Message::Apply(language)),
        ]
        .spacing(10);
        if let Some(error) = &self.error {
            page = page.push(
                container(text(error.as_str()).size(theme::TEXT))
                    .padding(8)
                    .style(theme::container::error_box),
            );
        }
        iced::widget::scrollable(container(page).padding(theme::PADDING * 2.0).width(Fill)).into()
    }
}

/// An amount as typed: `0.30`, `0.00`; more decimals only where the figure has them (`0.005`).
fn amount(value: Decimal) -> String {
    let value = value.normalize();
    if value.scale() <= 2 {
        format!("{value:.2}")
    } else {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_round_trip_to_the_config() {
        let mut config = Config::default();
        config.shop.known_terminals = vec!["T1".into(), "T2".into()];
        let settings = Settings::new(&config);
        assert_eq!(settings.fee_rate_percent, "0.6");
        assert_eq!(settings.to_config(Language::En), Ok(config));
    }

    #[test]
    fn a_bad_field_says_what_was_expected() {
        let mut settings = Settings::new(&Config::default());
        let _ = settings.update(Message::Edit(Field::OpenFrom, "8 o'clock".into()));
        assert!(settings.update(Message::Apply(Language::En)).is_none());
        assert!(
            settings
                .error
                .as_deref()
                .is_some_and(|e| e.contains("8 o'clock") && e.contains("08:00")),
            "{:?}",
            settings.error
        );
        let _ = settings.update(Message::Edit(Field::OpenFrom, "08:30".into()));
        let _ = settings.update(Message::Edit(Field::FeeRate, "0.55".into()));
        match settings.update(Message::Apply(Language::En)) {
            Some(Event::Apply(config)) => {
                assert_eq!(config.settlement.fee_rate, Decimal::new(55, 4));
                assert_eq!(config.shop.open_from, NaiveTime::from_hms_opt(8, 30, 0));
            }
            _ => panic!("apply refused: {:?}", settings.error),
        }
    }

    #[test]
    fn the_fixed_fee_per_sale_is_read_like_the_rate_and_kept_in_the_config() {
        let mut stripe = Config::default();
        stripe.settlement.fee_fixed = Decimal::new(30, 2);
        let mut settings = Settings::new(&stripe);
        assert_eq!(
            (
                settings.fee_fixed.as_str(),
                Settings::new(&Config::default()).fee_fixed.as_str()
            ),
            ("0.30", "0.00")
        );
        let _ = settings.update(Message::Edit(Field::FeeFixed, "30 cents".into()));
        assert!(settings.update(Message::Apply(Language::ZhCn)).is_none());
        assert!(
            settings
                .error
                .as_deref()
                .is_some_and(|e| e.starts_with("每笔固定手续费") && e.contains("30 cents")),
            "{:?}",
            settings.error
        );
        let _ = settings.update(Message::Edit(Field::FeeFixed, " $0.25".into()));
        match settings.update(Message::Apply(Language::En)) {
            Some(Event::Apply(config)) => assert_eq!(config.settlement.fee_fixed, Decimal::new(25, 2)),
            _ => panic!("apply refused: {:?}", settings.error),
        }
    }

    #[test]
    fn the_settlement_calendar_is_chosen_and_applied() {
        let mut config = Config::default();
        config.settlement.calendar = "cn".into();
        let mut settings = Settings::new(&config);
        assert_eq!(settings.calendar, "CN");
        assert!(settings.update(Message::Calendar("GB")).is_none());
        match settings.update(Message::Apply(Language::En)) {
            Some(Event::Apply(config)) => assert_eq!(config.settlement.calendar, "GB"),
            _ => panic!("apply gives the config"),
        }
    }
}
