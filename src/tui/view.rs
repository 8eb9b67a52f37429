//! `view(&App, &mut Frame)`: draws the state, never changes it. It reads the state
//! through `App`'s accessors, the panes' places from [`super::layout`], the year
//! diff as the lines `App` keeps, and the hint line from the action registry.

use super::action::Action;
use super::action::{Hint, HintAt, Table};
use super::app::{App, Input, Mode, Pane, Status};
use super::diffview::Seg;
use super::draw::{fit, fit_end, fit_left, join_fitting, put, put_units, units, width, wrap, Unit};
use super::layout::layout;
use super::says as w;
use crate::check::dispose;
use crate::lang::Msg;
use crate::model::{Disposition, Severity};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::Frame;

pub use super::layout::{MIN_H, MIN_W};

struct Theme {
    color: bool,
    amb2: bool,
    ascii: bool,
}

impl Theme {
    fn status(&self, s: Status) -> Style {
        let base = Style::default();
        if !self.color {
            // Marks carry the status; attributes help where they can (no colours: under
            // NO_COLOR crossterm would send a bare reset that wipes the attributes).
            return match s {
                Status::Error => base.add_modifier(Modifier::BOLD),
                Status::Missing => base.add_modifier(Modifier::DIM),
                _ => base,
            };
        }
        match s {
            Status::Ok => base,
            Status::Missing => base.fg(Color::DarkGray),
            Status::Inferred => base.fg(Color::Cyan),
            Status::Corrected => base.fg(Color::Green),
            Status::Warning => base.fg(Color::Yellow),
            Status::Ambiguous => base.fg(Color::Magenta),
            Status::Involved => base.fg(Color::LightRed),
            Status::Error => base.fg(Color::Red).add_modifier(Modifier::BOLD),
        }
    }
    fn selected(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }
    fn dim(&self) -> Style {
        if self.color {
            Style::default().fg(Color::DarkGray)
        } else {
            Style::default().add_modifier(Modifier::DIM)
        }
    }
    fn title(&self, focused: bool) -> Style {
        if focused {
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::BOLD)
        }
    }
    fn sev(&self, s: Severity) -> Style {
        self.status(if s == Severity::Error {
            Status::Error
        } else {
            Status::Warning
        })
    }
    /// Box-drawing characters are East Asian ambiguous: where the terminal draws them
    /// two columns wide, borders are drawn in ASCII.
    fn ascii_box(&self) -> bool {
        self.ascii || self.amb2
    }
    fn rule(&self) -> &'static str {
        if self.ascii_box() {
            "-"
        } else {
            "─"
        }
    }
}

pub fn view(app: &App, f: &mut Frame) {
    let area = f.area();
    let th = Theme {
        color: app.settings().color,
        amb2: app.settings().ambiguous_width == 2,
        ascii: app.settings().ascii_borders,
    };
    let l = layout(app.panes(), area);
    let buf = f.buffer_mut();
    if l.too_small {
        draw_too_small(buf, area);
        return;
    }
    draw_title(app, &th, buf, l.title);
    if app.history().is_some() {
        super::history::draw(app, buf);
    } else if app.diff_view() {
        let body = Rect::new(
            area.x,
            area.y + 1,
            area.width,
            area.height.saturating_sub(4),
        );
        draw_diff(app, &th, buf, body);
    } else {
        if let Some(r) = l.tables {
            draw_tables(app, &th, buf, r);
        }
        if let Some(r) = l.raw {
            draw_raw(app, &th, buf, r);
        }
        if let Some(r) = l.findings {
            draw_findings(app, &th, buf, r);
        }
    }
    let cursor = draw_status(app, &th, buf, l.status);
    draw_hint(app, &th, buf, l.hint);
    draw_overlay(app, &th, buf, area);
    if let Some(c) = cursor {
        f.set_cursor_position(c);
    }
}

fn draw_too_small(buf: &mut Buffer, area: Rect) {
    let msg = w::TOO_SMALL.fill(&[
        ("w", &area.width),
        ("h", &area.height),
        ("min_w", &MIN_W),
        ("min_h", &MIN_H),
    ]);
    for (i, chunk) in msg.split(['；', ';']).map(str::trim).enumerate() {
        let y = area.y + area.height / 2 + i as u16;
        if y < area.bottom() {
            let y = y.saturating_sub(1);
            put(buf, area.x, y, area.width, chunk, Style::default(), false);
        }
    }
}

/// The mode's popup over the panes, if it has one.
fn draw_overlay(app: &App, th: &Theme, buf: &mut Buffer, area: Rect) {
    match app.mode() {
        Mode::Help { scroll } => draw_help(app, th, buf, area, *scroll),
        Mode::Explain { scroll } => draw_explain(app, th, buf, area, *scroll),
        Mode::Pick { cands, sel, cells } => draw_pick(app, th, buf, area, cells, cands, *sel),
        Mode::Stale { cell, sel } => draw_stale(app, th, buf, area, *cell, *sel),
        Mode::ConfirmQuit => {
            let key = |a: Action| first_key(app, Table::Quit, a).unwrap_or_default();
            let lost = app.session().unjournaled().len();
            let safe = if lost == 0 {
                w::QUIT_SAFE.get().to_string()
            } else {
                w::QUIT_LOST.fill(&[("lost", &lost)])
            };
            let lines = vec![
                w::QUIT_UNWRITTEN.fill(&[("n", &app.unsaved())]),
                safe,
                String::new(),
                w::QUIT_CHOICES.fill(&[("w", &key(Action::Write)), ("q", &key(Action::Quit))]),
            ];
            let title = w::QUIT_TITLE.get();
            popup(th, buf, area, title, &lines, (0, 2), None);
        }
        _ => {}
    }
}

