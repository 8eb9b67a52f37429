//! Decoded text → located tables: the sections, the rows (by label, by a damaged
//! label, or by position), and the number tokens that belong to each row.
//!
//! Layout-agnostic on purpose: labels are searched in a compact view (no white space,
//! so labels broken over lines still match), rows are ordered as the format orders
//! them, and a row's values are the number tokens between its label and the next
//! label. One-cell-per-line, space-aligned PDF text (labels wrapped in their cells
//! too), `|` and Markdown rows, CSV, tab rows and flattened web text all reduce to that.

use crate::model::format::{Role, Row};
use crate::model::num::Num;
use crate::read::text::{compact_label, NormText};
use std::ops::Range;

/// The six sections of a report and the three table sections, as char ranges.
#[derive(Debug, Default, Clone)]
pub struct Sections {
    pub found: [bool; 6],
    /// Where each table's content opens (char index) and the head or row that opens it.
    pub openings: [Option<(usize, &'static str)>; 3],
    /// Char index where each found heading starts.
    pub heading_at: [Option<usize>; 6],
    pub t2: Option<Range<usize>>,
    pub t3: Option<Range<usize>>,
    pub t4: Option<Range<usize>>,
}

const HEADINGS: [&[&str]; 6] = [
    &["一.总体情况", "总体情况"],
    &[
        "二.主动公开政府信息情况",
        "二.主动公开政府信息",
        "主动公开政府信息情况",
    ],
    &[
        "三.收到和处理政府信息公开申请情况",
        "收到和处理政府信息公开申请",
    ],
    &[
        "四.政府信息公开行政复议",
        "四.被申请行政复议",
        "被申请行政复议.提起行政诉讼",
        "四.行政复议",
        "行政复议.行政诉讼情况",
        "政府信息公开行政复议",
    ],
    &[
        "五.存在的主要问题",
        "存在的主要问题及改进",
        "存在的主要问题和改进",
        "五.存在",
    ],
    &["六.其他需要报告的事项", "其他需要报告的事项"],
];

fn find_from(t: &NormText, from_byte: usize, keys: &[&str]) -> Option<(usize, usize)> {
    let hay = t.compact.get(from_byte..)?;
    keys.iter()
        .filter_map(|k| {
            hay.find(k)
                .map(|p| (from_byte + p, from_byte + p + k.len()))
        })
        .min_by_key(|&(a, _)| a)
}

/// The length in bytes of the `i`-th heading's own number just before it, when a key
/// matched without it: "3." of "3.收到和处理…", "(三)", "第三部分". Left out, the number
/// would end the table before as a stray value.
fn enumerator_before(t: &NormText, at: usize, i: usize) -> usize {
    const CN: [&str; 6] = ["一", "二", "三", "四", "五", "六"];
    const AR: [&str; 6] = ["1", "2", "3", "4", "5", "6"];
    let before = &t.compact[..at];
    // the length of `parts` in a row at the end of `before`
    let suffix = |parts: &[&str]| -> Option<usize> {
        let rest = parts
            .iter()
            .rev()
            .try_fold(before, |rest, p| rest.strip_suffix(p))?;
        Some(before.len() - rest.len())
    };
    if let Some(len) = appendix_label_before(before) {
        return len;
    }
    for n in [CN[i], AR[i]] {
        let forms: [&[&str]; 5] = [
            &[n, "."],
            &["(", n, ")"],
            &["(", n, ")", "."],
            &["第", n, "部分"],
            &["第", n, "部分", "."],
        ];
        for len in forms.iter().filter_map(|f| suffix(f)) {
            // "13." is not "3.": the number must stand apart in the text itself
            let start = t.from_compact(at - len);
            if start == 0 || !t.chars[start - 1].is_ascii_digit() {
                return len;
            }
        }
    }
    0
}

/// What opens each table's content (t2, t3, t4), most specific first: the head or first
/// row the national format prints, which prose does not say. A table is found by these,
/// and its heading is the last mention of the section's title before them, so a
/// sentence listing the sections, a table of contents or page chrome never anchors it.
const TABLE_OPENINGS: [&[&str]; 3] = [
    &[
        "第二十条第(一)项",
        "信息内容本年制发件数",
        "信息内容本年新制作数量",
    ],
    &[
        "一.本年新收政府信息公开申请数量",
        "本年新收政府信息公开申请数量",
        "一.本年新收政府信息公开申请",
    ],
    &["结果维持结果纠正", "结果维持", "维持纠正其他结果"],
];

/// Every place in the compact text where one of `keys` starts, as (start, end) bytes.
/// Every mention of any of `keys` in `text`, in order, overlapping mentions as one.
fn hits_in(text: &str, keys: &[&str]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = keys
        .iter()
        .flat_map(|k| text.match_indices(k).map(|(p, m)| (p, p + m.len())))
        .collect();
    out.sort_unstable();
    // a shorter key inside a longer one's hit is the same mention
    out.dedup_by(|b, a| b.0 < a.1);
    out
}

/// Where each table's content opens (compact bytes), in format order: each searched after
/// the one before.
fn table_openings(t: &NormText) -> [Option<(usize, &'static str)>; 3] {
    let mut out = [None; 3];
    let mut from = 0;
    for (i, keys) in TABLE_OPENINGS.iter().enumerate() {
        // the most specific key that is found decides
        let hit = keys
            .iter()
            .find_map(|k| find_from(t, from, &[k]).map(|h| (h, *k)));
        if let Some(((a, b), key)) = hit {
            out[i] = Some((a, key));
            from = b;
        }
    }
    out
}

/// The heading of section `i`: the last mention of its title at or after `lo` and before
/// `hi` (compact bytes), with its own number.
fn heading_before(t: &NormText, i: usize, lo: usize, hi: usize) -> Option<(usize, usize)> {
    // only the range is searched: this runs for each table of every report
    let c = &t.compact;
    let (mut lo, mut hi) = (lo.min(c.len()), hi.min(c.len()));
    while !c.is_char_boundary(lo) {
        lo += 1;
    }
    while !c.is_char_boundary(hi) {
        hi -= 1;
    }
    let range = c.get(lo..hi)?;
    let hit = hits_in(range, HEADINGS[i]).into_iter().next_back()?;
    let hit = (hit.0 + lo, hit.1 + lo);
    Some((hit.0 - enumerator_before(t, hit.0, i), hit.1))
}

/// The heading of section `i`: the first mention of its title at or after `lo`.
fn heading_after(t: &NormText, i: usize, lo: usize) -> Option<(usize, usize)> {
    let hit = find_from(t, lo, HEADINGS[i])?;
    Some((hit.0 - enumerator_before(t, hit.0, i), hit.1))
}

/// The headings in order as the report prints them, each searched after the one before
/// (the reading of reports whose tables were not found by their content).
fn headings_in_order(t: &NormText) -> [Option<(usize, usize)>; 6] {
    let mut found_at: [Option<(usize, usize)>; 6] = [None; 6];
    let mut cursor = 0;
    for (i, at) in found_at.iter_mut().enumerate() {
        // Each heading is searched after the previous one found, so 四、结转下年度继续办理
        // (a t3 row) is never taken for the t4 heading.
        if let Some(hit) = heading_after(t, i, cursor) {
            *at = Some(hit);
            cursor = hit.1;
        }
    }
    found_at
}

/// The headings of the sections: the three table sections by their tables' content, the
/// others around them; where a table's content is not found, the headings in order.
fn headings(
    t: &NormText,
    opened: &[Option<(usize, &'static str)>; 3],
) -> [Option<(usize, usize)>; 6] {
    let mut found_at = headings_in_order(t);
    let open = opened.map(|o| o.map(|(a, _)| a));
    let mut lo = 0;
    for (k, opening) in open.iter().enumerate() {
        let Some(o) = *opening else { continue };
        // a table without a heading of its own starts where its content does
        found_at[k + 1] = Some(heading_before(t, k + 1, lo, o).unwrap_or((o, o)));
        lo = o;
    }
    if let Some(first) = open.iter().flatten().next() {
        let before = found_at[1].map_or(*first, |h| h.0.min(*first));
        found_at[0] = heading_before(t, 0, 0, before).or(found_at[0].filter(|h| h.1 <= before));
    }
    if let Some(last) = open[2] {
        found_at[4] = heading_after(t, 4, last);
        found_at[5] = heading_after(t, 5, found_at[4].map_or(last, |h| h.1));
    }
    // A table whose heading was lost may still be found by its first row.
    if found_at[2].is_none() {
        let from = found_at[1].map(|h| h.1).unwrap_or(0);
        if let Some((a, _)) = find_from(
            t,
            from,
            &["一.本年新收政府信息公开申请", "本年新收政府信息公开申请"],
        ) {
            found_at[2] = Some((a, a));
        }
    }
    if found_at[1].is_none() {
        if let Some((a, _)) = find_from(t, 0, &["第二十条第(一)项"]) {
            if found_at[2].is_none_or(|h| a < h.0) {
                found_at[1] = Some((a, a));
            }
        }
    }
    found_at
}

/// "附表2" / "附件3" / "表1" (then `.` or `:` perhaps) just before a table's title, where an
/// agency appends the tables to its own outline: its length in compact bytes.
fn appendix_label_before(before: &str) -> Option<usize> {
    let rest = before.trim_end_matches(['.', ':']);
    let rest = rest.trim_end_matches(|c: char| c.is_ascii_digit() || "一二三四五六".contains(c));
    if rest.len() == before.trim_end_matches(['.', ':']).len() {
        return None;
    }
    let head = ["附表", "附件", "统计表", "表"]
        .iter()
        .find_map(|w| rest.strip_suffix(w))?;
    Some(before.len() - head.len())
}

pub fn sections(t: &NormText) -> Sections {
    let mut s = Sections::default();
    let opened = table_openings(t);
    let found_at = headings(t, &opened);
    s.openings = opened.map(|o| o.map(|(a, key)| (t.from_compact(a), key)));
    for (i, at) in found_at.iter().enumerate() {
        s.found[i] = at.is_some();
        s.heading_at[i] = at.map(|h| t.from_compact(h.0));
    }
    let end_of = |i: usize| -> usize {
        found_at[i + 1..]
            .iter()
            .flatten()
            .map(|h| t.from_compact(h.0))
            .next()
            .unwrap_or(t.chars.len())
    };
    // a heading found after the next one (damaged text) makes an empty range, never a
    // reversed one
    let range = |i: usize| {
        found_at[i].map(|h| {
            let start = t.from_compact_end(h.1).max(t.from_compact(h.0));
            start..end_of(i).max(start)
        })
    };
    s.t2 = range(1);
    s.t3 = range(2);
    s.t4 = range(3).map(|r| r.start..r.end.min(next_numbered_heading(t, r.start)));
    s
}

/// Where the next section numbered 五 or 六 starts after char `from`, whatever its title:
/// agencies renumber or retitle the sections after the tables (五、信息处理费收取情况), and
/// the last table ends there.
fn next_numbered_heading(t: &NormText, from: usize) -> usize {
    let from_byte = t.to_compact(from);
    find_from(t, from_byte, &["五.", "六.", "七."])
        .map(|(a, _)| t.from_compact(a))
        .unwrap_or(t.chars.len())
}

/// How a row was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    Label,
    /// By a label with characters missing or wrong.
    DamagedLabel,
    /// Its label was lost; its values were placed by their order.
    Position,
}

#[derive(Debug, Clone, Copy)]
pub struct Anchor {
    /// Char index where the label starts.
    pub start: usize,
    /// Char index just after the matched label key: the row's values follow.
    pub end: usize,
    pub found: Found,
}

thread_local! {
    static KEY_AUTOMATA: std::cell::RefCell<std::collections::HashMap<usize, (aho_corasick::AhoCorasick, Vec<usize>)>> = Default::default();
}

/// The table's labels as one string to search, with the char index in the text of
/// each of its chars.
///
/// Labels that wrap inside a narrow cell come out of PDFs as pieces on several lines,
/// with the row's values beside the first piece (or the middle one) and other columns'
/// pieces in between. Each piece of text is joined to the label it continues: the
/// piece above it in the same column, unless it starts a label of its own (1. / (一) /
/// 一、). Numbers are left out, so a label reads whole whichever line its values are on.
struct LabelView {
    text: String,
    /// For each byte of `text` where a char starts, its char index in the text.
    map: Vec<u32>,
}

/// A word of a line: its display column (in width and in chars), whether a cell break
/// precedes it, and its char range.
type Word = ((usize, usize), bool, Range<usize>);

/// A run of label text on a line: its column and its char indices.
type Piece = ((usize, usize), Vec<u32>);

/// A label being assembled from its pieces: the line of its last piece, and its chars.
struct Label {
    line: usize,
    chars: Vec<u32>,
}

/// The labels read so far, and which of them a piece on the next line may continue.
#[derive(Default)]
struct Labels {
    labels: Vec<Label>,
    /// labels still open to continuation: (column, index in `labels`)
    open: Vec<((usize, usize), usize)>,
    /// the last line with any text, before this one
    last_line: Option<usize>,
    /// the labels of that line's pieces, left to right
    above_line: Vec<usize>,
}

fn aligned(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0.abs_diff(b.0) <= 1 || a.1.abs_diff(b.1) <= 1
}

impl LabelView {
    fn new(t: &NormText, range: &Range<usize>) -> LabelView {
        let ch = &t.chars;
        let mut labels = Labels::default();
        let (mut i, mut line) = (range.start, 0usize);
        while i < range.end {
            let end = ch[i..range.end]
                .iter()
                .position(|&c| c == '\n')
                .map_or(range.end, |p| i + p);
            let pieces = line_pieces(ch, line_words(t, i, end));
            labels.add_line(ch, i..end, line, pieces);
            i = end + 1;
            line += 1;
        }
        let mut text = String::new();
        let mut map = Vec::new();
        for l in labels.labels {
            for k in l.chars {
                let before = text.len();
                text.push(ch[k as usize]);
                map.resize(text.len(), u32::MAX);
                map[before] = k;
            }
        }
        LabelView { text, map }
    }

    fn char_at(&self, byte: usize) -> usize {
        self.map[byte] as usize
    }

    /// The row's place in the text for a label found at `[a, b)` of the view: where its
    /// first char is, and where its values may start: after the last char of the label
    /// before any number (a label whose rest wraps below its values ends at the values).
    fn anchor(&self, t: &NormText, a: usize, b: usize, found: Found) -> Anchor {
        let start = self.char_at(a);
        let mut end = start + 1;
        for (off, _) in self.text[a..b].char_indices().skip(1) {
            let k = self.char_at(a + off);
            if k < end || t.chars[end..k].iter().any(|c| c.is_ascii_digit()) {
                break;
            }
            end = k + 1;
        }
        Anchor { start, end, found }
    }
}

/// The words of the line `[i, end)`, each with its display column and whether a cell
/// break precedes it. Columns are counted both in display width and in chars:
/// pdftotext aligns by chars, a CJK char taking one place.
fn line_words(t: &NormText, i: usize, end: usize) -> Vec<Word> {
    let ch = &t.chars;
    let mut col = (0usize, 0usize);
    let mut j = i;
    let mut words: Vec<Word> = Vec::new();
    let mut gap = 2usize; // a line starts a cell
    while j < end {
        let c = ch[j];
        if c == ' ' || c == '|' || c == '\t' {
            gap += if c == ' ' { 1 } else { 2 };
            col = if t.original[t.pos[j] as usize..].starts_with('\t') {
                ((col.0 / 8 + 1) * 8, (col.1 / 8 + 1) * 8)
            } else {
                (col.0 + 1, col.1 + 1)
            };
            j += 1;
            continue;
        }
        let start = j;
        let (start_col, cell) = (col, gap >= 2);
        while j < end && !matches!(ch[j], ' ' | '|' | '\t') {
            col.0 += unicode_width::UnicodeWidthChar::width(ch[j]).unwrap_or(0);
            col.1 += 1;
            j += 1;
        }
        words.push((start_col, cell, start..j));
        gap = 0;
    }
    words
}

/// Runs of text words, cut by cells and by numbers (left out): numbers are values,
/// and a label must read the same whichever line its values are on.
fn line_pieces(ch: &[char], words: Vec<Word>) -> Vec<Piece> {
    let mut piece: Option<Piece> = None;
    let mut pieces: Vec<Piece> = Vec::new();
    for (wcol, cell, w) in words {
        let digits = ch[w.clone()]
            .iter()
            .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '/' | '—' | '%'))
            .count();
        let numeric = digits == w.len()
            || (digits > 0 && unit_after(&ch[..w.end], w.start + digits) == w.len() - digits);
        if numeric || cell {
            pieces.extend(piece.take());
        }
        if !numeric {
            piece
                .get_or_insert((wcol, Vec::new()))
                .1
                .extend(w.map(|k| k as u32));
        }
    }
    pieces.extend(piece);
    pieces
}

impl Labels {
    /// Joins each piece of the line `span` (number `line`) to the label it continues,
    /// or starts a label with it.
    fn add_line(&mut self, ch: &[char], span: Range<usize>, line: usize, pieces: Vec<Piece>) {
        // `|` rows are not padded to columns: their pieces pair with the pieces of the
        // line above counted from the right (a merged cell leaves none on the left)
        let piped = ch[span.clone()].contains(&'|');
        let n = pieces.len();
        let mut this_line = Vec::with_capacity(n);
        for (p, (pcol, chars)) in pieces.into_iter().enumerate() {
            let starts_label = enumerated(&ch[chars[0] as usize..]);
            // the piece goes on a label whose last piece is on the line above (blank
            // lines aside): a cell per line layouts never chain one cell to the next
            let above = if piped {
                (self.above_line.len() + p)
                    .checked_sub(n)
                    .map(|q| self.above_line[q])
            } else {
                self.open
                    .iter()
                    .find(|&&(c, k)| {
                        aligned(c, pcol) && Some(self.labels[k].line) == self.last_line
                    })
                    .map(|&(_, k)| k)
            };
            match above {
                Some(k) if !starts_label => {
                    self.labels[k].chars.extend(chars);
                    self.labels[k].line = line;
                    this_line.push(k);
                }
                _ => {
                    self.open.retain(|&(c, _)| !aligned(c, pcol));
                    self.open.push((pcol, self.labels.len()));
                    this_line.push(self.labels.len());
                    self.labels.push(Label { line, chars });
                }
            }
        }
        if ch[span].iter().any(|c| !c.is_whitespace()) {
            self.last_line = Some(line);
            self.above_line = this_line;
        }
    }
}

/// Whether text starts a label of its own: 1. / (一) / 一. (、 is folded to .)
fn enumerated(s: &[char]) -> bool {
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c);
    match s {
        ['(', c, ..] => numeral(*c),
        [c, rest @ ..] if numeral(*c) => {
            let n = rest.iter().take_while(|c| numeral(**c)).count();
            rest.get(n) == Some(&'.')
        }
        _ => false,
    }
}

/// Finds each row's label in `range`, keeping the format's order.
pub fn anchors(t: &NormText, range: &Range<usize>, rows: &[Row]) -> Vec<Option<Anchor>> {
    let view = LabelView::new(t, range);
    let hay = view.text.as_str();
    let occ = key_occurrences(hay, rows);
    let mut at = chain_in_order(hay, rows, &occ);
    find_damaged(hay, rows, &mut at);
    at.into_iter()
        .map(|x| x.map(|(a, b, found)| view.anchor(t, a, b, found)))
        .collect()
}

/// Where each row was found in the view: (start, end, how).
type ViewHits = Vec<Option<(usize, usize, Found)>>;

/// Every occurrence of each row's keys in the view, as (view start, view end) per row:
/// one pass of an automaton over every row's keys (built once per table), so the
/// search stays linear however many rows a format has.
fn key_occurrences(hay: &str, rows: &[Row]) -> Vec<Vec<(usize, usize)>> {
    let cs = 0usize;
    let mut occ: Vec<Vec<(usize, usize)>> = vec![Vec::new(); rows.len()];
    KEY_AUTOMATA.with(|cache| {
        let mut cache = cache.borrow_mut();
        let (ac, owner) = cache.entry(rows.as_ptr() as usize).or_insert_with(|| {
            let mut pats = Vec::new();
            let mut owner = Vec::new();
            for (i, r) in rows.iter().enumerate() {
                for k in r.keys {
                    pats.push(*k);
                    owner.push(i);
                }
            }
            (
                aho_corasick::AhoCorasick::new(pats).expect("row keys build an automaton"),
                owner,
            )
        });
        for m in ac.find_overlapping_iter(hay) {
            let v = &mut occ[owner[m.pattern().as_usize()]];
            if v.len() < 24 {
                v.push((cs + m.start(), cs + m.end()));
            }
        }
    });
    for v in occ.iter_mut() {
        v.sort();
        v.dedup_by_key(|o| o.0);
        v.truncate(12);
    }
    occ
}

/// The longest chain of occurrences in format order, weighting rows above group
/// headings: a key that also appears elsewhere in the table is taken where it fits
/// the rows around it.
fn chain_in_order(hay: &str, rows: &[Row], occ: &[Vec<(usize, usize)>]) -> ViewHits {
    let weight = |r: &Row| if r.role == Role::Group { 3 } else { 10 };
    let mut nodes: Vec<(usize, usize, usize, usize)> = Vec::new(); // (row, start, end, idx)
    for (i, v) in occ.iter().enumerate() {
        for &(a, b) in v {
            nodes.push((i, a, b, nodes.len()));
        }
    }
    let n = nodes.len();
    let mut best = vec![0i32; n];
    let mut prev = vec![usize::MAX; n];
    for j in 0..n {
        let (rj, aj, _, _) = nodes[j];
        best[j] = weight(&rows[rj]);
        for i in 0..j {
            let (ri, _, bi, _) = nodes[i];
            if ri < rj && bi <= aj && best[i] + weight(&rows[rj]) > best[j] {
                best[j] = best[i] + weight(&rows[rj]);
                prev[j] = i;
            }
        }
    }
    // where each row was found, in the view
    let mut at: ViewHits = vec![None; rows.len()];
    if let Some(mut j) = (0..n).max_by_key(|&j| (best[j], std::cmp::Reverse(j))) {
        loop {
            let (r, a, b, _) = nodes[j];
            let limit = if prev[j] == usize::MAX {
                0
            } else {
                nodes[prev[j]].2
            };
            let a = extend_over_prefix(hay, rows[r].label, a, b, limit);
            at[r] = Some((a, b, Found::Label));
            if prev[j] == usize::MAX {
                break;
            }
            j = prev[j];
        }
    }
    at
}

/// Extends a key found at `[a, b)` over the label's leading part (1. / (七) / 一、),
/// not past `limit` (the row before's end), so it is not read as a value of the row
/// before.
fn extend_over_prefix(hay: &str, label: &str, mut a: usize, b: usize, limit: usize) -> usize {
    let cs = 0usize;
    let label = compact_label(label);
    let key = &hay[a..b];
    if let Some(kp) = label.find(key) {
        let prefix: Vec<char> = label[..kp].chars().collect();
        let before: Vec<char> = hay[cs..a].chars().rev().take(prefix.len()).collect();
        let matched = prefix
            .iter()
            .rev()
            .zip(before.iter())
            .take_while(|(x, y)| x == y)
            .count();
        if matched > 0 {
            let new_a = a - before[..matched]
                .iter()
                .map(|c| c.len_utf8())
                .sum::<usize>();
            if new_a >= limit {
                a = new_a;
            }
        }
    }
    a
}

/// Damaged labels: search the gap between found neighbours approximately, so a row
/// whose label came out of the PDF with a wrong char is still placed.
fn find_damaged(hay: &str, rows: &[Row], at: &mut ViewHits) {
    let (cs, ce) = (0usize, hay.len());
    for r in 0..rows.len() {
        if at[r].is_some() || rows[r].role == Role::Group {
            continue;
        }
        let label: Vec<char> = compact_label(rows[r].label).chars().collect();
        if label.len() < 2 {
            continue;
        }
        let lo = at[..r]
            .iter()
            .rev()
            .flatten()
            .next()
            .map(|a| a.1)
            .unwrap_or(cs);
        let mut hi = at[r + 1..]
            .iter()
            .flatten()
            .next()
            .map(|a| a.0)
            .unwrap_or(ce);
        // with no neighbour found below, the label is near the one above: numbers are
        // not in the view, so the next label follows it (a table head at most between)
        let near = lo + compact_label(rows[r].label).len() * 2 + 400;
        if hi > lo + 1200 && near < hi {
            hi = near;
            while !hay.is_char_boundary(hi) {
                hi -= 1;
            }
        }
        if hi <= lo || hi - lo > 1200 {
            continue;
        }
        let gap: Vec<(usize, char)> = hay[lo..hi]
            .char_indices()
            .map(|(i, c)| (lo + i, c))
            .collect();
        // short labels (t2's 规章, 行政许可) tolerate one wrong char: a 2- or 3-char one
        // only as a substitution, and only where a single place in the gap allows it
        let found = match label.len() {
            2 | 3 => one_substitution(&label, &gap),
            4 | 5 => approx_find(&label, &gap, 1),
            n => approx_find(&label, &gap, (n / 4).max(2)),
        };
        if let Some((ga, gb)) = found {
            let a = gap[ga].0;
            let b = if gb < gap.len() { gap[gb].0 } else { hi };
            at[r] = Some((a, b, Found::DamagedLabel));
        }
    }
}

/// The only window of `text` as long as `pat` that differs from it in exactly one char.
fn one_substitution(pat: &[char], text: &[(usize, char)]) -> Option<(usize, usize)> {
    let m = pat.len();
    let mut hits = (0..text.len().saturating_sub(m - 1)).filter(|&s| {
        text[s..s + m]
            .iter()
            .zip(pat)
            .filter(|((_, c), p)| c != *p)
            .count()
            == 1
    });
    match (hits.next(), hits.next()) {
        (Some(s), None) => Some((s, s + m)),
        _ => None,
    }
}

/// Best approximate occurrence of `pat` in `text` (Sellers' algorithm), as a char
/// range of `text`, when its edit distance is at most `limit`.
fn approx_find(pat: &[char], text: &[(usize, char)], limit: usize) -> Option<(usize, usize)> {
    let m = pat.len();
    // prev[i]: distance of pat[..i] against a substring ending here; start[i]: its start.
    let mut prev: Vec<usize> = (0..=m).collect();
    let mut pstart: Vec<usize> = vec![0; m + 1];
    let mut best: Option<(usize, usize, usize)> = None; // (dist, start, end)
    for (j, &(_, c)) in text.iter().enumerate() {
        let mut cur = vec![0usize; m + 1];
        let mut cstart = vec![j + 1; m + 1];
        for i in 1..=m {
            let sub = prev[i - 1] + usize::from(pat[i - 1] != c);
            let del = prev[i] + 1;
            let ins = cur[i - 1] + 1;
            let (d, s) = if sub <= del && sub <= ins {
                (sub, if i == 1 { j } else { pstart[i - 1] })
            } else if del <= ins {
                (del, pstart[i])
            } else {
                (ins, cstart[i - 1])
            };
            cur[i] = d;
            cstart[i] = s;
        }
        if cur[m] <= limit && best.is_none_or(|b| cur[m] < b.0) {
            best = Some((cur[m], cstart[m], j + 1));
        }
        prev = cur;
        pstart = cstart;
    }
    best.map(|(_, s, e)| (s, e))
}

/// A value slot in a row: a number, or a placeholder such as / or — where a number belongs.
#[derive(Debug, Clone)]
pub struct Token {
    /// Char range in the normalised text.
    pub a: usize,
    pub b: usize,
    pub num: Option<Num>,
    /// The normalised characters, e.g. "54000830137" or "/".
    pub text: String,
    /// Text touches it with no separator between (`规章835行政…`): the flattened layout,
    /// where a row's values run together.
    pub glued: bool,
}

impl Token {
    /// A run of plain digits that may be several values glued together, the first of
    /// them negative when the run starts with `-`. A run too long for one number
    /// (`num` is `None`) is still several values.
    pub fn splittable(&self) -> bool {
        let digits = self.text.strip_prefix('-').unwrap_or(&self.text);
        digits.len() >= 2 && digits.bytes().all(|b| b.is_ascii_digit())
    }
}

/// Tokens of one run, with the text just before it (a sub-row label, if any).
#[derive(Debug, Clone, Default)]
pub struct Segment {
    pub label: String,
    pub tokens: Vec<Token>,
}

/// What stands between cells: white space, `|` rows, and commas of rows exported as
/// CSV (a comma inside a number groups thousands, see `segments`).
fn is_sep(c: char) -> bool {
    c == ' ' || c == '\n' || c == '|' || c == '│' || c == ','
}

fn is_cjk(c: char) -> bool {
    ('\u{3400}'..='\u{9FFF}').contains(&c) || ('\u{F900}'..='\u{FAFF}').contains(&c)
}

const PLACEHOLDERS: &[&str] = &[
    "/", "-", "--", "—", "——", "无", "空", "\\", "／", "－", "﹣", "—-", "x", "X", "*",
];

/// The state of `segments` as it walks the text: the runs so far and the one being read.
#[derive(Default)]
struct Runs {
    out: Vec<Segment>,
    cur: Segment,
    paren_depth: i32,
    newlines_since_token: usize,
    /// empty `|` cells since the last value on this line
    blank_cells: Vec<usize>,
}

impl Runs {
    /// Ends the current run, if it has any value.
    fn flush(&mut self) {
        if !self.cur.tokens.is_empty() {
            self.out.push(std::mem::take(&mut self.cur));
        }
    }

