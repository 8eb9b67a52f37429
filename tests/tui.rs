//! The review screen without a terminal: `update` driven action by action, and
//! `view` rendered into ratatui's TestBackend (text snapshots plus style checks,
//! since text snapshots ignore styles).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use nianbao::input::decode::Encoding;
use nianbao::record::corrections::{Act, Entry, Kind};
use nianbao::tui::action::Action;
use nianbao::tui::app::{update, App, Effect, Input, Mode, Msg, Opened, Pane, Settings, Status};
use nianbao::tui::keymap::Keymap;
use nianbao::tui::view::view;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use ratatui::Terminal;
use unicode_width::UnicodeWidthStr;

mod common;
use common::drive::*;
use common::screen::screen;

const DEMO: &str = include_str!("../src/demo/demo-2023.txt");

fn clock() -> String {
    "2026-11-22T10:00:00Z".into()
}

fn app_with(text: &str, color: bool, size: (u16, u16)) -> App {
    app_amb(text, color, 1, size)
}

fn app_amb(text: &str, color: bool, amb: u8, size: (u16, u16)) -> App {
    let report = nianbao::read_text("demo.txt", text.to_string(), Encoding::Utf8, "0".repeat(64));
    let mut app = App::new(
        report,
        Vec::new(),
        0,
        Keymap::load(None).unwrap(),
        Settings {
            color,
            ambiguous_width: amb,
            ascii_borders: false,
        },
    )
    .with_reviewer("auditor", clock);
    update(&mut app, Msg::Resize(size.0, size.1));
    app
}

fn demo(size: (u16, u16)) -> App {
    app_with(DEMO, true, size)
}

/// Corrects the demo's wrong cell (t3/unable.not_held/natural, 7) to 6, no reason.
fn correct_not_held(app: &mut App) {
    act(app, Action::NextError);
    act(app, Action::Edit);
    update(
        app,
        Msg::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)),
    );
    typed(app, "6");
    key(app, KeyCode::Enter);
    key(app, KeyCode::Enter);
}

fn find(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
    let text = screen(buf);
    for (y, line) in text.lines().enumerate() {
        if let Some(b) = line.find(needle) {
            let x = UnicodeWidthStr::width(&line[..b]) as u16;
            return Some((x, y as u16));
        }
    }
    None
}

#[test]
fn moves_between_cells_tables_and_panes() {
    let mut app = demo((80, 24));
    assert_eq!(selected_key(&app), "t3/new/natural");
    act(&mut app, Action::MoveDown);
    assert_eq!(selected_key(&app), "t3/carried_in/natural");
    act(&mut app, Action::MoveRight);
    assert_eq!(selected_key(&app), "t3/carried_in/commercial");
    act(&mut app, Action::MoveLeft);
    act(&mut app, Action::MoveUp);
    assert_eq!(selected_key(&app), "t3/new/natural");
    act(&mut app, Action::Bottom);
    assert_eq!(selected_key(&app), "t3/carried_out/natural");
    act(&mut app, Action::Top);
    act(&mut app, Action::PageDown);
    assert!(app.row() > 1, "page down moves more than one row");
    act(&mut app, Action::PageUp);
    assert_eq!(app.row(), 0);
    act(&mut app, Action::NextTable);
    assert_eq!(app.grid().id, "t4");
    act(&mut app, Action::NextTable);
    assert_eq!(app.grid().id, "t2");
    act(&mut app, Action::PrevTable);
    assert_eq!(app.grid().id, "t4");
    assert_eq!(app.focus(), Pane::Tables);
    act(&mut app, Action::NextPane);
    assert_eq!(app.focus(), Pane::Raw);
    act(&mut app, Action::NextPane);
    assert_eq!(app.focus(), Pane::Findings);
    act(&mut app, Action::PrevPane);
    assert_eq!(app.focus(), Pane::Raw);
}

#[test]
fn the_raw_pane_follows_the_selected_cell() {
    let mut app = demo((80, 24));
    act(&mut app, Action::Bottom);
    let line = app.report().cells[app.selected().unwrap()].line.unwrap() as usize;
    assert_eq!(app.raw_line() + 1, line);
    let buf = render(&app);
    // the value's characters are drawn reversed in the raw pane
    let (x, y) = find(&buf, &format!("{line}  四、结转下年度")).expect("line shown");
    let row: String = (x..buf.area.width)
        .map(|xx| buf[(xx, y)].symbol().to_string())
        .collect();
    assert!(row.contains('3'));
    let highlighted =
        (x..buf.area.width).any(|xx| buf[(xx, y)].modifier.contains(Modifier::REVERSED));
    assert!(highlighted, "the selected cell's span is highlighted");
}

#[test]
fn next_error_lands_on_the_cell_to_fix() {
    let mut app = demo((80, 24));
    act(&mut app, Action::NextError);
    assert_eq!(
        selected_key(&app),
        "t3/unable.not_held/natural",
        "the fix cell, not every cell of the failing column"
    );
    assert_eq!(app.status()[app.selected().unwrap()], Status::Error);
    act(&mut app, Action::NextError);
    assert!(selected_key(&app).starts_with("t4/suit_after_review/"));
    act(&mut app, Action::PrevError);
    assert_eq!(selected_key(&app), "t3/unable.not_held/natural");
    act(&mut app, Action::NextWarning);
    assert!(matches!(
        app.status()[app.selected().unwrap()],
        Status::Warning | Status::Ambiguous
    ));
    act(&mut app, Action::PrevWarning);
    assert!(matches!(
        app.status()[app.selected().unwrap()],
        Status::Warning | Status::Ambiguous
    ));
}

#[test]
fn findings_list_jumps_to_cells_and_explains() {
    let mut app = demo((80, 24));
    act(&mut app, Action::Findings);
    assert_eq!(app.focus(), Pane::Findings);
    let rowsum = app
        .findings()
        .iter()
        .position(|f| f.rule == "T3-ROWSUM")
        .unwrap();
    while app.finding_sel() < rowsum {
        act(&mut app, Action::MoveDown);
    }
    act(&mut app, Action::Activate);
    assert_eq!(app.focus(), Pane::Tables);
    assert!(selected_key(&app).starts_with("t3/unable.not_held/"));
    act(&mut app, Action::Explain);
    assert_eq!(*app.mode(), Mode::Explain { scroll: 0 });
    let lines = nianbao::tui::view::explain_lines(&app).join("\n");
    assert!(
        lines.contains("fix: set t3/unable.not_held/natural to 6"),
        "{lines}"
    );
    assert!(
        lines.contains("1.本机关不掌握相关政府信息 | 7"),
        "the source line is shown: {lines}"
    );
    update(&mut app, Msg::Cancel);
    assert_eq!(*app.mode(), Mode::Normal);
}

