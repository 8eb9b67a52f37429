//! Bytes → decoded text.
//!
//! Government files come as UTF-8 (with or without BOM), UTF-16 with a BOM, or
//! GB18030/GBK without any marker. Spans in the model point into the decoded text
//! returned here (BOM removed), so a viewer can highlight exactly what was read.

use crate::input::says;
use std::fmt;

/// Inputs larger than this are refused: a report is about 8 KB, and reading a
/// multi-gigabyte file into memory by mistake should fail fast and clearly.
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// A report's decoded text (a plain file's, or a document's extracted text) larger than
/// this is refused: a report's text is some 10 KB, the largest a few hundred KB, and the
/// reader keeps tables of up to some 18 bytes per byte of text, so 8 MB of text keeps
/// one read under about 150 MB (and two read at once in a batch under 512 MB). A file
/// of 64 MB is mostly images (a PDF) or not a report.
pub const MAX_TEXT_BYTES: usize = 8 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Gb18030,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf8Bom => "utf-8-bom",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Gb18030 => "gb18030",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// A published document (HTML, .docx) that could not be read, and why.
    Document(String),
    Empty,
    TooLarge(usize),
    Binary {
        offset: usize,
    },
    Undecodable,
    /// The text (decoded, or extracted from a document) is larger than
    /// [`MAX_TEXT_BYTES`]: its size in bytes.
    TextTooLarge(usize),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Document(why) => write!(f, "{why}"),
            DecodeError::Empty => f.write_str(says::EMPTY.get()),
            DecodeError::TooLarge(n) => {
                let (n, max) = (n / (1024 * 1024), MAX_INPUT_BYTES / (1024 * 1024));
                f.write_str(&says::TOO_LARGE.fill(&[("n", &n), ("max", &max)]))
            }
            DecodeError::Binary { offset } => {
                f.write_str(&says::BINARY.fill(&[("offset", offset)]))
            }
            DecodeError::Undecodable => f.write_str(says::UNDECODABLE.get()),
            DecodeError::TextTooLarge(n) => {
                let (n, max) = (n.div_ceil(1024 * 1024), MAX_TEXT_BYTES / (1024 * 1024));
                f.write_str(&says::TEXT_TOO_LARGE.fill(&[("n", &n), ("max", &max)]))
            }
        }
    }
}

/// Text that says its encoding with a byte-order mark: UTF-8 (a bad byte replaced) or
/// UTF-16 either way round. Plain reports and web pages alike.
pub fn by_bom(bytes: &[u8]) -> Option<(String, Encoding)> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Some((utf8_replacing(rest).0, Encoding::Utf8Bom));
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (enc, e) = if bytes[0] == 0xFF {
            (encoding_rs::UTF_16LE, Encoding::Utf16Le)
        } else {
            (encoding_rs::UTF_16BE, Encoding::Utf16Be)
        };
        let (text, _, _) = enc.decode(bytes);
        return Some((text.into_owned(), e));
    }
    None
}

/// Where bytes were replaced by U+FFFD in decoding: a line (1-based) and how many
/// stretches of bad bytes it had.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Replaced {
    pub line: u32,
    pub count: usize,
}

impl Replaced {
    /// What reading says of it (worded as `DECODE-REPLACED` by the rules).
    pub fn event(&self) -> crate::model::event::ReadEvent {
        crate::model::event::ReadEvent {
            kind: crate::model::event::EventKind::DecodeReplaced { count: self.count },
            label: String::new(),
            cells: Vec::new(),
            line: Some(self.line),
        }
    }
}

/// UTF-8 with each stretch of bad bytes replaced by U+FFFD, the lines where that was
/// done, and how many valid characters outside ASCII the text has (how sure it is that
/// the text is UTF-8 at all).
fn utf8_replacing(bytes: &[u8]) -> (String, Vec<Replaced>, usize) {
    let mut text = String::with_capacity(bytes.len());
    let mut replaced: Vec<Replaced> = Vec::new();
    let mut line = 1u32;
    let mut wide = 0usize;
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid();
        text.push_str(valid);
        line = line.saturating_add(valid.bytes().filter(|&b| b == b'\n').count() as u32);
        wide += valid.chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            text.push('\u{FFFD}');
            match replaced.last_mut() {
                Some(r) if r.line == line => r.count += 1,
                _ => replaced.push(Replaced { line, count: 1 }),
            }
        }
    }
    (text, replaced, wide)
}

/// Decodes a report's bytes, detecting the encoding. The size limit is the caller's to
/// check ([`crate::input::read_file`] for a file, `read::read_bytes` for bytes).
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding), DecodeError> {
    decode_replacing(bytes).map(|(text, enc, _)| (text, enc))
}

