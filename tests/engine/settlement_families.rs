//! The engine's settlement pass on the generator's settlement families (src/samplegen/settlement_families.rs):
//! credits tied to days by evidence (清算日期, a memo naming the day) or by order on the China calendar, and a
//! monthly fee debit. For seeds 42 and 7: (a) every planted anomaly is reported on its row; (b) the rows with a
//! settlement finding — `short_settlement`, `over_settlement`, `late_settlement`, `fee_above_contract` or status
//! `missing` — are exactly the planted ones; (c) a clean set has none. Each run prints a line per family:
//! `seed 42 settlement-order: planted 170, found 170, false 0`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use posrecon::engine::{Report, RowOutcome};
use posrecon::model::Txn;
use posrecon::samplegen::truth::{Scenario, Truth};
use posrecon::samplegen::{SETTLEMENT_FAMILIES, SampleOptions, generate, write_to_dir};

use crate::kit::temp_dir;
use crate::kit::truth::{Imported, describe};

/// The flags that say a credit or a fee debit does not pay what it should.
const SETTLEMENT_FLAGS: [&str; 4] = [
    "short_settlement",
    "over_settlement",
    "late_settlement",
    "fee_above_contract",
];

/// A settlement finding: file, line and what (a flag id, or "missing").
type Finding = (String, u32, String);

/// A generated set in a temp folder, removed again when dropped.
struct Generated {
    dir: PathBuf,
    truth: Truth,
}

impl Generated {
    fn new(seed: u64, clean: bool) -> Generated {
        let set = generate(&SampleOptions { seed, clean }).expect("the generator runs");
        // Tests run in parallel and may generate the same set: each gets a folder of its own.
        let kind = if clean { "clean" } else { "planted" };
        let dir = temp_dir(&format!("families-{kind}-{seed}"));
        write_to_dir(&set, &dir).expect("writes into a temp dir");
        Generated { dir, truth: set.truth }
    }

    fn families(&self) -> impl Iterator<Item = &Scenario> {
        let scenarios: Vec<&Scenario> = self
            .truth
            .scenarios
            .iter()
            .filter(|s| SETTLEMENT_FAMILIES.contains(&s.name.as_str()))
            .collect();
        assert_eq!(scenarios.len(), SETTLEMENT_FAMILIES.len(), "every family is generated");
        scenarios.into_iter()
    }
}

impl Drop for Generated {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// One family reconciled: the planted findings, the settlement findings the engine reports, and the text of each.
struct Run {
    name: String,
    planted: BTreeSet<Finding>,
    found: BTreeSet<Finding>,
    /// What the engine says on each reported row, for the failure messages.
    told: Vec<(Finding, String)>,
    /// Planted anomalies (any status or flag) not reported on their row.
    unreported: Vec<String>,
}

impl Run {
    fn false_findings(&self) -> Vec<&String> {
        self.told
            .iter()
            .filter(|(f, _)| !self.planted.contains(f))
            .map(|(_, text)| text)
            .collect()
    }

