//! The rule catalogue of `shared/spec/rules.md`: each rule an id, a severity, the
//! cells it reads, the forms of its messages, and one small function from a report to
//! its findings. It is the one home of findings' words: the reader's events (`word`)
//! and the cross-year rules of `check::diff` are worded from its templates too.
//!
//! Rule ids are an external interface; keep them exactly.

use crate::model::event::{EventKind, ReadEvent, SplitWhy};
use crate::model::format::{Kind, Role, Template, SECTION_TITLES, T3_COLUMNS};
use crate::model::identity::{identities, Identity};
use crate::model::num::Num;
use crate::model::{Finding, Fix, Report, Severity};
use regex::Regex;
use std::sync::LazyLock;

pub struct Rule {
    pub id: &'static str,
    pub severity: Severity,
    /// What must hold, as the auditor reads it (shown by the review screen's explain).
    pub formula: &'static str,
    /// The cells it reads.
    pub reads: &'static str,
    /// Every form its findings' messages take: `{name}` stands for a value (see `say`).
    pub messages: &'static [&'static str],
    /// Its findings from the report; rules found while reading (PARSE-*, a row sum no
    /// reading satisfies) come from the reader's events (`word`), the cross-year rules
    /// from `check::diff`, and these return none.
    pub check: fn(&Ctx) -> Vec<Finding>,
}

/// What the rules see: the report and its identities, computed once.
pub struct Ctx<'a> {
    pub report: &'a Report,
    pub ids: std::borrow::Cow<'static, [Identity]>,
    /// The report's text outside its tables, normalised, without white space.
    pub prose: String,
}

macro_rules! rule {
    ($id:expr, $sev:ident, $formula:expr, $reads:expr, [$($m:expr),* $(,)?], $f:expr) => {
        Rule {
            id: $id,
            severity: Severity::$sev,
            formula: $formula,
            reads: $reads,
            messages: &[$($m),*],
            check: $f,
        }
    };
}

/// The message templates, named for the case they word.
pub mod says {
    pub const BALANCE: &str =
        "{what}: 新收 + 上年结转 add up to {lhs}, but 总计 + 结转下年度 are {rhs}";
    pub const TOTAL: &str = "{what}: the outcome rows add up to {lhs}, but （七）总计 is {rhs}";
    pub const ROWSUM: &str = "{what}: the six applicant columns add up to {lhs}, but 总计 is {rhs}";
    pub const T4_SUM: &str =
        "{what}: 维持 + 纠正 + 其他 + 尚未审结 add up to {lhs}, but 总计 is {rhs}";
    pub const SUBTOTAL: &str =
        "{what}: the rows it sums add up to {lhs}, but the subtotal is {rhs}";
    pub const UNCHECKED: &str =
        "{count} identities of {rule} could not be checked: {missing} cells are missing";
    pub const ROWSUM_UNSATISFIED: &str = "{row}: no reading of the digits run together satisfies 总计 = the sum of the six applicant columns, so the row is wrong whichever reading is right";
    pub const T4_UNSATISFIED: &str = "{row}: no reading of the digits run together satisfies 总计 = 维持 + 纠正 + 其他 + 尚未审结, so the row is wrong whichever reading is right";
    pub const NEGATIVE: &str = "{cell} is {value}: a count cannot be negative";
    pub const FRACTION: &str = "{cell} is {value}: a count is a whole number";
    pub const BLANK: &str = "{row}: a blank cell where a number belongs";
    pub const BLANK_ROWS: &str =
        "{table} ({title}): {rows} rows print no value, {cells} cells blank where numbers belong";
    pub const UNREADABLE: &str = "{row}: \"{text}\" where a number belongs";
    pub const TABLE_MISSING: &str = "table {table} ({title}) not found";
    pub const NO_FORMAT: &str =
        "no table of a national format (2019 or 2021) in this document: no cells are read";
    pub const OLD_STATISTICS: &str = "no table of a national format: this document has the statistics table of the reports before 2019 (指标 / 计量单位 / 本年 / 累计), so no cells are read";
    pub const ROW_MISSING: &str = "row {row} not found in table {table}";
    pub const COUNT_PLACED: &str =
        "{row}: {given} values for {columns} columns; placed by the row's identity";
    pub const COUNT_EMPTY: &str = "{row}: {given} values for {columns} columns; the cells that cannot be placed are left empty";
    pub const LABEL_DAMAGED: &str = "row {row} recognised by a damaged label";
    pub const LABEL_LOST: &str = "row {row} has lost its label: placed by its position";
    pub const UNWEIGHABLE: &str = "{row}: digits run together allow more readings than can be weighed; the row is left empty for the reviewer";
    pub const READINGS: &str = "{row}: the text allows {count} readings; the cells they disagree on are left empty for the reviewer";
    pub const SPLIT_BROKEN: &str = "{row}: digits run together, read as {values}; no split satisfies the table's identities, so this is the split that leaves the fewest and smallest discrepancies: see the errors naming its cells";
    pub const SPLIT_BOUND: &str =
        "{row}: digits run together, read as {values} (the only split where {because})";
    pub const SPLIT_TEXT: &str = "{row}: digits run together, read as {values} (the only split that agrees with the text: {because})";
    pub const SPLIT_TABLE: &str = "{row}: digits run together, read as {values} (the only split the table's identities allow)";
    pub const SPLIT_ROW: &str =
        "{row}: digits run together, read as {values} (the only split whose row sum holds)";
    pub const OUTDATED_2019: &str = "a {year} report in the 2019 format; reports from 2021 on use the 2021 format (国办公开办函〔2021〕30号)";
    pub const OUTDATED_2021: &str =
        "a {year} report in the 2021 format; 2019 and 2020 reports use the 2019 format";
    pub const SECTION: &str = "section {section} not found";
    pub const YUAN_HEAD: &str = "the amount column is headed 元: the format asks for 万元";
    pub const YUAN_PURCHASE: &str = "采购总金额 {amount} 万元 for {items} purchases is {each} 万元 each: almost surely written in 元";
    pub const YUAN_FEES: &str =
        "本年收费金额 {fee} 万元 is over 500亿元: almost surely written in 元";
    pub const PUBLISHED_LESS: &str =
        "{row}: 对外公开总数量 {total} is less than 本年新公开数量 {new}";
    pub const PUBLISHED_NONE: &str = "{row}: {made} made this year but none published";
    pub const IN_FORCE: &str = "{row}: {issued} issued this year but 现行有效件数 is 0";
    pub const CARRY_SIZE: &str =
        "column {column}: {out} carried out of {avail} requests (new + carried in)";
    pub const REQUESTS: &str =
        "the text says \"{phrase}\" ({said}), but t3 counts {table} new requests";
    pub const OUTCOMES: &str = "the text says \"{phrase}\" ({said}), but the table gives {table}";
    pub const LITIGATION: &str = "the text says \"{phrase}\" ({said}), but t4 gives {table}";
    pub const ALL_UPHELD: &str =
        "the text says \"{phrase}\", but t4 {row} upholds {upheld} of {total}";
    pub const DOCUMENTS: &str = "the text says \"{phrase}\" ({said}), but t2 gives {table}";
    pub const YOY_CARRY: &str =
        "column {column}: 上年结转 {now} this year, but last year's 结转下年度继续办理 was {then}";
    pub const YOY_IN_FORCE: &str = "{row}: last year {prior} in force + {issued} issued − {repealed} repealed = {want}, but {now} in force now (documents can also lapse)";
    pub const YOY_PUBLISHED: &str = "{row}: last year's total {prior} + {new} published this year = {want}, but the total is {now}";
    pub const YOY_ITEMS: &str =
        "{row}: last year {prior} items {change} = {want}, but this year's 上一年项目数量 is {now}";
    pub const YOY_AGENCIES: &str =
        "the reports name different agencies: {prior} last year, {current} this year";
    pub const YOY_YEARS: &str = "the years are not consecutive: {prior} and {current}";
    pub const DECODE_REPLACED: &str = "{count} stretch(es) of bytes on this line are not valid {encoding} and were replaced by U+FFFD (�): a value there may be lost";
    pub const STALE: &str = "{cell}: the correction to {new} (trail entry {seq}) was made when the cell read {then}; the report has changed and it now reads {now}: not applied";
    pub const CHANGED: &str = "{file} has changed since {count} of its corrections were made; their cells read as they did then, so they are applied";
    pub const SKIPPED: &str = "{file}: {why}; skipped";
    pub const CONFIRMED_STALE: &str = "{finding} was confirmed by {reviewer} ({time}), but the report no longer has this finding and no correction of its cells explains it: the report or the rules changed since";
    pub const DISMISSED_STALE: &str = "{finding} was dismissed by {reviewer} ({time}: {reason}), but the report no longer has this finding and no correction of its cells explains it: the report or the rules changed since";
    pub const COPIED: &str =
        "{share}% of this year's text is unchanged from last year's (threshold {threshold}%)";
}

