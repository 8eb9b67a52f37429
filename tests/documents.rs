//! Published documents read as such. Each fixture is made here from a generated report
//! (row labels from the formats in src/format.rs, numbers random but consistent): its
//! tables laid out as the national forms publish them — label cells merged across rows
//! and columns — then written as an HTML page, a Word .docx (with the zip crate) and a
//! PDF (with lopdf). Each must read back to the same cells as the report's plain text.

mod common;

use common::gen::{Generated, Layout};
use common::publish::*;
use nianbao::input::decode::Encoding;
use nianbao::model::format::Template;

// ---------------------------------------------------------------------------------
// Comparing a document with its text twin.

fn values(r: &nianbao::Report) -> Vec<(String, Option<String>)> {
    r.cells
        .iter()
        .filter(|c| !c.added)
        .map(|c| (c.key.to_string(), c.value.map(|v| v.to_string())))
        .collect()
}

fn text_twin(text: &str) -> nianbao::Report {
    nianbao::read_text("r.txt", text.to_string(), Encoding::Utf8, String::new())
}

/// The document reads to the same cells as its text, and every span points at its value
/// in the document's text (what the review screen highlights).
fn same_cells(doc: &nianbao::Report, twin: &nianbao::Report, what: &str) {
    assert!(
        twin.cells.iter().filter(|c| c.value.is_some()).count() > 100,
        "{what}: the text twin reads"
    );
    let (a, b) = (values(doc), values(twin));
    let diff: Vec<_> = a.iter().zip(&b).filter(|(x, y)| x != y).take(5).collect();
    assert!(
        diff.is_empty() && a.len() == b.len(),
        "{what}: cells differ from the text's (document, text): {diff:?}\n--- document text:\n{}",
        doc.text
    );
    for c in &doc.cells {
        if let (Some((s, e)), Some(v)) = (c.span, c.value) {
            let raw: String = doc.text[s..e]
                .chars()
                .map(nianbao::read::text::normalize_char)
                .collect();
            assert_eq!(
                nianbao::model::num::Num::parse(raw.trim()),
                Some(v),
                "{what}: span of {}",
                c.key
            );
        }
    }
}

fn report(seed: u64) -> (Generated, String) {
    let template = if seed.is_multiple_of(2) {
        Template::Y2019
    } else {
        Template::Y2021
    };
    let g = Generated::new(seed, template, Layout::Pipes);
    let text = g.render();
    (g, text)
}

// ---------------------------------------------------------------------------------
// HTML.

#[test]
fn html_pages_in_both_formats_read_back_to_the_cells_of_their_text() {
    for seed in 0..120u64 {
        let (_, text) = report(seed);
        let twin = text_twin(&text);
        let blocks = published(&text);
        for style in [HtmlStyle::Word, HtmlStyle::Cms] {
            let page = to_html(&blocks, style);
            let bytes = if style == HtmlStyle::Word {
                encoding_rs::GBK.encode(&page).0.into_owned()
            } else {
                page.into_bytes()
            };
            let r = nianbao::read_bytes("r.html", &bytes).unwrap();
            assert_eq!(r.source.format, "html");
            assert_eq!(
                r.source.encoding,
                if style == HtmlStyle::Word {
                    "gb18030"
                } else {
                    "utf-8"
                }
            );
            same_cells(&r, &twin, &format!("seed {seed} html"));
            assert!(
                !r.text.contains("var tpl")
                    && !r.text.contains("mso-")
                    && !r.text.contains("document.write"),
                "scripts and styles are not text"
            );
        }
    }
}

#[test]
fn merged_cells_leave_empty_cells_where_the_table_shows_none() {
    let (_, text) = report(1);
    let page = to_html(&published(&text), HtmlStyle::Cms);
    let r = nianbao::read_bytes("r.html", page.as_bytes()).unwrap();
    let line = |start: &str| {
        r.text
            .lines()
            .find(|l| l.trim_start_matches([' ', '|']).starts_with(start))
            .unwrap_or_else(|| panic!("no line {start} in\n{}", r.text))
            .to_string()
    };
    // under 三、本年度办理结果 and (三)不予公开, the merged labels leave empty cells
    assert!(
        line("2.其他法律行政法规禁止公开").starts_with(" |  | 2.其他法律行政法规禁止公开 | "),
        "{}",
        line("2.其他法律")
    );
    assert!(line("(三)不予公开").starts_with(" | (三)不予公开 | 1.属于国家秘密 | "));
    // an ungrouped label spans two columns: its second column is empty
    assert!(line("(七)总计").starts_with(" | (七)总计 |  | "));
}

