//! The year diff: pairs made by the test generator, a carry-over mismatch injected,
//! a report against itself, a pair across the 2019 → 2021 change of format, the
//! diff view's snapshots, and `diff --format json` field by field.

mod common;

use common::gen::{Generated, Layout};
use nianbao::check::diff::{self, Mapping, Op};
use nianbao::input::decode::Encoding;
use nianbao::model::format::{Template, T3_COLUMNS};
use nianbao::model::num::Num;
use nianbao::Report;

fn read(g: &Generated, name: &str) -> Report {
    nianbao::read_text(name, g.render(), Encoding::Utf8, "0".repeat(64))
}

/// A prior report whose 结转下年度 is exactly the current report's 上年结转, both
/// consistent (the prior's new requests absorb the difference).
fn pair(seed: u64, template: Template, layout: Layout) -> Option<(Generated, Generated)> {
    let current = Generated::new(seed, template, layout);
    let mut prior = Generated::new(seed ^ 0xABCD_EF01, template, layout);
    prior.agency = current.agency.clone();
    prior.year = current.year - 1;
    for c in T3_COLUMNS {
        let want = current.truth[&format!("t3/carried_in/{}", c.key)];
        let co = format!("t3/carried_out/{}", c.key);
        let nw = format!("t3/new/{}", c.key);
        let delta = want.checked_sub(prior.truth[&co]).unwrap();
        let new_new = prior.truth[&nw].checked_add(delta).unwrap();
        if new_new.is_negative() {
            return None;
        }
        for m in [&mut prior.truth, &mut prior.printed] {
            m.insert(co.clone(), want);
            m.insert(nw.clone(), new_new);
        }
    }
    Some((prior, current))
}

fn yoy_carry(d: &diff::YearDiff) -> Vec<&nianbao::Finding> {
    d.findings
        .iter()
        .filter(|f| f.rule == "YOY-CARRY")
        .collect()
}

#[test]
fn carry_over_mismatch_is_flagged_naming_both_reports() {
    let mut checked = 0;
    for seed in 0..400u64 {
        let template = if seed % 2 == 0 {
            Template::Y2019
        } else {
            Template::Y2021
        };
        let layout =
            [Layout::Cells, Layout::Pipes, Layout::Pdftext, Layout::Tabs][(seed / 2 % 4) as usize];
        let Some((prior, mut current)) = pair(seed, template, layout) else {
            continue;
        };
        let (p, c) = (read(&prior, "prior.txt"), read(&current, "current.txt"));
        let d = diff::diff(&p, &c, 0.8);
        assert!(
            yoy_carry(&d).is_empty(),
            "seed {seed}: a consistent pair raises no YOY-CARRY: {:?}",
            yoy_carry(&d)
        );
        assert!(
            !d.findings.iter().any(|f| f.rule == "YOY-AGENCY"),
            "seed {seed}: same agency, consecutive years"
        );
        // print a wrong 上年结转 in one applicant column of this year's report
        let col = T3_COLUMNS[(seed % 6) as usize].key;
        let key = format!("t3/carried_in/{col}");
        let truth = current.truth[&key];
        let wrong = truth.checked_add(Num::int(1 + (seed % 3) as i64)).unwrap();
        current.printed.insert(key.clone(), wrong);
        let c = read(&current, "current.txt");
        let d = diff::diff(&p, &c, 0.8);
        let found = yoy_carry(&d);
        assert_eq!(
            found.len(),
            1,
            "seed {seed} {layout:?}: exactly the injected column: {found:?}"
        );
        let f = found[0];
        assert_eq!(
            f.cells,
            vec![key.clone(), format!("prior:t3/carried_out/{col}")]
        );
        assert_eq!(f.severity, nianbao::Severity::Error);
        assert_eq!(
            f.fix.as_ref().map(|x| (x.cell.as_str(), x.value.clone())),
            Some((key.as_str(), truth.to_string()))
        );
        assert_eq!(
            (f.expected.clone(), f.actual.clone()),
            (Some(truth.to_string()), Some(wrong.to_string()))
        );
        checked += 1;
    }
    assert!(checked > 150, "enough pairs were made ({checked})");
}

