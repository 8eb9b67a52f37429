//! A report against the prior year's: cells side by side (aligned across the change
//! of format), the text section by section at character level (Chinese has no spaces
//! between words), the share of text copied, and the cross-year rules (YOY-*,
//! TEXT-COPIED).

use crate::check::rules::{self, says};
use crate::model::format::{Role, Template};
use crate::model::num::Num;
use crate::model::{Cell, Finding, Report, Severity};
use serde::Serialize;
use similar::{Algorithm, ChangeTag, TextDiff};
use std::fmt::Display;
use std::time::Duration;

/// How a cell of one year's format meets the other year's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mapping {
    /// The same key in both formats.
    Same,
    /// Different keys that mean the same (2019 （六）其他处理 = the sum of 2021's three).
    Mapped,
    /// Only last year's format has it.
    PriorOnly,
    /// Only this year's format has it.
    CurrentOnly,
}

#[derive(Debug, Clone, Serialize)]
pub struct CellDiff {
    /// This year's key, or last year's where only it has the cell.
    pub key: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prior_key: Option<String>,
    pub table: &'static str,
    pub row: String,
    pub column: String,
    #[serde(serialize_with = "ser_num")]
    pub prior: Option<Num>,
    #[serde(serialize_with = "ser_num")]
    pub current: Option<Num>,
    #[serde(serialize_with = "ser_num")]
    pub change: Option<Num>,
    pub mapping: Mapping,
    pub changed: bool,
}

fn ser_num<S: serde::Serializer>(v: &Option<Num>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(n) => serde_json::from_str::<serde_json::Number>(&n.to_string())
            .map_err(serde::ser::Error::custom)?
            .serialize(s),
        None => s.serialize_none(),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    Equal,
    Delete,
    Insert,
}

