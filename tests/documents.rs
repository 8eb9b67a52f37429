//! Published documents read as such: HTML pages made by the test from generated
//! reports read back to the same cells as their text twins.

mod common;

use common::gen::{Generated, Layout};
use nianbao::decode::Encoding;
use nianbao::format::Template;

/// The page a government site would publish for a report: the `|` rows as a table
/// (a heading cell spanning the rows under it), the rest as paragraphs.
fn as_html(text: &str, charset: &str) -> String {
    let mut html = format!("<!DOCTYPE html><html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset={charset}\"><title>报告</title><script>var x = '<td>9</td>';</script></head><body><div class=\"nav\">首页 &gt; 政务公开</div>\n");
    let mut in_table = false;
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if line.contains('|') {
            if !in_table {
                html.push_str("<table border=\"1\" cellspacing=\"0\">\n");
                in_table = true;
            }
            let mut cells: Vec<&str> = line.split('|').map(|c| c.trim()).collect();
            while cells.last() == Some(&"") {
                cells.pop();
            }
            html.push_str("<tr>");
            for (k, c) in cells.iter().enumerate() {
                // a group heading followed by rows that lack it spans them
                let span = if k == 0 && (c.starts_with("(三)") || c.starts_with("(四)") || c.starts_with("(五)") || c.starts_with("(六)")) {
                    let next_first = lines.get(i + 1).and_then(|l| l.split('|').next()).map(str::trim).unwrap_or("");
                    if next_first.starts_with('2') { 2 } else { 1 }
                } else {
                    1
                };
                let attr = if span > 1 { " rowspan=\"2\"" } else { "" };
                html.push_str(&format!("<td{attr}><p style=\"text-align:center\"><span>{}</span></p></td>", c.replace('&', "&amp;")));
            }
            html.push_str("</tr>\n");
        } else {
            if in_table {
                html.push_str("</table>\n");
                in_table = false;
            }
            html.push_str(&format!("<p>{}&nbsp;</p>\n", line.replace('&', "&amp;")));
        }
    }
    if in_table {
        html.push_str("</table>\n");
    }
    html.push_str("<div class=\"footer\">主办单位：某某</div></body></html>\n");
    html
}

fn values(r: &nianbao::Report) -> Vec<(String, Option<String>)> {
    r.cells.iter().filter(|c| !c.added).map(|c| (c.key.clone(), c.value.map(|v| v.to_string()))).collect()
}

#[test]
fn html_pages_read_back_to_the_cells_of_their_text() {
    for seed in 0..200u64 {
        let template = if seed % 2 == 0 { Template::Y2019 } else { Template::Y2021 };
        let g = Generated::new(seed, template, Layout::Pipes);
        let text = g.render();
        let from_text = nianbao::read_text("r.txt", text.clone(), Encoding::Utf8, String::new());
        let page = as_html(&text, "utf-8");
        let from_html = nianbao::read_bytes("r.html", page.as_bytes()).unwrap();
        assert_eq!(from_html.source.format, "html");
        assert_eq!(values(&from_html), values(&from_text), "seed {seed}");
        // every span points at its value in the page's text
        for c in &from_html.cells {
            if let (Some((a, b)), Some(v)) = (c.span, c.value) {
                let raw: String = from_html.text[a..b].chars().map(nianbao::text::normalize_char).collect();
                assert_eq!(nianbao::num::Num::parse(&raw), Some(v), "seed {seed} {}", c.key);
            }
        }
        assert!(!from_html.text.contains("var x"), "scripts are not text");
    }
}

#[test]
fn a_gbk_page_declares_its_charset() {
    let g = Generated::new(3, Template::Y2021, Layout::Pipes);
    let text = g.render();
    let page = as_html(&text, "gbk");
    let (bytes, _, _) = encoding_rs::GBK.encode(&page);
    let r = nianbao::read_bytes("r.htm", &bytes).unwrap();
    assert_eq!(r.source.encoding, "gb18030");
    let t = nianbao::read_text("r.txt", text, Encoding::Utf8, String::new());
    assert_eq!(values(&r), values(&t));
}

