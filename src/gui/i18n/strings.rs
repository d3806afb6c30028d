//! The string table: one function per string, Chinese first, then English.

use super::translations;

translations! {
    app_title => "posrecon 对账", "posrecon reconciliation";
    terminal => "终端", "Terminal";
    bank => "银行", "Bank";
    missing_in_bank => "银行缺失", "Missing in bank";
    missing_in_terminal => "终端缺失", "Missing in terminal";
}
