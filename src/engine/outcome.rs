//! What reconciliation produces: a [`Report`] with the status, counterparts, batch and flags of every row on
//! both sides, the settlement batches, and summary counts. Shared by the CLI, the exports and the GUI.
//!
//! Rows are addressed by [`RowId`]: the side plus the index into the slice of rows passed to
//! `engine::reconcile` for that side.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{Money, Side};

pub use crate::engine::compact::{Flags, RowIds, Text};

/// A row of the input: side + index into that side's slice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct RowId {
    pub side: Side,
    pub index: u32,
}

impl RowId {
    pub fn terminal(index: usize) -> RowId {
        RowId {
            side: Side::Terminal,
            index: index as u32,
        }
    }
    pub fn bank(index: usize) -> RowId {
        RowId {
            side: Side::Bank,
            index: index as u32,
        }
    }
}

/// The outcome of one row.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Paired one-to-one with a row of the other side, same amount.
    Matched,
    /// Paired one-to-one, but the amounts differ by a small amount.
    MatchedWithDifference,
    /// Part of a settlement batch (many terminal rows ↔ one bank credit).
    InBatch,
    /// No counterpart found on the other side.
    #[default]
    Missing,
    /// A repeat of another row of the same or another imported file.
    Duplicate,
    /// Takes no part: bank rows that are not card settlements (rent, salary, cash), declined or voided sales.
    Unrelated,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::Matched,
        Status::MatchedWithDifference,
        Status::InBatch,
        Status::Missing,
        Status::Duplicate,
        Status::Unrelated,
    ];

    /// The stable id used in JSON, CSV and the CLI.
    pub fn id(self) -> &'static str {
        match self {
            Status::Matched => "matched",
            Status::MatchedWithDifference => "matched_with_difference",
            Status::InBatch => "in_batch",
            Status::Missing => "missing",
            Status::Duplicate => "duplicate",
            Status::Unrelated => "unrelated",
        }
    }
}

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Low,
    Medium,
    High,
}

impl Severity {
    pub fn id(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
        }
    }
}

/// The stable ids of the suspicious-entry rules. Used by the CLI, the GUI, the exports and the tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleId {
    DoubleCharge,
    DuplicateInSource,
    DuplicateImport,
    ShortSettlement,
    OverSettlement,
    LateSettlement,
    FeeAboveContract,
    UnknownTerminal,
    UnknownMerchant,
    RefundWithoutSale,
    RefundExceedsSale,
    RefundOtherCard,
    CardVelocity,
    SplitBelowLimit,
    RoundAmountLarge,
    OffHours,
    DailyTotalOutlier,
    /// Identical amounts seconds apart: the one-to-one pass paired them but cannot tell which is which.
    AmbiguousMatch,
    /// A file's rows do not add up to the balances it states: a missing page or row.
    BalanceGap,
}

impl RuleId {
    pub const ALL: [RuleId; 19] = [
        RuleId::DoubleCharge,
        RuleId::DuplicateInSource,
        RuleId::DuplicateImport,
        RuleId::ShortSettlement,
        RuleId::OverSettlement,
        RuleId::LateSettlement,
        RuleId::FeeAboveContract,
        RuleId::UnknownTerminal,
        RuleId::UnknownMerchant,
        RuleId::RefundWithoutSale,
        RuleId::RefundExceedsSale,
        RuleId::RefundOtherCard,
        RuleId::CardVelocity,
        RuleId::SplitBelowLimit,
        RuleId::RoundAmountLarge,
        RuleId::OffHours,
        RuleId::DailyTotalOutlier,
        RuleId::AmbiguousMatch,
        RuleId::BalanceGap,
    ];

