//! Structure-aware fuzzing of every input nianbao reads: report text, web pages, .docx,
//! PDF, a corrections file (`NAME.nianbao.json`), a journal (`NAME.nianbao.journal`) and
//! a keymap. Each kind starts from valid inputs and mutates them the way damage and
//! hostility do: at its own grain (lines and digit runs of text, tags and span
//! attributes of HTML, elements of document.xml inside a valid zip, content-stream
//! operators of a PDF, JSON values, journal lines, TOML bindings), then now and then
//! bytes of the finished file.
//!
//! Every case is drawn from a fixed seed, so a failure names the case that reproduces
//! it. Each case must end, without a panic, in a result or an error, within
//! [`CASE_LIMIT`]; the process's peak memory must stay under 512 MB. The normal run
//! tries [`DEFAULT_CASES`] per kind; `NIANBAO_FUZZ_CASES=100000` runs the long mode
//! (and `NIANBAO_FUZZ_KINDS=pdf,html` only some kinds). A failing case is written to
//! `target/fuzz-failures/` to be kept under `tests/fixtures/fuzz/`, whose files are
//! read by [`every_kept_fixture_reads_within_bounds`].

mod common;

use common::gen::{Generated, Rng};
use common::publish::{docx_of, published, to_docx, to_html, HtmlStyle, PdfFonts, PdfWriter};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const DEFAULT_CASES: u64 = 3000;

/// A case's time bound: generous (a case is milliseconds), for release builds; debug
/// builds are ten times slower.
const CASE_LIMIT: Duration = Duration::from_secs(if cfg!(debug_assertions) { 20 } else { 2 });

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|s| s.parse().ok())
}

/// The cases to run: `NIANBAO_FUZZ_FROM` (default 0) up to `NIANBAO_FUZZ_CASES`.
fn cases() -> std::ops::Range<u64> {
    env_number("NIANBAO_FUZZ_FROM").unwrap_or(0)
        ..env_number("NIANBAO_FUZZ_CASES").unwrap_or(DEFAULT_CASES)
}

fn wanted(kind: &str) -> bool {
    std::env::var("NIANBAO_FUZZ_KINDS").map_or(true, |k| k.split(',').any(|k| k == kind))
}

/// The process's peak resident memory in KB (Linux), or 0 where it cannot be told.
fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|n| n.parse().ok()))
        })
        .unwrap_or(0)
}

/// Runs `n` cases of a kind: `make` draws the input from the case's rng, `run` reads it
/// (its `Err` is a fine outcome; only a panic, a stall or memory is a failure).
fn fuzz(kind: &str, make: impl Fn(&mut Rng) -> Vec<u8>, run: impl Fn(&[u8])) {
    if !wanted(kind) {
        return;
    }
    let range = cases();
    let n = range.end.saturating_sub(range.start);
    let (mut slowest, mut slowest_case) = (Duration::ZERO, 0);
    for case in range {
        let mut rng = Rng::new(0xF022 ^ (case.wrapping_mul(0x9E37_79B9)) ^ fxhash(kind));
        let input = make(&mut rng);
        let start = Instant::now();
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(&input)));
        let took = start.elapsed();
        if outcome.is_err() || took > CASE_LIMIT {
            let kept = keep_failure(kind, case, &input);
            panic!(
                "{kind} case {case}: {} after {took:?}; input kept as {}",
                if outcome.is_err() {
                    "panicked"
                } else {
                    "too slow"
                },
                kept.display()
            );
        }
        if took > slowest {
            (slowest, slowest_case) = (took, case);
        }
    }
    let peak = peak_rss_kb();
    eprintln!(
        "fuzz {kind}: {n} cases, slowest {slowest:?} (case {slowest_case}), peak RSS {} MB",
        peak / 1024
    );
    assert!(peak < 512 * 1024, "{kind}: peak RSS {peak} KB");
}

fn fxhash(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100_0000_01b3)
    })
}

fn keep_failure(kind: &str, case: u64, input: &[u8]) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-failures");
    let _ = std::fs::create_dir_all(&dir);
    let p = dir.join(format!("{kind}-{case}.bin"));
    let _ = std::fs::write(&p, input);
    p
}

// ---------------------------------------------------------------- mutations

/// Fragments that matter to each reader, inserted at random places.
const TEXT_BITS: &[&str] = &[
    "三、收到和处理政府信息公开申请情况\n",
    "（一）予以公开 ",
    "| ",
    " | ",
    "1234567890123456789012345678901234567890",
    "-",
    "0",
    "（七）总计",
    "四、政府信息公开行政复议、行政诉讼情况\n",
    "\u{FEFF}",
    "\u{202E}",
    "\x1b[2J",
    "\r",
    "一、总体情况\n",
    "9999999999",
    "。",
];

