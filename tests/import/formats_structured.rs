//! The structured bank-statement formats (OFX/QFX 1.x and 2.x, CAMT.053, MT940) read from the hand-written
//! fixtures in tests/formats/: each is recognised, yields the right rows (amount, sign, date, time, reference,
//! line where the record starts), checks its balances, and never panics on damaged input.

use chrono::{NaiveDate, NaiveTime};
use posrecon::engine::{Config, Status, reconcile};
use posrecon::import::statement::{Statement, StatementEntry, balance_gaps};
use posrecon::import::{ImportOptions, Imported, camt053, import_bytes, mt940, ofx};
use posrecon::model::{Currency, Side, SourceId, TxnKind, TxnStatus};
use proptest::prelude::*;

use crate::kit::{at, fixture, fixture_path, money};

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn ids(statements: &[Statement]) -> Vec<&str> {
    statements.iter().map(|s| s.id.as_str()).collect()
}

fn entries(statements: &[Statement]) -> Vec<&StatementEntry> {
    statements.iter().flat_map(|s| &s.entries).collect()
}

/// Which of the three sniffers accept the bytes, in the order OFX, CAMT.053, MT940.
fn detected(bytes: &[u8]) -> [bool; 3] {
    [ofx::sniff(bytes), camt053::sniff(bytes), mt940::sniff(bytes)]
}

/// The fixture through the public entry point, as the bank side's fourth file.
fn import(name: &str) -> Imported {
    crate::kit::formats::import(name, Side::Bank)
}

/// What `import_bytes` says about damaged bytes.
fn import_error(bytes: &[u8]) -> String {
    match import_bytes("damaged", bytes, &ImportOptions::default()) {
        Ok(imported) => format!("imported {} rows", imported.txns.len()),
        Err(e) => e.to_string(),
    }
}

fn preset(imported: &Imported) -> Option<&str> {
    imported.details.preset.as_deref()
}

#[test]
fn ofx1_sgml_in_code_page_1252() {
    let bytes = fixture("ofx1-checking-cp1252.ofx");
    assert_eq!(detected(&bytes), [true, false, false]);
    let sts = ofx::parse_bytes(&bytes).unwrap_or_else(|e| panic!("{e}")).statements;
    assert_eq!(sts.len(), 1);
    assert_eq!((sts[0].id.as_str(), sts[0].currency), ("7788990011", Currency::USD));
    assert_eq!(sts[0].closing.map(|b| (b.amount, b.line)), Some((money("5432.10"), 93)));
    let imported = import("ofx1-checking-cp1252.ofx");
    assert_eq!(preset(&imported), Some("OFX 1.x (SGML)"));
    assert_eq!(imported.details.encoding, "windows-1252");
    let rows = imported.txns;
    assert_eq!(rows.len(), 6);
    let lines: Vec<u32> = rows.iter().map(|t| t.row.line).collect();
    assert_eq!(lines, [43, 51, 59, 68, 76, 84]);

    let first = &rows[0];
    assert_eq!(
        (first.amount, first.time, first.date_only),
        (money("1240.00"), at("2026-11-20 00:00:00"), true)
    );
    assert_eq!(first.reference.as_deref(), Some("202611200001"));
    assert_eq!(first.counterparty.as_deref(), Some("SQUARE INC"));
    // CHARSET:1252 bytes: en dash, é, è.
    assert_eq!(first.description.as_deref(), Some("SQ DEP 11/19 – Café Lumière"));
    assert_eq!(
        (first.row.source, first.side, first.account.as_deref()),
        (SourceId(3), Side::Bank, Some("7788990011"))
    );

    assert_eq!((rows[1].amount, rows[1].kind), (money("-3.00"), TxnKind::Fee));
    // 12:00:00 is the "day only" placeholder; the entity is decoded.
    assert_eq!((rows[2].amount, rows[2].date_only), (money("-845.50"), true));
    assert_eq!(rows[2].description.as_deref(), Some("Rent December & utilities"));
    assert_eq!((rows[4].time, rows[4].date_only), (at("2026-11-23 14:30:15"), false));
    assert_eq!(rows[4].counterparty.as_deref(), Some("MÜLLER'S BÄCKEREI"));
    assert_eq!(rows[4].reference.as_deref(), Some("202611230001"));
    assert!(
        rows.iter()
            .all(|t| t.currency == Currency::USD && t.status == TxnStatus::Ok)
    );
}

