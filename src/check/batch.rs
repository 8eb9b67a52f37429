//! Checking many reports: gathering files from paths, reading and checking them in
//! parallel, in a stable order.

use crate::input::decode::DecodeError;
use crate::model::{Finding, Report, Severity};
use crate::read::read_bytes;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// One input's outcome: a checked report, or why it could not be read.
pub enum Outcome {
    Checked {
        report: Box<Report>,
        findings: Vec<Finding>,
    },
    Unreadable {
        path: PathBuf,
        reason: String,
    },
}

impl Outcome {
    pub fn has_errors(&self) -> bool {
        matches!(self, Outcome::Checked { findings, .. } if findings.iter().any(|f| f.severity == Severity::Error))
    }
}

/// Files named, and the files under directories named (recursively, sorted).
/// Hidden files, corrections files and gold files are skipped inside directories.
pub fn gather(paths: &[PathBuf]) -> Vec<Result<PathBuf, (PathBuf, String)>> {
    let mut out = Vec::new();
    for p in paths {
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => walk(p, &mut out),
            Ok(_) => out.push(Ok(p.clone())),
            Err(e) => out.push(Err((p.clone(), io_reason(&e)))),
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<Result<PathBuf, (PathBuf, String)>>) {
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            out.push(Err((dir.to_path_buf(), io_reason(&e))));
            return;
        }
    };
    entries.sort();
    for p in entries {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.')
            || name.ends_with(".nianbao.json")
            || name.ends_with(".nianbao.journal")
            || name.ends_with(".gold.json")
        {
            continue;
        }
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(Ok(p));
        }
    }
}

pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// The file's bytes, refusing one larger than a report can be before reading it: its
/// size first, then a capped read (a pipe or device reports no size).
fn read_capped(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let max = crate::input::decode::MAX_INPUT_BYTES;
    let file = std::fs::File::open(path).map_err(|e| io_reason(&e))?;
    let size = file.metadata().map_err(|e| io_reason(&e))?.len();
    if size > max as u64 {
        return Err(DecodeError::TooLarge(usize::try_from(size).unwrap_or(usize::MAX)).to_string());
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(max as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_reason(&e))?;
    if bytes.len() > max {
        return Err(DecodeError::TooLarge(bytes.len()).to_string());
    }
    Ok(bytes)
}

/// Reads and checks one file, applying `prepare` (corrections) before the rules.
pub fn check_file(
    path: &Path,
    prepare: &(dyn Fn(&Path, &mut Report) -> Result<(), String> + Sync),
) -> Outcome {
    let bytes = match read_capped(path) {
        Ok(b) => b,
        Err(reason) => {
            return Outcome::Unreadable {
                path: path.to_path_buf(),
                reason,
            }
        }
    };
    match read_bytes(&path.to_string_lossy(), &bytes) {
        Ok(mut report) => {
            if let Err(reason) = prepare(path, &mut report) {
                return Outcome::Unreadable {
                    path: path.to_path_buf(),
                    reason,
                };
            }
            let findings = crate::check::rules::check(&report);
            Outcome::Checked {
                report: Box::new(report),
                findings,
            }
        }
        Err(e) => Outcome::Unreadable {
            path: path.to_path_buf(),
            reason: e.to_string(),
        },
    }
}

/// Checks every input in parallel; `progress` is called once per file done.
pub fn check_all(
    inputs: &[Result<PathBuf, (PathBuf, String)>],
    prepare: &(dyn Fn(&Path, &mut Report) -> Result<(), String> + Sync),
    progress: &(dyn Fn() + Sync),
) -> Vec<Outcome> {
    inputs
        .par_iter()
        .map(|i| {
            let o = match i {
                Ok(p) => check_file(p, prepare),
                Err((p, r)) => Outcome::Unreadable {
                    path: p.clone(),
                    reason: r.clone(),
                },
            };
            progress();
            o
        })
        .collect()
}
