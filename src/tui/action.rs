//! Every action of the review screen, in one registry: the keymap files name these,
//! each mode of the screen has its table of them ([`Table`]), and the help overlay and
//! the hint line ([`HintAt`]) are generated from it, so they never lie.

use super::says as w;
use crate::lang::Msg;
use std::fmt;

macro_rules! actions {
    ($( $variant:ident = $name:literal : $help:literal / $zh:literal ),* $(,)?) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Action { $($variant),* }

        impl Action {
            pub const ALL: &'static [Action] = &[$(Action::$variant),*];
            /// The name used in keymap files.
            pub fn name(self) -> &'static str {
                match self { $(Action::$variant => $name),* }
            }
            /// What the action does, for the help overlay (English / zh-CN).
            pub fn help(self) -> crate::lang::Msg {
                match self { $(Action::$variant => crate::lang::Msg { en: $help, zh: $zh }),* }
            }
            pub fn from_name(s: &str) -> Option<Action> {
                match s { $($name => Some(Action::$variant),)* _ => None }
            }
        }
    };
}

actions! {
    MoveUp = "move_up": "previous row / scroll up" / "上一行 / 向上滚动",
    MoveDown = "move_down": "next row / scroll down" / "下一行 / 向下滚动",
    MoveLeft = "move_left": "previous column" / "上一列",
    MoveRight = "move_right": "next column" / "下一列",
    PageUp = "page_up": "page up" / "上一页",
    PageDown = "page_down": "page down" / "下一页",
    Top = "top": "first row / top of text" / "第一行 / 原文开头",
    Bottom = "bottom": "last row / end of text" / "最后一行 / 原文末尾",
    NextTable = "next_table": "next table (t2 → t3 → t4)" / "下一张表（t2 → t3 → t4）",
    PrevTable = "prev_table": "previous table" / "上一张表",
    NextPane = "next_pane": "focus the next pane" / "转到下一个窗格",
    PrevPane = "prev_pane": "focus the previous pane" / "转到上一个窗格",
    NextError = "next_error": "next error (the cell to fix first)" / "下一个错误（先到应更正的单元格）",
    PrevError = "prev_error": "previous error" / "上一个错误",
    NextWarning = "next_warning": "next warning" / "下一个提示",
    PrevWarning = "prev_warning": "previous warning" / "上一个提示",
    Findings = "findings": "focus the findings list" / "转到问题列表",
    Activate = "activate": "edit the cell / jump to the finding" / "更正单元格 / 跳到所选问题",
    Explain = "explain": "explain the findings on this cell" / "说明此单元格上的问题",
    Search = "search": "search the report text" / "搜索报告原文",
    SearchNext = "search_next": "next search match" / "下一处匹配",
    SearchPrev = "search_prev": "previous search match" / "上一处匹配",
    GotoLine = "goto_line": "go to a line of the text" / "转到原文某行",
    Edit = "edit": "correct the selected cell" / "更正所选单元格",
    Undo = "undo": "undo the last correction (kept in the trail)" / "撤销上一次更正（记录中保留）",
    Redo = "redo": "redo (kept in the trail)" / "重做（记录中保留）",
    Write = "write": "write the corrections file" / "写入更正文件",
    Copy = "copy": "copy the cell or finding (OSC 52)" / "复制单元格或问题（OSC 52）",
    ToggleRaw = "toggle_raw": "show / hide the report text" / "显示 / 隐藏报告原文",
    ToggleFindings = "toggle_findings": "show / hide the findings" / "显示 / 隐藏问题列表",
    Zoom = "zoom": "zoom the focused pane" / "放大当前窗格",
    Diff = "diff": "diff against the prior year's report (--prior)" / "与上年报告对比（--prior）",
    NextChange = "next_change": "next change in the year diff" / "年度对比中的下一处变化",
    PrevChange = "prev_change": "previous change in the year diff" / "年度对比中的上一处变化",
    PageLeft = "page_left": "year diff: the previous page of columns" / "年度对比：前一页列",
    PageRight = "page_right": "year diff: the next page of columns" / "年度对比：后一页列",
    ToggleMouse = "toggle_mouse": "mouse on / off" / "开启 / 关闭鼠标",
    ConfirmFinding = "confirm_finding": "confirm the finding: a defect of the report (again: withdraw)" / "确认此问题为报告缺陷（再按一次撤回）",
    DismissFinding = "dismiss_finding": "dismiss the finding, with a reason (it no longer counts)" / "排除此问题并说明理由（不再计入）",
    Note = "note": "a note on the selected cell (empty removes it)" / "为所选单元格加备注（留空即删除）",
    MarkReviewed = "mark_reviewed": "mark the report reviewed" / "将报告标为已审核",
    SignOff = "sign_off": "sign off the review (a second reviewer)" / "复核签发（由另一审核人）",
    History = "history": "the history: every correction, disposition and note" / "历史记录：每条更正、问题处理和备注",
    Help = "help": "this help" / "本帮助",
    Quit = "quit": "quit (asks when corrections are unwritten)" / "退出（有未写入的更正时会询问）",
    NextReport = "next_report": "folder review: write and open the next report" / "目录审核：写入并打开下一份报告",
    PrevReport = "prev_report": "folder review: write and open the previous report" / "目录审核：写入并打开上一份报告",
    Sort = "sort": "folder review: sort by agency, year, errors, state" / "目录审核：按机关、年度、错误、状态排序",
    OnlyUnreviewed = "only_unreviewed": "folder review: only reports not yet reviewed" / "目录审核：仅显示未审核的报告",
    OnlyErrors = "only_errors": "folder review: only reports with errors" / "目录审核：仅显示有错误的报告",
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The keymap tables: each mode of the screen reads keys through its own, named by
/// its section in keymap files (`[keys]` is the normal screen's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Table {
    /// The screen itself and the year diff.
    Normal,
    /// Typing a value, a reason, a search or a line number; unbound keys are typed.
    Prompt,
    /// Choosing a reading of glued digits.
    Pick,
    /// The help and explain overlays; an action of the normal table closes them.
    Scroll,
    /// The question before quitting with unwritten corrections.
    Quit,
    /// The folder review's list of reports (the inbox).
    Inbox,
}

