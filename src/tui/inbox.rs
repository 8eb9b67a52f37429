//! Folder review: the inbox. One row per report of a folder (agency, year, format,
//! errors / warnings / cells missing after the trail's corrections, review state, the
//! prior year found), sortable and filterable, with how many are reviewed always in
//! view. Enter opens a report in the review screen ([`App`]); from there the next or
//! previous report opens without coming back, and quitting the report comes back here.
//!
//! Like the review screen, this is state and a pure [`update`]: the edge
//! ([`super::folder`]) reads the folder in the background and tells each row as it is
//! read ([`InboxMsg::Row`]), opens and closes reports (the lock and the writer are
//! its business) and carries out the open report's effects.

use super::action::{Action, Table};
use super::app::{self, App, Effect, Input, Mode, Opened, Settings};
use super::keymap::Keymap;
use super::says;
use crate::check::prior::PriorIndex;
use crate::lang::Msg as Words;
use crate::model::marks::ReviewState;
use crossterm::event::KeyEvent;
use std::path::{Path, PathBuf};

/// One report of the folder, as read.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub path: PathBuf,
    /// The file name, shown and filtered on.
    pub name: String,
    pub agency: Option<String>,
    pub year: Option<i32>,
    /// The national format's id (`2019`, `2021`), `None` when none was recognised.
    pub format: Option<&'static str>,
    /// Error and warning findings after the trail's corrections apply, as `check` counts.
    pub errors: usize,
    pub warnings: usize,
    pub missing: usize,
    pub state: ReviewState,
    /// Why the file could not be read (the other counts are then 0).
    pub unreadable: Option<String>,
    /// Last year's report of the same agency in the same folder, once the folder is read.
    pub prior: Option<PathBuf>,
}

impl Row {
    /// A row for a file that could not be read.
    pub fn unreadable(path: &Path, why: String) -> Row {
        Row {
            path: path.to_path_buf(),
            name: file_name(path),
            agency: None,
            year: None,
            format: None,
            errors: 0,
            warnings: 0,
            missing: 0,
            state: ReviewState::New,
            unreadable: Some(why),
            prior: None,
        }
    }

    fn reviewed(&self) -> bool {
        self.state >= ReviewState::Reviewed
    }
}

/// The file name of a path (the whole path when it has none).
pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// What the list is sorted by; `sort` cycles through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    Agency,
    Year,
    Errors,
    State,
}

impl Sort {
    fn next(self) -> Sort {
        match self {
            Sort::Agency => Sort::Year,
            Sort::Year => Sort::Errors,
            Sort::Errors => Sort::State,
            Sort::State => Sort::Agency,
        }
    }

    pub fn words(self) -> Words {
        match self {
            Sort::Agency => says::INBOX_SORT_AGENCY,
            Sort::Year => says::INBOX_SORT_YEAR,
            Sort::Errors => says::INBOX_SORT_ERRORS,
            Sort::State => says::INBOX_SORT_STATE,
        }
    }
}

pub enum InboxMsg {
    Key(KeyEvent),
    Action(Action),
    Cancel,
    Paste(String),
    Resize(u16, u16),
    /// The report at this place of the folder's list, read (again, after a review).
    Row(usize, Row),
    /// Every report of the folder is read: the prior years can be paired.
    AllRead,
    /// The report asked for by [`InboxEffect::Open`] is open.
    Opened {
        idx: usize,
        app: Box<App>,
        opened: Opened,
    },
    OpenFailed {
        idx: usize,
        why: String,
    },
    /// The outcome of an effect of the open report (a save, a journal append), or a
    /// scroll of the mouse.
    Report(app::Msg),
}

/// What the edge must do after an update.
#[derive(Debug, Clone, PartialEq)]
pub enum InboxEffect {
    /// Open the report (taking its lock), with last year's report when one was found.
    Open {
        idx: usize,
        path: PathBuf,
        prior: Option<PathBuf>,
    },
    /// An effect of the open report, for its writer or the terminal.
    Report(Effect),
    /// The open report is closed: release its lock and read its row again.
    Close {
        idx: usize,
        path: PathBuf,
    },
    Quit,
}

/// A report opened from the inbox.
pub struct OpenReport {
    pub idx: usize,
    pub app: Box<App>,
    /// The row to open once the pending write succeeds, and how many corrections it
    /// writes.
    then: Option<(usize, usize)>,
}

