//! A trail applied to the report it corrected, and only to it. Each cell's entries are
//! applied together: when one of them was made on this very text (same sha256), or
//! when the text changed but the cell still reads what the first of them corrected, the
//! last one's value is the cell's (the latter said by a `CORRECTION-CHANGED` warning
//! naming the file); when the cell now reads otherwise the correction is not applied
//! and a `CORRECTION-STALE` error says what it was and what the cell reads now. An entry
//! that cannot apply (a cell the report lacks, a value that is not a number) is a
//! `CORRECTION-SKIPPED` error, and the other entries apply all the same.

use super::corrections::{Entry, Kind};
use crate::model::event::{EventKind, ReadEvent};
use crate::model::num::Num;
use crate::model::{Origin, Report};
use std::collections::HashMap;

mod says {
    pub const NO_CELL: &str = "entry {seq} names cell {cell}, which this report does not have";
    pub const NOT_NUMBER: &str = "entry {seq}: \"{value}\" is not a number";
}

/// What a stale correction looked like, for the reviewer to re-confirm or drop.
#[derive(Debug, Clone, PartialEq)]
pub struct Stale {
    pub cell: usize,
    pub seq: u64,
    /// The value the cell had when corrected, and the one it was corrected to.
    pub then: Option<Num>,
    pub new: Option<Num>,
}

fn show(v: Option<Num>) -> String {
    v.map_or("—".to_string(), |n| n.to_string())
}

fn num(s: &Option<String>) -> Result<Option<Num>, String> {
    match s {
        None => Ok(None),
        Some(t) => Num::parse(t).map(Some).ok_or_else(|| t.clone()),
    }
}

fn event(kind: EventKind, label: &str, cells: Vec<String>) -> ReadEvent {
    ReadEvent {
        kind,
        label: label.to_string(),
        cells,
        line: None,
    }
}

/// The corrections of each cell, in the trail's order of first appearance.
fn by_cell(trail: &[Entry]) -> Vec<(&str, Vec<&Entry>)> {
    let mut order: Vec<(&str, Vec<&Entry>)> = Vec::new();
    let mut at: HashMap<&str, usize> = HashMap::new();
    for e in trail {
        if e.kind != Kind::Correction {
            continue;
        }
        let i = *at.entry(e.cell.as_str()).or_insert_with(|| {
            order.push((e.cell.as_str(), Vec::new()));
            order.len() - 1
        });
        order[i].1.push(e);
    }
    order
}

/// A cell's entries whose values are numbers (with their values); the others reported.
fn valid<'a>(
    entries: &[&'a Entry],
    source: &str,
    events: &mut Vec<ReadEvent>,
) -> Vec<(&'a Entry, Option<Num>)> {
    let mut out = Vec::new();
    for e in entries {
        match num(&e.new) {
            Ok(v) => out.push((*e, v)),
            Err(bad) => {
                let why = says::NOT_NUMBER
                    .replace("{seq}", &e.seq.to_string())
                    .replace("{value}", &bad);
                let k = EventKind::CorrectionSkipped { why };
                events.push(event(k, source, vec![e.cell.clone()]));
            }
        }
    }
    out
}

