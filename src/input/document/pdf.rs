//! PDF: the text layer, in reading order, each table row on one line where the layout
//! allows.
//!
//! The file is parsed with lopdf; the page content is interpreted here, just enough to
//! know where each glyph lands and which character it is: the text and graphics
//! matrices, the text state, form XObjects, and each font's Unicode map (ToUnicode, the
//! predefined Chinese CMaps UniGB-UCS2 / GBK-EUC, or a simple font's encoding). Glyphs are
//! then grouped by baseline, sorted left to right, and joined: a wide gap (a table's
//! column) becomes ` | `, a narrow one a space, so the digits of neighbouring cells never
//! run together.

use super::DocumentError;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::HashMap;
use std::rc::Rc;

pub const MAX_PAGES: usize = 5_000;
/// Decompressed content of one page (or form), and of any stream read.
pub const MAX_STREAM_BYTES: usize = 64 * 1024 * 1024;
/// Glyphs shown in the whole document: a report shows tens of thousands (a dense page
/// some two thousand); each glyph placed costs about 60 bytes until its page is read.
pub const MAX_GLYPHS: usize = 500_000;
/// Content-stream operators run in the whole document, those of form XObjects drawn
/// (again and again, if forms draw each other) included: this many, and
/// [`OPERATORS_PER_BYTE`] more for each byte of the file (a page of text is some ten
/// thousand operators in a few KB compressed; forms drawing each other are millions
/// from a few KB).
pub const MAX_OPERATORS: usize = 1_000_000;
pub const OPERATORS_PER_BYTE: usize = 4;
/// Content bytes parsed in the whole document, each drawing of a form counted again.
pub const MAX_CONTENT_BYTES: usize = 256 * 1024 * 1024;
/// Cells of the ruled tables rebuilt on one page (a report's page has a few hundred).
pub const MAX_GRID_CELLS: usize = 200_000;
const MAX_FORM_DEPTH: usize = 12;
const MAX_STATE_DEPTH: usize = 256;
const MAX_CMAP_ENTRIES: usize = 200_000;
const MAX_PATH: usize = 100_000;
const MAX_RULES: usize = 200_000;

/// A gap between glyphs this many ems wide separates table cells (` | `).
const CELL_GAP: f64 = 1.0;
/// A gap this wide is a space between words.
const WORD_GAP: f64 = 0.2;

/// A PDF whose structure is broken, said as such (not taken for a scan).
fn damaged(what: &str) -> DocumentError {
    DocumentError(format!(
        "the PDF's structure is damaged: {what} (a truncated or corrupted file?)"
    ))
}

fn too_much_drawing(max_ops: usize) -> DocumentError {
    DocumentError(format!(
        "the PDF's pages draw more than {max_ops} operations or {} MB of content \
         (form XObjects drawing each other?): not a report",
        MAX_CONTENT_BYTES >> 20
    ))
}

/// The text of a PDF's pages, or why there is none.
pub fn to_text(bytes: &[u8]) -> Result<String, DocumentError> {
    to_text_paged(bytes).map(|(text, _)| text)
}

/// The text of a PDF's pages with the page (1-based) each line of it starts on: a
/// reviewer cites a PDF by page.
pub fn to_text_paged(bytes: &[u8]) -> Result<(String, Vec<u32>), DocumentError> {
    // lopdf is hardened against hostile files; a panic left in it must still not end
    // the program, only this file's reading.
    let loaded = std::panic::catch_unwind(|| {
        let opts = lopdf::LoadOptions {
            max_decompressed_size: Some(MAX_STREAM_BYTES),
            ..Default::default()
        };
        Document::load_mem_with_options(bytes, opts)
    });
    let doc = match loaded {
        Ok(Ok(doc)) => doc,
        Ok(Err(e)) => return Err(format!("not a readable PDF (truncated or damaged?): {e}").into()),
        Err(_) => return Err("not a readable PDF: the file is too damaged to parse".into()),
    };
    if doc.trailer.has(b"Encrypt") && !doc.was_encrypted() {
        return Err(
            "the PDF is protected by a password: open it and save or print it without one first"
                .into(),
        );
    }
    let max_ops = MAX_OPERATORS.saturating_add(bytes.len().saturating_mul(OPERATORS_PER_BYTE));
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut x = Extractor::new(&doc);
        x.max_ops = max_ops;
        x.run()
    }));
    read.unwrap_or_else(|_| Err("the PDF's pages could not be read (damaged content)".into()))
}

/// A glyph placed on the page, in display space (page rotation applied, y up).
#[derive(Debug, Clone)]
struct Glyph {
    x: f64,
    y: f64,
    /// Advance along x (display space).
    w: f64,
    /// Font size (display space).
    size: f64,
    text: Text,
}

#[derive(Debug, Clone)]
enum Text {
    Char(char),
    Str(Rc<str>),
    /// A glyph whose character the font does not tell.
    Unknown,
    Space,
}

