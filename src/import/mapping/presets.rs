//! Named mappings for exports we know: a preset is chosen when the header carries its signature (a set of
//! fields, in Chinese or English headers), and `posrecon inspect` says which preset and which header cells made
//! the choice. A preset only adds what a header cannot say by itself: the side, the sign convention (and whether
//! the signs are the other party's), a time-zone note.

use crate::model::{Currency, Side};

use super::synonyms::{field_of, normalise};
use super::{Field, Profile, SignConvention};

/// Whether the header cells are written in Chinese or English. A header in Japanese (kana among its characters)
/// is neither: no preset fits it, and its mapping is detected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Script {
    Chinese,
    English,
}

/// A known export layout.
#[derive(Clone, Copy, Debug)]
pub struct Preset {
    /// Stable name, used in profiles and on the command line.
    pub name: &'static str,
    /// What the layout is, in a sentence.
    pub title: &'static str,
    pub script: Script,
    /// Fields the header must all have.
    pub required: &'static [Field],
    /// Of these the header must have at least one (empty: no condition).
    pub any_of: &'static [Field],
    /// Fields the header must not have: what a layout never carries (a terminal log has no running balance).
    pub excludes: &'static [Field],
    /// Header words (normalised as in [`super::synonyms::normalise`]) the header must all have besides its
    /// fields: what tells apart exports whose fields are the same, e.g. Alipay's 交易分类 from WeChat's 支付方式.
    pub words: &'static [&'static str],
    /// Columns the preset names itself, over what the synonyms would pick (e.g. Square's `PAN Suffix` as the
    /// card, not its `Card` column, which holds the amount paid by card).
    pub columns: &'static [(Field, &'static str)],
    /// The currency of a layout that does not say it in each row (Square's `$1,240.00`).
    pub currency: Option<Currency>,
    pub side: Side,
    pub sign: SignConvention,
    /// The file writes money from the other party's side ([`Profile::negate_amounts`]).
    pub negate_amounts: bool,
    pub timezone: &'static str,
}

impl Preset {
    /// What a Chinese-header layout with times in China time has besides its name, title and signature
    /// (`required`, `words` …), which each entry of [`PRESETS`] sets with struct update syntax.
    const fn chinese(side: Side, sign: SignConvention) -> Preset {
        Preset {
            script: Script::Chinese,
            ..Preset::english(side, sign, "Asia/Shanghai (times as printed)")
        }
    }

    /// The same for an English-header layout.
    const fn english(side: Side, sign: SignConvention, timezone: &'static str) -> Preset {
        Preset {
            name: "",
            title: "",
            script: Script::English,
            required: &[],
            any_of: &[],
            excludes: &[],
            words: &[],
            columns: &[],
            currency: None,
            side,
            sign,
            negate_amounts: false,
            timezone,
        }
    }
}

