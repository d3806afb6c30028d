//! Tolerances, windows and shop facts the engine works with. Serialisable to TOML (`posrecon.toml`), with
//! defaults that make sense for a small shop; every field can be changed from the CLI and the GUI settings.

use chrono::NaiveTime;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde::{Deserialize, Serialize};

/// Everything the engine can be told. Missing fields in a TOML file take their defaults.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Config {
    pub matching: MatchConfig,
    pub settlement: SettlementConfig,
    pub shop: ShopConfig,
    pub rules: RuleConfig,
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
    /// Fixed fee per sale, in the shop's currency, charged on top of the rate: 0.30 for Stripe's "2.9 % + 30¢".
    /// Default 0 (a rate-only contract, as Chinese acquirers and most card terminals charge). A refund gives
    /// none of it back, see `engine::takings::contract_fee`.
    pub fee_fixed: Decimal,
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
    /// The settlement calendar that T+N and lateness are counted on: a bundled region ("CN", "US", "GB", "EU")
    /// or empty for Monday to Friday without holidays. See `engine::calendar`.
    pub calendar: String,
}

impl Default for SettlementConfig {
    fn default() -> Self {
        SettlementConfig {
            fee_rate: dec!(0.006),
            fee_fixed: Decimal::ZERO,
            cutoff: NaiveTime::from_hms_opt(23, 0, 0).unwrap_or(NaiveTime::MIN),
            delay_days: 1,
            search_days: 10,
            tolerance_abs: dec!(0.01),
            tolerance_rel: dec!(0.0005),
            calendar: String::new(),
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
    /// Words (case-insensitive; an ASCII word only as a whole word) that mark a bank row as coming from an
    /// acquirer; a leading `+` makes one count for money coming in only (`+paypal`: a PayPal transfer in is
    /// takings, a PayPal purchase is not). Empty = the built-in list (`engine::triage::ACQUIRER_PATTERNS`).
    pub acquirer_patterns: Vec<String>,
}

/// Thresholds of the suspicious-entry rules (`engine::rules`, one file per rule; each file's header explains it).
///
/// Only rows that take part are looked at: terminal sales and refunds that went through, not `duplicate` or
/// `unrelated` (declined, voided). The defaults are tuned so that a normal small shop (a few hundred card
/// payments a day, menu prices, regular customers paying more than once a day, refunds of earlier sales on the
/// same card) gets no flag at all; anything planted to be found should sit clearly beyond them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RuleConfig {
    /// double_charge: the same card charged the same amount twice within this many seconds (and the two rows are
    /// not one payment seen twice: different reference or voucher, or different times). The later charge is
    /// flagged. Default 600 (10 min): a terminal time-out and a second swipe happen within a minute or two; a
    /// customer buying the same coffee again comes back later than that.
    pub double_charge_secs: i64,
    /// card_velocity: more than `velocity_count` payments (sales or refunds) on one card within `velocity_secs`
    /// flags the one that exceeds the count and every later one still inside the window. Default 5 in 1800 s:
    /// nobody at a small counter pays six times in half an hour; card testers do.
    pub velocity_count: usize,
    pub velocity_secs: i64,
    /// split_below_limit: two or more sales on one card, each within `split_margin` (a fraction) below
    /// `split_limit`, each within `split_secs` of the previous one and summing above the limit; every one after
    /// the first is flagged. Default 1000.00 (the usual 小额免密 / no-PIN ceiling), 5 % (950.00 ≤ amount <
    /// 1000.00), 600 s.
    pub split_limit: Decimal,
    pub split_margin: Decimal,
    pub split_secs: i64,
    /// round_amount_large: a sale or refund of at least `round_min` that is a whole multiple of `round_unit`.
    /// Default 2000.00 in units of 100.00: a small shop's menu does not produce ¥3,000.00 exactly.
    pub round_min: Decimal,
    pub round_unit: Decimal,
    /// off_hours: a sale or refund outside `shop.open_from`..`shop.open_to` (overnight hours such as 18:00–02:00
    /// work; no hours configured = the rule is off) by more than this many minutes. Default 10: the last
    /// customer paying just after closing is normal.
    pub off_hours_grace_mins: i64,
    /// refund_without_sale / refund_exceeds_sale / refund_other_card: how far back the original sale is looked
    /// for. A refund is tied to its sale by the same reference (参考号) where the refund carries the original's;
    /// otherwise to an earlier sale on the same card with enough left to refund (each sale can be refunded once
    /// in total). A refund no sale on its card covers, whose exact amount was paid with another card in that
    /// time, is `refund_other_card`; with no such sale either, `refund_without_sale`. Default 90 days.
    pub refund_lookback_days: i64,
    /// daily_total_outlier: a business day (see `settlement.cutoff`) whose total of sales − refunds has a robust
    /// z-score (x − median) / (1.4826 · MAD) above `outlier_z` AND is at least `outlier_min_ratio` × the median
    /// day; the day's largest sale is flagged. Needs `outlier_min_days` days with takings. Defaults 5, 1.5 and 7:
    /// a busy Saturday is not an outlier; a day with one ¥20,000 sale in a ¥5,000-a-day shop is.
    pub outlier_z: Decimal,
    pub outlier_min_ratio: Decimal,
    pub outlier_min_days: usize,
    /// unknown_terminal / unknown_merchant when `shop.known_terminals` / `shop.known_merchants` is empty: an ID
    /// first seen after the first day of the data, on at most this many rows, while an ID seen from the first day
    /// (or on more rows) is still trading. Every row with that ID is flagged. Default 30.
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
            split_secs: 600,
            round_min: dec!(2000.00),
            round_unit: dec!(100.00),
            off_hours_grace_mins: 10,
            refund_lookback_days: 90,
            outlier_z: dec!(5),
            outlier_min_ratio: dec!(1.5),
            outlier_min_days: 7,
            unknown_terminal_max_rows: 30,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_config_saved_before_the_fixed_fee_existed_loads_with_none() {
        let toml_text = "[settlement]\nfee_rate = \"0.0055\"\ndelay_days = 2\n";
        let read: Config = toml::from_str(toml_text).unwrap_or_default();
        assert_eq!(
            (read.settlement.fee_rate, read.settlement.delay_days),
            (dec!(0.0055), 2),
            "the file was read"
        );
        assert_eq!(read.settlement.fee_fixed, Decimal::ZERO);
        let json_text = r#"{"settlement": {"fee_rate": "0.029", "delay_days": 2}}"#;
        let read: Config = serde_json::from_str(json_text).unwrap_or_default();
        assert_eq!(
            (read.settlement.fee_rate, read.settlement.fee_fixed),
            (dec!(0.029), Decimal::ZERO)
        );
    }

    #[test]
    fn the_fixed_fee_is_saved_and_read_back() {
        let mut config = Config::default();
        config.settlement.fee_fixed = dec!(0.30);
        let text = toml::to_string(&config).unwrap_or_default();
        let back: Config = toml::from_str(&text).unwrap_or_default();
        assert_eq!(back.settlement.fee_fixed, dec!(0.30), "{text}");
    }
}