type Matrix = [f64; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `a` then `b` (row vectors: p · a · b).
fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn apply(m: &Matrix, x: f64, y: f64) -> (f64, f64) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

#[derive(Clone)]
struct GState {
    ctm: Matrix,
    char_spacing: f64,
    word_spacing: f64,
    hscale: f64,
    leading: f64,
    rise: f64,
    font: Option<Rc<Font>>,
    size: f64,
}

/// How a font's codes become characters.
enum Codes {
    /// One byte per code; the encoding's character for each byte.
    Simple(Box<[Option<char>; 256]>),
    /// Two bytes per code: CIDs, characters only through ToUnicode.
    Identity,
    /// Two bytes per code, the code being UTF-16 (UniGB-UCS2-H, UniGB-UTF16-H, …).
    Ucs2,
    /// GBK bytes: one for ASCII, two for a lead byte 0x81–0xFE (GBK-EUC-H, GBpc-EUC-H).
    Gbk,
}

struct Font {
    codes: Codes,
    /// Code lengths in bytes from the ToUnicode codespace: (len, low, high).
    codespace: Vec<(usize, u32, u32)>,
    to_unicode: HashMap<u32, Rc<str>>,
    /// Widths in 1/1000 em by code (simple fonts, or CIDs of an Identity font).
    widths: HashMap<u32, f64>,
    default_width: f64,
    /// Widths apply to the code itself (not the case for UCS2/GBK CMaps).
    widths_by_code: bool,
}

impl Font {
    /// Splits a string into codes.
    fn codes(&self, s: &[u8]) -> Vec<(u32, usize)> {
        let mut out = Vec::with_capacity(s.len());
        let mut i = 0;
        while i < s.len() {
            let n = self.code_len(&s[i..]).min(s.len() - i).max(1);
            let code = s[i..i + n].iter().fold(0u32, |a, &b| (a << 8) | b as u32);
            out.push((code, n));
            i += n;
        }
        out
    }

    fn code_len(&self, rest: &[u8]) -> usize {
        match self.codes {
            Codes::Simple(_) => 1,
            Codes::Gbk => {
                if (0x81..=0xFE).contains(&rest[0]) {
                    2
                } else {
                    1
                }
            }
            Codes::Identity | Codes::Ucs2 => {
                for &(n, lo, hi) in &self.codespace {
                    if n <= rest.len() {
                        let c = rest[..n].iter().fold(0u32, |a, &b| (a << 8) | b as u32);
                        if (lo..=hi).contains(&c) {
                            return n;
                        }
                    }
                }
                2
            }
        }
    }

    fn text(&self, code: u32, n: usize) -> Text {
        if let Some(s) = self.to_unicode.get(&code) {
            let mut cs = s.chars();
            return match (cs.next(), cs.next()) {
                (Some(c), None) if c.is_whitespace() => Text::Space,
                (Some(c), None) => Text::Char(c),
                (None, _) => Text::Unknown,
                _ => Text::Str(s.clone()),
            };
        }
        let c = match &self.codes {
            Codes::Simple(table) => table[(code & 0xFF) as usize],
            Codes::Identity => None,
            Codes::Ucs2 => char::from_u32(code),
            Codes::Gbk => {
                let bytes = if n == 2 {
                    vec![(code >> 8) as u8, code as u8]
                } else {
                    vec![code as u8]
                };
                let (t, _, bad) = encoding_rs::GBK.decode(&bytes);
                if bad {
                    None
                } else {
                    t.chars().next()
                }
            }
        };
        match c {
            Some(c) if c.is_whitespace() => Text::Space,
            Some(c) if c.is_control() => Text::Unknown,
            Some(c) => Text::Char(c),
            None => Text::Unknown,
        }
    }

    /// The glyph's advance in 1/1000 em.
    fn width(&self, code: u32, text: &Text) -> f64 {
        if self.widths_by_code {
            if let Some(w) = self.widths.get(&code) {
                return *w;
            }
            return self.default_width;
        }
        match text {
            Text::Char(c) if c.is_ascii() => 500.0,
            Text::Space => 250.0,
            _ => 1000.0,
        }
    }
}

struct Extractor<'a> {
    doc: &'a Document,
    fonts: HashMap<ObjectId, Rc<Font>>,
    glyphs: Vec<Glyph>,
    /// The page's ruling lines (table borders), in display space.
    rules: Vec<Rule>,
    total: usize,
    unknown: usize,
    /// Operators run and content bytes parsed so far (against [`MAX_OPERATORS`] and
    /// [`MAX_CONTENT_BYTES`]).
    ops: usize,
    max_ops: usize,
    content_bytes: usize,
    /// Pages that are not dictionaries, or whose content the file does not hold.
    damaged_pages: usize,
}

fn num(o: &Object) -> Option<f64> {
    let v = match o {
        Object::Integer(i) => *i as f64,
        Object::Real(r) => *r as f64,
        _ => return None,
    };
    v.is_finite().then_some(v)
}

impl<'a> Extractor<'a> {
    fn new(doc: &'a Document) -> Self {
        Extractor {
            doc,
            fonts: HashMap::new(),
            glyphs: Vec::new(),
            rules: Vec::new(),
            total: 0,
            unknown: 0,
            ops: 0,
            max_ops: MAX_OPERATORS,
            content_bytes: 0,
            damaged_pages: 0,
        }
    }

