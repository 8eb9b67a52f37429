//! The history panel: every entry of the report's trail in order (corrections,
//! dispositions, notes, review marks, undo and redo), one line each — number, time,
//! reviewer, what, subject, old → new, why — with the entry under the cursor told in
//! full below the list. Drawn from the state only; its keys are in [`super::audit`].

use super::app::App;
use super::draw::{fit, put};
use super::says;
use crate::record::corrections::{Act, Entry, Kind};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};

/// Lines of the body the panel does not list entries on: its title, and the rule and
/// three lines of the entry told in full.
const OTHER_LINES: u16 = 5;

/// The body of the screen: below the title line, above the status and hint lines.
fn body(size: (u16, u16)) -> Rect {
    Rect::new(0, 1, size.0, size.1.saturating_sub(4))
}

/// How many entries the panel lists at this screen size.
pub fn rows(size: (u16, u16)) -> usize {
    body(size).height.saturating_sub(OTHER_LINES) as usize
}

/// A value of a trail entry in words: a state of a finding or of the review, a note's
/// text, a cell's value, or a dash for none.
fn state(kind: Kind, v: Option<&str>) -> String {
    let Some(v) = v else {
        return says::NONE.get().to_string();
    };
    let word = match (kind, v) {
        (Kind::Disposition, "confirmed") => says::STATE_CONFIRMED,
        (Kind::Disposition, "dismissed") => says::STATE_DISMISSED,
        (Kind::Review, "reviewed") => says::STATE_REVIEW_MARK,
        (Kind::Review, "signed_off") => says::STATE_SIGN_OFF,
        _ => return v.to_string(),
    };
    word.get().to_string()
}

/// What the entry did: its kind, or the entry it undoes or redoes.
fn what(e: &Entry) -> String {
    match (e.action, e.of) {
        (Act::Undo, Some(of)) => says::ACT_UNDO.fill(&[("seq", &of)]),
        (Act::Redo, Some(of)) => says::ACT_REDO.fill(&[("seq", &of)]),
        _ => match e.kind {
            Kind::Correction => says::KIND_CORRECTION,
            Kind::Disposition => says::KIND_DISPOSITION,
            Kind::Note => says::KIND_NOTE,
            Kind::Review => says::KIND_REVIEW,
        }
        .get()
        .to_string(),
    }
}

/// `2026-12-05T10:00:00Z` as `12-05 10:00`; another form as it is.
fn short_time(t: &str) -> String {
    match (t.get(5..10), t.get(11..16)) {
        (Some(d), Some(h)) if t.as_bytes().get(10) == Some(&b'T') => format!("{d} {h}"),
        _ => t.to_string(),
    }
}

/// The subject in a few columns: a cell's key, a finding's rule and first cell (and how
/// many more), or the report.
fn short_subject(e: &Entry) -> String {
    match e.kind {
        Kind::Review => says::THE_REPORT.get().to_string(),
        Kind::Disposition => match e.cell.split_once(':') {
            Some((rule, cells)) => {
                let cells: Vec<&str> = cells.split(',').collect();
                match cells.len() {
                    1 => format!("{rule} {}", cells[0]),
                    n => format!("{rule} {} +{}", cells[0], n - 1),
                }
            }
            None => e.cell.clone(),
        },
        Kind::Correction | Kind::Note => e.cell.clone(),
    }
}

/// The subject in full: a cell with its row and column labels.
fn subject(app: &App, e: &Entry) -> String {
    match e.kind {
        Kind::Review => says::THE_REPORT.get().to_string(),
        Kind::Disposition => e.cell.clone(),
        Kind::Correction | Kind::Note => match app.report().cell(&e.cell) {
            Some(c) => format!("{} ({} · {})", c.key, c.row_label, c.column.label),
            None => e.cell.clone(),
        },
    }
}

/// Columns of a line before the subject: number, time, reviewer, what, and spaces.
const FIXED_W: u16 = 4 + 1 + 11 + 1 + 8 + 1 + 10 + 1;

/// The subject's column at a width of the screen: as wide as the widest subject, but
/// leaving a third of the rest to old → new and the reason.
pub fn subject_width(trail: &[Entry], width: u16, amb2: bool) -> u16 {
    let widest = trail
        .iter()
        .map(|e| super::draw::width(&short_subject(e), amb2))
        .max()
        .unwrap_or(0);
    let cap = (width.saturating_sub(FIXED_W) * 2 / 3).clamp(12, 48);
    widest.min(cap)
}

