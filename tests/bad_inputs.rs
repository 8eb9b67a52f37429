//! The built binary on inputs that are not plain reports: empty, binary, huge,
//! undecodable, other encodings, no tables, damaged labels, missing. Exit codes of
//! `check`: 0 no errors, 1 error findings, 2 unreadable input; `export` exits 2 on
//! unreadable input. Unreadable input is explained on stderr with the file's name, and
//! nothing panics.

mod common;

use common::tempdir::TempDir;

use common::gen::{Generated, Layout};
use nianbao::model::format::Template;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_nianbao");

/// A directory of its own under the system temp dir, removed when dropped.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    took: Duration,
}

fn finish(out: Output, took: Duration, what: &str) -> Run {
    let r = Run {
        code: out
            .status
            .code()
            .unwrap_or_else(|| panic!("{what}: killed by a signal ({:?})", out.status)),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        took,
    };
    assert!(
        !r.stderr.contains("panicked"),
        "{what} panicked:\n{}",
        r.stderr
    );
    r
}

fn nianbao(args: &[&str]) -> Run {
    let start = Instant::now();
    let out = Command::new(BIN).args(args).output().unwrap();
    finish(out, start.elapsed(), &format!("nianbao {}", args.join(" ")))
}

fn check(p: &Path) -> Run {
    nianbao(&["check", "--format", "json", p.to_str().unwrap()])
}

fn export(p: &Path) -> Run {
    nianbao(&["export", "--format", "json", p.to_str().unwrap()])
}

/// Both commands refuse the input with exit 2, naming the file and saying why.
fn assert_unreadable(p: &Path, why: &[&str]) {
    for (cmd, r) in [("check", check(p)), ("export", export(p))] {
        assert_eq!(
            r.code,
            2,
            "{cmd} {}: exit {}, stderr {}",
            p.display(),
            r.code,
            r.stderr
        );
        assert!(
            r.stderr.contains(&p.display().to_string()),
            "{cmd}: stderr does not name {}: {}",
            p.display(),
            r.stderr
        );
        let lower = r.stderr.to_lowercase();
        assert!(
            why.iter().any(|w| lower.contains(w)),
            "{cmd} {}: stderr says neither of {why:?}: {}",
            p.display(),
            r.stderr
        );
        assert!(
            r.stdout.trim().is_empty() || r.stdout.trim() == "[]",
            "{cmd}: printed output for an unreadable file: {}",
            r.stdout
        );
    }
}

/// `export` of a readable report prints it and does not say "unreadable" (2). Whether
/// it exits 1 when the report has error findings, as `check` does, is main.rs's call:
/// today it exits 0 once the export is written.
fn assert_exported(r: &Run, what: &str) {
    assert!(
        r.code == 0 || r.code == 1,
        "export of {what}: exit {}: {}",
        r.code,
        r.stderr
    );
    assert!(r.stderr.trim().is_empty(), "export of {what}: {}", r.stderr);
}

fn json(r: &Run) -> Value {
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", r.stdout))
}

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/corpus")
        .join(name)
}

/// The cells of an export as (key, value, origin, line, span, raw), for comparing readings.
fn cells(v: &Value) -> Vec<(String, String, String, String, String, String)> {
    v["cells"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let s = |k: &str| c[k].to_string();
            (
                s("key"),
                s("value"),
                s("origin"),
                s("line"),
                s("span"),
                s("raw"),
            )
        })
        .collect()
}

fn rules(v: &Value, severity: &str) -> Vec<String> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == severity)
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn empty_file() {
    let d = TempDir::new("empty");
    assert_unreadable(&d.file("empty.txt", b""), &["empty"]);
}

#[test]
fn binary_files() {
    let d = TempDir::new("binary");
    let png = d.file(
        "scan.png",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x02\0\0\0",
    );
    assert_unreadable(&png, &["binary"]);
    let zip = d.file(
        "report.docx",
        b"PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0[Content_Types].xml",
    );
    assert_unreadable(&zip, &["binary"]);
}

