//! `posrecon reconcile` end to end on the bundled sample data: the JSON report has the shape docs/JSON.md
//! documents, every anomaly planted by the generator (sample-data/truth.json) is reported on the right file and
//! line, `--lang zh` gives Chinese reasons, and `--fail-on` turns findings into exit code 3.

use serde_json::Value;

use crate::kit::cli::{scenario_args, truth};
use crate::kit::{posrecon, stderr, temp_dir};

const STATUSES: [&str; 6] = [
    "matched",
    "matched_with_difference",
    "in_batch",
    "missing",
    "duplicate",
    "unrelated",
];

fn is_place(v: &Value) -> bool {
    v["file"].is_string() && v["line"].as_u64().is_some_and(|l| l >= 1)
}

fn is_decimal_text(v: &Value) -> bool {
    v.as_str().is_some_and(|s| s.parse::<rust_decimal::Decimal>().is_ok())
}

fn is_time(v: &Value) -> bool {
    v.as_str().is_some_and(|s| {
        chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").is_ok()
            || chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
    })
}

fn null_or_string(v: &Value) -> bool {
    v.is_null() || v.is_string()
}

/// Checks a report against docs/JSON.md; returns the first violation.
fn check_shape(report: &Value) -> Result<(), String> {
    let fail = |what: &str, v: &Value| Err(format!("{what}: {v}"));
    if report["version"] != 3 {
        return fail("version", &report["version"]);
    }
    let summary = &report["summary"];
    for key in [
        "terminal_rows",
        "bank_rows",
        "matched",
        "matched_with_difference",
        "in_batch",
        "missing_in_bank",
        "missing_in_terminal",
        "duplicates",
        "unrelated",
    ] {
        if !summary[key].is_u64() {
            return fail(key, summary);
        }
    }
    if !summary["flags"]
        .as_object()
        .is_some_and(|m| m.values().all(Value::is_u64))
    {
        return fail("summary.flags", summary);
    }
    let rows = report["rows"].as_array().ok_or("rows is not an array")?;
    for row in rows {
        let ok = matches!(row["side"].as_str(), Some("terminal" | "bank"))
            && is_place(row)
            && null_or_string(&row["sheet"])
            && is_time(&row["time"])
            && is_decimal_text(&row["amount"])
            && null_or_string(&row["reference"])
            && null_or_string(&row["terminal_id"])
            && row["status"].as_str().is_some_and(|s| STATUSES.contains(&s))
            && row["counterparts"].as_array().is_some_and(|c| c.iter().all(is_place))
            && null_or_string(&row["batch"])
            && row["flags"].as_array().is_some_and(|flags| {
                flags.iter().all(|f| {
                    f["rule"]
                        .as_str()
                        .is_some_and(|r| posrecon::engine::RuleId::from_id(r).is_some())
                        && matches!(f["severity"].as_str(), Some("high" | "medium" | "low"))
                        && f["reason"].as_str().is_some_and(|r| !r.is_empty())
                })
            });
        if !ok {
            return fail("row", row);
        }
    }
    let terminal = summary["terminal_rows"].as_u64().unwrap_or(0);
    let bank = summary["bank_rows"].as_u64().unwrap_or(0);
    if rows.len() as u64 != terminal + bank {
        return fail("rows vs summary counts", summary);
    }
    for batch in report["batches"].as_array().ok_or("batches is not an array")? {
        let ok = batch["id"].is_string()
            && (batch["bank"].is_null() || is_place(&batch["bank"]))
            && batch["terminal_rows"]
                .as_array()
                .is_some_and(|c| c.iter().all(is_place))
            && ["expected_net", "actual", "difference"]
                .iter()
                .all(|k| is_decimal_text(&batch[*k]))
            && (batch["effective_fee_rate"].is_null() || is_decimal_text(&batch["effective_fee_rate"]));
        if !ok {
            return fail("batch", batch);
        }
    }
    Ok(())
}

/// Runs one scenario with extra flags; returns the exit code and the parsed JSON report.
fn run_scenario(scenario: &Value, extra: &[&str], test: &str) -> (Option<i32>, Value, String) {
    let dir = temp_dir(test);
    let json = dir.join("report.json");
    let mut args = scenario_args(scenario, &dir);
    args.extend(["--json".to_string(), json.display().to_string()]);
    args.extend(extra.iter().map(|s| s.to_string()));
    let out = posrecon(&args);
    let text = std::fs::read_to_string(&json).unwrap_or_else(|e| panic!("{args:?}: no report ({e}): {}", stderr(&out)));
    (
        out.status.code(),
        serde_json::from_str(&text).expect("the report is JSON"),
        stderr(&out),
    )
}

fn scenarios() -> Vec<Value> {
    truth()["scenarios"].as_array().cloned().unwrap_or_default()
}

