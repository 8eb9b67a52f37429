//! The review screen's state and its pure `update`.
//!
//! `update(&mut App, Msg)` is the only place state changes; it returns the side
//! effects (journal, save, clipboard, quit) for the runtime to carry out, so tests
//! drive it directly and the view only reads.

use super::action::Action;
use super::keymap::Keymap;
use crate::model::num::Num;
use crate::model::{Finding, Origin, Report, Severity};
use crate::record::corrections::{self, Act, Entry};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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
    pub fn name(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Missing => "missing",
            Status::Inferred => "inferred",
            Status::Corrected => "corrected",
            Status::Warning => "warning",
            Status::Involved => "in a failing identity",
            Status::Ambiguous => "ambiguous",
            Status::Error => "error",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Tables,
    Raw,
    Findings,
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

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Input {
    pub buf: String,
    /// Caret position in chars.
    pub caret: usize,
}

impl Input {
    pub fn new(s: &str) -> Input {
        Input {
            buf: s.to_string(),
            caret: s.chars().count(),
        }
    }
    fn byte(&self, c: usize) -> usize {
        self.buf
            .char_indices()
            .nth(c)
            .map(|x| x.0)
            .unwrap_or(self.buf.len())
    }
    pub fn insert(&mut self, s: &str) {
        // never let a control character into an input (pasted text may carry them)
        let clean: String = s.chars().filter(|c| !c.is_control()).collect();
        let b = self.byte(self.caret);
        self.buf.insert_str(b, &clean);
        self.caret += clean.chars().count();
    }
    /// Applies an editing key; false when the key is not an editing key.
    pub fn key(&mut self, k: &KeyEvent) -> bool {
        let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
        match k.code {
            KeyCode::Char('u') if ctrl => {
                let b = self.byte(self.caret);
                self.buf.replace_range(..b, "");
                self.caret = 0;
            }
            KeyCode::Char('a') if ctrl => self.caret = 0,
            KeyCode::Char('e') if ctrl => self.caret = self.buf.chars().count(),
            KeyCode::Char(c) if !ctrl => self.insert(&c.to_string()),
            KeyCode::Backspace => {
                if self.caret > 0 {
                    let a = self.byte(self.caret - 1);
                    let b = self.byte(self.caret);
                    self.buf.replace_range(a..b, "");
                    self.caret -= 1;
                }
            }
            KeyCode::Delete => {
                if self.caret < self.buf.chars().count() {
                    let a = self.byte(self.caret);
                    let b = self.byte(self.caret + 1);
                    self.buf.replace_range(a..b, "");
                }
            }
            KeyCode::Left => self.caret = self.caret.saturating_sub(1),
            KeyCode::Right => self.caret = (self.caret + 1).min(self.buf.chars().count()),
            KeyCode::Home => self.caret = 0,
            KeyCode::End => self.caret = self.buf.chars().count(),
            _ => return false,
        }
        true
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Mode {
    Normal,
    Help {
        scroll: usize,
    },
    Explain {
        scroll: usize,
    },
    Edit {
        cell: usize,
        input: Input,
    },
    Reason {
        changes: Vec<(usize, Option<Num>)>,
        input: Input,
    },
    Pick {
        cells: Vec<usize>,
        cands: Vec<Vec<Num>>,
        sel: usize,
    },
    Search {
        input: Input,
    },
    Goto {
        input: Input,
    },
    ConfirmQuit,
}

impl Mode {
    /// Modes where keys are typed text rather than actions.
    pub fn takes_text(&self) -> bool {
        matches!(
            self,
            Mode::Edit { .. } | Mode::Reason { .. } | Mode::Search { .. } | Mode::Goto { .. }
        )
    }
}

#[derive(Debug, Clone)]
pub struct Settings {
    /// Colour on; off under NO_COLOR, where status is shown by marks and attributes only.
    pub color: bool,
    /// Display width of East Asian ambiguous characters (①, “, —): 1 or 2.
    pub ambiguous_width: u8,
    pub ascii_borders: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            color: true,
            ambiguous_width: 1,
            ascii_borders: false,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Search {
    pub query: String,
    pub matches: Vec<(usize, usize)>,
    pub current: Option<usize>,
}

/// What the runtime must do after an update.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Journal(Entry),
    Save,
    Copy(String),
    SetMouse(bool),
    Quit,
}

pub enum Msg {
    Action(Action),
    /// A key typed into a text input, or a key in a list mode.
    Key(KeyEvent),
    Paste(String),
    Cancel,
    Resize(u16, u16),
    /// The outcome of a save the runtime carried out.
    Saved(Result<(), String>),
    Scroll(i32),
}

pub struct App {
    pub report: Report,
    original: Vec<(Option<Num>, Origin)>,
    pub findings: Vec<Finding>,
    pub status: Vec<Status>,
    pub cell_findings: Vec<Vec<usize>>,
    pub grids: Vec<Grid>,
    /// Byte range of each line of the text, without its line feed.
    pub lines: Vec<(usize, usize)>,
    pub table: usize,
    pub row: usize,
    pub col: usize,
    pub raw_top: usize,
    pub raw_line: usize,
    pub finding_sel: usize,
    pub focus: Pane,
    pub zoom: bool,
    pub show_raw: bool,
    pub show_findings: bool,
    pub mode: Mode,
    pub search: Search,
    pub trail: Vec<Entry>,
    undo: Vec<Vec<u64>>,
    redo: Vec<Vec<u64>>,
    pub saved_seq: u64,
    pub readonly: Option<String>,
    pub message: Option<(String, bool)>,
    pub settings: Settings,
    pub mouse: bool,
    pub keymap: Keymap,
    pub size: (u16, u16),
    pub reviewer: String,
    pub clock: fn() -> String,
    pub title: String,
    /// Last year's report, when reviewing with `--prior`.
    pub prior: Option<Box<Report>>,
    pub year_diff: Option<crate::check::diff::YearDiff>,
    pub copied_threshold: f64,
    pub diff_view: bool,
    pub diff_scroll: usize,
}

impl App {
    /// A review session over a report (as read, without corrections) and the trail
    /// to restore.
    pub fn new(
        report: Report,
        trail: Vec<Entry>,
        saved_seq: u64,
        keymap: Keymap,
        settings: Settings,
    ) -> App {
        let original = report.cells.iter().map(|c| (c.value, c.origin)).collect();
        let mut lines = Vec::new();
        let mut start = 0;
        for (i, b) in report.text.bytes().enumerate() {
            if b == b'\n' {
                lines.push((start, i));
                start = i + 1;
            }
        }
        lines.push((start, report.text.len()));
        let grids = build_grids(&report);
        let title = report.source.path.clone();
        let mut app = App {
            report,
            original,
            findings: Vec::new(),
            status: Vec::new(),
            cell_findings: Vec::new(),
            grids,
            lines,
            table: 1,
            row: 0,
            col: 0,
            raw_top: 0,
            raw_line: 0,
            finding_sel: 0,
            focus: Pane::Tables,
            zoom: false,
            show_raw: true,
            show_findings: true,
            mode: Mode::Normal,
            search: Search::default(),
            undo: Vec::new(),
            redo: Vec::new(),
            saved_seq,
            trail,
            readonly: None,
            message: None,
            settings,
            mouse: false,
            keymap,
            size: (80, 24),
            reviewer: corrections::reviewer(),
            clock: corrections::now_utc,
            title,
            prior: None,
            year_diff: None,
            copied_threshold: crate::check::diff::DEFAULT_COPIED_THRESHOLD,
            diff_view: false,
            diff_scroll: 0,
        };
        // rebuild the undo stack from the trail so undo works across sessions
        for e in app.trail.clone() {
            match e.action {
                Act::Set => {
                    app.undo.push(vec![e.seq]);
                    app.redo.clear();
                }
                Act::Undo => {
                    if let Some(g) = app.undo.pop() {
                        app.redo.push(g);
                    }
                }
                Act::Redo => {
                    if let Some(g) = app.redo.pop() {
                        app.undo.push(g);
                    }
                }
            }
        }
        if app.grids.get(app.table).is_none_or(|g| g.rows.is_empty()) {
            app.table = 0;
        }
        app.recompute();
        app.follow_cell();
        app
    }

    /// Adds last year's report: the diff view and the cross-year findings.
    pub fn with_prior(mut self, prior: Report, copied_threshold: f64) -> App {
        self.prior = Some(Box::new(prior));
        self.copied_threshold = copied_threshold;
        self.recompute();
        self
    }

    pub fn unsaved(&self) -> usize {
        self.trail.iter().filter(|e| e.seq > self.saved_seq).count()
    }

    fn next_seq(&self) -> u64 {
        self.trail.last().map_or(1, |e| e.seq + 1)
    }

    /// Reapplies the trail to the report as read and rechecks it.
    pub fn recompute(&mut self) {
        for (c, (v, o)) in self.report.cells.iter_mut().zip(&self.original) {
            c.value = *v;
            c.origin = *o;
        }
        if let Err(e) = corrections::apply(
            &mut self.report,
            &self.trail,
            std::path::Path::new(&self.title),
        ) {
            self.message = Some((e, true));
        }
        self.findings = crate::check::rules::check(&self.report);
        if let Some(prior) = &self.prior {
            let d = crate::check::diff::diff(prior, &self.report, self.copied_threshold);
            self.findings.extend(d.findings.iter().cloned());
            self.year_diff = Some(d);
        }
        let n = self.report.cells.len();
        let mut status = vec![Status::Ok; n];
        let mut cell_findings = vec![Vec::new(); n];
        let index: std::collections::HashMap<&str, usize> = self
            .report
            .cells
            .iter()
            .enumerate()
            .map(|(i, c)| (&*c.key, i))
            .collect();
        for (i, c) in self.report.cells.iter().enumerate() {
            status[i] = match c.origin {
                Origin::Missing => Status::Missing,
                Origin::Inferred => Status::Inferred,
                Origin::Corrected => Status::Corrected,
                Origin::Read => Status::Ok,
            };
        }
        for a in &self.report.ambiguities {
            for k in &a.cells {
                if let Some(&i) = index.get(k.as_str()) {
                    if self.report.cells[i].value.is_none() {
                        status[i] = Status::Ambiguous;
                    }
                }
            }
        }
        for (fi, f) in self.findings.iter().enumerate() {
            for k in &f.cells {
                if let Some(&i) = index.get(k.as_str()) {
                    cell_findings[i].push(fi);
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
        self.status = status;
        self.cell_findings = cell_findings;
        if self.finding_sel >= self.findings.len() {
            self.finding_sel = self.findings.len().saturating_sub(1);
        }
    }

    pub fn grid(&self) -> &Grid {
        &self.grids[self.table]
    }

    /// The selected cell's index in `report.cells`.
    pub fn selected(&self) -> Option<usize> {
        self.grid().rows.get(self.row)?.cells.get(self.col).copied()
    }

    fn clamp(&mut self) {
        let rows = self.grid().rows.len();
        self.row = self.row.min(rows.saturating_sub(1));
        let cols = self.grid().rows.get(self.row).map_or(0, |r| r.cells.len());
        self.col = self.col.min(cols.saturating_sub(1));
    }

    /// Height of the raw text pane as laid out now, for paging and keeping in view.
    fn raw_height(&self) -> usize {
        let l = super::view::layout(
            self,
            ratatui::layout::Rect::new(0, 0, self.size.0, self.size.1),
        );
        l.raw
            .map_or(10, |r| r.height.saturating_sub(2) as usize)
            .max(1)
    }

    fn tables_height(&self) -> usize {
        let l = super::view::layout(
            self,
            ratatui::layout::Rect::new(0, 0, self.size.0, self.size.1),
        );
        l.tables
            .map_or(10, |r| r.height.saturating_sub(3) as usize)
            .max(1)
    }

    /// Keeps the selected cell's source line in view in the raw pane.
    fn follow_cell(&mut self) {
        if let Some(line) = self.selected().and_then(|i| self.report.cells[i].line) {
            self.show_line(line as usize - 1);
        }
    }

    fn show_line(&mut self, line: usize) {
        self.raw_line = line.min(self.lines.len().saturating_sub(1));
        let h = self.raw_height();
        if self.raw_line < self.raw_top || self.raw_line >= self.raw_top + h {
            self.raw_top = self.raw_line.saturating_sub(h / 3);
        }
    }

    fn say(&mut self, s: impl Into<String>) {
        self.message = Some((s.into(), false));
    }

    fn warn(&mut self, s: impl Into<String>) {
        self.message = Some((s.into(), true));
    }

    /// Every cell position in reading order: (table, row, col).
    fn positions(&self) -> Vec<(usize, usize, usize)> {
        let mut v = Vec::new();
        for (t, g) in self.grids.iter().enumerate() {
            for (r, row) in g.rows.iter().enumerate() {
                for c in 0..row.cells.len() {
                    v.push((t, r, c));
                }
            }
        }
        v
    }

    fn jump_status(&mut self, forward: bool, want: &[Status]) {
        let pos = self.positions();
        if pos.is_empty() {
            return;
        }
        let cur = pos
            .iter()
            .position(|&p| p == (self.table, self.row, self.col))
            .unwrap_or(0);
        let n = pos.len();
        for step in 1..=n {
            let i = if forward {
                (cur + step) % n
            } else {
                (cur + n - step % n) % n
            };
            let (t, r, c) = pos[i];
            let cell = self.grids[t].rows[r].cells[c];
            if want.contains(&self.status[cell]) {
                self.table = t;
                self.row = r;
                self.col = c;
                self.focus = Pane::Tables;
                self.follow_cell();
                return;
            }
        }
        self.say(format!("no {} cells", want[0].name()));
    }

    fn select_key(&mut self, key: &str) -> bool {
        for (t, g) in self.grids.iter().enumerate() {
            for (r, row) in g.rows.iter().enumerate() {
                for (c, &cell) in row.cells.iter().enumerate() {
                    if self.report.cells[cell].key == key {
                        self.table = t;
                        self.row = r;
                        self.col = c;
                        self.follow_cell();
                        return true;
                    }
                }
            }
        }
        false
    }

    fn run_search(&mut self, query: &str) {
        self.search.query = query.to_string();
        self.search.matches.clear();
        self.search.current = None;
        let q: Vec<char> = query
            .chars()
            .map(crate::read::text::normalize_char)
            .flat_map(|c| c.to_lowercase())
            .collect();
        if q.is_empty() {
            return;
        }
        let text = &self.report.text;
        let chars: Vec<(usize, char)> = text
            .char_indices()
            .map(|(i, c)| {
                (
                    i,
                    crate::read::text::normalize_char(c)
                        .to_lowercase()
                        .next()
                        .unwrap_or(c),
                )
            })
            .collect();
        let mut i = 0;
        while i + q.len() <= chars.len() {
            if chars[i..i + q.len()].iter().zip(&q).all(|(a, b)| a.1 == *b) {
                let end = chars.get(i + q.len()).map_or(text.len(), |x| x.0);
                self.search.matches.push((chars[i].0, end));
                i += q.len();
            } else {
                i += 1;
            }
        }
    }

    fn goto_match(&mut self, forward: bool) {
        if self.search.matches.is_empty() {
            if !self.search.query.is_empty() {
                self.warn(format!("\"{}\" not found", self.search.query));
            }
            return;
        }
        let n = self.search.matches.len();
        let here = self.lines.get(self.raw_line).map_or(0, |l| l.0);
        let next = match self.search.current {
            Some(c) if forward => (c + 1) % n,
            Some(c) => (c + n - 1) % n,
            None => self
                .search
                .matches
                .iter()
                .position(|m| m.0 >= here)
                .unwrap_or(0),
        };
        self.search.current = Some(next);
        let line =
            crate::read::text::line_of(&self.report.text, self.search.matches[next].0) as usize - 1;
        self.show_raw = true;
        self.focus = Pane::Raw;
        self.show_line(line);
        self.say(format!("match {} of {n}", next + 1));
    }

    fn value_str(v: Option<Num>) -> Option<String> {
        v.map(|v| v.to_string())
    }

    /// Records a correction group: one entry per changed cell, journaled at once.
    fn commit(&mut self, changes: Vec<(usize, Option<Num>)>, reason: String) -> Vec<Effect> {
        let mut effects = Vec::new();
        let mut group = Vec::new();
        for (cell, new) in changes {
            let old = self.report.cells[cell].value;
            if old == new {
                continue;
            }
            let e = Entry {
                seq: self.next_seq(),
                action: Act::Set,
                of: None,
                cell: self.report.cells[cell].key.to_string(),
                old: App::value_str(old),
                new: App::value_str(new),
                reason: reason.clone(),
                reviewer: self.reviewer.clone(),
                time: (self.clock)(),
            };
            group.push(e.seq);
            self.trail.push(e.clone());
            effects.push(Effect::Journal(e));
        }
        if group.is_empty() {
            self.say("no change");
            return effects;
        }
        self.undo.push(group);
        self.redo.clear();
        self.recompute();
        let n = effects.len();
        self.say(format!(
            "{n} correction{} recorded (journaled; w writes the file)",
            if n == 1 { "" } else { "s" }
        ));
        effects
    }

    fn undo_redo(&mut self, undo: bool) -> Vec<Effect> {
        let Some(group) = (if undo {
            self.undo.pop()
        } else {
            self.redo.pop()
        }) else {
            self.say(if undo {
                "nothing to undo"
            } else {
                "nothing to redo"
            });
            return Vec::new();
        };
        let mut effects = Vec::new();
        for &seq in group.iter().rev() {
            let Some(orig) = self.trail.iter().find(|e| e.seq == seq).cloned() else {
                continue;
            };
            let cur = self.report.cell(&orig.cell).and_then(|c| c.value);
            let e = Entry {
                seq: self.next_seq(),
                action: if undo { Act::Undo } else { Act::Redo },
                of: Some(seq),
                cell: orig.cell.clone(),
                old: App::value_str(cur),
                new: if undo {
                    orig.old.clone()
                } else {
                    orig.new.clone()
                },
                reason: String::new(),
                reviewer: self.reviewer.clone(),
                time: (self.clock)(),
            };
            self.trail.push(e.clone());
            effects.push(Effect::Journal(e));
        }
        if undo {
            self.redo.push(group)
        } else {
            self.undo.push(group)
        }
        self.recompute();
        self.say(if undo {
            "undone (the trail keeps both)"
        } else {
            "redone"
        });
        effects
    }

    fn start_edit(&mut self) {
        if let Some(why) = &self.readonly {
            let why = why.clone();
            self.warn(format!("read-only: {why}"));
            return;
        }
        let Some(cell) = self.selected() else { return };
        let key = self.report.cells[cell].key.to_string();
        if let Some(a) = self
            .report
            .ambiguities
            .iter()
            .find(|a| a.cells.contains(&key))
        {
            let cells: Vec<usize> = a
                .cells
                .iter()
                .filter_map(|k| self.report.cell_index(k))
                .collect();
            self.mode = Mode::Pick {
                cells,
                cands: a.candidates.clone(),
                sel: 0,
            };
            return;
        }
        let cur = self.report.cells[cell]
            .value
            .map(|v| v.to_string())
            .unwrap_or_default();
        self.mode = Mode::Edit {
            cell,
            input: Input::new(&cur),
        };
    }

    fn copy_text(&self) -> String {
        if self.focus == Pane::Findings {
            if let Some(f) = self.findings.get(self.finding_sel) {
                let fix = f
                    .fix
                    .as_ref()
                    .map(|x| format!(" (fix: {} = {})", x.cell, x.value))
                    .unwrap_or_default();
                return format!("{} {}: {}{}", f.rule, f.severity.name(), f.message, fix);
            }
        }
        match self.selected() {
            Some(i) => {
                let c = &self.report.cells[i];
                format!(
                    "{}\t{}\t{}",
                    c.key,
                    c.value.map_or("null".into(), |v| v.to_string()),
                    c.origin.name()
                )
            }
            None => String::new(),
        }
    }
}

fn build_grids(report: &Report) -> Vec<Grid> {
    let mut grids = Vec::new();
    let format = report.format();
    for (id, title) in [
        ("t2", "二、主动公开"),
        ("t3", "三、依申请"),
        ("t4", "四、复议诉讼"),
    ] {
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
        // added rows sit after their parent row
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
        grids.push(Grid {
            id,
            title,
            rows: ordered,
        });
    }
    grids
}

/// The one place state changes.
pub fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Resize(w, h) => {
            app.size = (w, h);
            Vec::new()
        }
        Msg::Saved(Ok(())) => {
            app.saved_seq = app.trail.last().map_or(0, |e| e.seq);
            let n = app.trail.len();
            app.say(format!("corrections written ({n} entries in the trail)"));
            Vec::new()
        }
        Msg::Saved(Err(e)) => {
            app.warn(format!(
                "not written: {e} (the journal still holds every correction)"
            ));
            if app.mode == Mode::ConfirmQuit {
                app.mode = Mode::Normal;
            }
            Vec::new()
        }
        Msg::Cancel => {
            app.message = None;
            if app.mode != Mode::Normal {
                app.mode = Mode::Normal;
            } else if app.diff_view {
                app.diff_view = false;
            } else if app.zoom {
                app.zoom = false;
            }
            Vec::new()
        }
        Msg::Paste(s) => {
            match &mut app.mode {
                Mode::Edit { input, .. }
                | Mode::Reason { input, .. }
                | Mode::Search { input }
                | Mode::Goto { input } => input.insert(s.lines().next().unwrap_or("")),
                _ => {}
            }
            Vec::new()
        }
        Msg::Scroll(d) => {
            let a = if d < 0 {
                Action::MoveUp
            } else {
                Action::MoveDown
            };
            let mut eff = Vec::new();
            for _ in 0..d.unsigned_abs() {
                eff.extend(update(app, Msg::Action(a)));
            }
            eff
        }
        Msg::Key(k) => key_in_mode(app, k),
        Msg::Action(a) => action(app, a),
    }
}

fn key_in_mode(app: &mut App, k: KeyEvent) -> Vec<Effect> {
    let enter = k.code == KeyCode::Enter;
    let mode = std::mem::replace(&mut app.mode, Mode::Normal);
    match mode {
        Mode::Edit { cell, mut input } => {
            if enter {
                let t = input.buf.trim();
                let v = if t.is_empty() {
                    None
                } else {
                    let norm: String = t
                        .chars()
                        .map(crate::read::text::normalize_char)
                        .filter(|c| *c != ',' && !c.is_whitespace())
                        .collect();
                    match Num::parse(&norm) {
                        Some(v) => Some(v),
                        None => {
                            app.warn(format!(
                                "\"{t}\" is not a number (empty marks the cell missing)"
                            ));
                            app.mode = Mode::Edit { cell, input };
                            return Vec::new();
                        }
                    }
                };
                app.mode = Mode::Reason {
                    changes: vec![(cell, v)],
                    input: Input::default(),
                };
            } else {
                input.key(&k);
                app.mode = Mode::Edit { cell, input };
            }
        }
        Mode::Reason { changes, mut input } => {
            if enter {
                return app.commit(changes, input.buf.trim().to_string());
            }
            input.key(&k);
            app.mode = Mode::Reason { changes, input };
        }
        Mode::Search { mut input } => {
            if enter {
                let q = input.buf.clone();
                app.run_search(&q);
                app.search.current = None;
                app.goto_match(true);
            } else {
                input.key(&k);
                app.mode = Mode::Search { input };
            }
        }
        Mode::Goto { mut input } => {
            if enter {
                match input.buf.trim().parse::<usize>() {
                    Ok(n) if n >= 1 && n <= app.lines.len() => {
                        app.show_raw = true;
                        app.focus = Pane::Raw;
                        app.show_line(n - 1);
                    }
                    _ => app.warn(format!(
                        "no line {} (the text has {})",
                        input.buf.trim(),
                        app.lines.len()
                    )),
                }
            } else {
                input.key(&k);
                app.mode = Mode::Goto { input };
            }
        }
        Mode::Pick {
            cells,
            cands,
            mut sel,
        } => match k.code {
            KeyCode::Up | KeyCode::Char('k') => {
                sel = sel.saturating_sub(1);
                app.mode = Mode::Pick { cells, cands, sel };
            }
            KeyCode::Down | KeyCode::Char('j') => {
                sel = (sel + 1).min(cands.len().saturating_sub(1));
                app.mode = Mode::Pick { cells, cands, sel };
            }
            KeyCode::Enter => {
                let changes: Vec<(usize, Option<Num>)> = cells
                    .iter()
                    .zip(&cands[sel])
                    .map(|(&c, &v)| (c, Some(v)))
                    .collect();
                app.mode = Mode::Reason {
                    changes,
                    input: Input::new(&format!(
                        "picked reading {} of {} of the glued digits",
                        sel + 1,
                        cands.len()
                    )),
                };
            }
            KeyCode::Char('e') => {
                if let Some(cell) = app.selected() {
                    let cur = app.report.cells[cell]
                        .value
                        .map(|v| v.to_string())
                        .unwrap_or_default();
                    app.mode = Mode::Edit {
                        cell,
                        input: Input::new(&cur),
                    };
                }
            }
            _ => app.mode = Mode::Pick { cells, cands, sel },
        },
        Mode::ConfirmQuit => match k.code {
            KeyCode::Char('w') => {
                app.mode = Mode::ConfirmQuit;
                return vec![Effect::Save, Effect::Quit];
            }
            KeyCode::Char('q') | KeyCode::Char('y') => return vec![Effect::Quit],
            _ => {}
        },
        Mode::Help { scroll } => {
            let s = match k.code {
                KeyCode::Down | KeyCode::Char('j') => scroll + 1,
                KeyCode::Up | KeyCode::Char('k') => scroll.saturating_sub(1),
                KeyCode::PageDown => scroll + 10,
                KeyCode::PageUp => scroll.saturating_sub(10),
                _ => return Vec::new(),
            };
            app.mode = Mode::Help { scroll: s };
        }
        Mode::Explain { scroll } => {
            let s = match k.code {
                KeyCode::Down | KeyCode::Char('j') => scroll + 1,
                KeyCode::Up | KeyCode::Char('k') => scroll.saturating_sub(1),
                _ => return Vec::new(),
            };
            app.mode = Mode::Explain { scroll: s };
        }
        Mode::Normal => {}
    }
    Vec::new()
}

fn action(app: &mut App, a: Action) -> Vec<Effect> {
    if app.mode != Mode::Normal {
        // an overlay closes on any action, which it consumes
        app.mode = Mode::Normal;
        return Vec::new();
    }
    app.message = None;
    let page = app.tables_height().max(2) - 1;
    if app.diff_view {
        let lines = super::diffview::lines(app, app.size.0);
        let h = (app.size.1 as usize).saturating_sub(5).max(1);
        let max = lines.len().saturating_sub(h);
        let s = app.diff_scroll;
        let changes: Vec<usize> = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.change)
            .map(|(i, _)| i)
            .collect();
        let moved = match a {
            Action::MoveUp => Some(s.saturating_sub(1)),
            Action::MoveDown => Some((s + 1).min(max)),
            Action::PageUp => Some(s.saturating_sub(h)),
            Action::PageDown => Some((s + h).min(max)),
            Action::Top => Some(0),
            Action::Bottom => Some(max),
            Action::NextChange => match changes.iter().find(|&&i| i > s) {
                Some(&i) => Some(i),
                None => {
                    app.say("no more changes below");
                    None
                }
            },
            Action::PrevChange => match changes.iter().rev().find(|&&i| i < s) {
                Some(&i) => Some(i),
                None => {
                    app.say("no more changes above");
                    None
                }
            },
            Action::Diff => {
                app.diff_view = false;
                return Vec::new();
            }
            _ => None,
        };
        if let Some(v) = moved {
            app.diff_scroll = v;
            return Vec::new();
        }
        if matches!(a, Action::NextChange | Action::PrevChange) {
            return Vec::new();
        }
        // any other action leaves the diff view and acts as usual
        app.diff_view = false;
    }
    match a {
        Action::MoveUp
        | Action::MoveDown
        | Action::PageUp
        | Action::PageDown
        | Action::Top
        | Action::Bottom => {
            let delta: i64 = match a {
                Action::MoveUp => -1,
                Action::MoveDown => 1,
                Action::PageUp => -(page as i64),
                Action::PageDown => page as i64,
                Action::Top => -1_000_000,
                _ => 1_000_000,
            };
            match app.focus {
                Pane::Tables => {
                    app.row = (app.row as i64 + delta)
                        .clamp(0, app.grid().rows.len().saturating_sub(1) as i64)
                        as usize;
                    app.clamp();
                    app.follow_cell();
                }
                Pane::Raw => {
                    let h = app.raw_height() as i64;
                    let d = match a {
                        Action::PageUp => -h,
                        Action::PageDown => h,
                        _ => delta,
                    };
                    let max = app.lines.len().saturating_sub(1) as i64;
                    app.raw_line = (app.raw_line as i64 + d).clamp(0, max) as usize;
                    let l = app.raw_line;
                    app.show_line(l);
                }
                Pane::Findings => {
                    let max = app.findings.len().saturating_sub(1) as i64;
                    app.finding_sel = (app.finding_sel as i64 + delta).clamp(0, max) as usize;
                }
            }
        }
        Action::MoveLeft | Action::MoveRight => {
            if app.focus == Pane::Tables {
                if a == Action::MoveLeft {
                    app.col = app.col.saturating_sub(1);
                } else {
                    app.col += 1;
                }
                app.clamp();
                app.follow_cell();
            }
        }
        Action::NextTable | Action::PrevTable => {
            let n = app.grids.len();
            for _ in 0..n {
                app.table = if a == Action::NextTable {
                    (app.table + 1) % n
                } else {
                    (app.table + n - 1) % n
                };
                if !app.grid().rows.is_empty() {
                    break;
                }
            }
            app.row = 0;
            app.col = 0;
            app.focus = Pane::Tables;
            app.follow_cell();
        }
        Action::NextPane | Action::PrevPane => {
            let panes = super::view::visible_panes(app);
            if let Some(i) = panes.iter().position(|p| *p == app.focus) {
                let n = panes.len();
                app.focus = panes[if a == Action::NextPane {
                    (i + 1) % n
                } else {
                    (i + n - 1) % n
                }];
            } else if let Some(p) = panes.first() {
                app.focus = *p;
            }
        }
        Action::NextError => app.jump_status(true, &[Status::Error]),
        Action::PrevError => app.jump_status(false, &[Status::Error]),
        Action::NextWarning => app.jump_status(true, &[Status::Warning, Status::Ambiguous]),
        Action::PrevWarning => app.jump_status(false, &[Status::Warning, Status::Ambiguous]),
        Action::Findings => {
            app.show_findings = true;
            app.focus = Pane::Findings;
        }
        Action::Activate => match app.focus {
            Pane::Tables => app.start_edit(),
            Pane::Findings => {
                if let Some(f) = app.findings.get(app.finding_sel).cloned() {
                    if let Some(k) = f.cells.first() {
                        if app.select_key(k) {
                            app.focus = Pane::Tables;
                        }
                    } else if let Some(l) = f.line {
                        app.show_raw = true;
                        app.show_line(l as usize - 1);
                    }
                }
            }
            Pane::Raw => {}
        },
        Action::Explain => app.mode = Mode::Explain { scroll: 0 },
        Action::Search => {
            app.mode = Mode::Search {
                input: Input::default(),
            }
        }
        Action::SearchNext => app.goto_match(true),
        Action::SearchPrev => app.goto_match(false),
        Action::GotoLine => {
            app.mode = Mode::Goto {
                input: Input::default(),
            }
        }
        Action::Edit => {
            app.focus = Pane::Tables;
            app.start_edit();
        }
        Action::Undo | Action::Redo => {
            if let Some(why) = app.readonly.clone() {
                app.warn(format!("read-only: {why}"));
                return Vec::new();
            }
            return app.undo_redo(a == Action::Undo);
        }
        Action::Write => {
            if let Some(why) = app.readonly.clone() {
                app.warn(format!("read-only: {why}"));
                return Vec::new();
            }
            return vec![Effect::Save];
        }
        Action::Copy => {
            let t = app.copy_text();
            app.say("copied to the clipboard (OSC 52)");
            return vec![Effect::Copy(t)];
        }
        Action::ToggleRaw => {
            app.show_raw = !app.show_raw;
            if app.show_raw {
                app.focus = Pane::Raw;
            } else if app.focus == Pane::Raw {
                app.focus = Pane::Tables;
            }
        }
        Action::ToggleFindings => {
            app.show_findings = !app.show_findings;
            if !app.show_findings && app.focus == Pane::Findings {
                app.focus = Pane::Tables;
            }
        }
        Action::Zoom => app.zoom = !app.zoom,
        Action::Diff => {
            if app.prior.is_some() {
                app.diff_view = true;
                app.diff_scroll = 0;
            } else {
                app.warn("no prior report: open with --prior FILE or --prior auto");
            }
        }
        Action::NextChange | Action::PrevChange => {
            app.warn("the year diff is not open (d opens it, with --prior)")
        }
        Action::ToggleMouse => {
            app.mouse = !app.mouse;
            app.say(if app.mouse { "mouse on" } else { "mouse off" });
            return vec![Effect::SetMouse(app.mouse)];
        }
        Action::Help => app.mode = Mode::Help { scroll: 0 },
        Action::Quit => {
            if app.unsaved() > 0 {
                app.mode = Mode::ConfirmQuit;
            } else {
                return vec![Effect::Quit];
            }
        }
    }
    Vec::new()
}
