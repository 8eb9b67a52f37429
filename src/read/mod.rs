//! Reading a report: decoded text → located tables → cells with source spans.
//!
//! This is the pipeline's spine; each step lives in its own module (`decode`, `text`,
//! `locate`, `resolve`, `identity`). Reading never guesses: a cell the text does not
//! give is `None` unless the identities fix it (then `Inferred`).

pub mod locate;
pub mod meta;
pub mod resolve;
pub mod text;

use crate::input::decode::{self, DecodeError, Encoding};
use crate::model::format::{Format, Kind, Role, Row, Table, T3_COLUMNS};
use crate::model::identity::identities;
use crate::model::num::Num;
use crate::model::{Ambiguity, Cell, Finding, Meta, Origin, Report, Severity, Source, Subtotal};
use crate::read::locate::{Anchor, Found, Segment, Token};
use crate::read::resolve::{Cand, How, Reading, RowSum};
use crate::read::text::NormText;
use sha2::{Digest, Sha256};
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
        return Ok(r);
    }
    let (text, enc) = decode::decode(bytes)?;
    Ok(read_text(path, text, enc, sha))
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

/// The row values a located table gives, before they become cells.
struct RowText {
    tokens: Vec<Token>,
    found: Option<Found>,
    line: Option<u32>,
}

