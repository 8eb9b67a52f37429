//! HTML pages: paragraphs as lines, tables as ` | ` rows with rowspan and colspan
//! honoured, scripts and styles ignored, the encoding from the page or detected.

use super::DocumentError;
use crate::input::decode::Encoding;

/// The page's text and the encoding it was decoded from.
pub fn to_text(bytes: &[u8]) -> Result<(String, Encoding), DocumentError> {
    let (page, enc) = decode_page(bytes)?;
    Ok((render(&page)?, enc))
}

/// At most this many table cells are laid out in a page, the cells that rowspan and
/// colspan add included: a report has a few hundred, and a page of a few KB whose spans
/// multiply into millions of cells would take minutes and gigabytes to lay out.
pub const MAX_CELLS: usize = 4_000_000;

fn too_many_cells() -> DocumentError {
    DocumentError(format!(
        "the page's tables span more than {MAX_CELLS} cells (rowspan/colspan): not a report"
    ))
}

/// The charset a page declares in its first 4 KB (`<meta charset=…>` or the
/// http-equiv content type), as encoding_rs knows it.
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head: String = bytes[..bytes.len().min(4096)]
        .iter()
        .map(|&b| (b as char).to_ascii_lowercase())
        .collect();
    let mut from = 0;
    while let Some(p) = head[from..].find("charset") {
        let at = from + p + 7;
        let rest = head[at..]
            .trim_start_matches(|c: char| c == '=' || c == '"' || c == '\'' || c.is_whitespace());
        let label: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        if let Some(e) = encoding_rs::Encoding::for_label(label.as_bytes()) {
            return Some(e);
        }
        from = at;
    }
    None
}

/// Decodes a page: a BOM first, then UTF-8 if the bytes are UTF-8 (a page that
/// declares GBK but is written in UTF-8 is a common slip, and GBK text is almost never
/// valid UTF-8), then the declared charset or GB18030 (GBK pages are common).
fn decode_page(bytes: &[u8]) -> Result<(String, Encoding), DocumentError> {
    if let Some(found) = crate::input::decode::by_bom(bytes) {
        return Ok(found);
    }
    let gb = |b: &[u8]| {
        let (t, _, bad) = encoding_rs::GB18030.decode(b);
        (t.into_owned(), bad)
    };
    let declared_gb =
        declared_charset(bytes).is_some_and(|e| e == encoding_rs::GBK || e == encoding_rs::GB18030);
    if declared_gb && bytes.is_ascii() {
        return Ok((
            String::from_utf8_lossy(bytes).into_owned(),
            Encoding::Gb18030,
        ));
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_string(), Encoding::Utf8));
    }
    let (t, bad) = gb(bytes);
    if !bad {
        return Ok((t, Encoding::Gb18030));
    }
    // a page cut off mid-character, or with a stray byte: take the reading with
    // fewer undecodable characters, if they are few
    let lossy = String::from_utf8_lossy(bytes);
    let bad_utf8 = lossy.matches('\u{FFFD}').count();
    let bad_gb = t.matches('\u{FFFD}').count();
    let (text, enc, bad) = if bad_utf8 <= bad_gb {
        (lossy.into_owned(), Encoding::Utf8, bad_utf8)
    } else {
        (t, Encoding::Gb18030, bad_gb)
    };
    if bad * 200 <= text.chars().count() {
        Ok((text, enc))
    } else {
        Err(DocumentError(
            "an HTML page whose text is neither UTF-8 nor GB18030/GBK (whatever its charset says)"
                .into(),
        ))
    }
}

fn entity(name: &str) -> Option<char> {
    Some(match name {
        "nbsp" => '\u{a0}',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "ldquo" => '“',
        "rdquo" => '”',
        "mdash" => '—',
        "ndash" => '–',
        "middot" => '·',
        "lsquo" => '‘',
        "rsquo" => '’',
        "hellip" => '…',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "times" => '×',
        "divide" => '÷',
        "le" => '≤',
        "ge" => '≥',
        "plusmn" => '±',
        "permil" => '‰',
        "deg" => '°',
        "bull" => '•',
        "copy" => '©',
        "reg" => '®',
        "yen" => '¥',
        _ => {
            let n = name.strip_prefix('#')?;
            let v = match n.strip_prefix(['x', 'X']) {
                Some(h) => u32::from_str_radix(h, 16).ok()?,
                None => n.parse().ok()?,
            };
            return char::from_u32(v).filter(|c| *c != '\0');
        }
    })
}

