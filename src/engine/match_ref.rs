//! The reference pass: a terminal row and a bank row with the same reference (RRN / auth code / order number)
//! *and* the same amount and currency are `matched`, whatever their times. The same reference with another
//! amount is not a match (a partial refund or a mistyped RRN): those rows go on to the later passes.

use std::collections::HashMap;

use crate::engine::index::{currency_code, ident, minor, ordered};
use crate::engine::outcome::{MatchRule, Status};
use crate::engine::work::Work;

pub fn run(work: &mut Work) {
    if !work.terminal_facts.references || !work.bank_facts.references {
        return;
    }
    let bank = work.bank;
    let terminal = work.terminal;
    // Bank rows by (reference, currency, amount), each list in time order.
    let mut by_reference: HashMap<(&str, u32, i64), Vec<u32>> = HashMap::new();
    for j in ordered(bank, |j| work.bank_open[j] && ident(&bank[j].reference).is_some()) {
        let b = &bank[j as usize];
        if let Some(reference) = ident(&b.reference) {
            by_reference
                .entry((reference, currency_code(b.currency), minor(b.amount)))
                .or_default()
                .push(j);
        }
    }
    if by_reference.is_empty() {
        return;
    }
    for i in ordered(terminal, |i| {
        work.terminal_open[i] && ident(&terminal[i].reference).is_some()
    }) {
        let t = &terminal[i as usize];
        let Some(reference) = ident(&t.reference) else { continue };
        let key = (reference, currency_code(t.currency), minor(t.amount));
        let found = by_reference
            .get(&key)
            .and_then(|list| list.iter().copied().find(|&j| work.bank_open[j as usize]));
        if let Some(j) = found {
            work.pair(i, j, Status::Matched, MatchRule::Reference);
        }
    }
}
