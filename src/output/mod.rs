//! What leaves the program: the output of `check`, `diff` and `export` (readable text,
//! JSON, JSON lines, CSV), the memos to agencies, and the rules for text bound for a terminal: every string
//! from a report or a file name passes through one sanitiser, colour is decided in one
//! place. Uses `model` and `check`.

pub mod check;
pub mod diff;
pub mod export;
pub mod memo;
pub mod terminal;
