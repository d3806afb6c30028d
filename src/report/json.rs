//! The JSON report, version 2: a contract for scripts, documented field by field in docs/JSON.md. Keep it
//! stable: add fields only with a new version number.
//!
//! Rows and counterparts are addressed as the user sees them: the path as given on the command line and the
//! physical line (CSV) or Excel row number (sheets), with `row_on_line` (2, 3 …) for a row that is not the first
//! read from its line — absent otherwise, so reports of files with one row per line are as before. Reasons are in
//! the language asked for.

use std::io::Write;
use std::path::Path;

use serde::Serialize;

use super::table::format_time;
use super::{ExportError, Lang, Reconciliation};
use crate::engine::{Batch, RowId, RowOutcome, Summary, TiedBy};
use crate::model::{LineRow, Side, Txn};

/// The version of the JSON contract written by this module.
pub const VERSION: u32 = 3;

/// How the report is laid out; the content is the same in each.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum JsonLayout {
    /// One compact object, written row by row as it goes (the default: a million rows never sit in memory as
    /// JSON values).
    #[default]
    Compact,
    /// The same object indented for reading (`--pretty`).
    Pretty,
    /// Newline-delimited JSON (`--ndjson`): a first line `{"version":…,"summary":…}`, then one line per row
    /// (`{"row":{…}}`) and per batch (`{"batch":{…}}`).
    Lines,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    summary: JsonSummary<'a>,
    rows: Vec<JsonRow<'a>>,
    batches: Vec<JsonBatch<'a>>,
}

#[derive(Serialize)]
struct JsonSummary<'a> {
    terminal_rows: usize,
    bank_rows: usize,
    matched: usize,
    matched_with_difference: usize,
    in_batch: usize,
    missing_in_bank: usize,
    missing_in_terminal: usize,
    duplicates: usize,
    unrelated: usize,
    interchangeable_pairs: usize,
    flags: &'a std::collections::BTreeMap<String, usize>,
    balance_checks: Vec<JsonBalanceCheck<'a>>,
}

/// What the balance check made of one file: `{"file", "side", "status": "checked" | "no_balances" |
/// "not_in_order", …, "not_made": reason or null}`.
#[derive(Serialize)]
struct JsonBalanceCheck<'a> {
    file: &'a str,
    side: Side,
    #[serde(flatten)]
    check: crate::engine::BalanceCheck,
    not_made: Option<String>,
}

#[derive(Serialize)]
struct JsonPlace<'a> {
    file: &'a str,
    line: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    row_on_line: Option<u64>,
}

/// 2 for the second row read from a line (`12.2`), None for the first.
fn row_on_line(at: LineRow) -> Option<u64> {
    (at.ordinal > 0).then(|| u64::from(at.ordinal) + 1)
}

#[derive(Serialize)]
struct JsonRow<'a> {
    side: Side,
    file: &'a str,
    line: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    row_on_line: Option<u64>,
    sheet: Option<&'a str>,
    time: String,
    amount: String,
    reference: Option<&'a str>,
    terminal_id: Option<&'a str>,
    status: &'static str,
    counterparts: Vec<JsonPlace<'a>>,
    batch: Option<&'a str>,
    flags: Vec<JsonFlag<'a>>,
}

#[derive(Serialize)]
struct JsonFlag<'a> {
    rule: &'static str,
    severity: &'static str,
    reason: &'a str,
}

#[derive(Serialize)]
struct JsonBatch<'a> {
    id: &'a str,
    bank: Option<JsonPlace<'a>>,
    terminal_rows: Vec<JsonPlace<'a>>,
    expected_net: String,
    actual: String,
    difference: String,
    effective_fee_rate: Option<String>,
    /// What tied the credit to these days: `{"by": "settlement_date", "date": …}`, `memo`, `batch_id`,
    /// `amount`, `order`, or `unpaid`.
    tied_by: &'a TiedBy,
    /// The same in words, in the report's language.
    tied_by_text: String,
}

fn place<'a>(rec: &Reconciliation<'a>, row: RowId) -> JsonPlace<'a> {
    let p = rec.place(row);
    JsonPlace {
        file: p.file,
        line: p.line.line,
        row_on_line: row_on_line(p.line),
    }
}

fn summary<'a>(rec: &Reconciliation<'a>, lang: Lang) -> JsonSummary<'a> {
    let s: &'a Summary = &rec.report.summary;
    let balance_checks = s
        .balance_checks
        .iter()
        .map(|c| JsonBalanceCheck {
            file: rec
                .source(crate::model::SourceId(c.source))
                .map_or("", |s| s.path.as_str()),
            side: c.side,
            check: c.check,
            not_made: c.check.not_made().map(|(en, zh)| lang.pick(&en, &zh).to_string()),
        })
        .collect();
    JsonSummary {
        balance_checks,
        terminal_rows: s.terminal_rows,
        bank_rows: s.bank_rows,
        matched: s.matched,
        matched_with_difference: s.matched_with_difference,
        in_batch: s.in_batch,
        missing_in_bank: s.missing_in_bank,
        missing_in_terminal: s.missing_in_terminal,
        duplicates: s.duplicates,
        unrelated: s.unrelated,
        interchangeable_pairs: s.interchangeable_pairs,
        flags: &s.flags,
    }
}

