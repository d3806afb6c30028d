//! The owner's manual decisions (pair these rows, unpair that one, accept a flag, a note), stored with rows
//! addressed by [`RowKey`] so they survive new imports, and replayed into `engine::reconcile` in the order they
//! were made. A decision naming a row that is no longer in the workspace is not dropped: [`replay`] reports it
//! as an [`OrphanedDecision`], and it stays stored until withdrawn.

use rusqlite::{TransactionBehavior, params};
use serde_json::json;

use super::{RowKey, StoreError, Workspace, WorkspaceRows, audit};
use crate::engine::{Decision, RowId};

/// A [`Decision`] with its rows addressed stably (file + line), as it is stored. The engine's own type, so the
/// two cannot drift apart; [`to_stored`] and [`resolve`] translate between them.
pub type StoredDecision = Decision<RowKey>;

/// A stored decision with its id and when it was made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecisionRecord {
    pub id: i64,
    /// UTC, RFC 3339.
    pub made_at: String,
    pub decision: StoredDecision,
}

/// A stored decision that names rows no longer in the workspace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrphanedDecision {
    pub record: DecisionRecord,
    /// The rows that are gone.
    pub missing: Vec<RowKey>,
}

/// Translates a decision made on the rows of one reconcile into stable keys.
pub fn to_stored(decision: &Decision, rows: &WorkspaceRows) -> Result<StoredDecision, StoreError> {
    decision.try_map_rows(|row: &RowId| {
        rows.key(*row).cloned().ok_or(StoreError::UnknownRow {
            side: row.side,
            index: row.index,
            count: match row.side {
                crate::model::Side::Terminal => rows.terminal.len(),
                crate::model::Side::Bank => rows.bank.len(),
            },
        })
    })
}

/// The stored decision on the rows of this reconcile, or the keys of the rows that are gone.
pub fn resolve(stored: &StoredDecision, rows: &WorkspaceRows) -> Result<Decision, Vec<RowKey>> {
    stored.try_map_rows(|key| rows.row_id(key).ok_or(())).map_err(|()| {
        stored
            .rows()
            .into_iter()
            .filter(|k| rows.row_id(k).is_none())
            .cloned()
            .collect()
    })
}

/// The stored decisions as engine decisions on these rows, in the order made, and those that cannot be
/// replayed because rows they name are gone.
pub fn replay(stored: &[DecisionRecord], rows: &WorkspaceRows) -> (Vec<Decision>, Vec<OrphanedDecision>) {
    let mut decisions = Vec::with_capacity(stored.len());
    let mut orphaned = Vec::new();
    for record in stored {
        match resolve(&record.decision, rows) {
            Ok(decision) => decisions.push(decision),
            Err(missing) => orphaned.push(OrphanedDecision {
                record: record.clone(),
                missing,
            }),
        }
    }
    (decisions, orphaned)
}

impl Workspace {
    /// Stores a decision made on the rows of a reconcile (`rows` are those rows). Returns its id.
    pub fn record_decision(&mut self, decision: &Decision, rows: &WorkspaceRows) -> Result<i64, StoreError> {
        let stored = to_stored(decision, rows)?;
        self.record_stored_decision(&stored)
    }

    /// Stores a decision already addressed by stable keys, with its audit entry, in one transaction.
    pub fn record_stored_decision(&mut self, decision: &StoredDecision) -> Result<i64, StoreError> {
        let doing = "store a decision";
        let text = serde_json::to_string(decision).map_err(|e| StoreError::Corrupt {
            table: "decisions",
            id: 0,
            column: "decision",
            found: format!("{decision:?}"),
            expected: format!("a decision that can be written as JSON ({e})"),
        })?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(StoreError::sql(doing))?;
        tx.execute(
            "INSERT INTO decisions (made_at, decision) VALUES (?1, ?2)",
            params![audit::now(), text],
        )
        .map_err(StoreError::sql(doing))?;
        let id = tx.last_insert_rowid();
        audit::append(&tx, "decision", &json!({ "decision": id, "what": decision }))?;
        tx.commit().map_err(StoreError::sql(doing))?;
        Ok(id)
    }

