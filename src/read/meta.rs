//! What a report says about itself: which national format its tables are in, and the
//! agency and year it is about (from its title or text, never from page chrome).

use crate::model::format::{Template, TEMPLATES};
use crate::read::locate;
use crate::read::text::NormText;

/// The format is told by its column heads, not by the report's year.
pub fn detect_template(nt: &NormText, secs: &locate::Sections) -> Option<Template> {
    template_and_heads(nt, secs).0
}

/// The format and the column heads of it the tables print (none when it is the current
/// format by default, no head having survived).
pub fn template_and_heads(
    nt: &NormText,
    secs: &locate::Sections,
) -> (Option<Template>, Vec<&'static str>) {
    let (a, b) = match (&secs.t2, &secs.t3, &secs.t4) {
        (None, None, None) => return (None, Vec::new()),
        _ => {
            let a = secs
                .t2
                .as_ref()
                .or(secs.t3.as_ref())
                .or(secs.t4.as_ref())
                .unwrap()
                .start;
            let b = secs
                .t4
                .as_ref()
                .or(secs.t3.as_ref())
                .or(secs.t2.as_ref())
                .unwrap()
                .end;
            (nt.to_compact(a), nt.to_compact(b))
        }
    };
    let hay = &nt.compact[a..b.max(a)];
    let score = |t: Template| {
        t.format()
            .signatures
            .iter()
            .filter(|s| hay.contains(*s))
            .count()
    };
    let best = TEMPLATES
        .iter()
        .copied()
        .max_by_key(|&t| (score(t), t == Template::Y2021))
        .unwrap_or(Template::Y2021);
    if score(best) > 0 {
        let heads = best.format().signatures.iter().copied();
        return (Some(best), heads.filter(|s| hay.contains(*s)).collect());
    }
    // The statistics table of the reports before 2019 (指标 / 计量单位 / 本年 / 累计) is
    // no national format: reading it as one would give every cell missing.
    if secs.t3.is_none() && secs.t2.is_none() || is_pre_2019_table(&nt.compact) {
        return (None, Vec::new());
    }
    // No column head survived: 2021 as the current format.
    (Some(Template::Y2021), Vec::new())
}

/// The head of the pre-2019 statistics table, and none of the national formats' heads.
pub fn is_pre_2019_table(compact: &str) -> bool {
    compact.contains("计量单位")
        && (compact.contains("指标") || compact.contains("统计指标"))
        && !compact.contains("第二十条第(一)项")
}

/// The largest char boundary of `s` at or below `i`.
fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Agency and year from the title (`昆吾办2020年政府信息公开工作年度报告`), else the
/// year from the body's first paragraph.
pub fn title_meta(nt: &NormText, secs: &locate::Sections) -> (Option<String>, Option<i32>) {
    let text = nt.original;
    let head_end = secs
        .heading_at
        .iter()
        .flatten()
        .next()
        .map(|&i| nt.pos[i] as usize)
        .unwrap_or_else(|| floor_boundary(text, 2000));
    let head = &text[..head_end.min(text.len())];
    let lines: Vec<&str> = head
        .lines()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .take(12)
        .collect();
    for (i, l) in lines.iter().enumerate() {
        let compact: String = l
            .chars()
            .map(crate::read::text::normalize_char)
            .filter(|c| !c.is_whitespace())
            .collect();
        if let Some(p) = compact
            .find("政府信息公开工作年度报告")
            .or_else(|| compact.find("信息公开年度报告"))
        {
            let before = strip_chrome_key(&compact[..p]);
            let (agency, year) = split_year(before);
            let agency = agency.map(|a| strip_title_words(&a).to_string());
            let agency = agency.or_else(|| {
                (i > 0)
                    .then(|| lines[i - 1])
                    .filter(|prev| {
                        prev.chars().count() <= 30 && !prev.chars().any(|c| c.is_ascii_digit())
                    })
                    .map(|s| s.to_string())
            });
            if year.is_some() || agency.is_some() {
                return (
                    agency
                        .map(|a| {
                            a.trim_matches(|c: char| c == '#' || c.is_whitespace())
                                .to_string()
                        })
                        .filter(|a| !a.is_empty()),
                    year,
                );
            }
        }
    }
    // body: "2020年，…" in 一、总体情况
    let end = secs.heading_at[1]
        .map(|i| nt.pos[i] as usize)
        .unwrap_or_else(|| floor_boundary(text, 4000));
    let body = &text[..end];
    (body_agency(body), first_year(body))
}

/// A crawler's or CMS's `标题: …` header line gives the title after its key; the key is
/// page chrome, not part of the agency's name.
fn strip_chrome_key(line: &str) -> &str {
    const KEYS: &[&str] = &[
        "标题",
        "题名",
        "名称",
        "文章标题",
        "信息名称",
        "title",
        "Title",
    ];
    for k in KEYS {
        if let Some(rest) = line.strip_prefix(k) {
            if let Some(v) = rest.strip_prefix(':').or_else(|| rest.strip_prefix('：')) {
                return v;
            }
        }
    }
    line
}

