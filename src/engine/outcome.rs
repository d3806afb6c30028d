//! What reconciliation produces: a [`Report`] with the status, counterparts, batch and flags of every row on
//! both sides, the settlement batches, and summary counts. Shared by the CLI, the exports and the GUI.
//!
//! Rows are addressed by [`RowId`]: the side plus the index into the slice of rows passed to
//! `engine::reconcile` for that side. A row's findings are a [`Flags`] list, which many rows may share.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::model::{Money, Side};

pub use crate::engine::compact::{RowIds, Text};
pub use crate::engine::row_id::RowId;

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

/// A row's flags. Reads as a `[Flag]`; a list may be shared by many rows (cloning a `Flags` shares it), and
/// writing to a shared list (`push`, `iter_mut`) first gives the row a copy of its own, so no row ever sees
/// another's change. Empty without a heap allocation; 8 bytes in each outcome.
#[derive(Clone, Default)]
pub struct Flags(Option<Arc<Vec<Flag>>>);

impl Flags {
    pub const fn new() -> Flags {
        Flags(None)
    }

    pub fn as_slice(&self) -> &[Flag] {
        self.0.as_deref().map_or(&[], Vec::as_slice)
    }

    /// The flags to change in place (copied first when the list is shared with other rows).
    pub fn as_mut_slice(&mut self) -> &mut [Flag] {
        match &mut self.0 {
            None => &mut [],
            Some(list) => Arc::make_mut(list).as_mut_slice(),
        }
    }

    /// Adds a flag. A row's first flag gets a list of exactly one (most flagged rows carry one).
    pub fn push(&mut self, flag: Flag) {
        match &mut self.0 {
            None => self.0 = Some(Arc::new(vec![flag])),
            Some(list) => Arc::make_mut(list).push(flag),
        }
    }

    /// Adds every flag of `other`; a row with no flag yet shares `other`'s list instead of copying it.
    pub fn extend_shared(&mut self, other: &Flags) {
        if self.is_empty() {
            *self = other.clone();
        } else {
            for flag in other {
                self.push(flag.clone());
            }
        }
    }

    pub fn to_vec(&self) -> Vec<Flag> {
        self.as_slice().to_vec()
    }
}

impl Deref for Flags {
    type Target = [Flag];
    fn deref(&self) -> &[Flag] {
        self.as_slice()
    }
}

impl DerefMut for Flags {
    fn deref_mut(&mut self) -> &mut [Flag] {
        self.as_mut_slice()
    }
}

impl From<Vec<Flag>> for Flags {
    fn from(flags: Vec<Flag>) -> Flags {
        if flags.is_empty() {
            Flags::new()
        } else {
            Flags(Some(Arc::new(flags)))
        }
    }
}

impl FromIterator<Flag> for Flags {
    fn from_iter<I: IntoIterator<Item = Flag>>(iter: I) -> Flags {
        Flags::from(iter.into_iter().collect::<Vec<Flag>>())
    }
}

impl Extend<Flag> for Flags {
    fn extend<I: IntoIterator<Item = Flag>>(&mut self, iter: I) {
        for flag in iter {
            self.push(flag);
        }
    }
}

impl<'a> IntoIterator for &'a Flags {
    type Item = &'a Flag;
    type IntoIter = std::slice::Iter<'a, Flag>;
    fn into_iter(self) -> Self::IntoIter {
        self.as_slice().iter()
    }
}

impl PartialEq for Flags {
    fn eq(&self, other: &Flags) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl Eq for Flags {}

impl PartialEq<Vec<Flag>> for Flags {
    fn eq(&self, other: &Vec<Flag>) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl fmt::Debug for Flags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.as_slice()).finish()
    }
}

impl Serialize for Flags {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.as_slice().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Flags {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Flags, D::Error> {
        Vec::<Flag>::deserialize(deserializer).map(Flags::from)
    }
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

/// What the balance check made of one file: it is never skipped in silence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum BalanceCheck {
    /// The rows with a balance were checked, step by step: `steps` added up, `gaps` jumps were found.
    Checked { steps: usize, gaps: usize },
    /// The file states no balance: there was nothing to check.
    NoBalances,
    /// The balances do not follow the rows in file order (more jumps than steps that add up): the rows may
    /// be out of order, or the column is not a running balance. Not checked.
    NotInOrder { jumps: usize, steps: usize },
}

impl BalanceCheck {
    /// Why the check was not made, in English and Chinese; None when it was made.
    pub fn not_made(&self) -> Option<(String, String)> {
        match *self {
            BalanceCheck::Checked { .. } => None,
            BalanceCheck::NoBalances => {
                Some(("the file states no balance".to_string(), "文件中没有余额列".to_string()))
            }
            BalanceCheck::NotInOrder { jumps, steps } => Some((
                format!(
                    "its balances do not follow its rows in file order ({jumps} jumps, {steps} steps add up): the rows may be out of order"
                ),
                format!("余额与文件中的行序不符（{jumps} 处跳变，{steps} 处相符）：行的顺序可能被打乱"),
            )),
        }
    }
}

/// The balance check of one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileBalanceCheck {
    pub side: Side,
    /// The file (`SourceId`'s number).
    pub source: u16,
    pub check: BalanceCheck,
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
    /// What the balance check made of each bank file (and of each terminal file that states balances).
    #[serde(default)]
    pub balance_checks: Vec<FileBalanceCheck>,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_shared_by_rows_stay_each_rows_own() {
        let flag = |rule| crate::engine::wording::flag(rule, "en", "zh", Vec::new());
        let mut shared = Flags::new();
        assert!(shared.is_empty());
        shared.push(flag(RuleId::AmbiguousMatch));
        let (mut a, mut b, mut c) = (Flags::new(), Flags::new(), Flags::from(vec![flag(RuleId::OffHours)]));
        a.extend_shared(&shared);
        b.extend_shared(&shared);
        c.extend_shared(&shared);
        assert!(
            std::ptr::eq(a.as_slice(), shared.as_slice()),
            "a row without flags shares the list"
        );
        assert_eq!(
            c.iter().map(|f| f.rule.id()).collect::<Vec<_>>(),
            ["off_hours", "ambiguous_match"]
        );
        // Accepting the flag on one row leaves the rows that shared it alone.
        a.iter_mut().for_each(|f| f.accepted = true);
        b.push(flag(RuleId::CardVelocity));
        assert!(a[0].accepted && !b[0].accepted && !shared[0].accepted);
        assert_eq!((shared.len(), b.len()), (1, 2));
        assert_eq!(serde_json::to_string(&b).ok(), serde_json::to_string(&b.to_vec()).ok());
        let back: Option<Flags> = serde_json::from_str(&serde_json::to_string(&b).unwrap_or_default()).ok();
        assert_eq!(back, Some(b.clone()));
        assert_eq!(format!("{b:?}"), format!("{:?}", b.to_vec()));
        assert_eq!(size_of::<Flags>(), 8);
    }
}
