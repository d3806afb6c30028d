//! `sample-data/truth.json`: what the generator planted and where, in the shape docs/FINDINGS.md describes —
//! the scenarios (which files go on which side, and the engine settings to use), the files (side, data-row
//! count, header line, encoding, summary lines, rows with card numbers in clear) and the anomalies (file +
//! physical line or Excel row, and the status and/or flag the engine must give that row).

use chrono::NaiveTime;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::engine::Config;
use crate::model::Side;

/// The whole ground truth of one generated set.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Truth {
    pub seed: u64,
    /// True for a `--clean` set: nothing planted, `anomalies` is empty.
    #[serde(default)]
    pub clean: bool,
    pub scenarios: Vec<Scenario>,
    pub files: Vec<FileTruth>,
    pub anomalies: Vec<Anomaly>,
}

/// One reconciliation to run: terminal files against bank files, with these settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    pub name: String,
    /// How the acquirer pays: `daily` (one net credit per business day) or `per_transaction`.
    #[serde(default)]
    pub settlement: String,
    /// Paths relative to sample-data/, in import order (later files are "imported later").
    pub terminal: Vec<String>,
    pub bank: Vec<String>,
    pub config: ScenarioConfig,
}

/// The engine settings of a scenario. Empty known-ID lists mean "learn them from the data".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScenarioConfig {
    /// Contracted fee rate as a decimal fraction, e.g. "0.006".
    pub fee_rate: Decimal,
    pub known_terminals: Vec<String>,
    #[serde(default)]
    pub known_merchants: Vec<String>,
    /// Opening hours, "HH:MM".
    pub open_from: String,
    pub open_to: String,
    /// Contracted settlement delay in days (T+1 = 1).
    #[serde(default = "one")]
    pub delay_days: i64,
    /// The settlement calendar (`SettlementConfig::calendar`): "CN", "US", "GB", "EU", or empty for weekdays.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub calendar: String,
}

fn one() -> i64 {
    1
}

impl ScenarioConfig {
    /// The engine configuration for this scenario: defaults plus the settings named here.
    pub fn to_engine_config(&self) -> Result<Config, chrono::ParseError> {
        let mut config = Config::default();
        config.settlement.fee_rate = self.fee_rate;
        config.settlement.delay_days = self.delay_days;
        config.settlement.calendar = self.calendar.clone();
        config.shop.known_terminals = self.known_terminals.clone();
        config.shop.known_merchants = self.known_merchants.clone();
        config.shop.open_from = Some(NaiveTime::parse_from_str(&self.open_from, "%H:%M")?);
        config.shop.open_to = Some(NaiveTime::parse_from_str(&self.open_to, "%H:%M")?);
        Ok(config)
    }
}

/// One generated file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FileTruth {
    /// Relative to sample-data/.
    pub path: String,
    pub side: Side,
    /// Data rows the importer must return (preamble, header and summary lines not counted).
    pub rows: usize,
    /// Physical line (CSV) or Excel row (sheet) of the header.
    pub header_line: u32,
    /// "GBK", "UTF-8" or "XLSX".
    #[serde(default)]
    pub encoding: String,
    /// For workbooks: the sheet holding the rows.
    #[serde(default)]
    pub sheet: Option<String>,
    /// Lines after the data the importer must skip as totals (合计).
    #[serde(default)]
    pub summary_lines: Vec<u32>,
    /// Lines whose card number is written in clear: it must come out of the importer masked.
    #[serde(default)]
    pub clear_card_lines: Vec<u32>,
}

/// One planted finding: on `file` at `line`, the engine must give this status and/or this flag.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Anomaly {
    pub scenario: String,
    pub file: String,
    pub line: u32,
    pub status: Option<String>,
    pub flag: Option<String>,
    pub note: String,
}
