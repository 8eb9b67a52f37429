//! The last phase of reading: cells the text lost, filled where the format's identities
//! (`model::identity`, their one home) allow exactly one value.

use crate::model::format::Kind;
use crate::model::identity::{identities, Identity};
use crate::model::num::Num;
use crate::model::{Cell, Origin, Report};
use std::collections::{HashMap, HashSet};

/// Rounds of filling: a cell filled may complete another identity.
const ROUNDS: usize = 8;

/// Fills missing cells whose value every identity that fixes them agrees on.
pub fn infer(report: &mut Report) {
    let ids = identities(report);
    let allowed = allowed_values(report);
    for _round in 0..ROUNDS {
        let proposals = proposals(&report.cells, &ids);
        let mut changed = false;
        for (u, vals) in proposals {
            changed |= accept(&mut report.cells, &ids, &allowed, u, &vals);
        }
        if !changed {
            break;
        }
    }
}

/// A cell of a row whose glued digits stayed ambiguous may only take a value one of
/// the text's readings gives it: the text, not the identities, has the last word.
fn allowed_values(report: &Report) -> HashMap<usize, Vec<Num>> {
    let mut allowed = HashMap::new();
    for a in &report.ambiguities {
        for (pos, key) in a.cells.iter().enumerate() {
            if let Some(i) = report.cells.iter().position(|c| &c.key == key) {
                let vals = a
                    .candidates
                    .iter()
                    .filter_map(|c| c.get(pos).copied())
                    .collect();
                allowed.insert(i, vals);
            }
        }
    }
    allowed
}

fn fails(id: &Identity, cells: &[Cell]) -> bool {
    matches!(id.sides(cells), Some((l, r)) if l != r)
}

/// The values each identity with unknown cells proposes for them, by cell.
fn proposals(cells: &[Cell], ids: &[Identity]) -> HashMap<usize, Vec<Num>> {
    let mut proposals: HashMap<usize, Vec<Num>> = HashMap::new();
    // Cells of a complete identity that fails: one of them is wrong, so nothing is
    // inferred from them (a wrong 总计 would pass its error on to the cell inferred).
    let suspect: HashSet<usize> = ids
        .iter()
        .filter(|id| fails(id, cells))
        .flat_map(|id| id.cells())
        .collect();
    let mut zero_fill: Vec<usize> = Vec::new();
    for id in ids {
        let unknown: Vec<usize> = id.cells().filter(|&i| cells[i].value.is_none()).collect();
        if unknown.is_empty() || id.cells().any(|i| suspect.contains(&i)) {
            continue;
        }
        let known = |side: &[usize]| Num::sum(side.iter().filter_map(|&i| cells[i].value));
        let (Some(l), Some(r)) = (known(&id.lhs), known(&id.rhs)) else {
            continue;
        };
        if let [u] = unknown[..] {
            let v = if id.lhs.contains(&u) {
                r.checked_sub(l)
            } else {
                l.checked_sub(r)
            };
            if let Some(v) = v {
                proposals.entry(u).or_default().push(v);
            }
        } else if all_zero(cells, id, &unknown, l, r) {
            zero_fill.extend(unknown);
        }
    }
    for u in zero_fill {
        proposals.entry(u).or_default().push(Num::ZERO);
    }
    proposals
}

/// Non-negative unknowns on one side that must sum to zero are all zero.
fn all_zero(cells: &[Cell], id: &Identity, unknown: &[usize], l: Num, r: Num) -> bool {
    let all_left = unknown.iter().all(|u| id.lhs.contains(u));
    let all_right = unknown.iter().all(|u| id.rhs.contains(u));
    let counts = unknown.iter().all(|&u| cells[u].column.kind == Kind::Count);
    counts
        && ((all_left && r.checked_sub(l) == Some(Num::ZERO))
            || (all_right && l.checked_sub(r) == Some(Num::ZERO)))
}

/// Fills cell `u` when the proposals agree on a value its column may hold, the text's
/// readings allow it, and no complete identity through it then fails.
fn accept(
    cells: &mut [Cell],
    ids: &[Identity],
    allowed: &HashMap<usize, Vec<Num>>,
    u: usize,
    vals: &[Num],
) -> bool {
    let v = vals[0];
    if vals.iter().any(|x| *x != v) {
        return false;
    }
    let kind = cells[u].column.kind;
    if cells[u].value.is_some()
        || (v.is_negative() && kind == Kind::Count)
        || (!v.is_whole() && kind != Kind::Amount)
        || allowed.get(&u).is_some_and(|vals| !vals.contains(&v))
    {
        return false;
    }
    cells[u].value = Some(v);
    // Retract when another complete identity through this cell disagrees: then the
    // identities do not allow exactly one value.
    let contradicts = ids
        .iter()
        .filter(|id| id.cells().any(|i| i == u))
        .any(|id| fails(id, cells));
    if contradicts {
        cells[u].value = None;
        return false;
    }
    cells[u].origin = Origin::Inferred;
    true
}
