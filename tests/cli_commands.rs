//! `posrecon inspect FILE`, `posrecon rules` and `--help` from the real binary.

mod cli_support;

use cli_support::{clean_pair, posrecon, stderr, stdout, temp_dir, truth, write};
use posrecon::engine::RuleId;

#[test]
fn inspect_describes_every_sample_file() {
    for file in truth()["files"].as_array().into_iter().flatten() {
        let path = format!("sample-data/{}", file["path"].as_str().unwrap_or(""));
        let out = posrecon(["inspect", &path]);
        assert_eq!(out.status.code(), Some(0), "{path}: {}", stderr(&out));
        let text = stdout(&out);
        let rows = file["rows"].as_u64().map(|n| n.to_string()).unwrap_or_default();
        assert!(text.contains(&rows), "{path}: the row count {rows} is shown:\n{text}");
    }
}

#[test]
fn inspect_a_missing_file_exits_2() {
    let out = posrecon(["inspect", "sample-data/no-such-file.csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("sample-data/no-such-file.csv: no such file"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn inspect_a_small_file_shows_its_header_line() {
    let dir = temp_dir("inspect");
    let (terminal, _) = clean_pair(&dir, "latte");
    let out = posrecon(["inspect", &terminal.display().to_string()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("Amount"), "{}", stdout(&out));
}

#[test]
fn rules_lists_every_rule_with_severity_and_thresholds_from_the_config() {
    let out = posrecon(["rules"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    for rule in RuleId::ALL {
        let line = text
            .lines()
            .find(|l| l.starts_with(rule.id()))
            .unwrap_or_else(|| panic!("{} missing:\n{text}", rule.id()));
        assert!(["high", "medium", "low"].iter().any(|s| line.contains(s)), "{line}");
    }
    assert!(text.contains("double_charge_secs = 600"), "{text}");

    let dir = temp_dir("rules");
    let config = write(&dir, "posrecon.toml", "[rules]\ndouble_charge_secs = 300\n");
    let out = posrecon(["rules", "--config", &config.display().to_string(), "--lang", "zh"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("double_charge_secs = 300"), "{}", stdout(&out));
    assert!(stdout(&out).contains("重复扣款"), "{}", stdout(&out));
}

#[test]
fn help_names_every_reconcile_flag_of_the_issue() {
    let out = posrecon(["reconcile", "--help"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    for flag in [
        "--terminal",
        "--bank",
        "--terminal-profile",
        "--bank-profile",
        "--config",
        "--fee-rate",
        "--known-terminals",
        "--known-merchants",
        "--open-hours",
        "--json",
        "--xlsx",
        "--csv",
        "--lang",
        "--skip-bad-rows",
        "--fail-on",
    ] {
        assert!(text.contains(flag), "{flag} missing from --help");
    }
}
