//! The owner's manual decisions, honoured on every run, in the order given. Pairings (force-match, unmatch)
//! are applied before the passes, so the passes work around them; accepting a flag and notes are applied to the
//! finished report. Decisions naming rows outside the input are ignored.

use crate::engine::outcome::{Decision, MatchRule, Report, RowId, RowIds, Status};
use crate::engine::work::Work;

/// Applies `ForceMatch` and `Unmatch`.
pub fn pairings(work: &mut Work, decisions: &[Decision]) {
    for d in decisions {
        match d {
            Decision::ForceMatch { terminal, bank } => force_match(work, terminal, bank),
            Decision::Unmatch { row } => unmatch(work, *row),
            Decision::AcceptFlag { .. } | Decision::Note { .. } => {}
        }
    }
}

fn exists(work: &Work, row: RowId) -> bool {
    (row.index as usize) < work.rows(row.side).len()
}

fn force_match(work: &mut Work, terminal: &[RowId], bank: &[RowId]) {
    let valid = |rows: &[RowId], side| -> Vec<RowId> {
        rows.iter()
            .copied()
            .filter(|r| r.side == side && exists(work, *r))
            .collect()
    };
    let (ts, bs) = (
        valid(terminal, crate::model::Side::Terminal),
        valid(bank, crate::model::Side::Bank),
    );
    if ts.is_empty() || bs.is_empty() {
        return;
    }
    for (mine, theirs) in [(&ts, &bs), (&bs, &ts)] {
        for &row in mine {
            work.close(row, Status::Matched);
            if let Some(out) = work.outcome_mut(row) {
                out.counterparts = RowIds::from(theirs.as_slice());
                out.match_rule = Some(MatchRule::Manual);
                out.batch = None;
            }
        }
    }
}

/// The row stays `missing` and takes no part; rows it was paired with by hand are freed again when nothing
/// else holds them.
fn unmatch(work: &mut Work, row: RowId) {
    if !exists(work, row) {
        return;
    }
    let former = work
        .outcome_mut(row)
        .map(|out| std::mem::take(&mut out.counterparts))
        .unwrap_or_default();
    work.close(row, Status::Missing);
    if let Some(out) = work.outcome_mut(row) {
        out.match_rule = None;
    }
    for &other in &former {
        let now_empty = work.outcome_mut(other).is_some_and(|out| {
            out.counterparts.retain(|&c| c != row);
            out.counterparts.is_empty()
        });
        if now_empty {
            reopen(work, other);
        }
    }
}

fn reopen(work: &mut Work, row: RowId) {
    if let Some(out) = work.outcome_mut(row) {
        out.status = Status::Missing;
        out.match_rule = None;
    }
    let open = match row.side {
        crate::model::Side::Terminal => &mut work.terminal_open,
        crate::model::Side::Bank => &mut work.bank_open,
    };
    if let Some(slot) = open.get_mut(row.index as usize) {
        *slot = true;
    }
}

/// Applies `AcceptFlag` and `Note` to the finished report.
pub fn annotations(report: &mut Report, decisions: &[Decision]) {
    for d in decisions {
        match d {
            Decision::AcceptFlag { row, rule } => {
                if let Some(out) = outcome_mut(report, *row) {
                    out.flags
                        .iter_mut()
                        .filter(|f| f.rule == *rule)
                        .for_each(|f| f.accepted = true);
                }
            }
            Decision::Note { row, text } => {
                if let Some(out) = outcome_mut(report, *row) {
                    out.note = Some(text.clone());
                }
            }
            Decision::ForceMatch { .. } | Decision::Unmatch { .. } => {}
        }
    }
}

fn outcome_mut(report: &mut Report, row: RowId) -> Option<&mut crate::engine::outcome::RowOutcome> {
    match row.side {
        crate::model::Side::Terminal => report.terminal.get_mut(row.index as usize),
        crate::model::Side::Bank => report.bank.get_mut(row.index as usize),
    }
}
