//! The engine against the generator's ground truth: every anomaly planted in sample-data/ (truth.json) is
//! reported with its status and/or flag on the file + line truth.json names, and a clean generated set (the
//! same shops, nothing planted) yields no flag at all and no `missing` row.

use std::path::Path;

use posrecon::samplegen::truth::Truth;
use posrecon::samplegen::{SampleOptions, generate, write_to_dir};

use crate::kit::truth::{Imported, describe};
use crate::kit::{sample_dir, temp_dir};

/// What the engine fails to report of the anomalies `truth` plants in the files under `dir`.
fn unreported(dir: &Path, truth: &Truth) -> Vec<String> {
    let mut failures = Vec::new();
    for scenario in &truth.scenarios {
        let rows = Imported::load(dir, scenario);
        let report = rows.reconcile(scenario);
        for anomaly in truth.anomalies.iter().filter(|a| a.scenario == scenario.name) {
            let at = format!(
                "seed {} {}:{} ({})",
                truth.seed, anomaly.file, anomaly.line, anomaly.note
            );
            let Some((_, outcome)) = rows.find(&report, &anomaly.file, anomaly.line) else {
                failures.push(format!("{at}: no imported row on that line"));
                continue;
            };
            if let Some(status) = &anomaly.status
                && outcome.status.id() != status
            {
                failures.push(format!(
                    "{at}: expected status {status}, engine gives {}",
                    describe(outcome)
                ));
            }
            if let Some(flag) = &anomaly.flag
                && !outcome.flags.iter().any(|f| f.rule.id() == flag)
            {
                failures.push(format!(
                    "{at}: expected flag {flag}, engine gives {}",
                    describe(outcome)
                ));
            }
        }
    }
    failures
}

#[test]
fn every_planted_anomaly_in_sample_data_is_reported_on_its_row() {
    let text = std::fs::read_to_string(sample_dir().join("truth.json")).expect("sample-data/truth.json is committed");
    let truth: Truth = serde_json::from_str(&text).expect("truth.json parses");
    assert!(!truth.anomalies.is_empty());
    let failures = unreported(&sample_dir(), &truth);
    assert!(
        failures.is_empty(),
        "{} planted anomalies not reported:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn anomalies_planted_with_other_seeds_are_reported_too() {
    let failures: Vec<String> = [7, 2024].into_iter().flat_map(unreported_with_seed).collect();
    assert!(
        failures.is_empty(),
        "{} planted anomalies not reported:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Every flag and every `missing` row the engine reports on the clean set of `seed`.
fn findings_on_clean_set(seed: u64) -> Vec<String> {
    let mut findings = Vec::new();
    let set = generate(&SampleOptions { seed, clean: true }).expect("the generator runs");
    assert!(set.truth.clean && set.truth.anomalies.is_empty());
    let dir = temp_dir(&format!("clean-{seed}"));
    write_to_dir(&set, &dir).expect("writes into a temp dir");
    for scenario in &set.truth.scenarios {
        let rows = Imported::load(&dir, scenario);
        let report = rows.reconcile(scenario);
        let sides = [(&rows.terminal, &report.terminal), (&rows.bank, &report.bank)];
        for (txns, outcomes) in sides {
            for (txn, outcome) in txns.iter().zip(outcomes.iter()) {
                if outcome.status.id() == "missing" || !outcome.flags.is_empty() {
                    let reasons: Vec<&str> = outcome.flags.iter().map(|f| f.reason.en.as_str()).collect();
                    findings.push(format!(
                        "seed {seed} {}: {} {reasons:?}",
                        rows.where_is(txn),
                        describe(outcome)
                    ));
                }
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    findings
}

/// What the engine misses of the anomalies planted with `seed`.
fn unreported_with_seed(seed: u64) -> Vec<String> {
    let set = generate(&SampleOptions { seed, clean: false }).expect("the generator runs");
    let dir = temp_dir(&format!("planted-{seed}"));
    write_to_dir(&set, &dir).expect("writes into a temp dir");
    let failures = unreported(&dir, &set.truth);
    let _ = std::fs::remove_dir_all(&dir);
    failures
}

#[test]
fn a_clean_set_has_no_flag_and_no_missing_row() {
    let findings: Vec<String> = [42, 2024].into_iter().flat_map(findings_on_clean_set).collect();
    assert!(
        findings.is_empty(),
        "{} findings on clean data:\n{}",
        findings.len(),
        findings.join("\n")
    );
}

/// A wider sweep over seeds (slow in debug builds): `cargo test --test engine -- --ignored truth::`.
#[test]
#[ignore]
fn many_seeds_planted_and_clean() {
    let mut problems = Vec::new();
    for seed in 1..=25 {
        problems.extend(unreported_with_seed(seed));
        problems.extend(findings_on_clean_set(seed));
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
