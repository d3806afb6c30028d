//! The words of the exports in English and Chinese: sheet names, statuses, severities, rule names and the
//! sentences for rows without a flag. One function per kind of string, each matching on [`Lang`], so the
//! compiler points out a missing translation. Column headers live beside their columns in `report::table`.

use crate::engine::{RuleId, Severity, Status};
use crate::model::{Side, TxnKind};

/// The language of an export's labels and reasons.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    /// `en` or `zh` (also `zh-CN`, `cn`, `chinese`, `english`), case-insensitive.
    pub fn from_id(id: &str) -> Option<Lang> {
        match id.trim().to_ascii_lowercase().as_str() {
            "en" | "english" | "en-us" | "en-gb" => Some(Lang::En),
            "zh" | "zh-cn" | "zh-hans" | "cn" | "chinese" => Some(Lang::Zh),
            _ => None,
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// Picks the English or the Chinese text.
    pub fn pick<'a>(self, en: &'a str, zh: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}

/// The five sheets of the workbook.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sheet {
    Summary,
    Findings,
    Batches,
    Terminal,
    Bank,
}

impl Sheet {
    pub const ALL: [Sheet; 5] = [Sheet::Summary, Sheet::Findings, Sheet::Batches, Sheet::Terminal, Sheet::Bank];

    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Sheet::Summary => lang.pick("Summary", "汇总"),
            Sheet::Findings => lang.pick("Findings", "问题清单"),
            Sheet::Batches => lang.pick("Batches", "结算批次"),
            Sheet::Terminal => lang.pick("Terminal", "终端流水"),
            Sheet::Bank => lang.pick("Bank", "银行流水"),
        }
    }
}

pub fn status(status: Status, lang: Lang) -> &'static str {
    match status {
        Status::Matched => lang.pick("matched", "已匹配"),
        Status::MatchedWithDifference => lang.pick("matched with difference", "匹配但金额有差异"),
        Status::InBatch => lang.pick("in settlement batch", "已结算（批量）"),
        Status::Missing => lang.pick("missing", "缺失"),
        Status::Duplicate => lang.pick("duplicate", "重复"),
        Status::Unrelated => lang.pick("unrelated", "无关"),
    }
}

pub fn severity(severity: Severity, lang: Lang) -> &'static str {
    match severity {
        Severity::High => lang.pick("high", "高"),
        Severity::Medium => lang.pick("medium", "中"),
        Severity::Low => lang.pick("low", "低"),
    }
}

pub fn side(side: Side, lang: Lang) -> &'static str {
    match side {
        Side::Terminal => lang.pick("terminal", "终端"),
        Side::Bank => lang.pick("bank", "银行"),
    }
}

pub fn kind(kind: TxnKind, lang: Lang) -> &'static str {
    match kind {
        TxnKind::Sale => lang.pick("sale", "消费"),
        TxnKind::Refund => lang.pick("refund", "退货"),
        TxnKind::Void => lang.pick("void", "撤销"),
        TxnKind::Settlement => lang.pick("settlement", "结算"),
        TxnKind::Fee => lang.pick("fee", "手续费"),
        TxnKind::Other => lang.pick("other", "其他"),
    }
}

