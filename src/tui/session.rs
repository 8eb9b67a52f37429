//! The review session's data, apart from the screen: the report as read and as
//! corrected, the trail (corrections, dispositions, notes, review marks) with its undo
//! and redo stacks, the findings
//! and each cell's status, and last year's report with the year diff.
//!
//! Only [`super::app`] changes it, from `update`; everything else reads it.

use crate::check::diff::YearDiff;
use crate::model::num::Num;
use crate::model::{Finding, Origin, Report, Severity};
use crate::record::bind::{self, Stale};
use crate::record::corrections::{self, Act, Entry, Kind};
use crate::record::marks;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    Ok,
    Missing,
    Inferred,
    Corrected,
    /// In a failing identity whose fix names another cell.
    Involved,
    Warning,
    Ambiguous,
    Error,
}

impl Status {
    /// The mark that shows the status without colour.
    pub fn mark(self) -> char {
        match self {
            Status::Ok => ' ',
            Status::Missing => ' ',
            Status::Inferred => '~',
            Status::Corrected => '*',
            Status::Warning => '?',
            Status::Involved => '.',
            Status::Ambiguous => '#',
            Status::Error => '!',
        }
    }
    pub fn name(self) -> crate::lang::Msg {
        use super::says as w;
        match self {
            Status::Ok => w::ST_OK,
            Status::Missing => w::ST_MISSING,
            Status::Inferred => w::ST_INFERRED,
            Status::Corrected => w::ST_CORRECTED,
            Status::Warning => w::ST_WARNING,
            Status::Involved => w::ST_INVOLVED,
            Status::Ambiguous => w::ST_AMBIGUOUS,
            Status::Error => w::ST_ERROR,
        }
    }
}

/// One row of a table on screen.
#[derive(Debug, Clone)]
pub struct GridRow {
    pub short: String,
    pub label: String,
    pub cells: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Grid {
    pub id: &'static str,
    pub title: &'static str,
    pub rows: Vec<GridRow>,
}

pub struct Session {
    report: Report,
    original: Vec<(Option<Num>, Origin)>,
    findings: Vec<Finding>,
    status: Vec<Status>,
    cell_findings: Vec<Vec<usize>>,
    grids: Vec<Grid>,
    /// Byte range of each line of the text, without its line feed.
    lines: Vec<(usize, usize)>,
    trail: Vec<Entry>,
    undo: Vec<Vec<u64>>,
    redo: Vec<Vec<u64>>,
    saved_seq: u64,
    readonly: Option<String>,
    reviewer: String,
    clock: fn() -> String,
    title: String,
    prior: Option<Box<Report>>,
    year_diff: Option<YearDiff>,
    copied_threshold: f64,
    /// Where the trail lives, for messages about it; journal lines skipped on restore.
    source: String,
    notes: Vec<(String, String)>,
    /// Corrections made on another text whose cells now read otherwise: not applied.
    stale: Vec<Stale>,
    /// Entries whose journal append failed: only in this session until written.
    unjournaled: Vec<u64>,
}

impl Session {
    /// A session over a report (as read, without corrections) and the trail to restore.
    pub fn new(report: Report, trail: Vec<Entry>, saved_seq: u64) -> Session {
        let original = report.cells.iter().map(|c| (c.value, c.origin)).collect();
        let lines = line_ranges(&report.text);
        let grids = build_grids(&report);
        let title = report.source.path.clone();
        let mut s = Session {
            report,
            original,
            findings: Vec::new(),
            status: Vec::new(),
            cell_findings: Vec::new(),
            grids,
            lines,
            trail,
            undo: Vec::new(),
            redo: Vec::new(),
            saved_seq,
            readonly: None,
            reviewer: corrections::reviewer(),
            clock: corrections::now_utc,
            title,
            prior: None,
            year_diff: None,
            copied_threshold: crate::check::diff::DEFAULT_COPIED_THRESHOLD,
            source: String::new(),
            notes: Vec::new(),
            stale: Vec::new(),
            unjournaled: Vec::new(),
        };
        s.source = s.title.clone();
        s.rebuild_undo();
        s.recompute();
        s
    }

