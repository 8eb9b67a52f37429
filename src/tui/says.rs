//! Every word of the review screen, in English and zh-CN (see [`crate::lang::Msg`]).
//! Screen code never writes a literal a person reads: it names a message here.

crate::messages! {
    QUIT_TITLE = "quit?" / "退出？",
    TOO_SMALL = "terminal too small: {w}×{h}; nianbao needs at least {min_w}×{min_h}"
        / "终端太小：{w}×{h}；nianbao 至少需要 {min_w}×{min_h}",
    // findings confirmed or dismissed, notes, review marks, the history panel
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
    INBOX_STATE_SIGNED_OFF = "signed off" / "已复核",
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
    INBOX_MOVED_ON = "{file}: {n} unwritten entries written before moving on"
        / "{file}：切换前已写入 {n} 条未写入的记录",
    JOIN = "; " / "；",
    INBOX_NO_NEXT = "no next report in the list" / "列表中没有下一份报告",
    INBOX_NO_PREV = "no previous report in the list" / "列表中没有上一份报告",
    INBOX_KEYS_IN_REPORT = "{next} / {prev} next / previous report · {back} back to the list"
        / "{next} / {prev} 下一份 / 上一份报告 · {back} 返回列表",

    // view.rs: the quit question
    QUIT_UNWRITTEN = "{n} corrections are not written to the corrections file."
        / "{n} 处更正尚未写入更正文件。",
    QUIT_SAFE = "They are safe in the journal and come back when you reopen."
        / "它们已记入日志，重新打开时会恢复。",
    QUIT_LOST = "{lost} of them are NOT in the journal: quitting without writing loses them."
        / "其中 {lost} 处未记入日志：不写入就退出会丢失。",
    QUIT_CHOICES = "{w}  write and quit    {q}  quit    esc  stay"
        / "{w}  写入并退出    {q}  退出    esc  留下",
    // view.rs: the header
    HEAD_FORMAT = "{id} format" / "{id} 格式",
    HEAD_NO_FORMAT = "no format" / "格式不明",
    HEAD_COUNTS = "{e} errors {w} warnings" / "{e} 个错误 {w} 个提示",
    HEAD_READ_ONLY = "READ-ONLY" / "只读",
    HEAD_UNWRITTEN = "+{n} unwritten" / "+{n} 未写入",
    HEAD_NOT_JOURNALED = "{n} NOT IN THE JOURNAL" / "{n} 处未记入日志",
    HEAD_FILED_IN = "corrections in {p}" / "更正保存在 {p}",
    // view.rs: the panes
    TABLE_NOT_FOUND = "this table was not found in the report" / "报告中未找到此表",
    RAW_TITLE = "report text · line {n} of {total}" / "报告原文 · 第 {n} 行，共 {total} 行",
    FINDINGS_TITLE = "findings · {e} errors · {w} warnings" / "问题 · {e} 个错误 · {w} 个提示",
    NO_FINDINGS = "no findings: every identity holds" / "没有问题：勾稽关系全部成立",
    FINDING_FIX = "  → fix {cell} = {value}" / "  → 更正 {cell} = {value}",
    // view.rs: the status line
    STATUS_LINE = " · line {n}" / " · 第 {n} 行",
    STATUS_VALUE = " = {v} ({origin}, {status})" / " = {v}（{origin}，{status}）",
    STATUS_VALUE_ONE = " = {v} ({origin})" / " = {v}（{origin}）",
    MISSING = "missing" / "缺失",
    EDIT_PROMPT = "new value for {key} (was {was}; empty = missing): "
        / "{key} 的新值（原为 {was}；留空 = 缺失）：",
    REASON_PROMPT = "reason for {n} change(s) (optional): " / "{n} 处更正的理由（可不填）：",
    SEARCH_PROMPT = "search: /" / "搜索：/",
    GOTO_PROMPT = "go to line: " / "转到行：",
    NO_CELL_FINDINGS = "no findings on this cell" / "此单元格没有问题",
    REFUSED = "refused: {why}" / "不接受：{why}",
    ORIGIN_READ = "read" / "读取",
    ORIGIN_INFERRED = "inferred" / "推算",
    ORIGIN_CORRECTED = "corrected" / "已更正",
    ORIGIN_MISSING = "missing" / "缺失",
    SEV_ERROR = "error" / "错误",
    SEV_WARNING = "warning" / "提示",
    // view.rs: the help overlay
    HELP_TITLE = "help" / "帮助",
    HELP_INTRO = "Keys of the active keymap (nianbao --print-keymap prints it):"
        / "当前键位（nianbao --print-keymap 可打印全部）：",
    HELP_UNBOUND = "(unbound)" / "（未绑定）",
    HELP_ESC = "cancel / close (always)" / "取消 / 关闭（始终有效）",
    HELP_MARKS = "Cell marks: ! error (the cell to fix)  . in a failing identity  ? warning  # ambiguous  ~ inferred  * corrected  -- missing"
        / "单元格标记：! 错误（应更正的单元格）  . 属于不成立的勾稽关系  ? 提示  # 有歧义  ~ 推算  * 已更正  -- 缺失",
    HELP_FINDING_MARKS = "Finding marks: ✓ confirmed (a defect of the report)  × dismissed (with its reason; it no longer counts)"
        / "问题标记：✓ 已确认（报告的问题）  × 已排除（附理由，不再计入）",
    HELP_TABLE = "{what} [{section}]:" / "{what} [{section}]：",
    // view.rs: the explain box
    EXPLAIN_TITLE = "explain" / "说明",
    EXPLAIN_NONE = "No findings here: every rule that reads this cell holds."
        / "此处没有问题：读取此单元格的规则都成立。",
    EXPLAIN_RULE = "  rule: {formula}" / "  规则：{formula}",
    EXPLAIN_SIDES = "  one side: {e}   other side: {a}" / "  一边：{e}   另一边：{a}",
    EXPLAIN_FIX = "  fix: set {cell} to {value} (the one cell that satisfies every failing identity)"
        / "  更正：把 {cell} 改为 {value}（唯一能使所有不成立的勾稽关系成立的单元格）",
    EXPLAIN_NO_FIX = "  no single cell change satisfies every failing identity"
        / "  改动任何单个单元格都不能使所有不成立的勾稽关系成立",
    EXPLAIN_ROW_EXPECTED = "  expected: row {row} of {table}, between {before} and {after}"
        / "  应在：{table} 的 {row} 行，位于 {before} 与 {after} 之间",
    EXPLAIN_ROW_INSTEAD = "  printed instead: {row} (line {line}), read for it"
        / "  报告印的是：{row}（第 {line} 行），以它代替",
    EXPLAIN_ROW_NOT_PRINTED = "  no printed row stands in for it: its cells are missing"
        / "  报告中没有可代替的行：其单元格缺失",
    EXPLAIN_TABLE_AT = "  the table is at line {line}" / "  该表在第 {line} 行",
    // view.rs: a stale correction
    STALE_TITLE = "stale correction" / "失效的更正",
    STALE_CHANGED = "{key}: the report changed under trail entry {seq}."
        / "{key}：第 {seq} 条记录之后报告已改变。",
    STALE_SET = "It set {then} → {new}; the cell now reads {now}."
        / "该记录把 {then} 改为 {new}；单元格现在读作 {now}。",
    STALE_RECONFIRM = "re-confirm: set {v} again" / "重新确认：再次设为 {v}",
    STALE_DROP = "drop: keep {v} as the report now reads" / "放弃：保留报告现在的 {v}",
    // view.rs: glued digits
    PICK_TITLE = "pick a reading" / "选择读法",
    PICK_INTRO = "The digits of this row run together; readings the identities allow ({n}):"
        / "此行数字连在一起；勾稽关系允许的读法（{n} 种）：",

    // app.rs
    NO_ERRORS = "no errors" / "没有错误",
    NO_WARNINGS = "no warnings" / "没有提示",
    AT_ERROR = "error {k} of {n}: {rules}" / "第 {k} 个错误，共 {n} 个：{rules}",
    AT_WARNING = "warning {k} of {n}: {rules}" / "第 {k} 个提示，共 {n} 个：{rules}",
    NOT_FOUND = "\"{q}\" not found" / "未找到“{q}”",
    MATCH = "match {k} of {n}" / "第 {k} 处匹配，共 {n} 处",
    READ_ONLY_WHY = "read-only: {why}" / "只读：{why}",
    COPY_FIX = " (fix: {cell} = {value})" / "（更正：{cell} = {value}）",
    JOURNAL_FAILED = "NOT IN THE JOURNAL: {err}; {n} correction(s) only on screen: write (w) now to keep them"
        / "未记入日志：{err}；{n} 处更正只在屏幕上：请立即写入（w）以保留",
    RESTORED = "restored {corrected} corrected cells from {n} trail entries"
        / "已从 {n} 条记录恢复 {corrected} 个更正的单元格",
    RESTORED_MARKS = "restored marks: confirmed {confirmed} · dismissed {dismissed} · notes {notes}"
        / "恢复的标记：已确认 {confirmed} · 已排除 {dismissed} · 备注 {notes}",
    RESTORED_GONE = "{n} confirmed or dismissed findings are no longer found (DISPOSITION-STALE)"
        / "{n} 个已确认或已排除的问题不再出现（DISPOSITION-STALE）",
    RESTORED_UNWRITTEN = "{n} of them unwritten, from the journal of a session that ended early"
        / "其中 {n} 条未写入，来自一次提前结束的会话的日志",
    RESTORED_STALE = "{n} not applied: the report changed under them (CORRECTION-STALE; e on the cell re-confirms or drops)"
        / "{n} 条未应用：报告已改变（CORRECTION-STALE；在该单元格按 e 重新确认或放弃）",
    RESTORED_SKIPPED = "{n} trail entries skipped (CORRECTION-SKIPPED)"
        / "跳过 {n} 条记录（CORRECTION-SKIPPED）",
    RESTORED_CHANGED = "the report changed since it was corrected (CORRECTION-CHANGED)"
        / "更正之后报告已改变（CORRECTION-CHANGED）",
    FILED_IN = "the report's folder is read-only: corrections filed in {p}"
        / "报告所在文件夹只读，更正保存在 {p}",
    PRIOR_LOADED = "prior report {path} loaded: d opens the year diff"
        / "已载入上年报告 {path}：按 d 打开年度对比",
    DEMO_TITLE = "demo report (built in)" / "示例报告（内置）",
    ON_DISK_ALL = "the corrections file is as last written; the journal holds all {unsaved} unwritten corrections"
        / "更正文件保持上次写入的内容；日志保存了全部 {unsaved} 处未写入的更正",
    ON_DISK_SOME = "the corrections file is as last written; the journal holds {held} of the {unsaved} unwritten corrections; {lost} are only on screen"
        / "更正文件保持上次写入的内容；日志保存了 {unsaved} 处未写入更正中的 {held} 处；{lost} 处只在屏幕上",
    WRITTEN = "corrections written ({n} entries in the trail)" / "更正已写入（记录共 {n} 条）",
    NOT_WRITTEN = "not written: {e}{still}. On disk: {disk}" / "未写入：{e}{still}。磁盘上：{disk}",
    STAYS_OPEN = ", so nianbao stays open" / "，nianbao 保持打开",
    VALUE_REFUSED = "\"{typed}\": {why}" / "“{typed}”：{why}",
    NO_LINE = "no line {typed} (the text has {n})" / "没有第 {typed} 行（原文共 {n} 行）",
    NO_CHANGE = "no change" / "没有改动",
    RECORDED_ONE = "1 correction recorded (journaled; w writes the file)"
        / "已记录 1 处更正（已记入日志；按 w 写入文件）",
    RECORDED = "{n} corrections recorded (journaled; w writes the file)"
        / "已记录 {n} 处更正（已记入日志；按 w 写入文件）",
    FILED_IN_SUFFIX = "; filed in {p} (the report's folder is read-only)"
        / "；保存在 {p}（报告所在文件夹只读）",
    NOTHING_TO_UNDO = "nothing to undo" / "没有可撤销的更正",
    NOTHING_TO_REDO = "nothing to redo" / "没有可重做的更正",
    UNDONE = "undone (the trail keeps both)" / "已撤销（记录中两者都保留）",
    REDONE = "redone" / "已重做",
    PICKED = "picked reading {k} of {n} of the glued digits" / "选用连写数字的第 {k} 种读法（共 {n} 种）",
    RECONFIRMED = "re-confirmed entry {seq} (made when the cell read {then})"
        / "重新确认第 {seq} 条记录（当时单元格读作 {then}）",
    DROPPED = "dropped entry {seq} (the report now reads {now})"
        / "放弃第 {seq} 条记录（报告现在读作 {now}）",
    COPIED = "copied to the clipboard (OSC 52)" / "已复制到剪贴板（OSC 52）",
    DIFF_NOT_OPEN = "the year diff is not open (d opens it, with --prior)"
        / "年度对比未打开（使用 --prior 时按 d 打开）",
    MOUSE_ON = "mouse on" / "鼠标已开启",
    MOUSE_OFF = "mouse off" / "鼠标已关闭",
    NO_PRIOR = "no prior report: open with --prior FILE or --prior auto"
        / "没有上年报告：请用 --prior 文件 或 --prior auto 打开",

    // diffview.rs
    DIFF_SIDES = "last year: {prior}  ·  this year: {current}" / "上年：{prior}  ·  本年：{current}",
    DIFF_SIDE = "{agency} {year} ({t} format)" / "{agency} {year}（{t} 格式）",
    DIFF_COUNTS = "{n} cells changed · {pct}% of the text unchanged from last year · prior file {path}"
        / "{n} 个单元格有变化 · 原文 {pct}% 与上年相同 · 上年文件 {path}",
    DIFF_LEGEND_1 = "  columns: last year | this year · * changed · = mapped across the formats"
        / "  各列：上年 | 本年 · * 有变化 · = 跨格式对应",
    DIFF_LEGEND_2 = "  + only one year's format has the cell (n/a on the other side) · — not given"
        / "  + 仅一年的格式有此单元格（另一边为 n/a） · — 报告未给出",
    DIFF_COLUMNS = "   columns {first}–{last} of {of}" / "   第 {first}–{last} 列，共 {of} 列",
    DIFF_COLUMN = "   column {first} of {of}" / "   第 {first} 列，共 {of} 列",
    DIFF_LAST = "last" / "上年",
    DIFF_THIS = "this" / "本年",
    DIFF_CURSOR = "change {k} of {n}: {what}" / "第 {k} 处变化，共 {n} 处：{what}",
    DIFF_SECTION = "{name} · {pct}% unchanged" / "{name} · {pct}% 未变",
    DIFF_FOLDED = " …{n} unchanged… " / " …{n} 字未变… ",
    DIFF_NO_MORE_BELOW = "no more changes below" / "下面没有变化了",
    DIFF_NO_MORE_ABOVE = "no more changes above" / "上面没有变化了",
    DIFF_NO_MORE_RIGHT = "no more columns to the right" / "右边没有更多列了",
    DIFF_NO_MORE_LEFT = "no more columns to the left" / "左边没有更多列了",
    DIFF_TITLE = "year diff" / "年度对比",

    // action.rs: where each table of keys is in force, and what its actions do there
    WHAT_SCREEN = "the screen" / "主屏幕",
    WHAT_PROMPT = "in a prompt (value, reason, search, line)" / "输入框中（数值、理由、搜索、行号）",
    WHAT_PICK = "picking a reading" / "选择读法时",
    WHAT_SCROLL = "in help and explain" / "帮助和说明中",
    WHAT_QUIT = "at the quit question" / "退出询问时",
    WHAT_INBOX = "in the folder review's list of reports" / "目录审核的报告列表中",
    DO_CONFIRM = "confirm" / "确认",
    DO_PREV_READING = "previous reading" / "上一种读法",
    DO_NEXT_READING = "next reading" / "下一种读法",
    DO_TAKE_READING = "take this reading" / "采用此读法",
    DO_TYPE_VALUE = "type a value" / "输入数值",
    DO_SCROLL_UP = "scroll up" / "向上滚动",
    DO_SCROLL_DOWN = "scroll down" / "向下滚动",
    DO_PAGE_UP = "page up" / "上一页",
    DO_PAGE_DOWN = "page down" / "下一页",
    DO_WRITE_QUIT = "write and quit" / "写入并退出",
    DO_QUIT_NO_WRITE = "quit without writing" / "不写入直接退出",
    DO_PREV_REPORT = "previous report" / "上一份报告",
    DO_NEXT_REPORT = "next report" / "下一份报告",
    DO_FIRST_REPORT = "first report" / "第一份报告",
    DO_LAST_REPORT = "last report" / "最后一份报告",
    DO_OPEN_REPORT = "open the report" / "打开报告",
    DO_FILTER = "filter by agency or file name" / "按机关或文件名筛选",
    DO_SORT = "sort by agency, year, errors, state" / "按机关、年度、错误、状态排序",
    DO_ONLY_UNREVIEWED = "only reports not yet reviewed" / "仅显示未审核的报告",
    DO_ONLY_ERRORS = "only reports with errors" / "仅显示有错误的报告",
    // action.rs: the hint line
    L_EDIT = "edit" / "更正",
    L_EXPLAIN = "explain" / "说明",
    L_NEXT_ERROR = "next error" / "下一错误",
    L_NEXT_WARNING = "next warning" / "下一提示",
    L_TABLE = "table" / "换表",
    L_PANE = "pane" / "窗格",
    L_UNDO = "undo" / "撤销",
    L_WRITE = "write" / "写入",
    L_HELP = "help" / "帮助",
    L_QUIT = "quit" / "退出",
    L_SEARCH = "search" / "搜索",
    L_NEXT_MATCH = "next match" / "下一匹配",
    L_GOTO = "go to line" / "转到行",
    L_HIDE_TEXT = "hide text" / "隐藏原文",
    L_JUMP = "jump" / "跳转",
    L_COPY = "copy" / "复制",
    L_DIFF = "year diff" / "年度对比",
    L_NEXT_CHANGE = "next change" / "下一变化",
    L_PREV_CHANGE = "previous change" / "上一变化",
    L_CHANGES = "next/prev change" / "下/上一变化",
    L_COLUMNS = "columns" / "翻列",
    L_CLOSE_DIFF = "close diff" / "关闭对比",
    L_ESC_CLOSE = "esc close" / "esc 关闭",
    L_ESC_CANCEL = "esc cancel" / "esc 取消",
    L_CLEAR = "ctrl-u clear" / "ctrl-u 清空",
    L_PASTE = "paste works" / "可粘贴",
    L_RECORD = "record the correction" / "记录更正",
    L_GO = "go" / "转到",
    L_CHOOSE = "choose" / "选择",
    L_SCROLL = "scroll" / "滚动",
    L_ESC_STAY = "esc stay" / "esc 留下",
    L_CONFIRM = "confirm" / "确认",
    L_DISMISS = "dismiss" / "排除",
    L_NOTE = "note" / "备注",
    L_HISTORY = "history" / "历史",
    L_TO_CELL = "go to its cell" / "转到其单元格",
    L_CLOSE = "close" / "关闭",
    L_RECORD_IT = "record" / "记录",

    // keymap.rs: a mistake in a keymap file
    K_DID_YOU_MEAN = "; did you mean \"{s}\"?" / "；是不是 \"{s}\"？",
    K_NOT_A_KEY = "\"{s}\" is not a key (one character, ctrl-x, alt-x, or a name such as pagedown){hint}"
        / "\"{s}\" 不是按键（应为一个字符、ctrl-x、alt-x 或 pagedown 这样的键名）{hint}",
    K_ESC = "esc cannot be bound: it always cancels (and tmux delays it)"
        / "esc 不能绑定：它始终用于取消（且 tmux 会延迟它）",
    K_TOML = "not valid TOML: {e}" / "不是有效的 TOML：{e}",
    K_EXTENDS = "extends takes a preset name, such as \"vim\"" / "extends 应为预设名，例如 \"vim\"",
    K_UNKNOWN_SETTING = "unknown setting \"{other}\" (a keymap has `extends`, a [keys] table and the mode tables [prompt], [pick], [scroll], [quit], [inbox]){hint}"
        / "未知设置 \"{other}\"（键位文件只有 `extends`、[keys] 表和各模式的表 [prompt]、[pick]、[scroll]、[quit]、[inbox]）{hint}",
    K_PROMPT_CHAR = "\"{key}\" cannot be bound in [prompt]: characters are typed there"
        / "\"{key}\" 不能在 [prompt] 中绑定：那里输入的字符就是文字",
    K_NOT_STRING = "the action for \"{key}\" must be a string such as \"move_down\" or \"none\""
        / "\"{key}\" 的动作必须是字符串，例如 \"move_down\" 或 \"none\"",
    K_LISTS_ACTIONS = "; `nianbao --print-keymap` lists the actions" / "；`nianbao --print-keymap` 会列出全部动作",
    K_UNKNOWN_ACTION = "unknown action \"{a}\"{hint}" / "未知动作 \"{a}\"{hint}",
    K_NOT_IN_TABLE = "\"{a}\" is not an action of [{section}] (it has {names})"
        / "\"{a}\" 不是 [{section}] 的动作（它有 {names}）",
    K_LOOP = "presets extend each other in a loop ({name})" / "预设互相 extends 形成循环（{name}）",
    K_NO_PRESET = "no preset \"{name}\": {hint}presets are {names}"
        / "没有预设 \"{name}\"：{hint}预设有 {names}",
    K_DID_YOU_MEAN_LEAD = "did you mean \"{s}\"? " / "是不是 \"{s}\"？",
    K_NO_WAY_OUT = "no key is left to {name}: bind one under [keys], for example {example}"
        / "没有可用于 {name} 的按键：请在 [keys] 下绑定一个，例如 {example}",
    K_NO_INBOX_QUIT = "no key is left to quit the folder review: bind one under [inbox], for example \"ctrl-q\" = \"quit\""
        / "没有可退出目录审核的按键：请在 [inbox] 下绑定一个，例如 \"ctrl-q\" = \"quit\"",
    K_CANNOT_READ = "cannot read: {e}" / "无法读取：{e}",

    // session.rs: a cell's status
    ST_OK = "ok" / "正常",
    ST_MISSING = "missing" / "缺失",
    ST_INFERRED = "inferred" / "推算",
    ST_CORRECTED = "corrected" / "已更正",
    ST_WARNING = "warning" / "提示",
    ST_INVOLVED = "in a failing identity" / "属于不成立的勾稽关系",
    ST_AMBIGUOUS = "ambiguous" / "有歧义",
    ST_ERROR = "error" / "错误",

    // config.rs
    CONFIG_AMBIGUOUS = "{path}: ambiguous_width must be 1 or 2; using 1"
        / "{path}：ambiguous_width 必须是 1 或 2；使用 1",
    CONFIG_LANG = "{path}: lang must be \"zh\" or \"en\"; using the environment's"
        / "{path}：lang 必须是 \"zh\" 或 \"en\"；按环境变量选择语言",
    CONFIG_BAD = "{path}: {e}; using the defaults" / "{path}：{e}；使用默认设置",

    // value.rs: why a typed value is refused
    V_SPACE = "a space inside the number: type one number" / "数字中间有空格：请只输入一个数",
    V_CHINESE = "Chinese numerals are not read: type the digits" / "不识别中文数字：请输入阿拉伯数字",
    V_EXPONENT = "write the number out in digits (no exponent)" / "请完整写出数字（不用指数）",
    V_NOT_NUMBER = "not a number" / "不是数字",
    V_UNIT_COUNT = "this cell counts items (件): no 元 or 万元" / "此单元格是件数（件）：不能用元或万元",
    V_UNIT_AMOUNT = "this cell is an amount in 万元: not 件" / "此单元格是金额（万元）：不能用件",
    V_NEGATIVE_COUNT = "a count cannot be negative" / "件数不能为负",
    V_NEGATIVE_AMOUNT = "an amount cannot be negative" / "金额不能为负",
    V_FRACTION = "a count is a whole number" / "件数必须是整数",

    // run.rs
    RUN_READ_ONLY = "read-only: another session holds this report's lock"
        / "只读：另一会话持有此报告的锁",
    RUN_TERMINAL = "cannot set up the terminal: {e}" / "无法设置终端：{e}",
    RUN_DRAWING = "drawing failed: {e}" / "绘制屏幕失败：{e}",
    RUN_KEYS = "reading keys failed: {e}" / "读取按键失败：{e}",
    RUN_DEMO_DIR = "{dir}: cannot create: {e}" / "{dir}：无法创建：{e}",
    RUN_DEMO_WRITE = "{path}: cannot write the demo report: {e}" / "{path}：无法写入示例报告：{e}",
}