pub fn read_text(path: &str, text: String, encoding: Encoding, sha256: String) -> Report {
    let nt = NormText::new(&text);
    let secs = locate::sections(&nt);
    let template = meta::detect_template(&nt, &secs);
    let (agency, year) = meta::title_meta(&nt, &secs);
    let mut parse: Vec<Finding> = Vec::new();
    let mut cells: Vec<Cell> = Vec::new();
    let mut ambiguities: Vec<Ambiguity> = Vec::new();
    let mut subtotals: Vec<Subtotal> = Vec::new();
    let mut table_spans = Vec::new();
    let mut amount_in_yuan = false;
    for r in [&secs.t2, &secs.t3, &secs.t4].into_iter().flatten() {
        table_spans.push(nt.span(r.start, r.end));
    }
    if let Some(t) = template {
        let format = t.format();
        let mut ctx = Ctx {
            nt: &nt,
            parse: &mut parse,
            cells: &mut cells,
            ambiguities: &mut ambiguities,
            subtotals: &mut subtotals,
        };
        let mut fk = 0;
        for table in format.tables() {
            let range = match table.id {
                "t2" => secs.t2.clone(),
                "t3" => secs.t3.clone(),
                _ => secs.t4.clone(),
            };
            let first_cell = ctx.cells.len();
            for r in table.rows {
                for c in r.columns {
                    // the key as the format lists it, without formatting it anew
                    let key = std::borrow::Cow::Borrowed(format.keys()[fk].as_str());
                    fk += 1;
                    ctx.cells.push(Cell::with_key(key, table.id, r, c));
                }
            }
            match range {
                None => ctx.parse.push(
                    Finding::new(
                        "PARSE-TABLE-MISSING",
                        Severity::Error,
                        format!("table {} ({}) not found", table.id, table.title),
                    )
                    .cells(
                        ctx.cells[first_cell..]
                            .iter()
                            .map(|c| c.key.to_string())
                            .collect(),
                    ),
                ),
                Some(range) => {
                    if table.id == "t2" {
                        let head: String = nt.chars[range.clone()]
                            .iter()
                            .filter(|c| !c.is_whitespace())
                            .collect();
                        amount_in_yuan = head.contains("(单位:元)")
                            || head.contains("金额(元)")
                            || head.contains("单位:元)");
                    }
                    if table.id == "t4" {
                        ctx.read_t4(table, range, first_cell);
                    } else {
                        ctx.read_rows(format, table, range, first_cell);
                    }
                }
            }
        }
    } else {
        for (id, title) in [
            ("t2", "二、主动公开政府信息情况"),
            ("t3", "三、收到和处理政府信息公开申请情况"),
            ("t4", "四、政府信息公开行政复议、行政诉讼情况"),
        ] {
            parse.push(Finding::new(
                "PARSE-TABLE-MISSING",
                Severity::Error,
                format!("table {id} ({title}) not found: this report has none of the national format's tables"),
            ));
        }
    }
    let mut report = Report {
        source: Source {
            path: path.to_string(),
            sha256,
            encoding: encoding.name(),
            format: "text",
        },
        text: String::new(),
        meta: Meta {
            agency,
            year,
            template,
        },
        cells,
        parse_findings: parse,
        ambiguities,
        table_spans,
        sections_found: secs.found,
        section_spans: section_spans(&nt, &secs),
        amount_in_yuan,
        subtotals,
    };
    // the format's cells first, in its order, then the rows the report adds
    let (mut cells, added): (Vec<Cell>, Vec<Cell>) = std::mem::take(&mut report.cells)
        .into_iter()
        .partition(|c| !c.added);
    cells.extend(added);
    report.cells = cells;
    infer(&mut report);
    report.text = text;
    report
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

struct Ctx<'a, 't> {
    nt: &'a NormText<'t>,
    parse: &'a mut Vec<Finding>,
    cells: &'a mut Vec<Cell>,
    ambiguities: &'a mut Vec<Ambiguity>,
    subtotals: &'a mut Vec<Subtotal>,
}

fn t3_sums() -> Vec<RowSum> {
    vec![RowSum {
        parts: (0..6).collect(),
        whole: 6,
    }]
}

impl<'a, 't> Ctx<'a, 't> {
    fn line(&self, char_idx: usize) -> u32 {
        self.nt
            .line_of(self.nt.pos[char_idx.min(self.nt.chars.len())] as usize)
    }

    /// t2 and t3: rows found by label, their values the tokens up to the next label.
    fn read_rows(
        &mut self,
        _format: &Format,
        table: &'static Table,
        range: Range<usize>,
        first_cell: usize,
    ) {
        let nt = self.nt;
        let anchors = locate::anchors(nt, &range, table.rows);
        // Boundaries: every row start, and in t2 the sub-table heads (第二十条…, 信息内容),
        // whose column heads may hold digits (保留4位小数).
        let mut bounds: Vec<usize> = anchors.iter().flatten().map(|a| a.start).collect();
        if table.id == "t2" {
            let cs = nt.to_compact(range.start);
            let ce = nt.to_compact(range.end).max(cs);
            for key in ["第二十条", "信息内容"] {
                let mut from = cs;
                while let Some(p) = nt.compact[from..ce].find(key) {
                    bounds.push(nt.from_compact(from + p));
                    from += p + key.len();
                }
            }
        }
        bounds.push(range.end);
        bounds.sort_unstable();
        let region = |a: &Anchor| -> Vec<Segment> {
            let end = bounds
                .iter()
                .copied()
                .find(|&b| b >= a.end && b > a.start)
                .unwrap_or(range.end)
                .max(a.end);
            locate::segments(nt, a.end..end)
        };
        let rows = table.rows;
        let mut texts: Vec<Option<RowText>> = (0..rows.len()).map(|_| None).collect();
        let mut added: Vec<(usize, String, Vec<Token>)> = Vec::new(); // (parent row, label, tokens)
        let mut subtotal_rows: Vec<(usize, Vec<Token>)> = Vec::new(); // (group row, tokens)
        let mut i = 0;
        while i < rows.len() {
            let r = &rows[i];
            let Some(a) = anchors[i] else {
                i += 1;
                continue;
            };
            let segs = region(&a);
            // the rows right after this one that were not found by any label
            let lost: Vec<usize> = (i + 1..rows.len())
                .take_while(|&j| anchors[j].is_none())
                .filter(|&j| rows[j].role != Role::Group)
                .collect();
            let line = Some(self.line(a.start));
            if r.role == Role::Group {
                // a heading without rows of its own (三、本年度办理结果): values after it
                // belong to the rows after it whose labels were lost
                let children = i + 1..i + 1 + r.children;
                let lost_children: Vec<usize> = lost
                    .iter()
                    .copied()
                    .filter(|j| r.children == 0 || children.contains(j))
                    .collect();
                if !segs.is_empty() && segs.len() == lost_children.len() {
                    for (seg, &j) in segs.into_iter().zip(&lost_children) {
                        let l = Some(self.line(seg.tokens[0].a));
                        texts[j] = Some(RowText {
                            tokens: seg.tokens,
                            found: Some(Found::Position),
                            line: l,
                        });
                    }
                } else if segs.len() == 1 && r.children > 0 {
                    subtotal_rows.push((i, segs.into_iter().next().unwrap().tokens));
                }
                i += 1;
                continue;
            }
            // rows printed one per line, the next ones' labels lost: one run of values,
            // a line per row, each line as many values as its row has columns
            let segs = match segs.as_slice() {
                [one] if !lost.is_empty() => {
                    let widths: Vec<usize> = std::iter::once(i)
                        .chain(lost.iter().copied())
                        .map(|j| rows[j].columns.len())
                        .collect();
                    by_lines(nt, one, &widths)
                        .or_else(|| by_runs(one, &widths))
                        .unwrap_or(segs)
                }
                _ => segs,
            };
            if segs.len() >= 2 && !lost.is_empty() && segs.len() <= 1 + lost.len() {
                let mut it = segs.into_iter();
                texts[i] = Some(RowText {
                    tokens: it.next().unwrap().tokens,
                    found: Some(a.found),
                    line,
                });
                for (seg, &j) in it.zip(&lost) {
                    let l = Some(self.line(seg.tokens[0].a));
                    texts[j] = Some(RowText {
                        tokens: seg.tokens,
                        found: Some(Found::Position),
                        line: l,
                    });
                }
            } else if table.id == "t2"
                && segs.len() >= 2
                && segs.iter().all(|s| has_label(&s.label))
            {
                for s in segs {
                    added.push((i, clean_label(&s.label), s.tokens));
                }
                texts[i] = Some(RowText {
                    tokens: Vec::new(),
                    found: Some(a.found),
                    line,
                });
            } else {
                let tokens: Vec<Token> = segs.into_iter().flat_map(|s| s.tokens).collect();
                texts[i] = Some(RowText {
                    tokens,
                    found: Some(a.found),
                    line,
                });
            }
            i += 1;
        }

        // Readings per row.
        let is_t3 = table.id == "t3";
        let mut readings: Vec<Option<Reading>> = Vec::with_capacity(rows.len());
        for (j, r) in rows.iter().enumerate() {
            if r.role == Role::Group {
                readings.push(None);
                continue;
            }
            let kinds: Vec<Kind> = r.columns.iter().map(|c| c.kind).collect();
            let sums = if is_t3 { t3_sums() } else { Vec::new() };
            match &texts[j] {
                Some(t) => readings.push(Some(resolve::read_row(
                    &t.tokens,
                    r.columns.len(),
                    &sums,
                    &kinds,
                ))),
                None => readings.push(None),
            }
        }
        let roles: Vec<Role> = rows.iter().map(|r| r.role).collect();
        let settled = if is_t3 {
            resolve::settle_t3(&mut readings, &roles, 7)
        } else {
            vec![false; rows.len()]
        };
        if is_t3 {
            let tokens: Vec<Option<&[Token]>> = texts
                .iter()
                .map(|t| t.as_ref().map(|t| t.tokens.as_slice()))
                .collect();
            resolve::reconsider_t3(&mut readings, &tokens, &roles, 7);
            resolve::distrust_placed(&mut readings, &roles, 7);
        }

        for (j, r) in rows.iter().enumerate() {
            if r.role == Role::Group {
                continue;
            }
            let start = first_cell + rows[..j].iter().map(|r| r.columns.len()).sum::<usize>();
            let idx: Vec<usize> = (start..start + r.columns.len()).collect();
            let keys: Vec<String> = idx.iter().map(|&i| self.cells[i].key.to_string()).collect();
            match (&texts[j], &readings[j]) {
                (Some(t), Some(reading)) => {
                    match t.found {
                        Some(Found::DamagedLabel) => self.parse.push(
                            Finding::new(
                                "PARSE-LABEL",
                                Severity::Warning,
                                format!("row {} recognised by a damaged label", r.label),
                            )
                            .cells(keys.clone())
                            .at_line(t.line),
                        ),
                        Some(Found::Position) => self.parse.push(
                            Finding::new(
                                "PARSE-LABEL",
                                Severity::Warning,
                                format!(
                                    "row {} has lost its label: placed by its position",
                                    r.label
                                ),
                            )
                            .cells(keys.clone())
                            .at_line(t.line),
                        ),
                        _ => {}
                    }
                    self.apply_reading(
                        table.id,
                        &idx,
                        r.label,
                        r.columns.len(),
                        reading,
                        settled[j],
                        t.line,
                        &keys,
                    );
                }
                _ => {
                    self.parse.push(
                        Finding::new(
                            "PARSE-ROW-MISSING",
                            Severity::Error,
                            format!("row {} not found in table {}", r.label, table.id),
                        )
                        .cells(keys),
                    );
                }
            }
        }
        // Rows the report adds (t2 sub-rows such as 行政检查 under 其他对外管理服务事项).
        for (parent, label, tokens) in added {
            let r = &rows[parent];
            let row_key = format!("{}:{}", r.key, label);
            let kinds: Vec<Kind> = r.columns.iter().map(|c| c.kind).collect();
            let reading = resolve::read_row(&tokens, r.columns.len(), &[], &kinds);
            let keys: Vec<String> = r
                .columns
                .iter()
                .map(|c| format!("{}/{row_key}/{}", table.id, c.key))
                .collect();
            let idx: Vec<usize> = (self.cells.len()..self.cells.len() + r.columns.len()).collect();
            for c in r.columns {
                let mut cell = Cell::new(table.id, r, c);
                cell.key = format!("{}/{row_key}/{}", table.id, c.key).into();
                cell.row = row_key.clone().into();
                cell.row_label = format!("{} · {}", r.label, label).into();
                cell.added = true;
                self.cells.push(cell);
            }
            let line = tokens.first().map(|t| self.line(t.a));
            self.apply_reading(
                table.id,
                &idx,
                &label,
                r.columns.len(),
                &reading,
                false,
                line,
                &keys,
            );
        }
        // Subtotal rows a report prints under a heading (2021's lone （六）其他处理 row).
        for (g, tokens) in subtotal_rows {
            let group = &rows[g];
            let row_key = format!("{}:{}", group.key, group.short);
            let members: Vec<String> = rows[g + 1..g + 1 + group.children]
                .iter()
                .map(|r| r.key.to_string())
                .collect();
            let kinds = vec![Kind::Count; 7];
            let reading = resolve::read_row(&tokens, 7, &t3_sums(), &kinds);
            let keys: Vec<String> = T3_COLUMNS
                .iter()
                .map(|c| format!("{}/{row_key}/{}", table.id, c.key))
                .collect();
            let idx: Vec<usize> = (self.cells.len()..self.cells.len() + 7).collect();
            for c in T3_COLUMNS {
                let mut cell = Cell::new(table.id, group, c);
                cell.key = format!("{}/{row_key}/{}", table.id, c.key).into();
                cell.row = row_key.clone().into();
                cell.row_label = format!("{}（小计）", group.label).into();
                cell.added = true;
                self.cells.push(cell);
            }
            let line = tokens.first().map(|t| self.line(t.a));
            self.apply_reading(table.id, &idx, group.label, 7, &reading, false, line, &keys);
            self.subtotals.push(Subtotal {
                table: table.id,
                row: row_key,
                members,
            });
        }
    }

    /// t4: one line of 15 numbers, review ×5, suit_direct ×5, suit_after_review ×5.
    fn read_t4(&mut self, table: &'static Table, range: Range<usize>, first_cell: usize) {
        let segs = locate::segments(self.nt, range);
        let tokens: Vec<Token> = segs.into_iter().flat_map(|s| s.tokens).collect();
        let sums: Vec<RowSum> = (0..3)
            .map(|r| RowSum {
                parts: (r * 5..r * 5 + 4).collect(),
                whole: r * 5 + 4,
            })
            .collect();
        let reading = resolve::read_row(&tokens, 15, &sums, &[Kind::Count; 15]);
        let idx: Vec<usize> = (first_cell..first_cell + 15).collect();
        let keys: Vec<String> = idx.iter().map(|&i| self.cells[i].key.to_string()).collect();
        let _ = table;
        let line = tokens.first().map(|t| self.line(t.a));
        self.apply_reading(
            "t4",
            &idx,
            "四、行政复议、行政诉讼",
            15,
            &reading,
            false,
            line,
            &keys,
        );
    }

    /// Turns a row's reading into its cells and the parse findings it calls for.
    #[allow(clippy::too_many_arguments)]
    fn apply_reading(
        &mut self,
        table: &str,
        idx: &[usize],
        label: &str,
        k: usize,
        reading: &Reading,
        settled: bool,
        line: Option<u32>,
        keys: &[String],
    ) {
        let nt = self.nt;
        let cands: &[Cand] = &reading.cands;
        let how = cands.first().map(|c| c.how).unwrap_or(How::Placed);
        let single = cands.len() == 1;
        let vals = if single {
            cands[0].cells.clone()
        } else {
            resolve::agreed(cands, k)
        };
        let uncertain: Vec<bool> = (0..k)
            .map(|i| cands.iter().any(|c| c.uncertain[i]))
            .collect();
        for (i, v) in vals.iter().enumerate() {
            let ci = idx[i];
            let cell = &mut self.cells[ci];
            if let Some(v) = v {
                cell.value = Some(v.num);
                match v.tok {
                    Some((a, b)) => {
                        let (sa, sb) = nt.span(a, b);
                        cell.span = Some((sa, sb));
                        cell.raw = Some(nt.original[sa..sb].to_string());
                        cell.line = Some(nt.line_of(sa));
                        cell.origin = Origin::Read;
                        let _ = uncertain[i];
                    }
                    None => {
                        cell.origin = Origin::Inferred;
                        cell.line = line;
                    }
                }
            } else {
                cell.line = line;
            }
        }
        let n = reading.tokens;
        if reading.incomplete {
            self.parse.push(
                Finding::new(
                    "PARSE-AMBIGUOUS",
                    Severity::Warning,
                    format!("{label}: digits run together allow more readings than can be weighed; the row is left empty for the reviewer"),
                )
                .cells(keys.to_vec())
                .at_line(line),
            );
            // no reading is known, so nothing may be inferred into these cells either
            self.ambiguities.push(Ambiguity {
                cells: keys.to_vec(),
                candidates: Vec::new(),
                line,
            });
        } else if how == How::Split || (n < k && reading.cands.iter().any(|c| c.how == How::Split))
        {
            if single {
                self.parse.push(
                    Finding::new(
                        "PARSE-SEGMENTED",
                        Severity::Warning,
                        format!(
                            "{label}: digits run together, read as {}{}",
                            cands[0].values().iter().map(|v| v.map_or("?".into(), |v| v.to_string())).collect::<Vec<_>>().join(","),
                            if reading.broken {
                                "; no split satisfies the table's identities, so this is the split that leaves the fewest and smallest discrepancies: see the errors naming its cells"
                            } else if settled {
                                " (the only split the table's identities allow)"
                            } else {
                                " (the only split whose row sum holds)"
                            }
                        ),
                    )
                    .cells(keys.to_vec())
                    .at_line(line),
                );
            }
        } else if n != k {
            self.parse.push(
                Finding::new(
                    "PARSE-COUNT",
                    Severity::Warning,
                    format!(
                        "{label}: {n} values for {k} columns{}",
                        if vals.iter().all(|v| v.is_some()) {
                            "; placed by the row's identity"
                        } else {
                            "; the cells that cannot be placed are left empty"
                        }
                    ),
                )
                .cells(keys.to_vec())
                .sides(k, n)
                .at_line(line),
            );
        }
        if !single {
            let open: Vec<String> = (0..k)
                .filter(|&i| vals[i].is_none())
                .map(|i| keys[i].clone())
                .collect();
            let mut candidates: Vec<Vec<Num>> = Vec::new();
            for c in cands.iter().take(20) {
                candidates.push(
                    c.cells
                        .iter()
                        .map(|v| v.as_ref().map_or(Num::ZERO, |v| v.num))
                        .collect(),
                );
            }
            let listed: Vec<Vec<String>> = cands
                .iter()
                .take(20)
                .map(|c| {
                    c.values()
                        .iter()
                        .map(|v| v.map_or("?".into(), |v| v.to_string()))
                        .collect()
                })
                .collect();
            let mut f = Finding::new(
                "PARSE-AMBIGUOUS",
                Severity::Warning,
                format!("{label}: the text allows {} readings; the cells they disagree on are left empty for the reviewer", cands.len()),
            )
            .cells(if open.is_empty() { keys.to_vec() } else { open.clone() })
            .at_line(line);
            f.candidates = listed;
            self.parse.push(f);
            self.ambiguities.push(Ambiguity {
                cells: keys.to_vec(),
                candidates,
                line,
            });
            // The cells stay empty, so the rules cannot check the row's sum; but no
            // reading satisfies it, so it fails whichever reading is right.
            let row_rule = match table {
                "t3" => Some(("T3-ROWSUM", "总计 = the sum of the six applicant columns")),
                "t4" => Some(("T4-SUM", "总计 = 维持 + 纠正 + 其他 + 尚未审结")),
                _ => None,
            };
            if let (true, Some((rule, what))) = (reading.broken, row_rule) {
                self.parse.push(
                    Finding::new(rule, Severity::Error, format!("{label}: no reading of the digits run together satisfies {what}, so the row is wrong whichever reading is right"))
                        .cells(keys.to_vec())
                        .at_line(line),
                );
            }
        }
        for (t, col) in &reading.unreadable {
            let (sa, _) = nt.span(t.a, t.b);
            let cells = match col {
                Some(c) => vec![keys[*c].clone()],
                None => keys.to_vec(),
            };
            self.parse.push(
                Finding::new(
                    "VALUE-UNREADABLE",
                    Severity::Error,
                    if t.text.is_empty() {
                        format!("{label}: a blank cell where a number belongs")
                    } else {
                        format!("{label}: \"{}\" where a number belongs", t.text)
                    },
                )
                .cells(cells)
                .at_line(Some(nt.line_of(sa))),
            );
        }
    }
}

/// The run's values cut at line ends, when they make two or more lines of exactly
/// `widths[0]`, `widths[1]`, … values (a row per line).
fn by_lines(nt: &NormText, run: &Segment, widths: &[usize]) -> Option<Vec<Segment>> {
    let mut lines: Vec<Segment> = Vec::new();
    let mut last_line = None;
    for t in &run.tokens {
        let line = nt.line_of(nt.pos[t.a] as usize);
        if last_line != Some(line) {
            lines.push(Segment::default());
            last_line = Some(line);
        }
        lines.last_mut()?.tokens.push(t.clone());
    }
    let fits = lines.len() >= 2
        && lines.len() <= widths.len()
        && lines.iter().zip(widths).all(|(l, &w)| l.tokens.len() == w);
    fits.then_some(lines)
}

/// The run's values a row each, when they are runs of glued digits (the flattened
/// layout), one per row and each long enough for its row's columns.
fn by_runs(run: &Segment, widths: &[usize]) -> Option<Vec<Segment>> {
    let t = &run.tokens;
    let fits = t.len() >= 2
        && t.len() <= widths.len()
        && t.iter()
            .zip(widths)
            .all(|(t, &w)| w >= 2 && t.splittable() && t.text.trim_start_matches('-').len() >= w);
    fits.then(|| {
        t.iter()
            .map(|t| Segment {
                label: String::new(),
                tokens: vec![t.clone()],
            })
            .collect()
    })
}

fn has_label(s: &str) -> bool {
    s.chars()
        .filter(|c| !c.is_whitespace() && !"|-.:;,()".contains(*c))
        .count()
        >= 2
}

fn clean_label(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '|')
        .collect()
}

