//! Real export files that other open-source projects keep as test fixtures (tests/formats/real/, their origins and
//! licences in SOURCES.md), each checked against the values its origin project's own tests or expected outputs
//! give (tests/formats/real/expected.toml): the number of rows, their signed sum and at least three rows' date
//! and amount. A file posrecon cannot read must be refused with a message that says why; a file read with other
//! values than its origin's fails the test (the worst outcome: read wrong in silence).
//!
//! `POSRECON_REAL_REPORT=1 cargo test --test import formats_real -- --nocapture` prints the agreement per format family.

use std::collections::BTreeMap;
use std::str::FromStr;

use posrecon::import::{ImportOptions, Imported, import_bytes};
use posrecon::model::{Side, SourceId, TxnStatus};
use rust_decimal::Decimal;
use serde::Deserialize;

use crate::kit::fixture;

#[derive(Deserialize)]
struct Expectations {
    file: Vec<Expected>,
}

/// One file's expectation.
#[derive(Deserialize)]
struct Expected {
    path: String,
    family: String,
    origin: String,
    side: String,
    /// Rows read (every status).
    count: Option<usize>,
    /// Signed sum of the rows that count: not pending, declined or neutral.
    sum: Option<String>,
    #[serde(default)]
    rows: Vec<Row>,
    /// Rows of the file the origin project leaves out by its configuration (with the reason): taken out of the
    /// rows read before they are compared.
    #[serde(default)]
    skip: Vec<Row>,
    /// Why only the given rows are checked: the origin leaves rows of the file out (by its configuration), so its
    /// sum is not the file's; every row it gives must still be among the rows read, and `count` is the file's.
    subset: Option<String>,
    /// Words the refusal must contain, for a file that must be refused.
    refused: Option<String>,
    /// A known disagreement while the work goes on; never for a file read wrong in silence at the end.
    xfail: Option<String>,
}

#[derive(Deserialize, Clone)]
struct Row {
    date: String,
    amount: String,
}

/// What became of one file.
enum Outcome {
    Agrees,
    /// Refused with the expected words.
    RefusedAsExpected,
    /// Read, but not as its origin reads it.
    ReadWrong(String),
    /// Refused although its origin reads it (or refused with other words than expected).
    Refused(String),
    /// Read although it must be refused.
    ReadNotRefused(String),
}