    fn summary(&self, seed: u64) -> String {
        let hit = self.planted.intersection(&self.found).count();
        format!(
            "seed {seed} {}: planted {}, found {hit}, false {}",
            self.name,
            self.planted.len(),
            self.found.difference(&self.planted).count()
        )
    }
}

fn settlement_findings(outcome: &RowOutcome) -> Vec<String> {
    let mut out: Vec<String> = outcome
        .flags
        .iter()
        .map(|f| f.rule.id().to_string())
        .filter(|id| SETTLEMENT_FLAGS.contains(&id.as_str()))
        .collect();
    if outcome.status.id() == "missing" {
        out.push("missing".into());
    }
    out
}

fn told(rows: &Imported, report: &Report, txn: &Txn, outcome: &RowOutcome, what: &str) -> String {
    let reasons: Vec<&str> = outcome
        .flags
        .iter()
        .filter(|f| f.rule.id() == what)
        .map(|f| f.reason.en.as_str())
        .collect();
    let batch = outcome
        .batch
        .and_then(|b| report.batches.get(b as usize))
        .map_or(String::new(), |b| format!(" batch {}", b.id));
    format!(
        "{} {what}: {}{batch} {reasons:?}",
        rows.where_is(txn),
        describe(outcome)
    )
}

fn run(generated: &Generated, scenario: &Scenario) -> Run {
    let rows = Imported::load(&generated.dir, scenario);
    let report = rows.reconcile(scenario);
    let truth = &generated.truth;
    let mut out = Run {
        name: scenario.name.clone(),
        planted: BTreeSet::new(),
        found: BTreeSet::new(),
        told: Vec::new(),
        unreported: Vec::new(),
    };
    for anomaly in truth.anomalies.iter().filter(|a| a.scenario == scenario.name) {
        let at = format!("{}:{} ({})", anomaly.file, anomaly.line, anomaly.note);
        for what in anomaly.status.iter().chain(&anomaly.flag) {
            if what == "missing" || SETTLEMENT_FLAGS.contains(&what.as_str()) {
                out.planted.insert((anomaly.file.clone(), anomaly.line, what.clone()));
            }
        }
        let Some((_, outcome)) = rows.find(&report, &anomaly.file, anomaly.line) else {
            out.unreported.push(format!("{at}: no imported row on that line"));
            continue;
        };
        if let Some(status) = &anomaly.status
            && outcome.status.id() != status
        {
            let engine = describe(outcome);
            out.unreported
                .push(format!("{at}: expected status {status}, engine gives {engine}"));
        }
        if let Some(flag) = &anomaly.flag
            && !outcome.flags.iter().any(|f| f.rule.id() == flag)
        {
            let engine = describe(outcome);
            out.unreported
                .push(format!("{at}: expected flag {flag}, engine gives {engine}"));
        }
    }
    let sides = [(&rows.terminal, &report.terminal), (&rows.bank, &report.bank)];
    for (txns, outcomes) in sides {
        for (txn, outcome) in txns.iter().zip(outcomes.iter()) {
            let file = rows.paths.get(txn.row.source.0 as usize).cloned().unwrap_or_default();
            for what in settlement_findings(outcome) {
                let finding = (file.clone(), txn.row.line, what.clone());
                out.told
                    .push((finding.clone(), told(&rows, &report, txn, outcome, &what)));
                out.found.insert(finding);
            }
        }
    }
    out
}

const SEEDS: [u64; 2] = [42, 7];

/// How many rows of one kind a failure message lists per family and seed before it just counts the rest.
const LISTED: usize = 40;

/// Every family of every seed, planted or clean, reconciled once for all the tests that look at it.
fn runs(clean: bool) -> &'static [(u64, Run)] {
    static PLANTED: OnceLock<Vec<(u64, Run)>> = OnceLock::new();
    static CLEAN: OnceLock<Vec<(u64, Run)>> = OnceLock::new();
    let cell = if clean { &CLEAN } else { &PLANTED };
    cell.get_or_init(|| {
        let mut out = Vec::new();
        for seed in SEEDS {
            let generated = Generated::new(seed, clean);
            for scenario in generated.families() {
                let family = run(&generated, scenario);
                eprintln!("{}{}", family.summary(seed), if clean { " (clean)" } else { "" });
                out.push((seed, family));
            }
        }
        out
    })
}

/// `lines`, the first [`LISTED`] of them, then how many more there are.
fn listed(lines: Vec<String>) -> Vec<String> {
    let more = lines.len().saturating_sub(LISTED);
    let mut out: Vec<String> = lines.into_iter().take(LISTED).collect();
    if more > 0 {
        out.push(format!("  … and {more} more"));
    }
    out
}

#[test]
fn every_planted_settlement_fault_is_reported_on_its_row() {
    let mut failures = Vec::new();
    for (seed, family) in runs(false) {
        assert!(!family.planted.is_empty(), "{}: nothing planted", family.name);
        failures.extend(listed(
            family
                .unreported
                .iter()
                .map(|f| format!("seed {seed} {}: {f}", family.name))
                .collect(),
        ));
    }
    assert!(
        failures.is_empty(),
        "planted anomalies not reported (see the summary lines for the counts):\n{}",
        failures.join("\n")
    );
}

