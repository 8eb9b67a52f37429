//! Screen settings from `config.toml` in the config directory:
//! `ambiguous_width = 1|2`, `ascii_borders = true|false`, `mouse = true|false`,
//! `lang = "zh"|"en"` (the language of everything nianbao says; `--lang` wins over it,
//! and it over the environment).

use super::says;
use crate::lang::Lang;
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub ambiguous_width: u8,
    pub ascii_borders: bool,
    pub mouse: bool,
    pub lang: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            ambiguous_width: 1,
            ascii_borders: false,
            mouse: false,
            lang: None,
        }
    }
}

impl Config {
    /// The language the file asks for (`zh` or `en`), if it asks for one it knows.
    pub fn language(&self) -> Option<Lang> {
        match self.lang.as_deref().map(str::trim) {
            Some("zh") => Some(Lang::Zh),
            Some("en") => Some(Lang::En),
            _ => None,
        }
    }
}

pub fn path() -> Option<std::path::PathBuf> {
    crate::record::dirs::config_file("config.toml")
}

/// The settings as the file gives them, quietly (`None` without a readable, valid file):
/// the language is chosen from it before anything is said.
pub fn read() -> Option<Config> {
    let text = std::fs::read_to_string(path()?).ok()?;
    toml::from_str::<Config>(&text).ok()
}

/// The settings, or the defaults with a warning on stderr when the file is wrong.
pub fn load() -> Config {
    let Some(p) = path() else {
        return Config::default();
    };
    let Ok(text) = std::fs::read_to_string(&p) else {
        return Config::default();
    };
    let shown = p.display().to_string();
    match toml::from_str::<Config>(&text) {
        Ok(c) => {
            if c.lang.is_some() && c.language().is_none() {
                eprintln!("nianbao: {}", says::CONFIG_LANG.fill(&[("path", &shown)]));
            }
            if c.ambiguous_width == 1 || c.ambiguous_width == 2 {
                return c;
            }
            eprintln!(
                "nianbao: {}",
                says::CONFIG_AMBIGUOUS.fill(&[("path", &shown)])
            );
            Config {
                ambiguous_width: 1,
                ..c
            }
        }
        Err(e) => {
            eprintln!(
                "nianbao: {}",
                says::CONFIG_BAD.fill(&[("path", &shown), ("e", &e.message())])
            );
            Config::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lang_is_read_from_the_file() {
        let c: Config = toml::from_str("lang = \"zh\"\nmouse = true\n").unwrap();
        assert_eq!(c.language(), Some(Lang::Zh));
        let c: Config = toml::from_str("lang = \"en\"\n").unwrap();
        assert_eq!(c.language(), Some(Lang::En));
        let c: Config = toml::from_str("lang = \"fr\"\n").unwrap();
        assert_eq!(c.language(), None);
        assert_eq!(Config::default().language(), None);
    }
}
