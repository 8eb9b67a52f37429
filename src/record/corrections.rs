//! Corrections: a reviewer's changes to cell values, with the audit trail.
//!
//! Every edit is first appended to a journal (`NAME.nianbao.journal`, one framed line
//! each, fsynced: see [`super::journal`]) so a killed process or a dropped SSH link loses
//! nothing; writing saves the whole trail to `NAME.nianbao.json` atomically (temporary
//! file, fsync, rename). Undo and redo are new entries, never deletions. Only the holder
//! of the review lock ([`Writer`]) writes or removes either file. The files sit beside
//! the report, or in the user's data directory, filed by the report's path, when that
//! folder is read-only. Each entry records the sha256 of the report it corrected, so a
//! correction is applied only to the text it was made on ([`super::bind`]).

use super::journal::{self, Skipped};
use super::lock::{self, Lock};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The corrections file's schema: 2 adds `kind` and `sha256` to entries; 1 is read too.
pub const SCHEMA: u32 = 2;

mod says {
    pub const NOT_A_FILE: &str = "not a corrections file";
    pub const MOVE_ASIDE: &str = "move it aside to start afresh";
    pub const SCHEMA: &str =
        "corrections schema {schema} is not supported (this nianbao reads 1 and 2)";
}

/// What an entry of the trail records. Every kind follows one rule: an entry's `new` is
/// the state its subject (`cell`) has after it, so the last entry of a subject is its
/// state, and undo/redo write the state they restore.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// `cell` is a cell key; `old`/`new` its values.
    #[default]
    Correction,
    /// `cell` is a finding's key ([`crate::model::Finding::key`]); `new` is `confirmed`,
    /// `dismissed` or null (no disposition), `reason` why.
    Disposition,
    /// `cell` is a cell key; `new` is the note's text, or null when removed.
    Note,
    /// `cell` is empty (the report); `new` is `reviewed`, `signed_off` or null.
    Review,
}

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
    /// Absent in files of schema 1: a correction.
    #[serde(default)]
    pub kind: Kind,
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
    /// The sha256 of the report the entry was made on (schema 2; for older entries the
    /// file's `report.sha256` is taken).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
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
    /// In the data directory because the report's folder is read-only.
    pub fallback: bool,
}

/// A report's trail as found on disk: the saved entries, then the journal's later ones.
#[derive(Debug, Clone, Default)]
pub struct Restored {
    pub trail: Vec<Entry>,
    /// The last `seq` in the corrections file (0 without one).
    pub saved_seq: u64,
    /// How many entries came from the journal (not yet written to the file).
    pub from_journal: usize,
    /// Journal lines that were skipped.
    pub skipped: Vec<Skipped>,
}

impl Store {
    /// Beside the report when its folder is writable (or already holds its
    /// corrections), else in the data directory, filed by the report's path.
    pub fn for_report(report_path: &Path) -> Store {
        let beside = Store::beside(report_path);
        let has = beside.file.exists() || beside.journal.exists();
        if has || dir_writable(report_path.parent().unwrap_or(Path::new("."))) {
            return beside;
        }
        Store::by_path(report_path)
    }

    /// Where a report's corrections are, if it has any (a file or a journal): beside
    /// it, or in the data directory by its path, or where versions before 0.2 filed
    /// them (by its hash). Looks, never writes (a `check` of thousands of reports
    /// must not probe each folder).
    pub fn find(report_path: &Path, sha256: &str) -> Option<Store> {
        [
            Store::beside(report_path),
            Store::by_path(report_path),
            Store::by_hash(report_path, sha256),
        ]
        .into_iter()
        .find(|s| s.file.exists() || s.journal.exists())
    }

    fn in_data_dir(stem: String) -> Store {
        let base = crate::record::dirs::data_dir().join("corrections");
        Store {
            file: base.join(format!("{stem}.nianbao.json")),
            journal: base.join(format!("{stem}.nianbao.journal")),
            lock: base.join(format!("{stem}.nianbao.lock")),
            fallback: true,
        }
    }

