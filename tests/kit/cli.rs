//! Shared helpers of the command-line tests: run the real `posrecon` binary, make temporary input files,
//! read sample-data/truth.json.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root: the tests run the binary from here so that `sample-data/…` paths work as given.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `posrecon ARGS…` from the repository root, without colours.
pub fn posrecon<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    Command::new(env!("CARGO_BIN_EXE_posrecon"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .expect("the posrecon binary runs")
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A fresh directory for one test's files.
pub fn temp_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("posrecon-cli-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Writes a small file and returns its path.
pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("test file written");
    path
}

/// A per-transaction pair that reconciles cleanly: two card sales and the acquirer's two credits minutes later.
/// `description` goes into the first sale's Description cell.
pub fn clean_pair(dir: &Path, description: &str) -> (PathBuf, PathBuf) {
    let quoted = description.replace('"', "\"\"");
    let terminal = write(
        dir,
        "terminal.csv",
        &format!(
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
