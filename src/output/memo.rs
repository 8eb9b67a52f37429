//! The memo to an agency: what review found in its report, in Chinese, as Markdown or
//! HTML. One memo per agency (its reports in year order), and for a folder a summary of
//! every report: defects by rule and how far review has come.
//!
//! A memo lists the report's defects (rule, the cells with their row and column labels,
//! the printed and the expected value, the line), the corrections made with their reasons,
//! and who reviewed it when. The words an agency reads are in [`words`].

use crate::model::{Finding, Report, Severity};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The words of a memo, zh-CN: the agency reads it.
pub mod words {
    pub const TITLE: &str = "政府信息公开工作年度报告审核意见";
    pub const REPORT: &str = "报告";
    pub const FILE: &str = "文件";
    pub const FORMAT: &str = "表格格式";
    pub const FORMAT_NONE: &str = "无全国统一格式表格";
    pub const REVIEWERS: &str = "审核人";
    pub const REVIEWED_AT: &str = "审核时间";
    pub const NOT_RECORDED: &str = "未记录";
    pub const DEFECTS: &str = "一、发现的问题";
    pub const CORRECTIONS: &str = "二、审核中的更正";
    pub const NONE: &str = "无。";
    pub const HEAD_DEFECTS: [&str; 7] =
        ["序号", "规则", "性质", "单元格", "报告值", "应为", "位置"];
    pub const HEAD_CORRECTIONS: [&str; 6] = ["单元格", "原值", "更正为", "理由", "审核人", "时间"];
    pub const ERROR: &str = "错误";
    pub const WARNING: &str = "提示";
    pub const LINE: &str = "第{n}行";
    pub const SUMMARY: &str = "审核汇总";
    pub const HEAD_SUMMARY: [&str; 6] = ["单位", "年度", "格式", "错误", "提示", "更正"];
    pub const BY_RULE: &str = "问题按规则";
    pub const HEAD_BY_RULE: [&str; 3] = ["规则", "报告数", "问题数"];
    pub const YEAR: &str = "{year}年度";
    pub const UNKNOWN_AGENCY: &str = "（单位未识别）";
    pub const WHOLE_ROW: &str = "整行";
}

/// A correction as the memo shows it.
#[derive(Debug, Clone)]
pub struct MemoCorrection {
    pub cell: String,
    pub old: Option<String>,
    pub new: Option<String>,
    pub reason: String,
    pub reviewer: String,
    pub time: String,
}

/// One report of a memo: the report (corrections applied), its findings and its trail.
pub struct MemoReport<'a> {
    pub report: &'a Report,
    pub findings: &'a [Finding],
    pub corrections: Vec<MemoCorrection>,
}

impl MemoReport<'_> {
    /// The findings the agency is told of: errors and warnings the report prints.
    fn defects(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter()
    }

    fn agency(&self) -> String {
        self.report
            .meta
            .agency
            .clone()
            .unwrap_or_else(|| words::UNKNOWN_AGENCY.to_string())
    }
}

/// The agencies of a set of reports, each with its reports in year order.
pub fn by_agency<'r, 'a>(reports: &'r [MemoReport<'a>]) -> Vec<(String, Vec<&'r MemoReport<'a>>)> {
    let mut m: BTreeMap<String, Vec<&MemoReport>> = BTreeMap::new();
    for r in reports {
        m.entry(r.agency()).or_default().push(r);
    }
    for v in m.values_mut() {
        v.sort_by_key(|r| r.report.meta.year);
    }
    m.into_iter().collect()
}

