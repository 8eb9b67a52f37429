//! A number the report's prose gives for a cell ("制发行政规范性文件9件"): read by
//! `read::claims`, weighed by the reader against glued digits and by TEXT-DOCUMENTS
//! against the table.

use crate::model::num::Num;

/// One number the prose gives for a cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// The t2 row: `regulations` or `normative`.
    pub row: &'static str,
    /// The column it counts, by its key in either format (`issued` in 2021 is
    /// `new_made` in 2019); the first the report's format has is meant.
    pub columns: &'static [&'static str],
    pub value: Num,
    /// The words that say it, as printed (normalised).
    pub phrase: String,
}

impl Claim {
    /// The cell key this claim speaks of in a format with the row's `columns`.
    pub fn column_in(&self, has: impl Fn(&str) -> bool) -> Option<&'static str> {
        self.columns.iter().copied().find(|c| has(c))
    }
}
