//! Keymaps: TOML files that bind keys to actions, in layers.
//!
//! The compiled-in default, then the preset a file `extends`, then the user's file
//! (config directory, or `--keymap FILE`); each layer overrides single keys and
//! `"none"` unbinds. `[keys]` binds the normal screen; each other mode of the screen
//! has a section of its own (`[prompt]`, `[pick]`, `[scroll]`, `[quit]`, see
//! [`Table`]) that binds only the actions of that mode. A mistake stops the program with the file, the line and a
//! suggestion: a silent fallback would leave an auditor pressing keys that do nothing.

use super::action::{Action, Table};
use super::says as w;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

pub const PRESETS: &[(&str, &str)] = &[
    ("default", include_str!("../../keymaps/default.toml")),
    ("vim", include_str!("../../keymaps/vim.toml")),
    ("emacs", include_str!("../../keymaps/emacs.toml")),
];

/// A key as written in keymap files: `j`, `G`, `ctrl-r`, `alt-x`, `pagedown`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub code: KeyCodeOrd,
    pub ctrl: bool,
    pub alt: bool,
}

/// `KeyCode` with an order, for a stable printed keymap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyCodeOrd {
    Char(char),
    F(u8),
    Named(&'static str),
}

const NAMED: &[(&str, KeyCode)] = &[
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("enter", KeyCode::Enter),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("esc", KeyCode::Esc),
];

impl Key {
    pub fn parse(s: &str) -> Result<Key, String> {
        let mut ctrl = false;
        let mut alt = false;
        let mut rest = s;
        loop {
            if let Some(r) = rest
                .strip_prefix("ctrl-")
                .or_else(|| rest.strip_prefix("c-"))
            {
                ctrl = true;
                rest = r;
            } else if let Some(r) = rest
                .strip_prefix("alt-")
                .or_else(|| rest.strip_prefix("a-"))
            {
                alt = true;
                rest = r;
            } else {
                break;
            }
        }
        let code = if rest == "space" {
            KeyCodeOrd::Char(' ')
        } else if let Some((name, _)) = NAMED.iter().find(|(n, _)| *n == rest) {
            KeyCodeOrd::Named(name)
        } else if let Some(n) = rest
            .strip_prefix('f')
            .and_then(|n| n.parse::<u8>().ok())
            .filter(|n| (1..=12).contains(n))
        {
            KeyCodeOrd::F(n)
        } else {
            let mut chars = rest.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if !c.is_control() => {
                    KeyCodeOrd::Char(if ctrl { c.to_ascii_lowercase() } else { c })
                }
                _ => {
                    let names: Vec<&str> = NAMED
                        .iter()
                        .map(|(n, _)| *n)
                        .chain(["space", "f1"])
                        .collect();
                    let hint = suggest(rest, &names)
                        .map(|s| w::K_DID_YOU_MEAN.fill(&[("s", &s)]))
                        .unwrap_or_default();
                    return Err(w::K_NOT_A_KEY.fill(&[("s", &s), ("hint", &hint)]));
                }
            }
        };
        if code == KeyCodeOrd::Named("esc") {
            return Err(w::K_ESC.get().into());
        }
        Ok(Key { code, ctrl, alt })
    }

    pub fn from_event(e: &KeyEvent) -> Option<Key> {
        let ctrl = e.modifiers.contains(KeyModifiers::CONTROL);
        let alt = e.modifiers.contains(KeyModifiers::ALT);
        let code = match e.code {
            KeyCode::Char(c) => KeyCodeOrd::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
            KeyCode::F(n) => KeyCodeOrd::F(n),
            other => KeyCodeOrd::Named(NAMED.iter().find(|(_, k)| *k == other)?.0),
        };
        Some(Key { code, ctrl, alt })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("ctrl-")?;
        }
        if self.alt {
            f.write_str("alt-")?;
        }
        match self.code {
            KeyCodeOrd::Char(' ') => f.write_str("space"),
            KeyCodeOrd::Char(c) => write!(f, "{c}"),
            KeyCodeOrd::F(n) => write!(f, "f{n}"),
            KeyCodeOrd::Named(n) => f.write_str(n),
        }
    }
}

