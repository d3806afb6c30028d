//! Why a file could not be read, said to a shop owner in their language: the importer's errors
//! ([`ImportError`]) are written for the command line and a log, in English, starting with the file's path and
//! `line:column`. The import check shows what happened and what to do in the app's language, with the importer's
//! own words kept underneath (without the path, which the card already shows) for whoever helps them. The
//! "expected" text of a row that could not be read is put into Chinese here too.

use crate::app::i18n::{self, Language};
use crate::import::ImportError;
use crate::import::mapping::Field;

/// What kind of trouble, for the sentence the owner reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Trouble {
    /// The file is not where it was (moved, deleted, a drive unplugged).
    Gone,
    /// The file is there but cannot be opened (permissions, locked by another program).
    NoAccess,
    Empty,
    /// A header row and nothing under it.
    NoRows,
    /// The columns needed were not found: the owner must choose them (`missing`: date, amount).
    ChooseColumns {
        missing: Vec<Field>,
    },
    /// No table with a date and an amount in the file, and no columns to choose from (one column of text, a
    /// letter saved as .csv).
    NoTable,
    /// Text in an encoding the bytes do not fit.
    Encoding,
    /// Not a table: an image, a program, a PDF…
    NotATable,
    /// A zip or Office file that holds no workbook.
    NotAWorkbook,
    /// A workbook with a password.
    Encrypted,
    /// The dates could be day-first or month-first.
    AmbiguousDates,
    /// Anything else: the importer's words are all there is.
    Other,
}

/// A file that could not be read: the trouble and the importer's own words (without the file's path).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreadable {
    pub trouble: Trouble,
    pub detail: String,
}

impl Unreadable {
    /// From the importer's error for the file it was given as `file`.
    pub fn of(file: &str, error: &ImportError) -> Unreadable {
        let trouble = match error {
            ImportError::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound => Trouble::Gone,
            ImportError::Io { .. } => Trouble::NoAccess,
            ImportError::Empty { .. } => Trouble::Empty,
            ImportError::NoRows { .. } => Trouble::NoRows,
            ImportError::NoHeader { missing, .. } => Trouble::ChooseColumns {
                missing: Field::ALL
                    .into_iter()
                    .filter(|f| missing.iter().any(|m| m == f.name()))
                    .collect(),
            },
            ImportError::Encoding { .. } => Trouble::Encoding,
            ImportError::Binary { .. } | ImportError::LineTooLong { .. } => Trouble::NotATable,
            ImportError::NotAWorkbook { .. } | ImportError::TooLarge { .. } => Trouble::NotAWorkbook,
            ImportError::Encrypted { .. } => Trouble::Encrypted,
            ImportError::AmbiguousDates { .. } => Trouble::AmbiguousDates,
            ImportError::UnclosedQuote { .. } | ImportError::BadRows { .. } | ImportError::Profile { .. } => {
                Trouble::Other
            }
        };
        let text = error.to_string();
        let detail = text
            .strip_prefix(file)
            .map_or(text.as_str(), |rest| rest.trim_start_matches(|c| c != ' ').trim_start());
        Unreadable {
            trouble,
            detail: detail.to_owned(),
        }
    }

    /// The same trouble for a file that shows no columns to choose from: "choose the columns below" would point at
    /// nothing.
    pub fn without_columns(mut self) -> Unreadable {
        if matches!(self.trouble, Trouble::ChooseColumns { .. }) {
            self.trouble = Trouble::NoTable;
        }
        self
    }

    /// Whether the importer's own words add anything (where in the file, which encoding) to [`Unreadable::said`].
    pub fn detail_helps(&self) -> bool {
        matches!(
            self.trouble,
            Trouble::NoAccess | Trouble::Encoding | Trouble::AmbiguousDates | Trouble::NotAWorkbook | Trouble::Other
        )
    }

