//! The memo to an agency: what review found in its report, in Chinese, as Markdown,
//! HTML ([`page`]) or an Excel workbook ([`book`]). One memo per agency (its reports in
//! year order), and for a folder a summary of every report: defects by rule and how far
//! review has come.
//!
//! A memo lists the defects the reviewer confirmed (rule, the cells with their row and
//! column labels, the printed and the expected value, where: the page of a PDF, the line
//! of a text), the findings not yet confirmed or dismissed, the corrections made with
//! their reasons, the dismissed findings with their reasons (an annex), and who reviewed
//! and signed off the report, when. Its words are in [`words`].

pub mod book;
pub mod page;

use crate::model::marks::{Review, ReviewState};
use crate::model::{Disposition, Finding, Origin, Report, Severity};
use crate::record::corrections::{Entry, Kind};
use crate::record::review;
use std::collections::BTreeMap;

/// The words of a memo (it is written in Chinese: the agency reads it; the English is
/// for the catalogue's other readers).
pub mod words {
    crate::messages! {
        TITLE = "review of the annual report on government information disclosure"
            / "政府信息公开工作年度报告审核意见",
        REPORT = "report" / "报告",
        FILE = "file" / "文件",
        FORMAT = "table format" / "表格格式",
        FORMAT_NONE = "no national-format tables" / "无全国统一格式表格",
        STATE = "review state" / "审核状态",
        REVIEWER = "reviewed by" / "审核人",
        REVIEWED_AT = "reviewed at" / "审核时间",
        SIGNER = "signed off by" / "复核人",
        SIGNED_AT = "signed off at" / "复核时间",
        NOT_RECORDED = "not recorded" / "未记录",
        CONFIRMED = "1. Defects found" / "一、发现的问题",
        PENDING = "2. Findings not yet confirmed" / "二、待确认的问题",
        PENDING_NOTE = "The reviewer has not yet confirmed or dismissed these findings."
            / "以下问题由程序检出，审核人尚未确认或排除。",
        CORRECTIONS = "3. Corrections made in review" / "三、审核中的更正",
        DISMISSED = "Annex: findings dismissed, with the reasons"
            / "附件：已排除的问题及理由",
        NONE = "None." / "无。",
        NO = "no." / "序号",
        YEAR_HEAD = "year" / "年度",
        RULE = "rule" / "规则",
        SEVERITY = "severity" / "性质",
        CELLS = "cells" / "单元格",
        PRINTED = "printed" / "报告值",
        EXPECTED = "expected" / "应为",
        WHERE = "where" / "位置",
        WHAT = "what is wrong" / "问题说明",
        OLD = "was" / "原值",
        NEW = "corrected to" / "更正为",
        REASON = "reason" / "理由",
        BY = "by" / "审核人",
        TIME = "time" / "时间",
        ERROR = "error" / "错误",
        WARNING = "warning" / "提示",
        LINE = "line {n}" / "第{n}行",
        PAGE = "page {n}" / "第{n}页",
        SUMMARY = "review summary" / "审核汇总",
        AGENCY = "agency" / "单位",
        ERRORS = "errors" / "错误",
        WARNINGS = "warnings" / "提示",
        CONFIRMED_COUNT = "confirmed" / "确认",
        DISMISSED_COUNT = "dismissed" / "排除",
        CORRECTED_COUNT = "corrected" / "更正",
        BY_RULE = "defects by rule" / "问题按规则",
        REPORTS = "reports" / "报告数",
        DEFECTS = "defects" / "问题数",
        YEAR = "{year}" / "{year}年度",
        UNKNOWN_AGENCY = "(agency not found)" / "（单位未识别）",
        WHOLE_ROW = "whole row" / "整行",
        STATE_NEW = "not reviewed" / "未审核",
        STATE_IN_PROGRESS = "in review" / "审核中",
        STATE_REVIEWED = "reviewed" / "已审核",
        STATE_SIGNED_OFF = "signed off" / "已复核",
        SHEET_DEFECTS = "defects" / "问题",
        SHEET_PENDING = "not yet confirmed" / "待确认",
        SHEET_CORRECTIONS = "corrections" / "更正",
        SHEET_DISMISSED = "dismissed" / "已排除",
        SHEET_REPORTS = "reports" / "报告",
        STATUS = "status" / "状态",
    }