#[test]
fn a_200_mb_file_is_refused_without_being_read() {
    let d = TempDir::new("huge");
    let p = d.0.join("huge.txt");
    let f = std::fs::File::create(&p).unwrap();
    f.set_len(200 * 1024 * 1024).unwrap();
    drop(f);
    assert_unreadable(&p, &["mb", "larger"]);
    for cmd in ["check", "export"] {
        // Proof that the file is not read whole: the binary runs in 150 MB of address
        // space, less than the file, and still answers quickly and clearly.
        let start = Instant::now();
        let out = Command::new("sh")
            .arg("-c")
            .arg(format!("ulimit -v 153600 && exec \"$0\" {cmd} \"$1\""))
            .arg(BIN)
            .arg(&p)
            .output()
            .unwrap();
        let r = finish(out, start.elapsed(), &format!("{cmd} under ulimit"));
        assert_eq!(
            r.code, 2,
            "{cmd}: exit {} under a 150 MB limit: {}",
            r.code, r.stderr
        );
        assert!(
            r.stderr.contains("200 MB") && r.stderr.contains("huge.txt"),
            "{cmd}: {}",
            r.stderr
        );
        assert!(
            r.took < Duration::from_secs(5),
            "{cmd} took {:?} to refuse a 200 MB file",
            r.took
        );
    }
}

#[test]
fn undecodable_text() {
    let d = TempDir::new("undecodable");
    // neither UTF-8 nor GB18030: 0xFF never occurs in either
    let p = d.file(
        "latin.txt",
        b"report \xff\x30\xff\xff\x81 text\n\xfe\xfe\xfe",
    );
    assert_unreadable(&p, &["utf-8", "gb18030"]);
}

#[test]
fn a_nonexistent_path() {
    let d = TempDir::new("missing");
    let p = d.0.join("no-such-report.txt");
    assert_unreadable(&p, &["no such file"]);
}

/// The same seed in GBK and in UTF-16LE with a BOM reads to the same cells as in UTF-8.
#[test]
fn other_encodings_read_the_same() {
    let d = TempDir::new("encodings");
    for seed in [
        "seeds/002_f73ca2a852b1acba.txt",
        "seeds/004_8e13d084e3616286.txt",
        "seeds/001_be79d12356eaabb1.txt",
    ] {
        let text = std::fs::read_to_string(corpus(seed)).unwrap();
        let utf8 = export(&corpus(seed));
        assert_exported(&utf8, seed);
        let want = json(&utf8);
        let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
        assert!(!unmappable, "{seed} is not GBK-encodable");
        let mut le = vec![0xFF, 0xFE];
        for u in text.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        for (name, bytes, enc) in [
            ("gbk.txt", gbk.into_owned(), "gb18030"),
            ("utf16.txt", le, "utf-16le"),
        ] {
            let p = d.file(name, &bytes);
            let r = export(&p);
            assert_eq!(r.code, utf8.code, "{seed} as {enc}: {}", r.stderr);
            let got = json(&r);
            assert_eq!(got["source"]["encoding"], enc, "{seed}");
            assert_eq!(got["meta"], want["meta"], "{seed} as {enc}");
            assert_eq!(
                cells(&got),
                cells(&want),
                "{seed} as {enc}: cells differ from the UTF-8 reading"
            );
            assert_eq!(
                rules(&got, "error"),
                rules(&want, "error"),
                "{seed} as {enc}"
            );
            let c = check(&p);
            assert_eq!(
                c.code,
                check(&corpus(seed)).code,
                "{seed} as {enc}: check exits differently"
            );
        }
    }
}

