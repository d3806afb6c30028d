//! `posrecon inspect FILE`, `posrecon rules` and `--help` from the real binary.

use posrecon::engine::RuleId;

use crate::kit::cli::{clean_pair, truth};
use crate::kit::{posrecon, stderr, stdout, temp_dir, write};

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

/// Escape sequences and a right-to-left override in a terminal ID and a memo reach the terminal
/// escaped, in the summary, in inspect and in an error: a file cannot retitle the window, colour the screen or
/// turn `exe.txt` around.
#[test]
fn text_from_files_never_reaches_the_terminal_raw() {
    let dir = temp_dir("escapes");
    // (A bell byte makes the file binary data, refused as a whole: tested elsewhere.)
    let hostile_id = "\u{1b}]0;pwned\u{1b}\\T9";
    let log = format!(
        "交易日期,交易时间,商户号,终端号,卡号,交易类型,交易金额,参考号\n\
         2026-10-05,10:00:00,898310058120345,{hostile_id},622848******1234,消费,58.00,\u{1b}[31m000000000001\n\
         2026-10-05,11:00:00,898310058120345,{hostile_id},622848******1234,消费,12.00,000000000002\n"
    );
    let bank = "交易日期,摘要,收入金额,支出金额,余额\n2026-10-06,POS清算 \u{202e}txt.exe,69.58,,1000.00\n";
    let path = |name: &str, text: &str| write(&dir, name, text).display().to_string();
    let (log, bank) = (path("log.csv", &log), path("bank.csv", bank));
    let bad = path("bad.csv", "交易日期,交易金额\n2026-10-05,\u{1b}[2J12x\n");
    let runs = [
        // The shop's own terminal is T1: the file's terminal is flagged unknown, its ID in the reason.
        posrecon([
            "reconcile",
            "--terminal",
            &log,
            "--bank",
            &bank,
            "--known-terminals",
            "T1",
        ]),
        posrecon(["inspect", &log]),
        posrecon(["inspect", &bank]),
        posrecon(["reconcile", "--terminal", &bad, "--bank", &bank]),
    ];
    for out in &runs {
        let said = format!("{}{}", stdout(out), stderr(out));
        assert!(
            !said.contains(['\u{1b}', '\u{7}', '\u{202e}']),
            "raw control text:\n{said:?}"
        );
    }
    let summary = stdout(&runs[0]);
    assert!(
        summary.contains("\\u{1b}]0;pwned\\u{1b}\\T9"),
        "the ID is shown escaped:\n{summary}"
    );
    assert!(stderr(&runs[3]).contains("\\u{1b}[2J12x"), "{}", stderr(&runs[3]));
}

/// A statement whose rows were shuffled out of file order cannot have its balances checked: the summary, the
/// JSON report and inspect say the check was not made, instead of dropping it in silence.
#[test]
fn a_balance_check_not_made_is_said() {
    let dir = temp_dir("shuffled");
    let mut balance: i64 = 1_000_000;
    let mut rows = Vec::new();
    for day in 1..=9 {
        let fen = 100_000 + day * 137;
        balance += fen;
        rows.push(format!(
            "2026-10-{day:02},现金存入,{}.{:02},,{}.{:02}",
            fen / 100,
            fen % 100,
            balance / 100,
            balance % 100
        ));
    }
    // File order 9, 2, 7, 4, 1, 8, 3, 6, 5: no two neighbours follow each other.
    let order = [8, 1, 6, 3, 0, 7, 2, 5, 4];
    let body: Vec<&str> = order.iter().map(|&i| rows[i].as_str()).collect();
    let bank = write(
        &dir,
        "bank.csv",
        format!("交易日期,摘要,收入金额,支出金额,余额\n{}\n", body.join("\n")),
    );
    let log = write(
        &dir,
        "log.csv",
        "交易日期,交易时间,商户号,终端号,卡号,交易类型,交易金额,参考号\n2026-10-05,10:00:00,898310058120345,T1,622848******1234,消费,58.00,000000000001\n",
    );
    let json = dir.join("report.json");
    let (bank, log, json) = (
        bank.display().to_string(),
        log.display().to_string(),
        json.display().to_string(),
    );
    let out = posrecon(["reconcile", "--terminal", &log, "--bank", &bank, "--json", &json]);
    assert!(stdout(&out).contains("balance check not made"), "{}", stdout(&out));
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&json).expect("report written")).expect("valid JSON");
    let checks = report["summary"]["balance_checks"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(
        checks
            .iter()
            .any(|c| c["status"] == "not_in_order" && c["file"] == bank.as_str()),
        "{checks:?}"
    );
    let inspected = stdout(&posrecon(["inspect", &bank]));
    assert!(inspected.contains("NOT CHECKED"), "{inspected}");
}
