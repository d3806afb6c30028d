//! How the columns of a file map onto a transaction: a [`Profile`] (column → [`Field`], date order, sign
//! convention, decimal style, currency, time-zone note, side hint), serialisable to TOML so a user can save the
//! mapping of a bank's export once and give it again. [`Profile::detect`] builds one from a header row with the
//! synonym dictionary in [`synonyms`]; named [`presets`] recognise common exports by their header.
//!
//! ```
//! use posrecon::import::mapping::{Field, Profile, SignConvention};
//!
//! let header = ["交易日期", "摘要", "收入金额", "支出金额", "余额", "对方户名"].map(String::from);
//! let profile = Profile::detect(&header);
//! assert_eq!(profile.sign, SignConvention::SplitColumns);
//! assert_eq!(profile.columns.get(&Field::Credit).map(String::as_str), Some("收入金额"));
//! ```
//!
//! Saved as TOML, a profile names its columns by field (`amount_refunded`: how much of a sale its own row says
//! was given back, read as a refund row beside the sale; `disputed_amount`, `dispute_status`, `dispute_date`: a
//! lost dispute read as a chargeback row; `captured`: false is declined; `customer_amount`, `customer_currency`:
//! what the customer paid where the amount is what the shop was paid, said in the description) and its settings;
//! `negate_amounts = true` says the file's signs are the other party's (a payment provider's payouts report writes
//! a payout as money leaving its balance; for the shop it is money in), so amounts, nets and balances are turned
//! on import:
//!
//! ```
//! use posrecon::import::mapping::{Field, Profile};
//!
//! let profile = Profile::from_toml(
//!     "negate_amounts = true\n[columns]\ndate = \"payout_expected_arrival_date\"\namount = \"gross\"\n",
//! );
//! let profile = profile.unwrap_or_default();
//! assert!(profile.negate_amounts);
//! assert_eq!(profile.columns.get(&Field::Date).map(String::as_str), Some("payout_expected_arrival_date"));
//! let refunds = Profile::from_toml("[columns]\namount_refunded = \"Refunded\"\n").unwrap_or_default();
//! assert_eq!(refunds.columns.get(&Field::AmountRefunded).map(String::as_str), Some("Refunded"));
//! ```

pub mod presets;
pub mod synonyms;

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::import::parse::{DateOrder, DecimalStyle};
use crate::model::{Currency, Side};

/// A piece of a transaction a column can hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// A date, or a date and time in one cell.
    Date,
    /// A time of day, or a full date and time when there is no separate date column.
    Time,
    /// A signed amount, or an unsigned one with a [`Field::Direction`] column.
    Amount,
    /// Money in (收入, 贷方, Credit).
    Credit,
    /// Money out (支出, 借方, Debit).
    Debit,
    /// 收/支, 借贷标志, Dr/Cr.
    Direction,
    Fee,
    Net,
    Reference,
    Voucher,
    Batch,
    Terminal,
    Merchant,
    Card,
    Kind,
    Status,
    Description,
    Counterparty,
    Account,
    Balance,
    Currency,
    SettleDate,
    /// How much of a sale was given back, written on the sale's own row (Stripe's `Amount Refunded`): the row
    /// is read as the sale plus a refund (`import::refunds`).
    AmountRefunded,
    /// When the amount refunded was given back; the sale's time when not mapped or blank.
    RefundDate,
    /// What the customer was charged, in their own currency, where the amount is what the shop was paid in
    /// another (Stripe's `Amount` beside `Converted Amount`): said in the row's description.
    CustomerAmount,
    /// The currency of [`Field::CustomerAmount`] (Stripe's `Currency` beside `Converted Currency`).
    CustomerCurrency,
    /// Whether an authorisation was captured (true/false, yes/no): one never captured moved no money and is
    /// read as declined.
    Captured,
    /// How much of a sale the customer disputed (a chargeback), in the customer's currency.
    DisputedAmount,
    /// Where the dispute stands (Stripe: `needs_response`, `under_review`, `won`, `lost` …): a lost one is
    /// money taken back, read as a refund row beside the sale (`import::refunds`).
    DisputeStatus,
    /// When the dispute was opened, the day the disputed money left; the sale's time when not mapped or blank.
    DisputeDate,
}