    fn deref(&self, o: &'a Object) -> Option<&'a Object> {
        self.doc.dereference(o).ok().map(|(_, o)| o)
    }

    fn dict(&self, o: &'a Object) -> Option<&'a Dictionary> {
        match self.deref(o)? {
            Object::Dictionary(d) => Some(d),
            Object::Stream(s) => Some(&s.dict),
            _ => None,
        }
    }

    fn get(&self, d: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
        d.get(key).ok().and_then(|o| self.deref(o))
    }

    fn run(mut self) -> Result<(String, Vec<u32>), DocumentError> {
        let pages = self.doc.get_pages();
        if pages.len() > MAX_PAGES {
            return Err(format!(
                "the PDF has {} pages, more than the {MAX_PAGES} a report can have",
                pages.len()
            )
            .into());
        }
        if pages.is_empty() {
            return Err(damaged("no page can be found from its page tree"));
        }
        let mut out = String::new();
        let mut lines: Vec<Line> = Vec::new();
        let mut last_row: Option<usize> = None;
        // a row continued over a page break keeps the page it starts on
        let mut line_pages: Vec<u32> = Vec::new();
        for (&number, &page_id) in pages.iter() {
            if let Some(page) = self.read_page(page_id)? {
                last_row = add_page(&mut lines, last_row, page);
                line_pages.resize(lines.len(), number);
            }
        }
        if self.total == 0 && self.damaged_pages > 0 {
            return Err(damaged(&format!(
                "{} of its {} pages are not page objects or their content is missing",
                self.damaged_pages,
                pages.len()
            )));
        }
        for l in &lines {
            out.push_str(&l.text);
            out.push('\n');
        }
        if self.total == 0 {
            return Err("the PDF has no text layer (a scan?): run OCR first".into());
        }
        if self.unknown * 2 > self.total {
            return Err(format!(
                "the PDF's fonts do not say which characters {} of its {} glyphs are (no ToUnicode map): run OCR first, or export the text with the program that made it",
                self.unknown, self.total
            )
            .into());
        }
        Ok((out, line_pages))
    }

    /// One page's lines (`None` for a page object that is not a dictionary).
    fn read_page(&mut self, page_id: ObjectId) -> Result<Option<Vec<Line>>, DocumentError> {
        let Ok(page) = self.doc.get_dictionary(page_id) else {
            self.damaged_pages += 1;
            return Ok(None);
        };
        let content = self
            .doc
            .get_page_content_with_limit(page_id, MAX_STREAM_BYTES)
            .map_err(|_| {
                DocumentError(format!(
                    "a page's content unpacks to more than {} MB (a decompression bomb?)",
                    MAX_STREAM_BYTES >> 20
                ))
            })?;
        if content.is_empty() && page.has(b"Contents") {
            self.damaged_pages += 1;
        }
        let resources = self.page_resources(page_id);
        let rotate = self.inherited(page, b"Rotate").and_then(num).unwrap_or(0.0);
        let base = match (rotate as i64).rem_euclid(360) {
            90 => [0.0, -1.0, 1.0, 0.0, 0.0, 0.0],
            180 => [-1.0, 0.0, 0.0, -1.0, 0.0, 0.0],
            270 => [0.0, 1.0, -1.0, 0.0, 0.0, 0.0],
            _ => IDENTITY,
        };
        self.glyphs.clear();
        self.rules.clear();
        let mut gs = GState {
            ctm: base,
            char_spacing: 0.0,
            word_spacing: 0.0,
            hscale: 1.0,
            leading: 0.0,
            rise: 0.0,
            font: None,
            size: 0.0,
        };
        self.interpret(&content, resources, &mut gs, 0)?;
        let glyphs = std::mem::take(&mut self.glyphs);
        let rules = std::mem::take(&mut self.rules);
        Ok(Some(page_lines(glyphs, &rules)?))
    }

    /// A page attribute, looked up the page tree (Rotate, Resources).
    fn inherited(&self, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
        let mut d = page;
        for _ in 0..64 {
            if let Some(o) = self.get(d, key) {
                return Some(o);
            }
            d = self.dict(d.get(b"Parent").ok()?)?;
        }
        None
    }

    fn page_resources(&self, page_id: ObjectId) -> Option<&'a Dictionary> {
        let page = self.doc.get_dictionary(page_id).ok()?;
        self.inherited(page, b"Resources")
            .and_then(|o| self.dict(o))
    }

    fn font(&mut self, resources: Option<&'a Dictionary>, name: &[u8]) -> Option<Rc<Font>> {
        let fonts = self.dict(resources?.get(b"Font").ok()?)?;
        let entry = fonts.get(name).ok()?;
        let id = match entry {
            Object::Reference(id) => Some(*id),
            _ => None,
        };
        if let Some(f) = id.and_then(|id| self.fonts.get(&id)) {
            return Some(f.clone());
        }
        let f = Rc::new(self.load_font(self.dict(entry)?));
        if let Some(id) = id {
            self.fonts.insert(id, f.clone());
        }
        Some(f)
    }

    fn stream_bytes(&self, o: &'a Object) -> Option<Vec<u8>> {
        match self.deref(o)? {
            Object::Stream(s) => s
                .decompressed_content_with_limit(MAX_STREAM_BYTES)
                .ok()
                .or_else(|| (s.content.len() <= MAX_STREAM_BYTES).then(|| s.content.clone())),
            _ => None,
        }
    }

    fn load_font(&self, d: &'a Dictionary) -> Font {
        let subtype = self
            .get(d, b"Subtype")
            .and_then(|o| o.as_name().ok())
            .unwrap_or(b"");
        let mut font = Font {
            codes: Codes::Identity,
            codespace: Vec::new(),
            to_unicode: HashMap::new(),
            widths: HashMap::new(),
            default_width: 1000.0,
            widths_by_code: true,
        };
        if let Some(bytes) = d.get(b"ToUnicode").ok().and_then(|o| self.stream_bytes(o)) {
            let cmap = parse_cmap(&bytes);
            font.codespace = cmap.codespace;
            font.to_unicode = cmap.map;
        }
        if subtype == b"Type0" {
            self.load_type0(d, &mut font);
        } else {
            self.load_simple(d, &mut font);
        }
        font
    }

    /// A composite (CID) font's codes and widths.
    fn load_type0(&self, d: &'a Dictionary, font: &mut Font) {
        let encoding = self
            .get(d, b"Encoding")
            .and_then(|o| o.as_name().ok())
            .unwrap_or(b"Identity-H");
        let enc = String::from_utf8_lossy(encoding);
        font.codes = if enc.contains("UCS2") || enc.contains("UTF16") {
            Codes::Ucs2
        } else if enc.contains("EUC") || enc.starts_with("GBK") || enc.starts_with("GBpc") {
            Codes::Gbk
        } else {
            Codes::Identity
        };
        font.widths_by_code = matches!(font.codes, Codes::Identity);
        if font.codespace.is_empty() {
            font.codespace.push((2, 0, 0xFFFF));
        }
        let desc = self
            .get(d, b"DescendantFonts")
            .and_then(|o| o.as_array().ok())
            .and_then(|a| a.first())
            .and_then(|o| self.dict(o));
        if let Some(desc) = desc {
            if let Some(dw) = self.get(desc, b"DW").and_then(num) {
                font.default_width = dw;
            }
            if let Some(w) = self.get(desc, b"W").and_then(|o| o.as_array().ok()) {
                self.cid_widths(w, &mut font.widths);
            }
        }
    }

    /// A simple (one-byte) font's encoding and widths.
    fn load_simple(&self, d: &'a Dictionary, font: &mut Font) {
        font.codes = Codes::Simple(self.simple_encoding(d));
        let first = self
            .get(d, b"FirstChar")
            .and_then(num)
            .unwrap_or(0.0)
            .clamp(0.0, 255.0) as u32;
        if let Some(ws) = self.get(d, b"Widths").and_then(|o| o.as_array().ok()) {
            for (i, w) in ws.iter().take(256).enumerate() {
                if let Some(w) = self.deref(w).and_then(num) {
                    font.widths.insert(first + i as u32, w);
                }
            }
        }
        let missing = self
            .get(d, b"FontDescriptor")
            .and_then(|o| self.dict(o))
            .and_then(|fd| self.get(fd, b"MissingWidth"))
            .and_then(num);
        let base = self
            .get(d, b"BaseFont")
            .and_then(|o| o.as_name().ok())
            .unwrap_or(b"");
        font.default_width =
            missing
                .filter(|w| *w > 0.0)
                .unwrap_or(if base.starts_with(b"Courier") {
                    600.0
                } else {
                    500.0
                });
    }

    /// A simple font's byte → character table: WinAnsi or MacRoman, with the
    /// encoding's Differences.
    fn simple_encoding(&self, d: &'a Dictionary) -> Box<[Option<char>; 256]> {
        let mut table = Box::new([None; 256]);
        for (b, slot) in table.iter_mut().enumerate() {
            *slot = win_ansi(b as u8);
        }
        match self.get(d, b"Encoding") {
            Some(Object::Name(n)) if n == b"MacRomanEncoding" => mac_roman(&mut table),
            Some(Object::Dictionary(enc)) => {
                if let Some(Object::Name(n)) = self.get(enc, b"BaseEncoding") {
                    if n == b"MacRomanEncoding" {
                        mac_roman(&mut table);
                    }
                }
                if let Some(diffs) = self
                    .get(enc, b"Differences")
                    .and_then(|o| o.as_array().ok())
                {
                    let mut code = 0usize;
                    for o in diffs {
                        match o {
                            Object::Integer(i) => code = (*i).clamp(0, 255) as usize,
                            Object::Name(n) => {
                                if code < 256 {
                                    table[code] = glyph_char(n);
                                }
                                code += 1;
                            }
                            _ => {}
                        }
                    }
                }
            }
            _ => {}
        }
        table
    }

    /// A CID font's W array: `c [w1 w2 …]` and `c_first c_last w`.
    fn cid_widths(&self, w: &[Object], out: &mut HashMap<u32, f64>) {
        let mut i = 0;
        while i < w.len() && out.len() < MAX_CMAP_ENTRIES {
            let Some(first) = self.deref(&w[i]).and_then(num) else {
                break;
            };
            let first = first.max(0.0) as u32;
            match w.get(i + 1).and_then(|o| self.deref(o)) {
                Some(Object::Array(ws)) => {
                    for (k, x) in ws.iter().enumerate() {
                        if let Some(x) = self.deref(x).and_then(num) {
                            out.insert(first.saturating_add(k as u32), x);
                        }
                    }
                    i += 2;
                }
                Some(o) => {
                    let last = num(o).unwrap_or(0.0).max(0.0) as u32;
                    let Some(x) = w.get(i + 2).and_then(|o| self.deref(o)).and_then(num) else {
                        break;
                    };
                    for c in first..=last.min(first.saturating_add(65_535)) {
                        out.insert(c, x);
                    }
                    i += 3;
                }
                None => break,
            }
        }
    }

    /// Runs a content stream, placing the glyphs it shows.
    fn interpret(
        &mut self,
        content: &[u8],
        resources: Option<&'a Dictionary>,
        gs: &mut GState,
        depth: usize,
    ) -> Result<(), DocumentError> {
        let mut stack: Vec<GState> = Vec::new();
        let mut text = TextPos {
            tm: IDENTITY,
            tlm: IDENTITY,
        };
        let mut pen = Pen::default();
        self.content_bytes += content.len();
        if self.content_bytes > MAX_CONTENT_BYTES {
            return Err(too_much_drawing(self.max_ops));
        }
        // a damaged stream gives the operations before the damage
        for op in lopdf::content::Content::decode_iter(content) {
            let Ok(op) = op else { break };
            self.ops += 1;
            if self.ops > self.max_ops {
                return Err(too_much_drawing(self.max_ops));
            }
            let a = &op.operands;
            let f = |i: usize| a.get(i).and_then(num);
            match op.operator.as_str() {
                "q" if stack.len() < MAX_STATE_DEPTH => stack.push(gs.clone()),
                "Q" => {
                    if let Some(s) = stack.pop() {
                        *gs = s;
                    }
                }
                "cm" => {
                    if let (Some(a0), Some(b), Some(c), Some(d), Some(e), Some(g)) =
                        (f(0), f(1), f(2), f(3), f(4), f(5))
                    {
                        gs.ctm = mul(&[a0, b, c, d, e, g], &gs.ctm);
                    }
                }
                "S" | "s" | "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" => {
                    let stroked =
                        matches!(op.operator.as_str(), "S" | "s" | "B" | "B*" | "b" | "b*");
                    self.add_rules(&pen.path, stroked);
                    pen.path.clear();
                }
                "n" => pen.path.clear(),
                "Do" if depth < MAX_FORM_DEPTH => self.draw_form(a, resources, gs, depth)?,
                o => {
                    if !pen.op(o, a, &gs.ctm) && !text.op(o, a, gs) {
                        self.text_op(o, a, resources, gs, &mut text.tm)?;
                    }
                }
            }
        }
        Ok(())
    }

    /// The text operators that set the text state or show text.
    fn text_op(
        &mut self,
        operator: &str,
        a: &[Object],
        resources: Option<&'a Dictionary>,
        gs: &mut GState,
        tm: &mut Matrix,
    ) -> Result<(), DocumentError> {
        let f = |i: usize| a.get(i).and_then(num);
        match operator {
            "Tc" => gs.char_spacing = f(0).unwrap_or(0.0),
            "Tw" => gs.word_spacing = f(0).unwrap_or(0.0),
            "Tz" => gs.hscale = f(0).unwrap_or(100.0) / 100.0,
            "TL" => gs.leading = f(0).unwrap_or(0.0),
            "Ts" => gs.rise = f(0).unwrap_or(0.0),
            "Tf" => {
                gs.font = a
                    .first()
                    .and_then(|o| o.as_name().ok())
                    .and_then(|n| self.font(resources, n));
                gs.size = f(1).unwrap_or(0.0);
            }
            "Tj" => {
                if let Some(Object::String(s, _)) = a.first() {
                    self.show(s, gs, tm)?;
                }
            }
            "'" | "\"" => {
                if let Some(Object::String(s, _)) = a.last() {
                    self.show(s, gs, tm)?;
                }
            }
            "TJ" => {
                if let Some(Object::Array(items)) = a.first() {
                    for it in items {
                        match it {
                            Object::String(s, _) => self.show(s, gs, tm)?,
                            o => {
                                if let Some(n) = num(o) {
                                    let tx = -n / 1000.0 * gs.size * gs.hscale;
                                    *tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], tm);
                                }
                            }
                        }
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// `Do`: runs a form XObject's content with its matrix and resources; any other
    /// XObject (an image) shows no text.
    fn draw_form(
        &mut self,
        a: &[Object],
        resources: Option<&'a Dictionary>,
        gs: &GState,
        depth: usize,
    ) -> Result<(), DocumentError> {
        let Some(name) = a.first().and_then(|o| o.as_name().ok()) else {
            return Ok(());
        };
        let Some(xobjects) = resources
            .and_then(|r| r.get(b"XObject").ok())
            .and_then(|o| self.dict(o))
        else {
            return Ok(());
        };
        let Some(Object::Stream(form)) = xobjects.get(name).ok().and_then(|o| self.deref(o)) else {
            return Ok(());
        };
        if self
            .get(&form.dict, b"Subtype")
            .and_then(|o| o.as_name().ok())
            != Some(b"Form")
        {
            return Ok(());
        }
        let Ok(bytes) = form
            .decompressed_content_with_limit(MAX_STREAM_BYTES)
            .or_else(|_| {
                if form.content.len() <= MAX_STREAM_BYTES {
                    Ok(form.content.clone())
                } else {
                    Err(())
                }
            })
        else {
            return Ok(());
        };
        let m = self
            .get(&form.dict, b"Matrix")
            .and_then(|o| o.as_array().ok())
            .map(|v| v.iter().filter_map(num).collect::<Vec<_>>());
        let mut inner = gs.clone();
        if let Some(m) = m.filter(|m| m.len() == 6) {
            inner.ctm = mul(&[m[0], m[1], m[2], m[3], m[4], m[5]], &gs.ctm);
        }
        let res = self
            .get(&form.dict, b"Resources")
            .and_then(|o| self.dict(o))
            .or(resources);
        self.interpret(&bytes, res, &mut inner, depth + 1)
    }

    /// Keeps a painted path's horizontal and vertical edges as ruling lines: every
    /// stroked edge, and filled rectangles thin enough to be a border drawn as a fill
    /// (a filled box, a cell's shading or a page's background, rules nothing).
    fn add_rules(&mut self, path: &[Segment], stroked: bool) {
        for s in path {
            if self.rules.len() >= MAX_RULES {
                return;
            }
            let (dx, dy) = ((s.b.0 - s.a.0).abs(), (s.b.1 - s.a.1).abs());
            if !stroked {
                // only a thin filled rectangle is a border, and only its long edges
                let Some((w, h)) = s.rect else { continue };
                if w.min(h) > 3.0 || dx.max(dy) < w.max(h) - 0.01 {
                    continue;
                }
            }
            if dy <= 0.5 && dx > 1.0 {
                self.rules.push(Rule {
                    horizontal: true,
                    at: s.a.1,
                    from: s.a.0.min(s.b.0),
                    to: s.a.0.max(s.b.0),
                });
            } else if dx <= 0.5 && dy > 1.0 {
                self.rules.push(Rule {
                    horizontal: false,
                    at: s.a.0,
                    from: s.a.1.min(s.b.1),
                    to: s.a.1.max(s.b.1),
                });
            }
        }
    }

    /// Places a string's glyphs and moves the text matrix past them.
    fn show(&mut self, s: &[u8], gs: &GState, tm: &mut Matrix) -> Result<(), DocumentError> {
        let Some(font) = gs.font.clone() else {
            return Ok(());
        };
        for (code, n) in font.codes(s) {
            let text = font.text(code, n);
            let w0 = font.width(code, &text) / 1000.0;
            let trm = mul(
                &mul(&[gs.size * gs.hscale, 0.0, 0.0, gs.size, 0.0, gs.rise], tm),
                &gs.ctm,
            );
            let (x, y) = (trm[4], trm[5]);
            let (x1, _) = apply(&trm, w0, 0.0);
            let size = (trm[2] * trm[2] + trm[3] * trm[3]).sqrt();
            let space = matches!(text, Text::Space);
            if !space {
                self.total += 1;
                if matches!(text, Text::Unknown) {
                    self.unknown += 1;
                }
            }
            if self.total > MAX_GLYPHS {
                return Err(
                    format!("the PDF shows more than {MAX_GLYPHS} glyphs: not a report").into(),
                );
            }
            if x.is_finite() && y.is_finite() && size.is_finite() && size > 0.0 {
                self.glyphs.push(Glyph {
                    x,
                    y,
                    w: (x1 - x).abs(),
                    size,
                    text,
                });
            }
            let word = if n == 1 && code == 32 {
                gs.word_spacing
            } else {
                0.0
            };
            let tx = (w0 * gs.size + gs.char_spacing + word) * gs.hscale;
            *tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], tm);
        }
        Ok(())
    }
}

/// Groups glyphs into lines by baseline, each sorted left to right, and joins them: a
/// wide gap is a cell boundary (` | `, unless `in_cell`: then a space), a narrow one a
/// space. Each line comes with its baseline.
fn group_lines(mut glyphs: Vec<Glyph>, in_cell: bool) -> Vec<(f64, String)> {
    glyphs.sort_by(|a, b| b.y.total_cmp(&a.y));
    let mut rows: Vec<Vec<Glyph>> = Vec::new();
    let mut base = f64::NAN;
    let mut size = 0.0f64;
    for g in glyphs {
        // the same baseline: within a third of the font size
        if !rows.is_empty() && (base - g.y).abs() <= 0.35 * size.max(g.size) {
            rows.last_mut().unwrap().push(g);
        } else {
            base = g.y;
            size = g.size;
            rows.push(vec![g]);
        }
    }
    let mut out = Vec::new();
    for mut row in rows {
        row.sort_by(|a, b| a.x.total_cmp(&b.x));
        let y = row[0].y;
        let mut line = String::new();
        let mut end: Option<(f64, f64, f64, Option<char>)> = None; // (right edge, size, x, char) of the last glyph
        let mut space = false;
        for g in row {
            let ch = match &g.text {
                Text::Space => {
                    space = true;
                    continue;
                }
                Text::Char(c) => Some(*c),
                _ => None,
            };
            if let Some((right, size, x, prev)) = end {
                // the same glyph drawn again over itself (fake bold, shadows)
                if ch.is_some() && ch == prev && (g.x - x).abs() < 0.3 * size {
                    continue;
                }
                let em = size.max(g.size);
                let gap = g.x - right;
                if gap >= CELL_GAP * em && !in_cell {
                    line.push_str(" | ");
                } else if space || gap >= WORD_GAP * em {
                    line.push(' ');
                }
            }
            space = false;
            match &g.text {
                Text::Char(c) => line.push(*c),
                Text::Str(s) => line.push_str(s),
                _ => line.push('\u{FFFD}'),
            }
            end = Some((g.x + g.w, g.size, g.x, ch));
        }
        let line = line.trim();
        if !line.is_empty() {
            out.push((y, line.to_string()));
        }
    }
    out
}

/// The text matrix and the text line matrix of a content stream.
struct TextPos {
    tm: Matrix,
    tlm: Matrix,
}

impl TextPos {
    /// The text positioning operators (and `'` `"`, which move to the next line before
    /// showing); false for any other.
    fn op(&mut self, operator: &str, a: &[Object], gs: &mut GState) -> bool {
        let f = |i: usize| a.get(i).and_then(num);
        match operator {
            "BT" => {
                self.tm = IDENTITY;
                self.tlm = IDENTITY;
            }
            "Tm" => {
                if let (Some(a0), Some(b), Some(c), Some(d), Some(e), Some(g)) =
                    (f(0), f(1), f(2), f(3), f(4), f(5))
                {
                    self.tm = [a0, b, c, d, e, g];
                    self.tlm = self.tm;
                }
            }
            "Td" | "TD" => {
                if let (Some(tx), Some(ty)) = (f(0), f(1)) {
                    if operator == "TD" {
                        gs.leading = -ty;
                    }
                    self.tlm = mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &self.tlm);
                    self.tm = self.tlm;
                }
            }
            "T*" => self.next_line(gs),
            "'" | "\"" => {
                if operator == "\"" {
                    gs.word_spacing = f(0).unwrap_or(gs.word_spacing);
                    gs.char_spacing = f(1).unwrap_or(gs.char_spacing);
                }
                self.next_line(gs);
                // not done: the text is still to show
                return false;
            }
            _ => return false,
        }
        true
    }

    fn next_line(&mut self, gs: &GState) {
        self.tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &self.tlm);
        self.tm = self.tlm;
    }
}

