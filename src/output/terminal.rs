//! Text bound for a terminal: the one sanitiser every string from a report or a file
//! name passes through, the one colour decision, and the escaping of the machine
//! formats (JSON, CSV) so they cannot drive a terminal either.

use std::io::IsTerminal;

/// What stands in for a character that could drive the terminal.
const PLACEHOLDER: char = '\u{FFFD}';

/// C0 and C1 controls (ESC starts every escape sequence), DEL, and the bidi overrides
/// and isolates that make a terminal show text in another order than it is.
fn drives_terminal(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn replace(s: &str, keep: &[char]) -> String {
    s.chars()
        .map(|c| {
            if drives_terminal(c) && !keep.contains(&c) {
                PLACEHOLDER
            } else {
                c
            }
        })
        .collect()
}

/// One line of output from a report or a file name (a path, an agency, a finding's
/// message, a cell key): every control, newline and tab too, and every bidi control
/// shown as U+FFFD, so it can neither drive the terminal nor split the line.
pub fn safe(s: &str) -> String {
    replace(s, &[])
}

/// A report's text, several lines: the same, but its newlines and tabs are kept, as
/// they lay out its rows (neither can drive a terminal).
pub fn safe_text(s: &str) -> String {
    replace(s, &['\n', '\t'])
}

/// JSON text as `serde_json` writes it, with the characters it leaves raw that drive a
/// terminal (DEL, C1 controls, bidi controls) written as `\uXXXX` escapes: the same
/// JSON value, byte for byte the same output when there are none. They can only occur
/// inside strings, where the escape means the same character.
pub fn json_safe(json: String) -> String {
    // C0 controls inside strings serde_json escapes already; outside them there are only
    // the layout's newlines
    let raw = |c: char| drives_terminal(c) && c > '\u{1f}';
    if !json.chars().any(raw) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if raw(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// One CSV field: sanitised as one line (so every record is one line, whatever a file
/// name holds), quoted when it holds a separator or a quote.
pub fn csv_field(s: &str) -> String {
    let s = safe(s);
    if s.contains([',', '"']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// `--color`: colour always, never, or when standard output is a terminal that wants it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Whether readable output on standard output is coloured.
pub fn colour(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => std::io::stdout().is_terminal() && terminal_wants_colour(),
    }
}

/// Whether the user's terminal wants colour at all: not when `NO_COLOR` is set (and not
/// empty), nor on a `TERM=dumb` terminal.
pub fn terminal_wants_colour() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
}

/// `s` in the SGR colour `code` when `colour`.
pub fn paint(colour: bool, code: &str, s: &str) -> String {
    if colour {
        format!("\x1b[{code}m{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls_and_bidi_never_pass() {
        let s = "a\x1b]0;pwned\x07b\x1b[2Jc\u{202E}d\u{2066}e\u{9b}f\ng\th\r";
        for out in [safe(s), safe_text(s)] {
            assert!(!out.contains(['\x1b', '\x07', '\u{202E}', '\u{2066}', '\u{9b}', '\r']));
            assert!(out.contains("pwned"), "the text stays visible: {out}");
        }
        assert!(!safe(s).contains(['\n', '\t']));
        assert!(safe_text(s).contains("f\ng\th"));
        assert_eq!(safe("国务院办公厅 2023"), "国务院办公厅 2023");
    }

    #[test]
    fn json_keeps_its_value_and_hides_what_serde_leaves_raw() {
        let v = serde_json::json!({"k": "a\u{202E}b\u{85}c\x1bd\u{7f}"});
        let plain = serde_json::to_string(&v).unwrap();
        let safe = json_safe(plain.clone());
        assert!(
            !safe.contains(['\u{202E}', '\u{85}', '\x1b', '\u{7f}']),
            "{safe}"
        );
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, v);
        let normal =
            serde_json::to_string_pretty(&serde_json::json!({"k": "国务院 \"x\"\n"})).unwrap();
        assert_eq!(json_safe(normal.clone()), normal);
    }

    #[test]
    fn csv_fields_are_quoted_and_sanitised() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("a\x1b[2Jb"), "a\u{FFFD}[2Jb");
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a\nb"), "a\u{FFFD}b");
    }
}
