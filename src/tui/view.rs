//! `view(&App, &mut Frame)`: draws the state, never changes it. It reads the state
//! through `App`'s accessors, the panes' places from [`super::layout`], the year
//! diff as the lines `App` keeps, and the hint line from the action registry.

use super::action::Action;
use super::action::{Hint, HintAt, Table};
use super::app::{App, Input, Mode, Pane, Status};
use super::diffview::Seg;
use super::draw::{fit, put, put_units, units, width, Unit};
use super::layout::layout;
use crate::check::dispose;
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
    fn rule(&self) -> &'static str {
        if self.ascii {
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
    let msg = super::says::TOO_SMALL.fill(&[
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
                "They are safe in the journal and come back when you reopen.".to_string()
            } else {
                format!(
                    "{lost} of them are NOT in the journal: quitting without writing loses them."
                )
            };
            let lines = vec![
                format!(
                    "{} corrections are not written to the corrections file.",
                    app.unsaved()
                ),
                safe,
                String::new(),
                format!(
                    "{}  write and quit    {}  quit    esc  stay",
                    key(Action::Write),
                    key(Action::Quit)
                ),
            ];
            popup(
                th,
                buf,
                area,
                super::says::QUIT_TITLE.get(),
                &lines,
                0,
                None,
            );
        }
        _ => {}
    }
}

