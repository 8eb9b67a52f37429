//! The edge of the review screen: files, the terminal, the clipboard. Everything
//! here carries out what `update` decided, and tells it the outcome as a `Msg`
//! (a save that failed, a journal append that failed); nothing here decides or
//! changes the state itself.

use super::app::{update, App, Effect, Msg, Opened, Settings};
use super::keymap::Keymap;
use super::says;
use crate::record::corrections::{self, Store, Writer};
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyCode, KeyEventKind, MouseEventKind,
};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;
use std::collections::VecDeque;
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
    let dir = crate::record::dirs::data_dir().join("demo");
    std::fs::create_dir_all(&dir)
        .map_err(|e| says::RUN_DEMO_DIR.fill(&[("dir", &dir.display()), ("e", &e)]))?;
    let p = dir.join(DEMO_NAME);
    if std::fs::read_to_string(&p).ok().as_deref() != Some(DEMO_TEXT) {
        std::fs::write(&p, DEMO_TEXT)
            .map_err(|e| says::RUN_DEMO_WRITE.fill(&[("path", &p.display()), ("e", &e)]))?;
    }
    Ok(p)
}

/// Opens a report for review: reads it, restores its corrections (where they are, else
/// where they will go), takes the lock. Returns the session, the writer when this
/// session holds the lock, and what the opening message tells (why it may only read,
/// a lock taken over, where the corrections are filed).
pub fn open(
    path: &Path,
    keymap: Keymap,
    settings: Settings,
) -> Result<(App, Option<Writer>, Opened), String> {
    let report = crate::input::open_report(path).map_err(|e| e.to_string())?;
    let store = Store::find(path, &report.source.sha256).unwrap_or_else(|| Store::for_report(path));
    let restored = store.restore()?;
    let notes = corrections::skipped_notes(&store, &restored.skipped);
    let source = store.file.display().to_string();
    let app = App::new(report, restored.trail, restored.saved_seq, keymap, settings)
        .with_trail_source(&source, notes);
    let (writer, readonly) = match store.writer() {
        Ok(w) => (Some(w), None),
        Err(why) => (None, Some(why)),
    };
    let opened = Opened {
        readonly,
        taken_over: writer
            .as_ref()
            .and_then(|w| w.taken_over().map(str::to_string)),
        filed_in: store.fallback.then_some(source),
        ..Opened::default()
    };
    Ok((app, writer, opened))
}

pub(crate) fn restore_terminal() {
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
pub(crate) fn osc52(text: &str) -> String {
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
    let (mut app, writer, mut opened) = open(&path, keymap, opts.settings)?;
    if let Some(p) = opts.prior {
        app = app.with_prior(p, opts.copied_threshold);
    }
    opened.demo = opts.file.is_none();
    opened.mouse = opts.mouse;
    let store = writer.as_ref();

    // Whatever happens from here, the terminal is given back.
    let prev = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        prev(info);
    }));
    terminal::enable_raw_mode().map_err(|e| says::RUN_TERMINAL.fill(&[("e", &e)]))?;
    let mut out = std::io::stdout();
    let _ = execute!(out, EnterAlternateScreen, EnableBracketedPaste);
    let (w, h) = terminal::size().unwrap_or((80, 24));
    let mut result = carry_out(&mut app, store, Msg::Resize(w, h));
    if result.is_none() {
        result = carry_out(&mut app, store, Msg::Opened(opened));
    }
    let result = match result {
        Some(()) => Ok(()),
        None => event_loop(&mut app, store),
    };
    restore_terminal();
    // the lock is released here, after the last write
    drop(writer);
    let _ = std::panic::take_hook();
    result
}

fn event_loop(app: &mut App, store: Option<&Writer>) -> Result<(), String> {
    let backend = CrosstermBackend::new(std::io::BufWriter::with_capacity(
        1 << 16,
        std::io::stdout(),
    ));
    // Fullscreen viewport: no cursor-position query at start, and we never call
    // `clear()` (it asks the terminal where the cursor is: a round trip over SSH).
    let mut term = Terminal::new(backend).map_err(|e| says::RUN_TERMINAL.fill(&[("e", &e)]))?;
    loop {
        term.draw(|f| super::view::view(app, f))
            .map_err(|e| says::RUN_DRAWING.fill(&[("e", &e)]))?;
        let first = event::read().map_err(|e| says::RUN_KEYS.fill(&[("e", &e)]))?;
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
            let Some(msg) = to_msg(ev) else { continue };
            if carry_out(app, store, msg).is_some() {
                return Ok(());
            }
        }
    }
}

/// Hands `msg` to `update` and carries out the effects, telling `update` how the
/// save and the journal went; `Some` when `update` decided to quit. Only the lock's
/// holder (`writer`) writes: without it nothing reaches the disk.
fn carry_out(app: &mut App, writer: Option<&Writer>, msg: Msg) -> Option<()> {
    let mut queue: VecDeque<Effect> = update(app, msg).into();
    while let Some(eff) = queue.pop_front() {
        let outcome = match eff {
            Effect::Journal(e) => {
                let done =
                    writer.map_or(Err(says::RUN_READ_ONLY.get().to_string()), |w| w.append(&e));
                done.err().map(|err| Msg::JournalFailed { seq: e.seq, err })
            }
            Effect::Save => Some(Msg::Saved(
                writer.map_or(Err(says::RUN_READ_ONLY.get().to_string()), |w| {
                    w.save(app.report(), app.trail())
                }),
            )),
            Effect::Copy(t) => {
                let mut o = std::io::stdout();
                let _ = o.write_all(osc52(&t).as_bytes());
                let _ = o.flush();
                None
            }
            Effect::SetMouse(on) => {
                let mut o = std::io::stdout();
                let _ = if on {
                    execute!(o, EnableMouseCapture)
                } else {
                    execute!(o, DisableMouseCapture)
                };
                None
            }
            Effect::Quit => return Some(()),
        };
        if let Some(m) = outcome {
            queue.extend(update(app, m));
        }
    }
    None
}

fn to_msg(ev: Event) -> Option<Msg> {
    match ev {
        Event::Resize(w, h) => Some(Msg::Resize(w, h)),
        Event::Paste(s) => Some(Msg::Paste(s)),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => Some(Msg::Scroll(3)),
            MouseEventKind::ScrollUp => Some(Msg::Scroll(-3)),
            _ => None,
        },
        // esc always cancels: no keymap binds it
        Event::Key(k) if k.kind != KeyEventKind::Release => Some(if k.code == KeyCode::Esc {
            Msg::Cancel
        } else {
            Msg::Key(k)
        }),
        _ => None,
    }
}
