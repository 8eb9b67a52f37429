//! The year-diff view: each table side by side, last year | this year in every column
//! under the column heads, then the text section by section, unchanged stretches
//! folded. Built as plain lines when the data, the width or the page of columns changes
//! (not per key), with the changed cells listed so `update` can move a cursor between
//! them and `view` only draws. It knows nothing of the screen's state.
//!
//! Where the tables are wider than the screen their columns page: every table shows the
//! same page (or its last, when it has fewer); at 160 columns every table fits.

use super::draw::{fit, width};
use crate::check::diff::{CellDiff, Mapping, Op, YearDiff};
use crate::model::format::{Format, TableId};
use crate::model::num::Num;

/// Every string of the year diff a person reads, in one place (worded from the
/// catalogue, [`super::says`]).
pub mod words {
    use super::super::says as w;
    use crate::check::diff::Side;
    use crate::lang::Msg;

    pub fn sides(prior: &Side, current: &Side) -> String {
        let side = |s: &Side| {
            w::DIFF_SIDE.fill(&[
                ("agency", &s.agency.as_deref().unwrap_or("?")),
                ("year", &s.year.map_or("?".into(), |y| y.to_string())),
                ("t", &s.template.unwrap_or("?")),
            ])
        };
        w::DIFF_SIDES.fill(&[("prior", &side(prior)), ("current", &side(current))])
    }
    pub fn counts(changed: usize, copied: f64, prior_path: &str) -> String {
        let pct = format!("{:.0}", copied * 100.0);
        w::DIFF_COUNTS.fill(&[("n", &changed), ("pct", &pct), ("path", &prior_path)])
    }
    pub fn finding(error: bool, rule: &str, message: &str) -> String {
        format!("{} {rule} {message}", if error { "!" } else { "?" })
    }
    /// The legend over the tables, two lines that fit 80 columns.
    pub const CELLS_LEGEND: [Msg; 2] = [w::DIFF_LEGEND_1, w::DIFF_LEGEND_2];
    pub fn table_title(key: &str, title: &str) -> String {
        format!("{key} ─ {title}")
    }
    /// After a table's title when its columns do not all fit.
    pub fn columns_shown(first: usize, last: usize, of: usize) -> String {
        if first == last {
            return w::DIFF_COLUMN.fill(&[("first", &first), ("of", &of)]);
        }
        w::DIFF_COLUMNS.fill(&[("first", &first), ("last", &last), ("of", &of)])
    }
    /// A year over its side of the columns; `None` when the report gives none.
    pub fn year(y: Option<i32>, last: bool) -> String {
        match (y, last) {
            (Some(y), _) => y.to_string(),
            (None, true) => w::DIFF_LAST.get().into(),
            (None, false) => w::DIFF_THIS.get().into(),
        }
    }
    /// The side of a cell whose year's format has no such cell (a mark, in both
    /// languages).
    pub const NOT_IN_FORMAT: &str = "n/a";
    /// A cell the report does not give.
    pub const MISSING: &str = "—";
    /// The 2019 （六）其他处理 row against the sum of 2021's three.
    pub const OTHER_SUM: &str = "其他处理(合计)";
    pub fn cursor(k: usize, n: usize, what: &str) -> String {
        w::DIFF_CURSOR.fill(&[("k", &k), ("n", &n), ("what", &what)])
    }
    pub fn change(table: &str, row: &str, column: &str, from: &str, to: &str) -> String {
        format!("{table} {row} · {column}: {from} → {to}")
    }
    pub fn section(name: &str, share: f64) -> String {
        let pct = format!("{share:.0}");
        w::DIFF_SECTION.fill(&[("name", &name), ("pct", &pct)])
    }
    pub fn folded(n: usize) -> String {
        w::DIFF_FOLDED.fill(&[("n", &n)])
    }
    pub const NO_MORE_BELOW: Msg = w::DIFF_NO_MORE_BELOW;
    pub const NO_MORE_ABOVE: Msg = w::DIFF_NO_MORE_ABOVE;
    pub const NO_MORE_RIGHT: Msg = w::DIFF_NO_MORE_RIGHT;
    pub const NO_MORE_LEFT: Msg = w::DIFF_NO_MORE_LEFT;
    pub const TITLE: Msg = w::DIFF_TITLE;
}

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
    /// Segments that draw a changed cell: (segment, index into [`Doc::changes`]).
    pub cells: Vec<(usize, usize)>,
}

