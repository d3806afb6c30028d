//! The settlement families: scenarios that prove how the engine ties an acquirer's n:1 credits (one credit pays a
//! business day's terminal rows net of fees) to the days they pay, and the monthly fee debit of an acquirer that
//! credits every sale gross. Files under `sample-data/settlement/<family>/`.
//!
//! The shop of `evidence` and `order` — one merchant ID, three terminals, 64–96 card sales a day — trades from
//! 2026-09-21 to 2026-10-20. Its acquirer pays T+1 on the China settlement calendar ([`cn_working_day`]: the
//! official 2026 arrangement, with the Mid-Autumn holiday 09-25..09-27, National Day 10-01..10-07 and the working
//! Saturday 10-10): one net credit (fee 0.6 %, a refund gives its fee back) on each working day, paying every trade
//! day whose next working day it is. So 09-24..09-27 are paid together on 09-28, 09-30..10-07 on 10-08, 10-09 on
//! Saturday 10-10, 10-10..10-11 on 10-12 and 10-16..10-18 on 10-19.
//!
//! - `evidence`: the acquirer's settlement report (XLSX, only the rows it settles) names each row's 清算日期 (the
//!   day its credit is paid; for a day never paid, the day it was due), and each bank credit (a GBK CSV) names
//!   the trade day or days it pays: "POS清算款 1014", "POS清算款 0930-1007".
//! - `order`: the same month with no evidence: the GBK terminal log of [`terminal_log::chinese_log`] and an XLSX
//!   statement whose credits all read "POS清算".
//!
//! Both plant (unless clean) the faults of [`FAULTS`]: 09-21 short beside 09-22 unpaid, 09-28 ¥50.00 short,
//! 10-08 unpaid, 10-13 and 10-14 short by different amounts, 10-20 paid three working days late. An unpaid day
//! leaves `missing` on each of its settled rows; a short or late credit carries its flag.
//!
//! `fee-monthly`: a café (one merchant ID, three terminals) whose acquirer credits each sale gross minutes after it
//! from 2026-09-01 to 2026-10-31 and debits its fees once a month: "POS手续费 2026年09月" on 10-02 for September's
//! sales and "POS手续费" (naming nothing: the fees since the previous debit) on 11-02 for October's. Planted: the
//! September debit at 0.7 % instead of the contract's 0.6 % (`fee_above_contract`).

use chrono::{Datelike, Duration, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::per_txn::{self, Wording};
use super::rows::{Mark, RowKind, StatementRow, TerminalRow, fee_at, fill_balances, yuan};
use super::settle::{self, Batch, CreditFault, Memo, SettlementPlan, at};
use super::shop::{Shop, ShopProfile};
use super::truth::{Scenario, ScenarioConfig};
use super::{Collector, Letterhead, SampleError, bank_statement, daily, statement_marks, terminal_log, terminal_marks};
use crate::engine::{RuleId, Status};
use crate::model::Side;

/// The scenarios of the settlement families, in the order `generate` appends them.
pub const EVIDENCE: &str = "settlement-evidence";
pub const ORDER: &str = "settlement-order";
pub const FEE_MONTHLY: &str = "settlement-fee-monthly";
pub const SCENARIOS: [&str; 3] = [EVIDENCE, ORDER, FEE_MONTHLY];

const fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(day) => day,
        None => NaiveDate::MIN,
    }
}

/// 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04): days off (month, first day, last day) …
const CN_DAYS_OFF_2026: [(u32, u32, u32); 7] = [
    (1, 1, 3),
    (2, 15, 23),
    (4, 4, 6),
    (5, 1, 5),
    (6, 19, 21),
    (9, 25, 27),
    (10, 1, 7),
];
/// … and the weekend days worked instead (调休上班).
const CN_WEEKEND_WORKDAYS_2026: [(u32, u32); 6] = [(1, 4), (2, 14), (2, 28), (5, 9), (9, 20), (10, 10)];

/// Whether banks and acquirers in mainland China work on `day`: Monday to Friday, less the public holidays, plus
/// the weekend days worked in their place. Only 2026's arrangement is known here; other years are weekdays.
pub(crate) fn cn_working_day(day: NaiveDate) -> bool {
    let md = (day.month(), day.day());
    if day.year() == 2026 {
        if CN_WEEKEND_WORKDAYS_2026.contains(&md) {
            return true;
        }
        if CN_DAYS_OFF_2026
            .iter()
            .any(|(m, a, b)| md.0 == *m && (*a..=*b).contains(&md.1))
        {
            return false;
        }
    }
    day.weekday().num_days_from_monday() < 5
}

