//! Imported files: importing one into the workspace (refused when the same bytes were imported before), listing
//! them, and taking one out again. Each of these is one transaction with its audit entry.

use std::path::Path;

use rusqlite::{OptionalExtension, TransactionBehavior, params};
use serde_json::json;
use sha2::{Digest, Sha256};

use super::{StoreError, Workspace, audit, overlap};
use crate::import::currency::{self, Adopted, FileCurrency, RowsCurrency};
use crate::import::{self, ImportOptions, Imported, Profile};
use crate::model::{Currency, Side, Source, Txn};

/// One imported file as the workspace remembers it.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceRecord {
    pub id: i64,
    /// The path as the user gave it.
    pub file_name: String,
    /// SHA-256 of the file's bytes, lower-case hex.
    pub sha256: String,
    pub size: u64,
    /// UTC, RFC 3339.
    pub imported_at: String,
    pub side: Side,
    /// "CSV (GBK, comma)", a preset name…
    pub format: String,
    pub sheet: Option<String>,
    /// The mapping the rows were read with.
    pub profile: Profile,
    /// Rows stored, merged ones included.
    pub row_count: u64,
    /// Rows that repeat a row of an earlier statement export and take no part in reconciling.
    pub merged_count: u64,
    /// The file names no currency: its rows were read as CNY for want of anything written, and each reconcile
    /// gives them the currency of the other side's files when those state one (see [`adopt_currencies`]).
    pub currency_assumed: bool,
}

/// What one import added.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportSummary {
    pub source: SourceRecord,
    /// Rows read from the file.
    pub rows: usize,
    /// Of those, rows already in the workspace from an overlapping earlier export.
    pub merged: usize,
    /// Rows that could not be read and were skipped (only with `skip_bad_rows`).
    pub skipped_bad_rows: usize,
}

fn side_id(side: Side) -> &'static str {
    match side {
        Side::Terminal => "terminal",
        Side::Bank => "bank",
    }
}

const SELECT_SOURCES: &str = "SELECT id, file_name, sha256, size, imported_at, side, format, sheet, profile, \
                              row_count, merged_count, currency_assumed FROM sources";

fn read_source(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<SourceRecord, StoreError>> {
    let id: i64 = r.get(0)?;
    let side: String = r.get(5)?;
    let profile: String = r.get(8)?;
    let corrupt = |column, found: &str, expected: &str| StoreError::Corrupt {
        table: "sources",
        id,
        column,
        found: found.to_owned(),
        expected: expected.to_owned(),
    };
    let side = match side.as_str() {
        "terminal" => Side::Terminal,
        "bank" => Side::Bank,
        other => return Ok(Err(corrupt("side", other, "terminal or bank"))),
    };
    let profile = match serde_json::from_str(&profile) {
        Ok(p) => p,
        Err(e) => {
            return Ok(Err(corrupt(
                "profile",
                &profile,
                &format!("an import profile as JSON ({e})"),
            )));
        }
    };
    Ok(Ok(SourceRecord {
        id,
        file_name: r.get(1)?,
        sha256: r.get(2)?,
        size: r.get(3)?,
        imported_at: r.get(4)?,
        side,
        format: r.get(6)?,
        sheet: r.get(7)?,
        profile,
        row_count: r.get(9)?,
        merged_count: r.get(10)?,
        currency_assumed: r.get(11)?,
    }))
}

/// SHA-256 of the bytes, lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    audit::hex(&Sha256::digest(bytes))
}

impl Workspace {
    /// Every imported file, in import order.
    pub fn sources(&self) -> Result<Vec<SourceRecord>, StoreError> {
        let doing = "list the imported files";
        let mut stmt = self
            .conn
            .prepare(&format!("{SELECT_SOURCES} ORDER BY id"))
            .map_err(StoreError::sql(doing))?;
        let rows = stmt.query_map([], read_source).map_err(StoreError::sql(doing))?;
        let mut out = Vec::new();
        for row in rows {
            out.push(row.map_err(StoreError::sql(doing))??);
        }
        Ok(out)
    }

    /// The earlier import of these exact bytes, if any.
    pub fn source_by_sha256(&self, sha256: &str) -> Result<Option<SourceRecord>, StoreError> {
        find_by_sha(&self.conn, sha256)
    }

    /// Imports a file from disk. See [`Workspace::import_bytes`].
    pub fn import_file(&mut self, path: &Path, opts: &ImportOptions) -> Result<ImportSummary, StoreError> {
        let file = path.display().to_string();
        let bytes = crate::import::file_bytes::read(path).map_err(|source| StoreError::Read {
            file: file.clone(),
            source,
        })?;
        self.import_bytes(&file, &bytes, opts)
    }

