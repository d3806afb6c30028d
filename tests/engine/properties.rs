//! Properties of the one-to-one pass and of the whole reconciliation on small random shops: no row is paired
//! twice, every amount-and-time pair has equal amounts and lies inside the window, the number of pairs equals
//! the brute-force maximum, and shuffling the input gives the same report (up to the permutation).

use chrono::Duration;
use posrecon::engine::match_time::pair_by_amount_and_time;
use posrecon::engine::{Config, MatchRule, Report, RowId, Status, reconcile};
use posrecon::model::{Money, Side, Txn};
use proptest::prelude::*;

use crate::kit::{at, txn};

const PRICES: [i64; 3] = [1800, 5800, 10000];

/// (price index, seconds after 2026-10-05 10:00, date only, reference number or none)
type RowSpec = (usize, i64, bool, Option<u8>);

fn build(side: Side, specs: &[RowSpec]) -> Vec<Txn> {
    let base = at("2026-10-05 10:00:00");
    specs
        .iter()
        .enumerate()
        .map(|(k, &(price, offset, date_only, reference))| {
            let time = base + Duration::seconds(offset);
            let mut t = txn(
                side,
                k as u32 + 2,
                time,
                Money::from_minor(PRICES[price % PRICES.len()]),
            );
            if side == Side::Bank {
                t.counterparty = Some("银联商务".into());
                if date_only {
                    t.date_only = true;
                    t.time = time.date().and_hms_opt(0, 0, 0).unwrap_or(time);
                }
            } else {
                t.merchant_id = Some("M1".into());
            }
            t.reference = reference.map(|r| format!("R{r}").into());
            t
        })
        .collect()
}

fn specs(max: usize, span: i64, with_dates: bool) -> impl Strategy<Value = Vec<RowSpec>> {
    prop::collection::vec(
        (
            0..PRICES.len(),
            0..span,
            prop::bool::weighted(if with_dates { 0.2 } else { 0.0 }),
            prop::option::weighted(0.15, 0u8..3),
        ),
        0..max,
    )
}

fn small_window() -> Config {
    let mut c = Config::default();
    c.matching.window_before_secs = 30;
    c.matching.window_after_secs = 120;
    c
}

fn inside(c: &Config, t: &Txn, b: &Txn) -> bool {
    let d = (b.time - t.time).num_seconds();
    d >= -c.matching.window_before_secs && d <= c.matching.window_after_secs
}