/// A short name of each rule, for the Findings sheet and `posrecon rules`.
pub fn rule(rule: RuleId, lang: Lang) -> &'static str {
    match rule {
        RuleId::DoubleCharge => lang.pick("Double charge", "重复扣款"),
        RuleId::DuplicateInSource => lang.pick("Duplicate row in a file", "文件内重复行"),
        RuleId::DuplicateImport => lang.pick("File imported twice", "重复导入"),
        RuleId::ShortSettlement => lang.pick("Settlement short-paid", "结算少付"),
        RuleId::OverSettlement => lang.pick("Settlement over-paid", "结算多付"),
        RuleId::LateSettlement => lang.pick("Late settlement", "结算延迟"),
        RuleId::FeeAboveContract => lang.pick("Fee above contract", "手续费高于合同费率"),
        RuleId::UnknownTerminal => lang.pick("Unknown terminal", "陌生终端"),
        RuleId::UnknownMerchant => lang.pick("Unknown merchant ID", "陌生商户号"),
        RuleId::RefundWithoutSale => lang.pick("Refund without a sale", "无原交易的退货"),
        RuleId::RefundExceedsSale => lang.pick("Refund larger than the sale", "退货金额超过原交易"),
        RuleId::RefundOtherCard => lang.pick("Refund to another card", "退货到其他卡"),
        RuleId::CardVelocity => lang.pick("Many payments on one card", "同卡短时间多笔交易"),
        RuleId::SplitBelowLimit => lang.pick("Split payments below a limit", "拆分交易（低于限额）"),
        RuleId::RoundAmountLarge => lang.pick("Large round amount", "大额整数金额"),
        RuleId::OffHours => lang.pick("Outside opening hours", "营业时间外交易"),
        RuleId::DailyTotalOutlier => lang.pick("Unusual daily total", "日交易额异常"),
        RuleId::AmbiguousMatch => lang.pick("Ambiguous match", "匹配不确定"),
        RuleId::BalanceGap => lang.pick("Balance gap (missing rows)", "余额不连续（缺行）"),
    }
}

/// The sentence for a row whose status is worth a look but that carries no flag.
pub fn status_reason(status: Status, side: Side, lang: Lang) -> &'static str {
    match (status, side) {
        (Status::Missing, Side::Terminal) => lang.pick(
            "No payment for this sale was found in the bank statement.",
            "银行流水中没有找到这笔交易的入账。",
        ),
        (Status::Missing, Side::Bank) => lang.pick(
            "No sale in the terminal log accounts for this bank entry.",
            "终端流水中没有与这笔银行记录对应的交易。",
        ),
        (Status::MatchedWithDifference, _) => lang.pick(
            "Paired with the other side, but the amounts differ.",
            "已与对方记录配对，但金额不一致。",
        ),
        _ => "",
    }
}

/// Labels of the Summary sheet and of the command line's summary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SummaryLabel {
    TerminalRows,
    BankRows,
    Matched,
    MatchedWithDifference,
    InBatch,
    MissingInBank,
    MissingInTerminal,
    Duplicates,
    Unrelated,
    TotalFees,
    EffectiveFeeRate,
    Files,
    Flags,
    Count,
}

impl SummaryLabel {
    pub fn text(self, lang: Lang) -> &'static str {
        match self {
            SummaryLabel::TerminalRows => lang.pick("Terminal rows", "终端流水行数"),
            SummaryLabel::BankRows => lang.pick("Bank rows", "银行流水行数"),
            SummaryLabel::Matched => lang.pick("Matched", "已匹配"),
            SummaryLabel::MatchedWithDifference => lang.pick("Matched with difference", "匹配但有差异"),
            SummaryLabel::InBatch => lang.pick("In settlement batches", "批量结算"),
            SummaryLabel::MissingInBank => lang.pick("Missing in bank", "银行缺失"),
            SummaryLabel::MissingInTerminal => lang.pick("Missing in terminal log", "终端缺失"),
            SummaryLabel::Duplicates => lang.pick("Duplicates", "重复"),
            SummaryLabel::Unrelated => lang.pick("Unrelated", "无关"),
            SummaryLabel::TotalFees => lang.pick("Total fees", "手续费合计"),
            SummaryLabel::EffectiveFeeRate => lang.pick("Effective fee rate", "实际费率"),
            SummaryLabel::Files => lang.pick("Files", "文件"),
            SummaryLabel::Flags => lang.pick("Findings by rule", "按规则统计"),
            SummaryLabel::Count => lang.pick("Count", "数量"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lang_ids_round_trip_and_accept_common_spellings() {
        for lang in [Lang::En, Lang::Zh] {
            assert_eq!(Lang::from_id(lang.id()), Some(lang));
        }
        assert_eq!(Lang::from_id("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::from_id("fr"), None);
    }

    #[test]
    fn every_rule_has_a_chinese_name_distinct_from_english() {
        for r in RuleId::ALL {
            assert_ne!(rule(r, Lang::En), rule(r, Lang::Zh), "{}", r.id());
        }
    }
}
