//! Every action of the review screen, in one registry: the keymap files name these,
//! and the help overlay and the hint line are generated from it, so they never lie.

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
    ToggleMouse = "toggle_mouse": "mouse on / off",
    Help = "help": "this help",
    Quit = "quit": "quit (asks when corrections are unwritten)",
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