/// The path being built: segments in display space, the current and start points.
#[derive(Default)]
struct Pen {
    path: Vec<Segment>,
    cur: (f64, f64),
    start: (f64, f64),
}

impl Pen {
    fn push(&mut self, s: Segment) {
        if self.path.len() < MAX_PATH {
            self.path.push(s);
        }
    }

    /// The path construction operators; false for any other.
    fn op(&mut self, operator: &str, a: &[Object], ctm: &Matrix) -> bool {
        let f = |i: usize| a.get(i).and_then(num);
        match operator {
            "m" => {
                if let (Some(x), Some(y)) = (f(0), f(1)) {
                    self.cur = apply(ctm, x, y);
                    self.start = self.cur;
                }
            }
            "l" => {
                if let (Some(x), Some(y)) = (f(0), f(1)) {
                    let p = apply(ctm, x, y);
                    self.push(Segment {
                        a: self.cur,
                        b: p,
                        rect: None,
                    });
                    self.cur = p;
                }
            }
            "c" | "v" | "y" => {
                let n = a.len();
                if let (Some(x), Some(y)) = (f(n.saturating_sub(2)), f(n.saturating_sub(1))) {
                    self.cur = apply(ctm, x, y);
                }
            }
            "h" => {
                self.push(Segment {
                    a: self.cur,
                    b: self.start,
                    rect: None,
                });
                self.cur = self.start;
            }
            "re" => {
                if let (Some(x), Some(y), Some(w), Some(h)) = (f(0), f(1), f(2), f(3)) {
                    self.rect(ctm, x, y, w, h);
                }
            }
            _ => return false,
        }
        true
    }