/// Text with entities decoded.
fn entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        let tail = &rest[p + 1..];
        match tail
            .find(';')
            .filter(|&e| e <= 10)
            .and_then(|e| entity(&tail[..e]).map(|c| (c, e)))
        {
            Some((c, e)) => {
                out.push(c);
                rest = &tail[e + 1..];
            }
            None => {
                out.push('&');
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Text with entities decoded and white space collapsed to single spaces, as a
/// browser shows it.
fn clean(s: &str) -> String {
    let out = entities(s);
    let mut collapsed = String::with_capacity(out.len());
    let mut space = false;
    for c in out.chars() {
        if c.is_whitespace() && c != '\u{a0}' && c != '\u{3000}' {
            space = true;
        } else {
            if space && !collapsed.is_empty() {
                collapsed.push(' ');
            }
            space = false;
            collapsed.push(c);
        }
    }
    collapsed
}

struct Cell {
    text: String,
    rowspan: usize,
    colspan: usize,
}

/// A numeric attribute of a tag (`rowspan="2"`, `colspan=3`), bounded.
fn attr(tag: &str, name: &str, max: usize) -> Option<usize> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(p) = lower[from..].find(name) {
        let at = from + p;
        from = at + name.len();
        // a whole attribute name, not the end of `data-rowspan` or a style's text
        if at > 0 && !lower.as_bytes()[at - 1].is_ascii_whitespace() {
            continue;
        }
        let Some(rest) = lower[from..].trim_start().strip_prefix('=') else {
            continue;
        };
        let digits: String = rest
            .trim_start()
            .trim_start_matches(['"', '\''])
            .trim_start()
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        return digits
            .parse()
            .ok()
            .filter(|&n: &usize| n >= 1)
            .map(|n| n.min(max));
    }
    None
}

/// Lays out a table's rows with rowspans carried down and colspans filled, so each
/// cell keeps its column and no two values share a cell. Every cell laid out, and every
/// column a covered row steps over, is taken from `budget`; `None` once it runs out.
fn table_lines(rows: &[Vec<Cell>], budget: &mut usize) -> Option<Vec<String>> {
    let mut carry: Vec<usize> = Vec::new(); // rows still covered, per column
    let mut out = Vec::new();
    for row in rows {
        let mut line: Vec<String> = Vec::new();
        let mut col = 0;
        let mut cells = row.iter();
        loop {
            *budget = budget.checked_sub(1)?;
            if col < carry.len() && carry[col] > 0 {
                carry[col] -= 1;
                line.push(String::new());
                col += 1;
                continue;
            }
            let Some(c) = cells.next() else { break };
            *budget = budget.checked_sub(c.colspan)?;
            for k in 0..c.colspan {
                if carry.len() <= col {
                    carry.resize(col + 1, 0);
                }
                carry[col] = c.rowspan - 1;
                line.push(if k == 0 {
                    clean(&c.text).trim().replace('|', "¦")
                } else {
                    String::new()
                });
                col += 1;
            }
        }
        // columns still covered to the right of the last cell
        *budget = budget.checked_sub(carry.len().saturating_sub(col))?;
        while col < carry.len() {
            if carry[col] > 0 {
                carry[col] -= 1;
            }
            col += 1;
        }
        while line.last().is_some_and(|s| s.is_empty()) {
            line.pop();
        }
        if !line.is_empty() {
            out.push(line.join(" | "));
        }
    }
    Some(out)
}

/// A table's lines once it ends (or the page does): the open row and cell close too.
fn finish((mut rows, mut row, cell): Open, budget: &mut usize) -> Option<Vec<String>> {
    if let Some(c) = cell {
        row.get_or_insert_with(Vec::new).push(c);
    }
    if let Some(r) = row {
        rows.push(r);
    }
    table_lines(&rows, budget)
}

const BLOCK: &[&str] = &[
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "section",
    "article",
    "title",
    "table",
    "tr",
    "hr",
    "blockquote",
    "pre",
];
const SKIP: &[&str] = &["script", "style", "noscript", "template", "svg", "iframe"];
const MAX_DEPTH: usize = 64;

/// A table being read: its rows, the row and the cell open in it.
type Open = (Vec<Vec<Cell>>, Option<Vec<Cell>>, Option<Cell>);

/// The page as text, or why it is not a report's page (its tables span more than
/// [`MAX_CELLS`] cells).
pub fn render(page: &str) -> Result<String, DocumentError> {
    let mut p = Page {
        out: String::with_capacity(page.len() / 3),
        budget: MAX_CELLS,
        ..Page::default()
    };
    let mut i = 0;
    let b = page.as_bytes();
    while i < b.len() {
        if b[i] != b'<' {
            let next = page[i..].find('<').map_or(page.len(), |p| i + p);
            p.text.push_str(&page[i..next]);
            i = next;
            continue;
        }
        if page[i..].starts_with("<!--") {
            i = page[i..].find("-->").map_or(page.len(), |p| i + p + 3);
            continue;
        }
        // `<` not opening a tag (`a < b`) is text, as browsers read it
        if !b
            .get(i + 1)
            .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, b'/' | b'!' | b'?'))
        {
            p.text.push('<');
            i += 1;
            continue;
        }
        let (tag, end) = match page[i..].find('>') {
            Some(p) => (&page[i + 1..i + p], i + p + 1),
            // a page cut inside a tag
            None => (&page[i + 1..], page.len()),
        };
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        i = end;
        if !closing && SKIP.contains(&name.as_str()) {
            i = close_tag(page, i, &name);
            continue;
        }
        p.tag(&name, closing, tag);
        if p.over {
            return Err(too_many_cells());
        }
    }
    p.finish().ok_or_else(too_many_cells)
}

