//! The workspace's audit log as the history screen shows it: the newest entries, whether each checks out in the
//! hash chain (`verify-log`'s answer), the decisions whose rows are gone, and each entry in words.

use std::collections::HashMap;
use std::path::PathBuf;

use serde_json::Value;

use crate::app::i18n::{self, Language};
use crate::model::Side;
use crate::store::{AuditEntry, LogCheck, OrphanedDecision, RowKey, StoredDecision, describe_key};

/// The audit log as the history screen shows it, and the decisions whose rows are gone.
#[derive(Clone, Debug, Default)]
pub struct History {
    pub path: PathBuf,
    /// The newest entries, oldest first.
    pub entries: Vec<AuditEntry>,
    /// The result of checking the whole hash chain.
    pub check: LogCheck,
    /// File names by SHA-256, removed files included.
    pub names: HashMap<String, String>,
    pub orphaned: Vec<OrphanedDecision>,
    /// Imported files in the workspace.
    pub files: usize,
}

/// How an entry stands in the hash chain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chain {
    Intact,
    /// The first entry that does not check out.
    Broken,
    /// After the break: cannot be vouched for.
    Unchecked,
}

/// The chain state of an entry, from the check of the whole log.
pub fn chain(history: &History, entry: &AuditEntry) -> Chain {
    match &history.check.first_broken {
        None => Chain::Intact,
        Some(broken) if entry.id < broken.id => Chain::Intact,
        Some(broken) if entry.id == broken.id => Chain::Broken,
        Some(_) => Chain::Unchecked,
    }
}

/// What happened, in words.
pub fn action(language: Language, action: &str) -> String {
    match action {
        "import" => i18n::action_import(language).to_owned(),
        "remove_source" => i18n::action_remove_source(language).to_owned(),
        "decision" => i18n::action_decision(language).to_owned(),
        "withdraw_decision" => i18n::action_withdraw(language).to_owned(),
        other => other.to_owned(),
    }
}

/// The entry's details in words (the JSON itself when it is not one the app knows).
pub fn detail(language: Language, entry: &AuditEntry, names: &HashMap<String, String>) -> String {
    let value: Value = serde_json::from_str(&entry.detail).unwrap_or_default();
    let number = |key: &str| value[key].as_u64().unwrap_or(0) as usize;
    let file = value["file"]
        .as_str()
        .map(|f| crate::app::importing::file_name(std::path::Path::new(f)))
        .unwrap_or_default();
    match entry.action.as_str() {
        "import" => {
            let side = if value["side"].as_str() == Some("bank") {
                Side::Bank
            } else {
                Side::Terminal
            };
            let mut line = format!(
                "{file} · {} · {}",
                i18n::side(language, side),
                i18n::rows_count(language, number("rows"))
            );
            if number("merged") > 0 {
                line += &format!(" · {} {}", number("merged"), i18n::rows_merged(language));
            }
            line
        }
        "remove_source" => format!("{file} · {}", i18n::rows_count(language, number("rows"))),
        "decision" => match serde_json::from_value::<StoredDecision>(value["what"].clone()) {
            Ok(decision) => format!("#{} {}", number("decision"), decision_text(language, &decision, names)),
            Err(_) => entry.detail.clone(),
        },
        "withdraw_decision" => format!("#{}", number("decision")),
        _ => entry.detail.clone(),
    }
}

/// A stored decision in words: "Match terminal-log.csv:12 ↔ bank.xlsx:40".
pub fn decision_text(language: Language, decision: &StoredDecision, names: &HashMap<String, String>) -> String {
    let key = |k: &RowKey| describe_key(k, names);
    let keys = |ks: &[RowKey]| ks.iter().map(key).collect::<Vec<_>>().join(" + ");
    match decision {
        StoredDecision::ForceMatch { terminal, bank } => {
            format!("{} {} ↔ {}", i18n::decided_match(language), keys(terminal), keys(bank))
        }
        StoredDecision::Unmatch { row } => format!("{} {}", i18n::decided_unmatch(language), key(row)),
        StoredDecision::AcceptFlag { row, rule } => format!(
            "{} {} · {}",
            i18n::decided_accept(language),
            i18n::rule(language, *rule),
            key(row)
        ),
        StoredDecision::Note { row, text } => format!("{} {}: “{text}”", i18n::decided_note(language), key(row)),
    }
}

/// An RFC 3339 UTC time as local time, to the second.
pub fn local_time(at: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(at)
        .map(|t| t.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M:%S").to_string())
        .unwrap_or_else(|_| at.to_owned())
}
