//! `balance_gap` — the rows of a file do not add up to the balances the file states: a page or a row is
//! missing (or was cut out). A check no matching can give: a missing bank row has nothing to be missing from.
//!
//! Where a file carries a balance after each row (a 余额/Balance column of a bank export, or the running balance
//! the statement readers compute from a CAMT.053/MT940 opening balance — whose last row carries the closing
//! balance the bank states), each row's balance must be the previous row's balance plus the row's amount. The
//! first row after a jump gets the flag (severity high), naming both balances, the row's amount and what is
//! missing.
//!
//! Rows are checked per file, account and currency in file order; newest-first exports (most Chinese bank
//! exports) are recognised by which reading makes more rows add up. Declined rows and pending entries do not
//! move the balance and are left out; a row without a balance (a blank cell) counts between the rows around it.
//! A row with a net amount (a payment provider's gross, fee and net) may move the balance by its net instead.
//! A row repeated whole (same time, amount and balance) is left to `duplicate_in_source`. A balance column that
//! mostly does not add up (more jumps than rows that fit, beyond two) is not a running balance and is not checked.

use std::collections::BTreeMap;

use crate::engine::outcome::{BalanceCheck, Flag, RowId, RuleId};
use crate::engine::wording;
use crate::model::{Currency, Money, Side, SourceId, Txn, TxnStatus};

/// Where the balances of a file jump: the row after the jump, the row before it, and the figures.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gap {
    /// Index (into the rows given) of the first row after the gap.
    pub row: usize,
    /// Index of the row whose balance the jump starts from.
    pub previous: usize,
    /// The balance after the previous row.
    pub from: Money,
    /// The balance the file gives after `row`.
    pub to: Money,
    /// What is missing: `to − from − row.amount` (positive: money in is missing).
    pub missing: Money,
    pub currency: Currency,
}

/// What the balance check made of each file of `rows` (one side's rows).
pub fn checks(rows: &[Txn]) -> BTreeMap<SourceId, BalanceCheck> {
    let mut out: BTreeMap<SourceId, BalanceCheck> =
        rows.iter().map(|t| (t.row.source, BalanceCheck::NoBalances)).collect();
    for (source, check) in check_groups(rows).1 {
        let slot = out.entry(source).or_insert(check);
        *slot = match (*slot, check) {
            (BalanceCheck::NotInOrder { jumps, steps }, _) | (_, BalanceCheck::NotInOrder { jumps, steps }) => {
                BalanceCheck::NotInOrder { jumps, steps }
            }
            (BalanceCheck::Checked { steps: a, gaps: x }, BalanceCheck::Checked { steps: b, gaps: y }) => {
                BalanceCheck::Checked {
                    steps: a + b,
                    gaps: x + y,
                }
            }
            (_, check) => check,
        };
    }
    out
}

/// Every balance gap in `rows` (one side's rows, any number of files), in row order.
pub fn find(rows: &[Txn]) -> Vec<Gap> {
    check_groups(rows).0
}

/// The gaps of every file, account and currency, and what the check made of each group.
fn check_groups(rows: &[Txn]) -> (Vec<Gap>, Vec<(SourceId, BalanceCheck)>) {
    // Most terminal logs and many statements carry no balance at all: nothing to group.
    if rows.iter().all(|t| t.balance.is_none()) {
        return (Vec::new(), Vec::new());
    }
    let mut groups: BTreeMap<(SourceId, Option<&str>, Currency), Vec<usize>> = BTreeMap::new();
    for (i, t) in rows.iter().enumerate() {
        if t.status != TxnStatus::Declined {
            groups
                .entry((t.row.source, t.account.as_deref(), t.currency))
                .or_default()
                .push(i);
        }
    }
    let mut gaps = Vec::new();
    let mut made = Vec::new();
    for ((source, _, _), mut members) in groups {
        if !members.iter().any(|&i| rows[i].balance.is_some()) {
            continue;
        }
        members.sort_by_key(|&i| rows[i].row.line);
        let (found, check) = check_group(rows, &members);
        gaps.extend(found);
        made.push((source, check));
    }
    gaps.sort_by_key(|g| g.row);
    (gaps, made)
}