    /// Reads the file's rows and stores them in one transaction with the file's record and an audit entry:
    /// after a crash the import is there whole or not at all. Refused with [`StoreError::AlreadyImported`]
    /// when the same bytes were imported before. Bank rows that repeat a row of an earlier statement export
    /// (see [`overlap`]) are stored but marked as merged, and counted in [`ImportSummary::merged`].
    pub fn import_bytes(
        &mut self,
        file_name: &str,
        bytes: &[u8],
        opts: &ImportOptions,
    ) -> Result<ImportSummary, StoreError> {
        refuse_reimport(&self.conn, file_name, &sha256_hex(bytes))?;
        let imported = import::import_bytes(file_name, bytes, opts)?;
        self.import_read(file_name, bytes, &imported, currency::assumed(&imported))
    }

    /// Stores rows already read from `bytes` (the app reads a file first so the owner can check its columns),
    /// like [`Workspace::import_bytes`]: one transaction with the file's record and its audit entry, refused when
    /// the same bytes were imported before, overlap with earlier statement exports merged. The rows' side is
    /// `imported.source.side`. `currency_assumed`: the file names no currency ([`currency::assumed`], decided
    /// when it was read); its rows are stored as read and take the other side's currency on each reconcile.
    pub fn import_read(
        &mut self,
        file_name: &str,
        bytes: &[u8],
        imported: &Imported,
        currency_assumed: bool,
    ) -> Result<ImportSummary, StoreError> {
        let sha256 = sha256_hex(bytes);
        refuse_reimport(&self.conn, file_name, &sha256)?;
        let doing = format!("store the rows of {file_name}");
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(StoreError::sql(doing.clone()))?;
        // Another process may have imported the same bytes while this one was reading them.
        refuse_reimport(&tx, file_name, &sha256)?;
        let source = insert_source(&tx, file_name, &sha256, bytes.len(), imported, currency_assumed)?;
        let same_as = overlap::earlier_copies(&tx, source, &imported.txns)?;
        let merged = same_as.iter().filter(|s| s.is_some()).count();
        insert_rows(&tx, source, &imported.txns, &same_as).map_err(StoreError::sql(doing.clone()))?;
        tx.execute(
            "UPDATE sources SET merged_count = ?1 WHERE id = ?2",
            params![merged as i64, source],
        )
        .map_err(StoreError::sql(doing.clone()))?;
        let detail = json!({
            "source": source, "file": file_name, "sha256": sha256, "size": bytes.len(),
            "side": side_id(imported.source.side), "rows": imported.txns.len(), "merged": merged,
            "skipped_bad_rows": imported.details.bad_row_count, "currency_assumed": currency_assumed,
        });
        audit::append(&tx, "import", &detail)?;
        let record = find_by_id(&tx, source)?;
        tx.commit().map_err(StoreError::sql(doing))?;
        Ok(ImportSummary {
            source: record,
            rows: imported.txns.len(),
            merged,
            skipped_bad_rows: imported.details.bad_row_count,
        })
    }

    /// Takes an imported file and its rows out of the workspace. Rows of later exports that were merged into
    /// its rows take part again. Decisions naming its rows stay stored and show as orphaned.
    pub fn remove_source(&mut self, id: i64) -> Result<SourceRecord, StoreError> {
        let doing = format!("remove imported file {id}");
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(StoreError::sql(doing.clone()))?;
        let record = find_by_id(&tx, id)?;
        let revived = tx
            .execute(
                "UPDATE rows SET same_as = NULL WHERE same_as IN (SELECT id FROM rows WHERE source_id = ?1)",
                [id],
            )
            .map_err(StoreError::sql(doing.clone()))?;
        tx.execute(
            "UPDATE sources SET merged_count = (SELECT COUNT(*) FROM rows r WHERE r.source_id = sources.id \
             AND r.same_as IS NOT NULL)",
            [],
        )
        .map_err(StoreError::sql(doing.clone()))?;
        tx.execute("DELETE FROM rows WHERE source_id = ?1", [id])
            .map_err(StoreError::sql(doing.clone()))?;
        tx.execute("DELETE FROM sources WHERE id = ?1", [id])
            .map_err(StoreError::sql(doing.clone()))?;
        let detail = json!({
            "source": id, "file": record.file_name, "sha256": record.sha256,
            "rows": record.row_count, "rows_taking_part_again": revived,
        });
        audit::append(&tx, "remove_source", &detail)?;
        tx.commit().map_err(StoreError::sql(doing))?;
        Ok(record)
    }
}

