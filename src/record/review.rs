//! A report's review state, as its trail says: new (nothing recorded), in progress
//! (something recorded), reviewed (a reviewer marked it so) or signed off (a second
//! reviewer, not the first, confirmed the review).

use super::corrections::{Act, Entry, Kind};
use crate::model::marks::{Mark, Review, ReviewState};
use std::collections::HashMap;

fn mark(e: &Entry) -> Mark {
    Mark {
        reviewer: e.reviewer.clone(),
        time: e.time.clone(),
    }
}

type Marks = (Option<Mark>, Option<Mark>);

/// The marks after one `set` entry: `reviewed` starts a review (and clears a sign-off),
/// `signed_off` counts only over a review by someone else (else nothing changes), null
/// clears both.
fn set(before: &Marks, e: &Entry) -> Marks {
    let (reviewed, signed_off) = before.clone();
    match e.new.as_deref() {
        Some("reviewed") => (Some(mark(e)), None),
        Some("signed_off") => {
            let by_other = reviewed.as_ref().is_some_and(|r| r.reviewer != e.reviewer);
            match by_other {
                true => (reviewed, Some(mark(e))),
                false => (reviewed, signed_off),
            }
        }
        _ => (None, None),
    }
}

/// The review state a trail leaves. Each `review` entry sets the marks; an undo brings
/// back the marks from before the entry it undoes, a redo those after it (with who
/// made them and when, not who undid or redid).
pub fn review(trail: &[Entry]) -> Review {
    let mut now: Marks = (None, None);
    let mut before: HashMap<u64, Marks> = HashMap::new();
    let mut after: HashMap<u64, Marks> = HashMap::new();
    for e in trail.iter().filter(|e| e.kind == Kind::Review) {
        let restored = match (e.action, e.of) {
            (Act::Undo, Some(of)) => before.get(&of).cloned(),
            (Act::Redo, Some(of)) => after.get(&of).cloned(),
            _ => None,
        };
        now = match restored {
            Some(m) => m,
            None => {
                let next = set(&now, e);
                before.insert(e.seq, now);
                after.insert(e.seq, next.clone());
                next
            }
        };
    }
    let (reviewed, signed_off) = now;
    let state = match (&reviewed, &signed_off) {
        (_, Some(_)) => ReviewState::SignedOff,
        (Some(_), None) => ReviewState::Reviewed,
        (None, None) if trail.is_empty() => ReviewState::New,
        (None, None) => ReviewState::InProgress,
    };
    Review {
        state,
        reviewed,
        signed_off,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(seq: u64, kind: Kind, new: Option<&str>, who: &str) -> Entry {
        Entry {
            seq,
            kind,
            action: Act::Set,
            of: None,
            cell: String::new(),
            old: None,
            new: new.map(str::to_string),
            reason: String::new(),
            reviewer: who.to_string(),
            time: format!("2026-12-05T10:00:0{seq}Z"),
            sha256: None,
        }
    }

    #[test]
    fn a_sign_off_counts_only_from_a_second_reviewer() {
        assert_eq!(review(&[]).state, ReviewState::New);
        let fix = entry(1, Kind::Correction, Some("3"), "wang");
        assert_eq!(
            review(std::slice::from_ref(&fix)).state,
            ReviewState::InProgress
        );
        let done = entry(2, Kind::Review, Some("reviewed"), "wang");
        let own = entry(3, Kind::Review, Some("signed_off"), "wang");
        let other = entry(3, Kind::Review, Some("signed_off"), "li");
        let t = [fix.clone(), done.clone(), own.clone()];
        assert_eq!(review(&t).state, ReviewState::Reviewed);
        let r = review(&[fix.clone(), done.clone(), other.clone()]);
        assert_eq!(r.state, ReviewState::SignedOff);
        assert_eq!(r.signed_off.unwrap().reviewer, "li");
        // the reviewer's own sign-off after li's leaves li's standing
        let mut own_later = own;
        own_later.seq = 4;
        let r = review(&[fix.clone(), done.clone(), other, own_later]);
        assert_eq!(r.signed_off.unwrap().reviewer, "li");
        let undone = entry(4, Kind::Review, None, "wang");
        assert_eq!(review(&[fix, done, undone]).state, ReviewState::InProgress);
    }

    #[test]
    fn undoing_a_sign_off_brings_back_the_first_reviewers_mark() {
        let done = entry(1, Kind::Review, Some("reviewed"), "wang");
        let signed = entry(2, Kind::Review, Some("signed_off"), "li");
        let mut undo = entry(3, Kind::Review, Some("reviewed"), "li");
        (undo.action, undo.of) = (Act::Undo, Some(2));
        let r = review(&[done.clone(), signed.clone(), undo.clone()]);
        assert_eq!(r.state, ReviewState::Reviewed);
        assert_eq!(r.reviewed.as_ref().unwrap().reviewer, "wang", "not li");
        let mut redo = entry(4, Kind::Review, Some("signed_off"), "li");
        (redo.action, redo.of) = (Act::Redo, Some(2));
        let r = review(&[done, signed, undo, redo]);
        assert_eq!(r.state, ReviewState::SignedOff);
        assert_eq!(r.signed_off.unwrap().time, "2026-12-05T10:00:02Z");
    }
}
