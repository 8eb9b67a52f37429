//! The two national formats as data: tables, rows, columns, labels, match keys.
//!
//! Nothing else in the crate asks "is this the 2019 format?": the reader walks these
//! rows, the rules derive their identities from the row roles, and the views print the
//! labels. A new variant of a label is one more entry in `keys` here.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
pub enum Template {
    #[serde(rename = "2019")]
    Y2019,
    #[serde(rename = "2021")]
    Y2021,
}

impl Template {
    pub fn id(self) -> &'static str {
        match self {
            Template::Y2019 => "2019",
            Template::Y2021 => "2021",
        }
    }
    pub fn format(self) -> &'static Format {
        match self {
            Template::Y2019 => &FORMAT_2019,
            Template::Y2021 => &FORMAT_2021,
        }
    }
}

/// What a column holds, which decides the value rules that apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A count: whole and non-negative.
    Count,
    /// 本年增/减: whole, may be negative.
    Change,
    /// 万元: decimals allowed.
    Amount,
}

#[derive(Debug)]
pub struct Column {
    pub key: &'static str,
    pub label: &'static str,
    /// At most four display columns wide, for the 80-column grid.
    pub short: &'static str,
    pub kind: Kind,
}

/// The part a row plays in the format's identities.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A t2 row, or t4's single line: no identity across rows.
    Plain,
    New,
    CarriedIn,
    /// An outcome row summed by （七）总计.
    Leaf,
    Total,
    CarriedOut,
    /// A heading over rows (（三）不予公开): no cells of its own in the format.
    Group,
}

#[derive(Debug)]
pub struct Row {
    pub key: &'static str,
    pub label: &'static str,
    pub short: &'static str,
    /// Distinctive phrases, normalised (ASCII punctuation, 、 as .), any of which
    /// finds the row in the compact text.
    pub keys: &'static [&'static str],
    pub columns: &'static [Column],
    pub role: Role,
    /// For a group: how many following rows belong to it.
    pub children: usize,
}

/// The three statistical tables of both formats; their keys and titles live here only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TableId {
    T2,
    T3,
    T4,
}

impl TableId {
    pub const ALL: [TableId; 3] = [TableId::T2, TableId::T3, TableId::T4];

    /// The table's part of a cell key: `t3` in `t3/new/natural`.
    pub const fn key(self) -> &'static str {
        match self {
            TableId::T2 => "t2",
            TableId::T3 => "t3",
            TableId::T4 => "t4",
        }
    }

    /// The table's section heading as the format prints it.
    pub const fn title(self) -> &'static str {
        match self {
            TableId::T2 => "二、主动公开政府信息情况",
            TableId::T3 => "三、收到和处理政府信息公开申请情况",
            TableId::T4 => "四、政府信息公开行政复议、行政诉讼情况",
        }
    }

    /// A title short enough for a tab or a column head.
    pub const fn short_title(self) -> &'static str {
        match self {
            TableId::T2 => "二、主动公开",
            TableId::T3 => "三、依申请",
            TableId::T4 => "四、复议诉讼",
        }
    }

    pub fn from_key(key: &str) -> Option<TableId> {
        TableId::ALL.into_iter().find(|t| t.key() == key)
    }
}

/// A table shows as its key (`t3`), as in cell keys.
impl std::fmt::Display for TableId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

/// What findings call t4's single line of 15 values.
pub const T4_LINE: &str = "四、行政复议、行政诉讼";

/// The six sections of a report, in order; sections 二 to 四 hold the tables.
pub const SECTION_TITLES: [&str; 6] = [
    "一、总体情况",
    TableId::T2.title(),
    TableId::T3.title(),
    TableId::T4.title(),
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
];

#[derive(Debug)]
pub struct Table {
    pub id: TableId,
    pub rows: &'static [Row],
}

impl Table {
    pub fn key(&self) -> &'static str {
        self.id.key()
    }
    pub fn title(&self) -> &'static str {
        self.id.title()
    }
}

