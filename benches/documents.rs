//! Reading published documents: a 300 KB Word-export HTML page, a Word .docx and a
//! two-font PDF with wrapped labels, all made from one generated report; for each, the
//! time to turn it into text (`document::extract`) and to read the whole report
//! (`read_bytes`: extract, locate, resolve, rules), best of 20.
//!
//!     cargo bench --bench documents

#[path = "../tests/common/gen.rs"]
#[allow(dead_code)]
mod gen;
#[path = "../tests/common/publish.rs"]
#[allow(dead_code)]
mod publish;

use gen::{Generated, Layout};
use nianbao::model::format::Template;
use publish::*;
use std::time::{Duration, Instant};

fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed()
        })
        .min()
        .unwrap()
}

fn main() {
    let text = Generated::new(11, Template::Y2021, Layout::Pipes).render();
    let blocks = published(&text);
    let docs: [(&str, Vec<u8>); 3] = [
        (
            "Word-export HTML page",
            word_page_of_size(&blocks, 300_000).into_bytes(),
        ),
        ("Word .docx", to_docx(&blocks)),
        (
            "PDF (wrapped labels)",
            to_pdf(&blocks, PdfFonts::Identity, Wrap::Middle(12)),
        ),
    ];
    for (what, bytes) in &docs {
        let report = nianbao::read_bytes("bench", bytes).expect("the document reads");
        assert!(
            report.cells.iter().filter(|c| c.value.is_some()).count() > 100,
            "{what}: cells read"
        );
        let extract = best_of(20, || nianbao::input::document::extract(bytes).unwrap());
        let read = best_of(20, || nianbao::read_bytes("bench", bytes).unwrap());
        println!(
            "{what:<22} {:>7.1} KB: to text {:>8.2?}, whole report read {:>8.2?} (best of 20)",
            bytes.len() as f64 / 1024.0,
            extract,
            read
        );
    }
}
