//! Driving the folder review without a terminal: the folder read as the edge reads
//! it, then keys and actions carried out by the edge, as the real loop does.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use nianbao::tui::action::Action;
use nianbao::tui::app::{App, Settings};
use nianbao::tui::folder::{self, Edge};
use nianbao::tui::inbox::{Inbox, InboxMsg, Row};
use nianbao::tui::keymap::Keymap;
use std::path::Path;

pub fn settings() -> Settings {
    Settings {
        color: true,
        ambiguous_width: 1,
        ascii_borders: false,
    }
}

/// The folder read to the end, as the edge reads it, at `size`.
pub fn inbox_of(dir: &Path, size: (u16, u16)) -> (Inbox, Edge) {
    let km = Keymap::load(None).unwrap();
    let (total, rows) = folder::start(&[dir.to_path_buf()]);
    let mut inbox = Inbox::new(total, km.clone(), settings());
    let mut edge = Edge::new(km, settings(), false, 0.8);
    edge.carry_out(&mut inbox, InboxMsg::Resize(size.0, size.1));
    for m in rows {
        let last = matches!(m, InboxMsg::AllRead);
        assert!(!edge.carry_out(&mut inbox, m));
        if last {
            break;
        }
    }
    (inbox, edge)
}

pub fn key(inbox: &mut Inbox, edge: &mut Edge, code: KeyCode, m: KeyModifiers) -> bool {
    edge.carry_out(inbox, InboxMsg::Key(KeyEvent::new(code, m)))
}

pub fn press(inbox: &mut Inbox, edge: &mut Edge, c: char) -> bool {
    key(inbox, edge, KeyCode::Char(c), KeyModifiers::NONE)
}

pub fn act(inbox: &mut Inbox, edge: &mut Edge, a: Action) -> bool {
    edge.carry_out(inbox, InboxMsg::Action(a))
}

pub fn row_named<'a>(inbox: &'a Inbox, name: &str) -> &'a Row {
    inbox.rows().find(|r| r.name == name).unwrap()
}

pub fn shown_names(inbox: &Inbox) -> Vec<String> {
    inbox
        .shown()
        .iter()
        .map(|&i| inbox.row(i).unwrap().name.clone())
        .collect()
}

pub fn open_name(inbox: &Inbox) -> Option<String> {
    let open = inbox.open()?;
    Some(inbox.row(open.idx).unwrap().name.clone())
}

/// Selects the row of `name` by typing it as the filter, and clears the filter.
pub fn select(inbox: &mut Inbox, edge: &mut Edge, name: &str) {
    press(inbox, edge, '/');
    for c in name.chars() {
        press(inbox, edge, c);
    }
    key(inbox, edge, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(shown_names(inbox), vec![name.to_string()]);
    press(inbox, edge, '/');
    key(inbox, edge, KeyCode::Char('u'), KeyModifiers::CONTROL);
    key(inbox, edge, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(inbox.selected_row().unwrap().name, name);
}

/// Types `text` into the prompt open on the screen.
pub fn type_text(inbox: &mut Inbox, edge: &mut Edge, text: &str) {
    for c in text.chars() {
        press(inbox, edge, c);
    }
}

/// The report open from the inbox.
pub fn open_app(inbox: &Inbox) -> &App {
    &inbox.open().expect("a report is open").app
}
