//! Settings at the edge: reading `.copydesk.toml` files from disk, the
//! editor's settings (initializationOptions, workspace/configuration,
//! didChangeConfiguration), and the per-document effective config.
//!
//! The core ([`crate::config`]) parses text; this module does the I/O. The
//! CLI reads config files through [`discover`] and [`read_file`] too.
//!
//! A [`Store`] keeps the editor layer, every config file read so far (with
//! its last good layer) and which file applies to which folder. A reload
//! whose text is not valid TOML keeps the last good layer and reports the
//! errors; other problems (an unknown key) are reported and the rest applies.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;

use crate::config::{self, Config, ConfigError, Effective, Layer, Source};

/// A config file as read from disk.
#[derive(Debug, Clone)]
pub struct FileConfig {
    pub path: PathBuf,
    pub layer: Layer,
    pub errors: Vec<ConfigError>,
}

/// The nearest `.copydesk.toml` for a document at `path` (walking up).
pub fn discover(path: &Path) -> Option<PathBuf> {
    config::candidate_paths(path)
        .into_iter()
        .find(|p| p.is_file())
}

/// Read and parse the config file at `path`, making relative paths in it
/// absolute against its folder. `Err` says why it could not be read.
pub fn read_file(path: &Path) -> Result<FileConfig, String> {
    let bytes = std::fs::read(path)
        .map_err(|e| format!("{}: could not read the config file: {e}", path.display()))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "{}: the config file is not UTF-8 text (invalid byte at offset {})",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })?;
    Ok(parse_file(path, &text))
}

/// Parse `text` as the config file at `path`.
pub fn parse_file(path: &Path, text: &str) -> FileConfig {
    let (mut layer, errors) = config::parse_layer(&path.display().to_string(), text);
    if let Some(dir) = path.parent() {
        layer.resolve_paths(dir);
    }
    FileConfig {
        path: path.to_path_buf(),
        layer,
        errors,
    }
}

/// The `copydesk` section of editor settings: `{"copydesk": {...}}` or the
/// settings themselves. `null` when there are none.
pub fn editor_section(value: &Value) -> &Value {
    match value.get("copydesk") {
        Some(section) => section,
        None => value,
    }
}

/// Parse editor settings; relative paths start at `root` when given.
pub fn parse_editor(value: &Value, root: Option<&Path>) -> (Layer, Vec<ConfigError>) {
    let (mut layer, errors) = config::from_json("copydesk settings", editor_section(value));
    if let Some(root) = root {
        layer.resolve_paths(root);
    }
    (layer, errors)
}

/// One config file the server knows: its last good layer and the problems
/// of its latest read.
#[derive(Debug, Clone, Default)]
pub struct KnownFile {
    pub layer: Option<Layer>,
    pub errors: Vec<ConfigError>,
}

/// What the server knows about settings.
#[derive(Debug, Default)]
pub struct Store {
    pub editor: Layer,
    pub editor_errors: Vec<ConfigError>,
    /// Config file path -> what was read from it.
    pub files: HashMap<PathBuf, KnownFile>,
    /// Document folder -> its nearest config file, once looked up.
    pub nearest: HashMap<PathBuf, Option<PathBuf>>,
}

/// What a reload changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reloaded {
    /// The new text applies (maybe with some reported problems).
    Applied,
    /// Not valid TOML or unreadable: the last good config stays.
    KeptLastGood,
    /// The file is gone.
    Removed,
}

impl Store {
    /// The nearest config file for a document at `path`, reading it the
    /// first time.
    pub fn file_for(&mut self, path: &Path) -> Option<PathBuf> {
        let dir = path.parent()?.to_path_buf();
        if !self.nearest.contains_key(&dir) {
            let found = discover(path);
            if let Some(f) = &found {
                if !self.files.contains_key(f) {
                    self.reload(f);
                }
            }
            self.nearest.insert(dir.clone(), found);
        }
        self.nearest.get(&dir).cloned().flatten()
    }