fn row<'a>(rec: &Reconciliation<'a>, id: RowId, txn: &'a Txn, outcome: &'a RowOutcome, lang: Lang) -> JsonRow<'a> {
    let here = rec.place(id);
    JsonRow {
        side: txn.side,
        file: here.file,
        line: here.line.line,
        row_on_line: row_on_line(here.line),
        sheet: here.sheet,
        time: format_time(txn.time, txn.date_only).replacen(' ', "T", 1),
        amount: txn.amount.to_string(),
        reference: txn.reference.as_deref(),
        terminal_id: txn.terminal_id.as_deref(),
        status: outcome.status.id(),
        counterparts: outcome.counterparts.iter().map(|&id| place(rec, id)).collect(),
        batch: outcome
            .batch
            .and_then(|b| rec.report.batches.get(b as usize))
            .map(|b| b.id.as_str()),
        flags: outcome
            .flags
            .iter()
            .map(|f| JsonFlag {
                rule: f.rule.id(),
                severity: f.severity.id(),
                reason: lang.pick(&f.reason.en, &f.reason.zh),
            })
            .collect(),
    }
}

fn batch<'a>(rec: &Reconciliation<'a>, b: &'a Batch, lang: Lang) -> JsonBatch<'a> {
    JsonBatch {
        id: &b.id,
        bank: b.bank.map(|id| place(rec, id)),
        terminal_rows: b.terminal_rows.iter().map(|&id| place(rec, id)).collect(),
        expected_net: b.expected_net.to_string(),
        actual: b.actual.to_string(),
        difference: b.difference.to_string(),
        effective_fee_rate: b.effective_fee_rate.map(|r| r.round_dp(6).normalize().to_string()),
        tied_by: &b.tied_by,
        tied_by_text: {
            let (en, zh) = crate::engine::wording::tied_by(&b.tied_by);
            lang.pick(&en, &zh).to_string()
        },
    }
}

/// The first line of the newline-delimited layout.
#[derive(Serialize)]
struct Header<'a> {
    version: u32,
    summary: JsonSummary<'a>,
}

/// A later line of the newline-delimited layout: `{"row":{…}}` or `{"batch":{…}}`.
#[derive(Serialize)]
#[serde(rename_all = "snake_case")]
enum Line<'a> {
    Row(JsonRow<'a>),
    Batch(JsonBatch<'a>),
}

/// Writes the JSON report (UTF-8, version [`VERSION`]) to any writer, laid out as asked. The compact and
/// newline-delimited layouts are written row by row; the pretty one is built whole first.
pub fn write_report<W: Write>(
    rec: &Reconciliation<'_>,
    lang: Lang,
    layout: JsonLayout,
    out: W,
) -> Result<(), serde_json::Error> {
    let mut out = out;
    let io = serde_json::Error::io;
    let rows = || {
        [Side::Terminal, Side::Bank]
            .into_iter()
            .flat_map(|side| rec.side_rows(side))
            .map(move |(id, txn, outcome)| row(rec, id, txn, outcome, lang))
    };
    let batches = || rec.report.batches.iter().map(move |b| batch(rec, b, lang));
    match layout {
        JsonLayout::Pretty => {
            let report = JsonReport {
                version: VERSION,
                summary: summary(rec, lang),
                rows: rows().collect(),
                batches: batches().collect(),
            };
            serde_json::to_writer_pretty(&mut out, &report)?;
        }
        JsonLayout::Compact => {
            write!(out, "{{\"version\":{VERSION},\"summary\":").map_err(io)?;
            serde_json::to_writer(&mut out, &summary(rec, lang))?;
            out.write_all(b",\"rows\":[").map_err(io)?;
            for (k, r) in rows().enumerate() {
                if k > 0 {
                    out.write_all(b",").map_err(io)?;
                }
                serde_json::to_writer(&mut out, &r)?;
            }
            out.write_all(b"],\"batches\":[").map_err(io)?;
            for (k, b) in batches().enumerate() {
                if k > 0 {
                    out.write_all(b",").map_err(io)?;
                }
                serde_json::to_writer(&mut out, &b)?;
            }
            out.write_all(b"]}").map_err(io)?;
        }
        JsonLayout::Lines => {
            let header = Header {
                version: VERSION,
                summary: summary(rec, lang),
            };
            serde_json::to_writer(&mut out, &header)?;
            for line in rows().map(Line::Row).chain(batches().map(Line::Batch)) {
                out.write_all(b"\n").map_err(io)?;
                serde_json::to_writer(&mut out, &line)?;
            }
        }
    }
    out.write_all(b"\n").map_err(io)
}

/// Writes the JSON report to a file, whole or not at all (see [`super::atomic`]).
pub fn save_report(rec: &Reconciliation<'_>, lang: Lang, layout: JsonLayout, path: &Path) -> Result<(), ExportError> {
    super::atomic::replace(path, |partial| {
        let io = |source| ExportError::Io {
            path: path.to_owned(),
            source,
        };
        let mut out = std::io::BufWriter::new(std::fs::File::create(partial).map_err(io)?);
        write_report(rec, lang, layout, &mut out).map_err(|source| ExportError::Json {
            path: path.to_owned(),
            source,
        })?;
        out.flush().map_err(io)
    })
}
