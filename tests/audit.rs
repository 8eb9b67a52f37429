//! The auditor's whole job, end to end: a folder of the shared corpus reviewed through
//! the inbox (a finding confirmed, others dismissed with a reason, a cell corrected, the
//! reports marked reviewed), then what the binary makes of it: `check`'s exit status
//! follows the dispositions, the audit trail holds every step, the memo (md and xlsx)
//! carries them, and `export --format xlsx` lays out the corrected value.

use crossterm::event::{KeyCode, KeyModifiers};
use nianbao::model::marks::ReviewState;
use nianbao::model::{Disposition, Severity};
use nianbao::record::corrections::{Kind, Store};
use nianbao::tui::action::Action;
use nianbao::tui::folder::Edge;
use nianbao::tui::inbox::Inbox;
use std::path::Path;
use std::process::{Command, Output};

mod common;
use common::inbox::*;
use common::tempdir::TempDir;
use common::xlsx::read_xlsx;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/corpus/");
/// 洪泽区 2023: three PARSE-ROW-MISSING (its t3 prints the three 其他处理 rows as one)
/// and two T4-SUM errors, one with a fix.
const HONGZE_2023: &str = "009_huaian_hongze_qu_gov_2023.txt";
/// 洪泽区 2024: the same three PARSE-ROW-MISSING, nothing else in error.
const HONGZE_2024: &str = "010_huaian_hongze_qu_gov_2024.txt";
const WHY_ROWS: &str = "三行合并印为其他处理，已核对原件";
const WHY_FIX: &str = "复议总计按各项相加";

fn nianbao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn enter(inbox: &mut Inbox, edge: &mut Edge) {
    key(inbox, edge, KeyCode::Enter, KeyModifiers::NONE);
}

/// Selects, in the findings list, the first finding that `pick` accepts.
fn select_finding(
    inbox: &mut Inbox,
    edge: &mut Edge,
    pick: impl Fn(&nianbao::model::Finding) -> bool,
) {
    act(inbox, edge, Action::Findings);
    act(inbox, edge, Action::Top);
    let n = open_app(inbox).findings().len();
    for _ in 0..n {
        let app = open_app(inbox);
        if pick(&app.findings()[app.finding_sel()]) {
            return;
        }
        act(inbox, edge, Action::MoveDown);
    }
    panic!("no such finding");
}

/// Dismisses every PARSE-ROW-MISSING of the open report with the same reason.
fn dismiss_missing_rows(inbox: &mut Inbox, edge: &mut Edge) {
    for _ in 0..3 {
        select_finding(inbox, edge, |f| {
            f.rule == "PARSE-ROW-MISSING" && f.disposed.is_none()
        });
        act(inbox, edge, Action::DismissFinding);
        type_text(inbox, edge, WHY_ROWS);
        enter(inbox, edge);
    }
}

/// In 2023: the T4-SUM without a fix confirmed, the one with a fix corrected from the
/// findings list (enter jumps to the cell, e edits it), the missing rows dismissed.
fn review_2023(inbox: &mut Inbox, edge: &mut Edge) {
    select_finding(inbox, edge, |f| f.rule == "T4-SUM" && f.fix.is_none());
    act(inbox, edge, Action::ConfirmFinding);
    select_finding(inbox, edge, |f| f.rule == "T4-SUM" && f.fix.is_some());
    act(inbox, edge, Action::Activate);
    act(inbox, edge, Action::Edit);
    key(inbox, edge, KeyCode::Char('u'), KeyModifiers::CONTROL);
    type_text(inbox, edge, "11");
    enter(inbox, edge);
    type_text(inbox, edge, WHY_FIX);
    enter(inbox, edge);
    dismiss_missing_rows(inbox, edge);
    act(inbox, edge, Action::MarkReviewed);
}

fn folder() -> TempDir {
    let dir = TempDir::new("audit");
    for f in [
        "real/009_huaian_hongze_qu_gov_2023.txt",
        "real/010_huaian_hongze_qu_gov_2024.txt",
        "real/011_huaian_shi_gov_2024.txt",
        "dev/flat-2021-err.txt",
    ] {
        let bytes = std::fs::read(format!("{CORPUS}{f}")).unwrap();
        dir.file(f.rsplit('/').next().unwrap(), &bytes);
    }
    dir
}