fn line(segs: Vec<(String, Seg)>) -> DLine {
    let change = segs
        .iter()
        .any(|(_, k)| matches!(k, Seg::Old | Seg::New | Seg::Changed));
    DLine {
        segs,
        change,
        cells: Vec::new(),
    }
}

/// A changed cell: its key, the line its row is on, the page of columns that shows it,
/// and what it is, for the status of the cursor.
#[derive(Debug, Clone)]
pub struct Change {
    /// The cell's key in the diff (this year's, or last year's where only it has it).
    pub key: String,
    pub line: usize,
    pub page: usize,
    pub what: String,
}

/// The diff as drawn at one width and one page of columns.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    pub lines: Vec<DLine>,
    /// Every changed cell of the tables (on every page): table by table, each table's
    /// page by page, then row by row and column by column.
    pub changes: Vec<Change>,
    /// How many pages of columns the widest table needs at this width.
    pub pages: usize,
}

/// What the diff is drawn from: the diff, the two years' formats (this year's, last
/// year's; for short labels and row order), and whether East Asian ambiguous
/// characters take two columns.
#[derive(Clone, Copy)]
pub struct Source<'a> {
    pub diff: &'a YearDiff,
    pub formats: [Option<&'static Format>; 2],
    pub amb2: bool,
}

/// The diff `w` columns wide, showing page `page` of the tables' columns.
pub fn build(src: Source, w: u16, page: usize) -> Doc {
    let d = src.diff;
    let mut doc = Doc {
        lines: head(d),
        changes: Vec::new(),
        pages: 1,
    };
    for table in TableId::ALL {
        table_lines(src, table, w, page, &mut doc);
    }
    text(d, w, src.amb2, &mut doc.lines);
    doc
}

/// The two sides, the counts, the cross-year findings and the legend.
fn head(d: &YearDiff) -> Vec<DLine> {
    let mut out = vec![
        line(vec![(words::sides(&d.prior, &d.current), Seg::Head)]),
        line(vec![(
            words::counts(d.changed_cells(), d.copied_share, &d.prior.path),
            Seg::Plain,
        )]),
    ];
    for f in &d.findings {
        let error = f.severity == crate::model::Severity::Error;
        out.push(line(vec![(
            words::finding(error, f.rule, &f.message),
            Seg::Changed,
        )]));
    }
    for l in words::CELLS_LEGEND {
        out.push(line(vec![(l.get().into(), Seg::Dim)]));
    }
    out
}

/// One row of a table: its key, short label and cells in column order.
struct DRow<'a> {
    key: &'a str,
    label: String,
    cells: Vec<&'a CellDiff>,
}

fn row_key(c: &CellDiff) -> &str {
    c.key.split('/').nth(1).unwrap_or("")
}

fn column_key(c: &CellDiff) -> &str {
    c.key.rsplit('/').next().unwrap_or("")
}

/// A row's place: its index in this year's format, or after the row last year's
/// format has before it that this year's also has.
fn row_order(src: Source, table: TableId, row: &str) -> (usize, usize) {
    let rows = |f: Option<&'static Format>| {
        f.and_then(|f| f.table(table.key()))
            .map_or(&[][..], |t| t.rows)
    };
    let (cur, prior) = (rows(src.formats[0]), rows(src.formats[1]));
    let at = |rs: &[crate::model::format::Row], k: &str| rs.iter().position(|r| r.key == k);
    if let Some(i) = at(cur, row) {
        return (i, 0);
    }
    let Some(p) = at(prior, row) else {
        return (usize::MAX, 0);
    };
    let before = prior[..p].iter().rev().find_map(|r| at(cur, r.key));
    (before.unwrap_or(0), p + 1)
}

/// A short label for a row or column, from either year's format.
fn short(src: Source, table: TableId, row: &str, column: Option<&str>) -> Option<&'static str> {
    src.formats.into_iter().flatten().find_map(|f| {
        let r = f.table(table.key())?.rows.iter().find(|r| r.key == row)?;
        match column {
            None => Some(r.short),
            Some(c) => r.columns.iter().find(|x| x.key == c).map(|x| x.short),
        }
    })
}

