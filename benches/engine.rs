//! Benchmark of the reconciliation engine on a busy chain's month, generated in memory: 1,000,000 terminal
//! sales over 30 days (08:00–22:00; a menu of 400 equally popular prices, the same menu with a few
//! best-sellers, and a stress case of 40 equally popular prices: identical amounts seconds apart) and a
//! per-transaction bank statement crediting each sale 0–120 s later (0.5 % never credited, 0.2 % credits with no
//! sale), each credit naming the acquirer (银联商务有限公司, "POS清算 <number>") as a statement does; each sale
//! carries a terminal ID, the merchant ID, a masked card number and an RRN as a terminal log does. Measures the one-to-one pass alone, the whole `reconcile` (batches, near matches, rules included),
//! the peak RSS (VmHWM), and the share of pairs that agree with the generator's truth, with pairs the engine
//! flagged `ambiguous_match` counted apart.
//!
//! Run: `cargo bench --no-default-features --bench engine` (a plain release binary, not criterion: one run of
//! a million rows is the figure that matters, and the RSS has to be read from the same process).

use std::collections::BTreeMap;
use std::time::{Duration as Elapsed, Instant};

use chrono::{Duration, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use posrecon::engine::match_time::pair_by_amount_and_time;
use posrecon::engine::rules::{self, RuleInput};
use posrecon::engine::{Config, Report, RuleId, Status, reconcile};
use posrecon::model::{Money, RowRef, Side, SourceId, Txn};

/// A million sales under `cargo bench` (which passes `--bench`); a small month when `cargo test --all-targets`
/// runs this binary as a smoke test, so the test suite stays fast while the bench still has to work.
fn sales() -> usize {
    if std::env::args().any(|a| a == "--bench") {
        1_000_000
    } else {
        20_000
    }
}

/// The terminal log, the bank statement, and for each bank row the terminal row it pays (if any).
/// `menu` prices, the k-th chosen with weight 1/(k+1) (a few best-sellers, a long tail) when `popular`,
/// uniformly otherwise.
fn month(menu_size: i64, popular: bool) -> (Vec<Txn>, Vec<Txn>, Vec<Option<u32>>) {
    let mut rng = ChaCha8Rng::seed_from_u64(42);
    let mut fields = ChaCha8Rng::seed_from_u64(7);
    let start = NaiveDate::from_ymd_opt(2026, 10, 1)
        .and_then(|d| d.and_hms_opt(8, 0, 0))
        .unwrap_or_default();
    let base: Vec<i64> = (0..menu_size).map(|i| 800 + i * 450).collect();
    let menu: Vec<i64> = if popular {
        // Repeat each price in proportion to 1/(k+1) so a uniform pick follows the popularity curve.
        base.iter()
            .enumerate()
            .flat_map(|(k, &p)| std::iter::repeat_n(p, (1000 / (k + 1)).max(1)))
            .collect()
    } else {
        base
    };
    let sales = sales();
    let mut times: Vec<i64> = (0..sales)
        .map(|_| rng.random_range(0..30i64) * 86_400 + rng.random_range(0..14 * 3600i64))
        .collect();
    times.sort_unstable();
    let mut terminal = Vec::with_capacity(sales);
    let mut posted: Vec<(i64, i64, Option<u32>)> = Vec::with_capacity(sales + sales / 400);
    for (i, &at) in times.iter().enumerate() {
        let price = menu[rng.random_range(0..menu.len())];
        let row = RowRef {
            source: SourceId(0),
            line: i as u32 + 2,
        };
        // As a terminal log prints it: the terminal (one of eight), the merchant, the masked card (a month of a
        // chain: 200,000 cards, regulars among them) and the RRN. Drawn from a generator of their own, so the
        // prices and times (and the accuracy figures) are those of the bare rows measured before.
        let mut sale = Txn::new(
            row,
            Side::Terminal,
            start + Duration::seconds(at),
            Money::from_minor(price),
        );
        sale.terminal_id = Some(format!("T{:04}", 1 + fields.random_range(0..8)).as_str().into());
        sale.merchant_id = Some("898310058120001".into());
        let card = fields
            .random_range(0..200_000u32)
            .min(fields.random_range(0..200_000u32));
        sale.card_masked = Some(
            format!("62{:04}******{:04}", card / 10_000, card % 10_000)
                .as_str()
                .into(),
        );
        sale.reference = Some(format!("{:012}", 300_000_000_000u64 + i as u64).as_str().into());
        terminal.push(sale);
        if rng.random_range(0..200) != 0 {
            posted.push((at + rng.random_range(0..=120i64), price, Some(i as u32)));
        }
        if rng.random_range(0..500) == 0 {
            posted.push((
                at + rng.random_range(0..3600i64),
                menu[rng.random_range(0..menu.len())],
                None,
            ));
        }
    }
    posted.sort_unstable_by_key(|p| p.0);
    let mut bank = Vec::with_capacity(posted.len());
    let mut truth = Vec::with_capacity(posted.len());
    for (j, &(at, price, sale)) in posted.iter().enumerate() {
        let row = RowRef {
            source: SourceId(1),
            line: j as u32 + 2,
        };
        // As a statement prints it: the acquirer's name and a description with a number of its own.
        let mut credit = Txn::new(row, Side::Bank, start + Duration::seconds(at), Money::from_minor(price));
        credit.counterparty = Some("银联商务有限公司".into());
        credit.description = Some(format!("POS清算 {}", 100_000 + j).as_str().into());
        bank.push(credit);
        truth.push(sale);
    }
    (terminal, bank, truth)
}

fn median(mut runs: Vec<Elapsed>) -> Elapsed {
    runs.sort();
    runs[runs.len() / 2]
}

/// What this process has used so far (all threads): user and system CPU seconds, and minor page faults (each a
/// fresh 4 KiB page the kernel had to find and zero). CPU time is steadier than wall time on a shared machine.
#[derive(Clone, Copy, Default)]
struct Usage {
    user: f64,
    system: f64,
    faults: f64,
}

impl Usage {
    fn now() -> Usage {
        let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
        // Fields after the command name (which is in parentheses): minflt is the 8th, utime and stime the 12th
        // and 13th.
        let after = stat.rsplit_once(')').map(|(_, rest)| rest).unwrap_or("");
        let field = |k: usize| {
            after
                .split_whitespace()
                .nth(k)
                .and_then(|f| f.parse::<f64>().ok())
                .unwrap_or(0.0)
        };
        Usage {
            user: field(11) / 100.0,
            system: field(12) / 100.0,
            faults: field(7),
        }
    }

    /// What was used since `earlier`, divided by `runs`.
    fn per_run_since(self, earlier: Usage, runs: f64) -> Usage {
        Usage {
            user: (self.user - earlier.user) / runs,
            system: (self.system - earlier.system) / runs,
            faults: (self.faults - earlier.faults) / runs,
        }
    }

    fn cpu(self) -> f64 {
        self.user + self.system
    }
}

fn peak_rss_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}

