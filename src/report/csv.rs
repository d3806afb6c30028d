//! The findings as CSV: one line per flag (most serious first), then the rows listed for their status alone.
//! UTF-8 with a byte-order mark so that Excel shows Chinese text correctly; headers in the export's language;
//! text cells neutralised against formula injection, amounts written as plain numbers (`-12.00`).

use std::io::Write;
use std::path::Path;

use super::findings::findings;
use super::table::FINDING_COLUMNS;
use super::{ExportError, Lang, Reconciliation};

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Writes the findings CSV to any writer.
pub fn write_findings<W: Write>(rec: &Reconciliation<'_>, lang: Lang, out: W) -> Result<(), ::csv::Error> {
    let mut out = out;
    out.write_all(UTF8_BOM)?;
    let mut writer = ::csv::Writer::from_writer(out);
    writer.write_record(FINDING_COLUMNS.iter().map(|c| c.header(lang)))?;
    for finding in findings(rec) {
        let view = finding.view(*rec);
        let cells: Vec<_> = FINDING_COLUMNS.iter().map(|&c| view.cell(c, lang)).collect();
        writer.write_record(cells.iter().map(|c| c.plain().into_owned()))?;
    }
    writer.flush()?;
    Ok(())
}

/// Writes the findings CSV to a file.
pub fn save_findings(rec: &Reconciliation<'_>, lang: Lang, path: &Path) -> Result<(), ExportError> {
    super::atomic::replace(path, |partial| {
        let file = std::fs::File::create(partial).map_err(|source| ExportError::Io {
            path: path.to_owned(),
            source,
        })?;
        write_findings(rec, lang, std::io::BufWriter::new(file)).map_err(|source| ExportError::Csv {
            path: path.to_owned(),
            source,
        })
    })
}
