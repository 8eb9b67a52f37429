//! The canonical model of a report: every cell of its format with where it came from,
//! and the findings about it. The JSON export (report-model.md) is a direct view of this.

pub mod claim;
pub mod event;
pub mod format;
pub mod identity;
pub mod marks;
pub mod num;

use crate::model::format::{Column, Format, Row, Template};
use crate::model::num::Num;
use serde::Serialize;
use std::borrow::Cow;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// Taken from the text.
    Read,
    /// Not in the text, but the only value the format's identities allow.
    Inferred,
    /// Set by a reviewer.
    Corrected,
    /// The text does not give it.
    Missing,
}

impl Origin {
    pub fn name(self) -> &'static str {
        match self {
            Origin::Read => "read",
            Origin::Inferred => "inferred",
            Origin::Corrected => "corrected",
            Origin::Missing => "missing",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One cell of a table: a canonical key and what the report says of it.
#[derive(Debug, Clone)]
pub struct Cell {
    /// Borrowed from the format for its own cells (a report has some 200: no
    /// allocation each), owned for rows a report adds.
    pub key: Cow<'static, str>,
    pub table: &'static str,
    /// The row key as in the cell key (an added row carries `parent:label`).
    pub row: Cow<'static, str>,
    pub row_label: Cow<'static, str>,
    pub column: &'static Column,
    pub value: Option<Num>,
    /// The characters the value was read from, as they stand in the text.
    pub raw: Option<String>,
    pub origin: Origin,
    pub line: Option<u32>,
    pub span: Option<(usize, usize)>,
    /// True for rows the report adds beyond its format.
    pub added: bool,
}

impl Cell {
    pub fn new(table: &'static str, row: &'static Row, column: &'static Column) -> Cell {
        Cell::with_key(
            Cow::Owned(format!("{}/{}/{}", table, row.key, column.key)),
            table,
            row,
            column,
        )
    }

    pub fn with_key(
        key: Cow<'static, str>,
        table: &'static str,
        row: &'static Row,
        column: &'static Column,
    ) -> Cell {
        Cell {
            key,
            table,
            row: Cow::Borrowed(row.key),
            row_label: Cow::Borrowed(row.label),
            column,
            value: None,
            raw: None,
            origin: Origin::Missing,
            line: None,
            span: None,
            added: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub cell: String,
    pub value: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub cells: Vec<String>,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<Fix>,
    /// Candidate readings of glued digits (PARSE-AMBIGUOUS), for the reviewer to pick.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<Vec<String>>,
    /// The cells the rule could not check because they are missing.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unchecked: Vec<String>,
    /// 1-based line of the text the finding is about, where it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// A reviewer's word on it (from the trail), as `disposition`, `disposition_reason`,
    /// `disposition_by` and `disposition_time` in JSON.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub disposed: Option<Disposed>,
}

/// What a reviewer said of a finding: a real defect of the report (it goes into the
/// memo), or dismissed (explained, a false alarm: it no longer counts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Disposition {
    Confirmed,
    Dismissed,
}

impl Disposition {
    /// The name in trails and JSON.
    pub fn name(self) -> &'static str {
        match self {
            Disposition::Confirmed => "confirmed",
            Disposition::Dismissed => "dismissed",
        }
    }
    pub fn parse(s: &str) -> Option<Disposition> {
        match s {
            "confirmed" => Some(Disposition::Confirmed),
            "dismissed" => Some(Disposition::Dismissed),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Disposed {
    pub disposition: Disposition,
    #[serde(rename = "disposition_reason")]
    pub reason: String,
    #[serde(rename = "disposition_by")]
    pub reviewer: String,
    #[serde(rename = "disposition_time")]
    pub time: String,
}

impl Finding {
    /// What names this finding in a reviewer's trail across sessions and languages:
    /// its rule and cells (`T3-TOTAL:t3/total/natural`), or its rule and line for a
    /// finding about the text (`TEXT-REQUESTS@12`).
    pub fn key(&self) -> String {
        match (self.cells.is_empty(), self.line) {
            (false, _) => format!("{}:{}", self.rule, self.cells.join(",")),
            (true, Some(l)) => format!("{}@{l}", self.rule),
            (true, None) => self.rule.to_string(),
        }
    }

    pub fn new(rule: &'static str, severity: Severity, message: impl Into<String>) -> Finding {
        Finding {
            rule,
            severity,
            cells: Vec::new(),
            message: message.into(),
            expected: None,
            actual: None,
            fix: None,
            candidates: Vec::new(),
            unchecked: Vec::new(),
            line: None,
            disposed: None,
        }
    }
    pub fn cells(mut self, cells: Vec<String>) -> Finding {
        self.cells = cells;
        self
    }
    pub fn sides(mut self, expected: impl ToString, actual: impl ToString) -> Finding {
        self.expected = Some(expected.to_string());
        self.actual = Some(actual.to_string());
        self
    }
    pub fn at_line(mut self, line: Option<u32>) -> Finding {
        self.line = line;
        self
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Source {
    pub path: String,
    pub sha256: String,
    pub encoding: &'static str,
    /// What the file was, told by its content: "text", "html", "docx" or "pdf"
    /// (a document is read as such, its tables kept apart, and `Report::text` is its text).
    pub format: &'static str,
    /// For a PDF, the page (1-based) each line of `Report::text` is on.
    #[serde(skip)]
    pub line_pages: Vec<u32>,
}

impl Source {
    /// The page a 1-based line of the text is on, for a PDF.
    pub fn page_of_line(&self, line: u32) -> Option<u32> {
        let i = usize::try_from(line).ok()?.checked_sub(1)?;
        self.line_pages.get(i).copied()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    pub agency: Option<String>,
    pub year: Option<i32>,
    pub template: Option<Template>,
    /// Why the reader chose what it did: the format's heads the tables print, and where
    /// each table was found and by what.
    #[serde(skip)]
    pub why: Why,
}

/// The reader's choices, explained for a reviewer (the export's `meta`).
#[derive(Debug, Clone, Default)]
pub struct Why {
    /// The column heads only the detected format prints; empty when none survived and
    /// the format is the current one by default.
    pub template_heads: Vec<&'static str>,
    pub tables: Vec<TableFound>,
}

/// Where a table was found and by what.
#[derive(Debug, Clone)]
pub struct TableFound {
    pub table: format::TableId,
    /// The line of its content, and the head or first row that opens it (`None`: found by
    /// its heading alone).
    pub line: u32,
    pub opened_by: Option<&'static str>,
    /// The line of its section heading, if it has one before its content.
    pub heading_line: Option<u32>,
}

/// Glued digits the identities could not settle: the readings that remain.
#[derive(Debug, Clone)]
pub struct Ambiguity {
    pub cells: Vec<String>,
    pub candidates: Vec<Vec<Num>>,
    pub line: Option<u32>,
}

/// A report read into its format.
#[derive(Debug, Clone)]
pub struct Report {
    pub source: Source,
    pub text: String,
    pub meta: Meta,
    pub cells: Vec<Cell>,
    /// What reading noticed (worded as PARSE-* and other findings by `check::rules`);
    /// rule findings are computed from `cells`.
    pub read_events: Vec<event::ReadEvent>,
    pub ambiguities: Vec<Ambiguity>,
    /// Byte ranges of the three tables in the text, for text rules to skip them.
    pub table_spans: Vec<(usize, usize)>,
    /// Which of the six sections (一 … 六) were found.
    pub sections_found: [bool; 6],
    /// Byte range of each section found, heading included.
    pub section_spans: [Option<(usize, usize)>; 6],
    /// The amount column heads say 元 instead of 万元.
    pub amount_in_yuan: bool,
    /// Rows the report adds that sum others (a 小计, or 2021's lone （六）其他处理 row).
    pub subtotals: Vec<Subtotal>,
    /// What the prose says of t2's cells.
    pub claims: Vec<claim::Claim>,
    /// What applying a reviewer's corrections did (none until `record::bind` applies).
    pub corrections: CorrectionsApplied,
    /// The trail's dispositions, notes and review marks (none until `record` reads them).
    pub marks: marks::Marks,
}

/// What applying a reviewer's trail to a report did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CorrectionsApplied {
    /// Trail entries found (the corrections file's and the journal's).
    pub entries: usize,
    /// Of them, entries from the journal: made, but not yet written to the file.
    pub from_journal: usize,
    /// Cells whose value the trail sets.
    pub corrected: usize,
}

/// An added row that should equal the sum of some format rows, column by column.
#[derive(Debug, Clone)]
pub struct Subtotal {
    pub table: &'static str,
    pub row: String,
    pub members: Vec<String>,
}

impl Report {
    pub fn format(&self) -> Option<&'static Format> {
        self.meta.template.map(|t| t.format())
    }

    pub fn cell(&self, key: &str) -> Option<&Cell> {
        self.cell_index(key).map(|i| &self.cells[i])
    }

    /// True when the format's cells come first, in the format's order (as `read`
    /// leaves them): then a cell's index follows from its key alone.
    pub fn in_format_order(&self) -> bool {
        match self.format() {
            Some(f) => {
                let keys = f.keys();
                self.cells.len() >= keys.len()
                    && self.cells.iter().zip(keys).all(|(c, k)| c.key == *k)
            }
            None => false,
        }
    }

    pub fn value(&self, key: &str) -> Option<Num> {
        self.cell(key).and_then(|c| c.value)
    }

    pub fn cell_index(&self, key: &str) -> Option<usize> {
        if let Some(f) = self.format() {
            if let Some(&i) = f.key_index().get(key) {
                if self.cells.get(i).is_some_and(|c| c.key == key) {
                    return Some(i);
                }
            }
        }
        self.cells.iter().position(|c| c.key == key)
    }
}