#[test]
fn a_report_against_itself_has_no_differences() {
    for seed in 0..60u64 {
        let g = Generated::new(
            seed,
            if seed % 2 == 0 {
                Template::Y2019
            } else {
                Template::Y2021
            },
            Layout::ALL[(seed % 5) as usize],
        );
        let r = read(&g, "same.txt");
        let d = diff::diff(&r, &r, 0.8);
        assert_eq!(d.changed_cells(), 0, "seed {seed}");
        assert!(d.cells.iter().all(|c| c.mapping == Mapping::Same));
        assert!(
            d.sections
                .iter()
                .all(|s| s.pieces.iter().all(|p| p.op == Op::Equal)),
            "seed {seed}"
        );
        assert_eq!(d.copied_share, 1.0);
        assert!(
            d.findings.iter().any(|f| f.rule == "TEXT-COPIED"),
            "a fully copied text is flagged"
        );
    }
}

#[test]
fn a_pair_across_the_change_of_format_aligns() {
    for seed in 0..40u64 {
        let prior_g = Generated::new(seed, Template::Y2019, Layout::Pipes);
        let current_g = Generated::new(seed + 1000, Template::Y2021, Layout::Cells);
        let (p, c) = (read(&prior_g, "2020.txt"), read(&current_g, "2021.txt"));
        let d = diff::diff(&p, &c, 0.8);
        let get = |k: &str| {
            d.cells
                .iter()
                .find(|x| x.key == k)
                .unwrap_or_else(|| panic!("{k} aligned"))
        };
        for col in T3_COLUMNS {
            // t3 and t4 keep their keys
            let x = get(&format!("t3/new/{}", col.key));
            assert_eq!(
                (x.mapping, x.prior, x.current),
                (
                    Mapping::Same,
                    Some(prior_g.truth[&x.key]),
                    Some(current_g.truth[&x.key])
                )
            );
            // （六）其他处理: 2019's one row against the sum of 2021's three
            let o = d
                .cells
                .iter()
                .find(|x| x.key == format!("t3/other/{}", col.key) && x.mapping == Mapping::Mapped)
                .expect("other maps");
            let sum = ["other.no_correction", "other.no_fee", "other.misc"]
                .iter()
                .map(|r| current_g.truth[&format!("t3/{r}/{}", col.key)])
                .fold(Num::ZERO, |a, b| a.checked_add(b).unwrap());
            assert_eq!(
                (o.prior, o.current),
                (
                    Some(prior_g.truth[&format!("t3/other/{}", col.key)]),
                    Some(sum)
                )
            );
            assert_eq!(o.changed, o.prior != o.current);
        }
        let t4 = get("t4/review/total");
        assert_eq!(t4.mapping, Mapping::Same);
        // t2: what maps, and what only one format has
        let issued = get("t2/normative/issued");
        assert_eq!(
            (issued.mapping, issued.prior_key.as_deref()),
            (Mapping::Mapped, Some("t2/normative/new_made"))
        );
        assert_eq!(issued.prior, Some(prior_g.truth["t2/normative/new_made"]));
        assert_eq!(get("t2/licensing/decisions").mapping, Mapping::Same);
        assert_eq!(get("t2/procurement/amount").mapping, Mapping::PriorOnly);
        assert_eq!(get("t2/fees/amount").mapping, Mapping::CurrentOnly);
        assert!(
            !get("t2/fees/amount").changed,
            "a cell only one format has is not a change"
        );
        // every cell of both reports is in the diff once
        let keys: std::collections::HashSet<&str> =
            d.cells.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(keys.len(), d.cells.len(), "no cell twice");
    }
}