/// A template with its `{name}`s replaced by the values given, in one pass (a value
/// may itself hold braces: a phrase quoted from the report).
pub fn say(template: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    // the catalogue's templates are English; Chinese readers get their zh-CN form
    let template = match crate::lang::current() {
        crate::lang::Lang::Zh => super::says_zh::zh(template).unwrap_or(template),
        crate::lang::Lang::En => return crate::lang::fill(template, args),
    };
    // an identity's `what` ("t3 row 新收", "t3 column 自然人") is worded in English by
    // the model: its two words are said in Chinese here
    let what: Vec<(&str, String)> = args
        .iter()
        .filter(|(n, _)| *n == "what")
        .map(|(n, v)| {
            (
                *n,
                v.to_string()
                    .replace(" row ", " 行 ")
                    .replace(" column ", " 列 "),
            )
        })
        .collect();
    let args: Vec<(&str, &dyn std::fmt::Display)> = args
        .iter()
        .map(|(n, v)| match what.iter().find(|w| w.0 == *n) {
            Some(w) => (*n, &w.1 as &dyn std::fmt::Display),
            None => (*n, *v),
        })
        .collect();
    crate::lang::fill(template, &args)
}

use says::*;

const IDENTITY_READS: &str = "t3/new, t3/carried_in, t3/total, t3/carried_out";
const NOT_HERE: fn(&Ctx) -> Vec<Finding> = |_| Vec::new();