/// A merged keymap: key → action, for the normal screen and for each other mode.
#[derive(Debug, Clone, Default)]
pub struct Keymap {
    pub bindings: BTreeMap<Key, Action>,
    pub modes: BTreeMap<Table, BTreeMap<Key, Action>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct KeymapError {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for KeymapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}: {}", self.file, l, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

fn suggest<'a>(word: &str, options: &[&'a str]) -> Option<&'a str> {
    fn dist(a: &str, b: &str) -> usize {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        let mut prev: Vec<usize> = (0..=b.len()).collect();
        for i in 1..=a.len() {
            let mut cur = vec![i; b.len() + 1];
            for j in 1..=b.len() {
                cur[j] = (prev[j - 1] + usize::from(a[i - 1] != b[j - 1]))
                    .min(prev[j] + 1)
                    .min(cur[j - 1] + 1);
            }
            prev = cur;
        }
        prev[b.len()]
    }
    options
        .iter()
        .map(|o| (dist(word, o), *o))
        .filter(|(d, o)| *d <= (o.len() / 3).max(2))
        .min()
        .map(|x| x.1)
}

fn line_of(text: &str, needle: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            let t = l.trim_start();
            t.starts_with(&format!("\"{needle}\""))
                || t.starts_with(&format!("'{needle}'"))
                || t.starts_with(&format!("{needle} "))
                || t.starts_with(&format!("{needle}="))
        })
        .map(|i| i + 1)
}

/// The line of `key` in the `[section]` table (a key may be bound in several).
fn line_in_section(text: &str, section: &str, key: &str) -> Option<usize> {
    let head = format!("[{section}]");
    let start = text
        .lines()
        .position(|l| l.trim() == head)
        .map_or(0, |i| i + 1);
    let rest: String = text.lines().skip(start).collect::<Vec<_>>().join("\n");
    line_of(&rest, key)
        .map(|l| l + start)
        .or_else(|| line_of(text, key))
}

/// One parsed layer: the preset it extends and its bindings (`None` unbinds).
struct Layer {
    extends: Option<String>,
    keys: Vec<(Table, Key, Option<Action>)>,
}

fn parse_layer(file: &str, text: &str) -> Result<Layer, KeymapError> {
    let err = |line: Option<usize>, message: String| KeymapError {
        file: file.to_string(),
        line,
        message,
    };
    let value: toml::Table = text.parse().map_err(|e: toml::de::Error| {
        let line = e
            .span()
            .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
        err(line, w::K_TOML.fill(&[("e", &e.message())]))
    })?;
    let mut layer = Layer {
        extends: None,
        keys: Vec::new(),
    };
    for (k, v) in &value {
        match (k.as_str(), v) {
            ("extends", toml::Value::String(s)) => layer.extends = Some(s.clone()),
            ("extends", _) => return Err(err(line_of(text, "extends"), w::K_EXTENDS.get().into())),
            (section, toml::Value::Table(t)) if Table::from_section(section).is_some() => {
                let table = Table::from_section(section).unwrap_or(Table::Normal);
                for (key, action) in t {
                    let line = line_in_section(text, section, key);
                    let (k, a) = parse_binding(table, key, action).map_err(|m| err(line, m))?;
                    layer.keys.push((table, k, a));
                }
            }
            (other, _) => {
                let mut names = vec!["extends"];
                names.extend(Table::ALL.iter().map(|t| t.section()));
                let hint = suggest(other, &names)
                    .map(|s| w::K_DID_YOU_MEAN.fill(&[("s", &s)]))
                    .unwrap_or_default();
                let line = line_of(text, other).or_else(|| line_of(text, &format!("[{other}]")));
                let m = w::K_UNKNOWN_SETTING.fill(&[("other", &other), ("hint", &hint)]);
                return Err(err(line, m));
            }
        }
    }
    Ok(layer)
}