impl Field {
    pub const ALL: [Field; 30] = [
        Field::Date,
        Field::Time,
        Field::Amount,
        Field::Credit,
        Field::Debit,
        Field::Direction,
        Field::Fee,
        Field::Net,
        Field::Reference,
        Field::Voucher,
        Field::Batch,
        Field::Terminal,
        Field::Merchant,
        Field::Card,
        Field::Kind,
        Field::Status,
        Field::Description,
        Field::Counterparty,
        Field::Account,
        Field::Balance,
        Field::Currency,
        Field::SettleDate,
        Field::AmountRefunded,
        Field::RefundDate,
        Field::CustomerAmount,
        Field::CustomerCurrency,
        Field::Captured,
        Field::DisputedAmount,
        Field::DisputeStatus,
        Field::DisputeDate,
    ];

    /// The field's name as written in profiles and messages.
    pub fn name(self) -> &'static str {
        match self {
            Field::Date => "date",
            Field::Time => "time",
            Field::Amount => "amount",
            Field::Credit => "credit",
            Field::Debit => "debit",
            Field::Direction => "direction",
            Field::Fee => "fee",
            Field::Net => "net",
            Field::Reference => "reference",
            Field::Voucher => "voucher",
            Field::Batch => "batch",
            Field::Terminal => "terminal",
            Field::Merchant => "merchant",
            Field::Card => "card",
            Field::Kind => "kind",
            Field::Status => "status",
            Field::Description => "description",
            Field::Counterparty => "counterparty",
            Field::Account => "account",
            Field::Balance => "balance",
            Field::Currency => "currency",
            Field::SettleDate => "settle_date",
            Field::AmountRefunded => "amount_refunded",
            Field::RefundDate => "refund_date",
            Field::CustomerAmount => "customer_amount",
            Field::CustomerCurrency => "customer_currency",
            Field::Captured => "captured",
            Field::DisputedAmount => "disputed_amount",
            Field::DisputeStatus => "dispute_status",
            Field::DisputeDate => "dispute_date",
        }
    }

    /// Index into per-field arrays.
    pub fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How the sign of an amount is written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignConvention {
    /// One amount column, negative for money out (`-12.00`, `(12.00)`, `12.00-`). On a terminal log a refund
    /// written as a positive number is turned negative.
    #[default]
    Signed,
    /// Separate money-in and money-out columns (收入/支出, 贷方/借方, Credit/Debit).
    SplitColumns,
    /// An unsigned amount plus a direction column (收/支, 借贷标志, Dr/Cr).
    DirectionColumn,
}

/// Header words of an amount as booked to the account, which some statements put in a column that reads like
/// money in.
const BOOKED_AMOUNT: &[&str] = &["入账金额", "记账金额"];

/// Header words of a posting (booking) date written beside the transaction date.
const POSTING_DATES: &[&str] = &[
    "记账日期",
    "记账日",
    "入账日期",
    "银行记账日",
    "postingdate",
    "postdate",
    "posteddate",
    "bookingdate",
    "buchungstag",
    "valuedate",
];

/// A mapping of one file layout onto transactions. Every setting is optional: what is not set is detected.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Profile {
    /// A name for the layout, e.g. a preset's name or "ICBC debit card".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Which side files of this layout belong to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub side: Option<Side>,
    /// The delimiter of a text table; detected when not set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<char>,
    /// The physical line (or Excel row) of the header; found by scoring when not set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub header_line: Option<u32>,
    /// The sheet of a workbook; the sheet with the best header is used when not set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// Day/month order of dates like 03/04/2026; decided from all dates of the file when not set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_order: Option<DateOrder>,
    /// `1,234.50` or `1.234,50`; decided from the amounts of the file when not set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decimal: Option<DecimalStyle>,
    pub sign: SignConvention,
    /// The file writes money from the other party's point of view, so every amount, net and balance is read with
    /// its sign turned (fees stay as charged): Stripe's payouts report writes a payout as money leaving the
    /// Stripe balance (`-1203.08`), which for the shop is money coming in.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub negate_amounts: bool,
    /// Currency of rows without a currency column (CNY when not set).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<Currency>,
    /// A note on the time zone the times are written in (e.g. "Asia/Shanghai", "UTC"); times are kept as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// Field → header text of its column (or `#3` for the third column).
    pub columns: BTreeMap<Field, String>,
}

