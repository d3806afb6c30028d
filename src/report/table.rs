//! The columns the exports show for a row, and the typed value of each cell. The workbook writes these cells
//! with number and date formats; the CSV writes their plain text. Keeping one table means the Findings sheet
//! and the findings CSV cannot drift apart.

use std::borrow::Cow;

use chrono::NaiveDateTime;
use rust_decimal::Decimal;

use super::safe_text::neutralise;
use super::{Lang, Reconciliation, labels};
use crate::engine::{Flag, RowId, RowOutcome};
use crate::model::{Currency, Money, Side, Txn};

/// At most this many counterparts are named in one cell; the rest are counted.
const COUNTERPARTS_SHOWN: usize = 5;

/// A column of a row table (Findings, Terminal, Bank, findings CSV).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Severity,
    /// The rule's name in the export's language.
    Rule,
    /// The rule's stable id (`double_charge`).
    RuleId,
    Status,
    Side,
    File,
    Line,
    Time,
    Kind,
    Amount,
    Fee,
    Net,
    Reference,
    Voucher,
    TerminalId,
    MerchantId,
    Card,
    Description,
    Counterparty,
    /// `file:line` of the paired rows.
    Counterparts,
    Batch,
    /// Rule ids of all flags on the row.
    Flags,
    Reason,
    Accepted,
}

/// The columns of the Findings sheet and the findings CSV.
pub const FINDING_COLUMNS: &[Column] = &[
    Column::Severity,
    Column::Rule,
    Column::RuleId,
    Column::Status,
    Column::Side,
    Column::File,
    Column::Line,
    Column::Time,
    Column::Amount,
    Column::Reference,
    Column::TerminalId,
    Column::Card,
    Column::Counterparts,
    Column::Reason,
    Column::Accepted,
];

/// The columns of the Findings sheet: the CSV's without the ones a printed page can do without (the rule id,
/// side, terminal, counterparts and review mark stay in the CSV and on the Terminal/Bank sheets).
pub const FINDING_SHEET_COLUMNS: &[Column] = &[
    Column::Severity,
    Column::Rule,
    Column::Status,
    Column::File,
    Column::Line,
    Column::Time,
    Column::Amount,
    Column::Reference,
    Column::Card,
    Column::Reason,
];

/// The columns of the Terminal sheet.
pub const TERMINAL_COLUMNS: &[Column] = &[
    Column::File,
    Column::Line,
    Column::Time,
    Column::Kind,
    Column::Amount,
    Column::Fee,
    Column::Net,
    Column::Reference,
    Column::Voucher,
    Column::TerminalId,
    Column::MerchantId,
    Column::Card,
    Column::Description,
    Column::Status,
    Column::Counterparts,
    Column::Batch,
    Column::Flags,
    Column::Reason,
];

/// The columns of the Bank sheet.
pub const BANK_COLUMNS: &[Column] = &[
    Column::File,
    Column::Line,
    Column::Time,
    Column::Amount,
    Column::Reference,
    Column::Description,
    Column::Counterparty,
    Column::Status,
    Column::Counterparts,
    Column::Batch,
    Column::Flags,
    Column::Reason,
];

