//! End to end: the real binary in a pseudo-terminal (tmux), as an auditor uses it
//! over SSH. `.ci/run` installs tmux; without it these tests fail, never skip.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_nianbao");
const DEMO: &str = include_str!("../src/demo/demo-2023.txt");

struct Tmux {
    socket: String,
    dir: PathBuf,
}

fn tmux(socket: &str, args: &[&str]) -> String {
    let out = Command::new("tmux")
        .arg("-L")
        .arg(socket)
        .args(args)
        .output()
        .expect("tmux must be installed (.ci/run installs it)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

impl Tmux {
    fn new(name: &str) -> Tmux {
        let dir = std::env::temp_dir().join(format!("nianbao-e2e-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Tmux {
            socket: format!("nianbao-{name}-{}", std::process::id()),
            dir,
        }
    }

    fn start(&self, session: &str, env: &str, args: &str, size: (u16, u16)) {
        let home = self.dir.join("home");
        let cmd = format!(
            "cd {} && exec env HOME={} XDG_DATA_HOME={}/data XDG_CONFIG_HOME={}/config USER=auditor TERM=xterm-256color {env} {BIN} {args}",
            self.dir.display(),
            home.display(),
            home.display(),
            home.display()
        );
        let (w, h) = (size.0.to_string(), size.1.to_string());
        tmux(
            &self.socket,
            &["new-session", "-d", "-s", session, "-x", &w, "-y", &h, &cmd],
        );
        tmux(
            &self.socket,
            &["set-option", "-t", session, "remain-on-exit", "on"],
        );
    }

    fn keys(&self, session: &str, keys: &[&str]) {
        for k in keys {
            tmux(&self.socket, &["send-keys", "-t", session, k]);
            std::thread::sleep(Duration::from_millis(40));
        }
    }

    fn literal(&self, session: &str, text: &str) {
        tmux(&self.socket, &["send-keys", "-t", session, "-l", text]);
        std::thread::sleep(Duration::from_millis(40));
    }

    fn screen(&self, session: &str) -> String {
        tmux(&self.socket, &["capture-pane", "-p", "-t", session])
    }

    fn wait_for(&self, session: &str, text: &str) -> String {
        let t0 = Instant::now();
        loop {
            let s = self.screen(session);
            if s.contains(text) {
                return s;
            }
            if t0.elapsed() > Duration::from_secs(10) {
                panic!("timed out waiting for {text:?}; the screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn pid(&self, session: &str) -> String {
        tmux(
            &self.socket,
            &["display-message", "-p", "-t", session, "#{pane_pid}"],
        )
        .trim()
        .to_string()
    }

    fn dead(&self, session: &str) -> bool {
        tmux(
            &self.socket,
            &["display-message", "-p", "-t", session, "#{pane_dead}"],
        )
        .trim()
            == "1"
    }

    fn wait_exit(&self, session: &str) {
        let t0 = Instant::now();
        while !self.dead(session) {
            assert!(
                t0.elapsed() < Duration::from_secs(10),
                "the program did not exit:\n{}",
                self.screen(session)
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn report(&self, text: &str) -> PathBuf {
        let p = self.dir.join("report.txt");
        std::fs::write(&p, text).unwrap();
        p
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        tmux(&self.socket, &["kill-server"]);
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn corrections(p: &Path) -> serde_json::Value {
    let f = p.with_file_name(format!(
        "{}.nianbao.json",
        p.file_name().unwrap().to_string_lossy()
    ));
    serde_json::from_str(
        &std::fs::read_to_string(&f).unwrap_or_else(|e| panic!("{}: {e}", f.display())),
    )
    .unwrap()
}

fn export_value(p: &Path, key: &str, original: bool) -> (String, String) {
    let mut c = Command::new(BIN);
    c.arg("export").arg(p);
    if original {
        c.arg("--original");
    }
    let out = c.output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let cell = v["cells"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["key"] == key)
        .unwrap()
        .clone();
    (
        cell["value"].to_string(),
        cell["origin"].as_str().unwrap().to_string(),
    )
}

/// On the demo report: go to the first finding (t3/unable.not_held/natural, printed 7),
/// correct it to 6 with `reason`, write, quit.
fn correct_first_finding(t: &Tmux, session: &str, reason: &str) {
    t.wait_for(session, "示范街道办事处");
    t.keys(session, &["]"]);
    t.wait_for(session, "t3/unable.not_held/natural");
    t.keys(session, &["e", "C-u"]);
    t.literal(session, "6");
    t.keys(session, &["Enter"]);
    t.wait_for(session, "reason for");
    t.literal(session, reason);
    t.keys(session, &["Enter"]);
    t.wait_for(session, "1 correction recorded");
    t.keys(session, &["w"]);
    t.wait_for(session, "corrections written");
    t.keys(session, &["q"]);
    t.wait_exit(session);
}

#[test]
fn edit_write_quit_then_find_the_correction() {
    let t = Tmux::new("edit");
    let p = t.report(DEMO);
    t.start("s", "", "review report.txt", (100, 30));
    correct_first_finding(&t, "s", "PDF page 3 says 6");
    let c = corrections(&p);
    let e = &c["trail"][0];
    assert_eq!(e["cell"], "t3/unable.not_held/natural");
    assert_eq!(
        (e["old"].as_str(), e["new"].as_str()),
        (Some("7"), Some("6"))
    );
    assert_eq!(e["reason"], "PDF page 3 says 6");
    assert_eq!(e["reviewer"], "auditor");
    assert_eq!(c["report"]["sha256"].as_str().unwrap().len(), 64);
    // check and export apply it; --original ignores it
    assert_eq!(
        export_value(&p, "t3/unable.not_held/natural", false),
        ("6".into(), "corrected".into())
    );
    assert_eq!(
        export_value(&p, "t3/unable.not_held/natural", true),
        ("7".into(), "read".into())
    );
    let lock = p.with_file_name("report.txt.nianbao.lock");
    assert!(!lock.exists(), "the lock is released on quit");
}

#[test]
fn a_pdf_is_reviewed_and_corrected_like_its_text() {
    // the demo report published as a PDF (labels wrapped in ruled cells), named .pdf
    use common::publish::{published, to_pdf, PdfFonts, Wrap};
    let t = Tmux::new("pdf");
    let p = t.dir.join("report.pdf");
    std::fs::write(
        &p,
        to_pdf(&published(DEMO), PdfFonts::Identity, Wrap::Middle(12)),
    )
    .unwrap();
    t.start("s", "", "review report.pdf", (80, 24));
    // the first finding is the same cell as in the text, its value read from the PDF
    correct_first_finding(&t, "s", "the PDF's own total");
    let c = corrections(&p);
    assert_eq!(
        (c["trail"][0]["old"].as_str(), c["trail"][0]["new"].as_str()),
        (Some("7"), Some("6"))
    );
    assert_eq!(
        export_value(&p, "t3/unable.not_held/natural", false),
        ("6".into(), "corrected".into())
    );
}

/// The demo report under review in tmux session `s`, its first finding's cell corrected
/// to 6.
fn demo_with_one_correction(name: &str, s: &str, size: (u16, u16)) -> (Tmux, PathBuf) {
    let t = Tmux::new(name);
    let p = t.report(DEMO);
    t.start(s, "", "review report.txt", size);
    t.wait_for(s, "示范街道办事处");
    t.keys(s, &["]", "e", "C-u"]);
    t.literal(s, "6");
    t.keys(s, &["Enter", "Enter"]);
    t.wait_for(s, "1 correction recorded");
    (t, p)
}

#[test]
fn sigkill_after_an_edit_loses_nothing() {
    let (t, p) = demo_with_one_correction("kill", "s", (100, 30));
    let pid = t.pid("s");
    assert!(Command::new("kill")
        .args(["-9", &pid])
        .status()
        .unwrap()
        .success());
    t.wait_exit("s");
    assert!(
        !p.with_file_name("report.txt.nianbao.json").exists(),
        "nothing was written: only the journal has it"
    );
    t.start("again", "", "review report.txt", (100, 30));
    let s = t.wait_for("again", "restored 1 corrected cells");
    assert!(s.contains("unwritten"), "{s}");
    // the restored correction satisfies its identities: the next error is in t4 now
    t.keys("again", &["]"]);
    t.wait_for("again", "t4/suit_after_review/");
    t.keys("again", &["q"]);
    t.wait_for("again", "not written to the corrections file");
    t.keys("again", &["w"]);
    t.wait_exit("again");
    let c = corrections(&p);
    assert_eq!(c["trail"][0]["new"], "6");
}

#[test]
fn a_second_session_opens_read_only() {
    let t = Tmux::new("lock");
    t.report(DEMO);
    t.start("one", "", "review report.txt", (100, 30));
    t.wait_for("one", "示范街道办事处");
    t.start("two", "", "review report.txt", (100, 30));
    let s = t.wait_for("two", "READ-ONLY");
    assert!(s.contains("another review session"), "{s}");
    t.keys("two", &["e"]);
    t.wait_for("two", "read-only:");
    t.keys("two", &["q"]);
    t.wait_exit("two");
    t.keys("one", &["q"]);
    t.wait_exit("one");
}

#[test]
fn a_failed_write_at_the_quit_question_keeps_the_session_open() {
    let (t, p) = demo_with_one_correction("savefail", "s", (200, 30));
    // a folder where the corrections file goes: the save's rename onto it fails, for
    // root too (who writes into a read-only folder all the same)
    let file = p.with_file_name("report.txt.nianbao.json");
    std::fs::create_dir(&file).unwrap();
    t.keys("s", &["q"]);
    t.wait_for("s", "not written to the corrections file");
    t.keys("s", &["w"]);
    let s = t.wait_for("s", "not written:");
    assert!(
        s.contains("report.txt.nianbao.json: cannot write") && s.contains("stays open"),
        "the message names what failed: {s}"
    );
    std::thread::sleep(Duration::from_millis(300));
    assert!(!t.dead("s"), "the session stays open");
    assert!(t.screen("s").contains("+1 unwritten"));
    // with the obstacle gone, the same question writes and quits
    std::fs::remove_dir(&file).unwrap();
    t.keys("s", &["q"]);
    t.wait_for("s", "not written to the corrections file");
    t.keys("s", &["w"]);
    t.wait_exit("s");
    assert_eq!(corrections(&p)["trail"][0]["new"], "6");
}

#[test]
fn a_read_only_session_quits_without_writing_the_live_sessions_corrections() {
    let (t, p) = demo_with_one_correction("rojournal", "one", (100, 30));
    let journal = p.with_file_name("report.txt.nianbao.journal");
    assert!(journal.exists());
    t.start("two", "", "review report.txt", (160, 30));
    let s = t.wait_for("two", "READ-ONLY");
    assert!(s.contains("1 of them unwritten"), "{s}");
    // no "write and quit" here: the correction is the live session's to write
    t.keys("two", &["q"]);
    t.wait_exit("two");
    assert!(journal.exists(), "the live session's journal is kept");
    assert!(!p.with_file_name("report.txt.nianbao.json").exists());
    t.keys("one", &["q"]);
    t.wait_for("one", "not written to the corrections file");
    t.keys("one", &["w"]);
    t.wait_exit("one");
    assert_eq!(corrections(&p)["trail"][0]["new"], "6");
}

#[test]
fn escape_sequences_in_a_report_never_reach_the_terminal() {
    let t = Tmux::new("esc");
    let evil = DEMO.replacen(
        "一、总体情况",
        "一、总体情况\x1b]0;PWNED\x07\x1b[38;5;196mEVIL\u{9b}31mC1EVIL",
        1,
    );
    t.report(&evil);
    let raw = t.dir.join("raw.bin");
    t.start("s", "", "review report.txt", (120, 40));
    tmux(
        &t.socket,
        &[
            "pipe-pane",
            "-o",
            "-t",
            "s",
            &format!("cat >> {}", raw.display()),
        ],
    );
    t.wait_for("s", "示范街道办事处");
    t.keys("s", &[":"]);
    t.literal("s", "3");
    t.keys("s", &["Enter"]);
    let s = t.wait_for("s", "PWNED");
    assert!(
        s.contains("^[]0;PWNED^G^[[38;5;196mEVIL<9B>31mC1EVIL"),
        "shown as placeholders:\n{s}"
    );
    t.keys("s", &["q"]);
    t.wait_exit("s");
    std::thread::sleep(Duration::from_millis(200));
    let bytes = std::fs::read(&raw).unwrap();
    assert!(!bytes.is_empty(), "the output was captured");
    let find = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    assert!(
        !find(b"\x1b]0;PWNED"),
        "an OSC from the report reached the terminal"
    );
    assert!(
        !find(b"\x1b[38;5;196mEVIL"),
        "an SGR from the report reached the terminal"
    );
    assert!(
        !find("\u{9b}31mC1EVIL".as_bytes()),
        "a C1 CSI from the report reached the terminal"
    );
}

#[test]
fn no_color_still_marks_the_error_cell() {
    let t = Tmux::new("nocolor");
    t.report(DEMO);
    let raw = t.dir.join("raw.bin");
    t.start("s", "NO_COLOR=1", "review report.txt", (100, 30));
    tmux(
        &t.socket,
        &[
            "pipe-pane",
            "-o",
            "-t",
            "s",
            &format!("cat >> {}", raw.display()),
        ],
    );
    t.wait_for("s", "示范街道办事处");
    t.keys("s", &["]"]);
    let s = t.wait_for("s", "t3/unable.not_held/natural");
    let row = s
        .lines()
        .find(|l| l.starts_with("无法·不掌握"))
        .expect("the row is on screen");
    assert!(
        row.contains("!   7"),
        "the error cell carries its mark: {row}"
    );
    t.keys("s", &["q"]);
    t.wait_exit("s");
    std::thread::sleep(Duration::from_millis(200));
    let bytes = std::fs::read(&raw).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        !text.contains("\x1b[38;") && !text.contains("\x1b[48;"),
        "no colour under NO_COLOR"
    );
    assert!(
        text.contains("\x1b[7m") || text.contains(";7m"),
        "the selection is shown reversed"
    );
}

#[test]
fn a_keymap_mistake_stops_with_file_line_and_suggestion() {
    let dir = std::env::temp_dir().join(format!("nianbao-km-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let km = dir.join("keys.toml");
    std::fs::write(&km, "extends = \"vim\"\n[keys]\n\"J\" = \"move_donw\"\n").unwrap();
    let out = Command::new(BIN)
        .arg("--keymap")
        .arg(&km)
        .arg("--print-keymap")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("{}:3:", km.display())) && err.contains("did you mean \"move_down\""),
        "{err}"
    );
    std::fs::write(
        &km,
        "extends = \"vim\"\n[keys]\n\"J\" = \"move_down\"\n\"q\" = \"none\"\n",
    )
    .unwrap();
    let out = Command::new(BIN)
        .arg("--keymap")
        .arg(&km)
        .arg("--print-keymap")
        .output()
        .unwrap();
    let merged = String::from_utf8_lossy(&out.stdout);
    // [keys] is the screen's table; the modes' tables follow it
    let (screen, modes) = merged.split_once("\n[prompt]").expect("the mode tables");
    assert!(
        screen.contains("\"J\" = \"move_down\"")
            && screen.contains("\"ctrl-d\" = \"page_down\"")
            && !screen.contains("\"q\" = \"quit\""),
        "{merged}"
    );
    // unbinding q on the screen leaves the quit question's q alone
    let quit = modes.split_once("[quit]").expect("the quit table").1;
    assert!(quit.contains("\"q\" = \"quit\""), "{merged}");
    // a mode's table binds only that mode's actions
    std::fs::write(&km, "[quit]\n\"x\" = \"undo\"\n").unwrap();
    let out = Command::new(BIN)
        .arg("--keymap")
        .arg(&km)
        .arg("--print-keymap")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(":2:") && err.contains("\"undo\" is not an action of [quit]"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

// ---- the audit trail (issue 11) ----

const NOT_HELD: &str = "t3/unable.not_held/natural";

fn kill9(t: &Tmux, session: &str) {
    let pid = t.pid(session);
    assert!(Command::new("kill")
        .args(["-9", &pid])
        .status()
        .unwrap()
        .success());
    t.wait_exit(session);
}

fn check_text(p: &Path) -> String {
    let out = Command::new(BIN)
        .arg("check")
        .arg(p)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Issue 11, failure 1: A corrects; B opens read-only; A corrects again; B answers
/// q then w; A is killed. Both of A's corrections come back.
#[test]
fn a_read_only_session_never_destroys_the_live_sessions_journal() {
    let (t, p) = demo_with_one_correction("issue1", "a", (160, 30));
    t.start("b", "", "review report.txt", (160, 30));
    t.wait_for("b", "READ-ONLY");
    t.keys("a", &["]", "e"]);
    t.literal("a", "99");
    t.keys("a", &["Enter", "Enter"]);
    t.wait_for("a", "+2 unwritten");
    t.keys("b", &["q", "w"]);
    t.wait_exit("b");
    kill9(&t, "a");
    assert!(!p.with_file_name("report.txt.nianbao.json").exists());
    t.start("again", "", "review report.txt", (200, 30));
    let s = t.wait_for("again", "restored 2 corrected cells from 2 trail entries");
    assert!(
        s.contains("took over the lock"),
        "a dead session's lock is taken over, and said: {s}"
    );
    assert!(!s.contains("READ-ONLY"), "{s}");
    t.keys("again", &["q"]);
    t.wait_for("again", "not written to the corrections file");
    t.keys("again", &["w"]);
    t.wait_exit("again");
    assert_eq!(corrections(&p)["trail"].as_array().unwrap().len(), 2);
}

/// An emptied lock file grants no second writer; a lock file naming a live process
/// that holds no lock (pid 1) does not block the report.
#[test]
fn the_lock_is_the_os_lock_not_the_file_contents() {
    let t = Tmux::new("oslock");
    let p = t.report(DEMO);
    let lock = p.with_file_name("report.txt.nianbao.lock");
    std::fs::write(&lock, "1 someone-else\n").unwrap();
    t.start("one", "", "review report.txt", (160, 30));
    let s = t.wait_for("one", "took over the lock");
    assert!(
        s.contains("1 someone-else") && !s.contains("READ-ONLY"),
        "{s}"
    );
    std::fs::write(&lock, "").unwrap();
    t.start("two", "", "review report.txt", (160, 30));
    t.wait_for("two", "READ-ONLY");
    t.keys("two", &["q"]);
    t.wait_exit("two");
    t.keys("one", &["q"]);
    t.wait_exit("one");
    assert!(!lock.exists(), "released on quit");
}

/// A torn last journal line (a crash mid-append) loses only itself: the next edit does
/// not glue onto it, and `check`/`export` apply the journal as review restores it.
#[test]
fn a_torn_journal_line_loses_only_itself_and_check_applies_the_journal() {
    let (t, p) = demo_with_one_correction("torn", "s", (200, 30));
    kill9(&t, "s");
    let journal = p.with_file_name("report.txt.nianbao.journal");
    let mut bytes = std::fs::read(&journal).unwrap();
    bytes.extend_from_slice(b"nb1 0123456789abcdef {\"seq\":2,\"kind\":\"corr");
    std::fs::write(&journal, bytes).unwrap();
    t.start("again", "", "review report.txt", (200, 30));
    let s = t.wait_for("again", "restored 1 corrected cells");
    assert!(s.contains("1 trail entries skipped"), "{s}");
    t.keys("again", &["]", "e"]);
    t.literal("again", "99");
    t.keys("again", &["Enter", "Enter"]);
    t.wait_for("again", "+2 unwritten");
    kill9(&t, "again");
    assert_eq!(
        export_value(&p, NOT_HELD, false),
        ("6".into(), "corrected".into())
    );
    let out = check_text(&p);
    assert!(
        out.contains("2 cells corrected by 2 trail entries, 2 of them from the journal"),
        "{out}"
    );
    assert!(
        out.contains("CORRECTION-SKIPPED") && out.contains("line 2: torn"),
        "{out}"
    );
}

/// Issue 11, failure 2: a correction is bound to the text it corrected.
#[test]
fn corrections_of_a_changed_report_apply_only_where_the_cell_reads_as_then() {
    let t = Tmux::new("stale");
    let p = t.report(DEMO);
    t.start("s", "", "review report.txt", (100, 30));
    correct_first_finding(&t, "s", "PDF page 3 says 6");
    // a line added: the cell still reads 7, so the correction applies, with a warning
    std::fs::write(&p, format!("{DEMO}\n附注：一行新文字。\n")).unwrap();
    assert_eq!(
        export_value(&p, NOT_HELD, false),
        ("6".into(), "corrected".into())
    );
    let out = check_text(&p);
    assert!(
        out.contains("CORRECTION-CHANGED") && out.contains("report.txt has changed"),
        "{out}"
    );
    // the cell itself changed: not applied, and said in check, export and review
    let changed = DEMO.replace("不掌握相关政府信息 | 7 |", "不掌握相关政府信息 | 5 |");
    std::fs::write(&p, changed).unwrap();
    assert_eq!(
        export_value(&p, NOT_HELD, false),
        ("5".into(), "read".into())
    );
    let out = check_text(&p);
    assert!(
        out.contains("CORRECTION-STALE") && out.contains("read 7") && out.contains("now reads 5"),
        "{out}"
    );
    let json = Command::new(BIN).arg("export").arg(&p).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert!(v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule"] == "CORRECTION-STALE" && f["cells"][0] == NOT_HELD));
    t.start("r", "", "review report.txt", (200, 30));
    t.wait_for("r", "1 not applied: the report changed under them");
    t.keys("r", &["q"]);
    t.wait_exit("r");
}

/// A journal append that fails is said at once, the edit is not shown as kept, and
/// the quit question does not claim the journal holds it; `w` still saves it.
#[test]
fn a_failed_journal_append_is_said_at_once_and_w_still_saves() {
    let t = Tmux::new("appendfail");
    let p = t.report(DEMO);
    t.start("s", "", "review report.txt", (200, 30));
    t.wait_for("s", "示范街道办事处");
    // a folder where the journal goes: every append fails, for root too
    std::fs::create_dir(p.with_file_name("report.txt.nianbao.journal")).unwrap();
    t.keys("s", &["]", "e"]);
    t.literal("s", "6");
    t.keys("s", &["Enter", "Enter"]);
    let s = t.wait_for("s", "NOT IN THE JOURNAL:");
    assert!(
        s.contains("cannot append") && s.contains("1 NOT IN THE JOURNAL"),
        "{s}"
    );
    t.keys("s", &["q"]);
    t.wait_for("s", "1 of them are NOT in the journal");
    t.keys("s", &["w"]);
    t.wait_exit("s");
    assert_eq!(corrections(&p)["trail"][0]["new"], "6");
}

/// A finding dismissed with a reason and a note on a cell, in the journal at once: a
/// session killed before writing loses neither, `check` applies them, and the next
/// session lists them in its history and writes them to the corrections file.
#[test]
fn a_dismissal_and_a_note_survive_a_kill_and_check_applies_them() {
    let t = Tmux::new("dismiss");
    let p = t.report(DEMO);
    t.start("s", "", "review report.txt", (100, 30));
    t.wait_for("s", "示范街道办事处");
    t.keys("s", &["]", "o"]);
    t.wait_for("s", "note on t3/unable.not_held/natural");
    t.literal("s", "已电话核实");
    t.keys("s", &["Enter"]);
    t.wait_for("s", "note on t3/unable.not_held/natural recorded");
    t.keys("s", &["f", "D"]);
    t.wait_for("s", "(required)");
    t.literal("s", "口径不同");
    t.keys("s", &["Enter"]);
    t.wait_for("s", "dismissed: it no longer counts");
    kill9(&t, "s");
    let text = check_text(&p);
    assert!(text.contains("× dismissed by auditor"), "{text}");
    assert!(
        text.contains("口径不同") && text.contains("1 dismissed"),
        "{text}"
    );

    t.start("s2", "", "review report.txt", (100, 30));
    t.wait_for("s2", "示范街道办事处");
    t.wait_for("s2", "confirmed 0 · dismissed 1 · notes 1");
    t.keys("s2", &["H"]);
    let s = t.wait_for("s2", "history · entry 2 of 2");
    assert!(s.contains("已电话核实") && s.contains("口径不同"), "{s}");
    t.keys("s2", &["Escape", "w"]);
    t.wait_for("s2", "corrections written (2 entries");
    t.keys("s2", &["q"]);
    t.wait_exit("s2");
    let c = corrections(&p);
    assert_eq!(c["trail"][0]["kind"], "note");
    assert_eq!(c["trail"][1]["kind"], "disposition");
    assert_eq!(c["trail"][1]["new"], "dismissed");
}

#[test]
fn folder_review_opens_a_report_moves_to_the_next_and_comes_back() {
    let t = Tmux::new("inbox");
    let dir = t.dir.join("reports");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a-2023.txt"), DEMO).unwrap();
    std::fs::write(dir.join("a-2022.txt"), DEMO.replace("2023", "2022")).unwrap();
    let other = DEMO.replace("示范街道办事处", "样板镇人民政府");
    std::fs::write(dir.join("b-2023.txt"), other).unwrap();
    std::fs::write(dir.join("notes.tsv"), "not a report").unwrap();
    t.start("s", "", "review reports", (100, 30));
    let s = t.wait_for("s", "0 / 3 reviewed");
    t.wait_for("s", "样板镇人民政府");
    assert!(s.contains("folder review"), "{s}");
    // sorted by agency (样 before 示), then the newest year: a-2023 second, its prior found
    t.wait_for("s", "2022 a-2022.txt");
    t.keys("s", &["j"]);
    t.wait_for("s", "reports/a-2023.txt");
    t.keys("s", &["Enter"]);
    let s = t.wait_for("s", "示范街道办事处 2023");
    assert!(!s.contains("folder review"), "the report's screen: {s}");
    assert!(s.contains("prior report"), "opened with its prior: {s}");
    t.keys("s", &["M-n"]);
    t.wait_for("s", "示范街道办事处 2022");
    t.keys("s", &["q"]);
    let s = t.wait_for("s", "folder review");
    assert!(s.contains("0 / 3 reviewed"), "{s}");
    t.keys("s", &["q"]);
    t.wait_exit("s");
}

#[test]
fn in_chinese_a_folder_is_reviewed_two_reports_through_and_its_memo_written() {
    let t = Tmux::new("zh");
    let dir = t.dir.join("reports");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a-2023.txt"), DEMO).unwrap();
    let other = DEMO.replace("示范街道办事处", "样板镇人民政府");
    std::fs::write(dir.join("b-2023.txt"), other).unwrap();
    let zh = "LANG=zh_CN.UTF-8 LC_ALL= LC_MESSAGES=";
    t.start("s", zh, "review reports", (100, 30));
    let s = t.wait_for("s", "已审核 0 / 2");
    assert!(s.contains("目录审核"), "{s}");
    t.wait_for("s", "样板镇人民政府");
    // the first report (样 sorts first): its first finding dismissed, the report reviewed
    t.keys("s", &["Enter"]);
    t.wait_for("s", "样板镇人民政府 2023");
    t.keys("s", &["f", "D"]);
    t.wait_for("s", "（必填）");
    t.literal("s", "口径不同，已核实");
    t.keys("s", &["Enter"]);
    t.wait_for("s", "已排除，不再计入");
    t.keys("s", &["R"]);
    t.wait_for("s", "报告已由 auditor 标为已审核");
    // the next report without going back: what was not written is written first
    t.keys("s", &["M-n"]);
    let s = t.wait_for("s", "示范街道办事处 2023");
    assert!(s.contains("切换前已写入"), "{s}");
    t.keys("s", &["f", "v"]);
    t.wait_for("s", "已确认为报告问题");
    t.keys("s", &["R"]);
    t.wait_for("s", "标为已审核");
    t.keys("s", &["w"]);
    t.wait_for("s", "更正已写入");
    t.keys("s", &["q"]);
    let s = t.wait_for("s", "已审核 2 / 2");
    assert!(!s.contains("reviewed"), "no English in the inbox: {s}");
    t.keys("s", &["q"]);
    t.wait_exit("s");

    // the memos, said in Chinese on the way
    let memos = t.dir.join("memos");
    let out = Command::new(BIN)
        .args(["memo", dir.to_str().unwrap(), "-o", memos.to_str().unwrap()])
        .env("LANG", "zh_CN.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    assert!(said.contains("审核意见："), "{said}");
    let b = std::fs::read_to_string(memos.join("样板镇人民政府.md")).unwrap();
    let annex = &b[b.find("附件：已排除的问题及理由").expect("the annex")..];
    assert!(annex.contains("口径不同，已核实"), "{b}");
    let a = std::fs::read_to_string(memos.join("示范街道办事处.md")).unwrap();
    let found = &a[a.find("一、发现的问题").unwrap()..a.find("二、").unwrap()];
    assert!(found.lines().any(|l| l.contains("T3-")), "{a}");
    for memo in [&a, &b] {
        assert!(
            memo.contains("已审核") && memo.contains("auditor"),
            "{memo}"
        );
    }
    assert!(memos.join("审核汇总.md").exists());
}

#[test]
fn term_dumb_gets_plain_output_and_no_review_screen() {
    let t = Tmux::new("dumb");
    t.report(DEMO);
    // a shell stays on after each command, so what it said and its status can be read
    let run = |session: &str, args: &str| {
        let cmd = format!(
            "cd {} && env -u NO_COLOR TERM=dumb {BIN} {args}; echo exit=$?; sleep 60",
            t.dir.display()
        );
        let size = ["-x", "300", "-y", "30"];
        tmux(
            &t.socket,
            &[&["new-session", "-d", "-s", session][..], &size, &[&cmd]].concat(),
        );
        t.wait_for(session, "exit=");
        tmux(
            &t.socket,
            &["capture-pane", "-p", "-e", "-J", "-t", session],
        )
    };
    // the review screen refuses, saying why, with exit status 2
    let s = run("s", "review report.txt");
    assert!(
        s.contains("TERM=dumb cannot") && s.contains("exit=2"),
        "{s}"
    );
    // check on that terminal: its errors marked, but not one colour escape
    let s = run("c", "check report.txt");
    assert!(s.contains("error   T3-") && s.contains("exit=1"), "{s}");
    assert!(!s.contains('\u{1b}'), "{s:?}");
}
