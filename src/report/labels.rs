//! The words of the exports in English and Chinese: sheet names, statuses, severities, rule names and the
//! sentences for rows without a flag. One function per kind of string, each matching exhaustively, so the
//! compiler points out a missing translation. Column headers live beside their columns in `report::table`.
//! The names of statuses, severities, rules and sides are the one table the app's words (`app::i18n`) read
//! too: [`status_names`], [`severity_names`], [`rule_names`], [`side_names`].

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
    pub const ALL: [Sheet; 5] = [
        Sheet::Summary,
        Sheet::Findings,
        Sheet::Batches,
        Sheet::Terminal,
        Sheet::Bank,
    ];

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

/// A name in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Words {
    pub en: &'static str,
    pub zh: &'static str,
}

impl Words {
    pub fn get(self, lang: Lang) -> &'static str {
        lang.pick(self.en, self.zh)
    }
}

/// The two names of a status, a severity or a rule: the one the exports and the command line print, and the
/// (often shorter) one the app shows on its badges, filters and lists. Both live in one table per kind, so a
/// new status or rule is named once, here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Names {
    pub export: Words,
    pub screen: Words,
}

impl Names {
    /// One row of a table: the export's English and Chinese, then the screen's English and Chinese.
    const fn of((en, zh, screen_en, screen_zh): (&'static str, &'static str, &'static str, &'static str)) -> Names {
        Names {
            export: Words { en, zh },
            screen: Words {
                en: screen_en,
                zh: screen_zh,
            },
        }
    }
}

/// The names of each status.
pub fn status_names(status: Status) -> Names {
    Names::of(match status {
        Status::Matched => ("matched", "已匹配", "Matched", "已对上"),
        Status::MatchedWithDifference => (
            "matched with difference",
            "匹配但金额有差异",
            "Amount differs",
            "金额有差异",
        ),
        Status::InBatch => ("in settlement batch", "已结算（批量）", "In a settlement", "批量结算"),
        Status::Missing => ("missing", "缺失", "Missing", "缺失"),
        Status::Duplicate => ("duplicate", "重复", "Duplicate", "重复"),
        Status::Unrelated => ("unrelated", "无关", "Unrelated", "无关"),
    })
}

/// The names of each severity.
pub fn severity_names(severity: Severity) -> Names {
    Names::of(match severity {
        Severity::High => ("high", "高", "High", "高"),
        Severity::Medium => ("medium", "中", "Medium", "中"),
        Severity::Low => ("low", "低", "Low", "低"),
    })
}

/// The names of each suspicious-entry rule: the export's is the fuller one.
pub fn rule_names(rule: RuleId) -> Names {
    Names::of(match rule {
        RuleId::DoubleCharge => ("Double charge", "重复扣款", "Double charge", "重复扣款"),
        RuleId::DuplicateInSource => ("Duplicate row in a file", "文件内重复行", "Duplicate row", "文件内重复"),
        RuleId::DuplicateImport => ("File imported twice", "重复导入", "Imported twice", "重复导入"),
        RuleId::ShortSettlement => ("Settlement short-paid", "结算少付", "Settlement short", "结算少付"),
        RuleId::OverSettlement => ("Settlement over-paid", "结算多付", "Settlement over", "结算多付"),
        RuleId::LateSettlement => ("Late settlement", "结算延迟", "Late settlement", "结算延迟"),
        RuleId::FeeAboveContract => (
            "Fee above contract",
            "手续费高于合同费率",
            "Fee above contract",
            "手续费超约定",
        ),
        RuleId::UnknownTerminal => ("Unknown terminal", "陌生终端", "Unknown terminal", "未知终端"),
        RuleId::UnknownMerchant => ("Unknown merchant ID", "陌生商户号", "Unknown merchant ID", "未知商户号"),
        RuleId::RefundWithoutSale => (
            "Refund without a sale",
            "无原交易的退货",
            "Refund without sale",
            "无原交易退款",
        ),
        RuleId::RefundExceedsSale => (
            "Refund larger than the sale",
            "退货金额超过原交易",
            "Refund exceeds sale",
            "退款超原交易",
        ),
        RuleId::RefundOtherCard => (
            "Refund to another card",
            "退货到其他卡",
            "Refund to another card",
            "退到其他卡",
        ),
        RuleId::CardVelocity => (
            "Many payments on one card",
            "同卡短时间多笔交易",
            "Card used too often",
            "同卡频繁交易",
        ),
        RuleId::SplitBelowLimit => (
            "Split payments below a limit",
            "拆分交易（低于限额）",
            "Split below limit",
            "拆单避限额",
        ),
        RuleId::RoundAmountLarge => ("Large round amount", "大额整数金额", "Large round amount", "大额整数"),
        RuleId::OffHours => (
            "Outside opening hours",
            "营业时间外交易",
            "Outside opening hours",
            "非营业时间",
        ),
        RuleId::DailyTotalOutlier => (
            "Unusual daily total",
            "日交易额异常",
            "Unusual daily total",
            "日营业额异常",
        ),
        RuleId::AmbiguousMatch => ("Ambiguous match", "匹配不确定", "Ambiguous match", "配对不确定"),
        RuleId::BalanceGap => (
            "Balance gap (missing rows)",
            "余额不连续（缺行）",
            "Balance gap",
            "余额不连续",
        ),
    })
}