#[test]
fn every_planted_anomaly_is_reported_on_its_file_and_line() {
    let truth = truth();
    let anomalies = truth["anomalies"].as_array().expect("anomalies");
    assert!(!anomalies.is_empty());
    let mut misses = Vec::new();
    for scenario in scenarios() {
        let name = scenario["name"].as_str().unwrap_or("?");
        let (code, report, err) = run_scenario(&scenario, &[], &format!("truth-{name}"));
        assert_eq!(code, Some(0), "scenario {name}: {err}");
        check_shape(&report).unwrap_or_else(|e| panic!("scenario {name}: not the documented shape: {e}"));
        let rows = report["rows"].as_array().expect("rows");
        for anomaly in anomalies.iter().filter(|a| a["scenario"].as_str() == Some(name)) {
            let file = format!("sample-data/{}", anomaly["file"].as_str().unwrap_or(""));
            let line = anomaly["line"].as_u64();
            let Some(row) = rows
                .iter()
                .find(|r| r["file"] == file.as_str() && r["line"].as_u64() == line)
            else {
                misses.push(format!(
                    "{name}: no row {file}:{line:?} in the report ({})",
                    anomaly["note"]
                ));
                continue;
            };
            if let Some(status) = anomaly["status"].as_str()
                && row["status"] != status
            {
                misses.push(format!(
                    "{name}: {file}:{line:?} status {} instead of {status} ({})",
                    row["status"], anomaly["note"]
                ));
            }
            if let Some(flag) = anomaly["flag"].as_str() {
                let flags = row["flags"]
                    .as_array()
                    .map(|f| f.iter().filter_map(|x| x["rule"].as_str()).collect::<Vec<_>>());
                if !flags.as_ref().is_some_and(|f| f.contains(&flag)) {
                    misses.push(format!(
                        "{name}: {file}:{line:?} flags {flags:?}, expected {flag} ({})",
                        anomaly["note"]
                    ));
                }
            }
        }
    }
    assert!(
        misses.is_empty(),
        "{} planted anomalies not reported:\n{}",
        misses.len(),
        misses.join("\n")
    );
}

#[test]
fn lang_zh_gives_chinese_reasons() {
    let scenario = scenarios().into_iter().next().expect("a scenario");
    let (code, report, err) = run_scenario(&scenario, &["--lang", "zh"], "lang-zh");
    assert_eq!(code, Some(0), "{err}");
    let reasons: Vec<&str> = report["rows"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|r| r["flags"].as_array().into_iter().flatten())
        .filter_map(|f| f["reason"].as_str())
        .collect();
    assert!(!reasons.is_empty(), "the sample data has findings");
    let is_cjk = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    for reason in reasons {
        assert!(reason.chars().any(is_cjk), "not Chinese: {reason}");
    }
}

#[test]
fn fail_on_gives_exit_code_3_when_findings_reach_the_severity() {
    let scenario = scenarios().into_iter().next().expect("a scenario");
    let (code, report, err) = run_scenario(&scenario, &["--fail-on", "low"], "fail-on");
    assert!(
        report["summary"]["flags"].as_object().is_some_and(|m| !m.is_empty()),
        "sample data has flags"
    );
    assert_eq!(code, Some(3), "{err}");
}

#[test]
fn several_files_per_side_keep_their_own_paths_and_lines() {
    let truth = truth();
    let Some(scenario) = scenarios()
        .into_iter()
        .find(|s| s["bank"].as_array().is_some_and(|b| b.len() > 1))
    else {
        // Without a scenario of several bank files, give the first scenario's bank file twice: both copies must
        // be listed, each row under the path as given.
        let mut scenario = scenarios().into_iter().next().expect("a scenario");
        let bank = scenario["bank"][0].clone();
        scenario["bank"] = serde_json::json!([bank, bank]);
        let (code, report, err) = run_scenario(&scenario, &[], "two-banks");
        assert_eq!(code, Some(0), "{err}");
        let file = format!("sample-data/{}", bank.as_str().unwrap_or(""));
        let rows: Vec<&Value> = report["rows"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|r| r["file"] == file.as_str())
            .collect();
        let expected = truth["files"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|f| f["path"] == bank)
            .and_then(|f| f["rows"].as_u64());
        assert_eq!(
            Some(rows.len() as u64),
            expected.map(|n| n * 2),
            "both copies are listed under the path as given"
        );
        return;
    };
    let (code, report, err) = run_scenario(&scenario, &[], "several-banks");
    assert_eq!(code, Some(0), "{err}");
    for file in scenario["bank"].as_array().into_iter().flatten() {
        let path = format!("sample-data/{}", file.as_str().unwrap_or(""));
        assert!(
            report["rows"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|r| r["file"] == path.as_str()),
            "{path}"
        );
    }
}

#[test]
fn an_export_without_a_currency_takes_the_statements_and_says_so() {
    // The English SumUp export names no currency; the statement writes €. Read as CNY, nothing could be paid.
    let dir = temp_dir("adopt-currency");
    let json = dir.join("report.json");
    let out = posrecon([
        "reconcile",
        "--terminal",
        "tests/formats/sumup-en.csv",
        "--bank",
        "tests/formats/sumup-en-counterpart.csv",
        "--json",
        &json.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("sumup-en.csv: names no currency; read as EUR, the currency of the bank files"),
        "{}",
        stderr(&out)
    );
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap_or_default()).unwrap_or_default();
    assert_eq!(report["summary"]["in_batch"], 3, "{}", report["summary"]);
    assert_eq!(report["summary"]["missing_in_terminal"], 0, "{}", report["summary"]);
}
