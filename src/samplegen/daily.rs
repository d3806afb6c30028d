//! The daily-settlement scenario: a small Shanghai convenience shop with two terminals under one merchant ID,
//! 30 days of card sales (GBK terminal log), and its bank statement (XLSX) where the acquirer pays one credit
//! per business day, T+1, net of 0.6 % fees (a refund gives its fee back) — with the planted anomalies of
//! [`super::plant`] unless clean.

use chrono::NaiveDate;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use super::Letterhead;
use super::plant;
use super::rows::{RowKind, StatementRow, fill_balances};
use super::settle::{self, CreditFault, SettlementPlan, at};
use super::shop::{Shop, ShopProfile};

pub(crate) const MERCHANT: &str = "898310058120345";
pub(crate) const SHOP_NAME: &str = "上海徐汇晨光便利店";
pub(crate) const ACCOUNT: &str = "31050161373600001234";
pub(crate) const FIRST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(2026, 10, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};
pub(crate) const DAYS: u32 = 30;
/// The statement runs until the Monday after the last sales day, so every day's credit is on it.
pub(crate) const STATEMENT_DAYS: u32 = 33;
const FEE_BP: i64 = 60;
const OPENING_BALANCE: i64 = 8_632_018;

/// ~40 prices of a convenience shop (fen, weight): cheap things sell most.
#[rustfmt::skip]
pub(crate) const MENU: &[(i64, u32)] = &[
    (650, 30), (800, 28), (990, 30), (1_200, 26), (1_250, 20), (1_500, 24), (1_680, 18), (1_800, 20),
    (1_990, 22), (2_200, 16), (2_500, 18), (2_800, 14), (2_990, 14), (3_200, 12), (3_500, 12), (3_650, 8),
    (3_800, 10), (4_200, 9), (4_500, 9), (4_800, 8), (4_990, 8), (5_200, 7), (5_800, 7), (5_990, 6),
    (6_600, 5), (6_800, 5), (7_800, 4), (8_800, 4), (9_800, 4), (10_800, 3), (12_800, 3), (13_800, 2),
    (15_800, 2), (16_800, 2), (18_800, 2), (19_800, 2), (23_800, 1), (26_800, 1), (32_800, 1), (39_800, 1),
];

/// The shop's terminal log (in final order) and its bank statement (in final order, balances filled in).
pub(crate) struct DailyScenario {
    pub shop: Shop,
    pub statement: Vec<StatementRow>,
}

fn profile() -> ShopProfile {
    ShopProfile {
        merchant: MERCHANT,
        terminals: &[("10293847", 3), ("10293848", 2)],
        first_day: FIRST_DAY,
        days: DAYS,
        sales_per_day: (92, 108),
        open_secs: (8 * 3_600 + 30, 21 * 3_600 + 58 * 60),
        menu: MENU,
        regular_cards: 700,
        same_amount_gap_secs: 0,
        refunds: 30,
        voids: 24,
        declined: 14,
        fee_bp: FEE_BP,
        refund_returns_fee: true,
    }
}

/// Builds the scenario from `seed`; `clean` leaves every anomaly out.
pub(crate) fn build(seed: u64, clean: bool) -> DailyScenario {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut plant_rng = ChaCha8Rng::seed_from_u64(seed.wrapping_add(1));
    let mut bank_rng = ChaCha8Rng::seed_from_u64(seed.wrapping_add(2));
    let outlier = FIRST_DAY + chrono::Duration::days(i64::from(plant::OUTLIER_DAY));
    let extra: &[(NaiveDate, u32)] = if clean {
        &[]
    } else {
        &[(outlier, plant::OUTLIER_EXTRA_SALES)]
    };
    let mut shop = Shop::simulate(&mut rng, profile(), extra);
    if !clean {
        plant::plant_payments(&mut shop, &mut plant_rng);
    }
    let fee_day = shop.day(14);
    let base_bp = shop.profile.fee_bp;
    shop.finish(|d| if !clean && d == fee_day { 100 } else { base_bp });
    if !clean {
        plant::plant_in_log(&mut shop);
    }
    let plan = settlement_plan(&shop, clean);
    let mut statement = settle::settlement_credits(&mut bank_rng, &shop.rows, MERCHANT, &plan);
    let last = FIRST_DAY + chrono::Duration::days(i64::from(STATEMENT_DAYS) - 1);
    statement.extend(settle::household_rows(&mut bank_rng, FIRST_DAY, last));
    fill_balances(&mut statement, OPENING_BALANCE);
    if !clean {
        plant::cut_statement_row(&mut statement);
    }
    DailyScenario { shop, statement }
}

/// Weekend roll-ups always; the planted credit faults unless clean.
fn settlement_plan(shop: &Shop, clean: bool) -> SettlementPlan {
    let mut plan = SettlementPlan {
        rollups: vec![(shop.day(8), shop.day(10)), (shop.day(22), shop.day(24))],
        ..Default::default()
    };
    if clean {
        return plan;
    }
    // A shortfall that is no single row's net, so the engine cannot explain it by one unpaid sale.
    let short_day = shop.day(5);
    let nets: Vec<i64> = shop
        .rows
        .iter()
        .filter(|r| r.time.date() == short_day && r.settled)
        .map(|r| r.payout())
        .collect();
    let mut short = 10_000;
    while nets.contains(&short) {
        short += 7;
    }
    plan.faults = vec![
        (short_day, CreditFault::Short(short)),
        (shop.day(7), CreditFault::Over(6_660)),
        (shop.day(12), CreditFault::Late(4)),
        (shop.day(14), CreditFault::FeeAboveContract),
    ];
    plan.stray_credits = vec![(at(shop.day(3), 10 * 3_600 + 15 * 60 + 22), 128_640)];
    plan
}

/// The terminal log's shop, merchant number and days.
pub(crate) fn log_letterhead() -> Letterhead {
    Letterhead {
        name: SHOP_NAME,
        number: MERCHANT,
        first: FIRST_DAY,
        last: FIRST_DAY + chrono::Duration::days(i64::from(DAYS) - 1),
    }
}

/// The statement's holder, account and first and last day.
pub(crate) fn statement_letterhead() -> Letterhead {
    Letterhead {
        name: SHOP_NAME,
        number: ACCOUNT,
        first: FIRST_DAY,
        last: FIRST_DAY + chrono::Duration::days(i64::from(STATEMENT_DAYS) - 1),
    }
}

/// 消费 / 退货 / 消费撤销.
pub(crate) fn kind_text(kind: RowKind) -> &'static str {
    match kind {
        RowKind::Sale => "消费",
        RowKind::Refund => "退货",
        RowKind::Void => "消费撤销",
    }
}