/// One entry as a line of the list, its subject in `subject_w` columns (cut with `…`).
pub fn line(e: &Entry, subject_w: u16, amb2: bool) -> String {
    let change = says::DETAIL_CHANGE.fill(&[
        ("old", &state(e.kind, e.old.as_deref())),
        ("new", &state(e.kind, e.new.as_deref())),
    ]);
    let subject = short_subject(e);
    let subject = match super::draw::width(&subject, amb2) > subject_w {
        true => fit(&subject, subject_w.saturating_sub(1), false, amb2) + "…",
        false => fit(&subject, subject_w, false, amb2),
    };
    format!(
        "{:>4} {} {} {} {subject}  {change}  {}",
        e.seq,
        fit(&short_time(&e.time), 11, false, amb2),
        fit(&e.reviewer, 8, false, amb2),
        fit(&what(e), 10, false, amb2),
        e.reason
    )
}

/// The entry told in full: who, when and what of which subject; old → new; why.
pub fn detail(app: &App, e: &Entry) -> [String; 3] {
    let who = says::DETAIL_WHO.fill(&[
        ("seq", &e.seq),
        ("kind", &what(e)),
        ("reviewer", &e.reviewer),
        ("time", &e.time),
    ]);
    let change = says::DETAIL_CHANGE.fill(&[
        ("old", &state(e.kind, e.old.as_deref())),
        ("new", &state(e.kind, e.new.as_deref())),
    ]);
    let why = match e.reason.is_empty() {
        true => String::new(),
        false => says::DETAIL_WHY.fill(&[("reason", &e.reason)]),
    };
    [format!("{who} · {}", subject(app, e)), change, why]
}

/// Draws the panel over the body of the screen.
pub fn draw(app: &App, buf: &mut Buffer) {
    let r = body(app.size());
    let s = app.settings();
    let (amb2, color) = (s.ambiguous_width == 2, s.color);
    let dim = match color {
        true => Style::default().fg(Color::DarkGray),
        false => Style::default().add_modifier(Modifier::DIM),
    };
    let rule = if s.ascii_borders { "-" } else { "─" }.repeat(r.width as usize);
    for y in r.top()..r.bottom() {
        put(
            buf,
            r.x,
            y,
            r.width,
            &" ".repeat(r.width as usize),
            Style::default(),
            false,
        );
    }
    let trail = app.trail();
    let cur = app
        .history()
        .unwrap_or(0)
        .min(trail.len().saturating_sub(1));
    let title = match trail.is_empty() {
        true => says::HISTORY_TITLE.fill(&[("count", &0)]),
        false => says::HISTORY_AT.fill(&[("at", &(cur + 1)), ("count", &trail.len())]),
    };
    put(buf, r.x, r.y, r.width, &rule, dim, false);
    let bold = Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD);
    put(
        buf,
        r.x + 1,
        r.y,
        r.width.saturating_sub(2),
        &format!(" > {title} "),
        bold,
        amb2,
    );
    if trail.is_empty() {
        put(
            buf,
            r.x + 2,
            r.y + 1,
            r.width.saturating_sub(2),
            says::HISTORY_EMPTY.get(),
            dim,
            amb2,
        );
        return;
    }
    let n = rows(app.size());
    let top = (cur + 1).saturating_sub(n);
    let subject_w = subject_width(trail, r.width, amb2);
    for (k, e) in trail.iter().enumerate().skip(top).take(n) {
        let y = r.y + 1 + (k - top) as u16;
        let st = match k == cur {
            true => bold,
            false if e.action != Act::Set => dim,
            false => Style::default(),
        };
        put(buf, r.x, y, r.width, &line(e, subject_w, amb2), st, amb2);
    }
    let y = r.bottom().saturating_sub(OTHER_LINES - 1);
    put(buf, r.x, y, r.width, &rule, dim, false);
    for (k, l) in detail(app, &trail[cur]).iter().enumerate() {
        put(
            buf,
            r.x,
            y + 1 + k as u16,
            r.width,
            l,
            Style::default(),
            amb2,
        );
    }
}