#[derive(Debug, Clone, Serialize)]
pub struct Piece {
    pub op: Op,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionDiff {
    pub section: &'static str,
    /// Characters (white space aside) of this year's section unchanged from last year's.
    pub unchanged: usize,
    pub total: usize,
    pub pieces: Vec<Piece>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Side {
    pub path: String,
    pub agency: Option<String>,
    pub year: Option<i32>,
    pub template: Option<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct YearDiff {
    pub prior: Side,
    pub current: Side,
    /// Share of this year's text (outside the tables) unchanged from last year's.
    pub copied_share: f64,
    pub cells: Vec<CellDiff>,
    pub sections: Vec<SectionDiff>,
    pub findings: Vec<Finding>,
}

impl YearDiff {
    pub fn changed_cells(&self) -> usize {
        self.cells.iter().filter(|c| c.changed).count()
    }
}

pub const DEFAULT_COPIED_THRESHOLD: f64 = 0.8;

fn side(r: &Report) -> Side {
    Side {
        path: r.source.path.clone(),
        agency: r.meta.agency.clone(),
        year: r.meta.year,
        template: r.meta.template.map(|t| t.id()),
    }
}

/// The value of a cell, or of a row the other format splits (2021's other.* summed).
fn value_of(r: &Report, key: &str) -> Option<Num> {
    if let Some(c) = r.cell(key) {
        return c.value;
    }
    None
}

fn other_sum(r: &Report, col: &str) -> Option<Num> {
    let v: Option<Vec<Num>> = ["other.no_correction", "other.no_fee", "other.misc"]
        .iter()
        .map(|row| r.value(&format!("t3/{row}/{col}")))
        .collect();
    Num::sum(v?)
}

/// Where a compared cell sits: its key this year (and last year's, where it differs),
/// table, row and column labels.
struct Place {
    key: String,
    prior_key: Option<String>,
    table: &'static str,
    row: String,
    column: String,
}

fn place_of(c: &Cell, prior_key: Option<String>) -> Place {
    Place {
        key: c.key.to_string(),
        prior_key,
        table: c.table,
        row: c.row_label.to_string(),
        column: c.column.label.to_string(),
    }
}

fn diff_cell(at: Place, prior: Option<Num>, current: Option<Num>, mapping: Mapping) -> CellDiff {
    let change = match (prior, current) {
        (Some(p), Some(c)) => c.checked_sub(p),
        _ => None,
    };
    // a cell only one format has is not a change of value
    let changed = prior != current && matches!(mapping, Mapping::Same | Mapping::Mapped);
    CellDiff {
        key: at.key,
        prior_key: at.prior_key,
        table: at.table,
        row: at.row,
        column: at.column,
        prior,
        current,
        change,
        mapping,
        changed,
    }
}

/// Aligns every cell of both reports.
pub fn align(prior: &Report, current: &Report) -> Vec<CellDiff> {
    let mut out = Vec::new();
    let cross = prior.meta.template != current.meta.template;
    for c in &current.cells {
        if prior.cell(&c.key).is_some() {
            let p = value_of(prior, &c.key);
            out.push(diff_cell(place_of(c, None), p, c.value, Mapping::Same));
            continue;
        }
        // 2019 （六）其他处理 against 2021's three rows: their sum is what maps (below)
        if cross && c.table == "t3" && c.row == "other" {
            continue;
        }
        // 2021 issued ~ 2019 new_made (本年制发 / 本年新制作)
        let counterpart = match (c.table, c.column.key) {
            ("t2", "issued") => Some(c.key.replace("/issued", "/new_made")),
            ("t2", "new_made") => Some(c.key.replace("/new_made", "/issued")),
            _ => None,
        };
        match counterpart.filter(|pk| prior.cell(pk).is_some()) {
            Some(pk) => {
                let p = value_of(prior, &pk);
                out.push(diff_cell(
                    place_of(c, Some(pk)),
                    p,
                    c.value,
                    Mapping::Mapped,
                ));
            }
            None => out.push(diff_cell(
                place_of(c, None),
                None,
                c.value,
                Mapping::CurrentOnly,
            )),
        }
    }
    if cross {
        // the 2019 row against the sum of the 2021 rows, both ways
        for col in crate::model::format::T3_COLUMNS {
            let (p, c) = match current.meta.template {
                Some(Template::Y2021) => (
                    prior.value(&format!("t3/other/{}", col.key)),
                    other_sum(current, col.key),
                ),
                _ => (
                    other_sum(prior, col.key),
                    current.value(&format!("t3/other/{}", col.key)),
                ),
            };
            let at = Place {
                key: format!("t3/other/{}", col.key),
                prior_key: (current.meta.template == Some(Template::Y2019))
                    .then(|| format!("t3/other.*/{}", col.key)),
                table: "t3",
                row: "（六）其他处理（2021 年三项之和）".into(),
                column: col.label.into(),
            };
            out.push(diff_cell(at, p, c, Mapping::Mapped));
        }
    }
    for c in &prior.cells {
        if current.cell(&c.key).is_none()
            && !out
                .iter()
                .any(|d| d.prior_key.as_deref() == Some(&c.key) || d.key == c.key)
        {
            if cross && c.table == "t3" && (c.row == "other" || c.row.starts_with("other.")) {
                continue;
            }
            let at = place_of(c, Some(c.key.to_string()));
            out.push(diff_cell(at, c.value, None, Mapping::PriorOnly));
        }
    }
    out
}

fn prose_of(r: &Report, span: (usize, usize)) -> String {
    // the section's text without the tables inside it
    let (a, b) = span;
    let mut s = String::new();
    let mut pos = a;
    let mut tables = r.table_spans.clone();
    tables.sort();
    for (ta, tb) in tables {
        if tb <= pos || ta >= b {
            continue;
        }
        if ta > pos {
            s.push_str(&r.text[pos..ta]);
        }
        pos = tb.min(b);
    }
    if pos < b {
        s.push_str(&r.text[pos..b]);
    }
    s
}

const SECTION_NAMES: [&str; 6] = crate::model::format::SECTION_TITLES;

/// The text of each section, diffed at character level.
pub fn sections(prior: &Report, current: &Report) -> Vec<SectionDiff> {
    let mut out = Vec::new();
    for (i, name) in SECTION_NAMES.iter().enumerate() {
        // Line breaks and spacing are layout (PDF lines, padding), not words: compare
        // the characters.
        let squeeze = |s: String| -> String {
            s.chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect()
        };
        let p = squeeze(
            prior.section_spans[i]
                .map(|s| prose_of(prior, s))
                .unwrap_or_default(),
        );
        let c = squeeze(
            current.section_spans[i]
                .map(|s| prose_of(current, s))
                .unwrap_or_default(),
        );
        if p.is_empty() && c.is_empty() {
            continue;
        }
        let diff = TextDiff::configure()
            .algorithm(Algorithm::Myers)
            .timeout(Duration::from_millis(500))
            .diff_chars(&p, &c);
        let mut pieces: Vec<Piece> = Vec::new();
        let mut unchanged = 0;
        for ch in diff.iter_all_changes() {
            let op = match ch.tag() {
                ChangeTag::Equal => Op::Equal,
                ChangeTag::Delete => Op::Delete,
                ChangeTag::Insert => Op::Insert,
            };
            let v = ch.value();
            if op == Op::Equal {
                unchanged += v.chars().filter(|c| !c.is_whitespace()).count();
            }
            match pieces.last_mut() {
                Some(last) if last.op == op => last.text.push_str(v),
                _ => pieces.push(Piece {
                    op,
                    text: v.to_string(),
                }),
            }
        }
        let total = c.chars().filter(|c| !c.is_whitespace()).count();
        out.push(SectionDiff {
            section: name,
            unchanged,
            total,
            pieces,
        });
    }
    out
}

/// Compares two reports: cells, text and the cross-year rules.
pub fn diff(prior: &Report, current: &Report, copied_threshold: f64) -> YearDiff {
    let cells = align(prior, current);
    let sections = sections(prior, current);
    let (u, t) = sections
        .iter()
        .fold((0, 0), |(u, t), s| (u + s.unchanged, t + s.total));
    let copied_share = if t == 0 { 0.0 } else { u as f64 / t as f64 };
    let mut findings = yoy_findings(prior, current);
    if t > 0 && copied_share >= copied_threshold {
        let share = format!("{:.0}", copied_share * 100.0);
        let threshold = format!("{:.0}", copied_threshold * 100.0);
        let args: [(&str, &dyn Display); 2] = [("share", &share), ("threshold", &threshold)];
        findings.push(finding("TEXT-COPIED", says::COPIED, &args).sides(
            format!("< {:.0}%", copied_threshold * 100.0),
            format!("{:.0}%", copied_share * 100.0),
        ));
    }
    YearDiff {
        prior: side(prior),
        current: side(current),
        copied_share,
        cells,
        sections,
        findings,
    }
}

/// The prior report's cells are named `prior:KEY` in findings.
pub fn prior_key(k: &str) -> String {
    format!("prior:{k}")
}

/// YOY-CARRY, YOY-IN-FORCE, YOY-PUBLISHED, YOY-ITEMS, YOY-AGENCY.
pub fn yoy_findings(prior: &Report, current: &Report) -> Vec<Finding> {
    let mut out = yoy_carry(prior, current);
    let both = |t: Template| prior.meta.template == Some(t) && current.meta.template == Some(t);
    if both(Template::Y2021) {
        out.extend(yoy_in_force(prior, current));
    }
    if both(Template::Y2019) {
        out.extend(yoy_published(prior, current));
        out.extend(yoy_items(prior, current));
    }
    out.extend(yoy_agency(prior, current));
    out
}

/// A finding of a cross-year rule, with its catalogue severity.
fn finding(id: &'static str, template: &str, args: &[(&str, &dyn Display)]) -> Finding {
    let severity = rules::rule(id).map_or(Severity::Error, |r| r.severity);
    Finding::new(id, severity, rules::say(template, args))
}

/// YOY-CARRY: this year's 上年结转 is last year's 结转下年度, column by column.
fn yoy_carry(prior: &Report, current: &Report) -> Vec<Finding> {
    let mut out = Vec::new();
    for col in crate::model::format::T3_COLUMNS {
        let ci = format!("t3/carried_in/{}", col.key);
        let co = format!("t3/carried_out/{}", col.key);
        let (Some(a), Some(b)) = (current.value(&ci), prior.value(&co)) else {
            continue;
        };
        if a != b {
            let args: [(&str, &dyn Display); 3] =
                [("column", &col.short), ("now", &a), ("then", &b)];
            let mut f = finding("YOY-CARRY", says::YOY_CARRY, &args)
                .cells(vec![ci.clone(), prior_key(&co)])
                .sides(b, a)
                .at_line(current.cell(&ci).and_then(|c| c.line));
            f.fix = Some(crate::model::Fix {
                cell: ci.clone(),
                value: b.to_string(),
            });
            out.push(f);
        }
    }
    out
}

const DOCUMENT_ROWS: [&str; 2] = ["regulations", "normative"];

/// YOY-IN-FORCE (2021 format): last year's 现行有效 + 制发 − 废止 = this year's.
fn yoy_in_force(prior: &Report, current: &Report) -> Vec<Finding> {
    let mut out = Vec::new();
    for row in DOCUMENT_ROWS {
        let k = |c: &str| format!("t2/{row}/{c}");
        let (Some(p), Some(i), Some(r), Some(f)) = (
            prior.value(&k("in_force")),
            current.value(&k("issued")),
            current.value(&k("repealed")),
            current.value(&k("in_force")),
        ) else {
            continue;
        };
        let Some(want) = p.checked_add(i).and_then(|x| x.checked_sub(r)) else {
            continue;
        };
        if want != f {
            let args: [(&str, &dyn Display); 6] = [
                ("row", &row),
                ("prior", &p),
                ("issued", &i),
                ("repealed", &r),
                ("want", &want),
                ("now", &f),
            ];
            let cells = vec![
                prior_key(&k("in_force")),
                k("issued"),
                k("repealed"),
                k("in_force"),
            ];
            out.push(
                finding("YOY-IN-FORCE", says::YOY_IN_FORCE, &args)
                    .cells(cells)
                    .sides(want, f),
            );
        }
    }
    out
}

/// YOY-PUBLISHED (2019 format): 对外公开总数量 is cumulative.
fn yoy_published(prior: &Report, current: &Report) -> Vec<Finding> {
    let mut out = Vec::new();
    for row in DOCUMENT_ROWS {
        let k = |c: &str| format!("t2/{row}/{c}");
        let (Some(p), Some(n), Some(t)) = (
            prior.value(&k("total_published")),
            current.value(&k("new_published")),
            current.value(&k("total_published")),
        ) else {
            continue;
        };
        let Some(want) = p.checked_add(n) else {
            continue;
        };
        if want != t {
            let args: [(&str, &dyn Display); 5] = [
                ("row", &row),
                ("prior", &p),
                ("new", &n),
                ("want", &want),
                ("now", &t),
            ];
            let cells = vec![
                prior_key(&k("total_published")),
                k("new_published"),
                k("total_published"),
            ];
            out.push(
                finding("YOY-PUBLISHED", says::YOY_PUBLISHED, &args)
                    .cells(cells)
                    .sides(want, t),
            );
        }
    }
    out
}

/// YOY-ITEMS (2019 format): last year's 上一年项目数量 + 本年增/减 = this year's.
fn yoy_items(prior: &Report, current: &Report) -> Vec<Finding> {
    let mut out = Vec::new();
    let Some(f) = prior.format() else {
        return out;
    };
    let rows =
        f.t2.rows
            .iter()
            .filter(|r| r.columns.iter().any(|c| c.key == "change"));
    for r in rows.filter(|r| r.role != Role::Group) {
        let k = |c: &str| format!("t2/{}/{c}", r.key);
        let (Some(p), Some(ch), Some(now)) = (
            prior.value(&k("prev_items")),
            prior.value(&k("change")),
            current.value(&k("prev_items")),
        ) else {
            continue;
        };
        let Some(want) = p.checked_add(ch) else {
            continue;
        };
        if want != now {
            let change = format!("{ch:+}").replace("+-", "-");
            let args: [(&str, &dyn Display); 5] = [
                ("row", &r.label),
                ("prior", &p),
                ("change", &change),
                ("want", &want),
                ("now", &now),
            ];
            let cells = vec![
                prior_key(&k("prev_items")),
                prior_key(&k("change")),
                k("prev_items"),
            ];
            out.push(
                finding("YOY-ITEMS", says::YOY_ITEMS, &args)
                    .cells(cells)
                    .sides(want, now),
            );
        }
    }
    out
}

/// YOY-AGENCY: one agency, consecutive years.
fn yoy_agency(prior: &Report, current: &Report) -> Vec<Finding> {
    let mut out = Vec::new();
    if let (Some(a), Some(b)) = (&prior.meta.agency, &current.meta.agency) {
        // "洪泽区人民政府" and "淮安市洪泽区人民政府" are one agency, named with and
        // without the city above it
        if !same_agency(a, b) {
            let args: [(&str, &dyn Display); 2] = [("prior", a), ("current", b)];
            out.push(finding("YOY-AGENCY", says::YOY_AGENCIES, &args));
        }
    }
    if let (Some(a), Some(b)) = (prior.meta.year, current.meta.year) {
        if b != a + 1 {
            let args: [(&str, &dyn Display); 2] = [("prior", &a), ("current", &b)];
            out.push(finding("YOY-AGENCY", says::YOY_YEARS, &args).sides(a + 1, b));
        }
    }
    out
}

/// One agency named with or without the level above it ("洪泽区人民政府" and
/// "淮安市洪泽区人民政府").
pub fn same_agency(a: &str, b: &str) -> bool {
    a == b || a.ends_with(b) || b.ends_with(a)
}

#[cfg(test)]
mod tests {
    use super::same_agency;

    #[test]
    fn an_agency_named_with_its_city_is_the_same_agency() {
        assert!(same_agency("洪泽区人民政府", "淮安市洪泽区人民政府"));
        assert!(same_agency("淮安市洪泽区人民政府", "洪泽区人民政府"));
        assert!(!same_agency("洪泽区人民政府", "淮安市人民政府"));
    }
}
