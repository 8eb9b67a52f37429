//! The real binary on hostile input: a report whose text holds escape sequences and a
//! bidi override, under a file name holding an escape sequence and a newline. Nothing
//! any command prints may drive a terminal.

mod common;

use common::tempdir::TempDir;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_nianbao");
const DEMO: &str = include_str!("../src/demo/demo-2023.txt");
const HOSTILE: &str = "\x1b]0;pwned\x07\x1b[2J\u{202E}";

/// A report of `year` with a bidi override in its agency's name (which `check` and
/// `diff` print), hostile text in its prose in 2023 only (so `diff` shows it as
/// inserted), saved under a hostile name.
fn hostile_report(dir: &Path, year: i32) -> PathBuf {
    let prose = if year == 2023 { HOSTILE } else { "" };
    let text = DEMO
        .replace("2023", &year.to_string())
        .replace("示范街道办事处", "示范\u{202E}街道办事处")
        .replace("坚持以公开为常态", &format!("坚持{prose}以公开为常态"));
    let p = dir.join(format!("r\x1b[31m\nx-{year}.txt"));
    std::fs::write(&p, text).unwrap();
    p
}

fn run(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(BIN)
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .unwrap()
}

/// What may not reach a terminal: ESC, C0 controls but newline and tab, DEL, C1, and
/// the bidi overrides and isolates.
fn assert_clean(what: &str, bytes: &[u8]) {
    let s = String::from_utf8_lossy(bytes);
    for (i, c) in s.char_indices() {
        let bad = (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
        assert!(
            !bad,
            "{what}: U+{:04X} at byte {i}: {:?}",
            c as u32,
            &s[i.saturating_sub(40)..(i + 20).min(s.len())]
        );
    }
}

/// Clean, and the newline in the file name did not split a line: no line starts with
/// the name's tail.
fn assert_run_clean(what: &str, out: &Output) {
    assert_clean(&format!("{what} stdout"), &out.stdout);
    assert_clean(&format!("{what} stderr"), &out.stderr);
    for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        let s = String::from_utf8_lossy(bytes);
        assert!(
            !s.lines().any(|l| l.starts_with("x-20")),
            "{what} {stream}: a file name split the line: {s}"
        );
    }
}

#[test]
fn check_in_every_format_prints_nothing_that_drives_a_terminal() {
    let d = TempDir::new("cli-check");
    let p = hostile_report(&d.0, 2023);
    for format in ["text", "csv", "jsonl", "json"] {
        let out = run(&[
            "check".as_ref(),
            "--color".as_ref(),
            "never".as_ref(),
            "--format".as_ref(),
            format.as_ref(),
            p.as_os_str(),
        ]);
        assert!(!out.stdout.is_empty(), "check {format} printed nothing");
        assert_run_clean(&format!("check --format {format}"), &out);
        if format.starts_with("json") {
            // escaped, the value stays exact
            let first = String::from_utf8_lossy(&out.stdout);
            let v: serde_json::Value = serde_json::from_str(
                first
                    .lines()
                    .next()
                    .filter(|_| format == "jsonl")
                    .unwrap_or(&first),
            )
            .unwrap();
            let v = if format == "json" { &v[0] } else { &v };
            assert_eq!(v["source"]["path"], p.to_str().unwrap());
        }
    }
    let out = run(&["check".as_ref(), d.0.as_os_str()]);
    assert_run_clean("check DIR", &out);
}

