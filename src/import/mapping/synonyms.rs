//! The header dictionary: which words banks and acquirers use for each [`Field`], in Chinese and English, and
//! how a header cell is normalised before it is looked up — padding, full-width brackets, units such as
//! `金额（元）` or `Amount (USD)`, and direction qualifiers such as ICBC's `交易金额(收入)`.

use crate::model::Currency;

use super::Field;

/// Header words per field, best first: when two columns name the same field, the one with the earlier synonym
/// wins (e.g. 交易日期 over 记账日期). English words are written lower-case without spaces or punctuation,
/// because header cells are normalised that way.
const SYNONYMS: &[(Field, &[&str])] = &[
    (
        Field::Date,
        &[
            "交易日期", "日期", "记账日期", "记账日", "入账日期", "交易日", "发生日期", "date", "transactiondate",
            "txndate", "postingdate", "bookingdate", "valuedate", "createdutc", "created", "createddate", "datum", "effectiveatutc",
            "effectiveat",
        ],
    ),
    (
        Field::Time,
        &[
            "交易时间", "时间", "发生时间", "交易创建时间", "付款时间", "记账时间", "入账时间", "time",
            "transactiontime", "datetime", "timestamp", "uhrzeit",
        ],
    ),
    (
        Field::Amount,
        &[
            "交易金额", "金额", "订单金额", "发生额", "交易额", "记账金额", "应结订单金额", "消费金额", "amount",
            "transactionamount", "grosssales", "gross", "grossamount", "total", "totalamount", "betrag", "betraginklmwst",
        ],
    ),
    (
        Field::Credit,
        &[
            "收入金额", "收入", "贷方发生额", "贷方金额", "贷方", "存入金额", "存入", "收款金额", "入账金额",
            "credit", "credits", "creditamount", "deposit", "deposits", "moneyin", "paidin",
        ],
    ),
    (
        Field::Debit,
        &[
            "支出金额", "支出", "借方发生额", "借方金额", "借方", "取出金额", "支取金额", "付款金额", "debit",
            "debits", "debitamount", "withdrawal", "withdrawals", "moneyout", "paidout",
        ],
    ),
    (Field::Direction, &["收/支", "收支", "收支类型", "借贷标志", "借贷方向", "借贷", "资金方向", "方向", "dr/cr", "direction", "debitcredit", "creditdebit", "drcr"]),
    (Field::Fee, &["手续费", "服务费", "手续费金额", "商户手续费", "fee", "fees", "commission", "gebühr", "processingfee"]),
    (Field::Net, &["结算金额", "清算金额", "净额", "实收金额", "到账金额", "net", "nettotal", "netamount", "payout"]),
    (
        Field::Reference,
        &[
            "参考号", "系统参考号", "检索参考号", "交易参考号", "交易单号", "交易号", "交易流水号", "订单号",
            "商户订单号", "微信订单号", "交易订单号", "账务流水号", "业务流水号", "reference", "ref", "rrn",
            "referenceno", "referencenumber", "transactionid", "paymentid", "orderid", "id", "transaktionsid",
        ],
    ),
    (Field::Voucher, &["凭证号", "流水号", "凭证号码", "终端流水号", "trace", "traceno", "stan", "voucher", "voucherno"]),
    (Field::Batch, &["批次号", "交易批次号", "批次", "batch", "batchno", "batchnumber"]),
    (Field::Terminal, &["终端号", "终端编号", "终端", "设备号", "终端id", "terminalid", "terminal", "tid", "devicename", "device", "deviceid"]),
    (Field::Merchant, &["商户号", "商户编号", "商户代码", "特约商户号", "merchantid", "merchant", "mid", "merchantno"]),
    (Field::Card, &["卡号", "交易卡号", "银行卡号", "付款卡号", "card", "cardnumber", "cardno", "pan", "pansuffix", "maskedpan"]),
    (Field::Kind, &["交易类型", "业务类型", "类型", "交易种类", "type", "transactiontype", "txntype", "zahlungsart"]),
    (Field::Status, &["交易状态", "状态", "当前状态", "处理状态", "status", "result", "state"]),
    (
        Field::Description,
        &[
            "摘要", "交易摘要", "商品名称", "商品说明", "商品", "用途", "附言", "备注", "交易说明", "description",
            "memo", "narrative", "details", "particulars", "remarks", "note",
        ],
    ),
    (Field::Counterparty, &["对方户名", "交易对方", "对手信息", "对方名称", "对方账户名", "收/付款方", "counterparty", "payee", "payer", "name", "beneficiary"]),
    (Field::Account, &["本方账号", "账号", "账户", "卡号账号", "account", "accountnumber", "iban"]),
    (Field::Balance, &["余额", "账户余额", "联机余额", "当前余额", "balance", "runningbalance"]),
    (Field::Currency, &["币种", "货币", "交易币种", "记账币种", "货币种类", "币别", "currency", "ccy", "währung"]),
    (Field::SettleDate, &["清算日期", "结算日期", "入账日", "settlementdate", "settledate", "depositdate", "availableonutc", "payoutexpectedarrivaldate"]),
    // Not 退款金额: the WeChat Pay merchant bill writes its refunds as rows of their own, with the amount there.
    (Field::AmountRefunded, &["amountrefunded", "refundedamount"]),
    (Field::RefundDate, &["refunddate", "refunddateutc", "refundedat", "refundedatutc"]),
    // What the customer paid where the amount is what the shop was paid: Stripe's balance report's
    // customer_facing_amount; Stripe's payments export says `Amount` (its preset maps it).
    (Field::CustomerAmount, &["customerfacingamount", "presentmentamount", "customeramount"]),
    (Field::CustomerCurrency, &["customerfacingcurrency", "presentmentcurrency", "customercurrency"]),
    (Field::Captured, &["captured", "iscaptured"]),
    (Field::DisputedAmount, &["disputedamount", "disputeamount", "chargebackamount"]),
    (Field::DisputeStatus, &["disputestatus", "chargebackstatus"]),
    // `Dispute Date (UTC)`: the bracket is a unit and drops out.
    (Field::DisputeDate, &["disputedate", "disputecreated", "chargebackdate"]),
];

