//! Reports as they are published, made from a generated report's `|` text: its tables
//! laid out as the national forms publish them (label cells merged across rows and
//! columns), then written as an HTML page, a Word .docx (with the zip crate) or a PDF
//! (with lopdf). Shared by tests/documents.rs and benches/documents.rs.

use std::io::Write;
// ---------------------------------------------------------------------------------
// The published layout: tables with merged cells, built from a report's `|` rows.

#[derive(Debug, Clone)]
pub struct TCell {
    pub text: String,
    pub rowspan: usize,
    pub colspan: usize,
}

pub fn cell(text: &str, rowspan: usize, colspan: usize) -> TCell {
    TCell {
        text: text.to_string(),
        rowspan,
        colspan,
    }
}

#[derive(Debug, Clone)]
pub enum Block {
    Para(String),
    /// Rows of the cells that start in them (merged cells are not repeated).
    Table(Vec<Vec<TCell>>),
}

pub fn split(line: &str) -> Vec<String> {
    let mut cells: Vec<String> = line.split('|').map(|c| c.trim().to_string()).collect();
    while cells.last().is_some_and(|c| c.is_empty()) {
        cells.pop();
    }
    cells
}

pub fn is_value(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
}

/// The report as a publisher lays it out: paragraphs, and tables merged as the forms are.
pub fn published(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        if !lines[i].contains('|') {
            blocks.push(Block::Para(lines[i].to_string()));
            i += 1;
            continue;
        }
        let start = i;
        while i < lines.len() && lines[i].contains('|') {
            i += 1;
        }
        let rows: Vec<Vec<String>> = lines[start..i].iter().map(|l| split(l)).collect();
        let first = rows[0].first().cloned().unwrap_or_default();
        let table = if first.starts_with("(本列数据") {
            t3_table(&rows)
        } else if first == "行政复议" {
            t4_table(&rows)
        } else {
            t2_table(&rows)
        };
        blocks.push(Block::Table(table));
    }
    blocks
}

/// 二: item headings across the table, each row's last cell filling the row.
pub fn t2_table(rows: &[Vec<String>]) -> Vec<Vec<TCell>> {
    let width = rows.iter().map(|r| r.len()).max().unwrap_or(1).max(4);
    rows.iter()
        .map(|r| {
            let n = r.len();
            r.iter()
                .enumerate()
                .map(|(k, c)| cell(c, 1, if k + 1 == n { width - (n - 1) } else { 1 }))
                .collect()
        })
        .collect()
}

/// 三: three label columns (a heading merged over the results, group labels merged
/// over their numbered rows, ungrouped labels across two columns), seven of values.
pub fn t3_table(rows: &[Vec<String>]) -> Vec<Vec<TCell>> {
    let mut out = vec![
        vec![cell(&rows[0][0], 3, 3), cell("申请人情况", 1, 7)],
        vec![
            cell("自然人", 2, 1),
            cell("法人或其他组织", 1, 5),
            cell("总计", 2, 1),
        ],
        [
            "商业企业",
            "科研机构",
            "社会公益组织",
            "法律服务机构",
            "其他",
        ]
        .iter()
        .map(|h| cell(h, 1, 1))
        .collect(),
    ];
    let data: Vec<(Vec<String>, Vec<String>)> = rows[3..]
        .iter()
        .map(|r| {
            let labels = r.iter().take_while(|c| !is_value(c)).cloned().collect();
            let values = r.iter().skip_while(|c| !is_value(c)).cloned().collect();
            (labels, values)
        })
        .collect();
    let results = data
        .iter()
        .position(|(l, _)| l.first().is_some_and(|s| s.starts_with("三、")))
        .unwrap();
    let total = data
        .iter()
        .position(|(l, _)| l.last().is_some_and(|s| s.contains("总计")))
        .unwrap();
    for (k, (labels, values)) in data.iter().enumerate() {
        let mut row = Vec::new();
        let mut labels: &[String] = labels;
        if k == results {
            row.push(cell(&labels[0], total - results + 1, 1));
            labels = &labels[1..];
        }
        let under = (results..=total).contains(&k);
        match labels {
            [only] if !under => row.push(cell(only, 1, 3)),
            [only] if only.starts_with(|c: char| c.is_ascii_digit()) => row.push(cell(only, 1, 1)),
            [only] => row.push(cell(only, 1, 2)),
            [group, sub] => {
                let children = 1 + data[k + 1..]
                    .iter()
                    .take_while(|(l, _)| {
                        l.len() == 1 && l[0].starts_with(|c: char| c.is_ascii_digit())
                    })
                    .count();
                row.push(cell(group, children, 1));
                row.push(cell(sub, 1, 1));
            }
            _ => row.extend(labels.iter().map(|l| cell(l, 1, 1))),
        }
        row.extend(values.iter().map(|v| cell(v, 1, 1)));
        out.push(row);
    }
    out
}

