//! The three tables laid out as the national format prints them, for an agency to paste
//! back into its report: a sheet per table, row and column heads from the format data,
//! merged heads as rectangles, each value with its origin. `xlsx` writes these sheets
//! as a workbook; [`to_csv`] as one CSV file.
//!
//! The layout follows the format data only: a column label `A·B` is head `A` over head
//! `B` (equal neighbours merge), a group row heads its children, rows sharing their
//! columns form one block under one head, and a table printed as one line (t4) takes its
//! rows' labels as the upper heads of its columns.

use crate::model::format::{Column, Role, Row, Table, TableId};
use crate::model::num::Num;
use crate::model::{Origin, Report};
use crate::output::terminal::csv_field;

/// Every string of the grid exports a person reads, in one place: the notes, legend and
/// refusal in the reviewer's language; the CSV marks stay fixed tokens for scripts.
pub mod words {
    crate::messages! {
        /// The export of a report without a national format.
        NO_FORMAT = "the report's national format (2019 or 2021) was not recognised, so there is no table layout to fill; `nianbao check` says what was read"
            / "未识别出报告的国家格式（2019 或 2021），没有可填的表格；`nianbao check` 会说明读到了什么",
        /// The note on a corrected cell of the workbook, with the printed text.
        CORRECTED_NOTE = "corrected by the reviewer; the report printed {printed}"
            / "审核人已更正；报告印的是 {printed}",
        CORRECTED_NOTE_NONE = "corrected by the reviewer; the report printed no value"
            / "审核人已更正；报告未印数值",
        /// The note on an inferred cell of the workbook.
        INFERRED_NOTE = "not printed in the report: the only value the format's identities allow"
            / "报告未印：格式的勾稽关系只允许这一个值",
        /// The legend under each sheet of the workbook.
        LEGEND = "yellow with a note: corrected by the reviewer · blue with a note: inferred from the identities · empty: missing from the report"
            / "黄色带批注：审核人更正 · 蓝色带批注：按勾稽关系推算 · 空白：报告中缺失",
    }
    /// The head of the CSV grid's marks column.
    pub const MARKS_HEAD: &str = "marks";
    /// Before the columns a reviewer corrected, in the marks column.
    pub const CORRECTED: &str = "corrected";
    /// Before the columns no text gave but the identities settle, in the marks column.
    pub const INFERRED: &str = "inferred";
    /// Between the column lists of the marks column.
    pub const LIST_SEP: &str = "; ";
    /// The note on a corrected cell of the workbook, with the printed text.
    pub fn corrected_note(printed: Option<&str>) -> String {
        match printed {
            Some(p) => CORRECTED_NOTE.fill(&[("printed", &p)]),
            None => CORRECTED_NOTE_NONE.get().to_string(),
        }
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn both_languages_have_the_same_placeholders() {
            crate::lang::assert_catalogue(super::ALL);
        }
    }
}