#[derive(Debug)]
pub struct Format {
    pub template: Template,
    pub name: &'static str,
    pub t2: Table,
    pub t3: Table,
    pub t4: Table,
    /// Column heads that only this format prints, to tell the formats apart.
    pub signatures: &'static [&'static str],
}

impl Format {
    pub fn tables(&self) -> [&Table; 3] {
        [&self.t2, &self.t3, &self.t4]
    }

    pub fn table(&self, id: &str) -> Option<&Table> {
        self.tables().into_iter().find(|t| t.key() == id)
    }

    /// Every cell key of the format in table, row, column order, computed once.
    pub fn keys(&'static self) -> &'static [String] {
        static K2019: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
        static K2021: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
        match self.template {
            Template::Y2019 => K2019.get_or_init(|| self.cell_keys()),
            Template::Y2021 => K2021.get_or_init(|| self.cell_keys()),
        }
    }

    /// Position of each cell key in `keys()`.
    pub fn key_index(&'static self) -> &'static std::collections::HashMap<&'static str, usize> {
        static I2019: std::sync::OnceLock<std::collections::HashMap<&'static str, usize>> =
            std::sync::OnceLock::new();
        static I2021: std::sync::OnceLock<std::collections::HashMap<&'static str, usize>> =
            std::sync::OnceLock::new();
        let build = || {
            self.keys()
                .iter()
                .enumerate()
                .map(|(i, k)| (k.as_str(), i))
                .collect()
        };
        match self.template {
            Template::Y2019 => I2019.get_or_init(build),
            Template::Y2021 => I2021.get_or_init(build),
        }
    }

    /// Every cell key of the format in table, row, column order.
    pub fn cell_keys(&self) -> Vec<String> {
        let mut v = Vec::new();
        for t in self.tables() {
            for r in t.rows {
                for c in r.columns {
                    v.push(format!("{}/{}/{}", t.key(), r.key, c.key));
                }
            }
        }
        v
    }
}

macro_rules! col {
    ($key:expr, $label:expr, $short:expr, $kind:ident) => {
        Column {
            key: $key,
            label: $label,
            short: $short,
            kind: Kind::$kind,
        }
    };
}

const C2019_DOCS: &[Column] = &[
    col!("new_made", "本年新制作数量", "新制作", Count),
    col!("new_published", "本年新公开数量", "新公开", Count),
    col!("total_published", "对外公开总数量", "公开总数", Count),
];
const C2019_ITEMS: &[Column] = &[
    col!("prev_items", "上一年项目数量", "上年项目", Count),
    col!("change", "本年增/减", "增/减", Change),
    col!("decisions", "处理决定数量", "决定数", Count),
];
const C2019_FEES: &[Column] = &[
    col!("prev_items", "上一年项目数量", "上年项目", Count),
    col!("change", "本年增/减", "增/减", Change),
];
const C2019_PROCUREMENT: &[Column] = &[
    col!("items", "采购项目数量", "项目数", Count),
    col!("amount", "采购总金额（万元）", "金额万元", Amount),
];
const C2021_DOCS: &[Column] = &[
    col!("issued", "本年制发件数", "制发", Count),
    col!("repealed", "本年废止件数", "废止", Count),
    col!("in_force", "现行有效件数", "现行有效", Count),
];
const C2021_DECISIONS: &[Column] = &[col!("decisions", "本年处理决定数量", "决定数", Count)];
const C2021_FEES: &[Column] = &[col!("amount", "本年收费金额（万元）", "金额万元", Amount)];

pub const T3_COLUMNS: &[Column] = &[
    col!("natural", "自然人", "自然人", Count),
    col!("commercial", "法人或其他组织·商业企业", "商业", Count),
    col!("research", "法人或其他组织·科研机构", "科研", Count),
    col!("nonprofit", "法人或其他组织·社会公益组织", "公益", Count),
    col!(
        "legal_service",
        "法人或其他组织·法律服务机构",
        "法律",
        Count
    ),
    col!("other_org", "法人或其他组织·其他", "其他", Count),
    col!("total", "总计", "总计", Count),
];

pub const T4_COLUMNS: &[Column] = &[
    col!("upheld", "结果维持", "维持", Count),
    col!("corrected", "结果纠正", "纠正", Count),
    col!("other", "其他结果", "其他", Count),
    col!("pending", "尚未审结", "未审结", Count),
    col!("total", "总计", "总计", Count),
];

macro_rules! row {
    ($key:expr, $label:expr, $short:expr, [$($k:expr),*], $cols:expr, $role:ident) => {
        Row { key: $key, label: $label, short: $short, keys: &[$($k),*], columns: $cols, role: Role::$role, children: 0 }
    };
}
macro_rules! group {
    ($key:expr, $label:expr, $short:expr, [$($k:expr),*], $n:expr) => {
        Row { key: $key, label: $label, short: $short, keys: &[$($k),*], columns: &[], role: Role::Group, children: $n }
    };
}

/// The t3 rows of both formats; only （六）其他处理 differs between them.
macro_rules! t3_rows {
    ($($other:expr),* $(,)?) => {
        [
    row!("new", "一、本年新收政府信息公开申请数量", "新收", ["本年新收"], T3_COLUMNS, New),
    row!("carried_in", "二、上年结转政府信息公开申请数量", "上年结转", ["上年结转"], T3_COLUMNS, CarriedIn),
    group!("results", "三、本年度办理结果", "办理结果", ["本年度办理结果"], 0),
    row!("granted", "（一）予以公开", "予以公开", ["予以公开"], T3_COLUMNS, Leaf),
    row!("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "部分公开", ["部分公开"], T3_COLUMNS, Leaf),
    group!("denied", "（三）不予公开", "不予公开", ["不予公开"], 8),
    row!("denied.state_secret", "1.属于国家秘密", "不予·国家秘密", ["国家秘密"], T3_COLUMNS, Leaf),
    row!("denied.prohibited", "2.其他法律行政法规禁止公开", "不予·法规禁止", ["法规禁止公开", "其他法律行政法规"], T3_COLUMNS, Leaf),
    row!("denied.security", "3.危及“三安全一稳定”", "不予·三安全", ["三安全一稳定", "三安全"], T3_COLUMNS, Leaf),
    row!("denied.third_party", "4.保护第三方合法权益", "不予·第三方", ["第三方合法权益", "保护第三方"], T3_COLUMNS, Leaf),
    row!("denied.internal", "5.属于三类内部事务信息", "不予·内部事务", ["内部事务信息", "三类内部事务"], T3_COLUMNS, Leaf),
    row!("denied.process", "6.属于四类过程性信息", "不予·过程性", ["过程性信息", "四类过程"], T3_COLUMNS, Leaf),
    row!("denied.enforcement", "7.属于行政执法案卷", "不予·执法案卷", ["行政执法案卷", "执法案卷"], T3_COLUMNS, Leaf),
    row!("denied.query", "8.属于行政查询事项", "不予·查询事项", ["行政查询事项", "查询事项"], T3_COLUMNS, Leaf),
    group!("unable", "（四）无法提供", "无法提供", ["无法提供"], 3),
    row!("unable.not_held", "1.本机关不掌握相关政府信息", "无法·不掌握", ["不掌握相关政府信息", "本机关不掌握"], T3_COLUMNS, Leaf),
    row!("unable.needs_creation", "2.没有现成信息需要另行制作", "无法·需制作", ["没有现成信息", "另行制作"], T3_COLUMNS, Leaf),
    row!("unable.unclear", "3.补正后申请内容仍不明确", "无法·不明确", ["补正后申请内容", "仍不明确"], T3_COLUMNS, Leaf),
    group!("unprocessed", "（五）不予处理", "不予处理", ["不予处理"], 5),
    row!("unprocessed.complaint", "1.信访举报投诉类申请", "不处理·信访", ["信访举报投诉", "举报投诉类"], T3_COLUMNS, Leaf),
    row!("unprocessed.repeat", "2.重复申请", "不处理·重复", ["重复申请"], T3_COLUMNS, Leaf),
    row!("unprocessed.publication", "3.要求提供公开出版物", "不处理·出版物", ["公开出版物"], T3_COLUMNS, Leaf),
    row!("unprocessed.excessive", "4.无正当理由大量反复申请", "不处理·大量反复", ["大量反复申请", "大量反复"], T3_COLUMNS, Leaf),
    row!("unprocessed.confirmation", "5.要求行政机关确认或重新出具已获取信息", "不处理·确认", ["确认或重新出具", "重新出具已获取", "要求行政机关确认"], T3_COLUMNS, Leaf),
            $($other,)*
    row!("total", "（七）总计", "总计", ["(七)总计", "七)总计", "七.总计"], T3_COLUMNS, Total),
    row!("carried_out", "四、结转下年度继续办理", "结转下年", ["结转下年度继续办理", "结转下年度"], T3_COLUMNS, CarriedOut),
        ]
    };
}

static T3_ROWS_2019: [Row; 27] = t3_rows!(row!(
    "other",
    "（六）其他处理",
    "其他处理",
    ["其他处理"],
    T3_COLUMNS,
    Leaf
));
static T3_ROWS_2021: [Row; 30] = t3_rows!(
    group!("other", "（六）其他处理", "其他处理", ["其他处理"], 3),
    row!(
        "other.no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "其他·不补正",
        ["逾期不补正", "无正当理由逾期"],
        T3_COLUMNS,
        Leaf
    ),
    row!(
        "other.no_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "其他·未缴费",
        ["未按收费通知", "缴纳费用"],
        T3_COLUMNS,
        Leaf
    ),
    row!(
        "other.misc",
        "3.其他",
        "其他·其他",
        ["3.其他"],
        T3_COLUMNS,
        Leaf
    ),
);

static T2_ROWS_2019: [Row; 8] = [
    row!("regulations", "规章", "规章", ["规章"], C2019_DOCS, Plain),
    row!(
        "normative",
        "规范性文件",
        "规范性文件",
        ["行政规范性文件", "规范性文件"],
        C2019_DOCS,
        Plain
    ),
    row!(
        "licensing",
        "行政许可",
        "行政许可",
        ["行政许可"],
        C2019_ITEMS,
        Plain
    ),
    row!(
        "other_services",
        "其他对外管理服务事项",
        "其他对外服务",
        ["其他对外管理服务事项", "对外管理服务"],
        C2019_ITEMS,
        Plain
    ),
    row!(
        "penalty",
        "行政处罚",
        "行政处罚",
        ["行政处罚"],
        C2019_ITEMS,
        Plain
    ),
    row!(
        "coercion",
        "行政强制",
        "行政强制",
        ["行政强制"],
        C2019_ITEMS,
        Plain
    ),
    row!(
        "fees",
        "行政事业性收费",
        "事业性收费",
        ["行政事业性收费", "事业性收费"],
        C2019_FEES,
        Plain
    ),
    row!(
        "procurement",
        "政府集中采购",
        "集中采购",
        ["政府集中采购", "集中采购"],
        C2019_PROCUREMENT,
        Plain
    ),
];

static T2_ROWS_2021: [Row; 6] = [
    row!("regulations", "规章", "规章", ["规章"], C2021_DOCS, Plain),
    row!(
        "normative",
        "行政规范性文件",
        "规范性文件",
        ["行政规范性文件", "规范性文件"],
        C2021_DOCS,
        Plain
    ),
    row!(
        "licensing",
        "行政许可",
        "行政许可",
        ["行政许可"],
        C2021_DECISIONS,
        Plain
    ),
    row!(
        "penalty",
        "行政处罚",
        "行政处罚",
        ["行政处罚"],
        C2021_DECISIONS,
        Plain
    ),
    row!(
        "coercion",
        "行政强制",
        "行政强制",
        ["行政强制"],
        C2021_DECISIONS,
        Plain
    ),
    row!(
        "fees",
        "行政事业性收费",
        "事业性收费",
        ["行政事业性收费", "事业性收费"],
        C2021_FEES,
        Plain
    ),
];

static T4_ROWS: [Row; 3] = [
    row!("review", "行政复议", "复议", [], T4_COLUMNS, Plain),
    row!(
        "suit_direct",
        "行政诉讼·未经复议直接起诉",
        "诉讼·直接",
        [],
        T4_COLUMNS,
        Plain
    ),
    row!(
        "suit_after_review",
        "行政诉讼·复议后起诉",
        "诉讼·复议后",
        [],
        T4_COLUMNS,
        Plain
    ),
];

pub static FORMAT_2019: Format = Format {
    template: Template::Y2019,
    name: "国办公开办函〔2019〕60号",
    t2: Table {
        id: TableId::T2,
        rows: &T2_ROWS_2019,
    },
    t3: Table {
        id: TableId::T3,
        rows: &T3_ROWS_2019,
    },
    t4: Table {
        id: TableId::T4,
        rows: &T4_ROWS,
    },
    signatures: &[
        "本年新制作数量",
        "本年新公开数量",
        "对外公开总数量",
        "上一年项目数量",
        "本年增/减",
        "采购项目数量",
        "政府集中采购",
        "其他对外管理服务事项",
    ],
};

pub static FORMAT_2021: Format = Format {
    template: Template::Y2021,
    name: "国办公开办函〔2021〕30号",
    t2: Table {
        id: TableId::T2,
        rows: &T2_ROWS_2021,
    },
    t3: Table {
        id: TableId::T3,
        rows: &T3_ROWS_2021,
    },
    t4: Table {
        id: TableId::T4,
        rows: &T4_ROWS,
    },
    signatures: &[
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
        "本年处理决定数量",
        "本年收费金额",
        "逾期不补正",
        "缴纳费用",
    ],
};

/// A fact every true row with these columns obeys although no identity fixes a value:
/// `sum(plus) >= sum(minus)`. The reader uses it only to drop splits of glued digits that
/// no true row could print (`行政规范性文件2025` is 2, 0, 25, not 20, 2, 5).
#[derive(Debug)]
pub struct Bound {
    pub plus: &'static [&'static str],
    pub minus: &'static [&'static str],
    /// The bound as the auditor reads it, for the finding that says why a split was taken.
    pub formula: &'static str,
}

