//! What the app remembers between runs: language, theme, recent file pairs and the reconciliation settings.
//! Stored as TOML in the user's config folder (`$POSRECON_HOME` overrides it).

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::app::i18n::Language;
use crate::engine::Config;
use crate::import::mapping::Profile;

/// How many recent file sets are kept.
pub const RECENT_MAX: usize = 6;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub language: Language,
    pub dark: bool,
    /// Recently reconciled file sets, newest first.
    pub recent: Vec<Vec<PathBuf>>,
    pub config: Config,
    /// Column layouts saved from the import check, reused for files with the same header.
    pub layouts: Vec<SavedLayout>,
    /// The workspace file opened last (app::workspace_file); None: the default one.
    pub workspace: Option<PathBuf>,
    /// Where they are saved; `None` (the default) keeps them in memory only.
    #[serde(skip)]
    pub file: Option<PathBuf>,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs {
            language: Language::from_system(),
            dark: false,
            recent: Vec::new(),
            config: Config::default(),
            layouts: Vec::new(),
            workspace: None,
            file: None,
        }
    }
}

/// A named column mapping for files with this exact header.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedLayout {
    pub name: String,
    pub header: Vec<String>,
    pub profile: Profile,
}

impl Prefs {
    /// Saves (or replaces, by header) a layout.
    pub fn save_layout(&mut self, layout: SavedLayout) {
        self.layouts.retain(|l| l.header != layout.header);
        self.layouts.push(layout);
    }

    /// Loads the saved preferences from the user's config folder; defaults when there are none or they cannot be
    /// read. Later changes are saved there.
    pub fn load() -> Prefs {
        let Some(path) = path() else { return Prefs::default() };
        let mut prefs: Prefs = std::fs::read_to_string(&path)
            .ok()
            .and_then(|text| toml::from_str(&text).ok())
            .unwrap_or_default();
        prefs.file = Some(path);
        prefs
    }

    /// Saves them where they were loaded from (nowhere for in-memory prefs); a failure is only reported.
    pub fn save(&self) -> Result<(), String> {
        let Some(path) = &self.file else { return Ok(()) };
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).map_err(|e| format!("{}: {e}", folder.display()))?;
        }
        let text = toml::to_string(self).map_err(|e| e.to_string())?;
        std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Puts a file set first in the recent list.
    pub fn remember(&mut self, files: &[PathBuf]) {
        if files.is_empty() {
            return;
        }
        self.recent.retain(|set| set.as_slice() != files);
        self.recent.insert(0, files.to_vec());
        self.recent.truncate(RECENT_MAX);
    }
}

fn path() -> Option<PathBuf> {
    let folder = if let Some(home) = std::env::var_os("POSRECON_HOME") {
        PathBuf::from(home)
    } else if let Some(appdata) = std::env::var_os("APPDATA") {
        PathBuf::from(appdata).join("posrecon")
    } else if let Some(config) = std::env::var_os("XDG_CONFIG_HOME") {
        PathBuf::from(config).join("posrecon")
    } else {
        PathBuf::from(std::env::var_os("HOME")?)
            .join(".config")
            .join("posrecon")
    };
    Some(folder.join("prefs.toml"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remember_puts_newest_first_without_repeats() {
        let mut prefs = Prefs::default();
        let a = vec![PathBuf::from("a.csv"), PathBuf::from("a.xlsx")];
        let b = vec![PathBuf::from("b.csv")];
        prefs.remember(&a);
        prefs.remember(&b);
        prefs.remember(&a);
        assert_eq!(prefs.recent, vec![a, b]);
        for i in 0..10 {
            prefs.remember(&[PathBuf::from(format!("{i}.csv"))]);
        }
        assert_eq!(prefs.recent.len(), RECENT_MAX);
    }

    #[test]
    fn prefs_survive_a_toml_round_trip() {
        let mut prefs = Prefs {
            language: Language::En,
            dark: true,
            ..Prefs::default()
        };
        prefs.remember(&[PathBuf::from("x.csv")]);
        let text = toml::to_string(&prefs).unwrap_or_default();
        let back: Prefs = toml::from_str(&text).unwrap_or_default();
        assert_eq!(back, prefs);
    }
}