fn pane_title(th: &Theme, buf: &mut Buffer, r: Rect, text: &str, focused: bool) {
    let line = th.rule().repeat(r.width as usize);
    put(buf, r.x, r.y, r.width, &line, th.dim(), th.amb2);
    let t = format!(" {}{} ", if focused { "> " } else { "" }, text);
    put(
        buf,
        r.x + 1,
        r.y,
        r.width.saturating_sub(2),
        &t,
        th.title(focused),
        th.amb2,
    );
}

/// The header: what must stay at 80 columns (the counts, READ-ONLY, the unwritten
/// and unjournaled corrections) is kept; the file's name goes first, then the format,
/// the agency, and the folder the corrections go to (cut from the left before it goes).
fn draw_title(app: &App, th: &Theme, buf: &mut Buffer, r: Rect) {
    const MUST: u8 = u8::MAX;
    let rep = &app.report();
    let (errors, warnings, dismissed) = dispose::tally(app.findings());
    let format = match rep.meta.template {
        Some(t) => w::HEAD_FORMAT.fill(&[("id", &t.id())]),
        None => w::HEAD_NO_FORMAT.get().to_string(),
    };
    let mut parts = vec![
        ("nianbao".to_string(), 3),
        (format!("  {}", app.session().title()), 0),
        (format!("  {format}"), 1),
        (
            format!(
                " · {} {}",
                rep.meta.agency.as_deref().unwrap_or("?"),
                rep.meta.year.map_or("?".into(), |y| y.to_string()),
            ),
            2,
        ),
        (
            format!(
                " · {}",
                w::HEAD_COUNTS.fill(&[("e", &errors), ("w", &warnings)])
            ),
            MUST,
        ),
        (marks_title(app, dismissed), 5),
    ];
    if app.session().read_only().is_some() {
        parts.push((format!(" · {}", w::HEAD_READ_ONLY), MUST));
    }
    let n = app.unsaved();
    if n > 0 {
        parts.push((format!(" · {}", w::HEAD_UNWRITTEN.fill(&[("n", &n)])), MUST));
    }
    let lost = app.session().unjournaled().len();
    if lost > 0 {
        let m = w::HEAD_NOT_JOURNALED.fill(&[("n", &lost)]);
        parts.push((format!(" · {m}"), MUST));
    }
    if let Some(p) = app.filed_in() {
        // the folder, cut from the left to what the musts leave (never under 16 columns)
        let musts: Vec<(String, u8)> = parts.iter().filter(|x| x.1 == MUST).cloned().collect();
        let used = width(&join_fitting(&musts, r.width, th.amb2), th.amb2);
        let frame = width(&w::HEAD_FILED_IN.fill(&[("p", &"")]), th.amb2) + 3;
        let room = r.width.saturating_sub(used + frame).max(16);
        let p = fit_left(p, room, th.amb2);
        parts.push((format!(" · {}", w::HEAD_FILED_IN.fill(&[("p", &p)])), 4));
    }
    let s = join_fitting(&parts, r.width, th.amb2);
    put(
        buf,
        r.x,
        r.y,
        r.width,
        &s,
        Style::default().add_modifier(Modifier::BOLD),
        th.amb2,
    );
}

/// The dismissed findings and the review state, for the title line.
fn marks_title(app: &App, dismissed: usize) -> String {
    let mut s = String::new();
    if dismissed > 0 {
        let n = w::DISMISSED_COUNT.fill(&[("count", &dismissed)]);
        s.push_str(&format!(" · {n}"));
    }
    let r = &app.report().marks.review;
    let state = match (&r.reviewed, &r.signed_off) {
        (_, Some(m)) => w::STATE_SIGNED_OFF.fill(&[("reviewer", &m.reviewer)]),
        (Some(m), None) => w::STATE_REVIEWED.fill(&[("reviewer", &m.reviewer)]),
        (None, None) => return s,
    };
    s + " · " + &state
}

/// A finding's marks: its severity, and `✓` confirmed or `×` dismissed (else a space).
fn finding_marks(f: &crate::model::Finding) -> (char, char) {
    let sev = if f.severity == Severity::Error {
        '!'
    } else {
        '?'
    };
    let d = match f.disposed.as_ref().map(|d| d.disposition) {
        Some(Disposition::Confirmed) => '✓',
        Some(Disposition::Dismissed) => '×',
        None => ' ',
    };
    (sev, d)
}

fn cell_text(app: &App, i: usize) -> String {
    let c = &app.report().cells[i];
    match (c.value, app.status()[i]) {
        (Some(v), _) => v.to_string(),
        (None, Status::Ambiguous) => "??".into(),
        (None, _) => "--".into(),
    }
}

/// How a table's columns fit its pane.
struct Columns {
    label_w: u16,
    /// Width of a value column, its separating space included.
    cw: u16,
    ncols: u16,
    vis_cols: u16,
    col_off: u16,
}

fn columns(app: &App, g: &super::app::Grid, th: &Theme, r: Rect) -> Columns {
    let label_w = g
        .rows
        .iter()
        .map(|row| width(&row.short, th.amb2))
        .max()
        .unwrap_or(4)
        .clamp(4, 16)
        + 1;
    let value_w = g
        .rows
        .iter()
        .flat_map(|row| row.cells.iter())
        .map(|&i| width(&cell_text(app, i), false))
        .max()
        .unwrap_or(1);
    let cw = (value_w + 2).clamp(6, 12);
    let ncols = g.rows.iter().map(|row| row.cells.len()).max().unwrap_or(1) as u16;
    let avail = r.width.saturating_sub(label_w);
    let vis_cols = (avail / cw).max(1).min(ncols);
    let col = app.col() as u16;
    let col_off = if col >= vis_cols {
        col + 1 - vis_cols
    } else {
        0
    };
    Columns {
        label_w,
        cw,
        ncols,
        vis_cols,
        col_off,
    }
}

