//! The output of `check`: a readable block per report, CSV with one row per finding,
//! one JSON object per line, or one JSON array. Reports that could not be read are
//! named on the error stream.

use crate::check::batch::{Outcome, Summary};
use crate::check::dispose;
use crate::model::{Disposition, Finding, Origin, Report, Severity};
use crate::output::export::to_json;
use crate::output::terminal::{csv_field, json_safe, paint, safe};
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

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
        DISMISSED_AFTER = ", {count} dismissed" / "，{count} 项已排除",
        CONFIRMED = "confirmed by {reviewer} ({time})" / "由 {reviewer} 确认为问题（{time}）",
        CONFIRMED_WHY = "confirmed by {reviewer} ({time}): {reason}"
            / "由 {reviewer} 确认为问题（{time}）：{reason}",
        DISMISSED = "dismissed by {reviewer} ({time}): {reason}"
            / "由 {reviewer} 排除（{time}）：{reason}",
        REVIEWED = "review: reviewed by {reviewer} ({time})" / "审核：{reviewer} 已审核（{time}）",
        SIGNED_OFF = "review: reviewed by {reviewer} ({time}), signed off by {second} ({at})"
            / "审核：{reviewer} 已审核（{time}），{second} 已复核签发（{at}）",
        HEADING = "{path}  {format} · {agency} {year} · {cells} cells ({read} read, {inferred} inferred, {corrected} corrected, {missing} missing) · {errors} errors, {warnings} warnings"
            / "{path}  {format} · {agency} {year} · {cells} 个单元格（读取 {read}，推算 {inferred}，更正 {corrected}，缺失 {missing}） · {errors} 个错误，{warnings} 个提示",
        FORMAT = "{id} format" / "{id} 格式",
        NO_FORMAT = "no format" / "格式不明",
        AGENCY_UNKNOWN = "agency ?" / "机关 ?",
        YEAR_UNKNOWN = "year ?" / "年度 ?",
        CORRECTIONS = "corrections: {corrected} cells corrected by {entries} trail entries, {journal} of them from the journal (not yet written)"
            / "更正：{entries} 条记录更正了 {corrected} 个单元格，其中 {journal} 条来自日志（尚未写入）",
        ERROR = "error" / "错误",
        WARNING = "warning" / "提示",
        LINE = " (line {n})" / "（第 {n} 行）",
        FIX = "fix: set {cell} to {value}" / "更正：把 {cell} 改为 {value}",
        CANDIDATE = "candidate: {c}" / "候选读法：{c}",
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
    let (errors, warnings, dismissed) = dispose::tally(findings);
    let meta = &report.meta;
    let format = match meta.template {
        Some(t) => says::FORMAT.fill(&[("id", &t.id())]),
        None => says::NO_FORMAT.get().to_string(),
    };
    let agency = safe(meta.agency.as_deref().unwrap_or(says::AGENCY_UNKNOWN.get()));
    let year = meta
        .year
        .map_or(says::YEAR_UNKNOWN.get().to_string(), |y| y.to_string());
    let path = paint(colour, "1", &safe(&report.source.path));
    let args: [(&str, &dyn std::fmt::Display); 11] = [
        ("path", &path),
        ("format", &format),
        ("agency", &agency),
        ("year", &year),
        ("cells", &report.cells.len()),
        ("read", &count(Origin::Read)),
        ("inferred", &count(Origin::Inferred)),
        ("corrected", &count(Origin::Corrected)),
        ("missing", &count(Origin::Missing)),
        ("errors", &errors),
        ("warnings", &warnings),
    ];
    write!(w, "{}", says::HEADING.fill(&args))?;
    if dismissed > 0 {
        write!(
            w,
            "{}",
            says::DISMISSED_AFTER.fill(&[("count", &dismissed)])
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
    let args: [(&str, &dyn std::fmt::Display); 3] = [
        ("corrected", &c.corrected),
        ("entries", &c.entries),
        ("journal", &c.from_journal),
    ];
    writeln!(w, "  {}", says::CORRECTIONS.fill(&args))
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
    let word = match f.severity {
        Severity::Error => says::ERROR,
        Severity::Warning => says::WARNING,
    };
    // padded to 7 columns by display width: 提示 is two characters, four columns
    let word = format!(
        "{}{}",
        word,
        " ".repeat(7usize.saturating_sub(word.get().width()))
    );
    let sev = match (f.severity, dispose::dismissed(f)) {
        (Severity::Error, false) => paint(colour, "31;1", &word),
        (Severity::Warning, false) => paint(colour, "33", &word),
        (_, true) => paint(colour, "2", &word),
    };
    let line = f
        .line
        .map(|n| says::LINE.fill(&[("n", &n)]))
        .unwrap_or_default();
    writeln!(w, "  {sev} {:<18} {}{}", f.rule, safe(&f.message), line)?;
    if let Some(fix) = &f.fix {
        let set = says::FIX.fill(&[("cell", &safe(&fix.cell)), ("value", &safe(&fix.value))]);
        writeln!(w, "          {}", paint(colour, "32", &set))?;
    }
    if let Some(d) = disposition_line(f) {
        writeln!(w, "          {}", safe(&d))?;
    }
    for c in f.candidates.iter().take(5) {
        let c = safe(&c.join(","));
        writeln!(w, "          {}", says::CANDIDATE.fill(&[("c", &c)]))?;
    }
    Ok(())
}