/// A rule's formula as the explain box gives it: the catalogue's (English) in English,
/// its zh-CN wording in Chinese.
pub fn formula(r: &crate::check::rules::Rule) -> &'static str {
    if crate::lang::current() == crate::lang::Lang::En {
        return r.formula;
    }
    formula_zh(r.id).unwrap_or(r.formula)
}

fn formula_zh(id: &str) -> Option<&'static str> {
    Some(match id {
        "T3-BALANCE" => "t3 每一列：新收 + 上年结转 = 办理结果总计 + 结转下年度（第一项加第二项之和，等于第三项加第四项之和）",
        "T3-TOTAL" => "t3 每一列：（七）总计 = 各办理结果行之和（予以公开 … 其他处理）",
        "T3-ROWSUM" => "t3 每一行：总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他",
        "T4-SUM" => "t4 每一行：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
        "SUBTOTAL" => "报告自加的小计等于其所含各行之和",
        "VALUE-NEGATIVE" => "件数不小于 0（只有本年增/减可以为负）",
        "VALUE-FRACTION" => "件数为整数；金额可以有小数",
        "VALUE-UNREADABLE" => "单元格的内容是数字（不是 /、—、无、- 或空白）",
        "FORMAT-NONE" => "文件含有国家格式（2019 或 2021）的表格",
        "PARSE-TABLE-MISSING" => "t2、t3、t4 三张表都在",
        "PARSE-ROW-MISSING" => "格式中的每一行都在其表中",
        "PARSE-COUNT" => "每行的数值个数与列数相同",
        "PARSE-LABEL" => "每行由其本身的行名识别",
        "PARSE-AMBIGUOUS" => "连写的数字只有一种勾稽关系允许的拆分",
        "PARSE-SEGMENTED" => "连写的数字已拆分（勾稽关系只允许这一种拆分）",
        "DECODE-REPLACED" => "报告的每个字节在其编码中都有效",
        "FORMAT-OUTDATED" => "2019、2020 年度报告用 2019 格式；2021 年度起用 2021 格式",
        "SECTION-MISSING" => "一 总体情况 … 六 其他需要报告的事项 六个部分齐全",
        "T2-AMOUNT-UNIT" => "金额以万元计，且与事项数量相称",
        "T2-PUBLISHED" => "2019 格式：对外公开总数量 ≥ 本年新公开数量，制作的文件均已公开",
        "T2-IN-FORCE" => "2021 格式：本年制发 > 0 则现行有效 > 0",
        "T3-CARRY-SIZE" => "t3 每一列：结转下年度 ≤ 新收 + 上年结转",
        "TEXT-REQUESTS" => "正文所说的申请数（共收到…申请N件）等于 t3 新收总计",
        "TEXT-OUTCOMES" => "正文所说的办理结果（予以公开N件 …）等于 t3 的相应合计",
        "TEXT-LITIGATION" => "正文的行政复议N件 / 行政诉讼M件 等于 t4 的总计",
        "TEXT-DOCUMENTS" => "正文所说的规章和规范性文件（制发…N件、废止…N件、现行有效…N件）等于 t2",
        "YOY-CARRY" => "t3 每一列：本年上年结转 = 上年结转下年度继续办理",
        "YOY-IN-FORCE" => "两年均为 2021 格式：上年现行有效 + 本年制发 − 本年废止 = 本年现行有效（文件也可能失效）",
        "YOY-PUBLISHED" => "两年均为 2019 格式：上年对外公开总数量 + 本年新公开数量 = 本年对外公开总数量",
        "YOY-ITEMS" => "两年均为 2019 格式：上年项目数量 + 本年增/减 = 本年的上一年项目数量",
        "YOY-AGENCY" => "两份报告是同一机关，年度相连",
        "CORRECTION-STALE" => "更正只在其单元格仍读作更正时的内容时适用（报告的 sha256，否则当时单元格的值）",
        "CORRECTION-CHANGED" => "更正是在同一份报告（相同 sha256）上做的",
        "CORRECTION-SKIPPED" => "记录（更正文件和日志）的每一条都能读取和应用",
        "DISPOSITION-STALE" => "审核人确认或排除的每个问题仍然存在（或其单元格的更正说明了为何不再存在）",
        "TEXT-COPIED" => "本年正文（表格之外）与上年相同的部分低于阈值",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_rule_has_its_formula_in_chinese() {
        for r in crate::check::rules::CATALOGUE {
            assert!(super::formula_zh(r.id).is_some(), "{}", r.id);
        }
    }

    #[test]
    fn both_languages_have_the_same_placeholders() {
        crate::lang::assert_catalogue(super::ALL);
    }
}