pub struct Inbox {
    rows: Vec<Option<Row>>,
    read: usize,
    all_read: bool,
    sort: Sort,
    filter: String,
    /// The filter being typed.
    typing: Option<Input>,
    only_unreviewed: bool,
    only_errors: bool,
    /// The rows shown, by their place in the folder's list, in the order shown.
    shown: Vec<usize>,
    sel: usize,
    /// The auditor has chosen a row: it stays selected as rows come and go (until
    /// then the first row is, whichever it is as rows are read).
    chosen: bool,
    top: usize,
    keymap: Keymap,
    settings: Settings,
    size: (u16, u16),
    message: Option<(String, bool)>,
    open: Option<OpenReport>,
    /// Said in the next report once it is open.
    notice: Option<String>,
}

impl Inbox {
    /// An inbox for `total` reports, none read yet.
    pub fn new(total: usize, keymap: Keymap, settings: Settings) -> Inbox {
        Inbox {
            rows: vec![None; total],
            read: 0,
            all_read: total == 0,
            sort: Sort::Agency,
            filter: String::new(),
            typing: None,
            only_unreviewed: false,
            only_errors: false,
            shown: Vec::new(),
            sel: 0,
            chosen: false,
            top: 0,
            keymap,
            settings,
            size: (80, 24),
            message: None,
            open: None,
            notice: None,
        }
    }

    pub fn rows(&self) -> impl Iterator<Item = &Row> {
        self.rows.iter().flatten()
    }
    pub fn row(&self, idx: usize) -> Option<&Row> {
        self.rows.get(idx).and_then(Option::as_ref)
    }
    pub fn total(&self) -> usize {
        self.rows.len()
    }
    pub fn read(&self) -> usize {
        self.read
    }
    pub fn all_read(&self) -> bool {
        self.all_read
    }
    pub fn reviewed(&self) -> usize {
        self.rows().filter(|r| r.reviewed()).count()
    }
    pub fn sort(&self) -> Sort {
        self.sort
    }
    pub fn filter(&self) -> &str {
        &self.filter
    }
    pub fn typing(&self) -> Option<&Input> {
        self.typing.as_ref()
    }
    pub fn only_unreviewed(&self) -> bool {
        self.only_unreviewed
    }
    pub fn only_errors(&self) -> bool {
        self.only_errors
    }
    /// The rows shown, in order, by their place in the folder's list.
    pub fn shown(&self) -> &[usize] {
        &self.shown
    }
    /// The selected row's place in [`Inbox::shown`].
    pub fn selected(&self) -> usize {
        self.sel
    }
    pub fn selected_row(&self) -> Option<&Row> {
        self.shown.get(self.sel).and_then(|&i| self.row(i))
    }
    pub fn top(&self) -> usize {
        self.top
    }
    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }
    pub fn settings(&self) -> &Settings {
        &self.settings
    }
    pub fn size(&self) -> (u16, u16) {
        self.size
    }
    pub fn message(&self) -> Option<&(String, bool)> {
        self.message.as_ref()
    }
    /// The report open from the inbox, if any.
    pub fn open(&self) -> Option<&OpenReport> {
        self.open.as_ref()
    }

    /// How many rows the list shows at this height (header, column heads, status and
    /// hint lines aside).
    pub fn list_height(&self) -> usize {
        usize::from(self.size.1).saturating_sub(4).max(1)
    }

    fn keep(&self, r: &Row) -> bool {
        if self.only_unreviewed && r.reviewed() {
            return false;
        }
        if self.only_errors && r.errors == 0 && r.unreadable.is_none() {
            return false;
        }
        let f = self.filter.trim().to_lowercase();
        f.is_empty()
            || r.name.to_lowercase().contains(&f)
            || r.agency
                .as_deref()
                .is_some_and(|a| a.to_lowercase().contains(&f))
    }

    /// Sorts and filters again, keeping the selected report selected when it is shown.
    fn refresh(&mut self) {
        let was = self.shown.get(self.sel).copied().filter(|_| self.chosen);
        let mut shown: Vec<usize> = (0..self.rows.len())
            .filter(|&i| self.row(i).is_some_and(|r| self.keep(r)))
            .collect();
        let key = |i: usize| {
            let r = self.row(i).expect("shown rows are read");
            let agency = (r.agency.is_none(), r.agency.clone().unwrap_or_default());
            match self.sort {
                Sort::Agency => (agency, r.year.map_or(i32::MAX, |y| -y), 0, 0),
                Sort::Year => (
                    (false, String::new()),
                    r.year.map_or(i32::MAX, |y| -y),
                    0,
                    0,
                ),
                Sort::Errors => (
                    (false, String::new()),
                    0,
                    -(r.errors as i64) - i64::from(r.unreadable.is_some()) * 1_000_000,
                    -(r.warnings as i64),
                ),
                Sort::State => ((false, String::new()), 0, r.state as i64, 0),
            }
        };
        shown.sort_by_cached_key(|&i| (key(i), i));
        self.shown = shown;
        self.sel = was
            .and_then(|w| self.shown.iter().position(|&i| i == w))
            .unwrap_or(if self.chosen { self.sel } else { 0 })
            .min(self.shown.len().saturating_sub(1));
        self.scroll_into_view();
    }

    fn scroll_into_view(&mut self) {
        let h = self.list_height();
        if self.sel < self.top {
            self.top = self.sel;
        } else if self.sel >= self.top + h {
            self.top = self.sel + 1 - h;
        }
    }

    fn select_idx(&mut self, idx: usize) {
        if let Some(p) = self.shown.iter().position(|&i| i == idx) {
            self.chosen = true;
            self.sel = p;
            self.scroll_into_view();
        }
    }

    /// Pairs each report with last year's, once, from the rows read.
    fn pair_priors(&mut self) {
        let mut index = PriorIndex::of_known(
            self.rows
                .iter()
                .flatten()
                .filter(|r| r.unreadable.is_none())
                .map(|r| (r.path.as_path(), r.agency.as_deref(), r.year)),
        );
        for r in self.rows.iter_mut().flatten() {
            if r.unreadable.is_none() {
                r.prior = index.find_for(&r.path, r.agency.as_deref(), r.year).ok();
            }
        }
    }
}