/// The largest number of pairs, by trying every assignment.
fn brute_force(terminal: &[Txn], bank: &[Txn], c: &Config, i: usize, used: u32) -> usize {
    let Some(t) = terminal.get(i) else { return 0 };
    let skip = brute_force(terminal, bank, c, i + 1, used);
    let take = bank
        .iter()
        .enumerate()
        .filter(|(j, b)| used & (1 << j) == 0 && b.amount == t.amount && inside(c, t, b))
        .map(|(j, _)| 1 + brute_force(terminal, bank, c, i + 1, used | (1 << j)))
        .max()
        .unwrap_or(0);
    skip.max(take)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn the_greedy_finds_as_many_pairs_as_brute_force(t in specs(8, 600, false), b in specs(8, 700, false)) {
        let (terminal, bank) = (build(Side::Terminal, &t), build(Side::Bank, &b));
        let c = small_window();
        let open_t = vec![true; terminal.len()];
        let open_b = vec![true; bank.len()];
        let pairs = pair_by_amount_and_time(&terminal, &bank, &open_t, &open_b, &c.matching);
        prop_assert_eq!(pairs.len(), brute_force(&terminal, &bank, &c, 0, 0));
        let mut seen_t = vec![false; terminal.len()];
        let mut seen_b = vec![false; bank.len()];
        for p in &pairs {
            let (ti, bi) = (p.terminal as usize, p.bank as usize);
            prop_assert!(!seen_t[ti] && !seen_b[bi], "a row paired twice");
            seen_t[ti] = true;
            seen_b[bi] = true;
            prop_assert_eq!(terminal[ti].amount, bank[bi].amount);
            prop_assert!(inside(&c, &terminal[ti], &bank[bi]));
        }
    }

    #[test]
    fn no_row_is_matched_twice_and_time_pairs_are_equal_and_inside(t in specs(10, 3 * 86_400, true), b in specs(10, 3 * 86_400, true)) {
        let (terminal, bank) = (build(Side::Terminal, &t), build(Side::Bank, &b));
        let c = small_window();
        let r = reconcile(&terminal, &bank, &c, &[]);
        let mut claimed = vec![0usize; bank.len()];
        for (i, o) in r.terminal.iter().enumerate() {
            if matches!(o.status, Status::Matched | Status::MatchedWithDifference) {
                prop_assert_eq!(o.counterparts.len(), 1);
                let b = o.counterparts[0];
                prop_assert_eq!(b.side, Side::Bank);
                claimed[b.index as usize] += 1;
                prop_assert_eq!(&r.bank[b.index as usize].counterparts, &vec![RowId::terminal(i)]);
                if o.match_rule == Some(MatchRule::AmountTime) {
                    let (tt, bb) = (&terminal[i], &bank[b.index as usize]);
                    prop_assert_eq!(tt.amount, bb.amount);
                    if !bb.date_only {
                        prop_assert!(inside(&c, tt, bb));
                    } else {
                        let days = (bb.date() - tt.date()).num_days();
                        prop_assert!((0..=c.matching.date_only_days).contains(&days));
                    }
                }
            }
        }
        prop_assert!(claimed.iter().all(|&n| n <= 1));
        for (j, o) in r.bank.iter().enumerate() {
            if o.status == Status::InBatch {
                prop_assert_eq!(claimed[j], 0);
            }
        }
    }

    #[test]
    fn shuffling_the_input_gives_the_same_report(
        t in specs(10, 3 * 86_400, true),
        b in specs(10, 3 * 86_400, true),
        seed_t in any::<u64>(),
        seed_b in any::<u64>(),
    ) {
        let (terminal, bank) = (build(Side::Terminal, &t), build(Side::Bank, &b));
        let c = Config::default();
        let original = reconcile(&terminal, &bank, &c, &[]);
        let (pt, pb) = (permutation(terminal.len(), seed_t), permutation(bank.len(), seed_b));
        let shuffled_t: Vec<Txn> = pt.iter().map(|&k| terminal[k].clone()).collect();
        let shuffled_b: Vec<Txn> = pb.iter().map(|&k| bank[k].clone()).collect();
        let shuffled = reconcile(&shuffled_t, &shuffled_b, &c, &[]);
        prop_assert_eq!(unshuffle(shuffled, &pt, &pb), original);
    }
}

/// A permutation of 0..n from a seed (a small linear congruential shuffle: enough for a test).
fn permutation(n: usize, seed: u64) -> Vec<usize> {
    let mut p: Vec<usize> = (0..n).collect();
    let mut x = seed | 1;
    for i in (1..n).rev() {
        x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        p.swap(i, (x >> 33) as usize % (i + 1));
    }
    p
}

/// Puts the outcomes of a shuffled run back in the original order, with every row reference translated.
fn unshuffle(mut r: Report, pt: &[usize], pb: &[usize]) -> Report {
    let map = |id: RowId| match id.side {
        Side::Terminal => RowId::terminal(pt[id.index as usize]),
        Side::Bank => RowId::bank(pb[id.index as usize]),
    };
    let fix = |o: &mut posrecon::engine::RowOutcome| {
        o.counterparts.iter_mut().for_each(|c| *c = map(*c));
        o.flags
            .iter_mut()
            .for_each(|f| f.related.iter_mut().for_each(|c| *c = map(*c)));
    };
    let mut terminal = vec![Default::default(); r.terminal.len()];
    for (k, mut o) in r.terminal.drain(..).enumerate() {
        fix(&mut o);
        terminal[pt[k]] = o;
    }
    let mut bank = vec![Default::default(); r.bank.len()];
    for (k, mut o) in r.bank.drain(..).enumerate() {
        fix(&mut o);
        bank[pb[k]] = o;
    }
    for batch in &mut r.batches {
        batch.bank = batch.bank.map(map);
        batch.terminal_rows.iter_mut().for_each(|c| *c = map(*c));
    }
    Report { terminal, bank, ..r }
}
