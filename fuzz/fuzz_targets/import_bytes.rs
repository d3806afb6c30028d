//! Arbitrary bytes dropped on the window: whatever they are (a truncated download, a PDF renamed .csv, a GBK
//! file cut mid-character, a workbook that is really HTML), `import_bytes` refuses them with an error naming
//! file, line and column, or imports them whole — never a panic, never a half import. The whole input is the file
//! (so real files seed the corpus as they are); its length and last byte pick the file name, the side and whether
//! bad rows are skipped.

#![no_main]

use libfuzzer_sys::fuzz_target;
use posrecon::import::{ImportOptions, import_bytes};
use posrecon::model::{Side, SourceId};
use posrecon_fuzz::{check_import, let_caught_panics_pass};

const NAMES: [&str; 8] =
    ["drop.csv", "drop.xls", "drop.xlsx", "drop.ofx", "drop.xml", "drop.sta", "下载.txt", "statement"];

fuzz_target!(init: let_caught_panics_pass(), |data: &[u8]| {
    let choice = data.last().map_or(0, |&last| last ^ data.len() as u8);
    let bytes = data;
    let file = NAMES[usize::from(choice) % NAMES.len()];
    let side = if choice & 0x08 == 0 { Side::Terminal } else { Side::Bank };
    let opts = ImportOptions { side, source: SourceId(3), skip_bad_rows: choice & 0x10 != 0, ..ImportOptions::default() };
    let result = import_bytes(file, bytes, &opts);
    check_import(file, &opts, &result);
});
