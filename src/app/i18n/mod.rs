//! Every word the app shows, in Simplified Chinese and English: one function per string, each matching on
//! [`Language`], so a missing translation is a compile error. Screens never hold literal text. The names of
//! statuses, severities, rules and sides come from the one table in [`crate::report::labels`] (its `screen` names).
//! Figures are written here too: [`thousands`] and [`money`] (`1,234.50`).

mod strings;

pub use strings::*;

use crate::engine::{RuleId, Severity, Status};
use crate::import::currency::Adopted;
use crate::model::Side;
use crate::report::labels::{self, Lang};

/// The interface language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Language {
    /// 简体中文.
    #[default]
    ZhCn,
    /// English.
    En,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::ZhCn, Language::En];

    /// Picks the language from a locale string such as `zh_CN.UTF-8`, `en-US` or `C`: Chinese for `zh*`,
    /// English for everything else.
    pub fn from_locale(locale: &str) -> Language {
        if locale.trim().to_ascii_lowercase().starts_with("zh") {
            Language::ZhCn
        } else {
            Language::En
        }
    }

    /// The system's language, from `LC_ALL` / `LC_MESSAGES` / `LANG` (the first that is set), else the
    /// operating system's own setting (Windows and macOS set no such variables).
    pub fn from_system() -> Language {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| std::env::var(name).ok())
            .find(|value| !value.is_empty())
            .or_else(os_locale)
            .map_or(Language::En, |value| Language::from_locale(&value))
    }

    /// The language's own name, as shown on the switch.
    pub fn name(self) -> &'static str {
        match self {
            Language::ZhCn => "中文",
            Language::En => "English",
        }
    }
}

/// The operating system's own language setting (Windows and macOS set no locale variables), read with sys-locale.
/// sys-locale comes with the desktop app (the `gui` feature): without it only the variables are read, so the
/// words and the prefs can be built and tested without the GUI's dependencies.
#[cfg(feature = "gui")]
fn os_locale() -> Option<String> {
    sys_locale::get_locale()
}

#[cfg(not(feature = "gui"))]
fn os_locale() -> Option<String> {
    None
}

/// The app's language as the exports' [`Lang`], to read the shared names of statuses, severities, rules and sides.
impl From<Language> for Lang {
    fn from(language: Language) -> Lang {
        match language {
            Language::ZhCn => Lang::Zh,
            Language::En => Lang::En,
        }
    }
}

impl std::fmt::Display for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Defines one translation function per string: `name => "中文", "English";`.
macro_rules! translations {
    ($($(#[$doc:meta])* $name:ident => $zh:expr, $en:expr;)*) => {
        $(
            $(#[$doc])*
            pub fn $name(language: $crate::app::i18n::Language) -> &'static str {
                match language {
                    $crate::app::i18n::Language::ZhCn => $zh,
                    $crate::app::i18n::Language::En => $en,
                }
            }
        )*
    };
}
pub(crate) use translations;

/// The name of a status as the table and the filters show it.
pub fn status(language: Language, status: Status) -> &'static str {
    labels::status_names(status).screen.get(language.into())
}

/// "Missing" said the way the shop owner thinks of it: in the bank (a terminal row) or in the terminal log.
pub fn missing_on(language: Language, side: Side) -> &'static str {
    match side {
        Side::Terminal => missing_in_bank(language),
        Side::Bank => missing_in_terminal(language),
    }
}

/// The side's name.
pub fn side(language: Language, side: Side) -> &'static str {
    labels::side_names(side).screen.get(language.into())
}

/// A severity as the badges show it.
pub fn severity(language: Language, severity: Severity) -> &'static str {
    labels::severity_names(severity).screen.get(language.into())
}

/// A short name for a suspicious-entry rule.
pub fn rule(language: Language, rule: RuleId) -> &'static str {
    labels::rule_names(rule).screen.get(language.into())
}