/// The presets, most specific first.
pub const PRESETS: &[Preset] = &[
    Preset {
        name: "cn-alipay-personal-bill",
        title: "Alipay personal bill (支付宝交易明细: 交易分类, 收/支, 金额, 收/付款方式, 交易订单号; 不计收支 rows unsigned)",
        required: &[Field::Time, Field::Direction, Field::Amount, Field::Reference],
        words: &["交易分类", "收/付款方式"],
        ..Preset::chinese(Side::Bank, SignConvention::DirectionColumn)
    },
    Preset {
        name: "cn-wechat-personal-bill",
        title: "WeChat Pay personal bill (微信支付账单明细: 交易类型, 收/支, 金额(元) as ¥28.16, 支付方式, 当前状态; `/` rows unsigned)",
        required: &[Field::Time, Field::Direction, Field::Amount, Field::Reference],
        words: &["支付方式", "当前状态"],
        ..Preset::chinese(Side::Bank, SignConvention::DirectionColumn)
    },
    Preset {
        name: "cn-wechat-merchant-bill",
        title: "WeChat Pay merchant bill, type ALL (微信支付商户对账单: every cell after a backtick, 应结订单金额 in, 退款金额 out on REFUND rows, 手续费/费率, 2 totals lines at the end)",
        required: &[Field::Time, Field::Merchant, Field::Amount, Field::Fee],
        words: &["微信订单号", "应结订单金额", "退款金额"],
        columns: &[
            (Field::Credit, "应结订单金额"),
            (Field::Debit, "退款金额"),
            (Field::Reference, "微信订单号"),
            (Field::Kind, "交易状态"),
            (Field::Description, "商品名称"),
        ],
        ..Preset::chinese(Side::Terminal, SignConvention::SplitColumns)
    },
    Preset {
        name: "cn-wechat-merchant-bill-2018",
        title: "WeChat Pay merchant bill, type ALL, layout before 2019 (总金额, 企业红包金额 or 代金券或立减优惠金额; 退款金额 out on REFUND rows)",
        required: &[Field::Time, Field::Merchant, Field::Fee],
        words: &["微信订单号", "总金额", "退款金额"],
        columns: &[
            (Field::Credit, "总金额"),
            (Field::Debit, "退款金额"),
            (Field::Reference, "微信订单号"),
            (Field::Kind, "交易状态"),
            (Field::Description, "商品名称"),
        ],
        ..Preset::chinese(Side::Terminal, SignConvention::SplitColumns)
    },
    Preset {
        name: "cn-alipay-web-export",
        title: "Alipay older web export (支付宝交易记录明细: 交易号, 交易创建时间, 类型, 金额（元）, 收/支, 服务费（元）, 资金状态; ---- trailer)",
        required: &[Field::Time, Field::Direction, Field::Amount, Field::Reference],
        words: &["交易来源地", "资金状态"],
        // 资金状态 (已收入, 已支出, 资金转移) says where the money went, also for a move into 余额宝 whose 收/支
        // is blank; 收/支 names only the trade's direction.
        columns: &[(Field::Direction, "资金状态")],
        ..Preset::chinese(Side::Bank, SignConvention::DirectionColumn)
    },
    Preset {
        name: "cn-alipay-merchant-trades",
        title: "Alipay merchant business detail (支付宝业务明细: 支付宝交易号, 业务类型 交易/退款, 完成时间, 订单金额, 商家实收, 服务费; '#' preamble and 合计 trailer)",
        required: &[Field::Amount, Field::Kind, Field::Fee],
        words: &["支付宝交易号", "商家实收（元）", "完成时间"],
        columns: &[
            (Field::Time, "完成时间"),
            (Field::Amount, "商家实收（元）"),
            (Field::Reference, "支付宝交易号"),
            (Field::Batch, "退款批次号/请求号"),
        ],
        ..Preset::chinese(Side::Terminal, SignConvention::Signed)
    },
    Preset {
        name: "cn-alipay-merchant-ledger",
        title: "Alipay merchant account ledger (支付宝账务明细: 账务流水号, 业务流水号, 收入金额（+元）, 支出金额（-元）, 账户余额; '#' preamble and 合计 trailer)",
        required: &[Field::Time, Field::Credit, Field::Debit, Field::Balance],
        words: &["账务流水号", "业务流水号"],
        columns: &[(Field::Reference, "业务流水号"), (Field::Description, "商品名称")],
        ..Preset::chinese(Side::Bank, SignConvention::SplitColumns)
    },
    Preset {
        name: "cn-cmb-debit",
        title: "CMB (招商银行) account history: 记账日期, one signed 交易金额, 联机余额, 对手信息",
        required: &[Field::Date, Field::Amount, Field::Balance],
        words: &["联机余额", "对手信息"],
        ..Preset::chinese(Side::Bank, SignConvention::Signed)
    },
    Preset {
        name: "cn-ccb-debit",
        title: "CCB (建设银行) account history, CSV or .xls: 记账日, 交易日期 20261124, 交易时间, 支出, 收入, 账户余额, 交易地点",
        required: &[Field::Date, Field::Credit, Field::Debit, Field::Balance],
        words: &["记账日", "交易地点"],
        ..Preset::chinese(Side::Bank, SignConvention::SplitColumns)
    },
    Preset {
        name: "en-square-transactions",
        title: "Square transactions export (Gross Sales, Fees, Net Total, Transaction ID, PAN Suffix, Deposit ID)",
        required: &[Field::Date, Field::Amount, Field::Fee, Field::Net, Field::Reference],
        words: &["Net Total", "Deposit ID", "PAN Suffix"],
        columns: &[(Field::Card, "PAN Suffix"), (Field::Kind, "Event Type")],
        currency: Some(Currency::USD),
        ..Preset::english(
            Side::Terminal,
            SignConvention::Signed,
            "the file's Time Zone column (times as printed)",
        )
    },
    Preset {
        name: "en-stripe-payments",
        title: "Stripe payments export (id, Created (UTC), Amount, Amount Refunded, Currency, Fee, Card Last4): read in the currency Stripe pays out in (Converted Amount); a refunded charge is the sale and its refund, a lost dispute a chargeback, an uncaptured charge declined",
        required: &[
            Field::Date,
            Field::Amount,
            Field::Fee,
            Field::Reference,
            Field::Currency,
        ],
        words: &["Amount Refunded", "Card Last4"],
        // `Amount`/`Currency` are what the customer was charged; `Converted Amount`, `Converted Amount Refunded`
        // and `Converted Currency` what the shop's Stripe balance got, in the currency Stripe pays out in, the
        // `Fee`'s currency: only those add up to a payout. A later entry wins when the header has its column, so
        // an export without the converted columns reads `Amount`, `Amount Refunded` and `Currency`.
        columns: &[
            (Field::Card, "Card Last4"),
            (Field::AmountRefunded, "Amount Refunded"),
            (Field::Amount, "Converted Amount"),
            (Field::AmountRefunded, "Converted Amount Refunded"),
            (Field::Currency, "Converted Currency"),
            (Field::CustomerAmount, "Amount"),
            (Field::CustomerCurrency, "Currency"),
        ],
        ..Preset::english(Side::Terminal, SignConvention::Signed, "UTC")
    },
    Preset {
        name: "en-stripe-payouts-report",
        title: "Stripe payouts report (payout_id, effective_at, gross, fee, net, payout_expected_arrival_date, payout_status): one row a payout, read as the bank side with the sign turned",
        required: &[Field::Date, Field::Amount, Field::Net, Field::Currency],
        words: &["payout_id", "payout_status"],
        // What Stripe sent to the shop's bank: for the owner it stands where the bank statement stands, and pays
        // the payments export's charges net of fees and refunds. Stripe writes a payout as money leaving its
        // balance (-1203.08); for the shop it is money in. Dated by payout_expected_arrival_date, the day the
        // bank is to book it (Stripe's arrival_date, weekends and holidays allowed for), since a payout is
        // matched as a bank credit; effective_at (when it left the Stripe balance) when a report was run without
        // that column. failed / canceled payouts never reach the bank: declined, kept but out of matching.
        columns: &[
            (Field::Date, "payout_expected_arrival_date"),
            (Field::Reference, "payout_id"),
            (Field::Kind, "reporting_category"),
            (Field::Status, "payout_status"),
        ],
        negate_amounts: true,
        ..Preset::english(
            Side::Bank,
            SignConvention::Signed,
            "UTC unless the report was run for a time zone",
        )
    },
    Preset {
        name: "en-stripe-balance-report",
        title: "Stripe balance or payout reconciliation report (balance_transaction_id, created_utc, available_on_utc, gross, fee, net, reporting_category, source_id)",
        required: &[Field::Date, Field::Amount, Field::Fee, Field::Net, Field::Currency],
        words: &["balance_transaction_id", "reporting_category"],
        columns: &[
            (Field::Reference, "source_id"),
            (Field::Kind, "reporting_category"),
            (Field::Batch, "automatic_payout_id"),
        ],
        ..Preset::english(Side::Terminal, SignConvention::Signed, "UTC")
    },
    Preset {
        name: "de-sumup-transactions",
        title: "SumUp transactions export, German (Transaktions-ID, Datum dd.mm.yyyy, Betrag inkl. MwSt., Gebühr, Auszahlung)",
        required: &[Field::Date, Field::Amount, Field::Fee, Field::Reference],
        words: &["Betrag inkl. MwSt.", "Trinkgeldbetrag"],
        columns: &[
            (Field::Card, "Letzte 4 Ziffern"),
            (Field::Net, "Auszahlung"),
            (Field::SettleDate, "Auszahlungsdatum"),
        ],
        currency: Some(Currency::EUR),
        ..Preset::english(Side::Terminal, SignConvention::Signed, "as written in the file")
    },
    Preset {
        name: "en-sumup-transactions",
        title: "SumUp transactions export, English (Transaction ID, Date dd.mm.yyyy, Total amount, Tip amount, Fee, Payout)",
        required: &[Field::Date, Field::Amount, Field::Fee, Field::Net, Field::Reference],
        words: &["Total amount", "Tip amount", "Last 4 digits"],
        columns: &[(Field::Card, "Last 4 digits"), (Field::SettleDate, "Payout date")],
        ..Preset::english(Side::Terminal, SignConvention::Signed, "as written in the file")
    },
    Preset {
        name: "cn-allinpay-settlement",
        title: "Allinpay (通联支付) card settlement file: 商户号, 门店名称, 终端号, 交易时间 + 交易日期, 交易批次号, 凭证号, 参考号, 卡号, 发卡行机构代码, 交易金额, 手续费, 结算金额",
        required: &[Field::Merchant, Field::Terminal, Field::Card, Field::Amount],
        any_of: &[Field::Reference, Field::Voucher],
        words: &["门店名称", "发卡行机构代码"],
        ..Preset::chinese(Side::Terminal, SignConvention::Signed)
    },
    Preset {
        name: "cn-acquirer-terminal-log",
        title: "Chinese acquirer terminal log (收单机构终端交易明细: 商户号, 终端号, 卡号, 参考号/凭证号, 交易金额)",
        required: &[Field::Merchant, Field::Terminal, Field::Card, Field::Amount],
        any_of: &[Field::Reference, Field::Voucher],
        ..Preset::chinese(Side::Terminal, SignConvention::Signed)
    },
    Preset {
        name: "cn-bank-statement-income-expense",
        title: "Chinese bank statement with income/expense columns (收入/支出 or 贷方/借方, 余额)",
        required: &[Field::Credit, Field::Debit, Field::Balance],
        ..Preset::chinese(Side::Bank, SignConvention::SplitColumns)
    },
    Preset {
        name: "en-per-transaction-export",
        title: "English per-transaction export (Date, Amount, Reference/Transaction ID, Card)",
        required: &[Field::Date, Field::Amount, Field::Card],
        any_of: &[Field::Reference, Field::Voucher],
        // A running balance is an account's (Wise and other e-money accounts list the card they issued).
        excludes: &[Field::Balance],
        ..Preset::english(Side::Terminal, SignConvention::Signed, "as written in the file")
    },
    // A payment provider's activity (PayPal's activity download, Shopify Payments' transactions): each row split
    // into gross, fee and net, which a bank statement never does. After the card-carrying export above: both are
    // terminal logs, that one the more specific.
    Preset {
        name: "en-provider-gross-fee-net",
        title: "Payment provider activity with gross, fee and net per row (PayPal, Shopify Payments and others)",
        required: &[Field::Date, Field::Amount, Field::Fee, Field::Net, Field::Reference],
        ..Preset::english(Side::Terminal, SignConvention::Signed, "as written in the file")
    },
];