/// A finding's cells as the agency reads them: per row its label, then the columns
/// (all of a row's columns: the row alone).
fn cells_label(report: &Report, keys: &[String]) -> String {
    let mut rows: Vec<(String, Vec<&'static str>, usize)> = Vec::new();
    for key in keys {
        let Some(c) = report.cell(key) else {
            rows.push((key.clone(), Vec::new(), 0));
            continue;
        };
        let row = c.row_label.to_string();
        let width = report
            .cells
            .iter()
            .filter(|x| x.row == c.row && x.table == c.table)
            .count();
        match rows.iter_mut().find(|r| r.0 == row) {
            Some(r) => r.1.push(c.column.label),
            None => rows.push((row, vec![c.column.label], width)),
        }
    }
    let parts: Vec<String> = rows
        .into_iter()
        .map(|(row, cols, width)| match cols.len() {
            0 => row,
            n if n == width && n > 1 => format!("{row}（{}）", words::WHOLE_ROW),
            _ => format!("{row} · {}", cols.join("、")),
        })
        .collect();
    parts.join("；")
}

fn cell_label(report: &Report, key: &str) -> String {
    cells_label(report, std::slice::from_ref(&key.to_string()))
}

/// One table of a memo: its heads and rows of plain text.
struct Grid {
    heads: Vec<String>,
    rows: Vec<Vec<String>>,
}

fn defects_grid(r: &MemoReport) -> Grid {
    let rows = r
        .defects()
        .enumerate()
        .map(|(i, f)| {
            let cells = cells_label(r.report, &f.cells);
            let severity = match f.severity {
                Severity::Error => words::ERROR,
                Severity::Warning => words::WARNING,
            };
            let at = f.line.map_or(String::new(), |n| {
                words::LINE.replace("{n}", &n.to_string())
            });
            vec![
                (i + 1).to_string(),
                format!("{} {}", f.rule, f.message),
                severity.to_string(),
                cells,
                f.actual.clone().unwrap_or_default(),
                f.expected.clone().unwrap_or_default(),
                at,
            ]
        })
        .collect();
    Grid {
        heads: words::HEAD_DEFECTS.iter().map(|s| s.to_string()).collect(),
        rows,
    }
}

fn corrections_grid(r: &MemoReport) -> Grid {
    let v = |s: &Option<String>| s.clone().unwrap_or_else(|| "—".to_string());
    let rows = r
        .corrections
        .iter()
        .map(|c| {
            vec![
                cell_label(r.report, &c.cell),
                v(&c.old),
                v(&c.new),
                c.reason.clone(),
                c.reviewer.clone(),
                c.time.clone(),
            ]
        })
        .collect();
    Grid {
        heads: words::HEAD_CORRECTIONS
            .iter()
            .map(|s| s.to_string())
            .collect(),
        rows,
    }
}

/// Who reviewed a report and when, from its trail.
fn reviewed(r: &MemoReport) -> (String, String) {
    let mut who: Vec<&str> = r.corrections.iter().map(|c| c.reviewer.as_str()).collect();
    who.dedup();
    let when = r.corrections.iter().map(|c| c.time.as_str()).max();
    match (who.is_empty(), when) {
        (false, Some(t)) => (who.join("、"), t.to_string()),
        _ => (words::NOT_RECORDED.into(), words::NOT_RECORDED.into()),
    }
}

/// The facts at the head of a report's part: file, format, reviewers, time.
fn facts(r: &MemoReport) -> Vec<(&'static str, String)> {
    let (who, when) = reviewed(r);
    let format = r
        .report
        .format()
        .map_or(words::FORMAT_NONE.to_string(), |f| {
            format!("{}（{}）", f.template.id(), f.name)
        });
    vec![
        (words::FILE, r.report.source.path.clone()),
        (words::FORMAT, format),
        (words::REVIEWERS, who),
        (words::REVIEWED_AT, when),
    ]
}

fn report_title(r: &MemoReport) -> String {
    match r.report.meta.year {
        Some(y) => format!(
            "{}{}",
            words::YEAR.replace("{year}", &y.to_string()),
            words::REPORT
        ),
        None => words::REPORT.to_string(),
    }
}

/// Markdown cells cannot hold `|` or line breaks.
fn md_cell(s: &str) -> String {
    s.replace('|', "｜").replace(['\n', '\r'], " ")
}

fn md_grid(out: &mut String, g: &Grid) {
    if g.rows.is_empty() {
        out.push_str(words::NONE);
        out.push_str("\n\n");
        return;
    }
    let _ = writeln!(out, "| {} |", g.heads.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(g.heads.len()));
    for row in &g.rows {
        let cells: Vec<String> = row.iter().map(|c| md_cell(c)).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out.push('\n');
}

/// An agency's memo in Markdown.
pub fn markdown(agency: &str, reports: &[&MemoReport]) -> String {
    let mut out = format!("# {agency}{}\n\n", words::TITLE);
    for r in reports {
        let _ = writeln!(out, "## {}\n", report_title(r));
        for (k, v) in facts(r) {
            let _ = writeln!(out, "- {k}：{}", md_cell(&v));
        }
        let _ = writeln!(out, "\n### {}\n", words::DEFECTS);
        md_grid(&mut out, &defects_grid(r));
        let _ = writeln!(out, "### {}\n", words::CORRECTIONS);
        md_grid(&mut out, &corrections_grid(r));
    }
    out
}

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            c if c.is_control() && c != '\n' => o.push('\u{FFFD}'),
            c => o.push(c),
        }
    }
    o
}

