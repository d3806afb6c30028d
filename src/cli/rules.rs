//! `posrecon rules`: every rule id with its severity, its name and the thresholds in force (defaults, or the
//! config file's with `--config`).

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::CliError;
use super::settings::{self, Overrides};
use crate::engine::{Config, RuleId};
use crate::report::{Lang, labels};

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Settings file whose thresholds to show (defaults without it).
    #[arg(long, value_name = "posrecon.toml")]
    pub config: Option<PathBuf>,
    /// Language of the rule names: en or zh.
    #[arg(long, value_name = "zh|en", default_value = "en", value_parser = settings::parse_lang)]
    pub lang: Lang,
}

/// The thresholds of a rule, in the config file's own names.
pub fn thresholds(rule: RuleId, c: &Config) -> String {
    let r = &c.rules;
    let s = &c.settlement;
    let list = |ids: &[String]| {
        if ids.is_empty() {
            "learned from the data".to_string()
        } else {
            ids.join(",")
        }
    };
    match rule {
        RuleId::DoubleCharge => format!("double_charge_secs = {}", r.double_charge_secs),
        RuleId::DuplicateInSource | RuleId::DuplicateImport => "same amount, time and reference/card".into(),
        RuleId::ShortSettlement | RuleId::OverSettlement => {
            format!(
                "tolerance_abs = {}, tolerance_rel = {}",
                s.tolerance_abs, s.tolerance_rel
            )
        }
        RuleId::LateSettlement => format!("delay_days = {}, search_days = {}", s.delay_days, s.search_days),
        RuleId::FeeAboveContract => format!("fee_rate = {}, fee_fixed = {}", s.fee_rate, s.fee_fixed),
        RuleId::UnknownTerminal => format!(
            "known_terminals = {}, unknown_terminal_max_rows = {}",
            list(&c.shop.known_terminals),
            r.unknown_terminal_max_rows
        ),
        RuleId::UnknownMerchant => format!(
            "known_merchants = {}, unknown_terminal_max_rows = {}",
            list(&c.shop.known_merchants),
            r.unknown_terminal_max_rows
        ),
        RuleId::RefundWithoutSale | RuleId::RefundExceedsSale | RuleId::RefundOtherCard => {
            format!("refund_lookback_days = {}", r.refund_lookback_days)
        }
        RuleId::CardVelocity => format!(
            "velocity_count = {}, velocity_secs = {}",
            r.velocity_count, r.velocity_secs
        ),
        RuleId::SplitBelowLimit => format!(
            "split_limit = {}, split_margin = {}, split_secs = {}",
            r.split_limit, r.split_margin, r.split_secs
        ),
        RuleId::RoundAmountLarge => format!("round_min = {}, round_unit = {}", r.round_min, r.round_unit),
        RuleId::OffHours => match (c.shop.open_from, c.shop.open_to) {
            (Some(from), Some(to)) => format!(
                "open {}-{}, off_hours_grace_mins = {}",
                from.format("%H:%M"),
                to.format("%H:%M"),
                r.off_hours_grace_mins
            ),
            _ => "off (no opening hours set)".into(),
        },
        RuleId::DailyTotalOutlier => format!(
            "outlier_z = {}, outlier_min_ratio = {}, outlier_min_days = {}",
            r.outlier_z, r.outlier_min_ratio, r.outlier_min_days
        ),
        RuleId::AmbiguousMatch => format!("ambiguous_secs = {}", c.matching.ambiguous_secs),
        RuleId::BalanceGap => "files with a balance column or opening/closing balances".into(),
    }
}

pub fn run(args: &RulesArgs) -> Result<(), CliError> {
    let config = settings::load_config(args.config.as_deref(), &Overrides::default())?;
    let mut out = anstream::stdout();
    let lang = args.lang;
    let write = |out: &mut dyn Write| -> std::io::Result<()> {
        writeln!(
            out,
            "{:<22} {:<8} {:<62} {}",
            "rule",
            "severity",
            "thresholds",
            lang.pick("name", "名称")
        )?;
        for rule in RuleId::ALL {
            let sev = labels::severity(rule.severity(), lang);
            writeln!(
                out,
                "{:<22} {:<8} {:<62} {}",
                rule.id(),
                sev,
                thresholds(rule, &config),
                labels::rule(rule, lang)
            )?;
        }
        out.flush()
    };
    write(&mut out).map_err(CliError::Stdout)
}
