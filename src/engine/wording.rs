//! How findings put figures into words: money (`¥1,234.50`), fee rates (`0.60 %`) and contracts (`2.90 % + $0.30
//! per sale`), dates, times and durations, in the same shape in every reason, zh-CN and en alike. Also [`flag`], the one way to build a [`Flag`].
//!
//! Used by the matching passes and by every rule in `engine::rules`.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use rust_decimal::{Decimal, RoundingStrategy};

use crate::engine::outcome::{Flag, Reason, RowId, RuleId, Text, TiedBy};
use crate::model::{Currency, Money};

/// `¥1,234.50`, `-¥12.00`, `$3.20`, `€7.00`, `GBP 1,000.00`: sign, currency symbol (or code), thousands
/// separators, two decimals.
pub fn money(amount: Money, currency: Currency) -> String {
    let sign = if amount.is_negative() { "-" } else { "" };
    let digits = grouped(amount.abs());
    match currency_symbol(currency) {
        Some(symbol) => format!("{sign}{symbol}{digits}"),
        None => format!("{sign}{currency} {digits}"),
    }
}

fn currency_symbol(currency: Currency) -> Option<&'static str> {
    match &currency.0 {
        b"CNY" => Some("¥"),
        b"USD" => Some("$"),
        b"EUR" => Some("€"),
        _ => None,
    }
}

/// `1234567.5` → `1,234,567.50` (no sign; the caller passes a non-negative amount).
fn grouped(amount: Money) -> String {
    let plain = amount.to_string();
    let (whole, cents) = plain.split_once('.').unwrap_or((plain.as_str(), "00"));
    let mut out = String::with_capacity(plain.len() + whole.len() / 3);
    for (i, ch) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out.push('.');
    out.push_str(cents);
    out
}

/// A fraction as a percentage with two decimals: `0.0102` → `1.02 %`.
pub fn rate(fraction: Decimal) -> String {
    let pct = (fraction * Decimal::ONE_HUNDRED).round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    format!("{pct:.2} %")
}

/// A contract (or a rate found charged) in words, English and Chinese: `0.60 %` for a rate only, `2.90 % +
/// $0.30 per sale` / `2.90 % + 每笔 $0.30` with a fixed fee per sale.
pub fn contract(fraction: Decimal, fixed: Decimal, currency: Currency) -> (String, String) {
    let rate = rate(fraction);
    if fixed.is_zero() {
        return (rate.clone(), rate);
    }
    let fixed = money(Money(fixed), currency);
    (format!("{rate} + {fixed} per sale"), format!("{rate} + 每笔 {fixed}"))
}

/// `2026-10-05`.
pub fn date(day: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", day.year(), day.month(), day.day())
}

/// `10-14`, or `10-12 to 10-14` / `10-12 至 10-14`: the days a memo names, as short as the shop owner writes them.
fn days(first: NaiveDate, last: NaiveDate) -> (String, String) {
    let short = |d: NaiveDate| format!("{:02}-{:02}", d.month(), d.day());
    if first == last {
        (short(first), short(first))
    } else {
        (
            format!("{} to {}", short(first), short(last)),
            format!("{} 至 {}", short(first), short(last)),
        )
    }
}

/// How a settlement batch was tied to its credit, as the last sentence of its findings (English, Chinese).
pub fn tied_by(how: &TiedBy) -> (String, String) {
    match how {
        TiedBy::SettlementDate { date: d } => (
            format!("Tied by the settlement date {} in the acquirer's report.", date(*d)),
            format!("依据收单机构报表中的清算日期 {} 对应。", date(*d)),
        ),
        TiedBy::BatchId { id } => (
            format!("Tied by the payout/batch id {id} named in both files."),
            format!("依据两份文件都写明的结算批次/付款编号 {id} 对应。"),
        ),
        TiedBy::Memo { first, last } => {
            let (en, zh) = days(*first, *last);
            (
                format!("Tied by the day {en} named in the bank memo."),
                format!("依据银行摘要中写明的日期 {zh} 对应。"),
            )
        }
        TiedBy::Amount => (
            "Tied by amount: the credit equals the days' expected net.".to_string(),
            "依据金额：入账金额等于应结净额。".to_string(),
        ),
        TiedBy::Order => (
            "Tied by order: no date is stated, and credits keep the order of the days they pay.".to_string(),
            "依据顺序：文件未写明日期，入账按交易日的先后顺序到账。".to_string(),
        ),
        TiedBy::Unpaid { after, before } => match (after, before) {
            (Some(a), Some(b)) => (
                format!(
                    "By order: no credit between the credits of {} and {} pays it.",
                    date(*a),
                    date(*b)
                ),
                format!(
                    "依据顺序：{} 与 {} 两笔入账之间没有入账支付这些交易。",
                    date(*a),
                    date(*b)
                ),
            ),
            _ => (
                "No credit on the statement pays it.".to_string(),
                "对账单上没有支付这些交易的入账。".to_string(),
            ),
        },
    }
}

