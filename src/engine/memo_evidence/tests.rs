//! Tests of `engine::memo_evidence`.
use super::*;

/// What `text` names when posted on `posted`: "2026-10-14", "2026-10-12..2026-10-14", "2026-09", or "-".
fn read(text: &str, posted: &str) -> String {
    let posted = NaiveDate::parse_from_str(posted, "%Y-%m-%d").unwrap_or_default();
    match named_period(text, posted) {
        None => "-".into(),
        Some(Named::Month { first, .. }) => first.format("%Y-%m").to_string(),
        Some(Named::Days { first, last }) if first == last => first.to_string(),
        Some(n) => format!("{}..{}", n.first(), n.last()),
    }
}

fn check(posted: &str, cases: &[(&str, &str)]) {
    for (text, want) in cases {
        assert_eq!(read(text, posted), *want, "{text:?} posted {posted}");
    }
}

#[test]
fn numeric_days_zh_and_en() {
    check(
        "2026-10-15",
        &[
            ("POS清算款 1014", "2026-10-14"),
            ("POS清算款1014", "2026-10-14"),
            ("银联POS结算 20261014", "2026-10-14"),
            ("Settlement 2026-10-14", "2026-10-14"),
            ("结算 2026/10/14", "2026-10-14"),
            ("2026.10.14 清算", "2026-10-14"),
            ("ISO 2026-10-14T10:00", "2026-10-14"),
            ("银联结算 ２０２６１０１４", "2026-10-14"),
        ],
    );
}

#[test]
fn chinese_month_day() {
    check(
        "2026-10-15",
        &[
            ("商户结算 10月14日", "2026-10-14"),
            ("商户结算 10月14号", "2026-10-14"),
            ("清算 2026年10月14日", "2026-10-14"),
            ("清算 10月14", "2026-10-14"),
            ("清算 13月14日", "-"),
        ],
    );
}

#[test]
fn slashed_and_dotted_days_read_day_or_month_first() {
    check(
        "2026-10-15",
        &[
            ("Card settlement 14/10", "2026-10-14"),
            ("Card settlement 10/14", "2026-10-14"),
            ("Gutschrift 14.10", "2026-10-14"),
            ("Card settlement 14/10/2026", "2026-10-14"),
            ("Kartenumsatz 14.10.2026", "2026-10-14"),
            ("Deposit 10/14/2026", "2026-10-14"),
            // Both readings valid: the one in the last two months is the day paid…
            ("Card settlement 05/10", "2026-10-05"),
            ("Card settlement 05/10/2026", "2026-10-05"),
            // …and when both are, the memo names nothing.
            ("Card settlement 10/09", "-"),
            ("Card settlement 14/10/26", "-"),
            ("Card settlement 14-10", "-"),
            ("Refund 12.5", "-"),
            ("Gutschrift 10.14", "-"),
            ("Gutschrift 10.09.2026", "2026-09-10"),
        ],
    );
}

#[test]
fn month_names_en_de_fr() {
    check(
        "2026-10-15",
        &[
            ("MERCHANT DEPOSIT Oct 14", "2026-10-14"),
            ("MERCHANT DEPOSIT 14 Oct", "2026-10-14"),
            ("Card settlement October 14, 2026", "2026-10-14"),
            ("SETTLEMENT 14-OCT-2026", "2026-10-14"),
            ("SETTLEMENT 14OCT", "2026-10-14"),
            ("Deposit Oct 14th", "2026-10-14"),
            ("Deposit Sept 14", "2026-09-14"),
            ("Gutschrift 14. Okt 2026", "2026-10-14"),
            ("Kartenzahlungen 3. Mär", "2026-03-03"),
            ("remise carte 14 oct.", "2026-10-14"),
            ("remise carte 3 déc.", "2025-12-03"),
            ("remise 2 févr. 2026", "2026-02-02"),
            ("Dez 3", "2025-12-03"),
            ("Oct 14:30", "-"),
        ],
    );
}

