//! Published documents read as such. Each fixture is made here from a generated report
//! (row labels from the formats in src/format.rs, numbers random but consistent): its
//! tables laid out as the national forms publish them — label cells merged across rows
//! and columns — then written as an HTML page, a Word .docx (with the zip crate) and a
//! PDF (with lopdf). Each must read back to the same cells as the report's plain text.

mod common;

use common::gen::{Generated, Layout};
use nianbao::decode::Encoding;
use nianbao::format::Template;
use std::io::Write;

// ---------------------------------------------------------------------------------
// The published layout: tables with merged cells, built from a report's `|` rows.

#[derive(Debug, Clone)]
struct TCell {
    text: String,
    rowspan: usize,
    colspan: usize,
}

fn cell(text: &str, rowspan: usize, colspan: usize) -> TCell {
    TCell { text: text.to_string(), rowspan, colspan }
}

#[derive(Debug, Clone)]
enum Block {
    Para(String),
    /// Rows of the cells that start in them (merged cells are not repeated).
    Table(Vec<Vec<TCell>>),
}

fn split(line: &str) -> Vec<String> {
    let mut cells: Vec<String> = line.split('|').map(|c| c.trim().to_string()).collect();
    while cells.last().is_some_and(|c| c.is_empty()) {
        cells.pop();
    }
    cells
}

fn is_value(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '-')
}

