//! The acquirer's daily settlement as it reaches the shop's bank: one credit per business day, T+1, net of
//! fees, early in the morning; some weekends rolled up into Monday's credit; and the planted settlement faults
//! (a short or over payment, a late payment, a day never paid, a credit that pays nothing the terminal knows);
//! or, with [`SettlementPlan::due`], on a settlement calendar, each credit paying the trade days due that day,
//! its 摘要 naming them or not ([`Memo`]). Also the rest of a small shop's statement: rent, salaries,
//! utilities, supplier transfers, cash deposits, bank charges.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::rows::{Mark, StatementRow, TerminalRow};
use crate::engine::{RuleId, Status};

/// Who pays the shop's card sales.
pub(crate) const ACQUIRER: &str = "银联商务股份有限公司";
pub(crate) const ACQUIRER_ACCOUNT: &str = "31001518700052501428";
pub(crate) const SETTLEMENT_SUMMARY: &str = "POS清算";

/// A fault planted in the credit that pays one business day.
#[derive(Clone, Debug)]
pub(crate) enum CreditFault {
    /// Paid this many fen less than the batch's net.
    Short(i64),
    /// Paid this many fen more.
    Over(i64),
    /// Paid this many days after the business day instead of the next day.
    Late(i64),
    /// The day's rows were charged above the contract; the credit itself pays exactly what the log says.
    FeeAboveContract,
    /// No credit at all: the acquirer's report says the batch was settled, the bank never got it.
    Unpaid,
    /// Paid on this day instead of the day it was due (a separate credit, days or weeks late).
    PaidOn(NaiveDate),
}

/// What a credit's 摘要 says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Memo {
    /// [`SETTLEMENT_SUMMARY`]: "POS清算", nothing about the days paid.
    #[default]
    Plain,
    /// The trade day (range) paid, month and day: "POS清算款 1014", "POS清算款 0930-1007".
    NamesDays,
}

/// How the acquirer pays a shop.
#[derive(Clone, Debug, Default)]
pub(crate) struct SettlementPlan {
    /// Inclusive ranges of business days paid together by one credit the day after the last one.
    pub rollups: Vec<(NaiveDate, NaiveDate)>,
    pub faults: Vec<(NaiveDate, CreditFault)>,
    /// Acquirer credits that pay nothing in the terminal log (time, fen).
    pub stray_credits: Vec<(NaiveDateTime, i64)>,
    /// When set, the day a trade day's credit is due (T+1 on a settlement calendar): the trade days due on the
    /// same day are paid together by one credit that day, and `rollups` is not used. When not set, a credit
    /// pays each business day (or roll-up) the calendar day after it.
    pub due: Option<fn(NaiveDate) -> NaiveDate>,
    pub memo: Memo,
}

/// The trade days one credit pays, when it is due, and when it is paid and how much.
#[derive(Clone, Debug)]
pub(crate) struct Batch {
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub due: NaiveDate,
    /// When the credit is paid (`None`: never) and what it pays.
    pub paid: Option<(NaiveDate, i64)>,
    /// The planted faults' marks, for the credit.
    pub marks: Vec<Mark>,
}

impl Batch {
    /// The day the acquirer's report names as the settlement date (清算日期): the day paid, or, for a batch
    /// never paid, the day it was due.
    pub fn settle_date(&self) -> NaiveDate {
        self.paid.map_or(self.due, |(day, _)| day)
    }

    /// The credit's 摘要.
    pub fn memo(&self, memo: Memo) -> String {
        match memo {
            Memo::Plain => SETTLEMENT_SUMMARY.to_string(),
            Memo::NamesDays if self.first == self.last => format!("POS清算款 {}", self.last.format("%m%d")),
            Memo::NamesDays => format!("POS清算款 {}-{}", self.first.format("%m%d"), self.last.format("%m%d")),
        }
    }
}

