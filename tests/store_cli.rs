//! `posrecon workspace …` and `posrecon verify-log` as the owner runs them: exit codes and the lines they print.

mod store_support;

use std::process::{Command, Output};

use store_support::{statement, temp_dir, terminal_log, write};

fn posrecon(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_posrecon")).args(args).output().expect("run posrecon")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn import_reconcile_history_and_verify_log_from_the_command_line() {
    let dir = temp_dir("cli");
    let ws = dir.join("shop.posrecon");
    let ws = ws.to_str().expect("utf-8 path");
    let terminal = write(&dir, "terminal.csv", &terminal_log(&[("R1", "2026-10-05 13:05:09", "58.00")]));
    let first = write(&dir, "bank-1.csv", &statement(&[("R1", "2026-10-05 13:06:10", "58.00")]));
    let second = write(
        &dir,
        "bank-2.csv",
        &statement(&[("R1", "2026-10-05 13:06:10", "58.00"), ("R7", "2026-10-06 09:00:00", "12.00")]),
    );
    let (t, b1, b2) = (terminal.to_str().unwrap_or(""), first.to_str().unwrap_or(""), second.to_str().unwrap_or(""));

    let out = posrecon(&["verify-log", "--workspace", ws]);
    assert_eq!(out.status.code(), Some(2), "no workspace yet: {}", text(&out.stderr));

    let out = posrecon(&["workspace", "import", "--workspace", ws, "--terminal", t, "--bank", b1, b2]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("bank-2.csv (bank): 2 rows, 1 already in an earlier statement export"));

    let out = posrecon(&["workspace", "import", "--workspace", ws, "--bank", b1]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("already imported as"), "{}", text(&out.stderr));

    let out = posrecon(&["workspace", "reconcile", "--workspace", ws]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Bank rows 2"), "the overlap row is not counted twice: {}", text(&out.stdout));

    let out = posrecon(&["workspace", "history", "--workspace", ws]);
    assert_eq!(text(&out.stdout).lines().filter(|l| l.contains(" import ")).count(), 3, "{}", text(&out.stdout));

    let out = posrecon(&["verify-log", "--workspace", ws]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("audit log intact, 3 entries"), "{}", text(&out.stdout));

    let conn = rusqlite::Connection::open(ws).expect("raw connection");
    conn.execute_batch("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET at = '2020-01-01' WHERE id = 2;")
        .expect("tamper");
    drop(conn);
    let out = posrecon(&["verify-log", "--workspace", ws]);
    assert_eq!(out.status.code(), Some(3));
    assert!(text(&out.stdout).contains("broken at entry 2"), "{}", text(&out.stdout));
}
