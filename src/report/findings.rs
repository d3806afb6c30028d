//! The findings list: every flag on every row, most serious first, followed by the rows that need a look for
//! their status alone (missing, matched with a difference). The Findings sheet, the findings CSV and the
//! command line's `--fail-on` all read it from here.

use std::cmp::Reverse;

use super::table::RowView;
use super::{Lang, Reconciliation, labels};
use crate::engine::{Flag, Report, RowId, RowOutcome, Severity, Status};
use crate::model::Txn;

/// One line of the findings list.
#[derive(Clone, Copy, Debug)]
pub struct Finding<'a> {
    pub row: RowId,
    pub txn: &'a Txn,
    pub outcome: &'a RowOutcome,
    /// The flag; `None` for a row listed for its status alone.
    pub flag: Option<&'a Flag>,
}

impl<'a> Finding<'a> {
    pub fn severity(&self) -> Option<Severity> {
        self.flag.map(|f| f.severity)
    }

    /// The flag's reason, or the sentence for the row's status (which names the unpaid day, see
    /// [`labels::status_sentence`]).
    pub fn reason(&self, lang: Lang, report: &Report) -> std::borrow::Cow<'a, str> {
        match self.flag {
            Some(flag) => std::borrow::Cow::Borrowed(lang.pick(&flag.reason.en, &flag.reason.zh)),
            None => labels::status_sentence(self.outcome, self.row.side, &report.batches, lang),
        }
    }

    /// The finding as a table row.
    pub fn view(self, rec: Reconciliation<'a>) -> RowView<'a> {
        RowView {
            rec,
            row: self.row,
            txn: self.txn,
            outcome: self.outcome,
            flag: self.flag,
        }
    }
}

/// Statuses that put a row without flags on the findings list.
fn status_needs_a_look(status: Status) -> bool {
    matches!(status, Status::Missing | Status::MatchedWithDifference)
}

/// All findings, sorted: flags by severity (high first), then status-only rows; within each, terminal before
/// bank, then by file and line, then by rule.
pub fn findings<'a>(rec: &Reconciliation<'a>) -> Vec<Finding<'a>> {
    let mut list = Vec::new();
    for side in [crate::model::Side::Terminal, crate::model::Side::Bank] {
        for (row, txn, outcome) in rec.side_rows(side) {
            if outcome.flags.is_empty() {
                if status_needs_a_look(outcome.status) {
                    list.push(Finding {
                        row,
                        txn,
                        outcome,
                        flag: None,
                    });
                }
                continue;
            }
            list.extend(outcome.flags.iter().map(|flag| Finding {
                row,
                txn,
                outcome,
                flag: Some(flag),
            }));
        }
    }
    list.sort_by_key(|f| {
        (
            f.flag.is_none(),
            Reverse(f.severity()),
            f.row.side,
            f.txn.row.source,
            f.txn.row.line,
            f.flag.map(|fl| fl.rule),
        )
    });
    list
}

/// The most serious flag not yet accepted by the user, over both sides.
pub fn worst_severity(report: &Report) -> Option<Severity> {
    report
        .terminal
        .iter()
        .chain(&report.bank)
        .flat_map(|o| &o.flags)
        .filter(|f| !f.accepted)
        .map(|f| f.severity)
        .max()
}
