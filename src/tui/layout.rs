//! Where each pane goes, from the terminal's size and which panes are shown: a small
//! value in, rectangles out, so `update` (paging, keeping a line in view) and `view`
//! (drawing) lay the screen out the same way without knowing each other.

use ratatui::layout::Rect;

pub const MIN_W: u16 = 60;
pub const MIN_H: u16 = 16;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Tables,
    Raw,
    Findings,
}

/// What the layout depends on besides the area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panes {
    pub zoom: bool,
    pub focus: Pane,
    pub show_raw: bool,
    pub show_findings: bool,
}

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

/// The panes Tab moves between, in order.
pub fn visible_panes(p: Panes, area: Rect) -> Vec<Pane> {
    if p.zoom {
        // zoomed: Tab still moves focus between the panes there would be
        let mut v = vec![Pane::Tables];
        if p.show_raw {
            v.push(Pane::Raw);
        }
        if p.show_findings {
            v.push(Pane::Findings);
        }
        return v;
    }
    let l = layout(p, area);
    [
        (l.tables, Pane::Tables),
        (l.raw, Pane::Raw),
        (l.findings, Pane::Findings),
    ]
    .into_iter()
    .filter_map(|(r, pane)| r.map(|_| pane))
    .collect()
}

/// Where each pane goes: three columns' worth at 160 columns, stacked below that.
pub fn layout(p: Panes, area: Rect) -> Layout {
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
    if p.zoom {
        let r = Some(body);
        match p.focus {
            Pane::Tables => l.tables = r,
            Pane::Raw => l.raw = r,
            Pane::Findings => l.findings = r,
        }
        return l;
    }
    let findings_h = if p.show_findings {
        (body.height / 4).clamp(4, 12)
    } else {
        0
    };
    if w >= 160 {
        side_by_side(p, body, findings_h, &mut l);
    } else {
        stacked(p, body, findings_h, &mut l);
    }
    l
}

/// Wide: the text on the left, the tables above the findings on the right.
fn side_by_side(p: Panes, body: Rect, findings_h: u16, l: &mut Layout) {
    let (x, w) = (body.x, body.width);
    let (left, right) = if p.show_raw {
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
}

/// Narrow: tables, text and findings one above the other.
fn stacked(p: Panes, body: Rect, findings_h: u16, l: &mut Layout) {
    let (x, w) = (body.x, body.width);
    let raw_h = if p.show_raw {
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
