//! Draws the inbox (or the report open from it), from its state only. Columns by
//! display width: at 80 columns the agency and the prior year share what the counts
//! leave, from 140 the file name joins them; names from reports are untrusted and go
//! through [`super::draw`], which shows control characters as placeholders.

use super::action::{Action, Table};
use super::draw::{fit, put, width};
use super::inbox::{Inbox, Row};
use super::says;
use crate::lang::Msg as Words;
use crate::model::marks::ReviewState;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier, Style};
use ratatui::Frame;

/// The inbox, or the review screen of the report open from it.
pub fn view(inbox: &Inbox, f: &mut Frame) {
    if let Some(open) = inbox.open() {
        return super::view::view(&open.app, f);
    }
    let area = f.area();
    let buf = f.buffer_mut();
    draw(inbox, buf, area.width, area.height);
}

fn state_words(s: ReviewState) -> Words {
    match s {
        ReviewState::New => says::INBOX_STATE_NEW,
        ReviewState::InProgress => says::INBOX_STATE_IN_PROGRESS,
        ReviewState::Reviewed => says::INBOX_STATE_REVIEWED,
        ReviewState::SignedOff => says::INBOX_STATE_SIGNED_OFF,
    }
}

/// The columns' widths: fixed ones for state and counts, the rest shared by agency,
/// prior year and (when there is room) the file name.
struct Cols {
    amb2: bool,
    state: u16,
    agency: u16,
    prior: u16,
    file: u16,
}

const NUM: u16 = 4;

impl Cols {
    fn new(w: u16, amb2: bool) -> Cols {
        let state = [
            says::INBOX_COL_STATE,
            says::INBOX_STATE_NEW,
            says::INBOX_STATE_IN_PROGRESS,
            says::INBOX_STATE_REVIEWED,
            says::INBOX_STATE_SIGNED_OFF,
            says::INBOX_STATE_UNREADABLE,
        ]
        .iter()
        .map(|m| width(m.get(), amb2))
        .max()
        .unwrap_or(11);
        // the selection mark, the state, five numbers, each with a space after
        let fixed = 2 + state + 1 + 5 * (NUM + 1);
        let rest = w.saturating_sub(fixed);
        let (agency, file) = if rest < 90 {
            (rest * 3 / 5, 0)
        } else {
            let agency = (rest / 3).min(36);
            (agency, (rest - agency) / 2)
        };
        let prior = rest.saturating_sub(agency + 1 + file + u16::from(file > 0));
        Cols {
            amb2,
            state,
            agency,
            prior,
            file,
        }
    }

    /// Draws one line of cells at `y`, each cut or padded to its column.
    fn line(&self, buf: &mut Buffer, y: u16, cells: &[(&str, Style); 9]) {
        let ws = [
            self.state,
            self.agency,
            NUM,
            NUM,
            NUM,
            NUM,
            NUM,
            self.prior,
            self.file,
        ];
        let mut x = 2;
        for (i, ((text, style), w)) in cells.iter().zip(ws).enumerate() {
            if w == 0 {
                continue;
            }
            let right = (2..=6).contains(&i);
            let s = fit(text, w, right, self.amb2);
            put(buf, x, y, w, &s, *style, self.amb2);
            x += w + 1;
        }
    }
}