/// `13:05:09`.
pub fn time(at: NaiveDateTime) -> String {
    format!("{:02}:{:02}:{:02}", at.hour(), at.minute(), at.second())
}

/// `2026-10-05 13:05:09`.
pub fn date_time(at: NaiveDateTime) -> String {
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
        at.year(),
        at.month(),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    )
}

/// A length of time in whole units, English: `45 s`, `3 min`, `2 h`, `4 days`.
pub fn duration_en(secs: i64) -> String {
    let s = secs.abs();
    match s {
        0..60 => format!("{s} s"),
        60..3600 => format!("{} min", s / 60),
        3600..86_400 => format!("{} h", s / 3600),
        _ if s / 86_400 == 1 => "1 day".to_string(),
        _ => format!("{} days", s / 86_400),
    }
}

/// The same in Chinese: `45 秒`, `3 分钟`, `2 小时`, `4 天`.
pub fn duration_zh(secs: i64) -> String {
    let s = secs.abs();
    match s {
        0..60 => format!("{s} 秒"),
        60..3600 => format!("{} 分钟", s / 60),
        3600..86_400 => format!("{} 小时", s / 3600),
        _ => format!("{} 天", s / 86_400),
    }
}

/// Builds a finding: rule, severity, the reason in both languages, the other rows it refers to. The reason may
/// be a `String` or a shared [`Text`](crate::engine::Text) (one sentence for many rows).
pub fn flag(rule: RuleId, en: impl Into<Text>, zh: impl Into<Text>, related: Vec<RowId>) -> Flag {
    Flag {
        rule,
        severity: rule.severity(),
        reason: Reason {
            en: en.into(),
            zh: zh.into(),
        },
        related,
        accepted: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn money_has_symbol_sign_and_thousands() {
        assert_eq!(money(Money(dec!(1234.5)), Currency::CNY), "¥1,234.50");
        assert_eq!(money(Money(dec!(-12)), Currency::CNY), "-¥12.00");
        assert_eq!(money(Money(dec!(999)), Currency::USD), "$999.00");
        assert_eq!(money(Money(dec!(1234567.891)), Currency(*b"GBP")), "GBP 1,234,567.89");
        assert_eq!(money(Money::ZERO, Currency::EUR), "€0.00");
    }

    #[test]
    fn rate_is_a_percentage_with_two_decimals() {
        assert_eq!(rate(dec!(0.0102)), "1.02 %");
        assert_eq!(rate(dec!(0.006)), "0.60 %");
        assert_eq!(rate(dec!(0.012345)), "1.23 %");
    }

    #[test]
    fn a_contract_names_its_fixed_fee_only_when_there_is_one() {
        let (en, zh) = contract(dec!(0.029), dec!(0.3), Currency::USD);
        assert_eq!(
            (en.as_str(), zh.as_str()),
            ("2.90 % + $0.30 per sale", "2.90 % + 每笔 $0.30")
        );
        assert_eq!(
            contract(dec!(0.006), Decimal::ZERO, Currency::CNY),
            ("0.60 %".to_string(), "0.60 %".to_string())
        );
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration_en(45), "45 s");
        assert_eq!(duration_en(200), "3 min");
        assert_eq!(duration_en(86_400), "1 day");
        assert_eq!(duration_zh(4 * 86_400), "4 天");
        assert_eq!(duration_zh(-180), "3 分钟");
    }

    #[test]
    fn dates_and_times_are_zero_padded() {
        let at = NaiveDate::from_ymd_opt(2026, 3, 5)
            .and_then(|d| d.and_hms_opt(7, 4, 9))
            .unwrap_or_default();
        assert_eq!(date_time(at), "2026-03-05 07:04:09");
        assert_eq!(time(at), "07:04:09");
        assert_eq!(date(at.date()), "2026-03-05");
    }
}
