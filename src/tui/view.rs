//! `view(&App, &mut Frame)`: draws the state, never changes it.

use super::action::Action;
use super::app::{App, Mode, Pane, Status};
use super::draw::{fit, put, put_units, units, width};
use crate::model::Severity;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::Frame;

pub const MIN_W: u16 = 60;
pub const MIN_H: u16 = 16;

#[derive(Debug, Clone, Copy, Default)]
pub struct Layout {
    pub title: Rect,
    pub tables: Option<Rect>,
    pub raw: Option<Rect>,
    pub findings: Option<Rect>,
    pub status: Rect,
    pub hint: Rect,
    pub too_small: bool,
}

pub fn visible_panes(app: &App) -> Vec<Pane> {
    let l = layout(app, Rect::new(0, 0, app.size.0, app.size.1));
    let mut v = Vec::new();
    if l.tables.is_some() {
        v.push(Pane::Tables);
    }
    if l.raw.is_some() {
        v.push(Pane::Raw);
    }
    if l.findings.is_some() {
        v.push(Pane::Findings);
    }
    if app.zoom {
        // zoomed: Tab still moves focus between the panes there would be
        v = vec![Pane::Tables];
        if app.show_raw {
            v.push(Pane::Raw);
        }
        if app.show_findings {
            v.push(Pane::Findings);
        }
    }
    v
}

/// Where each pane goes: three columns' worth at 160 columns, stacked below that.
pub fn layout(app: &App, area: Rect) -> Layout {
    let mut l = Layout::default();
    if area.width < MIN_W || area.height < MIN_H {
        l.too_small = true;
        return l;
    }
    let (x, y, w, h) = (area.x, area.y, area.width, area.height);
    l.title = Rect::new(x, y, w, 1);
    l.hint = Rect::new(x, y + h - 1, w, 1);
    l.status = Rect::new(x, y + h - 3, w, 2);
    let body = Rect::new(x, y + 1, w, h - 4);
    if app.zoom {
        let r = Some(body);
        match app.focus {
            Pane::Tables => l.tables = r,
            Pane::Raw => l.raw = r,
            Pane::Findings => l.findings = r,
        }
        return l;
    }
    let findings_h = if app.show_findings {
        (body.height / 4).clamp(4, 12)
    } else {
        0
    };
    if w >= 160 {
        let (left, right) = if app.show_raw {
            let lw = w * 9 / 20;
            (
                Some(Rect::new(x, body.y, lw, body.height)),
                Rect::new(x + lw + 1, body.y, w - lw - 1, body.height),
            )
        } else {
            (None, body)
        };
        l.raw = left;
        l.tables = Some(Rect::new(
            right.x,
            right.y,
            right.width,
            right.height - findings_h,
        ));
        if findings_h > 0 {
            l.findings = Some(Rect::new(
                right.x,
                right.y + right.height - findings_h,
                right.width,
                findings_h,
            ));
        }
    } else {
        let raw_h = if app.show_raw {
            (body.height / 3).clamp(4, 14)
        } else {
            0
        };
        let tables_h = body.height - raw_h - findings_h;
        l.tables = Some(Rect::new(x, body.y, w, tables_h));
        if raw_h > 0 {
            l.raw = Some(Rect::new(x, body.y + tables_h, w, raw_h));
        }
        if findings_h > 0 {
            l.findings = Some(Rect::new(x, body.y + tables_h + raw_h, w, findings_h));
        }
    }
    l
}

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
        color: app.settings.color,
        amb2: app.settings.ambiguous_width == 2,
        ascii: app.settings.ascii_borders,
    };
    let l = layout(app, area);
    let buf = f.buffer_mut();
    if l.too_small {
        let msg = format!(
            "terminal too small: {}×{}; nianbao needs at least {MIN_W}×{MIN_H}",
            area.width, area.height
        );
        for (i, chunk) in msg.split("; ").enumerate() {
            let y = area.y + area.height / 2 + i as u16;
            if y < area.bottom() {
                put(
                    buf,
                    area.x,
                    y.saturating_sub(1),
                    area.width,
                    chunk,
                    Style::default(),
                    false,
                );
            }
        }
        return;
    }
    draw_title(app, &th, buf, l.title);
    if app.diff_view {
        let body = Rect::new(
            area.x,
            area.y + 1,
            area.width,
            area.height.saturating_sub(4),
        );
        draw_diff(app, &th, buf, body);
    } else if let Some(r) = l.tables {
        draw_tables(app, &th, buf, r);
    }
    if !app.diff_view {
        if let Some(r) = l.raw {
            draw_raw(app, &th, buf, r);
        }
        if let Some(r) = l.findings {
            draw_findings(app, &th, buf, r);
        }
    }
    let cursor = draw_status(app, &th, buf, l.status);
    draw_hint(app, &th, buf, l.hint);
    match &app.mode {
        Mode::Help { scroll } => draw_help(app, &th, buf, area, *scroll),
        Mode::Explain { scroll } => draw_explain(app, &th, buf, area, *scroll),
        Mode::Pick { cands, sel, cells } => draw_pick(app, &th, buf, area, cells, cands, *sel),
        Mode::ConfirmQuit => {
            let lines = vec![
                format!(
                    "{} corrections are not written to the corrections file.",
                    app.unsaved()
                ),
                "They are safe in the journal and come back when you reopen.".to_string(),
                String::new(),
                "w  write and quit    q  quit    esc  stay".to_string(),
            ];
            popup(&th, buf, area, "quit?", &lines, 0, None);
        }
        _ => {}
    }
    if let Some(c) = cursor {
        f.set_cursor_position(c);
    }
}