fn draw_tables(app: &App, th: &Theme, buf: &mut Buffer, r: Rect) {
    let g = app.grid();
    let tabs: String = app
        .session()
        .grids()
        .iter()
        .enumerate()
        .map(|(i, g)| {
            if i == app.table() {
                format!("[{}]", g.id)
            } else {
                format!(" {} ", g.id)
            }
        })
        .collect();
    let title = format!("{} {}  {}", g.id, g.title, tabs);
    pane_title(th, buf, r, &title, app.focus() == Pane::Tables);
    if g.rows.is_empty() {
        let none = w::TABLE_NOT_FOUND.get();
        put(buf, r.x + 2, r.y + 2, r.width - 2, none, th.dim(), th.amb2);
        return;
    }
    let cols = columns(app, g, th, r);
    draw_heads(app, g, th, buf, r, &cols);
    let body_h = r.height.saturating_sub(2) as usize;
    let row_off = (app.row() + 1).saturating_sub(body_h);
    for (vi, row) in g.rows.iter().enumerate().skip(row_off).take(body_h) {
        let y = r.y + 2 + (vi - row_off) as u16;
        draw_table_row(app, row, vi == app.row(), th, buf, (r.x, y), &cols);
    }
}

/// The column heads: those of the selected row (t2's rows differ).
fn draw_heads(app: &App, g: &super::app::Grid, th: &Theme, buf: &mut Buffer, r: Rect, c: &Columns) {
    let sel_row = &g.rows[app.row().min(g.rows.len() - 1)];
    let y = r.y + 1;
    let more_left = if c.col_off > 0 { "<" } else { " " };
    put(buf, r.x, y, c.label_w, more_left, th.dim(), false);
    for vc in 0..c.vis_cols {
        let head = sel_row
            .cells
            .get((c.col_off + vc) as usize)
            .map(|&i| app.report().cells[i].column.short)
            .unwrap_or("");
        let x = r.x + c.label_w + vc * c.cw;
        let text = fit(head, c.cw - 1, true, th.amb2);
        put(buf, x, y, c.cw, &text, th.dim(), th.amb2);
    }
    if c.col_off + c.vis_cols < c.ncols {
        put(buf, r.right() - 1, y, 1, ">", th.dim(), false);
    }
}

fn draw_table_row(
    app: &App,
    row: &super::app::GridRow,
    is_sel_row: bool,
    th: &Theme,
    buf: &mut Buffer,
    (x, y): (u16, u16),
    c: &Columns,
) {
    let lst = if is_sel_row && app.focus() == Pane::Tables {
        Style::default().add_modifier(Modifier::BOLD)
    } else {
        Style::default()
    };
    let label = fit(&row.short, c.label_w - 1, false, th.amb2);
    put(buf, x, y, c.label_w - 1, &label, lst, th.amb2);
    for vc in 0..c.vis_cols {
        let col = (c.col_off + vc) as usize;
        let Some(&i) = row.cells.get(col) else {
            continue;
        };
        let st = app.status()[i];
        let text = format!(
            "{}{}",
            st.mark(),
            fit(&cell_text(app, i), c.cw - 2, true, false)
        );
        let mut style = th.status(st);
        if is_sel_row && col == app.col() {
            style = style.patch(th.selected());
        }
        put(
            buf,
            x + c.label_w + vc * c.cw,
            y,
            c.cw - 1,
            &text,
            style,
            false,
        );
    }
}

/// One screen row of the raw pane: its line, whether it is the line's first row, and
/// its units (offsets into the whole text).
type RawRow = (usize, bool, Vec<Unit>);

/// The wrapped rows of one line, each as its units' range.
fn line_rows(us: &[Unit], text_w: u16) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    loop {
        let mut w = 0;
        let mut end = start;
        while end < us.len() && w + us[end].width <= text_w {
            w += us[end].width;
            end += 1;
        }
        let end = end.max((start + 1).min(us.len()));
        out.push(start..end);
        if end >= us.len() {
            return out;
        }
        start = end;
    }
}

/// Wrapped rows of the text from line `top` (its first `skip` rows left out: a long
/// line scrolls within itself), at most `height` of them.
fn raw_rows(
    app: &App,
    amb2: bool,
    (top, skip): (usize, usize),
    height: usize,
    text_w: u16,
) -> Vec<RawRow> {
    let lines = app.session().lines();
    let text = &app.report().text;
    let mut rows = Vec::new();
    let mut line = top;
    while rows.len() < height && line < lines.len() {
        let (a, b) = lines[line];
        let us = units(&text[a..b], amb2, 0);
        let skip = if line == top { skip } else { 0 };
        for (k, range) in line_rows(&us, text_w).into_iter().enumerate().skip(skip) {
            if rows.len() >= height {
                break;
            }
            let shifted = us[range]
                .iter()
                .map(|u| Unit {
                    at: u.at + a,
                    ..u.clone()
                })
                .collect();
            rows.push((line, k == 0, shifted));
        }
        line += 1;
    }
    rows
}

/// Whether the rows show byte offset `target` of line `line`.
fn shows(rows: &[RawRow], line: usize, target: usize) -> bool {
    rows.iter().any(|(l, _, us)| {
        *l == line
            && match (us.first(), us.last()) {
                (Some(a), Some(b)) => a.at <= target && target <= b.at,
                _ => true,
            }
    })
}

