//! `unknown_terminal` — payments taken on a terminal that is not the shop's.
//!
//! Why it matters: a swapped or added terminal (a fraudster's, or one an employee brought in) takes the shop's
//! customers' money into someone else's account; the shop's own settlements still balance, so only the
//! terminal ID gives it away.
//!
//! Thresholds: `shop.known_terminals` when set; otherwise the shop's terminals are learned from the data (see
//! `newcomers`): an ID first seen after the first day on at most `rules.unknown_terminal_max_rows` (default 30)
//! rows while the regular terminals trade. Every row with that terminal ID is flagged (severity high).

use crate::engine::outcome::{Flag, RowId, RuleId};

use super::RuleInput;
use super::facts::Facts;
use super::newcomers::{IdKind, flag_unknown};

const TERMINAL: IdKind = IdKind {
    rule: RuleId::UnknownTerminal,
    noun_en: "Terminal",
    noun_zh: "终端",
    known: |input| &input.config.shop.known_terminals,
    seen: |survey| &survey.terminals,
};

pub fn check(input: &RuleInput) -> Vec<(RowId, Flag)> {
    find(&Facts::new(input))
}

pub(super) fn find(facts: &Facts) -> Vec<(RowId, Flag)> {
    flag_unknown(facts.ledger.input, facts.id_survey(), &TERMINAL)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::config::Config;
    use crate::engine::rules::testkit::{check_with, flagged_lines, sale};
    use crate::model::Txn;

    /// Terminals T1 and T2 trade every day of October 1–30; `extra` adds rows of terminal T9 on the given days.
    fn month(extra: &[(u32, u32)]) -> Vec<Txn> {
        let mut rows = Vec::new();
        for day in 1..=30u32 {
            for (n, terminal) in ["T1", "T2"].iter().enumerate() {
                let mut txn = sale(day * 10 + n as u32, &format!("2026-10-{day:02} 12:00:00"), "30.00", "");
                txn.terminal_id = Some((*terminal).into());
                rows.push(txn);
            }
        }
        for &(line, day) in extra {
            let mut txn = sale(line, &format!("2026-10-{day:02} 15:00:00"), "88.00", "");
            txn.terminal_id = Some("T9".into());
            rows.push(txn);
        }
        rows
    }

    #[test]
    fn a_terminal_appearing_mid_month_with_a_handful_of_sales_is_flagged_on_every_row() {
        let rows = month(&[(1000, 20), (1001, 20), (1002, 21)]);
        assert_eq!(flagged_lines(check, &rows, &Config::default()), vec![1000, 1001, 1002]);
        let flags = check_with(check, &rows, &Config::default());
        assert_eq!(
            flags[0].1.reason.en,
            "Terminal T9 first appeared on 2026-10-20 with only 3 transactions while the shop's regular ones were trading; \
             check it is really the shop's."
        );
    }

    #[test]
    fn the_shops_own_terminals_are_never_flagged() {
        // Learned: T1 and T2 trade from day one.
        assert!(flagged_lines(check, &month(&[]), &Config::default()).is_empty());
        // A new terminal that takes over with many sales is a replacement, not a stranger.
        let busy: Vec<(u32, u32)> = (0..40).map(|i| (1000 + i, 20 + i % 10)).collect();
        assert!(flagged_lines(check, &month(&busy), &Config::default()).is_empty());
    }

    #[test]
    fn with_a_known_list_any_other_terminal_is_flagged() {
        let mut config = Config::default();
        config.shop.known_terminals = vec!["T1".into(), "T9".into()];
        let flagged = flagged_lines(check, &month(&[(1000, 20)]), &config);
        assert_eq!(flagged, (1..=30).map(|day| day * 10 + 1).collect::<Vec<_>>()); // every T2 row
    }
}
