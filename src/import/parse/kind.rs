//! What a row is and whether it went through, from the words exports use: the transaction type (消费, 退货,
//! 撤销, Sale, Refund …), the status (成功, 失败, Approved, Declined …) and the money direction (收入/支出,
//! Credit/Debit, WeChat's `/` for neutral).
//!
//! ```
//! use posrecon::import::parse::{parse_direction, parse_kind, parse_status, Direction};
//! use posrecon::model::{TxnKind, TxnStatus};
//!
//! assert_eq!(parse_kind("消费撤销"), Some(TxnKind::Void));
//! assert_eq!(parse_kind("Refund"), Some(TxnKind::Refund));
//! assert_eq!(parse_status("交易失败"), Some(TxnStatus::Declined));
//! assert_eq!(parse_direction("支出"), Some(Direction::Out));
//! assert_eq!(parse_kind("租金"), None);
//! ```
//!
//! Matching is exact first, then by keyword: Chinese keywords anywhere in the cell, English keywords as whole
//! words (so `coffee` is not a fee). When a cell holds several keywords the stronger meaning wins: a void over a
//! refund over a fee over a settlement over a sale (`消费撤销` is a void, `Refund fee` a refund).

use std::cell::RefCell;

use serde::{Deserialize, Serialize};

use super::memo::{Memo, remembered};
use super::text::clean_cell;
use crate::model::{TxnKind, TxnStatus};

/// Which way money moved, from a 收/支 (in/out) column next to an unsigned amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Money in: 收入, Credit.
    In,
    /// Money out: 支出, Debit.
    Out,
    /// Neither (不计收支, WeChat's `/`): a transfer between the owner's own accounts; not income, not expense.
    Neutral,
}

/// Keywords of one meaning: Chinese ones match anywhere in the cell, English ones as whole words.
struct Words<T> {
    meaning: T,
    chinese: &'static [&'static str],
    english: &'static [&'static str],
}

/// Strongest meaning first.
const KINDS: &[Words<TxnKind>] = &[
    Words {
        meaning: TxnKind::Void,
        chinese: &["撤销", "冲正", "撤消"],
        english: &[
            "void",
            "voided",
            "reversal",
            "reversed",
            "cancel",
            "canceled",
            "cancelled",
            "cancellation",
            // WeChat Pay merchant bills: REVOKED (撤销).
            "revoked",
        ],
    },
    Words {
        meaning: TxnKind::Refund,
        chinese: &["退货", "退款", "退费"],
        english: &[
            "refund",
            "refunded",
            "return",
            "returned",
            "chargeback",
            "dispute",
            "disputed",
            "erstattung",
        ],
    },
    Words {
        meaning: TxnKind::Fee,
        chinese: &["手续费", "服务费"],
        english: &["fee", "fees", "commission"],
    },
    Words {
        meaning: TxnKind::Settlement,
        chinese: &["结算", "清算", "划款", "入账"],
        // Adyen's settlement details: MerchantPayout.
        english: &["settlement", "payout", "transfer", "merchantpayout"],
    },
    Words {
        meaning: TxnKind::Other,
        chinese: &["预授权"],
        english: &["preauth", "pre-auth", "authorization", "authorisation"],
    },
    Words {
        meaning: TxnKind::Sale,
        // 即时到账交易: the older Alipay web export's receipt of a payment.
        chinese: &["消费", "扫码支付", "收款", "支付", "购买", "即时到账"],
        // Adyen's settlement details: a payment that settled is `Settled`.
        english: &[
            "sale", "sales", "purchase", "payment", "charge", "captured", "capture", "settled",
        ],
    },
];