fn draw(inbox: &Inbox, buf: &mut Buffer, w: u16, h: u16) {
    let amb2 = inbox.settings().ambiguous_width == 2;
    if w < super::view::MIN_W || h < super::view::MIN_H {
        let m = says::TOO_SMALL.fill(&[
            ("w", &w),
            ("h", &h),
            ("min_w", &super::view::MIN_W),
            ("min_h", &super::view::MIN_H),
        ]);
        put(buf, 0, 0, w, &m, Style::default(), amb2);
        return;
    }
    let color = inbox.settings().color;
    let bar = Style::default().add_modifier(Modifier::REVERSED);
    put(
        buf,
        0,
        0,
        w,
        &fit(&header(inbox), w, false, amb2),
        bar,
        amb2,
    );
    let cols = Cols::new(w, amb2);
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let heads = [
        says::INBOX_COL_STATE,
        says::INBOX_COL_AGENCY,
        says::INBOX_COL_YEAR,
        says::INBOX_COL_FORMAT,
        says::INBOX_COL_ERRORS,
        says::INBOX_COL_WARNINGS,
        says::INBOX_COL_MISSING,
        says::INBOX_COL_PRIOR,
        says::INBOX_COL_FILE,
    ]
    .map(|m| (m.get(), bold));
    cols.line(buf, 1, &heads);
    let list = inbox.list_height();
    let shown = inbox.shown();
    for (n, &idx) in shown.iter().enumerate().skip(inbox.top()).take(list) {
        let Some(r) = inbox.row(idx) else { continue };
        let y = 2 + (n - inbox.top()) as u16;
        let selected = n == inbox.selected();
        if selected {
            put(buf, 0, y, 2, ">", bold, amb2);
        }
        let prior = r.prior.as_deref().map(|p| {
            let year = inbox.rows().find(|o| o.path == p).and_then(|o| o.year);
            let name = super::inbox::file_name(p);
            year.map_or(name.clone(), |y| format!("{y} {name}"))
        });
        draw_row(&cols, buf, y, r, prior, selected, color);
    }
    if shown.is_empty() && inbox.all_read() {
        let m = match inbox.total() {
            0 => says::INBOX_NONE_FOUND,
            _ => says::INBOX_NONE_MATCH,
        };
        put(
            buf,
            2,
            2,
            w.saturating_sub(2),
            m.get(),
            Style::default(),
            amb2,
        );
    }
    let (status, warn) = status_line(inbox);
    let st = match (warn, color) {
        (true, true) => Style::default().fg(Color::Red),
        (true, false) => bold,
        _ => Style::default(),
    };
    put(buf, 0, h - 2, w, &status, st, amb2);
    let dim = Style::default().add_modifier(Modifier::DIM);
    put(
        buf,
        0,
        h - 1,
        w,
        &fit_items(&hints(inbox), w, amb2),
        dim,
        amb2,
    );
}

/// One report's line; `prior` is last year's report as shown (its year and file name).
fn draw_row(
    cols: &Cols,
    buf: &mut Buffer,
    y: u16,
    r: &Row,
    prior: Option<String>,
    selected: bool,
    color: bool,
) {
    let base = match selected {
        true => Style::default().add_modifier(Modifier::REVERSED),
        false => Style::default(),
    };
    let dim = base.add_modifier(Modifier::DIM);
    let num = |n: usize| n.to_string();
    let prior = prior.unwrap_or_else(|| "—".to_string());
    let (agency, agency_style) = match &r.agency {
        Some(a) => (a.clone(), base),
        None => (r.name.clone(), dim),
    };
    let err_style = match (r.errors > 0, color) {
        (true, true) => base.fg(Color::Red),
        (true, false) => base.add_modifier(Modifier::BOLD),
        _ => base,
    };
    let state = match &r.unreadable {
        Some(_) => says::INBOX_STATE_UNREADABLE.get(),
        None => state_words(r.state).get(),
    };
    let state_style = match (r.state, r.unreadable.is_some()) {
        (_, true) => err_style.add_modifier(Modifier::BOLD),
        (ReviewState::Reviewed | ReviewState::SignedOff, _) if color => base.fg(Color::Green),
        _ => base,
    };
    if r.unreadable.is_some() {
        let blank = ("", base);
        let file = (r.name.as_str(), base);
        let cells = [
            (state, state_style),
            (&*agency, dim),
            blank,
            blank,
            blank,
            blank,
            blank,
            blank,
            file,
        ];
        return cols.line(buf, y, &cells);
    }
    let year = r.year.map(|y| y.to_string()).unwrap_or_default();
    let format = r.format.unwrap_or(says::INBOX_NO_FORMAT.get());
    let (e, wn, m) = (num(r.errors), num(r.warnings), num(r.missing));
    let cells = [
        (state, state_style),
        (agency.as_str(), agency_style),
        (year.as_str(), base),
        (format, base),
        (e.as_str(), err_style),
        (wn.as_str(), base),
        (m.as_str(), base),
        (prior.as_str(), base),
        (r.name.as_str(), base),
    ];
    cols.line(buf, y, &cells);
}