#[test]
fn a_page_without_tables_and_a_misnamed_page() {
    let r = nianbao::read_bytes("x.html", "<html><body><p>2018年政府信息公开工作年度报告</p></body></html>".as_bytes()).unwrap();
    let f = nianbao::rules::check(&r);
    assert!(f.iter().any(|f| f.rule == "PARSE-TABLE-MISSING"));
    assert!(r.cells.is_empty(), "no invented cells");
    // an HTML page saved as .txt is still read as HTML
    let dir = std::env::temp_dir().join(format!("nianbao-doc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("report.txt");
    std::fs::write(&p, as_html(include_str!("../src/demo/demo-2023.txt"), "utf-8")).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao")).args(["export"]).arg(&p).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["source"]["format"], "html");
    let cell = v["cells"].as_array().unwrap().iter().find(|c| c["key"] == "t3/unable.not_held/natural").unwrap().clone();
    assert_eq!(cell["value"], 7);
    let _ = std::fs::remove_dir_all(&dir);
    // truncated markup never panics
    let page = as_html(include_str!("../src/demo/demo-2023.txt"), "utf-8");
    for cut in (0..page.len()).step_by(997) {
        if page.is_char_boundary(cut) {
            let _ = nianbao::read_bytes("cut.html", page[..cut].as_bytes());
        }
    }
}

/// A Word file for a report: `|` rows as a table (group headings merged down with
/// vMerge), other lines as paragraphs; written with the zip crate.
fn as_docx(text: &str) -> Vec<u8> {
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let para = |s: &str| format!("<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>", esc(s));
    let mut body = String::new();
    let mut in_table = false;
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if line.contains('|') {
            if !in_table {
                body.push_str("<w:tbl>");
                in_table = true;
            }
            let mut cells: Vec<&str> = line.split('|').map(|c| c.trim()).collect();
            while cells.last() == Some(&"") {
                cells.pop();
            }
            body.push_str("<w:tr>");
            // a row under a group heading continues the heading's merged cell
            let prev_first = if i > 0 { lines[i - 1].split('|').next().unwrap_or("").trim() } else { "" };
            if cells.first().is_some_and(|c| c.starts_with('2')) && (prev_first.starts_with("(三)") || prev_first.starts_with("(四)") || prev_first.starts_with("(五)") || prev_first.starts_with("(六)")) {
                body.push_str("<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>");
            }
            for c in cells {
                let merge = if c.starts_with("(三)") || c.starts_with("(四)") || c.starts_with("(五)") || c.starts_with("(六)") { "<w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr>" } else { "" };
                body.push_str(&format!("<w:tc>{merge}{}</w:tc>", para(c)));
            }
            body.push_str("</w:tr>");
        } else {
            if in_table {
                body.push_str("</w:tbl>");
                in_table = false;
            }
            body.push_str(&para(line));
        }
    }
    if in_table {
        body.push_str("</w:tbl>");
    }
    let xml = format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>");
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        use std::io::Write;
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        z.start_file("[Content_Types].xml", opts).unwrap();
        z.write_all(b"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>").unwrap();
        z.start_file("word/document.xml", opts).unwrap();
        z.write_all(xml.as_bytes()).unwrap();
        z.finish().unwrap();
    }
    buf.into_inner()
}

#[test]
fn word_files_read_back_to_the_cells_of_their_text() {
    for seed in 0..60u64 {
        let template = if seed % 2 == 0 { Template::Y2019 } else { Template::Y2021 };
        let g = Generated::new(seed + 500, template, Layout::Pipes);
        let text = g.render();
        let from_text = nianbao::read_text("r.txt", text.clone(), Encoding::Utf8, String::new());
        let from_docx = nianbao::read_bytes("r.docx", &as_docx(&text)).unwrap();
        assert_eq!(from_docx.source.format, "docx");
        assert_eq!(values(&from_docx), values(&from_text), "seed {seed}");
    }
}

#[test]
fn malformed_word_files_give_clear_errors() {
    let good = as_docx(include_str!("../src/demo/demo-2023.txt"));
    let e = nianbao::read_bytes("cut.docx", &good[..good.len() / 2]).unwrap_err().to_string();
    assert!(e.contains("zip"), "{e}");
    // a zip without word/document.xml
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        use std::io::Write;
        let mut z = zip::ZipWriter::new(&mut buf);
        z.start_file("hello.txt", zip::write::SimpleFileOptions::default()).unwrap();
        z.write_all(b"hi").unwrap();
        z.finish().unwrap();
    }
    let e = nianbao::read_bytes("x.docx", buf.get_ref()).unwrap_err().to_string();
    assert!(e.contains("word/document.xml is missing"), "{e}");
    // a docx saved as .doc is still read, and check says so by exit code, not a panic
    let dir = std::env::temp_dir().join(format!("nianbao-docx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("report.doc");
    std::fs::write(&p, &good).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao")).arg("check").arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("T3-ROWSUM"));
    let bad = dir.join("bad.docx");
    std::fs::write(&bad, &good[..100]).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao")).arg("check").arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.docx") && err.contains("zip") && !err.contains("panicked"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}