    /// Re-read one config file from disk (it changed, appeared or went).
    pub fn reload(&mut self, path: &Path) -> Reloaded {
        if !path.exists() {
            self.files.remove(path);
            self.nearest.clear();
            return Reloaded::Removed;
        }
        let outcome = match read_file(path) {
            Ok(f) => self.apply_text_result(f),
            Err(message) => {
                let entry = self.files.entry(path.to_path_buf()).or_default();
                entry.errors = vec![ConfigError {
                    file: path.display().to_string(),
                    line: 1,
                    column: 1,
                    key: String::new(),
                    message,
                    kind: config::ErrorKind::Syntax,
                    range: None,
                }];
                Reloaded::KeptLastGood
            }
        };
        // A new file may now be the nearest one for some folders.
        self.nearest.clear();
        outcome
    }

    /// Apply a config file's text (from disk or from the editor buffer).
    pub fn apply_text(&mut self, path: &Path, text: &str) -> Reloaded {
        let f = parse_file(path, text);
        self.apply_text_result(f)
    }

    fn apply_text_result(&mut self, f: FileConfig) -> Reloaded {
        let entry = self.files.entry(f.path.clone()).or_default();
        let fatal = config::is_fatal(&f.errors);
        entry.errors = f.errors;
        if fatal && entry.layer.is_some() {
            Reloaded::KeptLastGood
        } else {
            entry.layer = Some(f.layer);
            Reloaded::Applied
        }
    }

    /// Replace the editor layer.
    pub fn set_editor(&mut self, value: &Value, root: Option<&Path>) {
        let (layer, errors) = parse_editor(value, root);
        self.editor = layer;
        self.editor_errors = errors;
    }

    /// The effective config for a document at `path` (or `None` for a
    /// document that is not a file): default < nearest file < editor.
    pub fn effective(&mut self, path: Option<&Path>) -> Effective {
        let file = path.and_then(|p| self.file_for(p));
        let file_layer = file
            .as_ref()
            .and_then(|f| self.files.get(f))
            .and_then(|k| k.layer.clone());
        let mut layers: Vec<(Source, &Layer)> = Vec::new();
        if let (Some(f), Some(layer)) = (&file, &file_layer) {
            layers.push((Source::File(f.display().to_string()), layer));
        }
        layers.push((Source::Editor, &self.editor));
        config::resolve(&layers)
    }

    pub fn config_for(&mut self, path: Option<&Path>) -> Arc<Config> {
        Arc::new(self.effective(path).config)
    }
}

/// True when `path` names a copydesk config file.
pub fn is_config_path(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == config::FILE_NAME)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::RuleLevel;

    fn temp_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("copydesk-settings-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        dir
    }

    #[test]
    fn nearest_file_then_editor_and_last_good_on_a_bad_reload() {
        let dir = temp_dir("store");
        let cfg = dir.join(".copydesk.toml");
        std::fs::write(
            &cfg,
            "quoteMinWords = 6\n[rules]\nunattributed-quote = \"error\"\n",
        )
        .unwrap();
        let doc = dir.join("sub").join("story.md");
        let mut store = Store::default();
        let e = store.effective(Some(&doc));
        assert_eq!(e.config.quote_min_words, 6);
        assert_eq!(e.config.rules["unattributed-quote"], RuleLevel::Error);

        store.set_editor(&serde_json::json!({"copydesk": {"quoteMinWords": 9}}), None);
        assert_eq!(store.effective(Some(&doc)).config.quote_min_words, 9);
        assert_eq!(
            store.effective(Some(&doc)).config.rules["unattributed-quote"],
            RuleLevel::Error
        );

        std::fs::write(&cfg, "[rules]\nunattributed-quote = \"hint").unwrap();
        assert_eq!(store.reload(&cfg), Reloaded::KeptLastGood);
        assert_eq!(
            store.effective(Some(&doc)).config.rules["unattributed-quote"],
            RuleLevel::Error
        );
        assert!(!store.files[&cfg].errors.is_empty());

        std::fs::write(&cfg, "[rules]\nunattributed-quote = \"hint\"\nbogus = 1\n").unwrap();
        assert_eq!(store.reload(&cfg), Reloaded::Applied);
        assert_eq!(
            store.effective(Some(&doc)).config.rules["unattributed-quote"],
            RuleLevel::Hint
        );
        assert_eq!(store.files[&cfg].errors.len(), 1);

        std::fs::remove_file(&cfg).unwrap();
        assert_eq!(store.reload(&cfg), Reloaded::Removed);
        assert!(!store
            .effective(Some(&doc))
            .config
            .rules
            .contains_key("unattributed-quote"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
