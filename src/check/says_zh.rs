//! The Chinese of every finding's message: each English template of `rules::says` with
//! its zh-CN form, the same `{names}` in each. `rules::say` speaks the one the program's
//! language asks for; a test holds every template of the catalogue to having both.

use super::rules::says::*;
use std::collections::HashMap;
use std::sync::LazyLock;

static PAIRS: &[(&str, &str)] = &[
    (BALANCE, "{what}：新收 + 上年结转 合计 {lhs}，而 总计 + 结转下年度 为 {rhs}"),
    (TOTAL, "{what}：各办理结果行合计 {lhs}，而（七）总计为 {rhs}"),
    (ROWSUM, "{what}：六类申请人合计 {lhs}，而总计为 {rhs}"),
    (T4_SUM, "{what}：维持 + 纠正 + 其他 + 尚未审结 合计 {lhs}，而总计为 {rhs}"),
    (SUBTOTAL, "{what}：所含各行合计 {lhs}，而小计为 {rhs}"),
    (UNCHECKED, "{rule} 有 {count} 个勾稽关系无法核对：缺少 {missing} 个单元格"),
    (ROWSUM_UNSATISFIED, "{row}：连在一起的数字无论怎样拆分，总计都不等于六类申请人之和，无论哪种读法该行都有误"),
    (T4_UNSATISFIED, "{row}：连在一起的数字无论怎样拆分，总计都不等于 维持 + 纠正 + 其他 + 尚未审结，无论哪种读法该行都有误"),
    (NEGATIVE, "{cell} 为 {value}：件数不能为负"),
    (FRACTION, "{cell} 为 {value}：件数应为整数"),
    (BLANK, "{row}：应填数字处为空白"),
    (BLANK_ROWS, "{table}（{title}）：{rows} 行未填数值，{cells} 个应填数字的单元格为空白"),
    (UNREADABLE, "{row}：应填数字处为“{text}”"),
    (TABLE_MISSING, "未找到表 {table}（{title}）"),
    (NO_FORMAT, "本文件中没有全国统一格式（2019 或 2021 年版）的表格：未读取任何单元格"),
    (OLD_STATISTICS, "没有全国统一格式的表格：本文件为 2019 年以前的统计表（指标 / 计量单位 / 本年 / 累计），未读取任何单元格"),
    (ROW_MISSING, "表 {table} 中未找到“{row}”行"),
    (COUNT_PLACED, "{row}：{columns} 列只有 {given} 个数值；已按该行勾稽关系放置"),
    (COUNT_EMPTY, "{row}：{columns} 列只有 {given} 个数值；无法确定位置的单元格留空"),
    (LABEL_DAMAGED, "“{row}”行的标签有残缺，按近似匹配识别"),
    (LABEL_LOST, "“{row}”行的标签缺失：按位置放置"),
    (UNWEIGHABLE, "{row}：连在一起的数字可拆分方式过多，无法逐一核对；该行留空待审核人处理"),
    (READINGS, "{row}：原文有 {count} 种读法；各读法不一致的单元格留空待审核人选择"),
    (SPLIT_BROKEN, "{row}：数字连在一起，读作 {values}；没有一种拆分能满足表内勾稽关系，此为差异最少最小的拆分：见指向这些单元格的错误"),
    (SPLIT_BOUND, "{row}：数字连在一起，读作 {values}（唯一满足 {because} 的拆分）"),
    (SPLIT_TEXT, "{row}：数字连在一起，读作 {values}（唯一与正文一致的拆分：{because}）"),
    (SPLIT_TABLE, "{row}：数字连在一起，读作 {values}（表内勾稽关系允许的唯一拆分）"),
    (SPLIT_ROW, "{row}：数字连在一起，读作 {values}（唯一满足本行合计的拆分）"),
    (OUTDATED_2019, "{year} 年度报告使用了 2019 年版格式；2021 年起的报告应使用 2021 年版格式（国办公开办函〔2021〕30号）"),
    (OUTDATED_2021, "{year} 年度报告使用了 2021 年版格式；2019、2020 年度报告应使用 2019 年版格式"),
    (SECTION, "未找到第{section}部分"),
    (YUAN_HEAD, "金额列标注为“元”：格式要求以“万元”为单位"),
    (YUAN_PURCHASE, "采购总金额 {amount} 万元、{items} 个项目，平均每项 {each} 万元：几乎可以肯定是以“元”填写"),
    (YUAN_FEES, "本年收费金额 {fee} 万元超过 500 亿元：几乎可以肯定是以“元”填写"),
    (PUBLISHED_LESS, "{row}：对外公开总数量 {total} 小于本年新公开数量 {new}"),
    (PUBLISHED_NONE, "{row}：本年新制作 {made} 件，但未公开"),
    (IN_FORCE, "{row}：本年制发 {issued} 件，但现行有效件数为 0"),
    (CARRY_SIZE, "{column} 列：结转下年度 {out} 件，超过可办理的 {avail} 件（新收 + 上年结转）"),
    (REQUESTS, "正文称“{phrase}”（{said}），但表三新收申请为 {table} 件"),
    (OUTCOMES, "正文称“{phrase}”（{said}），但表中为 {table}"),
    (LITIGATION, "正文称“{phrase}”（{said}），但表四为 {table}"),
    (ALL_UPHELD, "正文称“{phrase}”，但表四 {row} 共 {total} 件中维持 {upheld} 件"),
    (DOCUMENTS, "正文称“{phrase}”（{said}），但表二为 {table}"),
    (YOY_CARRY, "{column} 列：本年上年结转 {now} 件，但上一年度结转下年度继续办理为 {then} 件"),
    (YOY_IN_FORCE, "{row}：上年现行有效 {prior} 件 + 本年制发 {issued} 件 − 本年废止 {repealed} 件 = {want} 件，但本年现行有效为 {now} 件（文件也可能失效）"),
    (YOY_PUBLISHED, "{row}：上年对外公开总数量 {prior} + 本年新公开 {new} = {want}，但本年总数量为 {now}"),
    (YOY_ITEMS, "{row}：上年项目 {prior} 个，增减 {change}，应为 {want}，但本年上一年项目数量为 {now}"),
    (YOY_AGENCIES, "两份报告的单位不同：上年为 {prior}，本年为 {current}"),
    (YOY_YEARS, "年度不连续：{prior} 与 {current}"),
    (STALE, "{cell}：更正为 {new}（记录 {seq}）时该单元格为 {then}；报告已改动，现为 {now}：未应用此更正"),
    (CHANGED, "{file} 在其中 {count} 条更正之后已改动；这些单元格读数与当时相同，更正照常应用"),
    (SKIPPED, "{file}：{why}；已跳过"),
    (DECODE_REPLACED, "本行有 {count} 处字节不是有效的 {encoding} 编码，已替换为 U+FFFD（�）：此处的数值可能已丢失"),
    (CONFIRMED_STALE, "{finding} 曾由 {reviewer}（{time}）确认为问题，但报告中已无此问题，且其单元格的更正不能解释：报告或规则已改动"),
    (DISMISSED_STALE, "{finding} 曾由 {reviewer}（{time}：{reason}）排除，但报告中已无此问题，且其单元格的更正不能解释：报告或规则已改动"),
    (COPIED, "本年正文有 {share}% 与上年相同（阈值 {threshold}%）"),
];

static BY_ENGLISH: LazyLock<HashMap<&'static str, &'static str>> =
    LazyLock::new(|| PAIRS.iter().copied().collect());

/// The Chinese form of an English message template of the catalogue.
pub fn zh(template: &str) -> Option<&'static str> {
    BY_ENGLISH.get(template).copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::rules::CATALOGUE;

    fn names(t: &str) -> Vec<&str> {
        let mut v: Vec<&str> = t
            .split('{')
            .skip(1)
            .filter_map(|p| p.split_once('}').map(|(n, _)| n))
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    #[test]
    fn every_message_of_the_catalogue_has_its_chinese_with_the_same_names() {
        for rule in CATALOGUE {
            for m in rule.messages {
                let Some(z) = zh(m) else {
                    panic!("{}: no Chinese for {m:?}", rule.id)
                };
                assert_eq!(names(m), names(z), "{}: {m:?} / {z:?}", rule.id);
            }
        }
    }
}
