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