/// The one place the inbox (and the report open from it) changes.
pub fn update(inbox: &mut Inbox, msg: InboxMsg) -> Vec<InboxEffect> {
    match msg {
        InboxMsg::Row(idx, row) => {
            got_row(inbox, idx, row);
            Vec::new()
        }
        InboxMsg::AllRead => {
            inbox.all_read = true;
            inbox.pair_priors();
            inbox.refresh();
            Vec::new()
        }
        InboxMsg::Resize(w, h) => {
            inbox.size = (w, h);
            inbox.scroll_into_view();
            match inbox.open.is_some() {
                true => to_report(inbox, app::Msg::Resize(w, h)),
                false => Vec::new(),
            }
        }
        InboxMsg::Opened { idx, app, opened } => report_opened(inbox, idx, app, opened),
        InboxMsg::OpenFailed { idx, why } => {
            let file = inbox.row(idx).map(|r| r.name.clone()).unwrap_or_default();
            let why = says::INBOX_OPEN_FAILED.fill(&[("file", &file), ("why", &why)]);
            inbox.message = Some((why, true));
            inbox.select_idx(idx);
            Vec::new()
        }
        InboxMsg::Report(m) if inbox.open.is_some() => report_outcome(inbox, m),
        // the mouse wheel over the list
        InboxMsg::Report(app::Msg::Scroll(d)) => {
            let a = if d < 0 {
                Action::MoveUp
            } else {
                Action::MoveDown
            };
            (0..d.unsigned_abs())
                .flat_map(|_| action(inbox, a))
                .collect()
        }
        InboxMsg::Report(_) => Vec::new(),
        m if inbox.open.is_some() => report_input(inbox, m),
        InboxMsg::Key(k) => key(inbox, k),
        InboxMsg::Action(a) => action(inbox, a),
        InboxMsg::Cancel => {
            inbox.message = None;
            if inbox.typing.take().is_some() {
                inbox.filter.clear();
                inbox.refresh();
            }
            Vec::new()
        }
        InboxMsg::Paste(s) => {
            if let Some(input) = &mut inbox.typing {
                input.insert(s.lines().next().unwrap_or(""));
                inbox.filter = input.buf.clone();
                inbox.refresh();
            }
            Vec::new()
        }
    }
}

fn got_row(inbox: &mut Inbox, idx: usize, mut row: Row) {
    let Some(slot) = inbox.rows.get_mut(idx) else {
        return;
    };
    match slot {
        // read again after a review: its agency and year, so its prior, are the same
        Some(old) => row.prior = old.prior.clone(),
        None => inbox.read += 1,
    }
    *slot = Some(row);
    inbox.refresh();
}

