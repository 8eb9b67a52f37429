//! A report's review state, as its trail says: new (nothing recorded), in progress
//! (something recorded), reviewed (a reviewer marked it so) or signed off (a second
//! reviewer, not the first, confirmed the review).

use super::corrections::{Entry, Kind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ReviewState {
    New,
    InProgress,
    Reviewed,
    SignedOff,
}

impl ReviewState {
    /// The name in files and JSON.
    pub fn name(self) -> &'static str {
        match self {
            ReviewState::New => "new",
            ReviewState::InProgress => "in_progress",
            ReviewState::Reviewed => "reviewed",
            ReviewState::SignedOff => "signed_off",
        }
    }
}

/// Who did something, and when (UTC, RFC 3339).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub reviewer: String,
    pub time: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    pub state: ReviewState,
    pub reviewed: Option<Mark>,
    pub signed_off: Option<Mark>,
}

fn mark(e: &Entry) -> Mark {
    Mark {
        reviewer: e.reviewer.clone(),
        time: e.time.clone(),
    }
}

/// The review state a trail leaves: the last `review` entry decides; a sign-off counts
/// only over a review by someone else.
pub fn review(trail: &[Entry]) -> Review {
    let (mut reviewed, mut signed_off) = (None, None);
    for e in trail.iter().filter(|e| e.kind == Kind::Review) {
        match e.new.as_deref() {
            Some("reviewed") => (reviewed, signed_off) = (Some(mark(e)), None),
            Some("signed_off") => {
                let by_other = reviewed
                    .as_ref()
                    .is_some_and(|r: &Mark| r.reviewer != e.reviewer);
                signed_off = by_other.then(|| mark(e));
            }
            _ => (reviewed, signed_off) = (None, None),
        }
    }
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
    use crate::record::corrections::Act;

    fn entry(kind: Kind, new: Option<&str>, who: &str) -> Entry {
        Entry {
            seq: 1,
            kind,
            action: Act::Set,
            of: None,
            cell: String::new(),
            old: None,
            new: new.map(str::to_string),
            reason: String::new(),
            reviewer: who.to_string(),
            time: "2026-12-05T10:00:00Z".to_string(),
            sha256: None,
        }
    }

    #[test]
    fn a_sign_off_counts_only_from_a_second_reviewer() {
        assert_eq!(review(&[]).state, ReviewState::New);
        let fix = entry(Kind::Correction, Some("3"), "wang");
        assert_eq!(
            review(std::slice::from_ref(&fix)).state,
            ReviewState::InProgress
        );
        let done = entry(Kind::Review, Some("reviewed"), "wang");
        let own = entry(Kind::Review, Some("signed_off"), "wang");
        let other = entry(Kind::Review, Some("signed_off"), "li");
        let t = [fix.clone(), done.clone(), own];
        assert_eq!(review(&t).state, ReviewState::Reviewed);
        let r = review(&[fix.clone(), done.clone(), other]);
        assert_eq!(r.state, ReviewState::SignedOff);
        assert_eq!(r.signed_off.unwrap().reviewer, "li");
        let undone = entry(Kind::Review, None, "wang");
        assert_eq!(review(&[fix, done, undone]).state, ReviewState::InProgress);
    }
}
