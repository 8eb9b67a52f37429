//! A workbook read back from its XML, for the tests of nianbao's .xlsx outputs (the
//! export's tables and the memo): no spreadsheet library needed.
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

/// One worksheet as read back: cell texts by reference (`C4`), shared strings
/// resolved; whether each holds a number; its style index; merges; the frozen split.
#[derive(Default, Debug)]
pub struct Sheet {
    pub cells: HashMap<String, String>,
    pub numeric: HashMap<String, bool>,
    pub style: HashMap<String, String>,
    pub merges: Vec<String>,
    pub split: (Option<String>, Option<String>),
    /// Row heights set in the sheet, by row number.
    pub heights: HashMap<String, String>,
}

fn entry(zip: &mut zip::ZipArchive<std::fs::File>, name: &str) -> String {
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

fn attr(e: &quick_xml::events::BytesStart, name: &str) -> Option<String> {
    e.try_get_attribute(name)
        .unwrap()
        .map(|a| a.unescape_value().unwrap().into_owned())
}

fn shared_strings(xml: &str) -> Vec<String> {
    use quick_xml::events::Event;
    let mut r = quick_xml::Reader::from_str(xml);
    let (mut out, mut cur, mut in_t) = (Vec::new(), String::new(), false);
    loop {
        match r.read_event().unwrap() {
            Event::Start(e) if e.name().as_ref() == b"t" => in_t = true,
            Event::End(e) if e.name().as_ref() == b"t" => in_t = false,
            Event::End(e) if e.name().as_ref() == b"si" => out.push(std::mem::take(&mut cur)),
            Event::Text(t) if in_t => cur.push_str(&t.unescape().unwrap()),
            Event::Eof => return out,
            _ => {}
        }
    }
}

fn sheet(xml: &str, strings: &[String]) -> Sheet {
    use quick_xml::events::Event;
    let mut r = quick_xml::Reader::from_str(xml);
    let mut s = Sheet::default();
    let (mut at, mut kind, mut in_v) = (String::new(), None::<String>, false);
    loop {
        match r.read_event().unwrap() {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                b"c" => {
                    at = attr(&e, "r").unwrap();
                    kind = attr(&e, "t");
                    s.style
                        .insert(at.clone(), attr(&e, "s").unwrap_or_default());
                }
                b"row" => {
                    if let Some(h) = attr(&e, "ht") {
                        s.heights.insert(attr(&e, "r").unwrap(), h);
                    }
                }
                b"v" => in_v = true,
                b"mergeCell" => s.merges.push(attr(&e, "ref").unwrap()),
                b"pane" => s.split = (attr(&e, "xSplit"), attr(&e, "ySplit")),
                _ => {}
            },
            Event::End(e) if e.name().as_ref() == b"v" => in_v = false,
            Event::Text(t) if in_v => {
                let v = t.unescape().unwrap().into_owned();
                let text = match kind.as_deref() {
                    Some("s") => strings[v.parse::<usize>().unwrap()].clone(),
                    _ => v,
                };
                s.numeric.insert(at.clone(), kind.is_none());
                s.cells.insert(at.clone(), text);
            }
            Event::Eof => return s,
            _ => {}
        }
    }
}

/// The workbook's sheets by name, and the text of its notes.
pub fn read_xlsx(path: &Path) -> (HashMap<String, Sheet>, String) {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let strings = shared_strings(&entry(&mut zip, "xl/sharedStrings.xml"));
    let wb = entry(&mut zip, "xl/workbook.xml");
    let names: Vec<String> = wb
        .split("<sheet ")
        .skip(1)
        .map(|s| {
            s.split("name=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    let mut sheets = HashMap::new();
    for (i, n) in names.iter().enumerate() {
        let xml = entry(&mut zip, &format!("xl/worksheets/sheet{}.xml", i + 1));
        sheets.insert(n.clone(), sheet(&xml, &strings));
    }
    let notes: String = (1..=names.len())
        .filter_map(|i| {
            let name = format!("xl/comments{i}.xml");
            let there = zip.index_for_name(&name).is_some();
            there.then(|| entry(&mut zip, &name))
        })
        .collect();
    (sheets, notes)
}