/// The name of an import field, as the import check shows it.
pub fn field_name(language: Language, field: crate::import::mapping::Field) -> &'static str {
    use crate::import::mapping::Field;
    let (zh, en) = match field {
        Field::Date => ("日期", "Date"),
        Field::Time => ("时间", "Time"),
        Field::Amount => ("金额", "Amount"),
        Field::Credit => ("收入", "Money in"),
        Field::Debit => ("支出", "Money out"),
        Field::Direction => ("收/支", "In/out"),
        Field::Fee => ("手续费", "Fee"),
        Field::Net => ("净额", "Net"),
        Field::Reference => ("参考号", "Reference"),
        Field::Voucher => ("凭证号", "Voucher"),
        Field::Batch => ("批次号", "Batch"),
        Field::Terminal => ("终端号", "Terminal ID"),
        Field::Merchant => ("商户号", "Merchant ID"),
        Field::Card => ("卡号", "Card"),
        Field::Kind => ("交易类型", "Type"),
        Field::Status => ("交易状态", "Status"),
        Field::Description => ("摘要", "Description"),
        Field::Counterparty => ("对方户名", "Counterparty"),
        Field::Account => ("账号", "Account"),
        Field::Balance => ("余额", "Balance"),
        Field::Currency => ("币种", "Currency"),
        Field::SettleDate => ("清算日期", "Settlement date"),
        Field::AmountRefunded => ("已退款金额", "Amount refunded"),
        Field::RefundDate => ("退款时间", "Refund date"),
        Field::CustomerAmount => ("顾客支付金额", "Customer's amount"),
        Field::CustomerCurrency => ("顾客币种", "Customer's currency"),
        Field::Captured => ("已请款", "Captured"),
        Field::DisputedAmount => ("争议金额", "Disputed amount"),
        Field::DisputeStatus => ("争议状态", "Dispute status"),
        Field::DisputeDate => ("争议日期", "Dispute date"),
    };
    match language {
        Language::ZhCn => zh,
        Language::En => en,
    }
}

/// "1,234 rows" / "1,234 行".
pub fn rows_count(language: Language, count: usize) -> String {
    match language {
        Language::ZhCn => format!("{} 行", thousands(count)),
        Language::En => format!("{} rows", thousands(count)),
    }
}

/// "5 entries" / "5 条".
pub fn rows_entries(language: Language, count: u64) -> String {
    let count = usize::try_from(count).unwrap_or(usize::MAX);
    match language {
        Language::ZhCn => format!("{} 条", thousands(count)),
        Language::En => format!("{} entries", thousands(count)),
    }
}

/// "2 files imported" / "已导入 2 个文件".
pub fn files_imported(language: Language, count: usize) -> String {
    match language {
        Language::ZhCn => format!("已导入 {} 个文件", thousands(count)),
        Language::En if count == 1 => "1 file imported".to_owned(),
        Language::En => format!("{} files imported", thousands(count)),
    }
}

/// "Showing 12 of 3,456".
pub fn showing(language: Language, shown: usize, total: usize) -> String {
    match language {
        Language::ZhCn => format!("显示 {} / 共 {}", thousands(shown), thousands(total)),
        Language::En => format!("Showing {} of {}", thousands(shown), thousands(total)),
    }
}

/// Progress line of long work: "Reading bank-statement.xlsx (2/3)".
pub fn reading_file(language: Language, name: &str, done: usize, total: usize) -> String {
    match language {
        Language::ZhCn => format!("正在读取 {name}（{done}/{total}）"),
        Language::En => format!("Reading {name} ({done}/{total})"),
    }
}

/// An import problem at a place in a file.
/// Only one side's files were read: what is missing, and that the counts mean nothing yet.
pub fn only_one_side(language: Language, side: Side) -> String {
    match (language, side) {
        (Language::ZhCn, Side::Bank) => "只读入了银行流水，没有终端交易明细：下面的“缺失”只是因为另一方还没有文件。请把终端交易明细也拖进来一起对账。".to_owned(),
        (Language::ZhCn, Side::Terminal) => "只读入了终端交易明细，没有银行流水：下面的“缺失”只是因为另一方还没有文件。请把银行流水也拖进来一起对账。".to_owned(),
        (Language::En, Side::Bank) => "Only a bank statement was read, no terminal log: rows show as missing only because the other side has no file yet. Drop the terminal log in too.".to_owned(),
        (Language::En, Side::Terminal) => "Only a terminal log was read, no bank statement: rows show as missing only because the other side has no file yet. Drop the bank statement in too.".to_owned(),
    }
}

/// A column of a file with no header row, by its number (1-based).
pub fn column_number(language: Language, number: usize) -> String {
    match language {
        Language::ZhCn => format!("第 {number} 列"),
        Language::En => format!("Column {number}"),
    }
}

/// A column of a file with no header row, by its number (1-based), and the field its values were taken for.
pub fn column_holding(language: Language, number: usize, field: crate::import::mapping::Field) -> String {
    match language {
        Language::ZhCn => format!("第 {number} 列（{}）", field_name(language, field)),
        Language::En => format!("Column {number} ({})", field_name(language, field).to_lowercase()),
    }
}

pub fn at_line(language: Language, line: u32, column: Option<&str>) -> String {
    match (language, column) {
        (Language::ZhCn, Some(c)) => format!("第 {line} 行，“{c}”列"),
        (Language::ZhCn, None) => format!("第 {line} 行"),
        (Language::En, Some(c)) => format!("line {line}, column “{c}”"),
        (Language::En, None) => format!("line {line}"),
    }
}