#[test]
fn a_folder_reviewed_in_the_inbox_gives_the_exit_statuses_trail_memos_and_grid() {
    let dir = folder();
    let p = |name: &str| dir.0.join(name).to_str().unwrap().to_string();
    for name in [HONGZE_2023, HONGZE_2024] {
        let code = nianbao(&["check", &p(name)]).status.code();
        assert_eq!(code, Some(1), "{name} has errors before the review");
    }

    let (mut inbox, mut edge) = inbox_of(&dir.0, (80, 24));
    select(&mut inbox, &mut edge, HONGZE_2023);
    enter(&mut inbox, &mut edge);
    review_2023(&mut inbox, &mut edge);
    let app = open_app(&inbox);
    let counting: Vec<&str> = app
        .findings()
        .iter()
        .filter(|f| f.severity == Severity::Error && f.disposed.is_none())
        .map(|f| f.rule)
        .collect();
    assert!(counting.is_empty(), "every error disposed: {counting:?}");
    act(&mut inbox, &mut edge, Action::Write);
    press(&mut inbox, &mut edge, 'q');
    assert!(inbox.open().is_none(), "written, q goes back to the inbox");
    select(&mut inbox, &mut edge, HONGZE_2024);
    enter(&mut inbox, &mut edge);
    dismiss_missing_rows(&mut inbox, &mut edge);
    act(&mut inbox, &mut edge, Action::MarkReviewed);
    act(&mut inbox, &mut edge, Action::Write);
    press(&mut inbox, &mut edge, 'q');
    for name in [HONGZE_2023, HONGZE_2024] {
        assert_eq!(
            row_named(&inbox, name).state,
            ReviewState::Reviewed,
            "{name}"
        );
    }
    // the list counts as check does: the confirmed error counts, dismissed ones do not
    assert_eq!(row_named(&inbox, HONGZE_2023).errors, 1);
    assert_eq!(row_named(&inbox, HONGZE_2024).errors, 0);
    drop((inbox, edge));

    // check: a confirmed error still counts; dismissed ones do not; --original ignores both
    assert_eq!(nianbao(&["check", &p(HONGZE_2023)]).status.code(), Some(1));
    assert_eq!(nianbao(&["check", &p(HONGZE_2024)]).status.code(), Some(0));
    let original = nianbao(&["check", "--original", &p(HONGZE_2024)]);
    assert_eq!(original.status.code(), Some(1));

    assert_trail(&dir.0.join(HONGZE_2023));
    assert_memo_md(&dir);
    assert_memo_xlsx(&dir);
    assert_grid(&dir);
}

/// Every step is an entry: the correction with its reason, the confirmation, three
/// dismissals with theirs, the review mark; all by the same reviewer.
fn assert_trail(report: &Path) {
    let trail = Store::for_report(report).load_saved().unwrap();
    let kinds: Vec<(Kind, &str, Option<&str>)> = trail
        .iter()
        .map(|e| (e.kind, e.cell.as_str(), e.new.as_deref()))
        .collect();
    let confirmed = Disposition::Confirmed.name();
    let dismissed = Disposition::Dismissed.name();
    assert!(
        kinds.contains(&(Kind::Correction, "t4/review/total", Some("11"))),
        "{kinds:?}"
    );
    assert_eq!(
        kinds
            .iter()
            .filter(|k| k.0 == Kind::Disposition && k.2 == Some(confirmed))
            .count(),
        1,
        "{kinds:?}"
    );
    let dismissals: Vec<_> = trail
        .iter()
        .filter(|e| e.kind == Kind::Disposition && e.new.as_deref() == Some(dismissed))
        .collect();
    assert_eq!(dismissals.len(), 3);
    assert!(dismissals.iter().all(|e| e.reason == WHY_ROWS));
    assert!(trail
        .iter()
        .any(|e| e.kind == Kind::Correction && e.reason == WHY_FIX));
    assert_eq!(trail.last().map(|e| e.kind), Some(Kind::Review));
    let who = nianbao::record::corrections::reviewer();
    assert!(trail.iter().all(|e| e.reviewer == who));
}

