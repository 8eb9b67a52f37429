//! Reading a report: decoded text → located tables → cells with source spans.
//!
//! This is the pipeline's spine. Each table is read in three phases: locate its rows
//! (`rows`), resolve each row's readings by the format's identities (`resolve`, which
//! takes them from `model::identity`), and fill its cells (`fill`); then cells the
//! text lost are inferred (`infer`). Reading never guesses: a cell the text does not
//! give is `None` unless the identities fix it (then `Inferred`). What reading notices
//! is kept as events; `check::rules` words them.

pub mod claims;
pub mod fill;
pub mod infer;
pub mod locate;
pub mod meta;
pub mod resolve;
pub mod rows;
pub mod text;

use crate::input::decode::{self, DecodeError, Encoding};
use crate::model::claim::Claim;
use crate::model::event::{EventKind, ReadEvent};
use crate::model::format::{Column, Format, Kind, Role, Row, Table, TableId, T4_LINE};
use crate::model::identity::{line_sums, row_sum};
use crate::model::{Cell, Meta, Report, Source, Subtotal, TableFound, Why};
use crate::read::fill::{RowAt, Sink};
use crate::read::locate::{Found, Token};
use crate::read::resolve::{Reading, TableSums};
use crate::read::rows::RowText;
use crate::read::text::NormText;
use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::ops::Range;

/// Reads a report from its bytes: plain text, or a published document (HTML page,
/// Word .docx, PDF) turned into text by [`crate::input::document`]. The only failures are
/// text that cannot be decoded and documents that cannot be read.
pub fn read_bytes(path: &str, bytes: &[u8]) -> Result<Report, DecodeError> {
    if bytes.len() > decode::MAX_INPUT_BYTES {
        return Err(DecodeError::TooLarge(bytes.len()));
    }
    let sha = hex(&Sha256::digest(bytes));
    // a published document (HTML, .docx, PDF) becomes its text first; told by content
    if let Some(doc) = crate::input::document::extract(bytes)? {
        let mut r = read_text(path, doc.text, doc.encoding, sha);
        r.source.format = doc.format;
        r.source.line_pages = doc.line_pages;
        return Ok(r);
    }
    let (text, enc, replaced) = decode::decode_replacing(bytes)?;
    let mut r = read_text(path, text, enc, sha);
    // a bad byte is a fault of its line, not of the file: said, with the line
    r.read_events
        .splice(0..0, replaced.iter().map(decode::Replaced::event));
    Ok(r)
}

fn hex(b: &[u8]) -> String {
    const H: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(b.len() * 2);
    for &x in b {
        s.push(H[(x >> 4) as usize] as char);
        s.push(H[(x & 15) as usize] as char);
    }
    s
}

pub fn read_text(path: &str, text: String, encoding: Encoding, sha256: String) -> Report {
    let nt = NormText::new(&text);
    let secs = locate::sections(&nt);
    let (template, template_heads) = meta::template_and_heads(&nt, &secs);
    let (agency, year) = meta::title_meta(&nt, &secs);
    let table_ranges: Vec<Range<usize>> = [&secs.t2, &secs.t3, &secs.t4]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
    // what the prose says of t2's documents, if it names them at all
    let names_documents = nt.compact.contains("规范性文件") || nt.compact.contains("规章");
    let claims = match names_documents {
        true => claims::claims(&claims::prose(&nt.chars, &table_ranges)),
        false => Vec::new(),
    };
    let mut sink = Sink::default();
    let mut tables = Tables::default();
    match template {
        Some(t) => tables = read_tables(&nt, &secs, t.format(), &claims, &mut sink),
        None => no_tables(&nt, &mut sink),
    }
    let mut report = Report {
        source: Source {
            path: path.to_string(),
            sha256,
            encoding: encoding.name(),
            format: "text",
            line_pages: Vec::new(),
        },
        text: String::new(),
        meta: Meta {
            agency,
            year,
            template,
            why: Why {
                template_heads,
                tables: tables_found(&nt, &secs),
            },
        },
        cells: format_order(sink.cells),
        read_events: sink.events,
        ambiguities: sink.ambiguities,
        table_spans: [&secs.t2, &secs.t3, &secs.t4]
            .into_iter()
            .flatten()
            .map(|r| nt.span(r.start, r.end))
            .collect(),
        sections_found: secs.found,
        section_spans: section_spans(&nt, &secs),
        amount_in_yuan: tables.amount_in_yuan,
        subtotals: tables.subtotals,
        claims,
        corrections: Default::default(),
        marks: Default::default(),
    };
    infer::infer(&mut report);
    report.text = text;
    report
}

