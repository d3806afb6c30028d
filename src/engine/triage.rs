//! Triage: which rows take part in matching at all.
//!
//! Bank side: only rows an acquirer can have booked — credits, and refund/chargeback debits, whose counterparty
//! or description names an acquirer (UnionPay/银联, 银联商务, 拉卡拉, 收钱吧, 通联, 支付宝, 财付通/微信支付,
//! Square, Stripe, SumUp, processors' deposits such as "BANKCARD … DEP", PayPal transfers in, "POS清算"/"POS
//! CREDIT", 清算, 结算, 商户入账 …; `shop.acquirer_patterns` replaces the
//! list when set), or rows without any text that the importer marked as settlements, and payments received from
//! customers (a payment-app bill read as the bank side: its 收钱码收款 / 二维码收款 rows). Rent, salary and cash
//! deposits are `unrelated` and never missing.
//! An acquirer's fee debit (kind Fee, or 手续费/fee wording) is a fee row: checked against the fees, not matched
//! as a sale.
//!
//! Both sides: declined rows (and pending statement entries) and neutral rows (Alipay 不计收支, WeChat `/`:
//! money moved between the owner's own accounts) are `unrelated`.
//!
//! Terminal side: a void together with the sale it cancels is `unrelated`.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use crate::engine::index::{agree, ident, minor, ordered, secs};
use crate::engine::outcome::{RowId, RowIds, Status};
use crate::engine::work::Work;
use crate::model::{Txn, TxnKind, TxnStatus, TxnText};

/// Counterparty / description fragments that mark a bank row as coming from a card or QR acquirer.
/// Matched case-insensitively; ASCII words only at word boundaries ("pos" is not inside "deposit"). "POS" alone
/// is not one: on English statements "POS PURCHASE" / "POS DEBIT" are the account holder's own card payments; the
/// acquirer's wording is "POS清算", "POS CREDIT", "POS SETTLEMENT".
pub const ACQUIRER_PATTERNS: &[&str] = &[
    "银联",
    "unionpay",
    "union pay",
    "银联商务",
    "chinaums",
    "拉卡拉",
    "lakala",
    "收钱吧",
    "通联",
    "allinpay",
    "支付宝",
    "alipay",
    "财付通",
    "tenpay",
    "微信支付",
    "wechat pay",
    "wechatpay",
    "square",
    "stripe",
    "sumup",
    "adyen",
    "worldpay",
    "payout",
    "pos清算",
    "pos结算",
    "pos入账",
    "pos收款",
    "pos回款",
    "pos credit",
    "pos settlement",
    "pos deposit",
    "清算",
    "结算",
    "商户入账",
    "收单",
    "card settlement",
    "merchant settlement",
    // German and international statement wording (MT940 / CAMT.053 exports of European banks).
    "kartenumsätze",
    "kartenumsaetze",
    "kartenzahlung",
    "kartenzahlungen",
    "acquiring",
    "card payments",
    "zettle",
    // Card processors' deposits on US, UK, EU and other statements ("BANKCARD 8076 MTOT DEP", "MERCHANT BNKCD
    // DEPOSIT", "HEARTLAND PAYMENT SYSTEMS TXNS/FEES", "ELAVON MERCHANT SVCS").
    "bankcard",
    "bnkcd",
    "merchant services",
    "merchant svcs",
    "merchant deposit",
    "card deposit",
    "heartland",
    "elavon",
    "fiserv",
    "first data",
    "global payments",
    "globalpayments",
    "tsys",
    "worldline",
    "nexi",
    "payone",
    "barclaycard",
    "cardnet",
    "paymentsense",
    "tyro",
    "moneris",
    "mollie",
    "viva wallet",
    "mercado pago",
    "mercadopago",
    "razorpay",
    "yoco",
    "braintree",
    "checkout.com",
    "toast inc",
    // Credits only (a leading `+`): the shop also pays these services itself — a PayPal purchase, a Shopify or
    // iZettle subscription — and such a debit is neither a refund nor a chargeback of its takings.
    "+paypal",
    "+shopify",
    "+izettle",
    "+dojo",
];

/// Words that make an acquirer's debit a fee row.
const FEE_WORDS: &[&str] = &["手续费", "服务费", "fee", "fees", "commission"];

/// Words of a bank's own charges: never an acquirer's fee debit, whatever else the row says.
const BANK_CHARGE_WORDS: &[&str] = &[
    "转账",
    "汇款",
    "跨行",
    "短信",
    "账户管理",
    "年费",
    "工本",
    "transfer fee",
    "wire fee",
    "sms",
    "account fee",
    "maintenance fee",
];

