//! `--prior auto`: the same agency's report of the year before, in the report's own
//! folder. Each folder is listed and each candidate in it read once per run, however
//! many reports look their prior up there.

use crate::check::diff::same_agency;
use crate::input::{InputError, InputErrorKind};
use crate::model::Report;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A readable report in a folder, with whose and which year it is.
struct Candidate {
    path: PathBuf,
    agency: Option<String>,
    year: Option<i32>,
}

/// The reports of the folders looked in so far, by folder.
#[derive(Default)]
pub struct PriorIndex {
    folders: HashMap<PathBuf, Result<Vec<Candidate>, String>>,
}

impl PriorIndex {
    pub fn new() -> PriorIndex {
        PriorIndex::default()
    }

    /// The prior of the report read from `current_path`: the one report in its folder
    /// of the same agency (named with or without the level above) and the year before.
    pub fn find(&mut self, current_path: &Path, current: &Report) -> Result<PathBuf, InputError> {
        let (agency, year) = (current.meta.agency.as_deref(), current.meta.year);
        self.find_for(current_path, agency, year)
    }

    /// An index of reports already read (a folder in review): each folder met here is
    /// taken as known, so [`PriorIndex::find_for`] reads nothing again.
    pub fn of_known<'a>(
        reports: impl IntoIterator<Item = (&'a Path, Option<&'a str>, Option<i32>)>,
    ) -> PriorIndex {
        let mut index = PriorIndex::new();
        for (path, agency, year) in reports {
            let folder = index
                .folders
                .entry(folder_of(path))
                .or_insert(Ok(Vec::new()));
            if let Ok(v) = folder {
                v.push(Candidate {
                    path: path.to_path_buf(),
                    agency: agency.map(str::to_string),
                    year,
                });
            }
        }
        index
    }

    /// [`PriorIndex::find`] by the agency and year of the report at `current_path`.
    pub fn find_for(
        &mut self,
        current_path: &Path,
        agency: Option<&str>,
        year: Option<i32>,
    ) -> Result<PathBuf, InputError> {
        let err = |kind| InputError::new(current_path, kind);
        let (Some(agency), Some(year)) = (agency, year) else {
            return Err(err(InputErrorKind::PriorUnknown));
        };
        let dir = folder_of(current_path);
        let candidates = self
            .folders
            .entry(dir.clone())
            .or_insert_with(|| candidates_in(&dir))
            .as_ref()
            .map_err(|reason| {
                err(InputErrorKind::PriorFolder {
                    dir: dir.clone(),
                    reason: reason.clone(),
                })
            })?;
        let mut found: Vec<PathBuf> = candidates
            .iter()
            .filter(|c| c.year == Some(year - 1))
            .filter(|c| c.path != current_path)
            .filter(|c| c.agency.as_deref().is_some_and(|a| same_agency(a, agency)))
            .map(|c| c.path.clone())
            .collect();
        let (agency, year) = (agency.to_string(), year - 1);
        match found.len() {
            0 => Err(err(InputErrorKind::NoPrior { agency, year, dir })),
            1 => Ok(found.remove(0)),
            _ => Err(err(InputErrorKind::ManyPriors {
                agency,
                year,
                dir,
                found,
            })),
        }
    }
}

/// The folder a report is in (`.` for a bare file name).
fn folder_of(path: &Path) -> PathBuf {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf()
}

/// Whether a file in a folder could be a report: not hidden, not nianbao's own
/// corrections or journal, not JSON.
fn may_be_report(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    !(name.starts_with('.') || name.contains(".nianbao.") || name.ends_with(".json"))
}

