//! Phase three of reading a table: each row's reading → its cells, and the events
//! (PARSE-*, VALUE-UNREADABLE) that `check::rules` words as findings.

use crate::model::event::{EventKind, ReadEvent, SplitWhy};
use crate::model::format::TableId;
use crate::model::identity::row_rule;
use crate::model::num::Num;
use crate::model::{Ambiguity, Cell, Origin};
use crate::read::resolve::{self, Cand, How, Narrowed, Reading};
use crate::read::text::NormText;
use std::ops::Range;

/// Candidates listed for the reviewer, at most.
const LISTED: usize = 20;

/// What reading a report produces, table by table.
#[derive(Default)]
pub struct Sink {
    pub cells: Vec<Cell>,
    pub events: Vec<ReadEvent>,
    pub ambiguities: Vec<Ambiguity>,
}

/// The row a reading fills: its table, label, cells and line.
pub struct RowAt<'l> {
    pub table: TableId,
    pub label: &'l str,
    pub cells: Range<usize>,
    pub line: Option<u32>,
    /// The table's identities narrowed its readings to this one.
    pub settled: bool,
}

impl Sink {
    fn event(&mut self, kind: EventKind, at: &RowAt, cells: Vec<String>, line: Option<u32>) {
        self.events.push(ReadEvent {
            kind,
            label: at.label.to_string(),
            cells,
            line,
        });
    }

    fn keys(&self, at: &RowAt) -> Vec<String> {
        self.cells[at.cells.clone()]
            .iter()
            .map(|c| c.key.to_string())
            .collect()
    }

    /// Turns a row's reading into its cells and the events it calls for.
    pub fn fill(&mut self, nt: &NormText, at: &RowAt, reading: &Reading) {
        let k = at.cells.len();
        let cands: &[Cand] = &reading.cands;
        let single = cands.len() == 1;
        let vals = if single {
            cands[0].cells.clone()
        } else {
            resolve::agreed(cands, k)
        };
        for (i, v) in vals.iter().enumerate() {
            set_cell(nt, &mut self.cells[at.cells.start + i], v, at.line);
        }
        self.how_read(at, reading, vals.iter().all(|v| v.is_some()));
        if !single {
            self.readings(at, reading, &vals);
        }
        for (t, col) in &reading.unreadable {
            let (sa, _) = nt.span(t.a, t.b);
            let cells = match col {
                Some(c) => vec![self.cells[at.cells.start + c].key.to_string()],
                None => self.keys(at),
            };
            let kind = EventKind::Unreadable {
                text: t.text.clone(),
            };
            self.event(kind, at, cells, Some(nt.line_of(sa)));
        }
    }

    /// How the row was read, where it was not one value per column as printed:
    /// too many splits to weigh, a split, or values lost or extra.
    fn how_read(&mut self, at: &RowAt, reading: &Reading, all_placed: bool) {
        let (n, k) = (reading.tokens, at.cells.len());
        let cands = &reading.cands;
        let how = cands.first().map_or(How::Placed, |c| c.how);
        let keys = self.keys(at);
        if reading.incomplete {
            self.event(EventKind::Unweighable, at, keys.clone(), at.line);
            // no reading is known, so nothing may be inferred into these cells either
            self.ambiguities.push(Ambiguity {
                cells: keys,
                candidates: Vec::new(),
                line: at.line,
            });
        } else if how == How::Split || (n < k && cands.iter().any(|c| c.how == How::Split)) {
            if let [one] = &cands[..] {
                let why = match (reading.broken, at.settled, &reading.narrowed) {
                    (true, _, _) => SplitWhy::Broken,
                    (false, true, _) => SplitWhy::Table,
                    (false, false, Some(Narrowed::Bound(b))) => SplitWhy::Bound(b.formula),
                    (false, false, Some(Narrowed::Text(t))) => SplitWhy::Text(t.clone()),
                    (false, false, None) => SplitWhy::Row,
                };
                let values = listed(one);
                self.event(EventKind::Segmented { values, why }, at, keys, at.line);
            }
        } else if n != k {
            let kind = EventKind::Count {
                given: n,
                columns: k,
                placed: all_placed,
            };
            self.event(kind, at, keys, at.line);
        }
    }

    /// Several readings remain: the cells they disagree on stay empty, the candidates
    /// are kept for the reviewer (and bound what may be inferred).
    fn readings(&mut self, at: &RowAt, reading: &Reading, vals: &[Option<resolve::Val>]) {
        let cands = &reading.cands;
        let keys = self.keys(at);
        let open: Vec<String> = (0..keys.len())
            .filter(|&i| vals[i].is_none())
            .map(|i| keys[i].clone())
            .collect();
        let candidates = cands.iter().take(LISTED).map(listed).collect();
        let kind = EventKind::Readings {
            candidates,
            count: cands.len(),
        };
        let named = if open.is_empty() { keys.clone() } else { open };
        self.event(kind, at, named, at.line);
        let candidates: Vec<Vec<Num>> = cands
            .iter()
            .take(LISTED)
            .map(|c| {
                c.cells
                    .iter()
                    .map(|v| v.as_ref().map_or(Num::ZERO, |v| v.num))
                    .collect()
            })
            .collect();
        self.ambiguities.push(Ambiguity {
            cells: keys.clone(),
            candidates,
            line: at.line,
        });
        // The cells stay empty, so the rules cannot check the row's sum; but no
        // reading satisfies it, so it fails whichever reading is right.
        if let (true, Some(rule)) = (reading.broken, row_rule(at.table)) {
            self.event(EventKind::RowUnsatisfied { rule }, at, keys, at.line);
        }
    }
}

/// A candidate's values as the reviewer reads them, `?` for a cell it leaves open.
fn listed(c: &Cand) -> Vec<String> {
    c.values()
        .iter()
        .map(|v| v.map_or("?".into(), |v| v.to_string()))
        .collect()
}

/// A cell takes its value, with the characters it was read from, or is `Inferred`
/// when the row's identity computed it.
fn set_cell(nt: &NormText, cell: &mut Cell, v: &Option<resolve::Val>, line: Option<u32>) {
    let Some(v) = v else {
        cell.line = line;
        return;
    };
    cell.value = Some(v.num);
    match v.tok {
        Some((a, b)) => {
            let (sa, sb) = nt.span(a, b);
            cell.span = Some((sa, sb));
            cell.raw = Some(nt.original[sa..sb].to_string());
            cell.line = Some(nt.line_of(sa));
            cell.origin = Origin::Read;
        }
        None => {
            cell.origin = Origin::Inferred;
            cell.line = line;
        }
    }
}