    /// In the data directory, by the report's absolute path: found again after the
    /// report changes.
    fn by_path(report_path: &Path) -> Store {
        let abs = fs::canonicalize(report_path)
            .or_else(|_| std::path::absolute(report_path))
            .unwrap_or_else(|_| report_path.to_path_buf());
        let d = Sha256::digest(abs.as_os_str().as_encoded_bytes());
        let h: String = d.iter().take(8).map(|b| format!("{b:02x}")).collect();
        Store::in_data_dir(format!("{}-p{h}", file_name(report_path)))
    }

    /// Where versions that filed by the report's hash put them.
    fn by_hash(report_path: &Path, sha256: &str) -> Store {
        let h = &sha256[..sha256.len().min(12)];
        Store::in_data_dir(format!("{}-{h}", file_name(report_path)))
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
            fallback: false,
        }
    }

    /// The saved trail (each entry with the sha256 it was made on), or an empty one; a
    /// damaged file is an error naming it.
    pub fn load_saved(&self) -> Result<Vec<Entry>, String> {
        let text = match fs::read_to_string(&self.file) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(format!("{}: cannot read: {e}", self.file.display())),
        };
        let f: CorrectionsFile = serde_json::from_str(&text).map_err(|e| {
            let (l, c) = (e.line(), e.column());
            let (what, aside) = (says::NOT_A_FILE, says::MOVE_ASIDE);
            format!(
                "{}: {what} (line {l}, column {c}: {e}); {aside}",
                self.file.display()
            )
        })?;
        if !(1..=SCHEMA).contains(&f.schema) {
            let why = says::SCHEMA.replace("{schema}", &f.schema.to_string());
            return Err(format!("{}: {why}", self.file.display()));
        }
        let mut trail = f.trail;
        for e in &mut trail {
            e.sha256.get_or_insert_with(|| f.report.sha256.clone());
        }
        Ok(trail)
    }

    /// The saved trail and the journal's entries after it (edits of a session that
    /// ended before writing), with the journal lines skipped; journal entries of an
    /// earlier version take the saved file's sha256.
    pub fn restore(&self) -> Result<Restored, String> {
        let mut trail = self.load_saved()?;
        let saved_seq = trail.last().map_or(0, |e| e.seq);
        let file_sha = trail.last().and_then(|e| e.sha256.clone());
        let (entries, skipped) = journal::read(&self.journal)?;
        let mut from_journal = 0;
        for mut e in entries.into_iter().filter(|e| e.seq > saved_seq) {
            if e.sha256.is_none() {
                e.sha256 = file_sha.clone();
            }
            trail.push(e);
            from_journal += 1;
        }
        Ok(Restored {
            trail,
            saved_seq,
            from_journal,
            skipped,
        })
    }

    /// Takes the review lock: the [`Writer`] of this store, or why this session may
    /// only read.
    pub fn writer(&self) -> Result<Writer, String> {
        let lock = lock::take(&self.lock, &reviewer())?;
        Ok(Writer {
            store: self.clone(),
            lock,
        })
    }
}

/// The one session that may write a report's corrections: it holds the review lock
/// for its life.
#[derive(Debug)]
pub struct Writer {
    store: Store,
    lock: Lock,
}

impl Writer {
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Who held the lock before, when a session ended without releasing it.
    pub fn taken_over(&self) -> Option<&str> {
        self.lock.taken_over.as_deref()
    }

    /// Appends one entry to the journal and syncs it to disk.
    pub fn append(&self, e: &Entry) -> Result<(), String> {
        journal::append(&self.store.journal, e)
    }