    /// A rectangle's four edges, each knowing the rectangle's extent.
    fn rect(&mut self, ctm: &Matrix, x: f64, y: f64, w: f64, h: f64) {
        let pts = [
            apply(ctm, x, y),
            apply(ctm, x + w, y),
            apply(ctm, x + w, y + h),
            apply(ctm, x, y + h),
        ];
        let xs = pts.iter().map(|p| p.0);
        let ys = pts.iter().map(|p| p.1);
        let extent = (
            xs.clone().fold(f64::MIN, f64::max) - xs.fold(f64::MAX, f64::min),
            ys.clone().fold(f64::MIN, f64::max) - ys.fold(f64::MAX, f64::min),
        );
        for k in 0..4 {
            self.push(Segment {
                a: pts[k],
                b: pts[(k + 1) % 4],
                rect: Some(extent),
            });
        }
        self.cur = pts[0];
        self.start = self.cur;
    }
}

#[derive(Debug, Clone, Copy)]
struct Segment {
    a: (f64, f64),
    b: (f64, f64),
    /// For a rectangle's edge, the rectangle's width and height in display space.
    rect: Option<(f64, f64)>,
}

/// A ruling line: horizontal at y = `at` from x `from` to `to`, or vertical at x = `at`.
#[derive(Debug, Clone, Copy)]
struct Rule {
    horizontal: bool,
    at: f64,
    from: f64,
    to: f64,
}

