//! What the workspace tests share: import options, and small terminal logs and statements.

use posrecon::import::ImportOptions;
use posrecon::model::Side;

pub fn options(side: Side) -> ImportOptions {
    ImportOptions {
        side,
        ..Default::default()
    }
}

/// A CSV table with one line per (reference, "date time", amount) written by `line(date, time, reference, amount)`.
fn table(header: &str, rows: &[(&str, &str, &str)], line: fn(&str, &str, &str, &str) -> String) -> String {
    let mut text = format!("{header}\n");
    for (reference, when, amount) in rows {
        let (date, time) = when.split_once(' ').unwrap_or((when, "12:00:00"));
        text += &line(date, time, reference, amount);
        text.push('\n');
    }
    text
}

/// A terminal log with one sale per (reference, time, amount).
pub fn terminal_log(rows: &[(&str, &str, &str)]) -> String {
    table(
        "Date,Time,Terminal ID,Reference,Card,Amount,Description",
        rows,
        |date, time, reference, amount| format!("{date},{time},T0001,{reference},622848******1234,{amount},sale"),
    )
}

/// A bank statement with one settlement per (reference, time, amount).
pub fn statement(rows: &[(&str, &str, &str)]) -> String {
    table(
        "Date,Time,Description,Reference,Amount",
        rows,
        |date, time, reference, amount| format!("{date},{time},UnionPay POS settlement,{reference},{amount}"),
    )
}
