//! The output of `check`: a readable block per report, CSV with one row per finding,
//! one JSON object per line, or one JSON array. Reports that could not be read are
//! named on the error stream.

use crate::check::batch::{Outcome, Summary};
use crate::model::{Finding, Origin, Report, Severity};
use crate::output::export::to_json;
use crate::output::terminal::{csv_field, json_safe, paint, safe};
use std::io::{self, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    Text,
    Json,
    Jsonl,
    Csv,
}

/// How `check` writes its results.
#[derive(Debug, Clone, Copy)]
pub struct CheckOutput {
    pub format: CheckFormat,
    pub colour: bool,
    /// Show only errors (the counts still include warnings).
    pub errors_only: bool,
}

const CSV_HEADER: &str = "path,rule,severity,cells,message,expected,actual,fix_cell,fix_value,line";

/// Writes every outcome to `out`, and why each unreadable one could not be read to `err`.
/// Several reports end with how much was read ([`Summary`]): a line on `err` for text,
/// a last `{"summary": {…}}` record for JSON lines.
pub fn write_check(
    out: &mut impl Write,
    err: &mut impl Write,
    outcomes: &[Outcome],
    opts: CheckOutput,
) -> io::Result<()> {
    if opts.format == CheckFormat::Csv {
        writeln!(out, "{CSV_HEADER}")?;
    }
    let mut json_all = Vec::new();
    for o in outcomes {
        match o {
            Outcome::Unreadable(e) => {
                writeln!(err, "nianbao: {}", safe(&e.to_string()))?;
            }
            Outcome::Checked { report, findings } => match opts.format {
                CheckFormat::Text => write_block(out, report, findings, opts)?,
                CheckFormat::Json => json_all.push(to_json(report, findings)),
                CheckFormat::Jsonl => {
                    let line = serde_json::to_string(&to_json(report, findings))?;
                    writeln!(out, "{}", json_safe(line))?;
                }
                CheckFormat::Csv => write_csv_rows(out, report, findings, opts.errors_only)?,
            },
        }
    }
    if opts.format == CheckFormat::Json {
        writeln!(
            out,
            "{}",
            json_safe(serde_json::to_string_pretty(&json_all)?)
        )?;
    }
    if outcomes.len() > 1 {
        let summary = Summary::of(outcomes);
        match opts.format {
            CheckFormat::Text => writeln!(err, "nianbao: {summary}")?,
            CheckFormat::Jsonl => {
                let line = serde_json::json!({ "summary": summary });
                writeln!(out, "{line}")?;
            }
            CheckFormat::Json | CheckFormat::Csv => {}
        }
    }
    Ok(())
}

fn write_csv_rows(
    out: &mut impl Write,
    report: &Report,
    findings: &[Finding],
    errors_only: bool,
) -> io::Result<()> {
    for f in findings {
        if errors_only && f.severity != Severity::Error {
            continue;
        }
        let fields = [
            report.source.path.clone(),
            f.rule.to_string(),
            f.severity.name().to_string(),
            f.cells.join(" "),
            f.message.clone(),
            f.expected.clone().unwrap_or_default(),
            f.actual.clone().unwrap_or_default(),
            f.fix.as_ref().map(|x| x.cell.clone()).unwrap_or_default(),
            f.fix.as_ref().map(|x| x.value.clone()).unwrap_or_default(),
            f.line.map(|l| l.to_string()).unwrap_or_default(),
        ];
        let row: Vec<String> = fields.iter().map(|s| csv_field(s)).collect();
        writeln!(out, "{}", row.join(","))?;
    }
    Ok(())
}

/// One report's readable block: a heading line with its counts, then its findings.
pub fn write_block(
    w: &mut impl Write,
    report: &Report,
    findings: &[Finding],
    opts: CheckOutput,
) -> io::Result<()> {
    write_heading(w, report, findings, opts.colour)?;
    write_corrections(w, report)?;
    for f in findings {
        if opts.errors_only && f.severity != Severity::Error {
            continue;
        }
        write_finding(w, f, opts.colour)?;
    }
    writeln!(w)
}

fn write_heading(
    w: &mut impl Write,
    report: &Report,
    findings: &[Finding],
    colour: bool,
) -> io::Result<()> {
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
        paint(colour, "1", &safe(&report.source.path)),
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
    )
}

/// Where the corrections applied came from, when the trail has entries: how many
/// are in the journal, made but not yet written to the corrections file.
fn write_corrections(w: &mut impl Write, report: &Report) -> io::Result<()> {
    let c = report.corrections;
    if c.entries == 0 {
        return Ok(());
    }
    writeln!(
        w,
        "  corrections: {} cells corrected by {} trail entries, {} of them from the journal (not yet written)",
        c.corrected, c.entries, c.from_journal
    )
}

fn write_finding(w: &mut impl Write, f: &Finding, colour: bool) -> io::Result<()> {
    let sev = match f.severity {
        Severity::Error => paint(colour, "31;1", "error  "),
        Severity::Warning => paint(colour, "33", "warning"),
    };
    let line = f.line.map(|l| format!(" (line {l})")).unwrap_or_default();
    writeln!(w, "  {sev} {:<18} {}{}", f.rule, safe(&f.message), line)?;
    if let Some(fix) = &f.fix {
        writeln!(
            w,
            "          {} set {} to {}",
            paint(colour, "32", "fix:"),
            safe(&fix.cell),
            safe(&fix.value)
        )?;
    }
    for c in f.candidates.iter().take(5) {
        writeln!(w, "          candidate: {}", safe(&c.join(",")))?;
    }
    Ok(())
}