/// Where the raw pane starts so that the current line shows and, on it, the selected
/// cell's source (the byte offset `target`): from the pane's top line when that shows
/// it, else a line above the current one, else from the wrapped row of the current
/// line that holds it, a third down the pane (a long line scrolls within itself).
fn raw_start(app: &App, amb2: bool, height: usize, text_w: u16, target: usize) -> (usize, usize) {
    let line = app.raw_line();
    let fits = |start| shows(&raw_rows(app, amb2, start, height, text_w), line, target);
    for start in [(app.raw_top(), 0), (line.saturating_sub(1), 0), (line, 0)] {
        if fits(start) {
            return start;
        }
    }
    let Some(&(a, b)) = app.session().lines().get(line) else {
        return (line, 0);
    };
    let us = units(&app.report().text[a..b], amb2, 0);
    let k = line_rows(&us, text_w)
        .iter()
        .position(|r| us[r.clone()].last().is_some_and(|u| u.at + a >= target))
        .unwrap_or(0);
    (line, k.saturating_sub(height / 3))
}

/// The style of one unit of text: the selected cell's span, the current search match,
/// the other matches, placeholders of control characters.
fn raw_style(app: &App, th: &Theme, sel_span: Option<(usize, usize)>, u: &Unit) -> Style {
    let inside = |(a, b): (usize, usize)| u.at >= a && u.at < b;
    let mut s = Style::default();
    if u.placeholder {
        s = th.dim().add_modifier(Modifier::ITALIC);
    }
    if sel_span.is_some_and(inside) {
        return th.selected();
    }
    let search = app.search();
    let current = search.current.and_then(|c| search.matches.get(c)).copied();
    if current.is_some_and(inside) {
        return s.add_modifier(Modifier::REVERSED);
    }
    if search.matches.iter().any(|&m| inside(m)) {
        s = s.add_modifier(Modifier::UNDERLINED);
    }
    s
}

fn draw_raw(app: &App, th: &Theme, buf: &mut Buffer, r: Rect) {
    let total = app.session().lines().len();
    let title = w::RAW_TITLE.fill(&[("n", &(app.raw_line() + 1)), ("total", &total)]);
    pane_title(th, buf, r, &title, app.focus() == Pane::Raw);
    let num_w = total.to_string().len() as u16 + 1;
    let text_w = r.width.saturating_sub(num_w + 1).max(1);
    let height = r.height.saturating_sub(1) as usize;
    let sel_span = app.selected().and_then(|i| app.report().cells[i].span);
    // lay out wrapped rows from the top, or from where the selected source shows
    let line_start = app.session().lines().get(app.raw_line()).map_or(0, |l| l.0);
    let target = sel_span
        .map(|s| s.0)
        .filter(|&t| {
            t >= line_start
                && app
                    .session()
                    .lines()
                    .get(app.raw_line())
                    .is_some_and(|l| t <= l.1)
        })
        .unwrap_or(line_start);
    let start = raw_start(app, th.amb2, height, text_w, target);
    let rows = raw_rows(app, th.amb2, start, height, text_w);
    for (k, (line, first, us)) in rows.iter().enumerate() {
        let y = r.y + 1 + k as u16;
        if *first || k == 0 {
            let st = if *line == app.raw_line() {
                Style::default().add_modifier(Modifier::BOLD)
            } else {
                th.dim()
            };
            let num = format!("{:>w$}", line + 1, w = num_w as usize - 1);
            put(buf, r.x, y, num_w, &num, st, false);
        }
        let style_at = |u: &Unit| raw_style(app, th, sel_span, u);
        put_units(buf, r.x + num_w + 1, y, text_w, us, &style_at);
    }
}

fn draw_findings(app: &App, th: &Theme, buf: &mut Buffer, r: Rect) {
    let (errors, warnings, dismissed) = dispose::tally(app.findings());
    pane_title(
        th,
        buf,
        r,
        &format!(
            "{}{}",
            w::FINDINGS_TITLE.fill(&[("e", &errors), ("w", &warnings)]),
            marks_title(app, dismissed)
        ),
        app.focus() == Pane::Findings,
    );
    let h = r.height.saturating_sub(1) as usize;
    if app.findings().is_empty() {
        put(
            buf,
            r.x + 2,
            r.y + 1,
            r.width - 2,
            w::NO_FINDINGS.get(),
            th.dim(),
            th.amb2,
        );
        return;
    }
    let top = if app.finding_sel() >= h {
        app.finding_sel() + 1 - h
    } else {
        0
    };
    for (i, f) in app.findings().iter().enumerate().skip(top).take(h) {
        let y = r.y + 1 + (i - top) as u16;
        let (mark, d) = finding_marks(f);
        let fix = f
            .fix
            .as_ref()
            .map(|x| w::FINDING_FIX.fill(&[("cell", &x.cell), ("value", &x.value)]))
            .unwrap_or_default();
        let text = format!("{mark}{d}{:<17} {}{}", f.rule, f.message, fix);
        let mut st = match dispose::dismissed(f) {
            true => th.dim(),
            false => th.sev(f.severity),
        };
        if i == app.finding_sel() && app.focus() == Pane::Findings {
            st = st.patch(th.selected());
        }
        put(buf, r.x, y, r.width, &text, st, th.amb2);
    }
}

fn origin_name(o: crate::Origin) -> Msg {
    match o {
        crate::Origin::Read => w::ORIGIN_READ,
        crate::Origin::Inferred => w::ORIGIN_INFERRED,
        crate::Origin::Corrected => w::ORIGIN_CORRECTED,
        crate::Origin::Missing => w::ORIGIN_MISSING,
    }
}

fn severity_name(s: Severity) -> Msg {
    match s {
        Severity::Error => w::SEV_ERROR,
        Severity::Warning => w::SEV_WARNING,
    }
}

