//! Putting untrusted text on screen: display widths (CJK two columns, East Asian
//! ambiguous characters one or two as configured), and control characters shown as
//! visible placeholders so no escape sequence in a report ever reaches the terminal.

use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::style::Style;
use unicode_width::UnicodeWidthChar;

/// One thing drawn: a symbol, its width, its byte offset in the source string, and
/// whether it stands for a control character.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    pub sym: char,
    pub width: u16,
    pub at: usize,
    pub placeholder: bool,
}

/// Is this a character that must never be written to a terminal as is?
pub fn is_dangerous(c: char) -> bool {
    c.is_control()
        || ('\u{200B}'..='\u{200F}').contains(&c)
        || ('\u{202A}'..='\u{202E}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
        || c == '\u{FEFF}'
}

fn placeholder(c: char) -> String {
    match c as u32 {
        0..=0x1F => format!("^{}", char::from_u32(c as u32 + 0x40).unwrap()),
        0x7F => "^?".into(),
        n => format!("<{n:X}>"),
    }
}

/// Splits `s` into drawable units; tabs expand to the next multiple of 4 columns
/// counted from `col0`.
pub fn units(s: &str, amb2: bool, col0: u16) -> Vec<Unit> {
    let mut out = Vec::with_capacity(s.len());
    let mut col = col0;
    for (i, c) in s.char_indices() {
        if c == '\t' {
            let w = 4 - (col - col0) % 4;
            for _ in 0..w {
                out.push(Unit {
                    sym: ' ',
                    width: 1,
                    at: i,
                    placeholder: false,
                });
            }
            col += w;
            continue;
        }
        if c == '\r' || c == '\n' {
            continue;
        }
        if is_dangerous(c) {
            let p = placeholder(c);
            for ch in p.chars() {
                out.push(Unit {
                    sym: ch,
                    width: 1,
                    at: i,
                    placeholder: true,
                });
                col += 1;
            }
            continue;
        }
        let w = if amb2 { c.width_cjk() } else { c.width() }.unwrap_or(0) as u16;
        if w == 0 {
            // zero-width marks (rare in these reports) are not drawn on their own
            continue;
        }
        out.push(Unit {
            sym: c,
            width: w,
            at: i,
            placeholder: false,
        });
        col += w;
    }
    out
}

/// Display width of a string as drawn.
pub fn width(s: &str, amb2: bool) -> u16 {
    units(s, amb2, 0).iter().map(|u| u.width).sum()
}

/// Draws units at (x, y) up to `max` columns; returns the columns used. `style_at`
/// gives each unit's style (by its byte offset) so spans can be highlighted.
pub fn put_units(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    max: u16,
    us: &[Unit],
    style_at: &dyn Fn(&Unit) -> Style,
) -> u16 {
    let area = buf.area;
    if y < area.top() || y >= area.bottom() {
        return 0;
    }
    let mut used = 0u16;
    for u in us {
        if used + u.width > max || x + used + u.width > area.right() {
            break;
        }
        let st = style_at(u);
        let cx = x + used;
        let cell = &mut buf[(cx, y)];
        cell.set_char(u.sym);
        cell.set_style(st);
        cell.set_diff_option(CellDiffOption::None);
        if u.width == 2 {
            let ch = u.sym;
            let narrow_by_unicode = ch.width().unwrap_or(1) == 1;
            let next = &mut buf[(cx + 1, y)];
            next.reset();
            next.set_style(st);
            // A character ratatui takes as one column but the terminal draws as two:
            // the next cell must not be written over it.
            next.set_diff_option(if narrow_by_unicode {
                CellDiffOption::Skip
            } else {
                CellDiffOption::None
            });
        }
        used += u.width;
    }
    used
}

/// Draws a plain string.
pub fn put(buf: &mut Buffer, x: u16, y: u16, max: u16, s: &str, style: Style, amb2: bool) -> u16 {
    put_units(buf, x, y, max, &units(s, amb2, 0), &|_| style)
}

/// Pads or cuts a string to exactly `w` display columns (right-aligned when `right`).
pub fn fit(s: &str, w: u16, right: bool, amb2: bool) -> String {
    let us = units(s, amb2, 0);
    let mut out = String::new();
    let mut used = 0;
    for u in &us {
        if used + u.width > w {
            break;
        }
        out.push(u.sym);
        used += u.width;
    }
    let pad = " ".repeat((w - used) as usize);
    if right {
        pad + &out
    } else {
        out + &pad
    }
}

/// `s` cut from the left to at most `w` display columns, `…` standing for what is cut
/// (a path keeps its file name).
pub fn fit_left(s: &str, w: u16, amb2: bool) -> String {
    if width(s, amb2) <= w {
        return s.to_string();
    }
    let us = units(s, amb2, 0);
    let ell = width("…", amb2);
    let mut used = ell;
    let mut start = us.len();
    while start > 0 && used + us[start - 1].width <= w {
        start -= 1;
        used += us[start].width;
    }
    let tail: String = us[start..].iter().map(|u| u.sym).collect();
    format!("…{tail}")
}

/// `s` cut at the end to at most `w` display columns, `…` marking the cut.
pub fn fit_end(s: &str, w: u16, amb2: bool) -> String {
    if width(s, amb2) <= w {
        return s.to_string();
    }
    let cut = fit(s, w.saturating_sub(width("…", amb2)), false, amb2);
    format!("{}…", cut.trim_end())
}

/// Parts joined in order, dropping the least important (`prio` lowest, the last of
/// equals first) until the whole fits `w` columns; parts carry their own separators,
/// and a separator left leading is trimmed.
pub fn join_fitting(parts: &[(String, u8)], w: u16, amb2: bool) -> String {
    let mut keep: Vec<bool> = vec![true; parts.len()];
    let joined = |keep: &[bool]| -> String {
        let s: String = parts
            .iter()
            .zip(keep)
            .filter(|(_, k)| **k)
            .map(|(p, _)| p.0.as_str())
            .collect();
        s.trim_start_matches([' ', '·']).to_string()
    };
    loop {
        let s = joined(&keep);
        if width(&s, amb2) <= w {
            return s;
        }
        let drop = (0..parts.len())
            .filter(|&i| keep[i] && parts[i].1 < u8::MAX)
            .min_by_key(|&i| (parts[i].1, std::cmp::Reverse(i)));
        match drop {
            Some(i) => keep[i] = false,
            None => return s,
        }
    }
}

/// `s` wrapped to lines of at most `w` display columns (at a space when one is near
/// the end of the line, else between any two characters, as Chinese is), lines after
/// the first indented by `hang` columns.
pub fn wrap(s: &str, w: u16, hang: u16, amb2: bool) -> Vec<String> {
    let us = units(s, amb2, 0);
    let hang = hang.min(w / 2);
    let mut out = Vec::new();
    let mut start = 0;
    while start < us.len() || out.is_empty() {
        let room = if out.is_empty() { w } else { w - hang };
        let mut used = 0;
        let mut end = start;
        while end < us.len() && used + us[end].width <= room.max(1) {
            used += us[end].width;
            end += 1;
        }
        if end < us.len() {
            // break after a space in the last third of the line, if there is one
            let from = start + (end - start) * 2 / 3;
            if let Some(sp) = (from..end).rev().find(|&k| us[k].sym == ' ') {
                end = sp + 1;
            }
        }
        end = end.max(start + 1).min(us.len().max(start));
        let text: String = us[start..end].iter().map(|u| u.sym).collect();
        let text = text.trim_end();
        if out.is_empty() {
            out.push(text.to_string());
        } else {
            out.push(format!(
                "{}{}",
                " ".repeat(hang as usize),
                text.trim_start()
            ));
        }
        if end >= us.len() {
            break;
        }
        start = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_placeholders() {
        let us = units("a\x1b[2Jb\u{9b}c\u{202e}", false, 0);
        let s: String = us.iter().map(|u| u.sym).collect();
        assert_eq!(s, "a^[[2Jb<9B>c<202E>");
        assert!(!s.chars().any(|c| c.is_control()));
    }

    #[test]
    fn widths_follow_the_setting() {
        assert_eq!(width("规章", false), 4);
        assert_eq!(width("①“", false), 2);
        assert_eq!(width("①“", true), 4);
        assert_eq!(width("a\tb", false), 5);
        assert_eq!(fit("规章x", 4, false, false), "规章");
        assert_eq!(fit("12", 4, true, false), "  12");
    }

    #[test]
    fn wraps_and_fits_by_display_width() {
        let w = wrap("审核人更正了单元格的数值", 10, 2, false);
        assert_eq!(w, ["审核人更正", "  了单元格", "  的数值"]);
        assert!(wrap("one two three four", 9, 0, false)
            .iter()
            .all(|l| width(l, false) <= 9));
        assert_eq!(fit_left("/a/b/report.txt", 8, false), "…ort.txt");
        assert_eq!(fit_end("规则规则", 5, false), "规则…");
        let parts = [
            ("a".repeat(10), 0),
            (" · ".to_string() + "must", u8::MAX),
            (" · ".to_string() + "mid", 5),
        ];
        assert_eq!(join_fitting(&parts, 23, false), "aaaaaaaaaa · must · mid");
        assert_eq!(join_fitting(&parts, 12, false), "must · mid");
        assert_eq!(join_fitting(&parts, 5, false), "must");
    }
}
