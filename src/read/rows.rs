//! Phase one of reading a table: its text → each row's value tokens, found by the
//! row's label (`locate::anchors`), by position where labels were lost, and the rows a
//! report adds beyond its format.

use crate::model::format::{Role, Table, TableId};
use crate::read::locate::{self, Anchor, Found, Segment, Token};
use crate::read::text::NormText;
use std::ops::Range;

/// The values a located row gives, before they become cells.
pub struct RowText {
    pub tokens: Vec<Token>,
    pub found: Found,
    pub line: Option<u32>,
}

/// What a table's text gives, row by row.
pub struct Located {
    /// Per row of the format (`None`: not found, or a group heading).
    pub texts: Vec<Option<RowText>>,
    /// Rows the report adds: (parent row, label, tokens).
    pub added: Vec<(usize, String, Vec<Token>)>,
    /// Subtotals printed on a group heading's line: (group row, tokens).
    pub subtotals: Vec<(usize, Vec<Token>)>,
}

fn line(nt: &NormText, char_idx: usize) -> u32 {
    nt.line_of(nt.pos[char_idx.min(nt.chars.len())] as usize)
}

fn at(nt: &NormText, tokens: Vec<Token>, found: Found) -> RowText {
    let l = tokens.first().map(|t| line(nt, t.a));
    RowText {
        tokens,
        found,
        line: l,
    }
}

/// Each row's values in `range`: the tokens from its label up to the next boundary.
pub fn locate_rows(nt: &NormText, table: &Table, range: Range<usize>) -> Located {
    let rows = table.rows;
    let anchors = locate::anchors(nt, &range, rows);
    let bounds = bounds(nt, table.id, &range, &anchors);
    let mut loc = Located {
        texts: (0..rows.len()).map(|_| None).collect(),
        added: Vec::new(),
        subtotals: Vec::new(),
    };
    for i in 0..rows.len() {
        let Some(a) = anchors[i] else {
            continue;
        };
        let segs = region(nt, &bounds, range.end, &a);
        // the rows right after this one that were not found by any label
        let lost: Vec<usize> = (i + 1..rows.len())
            .take_while(|&j| anchors[j].is_none())
            .filter(|&j| rows[j].role != Role::Group)
            .collect();
        if rows[i].role == Role::Group {
            group_values(nt, &mut loc, table, i, segs, &lost);
        } else {
            row_values(nt, &mut loc, table, (i, &a), segs, &lost);
        }
    }
    loc
}

/// Boundaries: every row start, and in t2 the sub-table heads (第二十条…, 信息内容),
/// whose column heads may hold digits (保留4位小数).
fn bounds(
    nt: &NormText,
    table: TableId,
    range: &Range<usize>,
    anchors: &[Option<Anchor>],
) -> Vec<usize> {
    let mut bounds: Vec<usize> = anchors.iter().flatten().map(|a| a.start).collect();
    if table == TableId::T2 {
        let cs = nt.to_compact(range.start);
        let ce = nt.to_compact(range.end).max(cs);
        for key in ["第二十条", "信息内容"] {
            let mut from = cs;
            while let Some(p) = nt.compact[from..ce].find(key) {
                bounds.push(nt.from_compact(from + p));
                from += p + key.len();
            }
        }
    }
    bounds.push(range.end);
    bounds.sort_unstable();
    bounds
}

/// The segments of values after a row's label, up to the next boundary.
fn region(nt: &NormText, bounds: &[usize], end: usize, a: &Anchor) -> Vec<Segment> {
    let end = bounds
        .iter()
        .copied()
        .find(|&b| b >= a.end && b > a.start)
        .unwrap_or(end)
        .max(a.end);
    locate::segments(nt, a.end..end)
}

