//! Inputs the fuzz targets (fuzz/, see fuzz/README.md) found panicking or breaking a rule of the import, each
//! cut down to what matters: now refused with an error naming file, line and column, or imported whole.

use posrecon::engine::{Config, reconcile};
use posrecon::import::{ImportError, ImportOptions, import_bytes};
use posrecon::model::Side;

use crate::kit::import::{error_at, opts};

/// A 29-digit order number in the amount column was read as an amount of 4.2e28: computing its minor units,
/// or adding two such rows in a batch, overflowed `Decimal` and panicked.
#[test]
fn an_amount_too_long_to_be_money_is_a_bad_row() {
    let csv =
        b"Date,Amount,Reference\n2026-11-24 13:05:09,12.00,A1\n2026-11-24 13:06:00,42000020261124130509000000003,A2\n";
    let err = error_at("long.csv", csv, 3, 2);
    let ImportError::BadRows { count: 1, rows, .. } = &err else {
        panic!("{err}")
    };
    assert!(rows[0].expected.contains("15 digits"), "{err}");
    // Skipping the bad row imports the other, and the reconciliation of it runs.
    let skipping = ImportOptions {
        skip_bad_rows: true,
        ..opts(Side::Terminal)
    };
    let imported = import_bytes("long.csv", csv, &skipping).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(imported.txns.len(), 1);
    let report = reconcile(&imported.txns, &[], &Config::default(), &[]);
    assert_eq!(report.terminal.len(), 1);
}

/// The same in a bank statement: an OFX amount of 29 digits is refused at its line.
#[test]
fn a_statement_amount_too_long_to_be_money_is_refused() {
    let ofx = "OFXHEADER:100\nDATA:OFXSGML\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>USD\n<BANKTRANLIST>\n\
               <STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20261124<TRNAMT>12.00<FITID>1</STMTTRN>\n\
               <STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20261124<TRNAMT>42000020261124130509000000003.00<FITID>2</STMTTRN>\n\
               </BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n";
    let err = match import_bytes("big.ofx", ofx.as_bytes(), &opts(Side::Bank)) {
        Ok(imported) => panic!("imported {} rows", imported.txns.len()),
        Err(e) => e,
    };
    assert_eq!(err.location().line, 7, "{err}");
}

/// Damaged .xls files (OLE compound files whose header or sector chain is wrong) made calamine panic inside
/// the import (`cfb.rs`: a slice past the end of the file; `utils.rs`: an assertion on the sector size). Now
/// refused as a workbook that cannot be read.
#[test]
fn a_damaged_xls_is_refused_not_a_panic() {
    for (name, bytes) in [
        (
            "sector-past-end.xls",
            &include_bytes!("../fuzzed/xls-sector-past-end.xls")[..],
        ),
        (
            "bad-sector-size.xls",
            &include_bytes!("../fuzzed/xls-bad-sector-size.xls")[..],
        ),
    ] {
        let err = error_at(name, bytes, 1, 1);
        assert!(matches!(err, ImportError::NotAWorkbook { .. }), "{name}: {err}");
    }
}

/// A card number in a bank statement's free text (an OFX memo, a CAMT remittance line, an MT940 :86: field) is
/// masked as it is in a CSV's description: the privacy rule holds for every format.
#[test]
fn a_card_number_in_a_statement_memo_is_masked() {
    let ofx = "OFXHEADER:100\nDATA:OFXSGML\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>USD\n<BANKTRANLIST>\n\
               <STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20261124<TRNAMT>12.00<FITID>1\n\
               <NAME>CARD 4111 1111 1111 1111<MEMO>refund to 4111111111111111</STMTTRN>\n\
               </BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n";
    let imported = import_bytes("memo.ofx", ofx.as_bytes(), &opts(Side::Bank)).unwrap_or_else(|e| panic!("{e}"));
    let txn = &imported.txns[0];
    assert_eq!(txn.description.as_deref(), Some("refund to 411111******1111"));
    assert_eq!(txn.counterparty.as_deref(), Some("CARD 4111 11** **** 1111"));
}

/// A file with no header row whose only line is a total: read as headerless (header line 0), its "no data
/// rows" refusal pointed at line 0, which no editor shows. It points at line 1.
#[test]
fn a_headerless_file_of_only_a_total_line_is_refused_at_line_one() {
    for text in ["合计,1234.50,2026-11-24\n", "Total,1234.50,2026-11-24 13:05:09\n\n"] {
        let err = error_at("total.csv", text.as_bytes(), 1, 1);
        assert!(matches!(err, ImportError::NoRows { .. }), "{err}");
    }
}