/// The gaps of one file's account, rows in file order: read oldest first or newest first, whichever makes
/// more rows add up.
fn check_group(rows: &[Txn], members: &[usize]) -> (Vec<Gap>, BalanceCheck) {
    let (forward, forward_fit) = walk(rows, members.iter().copied());
    let (backward, backward_fit) = walk(rows, members.iter().rev().copied());
    let newest_first = match backward_fit.cmp(&forward_fit) {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Less => false,
        // As many fit either way: the order of the times decides.
        std::cmp::Ordering::Equal => match (members.first(), members.last()) {
            (Some(&first), Some(&last)) => rows[first].time > rows[last].time,
            _ => false,
        },
    };
    let (gaps, fitting) = if newest_first {
        (backward, backward_fit)
    } else {
        (forward, forward_fit)
    };
    if gaps.len() > fitting.max(2) {
        let check = BalanceCheck::NotInOrder {
            jumps: gaps.len(),
            steps: fitting,
        };
        (Vec::new(), check)
    } else {
        let check = BalanceCheck::Checked {
            steps: fitting,
            gaps: gaps.len(),
        };
        (gaps, check)
    }
}

/// Reads the rows in `order` (taken as oldest first): each row with a balance against the previous one with a
/// balance, counting the amounts of the rows without one in between. The jumps, and how many steps added up.
fn walk(rows: &[Txn], order: impl Iterator<Item = usize>) -> (Vec<Gap>, usize) {
    let (mut gaps, mut fitting) = (Vec::new(), 0);
    let mut last: Option<(usize, Money)> = None;
    let mut between = Money::ZERO;
    for i in order {
        let t = &rows[i];
        let Some(to) = t.balance else {
            between = between + t.amount;
            continue;
        };
        if let Some((previous, from)) = last {
            // A row repeated whole (same time, amount and balance) is a duplicate, not a jump: `duplicate_in_source`.
            let p = &rows[previous];
            if to == from && between == Money::ZERO && (p.time, p.amount) == (t.time, t.amount) {
                continue;
            }
            let missing = to - from - between - t.amount;
            // A provider's balance (PayPal, Stripe) moves by what the row nets after its fee, not by its gross.
            let moved_by_net = t.net.is_some_and(|net| (to - from - between - net).minor_units() == 0);
            if missing.minor_units() == 0 || moved_by_net {
                fitting += 1;
            } else {
                gaps.push(Gap {
                    row: i,
                    previous,
                    from,
                    to,
                    missing,
                    currency: t.currency,
                });
            }
        }
        (last, between) = (Some((i, to)), Money::ZERO);
    }
    (gaps, fitting)
}

/// The `balance_gap` flags of one side's rows.
pub fn flags(rows: &[Txn], side: Side) -> Vec<(RowId, Flag)> {
    find(rows)
        .into_iter()
        .filter_map(|gap| {
            let (row, previous) = (rows.get(gap.row)?, rows.get(gap.previous)?);
            let id = RowId {
                side,
                index: u32::try_from(gap.row).ok()?,
            };
            let related = vec![RowId {
                side,
                index: u32::try_from(gap.previous).ok()?,
            }];
            Some((id, flag(&gap, previous.row.line, row.row.line, row.amount, related)))
        })
        .collect()
}

