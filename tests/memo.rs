//! `nianbao memo`: the memo to each agency, from the real binary. One report with a
//! saved correction gives a Chinese memo that lists the report's defects by their rows
//! and columns and the correction with its reason and reviewer; a folder of two agencies'
//! reports gives one memo each and a summary.

mod common;

use common::tempdir::TempDir;
use common::xlsx::read_xlsx;
use sha2::{Digest, Sha256};
use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_nianbao");
const DEMO: &str = include_str!("../src/demo/demo-2023.txt");

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().unwrap()
}

/// A corrections file beside `report` setting one cell, as the review screen writes it.
fn correct(report: &Path, cell: &str, old: &str, new: &str, reason: &str) {
    let sha: String = Sha256::digest(std::fs::read(report).unwrap())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let file = serde_json::json!({
        "schema": 1,
        "report": {"path": report.display().to_string(), "sha256": sha},
        "trail": [{
            "seq": 1, "action": "set", "cell": cell, "old": old, "new": new,
            "reason": reason, "reviewer": "张审核", "time": "2026-12-05T10:00:00Z"
        }]
    });
    let name = format!(
        "{}.nianbao.json",
        report.file_name().unwrap().to_string_lossy()
    );
    std::fs::write(report.with_file_name(name), file.to_string()).unwrap();
}

#[test]
fn a_reports_memo_lists_its_defects_and_corrections_in_chinese() {
    let d = TempDir::new("memo-one");
    let report = d.0.join("report.txt");
    std::fs::write(&report, DEMO).unwrap();
    let before = String::from_utf8(run(&["memo", report.to_str().unwrap()]).stdout).unwrap();
    assert!(
        before.starts_with("# 示范街道办事处政府信息公开工作年度报告审核意见"),
        "{before}"
    );
    assert!(before.contains("## 2023年度报告"), "{before}");
    assert!(before.contains("| 序号 | 规则 | 性质 | 单元格 | 报告值 | 应为 | 位置 | 问题说明 |"));
    // nothing confirmed yet: the findings wait for the reviewer, said as such
    assert!(before.contains("### 一、发现的问题\n\n无。"), "{before}");
    assert!(
        before.contains("### 二、待确认的问题\n\n以下问题"),
        "{before}"
    );
    assert!(before.contains("- 审核状态：未审核"), "{before}");
    // the demo's t3 defect, named by its row and column, with printed and expected values
    assert!(
        before.contains("T3-") && before.contains("1.本机关不掌握相关政府信息 · 自然人"),
        "{before}"
    );
    assert!(before.contains("### 三、审核中的更正\n\n无。"), "{before}");
    // the findings are worded in Chinese whatever the locale
    assert!(
        before.contains("合计") && !before.contains("add up to"),
        "{before}"
    );

    correct(
        &report,
        "t3/unable.not_held/natural",
        "7",
        "6",
        "核对原件后更正",
    );
    let out = run(&["memo", report.to_str().unwrap()]);
    assert!(out.status.success());
    let after = String::from_utf8(out.stdout).unwrap();
    assert!(
        after.contains("| 1.本机关不掌握相关政府信息 · 自然人 | 7 | 6 | 核对原件后更正 | 张审核 |"),
        "{after}"
    );
    assert!(after.contains("- 审核人：张审核"), "{after}");
    assert!(after.contains("- 审核状态：审核中"), "{after}");
    // the defects section: the correction settled the finding it fixed
    let defects = |s: &str| {
        let part = &s[s.find("### 一、").unwrap()..s.find("### 三、").unwrap()];
        part.lines()
            .filter(|l| l.starts_with("| ") && !l.starts_with("| 序号"))
            .count()
    };
    assert!(defects(&after) < defects(&before), "{after}");
    // --original: the report as published, no corrections
    let original = run(&["memo", "--original", report.to_str().unwrap()]);
    let original = String::from_utf8(original.stdout).unwrap();
    assert!(!original.contains("核对原件后更正"));
}