/// The batches of the rows of `merchant` in `rows` by the plan, in order of their last day, with the planted
/// faults applied.
pub(crate) fn batches(rows: &[TerminalRow], merchant: &str, plan: &SettlementPlan) -> Vec<Batch> {
    let mut per_day: BTreeMap<NaiveDate, i64> = BTreeMap::new();
    for row in rows.iter().filter(|r| r.merchant == merchant) {
        *per_day.entry(row.time.date()).or_insert(0) += row.payout();
    }
    // last day → (first day, net, due)
    let mut grouped: BTreeMap<NaiveDate, (NaiveDate, i64, NaiveDate)> = BTreeMap::new();
    match plan.due {
        None => {
            for (day, net) in per_day {
                let first = plan.rollups.iter().find(|(a, b)| *a <= day && day <= *b);
                let (first, last) = first.map_or((day, day), |(a, b)| (*a, *b));
                let batch = grouped.entry(last).or_insert((first, 0, last + Duration::days(1)));
                batch.1 += net;
            }
        }
        Some(due) => {
            // due day → (first, last, net)
            let mut by_due: BTreeMap<NaiveDate, (NaiveDate, NaiveDate, i64)> = BTreeMap::new();
            for (day, net) in per_day {
                let batch = by_due.entry(due(day)).or_insert((day, day, 0));
                batch.0 = batch.0.min(day);
                batch.1 = batch.1.max(day);
                batch.2 += net;
            }
            for (due, (first, last, net)) in by_due {
                grouped.insert(last, (first, net, due));
            }
        }
    }
    grouped
        .into_iter()
        .map(|(last, (first, net, due))| batch_with_faults(first, last, net, due, plan))
        .collect()
}

fn batch_with_faults(first: NaiveDate, last: NaiveDate, net: i64, due: NaiveDate, plan: &SettlementPlan) -> Batch {
    let mut paid_on = Some(due);
    let mut amount = net;
    let mut marks = Vec::new();
    let span = if first == last {
        format!("{last}")
    } else {
        format!("{first}..{last}")
    };
    for (_, fault) in plan.faults.iter().filter(|(d, _)| first <= *d && *d <= last) {
        match fault {
            CreditFault::Short(fen) => {
                amount -= fen;
                marks.push(Mark::flag(
                    RuleId::ShortSettlement,
                    &format!("settlement of {span} paid {} short", fen_text(*fen)),
                ));
            }
            CreditFault::Over(fen) => {
                amount += fen;
                marks.push(Mark::flag(
                    RuleId::OverSettlement,
                    &format!("settlement of {span} paid {} too much", fen_text(*fen)),
                ));
            }
            CreditFault::Late(days) => {
                paid_on = Some(last + Duration::days(*days));
                marks.push(Mark::flag(
                    RuleId::LateSettlement,
                    &format!("settlement of {span} paid T+{days} instead of T+1"),
                ));
            }
            CreditFault::FeeAboveContract => {
                marks.push(Mark::flag(
                    RuleId::FeeAboveContract,
                    &format!("fees of {span} charged at 1.0 %, contract 0.6 %"),
                ));
            }
            CreditFault::Unpaid => paid_on = None,
            CreditFault::PaidOn(day) => {
                paid_on = Some(*day);
                marks.push(Mark::flag(
                    RuleId::LateSettlement,
                    &format!("settlement of {span} paid on {day}, due on {due}"),
                ));
            }
        }
    }
    Batch {
        first,
        last,
        due,
        paid: paid_on.map(|day| (day, amount)),
        marks,
    }
}

/// The credits that pay the rows of `merchant` in `rows`, by the plan.
pub(crate) fn settlement_credits(
    rng: &mut ChaCha8Rng,
    rows: &[TerminalRow],
    merchant: &str,
    plan: &SettlementPlan,
) -> Vec<StatementRow> {
    let mut credits = Vec::new();
    for batch in batches(rows, merchant, plan) {
        // Drawn for every batch, paid or not: a planted set's other credits come at the clean set's times.
        let secs = rng.random_range(2 * 3_600..6 * 3_600);
        let Some((paid_on, amount)) = batch.paid else {
            continue;
        };
        let memo = batch.memo(plan.memo);
        let mut credit = StatementRow::new(at(paid_on, secs), &memo, amount, ACQUIRER, ACQUIRER_ACCOUNT);
        credit.marks = batch.marks;
        credits.push(credit);
    }
    for (time, fen) in &plan.stray_credits {
        let mut credit = StatementRow::new(*time, SETTLEMENT_SUMMARY, *fen, ACQUIRER, ACQUIRER_ACCOUNT);
        credit.marks.push(Mark::status(
            Status::Missing,
            "acquirer credit that pays no terminal sale",
        ));
        credits.push(credit);
    }
    credits
}