    /// What happened and what to do, in the app's language.
    pub fn said(&self, language: Language) -> String {
        let zh = language == Language::ZhCn;
        let text = match &self.trouble {
            Trouble::Gone => {
                if zh {
                    "找不到这个文件了（被移动、改名或删除了？）。请重新选择它。"
                } else {
                    "This file is no longer there (moved, renamed or deleted?). Choose it again."
                }
            }
            Trouble::NoAccess => {
                if zh {
                    "打不开这个文件：可能被别的程序占用，或没有读取权限。关掉打开它的程序后点“重新读取”。"
                } else {
                    "This file cannot be opened: another program may have it open, or it may not be readable. Close that program, then Read again."
                }
            }
            Trouble::Empty => {
                if zh {
                    "这个文件是空的（0 字节）。请从网银或商户后台重新导出。"
                } else {
                    "This file is empty (0 bytes). Export it again from your bank or merchant portal."
                }
            }
            Trouble::NoRows => {
                if zh {
                    "这个文件只有表头，没有交易行。请检查导出的日期范围。"
                } else {
                    "This file has column names but no transactions under them. Check the date range of the export."
                }
            }
            Trouble::ChooseColumns { missing } => {
                let fields = missing
                    .iter()
                    .map(|f| i18n::field_name(language, *f))
                    .collect::<Vec<_>>()
                    .join(if zh { "、" } else { " and " });
                return match (zh, fields.is_empty()) {
                    (true, false) => {
                        format!("没有认出{fields}在哪一列。请在下面“识别到的列”里选出来，文件会按你的选择重新读取。")
                    }
                    (true, true) => "没有认出各字段在哪一列。请在下面“识别到的列”里选出来。".to_owned(),
                    (false, false) => {
                        let (columns, them) = if missing.len() > 1 {
                            ("columns were", "them")
                        } else {
                            ("column was", "it")
                        };
                        format!(
                            "The {} {columns} not recognised. Choose {them} under Columns found below; the file is read again with your choice.",
                            fields.to_lowercase()
                        )
                    }
                    (false, true) => {
                        "The columns were not recognised. Choose them under “Columns found” below.".to_owned()
                    }
                };
            }
            Trouble::NoTable => {
                if zh {
                    "这个文件里没有找到带日期和金额的表格。请确认选的是从网银或商户后台导出的交易明细。"
                } else {
                    "No table with dates and amounts was found in this file. Check that it is the transaction export from your bank or merchant portal."
                }
            }
            Trouble::Encoding => {
                if zh {
                    "这个文件的文字编码读不出来。请用 Excel 或 WPS 打开后另存为 CSV（UTF-8）或 Excel 文件再试。"
                } else {
                    "The text of this file is in an encoding that cannot be read. Open it in Excel and save it as CSV UTF-8 or as a workbook, then try again."
                }
            }
            Trouble::NotATable => {
                if zh {
                    "这不是表格文件（可能是图片、PDF 或程序）。请选择从网银或商户后台导出的 CSV、Excel、OFX、MT940 或 CAMT.053 文件。"
                } else {
                    "This is not a table (perhaps a picture, a PDF or a program). Choose the CSV, Excel, OFX, MT940 or CAMT.053 file exported from your bank or merchant portal."
                }
            }
            Trouble::NotAWorkbook => {
                if zh {
                    "文件名像 Excel 文件，但里面不是工作簿。请从网银重新导出，或用 Excel 打开后另存为 .xlsx。"
                } else {
                    "The name says Excel, but there is no workbook inside. Export it again, or open it in Excel and save it as .xlsx."
                }
            }
            Trouble::Encrypted => {
                if zh {
                    "这个工作簿设了密码。请用 Excel 或 WPS 打开，去掉密码（文件 → 信息 → 保护工作簿）后保存，再导入。"
                } else {
                    "This workbook has a password. Open it in Excel or WPS, remove the password (File → Info → Protect Workbook), save it, and import it again."
                }
            }
            Trouble::AmbiguousDates => {
                if zh {
                    "分不清日期是“日/月”还是“月/日”。"
                } else {
                    "It cannot be told whether the dates are day/month or month/day."
                }
            }
            Trouble::Other => {
                if zh {
                    "这个文件读不出来。"
                } else {
                    "This file could not be read."
                }
            }
        };
        text.to_owned()
    }
}

