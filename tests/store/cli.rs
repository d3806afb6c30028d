//! `posrecon workspace …` and `posrecon verify-log` as the owner runs them: exit codes and the lines they print.

use crate::kit::store::{statement, terminal_log};
use crate::kit::{posrecon, stderr, stdout, temp_dir, write};

#[test]
fn import_reconcile_history_and_verify_log_from_the_command_line() {
    let dir = temp_dir("cli");
    let ws = dir.join("shop.posrecon");
    let ws = ws.to_str().expect("utf-8 path");
    let terminal = write(
        &dir,
        "terminal.csv",
        terminal_log(&[("R1", "2026-10-05 13:05:09", "58.00")]),
    );
    let first = write(&dir, "bank-1.csv", statement(&[("R1", "2026-10-05 13:06:10", "58.00")]));
    let second = write(
        &dir,
        "bank-2.csv",
        statement(&[
            ("R1", "2026-10-05 13:06:10", "58.00"),
            ("R7", "2026-10-06 09:00:00", "12.00"),
        ]),
    );
    let (t, b1, b2) = (
        terminal.to_str().unwrap_or(""),
        first.to_str().unwrap_or(""),
        second.to_str().unwrap_or(""),
    );

    let out = posrecon(["verify-log", "--workspace", ws]);
    assert_eq!(out.status.code(), Some(2), "no workspace yet: {}", stderr(&out));

    let out = posrecon([
        "workspace",
        "import",
        "--workspace",
        ws,
        "--terminal",
        t,
        "--bank",
        b1,
        b2,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("bank-2.csv (bank): 2 rows, 1 already in an earlier statement export"));

    let out = posrecon(["workspace", "import", "--workspace", ws, "--bank", b1]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("already imported as"), "{}", stderr(&out));

    let out = posrecon(["workspace", "reconcile", "--workspace", ws]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("Bank rows 2"),
        "the overlap row is not counted twice: {}",
        stdout(&out)
    );

    let out = posrecon(["workspace", "history", "--workspace", ws]);
    assert_eq!(
        stdout(&out).lines().filter(|l| l.contains(" import ")).count(),
        3,
        "{}",
        stdout(&out)
    );

    let out = posrecon(["verify-log", "--workspace", ws]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("audit log intact, 3 entries"), "{}", stdout(&out));

    let conn = rusqlite::Connection::open(ws).expect("raw connection");
    conn.execute_batch("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET at = '2020-01-01' WHERE id = 2;")
        .expect("tamper");
    drop(conn);
    let out = posrecon(["verify-log", "--workspace", ws]);
    assert_eq!(out.status.code(), Some(3));
    assert!(stdout(&out).contains("broken at entry 2"), "{}", stdout(&out));
}

#[test]
fn decisions_from_the_command_line_are_audited_replayed_and_accepted_flags_do_not_fail_the_run() {
    let dir = temp_dir("cli-decide");
    let ws = dir.join("shop.posrecon");
    let ws = ws.to_str().expect("utf-8 path");
    let terminal = write(
        &dir,
        "terminal.csv",
        terminal_log(&[
            ("R1", "2026-10-05 13:05:09", "58.00"),
            ("R2", "2026-10-05 14:00:00", "30.00"),
        ]),
    );
    let bank = write(
        &dir,
        "bank.csv",
        statement(&[
            ("R1", "2026-10-05 13:06:10", "58.00"),
            ("X9", "2026-10-05 15:00:00", "29.90"),
        ]),
    );
    // The terminal log's T0001 is not among the shop's own terminals: every sale gets a high-severity flag.
    let config = write(&dir, "posrecon.toml", "[shop]\nknown_terminals = [\"T9999\"]\n");
    let (t, b, c) = (
        terminal.to_str().unwrap_or(""),
        bank.to_str().unwrap_or(""),
        config.to_str().unwrap_or(""),
    );
    let out = posrecon(["workspace", "import", "--workspace", ws, "--terminal", t, "--bank", b]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let reconcile = || {
        posrecon([
            "workspace",
            "reconcile",
            "--workspace",
            ws,
            "--config",
            c,
            "--fail-on",
            "high",
        ])
    };
    let out = reconcile();
    assert_eq!(out.status.code(), Some(3), "unknown terminal is high: {}", stdout(&out));

    for (row, at) in [("terminal.csv:2", "first"), ("terminal.csv:3", "second")] {
        let out = posrecon([
            "workspace",
            "decide",
            "--workspace",
            ws,
            "accept",
            row,
            "--rule",
            "unknown_terminal",
        ]);
        assert_eq!(out.status.code(), Some(0), "{at}: {}", stderr(&out));
        assert!(
            stdout(&out).contains(&format!("accept unknown_terminal on {row}")),
            "{}",
            stdout(&out)
        );
    }
    let out = reconcile();
    assert_eq!(
        out.status.code(),
        Some(0),
        "accepted flags must not fail the run: {}",
        stdout(&out)
    );

    // Match the 30.00 sale with the 29.90 credit by hand; note it; wrong rows are refused with the file and line.
    let out = posrecon([
        "workspace",
        "decide",
        "--workspace",
        ws,
        "match",
        "--terminal",
        "terminal.csv:3",
        "--bank",
        "bank.csv:3",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = posrecon([
        "workspace",
        "decide",
        "--workspace",
        ws,
        "note",
        "bank.csv:3",
        "called the acquirer on 11-05",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = posrecon([
        "workspace",
        "decide",
        "--workspace",
        ws,
        "match",
        "--terminal",
        "bank.csv:2",
        "--bank",
        "bank.csv:3",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("bank.csv:2: this row is on the bank side"),
        "{}",
        stderr(&out)
    );
    let out = posrecon(["workspace", "decide", "--workspace", ws, "unmatch", "terminal.csv:40"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("terminal.csv:40: no row on this line"),
        "{}",
        stderr(&out)
    );
    let out = posrecon(["workspace", "decide", "--workspace", ws, "unmatch", "nosuch.csv:2"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no imported file is named \"nosuch.csv\""),
        "{}",
        stderr(&out)
    );

    let out = posrecon(["workspace", "reconcile", "--workspace", ws]);
    let printed = stdout(&out);
    assert!(printed.contains("decisions replayed: 4"), "{printed}");
    let missing = printed
        .lines()
        .find(|l| l.contains("Missing in bank"))
        .and_then(|l| l.split_whitespace().last());
    assert_eq!(missing, Some("0"), "the hand match pairs the last sale: {printed}");

    let out = posrecon(["workspace", "history", "--workspace", ws]);
    assert_eq!(
        stdout(&out).lines().filter(|l| l.contains(" decision ")).count(),
        4,
        "{}",
        stdout(&out)
    );
    let out = posrecon(["workspace", "status", "--workspace", ws]);
    assert!(
        stdout(&out).contains("note on bank.csv:3: \"called the acquirer on 11-05\""),
        "{}",
        stdout(&out)
    );

    // The bank file goes: the match and the note are orphaned, shown with the file's name, not dropped.
    let out = posrecon(["workspace", "remove", "--workspace", ws, "2"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = posrecon(["workspace", "reconcile", "--workspace", ws]);
    let printed = stdout(&out);
    assert!(printed.contains("decisions replayed: 2"), "{printed}");
    assert_eq!(
        printed
            .lines()
            .filter(|l| l.contains("orphaned decision") && l.contains("bank.csv:3"))
            .count(),
        2,
        "{printed}"
    );
}

/// Only regular files are imported: /dev/zero (which never ends) and a named pipe (which may never deliver)
/// are refused at once, by the workspace as by reconcile, and the workspace stays empty.
#[cfg(unix)]
#[test]
fn a_device_or_a_pipe_is_refused_not_read() {
    let dir = temp_dir("devices");
    let ws = dir.join("shop.posrecon");
    let ws = ws.to_str().expect("UTF-8 path");
    let fifo = dir.join("statement.csv");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    let mut inputs = vec!["/dev/zero".to_string()];
    if made.is_ok_and(|s| s.success()) {
        inputs.push(fifo.display().to_string());
    }
    for input in &inputs {
        let out = posrecon(["workspace", "import", "--workspace", ws, "--bank", input]);
        assert_eq!(out.status.code(), Some(2), "{input}: {}", stderr(&out));
        assert!(stdout(&out).contains("not a regular file") || stderr(&out).contains("not a regular file"));
        let out = posrecon(["reconcile", "--terminal", input, "--bank", input]);
        assert_eq!(out.status.code(), Some(2), "{input}: {}", stderr(&out));
    }
    let out = posrecon(["workspace", "status", "--workspace", ws]);
    assert!(stdout(&out).contains("0 files imported"), "{}", stdout(&out));
}

/// Pointed at another application's SQLite database (or any file that is not a workspace), every workspace
/// command refuses it with exit 2 and leaves it byte for byte as it was: no tables added, no WAL switch.
#[test]
fn another_applications_database_is_refused_untouched() {
    let dir = temp_dir("foreign");
    let foreign = dir.join("contacts.db");
    {
        let conn = rusqlite::Connection::open(&foreign).expect("a database");
        conn.execute_batch("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('王秀英');")
            .expect("a table");
    }
    let not_sqlite = write(&dir, "notes.posrecon", "shopping list\n");
    for file in [foreign.clone(), not_sqlite.clone()] {
        let before = std::fs::read(&file).expect("there");
        let path = file.to_str().expect("UTF-8 path");
        for command in ["status", "verify"] {
            let out = match command {
                "status" => posrecon(["workspace", "status", "--workspace", path]),
                _ => posrecon(["verify-log", "--workspace", path]),
            };
            assert_eq!(out.status.code(), Some(2), "{path} {command}: {}", stderr(&out));
            assert!(stderr(&out).contains("not a posrecon workspace"), "{}", stderr(&out));
        }
        assert_eq!(std::fs::read(&file).expect("there"), before, "{path} is unchanged");
        let wal = std::path::PathBuf::from(format!("{path}-wal"));
        assert!(!wal.exists(), "no WAL file beside {path}");
    }
    // A new file becomes a workspace, stamped as posrecon's.
    let ws = dir.join("new.posrecon");
    let path = ws.to_str().expect("UTF-8 path");
    assert_eq!(
        posrecon(["workspace", "init", "--workspace", path]).status.code(),
        Some(0)
    );
    let stamped: i32 = rusqlite::Connection::open(&ws)
        .and_then(|c| c.pragma_query_value(None, "application_id", |r| r.get(0)))
        .expect("readable");
    assert_eq!(stamped, 0x504F_5352);
    assert_eq!(
        posrecon(["workspace", "status", "--workspace", path]).status.code(),
        Some(0)
    );
}
