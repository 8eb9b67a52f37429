//! Generated annual reports: the ground truth of the property tests and the benchmark.
//!
//! A [`Generated`] report holds the true value of every cell of its format, chosen at
//! random but consistent (every identity of the format holds), and what its text
//! prints (the same, unless [`Generated::inject_error`] changed one cell). It renders
//! in each layout of the corpus, copied from the fixtures:
//!
//! - `Cells`: one cell per line with tab indents, NBSP/U+3000 padding (seeds/000, 003);
//! - `Pdftext`: space-separated rows, labels broken over lines, vertical header text (seeds/001);
//! - `Pipes`: `|`-separated rows (seeds/002);
//! - `Tabs`: tab-separated rows with group labels shifted to other rows (seeds/004, no lost values);
//! - `Flat`: a web page flattened, the digits of a row glued together (dev/flat-*);
//! - `Csv`: the `|` rows as comma-separated values (a table saved from a spreadsheet),
//!   cells holding a comma quoted;
//! - `Markdown`: the `|` rows as a Markdown table (a document converter's output), a
//!   `|---|` rule under each table's first row, amounts of 1,000 and more grouped by commas.
//!
//! Everything is deterministic in the seed (splitmix64, no crates), so a failing case
//! is reproduced by its seed alone.

use nianbao::model::format::{Format, Role, Row, Template};
use nianbao::model::num::Num;
use std::collections::BTreeMap;

/// splitmix64: small, fast, and good enough to draw test data from.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next_u64() % n
        }
    }
    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Layout {
    Cells,
    Pdftext,
    Pipes,
    Tabs,
    Flat,
    Csv,
    Markdown,
}

impl Layout {
    pub const ALL: [Layout; 7] = [
        Layout::Cells,
        Layout::Pdftext,
        Layout::Pipes,
        Layout::Tabs,
        Layout::Flat,
        Layout::Csv,
        Layout::Markdown,
    ];
    pub fn name(self) -> &'static str {
        match self {
            Layout::Cells => "cells",
            Layout::Pdftext => "pdftext",
            Layout::Pipes => "pipes",
            Layout::Tabs => "tabs",
            Layout::Flat => "flat",
            Layout::Csv => "csv",
            Layout::Markdown => "markdown",
        }
    }
}

pub const TEMPLATES: [Template; 2] = [Template::Y2019, Template::Y2021];

/// One generated report: its cells' true values and what its text prints.
#[derive(Clone, Debug)]
pub struct Generated {
    pub seed: u64,
    pub template: Template,
    pub layout: Layout,
    pub agency: String,
    pub year: i32,
    /// The true value of every cell of the format, by cell key.
    pub truth: BTreeMap<String, Num>,
    /// What the text prints for each cell (equal to `truth` unless an error was injected).
    pub printed: BTreeMap<String, Num>,
    /// Seeds the rendering choices (padding, page breaks), so that re-rendering after an
    /// injected error changes nothing but the wrong cell.
    style: u64,
}

/// Report size: how many requests and decisions, which decides the numbers' magnitude.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Size {
    Empty,
    Small,
    Medium,
    Large,
}

fn magnitude(rng: &mut Rng, size: Size) -> i64 {
    let r = rng.unit();
    match size {
        Size::Empty | Size::Small => {
            if r < 0.7 {
                rng.range(1, 3)
            } else if r < 0.95 {
                rng.range(4, 15)
            } else {
                rng.range(16, 99)
            }
        }
        Size::Medium => {
            if r < 0.4 {
                rng.range(1, 9)
            } else if r < 0.8 {
                rng.range(10, 99)
            } else if r < 0.98 {
                rng.range(100, 999)
            } else {
                rng.range(1000, 9999)
            }
        }
        Size::Large => {
            if r < 0.3 {
                rng.range(1, 99)
            } else if r < 0.8 {
                rng.range(100, 999)
            } else {
                rng.range(1000, 9999)
            }
        }
    }
}

/// A count as t2 prints them: usually 0 or small, now and then in the thousands.
fn count(rng: &mut Rng, size: Size) -> i64 {
    let r = rng.unit();
    if r < 0.45 {
        0
    } else if r < 0.75 {
        rng.range(1, 9)
    } else if r < 0.9 {
        rng.range(10, 99)
    } else if r < 0.97 || size < Size::Medium {
        rng.range(100, 999)
    } else {
        rng.range(1000, 999_999)
    }
}

/// An amount in 万元 as written: 0, 12, 332.323, 6.8178, 10.8280.
fn amount(rng: &mut Rng) -> Num {
    let scale = *rng.pick(&[0u8, 1, 2, 3, 4, 4, 4]);
    let digits = scale as u32 + rng.range(1, 5) as u32;
    let units = rng.range(1, 10i64.pow(digits) - 1);
    Num { units, scale }
}

fn set(v: &mut BTreeMap<String, Num>, key: String, n: i64) {
    v.insert(key, Num::int(n));
}

