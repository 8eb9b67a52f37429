//! What a reviewer's trail says of a report besides its corrections: the disposition
//! of findings, notes on cells, and the report's review state. `record` reads them from
//! the trail; `check` applies the dispositions to the findings; `output` exports them.

use super::Disposed;

/// Who did something, and when (UTC, RFC 3339).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub reviewer: String,
    pub time: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum ReviewState {
    /// Nothing recorded.
    #[default]
    New,
    /// Something recorded, not marked reviewed.
    InProgress,
    Reviewed,
    /// Reviewed, and confirmed by a second reviewer.
    SignedOff,
}

impl ReviewState {
    /// The name in files and JSON.
    pub fn name(self) -> &'static str {
        match self {
            ReviewState::New => "new",
            ReviewState::InProgress => "in_progress",
            ReviewState::Reviewed => "reviewed",
            ReviewState::SignedOff => "signed_off",
        }
    }
}

/// A report's review state, with who reviewed and who signed off.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Review {
    pub state: ReviewState,
    pub reviewed: Option<Mark>,
    pub signed_off: Option<Mark>,
}

/// A reviewer's note on a cell (its value unchanged).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub cell: String,
    pub text: String,
    pub reviewer: String,
    pub time: String,
}

/// Everything but corrections that a trail records of a report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Marks {
    /// Each disposed finding's key ([`super::Finding::key`]) and its disposition, in
    /// the order the trail first names them.
    pub dispositions: Vec<(String, Disposed)>,
    pub notes: Vec<Note>,
    pub review: Review,
}

impl Marks {
    pub fn note(&self, cell: &str) -> Option<&Note> {
        self.notes.iter().find(|n| n.cell == cell)
    }
    pub fn disposition(&self, key: &str) -> Option<&Disposed> {
        self.dispositions
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, d)| d)
    }
}