/// 四: 行政复议 over five columns, 行政诉讼 over ten, the review columns merged down.
pub fn t4_table(rows: &[Vec<String>]) -> Vec<Vec<TCell>> {
    let mut out = vec![vec![cell(&rows[0][0], 1, 5), cell(&rows[0][1], 1, 10)]];
    let mut second: Vec<TCell> = rows[1][..5].iter().map(|h| cell(h, 2, 1)).collect();
    second.extend(rows[1][5..].iter().map(|h| cell(h, 1, 5)));
    out.push(second);
    out.push(rows[2][5..].iter().map(|h| cell(h, 1, 1)).collect());
    for r in &rows[3..] {
        out.push(r.iter().map(|v| cell(v, 1, 1)).collect());
    }
    out
}

/// Where each cell lands in the table's grid: `Start` where a cell begins, `Below` in
/// the rows a rowspan covers (at the cell's first column only).
#[derive(Clone)]
pub enum Slot<'a> {
    Start(&'a TCell),
    Below(&'a TCell),
    Right,
    Free,
}

pub fn grid(rows: &[Vec<TCell>]) -> Vec<Vec<Slot<'_>>> {
    let width = rows
        .iter()
        .map(|r| r.iter().map(|c| c.colspan).sum::<usize>())
        .max()
        .unwrap_or(0)
        + 16;
    let mut g: Vec<Vec<Slot>> = vec![vec![Slot::Free; width]; rows.len()];
    for (ri, row) in rows.iter().enumerate() {
        let mut col = 0;
        for c in row {
            while !matches!(g[ri][col], Slot::Free) {
                col += 1;
            }
            for dr in 0..c.rowspan {
                for dc in 0..c.colspan {
                    g[ri + dr][col + dc] = match (dr, dc) {
                        (0, 0) => Slot::Start(c),
                        (_, 0) => Slot::Below(c),
                        _ => Slot::Right,
                    };
                }
            }
            col += c.colspan;
        }
    }
    let used = g
        .iter()
        .map(|r| {
            r.iter()
                .rposition(|s| !matches!(s, Slot::Free))
                .map_or(0, |p| p + 1)
        })
        .max()
        .unwrap_or(0);
    for r in &mut g {
        r.truncate(used);
    }
    g
}

// ---------------------------------------------------------------------------------
// Writers.

pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[derive(Clone, Copy, PartialEq)]
pub enum HtmlStyle {
    /// Saved from Word: mso styles, spans in every cell, conditional comments, GB2312.
    Word,
    /// A site's CMS: nav and footer chrome, scripts, unclosed cells and rows, UTF-8.
    Cms,
}

