//! Flat keys the passes sort and look rows up by: seconds since the epoch, day numbers, amounts in minor units,
//! the business day of a sale (cut-off aware), and the total order that makes the report independent of the
//! order the rows came in.

use chrono::{Datelike, NaiveDate, NaiveTime};

use crate::model::{Currency, Money, Txn, TxnText};

/// Seconds since 1970-01-01 00:00 (the row's local time read as UTC: only differences matter).
pub fn secs(t: &Txn) -> i64 {
    t.time.and_utc().timestamp()
}

/// The amount in minor units (fen / cents): exact and allocation-free for amounts with at most two decimals
/// (every imported amount), falling back to [`Money::minor_units`] (rounding) otherwise.
pub fn minor(amount: Money) -> i64 {
    let d = amount.0;
    match d.scale() {
        0 => i64::try_from(d.mantissa() * 100).ok(),
        1 => i64::try_from(d.mantissa() * 10).ok(),
        2 => i64::try_from(d.mantissa()).ok(),
        _ => None,
    }
    .unwrap_or_else(|| amount.minor_units())
}

/// Days since 0001-01-01: consecutive calendar days have consecutive numbers.
pub fn day_number(day: NaiveDate) -> i64 {
    i64::from(day.num_days_from_ce())
}

/// The date of a day number (see [`day_number`]); falls back to the earliest date for absurd numbers.
pub fn day_of(number: i64) -> NaiveDate {
    i32::try_from(number)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
        .unwrap_or(NaiveDate::MIN)
}

/// The currency as a number, for flat sort keys.
pub fn currency_code(c: Currency) -> u32 {
    u32::from(c.0[0]) << 16 | u32::from(c.0[1]) << 8 | u32::from(c.0[2])
}

/// The business day a terminal row belongs to: a row at or after the cut-off belongs to the next day.
/// Date-only rows belong to their date.
pub fn business_day(t: &Txn, cutoff: NaiveTime) -> NaiveDate {
    let day = t.date();
    if !t.date_only && cutoff != NaiveTime::MIN && t.time.time() >= cutoff {
        day.succ_opt().unwrap_or(day)
    } else {
        day
    }
}

/// A key that orders rows totally and independently of their position in the input:
/// time, amount, file, line — and the position only for rows that share all of these (which a real import
/// never produces).
pub type OrderKey = (i64, i64, u16, u32, u32);

pub fn order_key(t: &Txn, index: usize) -> OrderKey {
    (secs(t), minor(t.amount), t.row.source.0, t.row.line, index as u32)
}

/// The indices of the rows `keep` accepts, in [`order_key`] order.
pub fn ordered(rows: &[Txn], keep: impl Fn(usize) -> bool) -> Vec<u32> {
    let mut keyed: Vec<(OrderKey, u32)> = (0..rows.len())
        .filter(|&i| keep(i))
        .map(|i| (order_key(&rows[i], i), i as u32))
        .collect();
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, i)| i).collect()
}

/// The text of an optional identifier, trimmed; `None` when absent or blank.
pub fn ident(field: &Option<TxnText>) -> Option<&str> {
    field.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// Whether two optional identifiers agree where both are present.
pub fn agree(a: &Option<TxnText>, b: &Option<TxnText>) -> bool {
    match (ident(a), ident(b)) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Money, RowRef, Side, SourceId};
    use chrono::NaiveDateTime;

    fn at(text: &str) -> Txn {
        let time = NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").unwrap_or_default();
        Txn::new(
            RowRef {
                source: SourceId(0),
                line: 2,
            },
            Side::Terminal,
            time,
            Money::from_minor(100),
        )
    }

    #[test]
    fn a_sale_after_the_cutoff_belongs_to_the_next_business_day() {
        let cutoff = NaiveTime::from_hms_opt(23, 0, 0).unwrap_or(NaiveTime::MIN);
        let late = at("2026-10-03 23:30:00");
        let early = at("2026-10-03 22:59:59");
        assert_eq!(business_day(&late, cutoff).to_string(), "2026-10-04");
        assert_eq!(business_day(&early, cutoff).to_string(), "2026-10-03");
        assert_eq!(business_day(&late, NaiveTime::MIN).to_string(), "2026-10-03");
    }

    #[test]
    fn minor_units_are_exact_for_two_decimals_and_rounded_beyond() {
        use rust_decimal_macros::dec;
        assert_eq!(minor(Money(dec!(12))), 1200);
        assert_eq!(minor(Money(dec!(-12.5))), -1250);
        assert_eq!(minor(Money(dec!(1234.56))), 123456);
        assert_eq!(minor(Money(dec!(0.125))), 13);
    }

    #[test]
    fn day_numbers_round_trip_and_are_consecutive() {
        let d = at("2026-12-31 10:00:00").date();
        assert_eq!(day_of(day_number(d) + 1).to_string(), "2027-01-01");
    }
}
