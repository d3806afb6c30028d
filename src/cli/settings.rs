//! Settings from the command line: the config file (`posrecon.toml`), the flags that override it, and the
//! parsers clap uses for fee rates, fixed fees, opening hours, languages and severities.

use std::path::Path;
use std::str::FromStr;

use chrono::NaiveTime;
use rust_decimal::Decimal;
use serde::de::DeserializeOwned;

use super::CliError;
use crate::engine::{Config, Severity};
use crate::report::Lang;

/// Opening hours from `--open-hours 08:00-22:00` (overnight hours such as `18:00-02:00` allowed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OpenHours {
    pub from: NaiveTime,
    pub to: NaiveTime,
}

/// The flags of `reconcile` that override the config file. `None` = keep the file's (or default) value.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    pub fee_rate: Option<Decimal>,
    pub fee_fixed: Option<Decimal>,
    pub known_terminals: Option<Vec<String>>,
    pub known_merchants: Option<Vec<String>>,
    pub open_hours: Option<OpenHours>,
    /// T+N: the contracted settlement delay in working days.
    pub delay_days: Option<i64>,
    /// The settlement calendar (a bundled region).
    pub calendar: Option<String>,
}

impl Overrides {
    pub fn apply(&self, config: &mut Config) {
        if let Some(rate) = self.fee_rate {
            config.settlement.fee_rate = rate;
        }
        if let Some(fixed) = self.fee_fixed {
            config.settlement.fee_fixed = fixed;
        }
        if let Some(ids) = &self.known_terminals {
            config.shop.known_terminals = ids.clone();
        }
        if let Some(ids) = &self.known_merchants {
            config.shop.known_merchants = ids.clone();
        }
        if let Some(hours) = self.open_hours {
            config.shop.open_from = Some(hours.from);
            config.shop.open_to = Some(hours.to);
        }
        if let Some(days) = self.delay_days {
            config.settlement.delay_days = days;
        }
        if let Some(region) = &self.calendar {
            config.settlement.calendar = region.clone();
        }
    }
}

/// Reads a TOML file into `T` (a config or an import profile). Missing file and bad TOML are plain errors.
pub fn read_toml<T: DeserializeOwned>(path: &Path) -> Result<T, CliError> {
    let text = std::fs::read_to_string(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => CliError::MissingFile { path: path.to_owned() },
        _ => CliError::Unreadable {
            path: path.to_owned(),
            source,
        },
    })?;
    toml::from_str(&text).map_err(|err| CliError::BadSettingsFile {
        path: path.to_owned(),
        message: toml_message(&text, &err),
    })
}

/// `line:column: message` for a TOML error, when the error knows where it is.
fn toml_message(text: &str, err: &toml::de::Error) -> String {
    let message = err.message().trim();
    match err.span() {
        Some(span) => {
            let before = text.get(..span.start).unwrap_or("");
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            format!("{line}:{column}: {message}")
        }
        None => message.to_string(),
    }
}

/// The config file's settings (defaults without a file), with the flags applied on top.
pub fn load_config(path: Option<&Path>, overrides: &Overrides) -> Result<Config, CliError> {
    let mut config = match path {
        Some(path) => read_toml(path)?,
        None => Config::default(),
    };
    // A calendar the file names but posrecon does not know would count lateness on weekdays in silence.
    if let Some(path) = path
        && let Err(message) = parse_calendar(&config.settlement.calendar)
        && !config.settlement.calendar.is_empty()
    {
        return Err(CliError::BadSettingsFile {
            path: path.to_path_buf(),
            message: format!("[settlement] calendar: {message}"),
        });
    }
    overrides.apply(&mut config);
    Ok(config)
}

/// `0.006` (a fraction) or `0.6%` (a percentage).
pub fn parse_fee_rate(text: &str) -> Result<Decimal, String> {
    let expected = "a fee rate such as 0.006 or 0.6%";
    let t = text.trim();
    let (number, percent) = match t.strip_suffix('%') {
        Some(n) => (n.trim(), true),
        None => (t, false),
    };
    let value = Decimal::from_str(number).map_err(|_| format!("expected {expected}, found {text:?}"))?;
    let rate = if percent { value / Decimal::ONE_HUNDRED } else { value };
    if rate.is_sign_negative() || rate >= Decimal::ONE {
        return Err(format!("expected {expected} (a fraction below 1), found {text:?}"));
    }
    Ok(rate)
}

/// A fixed fee per sale in the shop's currency: `0.30` (a currency sign in front, `$0.30`, is allowed and ignored).
pub fn parse_fee_fixed(text: &str) -> Result<Decimal, String> {
    let expected = "a fixed fee per sale such as 0.30";
    let number = text.trim().trim_start_matches(['$', '€', '£', '¥', '￥']).trim();
    let fee = Decimal::from_str(number).map_err(|_| format!("expected {expected}, found {text:?}"))?;
    if fee.is_sign_negative() {
        return Err(format!("expected {expected} (not negative), found {text:?}"));
    }
    Ok(fee)
}