pub fn to_html(blocks: &[Block], style: HtmlStyle) -> String {
    let mut h = String::new();
    match style {
        HtmlStyle::Word => h.push_str(
            "<html xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:w=\"urn:schemas-microsoft-com:office:word\">\n<head>\n<meta http-equiv=Content-Type content=\"text/html; charset=gb2312\">\n<meta name=Generator content=\"Microsoft Word 15\">\n<style>\n<!--\n /* Font Definitions */\n p.MsoNormal, li.MsoNormal {margin:0cm; text-align:justify; font-size:10.5pt; font-family:\"Times New Roman\",serif;}\n td {mso-border-alt:solid windowtext .5pt}\n-->\n</style>\n<!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View></w:WordDocument></xml><![endif]-->\n</head>\n<body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>\n<div class=WordSection1 style='layout-grid:15.6pt'>\n",
        ),
        HtmlStyle::Cms => h.push_str(
            "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>政府信息公开年报</title>\n<script type=\"text/javascript\">var tpl = '<table><tr><td>9</td></tr></table>'; if (a < b && c > d) {}</script>\n<style>.nav a{color:#333} td{border:1px solid #000}</style></head>\n<body><header><nav><a href=\"/\">首页</a> | <a href=\"/zwgk\">政务公开</a> | 信息公开年报</nav></header>\n<!-- 正文开始 --><div class=\"article\"><noscript>请启用脚本</noscript>\n",
        ),
    }
    for b in blocks {
        match b {
            Block::Para(p) => match style {
                HtmlStyle::Word => h.push_str(&format!(
                    "<p class=MsoNormal style='text-indent:32.0pt;line-height:28.0pt'><span style='font-size:16.0pt;font-family:仿宋_GB2312'>{}<span lang=EN-US><o:p></o:p></span></span></p>\n",
                    esc(p)
                )),
                HtmlStyle::Cms => h.push_str(&format!("<p style=\"text-indent:2em\">{}&nbsp;</p>\n", esc(p))),
            },
            Block::Table(rows) => {
                match style {
                    HtmlStyle::Word => h.push_str("<div align=center>\n<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 width=623 style='width:467.5pt;border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt'>\n"),
                    HtmlStyle::Cms => h.push_str("<table border=\"1\" cellspacing=\"0\" style=\"width:100%\"><tbody>\n"),
                }
                for (ri, row) in rows.iter().enumerate() {
                    match style {
                        HtmlStyle::Word => h.push_str(&format!(" <tr style='mso-yfti-irow:{ri};height:20.0pt'>\n")),
                        HtmlStyle::Cms => h.push_str("<tr>"),
                    }
                    for c in row {
                        let mut attrs = String::new();
                        if c.rowspan > 1 {
                            attrs.push_str(&format!(" rowspan={}", c.rowspan));
                        }
                        if c.colspan > 1 {
                            attrs.push_str(&format!(" colspan=\"{}\"", c.colspan));
                        }
                        match style {
                            HtmlStyle::Word => h.push_str(&format!(
                                "  <td width=85{attrs} valign=center style='width:63.8pt;border:solid windowtext 1.0pt;padding:0cm 5.4pt 0cm 5.4pt;height:20.0pt'>\n  <p class=MsoNormal align=center style='text-align:center'><span lang=EN-US style='font-size:10.0pt;font-family:\"仿宋_GB2312\"'>{}</span><span style='font-size:10.0pt'><o:p>&nbsp;</o:p></span></p>\n  </td>\n",
                                esc(&c.text)
                            )),
                            // a CMS often leaves cells and rows unclosed
                            HtmlStyle::Cms => h.push_str(&format!("<td{attrs}>{}", esc(&c.text))),
                        }
                    }
                    match style {
                        HtmlStyle::Word => h.push_str(" </tr>\n"),
                        HtmlStyle::Cms => h.push('\n'),
                    }
                }
                match style {
                    HtmlStyle::Word => h.push_str(
                        " <![if !supportMisalignedColumns]>\n <tr height=0>\n  <td width=85 style='border:none'></td>\n  <td width=85 style='border:none'></td>\n </tr>\n <![endif]>\n</table>\n</div>\n",
                    ),
                    HtmlStyle::Cms => h.push_str("</tbody></table>\n"),
                }
            }
        }
    }
    match style {
        HtmlStyle::Word => h.push_str("</div>\n</body>\n</html>\n"),
        HtmlStyle::Cms => h.push_str("</div><footer><p>主办单位：某某人民政府办公室 | 网站标识码 3208290001 | <a href=\"#\">联系我们</a></p></footer><script>document.write('<p>' + 1 + '</p>');</script></body></html>\n"),
    }
    h
}

/// A Word-export page padded to `size` bytes with the empty styled paragraphs such
/// pages are long with: their length is markup, not text.
pub fn word_page_of_size(blocks: &[Block], size: usize) -> String {
    let page = to_html(blocks, HtmlStyle::Word);
    let (head, tail) = page.split_at(
        page.find("<p class=MsoNormal")
            .expect("a Word page has paragraphs"),
    );
    let mut out = head.to_string();
    while out.len() + tail.len() < size {
        out.push_str("<p class=MsoNormal style='mso-pagination:widow-orphan;line-height:28.0pt;mso-line-height-rule:exactly'><span lang=EN-US style='font-size:16.0pt;font-family:仿宋_GB2312;mso-hansi-font-family:\"Times New Roman\";color:black'><o:p>&nbsp;</o:p></span></p>\n");
    }
    out.push_str(tail);
    out
}

