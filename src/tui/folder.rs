//! The edge of folder review: the folder read in the background (each report as
//! `check` reads it, its trail for the review state), reports opened and closed with
//! their locks, the open report's effects carried out, and the terminal. Nothing here
//! decides: [`super::inbox::update`] does, and is told every outcome.

use super::app::{Effect, Msg, Settings};
use super::inbox::{update, Inbox, InboxEffect, InboxMsg, Row};
use super::keymap::Keymap;
use super::says;
use crate::check::batch::{self, Outcome};
use crate::check::dispose;
use crate::input::InputError;
use crate::model::{Origin, Report};
use crate::record::corrections::{Store, Writer};
use crossterm::event::{self, Event, KeyCode, KeyEventKind, MouseEventKind};
use crossterm::terminal::{self, EnterAlternateScreen};
use crossterm::{event::EnableBracketedPaste, execute};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;
use rayon::prelude::*;
use std::collections::VecDeque;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

fn apply_corrections(path: &Path, report: &mut Report) -> Result<(), String> {
    crate::record::corrections::apply_saved(path, report).map(|_| ())
}

/// One report's row: read and checked as `check` does (the trail's corrections
/// applied), its review state from the trail.
pub fn read_row(path: &Path) -> Row {
    let (report, findings) = match batch::check_file(path, &apply_corrections) {
        Outcome::Checked { report, findings } => (report, findings),
        Outcome::Unreadable(e) => return Row::unreadable(path, e.kind.to_string()),
    };
    let trail = Store::find(path, &report.source.sha256)
        .and_then(|s| s.restore().ok())
        .map(|r| r.trail)
        .unwrap_or_default();
    // as check counts: a dismissed error no longer counts
    let (errors, warnings, _) = dispose::tally(&findings);
    Row {
        path: path.to_path_buf(),
        name: super::inbox::file_name(path),
        agency: report.meta.agency.clone(),
        year: report.meta.year,
        format: report.meta.template.map(|t| t.id()),
        errors,
        warnings,
        missing: report
            .cells
            .iter()
            .filter(|c| c.origin == Origin::Missing)
            .count(),
        state: crate::record::review::review(&trail).state,
        unreadable: None,
        prior: None,
    }
}

fn error_row(e: &InputError) -> Row {
    Row::unreadable(&e.path, e.kind.to_string())
}

/// Starts reading the reports of `paths` (folders walked as `check` walks them) in the
/// background: how many there are, and the rows as they are read, then
/// [`InboxMsg::AllRead`].
pub fn start(paths: &[PathBuf]) -> (usize, Receiver<InboxMsg>) {
    let inputs = batch::gather(paths);
    let total = inputs.len();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        inputs.par_iter().enumerate().for_each(|(i, input)| {
            let row = match input {
                Ok(p) => read_row(p),
                Err(e) => error_row(e),
            };
            let _ = tx.send(InboxMsg::Row(i, row));
        });
        let _ = tx.send(InboxMsg::AllRead);
    });
    (total, rx)
}

/// What the edge holds while a report is open: its writer (the lock), and what it
/// needs to open the next.
pub struct Edge {
    pub keymap: Keymap,
    pub settings: Settings,
    pub copied_threshold: f64,
    /// The terminal is ours: the clipboard and the mouse are written to it.
    pub terminal: bool,
    mouse: bool,
    writer: Option<Writer>,
}

impl Edge {
    pub fn new(keymap: Keymap, settings: Settings, mouse: bool, copied_threshold: f64) -> Edge {
        Edge {
            keymap,
            settings,
            copied_threshold,
            terminal: false,
            mouse,
            writer: None,
        }
    }

    /// Whether a report's lock is held now.
    pub fn holds_lock(&self) -> bool {
        self.writer.is_some()
    }

    /// Hands `msg` to the inbox and carries out the effects, telling it each outcome;
    /// true when it decided to quit.
    pub fn carry_out(&mut self, inbox: &mut Inbox, msg: InboxMsg) -> bool {
        let mut queue: VecDeque<InboxEffect> = update(inbox, msg).into();
        while let Some(eff) = queue.pop_front() {
            let outcome = match eff {
                InboxEffect::Quit => return true,
                InboxEffect::Open { idx, path, prior } => Some(self.open(idx, &path, prior)),
                InboxEffect::Close { idx, path } => {
                    // the lock is released before anything else is opened
                    self.writer = None;
                    Some(InboxMsg::Row(idx, read_row(&path)))
                }
                InboxEffect::Report(e) => self.report_effect(inbox, e).map(InboxMsg::Report),
            };
            if let Some(m) = outcome {
                queue.extend(update(inbox, m));
            }
        }
        false
    }

    fn open(&mut self, idx: usize, path: &Path, prior: Option<PathBuf>) -> InboxMsg {
        self.writer = None;
        let (app, writer, mut opened) =
            match super::run::open(path, self.keymap.clone(), self.settings.clone()) {
                Ok(x) => x,
                Err(why) => return InboxMsg::OpenFailed { idx, why },
            };
        let app = match prior.map(|p| batch::load(&p, &apply_corrections)) {
            Some(Ok(p)) => app.with_prior(p, self.copied_threshold),
            _ => app,
        };
        opened.mouse = self.mouse;
        self.writer = writer;
        InboxMsg::Opened {
            idx,
            app: Box::new(app),
            opened,
        }
    }