/// The `n`-th working day after `day`.
pub(crate) fn cn_working_days_after(day: NaiveDate, n: u32) -> NaiveDate {
    let mut out = day;
    for _ in 0..n {
        out += Duration::days(1);
        while !cn_working_day(out) {
            out += Duration::days(1);
        }
    }
    out
}

/// T+1 on the China calendar: the first working day after the trade day.
pub(crate) fn cn_t_plus_1(day: NaiveDate) -> NaiveDate {
    cn_working_days_after(day, 1)
}

// The month shop of `evidence` and `order`.
const MERCHANT: &str = "898310073990215";
const SHOP_NAME: &str = "上海静安晨曦便利店";
const ACCOUNT: &str = "31050161373600005678";
const TERMINALS: &[(&str, u32)] = &[("20471101", 3), ("20471102", 2), ("20471103", 2)];
pub(crate) const FIRST_DAY: NaiveDate = date(2026, 9, 21);
pub(crate) const LAST_DAY: NaiveDate = date(2026, 10, 20);
/// The statement runs past the late credit (10-26).
const STATEMENT_LAST: NaiveDate = date(2026, 10, 27);
const FEE_BP: i64 = 60;
const OPENING_BALANCE: i64 = 5_318_246;

/// A fault planted in the credit of one trade day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DayFault {
    /// The credit is short by this many fen (moved up by 0.07 while a row of the day has that net).
    Short(i64),
    /// No credit: each settled row of the day is `missing`.
    Unpaid,
    /// Paid this many working days after it was due, as a credit of its own.
    LateWorkingDays(u32),
}

/// The planted day faults of `evidence` and `order`: each on a day paid alone, apart from the others except the
/// two pairs that are meant to be adjacent (09-21 short beside 09-22 unpaid; 10-13 and 10-14 both short).
pub(crate) const FAULTS: [(NaiveDate, DayFault); 7] = [
    (date(2026, 9, 21), DayFault::Short(8_650)),
    (date(2026, 9, 22), DayFault::Unpaid),
    (date(2026, 9, 28), DayFault::Short(5_000)),
    (date(2026, 10, 8), DayFault::Unpaid),
    (date(2026, 10, 13), DayFault::Short(12_340)),
    (date(2026, 10, 14), DayFault::Short(6_420)),
    (date(2026, 10, 20), DayFault::LateWorkingDays(3)),
];

fn month_profile() -> ShopProfile {
    ShopProfile {
        merchant: MERCHANT,
        terminals: TERMINALS,
        first_day: FIRST_DAY,
        days: (LAST_DAY - FIRST_DAY).num_days() as u32 + 1,
        sales_per_day: (64, 96),
        open_secs: (8 * 3_600 + 30, 21 * 3_600 + 58 * 60),
        menu: daily::MENU,
        regular_cards: 600,
        same_amount_gap_secs: 0,
        refunds: 24,
        voids: 18,
        declined: 12,
        fee_bp: FEE_BP,
        refund_returns_fee: true,
    }
}

/// The month shop's trade, its credits' batches and its statement.
pub(crate) struct Month {
    pub shop: Shop,
    pub batches: Vec<Batch>,
    pub statement: Vec<StatementRow>,
}

/// The month shop from `seed`, its credits' 摘要 written by `memo`; `clean` plants nothing.
pub(crate) fn build_month(seed: u64, clean: bool, memo: Memo) -> Month {
    let mut rng = ChaCha8Rng::seed_from_u64(seed.wrapping_add(20));
    let mut bank_rng = ChaCha8Rng::seed_from_u64(seed.wrapping_add(22));
    let mut shop = Shop::simulate(&mut rng, month_profile(), &[]);
    shop.finish(|_| FEE_BP);
    let mut plan = SettlementPlan {
        due: Some(cn_t_plus_1),
        memo,
        ..Default::default()
    };
    if !clean {
        plan.faults = FAULTS
            .iter()
            .map(|(day, fault)| (*day, credit_fault(&shop.rows, *day, *fault)))
            .collect();
        mark_unpaid_days(&mut shop.rows);
    }
    let batches = settle::batches(&shop.rows, MERCHANT, &plan);
    let mut statement = settle::settlement_credits(&mut bank_rng, &shop.rows, MERCHANT, &plan);
    statement.extend(settle::household_rows(&mut bank_rng, FIRST_DAY, STATEMENT_LAST));
    fill_balances(&mut statement, OPENING_BALANCE);
    Month {
        shop,
        batches,
        statement,
    }
}

