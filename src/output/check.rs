//! The output of `check`: a readable block per report, CSV with one row per finding,
//! one JSON object per line, or one JSON array. Reports that could not be read are
//! named on the error stream.

use crate::check::batch::{Outcome, Summary};
use crate::check::dispose;
use crate::model::{Disposition, Finding, Origin, Report, Severity};
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

/// The words of a reviewer's marks in the readable output.
pub mod says {
    crate::messages! {
        DISMISSED_COUNT = "{count} dismissed" / "{count} 项已排除",
        CONFIRMED = "confirmed by {reviewer} ({time})" / "由 {reviewer} 确认为问题（{time}）",
        CONFIRMED_WHY = "confirmed by {reviewer} ({time}): {reason}"
            / "由 {reviewer} 确认为问题（{time}）：{reason}",
        DISMISSED = "dismissed by {reviewer} ({time}): {reason}"
            / "由 {reviewer} 排除（{time}）：{reason}",
        REVIEWED = "review: reviewed by {reviewer} ({time})" / "审核：{reviewer} 已审核（{time}）",
        SIGNED_OFF = "review: reviewed by {reviewer} ({time}), signed off by {second} ({at})"
            / "审核：{reviewer} 已审核（{time}），{second} 已复核签发（{at}）",
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn both_languages_have_the_same_placeholders() {
            crate::lang::assert_catalogue(super::ALL);
        }
    }
}

const CSV_HEADER: &str =
    "path,rule,severity,cells,message,expected,actual,fix_cell,fix_value,line,disposition,disposition_reason";

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
            f.disposed
                .as_ref()
                .map(|d| d.disposition.name().to_string())
                .unwrap_or_default(),
            f.disposed
                .as_ref()
                .map(|d| d.reason.clone())
                .unwrap_or_default(),
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
    let errors = findings.iter().filter(|f| dispose::counts(f)).count();
    let dismissed = findings.iter().filter(|f| dispose::dismissed(f)).count();
    let warnings = findings.len() - errors - dismissed;
    let meta = &report.meta;
    write!(
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
    )?;
    if dismissed > 0 {
        write!(
            w,
            ", {}",
            says::DISMISSED_COUNT.fill(&[("count", &dismissed)])
        )?;
    }
    writeln!(w)
}

/// Where the corrections applied came from, when the trail has entries: how many
/// are in the journal, made but not yet written to the corrections file.
fn write_corrections(w: &mut impl Write, report: &Report) -> io::Result<()> {
    write_review(w, report)?;
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

/// Who reviewed the report and who signed it off, when the trail says so.
fn write_review(w: &mut impl Write, report: &Report) -> io::Result<()> {
    let r = &report.marks.review;
    let Some(first) = &r.reviewed else {
        return Ok(());
    };
    let line = match &r.signed_off {
        Some(second) => says::SIGNED_OFF.fill(&[
            ("reviewer", &first.reviewer),
            ("time", &first.time),
            ("second", &second.reviewer),
            ("at", &second.time),
        ]),
        None => says::REVIEWED.fill(&[("reviewer", &first.reviewer), ("time", &first.time)]),
    };
    writeln!(w, "  {}", safe(&line))
}

/// A reviewer's word on a finding, as the line under it (`✓` confirmed, `×` dismissed).
fn disposition_line(f: &Finding) -> Option<String> {
    let d = f.disposed.as_ref()?;
    let args: [(&str, &dyn std::fmt::Display); 3] = [
        ("reviewer", &d.reviewer),
        ("time", &d.time),
        ("reason", &d.reason),
    ];
    Some(match d.disposition {
        Disposition::Confirmed if d.reason.is_empty() => {
            format!("✓ {}", says::CONFIRMED.fill(&args))
        }
        Disposition::Confirmed => format!("✓ {}", says::CONFIRMED_WHY.fill(&args)),
        Disposition::Dismissed => format!("× {}", says::DISMISSED.fill(&args)),
    })
}

fn write_finding(w: &mut impl Write, f: &Finding, colour: bool) -> io::Result<()> {
    let sev = match (f.severity, dispose::dismissed(f)) {
        (Severity::Error, false) => paint(colour, "31;1", "error  "),
        (Severity::Warning, false) => paint(colour, "33", "warning"),
        (s, true) => paint(colour, "2", &format!("{:<7}", s.name())),
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
    if let Some(d) = disposition_line(f) {
        writeln!(w, "          {}", safe(&d))?;
    }
    for c in f.candidates.iter().take(5) {
        writeln!(w, "          candidate: {}", safe(&c.join(",")))?;
    }
    Ok(())
}