/// 消费/预授权完成/扫码支付/收款/Sale/Purchase/Payment/Charge → Sale; 退货/退款/Refund/Return → Refund;
/// 撤销/消费撤销/冲正/Void/Reversal/Cancel → Void; 手续费/Fee → Fee; 结算/清算/Settlement/Payout/Transfer(payout) →
/// Settlement. None when not recognised.
///
/// A bare pre-authorisation (`预授权`, `Authorization`) is a hold, not a sale: [`TxnKind::Other`].
pub fn parse_kind(text: &str) -> Option<TxnKind> {
    thread_local!(static SEEN: RefCell<Memo<Option<TxnKind>>> = RefCell::new(Memo::default()));
    remembered(&SEEN, text, kind_of)
}

fn kind_of(text: &str) -> Option<TxnKind> {
    let cell = clean_cell(text);
    // 预授权完成 (pre-authorisation completion) is a sale, unlike a bare 预授权 hold; its 撤销 is a void.
    if cell.contains("预授权完成") && !cell.contains("撤销") {
        return Some(TxnKind::Sale);
    }
    reversed_movement(&cell).or_else(|| find_meaning(&cell, KINDS))
}

/// Words that turn the movement they stand beside into its opposite (`dispute_reversal`, `refund_failure`,
/// `Chargeback Reversal`).
const REVERSING: &[&str] = &["reversal", "reversed", "failure"];

/// The kind of a movement that undoes another one the type names beside a reversing word: a refund, dispute or
/// chargeback undone is money coming back in (a [`TxnKind::Sale`] in the day's takings, with the sign the file
/// gives it), a payout or transfer undone stays a settlement, a fee undone a fee. Without this, `dispute_reversal`
/// would read as a void and cancel a sale of the same amount that day. A sale or payment undone (`Sale
/// reversal`, 消费冲正) is left to the word tables: a void.
fn reversed_movement(cell: &str) -> Option<TxnKind> {
    let parts = || {
        cell.split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
    };
    if !parts().any(|w| REVERSING.iter().any(|r| w.eq_ignore_ascii_case(r))) {
        return None;
    }
    let names = |meaning: TxnKind| {
        let english = KINDS
            .iter()
            .find(|words| words.meaning == meaning)
            .map_or(&[][..], |words| words.english);
        parts().any(|w| english.iter().any(|k| w.eq_ignore_ascii_case(k)))
    };
    [
        (TxnKind::Refund, TxnKind::Sale),
        (TxnKind::Settlement, TxnKind::Settlement),
        (TxnKind::Fee, TxnKind::Fee),
    ]
    .into_iter()
    .find(|(undone, _)| names(*undone))
    .map(|(_, kind)| kind)
}

const STATUSES: &[Words<TxnStatus>] = &[
    Words {
        meaning: TxnStatus::Declined,
        chinese: &["失败", "关闭", "拒绝", "未成功", "未支付", "未付款", "已撤销", "无效"],
        english: &[
            "declined",
            "failed",
            "failure",
            "rejected",
            "refused",
            "canceled",
            "cancelled",
            "error",
            "voided",
            "expired",
            // Revolut: a card payment the merchant never took.
            "reverted",
            // German exports (SumUp, Zettle, banks): failed, declined, cancelled.
            "fehlgeschlagen",
            "abgelehnt",
            "storniert",
            "closed",
            "reversed",
        ],
    },
    Words {
        meaning: TxnStatus::Ok,
        chinese: &["成功", "已完成", "完成", "已支付", "已付款", "已入账", "正常"],
        english: &[
            "approved",
            "success",
            "succeeded",
            "successful",
            "paid",
            "completed",
            "complete",
            "ok",
            "settled",
            "captured",
            "erfolgreich",
            "bezahlt",
        ],
    },
];

/// 成功/交易成功/支付成功/已完成/Approved/Success/Succeeded/Paid/Completed → Ok; 失败/交易失败/已关闭/关闭/拒绝/
/// Declined/Failed/Rejected/Canceled → Declined. None when not recognised (= treat as Ok).
pub fn parse_status(text: &str) -> Option<TxnStatus> {
    thread_local!(static SEEN: RefCell<Memo<Option<TxnStatus>>> = RefCell::new(Memo::default()));
    remembered(&SEEN, text, |text| find_meaning(&clean_cell(text), STATUSES))
}

