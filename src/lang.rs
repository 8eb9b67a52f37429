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

/// One message of the catalogue, in both languages. Each part of the program keeps its
/// messages in a `says` module written with [`messages!`], so a message without its
/// Chinese (or English) does not compile; `{name}` placeholders are filled by [`Msg::fill`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Msg {
    pub en: &'static str,
    pub zh: &'static str,
}

impl Msg {
    /// The message in the language spoken now.
    pub fn get(self) -> &'static str {
        match current() {
            Lang::En => self.en,
            Lang::Zh => self.zh,
        }
    }

    /// The message with its `{name}`s replaced by the values given.
    pub fn fill(self, args: &[(&str, &dyn std::fmt::Display)]) -> String {
        fill(self.get(), args)
    }
}

impl std::fmt::Display for Msg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.get())
    }
}

/// Declares a catalogue: `NAME = "English" / "中文",` each; also `ALL`, every message
/// of it, for the test that holds both languages to the same placeholders.
#[macro_export]
macro_rules! messages {
    ($($(#[$doc:meta])* $name:ident = $en:literal / $zh:literal,)*) => {
        $($(#[$doc])* pub const $name: $crate::lang::Msg = $crate::lang::Msg { en: $en, zh: $zh };)*
        /// Every message of this catalogue.
        #[allow(dead_code)]
        pub const ALL: &[(&str, $crate::lang::Msg)] = &[$((stringify!($name), $name)),*];
    };
}

/// A template with its `{name}`s replaced by the values given, in one pass (a value
/// may itself hold braces: a phrase quoted from the report).
pub fn fill(template: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        let name = &rest[open + 1..close];
        match args.iter().find(|(n, _)| *n == name) {
            Some((_, v)) => out.push_str(&v.to_string()),
            None => out.push_str(&rest[open..=close]),
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// The `{name}`s of a template, sorted: a message's two languages must have the same.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut v: Vec<&str> = template
        .split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(n, _)| n))
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Holds a catalogue's two languages to the same placeholders (for each `says` test).
pub fn assert_catalogue(all: &[(&str, Msg)]) {
    for (name, m) in all {
        assert_eq!(placeholders(m.en), placeholders(m.zh), "{name}: {m:?}");
        assert!(!m.zh.is_empty() && !m.en.is_empty(), "{name} is empty");
    }
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