/// `nianbao · folder review · 12 / 40 reviewed · reading 37 / 1000 · sort: agency · …`:
/// the count of reviewed reports comes first after the title, so it is never cut.
pub fn header(inbox: &Inbox) -> String {
    let mut parts = vec![
        format!("nianbao · {}", says::INBOX_TITLE.get()),
        says::INBOX_REVIEWED.fill(&[("done", &inbox.reviewed()), ("total", &inbox.total())]),
    ];
    if !inbox.all_read() {
        let read = inbox.read();
        parts.push(says::INBOX_READING.fill(&[("n", &read), ("total", &inbox.total())]));
    }
    parts.push(says::INBOX_SORT.fill(&[("by", &inbox.sort().words())]));
    if !inbox.filter().is_empty() {
        parts.push(says::INBOX_FILTER.fill(&[("text", &inbox.filter())]));
    }
    if inbox.only_unreviewed() {
        parts.push(says::INBOX_ONLY_UNREVIEWED.get().to_string());
    }
    if inbox.only_errors() {
        parts.push(says::INBOX_ONLY_ERRORS.get().to_string());
    }
    let filtered = !inbox.filter().is_empty() || inbox.only_unreviewed() || inbox.only_errors();
    if filtered {
        parts.push(says::INBOX_SHOWN.fill(&[("n", &inbox.shown().len())]));
    }
    format!(" {}", parts.join(" · "))
}

/// The message, the filter being typed, or the selected report's path and prior.
fn status_line(inbox: &Inbox) -> (String, bool) {
    if let Some(input) = inbox.typing() {
        let text = format!("{}▏", input.buf);
        return (says::INBOX_FILTER.fill(&[("text", &text)]), false);
    }
    if let Some((m, warn)) = inbox.message() {
        return (m.clone(), *warn);
    }
    let Some(r) = inbox.selected_row() else {
        return (String::new(), false);
    };
    let path = r.path.display().to_string();
    if let Some(why) = &r.unreadable {
        let m = says::INBOX_WHY_UNREADABLE.fill(&[("file", &path), ("why", why)]);
        return (m, true);
    }
    match &r.prior {
        Some(p) => {
            let prior = says::INBOX_PRIOR_OF.fill(&[("file", &p.display())]);
            (format!("{path} · {prior}"), false)
        }
        None => (path, false),
    }
}

/// As many whole items as fit in `w` columns, joined by ` · `.
fn fit_items(items: &[String], w: u16, amb2: bool) -> String {
    let mut out = String::new();
    for item in items {
        let next = match out.is_empty() {
            true => format!(" {item}"),
            false => format!("{out} · {item}"),
        };
        if width(&next, amb2) > w {
            break;
        }
        out = next;
    }
    out
}

/// The keys that work in the inbox, from the active keymap, most needed first.
pub fn hints(inbox: &Inbox) -> Vec<String> {
    let km = inbox.keymap();
    if inbox.typing().is_some() {
        return vec![says::INBOX_HINT_TYPING.get().to_string()];
    }
    let first = |a: Action| km.keys_in(Table::Inbox, a).first().map(|k| k.to_string());
    let mut out = Vec::new();
    for (a, m) in [
        (Action::Activate, says::INBOX_HINT_OPEN),
        (Action::Search, says::INBOX_HINT_FILTER),
        (Action::Sort, says::INBOX_HINT_SORT),
        (Action::OnlyUnreviewed, says::INBOX_HINT_UNREVIEWED),
        (Action::OnlyErrors, says::INBOX_HINT_ERRORS),
        (Action::Quit, says::INBOX_HINT_QUIT),
    ] {
        if let Some(k) = first(a) {
            out.push(format!("{k} {}", m.get()));
        }
    }
    // moving is the least news: last, the first cut at 80 columns
    if let (Some(up), Some(down)) = (first(Action::MoveUp), first(Action::MoveDown)) {
        out.push(format!("{up}/{down} {}", says::INBOX_HINT_MOVE.get()));
    }
    out
}