/// Lines and ruled boxes closer than this (points) are one.
const TOL: f64 = 2.0;

/// Adds a page's lines to the document's: a table row broken over the page break goes
/// back into its row. Returns the page's last table row, if only a page number follows it.
fn add_page(lines: &mut Vec<Line>, last_row: Option<usize>, page: Vec<Line>) -> Option<usize> {
    let mut page = page.into_iter();
    if let (Some(at), Some(first)) = (last_row, page.as_slice().first()) {
        if let Some(merged) = continued_row(&lines[at], first) {
            lines[at] = merged;
            page.next();
        }
    }
    let start = lines.len();
    lines.extend(page);
    lines[start..]
        .iter()
        .rposition(|l| l.row.is_some())
        .map(|p| start + p)
        .filter(|&p| {
            lines[p + 1..]
                .iter()
                .all(|l| l.text.chars().count() <= 12 && l.text.chars().any(|c| c.is_ascii_digit()))
        })
}

/// A page's lines: ruled tables rebuilt as rows of cells (each row one line, a cell's
/// wrapped text joined, a cell merged from the row above left empty), the other text
/// by baseline; all in order from the top.
fn page_lines(glyphs: Vec<Glyph>, rules: &[Rule]) -> Result<Vec<Line>, DocumentError> {
    let mut glyphs: Vec<Option<Glyph>> = glyphs.into_iter().map(Some).collect();
    let mut blocks: Vec<(f64, Vec<Line>)> = Vec::new();
    let mut tables = tables(rules)?;
    // the steps taken down merged cells, held like the cells themselves
    let mut steps = 0usize;
    // each cell looks at every glyph: a page of hostile size keeps to baselines
    let cells: usize = tables
        .iter()
        .flat_map(|t| &t.bands)
        .map(|b| b.xs.len())
        .sum();
    if cells.saturating_mul(glyphs.len()) > 50_000_000 {
        tables.clear();
    }
    for table in tables {
        let mut lines = Vec::new();
        // a rule along the top of x range (l, r) at the top of band `i`
        let opens = |i: usize, l: f64, r: f64| i == 0 || table.bands[i].ruled_at((l + r) / 2.0);
        for (i, band) in table.bands.iter().enumerate() {
            let mut cells: Vec<String> = Vec::new();
            for w in band.xs.windows(2) {
                let (l, r) = (w[0], w[1]);
                if !opens(i, l, r) {
                    // merged with the cell above: its text went there
                    cells.push(String::new());
                    continue;
                }
                // the cell reaches down to the next rule across it
                let mut last = i;
                while last + 1 < table.bands.len() && !opens(last + 1, l, r) {
                    last += 1;
                    steps += 1;
                    if steps > MAX_GRID_CELLS {
                        return Err(too_many_cells());
                    }
                }
                let bottom = table.bands[last].bottom;
                let mut inside = Vec::new();
                for g in glyphs.iter_mut() {
                    let Some(gl) = g else { continue };
                    let (cx, cy) = (gl.x + gl.w / 2.0, gl.y + gl.size * 0.3);
                    if cx > l && cx < r && cy < band.top && cy > bottom {
                        inside.push(g.take().unwrap());
                    }
                }
                cells.push(cell_text(inside));
            }
            if cells.iter().any(|c| !c.is_empty()) {
                lines.push(Line::row(cells, band.xs.clone()));
            }
        }
        blocks.push((table.bands[0].top, lines));
    }
    let rest: Vec<Glyph> = glyphs.into_iter().flatten().collect();
    for (y, l) in group_lines(rest, false) {
        blocks.push((y, vec![Line { text: l, row: None }]));
    }
    blocks.sort_by(|a, b| b.0.total_cmp(&a.0));
    Ok(blocks.into_iter().flat_map(|(_, ls)| ls).collect())
}

/// A line of a page's text; a ruled table's row keeps its cells and their edges.
struct Line {
    text: String,
    row: Option<(Vec<String>, Vec<f64>)>,
}

impl Line {
    fn row(cells: Vec<String>, xs: Vec<f64>) -> Line {
        let mut shown = cells.clone();
        while shown.last().is_some_and(|c| c.is_empty()) {
            shown.pop();
        }
        Line {
            text: shown.join(" | "),
            row: Some((cells, xs)),
        }
    }
}

fn is_number(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-'))
}

/// A row broken over a page break: the next page's first row, in the same columns,
/// holds the rest of it. One half has the numbers, the other only text, and where both
/// halves have text in a column it is the label going on (text in both). A repeated
/// header (text above the numbers of the row before) or the next row (numbers in both)
/// stays a row of its own.
fn continued_row(above: &Line, first: &Line) -> Option<Line> {
    let ((a, ax), (b, bx)) = (above.row.as_ref()?, first.row.as_ref()?);
    if ax.len() != bx.len() || ax.iter().zip(bx).any(|(x, y)| (x - y).abs() > 3.0 * TOL) {
        return None;
    }
    if a.iter().any(|c| is_number(c)) == b.iter().any(|c| is_number(c)) {
        return None;
    }
    if a.iter()
        .zip(b)
        .any(|(x, y)| !x.is_empty() && !y.is_empty() && (is_number(x) || is_number(y)))
    {
        return None;
    }
    let cells = a.iter().zip(b).map(|(x, y)| format!("{x}{y}")).collect();
    Some(Line::row(cells, ax.clone()))
}

/// A cell's text: its lines joined, with a space only between Latin words. Digits on
/// both sides of a line end are one number wrapped in a narrow column (a cell holds
/// one value), so they join without one.
fn cell_text(glyphs: Vec<Glyph>) -> String {
    let mut out = String::new();
    for (_, l) in group_lines(glyphs, true) {
        let number_goes_on = out.ends_with(|c: char| c.is_ascii_digit() || c == '.')
            && l.starts_with(|c: char| c.is_ascii_digit());
        if !number_goes_on
            && out.ends_with(|c: char| c.is_ascii_alphanumeric())
            && l.starts_with(|c: char| c.is_ascii_alphanumeric())
        {
            out.push(' ');
        }
        out.push_str(&l);
    }
    out.replace('|', "¦")
}