/// Whether an acquirer pattern applies to a bank row's lower-cased `text`: a pattern starting with `+` only to
/// money coming in (`credit`), any other to both directions.
fn names_acquirer(text: &str, pattern: &str, credit: bool) -> bool {
    match pattern.strip_prefix('+') {
        Some(name) => credit && mentions(text, name.trim_start()),
        None => mentions(text, pattern),
    }
}

/// Whether `needle` (lower case) occurs in `haystack` (lower case); an ASCII alphanumeric needle must not be
/// glued to ASCII letters or digits on either side.
pub fn mentions(haystack: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    let wordy = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    let needle_wordy_start = wordy(needle.chars().next());
    let needle_wordy_end = wordy(needle.chars().last());
    haystack.match_indices(needle).any(|(at, _)| {
        let glued_before = needle_wordy_start && wordy(haystack[..at].chars().next_back());
        let glued_after = needle_wordy_end && wordy(haystack[at + needle.len()..].chars().next());
        !glued_before && !glued_after
    })
}

fn text_of(t: &Txn) -> String {
    let mut text = String::new();
    for part in [&t.counterparty, &t.description]
        .into_iter()
        .filter_map(|p| p.as_deref())
    {
        text.push_str(&part.to_lowercase());
        text.push(' ');
    }
    text
}

/// What a bank row is for matching purposes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BankRole {
    /// An acquirer credit or refund debit: takes part in matching.
    Settlement,
    /// An acquirer's fee debit.
    Fee,
    /// Anything else.
    Unrelated,
}

/// Classifies one bank row. `patterns` are lower-case fragments (the configured list or [`ACQUIRER_PATTERNS`]).
pub fn bank_role(t: &Txn, patterns: &[String]) -> BankRole {
    if t.status != TxnStatus::Ok || minor(t.amount) == 0 {
        return BankRole::Unrelated;
    }
    let text = text_of(t);
    // A bank's own charge (跨行转账手续费, 短信服务费, a wire fee) is a fee, but not the acquirer's.
    let bank_charge = BANK_CHARGE_WORDS.iter().any(|w| mentions(&text, w));
    if t.kind == TxnKind::Fee && t.amount.is_negative() && !bank_charge {
        return BankRole::Fee;
    }
    // The importer's kind is a guess from the same words (and statement formats call every entry a
    // settlement), so the words decide; a `Settlement` kind counts on its own only for rows with no text.
    // A payment received from a customer (a Chinese payment-app bill's 收钱码收款 / 二维码收款 read as the bank
    // side: an order number, a payer's name, no acquirer) is the money the terminal side's sale brought in. Not
    // a bank statement's "Payment from …" or 收款 transfer: those carry no order number or are in English.
    let customer_payment = t.kind == TxnKind::Sale
        && !t.amount.is_negative()
        && ident(&t.reference).is_some()
        && !text.bytes().any(|b| b.is_ascii_alphabetic());
    let acquirer = customer_payment
        || if text.is_empty() {
            t.kind == TxnKind::Settlement
        } else {
            patterns
                .iter()
                .any(|p| names_acquirer(&text, p, !t.amount.is_negative()))
        };
    if !acquirer {
        BankRole::Unrelated
    } else if t.amount.is_negative() && !bank_charge && FEE_WORDS.iter().any(|w| mentions(&text, w)) {
        BankRole::Fee
    } else {
        BankRole::Settlement
    }
}

/// The acquirer patterns in force, lower-cased.
pub fn patterns(work: &Work) -> Vec<String> {
    let configured = &work.config.shop.acquirer_patterns;
    if configured.iter().any(|p| !p.trim().is_empty()) {
        configured
            .iter()
            .map(|p| p.trim().to_lowercase())
            .filter(|p| !p.is_empty())
            .collect()
    } else {
        ACQUIRER_PATTERNS.iter().map(|p| p.to_string()).collect()
    }
}

/// Whether a counterparty's name alone names an acquirer, worked out once per name: a statement of a million
/// card settlements names the same few acquirers on every row, so most rows need neither the lower-cased text
/// nor the pattern search (see [`Acquirers::known_settlement`]).
struct Acquirers<'a> {
    patterns: &'a [String],
    names: FxHashMap<&'a str, bool>,
}

