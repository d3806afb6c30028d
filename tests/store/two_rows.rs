//! One line, two rows: a refunded Stripe charge is its sale and its refund, both read from the charge's line. A
//! decision on the refund is kept for the refund — across closing and reopening the workspace, from the app's
//! review (by row) and from `posrecon workspace decide FILE:LINE.2` — and every report names the refund
//! `FILE:LINE.2`. Workspaces and decisions written before rows of one line were told apart read as they did.

use std::path::Path;

use posrecon::engine::{Config, Decision, RowId, RuleId, Status};
use posrecon::model::{Side, TxnKind};
use posrecon::report::{Lang, Reconciliation};
use posrecon::store::{Reconciled, RowKey, StoredDecision, Workspace, decisions};

use crate::kit::store::options;
use crate::kit::{fixture_path as fixture, posrecon, stderr, stdout, temp_dir, write};

/// The Stripe payments export: line 3 is Order 1002, 12.50 charged and 12.50 refunded; line 5 Order 1004, 80.00
/// charged and 30.00 refunded.
const PAYMENTS: &str = "stripe-payments.csv";
const PAYOUTS: &str = "stripe-payments-counterpart.csv";

fn stripe_workspace(dir: &Path) -> Workspace {
    let mut ws = Workspace::open(&dir.join("shop.posrecon")).expect("workspace");
    ws.import_file(&fixture(PAYMENTS), &options(Side::Terminal))
        .expect("import the payments export");
    ws.import_file(&fixture(PAYOUTS), &options(Side::Bank))
        .expect("import the statement");
    ws
}

/// The rows of one side read from `line`, first row first.
fn on_line(done: &Reconciled, side: Side, line: u32) -> Vec<RowId> {
    let rows = match side {
        Side::Terminal => &done.rows.terminal,
        Side::Bank => &done.rows.bank,
    };
    (0..rows.len())
        .filter(|&i| rows[i].row.line == line)
        .map(|i| RowId { side, index: i as u32 })
        .collect()
}

/// The sale and the refund read from line 3.
fn sale_and_refund(done: &Reconciled) -> (RowId, RowId) {
    let found = on_line(done, Side::Terminal, 3);
    assert_eq!(found.len(), 2, "line 3 holds the sale and its refund");
    let kind = |id: RowId| done.rows.terminal[id.index as usize].kind;
    assert_eq!((kind(found[0]), kind(found[1])), (TxnKind::Sale, TxnKind::Refund));
    (found[0], found[1])
}

fn outcome(done: &Reconciled, row: RowId) -> &posrecon::engine::RowOutcome {
    &done.report.terminal[row.index as usize]
}

#[test]
fn decisions_on_the_refund_of_a_charge_stay_on_the_refund_after_reopening() {
    let dir = temp_dir("two-rows-app");
    let cash_deposit = {
        let mut ws = stripe_workspace(&dir);
        let done = ws.reconcile(&Config::default()).expect("reconcile");
        let (sale, refund) = sale_and_refund(&done);
        assert_eq!(done.rows.key(sale).map(|k| k.ordinal), Some(0));
        assert_eq!(done.rows.key(refund).map(|k| (k.line, k.ordinal)), Some((3, 1)));
        let cash_deposit = on_line(&done, Side::Bank, 4)[0];
        // As the app's review records them: by the rows of this reconcile.
        for decision in [
            Decision::Note {
                row: refund,
                text: "given back at the counter".to_owned(),
            },
            Decision::AcceptFlag {
                row: refund,
                rule: RuleId::RefundWithoutSale,
            },
            Decision::ForceMatch {
                terminal: vec![refund],
                bank: vec![cash_deposit],
            },
        ] {
            ws.record_decision(&decision, &done.rows).expect("record");
        }
        cash_deposit
    };

    let ws = Workspace::open(&dir.join("shop.posrecon")).expect("reopen");
    let done = ws.reconcile(&Config::default()).expect("reconcile");
    assert_eq!((done.replayed, done.orphaned.len()), (3, 0));
    let (sale, refund) = sale_and_refund(&done);
    assert_eq!(
        outcome(&done, refund).note.as_deref(),
        Some("given back at the counter")
    );
    assert_eq!(outcome(&done, sale).note, None, "the note is not replayed on the sale");
    assert_eq!(outcome(&done, refund).status, Status::Matched);
    assert_eq!(outcome(&done, refund).counterparts.as_slice(), [cash_deposit]);
    assert!(
        !outcome(&done, sale).counterparts.contains(&cash_deposit),
        "the sale is not matched by hand"
    );
    assert_eq!(outcome(&done, sale).match_rule, None);
    let stored = ws.decisions().expect("decisions");
    let resolved: Vec<Decision> = stored
        .iter()
        .filter_map(|d| decisions::resolve(&d.decision, &done.rows).ok())
        .collect();
    assert_eq!(
        resolved[1],
        Decision::AcceptFlag {
            row: refund,
            rule: RuleId::RefundWithoutSale
        }
    );
    assert!(ws.verify_log().expect("verify").first_broken.is_none());
}