#[test]
fn export_and_diff_print_nothing_that_drives_a_terminal() {
    let d = TempDir::new("cli-diff");
    let prior = hostile_report(&d.0, 2022);
    let current = hostile_report(&d.0, 2023);
    for format in ["csv", "json"] {
        let out = run(&[
            "export".as_ref(),
            "--format".as_ref(),
            format.as_ref(),
            current.as_os_str(),
        ]);
        assert!(!out.stdout.is_empty());
        assert_run_clean(&format!("export --format {format}"), &out);
    }
    for format in ["text", "json"] {
        let out = run(&[
            "diff".as_ref(),
            "--format".as_ref(),
            format.as_ref(),
            prior.as_os_str(),
            current.as_os_str(),
        ]);
        assert!(!out.stdout.is_empty());
        assert_run_clean(&format!("diff --format {format}"), &out);
    }
    let out = run(&[
        "check".as_ref(),
        "--prior".as_ref(),
        "auto".as_ref(),
        current.as_os_str(),
    ]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("prior report"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_run_clean("check --prior auto", &out);
}

#[test]
fn text_on_a_terminal_and_errors_print_nothing_that_drives_a_terminal() {
    let d = TempDir::new("cli-text");
    let p = hostile_report(&d.0, 2023);
    // `script` gives the command a terminal; the terminal turns \n into \r\n
    let out = Command::new("script")
        .args([
            "-qec",
            &format!("\"{BIN}\" text \"$NIANBAO_FILE\""),
            "/dev/null",
        ])
        .env("NIANBAO_FILE", &p)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n");
    assert!(stdout.contains("以公开为常态"), "{stdout}");
    assert_clean("text on a terminal", stdout.as_bytes());
    let missing = d.0.join("gone\x1b[2J\n\u{202E}.txt");
    for cmd in ["check", "export", "text"] {
        let out = run(&[cmd.as_ref(), missing.as_os_str()]);
        assert_eq!(out.status.code(), Some(2), "{cmd}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("no such file"));
        assert_run_clean(&format!("{cmd} of a missing file"), &out);
    }
}

#[test]
fn an_error_names_the_file_once() {
    let d = TempDir::new("cli-once");
    let p = d.0.join("prose.txt");
    std::fs::write(&p, "这是一段没有年份和机关的文字。\n").unwrap();
    let out = run(&[
        "check".as_ref(),
        "--prior".as_ref(),
        "auto".as_ref(),
        p.as_os_str(),
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.matches("prose.txt").count(), 1, "{err}");
    assert_eq!(err.matches("--prior auto").count(), 1, "{err}");
}

#[test]
fn a_failed_write_ends_the_run_with_an_error() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/demo/demo-2023.txt");
    for args in [
        vec!["check"],
        vec!["check", "--format", "json"],
        vec!["export"],
        vec!["text"],
    ] {
        let out = Command::new(BIN)
            .args(&args)
            .arg(&demo)
            .stdout(std::fs::File::create("/dev/full").unwrap())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?} > /dev/full");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("cannot write"),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// `check` in the reviewer's language: zh-CN from LANG, English from LANG=C or
/// `--lang en`, the same numbers either way.
#[test]
fn check_speaks_the_reviewers_language() {
    let dir = TempDir::new("cli-lang");
    let p = dir.file("demo.txt", DEMO.as_bytes());
    let missing = dir.0.join("missing.txt");
    let check = |lang: &str, extra: &[&str]| {
        let out = Command::new(BIN)
            .arg("check")
            .args(extra)
            .arg(&p)
            .arg(&missing)
            .env("LANG", lang)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "a file is missing");
        let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        (text(&out.stdout), text(&out.stderr))
    };
    let (zh, zh_err) = check("zh_CN.UTF-8", &[]);
    assert!(
        zh.contains("2021 格式") && zh.contains("3 个错误，3 个提示"),
        "{zh}"
    );
    assert!(zh.contains("（第 ") && zh.contains("更正：把 "), "{zh}");
    assert!(
        zh.lines()
            .skip(1)
            .any(|l| l.trim_start().starts_with("错误 ")),
        "{zh}"
    );
    for english in ["errors", "warnings", "cells", "format", "line", "fix:"] {
        assert!(!zh.contains(english), "{english} in\n{zh}");
    }
    assert!(zh_err.contains("没有这个文件或文件夹"), "{zh_err}");
    assert!(zh_err.contains("共检查 2 份报告"), "{zh_err}");
    let (en, en_err) = check("C", &[]);
    assert!(
        en.contains("2021 format") && en.contains("3 errors, 3 warnings"),
        "{en}"
    );
    assert!(en_err.contains("no such file or directory"), "{en_err}");
    let (forced, _) = check("zh_CN.UTF-8", &["--lang", "en"]);
    assert_eq!(forced, en, "--lang en over a zh LANG");
}
