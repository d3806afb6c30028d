//! The review list behind the results table: one flat, pre-digested row per terminal and bank row (status,
//! open flags, worst severity, a lower-cased search text), and the filtered, sorted selection of it the table
//! shows. Free of iced types so it is tested and benchmarked on its own; 1M rows filter and sort in well under
//! 100 ms (see `benches/gui_review.rs`).

use chrono::NaiveDateTime;

use crate::engine::{Report, RowId, RuleId, Severity, Status};
use crate::model::{Side, Txn};

/// One row of either side as the review table needs it.
#[derive(Clone, Debug, PartialEq)]
pub struct LedgerRow {
    pub id: RowId,
    pub time: NaiveDateTime,
    /// Amount in fen/cents, for sorting and comparisons.
    pub amount_minor: i64,
    pub status: Status,
    /// Bit `i` set when a flag of `RuleId::ALL[i]` is on the row and not accepted yet.
    pub open_flags: u32,
    /// Bit `i` set when a flag of `RuleId::ALL[i]` is on the row, accepted or not.
    pub all_flags: u32,
    /// Worst severity among the open flags.
    pub severity: Option<Severity>,
    /// Lower-cased reference, voucher, terminal, merchant, card, description, counterparty and amount.
    pub search: Box<str>,
}

/// What the summary cards filter on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Focus {
    #[default]
    All,
    /// Matched one-to-one, with or without an amount difference.
    Matched,
    InBatch,
    /// Terminal rows with no bank counterpart.
    MissingInBank,
    /// Bank rows with no terminal counterpart.
    MissingInTerminal,
    Duplicates,
    Unrelated,
    /// Rows whose worst open flag has this severity.
    Suspicious(Severity),
}

/// Which side's rows to list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SideFilter {
    #[default]
    Both,
    Terminal,
    Bank,
}

/// The columns the table sorts by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SortColumn {
    #[default]
    Time,
    Amount,
    Status,
    Side,
    Severity,
}

/// Everything that decides which rows are listed, and in which order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Query {
    pub focus: Focus,
    pub rule: Option<RuleId>,
    pub side: SideFilter,
    /// Case-insensitive substring; empty lists everything.
    pub search: String,
    pub sort: SortColumn,
    pub descending: bool,
}

/// The counts on the summary cards, taken from the rows so that a card's count is what its filter lists.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub matched: usize,
    pub in_batch: usize,
    pub missing_in_bank: usize,
    pub missing_in_terminal: usize,
    pub duplicates: usize,
    pub unrelated: usize,
    /// Rows with open flags, by worst severity: high, medium, low.
    pub high: usize,
    pub medium: usize,
    pub low: usize,
}

/// The review list: all rows of both sides, terminal first, in input order.
#[derive(Clone, Debug, Default)]
pub struct ReviewLedger {
    rows: Vec<LedgerRow>,
    terminal_len: usize,
}