    /// Rebuilds the undo and redo stacks from the trail, so undo works across sessions.
    fn rebuild_undo(&mut self) {
        for e in &self.trail {
            match e.action {
                Act::Set => {
                    self.undo.push(vec![e.seq]);
                    self.redo.clear();
                }
                Act::Undo => {
                    if let Some(g) = self.undo.pop() {
                        self.redo.push(g);
                    }
                }
                Act::Redo => {
                    if let Some(g) = self.redo.pop() {
                        self.undo.push(g);
                    }
                }
            }
        }
    }

    pub fn report(&self) -> &Report {
        &self.report
    }
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }
    /// Each cell's status, by index in `report.cells`.
    pub fn status(&self) -> &[Status] {
        &self.status
    }
    /// The findings on each cell, as indices into `findings`.
    pub fn cell_findings(&self) -> &[Vec<usize>] {
        &self.cell_findings
    }
    pub fn grids(&self) -> &[Grid] {
        &self.grids
    }
    /// Byte range of each line of the text, without its line feed.
    pub fn lines(&self) -> &[(usize, usize)] {
        &self.lines
    }
    pub fn trail(&self) -> &[Entry] {
        &self.trail
    }
    /// Why this session may not write (another session holds the report), if so.
    pub fn read_only(&self) -> Option<&str> {
        self.readonly.as_deref()
    }
    pub fn title(&self) -> &str {
        &self.title
    }
    /// Last year's report, when reviewing with `--prior`.
    pub fn prior(&self) -> Option<&Report> {
        self.prior.as_deref()
    }
    pub fn year_diff(&self) -> Option<&YearDiff> {
        self.year_diff.as_ref()
    }
    pub fn unsaved(&self) -> usize {
        self.trail.iter().filter(|e| e.seq > self.saved_seq).count()
    }
    /// Unwritten entries whose journal append failed (in this session only).
    pub fn unjournaled(&self) -> &[u64] {
        &self.unjournaled
    }
    /// Corrections not applied because their cells now read otherwise.
    pub fn stale(&self) -> &[Stale] {
        &self.stale
    }
    pub fn stale_at(&self, cell: usize) -> Option<&Stale> {
        self.stale.iter().find(|s| s.cell == cell)
    }

    pub(super) fn set_read_only(&mut self, why: Option<String>) {
        self.readonly = why;
    }
    pub(super) fn set_title(&mut self, title: String) {
        self.title = title;
    }
    pub(super) fn set_reviewer(&mut self, reviewer: String, clock: fn() -> String) {
        self.reviewer = reviewer;
        self.clock = clock;
    }
    /// Adds last year's report.
    pub(super) fn set_prior(&mut self, prior: Report, copied_threshold: f64) {
        self.prior = Some(Box::new(prior));
        self.copied_threshold = copied_threshold;
        self.recompute();
    }
    /// Where the trail lives (named in messages about it) and the journal lines
    /// skipped when it was restored.
    pub(super) fn set_source(&mut self, source: String, notes: Vec<(String, String)>) {
        self.source = source;
        self.notes = notes;
        self.recompute();
    }
    /// The trail up to here is in the corrections file, and the journal (with any
    /// line that was skipped in it) is gone.
    pub(super) fn mark_saved(&mut self) {
        self.saved_seq = self.trail.last().map_or(0, |e| e.seq);
        self.unjournaled.clear();
        if !self.notes.is_empty() {
            self.notes.clear();
            self.recompute();
        }
    }
    /// Entry `seq`'s journal append failed.
    pub(super) fn mark_unjournaled(&mut self, seq: u64) {
        if seq > self.saved_seq && !self.unjournaled.contains(&seq) {
            self.unjournaled.push(seq);
        }
    }

    fn next_seq(&self) -> u64 {
        self.trail.last().map_or(1, |e| e.seq + 1)
    }

    fn entry(&self, act: Act, of: Option<u64>, cell: String, old: Option<Num>) -> Entry {
        let old = old.map(|v| v.to_string());
        self.entry_of(Kind::Correction, act, of, cell, old)
    }

    fn entry_of(
        &self,
        kind: Kind,
        act: Act,
        of: Option<u64>,
        cell: String,
        old: Option<String>,
    ) -> Entry {
        Entry {
            seq: self.next_seq(),
            kind,
            action: act,
            of,
            cell,
            old,
            new: None,
            reason: String::new(),
            reviewer: self.reviewer.clone(),
            time: (self.clock)(),
            sha256: Some(self.report.source.sha256.clone()),
        }
    }