/// One line of a table: the key and its action (`None` unbinds).
fn parse_binding(
    table: Table,
    key: &str,
    action: &toml::Value,
) -> Result<(Key, Option<Action>), String> {
    let k = Key::parse(key)?;
    if table == Table::Prompt && !k.ctrl && !k.alt && matches!(k.code, KeyCodeOrd::Char(_)) {
        return Err(w::K_PROMPT_CHAR.fill(&[("key", &key)]));
    }
    let toml::Value::String(a) = action else {
        return Err(w::K_NOT_STRING.fill(&[("key", &key)]));
    };
    if a == "none" {
        return Ok((k, None));
    }
    let Some(act) = Action::from_name(a) else {
        let names: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
        let hint = suggest(a, &names)
            .map(|s| w::K_DID_YOU_MEAN.fill(&[("s", &s)]))
            .unwrap_or_else(|| w::K_LISTS_ACTIONS.get().into());
        return Err(w::K_UNKNOWN_ACTION.fill(&[("a", &a), ("hint", &hint)]));
    };
    if !table.allows(act) {
        let names: Vec<&str> = table.actions().iter().map(|(a, _)| a.name()).collect();
        let (section, names) = (table.section(), names.join(", "));
        let args: [(&str, &dyn fmt::Display); 3] =
            [("a", &a), ("section", &section), ("names", &names)];
        return Err(w::K_NOT_IN_TABLE.fill(&args));
    }
    Ok((k, Some(act)))
}

impl Keymap {
    /// Builds the merged keymap from a user's file (if any), resolving `extends`.
    pub fn load(user: Option<(&str, &str)>) -> Result<Keymap, KeymapError> {
        let mut chain: Vec<(String, Layer)> = Vec::new();
        let mut next: Option<String> = None;
        if let Some((file, text)) = user {
            let l = parse_layer(file, text)?;
            next = Some(l.extends.clone().unwrap_or_else(|| "default".into()));
            chain.push((file.to_string(), l));
        } else {
            next = next.or(Some("default".into()));
        }
        let mut seen = Vec::new();
        while let Some(name) = next.take() {
            if seen.contains(&name) {
                return Err(KeymapError {
                    file: chain.last().map(|c| c.0.clone()).unwrap_or_default(),
                    line: None,
                    message: w::K_LOOP.fill(&[("name", &name)]),
                });
            }
            seen.push(name.clone());
            let Some((_, text)) = PRESETS.iter().find(|(n, _)| *n == name) else {
                let names: Vec<&str> = PRESETS.iter().map(|p| p.0).collect();
                let from = chain.last().map(|c| c.0.clone()).unwrap_or_default();
                let line = chain
                    .last()
                    .and_then(|_| user.and_then(|(_, t)| line_of(t, "extends")));
                let hint = suggest(&name, &names)
                    .map(|s| w::K_DID_YOU_MEAN_LEAD.fill(&[("s", &s)]))
                    .unwrap_or_default();
                return Err(KeymapError {
                    file: from,
                    line,
                    message: w::K_NO_PRESET.fill(&[
                        ("name", &name),
                        ("hint", &hint),
                        ("names", &names.join(", ")),
                    ]),
                });
            };
            let l = parse_layer(&format!("keymaps/{name}.toml"), text)?;
            if name != "default" {
                next = Some(l.extends.clone().unwrap_or_else(|| "default".into()));
            }
            chain.push((name, l));
        }
        let mut km = Keymap::default();
        for (_, layer) in chain.iter().rev() {
            for (t, k, a) in &layer.keys {
                let map = km.table_mut(*t);
                match a {
                    Some(a) => {
                        map.insert(*k, *a);
                    }
                    None => {
                        map.remove(k);
                    }
                }
            }
        }
        km.keeps_a_way_out(chain.first().map_or("", |c| c.0.as_str()))?;
        Ok(km)
    }

    /// The screen must keep a key that quits and one that opens help: a keymap that
    /// unbinds all of either is refused, naming its file.
    fn keeps_a_way_out(&self, file: &str) -> Result<(), KeymapError> {
        for (a, name, example) in [
            (Action::Quit, "quit", "\"ctrl-q\" = \"quit\""),
            (Action::Help, "help", "\"f1\" = \"help\""),
        ] {
            if !self.bindings.values().any(|b| *b == a) {
                return Err(KeymapError {
                    file: file.to_string(),
                    line: None,
                    message: w::K_NO_WAY_OUT.fill(&[("name", &name), ("example", &example)]),
                });
            }
        }
        let inbox = self.modes.get(&Table::Inbox);
        if !inbox.is_some_and(|m| m.values().any(|b| *b == Action::Quit)) {
            return Err(KeymapError {
                file: file.to_string(),
                line: None,
                message: w::K_NO_INBOX_QUIT.get().into(),
            });
        }
        Ok(())
    }

