//! nianbao: read, check and review Chinese government information-disclosure annual
//! reports (政府信息公开工作年度报告).
//!
//! The modules follow the data's path, each owning one step, with dependencies pointing
//! one way (down this list):
//! - [`model`]: what a report is: the two national formats as data, their identities,
//!   exact numbers, cells with their origin and findings;
//! - [`input`]: bytes → decoded text (plain text, HTML, .docx, PDF);
//! - [`read`]: text → located tables → cells with source spans;
//! - [`check`]: cells → findings (rule catalogue, year diff, many reports at once);
//! - [`record`]: corrections, their journal and the lock;
//! - [`output`]: exports and text bound for a terminal;
//! - [`tui`]: the review screen, the only part that touches a terminal;
//! - [`lang`]: the language people read (zh-CN or English), chosen once.

pub mod check;
pub mod input;
pub mod lang;
pub mod model;
pub mod output;
pub mod read;
pub mod record;
pub mod tui;

pub use model::{Cell, Finding, Origin, Report, Severity};
pub use read::{read_bytes, read_text};
