//! The edge of the review screen: files, the terminal, the clipboard. Everything
//! here carries out what `update` decided; nothing here decides.

use super::app::{update, App, Effect, Mode, Msg, Settings};
use super::keymap::Keymap;
use crate::record::corrections::Store;
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyCode, KeyEventKind, MouseEventKind,
};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub const DEMO_NAME: &str = "nianbao-demo-2023.txt";
pub const DEMO_TEXT: &str = include_str!("../demo/demo-2023.txt");

pub struct Options {
    pub file: Option<PathBuf>,
    pub keymap: Option<PathBuf>,
    pub settings: Settings,
    pub mouse: bool,
    pub prior: Option<crate::model::Report>,
    pub copied_threshold: f64,
}

/// Puts the demo report where its corrections can live beside it.
pub fn demo_path() -> Result<PathBuf, String> {
    let dir = crate::record::corrections::data_dir().join("demo");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: cannot create: {e}", dir.display()))?;
    let p = dir.join(DEMO_NAME);
    if std::fs::read_to_string(&p).ok().as_deref() != Some(DEMO_TEXT) {
        std::fs::write(&p, DEMO_TEXT)
            .map_err(|e| format!("{}: cannot write the demo report: {e}", p.display()))?;
    }
    Ok(p)
}

/// Opens a report for review: reads it, restores its corrections, takes the lock.
pub fn open(path: &Path, keymap: Keymap, settings: Settings) -> Result<(App, Store), String> {
    let meta = std::fs::metadata(path)
        .map_err(|e| format!("{}: {}", path.display(), crate::check::batch::io_reason(&e)))?;
    if meta.len() as usize > crate::input::decode::MAX_INPUT_BYTES {
        return Err(format!(
            "{}: {}",
            path.display(),
            crate::input::decode::DecodeError::TooLarge(meta.len() as usize)
        ));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| format!("{}: {}", path.display(), crate::check::batch::io_reason(&e)))?;
    let report = crate::read::read_bytes(&path.display().to_string(), &bytes)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let store = Store::for_report(path, &report.source.sha256);
    let saved = store.load_saved()?;
    let saved_seq = saved.last().map_or(0, |e| e.seq);
    let unsaved = store.load_journal(saved_seq);
    let restored_unsaved = unsaved.len();
    let mut trail = saved;
    trail.extend(unsaved);
    let readonly = store.lock().err();
    let n_trail = trail.len();
    let mut app = App::new(report, trail, saved_seq, keymap, settings);
    let corrected = app
        .report
        .cells
        .iter()
        .filter(|c| c.origin == crate::model::Origin::Corrected)
        .count();
    let mut msg = Vec::new();
    if n_trail > 0 {
        msg.push(format!(
            "restored {corrected} corrected cells from {n_trail} trail entries"
        ));
        if restored_unsaved > 0 {
            msg.push(format!("{restored_unsaved} of them unwritten, from the journal of a session that ended early"));
        }
    }
    if let Some(r) = &readonly {
        msg.push(r.clone());
    }
    if !msg.is_empty() {
        app.message = Some((msg.join("; "), readonly.is_some()));
    }
    app.readonly = readonly;
    Ok((app, store))
}

fn restore_terminal() {
    let mut out = std::io::stdout();
    let _ = execute!(
        out,
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = terminal::disable_raw_mode();
}

/// OSC 52 puts text on the clipboard of the terminal the auditor sits at, over SSH too.
fn osc52(text: &str) -> String {
    use base64::Engine;
    format!(
        "\x1b]52;c;{}\x07",
        base64::engine::general_purpose::STANDARD.encode(text)
    )
}

pub fn run(opts: Options) -> Result<(), String> {
    let keymap = Keymap::from_config(opts.keymap.as_deref()).map_err(|e| format!("{e}"))?;
    let path = match &opts.file {
        Some(p) => p.clone(),
        None => demo_path()?,
    };
    let (mut app, store) = open(&path, keymap, opts.settings)?;
    if let Some(p) = opts.prior {
        app = app.with_prior(p, opts.copied_threshold);
        let m = app.message.take();
        app.message = Some((
            format!(
                "{}prior report {} loaded: d opens the year diff",
                m.map(|m| m.0 + "; ").unwrap_or_default(),
                app.prior.as_ref().unwrap().source.path
            ),
            false,
        ));
    }
    if opts.file.is_none() {
        app.title = "demo report (built in)".into();
    }
    let (w, h) = terminal::size().unwrap_or((80, 24));
    update(&mut app, Msg::Resize(w, h));

    // Whatever happens from here, the terminal is given back.
    let prev = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        prev(info);
    }));
    terminal::enable_raw_mode().map_err(|e| format!("cannot set up the terminal: {e}"))?;
    let mut out = std::io::stdout();
    let _ = execute!(out, EnterAlternateScreen, EnableBracketedPaste);
    if opts.mouse {
        app.mouse = true;
        let _ = execute!(out, EnableMouseCapture);
    }
    let result = event_loop(&mut app, &store);
    restore_terminal();
    if app.readonly.is_none() {
        store.unlock();
    }
    let _ = std::panic::take_hook();
    result
}