pub static CATALOGUE: &[Rule] = &[
    rule!("T3-BALANCE", Error, "for each t3 column: new + carried_in = total + carried_out (第一项加第二项之和，等于第三项加第四项之和)", IDENTITY_READS, [BALANCE, UNCHECKED], |c| identity_rule(c, "T3-BALANCE")),
    rule!("T3-TOTAL", Error, "for each t3 column: total = the sum of every outcome row (予以公开 … 其他处理)", "t3 outcome rows and t3/total", [TOTAL, UNCHECKED], |c| identity_rule(c, "T3-TOTAL")),
    rule!("T3-ROWSUM", Error, "for each t3 row: total = natural + commercial + research + nonprofit + legal_service + other_org", "every t3 row", [ROWSUM, UNCHECKED, ROWSUM_UNSATISFIED], |c| identity_rule(c, "T3-ROWSUM")),
    rule!("T4-SUM", Error, "for each t4 row: total = upheld + corrected + other + pending", "every t4 row", [T4_SUM, UNCHECKED, T4_UNSATISFIED], |c| identity_rule(c, "T4-SUM")),
    rule!("SUBTOTAL", Error, "a subtotal the report adds equals the sum of its members", "added subtotal rows and their members", [SUBTOTAL, UNCHECKED], |c| identity_rule(c, "SUBTOTAL")),
    rule!("VALUE-NEGATIVE", Error, "counts are ≥ 0 (only 本年增/减 may be negative)", "every count cell", [NEGATIVE], value_negative),
    rule!("VALUE-FRACTION", Error, "counts are whole numbers; amounts may have decimals", "every count cell", [FRACTION], value_fraction),
    rule!("VALUE-UNREADABLE", Error, "a cell's text is a number (not /, —, 无, - or blank)", "every cell", [BLANK, UNREADABLE, BLANK_ROWS], NOT_HERE),
    rule!("FORMAT-NONE", Error, "the document holds the tables of a national format (2019 or 2021)", "the report text", [NO_FORMAT, OLD_STATISTICS], NOT_HERE),
    rule!("PARSE-TABLE-MISSING", Error, "tables t2, t3 and t4 are present", "the report text", [TABLE_MISSING], NOT_HERE),
    rule!("PARSE-ROW-MISSING", Error, "every row of the format is present in its table", "the report text", [ROW_MISSING], NOT_HERE),
    rule!("PARSE-COUNT", Warning, "a row has as many values as its columns", "the report text", [COUNT_PLACED, COUNT_EMPTY], NOT_HERE),
    rule!("PARSE-LABEL", Warning, "a row is recognised by its own label", "the report text", [LABEL_DAMAGED, LABEL_LOST], NOT_HERE),
    rule!("PARSE-AMBIGUOUS", Warning, "digits run together split in only one way the identities allow", "the report text", [UNWEIGHABLE, READINGS], NOT_HERE),
    rule!("PARSE-SEGMENTED", Warning, "digits run together were split (the only split the identities allow)", "the report text", [SPLIT_BROKEN, SPLIT_TABLE, SPLIT_ROW, SPLIT_BOUND, SPLIT_TEXT], NOT_HERE),
    rule!("DECODE-REPLACED", Warning, "every byte of the report is valid in its encoding", "the report's bytes", [DECODE_REPLACED], NOT_HERE),
    rule!("FORMAT-OUTDATED", Warning, "2019/2020 reports use the 2019 format; 2021 and later the 2021 format", "meta", [OUTDATED_2019, OUTDATED_2021], format_outdated),
    rule!("SECTION-MISSING", Warning, "the six sections 一 总体情况 … 六 其他需要报告的事项 are present", "the report text", [SECTION], section_missing),
    rule!("T2-AMOUNT-UNIT", Warning, "amounts are in 万元 and plausible for the number of items", "t2 amounts", [YUAN_HEAD, YUAN_PURCHASE, YUAN_FEES], amount_unit),
    rule!("T2-PUBLISHED", Warning, "2019 format: total_published ≥ new_published, and documents made are published", "t2/regulations, t2/normative", [PUBLISHED_LESS, PUBLISHED_NONE], t2_published),
    rule!("T2-IN-FORCE", Warning, "2021 format: issued > 0 implies in_force > 0", "t2/regulations, t2/normative", [IN_FORCE], t2_in_force),
    rule!("T3-CARRY-SIZE", Warning, "for each t3 column: carried_out ≤ new + carried_in", "t3/new, t3/carried_in, t3/carried_out", [CARRY_SIZE], carry_size),
    rule!("TEXT-REQUESTS", Warning, "the requests the text counts (共收到…申请N件) equal t3/new/total", "t3/new/total and the text", [REQUESTS], text_requests),
    rule!("TEXT-OUTCOMES", Warning, "the outcomes the text counts (予以公开N件 …) equal the t3 sums", "t3 totals and the text", [OUTCOMES], text_outcomes),
    rule!("TEXT-LITIGATION", Warning, "行政复议N件 / 行政诉讼M件 in the text equal the t4 totals", "t4 totals and the text", [LITIGATION, ALL_UPHELD], text_litigation),
    rule!("TEXT-DOCUMENTS", Warning, "what the text says of 规章 and 规范性文件 (制发…N件, 废止…N件, 现行有效…N件) equals t2", "t2 documents and the text", [DOCUMENTS], text_documents),
    rule!("YOY-CARRY", Error, "for each t3 column: this year's carried_in = last year's carried_out", "t3/carried_in, and last year's t3/carried_out", [YOY_CARRY], NOT_HERE),
    rule!("YOY-IN-FORCE", Warning, "2021 format both years: last year's in_force + issued − repealed = this year's in_force (documents can also lapse)", "t2/regulations, t2/normative, and last year's in_force", [YOY_IN_FORCE], NOT_HERE),
    rule!("YOY-PUBLISHED", Warning, "2019 format both years: last year's total_published + this year's new_published = this year's total_published", "t2/regulations, t2/normative, and last year's total_published", [YOY_PUBLISHED], NOT_HERE),
    rule!("YOY-ITEMS", Warning, "2019 format both years: last year's prev_items + change = this year's prev_items", "t2 prev_items, and last year's prev_items and change", [YOY_ITEMS], NOT_HERE),
    rule!("YOY-AGENCY", Warning, "the two reports name the same agency, and their years are consecutive", "meta of both reports", [YOY_AGENCIES, YOY_YEARS], NOT_HERE),
    rule!("CORRECTION-STALE", Error, "a correction applies only while its cell reads what it corrected (the report's sha256, else the cell's value then)", "corrected cells and the corrections file", [STALE], NOT_HERE),
    rule!("CORRECTION-CHANGED", Warning, "corrections were made on this very report (same sha256)", "the corrections file", [CHANGED], NOT_HERE),
    rule!("CORRECTION-SKIPPED", Error, "every entry of the trail (corrections file and journal) can be read and applied", "the corrections file and journal", [SKIPPED], NOT_HERE),
    rule!("DISPOSITION-STALE", Warning, "every finding a reviewer confirmed or dismissed is still found (or a correction of its cells explains why not)", "the corrections file and journal, and the findings", [CONFIRMED_STALE, DISMISSED_STALE], NOT_HERE),
    rule!("TEXT-COPIED", Warning, "less of this year's text (outside the tables) than the threshold is unchanged from last year's", "the text of both reports", [COPIED], NOT_HERE),
];

impl Rule {
    /// True when `message` has one of the rule's forms (its `{name}`s standing for any
    /// text): the catalogue words every message the program gives.
    pub fn worded(&self, message: &str) -> bool {
        let zh = self.messages.iter().filter_map(|m| super::says_zh::zh(m));
        self.messages.iter().copied().chain(zh).any(|m| {
            let mut pattern = String::from("(?s)^");
            let mut rest = m;
            while let (Some(a), Some(b)) = (rest.find('{'), rest.find('}')) {
                pattern.push_str(&regex::escape(&rest[..a]));
                pattern.push_str(".*");
                rest = &rest[b + 1..];
            }
            pattern.push_str(&regex::escape(rest));
            pattern.push('$');
            Regex::new(&pattern).is_ok_and(|re| re.is_match(message))
        })
    }
}

pub fn rule(id: &str) -> Option<&'static Rule> {
    CATALOGUE.iter().find(|r| r.id == id)
}

/// A finding of rule `id` with its catalogue severity.
fn finding(id: &'static str, message: String) -> Finding {
    let severity = rule(id).map_or(Severity::Error, |r| r.severity);
    Finding::new(id, severity, message)
}

