//! Checking many reports: gathering files from paths, reading and checking them in
//! parallel, in a stable order.

use crate::input::{InputError, InputErrorKind};
use crate::model::{Finding, Origin, Report};
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
        matches!(self, Outcome::Checked { findings, .. } if findings.iter().any(super::dispose::counts))
    }
}

/// Corrections (or nothing) applied to a report before the rules; an error names the
/// corrections file and what is wrong with it.
pub type Prepare = dyn Fn(&Path, &mut Report) -> Result<(), String> + Sync;

/// The extensions of the files a folder's walk takes as reports (compared without
/// case): plain text and the documents the reader knows. Any other file in a folder
/// (notes, spreadsheets exported as .tsv, JSON, images) is skipped, not read as a report;
/// a file named on the command line is read whatever its name.
pub const REPORT_EXTENSIONS: &[&str] = &["txt", "text", "html", "htm", "docx", "pdf"];

/// Whether a file found in a folder is taken as a report: a report's extension, and
/// none of nianbao's own files (`NAME.nianbao.json`, `.journal`, `.lock` and their save
/// temporaries `NAME.nianbao.json.tmpPID`), gold files or hidden files.
pub fn is_report_name(name: &str) -> bool {
    if name.starts_with('.') || name.contains(".nianbao.") || name.ends_with(".gold.json") {
        return false;
    }
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    ext.is_some_and(|e| REPORT_EXTENSIONS.contains(&e.as_str()))
}

/// A file's identity on its device, so a file reached twice (through a symbolic link
/// or a hard link) is read once and a linked folder is walked once.
#[cfg(unix)]
fn identity(m: &std::fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn identity(_: &std::fs::Metadata) -> Option<(u64, u64)> {
    None
}

/// What a walk has seen: files and folders by identity (or canonical path where the
/// system gives no identity).
#[derive(Default)]
struct Seen {
    ids: std::collections::HashSet<(u64, u64)>,
    paths: std::collections::HashSet<PathBuf>,
}

impl Seen {
    /// True the first time this file or folder is met.
    fn first(&mut self, path: &Path, m: &std::fs::Metadata) -> bool {
        match identity(m) {
            Some(id) => self.ids.insert(id),
            None => self
                .paths
                .insert(std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())),
        }
    }
}

/// Files named, and the report files under directories named (recursively, sorted).
/// Inside directories, only regular files with a report's extension are taken
/// ([`is_report_name`]); devices, pipes and sockets are skipped, and symbolic links are
/// followed but no folder is walked twice and no file taken twice, so a link to `.`
/// cannot loop. A path named is taken whatever its name; one that is not a regular file
/// is refused when it is read ([`crate::input::read_file`]).
pub fn gather(paths: &[PathBuf]) -> Vec<Result<PathBuf, InputError>> {
    let mut out = Vec::new();
    let mut seen = Seen::default();
    for p in paths {
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => {
                if seen.first(p, &m) {
                    walk(p, &mut seen, &mut out);
                }
            }
            Ok(m) => {
                if !m.is_file() || seen.first(p, &m) {
                    out.push(Ok(p.clone()));
                }
            }
            Err(e) => out.push(Err(InputError::io(p, &e))),
        }
    }
    out
}

fn walk(dir: &Path, seen: &mut Seen, out: &mut Vec<Result<PathBuf, InputError>>) {
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            out.push(Err(InputError::io(dir, &e)));
            return;
        }
    };
    entries.sort();
    for p in entries {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        // a dangling link or a file gone since the listing: nothing to read
        let Ok(m) = std::fs::metadata(&p) else {
            continue;
        };
        if m.is_dir() {
            if seen.first(&p, &m) {
                walk(&p, seen, out);
            }
        } else if m.is_file() && is_report_name(&name) && seen.first(&p, &m) {
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

/// Reads and checks one file, applying `prepare` (corrections) before the rules and
/// the reviewer's dispositions to the findings ([`super::dispose`]). A
/// fault in reading or checking it (a panic) makes this file unreadable, with the
/// reason; the other files of the batch are checked as usual.
pub fn check_file(path: &Path, prepare: &Prepare) -> Outcome {
    let checked = load(path, prepare).and_then(|report| {
        let findings = crate::input::guarded(path, || {
            let mut findings = crate::check::rules::check(&report);
            super::dispose::apply(&report, &mut findings, false);
            findings
        })?;
        Ok((report, findings))
    });
    match checked {
        Ok((report, findings)) => Outcome::Checked {
            report: Box::new(report),
            findings,
        },
        Err(e) => Outcome::Unreadable(e),
    }
}

/// How much a batch read: reports read in full (a national format, every cell found),
/// read with cells missing, read but in no national format, and files not read at all.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub reports: usize,
    pub read_in_full: usize,
    pub cells_missing: usize,
    pub no_national_format: usize,
    pub unreadable: usize,
    pub with_errors: usize,
}

impl Summary {
    pub fn of(outcomes: &[Outcome]) -> Summary {
        let mut s = Summary {
            reports: outcomes.len(),
            ..Summary::default()
        };
        for o in outcomes {
            s.with_errors += usize::from(o.has_errors());
            match o {
                Outcome::Unreadable(_) => s.unreadable += 1,
                Outcome::Checked { report, .. } if report.meta.template.is_none() => {
                    s.no_national_format += 1
                }
                Outcome::Checked { report, .. } => {
                    if report.cells.iter().any(|c| c.origin == Origin::Missing) {
                        s.cells_missing += 1
                    } else {
                        s.read_in_full += 1
                    }
                }
            }
        }
        s
    }
}

/// What a batch says it read, in the reviewer's language.
pub mod says {
    crate::messages! {
        SUMMARY = "{reports} reports checked, {errors} with errors: {full} read in full, {missing} with cells missing, {none} not in a national format, {unreadable} unreadable"
            / "共检查 {reports} 份报告，{errors} 份有错误：完整读取 {full} 份，有单元格缺失 {missing} 份，非国家格式 {none} 份，无法读取 {unreadable} 份",
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn both_languages_have_the_same_placeholders() {
            crate::lang::assert_catalogue(super::ALL);
        }
    }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let args: [(&str, &dyn std::fmt::Display); 6] = [
            ("reports", &self.reports),
            ("errors", &self.with_errors),
            ("full", &self.read_in_full),
            ("missing", &self.cells_missing),
            ("none", &self.no_national_format),
            ("unreadable", &self.unreadable),
        ];
        f.write_str(&says::SUMMARY.fill(&args))
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
