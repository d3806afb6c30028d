//! Tolerances, windows and shop facts the engine works with. Serialisable to TOML (`posrecon.toml`), with
//! defaults that make sense for a small shop; every field can be changed from the CLI and the GUI settings.

use chrono::NaiveTime;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde::{Deserialize, Serialize};

/// Everything the engine can be told. Missing fields in a TOML file take their defaults.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Config {
    pub matching: MatchConfig,
    pub settlement: SettlementConfig,
    pub shop: ShopConfig,
    pub rules: RuleConfig,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            matching: MatchConfig::default(),
            settlement: SettlementConfig::default(),
            shop: ShopConfig::default(),
            rules: RuleConfig::default(),
        }
    }
}

/// One-to-one matching: windows and tolerances.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MatchConfig {
    /// How long before the sale a bank posting may be dated (seconds; clocks drift). Default 120.
    pub window_before_secs: i64,
    /// How long after the sale a bank posting may come (seconds). Default 1800.
    pub window_after_secs: i64,
    /// Date-only rows match when the bank date is 0..=this many days after the sale. Default 3.
    pub date_only_days: i64,
    /// Near matches: amounts within this absolute difference are "matched with difference". Default 1.00.
    pub near_amount_abs: Decimal,
    /// Two equal amounts on one side closer than this are reported as ambiguous pairs. Default 60.
    pub ambiguous_secs: i64,
}

impl Default for MatchConfig {
    fn default() -> Self {
        MatchConfig {
            window_before_secs: 120,
            window_after_secs: 1800,
            date_only_days: 3,
            near_amount_abs: dec!(1.00),
            ambiguous_secs: 60,
        }
    }
}

/// Settlement batches: one bank credit per merchant/terminal and business day, net of fees.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SettlementConfig {
    /// Contracted fee rate as a fraction (0.006 = 0.6 %).
    pub fee_rate: Decimal,
    /// A business day ends at this time; sales after it belong to the next day. Default 23:00.
    pub cutoff: NaiveTime,
    /// Contracted settlement delay in days (T+1 = 1). Default 1.
    pub delay_days: i64,
    /// How far past the contracted delay a credit is still searched for (days). Default 10.
    pub search_days: i64,
    /// Absolute tolerance for batch equality. Default 0.01.
    pub tolerance_abs: Decimal,
    /// Relative tolerance (fraction of the expected net). Default 0.0005 (0.05 %).
    pub tolerance_rel: Decimal,
}

impl Default for SettlementConfig {
    fn default() -> Self {
        SettlementConfig {
            fee_rate: dec!(0.006),
            cutoff: NaiveTime::from_hms_opt(23, 0, 0).unwrap_or(NaiveTime::MIN),
            delay_days: 1,
            search_days: 10,
            tolerance_abs: dec!(0.01),
            tolerance_rel: dec!(0.0005),
        }
    }
}

/// Facts about the shop.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ShopConfig {
    /// The shop's own terminal IDs; empty = learn them from the data.
    pub known_terminals: Vec<String>,
    /// The shop's own merchant IDs; empty = learn them from the data.
    pub known_merchants: Vec<String>,
    /// The shop's own bank account numbers; empty = not checked.
    pub own_accounts: Vec<String>,
    /// Opening hours (local time). `None` = the off-hours rule is off.
    pub open_from: Option<NaiveTime>,
    pub open_to: Option<NaiveTime>,
    /// Regular expressions or plain substrings (case-insensitive) that mark a bank row as coming from an
    /// acquirer. Empty = the built-in list.
    pub acquirer_patterns: Vec<String>,
}

/// Thresholds of the suspicious-entry rules (`engine::rules`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RuleConfig {
    /// double_charge: same card and amount within this many seconds. Default 600.
    pub double_charge_secs: i64,
    /// card_velocity: more than `velocity_count` transactions on one card within `velocity_secs`.
    pub velocity_count: usize,
    pub velocity_secs: i64,
    /// split_below_limit: a limit (e.g. 1000.00) and how far below it counts as "just below" (fraction).
    pub split_limit: Decimal,
    pub split_margin: Decimal,
    /// round_amount_large: amounts of at least this, multiple of `round_unit`.
    pub round_min: Decimal,
    pub round_unit: Decimal,
    /// daily_total_outlier: robust z-score (|x − median| / (1.4826·MAD)) above this.
    pub outlier_z: Decimal,
    /// unknown_terminal without a known list: fewer than this many rows, first seen after the period start.
    pub unknown_terminal_max_rows: usize,
}

impl Default for RuleConfig {
    fn default() -> Self {
        RuleConfig {
            double_charge_secs: 600,
            velocity_count: 5,
            velocity_secs: 1800,
            split_limit: dec!(1000.00),
            split_margin: dec!(0.05),
            round_min: dec!(2000.00),
            round_unit: dec!(100.00),
            outlier_z: dec!(5),
            unknown_terminal_max_rows: 30,
        }
    }
}
