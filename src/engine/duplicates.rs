//! Repeated rows, found before matching so a copy never takes a counterpart away from the real row.
//!
//! * Within one file: the same amount, time and identifiers (reference, voucher, card — at least one present)
//!   as an earlier line → the later copy is `duplicate` with `duplicate_in_source`. Rows without any identifier
//!   are never called copies: two ¥18.00 coffees in the same second are possible, and nothing tells them apart.
//! * Across files of one side: a row of a later-imported file (higher source id) with the same content as a
//!   row of an earlier file (the same statement imported twice, overlapping exports) → `duplicate` with
//!   `duplicate_import`, one earlier row per copy.

use crate::engine::index::{ident, minor, ordered, secs};
use crate::engine::outcome::{RowId, RowIds, RuleId, Status};
use crate::engine::wording::{self, flag};
use crate::engine::work::Work;
use crate::model::{Side, Txn};

/// Same identifiers (reference, voucher, card) with at least one present.
fn same_identifiers(a: &Txn, b: &Txn) -> bool {
    let any = ident(&a.reference).is_some() || ident(&a.voucher).is_some() || ident(&a.card_masked).is_some();
    any && ident(&a.reference) == ident(&b.reference)
        && ident(&a.voucher) == ident(&b.voucher)
        && ident(&a.card_masked) == ident(&b.card_masked)
}

/// Everything but the position in the file.
fn same_content(a: &Txn, b: &Txn) -> bool {
    a.time == b.time
        && a.date_only == b.date_only
        && a.amount == b.amount
        && a.currency == b.currency
        && a.kind == b.kind
        && a.status == b.status
        && a.balance == b.balance
        && ident(&a.reference) == ident(&b.reference)
        && ident(&a.voucher) == ident(&b.voucher)
        && ident(&a.card_masked) == ident(&b.card_masked)
        && ident(&a.terminal_id) == ident(&b.terminal_id)
        && ident(&a.merchant_id) == ident(&b.merchant_id)
        && ident(&a.description) == ident(&b.description)
        && ident(&a.counterparty) == ident(&b.counterparty)
}

/// Marks the copies on both sides.
pub fn run(work: &mut Work) {
    for side in [Side::Terminal, Side::Bank] {
        mark_side(work, side);
    }
}

fn mark_side(work: &mut Work, side: Side) {
    let rows = work.rows(side);
    let facts = work.facts(side);
    if !facts.several_files && !facts.identified {
        return;
    }
    let open = |i: usize| work.is_open(RowId { side, index: i as u32 });
    let Some(keys) = moments(rows, open) else {
        // Times or amounts beyond what a packed key holds: the full order key.
        let order = ordered(rows, open);
        let moment = |i: u32| (secs(&rows[i as usize]), minor(rows[i as usize].amount));
        for group in order.chunk_by(|&a, &b| moment(a) == moment(b)) {
            mark_group(work, side, group);
        }
        return;
    };
    // Rows of one moment (time and amount): almost always one, so the few groups of several are put in
    // (file, line) order on their own.
    let mut group: Vec<u32> = Vec::new();
    for run in keys.chunk_by(|a, b| a.0 == b.0).filter(|run| run.len() > 1) {
        group.clear();
        group.extend(run.iter().map(|&(_, i)| i));
        group.sort_unstable_by_key(|&i| (rows[i as usize].row.source, rows[i as usize].row.line, i));
        mark_group(work, side, &group);
    }
}

/// The open rows as (moment, index), sorted: the moment packs the time (seconds after the earliest open row)
/// and the amount (fen) into 64 bits, ordered like (time, amount). `None` when a span of times or an amount is
/// too large to pack (more than 136 years, or beyond ±21 million).
fn moments(rows: &[Txn], open: impl Fn(usize) -> bool) -> Option<Vec<(u64, u32)>> {
    let earliest = (0..rows.len()).filter(|&i| open(i)).map(|i| secs(&rows[i])).min()?;
    let mut keys = Vec::with_capacity(rows.len());
    for (i, t) in rows.iter().enumerate().filter(|&(i, _)| open(i)) {
        let after = u32::try_from(secs(t) - earliest).ok()?;
        let amount = i32::try_from(minor(t.amount)).ok()?;
        keys.push((
            u64::from(after) << 32 | u64::from(amount as u32 ^ 0x8000_0000),
            u32::try_from(i).ok()?,
        ));
    }
    keys.sort_unstable();
    Some(keys)
}

