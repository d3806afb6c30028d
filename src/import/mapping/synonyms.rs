//! The header dictionary: which words banks and acquirers use for each [`Field`] — Chinese, English, German,
//! French, Japanese — and how a header cell is normalised before it is looked up: padding, full-width brackets,
//! units such as `金额（元）` or `Amount (USD)`, a currency written after the word (`Débit euros`), direction
//! qualifiers such as ICBC's `交易金额(收入)`, and traditional characters (Taiwan and Hong Kong banks: `餘額`,
//! `存款金額`) folded to the simplified ones the dictionary is written in.

use crate::model::Currency;

use super::Field;

/// Header words per field, best first: when two columns name the same field, the one with the earlier synonym
/// wins (e.g. 交易日期 over 记账日期). English words are written lower-case without spaces or punctuation,
/// because header cells are normalised that way.
const SYNONYMS: &[(Field, &[&str])] = &[
    (
        Field::Date,
        &[
            "交易日期",
            "日期",
            "记账日期",
            "记账日",
            "入账日期",
            "交易日",
            "发生日期",
            "date",
            "transactiondate",
            "txndate",
            "postingdate",
            "bookingdate",
            "valuedate",
            "createdutc",
            "created",
            "createddate",
            "datum",
            "effectiveatutc",
            "effectiveat",
            // French, German, Italian, Dutch, Spanish and Hungarian banks; booking times.
            "datedopération",
            "datedoperation",
            "dateopération",
            "datedecomptabilisation",
            "buchungstag",
            "buchungsdatum",
            "dataoperazione",
            "datacontabile",
            "transactiedatum",
            "boekdatum",
            "fecha",
            "fechaoperación",
            "fechaoperacion",
            "dátum",
            "könyvelésdátuma",
            "koenyvelesdatuma",
            "bookingtime",
            "bookingdatetime",
            "postedat",
            // Revolut (Started Date: when the payment was made; Completed Date: when it was booked), Adyen, US
            // card statements; German and French banks; Japanese banks (年月日, 取引日, 日付).
            "starteddate",
            "completeddate",
            "creationdate",
            "transdate",
            "posteddate",
            "dateposted",
            "postdate",
            "buchungstag",
            "buchung",
            "buchungsdatum",
            "dateopération",
            "datedelopération",
            "dateoperation",
            "年月日",
            "取引日",
            "お取引日",
            "日付",
            // Spanish, Italian, Portuguese banks.
            "fecha",
            "fechaoperación",
            "fechaoperacion",
            "data",
            "dataoperazione",
            "datacontabile",
            "datamovimento",
        ],
    ),
    (
        Field::Time,
        &[
            "交易时间",
            "时间",
            "发生时间",
            "交易创建时间",
            "付款时间",
            "记账时间",
            "入账时间",
            "time",
            "transactiontime",
            "datetime",
            "timestamp",
            "uhrzeit",
        ],
    ),
    (
        Field::Amount,
        &[
            // What was paid or booked comes before what was asked: Meituan's 实付金额 over its 订单金额 (the list
            // price), ICBC's 记账金额 over its 交易金额 (which may hold "-" where the booked money is).
            "实付金额",
            "实收金额",
            "支付金额",
            "付款金额",
            "记账金额",
            "交易金额",
            "金额",
            "人民币金额",
            "发生额",
            "交易额",
            "应结订单金额",
            "消费金额",
            "订单金额",
            "amount",
            "transactionamount",
            "grosssales",
            "gross",
            "grossamount",
            "total",
            "totalamount",
            "betrag",
            "betraginklmwst",
            "umsatz",
            "montant",
            "montantdelopération",
            "取引金额",
            "お取引金额",
            "billingamount",
            "bedrag",
            "importe",
            "importo",
            "valor",
            // Hungarian, Dutch, Italian and Spanish banks.
            "oesszeg",
            "összeg",
            "transactiebedrag",
            "importooperazione",
            "importedelmovimiento",
            "amountpaid",
            "paidamount",
        ],
    ),
    (
        Field::Credit,
        &[
            "收入金额",
            "收入",
            "贷方发生额",
            "贷方金额",
            "贷方",
            "存入金额",
            "存入",
            "收款金额",
            "入账金额",
            "credit",
            "credits",
            "creditamount",
            "deposit",
            "deposits",
            "moneyin",
            "paidin",
            // Taiwan and Hong Kong banks (存款金額 after folding to simplified), Japanese banks, German Haben,
            // French Crédit, Adyen's Gross Credit (GC).
            "存款金额",
            "存款",
            "存入金额",
            "入金",
            "入金额",
            "入金金额",
            "お預入れ",
            "お預入れ金额",
            "お預り金额",
            "預入金额",
            "haben",
            "crédit",
            "grosscredit",
            "entrate",
            "ingresos",
            "abono",
        ],
    ),
    (
        Field::Debit,
        &[
            "支出金额",
            "支出",
            "借方发生额",
            "借方金额",
            "借方",
            "取出金额",
            "支取金额",
            "付款金额",
            "debit",
            "debits",
            "debitamount",
            "withdrawal",
            "withdrawals",
            "moneyout",
            "paidout",
            "提款金额",
            "提款",
            "提取金额",
            "提取",
            "出金",
            "出金额",
            "出金金额",
            "お引出し",
            "お引出し金额",
            "お支払金额",
            "引出金额",
            "soll",
            "débit",
            "grossdebit",
            "uscite",
            "gastos",
            "cargo",
        ],
    ),
    (
        Field::Direction,
        &[
            "收/支",
            "收支",
            "收支类型",
            "借贷标志",
            "借贷方向",
            "借贷",
            "资金方向",
            "方向",
            "dr/cr",
            "direction",
            "debitcredit",
            "creditdebit",
            "drcr",
            "afbij",
        ],
    ),
    (
        Field::Fee,
        &[
            "手续费",
            "服务费",
            "手续费金额",
            "商户手续费",
            "fee",
            "fees",
            "commission",
            "gebuehr",
            "processingfee",
            "totalfees",
            "gebuehren",
            "frais",
            "手数料",
        ],
    ),
    (
        Field::Net,
        &[
            "结算金额",
            "清算金额",
            "净额",
            "实收金额",
            "到账金额",
            "net",
            "nettotal",
            "netamount",
            "payout",
        ],
    ),
    (
        Field::Reference,
        &[
            "参考号",
            "系统参考号",
            "检索参考号",
            "交易参考号",
            "交易单号",
            "交易号",
            "交易流水号",
            "订单号",
            "商户订单号",
            "微信订单号",
            "交易订单号",
            "账务流水号",
            "业务流水号",
            "reference",
            "ref",
            "rrn",
            "referenceno",
            "referencenumber",
            "transactionid",
            "paymentid",
            "orderid",
            "id",
            "transaktionsid",
            "pspreference",
            "kundenreferenz",
            "transactionreference",
            "receiptnumber",
            "receiptno",
            "transferwiseid",
            "ordernumber",
            "order",
        ],
    ),
    (
        Field::Voucher,
        &[
            "凭证号",
            "流水号",
            "凭证号码",
            "终端流水号",
            "trace",
            "traceno",
            "stan",
            "voucher",
            "voucherno",
        ],
    ),
    (
        Field::Batch,
        &[
            "批次号",
            "交易批次号",
            "批次",
            "结算批次号",
            "清算批次号",
            "batch",
            "batchno",
            "batchnumber",
            // The payout a row is paid in (Square's Deposit ID, Stripe's payout ids): ties rows to a bank credit.
            "depositid",
            "payoutid",
            "automaticpayoutid",
            "auszahlungsid",
        ],
    ),
    (
        Field::Terminal,
        &[
            "终端号",
            "终端编号",
            "终端",
            "设备号",
            "终端id",
            "terminalid",
            "terminal",
            "tid",
            "devicename",
            "device",
            "deviceid",
        ],
    ),
    (
        Field::Merchant,
        &[
            "商户号",
            "商户编号",
            "商户代码",
            "特约商户号",
            "merchantid",
            "mid",
            "merchantno",
        ],
    ),
    (
        Field::Card,
        &[
            "卡号",
            "交易卡号",
            "银行卡号",
            "付款卡号",
            "card",
            "cardnumber",
            "cardno",
            "pan",
            "pansuffix",
            "maskedpan",
            "cardlastfourdigits",
            "lastfourdigits",
            "last4",
        ],
    ),
    (
        Field::Kind,
        &[
            "交易类型",
            "业务类型",
            "类型",
            "交易种类",
            "type",
            "transactiontype",
            "txntype",
            "zahlungsart",
            "buchungstext",
            "umsatzart",
            "取引区分",
            "mutatiesoort",
        ],
    ),
    (
        Field::Status,
        &["交易状态", "状态", "当前状态", "处理状态", "status", "result", "state"],
    ),
    (
        Field::Description,
        &[
            "摘要",
            "交易摘要",
            "商品名称",
            "商品说明",
            "商品",
            "用途",
            "附言",
            "备注",
            "交易说明",
            "description",
            "memo",
            "narrative",
            "details",
            "particulars",
            "remarks",
            "note",
            "交易说明",
            "说明",
            "verwendungszweck",
            "libellé",
            "libelle",
            "お取り扱い内容",
            "お取扱内容",
            "取引内容",
            "内容",
            "mededelingen",
            "omschrijving",
            "concepto",
            "descrizione",
            "causale",
            "descrição",
            "descricao",
        ],
    ),
    (
        Field::Counterparty,
        &[
            "对方户名",
            "交易对方",
            "对手信息",
            "对方名称",
            "对方账户名",
            "收/付款方",
            "counterparty",
            "payee",
            "payer",
            "name",
            "beneficiary",
            "auftraggeber/empfaenger",
            "beguenstigter/auftraggeber",
            "auftraggeber/beguenstigter",
            "empfaenger",
            "zahlungsempfaenger",
            "namezahlungsbeteiligter",
            "empfaenger/zahlungspflichtiger",
            "beguenstigter/zahlungspflichtiger",
            "naam/omschrijving",
            "naamtegenpartij",
            // A bare `Merchant` names where a card was used (Wise, Revolut, card statements); the acquirer's
            // merchant number is `Merchant ID`, `MID`.
            "merchant",
        ],
    ),
    (
        Field::Account,
        &[
            "本方账号",
            "账号",
            "账户",
            "卡号账号",
            "account",
            "accountnumber",
            "iban",
            "auftragskonto",
            "rekening",
        ],
    ),
    (
        Field::Balance,
        &[
            "余额",
            "账户余额",
            "联机余额",
            "当前余额",
            "balance",
            "runningbalance",
            "runningbal",
            "saldo",
            "solde",
            "残高",
            "saldonamutatie",
            "saldonatrn",
        ],
    ),
    (
        Field::Currency,
        &[
            "币种",
            "货币",
            "交易币种",
            "记账币种",
            "货币种类",
            "币别",
            "currency",
            "ccy",
            "waehrung",
            "devise",
            "divisa",
            "moeda",
            "通货",
            "grosscurrency",
            "billingcurrency",
        ],
    ),
    (
        Field::SettleDate,
        &[
            "清算日期",
            "结算日期",
            "清算日",
            "结算日",
            "划款日期",
            "入账日",
            "auszahlungsdatum",
            "datedeversement",
            "settlementdate",
            "settledate",
            "depositdate",
            "availableonutc",
            "payoutexpectedarrivaldate",
            // The value date of European banks (Valuta, Wertstellung, date de valeur). Not a bare `Wert` (value):
            // Deutsche Bank's value date, but an amount in other exports.
            "valuta",
            "wertstellung",
            "valutadatum",
            "datedevaleur",
            "fechavalor",
            "datavaluta",
            // Shopify Payments: when the money is paid out.
            "payoutdate",
            "availableon",
        ],
    ),
    // Not 退款金额: the WeChat Pay merchant bill writes its refunds as rows of their own, with the amount there.
    (Field::AmountRefunded, &["amountrefunded", "refundedamount"]),
    (
        Field::RefundDate,
        &["refunddate", "refunddateutc", "refundedat", "refundedatutc"],
    ),
    // What the customer paid where the amount is what the shop was paid: Stripe's balance report's
    // customer_facing_amount; Stripe's payments export says `Amount` (its preset maps it).
    (
        Field::CustomerAmount,
        &["customerfacingamount", "presentmentamount", "customeramount"],
    ),
    (
        Field::CustomerCurrency,
        &["customerfacingcurrency", "presentmentcurrency", "customercurrency"],
    ),
    (Field::Captured, &["captured", "iscaptured"]),
    (
        Field::DisputedAmount,
        &["disputedamount", "disputeamount", "chargebackamount"],
    ),
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
            c if c.is_whitespace()
                || matches!(
                    c,
                    '\u{feff}' | '\u{200e}' | '\u{200f}' | '\u{202a}'
                        ..='\u{202e}' | '`' | '\'' | '"' | '=' | '_' | '-' | '.' | '#' | ':' | '：' | '*'
                ) => {}
            // German umlauts as banks also write them (`Währung`, `Waehrung`): one key for both.
            c => c.to_lowercase().for_each(|l| match l {
                'ä' => key.push_str("ae"),
                'ö' => key.push_str("oe"),
                'ü' => key.push_str("ue"),
                'ß' => key.push_str("ss"),
                l => key.push(simplified(l)),
            }),
        }
    }
    let qualifier: String = inside
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    let qualifier = qualifier.trim_matches(|c| c == '+' || c == '-');
    let direction = match qualifier {
        "收入" | "贷" | "贷方" | "credit" | "cr" | "in" => Some(Field::Credit),
        "支出" | "借" | "借方" | "debit" | "dr" | "out" => Some(Field::Debit),
        _ => None,
    };
    // Only a real currency: `Amount (fee)` is no amount in the currency FEE.
    let currency = match qualifier {
        "元" | "人民币元" | "人民币" => Some(Currency::CNY),
        q if CODES.contains(&q.to_ascii_uppercase().as_str()) => Currency::parse(q),
        _ => None,
    };
    HeaderWord {
        key,
        currency,
        direction,
    }
}