/// Glued digits split one way, and why that way.
fn segmented(
    row: &dyn std::fmt::Display,
    values: &[String],
    why: &SplitWhy,
) -> (&'static str, String) {
    let m = match why {
        SplitWhy::Broken => SPLIT_BROKEN,
        SplitWhy::Table => SPLIT_TABLE,
        SplitWhy::Row => SPLIT_ROW,
        SplitWhy::Bound(_) => SPLIT_BOUND,
        SplitWhy::Text(_) => SPLIT_TEXT,
    };
    let values = values.join(",");
    let because: &dyn std::fmt::Display = match why {
        SplitWhy::Bound(b) => b,
        SplitWhy::Text(t) => t,
        _ => &"",
    };
    let args: [(&str, &dyn std::fmt::Display); 3] =
        [("row", row), ("values", &values), ("because", because)];
    ("PARSE-SEGMENTED", say(m, &args))
}

/// A reader's event worded as the finding of its rule.
pub fn word(e: &ReadEvent) -> Finding {
    let row: &dyn std::fmt::Display = &e.label;
    let (id, message) = match &e.kind {
        EventKind::NoFormat { old_statistics } => {
            let m = if *old_statistics {
                OLD_STATISTICS
            } else {
                NO_FORMAT
            };
            ("FORMAT-NONE", m.to_string())
        }
        EventKind::TableMissing { table } => {
            let args: [(&str, &dyn std::fmt::Display); 2] =
                [("table", &table.key()), ("title", row)];
            ("PARSE-TABLE-MISSING", say(TABLE_MISSING, &args))
        }
        EventKind::RowMissing { table } => (
            "PARSE-ROW-MISSING",
            say(ROW_MISSING, &[("row", row), ("table", &table.key())]),
        ),
        EventKind::LabelDamaged => ("PARSE-LABEL", say(LABEL_DAMAGED, &[("row", row)])),
        EventKind::LabelLost => ("PARSE-LABEL", say(LABEL_LOST, &[("row", row)])),
        EventKind::Unweighable => ("PARSE-AMBIGUOUS", say(UNWEIGHABLE, &[("row", row)])),
        EventKind::Segmented { values, why } => segmented(row, values, why),
        EventKind::Count {
            given,
            columns,
            placed,
        } => {
            let m = if *placed { COUNT_PLACED } else { COUNT_EMPTY };
            let args: [(&str, &dyn std::fmt::Display); 3] =
                [("row", row), ("given", given), ("columns", columns)];
            let f = finding("PARSE-COUNT", say(m, &args)).sides(columns, given);
            return f.cells(e.cells.clone()).at_line(e.line);
        }
        EventKind::Readings { candidates, count } => {
            let m = say(READINGS, &[("row", row), ("count", count)]);
            let mut f = finding("PARSE-AMBIGUOUS", m);
            f.candidates = candidates.clone();
            return f.cells(e.cells.clone()).at_line(e.line);
        }
        EventKind::RowUnsatisfied { rule } => {
            let m = if *rule == "T4-SUM" {
                T4_UNSATISFIED
            } else {
                ROWSUM_UNSATISFIED
            };
            (*rule, say(m, &[("row", row)]))
        }
        EventKind::BlankRows { table, rows } => blank_rows(e, *table, *rows),
        EventKind::Unreadable { text } if text.is_empty() => {
            ("VALUE-UNREADABLE", say(BLANK, &[("row", row)]))
        }
        EventKind::Unreadable { text } => (
            "VALUE-UNREADABLE",
            say(UNREADABLE, &[("row", row), ("text", text)]),
        ),
        EventKind::DecodeReplaced { count } => (
            "DECODE-REPLACED",
            say(DECODE_REPLACED, &[("count", count), ("encoding", &"UTF-8")]),
        ),
        EventKind::CorrectionStale {
            seq,
            new,
            then,
            now,
        } => return word_stale(e, seq, new, then, now),
        EventKind::CorrectionChanged { count } => (
            "CORRECTION-CHANGED",
            say(CHANGED, &[("file", row), ("count", count)]),
        ),
        EventKind::CorrectionSkipped { why } => (
            "CORRECTION-SKIPPED",
            say(SKIPPED, &[("file", row), ("why", why)]),
        ),
    };
    finding(id, message).cells(e.cells.clone()).at_line(e.line)
}

/// A table's rows left blank, worded as one finding.
fn blank_rows(
    e: &ReadEvent,
    table: crate::model::format::TableId,
    rows: usize,
) -> (&'static str, String) {
    let args: [(&str, &dyn std::fmt::Display); 4] = [
        ("table", &table.key()),
        ("title", &e.label),
        ("rows", &rows),
        ("cells", &e.cells.len()),
    ];
    ("VALUE-UNREADABLE", say(BLANK_ROWS, &args))
}

/// A stale correction (`record::bind`) worded: the cell, the correction, the value it
/// was made on and the value now.
fn word_stale(e: &ReadEvent, seq: &u64, new: &str, then: &str, now: &str) -> Finding {
    let args: [(&str, &dyn std::fmt::Display); 5] = [
        ("cell", &e.label),
        ("new", &new),
        ("seq", seq),
        ("then", &then),
        ("now", &now),
    ];
    let f = finding("CORRECTION-STALE", say(STALE, &args)).sides(then, now);
    f.cells(e.cells.clone()).at_line(e.line)
}

/// Every finding for a report: what reading found, then each rule, with the `fix`
/// (the one cell whose change satisfies every failing identity) where there is one.
pub fn check(report: &Report) -> Vec<Finding> {
    let ctx = Ctx {
        report,
        ids: identities(report),
        prose: prose(report),
    };
    let mut out: Vec<Finding> = report.read_events.iter().map(word).collect();
    for r in CATALOGUE {
        out.extend((r.check)(&ctx));
    }
    // Independent mistakes break independent groups of identities: answer "which
    // cell is wrong" for each group of failing identities that share cells.
    let failing: Vec<&Identity> = ctx
        .ids
        .iter()
        .filter(|id| matches!(id.sides(&report.cells), Some((l, r)) if l != r))
        .collect();
    for group in connected(&failing) {
        let ids: Vec<Identity> = group.iter().map(|&i| failing[i].clone()).collect();
        if let Some(fix) = single_cell_fix(report, &ctx.ids, &ids) {
            for f in out.iter_mut() {
                if f.severity == Severity::Error
                    && ids
                        .iter()
                        .any(|id| id.rule == f.rule && f.cells.contains(&fix.cell))
                {
                    f.fix = Some(fix.clone());
                }
            }
        }
    }
    out.sort_by_key(|f| std::cmp::Reverse(f.severity));
    out
}