    #[cfg(test)]
    #[test]
    fn both_languages_have_the_same_placeholders() {
        crate::lang::assert_catalogue(ALL);
    }
}

/// A correction as the memo shows it: a cell from the value the text gives to the
/// value it has now, with the last entry's reason, reviewer and time.
#[derive(Debug, Clone, PartialEq)]
pub struct MemoCorrection {
    pub cell: String,
    pub old: Option<String>,
    pub new: Option<String>,
    pub reason: String,
    pub reviewer: String,
    pub time: String,
}

/// One report of a memo: the report (corrections applied), its findings (dispositions
/// applied), the corrections it lists and its review state.
pub struct MemoReport<'a> {
    pub report: &'a Report,
    pub findings: &'a [Finding],
    pub corrections: Vec<MemoCorrection>,
    pub review: Review,
}

impl<'a> MemoReport<'a> {
    /// A report's memo part from its trail (empty for the report as published).
    pub fn new(report: &'a Report, findings: &'a [Finding], trail: &[Entry]) -> MemoReport<'a> {
        MemoReport {
            report,
            findings,
            corrections: corrections(report, trail),
            review: review::review(trail),
        }
    }

    fn with(&self, d: Option<Disposition>) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(move |f| f.disposed.as_ref().map(|x| x.disposition) == d)
    }

    /// The defects the reviewer confirmed: what the agency must answer.
    pub fn confirmed(&self) -> impl Iterator<Item = &Finding> {
        self.with(Some(Disposition::Confirmed))
    }

    /// The findings neither confirmed nor dismissed yet.
    pub fn pending(&self) -> impl Iterator<Item = &Finding> {
        self.with(None)
    }

    pub fn dismissed(&self) -> impl Iterator<Item = &Finding> {
        self.with(Some(Disposition::Dismissed))
    }

    fn agency(&self) -> String {
        self.report
            .meta
            .agency
            .clone()
            .unwrap_or_else(|| words::UNKNOWN_AGENCY.get().to_string())
    }

    fn year(&self) -> String {
        self.report
            .meta
            .year
            .map_or(String::new(), |y| y.to_string())
    }
}

/// The corrections a memo lists: each corrected cell once, from the value the text
/// gives to the value it has now, with the last entry's reason, reviewer and time.
fn corrections(report: &Report, trail: &[Entry]) -> Vec<MemoCorrection> {
    fn of_cell<'t>(trail: &'t [Entry], key: &'t str) -> impl Iterator<Item = &'t Entry> {
        trail
            .iter()
            .filter(move |e| e.kind == Kind::Correction && e.cell == key)
    }
    report
        .cells
        .iter()
        .filter(|c| c.origin == Origin::Corrected)
        .filter_map(|c| {
            let first = of_cell(trail, &c.key).next()?;
            let last = of_cell(trail, &c.key).last()?;
            Some(MemoCorrection {
                cell: c.key.to_string(),
                old: first.old.clone(),
                new: c.value.map(|v| v.to_string()),
                reason: last.reason.clone(),
                reviewer: last.reviewer.clone(),
                time: last.time.clone(),
            })
        })
        .collect()
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

/// Where in the report a finding is: the page of a PDF (with the line of nianbao's
/// text), the line of any other report; the finding's line, else its first cell's.
fn place(report: &Report, f: &Finding) -> String {
    let line = f
        .line
        .or_else(|| f.cells.iter().find_map(|k| report.cell(k)?.line));
    let Some(n) = line else {
        return String::new();
    };
    let at_line = words::LINE.fill(&[("n", &n)]);
    match report.source.page_of_line(n) {
        Some(p) => format!("{}（{at_line}）", words::PAGE.fill(&[("n", &p)])),
        None => at_line,
    }
}

fn severity(f: &Finding) -> &'static str {
    match f.severity {
        Severity::Error => words::ERROR.get(),
        Severity::Warning => words::WARNING.get(),
    }
}

/// One table of a memo: its heads and rows of text. A column in `numeric` holds numbers
/// (a workbook stores them as numbers).
pub struct Grid {
    pub heads: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
    pub numeric: Vec<usize>,
}

