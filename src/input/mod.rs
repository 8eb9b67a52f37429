//! Bytes → decoded text: opening a file, telling plain text from a published document
//! (HTML, .docx, PDF) and decoding it. Uses nothing else of the crate.

pub mod decode;
pub mod document;