const HTML_BITS: &[&str] = &[
    "<table>",
    "</table>",
    "<tr>",
    "</tr>",
    "<td>",
    "</td>",
    "<td rowspan=9999 colspan=99>",
    "<td colspan=\"100\">",
    "<th rowspan='3'>",
    "<!--",
    "-->",
    "<script>",
    "<pre>",
    "&amp;",
    "&#x4e00;",
    "&#99999999;",
    "<meta charset=gbk>",
    "<p>",
    "<br>",
    "<",
];

const XML_BITS: &[&str] = &[
    "<w:tbl>",
    "</w:tbl>",
    "<w:tr>",
    "</w:tr>",
    "<w:tc>",
    "</w:tc>",
    "<w:tcPr><w:gridSpan w:val=\"64\"/></w:tcPr>",
    "<w:tcPr><w:vMerge/></w:tcPr>",
    "<w:gridBefore w:val=\"60\"/>",
    "<w:p><w:r><w:t>",
    "</w:t></w:r></w:p>",
    "<w:t>1234</w:t>",
    "&amp;",
    "&lt;",
    "<mc:Fallback>",
    "<![CDATA[x]]>",
    "<w:tab/>",
    "<",
];

const PDF_OPS: &[&str] = &[
    "q ",
    "Q ",
    "BT ",
    "ET ",
    "0 0 600 800 re S ",
    "0 0 1 700 re f ",
    "10 10 m 500 10 l S ",
    "1e30 0 0 1e30 0 0 cm ",
    "0 0 0 0 0 0 cm ",
    "/F1 1000 Tf ",
    "/F2 0 Tf ",
    "/F9 8 Tf ",
    "(1234) Tj ",
    "<4E00 4E8C> Tj ",
    "[(a) -99999 (b)] TJ ",
    "1 0 0 1 -1e9 5 Tm ",
    "0 -12 Td ",
    "T* ",
    "90 Tz ",
    "/X0 Do ",
    "999999999999 ",
];

/// One structure-aware change to `s`, whose fragments are `bits`: insert, delete,
/// duplicate or swap lines and spans, lengthen a digit run, cut the text short.
fn mutate_text(rng: &mut Rng, s: &str, bits: &[&str]) -> String {
    let mut lines: Vec<String> = s.split_inclusive('\n').map(String::from).collect();
    if lines.is_empty() {
        lines.push(String::new());
    }
    for _ in 0..=rng.below(4) {
        let i = rng.below(lines.len() as u64) as usize;
        match rng.below(9) {
            0 => {
                lines.remove(i);
                if lines.is_empty() {
                    lines.push(String::new());
                }
            }
            1 => {
                let l = lines[i].clone();
                for _ in 0..=rng.below(3) {
                    lines.insert(i, l.clone());
                }
            }
            2 => {
                let j = rng.below(lines.len() as u64) as usize;
                lines.swap(i, j);
            }
            3 => {
                let at = char_boundary(&lines[i], rng.below(lines[i].len() as u64 + 1) as usize);
                lines[i].insert_str(at, rng.pick::<&str>(bits));
            }
            4 => lines[i] = lengthen_digits(rng, &lines[i]),
            5 => {
                let at = char_boundary(&lines[i], rng.below(lines[i].len() as u64 + 1) as usize);
                lines[i].truncate(at);
            }
            6 => lines[i] = lines[i].replace(' ', rng.pick::<&str>(&["", "  ", "\t", " | "])),
            7 => {
                lines[i] = lines[i].replace(
                    |c: char| c.is_ascii_digit(),
                    rng.pick::<&str>(&["", "０", "-", "99"]),
                )
            }
            _ => {
                let cut = rng.below(lines.len() as u64 + 1) as usize;
                lines.truncate(cut.max(1));
            }
        }
    }
    lines.concat()
}