fn gen_t2(rng: &mut Rng, template: Template, size: Size, v: &mut BTreeMap<String, Num>) {
    let k = |row: &str, col: &str| format!("t2/{row}/{col}");
    match template {
        Template::Y2019 => {
            for row in ["regulations", "normative"] {
                let made = if row == "regulations" && !rng.chance(0.1) {
                    0
                } else {
                    count(rng, Size::Small).min(40)
                };
                let published = if rng.chance(0.8) {
                    made
                } else {
                    rng.range(0, made)
                };
                let total = published + if rng.chance(0.5) { count(rng, size) } else { 0 };
                set(v, k(row, "new_made"), made);
                set(v, k(row, "new_published"), published);
                set(v, k(row, "total_published"), total);
            }
            for row in ["licensing", "other_services", "penalty", "coercion"] {
                set(v, k(row, "prev_items"), count(rng, size));
                set(
                    v,
                    k(row, "change"),
                    if rng.chance(0.3) { rng.range(-9, 9) } else { 0 },
                );
                set(v, k(row, "decisions"), count(rng, size));
            }
            set(
                v,
                k("fees", "prev_items"),
                if rng.chance(0.7) { 0 } else { rng.range(1, 30) },
            );
            set(
                v,
                k("fees", "change"),
                if rng.chance(0.8) { 0 } else { rng.range(-3, 3) },
            );
            let items = if rng.chance(0.6) {
                0
            } else {
                count(rng, Size::Small).max(1)
            };
            set(v, k("procurement", "items"), items);
            v.insert(
                k("procurement", "amount"),
                if items == 0 { Num::ZERO } else { amount(rng) },
            );
        }
        Template::Y2021 => {
            for row in ["regulations", "normative"] {
                let issued = if row == "regulations" && !rng.chance(0.1) {
                    0
                } else {
                    count(rng, Size::Small).min(40)
                };
                let repealed = if rng.chance(0.7) { 0 } else { rng.range(0, 30) };
                let in_force = issued + if rng.chance(0.6) { count(rng, size) } else { 0 };
                set(v, k(row, "issued"), issued);
                set(v, k(row, "repealed"), repealed);
                set(v, k(row, "in_force"), in_force);
            }
            for row in ["licensing", "penalty", "coercion"] {
                set(v, k(row, "decisions"), count(rng, size));
            }
            v.insert(
                k("fees", "amount"),
                if rng.chance(0.6) {
                    Num::ZERO
                } else {
                    amount(rng)
                },
            );
        }
    }
}

/// t3 with every identity holding: each applicant column's outcome rows, its carried
/// in and out, `new` so that the balance holds, and the total column as row sums.
fn gen_t3(rng: &mut Rng, f: &Format, size: Size, v: &mut BTreeMap<String, Num>) {
    let cols = f.t3.rows[0].columns;
    let leaves: Vec<&Row> = f.t3.rows.iter().filter(|r| r.role == Role::Leaf).collect();
    const ACTIVE: [f64; 6] = [0.85, 0.35, 0.06, 0.1, 0.15, 0.25];
    for (ci, col) in cols[..6].iter().enumerate() {
        let active = size != Size::Empty && rng.chance(ACTIVE[ci]);
        let mut total = 0;
        for leaf in &leaves {
            let p = match leaf.key {
                "granted" => 0.75,
                "partial"
                | "unable.not_held"
                | "unprocessed.complaint"
                | "other"
                | "other.misc" => 0.35,
                _ => 0.15,
            };
            let x = if active && rng.chance(p) {
                magnitude(rng, size)
            } else {
                0
            };
            set(v, format!("t3/{}/{}", leaf.key, col.key), x);
            total += x;
        }
        let carried_out = if active && rng.chance(0.3) {
            magnitude(rng, size.min(Size::Medium))
        } else {
            0
        };
        let carried_in = if active && rng.chance(0.3) {
            rng.range(0, total + carried_out)
        } else {
            0
        };
        set(v, format!("t3/total/{}", col.key), total);
        set(v, format!("t3/carried_out/{}", col.key), carried_out);
        set(v, format!("t3/carried_in/{}", col.key), carried_in);
        set(
            v,
            format!("t3/new/{}", col.key),
            total + carried_out - carried_in,
        );
    }
    for r in f.t3.rows.iter().filter(|r| r.role != Role::Group) {
        let sum: i64 = cols[..6]
            .iter()
            .map(|c| v[&format!("t3/{}/{}", r.key, c.key)].as_i64().unwrap())
            .sum();
        set(v, format!("t3/{}/total", r.key), sum);
    }
}

fn gen_t4(rng: &mut Rng, size: Size, v: &mut BTreeMap<String, Num>) {
    for row in ["review", "suit_direct", "suit_after_review"] {
        let busy = size != Size::Empty && rng.chance(if size == Size::Large { 0.7 } else { 0.25 });
        let mut total = 0;
        for col in ["upheld", "corrected", "other", "pending"] {
            let x = if busy && rng.chance(0.45) {
                if size == Size::Large {
                    magnitude(rng, Size::Medium)
                } else {
                    rng.range(1, 4)
                }
            } else {
                0
            };
            set(v, format!("t4/{row}/{col}"), x);
            total += x;
        }
        set(v, format!("t4/{row}/total"), total);
    }
}

const PLACES: &[&str] = &[
    "拱宸桥",
    "学府",
    "果园",
    "昆吾",
    "路桥",
    "东湖",
    "西城",
    "南山",
    "北关",
    "青石",
    "白沙",
    "金桥",
    "石桥",
    "河口",
    "新华",
    "洪泽",
];
const KINDS: &[&str] = &[
    "街道",
    "街道办事处",
    "镇人民政府",
    "区司法局",
    "市统计局",
    "县自然资源局",
    "区机关事务中心",
    "区人民政府",
];