/// Where each table was found, and by what, for the reviewer.
fn tables_found(nt: &NormText, secs: &locate::Sections) -> Vec<TableFound> {
    let ranges = [&secs.t2, &secs.t3, &secs.t4];
    let line = |c: usize| nt.line_of(nt.pos[c.min(nt.chars.len())] as usize);
    TableId::ALL
        .into_iter()
        .zip(ranges)
        .enumerate()
        .filter_map(|(i, (table, range))| {
            let range = range.as_ref()?;
            let opening = secs.openings[i];
            let heading = secs.heading_at[i + 1].filter(|&h| opening.is_none_or(|(o, _)| h < o));
            Some(TableFound {
                table,
                line: line(opening.map_or(range.start, |(o, _)| o)),
                opened_by: opening.map(|(_, key)| key),
                heading_line: heading.map(line),
            })
        })
        .collect()
}

/// The format's cells first, in its order, then the rows the report adds.
fn format_order(cells: Vec<Cell>) -> Vec<Cell> {
    let (mut cells, added): (Vec<Cell>, Vec<Cell>) = cells.into_iter().partition(|c| !c.added);
    cells.extend(added);
    cells
}

/// What the tables say beyond their cells.
#[derive(Default)]
struct Tables {
    /// The amount column heads say 元 instead of 万元.
    amount_in_yuan: bool,
    subtotals: Vec<Subtotal>,
}

/// A document with none of the national format's tables: one event, no cells.
fn no_tables(nt: &NormText, sink: &mut Sink) {
    let old_statistics = meta::is_pre_2019_table(&nt.compact);
    sink.events.push(ReadEvent {
        kind: EventKind::NoFormat { old_statistics },
        label: String::new(),
        cells: Vec::new(),
        line: None,
    });
}

/// Every table of the format: its cells, read where the table was found.
fn read_tables(
    nt: &NormText,
    secs: &locate::Sections,
    format: &'static Format,
    claims: &[Claim],
    sink: &mut Sink,
) -> Tables {
    let mut tables = Tables::default();
    let mut fk = 0;
    for table in format.tables() {
        let first_cell = sink.cells.len();
        for r in table.rows {
            for c in r.columns {
                // the key as the format lists it, without formatting it anew
                let key = Cow::Borrowed(format.keys()[fk].as_str());
                fk += 1;
                sink.cells.push(Cell::with_key(key, table.key(), r, c));
            }
        }
        let range = match table.id {
            TableId::T2 => secs.t2.clone(),
            TableId::T3 => secs.t3.clone(),
            TableId::T4 => secs.t4.clone(),
        };
        let Some(range) = range else {
            let cells = sink.cells[first_cell..]
                .iter()
                .map(|c| c.key.to_string())
                .collect();
            sink.events.push(ReadEvent {
                kind: EventKind::TableMissing { table: table.id },
                label: table.title().to_string(),
                cells,
                line: None,
            });
            continue;
        };
        let mut t = TableRead {
            nt,
            sink: &mut *sink,
            table,
            first_cell,
            claims,
        };
        match table.id {
            TableId::T2 => {
                tables.amount_in_yuan = amount_in_yuan(nt, &range);
                t.read_rows(range);
            }
            TableId::T3 => tables.subtotals = t.read_rows(range),
            TableId::T4 => t.read_line(range),
        }
    }
    tables
}

/// The t2 heads give amounts in 元.
fn amount_in_yuan(nt: &NormText, range: &Range<usize>) -> bool {
    let head: String = nt
        .chars
        .get(range.clone())
        .unwrap_or_default()
        .iter()
        .filter(|c| !c.is_whitespace())
        .collect();
    head.contains("(单位:元)") || head.contains("金额(元)") || head.contains("单位:元)")
}

fn section_spans(nt: &NormText, secs: &locate::Sections) -> [Option<(usize, usize)>; 6] {
    let mut out = [None; 6];
    for (i, slot) in out.iter_mut().enumerate() {
        if let Some(a) = secs.heading_at[i] {
            let end = secs.heading_at[i + 1..]
                .iter()
                .flatten()
                .next()
                .copied()
                .unwrap_or(nt.chars.len());
            *slot = Some(nt.span(a, end.max(a)));
        }
    }
    out
}

