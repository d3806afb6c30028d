//! The data model every layer shares: one imported row ([`Txn`]), where it came from ([`Source`], [`RowRef`]),
//! which side of the reconciliation it belongs to ([`Side`]) and what kind of movement it is ([`TxnKind`]).
//!
//! Money is [`Money`], a thin wrapper around `rust_decimal::Decimal` (never `f64`). Amounts are signed from the
//! shop's point of view: a sale or a bank credit is positive, a refund or a bank debit is negative.

use std::fmt;

use chrono::{NaiveDate, NaiveDateTime};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// An amount of money, exact. Signed: money in is positive, money out negative.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Money(pub Decimal);

impl Money {
    pub const ZERO: Money = Money(Decimal::ZERO);

    pub fn new(d: Decimal) -> Self {
        Money(d)
    }

    /// The amount in minor units (cents / fen), rounded half away from zero to 2 decimal places.
    /// Saturates at `i64::MAX`/`MIN` for absurd values instead of panicking.
    pub fn minor_units(self) -> i64 {
        let Some(hundredfold) = self.0.checked_mul(Decimal::ONE_HUNDRED) else {
            return if self.0.is_sign_negative() { i64::MIN } else { i64::MAX };
        };
        let scaled = hundredfold.round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        i64::try_from(scaled).unwrap_or(if scaled.is_sign_negative() { i64::MIN } else { i64::MAX })
    }

    /// Builds an amount from minor units (cents / fen).
    pub fn from_minor(units: i64) -> Self {
        Money(Decimal::new(units, 2))
    }

    pub fn abs(self) -> Self {
        Money(self.0.abs())
    }

    pub fn is_negative(self) -> bool {
        self.0.is_sign_negative() && !self.0.is_zero()
    }
}

impl fmt::Display for Money {
    /// Two decimal places, no currency sign, no thousands separators: `1234.50`, `-12.00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.2}", self.0)
    }
}

impl std::ops::Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0 + rhs.0)
    }
}

impl std::ops::Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money(self.0 - rhs.0)
    }
}

impl std::ops::Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money(-self.0)
    }
}

impl std::iter::Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, |a, b| a + b)
    }
}

/// ISO 4217 code, three upper-case ASCII letters. Defaults to CNY.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Currency(pub [u8; 3]);

impl Currency {
    pub const CNY: Currency = Currency(*b"CNY");
    pub const USD: Currency = Currency(*b"USD");
    pub const EUR: Currency = Currency(*b"EUR");

    /// Parses a code such as `CNY`, `usd`, or the common Chinese names 人民币 / RMB.
    pub fn parse(text: &str) -> Option<Currency> {
        let t = text.trim();
        match t {
            "人民币" | "RMB" | "rmb" | "¥" | "￥" | "元" => return Some(Currency::CNY),
            "美元" | "$" => return Some(Currency::USD),
            "欧元" | "€" => return Some(Currency::EUR),
            _ => {}
        }
        let b = t.as_bytes();
        if b.len() == 3 && b.iter().all(u8::is_ascii_alphabetic) {
            Some(Currency([
                b[0].to_ascii_uppercase(),
                b[1].to_ascii_uppercase(),
                b[2].to_ascii_uppercase(),
            ]))
        } else {
            None
        }
    }

    pub fn as_str(&self) -> &str {
        // Only ever built from ASCII letters.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }
}

impl Default for Currency {
    fn default() -> Self {
        Currency::CNY
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Currency {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Currency::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("not a currency code: {s}")))
    }
}

/// Which side of the reconciliation a file (and each of its rows) belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// The POS terminal's or the acquirer's transaction log: one row per card/QR payment.
    Terminal,
    /// The shop's bank statement: settlement credits, fee debits, and unrelated movements.
    Bank,
}

impl Side {
    /// The side across: the bank for the terminal, the terminal for the bank.
    pub fn other(self) -> Side {
        match self {
            Side::Terminal => Side::Bank,
            Side::Bank => Side::Terminal,
        }
    }
}

impl fmt::Display for Side {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Side::Terminal => "terminal",
            Side::Bank => "bank",
        })
    }
}

/// What a row is, as far as the source says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TxnKind {
    /// A card/QR sale (消费, 预授权完成, Sale, Payment).
    #[default]
    Sale,
    /// Money given back to a customer (退货, 退款, Refund).
    Refund,
    /// A cancellation of an earlier sale on the same day (撤销, Void): the sale is not settled.
    Void,
    /// A bank credit (or debit) from an acquirer settling card sales.
    Settlement,
    /// A fee charged by the acquirer or the bank (手续费).
    Fee,
    /// Anything else (rent, salary, cash deposit, transfer).
    Other,
}

