//! Published documents → the document's text, before reading.
//!
//! Copying a web page flattens its tables and glues a row's digits together; reading
//! the page itself keeps every cell apart. Each table row becomes one line with its
//! cells joined by ` | ` (the row layout the reader already parses), so every span
//! the reader produces points into this text, which is what the review screen shows.

pub mod docx;
pub mod html;

/// What kind of document the bytes are, told by content, not by file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Html,
    Docx,
}

pub fn sniff(bytes: &[u8]) -> Kind {
    if docx::is_zip(bytes) {
        return Kind::Docx;
    }
    let head = &bytes[..bytes.len().min(4096)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(head.len());
    let lower: Vec<u8> = head[start..].iter().map(|b| b.to_ascii_lowercase()).collect();
    let has = |needle: &[u8]| lower.windows(needle.len()).any(|w| w == needle);
    if lower.starts_with(b"<") && (has(b"<html") || has(b"<!doctype html") || has(b"<table") || has(b"<body") || has(b"<meta")) {
        Kind::Html
    } else {
        Kind::Text
    }
}