#[test]
fn edit_records_a_correction_with_its_trail_entry() {
    let mut app = demo((80, 24));
    act(&mut app, Action::NextError);
    act(&mut app, Action::Edit);
    assert!(matches!(app.mode(), Mode::Edit { input, .. } if input.buf == "7"));
    update(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)),
    );
    update(&mut app, Msg::Paste("６\x1b".into()));
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode(), Mode::Reason { .. }));
    typed(&mut app, "PDF says 6");
    let eff = key(&mut app, KeyCode::Enter);
    assert_eq!(*app.mode(), Mode::Normal);
    let [Effect::Journal(e)] = eff.as_slice() else {
        panic!("one journal entry: {eff:?}")
    };
    assert_eq!(
        (
            e.cell.as_str(),
            e.old.as_deref(),
            e.new.as_deref(),
            e.reason.as_str()
        ),
        (
            "t3/unable.not_held/natural",
            Some("7"),
            Some("6"),
            "PDF says 6"
        )
    );
    assert_eq!(
        (e.reviewer.as_str(), e.time.as_str(), e.seq),
        ("auditor", "2026-11-22T10:00:00Z", 1)
    );
    let cell = app.report().cell("t3/unable.not_held/natural").unwrap();
    assert_eq!(cell.value.unwrap().to_string(), "6");
    assert_eq!(cell.origin, nianbao::Origin::Corrected);
    // findings are recomputed at once: the row and column identities hold now
    assert!(!app
        .findings()
        .iter()
        .any(|f| f.rule == "T3-ROWSUM" || f.rule == "T3-TOTAL"));
    assert_eq!(app.unsaved(), 1);
}

#[test]
fn a_non_number_keeps_the_editor_open() {
    let mut app = demo((80, 24));
    act(&mut app, Action::Edit);
    update(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)),
    );
    typed(&mut app, "abc");
    key(&mut app, KeyCode::Enter);
    // the reason is under the field, and the editor stays open
    assert!(
        matches!(app.mode(), Mode::Edit { input, .. } if input.error.as_deref().is_some_and(|e| e.contains("not a number")))
    );
    update(&mut app, Msg::Cancel);
    assert_eq!(*app.mode(), Mode::Normal);
    assert!(app.trail().is_empty());
}

#[test]
fn undo_and_redo_are_new_trail_entries() {
    let mut app = demo((80, 24));
    correct_not_held(&mut app);
    let eff = act(&mut app, Action::Undo);
    assert!(
        matches!(eff.as_slice(), [Effect::Journal(e)] if e.action == nianbao::record::corrections::Act::Undo && e.of == Some(1) && e.new.as_deref() == Some("7"))
    );
    assert_eq!(
        app.report()
            .value("t3/unable.not_held/natural")
            .unwrap()
            .to_string(),
        "7"
    );
    assert_eq!(
        app.report()
            .cell("t3/unable.not_held/natural")
            .unwrap()
            .origin,
        nianbao::Origin::Read
    );
    act(&mut app, Action::Redo);
    assert_eq!(
        app.report()
            .value("t3/unable.not_held/natural")
            .unwrap()
            .to_string(),
        "6"
    );
    assert_eq!(app.trail().len(), 3, "set, undo, redo: nothing deleted");
    assert!(
        act(&mut app, Action::Redo).is_empty(),
        "nothing left to redo"
    );
}

#[test]
fn an_ambiguous_row_offers_its_readings() {
    let mut app = demo((80, 24));
    act(&mut app, Action::PrevTable);
    assert_eq!(app.grid().id, "t2");
    act(&mut app, Action::MoveDown);
    assert_eq!(selected_key(&app), "t2/normative/issued");
    assert_eq!(app.status()[app.selected().unwrap()], Status::Ambiguous);
    act(&mut app, Action::Edit);
    let Mode::Pick { cands, .. } = &app.mode() else {
        panic!("picker expected: {:?}", app.mode())
    };
    // 1019: 1,0,19 or 10,1,9 (1,01,9 has a leading zero; 101,… leaves too few digits)
    assert_eq!(cands.len(), 2);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode(), Mode::Reason { changes, .. } if changes.len() == 3));
    let eff = key(&mut app, KeyCode::Enter);
    assert_eq!(eff.len(), 3, "one entry per cell of the row");
    let v: Vec<String> = ["issued", "repealed", "in_force"]
        .iter()
        .map(|c| {
            app.report()
                .value(&format!("t2/normative/{c}"))
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(v, ["10", "1", "9"]);
}

#[test]
fn search_and_goto_line() {
    let mut app = demo((80, 24));
    act(&mut app, Action::Search);
    typed(&mut app, "行政复议");
    key(&mut app, KeyCode::Enter);
    assert!(app.search().matches.len() >= 2);
    assert_eq!(app.focus(), Pane::Raw);
    let first = app.search().current.unwrap();
    act(&mut app, Action::SearchNext);
    assert_eq!(
        app.search().current,
        Some((first + 1) % app.search().matches.len())
    );
    act(&mut app, Action::SearchPrev);
    assert_eq!(app.search().current, Some(first));
    act(&mut app, Action::GotoLine);
    typed(&mut app, "12");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.raw_line(), 11);
    act(&mut app, Action::GotoLine);
    typed(&mut app, "9999");
    key(&mut app, KeyCode::Enter);
    assert!(app.message().unwrap().0.contains("no line 9999"));
    // full-width digits in the text match an ASCII query
    act(&mut app, Action::Search);
    typed(&mut app, "(一)");
    key(&mut app, KeyCode::Enter);
    assert!(!app.search().matches.is_empty());
}

#[test]
fn write_copy_mouse_zoom_toggles_help_and_quit() {
    let mut app = demo((80, 24));
    assert_eq!(act(&mut app, Action::Write), vec![Effect::Save]);
    let eff = act(&mut app, Action::Copy);
    assert!(matches!(eff.as_slice(), [Effect::Copy(t)] if t.starts_with("t3/new/natural\t30")));
    assert_eq!(
        act(&mut app, Action::ToggleMouse),
        vec![Effect::SetMouse(true)]
    );
    assert_eq!(
        act(&mut app, Action::ToggleMouse),
        vec![Effect::SetMouse(false)]
    );
    act(&mut app, Action::Zoom);
    assert!(app.zoom());
    update(&mut app, Msg::Cancel);
    assert!(!app.zoom(), "esc unzooms");
    act(&mut app, Action::ToggleRaw);
    assert!(!app.show_raw());
    act(&mut app, Action::ToggleRaw);
    assert!(app.show_raw() && app.focus() == Pane::Raw);
    act(&mut app, Action::ToggleFindings);
    assert!(!app.show_findings());
    act(&mut app, Action::Help);
    assert_eq!(*app.mode(), Mode::Help { scroll: 0 });
    act(&mut app, Action::Quit);
    assert_eq!(*app.mode(), Mode::Normal, "any key closes help first");
    assert_eq!(act(&mut app, Action::Quit), vec![Effect::Quit]);
}