fn fen_text(fen: i64) -> String {
    super::rows::yuan(fen, true)
}

/// `day` at `secs` after midnight.
pub(crate) fn at(day: NaiveDate, secs: i64) -> NaiveDateTime {
    day.and_hms_opt(0, 0, 0).unwrap_or_default() + Duration::seconds(secs)
}

/// A monthly bill: day of the month, hour window, 摘要, amount range in fen (a debit), counterparty, its account.
type MonthlyBill = (u32, (i64, i64), &'static str, (i64, i64), &'static str, &'static str);

/// The shop's monthly bills.
#[rustfmt::skip]
const MONTHLY_BILLS: &[MonthlyBill] = &[
    (5, (9, 11), "房租", (1_800_000, 1_800_001), "上海徐汇晨光物业管理有限公司", "31050161373600002173"),
    (12, (8, 10), "电费", (180_000, 260_000), "国网上海市电力公司", "31001500000050019875"),
    (20, (8, 10), "水费", (20_000, 40_000), "上海城投水务（集团）有限公司", "31001500000050027731"),
    (21, (1, 3), "短信服务费", (300, 301), "", ""),
];

/// Salaries paid on the 15th: employee, their account, fen.
const SALARIES: [(&str, &str, i64); 3] = [
    ("王秀英", "6217001210031234560", 650_000),
    ("李强", "6222021001112345670", 620_000),
    ("陈静", "6228480031234567890", 580_000),
];

/// A small shop's other movements between `first` and `last` (inclusive): rent, electricity, water and the SMS
/// service charge once a month, salaries on the 15th, a supplier transfer every Tuesday (every other one with
/// its transfer charge), cash takings deposited every few days.
pub(crate) fn household_rows(rng: &mut ChaCha8Rng, first: NaiveDate, last: NaiveDate) -> Vec<StatementRow> {
    let mut out = Vec::new();
    let mut day = first;
    let mut n = 0u32;
    while day <= last {
        let dom = chrono::Datelike::day(&day);
        let weekday = chrono::Datelike::weekday(&day).num_days_from_monday();
        let t = |(lo, hi): (i64, i64), rng: &mut ChaCha8Rng| at(day, rng.random_range(lo * 3_600..hi * 3_600));
        for (_, hours, summary, (lo, hi), counterparty, account) in MONTHLY_BILLS.iter().filter(|b| b.0 == dom) {
            let time = t(*hours, rng);
            out.push(StatementRow::new(
                time,
                summary,
                -rng.random_range(*lo..*hi),
                counterparty,
                account,
            ));
        }
        if dom == 15 {
            for (name, account, fen) in SALARIES {
                out.push(StatementRow::new(
                    t((10, 12), rng),
                    "工资",
                    -fen,
                    name,
                    &not_a_card(account),
                ));
            }
        }
        if weekday == 1 {
            let (transfer, fen) = (t((13, 16), rng), rng.random_range(800_000..2_500_000));
            out.push(StatementRow::new(
                transfer,
                "货款",
                -fen,
                "上海鲜丰食品贸易有限公司",
                "31001234500050088216",
            ));
            if n.is_multiple_of(2) {
                out.push(StatementRow::new(
                    transfer + Duration::seconds(1),
                    "跨行转账手续费",
                    -550,
                    "",
                    "",
                ));
            }
            n += 1;
        }
        if rng.random_range(0..4) == 0 {
            let (time, fen) = (t((16, 18), rng), rng.random_range(80_000..400_000));
            out.push(StatementRow::new(time, "现金存入", fen, "", ""));
        }
        day += Duration::days(1);
    }
    out
}

/// Changes the last digit so the number fails the Luhn check: an account number, not a card the importer
/// should mask.
pub(crate) fn not_a_card(number: &str) -> String {
    if !super::cards::is_luhn_valid(number) {
        return number.to_string();
    }
    let mut digits: Vec<u8> = number.bytes().collect();
    if let Some(last) = digits.last_mut() {
        *last = if *last == b'9' { b'0' } else { *last + 1 };
    }
    String::from_utf8(digits).unwrap_or_default()
}