fn key(inbox: &mut Inbox, k: KeyEvent) -> Vec<InboxEffect> {
    inbox.chosen = true;
    if let Some(input) = &mut inbox.typing {
        if inbox.keymap.action_in(Table::Prompt, &k) == Some(Action::Activate) {
            inbox.typing = None;
        } else {
            input.key(&k);
            inbox.filter = input.buf.clone();
            inbox.refresh();
        }
        return Vec::new();
    }
    match inbox.keymap.action_in(Table::Inbox, &k) {
        Some(a) => action(inbox, a),
        None => Vec::new(),
    }
}

fn action(inbox: &mut Inbox, a: Action) -> Vec<InboxEffect> {
    inbox.message = None;
    let last = inbox.shown.len().saturating_sub(1);
    let page = inbox.list_height();
    // any key: the auditor has taken the list in hand
    inbox.chosen = true;
    match a {
        Action::MoveUp => inbox.sel = inbox.sel.saturating_sub(1),
        Action::MoveDown => inbox.sel = (inbox.sel + 1).min(last),
        Action::PageUp => inbox.sel = inbox.sel.saturating_sub(page),
        Action::PageDown => inbox.sel = (inbox.sel + page).min(last),
        Action::Top => inbox.sel = 0,
        Action::Bottom => inbox.sel = last,
        Action::Activate => return open_selected(inbox),
        Action::Search => inbox.typing = Some(Input::new(&inbox.filter)),
        Action::Sort => {
            inbox.sort = inbox.sort.next();
            inbox.refresh();
        }
        Action::OnlyUnreviewed => {
            inbox.only_unreviewed = !inbox.only_unreviewed;
            inbox.refresh();
        }
        Action::OnlyErrors => {
            inbox.only_errors = !inbox.only_errors;
            inbox.refresh();
        }
        Action::Quit => return vec![InboxEffect::Quit],
        _ => {}
    }
    inbox.scroll_into_view();
    Vec::new()
}

fn open_selected(inbox: &mut Inbox) -> Vec<InboxEffect> {
    let Some(&idx) = inbox.shown.get(inbox.sel) else {
        return Vec::new();
    };
    open_row(inbox, idx)
}

fn open_row(inbox: &mut Inbox, idx: usize) -> Vec<InboxEffect> {
    let Some(row) = inbox.row(idx) else {
        return Vec::new();
    };
    if let Some(why) = &row.unreadable {
        let m = says::INBOX_WHY_UNREADABLE.fill(&[("file", &row.name), ("why", why)]);
        inbox.message = Some((m, true));
        return Vec::new();
    }
    vec![InboxEffect::Open {
        idx,
        path: row.path.clone(),
        prior: row.prior.clone(),
    }]
}

fn report_opened(inbox: &mut Inbox, idx: usize, app: Box<App>, o: Opened) -> Vec<InboxEffect> {
    inbox.select_idx(idx);
    inbox.open = Some(OpenReport {
        idx,
        app,
        then: None,
    });
    let (w, h) = inbox.size;
    let mut eff = to_report(inbox, app::Msg::Resize(w, h));
    eff.extend(to_report(inbox, app::Msg::Opened(o)));
    let moved = inbox.notice.take();
    if let Some(open) = &mut inbox.open {
        // what moving on wrote, what the report's opening says, and the keys to move on
        let said = open.app.message().cloned();
        let warn = said.as_ref().is_some_and(|m| m.1);
        let keys = keys_in_report(open.app.keymap());
        let said = said.map(|m| m.0);
        let all: Vec<String> = moved.into_iter().chain(said).chain(keys).collect();
        open.app.notice(all.join(says::JOIN.get()), warn);
    }
    eff
}

/// The keys that move on or go back, from the report's keymap (none when unbound).
fn keys_in_report(km: &Keymap) -> Option<String> {
    let first = |a: Action| km.keys_for(a).first().map(|k| k.to_string());
    let (next, prev, back) = (
        first(Action::NextReport)?,
        first(Action::PrevReport)?,
        first(Action::Quit)?,
    );
    let args: [(&str, &dyn std::fmt::Display); 3] =
        [("next", &next), ("prev", &prev), ("back", &back)];
    Some(says::INBOX_KEYS_IN_REPORT.fill(&args))
}

/// Hands a message to the open report; its quitting closes it (back to the inbox).
fn to_report(inbox: &mut Inbox, m: app::Msg) -> Vec<InboxEffect> {
    let Some(open) = &mut inbox.open else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for e in app::update(&mut open.app, m) {
        match e {
            Effect::Quit => out.extend(close(inbox)),
            e => out.push(InboxEffect::Report(e)),
        }
        if inbox.open.is_none() {
            break;
        }
    }
    out
}

