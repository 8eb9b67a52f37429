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

/// The findings as every count shows them: errors that count, the other findings not
/// dismissed (warnings), and the dismissed.
pub fn tally(findings: &[Finding]) -> (usize, usize, usize) {
    let errors = findings.iter().filter(|f| counts(f)).count();
    let dismissed = findings.iter().filter(|f| dismissed(f)).count();
    (errors, findings.len() - errors - dismissed, dismissed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::marks::Marks;

    const DEMO: &str = include_str!("../demo/demo-2023.txt");

    fn disposed(how: Disposition) -> Disposed {
        Disposed {
            disposition: how,
            reason: "why".into(),
            reviewer: "wang".into(),
            time: "t".into(),
        }
    }

    fn demo_with(keys: &[&str]) -> (Report, Vec<Finding>) {
        let mut r = crate::read::read_text(
            "demo.txt",
            DEMO.into(),
            crate::input::decode::Encoding::Utf8,
            "0".into(),
        );
        let dispositions = keys
            .iter()
            .map(|k| (k.to_string(), disposed(Disposition::Dismissed)))
            .collect();
        r.marks = Marks {
            dispositions,
            ..Marks::default()
        };
        let f = crate::check::rules::check(&r);
        (r, f)
    }

    #[test]
    fn applying_twice_is_applying_once() {
        let (_, f0) = demo_with(&[]);
        let key = f0
            .iter()
            .find(|f| f.severity == Severity::Error)
            .unwrap()
            .key();
        let (r, mut f) = demo_with(&[&key, "T3-TOTAL:t9/none"]);
        apply(&r, &mut f, false);
        apply(&r, &mut f, false);
        let stale = f.iter().filter(|f| f.rule == STALE).count();
        assert_eq!(stale, 1, "said once");
        assert_eq!(f.len(), f0.len() + 1);
        assert!(f.iter().filter(|x| x.key() == key).all(dismissed));
        let errors = |f: &[Finding]| f.iter().filter(|f| counts(f)).count();
        assert!(errors(&f) < errors(&f0), "a dismissed error does not count");
    }

    #[test]
    fn a_cross_year_disposition_is_stale_only_when_those_rules_ran() {
        let (r, mut f) = demo_with(&["YOY-CARRY:t3/carried_in/natural"]);
        apply(&r, &mut f, false);
        assert!(!f.iter().any(|f| f.rule == STALE), "no prior: not checked");
        apply(&r, &mut f, true);
        let s = f
            .iter()
            .find(|f| f.rule == STALE)
            .expect("with a prior: said");
        assert_eq!(s.cells, vec!["t3/carried_in/natural".to_string()]);
        assert_eq!(s.severity, Severity::Warning);
    }
}