pub fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in entries {
            z.start_file(*name, opts).unwrap();
            z.write_all(data).unwrap();
        }
        z.finish().unwrap();
    }
    buf.into_inner()
}

pub const CONTENT_TYPES: &[u8] = b"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";

pub const RELS: &[u8] = b"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";

/// A minimal Word package: content types, the package relationship, the document.
pub fn docx_of(document_xml: &str) -> Vec<u8> {
    zip_of(&[
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", RELS),
        ("word/document.xml", document_xml.as_bytes()),
    ])
}

/// A Word file: paragraphs with runs split as Word splits them, tables with gridSpan
/// for merged columns and vMerge (restart, then continue) for merged rows.
pub fn to_docx(blocks: &[Block]) -> Vec<u8> {
    let run = |s: &str| {
        format!("<w:r><w:rPr><w:rFonts w:ascii=\"仿宋_GB2312\" w:hint=\"eastAsia\"/><w:sz w:val=\"20\"/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r>", esc(s))
    };
    let para = |s: &str| {
        // Word splits text into runs at spell-check and language boundaries
        let chars: Vec<char> = s.chars().collect();
        let mid = chars.len() / 2;
        let (a, b): (String, String) =
            (chars[..mid].iter().collect(), chars[mid..].iter().collect());
        format!("<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"420\"/></w:tabs><w:jc w:val=\"center\"/></w:pPr>{}{}</w:p>", run(&a), run(&b))
    };
    let mut body = String::new();
    for b in blocks {
        match b {
            Block::Para(p) => body.push_str(&para(p)),
            Block::Table(rows) => {
                let g = grid(rows);
                let cols = g.first().map_or(0, |r| r.len());
                body.push_str("<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/><w:tblBorders><w:top w:val=\"single\" w:sz=\"4\"/><w:left w:val=\"single\" w:sz=\"4\"/><w:bottom w:val=\"single\" w:sz=\"4\"/><w:right w:val=\"single\" w:sz=\"4\"/><w:insideH w:val=\"single\" w:sz=\"4\"/><w:insideV w:val=\"single\" w:sz=\"4\"/></w:tblBorders></w:tblPr><w:tblGrid>");
                // the table fits the page's 9000 twips of text width
                let col_w = 9000 / cols.max(1);
                for _ in 0..cols {
                    body.push_str(&format!("<w:gridCol w:w=\"{col_w}\"/>"));
                }
                body.push_str("</w:tblGrid>");
                for r in &g {
                    body.push_str("<w:tr><w:trPr><w:trHeight w:val=\"400\"/></w:trPr>");
                    for slot in r {
                        match slot {
                            Slot::Start(c) | Slot::Below(c) => {
                                let start = matches!(slot, Slot::Start(_));
                                let mut pr = format!(
                                    "<w:tcPr><w:tcW w:w=\"{}\" w:type=\"dxa\"/>",
                                    col_w * c.colspan
                                );
                                if c.colspan > 1 {
                                    pr.push_str(&format!("<w:gridSpan w:val=\"{}\"/>", c.colspan));
                                }
                                if c.rowspan > 1 {
                                    pr.push_str(if start {
                                        "<w:vMerge w:val=\"restart\"/>"
                                    } else {
                                        "<w:vMerge/>"
                                    });
                                }
                                pr.push_str("<w:vAlign w:val=\"center\"/></w:tcPr>");
                                let content = if start {
                                    para(&c.text)
                                } else {
                                    "<w:p/>".to_string()
                                };
                                body.push_str(&format!("<w:tc>{pr}{content}</w:tc>"));
                            }
                            Slot::Right | Slot::Free => {}
                        }
                    }
                    body.push_str("</w:tr>");
                }
                body.push_str("</w:tbl>");
            }
        }
    }
    docx_of(&format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\"><w:body>{body}<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:body></w:document>"
    ))
}

// ---------------------------------------------------------------------------------
// PDF, written with lopdf.

