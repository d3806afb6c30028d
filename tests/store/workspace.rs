//! The workspace as the shop owner relies on it across months: the same file is never counted twice,
//! overlapping statement exports are merged, decisions survive closing, new files and removed files, and the
//! audit log shows where it was tampered with.

use posrecon::engine::{Config, Decision, RowId, RuleId, Status};
use posrecon::model::Side;
use posrecon::store::{StoreError, StoredDecision, Workspace};

use crate::kit::store::{options, statement, terminal_log};
use crate::kit::{temp_dir, write};

#[test]
fn importing_the_same_bytes_again_is_refused_naming_the_earlier_import() {
    let dir = temp_dir("reimport");
    let text = terminal_log(&[
        ("R1", "2026-10-05 13:05:09", "58.00"),
        ("R2", "2026-10-05 15:20:00", "23.50"),
    ]);
    let first = write(&dir, "terminal-october.csv", &text);
    let renamed = write(&dir, "copy of terminal-october.csv", &text);
    let mut ws = Workspace::open(&dir.join("shop.posrecon")).expect("open");
    let added = ws.import_file(&first, &options(Side::Terminal)).expect("first import");
    assert_eq!(added.rows, 2);

    let err = ws
        .import_file(&renamed, &options(Side::Terminal))
        .expect_err("same bytes refused");
    match &err {
        StoreError::AlreadyImported {
            earlier_file,
            earlier_time,
            ..
        } => {
            assert_eq!(earlier_file, &first.display().to_string());
            assert_eq!(earlier_time, &added.source.imported_at);
        }
        other => panic!("expected AlreadyImported, got {other}"),
    }
    let message = err.to_string();
    assert!(
        message.contains("terminal-october.csv") && message.contains(&added.source.imported_at),
        "{message}"
    );
    assert_eq!(ws.sources().expect("sources").len(), 1);
    assert_eq!(ws.rows().expect("rows").terminal.len(), 2, "nothing added twice");
    assert_eq!(
        ws.history(10).expect("history").len(),
        1,
        "a refused import leaves no audit entry"
    );
}

#[test]
fn overlapping_statement_exports_are_merged_row_by_row_and_counted() {
    let dir = temp_dir("overlap");
    // First export: 1–3 October. Second: 2–5 October, so 2 and 3 October are in both.
    let early = write(
        &dir,
        "statement-1.csv",
        statement(&[
            ("B1", "2026-10-01 10:00:00", "10.00"),
            ("B2", "2026-10-02 10:00:00", "20.00"),
            ("B3", "2026-10-03 10:00:00", "30.00"),
            ("B4", "2026-10-03 11:00:00", "31.00"),
        ]),
    );
    let late = write(
        &dir,
        "statement-2.csv",
        statement(&[
            ("B2", "2026-10-02 10:00:00", "20.00"),
            ("B3", "2026-10-03 10:00:00", "30.00"),
            ("B4", "2026-10-03 11:00:00", "31.00"),
            // Same day and amount as B3 but another reference: a real second credit, not a repeat.
            ("B9", "2026-10-03 17:00:00", "30.00"),
            ("B5", "2026-10-04 10:00:00", "40.00"),
            ("B6", "2026-10-05 10:00:00", "50.00"),
        ]),
    );
    let mut ws = Workspace::open(&dir.join("shop.posrecon")).expect("open");
    assert_eq!(ws.import_file(&early, &options(Side::Bank)).expect("first").merged, 0);
    let second = ws.import_file(&late, &options(Side::Bank)).expect("second");
    assert_eq!(
        (second.rows, second.merged),
        (6, 3),
        "B2, B3, B4 were in the first export"
    );
    assert_eq!(second.source.merged_count, 3);

    let done = ws.reconcile(&Config::default()).expect("reconcile");
    let mut references: Vec<String> = done
        .rows
        .bank
        .iter()
        .map(|t| t.reference.as_deref().unwrap_or("").to_owned())
        .collect();
    references.sort();
    assert_eq!(
        references,
        ["B1", "B2", "B3", "B4", "B5", "B6", "B9"],
        "each credit once"
    );
    assert!(
        done.report.bank.iter().all(|o| o.status != Status::Duplicate),
        "no duplicates from the overlap"
    );
}

