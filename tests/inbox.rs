//! Folder review without a terminal: a folder of the shared corpus read as the edge
//! reads it, the inbox's `update` driven key by key (sort, filter, open a report, the
//! next and previous report, back), and its screen rendered into ratatui's TestBackend.

use crossterm::event::{KeyCode, KeyModifiers};
use nianbao::check::batch::{self, Outcome};
use nianbao::lang::{self, Lang};
use nianbao::model::marks::ReviewState;
use nianbao::model::Severity;
use nianbao::record::corrections::{Act, Entry, Kind, Store};
use nianbao::tui::action::Action;
use nianbao::tui::folder;
use nianbao::tui::inbox::{Inbox, InboxMsg, Sort};
use nianbao::tui::keymap::Keymap;
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::path::Path;
use unicode_width::UnicodeWidthStr;

mod common;
use common::inbox::*;
use common::screen::screen;
use common::tempdir::TempDir;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/corpus/");

const HONGZE_2023: &str = "009_huaian_hongze_qu_gov_2023.txt";
const HONGZE_2024: &str = "010_huaian_hongze_qu_gov_2024.txt";
const REVIEWED: &str = "cells-2019-ok.txt";

/// A folder of corpus reports (both formats, a prior-year pair), an empty file that
/// cannot be read, and files of nianbao's own that the walk must skip; one report is
/// marked reviewed in its journal. A fixed name, so the paths in snapshots are too.
fn folder(name: &str) -> TempDir {
    let dir = std::env::temp_dir().join(format!("nianbao-inbox-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let dir = TempDir(dir);
    for f in [
        "real/009_huaian_hongze_qu_gov_2023.txt",
        "real/010_huaian_hongze_qu_gov_2024.txt",
        "real/011_huaian_shi_gov_2024.txt",
        "dev/flat-2021-err.txt",
        "dev/cells-2019-ok.txt",
        "seeds/000_f223ec39e1a449f8.txt",
    ] {
        let bytes = std::fs::read(format!("{CORPUS}{f}")).unwrap();
        dir.file(f.rsplit('/').next().unwrap(), &bytes);
    }
    dir.file("empty.txt", b"");
    dir.file("notes.nianbao.json", b"{}");
    mark_reviewed(&dir.0.join(REVIEWED));
    dir
}

fn mark_reviewed(path: &Path) {
    let report = nianbao::input::open_report(path).unwrap();
    let w = Store::for_report(path).writer().unwrap();
    w.append(&Entry {
        seq: 1,
        kind: Kind::Review,
        action: Act::Set,
        of: None,
        cell: String::new(),
        old: None,
        new: Some("reviewed".into()),
        reason: String::new(),
        reviewer: "wang".into(),
        time: "2026-12-05T10:00:00Z".into(),
        sha256: Some(report.source.sha256.clone()),
    })
    .unwrap();
}

#[test]
fn the_folder_is_read_counted_as_check_counts_and_prior_years_paired() {
    let dir = folder("read");
    let (inbox, _) = inbox_of(&dir.0, (80, 24));
    assert_eq!(
        inbox.total(),
        7,
        "six reports and the empty file; nianbao's own skipped"
    );
    assert!(inbox.all_read());
    assert_eq!(inbox.shown().len(), 7);
    assert_eq!(inbox.reviewed(), 1);
    assert_eq!(row_named(&inbox, REVIEWED).state, ReviewState::Reviewed);
    assert!(row_named(&inbox, "empty.txt").unreadable.is_some());
    let later = row_named(&inbox, HONGZE_2024);
    assert_eq!(
        later.prior.as_deref(),
        Some(dir.0.join(HONGZE_2023).as_path())
    );
    assert_eq!(row_named(&inbox, HONGZE_2023).prior, None);
    for r in inbox.rows().filter(|r| r.unreadable.is_none()) {
        let Outcome::Checked { report, findings } = batch::check_file(&r.path, &|p, rep| {
            nianbao::record::corrections::apply_saved(p, rep).map(|_| ())
        }) else {
            panic!("{} reads", r.name)
        };
        let n = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
        assert_eq!(
            (r.errors, r.warnings),
            (n(Severity::Error), n(Severity::Warning))
        );
        assert_eq!(r.agency, report.meta.agency);
        assert_eq!(r.format, report.meta.template.map(|t| t.id()));
    }
    assert!(
        inbox.rows().any(|r| r.errors > 0),
        "the folder has errors to show"
    );
}

#[test]
fn sort_cycles_and_filters_narrow_the_list() {
    let dir = folder("sort");
    let (mut inbox, mut edge) = inbox_of(&dir.0, (80, 24));
    assert_eq!(inbox.selected(), 0);
    edge.carry_out(
        &mut inbox,
        InboxMsg::Report(nianbao::tui::app::Msg::Scroll(3)),
    );
    assert_eq!(inbox.selected(), 3, "the mouse wheel moves down the list");
    press(&mut inbox, &mut edge, 'g');
    assert_eq!(inbox.selected(), 0);
    assert_eq!(inbox.sort(), Sort::Agency);
    press(&mut inbox, &mut edge, 's');
    assert_eq!(inbox.sort(), Sort::Year);
    let years: Vec<i32> = inbox
        .shown()
        .iter()
        .filter_map(|&i| inbox.row(i).unwrap().year)
        .collect();
    assert!(
        years.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {years:?}"
    );
    press(&mut inbox, &mut edge, 's');
    assert_eq!(inbox.sort(), Sort::Errors);
    let first = inbox.row(inbox.shown()[0]).unwrap();
    assert!(
        first.unreadable.is_some(),
        "the unreadable file heads the errors"
    );
    let errors: Vec<usize> = inbox.shown()[1..]
        .iter()
        .map(|&i| inbox.row(i).unwrap().errors)
        .collect();
    assert!(errors.windows(2).all(|w| w[0] >= w[1]), "{errors:?}");
    press(&mut inbox, &mut edge, 's');
    assert_eq!(inbox.sort(), Sort::State);
    let last = inbox.row(*inbox.shown().last().unwrap()).unwrap();
    assert_eq!(last.name, REVIEWED, "reviewed reports last");

    // a filter typed over agency or file name; esc clears it
    press(&mut inbox, &mut edge, '/');
    for c in "洪泽".chars() {
        press(&mut inbox, &mut edge, c);
    }
    let mut names = shown_names(&inbox);
    names.sort();
    assert_eq!(names, vec![HONGZE_2023, HONGZE_2024]);
    edge.carry_out(&mut inbox, InboxMsg::Cancel);
    assert_eq!(inbox.shown().len(), 7);

    press(&mut inbox, &mut edge, 'u');
    assert!(!shown_names(&inbox).contains(&REVIEWED.to_string()));
    assert_eq!(inbox.shown().len(), 6);
    press(&mut inbox, &mut edge, 'u');
    press(&mut inbox, &mut edge, 'e');
    assert!(inbox.shown().len() < 7);
    for &i in inbox.shown() {
        let r = inbox.row(i).unwrap();
        assert!(r.errors > 0 || r.unreadable.is_some(), "{}", r.name);
    }
}

#[test]
fn a_report_opens_moves_on_after_writing_and_comes_back() {
    let dir = folder("open");
    let (mut inbox, mut edge) = inbox_of(&dir.0, (80, 24));
    select(&mut inbox, &mut edge, HONGZE_2023);
    key(&mut inbox, &mut edge, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(open_name(&inbox).as_deref(), Some(HONGZE_2023));
    assert!(edge.holds_lock());
    let said = &inbox.open().unwrap().app.message().unwrap().0;
    assert!(
        said.contains("alt-n / alt-p next / previous report"),
        "{said}"
    );

    // a correction, then the next report: it is written first, and said
    act(&mut inbox, &mut edge, Action::NextError);
    act(&mut inbox, &mut edge, Action::Edit);
    key(
        &mut inbox,
        &mut edge,
        KeyCode::Char('u'),
        KeyModifiers::CONTROL,
    );
    press(&mut inbox, &mut edge, '9');
    key(&mut inbox, &mut edge, KeyCode::Enter, KeyModifiers::NONE);
    key(&mut inbox, &mut edge, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(inbox.open().unwrap().app.unsaved(), 1);
    let corrections = dir.0.join(format!("{HONGZE_2023}.nianbao.json"));
    assert!(!corrections.exists());
    let order = shown_names(&inbox);
    let at = order.iter().position(|n| n == HONGZE_2023).unwrap();
    key(&mut inbox, &mut edge, KeyCode::Char('n'), KeyModifiers::ALT);
    assert!(corrections.exists(), "written before moving on");
    let next = open_name(&inbox).unwrap();
    assert_eq!(next, order[at + 1]);
    let said = inbox.open().unwrap().app.message().unwrap().0.clone();
    assert!(said.contains("written before moving on"), "{said}");
    // the row left is read again: its correction makes it in progress
    assert_eq!(
        row_named(&inbox, HONGZE_2023).state,
        ReviewState::InProgress
    );

    // back to it, nothing to write, then q: the inbox, the lock released
    key(&mut inbox, &mut edge, KeyCode::Char('p'), KeyModifiers::ALT);
    assert_eq!(open_name(&inbox).as_deref(), Some(HONGZE_2023));
    press(&mut inbox, &mut edge, 'q');
    assert!(inbox.open().is_none());
    assert!(!edge.holds_lock());
    assert_eq!(inbox.selected_row().unwrap().name, HONGZE_2023);

    // the report of 2024 opens with its prior: the year diff works; esc comes back
    select(&mut inbox, &mut edge, HONGZE_2024);
    key(&mut inbox, &mut edge, KeyCode::Enter, KeyModifiers::NONE);
    let app = &inbox.open().unwrap().app;
    assert!(
        app.session().prior().is_some(),
        "prior passed to the report"
    );
    press(&mut inbox, &mut edge, 'd');
    assert!(inbox.open().unwrap().app.diff_view());
    edge.carry_out(&mut inbox, InboxMsg::Cancel);
    assert!(inbox.open().is_some(), "esc closes the diff first");
    edge.carry_out(&mut inbox, InboxMsg::Cancel);
    assert!(inbox.open().is_none(), "then leaves the report");
    assert!(press(&mut inbox, &mut edge, 'q'), "q in the inbox quits");
}

#[test]
fn the_first_frame_shows_progress_before_any_report_is_read() {
    let dir = folder("first");
    let (total, _rows) = folder::start(std::slice::from_ref(&dir.0));
    let inbox = Inbox::new(total, Keymap::load(None).unwrap(), settings());
    let s = screen(&render(&inbox, (80, 24)));
    assert!(s.contains("reading 0 / 7"), "{s}");
    assert!(s.contains("0 / 7 reviewed"), "{s}");
}

fn render(inbox: &Inbox, size: (u16, u16)) -> ratatui::buffer::Buffer {
    let mut t = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
    t.draw(|f| nianbao::tui::inboxview::view(inbox, f)).unwrap();
    t.backend().buffer().clone()
}

fn snapshot(lang: Lang, size: (u16, u16), reviewed: &str) -> String {
    let name = format!("snap-{lang:?}-{}", size.0);
    let dir = folder(&name);
    lang::with(lang, || {
        let (inbox, _) = inbox_of(&dir.0, size);
        let s = screen(&render(&inbox, size));
        assert!(s.contains(reviewed), "{s}");
        for line in s.lines() {
            assert!(line.width() <= usize::from(size.0), "{line}");
        }
        assert!(s.contains("洪泽区"), "agencies shown: {s}");
        s.replace(&dir.0.display().to_string(), "DIR")
    })
}

#[test]
fn snapshot_inbox_80x24_en() {
    let s = snapshot(Lang::En, (80, 24), "1 / 7 reviewed");
    insta::assert_snapshot!("inbox_80x24_en", s);
}

#[test]
fn snapshot_inbox_80x24_zh() {
    let s = snapshot(Lang::Zh, (80, 24), "已审核 1 / 7");
    insta::assert_snapshot!("inbox_80x24_zh", s);
}

#[test]
fn snapshot_inbox_160x48_en() {
    let s = snapshot(Lang::En, (160, 48), "1 / 7 reviewed");
    assert!(s.contains("file"), "the file name column from 140: {s}");
    insta::assert_snapshot!("inbox_160x48_en", s);
}

#[test]
fn snapshot_inbox_160x48_zh() {
    let s = snapshot(Lang::Zh, (160, 48), "已审核 1 / 7");
    insta::assert_snapshot!("inbox_160x48_zh", s);
}