#[test]
fn a_refund_keeps_its_key_and_its_decision_when_its_sale_is_merged_and_comes_back() {
    // Two overlapping statement exports with a refunded column: the sale of line 2 of the later one repeats the
    // earlier export's row and is merged; its refund (given after the earlier export) is not. Keys count every
    // stored row of the file, merged ones too, so the refund is line 2's second row before and after the earlier
    // export is removed and the sale comes back.
    let dir = temp_dir("two-rows-merged");
    let header = "Date,Description,Reference,Amount,Amount Refunded";
    let early = write(
        &dir,
        "statement-1.csv",
        format!("{header}\n2026-10-02,Card sale,R1,20.00,0.00\n"),
    );
    let late = write(
        &dir,
        "statement-2.csv",
        format!("{header}\n2026-10-02,Card sale,R1,20.00,5.00\n2026-10-03,Card sale,R2,30.00,0.00\n"),
    );
    let mut ws = Workspace::open(&dir.join("shop.posrecon")).expect("workspace");
    let first = ws
        .import_file(&early, &options(Side::Bank))
        .expect("import the earlier export");
    let added = ws
        .import_file(&late, &options(Side::Bank))
        .expect("import the later export");
    assert_eq!(added.merged, 1, "the sale of line 2 is in the earlier export");
    let rows = ws.rows().expect("rows");
    let refund = (0..rows.bank.len() as u32)
        .map(|index| RowId {
            side: Side::Bank,
            index,
        })
        .find(|&id| rows.bank[id.index as usize].kind == TxnKind::Refund)
        .expect("the refund takes part");
    let key = rows.key(refund).cloned().expect("key");
    assert_eq!(
        (key.line, key.ordinal),
        (2, 1),
        "the merged sale still counts as line 2's first row"
    );
    ws.record_decision(
        &Decision::Note {
            row: refund,
            text: "refund of R1".to_owned(),
        },
        &rows,
    )
    .expect("record");

    ws.remove_source(first.source.id).expect("remove the earlier export");
    let done = ws.reconcile(&Config::default()).expect("reconcile");
    let line2 = (0..done.rows.bank.len() as u32)
        .map(|index| RowId {
            side: Side::Bank,
            index,
        })
        .filter(|id| done.rows.bank[id.index as usize].row.line == 2)
        .map(|id| {
            (
                done.rows.bank[id.index as usize].kind,
                done.report.bank[id.index as usize].note.clone(),
            )
        })
        .collect::<Vec<_>>();
    assert_eq!(
        line2,
        [
            (TxnKind::Sale, None),
            (TxnKind::Refund, Some("refund of R1".to_owned()))
        ]
    );
    assert_eq!(
        done.rows.row_id(&RowKey { ordinal: 2, ..key }),
        None,
        "line 2 holds two rows"
    );
}

