//! `posrecon reconcile`: import the terminal log(s) and bank statement(s), reconcile, print a short summary
//! and write the exports asked for. Flags override the config file.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use rust_decimal::Decimal;

use super::imports::{SideFiles, import_all};
use super::settings::{self, OpenHours, Overrides};
use super::{CliError, EXIT_FINDINGS, summary};
use crate::engine::{self, Severity};
use crate::model::Side;
use crate::report::{self, Lang, Reconciliation};

#[derive(Debug, Args)]
pub struct ReconcileArgs {
    /// Terminal log(s): the POS terminal's or the acquirer's transaction export. Several files allowed.
    #[arg(long, value_name = "FILE", num_args = 1.., required = true)]
    pub terminal: Vec<PathBuf>,
    /// Bank statement(s). Several files allowed.
    #[arg(long, value_name = "FILE", num_args = 1.., required = true)]
    pub bank: Vec<PathBuf>,
    /// Import profile (column mapping, TOML) for the terminal files, instead of detecting it.
    #[arg(long, value_name = "P.toml")]
    pub terminal_profile: Option<PathBuf>,
    /// Day/month order of dates a file leaves open (05/01/2023): dmy, mdy or ymd. A mapping profile's own
    /// date order is replaced.
    #[arg(long, value_enum, value_name = "ORDER")]
    pub date_order: Option<super::imports::DateOrderArg>,
    /// Import profile (column mapping, TOML) for the bank files, instead of detecting it.
    #[arg(long, value_name = "P.toml")]
    pub bank_profile: Option<PathBuf>,
    /// Settings file (tolerances, fee rate, shop facts, rule thresholds). The flags below override it.
    #[arg(long, value_name = "posrecon.toml")]
    pub config: Option<PathBuf>,
    /// Contracted fee rate: 0.006 or 0.6%.
    #[arg(long, value_name = "RATE", value_parser = settings::parse_fee_rate)]
    pub fee_rate: Option<Decimal>,
    /// Fixed fee per sale on top of the rate, in the shop's currency: 0.30 for Stripe's 2.9% + 30¢
    /// (`--fee-rate 2.9% --fee-fixed 0.30`). A refund gets none of the fee back under such a contract. Default 0.
    #[arg(long, value_name = "AMOUNT", value_parser = settings::parse_fee_fixed)]
    pub fee_fixed: Option<Decimal>,
    /// Contracted settlement delay T+N, in working days of the settlement calendar. Default 1.
    #[arg(long, value_name = "N")]
    pub settlement_delay: Option<i64>,
    /// Settlement calendar that T+N and lateness are counted on: CN (State Council holidays and 调休 working
    /// weekends), US, GB, EU (TARGET2), or weekdays (Monday to Friday, the default).
    #[arg(long, value_name = "CN|US|GB|EU|weekdays", value_parser = settings::parse_calendar)]
    pub calendar: Option<String>,
    /// The shop's own terminal IDs, comma-separated.
    #[arg(long, value_name = "ID,ID", value_delimiter = ',')]
    pub known_terminals: Option<Vec<String>>,
    /// The shop's own merchant IDs, comma-separated.
    #[arg(long, value_name = "ID,ID", value_delimiter = ',')]
    pub known_merchants: Option<Vec<String>>,
    /// Opening hours, e.g. 08:00-22:00 (sales outside are flagged).
    #[arg(long, value_name = "HH:MM-HH:MM", value_parser = settings::parse_open_hours)]
    pub open_hours: Option<OpenHours>,
    /// Write the JSON report (docs/JSON.md) here; `-` for standard output.
    #[arg(long, value_name = "OUT")]
    pub json: Option<PathBuf>,
    /// Indent the JSON report for reading (it is written compact, row by row, by default).
    #[arg(long, conflicts_with = "ndjson")]
    pub pretty: bool,
    /// Write the JSON report as newline-delimited JSON: a summary line, then one line per row and per batch.
    #[arg(long)]
    pub ndjson: bool,
    /// Write the Excel workbook here.
    #[arg(long, value_name = "OUT")]
    pub xlsx: Option<PathBuf>,
    /// Write the findings as CSV here.
    #[arg(long, value_name = "OUT")]
    pub csv: Option<PathBuf>,
    /// Language of labels and reasons: en or zh.
    #[arg(long, value_name = "zh|en", default_value = "en", value_parser = settings::parse_lang)]
    pub lang: Lang,
    /// Skip rows that cannot be read (and say how many) instead of refusing the file.
    #[arg(long)]
    pub skip_bad_rows: bool,
    /// Exit with code 3 when a flag of this severity or higher is found.
    #[arg(long, value_name = "high|medium|low", value_parser = settings::parse_severity)]
    pub fail_on: Option<Severity>,
}

impl ReconcileArgs {
    fn json_layout(&self) -> report::json::JsonLayout {
        match (self.pretty, self.ndjson) {
            (_, true) => report::json::JsonLayout::Lines,
            (true, false) => report::json::JsonLayout::Pretty,
            (false, false) => report::json::JsonLayout::Compact,
        }
    }

    fn overrides(&self) -> Overrides {
        Overrides {
            fee_rate: self.fee_rate,
            fee_fixed: self.fee_fixed,
            known_terminals: self.known_terminals.clone(),
            known_merchants: self.known_merchants.clone(),
            open_hours: self.open_hours,
            delay_days: self.settlement_delay,
            calendar: self.calendar.clone(),
        }
    }
}

