//! The year-diff view: last year's and this year's tables cell by cell, then the text
//! section by section, unchanged stretches folded. Built as plain lines so `update`
//! can find the changes to jump between and `view` only draws them.

use super::app::App;
use super::draw::{fit, width};
use crate::check::diff::{Mapping, Op, YearDiff};

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

pub fn lines(app: &App, w: u16) -> Vec<DLine> {
    let Some(d) = &app.year_diff else {
        return Vec::new();
    };
    let amb2 = app.settings.ambiguous_width == 2;
    let mut out = Vec::new();
    let side = |s: &crate::check::diff::Side| {
        format!(
            "{} {} ({} format)",
            s.agency.as_deref().unwrap_or("?"),
            s.year.map_or("?".into(), |y| y.to_string()),
            s.template.unwrap_or("no")
        )
    };
    out.push(line(vec![(
        format!(
            "last year: {}  ·  this year: {}",
            side(&d.prior),
            side(&d.current)
        ),
        Seg::Head,
    )]));
    out.push(line(vec![(
        format!(
            "{} cells changed · {:.0}% of the text unchanged from last year · prior file {}",
            d.changed_cells(),
            d.copied_share * 100.0,
            d.prior.path
        ),
        Seg::Plain,
    )]));
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
    tables(app, d, w, amb2, &mut out);
    text(d, w, amb2, &mut out);
    out
}

fn tables(app: &App, d: &YearDiff, w: u16, amb2: bool, out: &mut Vec<DLine>) {
    for table in ["t2", "t3", "t4"] {
        let cells: Vec<&crate::check::diff::CellDiff> =
            d.cells.iter().filter(|c| c.table == table).collect();
        if cells.is_empty() {
            continue;
        }
        out.push(line(vec![(String::new(), Seg::Plain)]));
        out.push(line(vec![(
            format!(
                "{table} ─ {}",
                match table {
                    "t2" => "二、主动公开",
                    "t3" => "三、依申请",
                    _ => "四、复议诉讼",
                }
            ),
            Seg::Head,
        )]));
        let fmt =
            |v: Option<crate::model::num::Num>| v.map_or("—".to_string(), |v| v.to_string());
        let text_of = |c: &crate::check::diff::CellDiff| {
            if c.changed {
                format!("{}→{}", fmt(c.prior), fmt(c.current))
            } else {
                fmt(c.current)
            }
        };
        let cw = cells
            .iter()
            .map(|c| width(&text_of(c), false) + 2)
            .max()
            .unwrap_or(6)
            .clamp(6, 16);
        // short row labels from either year's format
        let short = |c: &crate::check::diff::CellDiff| -> String {
            let row = c.key.split('/').nth(1).unwrap_or("");
            [
                app.report.format(),
                app.prior.as_ref().and_then(|p| p.format()),
            ]
            .into_iter()
            .flatten()
            .find_map(|f| {
                f.table(table)
                    .and_then(|t| t.rows.iter().find(|r| r.key == row))
                    .map(|r| r.short.to_string())
            })
            .unwrap_or_else(|| c.row.clone())
        };
        let mut rows: Vec<(String, Vec<&crate::check::diff::CellDiff>)> = Vec::new();
        for c in cells {
            let label = if c.mapping == Mapping::Mapped && c.key.starts_with("t3/other/") {
                "其他处理(合计)".to_string()
            } else {
                short(c)
            };
            match rows.last_mut() {
                Some((l, v)) if *l == label => v.push(c),
                _ => rows.push((label, vec![c])),
            }
        }
        let label_w = 14u16;
        for (label, cs) in rows {
            let mut segs = vec![(fit(&label, label_w, false, amb2), Seg::Plain)];
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
                    format!("{mark}{}", fit(&text_of(c), cw - 1, true, false)),
                    kind,
                ));
                used += cw;
            }
            out.push(line(segs));
        }
    }
    out.push(line(vec![(
        "  = maps across the change of format   + only in one year's format".into(),
        Seg::Dim,
    )]));
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
