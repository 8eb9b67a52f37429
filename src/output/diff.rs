//! The output of `diff`: readable text (the cells that changed, then the text section by
//! section, deletions and insertions marked) or the comparison as JSON.

use crate::check::diff::{CellDiff, Mapping, Op, Piece, SectionDiff, Side, YearDiff};
use crate::model::num::Num;
use crate::model::Severity;
use crate::output::terminal::{json_safe, paint, safe, safe_text};
use std::fmt::Write;

/// The comparison as pretty JSON, ending in a newline.
pub fn to_json(d: &YearDiff) -> serde_json::Result<String> {
    Ok(json_safe(serde_json::to_string_pretty(d)?) + "\n")
}

/// The readable `diff` output.
pub fn to_text(d: &YearDiff, colour: bool) -> String {
    let mut s = String::new();
    write_heading(&mut s, d, colour);
    for table in ["t2", "t3", "t4"] {
        write_table(&mut s, d, table, colour);
    }
    for sec in &d.sections {
        write_section(&mut s, sec, colour);
    }
    s
}

fn who(x: &Side) -> String {
    format!(
        "{} ({} {}, {} format)",
        safe(&x.path),
        safe(x.agency.as_deref().unwrap_or("?")),
        x.year.map_or("?".into(), |y| y.to_string()),
        x.template.unwrap_or("no")
    )
}

fn write_heading(s: &mut String, d: &YearDiff, colour: bool) {
    let _ = writeln!(s, "prior:   {}", who(&d.prior));
    let _ = writeln!(s, "current: {}", who(&d.current));
    let _ = writeln!(
        s,
        "{} cells changed · {:.0}% of the text unchanged from last year",
        d.changed_cells(),
        d.copied_share * 100.0
    );
    for f in &d.findings {
        let sev = if f.severity == Severity::Error {
            paint(colour, "31;1", "error  ")
        } else {
            paint(colour, "33", "warning")
        };
        let _ = writeln!(s, "  {sev} {:<13} {}", f.rule, safe(&f.message));
    }
    let _ = writeln!(s);
}

/// A table's changed (or mapped) cells, after the names of the rows only one year's
/// format has.
fn write_table(s: &mut String, d: &YearDiff, table: &str, colour: bool) {
    let rows: Vec<&CellDiff> = d
        .cells
        .iter()
        .filter(|c| c.table == table && (c.changed || c.mapping == Mapping::Mapped))
        .collect();
    let only: Vec<&CellDiff> = d
        .cells
        .iter()
        .filter(|c| {
            c.table == table && matches!(c.mapping, Mapping::PriorOnly | Mapping::CurrentOnly)
        })
        .collect();
    if rows.is_empty() && only.is_empty() {
        return;
    }
    let _ = writeln!(s, "{table}:");
    if !only.is_empty() {
        let mut names: Vec<String> = only
            .iter()
            .map(|c| safe(c.key.rsplit_once('/').map_or(&*c.key, |x| x.0)))
            .collect();
        names.dedup();
        let _ = writeln!(
            s,
            "    {} cells in one year's format only: {}",
            only.len(),
            names.join(", ")
        );
    }
    for c in rows {
        write_cell(s, c, colour);
    }
}

fn write_cell(s: &mut String, c: &CellDiff, colour: bool) {
    let fmt = |v: Option<Num>| v.map_or("—".to_string(), |v| v.to_string());
    let change = c
        .change
        .map(|v| {
            if v.is_negative() {
                v.to_string()
            } else {
                format!("+{v}")
            }
        })
        .unwrap_or_default();
    let note = match c.mapping {
        Mapping::Same => String::new(),
        Mapping::Mapped => format!(
            " [maps {}]",
            safe(c.prior_key.as_deref().unwrap_or("the other format's rows"))
        ),
        Mapping::PriorOnly => " [only last year's format]".into(),
        Mapping::CurrentOnly => " [only this year's format]".into(),
    };
    let mark = if c.changed {
        paint(colour, "1", "*")
    } else {
        " ".into()
    };
    let _ = writeln!(
        s,
        "  {mark} {:<40} {:>9} → {:<9} {:>7}{}",
        safe(&c.key),
        fmt(c.prior),
        fmt(c.current),
        change,
        note
    );
}

fn write_section(s: &mut String, sec: &SectionDiff, colour: bool) {
    let _ = writeln!(
        s,
        "\n{} · {:.0}% unchanged",
        sec.section,
        if sec.total == 0 {
            100.0
        } else {
            sec.unchanged as f64 * 100.0 / sec.total as f64
        }
    );
    for p in &sec.pieces {
        write_piece(s, p, colour);
    }
    s.push('\n');
}

/// A piece of text: unchanged text longer than 40 characters shows only its ends.
fn write_piece(s: &mut String, p: &Piece, colour: bool) {
    let t = safe_text(&p.text);
    match p.op {
        Op::Equal => {
            let chars: Vec<char> = t.chars().collect();
            if chars.len() > 40 {
                let head: String = chars[..15].iter().collect();
                let tail: String = chars[chars.len() - 15..].iter().collect();
                let _ = write!(
                    s,
                    "{head}{}{tail}",
                    paint(colour, "2", &format!(" …{} unchanged… ", chars.len() - 30))
                );
            } else {
                s.push_str(&t);
            }
        }
        Op::Delete => s.push_str(&paint(colour, "31", &format!("[-{t}-]"))),
        Op::Insert => s.push_str(&paint(colour, "32", &format!("{{+{t}+}}"))),
    }
}
