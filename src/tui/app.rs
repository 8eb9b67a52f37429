//! The review screen's state and its `update`.
//!
//! [`App`] holds the session (report, corrections, findings, last year's report and
//! the year diff: [`Session`]) and the screen (cursor, panes, mode, message), both
//! behind accessors. `update(&mut App, Msg)` is the only place either changes: the
//! runtime turns terminal events and the outcomes of the effects it carried out
//! (a save, a journal append) into `Msg`s, and `update` returns the side effects
//! (journal, save, clipboard, mouse, quit) for it to carry out, so tests drive it
//! directly and the view only reads. The decision to quit is made here too.

use super::action::{Action, Table};
use super::diffview::{self, DLine, Doc};
use super::keymap::Keymap;
use super::layout::{self, Panes};
use super::says as w;
use crate::model::num::Num;
use crate::model::{Disposition, Finding, Report, Severity};
use crate::record::corrections::Entry;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

pub use super::layout::Pane;
pub use super::session::{Grid, GridRow, Session, Status};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Input {
    pub buf: String,
    /// Caret position in chars.
    pub caret: usize,
    /// The whole text is selected: typing replaces it, a move keeps it for editing.
    pub selected: bool,
    /// Why the text was refused, shown under the field until the next key.
    pub error: Option<String>,
}