impl<'a> Acquirers<'a> {
    /// True when `bank_role` is sure to say `Settlement`: a credit that went through whose counterparty alone
    /// mentions an acquirer pattern (so the whole text does too, whatever the description says). False means
    /// "ask `bank_role`", not "unrelated".
    fn known_settlement(&mut self, t: &'a Txn) -> bool {
        if t.status != TxnStatus::Ok || t.kind == TxnKind::Fee || minor(t.amount) <= 0 {
            return false;
        }
        let Some(name) = t.counterparty.as_deref() else {
            return false;
        };
        let patterns = self.patterns;
        *self.names.entry(name).or_insert_with(|| {
            let lower = name.to_lowercase();
            patterns.iter().any(|p| names_acquirer(&lower, p, true))
        })
    }
}

/// Closes the bank rows that take no part and marks the fee rows.
pub fn bank(work: &mut Work) {
    let patterns = patterns(work);
    let mut acquirers = Acquirers {
        patterns: &patterns,
        names: FxHashMap::default(),
    };
    for (i, t) in work.bank.iter().enumerate() {
        if !work.bank_open[i] || acquirers.known_settlement(t) {
            continue;
        }
        match bank_role(t, &patterns) {
            BankRole::Settlement => {}
            BankRole::Fee => {
                work.bank_fee[i] = true;
                work.bank_open[i] = false;
                work.bank_out[i].status = Status::Unrelated;
            }
            BankRole::Unrelated => {
                work.bank_open[i] = false;
                work.bank_out[i].status = Status::Unrelated;
            }
        }
    }
}

/// Closes declined rows, non-sale rows, and void + cancelled sale pairs on the terminal side.
pub fn terminal(work: &mut Work) {
    let rows = work.terminal;
    let mut voids = false;
    for (i, t) in rows.iter().enumerate() {
        let takes_part =
            t.status == TxnStatus::Ok && matches!(t.kind, TxnKind::Sale | TxnKind::Refund) && minor(t.amount) != 0;
        if !work.terminal_open[i] {
            continue;
        }
        if t.kind == TxnKind::Void {
            voids = true;
        } else if !takes_part {
            work.close(RowId::terminal(i), Status::Unrelated);
        }
    }
    if !voids {
        return;
    }
    // Sales that a void can cancel, by (amount, day).
    let mut sales: HashMap<(i64, chrono::NaiveDate), Vec<u32>> = HashMap::new();
    for i in ordered(rows, |i| work.terminal_open[i] && rows[i].kind == TxnKind::Sale) {
        let t = &rows[i as usize];
        sales
            .entry((minor(t.amount).saturating_abs(), t.date()))
            .or_default()
            .push(i);
    }
    for v in ordered(rows, |i| work.terminal_open[i] && rows[i].kind == TxnKind::Void) {
        let void = &rows[v as usize];
        let candidates = sales.get(&(minor(void.amount).saturating_abs(), void.date()));
        let cancelled = candidates.and_then(|c| cancelled_sale(work, void, c));
        work.close(RowId::terminal(v as usize), Status::Unrelated);
        if let Some(s) = cancelled {
            work.close(RowId::terminal(s as usize), Status::Unrelated);
            work.terminal_out[v as usize].counterparts = RowIds::one(RowId::terminal(s as usize));
            work.terminal_out[s as usize].counterparts = RowIds::one(RowId::terminal(v as usize));
        }
    }
}