#[test]
fn copied_text_share_and_threshold() {
    let g = Generated::new(7, Template::Y2021, Layout::Pipes);
    let r = read(&g, "a.txt");
    let mut text = g.render();
    let head = text.find("五、存在的主要问题").unwrap();
    let pos = head + text[head..].find('\n').unwrap() + 1;
    text.insert_str(
        pos,
        "今年新增加了一段完全不同的文字，用来说明本年度的新情况和新问题，共计三十余字。\n",
    );
    let r2 = nianbao::read_text("b.txt", text, Encoding::Utf8, "0".repeat(64));
    let d = diff::diff(&r, &r2, 0.8);
    assert!(
        d.copied_share < 1.0 && d.copied_share > 0.5,
        "{}",
        d.copied_share
    );
    let high = diff::diff(&r, &r2, 0.99);
    assert!(
        !high.findings.iter().any(|f| f.rule == "TEXT-COPIED"),
        "below the threshold: no warning"
    );
    let low = diff::diff(&r, &r2, 0.5);
    assert!(low.findings.iter().any(|f| f.rule == "TEXT-COPIED"));
    let inserted: String = d
        .sections
        .iter()
        .flat_map(|s| s.pieces.iter())
        .filter(|p| p.op == Op::Insert)
        .map(|p| p.text.clone())
        .collect();
    assert!(inserted.contains("完全不同的文字"), "{inserted}");
}

#[test]
fn diff_json_field_by_field() {
    let dir = std::env::temp_dir().join(format!("nianbao-diffjson-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (prior, mut current) = (0..50)
        .find_map(|s| pair(s, Template::Y2021, Layout::Pipes))
        .unwrap();
    current.printed.insert(
        "t3/carried_in/natural".into(),
        current.truth["t3/carried_in/natural"]
            .checked_add(Num::int(2))
            .unwrap(),
    );
    let (pp, cp) = (dir.join("2022.txt"), dir.join("2023.txt"));
    std::fs::write(&pp, prior.render()).unwrap();
    std::fs::write(&cp, current.render()).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["diff", "--format", "json"])
        .arg(&pp)
        .arg(&cp)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "a YOY-CARRY error makes the exit code 1"
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["prior"]["path"], pp.display().to_string());
    assert_eq!(v["current"]["path"], cp.display().to_string());
    assert_eq!(v["prior"]["agency"], prior.agency.as_str());
    assert_eq!(v["current"]["year"], current.year);
    assert_eq!(v["current"]["template"], "2021");
    let share = v["copied_share"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&share));
    let cell = v["cells"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["key"] == "t3/carried_in/natural")
        .unwrap();
    let truth = current.truth["t3/carried_in/natural"].as_i64().unwrap();
    assert_eq!(cell["current"], truth + 2);
    assert_eq!(cell["mapping"], "same");
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "YOY-CARRY")
        .expect("YOY-CARRY in the JSON");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["cells"][0], "t3/carried_in/natural");
    assert_eq!(f["cells"][1], "prior:t3/carried_out/natural");
    assert_eq!(f["fix"]["value"], truth.to_string());
    let sections = v["sections"].as_array().unwrap();
    assert!(sections.iter().any(|s| s["section"] == "一、总体情况"));
    assert!(sections.iter().all(|s| s["pieces"].as_array().is_some()));
    // check --prior gives the same cross-year finding
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["check", "--format", "json", "--prior"])
        .arg(&pp)
        .arg(&cp)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v[0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule"] == "YOY-CARRY"));
    // --prior auto finds the same agency's report of the year before in the folder
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["check", "--prior", "auto"])
        .arg(&cp)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("prior report: {}", pp.display())),
        "{err}"
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("YOY-CARRY"));
    let _ = std::fs::remove_dir_all(&dir);
}

// ---- the diff view ----

use nianbao::tui::action::Action;
use nianbao::tui::app::{update, App, Msg, Settings};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn screen(app: &App) -> String {
    let mut t = Terminal::new(TestBackend::new(app.size().0, app.size().1)).unwrap();
    t.draw(|f| nianbao::tui::view::view(app, f)).unwrap();
    common::screen::screen(t.backend().buffer())
}