struct Band {
    top: f64,
    bottom: f64,
    /// The vertical rules crossing the band, left to right: its cells lie between.
    xs: Vec<f64>,
    /// The horizontal rules along the band's top (within [`TOL`]), merged into
    /// disjoint runs `(from, to)` sorted left to right.
    top_rules: Vec<(f64, f64)>,
}

impl Band {
    /// Whether a horizontal rule along the band's top crosses `x`.
    fn ruled_at(&self, x: f64) -> bool {
        let k = self.top_rules.partition_point(|r| r.0 <= x);
        k > 0 && self.top_rules[k - 1].1 >= x
    }
}

struct RuledTable {
    bands: Vec<Band>,
}

fn too_many_cells() -> DocumentError {
    DocumentError(format!(
        "a page of the PDF rules more than {MAX_GRID_CELLS} table cells: not a report"
    ))
}

/// A rule's position as a key ordered the way `f64::total_cmp` orders.
#[derive(Clone, Copy, PartialEq)]
struct At(f64);

impl Eq for At {}

impl PartialOrd for At {
    fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}

impl Ord for At {
    fn cmp(&self, o: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&o.0)
    }
}

/// Merged runs `(from, to)` of the horizontal rules (sorted by height) lying within
/// [`TOL`] of `y`.
fn rules_along(h: &[Rule], y: f64) -> Vec<(f64, f64)> {
    let lo = h.partition_point(|r| r.at < y - TOL);
    let hi = h.partition_point(|r| r.at <= y + TOL);
    let mut runs: Vec<(f64, f64)> = h[lo..hi].iter().map(|r| (r.from, r.to)).collect();
    runs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut merged: Vec<(f64, f64)> = Vec::with_capacity(runs.len());
    for (from, to) in runs {
        match merged.last_mut() {
            Some(last) if from <= last.1 => last.1 = last.1.max(to),
            _ => merged.push((from, to)),
        }
    }
    merged
}

/// The vertical rules that cross each band between consecutive heights `ys` (from
/// the top down), found in one sweep: a rule joins once the band's top is within its
/// reach and leaves for good once the band's bottom is below its lower end. The work
/// is the rules plus the cells found, held to [`MAX_GRID_CELLS`].
fn crossings(v: &[Rule], ys: &[f64]) -> Result<Vec<Vec<f64>>, DocumentError> {
    use std::collections::{BTreeMap, BinaryHeap};
    let mut by_top: Vec<&Rule> = v.iter().collect();
    by_top.sort_by(|a, b| b.to.total_cmp(&a.to));
    let mut next = 0;
    let mut active: BTreeMap<At, usize> = BTreeMap::new();
    let mut by_from: BinaryHeap<(At, At)> = BinaryHeap::new(); // (from, at), highest first
    let mut cells = 0usize;
    let mut out = Vec::with_capacity(ys.len().saturating_sub(1));
    for w in ys.windows(2) {
        let (top, bottom) = (w[0], w[1]);
        while next < by_top.len() && by_top[next].to >= top - TOL {
            let r = by_top[next];
            *active.entry(At(r.at)).or_default() += 1;
            by_from.push((At(r.from), At(r.at)));
            next += 1;
        }
        while let Some(&(At(from), at)) = by_from.peek() {
            if from <= bottom + TOL {
                break;
            }
            by_from.pop();
            if let Some(n) = active.get_mut(&at) {
                *n -= 1;
                if *n == 0 {
                    active.remove(&at);
                }
            }
        }
        cells += active.len() + 1;
        if cells > MAX_GRID_CELLS {
            return Err(too_many_cells());
        }
        let mut xs: Vec<f64> = active.keys().map(|a| a.0).collect();
        xs.dedup_by(|a, b| (*a - *b).abs() <= TOL);
        out.push(xs);
    }
    Ok(out)
}

/// Ruled tables: runs of horizontal bands (between consecutive horizontal rules) that
/// vertical rules divide into two cells or more. Near-linear in the rules: the rules
/// crossing each band are found in one sweep, those along each band's top by binary
/// search.
fn tables(rules: &[Rule]) -> Result<Vec<RuledTable>, DocumentError> {
    let mut h: Vec<Rule> = rules.iter().filter(|r| r.horizontal).copied().collect();
    let v: Vec<Rule> = rules.iter().filter(|r| !r.horizontal).copied().collect();
    if h.len() < 2 || v.len() < 2 {
        return Ok(Vec::new());
    }
    h.sort_by(|a, b| a.at.total_cmp(&b.at));
    let mut ys: Vec<f64> = h.iter().rev().map(|r| r.at).collect();
    ys.dedup_by(|a, b| (*a - *b).abs() <= TOL);
    let mut out: Vec<RuledTable> = Vec::new();
    let mut open: Vec<Band> = Vec::new();
    for (w, xs) in ys.windows(2).zip(crossings(&v, &ys)?) {
        let (top, bottom) = (w[0], w[1]);
        // a band lower than a line of text, or a box around the page, is no row
        if xs.len() >= 3 && top - bottom > 4.0 {
            let top_rules = rules_along(&h, top);
            open.push(Band {
                top,
                bottom,
                xs,
                top_rules,
            });
        } else if !open.is_empty() {
            out.push(RuledTable {
                bands: std::mem::take(&mut open),
            });
        }
    }
    if !open.is_empty() {
        out.push(RuledTable { bands: open });
    }
    Ok(out)
}

/// WinAnsiEncoding (Windows-1252), the default for simple fonts here.
fn win_ansi(b: u8) -> Option<char> {
    match b {
        0..=31 => None,
        32..=126 => Some(b as char),
        _ => {
            let one = [b];
            let (t, _, bad) = encoding_rs::WINDOWS_1252.decode(&one);
            if bad {
                None
            } else {
                t.chars().next()
            }
        }
    }
}

fn mac_roman(table: &mut [Option<char>; 256]) {
    for (b, slot) in table.iter_mut().enumerate().skip(128) {
        let one = [b as u8];
        let (t, _, bad) = encoding_rs::MACINTOSH.decode(&one);
        *slot = if bad { None } else { t.chars().next() };
    }
}

/// The character of a glyph name (the names a report's Differences use).
fn glyph_char(name: &[u8]) -> Option<char> {
    let n = std::str::from_utf8(name).ok()?;
    const NAMED: &[(&str, char)] = &[
        ("space", ' '),
        ("zero", '0'),
        ("one", '1'),
        ("two", '2'),
        ("three", '3'),
        ("four", '4'),
        ("five", '5'),
        ("six", '6'),
        ("seven", '7'),
        ("eight", '8'),
        ("nine", '9'),
        ("period", '.'),
        ("comma", ','),
        ("hyphen", '-'),
        ("minus", '-'),
        ("percent", '%'),
        ("parenleft", '('),
        ("parenright", ')'),
        ("colon", ':'),
        ("semicolon", ';'),
        ("slash", '/'),
        ("plus", '+'),
        ("equal", '='),
        ("bar", '|'),
        ("underscore", '_'),
        ("quotedbl", '"'),
        ("quotesingle", '\''),
        ("bracketleft", '['),
        ("bracketright", ']'),
        ("ampersand", '&'),
        ("numbersign", '#'),
        ("asterisk", '*'),
    ];
    if let Some((_, c)) = NAMED.iter().find(|(k, _)| *k == n) {
        return Some(*c);
    }
    if n.len() == 1 && n.as_bytes()[0].is_ascii_alphabetic() {
        return n.chars().next();
    }
    let hex = n
        .strip_prefix("uni")
        .filter(|h| h.len() == 4)
        .or_else(|| n.strip_prefix('u').filter(|h| (4..=6).contains(&h.len())))?;
    u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
}