#[derive(Clone, Copy, PartialEq)]
pub enum PdfFonts {
    /// As Word and WPS export: Chinese in an embedded-style Type0 font (Identity-H,
    /// CIDs in order of first use, a ToUnicode CMap), digits and Latin in a TrueType
    /// font with WinAnsi encoding and a Widths array.
    Identity,
    /// Older producers: a non-embedded Type0 font in the predefined UniGB-UCS2-H CMap,
    /// no ToUnicode (the codes are UCS-2).
    Ucs2,
}

pub struct PdfWriter {
    pub fonts: PdfFonts,
    /// CID of each Chinese character (Identity fonts).
    pub cids: Vec<char>,
    /// Each page's content operators.
    pub pages: Vec<String>,
}

pub const FS: f64 = 8.0;
pub const LATIN_W: f64 = 556.0;

impl PdfWriter {
    pub fn new(fonts: PdfFonts) -> Self {
        PdfWriter {
            fonts,
            cids: Vec::new(),
            pages: Vec::new(),
        }
    }

    pub fn width(c: char) -> f64 {
        if c.is_ascii() {
            LATIN_W / 1000.0 * FS
        } else {
            FS
        }
    }

    pub fn text_width(s: &str) -> f64 {
        s.chars().map(Self::width).sum()
    }

    pub fn page(&mut self, page: usize) -> &mut String {
        while self.pages.len() <= page {
            self.pages.push(String::new());
        }
        &mut self.pages[page]
    }

    /// Shows `s` at (x, y) of a page: runs of Latin in F2, the rest in F1, each run placed by Tm.
    pub fn text(&mut self, page: usize, s: &str, mut x: f64, y: f64) {
        let chars: Vec<char> = s.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let latin = chars[i].is_ascii();
            let j = chars[i..]
                .iter()
                .position(|c| c.is_ascii() != latin)
                .map_or(chars.len(), |p| i + p);
            let run: String = chars[i..j].iter().collect();
            let (font, hex) = if latin {
                (
                    "F2",
                    run.bytes().map(|b| format!("{b:02X}")).collect::<String>(),
                )
            } else {
                let hex = run
                    .chars()
                    .map(|c| match self.fonts {
                        PdfFonts::Ucs2 => format!("{:04X}", c as u32),
                        PdfFonts::Identity => {
                            let cid = match self.cids.iter().position(|&k| k == c) {
                                Some(p) => p + 1,
                                None => {
                                    self.cids.push(c);
                                    self.cids.len()
                                }
                            };
                            format!("{cid:04X}")
                        }
                    })
                    .collect::<String>();
                ("F1", hex)
            };
            self.page(page).push_str(&format!(
                "BT /{font} {FS} Tf 1 0 0 1 {x:.2} {y:.2} Tm <{hex}> Tj ET\n"
            ));
            x += Self::text_width(&run);
            i = j;
        }
    }

    pub fn rule(&mut self, page: usize, x: f64, y: f64, w: f64, h: f64) {
        self.page(page)
            .push_str(&format!("{x:.2} {y:.2} {w:.2} {h:.2} re S\n"));
    }

    pub fn finish(self, width: f64, height: f64) -> Vec<u8> {
        use lopdf::{dictionary, Object, Stream};
        let mut doc = lopdf::Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let latin_widths: Vec<Object> = (32..=126)
            .map(|_| Object::Integer(LATIN_W as i64))
            .collect();
        let f2 = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "TrueType", "BaseFont" => "TimesNewRomanPSMT",
            "Encoding" => "WinAnsiEncoding", "FirstChar" => 32, "LastChar" => 126, "Widths" => latin_widths,
        });
        let f1 = match self.fonts {
            PdfFonts::Identity => {
                let mut cmap = String::from("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
                for chunk in self.cids.chunks(100).enumerate() {
                    let (k, cs) = chunk;
                    cmap.push_str(&format!("{} beginbfchar\n", cs.len()));
                    for (n, c) in cs.iter().enumerate() {
                        let mut units = [0u16; 2];
                        let u: String = c
                            .encode_utf16(&mut units)
                            .iter()
                            .map(|u| format!("{u:04X}"))
                            .collect();
                        cmap.push_str(&format!("<{:04X}> <{u}>\n", k * 100 + n + 1));
                    }
                    cmap.push_str("endbfchar\n");
                }
                cmap.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
                let mut tu = Stream::new(dictionary! {}, cmap.into_bytes());
                let _ = tu.compress();
                let to_unicode = doc.add_object(tu);
                let desc = doc.add_object(dictionary! {
                    "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "ABCDEF+FangSong_GB2312",
                    "CIDSystemInfo" => dictionary! { "Registry" => Object::string_literal("Adobe"), "Ordering" => Object::string_literal("Identity"), "Supplement" => 0 },
                    "DW" => 1000, "CIDToGIDMap" => "Identity",
                });
                doc.add_object(dictionary! {
                    "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "ABCDEF+FangSong_GB2312",
                    "Encoding" => "Identity-H", "DescendantFonts" => vec![Object::Reference(desc)], "ToUnicode" => to_unicode,
                })
            }
            PdfFonts::Ucs2 => {
                let desc = doc.add_object(dictionary! {
                    "Type" => "Font", "Subtype" => "CIDFontType0", "BaseFont" => "STSong-Light",
                    "CIDSystemInfo" => dictionary! { "Registry" => Object::string_literal("Adobe"), "Ordering" => Object::string_literal("GB1"), "Supplement" => 2 },
                    "DW" => 1000,
                });
                doc.add_object(dictionary! {
                    "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "STSong-Light-UniGB-UCS2-H",
                    "Encoding" => "UniGB-UCS2-H", "DescendantFonts" => vec![Object::Reference(desc)],
                })
            }
        };
        let resources =
            doc.add_object(dictionary! { "Font" => dictionary! { "F1" => f1, "F2" => f2 } });
        let mut kids = Vec::new();
        for ops in &self.pages {
            let mut content = Stream::new(dictionary! {}, ops.clone().into_bytes());
            let _ = content.compress();
            let content_id = doc.add_object(content);
            let page = doc.add_object(
                dictionary! { "Type" => "Page", "Parent" => pages_id, "Contents" => content_id },
            );
            kids.push(Object::Reference(page));
        }
        let count = kids.len() as i64;
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages", "Kids" => kids, "Count" => count, "Resources" => resources,
                "MediaBox" => vec![0.into(), 0.into(), Object::Real(width as f32), Object::Real(height as f32)],
            }),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog);
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }
}