impl Input {
    pub fn new(s: &str) -> Input {
        Input {
            buf: s.to_string(),
            caret: s.chars().count(),
            selected: false,
            error: None,
        }
    }
    /// `s` pre-filled and selected, so typing replaces it.
    pub fn selected(s: &str) -> Input {
        Input {
            selected: !s.is_empty(),
            ..Input::new(s)
        }
    }
    fn clear(&mut self) {
        self.buf.clear();
        self.caret = 0;
        self.selected = false;
    }
    fn byte(&self, c: usize) -> usize {
        self.buf
            .char_indices()
            .nth(c)
            .map(|x| x.0)
            .unwrap_or(self.buf.len())
    }
    pub fn insert(&mut self, s: &str) {
        if self.selected {
            self.clear();
        }
        // never let a control character into an input (pasted text may carry them)
        let clean: String = s.chars().filter(|c| !c.is_control()).collect();
        let b = self.byte(self.caret);
        self.buf.insert_str(b, &clean);
        self.caret += clean.chars().count();
    }
    /// Applies an editing key; false when the key is not an editing key. On selected
    /// text a deletion clears it, a move keeps it (unselected).
    pub fn key(&mut self, k: &KeyEvent) -> bool {
        let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
        self.error = None;
        if self.selected {
            match k.code {
                KeyCode::Backspace | KeyCode::Delete => {
                    self.clear();
                    return true;
                }
                KeyCode::Char('u') if ctrl => {
                    self.clear();
                    return true;
                }
                KeyCode::Char(_) if !ctrl => {}
                _ => self.selected = false,
            }
        }
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
    /// A stale correction on `cell`: re-confirm it (`sel` 0) or drop it (1).
    Stale {
        cell: usize,
        sel: usize,
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
    /// The reason for dismissing the finding with this key (required).
    Dismiss {
        key: String,
        input: Input,
    },
    /// A note on `cell` (empty removes it).
    Note {
        cell: usize,
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
        self.table() == Table::Prompt
    }

    /// The keymap table this mode reads keys through.
    pub fn table(&self) -> Table {
        match self {
            Mode::Normal => Table::Normal,
            Mode::Help { .. } | Mode::Explain { .. } => Table::Scroll,
            Mode::Edit { .. }
            | Mode::Reason { .. }
            | Mode::Search { .. }
            | Mode::Goto { .. }
            | Mode::Dismiss { .. }
            | Mode::Note { .. } => Table::Prompt,
            Mode::Pick { .. } | Mode::Stale { .. } => Table::Pick,
            Mode::ConfirmQuit => Table::Quit,
        }
    }

    fn input_mut(&mut self) -> Option<&mut Input> {
        match self {
            Mode::Edit { input, .. }
            | Mode::Reason { input, .. }
            | Mode::Search { input }
            | Mode::Goto { input }
            | Mode::Dismiss { input, .. }
            | Mode::Note { input, .. } => Some(input),
            _ => None,
        }
    }

    /// The prompt's input, in a mode that has one.
    pub fn input(&self) -> Option<&Input> {
        match self {
            Mode::Edit { input, .. }
            | Mode::Reason { input, .. }
            | Mode::Search { input }
            | Mode::Goto { input }
            | Mode::Dismiss { input, .. }
            | Mode::Note { input, .. } => Some(input),
            _ => None,
        }
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
    /// Write the corrections file; the runtime answers with [`Msg::Saved`].
    Save,
    Copy(String),
    SetMouse(bool),
    Quit,
}

/// What the runtime learned while opening the report, told once before the first key.
#[derive(Debug, Clone, Default)]
pub struct Opened {
    /// Why this session may only read: another session holds the report's lock.
    pub readonly: Option<String>,
    /// The lock was taken over from a session that ended without releasing it.
    pub taken_over: Option<String>,
    /// Where the corrections are filed when the report's folder is read-only.
    pub filed_in: Option<String>,
    /// The built-in demo report rather than a file the auditor named.
    pub demo: bool,
    /// Mouse capture from the start.
    pub mouse: bool,
}

pub enum Msg {
    Opened(Opened),
    Action(Action),
    /// A key from the terminal: read through the mode's keymap table, or typed into a
    /// prompt when the table does not bind it.
    Key(KeyEvent),
    Paste(String),
    Cancel,
    Resize(u16, u16),
    /// The outcome of a save the runtime carried out.
    Saved(Result<(), String>),
    /// The journal append of entry `seq` failed, for this reason.
    JournalFailed {
        seq: u64,
        err: String,
    },
    Scroll(i32),
}

/// Cursor, panes, mode and message: what the auditor sees of the session.
struct Screen {
    table: usize,
    row: usize,
    col: usize,
    raw_top: usize,
    raw_line: usize,
    finding_sel: usize,
    focus: Pane,
    zoom: bool,
    show_raw: bool,
    show_findings: bool,
    mode: Mode,
    search: Search,
    message: Option<(String, bool)>,
    mouse: bool,
    size: (u16, u16),
    diff_view: bool,
    diff_scroll: usize,
    /// The page of the year diff's columns shown.
    diff_page: usize,
    /// The changed cell the year diff's cursor is on (index into its changes).
    diff_cursor: Option<usize>,
    /// A write was asked for at the quit question: quit once it is done.
    quit_after_save: bool,
    /// Where the corrections are filed, when not beside the report (said on first use).
    filed_in: Option<String>,
    filed_said: bool,
    /// The history panel's cursor (an index into the trail), while it is open.
    history: Option<usize>,
}

impl Screen {
    fn new() -> Screen {
        Screen {
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
            message: None,
            mouse: false,
            size: (80, 24),
            diff_view: false,
            diff_scroll: 0,
            diff_page: 0,
            diff_cursor: None,
            quit_after_save: false,
            filed_in: None,
            filed_said: false,
            history: None,
        }
    }
}

pub struct App {
    session: Session,
    screen: Screen,
    keymap: Keymap,
    settings: Settings,
    /// The year diff as lines at the screen's width and page of columns: built when the
    /// data, the width or the page changes, so other keys never rebuild it.
    diff: Doc,
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
        let session = Session::new(report, trail, saved_seq);
        let mut app = App {
            session,
            screen: Screen::new(),
            keymap,
            settings,
            diff: Doc::default(),
        };
        let t = app.screen.table;
        if app.session.grids().get(t).is_none_or(|g| g.rows.is_empty()) {
            app.screen.table = 0;
        }
        app.follow_cell();
        app
    }

    /// Adds last year's report: the diff view and the cross-year findings.
    pub fn with_prior(mut self, prior: Report, copied_threshold: f64) -> App {
        self.session.set_prior(prior, copied_threshold);
        self.data_changed();
        self
    }

    /// Where the trail lives (named in findings about it) and the journal lines
    /// skipped when restoring it (the file, and why).
    pub fn with_trail_source(mut self, source: &str, notes: Vec<(String, String)>) -> App {
        self.session.set_source(source.to_string(), notes);
        self.data_changed();
        self
    }

    /// Who the trail entries name and the clock that stamps them.
    pub fn with_reviewer(mut self, reviewer: &str, clock: fn() -> String) -> App {
        self.session.set_reviewer(reviewer.to_string(), clock);
        self
    }

    pub fn session(&self) -> &Session {
        &self.session
    }
    pub fn report(&self) -> &Report {
        self.session.report()
    }
    pub fn findings(&self) -> &[Finding] {
        self.session.findings()
    }
    pub fn status(&self) -> &[Status] {
        self.session.status()
    }
    pub fn trail(&self) -> &[Entry] {
        self.session.trail()
    }
    pub fn unsaved(&self) -> usize {
        self.session.unsaved()
    }
    /// Where the corrections are filed when the report's folder is read-only.
    pub fn filed_in(&self) -> Option<&str> {
        self.screen.filed_in.as_deref()
    }
    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }
    pub fn settings(&self) -> &Settings {
        &self.settings
    }
    pub fn mode(&self) -> &Mode {
        &self.screen.mode
    }
    pub fn focus(&self) -> Pane {
        self.screen.focus
    }
    /// The table shown, as an index into the grids.
    pub fn table(&self) -> usize {
        self.screen.table
    }
    pub fn row(&self) -> usize {
        self.screen.row
    }
    pub fn col(&self) -> usize {
        self.screen.col
    }
    /// The first line the raw pane would show, and the current line in it.
    pub fn raw_top(&self) -> usize {
        self.screen.raw_top
    }
    pub fn raw_line(&self) -> usize {
        self.screen.raw_line
    }
    pub fn finding_sel(&self) -> usize {
        self.screen.finding_sel
    }
    pub fn search(&self) -> &Search {
        &self.screen.search
    }
    /// The message on the status line, and whether it is a warning.
    pub fn message(&self) -> Option<&(String, bool)> {
        self.screen.message.as_ref()
    }
    pub fn mouse(&self) -> bool {
        self.screen.mouse
    }
    pub fn size(&self) -> (u16, u16) {
        self.screen.size
    }
    pub fn zoom(&self) -> bool {
        self.screen.zoom
    }
    pub fn show_raw(&self) -> bool {
        self.screen.show_raw
    }
    pub fn show_findings(&self) -> bool {
        self.screen.show_findings
    }
    pub fn diff_view(&self) -> bool {
        self.screen.diff_view
    }
    /// The history panel's cursor, while it is open.
    pub fn history(&self) -> Option<usize> {
        self.screen.history
    }
    pub fn diff_scroll(&self) -> usize {
        self.screen.diff_scroll
    }
    /// The year diff as lines at the screen's width (empty without a prior report).
    pub fn diff_lines(&self) -> &[DLine] {
        &self.diff.lines
    }
    /// The year diff's changed cells, in the order c/C move through them.
    pub fn diff_changes(&self) -> &[diffview::Change] {
        &self.diff.changes
    }
    /// The changed cell the year diff's cursor is on.
    pub fn diff_cursor(&self) -> Option<usize> {
        self.screen.diff_cursor
    }
    /// The page of columns the year diff shows, and how many there are.
    pub fn diff_page(&self) -> (usize, usize) {
        (self.screen.diff_page, self.diff.pages)
    }
    /// What the year diff's cursor is on, for its title.
    pub fn diff_status(&self) -> Option<String> {
        let k = self.screen.diff_cursor?;
        let c = self.diff.changes.get(k)?;
        Some(diffview::words::cursor(
            k + 1,
            self.diff.changes.len(),
            &c.what,
        ))
    }

    /// What the layout depends on besides the area.
    pub fn panes(&self) -> Panes {
        Panes {
            zoom: self.screen.zoom,
            focus: self.screen.focus,
            show_raw: self.screen.show_raw,
            show_findings: self.screen.show_findings,
        }
    }

    pub fn grid(&self) -> &Grid {
        &self.session.grids()[self.screen.table]
    }

    /// The selected cell's index in `report.cells`.
    pub fn selected(&self) -> Option<usize> {
        let s = &self.screen;
        self.grid().rows.get(s.row)?.cells.get(s.col).copied()
    }

    pub(super) fn session_mut(&mut self) -> &mut Session {
        &mut self.session
    }
    pub(super) fn set_mode(&mut self, mode: Mode) {
        self.screen.mode = mode;
    }
    pub(super) fn set_history(&mut self, cursor: Option<usize>) {
        self.screen.history = cursor;
    }
    /// Focuses the findings list on finding `i`.
    pub(super) fn select_finding(&mut self, i: usize) {
        self.screen.show_findings = true;
        self.screen.focus = Pane::Findings;
        self.screen.finding_sel = i;
    }
    pub(super) fn focus_tables(&mut self) {
        self.screen.focus = Pane::Tables;
    }

    /// After the report's values, the trail or the prior changed: the findings cursor,
    /// the year diff's lines.
    pub(super) fn data_changed(&mut self) {
        let n = self.session.findings().len();
        if self.screen.finding_sel >= n {
            self.screen.finding_sel = n.saturating_sub(1);
        }
        self.rebuild_diff();
    }

    fn rebuild_diff(&mut self) {
        let cursor_key = self
            .screen
            .diff_cursor
            .and_then(|k| self.diff.changes.get(k))
            .map(|c| c.key.clone());
        let s = &self.session;
        self.diff = match s.year_diff() {
            Some(d) => diffview::build(
                diffview::Source {
                    diff: d,
                    formats: [s.report().format(), s.prior().and_then(|p| p.format())],
                    amb2: self.settings.ambiguous_width == 2,
                },
                self.screen.size.0,
                self.screen.diff_page,
            ),
            None => Doc::default(),
        };
        if self.screen.diff_page >= self.diff.pages.max(1) {
            self.screen.diff_page = self.diff.pages.saturating_sub(1);
            self.rebuild_diff();
        }
        // the cursor stays on its cell (the order of changes follows the width)
        self.screen.diff_cursor =
            cursor_key.and_then(|key| self.diff.changes.iter().position(|c| c.key == key));
    }

    fn clamp(&mut self) {
        let rows = self.grid().rows.len();
        self.screen.row = self.screen.row.min(rows.saturating_sub(1));
        let cols = self
            .grid()
            .rows
            .get(self.screen.row)
            .map_or(0, |r| r.cells.len());
        self.screen.col = self.screen.col.min(cols.saturating_sub(1));
    }

    fn layout(&self) -> layout::Layout {
        let (w, h) = self.screen.size;
        layout::layout(self.panes(), Rect::new(0, 0, w, h))
    }

    /// Height of the raw text pane as laid out now, for paging and keeping in view.
    fn raw_height(&self) -> usize {
        let l = self.layout();
        l.raw
            .map_or(10, |r| r.height.saturating_sub(2) as usize)
            .max(1)
    }

    fn tables_height(&self) -> usize {
        let l = self.layout();
        l.tables
            .map_or(10, |r| r.height.saturating_sub(3) as usize)
            .max(1)
    }

    /// Keeps the selected cell's source line in view in the raw pane.
    fn follow_cell(&mut self) {
        if let Some(line) = self.selected().and_then(|i| self.report().cells[i].line) {
            self.show_line(line as usize - 1);
        }
    }

    fn show_line(&mut self, line: usize) {
        let last = self.session.lines().len().saturating_sub(1);
        let h = self.raw_height();
        let s = &mut self.screen;
        s.raw_line = line.min(last);
        if s.raw_line < s.raw_top || s.raw_line >= s.raw_top + h {
            s.raw_top = s.raw_line.saturating_sub(h / 3);
        }
    }

    /// Shows a message from outside the screen (the folder review moving on), as a
    /// warning when `warn`.
    pub fn notice(&mut self, s: impl Into<String>, warn: bool) {
        self.screen.message = Some((s.into(), warn));
    }

    pub(super) fn say(&mut self, s: impl Into<String>) {
        self.screen.message = Some((s.into(), false));
    }

    pub(super) fn warn(&mut self, s: impl Into<String>) {
        self.screen.message = Some((s.into(), true));
    }

    fn select(&mut self, (t, r, c): (usize, usize, usize)) {
        self.screen.table = t;
        self.screen.row = r;
        self.screen.col = c;
        self.follow_cell();
    }

    /// Every cell position in reading order: (table, row, col) and the cell.
    fn positions(&self) -> Vec<((usize, usize, usize), usize)> {
        let mut v = Vec::new();
        for (t, g) in self.session.grids().iter().enumerate() {
            for (r, row) in g.rows.iter().enumerate() {
                for (c, &cell) in row.cells.iter().enumerate() {
                    v.push(((t, r, c), cell));
                }
            }
        }
        v
    }

    /// Where `]`/`[` (errors) or `}`/`{` (warnings) stop: each finding of the severity
    /// on the cell to fix first (its fix, else its first cell on a table), findings
    /// that lead to the same cell one stop, in reading order.
    fn finding_stops(&self, sev: Severity) -> Vec<((usize, usize, usize), Vec<usize>)> {
        let pos: std::collections::HashMap<&str, (usize, usize, usize)> = self
            .positions()
            .into_iter()
            .map(|(at, c)| (&*self.report().cells[c].key, at))
            .collect();
        let at = |k: &str| pos.get(k).copied();
        let mut stops: Vec<((usize, usize, usize), Vec<usize>)> = Vec::new();
        for (fi, f) in self.findings().iter().enumerate() {
            if f.severity != sev {
                continue;
            }
            let fix = f.fix.as_ref().and_then(|x| at(&x.cell));
            let Some(t) = fix.or_else(|| f.cells.iter().find_map(|k| at(k))) else {
                continue;
            };
            match stops.iter_mut().find(|s| s.0 == t) {
                Some(s) => s.1.push(fi),
                None => stops.push((t, vec![fi])),
            }
        }
        stops.sort_by_key(|s| s.0);
        stops
    }

    /// To the next or previous finding of a severity (see [`App::finding_stops`]); the
    /// findings list follows, and the status line says which it is.
    fn jump_finding(&mut self, forward: bool, sev: Severity) {
        let error = sev == Severity::Error;
        let stops = self.finding_stops(sev);
        let n = stops.len();
        if n == 0 {
            self.say(if error { w::NO_ERRORS } else { w::NO_WARNINGS }.get());
            return;
        }
        let here = (self.screen.table, self.screen.row, self.screen.col);
        let k = if forward {
            stops.iter().position(|s| s.0 > here).unwrap_or(0)
        } else {
            stops.iter().rposition(|s| s.0 < here).unwrap_or(n - 1)
        };
        let (at, fs) = &stops[k];
        self.screen.focus = Pane::Tables;
        self.select(*at);
        self.screen.finding_sel = fs[0];
        let mut rules: Vec<&str> = fs.iter().map(|&i| self.findings()[i].rule).collect();
        rules.dedup();
        let m = if error { w::AT_ERROR } else { w::AT_WARNING };
        let m = m.fill(&[("k", &(k + 1)), ("n", &n), ("rules", &rules.join(", "))]);
        self.say(m);
    }

    pub(super) fn select_key(&mut self, key: &str) -> bool {
        let found = self
            .positions()
            .into_iter()
            .find(|(_, cell)| self.report().cells[*cell].key == key);
        if let Some((at, _)) = found {
            self.select(at);
        }
        found.is_some()
    }

    fn run_search(&mut self, query: &str) {
        let matches = find_all(&self.report().text, query);
        self.screen.search = Search {
            query: query.to_string(),
            matches,
            current: None,
        };
    }

    fn goto_match(&mut self, forward: bool) {
        let search = &self.screen.search;
        if search.matches.is_empty() {
            if !search.query.is_empty() {
                let q = search.query.clone();
                self.warn(w::NOT_FOUND.fill(&[("q", &q)]));
            }
            return;
        }
        let n = search.matches.len();
        let here = self
            .session
            .lines()
            .get(self.screen.raw_line)
            .map_or(0, |l| l.0);
        let next = match search.current {
            Some(c) if forward => (c + 1) % n,
            Some(c) => (c + n - 1) % n,
            None => search.matches.iter().position(|m| m.0 >= here).unwrap_or(0),
        };
        let at = search.matches[next].0;
        self.screen.search.current = Some(next);
        let line = crate::read::text::line_of(&self.report().text, at) as usize - 1;
        self.screen.show_raw = true;
        self.screen.focus = Pane::Raw;
        self.show_line(line);
        self.say(w::MATCH.fill(&[("k", &(next + 1)), ("n", &n)]));
    }

    /// The editor on the selected cell, or the picker when its row's digits are glued.
    fn start_edit(&mut self) {
        if let Some(why) = self.session.read_only() {
            let why = why.to_string();
            self.warn(w::READ_ONLY_WHY.fill(&[("why", &why)]));
            return;
        }
        let Some(cell) = self.selected() else { return };
        if self.session.stale_at(cell).is_some() {
            self.screen.mode = Mode::Stale { cell, sel: 0 };
            return;
        }
        let report = self.report();
        let key = report.cells[cell].key.to_string();
        if let Some(a) = report.ambiguities.iter().find(|a| a.cells.contains(&key)) {
            let cells: Vec<usize> = a
                .cells
                .iter()
                .filter_map(|k| report.cell_index(k))
                .collect();
            self.screen.mode = Mode::Pick {
                cells,
                cands: a.candidates.clone(),
                sel: 0,
            };
            return;
        }
        self.edit_cell(cell);
    }

    fn edit_cell(&mut self, cell: usize) {
        let cur = self.report().cells[cell]
            .value
            .map(|v| v.to_string())
            .unwrap_or_default();
        self.screen.mode = Mode::Edit {
            cell,
            input: Input::selected(&cur),
        };
    }

    fn copy_text(&self) -> String {
        if self.screen.focus == Pane::Findings {
            if let Some(f) = self.findings().get(self.screen.finding_sel) {
                let fix = f
                    .fix
                    .as_ref()
                    .map(|x| w::COPY_FIX.fill(&[("cell", &x.cell), ("value", &x.value)]))
                    .unwrap_or_default();
                let sev = if f.severity == crate::model::Severity::Error {
                    w::SEV_ERROR
                } else {
                    w::SEV_WARNING
                };
                return format!("{} {sev}: {}{}", f.rule, f.message, fix);
            }
        }
        match self.selected() {
            Some(i) => {
                let c = &self.report().cells[i];
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

/// Byte ranges of every match of `query` in `text`, full-width and case folded.
fn find_all(text: &str, query: &str) -> Vec<(usize, usize)> {
    let q: Vec<char> = query
        .chars()
        .map(crate::read::text::normalize_char)
        .flat_map(|c| c.to_lowercase())
        .collect();
    let mut found = Vec::new();
    if q.is_empty() {
        return found;
    }
    let chars: Vec<(usize, char)> = text
        .char_indices()
        .map(|(i, c)| {
            let n = crate::read::text::normalize_char(c);
            (i, n.to_lowercase().next().unwrap_or(c))
        })
        .collect();
    let mut i = 0;
    while i + q.len() <= chars.len() {
        if chars[i..i + q.len()].iter().zip(&q).all(|(a, b)| a.1 == *b) {
            let end = chars.get(i + q.len()).map_or(text.len(), |x| x.0);
            found.push((chars[i].0, end));
            i += q.len();
        } else {
            i += 1;
        }
    }
    found
}

/// The one place state changes.
pub fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Opened(o) => opened(app, o),
        Msg::Resize(w, h) => {
            let wider = app.screen.size.0 != w;
            app.screen.size = (w, h);
            if wider {
                app.rebuild_diff();
            }
            Vec::new()
        }
        Msg::Saved(r) => saved(app, r),
        Msg::JournalFailed { seq, err } => {
            app.session.mark_unjournaled(seq);
            let n = app.session.unjournaled().len();
            app.warn(w::JOURNAL_FAILED.fill(&[("err", &err), ("n", &n)]));
            Vec::new()
        }
        Msg::Cancel => {
            cancel(app);
            Vec::new()
        }
        Msg::Paste(s) => {
            if let Some(input) = app.screen.mode.input_mut() {
                input.insert(s.lines().next().unwrap_or(""));
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
                eff.extend(action(app, a));
            }
            eff
        }
        Msg::Key(k) => key(app, k),
        Msg::Action(a) => action(app, a),
    }
}

/// What restoring the trail found, for the opening message.
fn restored_message(s: &Session) -> Vec<String> {
    let mut msg = Vec::new();
    let n_trail = s.trail().len();
    if n_trail > 0 {
        let corrected = s.report().corrections.corrected;
        msg.push(w::RESTORED.fill(&[("corrected", &corrected), ("n", &n_trail)]));
    }
    let disposed = |d: Disposition| {
        let fs = s.findings().iter();
        fs.filter(|f| f.disposed.as_ref().is_some_and(|x| x.disposition == d))
            .count()
    };
    let (confirmed, dismissed) = (
        disposed(Disposition::Confirmed),
        disposed(Disposition::Dismissed),
    );
    let notes = s.report().marks.notes.len();
    if confirmed + dismissed + notes > 0 {
        let args: [(&str, &dyn std::fmt::Display); 3] = [
            ("confirmed", &confirmed),
            ("dismissed", &dismissed),
            ("notes", &notes),
        ];
        msg.push(w::RESTORED_MARKS.fill(&args));
    }
    let gone = s
        .findings()
        .iter()
        .filter(|f| f.rule == "DISPOSITION-STALE")
        .count();
    if gone > 0 {
        msg.push(w::RESTORED_GONE.fill(&[("n", &gone)]));
    }
    let unsaved = s.unsaved();
    if unsaved > 0 {
        msg.push(w::RESTORED_UNWRITTEN.fill(&[("n", &unsaved)]));
    }
    let count = |rule: &str| s.findings().iter().filter(|f| f.rule == rule).count();
    let stale = s.stale().len();
    if stale > 0 {
        msg.push(w::RESTORED_STALE.fill(&[("n", &stale)]));
    }
    let skipped = count("CORRECTION-SKIPPED");
    if skipped > 0 {
        msg.push(w::RESTORED_SKIPPED.fill(&[("n", &skipped)]));
    }
    if count("CORRECTION-CHANGED") > 0 {
        msg.push(w::RESTORED_CHANGED.get().into());
    }
    msg
}

/// The opening message (restored corrections, read-only, a lock taken over, where the
/// corrections are filed, prior report), the title of the demo, and the mouse.
fn opened(app: &mut App, o: Opened) -> Vec<Effect> {
    let s = &app.session;
    let mut msg = restored_message(s);
    let skipped = s.findings().iter().any(|f| f.rule == "CORRECTION-SKIPPED");
    let warn = o.readonly.is_some() || !s.stale().is_empty() || skipped;
    msg.extend(o.readonly.clone());
    msg.extend(o.taken_over.clone());
    if let Some(p) = &o.filed_in {
        msg.push(w::FILED_IN.fill(&[("p", p)]));
        app.screen.filed_said = true;
    }
    if let Some(p) = s.prior() {
        let path = &p.source.path;
        msg.push(w::PRIOR_LOADED.fill(&[("path", path)]));
    }
    if !msg.is_empty() {
        app.screen.message = Some((msg.join(w::JOIN.get()), warn));
    }
    app.screen.filed_in = o.filed_in;
    app.session.set_read_only(o.readonly);
    if o.demo {
        app.session.set_title(w::DEMO_TITLE.get().into());
    }
    app.screen.mouse = o.mouse;
    if o.mouse {
        vec![Effect::SetMouse(true)]
    } else {
        Vec::new()
    }
}

/// What is on disk after a write failed: the corrections file as last written, and
/// which unwritten corrections the journal holds.
fn on_disk(app: &App) -> String {
    let unsaved = app.unsaved();
    let lost = app.session.unjournaled().len();
    if lost == 0 {
        return w::ON_DISK_ALL.fill(&[("unsaved", &unsaved)]);
    }
    w::ON_DISK_SOME.fill(&[
        ("held", &(unsaved - lost)),
        ("unsaved", &unsaved),
        ("lost", &lost),
    ])
}

/// The outcome of a save; after a write asked for at the quit question, success
/// quits and failure keeps the session open and says why, and what is on disk.
fn saved(app: &mut App, r: Result<(), String>) -> Vec<Effect> {
    let quit = std::mem::take(&mut app.screen.quit_after_save);
    match r {
        Ok(()) => {
            app.session.mark_saved();
            app.data_changed();
            let n = app.trail().len();
            app.say(w::WRITTEN.fill(&[("n", &n)]));
            if quit {
                return vec![Effect::Quit];
            }
        }
        Err(e) => {
            let still = if quit { w::STAYS_OPEN.get() } else { "" };
            let disk = on_disk(app);
            app.warn(w::NOT_WRITTEN.fill(&[("e", &e), ("still", &still), ("disk", &disk)]));
            if app.screen.mode == Mode::ConfirmQuit {
                app.screen.mode = Mode::Normal;
            }
        }
    }
    Vec::new()
}

fn cancel(app: &mut App) {
    let s = &mut app.screen;
    s.message = None;
    if s.mode != Mode::Normal {
        s.mode = Mode::Normal;
    } else if s.history.is_some() {
        s.history = None;
    } else if s.diff_view {
        s.diff_view = false;
    } else if s.zoom {
        s.zoom = false;
    }
}

/// A key through the mode's keymap table; what the table does not bind is typed in a
/// prompt, closes help and explain when the screen binds it, and closes the quit
/// question.
fn key(app: &mut App, k: KeyEvent) -> Vec<Effect> {
    let table = app.screen.mode.table();
    if let Some(a) = app.keymap.action_in(table, &k) {
        return action(app, a);
    }
    match table {
        Table::Prompt => {
            if let Some(input) = app.screen.mode.input_mut() {
                input.key(&k);
            }
        }
        Table::Scroll => {
            if let Some(a) = app.keymap.action(&k) {
                return action(app, a);
            }
        }
        Table::Quit => app.screen.mode = Mode::Normal,
        Table::Normal | Table::Pick | Table::Inbox => {}
    }
    Vec::new()
}

/// An action in the current mode: one its table does not have closes an overlay,
/// and is consumed by it.
fn action(app: &mut App, a: Action) -> Vec<Effect> {
    let table = app.screen.mode.table();
    if !table.allows(a) {
        app.screen.mode = Mode::Normal;
        return Vec::new();
    }
    match table {
        Table::Normal => normal_action(app, a),
        Table::Prompt => confirm(app),
        Table::Pick => {
            if let Mode::Stale { cell, sel } = app.screen.mode {
                stale_answer(app, a, cell, sel);
            } else {
                pick(app, a);
            }
            Vec::new()
        }
        Table::Scroll => {
            scroll(app, a);
            Vec::new()
        }
        Table::Quit => quit_answer(app, a),
        Table::Inbox => Vec::new(),
    }
}

/// Enter in a prompt.
fn confirm(app: &mut App) -> Vec<Effect> {
    match std::mem::replace(&mut app.screen.mode, Mode::Normal) {
        Mode::Edit { cell, input } => confirm_value(app, cell, input),
        Mode::Reason { changes, input } => return commit(app, changes, input.buf.trim()),
        Mode::Search { input } => {
            app.run_search(&input.buf);
            app.goto_match(true);
        }
        Mode::Goto { input } => goto_line(app, input.buf.trim()),
        Mode::Dismiss { key, input } => return super::audit::dismiss(app, key, input),
        Mode::Note { cell, input } => return super::audit::note(app, cell, input),
        other => app.screen.mode = other,
    }
    Vec::new()
}

/// The typed value of a cell, read as the cell's type: on to its reason, or back to
/// the editor with the reason it is refused under the field.
fn confirm_value(app: &mut App, cell: usize, mut input: Input) {
    let kind = app.report().cells[cell].column.kind;
    let v = match super::value::parse(kind, &input.buf) {
        Ok(v) => v,
        Err(why) => {
            input.error =
                Some(w::VALUE_REFUSED.fill(&[("typed", &input.buf.trim()), ("why", &why)]));
            input.selected = false;
            app.screen.mode = Mode::Edit { cell, input };
            return;
        }
    };
    app.screen.mode = Mode::Reason {
        changes: vec![(cell, v)],
        input: Input::default(),
    };
}

fn goto_line(app: &mut App, typed: &str) {
    let n_lines = app.session.lines().len();
    match typed.parse::<usize>() {
        Ok(n) if n >= 1 && n <= n_lines => {
            app.screen.show_raw = true;
            app.screen.focus = Pane::Raw;
            app.show_line(n - 1);
        }
        _ => app.warn(w::NO_LINE.fill(&[("typed", &typed), ("n", &n_lines)])),
    }
}

/// Records a correction group, journaled at once.
fn commit(app: &mut App, changes: Vec<(usize, Option<Num>)>, reason: &str) -> Vec<Effect> {
    let entries = app.session.commit(changes, reason);
    if entries.is_empty() {
        app.say(w::NO_CHANGE.get());
        return Vec::new();
    }
    app.data_changed();
    let n = entries.len();
    let mut m = if n == 1 {
        w::RECORDED_ONE.get().to_string()
    } else {
        w::RECORDED.fill(&[("n", &n)])
    };
    if let Some(p) = app
        .screen
        .filed_in
        .as_ref()
        .filter(|_| !app.screen.filed_said)
    {
        m.push_str(&w::FILED_IN_SUFFIX.fill(&[("p", p)]));
        app.screen.filed_said = true;
    }
    app.say(m);
    entries.into_iter().map(Effect::Journal).collect()
}

fn undo_redo(app: &mut App, undo: bool) -> Vec<Effect> {
    if let Some(why) = app.session.read_only() {
        let why = why.to_string();
        app.warn(w::READ_ONLY_WHY.fill(&[("why", &why)]));
        return Vec::new();
    }
    let Some(entries) = app.session.undo_redo(undo) else {
        app.say(
            if undo {
                w::NOTHING_TO_UNDO
            } else {
                w::NOTHING_TO_REDO
            }
            .get(),
        );
        return Vec::new();
    };
    app.data_changed();
    app.say(if undo { w::UNDONE } else { w::REDONE }.get());
    entries.into_iter().map(Effect::Journal).collect()
}

fn pick(app: &mut App, a: Action) {
    let Mode::Pick { cells, cands, sel } = std::mem::replace(&mut app.screen.mode, Mode::Normal)
    else {
        return;
    };
    let sel = match a {
        Action::MoveUp => sel.saturating_sub(1),
        Action::MoveDown => (sel + 1).min(cands.len().saturating_sub(1)),
        Action::Activate => {
            let changes = cells
                .iter()
                .zip(&cands[sel])
                .map(|(&c, &v)| (c, Some(v)))
                .collect();
            let why = w::PICKED.fill(&[("k", &(sel + 1)), ("n", &cands.len())]);
            app.screen.mode = Mode::Reason {
                changes,
                input: Input::new(&why),
            };
            return;
        }
        Action::Edit => {
            if let Some(cell) = app.selected() {
                app.edit_cell(cell);
            }
            return;
        }
        _ => sel,
    };
    app.screen.mode = Mode::Pick { cells, cands, sel };
}

/// Up and down choose between re-confirming a stale correction and dropping it; enter
/// goes on to the reason, `e` edits the cell instead. Either way a new trail entry,
/// made on this text, settles it.
fn stale_answer(app: &mut App, a: Action, cell: usize, sel: usize) {
    app.screen.mode = Mode::Normal;
    let Some(st) = app.session.stale_at(cell).cloned() else {
        return;
    };
    let show = |v: Option<Num>| v.map_or(w::MISSING.get().to_string(), |n| n.to_string());
    let now = app.report().cells[cell].value;
    match a {
        Action::MoveUp | Action::MoveDown => {
            let sel = if a == Action::MoveUp { 0 } else { 1 };
            app.screen.mode = Mode::Stale { cell, sel };
        }
        Action::Activate => {
            let (value, why) = if sel == 0 {
                let then = show(st.then);
                let why = w::RECONFIRMED.fill(&[("seq", &st.seq), ("then", &then)]);
                (st.new, why)
            } else {
                let why = w::DROPPED.fill(&[("seq", &st.seq), ("now", &show(now))]);
                (now, why)
            };
            app.screen.mode = Mode::Reason {
                changes: vec![(cell, value)],
                input: Input::new(&why),
            };
        }
        Action::Edit => app.edit_cell(cell),
        _ => {}
    }
}

fn scroll(app: &mut App, a: Action) {
    let d: isize = match a {
        Action::MoveUp => -1,
        Action::MoveDown => 1,
        Action::PageUp => -10,
        Action::PageDown => 10,
        _ => 0,
    };
    if let Mode::Help { scroll } | Mode::Explain { scroll } = &mut app.screen.mode {
        *scroll = scroll.saturating_add_signed(d);
    }
}

/// The answer to "quit?" with unwritten corrections. Writing first quits only once
/// the write succeeds (see [`saved`]); a read-only session never writes.
fn quit_answer(app: &mut App, a: Action) -> Vec<Effect> {
    app.screen.mode = Mode::Normal;
    match a {
        Action::Quit => vec![Effect::Quit],
        Action::Write => match app.session.read_only() {
            Some(why) => {
                let why = why.to_string();
                app.warn(w::READ_ONLY_WHY.fill(&[("why", &why)]));
                Vec::new()
            }
            None => {
                app.screen.quit_after_save = true;
                vec![Effect::Save]
            }
        },
        _ => Vec::new(),
    }
}

/// In the year diff, moves scroll the diff, c/C move the cursor between changed cells
/// and left/right page the columns; true when the diff took the action. Any other
/// action leaves the diff and acts as usual.
fn diff_action(app: &mut App, a: Action) -> bool {
    let h = diff_height(app);
    let max = app.diff.lines.len().saturating_sub(h);
    let s = app.screen.diff_scroll;
    let moved = match a {
        Action::MoveUp => Some(s.saturating_sub(1)),
        Action::MoveDown => Some((s + 1).min(max)),
        Action::PageUp => Some(s.saturating_sub(h)),
        Action::PageDown => Some((s + h).min(max)),
        Action::Top => Some(0),
        Action::Bottom => Some(max),
        Action::NextChange | Action::PrevChange => {
            diff_cursor_move(app, a == Action::NextChange);
            return true;
        }
        Action::PageLeft | Action::MoveLeft => {
            diff_page_move(app, false);
            return true;
        }
        Action::PageRight | Action::MoveRight => {
            diff_page_move(app, true);
            return true;
        }
        Action::Diff => {
            app.screen.diff_view = false;
            return true;
        }
        _ => None,
    };
    if let Some(v) = moved {
        app.screen.diff_scroll = v;
        return true;
    }
    app.screen.diff_view = false;
    false
}

/// Lines of the year diff on screen (below the title, above the status and hints).
fn diff_height(app: &App) -> usize {
    (app.screen.size.1 as usize).saturating_sub(5).max(1)
}

/// The cursor to the next or previous changed cell, its page of columns shown and its
/// line scrolled into view.
fn diff_cursor_move(app: &mut App, forward: bool) {
    let n = app.diff.changes.len();
    let next = match (app.screen.diff_cursor, forward) {
        (None, true) => (n > 0).then_some(0),
        (None, false) => n.checked_sub(1),
        (Some(k), true) => (k + 1 < n).then_some(k + 1),
        (Some(k), false) => k.checked_sub(1),
    };
    let Some(k) = next else {
        app.say(
            if forward {
                diffview::words::NO_MORE_BELOW
            } else {
                diffview::words::NO_MORE_ABOVE
            }
            .get(),
        );
        return;
    };
    app.screen.diff_cursor = Some(k);
    let page = app.diff.changes[k].page;
    if page != app.screen.diff_page {
        app.screen.diff_page = page;
        app.rebuild_diff();
    }
    let line = app.diff.changes[k].line;
    let h = diff_height(app);
    let s = app.screen.diff_scroll;
    if line < s || line >= s + h {
        let max = app.diff.lines.len().saturating_sub(h);
        app.screen.diff_scroll = line.saturating_sub(h / 3).min(max);
    }
}

/// The year diff's columns a page left or right.
fn diff_page_move(app: &mut App, right: bool) {
    let p = app.screen.diff_page;
    let next = if right {
        (p + 1 < app.diff.pages).then_some(p + 1)
    } else {
        p.checked_sub(1)
    };
    match next {
        Some(p) => {
            app.screen.diff_page = p;
            app.rebuild_diff();
        }
        None => app.say(
            if right {
                diffview::words::NO_MORE_RIGHT
            } else {
                diffview::words::NO_MORE_LEFT
            }
            .get(),
        ),
    }
}

fn normal_action(app: &mut App, a: Action) -> Vec<Effect> {
    app.screen.message = None;
    if app.screen.diff_view && diff_action(app, a) {
        return Vec::new();
    }
    if app.screen.history.is_some() && super::audit::history_action(app, a) {
        return Vec::new();
    }
    match a {
        Action::MoveUp
        | Action::MoveDown
        | Action::PageUp
        | Action::PageDown
        | Action::Top
        | Action::Bottom => move_action(app, a),
        Action::MoveLeft | Action::MoveRight => {
            if app.screen.focus == Pane::Tables {
                let c = &mut app.screen.col;
                *c = if a == Action::MoveLeft {
                    c.saturating_sub(1)
                } else {
                    *c + 1
                };
                app.clamp();
                app.follow_cell();
            }
        }
        Action::NextTable | Action::PrevTable => next_table(app, a == Action::NextTable),
        Action::NextPane | Action::PrevPane => next_pane(app, a == Action::NextPane),
        Action::NextError => app.jump_finding(true, Severity::Error),
        Action::PrevError => app.jump_finding(false, Severity::Error),
        Action::NextWarning => app.jump_finding(true, Severity::Warning),
        Action::PrevWarning => app.jump_finding(false, Severity::Warning),
        Action::Findings => {
            app.screen.show_findings = true;
            app.screen.focus = Pane::Findings;
        }
        Action::Activate => activate(app),
        Action::SearchNext => app.goto_match(true),
        Action::SearchPrev => app.goto_match(false),
        _ => return screen_action(app, a),
    }
    Vec::new()
}

/// The actions that open a mode, toggle a pane, or reach outside the screen.
fn screen_action(app: &mut App, a: Action) -> Vec<Effect> {
    let s = &mut app.screen;
    match a {
        Action::Explain => s.mode = Mode::Explain { scroll: 0 },
        Action::Help => s.mode = Mode::Help { scroll: 0 },
        Action::Search => {
            s.mode = Mode::Search {
                input: Input::default(),
            }
        }
        Action::GotoLine => {
            s.mode = Mode::Goto {
                input: Input::default(),
            }
        }
        Action::Edit => {
            s.focus = Pane::Tables;
            app.start_edit();
        }
        Action::Undo | Action::Redo => return undo_redo(app, a == Action::Undo),
        Action::Write => return write(app),
        Action::Copy => {
            let t = app.copy_text();
            app.say(w::COPIED.get());
            return vec![Effect::Copy(t)];
        }
        Action::ToggleRaw => {
            s.show_raw = !s.show_raw;
            if s.show_raw {
                s.focus = Pane::Raw;
            } else if s.focus == Pane::Raw {
                s.focus = Pane::Tables;
            }
        }
        Action::ToggleFindings => {
            s.show_findings = !s.show_findings;
            if !s.show_findings && s.focus == Pane::Findings {
                s.focus = Pane::Tables;
            }
        }
        Action::Zoom => s.zoom = !s.zoom,
        Action::Diff => open_diff(app),
        Action::NextChange | Action::PrevChange | Action::PageLeft | Action::PageRight => {
            app.warn(w::DIFF_NOT_OPEN.get())
        }
        Action::ToggleMouse => {
            s.mouse = !s.mouse;
            let on = s.mouse;
            app.say(if on { w::MOUSE_ON } else { w::MOUSE_OFF }.get());
            return vec![Effect::SetMouse(on)];
        }
        Action::Quit => return quit(app),
        Action::ConfirmFinding
        | Action::DismissFinding
        | Action::Note
        | Action::MarkReviewed
        | Action::SignOff
        | Action::History => return super::audit::action(app, a),
        _ => {}
    }
    Vec::new()
}

fn write(app: &mut App) -> Vec<Effect> {
    if let Some(why) = app.session.read_only() {
        let why = why.to_string();
        app.warn(w::READ_ONLY_WHY.fill(&[("why", &why)]));
        return Vec::new();
    }
    vec![Effect::Save]
}

/// Quits at once with nothing unwritten, and in a read-only session, whose unwritten
/// corrections are the other session's (in its journal, for it to write); else asks.
fn quit(app: &mut App) -> Vec<Effect> {
    if app.unsaved() > 0 && app.session.read_only().is_none() {
        app.screen.mode = Mode::ConfirmQuit;
        Vec::new()
    } else {
        vec![Effect::Quit]
    }
}

fn open_diff(app: &mut App) {
    if app.session.prior().is_some() {
        app.screen.diff_view = true;
        app.screen.diff_scroll = 0;
        app.screen.diff_cursor = None;
        if app.screen.diff_page != 0 {
            app.screen.diff_page = 0;
            app.rebuild_diff();
        }
    } else {
        app.warn(w::NO_PRIOR.get());
    }
}

fn move_action(app: &mut App, a: Action) {
    let page = app.tables_height().max(2) as i64 - 1;
    let delta: i64 = match a {
        Action::MoveUp => -1,
        Action::MoveDown => 1,
        Action::PageUp => -page,
        Action::PageDown => page,
        Action::Top => -1_000_000,
        _ => 1_000_000,
    };
    match app.screen.focus {
        Pane::Tables => {
            let max = app.grid().rows.len().saturating_sub(1) as i64;
            app.screen.row = (app.screen.row as i64 + delta).clamp(0, max) as usize;
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
            let max = app.session.lines().len().saturating_sub(1) as i64;
            let line = (app.screen.raw_line as i64 + d).clamp(0, max) as usize;
            app.show_line(line);
        }
        Pane::Findings => {
            let max = app.findings().len().saturating_sub(1) as i64;
            let s = &mut app.screen;
            s.finding_sel = (s.finding_sel as i64 + delta).clamp(0, max) as usize;
        }
    }
}

fn next_table(app: &mut App, forward: bool) {
    let n = app.session.grids().len();
    for _ in 0..n {
        let t = app.screen.table;
        app.screen.table = if forward {
            (t + 1) % n
        } else {
            (t + n - 1) % n
        };
        if !app.grid().rows.is_empty() {
            break;
        }
    }
    app.screen.focus = Pane::Tables;
    app.select((app.screen.table, 0, 0));
}

fn next_pane(app: &mut App, forward: bool) {
    let (w, h) = app.screen.size;
    let panes = layout::visible_panes(app.panes(), Rect::new(0, 0, w, h));
    let s = &mut app.screen;
    if let Some(i) = panes.iter().position(|p| *p == s.focus) {
        let n = panes.len();
        s.focus = panes[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }];
    } else if let Some(p) = panes.first() {
        s.focus = *p;
    }
}

/// Enter on the screen: edit the cell, or go to the selected finding's cell or line.
fn activate(app: &mut App) {
    match app.screen.focus {
        Pane::Tables => app.start_edit(),
        Pane::Findings => {
            let Some(f) = app.findings().get(app.screen.finding_sel).cloned() else {
                return;
            };
            // the cell to fix first, when one change would satisfy the finding
            let to = f.fix.as_ref().map(|x| &x.cell).or(f.cells.first());
            if let Some(k) = to {
                if app.select_key(k) {
                    app.screen.focus = Pane::Tables;
                }
            } else if let Some(l) = f.line {
                app.screen.show_raw = true;
                app.show_line(l as usize - 1);
            }
        }
        Pane::Raw => {}
    }
}
