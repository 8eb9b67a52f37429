//! Folder review over 1,000 generated reports: the time from `nianbao review DIR` to
//! the inbox's first frame (the folder walked, nothing read yet), the time until every
//! report is read and the prior years paired, and how long the screen takes to answer
//! a key while the folder is being read (a key and a redraw after each batch of rows,
//! as the event loop does). Three runs; the files stay in the page cache after the first.
//!
//!     cargo bench --bench inbox            (NIANBAO_BENCH_REPORTS=N for another count)

#[path = "../tests/common/gen.rs"]
#[allow(dead_code)] // the generator is shared with the tests; the bench uses part of it
mod gen;

use gen::Generated;
use nianbao::tui::action::Action;
use nianbao::tui::app::Settings;
use nianbao::tui::folder;
use nianbao::tui::inbox::{update, Inbox, InboxMsg};
use nianbao::tui::keymap::Keymap;
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::path::Path;
use std::time::{Duration, Instant};

/// The binary's allocator, so the figures are what `nianbao review DIR` does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn generate(dir: &Path, n: u64) {
    for i in 0..n {
        let mut g = Generated::random(0x1B0C_0000 + i);
        if i % 10 == 9 {
            g.inject_error("t4", i);
        }
        let name = format!("{i:05}-{}-{}.txt", g.template.id(), g.layout.name());
        std::fs::write(dir.join(name), g.render()).expect("write report");
    }
}

struct Run {
    first_frame: Duration,
    all_read: Duration,
    key_worst: Duration,
    key_median: Duration,
}

fn one_run(dir: &Path) -> Run {
    let start = Instant::now();
    let (total, rows) = folder::start(&[dir.to_path_buf()]);
    let mut inbox = Inbox::new(total, Keymap::load(None).unwrap(), Settings::default());
    update(&mut inbox, InboxMsg::Resize(80, 24));
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    term.draw(|f| nianbao::tui::inboxview::view(&inbox, f))
        .unwrap();
    let first_frame = start.elapsed();
    let mut keys = Vec::new();
    while let Ok(first) = rows.recv() {
        let t = Instant::now();
        let mut done = matches!(first, InboxMsg::AllRead);
        update(&mut inbox, first);
        for m in rows.try_iter().take(63) {
            done |= matches!(m, InboxMsg::AllRead);
            update(&mut inbox, m);
        }
        update(&mut inbox, InboxMsg::Action(Action::MoveDown));
        term.draw(|f| nianbao::tui::inboxview::view(&inbox, f))
            .unwrap();
        keys.push(t.elapsed());
        if done {
            break;
        }
    }
    let all_read = start.elapsed();
    assert_eq!(inbox.read(), total, "every report read");
    keys.sort();
    Run {
        first_frame,
        all_read,
        key_worst: keys.last().copied().unwrap_or_default(),
        key_median: keys.get(keys.len() / 2).copied().unwrap_or_default(),
    }
}

fn main() {
    let n: u64 = std::env::var("NIANBAO_BENCH_REPORTS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000);
    let dir = std::env::temp_dir().join(format!("nianbao-bench-inbox-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    generate(&dir, n);
    println!(
        "{n} reports, {} threads reading",
        rayon::current_num_threads()
    );
    for run in 1..=3 {
        let r = one_run(&dir);
        println!(
            "run {run}: first frame {:.1?}, all read and paired {:.2?}, a key answered in {:.1?} (median) / {:.1?} (worst) while reading",
            r.first_frame, r.all_read, r.key_median, r.key_worst
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
