//! What kind of statement a file is — a bank account, a credit card, a payment app's bill or an acquirer's log —
//! and the sign convention each implies, with the decisions that need the rows and not only the header:
//!
//! - a credit-card statement (named so in its title or header, or a table with a transaction date, a posting
//!   date and a card column but no running balance) lists charges as positive numbers: posrecon turns them into
//!   money out when the positive amounts outnumber the negative ones (a card export already written from the
//!   holder's side — charges negative — is left alone);
//! - a column whose every value is a direction word (`debit`/`credit`, `DR`/`CR`, `Soll`/`Haben`, 转入/转出 …)
//!   beside an unsigned amount is the direction of each amount, whatever its header says ("Transaction Type").
//!
//! [`refine`] takes the mapping chosen from the header and a sample of the rows; what it decided is said in
//! [`Refined::notes`], for `posrecon inspect` and the import check.

use serde::{Deserialize, Serialize};

use crate::import::mapping::{Field, Profile, SignConvention, synonyms};
use crate::import::parse::{Direction, parse_amount, parse_direction};
use crate::import::table::{SkippedLine, Table, is_blank};
use crate::model::Side;

/// What a file is a statement of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatementKind {
    /// A current or savings account: credits are money in, debits money out.
    BankAccount,
    /// A credit card: charges are money out (often listed as positive numbers), payments and refunds money in.
    CreditCard,
    /// A payment app's bill (Alipay, WeChat Pay, JD, Meituan, PayPal, Venmo …): 收/支 says in or out.
    PaymentApp,
    /// An acquirer's or payment provider's log of card/QR payments: sales in, refunds out, fees beside.
    Acquirer,
}

impl StatementKind {
    /// The kind in words: "bank account", "credit card", "payment app", "acquirer".
    pub fn label(self) -> &'static str {
        match self {
            StatementKind::BankAccount => "bank account",
            StatementKind::CreditCard => "credit card",
            StatementKind::PaymentApp => "payment app",
            StatementKind::Acquirer => "acquirer",
        }
    }

    /// The kind in Chinese, for the import check.
    pub fn label_zh(self) -> &'static str {
        match self {
            StatementKind::BankAccount => "银行账户",
            StatementKind::CreditCard => "信用卡",
            StatementKind::PaymentApp => "支付应用",
            StatementKind::Acquirer => "收单机构",
        }
    }

    /// The sign convention the kind implies, as shown beside it.
    pub fn sign_convention(self) -> &'static str {
        match self {
            StatementKind::BankAccount => "credits are money in (+), debits money out (−)",
            StatementKind::CreditCard => {
                "charges are money out (−) even where the statement lists them positive; payments and refunds in (+)"
            }
            StatementKind::PaymentApp => "收入/income is money in (+), 支出/expense money out (−), 不计收支 neither",
            StatementKind::Acquirer => "sales are money in (+), refunds money out (−), fees beside them",
        }
    }
}

impl StatementKind {
    /// [`Self::sign_convention`] in Chinese.
    pub fn sign_convention_zh(self) -> &'static str {
        match self {
            StatementKind::BankAccount => "贷方/收入为入账（+），借方/支出为出账（−）",
            StatementKind::CreditCard => "消费为支出（−），即使账单上写成正数；还款和退款为收入（+）",
            StatementKind::PaymentApp => "收入为入账（+），支出为出账（−），不计收支两者都不是",
            StatementKind::Acquirer => "交易为收入（+），退货为支出（−），手续费另列",
        }
    }
}

impl std::fmt::Display for StatementKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// Words that name a credit card in a title, a preamble line, a sheet name or a header.
const CREDIT_CARD_WORDS: &[&str] = &[
    "信用卡",
    "贷记卡",
    "credit card",
    "creditcard",
    "kreditkarte",
    "carte de crédit",
    "carte de credit",
    "tarjeta de crédito",
    "carta di credito",
    "creditcard-afschrift",
];

