//! The reviewer's word beside corrections, as `update` carries it out: a finding
//! confirmed (a defect of the report) or dismissed with a reason, a note on a cell, the
//! report marked reviewed and signed off by a second reviewer, and the history panel
//! that lists every trail entry and jumps to its cell or finding. Each mark is one trail
//! entry, journaled at once and undone like a correction.

use super::action::Action;
use super::app::{App, Effect, Input, Mode, Pane};
use super::says;
use crate::model::Disposition;
use crate::record::corrections::{Entry, Kind};

/// The actions of this module, from the screen.
pub(super) fn action(app: &mut App, a: Action) -> Vec<Effect> {
    if a == Action::History {
        let open = app.history().is_none();
        let last = app.trail().len().saturating_sub(1);
        app.set_history(open.then_some(last));
        return Vec::new();
    }
    if let Some(why) = app.session().read_only() {
        let m = says::READ_ONLY_WHY.fill(&[("why", &why)]);
        app.warn(m);
        return Vec::new();
    }
    match a {
        Action::ConfirmFinding => confirm(app),
        Action::DismissFinding => start_dismiss(app),
        Action::Note => start_note(app),
        Action::MarkReviewed => mark_reviewed(app),
        Action::SignOff => sign_off(app),
        _ => Vec::new(),
    }
}

/// The finding the reviewer means: the one selected in the findings list, else the
/// first finding on the selected cell not yet disposed (or its first).
fn target(app: &App) -> Option<usize> {
    if app.focus() == Pane::Findings {
        return (app.finding_sel() < app.findings().len()).then_some(app.finding_sel());
    }
    let on = &app.session().cell_findings()[app.selected()?];
    let fs = app.findings();
    on.iter()
        .copied()
        .find(|&i| fs[i].disposed.is_none())
        .or(on.first().copied())
}

/// Records one mark and says so; nothing when it changes nothing.
fn record(app: &mut App, kind: Kind, subject: &str, new: Option<&str>, why: &str) -> Option<Entry> {
    let e = app
        .session_mut()
        .mark(kind, subject, new.map(str::to_string), why);
    match &e {
        Some(_) => app.data_changed(),
        None => app.say(says::NO_CHANGE.get()),
    }
    e
}

fn journal(e: Option<Entry>) -> Vec<Effect> {
    e.map(Effect::Journal).into_iter().collect()
}

/// Confirms the finding; on a confirmed one, withdraws the confirmation.
fn confirm(app: &mut App) -> Vec<Effect> {
    let Some(i) = target(app) else {
        app.warn(says::NO_FINDING.get());
        return Vec::new();
    };
    let f = &app.findings()[i];
    let (key, rule) = (f.key(), f.rule);
    let again = f
        .disposed
        .as_ref()
        .is_some_and(|d| d.disposition == Disposition::Confirmed);
    let new = (!again).then_some(Disposition::Confirmed.name());
    let e = record(app, Kind::Disposition, &key, new, "");
    if e.is_some() {
        let m = if again {
            says::UNCONFIRMED
        } else {
            says::CONFIRMED
        };
        app.say(m.fill(&[("rule", &rule)]));
    }
    journal(e)
}

/// The explain overlay's line on a disposed finding: who confirmed or dismissed it,
/// when, and why.
pub(super) fn explain_disposition(f: &crate::model::Finding) -> Option<String> {
    let d = f.disposed.as_ref()?;
    let args: [(&str, &dyn std::fmt::Display); 3] = [
        ("reviewer", &d.reviewer),
        ("time", &d.time),
        ("reason", &d.reason),
    ];
    let m = match d.disposition {
        Disposition::Confirmed => says::EXPLAIN_CONFIRMED,
        Disposition::Dismissed => says::EXPLAIN_DISMISSED,
    };
    Some(format!("  {}", m.fill(&args)))
}

/// Asks why the finding is dismissed (its reason so far pre-filled).
fn start_dismiss(app: &mut App) -> Vec<Effect> {
    let Some(i) = target(app) else {
        app.warn(says::NO_FINDING.get());
        return Vec::new();
    };
    let f = &app.findings()[i];
    let was = f
        .disposed
        .as_ref()
        .filter(|d| d.disposition == Disposition::Dismissed)
        .map_or("", |d| d.reason.as_str());
    let mode = Mode::Dismiss {
        key: f.key(),
        input: Input::selected(was),
    };
    app.set_mode(mode);
    Vec::new()
}

/// Enter on the dismissal's reason: a reason is required.
pub(super) fn dismiss(app: &mut App, key: String, mut input: Input) -> Vec<Effect> {
    let reason = input.buf.trim().to_string();
    if reason.is_empty() {
        input.error = Some(says::REASON_REQUIRED.get().to_string());
        app.set_mode(Mode::Dismiss { key, input });
        return Vec::new();
    }
    let rule = key.split([':', '@']).next().unwrap_or(&key).to_string();
    let e = record(
        app,
        Kind::Disposition,
        &key,
        Some(Disposition::Dismissed.name()),
        &reason,
    );
    if e.is_some() {
        app.say(says::DISMISSED.fill(&[("rule", &rule)]));
    }
    journal(e)
}