fn demo_pair(size: (u16, u16)) -> App {
    let prior_text = include_str!("../src/demo/demo-2023.txt")
        .replace("2023", "2022")
        .replace(
            "| 30 | 8 | 0 | 1 | 2 | 3 | 44 |",
            "| 25 | 8 | 0 | 1 | 2 | 3 | 39 |",
        )
        .replace(
            "四、结转下年度继续办理 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |",
            "四、结转下年度继续办理 | 1 | 2 | 0 | 0 | 0 | 0 | 3 |",
        )
        .replace(
            "全年通过门户网站主动公开政府信息312条",
            "全年主动公开政府信息280条",
        );
    let prior = nianbao::read_text("2022.txt", prior_text, Encoding::Utf8, "1".repeat(64));
    let report = nianbao::read_text(
        "2023.txt",
        include_str!("../src/demo/demo-2023.txt").to_string(),
        Encoding::Utf8,
        "0".repeat(64),
    );
    let app = App::new(
        report,
        Vec::new(),
        0,
        nianbao::tui::keymap::Keymap::load(None).unwrap(),
        Settings::default(),
    );
    let mut app = app.with_prior(prior, 0.8);
    update(&mut app, Msg::Resize(size.0, size.1));
    app
}

/// An app on a pair of fixture files (this year's, last year's) at a size, diff open.
fn file_pair(prior: &str, current: &str, size: (u16, u16)) -> App {
    // relative (tests run in the package's folder), so the snapshots hold no checkout path
    let dir = std::path::Path::new("tests/fixtures/corpus");
    let open = |p: &str| nianbao::input::open_report(&dir.join(p)).unwrap();
    let app = App::new(
        open(current),
        Vec::new(),
        0,
        nianbao::tui::keymap::Keymap::load(None).unwrap(),
        Settings::default(),
    );
    let mut app = app.with_prior(open(prior), 0.8);
    update(&mut app, Msg::Resize(size.0, size.1));
    update(&mut app, Msg::Action(Action::Diff));
    assert!(app.diff_view());
    app
}

/// Whether the line of the cursor's change is on screen.
fn cursor_in_view(app: &App) -> bool {
    let k = app.diff_cursor().expect("a cursor");
    let line = app.diff_changes()[k].line;
    let h = app.size().1 as usize - 5;
    (app.diff_scroll()..app.diff_scroll() + h).contains(&line)
}

#[test]
fn diff_view_snapshots() {
    let mut app = demo_pair((80, 24));
    update(&mut app, Msg::Action(Action::Diff));
    assert!(app.diff_view());
    let s = screen(&app);
    assert!(
        s.contains("year diff") && s.contains("2022") && s.contains("cells changed"),
        "{s}"
    );
    insta::assert_snapshot!("diff_80x24", s);
    let mut wide = demo_pair((160, 48));
    update(&mut wide, Msg::Action(Action::Diff));
    insta::assert_snapshot!("diff_160x48", screen(&wide));
    // a real agency's two consecutive years
    let real = |size| {
        file_pair(
            "real/009_huaian_hongze_qu_gov_2023.txt",
            "real/010_huaian_hongze_qu_gov_2024.txt",
            size,
        )
    };
    let mut narrow = real((80, 24));
    insta::assert_snapshot!("diff_real_80x24", screen(&narrow));
    update(&mut narrow, Msg::Action(Action::NextChange));
    insta::assert_snapshot!("diff_real_80x24_cursor", screen(&narrow));
    while narrow.diff_page().0 == 0 {
        update(&mut narrow, Msg::Action(Action::NextChange));
    }
    insta::assert_snapshot!("diff_real_80x24_page2", screen(&narrow));
    let mut wide = real((160, 48));
    update(&mut wide, Msg::Action(Action::NextChange));
    insta::assert_snapshot!("diff_real_160x48", screen(&wide));
    // across the change of format: rows only one year's format has
    let cross = file_pair(
        "wild/208_pingtan_shijianju_2019.txt",
        "wild/224_pingtan_shijianju_2021.txt",
        (160, 48),
    );
    insta::assert_snapshot!("diff_cross_160x48", screen(&cross));
}

fn real_pair(size: (u16, u16)) -> App {
    file_pair(
        "real/009_huaian_hongze_qu_gov_2023.txt",
        "real/010_huaian_hongze_qu_gov_2024.txt",
        size,
    )
}

