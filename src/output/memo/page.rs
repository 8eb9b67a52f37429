//! The memo as a Markdown file or one HTML page (no script, no outside resource).

use super::{facts, report_title, sections, summary_grids, words, Grid, MemoReport};
use std::fmt::Write as _;

/// Markdown cells cannot hold `|` or line breaks.
fn md_cell(s: &str) -> String {
    s.replace('|', "｜").replace(['\n', '\r'], " ")
}

fn md_grid(out: &mut String, g: &Grid) {
    if g.rows.is_empty() {
        out.push_str(words::NONE.get());
        out.push_str("\n\n");
        return;
    }
    let _ = writeln!(out, "| {} |", g.heads.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(g.heads.len()));
    for row in &g.rows {
        let cells: Vec<String> = row.iter().map(|c| md_cell(c)).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out.push('\n');
}

/// An agency's memo in Markdown.
pub fn markdown(agency: &str, reports: &[&MemoReport]) -> String {
    let mut out = format!("# {}{}\n\n", md_cell(agency), words::TITLE);
    for r in reports {
        let _ = writeln!(out, "## {}\n", report_title(r));
        for (k, v) in facts(r) {
            let _ = writeln!(out, "- {k}：{}", md_cell(&v));
        }
        out.push('\n');
        for (head, note, grid) in sections(r) {
            let _ = writeln!(out, "### {head}\n");
            if let Some(n) = note {
                let _ = writeln!(out, "{n}\n");
            }
            md_grid(&mut out, &grid);
        }
    }
    out
}

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            c if c.is_control() && c != '\n' => o.push('\u{FFFD}'),
            c => o.push(c),
        }
    }
    o
}

fn html_grid(out: &mut String, g: &Grid) {
    if g.rows.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", words::NONE);
        return;
    }
    out.push_str("<table>\n<thead><tr>");
    for h in &g.heads {
        let _ = write!(out, "<th>{}</th>", esc(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &g.rows {
        out.push_str("<tr>");
        for c in row {
            let _ = write!(out, "<td>{}</td>", esc(c));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

const HTML_STYLE: &str = "body{font-family:\"SimSun\",\"Songti SC\",serif;max-width:60em;margin:2em auto}table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #444;padding:.2em .5em;vertical-align:top}th{background:#eee}";

fn html_head(title: &str) -> String {
    let title = esc(title);
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head><meta charset=\"utf-8\"><title>{title}</title><style>{HTML_STYLE}</style></head>\n<body>\n<h1>{title}</h1>\n"
    )
}

/// An agency's memo as one HTML page.
pub fn html(agency: &str, reports: &[&MemoReport]) -> String {
    let mut out = html_head(&format!("{agency}{}", words::TITLE));
    for r in reports {
        let _ = writeln!(out, "<h2>{}</h2>\n<ul>", esc(&report_title(r)));
        for (k, v) in facts(r) {
            let _ = writeln!(out, "<li>{k}：{}</li>", esc(&v));
        }
        out.push_str("</ul>\n");
        for (head, note, grid) in sections(r) {
            let _ = writeln!(out, "<h3>{}</h3>", esc(head));
            if let Some(n) = note {
                let _ = writeln!(out, "<p>{}</p>", esc(n));
            }
            html_grid(&mut out, &grid);
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// The folder's summary in Markdown.
pub fn summary_markdown(reports: &[MemoReport]) -> String {
    let (all, rules) = summary_grids(reports);
    let mut out = format!("# {}\n\n", words::SUMMARY);
    md_grid(&mut out, &all);
    let _ = writeln!(out, "## {}\n", words::BY_RULE);
    md_grid(&mut out, &rules);
    out
}

/// The folder's summary as an HTML page.
pub fn summary_html(reports: &[MemoReport]) -> String {
    let (all, rules) = summary_grids(reports);
    let mut out = html_head(words::SUMMARY.get());
    html_grid(&mut out, &all);
    let _ = writeln!(out, "<h2>{}</h2>", words::BY_RULE);
    html_grid(&mut out, &rules);
    out.push_str("</body>\n</html>\n");
    out
}
