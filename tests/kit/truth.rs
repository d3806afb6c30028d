//! Shared by the tests that run the engine on the generator's scenarios (tests/engine/truth.rs,
//! tests/engine/settlement_families.rs): a scenario's files imported as truth.json lists them, reconciled with its
//! settings, and its rows found by file and line.

use std::path::Path;

use posrecon::engine::{Report, RowOutcome, reconcile};
use posrecon::import::{ImportOptions, import_path};
use posrecon::model::{Side, SourceId, Txn};
use posrecon::samplegen::truth::Scenario;

/// The rows of one scenario, imported in truth.json's order: terminal files get source ids 0.., bank files
/// continue after them (so a later bank file is "imported later").
pub struct Imported {
    pub terminal: Vec<Txn>,
    pub bank: Vec<Txn>,
    pub paths: Vec<String>,
}

impl Imported {
    pub fn load(dir: &Path, scenario: &Scenario) -> Imported {
        let mut out = Imported {
            terminal: Vec::new(),
            bank: Vec::new(),
            paths: Vec::new(),
        };
        let files = scenario
            .terminal
            .iter()
            .map(|p| (p, Side::Terminal))
            .chain(scenario.bank.iter().map(|p| (p, Side::Bank)));
        for (path, side) in files {
            let source = SourceId(out.paths.len() as u16);
            let opts = ImportOptions {
                side,
                source,
                profile: None,
                skip_bad_rows: false,
                ..Default::default()
            };
            let rows = match import_path(&dir.join(path), &opts) {
                Ok(imported) => imported.txns,
                Err(e) => panic!("{path} does not import: {e}"),
            };
            match side {
                Side::Terminal => out.terminal.extend(rows),
                Side::Bank => out.bank.extend(rows),
            }
            out.paths.push(path.clone());
        }
        out
    }

    pub fn reconcile(&self, scenario: &Scenario) -> Report {
        let config = scenario
            .config
            .to_engine_config()
            .expect("truth.json opening hours are HH:MM");
        reconcile(&self.terminal, &self.bank, &config, &[])
    }

    /// The outcome of the row at `file:line`, with the row itself.
    pub fn find<'r>(&'r self, report: &'r Report, file: &str, line: u32) -> Option<(&'r Txn, &'r RowOutcome)> {
        let source = SourceId(self.paths.iter().position(|p| p == file)? as u16);
        let hit = |rows: &'r [Txn], outcomes: &'r [RowOutcome]| {
            let i = rows.iter().position(|t| t.row.source == source && t.row.line == line)?;
            Some((rows.get(i)?, outcomes.get(i)?))
        };
        hit(&self.terminal, &report.terminal).or_else(|| hit(&self.bank, &report.bank))
    }

    pub fn where_is(&self, txn: &Txn) -> String {
        let file = self.paths.get(txn.row.source.0 as usize).map_or("?", String::as_str);
        format!("{file}:{} ({} {})", txn.row.line, txn.time, txn.amount)
    }
}

pub fn describe(outcome: &RowOutcome) -> String {
    let flags: Vec<&str> = outcome.flags.iter().map(|f| f.rule.id()).collect();
    format!("status {} flags {:?}", outcome.status.id(), flags)
}
