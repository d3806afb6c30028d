//! `posrecon reconcile --fee-fixed`: the fixed fee per sale of a "rate + fixed" contract from the command line.
//! Stripe's payments export against the shop's bank statement, under Stripe's 2.9 % + 0.30 (T+2 from the
//! config file), has no `fee_above_contract`; without `--fee-fixed` it has. A bad amount is refused.

use serde_json::Value;

use crate::kit::{posrecon, stderr, stdout, temp_dir, write};

/// The rule ids flagged anywhere in a JSON report.
fn rules(report: &str) -> Vec<String> {
    let report: Value = serde_json::from_str(report).unwrap_or_default();
    let rows = report["rows"].as_array().cloned().unwrap_or_default();
    rows.iter()
        .flat_map(|row| row["flags"].as_array().cloned().unwrap_or_default())
        .filter_map(|flag| flag["rule"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn a_fixed_fee_per_sale_from_the_command_line_takes_stripes_fees_as_agreed() {
    let dir = temp_dir("fee-fixed");
    let config = write(&dir, "posrecon.toml", "[settlement]\ndelay_days = 2\n");
    let config = config.to_string_lossy().into_owned();
    let files = [
        "--terminal",
        "tests/formats/stripe-payments.csv",
        "--bank",
        "tests/formats/stripe-payments-counterpart.csv",
    ];
    let run = |extra: &[&str]| {
        let mut args: Vec<&str> = vec!["reconcile", "--config", &config, "--fee-rate", "2.9%", "--json", "-"];
        args.extend(files);
        args.extend(extra);
        posrecon(args)
    };
    let out = run(&["--fee-fixed", "0.30"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(rules(&stdout(&out)), Vec::<String>::new());
    let out = run(&[]);
    assert!(
        rules(&stdout(&out)).contains(&"fee_above_contract".to_string()),
        "{}",
        stdout(&out)
    );
    let out = run(&["--fee-fixed", "30c"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("a fixed fee per sale such as 0.30"),
        "{}",
        stderr(&out)
    );
    let help = stdout(&posrecon(["reconcile", "--help"]));
    assert!(help.contains("--fee-fixed"), "{help}");
    let _ = std::fs::remove_dir_all(&dir);
}
