//! Which credit pays which business days, when nothing in the files says so: an order-preserving alignment of a
//! shop's business days (each with its expected net) and the acquirer's credits (each with its date and amount).
//!
//! Acquirers pay days in order: a later day is not paid before an earlier one, and consecutive days may be paid
//! together (a weekend or a holiday rolled into the next working day, a late day paid with the next). So the
//! answer is a sequence of steps along both lists — a day left unpaid, a credit that pays nothing, or a credit
//! that pays the next run of days — and the cheapest sequence wins. A dynamic programme over days × credits finds
//! it; a greedy nearest-amount search does not (it pays a short credit to the unpaid day beside it).
//!
//! ## The cost of each step (minor units of money, plus small penalties)
//! - **A day left unpaid** costs its net plus a finding ([`FINDING`]).
//! - **A credit that pays nothing** costs its amount plus a finding.
//! - **A credit paying a run of days** costs the difference to the run's net when it is beyond the tolerance
//!   (plus a finding), [`LATE`] per working day after the first day's due date, [`EARLY`] per day before the last
//!   day's due date, and [`ROLL`] for each extra due date the run spans (days whose due dates fall on the same
//!   working day — a weekend, a holiday — roll for free). A credit never pays a day after its own date, more than
//!   `search_days` after the due date, or a run whose net it misses by more than half: those are an unpaid day and
//!   an unexplained credit, two findings, which is honest when nothing ties them.
//!
//! ## Why this picks the right answer
//! - **A short credit stays with its own day.** Day A unpaid, day B paid ¥50 short on its due date. Paying B's
//!   credit to B and leaving A unpaid costs N_A + 50 + 2 findings. Paying it to A instead costs
//!   |N_A − N_B + 50| + N_B + 2 findings + a day late, and N_B + |N_A − N_B + 50| ≥ N_A + 50 (triangle
//!   inequality): never cheaper. Paying it to A and B together costs N_A + 50 + 1 finding + [`ROLL`], and
//!   [`ROLL`] > [`FINDING`]: not cheaper either.
//! - **An unpaid day is unpaid on its own date.** Shifting the later credits back by one day to cover it costs
//!   each of them its difference to the wrong day plus a day late, while leaving it unpaid costs its net once.
//! - **A late credit is late for its own day**: paying the day it matches costs only [`LATE`] per day.
//! - **Two adjacent short days** each keep their credit: pairing either credit with both days misses the run's
//!   net by more than the other day's net, and pays a day before its due date.
//! - **A weekend or holiday roll-up** pays every day of the same due date at no extra cost, so a Monday credit
//!   equal to Friday + Saturday + Sunday takes all three.

/// Takings still to be paid (a business day, or the days an acquirer's report says it settles together): their
/// position among all the lane's takings, first and last business day, due dates and expected net.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Day {
    /// Position among all the takings of the lane (paid or not): a run must be consecutive there.
    pub seq: usize,
    /// First and last business day (day numbers); equal for one day.
    pub first: i64,
    pub last: i64,
    /// The day the first business day's settlement is due (lateness counts from it) and the day the last one's
    /// is due (a credit before it is early; takings of the same `due_last` roll up for free).
    pub due_first: i64,
    pub due_last: i64,
    pub net: i64,
}

/// An acquirer credit still open: its day number and amount (minor units).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Credit {
    pub day: i64,
    pub amount: i64,
}

/// What the alignment needs to know of the contract: how many working days late a credit is, the tolerance
/// for a net, and how far past the due date a credit is still looked for.
pub struct Contract<'a> {
    /// Working days from a due day to a paid day (0 when on time or early).
    pub late_days: &'a dyn Fn(i64, i64) -> i64,
    /// The tolerance, in minor units, for an expected net.
    pub tolerance: &'a dyn Fn(i64) -> i64,
    /// Calendar days after the due date a credit may still come.
    pub search_days: i64,
}

/// One step of the alignment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// `credit` pays the days `first..=last` (indices into the days given).
    Pays { credit: usize, first: usize, last: usize },
    /// Day `day` is not paid by any credit.
    Unpaid(usize),
    /// Credit `credit` pays none of these days.
    Unexplained(usize),
}

/// The cost of a finding: breaks ties between answers of equal money towards the one with fewer findings.
pub const FINDING: i64 = 100;
/// The cost of each working day a credit comes after the first day's due date.
pub const LATE: i64 = 30;
/// The cost of each day a credit comes before the last day's due date.
pub const EARLY: i64 = 200;
/// The cost of each extra due date a rolled-up run spans (more than [`FINDING`]: see the module doc).
pub const ROLL: i64 = 150;
/// At most this many days in one run, spanning at most [`MAX_SPAN`] calendar days.
pub const MAX_RUN: usize = 10;
pub const MAX_SPAN: i64 = 14;
/// Above this many cells (days × credits) the alignment is not attempted (`None`).
pub const MAX_CELLS: usize = 64_000_000;