#[test]
fn ranges() {
    check(
        "2026-10-15",
        &[
            ("结算 1012-1014", "2026-10-12..2026-10-14"),
            ("结算 10月12日至10月14日", "2026-10-12..2026-10-14"),
            ("结算 10月12日至14日", "2026-10-12..2026-10-14"),
            ("结算 10月12日到10月14日", "2026-10-12..2026-10-14"),
            ("结算 20261012-20261014", "2026-10-12..2026-10-14"),
            ("结算 2026-10-12 ～ 2026-10-14", "2026-10-12..2026-10-14"),
            ("Card settlement 10/12-10/14", "2026-10-12..2026-10-14"),
            ("Deposit Oct 12 - Oct 14", "2026-10-12..2026-10-14"),
            ("Deposit Oct 12 to Oct 14", "2026-10-12..2026-10-14"),
            ("Deposit Oct 12–14", "2026-10-12..2026-10-14"),
            ("Deposit 12-14 Oct", "2026-10-12..2026-10-14"),
            ("Umsätze 12.-14. Oktober 2026", "2026-10-12..2026-10-14"),
            ("remise du 12 au 14 octobre", "2026-10-12..2026-10-14"),
            ("Umsätze 12. Okt bis 14. Okt", "2026-10-12..2026-10-14"),
            ("remise du 12 oct. au 14 oct.", "2026-10-12..2026-10-14"),
            ("结算 1014-1012", "-"),
            ("结算 0901-1014", "-"),
        ],
    );
    check("2027-01-04", &[("结算 1230-0102", "2026-12-30..2027-01-02")]);
}

#[test]
fn months() {
    check(
        "2026-10-05",
        &[
            ("POS手续费 2026年09月", "2026-09"),
            ("POS手续费 2026年9月", "2026-09"),
            ("POS手续费 9月份", "2026-09"),
            ("POS手续费 12月份", "2025-12"),
            ("Service charge 09/2026", "2026-09"),
            ("Fees 2026-09", "2026-09"),
            ("Fees 2026/09", "2026-09"),
            ("Merchant fees Sept 2026", "2026-09"),
            ("Merchant fees September 2026", "2026-09"),
            ("Merchant fees Sep-2026", "2026-09"),
            ("fee for September", "2026-09"),
            ("fee for December", "2025-12"),
            ("fee for September 2026 Sep-2026", "2026-09"),
            ("Gebühren 2026-09-14", "2026-09-14"),
            ("Amount 2026.09", "-"),
            ("May the fees be low", "-"),
        ],
    );
    let posted = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap_or_default();
    let feb = named_period("手续费 2026年2月", posted).map(|n| n.last().to_string());
    assert_eq!(feb.as_deref(), Some("2026-02-28"));
}

#[test]
fn labelled_numbers_are_not_days() {
    check(
        "2026-10-15",
        &[
            ("批次号1014 清算 20261014", "2026-10-14"),
            ("Batch 1014", "-"),
            ("Batch No. 1014", "-"),
            ("POS No.1014", "-"),
            ("POS #1014", "-"),
            ("终端1014 结算", "-"),
            ("商户 1014", "-"),
            ("凭证：1014", "-"),
            ("流水号 1014", "-"),
            ("参考号1014", "-"),
            ("ref 1014", "-"),
            ("ID:1014", "-"),
            ("Terminal 1014 merchant 1013 voucher 1012", "-"),
            ("Ref 20261014", "-"),
        ],
    );
}

#[test]
fn ids_amounts_times_and_cards_are_not_days() {
    check(
        "2026-10-15",
        &[
            ("TRX10140001", "-"),
            ("6222021014", "-"),
            ("A1014", "-"),
            ("POS1014", "-"),
            ("Amount 1014.50", "-"),
            ("1014,50 EUR", "-"),
            ("1,014", "-"),
            ("¥1014", "-"),
            ("￥1014", "-"),
            ("1014元", "-"),
            ("1014 RMB", "-"),
            ("at 10:14", "-"),
            ("卡号 622848******1014", "-"),
            ("622848******1014", "-"),
            ("6228 XXXX 1014", "-"),
            ("1399", "-"),
            ("0231", "-"),
            ("2026", "-"),
            ("2026年", "-"),
            ("", "-"),
        ],
    );
}

#[test]
fn windows() {
    check(
        "2026-10-15",
        &[
            // Written with the year: 400 days before to 31 after.
            ("结算 20190314", "-"),
            ("结算 20250915", "2025-09-15"),
            ("结算 20250901", "-"),
            ("结算 20261104", "2026-11-04"),
            ("结算 20261201", "-"),
            // Without: the latest such day up to 3 days after posting.
            ("结算 1017", "2026-10-17"),
            ("结算 1020", "2025-10-20"),
            ("结算 0229", "-"),
        ],
    );
    check("2028-03-01", &[("结算 0229", "2028-02-29")]);
}

#[test]
fn two_mentions_must_agree() {
    check(
        "2026-10-15",
        &[
            ("清算 20261014 1014", "2026-10-14"),
            ("清算 20261014 1013", "-"),
            ("Deposit Oct 14 ref 1013", "2026-10-14"),
            ("Deposit Oct 14 1013", "-"),
            ("POS清算款 1014 手续费 2026年09月", "-"),
        ],
    );
}