#[test]
fn ofx2_xml_with_two_accounts() {
    let bytes = fixture("ofx2-two-accounts.ofx");
    assert_eq!(detected(&bytes), [true, false, false]);
    let sts = ofx::parse_bytes(&bytes).unwrap_or_else(|e| panic!("{e}")).statements;
    assert_eq!(ids(&sts), ["NL91ABNA0417164300", "NL02ABNA0123456789"]);
    let rows = entries(&sts);
    assert_eq!(rows.len(), 5);
    assert_eq!((rows[0].amount, rows[0].line), (money("2310.45"), 26));
    assert_eq!(rows[0].time, NaiveTime::from_hms_opt(6, 15, 12));
    assert_eq!(rows[0].date, day("2026-12-01"));
    assert_eq!(rows[0].reference.as_deref(), Some("KB2026120100017"));
    assert_eq!(
        (rows[1].amount, rows[1].kind, rows[1].time),
        (money("-13.86"), TxnKind::Fee, None)
    );
    // <PAYEE><NAME> is the counterparty; the address lines are not.
    assert_eq!(rows[2].counterparty.as_deref(), Some("Groothandel Smit & Zn"));
    assert_eq!(rows[2].description.as_deref(), Some("Invoice 2026-1187 coffee beans"));
    assert_eq!(
        (rows[4].amount, rows[4].currency, rows[4].line),
        (money("1000.00"), Currency::EUR, 85)
    );
    assert_eq!(sts[1].closing.map(|b| b.amount), Some(money("15000.00")));
    let imported = import("ofx2-two-accounts.ofx");
    assert_eq!((preset(&imported), imported.txns.len()), (Some("OFX 2.x (XML)"), 5));
    // Two accounts in one file: each row names its own.
    assert_eq!(imported.txns[4].account.as_deref(), Some("NL02ABNA0123456789"));
}

#[test]
fn qfx_credit_card_statement() {
    let bytes = fixture("quicken-card.qfx");
    assert_eq!(detected(&bytes), [true, false, false]);
    let sts = ofx::parse_bytes(&bytes).unwrap_or_else(|e| panic!("{e}")).statements;
    assert_eq!(sts.len(), 1);
    assert_eq!(sts[0].account.as_deref(), Some("XXXXXXXXXXXX5310"));
    let imported = import("quicken-card.qfx");
    assert_eq!(preset(&imported), Some("QFX"));
    let rows = imported.txns;
    assert_eq!(rows.len(), 4);
    let lines: Vec<u32> = rows.iter().map(|t| t.row.line).collect();
    assert_eq!(lines, [15, 16, 17, 18]);
    assert_eq!(
        (rows[0].amount, rows[0].date(), rows[0].date_only),
        (money("-64.20"), day("2026-11-02"), true)
    );
    assert_eq!(rows[0].reference.as_deref(), Some("2026110224692160000000123"));
    assert_eq!(
        (rows[2].amount, rows[2].description.as_deref()),
        (money("29.99"), Some("Refund duplicate charge"))
    );
    assert_eq!((rows[3].amount, rows[3].kind), (money("-1.50"), TxnKind::Fee));
}

