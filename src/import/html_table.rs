//! HTML tables saved with an `.xls` name — what many Chinese bank portals export. A small, tolerant scanner:
//! `<tr>` starts a row, `<td>`/`<th>` a cell (closing tags optional, `colspan` honoured), tags inside cells are
//! dropped, entities decoded, whitespace collapsed; `<script>`, `<style>` and comments are skipped. Each row
//! keeps the line its `<tr>` is on.

use std::borrow::Cow;

use super::Found;
use super::error::{ImportError, Location};
use super::mapping::Profile;
use super::sniff::{HEADER_SEARCH_ROWS, fields_named, header_score_for, to_u32};
use super::table::{SkippedLine, Table};

/// One `<tr>`: its line and cell texts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HtmlRow {
    pub line: u32,
    pub cells: Vec<String>,
}

/// All table rows of an HTML document, in order.
pub fn rows(html: &str) -> Vec<HtmlRow> {
    let mut scanner = Scanner::default();
    let mut pos = 0;
    let mut line = 1u32;
    let mut counted = 0;
    while let Some(lt) = html.get(pos..).and_then(|rest| rest.find('<')).map(|i| pos + i) {
        scanner.text(html.get(pos..lt).unwrap_or_default());
        line += to_u32(html.get(counted..lt).map_or(0, |s| s.matches('\n').count()));
        counted = lt;
        let rest = html.get(lt..).unwrap_or_default();
        if rest.starts_with("<!--") {
            pos = rest.find("-->").map_or(html.len(), |end| lt + end + 3);
            continue;
        }
        let Some(gt) = rest.find('>') else { break };
        let tag = rest.get(1..gt).unwrap_or_default();
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '/')
            .collect::<String>()
            .to_ascii_lowercase();
        pos = lt + gt + 1;
        match name.as_str() {
            "script" | "style" => {
                let close = format!("</{name}");
                let lower = html.get(pos..).unwrap_or_default().to_ascii_lowercase();
                pos = lower.find(&close).map_or(html.len(), |i| pos + i);
            }
            "tr" => scanner.start_row(line),
            "/tr" | "/table" | "/tbody" | "/thead" => scanner.end_row(),
            "td" | "th" => scanner.start_cell(colspan(tag)),
            "/td" | "/th" => scanner.end_cell(),
            "br" | "br/" | "p" | "/p" | "div" | "/div" => scanner.text(" "),
            _ => {}
        }
    }
    scanner.end_row();
    scanner.rows
}

#[derive(Default)]
struct Scanner {
    rows: Vec<HtmlRow>,
    row: Option<HtmlRow>,
    cell: Option<(String, usize)>,
}

impl Scanner {
    fn text(&mut self, text: &str) {
        if let Some((cell, _)) = &mut self.cell {
            cell.push_str(text);
        }
    }
    fn start_row(&mut self, line: u32) {
        self.end_row();
        self.row = Some(HtmlRow {
            line,
            cells: Vec::new(),
        });
    }
    fn start_cell(&mut self, span: usize) {
        self.end_cell();
        if self.row.is_none() {
            self.row = Some(HtmlRow {
                line: 1,
                cells: Vec::new(),
            });
        }
        self.cell = Some((String::new(), span));
    }
    fn end_cell(&mut self) {
        if let (Some((text, span)), Some(row)) = (self.cell.take(), self.row.as_mut()) {
            row.cells.push(clean(&text));
            row.cells
                .extend(std::iter::repeat_n(String::new(), span.saturating_sub(1)));
        }
    }
    fn end_row(&mut self) {
        self.end_cell();
        if let Some(row) = self.row.take().filter(|row| !row.cells.is_empty()) {
            self.rows.push(row);
        }
    }
}

fn colspan(tag: &str) -> usize {
    let lower = tag.to_ascii_lowercase();
    let Some(at) = lower.find("colspan") else { return 1 };
    let digits: String = lower
        .get(at + 7..)
        .unwrap_or_default()
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse::<usize>().map_or(1, |n| n.clamp(1, 64))
}

