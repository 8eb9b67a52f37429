//! The year-diff view: last year's and this year's tables cell by cell, then the text
//! section by section, unchanged stretches folded. Built as plain lines when the data
//! or the width changes (not per key), so `update` can find the changes to jump
//! between and `view` only draws them. It knows nothing of the screen's state.

use super::draw::{fit, width};
use crate::check::diff::{CellDiff, Mapping, Op, YearDiff};
use crate::model::format::Format;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seg {
    Plain,
    Dim,
    Head,
    Old,
    New,
    Changed,
}

#[derive(Debug, Clone)]
pub struct DLine {
    pub segs: Vec<(String, Seg)>,
    pub change: bool,
}

fn line(segs: Vec<(String, Seg)>) -> DLine {
    let change = segs
        .iter()
        .any(|(_, k)| matches!(k, Seg::Old | Seg::New | Seg::Changed));
    DLine { segs, change }
}

/// What the diff is drawn from: the diff, the two years' formats (for short row
/// labels), and whether East Asian ambiguous characters take two columns.
#[derive(Clone, Copy)]
pub struct Source<'a> {
    pub diff: &'a YearDiff,
    pub formats: [Option<&'static Format>; 2],
    pub amb2: bool,
}

/// The diff as lines `w` columns wide.
pub fn lines(src: Source, w: u16) -> Vec<DLine> {
    let d = src.diff;
    let mut out = head(d);
    for table in ["t2", "t3", "t4"] {
        table_lines(src, table, w, &mut out);
    }
    out.push(line(vec![(
        "  = maps across the change of format   + only in one year's format".into(),
        Seg::Dim,
    )]));
    text(d, w, src.amb2, &mut out);
    out
}

/// The two sides, the counts, the cross-year findings and the legend.
fn head(d: &YearDiff) -> Vec<DLine> {
    let side = |s: &crate::check::diff::Side| {
        format!(
            "{} {} ({} format)",
            s.agency.as_deref().unwrap_or("?"),
            s.year.map_or("?".into(), |y| y.to_string()),
            s.template.unwrap_or("no")
        )
    };
    let mut out = vec![
        line(vec![(
            format!(
                "last year: {}  ·  this year: {}",
                side(&d.prior),
                side(&d.current)
            ),
            Seg::Head,
        )]),
        line(vec![(
            format!(
                "{} cells changed · {:.0}% of the text unchanged from last year · prior file {}",
                d.changed_cells(),
                d.copied_share * 100.0,
                d.prior.path
            ),
            Seg::Plain,
        )]),
    ];
    for f in &d.findings {
        let mark = if f.severity == crate::model::Severity::Error {
            "!"
        } else {
            "?"
        };
        out.push(line(vec![(
            format!("{mark} {} {}", f.rule, f.message),
            Seg::Changed,
        )]));
    }
    out.push(line(vec![(
        "  cells: last → this year; * changed; unchanged cells show one value".into(),
        Seg::Dim,
    )]));
    out
}

fn value_text(c: &CellDiff) -> String {
    let fmt = |v: Option<crate::model::num::Num>| v.map_or("—".to_string(), |v| v.to_string());
    if c.changed {
        format!("{}→{}", fmt(c.prior), fmt(c.current))
    } else {
        fmt(c.current)
    }
}

/// A short row label from either year's format.
fn short_label(src: Source, table: &str, c: &CellDiff) -> String {
    if c.mapping == Mapping::Mapped && c.key.starts_with("t3/other/") {
        return "其他处理(合计)".to_string();
    }
    let row = c.key.split('/').nth(1).unwrap_or("");
    src.formats
        .into_iter()
        .flatten()
        .find_map(|f| {
            f.table(table)
                .and_then(|t| t.rows.iter().find(|r| r.key == row))
                .map(|r| r.short.to_string())
        })
        .unwrap_or_else(|| c.row.clone())
}