#[test]
fn decisions_survive_closing_new_files_and_removed_files() {
    let dir = temp_dir("decisions");
    let old_log = write(
        &dir,
        "terminal-september.csv",
        terminal_log(&[("S1", "2026-09-30 09:00:00", "5.00")]),
    );
    let log = write(
        &dir,
        "terminal-october.csv",
        terminal_log(&[
            ("R1", "2026-10-05 13:05:09", "58.00"),
            ("R2", "2026-10-05 15:20:00", "23.50"),
        ]),
    );
    // The bank paid R2 short and under another reference: the engine will not pair it on its own.
    let bank = write(
        &dir,
        "statement.csv",
        statement(&[
            ("R1", "2026-10-05 13:06:10", "58.00"),
            ("X77", "2026-10-07 09:00:00", "21.00"),
        ]),
    );
    let path = dir.join("shop.posrecon");
    {
        let mut ws = Workspace::open(&path).expect("open");
        ws.import_file(&old_log, &options(Side::Terminal)).expect("september");
        ws.import_file(&log, &options(Side::Terminal)).expect("october");
        ws.import_file(&bank, &options(Side::Bank)).expect("statement");
        let done = ws.reconcile(&Config::default()).expect("reconcile");
        let r2 = find(&done.rows.terminal, "R2");
        let x77 = find(&done.rows.bank, "X77");
        assert_eq!(done.report.terminal[r2.index as usize].status, Status::Missing);
        let s1 = find(&done.rows.terminal, "S1");
        for decision in [
            Decision::ForceMatch {
                terminal: vec![r2],
                bank: vec![x77],
            },
            Decision::Note {
                row: r2,
                text: "called the acquirer on 11-05".to_owned(),
            },
            Decision::Note {
                row: s1,
                text: "September, already settled".to_owned(),
            },
            Decision::AcceptFlag {
                row: r2,
                rule: RuleId::RoundAmountLarge,
            },
        ] {
            ws.record_decision(&decision, &done.rows).expect("record");
        }
    }
    // Next month: the September file is taken out (its row positions go) and a November log comes in.
    let november = write(
        &dir,
        "terminal-november.csv",
        terminal_log(&[("N1", "2026-11-02 10:00:00", "9.90")]),
    );
    let mut ws = Workspace::open(&path).expect("reopen");
    let september = ws
        .sources()
        .expect("sources")
        .into_iter()
        .find(|s| s.file_name.contains("september"));
    ws.remove_source(september.expect("september is there").id)
        .expect("remove");
    ws.import_file(&november, &options(Side::Terminal)).expect("november");

    let done = ws.reconcile(&Config::default()).expect("reconcile again");
    let r2 = find(&done.rows.terminal, "R2");
    assert_eq!(
        r2.index, 1,
        "R2 moved from position 2 to 1: the decision must follow the row, not the position"
    );
    let out = done.report.outcome(r2).expect("outcome");
    assert_eq!(out.status, Status::Matched);
    assert_eq!(out.counterparts, vec![find(&done.rows.bank, "X77")]);
    assert_eq!(out.note.as_deref(), Some("called the acquirer on 11-05"));
    assert_eq!(done.replayed, 3);
    assert_eq!(
        done.orphaned.len(),
        1,
        "the note on the removed September row is orphaned, not dropped"
    );
    let orphan = &done.orphaned[0];
    assert!(matches!(&orphan.record.decision, StoredDecision::Note { text, .. } if text.starts_with("September")));
    assert_eq!(orphan.missing.len(), 1);
    assert_eq!(orphan.missing[0].line, 2);
}