#[test]
fn camt053_two_statements_with_reversal_pending_and_batch() {
    let bytes = fixture("camt053-two-days.xml");
    assert_eq!(detected(&bytes), [false, true, false]);
    let sts = camt053::parse_bytes(&bytes)
        .unwrap_or_else(|e| panic!("{e}"))
        .statements;
    assert_eq!(ids(&sts), ["NB-STMT-2026-327", "NB-STMT-2026-328"]);
    assert_eq!(sts[0].account.as_deref(), Some("DE89370400440532013000"));
    assert_eq!(
        sts[0].opening.map(|b| (b.amount, b.line)),
        Some((money("10000.00"), 20))
    );
    // PRCD (previous closing) opens the second statement.
    assert_eq!(sts[1].opening.map(|b| b.amount), Some(money("10831.55")));
    assert!(
        balance_gaps("camt053-two-days.xml", &sts).is_empty(),
        "the fixture's balances add up"
    );

    let imported = import("camt053-two-days.xml");
    assert_eq!(preset(&imported), Some("CAMT.053"));
    assert!(imported.details.balance_gaps.is_empty());
    let rows = imported.txns;
    assert_eq!(rows.len(), 8);
    let lines: Vec<u32> = rows.iter().map(|t| t.row.line).collect();
    assert_eq!(lines, [35, 64, 77, 119, 135, 152, 175, 189]);

    let settlement = &rows[0];
    assert_eq!(
        (settlement.amount, settlement.date(), settlement.date_only),
        (money("2310.45"), day("2026-11-23"), true)
    );
    assert_eq!(settlement.reference.as_deref(), Some("STL-20261122-T01"));
    assert_eq!(settlement.counterparty.as_deref(), Some("PayNova Acquiring GmbH"));
    assert_eq!(
        settlement.description.as_deref(),
        Some("Card settlement 2026-11-22 MID 104455 TID T01")
    );
    assert_eq!(settlement.currency, Currency::EUR);

    assert_eq!((rows[1].amount, rows[1].kind), (money("-28.90"), TxnKind::Fee));
    assert_eq!(rows[1].description.as_deref(), Some("Kontofuehrungsentgelt November"));
    // NOTPROVIDED end-to-end id: the bank's reference instead; the creditor of a debit is the counterparty.
    assert_eq!(rows[2].reference.as_deref(), Some("2026112300012347"));
    assert_eq!(rows[2].counterparty.as_deref(), Some("Hafen Immobilien KG"));
    assert_eq!(
        rows[2].description.as_deref(),
        Some("Miete Dezember Laden 3 Objekt Hafenstr. 12")
    );

    // A returned direct debit: booked as a credit, marked as a reversal.
    let reversal = &rows[4];
    assert_eq!(
        (reversal.amount, reversal.reference.as_deref()),
        (money("89.00"), Some("MILCH-2026-11-0042"))
    );
    assert!(
        reversal
            .description
            .as_deref()
            .is_some_and(|d| d.starts_with("Reversal"))
    );
    // A batch of two transfers: one row, the bank's reference.
    assert_eq!(
        (rows[5].amount, rows[5].reference.as_deref()),
        (money("412.00"), Some("2026112400020003"))
    );
    // Pending: kept, dated by its value date, out of matching.
    let pending = &rows[6];
    assert_eq!(
        (pending.amount, pending.date(), pending.status),
        (money("-120.00"), day("2026-11-25"), TxnStatus::Declined)
    );
    assert!(pending.description.as_deref().is_some_and(|d| d.starts_with("Pending")));
    assert_eq!((rows[7].time, rows[7].date_only), (at("2026-11-24 16:42:05"), false));
    // Balances after each booked row, from the opening balance; the last equals the stated closing balance.
    assert_eq!(
        (rows[0].balance, rows[2].balance),
        (Some(money("12310.45")), Some(money("10831.55")))
    );
    assert_eq!((rows[6].balance, rows[7].balance), (None, Some(money("13334.85"))));
}

