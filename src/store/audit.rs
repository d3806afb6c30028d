//! The audit log: an append-only table where every change to the workspace (an import, a removed file, a
//! decision made or withdrawn) leaves one entry, written in the same transaction as the change. Entries are
//! hash-chained: `hash = SHA-256(previous hash ‖ canonical bytes of the entry)`, the first entry chaining from 32
//! zero bytes, so an entry edited or deleted afterwards breaks the chain at that point, and [`verify`] says where.
//!
//! Triggers refuse UPDATE and DELETE on the table; the chain catches edits made around them (a raw file editor,
//! dropped triggers). What a chain cannot show is entries cut off the end together with the changes they record.

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::StoreError;

/// One entry of the audit log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    pub id: i64,
    /// When, UTC, RFC 3339.
    pub at: String,
    /// What happened: `import`, `remove_source`, `decision`, `withdraw_decision`.
    pub action: String,
    /// The details, as JSON text (file, SHA-256, counts, the decision…).
    pub detail: String,
    pub prev_hash: Vec<u8>,
    pub hash: Vec<u8>,
}

/// Where the chain breaks, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrokenEntry {
    /// The first entry that does not check out.
    pub id: i64,
    pub why: Break,
    /// `why` in words (English), as `verify-log` prints it.
    pub reason: String,
}

/// Why an entry breaks the chain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Break {
    /// Its id is not the next one: entries before it were removed (`expected` was due here).
    Gap { expected: i64 },
    /// Its previous-hash is not the hash of the entry before it (an entry before it was removed or replaced).
    PreviousHash,
    /// Its content does not match its own hash: it was changed after it was written.
    Content,
}

impl Break {
    fn reason(self) -> String {
        match self {
            Break::Gap { expected } => format!("expected entry {expected} here: entries before it were removed"),
            Break::PreviousHash => "its previous-hash is not the hash of the entry before it".to_owned(),
            Break::Content => {
                "its content does not match its hash: the entry was changed after it was written".to_owned()
            }
        }
    }
}

/// The result of checking the whole log.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LogCheck {
    /// Entries read.
    pub entries: u64,
    /// The first entry that breaks the chain; None when the chain is whole.
    pub first_broken: Option<BrokenEntry>,
}

/// The bytes an entry's hash covers: its id, time, action and detail as one JSON object with fixed field order.
fn canonical_bytes(id: i64, at: &str, action: &str, detail: &str) -> Vec<u8> {
    #[derive(Serialize)]
    struct Canonical<'a> {
        id: i64,
        at: &'a str,
        action: &'a str,
        detail: &'a str,
    }
    serde_json::to_vec(&Canonical { id, at, action, detail }).unwrap_or_default()
}

fn chain_hash(prev: &[u8], canonical: &[u8]) -> Vec<u8> {
    let mut hasher = Sha256::new();
    hasher.update(prev);
    hasher.update(canonical);
    hasher.finalize().to_vec()
}

const GENESIS: [u8; 32] = [0; 32];

/// The current time, UTC, as the store writes it.
pub fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// Appends an entry inside the caller's transaction (the one making the change it records). Returns its id.
pub fn append(tx: &Transaction<'_>, action: &str, detail: &serde_json::Value) -> Result<i64, StoreError> {
    let doing = "append to the audit log";
    let last: Option<(i64, Vec<u8>)> = tx
        .query_row("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()
        .map_err(StoreError::sql(doing))?;
    let (id, prev) = match last {
        Some((id, hash)) => (id + 1, hash),
        None => (1, GENESIS.to_vec()),
    };
    let at = now();
    let detail = detail.to_string();
    let hash = chain_hash(&prev, &canonical_bytes(id, &at, action, &detail));
    tx.execute(
        "INSERT INTO audit_log (id, at, action, detail, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id, at, action, detail, prev, hash],
    )
    .map_err(StoreError::sql(doing))?;
    Ok(id)
}

fn read_entry(r: &rusqlite::Row<'_>) -> rusqlite::Result<AuditEntry> {
    Ok(AuditEntry {
        id: r.get(0)?,
        at: r.get(1)?,
        action: r.get(2)?,
        detail: r.get(3)?,
        prev_hash: r.get(4)?,
        hash: r.get(5)?,
    })
}

const SELECT_ENTRIES: &str = "SELECT id, at, action, detail, prev_hash, hash FROM audit_log";

/// The newest `limit` entries, oldest first.
pub fn latest(conn: &Connection, limit: usize) -> Result<Vec<AuditEntry>, StoreError> {
    let doing = "read the audit log";
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let mut stmt = conn
        .prepare(&format!(
            "SELECT * FROM ({SELECT_ENTRIES} ORDER BY id DESC LIMIT ?1) ORDER BY id"
        ))
        .map_err(StoreError::sql(doing))?;
    let rows = stmt.query_map([limit], read_entry).map_err(StoreError::sql(doing))?;
    rows.collect::<Result<Vec<_>, _>>().map_err(StoreError::sql(doing))
}

/// Walks the whole chain, oldest first, and returns the first entry that does not check out: an id out of
/// sequence (entries deleted before it), a previous-hash that is not the previous entry's, or a hash that is not
/// the hash of its own content (the entry was edited).
pub fn verify(conn: &Connection) -> Result<LogCheck, StoreError> {
    let doing = "read the audit log";
    let mut stmt = conn
        .prepare(&format!("{SELECT_ENTRIES} ORDER BY id"))
        .map_err(StoreError::sql(doing))?;
    let mut rows = stmt.query_map([], read_entry).map_err(StoreError::sql(doing))?;
    let mut prev = GENESIS.to_vec();
    let mut expected_id = 1;
    let mut entries = 0;
    let broken = |id, why: Break| {
        Some(BrokenEntry {
            id,
            why,
            reason: why.reason(),
        })
    };
    while let Some(entry) = rows.next().transpose().map_err(StoreError::sql(doing))? {
        entries += 1;
        let first_broken = if entry.id != expected_id {
            broken(entry.id, Break::Gap { expected: expected_id })
        } else if entry.prev_hash != prev {
            broken(entry.id, Break::PreviousHash)
        } else if entry.hash
            != chain_hash(
                &prev,
                &canonical_bytes(entry.id, &entry.at, &entry.action, &entry.detail),
            )
        {
            broken(entry.id, Break::Content)
        } else {
            None
        };
        if first_broken.is_some() {
            return Ok(LogCheck { entries, first_broken });
        }
        prev = entry.hash;
        expected_id += 1;
    }
    Ok(LogCheck {
        entries,
        first_broken: None,
    })
}

/// The file name of every import the log records, by SHA-256 (a later import under another name wins).
pub fn imported_names(conn: &Connection) -> Result<std::collections::HashMap<String, String>, StoreError> {
    let doing = "read the imports from the audit log";
    let mut stmt = conn
        .prepare("SELECT detail FROM audit_log WHERE action = 'import' ORDER BY id")
        .map_err(StoreError::sql(doing))?;
    let details = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .map_err(StoreError::sql(doing))?;
    let mut names = std::collections::HashMap::new();
    for detail in details {
        let detail = detail.map_err(StoreError::sql(doing))?;
        let value: serde_json::Value = serde_json::from_str(&detail).unwrap_or_default();
        if let (Some(sha), Some(file)) = (value["sha256"].as_str(), value["file"].as_str()) {
            names.insert(sha.to_owned(), file.to_owned());
        }
    }
    Ok(names)
}

/// Lower-case hex of bytes (hashes in messages and in the history).
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
