//! The ways real web pages dress a report, as transforms of a generated report's text.
//!
//! Each was first seen in `tests/fixtures/corpus/wild/` (department and district pages of
//! one county-level government) and broke the reader there; here each applies to every
//! generated report in every layout, so the reader is held to the family, not to 29 files.

use super::gen::Generated;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dressing {
    /// The opening paragraph names every section ("本报告全文由总体情况、主动公开政府信息情况、…
    /// 六个部分组成"), before the headings themselves.
    SectionList,
    /// A crawler's or CMS's header (标题:, 发布时间:, 栏目:, 原文链接:, 索引号, 字号 大 中 小)
    /// and navigation text above the report.
    PageChrome,
    /// The agency's own outline (二、工作机制保障 三、主动公开工作情况 …) with the three tables
    /// appended at the end as 附表, and the later sections renumbered.
    OwnOutline,
    /// Word's conditional comments and style declarations left in the text.
    WordResidue,
    /// Labels with stray spaces inside (`本年度办 理结果`, `社会公益 组织`).
    StraySpaces,
    /// Narrative glued straight after the last table's last value (`…052023年，…`).
    GluedNarrative,
    /// The prose says how many 规范性文件 were issued, repealed and are in force (制发行政
    /// 规范性文件9件，确认失效或废止文件7件，现行有效行政规范性文件共253件).
    DocumentClaims,
    /// Table cells parted by U+3000 and NBSP instead of ASCII spaces.
    WideSpaces,
    /// The report leaves out t2's 规章 row (an agency that makes no rules).
    NoRegulationsRow,
    /// Two zero cells of a row lost the space between them (`10 0 00 0 1`): a run no
    /// report prints as one value.
    ZeroPairs,
}

impl Dressing {
    pub const ALL: [Dressing; 10] = [
        Dressing::SectionList,
        Dressing::PageChrome,
        Dressing::OwnOutline,
        Dressing::WordResidue,
        Dressing::StraySpaces,
        Dressing::GluedNarrative,
        Dressing::DocumentClaims,
        Dressing::WideSpaces,
        Dressing::NoRegulationsRow,
        Dressing::ZeroPairs,
    ];

    /// The rows a dressed report no longer prints, whose cells may then read as missing.
    pub fn leaves_out(self) -> &'static [&'static str] {
        match self {
            Dressing::NoRegulationsRow => &["t2/regulations/"],
            _ => &[],
        }
    }

    /// The report's text in this dress. `None` when the text lacks what the dressing
    /// changes (the layout prints no such heading).
    pub fn apply(self, g: &Generated, text: &str) -> Option<String> {
        match self {
            Dressing::SectionList => section_list(text),
            Dressing::PageChrome => Some(page_chrome(g, text)),
            Dressing::OwnOutline => own_outline(text),
            Dressing::WordResidue => Some(word_residue(text)),
            Dressing::StraySpaces => stray_spaces(text),
            Dressing::GluedNarrative => glued_narrative(g, text),
            Dressing::DocumentClaims => document_claims(g, text),
            Dressing::WideSpaces => wide_spaces(text),
            Dressing::NoRegulationsRow => no_regulations_row(text),
            Dressing::ZeroPairs => zero_pairs(text),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Dressing::SectionList => "section-list",
            Dressing::PageChrome => "page-chrome",
            Dressing::OwnOutline => "own-outline",
            Dressing::WordResidue => "word-residue",
            Dressing::StraySpaces => "stray-spaces",
            Dressing::GluedNarrative => "glued-narrative",
            Dressing::DocumentClaims => "document-claims",
            Dressing::WideSpaces => "wide-spaces",
            Dressing::NoRegulationsRow => "no-regulations-row",
            Dressing::ZeroPairs => "zero-pairs",
        }
    }
}

const SECTION_LIST: &str = "本报告全文由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项六个部分组成。本报告中所列数据的统计期限为自然年度。";

/// After the title's line.
fn section_list(text: &str) -> Option<String> {
    let at = text.find('\n')? + 1;
    Some(format!("{}{SECTION_LIST}\n{}", &text[..at], &text[at..]))
}

fn page_chrome(g: &Generated, text: &str) -> String {
    let title = format!("{}{}年政府信息公开工作年度报告", g.agency, g.year);
    format!(
        "标题: {title}\n发布时间: {}-01-20 16:22\n文号: \n发布机构: {}\n栏目: 政府信息公开年报\n原文链接: https://www.example.gov.cn/zwgk/zfxxgk/t{}0120_80621.htm\n索引号: 11350128MB0000000X/2024-00012\n==================== 正文 ====================\n当前位置： 首页 政务公开 政府信息公开 {} 政府信息公开年报 字号 大 中 小 打印 关闭 微信 微博 {title} 来源： 时间：{}-01-20\n{text}",
        g.year + 1,
        g.agency,
        g.year + 1,
        g.agency,
        g.year + 1,
    )
}