fn heads(ws: &[crate::lang::Msg]) -> Vec<&'static str> {
    ws.iter().map(|m| m.get()).collect()
}

impl Grid {
    /// The grid of `heads` over `rows` (each with its report's year), `numeric` counting
    /// without the year; `year` puts the year first, a number (a workbook lists every
    /// report of an agency on one sheet).
    fn new(
        heads: &[crate::lang::Msg],
        rows: Vec<(String, Vec<String>)>,
        numeric: &[usize],
        year: bool,
    ) -> Grid {
        let mut heads = self::heads(heads);
        let mut numeric = numeric.to_vec();
        if year {
            heads.insert(0, words::YEAR_HEAD.get());
            numeric = std::iter::once(0)
                .chain(numeric.iter().map(|c| c + 1))
                .collect();
        }
        let rows = rows
            .into_iter()
            .map(|(y, mut row)| {
                if year {
                    row.insert(0, y);
                }
                row
            })
            .collect();
        Grid {
            heads,
            rows,
            numeric,
        }
    }
}

/// Findings as the memo lists them (confirmed or pending): number, rule, severity,
/// cells, printed, expected, where, what is wrong. `year` adds the report's year first
/// (a workbook lists every report of an agency on one sheet).
fn findings_grid(rs: &[(&MemoReport, Vec<&Finding>)], year: bool) -> Grid {
    use words::*;
    let mut rows = Vec::new();
    for (r, fs) in rs {
        for (i, f) in fs.iter().enumerate() {
            let row = vec![
                (i + 1).to_string(),
                f.rule.to_string(),
                severity(f).to_string(),
                cells_label(r.report, &f.cells),
                f.actual.clone().unwrap_or_default(),
                f.expected.clone().unwrap_or_default(),
                place(r.report, f),
                f.message.clone(),
            ];
            rows.push((r.year(), row));
        }
    }
    let heads = [NO, RULE, SEVERITY, CELLS, PRINTED, EXPECTED, WHERE, WHAT];
    Grid::new(&heads, rows, &[0, 4, 5], year)
}

/// The corrections: cell, was, corrected to, reason, by, time (the year first, `year`).
fn corrections_grid(rs: &[&MemoReport], year: bool) -> Grid {
    use words::*;
    let v = |s: &Option<String>| s.clone().unwrap_or_else(|| "—".to_string());
    let mut rows = Vec::new();
    for r in rs {
        for c in &r.corrections {
            let row = vec![
                cell_label(r.report, &c.cell),
                v(&c.old),
                v(&c.new),
                c.reason.clone(),
                c.reviewer.clone(),
                c.time.clone(),
            ];
            rows.push((r.year(), row));
        }
    }
    Grid::new(&[CELLS, OLD, NEW, REASON, BY, TIME], rows, &[1, 2], year)
}

/// The dismissed findings: rule, cells, what was found, why dismissed, by, time.
fn dismissed_grid(rs: &[&MemoReport], year: bool) -> Grid {
    use words::*;
    let mut rows = Vec::new();
    for r in rs {
        for f in r.dismissed() {
            let d = f.disposed.as_ref();
            let row = vec![
                f.rule.to_string(),
                cells_label(r.report, &f.cells),
                f.message.clone(),
                d.map_or(String::new(), |d| d.reason.clone()),
                d.map_or(String::new(), |d| d.reviewer.clone()),
                d.map_or(String::new(), |d| d.time.clone()),
            ];
            rows.push((r.year(), row));
        }
    }
    Grid::new(&[RULE, CELLS, WHAT, REASON, BY, TIME], rows, &[], year)
}

pub fn state_word(s: ReviewState) -> &'static str {
    match s {
        ReviewState::New => words::STATE_NEW.get(),
        ReviewState::InProgress => words::STATE_IN_PROGRESS.get(),
        ReviewState::Reviewed => words::STATE_REVIEWED.get(),
        ReviewState::SignedOff => words::STATE_SIGNED_OFF.get(),
    }
}

