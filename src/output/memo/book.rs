//! The memo as an Excel workbook Excel and WPS open as real tables: one sheet per list
//! (the reports and who reviewed them, the confirmed defects, the findings not yet
//! confirmed, the corrections, the dismissed findings), each with a frozen, filterable
//! header row, column widths for Chinese text, and numbers stored as numbers.

use super::{
    corrections_grid, dismissed_grid, findings_grid, state_word, summary_grids, words, Grid,
    MemoReport,
};
use crate::output::xlsx;
use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};
use unicode_width::UnicodeWidthStr;

/// Widest a column gets, in characters; longer text wraps.
const MAX_WIDTH: usize = 50;
const MIN_WIDTH: usize = 6;

struct Styles {
    head: Format,
    text: Format,
    number: Format,
}

impl Styles {
    fn new() -> Styles {
        let boxed = xlsx::boxed(FormatAlign::Top);
        Styles {
            head: xlsx::head(&boxed),
            text: boxed.clone().set_text_wrap(),
            number: boxed.set_align(FormatAlign::Right),
        }
    }
}

/// The reports of an agency's memo, one row each: year, file, format, state, who
/// reviewed and signed off, when.
fn reports_grid(reports: &[&MemoReport]) -> Grid {
    use words::*;
    let rows = reports
        .iter()
        .map(|r| {
            let mark = |m: &Option<crate::model::marks::Mark>| {
                m.as_ref().map_or((String::new(), String::new()), |m| {
                    (m.reviewer.clone(), m.time.clone())
                })
            };
            let (who, when) = mark(&r.review.reviewed);
            let (signer, signed) = mark(&r.review.signed_off);
            let format = r
                .report
                .meta
                .template
                .map_or("—".into(), |t| t.id().to_string());
            vec![
                r.year(),
                r.report.source.path.clone(),
                format,
                state_word(r.review.state).to_string(),
                who,
                when,
                signer,
                signed,
            ]
        })
        .collect();
    let h = [
        YEAR_HEAD,
        FILE,
        FORMAT,
        STATE,
        REVIEWER,
        REVIEWED_AT,
        SIGNER,
        SIGNED_AT,
    ];
    Grid {
        heads: super::heads(&h),
        rows,
        numeric: vec![0],
    }
}

/// An agency's memo as a workbook's bytes.
pub fn agency_xlsx(reports: &[&MemoReport]) -> Result<Vec<u8>, XlsxError> {
    let confirmed: Vec<_> = reports
        .iter()
        .map(|r| (*r, r.confirmed().collect()))
        .collect();
    let pending: Vec<_> = reports
        .iter()
        .map(|r| (*r, r.pending().collect()))
        .collect();
    let sheets = [
        (words::SHEET_REPORTS, reports_grid(reports)),
        (words::SHEET_DEFECTS, findings_grid(&confirmed, true)),
        (words::SHEET_PENDING, findings_grid(&pending, true)),
        (words::SHEET_CORRECTIONS, corrections_grid(reports, true)),
        (words::SHEET_DISMISSED, dismissed_grid(reports, true)),
    ];
    book(&sheets)
}

/// A folder's summary as a workbook's bytes: the reports, and the defects by rule.
pub fn summary_xlsx(reports: &[MemoReport]) -> Result<Vec<u8>, XlsxError> {
    let (all, rules) = summary_grids(reports);
    book(&[(words::SHEET_REPORTS, all), (words::BY_RULE, rules)])
}

fn book(sheets: &[(crate::lang::Msg, Grid)]) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let st = Styles::new();
    for (name, grid) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(name.get())?;
        write_grid(ws, grid, &st)?;
    }
    wb.save_to_buffer()
}

fn write_grid(ws: &mut Worksheet, g: &Grid, st: &Styles) -> Result<(), XlsxError> {
    for (c, h) in g.heads.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &st.head)?;
    }
    for (r, row) in g.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, text) in row.iter().enumerate() {
            let number = g.numeric.contains(&c).then(|| as_number(text)).flatten();
            match number {
                Some(n) => ws.write_number_with_format(r, c as u16, n, &st.number)?,
                None => ws.write_string_with_format(r, c as u16, text, &st.text)?,
            };
        }
    }
    for (c, w) in widths(g).into_iter().enumerate() {
        ws.set_column_width(c as u16, w as f64)?;
    }
    ws.set_freeze_panes(1, 0)?;
    if !g.rows.is_empty() {
        ws.autofilter(0, 0, g.rows.len() as u32, g.heads.len() as u16 - 1)?;
    }
    Ok(())
}

/// A cell's text as the number it is, when it is one (`1,234` and `3.5` too).
fn as_number(s: &str) -> Option<f64> {
    let t = s.trim().replace(',', "");
    if t.is_empty()
        || !t
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
    {
        return None;
    }
    t.parse().ok()
}

/// Each column as wide as its widest line (display width: a Chinese char is two),
/// within bounds; the filter button takes room beside the head.
fn widths(g: &Grid) -> Vec<usize> {
    (0..g.heads.len())
        .map(|c| {
            let head = g.heads[c].width() + 4;
            let body = g
                .rows
                .iter()
                .filter_map(|r| r.get(c))
                .flat_map(|t| t.lines())
                .map(|l| l.width() + 1)
                .max()
                .unwrap_or(0);
            head.max(body).clamp(MIN_WIDTH, MAX_WIDTH)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_told_from_text() {
        assert_eq!(as_number("1,234"), Some(1234.0));
        assert_eq!(as_number("3.5"), Some(3.5));
        assert_eq!(as_number("—"), None);
        assert_eq!(as_number("32件"), None);
        assert_eq!(as_number(""), None);
    }
}