impl Column {
    pub fn header(self, lang: Lang) -> &'static str {
        match self {
            Column::Severity => lang.pick("Severity", "严重程度"),
            Column::Rule => lang.pick("Finding", "问题"),
            Column::RuleId => lang.pick("Rule id", "规则编号"),
            Column::Status => lang.pick("Status", "状态"),
            Column::Side => lang.pick("Side", "来源"),
            Column::File => lang.pick("File", "文件"),
            Column::Line => lang.pick("Line", "行号"),
            Column::Time => lang.pick("Time", "交易时间"),
            Column::Kind => lang.pick("Type", "交易类型"),
            Column::Amount => lang.pick("Amount", "金额"),
            Column::Fee => lang.pick("Fee", "手续费"),
            Column::Net => lang.pick("Net", "结算金额"),
            Column::Reference => lang.pick("Reference", "参考号"),
            Column::Voucher => lang.pick("Voucher", "凭证号"),
            Column::TerminalId => lang.pick("Terminal ID", "终端号"),
            Column::MerchantId => lang.pick("Merchant ID", "商户号"),
            Column::Card => lang.pick("Card", "卡号"),
            Column::Description => lang.pick("Description", "摘要"),
            Column::Counterparty => lang.pick("Counterparty", "对方户名"),
            Column::Counterparts => lang.pick("Matched with", "对应记录"),
            Column::Batch => lang.pick("Batch", "结算批次"),
            Column::Flags => lang.pick("Flags", "标记"),
            Column::Reason => lang.pick("Reason", "原因"),
            Column::Accepted => lang.pick("Reviewed", "已复核"),
        }
    }

    /// Column width in Excel character units.
    pub fn width(self) -> f64 {
        match self {
            Column::Line | Column::Side | Column::Severity | Column::Accepted => 9.0,
            Column::Status | Column::Kind => 16.0,
            Column::Amount | Column::Fee | Column::Net => 13.0,
            Column::Time => 19.0,
            Column::File | Column::Description | Column::Counterparty | Column::Counterparts => 26.0,
            Column::Reason => 55.0,
            Column::Rule | Column::RuleId | Column::Flags | Column::Batch => 22.0,
            Column::Reference | Column::Voucher | Column::TerminalId | Column::MerchantId | Column::Card => 18.0,
        }
    }
}

/// The typed value of one exported cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell<'a> {
    Empty,
    Text(Cow<'a, str>),
    Int(u64),
    Money(Money, Currency),
    /// A fraction (0.006 = 0.6 %).
    Rate(Decimal),
    Time {
        at: NaiveDateTime,
        date_only: bool,
    },
    Bool(bool),
}

impl<'a> Cell<'a> {
    fn text(text: Option<&'a str>) -> Cell<'a> {
        text.map_or(Cell::Empty, |t| Cell::Text(Cow::Borrowed(t)))
    }

    /// The cell as plain text for CSV: text neutralised against formula injection, numbers as numbers
    /// (`-12.00`, `0.0060`), times as `YYYY-MM-DD HH:MM:SS` or `YYYY-MM-DD`.
    pub fn plain(&self) -> Cow<'_, str> {
        match self {
            Cell::Empty => Cow::Borrowed(""),
            Cell::Text(t) => neutralise(t),
            Cell::Int(n) => Cow::Owned(n.to_string()),
            Cell::Money(m, _) => Cow::Owned(m.to_string()),
            Cell::Rate(r) => Cow::Owned(r.normalize().to_string()),
            Cell::Time { at, date_only } => Cow::Owned(format_time(*at, *date_only)),
            Cell::Bool(b) => Cow::Borrowed(if *b { "yes" } else { "" }),
        }
    }
}

/// How many terminal cells (or spreadsheet character widths) a text takes: Chinese and other wide characters
/// count two.
pub fn display_cells(text: &str) -> usize {
    let wide = |c: char| {
        matches!(c, '\u{1100}'..='\u{115F}' | '\u{2E80}'..='\u{A4CF}' | '\u{AC00}'..='\u{D7A3}'
            | '\u{F900}'..='\u{FAFF}' | '\u{FE30}'..='\u{FE4F}' | '\u{FF00}'..='\u{FF60}' | '\u{FFE0}'..='\u{FFE6}')
    };
    text.chars().map(|c| if wide(c) { 2 } else { 1 }).sum()
}

/// `YYYY-MM-DDTHH:MM:SS`-style text with a space, or the date alone for date-only rows.
pub fn format_time(at: NaiveDateTime, date_only: bool) -> String {
    if date_only {
        at.format("%Y-%m-%d").to_string()
    } else {
        at.format("%Y-%m-%d %H:%M:%S").to_string()
    }
}

/// One row as a table shows it: the imported row, its outcome and, on the findings list, the flag of the line.
#[derive(Clone, Copy, Debug)]
pub struct RowView<'a> {
    pub rec: Reconciliation<'a>,
    pub row: RowId,
    pub txn: &'a Txn,
    pub outcome: &'a RowOutcome,
    /// The one flag a findings line is about; `None` on the Terminal and Bank sheets (all flags shown).
    pub flag: Option<&'a Flag>,
}

