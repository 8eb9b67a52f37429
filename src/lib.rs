//! nianbao: read, check and review Chinese government information-disclosure annual
//! reports (政府信息公开工作年度报告).
//!
//! The engine follows the data's path, one module per step:
//! bytes ([`decode`]) → normalised text ([`text`]) → located tables ([`locate`]) →
//! cells with source spans ([`resolve`], [`read`]) → findings ([`rules`]) →
//! exports ([`export`]). The formats are data ([`format`]). None of it touches a
//! terminal, so `check`, `export`, the tests and the review screen share it.

pub mod batch;
pub mod corrections;
pub mod decode;
pub mod diff;
pub mod document;
pub mod export;
pub mod format;
pub mod identity;
pub mod locate;
pub mod model;
pub mod num;
pub mod read;
pub mod report_text;
pub mod resolve;
pub mod rules;
pub mod text;
pub mod tui;

pub use model::{Cell, Finding, Origin, Report, Severity};
pub use read::{read_bytes, read_text};
