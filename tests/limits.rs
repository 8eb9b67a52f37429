//! Resource limits and folder walks (issue 11, items 7 and 9): crafted inputs that
//! used to hang, abort or blow memory now end with a clear per-file error (exit 2 for
//! that file, the batch goes on), a folder walk reads each report once and nothing
//! else, and a batch says how much it read. Each hostile input is generated here, so
//! the test is its regression fixture.

mod common;

use common::tempdir::TempDir;

use common::gen::{Generated, Layout};
use common::publish::{docx_of, PdfFonts, PdfWriter};
use nianbao::model::format::Template;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_nianbao");

/// A directory of its own under the system temp dir, removed when dropped.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn nianbao(args: &[&str]) -> Run {
    let out = Command::new(BIN).args(args).output().unwrap();
    let r = Run {
        code: out.status.code().expect("killed by a signal (an abort?)"),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    r
}

fn report(seed: u64) -> String {
    Generated::new(seed, Template::Y2021, Layout::Pipes).render()
}

/// The library's reading of bytes: the error message, if any.
fn read_error(bytes: &[u8]) -> Option<String> {
    nianbao::read::read_bytes("crafted", bytes)
        .err()
        .map(|e| e.to_string())
}

// ---------------------------------------------------------------- crafted inputs

/// 200 rows of 50 cells each spanning 10,000 rows and 100 columns: 360 KB that once
/// laid out billions of cells (an abort after 22 s).
fn html_span_bomb() -> Vec<u8> {
    let row = format!(
        "<tr>{}</tr>",
        "<td rowspan=10000 colspan=100>1</td>".repeat(50)
    );
    format!(
        "<html><body><table>{}</table></body></html>",
        row.repeat(200)
    )
    .into_bytes()
}

#[test]
fn html_span_amplification_is_a_clear_error() {
    let why = read_error(&html_span_bomb()).expect("refused");
    assert!(why.contains("rowspan/colspan"), "{why}");
}

/// A page whose tables are real but wide: within the budget, read as a page.
#[test]
fn a_wide_but_honest_html_table_is_read() {
    let row = format!("<tr>{}</tr>", "<td colspan=3>1</td>".repeat(300));
    let page = format!(
        "<html><body><p>标题</p><table>{}</table></body></html>",
        row.repeat(50)
    );
    let e = nianbao::input::document::extract(page.as_bytes())
        .unwrap()
        .unwrap();
    assert_eq!(e.text.lines().filter(|l| l.contains(" | ")).count(), 50);
}

/// 2,000 rows of 100 cells spanning 64 grid columns each: a few KB compressed that
/// lays out 12.8 million cells.
fn docx_span_bomb() -> Vec<u8> {
    let cell = r#"<w:tc><w:tcPr><w:gridSpan w:val="64"/></w:tcPr><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>"#;
    let row = format!("<w:tr>{}</w:tr>", cell.repeat(100));
    let xml = format!(
        r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:tbl>{}</w:tbl></w:body></w:document>"#,
        row.repeat(2000)
    );
    docx_of(&xml)
}

#[test]
fn docx_grid_span_amplification_is_a_clear_error() {
    let why = read_error(&docx_span_bomb()).expect("refused");
    assert!(why.contains("gridSpan"), "{why}");
}