/// Header words of a posting (booking) date beside the transaction date.
const POSTING_DATE_WORDS: &[&str] = &[
    "记账日期",
    "记账日",
    "入账日期",
    "入账日",
    "银行记账日",
    "postingdate",
    "postdate",
    "posteddate",
    "dateposted",
];

/// Header words of a card-number column.
const CARD_WORDS: &[&str] = &[
    "卡号",
    "卡号末四位",
    "卡末四位",
    "卡号后四位",
    "card",
    "cardno",
    "cardnumber",
    "card#",
    "cardmember",
];

/// The kind of a table, from its header, preamble, the side it was given for and the preset that matched.
pub fn of_table(header: &[String], preamble: &[SkippedLine], side: Side, preset: Option<&str>) -> StatementKind {
    if side == Side::Terminal {
        return StatementKind::Acquirer;
    }
    if let Some(name) = preset {
        const APPS: &[&str] = &["alipay-personal", "alipay-web", "wechat-personal"];
        if APPS.iter().any(|a| name.contains(a)) {
            return StatementKind::PaymentApp;
        }
    }
    if names_credit_card(header, preamble) || looks_like_card_statement(header) {
        return StatementKind::CreditCard;
    }
    let keys: Vec<String> = header.iter().map(|h| synonyms::normalise(h).key).collect();
    let has = |words: &[&str]| keys.iter().any(|k| words.contains(&k.as_str()));
    // A payment app's bill: the other party, a 收/支 column and how it was paid.
    if has(&["交易对方", "收/支", "收支"]) && has(&["支付方式", "收/付款方式", "收付款方式"]) {
        return StatementKind::PaymentApp;
    }
    StatementKind::BankAccount
}

fn names_credit_card(header: &[String], preamble: &[SkippedLine]) -> bool {
    let names = |text: &str| {
        let text = text.to_lowercase();
        CREDIT_CARD_WORDS.iter().any(|w| text.contains(w))
    };
    header.iter().any(|h| names(h)) || preamble.iter().any(|l| names(&l.text))
}

/// Header words of the amount and currency a card's issuer bills (converted from the transaction's).
const BILLED_WORDS: &[&str] = &[
    "入账金额",
    "入账货币",
    "入账币种",
    "结算金额",
    "结算币种",
    "billingamount",
    "billingcurrency",
];

/// A transaction date and a posting date, a card column or the billed amount beside the transaction's, and no
/// running balance: how card issuers lay out a statement (a bank account always carries its balance).
pub fn looks_like_card_statement(header: &[String]) -> bool {
    let keys: Vec<String> = header.iter().map(|h| synonyms::normalise(h).key).collect();
    let has = |words: &[&str]| keys.iter().any(|k| words.contains(&k.as_str()));
    let fields: Vec<Field> = header
        .iter()
        .filter_map(|h| synonyms::field_of(h).map(|f| f.0))
        .collect();
    let dates = fields.iter().filter(|f| **f == Field::Date).count()
        + usize::from(has(POSTING_DATE_WORDS) && !fields.contains(&Field::Date));
    dates >= 2 && has(POSTING_DATE_WORDS) && !fields.contains(&Field::Balance) && (has(CARD_WORDS) || has(BILLED_WORDS))
}

/// What [`refine`] decided.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Refined {
    pub kind: Option<StatementKind>,
    /// Each decision in a sentence.
    pub notes: Vec<String>,
}