    /// The user's keymap from `--keymap FILE` or the config directory, merged.
    pub fn from_config(explicit: Option<&Path>) -> Result<Keymap, KeymapError> {
        let path = match explicit {
            Some(p) => Some(p.to_path_buf()),
            None => crate::record::dirs::config_file("keymap.toml").filter(|p| p.exists()),
        };
        match path {
            None => Keymap::load(None),
            Some(p) => {
                let text = std::fs::read_to_string(&p).map_err(|e| KeymapError {
                    file: p.display().to_string(),
                    line: None,
                    message: w::K_CANNOT_READ.fill(&[("e", &e)]),
                })?;
                Keymap::load(Some((&p.display().to_string(), &text)))
            }
        }
    }

    fn table_mut(&mut self, t: Table) -> &mut BTreeMap<Key, Action> {
        match t {
            Table::Normal => &mut self.bindings,
            _ => self.modes.entry(t).or_default(),
        }
    }

    fn table(&self, t: Table) -> Option<&BTreeMap<Key, Action>> {
        match t {
            Table::Normal => Some(&self.bindings),
            _ => self.modes.get(&t),
        }
    }

    /// The normal screen's action for a key.
    pub fn action(&self, e: &KeyEvent) -> Option<Action> {
        self.action_in(Table::Normal, e)
    }

    /// The action a key has in a mode's table.
    pub fn action_in(&self, t: Table, e: &KeyEvent) -> Option<Action> {
        let k = Key::from_event(e)?;
        self.table(t)?.get(&k).copied()
    }

    /// The keys bound to an action on the normal screen, in a stable order.
    pub fn keys_for(&self, a: Action) -> Vec<Key> {
        self.keys_in(Table::Normal, a)
    }

    /// The keys bound to an action in a table, in a stable order: what the hint line
    /// shows comes first (plain characters on the screen, the arrows and enter in the
    /// modes, where letters are typed or scarce).
    pub fn keys_in(&self, t: Table, a: Action) -> Vec<Key> {
        let mut v: Vec<Key> = self
            .table(t)
            .into_iter()
            .flatten()
            .filter(|(_, b)| **b == a)
            .map(|(k, _)| *k)
            .collect();
        let normal = t == Table::Normal;
        v.sort_by_key(|k| {
            let named = !matches!(k.code, KeyCodeOrd::Char(_));
            (k.ctrl || k.alt, named == normal, *k)
        });
        v
    }

    /// The merged keymap as a TOML file a user can copy.
    pub fn to_toml(&self) -> String {
        let mut s = String::from("# nianbao keymap (merged)\n[keys]\n");
        for a in Action::ALL {
            for k in self.keys_for(*a) {
                s.push_str(&binding_line(k, *a, a.help().get()));
            }
        }
        for t in &Table::ALL[1..] {
            s.push_str(&format!("\n# {}\n[{}]\n", t.what(), t.section()));
            for (a, what) in t.actions() {
                for k in self.keys_in(*t, *a) {
                    s.push_str(&binding_line(k, *a, what.get()));
                }
            }
        }
        s
    }
}

