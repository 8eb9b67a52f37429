//! What leaves the program: the JSON and CSV exports, and text bound for a terminal
//! (every byte of a report passes through one sanitiser). Uses `model` and `check`.

pub mod export;
pub mod terminal;
