//! Word `.docx` files: the paragraphs and tables of `word/document.xml`, merged cells
//! (gridSpan, vMerge) kept in their columns. Limits against hostile files give clear
//! errors: entry count, uncompressed size, nesting depth, and no DTD (XML bombs).

use super::DocumentError;
use quick_xml::events::Event;
use std::io::Read;

pub const MAX_ENTRIES: usize = 10_000;
pub const MAX_XML_BYTES: u64 = 64 * 1024 * 1024;
pub const MAX_DEPTH: usize = 256;
pub const MAX_TABLE_NESTING: usize = 32;
/// At most this many table grid cells are laid out (gridSpan and gridBefore cells
/// included): a report has a few hundred, and a small compressed file of wide spans
/// would otherwise unpack into hundreds of megabytes of empty cells.
pub const MAX_CELLS: usize = 4_000_000;

pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// The document's text: paragraphs as lines, table rows as ` | ` lines.
pub fn to_text(bytes: &[u8]) -> Result<String, DocumentError> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("truncated or damaged zip (a Word .docx is a zip file): {e}"))?;
    if zip.len() > MAX_ENTRIES {
        return Err(format!(
            "the zip holds {} entries, more than the {MAX_ENTRIES} a Word document can have",
            zip.len()
        )
        .into());
    }
    if zip.index_for_name("word/document.xml").is_none() {
        let what = if zip.index_for_name("OFD.xml").is_some() {
            "an OFD document, which is not read: export it as PDF or text first"
        } else if zip.index_for_name("content.xml").is_some() {
            "an OpenDocument file, which is not read: save it as .docx first"
        } else if zip.index_for_name("xl/workbook.xml").is_some() {
            "an Excel workbook, not a report"
        } else {
            "a zip file but not a Word document: word/document.xml is missing"
        };
        return Err(what.into());
    }
    let mut entry = zip
        .by_name("word/document.xml")
        .map_err(|e| format!("word/document.xml cannot be read: {e}"))?;
    if entry.size() > MAX_XML_BYTES {
        return Err(format!(
            "word/document.xml would unpack to {} MB, over the {} MB limit (a zip bomb?)",
            entry.size() >> 20,
            MAX_XML_BYTES >> 20
        )
        .into());
    }
    let mut xml = Vec::new();
    // the declared size may lie: never read past the limit
    (&mut entry)
        .take(MAX_XML_BYTES + 1)
        .read_to_end(&mut xml)
        .map_err(|e| format!("word/document.xml cannot be unpacked (truncated zip?): {e}"))?;
    if xml.len() as u64 > MAX_XML_BYTES {
        return Err(format!(
            "word/document.xml unpacks to more than {} MB (a zip bomb?)",
            MAX_XML_BYTES >> 20
        )
        .into());
    }
    let xml = String::from_utf8(xml)
        .map_err(|_| DocumentError::from("word/document.xml is not UTF-8 text"))?;
    render(&xml)
}

struct Cell {
    text: String,
    span: usize,
    /// vMerge without "restart": this cell continues the one above.
    continues: bool,
}

#[derive(Default)]
struct Row {
    /// Grid columns left empty before the first cell (w:gridBefore).
    before: usize,
    cells: Vec<Cell>,
}

#[derive(Default)]
struct Table {
    rows: Vec<Row>,
    row: Option<Row>,
    cell: Option<Cell>,
}

fn xml_error(r: &quick_xml::Reader<&[u8]>, e: impl std::fmt::Display) -> DocumentError {
    DocumentError(format!(
        "word/document.xml is not well-formed XML at byte {}: {e}",
        r.buffer_position()
    ))
}

/// Renders document.xml.
pub fn render(xml: &str) -> Result<String, DocumentError> {
    let mut r = quick_xml::Reader::from_str(xml);
    let mut doc = Doc::default();
    loop {
        let ev = r.read_event().map_err(|e| xml_error(&r, e))?;
        match ev {
            Event::DocType(_) => return Err(
                "word/document.xml declares a DTD, which Word never writes: refused (an XML bomb?)"
                    .into(),
            ),
            Event::Start(e) => doc.start(&e, &mut r)?,
            Event::Empty(e) => doc.empty(&e),
            Event::Text(t) if doc.in_text => {
                doc.para
                    .push_str(&t.unescape().map_err(|e| xml_error(&r, e))?);
            }
            Event::CData(t) if doc.in_text => doc.para.push_str(&String::from_utf8_lossy(&t)),
            Event::End(e) => doc.end(e.local_name().as_ref()),
            Event::Eof => break,
            _ => {}
        }
        if doc.cells > MAX_CELLS {
            return Err(format!(
                "word/document.xml: its tables span more than {MAX_CELLS} cells (gridSpan): not a report"
            )
            .into());
        }
    }
    Ok(doc.out)
}

/// Where `render` is in the document: the text so far, the paragraph being read, and
/// the tables open around it.
#[derive(Default)]
struct Doc {
    out: String,
    /// Grid cells laid out so far, spans included (against [`MAX_CELLS`]).
    cells: usize,
    para: String,
    depth: usize,
    in_text: bool,
    in_run: usize,
    tables: Vec<Table>,
}

