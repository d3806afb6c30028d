//! What every fuzz target checks after an import: the standard's "bad input never panics and never
//! half-imports; it gets an error naming file, line, column and what was expected". A violated rule panics,
//! which libFuzzer reports as a crash with the input that caused it.

use posrecon::engine::{Config, Status, reconcile};
use posrecon::import::error::MAX_ROW_ERRORS;
use posrecon::import::parse::mask_card_numbers;
use posrecon::import::{ImportError, ImportOptions, Imported};
use posrecon::model::{Money, Side, Txn};

/// Lets a panic that posrecon catches pass: libfuzzer-sys's panic hook aborts on every panic, caught or not, but
/// `import::excel::open` catches calamine's panics on damaged workbooks and refuses the file. The standard hook
/// is put back (it prints the message); a panic that reaches the fuzz target still aborts, as libfuzzer-sys
/// aborts on any panic that unwinds out of it.
pub fn let_caught_panics_pass() {
    drop(std::panic::take_hook());
}

/// Checks the result of one import of `file` with `opts`, whichever way it went.
pub fn check_import(file: &str, opts: &ImportOptions, result: &Result<Imported, ImportError>) {
    match result {
        Ok(imported) => check_imported(file, opts, imported),
        Err(error) => check_error(file, error),
    }
}

/// A refusal names the file, a line and a column ≥ 1, and at most [`MAX_ROW_ERRORS`] bad rows in detail.
pub fn check_error(file: &str, error: &ImportError) {
    let at = error.location();
    assert_eq!(&*at.file, file, "the error names another file: {error}");
    assert!(at.line >= 1 && at.column >= 1, "the error points at line {} column {}: {error}", at.line, at.column);
    let message = error.to_string();
    assert!(message.starts_with(file), "the message does not start with the file name: {message}");
    if let ImportError::BadRows { count, rows, .. } = error {
        assert!(*count >= 1 && !rows.is_empty(), "a bad-rows refusal with no bad row: {message}");
        assert!(rows.len() <= MAX_ROW_ERRORS && rows.len() <= *count, "{} rows listed of {count}", rows.len());
        for row in rows {
            assert!(row.line >= 1 && row.column >= 1, "bad row at {}:{}", row.line, row.column);
            assert!(!row.expected.is_empty(), "a bad row that does not say what was expected: {row}");
        }
    }
}

/// An import that went through: all or nothing, every row where the file put it, on the side asked for, with
/// card numbers masked; its amounts survive the arithmetic the reports and the engine do with them.
pub fn check_imported(file: &str, opts: &ImportOptions, imported: &Imported) {
    let details = &imported.details;
    if opts.skip_bad_rows {
        assert!(details.bad_rows.len() <= MAX_ROW_ERRORS && details.bad_rows.len() <= details.bad_row_count);
    } else {
        assert!(details.bad_rows.is_empty() && details.bad_row_count == 0, "a half import: {details:?}");
    }
    assert_eq!(imported.source.path, file);
    assert_eq!((imported.source.side, imported.source.id), (opts.side, opts.source));
    for txn in &imported.txns {
        check_txn(opts, txn);
    }
    // Whatever was imported goes into a reconciliation next: it must not panic there either.
    let (terminal, bank) = match opts.side {
        Side::Terminal => (imported.txns.as_slice(), &[][..]),
        Side::Bank => (&[][..], imported.txns.as_slice()),
    };
    let report = reconcile(terminal, bank, &Config::default(), &[]);
    assert_eq!((report.terminal.len(), report.bank.len()), (terminal.len(), bank.len()));
}

fn check_txn(opts: &ImportOptions, txn: &Txn) {
    assert!(txn.row.line >= 1, "a row at line 0: {txn:?}");
    assert_eq!((txn.row.source, txn.side), (opts.source, opts.side), "{txn:?}");
    for money in [Some(txn.amount), txn.fee, txn.net, txn.balance].into_iter().flatten() {
        let _ = money.minor_units();
        let _ = money.to_string();
        let _ = Money::abs(money);
    }
    assert!(txn.currency.0.iter().all(u8::is_ascii_uppercase), "currency {:?}", txn.currency.0);
    if let Some(card) = txn.card_masked.as_deref() {
        assert!(card.bytes().all(|b| b.is_ascii_digit() || b == b'*'), "card {card:?}");
        assert!(card.bytes().filter(u8::is_ascii_digit).count() <= 10, "card {card:?} shows more than 10 digits");
    }
    for text in [txn.description.as_deref(), txn.counterparty.as_deref()].into_iter().flatten() {
        assert_eq!(mask_card_numbers(text), text, "a card number left in clear in free text");
    }
}

/// Every row of a reconciliation is paired at most once: a 1:1 match names one row across, which names it back.
pub fn check_pairs_once(report: &posrecon::engine::Report) {
    let mut claimed = vec![0usize; report.bank.len()];
    for (i, outcome) in report.terminal.iter().enumerate() {
        if matches!(outcome.status, Status::Matched | Status::MatchedWithDifference) {
            assert_eq!(outcome.counterparts.len(), 1, "terminal row {i} matched to {:?}", outcome.counterparts);
            let across = outcome.counterparts[0];
            assert_eq!(across.side, Side::Bank);
            let Some(slot) = claimed.get_mut(across.index as usize) else { panic!("row {across:?} is not there") };
            *slot += 1;
            let back = &report.bank[across.index as usize];
            assert!(matches!(back.status, Status::Matched | Status::MatchedWithDifference), "{back:?}");
            assert_eq!(back.counterparts.len(), 1);
            assert_eq!(back.counterparts[0].index as usize, i, "bank row {across:?} names another terminal row");
        }
    }
    assert!(claimed.iter().all(|&n| n <= 1), "a bank row matched twice: {claimed:?}");
    // A terminal row is in one batch at most, and a bank credit pays one batch at most.
    let mut in_batch = vec![0usize; report.terminal.len()];
    let mut pays = vec![0usize; report.bank.len()];
    for batch in &report.batches {
        for row in &batch.terminal_rows {
            *in_batch.get_mut(row.index as usize).unwrap_or(&mut 0) += 1;
        }
        if let Some(credit) = batch.bank {
            *pays.get_mut(credit.index as usize).unwrap_or(&mut 0) += 1;
        }
    }
    assert!(in_batch.iter().all(|&n| n <= 1), "a terminal row in two batches: {in_batch:?}");
    assert!(pays.iter().all(|&n| n <= 1), "a bank credit paying two batches: {pays:?}");
}