/// A table's rows in the format's order, each with its cells.
fn rows<'a>(src: Source<'a>, table: TableId) -> Vec<DRow<'a>> {
    let mut out: Vec<DRow<'a>> = Vec::new();
    for c in src.diff.cells.iter().filter(|c| c.table == table.key()) {
        let key = row_key(c);
        match out.iter_mut().find(|r| r.key == key) {
            Some(r) => r.cells.push(c),
            None => {
                let label = if c.mapping == Mapping::Mapped && key == "other" {
                    words::OTHER_SUM.to_string()
                } else {
                    short(src, table, key, None).map_or_else(|| c.row.clone(), str::to_string)
                };
                out.push(DRow {
                    key,
                    label,
                    cells: vec![c],
                });
            }
        }
    }
    out.sort_by_key(|r| row_order(src, table, r.key));
    out
}

/// How a table is laid out at a width: label and value widths, columns per page.
#[derive(Clone, Copy)]
struct Geometry {
    label_w: u16,
    value_w: u16,
    per_page: usize,
    pages: usize,
}

impl Geometry {
    fn slot(self) -> u16 {
        2 * self.value_w + 3
    }
    /// The columns shown on `page` (a table with fewer pages shows its last).
    fn shown(self, page: usize, n: usize) -> std::ops::Range<usize> {
        let p = page.min(self.pages - 1);
        (p * self.per_page).min(n)..((p + 1) * self.per_page).min(n)
    }
}

fn geometry(src: Source, rows: &[DRow], w: u16) -> Geometry {
    let label_w = if w >= 120 { 18 } else { 14 };
    let years = [src.diff.prior.year, src.diff.current.year];
    let value_w = rows
        .iter()
        .flat_map(|r| &r.cells)
        .flat_map(|c| [side_text(c, true), side_text(c, false)])
        .chain(years.iter().map(|y| words::year(*y, true)))
        .map(|s| width(&s, src.amb2))
        .max()
        .unwrap_or(4)
        .max(4);
    let ncols = rows.iter().map(|r| r.cells.len()).max().unwrap_or(1);
    let per_page = ((w.saturating_sub(label_w) / (2 * value_w + 3)) as usize).max(1);
    Geometry {
        label_w,
        value_w,
        per_page,
        pages: ncols.div_ceil(per_page).max(1),
    }
}

/// One side of a cell as shown: its value, — when the report lacks it, n/a when that
/// year's format has no such cell.
fn side_text(c: &CellDiff, last: bool) -> String {
    let absent = if last {
        c.mapping == Mapping::CurrentOnly
    } else {
        c.mapping == Mapping::PriorOnly
    };
    let v: Option<Num> = if last { c.prior } else { c.current };
    match v {
        _ if absent => words::NOT_IN_FORMAT.to_string(),
        Some(v) => v.to_string(),
        None => words::MISSING.to_string(),
    }
}

fn mark(c: &CellDiff) -> char {
    match (c.changed, c.mapping) {
        (true, _) => '*',
        (false, Mapping::Mapped) => '=',
        (false, Mapping::PriorOnly | Mapping::CurrentOnly) => '+',
        (false, Mapping::Same) => ' ',
    }
}

/// One table: its title, then for each run of rows with the same columns the column
/// heads once and the rows, last year | this year in each column.
fn table_lines(src: Source, table: TableId, w: u16, page: usize, doc: &mut Doc) {
    let rows = rows(src, table);
    if rows.is_empty() {
        return;
    }
    let geo = geometry(src, &rows, w);
    doc.pages = doc.pages.max(geo.pages);
    let ncols = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let shown = geo.shown(page, ncols);
    let mut title = words::table_title(table.key(), table.short_title());
    if geo.pages > 1 {
        title += &words::columns_shown(shown.start + 1, shown.end, ncols);
    }
    doc.lines.push(line(vec![(String::new(), Seg::Plain)]));
    doc.lines.push(line(vec![(title, Seg::Head)]));
    let (first_change, first_line) = (doc.changes.len(), doc.lines.len());
    let mut prev_cols: Option<Vec<&str>> = None;
    for r in &rows {
        let cols: Vec<&str> = r.cells.iter().map(|c| column_key(c)).collect();
        if prev_cols.as_ref() != Some(&cols) {
            heads(src, table, r, geo, &shown, &mut doc.lines);
            prev_cols = Some(cols);
        }
        row_line(src, table, r, geo, page, doc);
    }
    order_by_page(doc, first_change, first_line);
}