/// Decides what the header alone cannot: the statement kind and its sign convention, and a direction column
/// named as something else. `sample` is the table's first rows (or all of them).
pub fn refine(
    profile: &mut Profile,
    header: &[String],
    sample: &Table,
    preamble: &[SkippedLine],
    side: Side,
    preset: Option<&str>,
) -> Refined {
    let mut notes = Vec::new();
    let given_direction = profile.columns.contains_key(&Field::Direction);
    if profile.sign == SignConvention::Signed
        && !given_direction
        && profile.columns.contains_key(&Field::Amount)
        && let Some(col) = direction_column(profile, header, sample)
    {
        let name = header.get(col).cloned().unwrap_or_default();
        if profile.columns.get(&Field::Kind) == Some(&name) {
            profile.columns.remove(&Field::Kind);
        }
        notes.push(format!(
            "column {name:?} holds a direction for every row: amounts are signed by it"
        ));
        profile.columns.insert(Field::Direction, name);
        profile.sign = SignConvention::DirectionColumn;
    }
    let kind = of_table(header, preamble, side, preset);
    if kind == StatementKind::CreditCard && profile.sign == SignConvention::Signed && !profile.negate_amounts {
        let Signs {
            positive,
            negative,
            repayments_positive,
            repayments_negative,
        } = signs(profile, header, sample);
        // Repayments and refunds tell the convention best (negative where charges are listed positive); without
        // any, the more common sign is the charges'.
        let charges_positive = if repayments_positive + repayments_negative > 0 {
            repayments_negative > repayments_positive
        } else {
            positive > negative
        };
        if charges_positive {
            profile.negate_amounts = true;
            notes.push(format!(
                "a credit-card statement listing charges as positive numbers ({positive} positive, {negative} \
                 negative): read with charges as money out"
            ));
        }
    }
    Refined {
        kind: Some(kind),
        notes,
    }
}