#[test]
fn a_page_without_tables_a_truncated_page_and_a_misnamed_page() {
    let r = nianbao::read_bytes(
        "x.html",
        "<html><body><p>2018年政府信息公开工作年度报告</p></body></html>".as_bytes(),
    )
    .unwrap();
    let f = nianbao::check::rules::check(&r);
    assert!(f.iter().any(|f| f.rule == "FORMAT-NONE"));
    assert!(
        r.cells.iter().all(|c| c.value.is_none()),
        "no invented cells"
    );
    // truncated markup (and a page cut mid-character) never panics
    let (_, text) = report(7);
    let page = to_html(&published(&text), HtmlStyle::Word);
    let gbk = encoding_rs::GBK.encode(&page).0.into_owned();
    for cut in (0..gbk.len()).step_by(1499) {
        let _ = nianbao::read_bytes("cut.html", &gbk[..cut]);
    }
}

/// A page of Word-export size (300 KB of markup) reads like its text. How fast is
/// measured by `cargo bench --bench documents`.
#[test]
fn a_300_kb_word_page_reads_like_its_text() {
    let (_, text) = report(11);
    let page = word_page_of_size(&published(&text), 300_000);
    assert!(page.len() >= 300_000);
    let r = nianbao::read_bytes("big.html", page.as_bytes()).unwrap();
    same_cells(&r, &text_twin(&text), "300 KB page");
}

// ---------------------------------------------------------------------------------
// Word.

#[test]
fn word_files_in_both_formats_read_back_to_the_cells_of_their_text() {
    for seed in 200..260u64 {
        let (_, text) = report(seed);
        let twin = text_twin(&text);
        let r = nianbao::read_bytes("r.docx", &to_docx(&published(&text))).unwrap();
        assert_eq!(r.source.format, "docx");
        same_cells(&r, &twin, &format!("seed {seed} docx"));
    }
}

#[test]
fn word_merges_read_as_the_table_shows_them() {
    let (_, text) = report(3);
    let r = nianbao::read_bytes("r.docx", &to_docx(&published(&text))).unwrap();
    let has = |s: &str| r.text.lines().any(|l| l.starts_with(s));
    assert!(has(" |  | 2.其他法律行政法规禁止公开 | "), "{}", r.text);
    assert!(has(" | (七)总计 |  | "));
    assert!(!r.text.contains("left"), "tab stops are not text");
}