/// What a position of a sheet holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    Empty,
    /// The table's section heading, over the whole width.
    Title(&'static str),
    /// A caption the format prints before a part of a table, over the whole width.
    Caption(&'static str),
    /// A column head or a row head.
    Head(&'static str),
    Value {
        value: Option<Num>,
        origin: Origin,
        /// What the report printed, where it printed something.
        raw: Option<String>,
        /// The column's label, for the marks of the CSV grid.
        column: String,
    },
}

/// A merged rectangle, inclusive, by sheet position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merge {
    pub first_row: usize,
    pub first_col: usize,
    pub last_row: usize,
    pub last_col: usize,
}

/// One table as the format prints it.
#[derive(Debug, Clone)]
pub struct Sheet {
    pub table: TableId,
    /// Rectangular: every row is `width` long.
    pub cells: Vec<Vec<Content>>,
    pub merges: Vec<Merge>,
    /// The first row below the first block's heads (where panes freeze).
    pub body_row: usize,
    /// How many columns hold row heads.
    pub head_cols: usize,
}

impl Sheet {
    /// Puts `c` in row `row`'s first position, merged over the whole width.
    fn across(&mut self, row: usize, c: Content) {
        self.cells[row][0] = c;
        let last_col = self.width().saturating_sub(1);
        self.merges.push(Merge {
            first_row: row,
            first_col: 0,
            last_row: row,
            last_col,
        });
    }

    pub fn width(&self) -> usize {
        self.cells.first().map_or(0, Vec::len)
    }
    /// Whether `(row, col)` is covered by a merge without being its first position.
    pub fn covered(&self, row: usize, col: usize) -> bool {
        self.merges.iter().any(|m| {
            (m.first_row..=m.last_row).contains(&row)
                && (m.first_col..=m.last_col).contains(&col)
                && (row, col) != (m.first_row, m.first_col)
        })
    }
}

/// The three tables of a report in its national layout; an error when the report has
/// no national format.
pub fn sheets(report: &Report) -> Result<Vec<Sheet>, String> {
    let format = report
        .format()
        .ok_or_else(|| words::NO_FORMAT.get().to_string())?;
    Ok(format.tables().iter().map(|t| sheet(report, t)).collect())
}

/// Head texts laid over positions, then merged where equal neighbours share a path.
struct HeadGrid {
    /// Per position: the path of heads it belongs to (equal paths merge).
    keys: Vec<Vec<Vec<&'static str>>>,
}

impl HeadGrid {
    /// `paths[j]` split over `depth` levels: a path shorter than the depth stretches its
    /// last head down to the bottom level.
    fn new(paths: &[Vec<&'static str>], depth: usize) -> HeadGrid {
        let keys = (0..depth)
            .map(|l| {
                paths
                    .iter()
                    .map(|p| p[..(l + 1).min(p.len())].to_vec())
                    .collect()
            })
            .collect();
        HeadGrid { keys }
    }

    /// Writes the heads at `(row0, col0)`, levels down when `down`, else levels across
    /// (row heads), merging equal rectangles.
    fn place(&self, sheet: &mut Sheet, row0: usize, col0: usize, down: bool) {
        let levels = self.keys.len();
        let n = self.keys.first().map_or(0, Vec::len);
        let mut done = vec![vec![false; n]; levels];
        for l in 0..levels {
            for j in 0..n {
                if done[l][j] {
                    continue;
                }
                let key = &self.keys[l][j];
                let mut j1 = j;
                while j1 + 1 < n && self.keys[l][j1 + 1] == *key {
                    j1 += 1;
                }
                let mut l1 = l;
                while l1 + 1 < levels && (j..=j1).all(|x| self.keys[l1 + 1][x] == *key) {
                    l1 += 1;
                }
                for row in done.iter_mut().take(l1 + 1).skip(l) {
                    row[j..=j1].iter_mut().for_each(|d| *d = true);
                }
                let text = key.last().copied().unwrap_or("");
                let (r0, c0, r1, c1) = if down {
                    (row0 + l, col0 + j, row0 + l1, col0 + j1)
                } else {
                    (row0 + j, col0 + l, row0 + j1, col0 + l1)
                };
                sheet.cells[r0][c0] = Content::Head(text);
                if (r0, c0) != (r1, c1) {
                    sheet.merges.push(Merge {
                        first_row: r0,
                        first_col: c0,
                        last_row: r1,
                        last_col: c1,
                    });
                }
            }
        }
    }
}

/// A row of values, its row-head path and its cells as (row, column) of the format.
struct BodyRow {
    path: Vec<&'static str>,
    cells: Vec<(&'static Row, &'static Column)>,
}

/// A run of rows under one head, after the caption the format prints before it.
struct Block {
    caption: Option<&'static str>,
    columns: Vec<Vec<&'static str>>,
    rows: Vec<BodyRow>,
}

fn split(label: &'static str) -> Vec<&'static str> {
    label.split('·').collect()
}

/// A column's heads, top down: the head over all columns, then its label's parts.
fn column_path(t: &Table, labels: &[&'static str]) -> Vec<&'static str> {
    [t.over]
        .into_iter()
        .filter(|o| !o.is_empty())
        .chain(labels.iter().flat_map(|l| split(l)))
        .collect()
}

/// The table's blocks: rows sharing their columns under one head; a group's label
/// heads its children; a table printed as a line is one row under its rows' labels.
fn blocks(t: &Table) -> Vec<Block> {
    if t.line {
        let cells: Vec<_> = t
            .rows
            .iter()
            .flat_map(|r| r.columns.iter().map(move |c| (r, c)))
            .collect();
        let columns = cells
            .iter()
            .map(|(r, c)| column_path(t, &[r.label, c.label]))
            .collect();
        let rows = vec![BodyRow {
            path: Vec::new(),
            cells,
        }];
        let caption = None;
        return vec![Block {
            caption,
            columns,
            rows,
        }];
    }
    let mut out: Vec<(&'static [Column], Block)> = Vec::new();
    let mut group: Option<(&'static str, usize)> = None;
    for (i, r) in t.rows.iter().enumerate() {
        if r.role == Role::Group && r.children > 0 {
            group = Some((r.label, r.children));
            continue;
        }
        let path = match group.as_mut() {
            Some((g, left)) if *left > 0 => {
                *left -= 1;
                vec![*g, r.label]
            }
            _ => vec![r.label],
        };
        // a heading row without cells goes with the rows after it
        let cols = match r.role {
            Role::Group => t.rows[i..]
                .iter()
                .find(|x| !x.columns.is_empty())
                .map_or(r.columns, |x| x.columns),
            _ => r.columns,
        };
        let body = BodyRow {
            path,
            cells: r.columns.iter().map(|c| (r, c)).collect(),
        };
        let caption = t.parts.iter().find(|(k, _)| *k == r.key).map(|p| p.1);
        match out.last_mut() {
            Some((c, b)) if caption.is_none() && same_columns(c, cols) => b.rows.push(body),
            _ => out.push((
                cols,
                Block {
                    caption,
                    columns: cols.iter().map(|c| column_path(t, &[c.label])).collect(),
                    rows: vec![body],
                },
            )),
        }
    }
    out.into_iter().map(|(_, b)| b).collect()
}

fn same_columns(a: &[Column], b: &[Column]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.key == y.key)
}

fn value(report: &Report, t: &Table, r: &Row, c: &Column) -> Content {
    let key = format!("{}/{}/{}", t.key(), r.key, c.key);
    let cell = report.cell(&key);
    Content::Value {
        value: cell.and_then(|c| c.value),
        origin: cell.map_or(Origin::Missing, |c| c.origin),
        raw: cell.and_then(|c| c.raw.clone()),
        column: if t.line {
            format!("{}·{}", r.label, c.label)
        } else {
            c.label.to_string()
        },
    }
}

fn sheet(report: &Report, t: &Table) -> Sheet {
    let blocks = blocks(t);
    let head_cols = blocks
        .iter()
        .flat_map(|b| b.rows.iter().map(|r| r.path.len()))
        .max()
        .unwrap_or(0);
    let ncols = blocks.iter().map(|b| b.columns.len()).max().unwrap_or(0);
    let width = head_cols + ncols;
    let depth = |b: &Block| b.columns.iter().map(Vec::len).max().unwrap_or(1);
    let captions = blocks.iter().filter(|b| b.caption.is_some()).count();
    let height = 1
        + captions
        + blocks
            .iter()
            .map(|b| depth(b) + b.rows.len())
            .sum::<usize>();
    let mut s = Sheet {
        table: t.id,
        cells: vec![vec![Content::Empty; width]; height],
        merges: Vec::new(),
        body_row: 0,
        head_cols,
    };
    s.across(0, Content::Title(t.title()));
    let mut at = 1;
    for b in &blocks {
        if let Some(c) = b.caption {
            s.across(at, Content::Caption(c));
            at += 1;
        }
        let d = depth(b);
        if head_cols > 0 {
            if !t.corner.is_empty() {
                s.cells[at][0] = Content::Head(t.corner);
            }
            s.merges.push(Merge {
                first_row: at,
                first_col: 0,
                last_row: at + d - 1,
                last_col: head_cols - 1,
            });
        }
        HeadGrid::new(&b.columns, d).place(&mut s, at, head_cols, true);
        at += d;
        if s.body_row == 0 {
            s.body_row = at;
        }
        let row_paths: Vec<_> = b.rows.iter().map(|r| r.path.clone()).collect();
        HeadGrid::new(&row_paths, head_cols).place(&mut s, at, 0, false);
        for r in &b.rows {
            for (j, (row, col)) in r.cells.iter().enumerate() {
                s.cells[at][head_cols + j] = value(report, t, row, col);
            }
            at += 1;
        }
    }
    s.merges
        .retain(|m| m.first_row != m.last_row || m.first_col != m.last_col);
    s
}

const UTF8_BOM: char = '\u{feff}';

/// The marks column of one CSV row: the columns corrected, then those inferred.
fn marks(row: &[Content]) -> String {
    let list = |want: Origin| {
        row.iter()
            .filter_map(|c| match c {
                Content::Value { origin, column, .. } if *origin == want => Some(column.as_str()),
                _ => None,
            })
            .collect::<Vec<_>>()
    };
    [
        (words::CORRECTED, list(Origin::Corrected)),
        (words::INFERRED, list(Origin::Inferred)),
    ]
    .into_iter()
    .filter(|(_, cols)| !cols.is_empty())
    .map(|(what, cols)| format!("{what}: {}", cols.join(", ")))
    .collect::<Vec<_>>()
    .join(words::LIST_SEP)
}

/// The grid as CSV: the tables one after another, a blank line between; a merged head
/// is written in its first position only; values as the report writes them, a missing
/// one empty; a last column names the columns of the row that were corrected or
/// inferred. It starts with a UTF-8 byte-order mark, without which Excel reads the
/// Chinese as the system's code page.
pub fn to_csv(sheets: &[Sheet]) -> String {
    let mut out = String::from(UTF8_BOM);
    for (k, s) in sheets.iter().enumerate() {
        if k > 0 {
            out.push('\n');
        }
        for (i, row) in s.cells.iter().enumerate() {
            let mut fields: Vec<String> = row
                .iter()
                .enumerate()
                .map(|(j, c)| match c {
                    _ if s.covered(i, j) => String::new(),
                    Content::Empty => String::new(),
                    Content::Title(t) | Content::Caption(t) | Content::Head(t) => t.to_string(),
                    Content::Value { value, .. } => value.map_or(String::new(), |v| v.to_string()),
                })
                .collect();
            fields.push(if i + 1 == s.body_row {
                words::MARKS_HEAD.to_string()
            } else {
                marks(row)
            });
            out.push_str(
                &fields
                    .iter()
                    .map(|f| csv_field(f))
                    .collect::<Vec<_>>()
                    .join(","),
            );
            out.push('\n');
        }
    }
    out
}