fn char_boundary(s: &str, mut at: usize) -> usize {
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The line with its first digit run made long (glued values).
fn lengthen_digits(rng: &mut Rng, line: &str) -> String {
    match line.find(|c: char| c.is_ascii_digit()) {
        Some(at) => {
            let run: String = (0..rng.range(5, 400))
                .map(|k| (b'0' + (k % 10) as u8) as char)
                .collect();
            format!("{}{run}{}", &line[..at], &line[at..])
        }
        None => line.to_string(),
    }
}

/// Now and then, damage at the byte level: flip, drop or insert bytes, cut the end.
fn mutate_bytes(rng: &mut Rng, mut b: Vec<u8>) -> Vec<u8> {
    if b.is_empty() || !rng.chance(0.3) {
        return b;
    }
    for _ in 0..=rng.below(8) {
        let i = rng.below(b.len() as u64) as usize;
        match rng.below(4) {
            0 => b[i] ^= 1 << rng.below(8),
            1 => {
                b.remove(i);
            }
            2 => b.insert(i, rng.below(256) as u8),
            _ => b.truncate(i.max(1)),
        }
        if b.is_empty() {
            b.push(b'x');
        }
    }
    b
}

// ---------------------------------------------------------------- seeds and readers

fn seed_report(rng: &mut Rng) -> String {
    Generated::random(rng.below(64)).render()
}

/// The whole of `check` on bytes: reading, then every rule.
fn read_and_check(bytes: &[u8]) {
    if let Ok(r) = nianbao::read::read_bytes("fuzz", bytes) {
        let _ = nianbao::check::rules::check(&r);
    }
}

#[test]
fn fuzz_text() {
    fuzz(
        "text",
        |rng| {
            let seed = seed_report(rng);
            let t = mutate_text(rng, &seed, TEXT_BITS);
            mutate_bytes(rng, t.into_bytes())
        },
        read_and_check,
    );
}

#[test]
fn fuzz_html() {
    fuzz(
        "html",
        |rng| {
            let style = if rng.chance(0.5) {
                HtmlStyle::Word
            } else {
                HtmlStyle::Cms
            };
            let page = to_html(&published(&seed_report(rng)), style);
            let page = page.replace('>', ">\n");
            {
                let m = mutate_text(rng, &page, HTML_BITS).into_bytes();
                mutate_bytes(rng, m)
            }
        },
        read_and_check,
    );
}

/// document.xml out of a .docx made by the test publisher.
fn document_xml(docx: &[u8]) -> String {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut s = String::new();
    z.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut s)
        .unwrap();
    s
}

#[test]
fn fuzz_docx() {
    fuzz(
        "docx",
        |rng| {
            let xml = document_xml(&to_docx(&published(&seed_report(rng))));
            let xml = xml.replace('>', ">\n");
            {
                let m = docx_of(&mutate_text(rng, &xml, XML_BITS));
                mutate_bytes(rng, m)
            }
        },
        read_and_check,
    );
}

/// A PDF of a report's first lines, a table ruled on the page; the content stream
/// mutated operator by operator, then now and then the file's bytes.
fn fuzz_pdf_input(rng: &mut Rng) -> Vec<u8> {
    let text = seed_report(rng);
    let mut w = PdfWriter::new(if rng.chance(0.5) {
        PdfFonts::Ucs2
    } else {
        PdfFonts::Identity
    });
    for (i, line) in text.lines().take(60).enumerate() {
        let y = 780.0 - i as f64 * 12.0;
        w.text(0, line, 20.0, y);
        if line.contains('|') {
            w.rule(0, 15.0, y - 3.0, 560.0, 12.0);
            w.rule(0, 300.0, y - 3.0, 130.0, 12.0);
        }
    }
    let ops: String = w.pages[0]
        .split_inclusive(' ')
        .collect::<Vec<_>>()
        .join("\n");
    w.pages[0] = mutate_text(rng, &ops, PDF_OPS);
    let pdf = w.finish(600.0, 800.0);
    mutate_bytes(rng, pdf)
}

#[test]
fn fuzz_pdf() {
    fuzz("pdf", fuzz_pdf_input, read_and_check);
}

// ---------------------------------------------------------------- nianbao's own files

/// A folder for the record files of one kind's cases, removed at the end.
struct Scratch(PathBuf);