/// The one column (mapped to the kind, or to nothing, with a header of a type or direction) whose every
/// non-blank value in the sample is a direction word, in or out.
fn direction_column(profile: &Profile, header: &[String], sample: &Table) -> Option<usize> {
    let mapped: Vec<&String> = profile
        .columns
        .iter()
        .filter(|(f, _)| **f != Field::Kind)
        .map(|(_, name)| name)
        .collect();
    let fits = |col: usize| {
        let mut seen = false;
        for r in 0..sample.len() {
            let cell = sample.cell(r, col);
            if is_blank(cell) {
                continue;
            }
            match parse_direction(cell) {
                Some(Direction::In | Direction::Out) => seen = true,
                _ => return false,
            }
        }
        seen
    };
    // Only a column whose header speaks of a type or direction: a card's funding (credit/debit) is no direction.
    let names_a_direction = |h: &String| {
        let key = synonyms::normalise(h).key;
        profile.columns.get(&Field::Kind) == Some(h)
            || ["type", "direction", "indicator", "类型", "方向", "标志", "借贷", "收支"]
                .iter()
                .any(|w| key.contains(w))
    };
    let candidates: Vec<usize> = (0..header.len())
        .filter(|&c| {
            header
                .get(c)
                .is_some_and(|h| !mapped.contains(&h) && names_a_direction(h))
        })
        .filter(|&c| fits(c))
        .collect();
    match candidates.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// Words of a card statement's repayment or refund row.
const REPAYMENT_WORDS: &[&str] = &[
    "还款",
    "退款",
    "退货",
    "payment",
    "refund",
    "thank you",
    "rückzahlung",
    "gutschrift",
    "remboursement",
];

/// The signs of a sample's amounts, and of its repayment and refund rows (by their description).
#[derive(Default)]
struct Signs {
    positive: usize,
    negative: usize,
    repayments_positive: usize,
    repayments_negative: usize,
}

fn signs(profile: &Profile, header: &[String], sample: &Table) -> Signs {
    let column = |field: Field| {
        profile
            .columns
            .get(&field)
            .and_then(|name| header.iter().position(|h| h == name))
    };
    let mut signs = Signs::default();
    let Some(col) = column(Field::Amount) else {
        return signs;
    };
    let style = profile.decimal.unwrap_or_default();
    let text_cols: Vec<usize> = [Field::Description, Field::Kind]
        .into_iter()
        .filter_map(column)
        .collect();
    for r in 0..sample.len() {
        let Some(amount) = parse_amount(sample.cell(r, col), style).ok().flatten() else {
            continue;
        };
        let repayment = text_cols.iter().any(|&c| {
            let text = sample.cell(r, c).to_lowercase();
            REPAYMENT_WORDS.iter().any(|w| text.contains(w))
        });
        let positive = amount.is_sign_positive() && !amount.is_zero();
        let negative = amount.is_sign_negative() && !amount.is_zero();
        signs.positive += usize::from(positive);
        signs.negative += usize::from(negative);
        signs.repayments_positive += usize::from(repayment && positive);
        signs.repayments_negative += usize::from(repayment && negative);
    }
    signs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(header: &[&str], rows: &[&[&str]]) -> Table {
        let header: Vec<String> = header.iter().map(|h| (*h).to_owned()).collect();
        let mut t = Table::new(header, 1, Some(b','));
        for (i, row) in rows.iter().enumerate() {
            let cells: Vec<String> = row.iter().map(|c| (*c).to_owned()).collect();
            t.push(u32::try_from(i + 2).unwrap_or(0), cells.as_slice());
        }
        t
    }

    #[test]
    fn a_transaction_type_of_debit_and_credit_signs_the_amounts() {
        let t = table(
            &["Date", "Description", "Amount", "Transaction Type"],
            &[
                &["8/10/2016", "Starbucks", "2.45", "debit"],
                &["11/27/2013", "Transfer", "66.88", "credit"],
            ],
        );
        let mut profile = Profile::detect(&t.header);
        let refined = refine(&mut profile, &t.header, &t, &[], Side::Bank, None);
        assert_eq!(profile.sign, SignConvention::DirectionColumn);
        assert_eq!(
            profile.columns.get(&Field::Direction).map(String::as_str),
            Some("Transaction Type")
        );
        assert_eq!(refined.kind, Some(StatementKind::BankAccount));
        assert_eq!(refined.notes.len(), 1);
    }

    #[test]
    fn a_card_statement_with_charges_positive_is_turned_round() {
        let t = table(
            &[
                "Item #",
                "Card #",
                "Transaction Date",
                "Posting Date",
                "Transaction Amount",
                "Description",
            ],
            &[
                &["1", "'5191'", "20230511", "20230512", "3.27", "COSTCO"],
                &["2", "'5191'", "20230511", "20230512", "85.06", "COSTCO"],
                &["3", "'5191'", "20230512", "20230515", "-6.0", "REFUND"],
            ],
        );
        let mut profile = Profile::detect(&t.header);
        let refined = refine(&mut profile, &t.header, &t, &[], Side::Bank, None);
        assert_eq!(refined.kind, Some(StatementKind::CreditCard));
        assert!(profile.negate_amounts);
        // Written from the holder's side already (charges negative): left alone.
        let t = table(
            &["交易日", "记账日", "交易摘要", "人民币金额", "卡号末四位"],
            &[
                &["01/02", "01/03", "影票", "-56.78", "1234"],
                &["01/03", "01/04", "还款", "30.00", "1234"],
            ],
        );
        let mut profile = Profile::detect(&t.header);
        let preamble = [SkippedLine {
            line: 1,
            text: "招商银行信用卡对账单".into(),
        }];
        let refined = refine(&mut profile, &t.header, &t, &preamble, Side::Bank, None);
        assert_eq!(refined.kind, Some(StatementKind::CreditCard));
        assert!(!profile.negate_amounts);
    }

    #[test]
    fn kinds_from_the_header_and_side() {
        let header = |h: &[&str]| h.iter().map(|c| (*c).to_owned()).collect::<Vec<String>>();
        let bank = header(&["交易日期", "摘要", "收入金额", "支出金额", "余额"]);
        assert_eq!(of_table(&bank, &[], Side::Bank, None), StatementKind::BankAccount);
        assert_eq!(of_table(&bank, &[], Side::Terminal, None), StatementKind::Acquirer);
        let app = header(&["交易时间", "交易对方", "收/支", "金额", "支付方式", "交易状态"]);
        assert_eq!(of_table(&app, &[], Side::Bank, None), StatementKind::PaymentApp);
    }
}
