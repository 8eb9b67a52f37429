//! Every word of the review screen, in English and zh-CN (see [`crate::lang::Msg`]).
//! Screen code never writes a literal a person reads: it names a message here.

crate::messages! {
    QUIT_TITLE = "quit?" / "退出？",
    TOO_SMALL = "terminal too small: {w}×{h}; nianbao needs at least {min_w}×{min_h}"
        / "终端太小：{w}×{h}；nianbao 至少需要 {min_w}×{min_h}",
    // ---- folder review (the inbox): keep these together, at the end ----
    INBOX_TITLE = "folder review" / "目录审核",
    INBOX_REVIEWED = "{done} / {total} reviewed" / "已审核 {done} / {total}",
    INBOX_READING = "reading {n} / {total}" / "正在读取 {n} / {total}",
    INBOX_SORT = "sort: {by}" / "排序：{by}",
    INBOX_FILTER = "filter: {text}" / "筛选：{text}",
    INBOX_ONLY_UNREVIEWED = "only unreviewed" / "仅未审核",
    INBOX_ONLY_ERRORS = "only with errors" / "仅有错误",
    INBOX_SHOWN = "{n} shown" / "显示 {n} 份",
    INBOX_NONE_FOUND = "no reports found" / "未找到报告",
    INBOX_NONE_MATCH = "no report matches" / "没有符合条件的报告",
    INBOX_COL_STATE = "state" / "状态",
    INBOX_COL_AGENCY = "agency" / "机关",
    INBOX_COL_YEAR = "year" / "年度",
    INBOX_COL_FORMAT = "form" / "格式",
    INBOX_COL_ERRORS = "err" / "错误",
    INBOX_COL_WARNINGS = "warn" / "提示",
    INBOX_COL_MISSING = "miss" / "缺失",
    INBOX_COL_PRIOR = "prior year" / "上年报告",
    INBOX_COL_FILE = "file" / "文件",
    INBOX_STATE_NEW = "new" / "未审核",
    INBOX_STATE_IN_PROGRESS = "in progress" / "审核中",
    INBOX_STATE_REVIEWED = "reviewed" / "已审核",
    INBOX_STATE_SIGNED_OFF = "signed off" / "已签核",
    INBOX_STATE_UNREADABLE = "unreadable" / "无法读取",
    INBOX_STATE_READING = "reading" / "读取中",
    INBOX_NO_FORMAT = "none" / "无",
    INBOX_SORT_AGENCY = "agency" / "机关",
    INBOX_SORT_YEAR = "year" / "年度",
    INBOX_SORT_ERRORS = "errors" / "错误",
    INBOX_SORT_STATE = "state" / "状态",
    INBOX_HINT_MOVE = "move" / "移动",
    INBOX_HINT_OPEN = "open" / "打开",
    INBOX_HINT_FILTER = "filter" / "筛选",
    INBOX_HINT_SORT = "sort" / "排序",
    INBOX_HINT_UNREVIEWED = "unreviewed" / "未审核",
    INBOX_HINT_ERRORS = "with errors" / "有错误",
    INBOX_HINT_QUIT = "quit" / "退出",
    INBOX_HINT_TYPING = "type to filter · enter keep · esc clear"
        / "输入以筛选 · enter 保留 · esc 清除",
    INBOX_PRIOR_OF = "prior year: {file}" / "上年报告：{file}",
    INBOX_WHY_UNREADABLE = "{file}: {why}" / "{file}：{why}",
    INBOX_OPEN_FAILED = "cannot open {file}: {why}" / "无法打开 {file}：{why}",
    INBOX_MOVED_ON = "{file}: {n} unwritten corrections written before moving on"
        / "{file}：切换前已写入 {n} 条未写入的更正",
    INBOX_NO_NEXT = "no next report in the list" / "列表中没有下一份报告",
    INBOX_NO_PREV = "no previous report in the list" / "列表中没有上一份报告",
    INBOX_KEYS_IN_REPORT = "{next} / {prev} next / previous report · {back} back to the list"
        / "{next} / {prev} 下一份 / 上一份报告 · {back} 返回列表",
    INBOX_READ_ONLY = "read-only: another session holds this report's lock"
        / "只读：另一个会话持有此报告的锁",
}

#[cfg(test)]
mod tests {
    #[test]
    fn both_languages_have_the_same_placeholders() {
        crate::lang::assert_catalogue(super::ALL);
    }
}