#[test]
fn quitting_with_unwritten_corrections_asks() {
    let mut app = demo((80, 24));
    act(&mut app, Action::Edit);
    typed(&mut app, "1");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    assert!(act(&mut app, Action::Quit).is_empty());
    assert_eq!(*app.mode(), Mode::ConfirmQuit);
    // w writes first, and quits only once the write is done
    assert_eq!(key(&mut app, KeyCode::Char('w')), vec![Effect::Save]);
    assert_eq!(update(&mut app, Msg::Saved(Ok(()))), vec![Effect::Quit]);
    assert_eq!(app.unsaved(), 0);
}

#[test]
fn a_failed_write_at_the_quit_question_stays_open_and_says_why() {
    let mut app = demo((80, 24));
    correct_not_held(&mut app);
    act(&mut app, Action::Quit);
    assert_eq!(*app.mode(), Mode::ConfirmQuit);
    assert_eq!(key(&mut app, KeyCode::Char('w')), vec![Effect::Save]);
    let eff = update(
        &mut app,
        Msg::Saved(Err(
            "report.txt.nianbao.json: cannot write: Is a directory".into()
        )),
    );
    assert!(eff.is_empty(), "no quit after a failed write: {eff:?}");
    assert_eq!(*app.mode(), Mode::Normal);
    assert_eq!(app.unsaved(), 1, "still unwritten");
    let (m, warn) = app.message().unwrap();
    assert!(
        *warn && m.contains("not written") && m.contains("cannot write: Is a directory"),
        "{m}"
    );
    // a later write that succeeds does not quit on its own: the question was answered
    assert!(act(&mut app, Action::Write) == vec![Effect::Save]);
    assert!(update(&mut app, Msg::Saved(Ok(()))).is_empty());
    assert_eq!(app.unsaved(), 0);
    assert_eq!(act(&mut app, Action::Quit), vec![Effect::Quit]);
}

#[test]
fn other_keys_at_the_quit_question_close_it() {
    let mut app = demo((80, 24));
    correct_not_held(&mut app);
    act(&mut app, Action::Quit);
    assert!(key(&mut app, KeyCode::Char('x')).is_empty());
    assert_eq!(*app.mode(), Mode::Normal);
    act(&mut app, Action::Quit);
    assert_eq!(key(&mut app, KeyCode::Char('q')), vec![Effect::Quit]);
}

/// A second session on a locked report, with the live session's unwritten
/// correction restored from its journal.
fn read_only_with_unwritten() -> App {
    let mut live = demo((80, 24));
    correct_not_held(&mut live);
    let report = nianbao::read_text("demo.txt", DEMO.to_string(), Encoding::Utf8, "0".repeat(64));
    let mut app = App::new(
        report,
        live.trail().to_vec(),
        0,
        Keymap::load(None).unwrap(),
        Settings::default(),
    );
    update(&mut app, Msg::Resize(120, 30));
    let opened = Opened {
        readonly: Some("another review session has this report open".into()),
        ..Opened::default()
    };
    update(&mut app, Msg::Opened(opened));
    app
}

#[test]
fn a_read_only_session_never_writes_at_quit() {
    let mut app = read_only_with_unwritten();
    assert_eq!(app.unsaved(), 1);
    let m = &app.message().unwrap().0;
    assert!(
        m.contains("1 of them unwritten") && m.contains("another review session"),
        "{m}"
    );
    // no question offering a write: the unwritten correction is the live session's
    assert_eq!(act(&mut app, Action::Quit), vec![Effect::Quit]);
    assert_eq!(*app.mode(), Mode::Normal);
    let mut app = read_only_with_unwritten();
    assert!(act(&mut app, Action::Write).is_empty());
    assert!(key(&mut app, KeyCode::Char('w')).is_empty());
    assert!(app.message().unwrap().0.starts_with("read-only"));
    let s = screen(&render(&app));
    assert!(
        s.contains("READ-ONLY") && !s.contains("write and quit"),
        "{s}"
    );
}

#[test]
fn read_only_sessions_refuse_to_edit() {
    let mut app = demo((80, 24));
    update(
        &mut app,
        Msg::Opened(Opened {
            readonly: Some("another review session has this report open".into()),
            ..Opened::default()
        }),
    );
    act(&mut app, Action::Edit);
    assert_eq!(*app.mode(), Mode::Normal);
    assert!(app.message().unwrap().0.starts_with("read-only"));
    assert!(act(&mut app, Action::Write).is_empty());
    assert!(act(&mut app, Action::Undo).is_empty());
}

#[test]
fn each_mode_reads_keys_through_its_own_table_and_hints_follow_it() {
    let km = Keymap::load(Some((
        "k.toml",
        "[pick]\n\"up\" = \"none\"\n\"p\" = \"move_up\"\n[quit]\n\"s\" = \"write\"\n",
    )))
    .unwrap();
    let report = nianbao::read_text("demo.txt", DEMO.to_string(), Encoding::Utf8, "0".repeat(64));
    let mut app = App::new(report, Vec::new(), 0, km, Settings::default());
    update(&mut app, Msg::Resize(80, 24));
    // on the screen a key goes through [keys]
    key(&mut app, KeyCode::Char('T'));
    assert_eq!(app.grid().id, "t2");
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char('e'));
    assert!(matches!(app.mode(), Mode::Pick { .. }));
    let hints = nianbao::tui::view::hints(&app);
    assert!(
        hints.starts_with("k/down choose · enter take this reading"),
        "{hints}"
    );
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Char('p'));
    assert!(
        matches!(app.mode(), Mode::Pick { sel: 0, .. }),
        "p moves up in [pick]"
    );
    key(&mut app, KeyCode::Up);
    assert!(
        matches!(app.mode(), Mode::Pick { sel: 0, .. }),
        "up is unbound there"
    );
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.unsaved(), 3);
    act(&mut app, Action::Quit);
    let s = screen(&render(&app));
    assert!(
        s.contains("s  write and quit"),
        "the question names the bound key: {s}"
    );
    assert!(nianbao::tui::view::hints(&app).starts_with("s write and quit · q quit"));
    assert_eq!(key(&mut app, KeyCode::Char('s')), vec![Effect::Save]);
}

#[test]
fn inputs_never_take_control_characters() {
    let mut i = Input::default();
    i.insert("1\x1b[31m2\u{9b}3");
    assert_eq!(i.buf, "1[31m23");
}