/// The sale a void cancels: same terminal and card where both are known, not after the void; the one with the
/// same reference or voucher if any, else the latest before the void.
fn cancelled_sale(work: &Work, void: &Txn, candidates: &[u32]) -> Option<u32> {
    let fits = |&&s: &&u32| {
        let sale = &work.terminal[s as usize];
        work.terminal_open[s as usize]
            && agree(&sale.terminal_id, &void.terminal_id)
            && agree(&sale.card_masked, &void.card_masked)
            && secs(sale) <= secs(void)
    };
    let same_id = |s: u32| {
        let sale = &work.terminal[s as usize];
        let same = |a: &Option<TxnText>, b: &Option<TxnText>| ident(a).is_some() && ident(a) == ident(b);
        same(&sale.reference, &void.reference) || same(&sale.voucher, &void.voucher)
    };
    candidates
        .iter()
        .filter(fits)
        .copied()
        .find(|&s| same_id(s))
        .or_else(|| candidates.iter().filter(fits).copied().last())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pos_is_a_word_not_a_fragment_of_deposit() {
        assert!(mentions("pos清算 20261005", "pos"));
        assert!(mentions("card pos settlement", "pos"));
        assert!(!mentions("cash deposit", "pos"));
        assert!(!mentions("posters ltd", "pos"));
        assert!(mentions("银联商务有限公司", "银联"));
    }

    #[test]
    fn european_card_settlement_credits_take_part_but_supplier_transfers_do_not() {
        use crate::model::{Money, RowRef, Side, SourceId, Txn};
        let patterns: Vec<String> = ACQUIRER_PATTERNS.iter().map(|p| p.to_string()).collect();
        let row = |text: &str, cents: i64| {
            let at = chrono::NaiveDate::from_ymd_opt(2026, 10, 5)
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .unwrap_or_default();
            let mut t = Txn::new(
                RowRef {
                    source: SourceId(0),
                    line: 2,
                },
                Side::Bank,
                at,
                Money::from_minor(cents),
            );
            t.description = Some(text.into());
            t
        };
        assert_eq!(
            bank_role(&row("Kartenumsätze 04.10.", 123_450), &patterns),
            BankRole::Settlement
        );
        assert_eq!(
            bank_role(&row("Abrechnung Kartenzahlungen 29.11.2026", 148_040), &patterns),
            BankRole::Settlement
        );
        assert_eq!(
            bank_role(&row("Miete Oktober", -90_000), &patterns),
            BankRole::Unrelated
        );
        // The shop's own card purchases on an English statement are not card takings; the acquirer's credits are.
        assert_eq!(
            bank_role(&row("POS PURCHASE card ending 4242", -5_678), &patterns),
            BankRole::Unrelated
        );
        assert_eq!(
            bank_role(&row("POS SOFTWARE SUBSCRIPTION refund", 2_999), &patterns),
            BankRole::Unrelated
        );
        assert_eq!(
            bank_role(&row("POS CREDIT 30571204", 4_800), &patterns),
            BankRole::Settlement
        );
        assert_eq!(
            bank_role(&row("POS清算 20261005", 322_118), &patterns),
            BankRole::Settlement
        );
        // US and UK processors' deposits; a plain deposit (cash) is not one.
        assert_eq!(
            bank_role(&row("BANKCARD 8076 MTOT DEP 261005", 148_040), &patterns),
            BankRole::Settlement
        );
        assert_eq!(
            bank_role(&row("HEARTLAND PAYMENT SYSTEMS TXNS", 98_000), &patterns),
            BankRole::Settlement
        );
        assert_eq!(bank_role(&row("DEPOSIT", 50_000), &patterns), BankRole::Unrelated);
        // A payment service the shop also pays: its credits are takings, its debits (a purchase) are not.
        assert_eq!(
            bank_role(&row("PAYPAL TRANSFER 1029384756", 120_000), &patterns),
            BankRole::Settlement
        );
        assert_eq!(
            bank_role(&row("PAYPAL *SPOTIFY 4029357733", -1_099), &patterns),
            BankRole::Unrelated
        );
        assert_eq!(
            bank_role(&row("iZettle payout 05.10.", 48_000), &patterns),
            BankRole::Settlement
        );
        assert_eq!(
            bank_role(&row("IZETTLE subscription", -2_900), &patterns),
            BankRole::Unrelated
        );
        // A QR payment received in a payment-app bill names the customer, not an acquirer.
        let mut received = row("王** 收钱码收款", 124_000);
        received.kind = TxnKind::Sale;
        assert_eq!(bank_role(&received, &patterns), BankRole::Unrelated, "no order number");
        received.reference = Some("2026112420001100001001".into());
        assert_eq!(bank_role(&received, &patterns), BankRole::Settlement);
        received.amount = -received.amount;
        assert_eq!(bank_role(&received, &patterns), BankRole::Unrelated);
        // An incoming transfer on a bank statement is not a card or QR payment.
        let mut invoice = row("Faster Payment from ACME Ltd", 50_000);
        (invoice.kind, invoice.reference) = (TxnKind::Sale, Some("INV-1187".into()));
        assert_eq!(bank_role(&invoice, &patterns), BankRole::Unrelated);
        let mut transfer = row("收款 某某贸易公司", 50_000);
        transfer.kind = TxnKind::Sale;
        assert_eq!(bank_role(&transfer, &patterns), BankRole::Unrelated);
    }

    #[test]
    fn neutral_and_declined_rows_take_no_part_on_either_side() {
        use crate::engine::{Config, reconcile};
        use crate::model::{Money, RowRef, Side, SourceId, Txn};
        let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
            .and_then(|d| d.and_hms_opt(20, 11, 45))
            .unwrap_or_default();
        let row = |side, line, status| {
            let mut t = Txn::new(
                RowRef {
                    source: SourceId(0),
                    line,
                },
                side,
                at,
                Money::from_minor(50_000),
            );
            t.description = Some("支付宝 余额宝-自动转入".into());
            t.status = status;
            t
        };
        let patterns: Vec<String> = ACQUIRER_PATTERNS.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            bank_role(&row(Side::Bank, 2, TxnStatus::Ok), &patterns),
            BankRole::Settlement
        );
        assert_eq!(
            bank_role(&row(Side::Bank, 2, TxnStatus::Neutral), &patterns),
            BankRole::Unrelated
        );
        // A 不计收支 move of ¥500 and a bank credit of ¥500 the same minute are not a sale and its settlement.
        let terminal = [
            row(Side::Terminal, 5, TxnStatus::Neutral),
            row(Side::Terminal, 6, TxnStatus::Declined),
        ];
        let bank = [row(Side::Bank, 9, TxnStatus::Ok)];
        let report = reconcile(&terminal, &bank, &Config::default(), &[]);
        assert_eq!(report.terminal[0].status, Status::Unrelated);
        assert_eq!(report.terminal[1].status, Status::Unrelated);
        assert_eq!(report.bank[0].status, Status::Missing);
        assert!(
            report
                .terminal
                .iter()
                .all(|o| o.flags.is_empty() && o.counterparts.is_empty())
        );
    }

    #[test]
    fn a_statement_is_triaged_row_by_row_as_bank_role_says() {
        use crate::engine::config::Config;
        use crate::model::{Money, RowRef, Side, SourceId, Txn};
        let at = chrono::NaiveDate::from_ymd_opt(2026, 10, 5)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .unwrap_or_default();
        let row = |counterparty: &str, description: &str, cents: i64, kind: TxnKind, status: TxnStatus| {
            let mut t = Txn::new(
                RowRef {
                    source: SourceId(0),
                    line: 2,
                },
                Side::Bank,
                at,
                Money::from_minor(cents),
            );
            t.counterparty = Some(counterparty.into()).filter(|c: &crate::model::TxnText| !c.is_empty());
            t.description = Some(description.into()).filter(|d: &crate::model::TxnText| !d.is_empty());
            (t.kind, t.status) = (kind, status);
            t
        };
        let (ok, settlement) = (TxnStatus::Ok, TxnKind::Settlement);
        // The same acquirer names on many rows (credits, a fee debit, a refund debit, a declined credit), a
        // name that mentions an acquirer only with its description, landlords and a payment-app customer.
        let rows = [
            row("银联商务有限公司", "POS清算 100001", 5_800, settlement, ok),
            row("银联商务有限公司", "POS清算 100002", 3_300, settlement, ok),
            row("银联商务有限公司", "手续费", -120, settlement, ok),
            row("银联商务有限公司", "退货", -5_800, settlement, ok),
            row(
                "银联商务有限公司",
                "POS清算 100003",
                5_800,
                settlement,
                TxnStatus::Declined,
            ),
            row("银联商务有限公司", "", 0, settlement, ok),
            row("Card", "payments Oct", 9_900, settlement, ok),
            row("ACME Property", "Miete Oktober", 90_000, settlement, ok),
            row("ACME Property", "POS清算", 4_000, settlement, ok),
            row("", "", 4_000, settlement, ok),
            row("张三", "", 1_800, TxnKind::Sale, ok),
            row("Stripe", "Fee", 500, TxnKind::Fee, ok),
        ];
        let config = Config::default();
        let mut work = Work::new(&[], &rows, &config);
        bank(&mut work);
        let patterns = patterns(&work);
        for (j, t) in rows.iter().enumerate() {
            let seen = (work.bank_open[j], work.bank_fee[j]);
            let expected = match bank_role(t, &patterns) {
                BankRole::Settlement => (true, false),
                BankRole::Fee => (false, true),
                BankRole::Unrelated => (false, false),
            };
            assert_eq!(seen, expected, "row {j}: {:?} {:?}", t.counterparty, t.description);
        }
        assert_eq!(work.bank_open.iter().filter(|&&open| open).count(), 7);
    }
}