#[test]
fn a_report_without_tables() {
    let d = TempDir::new("prose");
    let text = "东湖街道2021年政府信息公开工作年度报告\n\n一、总体情况\n2021年，东湖街道认真贯彻落实《中华人民共和国政府信息公开条例》，全年主动公开政府信息120条。\n\n五、存在的主要问题及改进情况\n公开内容不够丰富。\n\n六、其他需要报告的事项\n无。\n";
    let p = d.file("prose.txt", text.as_bytes());
    let c = check(&p);
    assert_eq!(
        c.code, 1,
        "a report without tables has errors: {}",
        c.stderr
    );
    let e = export(&p);
    assert_exported(&e, "a report without tables");
    let v = json(&e);
    let errors = rules(&v, "error");
    assert_eq!(
        errors,
        ["FORMAT-NONE"],
        "one finding that the document has no national format: {errors:?}"
    );
    assert!(v["meta"]["template"].is_null());
    assert_eq!(
        v["cells"].as_array().unwrap().len(),
        0,
        "no cells without a format"
    );
    // the check output says so too
    let checked = json(&c);
    assert!(rules(&checked[0], "error").contains(&"FORMAT-NONE".to_string()));
}

/// Mojibake (a GBK page read as UTF-8 by another program, then saved): no heading is
/// found, so the title is looked for in the first 2,000 bytes, and that cut may fall
/// inside a character. Every cut position reads without a panic.
#[test]
fn text_without_headings_cut_inside_a_character() {
    for lead in 0..3 {
        let text = format!("{}{}", "a".repeat(lead), "涓婀å胯惰µ婧灞€".repeat(400));
        let r = nianbao::read_text(
            "mojibake.txt",
            text,
            nianbao::input::decode::Encoding::Utf8,
            String::new(),
        );
        assert!(r.meta.template.is_none(), "no format in mojibake");
        assert!(
            r.cells.iter().all(|c| c.value.is_none()),
            "no value invented"
        );
    }
}

/// A label with one character of each phrase that finds its row (the format's `keys`)
/// replaced, so no row can be found by its label as printed.
fn damage(label: &str, keys: &[&str]) -> String {
    let mut s = label
        .replace('、', ".")
        .replace('（', "(")
        .replace('）', ")");
    let mut out = label.to_string();
    while let Some((p, k)) = keys.iter().filter_map(|k| s.find(k).map(|p| (p, *k))).min() {
        let mid = k.char_indices().nth(k.chars().count() / 2).unwrap().0;
        let at = p + mid;
        let ch = s[at..].chars().next().unwrap();
        s.replace_range(at..at + ch.len_utf8(), "口");
        // the same character of the label as printed: only ASCII punctuation differs,
        // and the replaced characters are CJK, so char positions line up
        let idx = s[..at].chars().count();
        let (bo, bc) = out.char_indices().nth(idx).unwrap();
        out.replace_range(bo..bo + bc.len_utf8(), "口");
    }
    out
}

