//! The format's identities (勾稽关系), derived from the roles its rows and columns play.
//!
//! This is their one home. The same equations serve four steps: choosing between
//! readings of glued digits (`read::resolve`), inferring cells the text lost
//! (`read::infer`), checking (the T3-*/T4-SUM/SUBTOTAL rules), and naming the one cell
//! whose change would satisfy every failing identity. Two kinds, both parts → whole:
//! [`RowSum`] across a row's columns and [`RoleSum`] across a table's rows.

use crate::model::format::{Column, Role, Row, TableId, Template};
use crate::model::num::Num;
use crate::model::{Cell, Report};
use std::borrow::Cow;
use std::collections::HashMap;

/// `sum(lhs) = sum(rhs)`, by index into the report's cells.
#[derive(Debug, Clone)]
pub struct Identity {
    pub rule: &'static str,
    /// What the identity is about, for messages: "t3 column 自然人".
    pub what: String,
    pub lhs: Vec<usize>,
    pub rhs: Vec<usize>,
}

impl Identity {
    pub fn cells(&self) -> impl Iterator<Item = usize> + '_ {
        self.lhs.iter().chain(self.rhs.iter()).copied()
    }

    pub fn sides(&self, cells: &[Cell]) -> Option<(Num, Num)> {
        let side = |s: &[usize]| {
            Num::sum(
                s.iter()
                    .map(|&i| cells[i].value)
                    .collect::<Option<Vec<_>>>()?,
            )
        };
        Some((side(&self.lhs)?, side(&self.rhs)?))
    }
}

/// A row's identity across its columns: `sum(parts) = whole`, by column index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowSum {
    pub rule: &'static str,
    pub parts: Vec<usize>,
    pub whole: usize,
}

/// The column every other column of a row adds up to.
const WHOLE_COLUMN: &str = "total";

/// The rule a table's row sums answer to; t2 has none.
pub fn row_rule(table: TableId) -> Option<&'static str> {
    match table {
        TableId::T2 => None,
        TableId::T3 => Some("T3-ROWSUM"),
        TableId::T4 => Some("T4-SUM"),
    }
}

/// The row sum of a row of `columns` in `table`: every column adds up to 总计.
pub fn row_sum(table: TableId, columns: &[Column]) -> Option<RowSum> {
    let rule = row_rule(table)?;
    let whole = columns.iter().position(|c| c.key == WHOLE_COLUMN)?;
    let parts = (0..columns.len()).filter(|&i| i != whole).collect();
    Some(RowSum { rule, parts, whole })
}

/// The row sums of rows printed one after another on one line (t4's 15 values),
/// by index into the line.
pub fn line_sums(table: TableId, rows: &[Row]) -> Vec<RowSum> {
    let mut out = Vec::new();
    let mut at = 0;
    for r in rows {
        if let Some(s) = row_sum(table, r.columns) {
            out.push(RowSum {
                rule: s.rule,
                parts: s.parts.iter().map(|p| p + at).collect(),
                whole: s.whole + at,
            });
        }
        at += r.columns.len();
    }
    out
}

/// A table identity across rows, column by column: the rows playing the `parts` roles
/// add up to the rows playing the `whole` roles.
#[derive(Debug)]
pub struct RoleSum {
    pub rule: &'static str,
    pub parts: &'static [Role],
    pub whole: &'static [Role],
}

/// The t3 identities across rows, in the order they are checked for each column.
pub const ROLE_SUMS: [RoleSum; 2] = [
    RoleSum {
        rule: "T3-TOTAL",
        parts: &[Role::Leaf],
        whole: &[Role::Total],
    },
    RoleSum {
        rule: "T3-BALANCE",
        parts: &[Role::New, Role::CarriedIn],
        whole: &[Role::Total, Role::CarriedOut],
    },
];

/// The identities across the rows of `table`: none but in t3.
pub fn role_sums(table: TableId) -> &'static [RoleSum] {
    match table {
        TableId::T3 => &ROLE_SUMS,
        _ => &[],
    }
}

impl RoleSum {
    /// True when a row of `role` is on either side of this identity.
    pub fn reads(&self, role: Role) -> bool {
        self.parts.contains(&role) || self.whole.contains(&role)
    }
}