impl Generated {
    /// A report of the given format and layout, every value drawn from `seed`.
    pub fn new(seed: u64, template: Template, layout: Layout) -> Generated {
        let mut rng = Rng::new(seed);
        let size = match rng.below(20) {
            0..=4 => Size::Empty,
            5..=14 => Size::Small,
            15..=18 => Size::Medium,
            _ => Size::Large,
        };
        let mut truth = BTreeMap::new();
        gen_t2(&mut rng, template, size, &mut truth);
        gen_t3(&mut rng, template.format(), size, &mut truth);
        gen_t4(&mut rng, size, &mut truth);
        debug_assert_eq!(truth.len(), template.format().cell_keys().len());
        let agency = format!("{}{}", rng.pick(PLACES), rng.pick(KINDS));
        let year = match template {
            Template::Y2019 => rng.range(2019, 2020) as i32,
            Template::Y2021 => rng.range(2021, 2024) as i32,
        };
        let style = rng.next_u64();
        Generated {
            seed,
            template,
            layout,
            agency,
            year,
            printed: truth.clone(),
            truth,
            style,
        }
    }

    /// A report of a format and layout drawn from `seed` too.
    pub fn random(seed: u64) -> Generated {
        let mut rng = Rng::new(seed ^ 0x5EED_5EED_5EED_5EED);
        let template = *rng.pick(&TEMPLATES);
        let layout = *rng.pick(&Layout::ALL);
        Generated::new(seed, template, layout)
    }

    /// Makes the text print one wrong value in a cell of `table` ("t3" or "t4");
    /// returns the cell's key and its true value.
    pub fn inject_error(&mut self, table: &str, seed: u64) -> (String, Num) {
        let mut rng = Rng::new(seed);
        let prefix = format!("{table}/");
        let keys: Vec<&String> = self
            .truth
            .keys()
            .filter(|k| k.starts_with(&prefix))
            .collect();
        assert!(!keys.is_empty(), "no cells in table {table}");
        let key = (*rng.pick(&keys)).clone();
        let t = self.truth[&key];
        let tv = t.as_i64().expect("t3 and t4 hold counts");
        let wrong = loop {
            let d = rng.range(1, (tv / 3).max(3));
            let w = if rng.chance(0.5) && tv >= d {
                tv - d
            } else {
                tv + d
            };
            if w != tv && w >= 0 {
                break w;
            }
        };
        self.printed.insert(key.clone(), Num::int(wrong));
        (key, t)
    }

    /// The cells the text prints with a value other than the true one.
    pub fn wrong_cells(&self) -> Vec<&String> {
        self.printed
            .iter()
            .filter(|(k, v)| self.truth[*k] != **v)
            .map(|(k, _)| k)
            .collect()
    }

    /// The report's text in its layout.
    pub fn render(&self) -> String {
        let mut r = Render {
            g: self,
            rng: Rng::new(self.style),
            out: String::with_capacity(12_000),
        };
        match self.layout {
            Layout::Cells => r.cells(),
            Layout::Pdftext => r.pdftext(),
            Layout::Pipes => r.pipes(),
            Layout::Tabs => r.tabs(),
            Layout::Flat => r.flat(),
            Layout::Csv => {
                r.pipes();
                r.out = to_csv(&r.out);
            }
            Layout::Markdown => {
                r.pipes();
                r.out = to_markdown(&r.out);
            }
        }
        r.out
    }

    fn v(&self, key: &str) -> String {
        self.printed
            .get(key)
            .unwrap_or_else(|| panic!("no cell {key}"))
            .to_string()
    }

    fn t2_vals(&self, row: &str) -> Vec<String> {
        let r = self
            .template
            .format()
            .t2
            .rows
            .iter()
            .find(|r| r.key == row)
            .unwrap();
        r.columns
            .iter()
            .map(|c| self.v(&format!("t2/{row}/{}", c.key)))
            .collect()
    }

    fn t3_vals(&self, row: &str) -> Vec<String> {
        nianbao::model::format::T3_COLUMNS
            .iter()
            .map(|c| self.v(&format!("t3/{row}/{}", c.key)))
            .collect()
    }

    fn t4_vals(&self) -> Vec<String> {
        let mut out = Vec::new();
        for row in ["review", "suit_direct", "suit_after_review"] {
            for c in nianbao::model::format::T4_COLUMNS {
                out.push(self.v(&format!("t4/{row}/{}", c.key)));
            }
        }
        out
    }

    fn t3_total(&self, row: &str) -> i64 {
        self.truth[&format!("t3/{row}/total")].as_i64().unwrap()
    }
}

/// A sub-table of t2: 第二十条第（X）项, its column heads and rows.
struct Sub {
    item: &'static str,
    heads: &'static [&'static str],
    rows: &'static [(&'static str, &'static str)],
}