/// The report as a publisher lays it out: paragraphs, and tables merged as the forms are.
fn published(text: &str) -> Vec<Block> {
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
fn t2_table(rows: &[Vec<String>]) -> Vec<Vec<TCell>> {
    let width = rows.iter().map(|r| r.len()).max().unwrap_or(1).max(4);
    rows.iter()
        .map(|r| {
            let n = r.len();
            r.iter().enumerate().map(|(k, c)| cell(c, 1, if k + 1 == n { width - (n - 1) } else { 1 })).collect()
        })
        .collect()
}

/// 三: three label columns (a heading merged over the results, group labels merged
/// over their numbered rows, ungrouped labels across two columns), seven of values.
fn t3_table(rows: &[Vec<String>]) -> Vec<Vec<TCell>> {
    let mut out = vec![
        vec![cell(&rows[0][0], 3, 3), cell("申请人情况", 1, 7)],
        vec![cell("自然人", 2, 1), cell("法人或其他组织", 1, 5), cell("总计", 2, 1)],
        ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"].iter().map(|h| cell(h, 1, 1)).collect(),
    ];
    let data: Vec<(Vec<String>, Vec<String>)> = rows[3..]
        .iter()
        .map(|r| {
            let labels = r.iter().take_while(|c| !is_value(c)).cloned().collect();
            let values = r.iter().skip_while(|c| !is_value(c)).cloned().collect();
            (labels, values)
        })
        .collect();
    let results = data.iter().position(|(l, _)| l.first().is_some_and(|s| s.starts_with("三、"))).unwrap();
    let total = data.iter().position(|(l, _)| l.last().is_some_and(|s| s.contains("总计"))).unwrap();
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
                let children = 1 + data[k + 1..].iter().take_while(|(l, _)| l.len() == 1 && l[0].starts_with(|c: char| c.is_ascii_digit())).count();
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
fn t4_table(rows: &[Vec<String>]) -> Vec<Vec<TCell>> {
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
enum Slot<'a> {
    Start(&'a TCell),
    Below(&'a TCell),
    Right,
    Free,
}

fn grid(rows: &[Vec<TCell>]) -> Vec<Vec<Slot<'_>>> {
    let width = rows.iter().map(|r| r.iter().map(|c| c.colspan).sum::<usize>()).max().unwrap_or(0) + 16;
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
    let used = g.iter().map(|r| r.iter().rposition(|s| !matches!(s, Slot::Free)).map_or(0, |p| p + 1)).max().unwrap_or(0);
    for r in &mut g {
        r.truncate(used);
    }
    g
}

// ---------------------------------------------------------------------------------
// Writers.

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[derive(Clone, Copy, PartialEq)]
enum HtmlStyle {
    /// Saved from Word: mso styles, spans in every cell, conditional comments, GB2312.
    Word,
    /// A site's CMS: nav and footer chrome, scripts, unclosed cells and rows, UTF-8.
    Cms,
}

fn to_html(blocks: &[Block], style: HtmlStyle) -> String {
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

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in entries {
            z.start_file(*name, opts).unwrap();
            z.write_all(data).unwrap();
        }
        z.finish().unwrap();
    }
    buf.into_inner()
}

const CONTENT_TYPES: &[u8] = b"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";

const RELS: &[u8] = b"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";

/// A minimal Word package: content types, the package relationship, the document.
fn docx_of(document_xml: &str) -> Vec<u8> {
    zip_of(&[("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS), ("word/document.xml", document_xml.as_bytes())])
}

/// A Word file: paragraphs with runs split as Word splits them, tables with gridSpan
/// for merged columns and vMerge (restart, then continue) for merged rows.
fn to_docx(blocks: &[Block]) -> Vec<u8> {
    let run = |s: &str| format!("<w:r><w:rPr><w:rFonts w:ascii=\"仿宋_GB2312\" w:hint=\"eastAsia\"/><w:sz w:val=\"20\"/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r>", esc(s));
    let para = |s: &str| {
        // Word splits text into runs at spell-check and language boundaries
        let chars: Vec<char> = s.chars().collect();
        let mid = chars.len() / 2;
        let (a, b): (String, String) = (chars[..mid].iter().collect(), chars[mid..].iter().collect());
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
                                let mut pr = format!("<w:tcPr><w:tcW w:w=\"{}\" w:type=\"dxa\"/>", col_w * c.colspan);
                                if c.colspan > 1 {
                                    pr.push_str(&format!("<w:gridSpan w:val=\"{}\"/>", c.colspan));
                                }
                                if c.rowspan > 1 {
                                    pr.push_str(if start { "<w:vMerge w:val=\"restart\"/>" } else { "<w:vMerge/>" });
                                }
                                pr.push_str("<w:vAlign w:val=\"center\"/></w:tcPr>");
                                let content = if start { para(&c.text) } else { "<w:p/>".to_string() };
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
enum PdfFonts {
    /// As Word and WPS export: Chinese in an embedded-style Type0 font (Identity-H,
    /// CIDs in order of first use, a ToUnicode CMap), digits and Latin in a TrueType
    /// font with WinAnsi encoding and a Widths array.
    Identity,
    /// Older producers: a non-embedded Type0 font in the predefined UniGB-UCS2-H CMap,
    /// no ToUnicode (the codes are UCS-2).
    Ucs2,
}

struct PdfWriter {
    fonts: PdfFonts,
    /// CID of each Chinese character (Identity fonts).
    cids: Vec<char>,
    /// Each page's content operators.
    pages: Vec<String>,
}

const FS: f64 = 8.0;
const LATIN_W: f64 = 556.0;

impl PdfWriter {
    fn new(fonts: PdfFonts) -> Self {
        PdfWriter { fonts, cids: Vec::new(), pages: Vec::new() }
    }

    fn width(c: char) -> f64 {
        if c.is_ascii() {
            LATIN_W / 1000.0 * FS
        } else {
            FS
        }
    }

    fn text_width(s: &str) -> f64 {
        s.chars().map(Self::width).sum()
    }

    fn page(&mut self, page: usize) -> &mut String {
        while self.pages.len() <= page {
            self.pages.push(String::new());
        }
        &mut self.pages[page]
    }

    /// Shows `s` at (x, y) of a page: runs of Latin in F2, the rest in F1, each run placed by Tm.
    fn text(&mut self, page: usize, s: &str, mut x: f64, y: f64) {
        let chars: Vec<char> = s.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let latin = chars[i].is_ascii();
            let j = chars[i..].iter().position(|c| c.is_ascii() != latin).map_or(chars.len(), |p| i + p);
            let run: String = chars[i..j].iter().collect();
            let (font, hex) = if latin {
                ("F2", run.bytes().map(|b| format!("{b:02X}")).collect::<String>())
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
            self.page(page).push_str(&format!("BT /{font} {FS} Tf 1 0 0 1 {x:.2} {y:.2} Tm <{hex}> Tj ET\n"));
            x += Self::text_width(&run);
            i = j;
        }
    }

    fn rule(&mut self, page: usize, x: f64, y: f64, w: f64, h: f64) {
        self.page(page).push_str(&format!("{x:.2} {y:.2} {w:.2} {h:.2} re S\n"));
    }

    fn finish(self, width: f64, height: f64) -> Vec<u8> {
        use lopdf::{dictionary, Object, Stream};
        let mut doc = lopdf::Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let latin_widths: Vec<Object> = (32..=126).map(|_| Object::Integer(LATIN_W as i64)).collect();
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
                        let u: String = c.encode_utf16(&mut units).iter().map(|u| format!("{u:04X}")).collect();
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
        let resources = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => f1, "F2" => f2 } });
        let mut kids = Vec::new();
        for ops in &self.pages {
            let mut content = Stream::new(dictionary! {}, ops.clone().into_bytes());
            let _ = content.compress();
            let content_id = doc.add_object(content);
            let page = doc.add_object(dictionary! { "Type" => "Page", "Parent" => pages_id, "Contents" => content_id });
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
enum Wrap {
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
struct PdfLayout {
    fonts: PdfFonts,
    wrap: Wrap,
    /// Tables drawn with ruling lines (else text placed by position alone).
    ruled: bool,
    /// A table row taller than what is left of the page breaks across the page (Word's
    /// "allow row to break across pages", on by default), else it moves to the next page.
    split_rows: bool,
}

const LINES_PER_PAGE: usize = 50;

/// A PDF of the report: ruled tables with labels on one line, pages of 50 lines.
fn to_pdf(blocks: &[Block], fonts: PdfFonts, wrap: Wrap) -> Vec<u8> {
    to_pdf_with(blocks, PdfLayout { fonts, wrap, ruled: true, split_rows: false })
}

/// Paragraphs one per line, tables drawn as grids of cells, merged cells' text in their
/// first row (or the middle of their rows); laid out as one long column of lines first,
/// then cut into pages, so a box that crosses a page break is drawn on both pages.
fn to_pdf_with(blocks: &[Block], layout: PdfLayout) -> Vec<u8> {
    to_pdf_counting_splits(blocks, layout).0
}

/// The PDF, and how many table rows it broke across pages.
fn to_pdf_counting_splits(blocks: &[Block], layout: PdfLayout) -> (Vec<u8>, usize) {
    let mut splits = 0;
    let mut w = PdfWriter::new(layout.fonts);
    let line_h = FS * 1.6;
    let top = 800.0;
    // a line of the whole document: its page and its baseline there
    let place = |line: usize| (line / LINES_PER_PAGE, top - (line % LINES_PER_PAGE) as f64 * line_h);
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
                        Wrap::Top(n) | Wrap::Middle(n) if chars.len() > n => chars.chunks(n).map(|c| c.iter().collect()).collect(),
                        _ => vec![s.to_string()],
                    }
                };
                // column widths: the widest single-column text, plus padding
                let mut cw = vec![24.0f64; cols];
                for r in &g {
                    for (k, s) in r.iter().enumerate() {
                        if let Slot::Start(c) = s {
                            if c.colspan == 1 {
                                let tw = wrapped(&c.text).iter().map(|l| PdfWriter::text_width(l)).fold(0.0, f64::max);
                                cw[k] = cw[k].max(tw + 12.0);
                            }
                        }
                    }
                }
                let xs: Vec<f64> = std::iter::once(40.0).chain(cw.iter().scan(40.0, |x, w| {
                    *x += w;
                    Some(*x)
                })).collect();
                width = width.max(xs[cols] + 40.0);
                // each row as tall as its unmerged cells' text; its first line, page-wise
                let mut heights: Vec<usize> = g.iter().map(|r| r.iter().map(|s| if let Slot::Start(c) = s { if c.rowspan == 1 { wrapped(&c.text).len() } else { 1 } } else { 1 }).max().unwrap_or(1)).collect();
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
                        let skip = if matches!(layout.wrap, Wrap::Middle(_)) { (to - from).saturating_sub(ls.len()) / 2 } else { 0 };
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

// ---------------------------------------------------------------------------------
// Comparing a document with its text twin.

fn values(r: &nianbao::Report) -> Vec<(String, Option<String>)> {
    r.cells.iter().filter(|c| !c.added).map(|c| (c.key.clone(), c.value.map(|v| v.to_string()))).collect()
}

fn text_twin(text: &str) -> nianbao::Report {
    nianbao::read_text("r.txt", text.to_string(), Encoding::Utf8, String::new())
}

/// The document reads to the same cells as its text, and every span points at its value
/// in the document's text (what the review screen highlights).
fn same_cells(doc: &nianbao::Report, twin: &nianbao::Report, what: &str) {
    assert!(twin.cells.iter().filter(|c| c.value.is_some()).count() > 100, "{what}: the text twin reads");
    let (a, b) = (values(doc), values(twin));
    let diff: Vec<_> = a.iter().zip(&b).filter(|(x, y)| x != y).take(5).collect();
    assert!(diff.is_empty() && a.len() == b.len(), "{what}: cells differ from the text's (document, text): {diff:?}\n--- document text:\n{}", doc.text);
    for c in &doc.cells {
        if let (Some((s, e)), Some(v)) = (c.span, c.value) {
            let raw: String = doc.text[s..e].chars().map(nianbao::text::normalize_char).collect();
            assert_eq!(nianbao::num::Num::parse(raw.trim()), Some(v), "{what}: span of {}", c.key);
        }
    }
}

fn report(seed: u64) -> (Generated, String) {
    let template = if seed.is_multiple_of(2) { Template::Y2019 } else { Template::Y2021 };
    let g = Generated::new(seed, template, Layout::Pipes);
    let text = g.render();
    (g, text)
}

// ---------------------------------------------------------------------------------
// HTML.

#[test]
fn html_pages_in_both_formats_read_back_to_the_cells_of_their_text() {
    for seed in 0..120u64 {
        let (_, text) = report(seed);
        let twin = text_twin(&text);
        let blocks = published(&text);
        for style in [HtmlStyle::Word, HtmlStyle::Cms] {
            let page = to_html(&blocks, style);
            let bytes = if style == HtmlStyle::Word { encoding_rs::GBK.encode(&page).0.into_owned() } else { page.into_bytes() };
            let r = nianbao::read_bytes("r.html", &bytes).unwrap();
            assert_eq!(r.source.format, "html");
            assert_eq!(r.source.encoding, if style == HtmlStyle::Word { "gb18030" } else { "utf-8" });
            same_cells(&r, &twin, &format!("seed {seed} html"));
            assert!(!r.text.contains("var tpl") && !r.text.contains("mso-") && !r.text.contains("document.write"), "scripts and styles are not text");
        }
    }
}

#[test]
fn merged_cells_leave_empty_cells_where_the_table_shows_none() {
    let (_, text) = report(1);
    let page = to_html(&published(&text), HtmlStyle::Cms);
    let r = nianbao::read_bytes("r.html", page.as_bytes()).unwrap();
    let line = |start: &str| r.text.lines().find(|l| l.trim_start_matches([' ', '|']).starts_with(start)).unwrap_or_else(|| panic!("no line {start} in\n{}", r.text)).to_string();
    // under 三、本年度办理结果 and (三)不予公开, the merged labels leave empty cells
    assert!(line("2.其他法律行政法规禁止公开").starts_with(" |  | 2.其他法律行政法规禁止公开 | "), "{}", line("2.其他法律"));
    assert!(line("(三)不予公开").starts_with(" | (三)不予公开 | 1.属于国家秘密 | "));
    // an ungrouped label spans two columns: its second column is empty
    assert!(line("(七)总计").starts_with(" | (七)总计 |  | "));
}

#[test]
fn a_page_without_tables_a_truncated_page_and_a_misnamed_page() {
    let r = nianbao::read_bytes("x.html", "<html><body><p>2018年政府信息公开工作年度报告</p></body></html>".as_bytes()).unwrap();
    let f = nianbao::rules::check(&r);
    assert!(f.iter().any(|f| f.rule == "PARSE-TABLE-MISSING"));
    assert!(r.cells.iter().all(|c| c.value.is_none()), "no invented cells");
    // truncated markup (and a page cut mid-character) never panics
    let (_, text) = report(7);
    let page = to_html(&published(&text), HtmlStyle::Word);
    let gbk = encoding_rs::GBK.encode(&page).0.into_owned();
    for cut in (0..gbk.len()).step_by(1499) {
        let _ = nianbao::read_bytes("cut.html", &gbk[..cut]);
    }
}

/// A page of Word-export size: 300 KB of markup must read fast. The time is printed
/// (`cargo test --release -- --nocapture html_speed`); the bound is loose for CI.
#[test]
fn html_speed_of_a_300_kb_word_page() {
    let (_, text) = report(11);
    let blocks = published(&text);
    let mut page = to_html(&blocks, HtmlStyle::Word);
    // Word pages are long because of their markup, not their text: pad with more of it
    let (head, tail) = page.split_at(page.find("<p class=MsoNormal").unwrap());
    let (head, tail) = (head.to_string(), tail.to_string());
    page = head.clone();
    while page.len() + tail.len() < 300_000 {
        page.push_str("<p class=MsoNormal style='mso-pagination:widow-orphan;line-height:28.0pt;mso-line-height-rule:exactly'><span lang=EN-US style='font-size:16.0pt;font-family:仿宋_GB2312;mso-hansi-font-family:\"Times New Roman\";color:black'><o:p>&nbsp;</o:p></span></p>\n");
    }
    page.push_str(&tail);
    let bytes = page.as_bytes();
    let twin = text_twin(&text);
    let start = std::time::Instant::now();
    let n = 20;
    for _ in 0..n {
        let t = nianbao::document::extract(bytes).unwrap().unwrap();
        assert!(t.text.len() > 1000);
    }
    let per = start.elapsed() / n;
    let whole = std::time::Instant::now();
    let r = nianbao::read_bytes("big.html", bytes).unwrap();
    let read = whole.elapsed();
    eprintln!("HTML {} KB: to text in {:?}, read and located in {:?}", bytes.len() / 1024, per, read);
    same_cells(&r, &twin, "300 KB page");
    assert!(per < std::time::Duration::from_millis(250), "{per:?}");
}

// ---------------------------------------------------------------------------------
// Word.

#[test]
fn word_files_in_both_formats_read_back_to_the_cells_of_their_text() {
    for seed in 200..260u64 {
        let (_, text) = report(seed);
        let twin = text_twin(&text);
        let r = nianbao::read_bytes("r.docx", &to_docx(&published(&text))).unwrap();
        assert_eq!(r.source.format, "docx");
        same_cells(&r, &twin, &format!("seed {seed} docx"));
    }
}

#[test]
fn word_merges_read_as_the_table_shows_them() {
    let (_, text) = report(3);
    let r = nianbao::read_bytes("r.docx", &to_docx(&published(&text))).unwrap();
    let has = |s: &str| r.text.lines().any(|l| l.starts_with(s));
    assert!(has(" |  | 2.其他法律行政法规禁止公开 | "), "{}", r.text);
    assert!(has(" | (七)总计 |  | "));
    assert!(!r.text.contains("left"), "tab stops are not text");
}

#[test]
fn malformed_word_files_give_clear_errors() {
    let (_, text) = report(5);
    let good = to_docx(&published(&text));
    let err = |bytes: &[u8]| nianbao::read_bytes("x.docx", bytes).unwrap_err().to_string();
    // truncated anywhere: an error naming the zip, never a panic
    for cut in [10, 100, good.len() / 3, good.len() / 2, good.len() - 30] {
        let e = err(&good[..cut]);
        assert!(e.contains("zip"), "{e}");
    }
    // a zip that is not a Word document
    let e = err(&zip_of(&[("hello.txt", b"hi")]));
    assert!(e.contains("not a Word document: word/document.xml is missing"), "{e}");
    // billion laughs: entity expansion refused before any expansion
    let mut lol = String::from("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
    for k in 1..10 {
        lol.push_str(&format!("<!ENTITY lol{k} \"{}\">", format!("&lol{};", if k == 1 { String::new() } else { (k - 1).to_string() }).repeat(10)));
    }
    lol.push_str("]><w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>");
    let e = err(&docx_of(&lol));
    assert!(e.contains("DTD") && e.contains("XML bomb"), "{e}");
    // an entity used without being declared is no bomb, but no Word text either
    let e = err(&docx_of("<w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"));
    assert!(e.contains("word/document.xml"), "{e}");
    // deep nesting: 100 000 levels give an error, not a stack overflow
    let deep = format!("<w:document xmlns:w=\"w\"><w:body>{}{}</w:body></w:document>", "<w:tbl><w:tr><w:tc>".repeat(33_000), "</w:tc></w:tr></w:tbl>".repeat(33_000));
    let e = err(&docx_of(&deep));
    assert!(e.contains("nest"), "{e}");
    // a zip bomb: a document.xml unpacking past the limit (64 MB of zeros, 64 KB packed)
    let bomb = zip_of(&[("[Content_Types].xml", CONTENT_TYPES), ("word/document.xml", &vec![b'<'; 65 * 1024 * 1024])]);
    assert!(bomb.len() < 1024 * 1024);
    let e = err(&bomb);
    assert!(e.contains("zip bomb"), "{e}");
    // an old binary .doc is named as such
    let e = err(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0\0\0\0\0");
    assert!(e.contains(".doc"), "{e}");
}

// ---------------------------------------------------------------------------------
// PDF.

#[test]
fn pdfs_in_both_formats_read_back_to_the_cells_of_their_text() {
    for seed in 300..340u64 {
        let (_, text) = report(seed);
        let twin = text_twin(&text);
        let fonts = if seed % 4 < 2 { PdfFonts::Identity } else { PdfFonts::Ucs2 };
        // ruled tables rebuilt from their borders, and borderless ones read by position
        let pdf = to_pdf_with(&published(&text), PdfLayout { fonts, wrap: Wrap::None, ruled: seed % 3 != 0, split_rows: false });
        let r = nianbao::read_bytes("r.pdf", &pdf).unwrap();
        assert_eq!(r.source.format, "pdf");
        same_cells(&r, &twin, &format!("seed {seed} pdf"));
    }
}

#[test]
fn pdf_rows_come_out_one_line_each_with_cells_apart() {
    let (_, text) = report(9);
    let pdf = to_pdf(&published(&text), PdfFonts::Identity, Wrap::None);
    let r = nianbao::read_bytes("r.pdf", &pdf).unwrap();
    let total = r.text.lines().find(|l| l.contains("(七)总计")).unwrap_or_else(|| panic!("{}", r.text));
    let cells: Vec<&str> = total.split(" | ").map(str::trim).filter(|c| !c.is_empty()).collect();
    assert_eq!(cells.len(), 8, "a label and seven values: {total}");
    assert!(cells[1..].iter().all(|c| c.parse::<i64>().is_ok()), "{total}");
}

#[test]
fn pdfs_with_labels_wrapped_in_their_cells() {
    // the layout of most published PDFs: long labels wrap inside narrow columns, the
    // row's values centred beside the label's middle line
    for seed in 340..356u64 {
        let (_, text) = report(seed);
        let twin = text_twin(&text);
        let pdf = to_pdf(&published(&text), PdfFonts::Identity, Wrap::Middle(12));
        let r = nianbao::read_bytes("r.pdf", &pdf).unwrap();
        same_cells(&r, &twin, &format!("seed {seed} wrapped pdf"));
        // the ruled cells put each row, its wrapped label joined, on one line
        let row = r.text.lines().find(|l| l.contains("2.其他法律行政法规禁止公开")).unwrap_or_else(|| panic!("{}", r.text));
        assert_eq!(row.split(" | ").filter(|c| nianbao::num::Num::parse(c.trim()).is_some()).count(), 7, "{row}");
    }
}

#[test]
fn pdf_rows_broken_across_pages_are_one_row_again() {
    // Word lets a row break across pages by default: part of the wrapped label (and the
    // values, on whichever side of the break they fall) continues on the next page
    let mut splits = 0;
    for seed in 368..392u64 {
        let (_, text) = report(seed);
        let twin = text_twin(&text);
        let mut blocks = published(&text);
        // move the page breaks through the tables from one seed to the next
        for n in 0..seed % 7 {
            blocks.insert(1, Block::Para(format!("（{n}）")));
        }
        let wrap = if seed % 2 == 0 { Wrap::Middle(6) } else { Wrap::Top(6) };
        let (pdf, n) = to_pdf_counting_splits(&blocks, PdfLayout { fonts: PdfFonts::Identity, wrap, ruled: true, split_rows: true });
        splits += n;
        let r = nianbao::read_bytes("r.pdf", &pdf).unwrap();
        if n > 0 && matches!(wrap, Wrap::Middle(_)) {
            same_cells(&r, &twin, &format!("seed {seed}: {n} rows broken across pages"));
        }
        // each row of the requests table is one line with its seven values, the half
        // of a broken row on the next page joined back to it
        let lines: Vec<&str> = r.text.lines().collect();
        let from = lines.iter().position(|l| l.contains("本年新收")).unwrap();
        let to = from + lines[from..].iter().position(|l| l.contains("结转下年度")).unwrap();
        for l in &lines[from..=to] {
            let values = l.split(" | ").filter(|c| nianbao::num::Num::parse(c.trim()).is_some()).count();
            assert_eq!(values, 7, "seed {seed}: {l}\n{}", r.text);
        }
        // never a wrong value, whatever the layout
        for ((k, got), (_, want)) in values(&r).iter().zip(values(&twin)) {
            assert!(got.is_none() || *got == want, "seed {seed} {k}: {got:?} where the text says {want:?}");
        }
    }
    assert!(splits >= 12, "the layouts broke rows across pages: {splits}");
}

#[test]
fn pdfs_with_labels_at_the_top_of_wrapped_rows_never_read_wrong_values() {
    // values beside a wrapped label's first line: the reader may leave a cell missing
    // (the 2021 format's (六)其他处理 rows), but never gives a wrong value
    let mut read = 0;
    for seed in 356..368u64 {
        let (_, text) = report(seed);
        let twin = text_twin(&text);
        let r = nianbao::read_bytes("r.pdf", &to_pdf(&published(&text), PdfFonts::Identity, Wrap::Top(12))).unwrap();
        for ((k, got), (_, want)) in values(&r).iter().zip(values(&twin)) {
            assert!(got.is_none() || *got == want, "seed {seed} {k}: {got:?} where the text says {want:?}");
            read += got.is_some() as usize;
        }
    }
    assert!(read > 12 * 150, "most cells read: {read}");
}

#[test]
fn malformed_pdfs_give_clear_errors() {
    let err = |bytes: &[u8]| nianbao::read_bytes("x.pdf", bytes).unwrap_err().to_string();
    // a scan: pages with drawings but no text
    let mut w = PdfWriter::new(PdfFonts::Identity);
    w.rule(0, 10.0, 10.0, 100.0, 100.0);
    w.rule(1, 20.0, 20.0, 50.0, 50.0);
    let e = err(&w.finish(600.0, 800.0));
    assert_eq!(e, "the PDF has no text layer (a scan?): run OCR first");
    // truncated anywhere: an error or what the pages before the cut hold, never a panic
    let (_, text) = report(13);
    let pdf = to_pdf(&published(&text), PdfFonts::Identity, Wrap::None);
    for cut in (0..pdf.len()).step_by(pdf.len() / 40 + 1) {
        let _ = nianbao::read_bytes("cut.pdf", &pdf[..cut]);
    }
    let e = err(b"%PDF-1.7\n%garbage");
    assert!(e.contains("PDF"), "{e}");
}

#[test]
fn damaged_documents_never_panic() {
    let (_, text) = report(21);
    let blocks = published(&text);
    let docs = [to_html(&blocks, HtmlStyle::Cms).into_bytes(), to_docx(&blocks), to_pdf(&blocks, PdfFonts::Identity, Wrap::None)];
    let mut rng = common::gen::Rng::new(99);
    for d in &docs {
        for _ in 0..300 {
            let mut m = d.clone();
            for _ in 0..1 + rng.below(8) {
                let i = rng.below(m.len() as u64) as usize;
                m[i] = rng.next_u64() as u8;
            }
            // extraction, the step these formats add (what the reader then makes of the
            // text is the plain-text tests' business)
            let read = std::panic::catch_unwind(|| nianbao::document::extract(&m).map(|d| d.map(|d| d.text.len())));
            assert!(read.is_ok(), "a damaged {:?} panicked", &d[..4]);
        }
    }
}

// ---------------------------------------------------------------------------------
// The program, end to end, told by content whatever the file's name.

fn nianbao(args: &[&str], file: &std::path::Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_nianbao")).args(args).arg(file).output().unwrap()
}

#[test]
fn check_and_export_take_every_format_whatever_its_name() {
    let dir = std::env::temp_dir().join(format!("nianbao-documents-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let demo = include_str!("../src/demo/demo-2023.txt");
    let blocks = published(demo);
    let twin = text_twin(demo);
    let twin_findings: Vec<String> = nianbao::rules::check(&twin).iter().map(|f| f.rule.to_string()).collect();
    assert!(twin_findings.iter().any(|r| r == "T3-ROWSUM"), "the demo has a wrong total");
    let files: Vec<(&str, Vec<u8>, &str)> = vec![
        ("report.html", to_html(&blocks, HtmlStyle::Cms).into_bytes(), "html"),
        ("report.docx", to_docx(&blocks), "docx"),
        ("report.pdf", to_pdf(&blocks, PdfFonts::Identity, Wrap::None), "pdf"),
        // misleading names: the content decides
        ("saved-page.txt", encoding_rs::GBK.encode(&to_html(&blocks, HtmlStyle::Word)).0.into_owned(), "html"),
        ("report.doc", to_docx(&blocks), "docx"),
        ("report.html.txt", to_pdf(&blocks, PdfFonts::Ucs2, Wrap::None), "pdf"),
    ];
    for (name, bytes, format) in &files {
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        let out = nianbao(&["check"], &p);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{name}: findings make check exit 1\n{stdout}{}", String::from_utf8_lossy(&out.stderr));
        assert!(stdout.contains("T3-ROWSUM"), "{name}: {stdout}");
        let out = nianbao(&["export"], &p);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(v["source"]["format"], *format, "{name}");
        for c in v["cells"].as_array().unwrap() {
            let key = c["key"].as_str().unwrap();
            let want = twin.cell(key).and_then(|c| c.value).map(|n| n.to_string());
            let got = c["value"].as_number().map(|n| n.to_string());
            assert_eq!(got, want, "{name}: {key}");
        }
    }
    // unreadable documents: exit 2, the file named, the reason given, no panic
    let (_, docx) = (0, to_docx(&blocks));
    let bad = dir.join("cut.docx");
    std::fs::write(&bad, &docx[..docx.len() / 2]).unwrap();
    let scan = dir.join("scan.pdf");
    let mut w = PdfWriter::new(PdfFonts::Identity);
    w.rule(0, 10.0, 10.0, 100.0, 100.0);
    std::fs::write(&scan, w.finish(600.0, 800.0)).unwrap();
    for (p, says) in [(&bad, "zip"), (&scan, "no text layer")] {
        let out = nianbao(&["check"], p);
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        let name = p.file_name().unwrap().to_str().unwrap();
        assert!(err.contains(name) && err.contains(says) && !err.contains("panicked"), "{err}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Writes the fixtures to `$NIANBAO_FIXTURES` for trying other programs on them (office
/// suites converting them, viewers): `NIANBAO_FIXTURES=/tmp/fx cargo test --release
/// --test documents -- --ignored write_fixtures`.
#[test]
#[ignore]
fn write_fixtures() {
    let dir = std::path::PathBuf::from(std::env::var("NIANBAO_FIXTURES").expect("NIANBAO_FIXTURES"));
    std::fs::create_dir_all(&dir).unwrap();
    for seed in [0u64, 1, 2, 3] {
        let (_, text) = report(seed);
        let blocks = published(&text);
        std::fs::write(dir.join(format!("r{seed}.txt")), &text).unwrap();
        std::fs::write(dir.join(format!("r{seed}.html")), to_html(&blocks, HtmlStyle::Cms)).unwrap();
        std::fs::write(dir.join(format!("r{seed}-word.htm")), encoding_rs::GBK.encode(&to_html(&blocks, HtmlStyle::Word)).0).unwrap();
        std::fs::write(dir.join(format!("r{seed}.docx")), to_docx(&blocks)).unwrap();
        std::fs::write(dir.join(format!("r{seed}.pdf")), to_pdf(&blocks, PdfFonts::Identity, Wrap::Middle(12))).unwrap();
    }
}

/// Prints the text a document reads as (what the review screen's raw pane shows):
/// `DOCUMENT=report.pdf cargo test --release --test documents -- --ignored --nocapture print_document_text`.
#[test]
#[ignore]
fn print_document_text() {
    let p = std::env::var("DOCUMENT").expect("DOCUMENT");
    let t = nianbao::document::extract(&std::fs::read(&p).unwrap()).unwrap().unwrap();
    println!("{}", t.text);
}
