//! Findings: the rule catalogue run over a read report, the year-to-year comparison,
//! finding a report's prior, a reviewer's dispositions applied to the findings, and
//! checking many reports at once. Uses `model`, `input`
//! and `read`; never the screen.

pub mod batch;
pub mod diff;
pub mod dispose;
pub mod prior;
pub mod rules;
pub mod says_zh;