fn keys(report: &Report, idx: &[usize]) -> Vec<String> {
    idx.iter()
        .map(|&i| report.cells[i].key.to_string())
        .collect()
}

fn identity_rule(ctx: &Ctx, rule: &'static str) -> Vec<Finding> {
    let r = ctx.report;
    let mut out = Vec::new();
    let mut unchecked: Vec<String> = Vec::new();
    let mut skipped = 0;
    for id in ctx.ids.iter().filter(|i| i.rule == rule) {
        match id.sides(&r.cells) {
            Some((l, rr)) if l != rr => {
                let args: [(&str, &dyn std::fmt::Display); 3] =
                    [("what", &id.what), ("lhs", &l), ("rhs", &rr)];
                let message = say(identity_says(rule), &args);
                let line = id.rhs.iter().chain(&id.lhs).find_map(|&i| r.cells[i].line);
                out.push(
                    Finding::new(rule, Severity::Error, message)
                        .cells(keys(
                            r,
                            &id.lhs.iter().chain(&id.rhs).copied().collect::<Vec<_>>(),
                        ))
                        .sides(l, rr)
                        .at_line(line),
                );
            }
            Some(_) => {}
            None => {
                skipped += 1;
                for i in id.cells() {
                    if r.cells[i].value.is_none() && !unchecked.iter().any(|k| *k == r.cells[i].key)
                    {
                        unchecked.push(r.cells[i].key.to_string());
                    }
                }
            }
        }
    }
    if skipped > 0 && r.meta.template.is_some() {
        let args: [(&str, &dyn std::fmt::Display); 3] = [
            ("count", &skipped),
            ("rule", &rule),
            ("missing", &unchecked.len()),
        ];
        let mut f = Finding::new(rule, Severity::Warning, say(UNCHECKED, &args));
        f.unchecked = unchecked;
        out.push(f);
    }
    out
}

/// How a failing identity of `rule` reads.
fn identity_says(rule: &str) -> &'static str {
    match rule {
        "T3-BALANCE" => BALANCE,
        "T3-TOTAL" => TOTAL,
        "T3-ROWSUM" => ROWSUM,
        "T4-SUM" => T4_SUM,
        _ => SUBTOTAL,
    }
}

/// Groups failing identities that share a cell (transitively).
fn connected(failing: &[&Identity]) -> Vec<Vec<usize>> {
    let n = failing.len();
    let mut group: Vec<usize> = (0..n).collect();
    fn find(g: &mut Vec<usize>, i: usize) -> usize {
        if g[i] != i {
            let r = find(g, g[i]);
            g[i] = r;
        }
        g[i]
    }
    for i in 0..n {
        for j in i + 1..n {
            if failing[i]
                .cells()
                .any(|c| failing[j].cells().any(|d| d == c))
            {
                let (a, b) = (find(&mut group, i), find(&mut group, j));
                group[a] = b;
            }
        }
    }
    let mut out: std::collections::BTreeMap<usize, Vec<usize>> = std::collections::BTreeMap::new();
    for i in 0..n {
        let r = find(&mut group, i);
        out.entry(r).or_default().push(i);
    }
    out.into_values().collect()
}

/// The single cell whose change to one value makes every identity of `failing` hold
/// without breaking one that holds; `None` when no cell, or more than one, does.
pub fn single_cell_fix(report: &Report, all: &[Identity], failing: &[Identity]) -> Option<Fix> {
    let first = failing.first()?;
    let mut found: Option<Fix> = None;
    for c in first.cells() {
        if !failing.iter().all(|id| id.cells().any(|i| i == c)) {
            continue;
        }
        let cur = report.cells[c].value?;
        let (l, r) = first.sides(&report.cells)?;
        let delta = if first.lhs.contains(&c) {
            r.checked_sub(l)?
        } else {
            l.checked_sub(r)?
        };
        let new = cur.checked_add(delta)?;
        let kind = report.cells[c].column.kind;
        if (new.is_negative() && kind != Kind::Change) || new == cur {
            continue;
        }
        // every identity through the cell must hold with the new value
        let ok = all
            .iter()
            .filter(|id| id.cells().any(|i| i == c))
            .all(|id| {
                let side = |s: &[usize]| {
                    Num::sum(
                        s.iter()
                            .map(|&i| {
                                if i == c {
                                    Some(new)
                                } else {
                                    report.cells[i].value
                                }
                            })
                            .collect::<Option<Vec<_>>>()?,
                    )
                };
                match (side(&id.lhs), side(&id.rhs)) {
                    (Some(a), Some(b)) => a == b,
                    _ => true,
                }
            });
        if ok {
            if found.is_some() {
                return None;
            }
            found = Some(Fix {
                cell: report.cells[c].key.to_string(),
                value: new.to_string(),
            });
        }
    }
    found
}

fn value_negative(ctx: &Ctx) -> Vec<Finding> {
    ctx.report
        .cells
        .iter()
        .filter(|c| c.column.kind != Kind::Change && c.value.is_some_and(|v| v.is_negative()))
        .map(|c| {
            let value = c.value.unwrap_or(Num::ZERO);
            finding(
                "VALUE-NEGATIVE",
                say(NEGATIVE, &[("cell", &c.key), ("value", &value)]),
            )
            .cells(vec![c.key.to_string()])
            .at_line(c.line)
        })
        .collect()
}

fn value_fraction(ctx: &Ctx) -> Vec<Finding> {
    ctx.report
        .cells
        .iter()
        .filter(|c| c.column.kind != Kind::Amount && c.value.is_some_and(|v| !v.is_whole()))
        .map(|c| {
            let value = c.value.unwrap_or(Num::ZERO);
            finding(
                "VALUE-FRACTION",
                say(FRACTION, &[("cell", &c.key), ("value", &value)]),
            )
            .cells(vec![c.key.to_string()])
            .at_line(c.line)
        })
        .collect()
}

