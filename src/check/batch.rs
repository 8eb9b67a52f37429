//! Checking many reports: gathering files from paths, reading and checking them in
//! parallel, in a stable order.

use crate::input::{InputError, InputErrorKind};
use crate::model::{Finding, Report, Severity};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// One input's outcome: a checked report, or why it could not be read.
pub enum Outcome {
    Checked {
        report: Box<Report>,
        findings: Vec<Finding>,
    },
    Unreadable(InputError),
}

impl Outcome {
    pub fn has_errors(&self) -> bool {
        matches!(self, Outcome::Checked { findings, .. } if findings.iter().any(|f| f.severity == Severity::Error))
    }
}

/// Corrections (or nothing) applied to a report before the rules; an error names the
/// corrections file and what is wrong with it.
pub type Prepare = dyn Fn(&Path, &mut Report) -> Result<(), String> + Sync;

/// Files named, and the files under directories named (recursively, sorted).
/// Hidden files, corrections files and gold files are skipped inside directories.
pub fn gather(paths: &[PathBuf]) -> Vec<Result<PathBuf, InputError>> {
    let mut out = Vec::new();
    for p in paths {
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => walk(p, &mut out),
            Ok(_) => out.push(Ok(p.clone())),
            Err(e) => out.push(Err(InputError::io(p, &e))),
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<Result<PathBuf, InputError>>) {
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            out.push(Err(InputError::io(dir, &e)));
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

/// Reads a report and applies `prepare` (corrections) to it, without checking it.
pub fn load(path: &Path, prepare: &Prepare) -> Result<Report, InputError> {
    let mut report = crate::input::open_report(path)?;
    prepare(path, &mut report)
        .map_err(|why| InputError::new(path, InputErrorKind::Corrections(why)))?;
    Ok(report)
}

/// Reads and checks one file, applying `prepare` (corrections) before the rules.
pub fn check_file(path: &Path, prepare: &Prepare) -> Outcome {
    match load(path, prepare) {
        Ok(report) => {
            let findings = crate::check::rules::check(&report);
            Outcome::Checked {
                report: Box::new(report),
                findings,
            }
        }
        Err(e) => Outcome::Unreadable(e),
    }
}

/// Checks every input in parallel; `progress` is called once per file done.
pub fn check_all(
    inputs: &[Result<PathBuf, InputError>],
    prepare: &Prepare,
    progress: &(dyn Fn() + Sync),
) -> Vec<Outcome> {
    inputs
        .par_iter()
        .map(|i| {
            let o = match i {
                Ok(p) => check_file(p, prepare),
                Err(e) => Outcome::Unreadable(e.clone()),
            };
            progress();
            o
        })
        .collect()
}
