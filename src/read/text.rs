//! The decoded text and the normalised view the reader matches on.
//!
//! Matching must not care about full-width digits, U+3000 spaces, 、 vs . or labels
//! broken over lines, while every span must still point into the original text. So the
//! normalised view keeps exactly one char per original char, each with its byte offset,
//! and a compact view drops white space for label matching.

/// One normalised char per char of the original, with its byte offset there.
pub struct NormText<'a> {
    pub original: &'a str,
    pub chars: Vec<char>,
    /// Byte offset in `original` of each char; one extra entry holds `original.len()`.
    pub pos: Vec<u32>,
    /// The normalised text without white space, for label search.
    pub compact: String,
    /// For each byte offset of `compact` where a char starts, its index in `chars`.
    compact_map: Vec<u32>,
    /// Byte offsets in `original` where each line starts.
    line_starts: Vec<u32>,
    /// Every line is followed by a blank one (text copied from a page that sets each
    /// line as a paragraph), so one blank line does not part rows; two do.
    pub double_spaced: bool,
}

/// Whether lines with text are mostly parted by exactly one blank line rather than
/// following each other directly.
fn is_double_spaced(chars: &[char]) -> bool {
    let (mut one_blank, mut adjacent) = (0usize, 0usize);
    // blank lines since the last line with text; None before the first
    let mut blanks: Option<usize> = None;
    let mut text_on_line = false;
    for &c in chars.iter().chain(std::iter::once(&'\n')) {
        if c == '\n' {
            if text_on_line {
                match blanks {
                    Some(0) => adjacent += 1,
                    Some(1) => one_blank += 1,
                    _ => {}
                }
                blanks = Some(0);
            } else if let Some(b) = blanks.as_mut() {
                *b += 1;
            }
            text_on_line = false;
        } else if c != ' ' {
            text_on_line = true;
        }
    }
    one_blank >= 20 && one_blank >= 3 * adjacent
}

/// Pages saved from Word leave markup in their text: conditional comments
/// (`<!--[if !supportLists]-->`, `<![endif]>`) and style declarations (`mso-…: …;`,
/// `font-family: 宋体;`). Their digits are not values and their words not labels, so the
/// normalised view shows them as white space (the original text keeps them).
fn blank_markup_residue(chars: &mut [char]) {
    let mut i = 0;
    while i < chars.len() {
        // residue starts with `<` or a lower-case property name: most chars are neither
        if chars[i] != '<' && !chars[i].is_ascii_lowercase() {
            i += 1;
            continue;
        }
        let len = comment_at(chars, i).or_else(|| style_declaration_at(chars, i));
        match len {
            Some(len) => {
                chars[i..i + len].iter_mut().for_each(|c| {
                    if *c != '\n' {
                        *c = ' '
                    }
                });
                i += len;
            }
            None => i += 1,
        }
    }
}

/// `<!-- … -->` or `<![…]>` starting at `i`, short enough to be residue: its length.
fn comment_at(chars: &[char], i: usize) -> Option<usize> {
    if chars.get(i) != Some(&'<') || chars.get(i + 1) != Some(&'!') {
        return None;
    }
    let rest = &chars[i..chars.len().min(i + 200)];
    let close: &[char] = if rest.get(2..4) == Some(&['-', '-']) {
        &['-', '-', '>']
    } else if rest.get(2) == Some(&'[') {
        &[']', '>']
    } else {
        return None;
    };
    let at = rest.windows(close.len()).position(|w| w == close)?;
    // `<![endif]-->` closes with `]-->`
    Some(at + close.len())
}

/// Style properties whose declarations Word leaves in a page's text.
const STYLE_PROPERTIES: &[&str] = &[
    "font-family",
    "font-size",
    "font-weight",
    "line-height",
    "text-indent",
    "text-align",
    "letter-spacing",
    "margin",
    "padding",
    "color",
    "background",
];

/// `mso-bidi-font-size:10.5pt;` or `font-family:宋体;` starting at `i`: its length.
fn style_declaration_at(chars: &[char], i: usize) -> Option<usize> {
    if i > 0 && (chars[i - 1].is_ascii_alphanumeric() || chars[i - 1] == '-') {
        return None;
    }
    let name_len = chars[i..]
        .iter()
        .take(40)
        .take_while(|c| c.is_ascii_lowercase() || **c == '-')
        .count();
    if name_len < 4 || chars.get(i + name_len) != Some(&':') {
        return None;
    }
    let name: String = chars[i..i + name_len].iter().collect();
    let known = name.starts_with("mso-")
        || STYLE_PROPERTIES.iter().any(|p| {
            name.strip_prefix(p)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('-'))
        });
    if !known {
        return None;
    }
    // the value runs to `;` (or `"`/`'`/`>` closing an attribute) within the line
    let value = &chars[i + name_len + 1..chars.len().min(i + name_len + 1 + 120)];
    let end = value
        .iter()
        .position(|&c| matches!(c, ';' | '"' | '\'' | '>' | '\n'))?;
    let semi = usize::from(value[end] == ';');
    Some(name_len + 1 + end + semi)
}

/// Folds the character variants that reports mix freely.
pub fn normalize_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}'
        | '\u{00A0}'
        | '\t'
        | '\r'
        | '\u{000B}'
        | '\u{000C}'
        | '\u{2002}'..='\u{200B}'
        | '\u{FEFF}'
        | '\u{202F}'
        | '\u{205F}' => ' ',
        '、' => '.',
        '\u{2212}' | '\u{2013}' => '-',
        _ => c,
    }
}