/// Every row label of t2 and t3 damaged: rows are found by their damaged labels or by
/// position (and flagged), or reported missing; no cell takes a wrong value, and every
/// t3 cell is read.
#[test]
fn every_row_label_damaged() {
    let d = TempDir::new("damaged");
    for (seed, template) in [
        (11u64, Template::Y2019),
        (12, Template::Y2021),
        (13, Template::Y2019),
        (14, Template::Y2021),
    ] {
        let g = Generated::new(seed, template, Layout::Cells);
        let mut text = g.render();
        let f = template.format();
        let t2_at = text.find("二、主动公开政府信息情况").unwrap();
        let mut damaged = 0;
        for t in [&f.t2, &f.t3] {
            for r in t.rows {
                let label = format!("\t{}\n", r.label);
                let Some(p) = text[t2_at..].find(&label).map(|p| p + t2_at) else {
                    continue;
                };
                let bad = damage(r.label, r.keys);
                assert_ne!(bad, r.label, "{} kept its label", r.key);
                text.replace_range(p + 1..p + label.len() - 1, &bad);
                damaged += 1;
            }
        }
        assert!(damaged >= 30, "seed {seed}: only {damaged} labels damaged");
        let p = d.file(&format!("damaged-{seed}.txt"), text.as_bytes());
        let e = export(&p);
        assert_exported(&e, &format!("damaged labels, seed {seed}"));
        let v = json(&e);
        let c = check(&p);
        let has_errors = !rules(&v, "error").is_empty();
        assert_eq!(
            c.code,
            if has_errors { 1 } else { 0 },
            "seed {seed}: check's exit code disagrees with its findings"
        );
        let findings = v["findings"].as_array().unwrap();
        let nulls = v["cells"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["value"].is_null())
            .count();
        let count = |rule: &str| findings.iter().filter(|f| f["rule"] == rule).count();
        eprintln!(
            "seed {seed}: {damaged} labels damaged; {nulls} cells null; PARSE-LABEL {}, PARSE-ROW-MISSING {}, errors {:?}",
            count("PARSE-LABEL"),
            count("PARSE-ROW-MISSING"),
            rules(&v, "error")
        );
        let named = |key: &str, rule: &str| {
            findings.iter().any(|f| {
                f["rule"] == rule && f["cells"].as_array().unwrap().iter().any(|k| k == key)
            })
        };
        for cell in v["cells"].as_array().unwrap() {
            let key = cell["key"].as_str().unwrap();
            let Some(truth) = g.truth.get(key) else {
                continue;
            };
            if cell["value"].is_null() {
                continue;
            }
            assert_eq!(
                cell["value"].to_string(),
                truth.to_string(),
                "seed {seed}: {key} read wrong from a damaged label"
            );
            if key.starts_with("t3/") {
                assert!(
                    named(key, "PARSE-LABEL"),
                    "seed {seed}: {key} read under a damaged label without PARSE-LABEL"
                );
            }
        }
        // t3's labels are long enough to be recognised with one character wrong: every
        // cell is read (t2's two- and four-character labels may be reported missing)
        let t3_null: Vec<&str> = v["cells"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["key"].as_str().unwrap().starts_with("t3/") && c["value"].is_null())
            .map(|c| c["key"].as_str().unwrap())
            .collect();
        assert!(
            t3_null.is_empty(),
            "seed {seed}: t3 cells not read from damaged labels: {t3_null:?}"
        );
        for t in [&f.t2, &f.t3] {
            for r in t
                .rows
                .iter()
                .filter(|r| r.role != nianbao::model::format::Role::Group)
            {
                let key = format!("{}/{}/{}", t.id, r.key, r.columns[0].key);
                let cell = v["cells"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|c| c["key"] == key.as_str())
                    .unwrap();
                if cell["value"].is_null() {
                    assert!(
                        named(&key, "PARSE-ROW-MISSING")
                            || named(&key, "PARSE-AMBIGUOUS")
                            || named(&key, "PARSE-COUNT"),
                        "seed {seed}: {key} is null and no finding says why"
                    );
                }
            }
        }
    }
}

#[test]
fn check_exit_codes_over_a_directory() {
    let d = TempDir::new("exits");
    let mut ok = Generated::new(7, Template::Y2021, Layout::Pipes);
    let good = d.file("good.txt", ok.render().as_bytes());
    let r = check(&good);
    assert_eq!(r.code, 0, "a consistent report: {}", r.stdout);
    ok.inject_error("t3", 7);
    let bad = d.file("bad.txt", ok.render().as_bytes());
    assert_eq!(check(&bad).code, 1);
    let r = nianbao(&["check", d.0.to_str().unwrap()]);
    assert_eq!(r.code, 1, "errors, nothing unreadable");
    d.file("empty.txt", b"");
    let r = nianbao(&["check", d.0.to_str().unwrap()]);
    assert_eq!(r.code, 2, "an unreadable file wins over errors");
    assert!(
        r.stderr.contains("empty.txt") && r.stderr.contains("empty"),
        "{}",
        r.stderr
    );
}
