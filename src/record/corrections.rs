//! Corrections: a reviewer's changes to cell values, with the audit trail.
//!
//! Every edit is first appended to a journal (`NAME.nianbao.journal`, one JSON line,
//! fsynced) so a killed process or a dropped SSH link loses nothing; writing saves the
//! whole trail to `NAME.nianbao.json` atomically (temporary file, fsync, rename). Undo
//! and redo are new entries, never deletions. The files sit beside the report, or in
//! the user's data directory when that folder is read-only.

use crate::model::num::Num;
use crate::model::{Origin, Report};
use serde::{Deserialize, Serialize};
use std::fs::{self, File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Act {
    Set,
    Undo,
    Redo,
}

/// One entry of the audit trail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub seq: u64,
    pub action: Act,
    /// For undo and redo: the `seq` of the entry undone or redone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub of: Option<u64>,
    pub cell: String,
    pub old: Option<String>,
    pub new: Option<String>,
    #[serde(default)]
    pub reason: String,
    pub reviewer: String,
    pub time: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReportRef {
    pub path: String,
    pub sha256: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CorrectionsFile {
    pub schema: u32,
    pub report: ReportRef,
    pub trail: Vec<Entry>,
}

/// Where a report's corrections live.
#[derive(Debug, Clone)]
pub struct Store {
    pub file: PathBuf,
    pub journal: PathBuf,
    pub lock: PathBuf,
}

impl Store {
    /// Beside the report when its folder is writable, else in the data directory.
    pub fn for_report(report_path: &Path, sha256: &str) -> Store {
        let beside = Store::beside(report_path);
        if beside.file.exists() || dir_writable(report_path.parent().unwrap_or(Path::new("."))) {
            return beside;
        }
        Store::in_data_dir(report_path, sha256)
    }

    /// Where a report's saved corrections are, if it has any: beside it, or in the data
    /// directory when its folder was read-only. Looks, never writes (a `check` of
    /// thousands of reports must not probe each folder).
    pub fn find_saved(report_path: &Path, sha256: &str) -> Option<Store> {
        let beside = Store::beside(report_path);
        if beside.file.exists() {
            return Some(beside);
        }
        let fallback = Store::in_data_dir(report_path, sha256);
        fallback.file.exists().then_some(fallback)
    }

    fn in_data_dir(report_path: &Path, sha256: &str) -> Store {
        let base = crate::record::dirs::data_dir().join("corrections");
        let stem = format!(
            "{}-{}",
            file_name(report_path),
            &sha256[..sha256.len().min(12)]
        );
        Store {
            file: base.join(format!("{stem}.nianbao.json")),
            journal: base.join(format!("{stem}.nianbao.journal")),
            lock: base.join(format!("{stem}.nianbao.lock")),
        }
    }

    pub fn beside(report_path: &Path) -> Store {
        let dir = report_path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let name = file_name(report_path);
        Store {
            file: dir.join(format!("{name}.nianbao.json")),
            journal: dir.join(format!("{name}.nianbao.journal")),
            lock: dir.join(format!("{name}.nianbao.lock")),
        }
    }

    /// The saved trail, or an empty one; a damaged file is an error naming it.
    pub fn load_saved(&self) -> Result<Vec<Entry>, String> {
        if !self.file.exists() {
            return Ok(Vec::new());
        }
        let text = fs::read_to_string(&self.file)
            .map_err(|e| format!("{}: cannot read: {e}", self.file.display()))?;
        let f: CorrectionsFile = serde_json::from_str(&text).map_err(|e| {
            format!("{}: not a corrections file (line {}, column {}: {e}); move it aside to start afresh", self.file.display(), e.line(), e.column())
        })?;
        if f.schema != 1 {
            return Err(format!(
                "{}: corrections schema {} is not supported (this nianbao reads schema 1)",
                self.file.display(),
                f.schema
            ));
        }
        Ok(f.trail)
    }

    /// Journal entries written after the saved trail (edits of a session that ended
    /// before writing). A torn last line from a crash is ignored.
    pub fn load_journal(&self, after_seq: u64) -> Vec<Entry> {
        let Ok(f) = File::open(&self.journal) else {
            return Vec::new();
        };
        BufReader::new(f)
            .lines()
            .map_while(Result::ok)
            .filter_map(|l| serde_json::from_str::<Entry>(&l).ok())
            .filter(|e| e.seq > after_seq)
            .collect()
    }

    /// Appends one entry to the journal and syncs it to disk.
    pub fn journal_append(&self, e: &Entry) -> Result<(), String> {
        if let Some(d) = self.journal.parent() {
            let _ = fs::create_dir_all(d);
        }
        let mut f = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.journal)
            .map_err(|e| format!("{}: {e}", self.journal.display()))?;
        let line = serde_json::to_string(e).unwrap() + "\n";
        f.write_all(line.as_bytes())
            .and_then(|_| f.sync_data())
            .map_err(|e| format!("{}: {e}", self.journal.display()))
    }

    /// Writes the whole trail atomically, then empties the journal.
    pub fn save(&self, report: &Report, trail: &[Entry]) -> Result<(), String> {
        let dir = self
            .file
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let _ = fs::create_dir_all(&dir);
        let body = CorrectionsFile {
            schema: 1,
            report: ReportRef {
                path: report.source.path.clone(),
                sha256: report.source.sha256.clone(),
            },
            trail: trail.to_vec(),
        };
        let text = serde_json::to_string_pretty(&body).unwrap() + "\n";
        let tmp = self
            .file
            .with_extension(format!("json.tmp{}", std::process::id()));
        let write = || -> std::io::Result<()> {
            let mut f = File::create(&tmp)?;
            f.write_all(text.as_bytes())?;
            f.sync_all()?;
            fs::rename(&tmp, &self.file)?;
            if let Ok(d) = File::open(&dir) {
                let _ = d.sync_all();
            }
            Ok(())
        };
        write().map_err(|e| {
            let _ = fs::remove_file(&tmp);
            format!("{}: cannot write: {e}", self.file.display())
        })?;
        let _ = fs::remove_file(&self.journal);
        Ok(())
    }

    /// Takes the review lock; `Err` names the holder when another live session has it.
    pub fn lock(&self) -> Result<(), String> {
        if let Some(d) = self.lock.parent() {
            let _ = fs::create_dir_all(d);
        }
        for _ in 0..2 {
            match OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&self.lock)
            {
                Ok(mut f) => {
                    let _ = writeln!(f, "{} {}", std::process::id(), reviewer());
                    return Ok(());
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let holder = fs::read_to_string(&self.lock).unwrap_or_default();
                    let pid: Option<u32> = holder
                        .split_whitespace()
                        .next()
                        .and_then(|p| p.parse().ok());
                    if pid.is_some_and(process_alive) {
                        return Err(format!(
                            "another review session ({}) has this report open: opened read-only",
                            holder.trim()
                        ));
                    }
                    // the holder is gone: a stale lock from a killed session
                    let _ = fs::remove_file(&self.lock);
                }
                Err(e) => {
                    return Err(format!(
                        "{}: cannot take the lock: {e}; opened read-only",
                        self.lock.display()
                    ))
                }
            }
        }
        Err(format!(
            "{}: cannot take the lock; opened read-only",
            self.lock.display()
        ))
    }

    pub fn unlock(&self) {
        let _ = fs::remove_file(&self.lock);
    }
}