/// Words of a row the payment has not gone through yet: it is shown, but takes no part in matching.
const PENDING: Words<bool> = Words {
    meaning: true,
    chinese: &[
        "处理中",
        "待处理",
        "进行中",
        "审核中",
        "待入账",
        "未入账",
        "待支付",
        "等待付款",
    ],
    english: &[
        "pending",
        "processing",
        "inprogress",
        "ausstehend",
        "vorgemerkt",
        "attente",
        "behandeling",
    ],
};

/// Whether a status cell says the payment is still pending (PENDING, processing, 处理中 …).
pub fn is_pending(text: &str) -> bool {
    let cell = clean_cell(text).replace(' ', "");
    find_meaning(&cell, std::slice::from_ref(&PENDING)).unwrap_or(false)
}

const DIRECTIONS: &[(&str, Direction)] = &[
    ("收入", Direction::In),
    ("收", Direction::In),
    ("贷", Direction::In),
    ("贷方", Direction::In),
    ("入账", Direction::In),
    ("credit", Direction::In),
    ("cr", Direction::In),
    ("in", Direction::In),
    ("支出", Direction::Out),
    ("支", Direction::Out),
    ("借", Direction::Out),
    ("借方", Direction::Out),
    ("出账", Direction::Out),
    ("debit", Direction::Out),
    ("dr", Direction::Out),
    ("out", Direction::Out),
    // Dutch banks (ING NL, Rabobank): Af Bij.
    ("bij", Direction::In),
    ("af", Direction::Out),
    // The older Alipay web export's 资金状态 (money state): 已收入, 已支出, 资金转移 (own-account move).
    ("已收入", Direction::In),
    ("已支出", Direction::Out),
    ("不计收支", Direction::Neutral),
    ("资金转移", Direction::Neutral),
    ("/", Direction::Neutral),
    ("中性", Direction::Neutral),
    ("neutral", Direction::Neutral),
    // Transfers in and out (Alipay, banks), income/expense, German Soll/Haben, French Débit/Crédit.
    ("转入", Direction::In),
    ("转出", Direction::Out),
    ("入", Direction::In),
    ("出", Direction::Out),
    ("income", Direction::In),
    ("expense", Direction::Out),
    ("expenses", Direction::Out),
    ("haben", Direction::In),
    ("soll", Direction::Out),
    ("crédit", Direction::In),
    ("débit", Direction::Out),
    // Neither way said: kept and shown, not counted as money in or out.
    ("其他", Direction::Neutral),
    ("其它", Direction::Neutral),
    ("未知方向", Direction::Neutral),
    ("未知", Direction::Neutral),
];

/// 收入/收/贷/入账/Credit/CR/In → In; 支出/支/借/出账/Debit/DR/Out → Out; 不计收支/"/"/中性 → Neutral.
///
/// The whole cell must be one of these words (any case), or several of them saying the same in two languages
/// (Bank of Communications writes `贷 Cr` and `借 Dr`); None otherwise.
pub fn parse_direction(text: &str) -> Option<Direction> {
    thread_local!(static SEEN: RefCell<Memo<Option<Direction>>> = RefCell::new(Memo::default()));
    remembered(&SEEN, text, |text| {
        let cell = clean_cell(text);
        let word = |w: &str| {
            DIRECTIONS
                .iter()
                .find(|(known, _)| w.eq_ignore_ascii_case(known))
                .map(|(_, d)| *d)
        };
        word(&cell).or_else(|| {
            let mut words = cell
                .split(|c: char| c.is_whitespace() || c == '/')
                .filter(|w| !w.is_empty());
            let first = word(words.next()?)?;
            words.all(|w| word(w) == Some(first)).then_some(first)
        })
    })
}

