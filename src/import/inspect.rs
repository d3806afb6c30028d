//! What `posrecon inspect FILE` prints: how the importer reads a file — format, encoding, delimiter, sheet,
//! header line, the preamble and total lines it skipped, the preset and the mapping it chose (and why), the
//! side it guesses, the row count, whether the rows add up to the balances the file states, the first rows as
//! transactions, and the errors with line and column.

use std::fmt::Write as _;
use std::path::Path;

use super::{ImportError, ImportOptions, Imported, Profile, delimiter_name, guess_side, import_bytes};
use crate::model::{Money, Txn, TxnStatus};

/// How many transactions are shown.
const FIRST_ROWS: usize = 5;

/// The report on one file, and the error that stopped its import, if any.
#[derive(Debug)]
pub struct Inspection {
    pub text: String,
    pub error: Option<ImportError>,
}

impl std::fmt::Display for Inspection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

/// Inspects a file on disk.
pub fn inspect_path(path: &Path, profile: Option<&Profile>) -> Inspection {
    let file = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => inspect_bytes(&file, &bytes, profile),
        Err(source) => {
            let error = ImportError::Io { file, source };
            Inspection {
                text: format!("error: {error}\n"),
                error: Some(error),
            }
        }
    }
}

/// Inspects a file held in memory. Bad rows do not stop the report: they are listed.
pub fn inspect_bytes(file: &str, bytes: &[u8], profile: Option<&Profile>) -> Inspection {
    let opts = ImportOptions {
        profile: profile.cloned(),
        skip_bad_rows: true,
        ..ImportOptions::default()
    };
    let mut text = format!("file:        {file}\nsize:        {} bytes\n", bytes.len());
    // Rows are read as the side the file seems to be, so that kinds and signs show as they will be used.
    let result = import_bytes(file, bytes, &opts).and_then(|first| match guess_side(&first.details) {
        Some(side) if side != first.source.side => import_bytes(file, bytes, &ImportOptions { side, ..opts.clone() }),
        _ => Ok(first),
    });
    match result {
        Ok(imported) => {
            describe(&mut text, &imported);
            let error = (imported.details.bad_row_count > 0).then(|| ImportError::BadRows {
                file: file.to_owned(),
                sheet: imported.details.sheet.clone(),
                count: imported.details.bad_row_count,
                rows: imported.details.bad_rows.clone(),
            });
            Inspection { text, error }
        }
        Err(error) => {
            let _ = writeln!(text, "error:       {error}");
            if matches!(error, ImportError::NoHeader { .. } | ImportError::Profile { .. }) {
                let _ = writeln!(
                    text,
                    "hint:        write the mapping as a profile (TOML) and pass it with --profile P.toml \
                     (reconcile: --terminal-profile / --bank-profile); the app's import check picks the columns by hand"
                );
            }
            Inspection {
                text,
                error: Some(error),
            }
        }
    }
}

fn describe(out: &mut String, imported: &Imported) {
    let d = &imported.details;
    let _ = writeln!(out, "format:      {}", d.format);
    if !d.encoding.is_empty() {
        let _ = writeln!(out, "encoding:    {}", d.encoding);
    }
    if let Some(delimiter) = d.delimiter {
        let _ = writeln!(out, "delimiter:   {}", delimiter_name(delimiter));
    }
    if let Some(sheet) = &d.sheet {
        let _ = writeln!(out, "sheet:       {sheet}");
    }
    if d.format.starts_with(super::delimited::NO_HEADER_ROW) {
        let _ = writeln!(
            out,
            "header:      none; columns named from what they hold: {}",
            d.header.join(" | ")
        );
    } else {
        let _ = writeln!(out, "header:      line {}: {}", d.header_line, d.header.join(" | "));
    }
    if !d.preamble.is_empty() {
        let _ = writeln!(out, "preamble:    {} lines skipped above the header", d.preamble.len());
        for line in d.preamble.iter().take(10) {
            let _ = writeln!(out, "  {:>6}: {}", line.line, super::error::shorten(&line.text, 100));
        }
    }
    match (&d.preset, &d.preset_reason) {
        (Some(name), Some(reason)) => {
            let _ = writeln!(out, "preset:      {name} — chosen because {reason}");
        }
        (Some(name), None) => {
            let _ = writeln!(out, "preset:      {name}");
        }
        _ => {
            let how = if d.profile.name.is_some() {
                "from the given profile"
            } else {
                "detected from the header"
            };
            let _ = writeln!(out, "preset:      none — mapping {how}");
        }
    }
    let _ = writeln!(out, "mapping:\n{}", d.profile.describe());
    let side = guess_side(d).map_or("unknown (say --side)".to_owned(), |s| s.to_string());
    let _ = writeln!(out, "side:        {side}");
    if let Some(kind) = d.statement_kind {
        let _ = writeln!(out, "statement:   {kind} — {}", kind.sign_convention());
    }
    for note in &d.decided {
        let _ = writeln!(out, "decided:     {note}");
    }
    let _ = writeln!(out, "currency:    {}", currency_line(imported));
    let _ = writeln!(
        out,
        "rows:        {} imported, {} bad",
        imported.txns.len(),
        d.bad_row_count
    );
    if !d.skipped_summary_lines.is_empty() {
        let _ = writeln!(
            out,
            "skipped:     {} total/trailer lines",
            d.skipped_summary_lines.len()
        );
        for line in d.skipped_summary_lines.iter().take(10) {
            let _ = writeln!(out, "  {:>6}: {}", line.line, super::error::shorten(&line.text, 100));
        }
    }
    describe_balances(out, imported);
    let _ = writeln!(out, "first rows:");
    for txn in imported.txns.iter().take(FIRST_ROWS) {
        let _ = writeln!(out, "  {}", row_line(txn));
    }
    if d.bad_row_count == 0 {
        let _ = writeln!(out, "errors:      none");
    } else {
        let _ = writeln!(
            out,
            "errors:      {} bad rows (first {} shown)",
            d.bad_row_count,
            d.bad_rows.len()
        );
        for e in &d.bad_rows {
            let _ = writeln!(out, "  {}:{e}", imported.source.path);
        }
    }
}

