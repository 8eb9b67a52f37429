//! The language people read: zh-CN or English. Chosen once when the program starts
//! (`--lang`, else `LC_ALL` / `LC_MESSAGES` / `LANG`: `zh_*` is Chinese); the library's
//! default is English. A thread may speak another language for a while ([`with`]), so
//! tests of both languages can run side by side.

use std::cell::Cell;
use std::sync::atomic::{AtomicU8, Ordering};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Zh,
}

static CHOSEN: AtomicU8 = AtomicU8::new(0);

thread_local! {
    static THIS_THREAD: Cell<Option<Lang>> = const { Cell::new(None) };
}

impl Lang {
    /// `zh`, `zh-CN`, `zh_CN.UTF-8` → Chinese; `en…`, `C`, `POSIX` → English.
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        if s.starts_with("zh") {
            Some(Lang::Zh)
        } else if s.starts_with("en") || s == "c" || s.starts_with("c.") || s == "posix" {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The language the environment asks for: the first of `LC_ALL`, `LC_MESSAGES` and
    /// `LANG` that is set and not empty (as POSIX orders them).
    pub fn from_env() -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty())
            .and_then(|v| Lang::parse(&v))
            .unwrap_or(Lang::En)
    }
}

/// Sets the program's language (once, at start).
pub fn set(lang: Lang) {
    CHOSEN.store(lang as u8, Ordering::Relaxed);
}

/// The language to speak now: this thread's, else the program's.
pub fn current() -> Lang {
    THIS_THREAD
        .with(|t| t.get())
        .unwrap_or(match CHOSEN.load(Ordering::Relaxed) {
            1 => Lang::Zh,
            _ => Lang::En,
        })
}

/// Runs `f` with this thread speaking `lang`.
pub fn with<T>(lang: Lang, f: impl FnOnce() -> T) -> T {
    let before = THIS_THREAD.with(|t| t.replace(Some(lang)));
    let out = f();
    THIS_THREAD.with(|t| t.set(before));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_name_their_language() {
        assert_eq!(Lang::parse("zh_CN.UTF-8"), Some(Lang::Zh));
        assert_eq!(Lang::parse("zh-TW"), Some(Lang::Zh));
        assert_eq!(Lang::parse("en_US.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::parse("C.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::parse("fr_FR"), None);
        assert_eq!(with(Lang::Zh, current), Lang::Zh);
    }
}