/// A cell's row and column labels in `room` columns: the row's is cut first.
fn fit_labels(c: &crate::Cell, room: u16, amb2: bool) -> String {
    let col = format!(" · {}", c.column.label);
    let row_room = room.saturating_sub(width(&col, amb2));
    if row_room >= 6 {
        format!("{}{col}", fit_end(&c.row_label, row_room, amb2))
    } else {
        fit_end(&format!("{}{col}", c.row_label), room, amb2)
    }
}

/// The selected cell's line of the status bar, `width` columns: its key, labels,
/// value, origin and status and line; the labels are cut first, then the line and the
/// key go, so the value and its origin always show.
pub fn cell_status(app: &App, i: usize, width_: u16, amb2: bool) -> String {
    let c = &app.report().cells[i];
    let line = c
        .line
        .map(|l| w::STATUS_LINE.fill(&[("n", &l)]))
        .unwrap_or_default();
    let (origin, status) = (origin_name(c.origin), app.status()[i].name());
    let v = c.value.map_or("—".into(), |v| v.to_string());
    // a corrected (or missing) cell whose status says just that: said once
    let value = match origin.get() == status.get() {
        true => w::STATUS_VALUE_ONE.fill(&[("v", &v), ("origin", &origin)]),
        false => w::STATUS_VALUE.fill(&[("v", &v), ("origin", &origin), ("status", &status)]),
    };
    let head = format!("{}  ", c.key);
    let mut parts = [head.as_str(), value.as_str(), line.as_str()];
    for drop in 0..3 {
        let rest: u16 = parts.iter().map(|p| width(p, amb2)).sum();
        let room = width_.saturating_sub(rest);
        if room >= 8 || drop == 2 {
            let labels = if room >= 8 {
                fit_labels(c, room, amb2)
            } else {
                String::new()
            };
            return format!("{}{labels}{}{}", parts[0], parts[1], parts[2]);
        }
        // the line goes first, then the key
        parts[2 - drop * 2] = "";
    }
    String::new()
}

/// Returns where the terminal cursor goes (the caret of an input).
fn draw_status(app: &App, th: &Theme, buf: &mut Buffer, r: Rect) -> Option<(u16, u16)> {
    // line 1: the selected cell
    if let Some(i) = app.selected() {
        let s = cell_status(app, i, r.width, th.amb2);
        put(buf, r.x, r.y, r.width, &s, Style::default(), th.amb2);
    }
    let line2 = Rect::new(r.x, r.y + 1, r.width, 1);
    let (label, input) = match app.mode() {
        Mode::Edit { cell, input } => {
            let c = &app.report().cells[*cell];
            let was = c.value.map_or(w::MISSING.get().into(), |v| v.to_string());
            let label = w::EDIT_PROMPT.fill(&[("key", &c.key), ("was", &was)]);
            (label, input)
        }
        Mode::Reason { changes, input } => {
            let label = w::REASON_PROMPT.fill(&[("n", &changes.len())]);
            (label, input)
        }
        Mode::Search { input } => (w::SEARCH_PROMPT.get().to_string(), input),
        Mode::Dismiss { key, input } => {
            let rule = key.split([':', '@']).next().unwrap_or(key);
            (w::DISMISS_PROMPT.fill(&[("rule", &rule)]), input)
        }
        Mode::Note { cell, input } => {
            let key = &app.report().cells[*cell].key;
            (w::NOTE_PROMPT.fill(&[("cell", key)]), input)
        }
        Mode::Goto { input } => (w::GOTO_PROMPT.get().to_string(), input),
        _ => {
            draw_message(app, th, buf, line2);
            return None;
        }
    };
    Some(draw_prompt(th, buf, line2, &label, input))
}

/// A prompt and its input (reversed while selected); returns where the caret is. The
/// label leaves the input at least 12 columns (half the line for a long input); a long
/// input scrolls so the caret stays in view.
fn draw_prompt(th: &Theme, buf: &mut Buffer, r: Rect, label: &str, input: &Input) -> (u16, u16) {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let input_room = (width(&input.buf, th.amb2) + 2).clamp(12, (r.width / 2).max(12));
    let label = fit_end(label, r.width.saturating_sub(input_room), th.amb2);
    let lw = put(buf, r.x, r.y, r.width, &label, bold, th.amb2);
    let underlined = if input.selected {
        Style::default().add_modifier(Modifier::REVERSED)
    } else {
        Style::default().add_modifier(Modifier::UNDERLINED)
    };
    let rest = r.width.saturating_sub(lw).max(1);
    let us = units(&input.buf, th.amb2, 0);
    let caret_at = input
        .buf
        .char_indices()
        .nth(input.caret)
        .map_or(input.buf.len(), |c| c.0);
    let caret = us.iter().position(|u| u.at >= caret_at).unwrap_or(us.len());
    // the first unit shown: as many before the caret as leave it a column
    let mut first = caret;
    let mut used = 1;
    while first > 0 && used + us[first - 1].width <= rest {
        first -= 1;
        used += us[first].width;
    }
    let x = r.x + lw;
    put_units(buf, x, r.y, rest, &us[first..], &|_| underlined);
    let before: u16 = us[first..caret].iter().map(|u| u.width).sum();
    ((x + before).min(r.right() - 1), r.y)
}

