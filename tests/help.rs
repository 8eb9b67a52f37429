//! The real binary's `--help` and `-h`: in zh-CN when the language is Chinese (`--lang`,
//! else config.toml, else the locale), in English otherwise, as it was.

mod common;

use common::tempdir::TempDir;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_nianbao");

/// The help printed for `args` under `LANG=lang`, with no LC_ALL / LC_MESSAGES and the
/// config directory `config` (empty: no config.toml).
fn help(config: &TempDir, lang: &str, args: &[&str]) -> String {
    let out = Command::new(BIN)
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", lang)
        .env("HOME", &config.0)
        .env("XDG_CONFIG_HOME", config.0.join("config"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// English sentences of the help, none of which the Chinese help may hold.
const ENGLISH: &[&str] = &[
    "Check reports against",
    "Usage:",
    "[default:",
    "possible values",
    "Possible values",
    "Options:",
    "Commands:",
    "Arguments:",
    "Print help",
    "Print version",
    "Report files, or directories",
    "Share of unchanged text",
    "A keymap file",
    "Draw borders",
    "Compare a report",
    "Write the memo",
];

fn assert_chinese(what: &str, text: &str) {
    for e in ENGLISH {
        assert!(!text.contains(e), "{what}: {e:?} in\n{text}");
    }
}

#[test]
fn help_is_in_chinese_under_a_chinese_locale() {
    let dir = TempDir::new("help-zh");
    let top = help(&dir, "zh_CN.UTF-8", &["--help"]);
    assert!(top.contains("用法：nianbao"), "{top}");
    assert!(top.contains("命令："), "{top}");
    assert!(top.contains("选项："), "{top}");
    assert!(top.contains("按格式的勾稽关系和规则目录校验报告"), "{top}");
    assert!(top.contains("审核意见"), "{top}");
    assert_chinese("--help", &top);
    for flag in ["--help", "-h"] {
        let check = help(&dir, "zh_CN.UTF-8", &["check", flag]);
        assert!(check.contains("参数："), "{check}");
        assert!(
            check.contains("报告文件，或要逐级查找报告的文件夹"),
            "{check}"
        );
        assert!(check.contains("上年报告"), "{check}");
        assert!(
            check.contains("--copied-threshold <COPIED_THRESHOLD>"),
            "{check}"
        );
        assert_chinese(&format!("check {flag}"), &check);
    }
    let export = help(&dir, "zh_CN.UTF-8", &["export", "--help"]);
    assert!(
        export.contains("[可选值：json（") && export.contains("xlsx（按全国统一格式排列的三张表格"),
        "{export}"
    );
    assert!(export.contains("显示帮助（用 -h 查看摘要）"), "{export}");
    assert_chinese("export --help", &export);
    let memo = help(&dir, "zh_CN.UTF-8", &["help", "memo"]);
    assert!(memo.contains("更正"), "{memo}");
    assert_chinese("help memo", &memo);
}

#[test]
fn help_is_in_english_under_the_c_locale_and_with_lang_en() {
    let dir = TempDir::new("help-en");
    for (lang, args) in [
        ("C", &["check", "--help"][..]),
        ("zh_CN.UTF-8", &["--lang", "en", "check", "--help"][..]),
        ("zh_CN.UTF-8", &["check", "--lang=en", "-h"][..]),
    ] {
        let check = help(&dir, lang, args);
        assert!(
            check.starts_with(
                "Check reports against the format's identities and the rule catalogue\n\n\
             Usage: nianbao check [OPTIONS] <PATHS>...\n\nArguments:\n  \
             <PATHS>...  Report files, or directories to search recursively\n\nOptions:\n"
            ),
            "{lang} {args:?}:\n{check}"
        );
        assert!(check.contains("          Show only errors (warnings are still counted)\n"));
        assert!(
            check.contains("  -h, --help\n          Print help\n"),
            "{check}"
        );
        assert!(!check.contains("校验"), "{lang} {args:?}:\n{check}");
    }
    let top = help(&dir, "C", &["-h"]);
    assert!(
        top.contains("\nCommands:\n  review  Open the review screen on a report;"),
        "{top}"
    );
    assert!(
        top.contains("  -V, --version\n          Print version\n"),
        "{top}"
    );
}

#[test]
fn lang_zh_and_config_toml_choose_chinese_help_too() {
    let dir = TempDir::new("help-flag");
    let check = help(&dir, "C", &["check", "--lang", "zh", "--help"]);
    assert!(check.contains("只显示错误（警告仍计入统计）"), "{check}");
    assert_chinese("--lang zh", &check);
    let dir = TempDir::new("help-config");
    std::fs::create_dir_all(dir.0.join("config/nianbao")).unwrap();
    dir.file("config/nianbao/config.toml", b"lang = \"zh\"\n");
    let top = help(&dir, "C", &["--help"]);
    assert!(top.contains("用法：nianbao"), "{top}");
    assert_chinese("config lang", &top);
    let top = help(&dir, "C", &["--lang", "en", "--help"]);
    assert!(top.contains("Usage: nianbao"), "{top}");
}

/// A mistake on the command line is said in the language spoken, with clap's
/// suggestion and its exit status 2.
#[test]
fn a_command_line_mistake_is_said_in_chinese() {
    let config = TempDir::new("help-mistake");
    let run = |lang: &str, args: &[&str]| {
        let out = Command::new(BIN)
            .args(args)
            .env("HOME", &config.0)
            .env("XDG_CONFIG_HOME", config.0.join("config"))
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", lang)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        String::from_utf8(out.stderr).unwrap()
    };
    let said = run("zh_CN.UTF-8", &["check", "--frmat", "json", "a.txt"]);
    assert!(said.starts_with("错误：无法识别的参数 '--frmat'"), "{said}");
    assert!(said.contains("是不是 '--format'？"), "{said}");
    let said = run("zh_CN.UTF-8", &["check", "--format", "xml", "a.txt"]);
    assert!(
        said.contains("的值 'xml' 无效") && said.contains("可选值：text"),
        "{said}"
    );
    let said = run("zh_CN.UTF-8", &["chek"]);
    assert!(
        said.contains("无法识别的命令 'chek'") && said.contains("'check'"),
        "{said}"
    );
    assert!(!said.contains("error") && !said.contains("tip"), "{said}");
    let said = run("C", &["check", "--frmat", "json", "a.txt"]);
    assert!(
        said.starts_with("error: unexpected argument '--frmat'"),
        "{said}"
    );
}