fn event_loop(app: &mut App, store: &Store) -> Result<(), String> {
    let backend = CrosstermBackend::new(std::io::BufWriter::with_capacity(
        1 << 16,
        std::io::stdout(),
    ));
    // Fullscreen viewport: no cursor-position query at start, and we never call
    // `clear()` (it asks the terminal where the cursor is: a round trip over SSH).
    let mut term =
        Terminal::new(backend).map_err(|e| format!("cannot set up the terminal: {e}"))?;
    loop {
        term.draw(|f| super::view::view(app, f))
            .map_err(|e| format!("drawing failed: {e}"))?;
        let first = event::read().map_err(|e| format!("reading keys failed: {e}"))?;
        let mut events = vec![first];
        // Drain what is already waiting before drawing again.
        while event::poll(Duration::ZERO).unwrap_or(false) {
            match event::read() {
                Ok(e) => events.push(e),
                Err(_) => break,
            }
            if events.len() > 256 {
                break;
            }
        }
        for ev in events {
            let Some(msg) = to_msg(app, ev) else { continue };
            for eff in update(app, msg) {
                match eff {
                    Effect::Journal(e) => {
                        if let Err(err) = store.journal_append(&e) {
                            app.message = Some((format!("JOURNAL NOT WRITTEN: {err}: write (w) now to keep this correction"), true));
                        }
                    }
                    Effect::Save => {
                        let r = store.save(&app.report, &app.trail);
                        update(app, Msg::Saved(r));
                    }
                    Effect::Copy(t) => {
                        let mut o = std::io::stdout();
                        let _ = o.write_all(osc52(&t).as_bytes());
                        let _ = o.flush();
                    }
                    Effect::SetMouse(on) => {
                        let mut o = std::io::stdout();
                        let _ = if on {
                            execute!(o, EnableMouseCapture)
                        } else {
                            execute!(o, DisableMouseCapture)
                        };
                    }
                    Effect::Quit => {
                        if app.mode == Mode::ConfirmQuit
                            && app.unsaved() > 0
                            && app.message.as_ref().is_some_and(|m| m.1)
                        {
                            // the save before quitting failed: stay
                            app.mode = Mode::Normal;
                            continue;
                        }
                        return Ok(());
                    }
                }
            }
        }
    }
}

fn to_msg(app: &App, ev: Event) -> Option<Msg> {
    match ev {
        Event::Resize(w, h) => Some(Msg::Resize(w, h)),
        Event::Paste(s) => Some(Msg::Paste(s)),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => Some(Msg::Scroll(3)),
            MouseEventKind::ScrollUp => Some(Msg::Scroll(-3)),
            _ => None,
        },
        Event::Key(k) if k.kind != KeyEventKind::Release => {
            if k.code == KeyCode::Esc {
                return Some(Msg::Cancel);
            }
            match &app.mode {
                Mode::Normal => app.keymap.action(&k).map(Msg::Action),
                Mode::Help { .. } | Mode::Explain { .. } => {
                    if matches!(
                        k.code,
                        KeyCode::Up
                            | KeyCode::Down
                            | KeyCode::PageUp
                            | KeyCode::PageDown
                            | KeyCode::Char('j')
                            | KeyCode::Char('k')
                    ) {
                        Some(Msg::Key(k))
                    } else {
                        app.keymap.action(&k).map(Msg::Action)
                    }
                }
                _ => Some(Msg::Key(k)),
            }
        }
        _ => None,
    }
}