/// Gives the rows of each file whose currency was assumed the currency the other side's files state, by the one
/// rule of [`currency::counterpart_currencies`] applied to the workspace as it now stands: a EUR statement
/// imported after an English SumUp export makes the export's rows EUR from then on. An assumed file with nothing
/// to adopt reads as CNY, whatever its rows were stored in. Each adopted file's format ends in
/// [`Adopted::format_note`]. `records[i]` is the file of `SourceId(i)`. Returns what was adopted.
pub(super) fn adopt_currencies(
    records: &[SourceRecord],
    sources: &mut [Source],
    terminal: &mut [Txn],
    bank: &mut [Txn],
) -> Vec<Adopted> {
    let mut rows = vec![RowsCurrency::NoRows; records.len()];
    for txn in terminal.iter().chain(bank.iter()) {
        if let Some(seen) = rows.get_mut(usize::from(txn.row.source.0)) {
            *seen = seen.and(RowsCurrency::One(txn.currency));
        }
    }
    let facts: Vec<FileCurrency> = records
        .iter()
        .zip(rows)
        .map(|(r, rows)| FileCurrency {
            side: r.side,
            assumed: r.currency_assumed,
            rows,
        })
        .collect();
    let decisions = currency::counterpart_currencies(&facts);
    for txn in terminal.iter_mut().chain(bank.iter_mut()) {
        let index = usize::from(txn.row.source.0);
        if records.get(index).is_some_and(|r| r.currency_assumed) {
            txn.currency = decisions
                .get(index)
                .copied()
                .flatten()
                .map_or(Currency::CNY, |(c, _)| c);
        }
    }
    let mut adopted = Vec::new();
    for (source, decision) in sources.iter_mut().zip(decisions) {
        let Some((currency, from)) = decision else { continue };
        let done = Adopted {
            source: source.id,
            path: source.path.clone(),
            currency,
            from,
        };
        source.format.push_str(&done.format_note());
        adopted.push(done);
    }
    adopted
}

fn find_by_sha(conn: &rusqlite::Connection, sha256: &str) -> Result<Option<SourceRecord>, StoreError> {
    let doing = "look up earlier imports";
    conn.query_row(&format!("{SELECT_SOURCES} WHERE sha256 = ?1"), [sha256], read_source)
        .optional()
        .map_err(StoreError::sql(doing))?
        .transpose()
}

fn find_by_id(conn: &rusqlite::Connection, id: i64) -> Result<SourceRecord, StoreError> {
    conn.query_row(&format!("{SELECT_SOURCES} WHERE id = ?1"), [id], read_source)
        .optional()
        .map_err(StoreError::sql("read an imported file's record"))?
        .ok_or(StoreError::NoSuchSource { id })?
}

fn refuse_reimport(conn: &rusqlite::Connection, file_name: &str, sha256: &str) -> Result<(), StoreError> {
    match find_by_sha(conn, sha256)? {
        Some(earlier) => Err(StoreError::AlreadyImported {
            file: file_name.to_owned(),
            earlier_file: earlier.file_name,
            earlier_time: earlier.imported_at,
            sha256: sha256.to_owned(),
        }),
        None => Ok(()),
    }
}

fn insert_source(
    tx: &rusqlite::Transaction<'_>,
    file_name: &str,
    sha256: &str,
    size: usize,
    imported: &Imported,
    currency_assumed: bool,
) -> Result<i64, StoreError> {
    let profile = serde_json::to_string(&imported.details.profile).unwrap_or_else(|_| "{}".to_owned());
    tx.execute(
        "INSERT INTO sources (file_name, sha256, size, imported_at, side, format, sheet, profile, row_count, \
         merged_count, currency_assumed) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0, ?10)",
        params![
            file_name,
            sha256,
            size as i64,
            audit::now(),
            side_id(imported.source.side),
            imported.source.format,
            imported.source.sheet,
            profile,
            imported.txns.len() as i64,
            currency_assumed,
        ],
    )
    .map_err(StoreError::sql(format!("record the import of {file_name}")))?;
    Ok(tx.last_insert_rowid())
}

fn insert_rows(
    tx: &rusqlite::Transaction<'_>,
    source: i64,
    txns: &[Txn],
    same_as: &[Option<i64>],
) -> rusqlite::Result<()> {
    let mut stmt =
        tx.prepare("INSERT INTO rows (source_id, line, txn, merge_key, same_as) VALUES (?1, ?2, ?3, ?4, ?5)")?;
    for (i, txn) in txns.iter().enumerate() {
        let json = serde_json::to_string(txn).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        let key = overlap::merge_key(txn);
        stmt.execute(params![
            source,
            txn.row.line,
            json,
            key,
            same_as.get(i).copied().flatten()
        ])?;
    }
    Ok(())
}