fn flag(gap: &Gap, before: u32, after: u32, amount: Money, related: Vec<RowId>) -> Flag {
    let money = |m: Money| wording::money(m, gap.currency);
    let (from, to, moved, missing) = (money(gap.from), money(gap.to), money(amount), money(gap.missing.abs()));
    // Money in is missing when the balance rose more than the rows say, money out when it fell more.
    let (way_en, way_zh) = if gap.missing.is_negative() {
        ("out", "支出")
    } else {
        ("in", "收入")
    };
    // Newest-first files have the earlier row below: name the two lines in file order.
    let (first, second) = (before.min(after), before.max(after));
    wording::flag(
        RuleId::BalanceGap,
        format!(
            "The balance jumps from {from} after line {before} to {to} after line {after}, which moves {moved}: \
             {missing} of money {way_en} is missing between line {first} and line {second} (a missing page or row)."
        ),
        format!(
            "余额从第 {before} 行后的 {from} 跳到第 {after} 行后的 {to}，而第 {after} 行的金额是 {moved}：\
             第 {first} 行与第 {second} 行之间缺少合计 {missing} 的{way_zh}记录（缺页或缺行）。"
        ),
        related,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RowRef;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    fn row(line: u32, day: u32, amount: &str, balance: &str) -> Txn {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 11, day)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .unwrap_or_default();
        let money = |s: &str| Money(Decimal::from_str(s).unwrap_or_default());
        let mut t = Txn::new(
            RowRef {
                source: SourceId(0),
                line,
            },
            Side::Bank,
            at,
            money(amount),
        );
        t.balance = Some(money(balance));
        t
    }

    #[test]
    fn a_removed_row_is_flagged_on_the_row_after_it_with_the_figures() {
        // Line 42 (+500.00) was cut out of the export.
        let rows = [
            row(40, 1, "100.00", "12100.00"),
            row(41, 2, "200.00", "12300.00"),
            row(43, 4, "-50.00", "12750.00"),
        ];
        let found = flags(&rows, Side::Bank);
        assert_eq!(found.len(), 1);
        let (id, flag) = &found[0];
        assert_eq!(
            (id.index, flag.severity, &flag.related),
            (2, crate::engine::Severity::High, &vec![RowId::bank(1)])
        );
        assert_eq!(
            flag.reason.en,
            "The balance jumps from ¥12,300.00 after line 41 to ¥12,750.00 after line 43, which moves -¥50.00: \
             ¥500.00 of money in is missing between line 41 and line 43 (a missing page or row)."
        );
        assert!(
            flag.reason.zh.contains("缺少合计 ¥500.00 的收入记录"),
            "{}",
            flag.reason.zh
        );
    }

    #[test]
    fn newest_first_exports_are_read_backwards() {
        let rows = [
            row(5, 4, "-50.00", "12750.00"),
            row(6, 2, "200.00", "12300.00"),
            row(7, 1, "100.00", "12100.00"),
        ];
        let gaps = find(&rows);
        assert_eq!(gaps.len(), 1);
        assert_eq!(
            (gaps[0].row, gaps[0].previous, gaps[0].missing),
            (0, 1, Money::from_minor(50_000))
        );
        let whole = [
            row(5, 4, "-50.00", "12250.00"),
            row(6, 2, "200.00", "12300.00"),
            row(7, 1, "100.00", "12100.00"),
        ];
        assert!(find(&whole).is_empty());
    }

    #[test]
    fn a_row_with_a_blank_balance_counts_between_its_neighbours() {
        let mut blank = row(41, 2, "200.00", "0");
        blank.balance = None;
        assert!(
            find(&[
                row(40, 1, "100.00", "12100.00"),
                blank.clone(),
                row(42, 3, "-50.00", "12250.00")
            ])
            .is_empty()
        );
        let gaps = find(&[
            row(40, 1, "100.00", "12100.00"),
            blank,
            row(42, 3, "-50.00", "12750.00"),
        ]);
        assert_eq!(
            gaps.iter().map(|g| (g.row, g.missing)).collect::<Vec<_>>(),
            [(2, Money::from_minor(50_000))]
        );
    }

    #[test]
    fn a_provider_balance_moves_by_the_net_of_each_row() {
        // PayPal: a 12.50 payment with a 0.36 fee adds 12.14 to the balance.
        let mut paid = row(3, 2, "12.50", "112.14");
        paid.net = Some(Money::from_minor(1214));
        assert!(find(&[row(2, 1, "100.00", "100.00"), paid.clone()]).is_empty());
        // A balance that matches neither the gross nor the net is still a gap.
        paid.balance = Some(Money::from_minor(12_000));
        assert_eq!(find(&[row(2, 1, "100.00", "100.00"), paid]).len(), 1);
    }

    #[test]
    fn a_row_repeated_whole_is_a_duplicate_not_a_gap() {
        let rows = [
            row(40, 1, "100.00", "12100.00"),
            row(41, 2, "200.00", "12300.00"),
            row(42, 2, "200.00", "12300.00"),
        ];
        assert!(find(&rows).is_empty());
    }

    #[test]
    fn files_accounts_declined_rows_and_stray_balance_columns() {
        // Two accounts in one file each add up on their own.
        let mut rows = vec![
            row(2, 1, "10.00", "110.00"),
            row(3, 1, "5.00", "5.00"),
            row(4, 2, "10.00", "120.00"),
            row(5, 2, "5.00", "10.00"),
        ];
        rows[1].account = Some("B".into());
        rows[3].account = Some("B".into());
        assert!(find(&rows).is_empty());
        // A declined row does not move the balance.
        let mut declined = row(3, 1, "99.00", "110.00");
        declined.status = TxnStatus::Declined;
        assert!(find(&[row(2, 1, "10.00", "110.00"), declined, row(4, 2, "10.00", "120.00")]).is_empty());
        // A column that never adds up is not a running balance.
        let stray: Vec<Txn> = (0..6).map(|i| row(10 + i, 1 + i, "10.00", "1000.00")).collect();
        assert!(find(&stray).is_empty());
    }
}