impl Table {
    pub const ALL: &'static [Table] = &[
        Table::Normal,
        Table::Prompt,
        Table::Pick,
        Table::Scroll,
        Table::Quit,
        Table::Inbox,
    ];

    /// The section of keymap files that binds this table's keys.
    pub fn section(self) -> &'static str {
        match self {
            Table::Normal => "keys",
            Table::Prompt => "prompt",
            Table::Pick => "pick",
            Table::Scroll => "scroll",
            Table::Quit => "quit",
            Table::Inbox => "inbox",
        }
    }

    pub fn from_section(s: &str) -> Option<Table> {
        Table::ALL.iter().copied().find(|t| t.section() == s)
    }

    /// Where the table is in force, for the help overlay.
    pub fn what(self) -> Msg {
        match self {
            Table::Normal => w::WHAT_SCREEN,
            Table::Prompt => w::WHAT_PROMPT,
            Table::Pick => w::WHAT_PICK,
            Table::Scroll => w::WHAT_SCROLL,
            Table::Quit => w::WHAT_QUIT,
            Table::Inbox => w::WHAT_INBOX,
        }
    }

    /// The actions this table binds and what each does there (every action, for the
    /// normal table).
    pub fn actions(self) -> &'static [(Action, Msg)] {
        match self {
            Table::Normal => &[],
            Table::Prompt => &[(Action::Activate, w::DO_CONFIRM)],
            Table::Pick => &[
                (Action::MoveUp, w::DO_PREV_READING),
                (Action::MoveDown, w::DO_NEXT_READING),
                (Action::Activate, w::DO_TAKE_READING),
                (Action::Edit, w::DO_TYPE_VALUE),
            ],
            Table::Scroll => &[
                (Action::MoveUp, w::DO_SCROLL_UP),
                (Action::MoveDown, w::DO_SCROLL_DOWN),
                (Action::PageUp, w::DO_PAGE_UP),
                (Action::PageDown, w::DO_PAGE_DOWN),
            ],
            Table::Quit => &[
                (Action::Write, w::DO_WRITE_QUIT),
                (Action::Quit, w::DO_QUIT_NO_WRITE),
            ],
            Table::Inbox => INBOX,
        }
    }

    /// Whether keymap files may bind `a` in this table.
    pub fn allows(self, a: Action) -> bool {
        self == Table::Normal || self.actions().iter().any(|(b, _)| *b == a)
    }
}