/// The nets of the rows the acquirer pays on `day`.
fn nets_on(rows: &[TerminalRow], day: NaiveDate) -> Vec<i64> {
    rows.iter()
        .filter(|r| r.time.date() == day && r.settled)
        .map(TerminalRow::payout)
        .collect()
}

/// A shortfall that is no single row's net: the engine cannot explain it by one unpaid sale.
pub(crate) fn unique_short(rows: &[TerminalRow], day: NaiveDate, fen: i64) -> i64 {
    let nets = nets_on(rows, day);
    let mut short = fen;
    while nets.contains(&short) {
        short += 7;
    }
    short
}

fn credit_fault(rows: &[TerminalRow], day: NaiveDate, fault: DayFault) -> CreditFault {
    match fault {
        DayFault::Short(fen) => CreditFault::Short(unique_short(rows, day, fen)),
        DayFault::Unpaid => CreditFault::Unpaid,
        DayFault::LateWorkingDays(n) => CreditFault::PaidOn(cn_working_days_after(cn_t_plus_1(day), n)),
    }
}

/// `missing` on every settled row of the unpaid days (declined attempts and voids are `unrelated` anyway).
fn mark_unpaid_days(rows: &mut [TerminalRow]) {
    for (day, fault) in FAULTS {
        if fault != DayFault::Unpaid {
            continue;
        }
        let beside = FAULTS
            .iter()
            .find(|(d, f)| matches!(f, DayFault::Short(_)) && (*d - day).num_days().abs() == 1)
            .map(|(d, _)| format!("; the credit of {d} beside it is short"))
            .unwrap_or_default();
        let note = format!("{day}: no credit pays this day{beside}");
        for row in rows.iter_mut().filter(|r| r.time.date() == day && r.settled) {
            row.marks.push(Mark::status(Status::Missing, &note));
        }
    }
}

fn log_letterhead() -> Letterhead {
    Letterhead {
        name: SHOP_NAME,
        number: MERCHANT,
        first: FIRST_DAY,
        last: LAST_DAY,
    }
}

fn statement_letterhead() -> Letterhead {
    Letterhead {
        name: SHOP_NAME,
        number: ACCOUNT,
        first: FIRST_DAY,
        last: STATEMENT_LAST,
    }
}

/// The rows the acquirer's settlement report lists: those it pays (no declined attempts, voids or voided sales).
pub(crate) fn report_rows(rows: &[TerminalRow]) -> Vec<TerminalRow> {
    rows.iter().filter(|r| r.settled).cloned().collect()
}

/// The 清算日期 of a row: the settlement date of the batch of its day.
pub(crate) fn settle_date_of(batches: &[Batch], row: &TerminalRow) -> NaiveDate {
    let day = row.time.date();
    batches
        .iter()
        .find(|b| b.first <= day && day <= b.last)
        .map_or_else(|| cn_t_plus_1(day), Batch::settle_date)
}

fn month_config() -> ScenarioConfig {
    ScenarioConfig {
        fee_rate: rust_decimal::Decimal::new(FEE_BP, 4).normalize(),
        known_terminals: TERMINALS.iter().map(|(id, _)| id.to_string()).collect(),
        known_merchants: vec![MERCHANT.into()],
        open_from: "08:00".into(),
        open_to: "22:00".into(),
        delay_days: 1,
        calendar: "CN".into(),
    }
}