fn format_outdated(ctx: &Ctx) -> Vec<Finding> {
    let m = &ctx.report.meta;
    match (m.year, m.template) {
        (Some(y), Some(Template::Y2019)) if y >= 2021 => vec![finding(
            "FORMAT-OUTDATED",
            say(OUTDATED_2019, &[("year", &y)]),
        )],
        (Some(y), Some(Template::Y2021)) if y <= 2020 => vec![finding(
            "FORMAT-OUTDATED",
            say(OUTDATED_2021, &[("year", &y)]),
        )],
        _ => Vec::new(),
    }
}

fn section_missing(ctx: &Ctx) -> Vec<Finding> {
    if ctx.report.meta.template.is_none() {
        return Vec::new();
    }
    (0..6)
        .filter(|&i| !ctx.report.sections_found[i])
        .map(|i| {
            finding(
                "SECTION-MISSING",
                say(SECTION, &[("section", &SECTION_TITLES[i])]),
            )
        })
        .collect()
}

fn amount_unit(ctx: &Ctx) -> Vec<Finding> {
    let r = ctx.report;
    let mut out = Vec::new();
    if r.amount_in_yuan {
        let cells: Vec<String> = r
            .cells
            .iter()
            .filter(|c| c.column.kind == Kind::Amount)
            .map(|c| c.key.to_string())
            .collect();
        out.push(finding("T2-AMOUNT-UNIT", say(YUAN_HEAD, &[])).cells(cells));
    }
    if let (Some(items), Some(amount)) = (
        r.value("t2/procurement/items"),
        r.value("t2/procurement/amount"),
    ) {
        // More than 5亿元 (50,000 万元) per purchase is not a plausible 万元 figure.
        let per = amount.approx() / items.approx().max(1.0);
        if per > 50_000.0 {
            out.push(
                finding(
                    "T2-AMOUNT-UNIT",
                    say(
                        YUAN_PURCHASE,
                        &[
                            ("amount", &amount),
                            ("items", &items),
                            ("each", &format!("{per:.0}")),
                        ],
                    ),
                )
                .cells(vec![
                    "t2/procurement/items".into(),
                    "t2/procurement/amount".into(),
                ])
                .at_line(r.cell("t2/procurement/amount").and_then(|c| c.line)),
            );
        }
    }
    if let Some(fee) = r.value("t2/fees/amount") {
        if fee.approx() > 5_000_000.0 {
            out.push(
                finding("T2-AMOUNT-UNIT", say(YUAN_FEES, &[("fee", &fee)]))
                    .cells(vec!["t2/fees/amount".into()])
                    .at_line(r.cell("t2/fees/amount").and_then(|c| c.line)),
            );
        }
    }
    out
}

fn t2_published(ctx: &Ctx) -> Vec<Finding> {
    let r = ctx.report;
    if r.meta.template != Some(Template::Y2019) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for row in ["regulations", "normative"] {
        let k = |c: &str| format!("t2/{row}/{c}");
        let (made, new, total) = (
            r.value(&k("new_made")),
            r.value(&k("new_published")),
            r.value(&k("total_published")),
        );
        if let (Some(n), Some(t)) = (new, total) {
            if t < n {
                out.push(
                    finding(
                        "T2-PUBLISHED",
                        say(PUBLISHED_LESS, &[("row", &row), ("total", &t), ("new", &n)]),
                    )
                    .cells(vec![k("new_published"), k("total_published")])
                    .sides(format!("≥ {n}"), t),
                );
            }
        }
        if let (Some(m), Some(n)) = (made, new) {
            if m > Num::ZERO && n == Num::ZERO {
                out.push(
                    finding(
                        "T2-PUBLISHED",
                        say(PUBLISHED_NONE, &[("row", &row), ("made", &m)]),
                    )
                    .cells(vec![k("new_made"), k("new_published")]),
                );
            }
        }
    }
    out
}

fn t2_in_force(ctx: &Ctx) -> Vec<Finding> {
    let r = ctx.report;
    if r.meta.template != Some(Template::Y2021) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for row in ["regulations", "normative"] {
        let k = |c: &str| format!("t2/{row}/{c}");
        if let (Some(i), Some(f)) = (r.value(&k("issued")), r.value(&k("in_force"))) {
            if i > Num::ZERO && f == Num::ZERO {
                out.push(
                    finding(
                        "T2-IN-FORCE",
                        say(IN_FORCE, &[("row", &row), ("issued", &i)]),
                    )
                    .cells(vec![k("issued"), k("in_force")]),
                );
            }
        }
    }
    out
}

fn carry_size(ctx: &Ctx) -> Vec<Finding> {
    let r = ctx.report;
    let mut out = Vec::new();
    for c in T3_COLUMNS {
        let k = |row: &str| format!("t3/{row}/{}", c.key);
        if let (Some(n), Some(i), Some(o)) = (
            r.value(&k("new")),
            r.value(&k("carried_in")),
            r.value(&k("carried_out")),
        ) {
            if let Some(avail) = n.checked_add(i) {
                if o > avail {
                    out.push(
                        finding(
                            "T3-CARRY-SIZE",
                            say(
                                CARRY_SIZE,
                                &[("column", &c.short), ("out", &o), ("avail", &avail)],
                            ),
                        )
                        .cells(vec![k("new"), k("carried_in"), k("carried_out")])
                        .sides(format!("≤ {avail}"), o),
                    );
                }
            }
        }
    }
    out
}

/// The text outside the tables, normalised and without white space, so phrases
/// wrapped across lines still match.
fn prose(report: &Report) -> String {
    let text = &report.text;
    let mut s = String::with_capacity(text.len());
    let mut last = 0;
    let mut spans = report.table_spans.clone();
    spans.sort();
    for (a, b) in spans.iter().copied().chain([(text.len(), text.len())]) {
        if a > last {
            for c in text[last..a].chars() {
                let n = crate::read::text::normalize_char(c);
                if !n.is_whitespace() {
                    s.push(n);
                }
            }
        }
        s.push('\u{3002}');
        last = last.max(b);
    }
    s
}

