//! The trail's entries other than corrections, read into the report's
//! [`crate::model::marks::Marks`]: each finding's disposition, each cell's note, the
//! report's review state. The last entry of a subject is its state, except that an undo
//! or a redo brings back the state from before or after the entry it names, with that
//! entry's reviewer, time and reason (who undid it is in the trail).

use super::corrections::{Act, Entry, Kind};
use crate::model::marks::{Marks, Note};
use crate::model::{Disposed, Disposition};
use std::collections::HashMap;

/// The entry whose state each subject of `kind` is in after the trail (`None`: cleared),
/// subjects in the order the trail first names them.
pub fn states(trail: &[Entry], kind: Kind) -> Vec<(&str, Option<&Entry>)> {
    let mut order: Vec<(&str, Option<&Entry>)> = Vec::new();
    let mut at: HashMap<&str, usize> = HashMap::new();
    let mut before: HashMap<u64, Option<&Entry>> = HashMap::new();
    let mut set: HashMap<u64, &Entry> = HashMap::new();
    let state = |e: &'_ Entry| -> bool { e.new.is_some() };
    for e in trail.iter().filter(|e| e.kind == kind) {
        let i = *at.entry(e.cell.as_str()).or_insert_with(|| {
            order.push((e.cell.as_str(), None));
            order.len() - 1
        });
        let cur = order[i].1;
        let restored = match (e.action, e.of) {
            (Act::Undo, Some(of)) => before.get(&of).copied(),
            (Act::Redo, Some(of)) => set.get(&of).map(|s| Some(*s).filter(|s| state(s))),
            _ => None,
        };
        order[i].1 = match restored {
            Some(r) => r,
            None => {
                before.insert(e.seq, cur);
                set.insert(e.seq, e);
                Some(e).filter(|e| state(e))
            }
        };
    }
    order
}

/// The state of one subject (see [`states`]).
pub fn state_of<'a>(trail: &'a [Entry], kind: Kind, subject: &str) -> Option<&'a Entry> {
    states(trail, kind)
        .into_iter()
        .find(|(s, _)| *s == subject)
        .and_then(|(_, e)| e)
}

/// Every disposition, note and review mark of a trail.
pub fn marks(trail: &[Entry]) -> Marks {
    let dispositions = states(trail, Kind::Disposition)
        .into_iter()
        .filter_map(|(key, e)| {
            let e = e?;
            let disposition = Disposition::parse(e.new.as_deref()?)?;
            let d = Disposed {
                disposition,
                reason: e.reason.clone(),
                reviewer: e.reviewer.clone(),
                time: e.time.clone(),
            };
            Some((key.to_string(), d))
        })
        .collect();
    let notes = states(trail, Kind::Note)
        .into_iter()
        .filter_map(|(cell, e)| {
            let e = e?;
            Some(Note {
                cell: cell.to_string(),
                text: e.new.clone()?,
                reviewer: e.reviewer.clone(),
                time: e.time.clone(),
            })
        })
        .collect();
    Marks {
        dispositions,
        notes,
        review: super::review::review(trail),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(seq: u64, kind: Kind, cell: &str, new: Option<&str>, why: &str) -> Entry {
        Entry {
            seq,
            kind,
            action: Act::Set,
            of: None,
            cell: cell.into(),
            old: None,
            new: new.map(str::to_string),
            reason: why.into(),
            reviewer: "wang".into(),
            time: format!("t{seq}"),
            sha256: None,
        }
    }

    fn undo(seq: u64, of: u64, src: &Entry, new: Option<&str>) -> Entry {
        let mut e = entry(seq, src.kind, &src.cell, new, "");
        (e.action, e.of) = (Act::Undo, Some(of));
        e
    }

    #[test]
    fn the_last_entry_is_the_state_and_undo_brings_back_the_one_before() {
        let k = "T3-TOTAL:t3/total/natural";
        let d1 = entry(1, Kind::Disposition, k, Some("dismissed"), "口径不同");
        let d2 = entry(2, Kind::Disposition, k, Some("confirmed"), "");
        let n1 = entry(3, Kind::Note, "t3/new/natural", Some("问过了"), "");
        let n2 = entry(4, Kind::Note, "t3/new/natural", None, "");
        let m = marks(&[d1.clone(), d2.clone(), n1.clone(), n2.clone()]);
        assert_eq!(
            m.disposition(k).map(|d| d.disposition),
            Some(Disposition::Confirmed)
        );
        assert!(m.notes.is_empty(), "removed by the last entry");
        let u = undo(5, 2, &d2, Some("dismissed"));
        let u2 = undo(6, 4, &n2, Some("问过了"));
        let m = marks(&[d1, d2, n1, n2, u, u2]);
        let d = m.disposition(k).unwrap();
        assert_eq!(d.disposition, Disposition::Dismissed);
        assert_eq!((d.reason.as_str(), d.time.as_str()), ("口径不同", "t1"));
        assert_eq!(m.note("t3/new/natural").unwrap().text, "问过了");
    }
}
