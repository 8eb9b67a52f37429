//! `export --format xlsx` and `--format grid`: the three tables in the national layout,
//! read back from the workbook's XML: heads from the format data, merged heads, numbers
//! as numbers, a reviewer's correction filled and noted, panes frozen below the heads,
//! both formats laid out from their data, and a report without a format refused.

mod common;

use common::tempdir::TempDir;
use common::xlsx::read_xlsx;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_nianbao");
const DEMO: &str = include_str!("../src/demo/demo-2023.txt");

fn export(args: &[&std::ffi::OsStr]) -> Output {
    let mut a: Vec<&std::ffi::OsStr> = vec!["export".as_ref()];
    a.extend(args);
    Command::new(BIN).args(a).output().unwrap()
}

/// The demo report in a temporary folder, with a saved correction of t3/new/natural
/// from 30 to 31.
fn corrected_demo(dir: &Path) -> PathBuf {
    use nianbao::record::corrections::{Act, Entry, Kind, Store};
    let p = dir.join("demo-2023.txt");
    std::fs::write(&p, DEMO).unwrap();
    let report = nianbao::input::open_report(&p).unwrap();
    let e = Entry {
        seq: 1,
        kind: Kind::Correction,
        action: Act::Set,
        of: None,
        cell: "t3/new/natural".into(),
        old: Some("30".into()),
        new: Some("31".into()),
        reason: "the register shows 31".into(),
        reviewer: "tester".into(),
        time: "2026-01-01T00:00:00Z".into(),
        sha256: Some(report.source.sha256.clone()),
    };
    let writer = Store::beside(&p).writer().unwrap();
    writer.save(&report, &[e]).unwrap();
    drop(writer);
    p
}

