//! Published documents → the document's text, before reading.
//!
//! Reports are published as web pages, Word files and PDFs. Copying a web page flattens
//! its tables and glues a row's digits together; reading the document itself keeps every
//! cell apart. Whatever the format, each table row becomes one line with its cells joined
//! by ` | ` (the row layout the reader already parses) and each paragraph a line, so every
//! span the reader produces points into this text, which is what the review screen shows.
//!
//! The kind of document is told by content (magic bytes, markup), never by file name.

pub mod docx;
pub mod html;
pub mod pdf;

use crate::input::decode::{DecodeError, Encoding};
use std::fmt;

/// What kind of document the bytes are, told by content, not by file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Plain text: the reader decodes it as it is.
    Text,
    Html,
    Docx,
    Pdf,
    /// A format this module recognises but does not read (old binary Office files,
    /// RTF): reading it as text would only give noise.
    Unsupported(&'static str),
}

/// Why a published document could not be turned into text; the caller adds the file
/// name. The message names what is wrong ("truncated zip", "no text layer", …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentError(pub String);

impl fmt::Display for DocumentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DocumentError {}

impl From<String> for DocumentError {
    fn from(s: String) -> Self {
        DocumentError(s)
    }
}

impl From<&str> for DocumentError {
    fn from(s: &str) -> Self {
        DocumentError(s.to_string())
    }
}

impl From<DocumentError> for DecodeError {
    fn from(e: DocumentError) -> Self {
        DecodeError::Document(e.0)
    }
}

/// A published document's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extracted {
    pub text: String,
    /// "html", "docx" or "pdf" (the report's `source.format`).
    pub format: &'static str,
    /// The encoding the text was stored in (a page's charset; UTF-8 inside .docx; for
    /// PDF, the text comes from its fonts' Unicode maps and is given as UTF-8).
    pub encoding: Encoding,
    /// For a PDF, the page each line of the text is on (1-based); empty otherwise.
    pub line_pages: Vec<u32>,
}

/// The document's text, or `None` for plain text (decoded by [`crate::input::decode`]).
/// The text is held to the size a plain report's text may have
/// ([`crate::input::decode::MAX_TEXT_BYTES`]): a small document must not expand into
/// more text than the reader accepts from a file.
pub fn extract(bytes: &[u8]) -> Result<Option<Extracted>, DocumentError> {
    let found = extract_any(bytes)?;
    let max = crate::input::decode::MAX_TEXT_BYTES;
    match found {
        Some(e) if e.text.len() > max => Err(DocumentError(format!(
            "the {} document's text is {} MB, more than the {} MB of text a report can have",
            e.format,
            e.text.len().div_ceil(1 << 20),
            max >> 20
        ))),
        found => Ok(found),
    }
}

fn extract_any(bytes: &[u8]) -> Result<Option<Extracted>, DocumentError> {
    match sniff(bytes) {
        Kind::Text => Ok(None),
        Kind::Html => {
            let (text, encoding) = html::to_text(bytes)?;
            Ok(Some(Extracted {
                text,
                format: "html",
                encoding,
                line_pages: Vec::new(),
            }))
        }
        Kind::Docx => Ok(Some(Extracted {
            text: docx::to_text(bytes)?,
            format: "docx",
            encoding: Encoding::Utf8,
            line_pages: Vec::new(),
        })),
        Kind::Pdf => {
            let (text, line_pages) = pdf::to_text_paged(bytes)?;
            Ok(Some(Extracted {
                text,
                format: "pdf",
                encoding: Encoding::Utf8,
                line_pages,
            }))
        }
        Kind::Unsupported(why) => Err(DocumentError(why.to_string())),
    }
}

/// Tells the kind of document from its first bytes.
pub fn sniff(bytes: &[u8]) -> Kind {
    if docx::is_zip(bytes) {
        return Kind::Docx;
    }
    // `%PDF-` may follow some junk; readers accept it within the first KB
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Kind::Pdf;
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Kind::Unsupported(
            "an old binary Office file (Word 97-2003 .doc, .xls or .wps), which is not read: save it as .docx, PDF or text first",
        );
    }
    if bytes.starts_with(b"{\\rtf") {
        return Kind::Unsupported(
            "an RTF file, which is not read: save it as .docx, PDF or text first",
        );
    }
    if looks_like_html(bytes) {
        Kind::Html
    } else {
        Kind::Text
    }
}

/// Markup at the start of the file (after a BOM and white space): `<html`, a doctype,
/// or the tags a fragment of a page starts with. UTF-16 pages are looked at decoded.
fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        let enc = if head[0] == 0xFF {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        let (t, _, _) = enc.decode(head);
        t.bytes().map(|b| b.to_ascii_lowercase()).collect()
    } else {
        let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
        head.iter().map(|b| b.to_ascii_lowercase()).collect()
    };
    let start = lower
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(lower.len());
    let lower = &lower[start..];
    let has = |needle: &[u8]| lower.windows(needle.len()).any(|w| w == needle);
    lower.starts_with(b"<")
        && (has(b"<html")
            || has(b"<!doctype html")
            || has(b"<table")
            || has(b"<body")
            || has(b"<meta")
            || has(b"<head"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn told_by_content() {
        assert_eq!(sniff(b"PK\x03\x04rest"), Kind::Docx);
        assert_eq!(sniff(b"%PDF-1.7\n"), Kind::Pdf);
        assert_eq!(sniff(b"\xEF\xBB\xBF  <!DOCTYPE html><html>"), Kind::Html);
        assert_eq!(sniff("一、总体情况 <table>".as_bytes()), Kind::Text);
        assert_eq!(sniff(b"<p>x</p>"), Kind::Text, "a lone tag is not a page");
        let mut le = vec![0xFF, 0xFE];
        for u in "<html><body>报告</body></html>".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(sniff(&le), Kind::Html);
        assert!(matches!(
            sniff(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0"),
            Kind::Unsupported(_)
        ));
        assert!(extract(b"{\\rtf1\\ansi x}").unwrap_err().0.contains("RTF"));
    }
}