/// Normalises a label the same way the text is, and drops white space.
pub fn compact_label(s: &str) -> String {
    s.chars()
        .map(normalize_char)
        .filter(|c| !c.is_whitespace())
        .collect()
}

impl<'a> NormText<'a> {
    pub fn new(original: &'a str) -> NormText<'a> {
        let n = original.len();
        let mut chars = Vec::with_capacity(n / 2);
        let mut pos = Vec::with_capacity(n / 2 + 1);
        let mut line_starts = vec![0u32];
        for (i, c) in original.char_indices() {
            if c == '\n' {
                line_starts.push(i as u32 + 1);
            }
            chars.push(normalize_char(c));
            pos.push(i as u32);
        }
        pos.push(n as u32);
        blank_markup_residue(&mut chars);
        let mut compact = String::with_capacity(n);
        let mut compact_map = Vec::with_capacity(n);
        for (idx, &nc) in chars.iter().enumerate() {
            if !nc.is_whitespace() {
                let before = compact.len();
                compact.push(nc);
                compact_map.resize(compact.len(), u32::MAX);
                compact_map[before] = idx as u32;
            }
        }
        let double_spaced = is_double_spaced(&chars);
        NormText {
            original,
            chars,
            pos,
            compact,
            compact_map,
            line_starts,
            double_spaced,
        }
    }

    /// Index in `chars` of the char at a byte offset of `compact`.
    pub fn from_compact(&self, byte: usize) -> usize {
        if byte >= self.compact.len() {
            return self.chars.len();
        }
        self.compact_map[byte] as usize
    }

    /// Index in `chars` just after the char that ends at compact byte `end`.
    pub fn from_compact_end(&self, end: usize) -> usize {
        if end == 0 {
            return 0;
        }
        // find the start of the last char before `end`
        let mut b = end - 1;
        while !self.compact.is_char_boundary(b) {
            b -= 1;
        }
        self.compact_map[b] as usize + 1
    }

    /// Byte offset in `compact` of the first compact char at or after char index `idx`.
    pub fn to_compact(&self, idx: usize) -> usize {
        // compact_map is increasing over char starts: binary search over starts.
        let (mut lo, mut hi) = (0usize, self.compact.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            let mut m = mid;
            while m < self.compact.len() && !self.compact.is_char_boundary(m) {
                m += 1;
            }
            if m >= self.compact.len() {
                hi = mid;
                continue;
            }
            if (self.compact_map[m] as usize) < idx {
                lo = m + 1;
            } else {
                hi = mid;
            }
        }
        let mut m = lo;
        while m < self.compact.len() && !self.compact.is_char_boundary(m) {
            m += 1;
        }
        m
    }

    /// Byte span in the original text of chars `[a, b)`.
    pub fn span(&self, a: usize, b: usize) -> (usize, usize) {
        (self.pos[a] as usize, self.pos[b] as usize)
    }

    /// 1-based line of a byte offset, counting line feeds only.
    pub fn line_of(&self, byte: usize) -> u32 {
        match self.line_starts.binary_search(&(byte as u32)) {
            Ok(i) => i as u32 + 1,
            Err(i) => i as u32,
        }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }
}

/// 1-based line of a byte offset in `text`, counting line feeds only (as `cat -n`).
pub fn line_of(text: &str, byte: usize) -> u32 {
    1 + text.as_bytes()[..byte.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_markup_left_in_a_page_is_white_space_in_the_view() {
        let s = "规章<!--[if !supportLists]-->1<![endif]-->\n<span style=\"mso-bidi-font-size:10.5pt;font-family:宋体\">2</span>";
        let t = NormText::new(s);
        let view: String = t.chars.iter().collect();
        assert!(!view.contains("10.5"), "{view}");
        assert!(!view.contains("宋体"), "{view}");
        assert!(t.compact.starts_with("规章1"), "{}", t.compact);
        assert!(t.compact.contains(">2<"), "{}", t.compact);
        assert_eq!(t.chars.len() + 1, t.pos.len());
    }

    #[test]
    fn normalised_view_keeps_original_offsets() {
        let s = "规章\t０　1、\r\n（七）总 计";
        let t = NormText::new(s);
        assert_eq!(t.chars.iter().collect::<String>(), "规章 0 1. \n(七)总 计");
        assert_eq!(t.compact, "规章01.(七)总计");
        // the full-width zero is three bytes at offset 7
        let i = t.chars.iter().position(|&c| c == '0').unwrap();
        assert_eq!(t.span(i, i + 1), (7, 10));
        let at = t.compact.find("(七)总计").unwrap();
        let a = t.from_compact(at);
        assert_eq!(t.chars[a], '(');
        assert_eq!(t.from_compact_end(t.compact.len()), t.chars.len());
        assert_eq!(t.to_compact(a), at);
        assert_eq!(t.line_of(0), 1);
        assert_eq!(t.line_of(s.find('（').unwrap()), 2);
    }

    #[test]
    fn form_feed_does_not_end_a_line() {
        let s = "a\n\x0cb\nc";
        let t = NormText::new(s);
        assert_eq!(t.line_of(s.find('c').unwrap()), 3);
        assert_eq!(line_of(s, s.find('c').unwrap()), 3);
    }
}
