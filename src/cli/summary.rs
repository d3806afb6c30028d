//! The short coloured summary `reconcile` prints: the counts by status, the findings by severity and the most
//! serious findings with file:line. Colours go through anstream, which drops them when the output is not a
//! terminal or NO_COLOR is set.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};

use crate::engine::Severity;
use crate::report::findings::findings;
use crate::report::labels::{self, SummaryLabel};
use crate::report::table::display_cells;
use crate::report::{Finding, Lang, Reconciliation};

pub const ERROR_STYLE: Style = Style::new().bold().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Red)));
const TITLE: Style = Style::new().bold();
const GOOD: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Green)));
const WARN: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Yellow)));
const BAD: Style = Style::new().bold().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Red)));
const DIM: Style = Style::new().dimmed();

/// At most this many groups of findings are listed; the exports hold them all.
const FINDINGS_LISTED: usize = 10;
/// At most this many line numbers are named for one group.
const LINES_LISTED: usize = 6;

fn severity_style(severity: Option<Severity>) -> Style {
    match severity {
        Some(Severity::High) | None => BAD,
        Some(Severity::Medium) => WARN,
        Some(Severity::Low) => DIM,
    }
}

/// Width of the label column, in terminal cells.
const LABEL_CELLS: usize = 28;

/// The text padded with spaces to `cells` terminal cells; Chinese characters take two cells each.
fn pad(text: &str, cells: usize) -> String {
    format!("{text}{}", " ".repeat(cells.saturating_sub(display_cells(text))))
}

/// A count line: label, number, coloured when it matters.
fn count_line(out: &mut dyn Write, label: SummaryLabel, n: usize, lang: Lang, style: Style) -> io::Result<()> {
    let style = if n == 0 { DIM } else { style };
    writeln!(
        out,
        "  {} {}{n:>7}{}",
        pad(label.text(lang), LABEL_CELLS),
        style.render(),
        style.render_reset()
    )
}

/// Writes the summary. `out` should be an anstream stream so colours are dropped where they do not belong.
/// Ends the summary with the files written.
pub fn write_exports(out: &mut dyn Write, written: &[&std::path::Path], lang: Lang) -> io::Result<()> {
    for path in written {
        let path = path.display().to_string();
        writeln!(out, "  {} {}", lang.pick("wrote", "已写入"), super::shown::shown(&path))?;
    }
    Ok(())
}

pub fn write_summary(out: &mut dyn Write, rec: &Reconciliation<'_>, lang: Lang) -> io::Result<()> {
    let s = &rec.report.summary;
    writeln!(
        out,
        "{}posrecon{} — {} {} · {} {}",
        TITLE.render(),
        TITLE.render_reset(),
        SummaryLabel::TerminalRows.text(lang),
        s.terminal_rows,
        SummaryLabel::BankRows.text(lang),
        s.bank_rows,
    )?;
    count_line(out, SummaryLabel::Matched, s.matched, lang, GOOD)?;
    count_line(out, SummaryLabel::InBatch, s.in_batch, lang, GOOD)?;
    count_line(
        out,
        SummaryLabel::MatchedWithDifference,
        s.matched_with_difference,
        lang,
        WARN,
    )?;
    count_line(out, SummaryLabel::MissingInBank, s.missing_in_bank, lang, BAD)?;
    count_line(out, SummaryLabel::MissingInTerminal, s.missing_in_terminal, lang, BAD)?;
    count_line(out, SummaryLabel::Duplicates, s.duplicates, lang, WARN)?;
    count_line(out, SummaryLabel::Unrelated, s.unrelated, lang, DIM)?;
    if s.interchangeable_pairs > 0 {
        count_line(
            out,
            SummaryLabel::InterchangeablePairs,
            s.interchangeable_pairs,
            lang,
            DIM,
        )?;
    }

    // A balance check not made is said, never left out in silence.
    for check in &s.balance_checks {
        if let Some((en, zh)) = check.check.not_made() {
            let file = rec
                .source(crate::model::SourceId(check.source))
                .map_or("", |s| s.path.as_str());
            writeln!(
                out,
                "  {}{}{} {}: {}",
                WARN.render(),
                lang.pick("balance check not made", "未做余额核对"),
                WARN.render_reset(),
                super::shown::shown(file),
                lang.pick(&en, &zh)
            )?;
        }
    }

    let list = findings(rec);
    let flagged: Vec<_> = list.iter().filter(|f| f.flag.is_some()).collect();
    let by = |sev| flagged.iter().filter(|f| f.severity() == Some(sev)).count();
    writeln!(
        out,
        "  {} {:>7}  ({} {}, {} {}, {} {})",
        pad(SummaryLabel::Flags.text(lang), LABEL_CELLS),
        flagged.len(),
        by(Severity::High),
        labels::severity(Severity::High, lang),
        by(Severity::Medium),
        labels::severity(Severity::Medium, lang),
        by(Severity::Low),
        labels::severity(Severity::Low, lang),
    )?;
    // Findings of one rule in one file are listed once, with all their lines (six unknown-terminal rows are one
    // line of the summary, not six).
    let what = |f: &Finding<'_>| {
        f.flag
            .map_or_else(|| labels::status(f.outcome.status, lang), |fl| fl.rule.id())
    };
    let mut groups: Vec<Vec<&Finding<'_>>> = Vec::new();
    for finding in &list {
        match groups.last_mut() {
            Some(group) if what(group[0]) == what(finding) && group[0].txn.row.source == finding.txn.row.source => {
                group.push(finding)
            }
            _ => groups.push(vec![finding]),
        }
    }
    for group in groups.iter().take(FINDINGS_LISTED) {
        let first = group[0];
        let mut lines: Vec<String> = group
            .iter()
            .take(LINES_LISTED)
            .map(|f| rec.place(f.row).line.to_string())
            .collect();
        if group.len() > LINES_LISTED {
            lines.push(format!("… ({})", group.len()));
        }
        let style = severity_style(first.severity());
        writeln!(
            out,
            "  {}{}{} {}:{}  {}",
            style.render(),
            pad(what(first), 20),
            style.render_reset(),
            super::shown::shown(rec.place_of(first.txn).file),
            lines.join(","),
            super::shown::shown(&first.reason(lang, rec.report))
        )?;
    }
    if groups.len() > FINDINGS_LISTED {
        let more: usize = groups.iter().skip(FINDINGS_LISTED).map(Vec::len).sum();
        let hint = lang.pick(
            "more in the exports (--json, --xlsx, --csv)",
            "条，详见导出文件（--json、--xlsx、--csv）",
        );
        writeln!(out, "  {}… +{more} {hint}{}", DIM.render(), DIM.render_reset())?;
    }
    Ok(())
}
