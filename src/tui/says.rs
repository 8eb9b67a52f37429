//! Every word of the review screen, in English and zh-CN (see [`crate::lang::Msg`]).
//! Screen code never writes a literal a person reads: it names a message here.

crate::messages! {
    QUIT_TITLE = "quit?" / "退出？",
    TOO_SMALL = "terminal too small: {w}×{h}; nianbao needs at least {min_w}×{min_h}"
        / "终端太小：{w}×{h}；nianbao 至少需要 {min_w}×{min_h}",
    // findings confirmed or dismissed, notes, review marks, the history panel
    READ_ONLY = "read-only: {why}" / "只读：{why}",
    NO_FINDING = "no finding here: choose one in the findings list" / "此处没有问题：请在问题列表中选择",
    CONFIRMED = "{rule} confirmed: a defect of the report (journaled; w writes the file)"
        / "{rule} 已确认为报告问题（已记入日志；w 写入文件）",
    UNCONFIRMED = "{rule}: confirmation withdrawn (journaled)" / "{rule}：已撤回确认（已记入日志）",
    DISMISSED = "{rule} dismissed: it no longer counts (journaled; w writes the file)"
        / "{rule} 已排除，不再计入（已记入日志；w 写入文件）",
    DISMISS_PROMPT = "why dismiss {rule} (required): " / "排除 {rule} 的理由（必填）：",
    REASON_REQUIRED = "a dismissal needs a reason" / "排除问题必须说明理由",
    NOTE_PROMPT = "note on {cell} (empty removes it): " / "{cell} 的备注（留空即删除）：",
    NOTED = "note on {cell} recorded (journaled)" / "{cell} 的备注已记录（已记入日志）",
    NOTE_REMOVED = "note on {cell} removed (journaled)" / "{cell} 的备注已删除（已记入日志）",
    NO_CHANGE = "no change" / "没有改动",
    NOTE = "note ({reviewer}): {text}" / "备注（{reviewer}）：{text}",
    MARKED_REVIEWED = "report marked reviewed by {reviewer} (journaled; a second reviewer may sign it off)"
        / "报告已由 {reviewer} 标为已审核（已记入日志；可由另一审核人复核签发）",
    ALREADY_REVIEWED = "already reviewed by {reviewer} ({time}); undo withdraws the mark"
        / "已由 {reviewer} 审核（{time}）；撤销可收回此标记",
    NOT_REVIEWED = "not reviewed yet: a report is marked reviewed before it is signed off"
        / "尚未审核：报告须先标为已审核，才能复核签发",
    SAME_REVIEWER = "refused: {reviewer} reviewed this report; a sign-off must come from a second reviewer"
        / "已拒绝：本报告由 {reviewer} 审核；复核签发须由另一审核人进行",
    ALREADY_SIGNED = "already signed off by {reviewer} ({time})" / "已由 {reviewer} 复核签发（{time}）",
    SIGNED_OFF = "review signed off by {reviewer} (journaled)" / "已由 {reviewer} 复核签发（已记入日志）",
    DISMISSED_COUNT = "{count} dismissed" / "{count} 项已排除",
    STATE_REVIEWED = "reviewed by {reviewer}" / "{reviewer} 已审核",
    STATE_SIGNED_OFF = "signed off by {reviewer}" / "{reviewer} 已复核签发",
    HISTORY_TITLE = "history · {count} entries" / "历史记录 · {count} 条",
    HISTORY_AT = "history · entry {at} of {count}" / "历史记录 · 第 {at} 条，共 {count} 条",
    HISTORY_EMPTY = "nothing recorded yet: corrections, dispositions, notes and review marks are listed here"
        / "尚无记录：更正、问题处理、备注和审核标记将在此列出",
    HISTORY_REPORT = "the review mark is about the whole report" / "审核标记针对整份报告",
    HISTORY_GONE = "{subject} is not on screen now" / "{subject} 当前不在屏幕上",
    KIND_CORRECTION = "correct" / "更正",
    KIND_DISPOSITION = "finding" / "问题",
    KIND_NOTE = "note" / "备注",
    KIND_REVIEW = "review" / "审核",
    ACT_UNDO = "undo #{seq}" / "撤销 #{seq}",
    ACT_REDO = "redo #{seq}" / "重做 #{seq}",
    STATE_CONFIRMED = "confirmed" / "已确认",
    STATE_DISMISSED = "dismissed" / "已排除",
    STATE_REVIEW_MARK = "reviewed" / "已审核",
    STATE_SIGN_OFF = "signed off" / "已复核签发",
    NONE = "—" / "—",
    THE_REPORT = "the report" / "整份报告",
    DETAIL_WHO = "#{seq} {kind} by {reviewer} at {time}" / "#{seq} {kind}，{reviewer}，{time}",
    DETAIL_CHANGE = "{old} → {new}" / "{old} → {new}",
    DETAIL_WHY = "why: {reason}" / "理由：{reason}",
    EXPLAIN_CONFIRMED = "✓ confirmed by {reviewer} ({time}) {reason}"
        / "✓ 由 {reviewer} 确认为问题（{time}）{reason}",
    EXPLAIN_DISMISSED = "× dismissed by {reviewer} ({time}): {reason}"
        / "× 由 {reviewer} 排除（{time}）：{reason}",
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