/// A settlement calendar: one of the bundled regions (CN, US, GB, EU) or `weekdays`.
pub fn parse_calendar(text: &str) -> Result<String, String> {
    let region = text.trim().to_uppercase();
    if region == "WEEKDAYS" {
        return Ok(String::new());
    }
    match crate::engine::calendar::SettlementCalendar::builtin(&region) {
        Some(_) => Ok(region),
        None => Err(format!(
            "expected a settlement calendar: {} or weekdays, found {text:?}",
            crate::engine::calendar::SettlementCalendar::REGIONS.join(", ")
        )),
    }
}

/// `08:00-22:00`.
pub fn parse_open_hours(text: &str) -> Result<OpenHours, String> {
    let bad = || format!("expected opening hours such as 08:00-22:00, found {text:?}");
    let (from, to) = text.split_once('-').ok_or_else(bad)?;
    let time = |t: &str| NaiveTime::parse_from_str(t.trim(), "%H:%M").map_err(|_| bad());
    Ok(OpenHours {
        from: time(from)?,
        to: time(to)?,
    })
}

pub fn parse_lang(text: &str) -> Result<Lang, String> {
    Lang::from_id(text).ok_or_else(|| format!("expected zh or en, found {text:?}"))
}

pub fn parse_severity(text: &str) -> Result<Severity, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "high" => Ok(Severity::High),
        "medium" => Ok(Severity::Medium),
        "low" => Ok(Severity::Low),
        _ => Err(format!("expected high, medium or low, found {text:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn fee_rate_takes_fractions_and_percentages() {
        assert_eq!(parse_fee_rate("0.006"), Ok(dec!(0.006)));
        assert_eq!(parse_fee_rate("0.6%"), Ok(dec!(0.006)));
        assert!(parse_fee_rate("abc").is_err());
        assert!(parse_fee_rate("60").is_err());
        assert!(parse_fee_rate("-0.1").is_err());
    }

    #[test]
    fn fixed_fee_takes_an_amount_with_or_without_its_sign() {
        assert_eq!(parse_fee_fixed("0.30"), Ok(dec!(0.30)));
        assert_eq!(parse_fee_fixed(" $0.30 "), Ok(dec!(0.30)));
        assert_eq!(parse_fee_fixed("0"), Ok(dec!(0)));
        assert!(parse_fee_fixed("30c").is_err());
        assert!(parse_fee_fixed("-0.30").is_err());
    }

    #[test]
    fn open_hours_parse_and_reject() {
        let hours = parse_open_hours("08:00-22:00");
        assert_eq!(hours.map(|h| h.to.to_string()), Ok("22:00:00".to_string()));
        assert!(parse_open_hours("8 to 22").is_err());
        assert!(parse_open_hours("25:00-26:00").is_err());
    }

    #[test]
    fn flags_override_the_config_file() {
        let mut config = Config::default();
        let overrides = Overrides {
            fee_rate: Some(dec!(0.0055)),
            fee_fixed: Some(dec!(0.25)),
            known_terminals: Some(vec!["T1".into()]),
            known_merchants: None,
            open_hours: parse_open_hours("09:00-21:00").ok(),
            delay_days: Some(2),
            calendar: parse_calendar("cn").ok(),
        };
        overrides.apply(&mut config);
        assert_eq!(config.settlement.fee_rate, dec!(0.0055));
        assert_eq!(config.settlement.fee_fixed, dec!(0.25));
        assert_eq!(config.shop.known_terminals, vec!["T1".to_string()]);
        assert!(config.shop.known_merchants.is_empty());
        assert_eq!(config.shop.open_from.map(|t| t.to_string()), Some("09:00:00".into()));
        assert_eq!(
            (config.settlement.delay_days, config.settlement.calendar.as_str()),
            (2, "CN")
        );
        assert!(parse_calendar("Mars").is_err_and(|e| e.contains("CN, US, GB, EU")));
        assert_eq!(parse_calendar("weekdays"), Ok(String::new()));
    }

    #[test]
    fn a_bad_config_file_says_line_and_column() {
        let dir = std::env::temp_dir().join(format!("posrecon-settings-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join("bad.toml");
        let _ = std::fs::write(&path, "[settlement]\nfee_rate = [1\n");
        let err = load_config(Some(&path), &Overrides::default())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("bad.toml: 2:"), "{err}");
        let missing = load_config(Some(&dir.join("nope.toml")), &Overrides::default()).err();
        assert!(matches!(missing, Some(CliError::MissingFile { .. })));
    }
}
