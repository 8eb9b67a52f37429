//! What a reviewer saves: corrections with their audit trail, the journal that keeps
//! unwritten edits across a crash, and the lock that gives one session the right to write.
//! Uses `model` only.

pub mod corrections;