/// One group of rows with the same time and amount, in (file, line) order.
fn mark_group(work: &mut Work, side: Side, group: &[u32]) {
    if group.len() < 2 {
        return;
    }
    let rows = work.rows(side);
    let mut originals: Vec<u32> = Vec::with_capacity(group.len());
    // Earlier-file rows already claimed by a copy in a later file.
    let mut claimed: Vec<u32> = Vec::new();
    for &i in group {
        let row = &rows[i as usize];
        let in_file = originals
            .iter()
            .copied()
            .find(|&o| rows[o as usize].row.source == row.row.source && same_identifiers(&rows[o as usize], row));
        let imported = || {
            originals.iter().copied().find(|&o| {
                rows[o as usize].row.source < row.row.source
                    && !claimed.contains(&o)
                    && same_content(&rows[o as usize], row)
            })
        };
        let (original, rule) = match in_file {
            Some(o) => (o, RuleId::DuplicateInSource),
            None => match imported() {
                Some(o) => {
                    claimed.push(o);
                    (o, RuleId::DuplicateImport)
                }
                None => {
                    originals.push(i);
                    continue;
                }
            },
        };
        mark_copy(work, side, i, original, rule);
    }
}

fn mark_copy(work: &mut Work, side: Side, copy: u32, original: u32, rule: RuleId) {
    let rows = work.rows(side);
    let (row, first) = (&rows[copy as usize], &rows[original as usize]);
    let amount = wording::money(row.amount, row.currency);
    let when = wording::date_time(row.time);
    let line = first.row.line;
    let (en, zh) = if rule == RuleId::DuplicateInSource {
        (
            format!(
                "The same {amount} at {when} with the same reference/card as line {line} of this file: a repeated row."
            ),
            format!("与本文件第 {line} 行的金额 {amount}、时间 {when} 及参考号/卡号完全相同：重复记录。"),
        )
    } else {
        (
            format!(
                "Repeats line {line} of an earlier imported file ({amount} at {when}): the same rows were imported twice."
            ),
            format!("与先导入文件第 {line} 行相同（{amount}，{when}）：同一数据被重复导入。"),
        )
    };
    let (copy_id, original_id) = (RowId { side, index: copy }, RowId { side, index: original });
    work.close(copy_id, Status::Duplicate);
    if let Some(out) = work.outcome_mut(copy_id) {
        out.counterparts = RowIds::one(original_id);
    }
    work.add_flag(copy_id, flag(rule, en, zh, vec![original_id]));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::config::Config;
    use crate::model::{Money, RowRef, SourceId};

    fn sale(line: u32, at: &str, fen: i64, reference: &str) -> Txn {
        let time = chrono::NaiveDateTime::parse_from_str(at, "%Y-%m-%d %H:%M:%S").unwrap_or_default();
        let mut t = Txn::new(
            RowRef {
                source: SourceId(0),
                line,
            },
            Side::Terminal,
            time,
            Money::from_minor(fen),
        );
        t.reference = Some(reference.into());
        t
    }

    /// (line, status, line it repeats) of every row marked a copy.
    fn copies(rows: &[Txn]) -> Vec<(u32, Status, u32)> {
        let config = Config::default();
        let mut work = Work::new(rows, &[], &config);
        run(&mut work);
        let mut found: Vec<(u32, Status, u32)> = rows
            .iter()
            .zip(&work.terminal_out)
            .filter(|(_, out)| out.status == Status::Duplicate)
            .map(|(t, out)| {
                (
                    t.row.line,
                    out.status,
                    out.counterparts.first().map_or(0, |c| rows[c.index as usize].row.line),
                )
            })
            .collect();
        found.sort_unstable();
        found
    }

    #[test]
    fn the_later_line_of_a_repeated_row_is_the_copy_whatever_the_input_order() {
        for big in [false, true] {
            // 300 million yuan does not fit a packed key: the full order key finds the same copies.
            let fen = if big { 30_000_000_000 } else { 5_800 };
            let rows = [
                sale(7, "2026-10-05 12:00:00", fen, "RRN1"),
                sale(3, "2026-10-05 12:00:00", fen, "RRN1"),
                sale(5, "2026-10-05 12:00:00", fen, "RRN2"),
                sale(9, "2026-10-05 12:00:01", fen, "RRN1"),
                sale(4, "2027-10-05 12:00:00", fen + 1, "RRN1"),
            ];
            assert_eq!(copies(&rows), [(7, Status::Duplicate, 3)], "amount {fen}");
            let mut reversed = rows.clone();
            reversed.reverse();
            assert_eq!(copies(&reversed), [(7, Status::Duplicate, 3)], "amount {fen}, reversed");
        }
    }
}