fn binding_line(k: Key, a: Action, what: &str) -> String {
    format!(
        "\"{}\" = \"{}\"  # {}\n",
        k.to_string().replace('\\', "\\\\").replace('"', "\\\""),
        a.name(),
        what
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, m)
    }

    #[test]
    fn every_shipped_keymap_parses() {
        for (name, _) in PRESETS {
            let user = format!("extends = \"{name}\"\n");
            let km =
                Keymap::load(Some(("test.toml", &user))).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(
                km.bindings.values().any(|a| *a == Action::Quit),
                "{name} can quit"
            );
            assert!(
                km.bindings.values().any(|a| *a == Action::Help),
                "{name} has help"
            );
        }
    }

    #[test]
    fn layers_override_and_unbind() {
        let km = Keymap::load(Some((
            "mine.toml",
            "extends = \"vim\"\n[keys]\n\"q\" = \"none\"\n\"Q\" = \"quit\"\n",
        )))
        .unwrap();
        assert_eq!(
            km.action(&key(KeyCode::Char('Q'), KeyModifiers::SHIFT)),
            Some(Action::Quit)
        );
        assert_eq!(
            km.action(&key(KeyCode::Char('q'), KeyModifiers::NONE)),
            None
        );
        // from vim
        assert_eq!(
            km.action(&key(KeyCode::Char('d'), KeyModifiers::CONTROL)),
            Some(Action::PageDown)
        );
        // from default
        assert_eq!(
            km.action(&key(KeyCode::Char('j'), KeyModifiers::NONE)),
            Some(Action::MoveDown)
        );
    }

    #[test]
    fn mistakes_name_file_line_and_suggestion() {
        let e = Keymap::load(Some(("mine.toml", "[keys]\n\"j\" = \"move_donw\"\n"))).unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.to_string().starts_with("mine.toml:2:"), "{e}");
        assert!(e.message.contains("did you mean \"move_down\""), "{e}");
        let e = Keymap::load(Some(("mine.toml", "\n[keys]\n\"esc\" = \"quit\"\n"))).unwrap_err();
        assert_eq!(e.line, Some(3));
        assert!(e.message.contains("esc cannot be bound"));
        let e = Keymap::load(Some((
            "mine.toml",
            "[keys]\n\"x\" = \"undo\"\n[quit]\n\"x\" = \"undo\"\n",
        )))
        .unwrap_err();
        assert_eq!(e.line, Some(4), "{e}");
        assert!(e.message.contains("not an action of [quit]"), "{e}");
        let e = Keymap::load(Some(("mine.toml", "[prompt]\n\"j\" = \"activate\"\n"))).unwrap_err();
        assert!(e.message.contains("characters are typed there"), "{e}");
        let e = Keymap::load(Some(("mine.toml", "extends = \"vin\"\n"))).unwrap_err();
        assert!(e.message.contains("did you mean \"vim\""), "{e}");
        let e = Keymap::load(Some(("mine.toml", "[keys\n"))).unwrap_err();
        assert_eq!(e.line, Some(1));
        let e =
            Keymap::load(Some(("mine.toml", "[keys]\n\"pgdn\" = \"page_down\"\n"))).unwrap_err();
        assert!(e.message.contains("not a key"), "{e}");
    }

    #[test]
    fn a_keymap_without_quit_or_help_is_refused_naming_its_file() {
        let no_quit = "[keys]\n\"q\" = \"none\"\n\"ctrl-c\" = \"none\"\n";
        let e = Keymap::load(Some(("my.toml", no_quit))).unwrap_err();
        assert_eq!(e.file, "my.toml");
        assert!(e.message.contains("quit"), "{e}");
        let no_help = "[keys]\n\"?\" = \"none\"\n\"f1\" = \"none\"\n";
        let e = Keymap::load(Some(("my.toml", no_help))).unwrap_err();
        assert!(e.message.contains("help"), "{e}");
        let moved = "[keys]\n\"q\" = \"none\"\n\"ctrl-c\" = \"none\"\n\"ctrl-q\" = \"quit\"\n";
        assert!(Keymap::load(Some(("my.toml", moved))).is_ok());
        let no_inbox_quit = "[inbox]\n\"q\" = \"none\"\n\"ctrl-c\" = \"none\"\n";
        let e = Keymap::load(Some(("my.toml", no_inbox_quit))).unwrap_err();
        assert!(e.message.contains("[inbox]"), "{e}");
    }

    #[test]
    fn printed_keymap_reads_back_the_same() {
        let km = Keymap::load(None).unwrap();
        let again = Keymap::load(Some(("printed.toml", &km.to_toml()))).unwrap();
        assert_eq!(km.bindings, again.bindings);
        assert_eq!(km.modes, again.modes);
        assert!(!km.modes.is_empty(), "the modes have tables");
    }
}
