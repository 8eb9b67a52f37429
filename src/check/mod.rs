//! Findings: the rule catalogue run over a read report, the year-to-year comparison,
//! and checking many reports at once. Uses `model`, `input` and `read`; never the screen.

pub mod batch;
pub mod diff;
pub mod rules;