/// Every identity of the report's format over its cells. Reports as `read` leaves them
/// share one list per format (computed once); others get their own.
pub fn identities(report: &Report) -> Cow<'static, [Identity]> {
    use std::sync::OnceLock;
    static I2019: OnceLock<Vec<Identity>> = OnceLock::new();
    static I2021: OnceLock<Vec<Identity>> = OnceLock::new();
    let Some(t) = report.meta.template else {
        return Cow::Owned(Vec::new());
    };
    if !report.subtotals.is_empty() || !report.in_format_order() {
        return Cow::Owned(build(report));
    }
    let cache = match t {
        Template::Y2019 => &I2019,
        Template::Y2021 => &I2021,
    };
    let n = t.format().keys().len();
    Cow::Borrowed(cache.get_or_init(|| {
        // only the format's own cells: added rows carry no identity without a subtotal
        let mut r = report.clone();
        r.cells.truncate(n);
        build(&r)
    }))
}

/// Cell indices by key, to turn identities over keys into identities over cells.
struct Keys<'a>(HashMap<&'a str, usize>);

impl Keys<'_> {
    fn get(&self, k: &str) -> Option<usize> {
        self.0.get(k).copied()
    }
    fn all(&self, keys: impl Iterator<Item = String>) -> Option<Vec<usize>> {
        keys.map(|k| self.get(&k)).collect()
    }
}

fn build(report: &Report) -> Vec<Identity> {
    let Some(format) = report.format() else {
        return Vec::new();
    };
    let keys = Keys(
        report
            .cells
            .iter()
            .enumerate()
            .map(|(i, c)| (&*c.key, i))
            .collect(),
    );
    let mut out = Vec::new();
    for table in [&format.t3, &format.t4] {
        let rows: Vec<(String, String, &[Column])> = table
            .rows
            .iter()
            .filter(|r| r.role != Role::Group)
            .map(|r| (r.key.to_string(), r.short.to_string(), r.columns))
            .collect();
        row_identities(&keys, table.id, &rows, &mut out);
        // rows the report adds sum their columns as the format's rows do
        if table.id == TableId::T3 {
            let added: Vec<(String, String, &[Column])> = report
                .subtotals
                .iter()
                .filter(|s| s.table == table.key())
                .map(|s| {
                    (
                        s.row.clone(),
                        s.row.clone(),
                        crate::model::format::T3_COLUMNS,
                    )
                })
                .collect();
            row_identities(&keys, table.id, &added, &mut out);
            role_identities(&keys, table.id, table.rows, &mut out);
        }
    }
    subtotal_identities(report, &keys, &mut out);
    out
}

/// Each row's sum across its columns: `"{table} row {short}"`.
fn row_identities(
    keys: &Keys,
    table: TableId,
    rows: &[(String, String, &[Column])],
    out: &mut Vec<Identity>,
) {
    for (rk, short, columns) in rows {
        let Some(s) = row_sum(table, columns) else {
            continue;
        };
        let cell = |i: usize| format!("{}/{rk}/{}", table.key(), columns[i].key);
        if let (Some(lhs), Some(whole)) = (
            keys.all(s.parts.iter().map(|&i| cell(i))),
            keys.get(&cell(s.whole)),
        ) {
            out.push(Identity {
                rule: s.rule,
                what: format!("{} row {short}", table.key()),
                lhs,
                rhs: vec![whole],
            });
        }
    }
}

/// The identities across rows, column by column: `"{table} column {short}"`.
fn role_identities(keys: &Keys, table: TableId, rows: &[Row], out: &mut Vec<Identity>) {
    let Some(columns) = rows
        .iter()
        .find(|r| r.role != Role::Group)
        .map(|r| r.columns)
    else {
        return;
    };
    for c in columns {
        for sum in role_sums(table) {
            let side = |want: &[Role]| {
                keys.all(
                    rows.iter()
                        .filter(|r| want.contains(&r.role))
                        .map(|r| format!("{}/{}/{}", table.key(), r.key, c.key)),
                )
            };
            if let (Some(lhs), Some(rhs)) = (side(sum.parts), side(sum.whole)) {
                out.push(Identity {
                    rule: sum.rule,
                    what: format!("{} column {}", table.key(), c.short),
                    lhs,
                    rhs,
                });
            }
        }
    }
}

/// Each subtotal a report adds equals its members, column by column.
fn subtotal_identities(report: &Report, keys: &Keys, out: &mut Vec<Identity>) {
    for s in &report.subtotals {
        let cols = report
            .cells
            .iter()
            .filter(|c| c.table == s.table && c.row == s.row)
            .map(|c| c.column.key);
        for col in cols {
            let members = keys.all(s.members.iter().map(|m| format!("{}/{m}/{col}", s.table)));
            if let (Some(lhs), Some(sub)) =
                (members, keys.get(&format!("{}/{}/{col}", s.table, s.row)))
            {
                out.push(Identity {
                    rule: "SUBTOTAL",
                    what: format!("{} {} column {col}", s.table, s.row),
                    lhs,
                    rhs: vec![sub],
                });
            }
        }
    }
}
