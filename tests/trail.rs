//! Findings confirmed or dismissed, notes on cells, and the review marks, kept in the
//! trail beside corrections: how `check` and `export` apply them (exit statuses,
//! JSON fields, `--original`), a disposition whose finding is gone, and the review
//! state with its second reviewer.

use nianbao::check::batch::{self, Outcome};
use nianbao::model::marks::ReviewState;
use nianbao::model::{Disposition, Finding, Report};
use nianbao::record::corrections::{Act, Entry, Kind, Store};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;
use common::tempdir::TempDir;

/// A 2019 report with two errors, T3-TOTAL and T3-ROWSUM, both fixed by one cell.
const REPORT: &str = "tests/fixtures/corpus/dev/cells-2019-err.txt";
const FIX_CELL: &str = "t3/other/nonprofit";

fn nianbao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("LC_ALL")
        .env("LANG", "C")
        .output()
        .unwrap()
}

fn no_prepare(_: &Path, _: &mut Report) -> Result<(), String> {
    Ok(())
}

/// The report copied into a folder of the test's own.
fn report_in(dir: &TempDir) -> PathBuf {
    dir.file("report.txt", &std::fs::read(REPORT).unwrap())
}

/// The findings of the report as published.
fn findings(path: &Path) -> (Report, Vec<Finding>) {
    match batch::check_file(path, &no_prepare) {
        Outcome::Checked { report, findings } => (*report, findings),
        Outcome::Unreadable(e) => panic!("{e}"),
    }
}

fn entry(seq: u64, kind: Kind, cell: &str, new: Option<&str>, who: &str, why: &str) -> Entry {
    Entry {
        seq,
        kind,
        action: Act::Set,
        of: None,
        cell: cell.to_string(),
        old: None,
        new: new.map(str::to_string),
        reason: why.to_string(),
        reviewer: who.to_string(),
        time: format!("2026-12-05T10:00:{seq:02}Z"),
        sha256: None,
    }
}

/// Writes the trail as the review screen does: the corrections file, saved atomically
/// by the holder of the review lock.
fn save(path: &Path, trail: &[Entry]) {
    let (report, _) = findings(path);
    let mut trail = trail.to_vec();
    for e in &mut trail {
        e.sha256 = Some(report.source.sha256.clone());
    }
    let w = Store::for_report(path).writer().unwrap();
    w.save(&report, &trail).unwrap();
}

/// The keys of the report's errors.
fn error_keys(path: &Path) -> Vec<String> {
    let (_, fs) = findings(path);
    let keys: Vec<String> = fs
        .iter()
        .filter(|f| f.severity == nianbao::Severity::Error)
        .map(Finding::key)
        .collect();
    assert_eq!(keys.len(), 2, "{keys:?}");
    keys
}