/// Traditional characters of header words and their simplified forms (the dictionary's): Taiwan and Hong Kong
/// banks write `餘額`, `交易說明`, `帳號`; Japanese banks `金額` (the same character as the traditional one).
const TRADITIONAL: &[(char, char)] = &[
    ('額', '额'),
    ('餘', '余'),
    ('說', '说'),
    ('帳', '账'),
    ('戶', '户'),
    ('號', '号'),
    ('幣', '币'),
    ('別', '别'),
    ('種', '种'),
    ('對', '对'),
    ('單', '单'),
    ('務', '务'),
    ('費', '费'),
    ('稱', '称'),
    ('間', '间'),
    ('時', '时'),
    ('結', '结'),
    ('計', '计'),
    ('類', '类'),
    ('態', '态'),
    ('狀', '状'),
    ('備', '备'),
    ('註', '注'),
    ('貸', '贷'),
    ('轉', '转'),
    ('碼', '码'),
    ('資', '资'),
    ('記', '记'),
    ('錄', '录'),
    ('憑', '凭'),
    ('證', '证'),
    ('終', '终'),
    ('場', '场'),
    ('處', '处'),
    ('現', '现'),
    ('鈔', '钞'),
    ('匯', '汇'),
    ('淨', '净'),
    ('應', '应'),
    ('實', '实'),
    ('總', '总'),
    ('筆', '笔'),
    ('銀', '银'),
    ('貨', '货'),
    ('發', '发'),
    ('經', '经'),
    ('辦', '办'),
    ('櫃', '柜'),
];