    /// Withdraws a decision: it is no longer replayed, but stays in the file and in the audit log.
    pub fn withdraw_decision(&mut self, id: i64) -> Result<(), StoreError> {
        let doing = "withdraw a decision";
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(StoreError::sql(doing))?;
        let changed = tx
            .execute(
                "UPDATE decisions SET withdrawn_at = ?1 WHERE id = ?2 AND withdrawn_at IS NULL",
                params![audit::now(), id],
            )
            .map_err(StoreError::sql(doing))?;
        if changed == 0 {
            return Err(StoreError::NoSuchDecision { id });
        }
        audit::append(&tx, "withdraw_decision", &json!({ "decision": id }))?;
        tx.commit().map_err(StoreError::sql(doing))
    }

    /// The decisions in force (not withdrawn), in the order made.
    pub fn decisions(&self) -> Result<Vec<DecisionRecord>, StoreError> {
        let doing = "load the decisions";
        let mut stmt = self
            .conn
            .prepare("SELECT id, made_at, decision FROM decisions WHERE withdrawn_at IS NULL ORDER BY id")
            .map_err(StoreError::sql(doing))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
            })
            .map_err(StoreError::sql(doing))?;
        let mut out = Vec::new();
        for row in rows {
            let (id, made_at, text) = row.map_err(StoreError::sql(doing))?;
            let decision = serde_json::from_str(&text).map_err(|e| StoreError::Corrupt {
                table: "decisions",
                id,
                column: "decision",
                found: text.chars().take(80).collect(),
                expected: format!("a decision as JSON ({e})"),
            })?;
            out.push(DecisionRecord { id, made_at, decision });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::RuleId;

    #[test]
    fn decisions_stored_by_earlier_versions_read_back_as_the_engine_type() {
        // The JSON the workspace has written since format version 1.
        let text =
            r#"{"kind":"force_match","terminal":[{"sha256":"ab12","line":7}],"bank":[{"sha256":"cd34","line":3}]}"#;
        let read: StoredDecision = serde_json::from_str(text).unwrap_or(Decision::Unmatch { row: key("", 0) });
        assert_eq!(
            read,
            Decision::ForceMatch {
                terminal: vec![key("ab12", 7)],
                bank: vec![key("cd34", 3)]
            }
        );
        let accept = Decision::AcceptFlag {
            row: key("ab12", 9),
            rule: RuleId::DoubleCharge,
        };
        let text = serde_json::to_string(&accept).unwrap_or_default();
        assert_eq!(
            text,
            r#"{"kind":"accept_flag","row":{"sha256":"ab12","line":9},"rule":"double_charge"}"#
        );
    }

    #[test]
    fn the_second_row_of_a_line_is_stored_with_its_ordinal_and_the_first_as_before() {
        let refund = RowKey {
            ordinal: 1,
            ..key("ab12", 3)
        };
        let note = Decision::Note {
            row: refund.clone(),
            text: "refund".to_owned(),
        };
        let text = serde_json::to_string(&note).unwrap_or_default();
        assert_eq!(
            text,
            r#"{"kind":"note","row":{"sha256":"ab12","line":3,"ordinal":1},"text":"refund"}"#
        );
        let read: StoredDecision = serde_json::from_str(&text).unwrap_or(Decision::Unmatch { row: key("", 0) });
        assert_eq!(read, note);
        // A first row written by this version is byte for byte what earlier versions wrote and read.
        let sale = Decision::Unmatch { row: key("ab12", 3) };
        let text = serde_json::to_string(&sale).unwrap_or_default();
        assert_eq!(text, r#"{"kind":"unmatch","row":{"sha256":"ab12","line":3}}"#);
    }

    fn key(sha256: &str, line: u32) -> RowKey {
        RowKey {
            sha256: sha256.to_owned(),
            line,
            ordinal: 0,
        }
    }
}