/// "海坛片区管理局关于2021年…年度报告": the words that lead into a title's subject are not
/// part of the agency's name.
fn strip_title_words(agency: &str) -> &str {
    const TAILS: &[&str] = &["关于报送", "关于印发", "关于公布", "关于发布", "关于"];
    TAILS
        .iter()
        .find_map(|t| agency.strip_suffix(t))
        .filter(|a| !a.is_empty())
        .unwrap_or(agency)
}

/// Words that start the sentence after the agency: where its name ends.
const BODY_STOPS: &[&str] = &[
    "认真",
    "坚持",
    "在",
    "深入",
    "紧紧",
    "全面",
    "以",
    "按照",
    "围绕",
    "进一步",
    "始终",
    "严格",
    "政务公开",
    "政府信息公开",
    "高度",
    "继续",
    "持续",
    "积极",
    "扎实",
    "不断",
    "依法",
    "紧扣",
    "聚焦",
    "贯彻",
];
/// Endings of an agency's name: a candidate without one is not an agency.
const BODY_SUFFIXES: &[&str] = &[
    "街道办事处",
    "街道",
    "办事处",
    "人民政府",
    "政府",
    "局",
    "委员会",
    "中心",
    "办公室",
    "办",
    "委",
    "厅",
    "院",
    "所",
    "站",
    "队",
    "镇",
    "乡",
    "管委会",
    "部",
    "署",
    "会",
];

/// "2020年，学府街道认真贯彻落实…": the agency right after the year, where a report
/// has no title line.
fn body_agency(body: &str) -> Option<String> {
    let compact: String = body
        .chars()
        .map(crate::read::text::normalize_char)
        .filter(|c| !c.is_whitespace())
        .collect();
    let b = compact.as_bytes();
    let mut i = 0;
    while i + 6 <= b.len() {
        if b[i..i + 4].iter().all(|c| c.is_ascii_digit()) && compact[i + 4..].starts_with("年,") {
            let rest = &compact[i + 8..];
            let mut end = rest.len().min(60);
            while !rest.is_char_boundary(end) {
                end -= 1;
            }
            let window = &rest[..end];
            let stop = BODY_STOPS
                .iter()
                .filter_map(|s| window.find(s))
                .filter(|&p| p > 0)
                .min()?;
            let cand = &window[..stop];
            if cand.chars().count() <= 20
                && BODY_SUFFIXES.iter().any(|s| cand.ends_with(s))
                && cand.chars().all(|c| c > '\u{2E80}')
            {
                return Some(cand.to_string());
            }
            return None;
        }
        i += 1;
    }
    None
}

fn split_year(s: &str) -> (Option<String>, Option<i32>) {
    let b = s.as_bytes();
    let mut i = 0;
    while i + 4 <= b.len() {
        if b[i..i + 4].iter().all(|c| c.is_ascii_digit())
            && (i + 4 == b.len() || !b[i + 4].is_ascii_digit())
            && (i == 0 || !b[i - 1].is_ascii_digit())
        {
            let y: i32 = s[i..i + 4].parse().unwrap();
            if (2008..=2100).contains(&y) {
                let agency = s[..i].trim().to_string();
                return ((!agency.is_empty()).then_some(agency), Some(y));
            }
        }
        i += 1;
    }
    let a = s.trim().to_string();
    ((!a.is_empty()).then_some(a), None)
}

fn first_year(s: &str) -> Option<i32> {
    let b = s.as_bytes();
    let mut i = 0;
    while i + 4 <= b.len() {
        if b[i..i + 4].iter().all(|c| c.is_ascii_digit())
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && (i + 4 == b.len() || !b[i + 4].is_ascii_digit())
        {
            let rest = s[i + 4..].trim_start();
            if rest.starts_with('年') {
                let y: i32 = s[i..i + 4].parse().unwrap();
                if (2008..=2100).contains(&y) {
                    return Some(y);
                }
            }
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template_of(text: &str) -> Option<Template> {
        let nt = NormText::new(text);
        detect_template(&nt, &locate::sections(&nt))
    }

    #[test]
    fn the_pre_2019_statistics_table_is_no_national_format() {
        let old = "某某局2018年政府信息公开工作年度报告\n一、概述\n二、主动公开政府信息情况\n统计指标 计量单位 本年 累计\n主动公开政府信息数 条 120 560\n三、依申请公开政府信息情况\n收到申请数 件 3 10\n一、本年新收政府信息公开申请数量 3\n";
        assert_eq!(template_of(old), None);
        // a 2021 table whose heads were lost is still read as the current format
        let new = "某某局2022年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 3 0 0 0 0 0 3\n";
        assert_eq!(template_of(new), Some(Template::Y2021));
    }
}