/// A table's changes page by page (then row by row, column by column), so that moving
/// between them turns a page once rather than at every row; the lines' references to
/// them follow.
fn order_by_page(doc: &mut Doc, first_change: usize, first_line: usize) {
    let mut order: Vec<usize> = (first_change..doc.changes.len()).collect();
    order.sort_by_key(|&k| doc.changes[k].page);
    let mut new_index = vec![0; doc.changes.len()];
    for (n, &k) in order.iter().enumerate() {
        new_index[k] = first_change + n;
    }
    let sorted: Vec<Change> = order.iter().map(|&k| doc.changes[k].clone()).collect();
    doc.changes.truncate(first_change);
    doc.changes.extend(sorted);
    for l in &mut doc.lines[first_line..] {
        for (_, k) in &mut l.cells {
            *k = new_index[*k];
        }
    }
}

/// The column heads over a run of rows, and the years over each side.
fn heads(
    src: Source,
    table: TableId,
    r: &DRow,
    geo: Geometry,
    shown: &std::ops::Range<usize>,
    out: &mut Vec<DLine>,
) {
    let slot = geo.slot();
    let mut names = vec![(" ".repeat(geo.label_w as usize), Seg::Plain)];
    let mut years = names.clone();
    let (py, cy) = (
        words::year(src.diff.prior.year, true),
        words::year(src.diff.current.year, false),
    );
    let n = r.cells.len();
    for c in &r.cells[shown.start.min(n)..shown.end.min(n)] {
        let name = short(src, table, r.key, Some(column_key(c))).unwrap_or(c.column.as_str());
        names.push((centre(name, slot - 1, src.amb2) + " ", Seg::Head));
        years.push((
            format!(
                "{} {}  ",
                fit(&py, geo.value_w, true, src.amb2),
                fit(&cy, geo.value_w, true, src.amb2)
            ),
            Seg::Dim,
        ));
    }
    out.push(line(names));
    out.push(line(years));
}

/// `s` centred in `w` display columns.
fn centre(s: &str, w: u16, amb2: bool) -> String {
    let sw = width(s, amb2).min(w);
    let left = (w - sw) / 2;
    format!(
        "{}{}",
        " ".repeat(left as usize),
        fit(s, w - left, false, amb2)
    )
}

/// A row: its label, then each shown column's two sides and mark; every changed cell of
/// the row (shown or not) is listed in the doc's changes.
fn row_line(src: Source, table: TableId, r: &DRow, geo: Geometry, page: usize, doc: &mut Doc) {
    let at = doc.lines.len();
    let shown = geo.shown(page, r.cells.len());
    let mut l = line(vec![(
        fit(&r.label, geo.label_w, false, src.amb2),
        Seg::Plain,
    )]);
    for (j, c) in r.cells.iter().enumerate() {
        let k = doc.changes.len();
        if c.changed {
            let name = short(src, table, r.key, Some(column_key(c))).unwrap_or(c.column.as_str());
            doc.changes.push(Change {
                key: c.key.clone(),
                line: at,
                page: j / geo.per_page,
                what: words::change(
                    table.key(),
                    &r.label,
                    name,
                    &side_text(c, true),
                    &side_text(c, false),
                ),
            });
        }
        if !shown.contains(&j) {
            continue;
        }
        let kind = match c.mapping {
            _ if c.changed => Seg::Changed,
            Mapping::PriorOnly | Mapping::CurrentOnly => Seg::Dim,
            Mapping::Same | Mapping::Mapped => Seg::Plain,
        };
        if c.changed {
            l.cells.push((l.segs.len(), k));
            l.change = true;
        }
        l.segs.push((
            format!(
                "{} {}{}",
                fit(&side_text(c, true), geo.value_w, true, src.amb2),
                fit(&side_text(c, false), geo.value_w, true, src.amb2),
                mark(c)
            ),
            kind,
        ));
        l.segs.push((" ".into(), Seg::Plain));
    }
    doc.lines.push(l);
}

fn text(d: &YearDiff, w: u16, amb2: bool, out: &mut Vec<DLine>) {
    for sec in &d.sections {
        out.push(line(vec![(String::new(), Seg::Plain)]));
        let share = if sec.total == 0 {
            100.0
        } else {
            sec.unchanged as f64 * 100.0 / sec.total as f64
        };
        out.push(line(vec![(words::section(sec.section, share), Seg::Head)]));
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
                        words::folded(chars.len() - 40)
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