/// True for a character written only in traditional Chinese (one of [`TRADITIONAL`]): a header with one is a
/// Taiwan or Hong Kong bank's.
pub fn is_traditional(c: char) -> bool {
    simplified(c) != c
}

/// The simplified form of a traditional character of [`TRADITIONAL`]; any other character as it is.
fn simplified(c: char) -> char {
    if (c as u32) < 0x4E00 {
        return c;
    }
    TRADITIONAL.iter().find(|(t, _)| *t == c).map_or(c, |(_, s)| *s)
}

/// Currency words written after a header word without brackets: `Débit euros`, `Crédit EUR`, `Amount USD`.
const CURRENCY_WORDS: &[(&str, &str)] = &[
    ("euros", "EUR"),
    ("euro", "EUR"),
    ("€", "EUR"),
    ("$", "USD"),
    ("£", "GBP"),
];

/// ISO codes written after a header word (`Betrag EUR`).
const CODES: &[&str] = &[
    "EUR", "USD", "GBP", "CHF", "JPY", "CNY", "HKD", "TWD", "SGD", "AUD", "CAD", "NZD", "SEK", "NOK", "DKK", "PLN",
    "CZK", "HUF", "RMB",
];

/// A key that ends in a currency (`débiteuros`, `amountusd`): the word before it and the currency.
fn without_currency_word(key: &str) -> Option<(&str, Currency)> {
    let named = CURRENCY_WORDS
        .iter()
        .find_map(|(word, code)| Some((key.strip_suffix(word)?, Currency::parse(code)?)));
    let (rest, currency) = named.or_else(|| {
        let cut = key.len().checked_sub(3).filter(|&cut| key.is_char_boundary(cut))?;
        let code = key.get(cut..)?.to_ascii_uppercase();
        // Only codes of real currencies: `Total fee` is no amount in the currency FEE.
        let currency = CODES
            .contains(&code.as_str())
            .then(|| Currency::parse(&code))
            .flatten()?;
        Some((key.get(..cut)?, currency))
    })?;
    let rest = rest.strip_suffix("in").filter(|r| lookup(r).is_some()).unwrap_or(rest);
    (!rest.is_empty()).then_some((rest, currency))
}