    /// The state a subject of a disposition, note or review mark is in (its `new`).
    fn mark_state(&self, kind: Kind, subject: &str) -> Option<String> {
        marks::state_of(&self.trail, kind, subject).and_then(|e| e.new.clone())
    }

    /// Who is recording: the reviewer the trail entries name.
    pub fn reviewer(&self) -> &str {
        &self.reviewer
    }

    /// Records a disposition, note or review mark as one trail entry (an undo group of
    /// its own); returns it to journal, none when it changes nothing.
    pub(super) fn mark(
        &mut self,
        kind: Kind,
        subject: &str,
        new: Option<String>,
        reason: &str,
    ) -> Option<Entry> {
        let old = self.mark_state(kind, subject);
        let same_reason =
            marks::state_of(&self.trail, kind, subject).is_none_or(|e| e.reason == reason);
        if old == new && same_reason {
            return None;
        }
        let mut e = self.entry_of(kind, Act::Set, None, subject.to_string(), old);
        e.new = new;
        e.reason = reason.to_string();
        self.trail.push(e.clone());
        self.undo.push(vec![e.seq]);
        self.redo.clear();
        self.recompute();
        Some(e)
    }

    /// Records a correction group, one entry per changed cell (a stale correction's
    /// cell is recorded even unchanged: the entry drops it); returns the entries to
    /// journal, none when nothing changes.
    pub(super) fn commit(
        &mut self,
        changes: Vec<(usize, Option<Num>)>,
        reason: &str,
    ) -> Vec<Entry> {
        let mut group = Vec::new();
        let mut entries = Vec::new();
        for (cell, new) in changes {
            let old = self.report.cells[cell].value;
            if old == new && self.stale_at(cell).is_none() {
                continue;
            }
            let key = self.report.cells[cell].key.to_string();
            let mut e = self.entry(Act::Set, None, key, old);
            e.new = new.map(|v| v.to_string());
            e.reason = reason.to_string();
            group.push(e.seq);
            self.trail.push(e.clone());
            entries.push(e);
        }
        if group.is_empty() {
            return entries;
        }
        self.undo.push(group);
        self.redo.clear();
        self.recompute();
        entries
    }

    /// Undoes or redoes the last group as new trail entries; `None` when there is
    /// nothing to undo or redo, else the entries to journal.
    pub(super) fn undo_redo(&mut self, undo: bool) -> Option<Vec<Entry>> {
        let group = if undo {
            self.undo.pop()
        } else {
            self.redo.pop()
        }?;
        let mut entries = Vec::new();
        for &seq in group.iter().rev() {
            let Some(orig) = self.trail.iter().find(|e| e.seq == seq).cloned() else {
                continue;
            };
            let act = if undo { Act::Undo } else { Act::Redo };
            if orig.kind != Kind::Correction {
                let cur = self.mark_state(orig.kind, &orig.cell);
                let mut e = self.entry_of(orig.kind, act, Some(seq), orig.cell.clone(), cur);
                e.new = if undo { orig.old } else { orig.new };
                self.trail.push(e.clone());
                entries.push(e);
                continue;
            }
            let at = self.report.cell_index(&orig.cell);
            let cur = at.and_then(|i| self.report.cells[i].value);
            // undoing a correction made on another text that no longer fits it goes
            // back to what this text reads, not to what the other one read
            let stale = at.is_some_and(|i| self.stale_at(i).is_some());
            let mut e = self.entry(act, Some(seq), orig.cell.clone(), cur);
            e.new = match (undo, stale) {
                (true, true) => cur.map(|v| v.to_string()),
                (true, false) => orig.old,
                (false, _) => orig.new,
            };
            self.trail.push(e.clone());
            entries.push(e);
        }
        if undo {
            self.redo.push(group)
        } else {
            self.undo.push(group)
        }
        self.recompute();
        Some(entries)
    }

    /// Reapplies the trail to the report as read (entries that cannot apply and stale
    /// corrections become findings) and rechecks it.
    fn recompute(&mut self) {
        for (c, (v, o)) in self.report.cells.iter_mut().zip(&self.original) {
            c.value = *v;
            c.origin = *o;
        }
        self.stale = bind::apply(&mut self.report, &self.trail, &self.notes, &self.source);
        self.report.marks = marks::marks(&self.trail);
        self.findings = crate::check::rules::check(&self.report);
        if let Some(prior) = &self.prior {
            let d = crate::check::diff::diff(prior, &self.report, self.copied_threshold);
            self.findings.extend(d.findings.iter().cloned());
            self.year_diff = Some(d);
        }
        let cross_year = self.prior.is_some();
        crate::check::dispose::apply(&self.report, &mut self.findings, cross_year);
        let (status, cell_findings) = statuses(&self.report, &self.findings);
        self.status = status;
        self.cell_findings = cell_findings;
    }
}