#[test]
fn c_and_shift_c_move_a_cursor_through_every_change_keeping_it_in_view() {
    let mut app = real_pair((80, 24));
    let n = app.diff_changes().len();
    assert!(n > 10, "the real pair has many changes: {n}");
    assert_eq!(app.diff_cursor(), None);
    let mut pages_seen = std::collections::BTreeSet::new();
    let mut turns = 0;
    for k in 0..n {
        let page = app.diff_page().0;
        update(&mut app, Msg::Action(Action::NextChange));
        turns += usize::from(app.diff_page().0 != page);
        assert_eq!(app.diff_cursor(), Some(k));
        assert!(cursor_in_view(&app), "change {k} scrolled into view");
        let change = &app.diff_changes()[k];
        assert_eq!(
            app.diff_page().0,
            change.page,
            "change {k}: its columns shown"
        );
        pages_seen.insert(change.page);
        let s = screen(&app);
        assert!(
            s.contains(&format!("change {} of {n}", k + 1)),
            "status names the change: {s}"
        );
    }
    assert_eq!(
        pages_seen.len(),
        2,
        "t3's 总计 column is on the second page at 80 columns"
    );
    assert_eq!(
        turns, 2,
        "a table's changes page by page: to t3's second page and back"
    );
    // a wider screen keeps the cursor on its cell
    let key = app.diff_changes()[app.diff_cursor().unwrap()].key.clone();
    update(&mut app, Msg::Resize(160, 48));
    assert_eq!(app.diff_changes()[app.diff_cursor().unwrap()].key, key);
    update(&mut app, Msg::Resize(80, 24));
    update(&mut app, Msg::Action(Action::NextChange));
    assert_eq!(app.diff_cursor(), Some(n - 1), "stays on the last change");
    assert!(app.message().unwrap().0.contains("no more changes below"));
    for k in (0..n - 1).rev() {
        update(&mut app, Msg::Action(Action::PrevChange));
        assert_eq!(app.diff_cursor(), Some(k));
        assert!(
            cursor_in_view(&app),
            "change {k} scrolled into view going back"
        );
    }
    update(&mut app, Msg::Action(Action::PrevChange));
    assert_eq!(app.diff_cursor(), Some(0));
    assert!(app.message().unwrap().0.contains("no more changes above"));
}

#[test]
fn the_cursor_cell_is_drawn_reversed_without_colour() {
    // relative (tests run in the package's folder), so the snapshots hold no checkout path
    let dir = std::path::Path::new("tests/fixtures/corpus");
    let open = |p: &str| nianbao::input::open_report(&dir.join(p)).unwrap();
    let settings = Settings {
        color: false,
        ..Settings::default()
    };
    let app = App::new(
        open("real/010_huaian_hongze_qu_gov_2024.txt"),
        Vec::new(),
        0,
        nianbao::tui::keymap::Keymap::load(None).unwrap(),
        settings,
    );
    let mut app = app.with_prior(open("real/009_huaian_hongze_qu_gov_2023.txt"), 0.8);
    update(&mut app, Msg::Resize(80, 24));
    update(&mut app, Msg::Action(Action::Diff));
    update(&mut app, Msg::Action(Action::NextChange));
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| nianbao::tui::view::view(&app, f)).unwrap();
    let buf = t.backend().buffer();
    let line = app.diff_changes()[0].line - app.diff_scroll();
    let y = 2 + line as u16;
    let reversed: String = (0..80)
        .map(|x| &buf[(x, y)])
        .filter(|c| c.modifier.contains(ratatui::style::Modifier::REVERSED))
        .map(|c| c.symbol().to_string())
        .collect();
    assert_eq!(
        reversed.trim(),
        "0       3*",
        "the cursor cell, last | this and its mark"
    );
    assert!((0..80).all(|x| buf[(x, y)].fg == ratatui::style::Color::Reset));
}