impl Bound {
    /// The bounds that apply to a row: those whose columns it has, all of them.
    pub fn of(columns: &[Column]) -> impl Iterator<Item = &'static Bound> + '_ {
        let has = |k: &&str| columns.iter().any(|c| c.key == *k);
        BOUNDS
            .iter()
            .filter(move |b| b.plus.iter().chain(b.minus).all(has))
    }
}

pub static BOUNDS: [Bound; 3] = [
    // a document issued this year and not repealed is in force at the year's end
    Bound {
        plus: &["in_force", "repealed"],
        minus: &["issued"],
        formula: "现行有效件数 ≥ 本年制发件数 − 本年废止件数",
    },
    // the documents published in all include this year's
    Bound {
        plus: &["total_published"],
        minus: &["new_published"],
        formula: "对外公开总数量 ≥ 本年新公开数量",
    },
    // this year's items are last year's plus the change: never fewer than none
    Bound {
        plus: &["prev_items", "change"],
        minus: &[],
        formula: "上一年项目数量 + 本年增/减 ≥ 0",
    },
];

pub const TEMPLATES: [Template; 2] = [Template::Y2019, Template::Y2021];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_counts_match_the_spec() {
        // 2019: t2 22 + t3 23×7 + t4 15; 2021: t2 10 + t3 25×7 + t4 15
        assert_eq!(FORMAT_2019.cell_keys().len(), 198);
        assert_eq!(FORMAT_2021.cell_keys().len(), 200);
        assert!(FORMAT_2021
            .cell_keys()
            .contains(&"t3/other.misc/total".to_string()));
        assert!(FORMAT_2019
            .cell_keys()
            .contains(&"t2/procurement/amount".to_string()));
    }

    #[test]
    fn keys_are_normalised() {
        for f in [&FORMAT_2019, &FORMAT_2021] {
            for t in f.tables() {
                for r in t.rows {
                    for k in r.keys {
                        assert_eq!(crate::read::text::compact_label(k), *k, "{}", r.key);
                    }
                }
            }
        }
    }
}