#[test]
fn camt053_version_8_with_prefixes_shows_a_balance_gap() {
    let bytes = fixture("camt053-v08-gap.xml");
    assert_eq!(detected(&bytes), [false, true, false]);
    let sts = camt053::parse_bytes(&bytes)
        .unwrap_or_else(|e| panic!("{e}"))
        .statements;
    assert_eq!(
        (sts[0].account.as_deref(), sts[0].currency),
        (Some("0123456789"), Currency::parse("CHF").unwrap_or_default())
    );
    let rows = entries(&sts);
    assert_eq!(rows.len(), 2);
    assert_eq!((rows[0].line, rows[0].amount), (10, money("1480.40")));
    assert_eq!(rows[0].counterparty.as_deref(), Some("Alpen Payment Services AG"));
    assert_eq!(rows[0].reference.as_deref(), Some("WLN-SETTLE-1129"));
    assert_eq!(
        rows[1].description.as_deref(),
        Some("Bareinzahlung Automat Filiale Altstadt")
    );

    let gaps = balance_gaps("camt053-v08-gap.xml", &sts);
    assert_eq!(gaps.len(), 1);
    let gap = &gaps[0];
    assert_eq!((gap.statement.as_str(), gap.line), ("ZB-2026-11-30", 9));
    // Opening −250.00 + 2080.40 booked = 1830.40, but the bank closes at 1630.40: a 200.00 debit is missing.
    assert_eq!(
        (gap.expected, gap.found, gap.difference()),
        (money("1630.40"), money("1830.40"), money("-200.00"))
    );
}

#[test]
fn mt940_two_messages_across_the_year_end() {
    let bytes = fixture("mt940-year-end.sta");
    assert_eq!(detected(&bytes), [false, false, true]);
    let sts = mt940::parse_bytes(&bytes).unwrap_or_else(|e| panic!("{e}")).statements;
    assert_eq!(ids(&sts), ["STMT261231/00251/001", "STMT270102/00001/001"]);
    assert_eq!(sts[0].account.as_deref(), Some("10020030/0123456789"));
    assert_eq!(sts[1].opening.map(|b| (b.amount, b.line)), Some((money("4952.20"), 19)));
    assert!(
        balance_gaps("mt940-year-end.sta", &sts).is_empty(),
        "the fixture's balances add up"
    );

    let imported = import("mt940-year-end.sta");
    assert_eq!((preset(&imported), imported.source.side), (Some("MT940"), Side::Bank));
    assert!(imported.details.balance_gaps.is_empty());
    let rows = imported.txns;
    assert_eq!(rows.len(), 6);
    let lines: Vec<u32> = rows.iter().map(|t| t.row.line).collect();
    assert_eq!(lines, [5, 8, 10, 20, 23, 26]);

    let settlement = &rows[0];
    assert_eq!(
        (settlement.amount, settlement.date(), settlement.date_only),
        (money("1893.40"), day("2026-12-31"), true)
    );
    assert_eq!(settlement.reference.as_deref(), Some("STL20261230T01"));
    assert_eq!(settlement.counterparty.as_deref(), Some("PayNova Acquiring GmbH"));
    assert_eq!(
        settlement.description.as_deref(),
        Some("GUTSCHR. UEBERW. SEPA — EREF+STL-20261230-T01 SVWZ+Kartenumsaetze 30.12. 2026 Terminal 01")
    );
    // Value date 2027-01-02 booked on 12-31: the entry date belongs to the year before.
    assert_eq!(
        (rows[1].amount, rows[1].date(), rows[1].kind),
        (money("-12.50"), day("2026-12-31"), TxnKind::Fee)
    );
    assert_eq!(rows[1].reference.as_deref(), Some("B6123100012"));
    // Free-text :86: over two lines.
    assert_eq!(
        rows[2].description.as_deref(),
        Some("Miete Januar 2027 Laden 3 Hafen Immobilien KG")
    );
    // Value date 2026-12-31 booked on 01-02: the entry date belongs to the next year.
    assert_eq!((rows[3].amount, rows[3].date()), (money("2104.75"), day("2027-01-02")));
    assert_eq!(rows[3].counterparty.as_deref(), Some("PayNova Acquiring GmbH"));
    // RC: reversal of a credit, booked as a debit.
    assert_eq!(
        (rows[4].amount, rows[4].reference.as_deref()),
        (money("-89.00"), Some("B7010200002"))
    );
    assert!(
        rows[4]
            .description
            .as_deref()
            .is_some_and(|d| d.starts_with("Reversal: Storno Gutschrift"))
    );
    assert_eq!(
        (rows[5].amount, rows[5].kind, rows[5].reference.as_deref()),
        (money("-0.99"), TxnKind::Fee, None)
    );
}

