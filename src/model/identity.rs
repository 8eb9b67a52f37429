//! The format's identities (勾稽关系) as linear equations over cells.
//!
//! The same equations serve four steps: choosing between readings of glued digits,
//! inferring cells the text lost, checking (the T3-*/T4-SUM/SUBTOTAL rules), and
//! naming the one cell whose change would satisfy every failing identity.

use crate::model::format::{Role, T3_COLUMNS, T4_COLUMNS};
use crate::model::num::Num;
use crate::model::{Cell, Report};
use std::collections::HashMap;

/// `sum(lhs) = sum(rhs)`, by index into the report's cells.
#[derive(Debug, Clone)]
pub struct Identity {
    pub rule: &'static str,
    /// What the identity is about, for messages: "t3 column 自然人".
    pub what: String,
    pub lhs: Vec<usize>,
    pub rhs: Vec<usize>,
    /// How each side reads in a message: "the outcome rows", "（七）总计".
    pub lhs_says: &'static str,
    pub rhs_says: &'static str,
}

impl Identity {
    pub fn cells(&self) -> impl Iterator<Item = usize> + '_ {
        self.lhs.iter().chain(self.rhs.iter()).copied()
    }

    pub fn sides(&self, cells: &[Cell]) -> Option<(Num, Num)> {
        let l = Num::sum(
            self.lhs
                .iter()
                .map(|&i| cells[i].value)
                .collect::<Option<Vec<_>>>()?,
        )?;
        let r = Num::sum(
            self.rhs
                .iter()
                .map(|&i| cells[i].value)
                .collect::<Option<Vec<_>>>()?,
        )?;
        Some((l, r))
    }
}

/// Every identity of the report's format over its cells. Reports as `read` leaves them
/// share one list per format (computed once); others get their own.
pub fn identities(report: &Report) -> std::borrow::Cow<'static, [Identity]> {
    use std::sync::OnceLock;
    static I2019: OnceLock<Vec<Identity>> = OnceLock::new();
    static I2021: OnceLock<Vec<Identity>> = OnceLock::new();
    let Some(t) = report.meta.template else {
        return std::borrow::Cow::Owned(Vec::new());
    };
    if !report.subtotals.is_empty() || !report.in_format_order() {
        return std::borrow::Cow::Owned(build(report));
    }
    let cache = match t {
        crate::model::format::Template::Y2019 => &I2019,
        crate::model::format::Template::Y2021 => &I2021,
    };
    let n = t.format().keys().len();
    std::borrow::Cow::Borrowed(cache.get_or_init(|| {
        // only the format's own cells: added rows carry no identity without a subtotal
        let mut r = report.clone();
        r.cells.truncate(n);
        build(&r)
    }))
}

fn build(report: &Report) -> Vec<Identity> {
    let Some(format) = report.format() else {
        return Vec::new();
    };
    let idx: HashMap<&str, usize> = report
        .cells
        .iter()
        .enumerate()
        .map(|(i, c)| (&*c.key, i))
        .collect();
    let get = |k: String| idx.get(k.as_str()).copied();
    let mut out = Vec::new();
    let t3 = &format.t3;
    let rows: Vec<&crate::model::format::Row> =
        t3.rows.iter().filter(|r| r.role != Role::Group).collect();
    // T3-ROWSUM, for format rows and added t3 rows alike
    let mut t3_rows: Vec<(String, String)> = rows
        .iter()
        .map(|r| (r.key.to_string(), r.short.to_string()))
        .collect();
    for s in &report.subtotals {
        if s.table == "t3" {
            t3_rows.push((s.row.clone(), s.row.clone()));
        }
    }
    for (rk, short) in &t3_rows {
        let parts: Option<Vec<usize>> = T3_COLUMNS[..6]
            .iter()
            .map(|c| get(format!("t3/{rk}/{}", c.key)))
            .collect();
        if let (Some(parts), Some(whole)) = (parts, get(format!("t3/{rk}/total"))) {
            out.push(Identity {
                rule: "T3-ROWSUM",
                what: format!("t3 row {short}"),
                lhs: parts,
                rhs: vec![whole],
                lhs_says: "the six applicant columns",
                rhs_says: "总计",
            });
        }
    }
    for c in T3_COLUMNS {
        let leaves: Option<Vec<usize>> = rows
            .iter()
            .filter(|r| r.role == Role::Leaf)
            .map(|r| get(format!("t3/{}/{}", r.key, c.key)))
            .collect();
        let total = get(format!("t3/total/{}", c.key));
        if let (Some(leaves), Some(total)) = (leaves, total) {
            out.push(Identity {
                rule: "T3-TOTAL",
                what: format!("t3 column {}", c.short),
                lhs: leaves,
                rhs: vec![total],
                lhs_says: "the outcome rows",
                rhs_says: "（七）总计",
            });
        }
        let lhs: Option<Vec<usize>> = ["new", "carried_in"]
            .iter()
            .map(|r| get(format!("t3/{r}/{}", c.key)))
            .collect();
        let rhs: Option<Vec<usize>> = ["total", "carried_out"]
            .iter()
            .map(|r| get(format!("t3/{r}/{}", c.key)))
            .collect();
        if let (Some(lhs), Some(rhs)) = (lhs, rhs) {
            out.push(Identity {
                rule: "T3-BALANCE",
                what: format!("t3 column {}", c.short),
                lhs,
                rhs,
                lhs_says: "新收 + 上年结转",
                rhs_says: "总计 + 结转下年度",
            });
        }
    }
    for r in format.t4.rows {
        let parts: Option<Vec<usize>> = T4_COLUMNS[..4]
            .iter()
            .map(|c| get(format!("t4/{}/{}", r.key, c.key)))
            .collect();
        if let (Some(parts), Some(whole)) = (parts, get(format!("t4/{}/total", r.key))) {
            out.push(Identity {
                rule: "T4-SUM",
                what: format!("t4 row {}", r.short),
                lhs: parts,
                rhs: vec![whole],
                lhs_says: "维持 + 纠正 + 其他 + 尚未审结",
                rhs_says: "总计",
            });
        }
    }
    for s in &report.subtotals {
        let cols: Vec<&str> = report
            .cells
            .iter()
            .filter(|c| c.table == s.table && c.row == s.row)
            .map(|c| c.column.key)
            .collect();
        for col in cols {
            let members: Option<Vec<usize>> = s
                .members
                .iter()
                .map(|m| get(format!("{}/{m}/{col}", s.table)))
                .collect();
            if let (Some(members), Some(sub)) =
                (members, get(format!("{}/{}/{col}", s.table, s.row)))
            {
                out.push(Identity {
                    rule: "SUBTOTAL",
                    what: format!("{} {} column {col}", s.table, s.row),
                    lhs: members,
                    rhs: vec![sub],
                    lhs_says: "the rows it sums",
                    rhs_says: "the subtotal",
                });
            }
        }
    }
    out
}