/// Whether the source says the transaction went through.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TxnStatus {
    /// Approved / 成功, or no status column.
    #[default]
    Ok,
    /// Declined / 失败 / 关闭: kept and shown, but takes no part in matching.
    Declined,
    /// Neither income nor expense (Alipay 不计收支, WeChat `/`): money moved between the owner's own accounts
    /// (余额宝, a withdrawal to the owner's bank card). Kept and shown, but takes no part in matching or rules.
    Neutral,
}

/// Index of a [`Source`] in the list of imported files of one reconciliation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SourceId(pub u16);

/// One imported file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub id: SourceId,
    /// The path as the user gave it.
    pub path: String,
    pub side: Side,
    /// For workbooks: the sheet the rows were read from.
    pub sheet: Option<String>,
    /// Human-readable format name, e.g. "CSV (GBK, comma)" or a preset name.
    pub format: String,
}

/// Where a row came from: the file and the physical 1-based line a text editor shows
/// (preamble and header counted), or for a sheet the 1-based row number Excel shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct RowRef {
    pub source: SourceId,
    pub line: u32,
}

/// The text of one identifier or free-text field of a [`Txn`] (reference, terminal, card, description …).
/// One name for it, so its representation can change in one place; it reads as a `&str` (`as_deref()`).
/// Texts of up to 15 bytes are held inside it, without an allocation (see `model/text.rs`).
mod text;
pub use text::TxnText;

/// Which row of a line, as reports print it and `workspace decide` reads it (`12`, `12.2`); see `model/line_row.rs`.
mod line_row;
pub use line_row::{LineRow, LineRowError};

/// One row of a terminal log or a bank statement, normalised.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Txn {
    pub row: RowRef,
    pub side: Side,
    /// When it happened. For date-only rows the time is 00:00:00 and `date_only` is true.
    pub time: NaiveDateTime,
    pub date_only: bool,
    /// Signed amount: sale / credit > 0, refund / debit < 0. For terminal rows: the gross amount.
    pub amount: Money,
    /// Fee charged on this row, as a positive number, where the source has a fee column; negative where the file
    /// gives a fee back (a refund's returned fee: WeChat Pay's `-0.16800`, Square's `$0.73` on a refund).
    pub fee: Option<Money>,
    /// Net (settled) amount where the source has one.
    pub net: Option<Money>,
    pub currency: Currency,
    /// RRN / system reference / order number / bank reference.
    pub reference: Option<TxnText>,
    /// Voucher / trace number (凭证号, 流水号) where separate from the reference.
    pub voucher: Option<TxnText>,
    /// Batch number (批次号) on terminal logs.
    pub batch_no: Option<TxnText>,
    pub terminal_id: Option<TxnText>,
    pub merchant_id: Option<TxnText>,
    /// Masked card number: at most the first 6 and last 4 digits in clear.
    pub card_masked: Option<TxnText>,
    pub kind: TxnKind,
    pub status: TxnStatus,
    /// Free text: 摘要 / description / product.
    pub description: Option<TxnText>,
    /// Counterparty name (对方户名) on bank statements.
    pub counterparty: Option<TxnText>,
    /// The account the row was booked to (own account number on statements that carry it).
    pub account: Option<TxnText>,
    /// Running balance after this row, where the statement has one.
    pub balance: Option<Money>,
    /// Settlement date (清算日期) where the source has one.
    pub settle_date: Option<NaiveDate>,
}

impl Txn {
    /// A row with only the required fields set; everything optional empty.
    pub fn new(row: RowRef, side: Side, time: NaiveDateTime, amount: Money) -> Txn {
        Txn {
            row,
            side,
            time,
            date_only: false,
            amount,
            fee: None,
            net: None,
            currency: Currency::CNY,
            reference: None,
            voucher: None,
            batch_no: None,
            terminal_id: None,
            merchant_id: None,
            card_masked: None,
            kind: if side == Side::Bank {
                TxnKind::Settlement
            } else {
                TxnKind::Sale
            },
            status: TxnStatus::Ok,
            description: None,
            counterparty: None,
            account: None,
            balance: None,
            settle_date: None,
        }
    }

    pub fn date(&self) -> NaiveDate {
        self.time.date()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn minor_units_round_half_away_from_zero() {
        assert_eq!(Money(dec!(12.345)).minor_units(), 1235);
        assert_eq!(Money(dec!(-12.345)).minor_units(), -1235);
        assert_eq!(Money::from_minor(-1205).to_string(), "-12.05");
        assert_eq!(Money(Decimal::MAX).minor_units(), i64::MAX);
        assert_eq!(Money(Decimal::MIN).minor_units(), i64::MIN);
    }

    #[test]
    fn currency_parses_names_and_codes() {
        assert_eq!(Currency::parse("人民币"), Some(Currency::CNY));
        assert_eq!(Currency::parse(" usd "), Some(Currency::USD));
        assert_eq!(Currency::parse("dollars"), None);
    }
}