/// Applies a trail to a report as read (its cells' values as the text gives them):
/// each cell takes the value of its last entry when the correction is bound to this
/// text (see the module's doc). `notes` are lines already skipped (the file, and why);
/// `source` names the trail's file in messages. Returns the stale corrections.
pub fn apply(
    report: &mut Report,
    trail: &[Entry],
    notes: &[(String, String)],
    source: &str,
) -> Vec<Stale> {
    report.read_events.retain(|e| !e.kind.is_correction());
    let mut events: Vec<ReadEvent> = notes
        .iter()
        .map(|(file, why)| {
            let k = EventKind::CorrectionSkipped { why: why.clone() };
            event(k, file, vec![])
        })
        .collect();
    let sha = report.source.sha256.clone();
    let (mut stale, mut changed, mut corrected) = (Vec::new(), Vec::new(), 0);
    for (key, entries) in by_cell(trail) {
        let Some(i) = report.cell_index(key) else {
            let seqs: Vec<String> = entries.iter().map(|e| e.seq.to_string()).collect();
            let why = says::NO_CELL
                .replace("{seq}", &seqs.join(", "))
                .replace("{cell}", key);
            events.push(event(EventKind::CorrectionSkipped { why }, source, vec![]));
            continue;
        };
        let entries = valid(&entries, source, &mut events);
        let (Some(first), Some(last)) = (entries.first(), entries.last()) else {
            continue;
        };
        let bound = entries
            .iter()
            .any(|(e, _)| e.sha256.as_deref().is_none_or(|s| s == sha));
        let then = num(&first.0.old).ok().flatten();
        let now = report.cells[i].value;
        if !bound && then != now {
            let kind = EventKind::CorrectionStale {
                seq: last.0.seq,
                new: show(last.1),
                then: show(then),
                now: show(now),
            };
            let mut ev = event(kind, key, vec![key.to_string()]);
            ev.line = report.cells[i].line;
            events.push(ev);
            stale.push(Stale {
                cell: i,
                seq: last.0.seq,
                then,
                new: last.1,
            });
            continue;
        }
        if !bound {
            changed.push(key.to_string());
        }
        let c = &mut report.cells[i];
        if c.value != last.1 {
            c.value = last.1;
            c.origin = Origin::Corrected;
            corrected += 1;
        }
    }
    if !changed.is_empty() {
        let kind = EventKind::CorrectionChanged {
            count: changed.len(),
        };
        let path = report.source.path.clone();
        events.push(event(kind, &path, changed));
    }
    report.read_events.extend(events);
    report.corrections.corrected = corrected;
    stale
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::corrections::Act;

    const DEMO: &str = include_str!("../demo/demo-2023.txt");
    const CELL: &str = "t3/unable.not_held/natural";

    fn report(text: &str) -> Report {
        let sha = format!(
            "{:x}",
            <sha2::Sha256 as sha2::Digest>::digest(text.as_bytes())
        );
        crate::read::read_text(
            "r.txt",
            text.to_string(),
            crate::input::decode::Encoding::Utf8,
            sha,
        )
    }

    fn entry(seq: u64, cell: &str, old: &str, new: &str, sha: &str) -> Entry {
        Entry {
            seq,
            kind: Kind::Correction,
            action: Act::Set,
            of: None,
            cell: cell.into(),
            old: Some(old.into()),
            new: Some(new.into()),
            reason: String::new(),
            reviewer: "a".into(),
            time: "t".into(),
            sha256: Some(sha.into()),
        }
    }

    fn rules(r: &Report) -> Vec<&'static str> {
        crate::check::rules::check(r)
            .iter()
            .map(|f| f.rule)
            .collect()
    }

    #[test]
    fn same_text_applies_silently() {
        let mut r = report(DEMO);
        let sha = r.source.sha256.clone();
        let stale = apply(&mut r, &[entry(1, CELL, "7", "6", &sha)], &[], "f");
        assert!(stale.is_empty());
        assert_eq!(r.value(CELL).map(|v| v.to_string()).as_deref(), Some("6"));
        assert!(!rules(&r).iter().any(|x| x.starts_with("CORRECTION")));
    }

    #[test]
    fn a_changed_report_whose_cell_reads_as_then_applies_with_a_warning() {
        let mut r = report(&format!("{DEMO}\n附：一行新文字\n"));
        let stale = apply(&mut r, &[entry(1, CELL, "7", "6", "0ld")], &[], "f");
        assert!(stale.is_empty());
        assert_eq!(r.cell(CELL).unwrap().origin, Origin::Corrected);
        let found = crate::check::rules::check(&r);
        let w = found
            .iter()
            .find(|f| f.rule == "CORRECTION-CHANGED")
            .unwrap();
        assert!(w.message.contains("r.txt"), "names the file: {}", w.message);
    }

    #[test]
    fn a_cell_that_now_reads_otherwise_is_not_corrected_but_reported() {
        let mut r = report(DEMO);
        let stale = apply(&mut r, &[entry(1, CELL, "2", "0", "0ld")], &[], "f");
        assert_eq!(stale.len(), 1);
        assert_eq!(r.value(CELL).map(|v| v.to_string()).as_deref(), Some("7"));
        let found = crate::check::rules::check(&r);
        let f = found.iter().find(|f| f.rule == "CORRECTION-STALE").unwrap();
        assert_eq!(f.severity, crate::model::Severity::Error);
        for part in [CELL, "2", "0", "7"] {
            assert!(f.message.contains(part), "{}", f.message);
        }
    }

    #[test]
    fn one_bad_entry_is_reported_and_the_others_apply() {
        let mut r = report(DEMO);
        let sha = r.source.sha256.clone();
        let trail = [
            entry(1, "t9/nothing/here", "1", "2", &sha),
            entry(2, CELL, "7", "x", &sha),
            entry(3, CELL, "7", "6", &sha),
        ];
        apply(&mut r, &trail, &[("j".into(), "line 4: torn".into())], "f");
        assert_eq!(r.value(CELL).map(|v| v.to_string()).as_deref(), Some("6"));
        assert_eq!(r.corrections.corrected, 1);
        let skipped = rules(&r)
            .iter()
            .filter(|x| **x == "CORRECTION-SKIPPED")
            .count();
        assert_eq!(skipped, 3);
    }
}