const HEADS_2019_ITEMS: &[&str] = &["上一年项目数量", "本年增/减", "处理决定数量"];
const T2_2019: &[Sub] = &[
    Sub {
        item: "（一）",
        heads: &["本年新制作数量", "本年新公开数量", "对外公开总数量"],
        rows: &[("regulations", "规章"), ("normative", "规范性文件")],
    },
    Sub {
        item: "（五）",
        heads: HEADS_2019_ITEMS,
        rows: &[
            ("licensing", "行政许可"),
            ("other_services", "其他对外管理服务事项"),
        ],
    },
    Sub {
        item: "（六）",
        heads: HEADS_2019_ITEMS,
        rows: &[("penalty", "行政处罚"), ("coercion", "行政强制")],
    },
    Sub {
        item: "（八）",
        heads: &["上一年项目数量", "本年增/减"],
        rows: &[("fees", "行政事业性收费")],
    },
    Sub {
        item: "（九）",
        heads: &["采购项目数量", "采购总金额"],
        rows: &[("procurement", "政府集中采购")],
    },
];
const T2_2021: &[Sub] = &[
    Sub {
        item: "（一）",
        heads: &["本年制发件数", "本年废止件数", "现行有效件数"],
        rows: &[("regulations", "规章"), ("normative", "行政规范性文件")],
    },
    Sub {
        item: "（五）",
        heads: &["本年处理决定数量"],
        rows: &[("licensing", "行政许可")],
    },
    Sub {
        item: "（六）",
        heads: &["本年处理决定数量"],
        rows: &[("penalty", "行政处罚"), ("coercion", "行政强制")],
    },
    Sub {
        item: "（八）",
        heads: &["本年收费金额"],
        rows: &[("fees", "行政事业性收费")],
    },
];

/// How the amount columns are headed in the wild.
const AMOUNT_UNITS: &[&str] = &[
    "",
    "（单位：万元）",
    "（单位:万元）",
    "（万元，保留四位小数）",
    "（单位：万元，保留4位小数）",
];

/// One t3 row as the layouts print it.
struct T3Line {
    key: &'static str,
    label: &'static str,
    /// The label of the group this row is the first child of (（三）不予公开 …).
    group_first: Option<&'static str>,
    /// A child of a group: its label stands in the sub-label column.
    in_group: bool,
    /// An outcome row or （七）总计: under 三、本年度办理结果.
    under_results: bool,
    first_under_results: bool,
}

fn t3_lines(f: &Format) -> Vec<T3Line> {
    let mut out = Vec::new();
    let mut left = 0usize;
    let mut pending_group: Option<&'static str> = None;
    let mut seen_results = false;
    for r in f.t3.rows {
        if r.role == Role::Group {
            if r.children > 0 {
                pending_group = Some(r.label);
                left = r.children;
            }
            continue;
        }
        let under = matches!(r.role, Role::Leaf | Role::Total);
        let first = under && !seen_results;
        seen_results |= under;
        let in_group = left > 0;
        let group_first = if in_group { pending_group.take() } else { None };
        left = left.saturating_sub(1);
        out.push(T3Line {
            key: r.key,
            label: r.label,
            group_first,
            in_group,
            under_results: under,
            first_under_results: first,
        });
    }
    out
}

/// Full-width brackets and punctuation as web pages and Word tables write them half-width.
fn half(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '：' => ':',
            '，' => ',',
            _ => c,
        })
        .collect()
}

/// seeds/004's labels: half-width brackets with spaces, `(一) 予以公开`.
fn spaced(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '（' if out.is_empty() => out.push('('),
            '（' => out.push_str(" ("),
            '）' if out.len() <= 4 => out.push_str(") "),
            '）' => out.push(')'),
            '，' => out.push_str(", "),
            '：' => out.push(':'),
            _ => out.push(c),
        }
    }
    out
}

/// Display width in half-width units, as a PDF's table column fills.
fn width(c: char) -> usize {
    if c.is_ascii() {
        1
    } else {
        2
    }
}

/// A label broken over lines of at most `max` units, as text extracted from a PDF cell.
fn chunks(s: &str, max: usize) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut w = 0;
    for c in s.chars() {
        if w + width(c) > max {
            out.push(String::new());
            w = 0;
        }
        out.last_mut().unwrap().push(c);
        w += width(c);
    }
    out
}

/// Wraps prose at `max` chars without breaking a run of digits.
fn wrap(s: &str, max: usize) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let mut j = (i + max).min(chars.len());
        while j < chars.len()
            && j > i + 1
            && chars[j].is_ascii_digit()
            && chars[j - 1].is_ascii_digit()
        {
            j -= 1;
        }
        out.push(chars[i..j].iter().collect());
        i = j;
    }
    out
}

enum Para {
    Heading(String),
    Text(String),
}

struct Render<'a> {
    g: &'a Generated,
    rng: Rng,
    out: String,
}

impl<'a> Render<'a> {
    fn push(&mut self, s: &str) {
        self.out.push_str(s);
    }

    fn title(&self) -> String {
        format!("{}{}年政府信息公开工作年度报告", self.g.agency, self.g.year)
    }

    /// The year as pdftext writes it, `2020 年`, or plainly `2020年`.
    fn year(&self, spaced: bool) -> String {
        if spaced {
            format!("{} 年", self.g.year)
        } else {
            format!("{}年", self.g.year)
        }
    }