/// Fills missing cells whose value every identity that fixes them agrees on.
pub fn infer(report: &mut Report) {
    let ids = identities(report);
    // A cell of a row whose glued digits stayed ambiguous may only take a value one of
    // the text's readings gives it: the text, not the identities, has the last word.
    let mut allowed: std::collections::HashMap<usize, Vec<Num>> = std::collections::HashMap::new();
    for a in &report.ambiguities {
        for (pos, key) in a.cells.iter().enumerate() {
            if let Some(i) = report.cells.iter().position(|c| &c.key == key) {
                allowed.insert(
                    i,
                    a.candidates
                        .iter()
                        .filter_map(|c| c.get(pos).copied())
                        .collect(),
                );
            }
        }
    }
    for _round in 0..8 {
        let mut proposals: std::collections::HashMap<usize, Vec<Num>> =
            std::collections::HashMap::new();
        let mut zero_fill: Vec<usize> = Vec::new();
        // Cells of a complete identity that fails: one of them is wrong, so nothing is
        // inferred from them (a wrong 总计 would pass its error on to the cell inferred).
        let suspect: std::collections::HashSet<usize> = ids
            .iter()
            .filter(|id| matches!(id.sides(&report.cells), Some((l, r)) if l != r))
            .flat_map(|id| id.cells())
            .collect();
        for id in ids.iter() {
            let unknown: Vec<usize> = id
                .cells()
                .filter(|&i| report.cells[i].value.is_none())
                .collect();
            if unknown.is_empty() || id.cells().any(|i| suspect.contains(&i)) {
                continue;
            }
            let known =
                |side: &[usize]| Num::sum(side.iter().filter_map(|&i| report.cells[i].value));
            let (Some(l), Some(r)) = (known(&id.lhs), known(&id.rhs)) else {
                continue;
            };
            if unknown.len() == 1 {
                let u = unknown[0];
                let v = if id.lhs.contains(&u) {
                    r.checked_sub(l)
                } else {
                    l.checked_sub(r)
                };
                if let Some(v) = v {
                    proposals.entry(u).or_default().push(v);
                }
                continue;
            }
            // Non-negative unknowns that must sum to zero are all zero.
            let all_left = unknown.iter().all(|u| id.lhs.contains(u));
            let all_right = unknown.iter().all(|u| id.rhs.contains(u));
            let counts = unknown
                .iter()
                .all(|&u| report.cells[u].column.kind == Kind::Count);
            if counts
                && ((all_left && r.checked_sub(l) == Some(Num::ZERO))
                    || (all_right && l.checked_sub(r) == Some(Num::ZERO)))
            {
                zero_fill.extend(unknown);
            }
        }
        let mut changed = false;
        for u in zero_fill {
            proposals.entry(u).or_default().push(Num::ZERO);
        }
        for (u, vals) in proposals {
            let v = vals[0];
            if vals.iter().any(|x| *x != v) {
                continue;
            }
            let cell = &report.cells[u];
            if cell.value.is_some()
                || (v.is_negative() && cell.column.kind == Kind::Count)
                || (!v.is_whole() && cell.column.kind != Kind::Amount)
            {
                continue;
            }
            if allowed.get(&u).is_some_and(|vals| !vals.contains(&v)) {
                continue;
            }
            report.cells[u].value = Some(v);
            // Retract when another complete identity through this cell disagrees: then the
            // identities do not allow exactly one value.
            let contradicts = ids
                .iter()
                .filter(|id| id.cells().any(|i| i == u))
                .any(|id| matches!(id.sides(&report.cells), Some((l, r)) if l != r));
            if contradicts {
                report.cells[u].value = None;
                continue;
            }
            report.cells[u].origin = Origin::Inferred;
            changed = true;
        }
        if !changed {
            break;
        }
    }
}

#[allow(dead_code)]
fn row_by_key<'f>(f: &'f Format, table: &str, key: &str) -> Option<&'f Row> {
    f.table(table)?.rows.iter().find(|r| r.key == key)
}
