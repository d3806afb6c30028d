//! A small arbitrary shop — terminal rows and bank rows with prices, times, references, fees, balances,
//! batches and kinds drawn so that they often meet — through `engine::reconcile` with the default config:
//! no panic, one outcome per row, and no row paired twice (see `posrecon_fuzz::check_pairs_once`). Amounts and
//! dates run to the extremes an import can give (amounts up to 1e15, years 1 and 9999) now and then.

#![no_main]

use arbitrary::Arbitrary;
use chrono::{Duration, NaiveDate};
use libfuzzer_sys::fuzz_target;
use posrecon::engine::{Config, reconcile};
use posrecon::model::{Money, RowRef, Side, SourceId, Txn, TxnKind, TxnStatus};
use posrecon_fuzz::check_pairs_once;
use rust_decimal::Decimal;

const PRICES: [i64; 6] = [1800, 5800, 10000, 9940, -1800, 120_000];
const NAMES: [&str; 4] = ["银联商务", "T0001", "M123", "STRIPE PAYOUT"];

#[derive(Arbitrary, Debug)]
struct Row {
    price: u8,
    odd_amount: Option<(i64, u8)>,
    seconds: u32,
    far: u8,
    date_only: bool,
    reference: Option<u8>,
    name: Option<u8>,
    fee: Option<i32>,
    balance: Option<i64>,
    kind: u8,
    status: u8,
    settle_days: Option<u8>,
}

fn txn(side: Side, line: usize, r: &Row) -> Txn {
    let base = NaiveDate::from_ymd_opt(2026, 11, 1).and_then(|d| d.and_hms_opt(0, 0, 0)).unwrap_or_default();
    let time = match r.far {
        // The dates an import can give run from year 1 (`0001-01-01`) to 9999.
        250 | 253 => NaiveDate::from_ymd_opt(9999, 12, 31).and_then(|d| d.and_hms_opt(23, 59, 59)).unwrap_or_default(),
        251 => NaiveDate::from_ymd_opt(9999, 12, 28).and_then(|d| d.and_hms_opt(12, 0, 0)).unwrap_or_default(),
        252 => NaiveDate::from_ymd_opt(1, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0)).unwrap_or_default(),
        _ => base + Duration::seconds(i64::from(r.seconds % (10 * 86_400))),
    };
    let amount = match r.odd_amount {
        // Any amount an import can give: below `import::parse::amount::MAX_AMOUNT` (1e15) in size.
        Some((units, scale)) => Money(Decimal::new(units % 100_000_000_000_000_000, 2 + u32::from(scale % 27))),
        None => Money::from_minor(PRICES[usize::from(r.price) % PRICES.len()]),
    };
    let source = SourceId(if side == Side::Bank { 1 } else { 0 });
    let mut t = Txn::new(RowRef { source, line: line as u32 + 2 }, side, time, amount);
    t.date_only = r.date_only;
    if r.date_only {
        t.time = time.date().and_hms_opt(0, 0, 0).unwrap_or(time);
    }
    t.reference = r.reference.map(|n| format!("R{}", n % 8).into());
    let name = r.name.map(|n| NAMES[usize::from(n) % NAMES.len()]);
    match side {
        Side::Terminal => {
            t.terminal_id = name.map(Into::into);
            t.merchant_id = r.name.map(|n| format!("M{}", n % 2).into());
        }
        Side::Bank => t.counterparty = name.map(Into::into),
    }
    t.fee = r.fee.map(|f| Money::from_minor(i64::from(f)));
    t.balance = r.balance.map(Money::from_minor);
    t.kind = match r.kind % 8 {
        0 => TxnKind::Refund,
        1 => TxnKind::Void,
        2 => TxnKind::Settlement,
        3 => TxnKind::Fee,
        4 => TxnKind::Other,
        _ if side == Side::Bank => TxnKind::Settlement,
        _ => TxnKind::Sale,
    };
    t.status = match r.status % 8 {
        0 => TxnStatus::Declined,
        1 => TxnStatus::Neutral,
        _ => TxnStatus::Ok,
    };
    t.settle_date = r.settle_days.and_then(|d| time.date().checked_add_days(chrono::Days::new(u64::from(d % 5))));
    t
}

fuzz_target!(|shop: (Vec<Row>, Vec<Row>)| {
    let (terminal, bank) = shop;
    let terminal: Vec<Txn> = terminal.iter().take(64).enumerate().map(|(i, r)| txn(Side::Terminal, i, r)).collect();
    let bank: Vec<Txn> = bank.iter().take(64).enumerate().map(|(i, r)| txn(Side::Bank, i, r)).collect();
    let report = reconcile(&terminal, &bank, &Config::default(), &[]);
    assert_eq!((report.terminal.len(), report.bank.len()), (terminal.len(), bank.len()));
    check_pairs_once(&report);
});