    /// Section 一, with the counts the prose gives agreeing with the tables' truth.
    fn section_one(&mut self, sp: bool) -> Vec<Para> {
        let g = self.g;
        let y = self.year(sp);
        let num = |n: i64| if sp { format!(" {n} ") } else { n.to_string() };
        let mut v = vec![Para::Heading("一、总体情况".into())];
        v.push(Para::Text(format!(
            "{y}，{}认真贯彻落实《中华人民共和国政府信息公开条例》，围绕中心工作，不断健全完善政务公开工作制度，扎实做好政府信息公开工作，切实保障人民群众的知情权、参与权、监督权和表达权。",
            g.agency
        )));
        v.push(Para::Heading("（一）主动公开情况".into()));
        let n = self.rng.range(12, 640);
        v.push(Para::Text(format!("{y}，通过门户网站主动公开政府信息{}条，内容覆盖政策文件、人事信息、财政信息、重点领域、民生实事等方面。", num(n))));
        v.push(Para::Heading("（二）依申请公开情况".into()));
        let new = g.t3_total("new");
        let carried = g.t3_total("carried_in");
        let mut s = if new == 0 {
            "本年度未收到政府信息公开申请。".to_string()
        } else if carried > 0 {
            format!(
                "本年度共收到政府信息公开申请{}件，上年结转{}件，均已依法依规办理。",
                num(new),
                num(carried)
            )
        } else {
            format!(
                "本年度共收到政府信息公开申请{}件，均已依法依规办理。",
                num(new)
            )
        };
        let t = |k: &str| g.truth[k].as_i64().unwrap();
        let carried_out = t("t3/carried_out/total");
        if carried_out > 0 {
            s.push_str(&format!("结转下年度继续办理{}件。", num(carried_out)));
        }
        let review = t("t4/review/total");
        let suits = t("t4/suit_direct/total") + t("t4/suit_after_review/total");
        if review == 0 && suits == 0 {
            s.push_str("本年度未发生因政务公开引起的行政复议、行政诉讼。");
        } else {
            s.push_str(&format!(
                "因政府信息公开被申请行政复议{}件，被提起行政诉讼{}件。",
                num(review),
                num(suits)
            ));
        }
        v.push(Para::Text(s));
        v.push(Para::Heading("（三）政府信息管理情况".into()));
        v.push(Para::Text("按照《中华人民共和国政府信息公开条例》要求，进一步健全完善信息主动公开、依申请公开、信息公开审查等配套措施，做好政务公开年度报告和信息公开保密审查登记工作。".into()));
        v.push(Para::Heading("（四）政府信息公开平台建设情况".into()));
        v.push(Para::Text("充分发挥政务公开网站第一平台作用，进一步规范栏目设置，完善政策解读、回应关切、新闻发布等栏目信息。".into()));
        v.push(Para::Heading("（五）监督保障情况".into()));
        v.push(Para::Text("认真梳理本级政府绩效考核体系中政务公开各项指标，强化日常监测，加强对栏目不更新、信息发布不规范、不及时等问题的整改监督。".into()));
        v
    }

    fn sections_five_six(&mut self, sp: bool) -> Vec<Para> {
        let y = self.year(sp);
        let six = match self.rng.below(3) {
            0 => "无。".to_string(),
            1 => format!("{y}，未收取政府信息公开处理费。"),
            _ => "本年度无其他需要报告的事项。".to_string(),
        };
        vec![
            Para::Heading("五、存在的主要问题及改进情况".into()),
            Para::Text("（一）存在的问题".into()),
            Para::Text("1、公开内容不够丰富，负责信息公开的同志往往身兼数职，难免会出现信息公开不及时的情况。".into()),
            Para::Text("2、政策解读形式单一，多以文字为主，缺少用图片、表格等简易化的形式加强解读。".into()),
            Para::Text("（二）改进措施".into()),
            Para::Text("1、加强学习培训，提高业务能力，增强信息公开的主动性和自觉性。".into()),
            Para::Text("2、扩展多形式的内容解读，方便群众直观了解各项工作。".into()),
            Para::Heading("六、其他需要报告的事项".into()),
            Para::Text(six),
        ]
    }

    /// Prose paragraphs, one per line, joined by `sep`, optionally half-width.
    fn prose(&mut self, paras: &[Para], sep: &str, halfwidth: bool) {
        for p in paras {
            let s = match p {
                Para::Heading(s) | Para::Text(s) => s,
            };
            let s = if halfwidth { half(s) } else { s.clone() };
            self.push(&s);
            self.push(sep);
        }
    }