/// A header cell after normalisation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeaderWord {
    /// Lower-case, without spaces, padding or unit brackets.
    pub key: String,
    /// A currency named in brackets: `Amount (USD)`, `金额（元）`.
    pub currency: Option<Currency>,
    /// `(收入)` / `(支出)` / `(credit)` / `(debit)` after an amount word.
    pub direction: Option<Field>,
}

/// Normalises a header cell: trims (also full-width spaces, tabs, backticks, `="…"`), lower-cases ASCII, drops
/// spaces, `_`, `-`, `.`, `#` and `:`, and takes bracketed units and direction qualifiers out.
pub fn normalise(cell: &str) -> HeaderWord {
    let mut key = String::with_capacity(cell.len());
    let mut inside = String::new();
    let mut depth = 0usize;
    for c in cell.chars() {
        match c {
            '(' | '（' | '[' | '【' => depth += 1,
            ')' | '）' | ']' | '】' => depth = depth.saturating_sub(1),
            _ if depth > 0 => inside.push(c),
            c if c.is_whitespace() || matches!(c, '\u{feff}' | '`' | '\'' | '"' | '=' | '_' | '-' | '.' | '#' | ':' | '：' | '*') => {}
            c => key.extend(c.to_lowercase()),
        }
    }
    let qualifier: String = inside.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase();
    let qualifier = qualifier.trim_matches(|c| c == '+' || c == '-');
    let direction = match qualifier {
        "收入" | "贷" | "贷方" | "credit" | "cr" | "in" => Some(Field::Credit),
        "支出" | "借" | "借方" | "debit" | "dr" | "out" => Some(Field::Debit),
        _ => None,
    };
    let currency = match qualifier {
        "元" | "人民币元" | "人民币" => Some(Currency::CNY),
        q => Currency::parse(q),
    };
    HeaderWord { key, currency, direction }
}

/// The field a header cell names and its rank (0 = the field's best word), if any.
pub fn field_of(cell: &str) -> Option<(Field, usize)> {
    let word = normalise(cell);
    if word.key.is_empty() {
        return None;
    }
    let (field, rank) = SYNONYMS
        .iter()
        .find_map(|(field, words)| words.iter().position(|w| *w == word.key).map(|rank| (*field, rank)))?;
    match (field, word.direction) {
        (Field::Amount, Some(direction)) => Some((direction, rank)),
        _ => Some((field, rank)),
    }
}

/// The currency a header names in brackets, e.g. `Amount (USD)`.
pub fn currency_of(cell: &str) -> Option<Currency> {
    normalise(cell).currency
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_and_padding_do_not_hide_the_field() {
        assert_eq!(field_of(" 金额（元） ").map(|f| f.0), Some(Field::Amount));
        assert_eq!(field_of("Amount (USD)").map(|f| f.0), Some(Field::Amount));
        assert_eq!(currency_of("Amount (USD)"), Some(Currency::USD));
        assert_eq!(field_of("收入金额（+元）").map(|f| f.0), Some(Field::Credit));
        assert_eq!(field_of("Terminal ID").map(|f| f.0), Some(Field::Terminal));
        assert_eq!(field_of("`交易时间\t").map(|f| f.0), Some(Field::Time));
    }

    #[test]
    fn direction_qualifier_turns_an_amount_into_credit_or_debit() {
        assert_eq!(field_of("交易金额(收入)").map(|f| f.0), Some(Field::Credit));
        assert_eq!(field_of("记账金额(支出)").map(|f| f.0), Some(Field::Debit));
    }

    #[test]
    fn data_cells_are_not_headers() {
        assert_eq!(field_of("2026-11-24"), None);
        assert_eq!(field_of("1,234.50"), None);
        assert_eq!(field_of(""), None);
    }
}