/// The message, or else the findings on the selected cell.
fn draw_message(app: &App, th: &Theme, buf: &mut Buffer, r: Rect) {
    if let Some((m, err)) = app.message() {
        let st = if *err {
            th.sev(Severity::Error)
        } else {
            Style::default()
        };
        put(buf, r.x, r.y, r.width, m, st, th.amb2);
    } else if let Some(i) = app.selected() {
        let fs: Vec<String> = app.session().cell_findings()[i]
            .iter()
            .map(|&fi| {
                let f = &app.findings()[fi];
                let (mark, d) = finding_marks(f);
                format!("{mark}{d}{}", f.rule)
            })
            .collect();
        let mut s = if fs.is_empty() {
            w::NO_CELL_FINDINGS.get().to_string()
        } else {
            fs.join("  ")
        };
        if let Some(n) = app.report().marks.note(&app.report().cells[i].key) {
            let note = w::NOTE.fill(&[("reviewer", &n.reviewer), ("text", &n.text)]);
            s = format!("{s} · {note}");
        }
        put(buf, r.x, r.y, r.width, &s, th.dim(), th.amb2);
    }
}

/// Where the hint line is: the mode, else the diff view or the focused pane.
fn hint_at(app: &App) -> HintAt {
    match app.mode() {
        Mode::Edit { .. } => HintAt::Edit,
        Mode::Reason { .. } => HintAt::Reason,
        Mode::Dismiss { .. } | Mode::Note { .. } => HintAt::Ask,
        Mode::Search { .. } | Mode::Goto { .. } => HintAt::Go,
        Mode::Pick { .. } | Mode::Stale { .. } => HintAt::Pick,
        Mode::Help { .. } | Mode::Explain { .. } => HintAt::Scroll,
        Mode::ConfirmQuit => HintAt::Quit,
        Mode::Normal if app.history().is_some() => HintAt::History,
        Mode::Normal if app.diff_view() => HintAt::Diff,
        Mode::Normal => match app.focus() {
            Pane::Tables => HintAt::Tables {
                prior: app.session().prior().is_some(),
            },
            Pane::Raw => HintAt::Raw,
            Pane::Findings => HintAt::Findings,
        },
    }
}

fn first_key(app: &App, t: Table, a: Action) -> Option<String> {
    app.keymap().keys_in(t, a).first().map(|k| k.to_string())
}

/// The hint line's items: keys that work here, from the active keymap, labelled by the
/// action registry (an action without a key is left out); each says whether it must
/// stay when the line is too narrow (help and quit always do).
fn hint_items(app: &App) -> Vec<(String, bool)> {
    let at = hint_at(app);
    let table = at.table();
    at.hints()
        .iter()
        .filter_map(|h| match *h {
            Hint::Key(a) => first_key(app, table, a).map(|k| {
                (
                    format!("{k} {}", a.label()),
                    matches!(a, Action::Help | Action::Quit),
                )
            }),
            Hint::Keys(acts, label) => {
                let keys: Option<Vec<String>> =
                    acts.iter().map(|&a| first_key(app, table, a)).collect();
                keys.map(|k| (format!("{} {label}", k.join("/")), false))
            }
            Hint::Text(t) => Some((t.get().to_string(), false)),
        })
        .collect()
}

/// The hint line: keys that work here (see [`hint_items`]), all of them.
pub fn hints(app: &App) -> String {
    let items: Vec<String> = hint_items(app).into_iter().map(|i| i.0).collect();
    items.join(" · ")
}

/// The hint line as it fits `w` columns: items are left out from the end, help and
/// quit kept.
pub fn hints_fitting(app: &App, w: u16, amb2: bool) -> String {
    let items = hint_items(app);
    let parts: Vec<(String, u8)> = items
        .iter()
        .enumerate()
        .map(|(i, (s, must))| {
            let sep = if i == 0 { "" } else { " · " };
            (format!("{sep}{s}"), if *must { u8::MAX } else { 1 })
        })
        .collect();
    join_fitting(&parts, w, amb2)
}

fn seg_style(th: &Theme, kind: Seg) -> Style {
    let plain = Style::default();
    match kind {
        Seg::Plain => plain,
        Seg::Dim => th.dim(),
        Seg::Head => plain.add_modifier(Modifier::BOLD),
        Seg::Old if th.color => plain.fg(Color::Red).add_modifier(Modifier::CROSSED_OUT),
        Seg::Old => plain.add_modifier(Modifier::CROSSED_OUT),
        Seg::New if th.color => plain.fg(Color::Green).add_modifier(Modifier::UNDERLINED),
        Seg::New => plain.add_modifier(Modifier::UNDERLINED),
        Seg::Changed if th.color => plain.fg(Color::Yellow).add_modifier(Modifier::BOLD),
        Seg::Changed => plain.add_modifier(Modifier::BOLD),
    }
}

fn draw_diff(app: &App, th: &Theme, buf: &mut Buffer, r: Rect) {
    let title = match app.diff_status() {
        Some(st) => format!("{} · {st}", super::diffview::words::TITLE),
        None => super::diffview::words::TITLE.get().to_string(),
    };
    pane_title(th, buf, r, &title, true);
    let cursor = app.diff_cursor();
    for (k, l) in app
        .diff_lines()
        .iter()
        .skip(app.diff_scroll())
        .take(r.height.saturating_sub(1) as usize)
        .enumerate()
    {
        let y = r.y + 1 + k as u16;
        let mut x = r.x;
        for (i, (text, kind)) in l.segs.iter().enumerate() {
            let mut st = seg_style(th, *kind);
            if cursor.is_some() && l.cells.iter().any(|&(s, c)| s == i && Some(c) == cursor) {
                st = st.add_modifier(Modifier::REVERSED);
            }
            x += put(buf, x, y, r.right().saturating_sub(x), text, st, th.amb2);
        }
    }
}