#[test]
fn malformed_word_files_give_clear_errors() {
    let (_, text) = report(5);
    let good = to_docx(&published(&text));
    let err = |bytes: &[u8]| {
        nianbao::read_bytes("x.docx", bytes)
            .unwrap_err()
            .to_string()
    };
    // truncated anywhere: an error naming the zip, never a panic
    for cut in [10, 100, good.len() / 3, good.len() / 2, good.len() - 30] {
        let e = err(&good[..cut]);
        assert!(e.contains("zip"), "{e}");
    }
    // a zip that is not a Word document
    let e = err(&zip_of(&[("hello.txt", b"hi")]));
    assert!(
        e.contains("not a Word document: word/document.xml is missing"),
        "{e}"
    );
    // billion laughs: entity expansion refused before any expansion
    let mut lol = String::from("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
    for k in 1..10 {
        lol.push_str(&format!(
            "<!ENTITY lol{k} \"{}\">",
            format!(
                "&lol{};",
                if k == 1 {
                    String::new()
                } else {
                    (k - 1).to_string()
                }
            )
            .repeat(10)
        ));
    }
    lol.push_str("]><w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>");
    let e = err(&docx_of(&lol));
    assert!(e.contains("DTD") && e.contains("XML bomb"), "{e}");
    // an entity used without being declared is no bomb, but no Word text either
    let e = err(&docx_of("<w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"));
    assert!(e.contains("word/document.xml"), "{e}");
    // deep nesting: 100 000 levels give an error, not a stack overflow
    let deep = format!(
        "<w:document xmlns:w=\"w\"><w:body>{}{}</w:body></w:document>",
        "<w:tbl><w:tr><w:tc>".repeat(33_000),
        "</w:tc></w:tr></w:tbl>".repeat(33_000)
    );
    let e = err(&docx_of(&deep));
    assert!(e.contains("nest"), "{e}");
    // a zip bomb: a document.xml unpacking past the limit (64 MB of zeros, 64 KB packed)
    let bomb = zip_of(&[
        ("[Content_Types].xml", CONTENT_TYPES),
        ("word/document.xml", &vec![b'<'; 65 * 1024 * 1024]),
    ]);
    assert!(bomb.len() < 1024 * 1024);
    let e = err(&bomb);
    assert!(e.contains("zip bomb"), "{e}");
    // an old binary .doc is named as such
    let e = err(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0\0\0\0\0");
    assert!(e.contains(".doc"), "{e}");
}

// ---------------------------------------------------------------------------------
// PDF.

#[test]
fn pdfs_in_both_formats_read_back_to_the_cells_of_their_text() {
    for seed in 300..340u64 {
        let (_, text) = report(seed);
        let twin = text_twin(&text);
        let fonts = if seed % 4 < 2 {
            PdfFonts::Identity
        } else {
            PdfFonts::Ucs2
        };
        // ruled tables rebuilt from their borders, and borderless ones read by position
        let pdf = to_pdf_with(
            &published(&text),
            PdfLayout {
                fonts,
                wrap: Wrap::None,
                ruled: seed % 3 != 0,
                split_rows: false,
            },
        );
        let r = nianbao::read_bytes("r.pdf", &pdf).unwrap();
        assert_eq!(r.source.format, "pdf");
        same_cells(&r, &twin, &format!("seed {seed} pdf"));
    }
}

#[test]
fn pdf_rows_come_out_one_line_each_with_cells_apart() {
    let (_, text) = report(9);
    let pdf = to_pdf(&published(&text), PdfFonts::Identity, Wrap::None);
    let r = nianbao::read_bytes("r.pdf", &pdf).unwrap();
    let total = r
        .text
        .lines()
        .find(|l| l.contains("(七)总计"))
        .unwrap_or_else(|| panic!("{}", r.text));
    let cells: Vec<&str> = total
        .split(" | ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(cells.len(), 8, "a label and seven values: {total}");
    assert!(
        cells[1..].iter().all(|c| c.parse::<i64>().is_ok()),
        "{total}"
    );
}

#[test]
fn pdfs_with_labels_wrapped_in_their_cells() {
    // the layout of most published PDFs: long labels wrap inside narrow columns, the
    // row's values centred beside the label's middle line
    for seed in 340..356u64 {
        let (_, text) = report(seed);
        let twin = text_twin(&text);
        let pdf = to_pdf(&published(&text), PdfFonts::Identity, Wrap::Middle(12));
        let r = nianbao::read_bytes("r.pdf", &pdf).unwrap();
        same_cells(&r, &twin, &format!("seed {seed} wrapped pdf"));
        // the ruled cells put each row, its wrapped label joined, on one line
        let row = r
            .text
            .lines()
            .find(|l| l.contains("2.其他法律行政法规禁止公开"))
            .unwrap_or_else(|| panic!("{}", r.text));
        assert_eq!(
            row.split(" | ")
                .filter(|c| nianbao::model::num::Num::parse(c.trim()).is_some())
                .count(),
            7,
            "{row}"
        );
    }
}

#[test]
fn pdf_rows_broken_across_pages_are_one_row_again() {
    // Word lets a row break across pages by default: part of the wrapped label (and the
    // values, on whichever side of the break they fall) continues on the next page
    let mut splits = 0;
    for seed in 368..392u64 {
        let (_, text) = report(seed);
        let twin = text_twin(&text);
        let mut blocks = published(&text);
        // move the page breaks through the tables from one seed to the next
        for n in 0..seed % 7 {
            blocks.insert(1, Block::Para(format!("（{n}）")));
        }
        let wrap = if seed % 2 == 0 {
            Wrap::Middle(6)
        } else {
            Wrap::Top(6)
        };
        let (pdf, n) = to_pdf_counting_splits(
            &blocks,
            PdfLayout {
                fonts: PdfFonts::Identity,
                wrap,
                ruled: true,
                split_rows: true,
            },
        );
        splits += n;
        let r = nianbao::read_bytes("r.pdf", &pdf).unwrap();
        // every line knows its page (a memo cites a PDF by page): in order, from 1, and
        // past the first page when a row broke over a page's end
        let pages: Vec<u32> = (1..=r.text.lines().count() as u32)
            .map(|l| r.source.page_of_line(l).expect("a PDF line without a page"))
            .collect();
        assert_eq!(pages.first(), Some(&1), "seed {seed}");
        assert!(
            pages.windows(2).all(|w| w[0] <= w[1]),
            "seed {seed}: {pages:?}"
        );
        assert!(n == 0 || pages.last() > Some(&1), "seed {seed}: {pages:?}");
        if n > 0 && matches!(wrap, Wrap::Middle(_)) {
            same_cells(
                &r,
                &twin,
                &format!("seed {seed}: {n} rows broken across pages"),
            );
        }
        // each row of the requests table is one line with its seven values, the half
        // of a broken row on the next page joined back to it
        let lines: Vec<&str> = r.text.lines().collect();
        let from = lines.iter().position(|l| l.contains("本年新收")).unwrap();
        let to = from
            + lines[from..]
                .iter()
                .position(|l| l.contains("结转下年度"))
                .unwrap();
        for l in &lines[from..=to] {
            let values = l
                .split(" | ")
                .filter(|c| nianbao::model::num::Num::parse(c.trim()).is_some())
                .count();
            assert_eq!(values, 7, "seed {seed}: {l}\n{}", r.text);
        }
        // never a wrong value, whatever the layout
        for ((k, got), (_, want)) in values(&r).iter().zip(values(&twin)) {
            assert!(
                got.is_none() || *got == want,
                "seed {seed} {k}: {got:?} where the text says {want:?}"
            );
        }
    }
    assert!(
        splits >= 12,
        "the layouts broke rows across pages: {splits}"
    );
}

/// What another program makes of the same PDFs: poppler's `pdftotext -layout` (columns
/// aligned by spaces, a CJK char in one column, labels wrapped in their cells on lines
/// of their own, values beside the label's first or middle line, rows broken across
/// pages). That text, read as text, gives the report's cells; a number wrapped
/// mid-digit in a narrow column may be missing, never wrong. `.ci/run` installs poppler.
#[test]
fn pdftotext_layout_of_wrapped_pdfs_reads_like_the_reports_text() {
    let dir = std::env::temp_dir().join(format!("nianbao-pdftotext-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut read = 0;
    for seed in 400..430u64 {
        let (_, text) = report(seed);
        let twin = text_twin(&text);
        let n = 5 + seed as usize % 9;
        let wrap = if seed % 2 == 0 {
            Wrap::Middle(n)
        } else {
            Wrap::Top(n)
        };
        let pdf = to_pdf_with(
            &published(&text),
            PdfLayout {
                fonts: PdfFonts::Identity,
                wrap,
                ruled: true,
                split_rows: true,
            },
        );
        let file = dir.join(format!("{seed}.pdf"));
        std::fs::write(&file, pdf).unwrap();
        let out = std::process::Command::new("pdftotext")
            .arg("-layout")
            .arg(&file)
            .arg("-")
            .output()
            .expect("pdftotext must be installed (.ci/run installs poppler-utils)");
        assert!(
            out.status.success(),
            "pdftotext: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let layout = String::from_utf8(out.stdout).unwrap();
        let r = nianbao::read_text("p.txt", layout.clone(), Encoding::Utf8, String::new());
        for ((k, got), (_, want)) in values(&r).iter().zip(values(&twin)) {
            let wrapped_number = want.as_ref().is_some_and(|w| w.chars().count() > n);
            assert!(
                *got == want || (got.is_none() && wrapped_number),
                "seed {seed} {k}: {got:?} where the text says {want:?}\n{layout}"
            );
            read += got.is_some() as usize;
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(read > 30 * 190, "cells read: {read}");
}

#[test]
fn pdfs_with_labels_at_the_top_of_wrapped_rows() {
    // values beside a wrapped label's first line (Word's default top alignment)
    for seed in 356..368u64 {
        let (_, text) = report(seed);
        let twin = text_twin(&text);
        let r = nianbao::read_bytes(
            "r.pdf",
            &to_pdf(&published(&text), PdfFonts::Identity, Wrap::Top(12)),
        )
        .unwrap();
        same_cells(&r, &twin, &format!("seed {seed} top-aligned pdf"));
    }
}

/// Borderless tables with labels wrapped in narrow columns: no rules to rebuild cells
/// from, so rows come out by baseline as ` | ` pieces, a label's rest on the lines
/// around its values, merged labels' pieces among them. A label's pieces are joined by
/// their order on the line; no value is ever wrong, and nearly all are read.
#[test]
fn borderless_pdfs_with_wrapped_labels() {
    let (mut missing, mut cells) = (0, 0);
    for seed in 500..540u64 {
        let (_, text) = report(seed);
        let twin = text_twin(&text);
        let wrap = if seed % 2 == 0 {
            Wrap::Middle(6 + seed as usize % 6)
        } else {
            Wrap::Top(6 + seed as usize % 6)
        };
        let pdf = to_pdf_with(
            &published(&text),
            PdfLayout {
                fonts: PdfFonts::Identity,
                wrap,
                ruled: false,
                split_rows: false,
            },
        );
        let r = nianbao::read_bytes("r.pdf", &pdf).unwrap();
        for ((k, got), (_, want)) in values(&r).iter().zip(values(&twin)) {
            assert!(
                got.is_none() || *got == want,
                "seed {seed} {k}: {got:?} where the text says {want:?}\n{}",
                r.text
            );
            missing += got.is_none() as usize;
            cells += 1;
        }
    }
    assert!(missing * 200 < cells, "{missing} of {cells} cells missing");
}

#[test]
fn malformed_pdfs_give_clear_errors() {
    let err = |bytes: &[u8]| nianbao::read_bytes("x.pdf", bytes).unwrap_err().to_string();
    // a scan: pages with drawings but no text
    let mut w = PdfWriter::new(PdfFonts::Identity);
    w.rule(0, 10.0, 10.0, 100.0, 100.0);
    w.rule(1, 20.0, 20.0, 50.0, 50.0);
    let e = err(&w.finish(600.0, 800.0));
    assert_eq!(e, "the PDF has no text layer (a scan?): run OCR first");
    // truncated anywhere: an error or what the pages before the cut hold, never a panic
    let (_, text) = report(13);
    let pdf = to_pdf(&published(&text), PdfFonts::Identity, Wrap::None);
    for cut in (0..pdf.len()).step_by(pdf.len() / 40 + 1) {
        let _ = nianbao::read_bytes("cut.pdf", &pdf[..cut]);
    }
    let e = err(b"%PDF-1.7\n%garbage");
    assert!(e.contains("PDF"), "{e}");
}

#[test]
fn damaged_documents_never_panic() {
    let (_, text) = report(21);
    let blocks = published(&text);
    let docs = [
        to_html(&blocks, HtmlStyle::Cms).into_bytes(),
        to_docx(&blocks),
        to_pdf(&blocks, PdfFonts::Identity, Wrap::None),
    ];
    let mut rng = common::gen::Rng::new(99);
    for d in &docs {
        for _ in 0..300 {
            let mut m = d.clone();
            for _ in 0..1 + rng.below(8) {
                let i = rng.below(m.len() as u64) as usize;
                m[i] = rng.next_u64() as u8;
            }
            // extraction, the step these formats add (what the reader then makes of the
            // text is the plain-text tests' business)
            let read = std::panic::catch_unwind(|| {
                nianbao::input::document::extract(&m).map(|d| d.map(|d| d.text.len()))
            });
            assert!(read.is_ok(), "a damaged {:?} panicked", &d[..4]);
        }
    }
}

// ---------------------------------------------------------------------------------
// The program, end to end, told by content whatever the file's name.

fn nianbao(args: &[&str], file: &std::path::Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .arg(file)
        .output()
        .unwrap()
}

#[test]
fn check_and_export_take_every_format_whatever_its_name() {
    let dir = std::env::temp_dir().join(format!("nianbao-documents-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let demo = include_str!("../src/demo/demo-2023.txt");
    let blocks = published(demo);
    let twin = text_twin(demo);
    let twin_findings: Vec<String> = nianbao::check::rules::check(&twin)
        .iter()
        .map(|f| f.rule.to_string())
        .collect();
    assert!(
        twin_findings.iter().any(|r| r == "T3-ROWSUM"),
        "the demo has a wrong total"
    );
    let files: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "report.html",
            to_html(&blocks, HtmlStyle::Cms).into_bytes(),
            "html",
        ),
        ("report.docx", to_docx(&blocks), "docx"),
        (
            "report.pdf",
            to_pdf(&blocks, PdfFonts::Identity, Wrap::None),
            "pdf",
        ),
        // misleading names: the content decides
        (
            "saved-page.txt",
            encoding_rs::GBK
                .encode(&to_html(&blocks, HtmlStyle::Word))
                .0
                .into_owned(),
            "html",
        ),
        ("report.doc", to_docx(&blocks), "docx"),
        (
            "report.html.txt",
            to_pdf(&blocks, PdfFonts::Ucs2, Wrap::None),
            "pdf",
        ),
    ];
    for (name, bytes, format) in &files {
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        let out = nianbao(&["check"], &p);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{name}: findings make check exit 1\n{stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(stdout.contains("T3-ROWSUM"), "{name}: {stdout}");
        let out = nianbao(&["export"], &p);
        let v: serde_json::Value =
            serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(v["source"]["format"], *format, "{name}");
        for c in v["cells"].as_array().unwrap() {
            let key = c["key"].as_str().unwrap();
            let want = twin.cell(key).and_then(|c| c.value).map(|n| n.to_string());
            let got = c["value"].as_number().map(|n| n.to_string());
            assert_eq!(got, want, "{name}: {key}");
        }
        // `nianbao text` prints the text the cells' spans and lines point into
        let out = nianbao(&["text"], &p);
        assert_eq!(out.status.code(), Some(0), "{name}");
        let text = String::from_utf8(out.stdout).unwrap();
        let report = nianbao::read_bytes(name, bytes).unwrap();
        assert_eq!(text, report.text, "{name}");
        let cell = report.cell("t3/new/total").unwrap();
        let (a, b) = cell.span.unwrap();
        assert_eq!(
            text[a..b].to_string(),
            cell.value.unwrap().to_string(),
            "{name}"
        );
        assert_eq!(
            text[..a].matches('\n').count() as u32 + 1,
            cell.line.unwrap(),
            "{name}"
        );
    }
    // unreadable documents: exit 2, the file named, the reason given, no panic
    let (_, docx) = (0, to_docx(&blocks));
    let bad = dir.join("cut.docx");
    std::fs::write(&bad, &docx[..docx.len() / 2]).unwrap();
    let scan = dir.join("scan.pdf");
    let mut w = PdfWriter::new(PdfFonts::Identity);
    w.rule(0, 10.0, 10.0, 100.0, 100.0);
    std::fs::write(&scan, w.finish(600.0, 800.0)).unwrap();
    for (p, says) in [(&bad, "zip"), (&scan, "no text layer")] {
        for command in ["check", "text"] {
            let out = nianbao(&[command], p);
            assert_eq!(out.status.code(), Some(2));
            let err = String::from_utf8_lossy(&out.stderr);
            let name = p.file_name().unwrap().to_str().unwrap();
            assert!(
                err.contains(name) && err.contains(says) && !err.contains("panicked"),
                "{command}: {err}"
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