fn find(rows: &[posrecon::model::Txn], reference: &str) -> RowId {
    let index = rows
        .iter()
        .position(|t| t.reference.as_deref() == Some(reference))
        .expect("row by reference");
    RowId {
        side: rows[index].side,
        index: index as u32,
    }
}

#[test]
fn a_tampered_audit_entry_is_found_at_that_entry() {
    let dir = temp_dir("tamper");
    let path = dir.join("shop.posrecon");
    let mut ws = Workspace::open(&path).expect("open");
    for (i, name) in ["a.csv", "b.csv", "c.csv", "d.csv"].iter().enumerate() {
        let file = write(
            &dir,
            name,
            terminal_log(&[(&format!("R{i}"), "2026-10-05 13:05:09", "58.00")]),
        );
        ws.import_file(&file, &options(Side::Terminal)).expect("import");
    }
    let check = ws.verify_log().expect("verify");
    assert_eq!((check.entries, check.first_broken), (4, None));

    let conn = rusqlite::Connection::open(&path).expect("raw connection");
    let refused = conn.execute("UPDATE audit_log SET detail = '{}' WHERE id = 3", []);
    assert!(refused.is_err(), "the table refuses edits");
    conn.execute_batch("DROP TRIGGER audit_log_no_update")
        .expect("drop the guard");
    conn.execute(
        "UPDATE audit_log SET detail = replace(detail, 'c.csv', 'z.csv') WHERE id = 3",
        [],
    )
    .expect("tamper");
    let check = ws.verify_log().expect("verify");
    let broken = check.first_broken.expect("the chain breaks");
    assert_eq!(broken.id, 3, "{}", broken.reason);
}

#[test]
fn a_deleted_audit_entry_breaks_the_chain_at_the_next_one() {
    let dir = temp_dir("delete-entry");
    let path = dir.join("shop.posrecon");
    let mut ws = Workspace::open(&path).expect("open");
    for (i, name) in ["a.csv", "b.csv", "c.csv"].iter().enumerate() {
        let file = write(
            &dir,
            name,
            terminal_log(&[(&format!("R{i}"), "2026-10-05 13:05:09", "58.00")]),
        );
        ws.import_file(&file, &options(Side::Terminal)).expect("import");
    }
    let conn = rusqlite::Connection::open(&path).expect("raw connection");
    conn.execute_batch("DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 2;")
        .expect("tamper");
    assert_eq!(ws.verify_log().expect("verify").first_broken.map(|b| b.id), Some(3));
}

#[test]
fn a_file_that_does_not_import_leaves_the_workspace_as_it_was() {
    let dir = temp_dir("bad-file");
    let bad = write(
        &dir,
        "bad.csv",
        "Date,Time,Reference,Amount\n2026-10-05,13:05:09,R1,58.00\n2026-10-05,14:00:00,R2,12.3.4\n",
    );
    let mut ws = Workspace::open(&dir.join("shop.posrecon")).expect("open");
    let err = ws
        .import_file(&bad, &options(Side::Terminal))
        .expect_err("bad amount refuses the file");
    assert!(err.to_string().contains("12.3.4"), "{err}");
    assert!(ws.sources().expect("sources").is_empty());
    assert!(ws.history(10).expect("history").is_empty());
}

#[test]
fn a_workspace_from_a_newer_posrecon_is_refused_and_reopening_keeps_the_version() {
    let dir = temp_dir("version");
    let path = dir.join("shop.posrecon");
    drop(Workspace::open(&path).expect("create"));
    drop(Workspace::open(&path).expect("reopen"));
    let conn = rusqlite::Connection::open(&path).expect("raw connection");
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("version");
    assert_eq!(version, posrecon::store::VERSION);
    conn.pragma_update(None, "user_version", version + 1)
        .expect("pretend newer");
    drop(conn);
    assert!(matches!(Workspace::open(&path), Err(StoreError::TooNew { .. })));
}