    fn t4_heading(&mut self, pipes_style: bool) -> &'static str {
        if pipes_style && self.rng.chance(0.7) {
            "四、被申请行政复议、提起行政诉讼情况"
        } else {
            "四、政府信息公开行政复议、行政诉讼情况"
        }
    }

    fn amount_head(&mut self, head: &str) -> String {
        let unit = *self.rng.pick(AMOUNT_UNITS);
        format!("{head}{unit}")
    }

    fn subs(&self) -> &'static [Sub] {
        match self.g.template {
            Template::Y2019 => T2_2019,
            Template::Y2021 => T2_2021,
        }
    }

    fn heads(&mut self, sub: &Sub) -> Vec<String> {
        sub.heads
            .iter()
            .map(|h| {
                if h.contains("金额") {
                    self.amount_head(h)
                } else {
                    h.to_string()
                }
            })
            .collect()
    }

    // ---- cells: seeds/000, 003, dev/cells-* ----

    fn pad(&mut self, v: &str) -> String {
        match self.rng.below(6) {
            0 => format!("\u{3000}\u{3000}{v}"),
            1 => format!("\u{3000}{v}"),
            2 => format!("\u{a0}{v}"),
            3 => format!("{v}\u{a0}"),
            _ => v.to_string(),
        }
    }

    fn cells(&mut self) {
        let title = self.title();
        self.push(&title);
        self.push("\n\n");
        let one = self.section_one(false);
        self.prose(&one, "\n", false);
        self.push("\n二、主动公开政府信息情况\n");
        for (si, sub) in self.subs().iter().enumerate() {
            self.push(&format!("\t第二十条第{}项\n\n\t信息内容\n", sub.item));
            for h in self.heads(sub) {
                // seeds/000 breaks the first two heads of （一） inside the cell
                let h = if si == 0 && h.starts_with("本年新") {
                    h.replacen("本年新", "本年新\n", 1)
                } else {
                    h
                };
                self.push(&format!("\t{h}\n"));
            }
            self.push("\n");
            for (row, label) in sub.rows {
                self.push(&format!("\t{label}\n"));
                for v in self.g.t2_vals(row) {
                    let p = self.pad(&v);
                    self.push(&format!("\t{p}\n"));
                }
                self.push("\n");
            }
        }
        self.push("\n\n\n三、收到和处理政府信息公开申请情况\n\t（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n\t申请人情况\n\n\t\n\t自然人\n\t法人或其他组织\n\t总计\n\n\t\n\t\n\t商业企业\n\t科研机构\n\t社会公益组织\n\t法律服务机构\n\t其他\n\t\n\n");
        for l in t3_lines(self.g.template.format()) {
            if l.under_results {
                self.push(if l.first_under_results {
                    "\t三、本年度办理结果\n"
                } else {
                    "\t\n"
                });
            }
            if l.in_group {
                match l.group_first {
                    Some(gl) => self.push(&format!("\t{gl}\n")),
                    None => self.push("\t\n"),
                }
            }
            self.push(&format!("\t{}\n", l.label));
            for v in self.g.t3_vals(l.key) {
                let p = self.pad(&v);
                self.push(&format!("\t{p}\n"));
            }
            self.push("\n");
        }
        let h4 = self.t4_heading(false);
        self.push(&format!("\n\n{h4}\n\n\t行政复议\n\t行政诉讼\n\n\t结果维持\n\t结果纠正\n\t其他结果\n\t尚未审结\n\t总计\n\t未经复议直接起诉\n\t复议后起诉\n\n\t\n\t\n\t\n\t\n\t\n"));
        for _ in 0..2 {
            self.push("\t结果维持\n\t结果纠正\n\t其他结果\n\t尚未审结\n\t总计\n");
        }
        self.push("\n");
        for v in self.g.t4_vals() {
            let p = self.pad(&v);
            self.push(&format!("\t{p}\n"));
        }
        self.push("\n\n\n\n");
        let rest = self.sections_five_six(false);
        self.prose(&rest, "\n", false);
        self.push("\n\n");
    }

    // ---- pdftext: seeds/001, dev/pdftext-* ----

    fn pdf_prose(&mut self, paras: &[Para]) {
        for p in paras {
            match p {
                Para::Heading(s) => {
                    self.push(s);
                    self.push("\n\n");
                }
                Para::Text(s) => {
                    for line in wrap(s, 40) {
                        self.push(&line);
                        self.push("\n\n");
                    }
                }
            }
        }
    }

    /// A group label set vertically in a narrow cell: `（三）\n\n不予公\n\n开`.
    fn vertical(label: &str) -> String {
        let (num, rest) = match label.find('）').or_else(|| label.find('、')) {
            Some(p) => {
                let e = p + label[p..].chars().next().unwrap().len_utf8();
                (&label[..e], &label[e..])
            }
            None => ("", label),
        };
        let per = if num.ends_with('、') { 2 } else { 3 };
        let rest: Vec<char> = rest.chars().collect();
        let mut parts: Vec<String> = vec![num.to_string()];
        parts.extend(rest.chunks(per).map(|c| c.iter().collect::<String>()));
        parts.join("\n\n")
    }

    fn page_break(&mut self) -> &'static str {
        if self.rng.chance(0.04) {
            "\n\n"
        } else {
            ""
        }
    }

    fn pdftext(&mut self) {
        let title = self.title();
        self.push(&format!("\n{title}\n\n"));
        let one = self.section_one(true);
        self.pdf_prose(&one);
        self.push("二、主动公开政府信息情况\n\n");
        for (si, sub) in self.subs().iter().enumerate() {
            self.push(&format!("第二十条第{}项\n\n", sub.item));
            if si == self.subs().len() - 1 {
                self.push("\n\n");
            }
            let heads = self.heads(sub);
            if si == 0 {
                self.push("信息内容\n");
                let hs: Vec<String> = heads
                    .iter()
                    .map(|h| {
                        if h.starts_with("本年新") {
                            h.replacen("本年新", "本年新\n\n", 1)
                        } else {
                            h.clone()
                        }
                    })
                    .collect();
                self.push(&hs.join("\n\n"));
                self.push("\n\n");
            } else {
                self.push(&format!("信息内容 {}\n\n", heads.join(" ")));
            }
            for (row, label) in sub.rows {
                let vals = self.g.t2_vals(row);
                self.push(&format!("{label} {}\n\n", vals.join(" ")));
            }
        }
        self.push("三、收到和处理政府信息公开申请情况\n\n（本列数据的勾稽关系为：第一项加第\n\n二项之和，等于第三项加第四项之和）\n\n申请人情况\n\n自然\n\n人\n\n法人或其他组织\n\n总计商业\n\n企业\n\n科研\n\n机构\n\n社会\n\n公益\n\n组织\n\n法律服\n\n务机构\n其他\n\n");
        let f = self.g.template.format();
        // the t3 rows with the group headings between them, in the text's order
        enum El<'l> {
            Group(&'static str),
            Row(&'l T3Line),
        }
        let lines = t3_lines(f);
        let mut els: Vec<El> = Vec::new();
        for l in &lines {
            if l.first_under_results {
                els.push(El::Group("三、本年度办理结果"));
            }
            if let Some(g) = l.group_first {
                els.push(El::Group(g));
            }
            els.push(El::Row(l));
        }
        for (i, e) in els.iter().enumerate() {
            let next_is_group = matches!(els.get(i + 1), Some(El::Group(_)));
            let next_is_last = matches!(els.get(i + 1), Some(El::Row(l)) if l.key == "carried_out");
            match e {
                El::Group(label) => {
                    self.push(&Self::vertical(label));
                    self.push("\n\n");
                }
                El::Row(l) => {
                    let vals = self.g.t3_vals(l.key).join(" ");
                    let max = if l.in_group { 18 } else { 28 };
                    let one_line = l.label.chars().map(width).sum::<usize>()
                        <= if l.in_group { 18 } else { 32 };
                    if one_line {
                        self.push(&format!("{} {vals}\n", l.label));
                        if next_is_group || next_is_last {
                            self.push("\n");
                        }
                    } else {
                        let parts = chunks(l.label, max);
                        self.push(&parts.join("\n\n"));
                        self.push("\n");
                        let pb = self.page_break();
                        self.push(pb);
                        self.push(&format!("{vals}\n\n"));
                    }
                    let pb = self.page_break();
                    self.push(pb);
                }
            }
        }
        let h4 = self.t4_heading(false);
        self.push(&format!("{h4}\n\n行政复议 行政诉讼\n\n"));
        let vert = |s: &str| {
            s.chars()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
                .join("\n\n")
        };
        let heads = ["结果维持", "结果纠正", "其他结果", "尚未审结"];
        for h in heads {
            self.push(&vert(h));
            self.push("\n\n");
        }
        self.push("总计\n\n未经复议直接起诉 复议后起诉\n\n");
        for _ in 0..2 {
            for h in heads.iter().chain(&["总计"]) {
                self.push(&vert(h));
                self.push("\n\n");
            }
        }
        self.push(&self.g.t4_vals().join(" "));
        self.push("\n\n");
        let rest = self.sections_five_six(true);
        self.pdf_prose(&rest);
        self.push("\n");
    }

    // ---- pipes: seeds/002, dev/pipes-* ----

    fn pipes(&mut self) {
        let title = self.title();
        self.push(&format!("{title}\n"));
        let one = self.section_one(false);
        self.prose(&one, "\n", true);
        self.push("二、主动公开政府信息情况\n");
        let subs = self.subs();
        for (si, sub) in subs.iter().enumerate() {
            self.push(&format!("第二十条第{}项 | |||\n", half(sub.item)));
            let heads: Vec<String> = self.heads(sub).iter().map(|h| half(h)).collect();
            let tail = match heads.len() {
                1 => " ||",
                2 => " |",
                _ => "",
            };
            self.push(&format!("信息内容 | {} |{tail}\n", heads.join(" | ")));
            for (ri, (row, label)) in sub.rows.iter().enumerate() {
                let vals = self.g.t2_vals(row);
                let last = si == subs.len() - 1 && ri == sub.rows.len() - 1;
                self.push(&format!(
                    "{label} | {} |{}\n",
                    vals.join(" | "),
                    if last { "" } else { tail }
                ));
            }
        }
        self.push("三、收到和处理政府信息公开申请情况\n(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | 申请人情况 | ||||||||\n自然人 | 法人或其他组织 | 总计 | |||||||\n商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | |||||\n");
        for l in t3_lines(self.g.template.format()) {
            let vals = self.g.t3_vals(l.key).join(" | ");
            let label = half(l.label);
            if l.first_under_results {
                self.push(&format!("三、本年度办理结果 | {label} | {vals} | |\n"));
            } else if let Some(g) = l.group_first {
                self.push(&format!("{} | {label} | {vals} | |\n", half(g)));
            } else if l.key == "carried_out" {
                self.push(&format!("{label} | {vals} |\n"));
            } else {
                self.push(&format!("{label} | {vals} | ||\n"));
            }
        }
        let h4 = self.t4_heading(true);
        self.push(&format!("{h4}\n行政复议 | 行政诉讼 | |||||||||||||\n结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 | ||||||||\n结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | |||||\n"));
        self.push(&format!("{} |\n", self.g.t4_vals().join(" | ")));
        let rest = self.sections_five_six(false);
        self.prose(&rest, "\n", true);
    }

    // ---- tabs: seeds/004 without its lost values ----

    fn tabs(&mut self) {
        let title = self.title();
        self.push(&format!("\n\n{title}\n\n"));
        let one = self.section_one(false);
        self.prose(&one, "\n\n", false);
        self.push("二、主动公开政府信息情况\n\n");
        for sub in self.subs() {
            self.push(&format!("第二十条第{}项\t\t\t\n", sub.item));
            let heads = self.heads(sub);
            let fill = |n: usize| "\t".repeat(3 - n);
            self.push(&format!(
                "信息内容\t{}{}\n",
                heads.join("\t"),
                fill(heads.len())
            ));
            for (row, label) in sub.rows {
                let vals = self.g.t2_vals(row);
                self.push(&format!(
                    "{label}\t{}{}\n",
                    vals.join("\t"),
                    fill(vals.len())
                ));
            }
        }
        self.push("\n三、收到和处理政府信息公开申请情况\n\n(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)\t申请人情况\t\t\t\t\n\t自然人\t法人或其他组织\t\t\t\n\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\n\t\t\t\t\t其他\n\n");
        // seeds/004 prints 三、本年度办理结果 and （四）无法提供 one row late
        let shifted = self.rng.chance(0.6);
        for l in t3_lines(self.g.template.format()) {
            let vals = self.g.t3_vals(l.key).join("\t");
            let mut head = String::new();
            if shifted {
                if l.key == "unable.not_held" {
                    head = "三、本年度办理结果".into();
                } else if l.key == "unable.needs_creation" {
                    head = spaced("（四）无法提供");
                } else if let Some(g) = l.group_first.filter(|g| !g.contains("无法提供")) {
                    head = spaced(g);
                }
            } else if l.first_under_results {
                head = "三、本年度办理结果".into();
            } else if let Some(g) = l.group_first {
                head = spaced(g);
            }
            if l.in_group {
                self.push(&format!("{head}\t\t\t\t\t{}\t{vals}\n", spaced(l.label)));
            } else if !shifted && l.first_under_results {
                self.push(&format!("{head}\t{}\t\t\t\t{vals}\n", spaced(l.label)));
            } else {
                self.push(&format!("{}\t\t\t\t\t{vals}\n", spaced(l.label)));
            }
        }
        let h4 = self.t4_heading(false);
        self.push(&format!("\n{h4}\n\n行政复议\t\t\t\t\t行政诉讼\t\t\t\t\t\t\t\t\t\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t\n\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n"));
        self.push(&self.g.t4_vals().join("\t"));
        self.push("\n\n");
        let rest = self.sections_five_six(false);
        self.prose(&rest, "\n\n", false);
        self.push("\n");
    }

    // ---- flat: dev/flat-* ----

    fn flat(&mut self) {
        let title = self.title();
        self.push(&format!("{title}\n"));
        let one = self.section_one(false);
        self.prose(&one, "\n", true);
        self.push("二、主动公开政府信息情况");
        for sub in self.subs() {
            let heads: Vec<String> = self.heads(sub).iter().map(|h| half(h)).collect();
            self.push(&format!(
                "第二十条第{}项信息内容{}",
                half(sub.item),
                heads.concat()
            ));
            for (row, label) in sub.rows {
                let vals = self.g.t2_vals(row);
                self.push(&format!("{label}{}", vals.concat()));
            }
        }
        self.push(" 三、收到和处理政府信息公开申请情况\n(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) 申请人情况自然人 法人或其他组织 总计商业企业 科研机构 社会公益组织 法律服务机构 其他");
        for l in t3_lines(self.g.template.format()) {
            let vals = self.g.t3_vals(l.key).concat();
            if l.first_under_results {
                self.push("三、本年度办理结果 ");
            }
            if let Some(g) = l.group_first {
                self.push(&format!("{} ", half(g)));
            }
            self.push(&format!("{} {vals}", half(l.label)));
        }
        let h4 = self.t4_heading(true);
        self.push(&format!(" {h4} 行政复议 行政诉讼 结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉 结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计 "));
        self.push(&self.g.t4_vals().join(" "));
        self.push(" ");
        let rest = self.sections_five_six(false);
        self.prose(&rest, "\n", true);
    }
}