/// Where the close tag of `name` starts at or after `from` (the page's end if none),
/// compared without case and without copying the page.
fn close_tag(page: &str, from: usize, name: &str) -> usize {
    let mut j = from;
    loop {
        match page[j..].find("</") {
            None => return page.len(),
            Some(p) => {
                let at = j + p + 2;
                if page.as_bytes()[at..].len() >= name.len()
                    && page.as_bytes()[at..at + name.len()].eq_ignore_ascii_case(name.as_bytes())
                {
                    return j + p;
                }
                j = at;
            }
        }
    }
}

/// Where `render` is in the page: the text so far, the text since the last tag, the
/// tables open around it (nested: a stack of rows, current row, current cell), and how
/// deep in `<pre>` it is (white space kept as written); the cells it may still lay out,
/// and whether it ran out of them.
#[derive(Default)]
struct Page {
    out: String,
    text: String,
    tables: Vec<Open>,
    pre: usize,
    budget: usize,
    over: bool,
}

impl Page {
    fn flush_text(&mut self) {
        if self.text.is_empty() {
            return;
        }
        let text = &self.text;
        if let Some((_, _, Some(cell))) = self.tables.last_mut() {
            cell.text.push_str(text);
        } else if self.tables.is_empty() && self.pre > 0 {
            self.out.push_str(&entities(text).replace("\r\n", "\n"));
        } else if self.tables.is_empty() {
            let c = clean(text);
            if !c.trim().is_empty() {
                self.out.push_str(c.trim());
            }
        }
        self.text.clear();
    }

    fn new_line(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
    }

    fn tag(&mut self, name: &str, closing: bool, tag: &str) {
        let known = matches!(name, "table" | "tr" | "td" | "th" | "pre") || BLOCK.contains(&name);
        if !known {
            return;
        }
        self.flush_text();
        match (name, closing) {
            ("table", false) => {
                if self.tables.len() < MAX_DEPTH {
                    self.tables.push((Vec::new(), None, None));
                }
            }
            ("table", true) => self.end_table(),
            ("tr", _) => {
                if let Some((rows, row, cell)) = self.tables.last_mut() {
                    if let Some(c) = cell.take() {
                        row.get_or_insert_with(Vec::new).push(c);
                    }
                    if let Some(r) = row.take() {
                        rows.push(r);
                    }
                    if !closing {
                        *row = Some(Vec::new());
                    }
                }
            }
            ("td", _) | ("th", _) => self.cell(closing, tag),
            ("pre", _) => {
                self.pre = if closing {
                    self.pre.saturating_sub(1)
                } else {
                    self.pre + 1
                };
                if self.tables.is_empty() {
                    self.new_line();
                }
            }
            _ => {
                if let Some((_, _, Some(cell))) = self.tables.last_mut() {
                    cell.text.push(' ');
                } else if self.tables.is_empty() {
                    self.new_line();
                }
            }
        }
    }