/// The hint line, or under the editor why the value typed was refused.
fn draw_hint(app: &App, th: &Theme, buf: &mut Buffer, r: Rect) {
    if let Some(input) = app.mode().input() {
        if let Some(e) = &input.error {
            let st = th.sev(Severity::Error);
            put(
                buf,
                r.x,
                r.y,
                r.width,
                &w::REFUSED.fill(&[("why", e)]),
                st,
                th.amb2,
            );
            return;
        }
    }
    let h = hints_fitting(app, r.width, th.amb2);
    put(buf, r.x, r.y, r.width, &h, th.dim(), th.amb2);
}

/// A box over the screen, centred: its title on the top border, `lines` wrapped to its
/// width (lines after the first of each indented `hang` columns) and scrolled by
/// `scroll`, line `sel` (of `lines`) reversed. Its borders stay whole: a wide character
/// the left border would cut in two is blanked.
fn popup(
    th: &Theme,
    buf: &mut Buffer,
    area: Rect,
    title: &str,
    lines: &[String],
    (scroll, hang): (usize, u16),
    sel: Option<usize>,
) {
    let w = (lines.iter().map(|l| width(l, th.amb2)).max().unwrap_or(10) + 4)
        .clamp(30, area.width.saturating_sub(4));
    let mut rows: Vec<(String, bool)> = Vec::new();
    for (k, l) in lines.iter().enumerate() {
        for part in wrap(l, w - 4, hang, th.amb2) {
            rows.push((part, sel == Some(k)));
        }
    }
    let h = (rows.len() as u16 + 2).min(area.height.saturating_sub(2));
    let x = area.x + (area.width - w) / 2;
    let y = area.y + (area.height - h) / 2;
    let (hz, vt, c) = if th.ascii_box() {
        ("-", "|", "+")
    } else {
        ("─", "│", "+")
    };
    for yy in y..y + h {
        for xx in x..x + w {
            buf[(xx, yy)].reset();
        }
        // a wide character just left of the box: its right half is under the border
        if x > area.x && width(buf[(x - 1, yy)].symbol(), th.amb2) > 1 {
            buf[(x - 1, yy)].reset();
        }
    }
    let top = format!("{c}{}{c}", hz.repeat(w as usize - 2));
    put(buf, x, y, w, &top, Style::default(), false);
    put(
        buf,
        x + 2,
        y,
        w - 4,
        &format!(" {title} "),
        Style::default().add_modifier(Modifier::BOLD),
        th.amb2,
    );
    put(buf, x, y + h - 1, w, &top, Style::default(), false);
    let inner = h.saturating_sub(2) as usize;
    let scroll = scroll.min(rows.len().saturating_sub(inner));
    for k in 0..inner {
        let yy = y + 1 + k as u16;
        put(buf, x, yy, 1, vt, Style::default(), false);
        put(buf, x + w - 1, yy, 1, vt, Style::default(), false);
        if let Some((l, selected)) = rows.get(scroll + k) {
            let st = if *selected {
                th.selected()
            } else {
                Style::default()
            };
            put(buf, x + 2, yy, w - 4, l, st, th.amb2);
        }
    }
}

fn draw_help(app: &App, th: &Theme, buf: &mut Buffer, area: Rect, scroll: usize) {
    let mut lines = vec![w::HELP_INTRO.get().to_string(), String::new()];
    let keys = |t: Table, a: Action| -> String {
        let keys: Vec<String> = app
            .keymap()
            .keys_in(t, a)
            .iter()
            .map(|k| k.to_string())
            .collect();
        if keys.is_empty() {
            w::HELP_UNBOUND.get().to_string()
        } else {
            keys.join(" ")
        }
    };
    // the key column is 16 wide, as in keymap files; a longer list of keys pushes the text
    let row = |k: String, what: &str| format!("{} {what}", fit_to(&k, 16, th.amb2));
    for a in Action::ALL {
        lines.push(row(keys(Table::Normal, *a), a.help().get()));
    }
    lines.push(row("esc".into(), w::HELP_ESC.get()));
    lines.push(String::new());
    lines.push(w::HELP_MARKS.get().into());
    lines.push(w::HELP_FINDING_MARKS.get().into());
    for t in &Table::ALL[1..] {
        lines.push(String::new());
        let what = t.what().get();
        lines.push(w::HELP_TABLE.fill(&[("what", &what), ("section", &t.section())]));
        for (a, what) in t.actions() {
            lines.push(row(keys(*t, *a), what.get()));
        }
    }
    popup(
        th,
        buf,
        area,
        w::HELP_TITLE.get(),
        &lines,
        (scroll, 17),
        None,
    );
}

/// `s` padded to at least `w` display columns.
fn fit_to(s: &str, w: u16, amb2: bool) -> String {
    let sw = width(s, amb2);
    format!("{s}{}", " ".repeat(w.saturating_sub(sw) as usize))
}

/// Where a row the reader did not find was expected (between the rows found around it,
/// with their lines) and what the report printed there instead, if anything.
fn missing_row_lines(app: &App, f: &crate::Finding) -> Vec<String> {
    let Some(c) = f.cells.first().and_then(|k| app.report().cell(k)) else {
        return Vec::new();
    };
    let grids = app.session().grids();
    let Some(g) = grids.iter().find(|g| g.id == c.table) else {
        return Vec::new();
    };
    let cells = &app.report().cells;
    let Some(at) = g.rows.iter().position(|r| cells[r.cells[0]].row == c.row) else {
        return Vec::new();
    };
    let found = |r: &super::app::GridRow| {
        let line = r.cells.iter().find_map(|&i| cells[i].line)?;
        Some((r.short.clone(), line))
    };
    let before = g.rows[..at].iter().rev().find_map(found);
    let after = g.rows[at + 1..].iter().find_map(found);
    let name = |x: &Option<(String, u32)>| {
        x.as_ref()
            .map_or("—".to_string(), |(s, l)| format!("{s}（{l}）"))
    };
    let mut out = vec![w::EXPLAIN_ROW_EXPECTED.fill(&[
        ("row", &c.row_label),
        ("table", &c.table),
        ("before", &name(&before)),
        ("after", &name(&after)),
    ])];
    let lines = app.session().lines();
    let text = &app.report().text;
    let (from, to) = (
        before.as_ref().map_or(0, |b| b.1 as usize),
        after.as_ref().map_or(0, |a| a.1 as usize - 1),
    );
    // a line printed between the rows found around it stands in for the row
    let between = (from..to).find(|&l| {
        lines.get(l).is_some_and(|&(a, b)| {
            text[a..b]
                .chars()
                .any(|ch| !ch.is_whitespace() && ch != '|')
        })
    });
    match between {
        Some(l) => {
            let (a, b) = lines[l];
            let printed = fit_end(text[a..b].trim(), 40, false);
            out.push(w::EXPLAIN_ROW_INSTEAD.fill(&[("row", &printed), ("line", &(l + 1))]));
        }
        None => out.push(w::EXPLAIN_ROW_NOT_PRINTED.get().into()),
    }
    out
}