/// One table being read into the sink's cells, from `first_cell` on.
struct TableRead<'a, 't> {
    nt: &'a NormText<'t>,
    sink: &'a mut Sink,
    table: &'static Table,
    first_cell: usize,
    /// What the prose says of the cells, to weigh glued digits by.
    claims: &'a [Claim],
}

impl TableRead<'_, '_> {
    fn line(&self, char_idx: usize) -> u32 {
        self.nt
            .line_of(self.nt.pos[char_idx.min(self.nt.chars.len())] as usize)
    }

    /// t2 and t3: locate rows → resolve readings → fill cells; returns the subtotals
    /// the report adds.
    fn read_rows(&mut self, range: Range<usize>) -> Vec<Subtotal> {
        let located = rows::locate_rows(self.nt, self.table, range);
        let (readings, settled) = self.resolve(&located.texts);
        self.fill_rows(&located.texts, &readings, &settled);
        for (parent, label, tokens) in &located.added {
            self.read_added(*parent, label, tokens);
        }
        located
            .subtotals
            .iter()
            .map(|(g, tokens)| self.read_subtotal(*g, tokens))
            .collect()
    }

    /// Each row's candidate readings, weighed by its own sum and then by the table's
    /// identities across rows; per row, whether those settled it.
    fn resolve(&self, texts: &[Option<RowText>]) -> (Vec<Option<Reading>>, Vec<bool>) {
        let rows = self.table.rows;
        let mut readings: Vec<Option<Reading>> = rows
            .iter()
            .zip(texts)
            .map(|(r, t)| {
                let t = t.as_ref().filter(|_| r.role != Role::Group)?;
                let sums: Vec<_> = row_sum(self.table.id, r.columns).into_iter().collect();
                let mut reading = resolve::read_row(&t.tokens, &sums, &kinds(r.columns));
                let said: Vec<&Claim> = match self.table.id {
                    TableId::T2 => self.claims.iter().filter(|c| c.row == r.key).collect(),
                    _ => Vec::new(),
                };
                resolve::narrow(&mut reading, r.columns, &said);
                Some(reading)
            })
            .collect();
        let sums = TableSums::of(self.table);
        if sums.across.is_empty() {
            return (readings, vec![false; rows.len()]);
        }
        let settled = resolve::settle(&mut readings, &sums);
        let tokens: Vec<Option<&[Token]>> = texts
            .iter()
            .map(|t| t.as_ref().map(|t| t.tokens.as_slice()))
            .collect();
        resolve::reconsider(&mut readings, &tokens, &sums);
        resolve::distrust_placed(&mut readings, &sums);
        (readings, settled)
    }

    /// Each row of the format: its cells from its reading, or an event that it is
    /// missing or how its label was found.
    fn fill_rows(
        &mut self,
        texts: &[Option<RowText>],
        readings: &[Option<Reading>],
        settled: &[bool],
    ) {
        let mut start = self.first_cell;
        let mut blank: Vec<String> = Vec::new();
        let mut blank_rows = 0;
        for (j, r) in self.table.rows.iter().enumerate() {
            let cells = start..start + r.columns.len();
            start = cells.end;
            if r.role == Role::Group {
                continue;
            }
            let at = RowAt {
                table: self.table.id,
                label: r.label,
                cells,
                line: texts[j].as_ref().and_then(|t| t.line),
                settled: settled[j],
            };
            let (Some(t), Some(reading)) = (&texts[j], &readings[j]) else {
                let kind = EventKind::RowMissing {
                    table: self.table.id,
                };
                self.event(kind, &at, None);
                continue;
            };
            match t.found {
                Found::DamagedLabel => self.event(EventKind::LabelDamaged, &at, t.line),
                Found::Position => self.event(EventKind::LabelLost, &at, t.line),
                Found::Label => {}
            }
            if printed_nothing(reading) {
                blank.extend(self.blank_cells(at.cells.clone(), at.line));
                blank_rows += 1;
                continue;
            }
            self.sink.fill(self.nt, &at, reading);
        }
        self.blank_rows(blank, blank_rows);
    }

    /// The cells of a row printed blank: no value, raw `""`.
    fn blank_cells(&mut self, cells: Range<usize>, line: Option<u32>) -> Vec<String> {
        self.sink.cells[cells]
            .iter_mut()
            .map(|c| {
                c.raw = Some(String::new());
                c.line = line;
                c.key.to_string()
            })
            .collect()
    }