#[test]
fn a_missing_mt940_entry_shows_as_a_gap_at_the_closing_balance() {
    let bytes = fixture("mt940-year-end.sta");
    let text = String::from_utf8(bytes).unwrap_or_default();
    let without_fee = text.replace(":61:2701021231D12,50NCHGNONREF//B6123100012\r\n", "");
    let imported =
        import_bytes("short.sta", without_fee.as_bytes(), &ImportOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(imported.txns.len(), 5);
    let gaps = &imported.details.balance_gaps;
    assert_eq!(gaps.len(), 1);
    assert_eq!(
        (gaps[0].file.as_str(), gaps[0].statement.as_str()),
        ("short.sta", "STMT261231/00251/001")
    );
    assert_eq!((gaps[0].line, gaps[0].difference()), (12, money("-12.50")));
}

#[test]
fn a_bad_entry_refuses_the_file_with_line_column_and_expectation() {
    let text = String::from_utf8(fixture("mt940-year-end.sta")).unwrap_or_default();
    let bad = text.replace(":61:270102D0,99", ":61:270132D0,99");
    assert_eq!(
        import_error(bad.as_bytes()),
        "damaged:26:5: expected a date YYMMDD in :61:, found \"270132D0,99N\" — the file was not imported"
    );

    let text = String::from_utf8(fixture("camt053-two-days.xml")).unwrap_or_default();
    let bad = text.replace(
        "<CdtDbtInd>DBIT</CdtDbtInd>\n        <Sts>PDNG",
        "<CdtDbtInd>DEBIT</CdtDbtInd>\n        <Sts>PDNG",
    );
    assert_eq!(
        import_error(bad.as_bytes()),
        "damaged:177:20: expected CRDT or DBIT in <CdtDbtInd>, found \"DEBIT\" — the file was not imported"
    );

    let text = String::from_utf8(fixture("ofx2-two-accounts.ofx")).unwrap_or_default();
    let bad = text.replace("<TRNAMT>-13.86</TRNAMT>", "<TRNAMT>-13.86 EUR</TRNAMT>");
    assert!(import_error(bad.as_bytes()).starts_with("damaged:38:21: expected an amount such as -12.50 in <TRNAMT>"));
}

#[test]
fn skipping_bad_rows_keeps_the_good_ones_and_the_gap_shows_what_is_missing() {
    let text = String::from_utf8(fixture("camt053-two-days.xml")).unwrap_or_default();
    let bad = text.replace("<Amt Ccy=\"EUR\">1987.30</Amt>", "<Amt Ccy=\"EUR\">1.987,30</Amt>");
    let opts = ImportOptions {
        skip_bad_rows: true,
        ..ImportOptions::default()
    };
    let imported = import_bytes("skip.xml", bad.as_bytes(), &opts).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((imported.txns.len(), imported.details.bad_row_count), (7, 1));
    assert_eq!(
        imported.details.bad_rows.first().map(|r| (r.line, r.text.as_str())),
        Some((120, "1.987,30"))
    );
    let gaps = &imported.details.balance_gaps;
    assert_eq!(
        gaps.iter()
            .map(|g| (g.statement.as_str(), g.difference()))
            .collect::<Vec<_>>(),
        [("NB-STMT-2026-328", money("1987.30"))]
    );
}

#[test]
fn truncated_files_are_refused_not_half_imported() {
    let bytes = fixture("ofx1-checking-cp1252.ofx");
    let cut = bytes.get(..bytes.len() / 2).unwrap_or_default();
    assert!(
        import_error(cut).contains("expected </STMTTRN> closing the transaction of line"),
        "{}",
        import_error(cut)
    );

    let bytes = fixture("camt053-two-days.xml");
    let cut = bytes.get(..bytes.len() / 2).unwrap_or_default();
    assert!(
        import_error(cut).contains("before the end of the file"),
        "{}",
        import_error(cut)
    );
}

#[test]
fn camt053_reconciles_against_its_terminal_log() {
    let terminal_opts = ImportOptions {
        side: Side::Terminal,
        source: SourceId(0),
        ..ImportOptions::default()
    };
    let name = "camt053-counterpart-terminal.csv";
    let terminal = import_bytes(name, &fixture(name), &terminal_opts)
        .unwrap_or_else(|e| panic!("{e}"))
        .txns;
    assert_eq!(terminal.len(), 62);
    let bank = import("camt053-two-days.xml").txns;
    let report = reconcile(&terminal, &bank, &Config::default(), &[]);

    let status_of_bank_line = |line: u32| {
        bank.iter()
            .position(|t| t.row.line == line)
            .and_then(|i| report.bank.get(i))
            .map(|o| o.status)
    };
    // The two acquirer credits each pay one day's takings (net of the 0.6 % fee column).
    assert_eq!(status_of_bank_line(35), Some(Status::InBatch));
    assert_eq!(status_of_bank_line(119), Some(Status::InBatch));
    // Rent, the reversed direct debit, the catering transfers, the pending debit, the gift voucher: not card money.
    for line in [77, 135, 152, 175, 189] {
        assert_eq!(
            status_of_bank_line(line),
            Some(Status::Unrelated),
            "bank row of line {line}"
        );
    }
    // The 48.50 sale of 23 November (line 49) was never paid: the credit is short by exactly its net.
    let missing: Vec<u32> = terminal
        .iter()
        .zip(&report.terminal)
        .filter(|(_, o)| o.status == Status::Missing)
        .map(|(t, _)| t.row.line)
        .collect();
    assert_eq!(missing, [49]);
    assert_eq!(
        report.terminal.iter().filter(|o| o.status == Status::InBatch).count(),
        61
    );
}

fn all_fixtures() -> Vec<Vec<u8>> {
    [
        "ofx1-checking-cp1252.ofx",
        "ofx2-two-accounts.ofx",
        "quicken-card.qfx",
        "camt053-two-days.xml",
        "camt053-v08-gap.xml",
        "mt940-year-end.sta",
    ]
    .into_iter()
    .map(fixture)
    .collect()
}

/// Every reader and sniffer on the same bytes; only a panic fails.
fn read_all(bytes: &[u8]) {
    let _ = detected(bytes);
    let _ = ofx::parse_bytes(bytes);
    let _ = camt053::parse_bytes(bytes);
    let _ = mt940::parse_bytes(bytes);
    let _ = import_error(bytes);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        read_all(&bytes);
    }

    #[test]
    fn truncated_and_damaged_fixtures_never_panic(which in 0usize..6, cut in 0.0f64..1.0, flip in 0.0f64..1.0, byte in any::<u8>()) {
        let mut bytes = all_fixtures().swap_remove(which);
        let len = bytes.len();
        // Float maths only picks a position in the test input, never touches money.
        let at = |f: f64| ((len as f64) * f) as usize;
        if let Some(b) = bytes.get_mut(at(flip)) {
            *b = byte;
        }
        bytes.truncate(at(cut));
        read_all(&bytes);
    }
}

#[test]
fn structured_statements_are_guessed_to_be_the_bank_side() {
    for name in [
        "ofx1-checking-cp1252.ofx",
        "ofx2-two-accounts.ofx",
        "camt053-two-days.xml",
        "mt940-year-end.sta",
    ] {
        assert_eq!(
            posrecon::import::guess_side_of_path(&fixture_path(name)),
            Some(Side::Bank),
            "{name}"
        );
    }
    assert_eq!(
        posrecon::import::guess_side_of_path(&fixture_path("camt053-counterpart-terminal.csv")),
        Some(Side::Terminal)
    );
}