/// The three menus: (title, number of prices, a few best-sellers).
const MENUS: [(&str, i64, bool); 3] = [
    ("a menu of 400 prices, all equally popular", 400, false),
    (
        "a chain's menu: 400 prices, a few best-sellers and a long tail (top item 15 % of sales)",
        400,
        true,
    ),
    (
        "stress: 40 prices, all equally popular (a same-price sale every minute or so)",
        40,
        false,
    ),
];

fn main() {
    // `cargo bench` passes `--bench`; any other argument (e.g. a criterion filter) is ignored. `--menu=K` runs
    // only the K-th menu. Under `--bench` each menu runs in a process of its own, so that its peak RSS is its
    // own and not the high-water mark of the menus before it.
    let args: Vec<String> = std::env::args().collect();
    let only = args
        .iter()
        .find_map(|a| a.strip_prefix("--menu="))
        .and_then(|k| k.parse::<usize>().ok());
    let bench = args.iter().any(|a| a == "--bench");
    for (k, &(title, prices, popular)) in MENUS.iter().enumerate() {
        match only {
            Some(o) if o != k => continue,
            None if bench => {
                let exe = std::env::current_exe().expect("the bench binary knows its own path");
                let status = std::process::Command::new(exe)
                    .arg("--bench")
                    .arg(format!("--menu={k}"))
                    .status();
                assert!(status.is_ok_and(|s| s.success()), "menu {k} failed");
                continue;
            }
            _ => {}
        }
        println!("== {title}");
        run(month(prices, popular));
    }
}

