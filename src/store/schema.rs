//! The layout of the workspace file and its versioned migrations. The version is SQLite's `user_version`;
//! each migration runs in its own transaction and bumps it, so a workspace is always at one whole version.
//! Connections run in WAL mode with `synchronous = FULL` (a committed import survives a power cut) and with
//! foreign keys enforced.

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, TransactionBehavior};

use super::StoreError;

/// Migration `i` takes the workspace from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    // 1: sources, rows, decisions, audit log.
    "CREATE TABLE sources (
        id            INTEGER PRIMARY KEY,
        file_name     TEXT    NOT NULL,
        sha256        TEXT    NOT NULL UNIQUE,
        size          INTEGER NOT NULL,
        imported_at   TEXT    NOT NULL,
        side          TEXT    NOT NULL CHECK (side IN ('terminal', 'bank')),
        format        TEXT    NOT NULL,
        sheet         TEXT,
        profile       TEXT    NOT NULL,
        row_count     INTEGER NOT NULL,
        merged_count  INTEGER NOT NULL
    );
    CREATE TABLE rows (
        id          INTEGER PRIMARY KEY,
        source_id   INTEGER NOT NULL REFERENCES sources(id),
        line        INTEGER NOT NULL,
        txn         TEXT    NOT NULL,
        merge_key   TEXT,
        same_as     INTEGER REFERENCES rows(id)
    );
    CREATE INDEX rows_by_source ON rows (source_id, line);
    CREATE INDEX rows_by_merge_key ON rows (merge_key) WHERE merge_key IS NOT NULL;
    CREATE INDEX rows_by_same_as ON rows (same_as) WHERE same_as IS NOT NULL;
    CREATE TABLE decisions (
        id            INTEGER PRIMARY KEY,
        made_at       TEXT NOT NULL,
        decision      TEXT NOT NULL,
        withdrawn_at  TEXT
    );
    CREATE TABLE audit_log (
        id         INTEGER PRIMARY KEY,
        at         TEXT NOT NULL,
        action     TEXT NOT NULL,
        detail     TEXT NOT NULL,
        prev_hash  BLOB NOT NULL,
        hash       BLOB NOT NULL
    );
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;",
    // 2: whether a file's currency was assumed (it names none), so that each reconcile gives it the currency
    // of the other side's files as they then stand. Files imported before read as stating theirs.
    "ALTER TABLE sources ADD COLUMN currency_assumed INTEGER NOT NULL DEFAULT 0;",
];

/// The format version this build writes.
pub const VERSION: i64 = MIGRATIONS.len() as i64;

/// Sets the connection up: WAL, full sync, foreign keys, and waiting (not failing) while another process writes.
pub fn configure(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let open_err = |source| StoreError::Open {
        path: path.to_path_buf(),
        source,
    };
    conn.busy_timeout(Duration::from_secs(10)).map_err(open_err)?;
    conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get::<_, String>(0))
        .map_err(open_err)?;
    conn.pragma_update(None, "synchronous", "FULL").map_err(open_err)?;
    conn.pragma_update(None, "foreign_keys", "ON").map_err(open_err)?;
    Ok(())
}

fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
}

/// Brings the workspace to [`VERSION`]; refuses a workspace written by a newer posrecon.
pub fn migrate(conn: &mut Connection, path: &Path) -> Result<(), StoreError> {
    let open_err = |source| StoreError::Open {
        path: path.to_path_buf(),
        source,
    };
    loop {
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(open_err)?;
        let found = user_version(&tx).map_err(open_err)?;
        if found > VERSION {
            return Err(StoreError::TooNew {
                path: path.to_path_buf(),
                found,
                known: VERSION,
            });
        }
        let Some(sql) = usize::try_from(found).ok().and_then(|i| MIGRATIONS.get(i)) else {
            return Ok(());
        };
        tx.execute_batch(sql).map_err(open_err)?;
        tx.pragma_update(None, "user_version", found + 1).map_err(open_err)?;
        tx.commit().map_err(open_err)?;
    }
}