const UNPAID: u8 = 0;
const UNEXPLAINED: u8 = u8::MAX;

/// The cheapest order-preserving alignment of `days` (in time order) and `credits` (in time order), as steps
/// in time order; `None` when the lists are too long to align ([`MAX_CELLS`]).
pub fn align(days: &[Day], credits: &[Credit], contract: &Contract<'_>) -> Option<Vec<Step>> {
    let (n, m) = (days.len(), credits.len());
    let cells = (n + 1).checked_mul(m + 1)?;
    if cells > MAX_CELLS {
        return None;
    }
    // choice[j * (n + 1) + i]: how the cell (i days, j credits done) was reached.
    let mut choice = vec![UNPAID; cells];
    let mut before = vec![0i64; n + 1];
    let mut now = vec![0i64; n + 1];
    for i in 1..=n {
        before[i] = before[i - 1] + unpaid_cost(&days[i - 1]);
    }
    for j in 1..=m {
        let credit = &credits[j - 1];
        now[0] = before[0] + unexplained_cost(credit);
        choice[j * (n + 1)] = UNEXPLAINED;
        for i in 1..=n {
            let mut best = (now[i - 1] + unpaid_cost(&days[i - 1]), UNPAID);
            let skip = before[i] + unexplained_cost(credit);
            if skip < best.0 {
                best = (skip, UNEXPLAINED);
            }
            for run in 1..=MAX_RUN.min(i) {
                let first = i - run;
                let Some(cost) = pay_cost(credit, &days[first..i], contract) else {
                    if breaks_run(&days[first..i]) {
                        break;
                    }
                    continue;
                };
                let total = before[first].saturating_add(cost);
                if total < best.0 {
                    best = (total, run as u8);
                }
            }
            now[i] = best.0;
            choice[j * (n + 1) + i] = best.1;
        }
        std::mem::swap(&mut before, &mut now);
    }
    let mut steps = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let c = if j == 0 { UNPAID } else { choice[j * (n + 1) + i] };
        match c {
            UNPAID if i > 0 => {
                steps.push(Step::Unpaid(i - 1));
                i -= 1;
            }
            UNPAID | UNEXPLAINED => {
                steps.push(Step::Unexplained(j - 1));
                j -= 1;
            }
            run => {
                let first = i - usize::from(run);
                steps.push(Step::Pays {
                    credit: j - 1,
                    first,
                    last: i - 1,
                });
                i = first;
                j -= 1;
            }
        }
    }
    steps.reverse();
    Some(steps)
}

fn unpaid_cost(day: &Day) -> i64 {
    day.net.saturating_abs().saturating_add(FINDING)
}

fn unexplained_cost(credit: &Credit) -> i64 {
    credit.amount.saturating_abs().saturating_add(FINDING)
}

/// A run that can only get worse by taking more days in front: not consecutive, or too long a span.
fn breaks_run(run: &[Day]) -> bool {
    match (run.first(), run.last()) {
        (Some(a), Some(b)) => b.seq - a.seq != run.len() - 1 || b.last - a.first > MAX_SPAN,
        _ => true,
    }
}