fn run((terminal, bank, truth): (Vec<Txn>, Vec<Txn>, Vec<Option<u32>>)) {
    println!("{} terminal rows, {} bank rows", terminal.len(), bank.len());
    println!(
        "size_of::<Txn>() = {} bytes; after generating: peak RSS {} MiB",
        size_of::<Txn>(),
        peak_rss_mib().unwrap_or(0)
    );
    let config = Config::default();

    let open_t = vec![true; terminal.len()];
    let open_b = vec![true; bank.len()];
    let mut one_to_one = Vec::new();
    let mut pairs = Vec::new();
    let before = Usage::now();
    for _ in 0..5 {
        let t0 = Instant::now();
        pairs = pair_by_amount_and_time(&terminal, &bank, &open_t, &open_b, &config.matching);
        one_to_one.push(t0.elapsed());
    }
    let cpu = Usage::now().per_run_since(before, 5.0).cpu();
    println!(
        "one-to-one pass: {} pairs, median {:.3?} wall of 5 runs, {cpu:.2} s CPU a run",
        pairs.len(),
        median(one_to_one)
    );
    drop(pairs);

    let mut whole = Vec::new();
    let mut report = None;
    let mut used = Usage::default();
    for _ in 0..3 {
        // Free the previous report first, so the peak RSS is that of one report.
        drop(report.take());
        let (t0, before) = (Instant::now(), Usage::now());
        report = Some(reconcile(&terminal, &bank, &config, &[]));
        whole.push(t0.elapsed());
        let run = Usage::now().per_run_since(before, 1.0);
        used = Usage {
            user: used.user + run.user,
            system: used.system + run.system,
            faults: used.faults + run.faults,
        };
    }
    let used = used.per_run_since(Usage::default(), 3.0);
    println!(
        "whole reconcile: median {:.3?} wall of 3 runs, {:.2} s CPU a run ({:.2} user + {:.2} system), {:.0} page faults a run",
        median(whole),
        used.cpu(),
        used.user,
        used.system,
        used.faults
    );
    println!("peak RSS (VmHWM): {} MiB", peak_rss_mib().unwrap_or(0));

    let Some(report) = report else { return };
    rules_alone(&terminal, &bank, &report, &config);
    let (mut right, mut wrong, mut amb_right, mut amb_wrong) = (0usize, 0usize, 0usize, 0usize);
    for (j, out) in report.bank.iter().enumerate() {
        if out.status != Status::Matched {
            continue;
        }
        let ambiguous = out.flags.iter().any(|f| f.rule == RuleId::AmbiguousMatch);
        let correct = out.counterparts.first().map(|c| c.index) == truth[j];
        match (ambiguous, correct) {
            (false, true) => right += 1,
            (false, false) => wrong += 1,
            (true, true) => amb_right += 1,
            (true, false) => amb_wrong += 1,
        }
    }
    let true_pairs = truth.iter().filter(|t| t.is_some()).count();
    let pct = |n: usize| 100.0 * n as f64 / true_pairs as f64;
    println!(
        "true pairs {true_pairs}; matched: {} (summary: {:?})",
        right + wrong + amb_right + amb_wrong,
        report.summary.matched / 2
    );
    println!(
        "  unambiguous and right {right} ({:.1} %), unambiguous and wrong {wrong} ({:.2} %)",
        pct(right),
        pct(wrong)
    );
    println!(
        "  flagged ambiguous: right {amb_right} ({:.1} %), wrong {amb_wrong} ({:.1} %)",
        pct(amb_right),
        pct(amb_wrong)
    );
    println!("  right overall {:.1} %", pct(right + amb_right));
    println!(
        "  missing in bank {}, missing in terminal {}",
        report.summary.missing_in_bank, report.summary.missing_in_terminal
    );
}

/// The suspicious-entry rules alone on the finished report (as `reconcile` runs them, after matching): median
/// wall and CPU of 5 runs, and how many flags each rule gave, so that A/B runs show the findings did not change.
fn rules_alone(terminal: &[Txn], bank: &[Txn], report: &Report, config: &Config) {
    let input = RuleInput {
        terminal,
        bank,
        report,
        config,
    };
    let (mut walls, mut flags) = (Vec::new(), Vec::new());
    let before = Usage::now();
    for _ in 0..5 {
        let t0 = Instant::now();
        flags = rules::run(&input);
        walls.push(t0.elapsed());
    }
    let cpu = Usage::now().per_run_since(before, 5.0).cpu();
    let mut by_rule: BTreeMap<String, usize> = BTreeMap::new();
    for (_, flag) in &flags {
        *by_rule.entry(format!("{:?}", flag.rule)).or_default() += 1;
    }
    println!(
        "rules alone: median {:.3?} wall of 5 runs, {cpu:.2} s CPU a run; flags {by_rule:?}",
        median(walls)
    );
}
