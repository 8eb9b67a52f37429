//! A reviewer's dispositions applied to a report's findings: each confirmed or
//! dismissed finding carries its disposition (a dismissed error no longer counts), and a
//! disposition whose finding is gone is said by a `DISPOSITION-STALE` warning unless a
//! correction of the finding's cells explains why. The one place `check`, `export`,
//! `memo` and the review screen apply them.

use super::rules::{rule, say, says};
use crate::model::{Disposed, Disposition, Finding, Origin, Report, Severity};

const STALE: &str = "DISPOSITION-STALE";

/// The rules that need last year's report: their findings exist only when it is given.
fn cross_year(rule: &str) -> bool {
    rule.starts_with("YOY-") || rule == "TEXT-COPIED"
}

/// The rule and cells a finding's key names (see [`Finding::key`]).
fn parts(key: &str) -> (&str, Vec<&str>) {
    match key.split_once(':') {
        Some((r, cells)) => (r, cells.split(',').collect()),
        None => (key.split('@').next().unwrap_or(key), Vec::new()),
    }
}

/// Sets each finding's disposition from `report.marks` (again: an earlier call's are
/// replaced), and says which dispositions no longer have their finding. `cross_year`:
/// the cross-year rules ran (else their dispositions are left unsaid).
pub fn apply(report: &Report, findings: &mut Vec<Finding>, cross_year_run: bool) {
    findings.retain(|f| f.rule != STALE);
    for f in findings.iter_mut() {
        f.disposed = None;
    }
    for (key, d) in &report.marks.dispositions {
        let mut found = false;
        for f in findings.iter_mut().filter(|f| f.key() == *key) {
            f.disposed = Some(d.clone());
            found = true;
        }
        let (rule_id, cells) = parts(key);
        let corrected = cells.iter().any(|c| {
            report
                .cell(c)
                .is_some_and(|c| c.origin == Origin::Corrected)
        });
        if found || corrected || (cross_year(rule_id) && !cross_year_run) {
            continue;
        }
        findings.push(stale(report, key, &cells, d));
    }
}

fn stale(report: &Report, key: &str, cells: &[&str], d: &Disposed) -> Finding {
    let template = match d.disposition {
        Disposition::Confirmed => says::CONFIRMED_STALE,
        Disposition::Dismissed => says::DISMISSED_STALE,
    };
    let args: [(&str, &dyn std::fmt::Display); 4] = [
        ("finding", &key),
        ("reviewer", &d.reviewer),
        ("time", &d.time),
        ("reason", &d.reason),
    ];
    let severity = rule(STALE).map_or(Severity::Warning, |r| r.severity);
    let known: Vec<String> = cells
        .iter()
        .filter(|c| report.cell(c).is_some())
        .map(|c| c.to_string())
        .collect();
    let line = known
        .iter()
        .find_map(|c| report.cell(c).and_then(|c| c.line));
    Finding::new(STALE, severity, say(template, &args))
        .cells(known)
        .at_line(line)
}

/// Errors that count: not dismissed.
pub fn counts(f: &Finding) -> bool {
    f.severity == Severity::Error
        && f.disposed
            .as_ref()
            .is_none_or(|d| d.disposition != Disposition::Dismissed)
}

/// Whether a reviewer dismissed the finding.
pub fn dismissed(f: &Finding) -> bool {
    f.disposed
        .as_ref()
        .is_some_and(|d| d.disposition == Disposition::Dismissed)
}