fn line_ranges(text: &str) -> Vec<(usize, usize)> {
    let mut lines = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            lines.push((start, i));
            start = i + 1;
        }
    }
    lines.push((start, text.len()));
    lines
}

/// Each cell's status and the findings on it.
fn statuses(report: &Report, findings: &[Finding]) -> (Vec<Status>, Vec<Vec<usize>>) {
    let n = report.cells.len();
    let mut cell_findings = vec![Vec::new(); n];
    let index: std::collections::HashMap<&str, usize> = report
        .cells
        .iter()
        .enumerate()
        .map(|(i, c)| (&*c.key, i))
        .collect();
    let mut status: Vec<Status> = report
        .cells
        .iter()
        .map(|c| match c.origin {
            Origin::Missing => Status::Missing,
            Origin::Inferred => Status::Inferred,
            Origin::Corrected => Status::Corrected,
            Origin::Read => Status::Ok,
        })
        .collect();
    for a in &report.ambiguities {
        for k in &a.cells {
            if let Some(&i) = index.get(k.as_str()) {
                if report.cells[i].value.is_none() {
                    status[i] = Status::Ambiguous;
                }
            }
        }
    }
    for (fi, f) in findings.iter().enumerate() {
        for k in &f.cells {
            if let Some(&i) = index.get(k.as_str()) {
                cell_findings[i].push(fi);
                // a dismissed finding is listed on its cells but marks them no more
                if crate::check::dispose::dismissed(f) {
                    continue;
                }
                // Where the finding names the one cell to change, that cell is the
                // error; the others only take part in the failing identity.
                let s = match (&f.fix, f.severity) {
                    (Some(fix), Severity::Error) if fix.cell != *k => Status::Involved,
                    (_, Severity::Error) => Status::Error,
                    _ => Status::Warning,
                };
                if s > status[i] {
                    status[i] = s;
                }
            }
        }
    }
    (status, cell_findings)
}

/// The three tables as rows of cell indices, added rows after their parent row.
fn build_grids(report: &Report) -> Vec<Grid> {
    crate::model::format::TableId::ALL
        .map(|t| (t.key(), t.short_title()))
        .into_iter()
        .map(|(id, title)| Grid {
            id,
            title,
            rows: order_added(report, grid_rows(report, id)),
        })
        .collect()
}

fn grid_rows(report: &Report, id: &str) -> Vec<GridRow> {
    let format = report.format();
    let mut rows: Vec<GridRow> = Vec::new();
    for (i, c) in report.cells.iter().enumerate() {
        if c.table != id {
            continue;
        }
        if let Some(r) = rows
            .last_mut()
            .filter(|r| report.cells[r.cells[0]].row == c.row)
        {
            r.cells.push(i);
            continue;
        }
        let def = format
            .and_then(|f| f.table(id))
            .and_then(|t| t.rows.iter().find(|r| r.key == c.row));
        let short = match def {
            Some(d) => d.short.to_string(),
            None => c
                .row
                .split_once(':')
                .map(|x| format!("+{}", x.1))
                .unwrap_or_else(|| c.row.to_string()),
        };
        rows.push(GridRow {
            short,
            label: c.row_label.to_string(),
            cells: vec![i],
        });
    }
    rows
}

/// Added rows sit after their parent row.
fn order_added(report: &Report, rows: Vec<GridRow>) -> Vec<GridRow> {
    let mut ordered: Vec<GridRow> = Vec::new();
    let (added, plain): (Vec<GridRow>, Vec<GridRow>) = rows
        .into_iter()
        .partition(|r| report.cells[r.cells[0]].added);
    for r in plain {
        let key = report.cells[r.cells[0]].row.clone();
        ordered.push(r);
        for a in added
            .iter()
            .filter(|a| report.cells[a.cells[0]].row.split(':').next() == Some(&*key))
        {
            ordered.push(a.clone());
        }
    }
    for a in added {
        if !ordered.iter().any(|o| o.cells == a.cells) {
            ordered.push(a);
        }
    }
    ordered
}