impl Doc {
    fn start(
        &mut self,
        e: &quick_xml::events::BytesStart,
        r: &mut quick_xml::Reader<&[u8]>,
    ) -> Result<(), DocumentError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(
                format!("word/document.xml: XML nesting deeper than {MAX_DEPTH} levels").into(),
            );
        }
        match e.local_name().as_ref() {
            b"t" => self.in_text = true,
            b"r" => self.in_run += 1,
            // the same content again for old readers (text boxes, shapes)
            b"Fallback" => {
                r.read_to_end(e.name()).map_err(|e| xml_error(r, e))?;
                self.depth -= 1;
            }
            b"tbl" => {
                if self.tables.len() >= MAX_TABLE_NESTING {
                    return Err(format!(
                        "word/document.xml: tables nested deeper than {MAX_TABLE_NESTING}"
                    )
                    .into());
                }
                self.tables.push(Table::default());
            }
            b"tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.row = Some(Row::default());
                }
            }
            b"tc" => {
                if let Some(t) = self.tables.last_mut() {
                    t.cell = Some(Cell {
                        text: String::new(),
                        span: 1,
                        continues: false,
                    });
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn empty(&mut self, e: &quick_xml::events::BytesStart) {
        match e.local_name().as_ref() {
            // a tab or break inside a run; w:tab also defines tab stops in w:tabs
            b"tab" | b"br" | b"cr" if self.in_run > 0 => self.para.push(' '),
            b"noBreakHyphen" if self.in_run > 0 => self.para.push('-'),
            b"gridSpan" => {
                if let (Some(v), Some(Table { cell: Some(c), .. })) =
                    (val(e), self.tables.last_mut())
                {
                    c.span = v.parse::<usize>().unwrap_or(1).clamp(1, 64);
                }
            }
            b"gridBefore" => {
                if let (
                    Some(v),
                    Some(Table {
                        row: Some(row),
                        cell: None,
                        ..
                    }),
                ) = (val(e), self.tables.last_mut())
                {
                    row.before = v.parse::<usize>().unwrap_or(0).min(64);
                }
            }
            b"vMerge" => {
                if let Some(Table { cell: Some(c), .. }) = self.tables.last_mut() {
                    c.continues = val(e).as_deref() != Some("restart");
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &[u8]) {
        self.depth = self.depth.saturating_sub(1);
        match name {
            b"t" => self.in_text = false,
            b"r" => self.in_run = self.in_run.saturating_sub(1),
            b"p" => self.end_paragraph(),
            b"tc" => {
                if let Some(Table {
                    row: Some(row),
                    cell,
                    ..
                }) = self.tables.last_mut()
                {
                    if let Some(c) = cell.take() {
                        self.cells += c.span;
                        row.cells.push(c);
                    }
                }
            }
            b"tr" => {
                if let Some(t) = self.tables.last_mut() {
                    if let Some(row) = t.row.take() {
                        self.cells += row.before + 1;
                        t.rows.push(row);
                    }
                }
            }
            b"tbl" => self.end_table(),
            _ => {}
        }
    }

    /// A paragraph joins the cell it is in, or becomes a line.
    fn end_paragraph(&mut self) {
        let p = std::mem::take(&mut self.para);
        match self.tables.last_mut() {
            Some(Table { cell: Some(c), .. }) => {
                if !c.text.is_empty() && !p.trim().is_empty() {
                    c.text.push(' ');
                }
                c.text.push_str(p.trim());
            }
            _ => {
                self.out.push_str(p.trim_end());
                self.out.push('\n');
            }
        }
    }

    /// A table's rows become lines, or join the cell of the table around it.
    fn end_table(&mut self) {
        let Some(t) = self.tables.pop() else {
            return;
        };
        let lines: Vec<String> = t.rows.iter().map(line).filter(|l| !l.is_empty()).collect();
        match self.tables.last_mut() {
            // a table inside a cell: its text joins the cell
            Some(Table { cell: Some(c), .. }) => {
                if !c.text.is_empty() {
                    c.text.push(' ');
                }
                c.text.push_str(&lines.join(" "));
            }
            _ => {
                for l in lines {
                    self.out.push_str(&l);
                    self.out.push('\n');
                }
            }
        }
    }
}

fn val(e: &quick_xml::events::BytesStart) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == b"val")
        .and_then(|a| a.unescape_value().ok())
        .map(|v| v.into_owned())
}

/// A row as ` | ` cells: a continued vertical merge is an empty cell, a horizontal
/// span leaves empty cells after its text, so every value keeps its column.
fn line(row: &Row) -> String {
    let mut cells: Vec<String> = vec![String::new(); row.before];
    for c in &row.cells {
        cells.push(if c.continues {
            String::new()
        } else {
            c.text.trim().replace('|', "¦")
        });
        for _ in 1..c.span {
            cells.push(String::new());
        }
    }
    while cells.last().is_some_and(|s| s.is_empty()) {
        cells.pop();
    }
    cells.join(" | ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_cells_keep_their_columns() {
        let xml = r#"<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>(三)不予公开</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>1.属于国家秘密</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>2.其他法律行政法规禁止公开</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>(七)总计</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>3</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>"#;
        assert_eq!(render(xml).unwrap(), "一、总体情况\n(三)不予公开 | 1.属于国家秘密 | 1\n | 2.其他法律行政法规禁止公开 | 2\n(七)总计 |  | 3\n");
    }

    #[test]
    fn hostile_xml_is_refused_clearly() {
        let bomb = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><w:document><w:t>&lol2;</w:t></w:document>"#;
        assert!(render(bomb).unwrap_err().0.contains("DTD"));
        let deep = "<a>".repeat(MAX_DEPTH + 5);
        assert!(render(&deep).unwrap_err().0.contains("deeper"));
        assert!(to_text(b"PK\x03\x04truncated")
            .unwrap_err()
            .0
            .contains("zip"));
    }
}