/// One table's cells, a line per row.
fn table_lines(src: Source, table: &str, w: u16, out: &mut Vec<DLine>) {
    let cells: Vec<&CellDiff> = src.diff.cells.iter().filter(|c| c.table == table).collect();
    if cells.is_empty() {
        return;
    }
    out.push(line(vec![(String::new(), Seg::Plain)]));
    let title = crate::model::format::TableId::from_key(table).map_or("", |t| t.short_title());
    out.push(line(vec![(format!("{table} ─ {title}"), Seg::Head)]));
    let cw = cells
        .iter()
        .map(|c| width(&value_text(c), false) + 2)
        .max()
        .unwrap_or(6)
        .clamp(6, 16);
    let mut rows: Vec<(String, Vec<&CellDiff>)> = Vec::new();
    for c in cells {
        let label = short_label(src, table, c);
        match rows.last_mut() {
            Some((l, v)) if *l == label => v.push(c),
            _ => rows.push((label, vec![c])),
        }
    }
    for (label, cs) in rows {
        out.push(row_line(&label, &cs, cw, w, src.amb2));
    }
}

fn row_line(label: &str, cs: &[&CellDiff], cw: u16, w: u16, amb2: bool) -> DLine {
    let label_w = 14u16;
    let mut segs = vec![(fit(label, label_w, false, amb2), Seg::Plain)];
    let mut used = label_w;
    for c in cs {
        if used + cw > w {
            segs.push((">".into(), Seg::Dim));
            break;
        }
        let mark = match (c.changed, c.mapping) {
            (true, _) => '*',
            (false, Mapping::Mapped) => '=',
            (false, Mapping::PriorOnly | Mapping::CurrentOnly) => '+',
            _ => ' ',
        };
        let kind = if c.changed {
            Seg::Changed
        } else if c.mapping == Mapping::Same {
            Seg::Dim
        } else {
            Seg::Plain
        };
        segs.push((
            format!("{mark}{}", fit(&value_text(c), cw - 1, true, false)),
            kind,
        ));
        used += cw;
    }
    line(segs)
}

fn text(d: &YearDiff, w: u16, amb2: bool, out: &mut Vec<DLine>) {
    for sec in &d.sections {
        out.push(line(vec![(String::new(), Seg::Plain)]));
        let share = if sec.total == 0 {
            100.0
        } else {
            sec.unchanged as f64 * 100.0 / sec.total as f64
        };
        out.push(line(vec![(
            format!("{} · {:.0}% unchanged", sec.section, share),
            Seg::Head,
        )]));
        // a stream of (char, kind), wrapped by display width
        let mut stream: Vec<(char, Seg)> = Vec::new();
        for p in &sec.pieces {
            let chars: Vec<char> = p
                .text
                .chars()
                .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
                .collect();
            match p.op {
                Op::Equal if chars.len() > 60 => {
                    stream.extend(chars[..20].iter().map(|&c| (c, Seg::Plain)));
                    stream.extend(
                        format!(" …{} unchanged… ", chars.len() - 40)
                            .chars()
                            .map(|c| (c, Seg::Dim)),
                    );
                    stream.extend(chars[chars.len() - 20..].iter().map(|&c| (c, Seg::Plain)));
                }
                Op::Equal => stream.extend(chars.iter().map(|&c| (c, Seg::Plain))),
                Op::Delete => {
                    stream.extend("[-".chars().map(|c| (c, Seg::Old)));
                    stream.extend(chars.iter().map(|&c| (c, Seg::Old)));
                    stream.extend("-]".chars().map(|c| (c, Seg::Old)));
                }
                Op::Insert => {
                    stream.extend("{+".chars().map(|c| (c, Seg::New)));
                    stream.extend(chars.iter().map(|&c| (c, Seg::New)));
                    stream.extend("+}".chars().map(|c| (c, Seg::New)));
                }
            }
        }
        let mut segs: Vec<(String, Seg)> = Vec::new();
        let mut used = 0u16;
        for (c, k) in stream {
            if super::draw::is_dangerous(c) {
                continue;
            }
            let cw = width(&c.to_string(), amb2);
            if used + cw > w && used > 0 {
                out.push(line(std::mem::take(&mut segs)));
                used = 0;
            }
            match segs.last_mut() {
                Some((s, kind)) if *kind == k => s.push(c),
                _ => segs.push((c.to_string(), k)),
            }
            used += cw;
        }
        if !segs.is_empty() {
            out.push(line(segs));
        }
    }
}