/// Where a row is in its file: "line 3", or for the second row read from one line (a refunded charge's refund)
/// "line 3, row 2 (3.2)" — the address the reports print and `workspace decide` takes.
pub fn at_row(language: Language, at: crate::model::LineRow) -> String {
    match (language, at.ordinal) {
        (_, 0) => at_line(language, at.line, None),
        (Language::ZhCn, n) => format!("第 {} 行第 {} 笔（{at}）", at.line, u64::from(n) + 1),
        (Language::En, n) => format!("line {}, row {} ({at})", at.line, u64::from(n) + 1),
    }
}

/// "2 h 5 min later" / "5 min earlier" between a row and a candidate.
pub fn time_gap(language: Language, seconds: i64) -> String {
    let abs = seconds.unsigned_abs();
    let (days, hours, minutes) = (abs / 86_400, abs % 86_400 / 3600, abs % 3600 / 60);
    let amount = match (language, days, hours) {
        (Language::ZhCn, 0, 0) => format!("{minutes} 分钟"),
        (Language::ZhCn, 0, h) => format!("{h} 小时 {minutes} 分"),
        (Language::ZhCn, d, h) => format!("{d} 天 {h} 小时"),
        (Language::En, 0, 0) => format!("{minutes} min"),
        (Language::En, 0, h) => format!("{h} h {minutes} min"),
        (Language::En, d, h) => format!("{d} d {h} h"),
    };
    match (language, seconds >= 0) {
        (Language::ZhCn, true) => format!("晚 {amount}"),
        (Language::ZhCn, false) => format!("早 {amount}"),
        (Language::En, true) => format!("{amount} later"),
        (Language::En, false) => format!("{amount} earlier"),
    }
}

/// Why a file was not imported: some rows could not be read.
pub fn refused_for_bad_rows(language: Language, count: usize) -> String {
    match language {
        Language::ZhCn => format!(
            "有 {} 行读不出来，所以这个文件没有导入。请看下面的说明；勾选“跳过读不出来的行”可以导入其余的行。",
            thousands(count)
        ),
        Language::En => format!(
            "{} rows could not be read, so this file was not imported. See why below; tick “Skip rows that cannot be read” to import the rest.",
            thousands(count)
        ),
    }
}

/// "… and 12 more".
pub fn and_more(language: Language, count: usize) -> String {
    match language {
        Language::ZhCn => format!("……还有 {} 条", thousands(count)),
        Language::En => format!("… and {} more", thousands(count)),
    }
}

/// A file that names no currency, read in the other side's: the words of [`Adopted::reading`] (`names no
/// currency; read as EUR, the currency of the bank files`), and the same in Chinese.
pub fn currency_adopted(language: Language, adopted: &Adopted) -> String {
    match language {
        Language::ZhCn => {
            let side = labels::side_names(adopted.from).export.zh;
            format!("未注明币种；按 {} 读取，即{side}文件的币种", adopted.currency)
        }
        Language::En => adopted.reading(),
    }
}

/// 1234567 → "1,234,567".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `¥1,234.50` style: thousands separators, two decimals, a minus for money out.
pub fn money(amount: crate::model::Money) -> String {
    let plain = amount.abs().to_string();
    let (whole, cents) = plain.split_once('.').unwrap_or((plain.as_str(), "00"));
    let grouped = whole.parse::<usize>().map_or_else(|_| whole.to_string(), thousands);
    format!("{}{grouped}.{cents}", if amount.is_negative() { "-" } else { "" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_picks_chinese_only_for_zh() {
        assert_eq!(Language::from_locale("zh_CN.UTF-8"), Language::ZhCn);
        assert_eq!(Language::from_locale("zh-TW"), Language::ZhCn);
        assert_eq!(Language::from_locale("en_US.UTF-8"), Language::En);
        assert_eq!(Language::from_locale("C"), Language::En);
    }

    #[test]
    fn a_line_s_second_row_is_named_as_the_reports_print_it() {
        let refund = crate::model::LineRow { line: 3, ordinal: 1 };
        assert_eq!(at_row(Language::En, refund), "line 3, row 2 (3.2)");
        assert_eq!(at_row(Language::ZhCn, refund), "第 3 行第 2 笔（3.2）");
        assert_eq!(at_row(Language::En, crate::model::LineRow::first(3)), "line 3");
    }

    #[test]
    fn money_groups_thousands_and_keeps_the_sign() {
        assert_eq!(money(crate::model::Money::from_minor(123_456_789)), "1,234,567.89");
        assert_eq!(money(crate::model::Money::from_minor(-1205)), "-12.05");
        assert_eq!(money(crate::model::Money::ZERO), "0.00");
    }

    #[test]
    fn thousands_groups_digits() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn time_gap_says_direction() {
        assert_eq!(time_gap(Language::En, 300), "5 min later");
        assert_eq!(time_gap(Language::En, -7500), "2 h 5 min earlier");
        assert_eq!(time_gap(Language::ZhCn, 90_000), "晚 1 天 1 小时");
    }
}
