//! Screen settings from `config.toml` in the config directory:
//! `ambiguous_width = 1|2`, `ascii_borders = true|false`, `mouse = true|false`.

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub ambiguous_width: u8,
    pub ascii_borders: bool,
    pub mouse: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            ambiguous_width: 1,
            ascii_borders: false,
            mouse: false,
        }
    }
}

pub fn path() -> Option<std::path::PathBuf> {
    crate::record::dirs::config_file("config.toml")
}

/// The settings, or the defaults with a warning on stderr when the file is wrong.
pub fn load() -> Config {
    let Some(p) = path() else {
        return Config::default();
    };
    let Ok(text) = std::fs::read_to_string(&p) else {
        return Config::default();
    };
    match toml::from_str::<Config>(&text) {
        Ok(c) if c.ambiguous_width == 1 || c.ambiguous_width == 2 => c,
        Ok(_) => {
            eprintln!(
                "nianbao: {}: ambiguous_width must be 1 or 2; using 1",
                p.display()
            );
            Config {
                ambiguous_width: 1,
                ..Config::default()
            }
        }
        Err(e) => {
            eprintln!(
                "nianbao: {}: {}; using the defaults",
                p.display(),
                e.message()
            );
            Config::default()
        }
    }
}
