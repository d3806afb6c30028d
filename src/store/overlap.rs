//! Statement exports that overlap in time. A shop exports "1–15 November" and later "10–30 November": the
//! rows of 10–15 November are in both. When the later export is imported, each of its bank rows that repeats a
//! row of an earlier export — same date, currency, amount, reference and running balance (an absent field
//! matches only an absent one) — is stored marked as the same as that earlier row, takes no part in reconciling,
//! and is counted. Rows are paired one for one: two equal payments on one day in the new export merge with at
//! most two such rows of the earlier ones, so real repeats on a day the earlier export did not cover are kept.
//! Terminal logs are not merged here; the engine reports their repeats as `duplicate_import`.

use std::collections::{HashMap, VecDeque};

use rusqlite::{Transaction, params};

use super::StoreError;
use crate::model::{Side, Txn};

/// The key a bank row is compared by; None for terminal rows. Starts with the date so that one day's keys sort
/// together.
pub fn merge_key(txn: &Txn) -> Option<String> {
    if txn.side != Side::Bank {
        return None;
    }
    let reference = txn.reference.as_deref().unwrap_or("");
    let balance = txn.balance.map(|b| b.minor_units().to_string()).unwrap_or_default();
    Some(format!(
        "{}|{}|{}|{}|{}",
        txn.date().format("%Y-%m-%d"),
        txn.currency,
        txn.amount.minor_units(),
        reference.trim(),
        balance
    ))
}

/// For each of `txns` (the rows of the new source `source`), the id of the earlier stored row it repeats, if any.
pub fn earlier_copies(tx: &Transaction<'_>, source: i64, txns: &[Txn]) -> Result<Vec<Option<i64>>, StoreError> {
    let keys: Vec<Option<String>> = txns.iter().map(merge_key).collect();
    let (Some(first), Some(last)) = (keys.iter().flatten().min(), keys.iter().flatten().max()) else {
        return Ok(vec![None; txns.len()]);
    };
    // Every key of the days from the first to the last day of the new rows: "YYYY-MM-DD|…" < "YYYY-MM-DD}".
    let from = first.split('|').next().unwrap_or("").to_owned() + "|";
    let to = last.split('|').next().unwrap_or("").to_owned() + "}";
    let doing = "compare the statement with earlier exports";
    let mut stmt = tx
        .prepare(
            "SELECT id, merge_key FROM rows WHERE merge_key >= ?1 AND merge_key < ?2 AND same_as IS NULL \
             AND source_id <> ?3 ORDER BY id",
        )
        .map_err(StoreError::sql(doing))?;
    let mut earlier: HashMap<String, VecDeque<i64>> = HashMap::new();
    let found = stmt
        .query_map(params![from, to, source], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })
        .map_err(StoreError::sql(doing))?;
    for row in found {
        let (id, key) = row.map_err(StoreError::sql(doing))?;
        earlier.entry(key).or_default().push_back(id);
    }
    Ok(keys
        .iter()
        .map(|key| {
            key.as_ref()
                .and_then(|k| earlier.get_mut(k))
                .and_then(VecDeque::pop_front)
        })
        .collect())
}