    fn cell(&mut self, closing: bool, tag: &str) {
        if let Some((_, row, cell)) = self.tables.last_mut() {
            if let Some(c) = cell.take() {
                row.get_or_insert_with(Vec::new).push(c);
            }
            if !closing {
                *cell = Some(Cell {
                    text: String::new(),
                    rowspan: attr(tag, "rowspan", 10_000).unwrap_or(1),
                    colspan: attr(tag, "colspan", 100).unwrap_or(1),
                });
            }
        }
    }

    fn end_table(&mut self) {
        let Some(open) = self.tables.pop() else {
            return;
        };
        let Some(lines) = finish(open, &mut self.budget) else {
            self.over = true;
            return;
        };
        match self.tables.last_mut() {
            // a table inside a cell: its text joins the cell
            Some((_, _, Some(cell))) => cell.text.push_str(&lines.join(" ")),
            _ => {
                self.new_line();
                for l in lines {
                    self.out.push_str(&l);
                    self.out.push('\n');
                }
            }
        }
    }

    fn finish(mut self) -> Option<String> {
        self.flush_text();
        // an unclosed table at the end of a truncated page
        while let Some(open) = self.tables.pop() {
            self.out.push('\n');
            for l in finish(open, &mut self.budget)? {
                self.out.push_str(&l);
                self.out.push('\n');
            }
        }
        Some(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rowspan_and_colspan_keep_columns() {
        let html = "<table><tr><td rowspan=2>三、本年度办理结果</td><td>(一)予以公开</td><td>1</td><td>2</td></tr>\
                    <tr><td>(二)部分公开</td><td>3</td><td>4</td></tr>\
                    <tr><td colspan=2>(七)总计</td><td>4</td><td>6</td></tr></table>";
        let t = render(html).unwrap();
        assert_eq!(t, "三、本年度办理结果 | (一)予以公开 | 1 | 2\n | (二)部分公开 | 3 | 4\n(七)总计 |  | 4 | 6\n");
    }

    #[test]
    fn scripts_styles_comments_and_entities() {
        let html = "<html><head><title>某局2023年政府信息公开工作年度报告</title><style>td{x:1}</style><script>var a='<table>';</script></head>\
                    <body><!-- nav --><p>一、总体情况&nbsp;&amp;&#x4E00;</p></body></html>";
        let t = render(html).unwrap();
        assert!(t.contains("某局2023年政府信息公开工作年度报告"));
        assert!(t.contains("一、总体情况\u{a0}&一"));
        assert!(!t.contains("td{") && !t.contains("var a"));
    }
}

#[cfg(test)]
mod pre {
    #[test]
    fn preformatted_text_keeps_its_white_space() {
        let t = super::render("<html><body><p>标题</p><pre>一、本年新收   12    3\r\n  二、上年结转  &lt;1&gt;</pre><p>a   b</p></body></html>").unwrap();
        assert_eq!(
            t,
            "标题\n一、本年新收   12    3\n  二、上年结转  <1>\na b\n"
        );
    }
}

#[cfg(test)]
mod speed {
    /// A page of Word-export size (300 KB of markup) renders every row.
    #[test]
    fn html_size_word_export_page() {
        let row = "<tr style='height:20pt'><td width=80 style='border:solid windowtext 1.0pt;mso-border-alt:solid'><p class=MsoNormal align=center><span style='font-size:10.5pt;font-family:仿宋_GB2312'>0<o:p></o:p></span></p></td></tr>\n";
        let mut page =
            String::from("<html><head><style>p.MsoNormal{margin:0}</style></head><body><table>");
        while page.len() < 300_000 {
            page.push_str(row);
        }
        page.push_str("</table></body></html>");
        let text = super::render(&page).unwrap();
        let rows = page.matches("<tr").count();
        assert_eq!(text.lines().filter(|l| *l == "0").count(), rows);
    }
}