/// A preset that matched a header, and why.
#[derive(Clone, Debug)]
pub struct PresetMatch {
    pub preset: &'static Preset,
    /// E.g. "the header has 商户号, 终端号, 卡号, 交易金额, 参考号".
    pub reason: String,
}

/// The first preset whose signature the header carries.
pub fn find(header: &[String]) -> Option<PresetMatch> {
    let fields: Vec<(Field, &str)> = header
        .iter()
        .filter_map(|cell| field_of(cell).map(|(f, _)| (f, cell.trim())))
        .collect();
    let has = |wanted: fn(char) -> bool| header.iter().any(|h| h.chars().any(wanted));
    let ideographs = has(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let kana = has(|c| ('\u{3040}'..='\u{30ff}').contains(&c));
    PRESETS.iter().find_map(|preset| {
        let script_fits = match preset.script {
            Script::Chinese => ideographs && !kana,
            Script::English => !ideographs && !kana,
        };
        if preset.excludes.iter().any(|f| fields.iter().any(|(g, _)| g == f)) {
            return None;
        }
        let cell_of = |f: &Field| fields.iter().find(|(g, _)| g == f).map(|(_, cell)| *cell);
        let required: Option<Vec<&str>> = preset.required.iter().map(cell_of).collect();
        let any = preset.any_of.iter().find_map(cell_of);
        let word_cells: Option<Vec<&str>> = preset
            .words
            .iter()
            .map(|w| {
                let key = normalise(w).key;
                header.iter().find(|h| normalise(h).key == key).map(|h| h.trim())
            })
            .collect();
        let required = required.zip(word_cells).map(|(mut cells, words)| {
            for word in words {
                if !cells.contains(&word) {
                    cells.push(word);
                }
            }
            cells
        });
        match (script_fits, required, any) {
            (true, Some(mut cells), any) if preset.any_of.is_empty() || any.is_some() => {
                cells.extend(any);
                Some(PresetMatch {
                    preset,
                    reason: format!("the header has {}", cells.join(", ")),
                })
            }
            _ => None,
        }
    })
}

impl Preset {
    /// The profile for a header of this layout: the detected columns plus what the preset knows. A column the
    /// preset names that this header lacks (reports whose columns the user picks) leaves the detected one.
    pub fn profile(&self, header: &[String]) -> Profile {
        let mut profile = Profile::detect(header);
        profile.name = Some(self.name.to_owned());
        profile.side = Some(self.side);
        profile.sign = self.sign;
        profile.negate_amounts = self.negate_amounts;
        profile.timezone = Some(self.timezone.to_owned());
        let keys: Vec<String> = header.iter().map(|h| normalise(h).key).collect();
        for (field, column) in self.columns {
            if keys.contains(&normalise(column).key) {
                profile.columns.insert(*field, (*column).to_owned());
            }
        }
        // The customer's amount is worth saying only beside an amount read from another column.
        for (customer, own) in [
            (Field::CustomerAmount, Field::Amount),
            (Field::CustomerCurrency, Field::Currency),
        ] {
            if profile
                .columns
                .get(&customer)
                .is_some_and(|c| profile.columns.get(&own) == Some(c))
            {
                profile.columns.remove(&customer);
            }
        }
        if self.sign == SignConvention::SplitColumns {
            // Money comes from the in/out columns; an amount column the synonyms found (WeChat's 订单金额) is
            // not read, so it is not shown as mapped either.
            profile.columns.remove(&Field::Amount);
        }
        profile.currency = self.currency.or(profile.currency);
        profile
    }
}

/// The preset with this name.
pub fn by_name(name: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(line: &str) -> Vec<String> {
        line.split(',').map(str::to_owned).collect()
    }

    #[test]
    fn each_preset_is_recognised_by_its_header() {
        let t = header("商户号,终端号,交易时间,交易类型,凭证号,参考号,卡号,交易金额,手续费,结算金额,交易状态");
        let m = find(&t).expect("terminal log preset");
        assert_eq!(m.preset.name, "cn-acquirer-terminal-log");
        assert!(m.reason.contains("终端号"), "{}", m.reason);
        assert_eq!(m.preset.profile(&t).side, Some(Side::Terminal));

        let b = header("交易日期,交易时间,摘要,收入金额,支出金额,余额,对方户名,对方账号");
        assert_eq!(
            find(&b).map(|m| m.preset.name),
            Some("cn-bank-statement-income-expense")
        );

        let e = header("Date,Time,Transaction ID,Card Number,Amount,Fee,Net,Terminal ID");
        assert_eq!(find(&e).map(|m| m.preset.name), Some("en-per-transaction-export"));
    }

    #[test]
    fn header_words_tell_apart_exports_with_the_same_fields() {
        let alipay = header(
            "交易时间,交易分类,交易对方,对方账号,商品说明,收/支,金额,收/付款方式,交易状态,交易订单号,商家订单号,备注,",
        );
        assert_eq!(find(&alipay).map(|m| m.preset.name), Some("cn-alipay-personal-bill"));
        let wechat = header("交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注");
        assert_eq!(find(&wechat).map(|m| m.preset.name), Some("cn-wechat-personal-bill"));
        // The same fields without either app's words: no app preset, the generic mapping still reads it.
        assert!(find(&header("交易时间,交易对方,收/支,金额（元）,交易状态,交易订单号")).is_none());
    }

    #[test]
    fn a_specific_layout_wins_over_the_generic_preset_it_also_fits() {
        let cases = [
            (
                "账务流水号,业务流水号,商户订单号,商品名称,发生时间,对方账号,收入金额（+元）,支出金额（-元）,账户余额（元）,交易渠道,业务类型,备注",
                "cn-alipay-merchant-ledger",
            ),
            (
                "记账日,交易日期,交易时间,支出,收入,账户余额,币种,摘要,对方账号,对方户名,交易地点",
                "cn-ccb-debit",
            ),
            (
                "交易日期,交易时间,摘要,收入金额,支出金额,余额,对方户名",
                "cn-bank-statement-income-expense",
            ),
            (
                "商户号,门店名称,终端号,交易时间,交易类型,交易批次号,凭证号,参考号,卡号,卡类别,发卡行机构代码,交易金额,手续费,交易日期",
                "cn-allinpay-settlement",
            ),
            (
                "清算日期,交易时间,商户编号,终端编号,交易类型,卡号,交易金额,手续费,清算金额,检索参考号",
                "cn-acquirer-terminal-log",
            ),
            (
                "payout_id,effective_at,currency,balance_transaction_id,gross,fee,net,reporting_category,payout_status",
                "en-stripe-payouts-report",
            ),
            (
                "balance_transaction_id,created_utc,available_on_utc,currency,gross,fee,net,reporting_category,source_id",
                "en-stripe-balance-report",
            ),
        ];
        for (line, name) in cases {
            assert_eq!(find(&header(line)).map(|m| m.preset.name), Some(name), "{line}");
        }
    }

    #[test]
    fn the_wechat_merchant_bill_reads_money_from_its_in_and_out_columns() {
        let h = header(
            "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,交易状态,货币种类,应结订单金额,退款金额,手续费,费率,订单金额",
        );
        let m = find(&h).expect("WeChat merchant preset");
        assert_eq!(m.preset.name, "cn-wechat-merchant-bill");
        let profile = m.preset.profile(&h);
        assert_eq!(profile.sign, SignConvention::SplitColumns);
        assert_eq!(
            profile.columns.get(&Field::Credit).map(String::as_str),
            Some("应结订单金额")
        );
        assert_eq!(profile.columns.get(&Field::Debit).map(String::as_str), Some("退款金额"));
        // 订单金额 (what the synonyms call the amount) is not read, so it is not shown as mapped.
        assert_eq!(profile.columns.get(&Field::Amount), None);
    }

    #[test]
    fn japanese_headers_get_no_chinese_preset_and_accounts_no_terminal_preset() {
        // Kanji are Chinese characters too, but a Japanese bank is no Chinese bank (no China time, no CNY).
        assert!(find(&header("年月日,お引出し,お預入れ,お取り扱い内容,残高")).is_none());
        // A card column beside a running balance is the card an account issued (Wise), not a terminal log.
        let wise = header("TransferWise ID,Date,Amount,Currency,Description,Running Balance,Card Last Four Digits");
        assert!(find(&wise).is_none());
        let paypal = header("Date,Time,TimeZone,Name,Type,Status,Currency,Gross,Fee,Net,Transaction ID,Balance");
        let m = find(&paypal).expect("gross, fee and net per row");
        assert_eq!(
            (m.preset.name, m.preset.side),
            ("en-provider-gross-fee-net", Side::Terminal)
        );
    }

    #[test]
    fn a_header_without_a_signature_gets_no_preset() {
        assert!(find(&header("Date,Description,Amount,Balance")).is_none());
        assert!(find(&header("交易日期,金额,摘要")).is_none());
    }
}