#[test]
fn columns_page_at_80_and_all_fit_at_160() {
    let mut app = demo_pair((80, 24));
    update(&mut app, Msg::Action(Action::Diff));
    assert_eq!(app.diff_page(), (0, 2));
    assert!(nianbao::tui::view::hints(&app).contains("</> columns"));
    update(&mut app, Msg::Action(Action::Bottom));
    update(&mut app, Msg::Action(Action::PageRight));
    assert_eq!(app.diff_page(), (1, 2));
    let all: Vec<String> = app
        .diff_lines()
        .iter()
        .map(|l| l.segs.iter().map(|s| s.0.as_str()).collect())
        .collect();
    let t3 = all.iter().position(|l| l.starts_with("t3 ─")).unwrap();
    assert!(all[t3].ends_with("column 7 of 7"), "{}", all[t3]);
    assert_eq!(all[t3 + 1].trim(), "总计", "page 2 shows 总计 only");
    assert_eq!(
        all[t3 + 3].split_whitespace().collect::<Vec<_>>(),
        ["新收", "39", "44*"]
    );
    update(&mut app, Msg::Action(Action::PageRight));
    assert_eq!(app.diff_page().0, 1);
    assert!(app
        .message()
        .unwrap()
        .0
        .contains("no more columns to the right"));
    update(&mut app, Msg::Action(Action::MoveLeft));
    assert_eq!(app.diff_page().0, 0, "left pages back too");
    update(&mut app, Msg::Action(Action::PageLeft));
    assert!(app
        .message()
        .unwrap()
        .0
        .contains("no more columns to the left"));
    assert!(app.diff_view(), "paging keeps the diff open");
    let mut wide = demo_pair((160, 48));
    update(&mut wide, Msg::Action(Action::Diff));
    assert_eq!(wide.diff_page(), (0, 1), "every column fits at 160");
    let s = screen(&wide);
    let heads = s
        .lines()
        .skip_while(|l| !l.starts_with("t3 ─"))
        .nth(1)
        .unwrap();
    for h in ["自然人", "商业", "科研", "公益", "法律", "其他", "总计"] {
        assert!(heads.contains(h), "{h} in {heads}");
    }
    assert!(s.contains("25   30*") && s.contains("39   44*"), "{s}");
    // narrowing the screen pages again, keeping the page in range
    update(&mut wide, Msg::Action(Action::PageRight));
    update(&mut wide, Msg::Resize(80, 24));
    assert_eq!(wide.diff_page(), (0, 2));
}