/// The cost of `credit` paying the consecutive `run` of days; `None` where it cannot.
pub fn pay_cost(credit: &Credit, run: &[Day], contract: &Contract<'_>) -> Option<i64> {
    let (first, last) = (run.first()?, run.last()?);
    if breaks_run(run) || credit.day < last.last {
        return None;
    }
    let due_first = first.due_first;
    if credit.day > due_first + contract.search_days {
        return None;
    }
    let net: i64 = run.iter().map(|d| d.net).sum();
    let diff = (credit.amount - net).saturating_abs();
    if diff > net.saturating_abs() / 2 {
        return None;
    }
    let money = if diff <= (contract.tolerance)(net) {
        0
    } else {
        diff.saturating_add(FINDING)
    };
    let late = (contract.late_days)(due_first, credit.day) * LATE;
    let early = (last.due_last - credit.day).max(0) * EARLY;
    let mut dues = 0;
    let mut previous = None;
    for d in run {
        let due = d.due_last;
        if previous != Some(due) {
            dues += 1;
            previous = Some(due);
        }
    }
    Some(money + late + early + (dues - 1) * ROLL)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Day numbers 0.. are Monday.. ; T+1 on weekdays: a weekend day and Friday are due on Monday.
    fn due(day: i64) -> i64 {
        let mut d = day + 1;
        while d.rem_euclid(7) >= 5 {
            d += 1;
        }
        d
    }

    fn late(due: i64, paid: i64) -> i64 {
        (due + 1..=paid).filter(|d| d.rem_euclid(7) < 5).count() as i64
    }

    fn tolerance(_: i64) -> i64 {
        1
    }

    fn contract() -> Contract<'static> {
        Contract {
            late_days: &late,
            tolerance: &tolerance,
            search_days: 10,
        }
    }

    /// Trade days 0..n (Mon..) with the given nets; weekend days included as given.
    fn days(nets: &[(i64, i64)]) -> Vec<Day> {
        nets.iter()
            .enumerate()
            .map(|(seq, &(day, net))| Day {
                seq,
                first: day,
                last: day,
                due_first: due(day),
                due_last: due(day),
                net,
            })
            .collect()
    }

    fn paid(steps: &[Step]) -> Vec<(usize, usize, usize)> {
        steps
            .iter()
            .filter_map(|s| match s {
                Step::Pays { credit, first, last } => Some((*credit, *first, *last)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_short_credit_stays_with_its_day_beside_an_unpaid_day() {
        // Mon..Thu with similar nets; Tue is not paid, Wed's credit (on Thu) is 50.00 short.
        let d = days(&[(0, 300_000), (1, 310_000), (2, 305_000), (3, 298_000)]);
        let c = [
            Credit {
                day: 1,
                amount: 300_000,
            },
            Credit {
                day: 3,
                amount: 300_000,
            },
            Credit {
                day: 4,
                amount: 298_000,
            },
        ];
        let steps = align(&d, &c, &contract()).expect("small");
        assert_eq!(paid(&steps), vec![(0, 0, 0), (1, 2, 2), (2, 3, 3)]);
        assert!(steps.contains(&Step::Unpaid(1)));
    }

    #[test]
    fn an_unpaid_day_after_a_short_one_is_the_unpaid_one() {
        let d = days(&[(0, 300_000), (1, 310_000), (2, 305_000), (3, 298_000)]);
        let c = [
            Credit {
                day: 1,
                amount: 300_000,
            },
            Credit {
                day: 2,
                amount: 305_000,
            },
            Credit {
                day: 4,
                amount: 298_000,
            },
        ];
        let steps = align(&d, &c, &contract()).expect("small");
        assert_eq!(paid(&steps), vec![(0, 0, 0), (1, 1, 1), (2, 3, 3)]);
        assert!(steps.contains(&Step::Unpaid(2)));
    }

    #[test]
    fn a_weekend_rolls_into_monday_and_adjacent_short_days_keep_their_credits() {
        // Fri 4, Sat 5, Sun 6 paid together on Mon 7; Mon 7 and Tue 8 both short (by 12.00 and 30.00).
        let d = days(&[(4, 100_000), (5, 80_000), (6, 70_000), (7, 120_000), (8, 110_000)]);
        let c = [
            Credit {
                day: 7,
                amount: 250_000,
            },
            Credit {
                day: 8,
                amount: 118_800,
            },
            Credit {
                day: 9,
                amount: 107_000,
            },
        ];
        let steps = align(&d, &c, &contract()).expect("small");
        assert_eq!(paid(&steps), vec![(0, 0, 2), (1, 3, 3), (2, 4, 4)]);
    }

    #[test]
    fn a_late_credit_is_late_for_its_own_day_and_a_stray_credit_pays_nothing() {
        // Tue's credit comes on Friday, short by 20.00; a stray 1,286.40 arrives on Wednesday.
        let d = days(&[(0, 300_000), (1, 310_000)]);
        let c = [
            Credit {
                day: 1,
                amount: 300_000,
            },
            Credit {
                day: 2,
                amount: 128_640,
            },
            Credit {
                day: 4,
                amount: 308_000,
            },
        ];
        let steps = align(&d, &c, &contract()).expect("small");
        assert_eq!(paid(&steps), vec![(0, 0, 0), (2, 1, 1)]);
        assert!(steps.contains(&Step::Unexplained(1)), "{steps:?}");
    }

    #[test]
    fn the_answer_does_not_depend_on_a_far_off_credit_being_cheaper_to_pair() {
        // A credit at a third of a day's net is not that day's settlement: unpaid day + unexplained credit.
        let d = days(&[(0, 300_000)]);
        let c = [Credit {
            day: 1,
            amount: 100_000,
        }];
        let steps = align(&d, &c, &contract()).expect("small");
        assert!(paid(&steps).is_empty() && steps.contains(&Step::Unpaid(0)), "{steps:?}");
    }
}
