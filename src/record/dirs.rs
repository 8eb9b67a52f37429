//! Where nianbao keeps its files outside the reports' folders: the one place the
//! platform's directories are looked up.

use std::path::PathBuf;

fn project() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "nianbao")
}

/// The data directory (corrections of reports in read-only folders, the demo report);
/// a folder in the temporary directory when the platform names none.
pub fn data_dir() -> PathBuf {
    project()
        .map(|d| d.data_dir().to_path_buf())
        .unwrap_or_else(|| std::env::temp_dir().join("nianbao"))
}

/// A file in the config directory (`config.toml`, `keymap.toml`), when the platform
/// names one.
pub fn config_file(name: &str) -> Option<PathBuf> {
    project().map(|d| d.config_dir().join(name))
}