#[test]
fn rows_only_one_format_has_are_shown_as_such() {
    let app = file_pair(
        "wild/208_pingtan_shijianju_2019.txt",
        "wild/224_pingtan_shijianju_2021.txt",
        (160, 48),
    );
    let lines: Vec<String> = app
        .diff_lines()
        .iter()
        .map(|l| l.segs.iter().map(|s| s.0.as_str()).collect())
        .collect();
    let row = |label: &str| {
        lines
            .iter()
            .find(|l| l.starts_with(label))
            .unwrap_or_else(|| panic!("{label}: {lines:#?}"))
            .split_whitespace()
            .skip(1)
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    // 2019's 其他对外管理服务事项 and 政府集中采购: last year only, n/a this year
    for r in ["其他对外服务", "集中采购"] {
        let cells = row(r);
        assert!(!cells.is_empty());
        assert!(
            cells.iter().skip(1).step_by(2).all(|v| v == "n/a+"),
            "{r}: {cells:?}"
        );
    }
    // 2021's three 其他处理 rows: this year only
    for r in ["其他·不补正", "其他·未缴费", "其他·其他"] {
        let cells = row(r);
        assert_eq!(cells.len(), 14, "{r}: {cells:?}");
        assert!(
            cells.iter().step_by(2).all(|v| v == "n/a"),
            "{r}: {cells:?}"
        );
        assert!(cells.iter().skip(1).step_by(2).all(|v| v.ends_with('+')));
    }
    // 2019's one row against the sum of 2021's three, just before them
    let sum = lines
        .iter()
        .position(|l| l.starts_with("其他处理(合计)"))
        .unwrap();
    assert!(
        lines[sum + 1].starts_with("其他·不补正"),
        "{:?}",
        &lines[sum..sum + 2]
    );
}

#[test]
fn columns_stay_aligned_when_ambiguous_characters_are_wide() {
    // — (a missing value) and · (in short labels) are East Asian ambiguous
    for amb in [1u8, 2] {
        let prior_text = include_str!("../src/demo/demo-2023.txt").replace("2023", "2022");
        let prior = nianbao::read_text("2022.txt", prior_text, Encoding::Utf8, "1".repeat(64));
        let report = nianbao::read_text(
            "2023.txt",
            include_str!("../src/demo/demo-2023.txt").to_string(),
            Encoding::Utf8,
            "0".repeat(64),
        );
        let settings = Settings {
            ambiguous_width: amb,
            ..Settings::default()
        };
        let keymap = nianbao::tui::keymap::Keymap::load(None).unwrap();
        let mut app = App::new(report, Vec::new(), 0, keymap, settings).with_prior(prior, 0.8);
        update(&mut app, Msg::Resize(160, 48));
        let w = |l: &nianbao::tui::diffview::DLine| {
            l.segs
                .iter()
                .map(|s| nianbao::tui::draw::width(&s.0, amb == 2))
                .sum::<u16>()
        };
        let lines = app.diff_lines();
        let at = |label: &str| {
            lines
                .iter()
                .find(|l| l.segs[0].0.starts_with(label))
                .unwrap()
        };
        // 规章 reads values, 规范性文件 has none (— —): the same width either way
        assert_eq!(w(at("规章")), w(at("规范性文件")), "ambiguous width {amb}");
        assert_eq!(
            w(at("新收")),
            w(at("不予·国家秘密")),
            "ambiguous width {amb}"
        );
    }
}

#[test]
fn diff_key_without_a_prior_says_so() {
    let report = nianbao::read_text(
        "2023.txt",
        include_str!("../src/demo/demo-2023.txt").to_string(),
        Encoding::Utf8,
        "0".repeat(64),
    );
    let mut app = App::new(
        report,
        Vec::new(),
        0,
        nianbao::tui::keymap::Keymap::load(None).unwrap(),
        Settings::default(),
    );
    update(&mut app, Msg::Action(Action::Diff));
    assert!(!app.diff_view());
    assert!(app.message().unwrap().0.contains("--prior"));
    for a in [Action::NextChange, Action::PageRight] {
        update(&mut app, Msg::Action(a));
        assert!(app.message().unwrap().0.contains("not open"), "{a}");
    }
}

#[test]
fn every_cross_year_finding_is_in_the_catalogue_with_a_formula_and_its_words() {
    let mut ids = std::collections::BTreeSet::new();
    let mut problems = Vec::new();
    for seed in 0..12u64 {
        let template = [Template::Y2019, Template::Y2021][(seed % 2) as usize];
        // unrelated reports: other agency, other numbers, a year apart or not
        let mut prior = Generated::new(seed + 500, template, Layout::Pipes);
        let current = Generated::new(seed, template, Layout::Pipes);
        prior.year = current.year - 1 - (seed % 3) as i32;
        let d = diff::diff(&read(&prior, "a.txt"), &read(&current, "b.txt"), 0.0);
        for f in &d.findings {
            ids.insert(f.rule);
            match nianbao::check::rules::rule(f.rule) {
                Some(r) if !r.formula.is_empty() && r.worded(&f.message) => {}
                _ => problems.push(format!("seed {seed}: {} {:?}", f.rule, f.message)),
            }
        }
    }
    for id in [
        "YOY-CARRY",
        "YOY-AGENCY",
        "TEXT-COPIED",
        "YOY-IN-FORCE",
        "YOY-PUBLISHED",
    ] {
        assert!(ids.contains(id), "no pair gives {id}: {ids:?}");
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn diff_view_snapshots_in_chinese() {
    use nianbao::lang::{self, Lang};
    lang::with(Lang::Zh, || {
        for (w, h) in [(80u16, 24u16), (160, 48)] {
            let mut app = demo_pair((w, h));
            update(&mut app, Msg::Action(Action::Diff));
            update(&mut app, Msg::Action(Action::NextChange));
            let s = screen(&app);
            assert!(
                s.contains("年度对比") && s.contains("第 1 处变化") && s.contains("2022 2023"),
                "{s}"
            );
            let hint = s.lines().last().unwrap();
            assert!(hint.contains("? 帮助") && hint.contains("q 退出"), "{hint}");
            insta::assert_snapshot!(format!("diff_zh_{w}x{h}"), s);
        }
        let mut narrow = real_pair((80, 24));
        while narrow.diff_page().0 == 0 {
            update(&mut narrow, Msg::Action(Action::NextChange));
        }
        let s = screen(&narrow);
        assert!(
            s.contains("列，共 7 列"),
            "the page of columns is said: {s}"
        );
        insta::assert_snapshot!("diff_zh_real_80x24_page2", s);
    });
}