/// Entities decoded, whitespace collapsed, trimmed.
fn clean(text: &str) -> String {
    decode_entities(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Decodes HTML/XML character references: `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&nbsp;` (as a space),
/// `&yen;`, `&#8364;`, `&#x20AC;`. Anything else after `&` is kept as written. Borrowed when there is no `&`.
pub fn decode_entities(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or_default());
        let after = rest.get(amp..).unwrap_or_default();
        let end = after.find(';').filter(|&e| e <= 10);
        match end.and_then(|e| Some((e, entity(after.get(1..e)?)?))) {
            Some((e, c)) => {
                out.push(c);
                rest = after.get(e + 1..).unwrap_or_default();
            }
            None => {
                out.push('&');
                rest = after.get(1..).unwrap_or_default();
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

fn entity(name: &str) -> Option<char> {
    match name {
        "nbsp" | "ensp" | "emsp" => Some(' '),
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "yen" => Some('¥'),
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

/// Reads the table of an HTML document: the best-scoring row among the first rows is the header.
pub fn read(file: &str, html: &str, encoding: &str, profile: &Profile) -> Result<Found, ImportError> {
    let rows = rows(html);
    let header_at = rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .enumerate()
        .filter(|(_, r)| profile.header_line.is_none_or(|l| l == r.line))
        .map(|(i, r)| (i, header_score_for(&r.cells, profile)))
        .filter(|(_, score)| *score >= 2)
        .fold(None, |best: Option<(usize, usize)>, (i, score)| match best {
            Some((_, b)) if b >= score => best,
            _ => Some((i, score)),
        });
    let Some((h, _)) = header_at else {
        let closest = rows
            .iter()
            .take(HEADER_SEARCH_ROWS)
            .max_by_key(|r| fields_named(&r.cells).len());
        let found: Vec<String> = closest
            .map(|r| fields_named(&r.cells))
            .unwrap_or_default()
            .iter()
            .map(|f| f.to_string())
            .collect();
        return Err(ImportError::NoHeader {
            at: Location::new(
                file,
                None,
                closest.filter(|_| !found.is_empty()).map_or(1, |r| r.line),
                1,
            ),
            found,
            missing: vec!["date".to_owned(), "amount".to_owned()],
            hint: "; the file is an HTML page — is it the right export?".to_owned(),
        });
    };
    let header_row = rows.get(h).cloned().unwrap_or(HtmlRow {
        line: 1,
        cells: Vec::new(),
    });
    let mut table = Table::new(header_row.cells, header_row.line, None);
    for row in rows.iter().skip(h + 1) {
        table.push(row.line, row.cells.as_slice());
    }
    table.finish();
    let preamble = rows
        .iter()
        .take(h)
        .map(|r| SkippedLine {
            line: r.line,
            text: r.cells.join(" ").trim().to_owned(),
        })
        .collect();
    Ok(Found {
        table,
        format: "HTML table (saved as .xls)".to_owned(),
        encoding: encoding.to_owned(),
        delimiter: None,
        sheet: None,
        preamble,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_cells_entities_and_lines() {
        let html = "<html><head><style>td{}</style></head><body>\n<table>\n<tr><td colspan=2>账号：62220&nbsp;1</td></tr>\n\
                    <tr><th>交易日期</th><th>金额</th><th>备注</th></tr>\n<TR><TD>2026-11-24<TD> 1,234.50 </TD><td><b>A&amp;B</b><!-- x --></td>\n</table>";
        let rows = rows(html);
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].cells, vec!["账号：62220 1", ""]);
        assert_eq!(
            (rows[2].line, rows[2].cells.clone()),
            (5, vec!["2026-11-24".into(), "1,234.50".into(), "A&B".into()])
        );
    }
}
