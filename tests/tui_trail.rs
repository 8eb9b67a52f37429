//! The review screen's audit workflow without a terminal: findings confirmed and
//! dismissed, notes on cells, the report marked reviewed and signed off, undo and redo
//! of each, and the history panel (snapshots at 80×24 and 160×48, in English and
//! Chinese).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use nianbao::check::dispose;
use nianbao::input::decode::Encoding;
use nianbao::lang::{self, Lang};
use nianbao::model::Disposition;
use nianbao::record::corrections::{Act, Entry, Kind};
use nianbao::tui::action::Action;
use nianbao::tui::app::{update, App, Effect, Mode, Msg, Opened, Pane, Settings, Status};
use nianbao::tui::keymap::Keymap;

mod common;
use common::drive::*;
use common::screen::screen;

const DEMO: &str = include_str!("../src/demo/demo-2023.txt");
const NOT_HELD: &str = "t3/unable.not_held/natural";

fn clock() -> String {
    "2026-12-05T10:00:00Z".into()
}

fn app_as(reviewer: &str, trail: Vec<Entry>, size: (u16, u16)) -> App {
    let report = nianbao::read_text("demo.txt", DEMO.to_string(), Encoding::Utf8, "0".repeat(64));
    let saved = trail.last().map_or(0, |e| e.seq);
    let mut app = App::new(
        report,
        trail,
        saved,
        Keymap::load(None).unwrap(),
        Settings::default(),
    )
    .with_reviewer(reviewer, clock)
    .with_trail_source("demo.txt.nianbao.json", Vec::new());
    update(&mut app, Msg::Resize(size.0, size.1));
    update(&mut app, Msg::Opened(Opened::default()));
    app
}

fn demo(size: (u16, u16)) -> App {
    app_as("auditor", Vec::new(), size)
}

fn journaled(eff: &[Effect]) -> Vec<Entry> {
    eff.iter()
        .filter_map(|e| match e {
            Effect::Journal(e) => Some(e.clone()),
            _ => None,
        })
        .collect()
}

fn errors(app: &App) -> usize {
    app.findings().iter().filter(|f| dispose::counts(f)).count()
}

/// Dismisses the selected finding with a reason typed at the prompt.
fn dismiss(app: &mut App, why: &str) -> Vec<Effect> {
    act(app, Action::DismissFinding);
    typed(app, why);
    key(app, KeyCode::Enter)
}

#[test]
fn a_finding_is_confirmed_then_dismissed_with_a_required_reason() {
    let mut app = demo((80, 24));
    act(&mut app, Action::Findings);
    let f = app.findings()[0].clone();
    assert_eq!(f.severity, nianbao::Severity::Error);
    let before = errors(&app);
    let e = journaled(&act(&mut app, Action::ConfirmFinding));
    assert_eq!(e.len(), 1, "one entry, journaled at once");
    assert_eq!(
        (e[0].kind, e[0].cell.as_str()),
        (Kind::Disposition, f.key().as_str())
    );
    assert_eq!(
        (e[0].new.as_deref(), e[0].reviewer.as_str()),
        (Some("confirmed"), "auditor")
    );
    let d = app.findings()[0].disposed.clone().unwrap();
    assert_eq!(d.disposition, Disposition::Confirmed);
    assert_eq!(errors(&app), before, "a confirmed error still counts");
    assert!(screen(&render(&app)).contains(&format!("!✓{}", f.rule)));

    // a dismissal without a reason is refused, and the prompt stays open
    act(&mut app, Action::DismissFinding);
    assert!(journaled(&key(&mut app, KeyCode::Enter)).is_empty());
    assert!(matches!(app.mode(), Mode::Dismiss { .. }));
    assert!(screen(&render(&app)).contains("a dismissal needs a reason"));
    typed(&mut app, "口径不同，已与单位核实");
    let e = journaled(&key(&mut app, KeyCode::Enter));
    assert_eq!(e[0].new.as_deref(), Some("dismissed"));
    assert_eq!(
        e[0].old.as_deref(),
        Some("confirmed"),
        "old is the state before"
    );
    assert_eq!(e[0].reason, "口径不同，已与单位核实");
    assert_eq!(
        errors(&app),
        before - 1,
        "a dismissed error no longer counts"
    );
    let s = screen(&render(&app));
    assert!(s.contains(&format!("!×{}", f.rule)), "{s}");
    assert!(s.contains("1 dismissed"), "the header says so:\n{s}");
    assert_eq!(app.trail().len(), 2);
    act(&mut app, Action::Explain);
    let lines = nianbao::tui::view::explain_lines(&app);
    assert!(
        lines
            .iter()
            .any(|l| l.contains("× dismissed by auditor") && l.contains("已与单位核实")),
        "{lines:?}"
    );
}