impl Action {
    /// The action's name on the hint line of the normal screen.
    pub fn label(self) -> Msg {
        match self {
            Action::Edit => w::L_EDIT,
            Action::Explain => w::L_EXPLAIN,
            Action::NextError => w::L_NEXT_ERROR,
            Action::NextWarning => w::L_NEXT_WARNING,
            Action::NextTable => w::L_TABLE,
            Action::NextPane => w::L_PANE,
            Action::Undo => w::L_UNDO,
            Action::Write => w::L_WRITE,
            Action::Help => w::L_HELP,
            Action::Quit => w::L_QUIT,
            Action::Search => w::L_SEARCH,
            Action::SearchNext => w::L_NEXT_MATCH,
            Action::GotoLine => w::L_GOTO,
            Action::ToggleRaw => w::L_HIDE_TEXT,
            Action::Activate => w::L_JUMP,
            Action::Copy => w::L_COPY,
            Action::Diff => w::L_DIFF,
            Action::NextChange => w::L_NEXT_CHANGE,
            Action::PrevChange => w::L_PREV_CHANGE,
            Action::ConfirmFinding => w::L_CONFIRM,
            Action::DismissFinding => w::L_DISMISS,
            Action::Note => w::L_NOTE,
            Action::History => w::L_HISTORY,
            _ => Msg {
                en: self.name(),
                zh: self.help().zh,
            },
        }
    }
}

/// The inbox's actions and what each does there.
const INBOX: &[(Action, Msg)] = &[
    (Action::MoveUp, w::DO_PREV_REPORT),
    (Action::MoveDown, w::DO_NEXT_REPORT),
    (Action::PageUp, w::DO_PAGE_UP),
    (Action::PageDown, w::DO_PAGE_DOWN),
    (Action::Top, w::DO_FIRST_REPORT),
    (Action::Bottom, w::DO_LAST_REPORT),
    (Action::Activate, w::DO_OPEN_REPORT),
    (Action::Search, w::DO_FILTER),
    (Action::Sort, w::DO_SORT),
    (Action::OnlyUnreviewed, w::DO_ONLY_UNREVIEWED),
    (Action::OnlyErrors, w::DO_ONLY_ERRORS),
    (Action::Quit, w::L_QUIT),
];

/// One item of the hint line.
#[derive(Debug, Clone, Copy)]
pub enum Hint {
    /// The action's first key and its label.
    Key(Action),
    /// The first keys of these actions joined by `/`, under one label.
    Keys(&'static [Action], Msg),
    /// Keys no keymap binds: esc, and the editing keys of a prompt.
    Text(Msg),
}

/// Where the hint line is, which decides what it offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HintAt {
    Tables {
        prior: bool,
    },
    Raw,
    Findings,
    Diff,
    /// The history panel.
    History,
    Edit,
    Reason,
    /// The reason for a dismissal, or a note.
    Ask,
    /// Search or go to line.
    Go,
    Pick,
    Scroll,
    Quit,
}

impl HintAt {
    /// The table whose keys the hints show.
    pub fn table(self) -> Table {
        match self {
            HintAt::Tables { .. }
            | HintAt::Raw
            | HintAt::Findings
            | HintAt::Diff
            | HintAt::History => Table::Normal,
            HintAt::Edit | HintAt::Reason | HintAt::Go | HintAt::Ask => Table::Prompt,
            HintAt::Pick => Table::Pick,
            HintAt::Scroll => Table::Scroll,
            HintAt::Quit => Table::Quit,
        }
    }

