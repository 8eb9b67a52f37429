//! Review-screen speed: time from a report's bytes to its first frame, time to
//! handle a key and redraw at 200×60, and bytes written per cursor move.
//! Run with `cargo bench --bench screen`.

use nianbao::tui::action::Action;
use nianbao::tui::app::{update, App, Msg, Settings};
use nianbao::tui::keymap::Keymap;
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;
use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// A writer that counts what the terminal would receive.
#[derive(Clone, Default)]
struct Counter(Arc<Mutex<usize>>);

impl Write for Counter {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        *self.0.lock().unwrap() += b.len();
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A terminal of a fixed size: no size query (off a tty crossterm would run `tput`).
fn fixed(w: Counter, cols: u16, rows: u16) -> Terminal<CrosstermBackend<Counter>> {
    let viewport = ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, cols, rows));
    Terminal::with_options(
        CrosstermBackend::new(w),
        ratatui::TerminalOptions { viewport },
    )
    .unwrap()
}

fn main() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/corpus/seeds/");
    let path = format!("{dir}002_f73ca2a852b1acba.txt");
    let bytes =
        std::fs::read(&path).unwrap_or_else(|_| nianbao::tui::run::DEMO_TEXT.as_bytes().to_vec());
    let keymap = Keymap::load(None).unwrap();

    // bytes → first frame (in process; the terminal's own start-up is measured with tui-probe)
    let mut best = f64::MAX;
    for _ in 0..50 {
        let t0 = Instant::now();
        let report = nianbao::read_bytes(&path, &bytes).unwrap();
        let mut app = App::new(report, Vec::new(), 0, keymap.clone(), Settings::default());
        update(&mut app, Msg::Resize(80, 24));
        let mut term = fixed(Counter::default(), 80, 24);
        term.draw(|f| nianbao::tui::view::view(&app, f)).unwrap();
        best = best.min(t0.elapsed().as_secs_f64());
    }
    println!(
        "first frame (read + check + draw, 80x24): {:.2} ms",
        best * 1e3
    );

    // a key at 200×60: update + diff + encode
    let report = nianbao::read_bytes(&path, &bytes).unwrap();
    let mut app = App::new(report, Vec::new(), 0, keymap, Settings::default());
    update(&mut app, Msg::Resize(200, 60));
    let counter = Counter::default();
    let mut term = fixed(counter.clone(), 200, 60);
    term.draw(|f| nianbao::tui::view::view(&app, f)).unwrap();
    let keys = [
        Action::MoveDown,
        Action::MoveRight,
        Action::MoveDown,
        Action::MoveLeft,
    ];
    let n = 2000;
    let before = *counter.0.lock().unwrap();
    let t0 = Instant::now();
    for i in 0..n {
        let a = if (i / 20) % 2 == 0 {
            keys[i % 2]
        } else {
            [Action::MoveUp, Action::MoveLeft][i % 2]
        };
        update(&mut app, Msg::Action(a));
        term.draw(|f| nianbao::tui::view::view(&app, f)).unwrap();
    }
    let per_key = t0.elapsed().as_secs_f64() / n as f64;
    let bytes_per_key = (*counter.0.lock().unwrap() - before) as f64 / n as f64;
    println!("key + redraw at 200x60: {:.3} ms per key", per_key * 1e3);
    println!("bytes written per cursor move: {:.0}", bytes_per_key);
}