impl ReviewLedger {
    /// Digests the rows of both sides with their outcomes. Rows the report has no outcome for (it should have
    /// one for every row) are listed as missing.
    pub fn build(terminal: &[Txn], bank: &[Txn], report: &Report) -> ReviewLedger {
        let mut rows = Vec::with_capacity(terminal.len() + bank.len());
        for (side, txns) in [(Side::Terminal, terminal), (Side::Bank, bank)] {
            for (index, txn) in txns.iter().enumerate() {
                let id = RowId {
                    side,
                    index: index as u32,
                };
                rows.push(digest(id, txn, report));
            }
        }
        ReviewLedger {
            rows,
            terminal_len: terminal.len(),
        }
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The row at a position of the ledger (as returned by [`ReviewLedger::select`]).
    pub fn row(&self, position: u32) -> Option<&LedgerRow> {
        self.rows.get(position as usize)
    }

    /// The ledger position of a row id.
    pub fn position(&self, id: RowId) -> Option<u32> {
        let position = match id.side {
            Side::Terminal => id.index as usize,
            Side::Bank => self.terminal_len + id.index as usize,
        };
        let found = self.rows.get(position)?;
        (found.id == id).then_some(position as u32)
    }

    pub fn tally(&self) -> Tally {
        let mut tally = Tally::default();
        for row in &self.rows {
            match (row.status, row.id.side) {
                (Status::Matched | Status::MatchedWithDifference, _) => tally.matched += 1,
                (Status::InBatch, _) => tally.in_batch += 1,
                (Status::Missing, Side::Terminal) => tally.missing_in_bank += 1,
                (Status::Missing, Side::Bank) => tally.missing_in_terminal += 1,
                (Status::Duplicate, _) => tally.duplicates += 1,
                (Status::Unrelated, _) => tally.unrelated += 1,
            }
            match row.severity {
                Some(Severity::High) => tally.high += 1,
                Some(Severity::Medium) => tally.medium += 1,
                Some(Severity::Low) => tally.low += 1,
                None => {}
            }
        }
        tally
    }

    /// The positions of the rows the query lists, in its order. Ties keep input order (terminal first).
    pub fn select(&self, query: &Query) -> Vec<u32> {
        let needle = query.search.trim().to_lowercase();
        let rule_bit = query.rule.map(rule_bit);
        let mut picked: Vec<u32> = self
            .rows
            .iter()
            .enumerate()
            .filter(|(_, row)| {
                focus_admits(query.focus, row)
                    && side_admits(query.side, row.id.side)
                    && rule_bit.is_none_or(|bit| row.all_flags & bit != 0)
                    && (needle.is_empty() || row.search.contains(needle.as_str()))
            })
            .map(|(position, _)| position as u32)
            .collect();
        // Sort (key, position) pairs: one cheap key per row, and the position breaks ties, so ties keep input
        // order in both directions (which within a side is usually time order).
        let mut keyed: Vec<(i64, u32)> = picked
            .iter()
            .filter_map(|p| self.rows.get(*p as usize).map(|row| (sort_key(query.sort, row), *p)))
            .map(|(key, p)| (if query.descending { key.saturating_neg() } else { key }, p))
            .collect();
        keyed.sort_unstable();
        picked.clear();
        picked.extend(keyed.into_iter().map(|(_, p)| p));
        picked
    }
}

/// The bit of a rule in [`LedgerRow::open_flags`].
pub fn rule_bit(rule: RuleId) -> u32 {
    RuleId::ALL.iter().position(|r| *r == rule).map_or(0, |i| 1 << i)
}

fn digest(id: RowId, txn: &Txn, report: &Report) -> LedgerRow {
    let outcome = report.outcome(id);
    let (mut open_flags, mut all_flags, mut severity) = (0, 0, None);
    for flag in outcome.map(|o| o.flags.as_slice()).unwrap_or_default() {
        all_flags |= rule_bit(flag.rule);
        if !flag.accepted {
            open_flags |= rule_bit(flag.rule);
            severity = severity.max(Some(flag.severity));
        }
    }
    let mut search = String::new();
    for part in [
        txn.reference.as_deref(),
        txn.voucher.as_deref(),
        txn.terminal_id.as_deref(),
        txn.merchant_id.as_deref(),
        txn.card_masked.as_deref(),
        txn.description.as_deref(),
        txn.counterparty.as_deref(),
    ]
    .into_iter()
    .flatten()
    {
        search.push_str(&part.to_lowercase());
        search.push('\u{1f}');
    }
    search.push_str(&txn.amount.to_string());
    LedgerRow {
        id,
        time: txn.time,
        amount_minor: txn.amount.minor_units(),
        status: outcome.map_or(Status::Missing, |o| o.status),
        open_flags,
        all_flags,
        severity,
        search: search.into_boxed_str(),
    }
}

/// The number a row sorts by in a column, smallest first.
fn sort_key(column: SortColumn, row: &LedgerRow) -> i64 {
    match column {
        SortColumn::Time => row.time.and_utc().timestamp(),
        SortColumn::Amount => row.amount_minor,
        SortColumn::Status => row.status as i64,
        SortColumn::Side => row.id.side as i64,
        // Worst first: flagged rows by severity, then missing and duplicate rows.
        SortColumn::Severity => {
            let severity = match row.severity {
                None => 0,
                Some(Severity::Low) => 1,
                Some(Severity::Medium) => 2,
                Some(Severity::High) => 3,
            };
            -(severity * 2 + i64::from(needs_attention(row.status)))
        }
    }
}

/// Statuses a shop owner must look at, whatever the flags say.
fn needs_attention(status: Status) -> bool {
    matches!(
        status,
        Status::Missing | Status::Duplicate | Status::MatchedWithDifference
    )
}

fn focus_admits(focus: Focus, row: &LedgerRow) -> bool {
    match focus {
        Focus::All => true,
        Focus::Matched => matches!(row.status, Status::Matched | Status::MatchedWithDifference),
        Focus::InBatch => row.status == Status::InBatch,
        Focus::MissingInBank => row.status == Status::Missing && row.id.side == Side::Terminal,
        Focus::MissingInTerminal => row.status == Status::Missing && row.id.side == Side::Bank,
        Focus::Duplicates => row.status == Status::Duplicate,
        Focus::Unrelated => row.status == Status::Unrelated,
        Focus::Suspicious(severity) => row.severity == Some(severity),
    }
}

fn side_admits(filter: SideFilter, side: Side) -> bool {
    match filter {
        SideFilter::Both => true,
        SideFilter::Terminal => side == Side::Terminal,
        SideFilter::Bank => side == Side::Bank,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Flag, Reason, RowOutcome};
    use crate::model::{Money, RowRef, SourceId};

    fn txn(side: Side, minute: u32, fen: i64, reference: &str) -> Txn {
        let time = chrono::NaiveDate::from_ymd_opt(2026, 11, 3)
            .and_then(|d| d.and_hms_opt(10, minute, 0))
            .unwrap_or_default();
        let mut t = Txn::new(
            RowRef {
                source: SourceId(0),
                line: minute + 2,
            },
            side,
            time,
            Money::from_minor(fen),
        );
        t.reference = Some(reference.into());
        t
    }

    fn outcome(status: Status, flags: &[(RuleId, Severity, bool)]) -> RowOutcome {
        RowOutcome {
            status,
            flags: flags
                .iter()
                .map(|(rule, severity, accepted)| Flag {
                    rule: *rule,
                    severity: *severity,
                    reason: Reason {
                        en: Default::default(),
                        zh: Default::default(),
                    },
                    related: vec![],
                    accepted: *accepted,
                })
                .collect(),
            ..RowOutcome::default()
        }
    }

    fn sample() -> ReviewLedger {
        let terminal = vec![
            txn(Side::Terminal, 5, 1000, "RRN-A"),
            txn(Side::Terminal, 1, 2500, "rrn-b"),
            txn(Side::Terminal, 9, 700, "x"),
        ];
        let bank = vec![txn(Side::Bank, 6, 1000, "B1"), txn(Side::Bank, 3, 99900, "B2")];
        let report = Report {
            terminal: vec![
                outcome(Status::Matched, &[]),
                outcome(Status::Missing, &[(RuleId::OffHours, Severity::Low, false)]),
                outcome(
                    Status::Missing,
                    &[
                        (RuleId::DoubleCharge, Severity::High, false),
                        (RuleId::OffHours, Severity::Low, true),
                    ],
                ),
            ],
            bank: vec![outcome(Status::Matched, &[]), outcome(Status::Missing, &[])],
            ..Report::default()
        };
        ReviewLedger::build(&terminal, &bank, &report)
    }

    #[test]
    fn missing_in_bank_lists_only_unpaid_terminal_rows() {
        let ledger = sample();
        let picked = ledger.select(&Query {
            focus: Focus::MissingInBank,
            ..Query::default()
        });
        let ids: Vec<RowId> = picked.iter().filter_map(|p| ledger.row(*p)).map(|r| r.id).collect();
        assert_eq!(ids, vec![RowId::terminal(1), RowId::terminal(2)]);
        let picked = ledger.select(&Query {
            focus: Focus::MissingInTerminal,
            ..Query::default()
        });
        assert_eq!(picked.len(), 1);
    }

    #[test]
    fn tally_counts_what_each_card_lists() {
        let ledger = sample();
        let tally = ledger.tally();
        assert_eq!(
            (tally.matched, tally.missing_in_bank, tally.missing_in_terminal),
            (2, 2, 1)
        );
        // The accepted off-hours flag no longer counts: the row's worst open flag is the double charge.
        assert_eq!((tally.high, tally.medium, tally.low), (1, 0, 1));
        for (focus, count) in [
            (Focus::Matched, 2),
            (Focus::Suspicious(Severity::High), 1),
            (Focus::Suspicious(Severity::Low), 1),
        ] {
            assert_eq!(
                ledger
                    .select(&Query {
                        focus,
                        ..Query::default()
                    })
                    .len(),
                count,
                "{focus:?}"
            );
        }
    }

    #[test]
    fn search_is_case_insensitive_and_covers_amounts() {
        let ledger = sample();
        assert_eq!(
            ledger.select(&Query {
                search: "RRN-B".into(),
                ..Query::default()
            }),
            vec![1]
        );
        assert_eq!(
            ledger.select(&Query {
                search: "999.00".into(),
                ..Query::default()
            }),
            vec![4]
        );
        assert!(
            ledger
                .select(&Query {
                    search: "nothing like this".into(),
                    ..Query::default()
                })
                .is_empty()
        );
    }

    #[test]
    fn sorts_by_time_and_amount_both_ways() {
        let ledger = sample();
        assert_eq!(ledger.select(&Query::default()), vec![1, 4, 0, 3, 2]);
        let by_amount = Query {
            sort: SortColumn::Amount,
            descending: true,
            ..Query::default()
        };
        assert_eq!(ledger.select(&by_amount), vec![4, 1, 0, 3, 2]);
    }

    #[test]
    fn findings_order_puts_the_worst_first_then_what_is_missing() {
        let ledger = sample();
        let worst_first = Query {
            sort: SortColumn::Severity,
            ..Query::default()
        };
        // High flag, low flag, then the missing bank row, then the matched rows in input order.
        assert_eq!(ledger.select(&worst_first), vec![2, 1, 4, 0, 3]);
    }

    #[test]
    fn rule_filter_includes_accepted_flags() {
        let ledger = sample();
        let query = Query {
            rule: Some(RuleId::OffHours),
            ..Query::default()
        };
        assert_eq!(ledger.select(&query), vec![1, 2]);
    }

    #[test]
    fn position_round_trips_row_ids() {
        let ledger = sample();
        assert_eq!(ledger.position(RowId::bank(1)), Some(4));
        assert_eq!(ledger.position(RowId::bank(7)), None);
    }
}
