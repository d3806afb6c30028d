//! Terminal and merchant IDs that are not the shop's — shared by `unknown_terminal` and `unknown_merchant`.
//!
//! With a list of the shop's own IDs, every other ID is unknown. Without one, the shop's regular IDs are
//! learned from the data: an ID is *regular* when it trades from the first day of the data or on more than
//! `rules.unknown_terminal_max_rows` rows; an ID is *unknown* when it first appears after the first day, on at
//! most that many rows, while a regular ID that started no later is still trading on or after that day. Every
//! terminal row carrying an unknown ID is flagged (severity high), whatever its status.

use rustc_hash::FxHashMap as HashMap;

use chrono::NaiveDate;

use crate::engine::outcome::{Flag, RowId, RuleId};
use crate::engine::wording;
use crate::model::Txn;

use super::RuleInput;

/// What kind of ID a rule looks at, and its name in a reason.
pub(super) struct IdKind {
    pub rule: RuleId,
    /// `Terminal` / `Merchant ID`.
    pub noun_en: &'static str,
    /// `终端` / `商户号`.
    pub noun_zh: &'static str,
    /// The shop's own IDs from the configuration; empty = learn them.
    pub known: for<'a> fn(&'a RuleInput<'a>) -> &'a [String],
    /// Where the IDs of this kind were seen.
    pub seen: for<'s, 'a> fn(&'s IdSurvey<'a>) -> &'s HashMap<&'a str, Sightings>,
}

/// Where an ID was seen: how many rows, first and last day, which rows.
pub(super) struct Sightings {
    rows: Vec<u32>,
    first: NaiveDate,
    last: NaiveDate,
}

/// Every terminal and merchant ID of the terminal rows and where it was seen, read in one pass.
pub(super) struct IdSurvey<'a> {
    pub terminals: HashMap<&'a str, Sightings>,
    pub merchants: HashMap<&'a str, Sightings>,
}

impl<'a> IdSurvey<'a> {
    pub fn new(terminal: &'a [Txn]) -> IdSurvey<'a> {
        let mut survey = IdSurvey {
            terminals: HashMap::default(),
            merchants: HashMap::default(),
        };
        for (i, txn) in terminal.iter().enumerate() {
            let Ok(index) = u32::try_from(i) else { break };
            let day = txn.date();
            for (ids, id) in [
                (&mut survey.terminals, &txn.terminal_id),
                (&mut survey.merchants, &txn.merchant_id),
            ] {
                let Some(id) = id.as_deref().map(str::trim).filter(|id| !id.is_empty()) else {
                    continue;
                };
                let s = ids.entry(id).or_insert(Sightings {
                    rows: Vec::new(),
                    first: day,
                    last: day,
                });
                s.rows.push(index);
                s.first = s.first.min(day);
                s.last = s.last.max(day);
            }
        }
        survey
    }
}

/// Flags every row whose ID of this kind is not the shop's.
pub(super) fn flag_unknown(input: &RuleInput, survey: &IdSurvey, kind: &IdKind) -> Vec<(RowId, Flag)> {
    let seen = (kind.seen)(survey);
    let known = (kind.known)(input);
    let unknown: Vec<(&str, &Sightings, Learned)> = if known.is_empty() {
        learned_strangers(seen, input.config.rules.unknown_terminal_max_rows)
    } else {
        seen.iter()
            .filter(|(id, _)| !known.iter().any(|k| k.trim() == **id))
            .map(|(id, s)| (*id, s, Learned::NotInList))
            .collect()
    };
    let mut found = Vec::new();
    for (id, sightings, how) in unknown {
        let flag = unknown_flag(kind, id, sightings, how);
        found.extend(
            sightings
                .rows
                .iter()
                .map(|&i| (RowId::terminal(i as usize), flag.clone())),
        );
    }
    found.sort_by_key(|(row, _)| *row);
    found
}

/// How an ID was found unknown.
#[derive(Clone, Copy)]
enum Learned {
    NotInList,
    NewAndRare,
}

fn learned_strangers<'s>(
    seen: &'s HashMap<&'s str, Sightings>,
    max_rows: usize,
) -> Vec<(&'s str, &'s Sightings, Learned)> {
    let Some(period_start) = seen.values().map(|s| s.first).min() else {
        return Vec::new();
    };
    let regular = |s: &Sightings| s.first == period_start || s.rows.len() > max_rows;
    // Regular IDs by first day, with the last day any of them up to there was still trading.
    let mut regulars: Vec<(NaiveDate, NaiveDate)> = seen
        .values()
        .filter(|s| regular(s))
        .map(|s| (s.first, s.last))
        .collect();
    regulars.sort_unstable();
    let mut latest = NaiveDate::MIN;
    for (_, last) in &mut regulars {
        latest = latest.max(*last);
        *last = latest;
    }
    let still_trading_on = |day: NaiveDate| {
        let started = regulars.partition_point(|(first, _)| *first <= day);
        started > 0 && regulars.get(started - 1).is_some_and(|(_, last)| *last >= day)
    };
    seen.iter()
        .filter(|(_, s)| !regular(s) && still_trading_on(s.first))
        .map(|(id, s)| (*id, s, Learned::NewAndRare))
        .collect()
}

fn unknown_flag(kind: &IdKind, id: &str, seen: &Sightings, how: Learned) -> Flag {
    let (noun_en, noun_zh) = (kind.noun_en, kind.noun_zh);
    let (en, zh) = match how {
        Learned::NotInList => (
            format!(
                "{noun_en} {id} is not in the shop's list ({} transactions carry it).",
                seen.rows.len()
            ),
            format!("{noun_zh} {id} 不在本店清单中（共 {} 笔）。", seen.rows.len()),
        ),
        Learned::NewAndRare => {
            let (first, rows) = (wording::date(seen.first), seen.rows.len());
            (
                format!(
                    "{noun_en} {id} first appeared on {first} with only {rows} transactions while the shop's regular ones \
                     were trading; check it is really the shop's."
                ),
                format!(
                    "{noun_zh} {id} 于 {first} 首次出现，仅 {rows} 笔，而本店常用的仍在交易；请核实是否为本店所有。"
                ),
            )
        }
    };
    wording::flag(kind.rule, en, zh, Vec::new())
}
