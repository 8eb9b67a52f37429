//! The review screen: raw report beside its tables, rule-breaking cells marked,
//! corrections from the keyboard. State and `update` in [`app`], drawing in [`view`],
//! terminal and files at the edge in [`run`].

pub mod action;
pub mod app;
pub mod config;
pub mod diffview;
pub mod draw;
pub mod keymap;
pub mod run;
pub mod view;