#[test]
fn a_dismissed_error_no_longer_marks_its_cell() {
    let mut app = demo((80, 24));
    act(&mut app, Action::NextError);
    let cell = app.selected().unwrap();
    assert_eq!(selected_key(&app), NOT_HELD);
    assert_eq!(app.status()[cell], Status::Error);
    // on the tables, the finding is the selected cell's; dismiss each of its errors
    let on_cell = app.session().cell_findings()[cell].len();
    for i in 0..on_cell {
        dismiss(&mut app, &format!("reason {i}"));
    }
    assert_ne!(app.status()[cell], Status::Error);
    update(&mut app, Msg::Cancel);
    let s = screen(&render(&app));
    assert!(
        s.contains("×T3-"),
        "the status line marks them dismissed:\n{s}"
    );
}

#[test]
fn a_note_is_recorded_shown_and_removed_by_an_empty_one() {
    let mut app = demo((80, 24));
    act(&mut app, Action::NextError);
    act(&mut app, Action::Note);
    typed(&mut app, "已电话核实");
    let e = journaled(&key(&mut app, KeyCode::Enter));
    assert_eq!((e[0].kind, e[0].cell.as_str()), (Kind::Note, NOT_HELD));
    assert_eq!(e[0].new.as_deref(), Some("已电话核实"));
    assert_eq!(
        app.report().value(NOT_HELD).unwrap().to_string(),
        "7",
        "value kept"
    );
    update(&mut app, Msg::Cancel);
    let s = screen(&render(&app));
    assert!(s.contains("note (auditor): 已电话核实"), "{s}");
    act(&mut app, Action::Note);
    assert!(matches!(app.mode(), Mode::Note { input, .. } if input.buf == "已电话核实"));
    key(&mut app, KeyCode::Backspace);
    let e = journaled(&key(&mut app, KeyCode::Enter));
    assert_eq!(
        (e[0].old.as_deref(), e[0].new.as_deref()),
        (Some("已电话核实"), None)
    );
    assert!(app.report().marks.note(NOT_HELD).is_none());
}

#[test]
fn review_and_sign_off_need_two_reviewers() {
    let mut app = demo((80, 24));
    assert!(
        journaled(&act(&mut app, Action::SignOff)).is_empty(),
        "not reviewed yet"
    );
    let e = journaled(&act(&mut app, Action::MarkReviewed));
    assert_eq!(
        (e[0].kind, e[0].new.as_deref()),
        (Kind::Review, Some("reviewed"))
    );
    assert!(journaled(&act(&mut app, Action::MarkReviewed)).is_empty());
    assert!(journaled(&act(&mut app, Action::SignOff)).is_empty());
    let m = app.message().unwrap();
    assert!(
        m.1 && m.0.contains("second reviewer"),
        "refused and said: {m:?}"
    );
    assert!(screen(&render(&app)).contains("reviewed by auditor"));

    let mut second = app_as("li", app.trail().to_vec(), (80, 24));
    let e = journaled(&act(&mut second, Action::SignOff));
    assert_eq!(
        (e[0].new.as_deref(), e[0].reviewer.as_str()),
        (Some("signed_off"), "li")
    );
    let r = &second.report().marks.review;
    assert_eq!(r.reviewed.as_ref().unwrap().reviewer, "auditor");
    assert_eq!(r.signed_off.as_ref().unwrap().reviewer, "li");
    assert!(screen(&render(&second)).contains("signed off by li"));
    // undoing the sign-off brings back the first reviewer's mark, not li's
    let e = journaled(&act(&mut second, Action::Undo));
    assert_eq!((e[0].action, e[0].of), (Act::Undo, Some(e[0].seq - 1)));
    let r = &second.report().marks.review;
    assert_eq!(r.reviewed.as_ref().unwrap().reviewer, "auditor");
    assert!(r.signed_off.is_none());
}

#[test]
fn undo_and_redo_treat_dispositions_like_corrections() {
    let mut app = demo((80, 24));
    act(&mut app, Action::Findings);
    act(&mut app, Action::ConfirmFinding);
    dismiss(&mut app, "explained");
    let e = journaled(&act(&mut app, Action::Undo));
    assert_eq!(
        (e[0].kind, e[0].new.as_deref()),
        (Kind::Disposition, Some("confirmed"))
    );
    let d = app.findings()[0].disposed.clone().unwrap();
    assert_eq!(d.disposition, Disposition::Confirmed);
    act(&mut app, Action::Undo);
    assert!(app.findings()[0].disposed.is_none());
    let e = journaled(&act(&mut app, Action::Redo));
    assert_eq!(
        (e[0].action, e[0].new.as_deref()),
        (Act::Redo, Some("confirmed"))
    );
    act(&mut app, Action::Redo);
    let d = app.findings()[0].disposed.clone().unwrap();
    assert_eq!(
        (d.disposition, d.reason.as_str()),
        (Disposition::Dismissed, "explained")
    );
    assert_eq!(app.trail().len(), 6, "two marks, two undos, two redos");
}

#[test]
fn read_only_sessions_refuse_marks() {
    let mut app = demo((80, 24));
    update(
        &mut app,
        Msg::Opened(Opened {
            readonly: Some("held by wang".into()),
            ..Opened::default()
        }),
    );
    act(&mut app, Action::Findings);
    for a in [
        Action::ConfirmFinding,
        Action::DismissFinding,
        Action::Note,
        Action::MarkReviewed,
    ] {
        assert!(act(&mut app, a).is_empty());
        assert_eq!(*app.mode(), Mode::Normal);
    }
    assert!(app.trail().is_empty());
}

