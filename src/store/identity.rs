//! Whether a file is a posrecon workspace, decided from what it holds before anything is written to it.
//! Opening a file as a workspace switches it to WAL and adds tables: done to another application's database,
//! that would damage it. So a file that exists must be a SQLite database stamped with posrecon's
//! `application_id`, or an unstamped one that holds exactly a workspace's tables (made before the stamp), or an
//! empty database; anything else is refused untouched.

use std::io::Read;
use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::StoreError;

/// posrecon's `PRAGMA application_id`: "POSR".
pub const APPLICATION_ID: i32 = 0x504F_5352;

/// The tables every workspace has.
const WORKSPACE_TABLES: [&str; 4] = ["audit_log", "decisions", "rows", "sources"];

/// Refuses a file at `path` that is not a workspace (nor empty, nor absent), reading it only.
pub fn check(path: &Path) -> Result<(), StoreError> {
    let not_a_workspace = |reason: String| StoreError::NotAWorkspace {
        path: path.to_path_buf(),
        reason,
    };
    let Ok(meta) = std::fs::metadata(path) else {
        return Ok(());
    };
    if !meta.is_file() {
        return Err(not_a_workspace("not a regular file".into()));
    }
    if meta.len() == 0 {
        return Ok(());
    }
    let mut header = [0u8; 100];
    let read = std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut header));
    if read.is_err() || !header.starts_with(b"SQLite format 3\0") {
        return Err(not_a_workspace("it is not a SQLite database".into()));
    }
    let application_id = i32::from_be_bytes([header[68], header[69], header[70], header[71]]);
    if application_id == APPLICATION_ID {
        return Ok(());
    }
    if application_id != 0 {
        return Err(not_a_workspace(format!(
            "it is another application's database (application_id {application_id:#x})"
        )));
    }
    let tables = table_names(path).map_err(|source| StoreError::Open {
        path: path.to_path_buf(),
        source,
    })?;
    if tables.is_empty() || WORKSPACE_TABLES.iter().all(|t| tables.iter().any(|n| n == t)) {
        return Ok(());
    }
    Err(not_a_workspace(format!(
        "it is another application's database (tables {})",
        tables.join(", ")
    )))
}

/// The tables of the database at `path`, read through a read-only connection.
fn table_names(path: &Path) -> rusqlite::Result<Vec<String>> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let mut query = conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")?;
    let names = query.query_map([], |row| row.get::<_, String>(0))?;
    names.collect()
}

/// Stamps a workspace with posrecon's `application_id` (once; a no-op when it has it).
pub fn stamp(conn: &Connection) -> rusqlite::Result<()> {
    let found: i32 = conn.pragma_query_value(None, "application_id", |row| row.get(0))?;
    if found != APPLICATION_ID {
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    }
    Ok(())
}