pub fn explain_lines(app: &App) -> Vec<String> {
    let mut out = Vec::new();
    let findings: Vec<usize> = if app.focus() == Pane::Findings {
        app.findings()
            .get(app.finding_sel())
            .map(|_| vec![app.finding_sel()])
            .unwrap_or_default()
    } else {
        app.selected()
            .map(|i| app.session().cell_findings()[i].clone())
            .unwrap_or_default()
    };
    if findings.is_empty() {
        out.push(w::EXPLAIN_NONE.get().into());
        return out;
    }
    for fi in findings {
        let f = &app.findings()[fi];
        out.push(format!("{} ({})", f.rule, severity_name(f.severity)));
        if let Some(r) = crate::check::rules::rule(f.rule) {
            out.push(w::EXPLAIN_RULE.fill(&[("formula", &w::formula(r))]));
        }
        out.push(format!("  {}", f.message));
        out.extend(super::audit::explain_disposition(f));
        if let (Some(e), Some(a)) = (&f.expected, &f.actual) {
            out.push(w::EXPLAIN_SIDES.fill(&[("e", e), ("a", a)]));
        }
        match &f.fix {
            Some(x) => out.push(w::EXPLAIN_FIX.fill(&[("cell", &x.cell), ("value", &x.value)])),
            None if f.severity == Severity::Error => out.push(w::EXPLAIN_NO_FIX.get().into()),
            None => {}
        }
        if f.rule == "PARSE-ROW-MISSING" {
            out.extend(missing_row_lines(app, f));
        }
        let mut lines: Vec<u32> = f
            .cells
            .iter()
            .filter_map(|k| app.report().cell(k).and_then(|c| c.line))
            .collect();
        lines.extend(f.line);
        lines.sort();
        lines.dedup();
        let bar = if th_ascii(app) { "|" } else { "│" };
        for l in lines.iter().take(6) {
            if let Some(&(a, b)) = app.session().lines().get(*l as usize - 1) {
                out.push(format!("  {:>5} {bar} {}", l, &app.report().text[a..b]));
            }
        }
        out.push(String::new());
    }
    out
}

/// Whether borders are drawn in ASCII (asked for, or box-drawing characters wide).
fn th_ascii(app: &App) -> bool {
    app.settings().ascii_borders || app.settings().ambiguous_width == 2
}

fn draw_explain(app: &App, th: &Theme, buf: &mut Buffer, area: Rect, scroll: usize) {
    let title = w::EXPLAIN_TITLE.get();
    popup(th, buf, area, title, &explain_lines(app), (scroll, 4), None);
}

/// A stale correction: what it was, what the cell reads now, re-confirm or drop.
fn draw_stale(app: &App, th: &Theme, buf: &mut Buffer, area: Rect, cell: usize, sel: usize) {
    let show =
        |v: Option<crate::model::num::Num>| v.map_or(w::MISSING.get().into(), |n| n.to_string());
    let c = &app.report().cells[cell];
    let Some(st) = app.session().stale_at(cell) else {
        return;
    };
    let lines = vec![
        w::STALE_CHANGED.fill(&[("key", &c.key), ("seq", &st.seq)]),
        w::STALE_SET.fill(&[
            ("then", &show(st.then)),
            ("new", &show(st.new)),
            ("now", &show(c.value)),
        ]),
        w::STALE_RECONFIRM.fill(&[("v", &show(st.new))]),
        w::STALE_DROP.fill(&[("v", &show(c.value))]),
    ];
    let title = w::STALE_TITLE.get();
    popup(th, buf, area, title, &lines, (0, 2), Some(sel + 2));
}

fn draw_pick(
    app: &App,
    th: &Theme,
    buf: &mut Buffer,
    area: Rect,
    cells: &[usize],
    cands: &[Vec<crate::model::num::Num>],
    sel: usize,
) {
    let mut lines = vec![w::PICK_INTRO.fill(&[("n", &cands.len())])];
    let heads: Vec<&str> = cells
        .iter()
        .map(|&i| app.report().cells[i].column.short)
        .collect();
    lines.push(format!(
        "    {}",
        heads
            .iter()
            .map(|h| format!(" {}", fit(h, 7, true, th.amb2)))
            .collect::<String>()
    ));
    for (k, c) in cands.iter().enumerate() {
        lines.push(format!(
            "{:>2}. {}",
            k + 1,
            c.iter()
                .map(|v| fit(&v.to_string(), 8, true, false))
                .collect::<String>()
        ));
    }
    let title = w::PICK_TITLE.get();
    popup(th, buf, area, title, &lines, (0, 2), Some(sel + 2));
}