/// The field and rank of a normalised key in the dictionary.
fn lookup(key: &str) -> Option<(Field, usize)> {
    SYNONYMS
        .iter()
        .find_map(|(field, words)| words.iter().position(|w| *w == key).map(|rank| (*field, rank)))
}

/// The field a header cell names and its rank (0 = the field's best word), if any.
pub fn field_of(cell: &str) -> Option<(Field, usize)> {
    let word = normalise(cell);
    if word.key.is_empty() {
        return None;
    }
    // `Débit euros`: the word before the currency names the field (when the whole key is no word of its own).
    let (field, rank) =
        lookup(&word.key).or_else(|| without_currency_word(&word.key).and_then(|(rest, _)| lookup(rest)))?;
    match (field, word.direction) {
        (Field::Amount, Some(direction)) => Some((direction, rank)),
        _ => Some((field, rank)),
    }
}

/// The currency a header names in brackets (`Amount (USD)`) or after its word (`Crédit euros`).
pub fn currency_of(cell: &str) -> Option<Currency> {
    let word = normalise(cell);
    word.currency.or_else(|| {
        let (rest, currency) = without_currency_word(&word.key)?;
        (lookup(&word.key).is_none() && lookup(rest).is_some()).then_some(currency)
    })
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
    fn traditional_headers_fold_to_the_simplified_words() {
        assert_eq!(field_of("餘額").map(|f| f.0), Some(Field::Balance));
        assert_eq!(field_of("存款金額").map(|f| f.0), Some(Field::Credit));
        assert_eq!(field_of("提款金額").map(|f| f.0), Some(Field::Debit));
        assert_eq!(field_of("交易說明").map(|f| f.0), Some(Field::Description));
        assert!(is_traditional('餘') && !is_traditional('余') && !is_traditional('a'));
    }

    #[test]
    fn a_currency_written_after_the_word_is_a_unit() {
        assert_eq!(field_of("Débit euros").map(|f| f.0), Some(Field::Debit));
        assert_eq!(field_of("Crédit euros").map(|f| f.0), Some(Field::Credit));
        assert_eq!(currency_of("Crédit euros"), Some(Currency::EUR));
        assert_eq!(field_of("Betrag in EUR").map(|f| f.0), Some(Field::Amount));
        assert_eq!(currency_of("Amount USD"), Some(Currency::USD));
        // Only real currencies: `Total fee` is not an amount in a currency called FEE.
        assert_eq!(field_of("Total fee"), None);
        assert_eq!(currency_of("Description"), None);
    }

    #[test]
    fn german_french_and_japanese_bank_words() {
        for (cell, field) in [
            ("Buchungstag", Field::Date),
            ("Buchung", Field::Date),
            ("Soll", Field::Debit),
            ("Haben", Field::Credit),
            ("Verwendungszweck", Field::Description),
            ("Auftraggeber/Empfänger", Field::Counterparty),
            ("Waehrung", Field::Currency),
            ("Währung", Field::Currency),
            ("Gebühr", Field::Fee),
            ("Beguenstigter/Zahlungspflichtiger", Field::Counterparty),
            ("Valuta", Field::SettleDate),
            ("划款日期", Field::SettleDate),
            ("Auszahlungsdatum", Field::SettleDate),
            ("Date de versement", Field::SettleDate),
            ("Deposit ID", Field::Batch),
            ("automatic_payout_id", Field::Batch),
            ("Payout ID", Field::Batch),
            ("Saldo", Field::Balance),
            ("Libellé", Field::Description),
            ("年月日", Field::Date),
            ("お引出し", Field::Debit),
            ("お預入れ", Field::Credit),
            ("残高", Field::Balance),
            ("Started Date", Field::Date),
            ("Running Bal.", Field::Balance),
            ("Fecha", Field::Date),
            ("Importe", Field::Amount),
            ("Data valuta", Field::SettleDate),
            ("Uscite", Field::Debit),
        ] {
            assert_eq!(field_of(cell).map(|f| f.0), Some(field), "{cell}");
        }
    }

    #[test]
    fn data_cells_are_not_headers() {
        assert_eq!(field_of("2026-11-24"), None);
        assert_eq!(field_of("1,234.50"), None);
        assert_eq!(field_of(""), None);
    }

    #[test]
    fn a_header_fragment_is_no_currency_and_direction_marks_are_ignored() {
        assert_eq!(currency_of("Amount (fee)"), None);
        assert_eq!(currency_of("Amount (eur)"), Some(Currency::EUR));
        assert_eq!(field_of("\u{200f}Booking Time").map(|f| f.0), Some(Field::Date));
        assert_eq!(field_of("\u{feff}Date de valeur").map(|f| f.0), Some(Field::SettleDate));
        assert_eq!(field_of("人民币金额").map(|f| f.0), Some(Field::Amount));
        assert_eq!(field_of("Buchungstag").map(|f| f.0), Some(Field::Date));
        assert_eq!(field_of("Összeg").map(|f| f.0), Some(Field::Amount));
        // Paid before list price, booked before the transaction's amount.
        assert!(field_of("实付金额").map(|f| f.1) < field_of("订单金额").map(|f| f.1));
        assert!(field_of("记账金额(收入)").map(|f| f.1) < field_of("交易金额(收入)").map(|f| f.1));
    }
}
