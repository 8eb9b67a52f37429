//! Driving the review screen without a terminal: actions and keys through `update`,
//! and `view` rendered into ratatui's TestBackend.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use nianbao::tui::action::Action;
use nianbao::tui::app::{update, App, Effect, Msg};
use nianbao::tui::view::view;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::Terminal;

pub fn act(app: &mut App, a: Action) -> Vec<Effect> {
    update(app, Msg::Action(a))
}

pub fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    update(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

/// Types `s` into the prompt open on the screen.
pub fn typed(app: &mut App, s: &str) {
    for c in s.chars() {
        key(app, KeyCode::Char(c));
    }
}

/// The screen as `view` draws it, at the app's size.
pub fn render(app: &App) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(app.size().0, app.size().1)).unwrap();
    t.draw(|f| view(app, f)).unwrap();
    t.backend().buffer().clone()
}

/// The key of the selected cell.
pub fn selected_key(app: &App) -> String {
    app.report().cells[app.selected().unwrap()].key.to_string()
}
