//! `posrecon workspace init|import|reconcile|status|history|remove|decide|withdraw` and `posrecon verify-log`:
//! the same work as
//! `reconcile`, but remembered in a workspace file (see `store`) — files imported once, decisions kept, every
//! change in a hash-chained audit log. `--workspace PATH` names the file; the default lives in the OS data
//! directory.
//!
//! Exit codes as for the other commands (2 bad input, including a file imported before); `verify-log` exits
//! 3 when the audit log's chain is broken.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::reconcile::{Exports, fails_on};
use super::settings::{self, Overrides, read_toml};
use super::{CliError, EXIT_BAD_INPUT, EXIT_CANNOT_WRITE, EXIT_FINDINGS};
use crate::engine::{RuleId, Severity};
use crate::import::{ImportOptions, Profile};
use crate::model::Side;
use crate::report::{Lang, Reconciliation};
use crate::store::{RowAddress, RowKey, StoreError, StoredDecision, Workspace, audit, describe_key};

#[derive(Debug, Args)]
pub struct WorkspaceArgs {
    /// The workspace file (default: posrecon/workspace.posrecon in the OS data directory).
    #[arg(long, value_name = "PATH", global = true)]
    pub workspace: Option<PathBuf>,
    #[command(subcommand)]
    pub command: WorkspaceCommand,
}