    /// Reads the number at `a` (`prev` before it): a value of the run, or part of the
    /// text before the next run. Returns where reading goes on.
    fn number(
        &mut self,
        ch: &[char],
        a: usize,
        end: usize,
        prev: Option<char>,
        part: usize,
    ) -> usize {
        let NumberAt {
            end: j,
            text,
            unit,
            in_text,
        } = number_at(ch, a, end, prev, self.paren_depth);
        if in_text {
            if !self.cur.tokens.is_empty() {
                self.flush();
            }
            self.cur.label.push_str(&text);
        } else {
            if !self.cur.tokens.is_empty()
                && self.newlines_since_token >= part
                && line_blank_before(ch, a)
            {
                self.flush();
            }
            push_blanks(&mut self.cur, &mut self.blank_cells);
            let glued =
                prev.is_some_and(|p| !is_sep(p)) || ch.get(j + unit).is_some_and(|&n| !is_sep(n));
            push_number(&mut self.cur.tokens, a, text, glued);
            self.newlines_since_token = 0;
        }
        j + unit
    }

    /// A placeholder standing alone at `[i, j)` where a value belongs.
    fn placeholder(&mut self, i: usize, j: usize, word: String) {
        push_blanks(&mut self.cur, &mut self.blank_cells);
        self.cur.tokens.push(Token {
            a: i,
            b: j,
            num: None,
            text: word,
            glued: false,
        });
        self.newlines_since_token = 0;
    }
}

/// Splits `chars[range]` into runs of value tokens. A run ends at text or at a blank line.
pub fn segments(t: &NormText, range: Range<usize>) -> Vec<Segment> {
    let ch = &t.chars;
    let mut runs = Runs::default();
    let mut i = range.start;
    let end = range.end.min(ch.len());
    let phantoms = phantom_cells(&t.chars, range.clone());
    // the line feeds that make a blank line between runs
    let part = if t.double_spaced { 3 } else { 2 };
    while i < end {
        if let Some(e) = footer_line_end(ch, i, end) {
            i = e;
            continue;
        }
        let c = ch[i];
        if c == '\n' {
            runs.paren_depth = 0;
            runs.blank_cells.clear();
            runs.newlines_since_token += 1;
            if runs.newlines_since_token >= part
                && !runs.cur.tokens.is_empty()
                && line_blank_before(ch, i)
            {
                runs.flush();
            }
            i += 1;
            continue;
        }
        if is_sep(c) {
            // an empty cell of a `|` row after a value on the line: a blank where a
            // number belongs, if another value follows on the line
            // (not before the first: pages pad merged label cells with empty ones)
            if !runs.cur.tokens.is_empty()
                && runs.newlines_since_token == 0
                && empty_cell_after(ch, i, end)
                && !phantoms.contains(&(i + 1))
            {
                runs.blank_cells.push(i + 1);
            }
            i += 1;
            continue;
        }
        let prev = if i > range.start {
            Some(ch[i - 1])
        } else {
            None
        };
        let sep_before = prev.is_none_or(is_sep);
        // A minus sign starts a number after a separator, or right after digits: the
        // flattened web layout glues `12`, `-1`, `73` into `12-173`.
        let sign_ok = sep_before || prev.is_some_and(|p| p.is_ascii_digit());
        let starts_number = c.is_ascii_digit()
            || (c == '-' && i + 1 < end && ch[i + 1].is_ascii_digit() && sign_ok);
        if starts_number {
            i = runs.number(ch, i, end, prev, part);
            continue;
        }
        // a placeholder standing alone where a value belongs
        if let Some((j, word)) = sep_before.then(|| placeholder_at(ch, i, end)).flatten() {
            runs.placeholder(i, j, word);
            i = j;
            continue;
        }
        match c {
            '(' | '[' | '【' => runs.paren_depth += 1,
            ')' | ']' | '】' => runs.paren_depth -= 1,
            _ => {}
        }
        if !runs.cur.tokens.is_empty() {
            runs.flush();
        }
        // text parts cells: empty ones before it were not between values
        runs.blank_cells.clear();
        runs.cur.label.push(c);
        i += 1;
    }
    runs.flush();
    runs.out
}

/// A number in the text, and whether it is a value.
struct NumberAt {
    /// Where its digits end.
    end: usize,
    text: String,
    /// The length of a unit printed after it (件, 万元).
    unit: usize,
    /// Part of the text (a year, an item number, "附表3"), not a value.
    in_text: bool,
}

/// The number that starts at char `a` (`prev` before it, inside `paren_depth` brackets).
fn number_at(ch: &[char], a: usize, end: usize, prev: Option<char>, paren_depth: i32) -> NumberAt {
    let sep_before = prev.is_none_or(is_sep);
    let mut j = number_end(ch, a, end, prev);
    let mut next = if j < end { Some(ch[j]) } else { None };
    // "…172.其他": the last digit is the next label's item number.
    let marker =
        next == Some('.') && j + 1 < end && !ch[j + 1].is_ascii_digit() && !is_sep(ch[j + 1]);
    if marker && j - a >= 2 && ch[a..j].iter().all(|c| c.is_ascii_digit()) {
        j -= 1;
        next = Some(ch[j]);
    }
    // "行政事业性收费02025年…": narrative glued to a table's last value starts with a
    // year; the year is text, the digits before it a value
    if next == Some('年') && !marker && glued_year_at(&ch[a..j]) {
        j -= 4;
        next = Some(ch[j]);
    }
    // a cell that gives its unit, "150件" or "3.5万元", standing alone
    let unit = if sep_before && !marker {
        unit_after(&ch[..end], j)
    } else {
        0
    };
    // "附表3" / "附件2" number an appended table, not a value
    let appendix = a >= 2 && matches!(ch[a - 2..a], ['附', '表'] | ['附', '件']);
    let in_text = unit == 0
        && (appendix
            || (paren_depth > 0 && prev.is_some_and(is_cjk) && next.is_some_and(is_cjk))
            || next.is_some_and(|n| "年月日件条号个万元%％位项".contains(n))
            || (marker && next == Some('.')));
    NumberAt {
        end: j,
        text: ch[a..j].iter().collect(),
        unit,
        in_text,
    }
}

/// A page footer ("- 3 -", "第 3 页", "3 / 150") on the line starting at `i`: where the
/// line ends. Whole lines only, as a range that starts mid-line (after a row's label)
/// holds that row's values, "3 / 150" among them.
fn footer_line_end(ch: &[char], i: usize, end: usize) -> Option<usize> {
    if i != 0 && ch[i - 1] != '\n' {
        return None;
    }
    let e = ch[i..end]
        .iter()
        .position(|&c| c == '\n')
        .map_or(end, |p| i + p);
    // most lines cannot be a footer: look before building a string
    let maybe = ch[i..e].iter().any(|c| c.is_ascii_digit())
        && ch[i..e]
            .iter()
            .any(|&c| c == '-' || c == '—' || c == '第' || c == '/');
    (maybe && is_page_footer(&ch[i..e].iter().collect::<String>())).then_some(e)
}

/// The `|` at `i` opens an empty cell (the next thing on the line is another `|`).
/// After a value on the line it is a blank where a number belongs; before the first it
/// is not (pages pad merged label cells with empty ones).
fn empty_cell_after(ch: &[char], i: usize, end: usize) -> bool {
    if !matches!(ch[i], '|' | '│') {
        return false;
    }
    let next = ch[i + 1..end].iter().find(|&&x| x != ' ');
    matches!(next, Some('|' | '│'))
}

/// Where the number starting at `a` ends: digits, thousands grouped by commas (12,345:
/// one to three digits, then groups of exactly three; not in a comma-separated row,
/// where a comma parts cells), and a decimal part.
fn number_end(ch: &[char], a: usize, end: usize, prev: Option<char>) -> usize {
    let mut j = a + 1;
    while j < end && ch[j].is_ascii_digit() {
        j += 1;
    }
    let lead = j - a - usize::from(ch[a] == '-');
    if (1..=3).contains(&lead) && prev != Some(',') {
        let mut k = j;
        while k + 3 < end
            && ch[k] == ','
            && ch[k + 1..k + 4].iter().all(|c| c.is_ascii_digit())
            && ch.get(k + 4).is_none_or(|c| !c.is_ascii_digit())
        {
            k += 4;
        }
        if k > j && ch.get(k).is_none_or(|&c| c != ',') {
            j = k;
        }
    }
    if j + 1 < end && ch[j] == '.' && ch[j + 1].is_ascii_digit() {
        j += 1;
        while j < end && ch[j].is_ascii_digit() {
            j += 1;
        }
    }
    j
}

/// A value's token (`text` starts at char `a`). A count is never printed with a leading
/// zero: "00" is two cells of 0, whatever else the row's text allows.
fn push_number(tokens: &mut Vec<Token>, a: usize, text: String, glued: bool) {
    let zeros = leading_zero_cells(&text);
    for z in 0..zeros {
        tokens.push(Token {
            a: a + z,
            b: a + z + 1,
            num: Num::parse("0"),
            text: "0".into(),
            glued: true,
        });
    }
    if zeros == 0 {
        let b = a + text.chars().count();
        tokens.push(Token {
            a,
            b,
            num: Num::parse(&text),
            text,
            glued,
        });
    }
}

/// A placeholder ("/", "—", "无") standing alone from `i`: where it ends, and the word.
fn placeholder_at(ch: &[char], i: usize, end: usize) -> Option<(usize, String)> {
    let j = ch[i..end]
        .iter()
        .position(|&c| is_sep(c))
        .map_or(end, |p| i + p);
    let word: String = ch[i..j].iter().collect();
    PLACEHOLDERS.contains(&word.as_str()).then_some((j, word))
}

/// A run of digits longer than a year that ends in one (1990–2099): "02025".
fn glued_year_at(run: &[char]) -> bool {
    if run.len() <= 4 || !run.iter().all(|c| c.is_ascii_digit()) {
        return false;
    }
    let year: String = run[run.len() - 4..].iter().collect();
    year.parse::<u32>()
        .is_ok_and(|y| (1990..=2099).contains(&y))
}

/// How many cells of 0 a run of zeros is ("000": three). Zero for anything else: a run
/// such as "0100" is left whole for the row's identities to split with its neighbours.
fn leading_zero_cells(text: &str) -> usize {
    if text.len() < 2 || !text.bytes().all(|b| b == b'0') {
        return 0;
    }
    text.len()
}

/// The cells of one `|` line: (start, end) char ranges.
fn pipe_cells(ch: &[char], line: Range<usize>) -> Vec<(usize, usize)> {
    let mut cells = Vec::new();
    let mut a = line.start;
    for i in line.clone() {
        if matches!(ch[i], '|' | '│') {
            cells.push((a, i));
            a = i + 1;
        }
    }
    cells.push((a, line.end));
    cells
}

/// Empty cells of `|` value rows that are no column at all: a PDF's wider gap in a head
/// (between 其他结果 and 尚未审结) becomes an empty cell in the head row and in every row
/// below it. Such a cell, empty in the head line above with the same cells and flanked
/// there by heads, is left out rather than read as a blank value. Returns where each
/// starts (the char after its `|`).
fn phantom_cells(ch: &[char], range: Range<usize>) -> Vec<usize> {
    let end = range.end.min(ch.len());
    // most text has no `|` rows: nothing to lay out line by line
    if !ch[range.start.min(end)..end]
        .iter()
        .any(|&c| matches!(c, '|' | '│'))
    {
        return Vec::new();
    }
    let mut lines: Vec<Range<usize>> = Vec::new();
    let mut a = range.start;
    for (i, _) in ch[..end]
        .iter()
        .enumerate()
        .skip(range.start)
        .filter(|(_, c)| **c == '\n')
    {
        lines.push(a..i);
        a = i + 1;
    }
    lines.push(a..end);
    let blank = |c: &(usize, usize)| ch[c.0..c.1].iter().all(|x| x.is_whitespace());
    let is_head =
        |c: &(usize, usize)| !blank(c) && !ch[c.0..c.1].iter().any(|x| x.is_ascii_digit());
    let mut out = Vec::new();
    let mut head: Option<Vec<(usize, usize)>> = None;
    for line in lines {
        let cells = pipe_cells(ch, line);
        if cells.len() < 3 {
            continue;
        }
        let values = cells
            .iter()
            .any(|c| ch[c.0..c.1].iter().any(|x| x.is_ascii_digit()));
        match &head {
            Some(h) if values && h.len() == cells.len() => {
                for k in 1..cells.len() - 1 {
                    if blank(&cells[k]) && blank(&h[k]) && is_head(&h[k - 1]) && is_head(&h[k + 1])
                    {
                        out.push(cells[k].0);
                    }
                }
            }
            _ => {}
        }
        if !values {
            head = Some(cells);
        }
    }
    out
}

/// Empty cells between two values of a row become tokens without a value.
fn push_blanks(cur: &mut Segment, blanks: &mut Vec<usize>) {
    for a in blanks.drain(..) {
        cur.tokens.push(Token {
            a,
            b: a,
            num: None,
            text: String::new(),
            glued: false,
        });
    }
}

/// Units a table cell may print after its number.
const UNITS: &[&str] = &[
    "万元", "元", "件", "个", "项", "条", "次", "人次", "人", "宗",
];

/// The length of the unit that follows a number ending at `j`, when the unit ends the
/// word (a separator or the end follows): "150件 " gives 1, "150件申请" gives 0.
fn unit_after(ch: &[char], j: usize) -> usize {
    for u in UNITS {
        let n = u.chars().count();
        if j + n <= ch.len()
            && ch[j..j + n].iter().copied().eq(u.chars())
            && ch.get(j + n).is_none_or(|&c| is_sep(c))
        {
            return n;
        }
    }
    0
}

/// True when the line that ends at `nl` (a line feed) holds only white space.
fn line_blank_before(ch: &[char], nl: usize) -> bool {
    let mut k = nl;
    while k > 0 {
        k -= 1;
        match ch[k] {
            '\n' => return true,
            ' ' => continue,
            _ => return false,
        }
    }
    true
}

/// Page furniture a PDF puts between rows: "-3-", "- 4 -", "第 3 页", "3/12".
pub fn is_page_footer(line: &str) -> bool {
    let s: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    if s.is_empty() {
        return false;
    }
    let dashed = s.len() >= 3
        && (s.starts_with('-') || s.starts_with('—'))
        && (s.ends_with('-') || s.ends_with('—'))
        && s.trim_matches(|c| c == '-' || c == '—')
            .chars()
            .all(|c| c.is_ascii_digit())
        && !s.trim_matches(|c| c == '-' || c == '—').is_empty();
    let page = s.starts_with('第')
        && s.contains('页')
        && s.chars().filter(|c| c.is_ascii_digit()).count() >= 1
        && s.chars()
            .all(|c| c.is_ascii_digit() || "第页共,".contains(c));
    let frac = s.contains('/')
        && s.split('/').count() == 2
        && s.split('/')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    dashed || page || frac
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_damaged_labels_approximately() {
        let pat: Vec<char> = "2.其他法律行政法规禁止公开".chars().collect();
        let text: Vec<(usize, char)> = "00001三2.其他法律行政止公开0000".char_indices().collect();
        let (a, b) = approx_find(&pat, &text, 3).unwrap();
        let got: String = text[a..b].iter().map(|x| x.1).collect();
        assert_eq!(got, "2.其他法律行政止公开");
        assert!(approx_find(&pat, &text, 1).is_none());
    }

    #[test]
    fn footers_are_recognised() {
        for s in ["  -3-", "-4 -", "— 12 —", "第 3 页", "第3页共12页", "3/12"] {
            assert!(is_page_footer(s), "{s}");
        }
        for s in ["0 0 0", "-1", "行政许可 3", "3"] {
            assert!(!is_page_footer(s), "{s}");
        }
    }

    #[test]
    fn segments_split_at_text_and_blank_lines() {
        let s = "行政检查\n 0\n 1\n\n \n行政确认\n 2\n(单位:万元,保留4位小数) 3 / 5";
        let t = NormText::new(s);
        let segs = segments(&t, 0..t.chars.len());
        assert_eq!(segs.len(), 3);
        assert_eq!(segs[0].label, "行政检查");
        assert_eq!(
            segs[0]
                .tokens
                .iter()
                .map(|x| x.text.as_str())
                .collect::<Vec<_>>(),
            ["0", "1"]
        );
        assert_eq!(segs[1].label, "行政确认");
        assert_eq!(
            segs[2]
                .tokens
                .iter()
                .map(|x| x.text.as_str())
                .collect::<Vec<_>>(),
            ["3", "/", "5"]
        );
        assert!(segs[2].tokens[1].num.is_none());
    }

    #[test]
    fn a_row_after_its_label_is_not_taken_for_a_page_footer() {
        // from the label's end the rest of the line, " 3 / 150", looks like "3/150"
        let s = "规章 3 / 150\n3/12\n规范性文件 1件 2件 3万元";
        let t = NormText::new(s);
        let from = s.chars().position(|c| c == ' ').unwrap();
        let texts: Vec<Vec<String>> = segments(&t, from..t.chars.len())
            .iter()
            .map(|g| g.tokens.iter().map(|x| x.text.clone()).collect())
            .collect();
        // the footer line between the rows is skipped; units after values are not text
        assert_eq!(texts, [vec!["3", "/", "150"], vec!["1", "2", "3"]]);
    }
}