fn is_stdout(path: &Path) -> bool {
    path.as_os_str() == "-"
}

pub fn run(args: &ReconcileArgs) -> Result<ExitCode, CliError> {
    let config = settings::load_config(args.config.as_deref(), &args.overrides())?;
    let sides = [
        SideFiles {
            side: Side::Terminal,
            files: &args.terminal,
            profile: args.terminal_profile.as_deref(),
            date_order: args.date_order,
        },
        SideFiles {
            side: Side::Bank,
            files: &args.bank,
            profile: args.bank_profile.as_deref(),
            date_order: args.date_order,
        },
    ];
    let loaded = import_all(&sides, args.skip_bad_rows)?;
    for warning in &loaded.warnings {
        anstream::eprintln!("warning: {}", super::shown::shown(&warning.to_string()));
    }
    let report = engine::reconcile(&loaded.terminal, &loaded.bank, &config, &[]);
    let rec = Reconciliation {
        sources: &loaded.sources,
        terminal: &loaded.terminal,
        bank: &loaded.bank,
        report: &report,
    };

    let json_to_stdout = args.json.as_deref().is_some_and(is_stdout);
    if json_to_stdout {
        let stdout = std::io::stdout();
        report::json::write_report(
            &rec,
            args.lang,
            args.json_layout(),
            std::io::BufWriter::new(stdout.lock()),
        )
        .map_err(|e| CliError::Stdout(std::io::Error::other(e)))?;
    }
    let exports = Exports {
        json: args.json.as_deref().filter(|p| !is_stdout(p)),
        json_layout: args.json_layout(),
        xlsx: args.xlsx.as_deref(),
        csv: args.csv.as_deref(),
        lang: args.lang,
    };
    // The summary goes to stdout, unless the JSON report took it.
    let mut out: Box<dyn Write> = if json_to_stdout {
        Box::new(anstream::stderr())
    } else {
        Box::new(anstream::stdout())
    };
    exports.write(&rec, &mut out)?;
    out.flush().map_err(CliError::Stdout)?;

    Ok(if fails_on(&report, args.fail_on) {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    })
}

/// The files a reconcile was asked to write, shared by `reconcile` and `workspace reconcile`.
pub struct Exports<'a> {
    pub json: Option<&'a Path>,
    pub xlsx: Option<&'a Path>,
    pub csv: Option<&'a Path>,
    pub lang: Lang,
    pub json_layout: report::json::JsonLayout,
}

impl Exports<'_> {
    /// Writes the JSON report, the workbook and the findings CSV asked for, then the summary and the list of
    /// files written to `out`.
    pub fn write(&self, rec: &Reconciliation, out: &mut dyn Write) -> Result<(), CliError> {
        if let Some(path) = self.json {
            report::json::save_report(rec, self.lang, self.json_layout, path)?;
        }
        if let Some(path) = self.xlsx {
            report::xlsx::save_workbook(rec, self.lang, path)?;
        }
        if let Some(path) = self.csv {
            report::csv::save_findings(rec, self.lang, path)?;
        }
        let files: Vec<&Path> = [self.json, self.xlsx, self.csv].into_iter().flatten().collect();
        summary::write_summary(out, rec, self.lang)
            .and_then(|()| summary::write_exports(out, &files, self.lang))
            .map_err(CliError::Stdout)
    }
}

/// Whether `--fail-on` fails the run: a flag of that severity or higher that the owner has not accepted (an
/// accepted flag was reviewed; it must not fail a nightly run again). Shared with `workspace reconcile`, where
/// accepted flags come from stored decisions.
pub fn fails_on(report: &engine::Report, fail_on: Option<Severity>) -> bool {
    fail_on.is_some_and(|min| report::findings::worst_severity(report).is_some_and(|worst| worst >= min))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Config, Decision, RowId, RuleId};
    use crate::model::{Money, RowRef, SourceId, Txn};

    #[test]
    fn an_accepted_flag_does_not_fail_the_run_but_an_open_one_does() {
        let time = chrono::NaiveDate::from_ymd_opt(2026, 11, 5)
            .and_then(|d| d.and_hms_opt(13, 5, 0))
            .unwrap_or_default();
        let mut sale = Txn::new(
            RowRef {
                source: SourceId(0),
                line: 2,
            },
            Side::Terminal,
            time,
            Money::from_minor(5800),
        );
        sale.terminal_id = Some("T0666".into());
        let mut config = Config::default();
        config.shop.known_terminals = vec!["T0001".into()];
        let open = engine::reconcile(std::slice::from_ref(&sale), &[], &config, &[]);
        assert!(
            fails_on(&open, Some(Severity::High)),
            "an unknown terminal is a high-severity flag"
        );
        assert!(!fails_on(&open, None), "no --fail-on, no failure");
        let accept = [Decision::AcceptFlag {
            row: RowId::terminal(0),
            rule: RuleId::UnknownTerminal,
        }];
        let accepted = engine::reconcile(std::slice::from_ref(&sale), &[], &config, &accept);
        assert!(
            !fails_on(&accepted, Some(Severity::High)),
            "the owner accepted the only high flag"
        );
    }
}