/// The readable reports of a folder, in path order (read in parallel); unreadable files
/// are left out, as they cannot be anyone's prior.
fn candidates_in(dir: &Path) -> Result<Vec<Candidate>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| crate::input::io_reason(&e))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && may_be_report(p))
        .collect();
    paths.sort();
    Ok(paths
        .into_par_iter()
        .filter_map(|path| {
            let r = crate::input::open_report(&path).ok()?;
            Some(Candidate {
                path,
                agency: r.meta.agency,
                year: r.meta.year,
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEMO: &str = include_str!("../demo/demo-2023.txt");

    /// The lookup as it was before the index: the folder listed and every file read
    /// again for each report.
    fn find_by_scan(current_path: &Path, current: &Report) -> Option<PathBuf> {
        let (agency, year) = (current.meta.agency.as_deref()?, current.meta.year?);
        let mut paths: Vec<PathBuf> = std::fs::read_dir(folder_of(current_path))
            .ok()?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .collect();
        paths.sort();
        let found: Vec<PathBuf> = paths
            .into_iter()
            .filter(|p| p != current_path && may_be_report(p))
            .filter(|p| {
                let bytes = std::fs::read(p).unwrap();
                crate::read::read_bytes("x", &bytes).is_ok_and(|r| {
                    r.meta
                        .agency
                        .as_deref()
                        .is_some_and(|a| same_agency(a, agency))
                        && r.meta.year == Some(year - 1)
                })
            })
            .collect();
        (found.len() == 1).then(|| found[0].clone())
    }

    fn report(agency: &str, year: i32) -> String {
        DEMO.replace("2023", &year.to_string())
            .replace("示范街道办事处", agency)
    }

    #[test]
    fn the_index_picks_the_prior_the_folder_scan_picked() {
        let dir = std::env::temp_dir().join(format!("nianbao-prior-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let files = [
            ("a-2021.txt", report("示范街道办事处", 2021)),
            ("a-2022.txt", report("示范街道办事处", 2022)),
            ("a-2023.txt", report("示范街道办事处", 2023)),
            ("b-2022.txt", report("淮安市洪泽区人民政府", 2022)),
            ("b-2023.txt", report("洪泽区人民政府", 2023)),
            ("c-2022-1.txt", report("样板镇人民政府", 2022)),
            ("c-2022-2.txt", report("样板镇人民政府", 2022)),
            ("c-2023.txt", report("样板镇人民政府", 2023)),
            ("d-2020.txt", report("其他局", 2020)),
            ("a.nianbao.json", "{}".to_string()),
            ("empty.txt", String::new()),
        ];
        for (name, text) in &files {
            std::fs::write(dir.join(name), text).unwrap();
        }
        let mut index = PriorIndex::new();
        let mut found = 0;
        for (name, _) in files.iter().filter(|(n, _)| n.ends_with(".txt")) {
            let path = dir.join(name);
            let Ok(current) = crate::input::open_report(&path) else {
                continue;
            };
            let by_index = index.find(&path, &current).ok();
            assert_eq!(by_index, find_by_scan(&path, &current), "{name}");
            found += usize::from(by_index.is_some());
        }
        assert_eq!(found, 3, "a-2022, a-2023 and b-2023 have one prior each");
        // an index of the reports already read (folder review) picks the same, reading nothing
        let read: Vec<(PathBuf, Report)> = files
            .iter()
            .map(|(n, _)| dir.join(n))
            .filter_map(|p| crate::input::open_report(&p).ok().map(|r| (p, r)))
            .filter(|(p, _)| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        let mut known = PriorIndex::of_known(
            read.iter()
                .map(|(p, r)| (p.as_path(), r.meta.agency.as_deref(), r.meta.year)),
        );
        for (p, r) in &read {
            let by_known = known.find_for(p, r.meta.agency.as_deref(), r.meta.year);
            assert_eq!(by_known.ok(), find_by_scan(p, r), "{}", p.display());
        }
        let c = crate::input::open_report(&dir.join("c-2023.txt")).unwrap();
        let e = index.find(&dir.join("c-2023.txt"), &c).unwrap_err();
        assert!(matches!(e.kind, InputErrorKind::ManyPriors { ref found, .. } if found.len() == 2));
        assert_eq!(
            index
                .find(
                    &dir.join("b-2023.txt"),
                    &crate::input::open_report(&dir.join("b-2023.txt")).unwrap()
                )
                .unwrap(),
            dir.join("b-2022.txt")
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