    pub fn hints(self) -> &'static [Hint] {
        use Action as A;
        use Hint::{Key, Keys, Text};
        match self {
            HintAt::Tables { prior: true } => TABLES_WITH_PRIOR,
            HintAt::Tables { prior: false } => TABLES,
            HintAt::Raw => &[
                Key(A::Search),
                Key(A::SearchNext),
                Key(A::GotoLine),
                Key(A::NextPane),
                Key(A::ToggleRaw),
                Key(A::Help),
                Key(A::Quit),
            ],
            HintAt::Findings => &[
                Key(A::Activate),
                Key(A::ConfirmFinding),
                Key(A::DismissFinding),
                Key(A::Explain),
                Key(A::History),
                Key(A::Help),
                Key(A::Quit),
            ],
            HintAt::History => &[
                Keys(&[A::MoveUp, A::MoveDown], w::INBOX_HINT_MOVE),
                Keys(&[A::Activate], w::L_TO_CELL),
                Key(A::Undo),
                Keys(&[A::History], w::L_CLOSE),
                Text(w::L_ESC_CLOSE),
            ],
            HintAt::Ask => &[Keys(&[A::Activate], w::L_RECORD_IT), Text(w::L_ESC_CANCEL)],
            HintAt::Diff => &[
                Keys(&[A::NextChange, A::PrevChange], w::L_CHANGES),
                Keys(&[A::PageLeft, A::PageRight], w::L_COLUMNS),
                Keys(&[A::Diff], w::L_CLOSE_DIFF),
                Key(A::Help),
                Key(A::Quit),
                Text(w::L_ESC_CLOSE),
            ],
            HintAt::Edit => &[
                Keys(&[A::Activate], w::DO_CONFIRM),
                Text(w::L_ESC_CANCEL),
                Text(w::L_CLEAR),
                Text(w::L_PASTE),
            ],
            HintAt::Reason => &[Keys(&[A::Activate], w::L_RECORD), Text(w::L_ESC_CANCEL)],
            HintAt::Go => &[Keys(&[A::Activate], w::L_GO), Text(w::L_ESC_CANCEL)],
            HintAt::Pick => &[
                Keys(&[A::MoveUp, A::MoveDown], w::L_CHOOSE),
                Keys(&[A::Activate], w::DO_TAKE_READING),
                Keys(&[A::Edit], w::DO_TYPE_VALUE),
                Text(w::L_ESC_CANCEL),
            ],
            HintAt::Scroll => &[
                Keys(&[A::MoveUp, A::MoveDown], w::L_SCROLL),
                Text(w::L_ESC_CLOSE),
            ],
            HintAt::Quit => &[
                Keys(&[A::Write], w::DO_WRITE_QUIT),
                Keys(&[A::Quit], w::L_QUIT),
                Text(w::L_ESC_STAY),
            ],
        }
    }
}

/// The tables pane's hints; with a prior report the year diff takes next warning's place.
const TABLES: &[Hint] = &[
    Hint::Key(Action::Edit),
    Hint::Key(Action::Explain),
    Hint::Key(Action::NextError),
    Hint::Key(Action::NextWarning),
    Hint::Key(Action::NextTable),
    Hint::Key(Action::NextPane),
    Hint::Key(Action::Undo),
    Hint::Key(Action::Write),
    Hint::Key(Action::Help),
    Hint::Key(Action::Quit),
];

const TABLES_WITH_PRIOR: &[Hint] = &[
    Hint::Key(Action::Edit),
    Hint::Key(Action::Explain),
    Hint::Key(Action::NextError),
    Hint::Key(Action::Diff),
    Hint::Key(Action::NextTable),
    Hint::Key(Action::NextPane),
    Hint::Key(Action::Undo),
    Hint::Key(Action::Write),
    Hint::Key(Action::Help),
    Hint::Key(Action::Quit),
];