#[derive(Debug, Subcommand)]
pub enum WorkspaceCommand {
    /// Create the workspace (or check an existing one) and say where it is.
    Init,
    /// Import terminal logs and bank statements into the workspace; each file whole or not at all.
    Import(ImportArgs),
    /// Reconcile everything imported, replaying the stored decisions.
    Reconcile(WorkspaceReconcileArgs),
    /// List the imported files, the decisions and the state of the audit log.
    Status,
    /// Show the audit log, newest last.
    History {
        /// How many entries to show.
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
    /// Take an imported file (by the id `status` shows) and its rows out of the workspace.
    Remove {
        /// The file's id.
        id: i64,
    },
    /// Record a decision, as the app's review does (stored with its audit entry, replayed on every reconcile).
    /// Rows are FILE:LINE: the file's name or path as imported, #ID from `status`, or the start of its SHA-256,
    /// and the line every report shows (FILE:LINE.2 for the second row read from a line, as the reports print
    /// a refunded charge's refund).
    Decide {
        #[command(subcommand)]
        what: DecideCommand,
    },
    /// Withdraw a decision (by the id `status` lists): no longer replayed, still in the audit log.
    Withdraw {
        /// The decision's id.
        id: i64,
    },
}

/// A decision made from the terminal.
#[derive(Debug, Subcommand)]
pub enum DecideCommand {
    /// Pair terminal row(s) with bank row(s), whatever the amounts.
    Match {
        #[arg(long, value_name = "FILE:LINE", num_args = 1.., required = true, value_parser = parse_row)]
        terminal: Vec<RowAddress>,
        #[arg(long, value_name = "FILE:LINE", num_args = 1.., required = true, value_parser = parse_row)]
        bank: Vec<RowAddress>,
    },
    /// Undo the pairing the engine made for this row; it stays missing.
    Unmatch {
        #[arg(value_name = "FILE:LINE", value_parser = parse_row)]
        row: RowAddress,
    },
    /// Mark a flag on this row as reviewed (`posrecon rules` lists the rule ids).
    Accept {
        #[arg(value_name = "FILE:LINE", value_parser = parse_row)]
        row: RowAddress,
        #[arg(long, value_name = "RULE", value_parser = parse_rule)]
        rule: RuleId,
    },
    /// Attach a note to this row (replaces an earlier note).
    Note {
        #[arg(value_name = "FILE:LINE", value_parser = parse_row)]
        row: RowAddress,
        /// The note.
        text: String,
    },
}

/// A row as reports show it: `FILE:LINE`, `FILE:LINE.2` ([`RowAddress`]'s own reading).
fn parse_row(text: &str) -> Result<RowAddress, String> {
    text.parse()
}

fn parse_rule(text: &str) -> Result<RuleId, String> {
    RuleId::from_id(text.trim()).ok_or_else(|| {
        let known: Vec<&str> = RuleId::ALL.iter().map(|r| r.id()).collect();
        format!("expected a rule id ({}), found {text:?}", known.join(", "))
    })
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Terminal log(s) to import.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub terminal: Vec<PathBuf>,
    /// Bank statement(s) to import.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub bank: Vec<PathBuf>,
    /// Import profile (column mapping, TOML) for the terminal files.
    #[arg(long, value_name = "P.toml")]
    pub terminal_profile: Option<PathBuf>,
    /// Import profile (column mapping, TOML) for the bank files.
    #[arg(long, value_name = "P.toml")]
    pub bank_profile: Option<PathBuf>,
    /// Skip rows that cannot be read (and say how many) instead of refusing the file.
    #[arg(long)]
    pub skip_bad_rows: bool,
}

#[derive(Debug, Args)]
pub struct WorkspaceReconcileArgs {
    /// Settings file (tolerances, fee rate, shop facts, rule thresholds).
    #[arg(long, value_name = "posrecon.toml")]
    pub config: Option<PathBuf>,
    /// Write the JSON report (docs/JSON.md) here.
    #[arg(long, value_name = "OUT")]
    pub json: Option<PathBuf>,
    /// Write the Excel workbook here.
    #[arg(long, value_name = "OUT")]
    pub xlsx: Option<PathBuf>,
    /// Language of labels and reasons: en or zh.
    #[arg(long, value_name = "zh|en", default_value = "en", value_parser = settings::parse_lang)]
    pub lang: Lang,
    /// Exit with code 3 when a flag of this severity or higher is found and not accepted.
    #[arg(long, value_name = "high|medium|low", value_parser = settings::parse_severity)]
    pub fail_on: Option<Severity>,
}

/// The exit code for a store error: the user's input (a file, one imported before) or the workspace itself.
pub fn exit_code(error: &StoreError) -> u8 {
    match error {
        StoreError::AlreadyImported { .. }
        | StoreError::Import(_)
        | StoreError::Read { .. }
        | StoreError::NotAWorkspace { .. } => EXIT_BAD_INPUT,
        StoreError::NoSuchSource { .. }
        | StoreError::NoSuchDecision { .. }
        | StoreError::UnknownRow { .. }
        | StoreError::UnknownFile { .. }
        | StoreError::AmbiguousFile { .. }
        | StoreError::NoSuchRow { .. }
        | StoreError::NotOnLine { .. }
        | StoreError::WrongSide { .. } => EXIT_BAD_INPUT,
        _ => EXIT_CANNOT_WRITE,
    }
}

/// Opens the workspace; only `init` and `import` create one that does not exist yet.
fn open(path: Option<&Path>, create: bool) -> Result<Workspace, CliError> {
    let path = match path {
        Some(p) => p.to_path_buf(),
        None => Workspace::default_path().ok_or_else(|| {
            CliError::Store(StoreError::CreateDir {
                path: PathBuf::from("(data directory)"),
                source: std::io::Error::other("this system names no data directory; give --workspace PATH"),
            })
        })?,
    };
    if !create && !path.exists() {
        return Err(CliError::MissingFile { path });
    }
    Ok(Workspace::open(&path)?)
}

fn stdout_err(e: std::io::Error) -> CliError {
    CliError::Stdout(e)
}

pub fn run(args: &WorkspaceArgs) -> Result<ExitCode, CliError> {
    let create = matches!(args.command, WorkspaceCommand::Init | WorkspaceCommand::Import(_));
    let mut ws = open(args.workspace.as_deref(), create)?;
    let mut out = anstream::stdout();
    match &args.command {
        WorkspaceCommand::Init => {
            let files = ws.sources()?.len();
            writeln!(
                out,
                "workspace {} (format version {}, {files} files imported)",
                ws.path().display(),
                crate::store::VERSION
            )
            .map_err(stdout_err)?;
            Ok(ExitCode::SUCCESS)
        }
        WorkspaceCommand::Import(import) => run_import(&mut ws, import, &mut out),
        WorkspaceCommand::Reconcile(rec) => run_reconcile(&ws, rec, &mut out),
        WorkspaceCommand::Status => run_status(&ws, &mut out),
        WorkspaceCommand::History { limit } => {
            for e in ws.history(*limit)? {
                let hash = audit::hex(&e.hash);
                writeln!(
                    out,
                    "#{:<5} {}  {:<18} {}  [{}]",
                    e.id,
                    e.at,
                    e.action,
                    e.detail,
                    hash.get(..12).unwrap_or(&hash)
                )
                .map_err(stdout_err)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        WorkspaceCommand::Remove { id } => {
            let removed = ws.remove_source(*id)?;
            writeln!(out, "removed {} ({} rows)", removed.file_name, removed.row_count).map_err(stdout_err)?;
            Ok(ExitCode::SUCCESS)
        }
        WorkspaceCommand::Decide { what } => {
            let decision = stored_decision(&ws, what)?;
            let id = ws.record_stored_decision(&decision)?;
            let names = ws.file_names()?;
            writeln!(out, "decision #{id} recorded: {}", describe(&decision, &names)).map_err(stdout_err)?;
            Ok(ExitCode::SUCCESS)
        }
        WorkspaceCommand::Withdraw { id } => {
            ws.withdraw_decision(*id)?;
            writeln!(out, "decision #{id} withdrawn").map_err(stdout_err)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The decision asked for, its rows found in the workspace as they take part in reconciling.
fn stored_decision(ws: &Workspace, what: &DecideCommand) -> Result<StoredDecision, CliError> {
    let rows = ws.rows()?;
    let find = |address: &RowAddress, side: Option<Side>| -> Result<RowKey, StoreError> {
        let (key, id) = ws.find_row(&rows, address)?;
        match side {
            Some(expected) if id.side != expected => Err(StoreError::WrongSide {
                file: address.file.clone(),
                line: address.at,
                found: id.side,
                expected,
            }),
            _ => Ok(key),
        }
    };
    let all = |addresses: &[RowAddress], side| {
        addresses
            .iter()
            .map(|a| find(a, Some(side)))
            .collect::<Result<Vec<_>, _>>()
    };
    Ok(match what {
        DecideCommand::Match { terminal, bank } => StoredDecision::ForceMatch {
            terminal: all(terminal, Side::Terminal)?,
            bank: all(bank, Side::Bank)?,
        },
        DecideCommand::Unmatch { row } => StoredDecision::Unmatch { row: find(row, None)? },
        DecideCommand::Accept { row, rule } => StoredDecision::AcceptFlag {
            row: find(row, None)?,
            rule: *rule,
        },
        DecideCommand::Note { row, text } => StoredDecision::Note {
            row: find(row, None)?,
            text: text.clone(),
        },
    })
}

/// A stored decision in one line: `note on terminal-log.csv:12: "called the acquirer"`.
fn describe(decision: &StoredDecision, names: &HashMap<String, String>) -> String {
    let key = |k: &RowKey| describe_key(k, names);
    let keys = |ks: &[RowKey]| ks.iter().map(key).collect::<Vec<_>>().join(" + ");
    match decision {
        StoredDecision::ForceMatch { terminal, bank } => format!("match {} with {}", keys(terminal), keys(bank)),
        StoredDecision::Unmatch { row } => format!("unmatch {}", key(row)),
        StoredDecision::AcceptFlag { row, rule } => format!("accept {} on {}", rule.id(), key(row)),
        StoredDecision::Note { row, text } => format!("note on {}: {text:?}", key(row)),
    }
}

fn run_import(ws: &mut Workspace, args: &ImportArgs, out: &mut dyn Write) -> Result<ExitCode, CliError> {
    let mut failed = false;
    for (side, files, profile) in [
        (Side::Terminal, &args.terminal, &args.terminal_profile),
        (Side::Bank, &args.bank, &args.bank_profile),
    ] {
        let profile: Option<Profile> = profile.as_deref().map(read_toml).transpose()?;
        let opts = ImportOptions {
            side,
            profile,
            skip_bad_rows: args.skip_bad_rows,
            ..Default::default()
        };
        for file in files {
            match ws.import_file(file, &opts) {
                Ok(added) => {
                    let merged = if added.merged > 0 {
                        format!(
                            ", {} already in an earlier statement export (merged, not counted twice)",
                            added.merged
                        )
                    } else {
                        String::new()
                    };
                    let skipped = if added.skipped_bad_rows > 0 {
                        format!(", {} bad rows skipped", added.skipped_bad_rows)
                    } else {
                        String::new()
                    };
                    let currency = if added.source.currency_assumed {
                        let from = side.other();
                        format!(", names no currency (reconciled in the {from} files' currency when they state one)")
                    } else {
                        String::new()
                    };
                    let rows = added.rows;
                    writeln!(
                        out,
                        "imported {} ({side}): {rows} rows{merged}{skipped}{currency}",
                        file.display()
                    )
                    .map_err(stdout_err)?;
                }
                Err(err) => {
                    failed = true;
                    anstream::eprintln!("error: {}", super::shown::shown(&err.to_string()));
                }
            }
        }
    }
    Ok(if failed {
        ExitCode::from(EXIT_BAD_INPUT)
    } else {
        ExitCode::SUCCESS
    })
}

fn run_reconcile(ws: &Workspace, args: &WorkspaceReconcileArgs, out: &mut dyn Write) -> Result<ExitCode, CliError> {
    let config = settings::load_config(args.config.as_deref(), &Overrides::default())?;
    let done = ws.reconcile(&config)?;
    let rows = &done.rows;
    // A file that names no currency takes the other side's, as in `posrecon reconcile`; said as a warning.
    for adopted in &rows.adopted {
        anstream::eprintln!("warning: {}", super::shown::shown(&adopted.to_string()));
    }
    let rec = Reconciliation {
        sources: &rows.sources,
        terminal: &rows.terminal,
        bank: &rows.bank,
        report: &done.report,
    };
    let exports = Exports {
        json: args.json.as_deref(),
        xlsx: args.xlsx.as_deref(),
        csv: None,
        lang: args.lang,
        json_layout: Default::default(),
    };
    exports.write(&rec, out)?;
    writeln!(out, "  decisions replayed: {}", done.replayed).map_err(stdout_err)?;
    let names = ws.file_names()?;
    for orphan in &done.orphaned {
        let gone: Vec<String> = orphan.missing.iter().map(|k| describe_key(k, &names)).collect();
        writeln!(
            out,
            "  orphaned decision #{} ({}, {}): its rows are gone: {}",
            orphan.record.id,
            orphan.record.made_at,
            describe(&orphan.record.decision, &names),
            gone.join(", ")
        )
        .map_err(stdout_err)?;
    }
    Ok(if fails_on(&done.report, args.fail_on) {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    })
}

fn run_status(ws: &Workspace, out: &mut dyn Write) -> Result<ExitCode, CliError> {
    let sources = ws.sources()?;
    writeln!(out, "workspace {}", ws.path().display()).map_err(stdout_err)?;
    writeln!(out, "  {} files imported", sources.len()).map_err(stdout_err)?;
    for s in &sources {
        writeln!(
            out,
            "  #{:<4} {:<8} {}  {} rows ({} merged)  imported {}  sha256 {}{}",
            s.id,
            s.side.to_string(),
            s.file_name,
            s.row_count,
            s.merged_count,
            s.imported_at,
            s.sha256.get(..12).unwrap_or(&s.sha256),
            if s.currency_assumed {
                "  (names no currency)"
            } else {
                ""
            }
        )
        .map_err(stdout_err)?;
    }
    let decisions = ws.decisions()?;
    writeln!(out, "  {} decisions in force", decisions.len()).map_err(stdout_err)?;
    let names = ws.file_names()?;
    for d in &decisions {
        writeln!(out, "  #{:<4} {}  {}", d.id, d.made_at, describe(&d.decision, &names)).map_err(stdout_err)?;
    }
    let check = ws.verify_log()?;
    match check.first_broken {
        None => writeln!(out, "  audit log: {} entries, chain intact", check.entries),
        Some(b) => writeln!(out, "  audit log: BROKEN at entry {}: {}", b.id, b.reason),
    }
    .map_err(stdout_err)?;
    Ok(ExitCode::SUCCESS)
}

/// `posrecon verify-log`: checks the audit log's hash chain; exit 3 and the first broken entry when it breaks.
pub fn verify_log(workspace: Option<&Path>) -> Result<ExitCode, CliError> {
    let ws = open(workspace, false)?;
    let check = ws.verify_log()?;
    let mut out = anstream::stdout();
    match check.first_broken {
        None => {
            writeln!(
                out,
                "{}: audit log intact, {} entries",
                ws.path().display(),
                check.entries
            )
            .map_err(stdout_err)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(b) => {
            writeln!(
                out,
                "{}: audit log broken at entry {}: {}",
                ws.path().display(),
                b.id,
                b.reason
            )
            .map_err(stdout_err)?;
            Ok(ExitCode::from(EXIT_FINDINGS))
        }
    }
}