#[test]
fn a_folder_gives_one_memo_per_agency_and_a_summary() {
    let d = TempDir::new("memo-folder");
    let reports = d.0.join("reports");
    std::fs::create_dir_all(&reports).unwrap();
    std::fs::write(reports.join("a.txt"), DEMO).unwrap();
    std::fs::write(
        reports.join("b.txt"),
        DEMO.replace("示范街道办事处", "样板镇人民政府"),
    )
    .unwrap();
    let out_dir = d.0.join("memos");
    let out = run(&[
        "memo",
        reports.to_str().unwrap(),
        "--format",
        "html",
        "-o",
        out_dir.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let a = std::fs::read_to_string(out_dir.join("示范街道办事处.html")).unwrap();
    let b = std::fs::read_to_string(out_dir.join("样板镇人民政府.html")).unwrap();
    assert!(a.contains("<html lang=\"zh-CN\">") && a.contains("<th>单元格</th>"));
    assert!(b.contains("样板镇人民政府政府信息公开工作年度报告审核意见"));
    let summary = std::fs::read_to_string(out_dir.join("审核汇总.html")).unwrap();
    assert!(
        summary.contains("<td>示范街道办事处</td>") && summary.contains("<td>样板镇人民政府</td>")
    );
    assert!(summary.contains("问题按规则"));
    // one agency, and -o names a folder not yet made (a trailing /): memos go in it
    let one = d.0.join("one");
    std::fs::create_dir_all(&one).unwrap();
    std::fs::write(one.join("a.txt"), DEMO).unwrap();
    let into = format!("{}/", d.0.join("new-folder").display());
    let out = run(&["memo", one.to_str().unwrap(), "-o", &into]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(d.0.join("new-folder/示范街道办事处.md").is_file());
    assert!(d.0.join("new-folder/审核汇总.md").is_file());
    // several agencies and no -o: refused with the reason, nothing printed as a memo
    let refused = run(&["memo", reports.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("-o"));
}

#[test]
fn findings_speak_the_language_asked_for() {
    let d = TempDir::new("memo-lang");
    let report = d.0.join("report.txt");
    std::fs::write(&report, DEMO).unwrap();
    let check = |args: &[&str], lang: &str| {
        let out = Command::new(BIN)
            .args(args)
            .arg(&report)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", lang)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let en = check(&["check"], "C.UTF-8");
    let zh = check(&["check"], "zh_CN.UTF-8");
    assert!(en.contains("add up to") && !en.contains("合计"), "{en}");
    assert!(zh.contains("合计") && !zh.contains("add up to"), "{zh}");
    // --lang wins over the locale
    assert_eq!(check(&["check", "--lang", "en"], "zh_CN.UTF-8"), en);
    assert_eq!(check(&["--lang", "zh", "check"], "C"), zh);
}

#[test]
fn a_folders_memos_as_workbooks_hold_the_lists_as_tables() {
    let d = TempDir::new("memo-xlsx");
    let reports = d.0.join("reports");
    std::fs::create_dir_all(&reports).unwrap();
    let a = reports.join("a.txt");
    std::fs::write(&a, DEMO).unwrap();
    std::fs::write(
        reports.join("b.txt"),
        DEMO.replace("示范街道办事处", "样板镇人民政府"),
    )
    .unwrap();
    correct(&a, "t3/unable.not_held/natural", "7", "6", "核对原件后更正");
    let out_dir = d.0.join("memos");
    let dir = out_dir.to_str().unwrap();
    let out = run(&[
        "memo",
        reports.to_str().unwrap(),
        "--format",
        "xlsx",
        "-o",
        dir,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (book, _) = read_xlsx(&out_dir.join("示范街道办事处.xlsx"));
    let mut names: Vec<&str> = book.keys().map(String::as_str).collect();
    names.sort_unstable();
    assert_eq!(names, ["已排除", "待确认", "报告", "更正", "问题"]);
    for s in book.values() {
        // the header row frozen, the heads bold and boxed
        assert_eq!(s.split.1.as_deref(), Some("1"));
    }
    // the report's row: its year a number, its state in words
    let reports_sheet = &book["报告"];
    assert_eq!(reports_sheet.cells["A1"], "年度");
    assert_eq!(reports_sheet.cells["A2"], "2023");
    assert!(reports_sheet.numeric["A2"]);
    assert_eq!(reports_sheet.cells["D2"], "审核中");
    // the correction: the cell by its row and column, the values as numbers
    let fixes = &book["更正"];
    assert_eq!(fixes.cells["B2"], "1.本机关不掌握相关政府信息 · 自然人");
    assert_eq!(
        (fixes.cells["C2"].as_str(), fixes.numeric["C2"]),
        ("7", true)
    );
    assert_eq!(
        (fixes.cells["D2"].as_str(), fixes.numeric["D2"]),
        ("6", true)
    );
    assert_eq!(fixes.cells["E2"], "核对原件后更正");
    // the findings wait for confirmation, each with its rule and where it is
    let pending = &book["待确认"];
    assert_eq!(pending.cells["C1"], "规则");
    let rules: Vec<&str> = (2..)
        .map_while(|r| pending.cells.get(&format!("C{r}")).map(String::as_str))
        .collect();
    assert!(
        !rules.is_empty() && rules.iter().all(|r| r.contains('-')),
        "{rules:?}"
    );
    assert!(
        pending.cells["H2"].starts_with('第'),
        "{:?}",
        pending.cells.get("H2")
    );
    // the summary: a row per report, its counts as numbers
    let (summary, _) = read_xlsx(&out_dir.join("审核汇总.xlsx"));
    let rows = &summary["报告"];
    let agencies = [rows.cells["A2"].as_str(), rows.cells["A3"].as_str()];
    assert!(agencies.contains(&"示范街道办事处") && agencies.contains(&"样板镇人民政府"));
    assert!(rows.numeric["E2"] && rows.numeric["I2"], "{rows:?}");
    assert!(summary.contains_key("问题按规则"));
    // a workbook is not text: without -o it is refused
    let refused = run(&["memo", a.to_str().unwrap(), "--format", "xlsx"]);
    assert_eq!(refused.status.code(), Some(2));
}