fn decimal(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn check(e: &Expected) -> Outcome {
    let bytes = fixture(&format!("real/{}", e.path));
    let side = if e.side == "terminal" {
        Side::Terminal
    } else {
        Side::Bank
    };
    let opts = ImportOptions {
        side,
        source: SourceId(1),
        ..ImportOptions::default()
    };
    let result = import_bytes(&e.path, &bytes, &opts);
    match (&e.refused, result) {
        (Some(words), Err(err)) => {
            let message = err.to_string();
            if message.contains(words.as_str()) {
                Outcome::RefusedAsExpected
            } else {
                Outcome::Refused(format!("refused, but not with {words:?}: {message}"))
            }
        }
        (Some(words), Ok(imported)) => Outcome::ReadNotRefused(format!(
            "read {} rows; expected a refusal saying {words:?}",
            imported.txns.len()
        )),
        (None, Err(err)) => Outcome::Refused(err.to_string()),
        (None, Ok(imported)) => match compare(e, &imported) {
            _ if std::env::var("POSRECON_REAL_DUMP").is_ok_and(|d| e.path.contains(&d)) => {
                for t in &imported.txns {
                    eprintln!(
                        "{} {} {} {:?} {:?} {:?}",
                        t.row.line,
                        t.date(),
                        t.amount.0,
                        t.status,
                        t.kind,
                        t.description
                    );
                }
                Outcome::ReadWrong(format!("dumped ({:?})", compare(e, &imported)))
            }
            Ok(()) => Outcome::Agrees,
            Err(why) => Outcome::ReadWrong(why),
        },
    }
}

/// Whether a row is of that date: its own date, or the booking (settlement) date a statement gives beside it
/// (origins differ in which of the two they keep).
fn on_date(t: &posrecon::model::Txn, date: &str) -> bool {
    t.date().to_string() == date || t.settle_date.is_some_and(|d| d.to_string() == date)
}

/// The rows read against the origin's values.
fn compare(e: &Expected, imported: &Imported) -> Result<(), String> {
    let mut txns: Vec<&posrecon::model::Txn> = imported.txns.iter().collect();
    for skip in &e.skip {
        let at = txns
            .iter()
            .position(|t| on_date(t, &skip.date) && t.amount.0 == decimal(&skip.amount));
        match at {
            Some(i) => {
                txns.remove(i);
            }
            None => return Err(format!("no row {} {} (left out by the origin)", skip.date, skip.amount)),
        }
    }
    let mut problems = Vec::new();
    if let Some(count) = e.count
        && txns.len() != count
    {
        problems.push(format!("{} rows, expected {count}", txns.len()));
    }
    if let Some(sum) = &e.sum {
        let got: Decimal = txns
            .iter()
            .filter(|t| t.status == TxnStatus::Ok)
            .map(|t| t.amount.0)
            .sum();
        if got != decimal(sum) {
            problems.push(format!("sum {got}, expected {sum}"));
        }
    }
    let mut unused: Vec<&posrecon::model::Txn> = txns.clone();
    for row in &e.rows {
        let amount = decimal(&row.amount);
        match unused
            .iter()
            .position(|t| on_date(t, &row.date) && t.amount.0 == amount)
        {
            Some(i) => {
                unused.remove(i);
            }
            None => {
                let same_amount: Vec<String> = txns
                    .iter()
                    .filter(|t| t.amount.0.abs() == amount.abs())
                    .map(|t| format!("{} {}", t.date(), t.amount.0))
                    .collect();
                problems.push(format!(
                    "no row {} {} (same size: {})",
                    row.date,
                    row.amount,
                    same_amount.join(", ")
                ));
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    }
}

#[test]
fn real_export_files_are_read_as_their_origin_reads_them_or_refused_with_a_reason() {
    let path = format!("{}/tests/formats/real/expected.toml", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let expectations: Expectations = toml::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    assert!(expectations.file.len() >= 80, "{} files", expectations.file.len());
    let report = std::env::var_os("POSRECON_REAL_REPORT").is_some();
    // family → (agree, total)
    let mut families: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut listed = Vec::new();
    for e in &expectations.file {
        assert!(!e.origin.is_empty(), "{}: no origin", e.path);
        if e.refused.is_none() {
            assert!(
                e.count.is_some()
                    && (e.sum.is_some() || e.subset.is_some())
                    && e.rows.len() >= e.count.unwrap_or(0).min(3),
                "{}: an expectation needs count, sum and three rows",
                e.path
            );
        }
        let outcome = check(e);
        let entry = families.entry(e.family.as_str()).or_default();
        entry.1 += 1;
        let problem = match &outcome {
            Outcome::Agrees | Outcome::RefusedAsExpected => {
                entry.0 += 1;
                if let Some(reason) = &e.xfail {
                    failures.push(format!("{}: marked xfail ({reason}) but agrees now", e.path));
                }
                None
            }
            Outcome::ReadWrong(why) => Some(format!("READ WRONG {}: {why}", e.path)),
            Outcome::Refused(why) => Some(format!("REFUSED {}: {why}", e.path)),
            Outcome::ReadNotRefused(why) => Some(format!("NOT REFUSED {}: {why}", e.path)),
        };
        if let Outcome::RefusedAsExpected = outcome {
            listed.push(format!("refused as expected {}", e.path));
        }
        if let Some(problem) = problem {
            match &e.xfail {
                Some(reason) => listed.push(format!("xfail ({reason}) {problem}")),
                None => failures.push(problem),
            }
        }
    }
    if report {
        for (family, (agree, total)) in &families {
            eprintln!("{family}: {agree}/{total} agree");
        }
        for line in listed.iter().chain(&failures) {
            eprintln!("{line}");
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
