//! The summary of a report: how many rows ended in each status, flags per rule, and the fees the acquirer
//! kept (batch fees plus separate fee debits) with the effective rate over the gross they were taken on.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::engine::outcome::{Report, RuleId, Status, Summary};
use crate::engine::work::Work;
use crate::model::Money;

pub fn summarise(work: &Work, report: &Report) -> Summary {
    let mut s = Summary {
        terminal_rows: report.terminal.len(),
        bank_rows: report.bank.len(),
        interchangeable_pairs: work.interchangeable_pairs,
        ..Summary::default()
    };
    let mut per_rule = [0usize; RuleId::ALL.len()];
    for (side_is_terminal, outcomes) in [(true, &report.terminal), (false, &report.bank)] {
        for out in outcomes.iter() {
            match out.status {
                Status::Matched => s.matched += 1,
                Status::MatchedWithDifference => s.matched_with_difference += 1,
                Status::InBatch => s.in_batch += 1,
                Status::Missing if side_is_terminal => s.missing_in_bank += 1,
                Status::Missing => s.missing_in_terminal += 1,
                Status::Duplicate => s.duplicates += 1,
                Status::Unrelated => s.unrelated += 1,
            }
            for f in &out.flags {
                // `RuleId::ALL` lists the rules in declaration order (tested below): the discriminant is the slot.
                if let Some(slot) = per_rule.get_mut(f.rule as usize) {
                    *slot += 1;
                }
            }
        }
    }
    s.flags = RuleId::ALL
        .iter()
        .zip(per_rule)
        .filter(|(_, n)| *n > 0)
        .map(|(r, n)| (r.id().to_string(), n))
        .collect::<BTreeMap<String, usize>>();
    // Batches: the fee is what the acquirer kept (gross − credit); fee debits: their amount over the gross of
    // the one-to-one matched sales they were taken on.
    let paid = report.batches.iter().filter(|b| b.bank.is_some());
    let (mut fees, mut gross) = paid.fold((Money::ZERO, Money::ZERO), |(f, g), b| {
        (f + b.gross - b.actual, g + b.gross)
    });
    for (j, b) in work.bank.iter().enumerate() {
        if work.bank_fee[j] {
            fees = fees + b.amount.abs();
        }
    }
    if work.bank_fee.iter().any(|&f| f) {
        gross = gross
            + work
                .terminal
                .iter()
                .zip(&report.terminal)
                .filter(|(_, o)| matches!(o.status, Status::Matched | Status::MatchedWithDifference))
                .map(|(t, _)| t.amount)
                .sum();
    }
    s.total_fees = fees;
    s.effective_fee_rate = (gross.0 != Decimal::ZERO).then(|| fees.0 / gross.0);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_counted_in_its_own_slot() {
        for (slot, rule) in RuleId::ALL.iter().enumerate() {
            assert_eq!(
                *rule as usize,
                slot,
                "RuleId::ALL must list {} in declaration order",
                rule.id()
            );
        }
    }
}