/// The importer's "expected …" words of a cell that could not be read, in the app's language: the Chinese for the
/// kinds of cell it names, the English as written when no translation is known.
pub fn expected(language: Language, expected: &str) -> String {
    if language == Language::En {
        return expected.to_owned();
    }
    const KNOWN: [(&str, &str); 10] = [
        (
            "an amount in the money-in or the money-out column",
            "收入列或支出列里的金额",
        ),
        (
            "an amount of at most 15 digits",
            "金额，小数点前最多 15 位（更长的数字是参考号或账号）",
        ),
        (
            "an amount such as 1234,50",
            "金额，如 1234,50 或 -1.234,50（这一列用逗号作小数点）",
        ),
        ("an amount such as", "金额，如 1234.50、-1,234.50 或 ¥12.00"),
        (
            "a date such as",
            "日期，如 2026-11-24 13:05:09、2026/11/24、20261124、2026年11月24日 或 24/11/2026",
        ),
        ("a real calendar date", "真实存在的日期（这一天不存在）"),
        ("a time", "时间，如 13:05:09 或 13:05"),
        ("a date column in the mapping", "在“识别到的列”里选出日期列"),
        (
            "收/支, 收入/支出, Credit/Debit or In/Out",
            "收/支、收入/支出、Credit/Debit 或 In/Out",
        ),
        ("true or false", "是或否（true/false），或捕获时间"),
    ];
    KNOWN
        .iter()
        .find(|(en, _)| expected.starts_with(en))
        .map_or_else(|| expected.to_owned(), |(_, zh)| (*zh).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_file_is_said_in_chinese_without_its_path() {
        let error = ImportError::Empty {
            file: "/home/shop/下载/bank.csv".into(),
        };
        let unreadable = Unreadable::of("/home/shop/下载/bank.csv", &error);
        assert_eq!(unreadable.trouble, Trouble::Empty);
        assert!(unreadable.said(Language::ZhCn).contains("空的"));
        assert!(!unreadable.detail.contains("/home/shop"), "{}", unreadable.detail);
        assert!(
            unreadable.detail.starts_with("the file is empty"),
            "{}",
            unreadable.detail
        );
    }

    #[test]
    fn missing_columns_are_named_in_the_language_of_the_app() {
        let at = crate::import::Location::new("f.csv", None, 1, 1);
        let error = ImportError::NoHeader {
            at,
            found: vec![],
            missing: vec!["date".into(), "amount".into()],
            hint: String::new(),
        };
        let unreadable = Unreadable::of("f.csv", &error);
        assert_eq!(
            unreadable.trouble,
            Trouble::ChooseColumns {
                missing: vec![Field::Date, Field::Amount]
            }
        );
        assert!(
            unreadable.said(Language::ZhCn).contains("日期、金额"),
            "{}",
            unreadable.said(Language::ZhCn)
        );
        assert!(
            unreadable
                .said(Language::En)
                .starts_with("The date and amount columns were not recognised"),
            "{}",
            unreadable.said(Language::En)
        );
    }

    #[test]
    fn a_bad_amount_is_expected_in_chinese() {
        assert!(expected(Language::ZhCn, "an amount such as 1234.50, -1,234.50 or ¥12.00").starts_with("金额"));
        assert!(expected(Language::ZhCn, "an amount of at most 15 digits before the decimal mark").contains("15 位"));
        assert!(
            expected(
                Language::ZhCn,
                "an amount such as 1234,50 or -1.234,50 (this column uses decimal commas)"
            )
            .contains("逗号")
        );
        assert_eq!(expected(Language::ZhCn, "something new"), "something new");
        assert_eq!(
            expected(Language::En, "a date such as 2026-11-24"),
            "a date such as 2026-11-24"
        );
    }
}
