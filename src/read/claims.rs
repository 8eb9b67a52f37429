//! What the report's prose says of its t2 cells: "制发行政规范性文件9件", "现行有效件数424件".
//!
//! One reading of the prose serves two steps. The reader takes a split of glued digits
//! (`行政规范性文件97253`) that agrees with what the text says when no other split does,
//! and TEXT-DOCUMENTS compares what the text says with the table. The phrases name a
//! column by what it counts (issued, repealed, in force), whichever format's table the
//! report prints.

use crate::model::claim::Claim;
use crate::model::num::Num;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

const ISSUED: &[&str] = &["issued", "new_made"];
const REPEALED: &[&str] = &["repealed"];
const IN_FORCE: &[&str] = &["in_force"];

/// A kind of document the t2 rows count, as the prose names it.
const KIND: &str = r"(?:行政)?规范性文件|(?:政府)?规章";

static PHRASES: LazyLock<Vec<(&'static [&'static str], Regex)>> = LazyLock::new(|| {
    let n = r"(?:共计|共|合计|为|计)?([0-9]+)";
    [
        (
            ISSUED,
            format!(r"(?:制定|制发|出台|印发)(?:了)?(?:的)?({KIND}|文件){n}(?:件|部|个|份)"),
        ),
        (
            REPEALED,
            format!(r"(?:废止|失效或废止|废止或失效|宣布废止)(?:了)?(?:的)?({KIND}|文件)?{n}件"),
        ),
        (
            IN_FORCE,
            format!(r"现行有效(?:的)?({KIND}|文件|件数)?{n}件"),
        ),
    ]
    .into_iter()
    .map(|(c, p)| (c, Regex::new(&p).expect("claim phrase")))
    .collect()
});

/// "未制发规范性文件": none issued.
static NONE_ISSUED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:未|没有)(?:制定|制发|出台|印发)(?:过)?({KIND})"
    ))
    .expect("none")
});

/// The prose: the normalised chars outside the tables, without white space; each table
/// leaves a 。 so no phrase runs across it.
pub fn prose(chars: &[char], tables: &[Range<usize>]) -> String {
    let mut tables: Vec<Range<usize>> = tables.to_vec();
    tables.sort_by_key(|r| r.start);
    let mut s = String::with_capacity(chars.len());
    let mut at = 0;
    for r in tables
        .iter()
        .cloned()
        .chain(std::iter::once(chars.len()..chars.len()))
    {
        let end = r.start.min(chars.len());
        if end > at {
            s.extend(chars[at..end].iter().filter(|c| !c.is_whitespace()));
        }
        s.push('\u{3002}');
        at = at.max(r.end);
    }
    s
}

/// Every claim of the prose, in its order.
pub fn claims(prose: &str) -> Vec<Claim> {
    let mut out = Vec::new();
    // most reports say nothing of their documents: one scan to know
    if !prose.contains("规范性文件") && !prose.contains("规章") {
        return out;
    }
    for sentence in prose.split(['\u{3002}', ';', '\u{FF1B}']) {
        if !sentence.contains("件") {
            continue;
        }
        let said_kind = sentence_kind(sentence);
        for (columns, re) in PHRASES.iter() {
            for c in re.captures_iter(sentence) {
                let named = c.get(1).and_then(|m| row_of(m.as_str()));
                let (Some(row), Some(value)) = (named.or(said_kind), c.get(2)) else {
                    continue;
                };
                if let Some(value) = Num::parse(value.as_str()) {
                    let phrase = c[0].to_string();
                    out.push(Claim {
                        row,
                        columns,
                        value,
                        phrase,
                    });
                }
            }
        }
        for c in NONE_ISSUED.captures_iter(sentence) {
            if let Some(row) = row_of(&c[1]) {
                let phrase = c[0].to_string();
                out.push(Claim {
                    row,
                    columns: ISSUED,
                    value: Num::ZERO,
                    phrase,
                });
            }
        }
    }
    out
}

/// The row a kind of document names.
fn row_of(kind: &str) -> Option<&'static str> {
    if kind.contains("规范性文件") {
        Some("normative")
    } else if kind.contains("规章") {
        Some("regulations")
    } else {
        None
    }
}

/// The one kind of document a sentence speaks of, which its bare "文件" and "件数" mean.
fn sentence_kind(sentence: &str) -> Option<&'static str> {
    match (sentence.contains("规范性文件"), sentence.contains("规章")) {
        (true, false) => Some("normative"),
        (false, true) => Some("regulations"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(prose: &str) -> Vec<(&'static str, &'static str, String)> {
        claims(prose)
            .into_iter()
            .map(|c| (c.row, c.columns[0], c.value.to_string()))
            .collect()
    }

    #[test]
    fn issued_repealed_and_in_force_are_read_with_the_kind_the_sentence_names() {
        let p = "2025年,实验区管委会(办公室)制发行政规范性文件9件,按程序确认失效或废止文件7件,\
                 现行有效行政规范性文件共253件。";
        assert_eq!(
            said(p),
            vec![
                ("normative", "issued", "9".to_string()),
                ("normative", "repealed", "7".to_string()),
                ("normative", "in_force", "253".to_string()),
            ]
        );
        let p = "八是建成规范性文件库,本年度制发规范性文件34件,现行有效件数424件。";
        assert_eq!(
            said(p),
            vec![
                ("normative", "issued", "34".to_string()),
                ("normative", "in_force", "424".to_string()),
            ]
        );
    }

    #[test]
    fn information_items_and_mixed_sentences_are_not_claims() {
        // 条 of published information are not documents issued; a bare 文件 in a
        // sentence naming both kinds belongs to neither
        assert!(said("其中政策、规范性文件类信息19条。").is_empty());
        assert!(said("清理规章和规范性文件,废止文件3件。").is_empty());
        assert_eq!(
            said("本年度未制发规范性文件。"),
            vec![("normative", "issued", "0".to_string())]
        );
    }

    #[test]
    fn the_prose_leaves_the_tables_out() {
        let chars: Vec<char> = "制发规范性文件3件 表 规范性文件303 后文".chars().collect();
        let table = 10..21;
        let p = prose(&chars, std::slice::from_ref(&table));
        assert!(p.starts_with("制发规范性文件3件"));
        assert!(!p.contains("303"));
        assert!(p.ends_with("后文\u{3002}"));
    }
}