impl Scratch {
    fn new(kind: &str) -> Scratch {
        let p = std::env::temp_dir().join(format!("nianbao-fuzz-{kind}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        Scratch(p)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const CELLS: &[&str] = &[
    "t3/new/total",
    "t3/total/natural",
    "t2/regulations/issued",
    "t4/review/upheld",
    "nope",
];

/// A valid trail: sets, an undo and a redo, as a reviewer leaves them.
fn trail_json(rng: &mut Rng) -> Vec<String> {
    let mut out = Vec::new();
    for seq in 1..=rng.range(1, 6) {
        let act = *rng.pick(&["set", "set", "undo", "redo"]);
        let of = if act == "set" {
            String::new()
        } else {
            format!(",\"of\":{}", seq - 1)
        };
        out.push(format!(
            "{{\"seq\":{seq},\"action\":\"{act}\"{of},\"cell\":\"{}\",\"old\":\"{}\",\"new\":{},\"reason\":\"typo\",\"reviewer\":\"a\",\"time\":\"2026-01-01T00:00:00Z\"}}",
            rng.pick(CELLS),
            rng.below(100),
            rng.pick(&["\"3\"", "null", "\"-5\"", "\"1.5\"", "\"1e9\""]),
        ));
    }
    out
}

const JSON_BITS: &[&str] = &[
    "\"seq\":18446744073709551615,",
    "\"new\":\"99999999999999999999999\",",
    "null",
    "[]",
    "{}",
    "\"\u{0}\"",
    "\"\\ud800\"",
    "\"schema\":2,",
    ",",
    "\"cell\":\"t3/new/total\",",
    "1e999",
];

fn report_for_trail() -> nianbao::Report {
    let text = Generated::random(1).render();
    nianbao::read::read_bytes("r.txt", text.as_bytes()).unwrap()
}

#[test]
fn fuzz_corrections_file() {
    let dir = Scratch::new("corrections");
    let report_path = dir.0.join("r.txt");
    let store = nianbao::record::corrections::Store::beside(&report_path);
    let report = report_for_trail();
    fuzz(
        "corrections",
        |rng| {
            let file = format!(
                "{{\n\"schema\":1,\n\"report\":{{\"path\":\"r.txt\",\"sha256\":\"{}\"}},\n\"trail\":[\n{}\n]\n}}\n",
                report.source.sha256,
                trail_json(rng).join(",\n")
            );
            {
                let m = mutate_text(rng, &file, JSON_BITS).into_bytes();
                mutate_bytes(rng, m)
            }
        },
        |bytes| {
            std::fs::write(&store.file, bytes).unwrap();
            let mut r = report.clone();
            let _ = nianbao::record::corrections::apply_saved(&report_path, &mut r);
        },
    );
}

#[test]
fn fuzz_journal() {
    let dir = Scratch::new("journal");
    let store = nianbao::record::corrections::Store::beside(&dir.0.join("r.txt"));
    let report = report_for_trail();
    fuzz(
        "journal",
        |rng| {
            let lines = trail_json(rng).join("\n") + "\n";
            {
                let m = mutate_text(rng, &lines, JSON_BITS).into_bytes();
                mutate_bytes(rng, m)
            }
        },
        |bytes| {
            std::fs::write(&store.journal, bytes).unwrap();
            if let Ok((trail, _skipped)) = nianbao::record::journal::read(&store.journal) {
                let mut r = report.clone();
                let _ = nianbao::record::bind::apply(&mut r, &trail, &[], "fuzz");
            }
        },
    );
}

const TOML_BITS: &[&str] = &[
    "\"q\" = \"none\"\n",
    "\"ctrl-c\" = \"none\"\n",
    "extends = \"vim\"\n",
    "extends = \"nope\"\n",
    "[keys]\n",
    "[table.t3]\n",
    "\"ctrl-\" = \"quit\"\n",
    "\"f99\" = \"help\"\n",
    "\"x\" = \"no_such_action\"\n",
    "\"\u{0}\" = \"quit\"\n",
    "= = =\n",
    "\"alt-ctrl-shift-a\" = \"move_up\"\n",
];

#[test]
fn fuzz_keymap() {
    let base =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("keymaps/default.toml"))
            .unwrap();
    let vim =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("keymaps/vim.toml"))
            .unwrap();
    fuzz(
        "keymap",
        |rng| {
            let seed = if rng.chance(0.5) { &base } else { &vim };
            {
                let m = mutate_text(rng, seed, TOML_BITS).into_bytes();
                mutate_bytes(rng, m)
            }
        },
        |bytes| {
            let text = String::from_utf8_lossy(bytes);
            let _ = nianbao::tui::keymap::Keymap::load(Some(("keymap.toml", &text)));
        },
    );
}

// ---------------------------------------------------------------- kept inputs

/// Every input kept under `tests/fixtures/fuzz/` (those that once hung, aborted, blew
/// memory or panicked) is read, or refused with its own error, within the case bound,
/// the way `check` reads each file of a batch (a fault of the reader on one file is
/// that file's error).
#[test]
fn every_kept_fixture_reads_within_bounds() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_some_and(|e| e == "md") {
            continue;
        }
        let start = Instant::now();
        let outcome = nianbao::check::batch::check_file(&p, &|_, _| Ok(()));
        if let nianbao::check::batch::Outcome::Unreadable(e) = &outcome {
            assert!(e.to_string().starts_with(&p.display().to_string()), "{e}");
        }
        assert!(
            start.elapsed() < CASE_LIMIT,
            "{}: {:?}",
            p.display(),
            start.elapsed()
        );
        n += 1;
    }
    assert!(n > 0, "no fixture in {}", dir.display());
}
