//! Recording what the settlement pass decided: a batch paid by a credit (its rows `in_batch`, the credit's
//! findings from [`judge`]), a batch no credit pays (its rows `missing`), and the final order of the batches.
//! Every batch carries what tied it ([`TiedBy`]), and its findings say so.

use rust_decimal::Decimal;

use crate::engine::index::{day_of, minor};
use crate::engine::outcome::{Batch, RowId, RowIds, Status, TiedBy};
use crate::engine::settlement_flags::judge;
use crate::engine::takings::{self, Takings, tolerance};
use crate::engine::work::Work;
use crate::model::Money;

/// The one row whose net equals the shortfall of `credit`, when exactly one row fits.
pub fn unpaid_row(work: &Work, g: &Takings, credit: i64) -> Option<u32> {
    let shortfall = g.net - credit;
    if shortfall <= tolerance(&work.config.settlement, g.net) {
        return None;
    }
    let tol = tolerance(&work.config.settlement, 0);
    let cfg = &work.config.settlement;
    let mut fitting = g
        .rows
        .iter()
        .copied()
        .filter(|&i| (takings::row_figures(&work.terminal[i as usize], cfg).net - shortfall).abs() <= tol);
    match (fitting.next(), fitting.next()) {
        (Some(i), None) => Some(i),
        _ => None,
    }
}

/// Records a batch paid by `credit`; `unpaid` is a row taken out as not included in the settlement.
pub fn bind(work: &mut Work, parts: &[&Takings], credit: u32, unpaid: Option<u32>, tied_by: TiedBy) {
    let Some(mut all) = takings::combine(parts) else { return };
    if let Some(u) = unpaid {
        let f = takings::row_figures(&work.terminal[u as usize], &work.config.settlement);
        all.rows.retain(|&i| i != u);
        all.gross -= f.gross;
        all.net -= f.net;
        all.contract_fee -= f.contract_fee;
    }
    let (first_day, last_day) = (all.first_day, all.day);
    let index = work.batches.len() as u32;
    let credit_id = RowId::bank(credit as usize);
    let actual = minor(work.bank[credit as usize].amount);
    let batch = new_batch(&all, first_day, last_day, Some(credit_id), actual, tied_by);
    for &i in &all.rows {
        let row = RowId::terminal(i as usize);
        work.close(row, Status::InBatch);
        if let Some(out) = work.outcome_mut(row) {
            out.counterparts = RowIds::one(credit_id);
            out.batch = Some(index);
        }
    }
    if let Some(u) = unpaid {
        let row = RowId::terminal(u as usize);
        work.close(row, Status::Missing);
        if let Some(out) = work.outcome_mut(row) {
            out.batch = Some(index);
        }
    }
    work.close(credit_id, Status::InBatch);
    if let Some(out) = work.outcome_mut(credit_id) {
        out.counterparts = all.rows.iter().map(|&i| RowId::terminal(i as usize)).collect();
        out.batch = Some(index);
    }
    for f in judge(work, &batch, &all, credit) {
        work.add_flag(credit_id, f);
    }
    work.batches.push(batch);
}

/// A day of a settling merchant that no credit pays: a batch without a credit, its rows stay `missing`.
pub fn record_unpaid(work: &mut Work, g: &Takings, tied_by: TiedBy) {
    let index = work.batches.len() as u32;
    work.batches.push(new_batch(g, g.first_day, g.day, None, 0, tied_by));
    for &i in &g.rows {
        let row = RowId::terminal(i as usize);
        work.close(row, Status::Missing);
        if let Some(out) = work.outcome_mut(row) {
            out.batch = Some(index);
        }
    }
}

fn new_batch(all: &Takings, first_day: i64, last_day: i64, bank: Option<RowId>, actual: i64, tied_by: TiedBy) -> Batch {
    // The merchant (or terminal) the batch belongs to names it; "shop" when it spans several.
    let key = [
        Some(all.key.as_str()),
        all.merchant_id.as_deref(),
        all.terminal_id.as_deref(),
    ]
    .into_iter()
    .flatten()
    .find(|k| !k.is_empty())
    .unwrap_or("shop");
    let (first, last) = (day_of(first_day), day_of(last_day));
    let id = if first == last {
        format!("{key}-{first}")
    } else {
        format!("{key}-{first}..{last}")
    };
    let effective_fee_rate =
        (all.gross != 0 && bank.is_some()).then(|| Decimal::from(all.gross - actual) / Decimal::from(all.gross));
    Batch {
        id,
        merchant_id: all.merchant_id.clone(),
        terminal_id: all.terminal_id.clone(),
        first_day: first,
        last_day: last,
        bank,
        terminal_rows: all.rows.iter().map(|&i| RowId::terminal(i as usize)).collect(),
        gross: Money::from_minor(all.gross),
        fees: Money::from_minor(all.gross - all.net),
        expected_net: Money::from_minor(all.net),
        actual: Money::from_minor(actual),
        difference: Money::from_minor(if bank.is_some() { actual - all.net } else { -all.net }),
        effective_fee_rate,
        tied_by,
    }
}

/// Sorts the batches by (first day, id) and renumbers the rows' references, so ids and order are stable.
pub fn order_batches(work: &mut Work) {
    let mut order: Vec<usize> = (0..work.batches.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&work.batches[a], &work.batches[b]);
        (x.first_day, &x.id).cmp(&(y.first_day, &y.id))
    });
    let mut new_index = vec![0u32; order.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new as u32;
    }
    let old_batches = std::mem::take(&mut work.batches);
    let mut slots: Vec<Option<Batch>> = old_batches.into_iter().map(Some).collect();
    work.batches = order
        .iter()
        .filter_map(|&old| slots.get_mut(old).and_then(Option::take))
        .collect();
    for out in work.terminal_out.iter_mut().chain(work.bank_out.iter_mut()) {
        if let Some(b) = out.batch {
            out.batch = new_index.get(b as usize).copied();
        }
    }
}