/// The first meaning (strongest first) whose keyword the cell holds.
fn find_meaning<T: Copy>(cell: &str, table: &[Words<T>]) -> Option<T> {
    if cell.is_empty() {
        return None;
    }
    let ascii_words = || {
        cell.split(|c: char| !c.is_ascii_alphanumeric() && c != '-' && c != '_')
            .filter(|w| !w.is_empty())
    };
    table
        .iter()
        .find(|words| {
            words.chinese.iter().any(|k| cell.contains(k))
                || ascii_words().any(|w| {
                    words
                        .english
                        .iter()
                        .any(|k| w.eq_ignore_ascii_case(k) || snake_word(w, k))
                })
        })
        .map(|words| words.meaning)
}

/// `stripe_fee`, `payment_refund`: an English keyword as one part of a snake_case type name.
fn snake_word(word: &str, keyword: &str) -> bool {
    word.contains('_') && word.split('_').any(|part| part.eq_ignore_ascii_case(keyword))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_direction_said_in_two_languages() {
        use super::{Direction, parse_direction};
        assert_eq!(parse_direction("贷 Cr"), Some(Direction::In));
        assert_eq!(parse_direction("借 Dr"), Some(Direction::Out));
        assert_eq!(parse_direction("借 Cr"), None, "two words that disagree say nothing");
        assert_eq!(parse_direction("收/支"), None);
    }

    use super::*;

    #[test]
    fn money_that_went_out_and_came_back_is_not_a_void() {
        let cases = [
            ("dispute_reversal", Some(TxnKind::Sale)),
            ("refund_failure", Some(TxnKind::Sale)),
            ("Chargeback Reversal", Some(TxnKind::Sale)),
            ("payout_reversal", Some(TxnKind::Settlement)),
            ("transfer_reversal", Some(TxnKind::Settlement)),
            ("Fee reversal", Some(TxnKind::Fee)),
            // A sale undone is still a void, as are a bare reversal and 冲正.
            ("Sale reversal", Some(TxnKind::Void)),
            ("Reversal", Some(TxnKind::Void)),
            ("消费冲正", Some(TxnKind::Void)),
        ];
        for (text, kind) in cases {
            assert_eq!(parse_kind(text), kind, "{text}");
        }
    }

    #[test]
    fn kinds_in_chinese_and_english() {
        let cases = [
            ("消费", Some(TxnKind::Sale)),
            ("预授权完成", Some(TxnKind::Sale)),
            ("预授权完成（请求）", Some(TxnKind::Sale)),
            ("扫码支付", Some(TxnKind::Sale)),
            ("收款", Some(TxnKind::Sale)),
            ("Sale", Some(TxnKind::Sale)),
            ("PURCHASE", Some(TxnKind::Sale)),
            ("Payment", Some(TxnKind::Sale)),
            ("charge", Some(TxnKind::Sale)),
            ("退货", Some(TxnKind::Refund)),
            ("退款", Some(TxnKind::Refund)),
            ("Refund", Some(TxnKind::Refund)),
            ("Return", Some(TxnKind::Refund)),
            ("payment_refund", Some(TxnKind::Refund)),
            ("撤销", Some(TxnKind::Void)),
            ("消费撤销", Some(TxnKind::Void)),
            ("预授权完成撤销", Some(TxnKind::Void)),
            ("冲正", Some(TxnKind::Void)),
            ("Void", Some(TxnKind::Void)),
            ("Reversal", Some(TxnKind::Void)),
            ("Cancel", Some(TxnKind::Void)),
            ("REVOKED", Some(TxnKind::Void)),
            ("`REVOKED", Some(TxnKind::Void)),
            ("dispute", Some(TxnKind::Refund)),
            ("即时到账交易", Some(TxnKind::Sale)),
            ("手续费", Some(TxnKind::Fee)),
            ("Fee", Some(TxnKind::Fee)),
            ("stripe_fee", Some(TxnKind::Fee)),
            ("结算", Some(TxnKind::Settlement)),
            ("POS清算款", Some(TxnKind::Settlement)),
            ("Settlement", Some(TxnKind::Settlement)),
            ("payout", Some(TxnKind::Settlement)),
            ("Transfer", Some(TxnKind::Settlement)),
            ("预授权", Some(TxnKind::Other)),
            ("  消费\t", Some(TxnKind::Sale)),
            ("`Refund", Some(TxnKind::Refund)),
            ("Coffee", None),
            ("租金", None),
            ("工资", None),
            ("", None),
        ];
        for (text, want) in cases {
            assert_eq!(parse_kind(text), want, "{text:?}");
        }
    }

    #[test]
    fn statuses_in_chinese_and_english() {
        let ok = [
            "成功",
            "交易成功",
            "支付成功",
            "已完成",
            "Approved",
            "SUCCESS",
            "Succeeded",
            "Paid",
            "Completed",
            "退款成功",
        ];
        for text in ok {
            assert_eq!(parse_status(text), Some(TxnStatus::Ok), "{text:?}");
        }
        let declined = [
            "失败",
            "交易失败",
            "已关闭",
            "关闭",
            "交易关闭",
            "拒绝",
            "Declined",
            "Failed",
            "Rejected",
            "Canceled",
            "cancelled",
            "未成功",
        ];
        for text in declined {
            assert_eq!(parse_status(text), Some(TxnStatus::Declined), "{text:?}");
        }
        for text in ["", "Pending", "处理中", "/"] {
            assert_eq!(parse_status(text), None, "{text:?}");
        }
    }

    #[test]
    fn directions() {
        for text in ["收入", "收", "贷", "入账", "Credit", "CR", "in", "贷方", "已收入"] {
            assert_eq!(parse_direction(text), Some(Direction::In), "{text:?}");
        }
        for text in ["支出", "支", "借", "出账", "Debit", "dr", "OUT", "借方", "已支出"] {
            assert_eq!(parse_direction(text), Some(Direction::Out), "{text:?}");
        }
        for text in ["不计收支", "/", "中性", " / ", "资金转移"] {
            assert_eq!(parse_direction(text), Some(Direction::Neutral), "{text:?}");
        }
        for text in ["", "收支", "income?", "-"] {
            assert_eq!(parse_direction(text), None, "{text:?}");
        }
    }

    #[test]
    fn german_payment_exports() {
        assert_eq!(parse_status("Fehlgeschlagen"), Some(TxnStatus::Declined));
        assert_eq!(parse_status("Abgelehnt"), Some(TxnStatus::Declined));
        assert_eq!(parse_status("Erfolgreich"), Some(TxnStatus::Ok));
        assert_eq!(parse_kind("Erstattung"), Some(TxnKind::Refund));
    }

    #[test]
    fn direction_words_of_more_banks_and_apps() {
        for (cell, d) in [
            ("转入", Direction::In),
            ("转出", Direction::Out),
            ("income", Direction::In),
            ("Expense", Direction::Out),
            ("DR", Direction::Out),
            ("CR", Direction::In),
            ("借", Direction::Out),
            ("贷", Direction::In),
            ("Soll", Direction::Out),
            ("Haben", Direction::In),
            ("Débit", Direction::Out),
            ("Crédit", Direction::In),
            ("其他", Direction::Neutral),
            ("未知方向", Direction::Neutral),
        ] {
            assert_eq!(parse_direction(cell), Some(d), "{cell}");
        }
    }

    #[test]
    fn pending_and_failed_status_words() {
        for cell in ["PENDING", "Processing", "处理中", "In progress"] {
            assert!(is_pending(cell), "{cell}");
        }
        for cell in ["COMPLETED", "交易成功", "Paid"] {
            assert!(!is_pending(cell), "{cell}");
        }
        for cell in ["REVERTED", "DECLINED", "交易关闭", "支付失败", "closed"] {
            assert_eq!(parse_status(cell), Some(TxnStatus::Declined), "{cell}");
        }
    }
}