    fn report_effect(&mut self, inbox: &Inbox, e: Effect) -> Option<Msg> {
        let read_only = || says::RUN_READ_ONLY.get().to_string();
        match e {
            Effect::Journal(e) => {
                let done = self
                    .writer
                    .as_ref()
                    .map_or(Err(read_only()), |w| w.append(&e));
                done.err().map(|err| Msg::JournalFailed { seq: e.seq, err })
            }
            Effect::Save => {
                let app = &inbox.open()?.app;
                let w = self.writer.as_ref();
                Some(Msg::Saved(w.map_or(Err(read_only()), |w| {
                    w.save(app.report(), app.trail())
                })))
            }
            Effect::Copy(t) if self.terminal => {
                let mut o = std::io::stdout();
                let _ = o.write_all(super::run::osc52(&t).as_bytes());
                let _ = o.flush();
                None
            }
            Effect::SetMouse(on) => {
                self.mouse = on;
                if self.terminal {
                    let mut o = std::io::stdout();
                    let _ = match on {
                        true => execute!(o, event::EnableMouseCapture),
                        false => execute!(o, event::DisableMouseCapture),
                    };
                }
                None
            }
            Effect::Copy(_) | Effect::Quit => None,
        }
    }
}

pub struct Options {
    pub paths: Vec<PathBuf>,
    pub keymap: Option<PathBuf>,
    pub settings: Settings,
    pub mouse: bool,
    pub copied_threshold: f64,
}

/// Folder review on the terminal: the first frame at once, rows as they are read.
pub fn run(opts: Options) -> Result<(), String> {
    let keymap = Keymap::from_config(opts.keymap.as_deref()).map_err(|e| format!("{e}"))?;
    let (total, rows) = start(&opts.paths);
    let mut inbox = Inbox::new(total, keymap.clone(), opts.settings.clone());
    let mut edge = Edge::new(keymap, opts.settings, opts.mouse, opts.copied_threshold);
    edge.terminal = true;

    let prev = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        super::run::restore_terminal();
        prev(info);
    }));
    terminal::enable_raw_mode().map_err(|e| says::RUN_TERMINAL.fill(&[("e", &e)]))?;
    let mut out = std::io::stdout();
    let _ = execute!(out, EnterAlternateScreen, EnableBracketedPaste);
    if opts.mouse {
        let _ = execute!(out, event::EnableMouseCapture);
    }
    let (w, h) = terminal::size().unwrap_or((80, 24));
    edge.carry_out(&mut inbox, InboxMsg::Resize(w, h));
    let result = event_loop(&mut inbox, &mut edge, &rows);
    super::run::restore_terminal();
    // the lock of a report still open is released here, after the last write
    drop(edge);
    let _ = std::panic::take_hook();
    result
}

fn event_loop(inbox: &mut Inbox, edge: &mut Edge, rows: &Receiver<InboxMsg>) -> Result<(), String> {
    let backend = CrosstermBackend::new(std::io::BufWriter::with_capacity(
        1 << 16,
        std::io::stdout(),
    ));
    let mut term = Terminal::new(backend).map_err(|e| says::RUN_TERMINAL.fill(&[("e", &e)]))?;
    let mut dirty = true;
    loop {
        if dirty {
            term.draw(|f| super::inboxview::view(inbox, f))
                .map_err(|e| says::RUN_DRAWING.fill(&[("e", &e)]))?;
            dirty = false;
        }
        // rows read meanwhile, a batch at a time so keys are never kept waiting
        for m in rows.try_iter().take(64) {
            dirty = true;
            if edge.carry_out(inbox, m) {
                return Ok(());
            }
        }
        let wait = if inbox.all_read() { 250 } else { 30 };
        if !event::poll(Duration::from_millis(wait)).unwrap_or(false) {
            continue;
        }
        while event::poll(Duration::ZERO).unwrap_or(false) {
            let ev = event::read().map_err(|e| says::RUN_KEYS.fill(&[("e", &e)]))?;
            let Some(msg) = to_msg(ev) else { continue };
            dirty = true;
            if edge.carry_out(inbox, msg) {
                return Ok(());
            }
        }
    }
}

fn to_msg(ev: Event) -> Option<InboxMsg> {
    match ev {
        Event::Resize(w, h) => Some(InboxMsg::Resize(w, h)),
        Event::Paste(s) => Some(InboxMsg::Paste(s)),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => Some(InboxMsg::Report(Msg::Scroll(3))),
            MouseEventKind::ScrollUp => Some(InboxMsg::Report(Msg::Scroll(-3))),
            _ => None,
        },
        // esc always cancels: no keymap binds it
        Event::Key(k) if k.kind != KeyEventKind::Release => Some(if k.code == KeyCode::Esc {
            InboxMsg::Cancel
        } else {
            InboxMsg::Key(k)
        }),
        _ => None,
    }
}