/// The demo with one of everything in its trail: a correction, a confirmed and a
/// dismissed finding, a note, the review mark, and an undo.
fn worked(size: (u16, u16)) -> App {
    let mut app = demo(size);
    act(&mut app, Action::NextError);
    act(&mut app, Action::Edit);
    update(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)),
    );
    typed(&mut app, "6");
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "按正文更正");
    key(&mut app, KeyCode::Enter);
    act(&mut app, Action::Note);
    typed(&mut app, "已电话核实");
    key(&mut app, KeyCode::Enter);
    act(&mut app, Action::Findings);
    act(&mut app, Action::ConfirmFinding);
    act(&mut app, Action::MoveDown);
    dismiss(&mut app, "说明口径不同");
    act(&mut app, Action::MarkReviewed);
    act(&mut app, Action::Undo);
    app
}

#[test]
fn the_history_lists_every_entry_and_jumps_to_its_cell_or_finding() {
    let mut app = worked((80, 24));
    assert_eq!(app.trail().len(), 6);
    act(&mut app, Action::History);
    assert_eq!(app.history(), Some(5), "the cursor on the latest entry");
    let s = screen(&render(&app));
    for part in [
        "history · entry 6 of 6",
        "7 → 6",
        "undo #5",
        "#6 undo #5 by auditor",
    ] {
        assert!(s.contains(part), "{part}:\n{s}");
    }
    // the entry under the cursor is told in full below the list, its reason too
    act(&mut app, Action::MoveUp);
    act(&mut app, Action::MoveUp);
    let s = screen(&render(&app));
    assert!(s.contains("why: 说明口径不同"), "{s}");
    act(&mut app, Action::Top);
    act(&mut app, Action::Activate);
    assert_eq!(
        app.history(),
        None,
        "enter closes it on the entry's subject"
    );
    assert_eq!(
        (app.focus(), selected_key(&app)),
        (Pane::Tables, NOT_HELD.to_string())
    );
    // a disposition jumps to its finding in the list
    act(&mut app, Action::History);
    act(&mut app, Action::Top);
    for _ in 0..3 {
        act(&mut app, Action::MoveDown);
    }
    let subject = app.trail()[3].cell.clone();
    act(&mut app, Action::Activate);
    assert_eq!(app.focus(), Pane::Findings);
    assert_eq!(app.findings()[app.finding_sel()].key(), subject);
    // the history key and esc close it
    act(&mut app, Action::History);
    act(&mut app, Action::History);
    assert_eq!(app.history(), None);
    act(&mut app, Action::History);
    update(&mut app, Msg::Cancel);
    assert_eq!(app.history(), None);
}

#[test]
fn an_empty_history_says_what_it_will_list() {
    let mut app = demo((80, 24));
    act(&mut app, Action::History);
    assert_eq!(app.history(), Some(0));
    assert!(screen(&render(&app)).contains("nothing recorded yet"));
    act(&mut app, Action::Activate);
    assert_eq!(app.history(), None);
    assert!(app.trail().is_empty());
}

#[test]
fn the_history_scrolls_and_fits_80_columns() {
    let mut app = worked((80, 24));
    for _ in 0..12 {
        act(&mut app, Action::Findings);
        act(&mut app, Action::ConfirmFinding);
    }
    let n = app.trail().len();
    act(&mut app, Action::History);
    act(&mut app, Action::Top);
    let top = screen(&render(&app));
    assert!(top.contains("   1 12-05 10:00"), "{top}");
    act(&mut app, Action::Bottom);
    let bottom = screen(&render(&app));
    assert!(!bottom.contains("   1 12-05 10:00"), "scrolled:\n{bottom}");
    assert!(bottom.contains(&format!("{n:>4} 12-05 10:00")), "{bottom}");
    for l in bottom.lines() {
        assert!(unicode_width::UnicodeWidthStr::width(l) <= 80, "{l}");
    }
}

fn history_snapshot(size: (u16, u16), zh: bool) -> String {
    let run = || {
        let mut app = worked(size);
        act(&mut app, Action::History);
        act(&mut app, Action::MoveUp);
        screen(&render(&app))
    };
    if zh {
        lang::with(Lang::Zh, run)
    } else {
        run()
    }
}

#[test]
fn snapshot_history_80x24_en() {
    insta::assert_snapshot!("history_80x24_en", history_snapshot((80, 24), false));
}

#[test]
fn snapshot_history_160x48_en() {
    insta::assert_snapshot!("history_160x48_en", history_snapshot((160, 48), false));
}

#[test]
fn snapshot_history_80x24_zh() {
    let s = history_snapshot((80, 24), true);
    assert!(s.contains("历史记录"), "{s}");
    insta::assert_snapshot!("history_80x24_zh", s);
}

#[test]
fn snapshot_history_160x48_zh() {
    let s = history_snapshot((160, 48), true);
    assert!(s.contains("已排除") && s.contains("撤销 #5"), "{s}");
    insta::assert_snapshot!("history_160x48_zh", s);
}