    /// The stable id, e.g. `double_charge`.
    pub fn id(self) -> &'static str {
        match self {
            RuleId::DoubleCharge => "double_charge",
            RuleId::DuplicateInSource => "duplicate_in_source",
            RuleId::DuplicateImport => "duplicate_import",
            RuleId::ShortSettlement => "short_settlement",
            RuleId::OverSettlement => "over_settlement",
            RuleId::LateSettlement => "late_settlement",
            RuleId::FeeAboveContract => "fee_above_contract",
            RuleId::UnknownTerminal => "unknown_terminal",
            RuleId::UnknownMerchant => "unknown_merchant",
            RuleId::RefundWithoutSale => "refund_without_sale",
            RuleId::RefundExceedsSale => "refund_exceeds_sale",
            RuleId::RefundOtherCard => "refund_other_card",
            RuleId::CardVelocity => "card_velocity",
            RuleId::SplitBelowLimit => "split_below_limit",
            RuleId::RoundAmountLarge => "round_amount_large",
            RuleId::OffHours => "off_hours",
            RuleId::DailyTotalOutlier => "daily_total_outlier",
            RuleId::AmbiguousMatch => "ambiguous_match",
            RuleId::BalanceGap => "balance_gap",
        }
    }

    pub fn from_id(id: &str) -> Option<RuleId> {
        RuleId::ALL.into_iter().find(|r| r.id() == id)
    }

    /// How serious a finding of this rule is. The one place severities are decided: the engine's flags, the
    /// CLI's `rules` listing and `--fail-on` all read it.
    pub fn severity(self) -> Severity {
        match self {
            RuleId::DoubleCharge
            | RuleId::ShortSettlement
            | RuleId::UnknownTerminal
            | RuleId::UnknownMerchant
            | RuleId::RefundWithoutSale
            | RuleId::RefundOtherCard
            | RuleId::BalanceGap => Severity::High,
            RuleId::DuplicateInSource
            | RuleId::OverSettlement
            | RuleId::LateSettlement
            | RuleId::FeeAboveContract
            | RuleId::RefundExceedsSale
            | RuleId::CardVelocity
            | RuleId::SplitBelowLimit
            | RuleId::OffHours => Severity::Medium,
            RuleId::DuplicateImport | RuleId::RoundAmountLarge | RuleId::DailyTotalOutlier | RuleId::AmbiguousMatch => {
                Severity::Low
            }
        }
    }
}

/// A reason in both interface languages. Each names the figures (amounts, dates, rates) behind the finding.
/// A [`Text`] reads as a `&str`; many flags may share one (the same sentence for every row of a price).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    pub en: Text,
    pub zh: Text,
}

/// One finding on one row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flag {
    pub rule: RuleId,
    pub severity: Severity,
    pub reason: Reason,
    /// Other rows the finding refers to (the original sale of a refund, the first of a double charge…).
    pub related: Vec<RowId>,
    /// Set when the user accepted this flag as reviewed (a manual decision).
    pub accepted: bool,
}

/// Which pass paired a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchRule {
    Reference,
    AmountTime,
    NearAmount,
    Manual,
}

/// The outcome of one row.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowOutcome {
    pub status: Status,
    /// The row(s) on the other side it was paired with (one for 1:1 matches; the bank credit for batch members;
    /// the batch's terminal rows for a settlement credit). For a duplicate: the row it repeats.
    pub counterparts: RowIds,
    pub match_rule: Option<MatchRule>,
    /// Index into `Report::batches`.
    pub batch: Option<u32>,
    /// Its findings (a list that rows with the same findings may share: see [`Flags`]).
    pub flags: Flags,
    /// A note the user attached (manual decision).
    pub note: Option<String>,
}

/// A settlement batch: the terminal rows of one merchant / terminal and business day(s) paid by one bank credit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Batch {
    /// Stable id, e.g. `M123456-2026-11-03` or `T0001-2026-11-01..2026-11-03`.
    pub id: String,
    pub merchant_id: Option<String>,
    pub terminal_id: Option<String>,
    /// First and last business day covered.
    pub first_day: chrono::NaiveDate,
    pub last_day: chrono::NaiveDate,
    /// The bank credit, if one was found.
    pub bank: Option<RowId>,
    pub terminal_rows: Vec<RowId>,
    /// Σ sales − Σ refunds.
    pub gross: Money,
    /// Fees: from the fee column where present, else from the contracted rate.
    pub fees: Money,
    pub expected_net: Money,
    /// The bank credit's amount (zero when no credit was found).
    pub actual: Money,
    /// actual − expected_net.
    pub difference: Money,
    /// (gross − actual) / gross, as a fraction (0.006 = 0.6 %). None when gross is zero or nothing was paid.
    pub effective_fee_rate: Option<rust_decimal::Decimal>,
    /// What tied the credit to these days (or why none does): every batch finding rests on it.
    #[serde(default)]
    pub tied_by: TiedBy,
}