fn process_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    Path::new("/proc").exists() && Path::new(&format!("/proc/{pid}")).exists()
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".into())
}

fn dir_writable(dir: &Path) -> bool {
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let probe = dir.join(format!(".nianbao-probe-{}", std::process::id()));
    match File::create(&probe) {
        Ok(_) => {
            let _ = fs::remove_file(&probe);
            true
        }
        Err(_) => false,
    }
}

/// The login user, for the trail.
pub fn reviewer() -> String {
    ["NIANBAO_REVIEWER", "USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
        .or_else(login_from_passwd)
        .unwrap_or_else(|| "unknown".into())
}

/// The name of this process's user from /etc/passwd (no environment under some sshd
/// and tmux set-ups).
fn login_from_passwd() -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let uid = fs::metadata("/proc/self").ok()?.uid();
    let passwd = fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|l| {
        let f: Vec<&str> = l.split(':').collect();
        (f.len() > 2 && f[2].parse() == Ok(uid)).then(|| f[0].to_string())
    })
}

/// Now as RFC 3339 UTC, without a date crate.
pub fn now_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // civil from days (Howard Hinnant)
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

/// Applies a trail to a freshly read report: each cell takes the `new` of its last
/// entry. Returns how many cells end up corrected; unknown cells are an error.
pub fn apply(report: &mut Report, trail: &[Entry], source: &Path) -> Result<usize, String> {
    let original: Vec<(Option<Num>, Origin)> =
        report.cells.iter().map(|c| (c.value, c.origin)).collect();
    for e in trail {
        let Some(i) = report.cell_index(&e.cell) else {
            return Err(format!(
                "{}: entry {} names cell {} which this report does not have",
                source.display(),
                e.seq,
                e.cell
            ));
        };
        let v = match &e.new {
            None => None,
            Some(s) => Some(Num::parse(s).ok_or_else(|| {
                format!(
                    "{}: entry {}: \"{s}\" is not a number",
                    source.display(),
                    e.seq
                )
            })?),
        };
        report.cells[i].value = v;
    }
    let mut n = 0;
    for (i, c) in report.cells.iter_mut().enumerate() {
        if !trail.iter().any(|e| e.cell == c.key) {
            continue;
        }
        if c.value == original[i].0 {
            // undone back to what the text gives: the cell is as read (or inferred) again
            c.origin = original[i].1;
        } else {
            c.origin = Origin::Corrected;
            n += 1;
        }
    }
    Ok(n)
}

/// Loads and applies the saved corrections for `check` and `export`.
pub fn apply_saved(path: &Path, report: &mut Report) -> Result<usize, String> {
    let Some(store) = Store::find_saved(path, &report.source.sha256) else {
        return Ok(0);
    };
    let trail = store.load_saved()?;
    if trail.is_empty() {
        return Ok(0);
    }
    apply(report, &trail, &store.file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_rfc3339() {
        let t = now_utc();
        assert_eq!(t.len(), 20);
        assert!(t.starts_with("20") && t.ends_with('Z') && t.as_bytes()[10] == b'T');
    }
}
