//! The review screen: raw report beside its tables, rule-breaking cells marked,
//! corrections from the keyboard. The session's data in [`session`], the screen's
//! state and `update` (the only writer of either) in [`app`], drawing in [`view`]
//! (with [`diffview`] and [`draw`]), the panes' places in [`layout`], actions and
//! their per-mode keymap tables in [`action`] and [`keymap`], terminal and files at
//! the edge in [`run`], folder review (the inbox: [`inbox`], [`inboxview`], its edge
//! [`folder`]), a typed cell value read as its type in [`value`], findings confirmed or
//! dismissed, notes and review marks in [`audit`] with the history panel drawn by
//! [`history`]. Dependencies point one way: view → app → session, and
//! layout, diffview and action depend on none of them.

pub mod action;
pub mod app;
pub mod audit;
pub mod config;
pub mod diffview;
pub mod draw;
pub mod folder;
pub mod history;
pub mod inbox;
pub mod inboxview;
pub mod keymap;
pub mod layout;
pub mod run;
pub mod says;
pub mod session;
pub mod value;
pub mod view;