impl Profile {
    /// Builds a profile from a header row: each cell is looked up in the synonym dictionary; when two cells
    /// name the same field the better synonym (then the leftmost cell) wins. The sign convention follows from
    /// the columns found.
    pub fn detect(header: &[String]) -> Profile {
        let mut best: BTreeMap<Field, (usize, usize)> = BTreeMap::new();
        let mut currency = None;
        for (col, cell) in header.iter().enumerate() {
            let Some((field, rank)) = synonyms::field_of(cell) else {
                continue;
            };
            if best.get(&field).is_none_or(|&(r, _)| rank < r) {
                best.insert(field, (rank, col));
            }
            if matches!(field, Field::Amount | Field::Credit | Field::Debit) {
                currency = currency.or(synonyms::currency_of(cell).filter(|c| *c != Currency::CNY));
            }
        }
        let key_of = |col: usize| header.get(col).map(|h| synonyms::normalise(h).key).unwrap_or_default();
        // 入账金额 alone (no money-out column beside it) is the amount booked, not money in: credit-card
        // statements write every row's booked amount there, charges and repayments alike.
        if let (Some(&(_, col)), None) = (best.get(&Field::Credit), best.get(&Field::Debit))
            && BOOKED_AMOUNT.contains(&key_of(col).as_str())
        {
            best.remove(&Field::Credit);
            best.insert(Field::Amount, (0, col));
        }
        // A value date (`Date de valeur`, `Valuta`) that is the only date of the file is its date.
        if !best.contains_key(&Field::Date)
            && !best.contains_key(&Field::Time)
            && let Some(settle) = best.remove(&Field::SettleDate)
        {
            best.insert(Field::Date, settle);
        }
        // A posting (booking) date beside the transaction date is the row's settlement date.
        if !best.contains_key(&Field::SettleDate)
            && let Some(&(_, date_col)) = best.get(&Field::Date)
            && let Some(col) = (0..header.len()).find(|&c| c != date_col && POSTING_DATES.contains(&key_of(c).as_str()))
        {
            best.insert(Field::SettleDate, (0, col));
        }
        let columns: BTreeMap<Field, String> = best
            .into_iter()
            .filter_map(|(f, (_, col))| Some((f, header.get(col)?.clone())))
            .collect();
        let has = |f: Field| columns.contains_key(&f);
        let sign = if has(Field::Credit) || has(Field::Debit) {
            SignConvention::SplitColumns
        } else if has(Field::Direction) && has(Field::Amount) {
            SignConvention::DirectionColumn
        } else {
            SignConvention::Signed
        };
        Profile {
            sign,
            currency,
            columns,
            ..Profile::default()
        }
    }

    /// Reads a profile from TOML text.
    pub fn from_toml(text: &str) -> Result<Profile, String> {
        toml::from_str(text).map_err(|e| e.to_string())
    }

    /// The profile as TOML, for saving.
    pub fn to_toml(&self) -> String {
        toml::to_string_pretty(self).unwrap_or_default()
    }

    /// Which required fields the columns lack: a date (or date-time) and an amount (or credit/debit).
    pub fn missing_required(&self) -> Vec<Field> {
        let has = |f: Field| self.columns.contains_key(&f);
        let mut missing = Vec::new();
        if !has(Field::Date) && !has(Field::Time) {
            missing.push(Field::Date);
        }
        let money = match self.sign {
            SignConvention::SplitColumns => has(Field::Credit) || has(Field::Debit),
            SignConvention::Signed | SignConvention::DirectionColumn => has(Field::Amount),
        };
        if !money {
            missing.push(Field::Amount);
        }
        missing
    }

    /// One line per mapped column, e.g. `  amount      ← 交易金额`, for `posrecon inspect`.
    pub fn describe(&self) -> String {
        let mut out = String::new();
        for (field, column) in &self.columns {
            // A name of 13 letters or more (amount_refunded) still gets a space before the arrow.
            out.push_str(&format!("  {:<13}← {column}\n", format!("{} ", field.name())));
        }
        out.push_str(&format!("  sign: {:?}", self.sign));
        if self.negate_amounts {
            out.push_str(" (the other party's: turned)");
        }
        if let Some(order) = self.date_order {
            out.push_str(&format!(", dates: {order:?}"));
        }
        if let Some(decimal) = self.decimal {
            out.push_str(&format!(", decimals: {decimal:?}"));
        }
        if let Some(currency) = self.currency {
            out.push_str(&format!(", currency: {currency}"));
        }
        if let Some(tz) = &self.timezone {
            out.push_str(&format!(", time zone: {tz}"));
        }
        out
    }
}