/// A heading without rows of its own (三、本年度办理结果): values after it belong to
/// the rows after it whose labels were lost, or are a subtotal of its rows.
fn group_values(
    nt: &NormText,
    loc: &mut Located,
    table: &Table,
    i: usize,
    segs: Vec<Segment>,
    lost: &[usize],
) {
    let r = &table.rows[i];
    let children = i + 1..i + 1 + r.children;
    let lost_children: Vec<usize> = lost
        .iter()
        .copied()
        .filter(|j| r.children == 0 || children.contains(j))
        .collect();
    if !segs.is_empty() && segs.len() == lost_children.len() {
        for (seg, &j) in segs.into_iter().zip(&lost_children) {
            loc.texts[j] = Some(at(nt, seg.tokens, Found::Position));
        }
    } else if let ([one], true) = (segs.as_slice(), r.children > 0) {
        loc.subtotals.push((i, one.tokens.clone()));
    }
}

/// A row found by its label: its values, the values of the rows after it whose labels
/// were lost, or the sub-rows a report lists under it.
fn row_values(
    nt: &NormText,
    loc: &mut Located,
    table: &Table,
    (i, a): (usize, &Anchor),
    segs: Vec<Segment>,
    lost: &[usize],
) {
    let rows = table.rows;
    let label_line = Some(line(nt, a.start));
    // rows printed one per line, the next ones' labels lost: one run of values,
    // a line per row, each line as many values as its row has columns
    let segs = match segs.as_slice() {
        [one] if !lost.is_empty() => {
            let widths: Vec<usize> = std::iter::once(i)
                .chain(lost.iter().copied())
                .map(|j| rows[j].columns.len())
                .collect();
            by_lines(nt, one, &widths)
                .or_else(|| by_runs(one, &widths))
                .unwrap_or(segs)
        }
        _ => segs,
    };
    let own = |tokens| {
        Some(RowText {
            tokens,
            found: a.found,
            line: label_line,
        })
    };
    if segs.len() >= 2 && !lost.is_empty() && segs.len() <= 1 + lost.len() {
        let mut it = segs.into_iter();
        loc.texts[i] = it.next().and_then(|s| own(s.tokens));
        for (seg, &j) in it.zip(lost) {
            loc.texts[j] = Some(at(nt, seg.tokens, Found::Position));
        }
    } else if table.id == TableId::T2 && segs.len() >= 2 && segs.iter().all(|s| has_label(&s.label))
    {
        for s in segs {
            loc.added.push((i, clean_label(&s.label), s.tokens));
        }
        loc.texts[i] = own(Vec::new());
    } else {
        loc.texts[i] = own(segs.into_iter().flat_map(|s| s.tokens).collect());
    }
}

/// The run's values cut at line ends, when they make two or more lines of exactly
/// `widths[0]`, `widths[1]`, … values (a row per line).
fn by_lines(nt: &NormText, run: &Segment, widths: &[usize]) -> Option<Vec<Segment>> {
    let mut lines: Vec<Segment> = Vec::new();
    let mut last_line = None;
    for t in &run.tokens {
        let line = nt.line_of(nt.pos[t.a] as usize);
        if last_line != Some(line) {
            lines.push(Segment::default());
            last_line = Some(line);
        }
        lines.last_mut()?.tokens.push(t.clone());
    }
    let fits = lines.len() >= 2
        && lines.len() <= widths.len()
        && lines.iter().zip(widths).all(|(l, &w)| l.tokens.len() == w);
    fits.then_some(lines)
}

/// The run's values a row each, when they are runs of glued digits (the flattened
/// layout), one per row and each long enough for its row's columns.
fn by_runs(run: &Segment, widths: &[usize]) -> Option<Vec<Segment>> {
    let t = &run.tokens;
    let fits = t.len() >= 2
        && t.len() <= widths.len()
        && t.iter()
            .zip(widths)
            .all(|(t, &w)| w >= 2 && t.splittable() && t.text.trim_start_matches('-').len() >= w);
    fits.then(|| {
        t.iter()
            .map(|t| Segment {
                label: String::new(),
                tokens: vec![t.clone()],
            })
            .collect()
    })
}

fn has_label(s: &str) -> bool {
    s.chars()
        .filter(|c| !c.is_whitespace() && !"|-.:;,()".contains(*c))
        .count()
        >= 2
}

fn clean_label(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '|')
        .collect()
}