/// The memos: the confirmed defect in 一, the correction with its reason, the dismissed
/// findings with their reason in the annex, and the review state.
fn assert_memo_md(dir: &TempDir) {
    let out = dir.0.join("memos");
    let o = nianbao(&["memo", dir.0.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let md = std::fs::read_to_string(out.join("洪泽区人民政府.md")).unwrap();
    let part = |from: &str, to: &str| {
        let a = md.find(from).unwrap_or_else(|| panic!("{from} in\n{md}"));
        let b = md[a..].find(to).map_or(md.len(), |b| a + b);
        md[a..b].to_string()
    };
    let found = part("一、发现的问题", "二、");
    assert!(found.contains("T4-SUM"), "{found}");
    assert!(!found.contains("PARSE-ROW-MISSING"), "{found}");
    let fixes = part("三、审核中的更正", "附件");
    assert!(fixes.contains(WHY_FIX) && fixes.contains("11"), "{fixes}");
    let annex = part("附件：已排除的问题及理由", "\u{0}");
    assert_eq!(annex.matches(WHY_ROWS).count(), 3, "{annex}");
    assert!(md.contains("已审核"), "{md}");
}

/// The workbook of 洪泽区: the confirmed defect on 问题, the dismissals on 已排除, the
/// correction on 更正 with its values as numbers.
fn assert_memo_xlsx(dir: &TempDir) {
    let out = dir.0.join("books");
    let args = [
        "memo",
        dir.0.to_str().unwrap(),
        "--format",
        "xlsx",
        "-o",
        out.to_str().unwrap(),
    ];
    let o = nianbao(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (book, _) = read_xlsx(&out.join("洪泽区人民政府.xlsx"));
    let column = |sheet: &str, head: &str| -> Vec<String> {
        let s = &book[sheet];
        let col = s
            .cells
            .iter()
            .find(|(k, v)| k.ends_with('1') && k.len() == 2 && v.as_str() == head)
            .map(|(k, _)| k[..1].to_string())
            .unwrap_or_else(|| panic!("{head} on {sheet}: {:?}", s.cells));
        (2..)
            .map_while(|r| s.cells.get(&format!("{col}{r}")).cloned())
            .collect()
    };
    assert_eq!(column("问题", "规则"), ["T4-SUM"]);
    let dismissed = column("已排除", "规则");
    assert_eq!(dismissed, ["PARSE-ROW-MISSING"; 3]);
    assert!(
        book["已排除"]
            .cells
            .values()
            .filter(|v| *v == WHY_ROWS)
            .count()
            == 3
    );
    let fixes = &book["更正"];
    let eleven = fixes
        .cells
        .iter()
        .find(|(_, v)| *v == "11")
        .map(|(k, _)| k.clone());
    let eleven = eleven.expect("the corrected value on 更正");
    assert!(fixes.numeric[&eleven], "a number, not text");
    assert!(fixes.cells.values().any(|v| v == WHY_FIX));
    let pending = column("待确认", "规则");
    assert!(
        pending
            .iter()
            .all(|r| r != "T4-SUM" && r != "PARSE-ROW-MISSING"),
        "{pending:?}"
    );
}

/// `export --format xlsx`: the corrected cell laid out in the national t4 and noted.
fn assert_grid(dir: &TempDir) {
    let out = dir.0.join("grid.xlsx");
    let report = dir.0.join(HONGZE_2023);
    let args = [
        "export",
        "--format",
        "xlsx",
        report.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ];
    let o = nianbao(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (sheets, notes) = read_xlsx(&out);
    let t4 = sheets
        .values()
        .find(|s| s.cells.get("A1").is_some_and(|t| t.starts_with("四、")))
        .expect("the t4 sheet");
    assert!(t4.cells.values().any(|v| v == "11"), "{:?}", t4.cells);
    assert!(notes.contains("the report printed 0"), "{notes}");
}