    /// Writes the whole trail atomically, then removes the journal.
    pub fn save(&self, report: &crate::model::Report, trail: &[Entry]) -> Result<(), String> {
        let file = &self.store.file;
        let dir = file.parent().map(Path::to_path_buf).unwrap_or_default();
        let _ = fs::create_dir_all(&dir);
        let body = CorrectionsFile {
            schema: SCHEMA,
            report: ReportRef {
                path: report.source.path.clone(),
                sha256: report.source.sha256.clone(),
            },
            trail: trail.to_vec(),
        };
        let text = serde_json::to_string_pretty(&body).map_err(|e| e.to_string())? + "\n";
        let tmp = file.with_extension(format!("json.tmp{}", std::process::id()));
        let write = || -> std::io::Result<()> {
            let mut f = File::create(&tmp)?;
            f.write_all(text.as_bytes())?;
            f.sync_all()?;
            fs::rename(&tmp, file)?;
            if let Ok(d) = File::open(&dir) {
                let _ = d.sync_all();
            }
            Ok(())
        };
        write().map_err(|e| {
            let _ = fs::remove_file(&tmp);
            format!("{}: cannot write: {e}", file.display())
        })?;
        let _ = fs::remove_file(&self.store.journal);
        Ok(())
    }
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

/// The skipped journal lines as notes for [`super::bind::apply`]: the journal, and the
/// line with what is wrong with it.
pub fn skipped_notes(store: &Store, skipped: &[Skipped]) -> Vec<(String, String)> {
    let journal = store.journal.display().to_string();
    skipped
        .iter()
        .map(|s| (journal.clone(), format!("line {}: {}", s.line, s.why)))
        .collect()
}

/// Loads and applies a report's corrections for `check` and `export`: the corrections
/// file and the journal's unwritten entries, exactly as the review screen restores
/// them (see [`super::bind`]), with the trail's dispositions, notes and review marks
/// ([`super::marks`]). Returns how many cells the trail corrects.
pub fn apply_saved(path: &Path, report: &mut crate::model::Report) -> Result<usize, String> {
    let Some(store) = Store::find(path, &report.source.sha256) else {
        return Ok(0);
    };
    let r = store.restore()?;
    let notes = skipped_notes(&store, &r.skipped);
    let source = store.file.display().to_string();
    super::bind::apply(report, &r.trail, &notes, &source);
    report.marks = super::marks::marks(&r.trail);
    report.corrections.entries = r.trail.len();
    report.corrections.from_journal = r.from_journal;
    Ok(report.corrections.corrected)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("nianbao-corr-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn files_of_schema_1_are_read_and_saving_writes_kind_and_sha256() {
        let d = tmp("schema");
        let p = d.join("r.txt");
        fs::write(&p, "x").unwrap();
        let store = Store::beside(&p);
        let v1 = r#"{"schema":1,"report":{"path":"r.txt","sha256":"abc"},"trail":[
            {"seq":1,"action":"set","cell":"t3/new/natural","old":"1","new":"2","reviewer":"a","time":"t"}]}"#;
        fs::write(&store.file, v1).unwrap();
        let trail = store.load_saved().unwrap();
        assert_eq!(trail[0].kind, Kind::Correction);
        assert_eq!(trail[0].sha256.as_deref(), Some("abc"), "the file's sha256");
        let w = store.writer().unwrap();
        let report = crate::read::read_text(
            "r.txt",
            "x".into(),
            crate::input::decode::Encoding::Utf8,
            "abc".into(),
        );
        w.save(&report, &trail).unwrap();
        let saved: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(&store.file).unwrap()).unwrap();
        assert_eq!(saved["schema"], 2);
        assert_eq!(saved["trail"][0]["kind"], "correction");
        assert_eq!(saved["trail"][0]["sha256"], "abc");
        let _ = fs::remove_dir_all(&d);
    }

    #[test]
    fn a_read_only_folders_corrections_are_filed_by_path_and_found_after_a_change() {
        let d = tmp("bypath");
        let p = d.join(format!("fallback-{}.txt", std::process::id()));
        fs::write(&p, "first text").unwrap();
        let s = Store::by_path(&p);
        assert!(s.fallback);
        fs::write(&p, "changed text").unwrap();
        assert_eq!(
            Store::by_path(&p).file,
            s.file,
            "the path, not the content, names it"
        );
        fs::create_dir_all(s.journal.parent().unwrap()).unwrap();
        fs::write(&s.journal, "").unwrap();
        let found = Store::find(&p, "a-new-sha256").expect("found by path");
        assert_eq!(found.journal, s.journal);
        let _ = fs::remove_file(&s.journal);
        let _ = fs::remove_dir_all(&d);
    }

    #[test]
    fn timestamps_are_rfc3339() {
        let t = now_utc();
        assert_eq!(t.len(), 20);
        assert!(t.starts_with("20") && t.ends_with('Z') && t.as_bytes()[10] == b'T');
    }
}
