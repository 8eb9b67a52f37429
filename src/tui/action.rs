//! Every action of the review screen, in one registry: the keymap files name these,
//! each mode of the screen has its table of them ([`Table`]), and the help overlay and
//! the hint line ([`HintAt`]) are generated from it, so they never lie.

use std::fmt;

macro_rules! actions {
    ($( $variant:ident = $name:literal : $help:literal ),* $(,)?) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Action { $($variant),* }

        impl Action {
            pub const ALL: &'static [Action] = &[$(Action::$variant),*];
            /// The name used in keymap files.
            pub fn name(self) -> &'static str {
                match self { $(Action::$variant => $name),* }
            }
            pub fn help(self) -> &'static str {
                match self { $(Action::$variant => $help),* }
            }
            pub fn from_name(s: &str) -> Option<Action> {
                match s { $($name => Some(Action::$variant),)* _ => None }
            }
        }
    };
}

actions! {
    MoveUp = "move_up": "previous row / scroll up",
    MoveDown = "move_down": "next row / scroll down",
    MoveLeft = "move_left": "previous column",
    MoveRight = "move_right": "next column",
    PageUp = "page_up": "page up",
    PageDown = "page_down": "page down",
    Top = "top": "first row / top of text",
    Bottom = "bottom": "last row / end of text",
    NextTable = "next_table": "next table (t2 → t3 → t4)",
    PrevTable = "prev_table": "previous table",
    NextPane = "next_pane": "focus the next pane",
    PrevPane = "prev_pane": "focus the previous pane",
    NextError = "next_error": "next cell with an error",
    PrevError = "prev_error": "previous cell with an error",
    NextWarning = "next_warning": "next cell with a warning",
    PrevWarning = "prev_warning": "previous cell with a warning",
    Findings = "findings": "focus the findings list",
    Activate = "activate": "edit the cell / jump to the finding",
    Explain = "explain": "explain the findings on this cell",
    Search = "search": "search the report text",
    SearchNext = "search_next": "next search match",
    SearchPrev = "search_prev": "previous search match",
    GotoLine = "goto_line": "go to a line of the text",
    Edit = "edit": "correct the selected cell",
    Undo = "undo": "undo the last correction (kept in the trail)",
    Redo = "redo": "redo (kept in the trail)",
    Write = "write": "write the corrections file",
    Copy = "copy": "copy the cell or finding (OSC 52)",
    ToggleRaw = "toggle_raw": "show / hide the report text",
    ToggleFindings = "toggle_findings": "show / hide the findings",
    Zoom = "zoom": "zoom the focused pane",
    Diff = "diff": "diff against the prior year's report (--prior)",
    NextChange = "next_change": "next change in the year diff",
    PrevChange = "prev_change": "previous change in the year diff",
    PageLeft = "page_left": "year diff: the previous page of columns",
    PageRight = "page_right": "year diff: the next page of columns",
    ToggleMouse = "toggle_mouse": "mouse on / off",
    ConfirmFinding = "confirm_finding": "confirm the finding: a defect of the report (again: withdraw)",
    DismissFinding = "dismiss_finding": "dismiss the finding, with a reason (it no longer counts)",
    Note = "note": "a note on the selected cell (empty removes it)",
    MarkReviewed = "mark_reviewed": "mark the report reviewed",
    SignOff = "sign_off": "sign off the review (a second reviewer)",
    History = "history": "the history: every correction, disposition and note",
    Help = "help": "this help",
    Quit = "quit": "quit (asks when corrections are unwritten)",
    NextReport = "next_report": "folder review: write and open the next report",
    PrevReport = "prev_report": "folder review: write and open the previous report",
    Sort = "sort": "folder review: sort by agency, year, errors, state",
    OnlyUnreviewed = "only_unreviewed": "folder review: only reports not yet reviewed",
    OnlyErrors = "only_errors": "folder review: only reports with errors",
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
    pub fn what(self) -> &'static str {
        match self {
            Table::Normal => "the screen",
            Table::Prompt => "in a prompt (value, reason, search, line)",
            Table::Pick => "picking a reading",
            Table::Scroll => "in help and explain",
            Table::Quit => "at the quit question",
            Table::Inbox => "in the folder review's list of reports",
        }
    }

    /// The actions this table binds and what each does there (every action, for the
    /// normal table).
    pub fn actions(self) -> &'static [(Action, &'static str)] {
        match self {
            Table::Normal => &[],
            Table::Prompt => &[(Action::Activate, "confirm")],
            Table::Pick => &[
                (Action::MoveUp, "previous reading"),
                (Action::MoveDown, "next reading"),
                (Action::Activate, "take this reading"),
                (Action::Edit, "type a value"),
            ],
            Table::Scroll => &[
                (Action::MoveUp, "scroll up"),
                (Action::MoveDown, "scroll down"),
                (Action::PageUp, "page up"),
                (Action::PageDown, "page down"),
            ],
            Table::Quit => &[
                (Action::Write, "write and quit"),
                (Action::Quit, "quit without writing"),
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
    pub fn label(self) -> &'static str {
        match self {
            Action::Edit => "edit",
            Action::Explain => "explain",
            Action::NextError => "next error",
            Action::NextWarning => "next warning",
            Action::NextTable => "table",
            Action::NextPane => "pane",
            Action::Undo => "undo",
            Action::Write => "write",
            Action::Help => "help",
            Action::Quit => "quit",
            Action::Search => "search",
            Action::SearchNext => "next match",
            Action::GotoLine => "go to line",
            Action::ToggleRaw => "hide text",
            Action::Activate => "jump",
            Action::Copy => "copy",
            Action::Diff => "year diff",
            Action::NextChange => "next change",
            Action::PrevChange => "previous change",
            Action::ConfirmFinding => "confirm",
            Action::DismissFinding => "dismiss",
            Action::Note => "note",
            Action::History => "history",
            _ => self.name(),
        }
    }
}

/// The inbox's actions and what each does there.
const INBOX: &[(Action, &str)] = &[
    (Action::MoveUp, "previous report"),
    (Action::MoveDown, "next report"),
    (Action::PageUp, "page up"),
    (Action::PageDown, "page down"),
    (Action::Top, "first report"),
    (Action::Bottom, "last report"),
    (Action::Activate, "open the report"),
    (Action::Search, "filter by agency or file name"),
    (Action::Sort, "sort by agency, year, errors, state"),
    (Action::OnlyUnreviewed, "only reports not yet reviewed"),
    (Action::OnlyErrors, "only reports with errors"),
    (Action::Quit, "quit"),
];

/// One item of the hint line.
#[derive(Debug, Clone, Copy)]
pub enum Hint {
    /// The action's first key and its label.
    Key(Action),
    /// The first keys of these actions joined by `/`, under one label.
    Keys(&'static [Action], &'static str),
    /// Keys no keymap binds: esc, and the editing keys of a prompt.
    Text(&'static str),
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
                Keys(&[A::MoveUp, A::MoveDown], "move"),
                Keys(&[A::Activate], "go to its cell"),
                Key(A::Undo),
                Keys(&[A::History], "close"),
                Text("esc close"),
            ],
            HintAt::Ask => &[Keys(&[A::Activate], "record"), Text("esc cancel")],
            HintAt::Diff => &[
                Keys(&[A::NextChange, A::PrevChange], "next/prev change"),
                Keys(&[A::PageLeft, A::PageRight], "columns"),
                Keys(&[A::Diff], "close diff"),
                Key(A::Help),
                Key(A::Quit),
                Text("esc close"),
            ],
            HintAt::Edit => &[
                Keys(&[A::Activate], "confirm"),
                Text("esc cancel"),
                Text("ctrl-u clear"),
                Text("paste works"),
            ],
            HintAt::Reason => &[
                Keys(&[A::Activate], "record the correction"),
                Text("esc cancel"),
            ],
            HintAt::Go => &[Keys(&[A::Activate], "go"), Text("esc cancel")],
            HintAt::Pick => &[
                Keys(&[A::MoveUp, A::MoveDown], "choose"),
                Keys(&[A::Activate], "take this reading"),
                Keys(&[A::Edit], "type a value"),
                Text("esc cancel"),
            ],
            HintAt::Scroll => &[Keys(&[A::MoveUp, A::MoveDown], "scroll"), Text("esc close")],
            HintAt::Quit => &[
                Keys(&[A::Write], "write and quit"),
                Keys(&[A::Quit], "quit"),
                Text("esc stay"),
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
