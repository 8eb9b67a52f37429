//! The journal's framing: one entry a line, `nb1 CHECKSUM JSON`, where CHECKSUM is the
//! first 16 hex digits of the SHA-256 of JSON. A line torn by a crash or a full disk, or
//! one that is not UTF-8, fails its checksum or its decoding: it is reported with its
//! line number and skipped, and the lines after it are read as usual. An append starts
//! with a line feed when the file does not end with one, so it never glues onto a torn
//! line. Lines of plain JSON (journals of earlier versions) are read too.

use super::corrections::Entry;
use sha2::{Digest, Sha256};
use std::fs::{self, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

const TAG: &str = "nb1 ";

mod says {
    pub const NOT_UTF8: &str = "not UTF-8";
    pub const TORN: &str = "torn (its checksum does not match)";
    pub const NOT_FRAMED: &str = "not a journal line";
    pub const NOT_ENTRY: &str = "not a journal entry";
    pub const TOO_BIG: &str = "too large for a journal: move it aside; the limit is ";
}

/// A journal line that was skipped: its 1-based line number and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub line: usize,
    pub why: String,
}

fn checksum(json: &str) -> String {
    let d = Sha256::digest(json.as_bytes());
    d.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// The framed line of one entry, with its line feed.
pub fn frame(e: &Entry) -> String {
    let json = serde_json::to_string(e).unwrap_or_default();
    format!("{TAG}{} {json}\n", checksum(&json))
}

/// One line's entry, or why it is skipped.
fn unframe(line: &[u8]) -> Result<Entry, String> {
    let text = std::str::from_utf8(line).map_err(|_| says::NOT_UTF8.to_string())?;
    let text = text.trim_end_matches('\r');
    let json = match text.strip_prefix(TAG) {
        Some(rest) => {
            let (sum, json) = rest.split_once(' ').ok_or(says::TORN)?;
            if checksum(json) != sum {
                return Err(says::TORN.into());
            }
            json
        }
        None if text.starts_with('{') => text,
        None => return Err(says::NOT_FRAMED.into()),
    };
    serde_json::from_str(json).map_err(|e| format!("{}: {e}", says::NOT_ENTRY))
}

/// Every entry of a journal's bytes, and the lines skipped.
pub fn parse(bytes: &[u8]) -> (Vec<Entry>, Vec<Skipped>) {
    let mut entries = Vec::new();
    let mut skipped = Vec::new();
    for (i, line) in bytes.split(|b| *b == b'\n').enumerate() {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match unframe(line) {
            Ok(e) => entries.push(e),
            Err(why) => skipped.push(Skipped { line: i + 1, why }),
        }
    }
    (entries, skipped)
}

/// The largest journal read (some 400,000 entries): a bigger file is not one nianbao
/// wrote, and is refused rather than read into memory.
const MAX_BYTES: u64 = 128 << 20;

/// Reads a journal; a missing one is empty.
pub fn read(path: &Path) -> Result<(Vec<Entry>, Vec<Skipped>), String> {
    if let Ok(m) = fs::metadata(path) {
        if m.len() > MAX_BYTES {
            let (n, max) = (m.len(), MAX_BYTES >> 20);
            return Err(format!(
                "{}: {n} bytes: {}{max} MB",
                path.display(),
                says::TOO_BIG
            ));
        }
    }
    match fs::read(path) {
        Ok(b) => Ok(parse(&b)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok((Vec::new(), Vec::new())),
        Err(e) => Err(format!("{}: cannot read: {e}", path.display())),
    }
}

/// Appends one entry and syncs it to disk, after a line feed when the file's last line
/// is torn.
pub fn append(path: &Path, e: &Entry) -> Result<(), String> {
    let fail = |e: std::io::Error| format!("{}: cannot append: {e}", path.display());
    if let Some(d) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(d).map_err(fail)?;
    }
    let mut f = OpenOptions::new()
        .create(true)
        .read(true)
        .append(true)
        .open(path)
        .map_err(fail)?;
    let len = f.metadata().map_err(fail)?.len();
    let mut line = String::new();
    if len > 0 {
        let mut last = [0u8; 1];
        f.seek(SeekFrom::Start(len - 1))
            .and_then(|_| f.read_exact(&mut last))
            .map_err(fail)?;
        if last[0] != b'\n' {
            line.push('\n');
        }
    }
    line.push_str(&frame(e));
    f.write_all(line.as_bytes())
        .and_then(|_| f.sync_data())
        .map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::corrections::{Act, Kind};

    fn entry(seq: u64, new: &str) -> Entry {
        Entry {
            seq,
            kind: Kind::Correction,
            action: Act::Set,
            of: None,
            cell: "t3/new/natural".into(),
            old: Some("1".into()),
            new: Some(new.into()),
            reason: String::new(),
            reviewer: "a".into(),
            time: "2026-01-01T00:00:00Z".into(),
            sha256: None,
        }
    }

    fn tmp(name: &str) -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!("nianbao-journal-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        fs::create_dir_all(&d).unwrap();
        d.join("r.txt.nianbao.journal")
    }

    #[test]
    fn a_torn_last_line_is_skipped_and_the_next_append_does_not_glue_onto_it() {
        let p = tmp("torn");
        append(&p, &entry(1, "2")).unwrap();
        let whole = frame(&entry(2, "3"));
        let mut f = OpenOptions::new().append(true).open(&p).unwrap();
        f.write_all(&whole.as_bytes()[..whole.len() / 2]).unwrap();
        drop(f);
        append(&p, &entry(3, "4")).unwrap();
        let (entries, skipped) = read(&p).unwrap();
        let seqs: Vec<u64> = entries.iter().map(|e| e.seq).collect();
        assert_eq!(seqs, [1, 3]);
        assert_eq!(skipped.len(), 1);
        assert_eq!(skipped[0].line, 2);
        assert!(skipped[0].why.contains("torn"), "{:?}", skipped);
    }

    #[test]
    fn a_line_that_is_not_utf8_loses_only_itself() {
        let mut bytes = frame(&entry(1, "2")).into_bytes();
        bytes.extend_from_slice(b"nb1 00 {\"seq\":\xff}\n");
        bytes.extend_from_slice(frame(&entry(3, "4")).as_bytes());
        let (entries, skipped) = parse(&bytes);
        assert_eq!(entries.iter().map(|e| e.seq).collect::<Vec<_>>(), [1, 3]);
        assert_eq!(
            skipped,
            [Skipped {
                line: 2,
                why: "not UTF-8".into()
            }]
        );
    }

    #[test]
    fn a_changed_byte_fails_the_checksum() {
        let line = frame(&entry(1, "2")).replace("\"new\":\"2\"", "\"new\":\"7\"");
        let (entries, skipped) = parse(line.as_bytes());
        assert!(entries.is_empty());
        assert_eq!(skipped[0].line, 1);
    }

    #[test]
    fn journals_of_earlier_versions_are_read() {
        let legacy = r#"{"seq":4,"action":"set","cell":"t3/new/natural","old":"1","new":"2","reviewer":"a","time":"t"}"#;
        let (entries, skipped) = parse(format!("{legacy}\n").as_bytes());
        assert!(skipped.is_empty(), "{skipped:?}");
        assert_eq!(entries[0].seq, 4);
        assert_eq!(entries[0].kind, Kind::Correction);
    }
}