/// A profile resolved against one header row: the column index of each field.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ColumnMap {
    columns: [Option<usize>; Field::ALL.len()],
}

impl ColumnMap {
    /// Finds each column the profile names in `header` (by normalised header text, or `#N`). Returns the
    /// column texts that were not found.
    pub fn resolve(profile: &Profile, header: &[String]) -> (ColumnMap, Vec<String>) {
        let keys: Vec<String> = header.iter().map(|h| synonyms::normalise(h).key).collect();
        let mut map = ColumnMap::default();
        let mut not_found = Vec::new();
        for (field, name) in &profile.columns {
            let by_number = name.strip_prefix('#').and_then(|n| n.trim().parse::<usize>().ok());
            let found = match by_number {
                Some(n) if n >= 1 && n <= header.len() => Some(n - 1),
                Some(_) => None,
                None => header.iter().position(|h| h.trim() == name.trim()).or_else(|| {
                    let key = synonyms::normalise(name).key;
                    keys.iter().position(|k| *k == key)
                }),
            };
            match found {
                Some(col) => {
                    if let Some(slot) = map.columns.get_mut(field.index()) {
                        *slot = Some(col);
                    }
                }
                None => not_found.push(name.clone()),
            }
        }
        (map, not_found)
    }

    /// The 0-based column of a field.
    pub fn get(&self, field: Field) -> Option<usize> {
        self.columns.get(field.index()).copied().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn detect_picks_the_best_synonym_and_the_sign_convention() {
        let h = header(&["记账日", "交易日期", "交易时间", "支出", "收入", "账户余额", "摘要"]);
        let p = Profile::detect(&h);
        assert_eq!(p.columns.get(&Field::Date).map(String::as_str), Some("交易日期"));
        assert_eq!(p.sign, SignConvention::SplitColumns);
        assert!(p.missing_required().is_empty());

        let h = header(&["交易时间", "收/支", "金额(元)", "交易对方"]);
        let p = Profile::detect(&h);
        assert_eq!(p.sign, SignConvention::DirectionColumn);

        let h = header(&["Date", "Description", "Amount (USD)"]);
        let p = Profile::detect(&h);
        assert_eq!(p.sign, SignConvention::Signed);
        assert_eq!(p.currency, Some(Currency::USD));
    }

    #[test]
    fn profile_round_trips_through_toml_and_resolves_by_name_or_number() {
        let h = header(&["交易日期", "交易金额（元）", "卡号"]);
        let mut p = Profile::detect(&h);
        p.columns.insert(Field::Description, "#3".to_owned());
        p.side = Some(Side::Terminal);
        let text = p.to_toml();
        let back = Profile::from_toml(&text).expect("own TOML parses");
        assert_eq!(back, p);
        let (map, not_found) = ColumnMap::resolve(&back, &h);
        assert!(not_found.is_empty());
        assert_eq!(map.get(Field::Amount), Some(1));
        assert_eq!(map.get(Field::Description), Some(2));
        assert_eq!(map.get(Field::Fee), None);
    }

    #[test]
    fn missing_required_fields_are_named() {
        let p = Profile::detect(&header(&["卡号", "终端号"]));
        assert_eq!(p.missing_required(), vec![Field::Date, Field::Amount]);
    }

    #[test]
    fn a_lone_booked_amount_is_the_amount_and_a_posting_date_the_settlement_date() {
        let header = [
            "交易日期",
            "入账日期",
            "交易摘要",
            "交易金额",
            "交易货币",
            "入账金额",
            "入账货币",
        ]
        .map(String::from);
        let profile = Profile::detect(&header);
        assert_eq!(profile.sign, SignConvention::Signed);
        assert_eq!(
            profile.columns.get(&Field::Amount).map(String::as_str),
            Some("入账金额")
        );
        assert_eq!(
            profile.columns.get(&Field::SettleDate).map(String::as_str),
            Some("入账日期")
        );
        // A value date that is the file's only date is its date.
        let header = ["Date de valeur", "Libellé", "Montant"].map(String::from);
        let profile = Profile::detect(&header);
        assert_eq!(
            profile.columns.get(&Field::Date).map(String::as_str),
            Some("Date de valeur")
        );
    }
}