/// The decoded text, refused when larger than [`MAX_TEXT_BYTES`].
fn within_cap<T>(found: (String, Encoding, T)) -> Result<(String, Encoding, T), DecodeError> {
    if found.0.len() > MAX_TEXT_BYTES {
        return Err(DecodeError::TextTooLarge(found.0.len()));
    }
    Ok(found)
}

/// [`decode`], with the lines where bytes that are not valid in the encoding were
/// replaced by U+FFFD. Text that is UTF-8 but for a few bad bytes (one in ten of its
/// characters outside ASCII at most) is read as UTF-8 with them replaced, not refused;
/// text that decodes as GB18030 without a fault is GB18030 (a GBK file is never UTF-8
/// with faults: its Chinese is almost all invalid UTF-8).
pub fn decode_replacing(bytes: &[u8]) -> Result<(String, Encoding, Vec<Replaced>), DecodeError> {
    decode_uncapped(bytes).and_then(within_cap)
}

fn decode_uncapped(bytes: &[u8]) -> Result<(String, Encoding, Vec<Replaced>), DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let (text, replaced, _) = utf8_replacing(rest);
        return Ok((text, Encoding::Utf8Bom, replaced));
    }
    if let Some((text, enc)) = by_bom(bytes) {
        return Ok((text, enc, Vec::new()));
    }
    if let Some(offset) = memchr_nul(bytes) {
        return Err(DecodeError::Binary { offset });
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_string(), Encoding::Utf8, Vec::new()));
    }
    // Not UTF-8: GB18030 (a superset of GBK and GB2312) is what Chinese government
    // systems write. Accept it only when it decodes without replacement characters.
    let (text, _, had_errors) = encoding_rs::GB18030.decode(bytes);
    if !had_errors {
        return Ok((text.into_owned(), Encoding::Gb18030, Vec::new()));
    }
    let (text, replaced, wide) = utf8_replacing(bytes);
    let faults: usize = replaced.iter().map(|r| r.count).sum();
    if faults * 10 <= wide || (wide == 0 && faults <= 3) {
        return Ok((text, Encoding::Utf8, replaced));
    }
    Err(DecodeError::Undecodable)
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_each_encoding() {
        let s = "三、收到和处理政府信息公开申请情况 12";
        assert_eq!(
            decode(s.as_bytes()).unwrap(),
            (s.to_string(), Encoding::Utf8)
        );
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(s.as_bytes());
        assert_eq!(decode(&bom).unwrap(), (s.to_string(), Encoding::Utf8Bom));
        let (gbk, _, _) = encoding_rs::GBK.encode(s);
        assert_eq!(decode(&gbk).unwrap(), (s.to_string(), Encoding::Gb18030));
        let mut le = vec![0xFF, 0xFE];
        for u in s.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&le).unwrap(), (s.to_string(), Encoding::Utf16Le));
        let mut be = vec![0xFE, 0xFF];
        for u in s.encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&be).unwrap(), (s.to_string(), Encoding::Utf16Be));
    }

    #[test]
    fn a_bad_byte_in_utf8_is_replaced_on_its_line() {
        let mut bytes = "一、总体情况\n本机关2023年共收到申请12件。\n"
            .as_bytes()
            .to_vec();
        bytes.extend_from_slice(b"\xFF bad \x80\n");
        bytes.extend_from_slice("三、收到和处理政府信息公开申请情况\n".as_bytes());
        let (text, enc, replaced) = decode_replacing(&bytes).unwrap();
        assert_eq!(enc, Encoding::Utf8);
        assert!(text.contains("\u{FFFD} bad \u{FFFD}\n三、"), "{text}");
        assert_eq!(replaced, vec![Replaced { line: 3, count: 2 }]);
        // GBK text with one bad byte stays undecodable, not UTF-8 with a thousand faults
        let (mut gbk, _, _) =
            encoding_rs::GBK.encode("三、收到和处理政府信息公开申请情况 一二三四五");
        let mut gbk = gbk.to_mut().clone();
        gbk.push(0xFF);
        assert_eq!(decode(&gbk), Err(DecodeError::Undecodable));
    }

    #[test]
    fn refuses_binary_empty_and_garbage() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert!(matches!(
            decode(b"PK\x03\x04\x00\x00"),
            Err(DecodeError::Binary { offset: 4 })
        ));
        assert_eq!(
            decode(&[0xFF, 0x30, 0xFF, 0xFF, 0x81]),
            Err(DecodeError::Undecodable)
        );
    }
}