// The café of `fee-monthly`.
const CAFE_MERCHANT: &str = "898310058164471";
const CAFE_NAME: &str = "上海长宁午后咖啡馆";
const CAFE_ACCOUNT: &str = "31050161373600007890";
const CAFE_TERMINALS: &[(&str, u32)] = &[("30571301", 2), ("30571302", 1), ("30571303", 1)];
pub(crate) const CAFE_FIRST_DAY: NaiveDate = date(2026, 9, 1);
pub(crate) const CAFE_LAST_DAY: NaiveDate = date(2026, 10, 31);
const CAFE_STATEMENT_LAST: NaiveDate = date(2026, 11, 3);
/// The days the monthly fees are debited: September's on 10-02, October's on 11-02.
pub(crate) const FEE_DEBIT_DAYS: [NaiveDate; 2] = [date(2026, 10, 2), date(2026, 11, 2)];
/// The planted September debit's rate.
pub(crate) const ABOVE_CONTRACT_BP: i64 = 70;
const CAFE_OPENING_BALANCE: i64 = 18_640_515;
pub(crate) const CAFE_CREDIT: &str = "POS入账";
pub(crate) const CAFE_REFUND: &str = "POS退货";

fn cafe_profile() -> ShopProfile {
    ShopProfile {
        merchant: CAFE_MERCHANT,
        terminals: CAFE_TERMINALS,
        first_day: CAFE_FIRST_DAY,
        days: (CAFE_LAST_DAY - CAFE_FIRST_DAY).num_days() as u32 + 1,
        sales_per_day: (26, 34),
        open_secs: (8 * 3_600 + 30, 19 * 3_600 + 55 * 60),
        menu: per_txn::MENU,
        regular_cards: 300,
        same_amount_gap_secs: 2_700,
        refunds: 8,
        voids: 4,
        declined: 6,
        fee_bp: FEE_BP,
        refund_returns_fee: false,
    }
}

/// The café's trade and statement.
pub(crate) struct Cafe {
    pub shop: Shop,
    pub statement: Vec<StatementRow>,
}

/// The fees of the café's settled rows from `first` to `last` at `bp` (the log's fee column at the contract's).
pub(crate) fn cafe_fees(rows: &[TerminalRow], first: NaiveDate, last: NaiveDate, bp: i64) -> i64 {
    rows.iter()
        .filter(|r| r.settled && (first..=last).contains(&r.time.date()))
        .map(|r| match r.kind {
            RowKind::Sale if bp != FEE_BP => fee_at(r.amount, bp),
            _ => r.fee,
        })
        .sum()
}

/// The café from `seed`; `clean` debits September's fees at the contract's rate.
pub(crate) fn build_cafe(seed: u64, clean: bool) -> Cafe {
    let mut rng = ChaCha8Rng::seed_from_u64(seed.wrapping_add(30));
    let mut bank_rng = ChaCha8Rng::seed_from_u64(seed.wrapping_add(32));
    let mut shop = Shop::simulate(&mut rng, cafe_profile(), &[]);
    shop.finish(|_| FEE_BP);
    let wording = Wording {
        credit: CAFE_CREDIT,
        refund: CAFE_REFUND,
        counterparty: settle::ACQUIRER,
        account: settle::ACQUIRER_ACCOUNT,
    };
    let mut statement = per_txn::sale_postings(&mut bank_rng, &shop.rows, &wording, None);
    let september = (CAFE_FIRST_DAY, date(2026, 9, 30));
    let october = (date(2026, 10, 1), CAFE_LAST_DAY);
    for (n, ((first, last), debit_day)) in [september, october].into_iter().zip(FEE_DEBIT_DAYS).enumerate() {
        let contract = cafe_fees(&shop.rows, first, last, FEE_BP);
        let above = n == 0 && !clean;
        let fee = if above {
            cafe_fees(&shop.rows, first, last, ABOVE_CONTRACT_BP)
        } else {
            contract
        };
        let summary = if n == 0 {
            format!("POS手续费 {}", first.format("%Y年%m月"))
        } else {
            "POS手续费".to_string()
        };
        let time = at(debit_day, 6 * 3_600 + bank_rng.random_range(0..1_800));
        let mut debit = StatementRow::new(time, &summary, -fee, settle::ACQUIRER, settle::ACQUIRER_ACCOUNT);
        if above {
            debit.marks.push(Mark::flag(
                RuleId::FeeAboveContract,
                &format!(
                    "fees of {first}..{last} debited at 0.7 %: {} instead of {} at the contract's 0.6 %",
                    yuan(fee, true),
                    yuan(contract, true)
                ),
            ));
        }
        statement.push(debit);
    }
    statement.extend(settle::household_rows(
        &mut bank_rng,
        CAFE_FIRST_DAY,
        CAFE_STATEMENT_LAST,
    ));
    fill_balances(&mut statement, CAFE_OPENING_BALANCE);
    Cafe { shop, statement }
}