    /// One event for a table's blank rows, if any.
    fn blank_rows(&mut self, cells: Vec<String>, rows: usize) {
        if rows == 0 {
            return;
        }
        let table = self.table.id;
        self.sink.events.push(ReadEvent {
            kind: EventKind::BlankRows { table, rows },
            label: table.title().to_string(),
            cells,
            line: None,
        });
    }

    fn event(&mut self, kind: EventKind, at: &RowAt, line: Option<u32>) {
        let cells = self.sink.cells[at.cells.clone()]
            .iter()
            .map(|c| c.key.to_string())
            .collect();
        self.sink.events.push(ReadEvent {
            kind,
            label: at.label.to_string(),
            cells,
            line,
        });
    }

    /// New cells for a row the report adds (`parent:label`), after the format's.
    fn add_cells(&mut self, row: &'static Row, row_key: &str, row_label: String) -> Range<usize> {
        let start = self.sink.cells.len();
        for c in row.columns {
            let mut cell = Cell::new(self.table.key(), row, c);
            cell.key = format!("{}/{row_key}/{}", self.table.key(), c.key).into();
            cell.row = row_key.to_string().into();
            cell.row_label = row_label.clone().into();
            cell.added = true;
            self.sink.cells.push(cell);
        }
        start..self.sink.cells.len()
    }

    /// A row the report adds (t2 sub-rows such as 行政检查 under 其他对外管理服务事项).
    fn read_added(&mut self, parent: usize, label: &str, tokens: &[Token]) {
        let r = &self.table.rows[parent];
        let row_key = format!("{}:{}", r.key, label);
        let reading = resolve::read_row(tokens, &[], &kinds(r.columns));
        let cells = self.add_cells(r, &row_key, format!("{} · {}", r.label, label));
        let at = RowAt {
            table: self.table.id,
            label,
            cells,
            line: tokens.first().map(|t| self.line(t.a)),
            settled: false,
        };
        self.sink.fill(self.nt, &at, &reading);
    }

    /// A subtotal a report prints on a group heading (2021's lone （六）其他处理 row):
    /// cells of its own, which must equal the sum of the group's rows.
    fn read_subtotal(&mut self, g: usize, tokens: &[Token]) -> Subtotal {
        let rows = self.table.rows;
        let group = &rows[g];
        let members = &rows[g + 1..g + 1 + group.children];
        let row = &members[0];
        let row_key = format!("{}:{}", group.key, group.short);
        let sums: Vec<_> = row_sum(self.table.id, row.columns).into_iter().collect();
        let reading = resolve::read_row(tokens, &sums, &kinds(row.columns));
        let cells = self.add_cells(row, &row_key, format!("{}（小计）", group.label));
        let at = RowAt {
            table: self.table.id,
            label: group.label,
            cells,
            line: tokens.first().map(|t| self.line(t.a)),
            settled: false,
        };
        self.sink.fill(self.nt, &at, &reading);
        Subtotal {
            table: self.table.key(),
            row: row_key,
            members: members.iter().map(|r| r.key.to_string()).collect(),
        }
    }

    /// t4: one line of 15 numbers, review ×5, suit_direct ×5, suit_after_review ×5.
    fn read_line(&mut self, range: Range<usize>) {
        let segs = locate::segments(self.nt, range);
        let tokens: Vec<Token> = segs.into_iter().flat_map(|s| s.tokens).collect();
        let rows = self.table.rows;
        let sums = line_sums(self.table.id, rows);
        let kinds: Vec<Kind> = rows.iter().flat_map(|r| kinds(r.columns)).collect();
        let reading = resolve::read_row(&tokens, &sums, &kinds);
        let at = RowAt {
            table: self.table.id,
            label: T4_LINE,
            cells: self.first_cell..self.first_cell + kinds.len(),
            line: tokens.first().map(|t| self.line(t.a)),
            settled: false,
        };
        if printed_nothing(&reading) {
            let cells = self.blank_cells(at.cells.clone(), None);
            self.blank_rows(cells, rows.len());
            return;
        }
        self.sink.fill(self.nt, &at, &reading);
    }
}

/// Nothing stands where the row's values belong: no number, no placeholder.
fn printed_nothing(reading: &Reading) -> bool {
    reading.tokens == 0 && reading.unreadable.is_empty()
}

fn kinds(columns: &[Column]) -> Vec<Kind> {
    columns.iter().map(|c| c.kind).collect()
}