/// The three tables cut from their sections and appended as 附表, the sections after them
/// renumbered, and the agency's own outline where they stood.
fn own_outline(text: &str) -> Option<String> {
    let a = text.find("二、主动公开政府信息情况")?;
    let b = text.find("五、存在的主要问题")?;
    let tables = text[a..b]
        .replacen(
            "二、主动公开政府信息情况",
            "附表1 主动公开政府信息情况\n",
            1,
        )
        .replacen(
            "三、收到和处理政府信息公开申请情况",
            "附表2 收到和处理政府信息公开申请情况\n",
            1,
        )
        .replacen(
            "四、政府信息公开行政复议、行政诉讼情况",
            "附表3 政府信息公开行政复议、行政诉讼情况\n",
            1,
        )
        .replacen(
            "四、被申请行政复议、提起行政诉讼情况",
            "附表3 被申请行政复议、提起行政诉讼情况\n",
            1,
        );
    let rest = text[b..]
        .replacen("五、存在的主要问题", "四、存在的主要问题", 1)
        .replacen("六、其他需要报告的事项", "五、其他需要报告的事项", 1);
    Some(format!(
        "{}二、工作机制保障\n成立政务公开工作领导小组，明确分管领导和工作人员，健全信息发布审核制度。\n三、主动公开工作情况\n围绕重点领域做好信息公开，全年各项数据详见附表。\n{rest}\n附件：政府信息公开工作年度报告统计表\n{tables}\n",
        &text[..a]
    ))
}

/// A conditional comment before each heading and a style declaration after the title.
fn word_residue(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 400);
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if i == 0 {
            out.push_str(line.trim_end_matches('\n'));
            out.push_str(
                " mso-bidi-font-size:10.5pt;font-family:仿宋_GB2312;mso-hansi-font-family:宋体;\n",
            );
            continue;
        }
        for h in ["一、", "五、", "六、"] {
            if line.starts_with(h) {
                out.push_str("<!--[if !supportLists]-->");
            }
        }
        out.push_str(line);
    }
    out
}

fn stray_spaces(text: &str) -> Option<String> {
    if !text.contains("本年度办理结果") && !text.contains("社会公益组织") {
        return None;
    }
    Some(
        text.replacen("本年度办理结果", "本年度办 理结果", 1)
            .replacen("社会公益组织", "社会公益 组织", 1),
    )
}

/// The text between the last table and section 五 replaced by a sentence that starts with
/// the year, glued to the table's last value.
fn glued_narrative(g: &Generated, text: &str) -> Option<String> {
    let b = text.find("五、存在的主要问题")?;
    let head = text[..b].trim_end_matches([' ', '\n', '|', '\t']);
    let last = head.chars().last()?;
    if !last.is_ascii_digit() {
        return None;
    }
    Some(format!(
        "{head}{}年，本机关依法依规做好政府信息公开各项工作。\n{}",
        g.year,
        &text[b..]
    ))
}

/// A sentence of section 一 that gives t2's normative documents, in either format's words.
fn document_claims(g: &Generated, text: &str) -> Option<String> {
    let at = text.find("一、总体情况")? + "一、总体情况".len();
    let v = |col: &str| {
        g.truth
            .get(&format!("t2/normative/{col}"))
            .map(|n| n.to_string())
    };
    let sentence = match (v("issued"), v("repealed"), v("in_force"), v("new_made")) {
        (Some(i), Some(r), Some(f), _) => format!(
            "{}年，本机关制发行政规范性文件{i}件，按程序确认失效或废止文件{r}件，现行有效行政规范性文件共{f}件。",
            g.year
        ),
        (_, _, _, Some(m)) => format!("{}年，本机关共制定规范性文件{m}件。", g.year),
        _ => return None,
    };
    Some(format!("{}\n{sentence}{}", &text[..at], &text[at..]))
}

/// Within the tables, the spaces or tabs between two digits become one U+3000 or NBSP
/// in turn.
/// In each table row with values parted by white space, the first two zeros side by
/// side glued (`3 0 0 1 4` → `3 00 1 4`, `3   0   0` → `3   00`).
fn zero_pairs(text: &str) -> Option<String> {
    let a = text.find("主动公开政府信息情况")?;
    let b = text.find("五、存在的主要问题").unwrap_or(text.len());
    let pair = regex::Regex::new(r"(^|[ \t])0[ \t]+0([ \t]|$)").unwrap();
    let mut changed = false;
    let rows: Vec<String> = text[a..b]
        .split('\n')
        .map(|line| {
            let glued = pair.replacen(line, 1, "${1}00${2}");
            changed |= glued != line;
            glued.into_owned()
        })
        .collect();
    changed.then(|| format!("{}{}{}", &text[..a], rows.join("\n"), &text[b..]))
}

fn wide_spaces(text: &str) -> Option<String> {
    let a = text.find("主动公开政府信息情况")?;
    let b = text.find("五、存在的主要问题").unwrap_or(text.len());
    let ch: Vec<char> = text[a..b].chars().collect();
    let mut out = String::with_capacity(text.len() + 64);
    out.push_str(&text[..a]);
    let (mut n, mut i) = (0, 0);
    while i < ch.len() {
        let gap = ch[i..]
            .iter()
            .take_while(|c| **c == ' ' || **c == '\t')
            .count();
        let between_digits = gap > 0
            && i > 0
            && ch[i - 1].is_ascii_digit()
            && ch.get(i + gap).is_some_and(|d| d.is_ascii_digit());
        if between_digits {
            n += 1;
            out.push(if n % 2 == 0 { '\u{3000}' } else { '\u{A0}' });
            i += gap;
        } else {
            out.push(ch[i]);
            i += 1;
        }
    }
    if n == 0 {
        return None;
    }
    out.push_str(&text[b..]);
    Some(out)
}

/// The 规章 row cut from t2: its label and values, up to the next row's label.
fn no_regulations_row(text: &str) -> Option<String> {
    let t2 = text.find("主动公开政府信息情况")?;
    let a = t2 + text[t2..].find("规章")?;
    let next = text[a..].find("规范性文件")?;
    let mut b = a + next;
    if text[..b].ends_with("行政") {
        b -= "行政".len();
    }
    Some(format!("{}{}", &text[..a], &text[b..]))
}