/// A status as the exports and the command line print it.
pub fn status(status: Status, lang: Lang) -> &'static str {
    status_names(status).export.get(lang)
}

/// A severity as the exports and the command line print it.
pub fn severity(severity: Severity, lang: Lang) -> &'static str {
    severity_names(severity).export.get(lang)
}

/// The names of each side.
pub fn side_names(side: Side) -> Names {
    Names::of(match side {
        Side::Terminal => ("terminal", "终端", "Terminal", "终端"),
        Side::Bank => ("bank", "银行", "Bank", "银行"),
    })
}

/// A side as the exports print it.
pub fn side(side: Side, lang: Lang) -> &'static str {
    side_names(side).export.get(lang)
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

/// A rule's name, for the Findings sheet and `posrecon rules`.
pub fn rule(rule: RuleId, lang: Lang) -> &'static str {
    rule_names(rule).export.get(lang)
}

/// The sentence for a row listed for its status alone, with what the engine knows about it: a sale of a day no
/// credit pays says which day was not paid and what shows it.
pub fn status_sentence(
    outcome: &crate::engine::RowOutcome,
    side: Side,
    batches: &[crate::engine::Batch],
    lang: Lang,
) -> std::borrow::Cow<'static, str> {
    let unpaid = outcome
        .batch
        .and_then(|b| batches.get(b as usize))
        .filter(|b| b.bank.is_none() && outcome.status == Status::Missing && side == Side::Terminal);
    match unpaid {
        Some(batch) => {
            let (tied_en, tied_zh) = match batch.tied_by {
                // "No credit pays it" is what the sentence says already.
                crate::engine::TiedBy::Unpaid { after: None, .. }
                | crate::engine::TiedBy::Unpaid { before: None, .. } => (String::new(), String::new()),
                ref how => crate::engine::wording::tied_by(how),
            };
            let (first, last) = (
                crate::engine::wording::date(batch.first_day),
                crate::engine::wording::date(batch.last_day),
            );
            let days_zh = if first == last {
                first.clone()
            } else {
                format!("{first} 至 {last}")
            };
            let days_en = if first == last {
                first
            } else {
                format!("{first} to {last}")
            };
            std::borrow::Cow::Owned(lang.pick(
                &format!("The settlement of {days_en} was not paid: no credit on the statement pays this day's sales. {tied_en}"),
                &format!("{days_zh} 的结算未到账：对账单上没有支付当天交易的入账。{tied_zh}"),
            ).to_string())
        }
        None => std::borrow::Cow::Borrowed(status_reason(outcome.status, side, lang)),
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
    InterchangeablePairs,
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
            SummaryLabel::InterchangeablePairs => {
                lang.pick("Interchangeable pairs (no finding)", "可互换的配对（非问题）")
            }
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
    fn every_status_severity_rule_and_side_has_both_names_in_both_languages() {
        let names = Status::ALL
            .into_iter()
            .map(status_names)
            .chain([Severity::High, Severity::Medium, Severity::Low].map(severity_names))
            .chain(RuleId::ALL.map(rule_names))
            .chain([Side::Terminal, Side::Bank].map(side_names));
        for Names { export, screen } in names {
            for words in [export, screen] {
                assert!(!words.en.is_empty() && !words.zh.is_empty(), "{words:?}");
                assert!(words.zh.chars().all(|c| !c.is_ascii_alphabetic()), "{words:?}");
            }
        }
    }

    #[test]
    fn every_rule_has_a_chinese_name_distinct_from_english() {
        for r in RuleId::ALL {
            assert_ne!(rule(r, Lang::En), rule(r, Lang::Zh), "{}", r.id());
        }
    }
}