#[test]
fn xlsx_lays_out_the_national_tables_with_the_correction_marked() {
    let dir = TempDir::new("grid-xlsx");
    let p = corrected_demo(&dir.0);
    let out = dir.0.join("out.xlsx");
    let o = export(&[
        "--format".as_ref(),
        "xlsx".as_ref(),
        p.as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (sheets, notes) = read_xlsx(&out);
    assert_eq!(sheets.len(), 3);
    let t3 = &sheets["三、依申请"];
    assert_eq!(t3.cells["A1"], "三、收到和处理政府信息公开申请情况");
    // the corner note and 申请人情况 over every column, as the format prints them
    assert!(t3.cells["A2"].starts_with("（本列数据的勾稽关系为"));
    assert!(t3.merges.contains(&"A2:B4".to_string()), "{:?}", t3.merges);
    assert_eq!(t3.cells["C2"], "申请人情况");
    assert!(t3.merges.contains(&"C2:I2".to_string()));
    // 自然人 stands over two head rows, 法人或其他组织 over its five kinds
    assert_eq!(t3.cells["C3"], "自然人");
    assert!(t3.merges.contains(&"C3:C4".to_string()), "{:?}", t3.merges);
    assert_eq!(t3.cells["D3"], "法人或其他组织");
    assert!(t3.merges.contains(&"D3:H3".to_string()), "{:?}", t3.merges);
    assert_eq!(t3.cells["D4"], "商业企业");
    assert_eq!(t3.cells["I3"], "总计");
    // row heads: a group over its children, a plain row across both head columns
    assert_eq!(t3.cells["A5"], "一、本年新收政府信息公开申请数量");
    assert!(t3.merges.contains(&"A5:B5".to_string()));
    let denied = t3
        .cells
        .iter()
        .find(|(_, v)| *v == "（三）不予公开")
        .unwrap()
        .0;
    let row: u32 = denied[1..].parse().unwrap();
    assert!(
        t3.merges.contains(&format!("A{row}:A{}", row + 7)),
        "{:?}",
        t3.merges
    );
    assert_eq!(t3.cells[&format!("B{row}")], "1.属于国家秘密");
    // the corrected value, as a number, filled differently from its neighbour, noted
    assert_eq!(t3.cells["C5"], "31");
    assert!(t3.numeric["C5"]);
    assert_eq!(t3.cells["D5"], "8");
    assert_ne!(t3.style["C5"], t3.style["D5"]);
    assert!(
        notes.contains("corrected by the reviewer; the report printed 30"),
        "{notes}"
    );
    // panes frozen below the heads and right of the row heads
    assert_eq!(t3.split, (Some("2".into()), Some("4".into())));
    // a long row head wraps, and its row is made tall enough for it
    let partial = t3
        .cells
        .iter()
        .find(|(_, v)| v.starts_with("（二）部分公开"))
        .unwrap()
        .0;
    let height = &t3.heights[&partial[1..]];
    assert!(height.parse::<f64>().unwrap() >= 32.0, "{height}");
    assert!(
        !t3.heights.contains_key("5"),
        "a short head keeps the default height"
    );
    // t2: a caption before each part, 信息内容 over the row labels
    let t2 = &sheets["二、主动公开"];
    assert_eq!(t2.cells["A2"], "第二十条第（一）项");
    assert!(t2.merges.contains(&"A2:D2".to_string()), "{:?}", t2.merges);
    assert_eq!(t2.cells["A3"], "信息内容");
    assert_eq!(t2.cells["B3"], "本年制发件数");
    assert_eq!(t2.cells["A4"], "规章");
    let parts: Vec<&String> = t2
        .cells
        .values()
        .filter(|v| v.starts_with("第二十条"))
        .collect();
    assert_eq!(parts.len(), 4, "（一）（五）（六）（八）: {parts:?}");
    // t4: one line under its rows' labels
    let t4 = &sheets["四、复议诉讼"];
    assert_eq!(t4.cells["A2"], "行政复议");
    assert!(t4.merges.contains(&"A2:E2".to_string()), "{:?}", t4.merges);
    assert_eq!(t4.cells["F2"], "行政诉讼");
    assert!(t4.merges.contains(&"F2:O2".to_string()));
    assert_eq!(t4.cells["F3"], "未经复议直接起诉");
    assert!(
        t4.merges.contains(&"A3:A4".to_string()),
        "结果维持 spans down"
    );
    assert_eq!(t4.cells["A5"], "2");
    // --original ignores the correction
    let orig = dir.0.join("orig.xlsx");
    let o = export(&[
        "--format".as_ref(),
        "xlsx".as_ref(),
        "--original".as_ref(),
        p.as_os_str(),
        "-o".as_ref(),
        orig.as_os_str(),
    ]);
    assert!(o.status.success());
    assert_eq!(read_xlsx(&orig).0["三、依申请"].cells["C5"], "30");
}

#[test]
fn grid_csv_marks_the_corrected_column_and_leaves_missing_cells_empty() {
    let dir = TempDir::new("grid-csv");
    let p = corrected_demo(&dir.0);
    let o = export(&["--format".as_ref(), "grid".as_ref(), p.as_os_str()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let csv = String::from_utf8(o.stdout).unwrap();
    let csv = csv
        .strip_prefix('\u{feff}')
        .expect("a byte-order mark, for Excel");
    assert!(csv.starts_with("二、主动公开政府信息情况,"));
    let new_row = csv.lines().find(|l| l.starts_with("一、本年新收")).unwrap();
    assert_eq!(
        new_row,
        "一、本年新收政府信息公开申请数量,,31,8,0,1,2,3,44,corrected: 自然人"
    );
    // the demo prints no values for 行政规范性文件: empty, not zero
    let normative = csv
        .lines()
        .find(|l| l.starts_with("行政规范性文件"))
        .unwrap();
    assert_eq!(normative, "行政规范性文件,,,,");
    assert!(
        csv.contains("\n,,自然人,法人或其他组织,,,,,总计,\n"),
        "{csv}"
    );
}

#[test]
fn the_2019_format_is_laid_out_from_its_own_data() {
    let dir = TempDir::new("grid-2019");
    let p =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus/dev/cells-2019-ok.txt");
    let out = dir.0.join("out.xlsx");
    let o = export(&[
        "--format".as_ref(),
        "xlsx".as_ref(),
        p.as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (sheets, _) = read_xlsx(&out);
    let t2 = &sheets["二、主动公开"];
    let at = |text: &str| {
        t2.cells
            .iter()
            .find(|(_, v)| *v == text)
            .map(|(k, _)| k.clone())
    };
    assert_eq!(at("本年新制作数量").as_deref(), Some("B3"));
    assert_eq!(
        at("第二十条第（九）项").map(|a| a.starts_with('A')),
        Some(true)
    );
    let procurement = at("政府集中采购").unwrap();
    let row = &procurement[1..];
    assert_eq!(
        t2.cells[&format!("C{row}")],
        "332.323",
        "an amount keeps its decimals"
    );
    assert!(t2.numeric[&format!("C{row}")]);
    // 2019 t3 has one （六）其他处理 row, no children
    let t3 = &sheets["三、依申请"];
    let other = t3
        .cells
        .iter()
        .find(|(_, v)| *v == "（六）其他处理")
        .unwrap()
        .0;
    let r = &other[1..];
    assert!(t3.merges.contains(&format!("A{r}:B{r}")), "{:?}", t3.merges);
}

#[test]
fn a_report_without_a_format_is_refused() {
    let dir = TempDir::new("grid-none");
    let p = dir.0.join("notes.txt");
    std::fs::write(&p, "会议纪要\n没有任何表格。\n").unwrap();
    let out = dir.0.join("out.xlsx");
    for fmt in ["xlsx", "grid"] {
        let o = export(&[
            "--format".as_ref(),
            fmt.as_ref(),
            p.as_os_str(),
            "-o".as_ref(),
            out.as_os_str(),
        ]);
        assert_eq!(o.status.code(), Some(2), "{fmt}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("national format"), "{fmt}: {err}");
        assert!(!out.exists(), "{fmt}: nothing written");
    }
    let o = export(&["--format".as_ref(), "xlsx".as_ref(), p.as_os_str()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("-o"));
}

#[test]
fn inferred_cells_are_filled_and_noted_apart_from_read_ones() {
    let dir = TempDir::new("grid-inferred");
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/corpus/real/010_huaian_hongze_qu_gov_2024.txt");
    let out = dir.0.join("out.xlsx");
    let o = export(&[
        "--format".as_ref(),
        "xlsx".as_ref(),
        p.as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (sheets, notes) = read_xlsx(&out);
    let t3 = &sheets["三、依申请"];
    // 010 prints one （六）其他处理 row where 2021 has three: their values are inferred
    let misc = t3.cells.iter().find(|(_, v)| *v == "3.其他").unwrap().0;
    let row = &misc[1..];
    let (inferred, read) = (format!("C{row}"), "C5".to_string());
    assert_eq!(t3.cells[&inferred], "0");
    assert!(t3.numeric[&inferred]);
    assert_ne!(t3.style[&inferred], t3.style[&read], "inferred is filled");
    assert!(notes.contains("the only value the format's identities allow"));
    let csv = export(&["--format".as_ref(), "grid".as_ref(), p.as_os_str()]);
    let csv = String::from_utf8(csv.stdout).unwrap();
    let line = csv.lines().find(|l| l.starts_with(",3.其他,")).unwrap();
    assert!(line.ends_with(", 总计\""), "{line}");
    assert!(
        line.contains("\"inferred: 自然人, 法人或其他组织·商业企业"),
        "{line}"
    );
}