fn pane_title(th: &Theme, buf: &mut Buffer, r: Rect, text: &str, focused: bool) {
    let line = th.rule().repeat(r.width as usize);
    put(buf, r.x, r.y, r.width, &line, th.dim(), false);
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

fn draw_title(app: &App, th: &Theme, buf: &mut Buffer, r: Rect) {
    let rep = &app.report();
    let (errors, warnings, dismissed) = counts(app);
    let mut s = format!(
        "nianbao  {}  {} format · {} {} · {} errors {} warnings",
        app.session().title(),
        rep.meta.template.map_or("no", |t| t.id()),
        rep.meta.agency.as_deref().unwrap_or("?"),
        rep.meta.year.map_or("?".into(), |y| y.to_string()),
        errors,
        warnings
    );
    s.push_str(&marks_title(app, dismissed));
    if app.session().read_only().is_some() {
        s.push_str(" · READ-ONLY");
    }
    let n = app.unsaved();
    if n > 0 {
        s.push_str(&format!(" · +{n} unwritten"));
    }
    let lost = app.session().unjournaled().len();
    if lost > 0 {
        s.push_str(&format!(" · {lost} NOT IN THE JOURNAL"));
    }
    if let Some(p) = app.filed_in() {
        s.push_str(&format!(" · corrections in {p}"));
    }
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

/// Errors and warnings that count (not dismissed), and the dismissed findings.
fn counts(app: &App) -> (usize, usize, usize) {
    let fs = app.findings();
    let errors = fs.iter().filter(|f| dispose::counts(f)).count();
    let dismissed = fs.iter().filter(|f| dispose::dismissed(f)).count();
    (errors, fs.len() - errors - dismissed, dismissed)
}

/// The dismissed findings and the review state, for the title line.
fn marks_title(app: &App, dismissed: usize) -> String {
    let mut s = String::new();
    if dismissed > 0 {
        let n = super::says::DISMISSED_COUNT.fill(&[("count", &dismissed)]);
        s.push_str(&format!(" · {n}"));
    }
    let r = &app.report().marks.review;
    let state = match (&r.reviewed, &r.signed_off) {
        (_, Some(m)) => super::says::STATE_SIGNED_OFF.fill(&[("reviewer", &m.reviewer)]),
        (Some(m), None) => super::says::STATE_REVIEWED.fill(&[("reviewer", &m.reviewer)]),
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
        let none = "this table was not found in the report";
        put(buf, r.x + 2, r.y + 2, r.width - 2, none, th.dim(), false);
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

/// Wrapped rows of the text from line `top`, at most `height` of them.
fn raw_rows(app: &App, amb2: bool, top: usize, height: usize, text_w: u16) -> Vec<RawRow> {
    let lines = app.session().lines();
    let text = &app.report().text;
    let mut rows = Vec::new();
    let mut line = top;
    while rows.len() < height && line < lines.len() {
        let (a, b) = lines[line];
        let us = units(&text[a..b], amb2, 0);
        let mut start = 0;
        let mut first = true;
        loop {
            let mut w = 0;
            let mut end = start;
            while end < us.len() && w + us[end].width <= text_w {
                w += us[end].width;
                end += 1;
            }
            let shifted = us[start..end]
                .iter()
                .map(|u| Unit {
                    at: u.at + a,
                    ..u.clone()
                })
                .collect();
            rows.push((line, first, shifted));
            first = false;
            if end >= us.len() || rows.len() >= height {
                break;
            }
            start = end.max(start + 1);
        }
        line += 1;
    }
    rows
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
    let title = format!("report text · line {} of {}", app.raw_line() + 1, total);
    pane_title(th, buf, r, &title, app.focus() == Pane::Raw);
    let num_w = total.to_string().len() as u16 + 1;
    let text_w = r.width.saturating_sub(num_w + 1).max(1);
    let height = r.height.saturating_sub(1) as usize;
    let sel_span = app.selected().and_then(|i| app.report().cells[i].span);
    // lay out wrapped rows from the top; start later if the current line would not show
    let mut rows = raw_rows(app, th.amb2, app.raw_top(), height, text_w);
    if !rows.iter().any(|r| r.0 == app.raw_line()) {
        let top = app.raw_line().saturating_sub(1);
        rows = raw_rows(app, th.amb2, top, height, text_w);
    }
    for (k, (line, first, us)) in rows.iter().enumerate() {
        let y = r.y + 1 + k as u16;
        if *first {
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
    let (errors, warnings, dismissed) = counts(app);
    pane_title(
        th,
        buf,
        r,
        &format!(
            "findings · {} errors · {} warnings{}",
            errors,
            warnings,
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
            "no findings: every identity holds",
            th.dim(),
            false,
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
            .map(|x| format!("  → fix {} = {}", x.cell, x.value))
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

/// Returns where the terminal cursor goes (the caret of an input).
fn draw_status(app: &App, th: &Theme, buf: &mut Buffer, r: Rect) -> Option<(u16, u16)> {
    // line 1: the selected cell
    if let Some(i) = app.selected() {
        let c = &app.report().cells[i];
        let line = c.line.map(|l| format!(" · line {l}")).unwrap_or_default();
        let s = format!(
            "{}  {} · {} = {} ({}, {}){}",
            c.key,
            c.row_label,
            c.column.label,
            c.value.map_or("—".into(), |v| v.to_string()),
            c.origin.name(),
            app.status()[i].name(),
            line
        );
        put(buf, r.x, r.y, r.width, &s, Style::default(), th.amb2);
    }
    let line2 = Rect::new(r.x, r.y + 1, r.width, 1);
    let (label, input) = match app.mode() {
        Mode::Edit { cell, input } => {
            let c = &app.report().cells[*cell];
            let was = c.value.map_or("missing".into(), |v| v.to_string());
            let label = format!("new value for {} (was {was}; empty = missing): ", c.key);
            (label, input)
        }
        Mode::Reason { changes, input } => {
            let label = format!("reason for {} change(s) (optional): ", changes.len());
            (label, input)
        }
        Mode::Search { input } => ("search: /".to_string(), input),
        Mode::Dismiss { key, input } => {
            let rule = key.split([':', '@']).next().unwrap_or(key);
            (super::says::DISMISS_PROMPT.fill(&[("rule", &rule)]), input)
        }
        Mode::Note { cell, input } => {
            let key = &app.report().cells[*cell].key;
            (super::says::NOTE_PROMPT.fill(&[("cell", key)]), input)
        }
        Mode::Goto { input } => ("go to line: ".to_string(), input),
        _ => {
            draw_message(app, th, buf, line2);
            return None;
        }
    };
    Some(draw_prompt(th, buf, line2, &label, input))
}

/// A prompt and its input (reversed while selected); returns where the caret is.
fn draw_prompt(th: &Theme, buf: &mut Buffer, r: Rect, label: &str, input: &Input) -> (u16, u16) {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let lw = put(buf, r.x, r.y, r.width, label, bold, th.amb2);
    let underlined = if input.selected {
        Style::default().add_modifier(Modifier::REVERSED)
    } else {
        Style::default().add_modifier(Modifier::UNDERLINED)
    };
    let rest = r.width.saturating_sub(lw);
    put(buf, r.x + lw, r.y, rest, &input.buf, underlined, th.amb2);
    let before: String = input.buf.chars().take(input.caret).collect();
    ((r.x + lw + width(&before, th.amb2)).min(r.right() - 1), r.y)
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
            "no findings on this cell".to_string()
        } else {
            fs.join("  ")
        };
        if let Some(n) = app.report().marks.note(&app.report().cells[i].key) {
            let note = super::says::NOTE.fill(&[("reviewer", &n.reviewer), ("text", &n.text)]);
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

/// The hint line: keys that work here, from the active keymap, labelled by the
/// action registry; an action without a key is left out.
pub fn hints(app: &App) -> String {
    let at = hint_at(app);
    let table = at.table();
    at.hints()
        .iter()
        .filter_map(|h| match *h {
            Hint::Key(a) => first_key(app, table, a).map(|k| format!("{k} {}", a.label())),
            Hint::Keys(acts, label) => {
                let keys: Option<Vec<String>> =
                    acts.iter().map(|&a| first_key(app, table, a)).collect();
                keys.map(|k| format!("{} {label}", k.join("/")))
            }
            Hint::Text(t) => Some(t.to_string()),
        })
        .collect::<Vec<_>>()
        .join(" · ")
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
        None => super::diffview::words::TITLE.to_string(),
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
                &format!("refused: {e}"),
                st,
                th.amb2,
            );
            return;
        }
    }
    put(buf, r.x, r.y, r.width, &hints(app), th.dim(), false);
}

fn popup(
    th: &Theme,
    buf: &mut Buffer,
    area: Rect,
    title: &str,
    lines: &[String],
    scroll: usize,
    sel: Option<usize>,
) {
    let w = (lines.iter().map(|l| width(l, th.amb2)).max().unwrap_or(10) + 4)
        .clamp(30, area.width.saturating_sub(4));
    let h = (lines.len() as u16 + 2).min(area.height.saturating_sub(2));
    let x = area.x + (area.width - w) / 2;
    let y = area.y + (area.height - h) / 2;
    let (hz, vt, c) = if th.ascii {
        ("-", "|", "+")
    } else {
        ("─", "│", "+")
    };
    for yy in y..y + h {
        for xx in x..x + w {
            let cell = &mut buf[(xx, yy)];
            cell.reset();
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
    let scroll = scroll.min(lines.len().saturating_sub(inner));
    for k in 0..inner {
        let yy = y + 1 + k as u16;
        put(buf, x, yy, 1, vt, Style::default(), false);
        put(buf, x + w - 1, yy, 1, vt, Style::default(), false);
        if let Some(l) = lines.get(scroll + k) {
            let st = if sel == Some(scroll + k) {
                th.selected()
            } else {
                Style::default()
            };
            put(buf, x + 2, yy, w - 4, l, st, th.amb2);
        }
    }
}

fn draw_help(app: &App, th: &Theme, buf: &mut Buffer, area: Rect, scroll: usize) {
    let mut lines = vec![
        "Keys of the active keymap (nianbao --print-keymap prints it):".to_string(),
        String::new(),
    ];
    let keys = |t: Table, a: Action| -> String {
        let keys: Vec<String> = app
            .keymap()
            .keys_in(t, a)
            .iter()
            .map(|k| k.to_string())
            .collect();
        if keys.is_empty() {
            "(unbound)".to_string()
        } else {
            keys.join(" ")
        }
    };
    for a in Action::ALL {
        lines.push(format!("{:<16} {}", keys(Table::Normal, *a), a.help()));
    }
    lines.push(format!("{:<16} {}", "esc", "cancel / close (always)"));
    lines.push(String::new());
    lines.push("Cell marks: ! error (the cell to fix)  . in a failing identity  ? warning  # ambiguous  ~ inferred  * corrected  -- missing".into());
    for t in &Table::ALL[1..] {
        lines.push(String::new());
        lines.push(format!("{} [{}]:", t.what(), t.section()));
        for (a, what) in t.actions() {
            lines.push(format!("{:<16} {what}", keys(*t, *a)));
        }
    }
    popup(th, buf, area, "help", &lines, scroll, None);
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
        out.push("No findings here: every rule that reads this cell holds.".into());
        return out;
    }
    for fi in findings {
        let f = &app.findings()[fi];
        out.push(format!("{} ({})", f.rule, f.severity.name()));
        if let Some(r) = crate::check::rules::rule(f.rule) {
            out.push(format!("  rule: {}", r.formula));
        }
        out.push(format!("  {}", f.message));
        out.extend(super::audit::explain_disposition(f));
        if let (Some(e), Some(a)) = (&f.expected, &f.actual) {
            out.push(format!("  one side: {e}   other side: {a}"));
        }
        match &f.fix {
            Some(x) => out.push(format!(
                "  fix: set {} to {} (the one cell that satisfies every failing identity)",
                x.cell, x.value
            )),
            None if f.severity == Severity::Error => {
                out.push("  no single cell change satisfies every failing identity".into())
            }
            None => {}
        }
        let mut lines: Vec<u32> = f
            .cells
            .iter()
            .filter_map(|k| app.report().cell(k).and_then(|c| c.line))
            .collect();
        lines.extend(f.line);
        lines.sort();
        lines.dedup();
        for l in lines.iter().take(6) {
            if let Some(&(a, b)) = app.session().lines().get(*l as usize - 1) {
                out.push(format!("  {:>5} │ {}", l, &app.report().text[a..b]));
            }
        }
        out.push(String::new());
    }
    out
}

fn draw_explain(app: &App, th: &Theme, buf: &mut Buffer, area: Rect, scroll: usize) {
    popup(th, buf, area, "explain", &explain_lines(app), scroll, None);
}

/// A stale correction: what it was, what the cell reads now, re-confirm or drop.
fn draw_stale(app: &App, th: &Theme, buf: &mut Buffer, area: Rect, cell: usize, sel: usize) {
    let show = |v: Option<crate::model::num::Num>| v.map_or("missing".into(), |n| n.to_string());
    let c = &app.report().cells[cell];
    let Some(st) = app.session().stale_at(cell) else {
        return;
    };
    let lines = vec![
        format!(
            "{}: the report changed under trail entry {}.",
            c.key, st.seq
        ),
        format!(
            "It set {} → {}; the cell now reads {}.",
            show(st.then),
            show(st.new),
            show(c.value)
        ),
        format!("re-confirm: set {} again", show(st.new)),
        format!("drop: keep {} as the report now reads", show(c.value)),
    ];
    popup(th, buf, area, "stale correction", &lines, 0, Some(sel + 2));
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
    let mut lines = vec![format!(
        "The digits of this row run together; readings the identities allow ({}):",
        cands.len()
    )];
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
    popup(th, buf, area, "pick a reading", &lines, 0, Some(sel + 2));
}