fn sum_rows(r: &Report, pred: impl Fn(&str) -> bool, col: &str) -> Option<Num> {
    let f = r.format()?;
    let v: Option<Vec<Num>> =
        f.t3.rows
            .iter()
            .filter(|row| row.role == Role::Leaf && pred(row.key))
            .map(|row| r.value(&format!("t3/{}/{col}", row.key)))
            .collect();
    Num::sum(v?)
}

fn first_count(re: &Regex, s: &str) -> Option<(Num, String)> {
    let c = re.captures(s)?;
    Some((
        Num::parse(c.get(1)?.as_str())?,
        c.get(0)?.as_str().to_string(),
    ))
}

/// Words that make a count one outcome's, not the whole's: 同意公开答复1件, 因无法提供
/// 相关信息答复2件, 不予处理答复3件.
const OUTCOME_WORDS: [&str; 5] = ["公开", "提供", "处理", "相关信息", "不予"];

/// The first count whose phrase is not preceded, within its clause, by an outcome's words.
fn first_count_alone(re: &Regex, s: &str) -> Option<(Num, String)> {
    re.captures_iter(s).find_map(|c| {
        let m = c.get(0)?;
        let clause_start = s[..m.start()]
            .rfind(['\u{3002}', ',', ';', '\u{FF0C}', '\u{3001}'])
            .map_or(0, |i| i + s[i..].chars().next().map_or(1, char::len_utf8));
        let before = &s[clause_start..m.start()];
        if OUTCOME_WORDS.iter().any(|w| before.contains(w)) {
            return None;
        }
        Some((Num::parse(c.get(1)?.as_str())?, m.as_str().to_string()))
    })
}

static RE_REQ: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:收到|受理|接收|接到)[^。;0-9]{0,20}?申请[^。;0-9]{0,6}?([0-9]+)(?:件|个|条|份)")
        .unwrap()
});
static RE_NO_REQ: LazyLock<Regex> = LazyLock::new(|| {
    // not 未收到因政府信息公开提出的行政复议、行政诉讼的申请
    Regex::new(r"(?:未|没有)(?:收到|受理|接到|接收)[^。;0-9复诉]{0,20}?申请").unwrap()
});

fn text_requests(ctx: &Ctx) -> Vec<Finding> {
    let r = ctx.report;
    let Some(new) = r.value("t3/new/total") else {
        return Vec::new();
    };
    let carried = r.value("t3/carried_in/total").unwrap_or(Num::ZERO);
    let said = first_count(&RE_REQ, &ctx.prose).or_else(|| {
        RE_NO_REQ
            .find(&ctx.prose)
            .map(|m| (Num::ZERO, m.as_str().to_string()))
    });
    match said {
        Some((n, phrase)) if n != new && Some(n) != new.checked_add(carried) => vec![finding(
            "TEXT-REQUESTS",
            say(
                REQUESTS,
                &[("phrase", &phrase), ("said", &n), ("table", &new)],
            ),
        )
        .cells(vec!["t3/new/total".into()])
        .sides(n, new)],
        _ => Vec::new(),
    }
}

static RE_OUTCOMES: LazyLock<Vec<(&'static str, Regex)>> = LazyLock::new(|| {
    [
        (
            "granted",
            r"(?:予以公开|同意公开)[^。;,0-9]{0,4}?([0-9]+)件",
        ),
        ("partial", r"部分公开[^。;,0-9]{0,4}?([0-9]+)件"),
        ("denied", r"不予公开[^。;,0-9]{0,4}?([0-9]+)件"),
        ("unable", r"无法提供[^。;,0-9]{0,4}?([0-9]+)件"),
        ("unprocessed", r"不予处理[^。;,0-9]{0,4}?([0-9]+)件"),
        ("total", r"(?:办结|已答复|答复)[^。;,0-9]{0,6}?([0-9]+)件"),
        (
            "carried_out",
            // 结转下年度: 上年度结转申请34件 is the carried-in row
            r"结转(?:到|至)?(?:下年度|下一年度|下年)(?:继续办理)?[^。;,0-9]{0,4}?([0-9]+)件",
        ),
    ]
    .into_iter()
    .map(|(k, p)| (k, Regex::new(p).unwrap()))
    .collect()
});

fn text_outcomes(ctx: &Ctx) -> Vec<Finding> {
    let r = ctx.report;
    let mut out = Vec::new();
    for (what, re) in RE_OUTCOMES.iter() {
        let Some((n, phrase)) = first_count_alone(re, &ctx.prose) else {
            continue;
        };
        let (table, cells): (Option<Num>, Vec<String>) = match *what {
            "granted" | "partial" | "total" | "carried_out" => (
                r.value(&format!("t3/{what}/total")),
                vec![format!("t3/{what}/total")],
            ),
            group => {
                let prefix = format!("{group}.");
                let keys: Vec<String> = r
                    .cells
                    .iter()
                    .filter(|c| {
                        c.table == "t3" && c.row.starts_with(&prefix) && c.column.key == "total"
                    })
                    .map(|c| c.key.to_string())
                    .collect();
                (sum_rows(r, |k| k.starts_with(&prefix), "total"), keys)
            }
        };
        if let Some(t) = table {
            if t != n {
                out.push(
                    finding(
                        "TEXT-OUTCOMES",
                        say(
                            OUTCOMES,
                            &[("phrase", &phrase), ("said", &n), ("table", &t)],
                        ),
                    )
                    .cells(cells)
                    .sides(n, t),
                );
            }
        }
    }
    out
}

static RE_REVIEW: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"行政复议[^。;,0-9]{0,6}?([0-9]+)(?:件|起|宗)").unwrap());
static RE_SUIT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"行政诉讼[^。;,0-9]{0,6}?([0-9]+)(?:件|起|宗)").unwrap());
static RE_NO_LITIGATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:未|没有)(?:发生|收到|出现|涉及|产生)?[^。;,0-9]{0,14}?行政复议(?:和|或|、|及|\.)?(?:行政诉讼)?").unwrap()
});
static RE_ALL_UPHELD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"均(?:获|被|予以|已)?维持").unwrap());