/// Asks for a note on the selected cell (its note so far pre-filled).
fn start_note(app: &mut App) -> Vec<Effect> {
    let Some(cell) = app.selected() else {
        return Vec::new();
    };
    let key = &app.report().cells[cell].key;
    let was = app
        .report()
        .marks
        .note(key)
        .map_or(String::new(), |n| n.text.clone());
    app.focus_tables();
    app.set_mode(Mode::Note {
        cell,
        input: Input::selected(&was),
    });
    Vec::new()
}

/// Enter on a note: records it, or removes the note when empty.
pub(super) fn note(app: &mut App, cell: usize, input: Input) -> Vec<Effect> {
    let key = app.report().cells[cell].key.to_string();
    let text = input.buf.trim();
    let new = (!text.is_empty()).then_some(text);
    let e = record(app, Kind::Note, &key, new, "");
    if e.is_some() {
        let m = if new.is_some() {
            says::NOTED
        } else {
            says::NOTE_REMOVED
        };
        app.say(m.fill(&[("cell", &key)]));
    }
    journal(e)
}

fn mark_reviewed(app: &mut App) -> Vec<Effect> {
    if let Some(m) = app.report().marks.review.reviewed.clone() {
        let args: [(&str, &dyn std::fmt::Display); 2] =
            [("reviewer", &m.reviewer), ("time", &m.time)];
        app.warn(says::ALREADY_REVIEWED.fill(&args));
        return Vec::new();
    }
    let e = record(app, Kind::Review, "", Some("reviewed"), "");
    if e.is_some() {
        let who = app.session().reviewer().to_string();
        app.say(says::MARKED_REVIEWED.fill(&[("reviewer", &who)]));
    }
    journal(e)
}

/// Signs off the review: only over a review, and only by someone else.
fn sign_off(app: &mut App) -> Vec<Effect> {
    let review = app.report().marks.review.clone();
    let me = app.session().reviewer().to_string();
    let Some(first) = review.reviewed else {
        app.warn(says::NOT_REVIEWED.get());
        return Vec::new();
    };
    if let Some(s) = review.signed_off {
        let args: [(&str, &dyn std::fmt::Display); 2] =
            [("reviewer", &s.reviewer), ("time", &s.time)];
        app.warn(says::ALREADY_SIGNED.fill(&args));
        return Vec::new();
    }
    if first.reviewer == me {
        app.warn(says::SAME_REVIEWER.fill(&[("reviewer", &first.reviewer)]));
        return Vec::new();
    }
    let e = record(app, Kind::Review, "", Some("signed_off"), "");
    if e.is_some() {
        app.say(says::SIGNED_OFF.fill(&[("reviewer", &me)]));
    }
    journal(e)
}

/// In the history panel, moves move its cursor, enter jumps to the entry's cell or
/// finding, and the history key closes it; true when the panel took the action. Any
/// other action closes the panel and acts as usual (undo among them).
pub(super) fn history_action(app: &mut App, a: Action) -> bool {
    let n = app.trail().len();
    let Some(cur) = app.history() else {
        return false;
    };
    let page = super::history::rows(app.size()).max(1);
    let last = n.saturating_sub(1);
    let moved = match a {
        Action::MoveUp => cur.saturating_sub(1),
        Action::MoveDown => (cur + 1).min(last),
        Action::PageUp => cur.saturating_sub(page),
        Action::PageDown => (cur + page).min(last),
        Action::Top => 0,
        Action::Bottom => last,
        Action::Activate => {
            jump(app, cur);
            return true;
        }
        Action::History => {
            app.set_history(None);
            return true;
        }
        Action::Undo | Action::Redo => return false,
        _ => {
            app.set_history(None);
            return false;
        }
    };
    app.set_history(Some(moved));
    true
}

/// Closes the panel on the entry's subject: a cell in its table, a finding in the
/// findings list (or the first cell its key names, when it is gone).
fn jump(app: &mut App, at: usize) {
    app.set_history(None);
    let Some(e) = app.trail().get(at).cloned() else {
        return;
    };
    match e.kind {
        Kind::Review => app.say(says::HISTORY_REPORT.get()),
        Kind::Correction | Kind::Note => {
            if app.select_key(&e.cell) {
                app.focus_tables();
            } else {
                app.warn(says::HISTORY_GONE.fill(&[("subject", &e.cell)]));
            }
        }
        Kind::Disposition => {
            if let Some(i) = app.findings().iter().position(|f| f.key() == e.cell) {
                app.select_finding(i);
                return;
            }
            let cell = e
                .cell
                .split_once(':')
                .and_then(|(_, c)| c.split(',').next());
            if cell.is_some_and(|c| app.select_key(c)) {
                app.focus_tables();
            } else {
                app.warn(says::HISTORY_GONE.fill(&[("subject", &e.cell)]));
            }
        }
    }
}