#[test]
fn reopening_restores_the_trail() {
    let mut app = demo((80, 24));
    correct_not_held(&mut app);
    let trail = app.trail().to_vec();
    let report = nianbao::read_text("demo.txt", DEMO.to_string(), Encoding::Utf8, "0".repeat(64));
    let mut again = App::new(
        report,
        trail,
        1,
        Keymap::load(None).unwrap(),
        Settings::default(),
    );
    assert_eq!(
        again
            .report()
            .value("t3/unable.not_held/natural")
            .unwrap()
            .to_string(),
        "6"
    );
    act(&mut again, Action::Undo);
    assert_eq!(
        again
            .report()
            .value("t3/unable.not_held/natural")
            .unwrap()
            .to_string(),
        "7",
        "undo works across sessions"
    );
}

// ---- snapshots and styles ----

#[test]
fn snapshot_80x24_panes() {
    let app = demo((80, 24));
    insta::assert_snapshot!("panes_80x24", screen(&render(&app)));
}

#[test]
fn snapshot_160x48_all_panes() {
    let app = demo((160, 48));
    let buf = render(&app);
    let s = screen(&buf);
    assert!(
        s.contains("report text") && s.contains("findings") && s.contains("三、依申请"),
        "all panes at 160 columns"
    );
    insta::assert_snapshot!("panes_160x48", s);
}

#[test]
fn snapshot_highlighted_error() {
    let mut app = demo((80, 24));
    act(&mut app, Action::NextError);
    let buf = render(&app);
    insta::assert_snapshot!("error_80x24", screen(&buf));
    // the error cell: its mark, red and bold, and reversed as selected
    let (x, y) = find(&buf, "!   7").expect("error mark beside the value");
    let c = &buf[(x, y)];
    assert_eq!(c.fg, Color::Red);
    assert!(c.modifier.contains(Modifier::BOLD) && c.modifier.contains(Modifier::REVERSED));
}

#[test]
fn snapshot_help() {
    let mut app = demo((80, 24));
    act(&mut app, Action::Help);
    let s = screen(&render(&app));
    // generated from the keymap: a rebinding shows in the help
    assert!(s.contains("move_down") || s.contains("next row"));
    insta::assert_snapshot!("help_80x24", s);
    let km = Keymap::load(Some((
        "k.toml",
        "[keys]\n\"J\" = \"move_down\"\n\"j\" = \"none\"\n",
    )))
    .unwrap();
    let report = nianbao::read_text("demo.txt", DEMO.to_string(), Encoding::Utf8, "0".repeat(64));
    let mut app = App::new(report, Vec::new(), 0, km, Settings::default());
    update(&mut app, Msg::Resize(80, 24));
    act(&mut app, Action::Help);
    let s = screen(&render(&app));
    assert!(
        s.lines()
            .any(|l| l.contains("down J ") || l.contains(" J ") && l.contains("next row")),
        "{s}"
    );
}

#[test]
fn snapshot_editor_puts_the_cursor_at_the_caret() {
    let mut app = demo((80, 24));
    act(&mut app, Action::NextError);
    act(&mut app, Action::Edit);
    key(&mut app, KeyCode::Left);
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| view(&app, f)).unwrap();
    let s = screen(t.backend().buffer());
    insta::assert_snapshot!("editor_80x24", s);
    let pos = t.get_cursor_position().unwrap();
    let (x, y) = find(t.backend().buffer(), "new value for").unwrap();
    assert_eq!(pos.y, y);
    let prompt = "new value for t3/unable.not_held/natural (was 7; empty = missing): ";
    assert_eq!(
        pos.x,
        x + UnicodeWidthStr::width(prompt) as u16,
        "caret before the 7"
    );
}

#[test]
fn snapshot_ambiguous_row_and_picker() {
    let mut app = demo((80, 24));
    act(&mut app, Action::PrevTable);
    act(&mut app, Action::MoveDown);
    let s = screen(&render(&app));
    assert!(
        s.contains("规范性文件 #  ?? #  ?? #  ??"),
        "ambiguous cells are marked: {s}"
    );
    act(&mut app, Action::Edit);
    insta::assert_snapshot!("picker_80x24", screen(&render(&app)));
}

#[test]
fn snapshot_too_small() {
    let app = demo((50, 12));
    let s = screen(&render(&app));
    assert!(s.contains("terminal too small: 50×12"));
    insta::assert_snapshot!("too_small", s);
    // and every size between renders without a panic
    for w in [1u16, 20, 59, 60, 61, 79, 80, 120, 159, 160, 200] {
        for h in [1u16, 5, 15, 16, 17, 24, 60] {
            let mut a = demo((w, h));
            act(&mut a, Action::Bottom);
            render(&a);
        }
    }
}