/// Ten form XObjects, each drawing all ten: 10^12 drawings at depth 12 (once: no end).
fn pdf_form_fan_out() -> Vec<u8> {
    use lopdf::{dictionary, Object, Stream};
    let mut doc = lopdf::Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let ids: Vec<lopdf::ObjectId> = (0..10).map(|_| doc.new_object_id()).collect();
    let mut xobjects = lopdf::Dictionary::new();
    for (i, id) in ids.iter().enumerate() {
        xobjects.set(format!("X{i}"), Object::Reference(*id));
    }
    let draw_all: String = (0..10).map(|i| format!("/X{i} Do ")).collect();
    for id in &ids {
        let form = Stream::new(
            dictionary! {
                "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 600.into(), 800.into()],
                "Resources" => dictionary! { "Font" => dictionary! { "F1" => font }, "XObject" => xobjects.clone() },
            },
            format!("{draw_all} BT /F1 8 Tf 10 10 Td (1) Tj ET").into_bytes(),
        );
        doc.objects.insert(*id, Object::Stream(form));
    }
    let content = doc.add_object(Stream::new(dictionary! {}, b"/X0 Do".to_vec()));
    let resources = doc
        .add_object(dictionary! { "Font" => dictionary! { "F1" => font }, "XObject" => xobjects });
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content, "Resources" => resources,
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![Object::Reference(page)], "Count" => 1,
            "MediaBox" => vec![0.into(), 0.into(), 600.into(), 800.into()],
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn pdf_forms_drawing_each_other_are_a_clear_error() {
    let why = read_error(&pdf_form_fan_out()).expect("refused");
    assert!(why.contains("form XObjects"), "{why}");
}

/// A page ruled as a grid of `rows` × `cols` cells, a digit in each: rules drawn cell
/// by cell, the way word processors draw them.
fn pdf_grid(rows: usize, cols: usize) -> Vec<u8> {
    let mut w = PdfWriter::new(PdfFonts::Ucs2);
    let (cw, ch) = (600.0 / cols as f64, 800.0 / rows as f64);
    w.text(0, "一、总体情况", 10.0, 805.0);
    for r in 0..rows {
        for c in 0..cols {
            let (x, y) = (c as f64 * cw, r as f64 * ch);
            w.rule(0, x, y, cw, ch);
            w.text(0, "1", x + cw / 3.0, y + ch / 3.0);
        }
    }
    w.finish(600.0, 820.0)
}

/// A 100 × 8 grid reads as 100 rows of 8 cells (ruled-table rebuilding still works
/// after it became one sweep).
#[test]
fn a_ruled_grid_is_rebuilt_row_by_row() {
    let e = nianbao::input::document::extract(&pdf_grid(100, 8))
        .unwrap()
        .unwrap();
    let rows: Vec<&str> = e.text.lines().filter(|l| l.contains(" | ")).collect();
    assert_eq!(rows.len(), 100, "{}", e.text);
    assert!(
        rows.iter().all(|r| *r == "1 | 1 | 1 | 1 | 1 | 1 | 1 | 1"),
        "{}",
        rows[0]
    );
}

/// 3,000 ruled lines each way cut a page into 9 million cells: once 19 s of cubic
/// rebuilding, now refused by the grid's cell budget.
#[test]
fn a_pdf_grid_of_millions_of_cells_is_a_clear_error() {
    let mut w = PdfWriter::new(PdfFonts::Ucs2);
    w.text(0, "一、总体情况", 10.0, 805.0);
    for i in 0..3000 {
        let at = i as f64 * 0.26;
        w.page(0).push_str(&format!(
            "0 {at:.2} m 800 {at:.2} l S\n{at:.2} 0 m {at:.2} 800 l S\n"
        ));
    }
    let why = read_error(&w.finish(800.0, 820.0)).expect("refused");
    assert!(why.contains("table cells"), "{why}");
}

/// A page showing 30 million glyphs (a few KB compressed) stops at the glyph cap.
#[test]
fn a_pdf_of_millions_of_glyphs_is_a_clear_error() {
    let mut w = PdfWriter::new(PdfFonts::Ucs2);
    let line = format!(
        "BT /F2 1 Tf 1 0 0 1 10 10 Tm ({}) Tj ET\n",
        "a".repeat(1000)
    );
    w.page(0).push_str(&line.repeat(1100));
    let why = read_error(&w.finish(600.0, 800.0)).expect("refused");
    assert!(why.contains("glyphs"), "{why}");
}

/// 207 KB of glued digits after a t3 label: once 44 s (a quadratic search), now read
/// like any row that cannot be split.
#[test]
fn a_long_glued_run_is_read_without_a_stall() {
    let text = format!(
        "三、收到和处理政府信息公开申请情况\n（一）予以公开 {}\n",
        "1".repeat(207_000)
    );
    let r = nianbao::read::read_bytes("glued.txt", text.as_bytes()).unwrap();
    assert!(r.text.len() > 207_000);
}

// ---------------------------------------------------------------- files and folders

#[cfg(unix)]
#[test]
fn a_device_or_pipe_is_refused_not_read() {
    let r = nianbao(&["check", "/dev/zero"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("/dev/zero: a device, not a regular file"),
        "{}",
        r.stderr
    );
    let d = TempDir::new("limits-fifo");
    let fifo = d.0.join("pipe.txt");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let r = nianbao(&["check", fifo.to_str().unwrap()]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("named pipe"), "{}", r.stderr);
}

/// A folder with two links to itself, a FIFO, nianbao's own files and files that are
/// not reports: each report is checked once, nothing else is read.
#[cfg(unix)]
#[test]
fn a_folder_walk_reads_each_report_once_and_nothing_else() {
    let d = TempDir::new("limits-walk");
    d.file("a.txt", report(1).as_bytes());
    std::fs::create_dir(d.0.join("sub")).unwrap();
    d.file("sub/b.TXT", report(2).as_bytes());
    std::os::unix::fs::symlink(&d.0, d.0.join("sub/loop1")).unwrap();
    std::os::unix::fs::symlink(".", d.0.join("loop2")).unwrap();
    std::os::unix::fs::symlink(d.0.join("a.txt"), d.0.join("again.txt")).unwrap();
    assert!(Command::new("mkfifo")
        .arg(d.0.join("fifo.txt"))
        .status()
        .unwrap()
        .success());
    for own in [
        "a.txt.nianbao.lock",
        "a.nianbao.journal",
        "a.nianbao.json",
        "a.nianbao.json.tmp4242",
        "notes.md",
        "cells.tsv",
        "data.json",
        "scan.png",
    ] {
        d.file(own, b"not a report \xFF\x00");
    }
    let r = nianbao(&["check", "--format", "jsonl", d.0.to_str().unwrap()]);
    let paths: Vec<String> = r
        .stdout
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["source"]["path"].as_str().map(String::from))
        .collect();
    assert_eq!(paths.len(), 2, "{paths:?}\n{}", r.stderr);
    assert!(
        paths[0].ends_with("a.txt") && paths[1].ends_with("b.TXT"),
        "{paths:?}"
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    // named on the command line, a file is read whatever its extension
    let tsv = d.file("named.tsv", report(3).as_bytes());
    let r = nianbao(&["check", tsv.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

/// One hostile file in a folder: its own exit-2 error, the other reports checked, and
/// the summary says how much was read.
#[test]
fn a_batch_goes_on_past_a_hostile_file_and_says_how_much_it_read() {
    let d = TempDir::new("limits-batch");
    d.file("a.txt", report(4).as_bytes());
    d.file("b.html", &html_span_bomb());
    d.file("c.txt", "一段不是年报的文字。\n".as_bytes());
    let dir = d.0.to_str().unwrap();
    let r = nianbao(&["check", dir]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("b.html: the page's tables span"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(
            ": 1 read in full, 0 with cells missing, 1 not in a national format, 1 unreadable"
        ),
        "{}",
        r.stderr
    );
    let r = nianbao(&["check", "--format", "jsonl", dir]);
    let last: serde_json::Value = serde_json::from_str(r.stdout.lines().last().unwrap()).unwrap();
    assert_eq!(last["summary"]["reports"], 3, "{last}");
    assert_eq!(last["summary"]["read_in_full"], 1, "{last}");
    assert_eq!(last["summary"]["no_national_format"], 1, "{last}");
    assert_eq!(last["summary"]["unreadable"], 1, "{last}");
}

#[test]
fn extensions_decide_what_a_walk_takes() {
    use nianbao::check::batch::is_report_name;
    for yes in ["a.txt", "b.HTML", "c.htm", "d.docx", "e.pdf", "f.text"] {
        assert!(is_report_name(yes), "{yes}");
    }
    for no in [
        "a.tsv",
        "a.md",
        "a.json",
        "a.png",
        "a.txt.nianbao.lock",
        "a.nianbao.json.tmp12",
        ".hidden.txt",
        "README",
    ] {
        assert!(!is_report_name(no), "{no}");
    }
}

// ---------------------------------------------------------------- faults said where they are

/// One bad byte in a UTF-8 report without a BOM: read, the byte replaced, and a
/// DECODE-REPLACED warning names its line (the file was once refused whole).
#[test]
fn a_bad_byte_in_utf8_is_a_warning_on_its_line() {
    let text = report(5);
    let at = text.match_indices('\n').nth(3).unwrap().0;
    let mut bytes = text.as_bytes()[..at].to_vec();
    bytes.push(0xFF);
    bytes.extend_from_slice(&text.as_bytes()[at..]);
    let d = TempDir::new("limits-badbyte");
    let p = d.file("bad.txt", &bytes);
    let r = nianbao(&["check", "--format", "jsonl", p.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let v: serde_json::Value = serde_json::from_str(r.stdout.lines().next().unwrap()).unwrap();
    let found = v["findings"].as_array().unwrap();
    let replaced: Vec<&serde_json::Value> = found
        .iter()
        .filter(|f| f["rule"] == "DECODE-REPLACED")
        .collect();
    assert_eq!(replaced.len(), 1, "{found:?}");
    assert_eq!(replaced[0]["line"], 4, "{}", replaced[0]);
    assert_eq!(replaced[0]["severity"], "warning");
}

fn text_pdf() -> Vec<u8> {
    let mut w = PdfWriter::new(PdfFonts::Ucs2);
    w.text(0, "一、总体情况", 10.0, 700.0);
    w.finish(600.0, 800.0)
}

/// A PDF whose page tree is broken says its structure is damaged; one with pages but
/// no text says it may be a scan.
#[test]
fn a_damaged_pdf_is_told_from_a_scan() {
    let good = text_pdf();
    assert!(read_error(&good).is_none());
    let at = good.windows(5).position(|w| w == b"/Kids").unwrap();
    let mut broken = good.clone();
    broken[at..at + 5].copy_from_slice(b"/Kidx");
    let why = read_error(&broken).expect("refused");
    assert!(why.contains("structure is damaged"), "{why}");
    let mut scan = PdfWriter::new(PdfFonts::Ucs2);
    scan.rule(0, 10.0, 10.0, 500.0, 700.0);
    let why = read_error(&scan.finish(600.0, 800.0)).expect("refused");
    assert!(why.contains("no text layer"), "{why}");
}

/// The reports on which the reader once panicked (kept from the fuzz suite: a table
/// heading found after the next one made a reversed range) now read, beside others in
/// a batch.
#[test]
fn the_inputs_that_once_panicked_the_reader_now_read() {
    let d = TempDir::new("limits-fault");
    d.file("a.txt", report(6).as_bytes());
    let kept = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    for name in [
        "reader-panic-text-41690.txt",
        "reader-panic-text-66088.txt",
        "reader-panic-text-89567.txt",
        "reader-panic-pdf-13707.pdf",
        "reader-panic-pdf-54273.pdf",
    ] {
        std::fs::copy(kept.join(name), d.0.join(name)).unwrap();
    }
    let out = Command::new(BIN)
        .args(["check", "--format", "jsonl", d.0.to_str().unwrap()])
        .env("RUST_BACKTRACE", "0")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("failed on this file"), "{stderr}");
    assert!(stdout.contains("\"unreadable\":0"), "{stdout}");
    assert_eq!(
        stdout.lines().filter(|l| l.contains("\"path\"")).count(),
        6,
        "{stdout}"
    );
}
