//! What a reviewer saves: corrections with their audit trail, the journal that keeps
//! unwritten edits across a crash, the lock that gives one session the right to write,
//! how a trail is bound to the text it corrected, and the directories nianbao keeps its
//! own files in.
//! Uses `model` only.

pub mod bind;
pub mod corrections;
pub mod dirs;
pub mod journal;
pub mod lock;
pub mod marks;
pub mod review;