/// How a PDF lays out a table cell whose label is too long for its column.
#[derive(Clone, Copy, PartialEq)]
pub enum Wrap {
    /// Columns as wide as their longest text: every row on one line.
    None,
    /// Labels wrapped at this many characters, every cell centred in its row (Word's
    /// vAlign=center, what published reports mostly use).
    Middle(usize),
    /// Labels wrapped, every cell at the top of its row (Word's default).
    Top(usize),
}

/// How a PDF is laid out.
#[derive(Clone, Copy)]
pub struct PdfLayout {
    pub fonts: PdfFonts,
    pub wrap: Wrap,
    /// Tables drawn with ruling lines (else text placed by position alone).
    pub ruled: bool,
    /// A table row taller than what is left of the page breaks across the page (Word's
    /// "allow row to break across pages", on by default), else it moves to the next page.
    pub split_rows: bool,
}

pub const LINES_PER_PAGE: usize = 50;

/// A PDF of the report: ruled tables with labels on one line, pages of 50 lines.
pub fn to_pdf(blocks: &[Block], fonts: PdfFonts, wrap: Wrap) -> Vec<u8> {
    to_pdf_with(
        blocks,
        PdfLayout {
            fonts,
            wrap,
            ruled: true,
            split_rows: false,
        },
    )
}

/// Paragraphs one per line, tables drawn as grids of cells, merged cells' text in their
/// first row (or the middle of their rows); laid out as one long column of lines first,
/// then cut into pages, so a box that crosses a page break is drawn on both pages.
pub fn to_pdf_with(blocks: &[Block], layout: PdfLayout) -> Vec<u8> {
    to_pdf_counting_splits(blocks, layout).0
}