/// The currencies of the rows and where they came from, so that a file in dollars read as yuan is noticed.
fn currency_line(imported: &Imported) -> String {
    let d = &imported.details;
    let mut seen: Vec<&str> = imported.txns.iter().map(|t| t.currency.as_str()).collect();
    seen.sort_unstable();
    seen.dedup();
    let codes = if seen.is_empty() {
        "none".to_owned()
    } else {
        seen.join(", ")
    };
    let from = if d.header.is_empty() {
        "as the statement states it"
    } else if d.profile.columns.contains_key(&super::mapping::Field::Currency) {
        "from the file's currency column"
    } else if d.profile.currency.is_some() {
        "set by the preset or profile"
    } else if seen.iter().any(|c| *c != "CNY") {
        "from the currency signs in the amounts or the lines above the header"
    } else if super::currency::assumed(imported) {
        "ASSUMED: the file names no currency; a reconcile reads it in the currency of the other side's files when \
         they all state one, else CNY; set `currency` in a profile to say it"
    } else {
        "no other currency named in the file; set `currency` in a profile if it is not CNY"
    };
    format!("{codes} ({from})")
}

/// Whether the rows add up to the balances the file states: statements' opening + rows = closing, and running
/// balances row by row (the engine's `balance_gap` check). Nothing is printed for a file without balances.
fn describe_balances(out: &mut String, imported: &Imported) {
    let statement_gaps = &imported.details.balance_gaps;
    let running = crate::engine::balance_gap::flags(&imported.txns, imported.source.side);
    let with_balance = imported.txns.iter().filter(|t| t.balance.is_some()).count();
    if statement_gaps.is_empty() && running.is_empty() {
        // A check that was not made is said: the balances may not follow the rows in file order.
        let not_made = crate::engine::balance_gap::checks(&imported.txns)
            .into_values()
            .find_map(|check| check.not_made().filter(|_| with_balance > 0));
        match not_made {
            Some((reason, _)) => {
                let _ = writeln!(out, "balances:    NOT CHECKED — {reason}");
            }
            None if with_balance > 0 => {
                let _ = writeln!(out, "balances:    add up ({with_balance} rows with a balance)");
            }
            None if imported.source.side == crate::model::Side::Bank => {
                let _ = writeln!(out, "balances:    none stated — no balance check");
            }
            None => {}
        }
        return;
    }
    let _ = writeln!(out, "balances:    DO NOT ADD UP — rows are missing (a page or a row):");
    for gap in statement_gaps {
        let _ = writeln!(
            out,
            "  statement {}: opening balance + rows = {}, but the closing balance on line {} is {}: {} of rows missing",
            gap.statement,
            gap.found,
            gap.line,
            gap.expected,
            gap.difference()
        );
    }
    for (id, flag) in &running {
        let line = imported.txns.get(id.index as usize).map_or(0, |t| t.row.line);
        let _ = writeln!(out, "  line {line}: {}", flag.reason.en);
    }
}

/// One transaction on one line: `line 7: 2026-10-01 08:12:33  sale  12.00 CNY  ref 123  card 622848******1234`.
fn row_line(txn: &Txn) -> String {
    let when = if txn.date_only {
        txn.time.format("%Y-%m-%d").to_string()
    } else {
        txn.time.to_string()
    };
    let mut s = format!(
        "line {}: {when}  {:?}  {} {}",
        txn.row.line, txn.kind, txn.amount, txn.currency
    );
    let optional = [
        ("fee", txn.fee.map(full_scale)),
        ("ref", txn.reference.as_deref().map(str::to_owned)),
        ("terminal", txn.terminal_id.as_deref().map(str::to_owned)),
        ("card", txn.card_masked.as_deref().map(str::to_owned)),
        ("status", status_word(txn.status)),
        (
            "text",
            txn.description
                .as_deref()
                .or(txn.counterparty.as_deref())
                .map(|t| super::error::shorten(t, 30)),
        ),
    ];
    for (label, value) in optional {
        if let Some(value) = value {
            let _ = write!(s, "  {label} {value}");
        }
    }
    s
}

/// An amount with every decimal the file gave, at least two: a WeChat fee of 0.16800 shows as `0.168`, not `0.16`.
fn full_scale(money: Money) -> String {
    let exact = money.0.normalize();
    if exact.scale() > 2 {
        exact.to_string()
    } else {
        money.to_string()
    }
}

/// How a row that takes no part in matching is marked; None for an ordinary row.
fn status_word(status: TxnStatus) -> Option<String> {
    match status {
        TxnStatus::Ok => None,
        TxnStatus::Declined => Some("declined".to_owned()),
        TxnStatus::Neutral => Some("neutral (own-account transfer, not matched)".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    #[test]
    fn fees_show_every_decimal_the_file_gave() {
        let shown = |text: &str| full_scale(Money(text.parse::<Decimal>().unwrap_or_default()));
        assert_eq!(shown("0.16800"), "0.168");
        assert_eq!(shown("-0.168"), "-0.168");
        assert_eq!(shown("7.44000"), "7.44");
        assert_eq!(shown("3"), "3.00");
        assert_eq!(shown("0.5"), "0.50");
    }
}