/// What tied a settlement batch to its bank credit, or found that none pays it; `engine::wording::tied_by` says
/// it in words.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum TiedBy {
    /// The acquirer's report states this settlement date for the rows.
    SettlementDate { date: chrono::NaiveDate },
    /// A payout or batch id that both files name.
    BatchId { id: String },
    /// The bank memo names these days.
    Memo {
        first: chrono::NaiveDate,
        last: chrono::NaiveDate,
    },
    /// The credit equals the takings' net within the tolerance.
    #[default]
    Amount,
    /// Nothing stated: credits keep the order of the days they pay, and this credit is the one in its place.
    Order,
    /// No credit pays these days: none in its place between the credits of `after` and `before`.
    Unpaid {
        after: Option<chrono::NaiveDate>,
        before: Option<chrono::NaiveDate>,
    },
}

/// Counts for the summary cards and the JSON summary.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub terminal_rows: usize,
    pub bank_rows: usize,
    pub matched: usize,
    pub matched_with_difference: usize,
    pub in_batch: usize,
    pub missing_in_bank: usize,
    pub missing_in_terminal: usize,
    pub duplicates: usize,
    pub unrelated: usize,
    /// One-to-one pairs of equal amounts close in time that could be swapped without changing any answer (not a
    /// finding: both rows are paid either way).
    #[serde(default)]
    pub interchangeable_pairs: usize,
    /// Number of flags per rule id (accepted flags included).
    pub flags: BTreeMap<String, usize>,
    /// Total fees over all batches.
    pub total_fees: Money,
    /// Total fees / total gross of all batches.
    pub effective_fee_rate: Option<rust_decimal::Decimal>,
}

/// Everything reconciliation found. `terminal[i]` is the outcome of the i-th terminal row passed in,
/// `bank[j]` of the j-th bank row. Deterministic whatever the order of the input.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub terminal: Vec<RowOutcome>,
    pub bank: Vec<RowOutcome>,
    pub batches: Vec<Batch>,
    pub summary: Summary,
}

impl Report {
    pub fn outcome(&self, row: RowId) -> Option<&RowOutcome> {
        match row.side {
            Side::Terminal => self.terminal.get(row.index as usize),
            Side::Bank => self.bank.get(row.index as usize),
        }
    }
}

/// A decision the user made by hand; the engine honours them on every run, in order. `R` is how rows are
/// addressed: [`RowId`] (a position in this run) for the engine, a stable key where decisions are stored
/// (`store::RowKey`: file + line); [`Decision::try_map_rows`] is the one place that translates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Decision<R = RowId> {
    /// Pair these rows (one or more terminal rows with one or more bank rows), whatever the amounts.
    ForceMatch { terminal: Vec<R>, bank: Vec<R> },
    /// Undo whatever pairing the engine made for this row; it stays missing.
    Unmatch { row: R },
    /// Mark a flag on a row as reviewed.
    AcceptFlag { row: R, rule: RuleId },
    /// Attach a note to a row.
    Note { row: R, text: String },
}

impl<R> Decision<R> {
    /// Every row the decision names.
    pub fn rows(&self) -> Vec<&R> {
        match self {
            Decision::ForceMatch { terminal, bank } => terminal.iter().chain(bank).collect(),
            Decision::Unmatch { row } | Decision::AcceptFlag { row, .. } | Decision::Note { row, .. } => vec![row],
        }
    }

    /// The same decision with its rows addressed another way; stops at the first row `f` cannot translate.
    pub fn try_map_rows<S, E>(&self, mut f: impl FnMut(&R) -> Result<S, E>) -> Result<Decision<S>, E> {
        let mut all = |rows: &[R]| rows.iter().map(&mut f).collect::<Result<Vec<S>, E>>();
        Ok(match self {
            Decision::ForceMatch { terminal, bank } => Decision::ForceMatch {
                terminal: all(terminal)?,
                bank: all(bank)?,
            },
            Decision::Unmatch { row } => Decision::Unmatch { row: f(row)? },
            Decision::AcceptFlag { row, rule } => Decision::AcceptFlag {
                row: f(row)?,
                rule: *rule,
            },
            Decision::Note { row, text } => Decision::Note {
                row: f(row)?,
                text: text.clone(),
            },
        })
    }
}