fn pane_title(th: &Theme, buf: &mut ratatui::buffer::Buffer, r: Rect, text: &str, focused: bool) {
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

fn draw_title(app: &App, th: &Theme, buf: &mut ratatui::buffer::Buffer, r: Rect) {
    let rep = &app.report;
    let errors = app
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = app.findings.len() - errors;
    let mut s = format!(
        "nianbao  {}  {} format · {} {} · {} errors {} warnings",
        app.title,
        rep.meta.template.map_or("no", |t| t.id()),
        rep.meta.agency.as_deref().unwrap_or("?"),
        rep.meta.year.map_or("?".into(), |y| y.to_string()),
        errors,
        warnings
    );
    if app.readonly.is_some() {
        s.push_str(" · READ-ONLY");
    }
    let n = app.unsaved();
    if n > 0 {
        s.push_str(&format!(" · +{n} unwritten"));
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

fn cell_text(app: &App, i: usize) -> String {
    let c = &app.report.cells[i];
    match (c.value, app.status[i]) {
        (Some(v), _) => v.to_string(),
        (None, Status::Ambiguous) => "??".into(),
        (None, _) => "--".into(),
    }
}

fn draw_tables(app: &App, th: &Theme, buf: &mut ratatui::buffer::Buffer, r: Rect) {
    let g = app.grid();
    let names: Vec<String> = app.grids.iter().map(|g| g.id.to_string()).collect();
    let tabs: String = names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            if i == app.table {
                format!("[{n}]")
            } else {
                format!(" {n} ")
            }
        })
        .collect();
    pane_title(
        th,
        buf,
        r,
        &format!("{} {}  {}", g.id, g.title, tabs),
        app.focus == Pane::Tables,
    );
    if g.rows.is_empty() {
        put(
            buf,
            r.x + 2,
            r.y + 2,
            r.width - 2,
            "this table was not found in the report",
            th.dim(),
            false,
        );
        return;
    }
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
    let col_off = if (app.col as u16) >= vis_cols {
        app.col as u16 + 1 - vis_cols
    } else {
        0
    };
    let body_h = r.height.saturating_sub(2) as usize;
    let row_off = if app.row >= body_h {
        app.row + 1 - body_h
    } else {
        0
    };
    // column heads: those of the selected row (t2's rows differ)
    let sel_row = &g.rows[app.row.min(g.rows.len() - 1)];
    let y = r.y + 1;
    let more_left = if col_off > 0 { "<" } else { " " };
    put(buf, r.x, y, label_w, more_left, th.dim(), false);
    for vc in 0..vis_cols {
        let c = (col_off + vc) as usize;
        let head = sel_row
            .cells
            .get(c)
            .map(|&i| app.report.cells[i].column.short)
            .unwrap_or("");
        put(
            buf,
            r.x + label_w + vc * cw,
            y,
            cw,
            &fit(head, cw - 1, true, th.amb2),
            th.dim(),
            th.amb2,
        );
    }
    if col_off + vis_cols < ncols {
        put(buf, r.right() - 1, y, 1, ">", th.dim(), false);
    }
    for (vi, row) in g.rows.iter().enumerate().skip(row_off).take(body_h) {
        let y = r.y + 2 + (vi - row_off) as u16;
        let is_sel_row = vi == app.row;
        let lst = if is_sel_row && app.focus == Pane::Tables {
            Style::default().add_modifier(Modifier::BOLD)
        } else {
            Style::default()
        };
        put(
            buf,
            r.x,
            y,
            label_w - 1,
            &fit(&row.short, label_w - 1, false, th.amb2),
            lst,
            th.amb2,
        );
        for vc in 0..vis_cols {
            let c = (col_off + vc) as usize;
            let Some(&i) = row.cells.get(c) else { continue };
            let st = app.status[i];
            let text = format!(
                "{}{}",
                st.mark(),
                fit(&cell_text(app, i), cw - 2, true, false)
            );
            let mut style = th.status(st);
            if is_sel_row && c == app.col {
                style = style.patch(th.selected());
            }
            put(buf, r.x + label_w + vc * cw, y, cw - 1, &text, style, false);
        }
    }
}

fn draw_raw(app: &App, th: &Theme, buf: &mut ratatui::buffer::Buffer, r: Rect) {
    let total = app.lines.len();
    pane_title(
        th,
        buf,
        r,
        &format!("report text · line {} of {}", app.raw_line + 1, total),
        app.focus == Pane::Raw,
    );
    let num_w = total.to_string().len() as u16 + 1;
    let text_w = r.width.saturating_sub(num_w + 1).max(1);
    let height = r.height.saturating_sub(1) as usize;
    let sel_span = app.selected().and_then(|i| app.report.cells[i].span);
    let text = &app.report.text;
    // lay out wrapped rows from `top`; start later if the current line would not show
    let rows_from = |top: usize| -> Vec<(usize, usize, Vec<super::draw::Unit>)> {
        let mut rows = Vec::new();
        let mut line = top;
        while rows.len() < height && line < total {
            let (a, b) = app.lines[line];
            let us = units(&text[a..b], th.amb2, 0);
            let mut start = 0;
            let mut first = true;
            loop {
                let mut w = 0;
                let mut end = start;
                while end < us.len() && w + us[end].width <= text_w {
                    w += us[end].width;
                    end += 1;
                }
                rows.push((
                    line,
                    if first { 1 } else { 0 },
                    us[start..end]
                        .iter()
                        .map(|u| super::draw::Unit {
                            at: u.at + a,
                            ..u.clone()
                        })
                        .collect(),
                ));
                first = false;
                if end >= us.len() || rows.len() >= height {
                    break;
                }
                start = end.max(start + 1);
            }
            line += 1;
        }
        rows
    };
    let mut rows = rows_from(app.raw_top);
    if !rows.iter().any(|r| r.0 == app.raw_line) {
        rows = rows_from(app.raw_line.saturating_sub(1));
    }
    let current = app
        .search
        .current
        .and_then(|c| app.search.matches.get(c))
        .copied();
    for (k, (line, first, us)) in rows.iter().enumerate() {
        let y = r.y + 1 + k as u16;
        if *first == 1 {
            let st = if *line == app.raw_line {
                Style::default().add_modifier(Modifier::BOLD)
            } else {
                th.dim()
            };
            put(
                buf,
                r.x,
                y,
                num_w,
                &format!("{:>w$}", line + 1, w = num_w as usize - 1),
                st,
                false,
            );
        }
        let style_at = |u: &super::draw::Unit| -> Style {
            let mut s = Style::default();
            if u.placeholder {
                s = th.dim().add_modifier(Modifier::ITALIC);
            }
            if let Some((sa, sb)) = sel_span {
                if u.at >= sa && u.at < sb {
                    return th.selected();
                }
            }
            if let Some((ma, mb)) = current {
                if u.at >= ma && u.at < mb {
                    return s.add_modifier(Modifier::REVERSED);
                }
            }
            if app
                .search
                .matches
                .iter()
                .any(|&(ma, mb)| u.at >= ma && u.at < mb)
            {
                s = s.add_modifier(Modifier::UNDERLINED);
            }
            s
        };
        put_units(buf, r.x + num_w + 1, y, text_w, us, &style_at);
    }
}

fn draw_findings(app: &App, th: &Theme, buf: &mut ratatui::buffer::Buffer, r: Rect) {
    let errors = app
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    pane_title(
        th,
        buf,
        r,
        &format!(
            "findings · {} errors · {} warnings",
            errors,
            app.findings.len() - errors
        ),
        app.focus == Pane::Findings,
    );
    let h = r.height.saturating_sub(1) as usize;
    if app.findings.is_empty() {
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
    let top = if app.finding_sel >= h {
        app.finding_sel + 1 - h
    } else {
        0
    };
    for (i, f) in app.findings.iter().enumerate().skip(top).take(h) {
        let y = r.y + 1 + (i - top) as u16;
        let mark = if f.severity == Severity::Error {
            '!'
        } else {
            '?'
        };
        let fix = f
            .fix
            .as_ref()
            .map(|x| format!("  → fix {} = {}", x.cell, x.value))
            .unwrap_or_default();
        let text = format!("{mark} {:<17} {}{}", f.rule, f.message, fix);
        let mut st = th.sev(f.severity);
        if i == app.finding_sel && app.focus == Pane::Findings {
            st = st.patch(th.selected());
        }
        put(buf, r.x, y, r.width, &text, st, th.amb2);
    }
}

/// Returns where the terminal cursor goes (the caret of an input).
fn draw_status(
    app: &App,
    th: &Theme,
    buf: &mut ratatui::buffer::Buffer,
    r: Rect,
) -> Option<(u16, u16)> {
    // line 1: the selected cell
    if let Some(i) = app.selected() {
        let c = &app.report.cells[i];
        let line = c.line.map(|l| format!(" · line {l}")).unwrap_or_default();
        let s = format!(
            "{}  {} · {} = {} ({}, {}){}",
            c.key,
            c.row_label,
            c.column.label,
            c.value.map_or("—".into(), |v| v.to_string()),
            c.origin.name(),
            app.status[i].name(),
            line
        );
        put(buf, r.x, r.y, r.width, &s, Style::default(), th.amb2);
    }
    let y = r.y + 1;
    let prompt = |label: &str,
                  input: &super::app::Input,
                  buf: &mut ratatui::buffer::Buffer|
     -> Option<(u16, u16)> {
        let lw = put(
            buf,
            r.x,
            y,
            r.width,
            label,
            Style::default().add_modifier(Modifier::BOLD),
            th.amb2,
        );
        put(
            buf,
            r.x + lw,
            y,
            r.width.saturating_sub(lw),
            &input.buf,
            Style::default().add_modifier(Modifier::UNDERLINED),
            th.amb2,
        );
        let before: String = input.buf.chars().take(input.caret).collect();
        Some(((r.x + lw + width(&before, th.amb2)).min(r.right() - 1), y))
    };
    match &app.mode {
        Mode::Edit { cell, input } => {
            let c = &app.report.cells[*cell];
            let was = c.value.map_or("missing".into(), |v| v.to_string());
            return prompt(
                &format!("new value for {} (was {was}; empty = missing): ", c.key),
                input,
                buf,
            );
        }
        Mode::Reason { changes, input } => {
            return prompt(
                &format!("reason for {} change(s) (optional): ", changes.len()),
                input,
                buf,
            )
        }
        Mode::Search { input } => return prompt("search: /", input, buf),
        Mode::Goto { input } => return prompt("go to line: ", input, buf),
        _ => {}
    }
    if let Some((m, err)) = &app.message {
        let st = if *err {
            th.sev(Severity::Error)
        } else {
            Style::default()
        };
        put(buf, r.x, y, r.width, m, st, th.amb2);
    } else if let Some(i) = app.selected() {
        let fs: Vec<String> = app.cell_findings[i]
            .iter()
            .map(|&fi| {
                let f = &app.findings[fi];
                format!(
                    "{} {}",
                    if f.severity == Severity::Error {
                        '!'
                    } else {
                        '?'
                    },
                    f.rule
                )
            })
            .collect();
        let s = if fs.is_empty() {
            "no findings on this cell".to_string()
        } else {
            fs.join("  ")
        };
        put(buf, r.x, y, r.width, &s, th.dim(), false);
    }
    None
}

/// The hint line: keys that work here, from the active keymap.
pub fn hints(app: &App) -> String {
    let key = |a: Action| app.keymap.keys_for(a).first().map(|k| k.to_string());
    if app.diff_view && app.mode == Mode::Normal {
        let l = [
            Action::NextChange,
            Action::PrevChange,
            Action::PageDown,
            Action::Diff,
            Action::Help,
            Action::Quit,
        ];
        return l
            .iter()
            .filter_map(|&a| {
                key(a).map(|k| {
                    format!(
                        "{k} {}",
                        match a {
                            Action::NextChange => "next change",
                            Action::PrevChange => "previous change",
                            Action::Diff => "close diff",
                            _ => short_name(a),
                        }
                    )
                })
            })
            .collect::<Vec<_>>()
            .join(" · ")
            + " · esc close";
    }
    let list: &[Action] = match (&app.mode, app.focus) {
        (Mode::Edit { .. }, _) => {
            return "enter confirm · esc cancel · ctrl-u clear · paste works".into()
        }
        (Mode::Reason { .. }, _) => return "enter record the correction · esc cancel".into(),
        (Mode::Search { .. }, _) | (Mode::Goto { .. }, _) => return "enter go · esc cancel".into(),
        (Mode::Pick { .. }, _) => {
            return "up/down choose · enter take this reading · e type a value · esc cancel".into()
        }
        (Mode::Help { .. }, _) | (Mode::Explain { .. }, _) => {
            return "up/down scroll · esc close".into()
        }
        (Mode::ConfirmQuit, _) => return "w write and quit · q quit · esc stay".into(),
        (_, Pane::Tables) if app.prior.is_some() => &[
            Action::Edit,
            Action::Explain,
            Action::NextError,
            Action::Diff,
            Action::NextTable,
            Action::NextPane,
            Action::Undo,
            Action::Write,
            Action::Help,
            Action::Quit,
        ],
        (_, Pane::Tables) => &[
            Action::Edit,
            Action::Explain,
            Action::NextError,
            Action::NextWarning,
            Action::NextTable,
            Action::NextPane,
            Action::Undo,
            Action::Write,
            Action::Help,
            Action::Quit,
        ],
        (_, Pane::Raw) => &[
            Action::Search,
            Action::SearchNext,
            Action::GotoLine,
            Action::NextPane,
            Action::ToggleRaw,
            Action::Help,
            Action::Quit,
        ],
        (_, Pane::Findings) => &[
            Action::Activate,
            Action::Explain,
            Action::Copy,
            Action::NextPane,
            Action::Help,
            Action::Quit,
        ],
    };
    list.iter()
        .filter_map(|&a| key(a).map(|k| format!("{k} {}", short_name(a))))
        .collect::<Vec<_>>()
        .join(" · ")
}

fn short_name(a: Action) -> &'static str {
    match a {
        Action::Edit => "edit",
        Action::Explain => "explain",
        Action::NextError => "next error",
        Action::NextWarning => "next warning",
        Action::NextTable => "table",
        Action::NextPane => "pane",
        Action::Undo => "undo",
        Action::Write => "write",
        Action::Help => "help",
        Action::Quit => "quit",
        Action::Search => "search",
        Action::SearchNext => "next match",
        Action::GotoLine => "go to line",
        Action::ToggleRaw => "hide text",
        Action::Activate => "jump",
        Action::Copy => "copy",
        Action::Diff => "year diff",
        _ => a.name(),
    }
}

fn draw_diff(app: &App, th: &Theme, buf: &mut ratatui::buffer::Buffer, r: Rect) {
    use super::diffview::Seg;
    pane_title(th, buf, r, "year diff", true);
    let lines = super::diffview::lines(app, r.width);
    for (k, l) in lines
        .iter()
        .skip(app.diff_scroll)
        .take(r.height.saturating_sub(1) as usize)
        .enumerate()
    {
        let y = r.y + 1 + k as u16;
        let mut x = r.x;
        for (text, kind) in &l.segs {
            let st = match kind {
                Seg::Plain => Style::default(),
                Seg::Dim => th.dim(),
                Seg::Head => Style::default().add_modifier(Modifier::BOLD),
                Seg::Old if th.color => Style::default()
                    .fg(Color::Red)
                    .add_modifier(Modifier::CROSSED_OUT),
                Seg::Old => Style::default().add_modifier(Modifier::CROSSED_OUT),
                Seg::New if th.color => Style::default()
                    .fg(Color::Green)
                    .add_modifier(Modifier::UNDERLINED),
                Seg::New => Style::default().add_modifier(Modifier::UNDERLINED),
                Seg::Changed if th.color => Style::default()
                    .fg(Color::Yellow)
                    .add_modifier(Modifier::BOLD),
                Seg::Changed => Style::default().add_modifier(Modifier::BOLD),
            };
            x += put(buf, x, y, r.right().saturating_sub(x), text, st, th.amb2);
        }
    }
}

fn draw_hint(app: &App, th: &Theme, buf: &mut ratatui::buffer::Buffer, r: Rect) {
    put(buf, r.x, r.y, r.width, &hints(app), th.dim(), false);
}

fn popup(
    th: &Theme,
    buf: &mut ratatui::buffer::Buffer,
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

fn draw_help(app: &App, th: &Theme, buf: &mut ratatui::buffer::Buffer, area: Rect, scroll: usize) {
    let mut lines = vec![
        "Keys of the active keymap (nianbao --print-keymap prints it):".to_string(),
        String::new(),
    ];
    for a in Action::ALL {
        let keys: Vec<String> = app
            .keymap
            .keys_for(*a)
            .iter()
            .map(|k| k.to_string())
            .collect();
        let k = if keys.is_empty() {
            "(unbound)".to_string()
        } else {
            keys.join(" ")
        };
        lines.push(format!("{:<16} {}", k, a.help()));
    }
    lines.push(format!("{:<16} {}", "esc", "cancel / close (always)"));
    lines.push(String::new());
    lines.push("Cell marks: ! error (the cell to fix)  . in a failing identity  ? warning  # ambiguous  ~ inferred  * corrected  -- missing".into());
    popup(th, buf, area, "help", &lines, scroll, None);
}

pub fn explain_lines(app: &App) -> Vec<String> {
    let mut out = Vec::new();
    let findings: Vec<usize> = if app.focus == Pane::Findings {
        app.findings
            .get(app.finding_sel)
            .map(|_| vec![app.finding_sel])
            .unwrap_or_default()
    } else {
        app.selected()
            .map(|i| app.cell_findings[i].clone())
            .unwrap_or_default()
    };
    if findings.is_empty() {
        out.push("No findings here: every rule that reads this cell holds.".into());
        return out;
    }
    for fi in findings {
        let f = &app.findings[fi];
        out.push(format!("{} ({})", f.rule, f.severity.name()));
        if let Some(r) = crate::check::rules::rule(f.rule) {
            out.push(format!("  rule: {}", r.formula));
        }
        out.push(format!("  {}", f.message));
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
            .filter_map(|k| app.report.cell(k).and_then(|c| c.line))
            .collect();
        lines.extend(f.line);
        lines.sort();
        lines.dedup();
        for l in lines.iter().take(6) {
            if let Some(&(a, b)) = app.lines.get(*l as usize - 1) {
                out.push(format!("  {:>5} │ {}", l, &app.report.text[a..b]));
            }
        }
        out.push(String::new());
    }
    out
}

fn draw_explain(
    app: &App,
    th: &Theme,
    buf: &mut ratatui::buffer::Buffer,
    area: Rect,
    scroll: usize,
) {
    popup(th, buf, area, "explain", &explain_lines(app), scroll, None);
}

fn draw_pick(
    app: &App,
    th: &Theme,
    buf: &mut ratatui::buffer::Buffer,
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
        .map(|&i| app.report.cells[i].column.short)
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
