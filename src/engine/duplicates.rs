//! Repeated rows, found before matching so a copy never takes a counterpart away from the real row.
//!
//! * Within one file: the same amount, time and identifiers (reference, voucher, card — at least one present)
//!   as an earlier line → the later copy is `duplicate` with `duplicate_in_source`. Rows without any identifier
//!   are never called copies: two ¥18.00 coffees in the same second are possible, and nothing tells them apart.
//! * Across files of one side: a row of a later-imported file (higher source id) with the same content as a
//!   row of an earlier file (the same statement imported twice, overlapping exports) → `duplicate` with
//!   `duplicate_import`, one earlier row per copy.

use crate::engine::index::{ident, ordered, secs, minor};
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
    let order = ordered(rows, |i| work.is_open(RowId { side, index: i as u32 }));
    let mut start = 0;
    while start < order.len() {
        let head = &rows[order[start] as usize];
        let key = (secs(head), minor(head.amount));
        let len = order[start..]
            .iter()
            .take_while(|&&i| (secs(&rows[i as usize]), minor(rows[i as usize].amount)) == key)
            .count();
        mark_group(work, side, &order[start..start + len]);
        start += len;
    }
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
                rows[o as usize].row.source < row.row.source && !claimed.contains(&o) && same_content(&rows[o as usize], row)
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
            format!("The same {amount} at {when} with the same reference/card as line {line} of this file: a repeated row."),
            format!("与本文件第 {line} 行的金额 {amount}、时间 {when} 及参考号/卡号完全相同：重复记录。"),
        )
    } else {
        (
            format!("Repeats line {line} of an earlier imported file ({amount} at {when}): the same rows were imported twice."),
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