/// The PDF, and how many table rows it broke across pages.
pub fn to_pdf_counting_splits(blocks: &[Block], layout: PdfLayout) -> (Vec<u8>, usize) {
    let mut splits = 0;
    let mut w = PdfWriter::new(layout.fonts);
    let line_h = FS * 1.6;
    let top = 800.0;
    // a line of the whole document: its page and its baseline there
    let place = |line: usize| {
        (
            line / LINES_PER_PAGE,
            top - (line % LINES_PER_PAGE) as f64 * line_h,
        )
    };
    let mut next = 0usize;
    let mut width: f64 = 600.0;
    for b in blocks {
        match b {
            Block::Para(p) => {
                let (page, y) = place(next);
                w.text(page, p, 40.0, y);
                next += 1;
                width = width.max(80.0 + PdfWriter::text_width(p));
            }
            Block::Table(rows) => {
                let g = grid(rows);
                let cols = g.first().map_or(0, |r| r.len());
                let wrapped = |s: &str| -> Vec<String> {
                    let chars: Vec<char> = s.chars().collect();
                    match layout.wrap {
                        Wrap::Top(n) | Wrap::Middle(n) if chars.len() > n => {
                            chars.chunks(n).map(|c| c.iter().collect()).collect()
                        }
                        _ => vec![s.to_string()],
                    }
                };
                // column widths: the widest single-column text, plus padding
                let mut cw = vec![24.0f64; cols];
                for r in &g {
                    for (k, s) in r.iter().enumerate() {
                        if let Slot::Start(c) = s {
                            if c.colspan == 1 {
                                let tw = wrapped(&c.text)
                                    .iter()
                                    .map(|l| PdfWriter::text_width(l))
                                    .fold(0.0, f64::max);
                                cw[k] = cw[k].max(tw + 12.0);
                            }
                        }
                    }
                }
                let xs: Vec<f64> = std::iter::once(40.0)
                    .chain(cw.iter().scan(40.0, |x, w| {
                        *x += w;
                        Some(*x)
                    }))
                    .collect();
                width = width.max(xs[cols] + 40.0);
                // each row as tall as its unmerged cells' text; its first line, page-wise
                let mut heights: Vec<usize> = g
                    .iter()
                    .map(|r| {
                        r.iter()
                            .map(|s| {
                                if let Slot::Start(c) = s {
                                    if c.rowspan == 1 {
                                        wrapped(&c.text).len()
                                    } else {
                                        1
                                    }
                                } else {
                                    1
                                }
                            })
                            .max()
                            .unwrap_or(1)
                    })
                    .collect();
                // a merged cell whose text needs more lines than its rows have makes its last row taller
                for (ri, r) in g.iter().enumerate() {
                    for s in r {
                        if let Slot::Start(c) = s {
                            let last = (ri + c.rowspan).min(g.len()) - 1;
                            let have: usize = heights[ri..=last].iter().sum();
                            heights[last] += wrapped(&c.text).len().saturating_sub(have);
                        }
                    }
                }
                let mut starts = Vec::with_capacity(g.len() + 1);
                for &h in &heights {
                    let left = LINES_PER_PAGE - next % LINES_PER_PAGE;
                    if h > left && !layout.split_rows {
                        next += left;
                    }
                    splits += (h > left && layout.split_rows) as usize;
                    starts.push(next);
                    next += h;
                }
                starts.push(next);
                for (ri, r) in g.iter().enumerate() {
                    for (k, s) in r.iter().enumerate() {
                        let Slot::Start(c) = s else { continue };
                        let ls = wrapped(&c.text);
                        let (from, to) = (starts[ri], starts[(ri + c.rowspan).min(g.len())]);
                        let skip = if matches!(layout.wrap, Wrap::Middle(_)) {
                            (to - from).saturating_sub(ls.len()) / 2
                        } else {
                            0
                        };
                        for (n, l) in ls.iter().enumerate() {
                            let (page, y) = place(from + skip + n);
                            w.text(page, l, xs[k] + 6.0, y);
                        }
                        if layout.ruled {
                            // the box, one piece per page it crosses
                            let mut at = from;
                            while at < to {
                                let end = to.min((at / LINES_PER_PAGE + 1) * LINES_PER_PAGE);
                                let (page, y) = place(at);
                                let h = line_h * (end - at) as f64;
                                w.rule(page, xs[k], y - h + FS * 0.7, xs[k + c.colspan] - xs[k], h);
                                at = end;
                            }
                        }
                    }
                }
            }
        }
    }
    (w.finish(width, top + 40.0), splits)
}