#[test]
fn a_workspace_written_before_rows_of_a_line_were_told_apart_replays_its_decisions_as_before() {
    let dir = temp_dir("two-rows-old");
    let path = dir.join("shop.posrecon");
    let sha256 = {
        let mut ws = stripe_workspace(&dir);
        let sha256 = ws.sources().expect("sources")[0].sha256.clone();
        // What the previous release stored for a decision on `stripe-payments.csv:3`: that line's first row.
        let old = RowKey {
            sha256: sha256.clone(),
            line: 3,
            ordinal: 0,
        };
        ws.record_stored_decision(&StoredDecision::Note {
            row: old,
            text: "checked".to_owned(),
        })
        .expect("record");
        sha256
    };
    {
        // Back to format version 1, with a decision written by hand exactly as version 1 wrote it.
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.execute_batch("ALTER TABLE sources DROP COLUMN currency_assumed; PRAGMA user_version = 1;")
            .expect("downgrade");
        let row = format!(r#"{{"sha256":"{sha256}","line":5}}"#);
        let text = format!(r#"{{"kind":"accept_flag","row":{row},"rule":"refund_without_sale"}}"#);
        conn.execute(
            "INSERT INTO decisions (made_at, decision) VALUES ('2026-11-01T00:00:00Z', ?1)",
            [text],
        )
        .expect("old decision");
        let stored: String = conn
            .query_row("SELECT decision FROM decisions WHERE id = 1", [], |r| r.get(0))
            .expect("first decision");
        assert_eq!(
            stored,
            format!(r#"{{"kind":"note","row":{{"sha256":"{sha256}","line":3}},"text":"checked"}}"#)
        );
    }
    let ws = Workspace::open(&path).expect("a version-1 workspace opens");
    let done = ws.reconcile(&Config::default()).expect("reconcile");
    assert_eq!((done.replayed, done.orphaned.len()), (2, 0));
    let (sale, refund) = sale_and_refund(&done);
    assert_eq!(
        outcome(&done, sale).note.as_deref(),
        Some("checked"),
        "a decision on line 3 meant its first row"
    );
    assert_eq!(outcome(&done, refund).note, None);
    let line5 = on_line(&done, Side::Terminal, 5);
    let stored = ws.decisions().expect("decisions");
    assert_eq!(
        decisions::resolve(&stored[1].decision, &done.rows),
        Ok(Decision::AcceptFlag {
            row: line5[0],
            rule: RuleId::RefundWithoutSale
        })
    );
    let check = ws.verify_log().expect("verify");
    assert!(
        check.first_broken.is_none(),
        "the audit entries written before still verify: {check:?}"
    );
}

#[test]
fn the_command_line_decides_on_the_refund_as_line_3_2_and_the_reports_print_it() {
    let dir = temp_dir("two-rows-cli");
    let ws = dir.join("shop.posrecon");
    let ws = ws.to_str().expect("utf-8 path");
    let (payments, payouts) = (fixture(PAYMENTS), fixture(PAYOUTS));
    let (t, b) = (payments.to_str().expect("utf-8"), payouts.to_str().expect("utf-8"));
    let out = posrecon(["workspace", "import", "--workspace", ws, "--terminal", t, "--bank", b]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let (refund, deposit) = ("stripe-payments.csv:3.2", "stripe-payments-counterpart.csv:4");
    let out = posrecon([
        "workspace",
        "decide",
        "--workspace",
        ws,
        "match",
        "--terminal",
        refund,
        "--bank",
        deposit,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out).trim(),
        format!("decision #1 recorded: match {refund} with {deposit}")
    );
    let out = posrecon([
        "workspace",
        "decide",
        "--workspace",
        ws,
        "note",
        "stripe-payments.csv:3",
        "sale ok",
    ]);
    assert_eq!(
        stdout(&out).trim(),
        r#"decision #2 recorded: note on stripe-payments.csv:3: "sale ok""#
    );

    // A third row on a line of two: refused, naming the two.
    let out = posrecon([
        "workspace",
        "decide",
        "--workspace",
        ws,
        "note",
        "stripe-payments.csv:3.3",
        "?",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("stripe-payments.csv:3, stripe-payments.csv:3.2"), "{err}");
    let out = posrecon([
        "workspace",
        "decide",
        "--workspace",
        ws,
        "note",
        "stripe-payments.csv:3.0",
        "?",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("12.2: line 12's second row"), "{}", stderr(&out));

    let out = posrecon(["workspace", "status", "--workspace", ws]);
    assert!(
        stdout(&out).contains("match stripe-payments.csv:3.2 with"),
        "{}",
        stdout(&out)
    );

    let (json, xlsx) = (dir.join("report.json"), dir.join("report.xlsx"));
    let (j, x) = (json.to_str().expect("utf-8"), xlsx.to_str().expect("utf-8"));
    let out = posrecon(["workspace", "reconcile", "--workspace", ws, "--json", j, "--xlsx", x]);
    assert!(stdout(&out).contains("decisions replayed: 2"), "{}", stdout(&out));

    // JSON: the refund is line 3, row 2 of it, matched with the deposit, which names it so; the sale is line 3
    // as before (no row_on_line).
    let report: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).expect("json")).expect("parse");
    let rows = report["rows"].as_array().expect("rows");
    let line3: Vec<(Option<u64>, &str, Option<&str>)> = rows
        .iter()
        .filter(|r| r["side"] == "terminal" && r["line"] == 3)
        .map(|r| {
            (
                r["row_on_line"].as_u64(),
                r["status"].as_str().unwrap_or(""),
                r["amount"].as_str(),
            )
        })
        .collect();
    let sale_and_refund = [(None, "in_batch", Some("12.50")), (Some(2), "matched", Some("-12.50"))];
    assert_eq!(
        line3.iter().map(|r| (r.0, r.2)).collect::<Vec<_>>(),
        sale_and_refund.map(|r| (r.0, r.2))
    );
    assert_eq!(line3[1].1, "matched");
    let deposit = rows
        .iter()
        .find(|r| r["side"] == "bank" && r["line"] == 4)
        .expect("the deposit");
    let names: Vec<(u64, Option<u64>)> = deposit["counterparts"]
        .as_array()
        .expect("counterparts")
        .iter()
        .filter_map(|c| Some((c["line"].as_u64()?, c["row_on_line"].as_u64())))
        .collect();
    assert_eq!(names, [(3, Some(2))]);

    // The workbook's Terminal sheet: the refund's line is the text 3.2, the sale's the number 3.
    use calamine::{Data, Reader, open_workbook_auto};
    let mut book = open_workbook_auto(&xlsx).expect("workbook");
    let sheet = book.worksheet_range("Terminal").expect("Terminal sheet");
    let mut rows = sheet.rows();
    let header = rows.next().expect("header");
    let col = |name: &str| header.iter().position(|c| *c == name).expect("column");
    let (line, amount) = (col("Line"), col("Amount"));
    let lines: Vec<(Data, Data)> = rows.map(|r| (r[line].clone(), r[amount].clone())).collect();
    assert!(lines.contains(&(Data::Float(3.0), Data::Float(12.5))), "{lines:?}");
    assert!(
        lines.contains(&(Data::String("3.2".to_owned()), Data::Float(-12.5))),
        "{lines:?}"
    );
}

#[test]
fn the_findings_csv_names_the_refund_line_3_2() {
    let dir = temp_dir("two-rows-csv");
    let mut ws = stripe_workspace(&dir);
    let done = ws.reconcile(&Config::default()).expect("reconcile");
    let (_, refund) = sale_and_refund(&done);
    ws.record_decision(&Decision::Unmatch { row: refund }, &done.rows)
        .expect("record");
    let done = ws.reconcile(&Config::default()).expect("reconcile");
    let rows = &done.rows;
    let rec = Reconciliation {
        sources: &rows.sources,
        terminal: &rows.terminal,
        bank: &rows.bank,
        report: &done.report,
    };
    let mut out = Vec::new();
    posrecon::report::csv::write_findings(&rec, Lang::En, &mut out).expect("csv");
    let mut reader = csv::Reader::from_reader(out.get(3..).unwrap_or_default());
    let headers = reader.headers().expect("headers").clone();
    let col = |name: &str| headers.iter().position(|h| h == name).expect("column");
    let (file, line, status) = (col("File"), col("Line"), col("Status"));
    let found: Vec<(String, String)> = reader
        .records()
        .map(|r| r.expect("record"))
        .filter(|r| r.get(file).is_some_and(|f| f.ends_with(PAYMENTS)))
        .map(|r| {
            (
                r.get(line).unwrap_or("").to_owned(),
                r.get(status).unwrap_or("").to_owned(),
            )
        })
        .collect();
    // The unmatched refund is listed as line 3.2, apart from its sale (line 3, left unpaid with it).
    assert!(found.contains(&("3.2".to_owned(), "missing".to_owned())), "{found:?}");
    assert_eq!(found.iter().filter(|(l, _)| l == "3").count(), 1, "{found:?}");
}
