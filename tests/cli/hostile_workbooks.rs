//! Hostile workbooks, as they arrive by e-mail: each is refused by `posrecon inspect` and `reconcile` with exit
//! code 2 and a message that names the file and the limit, within bounded memory (the child's peak resident
//! memory, from getrusage, stays under [`BUDGET_KIB`]). Before these limits the first aborted the process (a
//! 512 GiB allocation) and the others took 2–9 GiB.
#![cfg(target_os = "linux")]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::kit::temp_dir;

/// The memory any of these files may cost: 512 MiB.
const BUDGET_KIB: i64 = 512 * 1024;

/// Writes a minimal .xlsx to `name` in a temp folder, its one sheet written by `sheet_data` (the rows inside
/// `<sheetData>`) straight into the zip: the test process stays small, since a child's peak memory as the kernel
/// counts it starts from its parent's.
fn workbook(name: &str, sheet_data: impl FnOnce(&mut dyn Write)) -> PathBuf {
    let path = temp_dir("hostile").join(name);
    let file = std::fs::File::create(&path).expect("created");
    let mut out = zip::ZipWriter::new(std::io::BufWriter::new(file));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let content_types = br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
    let rels = br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    let book = br#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
    let book_rels = br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;
    for (part, bytes) in [
        ("[Content_Types].xml", &content_types[..]),
        ("_rels/.rels", &rels[..]),
        ("xl/workbook.xml", &book[..]),
        ("xl/_rels/workbook.xml.rels", &book_rels[..]),
    ] {
        out.start_file(part, options).expect("a part");
        out.write_all(bytes).expect("written");
    }
    out.start_file("xl/worksheets/sheet1.xml", options).expect("the sheet");
    out.write_all(br#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#)
        .expect("written");
    sheet_data(&mut out);
    out.write_all(b"</sheetData></worksheet>").expect("written");
    out.finish().expect("a zip").flush().expect("flushed");
    path
}

/// Runs posrecon with `args`: its exit code, what it printed, and its own peak resident memory (KiB), read
/// with wait4 so that tests running side by side do not mix their children's figures.
#[allow(
    clippy::zombie_processes,
    reason = "the child is waited for with wait4, which also gives its resource usage"
)]
fn run(args: &[&str]) -> (Option<i32>, String, i64) {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_posrecon"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("posrecon runs");
    let read_all = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = pipe.read_to_string(&mut text);
            text
        })
    };
    let out = read_all(Box::new(child.stdout.take().expect("stdout")));
    let err = read_all(Box::new(child.stderr.take().expect("stderr")));
    let pid = i32::try_from(child.id()).expect("a pid");
    let (mut status, mut usage) = (0, unsafe { std::mem::zeroed::<libc::rusage>() });
    // SAFETY: wait4 writes only the status and the rusage it is given, for our own child.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid, "waited for the child");
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    // `inspect` reports a refusal on standard output, `reconcile` on standard error.
    let said = format!("{}{}", out.join().unwrap_or_default(), err.join().unwrap_or_default());
    (code, said, usage.ru_maxrss)
}

fn assert_refused(path: &Path, expected: &str) {
    let file = path.to_str().expect("a UTF-8 temp path");
    for args in [
        vec!["inspect", file],
        vec!["reconcile", "--terminal", file, "--bank", file],
    ] {
        let (code, said, peak) = run(&args);
        assert_eq!(code, Some(2), "{args:?}: {said}");
        assert!(
            said.contains(file) && said.contains("refused") && said.contains(expected),
            "{args:?}: {said}"
        );
        assert!(peak < BUDGET_KIB, "{args:?}: peak {peak} KiB");
        eprintln!("{args:?}: refused, peak {} MiB", peak / 1024);
    }
}

#[test]
fn a_sheet_from_a1_to_the_last_cell_is_refused() {
    let path = workbook("a1-xfd1048576.xlsx", |out| {
        let cells = r#"<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row>"#;
        out.write_all(cells.as_bytes()).expect("written");
    });
    assert!(std::fs::metadata(&path).map(|m| m.len()).unwrap_or(u64::MAX) < 4096);
    assert_refused(&path, "16384 columns");
}

#[test]
fn a_cell_that_inflates_a_thousandfold_is_a_zip_bomb() {
    let path = workbook("one-cell-bomb.xlsx", |out| {
        out.write_all(br#"<row r="1"><c r="A1" t="inlineStr"><is><t>"#)
            .expect("written");
        let chunk = vec![b'x'; 1 << 16];
        for _ in 0..1024 {
            out.write_all(&chunk).expect("written");
        }
        out.write_all(b"</t></is></c></row>").expect("written");
    });
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(u64::MAX);
    assert!(size < 1 << 20, "the bomb is small: {size}");
    assert_refused(&path, "zip bomb");
}

#[test]
fn more_rows_than_excel_has_are_refused() {
    let path = workbook("too-many-rows.xlsx", |out| {
        out.write_all(br#"<row r="1"><c r="A1"><v>1</v></c></row>"#)
            .expect("written");
        for r in 2..=1_100_000u32 {
            write!(out, r#"<row r="{r}"/>"#).expect("written");
        }
    });
    assert_refused(&path, "1048576 rows");
}