impl<'a> RowView<'a> {
    pub fn cell(&self, column: Column, lang: Lang) -> Cell<'a> {
        let txn = self.txn;
        let owned = |s: String| {
            if s.is_empty() {
                Cell::Empty
            } else {
                Cell::Text(Cow::Owned(s))
            }
        };
        match column {
            Column::Severity => self
                .worst_severity()
                .map_or(Cell::Empty, |s| owned(labels::severity(s, lang).into())),
            Column::Rule => owned(
                self.flags()
                    .map(|f| labels::rule(f.rule, lang))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            Column::RuleId | Column::Flags => owned(self.flags().map(|f| f.rule.id()).collect::<Vec<_>>().join(", ")),
            Column::Status => owned(labels::status(self.outcome.status, lang).into()),
            Column::Side => owned(labels::side(self.row.side, lang).into()),
            Column::File => Cell::Text(Cow::Borrowed(self.rec.place(self.row).file)),
            // `12.2` (the second row read from line 12) as text, so a spreadsheet keeps it as written.
            Column::Line => match self.rec.place(self.row).line {
                at if at.ordinal == 0 => Cell::Int(u64::from(at.line)),
                at => Cell::Text(Cow::Owned(at.to_string())),
            },
            Column::Time => Cell::Time {
                at: txn.time,
                date_only: txn.date_only,
            },
            Column::Kind => owned(labels::kind(txn.kind, lang).into()),
            Column::Amount => Cell::Money(txn.amount, txn.currency),
            Column::Fee => txn.fee.map_or(Cell::Empty, |m| Cell::Money(m, txn.currency)),
            Column::Net => txn.net.map_or(Cell::Empty, |m| Cell::Money(m, txn.currency)),
            Column::Reference => Cell::text(txn.reference.as_deref()),
            Column::Voucher => Cell::text(txn.voucher.as_deref()),
            Column::TerminalId => Cell::text(txn.terminal_id.as_deref()),
            Column::MerchantId => Cell::text(txn.merchant_id.as_deref()),
            Column::Card => Cell::text(txn.card_masked.as_deref()),
            Column::Description => Cell::text(txn.description.as_deref()),
            Column::Counterparty => Cell::text(txn.counterparty.as_deref()),
            Column::Counterparts => owned(self.counterparts()),
            Column::Batch => self
                .outcome
                .batch
                .and_then(|b| self.rec.report.batches.get(b as usize))
                .map_or(Cell::Empty, |b| Cell::Text(Cow::Borrowed(b.id.as_str()))),
            Column::Reason => owned(self.reason(lang)),
            Column::Accepted => Cell::Bool(self.flags().next().is_some() && self.flags().all(|f| f.accepted)),
        }
    }

    /// The line's flag on the findings list, or every flag of the row.
    fn flags(&self) -> impl Iterator<Item = &'a Flag> + 'a {
        let all: &'a [Flag] = match self.flag {
            Some(flag) => std::slice::from_ref(flag),
            None => &self.outcome.flags,
        };
        all.iter()
    }

    fn worst_severity(&self) -> Option<crate::engine::Severity> {
        self.flags().map(|f| f.severity).max()
    }

    fn reason(&self, lang: Lang) -> String {
        let reasons: Vec<&str> = self.flags().map(|f| lang.pick(&f.reason.en, &f.reason.zh)).collect();
        if reasons.is_empty() {
            labels::status_sentence(self.outcome, self.row.side, &self.rec.report.batches, lang).into_owned()
        } else {
            reasons.join(" ")
        }
    }

    /// `file:line` of the first few counterparts, then how many more.
    fn counterparts(&self) -> String {
        let all = &self.outcome.counterparts;
        let mut named: Vec<String> = all
            .iter()
            .take(COUNTERPARTS_SHOWN)
            .map(|&id| {
                let place = self.rec.place(id);
                format!("{}:{}", place.file, place.line)
            })
            .collect();
        if all.len() > COUNTERPARTS_SHOWN {
            named.push(format!("… (+{})", all.len() - COUNTERPARTS_SHOWN));
        }
        named.join(", ")
    }
}

/// The columns of the sheet listing one side's rows.
pub fn side_columns(side: Side) -> &'static [Column] {
    match side {
        Side::Terminal => TERMINAL_COLUMNS,
        Side::Bank => BANK_COLUMNS,
    }
}