fn text_litigation(ctx: &Ctx) -> Vec<Finding> {
    let r = ctx.report;
    let mut out = Vec::new();
    let review = r.value("t4/review/total");
    let suits = r
        .value("t4/suit_direct/total")
        .and_then(|a| a.checked_add(r.value("t4/suit_after_review/total")?));
    let mut check = |said: Option<(Num, String)>, table: Option<Num>, cells: Vec<String>| {
        if let (Some((n, phrase)), Some(t)) = (said, table) {
            if n != t {
                out.push(
                    finding(
                        "TEXT-LITIGATION",
                        say(
                            LITIGATION,
                            &[("phrase", &phrase), ("said", &n), ("table", &t)],
                        ),
                    )
                    .cells(cells)
                    .sides(n, t),
                );
            }
        }
    };
    let none = RE_NO_LITIGATION
        .find(&ctx.prose)
        .map(|m| m.as_str().to_string());
    let review_said =
        first_count(&RE_REVIEW, &ctx.prose).or_else(|| none.clone().map(|p| (Num::ZERO, p)));
    check(review_said, review, vec!["t4/review/total".into()]);
    let suit_said = first_count(&RE_SUIT, &ctx.prose).or_else(|| {
        none.filter(|p| p.contains("行政诉讼"))
            .map(|p| (Num::ZERO, p))
    });
    check(
        suit_said,
        suits,
        vec![
            "t4/suit_direct/total".into(),
            "t4/suit_after_review/total".into(),
        ],
    );
    if let Some(m) = RE_ALL_UPHELD.find(&ctx.prose) {
        for row in ["review", "suit_direct", "suit_after_review"] {
            let (u, t) = (
                r.value(&format!("t4/{row}/upheld")),
                r.value(&format!("t4/{row}/total")),
            );
            if let (Some(u), Some(t)) = (u, t) {
                let pending = r.value(&format!("t4/{row}/pending")).unwrap_or(Num::ZERO);
                if t.checked_sub(pending) != Some(u) && t > Num::ZERO {
                    out.push(
                        finding(
                            "TEXT-LITIGATION",
                            say(
                                ALL_UPHELD,
                                &[
                                    ("phrase", &m.as_str()),
                                    ("row", &row),
                                    ("upheld", &u),
                                    ("total", &t),
                                ],
                            ),
                        )
                        .cells(vec![format!("t4/{row}/upheld"), format!("t4/{row}/total")]),
                    );
                }
            }
        }
    }
    out
}

/// What the prose says of t2's documents (`read::claims`) against the table: each claim
/// once, on the cell of the report's format it speaks of.
fn text_documents(ctx: &Ctx) -> Vec<Finding> {
    let r = ctx.report;
    let mut out = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for claim in &r.claims {
        let Some(column) = claim.column_in(|c| r.cell(&format!("t2/{}/{c}", claim.row)).is_some())
        else {
            continue;
        };
        let key = format!("t2/{}/{column}", claim.row);
        let Some(table) = r.value(&key) else { continue };
        if claim.value == table || seen.contains(&key) {
            continue;
        }
        seen.push(key.clone());
        let args: [(&str, &dyn std::fmt::Display); 3] = [
            ("phrase", &claim.phrase),
            ("said", &claim.value),
            ("table", &table),
        ];
        out.push(
            finding("TEXT-DOCUMENTS", say(DOCUMENTS, &args))
                .cells(vec![key])
                .sides(claim.value, table),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_a_formula_and_its_messages_forms() {
        for r in CATALOGUE {
            assert!(!r.formula.trim().is_empty(), "{}", r.id);
            assert!(!r.messages.is_empty(), "{}", r.id);
            assert_eq!(
                CATALOGUE.iter().filter(|x| x.id == r.id).count(),
                1,
                "{}",
                r.id
            );
        }
    }

    #[test]
    fn say_fills_each_name_once_and_leaves_braces_in_values_alone() {
        let m = say(
            OUTCOMES,
            &[("phrase", &"办结{table}5件"), ("said", &5), ("table", &4)],
        );
        assert_eq!(
            m,
            "the text says \"办结{table}5件\" (5), but the table gives 4"
        );
        assert_eq!(say("{a} and {b}", &[("a", &1)]), "1 and {b}");
        let r = rule("TEXT-OUTCOMES").unwrap();
        assert!(r.worded(&m));
        assert!(!r.worded("the text says nothing"));
        assert!(!rule("TEXT-REQUESTS").unwrap().worded(&m));
    }

    #[test]
    fn every_event_is_worded_by_its_rules_catalogue_entry() {
        use crate::model::format::TableId;
        let kinds = [
            EventKind::TableMissing { table: TableId::T3 },
            EventKind::NoFormat {
                old_statistics: false,
            },
            EventKind::NoFormat {
                old_statistics: true,
            },
            EventKind::RowMissing { table: TableId::T2 },
            EventKind::LabelDamaged,
            EventKind::LabelLost,
            EventKind::Unweighable,
            EventKind::Segmented {
                values: vec!["1".into(), "?".into()],
                why: SplitWhy::Broken,
            },
            EventKind::Segmented {
                values: vec!["1".into()],
                why: SplitWhy::Table,
            },
            EventKind::Segmented {
                values: vec!["1".into()],
                why: SplitWhy::Row,
            },
            EventKind::Count {
                given: 6,
                columns: 7,
                placed: true,
            },
            EventKind::Count {
                given: 8,
                columns: 7,
                placed: false,
            },
            EventKind::Readings {
                candidates: vec![vec!["1".into()]],
                count: 2,
            },
            EventKind::RowUnsatisfied { rule: "T3-ROWSUM" },
            EventKind::RowUnsatisfied { rule: "T4-SUM" },
            EventKind::Unreadable {
                text: String::new(),
            },
            EventKind::Unreadable { text: "/".into() },
            EventKind::CorrectionStale {
                seq: 4,
                new: "0".into(),
                then: "2".into(),
                now: "5".into(),
            },
            EventKind::CorrectionChanged { count: 2 },
            EventKind::CorrectionSkipped {
                why: "line 3: torn".into(),
            },
        ];
        for kind in kinds {
            let e = ReadEvent {
                kind,
                label: "（一）予以公开".into(),
                cells: vec![],
                line: Some(3),
            };
            let f = word(&e);
            let r = rule(f.rule).unwrap_or_else(|| panic!("{} has no entry", f.rule));
            assert!(r.worded(&f.message), "{}: {}", f.rule, f.message);
            assert!(!f.message.contains('{'), "{}", f.message);
            assert_eq!(f.severity, r.severity, "{}", f.rule);
            assert_eq!(f.line, Some(3));
        }
    }
}