fn export(path: &Path, original: bool) -> Value {
    let p = path.to_str().unwrap();
    let mut args = vec!["export", "--format", "json", p];
    if original {
        args.push("--original");
    }
    let out = nianbao(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn check(path: &Path, extra: &[&str]) -> (Option<i32>, String) {
    let mut args = vec!["check", path.to_str().unwrap()];
    args.extend(extra);
    let out = nianbao(&args);
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn dismissing_every_error_makes_check_pass_and_original_ignores_it() {
    let dir = TempDir::new("trail-dismiss");
    let path = report_in(&dir);
    assert_eq!(check(&path, &[]).0, Some(1), "two errors as published");
    let keys = error_keys(&path);
    let trail = [
        entry(
            1,
            Kind::Disposition,
            &keys[0],
            Some("dismissed"),
            "wang",
            "口径不同，已核实",
        ),
        entry(
            2,
            Kind::Disposition,
            &keys[1],
            Some("dismissed"),
            "wang",
            "same cause",
        ),
    ];
    save(&path, &trail);
    let (code, text) = check(&path, &[]);
    assert_eq!(code, Some(0), "dismissed errors do not count:\n{text}");
    assert!(text.contains("0 errors, 3 warnings, 2 dismissed"), "{text}");
    assert!(text.contains("× dismissed by wang"), "{text}");
    assert!(
        text.contains("口径不同，已核实"),
        "the reason is shown:\n{text}"
    );
    let (code, text) = check(&path, &["--original"]);
    assert_eq!(code, Some(1), "--original ignores dispositions:\n{text}");
    assert!(!text.contains("dismissed"), "{text}");

    let json = export(&path, false);
    let fs = json["findings"].as_array().unwrap();
    let dismissed: Vec<&Value> = fs
        .iter()
        .filter(|f| f["disposition"] == "dismissed")
        .collect();
    assert_eq!(dismissed.len(), 2, "kept, marked dismissed");
    assert_eq!(dismissed[0]["severity"], "error");
    assert_eq!(dismissed[0]["disposition_reason"], "口径不同，已核实");
    assert_eq!(dismissed[0]["disposition_by"], "wang");
    assert_eq!(dismissed[0]["disposition_time"], "2026-12-05T10:00:01Z");
    let original = export(&path, true);
    let any = original["findings"].as_array().unwrap().iter();
    assert!(any.clone().all(|f| f.get("disposition").is_none()));
    assert_eq!(original["meta"]["review"]["state"], "new");
}

#[test]
fn a_confirmed_error_still_counts_and_check_says_so() {
    let dir = TempDir::new("trail-confirm");
    let path = report_in(&dir);
    let keys = error_keys(&path);
    let trail = [
        entry(
            1,
            Kind::Disposition,
            &keys[0],
            Some("confirmed"),
            "wang",
            "",
        ),
        entry(
            2,
            Kind::Disposition,
            &keys[1],
            Some("dismissed"),
            "wang",
            "explained",
        ),
    ];
    save(&path, &trail);
    let (code, text) = check(&path, &[]);
    assert_eq!(code, Some(1), "a confirmed error is a defect:\n{text}");
    assert!(text.contains("1 errors, 3 warnings, 1 dismissed"), "{text}");
    assert!(text.contains("✓ confirmed by wang"), "{text}");
    let json = export(&path, false);
    let confirmed = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["disposition"] == "confirmed")
        .expect("a confirmed finding");
    assert_eq!(confirmed["rule"].as_str(), keys[0].split(':').next());
    // the JSON lines and CSV of check carry them too
    let (_, jsonl) = check(&path, &["--format", "jsonl"]);
    assert!(jsonl.contains("\"disposition\":\"confirmed\""), "{jsonl}");
    let (_, csv) = check(&path, &["--format", "csv"]);
    assert!(csv
        .lines()
        .next()
        .unwrap()
        .ends_with("disposition,disposition_reason"));
    assert!(csv.contains(",dismissed,explained"), "{csv}");
}

#[test]
fn the_journal_holds_dispositions_before_the_file_is_written() {
    let dir = TempDir::new("trail-journal");
    let path = report_in(&dir);
    let keys = error_keys(&path);
    let w = Store::for_report(&path).writer().unwrap();
    for (i, k) in keys.iter().enumerate() {
        let e = entry(
            i as u64 + 1,
            Kind::Disposition,
            k,
            Some("dismissed"),
            "li",
            "ok",
        );
        w.append(&e).unwrap();
    }
    drop(w);
    let (code, text) = check(&path, &[]);
    assert_eq!(code, Some(0), "the journal's dispositions apply:\n{text}");
    assert!(text.contains("2 of them from the journal"), "{text}");
}

#[test]
fn a_disposition_whose_finding_is_gone_is_said_unless_a_correction_explains_it() {
    let dir = TempDir::new("trail-stale");
    let path = report_in(&dir);
    let keys = error_keys(&path);
    let gone = "T3-BALANCE:t3/new/natural,t3/carried_in/natural";
    let mut fix = entry(
        2,
        Kind::Correction,
        FIX_CELL,
        Some("3"),
        "wang",
        "the table's sums",
    );
    let (report, _) = findings(&path);
    fix.old = report.value(FIX_CELL).map(|v| v.to_string());
    let trail = [
        entry(
            1,
            Kind::Disposition,
            &keys[0],
            Some("confirmed"),
            "wang",
            "",
        ),
        fix,
        entry(
            3,
            Kind::Disposition,
            gone,
            Some("dismissed"),
            "wang",
            "old reading",
        ),
    ];
    save(&path, &trail);
    let (code, text) = check(&path, &[]);
    assert_eq!(code, Some(0), "the correction fixed both errors:\n{text}");
    let stale: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("DISPOSITION-STALE"))
        .collect();
    assert_eq!(stale.len(), 1, "only the unexplained one:\n{text}");
    assert!(
        stale[0].contains(gone) && stale[0].contains("old reading"),
        "{}",
        stale[0]
    );
    assert!(
        stale[0].trim_start().starts_with("warning"),
        "a warning: {}",
        stale[0]
    );
    // in Chinese too
    let p = path.to_str().unwrap();
    let zh = nianbao(&["--lang", "zh", "check", p]);
    let zh = String::from_utf8_lossy(&zh.stdout);
    assert!(zh.contains("报告中已无此问题"), "{zh}");
}

#[test]
fn notes_and_the_review_state_are_exported() {
    let dir = TempDir::new("trail-notes");
    let path = report_in(&dir);
    let cell = "t3/new/natural";
    let trail = [
        entry(1, Kind::Note, cell, Some("与正文核对一致"), "wang", ""),
        entry(
            2,
            Kind::Note,
            "t3/new/commercial",
            Some("temporary"),
            "wang",
            "",
        ),
        entry(3, Kind::Note, "t3/new/commercial", None, "wang", ""),
        entry(4, Kind::Review, "", Some("reviewed"), "wang", ""),
        entry(5, Kind::Review, "", Some("signed_off"), "wang", ""),
    ];
    save(&path, &trail);
    let json = export(&path, false);
    let cells = json["cells"].as_array().unwrap();
    let noted: Vec<&Value> = cells.iter().filter(|c| c.get("note").is_some()).collect();
    assert_eq!(noted.len(), 1, "a removed note is gone");
    assert_eq!(noted[0]["key"], cell);
    assert_eq!(noted[0]["note"], "与正文核对一致");
    assert_eq!(noted[0]["note_by"], "wang");
    assert_eq!(noted[0]["note_time"], "2026-12-05T10:00:01Z");
    let review = &json["meta"]["review"];
    assert_eq!(
        review["state"], "reviewed",
        "wang cannot sign off his own review"
    );
    assert_eq!(review["reviewed_by"], "wang");
    assert!(review["signed_off_by"].is_null());
    let original = export(&path, true);
    let cells = original["cells"].as_array().unwrap();
    assert!(
        cells.iter().all(|c| c.get("note").is_none()),
        "--original: no notes"
    );

    let mut second = trail.to_vec();
    second.push(entry(6, Kind::Review, "", Some("signed_off"), "li", ""));
    save(&path, &second);
    let review = export(&path, false)["meta"]["review"].clone();
    assert_eq!(review["state"], "signed_off");
    assert_eq!(review["reviewed_by"], "wang");
    assert_eq!(review["signed_off_by"], "li");
    assert_eq!(review["signed_off_at"], "2026-12-05T10:00:06Z");
    let (_, text) = check(&path, &[]);
    assert!(text.contains("signed off by li"), "{text}");
}

#[test]
fn undo_and_redo_in_the_trail_bring_back_the_disposition_with_its_reason() {
    let dir = TempDir::new("trail-undo");
    let path = report_in(&dir);
    let keys = error_keys(&path);
    let first = entry(
        1,
        Kind::Disposition,
        &keys[0],
        Some("dismissed"),
        "wang",
        "first reason",
    );
    let second = entry(
        2,
        Kind::Disposition,
        &keys[0],
        Some("confirmed"),
        "wang",
        "",
    );
    let mut undo = entry(3, Kind::Disposition, &keys[0], Some("dismissed"), "li", "");
    (undo.action, undo.of, undo.old) = (Act::Undo, Some(2), Some("confirmed".into()));
    let trail = vec![first, second, undo];
    let marks = nianbao::record::marks::marks(&trail);
    let d = marks.disposition(&keys[0]).unwrap();
    assert_eq!(d.disposition, Disposition::Dismissed);
    assert_eq!(
        (d.reason.as_str(), d.reviewer.as_str()),
        ("first reason", "wang")
    );
    save(&path, &trail);
    let json = export(&path, false);
    let f = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["disposition"] == "dismissed")
        .cloned()
        .expect("dismissed again by the undo");
    assert_eq!(f["disposition_reason"], "first reason");
    assert_eq!(marks.review.state, ReviewState::InProgress);
}

#[test]
fn a_note_on_a_corrected_cell_leaves_the_memos_correction_as_it_was() {
    let dir = TempDir::new("trail-memo");
    let path = report_in(&dir);
    let (report, _) = findings(&path);
    let mut fix = entry(
        1,
        Kind::Correction,
        FIX_CELL,
        Some("3"),
        "wang",
        "按勾稽关系更正",
    );
    fix.old = report.value(FIX_CELL).map(|v| v.to_string());
    let note = entry(2, Kind::Note, FIX_CELL, Some("已与单位电话核实"), "li", "");
    save(&path, &[fix, note]);
    let out = nianbao(&["memo", path.to_str().unwrap()]);
    let memo = String::from_utf8_lossy(&out.stdout);
    assert!(
        memo.contains("按勾稽关系更正"),
        "the correction's reason:\n{memo}"
    );
    assert!(memo.contains("wang"), "by its reviewer:\n{memo}");
}
