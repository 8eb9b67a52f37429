//! The readable output of `check`: one block per report.

use crate::model::{Finding, Origin, Report, Severity};
use std::io::Write;

pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Strips control characters so a report's text can never drive the terminal.
pub fn safe(s: &str) -> String {
    without_controls(s, &['\n'])
}

/// The same for a whole document's text: its tabs are kept, as they lay out its rows
/// (a tab cannot drive a terminal either).
pub fn safe_document(s: &str) -> String {
    without_controls(s, &['\n', '\t'])
}

fn without_controls(s: &str, keep: &[char]) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() && !keep.contains(&c) {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}

pub fn write_block(
    w: &mut impl Write,
    report: &Report,
    findings: &[Finding],
    colour: bool,
    errors_only: bool,
) -> std::io::Result<()> {
    let paint = |code: &str, s: &str| {
        if colour {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    };
    let count = |o: Origin| report.cells.iter().filter(|c| c.origin == o).count();
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = findings.len() - errors;
    let meta = &report.meta;
    writeln!(
        w,
        "{}  {} format · {} {} · {} cells ({} read, {} inferred, {} corrected, {} missing) · {} errors, {} warnings",
        paint("1", &safe(&report.source.path)),
        meta.template.map_or("no", |t| t.id()),
        safe(meta.agency.as_deref().unwrap_or("agency ?")),
        meta.year.map_or("year ?".to_string(), |y| y.to_string()),
        report.cells.len(),
        count(Origin::Read),
        count(Origin::Inferred),
        count(Origin::Corrected),
        count(Origin::Missing),
        errors,
        warnings
    )?;
    for f in findings {
        if errors_only && f.severity != Severity::Error {
            continue;
        }
        let sev = match f.severity {
            Severity::Error => paint("31;1", "error  "),
            Severity::Warning => paint("33", "warning"),
        };
        let line = f.line.map(|l| format!(" (line {l})")).unwrap_or_default();
        writeln!(w, "  {sev} {:<18} {}{}", f.rule, safe(&f.message), line)?;
        if let Some(fix) = &f.fix {
            writeln!(
                w,
                "          {} set {} to {}",
                paint("32", "fix:"),
                fix.cell,
                fix.value
            )?;
        }
        if !f.candidates.is_empty() {
            for c in f.candidates.iter().take(5) {
                writeln!(w, "          candidate: {}", c.join(","))?;
            }
        }
    }
    writeln!(w)
}