struct CMap {
    codespace: Vec<(usize, u32, u32)>,
    map: HashMap<u32, Rc<str>>,
}

enum Tok<'b> {
    Hex(Vec<u8>),
    Word(&'b [u8]),
    Open,
    Close,
}

/// The tokens of a CMap: hex strings, brackets, and everything else as words.
fn cmap_tokens(s: &[u8]) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        if c.is_ascii_whitespace() {
            i += 1;
        } else if c == b'%' {
            while i < s.len() && s[i] != b'\n' && s[i] != b'\r' {
                i += 1;
            }
        } else if c == b'<' && s.get(i + 1) != Some(&b'<') {
            let end = s[i..]
                .iter()
                .position(|&b| b == b'>')
                .map_or(s.len(), |p| i + p);
            let digits: Vec<u8> = s[i + 1..end]
                .iter()
                .filter(|b| b.is_ascii_hexdigit())
                .copied()
                .collect();
            let val = |d: u8| (d as char).to_digit(16).unwrap_or(0) as u8;
            let bytes = digits
                .chunks(2)
                .map(|p| (val(p[0]) << 4) | p.get(1).map_or(0, |&d| val(d)))
                .collect();
            out.push(Tok::Hex(bytes));
            i = end + 1;
        } else if c == b'[' {
            out.push(Tok::Open);
            i += 1;
        } else if c == b']' {
            out.push(Tok::Close);
            i += 1;
        } else {
            let start = i;
            while i < s.len() && !s[i].is_ascii_whitespace() && !b"[]<%".contains(&s[i]) {
                i += 1;
            }
            if i == start {
                i += 1;
            }
            out.push(Tok::Word(&s[start..i]));
        }
    }
    out
}

fn utf16(bytes: &[u8]) -> Rc<str> {
    let units: Vec<u16> = bytes
        .chunks(2)
        .map(|p| ((p[0] as u16) << 8) | p.get(1).copied().unwrap_or(0) as u16)
        .collect();
    Rc::from(String::from_utf16_lossy(&units).as_str())
}

fn be(bytes: &[u8]) -> u32 {
    bytes.iter().take(4).fold(0u32, |a, &b| (a << 8) | b as u32)
}

/// A ToUnicode CMap: codespace ranges, bfchar and bfrange entries.
fn parse_cmap(s: &[u8]) -> CMap {
    let toks = cmap_tokens(s);
    let mut cmap = CMap {
        codespace: Vec::new(),
        map: HashMap::new(),
    };
    let mut i = 0;
    let hex = |i: usize| match toks.get(i) {
        Some(Tok::Hex(h)) => Some(h),
        _ => None,
    };
    while i < toks.len() && cmap.map.len() < MAX_CMAP_ENTRIES {
        match &toks[i] {
            Tok::Word(b"begincodespacerange") => {
                i += 1;
                while let (Some(lo), Some(hi)) = (hex(i), hex(i + 1)) {
                    if (1..=4).contains(&lo.len()) && cmap.codespace.len() < 64 {
                        cmap.codespace.push((lo.len(), be(lo), be(hi)));
                    }
                    i += 2;
                }
            }
            Tok::Word(b"beginbfchar") => {
                i += 1;
                while let (Some(src), Some(dst)) = (hex(i), hex(i + 1)) {
                    cmap.map.insert(be(src), utf16(dst));
                    i += 2;
                }
            }
            Tok::Word(b"beginbfrange") => {
                i += 1;
                while let (Some(lo), Some(hi)) = (hex(i), hex(i + 1)) {
                    let (lo, hi) = (be(lo), be(hi));
                    let count = hi.saturating_sub(lo).min(65_535);
                    match toks.get(i + 2) {
                        Some(Tok::Hex(dst)) => {
                            let mut units: Vec<u16> = dst
                                .chunks(2)
                                .map(|p| {
                                    ((p[0] as u16) << 8) | p.get(1).copied().unwrap_or(0) as u16
                                })
                                .collect();
                            for k in 0..=count {
                                if cmap.map.len() >= MAX_CMAP_ENTRIES {
                                    break;
                                }
                                cmap.map.insert(
                                    lo + k,
                                    Rc::from(String::from_utf16_lossy(&units).as_str()),
                                );
                                if let Some(last) = units.last_mut() {
                                    *last = last.wrapping_add(1);
                                }
                            }
                            i += 3;
                        }
                        Some(Tok::Open) => {
                            let mut j = i + 3;
                            let mut k = 0;
                            while let Some(Tok::Hex(dst)) = toks.get(j) {
                                if k <= count {
                                    cmap.map.insert(lo + k, utf16(dst));
                                }
                                k += 1;
                                j += 1;
                            }
                            i = j + 1;
                        }
                        _ => break,
                    }
                }
            }
            _ => i += 1,
        }
    }
    cmap.codespace.sort_by_key(|&(n, _, _)| n);
    cmap
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cmaps_map_codes_to_text() {
        let c = parse_cmap(
            b"/CIDInit /ProcSet findresource begin\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n2 beginbfchar\n<0003> <0020>\n<0011> <4E00>\nendbfchar\n2 beginbfrange\n<0020> <0022> <0030>\n<0040> <0041> [<0061> <00660069>]\nendbfrange\nendcmap",
        );
        assert_eq!(c.codespace, vec![(2, 0, 0xFFFF)]);
        assert_eq!(&*c.map[&0x11], "一");
        assert_eq!(&*c.map[&0x22], "2");
        assert_eq!(&*c.map[&0x41], "fi");
        // hostile ranges stay bounded
        let c = parse_cmap(b"1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange");
        assert!(c.map.len() <= 65_536);
    }

    #[test]
    fn wide_gaps_are_cells_narrow_ones_spaces() {
        let g = |x: f64, y: f64, c: char| Glyph {
            x,
            y,
            w: 10.0,
            size: 10.0,
            text: Text::Char(c),
        };
        let glyphs = vec![
            g(100.0, 700.0, '1'),
            g(0.0, 700.0, '一'),
            g(10.0, 700.4, '二'),
            g(112.0, 700.0, '2'),
            g(0.0, 680.0, '三'),
            g(10.0, 680.0, '三'),
        ];
        let lines: Vec<String> = group_lines(glyphs, false)
            .into_iter()
            .map(|(_, l)| l)
            .collect();
        assert_eq!(lines, vec!["一二 | 1 2", "三三"]);
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(to_text(b"%PDF-1.4\n").unwrap_err().0.contains("PDF"));
        assert!(to_text(
            b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"
        )
        .is_err());
    }
}
