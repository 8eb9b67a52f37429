//! The grid ([`super::grid`]) as an Excel workbook Excel and WPS open as real tables: a
//! sheet per table, merged heads, values as numbers, corrected and inferred cells
//! filled and noted, panes frozen below the heads, column widths for Chinese text.

use crate::model::num::Num;
use crate::model::Origin;
use crate::output::grid::{words, Content, Sheet};
use rust_xlsxwriter::{
    Color, Format, FormatAlign, FormatBorder, Note, Workbook, Worksheet, XlsxError,
};
use unicode_width::UnicodeWidthStr;

const CORRECTED_FILL: u32 = 0xFFF2CC;
const INFERRED_FILL: u32 = 0xDDEBF7;
/// Widest a column gets, in characters; longer heads wrap.
const MAX_WIDTH: usize = 40;
const MIN_WIDTH: usize = 8;
/// Points per line of text in a row made taller for wrapped heads.
const LINE_HEIGHT: f64 = 16.0;

/// The cell formats of a sheet.
struct Styles {
    title: Format,
    caption: Format,
    head: Format,
    value: Format,
    corrected: Format,
    inferred: Format,
    legend: Format,
}

/// A thin-boxed cell, aligned vertically as `v`: the cells of every table nianbao writes.
pub(crate) fn boxed(v: FormatAlign) -> Format {
    Format::new().set_border(FormatBorder::Thin).set_align(v)
}

/// A table's head: boxed, bold, wrapped and centred.
pub(crate) fn head(boxed: &Format) -> Format {
    boxed
        .clone()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
}

impl Styles {
    fn new() -> Styles {
        let boxed = boxed(FormatAlign::VerticalCenter);
        Styles {
            title: Format::new().set_bold().set_font_size(12),
            caption: boxed.clone().set_bold(),
            head: head(&boxed),
            value: boxed.clone().set_align(FormatAlign::Right),
            corrected: boxed
                .clone()
                .set_align(FormatAlign::Right)
                .set_background_color(Color::RGB(CORRECTED_FILL)),
            inferred: boxed
                .set_align(FormatAlign::Right)
                .set_background_color(Color::RGB(INFERRED_FILL)),
            legend: Format::new().set_italic(),
        }
    }

    fn for_origin(&self, o: Origin) -> &Format {
        match o {
            Origin::Corrected => &self.corrected,
            Origin::Inferred => &self.inferred,
            Origin::Read | Origin::Missing => &self.value,
        }
    }
}

/// The workbook's bytes.
pub fn to_xlsx(sheets: &[Sheet]) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let st = Styles::new();
    for s in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(s.table.short_title())?;
        write_sheet(ws, s, &st)?;
    }
    wb.save_to_buffer()
}

fn number(n: Num) -> f64 {
    n.to_string().parse().unwrap_or(0.0)
}

fn write_sheet(ws: &mut Worksheet, s: &Sheet, st: &Styles) -> Result<(), XlsxError> {
    for m in &s.merges {
        let (text, f) = match &s.cells[m.first_row][m.first_col] {
            Content::Title(t) => (*t, &st.title),
            Content::Caption(t) => (*t, &st.caption),
            Content::Head(t) => (*t, &st.head),
            _ => ("", &st.head),
        };
        ws.merge_range(
            m.first_row as u32,
            m.first_col as u16,
            m.last_row as u32,
            m.last_col as u16,
            text,
            f,
        )?;
    }
    for (i, row) in s.cells.iter().enumerate() {
        for (j, c) in row.iter().enumerate() {
            if s.merges
                .iter()
                .any(|m| (m.first_row, m.first_col) == (i, j))
                || s.covered(i, j)
            {
                continue;
            }
            write_cell(ws, (i as u32, j as u16), c, st)?;
        }
    }
    let legend_row = s.cells.len() as u32 + 1;
    ws.write_string_with_format(legend_row, 0, words::LEGEND.get(), &st.legend)?;
    ws.set_freeze_panes(s.body_row as u32, s.head_cols as u16)?;
    let widths = widths(s);
    for (j, w) in widths.iter().enumerate() {
        ws.set_column_width(j as u16, *w as f64)?;
    }
    for (i, lines) in line_counts(s, &widths).into_iter().enumerate() {
        if lines > 1 {
            ws.set_row_height(i as u32, LINE_HEIGHT * lines as f64)?;
        }
    }
    Ok(())
}

/// How many lines of text each row needs for its heads to wrap whole within their
/// columns (a head merged down several rows shares its lines among them): Excel does
/// not grow rows for wrapped text it did not wrap itself.
fn line_counts(s: &Sheet, widths: &[usize]) -> Vec<usize> {
    let mut lines = vec![1; s.cells.len()];
    for (i, row) in s.cells.iter().enumerate() {
        for (j, c) in row.iter().enumerate() {
            let (Content::Head(t) | Content::Caption(t)) = c else {
                continue;
            };
            if s.covered(i, j) {
                continue;
            }
            let (last_row, last_col) = s
                .merges
                .iter()
                .find(|m| (m.first_row, m.first_col) == (i, j))
                .map_or((i, j), |m| (m.last_row, m.last_col));
            let room: usize = widths[j..=last_col].iter().sum::<usize>().saturating_sub(2);
            let need = t.width().div_ceil(room.max(1));
            let per_row = need.div_ceil(last_row - i + 1);
            lines[i] = lines[i].max(per_row);
        }
    }
    lines
}

fn write_cell(
    ws: &mut Worksheet,
    (r, c): (u32, u16),
    content: &Content,
    st: &Styles,
) -> Result<(), XlsxError> {
    match content {
        Content::Empty => {}
        Content::Title(t) => {
            ws.write_string_with_format(r, c, *t, &st.title)?;
        }
        Content::Caption(t) => {
            ws.write_string_with_format(r, c, *t, &st.caption)?;
        }
        Content::Head(t) => {
            ws.write_string_with_format(r, c, *t, &st.head)?;
        }
        Content::Value {
            value, origin, raw, ..
        } => {
            let f = st.for_origin(*origin);
            match value {
                Some(v) => ws.write_number_with_format(r, c, number(*v), f)?,
                None => ws.write_blank(r, c, f)?,
            };
            let note = match origin {
                Origin::Corrected => Some(words::corrected_note(raw.as_deref())),
                Origin::Inferred => Some(words::INFERRED_NOTE.get().to_string()),
                Origin::Read | Origin::Missing => None,
            };
            if let Some(n) = note {
                ws.insert_note(r, c, &Note::new(n).set_author("nianbao"))?;
            }
        }
    }
    Ok(())
}

/// Each column's width in characters: its widest head or value not merged across
/// columns (a Chinese character counts two), between the bounds.
fn widths(s: &Sheet) -> Vec<usize> {
    let across = |i: usize, j: usize| {
        s.merges.iter().any(|m| {
            m.first_col != m.last_col
                && (m.first_row..=m.last_row).contains(&i)
                && (m.first_col..=m.last_col).contains(&j)
        })
    };
    (0..s.width())
        .map(|j| {
            let widest = (0..s.cells.len())
                .filter(|&i| !across(i, j))
                .map(|i| match &s.cells[i][j] {
                    Content::Head(t) | Content::Title(t) | Content::Caption(t) => t.width(),
                    Content::Value { value, .. } => value.map_or(0, |v| v.to_string().len()),
                    Content::Empty => 0,
                })
                .max()
                .unwrap_or(0);
            (widest + 2).clamp(MIN_WIDTH, MAX_WIDTH)
        })
        .collect()
}