/// The facts at the head of a report's part: file, format, review state, who reviewed
/// it and signed it off, when. Without a review mark, the reviewers of its trail.
fn facts(r: &MemoReport) -> Vec<(&'static str, String)> {
    let format = r
        .report
        .format()
        .map_or(words::FORMAT_NONE.get().to_string(), |f| {
            format!("{}（{}）", f.template.id(), f.name)
        });
    let not = || words::NOT_RECORDED.get().to_string();
    let (who, when) = match &r.review.reviewed {
        Some(m) => (m.reviewer.clone(), m.time.clone()),
        None => {
            let mut who: Vec<&str> = r.corrections.iter().map(|c| c.reviewer.as_str()).collect();
            who.sort_unstable();
            who.dedup();
            let when = r.corrections.iter().map(|c| c.time.clone()).max();
            match who.is_empty() {
                true => (not(), not()),
                false => (who.join("、"), when.unwrap_or_else(not)),
            }
        }
    };
    let mut out = vec![
        (words::FILE.get(), r.report.source.path.clone()),
        (words::FORMAT.get(), format),
        (words::STATE.get(), state_word(r.review.state).to_string()),
        (words::REVIEWER.get(), who),
        (words::REVIEWED_AT.get(), when),
    ];
    if let Some(m) = &r.review.signed_off {
        out.push((words::SIGNER.get(), m.reviewer.clone()));
        out.push((words::SIGNED_AT.get(), m.time.clone()));
    }
    out
}

fn report_title(r: &MemoReport) -> String {
    match r.report.meta.year {
        Some(y) => format!("{}{}", words::YEAR.fill(&[("year", &y)]), words::REPORT),
        None => words::REPORT.get().to_string(),
    }
}

/// A report's sections in order: (heading, note under it, grid), the annex last.
fn sections(r: &MemoReport) -> Vec<(&'static str, Option<&'static str>, Grid)> {
    let one = |fs: Vec<&Finding>| findings_grid(&[(r, fs)], false);
    let mut out = vec![(words::CONFIRMED.get(), None, one(r.confirmed().collect()))];
    let pending: Vec<&Finding> = r.pending().collect();
    if !pending.is_empty() {
        out.push((
            words::PENDING.get(),
            Some(words::PENDING_NOTE.get()),
            one(pending),
        ));
    }
    out.push((
        words::CORRECTIONS.get(),
        None,
        corrections_grid(&[r], false),
    ));
    if r.dismissed().next().is_some() {
        out.push((words::DISMISSED.get(), None, dismissed_grid(&[r], false)));
    }
    out
}

/// The summary of a folder: one row per report, then the defects (confirmed, else
/// not yet disposed of) by rule.
fn summary_grids(reports: &[MemoReport]) -> (Grid, Grid) {
    use words::*;
    let mut rows = Vec::new();
    let mut by_rule: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for r in reports {
        let live = |s: Severity| {
            r.confirmed()
                .chain(r.pending())
                .filter(move |f| f.severity == s)
        };
        rows.push(vec![
            r.agency(),
            r.year(),
            r.report
                .meta
                .template
                .map_or("—".into(), |t| t.id().to_string()),
            state_word(r.review.state).to_string(),
            live(Severity::Error).count().to_string(),
            live(Severity::Warning).count().to_string(),
            r.confirmed().count().to_string(),
            r.dismissed().count().to_string(),
            r.corrections.len().to_string(),
        ]);
        let mut seen: Vec<&str> = Vec::new();
        for f in r.confirmed().chain(r.pending()) {
            let e = by_rule.entry(f.rule).or_default();
            e.1 += 1;
            if !seen.contains(&f.rule) {
                seen.push(f.rule);
                e.0 += 1;
            }
        }
    }
    let rules = by_rule
        .into_iter()
        .map(|(rule, (n, m))| vec![rule.to_string(), n.to_string(), m.to_string()])
        .collect();
    let all = [
        AGENCY,
        YEAR_HEAD,
        FORMAT,
        STATE,
        ERRORS,
        WARNINGS,
        CONFIRMED_COUNT,
        DISMISSED_COUNT,
        CORRECTED_COUNT,
    ];
    let reports = Grid {
        heads: heads(&all),
        rows,
        numeric: vec![1, 4, 5, 6, 7, 8],
    };
    let rules = Grid {
        heads: heads(&[RULE, REPORTS, DEFECTS]),
        rows: rules,
        numeric: vec![1, 2],
    };
    (reports, rules)
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