fn html_grid(out: &mut String, g: &Grid) {
    if g.rows.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", words::NONE);
        return;
    }
    out.push_str("<table>\n<thead><tr>");
    for h in &g.heads {
        let _ = write!(out, "<th>{}</th>", esc(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &g.rows {
        out.push_str("<tr>");
        for c in row {
            let _ = write!(out, "<td>{}</td>", esc(c));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

const HTML_STYLE: &str = "body{font-family:\"SimSun\",\"Songti SC\",serif;max-width:60em;margin:2em auto}table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #444;padding:.2em .5em;vertical-align:top}th{background:#eee}";

/// An agency's memo as one HTML page (no script, no outside resource).
pub fn html(agency: &str, reports: &[&MemoReport]) -> String {
    let title = esc(&format!("{agency}{}", words::TITLE));
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head><meta charset=\"utf-8\"><title>{title}</title><style>{HTML_STYLE}</style></head>\n<body>\n<h1>{title}</h1>\n"
    );
    for r in reports {
        let _ = writeln!(out, "<h2>{}</h2>\n<ul>", esc(&report_title(r)));
        for (k, v) in facts(r) {
            let _ = writeln!(out, "<li>{k}：{}</li>", esc(&v));
        }
        let _ = writeln!(out, "</ul>\n<h3>{}</h3>", words::DEFECTS);
        html_grid(&mut out, &defects_grid(r));
        let _ = writeln!(out, "<h3>{}</h3>", words::CORRECTIONS);
        html_grid(&mut out, &corrections_grid(r));
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// The summary of a folder: one row per report, then the defects by rule.
fn summary_grids(reports: &[MemoReport]) -> (Grid, Grid) {
    let mut rows = Vec::new();
    let mut by_rule: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for r in reports {
        let count = |s: Severity| r.findings.iter().filter(|f| f.severity == s).count();
        rows.push(vec![
            r.agency(),
            r.report.meta.year.map_or(String::new(), |y| y.to_string()),
            r.report
                .meta
                .template
                .map_or("—".into(), |t| t.id().to_string()),
            count(Severity::Error).to_string(),
            count(Severity::Warning).to_string(),
            r.corrections.len().to_string(),
        ]);
        let mut seen: Vec<&str> = Vec::new();
        for f in r.defects() {
            let e = by_rule.entry(f.rule).or_default();
            e.1 += 1;
            if !seen.contains(&f.rule) {
                seen.push(f.rule);
                e.0 += 1;
            }
        }
    }
    let heads = |h: &[&str]| h.iter().map(|s| s.to_string()).collect();
    let rules = by_rule
        .into_iter()
        .map(|(rule, (n, m))| vec![rule.to_string(), n.to_string(), m.to_string()])
        .collect();
    (
        Grid {
            heads: heads(&words::HEAD_SUMMARY),
            rows,
        },
        Grid {
            heads: heads(&words::HEAD_BY_RULE),
            rows: rules,
        },
    )
}

/// The folder's summary in Markdown.
pub fn summary_markdown(reports: &[MemoReport]) -> String {
    let (all, rules) = summary_grids(reports);
    let mut out = format!("# {}\n\n", words::SUMMARY);
    md_grid(&mut out, &all);
    let _ = writeln!(out, "## {}\n", words::BY_RULE);
    md_grid(&mut out, &rules);
    out
}

/// The folder's summary as an HTML page.
pub fn summary_html(reports: &[MemoReport]) -> String {
    let (all, rules) = summary_grids(reports);
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head><meta charset=\"utf-8\"><title>{s}</title><style>{HTML_STYLE}</style></head>\n<body>\n<h1>{s}</h1>\n",
        s = words::SUMMARY
    );
    html_grid(&mut out, &all);
    let _ = writeln!(out, "<h2>{}</h2>", words::BY_RULE);
    html_grid(&mut out, &rules);
    out.push_str("</body>\n</html>\n");
    out
}

/// A file name for an agency's memo: its name with what a file system refuses replaced.
pub fn file_name(agency: &str, ext: &str) -> String {
    let safe: String = agency
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    format!("{}.{ext}", safe.trim_start_matches('.'))
}