/// The cells of a `|` row.
fn pipe_cells(line: &str) -> Vec<&str> {
    line.split('|').map(str::trim).collect()
}

/// `|` rows as CSV rows; a cell holding a comma is quoted.
fn to_csv(pipes: &str) -> String {
    let mut out = String::with_capacity(pipes.len());
    for line in pipes.lines() {
        if line.contains('|') {
            let cells: Vec<String> = pipe_cells(line)
                .iter()
                .map(|c| {
                    if c.contains(',') {
                        format!("\"{c}\"")
                    } else {
                        c.to_string()
                    }
                })
                .collect();
            out.push_str(&cells.join(","));
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

/// 12345.6789 → 12,345.6789; other cells as they are.
fn grouped(cell: &str) -> String {
    let (sign, body) = cell.strip_prefix('-').map_or(("", cell), |b| ("-", b));
    let (int, frac) = body
        .split_once('.')
        .map_or((body, None), |(i, f)| (i, Some(f)));
    if int.len() < 4
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.is_none_or(|f| f.bytes().all(|b| b.is_ascii_digit()))
    {
        return cell.to_string();
    }
    let mut g = String::new();
    for (k, c) in int.chars().enumerate() {
        if k > 0 && (int.len() - k) % 3 == 0 {
            g.push(',');
        }
        g.push(c);
    }
    format!(
        "{sign}{g}{}",
        frac.map(|f| format!(".{f}")).unwrap_or_default()
    )
}

/// `|` rows as Markdown tables: `| a | b |`, a rule under each table's first row.
fn to_markdown(pipes: &str) -> String {
    let mut out = String::with_capacity(pipes.len() * 2);
    let mut in_table = false;
    for line in pipes.lines() {
        if line.contains('|') {
            let cells: Vec<String> = pipe_cells(line).iter().map(|c| grouped(c)).collect();
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
            if !in_table {
                out.push_str(&format!("|{}\n", "---|".repeat(cells.len())));
            }
            in_table = true;
        } else {
            out.push_str(line);
            out.push('\n');
            in_table = false;
        }
    }
    out
}