#[test]
fn without_colour_status_is_in_marks_and_attributes_only() {
    let mut app = app_with(DEMO, false, (80, 24));
    act(&mut app, Action::NextError);
    let buf = render(&app);
    for c in buf.content() {
        assert_eq!(
            (c.fg, c.bg),
            (Color::Reset, Color::Reset),
            "no colour under NO_COLOR"
        );
    }
    let (x, y) = find(&buf, "!   7").unwrap();
    assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn escape_sequences_in_a_report_are_drawn_as_placeholders() {
    let evil = DEMO.replacen(
        "一、总体情况",
        "一、总体情况\x1b]0;PWNED\x07\x1b[2J\u{9b}31m",
        1,
    );
    let mut app = app_with(&evil, true, (120, 40));
    act(&mut app, Action::GotoLine);
    typed(&mut app, "3");
    key(&mut app, KeyCode::Enter);
    let buf = render(&app);
    let s = screen(&buf);
    assert!(s.contains("^[]0;PWNED^G^[[2J<9B>31m"), "{s}");
    assert!(!buf
        .content()
        .iter()
        .any(|c| c.symbol().chars().any(|ch| ch.is_control())));
}

#[test]
fn cjk_is_aligned_by_display_width() {
    let app = demo((80, 24));
    let buf = render(&app);
    // every value column starts at the same screen column in every row
    let s = screen(&buf);
    let cols: Vec<usize> = s
        .lines()
        .filter(|l| l.starts_with("不予·") || l.starts_with("新收") || l.starts_with("上年结转"))
        .map(UnicodeWidthStr::width)
        .collect();
    assert!(cols.len() >= 3);
    assert!(
        cols.windows(2).all(|w| w[0] == w[1]),
        "rows end at the same column: {cols:?}"
    );
}

#[test]
fn ambiguous_width_two_reserves_two_columns() {
    let text = DEMO.replacen("一、总体情况", "一、总体情况①②", 1);
    let mut app = app_amb(&text, true, 2, (100, 30));
    act(&mut app, Action::GotoLine);
    typed(&mut app, "3");
    key(&mut app, KeyCode::Enter);
    let buf = render(&app);
    let (x, y) = (0..buf.area.height)
        .find_map(|y| {
            (0..buf.area.width)
                .find(|&x| buf[(x, y)].symbol() == "①")
                .map(|x| (x, y))
        })
        .unwrap();
    // nothing is written into the column the terminal gives to ①'s second half
    assert_eq!(
        buf[(x + 2, y)].symbol(),
        "②",
        "② starts two columns after ①"
    );
    assert_ne!(buf[(x + 1, y)].symbol(), "②");
}

// ---- the audit trail (issue 11) ----

const NOT_HELD: &str = "t3/unable.not_held/natural";

fn ctrl(app: &mut App, c: char) {
    update(
        app,
        Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
    );
}

fn trail_entry(seq: u64, cell: &str, old: &str, new: &str, sha: &str) -> Entry {
    Entry {
        seq,
        kind: Kind::Correction,
        action: Act::Set,
        of: None,
        cell: cell.into(),
        old: Some(old.into()),
        new: Some(new.into()),
        reason: "r".into(),
        reviewer: "auditor".into(),
        time: clock(),
        sha256: Some(sha.into()),
    }
}

/// The demo with a restored trail, opened (its report's sha256 is 64 zeros).
fn demo_with_trail(trail: Vec<Entry>) -> App {
    let report = nianbao::read_text("demo.txt", DEMO.to_string(), Encoding::Utf8, "0".repeat(64));
    let saved = trail.last().map_or(0, |e| e.seq);
    let mut app = App::new(
        report,
        trail,
        saved,
        Keymap::load(None).unwrap(),
        Settings::default(),
    )
    .with_reviewer("auditor", clock)
    .with_trail_source("demo.txt.nianbao.json", Vec::new());
    update(&mut app, Msg::Resize(100, 30));
    update(&mut app, Msg::Opened(Opened::default()));
    app
}

#[test]
fn typing_over_the_prefilled_value_replaces_it() {
    let mut app = demo((80, 24));
    act(&mut app, Action::NextError);
    act(&mut app, Action::Edit);
    assert!(matches!(app.mode(), Mode::Edit { input, .. } if input.buf == "7" && input.selected));
    typed(&mut app, "3");
    assert!(
        matches!(app.mode(), Mode::Edit { input, .. } if input.buf == "3"),
        "not 73"
    );
    // a move keeps the value for editing
    update(&mut app, Msg::Cancel);
    act(&mut app, Action::Edit);
    ctrl(&mut app, 'e');
    typed(&mut app, "3");
    assert!(matches!(app.mode(), Mode::Edit { input, .. } if input.buf == "73"));
    update(&mut app, Msg::Cancel);
    act(&mut app, Action::Edit);
    key(&mut app, KeyCode::Left);
    typed(&mut app, "1");
    assert!(matches!(app.mode(), Mode::Edit { input, .. } if input.buf == "17"));
}

#[test]
fn values_are_read_as_the_cells_type_and_refusals_say_why_under_the_field() {
    let mut app = demo((100, 30));
    act(&mut app, Action::NextError);
    for (bad, why) in [
        ("-5", "cannot be negative"),
        ("5.5", "whole number"),
        ("1 2", "space"),
        ("五", "digits"),
        ("1e9", "exponent"),
        ("abc", "not a number"),
    ] {
        act(&mut app, Action::Edit);
        typed(&mut app, bad);
        key(&mut app, KeyCode::Enter);
        let Mode::Edit { input, .. } = app.mode() else {
            panic!("{bad}: the editor stays open");
        };
        let e = input.error.clone().unwrap_or_default();
        assert!(e.contains(why), "{bad}: {e}");
        let shown = screen(&render(&app));
        let under = shown
            .lines()
            .skip_while(|l| !l.contains("new value for"))
            .nth(1);
        assert!(
            under.is_some_and(|l| l.contains("refused:") && l.contains(why)),
            "{shown}"
        );
        update(&mut app, Msg::Cancel);
    }
    assert!(app.trail().is_empty());
    // full-width digits and a trailing 件 are read
    act(&mut app, Action::Edit);
    typed(&mut app, "６件");
    key(&mut app, KeyCode::Enter);
    assert!(
        matches!(app.mode(), Mode::Reason { changes, .. } if changes[0].1.map(|v| v.to_string()).as_deref() == Some("6"))
    );
}

#[test]
fn a_trail_with_one_bad_entry_applies_the_others() {
    let zeros = "0".repeat(64);
    let app = demo_with_trail(vec![
        trail_entry(1, "t9/no/cell", "1", "2", &zeros),
        trail_entry(2, NOT_HELD, "7", "6", &zeros),
    ]);
    let m = &app.message().unwrap().0;
    assert!(m.contains("restored 1 corrected cells"), "{m}");
    assert!(m.contains("1 trail entries skipped"), "{m}");
    let i = app.report().cell_index(NOT_HELD).unwrap();
    assert_eq!(app.status()[i], Status::Corrected);
    assert!(app
        .findings()
        .iter()
        .any(|f| f.rule == "CORRECTION-SKIPPED"));
}

#[test]
fn a_stale_correction_is_not_applied_and_can_be_reconfirmed() {
    let other = "1".repeat(64);
    let mut app = demo_with_trail(vec![trail_entry(1, NOT_HELD, "2", "0", &other)]);
    assert_eq!(app.report().value(NOT_HELD).unwrap().to_string(), "7");
    assert!(app.message().unwrap().0.contains("CORRECTION-STALE"));
    let f = app
        .findings()
        .iter()
        .find(|f| f.rule == "CORRECTION-STALE")
        .unwrap();
    assert!(
        f.message.contains("read 2") && f.message.contains("now reads 7"),
        "{}",
        f.message
    );
    act(&mut app, Action::NextError);
    assert_eq!(selected_key(&app), NOT_HELD);
    act(&mut app, Action::Edit);
    assert!(matches!(app.mode(), Mode::Stale { sel: 0, .. }));
    let shown = screen(&render(&app));
    assert!(
        shown.contains("re-confirm: set 0 again") && shown.contains("drop: keep 7"),
        "{shown}"
    );
    key(&mut app, KeyCode::Enter);
    assert!(
        matches!(app.mode(), Mode::Reason { input, .. } if input.buf.contains("re-confirmed entry 1"))
    );
    let eff = key(&mut app, KeyCode::Enter);
    let [Effect::Journal(e)] = eff.as_slice() else {
        panic!("{eff:?}")
    };
    assert_eq!((e.old.as_deref(), e.new.as_deref()), (Some("7"), Some("0")));
    assert_eq!(e.sha256.as_deref(), Some("0".repeat(64).as_str()));
    assert_eq!(app.report().value(NOT_HELD).unwrap().to_string(), "0");
    assert!(!app.findings().iter().any(|f| f.rule == "CORRECTION-STALE"));
}

#[test]
fn a_stale_correction_can_be_dropped_as_a_new_entry() {
    let other = "1".repeat(64);
    let mut app = demo_with_trail(vec![trail_entry(1, NOT_HELD, "2", "0", &other)]);
    act(&mut app, Action::NextError);
    assert_eq!(selected_key(&app), NOT_HELD);
    act(&mut app, Action::Edit);
    act(&mut app, Action::MoveDown);
    key(&mut app, KeyCode::Enter);
    let eff = key(&mut app, KeyCode::Enter);
    let [Effect::Journal(e)] = eff.as_slice() else {
        panic!("a drop is an entry of its own: {eff:?}")
    };
    assert_eq!((e.old.as_deref(), e.new.as_deref()), (Some("7"), Some("7")));
    assert!(e.reason.contains("dropped entry 1"));
    let i = app.report().cell_index(NOT_HELD).unwrap();
    assert_eq!(app.report().cells[i].origin, nianbao::Origin::Read);
    assert!(!app.findings().iter().any(|f| f.rule == "CORRECTION-STALE"));
}

#[test]
fn undoing_a_stale_correction_keeps_what_the_report_now_reads() {
    let other = "1".repeat(64);
    let mut app = demo_with_trail(vec![trail_entry(1, NOT_HELD, "2", "0", &other)]);
    let eff = act(&mut app, Action::Undo);
    let [Effect::Journal(e)] = eff.as_slice() else {
        panic!("{eff:?}")
    };
    assert_eq!((e.old.as_deref(), e.new.as_deref()), (Some("7"), Some("7")));
    assert_eq!(app.report().value(NOT_HELD).unwrap().to_string(), "7");
    assert!(!app.findings().iter().any(|f| f.rule == "CORRECTION-STALE"));
}

#[test]
fn a_failed_journal_append_is_said_and_the_edit_not_shown_as_saved() {
    let mut app = demo((160, 30));
    correct_not_held(&mut app);
    update(
        &mut app,
        Msg::JournalFailed {
            seq: 1,
            err: "r.txt.nianbao.journal: cannot append: No space left on device".into(),
        },
    );
    let (m, warn) = app.message().unwrap();
    assert!(
        *warn && m.contains("NOT IN THE JOURNAL") && m.contains("No space left"),
        "{m}"
    );
    assert!(screen(&render(&app))
        .lines()
        .next()
        .unwrap()
        .contains("1 NOT IN THE JOURNAL"));
    // a write that fails says exactly what is on disk
    act(&mut app, Action::Write);
    update(
        &mut app,
        Msg::Saved(Err("r.txt.nianbao.json: cannot write: No space left".into())),
    );
    let m = &app.message().unwrap().0;
    assert!(
        m.contains("the journal holds 0 of the 1 unwritten corrections; 1 are only on screen"),
        "{m}"
    );
    assert!(!m.contains("every correction"), "{m}");
    // nor does the quit question claim the journal keeps it
    act(&mut app, Action::Quit);
    let shown = screen(&render(&app));
    assert!(
        shown.contains("1 of them are NOT in the journal"),
        "{shown}"
    );
    assert!(!shown.contains("They are safe in the journal"), "{shown}");
}

#[test]
fn the_fallback_folder_is_shown_at_opening_and_in_the_header() {
    let mut app = demo((160, 30));
    let p = "/home/a/.local/share/nianbao/corrections/r.txt-p0123.nianbao.json";
    update(
        &mut app,
        Msg::Opened(Opened {
            filed_in: Some(p.into()),
            ..Opened::default()
        }),
    );
    assert!(app.message().unwrap().0.contains(p));
    assert!(screen(&render(&app))
        .lines()
        .next()
        .unwrap()
        .contains("corrections in /home/a"));
}

#[test]
fn a_read_only_session_says_so_in_its_header_from_the_start() {
    let mut app = demo((100, 30));
    update(
        &mut app,
        Msg::Opened(Opened {
            readonly: Some("another review session (12 b) has this report open".into()),
            ..Opened::default()
        }),
    );
    assert!(screen(&render(&app))
        .lines()
        .next()
        .unwrap()
        .contains("READ-ONLY"));
    // and its quit never offers a write
    assert_eq!(act(&mut app, Action::Quit), vec![Effect::Quit]);
}

// ---- zh-CN, 80 columns first, and the defects a new user hit ----

use nianbao::lang::{self, Lang};

/// Words of English on screen: runs of two letters or more that are not a rule id, a
/// cell key, a file name, a key's name or an option.
fn english_words(s: &str) -> Vec<String> {
    const KEYS: &[&str] = &[
        "nianbao",
        "enter",
        "tab",
        "backtab",
        "esc",
        "ctrl",
        "alt",
        "up",
        "down",
        "left",
        "right",
        "pageup",
        "pagedown",
        "home",
        "end",
        "space",
        "backspace",
        "delete",
        "keys",
        "prompt",
        "pick",
        "scroll",
        "quit",
        "inbox",
        "OSC",
        "auto",
        "prior",
        "zh",
        "en",
    ];
    s.split(|c: char| !(c.is_ascii_alphanumeric() || "_./-".contains(c)))
        .filter(|w| w.chars().filter(char::is_ascii_alphabetic).count() >= 2)
        .filter(|w| {
            let id = w
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-');
            !(id || w.contains('/') || w.contains('.') || w.starts_with("--"))
        })
        .filter(|w| {
            let k = w.trim_start_matches("ctrl-").trim_start_matches("alt-");
            !(KEYS.contains(&k.trim_matches('-')) || k.chars().count() == 1)
        })
        .map(str::to_string)
        .collect()
}

fn assert_zh_screen(app: &App, what: &str) -> String {
    let s = screen(&render(app));
    let leaks = english_words(&s);
    assert!(
        leaks.is_empty(),
        "{what}: English on the zh screen: {leaks:?}\n{s}"
    );
    let (w, h) = app.size();
    if (w, h) >= (60, 16) {
        let lines: Vec<&str> = s.lines().collect();
        assert!(
            lines[0].contains("个错误"),
            "{what}: the header keeps the count\n{s}"
        );
        let hint = lines[h as usize - 1];
        assert!(
            hint.contains("? 帮助") && hint.contains("q 退出")
                || hint.contains("esc")
                || hint.starts_with("不接受"),
            "{what}: the hint line keeps help and quit: {hint}"
        );
    }
    s
}

#[test]
fn the_screen_in_zh_at_80x24_says_everything_in_chinese() {
    lang::with(Lang::Zh, || {
        let mut app = demo((80, 24));
        assert_zh_screen(&app, "tables");
        act(&mut app, Action::NextError);
        let s = assert_zh_screen(&app, "next error");
        assert!(s.contains("第 1 个错误，共 2 个"), "{s}");
        act(&mut app, Action::Explain);
        let s = assert_zh_screen(&app, "explain");
        assert!(s.contains("更正：把") && s.contains("规则："), "{s}");
        update(&mut app, Msg::Cancel);
        act(&mut app, Action::Help);
        for _ in 0..12 {
            assert_zh_screen(&app, "help");
            act(&mut app, Action::PageDown);
        }
        update(&mut app, Msg::Cancel);
        act(&mut app, Action::Edit);
        let s = assert_zh_screen(&app, "editor");
        assert!(s.contains("的新值（原为 7"), "{s}");
        typed(&mut app, "x");
        key(&mut app, KeyCode::Enter);
        let s = assert_zh_screen(&app, "refused");
        assert!(s.contains("不接受：“x”：不是数字"), "{s}");
        ctrl(&mut app, 'u');
        typed(&mut app, "6");
        key(&mut app, KeyCode::Enter);
        let s = assert_zh_screen(&app, "reason");
        assert!(s.contains("理由（可不填）"), "{s}");
        key(&mut app, KeyCode::Enter);
        let s = assert_zh_screen(&app, "recorded");
        assert!(
            s.contains("已记录 1 处更正") && s.contains("+1 未写入"),
            "{s}"
        );
        act(&mut app, Action::Quit);
        let s = assert_zh_screen(&app, "quit question");
        assert!(s.contains("退出？") && s.contains("写入并退出"), "{s}");
        update(&mut app, Msg::Cancel);
        for a in [Action::Findings, Action::NextPane, Action::Search] {
            act(&mut app, a);
            assert_zh_screen(&app, a.name());
        }
        update(&mut app, Msg::Cancel);
        act(&mut app, Action::GotoLine);
        assert_zh_screen(&app, "goto");
        update(&mut app, Msg::Cancel);
        act(&mut app, Action::Diff);
        let s = assert_zh_screen(&app, "no prior");
        assert!(s.contains("没有上年报告"), "{s}");
        let mut app = demo((80, 24));
        act(&mut app, Action::PrevTable);
        act(&mut app, Action::MoveDown);
        act(&mut app, Action::Edit);
        let s = assert_zh_screen(&app, "picker");
        assert!(s.contains("选择读法"), "{s}");
        // and the too-small screen
        let small = demo((50, 12));
        let s = assert_zh_screen(&small, "too small");
        assert!(s.contains("终端太小"), "{s}");
    });
}

#[test]
fn the_catalogue_word_of_each_hint_and_help_line_is_chinese() {
    lang::with(Lang::Zh, || {
        for a in Action::ALL {
            assert!(
                english_words(a.help().get()).is_empty(),
                "{a}: {}",
                a.help().zh
            );
            assert!(english_words(a.label().get()).is_empty(), "{a}");
        }
    });
}

/// A long-named report, read-only, with an unwritten correction, at 80×24.
fn crowded(lang_: Lang) -> String {
    lang::with(lang_, || {
        let report = nianbao::read_text(
            "/srv/audit/2023/某某省某某市某某区人民政府办公室/政府信息公开工作年度报告（终稿）.txt",
            DEMO.to_string(),
            Encoding::Utf8,
            "0".repeat(64),
        );
        let mut app = App::new(
            report,
            Vec::new(),
            0,
            Keymap::load(None).unwrap(),
            Settings::default(),
        );
        update(&mut app, Msg::Resize(80, 24));
        correct_not_held(&mut app);
        update(
            &mut app,
            Msg::Opened(Opened {
                readonly: Some("another session".into()),
                ..Opened::default()
            }),
        );
        screen(&render(&app))
    })
}

#[test]
fn at_80_columns_the_header_keeps_the_count_read_only_and_unwritten() {
    let en = crowded(Lang::En);
    let head = en.lines().next().unwrap();
    assert!(
        head.contains("1 errors") && head.contains("READ-ONLY") && head.contains("+1 unwritten"),
        "{head}"
    );
    let zh = crowded(Lang::Zh);
    let head = zh.lines().next().unwrap();
    assert!(
        head.contains("1 个错误") && head.contains("只读") && head.contains("+1 未写入"),
        "{head}"
    );
}

#[test]
fn at_80_columns_the_status_line_keeps_value_and_origin_and_the_hints_help_and_quit() {
    for l in [Lang::En, Lang::Zh] {
        lang::with(l, || {
            let mut app = demo((80, 24));
            // a row with the longest label of t3
            for _ in 0..20 {
                act(&mut app, Action::MoveDown);
            }
            let i = app.selected().unwrap();
            let s = screen(&render(&app));
            let lines: Vec<&str> = s.lines().collect();
            let c = &app.report().cells[i];
            let origin = if l == Lang::En {
                "(read,"
            } else {
                "（读取，"
            };
            assert!(c.row_label.chars().count() > 30, "{}", c.row_label);
            let sep = if l == Lang::En { " " } else { "" };
            let value = format!("= {}{sep}{origin}", c.value.unwrap());
            assert!(lines[21].contains(&value), "{l:?}: {}", lines[21]);
            let (help, quit) = if l == Lang::En {
                ("? help", "q quit")
            } else {
                ("? 帮助", "q 退出")
            };
            assert!(
                lines[23].contains(help) && lines[23].contains(quit),
                "{}",
                lines[23]
            );
        });
    }
}

#[test]
fn the_explain_box_wraps_and_keeps_its_borders() {
    for l in [Lang::En, Lang::Zh] {
        lang::with(l, || {
            let mut app = demo((80, 24));
            act(&mut app, Action::NextError);
            act(&mut app, Action::Explain);
            let buf = render(&app);
            let s = screen(&buf);
            let want = if l == Lang::En {
                "every failing identity)"
            } else {
                "不成立的勾稽关系成立的单元格）"
            };
            assert!(s.contains(want), "the fix line is wrapped, not cut: {s}");
            popup_borders_whole(&buf);
        });
    }
}

/// Every row of the popup has its two borders, and no wide character is cut by them.
fn popup_borders_whole(buf: &Buffer) {
    let (x0, y0) = (0..buf.area.height)
        .find_map(|y| {
            (0..buf.area.width)
                .find(|&x| buf[(x, y)].symbol() == "+")
                .map(|x| (x, y))
        })
        .expect("a popup");
    let x1 = (x0 + 1..buf.area.width)
        .find(|&x| buf[(x, y0)].symbol() == "+")
        .unwrap();
    let y1 = (y0 + 1..buf.area.height)
        .find(|&y| buf[(x0, y)].symbol() == "+")
        .unwrap();
    for y in y0 + 1..y1 {
        assert!(
            matches!(buf[(x0, y)].symbol(), "│" | "|"),
            "left border at row {y}"
        );
        assert!(
            matches!(buf[(x1, y)].symbol(), "│" | "|"),
            "right border at row {y}"
        );
        let left = buf[(x0 - 1, y)].symbol();
        assert!(
            UnicodeWidthStr::width(left) <= 1,
            "a wide {left} under the border at row {y}"
        );
    }
}

#[test]
fn modal_borders_stay_whole_over_chinese_text() {
    // the help box over the tables and text, in both languages, at widths that put its
    // left border on the second half of a Chinese character
    for l in [Lang::En, Lang::Zh] {
        for w in [80u16, 81, 83, 100, 120] {
            lang::with(l, || {
                let mut app = demo((w, 24));
                act(&mut app, Action::Help);
                popup_borders_whole(&render(&app));
            });
        }
    }
}

#[test]
fn next_error_moves_by_finding_not_by_cell() {
    let mut app = demo((80, 24));
    act(&mut app, Action::NextError);
    assert_eq!(
        selected_key(&app),
        NOT_HELD,
        "the cell to fix of T3-TOTAL and T3-ROWSUM"
    );
    act(&mut app, Action::NextError);
    let t4 = selected_key(&app);
    assert!(t4.starts_with("t4/suit_after_review/"), "{t4}");
    assert!(app.message().unwrap().0.contains("error 2 of 2: T4-SUM"));
    // T4-SUM marks its whole row; the next stop is the next finding, not the next cell
    act(&mut app, Action::NextError);
    assert_eq!(selected_key(&app), NOT_HELD, "round to the first finding");
    act(&mut app, Action::PrevError);
    assert_eq!(selected_key(&app), t4);
    let f = &app.findings()[app.finding_sel()];
    assert_eq!(f.rule, "T4-SUM", "the findings list follows");
}

#[test]
fn one_line_text_scrolls_within_the_line_to_the_highlighted_source() {
    // a web page read as one line: the tables' rows run on after each other
    let start = DEMO.find("三、收到和处理").unwrap();
    let end = DEMO.find("四、政府信息公开行政复议").unwrap();
    let one = format!(
        "{}{}{}",
        &DEMO[..start],
        DEMO[start..end].replace('\n', " "),
        &DEMO[end..]
    );
    let mut app = app_with(&one, true, (80, 24));
    act(&mut app, Action::Bottom);
    let i = app.selected().unwrap();
    assert!(app.report().cells[i].span.is_some(), "the cell is read");
    let buf = render(&app);
    let reversed_in_raw =
        (10..19).any(|y| (0..80).any(|x| buf[(x, y)].modifier.contains(Modifier::REVERSED)));
    assert!(
        reversed_in_raw,
        "the highlighted source shows:\n{}",
        screen(&buf)
    );
}

#[test]
fn explain_on_a_missing_row_says_where_it_was_expected_and_what_stands_in() {
    // 2019's one （六）其他处理 row where 2021 prints three
    let start = DEMO.find("(六)其他处理").unwrap();
    let end = DEMO.find("(七)总计").unwrap();
    let text = format!(
        "{}(六)其他处理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n{}",
        &DEMO[..start],
        &DEMO[end..]
    );
    let mut app = app_with(&text, true, (80, 24));
    act(&mut app, Action::Findings);
    let missing = app
        .findings()
        .iter()
        .position(|f| f.rule == "PARSE-ROW-MISSING")
        .expect("a missing row");
    while app.finding_sel() < missing {
        act(&mut app, Action::MoveDown);
    }
    let lines = nianbao::tui::view::explain_lines(&app).join("\n");
    assert!(lines.contains("expected: row"), "{lines}");
    assert!(lines.contains("printed instead: (六)其他处理"), "{lines}");
    let zh = lang::with(Lang::Zh, || {
        nianbao::tui::view::explain_lines(&app).join("\n")
    });
    assert!(zh.contains("报告印的是：(六)其他处理"), "{zh}");
}

#[test]
fn a_long_reason_scrolls_in_its_field_with_the_caret_in_view() {
    for l in [Lang::En, Lang::Zh] {
        lang::with(l, || {
            let mut app = demo((80, 24));
            act(&mut app, Action::NextError);
            act(&mut app, Action::Edit);
            ctrl(&mut app, 'u');
            typed(&mut app, "6");
            key(&mut app, KeyCode::Enter);
            typed(&mut app, &"核对原件后更正".repeat(8));
            typed(&mut app, "END");
            let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
            t.draw(|f| view(&app, f)).unwrap();
            let pos = t.get_cursor_position().unwrap();
            let buf = t.backend().buffer();
            assert!(pos.x < 80 && pos.y == 22, "{pos:?}");
            let before: String = (pos.x - 3..pos.x).map(|x| buf[(x, 22)].symbol()).collect();
            assert_eq!(before, "END", "the caret follows the text typed");
            // and at the start the field shows its beginning
            key(&mut app, KeyCode::Home);
            t.draw(|f| view(&app, f)).unwrap();
            let pos = t.get_cursor_position().unwrap();
            assert_eq!(t.backend().buffer()[(pos.x, 22)].symbol(), "核");
        });
    }
}

#[test]
fn ambiguous_width_two_draws_borders_in_ascii() {
    let mut app = app_amb(DEMO, true, 2, (80, 24));
    act(&mut app, Action::Help);
    let buf = render(&app);
    let s = screen(&buf);
    assert!(!s.contains('─') && !s.contains('│'), "{s}");
    popup_borders_whole(&buf);
}

#[test]
fn the_fallback_folder_is_shown_at_80_columns() {
    for l in [Lang::En, Lang::Zh] {
        lang::with(l, || {
            let mut app = demo((80, 24));
            let p = "/home/auditor/.local/share/nianbao/corrections/demo.txt-p0123.nianbao.json";
            update(
                &mut app,
                Msg::Opened(Opened {
                    filed_in: Some(p.into()),
                    ..Opened::default()
                }),
            );
            let s = screen(&render(&app));
            let head = s.lines().next().unwrap();
            assert!(
                head.contains("p0123.nianbao.json") && head.contains('…'),
                "{head}"
            );
            assert!(s.lines().nth(22).unwrap().contains("/home/auditor"), "{s}");
        });
    }
}

#[test]
fn snapshots_in_both_languages() {
    for (l, tag) in [(Lang::En, "en"), (Lang::Zh, "zh")] {
        lang::with(l, || {
            for (w, h) in [(80u16, 24u16), (160, 48)] {
                let mut app = demo((w, h));
                act(&mut app, Action::NextError);
                insta::assert_snapshot!(format!("main_{tag}_{w}x{h}"), screen(&render(&app)));
                act(&mut app, Action::Help);
                insta::assert_snapshot!(format!("help_{tag}_{w}x{h}"), screen(&render(&app)));
            }
        });
    }
}
