//! The stored rows, loaded back for reconciling. Inside a reconcile the engine addresses rows by [`RowId`]
//! (side + position in the slice it was given), which changes whenever a file is added or removed; the
//! workspace addresses them by [`RowKey`] (the file's SHA-256 + the line), which does not. [`WorkspaceRows`]
//! holds the rows of one reconcile and translates between the two.
//!
//! A line can hold more than one row (a refunded Stripe charge is the sale and its refund): the key's `ordinal`
//! tells them apart, counted over every stored row of the file (merged ones too), so a row keeps its key when an
//! earlier statement export is removed and a merged row comes back.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::{StoreError, Workspace};
use crate::engine::RowId;
use crate::import::currency::Adopted;
use crate::model::{LineRow, Side, Source, SourceId, Txn};

/// A row, addressed stably: the SHA-256 of the file it was imported from, its line (or Excel row) and which
/// row read from that line it is. Stored as JSON in decisions and audit entries; `ordinal` is left out when 0,
/// so keys written before it existed read, and are written, exactly as they were (the audit chain holds).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct RowKey {
    pub sha256: String,
    pub line: u32,
    /// 0 for the first row read from the line, 1 for the second (a refund read from its sale's line).
    #[serde(default, skip_serializing_if = "is_first")]
    pub ordinal: u32,
}

fn is_first(ordinal: &u32) -> bool {
    *ordinal == 0
}

impl RowKey {
    /// The line and which of its rows, as addresses print it (`12`, `12.2`).
    pub fn line_row(&self) -> LineRow {
        LineRow {
            line: self.line,
            ordinal: self.ordinal,
        }
    }
}

/// The rows of the workspace as passed to the engine: merged overlap rows left out, files in import order.
#[derive(Clone, Debug, Default)]
pub struct WorkspaceRows {
    /// The imported files; `sources[i].id == SourceId(i)`, which the rows' [`crate::model::RowRef`]s carry.
    pub sources: Vec<Source>,
    pub terminal: Vec<Txn>,
    pub bank: Vec<Txn>,
    /// Files that name no currency and were given the other side's (their rows and formats already changed).
    pub adopted: Vec<Adopted>,
    terminal_keys: Vec<RowKey>,
    bank_keys: Vec<RowKey>,
    by_key: HashMap<RowKey, RowId>,
}

impl WorkspaceRows {
    /// The stable key of a row of this reconcile.
    pub fn key(&self, row: RowId) -> Option<&RowKey> {
        match row.side {
            Side::Terminal => self.terminal_keys.get(row.index as usize),
            Side::Bank => self.bank_keys.get(row.index as usize),
        }
    }

    /// Where a stably addressed row sits in this reconcile; None when it is not there (its file was removed, or
    /// the line holds fewer rows).
    pub fn row_id(&self, key: &RowKey) -> Option<RowId> {
        self.by_key.get(key).copied()
    }

    /// The keys of the rows of one file's line that take part in this reconcile, first row first.
    pub fn on_line(&self, sha256: &str, line: u32) -> Vec<&RowKey> {
        let mut found: Vec<&RowKey> = (self.terminal_keys.iter().chain(&self.bank_keys))
            .filter(|k| k.line == line && k.sha256 == sha256)
            .collect();
        found.sort_by_key(|k| k.ordinal);
        found
    }

    fn push(&mut self, key: RowKey, txn: Txn) {
        let (txns, keys) = match txn.side {
            Side::Terminal => (&mut self.terminal, &mut self.terminal_keys),
            Side::Bank => (&mut self.bank, &mut self.bank_keys),
        };
        let id = RowId {
            side: txn.side,
            index: txns.len() as u32,
        };
        self.by_key.entry(key.clone()).or_insert(id);
        txns.push(txn);
        keys.push(key);
    }
}

impl Workspace {
    /// Loads every row that takes part in reconciling.
    pub fn rows(&self) -> Result<WorkspaceRows, StoreError> {
        let records = self.sources()?;
        let mut out = WorkspaceRows::default();
        let mut position: HashMap<i64, (SourceId, String)> = HashMap::new();
        for (i, record) in records.iter().enumerate() {
            let id = SourceId(u16::try_from(i).map_err(|_| StoreError::TooManySources {
                max: usize::from(u16::MAX),
            })?);
            position.insert(record.id, (id, record.sha256.clone()));
            out.sources.push(Source {
                id,
                path: record.file_name.clone(),
                side: record.side,
                sheet: record.sheet.clone(),
                format: record.format.clone(),
            });
        }
        let doing = "load the stored rows";
        // Every stored row, merged ones too (their text left unread), so each row's ordinal on its line is
        // counted the same whether or not the rows before it take part.
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, source_id, line, CASE WHEN same_as IS NULL THEN txn END FROM rows ORDER BY source_id, id",
            )
            .map_err(StoreError::sql(doing))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, u32>(2)?,
                    r.get::<_, Option<String>>(3)?,
                ))
            })
            .map_err(StoreError::sql(doing))?;
        let mut previous: Option<(i64, u32)> = None;
        let mut ordinal = 0;
        for row in rows {
            let (id, source, line, json) = row.map_err(StoreError::sql(doing))?;
            ordinal = if previous == Some((source, line)) {
                ordinal + 1
            } else {
                0
            };
            previous = Some((source, line));
            let Some(json) = json else { continue };
            let mut txn: Txn = serde_json::from_str(&json).map_err(|e| StoreError::Corrupt {
                table: "rows",
                id,
                column: "txn",
                found: json.chars().take(80).collect(),
                expected: format!("a transaction as JSON ({e})"),
            })?;
            let Some((source_id, sha256)) = position.get(&source) else {
                return Err(StoreError::Corrupt {
                    table: "rows",
                    id,
                    column: "source_id",
                    found: source.to_string(),
                    expected: "the id of an imported file".to_owned(),
                });
            };
            txn.row.source = *source_id;
            out.push(
                RowKey {
                    sha256: sha256.clone(),
                    line,
                    ordinal,
                },
                txn,
            );
        }
        out.adopted = super::sources::adopt_currencies(&records, &mut out.sources, &mut out.terminal, &mut out.bank);
        Ok(out)
    }
}