/// Writes the three families' files into `out` and returns their scenarios.
pub(super) fn add(out: &mut Collector, seed: u64, clean: bool) -> Result<Vec<Scenario>, SampleError> {
    const EVIDENCE_REPORT: &str = "settlement/evidence/acquirer-settlement-report.xlsx";
    const EVIDENCE_BANK: &str = "settlement/evidence/bank-statement.csv";
    const ORDER_LOG: &str = "settlement/order/terminal-log.csv";
    const ORDER_BANK: &str = "settlement/order/bank-statement.xlsx";
    const FEE_LOG: &str = "settlement/fee-monthly/terminal-log.csv";
    const FEE_BANK: &str = "settlement/fee-monthly/bank-statement.csv";

    let month = build_month(seed, clean, Memo::NamesDays);
    let rows = report_rows(&month.shop.rows);
    let report = terminal_log::settlement_report(&rows, &month.shop.wallet, &log_letterhead(), |r| {
        settle_date_of(&month.batches, r)
    })?;
    out.add(
        EVIDENCE,
        EVIDENCE_REPORT,
        Side::Terminal,
        "XLSX",
        report,
        terminal_marks(&rows),
    );
    let statement = bank_statement::chinese_statement_csv(&month.statement, &statement_letterhead())?;
    out.add(
        EVIDENCE,
        EVIDENCE_BANK,
        Side::Bank,
        "GBK",
        statement,
        statement_marks(&month.statement),
    );

    let month = build_month(seed, clean, Memo::Plain);
    let log = terminal_log::chinese_log(&month.shop.rows, &month.shop.wallet, &log_letterhead())?;
    out.add(
        ORDER,
        ORDER_LOG,
        Side::Terminal,
        "GBK",
        log,
        terminal_marks(&month.shop.rows),
    );
    let statement = bank_statement::chinese_statement(&month.statement, &statement_letterhead())?;
    out.add(
        ORDER,
        ORDER_BANK,
        Side::Bank,
        "XLSX",
        statement,
        statement_marks(&month.statement),
    );

    let cafe = build_cafe(seed, clean);
    let cafe_log = Letterhead {
        name: CAFE_NAME,
        number: CAFE_MERCHANT,
        first: CAFE_FIRST_DAY,
        last: CAFE_LAST_DAY,
    };
    let log = terminal_log::chinese_log(&cafe.shop.rows, &cafe.shop.wallet, &cafe_log)?;
    out.add(
        FEE_MONTHLY,
        FEE_LOG,
        Side::Terminal,
        "GBK",
        log,
        terminal_marks(&cafe.shop.rows),
    );
    let cafe_statement = Letterhead {
        name: CAFE_NAME,
        number: CAFE_ACCOUNT,
        first: CAFE_FIRST_DAY,
        last: CAFE_STATEMENT_LAST,
    };
    let statement = bank_statement::chinese_statement_csv(&cafe.statement, &cafe_statement)?;
    out.add(
        FEE_MONTHLY,
        FEE_BANK,
        Side::Bank,
        "GBK",
        statement,
        statement_marks(&cafe.statement),
    );

    let scenario = |name: &str, settlement: &str, terminal: &str, bank: &str, config: ScenarioConfig| Scenario {
        name: name.into(),
        settlement: settlement.into(),
        terminal: vec![terminal.into()],
        bank: vec![bank.into()],
        config,
    };
    Ok(vec![
        scenario(EVIDENCE, "daily", EVIDENCE_REPORT, EVIDENCE_BANK, month_config()),
        scenario(ORDER, "daily", ORDER_LOG, ORDER_BANK, month_config()),
        scenario(
            FEE_MONTHLY,
            "per_transaction",
            FEE_LOG,
            FEE_BANK,
            ScenarioConfig {
                known_terminals: CAFE_TERMINALS.iter().map(|(id, _)| id.to_string()).collect(),
                known_merchants: vec![CAFE_MERCHANT.into()],
                open_to: "20:00".into(),
                ..month_config()
            },
        ),
    ])
}