#[test]
fn the_settlement_findings_are_exactly_the_planted_ones() {
    let mut problems = Vec::new();
    for (seed, family) in runs(false) {
        let missed = family.planted.difference(&family.found);
        problems.extend(listed(
            missed
                .map(|m| {
                    format!(
                        "seed {seed} {}: planted {}:{} {} not reported",
                        family.name, m.0, m.1, m.2
                    )
                })
                .collect(),
        ));
        problems.extend(listed(
            family
                .false_findings()
                .into_iter()
                .map(|extra| format!("seed {seed} {}: FALSE {extra}", family.name))
                .collect(),
        ));
    }
    assert!(
        problems.is_empty(),
        "settlement findings off the truth (see the summary lines for the counts):\n{}",
        problems.join("\n")
    );
}

#[test]
fn a_clean_family_has_no_settlement_finding() {
    let mut findings = Vec::new();
    for (seed, family) in runs(true) {
        assert!(family.planted.is_empty());
        findings.extend(listed(
            family
                .false_findings()
                .into_iter()
                .map(|f| format!("seed {seed} {} (clean): {f}", family.name))
                .collect(),
        ));
    }
    assert!(
        findings.is_empty(),
        "settlement findings on clean data (see the summary lines for the counts):\n{}",
        findings.join("\n")
    );
}

#[test]
fn the_families_files_are_where_truth_says() {
    let generated = Generated::new(42, false);
    for scenario in generated.families() {
        for file in scenario.terminal.iter().chain(&scenario.bank) {
            assert!(file.starts_with("settlement/"), "{file}");
            assert!(Path::new(&generated.dir).join(file).is_file(), "{file} is written");
        }
    }
}

/// A batch as the owner sees it, independent of the order the rows came in: its id, the bank row that pays it,
/// its terminal rows (file + line), and what tied them.
type SeenBatch = (String, Option<(u16, u32)>, Vec<(u16, u32)>, String);

fn seen_batches(rows: &Imported, report: &Report) -> Vec<SeenBatch> {
    let place = |t: &Txn| (t.row.source.0, t.row.line);
    let mut out: Vec<SeenBatch> = report
        .batches
        .iter()
        .map(|b| {
            let bank = b.bank.and_then(|id| rows.bank.get(id.index as usize)).map(place);
            let mut terminal: Vec<(u16, u32)> = b
                .terminal_rows
                .iter()
                .filter_map(|id| rows.terminal.get(id.index as usize))
                .map(place)
                .collect();
            terminal.sort_unstable();
            (b.id.clone(), bank, terminal, format!("{:?}", b.tied_by))
        })
        .collect();
    out.sort();
    out
}

/// The planted families of seed 42, imported once.
fn planted_families() -> &'static [(Scenario, Imported)] {
    static FAMILIES: OnceLock<Vec<(Scenario, Imported)>> = OnceLock::new();
    FAMILIES.get_or_init(|| {
        let generated = Generated::new(42, false);
        generated
            .families()
            .map(|s| (s.clone(), Imported::load(&generated.dir, s)))
            .collect()
    })
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 6, ..Default::default() })]

    /// Shuffling the rows of both files changes no batch: the same days, the same credit, tied the same way.
    #[test]
    fn the_batches_do_not_depend_on_the_order_of_the_rows(shuffle in proptest::prelude::any::<u64>()) {
        use rand::SeedableRng;
        use rand::seq::SliceRandom;
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(shuffle);
        for (scenario, rows) in planted_families() {
            let before = seen_batches(rows, &rows.reconcile(scenario));
            let mut shuffled = Imported {
                terminal: rows.terminal.clone(),
                bank: rows.bank.clone(),
                paths: rows.paths.clone(),
            };
            shuffled.terminal.shuffle(&mut rng);
            shuffled.bank.shuffle(&mut rng);
            let after = seen_batches(&shuffled, &shuffled.reconcile(scenario));
            proptest::prop_assert_eq!(before, after, "{}", scenario.name);
        }
    }

    /// A clean month of any seed: no short, over or late settlement, no fee above contract, no missing row.
    #[test]
    fn a_clean_month_of_any_seed_has_no_settlement_finding(seed in 1_000u64..1_000_000) {
        let generated = Generated::new(seed, true);
        for scenario in generated.families() {
            let family = run(&generated, scenario);
            proptest::prop_assert!(family.found.is_empty(), "seed {seed}: {:?}", family.false_findings());
        }
    }
}
