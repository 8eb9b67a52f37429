//! What reading noticed about the text, as data: `check::rules` words each event as a
//! finding of its catalogue (PARSE-*, VALUE-UNREADABLE, a row sum no reading satisfies).

use crate::model::format::TableId;

/// Why glued digits were split as they were.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitWhy {
    /// No split satisfies the identities: the one with the fewest, smallest discrepancies.
    Broken,
    /// The only split the table's identities allow.
    Table,
    /// The only split whose row sum holds.
    Row,
    /// The only split a true row could print: the bound, as the auditor reads it.
    Bound(&'static str),
    /// The only split that agrees with what the prose says: its phrases.
    Text(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventKind {
    /// A table of the format not found.
    TableMissing { table: TableId },
    /// The document holds no table of a national format; `old_statistics` when it holds
    /// the statistics table of the reports before 2019 (指标 / 计量单位 / 本年 / 累计).
    NoFormat { old_statistics: bool },
    /// A row of the format not found in `table`.
    RowMissing { table: TableId },
    /// A row recognised by a damaged label.
    LabelDamaged,
    /// A row whose label was lost, placed by its position.
    LabelLost,
    /// Glued digits with more splits than the search could weigh.
    Unweighable,
    /// Glued digits split one way.
    Segmented { values: Vec<String>, why: SplitWhy },
    /// `given` values for `columns` columns; `placed` when every cell was placed.
    Count {
        given: usize,
        columns: usize,
        placed: bool,
    },
    /// Several readings remain, listed for the reviewer.
    Readings {
        candidates: Vec<Vec<String>>,
        count: usize,
    },
    /// No reading of glued digits satisfies the row's sum, checked by `rule`.
    RowUnsatisfied { rule: &'static str },
    /// Text where a number belongs ("" for a blank cell).
    Unreadable { text: String },
    /// Rows of a table found with nothing printed after their labels: one event for the
    /// table, naming every blank cell (a form left unfilled is one defect).
    BlankRows { table: TableId, rows: usize },
    /// Bytes of the line that are not valid in the report's encoding, replaced by
    /// U+FFFD: `count` stretches of them.
    DecodeReplaced { count: usize },
    /// A reviewer's correction (entry `seq`, `then` → `new`) made when the cell read
    /// `then`; the report has changed and the cell reads `now`: not applied.
    CorrectionStale {
        seq: u64,
        new: String,
        then: String,
        now: String,
    },
    /// The report changed since `count` corrections were made; their cells read as
    /// they did then, so they are applied.
    CorrectionChanged { count: usize },
    /// A trail entry or journal line that could not be applied, and why.
    CorrectionSkipped { why: String },
}

impl EventKind {
    /// Events about a reviewer's corrections (remade each time a trail is applied).
    pub fn is_correction(&self) -> bool {
        matches!(
            self,
            EventKind::CorrectionStale { .. }
                | EventKind::CorrectionChanged { .. }
                | EventKind::CorrectionSkipped { .. }
        )
    }
}

/// One event with where it is: the row (or table) it is about, its cells and line.
#[derive(Debug, Clone)]
pub struct ReadEvent {
    pub kind: EventKind,
    /// The row's label as the format prints it, or the table's title.
    pub label: String,
    pub cells: Vec<String>,
    pub line: Option<u32>,
}