fn close(inbox: &mut Inbox) -> Vec<InboxEffect> {
    let Some(open) = inbox.open.take() else {
        return Vec::new();
    };
    inbox.select_idx(open.idx);
    let path = open.app.report().source.path.clone();
    let path = inbox
        .row(open.idx)
        .map_or_else(|| PathBuf::from(path), |r| r.path.clone());
    vec![InboxEffect::Close {
        idx: open.idx,
        path,
    }]
}

/// A key or action while a report is open: the next / previous report are the
/// inbox's; esc on the bare screen (no message, diff or zoom to close) leaves the
/// report as its quit key does.
fn report_input(inbox: &mut Inbox, m: InboxMsg) -> Vec<InboxEffect> {
    let Some(open) = &inbox.open else {
        return Vec::new();
    };
    let normal = open.app.mode() == &Mode::Normal;
    let moving = |a: Option<Action>| match a {
        Some(Action::NextReport) if normal => Some(true),
        Some(Action::PrevReport) if normal => Some(false),
        _ => None,
    };
    let msg = match m {
        InboxMsg::Key(k) => match moving(open.app.keymap().action(&k)) {
            Some(forward) => return next_report(inbox, forward),
            None => app::Msg::Key(k),
        },
        InboxMsg::Action(a) => match moving(Some(a)) {
            Some(forward) => return next_report(inbox, forward),
            None => app::Msg::Action(a),
        },
        // esc with nothing else to cancel (a message, the year diff, a zoom) leaves
        InboxMsg::Cancel
            if normal
                && open.app.message().is_none()
                && !open.app.diff_view()
                && !open.app.zoom() =>
        {
            app::Msg::Action(Action::Quit)
        }
        InboxMsg::Cancel => app::Msg::Cancel,
        InboxMsg::Paste(s) => app::Msg::Paste(s),
        _ => return Vec::new(),
    };
    to_report(inbox, msg)
}

/// The outcome of an effect of the open report; a write asked for before moving on
/// moves on once it succeeded (a failed one leaves the report open, saying why).
fn report_outcome(inbox: &mut Inbox, m: app::Msg) -> Vec<InboxEffect> {
    let written = matches!(m, app::Msg::Saved(Ok(())));
    let then = inbox.open.as_mut().and_then(|o| o.then.take());
    let mut eff = to_report(inbox, m);
    if let (true, Some((target, n))) = (written, then) {
        if let Some(open) = &inbox.open {
            let file = inbox
                .row(open.idx)
                .map(|r| r.name.clone())
                .unwrap_or_default();
            inbox.notice = Some(says::INBOX_MOVED_ON.fill(&[("file", &file), ("n", &n)]));
        }
        eff.extend(switch_to(inbox, target));
    }
    eff
}

/// The row after (or before) the open report in the list as shown.
fn neighbour(inbox: &Inbox, idx: usize, forward: bool) -> Option<usize> {
    let at = inbox.shown.iter().position(|&i| i == idx)?;
    // an unreadable report cannot be opened: the next readable one
    let readable = |i: &usize| inbox.row(*i).is_some_and(|r| r.unreadable.is_none());
    match forward {
        true => inbox.shown[at + 1..].iter().copied().find(readable),
        false => inbox.shown[..at].iter().rev().copied().find(readable),
    }
}

/// Opens the next (or previous) report, writing the open one's unwritten corrections
/// first (the journal holds them already; a write makes them the corrections file).
fn next_report(inbox: &mut Inbox, forward: bool) -> Vec<InboxEffect> {
    let Some(open) = &inbox.open else {
        return Vec::new();
    };
    let Some(target) = neighbour(inbox, open.idx, forward) else {
        let m = if forward {
            says::INBOX_NO_NEXT
        } else {
            says::INBOX_NO_PREV
        };
        if let Some(open) = &mut inbox.open {
            open.app.notice(m.get(), true);
        }
        return Vec::new();
    };
    let unsaved = open.app.unsaved();
    if unsaved > 0 && open.app.session().read_only().is_none() {
        if let Some(open) = &mut inbox.open {
            open.then = Some((target, unsaved));
        }
        return vec![InboxEffect::Report(Effect::Save)];
    }
    switch_to(inbox, target)
}

fn switch_to(inbox: &mut Inbox, target: usize) -> Vec<InboxEffect> {
    let mut eff = close(inbox);
    eff.extend(open_row(inbox, target));
    eff
}
