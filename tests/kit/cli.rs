//! What the command-line tests share: a clean pair of small files, sample-data/truth.json and the `reconcile`
//! flags of one of its scenarios.

use std::path::{Path, PathBuf};

use super::{root, write};

/// A per-transaction pair that reconciles cleanly: two card sales and the acquirer's two credits minutes later.
/// `description` goes into the first sale's Description cell.
pub fn clean_pair(dir: &Path, description: &str) -> (PathBuf, PathBuf) {
    let quoted = description.replace('"', "\"\"");
    let terminal = write(
        dir,
        "terminal.csv",
        format!(
            "Date,Time,Terminal ID,Reference,Card,Amount,Description\n\
             2026-10-05,13:05:09,T0001,R100001,622848******1234,58.00,\"{quoted}\"\n\
             2026-10-05,15:20:00,T0001,R100002,622848******9876,23.50,coffee\n"
        ),
    );
    let bank = write(
        dir,
        "bank.csv",
        "Date,Time,Description,Reference,Amount\n\
         2026-10-05,13:06:10,UnionPay POS settlement,R100001,58.00\n\
         2026-10-05,15:21:30,UnionPay POS settlement,R100002,23.50\n",
    );
    (terminal, bank)
}

/// sample-data/truth.json, written by the sample-data generator.
pub fn truth() -> serde_json::Value {
    let path = root().join("sample-data/truth.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).expect("truth.json parses")
}

/// The section of posrecon.toml (`settlement`, `matching`, …) that holds a setting, from the defaults.
fn config_section(key: &str) -> Option<String> {
    let defaults = toml::Value::try_from(posrecon::engine::Config::default()).ok()?;
    let table = defaults.as_table()?;
    table
        .iter()
        .find(|(_, section)| section.get(key).is_some())
        .map(|(name, _)| name.clone())
}

/// The `reconcile` flags for a scenario of truth.json: its files and its config. Settings the issue gives a
/// flag are passed as flags; the others go into a posrecon.toml in `dir` passed with `--config`.
pub fn scenario_args(scenario: &serde_json::Value, dir: &Path) -> Vec<String> {
    let mut args = vec!["reconcile".to_string()];
    for side in ["terminal", "bank"] {
        args.push(format!("--{side}"));
        for file in scenario[side].as_array().expect("file list") {
            args.push(format!("sample-data/{}", file.as_str().expect("file name")));
        }
    }
    let config = scenario["config"].as_object().cloned().unwrap_or_default();
    let (mut from, mut to) = (None, None);
    // Settings by section: one `[section]` header each (TOML refuses a table defined twice).
    let mut sections: std::collections::BTreeMap<String, String> = std::collections::BTreeMap::new();
    for (key, value) in &config {
        let text = match value {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Array(ids) => ids.iter().filter_map(|v| v.as_str()).collect::<Vec<_>>().join(","),
            serde_json::Value::Null => continue,
            other => other.to_string(),
        };
        match key.as_str() {
            "fee_rate" => args.extend(["--fee-rate".into(), text]),
            "known_terminals" | "known_merchants" if !text.is_empty() => {
                args.extend([format!("--{}", key.replace('_', "-")), text])
            }
            "known_terminals" | "known_merchants" => {}
            "open_from" => from = Some(text),
            "open_to" => to = Some(text),
            other => {
                let section = config_section(other)
                    .unwrap_or_else(|| panic!("truth.json scenario config has {other:?}, which posrecon.toml lacks"));
                sections
                    .entry(section)
                    .or_default()
                    .push_str(&format!("{other} = {value}\n"));
            }
        }
    }
    let settings_file: String = sections
        .iter()
        .map(|(section, lines)| format!("[{section}]\n{lines}"))
        .collect();
    if !settings_file.is_empty() {
        let config = write(dir, "posrecon.toml", &settings_file);
        args.extend(["--config".into(), config.display().to_string()]);
    }
    if let (Some(from), Some(to)) = (from, to) {
        args.extend(["--open-hours".into(), format!("{from}-{to}")]);
    }
    args
}
